//! `polsslag export`: the analysis bundle of a poll (DESIGN.md "Analysis bundle"), so that every
//! published figure can be reproduced from files. Only closed waves are exported (results wait
//! for the close, methodology.md A3), and every export is written to the audit log.

use crate::entities::{employee, poll, question, response, wave};
use crate::store::Store;
use app::domain::{Answer, DONT_KNOW};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("peiling {0} bestaat niet / poll {0} does not exist")]
    UnknownPoll(String),
    #[error("peiling {0} heeft nog geen gesloten golf / poll {0} has no closed wave yet")]
    NothingClosed(String),
    #[error(transparent)]
    Db(#[from] sea_orm::DbErr),
    #[error("kan niet schrijven / cannot write {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Csv(#[from] csv::Error),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportSummary {
    pub waves: usize,
    pub items: usize,
    pub responses: usize,
}

/// The reporting attributes a bundle may carry, in column order after `unit` and `stratum`.
const EXTRA_ATTRIBUTES: [&str; 5] = ["district", "team", "age_band", "role_group", "tenure_band"];

pub async fn export_poll(
    store: &Store,
    poll_id: &str,
    out: &Path,
    actor: &str,
) -> Result<ExportSummary, ExportError> {
    let db = &store.db;
    let p = poll::Entity::find_by_id(poll_id.to_string())
        .one(db)
        .await?
        .ok_or_else(|| ExportError::UnknownPoll(poll_id.into()))?;
    let waves = wave::Entity::find()
        .filter(wave::Column::PollId.eq(poll_id))
        .filter(wave::Column::Status.eq("closed"))
        .order_by_asc(wave::Column::Label)
        .all(db)
        .await?;
    if waves.is_empty() {
        return Err(ExportError::NothingClosed(poll_id.into()));
    }
    let codes: Vec<String> = serde_json::from_str::<Vec<Vec<String>>>(&p.pages)
        .unwrap_or_default()
        .into_iter()
        .flatten()
        .collect();
    // Scored items only: Likert statements (theme scores) and 0–10 recommendation questions
    // (eNPS, `kind = enps`); choices and open text are not analysed from a bundle.
    let mut items: Vec<question::Model> = question::Entity::find()
        .filter(question::Column::Code.is_in(codes.clone()))
        .filter(question::Column::Kind.is_in(["likert", "scale010"]))
        .all(db)
        .await?;
    items.sort_by_key(|q| codes.iter().position(|c| *c == q.code));
    let attrs: Vec<String> = serde_json::from_str(&p.attributes).unwrap_or_default();
    let extra: Vec<&str> = EXTRA_ATTRIBUTES
        .iter()
        .copied()
        .filter(|a| attrs.iter().any(|x| x == a))
        .collect();

    std::fs::create_dir_all(out).map_err(|source| ExportError::Io {
        path: out.display().to_string(),
        source,
    })?;
    let writer = |name: &str| csv::Writer::from_path(out.join(name)).map_err(ExportError::from);

    let mut w = writer("items.csv")?;
    w.write_record([
        "item",
        "theme",
        "text_nl",
        "scale_min",
        "scale_max",
        "reversed",
        "kind",
    ])?;
    for q in &items {
        let enps = q.kind == "scale010";
        w.write_record([
            q.code.as_str(),
            q.theme_code.as_str(),
            q.text_nl.as_str(),
            &q.scale_min.unwrap_or(1).to_string(),
            &q.scale_max.unwrap_or(5).to_string(),
            if q.reversed && !enps { "true" } else { "false" },
            if enps { "enps" } else { "likert" },
        ])?;
    }
    w.flush().map_err(|source| ExportError::Io {
        path: "items.csv".into(),
        source,
    })?;

    let mut w = writer("responses.csv")?;
    let mut header = vec!["response_id", "wave", "unit", "stratum"];
    header.extend(extra.iter().copied());
    header.extend(items.iter().map(|q| q.code.as_str()));
    w.write_record(&header)?;
    let mut n = 0;
    for wv in &waves {
        // Ordered by the random key: the file says nothing about arrival either.
        let rows = response::Entity::find()
            .filter(response::Column::WaveId.eq(&wv.id))
            .order_by_asc(response::Column::Id)
            .all(db)
            .await?;
        for r in rows {
            let answers: BTreeMap<String, Answer> =
                serde_json::from_str(&r.answers).unwrap_or_default();
            let unit = r.unit.clone().unwrap_or_default();
            let mut rec = vec![r.id.clone(), wv.label.clone(), unit.clone(), unit];
            for a in &extra {
                rec.push(
                    match *a {
                        "district" => r.district.clone(),
                        "team" => r.team.clone(),
                        "age_band" => r.age_band.clone(),
                        "role_group" => r.role_group.clone(),
                        _ => r.tenure_band.clone(),
                    }
                    .unwrap_or_default(),
                );
            }
            for q in &items {
                rec.push(match answers.get(&q.code) {
                    Some(Answer::Number(v)) => v.to_string(),
                    Some(Answer::Code(c)) if c == DONT_KNOW => String::new(),
                    _ => String::new(),
                });
            }
            w.write_record(&rec)?;
            n += 1;
        }
    }
    w.flush().map_err(|source| ExportError::Io {
        path: "responses.csv".into(),
        source,
    })?;

    // Population per stratum (unit) from the roster, for the design weights N_h / r_h.
    let roster = employee::Entity::find()
        .filter(employee::Column::Active.eq(true))
        .all(db)
        .await?;
    let mut headcount: BTreeMap<&str, u64> = BTreeMap::new();
    for e in &roster {
        *headcount.entry(e.unit_code.as_str()).or_default() += 1;
    }
    let mut w = writer("population.csv")?;
    w.write_record(["wave", "stratum", "population"])?;
    for wv in &waves {
        for (unit, count) in &headcount {
            w.write_record([wv.label.as_str(), unit, &count.to_string()])?;
        }
    }
    w.flush().map_err(|source| ExportError::Io {
        path: "population.csv".into(),
        source,
    })?;

    crate::audit::record(
        db,
        actor,
        "poll.export",
        poll_id,
        &format!(
            "{} waves, {} responses to {}",
            waves.len(),
            n,
            out.display()
        ),
    )
    .await?;
    Ok(ExportSummary {
        waves: waves.len(),
        items: items.len(),
        responses: n,
    })
}
