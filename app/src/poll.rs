//! The respondent's poll page. Rendered on the server from a [`RespondentPage`] that the
//! server puts in context; without JavaScript it is a plain form that POSTs to `/v`. Once
//! hydrated it counts answers as you go and points at missing required answers before the
//! form is sent.

use crate::domain::{
    answer_values, Answer, Msg, Question, QuestionKind, RespondentPage, DONT_KNOW,
};
use leptos::prelude::*;
use leptos_meta::Title;
use std::collections::{BTreeMap, BTreeSet};

const LIKERT_LABELS: [(&str, &str); 5] = [
    ("Helemaal mee oneens", "Strongly disagree"),
    ("Mee oneens", "Disagree"),
    ("Neutraal", "Neither agree nor disagree"),
    ("Mee eens", "Agree"),
    ("Helemaal mee eens", "Strongly agree"),
];

/// Shared reactive state of one rendered page.
#[derive(Clone, Copy)]
struct PageState {
    /// Codes of the questions (on any page) that have an answer.
    answered: RwSignal<BTreeSet<String>>,
    /// Codes with a problem, and the message.
    errors: RwSignal<BTreeMap<String, Msg>>,
    /// Set by the "Vorige" button: going back never needs complete answers.
    going_back: RwSignal<bool>,
}

#[component]
pub fn PollPage() -> impl IntoView {
    let page = SharedValue::new(use_context::<RespondentPage>).into_inner();
    match page {
        Some(page) => view! { <PollForm page/> }.into_any(),
        None => view! {
            <Title text="Peiling – Polsslag"/>
            <section class="card message">
                <h1>"Open de link uit je uitnodiging"</h1>
                <p lang="en" class="en">"Open the link from your invitation"</p>
                <p>"Deze pagina werkt alleen via je persoonlijke link of de teamlink."</p>
                <p lang="en" class="en">"This page only works through your personal link or the team link."</p>
            </section>
        }
        .into_any(),
    }
}

#[component]
fn PollForm(page: RespondentPage) -> impl IntoView {
    let RespondentPage {
        form,
        page: index,
        draft,
        notice,
        nonce,
        personal,
    } = page;
    let total_pages = form.pages.len();
    let last = index + 1 >= total_pages;
    let question_count = form.question_count();
    let state = PageState {
        answered: RwSignal::new(draft.answers.keys().cloned().collect()),
        errors: RwSignal::new(draft.errors.clone()),
        going_back: RwSignal::new(false),
    };
    let current: Vec<Question> = form.pages.get(index).cloned().unwrap_or_default();
    let required_here: Vec<String> = current
        .iter()
        .filter(|q| q.required)
        .map(|q| q.code.clone())
        .collect();
    // Answers from the other pages travel along as hidden fields: the draft stays in the
    // respondent's browser, never on the server (methodology.md A4).
    let hidden: Vec<(String, String)> = draft
        .answers
        .iter()
        .filter(|(code, _)| !current.iter().any(|q| &q.code == *code))
        .flat_map(|(code, a)| {
            answer_values(a)
                .into_iter()
                .map(move |v| (format!("q_{code}"), v))
        })
        .collect();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        if state.going_back.get_untracked() {
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
    let title = format!("{} – Polsslag", form.title_nl);
    let answers = draft.answers.clone();
    let intro = (index == 0).then(|| {
        view! {
            <p class="intro">{form.intro_nl.clone()}</p>
            <p lang="en" class="en">{form.intro_en.clone()}</p>
            <aside class="anon" aria-label="Anonimiteit / Anonymity">
                <p>
                    {if personal {
                        "Je gebruikt een persoonlijke link, maar je antwoorden worden los daarvan en zonder tijdstip bewaard. "
                    } else {
                        "Je antwoordt via een teamlink: er wordt niets over jou als persoon bewaard. "
                    }}
                    {format!("Uitkomsten zijn alleen zichtbaar voor groepen van minstens {} collega's, en pas als de peiling gesloten is.", form.min_group)}
                </p>
                <p lang="en" class="en">
                    {if personal {
                        "You are using a personal link, but your answers are stored separately from it and without a time. "
                    } else {
                        "You are answering through a team link: nothing about you as a person is stored. "
                    }}
                    {format!("Results are visible only for groups of at least {} colleagues, and only after the poll has closed.", form.min_group)}
                </p>
            </aside>
        }
    });
    view! {
        <Title text=title/>
        <article class="card poll">
            <h1>{form.title_nl.clone()}</h1>
            <p lang="en" class="en subtitle">{form.title_en.clone()}</p>
            {intro}
            <div class="progress">
                <p>
                    {format!("Pagina {} van {}", index + 1, total_pages)}
                    <span lang="en" class="en">{format!(" · Page {} of {}", index + 1, total_pages)}</span>
                </p>
                <progress max=total_pages value=index + 1 aria-hidden="true"></progress>
                <p class="count" aria-live="polite">
                    {move || format!("{} van {} vragen beantwoord", state.answered.with(|a| a.len()), question_count)}
                    <span lang="en" class="en">
                        {move || format!(" · {} of {} questions answered", state.answered.with(|a| a.len()), question_count)}
                    </span>
                </p>
            </div>
            {notice.map(|n| view! {
                <div class="notice" role="alert">
                    <p>{n.nl}</p>
                    <p lang="en" class="en">{n.en}</p>
                </div>
            })}
            <ErrorSummary state current=current.clone()/>
            <form method="post" action="/v" novalidate=true on:submit=on_submit
                data-ready=move || ready.get().to_string()>
                <input type="hidden" name="_nonce" value=nonce/>
                <input type="hidden" name="_page" value=index.to_string()/>
                {hidden.into_iter().map(|(name, value)| view! {
                    <input type="hidden" name=name value=value/>
                }).collect_view()}
                {current.into_iter().enumerate().map(|(i, q)| {
                    let answer = answers.get(&q.code).cloned();
                    view! { <QuestionField q number=i + 1 answer state/> }
                }).collect_view()}
                <div class="buttons">
                    {(index > 0).then(|| view! {
                        <button type="submit" name="_nav" value="vorige" class="secondary"
                            formnovalidate=true on:click=move |_| state.going_back.set(true)>
                            "Vorige" <span lang="en" class="en">" / Previous"</span>
                        </button>
                    })}
                    {if last {
                        view! {
                            <button type="submit" name="_nav" value="verstuur" class="primary">
                                "Versturen" <span lang="en" class="en">" / Submit"</span>
                            </button>
                        }.into_any()
                    } else {
                        view! {
                            <button type="submit" name="_nav" value="volgende" class="primary">
                                "Volgende" <span lang="en" class="en">" / Next"</span>
                            </button>
                        }.into_any()
                    }}
                </div>
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
    move || {
        let errors = state.errors.get();
        let listed: Vec<(String, String, Msg)> = current
            .iter()
            .filter_map(|q| {
                errors
                    .get(&q.code)
                    .map(|m| (q.code.clone(), q.text_nl.clone(), m.clone()))
            })
            .collect();
        (!listed.is_empty()).then(|| {
            view! {
                <div class="error-summary" id="foutoverzicht" tabindex="-1" role="alert">
                    <h2>"Controleer je antwoorden" <span lang="en" class="en">" / Please check your answers"</span></h2>
                    <ul>
                        {listed.into_iter().map(|(code, text, msg)| view! {
                            <li><a href=format!("#vraag-{code}")>{text}": "{msg.nl}</a></li>
                        }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

#[component]
fn QuestionField(
    q: Question,
    number: usize,
    answer: Option<Answer>,
    state: PageState,
) -> impl IntoView {
    let code = q.code.clone();
    let field = q.field();
    let err_id = format!("fout-{code}");
    let code_for_err = code.clone();
    let error = move || {
        state
            .errors
            .with(|e| e.get(&code_for_err).cloned())
            .map(|m| {
                view! {
                    <p class="field-error" id=err_id.clone()>
                        {m.nl}<span lang="en" class="en">{format!(" ({})", m.en)}</span>
                    </p>
                }
            })
    };
    let code_for_class = code.clone();
    let class = move || {
        if state.errors.with(|e| e.contains_key(&code_for_class)) {
            "question has-error"
        } else {
            "question"
        }
    };
    let selected: Vec<String> = answer.as_ref().map(answer_values).unwrap_or_default();
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
    let required_note = q.required.then(|| {
        view! { <span class="req">" (verplicht"<span lang="en" class="en">" / required"</span>")"</span> }
    });
    let legend = view! {
        <legend>
            <span class="qnum">{format!("{number}. ")}</span>
            {q.text_nl.clone()}
            {required_note}
            <span lang="en" class="en q-en">{q.text_en.clone()}</span>
        </legend>
    };
    let body = match q.kind.clone() {
        QuestionKind::Likert { dont_know } => {
            let mut choices: Vec<(String, String, String)> = LIKERT_LABELS
                .iter()
                .enumerate()
                .map(|(i, (nl, en))| ((i + 1).to_string(), nl.to_string(), en.to_string()))
                .collect();
            if dont_know {
                choices.push((DONT_KNOW.into(), "Weet niet".into(), "Don't know".into()));
            }
            radio_list(&field, choices, &selected, "likert", mark.clone()).into_any()
        }
        QuestionKind::Scale010 {
            low_nl,
            low_en,
            high_nl,
            high_en,
        } => {
            let choices = (0..=10)
                .map(|n| (n.to_string(), n.to_string(), String::new()))
                .collect();
            view! {
                <div class="scale">
                    {radio_list(&field, choices, &selected, "scale010", mark.clone())}
                    <p class="anchors">
                        <span>"0 = "{low_nl}<span lang="en" class="en">{format!(" ({low_en})")}</span></span>
                        <span>"10 = "{high_nl}<span lang="en" class="en">{format!(" ({high_en})")}</span></span>
                    </p>
                </div>
            }
            .into_any()
        }
        QuestionKind::Single { options } => {
            let choices = options
                .into_iter()
                .map(|o| (o.code, o.label_nl, o.label_en))
                .collect();
            radio_list(&field, choices, &selected, "single", mark.clone()).into_any()
        }
        QuestionKind::Multi {
            options,
            max_choices,
        } => {
            let checked_count = RwSignal::new(selected.len());
            let hint = max_choices.map(|m| {
                view! { <p class="hint">{format!("Kies hoogstens {m}.")}<span lang="en" class="en">{format!(" Choose at most {m}.")}</span></p> }
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
                            <label for=id>{o.label_nl}<span lang="en" class="en">{format!(" ({})", o.label_en)}</span></label>
                        </li>
                    }
                })
                .collect_view();
            view! { {hint}<ul class="choices multi">{items}</ul> }.into_any()
        }
        QuestionKind::Text { max_length } => {
            let value = selected.first().cloned().unwrap_or_default();
            let id = format!("{field}-tekst");
            view! {
                <label for=id.clone() class="visually-hidden">"Je antwoord / Your answer"</label>
                <textarea id=id name=field.clone() rows="4" maxlength=max_length.to_string()
                    on:input=move |ev| mark(!event_target_value(&ev).trim().is_empty())>{value}</textarea>
                <p class="hint">
                    {format!("Hoogstens {max_length} tekens. Noem geen namen: zo blijft je antwoord anoniem.")}
                    <span lang="en" class="en">{format!(" At most {max_length} characters. Do not mention names, so your answer stays anonymous.")}</span>
                </p>
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
    choices: Vec<(String, String, String)>,
    selected: &[String],
    class: &'static str,
    mark: impl Fn(bool) + Clone + 'static,
) -> impl IntoView {
    let items = choices
        .into_iter()
        .map(|(value, nl, en)| {
            let id = format!("{field}-{value}");
            let checked = selected.contains(&value);
            let mark = mark.clone();
            let en = (!en.is_empty()).then(|| view! { <span lang="en" class="en">{en}</span> });
            view! {
                <li>
                    <input type="radio" id=id.clone() name=field.to_string() value=value checked=checked
                        on:change=move |_| mark(true)/>
                    <label for=id><span class="nl">{nl}</span>{en}</label>
                </li>
            }
        })
        .collect_view();
    view! { <ul class=format!("choices {class}")>{items}</ul> }
}
