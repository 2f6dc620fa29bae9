//! Respondent scores and weighted domain estimates (methodology.md B1, B2, B4, B7), in polars.
//!
//! One lazy pass scores every respondent on every theme (T and F of B1) and every eNPS item
//! (s ∈ {+100, 0, −100}), and aggregates sufficient statistics per *cell*: the finest
//! partition of a wave's respondents by stratum, unit, district, team and age band. Every
//! published group (organisation, unit, district, team, age band, unit × age band) is a union
//! of cells, so its estimate and its linearised variance follow from the cell sums without
//! touching respondents again.
//!
//! Groups are domains (`svyby` convention): the whole wave stays in the design and respondents
//! outside the group contribute z = 0 to their stratum. With z_i = w_i(y_i − ŷ)/W on the
//! domain and 0 elsewhere, Σ_{i∈h}(z_i − z̄_h)² = Σ_{i∈h} z_i² − (Σ_{i∈h} z_i)²/n_h, and both sums
//! expand into Σw, Σwy, Σw², Σw²y, Σw²y² over the domain's valid respondents in stratum h.
//! Scores are centred (y − 50) before summing so the expansion keeps its precision.

use crate::bundle::{codes, Bundle, AGE_BAND, DISTRICT, TEAM};
use crate::AnalysisError;
use polars::lazy::dsl::sum_horizontal;
use polars::prelude::*;
use std::collections::{BTreeMap, HashMap};

/// Two-sided 95% normal quantile (as `survey`'s `confint`).
pub const Z95: f64 = 1.959963984540054;

/// What a statistic is: a theme score (B1) or an eNPS item (B7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatKind {
    Theme,
    Enps,
}

/// A statistic with its respondent-level expressions: the score `y` (null when undefined) and
/// two shares (0/100 per respondent): favourable for themes, promoters and detractors for eNPS.
struct Stat {
    name: String,
    kind: StatKind,
    centre: f64,
    y: Expr,
    f: Expr,
    g: Expr,
}

fn nan() -> Expr {
    lit(NULL).cast(DataType::Float64)
}

fn stats(b: &Bundle) -> Result<Vec<Stat>, AnalysisError> {
    let mut out = Vec::new();
    for (theme, items) in b.themes() {
        let need = items.len().div_ceil(2) as f64;
        let sum = |f: &dyn Fn(&str) -> Expr| {
            sum_horizontal(
                items.iter().map(|i| f(i.item.as_str())).collect::<Vec<_>>(),
                true,
            )
        };
        let valid = sum(&|c| col(c).is_not_null().cast(DataType::Float64))?;
        let total = sum(&|c| col(c).fill_null(lit(0.0)))?;
        let favourable = sum(&|c| {
            col(c)
                .gt_eq(lit(4.0 - 1e-9))
                .fill_null(lit(false))
                .cast(DataType::Float64)
        })?;
        let defined = valid.clone().gt_eq(lit(need));
        out.push(Stat {
            name: theme.clone(),
            kind: StatKind::Theme,
            centre: 50.0,
            y: when(defined.clone())
                .then(lit(25.0) * (total / valid.clone() - lit(1.0)))
                .otherwise(nan()),
            f: when(defined)
                .then(lit(100.0) * favourable / valid)
                .otherwise(nan()),
            g: lit(0.0),
        });
    }
    for it in b.enps_items() {
        let x = col(it.item.as_str());
        let promoter = x.clone().gt_eq(lit(9.0)).cast(DataType::Float64) * lit(100.0);
        let detractor = x.clone().lt_eq(lit(6.0)).cast(DataType::Float64) * lit(100.0);
        out.push(Stat {
            name: it.item.clone(),
            kind: StatKind::Enps,
            centre: 0.0,
            y: promoter.clone() - detractor.clone(),
            f: promoter,
            g: detractor,
        });
    }
    Ok(out)
}

/// The finest partition of respondents. Each cell belongs to one wave and stratum and to
/// several published groups.
struct Cells {
    wave: Vec<u32>,
    stratum: Vec<u32>,
    groups: Vec<Vec<u32>>,
    /// Respondents in the cell (valid or not): n_h is the sum over a wave's stratum.
    size: Vec<f64>,
}

/// Group labels as results.json writes them, with their place in the organisation tree and in
/// the unit × age-band crossing.
#[derive(Debug, Default, Clone)]
pub struct Groups {
    pub labels: Vec<String>,
    pub index: HashMap<String, u32>,
    /// Tree parent of each group ("all" has none; crossing cells and age bands have none).
    pub parent: Vec<Option<u32>>,
    /// For a unit × age-band cell: (unit group, age-band group).
    pub cross: Vec<Option<(u32, u32)>>,
    pub is_age: Vec<bool>,
}

impl Groups {
    fn id(&mut self, label: String, parent: Option<u32>) -> u32 {
        if let Some(&i) = self.index.get(&label) {
            return i;
        }
        let i = self.labels.len() as u32;
        self.index.insert(label.clone(), i);
        self.labels.push(label);
        self.parent.push(parent);
        self.cross.push(None);
        self.is_age.push(false);
        i
    }

    /// Tree levels and crossings are reported in `breakdowns`; the organisation and units in
    /// `estimates` (the DESIGN.md contract).
    pub fn is_primary(label: &str) -> bool {
        label == "all" || (label.starts_with("unit=") && !label.contains('&'))
    }
}

struct Layout {
    waves: Vec<String>,
    strata: Vec<String>,
    groups: Groups,
    cells: Cells,
    /// Per row: its cell.
    row_cell: Vec<u32>,
}

/// Distinct labels and each row's code.
type Coded = (Vec<String>, Vec<u32>);

fn layout(b: &Bundle) -> Result<Layout, AnalysisError> {
    let r = &b.responses;
    let (waves, wave_code) = codes(r.column("wave")?.str()?);
    let (strata, stratum_code) = codes(r.column("stratum")?.str()?);
    let (units, unit_code) = codes(r.column("unit")?.str()?);
    let optional = |name: &str| -> Result<Option<Coded>, AnalysisError> {
        Ok(match r.column(name) {
            Ok(c) => Some(codes(c.str()?)),
            Err(_) => None,
        })
    };
    let district = optional(DISTRICT)?;
    let team = optional(TEAM)?;
    let age = optional(AGE_BAND)?;
    let none = u32::MAX;
    let at = |o: &Option<Coded>, i: usize| o.as_ref().map_or(none, |o| o.1[i]);

    let mut groups = Groups::default();
    let all = groups.id("all".into(), None);
    let mut key_cell: HashMap<[u32; 6], u32> = HashMap::new();
    let mut cells = Cells {
        wave: Vec::new(),
        stratum: Vec::new(),
        groups: Vec::new(),
        size: Vec::new(),
    };
    let mut row_cell = Vec::with_capacity(r.height());
    for i in 0..r.height() {
        let key = [
            wave_code[i],
            stratum_code[i],
            unit_code[i],
            at(&district, i),
            at(&team, i),
            at(&age, i),
        ];
        let next = cells.wave.len() as u32;
        let c = *key_cell.entry(key).or_insert(next);
        if c == next {
            let unit = groups.id(format!("unit={}", units[key[2] as usize]), Some(all));
            let mut member = vec![all, unit];
            let mut parent = unit;
            if let (Some(d), true) = (&district, key[3] != none) {
                parent = groups.id(format!("district={}", d.0[key[3] as usize]), Some(unit));
                member.push(parent);
            }
            if let (Some(t), true) = (&team, key[4] != none) {
                member.push(groups.id(format!("team={}", t.0[key[4] as usize]), Some(parent)));
            }
            if let (Some(a), true) = (&age, key[5] != none) {
                let band = &a.0[key[5] as usize];
                let ag = groups.id(format!("age_band={band}"), None);
                groups.is_age[ag as usize] = true;
                let cross = groups.id(
                    format!("unit={}&age_band={band}", units[key[2] as usize]),
                    None,
                );
                groups.cross[cross as usize] = Some((unit, ag));
                member.push(ag);
                member.push(cross);
            }
            cells.wave.push(key[0]);
            cells.stratum.push(key[1]);
            cells.groups.push(member);
            cells.size.push(0.0);
        }
        cells.size[c as usize] += 1.0;
        row_cell.push(c);
    }
    Ok(Layout {
        waves,
        strata,
        groups,
        cells,
        row_cell,
    })
}

/// Sufficient statistics of a statistic over a set of respondents (centred scores).
#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    n: f64,
    w: f64,
    wy: f64,
    wf: f64,
    wg: f64,
    w2: f64,
    w2y: f64,
    w2yy: f64,
}

impl Sums {
    fn add(&mut self, o: &Sums) {
        self.n += o.n;
        self.w += o.w;
        self.wy += o.wy;
        self.wf += o.wf;
        self.wg += o.wg;
        self.w2 += o.w2;
        self.w2y += o.w2y;
        self.w2yy += o.w2yy;
    }
}

const SUMS: [&str; 8] = ["n", "w", "wy", "wf", "wg", "w2", "w2y", "w2yy"];

/// A weighted domain estimate before disclosure control.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub wave: String,
    pub stat: String,
    pub kind: StatKind,
    pub group: String,
    pub n: u64,
    /// Weighted mean of the score (index 0–100 for themes, eNPS −100…100).
    pub est: f64,
    /// Weighted shares: favourable (themes) or promoters and detractors (eNPS).
    pub share1: f64,
    pub share2: f64,
    pub se: f64,
    pub n_eff: f64,
}

/// Everything the estimation step hands on: figures per (wave, statistic, group) and the
/// group structure for disclosure control.
pub struct Estimates {
    pub figures: Vec<Figure>,
    pub groups: Groups,
    pub alpha: BTreeMap<(String, String), Option<f64>>,
}

/// Weights to use: the design weights, or calibrated weights with their own variance.
pub trait Variance {
    /// Σ_h-form variance of the domain mean for (wave, stat, group), when this source
    /// computes it itself (raking); `None` falls back to the design-based formula.
    fn variance(&self, wave: &str, stat: &str, group: &str) -> Option<f64>;
}

pub fn estimates(
    b: &Bundle,
    calibrated: Option<&dyn Variance>,
) -> Result<Estimates, AnalysisError> {
    let lay = layout(b)?;
    let stats = stats(b)?;
    let mut frame = b.responses.clone();
    frame.with_column(Column::new("cell".into(), lay.row_cell.clone()))?;
    // Respondent scores first (each expression evaluated once, on whole columns), then plain
    // sums of products per cell.
    let mut scored = vec![col("cell"), col("w"), (col("w") * col("w")).alias("ww")];
    for (s, st) in stats.iter().enumerate() {
        let defined = st.y.clone().is_not_null();
        let masked = |e: Expr| when(defined.clone()).then(e).otherwise(lit(0.0));
        scored.extend([
            (st.y.clone() - lit(st.centre)).alias(format!("y{s}")),
            defined
                .clone()
                .cast(DataType::Float64)
                .alias(format!("v{s}")),
            masked(st.f.clone()).alias(format!("f{s}")),
            masked(st.g.clone()).alias(format!("g{s}")),
        ]);
    }
    let (w, ww) = (col("w"), col("ww"));
    let mut aggs = Vec::new();
    for s in 0..stats.len() {
        let (y, v) = (col(format!("y{s}")), col(format!("v{s}")));
        aggs.extend([
            v.clone().sum().alias(format!("n{s}")),
            (w.clone() * v.clone()).sum().alias(format!("w{s}")),
            (w.clone() * y.clone()).sum().alias(format!("wy{s}")),
            (w.clone() * col(format!("f{s}")))
                .sum()
                .alias(format!("wf{s}")),
            (w.clone() * col(format!("g{s}")))
                .sum()
                .alias(format!("wg{s}")),
            (ww.clone() * v).sum().alias(format!("w2{s}")),
            (ww.clone() * y.clone()).sum().alias(format!("w2y{s}")),
            (ww.clone() * y.clone() * y).sum().alias(format!("w2yy{s}")),
        ]);
    }
    let frame = frame.lazy().select(scored);
    let per_cell = frame.group_by([col("cell")]).agg(aggs).collect()?;
    let cell_ids: Vec<u32> = per_cell
        .column("cell")?
        .u32()?
        .iter()
        .map(|c| c.unwrap_or(0))
        .collect();
    let n_stats = stats.len();
    let n_cells = lay.cells.wave.len();
    let mut sums = vec![Sums::default(); n_cells * n_stats];
    for s in 0..n_stats {
        let cols: Vec<Vec<f64>> = SUMS
            .iter()
            .map(|p| -> Result<Vec<f64>, AnalysisError> {
                Ok(per_cell
                    .column(&format!("{p}{s}"))?
                    .cast(&DataType::Float64)?
                    .f64()?
                    .iter()
                    .map(|v| v.unwrap_or(0.0))
                    .collect())
            })
            .collect::<Result<_, _>>()?;
        for (r, &c) in cell_ids.iter().enumerate() {
            sums[c as usize * n_stats + s] = Sums {
                n: cols[0][r],
                w: cols[1][r],
                wy: cols[2][r],
                wf: cols[3][r],
                wg: cols[4][r],
                w2: cols[5][r],
                w2y: cols[6][r],
                w2yy: cols[7][r],
            };
        }
    }

    // Respondents per wave and stratum: the whole design.
    let n_strata = lay.strata.len();
    let mut n_h = vec![0.0; lay.waves.len() * n_strata];
    for c in 0..n_cells {
        n_h[lay.cells.wave[c] as usize * n_strata + lay.cells.stratum[c] as usize] +=
            lay.cells.size[c];
    }
    // Domain sums per (wave, stat, group, stratum).
    let mut dom: BTreeMap<(u32, usize, u32), BTreeMap<u32, Sums>> = BTreeMap::new();
    for c in 0..n_cells {
        for s in 0..n_stats {
            let cs = &sums[c * n_stats + s];
            if cs.n == 0.0 {
                continue;
            }
            for &g in &lay.cells.groups[c] {
                dom.entry((lay.cells.wave[c], s, g))
                    .or_default()
                    .entry(lay.cells.stratum[c])
                    .or_default()
                    .add(cs);
            }
        }
    }
    let mut figures = Vec::with_capacity(dom.len());
    for ((wave, s, g), by_stratum) in dom {
        let st = &stats[s];
        let mut tot = Sums::default();
        for v in by_stratum.values() {
            tot.add(v);
        }
        let m = tot.wy / tot.w; // centred mean
        let wave_label = &lay.waves[wave as usize];
        let group = &lay.groups.labels[g as usize];
        let variance = match calibrated.and_then(|c| c.variance(wave_label, &st.name, group)) {
            Some(v) => v,
            None => {
                let mut v = 0.0;
                for (&h, d) in &by_stratum {
                    let nh = n_h[wave as usize * n_strata + h as usize];
                    if nh < 2.0 {
                        continue;
                    }
                    let fpc = match &b.population {
                        Some(p) => {
                            1.0 - nh / p[&(wave_label.clone(), lay.strata[h as usize].clone())]
                        }
                        None => 1.0,
                    };
                    let zz = (d.w2yy - 2.0 * m * d.w2y + m * m * d.w2) / (tot.w * tot.w);
                    let s1 = (d.wy - m * d.w) / tot.w;
                    v += fpc * nh / (nh - 1.0) * (zz - s1 * s1 / nh).max(0.0);
                }
                v
            }
        };
        figures.push(Figure {
            wave: wave_label.clone(),
            stat: st.name.clone(),
            kind: st.kind,
            group: group.clone(),
            n: tot.n as u64,
            est: m + st.centre,
            share1: tot.wf / tot.w,
            share2: tot.wg / tot.w,
            se: variance.sqrt(),
            n_eff: tot.w * tot.w / tot.w2,
        });
    }
    Ok(Estimates {
        figures,
        groups: lay.groups,
        alpha: cronbach(b)?,
    })
}

/// A text column of a (small) result frame.
fn texts(df: &DataFrame, name: &str) -> Result<Vec<String>, AnalysisError> {
    Ok(df
        .column(name)?
        .str()?
        .iter()
        .map(|s| s.unwrap_or("").to_string())
        .collect())
}

/// Every respondent's score on every statistic (null where undefined), in row order.
pub fn respondent_scores(b: &Bundle) -> Result<BTreeMap<String, Vec<Option<f64>>>, AnalysisError> {
    let stats = stats(b)?;
    let df = b
        .responses
        .clone()
        .lazy()
        .select(
            stats
                .iter()
                .enumerate()
                .map(|(s, st)| st.y.clone().alias(format!("s{s}")))
                .collect::<Vec<_>>(),
        )
        .collect()?;
    let mut out = BTreeMap::new();
    for (s, st) in stats.iter().enumerate() {
        let v: Vec<Option<f64>> = df
            .column(&format!("s{s}"))?
            .cast(&DataType::Float64)?
            .f64()?
            .iter()
            .collect();
        out.insert(st.name.clone(), v);
    }
    Ok(out)
}

/// Cronbach's α per (wave, theme) over complete cases (B2), on the rescaled item values, in
/// one pass: per theme the complete-case count and the sums and squared sums of each item and
/// of the total (centred on 3).
fn cronbach(b: &Bundle) -> Result<BTreeMap<(String, String), Option<f64>>, AnalysisError> {
    let themes = b.themes();
    let mut aggs = Vec::new();
    for (t, items) in themes.values().enumerate() {
        let complete = items
            .iter()
            .map(|i| col(i.item.as_str()).is_not_null())
            .reduce(|a, c| a.and(c))
            .expect("a theme has items");
        let on = |e: Expr| when(complete.clone()).then(e).otherwise(lit(0.0));
        let total = sum_horizontal(
            items
                .iter()
                .map(|i| col(i.item.as_str()) - lit(3.0))
                .collect::<Vec<_>>(),
            true,
        )?;
        aggs.push(
            complete
                .clone()
                .cast(DataType::Float64)
                .sum()
                .alias(format!("n{t}")),
        );
        aggs.push(on(total.clone()).sum().alias(format!("t{t}")));
        aggs.push(on(total.clone() * total).sum().alias(format!("tt{t}")));
        for (j, i) in items.iter().enumerate() {
            let x = col(i.item.as_str()) - lit(3.0);
            aggs.push(on(x.clone()).sum().alias(format!("x{t}_{j}")));
            aggs.push(on(x.clone() * x).sum().alias(format!("xx{t}_{j}")));
        }
    }
    let df = b
        .responses
        .clone()
        .lazy()
        .group_by([col("wave")])
        .agg(aggs)
        .collect()?;
    let waves = texts(&df, "wave")?;
    let get = |name: &str, r: usize| -> Result<f64, AnalysisError> {
        Ok(df
            .column(name)?
            .cast(&DataType::Float64)?
            .f64()?
            .get(r)
            .unwrap_or(0.0))
    };
    let mut out = BTreeMap::new();
    for (t, (theme, items)) in themes.iter().enumerate() {
        let k = items.len() as f64;
        for (r, wave) in waves.iter().enumerate() {
            let n = get(&format!("n{t}"), r)?;
            let var = |s: f64, ss: f64| (ss - s * s / n) / (n - 1.0);
            let total_var = var(get(&format!("t{t}"), r)?, get(&format!("tt{t}"), r)?);
            let alpha = if n < 2.0 || items.len() < 2 || total_var <= 0.0 {
                None
            } else {
                let mut sum = 0.0;
                for j in 0..items.len() {
                    sum += var(
                        get(&format!("x{t}_{j}"), r)?,
                        get(&format!("xx{t}_{j}"), r)?,
                    );
                }
                Some(k / (k - 1.0) * (1.0 - sum / total_var))
            };
            out.insert((wave.clone(), theme.clone()), alpha);
        }
    }
    Ok(out)
}

/// Weighted answer distribution of a 5-point Likert item for a group, before disclosure
/// control: shares in % of the scale points 1…5 (after reversal).
#[derive(Debug, Clone, PartialEq)]
pub struct DistributionRow {
    pub wave: String,
    pub item: String,
    pub theme: String,
    pub group: String,
    pub n: u64,
    pub shares: [f64; 5],
}

/// Distributions per wave for the organisation and each unit, for items on a five-point scale.
pub fn distributions(b: &Bundle) -> Result<Vec<DistributionRow>, AnalysisError> {
    let items: Vec<&crate::bundle::Item> = b
        .themes()
        .into_values()
        .flatten()
        .filter(|i| i.scale_max - i.scale_min == 4.0)
        .collect();
    if items.is_empty() {
        return Ok(Vec::new());
    }
    let mut aggs = Vec::new();
    for (j, it) in items.iter().enumerate() {
        let x = col(it.item.as_str());
        aggs.push(x.clone().is_not_null().sum().alias(format!("n{j}")));
        for p in 1..=5 {
            let hit = x
                .clone()
                .gt(lit(p as f64 - 0.5))
                .and(x.clone().lt(lit(p as f64 + 0.5)))
                .fill_null(lit(false));
            aggs.push(
                when(hit)
                    .then(col("w"))
                    .otherwise(lit(0.0))
                    .sum()
                    .alias(format!("p{j}_{p}")),
            );
        }
    }
    let df = b
        .responses
        .clone()
        .lazy()
        .group_by([col("wave"), col("unit")])
        .agg(aggs)
        .collect()?;
    let waves = texts(&df, "wave")?;
    let units = texts(&df, "unit")?;
    let num = |name: &str| -> Result<Vec<f64>, AnalysisError> {
        Ok(df
            .column(name)?
            .cast(&DataType::Float64)?
            .f64()?
            .iter()
            .map(|v| v.unwrap_or(0.0))
            .collect())
    };
    let mut acc: BTreeMap<(String, usize, String), (f64, [f64; 5])> = BTreeMap::new();
    for j in 0..items.len() {
        let n = num(&format!("n{j}"))?;
        let p: Vec<Vec<f64>> = (1..=5)
            .map(|p| num(&format!("p{j}_{p}")))
            .collect::<Result<_, _>>()?;
        for r in 0..df.height() {
            for g in ["all".to_string(), format!("unit={}", units[r])] {
                let e = acc.entry((waves[r].clone(), j, g)).or_default();
                e.0 += n[r];
                for (s, col) in e.1.iter_mut().zip(&p) {
                    *s += col[r];
                }
            }
        }
    }
    Ok(acc
        .into_iter()
        .filter(|(_, (n, _))| *n > 0.0)
        .map(|((wave, j, group), (n, w))| {
            let total: f64 = w.iter().sum();
            DistributionRow {
                wave,
                item: items[j].item.clone(),
                theme: items[j].theme.clone(),
                group,
                n: n as u64,
                shares: w.map(|v| 100.0 * v / total),
            }
        })
        .collect())
}
