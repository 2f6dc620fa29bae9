//! HRM's results dashboard (issue #13): the figures of the sociaal jaarbeeld, interactively —
//! a poll's theme trends, a heatmap of the level below the group shown × themes, drill-down
//! organisation → unit → district → team, two waves compared with the methodology's
//! significance rule, eNPS, answer distributions and the indicators from outside the polls.
//!
//! Every figure is one `analysis` published in the poll's kept results
//! ([`super::team_results::of_poll`]: computed once per set of closed waves, parsed once per
//! server), so a page view analyses nothing. Only the groups those results declare can be
//! chosen — the organisation, its units, districts and teams, and the age bands of the
//! organisation and of each unit — so no filter can difference two published figures into
//! an unpublished one. A hidden figure and one that was never measured are both absent and
//! look the same (methodology A2).
//!
//! Comparing two consecutive waves shows the file's own `changes` (the report's verdicts);
//! any other pair is tested by [`analysis::changes::compare`] with its own Benjamini–Hochberg
//! family (methodology B5), kept per pair like the results.

use super::entities::{org_unit, poll, question, theme, wave};
use super::{Actor, Permission, ServiceError, Store};
use crate::domain::dashboard::{
    Cell, ChangeFigure, EnpsFigure, GroupRow, IndicatorFigure, Interval, ItemDistribution,
    ThemeFigure,
};
use crate::domain::{DashboardQuery, DashboardView, OrgLevel, Period, PollId, WaveStatus};
use crate::i18n::Locale;
use crate::msg;
use crate::refusal::Refusal;
use analysis::Group;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

/// What the dashboard's query resolved to: the poll, its kept results and the choices made.
struct Chosen {
    poll: poll::Model,
    polls: Vec<(String, String)>,
    /// The closed waves the kept results were computed from.
    key: String,
    results: Arc<Value>,
    /// The poll's closed waves, oldest first, with the half year each belongs to.
    waves: Vec<(String, Period)>,
    from: Option<String>,
    to: String,
    group: Group,
    /// Every group the results publish a figure set for ([`published_groups`]).
    published: BTreeSet<String>,
    tree: Tree,
}

/// The organisation tree by code: parent code, level and name.
#[derive(Default)]
struct Tree {
    nodes: HashMap<String, (Option<String>, OrgLevel, String)>,
    root_name: Option<String>,
}

impl Tree {
    async fn load(store: &Store) -> Result<Tree, ServiceError> {
        let rows = org_unit::Entity::find().all(&store.read()).await?;
        let code_of: HashMap<i64, String> = rows.iter().map(|r| (r.id, r.code.clone())).collect();
        let mut t = Tree::default();
        for r in rows {
            if r.level == OrgLevel::Organisation {
                t.root_name = Some(r.name.clone());
            }
            let parent = r.parent_id.and_then(|p| code_of.get(&p).cloned());
            t.nodes.insert(r.code, (parent, r.level, r.name));
        }
        Ok(t)
    }

    fn name(&self, code: &str) -> String {
        self.nodes
            .get(code)
            .map_or_else(|| code.to_string(), |n| n.2.clone())
    }

    fn parent(&self, code: &str) -> Option<&str> {
        self.nodes.get(code).and_then(|n| n.0.as_deref())
    }
}

/// The group a tree node is reported as.
fn group_of(level: OrgLevel, code: &str) -> Group {
    match level {
        OrgLevel::Organisation => Group::All,
        OrgLevel::Unit => Group::Unit(code.to_string()),
        OrgLevel::District => Group::District(code.to_string()),
        OrgLevel::Team => Group::Team(code.to_string()),
    }
}

fn level_of(g: &Group) -> Option<OrgLevel> {
    match g {
        Group::All => Some(OrgLevel::Organisation),
        Group::Unit(_) => Some(OrgLevel::Unit),
        Group::District(_) => Some(OrgLevel::District),
        Group::Team(_) => Some(OrgLevel::Team),
        _ => None,
    }
}

fn code_of(g: &Group) -> Option<&str> {
    match g {
        Group::Unit(c) | Group::District(c) | Group::Team(c) => Some(c),
        _ => None,
    }
}

use super::report::rows;

/// The published figure `key` of a row (`None` when hidden or absent).
fn figure(row: &Value, key: &str) -> Option<f64> {
    super::report::figure(Some(row), key)
}

/// A published figure `key` with its 95% interval (`None` when hidden or absent).
fn with_interval(row: &Value, key: &str) -> Option<Interval> {
    Some((
        figure(row, key)?,
        figure(row, "ci_low")?,
        figure(row, "ci_high")?,
    ))
}

/// Every group the results publish a figure set for (in any wave), by name.
fn published_groups(results: &Value) -> BTreeSet<String> {
    rows(results, "estimates")
        .iter()
        .chain(rows(results, "breakdowns"))
        .filter_map(|e| e["group"].as_str().map(str::to_string))
        .collect()
}

fn unknown_poll(raw: &str) -> ServiceError {
    ServiceError::not_found(Refusal::new(
        msg!("dashboard-poll-unknown-title"),
        msg!("dashboard-poll-unknown", poll = raw.to_string()),
    ))
}

/// Resolves the query: the poll (default: the one with the most closed waves, so the most
/// trend to show, then the one that closed last),
/// the wave shown (default: its latest), the wave compared with (default: the one before),
/// and the group (default: the organisation).
///
/// # Errors
/// `Forbidden` for anyone but HRM; `NotFound` for a poll that is not one or has no closed
/// wave, and for a group the results do not publish; `Invalid` for a wave that is not one
/// of the poll's closed waves, or a comparison that does not look back.
async fn choose(
    store: &Store,
    actor: &Actor,
    q: &DashboardQuery,
    locale: Locale,
) -> Result<Option<Chosen>, ServiceError> {
    actor.require(Permission::ReadReport)?;
    let read = store.read();
    let closed = wave::Entity::find()
        .filter(wave::Column::Status.eq(WaveStatus::Closed))
        .all(&read)
        .await?;
    // Per poll: how many waves are closed, and when the last one closed.
    let mut latest: BTreeMap<PollId, (usize, time::Date)> = BTreeMap::new();
    for w in &closed {
        let e = latest.entry(w.poll_id.clone()).or_insert((0, w.closes_on));
        *e = (e.0 + 1, e.1.max(w.closes_on));
    }
    let models: Vec<poll::Model> = poll::Entity::find()
        .all(&read)
        .await?
        .into_iter()
        .filter(|p| latest.contains_key(&p.id))
        .collect();
    if models.is_empty() {
        return match q.poll.as_deref().filter(|p| !p.is_empty()) {
            Some(raw) => Err(unknown_poll(raw)),
            None => Ok(None),
        };
    }
    let title = |p: &poll::Model| match locale {
        Locale::Nl => p.title_nl.clone(),
        Locale::En => p.title_en.clone(),
    };
    let mut polls: Vec<(String, String)> = models
        .iter()
        .map(|p| (p.id.to_string(), title(p)))
        .collect();
    polls.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    let poll = match q.poll.as_deref().filter(|p| !p.is_empty()) {
        Some(raw) => models
            .iter()
            .find(|p| p.id.as_str() == raw)
            .cloned()
            .ok_or_else(|| unknown_poll(raw))?,
        None => models
            .iter()
            .max_by_key(|p| (latest[&p.id], title(p)))
            .cloned()
            .expect("a poll with a closed wave"),
    };
    let mut waves: Vec<(String, Period)> = closed
        .iter()
        .filter(|w| w.poll_id == poll.id)
        .map(|w| (w.label.clone(), Period::of_wave(&w.label, w.closes_on)))
        .collect();
    waves.sort();
    waves.dedup_by(|a, b| a.0 == b.0);
    let is_wave = |w: &str| waves.iter().any(|(l, _)| l == w);
    let to = match q.to.as_deref().filter(|w| !w.is_empty()) {
        Some(w) if is_wave(w) => w.to_string(),
        Some(w) => {
            return Err(ServiceError::invalid(
                "naar",
                msg!("dashboard-wave-unknown", wave = w.to_string()),
            ))
        }
        None => waves.last().expect("a closed wave").0.clone(),
    };
    let from = match q.from.as_deref().filter(|w| !w.is_empty()) {
        Some(w) if !is_wave(w) => {
            return Err(ServiceError::invalid(
                "van",
                msg!("dashboard-wave-unknown", wave = w.to_string()),
            ))
        }
        Some(w) if w >= to.as_str() => {
            return Err(ServiceError::invalid(
                "van",
                msg!(
                    "dashboard-compare-order",
                    from = w.to_string(),
                    to = to.clone()
                ),
            ))
        }
        Some(w) => Some(w.to_string()),
        None => waves
            .iter()
            .map(|(l, _)| l)
            .take_while(|l| l.as_str() < to.as_str())
            .last()
            .cloned(),
    };
    let (key, results) = super::team_results::of_poll_keyed(store, &poll.id)
        .await?
        .unwrap_or_else(|| (String::new(), Arc::new(Value::Null)));
    let raw_group = q
        .group
        .as_deref()
        .filter(|g| !g.is_empty())
        .unwrap_or("all");
    let published = published_groups(&results);
    let group = Group::parse(raw_group)
        .filter(|g| level_of(g).is_some())
        .filter(|g| *g == Group::All || published.contains(&g.to_string()))
        .ok_or_else(|| {
            ServiceError::not_found(Refusal::new(
                msg!("dashboard-group-unknown-title"),
                msg!("dashboard-group-unknown", group = raw_group.to_string()),
            ))
        })?;
    Ok(Some(Chosen {
        key,
        poll,
        polls,
        results,
        waves,
        from,
        to,
        group,
        published,
        tree: Tree::load(store).await?,
    }))
}

/// Changes from `from` to `to` for every group of `key` (`estimates` or `breakdowns`):
/// the file's own where it tested this pair, else [`analysis::changes::compare`], kept per
/// pair. The bool says whether the pair has its own family.
async fn changes_between(
    store: &Store,
    c: &Chosen,
    from: &str,
    key: &'static str,
) -> Result<(HashMap<(String, String), ChangeFigure>, bool), ServiceError> {
    let file_key = if key == "estimates" {
        "changes"
    } else {
        "breakdown_changes"
    };
    let figure_of = |ch: &Value| ChangeFigure {
        diff: ch["diff"].as_f64().unwrap_or(0.0),
        q: ch["q"].as_f64().unwrap_or(1.0),
        significant: ch["significant"].as_bool() == Some(true),
    };
    let pair = |ch: &Value| ch["from_wave"] == from && ch["to_wave"] == c.to.as_str();
    let file = rows(&c.results, file_key);
    // The file tests consecutive waves of the file: its pairs are the ones it has figures for.
    let consecutive = {
        let with: BTreeSet<&str> = rows(&c.results, key)
            .iter()
            .filter_map(|e| e["wave"].as_str())
            .collect();
        with.contains(from)
            && with
                .range::<str, _>((
                    std::ops::Bound::Excluded(from),
                    std::ops::Bound::Excluded(c.to.as_str()),
                ))
                .next()
                .is_none()
    };
    // Each change by (theme, group).
    let by_cell = |changes: &mut dyn Iterator<Item = &Value>| {
        changes
            .filter_map(|ch| {
                let cell = (
                    ch["theme"].as_str()?.to_string(),
                    ch["group"].as_str()?.to_string(),
                );
                Some((cell, figure_of(ch)))
            })
            .collect::<HashMap<_, _>>()
    };
    if consecutive {
        return Ok((by_cell(&mut file.iter().filter(|ch| pair(ch))), false));
    }
    let made_from = format!("{}:{key}", c.key);
    let cache_key = (c.poll.id.clone(), from.to_string(), c.to.clone());
    let kept = match store.cached().comparisons.get(&cache_key, &made_from) {
        Some(k) => k,
        None => {
            let wanted = [from, c.to.as_str()];
            let estimates: Vec<analysis::Estimate> = rows(&c.results, key)
                .iter()
                .filter(|e| e["wave"].as_str().is_some_and(|w| wanted.contains(&w)))
                .map(|e| serde_json::from_value(e.clone()))
                .collect::<Result<_, _>>()
                .map_err(|e| ServiceError::corrupt("kept results", e))?;
            let changes = analysis::changes::compare(&estimates, from, &c.to);
            let value = Arc::new(
                serde_json::to_value(changes)
                    .map_err(|e| ServiceError::corrupt("a comparison", e))?,
            );
            store
                .cached()
                .comparisons
                .put(cache_key, made_from, value.clone());
            value
        }
    };
    let kept = kept.as_array().map_or(&[][..], Vec::as_slice);
    Ok((by_cell(&mut kept.iter()), true))
}

/// The dashboard for `q`, in `locale`; `None` while no wave of any poll is closed.
///
/// # Errors
/// As [`choose`]; `Unexpected` when the kept results cannot be read.
pub async fn view(
    store: &Store,
    actor: &Actor,
    q: &DashboardQuery,
    locale: Locale,
) -> Result<Option<DashboardView>, ServiceError> {
    let Some(c) = choose(store, actor, q, locale).await? else {
        return Ok(None);
    };
    let read = store.read();
    let group = c.group.to_string();
    let level = level_of(&c.group).expect("a tree group");
    let published = &c.published;
    let organisation = c
        .tree
        .root_name
        .clone()
        .unwrap_or_else(|| msg!("report-organisation").text(locale));

    // The way down: the organisation, then every published ancestor, then the group.
    let mut trail = vec![("all".to_string(), organisation.clone())];
    if let Some(code) = code_of(&c.group) {
        let mut up = Vec::new();
        let mut at = c.tree.parent(code).map(str::to_string);
        while let Some(p) = at {
            if let Some((_, lvl, name)) = c.tree.nodes.get(&p) {
                let g = group_of(*lvl, &p);
                if g != Group::All && published.contains(&g.to_string()) {
                    up.push((g.to_string(), name.clone()));
                }
            }
            at = c.tree.parent(&p).map(str::to_string);
        }
        up.reverse();
        trail.extend(up);
        trail.push((group.clone(), c.tree.name(code)));
    }

    // Themes, by their name in this language.
    let theme_names: HashMap<String, String> = theme::Entity::find()
        .all(&read)
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
    let mut themes: Vec<(String, String)> = rows(&c.results, "estimates")
        .iter()
        .filter_map(|e| e["theme"].as_str())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .map(|t| {
            (
                t.to_string(),
                theme_names.get(t).cloned().unwrap_or_else(|| t.to_string()),
            )
        })
        .collect();
    themes.sort_by(|a, b| a.1.cmp(&b.1));

    // The level below, from the tree: what hangs under the group and has figures.
    let children: Vec<(String, String)> = match &c.group {
        Group::Team(_) => Vec::new(),
        g => {
            let parent = code_of(g);
            let mut kids: Vec<(String, String)> = c
                .tree
                .nodes
                .iter()
                .filter(|(_, (p, lvl, _))| match parent {
                    None => *lvl == OrgLevel::Unit,
                    Some(code) => p.as_deref() == Some(code),
                })
                .filter_map(|(code, (_, lvl, name))| {
                    let g = group_of(*lvl, code).to_string();
                    published.contains(&g).then(|| (g, name.clone()))
                })
                .collect();
            if parent.is_none() {
                // Units the tree no longer holds keep their figures, by code.
                for g in published {
                    if let Some(Group::Unit(code)) = Group::parse(g) {
                        if !kids.iter().any(|(k, _)| k == g) {
                            kids.push((g.clone(), code));
                        }
                    }
                }
            }
            kids.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
            kids
        }
    };
    // What the children are (a unit may hold teams directly); none without children.
    let child_level = children
        .first()
        .and_then(|(g, _)| Group::parse(g))
        .and_then(|g| level_of(&g));
    let has_children = |g: &str| -> bool {
        let Some(code) = Group::parse(g).and_then(|g| code_of(&g).map(str::to_string)) else {
            return false;
        };
        c.tree.nodes.iter().any(|(kid, (p, lvl, _))| {
            p.as_deref() == Some(code.as_str())
                && published.contains(&group_of(*lvl, kid).to_string())
        })
    };
    let age_groups: Vec<String> = match &c.group {
        Group::All => published
            .iter()
            .filter(|g| g.starts_with("age_band="))
            .cloned()
            .collect(),
        Group::Unit(u) => {
            let prefix = format!("unit={u}&age_band=");
            published
                .iter()
                .filter(|g| g.starts_with(&prefix))
                .cloned()
                .collect()
        }
        _ => Vec::new(),
    };

    // One pass over the figures of the wave shown for every group on the page.
    let mut wanted: BTreeSet<&str> = children.iter().map(|(g, _)| g.as_str()).collect();
    wanted.insert(group.as_str());
    wanted.extend(age_groups.iter().map(String::as_str));
    let mut at_to: HashMap<(String, String), &Value> = HashMap::new();
    let mut series: HashMap<String, BTreeMap<String, Option<Interval>>> = HashMap::new();
    for e in rows(&c.results, "estimates")
        .iter()
        .chain(rows(&c.results, "breakdowns"))
    {
        let (Some(g), Some(t), Some(w)) =
            (e["group"].as_str(), e["theme"].as_str(), e["wave"].as_str())
        else {
            continue;
        };
        if !wanted.contains(g) {
            continue;
        }
        if g == group {
            series
                .entry(t.to_string())
                .or_default()
                .insert(w.to_string(), with_interval(e, "index"));
        }
        if w == c.to {
            at_to.insert((t.to_string(), g.to_string()), e);
        }
    }
    let mut changes: HashMap<(String, String), ChangeFigure> = HashMap::new();
    let mut own_family = false;
    if let Some(from) = &c.from {
        let (primary_changes, own) = changes_between(store, &c, from, "estimates").await?;
        own_family = own;
        changes.extend(primary_changes);
        // The breakdowns' changes, where a group on the page is one of them.
        if wanted
            .iter()
            .any(|g| Group::parse(g).is_none_or(|g| !g.is_primary()))
        {
            changes.extend(changes_between(store, &c, from, "breakdowns").await?.0);
        }
    }
    let trends: HashMap<&str, (f64, bool)> = rows(&c.results, "trends")
        .iter()
        .filter(|t| t["group"] == group.as_str())
        .filter_map(|t| {
            Some((
                t["theme"].as_str()?,
                (t["slope"].as_f64()?, t["p"].as_f64()? < 0.05),
            ))
        })
        .collect();
    let theme_rows: Vec<ThemeFigure> = themes
        .iter()
        .map(|(code, name)| {
            let e = at_to.get(&(code.clone(), group.clone()));
            let index = e.and_then(|e| with_interval(e, "index"));
            ThemeFigure {
                code: code.clone(),
                name: name.clone(),
                index,
                pct_favourable: e.and_then(|e| figure(e, "pct_favourable")),
                n: e.filter(|_| index.is_some()).and_then(|e| e["n"].as_u64()),
                change: changes.get(&(code.clone(), group.clone())).cloned(),
                trend: trends.get(code.as_str()).copied(),
                series: c
                    .waves
                    .iter()
                    .map(|(w, _)| {
                        let v = series.get(code).and_then(|s| s.get(w).copied()).flatten();
                        (w.clone(), v)
                    })
                    .collect(),
            }
        })
        .collect();
    let row_of = |g: &str, name: String, drill: bool| GroupRow {
        group: g.to_string(),
        name,
        cells: themes
            .iter()
            .map(|(t, _)| Cell {
                index: at_to
                    .get(&(t.clone(), g.to_string()))
                    .and_then(|e| figure(e, "index")),
                change: changes.get(&(t.clone(), g.to_string())).cloned(),
            })
            .collect(),
        drill,
    };
    let child_rows: Vec<GroupRow> = children
        .iter()
        .map(|(g, name)| row_of(g, name.clone(), has_children(g)))
        .collect();
    let age_rows: Vec<GroupRow> = age_groups
        .iter()
        .map(|g| {
            let band = g.rsplit("age_band=").next().unwrap_or(g).to_string();
            row_of(g, band, false)
        })
        .collect();

    // Item texts for eNPS and distributions.
    let codes: BTreeSet<String> = rows(&c.results, "enps")
        .iter()
        .chain(rows(&c.results, "distributions"))
        .filter_map(|r| r["item"].as_str().map(str::to_string))
        .collect();
    let texts: HashMap<String, String> = question::Entity::find()
        .filter(question::Column::Code.is_in(codes.iter().cloned()))
        .all(&read)
        .await?
        .into_iter()
        .map(|q| {
            let text = match locale {
                Locale::Nl => q.text_nl,
                Locale::En => q.text_en,
            };
            (q.code, text)
        })
        .collect();
    let text_of = |code: &str| texts.get(code).cloned().unwrap_or_else(|| code.to_string());
    let mut enps_items: BTreeMap<String, Vec<Option<Interval>>> = BTreeMap::new();
    let wave_pos: HashMap<&str, usize> = c
        .waves
        .iter()
        .enumerate()
        .map(|(i, (w, _))| (w.as_str(), i))
        .collect();
    for e in rows(&c.results, "enps")
        .iter()
        .filter(|e| e["group"] == group.as_str())
    {
        let (Some(item), Some(pos)) = (
            e["item"].as_str(),
            e["wave"].as_str().and_then(|w| wave_pos.get(w)),
        ) else {
            continue;
        };
        let slot = enps_items
            .entry(item.to_string())
            .or_insert_with(|| vec![None; c.waves.len()]);
        slot[*pos] = with_interval(e, "enps");
    }
    let enps = enps_items
        .into_iter()
        .map(|(item, waves)| EnpsFigure {
            text: text_of(&item),
            item,
            waves,
        })
        .collect();
    let order: HashMap<String, usize> = serde_json::from_str::<Vec<Vec<String>>>(&c.poll.pages)
        .unwrap_or_default()
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(i, code)| (code, i))
        .collect();
    let mut items: Vec<ItemDistribution> = rows(&c.results, "distributions")
        .iter()
        .filter(|d| d["group"] == group.as_str() && d["wave"] == c.to.as_str())
        .filter_map(|d| {
            let item = d["item"].as_str()?.to_string();
            let shares = (d["suppressed"].as_bool() == Some(false))
                .then(|| {
                    let s = d["shares"].as_array()?;
                    let v: Vec<f64> = s.iter().filter_map(Value::as_f64).collect();
                    <[f64; 5]>::try_from(v).ok()
                })
                .flatten();
            let theme = d["theme"].as_str().unwrap_or_default();
            Some(ItemDistribution {
                text: text_of(&item),
                theme: theme_names
                    .get(theme)
                    .cloned()
                    .unwrap_or_else(|| theme.to_string()),
                item,
                shares,
            })
        })
        .collect();
    items.sort_by_key(|i| order.get(&i.item).copied().unwrap_or(usize::MAX));

    // Indicators of the unit (or the organisation), in the half year of the wave shown.
    let period = c
        .waves
        .iter()
        .find(|(w, _)| *w == c.to)
        .map(|(_, p)| *p)
        .expect("the wave shown is a closed wave");
    let unit = match &c.group {
        Group::All => Some(String::new()),
        Group::Unit(u) => Some(u.clone()),
        _ => None,
    };
    let mut indicators = Vec::new();
    if let Some(unit) = unit {
        let k = u64::from(crate::domain::ReportingThreshold::DEFAULT.get());
        for ind in super::indicators::all(store, actor).await? {
            if !ind.active {
                continue;
            }
            let value = |p: Period| {
                super::indicators::published(&ind, p, k)
                    .get(&unit)
                    .copied()
                    .flatten()
                    .map(|v| super::indicators::written(ind.kind, v, locale).1)
            };
            let recorded = |p: Period| ind.values.contains_key(&(unit.clone(), p));
            if !recorded(period) && !recorded(period.previous()) {
                continue;
            }
            indicators.push(IndicatorFigure {
                name: ind.name.get(locale).to_string(),
                theme: (!ind.theme_code.is_empty()).then(|| {
                    theme_names
                        .get(&ind.theme_code)
                        .cloned()
                        .unwrap_or_else(|| ind.theme_code.clone())
                }),
                definition: ind.definition.get(locale).to_string(),
                source: ind.source.clone(),
                values: (value(period.previous()), value(period)),
            });
        }
    }
    let title = match locale {
        Locale::Nl => c.poll.title_nl.clone(),
        Locale::En => c.poll.title_en.clone(),
    };
    Ok(Some(DashboardView {
        polls: c.polls.clone(),
        poll: c.poll.id.to_string(),
        title,
        waves: c.waves.iter().map(|(w, _)| w.clone()).collect(),
        from: c.from.clone(),
        to: c.to.clone(),
        own_family,
        group,
        level,
        trail,
        themes: theme_rows,
        child_level,
        children: child_rows,
        age_bands: age_rows,
        enps,
        items,
        indicators,
        indicator_periods: (period.previous().to_string(), period.to_string()),
        k: c.poll.min_group.max(0) as u32,
    }))
}

/// The charts of the dashboard.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Chart {
    /// One theme of the group over every closed wave, with its 95% band.
    Trend(String),
    /// The level below the group × themes, in the wave shown.
    Heatmap,
    /// The group's answer distributions in the wave shown.
    Distribution,
}

impl Chart {
    /// The chart a query's `soort` (and `thema`) name.
    ///
    /// # Errors
    /// `Invalid` for a kind that is not one, or a trend without its theme.
    pub fn parse(kind: Option<&str>, theme: Option<&str>) -> Result<Chart, ServiceError> {
        match kind {
            Some("trend") => match theme.filter(|t| !t.is_empty()) {
                Some(t) => Ok(Chart::Trend(t.to_string())),
                None => Err(ServiceError::invalid(
                    "thema",
                    msg!("dashboard-chart-theme"),
                )),
            },
            Some("heatmap") => Ok(Chart::Heatmap),
            Some("verdeling") => Ok(Chart::Distribution),
            other => Err(ServiceError::invalid(
                "soort",
                msg!(
                    "dashboard-chart-unknown",
                    kind = other.unwrap_or_default().to_string()
                ),
            )),
        }
    }
}

/// One chart of the dashboard for `q` as SVG, its words in `locale`, drawn by
/// `analysis::charts` from the same view the page shows (so the chart and its table never
/// disagree).
///
/// # Errors
/// As [`view`]; `NotFound` for a theme the poll does not report, or when no poll has a
/// closed wave; `Unexpected` when drawing fails.
pub async fn chart(
    store: &Store,
    actor: &Actor,
    q: &DashboardQuery,
    which: &Chart,
    locale: Locale,
) -> Result<String, ServiceError> {
    let Some(v) = view(store, actor, q, locale).await? else {
        return Err(unknown_poll(q.poll.as_deref().unwrap_or_default()));
    };
    let group_name = v.trail.last().map(|t| t.1.clone()).unwrap_or_default();
    let lang = locale.chart_lang();
    let out = analysis::charts::Output::Svg;
    let drawn = match which {
        Chart::Trend(code) => {
            let t = v.themes.iter().find(|t| &t.code == code).ok_or_else(|| {
                ServiceError::not_found(Refusal::new(
                    msg!("dashboard-theme-unknown-title"),
                    msg!("dashboard-theme-unknown", theme = code.clone()),
                ))
            })?;
            let points: Vec<analysis::charts::TrendPoint> = t.series.clone();
            analysis::charts::trend_chart(
                &format!("{} · {}", t.name, group_name),
                &points,
                lang,
                out,
            )
        }
        Chart::Heatmap => {
            let rows: Vec<String> = v.children.iter().map(|r| r.name.clone()).collect();
            let cols: Vec<String> = v.themes.iter().map(|t| t.name.clone()).collect();
            let cells: Vec<Vec<Option<f64>>> = v
                .children
                .iter()
                .map(|r| r.cells.iter().map(|c| c.index).collect())
                .collect();
            analysis::charts::heatmap_chart(
                &msg!(
                    "dashboard-heatmap-title",
                    group = group_name,
                    wave = v.to.clone()
                )
                .text(locale),
                &rows,
                &cols,
                &cells,
                lang,
                out,
            )
        }
        Chart::Distribution => {
            let rows: Vec<analysis::charts::DistributionRow> =
                v.items.iter().map(|i| (i.text.clone(), i.shares)).collect();
            analysis::charts::distribution_chart(
                &msg!(
                    "dashboard-distribution-title",
                    group = group_name,
                    wave = v.to.clone()
                )
                .text(locale),
                &rows,
                lang,
                out,
            )
        }
    };
    drawn
        .map(|r| r.svg)
        .map_err(|e| ServiceError::corrupt("a dashboard chart", e))
}
