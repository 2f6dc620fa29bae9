//! Issue #9, on SQLite and PostgreSQL: showing a form writes nothing; sealed answers are all
//! of one size; a database sealed with another key refuses to open and changes nothing.

use crate::common::{fixture, invite_first, nonce_of, TestApp, Q};
use sea_orm::{ConnectionTrait, Statement};

on_both_backends!(
    showing_a_form_writes_nothing_and_a_replay_is_still_refused,
    every_sealed_answer_has_the_same_size_whatever_was_typed,
    a_database_sealed_with_another_key_refuses_to_open,
    a_refused_submission_in_a_batch_leaves_the_others_stored,
    a_submission_that_arrives_after_the_close_is_refused_and_nothing_is_spent,
    a_wave_closed_through_another_server_takes_no_more_answers,
);

async fn showing_a_form_writes_nothing_and_a_replay_is_still_refused(app: TestApp) {
    let fx = fixture(&app.store, vec![vec![Q::Likert("A1", true)]], 20, 10).await;
    let tokens = invite_first(&app.store, &fx, 1).await;
    let client = app.client();
    let (_, html) = app.open(&client, &tokens[0].1).await;
    let (_, again) = app.open(&client, &tokens[0].1).await;
    assert_ne!(nonce_of(&html), nonce_of(&again), "a fresh nonce each time");
    assert_eq!(app.count("form_nonce", &fx.wave_id).await, 0, "no write");
    let form = |nonce: String| {
        vec![
            ("_nonce", nonce),
            ("_page", "0".to_string()),
            ("_nav", "verstuur".to_string()),
            ("q_A1", "4".to_string()),
        ]
    };
    let res = app.post(&client, &form(nonce_of(&html))).await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        app.count("form_nonce", &fx.wave_id).await,
        1,
        "the used one"
    );
    // The same form again: refused as a replay, nothing stored twice.
    let other = app.client();
    let res = app.post(&other, &form(nonce_of(&html))).await;
    assert!(
        matches!(res.status().as_u16(), 403 | 409),
        "{}",
        res.status()
    );
    // Forged nonces are refused too: right shape with a wrong signature, and 43 characters
    // that are not a canonical encoding at all (trailing bits set).
    let (_, _) = app.open(&other, &tokens[0].1).await;
    for forged in ["A".repeat(43), "a".repeat(43), "_".repeat(43)] {
        let res = app.post(&client, &form(forged.clone())).await;
        assert!(res.status().is_client_error(), "{forged}: {}", res.status());
    }
    assert_eq!(app.count("sealed_response", &fx.wave_id).await, 1);
}

async fn every_sealed_answer_has_the_same_size_whatever_was_typed(app: TestApp) {
    let fx = fixture(
        &app.store,
        vec![vec![Q::Likert("A1", false), Q::Text("T1")]],
        20,
        10,
    )
    .await;
    let tokens = invite_first(&app.store, &fx, 3).await;
    for (i, text) in ["", "kort", &"lang en \"ge-escaped\" \u{1F600} \n".repeat(7)]
        .iter()
        .enumerate()
    {
        let client = app.client();
        let (_, html) = app.open(&client, &tokens[i].1).await;
        let res = app
            .post(
                &client,
                &[
                    ("_nonce", nonce_of(&html)),
                    ("_page", "0".into()),
                    ("_nav", "verstuur".into()),
                    ("q_T1", text.to_string()),
                ],
            )
            .await;
        assert_eq!(res.status(), 303, "{i}");
    }
    let sizes: Vec<i64> = app
        .store
        .read()
        .query_all_raw(Statement::from_string(
            app.store.backend(),
            "SELECT LENGTH(sealed) AS n FROM sealed_response",
        ))
        .await
        .unwrap()
        .iter()
        .map(|r| {
            r.try_get::<i64>("", "n")
                .or_else(|_| r.try_get::<i32>("", "n").map(i64::from))
                .unwrap()
        })
        .collect();
    assert_eq!(sizes.len(), 3);
    assert!(sizes.iter().all(|s| *s == sizes[0]), "{sizes:?}");
}

async fn a_database_sealed_with_another_key_refuses_to_open(app: TestApp) {
    let other = app::services::sealing::SealingKey::random();
    let err = app::services::Store::open(&app.url, other)
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("sealed with another key"), "{err}");
    assert!(err.contains("nothing was changed"), "{err}");
    // The right key still opens it.
    let key = app::services::sealing::SealingKey::load_or_create(None).unwrap();
    app::services::Store::open(&app.url, key).await.unwrap();
}

/// Group commit: forty submissions and, at the same moment, a second copy of ten of them. The
/// copies are refused one by one inside the shared transaction; every original is stored
/// exactly once and acknowledged.
async fn a_refused_submission_in_a_batch_leaves_the_others_stored(app: TestApp) {
    let fx = fixture(&app.store, vec![vec![Q::Likert("A1", true)]], 40, 10).await;
    let tokens = invite_first(&app.store, &fx, 40).await;
    let mut forms = Vec::new();
    for (_, token) in &tokens {
        let client = app.client();
        let (_, html) = app.open(&client, token).await;
        forms.push((client, nonce_of(&html)));
    }
    let app = std::sync::Arc::new(app);
    let mut tasks = Vec::new();
    for (i, (client, nonce)) in forms.iter().enumerate() {
        for copy in 0..if i < 10 { 2 } else { 1 } {
            let (app, client, nonce) = (app.clone(), client.clone(), nonce.clone());
            tasks.push(tokio::spawn(async move {
                let res = app
                    .post(
                        &client,
                        &[
                            ("_nonce", nonce),
                            ("_page", "0".into()),
                            ("_nav", "verstuur".into()),
                            ("q_A1", "3".into()),
                        ],
                    )
                    .await;
                (i, copy, res.status().as_u16())
            }));
        }
    }
    let mut acknowledged = std::collections::BTreeMap::<usize, usize>::new();
    for t in tasks {
        let (i, _, status) = t.await.unwrap();
        match status {
            303 => *acknowledged.entry(i).or_default() += 1,
            // A copy is refused as a replay, or (when the original's answer already cleared
            // the shared cookie) as a form without its link.
            409 | 403 => {}
            other => panic!("submission {i}: status {other}"),
        }
    }
    assert_eq!(acknowledged.len(), 40, "every form stored once");
    assert!(acknowledged.values().all(|&n| n == 1), "{acknowledged:?}");
    assert_eq!(app.count("sealed_response", &fx.wave_id).await, 40);
    assert_eq!(app.count("form_nonce", &fx.wave_id).await, 40);
}

/// A submission that was let in while the wave was open, but reaches the database after the
/// wave closed, is refused (the wave is checked inside the batch's transaction): otherwise its
/// answer would be stored sealed where no close ever opens it, and its invitation spent.
async fn a_submission_that_arrives_after_the_close_is_refused_and_nothing_is_spent(app: TestApp) {
    use app::services::{responses, waves, Actor};
    let fx = fixture(&app.store, vec![vec![Q::Likert("A1", true)]], 20, 10).await;
    let tokens = invite_first(&app.store, &fx, 1).await;
    let today = app::services::today();
    let r = responses::resolve(&app.store, &Actor::Respondent, &tokens[0].1, today)
        .await
        .unwrap();
    let form = responses::form(&r).clone();
    let nonce = responses::issue_nonce(&app.store, &r).await.unwrap();
    waves::close(&app.store, &crate::common::ACTOR, &fx.wave_id)
        .await
        .unwrap();
    let answers = [("A1".to_string(), app::domain::Answer::Number(4))].into();
    let err = responses::submit(&app.store, &Actor::Respondent, &r, &form, &nonce, &answers)
        .await
        .unwrap_err();
    assert_eq!(err.status(), 410, "{err:?}");
    assert_eq!(app.count("sealed_response", &fx.wave_id).await, 0);
    assert_eq!(app.count("form_nonce", &fx.wave_id).await, 0);
    let used = app
        .store
        .read()
        .query_one_raw(Statement::from_string(
            app.store.backend(),
            "SELECT COUNT(*) AS n FROM invitation WHERE completed",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get::<i64>("", "n")
        .unwrap();
    assert_eq!(used, 0, "the invitation is not spent");
}

/// Two servers on one database. The respondent path keeps short-lived copies of an open link
/// and its wave (`app::services::cache`); they never let an answer in after another server
/// closed the wave (the commit reads the wave's status itself), and the closed page is shown
/// once the copies expire.
async fn a_wave_closed_through_another_server_takes_no_more_answers(app: TestApp) {
    use app::services::{cache, invitations, sealing::SealingKey, waves, Store};
    let fx = fixture(&app.store, vec![vec![Q::Likert("A1", true)]], 20, 10).await;
    invite_first(&app.store, &fx, 1).await;
    let link = invitations::open_link(&app.store, &crate::common::ACTOR, &fx.wave_id, None, "t")
        .await
        .unwrap();
    let client = app.client();
    // Two forms shown by this server: its copies of the link and the wave are fresh.
    let (status, first) = app.open(&client, &link).await;
    assert_eq!(status, 200);
    let (_, second) = app.open(&client, &link).await;
    let other = Store::open(&app.url, SealingKey::load_or_create(None).unwrap())
        .await
        .unwrap();
    waves::close(&other, &crate::common::ACTOR, &fx.wave_id)
        .await
        .unwrap();
    for html in [&first, &second] {
        let res = app
            .post(
                &client,
                &[
                    ("_nonce", nonce_of(html)),
                    ("_page", "0".into()),
                    ("_nav", "verstuur".into()),
                    ("q_A1", "4".into()),
                ],
            )
            .await;
        assert_eq!(res.status(), 410);
        assert!(res
            .text()
            .await
            .unwrap()
            .contains("Deze peiling is gesloten"));
    }
    assert_eq!(app.count("sealed_response", &fx.wave_id).await, 0);
    assert_eq!(app.count("response", &fx.wave_id).await, 0);
    assert_eq!(app.count("form_nonce", &fx.wave_id).await, 0);
    // Once the copies have expired the link itself says the wave is closed.
    tokio::time::sleep(cache::TTL + std::time::Duration::from_millis(100)).await;
    let (status, html) = app.open(&client, &link).await;
    assert_eq!(status, 410, "{html}");
    assert!(html.contains("Deze peiling is gesloten"));
}
