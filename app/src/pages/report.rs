//! HRM's sociaal jaarbeeld (issue #13): choose a half year and a format, and download the
//! report — the same file `polsslag report` writes; and the indicators from outside the
//! polls that it shows beside the themes. Plain forms, so they work without JavaScript.

use super::staff::{error_of, has_error, page_title, Signed};
use crate::domain::{
    IndicatorDraft, IndicatorKind, IndicatorRow, Localized, Period, StaffNav, CSRF_FIELD,
};
use crate::i18n::{use_locale, Message};
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

#[component]
#[allow(clippy::too_many_arguments)]
pub fn IndicatorsPage(
    nav: StaffNav,
    rows: Vec<IndicatorRow>,
    themes: Vec<(String, Localized)>,
    draft: IndicatorDraft,
    csv: String,
    errors: Vec<(String, Message)>,
    imported: Option<u64>,
) -> impl IntoView {
    let locale = use_locale();
    let csrf = nav.csrf.clone();
    let empty = rows.is_empty();
    let bad = |f: &str| has_error(&errors, f);
    let csv_errors: Vec<String> = errors
        .iter()
        .filter(|(f, _)| f == "csv")
        .map(|(_, m)| m.text(locale))
        .collect();
    let csv_bad = !csv_errors.is_empty();
    let field = |name: &'static str, label: String, value: String, lang: Option<&'static str>| {
        let invalid = bad(name);
        view! {
            <label for=name>{label}</label>
            <input id=name name=name required maxlength="500" value=value lang=lang
                aria-invalid=invalid.then_some("true")
                aria-describedby=invalid.then(|| format!("{name}-error"))/>
            {error_of(locale, &errors, name)}
        }
    };
    let kind_name = |k: IndicatorKind| match k {
        IndicatorKind::Count => tr!(locale, "indicators-kind-count"),
        IndicatorKind::Percent => tr!(locale, "indicators-kind-percent"),
        IndicatorKind::Number => tr!(locale, "indicators-kind-number"),
    };
    let kinds = [
        IndicatorKind::Count,
        IndicatorKind::Percent,
        IndicatorKind::Number,
    ];
    let chosen_kind = if draft.kind.is_empty() {
        "count".to_string()
    } else {
        draft.kind.clone()
    };
    view! {
        <Title text=page_title(&tr!(locale, "indicators-title"))/>
        <Signed nav/>
        <section class="card">
            <h1>{tr!(locale, "indicators-title")}</h1>
            <p class="subtitle">{tr!(locale, "indicators-intro")}</p>
            {imported.map(|n| view! { <p class="notice" role="status">{tr!(locale, "indicators-imported", n = n)}</p> })}
            {if empty {
                view! { <p>{tr!(locale, "indicators-none")}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-label=tr!(locale, "indicators-title")>
                    <table>
                        <thead><tr>
                            <th scope="col">{tr!(locale, "indicators-col-name")}</th>
                            <th scope="col">{tr!(locale, "indicators-col-theme")}</th>
                            <th scope="col">{tr!(locale, "indicators-col-kind")}</th>
                            <th scope="col">{tr!(locale, "indicators-col-source")}</th>
                            <th scope="col">{tr!(locale, "indicators-col-periods")}</th>
                        </tr></thead>
                        <tbody>
                        {rows.into_iter().map(|r| {
                            let periods = if r.periods.is_empty() {
                                tr!(locale, "indicators-no-values")
                            } else {
                                r.periods.iter().map(|(p, n)| tr!(locale, "indicators-period-units", period = p.clone(), n = *n as u64)).collect::<Vec<_>>().join(", ")
                            };
                            let kind = if r.people {
                                tr!(locale, "indicators-kind-people", kind = kind_name(r.kind))
                            } else {
                                kind_name(r.kind)
                            };
                            view! {
                                <tr>
                                    <th scope="row">{r.name.get(locale).to_string()}" "<span class="hint">"("{r.code}")"</span>
                                        <br/><span class="hint">{r.definition.get(locale).to_string()}</span></th>
                                    <td>{r.theme.map(|t| t.get(locale).to_string()).unwrap_or_else(|| "–".into())}</td>
                                    <td>{kind}</td>
                                    <td>{r.source}</td>
                                    <td>{periods}</td>
                                </tr>
                            }
                        }).collect_view()}
                        </tbody>
                    </table>
                    </div>
                }.into_any()
            }}
        </section>
        <section class="card">
            <h2>{tr!(locale, "indicators-values-title")}</h2>
            <p class="hint" id="csv-hint">{tr!(locale, "indicators-values-hint")}</p>
            <form method="post" action="/hrm/indicatoren/waarden" class="stack">
                <input type="hidden" name=CSRF_FIELD value=csrf.clone()/>
                {csv_bad.then(|| view! {
                    <div class="error-summary" role="alert" id="csv-error">
                        <ul>{csv_errors.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                    </div>
                })}
                <label for="csv">{tr!(locale, "indicators-values-label")}</label>
                <textarea id="csv" name="csv" rows="8" required spellcheck="false"
                    aria-invalid=csv_bad.then_some("true")
                    aria-describedby=if csv_bad { "csv-error csv-hint" } else { "csv-hint" }
                    inner_html=super::escape_text(&csv)></textarea>
                <div class="buttons">
                    <button type="submit" class="primary">{tr!(locale, "indicators-values-submit")}</button>
                </div>
            </form>
        </section>
        <section class="card">
            <h2>{tr!(locale, "indicators-new")}</h2>
            <form method="post" action="/hrm/indicatoren" class="stack">
                <input type="hidden" name=CSRF_FIELD value=csrf/>
                {field("code", tr!(locale, "indicators-code"), draft.code.clone(), None)}
                {field("name_nl", tr!(locale, "indicators-name-nl"), draft.name_nl.clone(), Some("nl"))}
                {field("name_en", tr!(locale, "indicators-name-en"), draft.name_en.clone(), Some("en"))}
                {field("definition_nl", tr!(locale, "indicators-definition-nl"), draft.definition_nl.clone(), Some("nl"))}
                {field("definition_en", tr!(locale, "indicators-definition-en"), draft.definition_en.clone(), Some("en"))}
                {field("source", tr!(locale, "indicators-source"), draft.source.clone(), None)}
                <fieldset>
                    <legend>{tr!(locale, "indicators-col-kind")}</legend>
                    {kinds.into_iter().map(|k| {
                        let id = format!("kind-{}", k.as_str());
                        let checked = chosen_kind == k.as_str();
                        let label_for = id.clone();
                        view! {
                            <label class="choice" for=label_for>
                                <input type="radio" id=id name="kind" value=k.as_str() checked=checked/>
                                {kind_name(k)}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
                <label class="choice" for="people">
                    <input type="checkbox" id="people" name="people" value="1" checked=draft.people/>
                    {tr!(locale, "indicators-people")}
                </label>
                <label for="theme_code">{tr!(locale, "indicators-col-theme")}</label>
                <select id="theme_code" name="theme_code"
                    aria-invalid=bad("theme_code").then_some("true")
                    aria-describedby=bad("theme_code").then_some("theme_code-error")>
                    <option value="">{tr!(locale, "indicators-theme-none")}</option>
                    {themes.into_iter().map(|(code, name)| {
                        let selected = code == draft.theme_code;
                        view! { <option value=code selected=selected>{name.get(locale).to_string()}</option> }
                    }).collect_view()}
                </select>
                {error_of(locale, &errors, "theme_code")}
                <div class="buttons">
                    <button type="submit" class="primary">{tr!(locale, "indicators-save")}</button>
                </div>
            </form>
        </section>
    }
    .into_any()
}
