//! Raking inside the pipeline (methodology B3, B4): when the bundle carries calibration
//! margins (`margins.csv`: `wave, variable, category, population`), every wave's design
//! weights are raked to them with bounded adjustment factors, and each domain's standard error
//! comes from the linearisation after raking ([`crate::rake::Calibration`]) instead of the
//! design-based formula.

use crate::bundle::Bundle;
use crate::estimate::Variance;
use crate::group::Group;
use crate::rake::{collapse_reporting, rake, Calibration, Margin, RakeOptions};
use crate::AnalysisError;
use polars::prelude::*;
use std::collections::BTreeMap;

/// Categories with fewer respondents than this are merged with a neighbour before raking.
pub const MIN_CATEGORY: usize = 10;

struct WaveCalibration {
    rows: Vec<usize>,
    calibration: Calibration,
    w: Vec<f64>,
}

/// Raked weights for a bundle and the matching variance of every domain mean.
pub struct Raking {
    waves: BTreeMap<String, WaveCalibration>,
    /// Respondent scores per statistic (all rows of the bundle).
    scores: BTreeMap<String, Vec<Option<f64>>>,
    labels: BTreeMap<&'static str, Vec<Option<String>>>,
    /// Every category merged into its neighbour for having too few respondents:
    /// `(wave, variable, category, merged into)`.
    pub merges: Vec<(String, String, String, String)>,
}

fn err(e: impl std::fmt::Display) -> AnalysisError {
    AnalysisError::Bundle {
        file: "margins".into(),
        message: e.to_string(),
    }
}

impl Raking {
    /// Rakes `b`'s design weights wave by wave and returns the raked bundle.
    pub fn new(b: &Bundle, min_category: usize) -> Result<Option<(Raking, Bundle)>, AnalysisError> {
        let Some(margins) = &b.margins else {
            return Ok(None);
        };
        let r = &b.responses;
        let text = |name: &str| -> Result<Vec<Option<String>>, AnalysisError> {
            Ok(match r.column(name) {
                Ok(c) => c.str()?.iter().map(|v| v.map(str::to_string)).collect(),
                Err(_) => vec![None; r.height()],
            })
        };
        let wave = text("wave")?;
        let stratum = text("stratum")?;
        let d: Vec<f64> = r
            .column("w")?
            .f64()?
            .iter()
            .map(|v| v.unwrap_or(0.0))
            .collect();
        let mut w_all = d.clone();
        let mut waves = BTreeMap::new();
        let mut merges = Vec::new();
        for (wv, vars) in margins {
            let rows: Vec<usize> = (0..r.height())
                .filter(|&i| wave[i].as_deref() == Some(wv.as_str()))
                .collect();
            if rows.is_empty() {
                continue;
            }
            let dw: Vec<f64> = rows.iter().map(|&i| d[i]).collect();
            let mut ms = Vec::new();
            for (var, cats) in vars {
                let values = text(var)?;
                // In the declared order: a small category merges with its neighbour there.
                let names: Vec<&String> = cats.iter().map(|(c, _)| c).collect();
                let category = rows
                    .iter()
                    .map(|&i| {
                        values[i]
                            .as_ref()
                            .and_then(|v| names.iter().position(|n| *n == v))
                            .ok_or_else(|| {
                                err(format!(
                                    "golf {wv}: een respondent zonder {var} / a respondent without {var}"
                                ))
                            })
                    })
                    .collect::<Result<Vec<usize>, _>>()?;
                let m = Margin {
                    name: var.clone(),
                    category,
                    targets: cats.iter().map(|(_, t)| *t).collect(),
                };
                let (collapsed, merged) = collapse_reporting(&m, min_category);
                for (small, into) in merged {
                    merges.push((
                        wv.clone(),
                        var.clone(),
                        names[small].clone(),
                        names[into].clone(),
                    ));
                }
                ms.push(collapsed);
            }
            let raked = rake(&dw, &ms, &RakeOptions::default()).map_err(err)?;
            // Figures from weights that miss their margins would be published as if they
            // met them: refuse (methodology B3).
            if !raked.converged {
                return Err(err(format!(
                    "golf {wv}: de weging haalt de marges niet (grootste relatieve afwijking {:.2e} na {} rondes); controleer de marges of voeg categorieën samen / raking did not converge (largest relative margin error {:.2e} after {} iterations)",
                    raked.max_rel_error, raked.iterations, raked.max_rel_error, raked.iterations
                )));
            }
            let strata_names: Vec<String> = {
                let mut s: Vec<String> = rows.iter().filter_map(|&i| stratum[i].clone()).collect();
                s.sort();
                s.dedup();
                s
            };
            let strata: Vec<usize> = rows
                .iter()
                .map(|&i| {
                    strata_names
                        .iter()
                        .position(|s| Some(s) == stratum[i].as_ref())
                        .unwrap_or(0)
                })
                .collect();
            let pop: Option<Vec<f64>> = b.population.as_ref().map(|p| {
                strata_names
                    .iter()
                    .map(|s| {
                        p.get(&(wv.clone(), s.clone()))
                            .copied()
                            .unwrap_or(f64::INFINITY)
                    })
                    .collect()
            });
            let calibration = Calibration::new(&dw, &ms, &strata, pop.as_deref()).map_err(err)?;
            for (k, &i) in rows.iter().enumerate() {
                w_all[i] = raked.weights[k];
            }
            waves.insert(
                wv.clone(),
                WaveCalibration {
                    rows,
                    calibration,
                    w: raked.weights,
                },
            );
        }
        let mut frame = r.clone();
        frame.with_column(Column::new("w".into(), w_all))?;
        let raked = Bundle {
            items: b.items.clone(),
            responses: frame,
            population: b.population.clone(),
            margins: b.margins.clone(),
            wave_codes: b.wave_codes.clone(),
            stratum_codes: b.stratum_codes.clone(),
        };
        let scores = crate::estimate::respondent_scores(&raked)?;
        let mut labels = BTreeMap::new();
        for name in ["unit", "district", "team", "age_band"] {
            labels.insert(name, text(name)?);
        }
        Ok(Some((
            Raking {
                waves,
                scores,
                labels,
                merges,
            },
            raked,
        )))
    }

    fn member(&self, group: &Group, i: usize) -> bool {
        group.contains(|attribute| self.labels.get(attribute).and_then(|v| v[i].as_deref()))
    }
}

impl Variance for Raking {
    fn variance(&self, wave: &str, stat: &str, group: &Group) -> Option<f64> {
        let wc = self.waves.get(wave)?;
        let scores = self.scores.get(stat)?;
        let y: Vec<Option<f64>> = wc.rows.iter().map(|&i| scores[i]).collect();
        let dom: Vec<bool> = wc.rows.iter().map(|&i| self.member(group, i)).collect();
        wc.calibration
            .mean_se(&y, &dom, &wc.w)
            .map(|(_, se)| se * se)
    }
}
