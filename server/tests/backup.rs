//! Issue #14, on SQLite and PostgreSQL: a backup taken while people answer is one consistent
//! snapshot, and its restore brings back every answer: the opened ones as they were, the
//! sealed ones of an open wave opened by closing the wave on the restored database. A restore
//! refuses another key, an occupied target and a file that is not a backup, changing nothing.

use crate::common::{fixture, fresh_database, Backend, TestApp, ACTOR, Q};
use app::domain::{WaveId, WaveStatus};
use app::services::backup::{self, Counts};
use app::services::entities::response;
use app::services::sealing::SealingKey;
use app::services::{invitations, today, waves, ServiceError, Store};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::path::PathBuf;

on_both_backends!(
    a_backup_taken_while_people_answer_restores_every_answer,
    a_restore_refuses_another_key_an_occupied_target_and_a_stranger_file,
);

fn backend_of(app: &TestApp) -> Backend {
    if app.url.starts_with("sqlite:") {
        Backend::Sqlite
    } else {
        Backend::Postgres
    }
}

fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("polsslag-backup-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The stored responses of `wave` (id, attributes and answers), in their stored order.
async fn responses_of(store: &Store, wave: &WaveId) -> Vec<response::Model> {
    response::Entity::find()
        .filter(response::Column::WaveId.eq(wave.clone()))
        .order_by_asc(response::Column::Id)
        .all(&store.read())
        .await
        .unwrap()
}

/// A closed wave with 20 opened responses and an open one with `sealed` sealed answers.
async fn two_waves(
    app: &TestApp,
    sealed: usize,
) -> (WaveId, WaveId, Vec<app::services::tokens::Token>) {
    let fx = fixture(&app.store, vec![vec![Q::Likert("A1", true)]], 120, 5).await;
    let first = invitations::invite(&app.store, &ACTOR, &fx.wave_id, &fx.employees)
        .await
        .unwrap()
        .tokens;
    for (i, (_, t)) in first.iter().take(20).enumerate() {
        app.answer_a1_with(t, &(1 + i % 5).to_string()).await;
    }
    waves::close(&app.store, &ACTOR, &fx.wave_id).await.unwrap();
    let day = today();
    let second = waves::create(
        &app.store,
        &ACTOR,
        waves::NewWave {
            audience: Vec::new(),
            poll: fx.poll_id.clone(),
            label: "2027-H1".into(),
            opens_on: day - time::Duration::days(1),
            closes_on: day + time::Duration::days(14),
            status: WaveStatus::Open,
        },
    )
    .await
    .unwrap();
    let tokens: Vec<_> = invitations::invite(&app.store, &ACTOR, &second, &fx.employees)
        .await
        .unwrap()
        .tokens
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    for t in tokens.iter().take(sealed) {
        app.answer_a1(t).await;
    }
    (fx.wave_id, second, tokens)
}

async fn a_backup_taken_while_people_answer_restores_every_answer(app: TestApp) {
    let (closed, open, tokens) = two_waves(&app, 10).await;
    let dir = scratch();
    let out = dir.join("polsslag.backup");

    // People go on answering while the backup is taken.
    let app = std::sync::Arc::new(app);
    let during: Vec<_> = tokens[10..40]
        .iter()
        .cloned()
        .map(|t| {
            let app = app.clone();
            tokio::spawn(async move { app.answer_a1(&t).await })
        })
        .collect();
    let written = backup::backup(&app.url, &out).await.expect("backup");
    for d in during {
        d.await.unwrap();
    }
    let c = &written.counts;
    assert_eq!(c.responses, 20, "{c:?}");
    assert!(
        (10..=40).contains(&c.sealed),
        "everything acknowledged before the backup, nothing that was not sent: {c:?}"
    );
    assert_eq!(
        c.invitations_used,
        c.responses + c.sealed,
        "one snapshot: no invitation used without its answer, none answered twice: {c:?}"
    );
    assert_eq!(c.waves, 2);
    assert!(written.bytes > 0);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "only its owner reads a backup");
    }
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        left,
        vec!["polsslag.backup".to_string()],
        "no partial file left"
    );

    // Restore onto a new database: the same figures, the same opened responses.
    let target = fresh_database(backend_of(&app)).await.unwrap();
    let key = SealingKey::load(None).unwrap();
    let restored = backup::restore(&out, &target, key, false)
        .await
        .expect("restore");
    assert_eq!(&restored, c);
    let store = Store::open(&target, SealingKey::load(None).unwrap())
        .await
        .unwrap();
    assert_eq!(
        responses_of(&store, &closed).await,
        responses_of(&app.store, &closed).await,
        "the closed wave's responses as they were"
    );
    // The sealed answers open with the key, by closing the wave on the restored database.
    let s = waves::close(&store, &ACTOR, &open).await.unwrap();
    assert_eq!(s.responses as u64, c.sealed);
    assert_eq!(responses_of(&store, &open).await.len() as u64, c.sealed);
    let after = backup::counts(&store.read()).await.unwrap();
    assert_eq!(
        after,
        Counts {
            responses: c.responses + c.sealed,
            sealed: 0,
            ..c.clone()
        }
    );
    store.close().await.unwrap();

    // The original went on: its own answers are all there, none lost to the backup.
    let live = backup::counts(&app.store.read()).await.unwrap();
    assert_eq!(live.sealed, 40);
    assert_eq!(live.invitations_used, 60);
    let _ = std::fs::remove_dir_all(&dir);
}

async fn a_restore_refuses_another_key_an_occupied_target_and_a_stranger_file(app: TestApp) {
    let _ = two_waves(&app, 5).await;
    let dir = scratch();
    let out = dir.join("b");
    let first = backup::backup(&app.url, &out).await.unwrap();

    // A backup never overwrites: the same name again is refused, the file is untouched.
    let before = std::fs::read(&out).unwrap();
    let again = backup::backup(&app.url, &out).await.unwrap_err();
    assert_eq!(again.status(), 422, "{again:?}");
    assert_eq!(std::fs::read(&out).unwrap(), before);

    let target = fresh_database(backend_of(&app)).await.unwrap();
    // Another key: refused before anything is touched (the target stays empty).
    let err = backup::restore(&out, &target, SealingKey::random(), false)
        .await
        .unwrap_err();
    assert_eq!(err.status(), 422, "{err:?}");
    assert!(
        matches!(&err, ServiceError::Invalid(f) if f[0].message.key == "restore-other-key"),
        "{err:?}"
    );
    // A file that is not a backup.
    let stranger = dir.join("stranger");
    std::fs::write(&stranger, "id;naam\n1;Piet\n").unwrap();
    let err = backup::restore(&stranger, &target, SealingKey::load(None).unwrap(), false)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, ServiceError::Invalid(f) if f[0].message.key == "restore-not-a-backup"),
        "{err:?}"
    );
    if backend_of(&app) == Backend::Sqlite {
        let path = target
            .trim_start_matches("sqlite://")
            .split('?')
            .next()
            .unwrap();
        assert!(!std::path::Path::new(path).exists(), "nothing was made");
    }

    // The right key onto the empty target; then the occupied target is refused without
    // --replace, and replaced with it.
    let key = || SealingKey::load(None).unwrap();
    assert_eq!(
        backup::restore(&out, &target, key(), false).await.unwrap(),
        first.counts
    );
    let store = Store::open(&target, key()).await.unwrap();
    let grown = {
        // Something new on the restored database, which --replace will take away again.
        let mut c = backup::counts(&store.read()).await.unwrap();
        app::services::accounts::create(
            &store,
            &ACTOR,
            app::services::accounts::NewAccount {
                email: "nieuw@example.invalid".into(),
                role: app::domain::Role::HrmAnalyst,
                scope: None,
                password: Some("een lang genoeg wachtwoord".into()),
                raw_data: false,
            },
        )
        .await
        .unwrap();
        c.accounts += 1;
        c
    };
    assert_eq!(backup::counts(&store.read()).await.unwrap(), grown);
    store.close().await.unwrap();
    let err = backup::restore(&out, &target, key(), false)
        .await
        .unwrap_err();
    assert_eq!(err.status(), 409, "{err:?}");
    let store = Store::open(&target, key()).await.unwrap();
    assert_eq!(
        backup::counts(&store.read()).await.unwrap(),
        grown,
        "unchanged"
    );
    store.close().await.unwrap();
    assert_eq!(
        backup::restore(&out, &target, key(), true).await.unwrap(),
        first.counts,
        "replaced by the backup"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
