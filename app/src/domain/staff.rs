//! What the pages of people with an account need to render (issue #10): the login form and
//! the home page of each role. Filled on the server from the service layer, carried to the
//! browser for hydration; nothing here is secret beyond what the page shows.

use super::{
    ConversationForm, ConversationRow, ConversationView, FollowUpForm, HelpRouteRow, KitDocView,
    KitDraft, KitKind, KitVersionRow, Localized, PollKind, PollResultsView, Role, SfeerbeeldView,
    SignalRow, WaveStatus,
};
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
    pub id: String,
    /// Organisation codes the wave is for; empty: the whole organisation.
    pub audience: Vec<String>,
    /// Active employees in the audience; `None` when not counted, or fewer than k.
    pub audience_size: Option<u32>,
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
    pub id: String,
    pub title: Localized,
    pub kind: PollKind,
    pub waves: Vec<WaveRow>,
}

/// One account in the administrator's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRow {
    pub id: i64,
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum StaffPage {
    Login(LoginView),
    /// `/hrm`: every poll with the status of each wave.
    Hrm {
        nav: StaffNav,
        polls: Vec<PollRow>,
    },
    /// `/beheer`: the accounts, and the form for a new one.
    Admin {
        nav: StaffNav,
        accounts: Vec<AccountRow>,
        /// What the new-account form holds (shown again after a refusal).
        form: AccountForm,
        /// Refused fields of that form.
        errors: Vec<(String, Message)>,
        /// An account just made: its address and one-time password, shown this once.
        created: Option<(String, String)>,
    },
    /// `/account`: the logged-in person's own account (the password).
    Account {
        nav: StaffNav,
        /// The password was just changed.
        changed: bool,
        errors: Vec<(String, Message)>,
    },
    /// `/beheer/organisatie`: the tree with headcounts, and its import.
    Organisation {
        nav: StaffNav,
        tree: Vec<OrgNode>,
        k: u32,
        report: Option<ImportReport>,
    },
    /// `/beheer/personeel`: the roster's size and snapshots, and its import.
    Roster {
        nav: StaffNav,
        active: u32,
        snapshots: Vec<SnapshotRow>,
        report: Option<ImportReport>,
        /// ISO date the import's bands and snapshot are computed for.
        reference_date: String,
        /// A refused form field (the file or the date) with its message.
        error: Option<(String, Message)>,
    },
    /// `/beheer/audit`: the audit log, filtered.
    Audit {
        nav: StaffNav,
        filter: AuditFilter,
        rows: Vec<AuditRow>,
        /// How many entries match (the page shows at most a fixed number).
        total: u64,
        error: Option<(String, Message)>,
    },
    /// `/beheer/tokens`: the account's API tokens.
    Tokens {
        nav: StaffNav,
        tokens: Vec<TokenRow>,
        /// A token just made, shown this once.
        created: Option<String>,
        error: Option<Message>,
    },
    /// `/hrm/nieuwe-peiling`: start a poll from a template, or put one together from the
    /// question bank.
    NewPoll {
        nav: StaffNav,
        templates: Vec<TemplateRow>,
        /// Why the template form was refused.
        error: Option<Message>,
        bank: Vec<BankQuestionRow>,
        draft: PollDraft,
        /// Refused fields of the poll put together.
        errors: Vec<(String, Message)>,
    },
    /// `/hrm/peilingen/{id}/bewerken`: change a poll while no wave has answers.
    EditPoll {
        nav: StaffNav,
        id: String,
        /// The poll's title in the reader's language.
        title: String,
        bank: Vec<BankQuestionRow>,
        draft: PollDraft,
        errors: Vec<(String, Message)>,
    },
    /// `/hrm/vragenbank`: the question bank, and a question of one's own.
    Bank {
        nav: StaffNav,
        themes: Vec<(String, Localized)>,
        bank: Vec<BankQuestionRow>,
        form: QuestionDraft,
        errors: Vec<(String, Message)>,
        /// The code of a question just added.
        added: Option<String>,
    },
    /// `/hrm/peilingen/{id}`: a poll, its questions and waves.
    Poll {
        nav: StaffNav,
        poll: PollDetail,
        /// The units an audience can be chosen from: `(code, name)`.
        units: Vec<(String, String)>,
        form: WaveForm,
        /// A refused field of the new-wave form, or of a wave action (`wave`).
        error: Option<(String, Message)>,
    },
    /// `/hrm/golven/{id}/teamlinks`: the team links just made (shown this once).
    TeamLinks {
        nav: StaffNav,
        poll_id: String,
        title: Localized,
        wave: String,
        links: Vec<TeamLink>,
    },
    /// `/hrm/golven/{id}`: a wave — its sample or audience, its invitations by e-mail and
    /// reminders, and the live response.
    Wave {
        nav: StaffNav,
        wave: Box<WaveView>,
        form: SampleForm,
        /// A refused field (of any of the page's forms) or action (`wave`), with its message.
        error: Option<(String, Message)>,
    },
    /// `/leiding`: the manager's part of the organisation and the teams in it, the
    /// follow-ups that are due and the latest conversations.
    Manager {
        nav: StaffNav,
        unit: UnitRow,
        teams: Vec<UnitRow>,
        /// The threshold below which a headcount is not shown.
        k: u32,
        due: Vec<ConversationRow>,
        recent: Vec<ConversationRow>,
    },
    /// `/leiding/gesprekken/nieuw`: record a thermometer conversation.
    NewConversation {
        nav: StaffNav,
        teams: Vec<UnitRow>,
        signals: Vec<SignalRow>,
        form: ConversationForm,
        errors: Vec<(String, Message)>,
        /// The text may hold a name or an e-mail address: shown before it is stored.
        warning: Option<Message>,
    },
    /// `/leiding/gesprekken/{id}`: a recorded conversation and its follow-up.
    Conversation {
        nav: StaffNav,
        view: Box<ConversationView>,
        form: FollowUpForm,
        errors: Vec<(String, Message)>,
        warning: Option<Message>,
        /// What was just stored: `"conversation"` or `"follow-up"`.
        saved: Option<String>,
    },
    /// `/leiding/handreiking`: the kit to read (every account), with the handouts to
    /// download for the reader's teams.
    Kit {
        nav: StaffNav,
        docs: Vec<KitDocView>,
        routes: Vec<HelpRouteRow>,
        teams: Vec<UnitRow>,
    },
    /// `/hrm/gesprekskit`: HRM edits a document of the kit (every save a new version).
    KitEdit {
        nav: StaffNav,
        kind: KitKind,
        current: KitDocView,
        draft: KitDraft,
        versions: Vec<KitVersionRow>,
        errors: Vec<(String, Message)>,
        /// The version just saved.
        saved: Option<i32>,
    },
    /// `/hrm/gesprekskit/hulp`: the help routes of one unit (or the whole organisation).
    HelpRoutes {
        nav: StaffNav,
        /// Units to choose from: `(code, name)`.
        units: Vec<(String, String)>,
        /// The unit shown; empty for the whole organisation.
        unit: String,
        routes: Vec<HelpRouteRow>,
        errors: Vec<(String, Message)>,
        saved: bool,
    },
    /// `/hrm/gesprekskit/signalen`: the signal categories managers tick.
    Signals {
        nav: StaffNav,
        rows: Vec<SignalRow>,
        /// The new-category form: code, Dutch label, English label.
        form: (String, String, String),
        errors: Vec<(String, Message)>,
    },
    /// `/leiding/resultaten`: the results of closed waves for the manager's part of the
    /// organisation.
    TeamResults {
        nav: StaffNav,
        /// The name of the manager's part.
        scope: String,
        polls: Vec<PollResultsView>,
    },
    /// `/hrm/sfeerbeeld`: what the conversations say, per unit and quarter.
    Sfeerbeeld {
        nav: StaffNav,
        view: Box<SfeerbeeldView>,
    },
    /// `/hrm/jaarbeeld`: the sociaal jaarbeeld to download, for the half years with a
    /// closed wave (newest first).
    Report {
        nav: StaffNav,
        periods: Vec<super::Period>,
    },
    /// `/hrm/dashboard`: a poll's published figures for one group (`None` while no wave of
    /// any poll is closed).
    Dashboard {
        nav: StaffNav,
        view: Option<Box<super::DashboardView>>,
    },
    /// `/hrm/indicatoren`: the indicators from outside the polls, a form to define one and
    /// one to record values from CSV.
    Indicators {
        nav: StaffNav,
        rows: Vec<super::IndicatorRow>,
        /// The bank's themes, to choose the one an indicator stands beside.
        themes: Vec<(String, Localized)>,
        draft: super::IndicatorDraft,
        csv: String,
        errors: Vec<(String, Message)>,
        /// How many values the last import recorded.
        imported: Option<u64>,
    },
    /// `/coordinatie`: a unit's coordinator records the unit's indicators, one value at a
    /// time or from CSV.
    Coordinator {
        nav: StaffNav,
        view: Box<super::UnitIndicatorsView>,
        draft: super::IndicatorValueDraft,
        csv: String,
        errors: Vec<(String, Message)>,
        /// How many values the last form recorded.
        recorded: Option<u64>,
    },
}

/// Which file an import reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportKind {
    /// The organisation tree: organisation > unit > district > team.
    Organisation,
    /// The employee roster.
    Roster,
}

impl ImportKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ImportKind::Organisation => "organisation",
            ImportKind::Roster => "roster",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "organisation" => Some(ImportKind::Organisation),
            "roster" => Some(ImportKind::Roster),
            _ => None,
        }
    }
}

/// One thing wrong with an import file, where a spreadsheet user finds it: the row as the
/// spreadsheet numbers it (the header is row 1) and the column as the file names it. `None`
/// for a problem of the whole file (a missing column) or of a whole row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProblem {
    pub row: Option<u32>,
    pub column: Option<String>,
    pub message: Message,
}

/// What an import would do (a dry run) or did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSummary {
    /// Rows read (empty rows not counted).
    pub rows: u32,
    /// Employees or nodes that are new.
    pub added: u32,
    /// Existing ones whose data changes.
    pub updated: u32,
    /// Existing ones that stay as they are.
    pub unchanged: u32,
    /// Former employees who are back.
    pub reactivated: u32,
    /// Active employees missing from the file, or with an end date passed: made inactive,
    /// never deleted.
    pub deactivated: u32,
    /// Nodes of the tree that the file does not mention (kept as they are).
    pub untouched: u32,
}

/// The result of checking (and perhaps applying) an import file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    pub kind: ImportKind,
    pub file_name: String,
    /// Every problem found; the import is applied only when there are none.
    pub problems: Vec<ImportProblem>,
    pub summary: ImportSummary,
    /// Whether the import was applied (false for a dry run or when there were problems).
    pub applied: bool,
    /// The stored upload to apply after a clean dry run in the browser.
    pub upload: Option<String>,
}

/// One node of the organisation tree with the active employees under it; `None` when fewer
/// than `k` (DESIGN.md: counts under k are shown as "< k").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgNode {
    pub code: String,
    pub name: String,
    pub level: super::OrgLevel,
    pub headcount: Option<u32>,
    pub children: Vec<OrgNode>,
}

/// One roster snapshot in the administrator's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotRow {
    /// ISO date the snapshot describes.
    pub taken_on: String,
    /// `csv`, `xlsx`, `api` or `cli`.
    pub source: String,
    pub employees: u32,
}

/// One entry of the audit log as an administrator sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    /// UTC, `YYYY-MM-DD HH:MM:SS`.
    pub at: String,
    /// `account:ID (e-mail)`, `cli`, `system`.
    pub actor: String,
    pub action: String,
    pub object: String,
    pub detail: String,
}

/// The filter of the audit-log page (every field optional; dates ISO, inclusive).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    pub actor: String,
    pub action: String,
    pub from: String,
    pub to: String,
}

/// One API token of the logged-in account (never the token itself, which is shown once).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenRow {
    pub id: i64,
    pub name: String,
    /// ISO date.
    pub created_on: String,
    pub last_used_on: Option<String>,
}

/// One question of a poll as HRM reviews it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollQuestionRow {
    pub code: String,
    pub text: Localized,
    pub theme: String,
    pub kind: super::QuestionKind,
    pub required: bool,
    pub reversed: bool,
    /// 1-based page.
    pub page: u32,
}

/// A poll's page in the HRM workspace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollDetail {
    pub id: String,
    pub title: Localized,
    pub intro: Localized,
    pub kind: PollKind,
    pub min_group: u32,
    pub attributes: Vec<super::ReportingAttribute>,
    pub questions: Vec<PollQuestionRow>,
    /// A wave has responses: the questions can no longer change (a new wave copies them).
    pub frozen: bool,
    pub waves: Vec<WaveRow>,
}

/// What the new-wave form holds (shown again after a refusal).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaveForm {
    pub label: String,
    /// Units ticked for the audience.
    pub units: Vec<String>,
    /// Other codes (districts, teams) typed for the audience, comma-separated.
    pub other: String,
    /// ISO dates.
    pub opens_on: String,
    pub closes_on: String,
}

/// A template of the question bank to start a poll from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateRow {
    pub code: String,
    pub name: Localized,
    pub kind: PollKind,
    pub questions: u32,
}

/// A team's open link, shown once when made, with its QR code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamLink {
    pub team: String,
    pub url: String,
    /// The QR code of `url` as an SVG `data:` URI.
    pub qr: String,
}

/// The new-account form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountForm {
    pub email: String,
    /// `beheerder`, `hrm` or `leidinggevende`; empty before a choice.
    pub role: String,
    pub scope: String,
    pub raw_data: bool,
}

/// A question of the bank as HRM chooses from it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankQuestionRow {
    pub code: String,
    pub theme: String,
    pub theme_name: Localized,
    pub text: Localized,
    pub kind: super::QuestionKind,
    pub reversed: bool,
    pub dont_know: bool,
    pub required: bool,
}

/// A poll being put together from the bank (shown again after a refusal).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollDraft {
    pub title_nl: String,
    pub title_en: String,
    pub intro_nl: String,
    pub intro_en: String,
    pub kind: PollKind,
    /// As typed.
    pub min_group: String,
    pub attributes: Vec<super::ReportingAttribute>,
    /// The chosen questions, with where each goes and whether it must be answered.
    pub chosen: Vec<ChosenQuestion>,
}

/// A question chosen for a poll, as the compose form holds it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChosenQuestion {
    pub code: String,
    /// 1-based page, as typed.
    pub page: String,
    /// 1-based place on its page, as typed; empty: the bank's order.
    pub position: String,
    /// The respondent must answer it in this poll.
    pub required: bool,
}

impl Default for PollDraft {
    fn default() -> Self {
        PollDraft {
            title_nl: String::new(),
            title_en: String::new(),
            intro_nl: String::new(),
            intro_en: String::new(),
            kind: PollKind::Flash,
            min_group: super::ReportingThreshold::DEFAULT.get().to_string(),
            attributes: vec![super::ReportingAttribute::Unit],
            chosen: Vec::new(),
        }
    }
}

/// A question of one's own being added to the bank (shown again after a refusal).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionDraft {
    pub code: String,
    pub theme: String,
    pub kind: super::QuestionKind,
    pub text_nl: String,
    pub text_en: String,
    pub reversed: bool,
    pub dont_know: bool,
    pub required: bool,
}

impl Default for QuestionDraft {
    fn default() -> Self {
        QuestionDraft {
            code: String::new(),
            theme: String::new(),
            kind: super::QuestionKind::Likert,
            text_nl: String::new(),
            text_en: String::new(),
            reversed: false,
            dont_know: true,
            required: false,
        }
    }
}

/// A wave's page in the HRM workspace. Counts of people under the poll's k are `None` (shown
/// as "< k"); "answered" counts are multiples of k.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaveView {
    pub id: String,
    pub poll_id: String,
    pub poll_title: Localized,
    pub label: String,
    pub status: WaveStatus,
    /// ISO dates.
    pub opens_on: String,
    pub closes_on: String,
    pub k: u32,
    pub invited: u32,
    pub sample: Option<SampleView>,
    /// The mail-merge file was downloaded (it is given once).
    pub links_exported: bool,
    /// An SMTP server is configured, so mail goes out from the server.
    pub mail_configured: bool,
    pub mailings: Vec<MailingView>,
    pub templates: Vec<MailTemplateView>,
    pub progress: ProgressView,
}

/// How a wave's sample was drawn.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SampleView {
    pub total: u64,
    /// `None`: proportional.
    pub minimum: Option<u64>,
    pub seed: String,
    pub exclude_months: Option<u32>,
    pub frame_digest: String,
    pub drawn_on: String,
    pub strata: Vec<StratumRow>,
}

/// A stratum of a drawn sample.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StratumRow {
    pub unit: String,
    pub age_band: String,
    /// `None`: fewer than k.
    pub population: Option<u64>,
    pub frame: Option<u64>,
    pub planned: u64,
    pub drawn: u64,
}

/// One sending of invitations or a reminder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailingView {
    pub reminder: bool,
    pub due_on: String,
    /// `scheduled`, `queued`, `done` or `cancelled`.
    pub state: String,
    pub queued: u64,
    pub sent: u64,
    pub failed: u64,
    /// The counts are multiples of this (a reminder's: k).
    pub step: u64,
}

/// A wave's invitation or reminder text, as the edit form holds it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailTemplateView {
    /// `invitation` or `reminder`.
    pub kind: String,
    pub subject_nl: String,
    pub body_nl: String,
    pub subject_en: String,
    pub body_en: String,
}

/// The live response of a wave.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressView {
    pub invited: u64,
    pub answered: u64,
    pub groups: Vec<ProgressRow>,
    /// `(ISO day, answered)`.
    pub days: Vec<(String, u64)>,
}

/// A unit or team of the response monitor; `None`: fewer than k invitees.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressRow {
    pub code: String,
    pub name: String,
    pub team: bool,
    pub invited: Option<u64>,
    pub answered: Option<u64>,
}

/// The sample form as typed (shown again after a refusal).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SampleForm {
    pub total: String,
    /// `proportional` or `minimum`.
    pub allocation: String,
    pub minimum: String,
    pub seed: String,
    pub exclude_months: String,
    /// ISO date of a reminder.
    pub remind_on: String,
}
