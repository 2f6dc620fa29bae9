//! Survey statistics and disclosure control (methodology.md), from an analysis bundle to
//! `results.json` (DESIGN.md). Never touches a database or the web.
//!
//! The pipeline: read and validate the bundle ([`bundle`]), compute respondent theme scores and
//! the weighted domain estimates with their linearised standard errors in polars
//! ([`estimate`]), apply the reporting threshold with complementary suppression down the
//! organisation tree ([`suppress`]), and test changes between consecutive waves with
//! Benjamini–Hochberg ([`changes`]). Small groups are suppressed before anything leaves the
//! crate.

pub mod bundle;
pub mod changes;
pub mod estimate;
pub mod suppress;

use serde::Serialize;
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
}

pub struct AnalyseOptions {
    /// The reporting threshold k.
    pub min_group: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalyseSummary {
    pub estimates: usize,
    pub suppressed: usize,
    pub changes: usize,
    pub significant: usize,
    pub charts: Vec<PathBuf>,
}

/// One published figure set (DESIGN.md `results.json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Estimate {
    pub wave: String,
    pub theme: String,
    pub group: String,
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

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub theme: String,
    pub group: String,
    pub from_wave: String,
    pub to_wave: String,
    pub diff: f64,
    pub z: f64,
    pub p: f64,
    pub q: f64,
    pub significant: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Results {
    pub estimates: Vec<Estimate>,
    pub changes: Vec<Change>,
}

/// Everything from a loaded bundle: estimates (suppressed where needed) and changes.
pub fn analyse(b: &bundle::Bundle, min_group: u32) -> Result<Results, AnalysisError> {
    if min_group < MIN_THRESHOLD {
        return Err(AnalysisError::ThresholdTooLow(min_group));
    }
    let mut estimates = estimate::estimates(b)?;
    suppress::apply(&mut estimates, u64::from(min_group));
    let changes = changes::changes(&estimates, &b.units());
    Ok(Results { estimates, changes })
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
    let b = bundle::Bundle::read(bundle)?;
    let results = analyse(&b, opts.min_group)?;
    let write_err = |e: String| AnalysisError::Write {
        path: out.display().to_string(),
        message: e,
    };
    std::fs::create_dir_all(out).map_err(|e| write_err(e.to_string()))?;
    let json = serde_json::to_string_pretty(&results).map_err(|e| write_err(e.to_string()))?;
    std::fs::write(out.join("results.json"), json).map_err(|e| write_err(e.to_string()))?;
    Ok(AnalyseSummary {
        estimates: results.estimates.len(),
        suppressed: results.estimates.iter().filter(|e| e.suppressed).count(),
        changes: results.changes.len(),
        significant: results.changes.iter().filter(|c| c.significant).count(),
        charts: Vec::new(),
    })
}
