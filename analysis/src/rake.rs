//! Calibration of design weights to population margins (methodology B3) and the linearised
//! standard error of a domain mean after raking (B4), on plain slices.
//!
//! - [`rake`] does bounded iterative proportional fitting. Each pass scales every category of every
//!   margin to its population total (`w ← w·T_c/Σ_c w`), then clamps `g = w/d` into
//!   `[g_min, g_max]`. When the bounds do not bind this is plain IPF.
//! - [`collapse`] merges categories with too few respondents into a neighbour before raking.
//! - [`Calibration`] and [`raked_mean_se`] give the `calibrate(calfun="raking")` + `svymean`
//!   linearisation, i.e. residuals of the domain influence values on the margin dummies, weighted by
//!   the design weights, in a stratified variance with optional finite-population correction.
//!   `XᵀDX` is factorised once; each estimate is O(n·margins).
//! - [`trim_weights`] mirrors `survey::trimWeights(strict=TRUE)`.

/// One calibration margin: each respondent's category index and the population total per
/// category.
#[derive(Debug, Clone, PartialEq)]
pub struct Margin {
    pub name: String,
    /// Category index (into `targets`) per respondent.
    pub category: Vec<usize>,
    /// Population total per category.
    pub targets: Vec<f64>,
}

/// Settings of [`rake`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RakeOptions {
    /// Lower bound of `g = w/d` (methodology: 0.5).
    pub g_min: f64,
    /// Upper bound of `g = w/d` (methodology: 2.0); `f64::INFINITY` for none.
    pub g_max: f64,
    /// Stop when the largest relative margin error `|Σ_c w − T_c|/T_c` is below this.
    pub tolerance: f64,
    /// Maximum number of passes over all margins.
    pub max_iter: usize,
}

impl Default for RakeOptions {
    fn default() -> Self {
        RakeOptions {
            g_min: 0.5,
            g_max: 2.0,
            tolerance: 1e-9,
            max_iter: 1000,
        }
    }
}

/// Outcome of [`rake`].
#[derive(Debug, Clone, PartialEq)]
pub struct Raked {
    /// Calibrated weights, `d·g` with `g` within the bounds.
    pub weights: Vec<f64>,
    /// Passes over the margins that were made.
    pub iterations: usize,
    /// Largest relative margin error of `weights`.
    pub max_rel_error: f64,
    /// Whether `max_rel_error < tolerance`. False when the bounds make the margins unreachable
    /// or `max_iter` ran out; `weights` are then the best the bounded passes reached.
    pub converged: bool,
}

/// Invalid input to [`rake`] or [`Calibration::new`]. Non-convergence is not an error (see
/// [`Raked::converged`]).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RakeError {
    #[error("marge `{margin}`: {len} waarden voor {expected} respondenten / margin `{margin}`: {len} values for {expected} respondents")]
    Length {
        margin: String,
        len: usize,
        expected: usize,
    },
    #[error("marge `{margin}`, respondent {respondent}: categorie {category} bestaat niet ({categories} categorieën) / category {category} does not exist ({categories} categories)")]
    CategoryOutOfRange {
        margin: String,
        respondent: usize,
        category: usize,
        categories: usize,
    },
    #[error("marge `{margin}`, categorie {category}: populatietotaal {target} moet positief zijn / population total {target} must be positive")]
    NonPositiveTarget {
        margin: String,
        category: usize,
        target: f64,
    },
    #[error("marge `{margin}`, categorie {category}: geen respondenten bij populatietotaal {target} (categorieën samenvoegen) / no respondents for population total {target} (collapse categories)")]
    EmptyCategory {
        margin: String,
        category: usize,
        target: f64,
    },
    #[error("marge `{margin}` telt op tot {total}, marge `{first}` tot {expected} / margin `{margin}` sums to {total}, margin `{first}` to {expected}")]
    InconsistentTotals {
        margin: String,
        total: f64,
        first: String,
        expected: f64,
    },
    #[error("respondent {respondent}: ontwerpgewicht {weight} moet positief zijn / design weight {weight} must be positive")]
    InvalidWeight { respondent: usize, weight: f64 },
    #[error(
        "grenzen voor g ongeldig: [{g_min}, {g_max}] / invalid bounds for g: [{g_min}, {g_max}]"
    )]
    InvalidBounds { g_min: f64, g_max: f64 },
    #[error("stratum {stratum} van respondent {respondent} heeft geen populatieomvang ({strata} strata) / stratum {stratum} of respondent {respondent} has no population size ({strata} strata)")]
    StratumOutOfRange {
        respondent: usize,
        stratum: usize,
        strata: usize,
    },
}

/// Relative tolerance on the differences between the margins' totals.
const TOTALS_TOLERANCE: f64 = 1e-6;

fn check_design(d: &[f64]) -> Result<(), RakeError> {
    match d.iter().position(|&x| !(x.is_finite() && x > 0.0)) {
        Some(i) => Err(RakeError::InvalidWeight {
            respondent: i,
            weight: d[i],
        }),
        None => Ok(()),
    }
}

/// Lengths and category indices of `m` against `n` respondents.
fn check_margin_shape(m: &Margin, n: usize) -> Result<(), RakeError> {
    if m.category.len() != n {
        return Err(RakeError::Length {
            margin: m.name.clone(),
            len: m.category.len(),
            expected: n,
        });
    }
    let k = m.targets.len();
    match m.category.iter().position(|&c| c >= k) {
        Some(i) => Err(RakeError::CategoryOutOfRange {
            margin: m.name.clone(),
            respondent: i,
            category: m.category[i],
            categories: k,
        }),
        None => Ok(()),
    }
}

/// Weighted total per category of `m`.
fn category_sums(m: &Margin, w: &[f64], sums: &mut Vec<f64>) {
    sums.clear();
    sums.resize(m.targets.len(), 0.0);
    for (&c, &wi) in m.category.iter().zip(w) {
        sums[c] += wi;
    }
}

fn max_rel_error(w: &[f64], margins: &[Margin], sums: &mut Vec<f64>) -> f64 {
    let mut err: f64 = 0.0;
    for m in margins {
        category_sums(m, w, sums);
        for (s, t) in sums.iter().zip(&m.targets) {
            err = err.max((s - t).abs() / t);
        }
    }
    err
}

/// Bounded raking of the design weights `d` to `margins` (methodology B3).
///
/// Each pass scales, margin after margin, every category to its target; after the pass every
/// `g = w/d` is clamped into `[g_min, g_max]`. Stops as soon as the largest relative margin
/// error is below `tolerance`. With non-binding bounds the result is plain IPF.
pub fn rake(d: &[f64], margins: &[Margin], opt: &RakeOptions) -> Result<Raked, RakeError> {
    let n = d.len();
    if opt.g_min.is_nan() || opt.g_max.is_nan() || opt.g_min < 0.0 || opt.g_min > opt.g_max {
        return Err(RakeError::InvalidBounds {
            g_min: opt.g_min,
            g_max: opt.g_max,
        });
    }
    check_design(d)?;
    let mut counts = Vec::new();
    for m in margins {
        check_margin_shape(m, n)?;
        counts.clear();
        counts.resize(m.targets.len(), 0usize);
        for &c in &m.category {
            counts[c] += 1;
        }
        for (c, (&t, &cnt)) in m.targets.iter().zip(&counts).enumerate() {
            if !(t.is_finite() && t > 0.0) {
                return Err(RakeError::NonPositiveTarget {
                    margin: m.name.clone(),
                    category: c,
                    target: t,
                });
            }
            if cnt == 0 {
                return Err(RakeError::EmptyCategory {
                    margin: m.name.clone(),
                    category: c,
                    target: t,
                });
            }
        }
    }
    if let Some(first) = margins.first() {
        let expected: f64 = first.targets.iter().sum();
        for m in &margins[1..] {
            let total: f64 = m.targets.iter().sum();
            if (total - expected).abs() > TOTALS_TOLERANCE * expected {
                return Err(RakeError::InconsistentTotals {
                    margin: m.name.clone(),
                    total,
                    first: first.name.clone(),
                    expected,
                });
            }
        }
    }

    let mut w = d.to_vec();
    let mut sums = Vec::new();
    let mut err = max_rel_error(&w, margins, &mut sums);
    let mut iterations = 0;
    while err >= opt.tolerance && iterations < opt.max_iter {
        iterations += 1;
        for m in margins {
            category_sums(m, &w, &mut sums);
            for (s, t) in sums.iter_mut().zip(&m.targets) {
                *s = t / *s;
            }
            for (wi, &c) in w.iter_mut().zip(&m.category) {
                *wi *= sums[c];
            }
        }
        for (wi, &di) in w.iter_mut().zip(d) {
            *wi = di * (*wi / di).clamp(opt.g_min, opt.g_max);
        }
        err = max_rel_error(&w, margins, &mut sums);
    }
    Ok(Raked {
        weights: w,
        iterations,
        max_rel_error: err,
        converged: err < opt.tolerance,
    })
}

/// Collapse categories with fewer than `min_respondents` respondents into an adjacent category
/// (in index order), summing targets; returns the new margin.
///
/// A small category is merged into the next one (the previous one when it is the last); this
/// repeats until every category is large enough or only one is left. Category indices are
/// renumbered consecutively in the original order.
pub fn collapse(m: &Margin, min_respondents: usize) -> Margin {
    collapse_reporting(m, min_respondents).0
}

/// [`collapse`], also returning every merge as `(category, into)`: original indices, the
/// small category first.
pub fn collapse_reporting(m: &Margin, min_respondents: usize) -> (Margin, Vec<(usize, usize)>) {
    let mut merges = Vec::new();
    let k = m.targets.len();
    let mut counts = vec![0usize; k];
    for &c in &m.category {
        if c < k {
            counts[c] += 1;
        }
    }
    // Groups of consecutive original categories: (first original index, count, target).
    let mut groups: Vec<(usize, usize, f64)> =
        (0..k).map(|c| (c, counts[c], m.targets[c])).collect();
    while groups.len() > 1 {
        let Some(g) = groups.iter().position(|&(_, n, _)| n < min_respondents) else {
            break;
        };
        let (keep, gone) = if g + 1 < groups.len() {
            (g, g + 1)
        } else {
            (g - 1, g)
        };
        // Reported as the small category merged into its neighbour.
        let (small, neighbour) = if keep == g {
            (keep, gone)
        } else {
            (gone, keep)
        };
        merges.push((groups[small].0, groups[neighbour].0));
        groups[keep].1 += groups[gone].1;
        groups[keep].2 += groups[gone].2;
        groups.remove(gone);
    }
    // Original category → new index: the last group starting at or before it.
    let mut map = vec![0usize; k];
    let mut g = 0;
    for (c, slot) in map.iter_mut().enumerate() {
        while g + 1 < groups.len() && groups[g + 1].0 <= c {
            g += 1;
        }
        *slot = g;
    }
    let margin = Margin {
        name: m.name.clone(),
        category: m
            .category
            .iter()
            .map(|&c| map.get(c).copied().unwrap_or(c))
            .collect(),
        targets: groups.iter().map(|&(_, _, t)| t).collect(),
    };
    (margin, merges)
}

/// `survey::trimWeights(strict=TRUE)`: cap weights above `upper` (and raise those below
/// `lower`), spread the net excess equally over the units that were never trimmed, and repeat
/// until all weights are within the bounds. The total is kept unless every unit ends up
/// trimmed. Re-rake afterwards (methodology B3).
///
/// R recurses with units sitting exactly on a bound counted as untrimmed, so it approaches
/// this result geometrically; here trimmed units stay fixed and the limit is reached in at
/// most n rounds. The two differ only when the net excess turns negative (lower-bound
/// shortfall larger than upper-bound excess): R would then lower units capped at `upper`.
pub fn trim_weights(w: &[f64], lower: f64, upper: f64) -> Vec<f64> {
    let mut out = w.to_vec();
    let mut fixed = vec![false; w.len()];
    loop {
        let mut excess = 0.0;
        let mut newly = 0usize;
        for (x, f) in out.iter_mut().zip(fixed.iter_mut()) {
            if *f {
                continue;
            }
            if *x > upper {
                excess += *x - upper;
                *x = upper;
                *f = true;
                newly += 1;
            } else if *x < lower {
                excess -= lower - *x;
                *x = lower;
                *f = true;
                newly += 1;
            }
        }
        let free = fixed.iter().filter(|&&f| !f).count();
        if newly == 0 || free == 0 {
            return out;
        }
        let share = excess / free as f64;
        for (x, f) in out.iter_mut().zip(&fixed) {
            if !*f {
                *x += share;
            }
        }
    }
}

/// Marker for a respondent in the first (reference) category of a margin: no dummy column.
const BASE: u32 = u32::MAX;

/// The parts of the post-raking linearisation that depend only on the design: `XᵀDX`
/// factorised once, the dummy column of every respondent per margin, and the strata.
///
/// `X` is the intercept plus a dummy for every category except the first of each margin.
/// Dependent columns (empty categories, nested margins) are dropped in the factorisation.
#[derive(Debug, Clone)]
pub struct Calibration {
    d: Vec<f64>,
    /// Per margin, per respondent: column in `X`, or [`BASE`].
    cols: Vec<Vec<u32>>,
    p: usize,
    /// Row-echelon LU of `P·XᵀDX`, row-major `p × p`, multipliers below the pivots.
    lu: Vec<f64>,
    /// `perm[k]`: original row now at row `k`.
    perm: Vec<usize>,
    /// Columns with a pivot, in elimination order; the others get coefficient 0.
    pivots: Vec<usize>,
    strata: Vec<usize>,
    /// `(1 − r_h/N_h)·r_h/(r_h − 1)` per stratum index (0 when r_h < 2).
    factor: Vec<f64>,
}

impl Calibration {
    /// Prepares the linearisation for design weights `d`, the raking `margins` (their targets
    /// are not used), the stratum index of every respondent and optionally the population size
    /// `N_h` per stratum index (`None`: no finite-population correction).
    pub fn new(
        d: &[f64],
        margins: &[Margin],
        strata: &[usize],
        pop: Option<&[f64]>,
    ) -> Result<Calibration, RakeError> {
        let n = d.len();
        check_design(d)?;
        if strata.len() != n {
            return Err(RakeError::Length {
                margin: "stratum".into(),
                len: strata.len(),
                expected: n,
            });
        }
        let mut offsets = Vec::with_capacity(margins.len());
        let mut p = 1usize;
        for m in margins {
            check_margin_shape(m, n)?;
            offsets.push(p);
            p += m.targets.len().saturating_sub(1);
        }
        let cols: Vec<Vec<u32>> = margins
            .iter()
            .zip(&offsets)
            .map(|(m, &off)| {
                m.category
                    .iter()
                    .map(|&c| if c == 0 { BASE } else { (off + c - 1) as u32 })
                    .collect()
            })
            .collect();

        // XᵀDX by category sums: intercept row, per-margin diagonals, cross tabulations.
        let mut a = vec![0.0; p * p];
        for i in 0..n {
            let di = d[i];
            a[0] += di;
            for (mi, cm) in cols.iter().enumerate() {
                let c = cm[i];
                if c == BASE {
                    continue;
                }
                let c = c as usize;
                a[c] += di;
                a[c * p + c] += di;
                for cm2 in &cols[mi + 1..] {
                    let c2 = cm2[i];
                    if c2 != BASE {
                        a[c * p + c2 as usize] += di;
                    }
                }
            }
        }
        for r in 0..p {
            for c in 0..r {
                let x = a[c * p + r].max(a[r * p + c]);
                a[r * p + c] = x;
                a[c * p + r] = x;
            }
        }

        // Gaussian elimination with partial pivoting; a column without a usable pivot is
        // linearly dependent on the earlier ones and is dropped.
        let scale = (0..p).map(|k| a[k * p + k]).fold(0.0, f64::max);
        let tol = scale * 1e-10;
        let mut perm: Vec<usize> = (0..p).collect();
        let mut pivots = Vec::with_capacity(p);
        for j in 0..p {
            let k = pivots.len();
            let Some((best, val)) = (k..p)
                .map(|r| (r, a[r * p + j].abs()))
                .max_by(|x, y| x.1.total_cmp(&y.1))
            else {
                break;
            };
            if val <= tol {
                continue;
            }
            if best != k {
                for c in 0..p {
                    a.swap(best * p + c, k * p + c);
                }
                perm.swap(best, k);
            }
            let piv = a[k * p + j];
            for r in k + 1..p {
                let f = a[r * p + j] / piv;
                if f != 0.0 {
                    for c in j + 1..p {
                        a[r * p + c] -= f * a[k * p + c];
                    }
                }
                a[r * p + j] = f;
            }
            pivots.push(j);
        }

        let nstrata = strata.iter().map(|&h| h + 1).max().unwrap_or(0);
        if let Some(pop) = pop {
            if let Some(i) = strata.iter().position(|&h| h >= pop.len()) {
                return Err(RakeError::StratumOutOfRange {
                    respondent: i,
                    stratum: strata[i],
                    strata: pop.len(),
                });
            }
        }
        let mut r = vec![0usize; nstrata];
        for &h in strata {
            r[h] += 1;
        }
        let factor = r
            .iter()
            .enumerate()
            .map(|(h, &rh)| {
                let n = rh as f64;
                let fpc = pop.map_or(1.0, |pop| 1.0 - n / pop[h]);
                match rh {
                    0 => 0.0,
                    // A lonely stratum: z centred at 0, factor 1 − 1/N_h (B3, "adjust").
                    1 => fpc,
                    _ => fpc * n / (n - 1.0),
                }
            })
            .collect();

        Ok(Calibration {
            d: d.to_vec(),
            cols,
            p,
            lu: a,
            perm,
            pivots,
            strata: strata.to_vec(),
            factor,
        })
    }

    /// Solves `XᵀDX·B = b` (dropped columns get 0).
    fn solve(&self, b: &[f64]) -> Vec<f64> {
        let p = self.p;
        let a = &self.lu;
        let mut y: Vec<f64> = self.perm.iter().map(|&r| b[r]).collect();
        for (k, &j) in self.pivots.iter().enumerate() {
            let yk = y[k];
            for r in k + 1..p {
                y[r] -= a[r * p + j] * yk;
            }
        }
        let mut x = vec![0.0; p];
        for (k, &j) in self.pivots.iter().enumerate().rev() {
            let mut s = y[k];
            for &j2 in &self.pivots[k + 1..] {
                s -= a[k * p + j2] * x[j2];
            }
            x[j] = s / a[k * p + j];
        }
        x
    }

    /// Weighted mean of `y` over the domain and its linearised SE after raking to the
    /// prepared margins (methodology B4, `calibrate` + `svymean(na.rm=TRUE)` domain
    /// convention). `w` are the raked weights. `None` when the domain has no valid value or
    /// the lengths differ.
    pub fn mean_se(&self, y: &[Option<f64>], in_domain: &[bool], w: &[f64]) -> Option<(f64, f64)> {
        let n = self.d.len();
        if y.len() != n || in_domain.len() != n || w.len() != n {
            return None;
        }
        let valid = |i: usize| -> Option<f64> {
            if in_domain[i] {
                y[i].filter(|v| v.is_finite())
            } else {
                None
            }
        };
        let (mut sw, mut swy) = (0.0, 0.0);
        for (i, &wi) in w.iter().enumerate() {
            if let Some(yi) = valid(i) {
                sw += wi;
                swy += wi * yi;
            }
        }
        if sw <= 0.0 || !sw.is_finite() {
            return None;
        }
        let mean = swy / sw;
        let v = |i: usize| valid(i).map_or(0.0, |yi| (yi - mean) / sw);

        let mut b = vec![0.0; self.p];
        for i in 0..n {
            let Some(yi) = valid(i) else { continue };
            let dv = self.d[i] * (yi - mean) / sw;
            b[0] += dv;
            for cm in &self.cols {
                let c = cm[i];
                if c != BASE {
                    b[c as usize] += dv;
                }
            }
        }
        let coef = self.solve(&b);

        // Welford per stratum over z_i = w_i(v_i − x_iᵀB), all respondents.
        let nh = self.factor.len();
        let mut cnt = vec![0.0f64; nh];
        let mut zbar = vec![0.0f64; nh];
        let mut ss = vec![0.0f64; nh];
        for i in 0..n {
            let mut fit = coef[0];
            for cm in &self.cols {
                let c = cm[i];
                if c != BASE {
                    fit += coef[c as usize];
                }
            }
            let z = w[i] * (v(i) - fit);
            let h = self.strata[i];
            cnt[h] += 1.0;
            let delta = z - zbar[h];
            zbar[h] += delta / cnt[h];
            ss[h] += delta * (z - zbar[h]);
        }
        // A lonely stratum's one z is centred at 0 (B3): its Σ(z − z̄)² is z² itself.
        let var: f64 = self
            .factor
            .iter()
            .zip(&ss)
            .zip(cnt.iter().zip(&zbar))
            .map(|((f, s), (c, zb))| if *c == 1.0 { f * zb * zb } else { f * s })
            .sum();
        Some((mean, var.max(0.0).sqrt()))
    }
}

/// Linearised SE of a weighted domain mean after raking (calibrate convention, B4): a thin
/// wrapper around [`Calibration::new`] and [`Calibration::mean_se`]; prepare a
/// [`Calibration`] once when estimating many domains or variables.
pub fn raked_mean_se(
    y: &[Option<f64>],
    in_domain: &[bool],
    w: &[f64],
    d: &[f64],
    margins: &[Margin],
    strata: &[usize],
    pop: Option<&[f64]>,
) -> Option<(f64, f64)> {
    Calibration::new(d, margins, strata, pop)
        .ok()?
        .mean_se(y, in_domain, w)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// TV1 (methodology C): design weights, unit and age margins, strata, N_h, theme scores.
    struct Tv1 {
        d: Vec<f64>,
        unit: Vec<usize>,
        age: Vec<usize>,
        score: Vec<Option<f64>>,
        pop: Vec<f64>,
    }

    fn tv1() -> Tv1 {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tv1/");
        let pop_csv = std::fs::read_to_string(format!("{dir}population.csv")).unwrap();
        let mut units: Vec<String> = Vec::new();
        let mut pop = Vec::new();
        for line in pop_csv.lines().skip(1) {
            let f: Vec<&str> = line.split(',').collect();
            units.push(f[1].to_string());
            pop.push(f[2].parse::<f64>().unwrap());
        }
        let ages = ["<35", "35-54", "55+"];
        let resp = std::fs::read_to_string(format!("{dir}responses.csv")).unwrap();
        let (mut unit, mut age, mut score) = (Vec::new(), Vec::new(), Vec::new());
        for line in resp.lines().skip(1) {
            let f: Vec<&str> = line.split(',').collect();
            unit.push(units.iter().position(|u| u == f[3]).unwrap());
            age.push(ages.iter().position(|a| *a == f[4]).unwrap());
            let items: Vec<f64> = f[5..9].iter().filter_map(|x| x.parse().ok()).collect();
            score.push(if items.len() >= 2 {
                Some(25.0 * (items.iter().sum::<f64>() / items.len() as f64 - 1.0))
            } else {
                None
            });
        }
        let mut r = vec![0.0; pop.len()];
        for &u in &unit {
            r[u] += 1.0;
        }
        let d = unit.iter().map(|&u| pop[u] / r[u]).collect();
        Tv1 {
            d,
            unit,
            age,
            score,
            pop,
        }
    }

    fn margins(t: &Tv1) -> Vec<Margin> {
        vec![
            Margin {
                name: "unit".into(),
                category: t.unit.clone(),
                targets: t.pop.clone(),
            },
            Margin {
                name: "age".into(),
                category: t.age.clone(),
                targets: vec![750.0, 1100.0, 650.0],
            },
        ]
    }

    fn close(a: f64, b: f64, tol: f64) {
        assert!((a - b).abs() < tol, "{a} != {b}");
    }

    #[test]
    fn tv1_cell_weights() {
        let t = tv1();
        assert_eq!(t.d.len(), 17);
        let r = rake(&t.d, &margins(&t), &RakeOptions::default()).unwrap();
        assert!(r.converged, "{r:?}");
        assert!(r.max_rel_error < 1e-9);
        let cells = [
            [170.1463, 203.4034, 249.4972],
            [136.5819, 163.2784, 200.2794],
            [68.2719, 81.6164, 100.1117],
        ];
        for i in 0..17 {
            close(r.weights[i], cells[t.unit[i]][t.age[i]], 5e-5);
        }
        // The bounds do not bind: the same as plain IPF.
        let plain = RakeOptions {
            g_min: 0.0,
            g_max: f64::INFINITY,
            ..RakeOptions::default()
        };
        let r2 = rake(&t.d, &margins(&t), &plain).unwrap();
        assert_eq!(r.weights, r2.weights);
        assert_eq!(r.iterations, r2.iterations);
    }

    #[test]
    fn tv1_raked_theme() {
        let t = tv1();
        let m = margins(&t);
        let w = rake(&t.d, &m, &RakeOptions::default()).unwrap().weights;
        let all = vec![true; 17];
        let (mean, se) =
            raked_mean_se(&t.score, &all, &w, &t.d, &m, &t.unit, Some(&t.pop)).unwrap();
        close(mean, 60.5833, 5e-5);
        close(se, 4.2801, 5e-5);
        let (sw, sw2) = t
            .score
            .iter()
            .zip(&w)
            .filter(|(y, _)| y.is_some())
            .fold((0.0, 0.0), |(a, b), (_, &wi)| (a + wi, b + wi * wi));
        close(sw * sw / sw2, 14.3167, 5e-5);
    }

    #[test]
    fn tv1_design_se_without_margins() {
        let t = tv1();
        let all = vec![true; 17];
        let (mean, se) =
            raked_mean_se(&t.score, &all, &t.d, &t.d, &[], &t.unit, Some(&t.pop)).unwrap();
        close(mean, 58.9569, 5e-5);
        close(se, 5.8837, 5e-5);
        // Domain: unit A alone (the other strata stay in the design with z = 0).
        let in_a: Vec<bool> = t.unit.iter().map(|&u| u == 0).collect();
        let (mean_a, _) =
            raked_mean_se(&t.score, &in_a, &t.d, &t.d, &[], &t.unit, Some(&t.pop)).unwrap();
        close(mean_a, 63.8889, 5e-5);
        // No valid member: no estimate.
        let none = vec![false; 17];
        assert!(raked_mean_se(&t.score, &none, &t.d, &t.d, &[], &t.unit, None).is_none());
    }

    /// Dense reference: X with explicit dummies, normal equations by Gauss–Jordan, z for all.
    #[allow(clippy::needless_range_loop)]
    fn dense_se(
        y: &[Option<f64>],
        dom: &[bool],
        w: &[f64],
        d: &[f64],
        m: &[Margin],
        strata: &[usize],
        pop: &[f64],
    ) -> (f64, f64) {
        let n = d.len();
        let x: Vec<Vec<f64>> = (0..n)
            .map(|i| {
                let mut row = vec![1.0];
                for mg in m {
                    for c in 1..mg.targets.len() {
                        row.push(if mg.category[i] == c { 1.0 } else { 0.0 });
                    }
                }
                row
            })
            .collect();
        let p = x[0].len();
        let ok: Vec<bool> = (0..n).map(|i| dom[i] && y[i].is_some()).collect();
        let sw: f64 = (0..n).filter(|&i| ok[i]).map(|i| w[i]).sum();
        let mean = (0..n)
            .filter(|&i| ok[i])
            .map(|i| w[i] * y[i].unwrap())
            .sum::<f64>()
            / sw;
        let v: Vec<f64> = (0..n)
            .map(|i| {
                if ok[i] {
                    (y[i].unwrap() - mean) / sw
                } else {
                    0.0
                }
            })
            .collect();
        let mut a = vec![vec![0.0; p + 1]; p];
        for i in 0..n {
            for r in 0..p {
                for c in 0..p {
                    a[r][c] += x[i][r] * d[i] * x[i][c];
                }
                a[r][p] += x[i][r] * d[i] * v[i];
            }
        }
        for k in 0..p {
            let piv = a[k][k];
            for c in 0..=p {
                a[k][c] /= piv;
            }
            for r in 0..p {
                if r != k {
                    let f = a[r][k];
                    for c in 0..=p {
                        a[r][c] -= f * a[k][c];
                    }
                }
            }
        }
        let z: Vec<f64> = (0..n)
            .map(|i| w[i] * (v[i] - (0..p).map(|c| x[i][c] * a[c][p]).sum::<f64>()))
            .collect();
        let mut var = 0.0;
        for (h, &nh) in pop.iter().enumerate() {
            let zs: Vec<f64> = (0..n).filter(|&i| strata[i] == h).map(|i| z[i]).collect();
            let r = zs.len() as f64;
            let zbar = zs.iter().sum::<f64>() / r;
            let ss: f64 = zs.iter().map(|z| (z - zbar).powi(2)).sum();
            var += (1.0 - r / nh) * r / (r - 1.0) * ss;
        }
        (mean, var.sqrt())
    }

    #[test]
    fn domains_match_dense_reference() {
        let t = tv1();
        let m = margins(&t);
        let w = rake(&t.d, &m, &RakeOptions::default()).unwrap().weights;
        let cal = Calibration::new(&t.d, &m, &t.unit, Some(&t.pop)).unwrap();
        let domains: Vec<Vec<bool>> = vec![
            vec![true; 17],
            t.unit.iter().map(|&u| u == 1).collect(),
            t.age.iter().map(|&a| a == 0).collect(),
            (0..17).map(|i| i % 3 != 0).collect(),
        ];
        for dom in &domains {
            let got = cal.mean_se(&t.score, dom, &w).unwrap();
            let want = dense_se(&t.score, dom, &w, &t.d, &m, &t.unit, &t.pop);
            close(got.0, want.0, 1e-9);
            close(got.1, want.1, 1e-9);
        }
        // Without fpc the variance grows by the dropped factors.
        let nofpc = Calibration::new(&t.d, &m, &t.unit, None).unwrap();
        let (_, se) = nofpc.mean_se(&t.score, &domains[0], &w).unwrap();
        assert!(se > 4.2801);
    }

    #[test]
    fn dependent_columns_are_dropped() {
        let t = tv1();
        let m = margins(&t);
        let w = rake(&t.d, &m, &RakeOptions::default()).unwrap().weights;
        let all = vec![true; 17];
        let base = raked_mean_se(&t.score, &all, &w, &t.d, &m, &t.unit, Some(&t.pop)).unwrap();
        // An empty extra age category and a duplicated margin span the same space.
        let mut m2 = m.clone();
        m2[1].targets.push(1.0);
        m2.push(m[0].clone());
        let cal = Calibration::new(&t.d, &m2, &t.unit, Some(&t.pop)).unwrap();
        let got = cal.mean_se(&t.score, &all, &w).unwrap();
        close(got.0, base.0, 1e-9);
        close(got.1, base.1, 1e-9);
    }

    #[test]
    fn bounds_bind() {
        let t = tv1();
        let m = margins(&t);
        // TV1's g ranges over about 0.82–1.25: bounds [0.9, 1.1] bind.
        let opt = RakeOptions {
            g_min: 0.9,
            g_max: 1.1,
            ..RakeOptions::default()
        };
        let r = rake(&t.d, &m, &opt).unwrap();
        for (w, d) in r.weights.iter().zip(&t.d) {
            let g = w / d;
            assert!((0.9 - 1e-12..=1.1 + 1e-12).contains(&g), "g = {g}");
        }
        // Infeasible: a single category needing g = 3 against g_max = 2.
        let d = vec![1.0; 4];
        let one = Margin {
            name: "all".into(),
            category: vec![0; 4],
            targets: vec![12.0],
        };
        let r = rake(&d, &[one], &RakeOptions::default()).unwrap();
        assert!(!r.converged);
        assert_eq!(r.weights, vec![2.0; 4]);
        close(r.max_rel_error, 1.0 / 3.0, 1e-12);
        assert_eq!(r.iterations, 1000);
    }

    #[test]
    fn bounds_bind_feasible() {
        // 2×2 table with 1, 3, 3, 1 units (d = 1). Feasible cell totals form the line
        // X = t, Y = 6 − t, Z = 4 − t, U = t − 2; plain IPF lands on t = 2.3028.
        let d = vec![1.0; 8];
        let a = Margin {
            name: "a".into(),
            category: vec![0, 1, 1, 1, 0, 0, 0, 1],
            targets: vec![4.0, 4.0],
        };
        let b = Margin {
            name: "b".into(),
            category: vec![0, 0, 0, 0, 1, 1, 1, 1],
            targets: vec![6.0, 2.0],
        };
        let m = [a, b];
        let unbounded = RakeOptions {
            g_min: 0.0,
            g_max: f64::INFINITY,
            ..RakeOptions::default()
        };
        let plain = rake(&d, &m, &unbounded).unwrap();
        assert!(plain.converged);
        close(plain.weights[0], 2.3028, 5e-5);
        // g ≤ 2.26 binds but t ∈ [2.25, 2.26] is feasible: the margins are met exactly.
        let opt = RakeOptions {
            g_min: 0.25,
            g_max: 2.26,
            ..RakeOptions::default()
        };
        let r = rake(&d, &m, &opt).unwrap();
        assert!(r.converged, "{r:?}");
        assert!(
            r.weights.iter().all(|&g| (0.25..=2.26).contains(&g)),
            "{r:?}"
        );
        close(r.weights[0], 2.26, 1e-12);
        // g ≤ 2 needs U = t − 2 ≤ 0 < g_min: infeasible, bounds kept, not converged.
        let opt = RakeOptions {
            g_min: 0.1,
            g_max: 2.0,
            ..RakeOptions::default()
        };
        let r = rake(&d, &m, &opt).unwrap();
        assert!(!r.converged);
        assert!(r.weights.iter().all(|&g| (0.1..=2.0).contains(&g)), "{r:?}");
        assert!(r.max_rel_error > 0.01 && r.max_rel_error < 0.05, "{r:?}");
    }

    #[test]
    fn errors() {
        let d = vec![1.0; 3];
        let m = |category: Vec<usize>, targets: Vec<f64>| Margin {
            name: "m".into(),
            category,
            targets,
        };
        let opt = RakeOptions::default();
        assert!(matches!(
            rake(&d, &[m(vec![0, 0, 1], vec![2.0, 0.0])], &opt),
            Err(RakeError::NonPositiveTarget { category: 1, .. })
        ));
        assert!(matches!(
            rake(&d, &[m(vec![0, 0, 0], vec![2.0, 1.0])], &opt),
            Err(RakeError::EmptyCategory { category: 1, .. })
        ));
        assert!(matches!(
            rake(
                &d,
                &[
                    m(vec![0, 0, 1], vec![2.0, 1.0]),
                    m(vec![0, 1, 1], vec![2.0, 2.0])
                ],
                &opt
            ),
            Err(RakeError::InconsistentTotals { .. })
        ));
        assert!(matches!(
            rake(&d, &[m(vec![0, 2, 1], vec![2.0, 1.0])], &opt),
            Err(RakeError::CategoryOutOfRange { .. })
        ));
        assert!(matches!(
            rake(&d, &[m(vec![0, 1], vec![2.0, 1.0])], &opt),
            Err(RakeError::Length { .. })
        ));
        let e = rake(&d, &[m(vec![0, 0, 0], vec![2.0, 1.0])], &opt).unwrap_err();
        assert!(e.to_string().contains("no respondents"), "{e}");
    }

    #[test]
    fn trimming_tv1() {
        let got = trim_weights(&[10.0, 20.0, 30.0, 40.0, 200.0], 0.0, 100.0);
        assert_eq!(got, vec![35.0, 45.0, 55.0, 65.0, 100.0]);
        // Spreading pushes another weight over the cap: iterate.
        let got = trim_weights(&[0.0, 0.0, 0.0, 90.0, 300.0], 0.0, 100.0);
        for &x in &got[..3] {
            close(x, 190.0 / 3.0, 1e-12);
        }
        assert_eq!(&got[3..], &[100.0, 100.0]);
        close(got.iter().sum(), 390.0, 1e-12);
        // A lower bound takes the shortfall from the untrimmed units.
        let got = trim_weights(&[1.0, 50.0, 50.0], 10.0, 100.0);
        assert_eq!(got, vec![10.0, 45.5, 45.5]);
    }

    #[test]
    fn collapse_merges_small_category() {
        let m = Margin {
            name: "age".into(),
            category: vec![0, 0, 0, 1, 2, 2, 2, 3],
            targets: vec![10.0, 2.0, 30.0, 4.0],
        };
        let c = collapse(&m, 3);
        // Category 1 (1 respondent) joins 2; category 3 (1 respondent, last) joins its
        // predecessor.
        assert_eq!(c.targets, vec![10.0, 36.0]);
        assert_eq!(c.category, vec![0, 0, 0, 1, 1, 1, 1, 1]);
        assert_eq!(c.name, "age");
        let same = collapse(&m, 1);
        assert_eq!(same, m);
    }
}
