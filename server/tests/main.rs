//! The server's integration tests, in one binary (link time dominates CI): the respondent
//! path, anonymity, concurrency, the analysis bundle and the house rules, each on SQLite and
//! PostgreSQL.

#[macro_use]
mod common;
mod access;
mod accounts;
mod anonymity;
mod backup;
mod concurrency;
mod conversations;
mod csrf;
mod dashboard;
mod escaping;
mod export;
mod faults;
mod house;
mod hrm;
mod imports;
mod limits;
mod log;
mod mail;
mod recoding;
mod report;
mod respondent;
mod samples;
mod sealing;
mod sessions;
mod several;
