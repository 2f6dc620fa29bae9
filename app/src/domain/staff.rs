//! What the pages of people with an account need to render (issue #10): the login form and
//! the home page of each role. Filled on the server from the service layer, carried to the
//! browser for hydration; nothing here is secret beyond what the page shows.

use super::{Localized, PollKind, Role, WaveStatus};
use crate::i18n::Message;
use serde::{Deserialize, Serialize};

/// The name of the form field that carries the session's form token.
pub const CSRF_FIELD: &str = "_csrf";

/// The login page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginView {
    /// What was typed, shown again after a refusal (never the password).
    pub email: String,
    /// Why the last attempt was refused.
    pub error: Option<Message>,
    pub csrf: String,
}

/// Who is logged in, for the header of every page of the workspace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffNav {
    pub email: String,
    pub role: Role,
    pub csrf: String,
}

/// One wave in the poll list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaveRow {
    pub label: String,
    pub status: WaveStatus,
    /// ISO dates.
    pub opens_on: String,
    pub closes_on: String,
    pub invited: i32,
}

/// One poll with its waves.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollRow {
    pub title: Localized,
    pub kind: PollKind,
    pub waves: Vec<WaveRow>,
}

/// One account in the administrator's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRow {
    pub email: String,
    pub role: Role,
    pub scope: Option<String>,
    pub raw_data: bool,
    pub active: bool,
    pub locked: bool,
}

/// A part of the organisation with its headcount; `None` when fewer than `k` work there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitRow {
    pub code: String,
    pub name: String,
    pub headcount: Option<u32>,
}

/// The page a person with an account sees, by role.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StaffPage {
    Login(LoginView),
    /// `/hrm`: every poll with the status of each wave.
    Hrm {
        nav: StaffNav,
        polls: Vec<PollRow>,
    },
    /// `/beheer`: the accounts.
    Admin {
        nav: StaffNav,
        accounts: Vec<AccountRow>,
    },
    /// `/leiding`: the manager's part of the organisation and the teams in it.
    Manager {
        nav: StaffNav,
        unit: UnitRow,
        teams: Vec<UnitRow>,
        /// The threshold below which a headcount is not shown.
        k: u32,
    },
}
