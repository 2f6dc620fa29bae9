//! Changes between consecutive waves (methodology.md B5) with Benjamini–Hochberg q-values over
//! every change in the file, and the methodology's significance rule.

use crate::{Change, Estimate, Group, Trend};
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

/// Changes between consecutive waves of the organisation and each unit (`results.json`'s
/// `changes`): one Benjamini–Hochberg family over every change in the file (the DESIGN.md
/// contract, which the oracle checks).
pub fn changes(estimates: &[Estimate], units: &[String]) -> Vec<Change> {
    let groups: Vec<Group> = std::iter::once(Group::All)
        .chain(units.iter().map(|u| Group::Unit(u.clone())))
        .collect();
    let waves = waves_of(estimates);
    let mut out = changes_of(estimates, &groups, &waves);
    let all: Vec<usize> = (0..out.len()).collect();
    adjust(&mut out, &all, estimates);
    out
}

/// Changes between consecutive waves of every group below the units (`breakdowns`: district,
/// team, age band, unit × age band; `results.json`'s `breakdown_changes`), with the statistics
/// and rule of [`changes`]. Consecutive means consecutive among `waves` (every wave of the
/// file, so a wave without breakdowns is not skipped over). Benjamini–Hochberg runs per
/// family as methodology B5 defines it: the changes into one wave, so a verdict does not
/// move when a later wave is added, and adding breakdowns leaves `changes` as it is. Only
/// pairs of published cells are tested: a change says nothing the two cells do not.
pub fn breakdown_changes(breakdowns: &[Estimate], waves: &[String]) -> Vec<Change> {
    let mut groups: Vec<Group> = breakdowns
        .iter()
        .map(|e| e.group.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    groups.sort_by_cached_key(Group::to_string);
    let waves: Vec<&str> = waves.iter().map(String::as_str).collect();
    let mut out = changes_of(breakdowns, &groups, &waves);
    let mut families: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, c) in out.iter().enumerate() {
        families.entry(c.to_wave.clone()).or_default().push(i);
    }
    for family in families.values() {
        adjust(&mut out, family, breakdowns);
    }
    out
}

/// Changes from wave `from` to wave `to` — any two waves, consecutive or not — of every
/// group of `estimates` published in both (a dashboard's comparison of two waves), with the
/// statistics and rule of [`changes`]. The Benjamini–Hochberg family is the one methodology
/// B5 names: every change into `to` of this comparison (groups × themes), so comparing two
/// waves never borrows or lends significance from other pairs. Groups in the order of their
/// names; empty when `from` is not before `to` (label order) or either has no figures.
pub fn compare(estimates: &[Estimate], from: &str, to: &str) -> Vec<Change> {
    if from >= to {
        return Vec::new();
    }
    let mut groups: Vec<Group> = estimates
        .iter()
        .filter(|e| e.wave == from || e.wave == to)
        .map(|e| e.group.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    groups.sort_by_cached_key(Group::to_string);
    let mut out = changes_of(estimates, &groups, &[from, to]);
    let all: Vec<usize> = (0..out.len()).collect();
    adjust(&mut out, &all, estimates);
    out
}

/// The waves of a set of estimates, in label order.
pub fn waves_of(estimates: &[Estimate]) -> Vec<&str> {
    estimates
        .iter()
        .map(|e| e.wave.as_str())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// BH q-values over the changes `family` of `out`, and the significance rule (n_eff of both
/// waves from `estimates`).
fn adjust(out: &mut [Change], family: &[usize], estimates: &[Estimate]) {
    let n_eff: BTreeMap<(&str, &str, &Group), f64> = estimates
        .iter()
        .map(|e| {
            (
                (e.wave.as_str(), e.theme.as_str(), &e.group),
                e.n_eff.unwrap_or(0.0),
            )
        })
        .collect();
    let qs = benjamini_hochberg(&family.iter().map(|i| out[*i].p).collect::<Vec<_>>());
    for (i, q) in family.iter().zip(qs) {
        let c = &out[*i];
        let ne = |w: &str| {
            n_eff
                .get(&(w, c.theme.as_str(), &c.group))
                .copied()
                .unwrap_or(0.0)
        };
        let least = ne(&c.from_wave).min(ne(&c.to_wave));
        let significant = q <= Q_MAX && least >= N_EFF_MIN && c.diff.abs() >= DIFF_MIN;
        out[*i].q = q;
        out[*i].significant = significant;
    }
}

/// Δ, z, p per theme, group (in the given order) and consecutive pair of `waves` in which
/// the group has a published estimate; q and the verdict are left to [`adjust`].
fn changes_of(estimates: &[Estimate], groups: &[Group], waves: &[&str]) -> Vec<Change> {
    let lookup: BTreeMap<(&str, &str, &Group), &Estimate> = estimates
        .iter()
        .map(|e| ((e.wave.as_str(), e.theme.as_str(), &e.group), e))
        .collect();
    let themes: BTreeSet<&str> = estimates.iter().map(|e| e.theme.as_str()).collect();
    let mut out = Vec::new();
    for theme in themes {
        for g in groups {
            for pair in waves.windows(2) {
                let (Some(a), Some(b)) = (
                    lookup.get(&(pair[0], theme, g)),
                    lookup.get(&(pair[1], theme, g)),
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
                // Methodology B5: with SE_Δ = 0 both waves are known exactly (a census with
                // fpc), so a difference is certain: p = 0 and z is null (JSON has no infinity).
                let (z, p) = if se > 0.0 {
                    let z = diff / se;
                    (Some(z), p_value(z))
                } else if diff != 0.0 {
                    (None, 0.0)
                } else {
                    (Some(0.0), 1.0)
                };
                out.push(Change {
                    theme: theme.to_string(),
                    group: g.clone(),
                    from_wave: pair[0].to_string(),
                    to_wave: pair[1].to_string(),
                    diff,
                    z,
                    p,
                    q: 0.0,
                    significant: false,
                });
            }
        }
    }
    out
}

/// A wave's position in time, in years: `2026-H1` = 2026.0, `2026-H2` = 2026.5, `2026-Q3` =
/// 2026.5, `2026-07` = 2026.5, `2026` = 2026.0. Other labels give `None`.
pub fn wave_time(label: &str) -> Option<f64> {
    let (year, rest) = match label.split_once('-') {
        Some((y, r)) => (y, Some(r)),
        None => (label, None),
    };
    let year: f64 = year.parse::<u32>().ok()?.into();
    let part = |prefix: char, per_year: f64, r: &str| -> Option<f64> {
        let n: f64 = r.strip_prefix(prefix)?.parse::<u32>().ok()?.into();
        (n >= 1.0 && n <= per_year).then(|| (n - 1.0) / per_year)
    };
    Some(
        year + match rest {
            None => 0.0,
            Some(r) => part('H', 2.0, r)
                .or_else(|| part('Q', 4.0, r))
                .or_else(|| {
                    let m: f64 = r.parse::<u32>().ok()?.into();
                    (1.0..=12.0).contains(&m).then(|| (m - 1.0) / 12.0)
                })?,
        },
    )
}

/// Weighted least-squares slope with ω = 1/SE² (methodology B6): (b, SE_b, z, p), with SE_b
/// inflated by √φ, φ = max(1, χ²/(T − 2)). Needs three points with positive SE.
pub fn wls_trend(t: &[f64], y: &[f64], se: &[f64]) -> Option<(f64, f64, f64, f64)> {
    if t.len() < 3 || se.iter().any(|s| s.is_nan() || *s <= 0.0) {
        return None;
    }
    let w: Vec<f64> = se.iter().map(|s| 1.0 / (s * s)).collect();
    let sw: f64 = w.iter().sum();
    let tbar = w.iter().zip(t).map(|(w, t)| w * t).sum::<f64>() / sw;
    let ybar = w.iter().zip(y).map(|(w, y)| w * y).sum::<f64>() / sw;
    let sxx: f64 = w.iter().zip(t).map(|(w, t)| w * (t - tbar).powi(2)).sum();
    if sxx <= 0.0 {
        return None;
    }
    let sxy: f64 = (0..t.len())
        .map(|i| w[i] * (t[i] - tbar) * (y[i] - ybar))
        .sum();
    let b = sxy / sxx;
    let chi2: f64 = (0..t.len())
        .map(|i| w[i] * (y[i] - ybar - b * (t[i] - tbar)).powi(2))
        .sum();
    let phi = (chi2 / (t.len() as f64 - 2.0)).max(1.0);
    let se_b = phi.sqrt() / sxx.sqrt();
    let z = b / se_b;
    Some((b, se_b, z, p_value(z)))
}

/// Trend of every theme for the organisation and each unit over its published waves, in index
/// points per year. Suppressed waves are left out; fewer than three published waves give none.
pub fn trends(estimates: &[Estimate]) -> Vec<Trend> {
    let mut series: BTreeMap<(&str, String), Vec<&Estimate>> = BTreeMap::new();
    for e in estimates.iter().filter(|e| !e.suppressed) {
        // Keyed by the group's written name: the order of the trends in results.json.
        series
            .entry((e.theme.as_str(), e.group.to_string()))
            .or_default()
            .push(e);
    }
    let mut out = Vec::new();
    for ((theme, _), mut points) in series {
        points.sort_by(|a, b| a.wave.cmp(&b.wave));
        let all_dated = points.iter().all(|e| wave_time(&e.wave).is_some());
        let t: Vec<f64> = points
            .iter()
            .enumerate()
            .map(|(i, e)| {
                if all_dated {
                    wave_time(&e.wave).unwrap_or(0.0)
                } else {
                    i as f64
                }
            })
            .collect();
        let y: Vec<f64> = points.iter().map(|e| e.index.unwrap_or(0.0)).collect();
        let se: Vec<f64> = points.iter().map(|e| e.se.unwrap_or(0.0)).collect();
        if let Some((slope, se, z, p)) = wls_trend(&t, &y, &se) {
            out.push(Trend {
                theme: theme.to_string(),
                group: points[0].group.clone(),
                from_wave: points[0].wave.clone(),
                to_wave: points[points.len() - 1].wave.clone(),
                waves: points.len() as u32,
                slope,
                se,
                z,
                p,
            });
        }
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
    fn tv2_trend_vector() {
        let (b, se, z, p) = wls_trend(
            &[1.0, 2.0, 3.0, 4.0, 5.0],
            &[62.0, 63.5, 61.8, 65.2, 66.0],
            &[1.8, 1.7, 1.9, 1.6, 1.7],
        )
        .unwrap();
        assert!((b - 0.9793).abs() < 5e-5, "{b}");
        assert!((se - 0.5466).abs() < 5e-5, "{se}");
        assert!((z - 1.7916).abs() < 5e-4, "{z}");
        assert!((p - 0.0732).abs() < 5e-5, "{p}");
    }

    #[test]
    fn overdispersion_inflates_the_trend_se() {
        let t = [1.0, 2.0, 3.0, 4.0, 5.0];
        let (_, tight, _, _) = wls_trend(&t, &[60.0, 70.0, 58.0, 75.0, 64.0], &[1.0; 5]).unwrap();
        let (_, loose, _, _) = wls_trend(&t, &[60.0, 61.0, 62.0, 63.0, 64.0], &[1.0; 5]).unwrap();
        assert!(tight > loose * 2.0, "{tight} vs {loose}");
        assert!(wls_trend(&t[..2], &[1.0, 2.0], &[1.0, 1.0]).is_none());
    }

    #[test]
    fn wave_labels_become_years() {
        assert_eq!(wave_time("2026-H1"), Some(2026.0));
        assert_eq!(wave_time("2026-H2"), Some(2026.5));
        assert_eq!(wave_time("2026-Q3"), Some(2026.5));
        assert_eq!(wave_time("2026-07"), Some(2026.5));
        assert_eq!(wave_time("2026"), Some(2026.0));
        assert_eq!(wave_time("golf 3"), None);
        assert_eq!(wave_time("2026-H3"), None);
    }

    fn cell(wave: &str, group: Group, index: f64, se: f64, n_eff: f64, hidden: bool) -> Estimate {
        let show = |v: f64| (!hidden).then_some(v);
        Estimate {
            wave: wave.into(),
            theme: "weerbaarheid".into(),
            group,
            n: 40,
            mean: show(index / 25.0 + 1.0),
            index: show(index),
            pct_favourable: show(50.0),
            se: show(se),
            ci_low: show(index - 1.96 * se),
            ci_high: show(index + 1.96 * se),
            n_eff: show(n_eff),
            alpha: None,
            suppressed: hidden,
        }
    }

    #[test]
    fn breakdown_changes_are_their_own_family_and_skip_hidden_cells() {
        let t = |c: &str| Group::Team(c.into());
        let rows = vec![
            cell("2026-H1", t("T1"), 60.0, 2.0, 35.0, false),
            cell("2026-H2", t("T1"), 70.0, 2.0, 35.0, false),
            cell("2026-H1", t("T2"), 60.0, 2.0, 20.0, false),
            cell("2026-H2", t("T2"), 70.0, 2.0, 20.0, false),
            cell("2026-H1", t("T3"), 60.0, 2.0, 35.0, false),
            cell("2026-H2", t("T3"), 61.0, 2.0, 35.0, true),
            cell(
                "2026-H1",
                Group::District("D1".into()),
                62.0,
                1.5,
                60.0,
                false,
            ),
            cell(
                "2026-H2",
                Group::District("D1".into()),
                63.0,
                1.5,
                60.0,
                false,
            ),
        ];
        let got = breakdown_changes(&rows, &["2026-H1".into(), "2026-H2".into()]);
        // T3's second wave is suppressed: no change is tested, so none can be told.
        let groups: Vec<String> = got.iter().map(|c| c.group.to_string()).collect();
        assert_eq!(groups, ["district=D1", "team=T1", "team=T2"]);
        let z = 10.0 / 8.0_f64.sqrt();
        let p_team = p_value(z);
        let p_district = p_value(1.0 / 4.5_f64.sqrt());
        let q = benjamini_hochberg(&[p_district, p_team, p_team]);
        for (c, q) in got.iter().zip(&q) {
            assert!((c.q - q).abs() < 1e-12, "{c:?}");
        }
        assert!((got[1].diff - 10.0).abs() < 1e-12);
        assert!((got[1].z.unwrap() - z).abs() < 1e-12);
        assert!((got[1].p - p_team).abs() < 1e-12);
        // T1 passes the rule; T2 has the same change but n_eff < 30; D1 moves less than 3.
        assert!(got[1].significant);
        assert!(!got[2].significant);
        assert!(!got[0].significant);
        // The organisation's and units' family is untouched by the breakdowns.
        assert!(changes(&rows, &[]).is_empty());
    }

    #[test]
    fn comparing_two_waves_skips_the_one_between_and_has_its_own_family() {
        let u = |c: &str| Group::Unit(c.into());
        let rows = vec![
            cell("2025-H2", Group::All, 60.0, 1.0, 400.0, false),
            cell("2026-H1", Group::All, 90.0, 1.0, 400.0, false),
            cell("2026-H2", Group::All, 65.0, 1.0, 400.0, false),
            cell("2025-H2", u("U1"), 60.0, 2.0, 40.0, false),
            cell("2026-H1", u("U1"), 60.0, 2.0, 40.0, false),
            cell("2026-H2", u("U1"), 61.0, 2.0, 40.0, false),
            cell("2025-H2", u("U2"), 60.0, 2.0, 40.0, false),
            cell("2026-H2", u("U2"), 64.0, 2.0, 40.0, true),
        ];
        let got = compare(&rows, "2025-H2", "2026-H2");
        // The middle wave plays no part; U2's later cell is hidden, so U2 is not compared.
        let groups: Vec<String> = got.iter().map(|c| c.group.to_string()).collect();
        assert_eq!(groups, ["all", "unit=U1"]);
        assert!(got
            .iter()
            .all(|c| c.from_wave == "2025-H2" && c.to_wave == "2026-H2"));
        let p_all = p_value(5.0 / 2.0_f64.sqrt());
        let p_u1 = p_value(1.0 / 8.0_f64.sqrt());
        let q = benjamini_hochberg(&[p_all, p_u1]);
        assert!((got[0].diff - 5.0).abs() < 1e-12);
        assert!((got[0].q - q[0]).abs() < 1e-12 && (got[1].q - q[1]).abs() < 1e-12);
        assert!(got[0].significant && !got[1].significant);
        // A consecutive pair gives the file's own statistics (only q's family differs).
        let file = changes(&rows, &["U1".into(), "U2".into()]);
        let pair = compare(&rows, "2026-H1", "2026-H2");
        for c in &pair {
            let f = file
                .iter()
                .find(|f| f.group == c.group && f.from_wave == c.from_wave)
                .unwrap();
            assert_eq!((f.diff, f.z, f.p), (c.diff, c.z, c.p));
        }
        // Backwards or the same wave: nothing to compare.
        assert!(compare(&rows, "2026-H2", "2025-H2").is_empty());
        assert!(compare(&rows, "2026-H2", "2026-H2").is_empty());
    }

    #[test]
    fn a_breakdown_change_keeps_its_verdict_when_a_later_wave_is_added() {
        let t = |c: &str| Group::Team(c.into());
        let mut rows = vec![
            cell("2026-H1", t("T1"), 60.0, 2.0, 35.0, false),
            cell("2026-H2", t("T1"), 66.0, 2.0, 35.0, false),
            cell("2026-H1", t("T2"), 60.0, 2.0, 35.0, false),
            cell("2026-H2", t("T2"), 61.0, 2.0, 35.0, false),
        ];
        let two: Vec<String> = vec!["2026-H1".into(), "2026-H2".into()];
        let before = breakdown_changes(&rows, &two);
        rows.push(cell("2027-H1", t("T1"), 40.0, 2.0, 35.0, false));
        rows.push(cell("2027-H1", t("T2"), 90.0, 2.0, 35.0, false));
        let mut three = two.clone();
        three.push("2027-H1".into());
        let after = breakdown_changes(&rows, &three);
        assert_eq!(after.len(), 4);
        let into_h2: Vec<_> = after
            .iter()
            .filter(|c| c.to_wave == "2026-H2")
            .cloned()
            .collect();
        assert_eq!(into_h2, before, "the family is the changes into one wave");
        // A wave without the group between two with it: the pair skips nothing silently.
        let gap = vec![
            cell("2026-H1", t("T1"), 60.0, 2.0, 35.0, false),
            cell("2027-H1", t("T1"), 70.0, 2.0, 35.0, false),
        ];
        assert!(
            breakdown_changes(&gap, &three).is_empty(),
            "2026-H2 lies between"
        );
    }

    #[test]
    fn tv2_change_p_value() {
        assert!((p_value(0.7490) - 0.4539).abs() < 1e-4);
    }
}
