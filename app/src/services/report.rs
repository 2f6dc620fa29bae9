//! The sociaal jaarbeeld (issue #13): HRM's semi-annual report on the polls' themes, as a PDF
//! (`documents`, typst) and an XLSX with every table of it, in Dutch or English.
//!
//! Every figure comes from `analysis`: the `results.json` of each poll's closed waves up to
//! the end of the period (the kept results when no later wave has closed, else an analysis
//! of exactly those waves), with its one suppression pattern per wave. The report is built
//! by one pure function, [`build`], from [`Source`]s — a bundle's [`BundleMeta`] beside its
//! results — so `polsslag report --bundle DIR` ([`sources_from_bundles`]) makes the same
//! report from exported bundles, without a database, as [`sources_from_store`] does from it.
//!
//! Nothing is claimed that the figures do not carry: a movement is called significant only
//! by the methodology's rule (`analysis::changes`: q ≤ 0.05 over its Benjamini–Hochberg
//! family, n_eff ≥ 30 in both waves, |Δ| ≥ 3), and a figure the analysis did not publish is
//! a dash, whether it was suppressed or never measured.

use super::results::{bundle_meta, BundleMeta, MetaName, MetaWave};
use super::{Actor, Permission, ServiceError, Store};
use crate::domain::{Period, PollId, WaveStatus};
use crate::i18n::{Locale, Message};
use crate::msg;
use documents::workbook::{Cell, Table};
use serde_json::{json, Value};
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// One poll's part of the report: what its bundle says about itself and its results over
/// the waves up to the end of the period.
#[derive(Clone, Debug)]
pub struct Source {
    pub meta: BundleMeta,
    /// `results.json` of the waves in `meta` (those up to the end of the period), shared
    /// with the kept results where it is theirs.
    pub results: std::sync::Arc<Value>,
}

/// A built report: the PDF's data and charts, and the tables the XLSX holds.
#[derive(Clone, Debug)]
pub struct Report {
    /// The data of `documents/src/templates/report.typ`.
    pub data: Value,
    /// `(file name, SVG)` of the charts the data names.
    pub charts: Vec<(String, Vec<u8>)>,
    /// Every table of the report in order, then the sheet of sources and definitions.
    pub tables: Vec<Table>,
}

/// The output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Xlsx,
}

impl Format {
    /// The format a file name asks for by its extension.
    pub fn of_path(path: &Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "pdf" => Some(Format::Pdf),
            "xlsx" => Some(Format::Xlsx),
            _ => None,
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Pdf => "application/pdf",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Xlsx => "xlsx",
        }
    }
}

/// Where a wave falls against the period: the half year its label names, else the one it
/// closed in ([`Period::of_wave`]).
fn place(period: Period, w: &MetaWave) -> Ordering {
    Period::of_wave(&w.label, w.closes_on).cmp(&period)
}

/// Keeps the waves of `meta` up to the end of `period`; whether one of them lies within it
/// (else the poll has no place in the period's report).
fn keep_until(meta: &mut BundleMeta, period: Period) -> bool {
    meta.waves.retain(|w| place(period, w) != Ordering::Greater);
    meta.waves
        .iter()
        .any(|w| place(period, w) == Ordering::Equal)
}

/// The sources of the report from the database: every poll with a closed wave in the
/// period, with its closed waves up to the period's end.
///
/// # Errors
/// `Forbidden` for anyone but HRM (and the command line); `Unexpected` when an analysis fails.
pub async fn sources_from_store(
    store: &Store,
    actor: &Actor,
    period: Period,
) -> Result<Vec<Source>, ServiceError> {
    use super::entities::{poll, wave};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    actor.require(Permission::ReadReport)?;
    let read = store.read();
    let mut polls: Vec<PollId> = wave::Entity::find()
        .filter(wave::Column::Status.eq(WaveStatus::Closed))
        .all(&read)
        .await?
        .into_iter()
        .map(|w| w.poll_id)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    // Polls by title, so the report's order does not depend on ids.
    let titles: BTreeMap<PollId, String> = poll::Entity::find()
        .all(&read)
        .await?
        .into_iter()
        .map(|p| (p.id, p.title_nl))
        .collect();
    polls.sort_by_key(|p| titles.get(p).cloned().unwrap_or_default());
    let mut out = Vec::new();
    for poll_id in polls {
        let mut meta = bundle_meta(store, &poll_id).await?;
        let all = meta.waves.len();
        if !keep_until(&mut meta, period) {
            continue;
        }
        // A poll nobody answered in these waves has no figures to analyse: its response
        // table still says so. The waves up to the period's end are analysed once and kept
        // (team_results), like all of them.
        let results = if meta.responses() == 0 {
            std::sync::Arc::new(json!({}))
        } else {
            let keep: BTreeSet<String> = meta.waves.iter().map(|w| w.label.clone()).collect();
            let only = (meta.waves.len() < all).then_some(&keep);
            super::team_results::of_waves(store, &poll_id, only)
                .await?
                .map(|(_, v)| v)
                .unwrap_or_else(|| std::sync::Arc::new(Value::Null))
        };
        out.push(Source { meta, results });
    }
    Ok(out)
}

/// The sources of the report from exported bundles (`polsslag export`), each analysed with
/// the threshold its `meta.json` names, over its waves up to the period's end. A bundle
/// without a wave in the period is left out.
///
/// # Errors
/// `Invalid` (field `bundle`) when a directory holds no `meta.json` (without it the
/// threshold is unknown) or no readable bundle.
pub fn sources_from_bundles(dirs: &[PathBuf], period: Period) -> Result<Vec<Source>, ServiceError> {
    let mut out = Vec::new();
    for dir in dirs {
        let path = dir.join("meta.json");
        let bad = |reason: String| {
            ServiceError::invalid(
                "bundle",
                msg!(
                    "report-bundle-unreadable",
                    path = dir.display().to_string(),
                    reason = reason
                ),
            )
        };
        let text =
            std::fs::read_to_string(&path).map_err(|e| bad(format!("{}: {e}", path.display())))?;
        let mut meta: BundleMeta =
            serde_json::from_str(&text).map_err(|e| bad(format!("meta.json: {e}")))?;
        if !keep_until(&mut meta, period) {
            continue;
        }
        if meta.responses() == 0 {
            out.push(Source {
                meta,
                results: std::sync::Arc::new(json!({})),
            });
            continue;
        }
        let keep: BTreeSet<String> = meta.waves.iter().map(|w| w.label.clone()).collect();
        let bundle = analysis::bundle::Bundle::read_waves(dir, |w| keep.contains(w))
            .map_err(|e| bad(e.to_string()))?;
        let results = analysis::analyse(
            &bundle,
            &analysis::AnalyseOptions {
                min_group: meta.min_group,
                charts: false,
                ..Default::default()
            },
        )
        .map_err(|e| bad(e.to_string()))?;
        let results =
            serde_json::to_value(&results).map_err(|e| ServiceError::corrupt("results.json", e))?;
        out.push(Source {
            meta,
            results: std::sync::Arc::new(results),
        });
    }
    Ok(out)
}

/// The significance rule's numbers as the text says them: q, n_eff and |Δ|.
fn rule_texts(locale: Locale) -> (String, String, String) {
    (
        num(locale, analysis::changes::Q_MAX, 2),
        num(locale, analysis::changes::N_EFF_MIN, 0),
        num(locale, analysis::changes::DIFF_MIN, 0),
    )
}

/// An index or eNPS with the language's decimal sign.
fn num(locale: Locale, v: f64, digits: usize) -> String {
    locale.decimal(v, digits)
}

fn name_of(names: &[MetaName], code: &str, locale: Locale) -> String {
    names
        .iter()
        .find(|n| n.code == code)
        .map(|n| match locale {
            Locale::Nl => n.name_nl.clone(),
            Locale::En => n.name_en.clone(),
        })
        .unwrap_or_else(|| code.to_string())
}

/// Rows of one key of `results.json`.
pub(crate) fn rows<'a>(results: &'a Value, key: &str) -> &'a [Value] {
    results[key].as_array().map_or(&[][..], Vec::as_slice)
}

/// A published figure of a row (`None` when suppressed or absent).
pub(crate) fn figure(row: Option<&Value>, key: &str) -> Option<f64> {
    let row = row?;
    if row["suppressed"].as_bool() != Some(false) {
        return None;
    }
    row[key].as_f64()
}

/// Which of a set of counts are hidden (methodology A2, the tree rule, for counts): every
/// count under `k` (a zero too: "nobody" must look like "too few"), and then, while the
/// hidden counts together with `remainder` — what the published parent holds beyond the
/// listed counts — are more than nothing but fewer than `k`, the smallest shown count as
/// well, so that the parent minus what is shown never tells fewer than k people. Without a
/// published parent, `remainder` is `None` and only the counts under `k` are hidden. When
/// every count ends up hidden and the mass is still under `k`, the parent itself is under
/// `k` and hidden by its own rule.
pub(crate) fn protect_counts(counts: &[u64], remainder: Option<u64>, k: u64) -> Vec<bool> {
    let mut hidden: Vec<bool> = counts.iter().map(|n| *n < k).collect();
    let Some(rest) = remainder else {
        return hidden;
    };
    loop {
        let any = rest > 0 || hidden.iter().any(|h| *h);
        let mass: u64 = rest
            + counts
                .iter()
                .zip(&hidden)
                .filter(|(_, h)| **h)
                .map(|(n, _)| *n)
                .sum::<u64>();
        if !any || mass >= k {
            return hidden;
        }
        let Some((i, _)) = counts
            .iter()
            .enumerate()
            .filter(|(i, _)| !hidden[*i])
            .min_by_key(|(_, n)| **n)
        else {
            return hidden;
        };
        hidden[i] = true;
    }
}

struct Builder {
    locale: Locale,
    blocks: Vec<Value>,
    tables: Vec<Table>,
    charts: Vec<(String, Vec<u8>)>,
}

impl Builder {
    fn t(&self, m: Message) -> String {
        m.text(self.locale)
    }

    fn heading(&mut self, level: u8, text: impl Into<String>) {
        self.blocks
            .push(json!({ "k": "h", "level": level, "text": text.into() }));
    }

    fn para(&mut self, text: impl Into<String>) {
        self.blocks.push(json!({ "k": "p", "text": text.into() }));
    }

    fn note(&mut self, text: impl Into<String>) {
        self.blocks
            .push(json!({ "k": "note", "text": text.into() }));
    }

    fn list(&mut self, items: Vec<String>) {
        if !items.is_empty() {
            self.blocks.push(json!({ "k": "list", "items": items }));
        }
    }

    fn table(&mut self, t: Table) {
        self.blocks.push(json!({ "k": "table", "table": t }));
        self.tables.push(t);
    }

    fn chart(&mut self, svg: String, alt: String) {
        let file = format!("chart-{}.svg", self.charts.len());
        self.blocks
            .push(json!({ "k": "chart", "file": file, "alt": alt }));
        self.charts.push((file, svg.into_bytes()));
    }
}

/// What one poll contributes: its waves, groups and themes in report order.
struct PollView<'a> {
    src: &'a Source,
    title: String,
    waves: Vec<String>,
    latest: String,
    /// `(group as written in results.json, its name)`: the organisation, then the units.
    groups: Vec<(String, String)>,
    themes: Vec<(String, String)>,
    k: u64,
    /// The estimates by (wave, theme, group), built once: the report looks up a few hundred
    /// cells among a poll's estimates, which hold every team of every wave.
    estimates: HashMap<Place<'a>, &'a Value>,
    /// The changes by (to wave, theme, group).
    changes: HashMap<Place<'a>, &'a Value>,
}

/// A figure's place in `results.json`: (wave, theme, group).
type Place<'a> = (&'a str, &'a str, &'a str);

/// `rows` keyed by their (`wave_key`, `theme`, `group`); the first of two with one key wins,
/// as a search from the start would find it.
fn index_rows<'a>(rows: &'a [Value], wave_key: &str) -> HashMap<Place<'a>, &'a Value> {
    let mut out = HashMap::with_capacity(rows.len());
    for r in rows {
        if let (Some(w), Some(t), Some(g)) = (
            r[wave_key].as_str(),
            r["theme"].as_str(),
            r["group"].as_str(),
        ) {
            out.entry((w, t, g)).or_insert(r);
        }
    }
    out
}

impl<'a> PollView<'a> {
    fn new(src: &'a Source, period: Period, locale: Locale) -> Option<PollView<'a>> {
        let est = rows(&src.results, "estimates");
        // Every closed wave up to the period, with figures or without (a wave nobody could
        // be reported for shows as dashes, like a suppressed one).
        let waves: Vec<String> = src.meta.waves.iter().map(|w| w.label.clone()).collect();
        let latest = src
            .meta
            .waves
            .iter()
            .filter(|w| place(period, w) == Ordering::Equal)
            .map(|w| w.label.clone())
            .next_back()?;
        let in_results: BTreeSet<&str> = est.iter().filter_map(|e| e["group"].as_str()).collect();
        let mut groups = vec![("all".to_string(), msg!("report-organisation").text(locale))];
        groups.extend(src.meta.units.iter().filter_map(|u| {
            let g = format!("unit={}", u.code);
            in_results
                .contains(g.as_str())
                .then(|| (g, name_of(&src.meta.units, &u.code, locale)))
        }));
        // Units the roster no longer names, by their code.
        for g in &in_results {
            if g.starts_with("unit=") && !groups.iter().any(|(c, _)| c == g) {
                groups.push((g.to_string(), g.trim_start_matches("unit=").to_string()));
            }
        }
        let mut themes: Vec<(String, String)> = est
            .iter()
            .filter_map(|e| e["theme"].as_str())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .map(|t| (t.to_string(), name_of(&src.meta.themes, t, locale)))
            .collect();
        themes.sort_by(|a, b| a.1.cmp(&b.1));
        let title = match locale {
            Locale::Nl => src.meta.poll.title_nl.clone(),
            Locale::En => src.meta.poll.title_en.clone(),
        };
        Some(PollView {
            src,
            title,
            waves,
            latest,
            groups,
            themes,
            k: u64::from(src.meta.min_group),
            estimates: index_rows(est, "wave"),
            changes: index_rows(rows(&src.results, "changes"), "to_wave"),
        })
    }

    fn estimate(&self, wave: &str, theme: &str, group: &str) -> Option<&'a Value> {
        self.estimates.get(&(wave, theme, group)).copied()
    }

    fn change_into(&self, wave: &str, theme: &str, group: &str) -> Option<&'a Value> {
        self.changes.get(&(wave, theme, group)).copied()
    }
}

/// The summary's sentences of one poll: per theme the organisation's movement into the
/// latest wave of the period and the units that moved significantly.
fn summary_of(b: &Builder, v: &PollView) -> Vec<String> {
    let locale = b.locale;
    let mut out = Vec::new();
    if v.themes.is_empty() {
        out.push(b.t(msg!("report-summary-no-figures", wave = v.latest.clone())));
    }
    for (code, name) in &v.themes {
        let now = figure(v.estimate(&v.latest, code, "all"), "index");
        let change = v.change_into(&v.latest, code, "all");
        let line = match (now, change) {
            (None, _) => msg!(
                "report-summary-no-figure",
                theme = name.clone(),
                wave = v.latest.clone()
            ),
            (Some(now), Some(c)) => {
                let from = c["from_wave"].as_str().unwrap_or_default().to_string();
                let was = figure(v.estimate(&from, code, "all"), "index").unwrap_or(now);
                let diff = c["diff"].as_f64().unwrap_or(0.0);
                let (theme, by, from_index, to_index, wave) = (
                    name.clone(),
                    num(locale, diff.abs(), 1),
                    num(locale, was, 1),
                    num(locale, now, 1),
                    v.latest.clone(),
                );
                if c["significant"].as_bool() == Some(true) && diff > 0.0 {
                    msg!(
                        "report-summary-rose",
                        theme = theme,
                        diff = by,
                        from = from_index,
                        to = to_index,
                        was = from,
                        wave = wave
                    )
                } else if c["significant"].as_bool() == Some(true) {
                    msg!(
                        "report-summary-fell",
                        theme = theme,
                        diff = by,
                        from = from_index,
                        to = to_index,
                        was = from,
                        wave = wave
                    )
                } else {
                    msg!(
                        "report-summary-steady",
                        theme = name.clone(),
                        from = num(locale, was, 1),
                        to = num(locale, now, 1),
                        was = from,
                        wave = v.latest.clone()
                    )
                }
            }
            (Some(now), None) => msg!(
                "report-summary-first",
                theme = name.clone(),
                index = num(locale, now, 1),
                wave = v.latest.clone()
            ),
        };
        let mut text = b.t(line);
        let moved: Vec<String> = v
            .groups
            .iter()
            .skip(1)
            .filter_map(|(g, n)| {
                let c = v.change_into(&v.latest, code, g)?;
                (c["significant"].as_bool() == Some(true))
                    .then(|| format!("{n} ({})", locale.signed(c["diff"].as_f64().unwrap_or(0.0))))
            })
            .collect();
        if !moved.is_empty() {
            text.push(' ');
            text.push_str(&b.t(msg!("report-summary-units", units = moved.join(", "))));
        }
        out.push(text);
    }
    out
}

/// What the report shows beside the polls: the sfeerbeeld of the period's quarters and the
/// indicators from outside the polls. Neither comes from a bundle, so a report from bundles
/// has neither.
#[derive(Clone, Debug, Default)]
pub struct Extras<'a> {
    pub sfeerbeeld: Option<&'a crate::domain::SfeerbeeldView>,
    pub indicators: &'a [super::indicators::Indicator],
}

/// Builds the report of `period` from its sources, in `locale`, dated `today`, with the
/// sfeerbeeld and indicators of `extras`.
///
/// # Errors
/// `Unexpected` when a chart cannot be drawn.
pub fn build(
    sources: &[Source],
    period: Period,
    locale: Locale,
    today: time::Date,
    extras: &Extras,
) -> Result<Report, ServiceError> {
    let mut b = Builder {
        locale,
        blocks: Vec::new(),
        tables: Vec::new(),
        charts: Vec::new(),
    };
    let unit_names: BTreeMap<String, String> = sources
        .iter()
        .flat_map(|s| &s.meta.units)
        .map(|u| {
            (
                u.code.clone(),
                name_of(std::slice::from_ref(u), &u.code, locale),
            )
        })
        .collect();
    let mut indicators_shown: BTreeSet<String> = BTreeSet::new();
    let views: Vec<PollView> = sources
        .iter()
        .filter_map(|s| PollView::new(s, period, locale))
        .collect();
    let period_text = period.to_string();

    // 1. Summary.
    b.heading(1, b.t(msg!("report-summary-title")));
    if views.is_empty() {
        b.para(b.t(msg!("report-nothing", period = period_text.clone())));
    } else {
        b.para(b.t(msg!("report-summary-intro", period = period_text.clone())));
    }
    for v in &views {
        b.heading(3, format!("{} ({})", v.title, v.latest));
        let lines = summary_of(&b, v);
        b.list(lines);
    }
    let (q, n_eff, diff) = rule_texts(locale);
    b.note(b.t(msg!(
        "report-summary-rule",
        q = q,
        n_eff = n_eff,
        diff = diff
    )));

    // 2. Per poll: themes, eNPS, response.
    for v in &views {
        b.blocks.push(json!({ "k": "break" }));
        b.heading(1, v.title.clone());
        b.para(b.t(msg!(
            "report-poll-intro",
            waves = v.waves.join(", "),
            k = v.k
        )));
        for (code, name) in &v.themes {
            b.heading(2, name.clone());
            theme_section(&mut b, v, code, name)?;
            for ind in extras.indicators.iter().filter(|i| &i.theme_code == code) {
                if !indicators_shown.contains(&ind.code)
                    && indicator_table(&mut b, ind, period, &unit_names)
                {
                    indicators_shown.insert(ind.code.clone());
                }
            }
        }
        enps_section(&mut b, v);
        response_section(&mut b, v);
    }

    // 3. The indicators not shown beside a theme, then the sfeerbeeld.
    let rest: Vec<&super::indicators::Indicator> = extras
        .indicators
        .iter()
        .filter(|i| !indicators_shown.contains(&i.code))
        .filter(|i| {
            i.values
                .keys()
                .any(|(_, p)| *p == period || *p == period.previous())
        })
        .collect();
    if !rest.is_empty() {
        b.blocks.push(json!({ "k": "break" }));
        b.heading(1, b.t(msg!("report-indicators-title")));
        for ind in rest {
            b.heading(2, ind.name.get(locale).to_string());
            if indicator_table(&mut b, ind, period, &unit_names) {
                indicators_shown.insert(ind.code.clone());
            }
        }
    }
    if let Some(view) = extras.sfeerbeeld {
        sfeerbeeld_section(&mut b, view, period);
    }

    // 4. Methodology and sources.
    b.blocks.push(json!({ "k": "break" }));
    b.heading(1, b.t(msg!("report-method-title")));
    let (q, n_eff, diff) = rule_texts(locale);
    let ks: Vec<String> = views
        .iter()
        .map(|v| v.k.to_string())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    for m in [
        msg!("report-method-design"),
        msg!("report-method-weights"),
        msg!("report-method-threshold", k = ks.join(", ")),
        msg!("report-method-changes", q = q, n_eff = n_eff, diff = diff),
        msg!("report-method-trend"),
    ] {
        b.para(b.t(m));
    }
    let mut suppressed_lines = Vec::new();
    let mut warnings = Vec::new();
    for v in &views {
        let est = rows(&v.src.results, "estimates");
        let hidden = est.iter().filter(|e| e["suppressed"] == true).count();
        suppressed_lines.push(b.t(msg!(
            "report-method-suppressed",
            poll = v.title.clone(),
            hidden = hidden,
            total = est.len(),
            k = v.k
        )));
        for w in rows(&v.src.results, "warnings") {
            let wave = w["wave"].as_str().unwrap_or_default().to_string();
            let text = match w["kind"].as_str() {
                Some("lonely_stratum") => b.t(msg!(
                    "report-warning-lonely",
                    poll = v.title.clone(),
                    wave = wave,
                    stratum = w["stratum"].as_str().unwrap_or_default().to_string()
                )),
                Some("merged_category") => b.t(msg!(
                    "report-warning-merged",
                    poll = v.title.clone(),
                    wave = wave,
                    category = w["category"].as_str().unwrap_or_default().to_string(),
                    into = w["into"].as_str().unwrap_or_default().to_string()
                )),
                _ => continue,
            };
            warnings.push(text);
        }
    }
    b.heading(2, b.t(msg!("report-method-suppression-title")));
    b.list(suppressed_lines);
    if !warnings.is_empty() {
        b.heading(2, b.t(msg!("report-method-warnings-title")));
        b.list(warnings);
    }
    b.heading(2, b.t(msg!("report-sources-title")));
    let sources_table = sources_table(&b, &views);
    b.table(sources_table);
    let shown: Vec<String> = extras
        .indicators
        .iter()
        .filter(|i| indicators_shown.contains(&i.code))
        .map(|i| {
            b.t(msg!(
                "report-indicator-source",
                name = i.name.get(locale).to_string(),
                definition = i.definition.get(locale).to_string(),
                source = i.source.clone()
            ))
        })
        .collect();
    if !shown.is_empty() {
        b.heading(2, b.t(msg!("report-indicators-sources")));
        b.list(shown);
    }

    let mut tables = b.tables;
    tables.push(definitions_table(locale, &views));
    let organisation = msg!("report-organisation").text(locale);
    let data = json!({
        "lang": locale.code(),
        "title": msg!("report-title").text(locale),
        "subtitle": msg!("report-subtitle", period = period_text.clone()).text(locale),
        "footer": msg!("report-footer", period = period_text.clone(), day = today.to_string()).text(locale),
        "cover": [
            [msg!("report-cover-period").text(locale), period_text],
            [msg!("report-cover-organisation").text(locale), organisation],
            [msg!("report-cover-date").text(locale), today.to_string()],
            [msg!("report-cover-sources").text(locale), views.iter().map(|v| v.title.clone()).collect::<Vec<_>>().join(", ")],
        ],
        "labels": {
            "contents": msg!("report-contents").text(locale),
            "page": msg!("handout-page").text(locale),
        },
        "blocks": b.blocks,
    });
    Ok(Report {
        data,
        charts: b.charts,
        tables,
    })
}

/// A theme: its trend chart (the organisation over every wave, 95% band), the units ×
/// waves table with significant changes marked, and the changes into the latest wave.
fn theme_section(
    b: &mut Builder,
    v: &PollView,
    code: &str,
    name: &str,
) -> Result<(), ServiceError> {
    let locale = b.locale;
    let points: Vec<analysis::charts::TrendPoint> = v
        .waves
        .iter()
        .map(|w| {
            let e = v.estimate(w, code, "all");
            let ci = figure(e, "index")
                .zip(figure(e, "ci_low"))
                .zip(figure(e, "ci_high"))
                .map(|((i, lo), hi)| (i, lo, hi));
            (w.clone(), ci)
        })
        .collect();
    let title = b.t(msg!("report-chart-title", theme = name.to_string()));
    let chart = analysis::charts::trend_chart(
        &title,
        &points,
        locale.chart_lang(),
        analysis::charts::Output::Svg,
    )
    .map_err(|e| ServiceError::corrupt("a report chart", e))?;
    let alt = points
        .iter()
        .map(|(w, p)| match p {
            Some((i, _, _)) => format!("{w}: {}", num(locale, *i, 1)),
            None => format!("{w}: –"),
        })
        .collect::<Vec<_>>()
        .join("; ");
    b.chart(chart.svg, format!("{title}. {alt}"));
    // The weighted trend over the published waves (methodology B6), where there are three.
    if let Some(t) = rows(&v.src.results, "trends")
        .iter()
        .find(|t| t["theme"] == code && t["group"] == "all")
    {
        let f = |key: &str| t[key].as_f64().unwrap_or(0.0);
        b.note(b.t(msg!(
            "report-trend",
            waves = t["waves"].as_u64().unwrap_or(0),
            from = t["from_wave"].as_str().unwrap_or_default().to_string(),
            to = t["to_wave"].as_str().unwrap_or_default().to_string(),
            slope = locale.signed(f("slope")),
            se = num(locale, f("se"), 1),
            p = num(locale, f("p"), 3)
        )));
    }

    let mut columns = vec![b.t(msg!("report-col-unit"))];
    columns.extend(v.waves.iter().cloned());
    let table_rows = v
        .groups
        .iter()
        .map(|(g, n)| {
            let mut row = vec![Cell::text(n.clone())];
            for w in &v.waves {
                let cell = match figure(v.estimate(w, code, g), "index") {
                    None => Cell::missing(),
                    Some(i) => match v.change_into(w, code, g) {
                        Some(c) if c["significant"].as_bool() == Some(true) => {
                            let arrow = if c["diff"].as_f64().unwrap_or(0.0) > 0.0 {
                                "▲"
                            } else {
                                "▼"
                            };
                            Cell::number(i, 1, format!("{} {arrow}", num(locale, i, 1))).strong()
                        }
                        _ => Cell::number(i, 1, num(locale, i, 1)),
                    },
                };
                row.push(cell);
            }
            row
        })
        .collect();
    b.table(Table {
        sheet: name.to_string(),
        title: b.t(msg!(
            "report-index-table",
            theme = name.to_string(),
            poll = v.title.clone()
        )),
        columns,
        rows: table_rows,
        note: Some(b.t(msg!("report-index-note", k = v.k))),
    });

    // The changes into the latest wave, every group the analysis tested.
    let changes: Vec<&Value> = rows(&v.src.results, "changes")
        .iter()
        .filter(|c| c["theme"] == code && c["to_wave"] == v.latest.as_str())
        .collect();
    if changes.is_empty() {
        return Ok(());
    }
    let yes = b.t(msg!("report-yes"));
    let no = b.t(msg!("report-no"));
    let change_rows = v
        .groups
        .iter()
        .filter_map(|(g, n)| {
            let c = changes.iter().find(|c| c["group"] == g.as_str())?;
            let diff = c["diff"].as_f64().unwrap_or(0.0);
            let q = c["q"].as_f64().unwrap_or(1.0);
            let significant = c["significant"].as_bool() == Some(true);
            let mark = |cell: Cell| if significant { cell.strong() } else { cell };
            Some(vec![
                mark(Cell::text(n.clone())),
                Cell::text(c["from_wave"].as_str().unwrap_or_default()),
                mark(Cell::number(diff, 1, locale.signed(diff))),
                Cell::number(q, 3, num(locale, q, 3)),
                mark(Cell::text(if significant {
                    yes.clone()
                } else {
                    no.clone()
                })),
            ])
        })
        .collect();
    b.table(Table {
        sheet: format!("{name} Δ"),
        title: b.t(msg!(
            "report-changes-table",
            theme = name.to_string(),
            wave = v.latest.clone()
        )),
        columns: vec![
            b.t(msg!("report-col-unit")),
            b.t(msg!("report-col-from")),
            b.t(msg!("report-col-diff")),
            b.t(msg!("report-col-q")),
            b.t(msg!("report-col-significant")),
        ],
        rows: change_rows,
        note: None,
    });
    Ok(())
}

/// An indicator's values for the organisation and each unit in the half year before and in
/// `period`; a count of people under the threshold hidden, and the smallest shown unit with
/// it where a single hidden unit could be found back from the organisation's value. `false`
/// (nothing added) when it has no value in either half year.
fn indicator_table(
    b: &mut Builder,
    ind: &super::indicators::Indicator,
    period: Period,
    unit_names: &BTreeMap<String, String>,
) -> bool {
    let locale = b.locale;
    let periods = [period.previous(), period];
    let mut units: Vec<String> = ind
        .values
        .keys()
        .filter(|(u, p)| !u.is_empty() && periods.contains(p))
        .map(|(u, _)| u.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let org = ind
        .values
        .keys()
        .any(|(u, p)| u.is_empty() && periods.contains(p));
    if units.is_empty() && !org {
        return false;
    }
    units.sort_by_key(|u| unit_names.get(u).cloned().unwrap_or_else(|| u.clone()));
    let k = u64::from(crate::domain::ReportingThreshold::DEFAULT.get());
    let shown: Vec<BTreeMap<String, Option<f64>>> = periods
        .iter()
        .map(|p| super::indicators::published(ind, *p, k))
        .collect();
    let show = |v: f64| -> Cell {
        let (decimals, text) = super::indicators::written(ind.kind, v, locale);
        Cell::number(v, decimals, text)
    };
    let cell = |j: usize, unit: &str| match shown[j].get(unit) {
        Some(Some(v)) => show(*v),
        _ => Cell::missing(),
    };
    let mut rows = Vec::new();
    if org {
        let mut row = vec![Cell::text(b.t(msg!("report-organisation")))];
        row.extend((0..periods.len()).map(|j| cell(j, "")));
        rows.push(row);
    }
    for u in &units {
        let mut row = vec![Cell::text(
            unit_names.get(u).cloned().unwrap_or_else(|| u.clone()),
        )];
        row.extend((0..periods.len()).map(|j| cell(j, u)));
        rows.push(row);
    }
    let name = ind.name.get(locale).to_string();
    b.table(Table {
        sheet: name.clone(),
        title: b.t(msg!("report-indicator-table", name = name)),
        columns: vec![
            b.t(msg!("report-col-unit")),
            periods[0].to_string(),
            periods[1].to_string(),
        ],
        rows,
        note: Some(if ind.people {
            b.t(msg!(
                "report-indicator-note-people",
                definition = ind.definition.get(locale).to_string(),
                source = ind.source.clone(),
                k = k
            ))
        } else {
            b.t(msg!(
                "report-indicator-note",
                definition = ind.definition.get(locale).to_string(),
                source = ind.source.clone()
            ))
        }),
    });
    true
}

/// eNPS per unit and wave, where the poll asks it.
fn enps_section(b: &mut Builder, v: &PollView) {
    let locale = b.locale;
    let enps = rows(&v.src.results, "enps");
    let items: BTreeSet<&str> = enps.iter().filter_map(|e| e["item"].as_str()).collect();
    for item in items {
        b.heading(2, b.t(msg!("report-enps-title")));
        let mut columns = vec![b.t(msg!("report-col-unit"))];
        columns.extend(v.waves.iter().cloned());
        let table_rows = v
            .groups
            .iter()
            .map(|(g, n)| {
                let mut row = vec![Cell::text(n.clone())];
                for w in &v.waves {
                    let e = enps.iter().find(|e| {
                        e["item"] == item && e["wave"] == w.as_str() && e["group"] == g.as_str()
                    });
                    row.push(match figure(e, "enps") {
                        Some(x) => Cell::number(x, 0, signed_whole(locale, x)),
                        None => Cell::missing(),
                    });
                }
                row
            })
            .collect();
        b.table(Table {
            sheet: format!("eNPS {item}"),
            title: b.t(msg!(
                "report-enps-table",
                poll = v.title.clone(),
                item = item.to_string()
            )),
            columns,
            rows: table_rows,
            note: Some(b.t(msg!("report-enps-note"))),
        });
    }
}

fn signed_whole(locale: Locale, x: f64) -> String {
    let t = num(locale, x.abs(), 0);
    if t == "0" {
        t
    } else if x > 0.0 {
        format!("+{t}")
    } else {
        format!("−{t}")
    }
}

/// Response per wave (invited, answered, rate; sample or census) and per unit in the latest
/// wave, with counts under the threshold hidden as every figure is.
fn response_section(b: &mut Builder, v: &PollView) {
    let locale = b.locale;
    b.heading(2, b.t(msg!("report-response-title")));
    let rate = |answered: u64, invited: u64| -> Cell {
        if invited == 0 {
            Cell::missing()
        } else {
            let r = answered as f64 * 100.0 / invited as f64;
            Cell::number(r, 0, format!("{}%", num(locale, r, 0)))
        }
    };
    let count = |n: u64, hidden: bool| {
        if hidden {
            Cell::missing()
        } else {
            Cell::number(n as f64, 0, n.to_string())
        }
    };
    let waves: Vec<&MetaWave> = v
        .src
        .meta
        .waves
        .iter()
        .filter(|w| v.waves.contains(&w.label))
        .collect();
    let sample = b.t(msg!("report-sample"));
    let census = b.t(msg!("report-census"));
    let wave_rows = waves
        .iter()
        .map(|w| {
            let invited: u64 = w.invited.values().sum();
            let answered: u64 = w.responses.values().sum();
            let hidden = answered < v.k;
            vec![
                Cell::text(w.label.clone()),
                Cell::text(w.closes_on.to_string()),
                Cell::text(if w.sampled {
                    sample.clone()
                } else {
                    census.clone()
                }),
                if invited == 0 {
                    Cell::missing()
                } else {
                    count(invited, false)
                },
                count(answered, hidden),
                if hidden {
                    Cell::missing()
                } else {
                    rate(answered, invited)
                },
            ]
        })
        .collect();
    b.table(Table {
        sheet: b.t(msg!("report-response-title")),
        title: b.t(msg!("report-response-table", poll = v.title.clone())),
        columns: vec![
            b.t(msg!("report-col-wave")),
            b.t(msg!("report-col-closed")),
            b.t(msg!("report-col-design")),
            b.t(msg!("report-col-invited")),
            b.t(msg!("report-col-responses")),
            b.t(msg!("report-col-rate")),
        ],
        rows: wave_rows,
        note: Some(b.t(msg!("report-response-note", k = v.k))),
    });
    let Some(latest) = waves.iter().find(|w| w.label == v.latest) else {
        return;
    };
    let units: Vec<(String, String)> = v.groups.iter().skip(1).cloned().collect();
    let answered: Vec<u64> = units
        .iter()
        .map(|(g, _)| {
            let code = g.trim_start_matches("unit=");
            latest.responses.get(code).copied().unwrap_or(0)
        })
        .collect();
    // The wave's total is published (above): what it holds beyond the listed units is the
    // remainder the hidden units must be protected with.
    let total: u64 = latest.responses.values().sum();
    let listed: u64 = answered.iter().sum();
    let hidden = protect_counts(&answered, Some(total.saturating_sub(listed)), v.k);
    let unit_rows = units
        .iter()
        .zip(answered.iter().zip(&hidden))
        .map(|((g, n), (a, h))| {
            let code = g.trim_start_matches("unit=");
            let invited = latest.invited.get(code).copied().unwrap_or(0);
            vec![
                Cell::text(n.clone()),
                if invited == 0 {
                    Cell::missing()
                } else {
                    count(invited, false)
                },
                count(*a, *h),
                if *h {
                    Cell::missing()
                } else {
                    rate(*a, invited)
                },
            ]
        })
        .collect();
    b.table(Table {
        sheet: format!("{} {}", b.t(msg!("report-response-title")), v.latest),
        title: b.t(msg!(
            "report-response-units-table",
            poll = v.title.clone(),
            wave = v.latest.clone()
        )),
        columns: vec![
            b.t(msg!("report-col-unit")),
            b.t(msg!("report-col-invited")),
            b.t(msg!("report-col-responses")),
            b.t(msg!("report-col-rate")),
        ],
        rows: unit_rows,
        note: None,
    });
}

/// The sfeerbeeld's quarters within the period: conversations, participants and the mean
/// temperature per theme, per unit (the page's cells, with the same threshold).
fn sfeerbeeld_section(b: &mut Builder, view: &crate::domain::SfeerbeeldView, period: Period) {
    let locale = b.locale;
    let in_period: Vec<&crate::domain::SfeerbeeldRow> = view
        .rows
        .iter()
        .filter(|r| Period::of_label(&r.quarter) == Some(period))
        .collect();
    if in_period.is_empty() {
        return;
    }
    b.blocks.push(json!({ "k": "break" }));
    b.heading(1, b.t(msg!("report-sfeerbeeld-title")));
    b.para(b.t(msg!(
        "report-sfeerbeeld-intro",
        k = view.k,
        min = view.min_conversations
    )));
    let mut columns = vec![
        b.t(msg!("report-col-unit")),
        b.t(msg!("sfeerbeeld-col-conversations")),
        b.t(msg!("sfeerbeeld-col-participants")),
    ];
    for t in crate::domain::ConversationTheme::ALL {
        columns.push(Message::from_key(super::conversations::theme_key(*t)).text(locale));
    }
    let opt_count = |n: Option<u32>| match n {
        Some(n) => Cell::number(f64::from(n), 0, n.to_string()),
        None => Cell::missing(),
    };
    // One table per quarter, newest first (the page's order).
    let mut quarters: Vec<&str> = in_period.iter().map(|r| r.quarter.as_str()).collect();
    quarters.dedup();
    for quarter in quarters {
        let table_rows = in_period
            .iter()
            .filter(|r| r.quarter == quarter)
            .map(|r| {
                let mut row = vec![
                    Cell::text(r.unit_name.clone()),
                    opt_count(r.conversations),
                    opt_count(r.participants),
                ];
                for (_, mean, moved) in &r.temperatures {
                    row.push(match mean {
                        Some(m) => {
                            let text = match moved {
                                Some(d) => {
                                    format!("{} ({})", num(locale, *m, 1), locale.signed(*d))
                                }
                                None => num(locale, *m, 1),
                            };
                            Cell::number(*m, 1, text)
                        }
                        None => Cell::missing(),
                    });
                }
                row
            })
            .collect();
        b.table(Table {
            sheet: format!("{} {quarter}", b.t(msg!("report-sfeerbeeld-sheet"))),
            title: b.t(msg!(
                "report-sfeerbeeld-table",
                quarter = quarter.to_string()
            )),
            columns: columns.clone(),
            rows: table_rows,
            note: Some(b.t(msg!("report-sfeerbeeld-note"))),
        });
    }
    if !view.attention.is_empty() {
        b.heading(2, b.t(msg!("sfeerbeeld-attention")));
        let items = view
            .attention
            .iter()
            .map(|a| {
                format!(
                    "{} ({}): {}",
                    a.unit_name,
                    a.quarter,
                    a.message.text(locale)
                )
            })
            .collect();
        b.list(items);
    }
}

/// The data sources: per poll its waves with their dates and responses.
fn sources_table(b: &Builder, views: &[PollView]) -> Table {
    let sample = b.t(msg!("report-sample"));
    let census = b.t(msg!("report-census"));
    let rows = views
        .iter()
        .flat_map(|v| {
            v.src
                .meta
                .waves
                .iter()
                .filter(|w| v.waves.contains(&w.label))
                .map(|w| {
                    vec![
                        Cell::text(v.title.clone()),
                        Cell::text(w.label.clone()),
                        Cell::text(format!("{} – {}", w.opens_on, w.closes_on)),
                        Cell::text(if w.sampled {
                            sample.clone()
                        } else {
                            census.clone()
                        }),
                        Cell::number(
                            f64::from(v.src.meta.min_group),
                            0,
                            v.src.meta.min_group.to_string(),
                        ),
                    ]
                })
        })
        .collect();
    Table {
        sheet: b.t(msg!("report-sources-title")),
        title: b.t(msg!("report-sources-title")),
        columns: vec![
            b.t(msg!("report-col-poll")),
            b.t(msg!("report-col-wave")),
            b.t(msg!("report-col-fieldwork")),
            b.t(msg!("report-col-design")),
            b.t(msg!("report-col-k")),
        ],
        rows,
        note: None,
    }
}

/// The sheet of definitions: what each figure is and how it was made.
fn definitions_table(locale: Locale, views: &[PollView]) -> Table {
    let t = |m: Message| m.text(locale);
    let (q, n_eff, diff) = rule_texts(locale);
    let mut rows: Vec<Vec<Cell>> = [
        (msg!("report-def-index"), msg!("report-def-index-text")),
        (msg!("report-def-ci"), msg!("report-def-ci-text")),
        (
            msg!("report-def-change"),
            msg!("report-def-change-text", q = q, n_eff = n_eff, diff = diff),
        ),
        (msg!("report-def-missing"), msg!("report-def-missing-text")),
        (msg!("report-def-enps"), msg!("report-def-enps-text")),
        (msg!("report-def-rate"), msg!("report-def-rate-text")),
    ]
    .into_iter()
    .map(|(term, text)| vec![Cell::text(t(term)), Cell::text(t(text))])
    .collect();
    for v in views {
        for (code, name) in &v.themes {
            rows.push(vec![
                Cell::text(name.clone()),
                Cell::text(t(msg!(
                    "report-def-theme",
                    poll = v.title.clone(),
                    code = code.clone()
                ))),
            ]);
        }
    }
    Table {
        sheet: t(msg!("report-definitions-title")),
        title: t(msg!("report-definitions-title")),
        columns: vec![t(msg!("report-col-term")), t(msg!("report-col-definition"))],
        rows,
        note: None,
    }
}

/// The report as a file in `format`.
///
/// # Errors
/// `Unexpected` when typesetting or writing the workbook fails (a fault of Polsslag).
pub fn render(report: &Report, format: Format) -> Result<Vec<u8>, ServiceError> {
    match format {
        Format::Pdf => {
            let files: Vec<(&str, &[u8])> = report
                .charts
                .iter()
                .map(|(n, b)| (n.as_str(), b.as_slice()))
                .collect();
            documents::render_with(documents::Template::Report, &report.data, &files)
                .map_err(|e| ServiceError::corrupt("the report", e))
        }
        Format::Xlsx => documents::workbook::xlsx(&report.tables)
            .map_err(|e| ServiceError::corrupt("the report workbook", e)),
    }
}

/// The report of `period` from the database, as a file: the same as `polsslag report`.
/// Audited as an export of results.
///
/// # Errors
/// `Forbidden` for anyone but HRM and the command line; `Unexpected` on a fault.
pub async fn from_store(
    store: &Store,
    actor: &Actor,
    period: Period,
    format: Format,
    locale: Locale,
    today: time::Date,
) -> Result<Vec<u8>, ServiceError> {
    let sources = sources_from_store(store, actor, period).await?;
    let sfeerbeeld = if actor.may(Permission::ReadSfeerbeeld) {
        Some(super::conversations::sfeerbeeld_unaudited(store, locale, today).await?)
    } else {
        None
    };
    let indicators = super::indicators::all(store, actor).await?;
    let extras = Extras {
        sfeerbeeld: sfeerbeeld.as_ref(),
        indicators: &indicators,
    };
    let report = build(&sources, period, locale, today, &extras)?;
    let bytes = tokio::task::spawn_blocking(move || render(&report, format))
        .await
        .map_err(|e| ServiceError::corrupt("the report task", e))??;
    let w = store.write().await?;
    super::audit::record(
        &*w,
        actor,
        "report.download",
        &period.to_string(),
        format.extension(),
    )
    .await?;
    w.commit().await?;
    Ok(bytes)
}

/// The periods a report can be made of: every half year with a closed wave, newest first.
///
/// # Errors
/// `Forbidden` for anyone but HRM.
pub async fn periods(store: &Store, actor: &Actor) -> Result<Vec<Period>, ServiceError> {
    use super::entities::wave;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    actor.require(Permission::ReadReport)?;
    let mut out: Vec<Period> = wave::Entity::find()
        .filter(wave::Column::Status.eq(WaveStatus::Closed))
        .all(&store.read())
        .await?
        .into_iter()
        .map(|w| Period::of_wave(&w.label, w.closes_on))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    out.reverse();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_counts_never_add_up_to_fewer_than_k_with_the_parent() {
        // One hidden: the parent minus the others would tell it; the smallest shown goes too.
        assert_eq!(
            protect_counts(&[40, 4, 30, 25], Some(0), 10),
            [false, true, false, true]
        );
        // Two hidden, 7 together: still fewer than 10, so the smallest shown goes too.
        assert_eq!(
            protect_counts(&[40, 4, 3, 25], Some(0), 10),
            [false, true, true, true]
        );
        // Two hidden, 12 together: the parent tells only their sum, at least k.
        assert_eq!(
            protect_counts(&[40, 6, 6, 25], Some(0), 10),
            [false, true, true, false]
        );
        // A zero is hidden ("nobody" looks like "too few"), with company so the parent does
        // not tell that it is zero.
        assert_eq!(
            protect_counts(&[0, 30, 50], Some(0), 10),
            [true, true, false]
        );
        assert_eq!(
            protect_counts(&[0, 3, 200, 300], Some(0), 10),
            [true, true, true, false]
        );
        // Responses outside the listed units count as hidden mass.
        assert_eq!(protect_counts(&[40, 30], Some(4), 10), [false, true]);
        assert_eq!(protect_counts(&[40, 30], Some(0), 10), [false, false]);
        assert_eq!(protect_counts(&[40, 30], Some(12), 10), [false, false]);
        // Without a published parent only the small counts go.
        assert_eq!(protect_counts(&[40, 4, 30], None, 10), [false, true, false]);
    }
}
