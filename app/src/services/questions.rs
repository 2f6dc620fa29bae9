//! The question bank: themes, questions and poll templates. The standard bank
//! (`app/data/vragenbank.json`) is written into the database at start where missing;
//! questions that already exist are left alone, so edits made by HRM are never overwritten.
//! Also: turning a stored question into what the respondent's form shows.

use super::entities::{poll_template, question, theme};
use super::{Actor, Permission, ServiceError, Store};
use crate::domain::{
    Choice, Localized, PollKind, Question, QuestionInput, QuestionKind, ReportingAttribute,
    ReportingThreshold, DEFAULT_TEXT_LIMIT,
};
use crate::i18n::Locale;
use crate::{msg, tr};
use sea_orm::{ActiveValue::Set, ColumnTrait, DbErr, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};

const BANK_JSON: &str = include_str!("../../data/vragenbank.json");

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

#[derive(Debug, Deserialize, Serialize, Clone, PartialEq, Eq)]
pub struct BankChoice {
    pub code: String,
    pub label_nl: String,
    pub label_en: String,
}

/// The kind-specific part of a question, stored as JSON in `question.spec`.
#[derive(Debug, Default, Deserialize, Serialize, Clone, PartialEq, Eq)]
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
    pub kind: QuestionKind,
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
    pub kind: PollKind,
    pub name_nl: String,
    pub name_en: String,
    pub intro_nl: String,
    pub intro_en: String,
    pub pages: Vec<Vec<String>>,
    pub attributes: Vec<ReportingAttribute>,
    pub min_group: ReportingThreshold,
}

/// The bank shipped with this binary. Its consistency is checked by a unit test.
pub fn bundled() -> Bank {
    serde_json::from_str(BANK_JSON).expect("data/vragenbank.json is checked by the test suite")
}

/// The answer scale of a kind, as the analysis bundle states it.
pub fn scale_of(kind: QuestionKind) -> (Option<i32>, Option<i32>) {
    match kind {
        QuestionKind::Likert => (Some(1), Some(5)),
        QuestionKind::Scale010 => (Some(0), Some(10)),
        _ => (None, None),
    }
}

/// A question to add to the bank.
#[derive(Clone, Debug)]
pub struct NewQuestion {
    pub code: String,
    pub theme: String,
    pub kind: QuestionKind,
    pub text: Localized,
    pub reversed: bool,
    pub dont_know: bool,
    pub required: bool,
    pub sensitive: bool,
    pub spec: Spec,
}

impl From<&BankItem> for NewQuestion {
    fn from(i: &BankItem) -> Self {
        NewQuestion {
            code: i.code.clone(),
            theme: i.theme.clone(),
            kind: i.kind,
            text: Localized::new(&i.text_nl, &i.text_en),
            reversed: i.reversed,
            dont_know: i.dont_know,
            required: i.required.unwrap_or(i.kind != QuestionKind::Text),
            sensitive: i.sensitive,
            spec: i.spec.clone(),
        }
    }
}

fn question_model(q: &NewQuestion) -> question::ActiveModel {
    let (lo, hi) = scale_of(q.kind);
    question::ActiveModel {
        code: Set(q.code.clone()),
        theme_code: Set(q.theme.clone()),
        kind: Set(q.kind),
        text_nl: Set(q.text.nl.clone()),
        text_en: Set(q.text.en.clone()),
        reversed: Set(q.reversed),
        dont_know: Set(q.dont_know),
        required: Set(q.required),
        sensitive: Set(q.sensitive),
        scale_min: Set(lo),
        scale_max: Set(hi),
        spec: Set(serde_json::to_string(&q.spec).expect("spec serialises")),
    }
}

fn theme_model(code: &str, name: &Localized, description: &Localized) -> theme::ActiveModel {
    theme::ActiveModel {
        code: Set(code.to_string()),
        name_nl: Set(name.nl.clone()),
        name_en: Set(name.en.clone()),
        description_nl: Set(description.nl.clone()),
        description_en: Set(description.en.clone()),
    }
}

/// Writes the bundled bank into the database; existing rows are kept as they are.
pub(crate) async fn seed(store: &Store) -> Result<(), DbErr> {
    let bank = bundled();
    let w = store.write().await?;
    let themes = bank.themes.iter().map(|t| {
        theme_model(
            &t.code,
            &Localized::new(&t.name_nl, &t.name_en),
            &Localized::new(&t.description_nl, &t.description_en),
        )
    });
    theme::Entity::insert_many(themes)
        .on_conflict_do_nothing_on([theme::Column::Code])
        .exec(&*w)
        .await?;
    let items = bank
        .items
        .iter()
        .map(|i| question_model(&NewQuestion::from(i)));
    question::Entity::insert_many(items)
        .on_conflict_do_nothing_on([question::Column::Code])
        .exec(&*w)
        .await?;
    let templates = bank.templates.iter().map(|t| poll_template::ActiveModel {
        code: Set(t.code.clone()),
        kind: Set(t.kind),
        name_nl: Set(t.name_nl.clone()),
        name_en: Set(t.name_en.clone()),
        intro_nl: Set(t.intro_nl.clone()),
        intro_en: Set(t.intro_en.clone()),
        pages: Set(serde_json::to_string(&t.pages).expect("pages serialise")),
        attributes: Set(serde_json::to_string(&t.attributes).expect("attributes serialise")),
        min_group: Set(t.min_group.get() as i32),
    });
    poll_template::Entity::insert_many(templates)
        .on_conflict_do_nothing_on([poll_template::Column::Code])
        .exec(&*w)
        .await?;
    w.commit().await
}

/// Adds a theme to the bank.
pub async fn add_theme(
    store: &Store,
    actor: &Actor,
    code: &str,
    name: Localized,
    description: Localized,
) -> Result<(), ServiceError> {
    actor.require(Permission::ManagePolls)?;
    let w = store.write().await?;
    theme::Entity::insert(theme_model(code, &name, &description))
        .exec_without_returning(&*w)
        .await
        .map_err(|e| {
            ServiceError::on_unique(e, "code", msg!("question-code-taken", code = code))
        })?;
    w.commit().await?;
    Ok(())
}

/// The longest question text, per language.
pub const MAX_TEXT: usize = 500;

/// Adds a question to the bank (recorded in the audit log).
///
/// # Errors
/// `Invalid` on `code` (empty, over 32 characters, or other than letters, digits, `_` and
/// `-`), `theme` (not in the bank), `text_nl` / `text_en` (empty or over [`MAX_TEXT`]),
/// `kind` (a choice question without options), `reversed` (on a question that is not
/// scored); `Conflict` on `code` when the bank has it.
pub async fn add(store: &Store, actor: &Actor, q: NewQuestion) -> Result<(), ServiceError> {
    actor.require(Permission::ManagePolls)?;
    let mut problems: Vec<(&str, crate::i18n::Message)> = Vec::new();
    let code_ok = !q.code.is_empty()
        && q.code.chars().count() <= 32
        && q.code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if !code_ok {
        problems.push(("code", msg!("question-code-bad")));
    }
    if theme::Entity::find_by_id(q.theme.clone())
        .one(&store.read())
        .await?
        .is_none()
    {
        problems.push(("theme", msg!("question-theme-unknown")));
    }
    for (field, text) in [("text_nl", &q.text.nl), ("text_en", &q.text.en)] {
        let n = text.trim().chars().count();
        if n == 0 || n > MAX_TEXT || text.chars().any(|c| c.is_control() && c != '\n') {
            problems.push((field, msg!("question-text-bad", max = MAX_TEXT)));
        }
    }
    if matches!(q.kind, QuestionKind::Single | QuestionKind::Multi) && q.spec.options.len() < 2 {
        problems.push(("kind", msg!("question-options-missing")));
    }
    if q.reversed && !matches!(q.kind, QuestionKind::Likert) {
        problems.push(("reversed", msg!("question-reversed-scored-only")));
    }
    if !problems.is_empty() {
        return Err(ServiceError::Invalid(
            problems
                .into_iter()
                .map(|(field, message)| crate::refusal::FieldError {
                    field: field.to_string(),
                    message,
                })
                .collect(),
        ));
    }
    let w = store.write().await?;
    question::Entity::insert(question_model(&q))
        .exec_without_returning(&*w)
        .await
        .map_err(|e| {
            ServiceError::on_unique(
                e,
                "code",
                msg!("question-code-taken", code = q.code.as_str()),
            )
        })?;
    super::audit::record(&*w, actor, "question.add", &q.code, q.kind.as_str()).await?;
    w.commit().await?;
    Ok(())
}

/// The bank's themes, by code, with their names.
pub async fn themes(
    store: &Store,
    actor: &Actor,
) -> Result<Vec<(String, Localized)>, ServiceError> {
    actor.require(Permission::ReadPolls)?;
    use sea_orm::QueryOrder;
    Ok(theme::Entity::find()
        .order_by_asc(theme::Column::Code)
        .all(&store.read())
        .await?
        .into_iter()
        .map(|t| (t.code, Localized::new(t.name_nl, t.name_en)))
        .collect())
}

/// Every question of the bank, by theme and code, as HRM chooses from them.
pub async fn bank_rows(
    store: &Store,
    actor: &Actor,
) -> Result<Vec<crate::domain::BankQuestionRow>, ServiceError> {
    use sea_orm::QueryOrder;
    let themes: std::collections::HashMap<String, Localized> =
        themes(store, actor).await?.into_iter().collect();
    Ok(question::Entity::find()
        .order_by_asc(question::Column::ThemeCode)
        .order_by_asc(question::Column::Code)
        .all(&store.read())
        .await?
        .into_iter()
        .map(|q| crate::domain::BankQuestionRow {
            theme_name: themes.get(&q.theme_code).cloned().unwrap_or_default(),
            code: q.code,
            theme: q.theme_code,
            text: Localized::new(q.text_nl, q.text_en),
            kind: q.kind,
            reversed: q.reversed,
            dont_know: q.dont_know,
            required: q.required,
        })
        .collect())
}

/// Questions by code, in no particular order.
pub async fn by_codes(
    store: &Store,
    actor: &Actor,
    codes: &[String],
) -> Result<Vec<question::Model>, ServiceError> {
    actor.require(Permission::ReadPolls)?;
    by_codes_unchecked(store, codes).await
}

/// [`by_codes`] for services that have checked the actor already.
pub(crate) async fn by_codes_unchecked(
    store: &Store,
    codes: &[String],
) -> Result<Vec<question::Model>, ServiceError> {
    Ok(question::Entity::find()
        .filter(question::Column::Code.is_in(codes.iter().cloned()))
        .all(&store.read())
        .await?)
}

/// The stored kind-specific part of a question; corrupt JSON is an error.
pub fn spec_of(q: &question::Model) -> Result<Spec, ServiceError> {
    serde_json::from_str(&q.spec)
        .map_err(|e| ServiceError::corrupt(format!("question {} spec", q.code), e))
}

/// Turns a stored question into what the respondent's form shows.
pub fn to_form_question(q: &question::Model) -> Result<Question, ServiceError> {
    let spec = spec_of(q)?;
    if matches!(q.kind, QuestionKind::Single | QuestionKind::Multi) && spec.options.len() < 2 {
        return Err(ServiceError::corrupt(
            format!("question {} options", q.code),
            crate::domain::UnknownValue("fewer than two options".into()),
        ));
    }
    let choices = || {
        spec.options
            .iter()
            .map(|o| Choice {
                code: o.code.clone(),
                label: Localized::new(&o.label_nl, &o.label_en),
            })
            .collect()
    };
    // An end of the 0–10 scale: the question's own words, else the catalogue's.
    let end = |nl: &Option<String>, en: &Option<String>, default: fn(Locale) -> String| match nl {
        Some(nl) => Localized::new(nl, en.clone().unwrap_or_default()),
        None => Localized::new(default(Locale::Nl), default(Locale::En)),
    };
    let input = match q.kind {
        QuestionKind::Likert => QuestionInput::Likert {
            dont_know: q.dont_know,
        },
        QuestionKind::Single => QuestionInput::Single { options: choices() },
        QuestionKind::Multi => QuestionInput::Multi {
            options: choices(),
            max_choices: spec.max_choices,
        },
        QuestionKind::Scale010 => QuestionInput::Scale010 {
            low: end(&spec.low_nl, &spec.low_en, |l| tr!(l, "scale-low-default")),
            high: end(&spec.high_nl, &spec.high_en, |l| {
                tr!(l, "scale-high-default")
            }),
        },
        QuestionKind::Text => QuestionInput::Text {
            max_length: spec.max_length.unwrap_or(DEFAULT_TEXT_LIMIT),
        },
    };
    Ok(Question {
        code: q.code.clone(),
        text: Localized::new(&q.text_nl, &q.text_en),
        required: q.required,
        input,
    })
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
            if matches!(i.kind, QuestionKind::Single | QuestionKind::Multi) {
                assert!(i.spec.options.len() >= 2, "{} needs options", i.code);
            }
            assert!(!i.text_nl.trim().is_empty() && !i.text_en.trim().is_empty());
        }
        for t in &bank.templates {
            assert!(t.min_group.get() >= 5);
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
