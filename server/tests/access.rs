//! Issue #10, on SQLite and PostgreSQL: logging in through the browser, and every route ×
//! every role (and nobody) answering with the status it must.

use crate::common::{fixture, TestApp, ACTOR, Q};
use app::domain::Role;
use app::services::accounts::{self, NewAccount};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

on_both_backends!(
    every_route_answers_every_role_as_it_must,
    an_administrator_makes_and_switches_off_accounts_in_the_browser,
    a_password_change_ends_the_other_sessions_and_counts_wrong_tries,
    login_changes_the_session_and_logout_ends_it,
    a_locked_account_is_told_so_in_its_language,
    a_manager_sees_no_count_under_k_nor_one_that_subtraction_would_give,
    behind_tls_every_response_has_hsts_and_every_cookie_is_secure,
);

pub(crate) const PASSWORD: &str = "een-lange-zin-als-wachtwoord";

/// Makes an account of `role` with [`PASSWORD`] (a manager's and a coordinator's scope is
/// unit U1).
pub(crate) async fn account(app: &TestApp, email: &str, role: Role) {
    accounts::create(
        &app.store,
        &ACTOR,
        NewAccount {
            email: email.into(),
            role,
            scope: matches!(role, Role::Manager | Role::Coordinator).then(|| "U1".to_string()),
            password: Some(PASSWORD.into()),
            raw_data: false,
        },
    )
    .await
    .unwrap();
}

/// Makes an account of `role` and returns a browser logged in as it.
pub(crate) async fn logged_in(app: &TestApp, role: Role) -> reqwest::Client {
    let email = format!("{}@example.nl", role.as_str());
    account(app, &email, role).await;
    let client = app.client();
    let res = login(app, &client, &email, PASSWORD).await;
    assert_eq!(res.status(), 303, "{role} logs in");
    client
}

/// The form token in a page.
pub(crate) fn token_in(html: &str) -> String {
    let start = html.find("name=\"_csrf\" value=\"").expect("form token") + 20;
    html[start..start + 43].to_string()
}

/// The form token of a fresh login form.
async fn csrf(app: &TestApp, client: &reqwest::Client) -> String {
    let html = client
        .get(format!("{}/login", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    token_in(&html)
}

pub(crate) async fn login(
    app: &TestApp,
    client: &reqwest::Client,
    email: &str,
    password: &str,
) -> reqwest::Response {
    let token = csrf(app, client).await;
    client
        .post(format!("{}/login", app.base))
        .form(&[
            ("_csrf", token.as_str()),
            ("email", email),
            ("password", password),
        ])
        .send()
        .await
        .unwrap()
}

async fn every_route_answers_every_role_as_it_must(app: TestApp) {
    let fx = fixture(&app.store, vec![vec![Q::Likert("A1", true)]], 20, 10).await;
    let anonymous = app.client();
    let admin = logged_in(&app, Role::Administrator).await;
    let hrm = logged_in(&app, Role::HrmAnalyst).await;
    let manager = logged_in(&app, Role::Manager).await;
    let coordinator = logged_in(&app, Role::Coordinator).await;
    let who = [
        ("anonymous", &anonymous),
        ("beheerder", &admin),
        ("hrm", &hrm),
        ("leidinggevende", &manager),
        ("coordinator", &coordinator),
    ];
    // A page for another role says so in words, in the reader's language.
    let html = admin
        .get(format!("{}/hrm", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Dat mag niet"), "{html}");
    // (method, path, [anonymous, beheerder, hrm, leidinggevende, coordinator]); `/taal/en` (late in the
    // table) switches every client to English.
    let table: &[(&str, &str, [u16; 5])] = &[
        ("GET", "/", [200, 200, 200, 200, 200]),
        ("GET", "/login", [200, 303, 303, 303, 303]),
        ("GET", "/hrm", [303, 403, 200, 403, 403]),
        ("GET", "/beheer", [303, 200, 403, 403, 403]),
        ("GET", "/leiding", [303, 403, 403, 200, 403]),
        ("GET", "/beheer/organisatie", [303, 200, 403, 403, 403]),
        ("POST", "/beheer/organisatie", [303, 400, 403, 403, 403]),
        (
            "POST",
            "/beheer/organisatie/toepassen",
            [303, 403, 403, 403, 403],
        ),
        ("GET", "/beheer/personeel", [303, 200, 403, 403, 403]),
        ("POST", "/beheer/personeel", [303, 400, 403, 403, 403]),
        (
            "POST",
            "/beheer/personeel/toepassen",
            [303, 403, 403, 403, 403],
        ),
        ("GET", "/beheer/audit", [303, 200, 403, 403, 403]),
        ("GET", "/beheer/tokens", [303, 200, 403, 403, 403]),
        ("POST", "/beheer/tokens", [303, 403, 403, 403, 403]),
        (
            "POST",
            "/beheer/tokens/intrekken",
            [303, 403, 403, 403, 403],
        ),
        ("POST", "/api/v1/roster", [401, 401, 401, 401, 401]),
        ("GET", "/hrm/nieuwe-peiling", [303, 403, 200, 403, 403]),
        ("GET", "/hrm/vragenbank", [303, 403, 200, 403, 403]),
        (
            "GET",
            "/hrm/peilingen/POLL/bewerken",
            [303, 403, 200, 403, 403],
        ),
        (
            "POST",
            "/hrm/peilingen/POLL/bewerken",
            [303, 403, 403, 403, 403],
        ),
        ("POST", "/hrm/vragenbank", [303, 403, 403, 403, 403]),
        (
            "POST",
            "/hrm/peilingen/samenstellen",
            [303, 403, 403, 403, 403],
        ),
        ("GET", "/account", [303, 200, 200, 200, 200]),
        ("POST", "/account/wachtwoord", [303, 403, 403, 403, 403]),
        ("POST", "/beheer/accounts", [303, 403, 403, 403, 403]),
        (
            "POST",
            "/beheer/accounts/1/uitschakelen",
            [303, 403, 403, 403, 403],
        ),
        ("POST", "/hrm/peilingen", [303, 403, 403, 403, 403]),
        ("GET", "/hrm/peilingen/POLL", [303, 403, 200, 403, 403]),
        (
            "POST",
            "/hrm/peilingen/POLL/golven",
            [303, 403, 403, 403, 403],
        ),
        (
            "GET",
            "/hrm/peilingen/POLL/voorbeeld",
            [303, 403, 200, 403, 403],
        ),
        (
            "GET",
            "/hrm/peilingen/POLL/bundel.zip",
            [405, 405, 405, 405, 405],
        ),
        (
            "POST",
            "/hrm/peilingen/POLL/bundel.zip",
            [303, 403, 403, 403, 403],
        ),
        ("POST", "/hrm/golven/WAVE/openen", [303, 403, 403, 403, 403]),
        (
            "POST",
            "/hrm/golven/WAVE/sluiten",
            [303, 403, 403, 403, 403],
        ),
        (
            "POST",
            "/hrm/golven/WAVE/teamlinks",
            [303, 403, 403, 403, 403],
        ),
        ("GET", "/hrm/golven/WAVE", [303, 403, 200, 403, 403]),
        (
            "POST",
            "/hrm/golven/WAVE/steekproef",
            [303, 403, 403, 403, 403],
        ),
        (
            "POST",
            "/hrm/golven/WAVE/uitnodigen",
            [303, 403, 403, 403, 403],
        ),
        (
            "POST",
            "/hrm/golven/WAVE/versturen",
            [303, 403, 403, 403, 403],
        ),
        (
            "POST",
            "/hrm/golven/WAVE/herinnering",
            [303, 403, 403, 403, 403],
        ),
        (
            "POST",
            "/hrm/golven/WAVE/bericht",
            [303, 403, 403, 403, 403],
        ),
        (
            "POST",
            "/hrm/golven/WAVE/links.csv",
            [303, 403, 403, 403, 403],
        ),
        (
            "GET",
            "/leiding/gesprekken/nieuw",
            [303, 403, 403, 200, 403],
        ),
        ("POST", "/leiding/gesprekken", [303, 403, 403, 403, 403]),
        (
            "GET",
            "/leiding/gesprekken/onbekend",
            [303, 403, 403, 404, 403],
        ),
        (
            "POST",
            "/leiding/gesprekken/onbekend/opvolging",
            [303, 403, 403, 403, 403],
        ),
        ("GET", "/leiding/handreiking", [303, 200, 200, 200, 200]),
        ("GET", "/leiding/resultaten", [303, 403, 403, 200, 403]),
        ("GET", "/hrm/jaarbeeld", [303, 403, 200, 403, 403]),
        ("GET", "/hrm/dashboard", [303, 403, 200, 403, 403]),
        // No wave is closed yet: no chart to draw, for HRM; the others learn not even that.
        (
            "GET",
            "/hrm/dashboard/grafiek.svg?soort=heatmap",
            [303, 403, 404, 403, 403],
        ),
        (
            "GET",
            "/hrm/dashboard/grafiek.svg",
            [303, 403, 422, 403, 403],
        ),
        ("GET", "/hrm/indicatoren", [303, 403, 200, 403, 403]),
        ("POST", "/hrm/indicatoren", [303, 403, 403, 403, 403]),
        (
            "POST",
            "/hrm/indicatoren/waarden",
            [303, 403, 403, 403, 403],
        ),
        ("GET", "/coordinatie", [303, 403, 403, 403, 200]),
        (
            "GET",
            "/coordinatie?vastgelegd=2",
            [303, 403, 403, 403, 200],
        ),
        ("POST", "/coordinatie/waarde", [303, 403, 403, 403, 403]),
        ("POST", "/coordinatie/waarden", [303, 403, 403, 403, 403]),
        (
            "GET",
            "/hrm/jaarbeeld/download?period=2026-H2&format=xlsx",
            [303, 403, 200, 403, 403],
        ),
        (
            "GET",
            "/hrm/jaarbeeld/download?period=2026-H3",
            [303, 403, 422, 403, 403],
        ),
        (
            "GET",
            "/hrm/jaarbeeld/download?period=2026-H2&format=doc",
            [303, 403, 422, 403, 403],
        ),
        ("GET", "/leiding/handout.pdf", [303, 200, 200, 200, 200]),
        (
            "GET",
            "/leiding/handout.pdf?team=U1-T1",
            [303, 403, 200, 200, 403],
        ),
        (
            "GET",
            "/leiding/handout.pdf?team=U2-T1",
            [303, 403, 200, 404, 403],
        ),
        (
            "GET",
            "/leiding/handout.pdf?team=ONBEKEND",
            [303, 403, 404, 404, 403],
        ),
        ("GET", "/hrm/gesprekskit", [303, 403, 200, 403, 403]),
        (
            "GET",
            "/hrm/gesprekskit/factsheet",
            [303, 403, 200, 403, 403],
        ),
        (
            "GET",
            "/hrm/gesprekskit/onbekend",
            [303, 403, 404, 403, 403],
        ),
        (
            "POST",
            "/hrm/gesprekskit/handreiking",
            [303, 403, 403, 403, 403],
        ),
        ("GET", "/hrm/gesprekskit/hulp", [303, 403, 200, 403, 403]),
        (
            "GET",
            "/hrm/gesprekskit/hulp?eenheid=ONBEKEND",
            [303, 403, 404, 403, 403],
        ),
        ("POST", "/hrm/gesprekskit/hulp", [303, 403, 403, 403, 403]),
        (
            "GET",
            "/hrm/gesprekskit/signalen",
            [303, 403, 200, 403, 403],
        ),
        (
            "POST",
            "/hrm/gesprekskit/signalen",
            [303, 403, 403, 403, 403],
        ),
        (
            "POST",
            "/hrm/gesprekskit/signalen/financiele_zorgen",
            [303, 403, 403, 403, 403],
        ),
        ("GET", "/hrm/sfeerbeeld", [303, 403, 200, 403, 403]),
        ("GET", "/hrm/sfeerbeeld.csv", [303, 403, 200, 403, 403]),
        ("GET", "/api/openapi.json", [200, 200, 200, 200, 200]),
        ("POST", "/login", [403, 403, 403, 403, 403]),
        ("POST", "/logout", [403, 403, 403, 403, 403]),
        ("GET", "/v", [403, 403, 403, 403, 403]),
        ("POST", "/v", [403, 403, 403, 403, 403]),
        ("GET", "/bedankt", [200, 200, 200, 200, 200]),
        ("GET", "/health", [200, 200, 200, 200, 200]),
        (
            "GET",
            "/p/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            [404, 404, 404, 404, 404],
        ),
        ("GET", "/hrm/bestaat-niet", [404, 404, 404, 404, 404]),
        ("GET", "/taal/en", [303, 303, 303, 303, 303]),
        ("GET", "/assets/polsslag.css", [200, 200, 200, 200, 200]),
    ];
    let wave = app::services::waves::get(&app.store, &crate::common::ACTOR, &fx.wave_id)
        .await
        .unwrap();
    let mut wrong = Vec::new();
    for (method, path, expected) in table {
        let path = path
            .replace("POLL", wave.poll_id.as_str())
            .replace("WAVE", wave.id.as_str());
        for ((name, client), want) in who.iter().zip(expected) {
            let url = format!("{}{path}", app.base);
            let req = match *method {
                "GET" => client.get(&url),
                _ => client.post(&url).form(&[("x", "y")]),
            };
            let got = req.send().await.unwrap().status().as_u16();
            if got != *want {
                wrong.push(format!("{method} {path} as {name}: {got}, expected {want}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // Nobody is sent to the login page, and from there home after logging in.
    let res = anonymous
        .get(format!("{}/beheer", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["location"], "/login");
}

async fn login_changes_the_session_and_logout_ends_it(app: TestApp) {
    fixture(&app.store, vec![vec![Q::Likert("A1", true)]], 20, 10).await;
    account(&app, "anna@example.nl", Role::HrmAnalyst).await;
    let client = app.client();
    let session_cookie = |res: &reqwest::Response| {
        res.headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with("polsslag_sessie="))
            .map(|c| c.split(';').next().unwrap().to_string())
    };
    let form = client
        .get(format!("{}/login", app.base))
        .send()
        .await
        .unwrap();
    let before = session_cookie(&form).expect("a session holds the form token");
    assert!(form
        .headers()
        .get_all("set-cookie")
        .iter()
        .any(|c| c.to_str().unwrap().contains("HttpOnly")));
    let html = form.text().await.unwrap();
    let token = token_in(&html);
    let res = client
        .post(format!("{}/login", app.base))
        .form(&[
            ("_csrf", token.as_str()),
            ("email", "Anna@Example.nl"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/hrm");
    let after = session_cookie(&res).expect("a new session id at login");
    assert_ne!(before, after, "the session id changes at login");
    // The session from before the login (one an attacker could have planted) is not logged in.
    let planted = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let res = planted
        .get(format!("{}/hrm", app.base))
        .header("cookie", &before)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let page = client
        .get(format!("{}/hrm", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Ingelogd als anna@example.nl"), "{page}");
    let token = token_in(&page);
    let res = client
        .post(format!("{}/logout", app.base))
        .form(&[("_csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/login");
    let res = planted
        .get(format!("{}/hrm", app.base))
        .header("cookie", &after)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "the ended session no longer logs in");
}

async fn a_locked_account_is_told_so_in_its_language(app: TestApp) {
    account(&app, "anna@example.nl", Role::HrmAnalyst).await;
    let client = app.client();
    for _ in 1..accounts::MAX_FAILURES {
        let res = login(&app, &client, "anna@example.nl", "fout-fout-fout").await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains("Het e-mailadres of het wachtwoord klopt niet."));
        assert!(
            html.contains("value=\"anna@example.nl\""),
            "the address is kept"
        );
        assert!(!html.contains("fout-fout-fout"), "never the password");
    }
    let res = login(&app, &client, "anna@example.nl", "fout-fout-fout").await;
    assert_eq!(res.status(), 403);
    let token = csrf(&app, &client).await;
    let res = client
        .post(format!("{}/login", app.base))
        .header("accept-language", "en")
        .form(&[
            ("_csrf", token.as_str()),
            ("email", "anna@example.nl"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403, "locked even with the right password");
    let html = res.text().await.unwrap();
    assert!(html.contains("Try again in 15 minutes"), "{html}");
}

/// The manager's page: a team under k is shown as "< 10", and so is the unit's total when
/// subtracting the teams shown from it would give that team's size.
async fn a_manager_sees_no_count_under_k_nor_one_that_subtraction_would_give(app: TestApp) {
    use app::domain::OrgLevel;
    use app::services::organisation::{self, NewOrgUnit};
    use app::services::roster::{self, NewEmployee};
    // Unit U1 has team U1-T1 with 10 people (the fixture); add U1-T2 with 3.
    fixture(&app.store, vec![vec![Q::Likert("A1", true)]], 20, 10).await;
    let manager = logged_in(&app, Role::Manager).await;
    let page = |client: reqwest::Client| {
        let url = format!("{}/leiding", app.base);
        async move { client.get(url).send().await.unwrap().text().await.unwrap() }
    };
    let html = page(manager.clone()).await;
    assert!(html.contains("<td>U1-T1</td><td>10</td>"), "{html}");
    assert!(
        html.contains("10 medewerkers."),
        "all shown, so the total is too"
    );
    let u1 = app::services::entities::org_unit::Entity::find()
        .filter(app::services::entities::org_unit::Column::Code.eq("U1"))
        .one(&app.store.read())
        .await
        .unwrap()
        .unwrap();
    let team = organisation::add(
        &app.store,
        &ACTOR,
        NewOrgUnit {
            parent: Some(u1.id),
            level: OrgLevel::Team,
            code: "U1-T2".into(),
            name: "U1-T2".into(),
        },
    )
    .await
    .unwrap();
    let people: Vec<NewEmployee> = (0..3)
        .map(|i| NewEmployee {
            employee_number: format!("N{i}"),
            name: format!("Nieuw {i}"),
            email: format!("n{i}@example.invalid"),
            team_id: team,
            unit_code: "U1".into(),
            district_code: None,
            team_code: "U1-T2".into(),
            age_band: "35-54".into(),
            role_group: "executief".into(),
            tenure_band: "5-15".into(),
            is_manager: false,
        })
        .collect();
    roster::add(&app.store, &ACTOR, &people).await.unwrap();
    let html = page(manager).await;
    assert!(html.contains("<td>U1-T1</td><td>10</td>"), "{html}");
    assert!(html.contains("<td>U1-T2</td><td>&lt; 10</td>"), "{html}");
    assert!(
        !html.contains("13 medewerkers"),
        "13 − 10 would give the small team's 3"
    );
    assert!(html.contains("&lt; 10 medewerkers."), "{html}");
}

async fn an_administrator_makes_and_switches_off_accounts_in_the_browser(app: TestApp) {
    fixture(&app.store, vec![vec![Q::Likert("A1", true)]], 20, 10).await;
    let admin = logged_in(&app, Role::Administrator).await;
    let html = admin
        .get(format!("{}/beheer", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = token_in(&html);
    let make = |fields: Vec<(&'static str, &'static str)>| {
        let admin = admin.clone();
        let url = format!("{}/beheer/accounts", app.base);
        let token = token.clone();
        async move {
            let mut form: Vec<(&str, &str)> = vec![("_csrf", token.as_str())];
            form.extend(fields);
            let res = admin.post(url).form(&form).send().await.unwrap();
            (res.status().as_u16(), res.text().await.unwrap())
        }
    };
    // Refusals beside their fields, with what was typed; nothing made.
    let (status, html) = make(vec![("email", "anna"), ("role", "leidinggevende")]).await;
    assert_eq!(status, 422);
    assert!(
        html.contains("id=\"email-error\"") && html.contains("id=\"scope-error\""),
        "{html}"
    );
    assert!(html.contains("value=\"anna\""));
    let (status, html) = make(vec![("email", "anna@example.nl")]).await;
    assert_eq!(status, 422);
    assert!(html.contains("id=\"role-error\""), "{html}");
    // A manager of U1: the one-time password is shown once and logs in.
    let (status, html) = make(vec![
        ("email", "Anna@Example.nl"),
        ("role", "leidinggevende"),
        ("scope", "U1"),
    ])
    .await;
    assert_eq!(status, 200, "{html}");
    let at = html
        .find("id=\"new-password\"")
        .unwrap_or_else(|| panic!("the password, once: {html}"));
    let start = at + html[at..].find('>').unwrap() + 1;
    let password = html[start..start + html[start..].find('<').unwrap()].to_string();
    let anna = app.client();
    let res = login(&app, &anna, "anna@example.nl", &password).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/leiding");
    // A second session of hers, not used again until she is switched on again.
    let idle = app.client();
    assert_eq!(
        login(&app, &idle, "anna@example.nl", &password)
            .await
            .status(),
        303
    );
    let (status, _) = make(vec![("email", "anna@example.nl"), ("role", "hrm")]).await;
    assert_eq!(status, 409, "the address has an account");
    // Switched off: her session ends at its next request, and she cannot log in.
    let id = accounts::list(&app.store, &ACTOR)
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.email == "anna@example.nl")
        .unwrap()
        .id;
    let res = admin
        .post(format!("{}/beheer/accounts/{id}/uitschakelen", app.base))
        .form(&[("_csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let res = anna
        .get(format!("{}/leiding", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "her session ended");
    assert_eq!(
        login(&app, &app.client(), "anna@example.nl", &password)
            .await
            .status(),
        422
    );
    // Administrators cannot switch themselves off.
    let me = accounts::list(&app.store, &ACTOR)
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.email == "beheerder@example.nl")
        .unwrap()
        .id;
    let res = admin
        .post(format!("{}/beheer/accounts/{me}/uitschakelen", app.base))
        .form(&[("_csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let res = admin
        .post(format!("{}/beheer/accounts/{id}/inschakelen", app.base))
        .form(&[("_csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(
        login(&app, &app.client(), "anna@example.nl", &password)
            .await
            .status(),
        303
    );
    assert_eq!(
        idle.get(format!("{}/leiding", app.base))
            .send()
            .await
            .unwrap()
            .status(),
        303,
        "a session from before the switch-off stays ended after the switch-on"
    );
    let log = app::services::audit::entries(&app.store, &ACTOR)
        .await
        .unwrap();
    for action in ["account.create", "account.deactivate", "account.activate"] {
        assert!(log.iter().any(|e| e.action == action), "{action} audited");
    }
}

async fn a_password_change_ends_the_other_sessions_and_counts_wrong_tries(app: TestApp) {
    account(&app, "anna@example.nl", Role::HrmAnalyst).await;
    let laptop = app.client();
    let phone = app.client();
    assert_eq!(
        login(&app, &laptop, "anna@example.nl", PASSWORD)
            .await
            .status(),
        303
    );
    assert_eq!(
        login(&app, &phone, "anna@example.nl", PASSWORD)
            .await
            .status(),
        303
    );
    let html = laptop
        .get(format!("{}/account", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = token_in(&html);
    // An API token of hers (as if made from a stolen session) stops with the password change.
    let anna_actor = accounts::signed_in(&app.store, anna_id(&app).await)
        .await
        .unwrap()
        .unwrap()
        .actor;
    let (_, api_token) = app::services::api_tokens::create(&app.store, &anna_actor, "script")
        .await
        .unwrap();
    assert!(
        app::services::api_tokens::authenticate(&app.store, &api_token)
            .await
            .is_ok()
    );
    let change = |current: &'static str, new: &'static str, repeat: &'static str| {
        let laptop = laptop.clone();
        let url = format!("{}/account/wachtwoord", app.base);
        let token = token.clone();
        async move {
            let res = laptop
                .post(url)
                .form(&[
                    ("_csrf", token.as_str()),
                    ("current", current),
                    ("new", new),
                    ("repeat", repeat),
                ])
                .send()
                .await
                .unwrap();
            (res.status().as_u16(), res.text().await.unwrap())
        }
    };
    let (status, html) = change(PASSWORD, "een-nieuwe-lange-zin", "een-andere-lange-zin").await;
    assert_eq!(status, 422);
    assert!(html.contains("id=\"repeat-error\""), "{html}");
    let (status, html) = change(PASSWORD, "kort", "kort").await;
    assert_eq!(status, 422);
    assert!(html.contains("id=\"new-error\""), "{html}");
    let (status, html) = change(
        "verkeerd-wachtwoord",
        "een-nieuwe-lange-zin",
        "een-nieuwe-lange-zin",
    )
    .await;
    assert_eq!(status, 422);
    assert!(html.contains("Je huidige wachtwoord klopt niet."), "{html}");
    let (status, html) = change(PASSWORD, "een-nieuwe-lange-zin", "een-nieuwe-lange-zin").await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Je wachtwoord is gewijzigd"));
    // This session goes on; the other one has ended; the new password logs in, the old not.
    assert_eq!(
        laptop
            .get(format!("{}/hrm", app.base))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(
        phone
            .get(format!("{}/hrm", app.base))
            .send()
            .await
            .unwrap()
            .status(),
        303
    );
    assert_eq!(
        login(&app, &app.client(), "anna@example.nl", PASSWORD)
            .await
            .status(),
        422
    );
    assert_eq!(
        login(
            &app,
            &app.client(),
            "anna@example.nl",
            "een-nieuwe-lange-zin"
        )
        .await
        .status(),
        303
    );
    assert!(
        app::services::api_tokens::authenticate(&app.store, &api_token)
            .await
            .is_err(),
        "the token made before the change stops"
    );
    // Wrong current passwords count against the lockout like wrong logins.
    let html = laptop
        .get(format!("{}/account", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = token_in(&html);
    let mut last = 0;
    for _ in 0..accounts::MAX_FAILURES {
        last = laptop
            .post(format!("{}/account/wachtwoord", app.base))
            .form(&[
                ("_csrf", token.as_str()),
                ("current", "fout-fout-fout"),
                ("new", "nog-een-lange-zin!"),
                ("repeat", "nog-een-lange-zin!"),
            ])
            .send()
            .await
            .unwrap()
            .status()
            .as_u16();
    }
    assert_eq!(last, 403, "locked after MAX_FAILURES wrong tries");
    assert_eq!(
        login(
            &app,
            &app.client(),
            "anna@example.nl",
            "een-nieuwe-lange-zin"
        )
        .await
        .status(),
        403
    );
}

async fn anna_id(app: &TestApp) -> i64 {
    accounts::list(&app.store, &ACTOR)
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.email == "anna@example.nl")
        .unwrap()
        .id
}

/// Served behind TLS (`--public-url https://…`), every response carries HSTS and every
/// cookie — the session's, a personal link's and the language's — the `Secure` flag; over
/// plain HTTP neither (a browser would drop a `Secure` cookie there and nobody could log in).
async fn behind_tls_every_response_has_hsts_and_every_cookie_is_secure(app: TestApp) {
    let fx = fixture(&app.store, vec![vec![Q::Likert("A1", true)]], 20, 10).await;
    let tokens = crate::common::invite_first(&app.store, &fx, 2).await;
    let tls = app
        .another(|c| c.public_url = Some("https://polsslag.example.nl".into()))
        .await;
    for (server, behind_tls, token) in [(&app, false, &tokens[0].1), (&tls, true, &tokens[1].1)] {
        for path in [
            "/login".to_string(),
            format!("/p/{}", token.as_str()),
            "/taal/en".to_string(),
            "/health".to_string(),
        ] {
            let res = server
                .client()
                .get(format!("{}{path}", server.base))
                .send()
                .await
                .unwrap();
            assert!(res.status().as_u16() < 400, "{path}: {}", res.status());
            let hsts = res
                .headers()
                .get("strict-transport-security")
                .map(|v| v.to_str().unwrap().to_string());
            let cookies: Vec<String> = res
                .headers()
                .get_all("set-cookie")
                .iter()
                .map(|v| v.to_str().unwrap().to_string())
                .collect();
            if path != "/health" {
                assert!(!cookies.is_empty(), "{path} sets a cookie");
            }
            for c in &cookies {
                let secure = c
                    .split(';')
                    .skip(1)
                    .filter(|a| a.trim().eq_ignore_ascii_case("secure"))
                    .count();
                assert_eq!(secure, usize::from(behind_tls), "{path}: {c}");
                assert!(c.contains("HttpOnly"), "{path}: {c}");
            }
            if behind_tls {
                assert_eq!(hsts.as_deref(), Some("max-age=31536000"), "{path}");
            } else {
                assert_eq!(hsts, None, "{path}");
            }
        }
    }
}
