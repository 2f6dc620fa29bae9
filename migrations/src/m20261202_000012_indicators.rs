//! Indicators from outside the polls (issue #13), for the sociaal jaarbeeld and the
//! dashboard.
//!
//! - `indicator`: what is counted or measured, with its definition and source, in Dutch and
//!   English; `kind` says how its values read (`count` of people or cases, `percent`,
//!   `number`), `people` whether a value counts people (then a value under the reporting
//!   threshold is never shown), `theme_code` the survey theme it stands beside (may be
//!   empty). An indicator is switched off, never removed, so a report of an earlier period
//!   still finds it.
//! - `indicator_value`: one value per indicator, unit (`unit_code` empty: the whole
//!   organisation) and half year (`2025-H2`), with who recorded it and when; recording it
//!   again replaces it.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261202_000012_indicators"
    }
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let (real, ts) = match db.get_database_backend() {
            DatabaseBackend::Sqlite => ("REAL", "TEXT"),
            _ => ("DOUBLE PRECISION", "TIMESTAMPTZ"),
        };
        for sql in [
            "CREATE TABLE indicator (
                code TEXT PRIMARY KEY,
                name_nl TEXT NOT NULL,
                name_en TEXT NOT NULL,
                definition_nl TEXT NOT NULL,
                definition_en TEXT NOT NULL,
                source TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('count', 'percent', 'number')),
                people BOOLEAN NOT NULL,
                theme_code TEXT NOT NULL,
                active BOOLEAN NOT NULL DEFAULT TRUE,
                position INTEGER NOT NULL
            )"
            .to_string(),
            format!(
                "CREATE TABLE indicator_value (
                    indicator_code TEXT NOT NULL REFERENCES indicator(code),
                    unit_code TEXT NOT NULL,
                    period TEXT NOT NULL,
                    value {real} NOT NULL,
                    recorded_by TEXT NOT NULL,
                    recorded_at {ts} NOT NULL,
                    PRIMARY KEY (indicator_code, unit_code, period)
                )"
            ),
            "CREATE INDEX indicator_value_period ON indicator_value(period)".to_string(),
        ] {
            db.execute_unprepared(&sql).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for t in ["indicator_value", "indicator"] {
            db.execute_unprepared(&format!("DROP TABLE {t}")).await?;
        }
        Ok(())
    }
}
