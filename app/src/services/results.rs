//! Results of closed waves. `export_bundle` writes the analysis bundle of a poll (DESIGN.md
//! "Analysis bundle"), so that every published figure can be reproduced from files. Only
//! closed waves are exported (results wait for the close, methodology.md A3), and every
//! export is written to the audit log.

use super::entities::wave;
use super::{
    audit, polls, questions, responses, roster, samples, Actor, Permission, Refusal, ServiceError,
    Store,
};
use crate::domain::{Answer, PollId, QuestionKind, ReportingAttribute, WaveStatus};
use crate::msg;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::path::Path;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportSummary {
    pub waves: usize,
    pub items: usize,
    pub responses: usize,
}

/// What a bundle's numbers are about, beside them as `meta.json` (additive to DESIGN.md's
/// bundle; the analysis does not read it): the poll, its threshold, the names of its themes
/// and units, and per wave its dates and how many were invited and answered per unit. With
/// it `polsslag report --bundle DIR` makes the same report as from the database.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BundleMeta {
    pub poll: MetaPoll,
    /// The reporting threshold k the poll's figures are published with.
    pub min_group: u32,
    pub themes: Vec<MetaName>,
    /// The units, by code, with their names.
    pub units: Vec<MetaName>,
    /// The closed waves, in label order.
    pub waves: Vec<MetaWave>,
}

impl BundleMeta {
    /// How many responses its waves hold.
    pub fn responses(&self) -> u64 {
        self.waves.iter().flat_map(|w| w.responses.values()).sum()
    }
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MetaPoll {
    pub id: String,
    /// `flitspeiling` or `monitor` (the kind's stored spelling).
    pub kind: String,
    pub title_nl: String,
    pub title_en: String,
}

/// A code with its name; `name_en` is the Dutch name where no English one exists.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MetaName {
    pub code: String,
    pub name_nl: String,
    pub name_en: String,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MetaWave {
    pub label: String,
    pub opens_on: time::Date,
    pub closes_on: time::Date,
    /// Whether the wave's invitees were drawn as a sample (methodology B2).
    pub sampled: bool,
    /// Invitees per unit (by their unit in the roster); empty for a wave answered through
    /// team or open links only.
    pub invited: std::collections::BTreeMap<String, u64>,
    /// Responses per unit (the unit the response carries).
    pub responses: std::collections::BTreeMap<String, u64>,
}

/// The [`BundleMeta`] of a poll's closed waves (in label order).
///
/// # Errors
/// `NotFound` for an unknown poll.
pub async fn bundle_meta(store: &Store, poll_id: &PollId) -> Result<BundleMeta, ServiceError> {
    use super::entities::{employee, invitation, org_unit, response, theme};
    use sea_orm::QuerySelect;
    let p = polls::load(store, poll_id).await?;
    let read = store.read();
    let waves = wave::Entity::find()
        .filter(wave::Column::PollId.eq(poll_id.clone()))
        .filter(wave::Column::Status.eq(WaveStatus::Closed))
        .order_by_asc(wave::Column::Label)
        .all(&read)
        .await?;
    let mut theme_codes: Vec<String> = polls::questions_of(store, &p)
        .await?
        .into_iter()
        .filter(|q| q.kind == QuestionKind::Likert)
        .map(|q| q.theme_code)
        .collect();
    theme_codes.sort();
    theme_codes.dedup();
    let themes = theme::Entity::find()
        .filter(theme::Column::Code.is_in(theme_codes))
        .order_by_asc(theme::Column::Code)
        .all(&read)
        .await?
        .into_iter()
        .map(|t| MetaName {
            code: t.code,
            name_nl: t.name_nl,
            name_en: t.name_en,
        })
        .collect();
    let units = org_unit::Entity::find()
        .filter(org_unit::Column::Level.eq(crate::domain::OrgLevel::Unit))
        .order_by_asc(org_unit::Column::Code)
        .all(&read)
        .await?
        .into_iter()
        .map(|u| MetaName {
            code: u.code,
            name_nl: u.name.clone(),
            name_en: u.name,
        })
        .collect();
    let to_employee: sea_orm::RelationDef = invitation::Entity::belongs_to(employee::Entity)
        .from(invitation::Column::EmployeeId)
        .to(employee::Column::Id)
        .into();
    let mut out = Vec::new();
    for w in waves {
        // Each invitee in the unit their response carries (frozen at the invitation), else
        // in the roster's unit: a later transfer does not move an earlier wave's count.
        let rows: Vec<(Option<String>, String)> = invitation::Entity::find()
            .select_only()
            .column(invitation::Column::Attributes)
            .column(employee::Column::UnitCode)
            .join(sea_orm::JoinType::InnerJoin, to_employee.clone())
            .filter(invitation::Column::WaveId.eq(w.id.clone()))
            .into_tuple()
            .all(&read)
            .await?;
        let mut invited: std::collections::BTreeMap<String, u64> = Default::default();
        for (attributes, roster_unit) in rows {
            let frozen = attributes
                .as_deref()
                .and_then(|a| serde_json::from_str::<responses::Attributes>(a).ok())
                .and_then(|a| a.unit);
            *invited.entry(frozen.unwrap_or(roster_unit)).or_default() += 1;
        }
        let responses: Vec<(Option<String>, i64)> = response::Entity::find()
            .select_only()
            .column(response::Column::Unit)
            .column_as(response::Column::Id.count(), "n")
            .filter(response::Column::WaveId.eq(w.id.clone()))
            .group_by(response::Column::Unit)
            .into_tuple()
            .all(&read)
            .await?;
        let sampled = samples::of_wave(store, &Actor::System, &w.id)
            .await?
            .is_some();
        out.push(MetaWave {
            label: w.label,
            opens_on: w.opens_on,
            closes_on: w.closes_on,
            sampled,
            invited,
            responses: responses
                .into_iter()
                .map(|(u, n)| (u.unwrap_or_default(), n.max(0) as u64))
                .collect(),
        });
    }
    Ok(BundleMeta {
        poll: MetaPoll {
            id: p.id.to_string(),
            kind: p.kind.as_str().to_string(),
            title_nl: p.title.nl.clone(),
            title_en: p.title.en.clone(),
        },
        min_group: p.min_group.get(),
        themes,
        units,
        waves: out,
    })
}

/// The reporting attributes a bundle may carry, in column order after `unit` and `stratum`.
const EXTRA_ATTRIBUTES: [ReportingAttribute; 5] = [
    ReportingAttribute::District,
    ReportingAttribute::Team,
    ReportingAttribute::AgeBand,
    ReportingAttribute::RoleGroup,
    ReportingAttribute::TenureBand,
];

fn write_failed(path: &Path, reason: impl std::fmt::Display) -> ServiceError {
    ServiceError::invalid(
        "out",
        msg!(
            "export-write-failed",
            path = path.display().to_string(),
            reason = reason.to_string()
        ),
    )
}

/// Writes `items.csv`, `responses.csv` and `population.csv` of a poll's closed waves into
/// `out` (created if needed), `margins.csv` when a wave was drawn as a sample, and
/// `meta.json` ([`BundleMeta`]).
///
/// A sampled wave's strata are unit × age band (`stratum` = `unit|age band`), with the
/// populations frozen at the draw ([`super::samples`]), and its margins are those populations
/// summed per unit and per age band, for raking. Any other wave is a census of its units:
/// `stratum` = unit, population = the unit's active headcount now.
pub async fn export_bundle(
    store: &Store,
    actor: &Actor,
    poll_id: &PollId,
    out: &Path,
) -> Result<ExportSummary, ServiceError> {
    actor.require(Permission::ExportResults)?;
    let p = polls::load(store, poll_id).await?;
    let waves = wave::Entity::find()
        .filter(wave::Column::PollId.eq(poll_id.clone()))
        .filter(wave::Column::Status.eq(WaveStatus::Closed))
        .order_by_asc(wave::Column::Label)
        .all(&store.read())
        .await?;
    if waves.is_empty() {
        return Err(ServiceError::Conflict {
            field: None,
            refusal: Box::new(Refusal::new(
                msg!("nothing-closed-title"),
                msg!("nothing-closed-body", id = poll_id.as_str()),
            )),
        });
    }
    // Scored items only: Likert statements (theme scores) and 0–10 recommendation questions
    // (eNPS, `kind = enps`); choices and open text are not analysed from a bundle.
    let items: Vec<_> = polls::questions_of(store, &p)
        .await?
        .into_iter()
        .filter(|q| matches!(q.kind, QuestionKind::Likert | QuestionKind::Scale010))
        .collect();
    let extra: Vec<ReportingAttribute> = EXTRA_ATTRIBUTES
        .iter()
        .copied()
        .filter(|a| p.wants(*a))
        .collect();

    std::fs::create_dir_all(out).map_err(|e| write_failed(out, e))?;
    let open = |name: &str| {
        let path = out.join(name);
        csv::Writer::from_path(&path).map_err(|e| write_failed(&path, e))
    };
    let fail = |name: &str| {
        let path = out.join(name);
        move |e: csv::Error| write_failed(&path, e)
    };

    let mut w = open("items.csv")?;
    let row = |w: &mut csv::Writer<std::fs::File>, rec: &[&str]| w.write_record(rec);
    row(
        &mut w,
        &[
            "item",
            "theme",
            "text_nl",
            "scale_min",
            "scale_max",
            "reversed",
            "kind",
        ],
    )
    .map_err(fail("items.csv"))?;
    for q in &items {
        let enps = q.kind == QuestionKind::Scale010;
        // Scored items always have a scale (see `questions::scale_of`).
        let (lo, hi) = questions::scale_of(q.kind);
        row(
            &mut w,
            &[
                q.code.as_str(),
                q.theme_code.as_str(),
                q.text_nl.as_str(),
                &lo.map_or_else(String::new, |v| v.to_string()),
                &hi.map_or_else(String::new, |v| v.to_string()),
                if q.reversed && !enps { "true" } else { "false" },
                if enps { "enps" } else { "likert" },
            ],
        )
        .map_err(fail("items.csv"))?;
    }
    w.flush()
        .map_err(|e| write_failed(&out.join("items.csv"), e))?;

    let mut w = open("responses.csv")?;
    let mut header = vec!["response_id", "wave", "unit", "stratum"];
    header.extend(extra.iter().map(|a| a.as_str()));
    header.extend(items.iter().map(|q| q.code.as_str()));
    w.write_record(&header).map_err(fail("responses.csv"))?;
    let mut n = 0;
    let mut samples = Vec::new();
    for wv in &waves {
        samples.push(samples::of_wave(store, actor, &wv.id).await?);
    }
    for (wv, sample) in waves.iter().zip(&samples) {
        // Ordered by the random key: the file says nothing about arrival either.
        for (id, attrs, answers) in responses::of_wave(store, &wv.id).await? {
            let unit = attrs.unit.clone().unwrap_or_default();
            let stratum = match sample {
                Some(_) => samples::stratum_label(&unit, attrs.age_band.as_deref().unwrap_or("")),
                None => unit.clone(),
            };
            let mut rec = vec![id, wv.label.clone(), unit, stratum];
            rec.extend(
                extra
                    .iter()
                    .map(|a| attrs.get(*a).unwrap_or_default().to_string()),
            );
            for q in &items {
                rec.push(match answers.get(&q.code) {
                    Some(Answer::Number(v)) => v.to_string(),
                    // "Weet niet", no answer, or an answer of another kind: missing.
                    _ => String::new(),
                });
            }
            w.write_record(&rec).map_err(fail("responses.csv"))?;
            n += 1;
        }
    }
    w.flush()
        .map_err(|e| write_failed(&out.join("responses.csv"), e))?;

    // Population per stratum (unit) from the roster, for the design weights N_h / r_h.
    let headcount = roster::headcount_by_unit(store, actor).await?;
    let mut w = open("population.csv")?;
    w.write_record(["wave", "stratum", "population"])
        .map_err(fail("population.csv"))?;
    for (wv, sample) in waves.iter().zip(&samples) {
        match sample {
            Some(s) => {
                for st in &s.strata {
                    w.write_record([
                        wv.label.as_str(),
                        &samples::stratum_label(&st.unit, &st.age_band),
                        &st.population.to_string(),
                    ])
                    .map_err(fail("population.csv"))?;
                }
            }
            None => {
                for (unit, count) in &headcount {
                    w.write_record([wv.label.as_str(), unit, &count.to_string()])
                        .map_err(fail("population.csv"))?;
                }
            }
        }
    }
    w.flush()
        .map_err(|e| write_failed(&out.join("population.csv"), e))?;

    // Margins for raking: a sampled wave's frozen populations per unit and per age band.
    if samples.iter().any(Option::is_some) {
        let mut w = open("margins.csv")?;
        w.write_record(["wave", "variable", "category", "population"])
            .map_err(fail("margins.csv"))?;
        for (wv, sample) in waves.iter().zip(&samples) {
            let Some(s) = sample else { continue };
            let mut units: std::collections::BTreeMap<&str, u64> = Default::default();
            let mut ages: std::collections::BTreeMap<&str, u64> = Default::default();
            for st in &s.strata {
                *units.entry(&st.unit).or_default() += st.population;
                *ages.entry(&st.age_band).or_default() += st.population;
            }
            for (variable, totals) in [("unit", units), ("age_band", ages)] {
                for (category, total) in totals {
                    w.write_record([wv.label.as_str(), variable, category, &total.to_string()])
                        .map_err(fail("margins.csv"))?;
                }
            }
        }
        w.flush()
            .map_err(|e| write_failed(&out.join("margins.csv"), e))?;
    }

    let meta = bundle_meta(store, poll_id).await?;
    let path = out.join("meta.json");
    let json = serde_json::to_vec_pretty(&meta).map_err(|e| write_failed(&path, e))?;
    std::fs::write(&path, json).map_err(|e| write_failed(&path, e))?;

    let wr = store.write().await?;
    audit::record(
        &*wr,
        actor,
        "poll.export",
        poll_id.as_str(),
        &format!(
            "{} waves, {} responses to {}",
            waves.len(),
            n,
            out.display()
        ),
    )
    .await?;
    wr.commit().await?;
    Ok(ExportSummary {
        waves: waves.len(),
        items: items.len(),
        responses: n,
    })
}

/// A cell a spreadsheet cannot take for a formula (OWASP "CSV injection"): text starting
/// with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`.
pub fn defuse_formula(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}
