//! The respondent's poll page. Rendered on the server from a [`RespondentPage`] that the
//! server puts in context; without JavaScript it is a plain form that POSTs to `/v`. Once
//! hydrated it counts answers as you go and points at missing required answers before the
//! form is sent.

use crate::domain::{
    is_blank, Nav, Question, QuestionInput, RespondentPage, DONT_KNOW, FIELD_PREFIX, NAV_FIELD,
    NONCE_FIELD, PAGE_FIELD,
};
use crate::i18n::{use_locale, Locale, Message};
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;
use std::collections::{BTreeMap, BTreeSet};

/// Shared reactive state of one rendered page.
#[derive(Clone, Copy)]
struct PageState {
    /// Codes of the questions (on any page) that have an answer.
    answered: RwSignal<BTreeSet<String>>,
    /// Codes with a problem, and the message.
    errors: RwSignal<BTreeMap<String, Message>>,
    /// Set by the "Vorige" and language buttons: they never need complete answers.
    skip_check: RwSignal<bool>,
}

#[component]
pub fn PollPage() -> impl IntoView {
    let page = SharedValue::new(use_context::<RespondentPage>).into_inner();
    let locale = use_locale();
    match page {
        Some(page) => view! { <PollForm page/> }.into_any(),
        None => view! {
            <Title text=super::page_title(&tr!(locale, "poll-title"))/>
            <section class="card message">
                <h1>{tr!(locale, "poll-without-link-title")}</h1>
                <p>{tr!(locale, "poll-without-link-body")}</p>
            </section>
        }
        .into_any(),
    }
}

#[component]
fn PollForm(page: RespondentPage) -> impl IntoView {
    let locale = use_locale();
    let RespondentPage {
        form,
        page: index,
        draft,
        notice,
        nonce,
        personal,
        preview,
    } = page;
    let total_pages = form.pages.len();
    let last = index + 1 >= total_pages;
    let question_count = form.question_count();
    let state = PageState {
        answered: RwSignal::new(draft.answers.keys().cloned().collect()),
        errors: RwSignal::new(draft.errors.clone()),
        skip_check: RwSignal::new(false),
    };
    let current: Vec<Question> = form.pages.get(index).cloned().unwrap_or_default();
    let required_here: Vec<String> = current
        .iter()
        .filter(|q| q.required)
        .map(|q| q.code.clone())
        .collect();
    // Answers from the other pages — and what was typed but refused — travel along as hidden
    // fields: the draft stays in the respondent's browser, never on the server
    // (methodology.md A4), and nothing typed is lost by a page change.
    let hidden: Vec<(String, String)> = draft
        .filled()
        .filter(|code| !current.iter().any(|q| &q.code == *code))
        .flat_map(|code| {
            draft
                .values(code)
                .into_iter()
                .map(move |v| (format!("{FIELD_PREFIX}{code}"), v))
        })
        .collect();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        if state.skip_check.get_untracked() {
            return;
        }
        let answered = state.answered.get_untracked();
        let missing: Vec<&String> = required_here
            .iter()
            .filter(|c| !answered.contains(*c))
            .collect();
        if !missing.is_empty() {
            ev.prevent_default();
            state.errors.update(|e| {
                for code in &missing {
                    e.insert((*code).clone(), crate::domain::required_message());
                }
            });
            focus_error_summary();
        }
    };
    // Becomes true once the page is hydrated (effects run in the browser only); browser
    // tests wait for it, and it costs one attribute.
    let ready = RwSignal::new(false);
    Effect::new(move |_| ready.set(true));
    let title = super::page_title(form.title.get(locale));

    let k = form.min_group.get();
    let intro = (index == 0).then(|| {
        let link = if personal {
            tr!(locale, "poll-anonymity-personal")
        } else {
            tr!(locale, "poll-anonymity-open")
        };
        view! {
            <p class="intro">{form.intro.get(locale).to_string()}</p>
            <aside class="anon" aria-label=tr!(locale, "poll-anonymity-label")>
                <p>{link}" "{tr!(locale, "poll-anonymity-results", k = k)}</p>
            </aside>
        }
    });
    let other = locale.other();
    view! {
        <Title text=title/>
        {preview.clone().map(|url| {
            let back = url.trim_end_matches("/voorbeeld").to_string();
            view! {
                <div class="preview-banner" role="note">
                    <p>{tr!(locale, "preview-banner")}" "<a rel="external" href=back>{tr!(locale, "preview-back")}</a></p>
                </div>
            }
        })}
        <article class="card poll">
            <h1>{form.title.get(locale).to_string()}</h1>
            {intro}
            <div class="progress">
                <p>{tr!(locale, "poll-page-of", page = index + 1, pages = total_pages)}</p>
                <progress max=total_pages value=index + 1 aria-hidden="true"></progress>
                <p class="count" aria-live="polite">
                    {move || tr!(locale, "poll-answered",
                        answered = state.answered.with(|a| a.len()), total = question_count)}
                </p>
            </div>
            {notice.map(|n| view! {
                <div class="notice" role="alert"><p>{n.text(locale)}</p></div>
            })}
            <ErrorSummary state current=current.clone()/>
            <form method=if preview.is_some() { "get" } else { "post" }
                action=preview.clone().unwrap_or_else(|| "/v".to_string()) novalidate=true on:submit=on_submit
                data-ready=move || ready.get().to_string()>
                <input type="hidden" name=NONCE_FIELD value=nonce/>
                <input type="hidden" name=PAGE_FIELD value=index.to_string()/>
                {hidden.into_iter().map(|(name, value)| view! {
                    <input type="hidden" name=name value=value/>
                }).collect_view()}
                {current.into_iter().enumerate().map(|(i, q)| {
                    let selected = draft.values(&q.code);
                    view! { <QuestionField q number=i + 1 selected state/> }
                }).collect_view()}
                // The forward button comes first in the document, so Enter in a field (the
                // form's implicit submission) moves forward or submits, never back; CSS shows
                // "Vorige" on the left.
                <div class="buttons">
                    {if last {
                        view! {
                            <button type="submit" name=NAV_FIELD value=Nav::Submit.value() class="primary">
                                {tr!(locale, "poll-submit")}
                            </button>
                        }.into_any()
                    } else {
                        view! {
                            <button type="submit" name=NAV_FIELD value=Nav::Next.value() class="primary">
                                {tr!(locale, "poll-next")}
                            </button>
                        }.into_any()
                    }}
                    {(index > 0).then(|| view! {
                        <button type="submit" name=NAV_FIELD value=Nav::Previous.value() class="secondary"
                            formnovalidate=true on:click=move |_| state.skip_check.set(true)>
                            {tr!(locale, "poll-previous")}
                        </button>
                    })}
                </div>
                // After the page's own buttons, so it is never the form's default button.
                <p class="lang-switch">
                    <button type="submit" name=NAV_FIELD value=Nav::Language(other).value()
                        class="link" formnovalidate=true lang=other.code()
                        on:click=move |_| state.skip_check.set(true)>
                        {tr!(locale, "poll-switch-language")}
                    </button>
                </p>
            </form>
        </article>
    }
}

fn focus_error_summary() {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        // The summary is rendered by the error update above; focus it on the next tick so a
        // screen reader announces it.
        request_animation_frame(|| {
            if let Some(el) = document().get_element_by_id("foutoverzicht") {
                if let Ok(el) = el.dyn_into::<leptos::web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    }
}

/// The list of problems above the form, each linking to its question (GOV.UK pattern).
#[component]
fn ErrorSummary(state: PageState, current: Vec<Question>) -> impl IntoView {
    let locale = use_locale();
    move || {
        let errors = state.errors.get();
        let listed: Vec<(String, String, String)> = current
            .iter()
            .filter_map(|q| {
                errors.get(&q.code).map(|m| {
                    (
                        q.code.clone(),
                        q.text.get(locale).to_string(),
                        m.text(locale),
                    )
                })
            })
            .collect();
        (!listed.is_empty()).then(|| {
            view! {
                <div class="error-summary" id="foutoverzicht" tabindex="-1" role="alert">
                    <h2>{tr!(locale, "poll-check-answers")}</h2>
                    <ul>
                        {listed.into_iter().map(|(code, text, msg)| view! {
                            <li><a href=format!("#vraag-{code}")>{text}": "{msg}</a></li>
                        }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

/// The five points of the agreement scale, in order.
fn likert_labels(locale: Locale) -> [String; 5] {
    [
        tr!(locale, "likert-1"),
        tr!(locale, "likert-2"),
        tr!(locale, "likert-3"),
        tr!(locale, "likert-4"),
        tr!(locale, "likert-5"),
    ]
}

#[component]
fn QuestionField(
    q: Question,
    number: usize,
    /// The values to show: the answer, or what was typed and refused.
    selected: Vec<String>,
    state: PageState,
) -> impl IntoView {
    let locale = use_locale();
    let code = q.code.clone();
    let field = q.field();
    let err_id = format!("fout-{code}");
    let code_for_err = code.clone();
    let error = move || {
        state
            .errors
            .with(|e| e.get(&code_for_err).cloned())
            .map(|m| view! { <p class="field-error" id=err_id.clone()>{m.text(locale)}</p> })
    };
    let code_for_class = code.clone();
    let class = move || {
        if state.errors.with(|e| e.contains_key(&code_for_class)) {
            "question has-error"
        } else {
            "question"
        }
    };
    let mark = {
        let code = code.clone();
        move |present: bool| {
            let code = code.clone();
            state.answered.update(|a| {
                if present {
                    a.insert(code.clone());
                } else {
                    a.remove(&code);
                }
            });
            if present {
                state.errors.update(|e| {
                    e.remove(&code);
                });
            }
        }
    };
    let required_note = q.required.then(
        || view! { <span class="req">{format!(" ({})", tr!(locale, "poll-required"))}</span> },
    );
    let legend = view! {
        <legend>
            <span class="qnum">{format!("{number}. ")}</span>
            {q.text.get(locale).to_string()}
            {required_note}
        </legend>
    };
    let body = match q.input.clone() {
        QuestionInput::Likert { dont_know } => {
            let mut choices: Vec<(String, String)> = likert_labels(locale)
                .into_iter()
                .enumerate()
                .map(|(i, label)| ((i + 1).to_string(), label))
                .collect();
            if dont_know {
                choices.push((DONT_KNOW.into(), tr!(locale, "likert-dont-know")));
            }
            radio_list(&field, choices, &selected, "likert", mark.clone()).into_any()
        }
        QuestionInput::Scale010 { low, high } => {
            let choices = (0..=10).map(|n| (n.to_string(), n.to_string())).collect();
            view! {
                <div class="scale">
                    {radio_list(&field, choices, &selected, "scale010", mark.clone())}
                    <p class="anchors">
                        <span>"0 = "{low.get(locale).to_string()}</span>
                        <span>"10 = "{high.get(locale).to_string()}</span>
                    </p>
                </div>
            }
            .into_any()
        }
        QuestionInput::Single { options } => {
            let choices = options
                .into_iter()
                .map(|o| (o.code, o.label.get(locale).to_string()))
                .collect();
            radio_list(&field, choices, &selected, "single", mark.clone()).into_any()
        }
        QuestionInput::Multi {
            options,
            max_choices,
        } => {
            let checked_count = RwSignal::new(selected.len());
            let hint = max_choices.map(|m| {
                view! { <p class="hint">{tr!(locale, "poll-choose-at-most", max = m)}</p> }
            });
            let items = options
                .into_iter()
                .map(|o| {
                    let id = format!("{field}-{}", o.code);
                    let checked = selected.contains(&o.code);
                    let mark = mark.clone();
                    view! {
                        <li>
                            <input type="checkbox" id=id.clone() name=field.clone() value=o.code checked=checked
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    checked_count.update(|c| if on { *c += 1 } else { *c = c.saturating_sub(1) });
                                    mark(checked_count.get_untracked() > 0);
                                }/>
                            <label for=id>{o.label.get(locale).to_string()}</label>
                        </li>
                    }
                })
                .collect_view();
            view! { {hint}<ul class="choices multi">{items}</ul> }.into_any()
        }
        QuestionInput::Text { max_length } => {
            let value = selected.first().cloned().unwrap_or_default();
            let id = format!("{field}-tekst");
            view! {
                <label for=id.clone() class="visually-hidden">{tr!(locale, "poll-your-answer")}</label>
                // A textarea's content is raw text to the renderer: escape it ourselves.
                <textarea id=id name=field.clone() rows="4" maxlength=max_length.to_string()
                    inner_html=super::escape_text(&value)
                    on:input=move |ev| mark(!is_blank(&event_target_value(&ev)))></textarea>
                <p class="hint">{tr!(locale, "poll-text-hint", max = max_length)}</p>
            }
            .into_any()
        }
    };
    let err_ref = format!("fout-{code}");
    view! {
        <fieldset class=class id=format!("vraag-{code}") aria-describedby=err_ref>
            {legend}
            {error}
            {body}
        </fieldset>
    }
}

fn radio_list(
    field: &str,
    choices: Vec<(String, String)>,
    selected: &[String],
    class: &'static str,
    mark: impl Fn(bool) + Clone + 'static,
) -> impl IntoView {
    let items = choices
        .into_iter()
        .map(|(value, label)| {
            let id = format!("{field}-{value}");
            let checked = selected.contains(&value);
            let mark = mark.clone();
            view! {
                <li>
                    <input type="radio" id=id.clone() name=field.to_string() value=value checked=checked
                        on:change=move |_| mark(true)/>
                    <label for=id>{label}</label>
                </li>
            }
        })
        .collect_view();
    view! { <ul class=format!("choices {class}")>{items}</ul> }
}
