//! Kept results per set of waves (issue #13): the sociaal jaarbeeld of a half year analyses
//! a poll's closed waves up to that half year, which is not all its closed waves once a later
//! one has closed. `poll_result` now keeps one analysis per (poll, set of waves), so a report
//! of an earlier period is not analysed again on every download.
//!
//! - `poll_result`: `closed_waves` (the sorted, comma-separated ids of the waves analysed,
//!   after the shape of the results) joins the primary key. The table held only derived data,
//!   so it is made anew: what it held is computed again on first use.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261202_000013_poll_result_sets"
    }
}

fn create(ts: &str) -> String {
    format!(
        "CREATE TABLE poll_result (
            poll_id TEXT NOT NULL REFERENCES poll(id),
            closed_waves TEXT NOT NULL,
            results TEXT NOT NULL,
            computed_at {ts} NOT NULL,
            PRIMARY KEY (poll_id, closed_waves)
        )"
    )
}

fn timestamp(db: &impl ConnectionTrait) -> &'static str {
    match db.get_database_backend() {
        DatabaseBackend::Sqlite => "TEXT",
        _ => "TIMESTAMPTZ",
    }
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared("DROP TABLE poll_result").await?;
        db.execute_unprepared(&create(timestamp(db))).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let ts = timestamp(db);
        db.execute_unprepared("DROP TABLE poll_result").await?;
        db.execute_unprepared(&format!(
            "CREATE TABLE poll_result (
                poll_id TEXT PRIMARY KEY REFERENCES poll(id),
                closed_waves TEXT NOT NULL,
                results TEXT NOT NULL,
                computed_at {ts} NOT NULL
            )"
        ))
        .await?;
        Ok(())
    }
}
