//! One answer to one question: what it is, how a form's raw values become one, and how it is
//! stored (its JSON form round-trips: what is written is what comes back).

use super::form::{Question, QuestionInput};
use crate::i18n::Message;
use crate::msg;
use serde::{Deserialize, Serialize};

/// The value a Likert question sends for "weet niet" (don't know).
pub const DONT_KNOW: &str = "wn";

/// One answer, already checked against its question.
///
/// Stored as JSON: a number (`4`), a string for open text (`"…"`), a list of option codes
/// for multiple choice (`["a", "b"]`), `{"choice": "a"}` for one choice, or
/// `{"dont_know": true}`. Every variant has its own shape, so reading a stored answer never
/// has to guess (an open text `"wn"` stays text). Numbers, texts and lists are the shapes
/// of the first schema; migration `m20261129_000002_answer_shapes` rewrote the earlier bare
/// strings of single choices and "weet niet".
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Likert 1–5 or a 0–10 scale value.
    Number(u8),
    /// "Weet niet" on a Likert question that offers it.
    DontKnow,
    /// One option code of a single-choice question.
    Choice(String),
    /// Several option codes of a multiple-choice question.
    Choices(Vec<String>),
    /// Open text, trimmed, never empty.
    Text(String),
}

#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum Wire {
    Number(u8),
    Text(String),
    List(Vec<String>),
    Object(WireObject),
}

#[derive(Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WireObject {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    choice: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    dont_know: Option<bool>,
}

impl Serialize for Answer {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let wire = match self {
            Answer::Number(n) => Wire::Number(*n),
            Answer::Text(t) => Wire::Text(t.clone()),
            Answer::Choice(c) => Wire::Object(WireObject {
                choice: Some(c.clone()),
                ..Default::default()
            }),
            Answer::Choices(cs) => Wire::List(cs.clone()),
            Answer::DontKnow => Wire::Object(WireObject {
                dont_know: Some(true),
                ..Default::default()
            }),
        };
        wire.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        match Wire::deserialize(d)? {
            Wire::Number(n) => Ok(Answer::Number(n)),
            Wire::Text(t) => Ok(Answer::Text(t)),
            Wire::List(cs) => Ok(Answer::Choices(cs)),
            Wire::Object(o) => match (o.choice, o.dont_know) {
                (Some(c), None) => Ok(Answer::Choice(c)),
                (None, Some(true)) => Ok(Answer::DontKnow),
                _ => Err(D::Error::custom(
                    "an answer object has exactly one of choice, dont_know: true",
                )),
            },
        }
    }
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
    pub fn message(&self) -> Message {
        match self {
            AnswerError::OutOfRange => msg!("answer-out-of-range"),
            AnswerError::TooLong { max } => msg!("answer-too-long", max = *max),
            AnswerError::TooManyChoices { max } => msg!("answer-too-many-choices", max = *max),
        }
    }
}

/// Whether `c` is an invisible control that changes how the text around it is seen without
/// being seen itself: the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069) and marks (U+200E, U+200F, U+061C), which can turn a name or the rest of
/// its line backwards (`\u{202E}fdp.exe` shows as "exe.pdf"), and the zero-width space,
/// word joiner, invisible operators and byte-order mark (U+200B, U+2060–U+2064, U+FEFF,
/// U+180E), which let two names that look the same differ. Zero-width joiners and
/// non-joiners (U+200C, U+200D: emoji and Persian or Indic writing) and variation selectors
/// are kept.
pub fn is_deceptive_control(c: char) -> bool {
    matches!(c,
        '\u{061C}' | '\u{180E}' | '\u{200B}' | '\u{200E}' | '\u{200F}'
        | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}')
}

/// `value` without the controls of [`is_deceptive_control`]. Everything a person sends —
/// every form field, every cell of an uploaded file, every text of an API body — passes
/// through this at the edge (`server::web::forms`, `services::imports::read_table`, the
/// API's roster lines), so no name or text is stored with them (issue #14).
pub fn strip_deceptive_controls(value: &str) -> std::borrow::Cow<'_, str> {
    if value.chars().any(is_deceptive_control) {
        value
            .chars()
            .filter(|c| !is_deceptive_control(*c))
            .collect::<String>()
            .into()
    } else {
        value.into()
    }
}

/// Characters that show nothing: zero-width spaces and joiners, the byte-order mark, the soft
/// hyphen, bidirectional marks and other format controls. A value made only of these (and
/// white space) is no answer.
fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}'
            | '\u{17B5}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
            | '\u{FFA0}' | '\u{E0000}'..='\u{E007F}')
}

/// Whether a value shows nothing at all (empty, white space or invisible characters only).
pub fn is_blank(value: &str) -> bool {
    value.chars().all(is_invisible)
}

/// An open-text value as the browser counts it for `maxlength`: line breaks are sent as CR LF
/// but count as one character (HTML's "API value" normalises them to LF), so they are stored
/// as LF. Control characters other than line breaks and tabs (U+0000–U+001F) are removed:
/// nobody types them, they break exports, and without them every character of a stored text
/// takes at most 4 bytes in JSON, which bounds the sealed size
/// ([`crate::services::sealing::padded_size`] on the server).
pub fn normalise_text(value: &str) -> String {
    value
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| !(('\u{0}'..='\u{1F}').contains(c) && *c != '\n' && *c != '\t'))
        .collect()
}

/// Parses the raw values a form sent for one question. `Ok(None)`: no answer given (nothing,
/// or only white space and invisible characters).
pub fn parse_answer(q: &Question, raw: &[&str]) -> Result<Option<Answer>, AnswerError> {
    let values: Vec<&str> = raw
        .iter()
        .map(|v| v.trim())
        .filter(|v| !is_blank(v))
        .collect();
    if let QuestionInput::Multi {
        options,
        max_choices,
    } = &q.input
    {
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
        return Ok((!codes.is_empty()).then_some(Answer::Choices(codes)));
    }
    let value = match values.as_slice() {
        [] => return Ok(None),
        [one] => *one,
        _ => return Err(AnswerError::OutOfRange),
    };
    match &q.input {
        QuestionInput::Likert { dont_know } => {
            if value == DONT_KNOW {
                return if *dont_know {
                    Ok(Some(Answer::DontKnow))
                } else {
                    Err(AnswerError::OutOfRange)
                };
            }
            match value.parse::<u8>() {
                Ok(n @ 1..=5) => Ok(Some(Answer::Number(n))),
                _ => Err(AnswerError::OutOfRange),
            }
        }
        QuestionInput::Scale010 { .. } => match value.parse::<u8>() {
            Ok(n @ 0..=10) => Ok(Some(Answer::Number(n))),
            _ => Err(AnswerError::OutOfRange),
        },
        QuestionInput::Single { options } => {
            if options.iter().any(|o| o.code == value) {
                Ok(Some(Answer::Choice(value.to_string())))
            } else {
                Err(AnswerError::OutOfRange)
            }
        }
        QuestionInput::Text { max_length } => {
            let text = normalise_text(value);
            // Counted as the browser counts `maxlength`: in UTF-16 code units (a character
            // outside the Basic Multilingual Plane, such as most emoji, counts twice).
            if text.encode_utf16().count() > usize::from(*max_length) {
                Err(AnswerError::TooLong { max: *max_length })
            } else {
                Ok(Some(Answer::Text(text)))
            }
        }
        QuestionInput::Multi { .. } => unreachable!("handled above"),
    }
}

/// The values a form field should carry for an answer (one per option for multiple choice).
pub fn answer_values(answer: &Answer) -> Vec<String> {
    match answer {
        Answer::Number(n) => vec![n.to_string()],
        Answer::DontKnow => vec![DONT_KNOW.to_string()],
        Answer::Choice(c) | Answer::Text(c) => vec![c.clone()],
        Answer::Choices(cs) => cs.clone(),
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn deceptive_controls_are_stripped_and_joiners_kept() {
        assert_eq!(strip_deceptive_controls("\u{202E}fdp.exe"), "fdp.exe");
        assert_eq!(
            strip_deceptive_controls("U1\u{200B}\u{2060}\u{FEFF}\u{2066}x\u{2069}\u{200F}"),
            "U1x"
        );
        // Emoji sequences and Persian writing need their joiners.
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
        assert_eq!(strip_deceptive_controls(family), family);
        assert_eq!(
            strip_deceptive_controls("می\u{200C}خواهم"),
            "می\u{200C}خواهم"
        );
        assert!(matches!(
            strip_deceptive_controls("gewoon"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn every_answer_round_trips_through_its_stored_json() {
        let all = [
            Answer::Number(0),
            Answer::Number(5),
            Answer::DontKnow,
            Answer::Choice("a".into()),
            Answer::Choices(vec!["a".into(), "b".into()]),
            Answer::Choices(vec![]),
            Answer::Text("wn".into()),
            Answer::Text("{\"choice\":\"a\"}".into()),
            Answer::Text("4".into()),
        ];
        for a in all {
            let json = serde_json::to_string(&a).unwrap();
            assert_eq!(serde_json::from_str::<Answer>(&json).unwrap(), a, "{json}");
        }
        let map: BTreeMap<String, Answer> = [("A1".to_string(), Answer::Number(2))]
            .into_iter()
            .collect();
        assert_eq!(serde_json::to_string(&map).unwrap(), r#"{"A1":2}"#);
    }

    fn text(max_length: u16, required: bool) -> Question {
        Question {
            code: "t".into(),
            text: crate::domain::Localized::new("Toelichting", "Comment"),
            required,
            input: QuestionInput::Text { max_length },
        }
    }

    #[test]
    fn a_line_break_counts_as_one_character_as_the_browser_counts_it() {
        let q = text(10, false);
        // Exactly ten characters in the browser: "abc" LF "efgh" LF "x", sent with CR LF.
        let sent = "abc\r\nefgh\r\nx";
        assert_eq!(sent.len(), 12);
        assert_eq!(
            parse_answer(&q, &[sent]),
            Ok(Some(Answer::Text("abc\nefgh\nx".into())))
        );
        assert_eq!(
            parse_answer(&q, &["abc\r\nefgh\r\nxy"]),
            Err(AnswerError::TooLong { max: 10 })
        );
    }

    #[test]
    fn an_emoji_counts_twice_as_the_browser_counts_it() {
        let q = text(10, false);
        let five = "\u{1F600}".repeat(5);
        assert_eq!(
            parse_answer(&q, &[five.as_str()]),
            Ok(Some(Answer::Text(five.clone())))
        );
        let over = format!("{five}x");
        assert_eq!(
            parse_answer(&q, &[over.as_str()]),
            Err(AnswerError::TooLong { max: 10 })
        );
        let ten = "\u{20AC}".repeat(10);
        assert!(
            parse_answer(&q, &[ten.as_str()]).is_ok(),
            "a euro sign counts once"
        );
    }

    #[test]
    fn invisible_characters_alone_are_no_answer() {
        for blank in [
            "\u{200B}",
            "\u{FEFF}\u{200D}",
            " \u{00AD} ",
            "\u{2060}\u{200B}\n",
            "\u{3164}",
        ] {
            assert_eq!(
                parse_answer(&text(100, true), &[blank]),
                Ok(None),
                "{blank:?}"
            );
        }
        assert_eq!(
            parse_answer(&text(100, true), &["\u{200B}ja"]),
            Ok(Some(Answer::Text("\u{200B}ja".into())))
        );
    }

    #[test]
    fn malformed_stored_answers_are_errors() {
        for bad in [
            r#"{"choice":"a","dont_know":true}"#,
            r#"{"choices":["a"]}"#,
            r#"[1]"#,
            r#"{"dont_know":false}"#,
            r#"{}"#,
            r#"{"colour":"red"}"#,
            "-1",
            "256",
            "null",
        ] {
            assert!(serde_json::from_str::<Answer>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn control_characters_other_than_line_breaks_and_tabs_are_removed_from_text() {
        assert_eq!(
            normalise_text("a\r\nb\rc\td\u{0}e\u{1B}[31mf\u{7}"),
            "a\nb\nc\tde[31mf"
        );
        // Every character left takes at most 4 bytes in JSON.
        let text = normalise_text(&(0u32..0x300).filter_map(char::from_u32).collect::<String>());
        for c in text.chars() {
            let json = serde_json::to_string(&c.to_string()).unwrap();
            assert!(json.len() - 2 <= 4, "{c:?} takes {}", json.len() - 2);
        }
    }
}
