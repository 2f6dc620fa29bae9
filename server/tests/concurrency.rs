//! Many respondents at once: every acknowledged answer is stored exactly once, also when
//! concurrent submissions flush the mixing buffer at the same moment.

use crate::common::{fixture, nonce_of, Backend, TestApp, ACTOR, Q};
use app::services::invitations::open_link;
use std::collections::HashSet;

const CLIENTS: usize = 8;
const EACH: usize = 30;

async fn concurrent_submissions_are_each_stored_exactly_once(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let fx = fixture(
        &app.store,
        vec![vec![Q::Likert("C1", true), Q::Text("LABEL")]],
        10,
        5,
    )
    .await;
    let link = open_link(&app.store, &ACTOR, &fx.wave_id, Some(fx.team_id), "team")
        .await
        .unwrap();
    let app = std::sync::Arc::new(app);
    let mut tasks = Vec::new();
    for c in 0..CLIENTS {
        let (app, link) = (app.clone(), link.clone());
        tasks.push(tokio::spawn(async move {
            for i in 0..EACH {
                let client = app.client();
                let (status, html) = app.open(&client, &link).await;
                assert_eq!(status, 200);
                let res = app
                    .post(
                        &client,
                        &[
                            ("_nonce", nonce_of(&html)),
                            ("_page", "0".into()),
                            ("_nav", "verstuur".into()),
                            ("q_C1", "3".into()),
                            ("q_LABEL", format!("c{c}-{i}")),
                        ],
                    )
                    .await;
                assert_eq!(res.status(), 303);
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    app::services::waves::close(&app.store, &ACTOR, &fx.wave_id)
        .await
        .unwrap();
    use sea_orm::EntityTrait;
    let rows = app::services::entities::response::Entity::find()
        .all(&app.store.read())
        .await
        .unwrap();
    assert_eq!(
        rows.len(),
        CLIENTS * EACH,
        "every acknowledged answer, once"
    );
    let labels: HashSet<String> = rows
        .iter()
        .map(|r| {
            serde_json::from_str::<serde_json::Value>(&r.answers).unwrap()["LABEL"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(labels.len(), CLIENTS * EACH, "no answer stored twice");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_concurrent_submissions_are_each_stored_exactly_once() {
    concurrent_submissions_are_each_stored_exactly_once(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_concurrent_submissions_are_each_stored_exactly_once() {
    concurrent_submissions_are_each_stored_exactly_once(Backend::Postgres).await;
}
