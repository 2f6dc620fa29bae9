//! Survey statistics and disclosure control (methodology.md), from an analysis bundle to
//! `results.json` (DESIGN.md). Never touches a database or the web.
//!
//! The pipeline, and what does the work in each step:
//! - read and validate the bundle ([`bundle`]): **polars** reads the CSV or Parquet files into
//!   data frames and casts, checks, reverses and rescales the answer columns; design weights
//!   and label codes are computed over those columns;
//! - estimate ([`estimate`]): a **hand-written pass** over the answer columns (contiguous `f64`
//!   slices borrowed from the polars frame) scores every respondent and sums per cell; every
//!   group's mean, linearised SE, CI and n_eff follow from the cell sums. Polars was measured
//!   four times slower here (see `estimate::kernel`);
//! - rake ([`rake`], [`calibrate`]): plain Rust over the respondents of each wave;
//! - apply the reporting threshold with complementary suppression down the organisation tree
//!   and across the unit × age-band crossing ([`suppress`], [`crossed`]), test changes between
//!   consecutive waves with Benjamini–Hochberg and fit trends ([`changes`]), draw charts
//!   ([`charts`]): plain Rust over the estimates.
//!
//! Small groups are suppressed before anything leaves the crate.

pub mod audit;
pub mod bundle;
pub mod calibrate;
pub mod changes;
pub mod charts;
pub mod crossed;
pub mod estimate;
pub mod group;
pub mod rake;
pub mod sampling;
pub mod suppress;

pub use group::Group;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The methodology's floor for the reporting threshold (A1): never below 5.
pub const MIN_THRESHOLD: u32 = 5;

#[derive(Debug, thiserror::Error)]
pub enum AnalysisError {
    #[error("{path}: kan niet lezen / cannot read: {message}")]
    Read { path: String, message: String },
    #[error("{file}: kolom `{column}` ontbreekt / column `{column}` is missing")]
    MissingColumn { file: String, column: String },
    #[error("{file}, regel {row}, kolom `{column}`: {message}")]
    Value {
        file: String,
        row: usize,
        column: String,
        message: String,
    },
    #[error("{file}: {message}")]
    Bundle { file: String, message: String },
    #[error("--min-group {0} is te laag: nooit onder {MIN_THRESHOLD} / too low: never below {MIN_THRESHOLD}")]
    ThresholdTooLow(u32),
    #[error("{path}: kan niet schrijven / cannot write: {message}")]
    Write { path: String, message: String },
    #[error("berekening mislukt / computation failed: {0}")]
    Polars(#[from] polars::prelude::PolarsError),
    #[error("{0}")]
    Chart(String),
}

pub struct AnalyseOptions {
    /// The reporting threshold k.
    pub min_group: u32,
    /// Raking: categories with fewer respondents are merged with a neighbour (methodology B3).
    pub rake_min_category: usize,
    /// Draw the charts beside results.json.
    pub charts: bool,
    /// The language of the charts' own words.
    pub chart_lang: charts::Lang,
}

impl Default for AnalyseOptions {
    fn default() -> Self {
        AnalyseOptions {
            min_group: 10,
            rake_min_category: calibrate::MIN_CATEGORY,
            charts: true,
            chart_lang: charts::Lang::Nl,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalyseSummary {
    pub estimates: usize,
    pub suppressed: usize,
    pub changes: usize,
    pub significant: usize,
    pub charts: Vec<PathBuf>,
}

/// One published figure set (DESIGN.md `results.json`); it reads back from a kept file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    pub wave: String,
    pub theme: String,
    pub group: Group,
    pub n: u64,
    pub mean: Option<f64>,
    pub index: Option<f64>,
    pub pct_favourable: Option<f64>,
    pub se: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub n_eff: Option<f64>,
    pub alpha: Option<f64>,
    pub suppressed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub theme: String,
    pub group: Group,
    pub from_wave: String,
    pub to_wave: String,
    pub diff: f64,
    /// `null` when the difference is certain (SE_Δ = 0, methodology B5).
    pub z: Option<f64>,
    pub p: f64,
    pub q: f64,
    pub significant: bool,
}

/// Weighted linear trend of a theme index over the waves of a group (methodology B6).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trend {
    pub theme: String,
    pub group: Group,
    pub from_wave: String,
    pub to_wave: String,
    /// Number of (unsuppressed) waves in the fit.
    pub waves: u32,
    /// Index points per year.
    pub slope: f64,
    pub se: f64,
    pub z: f64,
    pub p: f64,
}

/// eNPS of a 0–10 item (methodology B7), on −100…100.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Enps {
    pub wave: String,
    pub item: String,
    pub group: Group,
    pub n: u64,
    pub enps: Option<f64>,
    pub pct_promoters: Option<f64>,
    pub pct_detractors: Option<f64>,
    pub se: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub n_eff: Option<f64>,
    pub suppressed: bool,
}

/// Weighted answer distribution of a 5-point item (shares in %, scale points 1…5), shown only
/// when n ≥ max(k, 10) (methodology A2).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Distribution {
    pub wave: String,
    pub item: String,
    pub theme: String,
    pub group: Group,
    pub n: u64,
    pub shares: Option<Vec<f64>>,
    pub suppressed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Results {
    pub estimates: Vec<Estimate>,
    pub changes: Vec<Change>,
    /// Deeper levels and crossings (district, team, age band, unit × age band), sharing the
    /// suppression pattern of `estimates`.
    pub breakdowns: Vec<Estimate>,
    /// Changes between consecutive waves of the `breakdowns` groups, the shape of `changes`,
    /// with their own Benjamini–Hochberg family ([`changes::breakdown_changes`]).
    pub breakdown_changes: Vec<Change>,
    pub trends: Vec<Trend>,
    pub enps: Vec<Enps>,
    pub distributions: Vec<Distribution>,
    /// What a reader of the figures must know about how they were made (methodology B3): a
    /// stratum with a single respondent in a wave (`kind: "lonely_stratum"`), and a raking
    /// category merged into its neighbour for too few respondents (`kind: "merged_category"`).
    pub warnings: Vec<Warning>,
}

/// A note on the figures of a wave (see [`Results::warnings`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Warning {
    pub wave: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stratum: Option<String>,
    /// For a merged category: the margin variable, the category and where it went.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variable: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub into: Option<String>,
    pub kind: &'static str,
}

/// Everything from a loaded bundle: estimates (suppressed where needed), breakdowns, eNPS,
/// changes and trends.
pub fn analyse(b: &bundle::Bundle, opts: &AnalyseOptions) -> Result<Results, AnalysisError> {
    let min_group = opts.min_group;
    if min_group < MIN_THRESHOLD {
        return Err(AnalysisError::ThresholdTooLow(min_group));
    }
    let k = u64::from(min_group);
    let mut t = Timer::new();
    let raking = calibrate::Raking::new(b, opts.rake_min_category)?;
    let est = match &raking {
        Some((r, raked)) => estimate::estimates(raked, Some(r))?,
        None => estimate::estimates(b, None)?,
    };
    t.lap("estimates");
    // One suppression pattern per (wave, statistic), shared by every table it appears in.
    let mut counts: BTreeMap<(&str, &str), BTreeMap<u32, u64>> = BTreeMap::new();
    for f in &est.figures {
        counts
            .entry((f.wave.as_str(), f.stat.as_str()))
            .or_default()
            .insert(est.groups.index[&f.group], f.n);
    }
    let hidden: BTreeMap<(&str, &str), BTreeSet<u32>> = counts
        .iter()
        .map(|(key, n)| {
            let atoms = est
                .atoms
                .get(&(key.0.to_string(), key.1.to_string()))
                .map_or(&[][..], Vec::as_slice);
            (*key, suppress::pattern(n, atoms, &est.groups, k))
        })
        .collect();
    t.lap("suppression");
    let mut results = Results {
        warnings: est
            .lonely
            .iter()
            .map(|(wave, stratum)| Warning {
                wave: wave.clone(),
                stratum: Some(stratum.clone()),
                variable: None,
                category: None,
                into: None,
                kind: "lonely_stratum",
            })
            .chain(raking.iter().flat_map(|(r, _)| &r.merges).map(
                |(wave, variable, category, into)| Warning {
                    wave: wave.clone(),
                    stratum: None,
                    variable: Some(variable.clone()),
                    category: Some(category.clone()),
                    into: Some(into.clone()),
                    kind: "merged_category",
                },
            ))
            .collect(),
        ..Default::default()
    };
    for f in &est.figures {
        let g = est.groups.index[&f.group];
        let suppressed = hidden[&(f.wave.as_str(), f.stat.as_str())].contains(&g);
        let show = |v: f64| (!suppressed).then_some(v);
        let primary = f.group.is_primary();
        match f.kind {
            estimate::StatKind::Theme => {
                let e = Estimate {
                    wave: f.wave.clone(),
                    theme: f.stat.clone(),
                    group: f.group.clone(),
                    n: f.n,
                    mean: show(f.est / 25.0 + 1.0),
                    index: show(f.est),
                    pct_favourable: show(f.share1),
                    se: show(f.se),
                    ci_low: show(f.est - estimate::Z95 * f.se),
                    ci_high: show(f.est + estimate::Z95 * f.se),
                    n_eff: show(f.n_eff),
                    alpha: if f.group == Group::All && !suppressed {
                        est.alpha
                            .get(&(f.wave.clone(), f.stat.clone()))
                            .copied()
                            .flatten()
                    } else {
                        None
                    },
                    suppressed,
                };
                if primary {
                    results.estimates.push(e);
                } else {
                    results.breakdowns.push(e);
                }
            }
            estimate::StatKind::Enps if primary => results.enps.push(Enps {
                wave: f.wave.clone(),
                item: f.stat.clone(),
                group: f.group.clone(),
                n: f.n,
                enps: show(f.est),
                pct_promoters: show(f.share1),
                pct_detractors: show(f.share2),
                se: show(f.se),
                ci_low: show(f.est - estimate::Z95 * f.se),
                ci_high: show(f.est + estimate::Z95 * f.se),
                n_eff: show(f.n_eff),
                suppressed,
            }),
            estimate::StatKind::Enps => {}
        }
    }
    // Waves and statistics in order; per statistic the organisation first, then groups by
    // their name as written in results.json.
    let order = |wave: &str, stat: &str, group: &Group| {
        (
            wave.to_string(),
            stat.to_string(),
            *group != Group::All,
            group.to_string(),
        )
    };
    results
        .estimates
        .sort_by_cached_key(|e| order(&e.wave, &e.theme, &e.group));
    results
        .breakdowns
        .sort_by_cached_key(|e| order(&e.wave, &e.theme, &e.group));
    results
        .enps
        .sort_by_cached_key(|e| order(&e.wave, &e.item, &e.group));
    // Distributions: per item, its own n, and k ≥ 10 (methodology A2: at small n a 0 %/100 %
    // bar reveals everyone's answer).
    t.lap("tables");
    let k_dist = k.max(10);
    let dists = &est.distributions;
    let mut dist_n: BTreeMap<(&str, &str), BTreeMap<u32, u64>> = BTreeMap::new();
    for d in dists {
        if let Some(&g) = est.groups.index.get(&d.group) {
            dist_n
                .entry((d.wave.as_str(), d.item.as_str()))
                .or_default()
                .insert(g, d.n);
        }
    }
    let dist_hidden: BTreeMap<(&str, &str), BTreeSet<u32>> = dist_n
        .iter()
        // Distributions are published for the organisation and its units only: a tree of
        // depth one, which the tree rule protects exactly.
        .map(|(key, n)| (*key, suppress::pattern(n, &[], &est.groups, k_dist)))
        .collect();
    for d in dists {
        let suppressed = match est.groups.index.get(&d.group) {
            Some(g) => dist_hidden[&(d.wave.as_str(), d.item.as_str())].contains(g),
            None => true,
        };
        results.distributions.push(Distribution {
            wave: d.wave.clone(),
            item: d.item.clone(),
            theme: d.theme.clone(),
            group: d.group.clone(),
            n: d.n,
            shares: (!suppressed).then(|| d.shares.to_vec()),
            suppressed,
        });
    }
    t.lap("distributions");
    let units: Vec<String> = est
        .groups
        .labels
        .iter()
        .filter_map(|g| g.unit().map(str::to_string))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    results.changes = changes::changes(&results.estimates, &units);
    let waves: Vec<String> = changes::waves_of(&results.estimates)
        .into_iter()
        .map(str::to_string)
        .collect();
    results.breakdown_changes = changes::breakdown_changes(&results.breakdowns, &waves);
    results.trends = changes::trends(&results.estimates);
    t.lap("changes");
    Ok(results)
}

/// With `POLSSLAG_TIMING=1`, each pipeline stage's duration goes to stderr (no data). One
/// timer type for every stage of the pipeline (bundle, estimation, output).
pub(crate) struct Timer {
    on: bool,
    at: std::time::Instant,
}

impl Timer {
    pub(crate) fn new() -> Timer {
        Timer {
            on: std::env::var("POLSSLAG_TIMING").as_deref() == Ok("1"),
            at: std::time::Instant::now(),
        }
    }

    pub(crate) fn lap(&mut self, stage: &str) {
        if self.on {
            eprintln!(
                "{stage:>14}: {:7.1} ms",
                self.at.elapsed().as_secs_f64() * 1e3
            );
        }
        self.at = std::time::Instant::now();
    }
}

/// `polsslag analyse`: reads the bundle in `bundle`, writes `out/results.json`.
pub fn analyse_bundle(
    bundle: &Path,
    out: &Path,
    opts: &AnalyseOptions,
) -> Result<AnalyseSummary, AnalysisError> {
    if opts.min_group < MIN_THRESHOLD {
        return Err(AnalysisError::ThresholdTooLow(opts.min_group));
    }
    let mut t = Timer::new();
    let b = bundle::Bundle::read(bundle)?;
    t.lap("read");
    let results = analyse(&b, opts)?;
    t.lap("analyse");
    let write_err = |e: String| AnalysisError::Write {
        path: out.display().to_string(),
        message: e,
    };
    std::fs::create_dir_all(out).map_err(|e| write_err(e.to_string()))?;
    let json = serde_json::to_string_pretty(&results).map_err(|e| write_err(e.to_string()))?;
    std::fs::write(out.join("results.json"), json).map_err(|e| write_err(e.to_string()))?;
    t.lap("results.json");
    let charts = if opts.charts {
        charts::write_charts(&results, out, opts.chart_lang)?
    } else {
        Vec::new()
    };
    t.lap("charts");
    Ok(AnalyseSummary {
        estimates: results.estimates.len(),
        suppressed: results.estimates.iter().filter(|e| e.suppressed).count(),
        changes: results.changes.len(),
        significant: results.changes.iter().filter(|c| c.significant).count(),
        charts,
    })
}
