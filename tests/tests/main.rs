//! End-to-end tests against the real `polsslag` binary, in one test binary: durability under
//! `kill -9`, the command line's language, and a respondent in headless Chromium with and
//! without JavaScript, in Dutch and in English.

mod api;
mod browser;
mod cli;
mod durability;
// The router's routes, read from its source, shared as a file with the server's tests.
#[path = "../../server/tests/common/routes.rs"]
mod routes;
// The SMTP sink of the server's integration tests, shared as a file.
#[path = "../../server/tests/common/smtp.rs"]
mod smtp;
