//! The one service layer (server only, behind the `ssr` feature). Every edge of the product —
//! pages and server functions, the respondent's HTTP handlers, the REST API, the CLI,
//! background jobs and the demo generator — calls these functions; nothing else touches the
//! database.
//!
//! One module per resource. Each function is shaped
//! `async fn(&Store, &Actor, Input) -> Result<T, ServiceError>`: the [`Actor`] says who asks
//! (so authorisation cannot be forgotten), reads go through [`Store::read`], writes through
//! [`Store::write`] (the SQLite writer rule and the transaction in one value), and every
//! failure is a [`ServiceError`] carrying message keys, never words or database text.

pub mod accounts;
pub mod actor;
pub mod api_tokens;
pub mod audit;
pub mod backup;
pub mod cache;
pub mod commit;
pub mod conversations;
pub mod dashboard;
pub mod entities;
pub mod error;
pub mod handouts;
pub mod http;
pub mod imports;
pub mod indicators;
pub mod invitations;
pub mod kit;
pub mod mail;
pub mod organisation;
pub mod polls;
pub mod progress;
pub mod questions;
pub mod recoding;
pub mod report;
pub mod responses;
pub mod results;
pub mod roster;
pub mod samples;
pub mod sealing;
pub mod sessions;
pub mod store;
pub mod team_results;
pub mod tokens;
pub mod waves;

pub use actor::{Actor, Permission, Role};
pub use error::{Refusal, ServiceError};
pub use store::{Read, Store, Write};

/// Today's date (UTC): the day on which a wave opens or closes is a date, never a time.
pub fn today() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}
