//! Indicators from outside the polls (issue #13): what HRM counts or measures elsewhere —
//! integrity investigations (*VIK-onderzoeken*) and the share linked to social unrest, sick
//! leave, staffing shortfall — per unit and half year, each with its definition and source,
//! shown in the sociaal jaarbeeld beside the survey theme it belongs to.
//!
//! A value that counts people is a figure about people like any other: under the reporting
//! threshold it is never shown, and where one hidden unit could be found back from the
//! organisation's total, the smallest shown unit is hidden with it ([`super::report`]).

use super::entities::{indicator, indicator_value, org_unit};
use super::error::FieldError;
use super::{audit, Actor, Permission, ServiceError, Store};
use crate::domain::{IndicatorKind, Localized, OrgLevel, Period};
use crate::i18n::Message;
use crate::msg;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::{BTreeMap, BTreeSet};

/// An indicator as HRM defines it.
#[derive(Clone, Debug, PartialEq)]
pub struct NewIndicator {
    /// Letters, digits, `-` and `_`; 2–40 characters.
    pub code: String,
    pub name: Localized,
    pub definition: Localized,
    /// Where the values come from (a register, a system, a department).
    pub source: String,
    pub kind: IndicatorKind,
    /// Whether a value counts people (then a value under the threshold is never shown).
    pub people: bool,
    /// The survey theme it stands beside; empty for none.
    pub theme_code: String,
}

/// One indicator with its values: `(unit code, empty for the organisation; period) → value`.
#[derive(Clone, Debug, PartialEq)]
pub struct Indicator {
    pub code: String,
    pub name: Localized,
    pub definition: Localized,
    pub source: String,
    pub kind: IndicatorKind,
    pub people: bool,
    pub theme_code: String,
    pub active: bool,
    pub values: BTreeMap<(String, Period), f64>,
}

/// The values of `ind` in half year `period` as they may be shown: unit code (empty for the
/// organisation) → `Some(value)`, or `None` where it is hidden. A value that counts people
/// is hidden under `k` (methodology A2, a zero too), and where hidden units could be found
/// back from the organisation's recorded total the smallest shown ones are hidden with them
/// ([`super::report::protect_counts`], the tree rule for counts). Other values are shown.
pub(crate) fn published(ind: &Indicator, period: Period, k: u64) -> BTreeMap<String, Option<f64>> {
    let of_period: Vec<(&String, f64)> = ind
        .values
        .iter()
        .filter(|((_, p), _)| *p == period)
        .map(|((u, _), v)| (u, *v))
        .collect();
    if !ind.people {
        return of_period
            .into_iter()
            .map(|(u, v)| (u.clone(), Some(v)))
            .collect();
    }
    let count = |v: f64| v.max(0.0) as u64;
    let units: Vec<(&String, f64)> = of_period
        .iter()
        .copied()
        .filter(|(u, _)| !u.is_empty())
        .collect();
    let counts: Vec<u64> = units.iter().map(|(_, v)| count(*v)).collect();
    let org = of_period
        .iter()
        .find(|(u, _)| u.is_empty())
        .map(|(_, v)| *v);
    // The organisation's value, where recorded, is the parent the units add up to.
    let remainder = org.map(|v| count(v).saturating_sub(counts.iter().sum()));
    let hidden = super::report::protect_counts(&counts, remainder, k);
    let mut out: BTreeMap<String, Option<f64>> = units
        .iter()
        .zip(hidden)
        .map(|((u, v), hide)| ((*u).clone(), (!hide).then_some(*v)))
        .collect();
    if let Some(v) = org {
        out.insert(String::new(), (count(v) >= k).then_some(v));
    }
    out
}

/// How a value of `kind` is written in `locale`, with its number of decimals: counts whole,
/// percentages with one decimal and `%`, other numbers with one decimal.
pub(crate) fn written(kind: IndicatorKind, v: f64, locale: crate::i18n::Locale) -> (u8, String) {
    match kind {
        IndicatorKind::Count => (0, locale.decimal(v, 0)),
        IndicatorKind::Percent => (1, format!("{}%", locale.decimal(v, 1))),
        IndicatorKind::Number => (1, locale.decimal(v, 1)),
    }
}

fn code_ok(code: &str) -> bool {
    (2..=40).contains(&code.chars().count())
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Defines an indicator, or changes the definition of the one with that code (its values
/// stay). Audited.
///
/// # Errors
/// `Forbidden` for anyone but HRM; `Invalid` per field: a code that is not one, an empty
/// name or definition in either language, an empty source, a theme the bank does not have.
pub async fn define(store: &Store, actor: &Actor, new: NewIndicator) -> Result<(), ServiceError> {
    use super::entities::theme;
    actor.require(Permission::ManageIndicators)?;
    let mut errors = Vec::new();
    let mut bad = |field: &str, m: Message| {
        errors.push(FieldError {
            field: field.to_string(),
            message: m,
        })
    };
    let code = new.code.trim().to_string();
    if !code_ok(&code) {
        bad("code", msg!("indicator-code-invalid"));
    }
    for (field, text) in [
        ("name_nl", &new.name.nl),
        ("name_en", &new.name.en),
        ("definition_nl", &new.definition.nl),
        ("definition_en", &new.definition.en),
        ("source", &new.source),
    ] {
        if text.trim().is_empty() {
            bad(field, msg!("indicator-field-empty"));
        }
    }
    let read = store.read();
    let theme_code = new.theme_code.trim().to_string();
    if !theme_code.is_empty()
        && theme::Entity::find_by_id(theme_code.clone())
            .one(&read)
            .await?
            .is_none()
    {
        bad(
            "theme_code",
            msg!("indicator-theme-unknown", theme = theme_code.clone()),
        );
    }
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    let existing = indicator::Entity::find_by_id(code.clone())
        .one(&read)
        .await?;
    let position = match &existing {
        Some(e) => e.position,
        None => indicator::Entity::find().all(&read).await?.len() as i32,
    };
    let model = indicator::ActiveModel {
        code: Set(code.clone()),
        name_nl: Set(new.name.nl.trim().to_string()),
        name_en: Set(new.name.en.trim().to_string()),
        definition_nl: Set(new.definition.nl.trim().to_string()),
        definition_en: Set(new.definition.en.trim().to_string()),
        source: Set(new.source.trim().to_string()),
        kind: Set(new.kind),
        people: Set(new.people),
        theme_code: Set(theme_code),
        active: Set(existing.as_ref().is_none_or(|e| e.active)),
        position: Set(position),
    };
    let w = store.write().await?;
    indicator::Entity::insert(model)
        .on_conflict(
            sea_orm::sea_query::OnConflict::column(indicator::Column::Code)
                .update_columns([
                    indicator::Column::NameNl,
                    indicator::Column::NameEn,
                    indicator::Column::DefinitionNl,
                    indicator::Column::DefinitionEn,
                    indicator::Column::Source,
                    indicator::Column::Kind,
                    indicator::Column::People,
                    indicator::Column::ThemeCode,
                ])
                .to_owned(),
        )
        .exec_without_returning(&*w)
        .await?;
    audit::record(&*w, actor, "indicator.define", &code, "").await?;
    w.commit().await?;
    Ok(())
}

/// Every indicator with all its values, in the order they were defined.
///
/// # Errors
/// `Forbidden` for anyone who may not read the report.
pub async fn all(store: &Store, actor: &Actor) -> Result<Vec<Indicator>, ServiceError> {
    actor.require(Permission::ReadReport)?;
    let read = store.read();
    let mut values: BTreeMap<String, BTreeMap<(String, Period), f64>> = BTreeMap::new();
    for v in indicator_value::Entity::find().all(&read).await? {
        let Ok(period) = v.period.parse::<Period>() else {
            continue;
        };
        values
            .entry(v.indicator_code)
            .or_default()
            .insert((v.unit_code, period), v.value);
    }
    Ok(indicator::Entity::find()
        .order_by_asc(indicator::Column::Position)
        .all(&read)
        .await?
        .into_iter()
        .map(|i| Indicator {
            values: values.remove(&i.code).unwrap_or_default(),
            code: i.code,
            name: Localized::new(i.name_nl, i.name_en),
            definition: Localized::new(i.definition_nl, i.definition_en),
            source: i.source,
            kind: i.kind,
            people: i.people,
            theme_code: i.theme_code,
            active: i.active,
        })
        .collect())
}

/// The page of indicators: every indicator with the half years it has values for, and the
/// bank's themes to choose from.
///
/// # Errors
/// `Forbidden` for anyone but HRM.
pub async fn page(
    store: &Store,
    actor: &Actor,
) -> Result<(Vec<crate::domain::IndicatorRow>, Vec<(String, Localized)>), ServiceError> {
    use super::entities::theme;
    actor.require(Permission::ManageIndicators)?;
    let themes: Vec<(String, Localized)> = theme::Entity::find()
        .order_by_asc(theme::Column::NameNl)
        .all(&store.read())
        .await?
        .into_iter()
        .map(|t| (t.code, Localized::new(t.name_nl, t.name_en)))
        .collect();
    let rows = all(store, actor)
        .await?
        .into_iter()
        .map(|i| {
            let mut per: BTreeMap<Period, usize> = BTreeMap::new();
            for (_, p) in i.values.keys() {
                *per.entry(*p).or_default() += 1;
            }
            crate::domain::IndicatorRow {
                theme: themes
                    .iter()
                    .find(|(c, _)| *c == i.theme_code)
                    .map(|(_, n)| n.clone()),
                code: i.code,
                name: i.name,
                definition: i.definition,
                source: i.source,
                kind: i.kind,
                people: i.people,
                periods: per
                    .into_iter()
                    .rev()
                    .map(|(p, n)| (p.to_string(), n))
                    .collect(),
            }
        })
        .collect();
    Ok((rows, themes))
}

/// How many values an import recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Imported {
    pub values: usize,
}

/// Parses a number written the Dutch (`12,5`) or the English way (`12.5`).
fn number(raw: &str) -> Option<f64> {
    let t = raw.trim().replace(' ', "");
    let t = if t.contains(',') && !t.contains('.') {
        t.replace(',', ".")
    } else {
        t
    };
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Records indicator values from CSV text, `;`- or `,`-separated, with the header
/// `indicator;eenheid;periode;waarde` (or `indicator;unit;period;value`): one line per
/// indicator, unit code (empty or `organisatie` for the whole organisation), half year and
/// value. All or nothing: one line that is wrong and nothing is recorded; every wrong line is
/// named. A value recorded again replaces the one before. Audited.
///
/// # Errors
/// `Forbidden` for anyone but HRM; `Invalid` (field `csv`) listing each wrong line: an
/// unknown or switched-off indicator, an unknown unit, a period that is not a half year, a
/// value that is not a number, negative for a count, or over 100 for a percentage, a
/// count that is not whole, or the same cell twice.
pub async fn import_csv(
    store: &Store,
    actor: &Actor,
    text: &str,
) -> Result<Imported, ServiceError> {
    actor.require(Permission::ManageIndicators)?;
    let read = store.read();
    let indicators: BTreeMap<String, indicator::Model> = indicator::Entity::find()
        .all(&read)
        .await?
        .into_iter()
        .map(|i| (i.code.clone(), i))
        .collect();
    let units: BTreeSet<String> = org_unit::Entity::find()
        .filter(org_unit::Column::Level.eq(OrgLevel::Unit))
        .all(&read)
        .await?
        .into_iter()
        .map(|u| u.code)
        .collect();
    let first = text.lines().next().unwrap_or_default();
    let delimiter = if first.contains(';') { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|_| ServiceError::invalid("csv", msg!("indicator-csv-header")))?
        .iter()
        .map(|h| h.to_lowercase())
        .collect();
    let col = |names: [&str; 2]| header.iter().position(|h| names.contains(&h.as_str()));
    let (Some(ci), Some(cu), Some(cp), Some(cv)) = (
        col(["indicator", "indicator"]),
        col(["eenheid", "unit"]),
        col(["periode", "period"]),
        col(["waarde", "value"]),
    ) else {
        return Err(ServiceError::invalid("csv", msg!("indicator-csv-header")));
    };
    let mut problems: Vec<Message> = Vec::new();
    let mut rows: BTreeMap<(String, String, Period), f64> = BTreeMap::new();
    for (n, record) in reader.records().enumerate() {
        let line = (n + 2) as u64;
        let Ok(r) = record else {
            problems.push(msg!("indicator-line-unreadable", line = line));
            continue;
        };
        let get = |i: usize| r.get(i).unwrap_or("").trim().to_string();
        if r.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let code = get(ci);
        let unit = match get(cu).to_lowercase().as_str() {
            "" | "organisatie" | "organisation" => String::new(),
            _ => get(cu),
        };
        let Some(ind) = indicators.get(&code).filter(|i| i.active) else {
            problems.push(msg!("indicator-unknown", line = line, code = code));
            continue;
        };
        if !unit.is_empty() && !units.contains(&unit) {
            problems.push(msg!("indicator-unit-unknown", line = line, unit = unit));
            continue;
        }
        let Ok(period) = get(cp).parse::<Period>() else {
            problems.push(msg!(
                "indicator-period-invalid",
                line = line,
                period = get(cp)
            ));
            continue;
        };
        let value = number(&get(cv));
        let fits = value.is_some_and(|v| match ind.kind {
            IndicatorKind::Count => v >= 0.0 && v.fract() == 0.0,
            IndicatorKind::Percent => (0.0..=100.0).contains(&v),
            IndicatorKind::Number => true,
        });
        let (Some(value), true) = (value, fits) else {
            let raw = get(cv);
            problems.push(match ind.kind {
                IndicatorKind::Count => msg!("indicator-value-count", line = line, value = raw),
                IndicatorKind::Percent => {
                    msg!("indicator-value-percent", line = line, value = raw)
                }
                IndicatorKind::Number => msg!("indicator-value-number", line = line, value = raw),
            });
            continue;
        };
        if rows.insert((code, unit, period), value).is_some() {
            problems.push(msg!("indicator-value-twice", line = line));
        }
    }
    if !problems.is_empty() {
        return Err(ServiceError::Invalid(
            problems
                .into_iter()
                .take(50)
                .map(|message| FieldError {
                    field: "csv".into(),
                    message,
                })
                .collect(),
        ));
    }
    let n = rows.len();
    let who = actor.to_string();
    let now = time::OffsetDateTime::now_utc();
    let w = store.write().await?;
    for ((code, unit, period), value) in rows {
        indicator_value::Entity::insert(indicator_value::ActiveModel {
            indicator_code: Set(code),
            unit_code: Set(unit),
            period: Set(period.to_string()),
            value: Set(value),
            recorded_by: Set(who.clone()),
            recorded_at: Set(now),
        })
        .on_conflict(
            sea_orm::sea_query::OnConflict::columns([
                indicator_value::Column::IndicatorCode,
                indicator_value::Column::UnitCode,
                indicator_value::Column::Period,
            ])
            .update_columns([
                indicator_value::Column::Value,
                indicator_value::Column::RecordedBy,
                indicator_value::Column::RecordedAt,
            ])
            .to_owned(),
        )
        .exec_without_returning(&*w)
        .await?;
    }
    audit::record(
        &*w,
        actor,
        "indicator.import",
        "csv",
        &format!("{n} values"),
    )
    .await?;
    w.commit().await?;
    Ok(Imported { values: n })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_the_dutch_and_the_english_way() {
        assert_eq!(number("12,5"), Some(12.5));
        assert_eq!(number("12.5"), Some(12.5));
        assert_eq!(number(" 1 200 "), Some(1200.0));
        assert_eq!(number("NaN"), None);
        assert_eq!(number("veel"), None);
        assert!(code_ok("vik_onderzoeken") && !code_ok("v") && !code_ok("vik onderzoek"));
    }
}
