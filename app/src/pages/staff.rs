//! The pages of people with an account (issue #10): the login form, and the home page of each
//! role. Rendered on the server from a [`StaffPage`] the handler puts in context; every form is
//! a plain HTML form with the session's token ([`CSRF_FIELD`]), so the pages work without
//! JavaScript.

use crate::domain::{
    AccountRow, LoginView, PollRow, Role, StaffNav, StaffPage, UnitRow, CSRF_FIELD,
};
use crate::i18n::{use_locale, Locale};
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;

fn page_title(title: &str) -> String {
    format!("{title} – Polsslag")
}

fn role_name(locale: Locale, role: Role) -> String {
    match role {
        Role::Administrator => tr!(locale, "role-beheerder"),
        Role::HrmAnalyst => tr!(locale, "role-hrm"),
        Role::Manager => tr!(locale, "role-leidinggevende"),
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
        Some(StaffPage::Admin { nav, accounts }) => view! { <AdminHome nav accounts/> }.into_any(),
        Some(StaffPage::Manager {
            nav,
            unit,
            teams,
            k,
        }) => view! { <ManagerHome nav unit teams k/> }.into_any(),
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
fn Signed(nav: StaffNav) -> impl IntoView {
    let locale = use_locale();
    view! {
        <div class="signed">
            <p>{tr!(locale, "staff-signed-in", email = nav.email.clone(), role = role_name(locale, nav.role))}</p>
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
            {empty.then(|| view! { <p>{tr!(locale, "hrm-no-polls")}</p> })}
            {polls.into_iter().map(|p| {
                let title = p.title.get(locale).to_string();
                let kind = match p.kind {
                    crate::domain::PollKind::Flash => tr!(locale, "poll-kind-flash"),
                    crate::domain::PollKind::Monitor => tr!(locale, "poll-kind-monitor"),
                };
                let no_waves = p.waves.is_empty();
                view! {
                    <h2>{title}</h2>
                    <p class="hint">{kind}</p>
                    {no_waves.then(|| view! { <p>{tr!(locale, "hrm-no-waves")}</p> })}
                    {(!no_waves).then(|| view! {
                        <div class="table-scroll">
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

#[component]
fn AdminHome(nav: StaffNav, accounts: Vec<AccountRow>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <Title text=page_title(&tr!(locale, "admin-title"))/>
        <Signed nav/>
        <section class="card">
            <h1>{tr!(locale, "admin-title")}</h1>
            <h2>{tr!(locale, "admin-accounts")}</h2>
            <div class="table-scroll">
            <table>
                <thead><tr>
                    <th scope="col">{tr!(locale, "login-email")}</th>
                    <th scope="col">{tr!(locale, "admin-role")}</th>
                    <th scope="col">{tr!(locale, "admin-state")}</th>
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
                    view! { <tr><td>{a.email}</td><td>{role}</td><td>{state}</td></tr> }.into_any()
                }).collect_view()}
                </tbody>
            </table>
            </div>
        </section>
    }
    .into_any()
}

#[component]
fn ManagerHome(nav: StaffNav, unit: UnitRow, teams: Vec<UnitRow>, k: u32) -> impl IntoView {
    let locale = use_locale();
    let count = move |n: Option<u32>| match n {
        Some(n) => n.to_string(),
        None => format!("< {k}"),
    };
    view! {
        <Title text=page_title(&tr!(locale, "manager-title"))/>
        <Signed nav/>
        <section class="card">
            <h1>{unit.name.clone()}</h1>
            <p class="subtitle">{tr!(locale, "manager-headcount", count = count(unit.headcount))}</p>
            <h2>{tr!(locale, "manager-teams")}</h2>
            <div class="table-scroll">
            <table>
                <thead><tr>
                    <th scope="col">{tr!(locale, "manager-team")}</th>
                    <th scope="col">{tr!(locale, "manager-people")}</th>
                </tr></thead>
                <tbody>
                {teams.into_iter().map(|t| view! {
                    <tr><td>{t.name}</td><td>{count(t.headcount)}</td></tr>
                }.into_any()).collect_view()}
                </tbody>
            </table>
            </div>
            <p class="hint">{tr!(locale, "manager-small-groups", k = k)}</p>
        </section>
    }
    .into_any()
}
