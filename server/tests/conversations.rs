//! Issue #12, on SQLite and PostgreSQL: managers record thermometer conversations and their
//! follow-up in the browser (refused beside the fields, warned about names), are reminded by
//! e-mail once, never see another part of the organisation; HRM edits the kit (every save a
//! new version that the handout names) and sees the sfeerbeeld with the threshold applied;
//! the handout's PDF shows the team's figures from the closed wave, or says there are none.

use crate::access::{logged_in, token_in, PASSWORD};
use crate::common::smtp::Sink;
use crate::common::{fixture, invite_first, pdf_text, TestApp, ACTOR, Q};
use app::domain::{ConversationForm, ConversationTheme, Role};
use app::i18n::Locale;
use app::services::accounts::{self, NewAccount};
use app::services::{conversations, today, waves, Actor};

on_both_backends!(
    a_manager_records_a_conversation_and_its_follow_up_in_the_browser,
    a_manager_never_sees_another_part_of_the_organisation,
    the_follow_up_reminder_is_mailed_once_when_it_is_due,
    the_sfeerbeeld_shows_a_cell_only_with_enough_conversations_and_participants,
    hrm_edits_the_kit_and_every_save_is_a_version_the_handout_names,
    a_team_handout_shows_the_teams_figures_once_its_wave_closed,
    a_teams_change_between_two_waves_is_tested_and_shown_with_its_chart,
);

async fn text(client: &reqwest::Client, url: String) -> (u16, String) {
    let res = client.get(url).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// A manager account for `scope`, as an actor of the service layer.
async fn manager(app: &TestApp, email: &str, scope: &str) -> Actor {
    let id = accounts::create(
        &app.store,
        &ACTOR,
        NewAccount {
            email: email.into(),
            role: Role::Manager,
            scope: Some(scope.into()),
            password: Some(PASSWORD.into()),
            raw_data: false,
        },
    )
    .await
    .unwrap()
    .id;
    Actor::Account {
        id,
        role: Role::Manager,
        scope: Some(scope.into()),
    }
}

fn form(team: &str, participants: u32, temperature: &str, held_on: time::Date) -> ConversationForm {
    ConversationForm {
        team: team.into(),
        held_on: held_on.to_string(),
        participants: participants.to_string(),
        temperatures: ConversationTheme::ALL
            .iter()
            .map(|t| {
                let v = if *t == ConversationTheme::Koopkracht {
                    temperature.to_string()
                } else {
                    String::new()
                };
                (*t, v)
            })
            .collect(),
        signals: vec!["financiele_zorgen".into()],
        actions: "Teamdag plannen".into(),
        help_offered: vec![app::domain::HelpKind::FinancieleHulp],
        confirmed: false,
    }
}

async fn a_manager_records_a_conversation_and_its_follow_up_in_the_browser(app: TestApp) {
    fixture(&app.store, vec![vec![Q::Likert("A1", true)]], 40, 10).await;
    let m = logged_in(&app, Role::Manager).await;
    let (status, page) = text(&m, format!("{}/leiding/gesprekken/nieuw", app.base)).await;
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("U1-T1") && !page.contains("U2-T1"),
        "only the own teams"
    );
    assert!(page.contains("Financiële zorgen"), "HRM's signals");
    let token = token_in(&page);
    let post = |fields: Vec<(&'static str, String)>| {
        let m = m.clone();
        let url = format!("{}/leiding/gesprekken", app.base);
        async move { m.post(url).form(&fields).send().await.unwrap() }
    };
    let base_fields = |participants: &str, temp: &str, actions: &str| {
        vec![
            ("_csrf", token.clone()),
            ("team", "U1-T1".to_string()),
            ("held_on", today().to_string()),
            ("participants", participants.to_string()),
            ("temperature_koopkracht", temp.to_string()),
            ("signals", "financiele_zorgen".to_string()),
            ("actions", actions.to_string()),
            ("help", "financiele_hulp".to_string()),
        ]
    };
    // Refused beside the fields, as typed, nothing stored.
    let res = post(base_fields("nul", "7", "")).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"participants-error\""), "{html}");
    assert!(
        html.contains("id=\"temperature_koopkracht-error\""),
        "{html}"
    );
    assert!(html.contains("value=\"nul\""), "shown again as typed");
    // A name from the team's roster: a warning, stored only when confirmed.
    let res = post(base_fields(
        "12",
        "2",
        "Medewerker belt de vertrouwenspersoon",
    ))
    .await;
    assert_eq!(res.status(), 409);
    let html = res.text().await.unwrap();
    assert!(html.contains("name=\"confirmed\""), "{html}");
    assert!(
        conversations::of_manager(&app.store, &manager_actor(&app).await, today(), 10)
            .await
            .unwrap()
            .1
            .is_empty(),
        "nothing stored yet"
    );
    let mut confirmed = base_fields("12", "2", "Medewerker belt de vertrouwenspersoon");
    confirmed.push(("confirmed", "1".into()));
    let res = post(confirmed).await;
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"].to_str().unwrap().to_string();
    let id = location
        .strip_prefix("/leiding/gesprekken/")
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_string();
    let (status, page) = text(&m, format!("{}{location}", app.base)).await;
    assert_eq!(status, 200);
    assert!(page.contains("Het gesprek is opgeslagen"), "{page}");
    assert!(
        page.contains("2 van 5") && page.contains("12 deelnemers"),
        "{page}"
    );
    // The home page lists it; its follow-up is not due yet.
    let (_, home) = text(&m, format!("{}/leiding", app.base)).await;
    assert!(
        home.contains(&format!("/leiding/gesprekken/{id}")),
        "{home}"
    );
    assert!(!home.contains("Opvolging nodig"), "{home}");
    // The follow-up: refused without a result, then stored once.
    let url = format!("{}/leiding/gesprekken/{id}/opvolging", app.base);
    let res = m
        .post(&url)
        .form(&[("_csrf", token.as_str()), ("note", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("id=\"result-error\""));
    let res = m
        .post(&url)
        .form(&[
            ("_csrf", token.as_str()),
            ("result", "partly"),
            ("note", "Teamdag gehouden"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let (_, page) = text(&m, format!("{}/leiding/gesprekken/{id}", app.base)).await;
    assert!(
        page.contains("Deels uitgevoerd") && page.contains("Teamdag gehouden"),
        "{page}"
    );
    let res = m
        .post(&url)
        .form(&[("_csrf", token.as_str()), ("result", "done")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409, "recorded once");
    // A wrong form token changes nothing.
    let res = m
        .post(format!("{}/leiding/gesprekken", app.base))
        .form(&[("_csrf", "x"), ("team", "U1-T1")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let audit = app::services::audit::entries(&app.store, &ACTOR)
        .await
        .unwrap();
    assert!(audit
        .iter()
        .any(|e| e.action == "conversation.record" && e.object == id));
    assert!(audit.iter().any(|e| e.action == "conversation.follow_up"));
    // The audit names the team, never the text typed.
    assert!(audit.iter().all(|e| !e.detail.contains("Medewerker")));
}

/// The account that [`logged_in`] made for the manager role.
async fn manager_actor(app: &TestApp) -> Actor {
    let all = accounts::list(&app.store, &ACTOR).await.unwrap();
    let row = all
        .iter()
        .find(|a| a.email == "leidinggevende@example.nl")
        .expect("the manager's account");
    Actor::Account {
        id: row.id,
        role: Role::Manager,
        scope: Some("U1".into()),
    }
}

async fn a_manager_never_sees_another_part_of_the_organisation(app: TestApp) {
    fixture(&app.store, vec![vec![Q::Likert("A1", true)]], 40, 10).await;
    let own = logged_in(&app, Role::Manager).await;
    let other = manager(&app, "u2@example.nl", "U2").await;
    // U2's manager records a conversation of U2's team.
    let id = conversations::record(
        &app.store,
        &other,
        &form("U2-T1", 12, "3", today()),
        Locale::Nl,
        today(),
    )
    .await
    .unwrap();
    // Neither U1's team through U2's manager, nor U2's through U1's.
    let err = conversations::record(
        &app.store,
        &other,
        &form("U1-T1", 12, "3", today()),
        Locale::Nl,
        today(),
    )
    .await
    .unwrap_err();
    assert_eq!(err.status(), 422);
    for (path, want) in [
        (format!("/leiding/gesprekken/{id}"), 404),
        (format!("/leiding/gesprekken/{id}/opvolging"), 403),
        ("/leiding/handout.pdf?team=U2-T1".to_string(), 404),
        ("/leiding/handout.pdf?team=U1-T1".to_string(), 200),
        ("/leiding/handout.pdf".to_string(), 200),
        ("/hrm/sfeerbeeld".to_string(), 403),
        ("/hrm/sfeerbeeld.csv".to_string(), 403),
    ] {
        let url = format!("{}{path}", app.base);
        let res = if path.ends_with("opvolging") {
            own.post(url)
                .form(&[("result", "done")])
                .send()
                .await
                .unwrap()
        } else {
            own.get(url).send().await.unwrap()
        };
        assert_eq!(res.status().as_u16(), want, "{path}");
    }
    let (_, home) = text(&own, format!("{}/leiding", app.base)).await;
    assert!(
        !home.contains(&id),
        "another unit's conversation is not listed"
    );
    // The service says the same to a manager through any edge.
    let own_actor = manager_actor(&app).await;
    assert_eq!(
        conversations::view(&app.store, &own_actor, &id, Locale::Nl, today())
            .await
            .unwrap_err()
            .status(),
        404
    );
    assert_eq!(
        app::services::handouts::pdf(&app.store, &own_actor, Some("U2-T1"), Locale::Nl, today())
            .await
            .unwrap_err()
            .status(),
        404
    );
}

async fn the_follow_up_reminder_is_mailed_once_when_it_is_due(app: TestApp) {
    fixture(&app.store, vec![vec![Q::Likert("A1", true)]], 20, 10).await;
    let m = manager(&app, "chef@example.nl", "U1").await;
    let held = today() - time::Duration::days(conversations::FOLLOW_UP_DAYS);
    let due = conversations::record(
        &app.store,
        &m,
        &form("U1-T1", 9, "4", held),
        Locale::En,
        today(),
    )
    .await
    .unwrap();
    // Not yet due: a week later than the first.
    conversations::record(
        &app.store,
        &m,
        &form("U1-T1", 9, "4", held + time::Duration::days(7)),
        Locale::Nl,
        today(),
    )
    .await
    .unwrap();
    let sink = Sink::start(&[], &[]).await;
    let mailer = server::mailer::Mailer::new(&server::mailer::MailConfig {
        smtp_url: Some(sink.url()),
        from: "Polsslag <hrm@example.invalid>".into(),
        per_minute: 60_000,
    })
    .unwrap()
    .unwrap();
    assert_eq!(
        mailer
            .remind_follow_ups(&app.store, "https://polsslag.example")
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        mailer
            .remind_follow_ups(&app.store, "https://polsslag.example")
            .await
            .unwrap(),
        0,
        "once"
    );
    let got = sink.messages();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].to, vec!["chef@example.nl".to_string()]);
    let body = got[0].body();
    assert!(
        body.contains(&format!(
            "https://polsslag.example/leiding/gesprekken/{due}"
        )),
        "{body}"
    );
    assert!(
        body.contains("It is now time to review"),
        "in the language it was recorded in: {body}"
    );
    // The manager's home shows it as due.
    let actor = m.clone();
    let (due_rows, _) = conversations::of_manager(&app.store, &actor, today(), 10)
        .await
        .unwrap();
    assert_eq!(due_rows.len(), 1);
    assert_eq!(due_rows[0].id, due);
}

async fn the_sfeerbeeld_shows_a_cell_only_with_enough_conversations_and_participants(app: TestApp) {
    fixture(&app.store, vec![vec![Q::Likert("A1", true)]], 80, 10).await;
    let u1 = manager(&app, "u1@example.nl", "U1").await;
    let u2 = manager(&app, "u2@example.nl", "U2").await;
    // A quarter that is published (it ended more than four weeks ago): closed for recording,
    // so only the history import can put conversations in it.
    let day = today() - time::Duration::days(200);
    assert!(conversations::quarter_published(day, today()));
    let err = conversations::record(
        &app.store,
        &u1,
        &form("U1-T1", 12, "2", day),
        Locale::Nl,
        today(),
    )
    .await
    .unwrap_err();
    assert_eq!(
        err.status(),
        422,
        "a published quarter takes no more conversations"
    );
    // No more participants than the team has people (40 in each team).
    let err = conversations::record(
        &app.store,
        &u1,
        &form("U1-T1", 41, "2", today()),
        Locale::Nl,
        today(),
    )
    .await
    .unwrap_err();
    assert_eq!(err.status(), 422);
    // U1: three conversations of one team of 12: enough. U2: two conversations (too few).
    for (actor, team, n, t) in [
        (&u1, "U1-T1", 12, "2"),
        (&u1, "U1-T1", 12, "3"),
        (&u1, "U1-T1", 12, "4"),
        (&u2, "U2-T1", 20, "1"),
        (&u2, "U2-T1", 20, "1"),
    ] {
        conversations::import_history(&app.store, &ACTOR, actor, &form(team, n, t, day), today())
            .await
            .unwrap();
    }
    // One in the quarter still running: never shown until that quarter is published.
    conversations::record(
        &app.store,
        &u2,
        &form("U2-T1", 20, "1", today()),
        Locale::Nl,
        today(),
    )
    .await
    .unwrap();
    let hrm = logged_in(&app, Role::HrmAnalyst).await;
    let view = conversations::sfeerbeeld(&app.store, &ACTOR, Locale::Nl, today())
        .await
        .unwrap();
    let quarter = conversations::quarter_of(day);
    assert!(
        view.rows
            .iter()
            .all(|r| r.quarter != conversations::quarter_of(today())),
        "the running quarter is not published"
    );
    let row = |unit: &str| {
        view.rows
            .iter()
            .find(|r| r.quarter == quarter && r.unit_code == unit)
            .unwrap_or_else(|| panic!("{unit}: {:?}", view.rows))
            .clone()
    };
    // The total minus U1 would give U2's two conversations away: by the tree rule
    // (methodology A2) the smallest shown unit, U1, is hidden beside U2, and the total stays.
    assert_eq!(row("U2").conversations, None);
    assert_eq!(row("U2").participants, None);
    assert_eq!(row("U1").conversations, None, "U1 would give U2 away");
    assert!(row("U1").temperatures.iter().all(|(_, v, _)| v.is_none()));
    assert!(row("U1").signals.iter().all(|(_, v)| v.is_none()));
    assert_eq!(row("").conversations, Some(5));
    assert_eq!(row("").participants, Some(76));
    // A third U2 conversation (imported into the same quarter): every cell shows.
    conversations::import_history(
        &app.store,
        &ACTOR,
        &u2,
        &form("U2-T1", 20, "1", day),
        today(),
    )
    .await
    .unwrap();
    let view = conversations::sfeerbeeld(&app.store, &ACTOR, Locale::Nl, today())
        .await
        .unwrap();
    let total = view
        .rows
        .iter()
        .find(|r| r.quarter == quarter && r.unit_code.is_empty())
        .unwrap();
    assert_eq!(total.conversations, Some(6));
    assert_eq!(total.participants, Some(96));
    let u1_row = view
        .rows
        .iter()
        .find(|r| r.quarter == quarter && r.unit_code == "U1")
        .unwrap();
    assert_eq!(
        (u1_row.conversations, u1_row.participants),
        (Some(3), Some(36))
    );
    let koopkracht = u1_row
        .temperatures
        .iter()
        .find(|(t, _, _)| *t == ConversationTheme::Koopkracht)
        .unwrap()
        .1;
    assert_eq!(koopkracht, Some(3.0), "the mean of 2, 3 and 4");
    let signal = u1_row
        .signals
        .iter()
        .find(|(s, _)| s == "financiele_zorgen")
        .unwrap()
        .1;
    assert_eq!(signal, Some(100.0), "heard in every conversation");
    // The quarter before: three conversations in each unit, U1's koopkracht at 4, so it moved
    // by −1 into the quarter above.
    let mut before = day;
    while conversations::quarter_of(before) == quarter {
        before -= time::Duration::days(1);
    }
    for (actor, team, n, t) in [
        (&u1, "U1-T1", 12, "4"),
        (&u1, "U1-T1", 12, "4"),
        (&u1, "U1-T1", 12, "4"),
        (&u2, "U2-T1", 20, "1"),
        (&u2, "U2-T1", 20, "1"),
        (&u2, "U2-T1", 20, "1"),
    ] {
        conversations::import_history(
            &app.store,
            &ACTOR,
            actor,
            &form(team, n, t, before),
            today(),
        )
        .await
        .unwrap();
    }
    // The page and the CSV show the same cells; the CSV export is audited.
    let (status, page) = text(&hrm, format!("{}/hrm/sfeerbeeld", app.base)).await;
    assert_eq!(status, 200);
    assert!(page.contains(&quarter) && page.contains("U1"), "{page}");
    let res = hrm
        .get(format!("{}/hrm/sfeerbeeld.csv", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let csv = res.text().await.unwrap();
    assert!(
        csv.starts_with("Kwartaal;Eenheid;Gesprekken;Deelnemers"),
        "{csv}"
    );
    assert!(csv.contains(&format!("{quarter};U1;3;36;")), "{csv}");
    // Per theme its mean and its move since the quarter before; themes not discussed are
    // empty, and U2 (always 1) did not move.
    let header: Vec<&str> = csv.lines().next().unwrap().split(';').collect();
    let at = header
        .iter()
        .position(|h| *h == "Koopkracht en financiële zorgen")
        .expect("a koopkracht column");
    assert_eq!(
        header[at + 1],
        "Koopkracht en financiële zorgen: verandering",
        "{csv}"
    );
    let cells = |unit: &str| -> Vec<String> {
        csv.lines()
            .find(|l| l.starts_with(&format!("{quarter};{unit};")))
            .unwrap_or_else(|| panic!("{unit}: {csv}"))
            .split(';')
            .map(str::to_string)
            .collect()
    };
    assert_eq!(cells("U1")[at..at + 2], ["3,0", "-1,0"], "{csv}");
    assert_eq!(cells("U2")[at..at + 2], ["1,0", "0,0"], "{csv}");
    let older = conversations::quarter_of(before);
    let first = csv
        .lines()
        .find(|l| l.starts_with(&format!("{older};U1;")))
        .unwrap();
    assert_eq!(
        first.split(';').nth(at + 1),
        Some(""),
        "no quarter before it: {csv}"
    );
    let audit = app::services::audit::entries(&app.store, &ACTOR)
        .await
        .unwrap();
    assert!(audit.iter().any(|e| e.action == "sfeerbeeld.export"));
}

async fn hrm_edits_the_kit_and_every_save_is_a_version_the_handout_names(app: TestApp) {
    fixture(&app.store, vec![vec![Q::Likert("A1", true)]], 20, 10).await;
    let hrm = logged_in(&app, Role::HrmAnalyst).await;
    let (status, page) = text(&hrm, format!("{}/hrm/gesprekskit/handreiking", app.base)).await;
    assert_eq!(status, 200);
    let token = token_in(&page);
    let url = format!("{}/hrm/gesprekskit/handreiking", app.base);
    let save = |nl: &str, en: &str| {
        let (hrm, url, token) = (hrm.clone(), url.clone(), token.clone());
        let (nl, en) = (nl.to_string(), en.to_string());
        async move {
            hrm.post(url)
                .form(&[
                    ("_csrf", token.as_str()),
                    ("body_nl", &nl),
                    ("body_en", &en),
                ])
                .send()
                .await
                .unwrap()
        }
    };
    let res = save("", "# Guide").await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("id=\"body_nl-error\""));
    let res = save("geen titel", "# Guide").await;
    assert_eq!(res.status(), 422);
    let nl = "# Handreiking *teams*\n\nNieuw: <b>vet</b> en #set text(red) \
              </textarea><script>alert(1)</script>\n\n- punt";
    let res = save(nl, "# Guide\n\nNew").await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"],
        "/hrm/gesprekskit/handreiking?versie=2"
    );
    let res = save(nl, "# Guide\n\nNew").await;
    assert_eq!(res.status(), 422, "unchanged is no new version");
    let (_, page) = text(
        &hrm,
        format!("{}/hrm/gesprekskit/handreiking?versie=2", app.base),
    )
    .await;
    assert!(page.contains("Versie 2 is opgeslagen"), "{page}");
    assert!(
        !page.contains("<b>vet</b>"),
        "raw HTML never reaches the page"
    );
    assert!(
        !page.contains("<script>alert(1)"),
        "nor closes the textarea: {page}"
    );
    assert!(
        page.contains("&lt;/textarea&gt;&lt;script&gt;"),
        "the editor shows it as typed"
    );
    // Help routes of the organisation; a half-filled one is refused beside its field.
    let res = hrm
        .post(format!("{}/hrm/gesprekskit/hulp", app.base))
        .form(&[
            ("_csrf", token.as_str()),
            ("unit", ""),
            ("name_bedrijfsarts", "Arbodienst"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("id=\"contact_bedrijfsarts-error\""));
    let res = hrm
        .post(format!("{}/hrm/gesprekskit/hulp", app.base))
        .form(&[
            ("_csrf", token.as_str()),
            ("unit", ""),
            ("name_bedrijfsarts", "Arbodienst =HYPERLINK(\"x\")"),
            ("contact_bedrijfsarts", "088-123 45 67"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    // A signal category of HRM's own; a taken code is refused beside it.
    let add = |code: &str| {
        let (hrm, token) = (hrm.clone(), token.clone());
        let url = format!("{}/hrm/gesprekskit/signalen", app.base);
        let code = code.to_string();
        async move {
            hrm.post(url)
                .form(&[
                    ("_csrf", token.as_str()),
                    ("code", &code),
                    ("label_nl", "Huisvesting"),
                    ("label_en", "Housing"),
                ])
                .send()
                .await
                .unwrap()
        }
    };
    assert_eq!(add("huisvesting").await.status(), 303);
    let res = add("huisvesting").await;
    assert_eq!(res.status(), 409);
    assert!(res.text().await.unwrap().contains("id=\"code-error\""));
    assert_eq!(add("Hoofd Letters").await.status(), 422);
    // The handout names version 2 and shows the text as typed, markup and all.
    let res = hrm
        .get(format!("{}/leiding/handout.pdf", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let pdf = res.bytes().await.unwrap();
    if let Some(t) = pdf_text(&pdf) {
        assert!(t.contains("handreiking 2"), "{t}");
        assert!(
            t.contains("Handreiking teams"),
            "the title, emphasis as text: {t}"
        );
        assert!(t.contains("#set text(red)"), "{t}");
        assert!(
            t.contains("Arbodienst =HYPERLINK(\"x\")") && t.contains("088-123 45 67"),
            "{t}"
        );
        assert!(
            !t.contains("Cijfers van je team"),
            "the blank handout has no figures"
        );
    }
}

async fn a_team_handout_shows_the_teams_figures_once_its_wave_closed(app: TestApp) {
    let fx = fixture(&app.store, vec![vec![Q::Likert("A1", true)]], 40, 10).await;
    let m = manager_with_login(&app).await;
    // No closed wave yet: the handout says so.
    let pdf = app::services::handouts::pdf(&app.store, &m, Some("U1-T1"), Locale::Nl, today())
        .await
        .unwrap();
    if let Some(t) = pdf_text(&pdf) {
        assert!(t.contains("Er is nog geen afgesloten meting"), "{t}");
    }
    // Everyone answers (20 per team) and the wave closes.
    for (_, token) in invite_first(&app.store, &fx, 40).await {
        app.answer_a1(&token).await;
    }
    waves::close(&app.store, &ACTOR, &fx.wave_id).await.unwrap();
    let started = std::time::Instant::now();
    let pdf = app::services::handouts::pdf(&app.store, &m, Some("U1-T1"), Locale::Nl, today())
        .await
        .unwrap();
    let first = started.elapsed();
    let Some(t) = pdf_text(&pdf) else { return };
    assert!(
        t.contains("Cijfers van je team (Testpeiling, 2026-H2)"),
        "{t}"
    );
    // Every answer was 4 on a 1–5 scale: index 75 for the team, its unit and everyone.
    let row = t
        .lines()
        .find(|l| l.contains("Testthema"))
        .unwrap_or_else(|| panic!("{t}"));
    assert_eq!(
        row.matches("75 (75–75)").count(),
        3,
        "team, unit, organisation: {row}"
    );
    // Kept: the second handout does not analyse again (same figures).
    let again = app::services::handouts::pdf(&app.store, &m, Some("U1-T1"), Locale::En, today())
        .await
        .unwrap();
    let en = pdf_text(&again).unwrap();
    assert!(en.contains("Your team's figures"), "{en}");
    eprintln!("handout with a fresh analysis: {first:?}");
    let audit = app::services::audit::entries(&app.store, &ACTOR)
        .await
        .unwrap();
    assert_eq!(
        audit
            .iter()
            .filter(|e| e.action == "handout.download")
            .count(),
        3,
        "every team handout is audited"
    );
}

/// Two closed waves: team U1-T1 goes from 3 to 4 on every answer, U2-T1 stays at 3. The
/// team's change is tested by the analysis (`breakdown_changes`) and shown, with its verdict,
/// in the team's handout and on the results page of the team's own manager; the organisation's
/// change is its own; the handout holds the unit's trend chart.
async fn a_teams_change_between_two_waves_is_tested_and_shown_with_its_chart(app: TestApp) {
    let fx = fixture(&app.store, vec![vec![Q::Likert("A1", true)]], 80, 10).await;
    let team_manager = manager(&app, "teamchef@example.nl", "U1-T1").await;
    let unit_manager = manager(&app, "eenheid@example.nl", "U1").await;
    // 40 people per team: the team's n_eff reaches the rule's 30.
    for (_, token) in invite_first(&app.store, &fx, 80).await {
        app.answer_a1_with(&token, "3").await;
    }
    waves::close(&app.store, &ACTOR, &fx.wave_id).await.unwrap();
    let day = today();
    let second = waves::create(
        &app.store,
        &ACTOR,
        app::services::waves::NewWave {
            audience: Vec::new(),
            poll: fx.poll_id.clone(),
            label: "2027-H1".into(),
            opens_on: day - time::Duration::days(1),
            closes_on: day + time::Duration::days(14),
            status: app::domain::WaveStatus::Open,
        },
    )
    .await
    .unwrap();
    let tokens = app::services::invitations::invite(&app.store, &ACTOR, &second, &fx.employees)
        .await
        .unwrap()
        .tokens;
    // The fixture puts employee i in U1-T1 when i is even; tokens come in input order.
    for (i, (_, token)) in tokens.into_iter().enumerate() {
        app.answer_a1_with(&token, if i % 2 == 0 { "4" } else { "3" })
            .await;
    }
    waves::close(&app.store, &ACTOR, &second).await.unwrap();

    // The team's own manager: the change of the team, tested (a census with fpc: SE 0, so a
    // change of 25 points is certain) and significant.
    let (_, polls) =
        app::services::team_results::for_manager(&app.store, &team_manager, Locale::Nl)
            .await
            .unwrap();
    let row = &polls[0].themes[0];
    assert_eq!(row.waves.len(), 2, "{row:?}");
    assert_eq!(row.change, Some(("+25,0".to_string(), true)), "{row:?}");
    // The unit's manager sees the unit's change; the organisation moved by half as much.
    let (_, polls) =
        app::services::team_results::for_manager(&app.store, &unit_manager, Locale::Nl)
            .await
            .unwrap();
    assert_eq!(polls[0].themes[0].change, Some(("+25,0".to_string(), true)));

    let pdf =
        app::services::handouts::pdf(&app.store, &team_manager, Some("U1-T1"), Locale::Nl, day)
            .await
            .unwrap();
    let Some(t) = pdf_text(&pdf) else { return };
    assert!(t.contains("(Testpeiling, 2027-H1)"), "the latest wave: {t}");
    assert_eq!(
        t.matches("+25,0 (significant)").count(),
        2,
        "the team's change and the unit's: {t}"
    );
    assert_eq!(
        t.matches("+12,5 (significant)").count(),
        1,
        "the organisation's: {t}"
    );
    assert!(t.contains("Testthema · U1"), "the unit's trend chart: {t}");
    let en =
        app::services::handouts::pdf(&app.store, &team_manager, Some("U1-T1"), Locale::En, day)
            .await
            .unwrap();
    let en = pdf_text(&en).unwrap();
    assert_eq!(en.matches("+25.0 (significant)").count(), 2, "{en}");
    assert!(en.contains("Below a figure is its"), "{en}");
    assert!(
        en.contains("95% confidence interval"),
        "the chart speaks English: {en}"
    );
    assert!(!en.contains("betrouwbaarheidsinterval"), "{en}");
}

/// The manager of U1, with a login too (as [`logged_in`] makes it).
async fn manager_with_login(app: &TestApp) -> Actor {
    logged_in(app, Role::Manager).await;
    manager_actor(app).await
}
