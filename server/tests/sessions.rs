//! Issue #10, on SQLite and PostgreSQL: browser sessions live in the database (so servers on
//! one database share them), under the hash of their id, and expire.

use crate::common::TestApp;
use app::services::sessions::{self, DbSessions};
use app::services::Actor;
use sea_orm::{ConnectionTrait, Statement};
use tower_sessions::session::{Id, Record};
use tower_sessions::SessionStore;

on_both_backends!(
    a_session_is_saved_loaded_and_deleted_under_the_hash_of_its_id,
    an_expired_session_is_never_loaded_and_is_forgotten,
    two_servers_on_one_database_share_a_session,
);

fn record(minutes: i64) -> Record {
    let mut data = std::collections::HashMap::new();
    data.insert("account".to_string(), serde_json::json!(7));
    Record {
        id: Id::default(),
        data,
        expiry_date: time::OffsetDateTime::now_utc() + time::Duration::minutes(minutes),
    }
}

async fn stored_ids(app: &TestApp) -> Vec<String> {
    app.store
        .read()
        .query_all_raw(Statement::from_string(
            app.store.backend(),
            "SELECT id FROM web_session",
        ))
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<String>("", "id").unwrap())
        .collect()
}

async fn a_session_is_saved_loaded_and_deleted_under_the_hash_of_its_id(app: TestApp) {
    let s = DbSessions::new(app.store.clone());
    let mut r = record(30);
    s.create(&mut r).await.unwrap();
    let loaded = s.load(&r.id).await.unwrap().expect("loaded");
    assert_eq!(loaded.data, r.data);
    assert_eq!(
        loaded.expiry_date.unix_timestamp(),
        r.expiry_date.unix_timestamp()
    );
    let ids = stored_ids(&app).await;
    assert_eq!(ids.len(), 1);
    assert_ne!(ids[0], r.id.to_string(), "the id itself is not stored");
    assert_eq!(ids[0].len(), 64);
    // Saving replaces the data; deleting removes the row.
    r.data.insert("csrf".into(), serde_json::json!("abc"));
    s.save(&r).await.unwrap();
    assert_eq!(s.load(&r.id).await.unwrap().unwrap().data, r.data);
    assert_eq!(stored_ids(&app).await.len(), 1);
    s.delete(&r.id).await.unwrap();
    assert!(s.load(&r.id).await.unwrap().is_none());
    assert!(stored_ids(&app).await.is_empty());
    // A request that loaded the session before it ended (a logout elsewhere) and saves it
    // afterwards does not bring it back.
    s.save(&r).await.unwrap();
    assert!(s.load(&r.id).await.unwrap().is_none());
    assert!(stored_ids(&app).await.is_empty());
    // An id nobody was given loads nothing.
    assert!(s.load(&Id::default()).await.unwrap().is_none());
}

async fn an_expired_session_is_never_loaded_and_is_forgotten(app: TestApp) {
    let s = DbSessions::new(app.store.clone());
    let mut old = record(-1);
    let mut fresh = record(30);
    s.create(&mut old).await.unwrap();
    s.create(&mut fresh).await.unwrap();
    assert!(s.load(&old.id).await.unwrap().is_none());
    assert!(s.load(&fresh.id).await.unwrap().is_some());
    assert_eq!(
        sessions::forget_expired(&app.store, &Actor::System)
            .await
            .unwrap(),
        1
    );
    assert_eq!(stored_ids(&app).await.len(), 1);
    assert!(sessions::forget_expired(&app.store, &Actor::Respondent)
        .await
        .is_err());
}

async fn two_servers_on_one_database_share_a_session(app: TestApp) {
    let here = DbSessions::new(app.store.clone());
    let key = app::services::sealing::SealingKey::load_or_create(None).unwrap();
    let other = app::services::Store::open(&app.url, key).await.unwrap();
    let there = DbSessions::new(other);
    let mut r = record(30);
    here.create(&mut r).await.unwrap();
    assert_eq!(there.load(&r.id).await.unwrap().unwrap().data, r.data);
    there.delete(&r.id).await.unwrap();
    assert!(here.load(&r.id).await.unwrap().is_none());
}
