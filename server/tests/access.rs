//! Issue #10, on SQLite and PostgreSQL: logging in through the browser, and every route ×
//! every role (and nobody) answering with the status it must.

use crate::common::{fixture, TestApp, ACTOR, Q};
use app::domain::Role;
use app::services::accounts::{self, NewAccount};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

on_both_backends!(
    every_route_answers_every_role_as_it_must,
    login_changes_the_session_and_logout_ends_it,
    a_locked_account_is_told_so_in_its_language,
    a_manager_sees_no_count_under_k_nor_one_that_subtraction_would_give,
);

pub(crate) const PASSWORD: &str = "een-lange-zin-als-wachtwoord";

/// Makes an account of `role` with [`PASSWORD`] (a manager's scope is unit U1).
pub(crate) async fn account(app: &TestApp, email: &str, role: Role) {
    accounts::create(
        &app.store,
        &ACTOR,
        NewAccount {
            email: email.into(),
            role,
            scope: (role == Role::Manager).then(|| "U1".to_string()),
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

async fn login(
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
    let who = [
        ("anonymous", &anonymous),
        ("beheerder", &admin),
        ("hrm", &hrm),
        ("leidinggevende", &manager),
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
    // (method, path, [anonymous, beheerder, hrm, leidinggevende]); `/taal/en` (late in the
    // table) switches every client to English.
    let table: &[(&str, &str, [u16; 4])] = &[
        ("GET", "/", [200, 200, 200, 200]),
        ("GET", "/login", [200, 303, 303, 303]),
        ("GET", "/hrm", [303, 403, 200, 403]),
        ("GET", "/beheer", [303, 200, 403, 403]),
        ("GET", "/leiding", [303, 403, 403, 200]),
        ("GET", "/beheer/organisatie", [303, 200, 403, 403]),
        ("POST", "/beheer/organisatie", [303, 400, 403, 403]),
        (
            "POST",
            "/beheer/organisatie/toepassen",
            [303, 403, 403, 403],
        ),
        ("GET", "/beheer/personeel", [303, 200, 403, 403]),
        ("POST", "/beheer/personeel", [303, 400, 403, 403]),
        ("POST", "/beheer/personeel/toepassen", [303, 403, 403, 403]),
        ("GET", "/beheer/audit", [303, 200, 403, 403]),
        ("GET", "/beheer/tokens", [303, 200, 403, 403]),
        ("POST", "/beheer/tokens", [303, 403, 403, 403]),
        ("POST", "/beheer/tokens/intrekken", [303, 403, 403, 403]),
        ("POST", "/api/v1/roster", [401, 401, 401, 401]),
        ("GET", "/hrm/nieuwe-peiling", [303, 403, 200, 403]),
        ("POST", "/hrm/peilingen", [303, 403, 403, 403]),
        ("GET", "/hrm/peilingen/POLL", [303, 403, 200, 403]),
        ("POST", "/hrm/peilingen/POLL/golven", [303, 403, 403, 403]),
        ("GET", "/hrm/peilingen/POLL/voorbeeld", [303, 403, 200, 403]),
        (
            "GET",
            "/hrm/peilingen/POLL/bundel.zip",
            [303, 403, 409, 403],
        ),
        ("POST", "/hrm/golven/WAVE/openen", [303, 403, 403, 403]),
        ("POST", "/hrm/golven/WAVE/sluiten", [303, 403, 403, 403]),
        ("POST", "/hrm/golven/WAVE/teamlinks", [303, 403, 403, 403]),
        ("GET", "/api/openapi.json", [200, 200, 200, 200]),
        ("POST", "/login", [403, 403, 403, 403]),
        ("POST", "/logout", [403, 403, 403, 403]),
        ("GET", "/v", [403, 403, 403, 403]),
        ("POST", "/v", [403, 403, 403, 403]),
        ("GET", "/bedankt", [200, 200, 200, 200]),
        ("GET", "/health", [200, 200, 200, 200]),
        (
            "GET",
            "/p/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            [404, 404, 404, 404],
        ),
        ("GET", "/hrm/bestaat-niet", [404, 404, 404, 404]),
        ("GET", "/taal/en", [303, 303, 303, 303]),
        ("GET", "/assets/polsslag.css", [200, 200, 200, 200]),
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
