//! The managers' part (issue #12): the thermometer-conversation kit and what managers pass on.
//!
//! - `kit_document`: the handout's texts (`handreiking`, `factsheet`), Dutch and English
//!   Markdown; every edit is a new version, none is ever changed or removed, so a printed
//!   handout names a version that can be looked up.
//! - `help_route`: where help is, per unit (`unit_code` empty: the whole organisation),
//!   maintained by HRM; a handout lists its team's unit's routes, else the organisation's.
//! - `signal_category`: the list of signals a manager can tick, maintained by HRM (a
//!   category is switched off, never removed, so old conversations keep their meaning).
//! - `conversation`: one thermometer conversation: team (and its unit, for the sfeerbeeld),
//!   day, number of participants, a temperature 1–5 per theme, the signals heard, the agreed
//!   actions (short, without names), the help routes offered; and its follow-up four to six
//!   weeks later. Recorded by a manager account (in its language, which the follow-up
//!   reminder is written in); never names a participant.
//! - `poll_result`: the analysis (`results.json`) of a poll's closed waves, kept for the
//!   managers' results and handouts so no page view recomputes it.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261201_000011_conversations"
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
                "CREATE TABLE kit_document (
                    id {id},
                    kind TEXT NOT NULL CHECK (kind IN ('handreiking', 'factsheet')),
                    version INTEGER NOT NULL,
                    body_nl TEXT NOT NULL,
                    body_en TEXT NOT NULL,
                    created_at {ts} NOT NULL,
                    created_by TEXT NOT NULL,
                    UNIQUE (kind, version)
                )"
            ),
            format!(
                "CREATE TABLE help_route (
                    id {id},
                    unit_code TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    name TEXT NOT NULL,
                    contact TEXT NOT NULL,
                    updated_at {ts} NOT NULL,
                    UNIQUE (unit_code, kind)
                )"
            ),
            "CREATE TABLE signal_category (
                code TEXT PRIMARY KEY,
                label_nl TEXT NOT NULL,
                label_en TEXT NOT NULL,
                position INTEGER NOT NULL,
                active BOOLEAN NOT NULL DEFAULT TRUE
            )"
            .to_string(),
            format!(
                "CREATE TABLE conversation (
                    id TEXT PRIMARY KEY,
                    team_code TEXT NOT NULL,
                    unit_code TEXT NOT NULL,
                    held_on DATE NOT NULL,
                    participants INTEGER NOT NULL CHECK (participants > 0),
                    temperatures TEXT NOT NULL,
                    signals TEXT NOT NULL,
                    actions TEXT NOT NULL,
                    help_offered TEXT NOT NULL,
                    account_id BIGINT NOT NULL REFERENCES account(id),
                    locale TEXT NOT NULL,
                    recorded_at {ts} NOT NULL,
                    follow_up_on DATE NOT NULL,
                    follow_up_mailed_at {ts},
                    followed_up_on DATE,
                    follow_up_result TEXT CHECK (follow_up_result IN ('done', 'partly', 'not_yet')),
                    follow_up_note TEXT
                )"
            ),
            "CREATE INDEX conversation_team ON conversation(team_code, held_on)".to_string(),
            // The analysis of a poll's closed waves, computed once and kept until another
            // wave of it closes (`closed_waves`: the ids it was computed from).
            format!(
                "CREATE TABLE poll_result (
                    poll_id TEXT PRIMARY KEY REFERENCES poll(id),
                    closed_waves TEXT NOT NULL,
                    results TEXT NOT NULL,
                    computed_at {ts} NOT NULL
                )"
            ),
            "CREATE INDEX conversation_unit ON conversation(unit_code, held_on)".to_string(),
            "CREATE INDEX conversation_follow_up ON conversation(follow_up_on)".to_string(),
        ] {
            db.execute_unprepared(&sql).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for t in [
            "poll_result",
            "conversation",
            "signal_category",
            "help_route",
            "kit_document",
        ] {
            db.execute_unprepared(&format!("DROP TABLE {t}")).await?;
        }
        Ok(())
    }
}
