//! Respondent scores and weighted domain estimates (methodology.md B1, B2, B4, B7).
//!
//! One pass over the answer columns ([`kernel`]) scores every respondent on every theme (T and
//! F of B1) and every eNPS item (s ∈ {+100, 0, −100}), and aggregates sufficient statistics
//! per *cell*: the finest
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
use crate::group::Group;
use crate::AnalysisError;
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

/// A statistic: a theme or an eNPS item, and the constant its scores are centred on before
/// summing (see the module doc).
struct Stat {
    name: String,
    kind: StatKind,
    centre: f64,
}

/// Themes first (in theme order), then eNPS items: the order of the aggregation's sums.
fn stats(b: &Bundle) -> Vec<Stat> {
    let themes = b.themes().into_keys().map(|name| Stat {
        name,
        kind: StatKind::Theme,
        centre: 50.0,
    });
    let enps = b.enps_items().into_iter().map(|it| Stat {
        name: it.item.clone(),
        kind: StatKind::Enps,
        centre: 0.0,
    });
    themes.chain(enps).collect()
}

/// Valid items a theme of `k` items needs for a respondent's score: ⌈K/2⌉ (B1).
fn needed(k: usize) -> f64 {
    k.div_ceil(2) as f64
}

/// A respondent's theme score T = 25·(mean of the valid items − 1) (B1), from the number and
/// sum of the valid items; `None` below `need`.
fn theme_score(valid: f64, sum: f64, need: f64) -> Option<f64> {
    (valid >= need).then(|| 25.0 * (sum / valid - 1.0))
}

/// An eNPS answer (0–10) as (promoter, detractor) shares of 0 or 100 (B7).
fn enps_shares(x: f64) -> (f64, f64) {
    (
        if x >= 9.0 { 100.0 } else { 0.0 },
        if x <= 6.0 { 100.0 } else { 0.0 },
    )
}

/// The finest partition of respondents. Each cell belongs to one wave and stratum and to
/// several published groups.
struct Cells {
    wave: Vec<u32>,
    stratum: Vec<u32>,
    unit: Vec<u32>,
    groups: Vec<Vec<u32>>,
    /// Respondents in the cell (valid or not): n_h is the sum over a wave's stratum.
    size: Vec<f64>,
}

/// Group labels as results.json writes them, with their place in the organisation tree and in
/// the unit × age-band crossing.
#[derive(Debug, Default, Clone)]
pub struct Groups {
    pub labels: Vec<Group>,
    pub index: HashMap<Group, u32>,
    /// Tree parent of each group ("all" has none; crossing cells and age bands have none).
    pub parent: Vec<Option<u32>>,
    /// For a unit × age-band cell: (unit group, age-band group).
    pub cross: Vec<Option<(u32, u32)>>,
    pub is_age: Vec<bool>,
}

impl Groups {
    fn id(&mut self, label: Group, parent: Option<u32>) -> u32 {
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
}

struct Layout {
    waves: Vec<String>,
    strata: Vec<String>,
    units: Vec<String>,
    groups: Groups,
    cells: Cells,
    /// Per row: its cell.
    row_cell: Vec<u32>,
}

/// Distinct labels and each row's code.
type Coded = (Vec<String>, Vec<u32>);

/// Key spaces up to this size get a direct table in [`layout`]; larger ones a hash map.
const DIRECT_CELL_TABLE: u64 = 1 << 22;

fn layout(b: &Bundle) -> Result<Layout, AnalysisError> {
    layout_with(b, DIRECT_CELL_TABLE)
}

fn layout_with(b: &Bundle, direct_max: u64) -> Result<Layout, AnalysisError> {
    let r = &b.responses;
    // Codes for the six label columns, concurrently (each is a hash pass over every row).
    // (wave and stratum come coded from the bundle.)
    let names = ["unit", DISTRICT, TEAM, AGE_BAND];
    let columns: Vec<Option<&StringChunked>> = names
        .iter()
        .map(|n| r.column(n).ok().and_then(|c| c.str().ok()))
        .collect();
    let mut coded: Vec<Option<Coded>> = std::thread::scope(|scope| {
        let handles: Vec<_> = columns
            .iter()
            .map(|c| scope.spawn(move || c.map(codes)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("coding thread"))
            .collect()
    });
    let age = coded.pop().flatten();
    let team = coded.pop().flatten();
    let district = coded.pop().flatten();
    let missing = || AnalysisError::MissingColumn {
        file: "responses".into(),
        column: "wave/stratum/unit".into(),
    };
    let (units, unit_code) = coded.pop().flatten().ok_or_else(missing)?;
    let (waves, wave_code) = b.wave_codes.clone();
    let (strata, stratum_code) = b.stratum_codes.clone();
    let none = u32::MAX;
    let at = |o: &Option<Coded>, i: usize| o.as_ref().map_or(none, |o| o.1[i]);

    let mut groups = Groups::default();
    let all = groups.id(Group::All, None);
    // A row's cell key as one mixed-radix number (each code + 1, 0 for a missing label); a
    // direct table when the key space is small, a map otherwise.
    let radix: Vec<u64> = [
        waves.len(),
        strata.len(),
        units.len(),
        district.as_ref().map_or(0, |d| d.0.len()),
        team.as_ref().map_or(0, |t| t.0.len()),
        age.as_ref().map_or(0, |a| a.0.len()),
    ]
    .iter()
    .map(|n| *n as u64 + 1)
    .collect();
    let space = radix.iter().try_fold(1u64, |acc, r| acc.checked_mul(*r));
    let mut table: Vec<u32> = match space {
        Some(n) if n <= direct_max => vec![u32::MAX; n as usize],
        _ => Vec::new(),
    };
    let mut key_cell: HashMap<u64, u32, std::hash::BuildHasherDefault<crate::bundle::Fnv>> =
        HashMap::default();
    // Beyond 2^64 keys (absurd label counts) the plain key is hashed instead.
    let mut wide_cell: HashMap<[u32; 6], u32> = HashMap::new();
    let mut cells = Cells {
        wave: Vec::new(),
        stratum: Vec::new(),
        unit: Vec::new(),
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
        let packed = || {
            key.iter()
                .zip(&radix)
                .fold(0u64, |acc, (k, r)| acc * r + u64::from(k.wrapping_add(1)))
        };
        let c = if space.is_none() {
            *wide_cell.entry(key).or_insert(next)
        } else if table.is_empty() {
            *key_cell.entry(packed()).or_insert(next)
        } else {
            let packed = packed();
            let slot = &mut table[packed as usize];
            if *slot == u32::MAX {
                *slot = next;
            }
            *slot
        };
        if c == next {
            let unit_label = &units[key[2] as usize];
            let unit = groups.id(Group::Unit(unit_label.clone()), Some(all));
            let mut member = vec![all, unit];
            let mut parent = unit;
            if let (Some(d), true) = (&district, key[3] != none) {
                parent = groups.id(Group::District(d.0[key[3] as usize].clone()), Some(unit));
                member.push(parent);
            }
            if let (Some(t), true) = (&team, key[4] != none) {
                member.push(groups.id(Group::Team(t.0[key[4] as usize].clone()), Some(parent)));
            }
            if let (Some(a), true) = (&age, key[5] != none) {
                let band = &a.0[key[5] as usize];
                let ag = groups.id(Group::AgeBand(band.clone()), None);
                groups.is_age[ag as usize] = true;
                let cross = groups.id(
                    Group::UnitAgeBand {
                        unit: unit_label.clone(),
                        age_band: band.clone(),
                    },
                    None,
                );
                groups.cross[cross as usize] = Some((unit, ag));
                member.push(ag);
                member.push(cross);
            }
            cells.wave.push(key[0]);
            cells.stratum.push(key[1]);
            cells.unit.push(key[2]);
            cells.groups.push(member);
            cells.size.push(0.0);
        }
        cells.size[c as usize] += 1.0;
        row_cell.push(c);
    }
    Ok(Layout {
        waves,
        strata,
        units,
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

/// A weighted domain estimate before disclosure control.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub wave: String,
    pub stat: String,
    pub kind: StatKind,
    pub group: Group,
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
    /// Answer distributions of five-point items, per wave for the organisation and each unit.
    pub distributions: Vec<DistributionRow>,
    /// `(wave, stratum)` with a single respondent (B3: a lonely stratum), in label order.
    pub lonely: Vec<(String, String)>,
    /// Per (wave, statistic): its respondents' atoms, for the exact audit ([`crate::audit`]).
    pub atoms: BTreeMap<(String, String), Vec<crate::audit::Atom>>,
}

/// Weights to use: the design weights, or calibrated weights with their own variance.
pub trait Variance {
    /// Σ_h-form variance of the domain mean for (wave, stat, group), when this source
    /// computes it itself (raking); `None` falls back to the design-based formula.
    fn variance(&self, wave: &str, stat: &str, group: &Group) -> Option<f64>;
}

pub fn estimates(
    b: &Bundle,
    calibrated: Option<&dyn Variance>,
) -> Result<Estimates, AnalysisError> {
    let mut t = crate::Timer::new();
    let lay = layout(b)?;
    t.lap("layout");
    let stats = stats(b);
    let themes = b.themes();
    let k = kernel(b, &lay, &stats, &themes)?;
    t.lap("aggregate");
    let (sums, alpha, distributions) = (k.sums, k.alpha, k.distributions);
    let n_stats = stats.len();
    let n_cells = lay.cells.wave.len();

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
    // Atoms per (wave, stat): a cell's place in the tree and the crossing, over strata.
    // (tree group, unit × age-band group) → respondents, per (wave, stat).
    type AtomCounts = BTreeMap<(u32, Option<u32>), u64>;
    let mut atom_n: BTreeMap<(u32, usize), AtomCounts> = BTreeMap::new();
    for c in 0..n_cells {
        let members = &lay.cells.groups[c];
        let groups = &lay.groups;
        let tree = *members
            .iter()
            .rfind(|&&g| {
                groups.parent[g as usize].is_some() || groups.labels[g as usize] == Group::All
            })
            .expect("every cell is in the organisation");
        let cell = members
            .iter()
            .copied()
            .find(|&g| groups.cross[g as usize].is_some());
        for s in 0..n_stats {
            let n = sums[c * n_stats + s].n as u64;
            if n > 0 {
                *atom_n
                    .entry((lay.cells.wave[c], s))
                    .or_default()
                    .entry((tree, cell))
                    .or_default() += n;
            }
        }
    }
    let atoms = atom_n
        .into_iter()
        .map(|((wave, s), m)| {
            (
                (lay.waves[wave as usize].clone(), stats[s].name.clone()),
                m.into_iter()
                    .map(|((tree, cell), n)| crate::audit::Atom { tree, cell, n })
                    .collect(),
            )
        })
        .collect();
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
                    let fpc = match &b.population {
                        Some(p) => {
                            1.0 - nh / p[&(wave_label.clone(), lay.strata[h as usize].clone())]
                        }
                        None => 1.0,
                    };
                    let zz = (d.w2yy - 2.0 * m * d.w2y + m * m * d.w2) / (tot.w * tot.w);
                    if nh < 2.0 {
                        // A lonely stratum (B3, R's `survey.lonely.psu = "adjust"`): its one
                        // z is centred at 0 and contributes (1 − 1/N_h)·z².
                        v += fpc * zz;
                        continue;
                    }
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
    let mut lonely: Vec<(String, String)> = n_h
        .iter()
        .enumerate()
        .filter(|(_, n)| **n == 1.0)
        .map(|(at, _)| {
            (
                lay.waves[at / n_strata].clone(),
                lay.strata[at % n_strata].clone(),
            )
        })
        .collect();
    lonely.sort();
    Ok(Estimates {
        figures,
        groups: lay.groups,
        alpha,
        distributions,
        lonely,
        atoms,
    })
}

/// An answer column as one contiguous slice, NaN where the answer is missing (the bundle's
/// invariant, see [`Bundle`]).
struct AnswerColumn {
    ca: Float64Chunked,
}

impl AnswerColumn {
    fn new(b: &Bundle, name: &str) -> Result<AnswerColumn, AnalysisError> {
        let s = b.responses.column(name)?.as_materialized_series().rechunk();
        Ok(AnswerColumn {
            ca: s.f64()?.clone(),
        })
    }

    fn values(&self) -> &[f64] {
        self.ca
            .downcast_iter()
            .next()
            .expect("one chunk")
            .values()
            .as_slice()
    }
}

/// What the aggregation pass hands back.
struct Aggregates {
    sums: Vec<Sums>,
    alpha: BTreeMap<(String, String), Option<f64>>,
    distributions: Vec<DistributionRow>,
}

/// Per-thread accumulators of the aggregation pass.
#[derive(Clone)]
struct Acc {
    sums: Vec<Sums>,
    alpha: Vec<f64>,
    dist: Vec<[f64; 6]>,
    dist_n: Vec<u64>,
    /// Answer counts per (wave, unit, item) and scale point, when weights are uniform there.
    hist: Vec<u32>,
}

impl Acc {
    fn merge(mut self, o: Acc) -> Acc {
        for (a, b) in self.sums.iter_mut().zip(&o.sums) {
            a.add(b);
        }
        for (a, b) in self.alpha.iter_mut().zip(&o.alpha) {
            *a += b;
        }
        for (a, b) in self.dist.iter_mut().zip(&o.dist) {
            for (x, y) in a.iter_mut().zip(b) {
                *x += y;
            }
        }
        for (a, b) in self.dist_n.iter_mut().zip(&o.dist_n) {
            *a += b;
        }
        for (a, b) in self.hist.iter_mut().zip(&o.hist) {
            *a += b;
        }
        self
    }
}

/// The aggregation pass: one fused sweep over the respondents (split over the machine's
/// cores) that scores every theme (B1) and eNPS item (B7) per respondent and adds the
/// sufficient statistics per cell, Cronbach's α sums per wave and theme (B2, complete cases,
/// centred on 3), and weighted answer counts per wave, unit and five-point item.
///
/// This is the one place the pipeline leaves polars: expressing it as a lazy select
/// materialised ~130 intermediate columns (0.5 GB at 520,000 respondents) and took four
/// times as long as this pass over the answer columns themselves (measured with
/// `POLSSLAG_TIMING=1` on the benchmark bundle).
///
/// The steps, each a function below:
/// 1. [`Plan::new`]: the answer columns as slices, each statistic's columns, the α layout,
///    each row's wave and distribution slot, and whether weights are uniform per unit;
/// 2. [`Plan::sweep_all`]: the fused pass, over blocks of rows on every core
///    ([`Plan::sweep`] → [`Plan::theme_block`], [`Plan::enps_block`]), merged;
/// 3. [`Plan::weigh_counts`]: answer counts into weighted distributions (uniform weights);
/// 4. [`Plan::cronbach_alpha`] and [`Plan::distribution_rows`]: the figures from the sums.
fn kernel(
    b: &Bundle,
    lay: &Layout,
    stats: &[Stat],
    themes: &BTreeMap<String, Vec<&crate::bundle::Item>>,
) -> Result<Aggregates, AnalysisError> {
    let w_col = b.responses.column("w")?.as_materialized_series().rechunk();
    let w = w_col.f64()?.cont_slice()?;
    let columns: Vec<AnswerColumn> = b
        .items
        .iter()
        .map(|i| AnswerColumn::new(b, &i.item))
        .collect::<Result<_, _>>()?;
    let plan = Plan::new(b, lay, stats, themes, &columns, w);
    let acc = plan.sweep_all();
    let acc = plan.weigh_counts(acc);
    let alpha = plan.cronbach_alpha(&acc, themes);
    let distributions = plan.distribution_rows(&acc, b);
    Ok(Aggregates {
        sums: acc.sums,
        alpha,
        distributions,
    })
}

/// Rows per block of the sweep: the block's per-respondent totals stay in L1.
const BLOCK: usize = 2048;

/// Per-block scratch of one theme: valid answers, their sum, favourable answers.
struct Scratch {
    n: [f64; BLOCK],
    sum: [f64; BLOCK],
    fav: [f64; BLOCK],
}

/// Where everything is, for the sweep (step 1 of [`kernel`]).
struct Plan<'a> {
    lay: &'a Layout,
    /// Answer columns by item index, NaN where missing.
    views: Vec<&'a [f64]>,
    w: &'a [f64],
    /// Themes in `stats` order: their item columns and the ⌈K/2⌉ rule.
    theme_cols: Vec<(Vec<usize>, f64)>,
    enps_cols: Vec<usize>,
    /// The five-point items (answer distributions), and each column's place among them.
    five: Vec<usize>,
    five_of: Vec<Option<usize>>,
    n_stats: usize,
    n_units: usize,
    /// α layout per wave: for each theme n, Σt, Σt², then Σx, Σx² per item.
    alpha_widths: Vec<usize>,
    alpha_offsets: Vec<usize>,
    alpha_width: usize,
    /// Per row: its wave, and its (wave, unit) slot of the distribution table.
    row_wave: Vec<u32>,
    row_slot: Vec<u32>,
    /// The one weight of each (wave, unit), when weights are uniform there.
    slot_w: Vec<f64>,
    uniform: bool,
}

impl<'a> Plan<'a> {
    fn new(
        b: &Bundle,
        lay: &'a Layout,
        stats: &[Stat],
        themes: &BTreeMap<String, Vec<&crate::bundle::Item>>,
        columns: &'a [AnswerColumn],
        w: &'a [f64],
    ) -> Plan<'a> {
        let names: Vec<&str> = b.items.iter().map(|i| i.item.as_str()).collect();
        let index = |item: &str| names.iter().position(|n| *n == item).expect("known item");
        let theme_cols: Vec<(Vec<usize>, f64)> = themes
            .values()
            .map(|items| {
                (
                    items.iter().map(|i| index(&i.item)).collect(),
                    needed(items.len()),
                )
            })
            .collect();
        let enps_cols = stats
            .iter()
            .filter(|s| s.kind == StatKind::Enps)
            .map(|s| index(&s.name))
            .collect();
        let five: Vec<usize> = themes
            .values()
            .flatten()
            .filter(|i| i.scale_max - i.scale_min == 4.0)
            .map(|i| index(&i.item))
            .collect();
        let mut five_of: Vec<Option<usize>> = vec![None; names.len()];
        for (f, &j) in five.iter().enumerate() {
            five_of[j] = Some(f);
        }
        let alpha_widths: Vec<usize> = theme_cols.iter().map(|(c, _)| 3 + 2 * c.len()).collect();
        let alpha_offsets: Vec<usize> = alpha_widths
            .iter()
            .scan(0, |acc, w| {
                let o = *acc;
                *acc += w;
                Some(o)
            })
            .collect();
        let n_units = lay.units.len();
        let row_wave: Vec<u32> = lay
            .row_cell
            .iter()
            .map(|&c| lay.cells.wave[c as usize])
            .collect();
        let row_slot: Vec<u32> = lay
            .row_cell
            .iter()
            .map(|&c| {
                let c = c as usize;
                ((lay.cells.wave[c] as usize * n_units + lay.cells.unit[c] as usize) * five.len())
                    as u32
            })
            .collect();
        // Is the weight the same for everyone in a (wave, unit)? (Design weights are whenever
        // strata do not cut across units.) Then distributions are plain counts.
        let mut slot_w = vec![f64::NAN; lay.waves.len() * n_units];
        let mut uniform = true;
        for (slot, wi) in row_slot.iter().zip(w) {
            let sw = &mut slot_w[*slot as usize / five.len().max(1)];
            if sw.is_nan() {
                *sw = *wi;
            } else if *sw != *wi {
                uniform = false;
                break;
            }
        }
        Plan {
            lay,
            views: columns.iter().map(AnswerColumn::values).collect(),
            w,
            theme_cols,
            enps_cols,
            five,
            five_of,
            n_stats: stats.len(),
            n_units,
            alpha_width: alpha_widths.iter().sum(),
            alpha_widths,
            alpha_offsets,
            row_wave,
            row_slot,
            slot_w,
            uniform,
        }
    }

    fn empty(&self) -> Acc {
        let n_waves = self.lay.waves.len();
        let slots = n_waves * self.n_units * self.five.len();
        Acc {
            sums: vec![Sums::default(); self.lay.cells.wave.len() * self.n_stats],
            alpha: vec![0.0; n_waves * self.alpha_width],
            dist: vec![[0.0; 6]; slots],
            dist_n: vec![0; slots],
            hist: vec![0; slots * 8],
        }
    }

    /// Step 2: the sweep on every core (at most 8 threads), merged.
    fn sweep_all(&self) -> Acc {
        let rows = self.w.len();
        let threads = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .clamp(1, 8);
        let chunk = rows.div_ceil(threads).max(1);
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..rows)
                .step_by(chunk)
                .map(|start| scope.spawn(move || self.sweep(start..(start + chunk).min(rows))))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("aggregation thread"))
                .reduce(Acc::merge)
        })
        .unwrap_or_else(|| self.empty())
    }

    /// One thread's rows, column by column over blocks of rows: the inner loops are
    /// branch-free and vectorise (NaN marks a missing answer); only the per-respondent totals
    /// are scattered into cells.
    fn sweep(&self, rows: std::ops::Range<usize>) -> Acc {
        let mut acc = self.empty();
        let mut scratch = Scratch {
            n: [0.0; BLOCK],
            sum: [0.0; BLOCK],
            fav: [0.0; BLOCK],
        };
        let mut start = rows.start;
        while start < rows.end {
            let span = start..start + BLOCK.min(rows.end - start);
            for t in 0..self.theme_cols.len() {
                self.theme_block(&mut acc, &mut scratch, t, span.clone());
            }
            for e in 0..self.enps_cols.len() {
                self.enps_block(&mut acc, e, span.clone());
            }
            start = span.end;
        }
        acc
    }

    /// Theme `t` over one block: valid answers, sums and favourable answers per respondent
    /// (and the answer distributions while the block is in cache), then each respondent's
    /// score into its cell and, for complete cases, the α sums.
    #[inline]
    fn theme_block(
        &self,
        acc: &mut Acc,
        scratch: &mut Scratch,
        t: usize,
        span: std::ops::Range<usize>,
    ) {
        let len = span.len();
        let (cols, need) = &self.theme_cols[t];
        let (n, sum, fav) = (
            &mut scratch.n[..len],
            &mut scratch.sum[..len],
            &mut scratch.fav[..len],
        );
        n.fill(0.0);
        sum.fill(0.0);
        fav.fill(0.0);
        let wb = &self.w[span.clone()];
        for &j in cols {
            let x = &self.views[j][span.clone()];
            for (((v, n), s), f) in x.iter().zip(&mut *n).zip(&mut *sum).zip(&mut *fav) {
                let ok = !v.is_nan();
                *n += f64::from(u8::from(ok));
                *s += if ok { *v } else { 0.0 };
                *f += f64::from(u8::from(*v >= 4.0 - 1e-9));
            }
            if let Some(f) = self.five_of[j] {
                self.count_answers(acc, f, x, wb, &self.row_slot[span.clone()]);
            }
        }
        let cb = &self.lay.row_cell[span.clone()];
        let wvb = &self.row_wave[span.clone()];
        let k = cols.len() as f64;
        for i in 0..len {
            let Some(score) = theme_score(n[i], sum[i], *need) else {
                continue;
            };
            let (wi, y) = (wb[i], score - 50.0);
            let ww = wi * wi;
            let a = &mut acc.sums[cb[i] as usize * self.n_stats + t];
            a.n += 1.0;
            a.w += wi;
            a.wy += wi * y;
            a.wf += wi * 100.0 * fav[i] / n[i];
            a.w2 += ww;
            a.w2y += ww * y;
            a.w2yy += ww * y * y;
            if n[i] == k {
                let a = &mut acc.alpha
                    [wvb[i] as usize * self.alpha_width + self.alpha_offsets[t]..]
                    [..self.alpha_widths[t]];
                let total = sum[i] - 3.0 * k;
                a[0] += 1.0;
                a[1] += total;
                a[2] += total * total;
                for (q, &j) in cols.iter().enumerate() {
                    let x = self.views[j][span.start + i] - 3.0;
                    a[3 + 2 * q] += x;
                    a[4 + 2 * q] += x * x;
                }
            }
        }
    }

    /// The answers `x` of five-point item `f` in one block, into the distribution table:
    /// plain counts when weights are uniform per (wave, unit), else weights.
    #[inline]
    fn count_answers(&self, acc: &mut Acc, f: usize, x: &[f64], wb: &[f64], slots: &[u32]) {
        if self.uniform {
            for (v, slot) in x.iter().zip(slots) {
                let p = ((v + 0.5) as usize).min(7);
                acc.hist[(*slot as usize + f) * 8 + p] += 1;
            }
        } else {
            for i in 0..x.len() {
                // NaN (missing) casts to 0: slot 0 is never read.
                let p = ((x[i] + 0.5) as usize).min(5);
                let at = slots[i] as usize + f;
                acc.dist[at][p] += wb[i];
                acc.dist_n[at] += u64::from(p > 0);
            }
        }
    }

    /// eNPS item `e` over one block: each valid answer's (promoter − detractor) score into
    /// its cell.
    #[inline]
    fn enps_block(&self, acc: &mut Acc, e: usize, span: std::ops::Range<usize>) {
        let x = &self.views[self.enps_cols[e]][span.clone()];
        let wb = &self.w[span.clone()];
        let cb = &self.lay.row_cell[span];
        let stat = self.theme_cols.len() + e;
        for i in 0..x.len() {
            let v = x[i];
            if v.is_nan() {
                continue;
            }
            let (p, d) = enps_shares(v);
            let (wi, y) = (wb[i], p - d);
            let ww = wi * wi;
            let a = &mut acc.sums[cb[i] as usize * self.n_stats + stat];
            a.n += 1.0;
            a.w += wi;
            a.wy += wi * y;
            a.wf += wi * p;
            a.wg += wi * d;
            a.w2 += ww;
            a.w2y += ww * y;
            a.w2yy += ww * y * y;
        }
    }

    /// Step 3: with uniform weights the sweep only counted answers; weigh the counts.
    fn weigh_counts(&self, mut acc: Acc) -> Acc {
        if self.uniform {
            for (at, (d, n)) in acc.dist.iter_mut().zip(&mut acc.dist_n).enumerate() {
                let counts = &acc.hist[at * 8..at * 8 + 8];
                let weight = self.slot_w[at / self.five.len()];
                for p in 1..=5 {
                    d[p] = weight * f64::from(counts[p]);
                }
                *n = counts[1..=5].iter().map(|c| u64::from(*c)).sum();
            }
        }
        acc
    }

    /// Step 4: Cronbach's α per wave and theme from the complete-case sums (B2).
    fn cronbach_alpha(
        &self,
        acc: &Acc,
        themes: &BTreeMap<String, Vec<&crate::bundle::Item>>,
    ) -> BTreeMap<(String, String), Option<f64>> {
        let mut alpha = BTreeMap::new();
        for (t, theme) in themes.keys().enumerate() {
            let k = self.theme_cols[t].0.len();
            for (wv, label) in self.lay.waves.iter().enumerate() {
                let a = &acc.alpha[wv * self.alpha_width + self.alpha_offsets[t]..]
                    [..self.alpha_widths[t]];
                let n = a[0];
                let var = |s: f64, ss: f64| (ss - s * s / n) / (n - 1.0);
                let total_var = var(a[1], a[2]);
                let kf = k as f64;
                let value = if n < 2.0 || k < 2 || total_var <= 0.0 {
                    None
                } else {
                    let items: f64 = (0..k).map(|j| var(a[3 + 2 * j], a[4 + 2 * j])).sum();
                    Some(kf / (kf - 1.0) * (1.0 - items / total_var))
                };
                alpha.insert((label.clone(), theme.clone()), value);
            }
        }
        alpha
    }

    /// Step 4: the answer distribution of every five-point item per wave, for each unit and
    /// for the organisation (the sum of its units).
    fn distribution_rows(&self, acc: &Acc, b: &Bundle) -> Vec<DistributionRow> {
        let mut distributions = Vec::new();
        for (wv, wave) in self.lay.waves.iter().enumerate() {
            for (f, &j) in self.five.iter().enumerate() {
                let it = &b.items[j];
                let mut all = [0.0f64; 6];
                let mut n_all = 0;
                for (u, unit) in self.lay.units.iter().enumerate() {
                    let at = (wv * self.n_units + u) * self.five.len() + f;
                    if acc.dist_n[at] == 0 {
                        continue;
                    }
                    for (a, d) in all.iter_mut().zip(&acc.dist[at]) {
                        *a += d;
                    }
                    n_all += acc.dist_n[at];
                    distributions.push(DistributionRow::new(
                        wave,
                        it,
                        Group::Unit(unit.clone()),
                        acc.dist_n[at],
                        &acc.dist[at],
                    ));
                }
                if n_all > 0 {
                    distributions.push(DistributionRow::new(wave, it, Group::All, n_all, &all));
                }
            }
        }
        distributions
    }
}

/// Every respondent's score on every statistic (`None` where undefined), in row order: what
/// the variance after raking needs per respondent, scored by the same rules as the aggregation.
pub fn respondent_scores(b: &Bundle) -> Result<BTreeMap<String, Vec<Option<f64>>>, AnalysisError> {
    let rows = b.responses.height();
    let mut out = BTreeMap::new();
    for (theme, items) in b.themes() {
        let columns: Vec<AnswerColumn> = items
            .iter()
            .map(|i| AnswerColumn::new(b, &i.item))
            .collect::<Result<_, _>>()?;
        let views: Vec<&[f64]> = columns.iter().map(AnswerColumn::values).collect();
        let need = needed(items.len());
        let scores = (0..rows)
            .map(|i| {
                let (mut n, mut sum) = (0.0, 0.0);
                for v in views.iter().map(|x| x[i]).filter(|v| !v.is_nan()) {
                    n += 1.0;
                    sum += v;
                }
                theme_score(n, sum, need)
            })
            .collect();
        out.insert(theme, scores);
    }
    for it in b.enps_items() {
        let column = AnswerColumn::new(b, &it.item)?;
        let scores = column
            .values()
            .iter()
            .map(|&x| {
                (!x.is_nan()).then(|| {
                    let (p, d) = enps_shares(x);
                    p - d
                })
            })
            .collect();
        out.insert(it.item.clone(), scores);
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
    pub group: Group,
    pub n: u64,
    pub shares: [f64; 5],
}

impl DistributionRow {
    fn new(wave: &str, it: &crate::bundle::Item, group: Group, n: u64, w: &[f64; 6]) -> Self {
        let total: f64 = w[1..].iter().sum();
        DistributionRow {
            wave: wave.to_string(),
            item: it.item.clone(),
            theme: it.theme.clone(),
            group,
            n,
            shares: [1, 2, 3, 4, 5].map(|p| 100.0 * w[p] / total),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The direct cell table and the hash map give the same cells in the same order.
    #[test]
    fn cell_table_and_cell_map_agree() {
        let dir = std::env::temp_dir().join(format!("polsslag-layout-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("items.csv"),
            "item,theme,text_nl,scale_min,scale_max,reversed\na,t,A,1,5,false\n",
        )
        .unwrap();
        let mut rows = String::from("response_id,wave,unit,stratum,district,team,age_band,a\n");
        for i in 0..500u32 {
            let team = if i % 7 == 0 {
                String::new()
            } else {
                format!("T{}", (i * 31) % 97)
            };
            rows.push_str(&format!(
                "r{i},{},U{},U{},D{},{team},{},{}\n",
                ["2025-H1", "2025-H2"][(i % 2) as usize],
                i % 3,
                i % 3,
                (i * 7) % 11,
                ["<35", "35+"][(i % 5 == 0) as usize],
                1 + i % 5
            ));
        }
        std::fs::write(dir.join("responses.csv"), rows).unwrap();
        let b = Bundle::read(&dir).unwrap();
        let table = layout_with(&b, u64::MAX).unwrap();
        let map = layout_with(&b, 0).unwrap();
        assert_eq!(table.row_cell, map.row_cell);
        assert_eq!(table.cells.groups, map.cells.groups);
        assert_eq!(table.groups.labels, map.groups.labels);
        assert!(table.cells.wave.len() > 50, "{}", table.cells.wave.len());
        std::fs::remove_dir_all(&dir).ok();
    }
}
