//! Results of closed waves for the managers' handouts (issue #12).
//!
//! A poll's results are the `analysis` crate's `results.json` over all its closed waves,
//! computed from the same bundle `polsslag export` writes ([`super::results::export_bundle`])
//! and kept in `poll_result` per set of waves analysed (all closed waves for the pages, those
//! up to a half year for its sociaal jaarbeeld), so no page view, handout or report download
//! recomputes them. Every figure comes from there, with its one suppression pattern
//! per wave: a team's figure is shown only where the analysis published it; a suppressed one
//! and one that does not exist look the same.

use super::entities::{poll, poll_result, theme, wave};
use super::{Actor, ServiceError, Store};
use crate::domain::{PollId, ReportingAttribute, WaveStatus};
use crate::i18n::Locale;
use crate::msg;
use sea_orm::prelude::TimeDateTimeWithTimeZone;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::Arc;

/// The shape of the kept `results.json`, part of the key it is kept under: raise it when the
/// analysis gains a key the services read, so results kept by an earlier version are
/// computed again instead of being read without it (2: `breakdown_changes`).
const RESULTS_SHAPE: &str = "r2";

/// The results of a poll's closed waves (`results.json` as a JSON value), computed once per
/// set of closed waves and kept in `poll_result`, and parsed once per server (the store's
/// [`super::cache::Kept`]): a page view reads the list of closed waves and when the kept
/// results were computed, nothing else. `None` when no wave of the poll is closed.
///
/// # Errors
/// `Unexpected` when the analysis fails on the poll's own bundle (a fault to look into).
pub(crate) async fn of_poll(
    store: &Store,
    poll_id: &PollId,
) -> Result<Option<Arc<Value>>, ServiceError> {
    Ok(of_waves(store, poll_id, None).await?.map(|(_, v)| v))
}

/// [`of_poll`] with the key the results are kept under (what a value derived from them is
/// kept under): the waves analysed and when, so it changes when another wave closes and when
/// an import of history makes the poll's results be computed again.
pub(crate) async fn of_poll_keyed(
    store: &Store,
    poll_id: &PollId,
) -> Result<Option<(String, Arc<Value>)>, ServiceError> {
    of_waves(store, poll_id, None).await
}

/// The results of the poll's closed waves whose label is in `only` (all closed waves when
/// `None`), with the key they are kept under, computed once per set of waves and kept like
/// [`of_poll`]'s: the sociaal jaarbeeld of an earlier half year reads its waves' results
/// from `poll_result` instead of analysing them on every download. `None` when no closed
/// wave is left.
///
/// # Errors
/// `Unexpected` when the analysis fails on the poll's own bundle (a fault to look into), or
/// the kept results cannot be parsed.
pub(crate) async fn of_waves(
    store: &Store,
    poll_id: &PollId,
    only: Option<&std::collections::BTreeSet<String>>,
) -> Result<Option<(String, Arc<Value>)>, ServiceError> {
    let read = store.read();
    let mut closed: Vec<(String, String)> = wave::Entity::find()
        .filter(wave::Column::PollId.eq(poll_id.clone()))
        .filter(wave::Column::Status.eq(WaveStatus::Closed))
        .all(&read)
        .await?
        .into_iter()
        .filter(|w| only.is_none_or(|keep| keep.contains(&w.label)))
        .map(|w| (w.id.to_string(), w.label))
        .collect();
    if closed.is_empty() {
        return Ok(None);
    }
    closed.sort();
    let ids: Vec<&str> = closed.iter().map(|(id, _)| id.as_str()).collect();
    let waves = format!("{RESULTS_SHAPE}:{}", ids.join(","));
    let cache_key = (poll_id.clone(), waves.clone());
    let kept_at: Option<TimeDateTimeWithTimeZone> = poll_result::Entity::find()
        .select_only()
        .column(poll_result::Column::ComputedAt)
        .filter(poll_result::Column::PollId.eq(poll_id.clone()))
        .filter(poll_result::Column::ClosedWaves.eq(waves.clone()))
        .into_tuple()
        .one(&read)
        .await?;
    if let Some(at) = kept_at {
        let made_from = kept_key(&waves, at);
        if let Some(parsed) = store.cached().results.get(&cache_key, &made_from) {
            return Ok(Some((made_from, parsed)));
        }
        if let Some(kept) = poll_result::Entity::find_by_id((poll_id.clone(), waves.clone()))
            .one(&read)
            .await?
        {
            let value: Arc<Value> = Arc::new(
                serde_json::from_str(&kept.results)
                    .map_err(|e| ServiceError::corrupt(format!("results of poll {poll_id}"), e))?,
            );
            let made_from = kept_key(&waves, kept.computed_at);
            store
                .cached()
                .results
                .put(cache_key, made_from.clone(), value.clone());
            return Ok(Some((made_from, value)));
        }
    }
    let labels = closed.into_iter().map(|(_, label)| label).collect();
    let value = analyse_waves(store, poll_id, Some(labels)).await?;
    // To the microsecond, as PostgreSQL keeps it, so the key read back is the key kept here.
    let now = time::OffsetDateTime::now_utc();
    let now = now
        .replace_nanosecond(now.nanosecond() / 1000 * 1000)
        .unwrap_or(now);
    // Two requests that computed it at once (or two servers): the later one's copy stays,
    // and the other's in-memory copy no longer matches its time.
    let w = store.write().await?;
    poll_result::Entity::insert(poll_result::ActiveModel {
        poll_id: Set(poll_id.clone()),
        closed_waves: Set(waves.clone()),
        results: Set(value.to_string()),
        computed_at: Set(now),
    })
    .on_conflict(
        sea_orm::sea_query::OnConflict::columns([
            poll_result::Column::PollId,
            poll_result::Column::ClosedWaves,
        ])
        .update_columns([
            poll_result::Column::Results,
            poll_result::Column::ComputedAt,
        ])
        .to_owned(),
    )
    .exec_without_returning(&*w)
    .await?;
    w.commit().await?;
    let value = Arc::new(value);
    let made_from = kept_key(&waves, now);
    store
        .cached()
        .results
        .put(cache_key, made_from.clone(), value.clone());
    Ok(Some((made_from, value)))
}

/// Analyses and keeps a poll's results for every set of closed waves a page or a report
/// reads: all of them (the pages), and those up to the end of each half year with a closed
/// wave from `from` on (that half year's sociaal jaarbeeld,
/// [`super::report::sources_from_store`]; `None`: every half year). A set
/// kept already is read, not analysed again; sets without a single response are left out
/// (a report shows those polls without figures). For history imported into closed waves
/// ([`super::responses::import_history`]), which never closed one by one; returns how many
/// sets are kept now (analysed here or before).
///
/// # Errors
/// `Forbidden` for anyone who may not manage polls; `Unexpected` when an analysis fails.
pub async fn keep_every_period(
    store: &Store,
    actor: &Actor,
    poll_id: &PollId,
    from: Option<crate::domain::Period>,
) -> Result<usize, ServiceError> {
    use super::entities::response;
    use crate::domain::Period;
    use std::collections::BTreeSet;
    actor.require(super::Permission::ManagePolls)?;
    let read = store.read();
    let closed = wave::Entity::find()
        .filter(wave::Column::PollId.eq(poll_id.clone()))
        .filter(wave::Column::Status.eq(WaveStatus::Closed))
        .all(&read)
        .await?;
    let answered: BTreeSet<String> = response::Entity::find()
        .select_only()
        .column(response::Column::WaveId)
        .filter(response::Column::WaveId.is_in(closed.iter().map(|w| w.id.clone())))
        .distinct()
        .into_tuple::<crate::domain::WaveId>()
        .all(&read)
        .await?
        .into_iter()
        .map(|w| w.to_string())
        .collect();
    let periods: BTreeSet<Period> = closed
        .iter()
        .map(|w| Period::of_wave(&w.label, w.closes_on))
        .filter(|p| from.is_none_or(|from| *p >= from))
        .collect();
    let mut sets = 0;
    for period in periods {
        let upto: Vec<&wave::Model> = closed
            .iter()
            .filter(|w| Period::of_wave(&w.label, w.closes_on) <= period)
            .collect();
        if !upto.iter().any(|w| answered.contains(w.id.as_str())) {
            continue;
        }
        let labels: BTreeSet<String> = upto.iter().map(|w| w.label.clone()).collect();
        let only = (upto.len() < closed.len()).then_some(&labels);
        of_waves(store, poll_id, only).await?;
        sets += 1;
    }
    Ok(sets)
}

/// The key kept results are known by: the waves analysed and when, to the microsecond.
fn kept_key(waves: &str, at: TimeDateTimeWithTimeZone) -> String {
    format!("{waves}@{}", at.unix_timestamp_nanos() / 1000)
}

/// `results.json` (as a JSON value) of a poll's closed waves, or of only those whose label
/// is in `only`, analysed from the bundle `polsslag export` writes, with the poll's threshold.
/// Nothing is kept: [`of_waves`] keeps what it analyses.
///
/// # Errors
/// `Conflict` when no wave of the poll is closed; `Unexpected` when the analysis fails on
/// the poll's own bundle (a fault to look into), or `only` leaves no wave.
pub(crate) async fn analyse_waves(
    store: &Store,
    poll_id: &PollId,
    only: Option<std::collections::BTreeSet<String>>,
) -> Result<Value, ServiceError> {
    let k = super::polls::load(store, poll_id).await?.min_group.get();
    // The bundle holds answers: a directory only this process can read, removed however the
    // analysis ends.
    let dir = std::env::temp_dir().join(format!("polsslag-results-{}", uuid::Uuid::new_v4()));
    {
        let mut b = std::fs::DirBuilder::new();
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
        b.create(&dir)
            .map_err(|e| ServiceError::corrupt("a directory for the analysis", e))?;
    }
    if let Err(e) = super::results::export_bundle(store, &Actor::System, poll_id, &dir).await {
        std::fs::remove_dir_all(&dir).ok();
        return Err(e);
    }
    let analysed = {
        let dir = dir.clone();
        tokio::task::spawn_blocking(move || {
            let bundle = analysis::bundle::Bundle::read_waves(&dir, |w| {
                only.as_ref().is_none_or(|keep| keep.contains(w))
            })?;
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
    serde_json::to_value(&results).map_err(|e| ServiceError::corrupt("results.json", e))
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

/// The question bank's theme names in `locale`, by code.
async fn theme_names<C: sea_orm::ConnectionTrait>(
    db: &C,
    locale: Locale,
) -> Result<HashMap<String, String>, ServiceError> {
    Ok(theme::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|t| {
            let name = crate::domain::Localized::new(t.name_nl, t.name_en);
            (t.code, name.get(locale).to_string())
        })
        .collect())
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
/// the team's index beside its unit's and the organisation's, each with its change since the
/// wave before and its significance (methodology B5: `changes` for the organisation and its
/// units, `breakdown_changes` for the team), and per theme a chart of the unit's index over the poll's
/// waves with its 95% band (`analysis::charts::trend_chart`, SVG), as files for the template:
/// `(name, bytes)`. Only published waves are drawn: a suppressed one is left out like one that
/// did not measure the theme, so the two look the same. `None` when the team has no unit;
/// figures without rows and with a note when no wave has closed yet.
pub(crate) async fn handout_figures(
    store: &Store,
    team_code: &str,
    locale: Locale,
) -> Result<Option<(Value, Vec<(String, Vec<u8>)>)>, ServiceError> {
    let Some(unit) = super::kit::unit_of(&store.read(), team_code).await? else {
        return Ok(None);
    };
    let none_yet = || {
        Ok(Some((
            json!({
                "wave": msg!("handout-no-wave").text(locale),
                "note": msg!("handout-no-results").text(locale),
                "rows": [],
                "charts": [],
            }),
            Vec::new(),
        )))
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
    let breakdown_changes = results["breakdown_changes"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let Some(latest) = estimates
        .iter()
        .filter_map(|e| e["wave"].as_str())
        .max()
        .map(str::to_string)
    else {
        return none_yet();
    };
    let names = theme_names(&store.read(), locale).await?;
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
    // A cell: the group's index with its interval and, below it, its change since the wave
    // before with the methodology's verdict; `null` when the analysis published no figure.
    let cell = |rows: &[Value], changes: &[Value], theme: &str, group: &str| {
        let index = find(rows, theme, group).and_then(|e| index_text(&e, locale))?;
        let change =
            change_of(changes, theme, group, &latest, locale).map(|(diff, significant)| {
                if significant {
                    msg!("handout-change-significant", change = diff).text(locale)
                } else {
                    msg!("handout-change-not-significant", change = diff).text(locale)
                }
            });
        Some(json!({ "index": index, "change": change }))
    };
    let rows: Vec<Value> = themes
        .iter()
        .map(|t| {
            let team = cell(&breakdowns, &breakdown_changes, t, &team_group);
            team_hidden |= team.is_none();
            json!({
                "theme": names.get(t).cloned().unwrap_or_else(|| t.clone()),
                "team": team,
                "unit": cell(&estimates, &changes, t, &unit_group),
                "organisation": cell(&estimates, &changes, t, "all"),
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
    // The unit's trend per theme: the conversation starter of "how did we get here".
    let mut waves: Vec<&str> = estimates
        .iter()
        .filter_map(|e| e["wave"].as_str())
        .collect();
    waves.sort_unstable();
    waves.dedup();
    let mut files = Vec::new();
    for t in &themes {
        let points: Vec<analysis::charts::TrendPoint> = waves
            .iter()
            .filter_map(|w| {
                let e = estimates.iter().find(|e| {
                    e["wave"] == *w && e["theme"] == t.as_str() && e["group"] == unit_group.as_str()
                })?;
                if e["suppressed"].as_bool() != Some(false) {
                    return None;
                }
                let ci = (
                    e["index"].as_f64()?,
                    e["ci_low"].as_f64()?,
                    e["ci_high"].as_f64()?,
                );
                Some((w.to_string(), Some(ci)))
            })
            .collect();
        if points.len() < 2 {
            continue;
        }
        let title = msg!(
            "handout-chart-title",
            theme = names.get(t).cloned().unwrap_or_else(|| t.clone()),
            unit = unit.name.clone()
        )
        .text(locale);
        let chart = analysis::charts::trend_chart(
            &title,
            &points,
            locale.chart_lang(),
            analysis::charts::Output::Svg,
        )
        .map_err(|e| ServiceError::corrupt("a handout chart", e))?;
        files.push((format!("chart-{}.svg", files.len()), chart.svg.into_bytes()));
    }
    let charts: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    Ok(Some((
        json!({
            "wave": format!("{poll_title}, {latest}"),
            "note": note,
            "rows": rows,
            "charts": charts,
        }),
        files,
    )))
}

/// The results of closed waves for a manager's part of the organisation (their scope), per
/// poll that reached it: per theme the index of their part in every closed wave, the change
/// since the wave before and its significance (`changes` for the organisation and units,
/// `breakdown_changes` below them), and the teams of the part in the latest wave. Only groups the analysis
/// published are shown, with its one suppression pattern per wave; nothing is filtered ad
/// hoc. Every view is audited.
///
/// # Errors
/// `Forbidden` for anyone but a manager; `NotFound` when the manager's scope is no longer in
/// the organisation.
pub async fn for_manager(
    store: &Store,
    actor: &Actor,
    locale: Locale,
) -> Result<(String, Vec<crate::domain::PollResultsView>), ServiceError> {
    use super::entities::org_unit;
    use crate::domain::{OrgLevel, PollResultsView, Role, TeamResultRow, ThemeResultRow};
    actor.require(super::Permission::ReadTeamResults)?;
    let Actor::Account {
        role: Role::Manager,
        scope: Some(scope),
        ..
    } = actor
    else {
        return Err(ServiceError::not_allowed());
    };
    let read = store.read();
    let nodes = org_unit::Entity::find().all(&read).await?;
    let Some(top) = nodes.iter().find(|n| &n.code == scope).cloned() else {
        return Err(ServiceError::not_found(super::Refusal::new(
            msg!("not-found-title"),
            msg!("account-scope-gone", code = scope.clone()),
        )));
    };
    let group = match top.level {
        OrgLevel::Organisation => "all".to_string(),
        OrgLevel::Unit => format!("unit={}", top.code),
        OrgLevel::District => format!("district={}", top.code),
        OrgLevel::Team => format!("team={}", top.code),
    };
    let teams = super::organisation::teams_under(&read, &top.code).await?;
    let names = theme_names(&read, locale).await?;
    let mut polls: Vec<poll::Model> = poll::Entity::find().all(&read).await?;
    polls.sort_by(|a, b| a.title_nl.cmp(&b.title_nl));
    let mut out = Vec::new();
    for p in polls {
        // Only polls with a closed wave that reached the manager's part.
        let mut reached = false;
        for w in wave::Entity::find()
            .filter(wave::Column::PollId.eq(p.id.clone()))
            .filter(wave::Column::Status.eq(WaveStatus::Closed))
            .all(&read)
            .await?
        {
            let audience = super::waves::audience_of(&w)?;
            reached |= audience.is_empty();
            for node in &audience {
                reached |= super::organisation::is_within(&read, &top.code, node).await?
                    || super::organisation::is_within(&read, node, &top.code).await?;
            }
        }
        if !reached {
            continue;
        }
        let Some(results) = of_poll(store, &p.id).await? else {
            continue;
        };
        let primary = group == "all" || group.starts_with("unit=");
        let rows_of = |key: &str| results[key].as_array().cloned().unwrap_or_default();
        let (estimates, breakdowns) = (rows_of("estimates"), rows_of("breakdowns"));
        let changes = rows_of(if primary {
            "changes"
        } else {
            "breakdown_changes"
        });
        let mine: Vec<&Value> = if primary { &estimates } else { &breakdowns }
            .iter()
            .filter(|e| e["group"] == group.as_str())
            .collect();
        let mut waves: Vec<String> = estimates
            .iter()
            .filter_map(|e| e["wave"].as_str().map(str::to_string))
            .collect();
        waves.sort();
        waves.dedup();
        let mut themes: Vec<String> = estimates
            .iter()
            .filter_map(|e| e["theme"].as_str().map(str::to_string))
            .collect();
        themes.sort_by_key(|t| names.get(t).cloned().unwrap_or_else(|| t.clone()));
        themes.dedup();
        let latest = waves.last().cloned().unwrap_or_default();
        let figure = |rows: &[&Value], theme: &str, wave: &str| {
            rows.iter()
                .find(|e| e["theme"] == theme && e["wave"] == wave)
                .and_then(|e| index_text(e, locale))
        };
        let theme_rows = themes
            .iter()
            .map(|t| {
                let per_wave: Vec<Option<String>> =
                    waves.iter().map(|w| figure(&mine, t, w)).collect();
                ThemeResultRow {
                    theme: names.get(t).cloned().unwrap_or_else(|| t.clone()),
                    waves: per_wave,
                    change: change_of(&changes, t, &group, &latest, locale),
                }
            })
            .collect();
        let team_rows = teams
            .iter()
            .filter(|_| top.level != OrgLevel::Team)
            .map(|team| {
                let g = format!("team={}", team.code);
                let rows: Vec<&Value> = breakdowns
                    .iter()
                    .filter(|e| e["group"] == g.as_str())
                    .collect();
                TeamResultRow {
                    team: team.name.clone(),
                    indices: themes.iter().map(|t| figure(&rows, t, &latest)).collect(),
                }
            })
            .filter(|r| r.indices.iter().any(Option::is_some))
            .collect();
        out.push(PollResultsView {
            title: match locale {
                Locale::Nl => p.title_nl.clone(),
                Locale::En => p.title_en.clone(),
            },
            waves,
            themes: theme_rows,
            teams: team_rows,
            k: u32::try_from(p.min_group).unwrap_or(10),
        });
    }
    let w = store.write().await?;
    super::audit::record(&*w, actor, "results.view", &top.code, "manager").await?;
    w.commit().await?;
    Ok((top.name, out))
}

/// Index points with their sign, as printed: `+3`, `−2`, `0`.
/// The change of `group` in `theme` into wave `to_wave` (a row of `changes` or
/// `breakdown_changes`): its difference as text (rounded, signed) and whether it is
/// significant by the methodology's rule. `None` when the analysis tested none: the group has
/// no published figure in that wave or in the wave before.
fn change_of(
    changes: &[Value],
    theme: &str,
    group: &str,
    to_wave: &str,
    locale: Locale,
) -> Option<(String, bool)> {
    let c = changes
        .iter()
        .find(|c| c["theme"] == theme && c["group"] == group && c["to_wave"] == to_wave)?;
    Some((
        locale.signed(c["diff"].as_f64()?),
        c["significant"].as_bool() == Some(true),
    ))
}
