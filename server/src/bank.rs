//! The standard question bank (`data/vragenbank.json`): themes, questions and poll
//! templates, written into the database at start when they are missing. Questions that
//! already exist are left alone, so edits made by HRM are never overwritten.

use crate::entities::{poll_template, question, theme};
use app::domain::{Choice, PollForm, Question, QuestionKind, DEFAULT_TEXT_LIMIT};
use sea_orm::{ActiveValue::Set, DatabaseConnection, EntityTrait};
use serde::Deserialize;

const BANK_JSON: &str = include_str!("../data/vragenbank.json");

#[derive(Debug, Deserialize)]
pub struct Bank {
    pub themes: Vec<BankTheme>,
    pub items: Vec<BankItem>,
    pub templates: Vec<BankTemplate>,
}

#[derive(Debug, Deserialize)]
pub struct BankTheme {
    pub code: String,
    pub name_nl: String,
    pub name_en: String,
    #[serde(default)]
    pub description_nl: String,
    #[serde(default)]
    pub description_en: String,
}

#[derive(Debug, Deserialize, serde::Serialize, Clone)]
pub struct BankChoice {
    pub code: String,
    pub label_nl: String,
    pub label_en: String,
}

/// The kind-specific part of a question, stored as JSON in `question.spec`.
#[derive(Debug, Default, Deserialize, serde::Serialize, Clone)]
pub struct Spec {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<BankChoice>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_choices: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low_nl: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low_en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high_nl: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high_en: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct BankItem {
    pub code: String,
    pub theme: String,
    pub kind: String,
    pub text_nl: String,
    pub text_en: String,
    #[serde(default)]
    pub reversed: bool,
    #[serde(default)]
    pub dont_know: bool,
    #[serde(default)]
    pub required: Option<bool>,
    #[serde(default)]
    pub sensitive: bool,
    #[serde(flatten)]
    pub spec: Spec,
}

#[derive(Debug, Deserialize)]
pub struct BankTemplate {
    pub code: String,
    pub kind: String,
    pub name_nl: String,
    pub name_en: String,
    pub intro_nl: String,
    pub intro_en: String,
    pub pages: Vec<Vec<String>>,
    pub attributes: Vec<String>,
    pub min_group: i32,
}

/// The bank shipped with this binary. Its consistency is checked by a unit test.
pub fn bundled() -> Bank {
    serde_json::from_str(BANK_JSON).expect("data/vragenbank.json is checked by the test suite")
}

fn scale_of(kind: &str) -> (Option<i32>, Option<i32>) {
    match kind {
        "likert" => (Some(1), Some(5)),
        "scale010" => (Some(0), Some(10)),
        _ => (None, None),
    }
}

/// Writes the bundled bank into the database; existing rows are kept as they are.
pub async fn seed(db: &DatabaseConnection) -> Result<(), sea_orm::DbErr> {
    let bank = bundled();
    let themes = bank.themes.iter().map(|t| theme::ActiveModel {
        code: Set(t.code.clone()),
        name_nl: Set(t.name_nl.clone()),
        name_en: Set(t.name_en.clone()),
        description_nl: Set(t.description_nl.clone()),
        description_en: Set(t.description_en.clone()),
    });
    theme::Entity::insert_many(themes)
        .on_conflict_do_nothing_on([theme::Column::Code])
        .exec(db)
        .await?;
    let items = bank.items.iter().map(|i| {
        let (lo, hi) = scale_of(&i.kind);
        question::ActiveModel {
            code: Set(i.code.clone()),
            theme_code: Set(i.theme.clone()),
            kind: Set(i.kind.clone()),
            text_nl: Set(i.text_nl.clone()),
            text_en: Set(i.text_en.clone()),
            reversed: Set(i.reversed),
            dont_know: Set(i.dont_know),
            required: Set(i.required.unwrap_or(i.kind != "text")),
            sensitive: Set(i.sensitive),
            scale_min: Set(lo),
            scale_max: Set(hi),
            spec: Set(serde_json::to_string(&i.spec).expect("spec serialises")),
        }
    });
    question::Entity::insert_many(items)
        .on_conflict_do_nothing_on([question::Column::Code])
        .exec(db)
        .await?;
    let templates = bank.templates.iter().map(|t| poll_template::ActiveModel {
        code: Set(t.code.clone()),
        kind: Set(t.kind.clone()),
        name_nl: Set(t.name_nl.clone()),
        name_en: Set(t.name_en.clone()),
        intro_nl: Set(t.intro_nl.clone()),
        intro_en: Set(t.intro_en.clone()),
        pages: Set(serde_json::to_string(&t.pages).expect("pages serialise")),
        attributes: Set(serde_json::to_string(&t.attributes).expect("attributes serialise")),
        min_group: Set(t.min_group.max(5)),
    });
    poll_template::Entity::insert_many(templates)
        .on_conflict_do_nothing_on([poll_template::Column::Code])
        .exec(db)
        .await?;
    Ok(())
}

/// Turns a stored question into what the respondent's form shows.
pub fn to_form_question(q: &question::Model) -> Question {
    let spec: Spec = serde_json::from_str(&q.spec).unwrap_or_default();
    let choices = || {
        spec.options
            .iter()
            .map(|o| Choice {
                code: o.code.clone(),
                label_nl: o.label_nl.clone(),
                label_en: o.label_en.clone(),
            })
            .collect()
    };
    let kind = match q.kind.as_str() {
        "likert" => QuestionKind::Likert {
            dont_know: q.dont_know,
        },
        "single" => QuestionKind::Single { options: choices() },
        "multi" => QuestionKind::Multi {
            options: choices(),
            max_choices: spec.max_choices,
        },
        "scale010" => QuestionKind::Scale010 {
            low_nl: spec
                .low_nl
                .clone()
                .unwrap_or_else(|| "Zeer onwaarschijnlijk".into()),
            low_en: spec
                .low_en
                .clone()
                .unwrap_or_else(|| "Very unlikely".into()),
            high_nl: spec
                .high_nl
                .clone()
                .unwrap_or_else(|| "Zeer waarschijnlijk".into()),
            high_en: spec.high_en.clone().unwrap_or_else(|| "Very likely".into()),
        },
        _ => QuestionKind::Text {
            max_length: spec.max_length.unwrap_or(DEFAULT_TEXT_LIMIT),
        },
    };
    Question {
        code: q.code.clone(),
        text_nl: q.text_nl.clone(),
        text_en: q.text_en.clone(),
        required: q.required,
        kind,
    }
}

/// Builds the respondent's view of a poll from the stored poll and its questions.
pub fn form_for(
    poll: &crate::entities::poll::Model,
    closes_on: String,
    questions: &[question::Model],
) -> PollForm {
    let pages: Vec<Vec<String>> = serde_json::from_str(&poll.pages).unwrap_or_default();
    let pages = pages
        .iter()
        .map(|codes| {
            codes
                .iter()
                .filter_map(|c| questions.iter().find(|q| &q.code == c))
                .map(to_form_question)
                .collect::<Vec<_>>()
        })
        .filter(|p| !p.is_empty())
        .collect();
    PollForm {
        title_nl: poll.title_nl.clone(),
        title_en: poll.title_en.clone(),
        intro_nl: poll.intro_nl.clone(),
        intro_en: poll.intro_en.clone(),
        closes_on,
        min_group: poll.min_group.max(5) as u32,
        pages,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_bundled_bank_is_consistent() {
        let bank = bundled();
        let themes: HashSet<&str> = bank.themes.iter().map(|t| t.code.as_str()).collect();
        let mut codes = HashSet::new();
        for i in &bank.items {
            assert!(codes.insert(i.code.as_str()), "duplicate item {}", i.code);
            assert!(
                themes.contains(i.theme.as_str()),
                "unknown theme of {}",
                i.code
            );
            assert!(
                ["likert", "single", "multi", "scale010", "text"].contains(&i.kind.as_str()),
                "unknown kind of {}",
                i.code
            );
            if i.kind == "single" || i.kind == "multi" {
                assert!(i.spec.options.len() >= 2, "{} needs options", i.code);
            }
            assert!(!i.text_nl.trim().is_empty() && !i.text_en.trim().is_empty());
        }
        for t in &bank.templates {
            assert!(t.min_group >= 5);
            for c in t.pages.iter().flatten() {
                assert!(
                    codes.contains(c.as_str()),
                    "template {} names unknown {c}",
                    t.code
                );
            }
        }
        for required in [
            "flitspeiling-koopkracht",
            "flitspeiling-maatschappelijke-onrust",
            "medewerkersmonitor-weerbaarheid-vertrouwen",
            "ethisch-werkklimaat",
        ] {
            assert!(
                bank.templates.iter().any(|t| t.code == required),
                "{required}"
            );
        }
    }
}
