//! sea-orm entities, one module per table of `migrations` (the schema is defined there).
//! Columns with a fixed vocabulary are the domain's string enums, identifiers its newtypes;
//! JSON columns stay text here and are parsed (or refused) by the service that reads them.

pub mod org_unit {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "org_unit")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub parent_id: Option<i64>,
        pub level: crate::domain::OrgLevel,
        pub code: String,
        pub name: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod employee {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "employee")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub employee_number: String,
        pub name: String,
        pub email: String,
        pub team_id: i64,
        pub unit_code: String,
        pub district_code: Option<String>,
        pub team_code: String,
        pub age_band: String,
        pub role_group: String,
        pub tenure_band: String,
        pub is_manager: bool,
        pub active: bool,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod theme {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "theme")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub code: String,
        pub name_nl: String,
        pub name_en: String,
        pub description_nl: String,
        pub description_en: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod question {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "question")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub code: String,
        pub theme_code: String,
        pub kind: crate::domain::QuestionKind,
        pub text_nl: String,
        pub text_en: String,
        pub reversed: bool,
        pub dont_know: bool,
        pub required: bool,
        pub sensitive: bool,
        pub scale_min: Option<i32>,
        pub scale_max: Option<i32>,
        pub spec: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod poll_template {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "poll_template")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub code: String,
        pub kind: crate::domain::PollKind,
        pub name_nl: String,
        pub name_en: String,
        pub intro_nl: String,
        pub intro_en: String,
        pub pages: String,
        pub attributes: String,
        pub min_group: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod poll {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "poll")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: crate::domain::PollId,
        pub template_code: Option<String>,
        pub kind: crate::domain::PollKind,
        pub title_nl: String,
        pub title_en: String,
        pub intro_nl: String,
        pub intro_en: String,
        pub pages: String,
        pub attributes: String,
        pub min_group: i32,
        /// JSON array of the codes required in this poll; `None`: as the bank says.
        pub required: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod wave {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "wave")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: crate::domain::WaveId,
        pub poll_id: crate::domain::PollId,
        pub label: String,
        pub opens_on: TimeDate,
        pub closes_on: TimeDate,
        pub status: crate::domain::WaveStatus,
        pub invited: i32,
        /// JSON of `recoding::Report`: which attributes were generalised for whom, and why.
        pub recoding: Option<String>,
        /// JSON list of organisation codes the wave is for; `None`: the whole organisation.
        pub audience: Option<String>,
        /// When the personal links were downloaded for a mail merge (only once).
        pub links_exported_at: Option<TimeDateTimeWithTimeZone>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod invitation {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "invitation")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub wave_id: crate::domain::WaveId,
        pub employee_id: i64,
        pub token_hash: String,
        pub completed: bool,
        /// JSON of `responses::Attributes`: what this invitee's response carries.
        pub attributes: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod open_link {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "open_link")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub wave_id: crate::domain::WaveId,
        pub token_hash: String,
        pub org_unit_id: Option<i64>,
        pub label: String,
        /// Where in the organisation the link's responses are reported (at least k people).
        pub reported_org_unit_id: Option<i64>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod form_nonce {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "form_nonce")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub hash: String,
        pub wave_id: crate::domain::WaveId,
        pub expires_on: TimeDate,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod response_buffer {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "response_buffer")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub wave_id: crate::domain::WaveId,
        pub unit: Option<String>,
        pub district: Option<String>,
        pub team: Option<String>,
        pub age_band: Option<String>,
        pub role_group: Option<String>,
        pub tenure_band: Option<String>,
        pub answers: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod response {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "response")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub wave_id: crate::domain::WaveId,
        pub unit: Option<String>,
        pub district: Option<String>,
        pub team: Option<String>,
        pub age_band: Option<String>,
        pub role_group: Option<String>,
        pub tenure_band: Option<String>,
        pub answers: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod audit_log {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "audit_log")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub at: TimeDateTimeWithTimeZone,
        pub actor: String,
        pub action: String,
        pub object: String,
        pub detail: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod sealed_response {
    use sea_orm::entity::prelude::*;

    /// One submission's attributes and answers, sealed until its wave closes
    /// (`services::sealing`).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "sealed_response")]
    pub struct Model {
        /// The row's place in the table (appended; see migration 10).
        #[sea_orm(primary_key)]
        pub seq: i64,
        pub wave_id: crate::domain::WaveId,
        /// Nonce (24 bytes) ‖ ciphertext, one size per poll.
        pub sealed: Vec<u8>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod sealing_key {
    use sea_orm::entity::prelude::*;

    /// The fingerprint of the key that seals this database's answers.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "sealing_key")]
    pub struct Model {
        /// Always 1: one key per database.
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: i32,
        pub fingerprint: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod account {
    use sea_orm::entity::prelude::*;

    /// Someone who works in Polsslag (`services::accounts`). The password only as its
    /// argon2id hash.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "account")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        /// Lower case, trimmed.
        pub email: String,
        pub password_hash: String,
        pub role: crate::domain::Role,
        /// A manager's organisation unit code.
        pub scope: Option<String>,
        /// May read open text and raw bundles (HRM).
        pub raw_data: bool,
        pub failed_logins: i32,
        pub locked_until: Option<TimeDateTimeWithTimeZone>,
        pub active: bool,
        pub created_at: TimeDateTimeWithTimeZone,
        /// Raised by a password change: sessions of an older epoch end.
        pub session_epoch: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod web_session {
    use sea_orm::entity::prelude::*;

    /// One browser session of an account (`services::sessions`).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "web_session")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        /// The session's data as JSON.
        pub data: String,
        /// Unix seconds.
        pub expires_at: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod import_upload {
    use sea_orm::entity::prelude::*;

    /// An uploaded organisation or roster file between its dry run and its import
    /// (`services::imports`).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "import_upload")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub account_id: i64,
        /// `organisation` or `roster`.
        pub kind: String,
        pub file_name: String,
        pub content: Vec<u8>,
        pub created_at: TimeDateTimeWithTimeZone,
        /// A roster's reference date, fixed at its dry run.
        pub reference_date: Option<TimeDate>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod roster_snapshot {
    use sea_orm::entity::prelude::*;

    /// The roster as one import left it, on its reference date (counts in
    /// [`super::roster_snapshot_count`]).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "roster_snapshot")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub taken_on: TimeDate,
        pub imported_at: TimeDateTimeWithTimeZone,
        /// `csv`, `xlsx`, `api` or `cli`.
        pub source: String,
        pub employees: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod roster_snapshot_count {
    use sea_orm::entity::prelude::*;

    /// Active employees of one snapshot with one combination of reporting attributes.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "roster_snapshot_count")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub snapshot_id: i64,
        pub unit_code: String,
        pub district_code: Option<String>,
        pub team_code: String,
        pub age_band: String,
        pub role_group: String,
        pub tenure_band: String,
        pub employees: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod api_token {
    use sea_orm::entity::prelude::*;

    /// A token an automated client sends as `Authorization: Bearer …`, acting as its account
    /// (`services::api_tokens`). Only its SHA-256 is stored.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "api_token")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub account_id: i64,
        pub name: String,
        pub token_hash: String,
        pub created_at: TimeDateTimeWithTimeZone,
        pub last_used_on: Option<TimeDate>,
        pub revoked: bool,
        /// The account's session epoch when the token was made: a password change or a
        /// switch-off (which raise it) stops the token.
        pub epoch: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod wave_sample {
    use sea_orm::entity::prelude::*;

    /// How a wave's stratified sample was drawn (`services::samples`).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "wave_sample")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub wave_id: crate::domain::WaveId,
        pub total: i32,
        /// `proportional` or `minimum`.
        pub allocation: String,
        pub minimum: Option<i32>,
        /// The seed, a u64 in decimal.
        pub seed: String,
        pub exclude_months: Option<i32>,
        /// Hex SHA-256 of the frame, stratum by stratum, in employee-number order.
        pub frame_digest: String,
        pub drawn_on: TimeDate,
        pub drawn_at: TimeDateTimeWithTimeZone,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod wave_stratum {
    use sea_orm::entity::prelude::*;

    /// A stratum of a sampled wave, with its population frozen at the draw.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "wave_stratum")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub wave_id: crate::domain::WaveId,
        pub unit_code: String,
        pub age_band: String,
        pub population: i32,
        pub frame: i32,
        pub planned: i32,
        pub drawn: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod mail_template {
    use sea_orm::entity::prelude::*;

    /// A wave's invitation or reminder message, as HRM edited it.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "mail_template")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub wave_id: crate::domain::WaveId,
        /// `invitation` or `reminder`.
        #[sea_orm(primary_key, auto_increment = false)]
        pub kind: String,
        pub subject_nl: String,
        pub body_nl: String,
        pub subject_en: String,
        pub body_en: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod mailing {
    use sea_orm::entity::prelude::*;

    /// One sending of a wave's invitations or of a reminder, with its counts.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "mailing")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub wave_id: crate::domain::WaveId,
        /// `invitation` or `reminder`.
        pub kind: String,
        pub due_on: TimeDate,
        /// `scheduled`, `queued`, `done` or `cancelled`.
        pub state: String,
        pub queued: i32,
        pub sent: i32,
        pub failed: i32,
        pub created_at: TimeDateTimeWithTimeZone,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod mail_job {
    use sea_orm::entity::prelude::*;

    /// A message waiting to be sent.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "mail_job")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub mailing_id: i64,
        pub invitation_id: String,
        pub attempts: i32,
        pub next_attempt_at: TimeDateTimeWithTimeZone,
        pub lease_until: Option<TimeDateTimeWithTimeZone>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod wave_progress {
    use sea_orm::entity::prelude::*;

    /// How many of an open wave's invitees had answered on a day (`services::progress`).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "wave_progress")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub wave_id: crate::domain::WaveId,
        #[sea_orm(primary_key, auto_increment = false)]
        pub day: TimeDate,
        pub answered: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod kit_document {
    use sea_orm::entity::prelude::*;

    /// One version of a document of the thermometer-conversation kit (`services::kit`):
    /// Dutch and English Markdown. Versions are only ever added.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "kit_document")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub kind: crate::domain::KitKind,
        pub version: i32,
        pub body_nl: String,
        pub body_en: String,
        pub created_at: TimeDateTimeWithTimeZone,
        /// The actor as the audit log names it (`account:7`, `system`).
        pub created_by: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod help_route {
    use sea_orm::entity::prelude::*;

    /// Where help is, for one unit (`unit_code` empty: the whole organisation).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "help_route")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub unit_code: String,
        pub kind: crate::domain::HelpKind,
        pub name: String,
        pub contact: String,
        pub updated_at: TimeDateTimeWithTimeZone,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod signal_category {
    use sea_orm::entity::prelude::*;

    /// A kind of signal a manager may have heard in a conversation (HRM's list).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "signal_category")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub code: String,
        pub label_nl: String,
        pub label_en: String,
        pub position: i32,
        pub active: bool,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod conversation {
    use sea_orm::entity::prelude::*;

    /// One thermometer conversation as its manager recorded it (`services::conversations`).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "conversation")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub team_code: String,
        /// The team's unit when it was recorded (the sfeerbeeld counts per unit).
        pub unit_code: String,
        pub held_on: TimeDate,
        pub participants: i32,
        /// JSON object: theme code → temperature 1–5 (themes not discussed are absent).
        pub temperatures: String,
        /// JSON list of signal category codes.
        pub signals: String,
        pub actions: String,
        /// JSON list of help route kinds.
        pub help_offered: String,
        pub account_id: i64,
        /// The language it was recorded in (`nl`, `en`): the follow-up reminder's.
        pub locale: String,
        pub recorded_at: TimeDateTimeWithTimeZone,
        /// When the follow-up falls due (four weeks after the conversation).
        pub follow_up_on: TimeDate,
        pub follow_up_mailed_at: Option<TimeDateTimeWithTimeZone>,
        pub followed_up_on: Option<TimeDate>,
        pub follow_up_result: Option<crate::domain::FollowUpResult>,
        pub follow_up_note: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod poll_result {
    use sea_orm::entity::prelude::*;

    /// The analysis of a set of a poll's closed waves (`results.json`, as `analysis` writes
    /// it): all of them for the pages, those up to a half year for its sociaal jaarbeeld
    /// (`services::team_results`). A closed wave's responses do not change, so a row holds
    /// until an import of history into one of its waves removes the poll's rows.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "poll_result")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub poll_id: crate::domain::PollId,
        /// The shape of the results and the ids of the waves analysed, sorted,
        /// comma-separated (`r2:W1,W2`).
        #[sea_orm(primary_key, auto_increment = false)]
        pub closed_waves: String,
        pub results: String,
        pub computed_at: TimeDateTimeWithTimeZone,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod indicator {
    use sea_orm::entity::prelude::*;

    /// An indicator from outside the polls (`services::indicators`).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "indicator")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub code: String,
        pub name_nl: String,
        pub name_en: String,
        pub definition_nl: String,
        pub definition_en: String,
        pub source: String,
        pub kind: crate::domain::IndicatorKind,
        /// Whether a value counts people (then one under the threshold is never shown).
        pub people: bool,
        /// The survey theme it stands beside; empty for none.
        pub theme_code: String,
        pub active: bool,
        pub position: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod indicator_value {
    use sea_orm::entity::prelude::*;

    /// One value of an indicator for a unit (empty: the organisation) and half year.
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "indicator_value")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub indicator_code: String,
        #[sea_orm(primary_key, auto_increment = false)]
        pub unit_code: String,
        #[sea_orm(primary_key, auto_increment = false)]
        pub period: String,
        pub value: f64,
        pub recorded_by: String,
        pub recorded_at: TimeDateTimeWithTimeZone,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
