//! Answers sealed until their wave closes (`app::services::sealing`, issue #9):
//! - `sealed_response`: a random key, the wave and one opaque, fixed-size ciphertext of the
//!   attributes and answers of one submission (base64); closing the wave opens them all and
//!   writes `response` in random order;
//! - `sealing_key`: the fingerprint of the key that seals this database's answers, so a
//!   server started with another key refuses to start.
//!
//! On SQLite both are `WITHOUT ROWID` (rows in key order, which is random).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261201_000004_sealed_responses"
    }
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let wr = match db.get_database_backend() {
            DatabaseBackend::Sqlite => " WITHOUT ROWID",
            _ => "",
        };
        for sql in [
            format!(
                "CREATE TABLE sealed_response (id TEXT PRIMARY KEY, \
                 wave_id TEXT NOT NULL REFERENCES wave(id), sealed TEXT NOT NULL){wr}"
            ),
            "CREATE INDEX sealed_response_wave ON sealed_response(wave_id)".to_string(),
            // One row (id 1): the first server to start records its key; every later one
            // compares, so two servers starting at once cannot both record theirs.
            format!(
                "CREATE TABLE sealing_key (id INTEGER PRIMARY KEY CHECK (id = 1), \
                 fingerprint TEXT NOT NULL){wr}"
            ),
        ] {
            db.execute_unprepared(&sql).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared("DROP TABLE sealing_key").await?;
        db.execute_unprepared("DROP TABLE sealed_response").await?;
        Ok(())
    }
}
