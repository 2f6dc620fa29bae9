//! A poll as the respondent sees it, the form protocol its pages speak, and the checks a
//! submitted form goes through.

use super::answer::{parse_answer, Answer};
use super::localized::Localized;
use super::threshold::ReportingThreshold;
use crate::i18n::{Locale, Message};
use crate::msg;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Prefix of every form field that carries an answer: `q_<question code>`.
pub const FIELD_PREFIX: &str = "q_";
/// The form's one-time value (see [`RespondentPage::nonce`]).
pub const NONCE_FIELD: &str = "_nonce";
/// The zero-based index of the page the form shows.
pub const PAGE_FIELD: &str = "_page";
/// Which button was pressed ([`Nav`]).
pub const NAV_FIELD: &str = "_nav";
/// Longest open-text answer accepted when a question sets no limit of its own.
pub const DEFAULT_TEXT_LIMIT: u16 = 1000;

/// What a button of the poll form asks for, sent as `_nav`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nav {
    /// Back one page; never needs complete answers.
    Previous,
    /// On to the next page once this page's required answers are there.
    Next,
    /// Store the answers (last page only).
    Submit,
    /// Show the same page in another language; nothing is checked or stored.
    Language(Locale),
}

impl Nav {
    /// The button's value.
    pub fn value(self) -> &'static str {
        match self {
            Nav::Previous => "vorige",
            Nav::Next => "volgende",
            Nav::Submit => "verstuur",
            Nav::Language(Locale::Nl) => "taal-nl",
            Nav::Language(Locale::En) => "taal-en",
        }
    }

    pub fn parse(value: &str) -> Option<Nav> {
        Some(match value {
            "vorige" => Nav::Previous,
            "volgende" => Nav::Next,
            "verstuur" => Nav::Submit,
            "taal-nl" => Nav::Language(Locale::Nl),
            "taal-en" => Nav::Language(Locale::En),
            _ => return None,
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub code: String,
    pub label: Localized,
}

/// How a question is answered, with what it offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum QuestionInput {
    /// Five-point agreement scale, optionally with "weet niet".
    Likert {
        dont_know: bool,
    },
    Single {
        options: Vec<Choice>,
    },
    Multi {
        options: Vec<Choice>,
        max_choices: Option<u8>,
    },
    /// 0–10 scale (eNPS and the like), with the meaning of both ends.
    Scale010 {
        low: Localized,
        high: Localized,
    },
    Text {
        max_length: u16,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub code: String,
    pub text: Localized,
    pub required: bool,
    pub input: QuestionInput,
}

impl Question {
    pub fn field(&self) -> String {
        format!("{FIELD_PREFIX}{}", self.code)
    }
}

/// A poll as the respondent sees it: its texts and its questions, page by page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollForm {
    pub title: Localized,
    pub intro: Localized,
    /// The last day on which answers are accepted (ISO date).
    pub closes_on: String,
    /// Results are only shown for groups of at least this many.
    pub min_group: ReportingThreshold,
    pub pages: Vec<Vec<Question>>,
}

impl PollForm {
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.pages.iter().flatten()
    }

    pub fn question(&self, code: &str) -> Option<&Question> {
        self.questions().find(|q| q.code == code)
    }

    pub fn page_of(&self, code: &str) -> Option<usize> {
        self.pages
            .iter()
            .position(|p| p.iter().any(|q| q.code == code))
    }

    pub fn question_count(&self) -> usize {
        self.pages.iter().map(Vec::len).sum()
    }

    /// The form with only the texts of `locale` (see [`Localized::keep`]): what a page in
    /// that language carries to the browser.
    pub fn keep(&self, locale: Locale) -> Self {
        let mut form = self.clone();
        form.title = form.title.keep(locale);
        form.intro = form.intro.keep(locale);
        for q in form.pages.iter_mut().flatten() {
            q.text = q.text.keep(locale);
            match &mut q.input {
                QuestionInput::Single { options } | QuestionInput::Multi { options, .. } => {
                    for o in options {
                        o.label = o.label.keep(locale);
                    }
                }
                QuestionInput::Scale010 { low, high } => {
                    *low = low.keep(locale);
                    *high = high.keep(locale);
                }
                QuestionInput::Likert { .. } | QuestionInput::Text { .. } => {}
            }
        }
        form
    }
}

/// The answers of a form, with the problems found per question.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub answers: BTreeMap<String, Answer>,
    /// Per question code: what is wrong, to show beside the question.
    pub errors: BTreeMap<String, Message>,
    /// Per question code: the values as typed, for answers that were refused (too long, not
    /// a choice offered). They travel with the form like answers do, so nothing a respondent
    /// typed is lost by a refusal or a page change.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub raw: BTreeMap<String, Vec<String>>,
}

impl Draft {
    /// The values a question's field should show: its answer, else what was typed.
    pub fn values(&self, code: &str) -> Vec<String> {
        match (self.answers.get(code), self.raw.get(code)) {
            (Some(a), _) => super::answer::answer_values(a),
            (None, Some(raw)) => raw.clone(),
            (None, None) => Vec::new(),
        }
    }

    /// The codes that carry a value, answered or typed.
    pub fn filled(&self) -> impl Iterator<Item = &String> {
        self.answers.keys().chain(self.raw.keys())
    }
}

/// The form names something that is not in this poll: it was changed by hand or belongs to
/// another poll. The whole request is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tampered;

/// Reads every `q_…` field of a submitted form. Fields not starting with `q_` are the form's
/// own controls and are ignored here.
pub fn parse_form(form: &PollForm, fields: &[(String, String)]) -> Result<Draft, Tampered> {
    let mut raw: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (name, value) in fields {
        if let Some(code) = name.strip_prefix(FIELD_PREFIX) {
            if form.question(code).is_none() {
                return Err(Tampered);
            }
            raw.entry(code).or_default().push(value.as_str());
        }
    }
    let mut draft = Draft::default();
    for (code, values) in raw {
        let q = form.question(code).ok_or(Tampered)?;
        match parse_answer(q, &values) {
            Ok(Some(a)) => {
                draft.answers.insert(code.to_string(), a);
            }
            Ok(None) => {}
            Err(e) => {
                draft.errors.insert(code.to_string(), e.message());
                let typed = values
                    .iter()
                    .map(|v| super::answer::normalise_text(v))
                    .filter(|v| !super::answer::is_blank(v))
                    .collect();
                draft.raw.insert(code.to_string(), typed);
            }
        }
    }
    Ok(draft)
}

pub fn required_message() -> Message {
    msg!("answer-required")
}

/// Marks the required questions on the given pages that have no answer yet.
pub fn check_required(form: &PollForm, pages: std::ops::Range<usize>, draft: &mut Draft) {
    for page in pages {
        for q in form.pages.get(page).into_iter().flatten() {
            if q.required
                && !draft.answers.contains_key(&q.code)
                && !draft.errors.contains_key(&q.code)
            {
                draft.errors.insert(q.code.clone(), required_message());
            }
        }
    }
}

/// The first page that has a problem, if any.
pub fn first_page_with_error(form: &PollForm, draft: &Draft) -> Option<usize> {
    draft.errors.keys().filter_map(|c| form.page_of(c)).min()
}

/// Everything the poll page needs to render one page for one respondent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RespondentPage {
    pub form: PollForm,
    /// Zero-based page index.
    pub page: usize,
    pub draft: Draft,
    /// A problem with the form as a whole, shown above the questions.
    pub notice: Option<Message>,
    /// One-time value that makes a submitted form impossible to replay.
    pub nonce: String,
    /// Personal invitation (true) or open team link (false): changes the wording only.
    pub personal: bool,
    /// HRM's preview: the address its form goes to (by GET; nothing is stored), `None` for a
    /// respondent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preview: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::AnswerError;

    fn likert(code: &str, required: bool) -> Question {
        Question {
            code: code.into(),
            text: Localized::new("Stelling", "Statement"),
            required,
            input: QuestionInput::Likert { dont_know: true },
        }
    }

    fn form() -> PollForm {
        PollForm {
            title: Localized::new("T", "T"),
            intro: Localized::default(),
            closes_on: "2026-12-31".into(),
            min_group: ReportingThreshold::DEFAULT,
            pages: vec![
                vec![likert("a", true), likert("b", false)],
                vec![Question {
                    code: "m".into(),
                    text: Localized::new("Kies", "Choose"),
                    required: false,
                    input: QuestionInput::Multi {
                        options: vec![
                            Choice {
                                code: "x".into(),
                                label: Localized::new("X", "X"),
                            },
                            Choice {
                                code: "y".into(),
                                label: Localized::new("Y", "Y"),
                            },
                        ],
                        max_choices: Some(1),
                    },
                }],
            ],
        }
    }

    fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn likert_accepts_one_to_five_and_dont_know() {
        let q = likert("a", true);
        assert_eq!(parse_answer(&q, &["4"]), Ok(Some(Answer::Number(4))));
        assert_eq!(parse_answer(&q, &["wn"]), Ok(Some(Answer::DontKnow)));
        assert_eq!(parse_answer(&q, &[]), Ok(None));
        assert_eq!(parse_answer(&q, &["6"]), Err(AnswerError::OutOfRange));
        assert_eq!(parse_answer(&q, &["0"]), Err(AnswerError::OutOfRange));
        assert_eq!(parse_answer(&q, &["2", "3"]), Err(AnswerError::OutOfRange));
    }

    #[test]
    fn a_field_for_a_question_not_in_the_poll_is_tampering() {
        assert_eq!(
            parse_form(&form(), &fields(&[("q_zz", "3")])),
            Err(Tampered)
        );
    }

    #[test]
    fn too_many_choices_is_an_error_on_that_question() {
        let d = parse_form(&form(), &fields(&[("q_m", "x"), ("q_m", "y")])).unwrap();
        assert!(d.errors.contains_key("m"));
        assert!(d.answers.is_empty());
    }

    #[test]
    fn missing_required_answers_are_reported_per_page() {
        let mut d = parse_form(&form(), &fields(&[("q_b", "2"), ("_nav", "x")])).unwrap();
        check_required(&form(), 0..2, &mut d);
        assert_eq!(d.errors.keys().collect::<Vec<_>>(), vec!["a"]);
        assert_eq!(first_page_with_error(&form(), &d), Some(0));
    }

    #[test]
    fn a_refused_answer_keeps_what_was_typed() {
        let d = parse_form(
            &form(),
            &fields(&[("q_a", "7"), ("q_m", "x"), ("q_m", "y")]),
        )
        .unwrap();
        assert!(d.errors.contains_key("a") && d.errors.contains_key("m"));
        assert_eq!(d.values("a"), vec!["7"]);
        assert_eq!(d.values("m"), vec!["x", "y"]);
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(serde_json::from_str::<Draft>(&json).unwrap(), d);
    }

    #[test]
    fn nav_values_round_trip() {
        for nav in [
            Nav::Previous,
            Nav::Next,
            Nav::Submit,
            Nav::Language(Locale::Nl),
            Nav::Language(Locale::En),
        ] {
            assert_eq!(Nav::parse(nav.value()), Some(nav));
        }
        assert_eq!(Nav::parse("x"), None);
    }
}
