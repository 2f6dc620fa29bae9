//! HRM's sociaal jaarbeeld (issue #13): choose a half year and a format, and download the
//! report — the same file `polsslag report` writes; and the indicators from outside the
//! polls that it shows beside the themes, which HRM defines and records, and a unit's
//! coordinator records for their unit. Plain forms, so they work without JavaScript.

use super::staff::{error_of, has_error, page_title, Signed};
use crate::domain::{
    IndicatorDraft, IndicatorInfo, IndicatorKind, IndicatorRow, IndicatorValueDraft, Localized,
    Period, StaffNav, UnitIndicatorsView, CSRF_FIELD,
};
use crate::i18n::{use_locale, Locale, Message};
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

/// The name of an indicator's kind.
fn kind_name(locale: Locale, kind: IndicatorKind) -> String {
    match kind {
        IndicatorKind::Count => tr!(locale, "indicators-kind-count"),
        IndicatorKind::Percent => tr!(locale, "indicators-kind-percent"),
        IndicatorKind::Number => tr!(locale, "indicators-kind-number"),
    }
}

/// An indicator's kind as a table shows it: "aantal (mensen)" where it counts people.
fn kind_label(locale: Locale, info: &IndicatorInfo) -> String {
    if info.people {
        tr!(
            locale,
            "indicators-kind-people",
            kind = kind_name(locale, info.kind)
        )
    } else {
        kind_name(locale, info.kind)
    }
}

/// The row header of an indicator: its name, code and definition, and `extra` below them.
fn name_cell(locale: Locale, info: &IndicatorInfo, extra: Option<String>) -> impl IntoView {
    view! {
        <th scope="row">{info.name.get(locale).to_string()}" "<span class="hint">"("{info.code.clone()}")"</span>
            <br/><span class="hint">{info.definition.get(locale).to_string()}</span>
            {extra.map(|t| view! { <br/><span class="hint">{t}</span> })}</th>
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
                            let theme = r.info.theme.as_ref().map(|t| t.get(locale).to_string()).unwrap_or_else(|| "–".into());
                            view! {
                                <tr>
                                    {name_cell(locale, &r.info, None)}
                                    <td>{theme}</td>
                                    <td>{kind_label(locale, &r.info)}</td>
                                    <td>{r.info.source}</td>
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
        <CsvValuesForm csrf=csrf.clone() action="/hrm/indicatoren/waarden"
            hint=tr!(locale, "indicators-values-hint") csv errors=errors.clone()/>
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
                                {kind_name(locale, k)}
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

/// The form that records indicator values from pasted CSV text, with the errors of the last
/// try (field `csv`) listed above it.
#[component]
fn CsvValuesForm(
    csrf: String,
    action: &'static str,
    hint: String,
    csv: String,
    errors: Vec<(String, Message)>,
) -> impl IntoView {
    let locale = use_locale();
    let csv_errors: Vec<String> = errors
        .iter()
        .filter(|(f, _)| f == "csv")
        .map(|(_, m)| m.text(locale))
        .collect();
    let csv_bad = !csv_errors.is_empty();
    view! {
        <section class="card">
            <h2>{tr!(locale, "indicators-values-title")}</h2>
            <p class="hint" id="csv-hint">{hint}</p>
            <form method="post" action=action class="stack">
                <input type="hidden" name=CSRF_FIELD value=csrf/>
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
    }
}

/// A coordinator's home (`/coordinatie`): the indicators of their unit with the values
/// recorded so far, a form to record one value and one to record many from CSV.
#[component]
pub fn CoordinatorHome(
    nav: StaffNav,
    view: UnitIndicatorsView,
    draft: IndicatorValueDraft,
    csv: String,
    errors: Vec<(String, Message)>,
    recorded: Option<u64>,
) -> impl IntoView {
    let locale = use_locale();
    let csrf = nav.csrf.clone();
    let v = view;
    let bad = |f: &str| has_error(&errors, f);
    let described = |f: &str| bad(f).then(|| format!("{f}-error"));
    let title = tr!(locale, "coordinator-title", unit = v.unit_name.clone());
    let empty = v.rows.is_empty();
    let chosen_period = if draft.period.is_empty() {
        v.default_period.clone()
    } else {
        draft.period.clone()
    };
    let choices: Vec<(String, String)> = v
        .rows
        .iter()
        .map(|r| (r.info.code.clone(), r.info.name.get(locale).to_string()))
        .collect();
    let form_errors: Vec<String> = ["indicator", "period", "value", "unit"]
        .iter()
        .filter_map(|f| errors.iter().find(|(g, _)| g == f))
        .map(|(_, m)| m.text(locale))
        .collect();
    view! {
        <Title text=page_title(&title)/>
        <Signed nav/>
        <section class="card">
            <h1>{title.clone()}</h1>
            <p class="subtitle">{tr!(locale, "coordinator-intro", unit = v.unit_code.clone())}</p>
            {recorded.map(|n| view! { <p class="notice" role="status">{tr!(locale, "indicators-imported", n = n)}</p> })}
            {if empty {
                view! { <p>{tr!(locale, "coordinator-none")}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-label=tr!(locale, "indicators-title")>
                    <table>
                        <thead><tr>
                            <th scope="col">{tr!(locale, "indicators-col-name")}</th>
                            <th scope="col">{tr!(locale, "indicators-col-kind")}</th>
                            <th scope="col">{tr!(locale, "indicators-col-source")}</th>
                            <th scope="col">{tr!(locale, "coordinator-col-values")}</th>
                        </tr></thead>
                        <tbody>
                        {v.rows.into_iter().map(|r| {
                            let values = if r.values.is_empty() {
                                tr!(locale, "indicators-no-values")
                            } else {
                                r.values.iter().map(|(p, v)| format!("{p}: {v}")).collect::<Vec<_>>().join(" · ")
                            };
                            let theme = r.info.theme.as_ref().map(|t| tr!(locale, "coordinator-theme", theme = t.get(locale).to_string()));
                            view! {
                                <tr>
                                    {name_cell(locale, &r.info, theme)}
                                    <td>{kind_label(locale, &r.info)}</td>
                                    <td>{r.info.source}</td>
                                    <td>{values}</td>
                                </tr>
                            }
                        }).collect_view()}
                        </tbody>
                    </table>
                    </div>
                    <p class="hint">{tr!(locale, "coordinator-threshold")}</p>
                }.into_any()
            }}
        </section>
        {(!empty).then(|| view! {
            <section class="card">
                <h2>{tr!(locale, "coordinator-record-title")}</h2>
                <form method="post" action="/coordinatie/waarde" class="stack">
                    <input type="hidden" name=CSRF_FIELD value=csrf.clone()/>
                    {(!form_errors.is_empty()).then(|| view! {
                        <div class="error-summary" role="alert">
                            <ul>{form_errors.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                        </div>
                    })}
                    <label for="indicator">{tr!(locale, "indicators-col-name")}</label>
                    <select id="indicator" name="indicator" required
                        aria-invalid=bad("indicator").then_some("true")
                        aria-describedby=described("indicator")>
                        {choices.into_iter().map(|(code, name)| {
                            let selected = code == draft.indicator;
                            view! { <option value=code selected=selected>{name}</option> }
                        }).collect_view()}
                    </select>
                    {error_of(locale, &errors, "indicator")}
                    <label for="period">{tr!(locale, "coordinator-period")}</label>
                    <select id="period" name="period" required
                        aria-invalid=bad("period").then_some("true")
                        aria-describedby=described("period")>
                        {v.periods.into_iter().map(|p| {
                            let selected = p == chosen_period;
                            view! { <option value=p.clone() selected=selected>{p.clone()}</option> }
                        }).collect_view()}
                    </select>
                    {error_of(locale, &errors, "period")}
                    <label for="value">{tr!(locale, "coordinator-value")}</label>
                    <p class="hint" id="value-hint">{tr!(locale, "coordinator-value-hint")}</p>
                    <input id="value" name="value" required inputmode="decimal" maxlength="40"
                        autocomplete="off" value=draft.value.clone()
                        aria-invalid=bad("value").then_some("true")
                        aria-describedby=if bad("value") { "value-error value-hint" } else { "value-hint" }/>
                    {error_of(locale, &errors, "value")}
                    {error_of(locale, &errors, "unit")}
                    <div class="buttons">
                        <button type="submit" class="primary">{tr!(locale, "coordinator-record-submit")}</button>
                    </div>
                </form>
            </section>
            <CsvValuesForm csrf=csrf.clone() action="/coordinatie/waarden"
                hint=tr!(locale, "coordinator-values-hint", unit = v.unit_code.clone()) csv=csv.clone() errors=errors.clone()/>
        })}
    }
    .into_any()
}
