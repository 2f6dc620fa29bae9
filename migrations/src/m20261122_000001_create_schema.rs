//! The first schema: organisation tree, roster, question bank, polls and waves, the
//! respondent's ways in (invitations, open links, form nonces), responses and the audit log.
//!
//! Anonymity (DESIGN.md, methodology.md A4) shapes the response tables:
//! - `response` and `response_buffer` have a random text key and no timestamp, token,
//!   invitee, IP address or user agent;
//! - on SQLite they are `WITHOUT ROWID`, so rows are stored in key order (random), not in
//!   arrival order; on PostgreSQL the physical order is scrambled when a wave closes
//!   (the server rewrites the wave's rows in random order and runs `VACUUM FULL`);
//! - `invitation` keeps only a hash of the token and a `completed` flag, never a time.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261122_000001_create_schema"
    }
}

/// Statements shared by both backends. `{ID}` is an auto-increment integer key, `{TS}` a
/// timestamp type, `{WR}` the clause that keeps a table out of arrival order on SQLite.
const SCHEMA: &str = r#"
CREATE TABLE org_unit (
    id {ID},
    parent_id BIGINT REFERENCES org_unit(id),
    level TEXT NOT NULL CHECK (level IN ('organisation', 'unit', 'district', 'team')),
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);
CREATE INDEX org_unit_parent ON org_unit(parent_id);

CREATE TABLE employee (
    id {ID},
    employee_number TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    team_id BIGINT NOT NULL REFERENCES org_unit(id),
    unit_code TEXT NOT NULL,
    district_code TEXT,
    team_code TEXT NOT NULL,
    age_band TEXT NOT NULL,
    role_group TEXT NOT NULL,
    tenure_band TEXT NOT NULL,
    is_manager BOOLEAN NOT NULL DEFAULT FALSE,
    active BOOLEAN NOT NULL DEFAULT TRUE
);
CREATE INDEX employee_team ON employee(team_id);

CREATE TABLE theme (
    code TEXT PRIMARY KEY,
    name_nl TEXT NOT NULL,
    name_en TEXT NOT NULL,
    description_nl TEXT NOT NULL,
    description_en TEXT NOT NULL
);

CREATE TABLE question (
    code TEXT PRIMARY KEY,
    theme_code TEXT NOT NULL REFERENCES theme(code),
    kind TEXT NOT NULL CHECK (kind IN ('likert', 'single', 'multi', 'scale010', 'text')),
    text_nl TEXT NOT NULL,
    text_en TEXT NOT NULL,
    reversed BOOLEAN NOT NULL DEFAULT FALSE,
    dont_know BOOLEAN NOT NULL DEFAULT FALSE,
    required BOOLEAN NOT NULL DEFAULT TRUE,
    sensitive BOOLEAN NOT NULL DEFAULT FALSE,
    scale_min INTEGER,
    scale_max INTEGER,
    spec TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE poll_template (
    code TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('flash', 'monitor')),
    name_nl TEXT NOT NULL,
    name_en TEXT NOT NULL,
    intro_nl TEXT NOT NULL,
    intro_en TEXT NOT NULL,
    pages TEXT NOT NULL,
    attributes TEXT NOT NULL,
    min_group INTEGER NOT NULL CHECK (min_group >= 5)
);

CREATE TABLE poll (
    id TEXT PRIMARY KEY,
    template_code TEXT REFERENCES poll_template(code),
    kind TEXT NOT NULL CHECK (kind IN ('flash', 'monitor')),
    title_nl TEXT NOT NULL,
    title_en TEXT NOT NULL,
    intro_nl TEXT NOT NULL,
    intro_en TEXT NOT NULL,
    pages TEXT NOT NULL,
    attributes TEXT NOT NULL,
    min_group INTEGER NOT NULL CHECK (min_group >= 5)
);

CREATE TABLE wave (
    id TEXT PRIMARY KEY,
    poll_id TEXT NOT NULL REFERENCES poll(id),
    label TEXT NOT NULL,
    opens_on DATE NOT NULL,
    closes_on DATE NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'open', 'closed')),
    invited INTEGER NOT NULL DEFAULT 0,
    UNIQUE (poll_id, label)
);

CREATE TABLE invitation (
    id TEXT PRIMARY KEY,
    wave_id TEXT NOT NULL REFERENCES wave(id),
    employee_id BIGINT NOT NULL REFERENCES employee(id),
    token_hash TEXT NOT NULL UNIQUE,
    completed BOOLEAN NOT NULL DEFAULT FALSE,
    UNIQUE (wave_id, employee_id)
){WR};

CREATE TABLE open_link (
    id TEXT PRIMARY KEY,
    wave_id TEXT NOT NULL REFERENCES wave(id),
    token_hash TEXT NOT NULL UNIQUE,
    org_unit_id BIGINT REFERENCES org_unit(id),
    label TEXT NOT NULL
);

CREATE TABLE form_nonce (
    hash TEXT PRIMARY KEY,
    wave_id TEXT NOT NULL REFERENCES wave(id),
    expires_on DATE NOT NULL
){WR};

CREATE TABLE response_buffer (
    {RESPONSE_COLUMNS}
){WR};
CREATE INDEX response_buffer_wave ON response_buffer(wave_id);

CREATE TABLE response (
    {RESPONSE_COLUMNS}
){WR};
CREATE INDEX response_wave ON response(wave_id);

CREATE TABLE audit_log (
    id {ID},
    at {TS} NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    object TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
"#;

const DROP: &str = "DROP TABLE audit_log; DROP TABLE response; DROP TABLE response_buffer; \
    DROP TABLE form_nonce; DROP TABLE open_link; DROP TABLE invitation; DROP TABLE wave; \
    DROP TABLE poll; DROP TABLE poll_template; DROP TABLE question; DROP TABLE theme; \
    DROP TABLE employee; DROP TABLE org_unit;";

/// The columns of `response_buffer` and `response`: a response moves from one to the other
/// unchanged but for a new random key.
const RESPONSE_COLUMNS: &str = "id TEXT PRIMARY KEY,
    wave_id TEXT NOT NULL REFERENCES wave(id),
    unit TEXT,
    district TEXT,
    team TEXT,
    age_band TEXT,
    role_group TEXT,
    tenure_band TEXT,
    answers TEXT NOT NULL";

fn schema_for(backend: DatabaseBackend) -> String {
    let (id, ts, wr) = match backend {
        DatabaseBackend::Sqlite => (
            "INTEGER PRIMARY KEY AUTOINCREMENT",
            "TEXT",
            " WITHOUT ROWID",
        ),
        _ => ("BIGSERIAL PRIMARY KEY", "TIMESTAMPTZ", ""),
    };
    SCHEMA
        .replace("{RESPONSE_COLUMNS}", RESPONSE_COLUMNS)
        .replace("{ID}", id)
        .replace("{TS}", ts)
        .replace("{WR}", wr)
}

fn statements(sql: &str) -> impl Iterator<Item = &str> {
    sql.split(';').map(str::trim).filter(|s| !s.is_empty())
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let sql = schema_for(manager.get_database_backend());
        for stmt in statements(&sql) {
            db.execute_unprepared(stmt).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for stmt in statements(DROP) {
            db.execute_unprepared(stmt).await?;
        }
        Ok(())
    }
}
