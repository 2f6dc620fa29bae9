//! The server's integration tests, in one binary (link time dominates CI): the respondent
//! path, anonymity, concurrency and the analysis bundle, each on SQLite and PostgreSQL.

mod anonymity;
mod common;
mod concurrency;
mod export;
mod respondent;
