//! Sealed answers as bytes, appended (issue #9, the speed of the submission path).
//!
//! `sealed_response` was keyed by a random text id (on SQLite `WITHOUT ROWID`) and held
//! base64: every insert landed on a random page of the table and spilled about 11 KB into
//! overflow pages, so each submission dirtied several scattered pages of the write-ahead log.
//! Now a row is `(seq, wave_id, sealed)`: `seq` is the row's place in the table (SQLite's
//! rowid, PostgreSQL's identity), `sealed` the raw nonce ‖ ciphertext (`BLOB` / `BYTEA`), a
//! quarter smaller than its base64. Rows are appended in the order their batches committed;
//! that order is no secret: the log records it anyway, the rows are opaque and of one size per
//! poll, and closing the wave opens them all and writes `response` in random order
//! (`app::services::responses::open_sealed`).
//!
//! Rows waiting in open waves are carried over (base64 decoded here).

use base64::Engine;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend, Statement, Value};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261201_000010_sealed_blobs"
    }
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let backend = db.get_database_backend();
        let create = match backend {
            DatabaseBackend::Sqlite => {
                "CREATE TABLE sealed_response_v2 (seq INTEGER PRIMARY KEY, \
                 wave_id TEXT NOT NULL REFERENCES wave(id), sealed BLOB NOT NULL)"
            }
            _ => {
                "CREATE TABLE sealed_response_v2 (seq BIGINT GENERATED ALWAYS AS IDENTITY \
                 PRIMARY KEY, wave_id TEXT NOT NULL REFERENCES wave(id), sealed BYTEA NOT NULL)"
            }
        };
        db.execute_unprepared(create).await?;
        let rows = db
            .query_all_raw(Statement::from_string(
                backend,
                "SELECT wave_id, sealed FROM sealed_response",
            ))
            .await?;
        let insert = match backend {
            DatabaseBackend::Postgres => {
                "INSERT INTO sealed_response_v2 (wave_id, sealed) VALUES ($1, $2)"
            }
            _ => "INSERT INTO sealed_response_v2 (wave_id, sealed) VALUES (?, ?)",
        };
        for row in rows {
            let wave: String = row.try_get("", "wave_id")?;
            let text: String = row.try_get("", "sealed")?;
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(text.trim())
                .map_err(|e| DbErr::Migration(format!("a sealed response of wave {wave}: {e}")))?;
            db.execute_raw(Statement::from_sql_and_values(
                backend,
                insert,
                [Value::from(wave), Value::from(bytes)],
            ))
            .await?;
        }
        for sql in [
            "DROP TABLE sealed_response",
            "ALTER TABLE sealed_response_v2 RENAME TO sealed_response",
            "CREATE INDEX sealed_response_wave ON sealed_response(wave_id)",
        ] {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }

    /// Back to migration 4's table: random text keys (`WITHOUT ROWID` on SQLite), base64.
    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let backend = db.get_database_backend();
        let wr = match backend {
            DatabaseBackend::Sqlite => " WITHOUT ROWID",
            _ => "",
        };
        db.execute_unprepared(&format!(
            "CREATE TABLE sealed_response_v1 (id TEXT PRIMARY KEY, \
             wave_id TEXT NOT NULL REFERENCES wave(id), sealed TEXT NOT NULL){wr}"
        ))
        .await?;
        let rows = db
            .query_all_raw(Statement::from_string(
                backend,
                // Not the text `up` reads with: PostgreSQL would reuse its cached plan, whose
                // result type (text) this table no longer has.
                "SELECT wave_id, sealed AS bytes FROM sealed_response",
            ))
            .await?;
        let insert = match backend {
            DatabaseBackend::Postgres => {
                "INSERT INTO sealed_response_v1 (id, wave_id, sealed) VALUES ($1, $2, $3)"
            }
            _ => "INSERT INTO sealed_response_v1 (id, wave_id, sealed) VALUES (?, ?, ?)",
        };
        for row in rows {
            let wave: String = row.try_get("", "wave_id")?;
            let bytes: Vec<u8> = row.try_get("", "bytes")?;
            db.execute_raw(Statement::from_sql_and_values(
                backend,
                insert,
                [
                    Value::from(uuid::Uuid::new_v4().to_string()),
                    Value::from(wave),
                    Value::from(base64::engine::general_purpose::STANDARD.encode(bytes)),
                ],
            ))
            .await?;
        }
        for sql in [
            "DROP TABLE sealed_response",
            "ALTER TABLE sealed_response_v1 RENAME TO sealed_response",
            "CREATE INDEX sealed_response_wave ON sealed_response(wave_id)",
        ] {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }
}
