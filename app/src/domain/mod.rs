//! The product's domain types, shared by the server and the browser (nothing here touches a
//! database or the network): identifiers, the fixed vocabularies stored as text, the
//! reporting threshold, localized content, and what a poll, a question and an answer are —
//! with the rules that decide whether a set of answers is acceptable.
//!
//! The same parsing runs on the server (authoritative) and in the browser (to help as you
//! go), so the two can never disagree about what counts as a valid answer. Types parse at
//! the boundary ("parse, don't validate"): a value of one of these types is valid.

mod answer;
pub mod dashboard;
mod form;
mod ids;
mod kinds;
mod kit;
mod localized;
mod report;
mod staff;
mod threshold;

pub use answer::{
    answer_values, is_blank, is_deceptive_control, normalise_text, parse_answer,
    strip_deceptive_controls, Answer, AnswerError, DONT_KNOW,
};
pub use dashboard::{DashboardQuery, DashboardView};
pub use form::{
    check_required, first_page_with_error, parse_form, required_message, Choice, Draft, Nav,
    PollForm, Question, QuestionInput, RespondentPage, Tampered, DEFAULT_TEXT_LIMIT, FIELD_PREFIX,
    NAV_FIELD, NONCE_FIELD, PAGE_FIELD,
};
pub use ids::{InvalidId, PollId, WaveId};
pub use kinds::{
    ConversationTheme, FollowUpResult, HelpKind, IndicatorKind, KitKind, OrgLevel, PollKind,
    QuestionKind, ReportingAttribute, Role, UnknownValue, WaveStatus,
};
pub use kit::{
    AttentionRow, Block, ConversationForm, ConversationRow, ConversationView, Doc, FollowUpForm,
    HelpRouteRow, Inline, KitDocView, KitDraft, KitVersionRow, PollResultsView, SfeerbeeldRow,
    SfeerbeeldView, SignalRow, TeamResultRow, ThemeResultRow,
};
pub use localized::Localized;
pub use report::{
    IndicatorDraft, IndicatorInfo, IndicatorRow, IndicatorValueDraft, InvalidPeriod, Period,
    UnitIndicatorRow, UnitIndicatorsView,
};
pub use staff::{
    AccountForm, AccountRow, AuditFilter, AuditRow, BankQuestionRow, ChosenQuestion, ImportKind,
    ImportProblem, ImportReport, ImportSummary, LoginView, MailTemplateView, MailingView, OrgNode,
    PollDetail, PollDraft, PollQuestionRow, PollRow, ProgressRow, ProgressView, QuestionDraft,
    SampleForm, SampleView, SnapshotRow, StaffNav, StaffPage, StratumRow, TeamLink, TemplateRow,
    TokenRow, UnitRow, WaveForm, WaveRow, WaveView, CSRF_FIELD,
};
pub use threshold::{ReportingThreshold, ThresholdTooLow};
