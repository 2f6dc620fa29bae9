//! Domain types shared by the server and the browser: what a poll looks like to a respondent,
//! what an answer is, and the rules that decide whether a set of answers is acceptable.
//!
//! The same parsing runs on the server (authoritative) and in the browser (to help as you go),
//! so the two can never disagree about what counts as a valid answer.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Prefix of every form field that carries an answer: `q_<question code>`.
pub const FIELD_PREFIX: &str = "q_";
/// The value a Likert question sends for "weet niet" (don't know).
pub const DONT_KNOW: &str = "wn";
/// Longest open-text answer accepted when a question sets no limit of its own.
pub const DEFAULT_TEXT_LIMIT: u16 = 1000;

/// A message shown to a person: Dutch first, English as the translation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Msg {
    pub nl: String,
    pub en: String,
}

impl Msg {
    pub fn new(nl: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            nl: nl.into(),
            en: en.into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub code: String,
    pub label_nl: String,
    pub label_en: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum QuestionKind {
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
    /// 0–10 scale (eNPS and the like).
    Scale010 {
        low_nl: String,
        low_en: String,
        high_nl: String,
        high_en: String,
    },
    Text {
        max_length: u16,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub code: String,
    pub text_nl: String,
    pub text_en: String,
    pub required: bool,
    pub kind: QuestionKind,
}

impl Question {
    pub fn field(&self) -> String {
        format!("{FIELD_PREFIX}{}", self.code)
    }
}

/// A poll as the respondent sees it: its texts and its questions, page by page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollForm {
    pub title_nl: String,
    pub title_en: String,
    pub intro_nl: String,
    pub intro_en: String,
    /// The last day on which answers are accepted (ISO date).
    pub closes_on: String,
    /// The reporting threshold: results are only shown for groups of at least this many.
    pub min_group: u32,
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
}

/// One answer, already checked against its question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Answer {
    /// Likert 1–5 or a 0–10 scale value.
    Number(u8),
    /// One option code, or "wn" for "weet niet".
    Code(String),
    /// Several option codes.
    Codes(Vec<String>),
    /// Open text, trimmed, never empty.
    Text(String),
}

/// Why a single answer was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnswerError {
    /// Not a value the question offers: only a changed or hand-made form sends this.
    OutOfRange,
    TooLong {
        max: u16,
    },
    TooManyChoices {
        max: u8,
    },
}

impl AnswerError {
    pub fn message(&self) -> Msg {
        match self {
            AnswerError::OutOfRange => Msg::new(
                "Dit antwoord is geen van de mogelijke keuzes. Kies opnieuw.",
                "This answer is not one of the choices offered. Please choose again.",
            ),
            AnswerError::TooLong { max } => Msg::new(
                format!("Je toelichting is te lang: gebruik hoogstens {max} tekens."),
                format!("Your comment is too long: use at most {max} characters."),
            ),
            AnswerError::TooManyChoices { max } => Msg::new(
                format!("Kies hoogstens {max} antwoorden."),
                format!("Choose at most {max} answers."),
            ),
        }
    }
}

/// Parses the raw values a form sent for one question. `Ok(None)`: no answer given.
pub fn parse_answer(q: &Question, raw: &[&str]) -> Result<Option<Answer>, AnswerError> {
    let values: Vec<&str> = raw
        .iter()
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .collect();
    match &q.kind {
        QuestionKind::Multi {
            options,
            max_choices,
        } => {
            let mut codes: Vec<String> = Vec::new();
            for v in values {
                if !options.iter().any(|o| o.code == v) {
                    return Err(AnswerError::OutOfRange);
                }
                if !codes.iter().any(|c| c == v) {
                    codes.push(v.to_string());
                }
            }
            if let Some(max) = max_choices {
                if codes.len() > usize::from(*max) {
                    return Err(AnswerError::TooManyChoices { max: *max });
                }
            }
            Ok((!codes.is_empty()).then_some(Answer::Codes(codes)))
        }
        kind => {
            let value = match values.as_slice() {
                [] => return Ok(None),
                [one] => *one,
                _ => return Err(AnswerError::OutOfRange),
            };
            match kind {
                QuestionKind::Likert { dont_know } => {
                    if value == DONT_KNOW {
                        return if *dont_know {
                            Ok(Some(Answer::Code(DONT_KNOW.into())))
                        } else {
                            Err(AnswerError::OutOfRange)
                        };
                    }
                    match value.parse::<u8>() {
                        Ok(n @ 1..=5) => Ok(Some(Answer::Number(n))),
                        _ => Err(AnswerError::OutOfRange),
                    }
                }
                QuestionKind::Scale010 { .. } => match value.parse::<u8>() {
                    Ok(n @ 0..=10) => Ok(Some(Answer::Number(n))),
                    _ => Err(AnswerError::OutOfRange),
                },
                QuestionKind::Single { options } => {
                    if options.iter().any(|o| o.code == value) {
                        Ok(Some(Answer::Code(value.to_string())))
                    } else {
                        Err(AnswerError::OutOfRange)
                    }
                }
                QuestionKind::Text { max_length } => {
                    if value.chars().count() > usize::from(*max_length) {
                        Err(AnswerError::TooLong { max: *max_length })
                    } else {
                        Ok(Some(Answer::Text(value.to_string())))
                    }
                }
                QuestionKind::Multi { .. } => unreachable!("handled above"),
            }
        }
    }
}

/// The answers of a form, with the problems found per question.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub answers: BTreeMap<String, Answer>,
    /// Per question code: what is wrong, to show beside the question.
    pub errors: BTreeMap<String, Msg>,
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
            }
        }
    }
    Ok(draft)
}

pub fn required_message() -> Msg {
    Msg::new(
        "Deze vraag is verplicht. Kies een antwoord (of \"weet niet\" als dat er staat).",
        "This question is required. Choose an answer (or \"don't know\" where offered).",
    )
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
    pub notice: Option<Msg>,
    /// One-time value that makes a submitted form impossible to replay.
    pub nonce: String,
    /// Personal invitation (true) or open team link (false): changes the wording only.
    pub personal: bool,
}

/// The values a form field should carry for an answer (one per option for multiple choice).
pub fn answer_values(answer: &Answer) -> Vec<String> {
    match answer {
        Answer::Number(n) => vec![n.to_string()],
        Answer::Code(c) | Answer::Text(c) => vec![c.clone()],
        Answer::Codes(cs) => cs.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn likert(code: &str, required: bool) -> Question {
        Question {
            code: code.into(),
            text_nl: "Stelling".into(),
            text_en: "Statement".into(),
            required,
            kind: QuestionKind::Likert { dont_know: true },
        }
    }

    fn form() -> PollForm {
        PollForm {
            title_nl: "T".into(),
            title_en: "T".into(),
            intro_nl: String::new(),
            intro_en: String::new(),
            closes_on: "2026-12-31".into(),
            min_group: 10,
            pages: vec![
                vec![likert("a", true), likert("b", false)],
                vec![Question {
                    code: "m".into(),
                    text_nl: "Kies".into(),
                    text_en: "Choose".into(),
                    required: false,
                    kind: QuestionKind::Multi {
                        options: vec![
                            Choice {
                                code: "x".into(),
                                label_nl: "X".into(),
                                label_en: "X".into(),
                            },
                            Choice {
                                code: "y".into(),
                                label_nl: "Y".into(),
                                label_en: "Y".into(),
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
        assert_eq!(
            parse_answer(&q, &["wn"]),
            Ok(Some(Answer::Code("wn".into())))
        );
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
}
