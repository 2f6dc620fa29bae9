//! Issue #14, on SQLite and PostgreSQL: every state-changing request of a signed-in person
//! needs the form token of their own session. The routes are read from the router's source,
//! so a new `POST` route that this test does not know fails it. For each, as the role that
//! may use it: without a token and with another session's token the answer is the 403 "Dit
//! formulier is verlopen" and nothing changes; with the right token it is anything but that
//! refusal (so the 403 came from the token, not from something else).

use crate::access::{logged_in, login, token_in, PASSWORD};
use crate::common::{fixture, TestApp, ACTOR, Q};
use app::domain::{Role, WaveStatus};
use sea_orm::{ConnectionTrait, Statement};

on_both_backends!(every_state_changing_request_needs_its_sessions_form_token);

/// Every path of the router (`server/src/web/mod.rs`) that takes a `POST`.
fn post_routes() -> Vec<String> {
    crate::common::routes::routes("post")
}

/// Why a `POST` route needs no form token.
fn exempt(path: &str) -> Option<&'static str> {
    match path {
        // No session: the personal link's cookie (SameSite=Lax, so never sent with another
        // site's form) and the signed one-time form nonce of the page it answers.
        "/v" => Some("respondent: link cookie (SameSite=Lax) and one-time form nonce"),
        // No cookie is read: a bearer token in a header, which no other site can add.
        "/api/v1/roster" => Some("API: bearer token in the Authorization header"),
        _ => None,
    }
}

/// Every table's row count, web sessions left out (each request may touch its own).
async fn state(app: &TestApp) -> Vec<(String, i64)> {
    let tables = [
        "org_unit",
        "employee",
        "theme",
        "question",
        "poll_template",
        "poll",
        "wave",
        "invitation",
        "open_link",
        "form_nonce",
        "response_buffer",
        "response",
        "audit_log",
        "sealed_response",
        "sealing_key",
        "account",
        "import_upload",
        "roster_snapshot",
        "roster_snapshot_count",
        "api_token",
        "wave_sample",
        "wave_stratum",
        "mail_template",
        "mailing",
        "mail_job",
        "wave_progress",
        "kit_document",
        "help_route",
        "signal_category",
        "conversation",
        "poll_result",
        "indicator",
        "indicator_value",
    ];
    let mut out = Vec::new();
    for t in tables {
        let row = app
            .store
            .read()
            .query_one_raw(Statement::from_string(
                app.store.backend(),
                format!("SELECT COUNT(*) AS n FROM {t}"),
            ))
            .await
            .unwrap()
            .unwrap();
        out.push((t.to_string(), row.try_get::<i64>("", "n").unwrap()));
    }
    out
}

async fn every_state_changing_request_needs_its_sessions_form_token(app: TestApp) {
    let fx = fixture(&app.store, vec![vec![Q::Likert("A1", true)]], 20, 10).await;
    let admin = logged_in(&app, Role::Administrator).await;
    let hrm = logged_in(&app, Role::HrmAnalyst).await;
    let manager = logged_in(&app, Role::Manager).await;
    let coordinator = logged_in(&app, Role::Coordinator).await;
    // A second session of each, whose tokens must not work in the first.
    let other = |role: Role| {
        let app = &app;
        async move {
            let c = app.client();
            let email = format!("{}@example.nl", role.as_str());
            assert_eq!(login(app, &c, &email, PASSWORD).await.status(), 303);
            c
        }
    };
    let sessions = [
        (Role::Administrator, admin, other(Role::Administrator).await),
        (Role::HrmAnalyst, hrm, other(Role::HrmAnalyst).await),
        (Role::Manager, manager, other(Role::Manager).await),
        (
            Role::Coordinator,
            coordinator,
            other(Role::Coordinator).await,
        ),
    ];
    let anonymous = (app.client(), app.client());
    // An account to switch off, so that nobody of the test is.
    crate::access::account(&app, "doel@example.nl", Role::HrmAnalyst).await;
    let target = app::services::accounts::list(&app.store, &ACTOR)
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.email == "doel@example.nl")
        .unwrap()
        .id;
    let home = |role: Role| match role {
        Role::Administrator => "/beheer",
        Role::HrmAnalyst => "/hrm",
        Role::Manager => "/leiding",
        Role::Coordinator => "/coordinatie",
    };
    let token_of = |client: &reqwest::Client, page: String| {
        let client = client.clone();
        async move {
            let html = client.get(page).send().await.unwrap().text().await.unwrap();
            token_in(&html)
        }
    };

    let routes = post_routes();
    assert!(
        routes.len() >= 30,
        "the router's routes were not found: {routes:?}"
    );
    struct Case {
        path: String,
        who: Option<Role>,
        multipart: bool,
    }
    let mut cases = Vec::new();
    for path in &routes {
        if exempt(path).is_some() {
            continue;
        }
        let who = if path == "/login" {
            None
        } else if path.starts_with("/beheer") {
            Some(Role::Administrator)
        } else if path.starts_with("/hrm") || path.starts_with("/account") || path == "/logout" {
            Some(Role::HrmAnalyst)
        } else if path.starts_with("/leiding") {
            Some(Role::Manager)
        } else if path.starts_with("/coordinatie") {
            Some(Role::Coordinator)
        } else {
            panic!("{path}: which role posts here? Add it to this test.");
        };
        let concrete = path
            .replace(
                "/hrm/peilingen/{id}",
                &format!("/hrm/peilingen/{}", fx.poll_id),
            )
            .replace("/hrm/golven/{id}", &format!("/hrm/golven/{}", fx.wave_id))
            .replace(
                "/beheer/accounts/{id}/{what}",
                &format!("/beheer/accounts/{target}/uitschakelen"),
            )
            .replace("/leiding/gesprekken/{id}", "/leiding/gesprekken/1")
            .replace("{code}", "financiele_zorgen")
            .replace("{kind}", "handreiking");
        assert!(
            !concrete.contains('{'),
            "{path}: fill in its parameters in this test"
        );
        let multipart = matches!(path.as_str(), "/beheer/organisatie" | "/beheer/personeel");
        cases.push(Case {
            path: concrete,
            who,
            multipart,
        });
    }
    let send = |client: &reqwest::Client, case: &Case, token: Option<String>| {
        let url = format!("{}{}", app.base, case.path);
        let req = if case.multipart {
            let mut form = reqwest::multipart::Form::new().part(
                "file",
                reqwest::multipart::Part::bytes(b"code;naam\nORG;Organisatie\n".to_vec())
                    .file_name("organisatie.csv"),
            );
            if let Some(t) = token {
                form = form.text("_csrf", t);
            }
            client.post(url).multipart(form)
        } else {
            let mut fields = vec![("x".to_string(), "y".to_string())];
            if let Some(t) = token {
                fields.push(("_csrf".into(), t));
            }
            client.post(url).form(&fields)
        };
        async move {
            let res = req.send().await.unwrap();
            (res.status().as_u16(), res.text().await.unwrap())
        }
    };
    let clients = |who: Option<Role>| match who {
        None => (&anonymous.0, &anonymous.1, "/login"),
        Some(r) => {
            let (_, mine, theirs) = sessions.iter().find(|(role, ..)| *role == r).unwrap();
            (mine, theirs, home(r))
        }
    };

    // Without a token, and with another session's: refused as an expired form.
    let before = state(&app).await;
    let mut wrong = Vec::new();
    for case in &cases {
        let (mine, theirs, page) = clients(case.who);
        let foreign = token_of(theirs, format!("{}{page}", app.base)).await;
        for (what, token) in [
            ("no token", None),
            ("another session's token", Some(foreign)),
        ] {
            let (status, body) = send(mine, case, token).await;
            if status != 403 || !body.contains("Dit formulier is verlopen") {
                wrong.push(format!("POST {} with {what}: {status}", case.path));
            }
        }
    }
    assert!(wrong.is_empty(), "not refused:\n{}", wrong.join("\n"));
    assert_eq!(
        state(&app).await,
        before,
        "a refused form changed something"
    );
    let wave = app::services::waves::get(&app.store, &ACTOR, &fx.wave_id)
        .await
        .unwrap();
    assert_eq!(wave.status, WaveStatus::Open);

    // With the right token the token is not what stops it (whatever the junk body earns).
    // Logging out comes last: it ends the session the others use.
    let mut passed = Vec::new();
    let (last, rest): (Vec<&Case>, Vec<&Case>) = cases.iter().partition(|c| c.path == "/logout");
    for case in rest.into_iter().chain(last) {
        let (mine, _, page) = clients(case.who);
        let token = token_of(mine, format!("{}{page}", app.base)).await;
        let (status, body) = send(mine, case, Some(token)).await;
        if status == 403 && body.contains("Dit formulier is verlopen") {
            wrong.push(format!(
                "POST {} with its own token: refused as expired",
                case.path
            ));
        } else {
            passed.push(case.path.clone());
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    eprintln!(
        "csrf: {} state-changing routes refused without and with a foreign token, accepted \
         with their own; exempt: {}",
        passed.len(),
        routes
            .iter()
            .filter_map(|r| exempt(r).map(|why| format!("{r} ({why})")))
            .collect::<Vec<_>>()
            .join(", ")
    );
}
