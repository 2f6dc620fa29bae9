//! Accounts of the people who work in Polsslag (issue #10): administrators, HRM analysts and
//! managers. A password is stored only as its argon2id hash (PHC string); failed logins are
//! counted per account (never per address: thousands of colleagues share one), and an account
//! that failed too often is locked until `locked_until`. A manager's `scope` is the code of
//! the organisation unit whose subtree they see. `web_session` keeps their browser sessions.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261201_000005_accounts"
    }
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let (id, ts) = match db.get_database_backend() {
            DatabaseBackend::Sqlite => ("INTEGER PRIMARY KEY AUTOINCREMENT", "TEXT"),
            _ => ("BIGSERIAL PRIMARY KEY", "TIMESTAMPTZ"),
        };
        db.execute_unprepared(&format!(
            "CREATE TABLE account (
                id {id},
                email TEXT NOT NULL UNIQUE,
                password_hash TEXT NOT NULL,
                role TEXT NOT NULL,
                scope TEXT,
                raw_data BOOLEAN NOT NULL DEFAULT FALSE,
                failed_logins INTEGER NOT NULL DEFAULT 0,
                locked_until {ts},
                active BOOLEAN NOT NULL DEFAULT TRUE,
                created_at {ts} NOT NULL
            )"
        ))
        .await?;
        // Browser sessions of accounts (`app::services::sessions`), shared by every server on
        // this database: the session's random id, its data (JSON: the account id and the
        // form token) and when it expires (Unix seconds).
        db.execute_unprepared(
            "CREATE TABLE web_session (
                id TEXT PRIMARY KEY,
                data TEXT NOT NULL,
                expires_at BIGINT NOT NULL
            )",
        )
        .await?;
        db.execute_unprepared("CREATE INDEX web_session_expires ON web_session(expires_at)")
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("DROP TABLE web_session")
            .await?;
        manager
            .get_connection()
            .execute_unprepared("DROP TABLE account")
            .await?;
        Ok(())
    }
}
