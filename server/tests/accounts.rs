//! Issue #10, on SQLite and PostgreSQL: accounts are created with valid data only, a login is
//! checked against the argon2id hash, and failed logins lock the account (not an address)
//! for a while, even against the right password.

use crate::common::{fixture, TestApp, ACTOR, Q};
use app::domain::Role;
use app::services::accounts::{self, NewAccount, LOCKOUT, MAX_FAILURES};
use app::services::{Actor, ServiceError};
use time::OffsetDateTime;

on_both_backends!(
    an_account_logs_in_with_its_password_only,
    failed_logins_lock_the_account_until_the_lockout_ends,
    invalid_accounts_are_refused_field_by_field_and_nothing_is_stored,
    only_administrators_and_the_command_line_create_accounts,
    a_password_is_changed_only_with_the_current_one,
    attempts_at_the_same_moment_try_no_more_passwords_than_the_lockout_allows,
);

const PASSWORD: &str = "lange-zin-als-wachtwoord";

fn hrm(email: &str) -> NewAccount {
    NewAccount {
        email: email.into(),
        role: Role::HrmAnalyst,
        scope: None,
        password: Some(PASSWORD.into()),
        raw_data: true,
    }
}

fn fields(e: &ServiceError) -> Vec<String> {
    match e {
        ServiceError::Invalid(f) => f.iter().map(|f| f.field.clone()).collect(),
        other => panic!("not invalid fields: {other:?}"),
    }
}

async fn an_account_logs_in_with_its_password_only(app: TestApp) {
    let created = accounts::create(&app.store, &ACTOR, hrm(" Anna@Example.NL "))
        .await
        .unwrap();
    assert!(created.one_time_password.is_none());
    let now = OffsetDateTime::now_utc();
    let actor = accounts::authenticate(&app.store, "anna@example.nl", PASSWORD, now)
        .await
        .unwrap();
    assert_eq!(
        actor,
        Actor::Account {
            id: created.id,
            role: Role::HrmAnalyst,
            scope: None
        }
    );
    // The address is matched as stored (trimmed, lower case).
    accounts::authenticate(&app.store, "ANNA@example.nl ", PASSWORD, now)
        .await
        .unwrap();
    let wrong = accounts::authenticate(
        &app.store,
        "anna@example.nl",
        "lange-zin-als-wachtwoorD",
        now,
    )
    .await
    .unwrap_err();
    let unknown = accounts::authenticate(&app.store, "bram@example.nl", PASSWORD, now)
        .await
        .unwrap_err();
    // An unknown address is answered exactly as a wrong password.
    assert_eq!(format!("{wrong:?}"), format!("{unknown:?}"));
    assert_eq!(fields(&wrong), ["password"]);
    assert_eq!(wrong.status(), 422);
    // A one-time password is made when none is given, and it works.
    let made = accounts::create(
        &app.store,
        &ACTOR,
        NewAccount {
            password: None,
            ..hrm("carla@example.nl")
        },
    )
    .await
    .unwrap()
    .one_time_password
    .unwrap();
    accounts::authenticate(&app.store, "carla@example.nl", &made, now)
        .await
        .unwrap();
    // The database holds a hash, never the password; the audit log the account id only.
    let stored = accounts::list(
        &app.store,
        &Actor::Account {
            id: 0,
            role: Role::Administrator,
            scope: None,
        },
    )
    .await
    .unwrap();
    assert_eq!(stored.len(), 2);
    let log = app::services::audit::entries(&app.store, &ACTOR)
        .await
        .unwrap();
    assert!(log
        .iter()
        .any(|e| e.action == "account.login" && e.object == format!("account:{}", created.id)));
    assert!(!log
        .iter()
        .any(|e| e.detail.contains("anna") || e.object.contains("anna")));
}

async fn failed_logins_lock_the_account_until_the_lockout_ends(app: TestApp) {
    accounts::create(&app.store, &ACTOR, hrm("anna@example.nl"))
        .await
        .unwrap();
    accounts::create(&app.store, &ACTOR, hrm("bram@example.nl"))
        .await
        .unwrap();
    let now = OffsetDateTime::now_utc();
    for i in 1..MAX_FAILURES {
        let e = accounts::authenticate(&app.store, "anna@example.nl", "fout-fout-fout", now)
            .await
            .unwrap_err();
        assert_eq!(e.status(), 422, "failure {i} is a wrong password");
    }
    let e = accounts::authenticate(&app.store, "anna@example.nl", "fout-fout-fout", now)
        .await
        .unwrap_err();
    assert_eq!(e.status(), 403, "the {MAX_FAILURES}th failure locks");
    // Locked: even the right password is refused, in words that say so.
    let e = accounts::authenticate(&app.store, "anna@example.nl", PASSWORD, now)
        .await
        .unwrap_err();
    assert_eq!(e.status(), 403);
    let text = e.refusal().body.text(app::i18n::Locale::Nl);
    assert!(text.contains("15 minuten"), "{text}");
    // Another account (a colleague behind the same address) is not locked.
    accounts::authenticate(&app.store, "bram@example.nl", PASSWORD, now)
        .await
        .unwrap();
    // After the lockout the right password works again, and the count starts afresh.
    let later = now + LOCKOUT + time::Duration::seconds(1);
    accounts::authenticate(&app.store, "anna@example.nl", PASSWORD, later)
        .await
        .unwrap();
    let e = accounts::authenticate(&app.store, "anna@example.nl", "fout-fout-fout", later)
        .await
        .unwrap_err();
    assert_eq!(e.status(), 422, "one failure after a success does not lock");
    let log = app::services::audit::entries(&app.store, &ACTOR)
        .await
        .unwrap();
    assert_eq!(
        log.iter().filter(|e| e.action == "account.locked").count(),
        1
    );
}

async fn invalid_accounts_are_refused_field_by_field_and_nothing_is_stored(app: TestApp) {
    fixture(&app.store, vec![vec![Q::Likert("A1", true)]], 20, 10).await;
    let e = accounts::create(
        &app.store,
        &ACTOR,
        NewAccount {
            email: "geen adres".into(),
            role: Role::Manager,
            scope: None,
            password: Some("kort".into()),
            raw_data: true,
        },
    )
    .await
    .unwrap_err();
    assert_eq!(fields(&e), ["email", "password", "scope", "raw_data"]);
    let e = accounts::create(
        &app.store,
        &ACTOR,
        NewAccount {
            scope: Some("XX".into()),
            role: Role::Manager,
            raw_data: false,
            ..hrm("dirk@example.nl")
        },
    )
    .await
    .unwrap_err();
    assert_eq!(fields(&e), ["scope"]);
    let ServiceError::Invalid(f) = &e else {
        unreachable!()
    };
    assert!(f[0]
        .message
        .text(app::i18n::Locale::En)
        .contains("no part of the organisation with code XX"));
    let e = accounts::create(
        &app.store,
        &ACTOR,
        NewAccount {
            scope: Some("U1".into()),
            ..hrm("dirk@example.nl")
        },
    )
    .await
    .unwrap_err();
    assert_eq!(fields(&e), ["scope"], "only a manager has a scope");
    let admin = Actor::Account {
        id: 0,
        role: Role::Administrator,
        scope: None,
    };
    assert!(accounts::list(&app.store, &admin).await.unwrap().is_empty());
    // A manager with a known unit is fine; the same address twice is a conflict on it.
    let manager = NewAccount {
        scope: Some("U1".into()),
        role: Role::Manager,
        raw_data: false,
        ..hrm("dirk@example.nl")
    };
    accounts::create(&app.store, &ACTOR, manager.clone())
        .await
        .unwrap();
    let e = accounts::create(
        &app.store,
        &ACTOR,
        NewAccount {
            email: "DIRK@example.nl".into(),
            ..manager
        },
    )
    .await
    .unwrap_err();
    assert!(
        matches!(
            e,
            ServiceError::Conflict {
                field: Some("email"),
                ..
            }
        ),
        "{e:?}"
    );
    assert_eq!(accounts::list(&app.store, &admin).await.unwrap().len(), 1);
    let actor = accounts::authenticate(
        &app.store,
        "dirk@example.nl",
        PASSWORD,
        OffsetDateTime::now_utc(),
    )
    .await
    .unwrap();
    assert!(
        matches!(actor, Actor::Account { role: Role::Manager, scope: Some(ref s), .. } if s == "U1")
    );
}

async fn only_administrators_and_the_command_line_create_accounts(app: TestApp) {
    for actor in [
        Actor::Respondent,
        Actor::Account {
            id: 1,
            role: Role::HrmAnalyst,
            scope: None,
        },
        Actor::Account {
            id: 2,
            role: Role::Manager,
            scope: Some("U1".into()),
        },
    ] {
        let e = accounts::create(&app.store, &actor, hrm("eva@example.nl"))
            .await
            .unwrap_err();
        assert_eq!(e.status(), 403, "{actor}");
        assert_eq!(
            accounts::list(&app.store, &actor)
                .await
                .unwrap_err()
                .status(),
            403
        );
    }
    let admin = Actor::Account {
        id: 0,
        role: Role::Administrator,
        scope: None,
    };
    accounts::create(&app.store, &admin, hrm("eva@example.nl"))
        .await
        .unwrap();
}

async fn a_password_is_changed_only_with_the_current_one(app: TestApp) {
    accounts::create(&app.store, &ACTOR, hrm("anna@example.nl"))
        .await
        .unwrap();
    let now = OffsetDateTime::now_utc();
    let me = accounts::authenticate(&app.store, "anna@example.nl", PASSWORD, now)
        .await
        .unwrap();
    let e = accounts::change_password(&app.store, &me, "niet-het-huidige", "een-nieuwe-lange-zin")
        .await
        .unwrap_err();
    assert_eq!(fields(&e), ["current"]);
    let e = accounts::change_password(&app.store, &me, PASSWORD, "kort")
        .await
        .unwrap_err();
    assert_eq!(fields(&e), ["new"]);
    assert_eq!(
        accounts::change_password(&app.store, &Actor::Cli, PASSWORD, "een-nieuwe-lange-zin")
            .await
            .unwrap_err()
            .status(),
        403
    );
    accounts::change_password(&app.store, &me, PASSWORD, "een-nieuwe-lange-zin")
        .await
        .unwrap();
    assert!(
        accounts::authenticate(&app.store, "anna@example.nl", PASSWORD, now)
            .await
            .is_err()
    );
    accounts::authenticate(&app.store, "anna@example.nl", "een-nieuwe-lange-zin", now)
        .await
        .unwrap();
}

/// An attacker who sends many guesses at once: each is counted before its password is tried,
/// so no more than MAX_FAILURES passwords are tried before the account locks.
async fn attempts_at_the_same_moment_try_no_more_passwords_than_the_lockout_allows(app: TestApp) {
    accounts::create(&app.store, &ACTOR, hrm("anna@example.nl"))
        .await
        .unwrap();
    let now = OffsetDateTime::now_utc();
    let mut tasks = Vec::new();
    for i in 0..4 * MAX_FAILURES {
        let store = app.store.clone();
        tasks.push(tokio::spawn(async move {
            accounts::authenticate(
                &store,
                "anna@example.nl",
                &format!("gok-nummer-{i:04}"),
                now,
            )
            .await
            .unwrap_err()
            .status()
        }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    let tried = statuses.iter().filter(|s| **s == 422).count();
    assert_eq!(tried, MAX_FAILURES as usize - 1, "{statuses:?}");
    assert!(statuses.iter().all(|s| *s == 422 || *s == 403));
    let log = app::services::audit::entries(&app.store, &ACTOR)
        .await
        .unwrap();
    let judged = log
        .iter()
        .filter(|e| e.action == "account.login_failed" || e.action == "account.locked")
        .count();
    assert_eq!(judged, MAX_FAILURES as usize, "passwords tried");
}
