//! Cell suppression for crossed filters (methodology.md A2, "Crossed filters"; TV3c, TV3d).
//!
//! A crossing such as team × age band is a two-way table whose cells, row totals, column totals
//! and grand total are all published unless suppressed. In a tree the only relations are
//! parent = Σ children + remainder, so the tree rule ([`crate::suppress::tree_rule`]) suffices.
//! In a two-way table rows and columns constrain the same cells, and hidden cells can be
//! recovered by combining several relations, so protection takes three steps:
//!
//! 1. **Primary:** every cell and margin with 0 < n < k is suppressed, plus whatever the caller
//!    already suppressed (for instance by the tree rule). A zero is published as empty: it is a
//!    known zero and no risk.
//! 2. **Line rule** to a fixed point, over the additive relations (below). For a relation with
//!    a published total, the hidden mass (the n of its suppressed summands plus its remainder)
//!    is recoverable as "total − published summands"; when 0 < mass < k the smallest published
//!    summand with n > 0 is suppressed as well (the total itself when none is left). A relation
//!    in which one suppressed figure is the only unknown gives that figure away, so it is
//!    treated the same way.
//! 3. **Exact audit** ([`audit`], [`disclosed`]): every relation is one linear equation in the
//!    unknowns; an unknown is derivable iff its unit vector lies in the row space of the
//!    coefficient matrix. A derivable suppressed cell or margin, or a derivable remainder with
//!    0 < n < k, triggers another complementary suppression, and steps 2 and 3 repeat.
//!
//! The line rule alone is not enough: a "bridge" cell between two suppression cycles passes it
//! yet is derivable (TV3d).
//!
//! # Relations
//!
//! With `r` rows and `c` columns there are `r + c + 2` relations:
//! - row `i`: `row_totals[i] = Σ_j cells[i][j] + row remainder i`;
//! - column `j`: `col_totals[j] = Σ_i cells[i][j] + column remainder j`;
//! - `total = Σ_i row_totals[i] + rows remainder`;
//! - `total = Σ_j col_totals[j] + columns remainder`.
//!
//! A remainder counts respondents whose row or column category is unknown. It is never
//! published, so it is always an unknown of the audit when it is non-zero. Every linear relation
//! between the remainders (through the respondents with both categories unknown) already follows
//! from these equations, so nothing is lost by treating them as separate unknowns.

/// A two-way table: rows (e.g. units) × columns (e.g. age bands), with row totals, column totals
/// and a grand total that are all published unless suppressed. Row/column totals may exceed the
/// sum of their cells (respondents with an unknown category): that remainder is never published
/// and counts as a hidden cell in the relation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrossTable {
    pub cells: Vec<Vec<u64>>,
    pub row_totals: Vec<u64>,
    pub col_totals: Vec<u64>,
    pub total: u64,
}

impl CrossTable {
    /// A table without remainders: the margins are the sums of the cells.
    pub fn from_cells(cells: Vec<Vec<u64>>) -> Self {
        let cols = cells.first().map_or(0, Vec::len);
        let row_totals: Vec<u64> = cells.iter().map(|r| r.iter().sum()).collect();
        let col_totals: Vec<u64> = (0..cols)
            .map(|j| cells.iter().map(|r| r[j]).sum())
            .collect();
        let total = row_totals.iter().sum();
        CrossTable {
            cells,
            row_totals,
            col_totals,
            total,
        }
    }

    pub fn rows(&self) -> usize {
        self.cells.len()
    }

    pub fn cols(&self) -> usize {
        self.col_totals.len()
    }
}

/// Which figures of a [`CrossTable`] are suppressed (`true` = not published).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrossPattern {
    pub cells: Vec<Vec<bool>>,
    pub row_totals: Vec<bool>,
    pub col_totals: Vec<bool>,
    pub total: bool,
    /// Suppressed figures (cells and margins) with 0 < n < k, plus those suppressed beforehand.
    pub primary: usize,
    /// Figures suppressed only to protect others (line rule and audit).
    pub complementary: usize,
}

impl CrossPattern {
    /// Nothing suppressed, for a table of `rows` × `cols` cells.
    pub fn none(rows: usize, cols: usize) -> Self {
        CrossPattern {
            cells: vec![vec![false; cols]; rows],
            row_totals: vec![false; rows],
            col_totals: vec![false; cols],
            total: false,
            primary: 0,
            complementary: 0,
        }
    }

    /// Number of suppressed figures (cells and margins).
    pub fn suppressed(&self) -> usize {
        self.cells.iter().flatten().filter(|&&h| h).count()
            + self.row_totals.iter().filter(|&&h| h).count()
            + self.col_totals.iter().filter(|&&h| h).count()
            + usize::from(self.total)
    }
}

/// One figure of a crossed table, published or not. Indices are 0-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Item {
    Cell(usize, usize),
    RowTotal(usize),
    ColTotal(usize),
    Total,
    /// `row_totals[i] − Σ_j cells[i][j]`: respondents in row `i` with an unknown column.
    RowRemainder(usize),
    /// `col_totals[j] − Σ_i cells[i][j]`: respondents in column `j` with an unknown row.
    ColRemainder(usize),
    /// `total − Σ row_totals`: respondents with an unknown row.
    RowsRemainder,
    /// `total − Σ col_totals`: respondents with an unknown column.
    ColsRemainder,
}

impl Item {
    /// Remainders are never published; the others are published unless suppressed.
    pub fn is_remainder(self) -> bool {
        matches!(
            self,
            Item::RowRemainder(_)
                | Item::ColRemainder(_)
                | Item::RowsRemainder
                | Item::ColsRemainder
        )
    }
}

/// Primary suppression, the line rule and the exact audit, repeated until no suppressed figure
/// (and no remainder with 0 < n < k) can be derived from the published ones.
///
/// `pre` holds figures that are already suppressed (e.g. by the tree rule); they stay
/// suppressed and count as primary. Zero figures are known zeros: they never serve as
/// complementary suppressions and are treated as known by the audit even when `pre` hides them.
///
/// # Panics
/// When the table is inconsistent: ragged rows, a pattern of another shape, or a total smaller
/// than the sum of its parts.
pub fn protect(t: &CrossTable, k: u64, pre: &CrossPattern) -> CrossPattern {
    let mut m = Model::new(t, pre);
    let primary = m.primary(k);
    loop {
        m.line_rule(k);
        let Some(&u) = m.violations(k).first() else {
            break;
        };
        let next = m.breaker(u);
        m.hidden[next] = true;
    }
    m.pattern(primary)
}

/// Steps 1 and 2 only (primary suppression and the line rule to a fixed point), without the
/// audit. Exposed to show that the line rule alone can leave a derivable cell (TV3d).
pub fn line_rule(t: &CrossTable, k: u64, pre: &CrossPattern) -> CrossPattern {
    let mut m = Model::new(t, pre);
    let primary = m.primary(k);
    m.line_rule(k);
    m.pattern(primary)
}

/// The exact audit of a pattern: every unknown (suppressed figure or remainder with n > 0) that
/// the published figures determine, in the order cells, row totals, column totals, total, then
/// remainders. A remainder with n ≥ k may be derivable; anything else in the answer is a
/// disclosure.
///
/// # Panics
/// As [`protect`].
pub fn audit(t: &CrossTable, p: &CrossPattern) -> Vec<Item> {
    let m = Model::new(t, p);
    m.derivable(&m.hidden)
        .into_iter()
        .map(|i| m.item(i))
        .collect()
}

/// The rank audit on a coefficient matrix: `relations[e][u]` is the coefficient of unknown `u`
/// in equation `e` (the known figures only shift the constant term, which does not matter for
/// derivability). Returns the unknowns `j` whose unit vector `e_j` lies in the row space, i.e.
/// `rank(A) == rank([A; e_j])`: exactly those whose value the equations fix.
///
/// Exact integer elimination (fraction-free, each row divided by the gcd of its entries) to the
/// reduced row echelon form; `e_j` is in the row space iff `j` is a pivot column whose row has
/// no other non-zero entry.
///
/// # Panics
/// When a row is not `unknowns` long, or on integer overflow (not reachable for the 0/±1
/// matrices of tables of survey size).
pub fn disclosed(relations: &[Vec<i64>], unknowns: usize) -> Vec<usize> {
    let mut a: Vec<Vec<i128>> = relations
        .iter()
        .map(|r| {
            assert_eq!(r.len(), unknowns, "relation of the wrong length");
            r.iter().map(|&v| i128::from(v)).collect()
        })
        .filter(|r: &Vec<i128>| r.iter().any(|&v| v != 0))
        .collect();
    let mut pivots: Vec<(usize, usize)> = Vec::new(); // (column, row)
    let mut row = 0;
    for col in 0..unknowns {
        if row == a.len() {
            break;
        }
        // The smallest non-zero magnitude as pivot keeps the numbers small.
        let Some(p) = (row..a.len())
            .filter(|&r| a[r][col] != 0)
            .min_by_key(|&r| a[r][col].unsigned_abs())
        else {
            continue;
        };
        a.swap(row, p);
        let pivot_row = a[row].clone();
        let pv = pivot_row[col];
        for (r, other) in a.iter_mut().enumerate() {
            let f = other[col];
            if r == row || f == 0 {
                continue;
            }
            for (x, &y) in other.iter_mut().zip(&pivot_row) {
                *x = x
                    .checked_mul(pv)
                    .and_then(|v| v.checked_sub(y.checked_mul(f)?))
                    .expect("overflow in the rank audit");
            }
            normalise(other);
        }
        pivots.push((col, row));
        row += 1;
    }
    pivots
        .into_iter()
        .filter(|&(_, r)| a[r].iter().filter(|&&v| v != 0).count() == 1)
        .map(|(c, _)| c)
        .collect()
}

fn normalise(row: &mut [i128]) {
    let g = row.iter().fold(0u128, |g, &v| gcd(g, v.unsigned_abs()));
    if g > 1 {
        let g = i128::try_from(g).expect("gcd fits");
        row.iter_mut().for_each(|v| *v /= g);
    }
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// One relation: `total = Σ summands` (the remainder is one of the summands).
struct Relation {
    total: usize,
    summands: Vec<usize>,
}

/// The table as a flat list of figures: cells (row-major), row totals, column totals, the
/// grand total, row remainders, column remainders, the rows remainder, the columns remainder.
struct Model {
    rows: usize,
    cols: usize,
    value: Vec<u64>,
    hidden: Vec<bool>,
    relations: Vec<Relation>,
}

impl Model {
    fn new(t: &CrossTable, p: &CrossPattern) -> Self {
        let (rows, cols) = (t.rows(), t.cols());
        assert_eq!(t.row_totals.len(), rows, "one row total per row");
        assert!(
            t.cells.iter().all(|r| r.len() == cols),
            "every row has one cell per column"
        );
        assert!(
            p.cells.len() == rows
                && p.cells.iter().all(|r| r.len() == cols)
                && p.row_totals.len() == rows
                && p.col_totals.len() == cols,
            "pattern of another shape than the table"
        );
        let rem = |whole: u64, parts: u64, what: &str| {
            whole
                .checked_sub(parts)
                .unwrap_or_else(|| panic!("{what} {whole} is smaller than its parts {parts}"))
        };
        let mut value: Vec<u64> = t.cells.iter().flatten().copied().collect();
        value.extend(&t.row_totals);
        value.extend(&t.col_totals);
        value.push(t.total);
        for (i, r) in t.cells.iter().enumerate() {
            value.push(rem(t.row_totals[i], r.iter().sum(), "row total"));
        }
        for j in 0..cols {
            let s = t.cells.iter().map(|r| r[j]).sum();
            value.push(rem(t.col_totals[j], s, "column total"));
        }
        value.push(rem(t.total, t.row_totals.iter().sum(), "total"));
        value.push(rem(t.total, t.col_totals.iter().sum(), "total"));

        let mut hidden: Vec<bool> = p.cells.iter().flatten().copied().collect();
        hidden.extend(&p.row_totals);
        hidden.extend(&p.col_totals);
        hidden.push(p.total);
        hidden.resize(value.len(), true); // remainders

        let mut m = Model {
            rows,
            cols,
            value,
            hidden,
            relations: Vec::new(),
        };
        for i in 0..rows {
            let mut summands: Vec<usize> = (0..cols).map(|j| i * cols + j).collect();
            summands.push(m.index(Item::RowRemainder(i)));
            let total = m.index(Item::RowTotal(i));
            m.relations.push(Relation { total, summands });
        }
        for j in 0..cols {
            let mut summands: Vec<usize> = (0..rows).map(|i| i * cols + j).collect();
            summands.push(m.index(Item::ColRemainder(j)));
            let total = m.index(Item::ColTotal(j));
            m.relations.push(Relation { total, summands });
        }
        let total = m.index(Item::Total);
        let mut summands: Vec<usize> = (0..rows).map(|i| m.index(Item::RowTotal(i))).collect();
        summands.push(m.index(Item::RowsRemainder));
        m.relations.push(Relation { total, summands });
        let mut summands: Vec<usize> = (0..cols).map(|j| m.index(Item::ColTotal(j))).collect();
        summands.push(m.index(Item::ColsRemainder));
        m.relations.push(Relation { total, summands });
        m
    }

    fn index(&self, item: Item) -> usize {
        let (r, c) = (self.rows, self.cols);
        let base = r * c + r + c; // index of the grand total
        match item {
            Item::Cell(i, j) => i * c + j,
            Item::RowTotal(i) => r * c + i,
            Item::ColTotal(j) => r * c + r + j,
            Item::Total => base,
            Item::RowRemainder(i) => base + 1 + i,
            Item::ColRemainder(j) => base + 1 + r + j,
            Item::RowsRemainder => base + 1 + r + c,
            Item::ColsRemainder => base + 2 + r + c,
        }
    }

    fn item(&self, x: usize) -> Item {
        let (r, c) = (self.rows, self.cols);
        let base = r * c + r + c;
        match x {
            x if x < r * c => Item::Cell(x / c, x % c),
            x if x < r * c + r => Item::RowTotal(x - r * c),
            x if x < base => Item::ColTotal(x - r * c - r),
            x if x == base => Item::Total,
            x if x <= base + r => Item::RowRemainder(x - base - 1),
            x if x <= base + r + c => Item::ColRemainder(x - base - 1 - r),
            x if x == base + r + c + 1 => Item::RowsRemainder,
            _ => Item::ColsRemainder,
        }
    }

    fn is_remainder(&self, x: usize) -> bool {
        x > self.rows * self.cols + self.rows + self.cols
    }

    /// Publishable figures: cells and margins.
    fn figures(&self) -> std::ops::Range<usize> {
        0..self.rows * self.cols + self.rows + self.cols + 1
    }

    /// A figure the attacker does not know: suppressed (or a remainder) and non-zero.
    fn unknown(&self, hidden: &[bool], x: usize) -> bool {
        hidden[x] && self.value[x] > 0
    }

    /// Step 1; returns the number of primary suppressions (including `pre`).
    fn primary(&mut self, k: u64) -> usize {
        for x in self.figures() {
            if self.value[x] > 0 && self.value[x] < k {
                self.hidden[x] = true;
            }
        }
        self.figures().filter(|&x| self.hidden[x]).count()
    }

    /// Step 2: one suppression per offending relation per pass, until a pass changes nothing.
    fn line_rule(&mut self, k: u64) {
        loop {
            let mut changed = false;
            for r in 0..self.relations.len() {
                if let Some(x) = self.line_offence(r, k) {
                    self.hidden[x] = true;
                    changed = true;
                }
            }
            if !changed {
                return;
            }
        }
    }

    /// What relation `r` requires to be suppressed next, if anything.
    fn line_offence(&self, r: usize, k: u64) -> Option<usize> {
        let rel = &self.relations[r];
        let unknown: Vec<usize> = rel
            .summands
            .iter()
            .copied()
            .filter(|&s| self.unknown(&self.hidden, s))
            .collect();
        let smallest = rel
            .summands
            .iter()
            .copied()
            .filter(|&s| !self.hidden[s] && self.value[s] > 0)
            .min_by_key(|&s| (self.value[s], s));
        if !self.hidden[rel.total] {
            // Published total: the hidden mass is recoverable as total − published summands.
            let mass: u64 = unknown.iter().map(|&s| self.value[s]).sum();
            let small = mass > 0 && mass < k;
            // A single suppressed figure as the only unknown is recovered exactly.
            let single = unknown.len() == 1 && !self.is_remainder(unknown[0]);
            (small || single).then(|| smallest.unwrap_or(rel.total))
        } else if self.value[rel.total] > 0 && unknown.is_empty() {
            // A suppressed total whose summands are all known is their sum.
            smallest
        } else {
            None
        }
    }

    /// Unknowns that the relations determine, as figure indices.
    fn derivable(&self, hidden: &[bool]) -> Vec<usize> {
        let unknowns: Vec<usize> = (0..self.value.len())
            .filter(|&x| self.unknown(hidden, x))
            .collect();
        let mut column = vec![usize::MAX; self.value.len()];
        for (c, &x) in unknowns.iter().enumerate() {
            column[x] = c;
        }
        let matrix: Vec<Vec<i64>> = self
            .relations
            .iter()
            .map(|rel| {
                let mut row = vec![0i64; unknowns.len()];
                if self.unknown(hidden, rel.total) {
                    row[column[rel.total]] += 1;
                }
                for &s in &rel.summands {
                    if self.unknown(hidden, s) {
                        row[column[s]] -= 1;
                    }
                }
                row
            })
            .collect();
        disclosed(&matrix, unknowns.len())
            .into_iter()
            .map(|c| unknowns[c])
            .collect()
    }

    /// Derivable unknowns that must not be: every suppressed figure, and remainders below k.
    fn violations(&self, k: u64) -> Vec<usize> {
        self.derivable(&self.hidden)
            .into_iter()
            .filter(|&x| !self.is_remainder(x) || self.value[x] < k)
            .collect()
    }

    /// The figure to suppress next against the disclosure of `u`: among the published
    /// figures with n > 0 in the relations containing `u`, by increasing n (cells before
    /// margins), the first that makes `u` non-derivable on its own; else the first of them;
    /// else the smallest published figure with n > 0 anywhere. One always exists: with every
    /// non-zero figure suppressed the equations are homogeneous and fix no positive unknown.
    fn breaker(&self, u: usize) -> usize {
        let mut candidates: Vec<usize> = self
            .relations
            .iter()
            .filter(|rel| rel.total == u || rel.summands.contains(&u))
            .flat_map(|rel| std::iter::once(rel.total).chain(rel.summands.iter().copied()))
            .filter(|&x| x < self.figures().end && !self.hidden[x] && self.value[x] > 0)
            .collect();
        let key = |x: &usize| (self.value[*x], *x >= self.rows * self.cols, *x);
        candidates.sort_by_key(key);
        candidates.dedup();
        let mut trial = self.hidden.clone();
        for &x in &candidates {
            trial[x] = true;
            if !self.derivable(&trial).contains(&u) {
                return x;
            }
            trial[x] = false;
        }
        candidates.first().copied().unwrap_or_else(|| {
            self.figures()
                .filter(|&x| !self.hidden[x] && self.value[x] > 0)
                .min_by_key(key)
                .expect("a disclosure with every non-zero figure suppressed")
        })
    }

    fn pattern(&self, primary: usize) -> CrossPattern {
        let (r, c) = (self.rows, self.cols);
        let h = &self.hidden;
        let mut p = CrossPattern {
            cells: (0..r).map(|i| h[i * c..(i + 1) * c].to_vec()).collect(),
            row_totals: h[r * c..r * c + r].to_vec(),
            col_totals: h[r * c + r..r * c + r + c].to_vec(),
            total: h[r * c + r + c],
            primary,
            complementary: 0,
        };
        p.complementary = p.suppressed() - primary;
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const K: u64 = 5;

    fn suppressed_items(t: &CrossTable, p: &CrossPattern) -> Vec<Item> {
        let mut out = Vec::new();
        for i in 0..t.rows() {
            for j in 0..t.cols() {
                if p.cells[i][j] {
                    out.push(Item::Cell(i, j));
                }
            }
        }
        out.extend(
            (0..t.rows())
                .filter(|&i| p.row_totals[i])
                .map(Item::RowTotal),
        );
        out.extend(
            (0..t.cols())
                .filter(|&j| p.col_totals[j])
                .map(Item::ColTotal),
        );
        if p.total {
            out.push(Item::Total);
        }
        out
    }

    /// TV3c: team × age (<35 / 35+), T1 7/5, T2 1/3, T3 5/4, U = 13/12/25.
    #[test]
    fn tv3c_team_by_age() {
        let t = CrossTable::from_cells(vec![vec![7, 5], vec![1, 3], vec![5, 4]]);
        assert_eq!(t.col_totals, vec![13, 12]);
        assert_eq!(t.total, 25);
        let p = protect(&t, K, &CrossPattern::none(3, 2));
        assert_eq!(
            p.cells,
            vec![vec![false, false], vec![true, true], vec![true, true]]
        );
        assert_eq!(p.row_totals, vec![false, true, true]);
        assert_eq!(p.col_totals, vec![false, false]);
        assert!(!p.total);
        // T2 <35, T2 35+, T2 total, T3 35+; then T3 <35 and the T3 total.
        assert_eq!((p.primary, p.complementary), (4, 2));
        assert!(audit(&t, &p).is_empty());
        // The line rule alone already reaches this pattern.
        assert_eq!(line_rule(&t, K, &CrossPattern::none(3, 2)), p);
    }

    /// TV3a/b/b2 as a one-column crossing: the tree rule with the unit total as column total and
    /// respondents attached directly to the unit as the rows remainder.
    #[test]
    fn tv3ab_tree_as_one_column() {
        let table = |teams: &[u64], unit: u64| CrossTable {
            cells: teams.iter().map(|&n| vec![n]).collect(),
            row_totals: teams.to_vec(),
            col_totals: vec![unit],
            total: unit,
        };
        // a: T2 primary, T3 complementary (H = 4 → 13).
        let t = table(&[12, 4, 9], 25);
        let p = protect(&t, K, &CrossPattern::none(3, 1));
        assert_eq!(p.cells, vec![vec![false], vec![true], vec![true]]);
        assert_eq!(p.row_totals, vec![false, true, true]);
        assert!(!p.col_totals[0] && !p.total);
        // b: 2 direct respondents, H = 4 + 2 = 6, nothing complementary.
        let t = table(&[12, 4, 9], 27);
        let p = protect(&t, K, &CrossPattern::none(3, 1));
        assert_eq!(p.cells, vec![vec![false], vec![true], vec![false]]);
        assert_eq!(p.complementary, 0);
        assert!(audit(&t, &p)
            .iter()
            .all(|i| i.is_remainder() && i != &Item::RowsRemainder));
        // b2: 3 direct respondents would be derivable; T3 is hidden (H → 12).
        let t = table(&[12, 9], 24);
        let p = protect(&t, K, &CrossPattern::none(2, 1));
        assert_eq!(p.cells, vec![vec![false], vec![true]]);
        assert_eq!(p.row_totals, vec![false, true]);
        assert_eq!(p.primary, 0);
        assert!(audit(&t, &p).is_empty());
    }

    /// TV3d: a bridge between two suppression cycles passes the line rule but is derivable.
    fn tv3d() -> CrossTable {
        CrossTable::from_cells(vec![
            vec![1, 5, 10, 10],
            vec![5, 6, 1, 20],
            vec![10, 10, 5, 1],
            vec![10, 10, 1, 5],
        ])
    }

    /// The hidden set {11, 12, 21, 22, 23, 33, 34, 43, 44} (1-based).
    fn tv3d_hidden() -> Vec<Vec<bool>> {
        let ones = [
            (1, 1),
            (1, 2),
            (2, 1),
            (2, 2),
            (2, 3),
            (3, 3),
            (3, 4),
            (4, 3),
            (4, 4),
        ];
        (1..=4)
            .map(|i| (1..=4).map(|j| ones.contains(&(i, j))).collect())
            .collect()
    }

    #[test]
    fn tv3d_line_rule_passes_but_audit_flags_the_bridge() {
        let t = tv3d();
        let p = line_rule(&t, K, &CrossPattern::none(4, 4));
        assert_eq!(p.cells, tv3d_hidden());
        assert!(!p.row_totals.iter().any(|&h| h) && !p.col_totals.iter().any(|&h| h) && !p.total);
        // Primary 11, 23, 34, 43; complementary 12, 21, 22, 33, 44.
        assert_eq!((p.primary, p.complementary), (4, 5));
        // x23 = R1 + R2 − C1 − C2 + (x31 + x32 + x41 + x42) − (x13 + x14 + x24).
        assert_eq!(audit(&t, &p), vec![Item::Cell(1, 2)]);

        let q = protect(&t, K, &CrossPattern::none(4, 4));
        assert!(audit(&t, &q).is_empty());
        // The smallest published figure in row 2 or column 3 that closes a cycle through
        // the bridge is x13 = 10.
        let mut expected = tv3d_hidden();
        expected[0][2] = true;
        assert_eq!(q.cells, expected);
        assert_eq!((q.primary, q.complementary), (4, 6));
        for i in 0..4 {
            for j in 0..4 {
                assert!(q.cells[i][j] || !p.cells[i][j]);
            }
        }
    }

    /// The same hidden set straight through the rank test: unknowns are the nine hidden cells,
    /// one equation per row and column (margins published).
    #[test]
    fn tv3d_rank_test() {
        let hidden = tv3d_hidden();
        let mut unknown = Vec::new();
        for (i, row) in hidden.iter().enumerate() {
            for (j, &h) in row.iter().enumerate() {
                if h {
                    unknown.push((i, j));
                }
            }
        }
        let mut relations = Vec::new();
        for line in 0..4 {
            relations.push(unknown.iter().map(|&(i, _)| i64::from(i == line)).collect());
            relations.push(unknown.iter().map(|&(_, j)| i64::from(j == line)).collect());
        }
        let bridge = unknown.iter().position(|&c| c == (1, 2)).unwrap();
        assert_eq!(disclosed(&relations, unknown.len()), vec![bridge]);
        // Publishing nothing more but hiding x24 closes a cycle through the bridge.
        unknown.push((1, 3));
        let relations: Vec<Vec<i64>> = (0..4)
            .flat_map(|line| {
                [
                    unknown.iter().map(|&(i, _)| i64::from(i == line)).collect(),
                    unknown.iter().map(|&(_, j)| i64::from(j == line)).collect(),
                ]
            })
            .collect();
        assert!(disclosed(&relations, unknown.len()).is_empty());
    }

    #[test]
    fn rank_test_basics() {
        // x0 + x1 = a, x1 = b: both fixed.
        assert_eq!(disclosed(&[vec![1, 1], vec![0, 1]], 2), vec![0, 1]);
        // x0 + x1 = a only: neither.
        assert!(disclosed(&[vec![1, 1]], 2).is_empty());
        // x0 − x1 = a, x1 + x2 = b, x0 + x2 = c: rank 2, nothing fixed.
        assert!(disclosed(&[vec![1, -1, 0], vec![0, 1, 1], vec![1, 0, 1]], 3).is_empty());
        // x0 − x1 = a, x1 + x2 = b, x0 − x2 = c: 2 x0 = a + b + c.
        assert_eq!(
            disclosed(&[vec![1, -1, 0], vec![0, 1, 1], vec![1, 0, -1]], 3),
            vec![0, 1, 2]
        );
        assert!(disclosed(&[], 0).is_empty());
    }

    #[test]
    fn pre_suppressed_stays_and_counts_as_primary() {
        let t = CrossTable::from_cells(vec![vec![10, 12], vec![11, 13]]);
        let mut pre = CrossPattern::none(2, 2);
        pre.cells[0][0] = true;
        let p = protect(&t, K, &pre);
        assert_eq!(p.cells, vec![vec![true, true], vec![true, true]]);
        assert_eq!((p.primary, p.complementary), (1, 3));
        assert!(audit(&t, &p).is_empty());
    }

    /// rank(A) in floating point, Gaussian elimination with partial pivoting.
    fn float_rank(a: &[Vec<f64>]) -> usize {
        let mut a = a.to_vec();
        let cols = a.first().map_or(0, Vec::len);
        let mut rank = 0;
        for c in 0..cols {
            let Some(p) = (rank..a.len()).max_by(|&x, &y| a[x][c].abs().total_cmp(&a[y][c].abs()))
            else {
                break;
            };
            if a[p][c].abs() < 1e-9 {
                continue;
            }
            a.swap(rank, p);
            for r in rank + 1..a.len() {
                let f = a[r][c] / a[rank][c];
                let pivot = a[rank].clone();
                for (x, y) in a[r].iter_mut().zip(&pivot).skip(c) {
                    *x -= f * y;
                }
            }
            rank += 1;
        }
        rank
    }

    /// The exact rank test agrees with rank(A) == rank([A; e_j]) in floating point on random
    /// 0/±1 matrices.
    #[test]
    fn rank_test_matches_floating_point() {
        let mut g = Lcg(7);
        for _ in 0..500 {
            let (m, n) = (1 + g.next(6) as usize, 1 + g.next(7) as usize);
            let a: Vec<Vec<i64>> = (0..m)
                .map(|_| (0..n).map(|_| g.next(5) as i64 / 2 - 1).collect())
                .collect();
            let f: Vec<Vec<f64>> = a
                .iter()
                .map(|r| r.iter().map(|&v| v as f64).collect())
                .collect();
            let rank = float_rank(&f);
            let expected: Vec<usize> = (0..n)
                .filter(|&j| {
                    let mut e = f.clone();
                    e.push((0..n).map(|x| f64::from(u8::from(x == j))).collect());
                    float_rank(&e) == rank
                })
                .collect();
            assert_eq!(disclosed(&a, n), expected, "{a:?}");
        }
    }

    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self, n: u64) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (self.0 >> 33) % n
        }
    }

    /// A random table with many small counts, zeros, and sometimes respondents with an unknown
    /// row and/or column category.
    fn random_table(g: &mut Lcg) -> CrossTable {
        let rows = 1 + g.next(6) as usize;
        let cols = 1 + g.next(5) as usize;
        let unknowns = g.next(3) == 0;
        let mut full = vec![vec![0u64; cols + 1]; rows + 1];
        for (i, row) in full.iter_mut().enumerate() {
            for (j, x) in row.iter_mut().enumerate() {
                let extra = i == rows || j == cols;
                *x = match (extra, unknowns, g.next(6)) {
                    (true, false, _) => 0,
                    (true, true, 0..=2) => 0,
                    (true, true, _) => 1 + g.next(6),
                    (false, _, 0) => 0,
                    (false, _, 1..=3) => 1 + g.next(6),
                    (false, _, _) => 1 + g.next(25),
                };
            }
        }
        CrossTable {
            cells: full[..rows].iter().map(|r| r[..cols].to_vec()).collect(),
            row_totals: full[..rows].iter().map(|r| r.iter().sum()).collect(),
            col_totals: (0..cols).map(|j| full.iter().map(|r| r[j]).sum()).collect(),
            total: full.iter().flatten().sum(),
        }
    }

    #[test]
    fn random_tables_are_protected() {
        let mut g = Lcg(20240601);
        let (mut complementary, mut audited) = (0, 0);
        for _ in 0..1000 {
            let t = random_table(&mut g);
            let (rows, cols) = (t.rows(), t.cols());
            let mut pre = CrossPattern::none(rows, cols);
            if g.next(4) == 0 {
                pre.cells[g.next(rows as u64) as usize][g.next(cols as u64) as usize] = true;
            }
            let p = protect(&t, K, &pre);
            complementary += p.complementary;
            if line_rule(&t, K, &pre) != p {
                audited += 1;
            }
            assert_eq!(p.primary + p.complementary, p.suppressed());
            // Everything in `pre` stays suppressed.
            for i in 0..rows {
                for j in 0..cols {
                    assert!(p.cells[i][j] || !pre.cells[i][j]);
                }
            }
            // Every published figure is zero or at least k.
            let figure = |item: Item| match item {
                Item::Cell(i, j) => t.cells[i][j],
                Item::RowTotal(i) => t.row_totals[i],
                Item::ColTotal(j) => t.col_totals[j],
                Item::Total => t.total,
                _ => unreachable!(),
            };
            let hidden = suppressed_items(&t, &p);
            let mut all: Vec<Item> = (0..rows)
                .flat_map(|i| (0..cols).map(move |j| Item::Cell(i, j)))
                .collect();
            all.extend((0..rows).map(Item::RowTotal));
            all.extend((0..cols).map(Item::ColTotal));
            all.push(Item::Total);
            for item in all.iter().filter(|i| !hidden.contains(i)) {
                let n = figure(*item);
                assert!(n == 0 || n >= K, "{t:?}: published {item:?} = {n}");
            }
            // No suppressed figure and no small remainder is derivable.
            let m = Model::new(&t, &p);
            for item in audit(&t, &p) {
                let n = m.value[m.index(item)];
                assert!(
                    item.is_remainder() && n >= K,
                    "{t:?} {p:?}: {item:?} = {n} derivable"
                );
            }
            // And the line rule holds: no relation with a published total hides 0 < mass < k.
            for rel in &m.relations {
                if !m.hidden[rel.total] {
                    let mass: u64 = rel
                        .summands
                        .iter()
                        .filter(|&&s| m.hidden[s])
                        .map(|&s| m.value[s])
                        .sum();
                    assert!(mass == 0 || mass >= K, "{t:?} {p:?}: mass {mass}");
                }
            }
        }
        assert!(complementary > 0);
        // The audit had to step in after the line rule for some tables.
        assert!(audited > 0, "audit never needed");
    }
}
