//! Respondent theme scores and weighted domain estimates (methodology.md B1, B2, B4), in polars.
//!
//! Groups are domains (`svyby` convention): the whole wave stays in the design and respondents
//! outside the group contribute z = 0 to their stratum. With z = 0 outside the domain,
//! Σ_{i∈h}(z_i − z̄_h)² = Σ_{i∈h∩D}(z_i − z̄_h)² + (n_h − m_h)·z̄_h², so only domain members
//! need a row: one per respondent for "all" and one for its unit.

use crate::bundle::Bundle;
use crate::{AnalysisError, Estimate};
use polars::lazy::dsl::sum_horizontal;
use polars::prelude::*;
use std::collections::BTreeMap;

/// Two-sided 95% normal quantile (as `survey`'s `confint`).
const Z95: f64 = 1.959963984540054;

/// Per respondent and theme: theme score T (0–100) and favourability F (0–100), null when
/// fewer than ⌈K/2⌉ items are valid.
fn theme_scores(b: &Bundle) -> Result<LazyFrame, AnalysisError> {
    let mut frames = Vec::new();
    for (theme, items) in b.themes() {
        let need = items.len().div_ceil(2) as f64;
        let valid = sum_horizontal(
            items
                .iter()
                .map(|i| col(i.item.as_str()).is_not_null().cast(DataType::Float64))
                .collect::<Vec<_>>(),
            true,
        )?;
        let total = sum_horizontal(
            items
                .iter()
                .map(|i| col(i.item.as_str()).fill_null(lit(0.0)))
                .collect::<Vec<_>>(),
            true,
        )?;
        let favourable = sum_horizontal(
            items
                .iter()
                .map(|i| {
                    col(i.item.as_str())
                        .gt_eq(lit(4.0 - 1e-9))
                        .fill_null(lit(false))
                        .cast(DataType::Float64)
                })
                .collect::<Vec<_>>(),
            true,
        )?;
        let defined = valid.clone().gt_eq(lit(need));
        frames.push(
            b.responses.clone().lazy().select([
                col("wave"),
                col("unit_group"),
                col("stratum"),
                col("w"),
                lit(theme.as_str()).alias("theme"),
                when(defined.clone())
                    .then(lit(25.0) * (total / valid.clone() - lit(1.0)))
                    .otherwise(lit(NULL).cast(DataType::Float64))
                    .alias("y"),
                when(defined)
                    .then(lit(100.0) * favourable / valid)
                    .otherwise(lit(NULL).cast(DataType::Float64))
                    .alias("f"),
            ]),
        );
    }
    Ok(concat(frames, UnionArgs::default())?)
}

/// Domain rows: every respondent with a score, once in "all" and once in its unit.
fn domains(scores: LazyFrame) -> Result<LazyFrame, AnalysisError> {
    let valid = scores.filter(col("y").is_not_null());
    let all = valid.clone().with_column(lit("all").alias("group"));
    let units = valid.with_column(col("unit_group").alias("group"));
    Ok(concat([all, units], UnionArgs::default())?.drop(by_name(["unit_group"], true, false)))
}

fn f64s(df: &DataFrame, name: &str) -> Result<Vec<Option<f64>>, AnalysisError> {
    Ok(df
        .column(name)?
        .cast(&DataType::Float64)?
        .f64()?
        .iter()
        .collect())
}

fn strs(df: &DataFrame, name: &str) -> Result<Vec<String>, AnalysisError> {
    Ok(df
        .column(name)?
        .str()?
        .iter()
        .map(|s| s.unwrap_or("").to_string())
        .collect())
}

/// All estimates, unsuppressed, ordered as results.json wants them.
pub fn estimates(b: &Bundle) -> Result<Vec<Estimate>, AnalysisError> {
    let keys = [col("wave"), col("theme"), col("group")];
    let dom = domains(theme_scores(b)?)?.cache();
    let est = dom
        .clone()
        .group_by(keys.clone())
        .agg([
            col("w").sum().alias("W"),
            (col("w") * col("y")).sum().alias("WY"),
            (col("w") * col("f")).sum().alias("WF"),
            (col("w") * col("w")).sum().alias("W2"),
            len().cast(DataType::Float64).alias("n"),
        ])
        .with_columns([
            (col("WY") / col("W")).alias("est"),
            (col("WF") / col("W")).alias("fav"),
        ])
        .cache();
    // Respondents per stratum and wave: the whole design.
    let n_h = b
        .responses
        .clone()
        .lazy()
        .group_by([col("wave"), col("stratum")])
        .agg([len().cast(DataType::Float64).alias("n_h")]);
    let with_z = dom
        .join(
            est.clone().select([
                col("wave"),
                col("theme"),
                col("group"),
                col("est"),
                col("W"),
            ]),
            keys.clone(),
            keys.clone(),
            JoinArgs::new(JoinType::Inner),
        )
        .with_column((col("w") * (col("y") - col("est")) / col("W")).alias("z"));
    let mut strata_keys = keys.to_vec();
    strata_keys.push(col("stratum"));
    let zbar = with_z
        .clone()
        .group_by(strata_keys.clone())
        .agg([
            col("z").sum().alias("S1"),
            len().cast(DataType::Float64).alias("m"),
        ])
        .join(
            n_h,
            [col("wave"), col("stratum")],
            [col("wave"), col("stratum")],
            JoinArgs::new(JoinType::Inner),
        )
        .with_column((col("S1") / col("n_h")).alias("zbar"));
    let strata = with_z
        .join(
            zbar.clone().select([
                col("wave"),
                col("theme"),
                col("group"),
                col("stratum"),
                col("zbar"),
            ]),
            strata_keys.clone(),
            strata_keys.clone(),
            JoinArgs::new(JoinType::Inner),
        )
        .group_by(strata_keys.clone())
        .agg([(col("z") - col("zbar")).pow(2).sum().alias("ss_dom")])
        .join(
            zbar,
            strata_keys.clone(),
            strata_keys,
            JoinArgs::new(JoinType::Inner),
        )
        .with_column(
            (col("ss_dom") + (col("n_h") - col("m")) * col("zbar") * col("zbar")).alias("ss"),
        )
        .select([
            col("wave"),
            col("theme"),
            col("group"),
            col("stratum"),
            col("n_h"),
            col("ss"),
        ])
        .collect()?;
    let est = est.collect()?;

    // Variance: Σ_h (1 − n_h/N_h)·n_h/(n_h − 1)·ss_h over strata with at least two respondents.
    let mut variance: BTreeMap<(String, String, String), f64> = BTreeMap::new();
    {
        let (w, t, g, s) = (
            strs(&strata, "wave")?,
            strs(&strata, "theme")?,
            strs(&strata, "group")?,
            strs(&strata, "stratum")?,
        );
        let (nh, ss) = (f64s(&strata, "n_h")?, f64s(&strata, "ss")?);
        for i in 0..strata.height() {
            let n = nh[i].unwrap_or(0.0);
            let entry = variance
                .entry((w[i].clone(), t[i].clone(), g[i].clone()))
                .or_default();
            if n < 2.0 {
                continue;
            }
            let f = match &b.population {
                Some(pop) => n / pop[&(w[i].clone(), s[i].clone())],
                None => 0.0,
            };
            *entry += (1.0 - f) * n / (n - 1.0) * ss[i].unwrap_or(0.0);
        }
    }
    let alphas = cronbach(b)?;

    let (w, t, g) = (
        strs(&est, "wave")?,
        strs(&est, "theme")?,
        strs(&est, "group")?,
    );
    let (ww, w2, n, mean, fav) = (
        f64s(&est, "W")?,
        f64s(&est, "W2")?,
        f64s(&est, "n")?,
        f64s(&est, "est")?,
        f64s(&est, "fav")?,
    );
    let mut out = Vec::with_capacity(est.height());
    for i in 0..est.height() {
        let key = (w[i].clone(), t[i].clone(), g[i].clone());
        let index = mean[i].unwrap_or(f64::NAN);
        let se = variance.get(&key).copied().unwrap_or(0.0).sqrt();
        let big_w = ww[i].unwrap_or(0.0);
        out.push(Estimate {
            alpha: if g[i] == "all" {
                alphas.get(&(w[i].clone(), t[i].clone())).copied().flatten()
            } else {
                None
            },
            wave: key.0,
            theme: key.1,
            group: key.2,
            n: n[i].unwrap_or(0.0) as u64,
            mean: Some(index / 25.0 + 1.0),
            index: Some(index),
            pct_favourable: fav[i],
            se: Some(se),
            ci_low: Some(index - Z95 * se),
            ci_high: Some(index + Z95 * se),
            n_eff: Some(big_w * big_w / w2[i].unwrap_or(f64::NAN)),
            suppressed: false,
        });
    }
    out.sort_by(|a, b| {
        (&a.wave, &a.theme, a.group != "all", &a.group).cmp(&(
            &b.wave,
            &b.theme,
            b.group != "all",
            &b.group,
        ))
    });
    Ok(out)
}

/// Cronbach's α per (wave, theme) over complete cases (B2), on the rescaled item values.
fn cronbach(b: &Bundle) -> Result<BTreeMap<(String, String), Option<f64>>, AnalysisError> {
    let mut out = BTreeMap::new();
    for (theme, items) in b.themes() {
        let k = items.len() as f64;
        let complete = items
            .iter()
            .map(|i| col(i.item.as_str()).is_not_null())
            .reduce(|a, c| a.and(c))
            .expect("a theme has items");
        let total = sum_horizontal(
            items
                .iter()
                .map(|i| col(i.item.as_str()))
                .collect::<Vec<_>>(),
            true,
        )?;
        let var = |e: Expr| {
            (e.clone() - e.mean()).pow(2).sum() / (len().cast(DataType::Float64) - lit(1.0))
        };
        let mut aggs: Vec<Expr> = items
            .iter()
            .enumerate()
            .map(|(j, i)| var(col(i.item.as_str())).alias(format!("v{j}")))
            .collect();
        aggs.push(var(col("total")).alias("vt"));
        aggs.push(len().cast(DataType::Float64).alias("n"));
        let df = b
            .responses
            .clone()
            .lazy()
            .filter(complete)
            .with_column(total.alias("total"))
            .group_by([col("wave")])
            .agg(aggs)
            .collect()?;
        let waves = strs(&df, "wave")?;
        let n = f64s(&df, "n")?;
        let vt = f64s(&df, "vt")?;
        let item_vars: Vec<Vec<Option<f64>>> = (0..items.len())
            .map(|j| f64s(&df, &format!("v{j}")))
            .collect::<Result<_, _>>()?;
        for r in 0..df.height() {
            let total_var = vt[r].unwrap_or(0.0);
            let alpha = if n[r].unwrap_or(0.0) < 2.0 || items.len() < 2 || total_var == 0.0 {
                None
            } else {
                let sum: f64 = item_vars.iter().map(|v| v[r].unwrap_or(0.0)).sum();
                Some(k / (k - 1.0) * (1.0 - sum / total_var))
            };
            out.insert((waves[r].clone(), theme.clone()), alpha);
        }
    }
    Ok(out)
}
