//! The managers' pages (issue #12) — their home, recording a thermometer conversation and its
//! follow-up, the kit to read — and HRM's pages of the kit and the sfeerbeeld. Plain HTML
//! forms with the session's token, like every page of the workspace.

use super::staff::{error_of, has_error, page_title, Signed};
use crate::domain::{
    Block, ConversationForm, ConversationRow, ConversationTheme, ConversationView, Doc,
    FollowUpForm, FollowUpResult, HelpKind, HelpRouteRow, Inline, KitDocView, KitDraft, KitKind,
    KitVersionRow, SfeerbeeldView, SignalRow, StaffNav, UnitRow, CSRF_FIELD,
};
use crate::i18n::{use_locale, Locale, Message};
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;

/// A conversation theme's name.
pub fn theme_name(locale: Locale, t: ConversationTheme) -> String {
    match t {
        ConversationTheme::WeerbaarheidMentaal => tr!(locale, "theme-weerbaarheid_mentaal"),
        ConversationTheme::WeerbaarheidMoreel => tr!(locale, "theme-weerbaarheid_moreel"),
        ConversationTheme::Koopkracht => tr!(locale, "theme-koopkracht"),
        ConversationTheme::MaatschappelijkeOnrust => tr!(locale, "theme-maatschappelijke_onrust"),
        ConversationTheme::Werkdruk => tr!(locale, "theme-werkdruk"),
        ConversationTheme::EthischWerkklimaat => tr!(locale, "theme-ethisch_werkklimaat"),
    }
}

/// A help route's name.
pub fn help_name(locale: Locale, h: HelpKind) -> String {
    match h {
        HelpKind::Vertrouwenspersoon => tr!(locale, "help-vertrouwenspersoon"),
        HelpKind::Bedrijfsmaatschappelijkwerk => tr!(locale, "help-bedrijfsmaatschappelijk_werk"),
        HelpKind::Bedrijfsarts => tr!(locale, "help-bedrijfsarts"),
        HelpKind::CollegialeOpvang => tr!(locale, "help-collegiale_opvang"),
        HelpKind::GeestelijkeVerzorging => tr!(locale, "help-geestelijke_verzorging"),
        HelpKind::FinancieleHulp => tr!(locale, "help-financiele_hulp"),
    }
}

fn result_name(locale: Locale, r: FollowUpResult) -> String {
    match r {
        FollowUpResult::Done => tr!(locale, "follow-up-done"),
        FollowUpResult::Partly => tr!(locale, "follow-up-partly"),
        FollowUpResult::NotYet => tr!(locale, "follow-up-not-yet"),
    }
}

fn kit_name(locale: Locale, k: KitKind) -> String {
    match k {
        KitKind::Handreiking => tr!(locale, "kit-handreiking"),
        KitKind::Factsheet => tr!(locale, "kit-factsheet"),
    }
}

/// A kit document's text as elements (headings one level below the page's own).
#[component]
pub fn DocView(doc: Doc) -> impl IntoView {
    let runs = |runs: Vec<Inline>| {
        runs.into_iter()
            .map(|r| match r {
                Inline::Text(t) => view! { <span>{t}</span> }.into_any(),
                Inline::Strong(t) => view! { <strong>{t}</strong> }.into_any(),
                Inline::Emphasis(t) => view! { <em>{t}</em> }.into_any(),
            })
            .collect_view()
    };
    view! {
        <div class="doc">
        {doc.blocks.into_iter().map(|b| match b {
            Block::Heading(1, r) => view! { <h2>{runs(r)}</h2> }.into_any(),
            Block::Heading(2, r) => view! { <h3>{runs(r)}</h3> }.into_any(),
            Block::Heading(_, r) => view! { <h4>{runs(r)}</h4> }.into_any(),
            Block::Paragraph(r) => view! { <p>{runs(r)}</p> }.into_any(),
            Block::List(items) => view! {
                <ul>{items.into_iter().map(|i| view! { <li>{runs(i)}</li> }).collect_view()}</ul>
            }.into_any(),
        }).collect_view()}
        </div>
    }
}

/// A list of conversations: team, day, participants and the follow-up's state.
fn conversation_table(locale: Locale, rows: Vec<ConversationRow>, caption: String) -> AnyView {
    let region = caption.clone();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=region>
        <table>
            <caption class="visually-hidden">{caption}</caption>
            <thead><tr>
                <th scope="col">{tr!(locale, "conversation-held-on")}</th>
                <th scope="col">{tr!(locale, "manager-team")}</th>
                <th scope="col">{tr!(locale, "conversation-participants-col")}</th>
                <th scope="col">{tr!(locale, "conversation-follow-up-col")}</th>
            </tr></thead>
            <tbody>
            {rows.into_iter().map(|r| {
                let state = match (r.follow_up, r.due) {
                    (Some(res), _) => result_name(locale, res),
                    (None, true) => tr!(locale, "conversation-follow-up-due"),
                    (None, false) => tr!(locale, "conversation-follow-up-from", day = r.follow_up_on.clone()),
                };
                view! {
                    <tr>
                        <td><a rel="external" href=format!("/leiding/gesprekken/{}", r.id)>{r.held_on}</a></td>
                        <td>{r.team_name}</td>
                        <td>{r.participants}</td>
                        <td>{state}</td>
                    </tr>
                }
            }).collect_view()}
            </tbody>
        </table>
        </div>
    }
    .into_any()
}

#[component]
pub fn ManagerHome(
    nav: StaffNav,
    unit: UnitRow,
    teams: Vec<UnitRow>,
    k: u32,
    due: Vec<ConversationRow>,
    recent: Vec<ConversationRow>,
) -> impl IntoView {
    let locale = use_locale();
    let count = move |n: Option<u32>| match n {
        Some(n) => n.to_string(),
        None => format!("< {k}"),
    };
    let any_due = !due.is_empty();
    let none_recent = recent.is_empty();
    view! {
        <Title text=page_title(&tr!(locale, "manager-title"))/>
        <Signed nav/>
        {any_due.then(|| view! {
            <section class="card notice" aria-labelledby="due-title">
                <h2 id="due-title">{tr!(locale, "manager-follow-ups-due")}</h2>
                <p>{tr!(locale, "manager-follow-ups-due-intro")}</p>
                {conversation_table(locale, due, tr!(locale, "manager-follow-ups-due"))}
            </section>
        })}
        <section class="card">
            <h1>{unit.name.clone()}</h1>
            <p class="subtitle">{tr!(locale, "manager-headcount", count = count(unit.headcount))}</p>
            <p class="buttons">
                <a rel="external" class="button-link" href="/leiding/gesprekken/nieuw">{tr!(locale, "conversation-new")}</a>
                <a rel="external" href="/leiding/resultaten">{tr!(locale, "results-title")}</a>
                <a rel="external" href="/leiding/handreiking">{tr!(locale, "kit-read")}</a>
            </p>
            <h2>{tr!(locale, "manager-teams")}</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-label=tr!(locale, "table-region")>
            <table>
                <thead><tr>
                    <th scope="col">{tr!(locale, "manager-team")}</th>
                    <th scope="col">{tr!(locale, "manager-people")}</th>
                    <th scope="col">{tr!(locale, "manager-handout")}</th>
                </tr></thead>
                <tbody>
                {teams.into_iter().map(|t| {
                    let name = t.name.clone();
                    view! {
                        <tr>
                            <td>{t.name}</td>
                            <td>{count(t.headcount)}</td>
                            <td><a rel="external" href=format!("/leiding/handout.pdf?team={}", t.code)>
                                {tr!(locale, "manager-handout-pdf")}
                                <span class="visually-hidden">{format!(" – {name}")}</span></a></td>
                        </tr>
                    }
                }.into_any()).collect_view()}
                </tbody>
            </table>
            </div>
            <p class="hint">{tr!(locale, "manager-small-groups", k = k)}</p>
        </section>
        <section class="card">
            <h2>{tr!(locale, "manager-recent")}</h2>
            {if none_recent {
                view! { <p>{tr!(locale, "manager-no-conversations")}</p> }.into_any()
            } else {
                conversation_table(locale, recent, tr!(locale, "manager-recent"))
            }}
        </section>
    }
    .into_any()
}

/// A warning that a text may hold a name, with the box that confirms it may be stored.
fn personal_warning(locale: Locale, warning: Option<Message>) -> Option<AnyView> {
    warning.map(|w| {
        view! {
            <div class="error-summary" role="alert" id="personal-warning">
                <h2>{tr!(locale, "conversation-personal-title")}</h2>
                <p>{w.text(locale)}</p>
                <label class="check"><input type="checkbox" name="confirmed" value="1"/>
                    {tr!(locale, "conversation-personal-confirm")}</label>
            </div>
        }
        .into_any()
    })
}

#[component]
pub fn NewConversationPage(
    nav: StaffNav,
    teams: Vec<UnitRow>,
    signals: Vec<SignalRow>,
    form: ConversationForm,
    errors: Vec<(String, Message)>,
    warning: Option<Message>,
) -> impl IntoView {
    let locale = use_locale();
    let csrf = nav.csrf.clone();
    let any_errors = !errors.is_empty();
    let invalid = |f: &str| has_error(&errors, f).then_some("true");
    let described = |f: &str| has_error(&errors, f).then(|| format!("{f}-error"));
    let team_invalid = invalid("team");
    let team_described = described("team");
    let date_invalid = invalid("held_on");
    let date_described = described("held_on");
    let part_invalid = invalid("participants");
    let part_described = described("participants");
    let actions_invalid = invalid("actions");
    let actions_described = described("actions");
    view! {
        <Title text=page_title(&tr!(locale, "conversation-new"))/>
        <Signed nav/>
        <section class="card">
            <p><a rel="external" href="/leiding">{tr!(locale, "back-to-manager")}</a></p>
            <h1>{tr!(locale, "conversation-new")}</h1>
            <p class="subtitle">{tr!(locale, "conversation-new-intro")}</p>
            {any_errors.then(|| view! {
                <div class="error-summary" role="alert"><p>{tr!(locale, "form-has-errors")}</p></div>
            })}
            <form method="post" action="/leiding/gesprekken" class="stack">
                <input type="hidden" name=CSRF_FIELD value=csrf/>
                {personal_warning(locale, warning)}
                <label for="team">{tr!(locale, "manager-team")}</label>
                <select id="team" name="team" required aria-invalid=team_invalid aria-describedby=team_described>
                    <option value="">{tr!(locale, "conversation-choose-team")}</option>
                    {teams.into_iter().map(|t| {
                        let selected = t.code == form.team;
                        view! { <option value=t.code selected=selected>{t.name}</option> }
                    }).collect_view()}
                </select>
                {error_of(locale, &errors, "team")}
                <label for="held_on">{tr!(locale, "conversation-held-on")}</label>
                <input id="held_on" name="held_on" type="date" required value=form.held_on.clone()
                    aria-invalid=date_invalid aria-describedby=date_described/>
                {error_of(locale, &errors, "held_on")}
                <label for="participants">{tr!(locale, "conversation-participants-label")}</label>
                <input id="participants" name="participants" type="number" min="1" max="500" required
                    inputmode="numeric" value=form.participants.clone()
                    aria-invalid=part_invalid aria-describedby=part_described/>
                {error_of(locale, &errors, "participants")}
                <fieldset aria-describedby="temperatures-hint">
                    <legend>{tr!(locale, "conversation-temperatures")}</legend>
                    <p class="hint" id="temperatures-hint">{tr!(locale, "conversation-temperatures-hint")}</p>
                    {error_of(locale, &errors, "temperatures")}
                    {form.temperatures.iter().map(|(theme, value)| {
                        let field = format!("temperature_{theme}");
                        let name = theme_name(locale, *theme);
                        let err = error_of(locale, &errors, &field);
                        let bad = has_error(&errors, &field);
                        view! {
                            <div class="temperature">
                                <label for=field.clone()>{name}</label>
                                <select id=field.clone() name=field.clone()
                                    aria-invalid=bad.then_some("true")
                                    aria-describedby=bad.then(|| format!("{field}-error"))>
                                    <option value="" selected=value.is_empty()>{tr!(locale, "conversation-not-discussed")}</option>
                                    {(1..=5u8).map(|t| {
                                        let s = t.to_string();
                                        let selected = *value == s;
                                        let label = tr!(locale, "conversation-temperature-value", t = t);
                                        view! { <option value=s selected=selected>{label}</option> }
                                    }).collect_view()}
                                </select>
                                {err}
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <fieldset>
                    <legend>{tr!(locale, "conversation-signals")}</legend>
                    {error_of(locale, &errors, "signals")}
                    {signals.into_iter().map(|s| {
                        let checked = form.signals.contains(&s.code);
                        view! {
                            <label class="check"><input type="checkbox" name="signals" value=s.code checked=checked/>
                                {s.label.get(locale).to_string()}</label>
                        }
                    }).collect_view()}
                </fieldset>
                <label for="actions">{tr!(locale, "conversation-actions")}</label>
                <p class="hint" id="actions-hint">{tr!(locale, "conversation-actions-hint")}</p>
                <textarea id="actions" name="actions" rows="4" maxlength="1000"
                    aria-invalid=actions_invalid
                    aria-describedby=actions_described.unwrap_or_else(|| "actions-hint".into())
                    inner_html=super::escape_text(&form.actions)></textarea>
                {error_of(locale, &errors, "actions")}
                <fieldset>
                    <legend>{tr!(locale, "conversation-help-offered")}</legend>
                    {HelpKind::ALL.iter().map(|h| {
                        let checked = form.help_offered.contains(h);
                        view! {
                            <label class="check"><input type="checkbox" name="help" value=h.as_str() checked=checked/>
                                {help_name(locale, *h)}</label>
                        }
                    }).collect_view()}
                </fieldset>
                <div class="buttons">
                    <button type="submit" class="primary">{tr!(locale, "conversation-save")}</button>
                </div>
            </form>
        </section>
    }
    .into_any()
}

#[component]
pub fn ConversationPage(
    nav: StaffNav,
    view: ConversationView,
    form: FollowUpForm,
    errors: Vec<(String, Message)>,
    warning: Option<Message>,
    saved: Option<String>,
) -> impl IntoView {
    let locale = use_locale();
    let csrf = nav.csrf.clone();
    let ConversationView {
        row,
        temperatures,
        signals,
        actions,
        help_offered,
        followed_up_on,
        follow_up_note,
    } = view;
    let saved_text = saved.map(|s| match s.as_str() {
        "follow-up" => tr!(locale, "follow-up-saved"),
        _ => tr!(locale, "conversation-saved"),
    });
    let no_signals = signals.is_empty();
    let no_help = help_offered.is_empty();
    let no_actions = actions.is_empty();
    let action = format!("/leiding/gesprekken/{}/opvolging", row.id);
    let result_invalid = has_error(&errors, "result");
    let note_invalid = has_error(&errors, "note");
    view! {
        <Title text=page_title(&tr!(locale, "conversation-title", team = row.team_name.clone()))/>
        <Signed nav/>
        {saved_text.map(|t| view! { <div class="card notice" role="status"><p>{t}</p></div> })}
        <section class="card">
            <p><a rel="external" href="/leiding">{tr!(locale, "back-to-manager")}</a></p>
            <h1>{tr!(locale, "conversation-title", team = row.team_name.clone())}</h1>
            <p class="subtitle">{tr!(locale, "conversation-summary", day = row.held_on.clone(), n = row.participants)}</p>
            <h2>{tr!(locale, "conversation-temperatures")}</h2>
            <ul>
            {temperatures.into_iter().map(|(t, v)| view! {
                <li>{theme_name(locale, t)}": "{tr!(locale, "conversation-temperature-value", t = v)}</li>
            }).collect_view()}
            </ul>
            <h2>{tr!(locale, "conversation-signals")}</h2>
            {if no_signals {
                view! { <p>{tr!(locale, "conversation-no-signals")}</p> }.into_any()
            } else {
                view! { <ul>{signals.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul> }.into_any()
            }}
            <h2>{tr!(locale, "conversation-actions")}</h2>
            {if no_actions {
                view! { <p>{tr!(locale, "conversation-no-actions")}</p> }.into_any()
            } else {
                view! { <p class="open-text">{actions}</p> }.into_any()
            }}
            <h2>{tr!(locale, "conversation-help-offered")}</h2>
            {if no_help {
                view! { <p>{tr!(locale, "conversation-no-help")}</p> }.into_any()
            } else {
                view! { <ul>{help_offered.into_iter().map(|h| view! { <li>{help_name(locale, h)}</li> }).collect_view()}</ul> }.into_any()
            }}
        </section>
        <section class="card" aria-labelledby="follow-up-title">
            <h2 id="follow-up-title">{tr!(locale, "follow-up-title")}</h2>
            {match row.follow_up {
                Some(res) => view! {
                    <p>{tr!(locale, "follow-up-recorded-on", day = followed_up_on.unwrap_or_default(), result = result_name(locale, res))}</p>
                    {follow_up_note.map(|n| view! { <p class="open-text">{n}</p> })}
                }.into_any(),
                None => view! {
                    <p class="hint">{if row.due {
                        tr!(locale, "follow-up-due-now")
                    } else {
                        tr!(locale, "follow-up-due-from", day = row.follow_up_on.clone())
                    }}</p>
                    <form method="post" action=action class="stack">
                        <input type="hidden" name=CSRF_FIELD value=csrf/>
                        {personal_warning(locale, warning)}
                        <fieldset aria-invalid=result_invalid.then_some("true")
                            aria-describedby=result_invalid.then_some("result-error")>
                            <legend>{tr!(locale, "follow-up-question")}</legend>
                            {FollowUpResult::ALL.iter().map(|r| {
                                let checked = form.result == r.as_str();
                                view! {
                                    <label class="check"><input type="radio" name="result" value=r.as_str() checked=checked required/>
                                        {result_name(locale, *r)}</label>
                                }
                            }).collect_view()}
                            {error_of(locale, &errors, "result")}
                        </fieldset>
                        <label for="note">{tr!(locale, "follow-up-note")}</label>
                        <textarea id="note" name="note" rows="3" maxlength="1000"
                            aria-invalid=note_invalid.then_some("true")
                            aria-describedby=note_invalid.then_some("note-error")
                            inner_html=super::escape_text(&form.note)></textarea>
                        {error_of(locale, &errors, "note")}
                        <div class="buttons">
                            <button type="submit" class="primary">{tr!(locale, "follow-up-save")}</button>
                        </div>
                    </form>
                }.into_any(),
            }}
        </section>
    }
    .into_any()
}

/// The help routes as a list: what, who, how to reach them.
fn routes_list(locale: Locale, routes: Vec<HelpRouteRow>) -> AnyView {
    if routes.is_empty() {
        return view! { <p>{tr!(locale, "kit-no-routes")}</p> }.into_any();
    }
    view! {
        <dl class="routes">
        {routes.into_iter().map(|r| view! {
            <dt>{help_name(locale, r.kind)}</dt>
            <dd>{r.name}", "{r.contact}</dd>
        }).collect_view()}
        </dl>
    }
    .into_any()
}

#[component]
pub fn KitPage(
    nav: StaffNav,
    docs: Vec<KitDocView>,
    routes: Vec<HelpRouteRow>,
    teams: Vec<UnitRow>,
) -> impl IntoView {
    let locale = use_locale();
    let manager = !teams.is_empty();
    view! {
        <Title text=page_title(&tr!(locale, "kit-title"))/>
        <Signed nav/>
        <section class="card">
            <h1>{tr!(locale, "kit-title")}</h1>
            <p class="subtitle">{tr!(locale, "kit-intro")}</p>
            <h2>{tr!(locale, "kit-downloads")}</h2>
            <ul>
                <li><a rel="external" href="/leiding/handout.pdf">{tr!(locale, "kit-blank-handout")}</a></li>
                {manager.then(|| teams.into_iter().map(|t| view! {
                    <li><a rel="external" href=format!("/leiding/handout.pdf?team={}", t.code)>
                        {tr!(locale, "manager-handout-of", team = t.name)}</a></li>
                }).collect_view())}
            </ul>
        </section>
        {docs.into_iter().map(|d| {
            let id = format!("doc-{}", d.kind);
            let label_id = id.clone();
            let version = tr!(locale, "kit-version-line", version = d.version, day = d.created_on.clone());
            view! {
                <section class="card" aria-labelledby=label_id>
                    <p class="hint" id=id>{kit_name(locale, d.kind)}" · "{version}</p>
                    <DocView doc=d.doc/>
                </section>
            }
        }).collect_view()}
        <section class="card">
            <h2>{tr!(locale, "kit-routes-title")}</h2>
            {routes_list(locale, routes)}
        </section>
    }
    .into_any()
}

/// HRM's sections of the kit, the current one marked for screen readers.
#[component]
fn KitNav(current: String) -> impl IntoView {
    let locale = use_locale();
    let links = [
        (
            "/hrm/gesprekskit/handreiking".to_string(),
            tr!(locale, "kit-handreiking"),
        ),
        (
            "/hrm/gesprekskit/factsheet".to_string(),
            tr!(locale, "kit-factsheet"),
        ),
        (
            "/hrm/gesprekskit/hulp".to_string(),
            tr!(locale, "kit-routes-title"),
        ),
        (
            "/hrm/gesprekskit/signalen".to_string(),
            tr!(locale, "signals-title"),
        ),
        (
            "/hrm/sfeerbeeld".to_string(),
            tr!(locale, "sfeerbeeld-title"),
        ),
    ];
    view! {
        <nav class="sections" aria-label=tr!(locale, "kit-sections")>
            <ul>
            {links.into_iter().map(|(href, label)| {
                let here = href == current;
                view! {
                    <li><a rel="external" href=href aria-current=here.then_some("page")>{label}</a></li>
                }
            }).collect_view()}
            </ul>
        </nav>
    }
}

#[component]
pub fn KitEditPage(
    nav: StaffNav,
    kind: KitKind,
    current: KitDocView,
    draft: KitDraft,
    versions: Vec<KitVersionRow>,
    errors: Vec<(String, Message)>,
    saved: Option<i32>,
) -> impl IntoView {
    let locale = use_locale();
    let csrf = nav.csrf.clone();
    let name = kit_name(locale, kind);
    let action = format!("/hrm/gesprekskit/{kind}");
    let nl_invalid = has_error(&errors, "body_nl");
    let en_invalid = has_error(&errors, "body_en");
    let version = tr!(
        locale,
        "kit-version-line",
        version = current.version,
        day = current.created_on.clone()
    );
    view! {
        <Title text=page_title(&name)/>
        <Signed nav/>
        <KitNav current=action.clone()/>
        {saved.map(|v| view! { <div class="card notice" role="status"><p>{tr!(locale, "kit-saved", version = v)}</p></div> })}
        <section class="card">
            <h1>{name.clone()}</h1>
            <p class="subtitle">{version}</p>
            <p class="hint" id="markdown-hint">{tr!(locale, "kit-markdown-hint")}</p>
            <form method="post" action=action class="stack">
                <input type="hidden" name=CSRF_FIELD value=csrf/>
                <label for="body_nl">{tr!(locale, "kit-body-nl")}</label>
                <textarea id="body_nl" name="body_nl" rows="18" lang="nl"
                    aria-invalid=nl_invalid.then_some("true")
                    aria-describedby=if nl_invalid { "body_nl-error markdown-hint" } else { "markdown-hint" }
                    inner_html=super::escape_text(&draft.body_nl)></textarea>
                {error_of(locale, &errors, "body_nl")}
                <label for="body_en">{tr!(locale, "kit-body-en")}</label>
                <textarea id="body_en" name="body_en" rows="18" lang="en"
                    aria-invalid=en_invalid.then_some("true")
                    aria-describedby=if en_invalid { "body_en-error markdown-hint" } else { "markdown-hint" }
                    inner_html=super::escape_text(&draft.body_en)></textarea>
                {error_of(locale, &errors, "body_en")}
                <div class="buttons">
                    <button type="submit" class="primary">{tr!(locale, "kit-save")}</button>
                </div>
            </form>
        </section>
        <section class="card">
            <h2>{tr!(locale, "kit-preview")}</h2>
            <DocView doc=current.doc/>
        </section>
        <section class="card">
            <h2>{tr!(locale, "kit-versions")}</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-label=tr!(locale, "kit-versions")>
            <table>
                <thead><tr>
                    <th scope="col">{tr!(locale, "kit-version")}</th>
                    <th scope="col">{tr!(locale, "kit-version-date")}</th>
                    <th scope="col">{tr!(locale, "kit-version-by")}</th>
                </tr></thead>
                <tbody>
                {versions.into_iter().map(|v| view! {
                    <tr><td>{v.version}</td><td>{v.created_on}</td><td>{v.created_by}</td></tr>
                }).collect_view()}
                </tbody>
            </table>
            </div>
        </section>
    }
    .into_any()
}

#[component]
pub fn HelpRoutesPage(
    nav: StaffNav,
    units: Vec<(String, String)>,
    unit: String,
    routes: Vec<HelpRouteRow>,
    errors: Vec<(String, Message)>,
    saved: bool,
) -> impl IntoView {
    let locale = use_locale();
    let csrf = nav.csrf.clone();
    let unit_name = units
        .iter()
        .find(|(c, _)| *c == unit)
        .map_or_else(|| tr!(locale, "kit-whole-organisation"), |(_, n)| n.clone());
    let any_errors = !errors.is_empty();
    view! {
        <Title text=page_title(&tr!(locale, "kit-routes-title"))/>
        <Signed nav/>
        <KitNav current="/hrm/gesprekskit/hulp".to_string()/>
        {saved.then(|| view! { <div class="card notice" role="status"><p>{tr!(locale, "kit-routes-saved")}</p></div> })}
        <section class="card">
            <h1>{tr!(locale, "kit-routes-title")}</h1>
            <p class="subtitle">{tr!(locale, "kit-routes-intro")}</p>
            <form method="get" action="/hrm/gesprekskit/hulp" class="inline">
                <label for="eenheid">{tr!(locale, "kit-routes-unit")}</label>
                <select id="eenheid" name="eenheid">
                    <option value="" selected=unit.is_empty()>{tr!(locale, "kit-whole-organisation")}</option>
                    {units.iter().map(|(c, n)| {
                        let selected = *c == unit;
                        view! { <option value=c.clone() selected=selected>{n.clone()}</option> }
                    }).collect_view()}
                </select>
                <button type="submit">{tr!(locale, "kit-routes-show")}</button>
            </form>
        </section>
        <section class="card">
            <h2>{unit_name}</h2>
            {any_errors.then(|| view! {
                <div class="error-summary" role="alert"><p>{tr!(locale, "form-has-errors")}</p></div>
            })}
            <form method="post" action="/hrm/gesprekskit/hulp" class="stack">
                <input type="hidden" name=CSRF_FIELD value=csrf/>
                <input type="hidden" name="unit" value=unit.clone()/>
                {HelpKind::ALL.iter().map(|k| {
                    let stored = routes.iter().find(|r| r.kind == *k);
                    let name_field = format!("name_{k}");
                    let contact_field = format!("contact_{k}");
                    let name_bad = has_error(&errors, &name_field);
                    let contact_bad = has_error(&errors, &contact_field);
                    view! {
                        <fieldset>
                            <legend>{help_name(locale, *k)}</legend>
                            <label for=name_field.clone()>{tr!(locale, "kit-route-name")}</label>
                            <input id=name_field.clone() name=name_field.clone() maxlength="200"
                                value=stored.map(|r| r.name.clone()).unwrap_or_default()
                                aria-invalid=name_bad.then_some("true")
                                aria-describedby=name_bad.then(|| format!("{name_field}-error"))/>
                            {error_of(locale, &errors, &name_field)}
                            <label for=contact_field.clone()>{tr!(locale, "kit-route-contact")}</label>
                            <input id=contact_field.clone() name=contact_field.clone() maxlength="200"
                                value=stored.map(|r| r.contact.clone()).unwrap_or_default()
                                aria-invalid=contact_bad.then_some("true")
                                aria-describedby=contact_bad.then(|| format!("{contact_field}-error"))/>
                            {error_of(locale, &errors, &contact_field)}
                        </fieldset>
                    }
                }).collect_view()}
                <p class="hint">{tr!(locale, "kit-routes-empty-hint")}</p>
                <div class="buttons">
                    <button type="submit" class="primary">{tr!(locale, "kit-routes-save")}</button>
                </div>
            </form>
        </section>
    }
    .into_any()
}

#[component]
pub fn SignalsPage(
    nav: StaffNav,
    rows: Vec<SignalRow>,
    form: (String, String, String),
    errors: Vec<(String, Message)>,
) -> impl IntoView {
    let locale = use_locale();
    let csrf = nav.csrf.clone();
    let (code, nl, en) = form;
    let bad = |f: &str| has_error(&errors, f);
    let (code_bad, nl_bad, en_bad) = (bad("code"), bad("label_nl"), bad("label_en"));
    view! {
        <Title text=page_title(&tr!(locale, "signals-title"))/>
        <Signed nav/>
        <KitNav current="/hrm/gesprekskit/signalen".to_string()/>
        <section class="card">
            <h1>{tr!(locale, "signals-title")}</h1>
            <p class="subtitle">{tr!(locale, "signals-intro")}</p>
            <div class="table-scroll" tabindex="0" role="region" aria-label=tr!(locale, "signals-title")>
            <table>
                <thead><tr>
                    <th scope="col">{tr!(locale, "signals-label")}</th>
                    <th scope="col">{tr!(locale, "signals-state")}</th>
                    <th scope="col"><span class="visually-hidden">{tr!(locale, "signals-change")}</span></th>
                </tr></thead>
                <tbody>
                {rows.into_iter().map(|r| {
                    let label = r.label.get(locale).to_string();
                    let action = format!("/hrm/gesprekskit/signalen/{}", r.code);
                    let (state, button, value) = if r.active {
                        (tr!(locale, "signals-on"), tr!(locale, "signals-switch-off", label = label.clone()), "0")
                    } else {
                        (tr!(locale, "signals-off"), tr!(locale, "signals-switch-on", label = label.clone()), "1")
                    };
                    view! {
                        <tr>
                            <td>{label}</td>
                            <td>{state}</td>
                            <td>
                                <form method="post" action=action>
                                    <input type="hidden" name=CSRF_FIELD value=csrf.clone()/>
                                    <input type="hidden" name="active" value=value/>
                                    <button type="submit" class="link">{button}</button>
                                </form>
                            </td>
                        </tr>
                    }
                }).collect_view()}
                </tbody>
            </table>
            </div>
        </section>
        <section class="card">
            <h2>{tr!(locale, "signals-new")}</h2>
            <form method="post" action="/hrm/gesprekskit/signalen" class="stack">
                <input type="hidden" name=CSRF_FIELD value=csrf.clone()/>
                <label for="code">{tr!(locale, "signals-code")}</label>
                <p class="hint" id="code-hint">{tr!(locale, "signals-code-hint")}</p>
                <input id="code" name="code" required maxlength="40" value=code
                    aria-invalid=code_bad.then_some("true")
                    aria-describedby=if code_bad { "code-error code-hint" } else { "code-hint" }/>
                {error_of(locale, &errors, "code")}
                <label for="label_nl">{tr!(locale, "signals-label-nl")}</label>
                <input id="label_nl" name="label_nl" required maxlength="200" lang="nl" value=nl
                    aria-invalid=nl_bad.then_some("true") aria-describedby=nl_bad.then_some("label_nl-error")/>
                {error_of(locale, &errors, "label_nl")}
                <label for="label_en">{tr!(locale, "signals-label-en")}</label>
                <input id="label_en" name="label_en" required maxlength="200" lang="en" value=en
                    aria-invalid=en_bad.then_some("true") aria-describedby=en_bad.then_some("label_en-error")/>
                {error_of(locale, &errors, "label_en")}
                <div class="buttons">
                    <button type="submit" class="primary">{tr!(locale, "signals-add")}</button>
                </div>
            </form>
        </section>
    }
    .into_any()
}

/// A figure of the sfeerbeeld: empty (a dash for the eye, "no figure" for a screen reader)
/// when the cell is hidden or nothing was recorded — the two look the same.
fn figure(locale: Locale, v: Option<String>) -> AnyView {
    match v {
        Some(s) => view! { <span>{s}</span> }.into_any(),
        None => view! {
            <span aria-hidden="true">"–"</span>
            <span class="visually-hidden">{tr!(locale, "figure-none")}</span>
        }
        .into_any(),
    }
}

#[component]
pub fn SfeerbeeldPage(nav: StaffNav, view: SfeerbeeldView) -> impl IntoView {
    let locale = use_locale();
    let SfeerbeeldView {
        rows,
        signals,
        attention,
        k,
        min_conversations,
    } = view;
    let empty = rows.is_empty();
    let no_attention = attention.is_empty();
    view! {
        <Title text=page_title(&tr!(locale, "sfeerbeeld-title"))/>
        <Signed nav/>
        <KitNav current="/hrm/sfeerbeeld".to_string()/>
        <section class="card">
            <h1>{tr!(locale, "sfeerbeeld-title")}</h1>
            <p class="subtitle">{tr!(locale, "sfeerbeeld-intro", k = k, min = min_conversations)}</p>
            <p><a rel="external" href="/hrm/sfeerbeeld.csv">{tr!(locale, "sfeerbeeld-csv")}</a></p>
        </section>
        <section class="card" aria-labelledby="attention-title">
            <h2 id="attention-title">{tr!(locale, "sfeerbeeld-attention")}</h2>
            {if no_attention {
                view! { <p>{tr!(locale, "sfeerbeeld-attention-none")}</p> }.into_any()
            } else {
                view! { <ul>{attention.into_iter().map(|a| view! {
                    <li><strong>{a.unit_name}</strong>" ("{a.quarter}"): "{a.message.text(locale)}</li>
                }).collect_view()}</ul> }.into_any()
            }}
        </section>
        <section class="card">
            <h2>{tr!(locale, "sfeerbeeld-table")}</h2>
            {if empty {
                view! { <p>{tr!(locale, "sfeerbeeld-empty")}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-label=tr!(locale, "sfeerbeeld-table")>
                    <table class="figures">
                        <thead><tr>
                            <th scope="col">{tr!(locale, "sfeerbeeld-col-quarter")}</th>
                            <th scope="col">{tr!(locale, "sfeerbeeld-col-unit")}</th>
                            <th scope="col">{tr!(locale, "sfeerbeeld-col-conversations")}</th>
                            <th scope="col">{tr!(locale, "sfeerbeeld-col-participants")}</th>
                            {ConversationTheme::ALL.iter().map(|t| view! { <th scope="col">{theme_name(locale, *t)}</th> }).collect_view()}
                            {signals.iter().map(|(_, l)| view! { <th scope="col">{format!("% {}", l.get(locale))}</th> }).collect_view()}
                        </tr></thead>
                        <tbody>
                        {rows.into_iter().map(|r| view! {
                            <tr class=r.unit_code.is_empty().then_some("total")>
                                <td>{r.quarter}</td>
                                <th scope="row">{r.unit_name}</th>
                                <td>{figure(locale, r.conversations.map(|n| n.to_string()))}</td>
                                <td>{figure(locale, r.participants.map(|n| n.to_string()))}</td>
                                {r.temperatures.into_iter().map(|(_, v, change)| {
                                    let text = v.map(|x| match change {
                                        Some(d) if d.abs() >= 0.05 => format!("{} ({}{})", locale.decimal(x, 1), if d > 0.0 { "+" } else { "−" }, locale.decimal(d.abs(), 1)),
                                        _ => locale.decimal(x, 1),
                                    });
                                    view! { <td>{figure(locale, text)}</td> }
                                }).collect_view()}
                                {r.signals.into_iter().map(|(_, v)| view! {
                                    <td>{figure(locale, v.map(|x| locale.decimal(x, 0)))}</td>
                                }).collect_view()}
                            </tr>
                        }).collect_view()}
                        </tbody>
                    </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
    .into_any()
}

#[component]
pub fn TeamResultsPage(
    nav: StaffNav,
    scope: String,
    polls: Vec<crate::domain::PollResultsView>,
) -> impl IntoView {
    let locale = use_locale();
    let none = polls.is_empty();
    view! {
        <Title text=page_title(&tr!(locale, "results-title"))/>
        <Signed nav/>
        <section class="card">
            <p><a rel="external" href="/leiding">{tr!(locale, "back-to-manager")}</a></p>
            <h1>{tr!(locale, "results-title")}</h1>
            <p class="subtitle">{tr!(locale, "results-intro", scope = scope)}</p>
            {none.then(|| view! { <p>{tr!(locale, "results-none")}</p> })}
        </section>
        {polls.into_iter().map(|p| {
            let caption = p.title.clone();
            let region = p.title.clone();
            let latest = p.waves.last().cloned().unwrap_or_default();
            let theme_names: Vec<String> = p.themes.iter().map(|t| t.theme.clone()).collect();
            let any_teams = !p.teams.is_empty();
            let teams_caption = tr!(locale, "results-teams", wave = latest.clone());
            view! {
                <section class="card">
                    <h2>{p.title.clone()}</h2>
                    <div class="table-scroll" tabindex="0" role="region" aria-label=region>
                    <table class="figures">
                        <caption class="visually-hidden">{caption}</caption>
                        <thead><tr>
                            <th scope="col">{tr!(locale, "handout-col-theme")}</th>
                            {p.waves.iter().map(|w| view! { <th scope="col">{w.clone()}</th> }).collect_view()}
                            <th scope="col">{tr!(locale, "results-change")}</th>
                        </tr></thead>
                        <tbody>
                        {p.themes.into_iter().map(|t| {
                            let change = t.change.map(|(c, significant)| if significant {
                                tr!(locale, "handout-change-significant", change = c)
                            } else {
                                tr!(locale, "handout-change-not-significant", change = c)
                            });
                            view! {
                                <tr>
                                    <th scope="row">{t.theme}</th>
                                    {t.waves.into_iter().map(|v| view! { <td>{figure(locale, v)}</td> }).collect_view()}
                                    <td>{figure(locale, change)}</td>
                                </tr>
                            }
                        }).collect_view()}
                        </tbody>
                    </table>
                    </div>
                    {any_teams.then(|| view! {
                        <h3>{teams_caption.clone()}</h3>
                        <div class="table-scroll" tabindex="0" role="region" aria-label=teams_caption.clone()>
                        <table class="figures">
                            <thead><tr>
                                <th scope="col">{tr!(locale, "manager-team")}</th>
                                {theme_names.iter().map(|t| view! { <th scope="col">{t.clone()}</th> }).collect_view()}
                            </tr></thead>
                            <tbody>
                            {p.teams.into_iter().map(|r| view! {
                                <tr>
                                    <th scope="row">{r.team}</th>
                                    {r.indices.into_iter().map(|v| view! { <td>{figure(locale, v)}</td> }).collect_view()}
                                </tr>
                            }).collect_view()}
                            </tbody>
                        </table>
                        </div>
                    })}
                    <p class="hint">{tr!(locale, "results-note", k = p.k)}</p>
                </section>
            }
        }).collect_view()}
    }
    .into_any()
}
