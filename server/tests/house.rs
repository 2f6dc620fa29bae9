//! The house rules, on SQLite and PostgreSQL: one language at a time (chosen by the switch,
//! else `Accept-Language`), the service layer's error story (stored data that does not parse
//! is an error, a unique clash is a conflict on its field), the writer rule of the store, and
//! the actor checked by every service function.

use crate::common::{fixture, invite_first, nonce_of, TestApp, ACTOR, Q};
use app::domain::{WaveId, WaveStatus};
use app::services::waves::{self, NewWave};
use app::services::{today, Actor, ServiceError};
use sea_orm::ConnectionTrait;

on_both_backends!(
    a_page_follows_accept_language_and_the_remembered_choice,
    the_poll_page_changes_language_without_losing_answers,
    a_refusal_is_shown_in_the_readers_language,
    corrupt_stored_attributes_are_an_error_never_a_default,
    a_duplicate_wave_label_is_a_conflict_on_the_label,
    the_read_handle_refuses_writes,
    a_respondent_may_not_close_a_wave,
    answers_stored_in_the_old_shapes_are_migrated,
);

async fn get(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    lang: Option<&str>,
) -> reqwest::Response {
    let mut req = client.get(format!("{}{path}", app.base));
    if let Some(l) = lang {
        req = req.header("accept-language", l);
    }
    req.send().await.unwrap()
}

async fn a_page_follows_accept_language_and_the_remembered_choice(app: TestApp) {
    let client = app.client();
    let html = get(&app, &client, "/", None).await.text().await.unwrap();
    assert!(html.contains(r#"<html lang="nl""#), "Dutch by default");
    assert!(html.contains("Hoe we je anonimiteit beschermen"));
    assert!(
        !html.contains("How we protect your anonymity"),
        "one language at a time"
    );

    let html = get(&app, &client, "/", Some("en-GB,en;q=0.9,nl;q=0.5"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains(r#"<html lang="en""#));
    assert!(html.contains("How we protect your anonymity"));
    assert!(!html.contains("Hoe we je anonimiteit beschermen"));
    assert!(
        html.contains(r#"href="/taal/nl?terug=/""#),
        "the switch offers Dutch"
    );

    // The switch remembers the choice in a cookie and goes back where it came from.
    let res = get(&app, &client, "/taal/nl?terug=/bedankt", Some("en")).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/bedankt");
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.starts_with("polsslag_taal=nl") && cookie.contains("Path=/"));
    let html = get(&app, &client, "/bedankt", Some("en"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Bedankt voor je antwoorden!"),
        "the cookie beats Accept-Language"
    );
    assert!(!html.contains("Thank you for your answers!"));

    // Never away from this site.
    let res = get(&app, &client, "/taal/en?terug=//evil.example/", None).await;
    assert_eq!(res.headers()["location"], "/");
    assert_eq!(get(&app, &client, "/taal/fr", None).await.status(), 404);
}

async fn the_poll_page_changes_language_without_losing_answers(app: TestApp) {
    let fx = fixture(
        &app.store,
        vec![
            vec![Q::Likert("P1", true), Q::Text("PT")],
            vec![Q::Likert("P2", true)],
        ],
        10,
        10,
    )
    .await;
    let (_, token) = invite_first(&app.store, &fx, 1).await.remove(0);
    let client = app.client();
    let (_, html) = app.open(&client, &token).await;
    assert!(html.contains("Pagina 1 van 2") && html.contains("Read this poll in English"));
    let res = app
        .post(
            &client,
            &[
                ("_nonce", nonce_of(&html)),
                ("_page", "0".into()),
                ("_nav", "taal-en".into()),
                ("q_P1", "4".into()),
                ("q_PT", "R&D <b>".into()),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .starts_with("polsslag_taal=en"));
    let html = res.text().await.unwrap();
    assert!(html.contains(r#"<html lang="en""#));
    assert!(html.contains("Page 1 of 2") && html.contains("Statement P1"));
    assert!(!html.contains("Pagina 1 van 2") && !html.contains("Stelling P1"));
    assert!(html.contains(r#"value="4" checked"#), "the answer is kept");
    let textarea = &html[html.find("<textarea").unwrap()..];
    let textarea = &textarea[..textarea.find("</textarea>").unwrap()];
    assert!(
        textarea.contains("R&amp;D &lt;b") && !textarea.contains("<b"),
        "the comment is kept, escaped: {textarea}"
    );
    assert!(
        !html.contains("Please check your answers"),
        "changing language checks nothing"
    );
    assert_eq!(app.count("sealed_response", &fx.wave_id).await, 0);
    // The same form goes on in English.
    let html = app
        .post(
            &client,
            &[
                ("_nonce", nonce_of(&html)),
                ("_page", "0".into()),
                ("_nav", "volgende".into()),
                ("q_P1", "4".into()),
            ],
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Page 2 of 2"));
}

async fn a_refusal_is_shown_in_the_readers_language(app: TestApp) {
    let client = app.client();
    let token = app::services::tokens::Token::generate();
    let res = get(&app, &client, &format!("/p/{}", token.as_str()), Some("en")).await;
    assert_eq!(res.status(), 404);
    let html = res.text().await.unwrap();
    assert!(html.contains(r#"<html lang="en""#));
    assert!(html.contains("This link does not work"));
    assert!(!html.contains("Deze link werkt niet"));
    let res = get(&app, &client, "/v", Some("en")).await;
    assert_eq!(res.status(), 403);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("Open the link from your invitation first"));
}

async fn corrupt_stored_attributes_are_an_error_never_a_default(app: TestApp) {
    let fx = fixture(&app.store, vec![vec![Q::Likert("A1", true)]], 10, 10).await;
    let tokens = invite_first(&app.store, &fx, 2).await;
    let client = app.client();
    let (status, html) = app.open(&client, &tokens[0].1).await;
    assert_eq!(status, 200);
    // Someone damages the poll's attributes while the form is open.
    let w = app.store.write().await.unwrap();
    w.execute_unprepared("UPDATE poll SET attributes = '[\"unit\", \"shoe_size\"]'")
        .await
        .unwrap();
    w.commit().await.unwrap();
    // A change made behind the server's back (another server, a hand-made UPDATE) is read
    // once the respondent path's copy of the poll has expired.
    tokio::time::sleep(app::services::cache::TTL + std::time::Duration::from_millis(100)).await;
    let res = app
        .post(
            &client,
            &[
                ("_nonce", nonce_of(&html)),
                ("_page", "0".into()),
                ("_nav", "verstuur".into()),
                ("q_A1", "4".into()),
            ],
        )
        .await;
    assert_eq!(res.status(), 500, "never a response without its unit");
    let html = res.text().await.unwrap();
    assert!(html.contains("Er ging iets mis"));
    assert!(
        html.contains("onleesbaar"),
        "it says stored data cannot be read"
    );
    assert!(
        !html.contains("shoe_size") && !html.contains(fx.wave_id.as_str()),
        "never the stored text itself"
    );
    assert_eq!(app.count("sealed_response", &fx.wave_id).await, 0);
    assert_eq!(app.count("response", &fx.wave_id).await, 0);
    let (status, _) = app.open(&app.client(), &tokens[1].1).await;
    assert_eq!(
        status, 500,
        "the link is refused as long as the poll is damaged"
    );
}

async fn a_duplicate_wave_label_is_a_conflict_on_the_label(app: TestApp) {
    let fx = fixture(&app.store, vec![vec![Q::Likert("A1", true)]], 10, 10).await;
    let w = waves::get(&app.store, &ACTOR, &fx.wave_id).await.unwrap();
    let again = NewWave {
        audience: Vec::new(),
        poll: w.poll_id.clone(),
        label: w.label.clone(),
        opens_on: today(),
        closes_on: today() + time::Duration::days(7),
        status: WaveStatus::Draft,
    };
    match waves::create(&app.store, &ACTOR, again).await {
        Err(ServiceError::Conflict { field, refusal }) => {
            assert_eq!(field, Some("label"));
            let text = refusal.body.text(app::i18n::Locale::Nl);
            assert!(text.contains("2026-H2"), "{text}");
        }
        other => panic!("expected a conflict on the label, got {other:?}"),
    }
    // Dates the wrong way round are an invalid field, and nothing is created.
    let reversed = NewWave {
        audience: Vec::new(),
        poll: w.poll_id.clone(),
        label: "2027-H1".into(),
        opens_on: today() + time::Duration::days(7),
        closes_on: today(),
        status: WaveStatus::Draft,
    };
    assert!(matches!(
        waves::create(&app.store, &ACTOR, reversed).await,
        Err(ServiceError::Invalid(f)) if f[0].field == "closes_on"
    ));
    assert_eq!(
        waves::of_poll(&app.store, &ACTOR, &w.poll_id)
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(matches!(
        waves::get(
            &app.store,
            &ACTOR,
            &WaveId::parse("00000000-0000-4000-8000-000000000000").unwrap()
        )
        .await,
        Err(ServiceError::NotFound(_))
    ));
}

async fn the_read_handle_refuses_writes(app: TestApp) {
    let err = app
        .store
        .read()
        .execute_unprepared("DELETE FROM audit_log")
        .await
        .unwrap_err();
    assert!(err.to_string().contains("Store::write"), "{err}");
    // sea-orm sends DELETE … RETURNING through the query methods: refused as well.
    use sea_orm::EntityTrait;
    let err = app::services::entities::poll_template::Entity::delete_many()
        .exec_with_returning(&app.store.read())
        .await
        .unwrap_err();
    assert!(err.to_string().contains("Store::write"), "{err}");
    // A write transaction that is dropped rolls back and releases the writer lock.
    {
        let w = app.store.write().await.unwrap();
        w.execute_unprepared("DELETE FROM poll_template")
            .await
            .unwrap();
    }
    let w = app.store.write().await.unwrap();
    let n = w
        .query_one_raw(sea_orm::Statement::from_string(
            w.get_database_backend(),
            "SELECT COUNT(*) AS n FROM poll_template",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get::<i64>("", "n")
        .unwrap();
    assert!(n > 0, "the dropped transaction was rolled back");
}

async fn a_respondent_may_not_close_a_wave(app: TestApp) {
    let fx = fixture(&app.store, vec![vec![Q::Likert("A1", true)]], 10, 10).await;
    assert!(matches!(
        waves::close(&app.store, &Actor::Respondent, &fx.wave_id).await,
        Err(ServiceError::Forbidden(_))
    ));
    let w = waves::get(&app.store, &ACTOR, &fx.wave_id).await.unwrap();
    assert_eq!(w.status, WaveStatus::Open);
}

async fn answers_stored_in_the_old_shapes_are_migrated(app: TestApp) {
    use app::domain::Answer;
    let fx = fixture(
        &app.store,
        vec![vec![
            Q::Likert("A1", true),
            Q::Single("S1"),
            Q::Text("T1"),
            Q::Multi("M1"),
        ]],
        10,
        10,
    )
    .await;
    // A response as the first schema stored it: bare strings for a choice and "weet niet".
    let old = r#"{"A1":"wn","M1":["b"],"S1":"a","T1":"wn"}"#;
    let w = app.store.write().await.unwrap();
    w.execute_raw(sea_orm::Statement::from_sql_and_values(
        w.get_database_backend(),
        match w.get_database_backend() {
            sea_orm::DbBackend::Postgres => {
                "INSERT INTO response (id, wave_id, answers) VALUES ($1, $2, $3)"
            }
            _ => "INSERT INTO response (id, wave_id, answers) VALUES (?, ?, ?)",
        },
        ["old-1".into(), fx.wave_id.as_str().into(), old.into()],
    ))
    .await
    .unwrap();
    w.commit().await.unwrap();
    let db = sea_orm::Database::connect(app.url.as_str()).await.unwrap();
    use migrations::MigratorTrait;
    // Back past the answer-shapes migration (the second) and every one after it, then up.
    let after_first = migrations::Migrator::migrations().len() as u32 - 1;
    migrations::Migrator::down(&db, Some(after_first))
        .await
        .unwrap();
    migrations::Migrator::up(&db, None).await.unwrap();
    let stored: String = app
        .store
        .read()
        .query_one_raw(sea_orm::Statement::from_string(
            app.store.backend(),
            "SELECT answers FROM response WHERE id = 'old-1'",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get("", "answers")
        .unwrap();
    let answers: std::collections::BTreeMap<String, Answer> =
        serde_json::from_str(&stored).unwrap();
    assert_eq!(answers["A1"], Answer::DontKnow);
    assert_eq!(answers["S1"], Answer::Choice("a".into()));
    assert_eq!(
        answers["T1"],
        Answer::Text("wn".into()),
        "open text stays text"
    );
    assert_eq!(answers["M1"], Answer::Choices(vec!["b".into()]));
}
