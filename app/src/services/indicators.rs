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
use super::{audit, Actor, Permission, Refusal, ServiceError, Store};
use crate::domain::{IndicatorKind, Localized, OrgLevel, Period, Role};
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
        .map(|i| {
            let of = values.remove(&i.code).unwrap_or_default();
            Indicator::of(i, of)
        })
        .collect())
}

impl Indicator {
    fn of(i: indicator::Model, values: BTreeMap<(String, Period), f64>) -> Indicator {
        Indicator {
            values,
            code: i.code,
            name: Localized::new(i.name_nl, i.name_en),
            definition: Localized::new(i.definition_nl, i.definition_en),
            source: i.source,
            kind: i.kind,
            people: i.people,
            theme_code: i.theme_code,
            active: i.active,
        }
    }

    /// What a page says of it, with the name of its theme out of `themes` (code → name).
    fn info(&self, themes: &BTreeMap<String, Localized>) -> crate::domain::IndicatorInfo {
        crate::domain::IndicatorInfo {
            code: self.code.clone(),
            name: self.name.clone(),
            definition: self.definition.clone(),
            source: self.source.clone(),
            kind: self.kind,
            people: self.people,
            theme: themes.get(&self.theme_code).cloned(),
        }
    }
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
    let names: BTreeMap<String, Localized> = themes.iter().cloned().collect();
    let rows = all(store, actor)
        .await?
        .into_iter()
        .map(|i| {
            let mut per: BTreeMap<Period, usize> = BTreeMap::new();
            for (_, p) in i.values.keys() {
                *per.entry(*p).or_default() += 1;
            }
            crate::domain::IndicatorRow {
                info: i.info(&names),
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

/// Where an actor may record values: every unit and the organisation (HRM, the command
/// line), or its own unit only (the unit's coordinator: its code and name).
#[derive(Clone, Debug, PartialEq, Eq)]
enum Reach {
    All,
    Unit { code: String, name: String },
}

/// The reach of `actor`, reading a coordinator's unit (so checking that it still exists).
///
/// # Errors
/// `Forbidden` for anyone who may not record indicators, and for a coordinator whose unit is
/// gone from the organisation (the refusal says so).
async fn reach(store: &Store, actor: &Actor) -> Result<Reach, ServiceError> {
    actor.require(Permission::RecordIndicators)?;
    let Actor::Account {
        role: Role::Coordinator,
        scope,
        ..
    } = actor
    else {
        return Ok(Reach::All);
    };
    let unit = scope.clone().ok_or_else(ServiceError::not_allowed)?;
    let node = org_unit::Entity::find()
        .filter(org_unit::Column::Code.eq(unit.clone()))
        .filter(org_unit::Column::Level.eq(OrgLevel::Unit))
        .one(&store.read())
        .await?;
    match node {
        Some(n) => Ok(Reach::Unit {
            code: n.code,
            name: n.name,
        }),
        None => Err(ServiceError::forbidden(Refusal::new(
            msg!("forbidden-title"),
            msg!("account-scope-gone", code = unit),
        ))),
    }
}

/// What a value is checked against: the indicators by code and the organisation's units.
struct Known {
    indicators: BTreeMap<String, indicator::Model>,
    units: BTreeSet<String>,
}

async fn known(store: &Store) -> Result<Known, ServiceError> {
    let read = store.read();
    Ok(Known {
        indicators: indicator::Entity::find()
            .all(&read)
            .await?
            .into_iter()
            .map(|i| (i.code.clone(), i))
            .collect(),
        units: org_unit::Entity::find()
            .filter(org_unit::Column::Level.eq(OrgLevel::Unit))
            .all(&read)
            .await?
            .into_iter()
            .map(|u| u.code)
            .collect(),
    })
}

/// Why a value as written cannot be recorded.
#[derive(Clone, Debug, PartialEq)]
enum Problem {
    Indicator(String),
    Unit(String),
    /// A unit (or the organisation, empty) outside the coordinator's own.
    NotYours {
        unit: String,
        own: String,
    },
    Period(String),
    Value(IndicatorKind, String),
}

impl Problem {
    /// The form field it belongs to.
    fn field(&self) -> &'static str {
        match self {
            Problem::Indicator(_) => "indicator",
            Problem::Unit(_) | Problem::NotYours { .. } => "unit",
            Problem::Period(_) => "period",
            Problem::Value(..) => "value",
        }
    }

    /// The message for a line of a CSV file.
    fn on_line(&self, line: u64) -> Message {
        match self.clone() {
            Problem::Indicator(code) => msg!("indicator-unknown", line = line, code = code),
            Problem::Unit(unit) => msg!("indicator-unit-unknown", line = line, unit = unit),
            Problem::NotYours { unit, own } if unit.is_empty() => {
                msg!("indicator-line-organisation", line = line, own = own)
            }
            Problem::NotYours { unit, own } => {
                msg!(
                    "indicator-line-other-unit",
                    line = line,
                    unit = unit,
                    own = own
                )
            }
            Problem::Period(period) => {
                msg!("indicator-period-invalid", line = line, period = period)
            }
            Problem::Value(IndicatorKind::Count, value) => {
                msg!("indicator-value-count", line = line, value = value)
            }
            Problem::Value(IndicatorKind::Percent, value) => {
                msg!("indicator-value-percent", line = line, value = value)
            }
            Problem::Value(IndicatorKind::Number, value) => {
                msg!("indicator-value-number", line = line, value = value)
            }
        }
    }

    /// The message beside the field of the form that records one value.
    fn on_field(&self) -> Message {
        match self.clone() {
            Problem::Indicator(_) => msg!("indicator-field-indicator"),
            Problem::Unit(unit) => msg!("indicator-field-unit", unit = unit),
            Problem::NotYours { own, .. } => msg!("indicator-field-not-yours", own = own),
            Problem::Period(period) => msg!("indicator-field-period", period = period),
            Problem::Value(IndicatorKind::Count, value) => {
                msg!("indicator-field-count", value = value)
            }
            Problem::Value(IndicatorKind::Percent, value) => {
                msg!("indicator-field-percent", value = value)
            }
            Problem::Value(IndicatorKind::Number, value) => {
                msg!("indicator-field-number", value = value)
            }
        }
    }
}

/// One value as written, checked: `(indicator code, unit code or empty for the
/// organisation, half year, value)`. The unit is written as its code, or empty,
/// `organisatie` or `organisation` for the whole organisation.
fn check(
    known: &Known,
    reach: &Reach,
    (code, unit, period, value): (&str, &str, &str, &str),
) -> Result<(String, String, Period, f64), Problem> {
    let code = code.trim();
    let unit = match unit.trim().to_lowercase().as_str() {
        "" | "organisatie" | "organisation" => String::new(),
        _ => unit.trim().to_string(),
    };
    let Some(ind) = known.indicators.get(code).filter(|i| i.active) else {
        return Err(Problem::Indicator(code.to_string()));
    };
    if !unit.is_empty() && !known.units.contains(&unit) {
        return Err(Problem::Unit(unit));
    }
    if let Reach::Unit { code: own, .. } = reach {
        if *own != unit {
            return Err(Problem::NotYours {
                unit,
                own: own.clone(),
            });
        }
    }
    let Ok(period) = period.parse::<Period>() else {
        return Err(Problem::Period(period.trim().to_string()));
    };
    let parsed = number(value).filter(|v| match ind.kind {
        IndicatorKind::Count => *v >= 0.0 && v.fract() == 0.0,
        IndicatorKind::Percent => (0.0..=100.0).contains(v),
        IndicatorKind::Number => true,
    });
    let Some(parsed) = parsed else {
        return Err(Problem::Value(ind.kind, value.trim().to_string()));
    };
    Ok((code.to_string(), unit, period, parsed))
}

/// Records checked values in one transaction (a value recorded again replaces the one
/// before), audited as `action` with `detail`.
async fn store_values(
    store: &Store,
    actor: &Actor,
    rows: BTreeMap<(String, String, Period), f64>,
    (action, target, detail): (&str, &str, &str),
) -> Result<(), ServiceError> {
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
    audit::record(&*w, actor, action, target, detail).await?;
    w.commit().await?;
    Ok(())
}

/// One value as a form sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewValue {
    pub indicator: String,
    /// A unit code; empty (or `organisatie`) for the whole organisation. A coordinator's
    /// value is always for their own unit, whatever this says.
    pub unit: String,
    /// A half year, `2025-H2`.
    pub period: String,
    /// Written the Dutch (`12,5`) or the English way (`12.5`).
    pub value: String,
}

/// Records one value of an indicator for a unit (or the organisation) and half year,
/// replacing the one recorded before. HRM records for every unit; a unit's coordinator for
/// their own unit only. Audited.
///
/// # Errors
/// `Forbidden` for anyone who may not record indicators, or a coordinator whose unit is
/// gone; `Invalid` on `indicator` (unknown or switched off), `unit` (unknown, or not the
/// coordinator's own), `period` (not a half year) or `value` (not a number of the
/// indicator's kind). Nothing is recorded then.
pub async fn record(store: &Store, actor: &Actor, new: NewValue) -> Result<(), ServiceError> {
    let reach = reach(store, actor).await?;
    let unit = match &reach {
        Reach::Unit { code, .. } => code.clone(),
        Reach::All => new.unit.clone(),
    };
    let known = known(store).await?;
    let (code, unit, period, value) = check(
        &known,
        &reach,
        (&new.indicator, &unit, &new.period, &new.value),
    )
    .map_err(|p| ServiceError::invalid(p.field(), p.on_field()))?;
    let detail = format!(
        "{} {period}",
        if unit.is_empty() {
            "organisation"
        } else {
            &unit
        }
    );
    store_values(
        store,
        actor,
        [((code.clone(), unit, period), value)].into(),
        ("indicator.record", &code, &detail),
    )
    .await
}

/// Records indicator values from CSV text, `;`- or `,`-separated, with the header
/// `indicator;eenheid;periode;waarde` (or `indicator;unit;period;value`): one line per
/// indicator, unit code (empty or `organisatie` for the whole organisation), half year and
/// value. All or nothing: one line that is wrong and nothing is recorded; every wrong line is
/// named. A value recorded again replaces the one before. A unit's coordinator records
/// lines of their own unit only. Audited.
///
/// # Errors
/// `Forbidden` for anyone who may not record indicators; `Invalid` (field `csv`) listing
/// each wrong line: an unknown or switched-off indicator, an unknown unit, a unit (or the
/// organisation) that is not the coordinator's own, a period that is not a half year, a
/// value that is not a number, negative for a count, or over 100 for a percentage, a
/// count that is not whole, or the same cell twice.
pub async fn import_csv(
    store: &Store,
    actor: &Actor,
    text: &str,
) -> Result<Imported, ServiceError> {
    let reach = reach(store, actor).await?;
    let known = known(store).await?;
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
        if r.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let get = |i: usize| r.get(i).unwrap_or("");
        match check(&known, &reach, (get(ci), get(cu), get(cp), get(cv))) {
            Err(p) => problems.push(p.on_line(line)),
            Ok((code, unit, period, value)) => {
                if rows.insert((code, unit, period), value).is_some() {
                    problems.push(msg!("indicator-value-twice", line = line));
                }
            }
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
    store_values(
        store,
        actor,
        rows,
        ("indicator.import", "csv", &format!("{n} values")),
    )
    .await?;
    Ok(Imported { values: n })
}

/// A coordinator's page: their unit, its name, every active indicator with the values
/// recorded for the unit (written in `locale`), and the half years to record a value for,
/// counted back from `today`.
///
/// # Errors
/// `Forbidden` for anyone but a unit's coordinator (HRM records on its own page), and for a
/// coordinator whose unit is gone.
pub async fn unit_page(
    store: &Store,
    actor: &Actor,
    locale: crate::i18n::Locale,
    today: time::Date,
) -> Result<crate::domain::UnitIndicatorsView, ServiceError> {
    use super::entities::theme;
    let Reach::Unit {
        code: unit,
        name: unit_name,
    } = reach(store, actor).await?
    else {
        return Err(ServiceError::not_allowed());
    };
    let read = store.read();
    let themes: BTreeMap<String, Localized> = theme::Entity::find()
        .all(&read)
        .await?
        .into_iter()
        .map(|t| (t.code, Localized::new(t.name_nl, t.name_en)))
        .collect();
    let mut values: BTreeMap<String, Vec<(Period, f64)>> = BTreeMap::new();
    for v in indicator_value::Entity::find()
        .filter(indicator_value::Column::UnitCode.eq(unit.clone()))
        .all(&read)
        .await?
    {
        if let Ok(p) = v.period.parse::<Period>() {
            values
                .entry(v.indicator_code)
                .or_default()
                .push((p, v.value));
        }
    }
    let rows = indicator::Entity::find()
        .filter(indicator::Column::Active.eq(true))
        .order_by_asc(indicator::Column::Position)
        .all(&read)
        .await?
        .into_iter()
        .map(|i| {
            let mut of = values.remove(&i.code).unwrap_or_default();
            of.sort_by_key(|v| std::cmp::Reverse(v.0));
            let i = Indicator::of(i, BTreeMap::new());
            crate::domain::UnitIndicatorRow {
                info: i.info(&themes),
                values: of
                    .into_iter()
                    .map(|(p, v)| (p.to_string(), written(i.kind, v, locale).1))
                    .collect(),
            }
        })
        .collect();
    let now = Period::of(today);
    let periods: Vec<String> = std::iter::successors(Some(now), |p| Some(p.previous()))
        .take(6)
        .map(|p| p.to_string())
        .collect();
    Ok(crate::domain::UnitIndicatorsView {
        unit_code: unit,
        unit_name,
        rows,
        periods,
        default_period: now.previous().to_string(),
    })
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
