//! Changes between consecutive waves (methodology.md B5) with Benjamini–Hochberg q-values over
//! every change in the file, and the methodology's significance rule.

use crate::{Change, Estimate};
use std::collections::{BTreeMap, BTreeSet};

/// The significance rule: q ≤ 0.05, n_eff ≥ 30 in both waves and |Δ| ≥ 3 index points.
pub const Q_MAX: f64 = 0.05;
pub const N_EFF_MIN: f64 = 30.0;
pub const DIFF_MIN: f64 = 3.0;

/// Two-sided normal p-value 2Φ(−|z|) = erfc(|z|/√2).
pub fn p_value(z: f64) -> f64 {
    statrs::function::erf::erfc(z.abs() / std::f64::consts::SQRT_2)
}

/// Benjamini–Hochberg adjusted p-values, in input order (`p.adjust(p, "BH")`).
pub fn benjamini_hochberg(ps: &[f64]) -> Vec<f64> {
    let m = ps.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| ps[a].total_cmp(&ps[b]));
    let mut q = vec![0.0; m];
    let mut running: f64 = 1.0;
    for rank in (1..=m).rev() {
        let i = order[rank - 1];
        running = running.min((m as f64 * ps[i] / rank as f64).min(1.0));
        q[i] = running;
    }
    q
}

pub fn changes(estimates: &[Estimate], units: &[String]) -> Vec<Change> {
    let lookup: BTreeMap<(&str, &str, &str), &Estimate> = estimates
        .iter()
        .map(|e| ((e.wave.as_str(), e.theme.as_str(), e.group.as_str()), e))
        .collect();
    let waves: Vec<&str> = estimates
        .iter()
        .map(|e| e.wave.as_str())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let themes: BTreeSet<&str> = estimates.iter().map(|e| e.theme.as_str()).collect();
    let groups: Vec<String> = std::iter::once("all".to_string())
        .chain(units.iter().map(|u| format!("unit={u}")))
        .collect();
    let mut out = Vec::new();
    let mut n_eff = Vec::new();
    for theme in themes {
        for g in &groups {
            for pair in waves.windows(2) {
                let (Some(a), Some(b)) = (
                    lookup.get(&(pair[0], theme, g.as_str())),
                    lookup.get(&(pair[1], theme, g.as_str())),
                ) else {
                    continue;
                };
                if a.suppressed || b.suppressed {
                    continue;
                }
                let (ia, ib) = (a.index.unwrap_or(0.0), b.index.unwrap_or(0.0));
                let (sa, sb) = (a.se.unwrap_or(0.0), b.se.unwrap_or(0.0));
                let diff = ib - ia;
                let se = (sa * sa + sb * sb).sqrt();
                let z = if se > 0.0 { diff / se } else { 0.0 };
                out.push(Change {
                    theme: theme.to_string(),
                    group: g.clone(),
                    from_wave: pair[0].to_string(),
                    to_wave: pair[1].to_string(),
                    diff,
                    z,
                    p: p_value(z),
                    q: 0.0,
                    significant: false,
                });
                n_eff.push(a.n_eff.unwrap_or(0.0).min(b.n_eff.unwrap_or(0.0)));
            }
        }
    }
    let qs = benjamini_hochberg(&out.iter().map(|c| c.p).collect::<Vec<_>>());
    for ((c, q), ne) in out.iter_mut().zip(qs).zip(n_eff) {
        c.q = q;
        c.significant = q <= Q_MAX && ne >= N_EFF_MIN && c.diff.abs() >= DIFF_MIN;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bh_matches_the_methodology_example() {
        let p = [0.001, 0.008, 0.039, 0.041, 0.042, 0.060, 0.074, 0.205];
        let q = benjamini_hochberg(&p);
        let want = [
            0.008, 0.032, 0.0672, 0.0672, 0.0672, 0.080, 0.0845714, 0.205,
        ];
        for (a, b) in q.iter().zip(want) {
            assert!((a - b).abs() < 1e-6, "{q:?}");
        }
    }

    #[test]
    fn tv2_change_p_value() {
        assert!((p_value(0.7490) - 0.4539).abs() < 1e-4);
    }
}
