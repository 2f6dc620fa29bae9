//! Results of closed waves for the managers' handouts (issue #12).
//!
//! A poll's results are the `analysis` crate's `results.json` over all its closed waves,
//! computed from the same bundle `polsslag export` writes ([`super::results::export_bundle`])
//! and kept in `poll_result` until another wave of the poll closes, so no page view or
//! handout recomputes them. Every figure comes from there, with its one suppression pattern
//! per wave: a team's figure is shown only where the analysis published it; a suppressed one
//! and one that does not exist look the same.

use super::entities::{poll, poll_result, theme, wave};
use super::{Actor, ServiceError, Store};
use crate::domain::{PollId, ReportingAttribute, WaveStatus};
use crate::i18n::Locale;
use crate::msg;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};
use std::collections::HashMap;

/// The results of a poll's closed waves (`results.json` as a JSON value), computed once per
/// set of closed waves; `None` when no wave of the poll is closed.
///
/// # Errors
/// `Unexpected` when the analysis fails on the poll's own bundle (a fault to look into).
pub(crate) async fn of_poll(
    store: &Store,
    poll_id: &PollId,
) -> Result<Option<Value>, ServiceError> {
    let read = store.read();
    let mut closed: Vec<String> = wave::Entity::find()
        .filter(wave::Column::PollId.eq(poll_id.clone()))
        .filter(wave::Column::Status.eq(WaveStatus::Closed))
        .all(&read)
        .await?
        .into_iter()
        .map(|w| w.id.to_string())
        .collect();
    if closed.is_empty() {
        return Ok(None);
    }
    closed.sort();
    let key = closed.join(",");
    if let Some(kept) = poll_result::Entity::find_by_id(poll_id.clone())
        .one(&read)
        .await?
        .filter(|r| r.closed_waves == key)
    {
        let value = serde_json::from_str(&kept.results)
            .map_err(|e| ServiceError::corrupt(format!("results of poll {poll_id}"), e))?;
        return Ok(Some(value));
    }
    let k = super::polls::load(store, poll_id).await?.min_group.get();
    let dir = std::env::temp_dir().join(format!("polsslag-results-{}", uuid::Uuid::new_v4()));
    super::results::export_bundle(store, &Actor::System, poll_id, &dir).await?;
    let analysed = {
        let dir = dir.clone();
        tokio::task::spawn_blocking(move || {
            let bundle = analysis::bundle::Bundle::read(&dir)?;
            analysis::analyse(
                &bundle,
                &analysis::AnalyseOptions {
                    min_group: k,
                    charts: false,
                    ..Default::default()
                },
            )
        })
        .await
        .map_err(|e| ServiceError::corrupt("the analysis task", e))?
    };
    std::fs::remove_dir_all(&dir).ok();
    let results =
        analysed.map_err(|e| ServiceError::corrupt(format!("analysis of poll {poll_id}"), e))?;
    let value =
        serde_json::to_value(&results).map_err(|e| ServiceError::corrupt("results.json", e))?;
    let w = store.write().await?;
    poll_result::Entity::delete_by_id(poll_id.clone())
        .exec(&*w)
        .await?;
    poll_result::Entity::insert(poll_result::ActiveModel {
        poll_id: Set(poll_id.clone()),
        closed_waves: Set(key),
        results: Set(value.to_string()),
        computed_at: Set(time::OffsetDateTime::now_utc()),
    })
    .exec_without_returning(&*w)
    .await?;
    w.commit().await?;
    Ok(Some(value))
}

/// The poll of the most recent closed wave that the team could take part in (its audience is
/// the whole organisation, or holds the team or a node above it), preferring one that
/// reports teams (its responses carry the team attribute): without it the team has no
/// figure of its own and the handout shows its unit.
async fn latest_poll_for(store: &Store, team_code: &str) -> Result<Option<PollId>, ServiceError> {
    let read = store.read();
    let polls: HashMap<PollId, poll::Model> = poll::Entity::find()
        .all(&read)
        .await?
        .into_iter()
        .map(|p| (p.id.clone(), p))
        .collect();
    let mut closed = wave::Entity::find()
        .filter(wave::Column::Status.eq(WaveStatus::Closed))
        .all(&read)
        .await?;
    closed.sort_by(|a, b| b.closes_on.cmp(&a.closes_on).then(b.label.cmp(&a.label)));
    let mut without_teams = None;
    for w in closed {
        let Some(p) = polls.get(&w.poll_id) else {
            continue;
        };
        let audience = super::waves::audience_of(&w)?;
        let mut reached = audience.is_empty();
        for node in &audience {
            reached |= super::organisation::is_within(&read, team_code, node).await?;
        }
        if !reached {
            continue;
        }
        let attributes: Vec<ReportingAttribute> = serde_json::from_str(&p.attributes)
            .map_err(|e| ServiceError::corrupt(format!("poll {} attributes", p.id), e))?;
        if attributes.contains(&ReportingAttribute::Team) {
            return Ok(Some(w.poll_id.clone()));
        }
        without_teams.get_or_insert(w.poll_id.clone());
    }
    Ok(without_teams)
}

/// An index (0–100) as the handout prints it, with its 95% interval.
fn index_text(e: &Value, locale: Locale) -> Option<String> {
    if e["suppressed"].as_bool() != Some(false) {
        return None;
    }
    let n = |v: &Value| v.as_f64().map(|x| format!("{x:.0}"));
    let index = n(&e["index"])?;
    Some(match (n(&e["ci_low"]), n(&e["ci_high"])) {
        (Some(lo), Some(hi)) => {
            msg!("handout-index", index = index, low = lo, high = hi).text(locale)
        }
        _ => index,
    })
}

/// The figures of a team's handout: per theme of the latest closed wave that reports teams,
/// the team's index beside its unit's and the organisation's, and the unit's change since
/// the wave before with its significance (methodology B5; the analysis tests changes for the
/// organisation and its units). `None` when the team has no unit; figures without rows and
/// with a note when no wave has closed yet.
pub(crate) async fn handout_figures(
    store: &Store,
    team_code: &str,
    locale: Locale,
) -> Result<Option<Value>, ServiceError> {
    let Some(unit) = super::kit::unit_of(&store.read(), team_code).await? else {
        return Ok(None);
    };
    let none_yet = || {
        Ok(Some(json!({
            "wave": msg!("handout-no-wave").text(locale),
            "note": msg!("handout-no-results").text(locale),
            "rows": [],
        })))
    };
    let Some(poll_id) = latest_poll_for(store, team_code).await? else {
        return none_yet();
    };
    let Some(results) = of_poll(store, &poll_id).await? else {
        return none_yet();
    };
    let estimates = results["estimates"].as_array().cloned().unwrap_or_default();
    let breakdowns = results["breakdowns"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let changes = results["changes"].as_array().cloned().unwrap_or_default();
    let Some(latest) = estimates
        .iter()
        .filter_map(|e| e["wave"].as_str())
        .max()
        .map(str::to_string)
    else {
        return none_yet();
    };
    let names: HashMap<String, String> = theme::Entity::find()
        .all(&store.read())
        .await?
        .into_iter()
        .map(|t| {
            let name = match locale {
                Locale::Nl => t.name_nl,
                Locale::En => t.name_en,
            };
            (t.code, name)
        })
        .collect();
    let unit_group = format!("unit={}", unit.code);
    let team_group = format!("team={team_code}");
    let find = |rows: &[Value], theme: &str, group: &str| {
        rows.iter()
            .find(|e| e["wave"] == latest.as_str() && e["theme"] == theme && e["group"] == group)
            .cloned()
    };
    let mut themes: Vec<String> = estimates
        .iter()
        .filter(|e| e["wave"] == latest.as_str() && e["group"] == "all")
        .filter_map(|e| e["theme"].as_str().map(str::to_string))
        .collect();
    themes.sort_by_key(|t| names.get(t).cloned().unwrap_or_else(|| t.clone()));
    themes.dedup();
    let mut team_hidden = false;
    let rows: Vec<Value> = themes
        .iter()
        .map(|t| {
            let team = find(&breakdowns, t, &team_group).and_then(|e| index_text(&e, locale));
            team_hidden |= team.is_none();
            let change = changes
                .iter()
                .find(|c| {
                    c["theme"] == t.as_str()
                        && c["group"] == unit_group.as_str()
                        && c["to_wave"] == latest.as_str()
                })
                .and_then(|c| {
                    let diff = c["diff"].as_f64()?;
                    let text = format!("{}{:.0}", if diff >= 0.0 { "+" } else { "−" }, diff.abs());
                    Some(if c["significant"].as_bool() == Some(true) {
                        msg!("handout-change-significant", change = text).text(locale)
                    } else {
                        msg!("handout-change-not-significant", change = text).text(locale)
                    })
                });
            json!({
                "theme": names.get(t).cloned().unwrap_or_else(|| t.clone()),
                "team": team,
                "unit": find(&estimates, t, &unit_group).and_then(|e| index_text(&e, locale)),
                "organisation": find(&estimates, t, "all").and_then(|e| index_text(&e, locale)),
                "change": change,
            })
        })
        .collect();
    let k = super::polls::load(store, &poll_id).await?.min_group.get();
    let mut note = msg!("handout-figures-note", k = k).text(locale);
    if team_hidden {
        note = format!(
            "{note} {}",
            msg!("handout-team-too-few", k = k).text(locale)
        );
    }
    let poll_title = poll::Entity::find_by_id(poll_id.clone())
        .one(&store.read())
        .await?
        .map(|p| match locale {
            Locale::Nl => p.title_nl,
            Locale::En => p.title_en,
        })
        .unwrap_or_default();
    Ok(Some(json!({
        "wave": format!("{poll_title}, {latest}"),
        "note": note,
        "rows": rows,
    })))
}
