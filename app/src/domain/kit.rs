//! The managers' part (issue #12), as pages show it: the conversation kit's documents, help
//! routes and signal categories, a recorded thermometer conversation and its follow-up, and
//! HRM's *sfeerbeeld* (the picture the conversations form, per unit and quarter).

use super::{ConversationTheme, FollowUpResult, HelpKind, KitKind, Localized};
use crate::i18n::Message;
use serde::{Deserialize, Serialize};

/// A kit document as blocks of text: what its Markdown says, with nothing of Markdown that
/// could carry markup (raw HTML, links, images are dropped when it is read). Pages render it
/// as elements and the PDF as typeset text, each escaping the text itself.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Doc {
    pub blocks: Vec<Block>,
}

/// One block of a [`Doc`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Block {
    /// A heading of level 1–3 (deeper ones are read as 3).
    Heading(u8, Vec<Inline>),
    Paragraph(Vec<Inline>),
    /// A bulleted list: one line of text per item.
    List(Vec<Vec<Inline>>),
}

/// A run of text in a block.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Inline {
    Text(String),
    Strong(String),
    Emphasis(String),
}

impl Inline {
    pub fn text(&self) -> &str {
        match self {
            Inline::Text(s) | Inline::Strong(s) | Inline::Emphasis(s) => s,
        }
    }
}

impl Doc {
    /// The first heading's text: the document's title.
    pub fn title(&self) -> String {
        self.blocks
            .iter()
            .find_map(|b| match b {
                Block::Heading(_, runs) => Some(runs.iter().map(Inline::text).collect()),
                _ => None,
            })
            .unwrap_or_default()
    }
}

/// One version of a kit document in a list of versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KitVersionRow {
    pub version: i32,
    /// ISO date.
    pub created_on: String,
    /// Who saved it, as the audit log names them (`account:7`, `system`).
    pub created_by: String,
}

/// A kit document to read: its version, date and text in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KitDocView {
    pub kind: KitKind,
    pub version: i32,
    /// ISO date of the version.
    pub created_on: String,
    pub doc: Doc,
}

/// What HRM's editor of one kit document holds: the Markdown in both languages.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KitDraft {
    pub body_nl: String,
    pub body_en: String,
}

/// Where help is: one route for a unit (or the whole organisation).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HelpRouteRow {
    pub kind: HelpKind,
    /// Organisation unit code; empty for the whole organisation.
    pub unit_code: String,
    pub name: String,
    pub contact: String,
}

/// A signal category of HRM's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignalRow {
    pub code: String,
    pub label: Localized,
    pub active: bool,
}

/// What the conversation form holds (shown again, as typed, after a refusal or a warning).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationForm {
    /// Team code.
    pub team: String,
    /// ISO date, as typed.
    pub held_on: String,
    pub participants: String,
    /// Per theme the value typed (`"1"`…`"5"`, empty: not discussed).
    pub temperatures: Vec<(ConversationTheme, String)>,
    pub signals: Vec<String>,
    pub actions: String,
    pub help_offered: Vec<HelpKind>,
    /// The person saw the warning that the text may hold a name and stores it anyway.
    pub confirmed: bool,
}

/// A recorded conversation in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationRow {
    pub id: String,
    pub team_name: String,
    /// ISO dates.
    pub held_on: String,
    pub follow_up_on: String,
    pub participants: u32,
    pub follow_up: Option<FollowUpResult>,
    /// The follow-up is due (its day has come) and not yet recorded.
    pub due: bool,
}

/// One conversation as its manager sees it again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationView {
    pub row: ConversationRow,
    pub temperatures: Vec<(ConversationTheme, u8)>,
    /// Signal categories heard, in the reader's language.
    pub signals: Vec<String>,
    pub actions: String,
    pub help_offered: Vec<HelpKind>,
    /// ISO date of the follow-up, when recorded.
    pub followed_up_on: Option<String>,
    pub follow_up_note: Option<String>,
}

/// What the follow-up form holds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpForm {
    pub result: String,
    pub note: String,
    pub confirmed: bool,
}

/// A unit in one quarter of the sfeerbeeld. Every figure is `None` when the cell is
/// suppressed (fewer than k participants or too few conversations, or hidden so that the
/// organisation's total cannot give it away), exactly as when nothing was recorded.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SfeerbeeldRow {
    /// Organisation unit code; empty for the whole organisation.
    pub unit_code: String,
    pub unit_name: String,
    /// `2026-Q4`.
    pub quarter: String,
    pub conversations: Option<u32>,
    pub participants: Option<u32>,
    /// Per theme the mean temperature (1–5) of the conversations that discussed it, and
    /// its change since the previous quarter when both are shown.
    pub temperatures: Vec<(ConversationTheme, Option<f64>, Option<f64>)>,
    /// Per signal category: the share (%) of the cell's conversations in which it was heard.
    pub signals: Vec<(String, Option<f64>)>,
}

/// Why a unit is on the attention list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttentionRow {
    pub unit_name: String,
    pub quarter: String,
    pub message: Message,
}

/// HRM's sfeerbeeld: per unit and quarter, newest quarter first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SfeerbeeldView {
    pub rows: Vec<SfeerbeeldRow>,
    /// Signal categories in the order of the columns: code and label.
    pub signals: Vec<(String, Localized)>,
    pub attention: Vec<AttentionRow>,
    /// The threshold on participants, and the fewest conversations a cell needs.
    pub k: u32,
    pub min_conversations: u32,
}

/// One theme of a poll for a manager's part of the organisation: its index per closed wave
/// (oldest first; `None` where there is no figure, suppressed or not measured alike), and
/// the change since the wave before the latest.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThemeResultRow {
    pub theme: String,
    /// Per wave: index (0–100) and its 95% interval, as printed.
    pub waves: Vec<Option<String>>,
    /// The change in index points since the wave before, as printed (`+3`, `−2`), with
    /// whether it is significant (methodology B5); `None` where the analysis tested none (no
    /// published figure in one of the two waves).
    pub change: Option<(String, bool)>,
}

/// A team in the manager's part, its index per theme in the latest wave.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TeamResultRow {
    pub team: String,
    pub indices: Vec<Option<String>>,
}

/// One poll's results for a manager's part of the organisation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PollResultsView {
    pub title: String,
    pub waves: Vec<String>,
    pub themes: Vec<ThemeResultRow>,
    /// The teams of the part in the latest wave (where the poll reports teams).
    pub teams: Vec<TeamResultRow>,
    pub k: u32,
}
