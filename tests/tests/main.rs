//! End-to-end tests against the real `polsslag` binary, in one test binary: durability under
//! `kill -9`, and a respondent in headless Chromium with and without JavaScript.

mod browser;
mod durability;
