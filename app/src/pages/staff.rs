//! The pages of people with an account (issue #10): the login form, and the home page of each
//! role. Rendered on the server from a [`StaffPage`] the handler puts in context; every form is
//! a plain HTML form with the session's token ([`CSRF_FIELD`]), so the pages work without
//! JavaScript.

use super::leiding::{
    ConversationPage, HelpRoutesPage, KitEditPage, KitPage, ManagerHome, NewConversationPage,
    SfeerbeeldPage, SignalsPage, TeamResultsPage,
};
use crate::domain::{
    AccountForm, AccountRow, AuditFilter, AuditRow, BankQuestionRow, ImportKind, ImportReport,
    Localized, LoginView, OrgNode, PollDetail, PollDraft, PollRow, QuestionDraft, Role,
    SnapshotRow, StaffNav, StaffPage, TeamLink, TemplateRow, TokenRow, WaveForm, WaveStatus,
    CSRF_FIELD,
};
use crate::i18n::Message;
use crate::i18n::{use_locale, Locale};
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;

pub(crate) use super::page_title;

fn role_name(locale: Locale, role: Role) -> String {
    match role {
        Role::Administrator => tr!(locale, "role-beheerder"),
        Role::HrmAnalyst => tr!(locale, "role-hrm"),
        Role::Manager => tr!(locale, "role-leidinggevende"),
        Role::Coordinator => tr!(locale, "role-coordinator"),
    }
}

/// The page a route shows: the one the server put in context, or nothing (a route reached
/// without its handler, which never happens in the product).
#[component]
pub fn StaffRoute() -> impl IntoView {
    let page = SharedValue::new(use_context::<StaffPage>).into_inner();
    match page {
        Some(StaffPage::Login(view)) => view! { <Login view/> }.into_any(),
        Some(StaffPage::Hrm { nav, polls }) => view! { <HrmHome nav polls/> }.into_any(),
        Some(StaffPage::Admin {
            nav,
            accounts,
            form,
            errors,
            created,
        }) => view! { <AdminHome nav accounts form errors created/> }.into_any(),
        Some(StaffPage::Account {
            nav,
            changed,
            errors,
        }) => view! { <AccountPage nav changed errors/> }.into_any(),
        Some(StaffPage::Organisation {
            nav,
            tree,
            k,
            report,
        }) => view! { <OrganisationPage nav tree k report/> }.into_any(),
        Some(StaffPage::Roster {
            nav,
            active,
            snapshots,
            report,
            reference_date,
            error,
        }) => view! { <RosterPage nav active snapshots report reference_date error/> }.into_any(),
        Some(StaffPage::Audit {
            nav,
            filter,
            rows,
            total,
            error,
        }) => view! { <AuditPage nav filter rows total error/> }.into_any(),
        Some(StaffPage::Tokens {
            nav,
            tokens,
            created,
            error,
        }) => view! { <TokensPage nav tokens created error/> }.into_any(),
        Some(StaffPage::NewPoll {
            nav,
            templates,
            error,
            bank,
            draft,
            errors,
        }) => view! { <NewPollPage nav templates error bank draft errors/> }.into_any(),
        Some(StaffPage::EditPoll {
            nav,
            id,
            title,
            bank,
            draft,
            errors,
        }) => view! { <EditPollPage nav id title bank draft errors/> }.into_any(),
        Some(StaffPage::Bank {
            nav,
            themes,
            bank,
            form,
            errors,
            added,
        }) => view! { <BankPage nav themes bank form errors added/> }.into_any(),
        Some(StaffPage::Poll {
            nav,
            poll,
            units,
            form,
            error,
        }) => view! { <PollAdmin nav poll units form error/> }.into_any(),
        Some(StaffPage::TeamLinks {
            nav,
            poll_id,
            title,
            wave,
            links,
        }) => view! { <TeamLinksPage nav poll_id title wave links/> }.into_any(),
        Some(StaffPage::Wave {
            nav,
            wave,
            form,
            error,
        }) => view! { <WavePage nav wave=*wave form error/> }.into_any(),
        Some(StaffPage::Manager {
            nav,
            unit,
            teams,
            k,
            due,
            recent,
        }) => view! { <ManagerHome nav unit teams k due recent/> }.into_any(),
        Some(StaffPage::NewConversation {
            nav,
            teams,
            signals,
            form,
            errors,
            warning,
        }) => view! { <NewConversationPage nav teams signals form errors warning/> }.into_any(),
        Some(StaffPage::Conversation {
            nav,
            view,
            form,
            errors,
            warning,
            saved,
        }) => view! { <ConversationPage nav view=*view form errors warning saved/> }.into_any(),
        Some(StaffPage::Kit {
            nav,
            docs,
            routes,
            teams,
        }) => view! { <KitPage nav docs routes teams/> }.into_any(),
        Some(StaffPage::KitEdit {
            nav,
            kind,
            current,
            draft,
            versions,
            errors,
            saved,
        }) => view! { <KitEditPage nav kind current draft versions errors saved/> }.into_any(),
        Some(StaffPage::HelpRoutes {
            nav,
            units,
            unit,
            routes,
            errors,
            saved,
        }) => view! { <HelpRoutesPage nav units unit routes errors saved/> }.into_any(),
        Some(StaffPage::Signals {
            nav,
            rows,
            form,
            errors,
        }) => view! { <SignalsPage nav rows form errors/> }.into_any(),
        Some(StaffPage::TeamResults { nav, scope, polls }) => {
            view! { <TeamResultsPage nav scope polls/> }.into_any()
        }
        Some(StaffPage::Sfeerbeeld { nav, view }) => {
            view! { <SfeerbeeldPage nav view=*view/> }.into_any()
        }
        Some(StaffPage::Report { nav, periods }) => {
            view! { <super::report::ReportPage nav periods/> }.into_any()
        }
        Some(StaffPage::Dashboard { nav, view }) => {
            let view = view.map(|v| *v);
            view! { <super::dashboard::DashboardPage nav view/> }.into_any()
        }
        Some(StaffPage::Indicators {
            nav,
            rows,
            themes,
            draft,
            csv,
            errors,
            imported,
        }) => view! {
            <super::report::IndicatorsPage nav rows themes draft csv errors imported/>
        }
        .into_any(),
        Some(StaffPage::Coordinator {
            nav,
            view,
            draft,
            csv,
            errors,
            recorded,
        }) => view! {
            <super::report::CoordinatorHome nav view=*view draft csv errors recorded/>
        }
        .into_any(),
        None => view! { <crate::pages::NotFound/> }.into_any(),
    }
}

#[component]
fn Login(view: LoginView) -> impl IntoView {
    let locale = use_locale();
    let LoginView { email, error, csrf } = view;
    let invalid = error.is_some();
    view! {
        <Title text=page_title(&tr!(locale, "login-title"))/>
        <section class="card">
            <h1>{tr!(locale, "login-title")}</h1>
            <p class="subtitle">{tr!(locale, "login-intro")}</p>
            {error.map(|e| view! {
                <div class="error-summary" role="alert" id="login-error">
                    <p>{e.text(locale)}</p>
                </div>
            }.into_any())}
            <form method="post" action="/login" class="stack">
                <input type="hidden" name=CSRF_FIELD value=csrf/>
                <label for="email">{tr!(locale, "login-email")}</label>
                <input id="email" name="email" type="email" autocomplete="username" required
                    value=email aria-invalid=invalid.then_some("true")
                    aria-describedby=invalid.then_some("login-error")/>
                <label for="password">{tr!(locale, "login-password")}</label>
                <input id="password" name="password" type="password"
                    autocomplete="current-password" required
                    aria-invalid=invalid.then_some("true")
                    aria-describedby=invalid.then_some("login-error")/>
                <div class="buttons">
                    <button type="submit" class="primary">{tr!(locale, "login-submit")}</button>
                </div>
            </form>
        </section>
    }
    .into_any()
}

/// Who is logged in, and the logout button.
#[component]
pub(crate) fn Signed(nav: StaffNav) -> impl IntoView {
    let locale = use_locale();
    view! {
        <div class="signed">
            <p>{tr!(locale, "staff-signed-in", email = nav.email.clone(), role = role_name(locale, nav.role))}
                " "<a rel="external" href="/account">{tr!(locale, "account-link")}</a></p>
            <form method="post" action="/logout">
                <input type="hidden" name=CSRF_FIELD value=nav.csrf/>
                <button type="submit" class="link">{tr!(locale, "logout-submit")}</button>
            </form>
        </div>
    }
    .into_any()
}

#[component]
fn HrmHome(nav: StaffNav, polls: Vec<PollRow>) -> impl IntoView {
    let locale = use_locale();
    let empty = polls.is_empty();
    view! {
        <Title text=page_title(&tr!(locale, "hrm-title"))/>
        <Signed nav/>
        <section class="card">
            <h1>{tr!(locale, "hrm-title")}</h1>
            <p class="buttons">
                <a rel="external" href="/hrm/nieuwe-peiling" class="button-link">{tr!(locale, "poll-new")}</a>
                <a rel="external" href="/hrm/dashboard">{tr!(locale, "dashboard-title")}</a>
                <a rel="external" href="/hrm/jaarbeeld">{tr!(locale, "report-page-title")}</a>
                <a rel="external" href="/hrm/sfeerbeeld">{tr!(locale, "sfeerbeeld-title")}</a>
                <a rel="external" href="/hrm/gesprekskit/handreiking">{tr!(locale, "kit-edit-link")}</a>
            </p>
            {empty.then(|| view! { <p>{tr!(locale, "hrm-no-polls")}</p> })}
            {polls.into_iter().map(|p| {
                let title = p.title.get(locale).to_string();
                let kind = match p.kind {
                    crate::domain::PollKind::Flash => tr!(locale, "poll-kind-flash"),
                    crate::domain::PollKind::Monitor => tr!(locale, "poll-kind-monitor"),
                };
                let no_waves = p.waves.is_empty();
                let href = format!("/hrm/peilingen/{}", p.id);
                view! {
                    <h2><a rel="external" href=href>{title}</a></h2>
                    <p class="hint">{kind}</p>
                    {no_waves.then(|| view! { <p>{tr!(locale, "hrm-no-waves")}</p> })}
                    {(!no_waves).then(|| view! {
                        <div class="table-scroll" tabindex="0" role="region" aria-label=tr!(locale, "table-region")>
                        <table>
                            <thead><tr>
                                <th scope="col">{tr!(locale, "hrm-wave")}</th>
                                <th scope="col">{tr!(locale, "hrm-wave-status")}</th>
                                <th scope="col">{tr!(locale, "hrm-wave-dates")}</th>
                                <th scope="col">{tr!(locale, "hrm-wave-invited")}</th>
                            </tr></thead>
                            <tbody>
                            {p.waves.iter().map(|w| {
                                let status = match w.status {
                                    crate::domain::WaveStatus::Draft => tr!(locale, "wave-status-draft"),
                                    crate::domain::WaveStatus::Open => tr!(locale, "wave-status-open"),
                                    crate::domain::WaveStatus::Closed => tr!(locale, "wave-status-closed"),
                                };
                                view! {
                                    <tr>
                                        <td>{w.label.clone()}</td>
                                        <td>{status}</td>
                                        <td>{format!("{} – {}", w.opens_on, w.closes_on)}</td>
                                        <td>{w.invited.to_string()}</td>
                                    </tr>
                                }.into_any()
                            }).collect_view()}
                            </tbody>
                        </table>
                        </div>
                    }.into_any())}
                }.into_any()
            }).collect_view()}
        </section>
    }
    .into_any()
}

/// The error of `field` among `errors`, beside its field.
pub(crate) fn error_of(
    locale: Locale,
    errors: &[(String, Message)],
    field: &str,
) -> Option<AnyView> {
    errors.iter().find(|(f, _)| f == field).map(|(_, m)| {
        view! { <p class="field-error" id=format!("{field}-error")>{m.text(locale)}</p> }.into_any()
    })
}

pub(crate) fn has_error(errors: &[(String, Message)], field: &str) -> bool {
    errors.iter().any(|(f, _)| f == field)
}

#[component]
fn AdminHome(
    nav: StaffNav,
    accounts: Vec<AccountRow>,
    form: AccountForm,
    errors: Vec<(String, Message)>,
    created: Option<(String, String)>,
) -> impl IntoView {
    let locale = use_locale();
    let csrf = nav.csrf.clone();
    let me = nav.email.clone();
    let bad = |f: &str| has_error(&errors, f).then_some("true");
    let described = |f: &str| has_error(&errors, f).then(|| format!("{f}-error"));
    let roles = [
        (Role::Administrator, tr!(locale, "role-beheerder")),
        (Role::HrmAnalyst, tr!(locale, "role-hrm")),
        (Role::Manager, tr!(locale, "role-leidinggevende")),
        (Role::Coordinator, tr!(locale, "role-coordinator")),
    ];
    view! {
        <Title text=page_title(&tr!(locale, "admin-title"))/>
        <Signed nav/>
        <AdminNav current="/beheer"/>
        {created.map(|(email, password)| view! {
            <section class="card notice-ok" role="status" aria-labelledby="account-made">
                <h2 id="account-made">{tr!(locale, "account-created", email = email)}</h2>
                <p>{tr!(locale, "account-created-once")}</p>
                <p><code class="secret" id="new-password">{password}</code></p>
            </section>
        }.into_any())}
        <section class="card">
            <h1>{tr!(locale, "admin-title")}</h1>
            <h2>{tr!(locale, "admin-accounts")}</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-label=tr!(locale, "table-region")>
            <table>
                <thead><tr>
                    <th scope="col">{tr!(locale, "login-email")}</th>
                    <th scope="col">{tr!(locale, "admin-role")}</th>
                    <th scope="col">{tr!(locale, "admin-state")}</th>
                    <th scope="col"><span class="visually-hidden">{tr!(locale, "poll-wave-actions")}</span></th>
                </tr></thead>
                <tbody>
                {accounts.into_iter().map(|a| {
                    let mut role = role_name(locale, a.role);
                    if let Some(scope) = &a.scope {
                        role.push_str(&format!(" ({scope})"));
                    }
                    if a.raw_data {
                        role.push_str(&format!(", {}", tr!(locale, "admin-raw-data")));
                    }
                    let state = if !a.active {
                        tr!(locale, "admin-inactive")
                    } else if a.locked {
                        tr!(locale, "admin-locked")
                    } else {
                        tr!(locale, "admin-active")
                    };
                    let (path, label, named) = if a.active {
                        ("uitschakelen", tr!(locale, "account-deactivate"), tr!(locale, "account-deactivate-named", email = a.email.clone()))
                    } else {
                        ("inschakelen", tr!(locale, "account-activate"), tr!(locale, "account-activate-named", email = a.email.clone()))
                    };
                    let own = a.email == me;
                    let action = (!own).then(|| view! {
                        <form method="post" action=format!("/beheer/accounts/{}/{path}", a.id) class="inline">
                            <input type="hidden" name=CSRF_FIELD value=csrf.clone()/>
                            <button type="submit" class="link" aria-label=named>{label}</button>
                        </form>
                    });
                    view! { <tr><td>{a.email}</td><td>{role}</td><td>{state}</td><td>{action}</td></tr> }.into_any()
                }).collect_view()}
                </tbody>
            </table>
            </div>
            <h2>{tr!(locale, "account-new")}</h2>
            <p class="hint">{tr!(locale, "account-new-hint")}</p>
            <form method="post" action="/beheer/accounts" class="stack">
                <input type="hidden" name=CSRF_FIELD value=csrf.clone()/>
                <label for="email">{tr!(locale, "login-email")}</label>
                {error_of(locale, &errors, "email")}
                <input id="email" name="email" type="email" value=form.email.clone() required
                    autocomplete="off" aria-invalid=bad("email") aria-describedby=described("email")/>
                <label for="role">{tr!(locale, "admin-role")}</label>
                {error_of(locale, &errors, "role")}
                <select id="role" name="role" required aria-invalid=bad("role") aria-describedby=described("role")>
                    <option value="" selected=form.role.is_empty()>{tr!(locale, "account-role-choose")}</option>
                    {roles.into_iter().map(|(r, name)| view! {
                        <option value=r.as_str() selected=form.role == r.as_str()>{name}</option>
                    }).collect_view()}
                </select>
                <label for="scope">{tr!(locale, "account-scope")}</label>
                <p class="hint" id="scope-hint">{tr!(locale, "account-scope-hint")}</p>
                {error_of(locale, &errors, "scope")}
                <input id="scope" name="scope" type="text" value=form.scope.clone()
                    aria-invalid=bad("scope")
                    aria-describedby=if has_error(&errors, "scope") { "scope-hint scope-error" } else { "scope-hint" }/>
                {error_of(locale, &errors, "raw_data")}
                <p class="checkbox">
                    <input id="raw_data" name="raw_data" type="checkbox" value="ja" checked=form.raw_data
                        aria-invalid=bad("raw_data") aria-describedby=described("raw_data")/>
                    <label for="raw_data">{tr!(locale, "account-raw-data")}</label>
                </p>
                <div class="buttons">
                    <button type="submit" class="primary">{tr!(locale, "account-make")}</button>
                </div>
            </form>
        </section>
    }
    .into_any()
}

#[component]
fn AccountPage(nav: StaffNav, changed: bool, errors: Vec<(String, Message)>) -> impl IntoView {
    let locale = use_locale();
    let csrf = nav.csrf.clone();
    let bad = |f: &str| has_error(&errors, f).then_some("true");
    let described = |f: &str, hint: Option<&str>| {
        let mut ids: Vec<String> = hint.map(str::to_string).into_iter().collect();
        if has_error(&errors, f) {
            ids.push(format!("{f}-error"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    view! {
        <Title text=page_title(&tr!(locale, "account-title"))/>
        <Signed nav/>
        {changed.then(|| view! {
            <section class="card notice-ok" role="status"><p>{tr!(locale, "password-changed")}</p></section>
        })}
        <section class="card">
            <h1>{tr!(locale, "account-title")}</h1>
            <h2>{tr!(locale, "password-change")}</h2>
            <form method="post" action="/account/wachtwoord" class="stack">
                <input type="hidden" name=CSRF_FIELD value=csrf/>
                <label for="current">{tr!(locale, "password-current")}</label>
                {error_of(locale, &errors, "current")}
                <input id="current" name="current" type="password" autocomplete="current-password" required
                    aria-invalid=bad("current") aria-describedby=described("current", None)/>
                <label for="new">{tr!(locale, "password-new")}</label>
                <p class="hint" id="new-hint">{tr!(locale, "password-new-hint")}</p>
                {error_of(locale, &errors, "new")}
                <input id="new" name="new" type="password" autocomplete="new-password" required
                    aria-invalid=bad("new") aria-describedby=described("new", Some("new-hint"))/>
                <label for="repeat">{tr!(locale, "password-repeat")}</label>
                {error_of(locale, &errors, "repeat")}
                <input id="repeat" name="repeat" type="password" autocomplete="new-password" required
                    aria-invalid=bad("repeat") aria-describedby=described("repeat", None)/>
                <div class="buttons">
                    <button type="submit" class="primary">{tr!(locale, "password-change")}</button>
                </div>
            </form>
        </section>
    }
    .into_any()
}

/// The administrator's sections, the current one marked for screen readers.
#[component]
fn AdminNav(current: &'static str) -> impl IntoView {
    let locale = use_locale();
    let links = [
        ("/beheer", tr!(locale, "admin-accounts")),
        ("/beheer/organisatie", tr!(locale, "org-title")),
        ("/beheer/personeel", tr!(locale, "roster-title")),
        ("/beheer/audit", tr!(locale, "audit-title")),
        ("/beheer/tokens", tr!(locale, "tokens-title")),
    ];
    view! {
        <nav class="sections" aria-label=tr!(locale, "admin-sections")>
            <ul>
            {links.into_iter().map(|(href, label)| {
                let here = href == current;
                view! {
                    <li><a rel="external" href=href aria-current=here.then_some("page")>{label}</a></li>
                }.into_any()
            }).collect_view()}
            </ul>
        </nav>
    }
    .into_any()
}

/// A field's error, shown beside it.
fn field_error(
    locale: Locale,
    id: &str,
    error: &Option<(String, Message)>,
    field: &str,
) -> Option<AnyView> {
    error.as_ref().filter(|(f, _)| f == field).map(|(_, m)| {
        view! { <p class="field-error" id=format!("{id}-error")>{m.text(locale)}</p> }.into_any()
    })
}

/// What a checked or applied import file does, or what is wrong with it.
#[component]
fn ImportResult(
    report: ImportReport,
    csrf: String,
    reference_date: Option<String>,
) -> impl IntoView {
    let locale = use_locale();
    let ImportReport {
        kind,
        file_name,
        problems,
        summary,
        applied,
        upload,
    } = report;
    let action = match kind {
        ImportKind::Organisation => "/beheer/organisatie/toepassen",
        ImportKind::Roster => "/beheer/personeel/toepassen",
    };
    const SHOWN: usize = 500;
    let more = problems.len().saturating_sub(SHOWN);
    let n = problems.len();
    let mut counts = vec![
        tr!(locale, "import-rows", n = summary.rows),
        tr!(locale, "import-added", n = summary.added),
        tr!(locale, "import-updated", n = summary.updated),
        tr!(locale, "import-unchanged", n = summary.unchanged),
    ];
    match kind {
        ImportKind::Roster => {
            counts.push(tr!(locale, "import-reactivated", n = summary.reactivated));
            counts.push(tr!(locale, "import-deactivated", n = summary.deactivated));
        }
        ImportKind::Organisation => {
            counts.push(tr!(locale, "import-untouched", n = summary.untouched))
        }
    }
    if let Some(d) = &reference_date {
        counts.insert(0, tr!(locale, "import-on", date = d.clone()));
    }
    let summary_list = view! {
        <ul class="import-summary">
            {counts.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
        </ul>
    };
    if n > 0 {
        return view! {
            <section class="card" aria-labelledby="import-result">
                <div class="error-summary" role="alert">
                    <h2 id="import-result">{tr!(locale, "import-problems-title", n = n, file = file_name)}</h2>
                    <p>{tr!(locale, "import-nothing-changed")}</p>
                </div>
                <div class="table-scroll" tabindex="0" role="region" aria-label=tr!(locale, "table-region")>
                <table>
                    <thead><tr>
                        <th scope="col">{tr!(locale, "import-row")}</th>
                        <th scope="col">{tr!(locale, "import-column")}</th>
                        <th scope="col">{tr!(locale, "import-problem")}</th>
                    </tr></thead>
                    <tbody>
                    {problems.into_iter().take(SHOWN).map(|p| view! {
                        <tr>
                            <td>{p.row.map(|r| r.to_string()).unwrap_or_else(|| "–".into())}</td>
                            <td>{p.column.unwrap_or_else(|| "–".into())}</td>
                            <td>{p.message.text(locale)}</td>
                        </tr>
                    }.into_any()).collect_view()}
                    </tbody>
                </table>
                </div>
                {(more > 0).then(|| view! { <p class="hint">{tr!(locale, "import-more-problems", n = more)}</p> })}
            </section>
        }
        .into_any();
    }
    if applied {
        return view! {
            <section class="card notice-ok" role="status" aria-labelledby="import-result">
                <h2 id="import-result">{tr!(locale, "import-applied-title", file = file_name)}</h2>
                {summary_list}
            </section>
        }
        .into_any();
    }
    view! {
        <section class="card" aria-labelledby="import-result">
            <h2 id="import-result">{tr!(locale, "import-checked-title", file = file_name)}</h2>
            <p>{tr!(locale, "import-checked-body")}</p>
            {summary_list}
            {(kind == ImportKind::Roster && summary.deactivated > 0).then(|| view! {
                <p class="warning">{tr!(locale, "import-deactivated-warning", n = summary.deactivated)}</p>
            })}
            {upload.map(|u| view! {
                <form method="post" action=action>
                    <input type="hidden" name=CSRF_FIELD value=csrf.clone()/>
                    <input type="hidden" name="upload" value=u/>
                    <div class="buttons">
                        <button type="submit" class="primary">{tr!(locale, "import-apply")}</button>
                    </div>
                </form>
            }.into_any())}
        </section>
    }
    .into_any()
}

/// The upload form of an import.
#[component]
fn UploadForm(
    action: &'static str,
    csrf: String,
    reference_date: Option<String>,
    error: Option<(String, Message)>,
) -> impl IntoView {
    let locale = use_locale();
    let file_bad = error.as_ref().is_some_and(|(f, _)| f == "file");
    let date_bad = error.as_ref().is_some_and(|(f, _)| f == "peildatum");
    view! {
        <form method="post" action=action enctype="multipart/form-data" class="stack">
            <input type="hidden" name=CSRF_FIELD value=csrf/>
            <label for="file">{tr!(locale, "import-file")}</label>
            <p class="hint" id="file-hint">{tr!(locale, "import-file-hint")}</p>
            {field_error(locale, "file", &error, "file")}
            <input id="file" name="file" type="file" required
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                aria-invalid=file_bad.then_some("true")
                aria-describedby=if file_bad { "file-hint file-error" } else { "file-hint" }/>
            {reference_date.map(|d| view! {
                <label for="peildatum">{tr!(locale, "roster-reference-date")}</label>
                <p class="hint" id="peildatum-hint">{tr!(locale, "roster-reference-date-hint")}</p>
                {field_error(locale, "peildatum", &error, "peildatum")}
                <input id="peildatum" name="peildatum" type="date" value=d required
                    aria-invalid=date_bad.then_some("true")
                    aria-describedby=if date_bad { "peildatum-hint peildatum-error" } else { "peildatum-hint" }/>
            }.into_any())}
            <div class="buttons">
                <button type="submit" class="primary">{tr!(locale, "import-check")}</button>
            </div>
        </form>
    }
    .into_any()
}

fn count_text(n: Option<u32>, k: u32) -> String {
    match n {
        Some(n) => n.to_string(),
        None => format!("< {k}"),
    }
}

fn level_name(locale: Locale, level: crate::domain::OrgLevel) -> String {
    use crate::domain::OrgLevel;
    match level {
        OrgLevel::Organisation => tr!(locale, "level-organisation"),
        OrgLevel::Unit => tr!(locale, "level-unit"),
        OrgLevel::District => tr!(locale, "level-district"),
        OrgLevel::Team => tr!(locale, "level-team"),
    }
}

fn tree_view(locale: Locale, nodes: Vec<OrgNode>, k: u32) -> AnyView {
    view! {
        <ul class="tree">
        {nodes.into_iter().map(|n| {
            let label = format!("{} · {} · {}", n.name, level_name(locale, n.level), n.code);
            let count = tr!(locale, "org-people", count = count_text(n.headcount, k));
            let kids = (!n.children.is_empty()).then(|| tree_view(locale, n.children, k));
            view! {
                <li><span class="node">{label}</span>" "<span class="count">{count}</span>{kids}</li>
            }.into_any()
        }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn OrganisationPage(
    nav: StaffNav,
    tree: Vec<OrgNode>,
    k: u32,
    report: Option<ImportReport>,
) -> impl IntoView {
    let locale = use_locale();
    let csrf = nav.csrf.clone();
    let empty = tree.is_empty();
    view! {
        <Title text=page_title(&tr!(locale, "org-title"))/>
        <Signed nav/>
        <AdminNav current="/beheer/organisatie"/>
        {report.map(|r| view! { <ImportResult report=r csrf=csrf.clone() reference_date=None/> }.into_any())}
        <section class="card">
            <h1>{tr!(locale, "org-title")}</h1>
            {empty.then(|| view! { <p>{tr!(locale, "org-empty")}</p> })}
            {(!empty).then(|| tree_view(locale, tree, k))}
            <p class="hint">{tr!(locale, "manager-small-groups", k = k)}</p>
        </section>
        <section class="card">
            <h2>{tr!(locale, "org-import")}</h2>
            <p>{tr!(locale, "org-import-columns")}</p>
            <UploadForm action="/beheer/organisatie" csrf=csrf reference_date=None error=None/>
        </section>
    }
    .into_any()
}

#[component]
fn RosterPage(
    nav: StaffNav,
    active: u32,
    snapshots: Vec<SnapshotRow>,
    report: Option<ImportReport>,
    reference_date: String,
    error: Option<(String, Message)>,
) -> impl IntoView {
    let locale = use_locale();
    let csrf = nav.csrf.clone();
    let no_snapshots = snapshots.is_empty();
    let columns = [
        ("personeelsnummer", tr!(locale, "roster-col-number")),
        ("naam", tr!(locale, "roster-col-name")),
        ("email", tr!(locale, "roster-col-email")),
        ("team", tr!(locale, "roster-col-team")),
        ("functiegroep", tr!(locale, "roster-col-role")),
        (
            "geboortedatum / leeftijdscategorie",
            tr!(locale, "roster-col-age"),
        ),
        (
            "datum_in_dienst / diensttijdcategorie",
            tr!(locale, "roster-col-tenure"),
        ),
        ("leidinggevende", tr!(locale, "roster-col-manager")),
        ("datum_uit_dienst", tr!(locale, "roster-col-end")),
    ];
    view! {
        <Title text=page_title(&tr!(locale, "roster-title"))/>
        <Signed nav/>
        <AdminNav current="/beheer/personeel"/>
        {report.map(|r| view! { <ImportResult report=r csrf=csrf.clone() reference_date=Some(reference_date.clone())/> }.into_any())}
        <section class="card">
            <h1>{tr!(locale, "roster-title")}</h1>
            <p class="subtitle">{tr!(locale, "roster-active", n = active)}</p>
            <h2>{tr!(locale, "roster-import")}</h2>
            <UploadForm action="/beheer/personeel" csrf=csrf reference_date=Some(reference_date.clone()) error/>
            <h3>{tr!(locale, "roster-columns")}</h3>
            <div class="table-scroll" tabindex="0" role="region" aria-label=tr!(locale, "table-region")>
            <table>
                <thead><tr>
                    <th scope="col">{tr!(locale, "import-column")}</th>
                    <th scope="col">{tr!(locale, "roster-col-meaning")}</th>
                </tr></thead>
                <tbody>
                {columns.into_iter().map(|(name, meaning)| view! {
                    <tr><td><code>{name}</code></td><td>{meaning}</td></tr>
                }.into_any()).collect_view()}
                </tbody>
            </table>
            </div>
            <p class="hint">{tr!(locale, "roster-columns-hint")}</p>
        </section>
        <section class="card">
            <h2>{tr!(locale, "roster-snapshots")}</h2>
            {no_snapshots.then(|| view! { <p>{tr!(locale, "roster-no-snapshots")}</p> })}
            {(!no_snapshots).then(|| view! {
                <div class="table-scroll" tabindex="0" role="region" aria-label=tr!(locale, "table-region")>
                <table>
                    <thead><tr>
                        <th scope="col">{tr!(locale, "roster-reference-date")}</th>
                        <th scope="col">{tr!(locale, "roster-source")}</th>
                        <th scope="col">{tr!(locale, "roster-employees")}</th>
                    </tr></thead>
                    <tbody>
                    {snapshots.into_iter().map(|s| view! {
                        <tr><td>{s.taken_on}</td><td>{s.source}</td><td>{s.employees.to_string()}</td></tr>
                    }.into_any()).collect_view()}
                    </tbody>
                </table>
                </div>
            }.into_any())}
        </section>
    }
    .into_any()
}

#[component]
fn AuditPage(
    nav: StaffNav,
    filter: AuditFilter,
    rows: Vec<AuditRow>,
    total: u64,
    error: Option<(String, Message)>,
) -> impl IntoView {
    let locale = use_locale();
    let shown = rows.len();
    let input = move |id: &'static str, label: String, value: String, kind: &'static str| {
        let bad = error.as_ref().is_some_and(|(f, _)| f == id);
        view! {
            <div class="filter-field">
                <label for=id>{label}</label>
                {field_error(locale, id, &error, id)}
                <input id=id name=id type=kind value=value
                    aria-invalid=bad.then_some("true")
                    aria-describedby=bad.then(|| format!("{id}-error"))/>
            </div>
        }
        .into_any()
    };
    view! {
        <Title text=page_title(&tr!(locale, "audit-title"))/>
        <Signed nav/>
        <AdminNav current="/beheer/audit"/>
        <section class="card">
            <h1>{tr!(locale, "audit-title")}</h1>
            <p class="subtitle">{tr!(locale, "audit-intro")}</p>
            <form method="get" action="/beheer/audit" class="filters" role="search">
                {input("actor", tr!(locale, "audit-actor"), filter.actor.clone(), "text")}
                {input("action", tr!(locale, "audit-action"), filter.action.clone(), "text")}
                {input("from", tr!(locale, "audit-from"), filter.from.clone(), "date")}
                {input("to", tr!(locale, "audit-to"), filter.to.clone(), "date")}
                <div class="buttons">
                    <button type="submit" class="primary">{tr!(locale, "audit-filter")}</button>
                </div>
            </form>
            <p role="status">{tr!(locale, "audit-count", shown = shown, total = total)}</p>
            <div class="table-scroll" tabindex="0" role="region" aria-label=tr!(locale, "table-region")>
            <table>
                <thead><tr>
                    <th scope="col">{tr!(locale, "audit-at")}</th>
                    <th scope="col">{tr!(locale, "audit-actor")}</th>
                    <th scope="col">{tr!(locale, "audit-action")}</th>
                    <th scope="col">{tr!(locale, "audit-object")}</th>
                    <th scope="col">{tr!(locale, "audit-detail")}</th>
                </tr></thead>
                <tbody>
                {rows.into_iter().map(|r| view! {
                    <tr><td>{r.at}</td><td>{r.actor}</td><td>{r.action}</td><td>{r.object}</td><td>{r.detail}</td></tr>
                }.into_any()).collect_view()}
                </tbody>
            </table>
            </div>
        </section>
    }
    .into_any()
}

#[component]
fn TokensPage(
    nav: StaffNav,
    tokens: Vec<TokenRow>,
    created: Option<String>,
    error: Option<Message>,
) -> impl IntoView {
    let locale = use_locale();
    let csrf = nav.csrf.clone();
    let none = tokens.is_empty();
    let bad = error.is_some();
    view! {
        <Title text=page_title(&tr!(locale, "tokens-title"))/>
        <Signed nav/>
        <AdminNav current="/beheer/tokens"/>
        {created.map(|t| view! {
            <section class="card notice-ok" role="status" aria-labelledby="token-made">
                <h2 id="token-made">{tr!(locale, "tokens-created")}</h2>
                <p>{tr!(locale, "tokens-created-once")}</p>
                <p><code class="secret" id="new-token">{t}</code></p>
            </section>
        }.into_any())}
        <section class="card">
            <h1>{tr!(locale, "tokens-title")}</h1>
            <p class="subtitle">{tr!(locale, "tokens-intro")}</p>
            {none.then(|| view! { <p>{tr!(locale, "tokens-none")}</p> })}
            {(!none).then(|| view! {
                <div class="table-scroll" tabindex="0" role="region" aria-label=tr!(locale, "table-region")>
                <table>
                    <thead><tr>
                        <th scope="col">{tr!(locale, "tokens-name")}</th>
                        <th scope="col">{tr!(locale, "tokens-created-on")}</th>
                        <th scope="col">{tr!(locale, "tokens-last-used")}</th>
                        <th scope="col"><span class="visually-hidden">{tr!(locale, "tokens-revoke")}</span></th>
                    </tr></thead>
                    <tbody>
                    {tokens.into_iter().map(|t| {
                        let label = tr!(locale, "tokens-revoke-named", name = t.name.clone());
                        view! {
                            <tr>
                                <td>{t.name}</td>
                                <td>{t.created_on}</td>
                                <td>{t.last_used_on.unwrap_or_else(|| tr!(locale, "tokens-never"))}</td>
                                <td>
                                    <form method="post" action="/beheer/tokens/intrekken">
                                        <input type="hidden" name=CSRF_FIELD value=csrf.clone()/>
                                        <input type="hidden" name="id" value=t.id.to_string()/>
                                        <button type="submit" class="link" aria-label=label>{tr!(locale, "tokens-revoke")}</button>
                                    </form>
                                </td>
                            </tr>
                        }.into_any()
                    }).collect_view()}
                    </tbody>
                </table>
                </div>
            }.into_any())}
            <h2>{tr!(locale, "tokens-new")}</h2>
            <form method="post" action="/beheer/tokens" class="stack">
                <input type="hidden" name=CSRF_FIELD value=csrf.clone()/>
                <label for="name">{tr!(locale, "tokens-name")}</label>
                {error.map(|m| view! { <p class="field-error" id="name-error">{m.text(locale)}</p> })}
                <input id="name" name="name" type="text" maxlength="80" required
                    aria-invalid=bad.then_some("true")
                    aria-describedby=bad.then_some("name-error")/>
                <div class="buttons">
                    <button type="submit" class="primary">{tr!(locale, "tokens-make")}</button>
                </div>
            </form>
        </section>
    }
    .into_any()
}

fn kind_name(locale: Locale, kind: crate::domain::PollKind) -> String {
    match kind {
        crate::domain::PollKind::Flash => tr!(locale, "poll-kind-flash"),
        crate::domain::PollKind::Monitor => tr!(locale, "poll-kind-monitor"),
    }
}

fn status_name(locale: Locale, status: WaveStatus) -> String {
    match status {
        WaveStatus::Draft => tr!(locale, "wave-status-draft"),
        WaveStatus::Open => tr!(locale, "wave-status-open"),
        WaveStatus::Closed => tr!(locale, "wave-status-closed"),
    }
}

#[component]
fn NewPollPage(
    nav: StaffNav,
    templates: Vec<TemplateRow>,
    error: Option<Message>,
    bank: Vec<BankQuestionRow>,
    draft: PollDraft,
    errors: Vec<(String, Message)>,
) -> impl IntoView {
    let locale = use_locale();
    let csrf = nav.csrf.clone();
    let bad = error.is_some();
    view! {
        <Title text=page_title(&tr!(locale, "poll-new"))/>
        <Signed nav/>
        <p><a rel="external" href="/hrm">{tr!(locale, "hrm-back")}</a>" · "<a rel="external" href="/hrm/vragenbank">{tr!(locale, "bank-title")}</a></p>
        <section class="card workspace">
            <h1>{tr!(locale, "poll-new")}</h1>
            <p class="subtitle">{tr!(locale, "poll-new-intro")}</p>
            <h2>{tr!(locale, "poll-from-template")}</h2>
            <form method="post" action="/hrm/peilingen">
                <input type="hidden" name=CSRF_FIELD value=csrf.clone()/>
                <fieldset class="question" aria-describedby=bad.then_some("template-error")>
                    <legend>{tr!(locale, "poll-template")}</legend>
                    {error.map(|m| view! { <p class="field-error" id="template-error">{m.text(locale)}</p> })}
                    <ul class="choices">
                    {templates.into_iter().map(|t| {
                        let id = format!("tpl-{}", t.code);
                        let label = format!(
                            "{} ({}, {})",
                            t.name.get(locale),
                            kind_name(locale, t.kind),
                            tr!(locale, "poll-questions-count", n = t.questions)
                        );
                        view! {
                            <li>
                                <input type="radio" name="template" id=id.clone() value=t.code required/>
                                <label for=id>{label}</label>
                            </li>
                        }.into_any()
                    }).collect_view()}
                    </ul>
                </fieldset>
                <div class="buttons">
                    <button type="submit" class="primary">{tr!(locale, "poll-create")}</button>
                </div>
            </form>
        </section>
        <ComposeForm action="/hrm/peilingen/samenstellen".to_string() heading=tr!(locale, "poll-compose")
            submit=tr!(locale, "poll-create") csrf bank draft errors/>
    }
    .into_any()
}

/// The form that puts a poll together from the bank (a new one, or one being changed).
#[component]
fn ComposeForm(
    action: String,
    heading: String,
    submit: String,
    csrf: String,
    bank: Vec<BankQuestionRow>,
    draft: PollDraft,
    errors: Vec<(String, Message)>,
) -> impl IntoView {
    let locale = use_locale();
    let invalid = |f: &str| has_error(&errors, f).then_some("true");
    let described = |f: &str| has_error(&errors, f).then(|| format!("{f}-error"));
    let text_field = |name: &'static str, label: String, value: String| {
        view! {
            <label for=name>{label}</label>
            {error_of(locale, &errors, name)}
            <input id=name name=name type="text" value=value maxlength="200"
                aria-invalid=invalid(name) aria-describedby=described(name)/>
        }
        .into_any()
    };
    let area = |name: &'static str, label: String, value: String| {
        view! {
            <label for=name>{label}</label>
            {error_of(locale, &errors, name)}
            <textarea id=name name=name rows="3" aria-invalid=invalid(name) aria-describedby=described(name) inner_html=super::escape_text(&value)></textarea>
        }
        .into_any()
    };
    // The bank by theme, each question with its page.
    let mut by_theme: Vec<(String, Vec<BankQuestionRow>)> = Vec::new();
    for q in bank {
        let name = q.theme_name.get(locale).to_string();
        match by_theme.last_mut() {
            Some((n, qs)) if *n == name => qs.push(q),
            _ => by_theme.push((name, vec![q])),
        }
    }
    let chosen = draft.chosen.clone();
    view! {
        <section class="card workspace" aria-labelledby="compose">
            <h2 id="compose">{heading}</h2>
            <p class="hint">{tr!(locale, "poll-compose-hint")}</p>
            {(!errors.is_empty()).then(|| view! {
                <div class="error-summary" role="alert"><p>{tr!(locale, "poll-compose-errors", n = errors.len())}</p></div>
            })}
            <form method="post" action=action class="stack">
                <input type="hidden" name=CSRF_FIELD value=csrf/>
                {text_field("title_nl", tr!(locale, "poll-title-nl"), draft.title_nl.clone())}
                {text_field("title_en", tr!(locale, "poll-title-en"), draft.title_en.clone())}
                {area("intro_nl", tr!(locale, "poll-intro-nl"), draft.intro_nl.clone())}
                {area("intro_en", tr!(locale, "poll-intro-en"), draft.intro_en.clone())}
                <fieldset class="question">
                    <legend>{tr!(locale, "poll-kind")}</legend>
                    <ul class="choices">
                    {[crate::domain::PollKind::Flash, crate::domain::PollKind::Monitor].into_iter().map(|k| {
                        let id = format!("kind-{}", k.as_str());
                        view! {
                            <li>
                                <input type="radio" name="kind" id=id.clone() value=k.as_str() checked=draft.kind == k/>
                                <label for=id>{kind_name(locale, k)}</label>
                            </li>
                        }.into_any()
                    }).collect_view()}
                    </ul>
                </fieldset>
                <label for="min_group">{tr!(locale, "poll-threshold")}</label>
                <p class="hint" id="min_group-hint">{tr!(locale, "poll-threshold-hint")}</p>
                {error_of(locale, &errors, "min_group")}
                <input id="min_group" name="min_group" type="number" min="5" value=draft.min_group.clone()
                    aria-invalid=invalid("min_group")
                    aria-describedby=if has_error(&errors, "min_group") { "min_group-hint min_group-error" } else { "min_group-hint" }/>
                <fieldset class="question">
                    <legend>{tr!(locale, "poll-attributes")}</legend>
                    <ul class="choices">
                    {crate::domain::ReportingAttribute::ALL.iter().map(|a| {
                        let id = format!("attr-{}", a.as_str());
                        view! {
                            <li>
                                <input type="checkbox" name="attribute" id=id.clone() value=a.as_str() checked=draft.attributes.contains(a)/>
                                <label for=id>{attribute_name(locale, *a)}</label>
                            </li>
                        }.into_any()
                    }).collect_view()}
                    </ul>
                </fieldset>
                <fieldset class="question" aria-describedby=has_error(&errors, "questions").then_some("questions-error")>
                    <legend>{tr!(locale, "poll-questions")}</legend>
                    <p class="hint">{tr!(locale, "poll-questions-hint")}</p>
                    {error_of(locale, &errors, "questions")}
                    {by_theme.into_iter().map(|(theme, qs)| view! {
                        <h3>{theme}</h3>
                        <ul class="bank">
                        {qs.into_iter().map(|q| {
                            let id = format!("q-{}", q.code);
                            let page_id = format!("page-{}", q.code);
                            let page_field = format!("page:{}", q.code);
                            let pos_id = format!("pos-{}", q.code);
                            let pos_field = format!("pos:{}", q.code);
                            let req_id = format!("req-{}", q.code);
                            let req_field = format!("req:{}", q.code);
                            let picked = chosen.iter().find(|c| c.code == q.code);
                            let page = picked.map(|c| c.page.clone()).unwrap_or_else(|| "1".into());
                            let position = picked.map(|c| c.position.clone()).unwrap_or_default();
                            // Unchosen questions offer the bank's own setting.
                            let required = picked.map_or(q.required, |c| c.required);
                            let page_bad = has_error(&errors, &page_field);
                            let pos_bad = has_error(&errors, &pos_field);
                            let page_err = error_of(locale, &errors, &page_field);
                            let pos_err = error_of(locale, &errors, &pos_field);
                            view! {
                                <li>
                                    <input type="checkbox" name="q" id=id.clone() value=q.code.clone() checked=picked.is_some()/>
                                    <label for=id>{q.text.get(locale).to_string()}" "<span class="hint">{q.code.clone()}</span></label>
                                    <span class="placing">
                                        <label for=page_id.clone() class="page-label">{tr!(locale, "poll-page")}<span class="visually-hidden">{format!(" {}", q.code)}</span></label>
                                        <input type="number" min="1" max="50" class="page" id=page_id name=page_field.clone() value=page
                                            aria-invalid=page_bad.then_some("true")
                                            aria-describedby=page_bad.then(|| format!("{page_field}-error"))/>
                                        <label for=pos_id.clone() class="page-label">{tr!(locale, "poll-position")}<span class="visually-hidden">{format!(" {}", q.code)}</span></label>
                                        <input type="number" min="1" max="100" class="page" id=pos_id name=pos_field.clone() value=position
                                            aria-invalid=pos_bad.then_some("true")
                                            aria-describedby=pos_bad.then(|| format!("{pos_field}-error"))/>
                                        <input type="checkbox" id=req_id.clone() name=req_field value="1" checked=required/>
                                        <label for=req_id>{tr!(locale, "poll-must-answer")}<span class="visually-hidden">{format!(" {}", q.code)}</span></label>
                                    </span>
                                    {page_err}
                                    {pos_err}
                                </li>
                            }.into_any()
                        }).collect_view()}
                        </ul>
                    }.into_any()).collect_view()}
                </fieldset>
                <div class="buttons">
                    <button type="submit" class="primary">{submit}</button>
                </div>
            </form>
        </section>
    }
    .into_any()
}

#[component]
fn EditPollPage(
    nav: StaffNav,
    id: String,
    title: String,
    bank: Vec<BankQuestionRow>,
    draft: PollDraft,
    errors: Vec<(String, Message)>,
) -> impl IntoView {
    let locale = use_locale();
    let csrf = nav.csrf.clone();
    let back = format!("/hrm/peilingen/{id}");
    view! {
        <Title text=page_title(&tr!(locale, "poll-edit"))/>
        <Signed nav/>
        <p><a rel="external" href=back>{tr!(locale, "team-links-back")}</a></p>
        <section class="card workspace">
            <h1>{tr!(locale, "poll-edit-title", title = title)}</h1>
            <p class="subtitle">{tr!(locale, "poll-edit-intro")}</p>
        </section>
        <ComposeForm action=format!("/hrm/peilingen/{id}/bewerken") heading=tr!(locale, "poll-edit")
            submit=tr!(locale, "poll-save") csrf bank draft errors/>
    }
    .into_any()
}

#[component]
fn BankPage(
    nav: StaffNav,
    themes: Vec<(String, Localized)>,
    bank: Vec<BankQuestionRow>,
    form: QuestionDraft,
    errors: Vec<(String, Message)>,
    added: Option<String>,
) -> impl IntoView {
    use crate::domain::QuestionKind;
    let locale = use_locale();
    let csrf = nav.csrf.clone();
    let invalid = |f: &str| has_error(&errors, f).then_some("true");
    let described = |f: &str| has_error(&errors, f).then(|| format!("{f}-error"));
    let kind_label = move |k: QuestionKind| match k {
        QuestionKind::Likert => tr!(locale, "kind-likert"),
        QuestionKind::Scale010 => tr!(locale, "kind-scale010"),
        QuestionKind::Text => tr!(locale, "kind-text"),
        QuestionKind::Single => tr!(locale, "kind-single"),
        QuestionKind::Multi => tr!(locale, "kind-multi"),
    };
    let check = |name: &'static str, label: String, on: bool| {
        view! {
            {error_of(locale, &errors, name)}
            <p class="checkbox">
                <input id=name name=name type="checkbox" value="ja" checked=on
                    aria-invalid=invalid(name) aria-describedby=described(name)/>
                <label for=name>{label}</label>
            </p>
        }
        .into_any()
    };
    view! {
        <Title text=page_title(&tr!(locale, "bank-title"))/>
        <Signed nav/>
        <p><a rel="external" href="/hrm">{tr!(locale, "hrm-back")}</a>" · "<a rel="external" href="/hrm/nieuwe-peiling">{tr!(locale, "poll-new")}</a></p>
        {added.map(|code| view! {
            <section class="card notice-ok" role="status"><p>{tr!(locale, "bank-added", code = code)}</p></section>
        }.into_any())}
        <section class="card workspace">
            <h1>{tr!(locale, "bank-title")}</h1>
            <h2>{tr!(locale, "bank-new")}</h2>
            <form method="post" action="/hrm/vragenbank" class="stack">
                <input type="hidden" name=CSRF_FIELD value=csrf/>
                <label for="code">{tr!(locale, "bank-code")}</label>
                <p class="hint" id="code-hint">{tr!(locale, "bank-code-hint")}</p>
                {error_of(locale, &errors, "code")}
                <input id="code" name="code" type="text" value=form.code.clone() maxlength="32" required
                    aria-invalid=invalid("code")
                    aria-describedby=if has_error(&errors, "code") { "code-hint code-error" } else { "code-hint" }/>
                <label for="theme">{tr!(locale, "poll-theme")}</label>
                {error_of(locale, &errors, "theme")}
                <select id="theme" name="theme" required aria-invalid=invalid("theme") aria-describedby=described("theme")>
                    {themes.into_iter().map(|(code, name)| {
                        let selected = form.theme == code;
                        view! { <option value=code selected=selected>{name.get(locale).to_string()}</option> }
                    }).collect_view()}
                </select>
                <label for="kind">{tr!(locale, "bank-kind")}</label>
                {error_of(locale, &errors, "kind")}
                <select id="kind" name="kind" aria-invalid=invalid("kind") aria-describedby=described("kind")>
                    {[QuestionKind::Likert, QuestionKind::Scale010, QuestionKind::Text].into_iter().map(|k| view! {
                        <option value=k.as_str() selected=form.kind == k>{kind_label(k)}</option>
                    }).collect_view()}
                </select>
                <label for="text_nl">{tr!(locale, "bank-text-nl")}</label>
                {error_of(locale, &errors, "text_nl")}
                <textarea id="text_nl" name="text_nl" rows="2" required aria-invalid=invalid("text_nl") aria-describedby=described("text_nl") inner_html=super::escape_text(&form.text_nl)></textarea>
                <label for="text_en">{tr!(locale, "bank-text-en")}</label>
                {error_of(locale, &errors, "text_en")}
                <textarea id="text_en" name="text_en" rows="2" required aria-invalid=invalid("text_en") aria-describedby=described("text_en") inner_html=super::escape_text(&form.text_en)></textarea>
                {check("reversed", tr!(locale, "bank-reversed"), form.reversed)}
                {check("dont_know", tr!(locale, "bank-dont-know"), form.dont_know)}
                {check("required", tr!(locale, "bank-required"), form.required)}
                <div class="buttons">
                    <button type="submit" class="primary">{tr!(locale, "bank-add")}</button>
                </div>
            </form>
        </section>
        <section class="card workspace">
            <h2>{tr!(locale, "bank-questions")}</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-label=tr!(locale, "table-region")>
            <table>
                <thead><tr>
                    <th scope="col">{tr!(locale, "poll-question")}</th>
                    <th scope="col">{tr!(locale, "poll-theme")}</th>
                    <th scope="col">{tr!(locale, "bank-kind")}</th>
                </tr></thead>
                <tbody>
                {bank.into_iter().map(|q| {
                    let mut kind = kind_label(q.kind);
                    if q.reversed {
                        kind.push_str(&format!(", {}", tr!(locale, "bank-reversed-short")));
                    }
                    view! {
                        <tr>
                            <td>{q.text.get(locale).to_string()}<br/><span class="hint">{q.code}</span></td>
                            <td>{q.theme_name.get(locale).to_string()}</td>
                            <td>{kind}</td>
                        </tr>
                    }.into_any()
                }).collect_view()}
                </tbody>
            </table>
            </div>
        </section>
    }
    .into_any()
}

fn attribute_name(locale: Locale, a: crate::domain::ReportingAttribute) -> String {
    use crate::domain::ReportingAttribute as A;
    match a {
        A::Unit => tr!(locale, "level-unit"),
        A::District => tr!(locale, "level-district"),
        A::Team => tr!(locale, "level-team"),
        A::AgeBand => tr!(locale, "attribute-age-band"),
        A::RoleGroup => tr!(locale, "attribute-role-group"),
        A::TenureBand => tr!(locale, "attribute-tenure-band"),
    }
}

#[component]
fn PollAdmin(
    nav: StaffNav,
    poll: PollDetail,
    units: Vec<(String, String)>,
    form: WaveForm,
    error: Option<(String, Message)>,
) -> impl IntoView {
    let locale = use_locale();
    let csrf = nav.csrf.clone();
    let PollDetail {
        id,
        title,
        intro,
        kind,
        min_group,
        attributes,
        questions,
        frozen,
        waves,
    } = poll;
    let attrs = attributes
        .iter()
        .map(|a| attribute_name(locale, *a))
        .collect::<Vec<_>>()
        .join(", ");
    let wave_error = error
        .as_ref()
        .filter(|(f, _)| f == "wave")
        .map(|(_, m)| m.text(locale));
    let field = |name: &'static str, label: String, value: String, kind: &'static str| {
        let bad = error.as_ref().is_some_and(|(f, _)| f == name);
        view! {
            <div class="filter-field">
                <label for=name>{label}</label>
                {field_error(locale, name, &error, name)}
                <input id=name name=name type=kind value=value required
                    aria-invalid=bad.then_some("true")
                    aria-describedby=bad.then(|| format!("{name}-error"))/>
            </div>
        }
        .into_any()
    };
    let has_audience_error = error.as_ref().is_some_and(|(f, _)| f == "audience");
    let preview = format!("/hrm/peilingen/{id}/voorbeeld");
    let edit = format!("/hrm/peilingen/{id}/bewerken");
    let bundle = format!("/hrm/peilingen/{id}/bundel.zip");
    let any_closed = waves.iter().any(|w| w.status == WaveStatus::Closed);
    let new_wave = format!("/hrm/peilingen/{id}/golven");
    view! {
        <Title text=page_title(title.get(locale))/>
        <Signed nav/>
        <p><a rel="external" href="/hrm">{tr!(locale, "hrm-back")}</a></p>
        <section class="card workspace">
            <h1>{title.get(locale).to_string()}</h1>
            <p class="subtitle">{intro.get(locale).to_string()}</p>
            <dl class="facts">
                <dt>{tr!(locale, "poll-kind")}</dt><dd>{kind_name(locale, kind)}</dd>
                <dt>{tr!(locale, "poll-threshold")}</dt><dd>{tr!(locale, "poll-threshold-value", k = min_group)}</dd>
                <dt>{tr!(locale, "poll-attributes")}</dt><dd>{attrs}</dd>
            </dl>
            <p><a rel="external" href=preview>{tr!(locale, "poll-preview")}</a></p>
            {(!frozen).then(|| view! {
                <p><a rel="external" href=edit.clone()>{tr!(locale, "poll-edit")}</a></p>
            })}
        </section>
        <section class="card workspace" aria-labelledby="waves">
            <h2 id="waves">{tr!(locale, "poll-waves")}</h2>
            {wave_error.map(|e| view! { <div class="error-summary" role="alert"><p>{e}</p></div> })}
            <div class="table-scroll" tabindex="0" role="region" aria-label=tr!(locale, "table-region")>
            <table>
                <thead><tr>
                    <th scope="col">{tr!(locale, "hrm-wave")}</th>
                    <th scope="col">{tr!(locale, "hrm-wave-status")}</th>
                    <th scope="col">{tr!(locale, "hrm-wave-dates")}</th>
                    <th scope="col">{tr!(locale, "wave-audience")}</th>
                    <th scope="col">{tr!(locale, "hrm-wave-invited")}</th>
                    <th scope="col">{tr!(locale, "poll-wave-actions")}</th>
                </tr></thead>
                <tbody>
                {waves.into_iter().map(|w| {
                    let action = |path: &str, label: String, name: String| {
                        let csrf = csrf.clone();
                        view! {
                            <form method="post" action=format!("/hrm/golven/{}/{path}", w.id) class="inline">
                                <input type="hidden" name=CSRF_FIELD value=csrf/>
                                <button type="submit" class="link" aria-label=name>{label}</button>
                            </form>
                        }
                        .into_any()
                    };
                    let actions = match w.status {
                        WaveStatus::Draft => vec![
                            action("openen", tr!(locale, "wave-open"), tr!(locale, "wave-open-named", label = w.label.clone())),
                            action("teamlinks", tr!(locale, "wave-team-links"), tr!(locale, "wave-team-links-named", label = w.label.clone())),
                        ],
                        WaveStatus::Open => vec![
                            action("sluiten", tr!(locale, "wave-close"), tr!(locale, "wave-close-named", label = w.label.clone())),
                            action("teamlinks", tr!(locale, "wave-team-links"), tr!(locale, "wave-team-links-named", label = w.label.clone())),
                        ],
                        WaveStatus::Closed => Vec::new(),
                    };
                    view! {
                        <tr>
                            <td><a rel="external" href=format!("/hrm/golven/{}", w.id)>{w.label.clone()}</a></td>
                            <td>{status_name(locale, w.status)}</td>
                            <td>{format!("{} – {}", w.opens_on, w.closes_on)}</td>
                            <td>{audience_text(locale, &w.audience, w.audience_size, min_group)}</td>
                            <td>{w.invited.to_string()}</td>
                            <td class="actions">{actions}</td>
                        </tr>
                    }.into_any()
                }).collect_view()}
                </tbody>
            </table>
            </div>
            {any_closed.then(|| view! {
                <form method="post" action=bundle.clone() class="inline">
                    <input type="hidden" name=CSRF_FIELD value=csrf.clone()/>
                    <button type="submit" class="secondary">{tr!(locale, "poll-bundle")}</button>
                </form>
                <p class="hint">{tr!(locale, "poll-bundle-hint")}</p>
            })}
            <h3>{tr!(locale, "wave-new")}</h3>
            <p class="hint">{tr!(locale, "wave-new-hint")}</p>
            <form method="post" action=new_wave class="filters">
                <input type="hidden" name=CSRF_FIELD value=csrf.clone()/>
                {field("label", tr!(locale, "wave-label"), form.label, "text")}
                {field("opens_on", tr!(locale, "wave-opens"), form.opens_on, "date")}
                {field("closes_on", tr!(locale, "wave-closes"), form.closes_on, "date")}
                <fieldset class="question audience" aria-describedby=has_audience_error.then_some("audience-error")>
                    <legend>{tr!(locale, "wave-audience")}</legend>
                    <p class="hint">{tr!(locale, "wave-audience-hint")}</p>
                    {field_error(locale, "audience", &error, "audience")}
                    <ul class="choices">
                    {units.into_iter().map(|(code, name)| {
                        let id = format!("unit-{code}");
                        let checked = form.units.contains(&code);
                        view! {
                            <li>
                                <input type="checkbox" name="unit" id=id.clone() value=code checked=checked/>
                                <label for=id>{name}</label>
                            </li>
                        }.into_any()
                    }).collect_view()}
                    </ul>
                    <label for="other">{tr!(locale, "wave-audience-other")}</label>
                    <input id="other" name="other" type="text" value=form.other.clone()/>
                </fieldset>
                <div class="buttons">
                    <button type="submit" class="primary">{tr!(locale, "wave-create")}</button>
                </div>
            </form>
        </section>
        <section class="card workspace" aria-labelledby="questions">
            <h2 id="questions">{tr!(locale, "poll-questions")}</h2>
            {frozen.then(|| view! { <p class="warning">{tr!(locale, "poll-frozen")}</p> })}
            <div class="table-scroll" tabindex="0" role="region" aria-label=tr!(locale, "table-region")>
            <table>
                <thead><tr>
                    <th scope="col">{tr!(locale, "poll-page")}</th>
                    <th scope="col">{tr!(locale, "poll-question")}</th>
                    <th scope="col">{tr!(locale, "poll-theme")}</th>
                    <th scope="col">{tr!(locale, "poll-required")}</th>
                </tr></thead>
                <tbody>
                {questions.into_iter().map(|q| {
                    let text = q.text.get(locale).to_string();
                    let required = if q.required { tr!(locale, "yes") } else { tr!(locale, "no") };
                    view! {
                        <tr>
                            <td>{q.page.to_string()}</td>
                            <td>{text}<br/><span class="hint">{q.code}</span></td>
                            <td>{q.theme}</td>
                            <td>{required}</td>
                        </tr>
                    }.into_any()
                }).collect_view()}
                </tbody>
            </table>
            </div>
        </section>
    }
    .into_any()
}

/// A wave's audience as the poll page shows it: the whole organisation or its codes, with
/// the people in it (or "< k").
fn audience_text(locale: Locale, codes: &[String], size: Option<u32>, k: u32) -> String {
    let who = if codes.is_empty() {
        tr!(locale, "wave-audience-all")
    } else {
        codes.join(", ")
    };
    let n = match size {
        Some(n) => n.to_string(),
        None => format!("< {k}"),
    };
    format!("{who} ({})", tr!(locale, "org-people", count = n))
}

#[component]
fn TeamLinksPage(
    nav: StaffNav,
    poll_id: String,
    title: Localized,
    wave: String,
    links: Vec<TeamLink>,
) -> impl IntoView {
    let locale = use_locale();
    let back = format!("/hrm/peilingen/{poll_id}");
    view! {
        <Title text=page_title(&tr!(locale, "team-links-title"))/>
        <Signed nav/>
        <p class="no-print"><a rel="external" href=back>{tr!(locale, "team-links-back")}</a></p>
        <section class="card workspace">
            <h1>{tr!(locale, "team-links-heading", title = title.get(locale).to_string(), wave = wave)}</h1>
            <p class="warning no-print">{tr!(locale, "team-links-once")}</p>
            <ul class="team-links">
            {links.into_iter().map(|l| {
                let alt = tr!(locale, "team-links-qr", team = l.team.clone());
                view! {
                    <li>
                        <h2>{l.team}</h2>
                        <img src=l.qr alt=alt width="160" height="160"/>
                        <p><code class="secret">{l.url}</code></p>
                    </li>
                }.into_any()
            }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

/// A count of people as a page shows it: "< k" under the threshold.
fn people(n: Option<u64>, k: u32) -> String {
    match n {
        Some(n) => n.to_string(),
        None => format!("< {k}"),
    }
}

#[component]
fn WavePage(
    nav: StaffNav,
    wave: crate::domain::WaveView,
    form: crate::domain::SampleForm,
    error: Option<(String, Message)>,
) -> impl IntoView {
    let locale = use_locale();
    let csrf = nav.csrf.clone();
    let errors: Vec<(String, Message)> = error.into_iter().collect();
    let wave_error = errors
        .iter()
        .find(|(f, _)| f == "wave")
        .map(|(_, m)| m.text(locale));
    let bad = |f: &str| has_error(&errors, f).then_some("true");
    let described = |f: &str| has_error(&errors, f).then(|| format!("{f}-error"));
    let base = format!("/hrm/golven/{}", wave.id);
    let k = wave.k;
    let title = format!("{} · {}", wave.poll_title.get(locale), wave.label);
    let closed = wave.status == WaveStatus::Closed;
    let hidden =
        |csrf: &String| view! { <input type="hidden" name=CSRF_FIELD value=csrf.clone()/> };
    // The sample, or the forms to invite.
    let invitees = match (&wave.sample, wave.invited) {
        (Some(s), _) => {
            let allocation = match s.minimum {
                Some(m) => tr!(locale, "sample-allocation-minimum-n", n = m),
                None => tr!(locale, "sample-allocation-proportional"),
            };
            view! {
                <dl class="facts">
                    <dt>{tr!(locale, "sample-total")}</dt><dd>{s.total.to_string()}</dd>
                    <dt>{tr!(locale, "sample-allocation")}</dt><dd>{allocation}</dd>
                    <dt>{tr!(locale, "sample-seed")}</dt><dd><code>{s.seed.clone()}</code></dd>
                    <dt>{tr!(locale, "sample-exclude")}</dt><dd>{s.exclude_months.map_or_else(|| tr!(locale, "sample-exclude-none"), |m| tr!(locale, "sample-exclude-n", n = m))}</dd>
                    <dt>{tr!(locale, "sample-drawn-on")}</dt><dd>{s.drawn_on.clone()}</dd>
                    <dt>{tr!(locale, "sample-frame-digest")}</dt><dd><code class="digest">{s.frame_digest.clone()}</code></dd>
                </dl>
                <div class="table-scroll" tabindex="0" role="region" aria-label=tr!(locale, "sample-strata")>
                <table>
                    <caption>{tr!(locale, "sample-strata")}</caption>
                    <thead><tr>
                        <th scope="col">{tr!(locale, "sample-unit")}</th>
                        <th scope="col">{tr!(locale, "sample-age-band")}</th>
                        <th scope="col" class="num">{tr!(locale, "sample-population")}</th>
                        <th scope="col" class="num">{tr!(locale, "sample-frame")}</th>
                        <th scope="col" class="num">{tr!(locale, "sample-planned")}</th>
                        <th scope="col" class="num">{tr!(locale, "sample-drawn")}</th>
                    </tr></thead>
                    <tbody>
                    {s.strata.iter().map(|st| view! {
                        <tr>
                            <td>{st.unit.clone()}</td>
                            <td>{st.age_band.clone()}</td>
                            <td class="num">{people(st.population, k)}</td>
                            <td class="num">{people(st.frame, k)}</td>
                            <td class="num">{st.planned.to_string()}</td>
                            <td class="num">{st.drawn.to_string()}</td>
                        </tr>
                    }.into_any()).collect_view()}
                    </tbody>
                </table>
                </div>
            }
            .into_any()
        }
        (None, 0) if wave.status == WaveStatus::Draft => {
            let minimum = form.allocation == "minimum";
            view! {
                <p class="hint">{tr!(locale, "sample-hint", k = k)}</p>
                <form method="post" action=format!("{base}/steekproef") class="stack">
                    {hidden(&csrf)}
                    <label for="total">{tr!(locale, "sample-total")}</label>
                    {error_of(locale, &errors, "total")}
                    <input id="total" name="total" type="number" min="1" value=form.total.clone()
                        aria-invalid=bad("total") aria-describedby=described("total")/>
                    <fieldset class="question" aria-describedby=described("minimum")>
                        <legend>{tr!(locale, "sample-allocation")}</legend>
                        {error_of(locale, &errors, "minimum")}
                        <ul class="choices">
                            <li>
                                <input type="radio" name="allocation" id="alloc-prop" value="proportional" checked=!minimum/>
                                <label for="alloc-prop">{tr!(locale, "sample-allocation-proportional")}</label>
                            </li>
                            <li>
                                <input type="radio" name="allocation" id="alloc-min" value="minimum" checked=minimum/>
                                <label for="alloc-min">{tr!(locale, "sample-allocation-minimum")}</label>
                            </li>
                        </ul>
                        <label for="minimum">{tr!(locale, "sample-minimum")}</label>
                        <input id="minimum" name="minimum" type="number" min="1" value=form.minimum.clone()
                            aria-invalid=bad("minimum")/>
                    </fieldset>
                    <label for="seed">{tr!(locale, "sample-seed")}</label>
                    <p class="hint" id="seed-hint">{tr!(locale, "sample-seed-hint")}</p>
                    {error_of(locale, &errors, "seed")}
                    <input id="seed" name="seed" type="text" inputmode="numeric" value=form.seed.clone()
                        aria-invalid=bad("seed") aria-describedby=if has_error(&errors, "seed") { "seed-hint seed-error" } else { "seed-hint" }/>
                    <label for="exclude_months">{tr!(locale, "sample-exclude-months")}</label>
                    {error_of(locale, &errors, "exclude_months")}
                    <input id="exclude_months" name="exclude_months" type="number" min="0" max="60" value=form.exclude_months.clone()
                        aria-invalid=bad("exclude_months") aria-describedby=described("exclude_months")/>
                    {error_of(locale, &errors, "attributes")}
                    <div class="buttons"><button type="submit" class="primary">{tr!(locale, "sample-draw")}</button></div>
                </form>
                <p class="hint">{tr!(locale, "invite-audience-hint")}</p>
                <form method="post" action=format!("{base}/uitnodigen") class="inline">
                    {hidden(&csrf)}
                    <button type="submit" class="secondary">{tr!(locale, "invite-audience")}</button>
                </form>
            }
            .into_any()
        }
        (None, 0) if !closed => view! {
            <p class="hint">{tr!(locale, "invite-audience-hint")}</p>
            <form method="post" action=format!("{base}/uitnodigen") class="inline">
                {hidden(&csrf)}
                <button type="submit" class="secondary">{tr!(locale, "invite-audience")}</button>
            </form>
        }
        .into_any(),
        (None, n) => view! { <p>{tr!(locale, "wave-invitees-n", n = n)}</p> }.into_any(),
    };
    // Invitations by e-mail, reminders, the mail-merge file, the texts.
    let sent_before = wave.mailings.iter().any(|m| !m.reminder);
    let mail = (wave.invited > 0).then(|| {
        let templates = wave.templates.clone();
        view! {
            {(!wave.mail_configured).then(|| view! { <p class="warning">{tr!(locale, "mail-not-configured")}</p> })}
            {(!closed && !sent_before).then(|| view! {
                <form method="post" action=format!("{base}/versturen") class="inline">
                    {hidden(&csrf)}
                    <button type="submit" class="primary">{tr!(locale, "mail-send-invitations")}</button>
                </form>
            })}
            {(!wave.mailings.is_empty()).then(|| view! {
                <div class="table-scroll" tabindex="0" role="region" aria-label=tr!(locale, "mail-mailings")>
                <table id="mailings">
                    <caption>{tr!(locale, "mail-mailings")}</caption>
                    <thead><tr>
                        <th scope="col">{tr!(locale, "mail-kind")}</th>
                        <th scope="col">{tr!(locale, "mail-day")}</th>
                        <th scope="col">{tr!(locale, "mail-state")}</th>
                        <th scope="col" class="num">{tr!(locale, "mail-queued")}</th>
                        <th scope="col" class="num">{tr!(locale, "mail-sent")}</th>
                        <th scope="col" class="num">{tr!(locale, "mail-failed")}</th>
                    </tr></thead>
                    <tbody>
                    {wave.mailings.iter().map(|m| {
                        let kind = if m.reminder { tr!(locale, "mail-kind-reminder") } else { tr!(locale, "mail-kind-invitation") };
                        let state = match m.state.as_str() {
                            "scheduled" => tr!(locale, "mail-state-scheduled"),
                            "queued" => tr!(locale, "mail-state-queued"),
                            "cancelled" => tr!(locale, "mail-state-cancelled"),
                            _ => tr!(locale, "mail-state-done"),
                        };
                        let count = |n: u64| if m.step > 1 { tr!(locale, "count-at-least", n = n) } else { n.to_string() };
                        view! {
                            <tr>
                                <td>{kind}</td><td>{m.due_on.clone()}</td><td>{state}</td>
                                <td class="num">{count(m.queued)}</td>
                                <td class="num">{count(m.sent)}</td>
                                <td class="num">{count(m.failed)}</td>
                            </tr>
                        }.into_any()
                    }).collect_view()}
                    </tbody>
                </table>
                </div>
                <p class="hint">{tr!(locale, "mail-reminder-counts", k = k)}</p>
            })}
            {(!closed).then(|| view! {
                <form method="post" action=format!("{base}/herinnering") class="stack">
                    {hidden(&csrf)}
                    <label for="remind_on">{tr!(locale, "mail-reminder-on")}</label>
                    <p class="hint" id="remind_on-hint">{tr!(locale, "mail-reminder-hint")}</p>
                    {error_of(locale, &errors, "on")}
                    <input id="remind_on" name="on" type="date" value=form.remind_on.clone()
                        aria-invalid=bad("on") aria-describedby=if has_error(&errors, "on") { "remind_on-hint on-error" } else { "remind_on-hint" }/>
                    <div class="buttons"><button type="submit" class="secondary">{tr!(locale, "mail-reminder-schedule")}</button></div>
                </form>
            })}
            {(!closed && !wave.links_exported).then(|| view! {
                <p class="warning">{tr!(locale, "links-once-warning")}</p>
                <form method="post" action=format!("{base}/links.csv") class="inline">
                    {hidden(&csrf)}
                    <button type="submit" class="secondary">{tr!(locale, "links-download")}</button>
                </form>
            })}
            {(!closed).then(|| templates.into_iter().map(|t| {
                let heading = if t.kind == "reminder" { tr!(locale, "mail-text-reminder") } else { tr!(locale, "mail-text-invitation") };
                let id = |f: &str| format!("{}-{f}", t.kind);
                view! {
                    <details>
                        <summary>{heading}</summary>
                        <p class="hint">{tr!(locale, "mail-text-hint")}</p>
                        <form method="post" action=format!("{base}/bericht") class="stack">
                            {hidden(&csrf)}
                            <input type="hidden" name="kind" value=t.kind.clone()/>
                            <label for=id("subject_nl")>{tr!(locale, "mail-subject-nl")}</label>
                            {error_of(locale, &errors, &format!("{}:subject_nl", t.kind))}
                            <input id=id("subject_nl") name="subject_nl" type="text" maxlength="200" value=t.subject_nl.clone()/>
                            <label for=id("body_nl")>{tr!(locale, "mail-body-nl")}</label>
                            {error_of(locale, &errors, &format!("{}:body_nl", t.kind))}
                            <textarea id=id("body_nl") name="body_nl" rows="8" inner_html=super::escape_text(&t.body_nl)></textarea>
                            <label for=id("subject_en")>{tr!(locale, "mail-subject-en")}</label>
                            {error_of(locale, &errors, &format!("{}:subject_en", t.kind))}
                            <input id=id("subject_en") name="subject_en" type="text" maxlength="200" value=t.subject_en.clone()/>
                            <label for=id("body_en")>{tr!(locale, "mail-body-en")}</label>
                            {error_of(locale, &errors, &format!("{}:body_en", t.kind))}
                            <textarea id=id("body_en") name="body_en" rows="8" inner_html=super::escape_text(&t.body_en)></textarea>
                            <div class="buttons"><button type="submit" class="secondary">{tr!(locale, "mail-text-save")}</button></div>
                        </form>
                    </details>
                }.into_any()
            }).collect_view())}
        }
        .into_any()
    });
    // The response, in steps of k.
    let p = wave.progress.clone();
    let rate = |answered: u64, invited: u64| {
        (100 * answered + invited / 2)
            .checked_div(invited)
            .map(|pct| format!("{pct} %"))
            .unwrap_or_default()
    };
    let chart = (!p.days.is_empty()).then(|| {
        let most = p.days.iter().map(|d| d.1).max().unwrap_or(0).max(p.invited).max(1);
        let n = p.days.len();
        let width = 40 * n.max(1) + 40;
        let label = tr!(locale, "progress-chart-label", days = n);
        let aria = label.clone();
        view! {
            <figure class="chart">
                <svg role="img" aria-label=aria viewBox=format!("0 0 {width} 170") width=width.to_string() height="170">
                    <title>{label}</title>
                    {p.days.iter().enumerate().map(|(i, (day, answered))| {
                        let h = (140 * answered / most) as i64;
                        let x = 30 + 40 * i;
                        view! {
                            <g>
                                <rect x=x.to_string() y=(150 - h).to_string() width="28" height=h.to_string() class="bar"/>
                                <text x=(x + 14).to_string() y="165" text-anchor="middle" class="axis">{day[8..].to_string()}</text>
                                <text x=(x + 14).to_string() y=(146 - h).to_string() text-anchor="middle" class="value">{answered.to_string()}</text>
                            </g>
                        }.into_any()
                    }).collect_view()}
                </svg>
                <figcaption>{tr!(locale, "progress-chart-caption", k = k)}</figcaption>
            </figure>
        }
    });
    view! {
        <Title text=page_title(&title)/>
        <Signed nav/>
        <p><a rel="external" href=format!("/hrm/peilingen/{}", wave.poll_id)>{tr!(locale, "team-links-back")}</a></p>
        <section class="card workspace" aria-labelledby="wave-title">
            <h1 id="wave-title">{title.clone()}</h1>
            {wave_error.map(|e| view! { <div class="error-summary" role="alert"><p>{e}</p></div> })}
            <dl class="facts">
                <dt>{tr!(locale, "hrm-wave-status")}</dt><dd>{status_name(locale, wave.status)}</dd>
                <dt>{tr!(locale, "hrm-wave-dates")}</dt><dd>{format!("{} – {}", wave.opens_on, wave.closes_on)}</dd>
                <dt>{tr!(locale, "hrm-wave-invited")}</dt><dd>{wave.invited.to_string()}</dd>
            </dl>
        </section>
        <section class="card workspace" aria-labelledby="invitees">
            <h2 id="invitees">{tr!(locale, "wave-invitees")}</h2>
            {invitees}
        </section>
        {mail.map(|m| view! {
            <section class="card workspace" aria-labelledby="mail">
                <h2 id="mail">{tr!(locale, "mail-heading")}</h2>
                {m}
            </section>
        })}
        <section class="card workspace" aria-labelledby="progress">
            <h2 id="progress">{tr!(locale, "progress-heading")}</h2>
            <p id="progress-total">{tr!(locale, "progress-total", answered = p.answered, invited = p.invited, k = k)}</p>
            {(!p.groups.is_empty()).then(|| view! {
                <div class="table-scroll" tabindex="0" role="region" aria-label=tr!(locale, "progress-groups")>
                <table>
                    <caption>{tr!(locale, "progress-groups")}</caption>
                    <thead><tr>
                        <th scope="col">{tr!(locale, "progress-group")}</th>
                        <th scope="col" class="num">{tr!(locale, "hrm-wave-invited")}</th>
                        <th scope="col" class="num">{tr!(locale, "progress-answered")}</th>
                        <th scope="col" class="num">{tr!(locale, "progress-rate")}</th>
                    </tr></thead>
                    <tbody>
                    {p.groups.iter().map(|g| view! {
                        <tr class=if g.team { "team" } else { "unit" }>
                            <th scope="row">{g.name.clone()}</th>
                            <td class="num">{people(g.invited, k)}</td>
                            <td class="num">{g.answered.map(|a| a.to_string()).unwrap_or_default()}</td>
                            <td class="num">{match (g.answered, g.invited) { (Some(a), Some(i)) => rate(a, i), _ => String::new() }}</td>
                        </tr>
                    }.into_any()).collect_view()}
                    </tbody>
                </table>
                </div>
            })}
            {chart}
        </section>
    }
    .into_any()
}
