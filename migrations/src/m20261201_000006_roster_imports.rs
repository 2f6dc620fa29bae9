//! Organisation and roster imports (issue #10).
//!
//! - `import_upload`: a file an administrator uploaded, kept between its dry run and the moment
//!   it is applied (and removed then, or after a day), so the file is not sent twice.
//! - `roster_snapshot` / `roster_snapshot_count`: after every roster import, the number of
//!   active employees per combination of their reporting attributes on that date. A wave's
//!   population per stratum is taken from the snapshot at its reference date; the snapshot
//!   holds counts only, never a person.
//! - `api_token`: tokens of automated clients (`Authorization: Bearer …`), one account each,
//!   stored as their SHA-256 only, with the account's session epoch when they were made.
//! - `wave.audience`: the organisation codes a wave is for (none: the whole organisation).
//! - `account.session_epoch`: raised when a password changes; a browser session carries the
//!   epoch it was made in, so every other session of the account ends at once.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261201_000006_roster_imports"
    }
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let (id, ts, blob) = match db.get_database_backend() {
            DatabaseBackend::Sqlite => ("INTEGER PRIMARY KEY AUTOINCREMENT", "TEXT", "BLOB"),
            _ => ("BIGSERIAL PRIMARY KEY", "TIMESTAMPTZ", "BYTEA"),
        };
        db.execute_unprepared(&format!(
            "CREATE TABLE import_upload (
                id TEXT PRIMARY KEY,
                account_id BIGINT NOT NULL REFERENCES account(id),
                kind TEXT NOT NULL CHECK (kind IN ('organisation', 'roster')),
                file_name TEXT NOT NULL,
                content {blob} NOT NULL,
                created_at {ts} NOT NULL,
                reference_date DATE
            )"
        ))
        .await?;
        db.execute_unprepared(&format!(
            "CREATE TABLE roster_snapshot (
                id {id},
                taken_on DATE NOT NULL,
                imported_at {ts} NOT NULL,
                source TEXT NOT NULL,
                employees INTEGER NOT NULL
            )"
        ))
        .await?;
        db.execute_unprepared("CREATE INDEX roster_snapshot_taken ON roster_snapshot(taken_on)")
            .await?;
        db.execute_unprepared(&format!(
            "CREATE TABLE roster_snapshot_count (
                id {id},
                snapshot_id BIGINT NOT NULL REFERENCES roster_snapshot(id),
                unit_code TEXT NOT NULL,
                district_code TEXT,
                team_code TEXT NOT NULL,
                age_band TEXT NOT NULL,
                role_group TEXT NOT NULL,
                tenure_band TEXT NOT NULL,
                employees INTEGER NOT NULL
            )"
        ))
        .await?;
        db.execute_unprepared(
            "CREATE INDEX roster_snapshot_count_of ON roster_snapshot_count(snapshot_id)",
        )
        .await?;
        db.execute_unprepared(&format!(
            "CREATE TABLE api_token (
                id {id},
                account_id BIGINT NOT NULL REFERENCES account(id),
                name TEXT NOT NULL,
                token_hash TEXT NOT NULL UNIQUE,
                created_at {ts} NOT NULL,
                last_used_on DATE,
                revoked BOOLEAN NOT NULL DEFAULT FALSE,
                epoch INTEGER NOT NULL DEFAULT 0
            )"
        ))
        .await?;
        db.execute_unprepared(
            "ALTER TABLE account ADD COLUMN session_epoch INTEGER NOT NULL DEFAULT 0",
        )
        .await?;
        // The audience of a wave: JSON list of organisation codes (units, districts, teams);
        // NULL for the whole organisation.
        db.execute_unprepared("ALTER TABLE wave ADD COLUMN audience TEXT")
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared("ALTER TABLE account DROP COLUMN session_epoch")
            .await?;
        db.execute_unprepared("ALTER TABLE wave DROP COLUMN audience")
            .await?;
        for t in [
            "api_token",
            "roster_snapshot_count",
            "roster_snapshot",
            "import_upload",
        ] {
            db.execute_unprepared(&format!("DROP TABLE {t}")).await?;
        }
        Ok(())
    }
}
