//! The semi-annual sample and invitations by e-mail (issue #11).
//!
//! - `wave_sample`: how a wave's stratified sample was drawn (total, allocation, seed,
//!   fatigue window, a digest of the frame), so the draw can be reproduced and checked.
//! - `wave_stratum`: per stratum (unit × age band) of a sampled wave the population N_h frozen
//!   at the draw, the frame (people that could be drawn), the planned and the drawn counts.
//!   These are the wave's `population.csv` and `margins.csv`, whatever the roster does later.
//! - `mail_template`: per wave and kind (invitation, reminder) the message HRM edits.
//! - `mailing`: one sending (the invitations, or a reminder on a chosen day) with its counts:
//!   queued, sent, failed. Counts only: who got a reminder is never kept.
//! - `mail_job`: one message waiting to go, with its attempts and a lease so that several
//!   servers never send it twice at once; deleted when sent or given up.
//! - `wave.links_exported_at`: when the personal links were downloaded for a mail merge
//!   (once: the file is the only place they are written out).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261201_000008_samples_mail"
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
        for sql in [
            format!(
                "CREATE TABLE wave_sample (
                    wave_id TEXT PRIMARY KEY REFERENCES wave(id),
                    total INTEGER NOT NULL,
                    allocation TEXT NOT NULL CHECK (allocation IN ('proportional', 'minimum')),
                    minimum INTEGER,
                    seed TEXT NOT NULL,
                    exclude_months INTEGER,
                    frame_digest TEXT NOT NULL,
                    drawn_on DATE NOT NULL,
                    drawn_at {ts} NOT NULL
                )"
            ),
            format!(
                "CREATE TABLE wave_stratum (
                    id {id},
                    wave_id TEXT NOT NULL REFERENCES wave(id),
                    unit_code TEXT NOT NULL,
                    age_band TEXT NOT NULL,
                    population INTEGER NOT NULL,
                    frame INTEGER NOT NULL,
                    planned INTEGER NOT NULL,
                    drawn INTEGER NOT NULL,
                    UNIQUE (wave_id, unit_code, age_band)
                )"
            ),
            "CREATE TABLE mail_template (
                wave_id TEXT NOT NULL REFERENCES wave(id),
                kind TEXT NOT NULL CHECK (kind IN ('invitation', 'reminder')),
                subject_nl TEXT NOT NULL,
                body_nl TEXT NOT NULL,
                subject_en TEXT NOT NULL,
                body_en TEXT NOT NULL,
                PRIMARY KEY (wave_id, kind)
            )"
            .to_string(),
            format!(
                "CREATE TABLE mailing (
                    id {id},
                    wave_id TEXT NOT NULL REFERENCES wave(id),
                    kind TEXT NOT NULL CHECK (kind IN ('invitation', 'reminder')),
                    due_on DATE NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('scheduled', 'queued', 'done', 'cancelled')),
                    queued INTEGER NOT NULL DEFAULT 0,
                    sent INTEGER NOT NULL DEFAULT 0,
                    failed INTEGER NOT NULL DEFAULT 0,
                    created_at {ts} NOT NULL
                )"
            ),
            "CREATE INDEX mailing_wave ON mailing(wave_id)".to_string(),
            format!(
                "CREATE TABLE mail_job (
                    id {id},
                    mailing_id BIGINT NOT NULL REFERENCES mailing(id),
                    invitation_id TEXT NOT NULL REFERENCES invitation(id),
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at {ts} NOT NULL,
                    lease_until {ts}
                )"
            ),
            "CREATE INDEX mail_job_due ON mail_job(next_attempt_at)".to_string(),
            "CREATE INDEX mail_job_mailing ON mail_job(mailing_id)".to_string(),
            format!("ALTER TABLE wave ADD COLUMN links_exported_at {ts}"),
        ] {
            db.execute_unprepared(&sql).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared("ALTER TABLE wave DROP COLUMN links_exported_at")
            .await?;
        for t in [
            "mail_job",
            "mailing",
            "mail_template",
            "wave_stratum",
            "wave_sample",
        ] {
            db.execute_unprepared(&format!("DROP TABLE {t}")).await?;
        }
        Ok(())
    }
}
