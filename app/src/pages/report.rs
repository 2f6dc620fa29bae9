//! HRM's sociaal jaarbeeld (issue #13): choose a half year and a format, and download the
//! report — the same file `polsslag report` writes. A plain GET form, so it works without
//! JavaScript.

use super::staff::{page_title, Signed};
use crate::domain::{Period, StaffNav};
use crate::i18n::use_locale;
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ReportPage(nav: StaffNav, periods: Vec<Period>) -> impl IntoView {
    let locale = use_locale();
    let none = periods.is_empty();
    view! {
        <Title text=page_title(&tr!(locale, "report-page-title"))/>
        <Signed nav/>
        <section class="card">
            <h1>{tr!(locale, "report-page-title")}</h1>
            <p class="subtitle">{tr!(locale, "report-page-intro")}</p>
            {if none {
                view! { <p>{tr!(locale, "report-page-none")}</p> }.into_any()
            } else {
                view! {
                    <form method="get" action="/hrm/jaarbeeld/download">
                        <div class="field">
                            <label for="period">{tr!(locale, "report-page-period")}</label>
                            <select id="period" name="period">
                                {periods.into_iter().map(|p| {
                                    let p = p.to_string();
                                    view! { <option value=p.clone()>{p.clone()}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                        <fieldset class="field">
                            <legend>{tr!(locale, "report-page-format")}</legend>
                            <label class="choice">
                                <input type="radio" name="format" value="pdf" checked/>
                                {tr!(locale, "report-page-pdf")}
                            </label>
                            <label class="choice">
                                <input type="radio" name="format" value="xlsx"/>
                                {tr!(locale, "report-page-xlsx")}
                            </label>
                        </fieldset>
                        <input type="hidden" name="lang" value=locale.code()/>
                        <p class="hint">{tr!(locale, "report-page-language")}</p>
                        <button type="submit">{tr!(locale, "report-page-download")}</button>
                    </form>
                }.into_any()
            }}
        </section>
    }
}
