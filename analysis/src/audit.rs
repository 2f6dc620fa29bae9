//! The exact disclosure audit over **every** group published for one statistic of one wave
//! (methodology.md A2 "All linked tables share one pattern", A3 (c) "rank audit over
//! respondent atoms"; Hundepool et al., *Handbook on SDC* §4.3 on linked tables).
//!
//! # The question
//!
//! A respondent's *atom* is their place in every published classification at once: the
//! deepest node of the organisation tree they are known in (team, or district, unit or
//! organisation for someone whose lower level is unknown) and their age band (or none). The
//! published groups (organisation, units, districts, teams, age bands, unit × age band) are
//! unions of atoms, and each publishes sums over its atoms (n, Σw·y, …). Subtracting and
//! adding published groups gives the sums over any set of atoms whose indicator vector lies in
//! the row space of the group × atom membership matrix. A set of atoms with
//! 0 < n < k respondents in that row space is a disclosure, whatever tables its parts come
//! from: the tree rule and the crossing's audit each see only their own table, and a set such
//! as `(unit A, no district, 55+) = unit A × 55+ − (district D1 − team T1)` crosses both.
//!
//! # Why it is a cut problem
//!
//! The published groups form two laminar families: the tree (organisation ⊃ unit ⊃ district ⊃
//! team) and the crossing (age band ⊃ unit × age band). Give every published group g a
//! coefficient y_g; atom a then gets x_a = Π(t_a) − τ(s_a), where Π(t) sums y over the
//! published tree groups containing the atom's tree node t, and τ(s) = −(y_cell + y_band) for
//! its cell s. Π and τ are free per published group, so every published group is a *vertex*,
//! an unpublished group is merged into its parent (tree parent; band for a cell; a zero vertex
//! Z for the organisation and the bands), and every atom with n > 0 is an *edge* from its tree
//! vertex to its cell vertex (Z when the age band is unknown). The derivable vectors are exactly
//! the tensions (potential differences) of this graph.
//!
//! A 0/1 tension x decomposes over the level sets U_t = {v : pot(v) ≥ t} of integer
//! potentials: x = Σ_t 1[δ⁺(U_t)], where no edge enters any U_t (an edge entering would have
//! x = −1). Each 1[δ⁺(U)] of such a *closed* set U is itself derivable and no heavier, so the
//! lightest derivable set is the lightest non-empty δ⁺(U) over closed U: a minimum cut in the
//! digraph with an arc tree → cell of capacity n_a per atom and an infinite arc back. It is
//! found by max-flow (capacity k suffices: only cuts below k matter) between the ends of each
//! atom with n < k; a pair whose flow reaches k cannot be separated by a small cut and is
//! contracted, so every max-flow either contracts two vertices or finds a disclosure.
//!
//! Because the membership matrix of two laminar families is totally unimodular, the tension
//! space's elementary vectors are 0/±1: no non-negative combination over a small set of
//! respondents escapes this audit either. `tests/contract.rs` checks the audit against brute
//! force (every set of atoms with n < k against the row space, exact integer arithmetic) on
//! random organisations.

use crate::estimate::Groups;

/// Respondents with a valid value who share one place in every classification: their deepest
/// tree group (team, district, unit or organisation) and their unit × age-band group (`None`
/// when the age band is unknown). `n` > 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Atom {
    pub tree: u32,
    pub cell: Option<u32>,
    pub n: u64,
}

/// A set of respondents that the published groups let a reader isolate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disclosure {
    /// Indices into the audited atoms: the derivable set.
    pub atoms: Vec<usize>,
    /// Its number of respondents: 0 < mass < k.
    pub mass: u64,
    /// Published groups whose suppression makes this set underivable (each alone does), in
    /// group id order. One always exists: every vertex is linked to Z through its parents.
    pub breakers: Vec<u32>,
}

/// Union-find whose classes keep their member lists (small into large), so a class's
/// representative is one lookup.
struct Classes {
    root: Vec<usize>,
    members: Vec<Vec<usize>>,
}

impl Classes {
    fn new(n: usize) -> Self {
        Classes {
            root: (0..n).collect(),
            members: (0..n).map(|v| vec![v]).collect(),
        }
    }

    fn union(&mut self, a: usize, b: usize) {
        let (mut a, mut b) = (self.root[a], self.root[b]);
        if a == b {
            return;
        }
        if self.members[a].len() < self.members[b].len() {
            std::mem::swap(&mut a, &mut b);
        }
        let moved = std::mem::take(&mut self.members[b]);
        for &v in &moved {
            self.root[v] = a;
        }
        self.members[a].extend(moved);
    }
}

/// The vertex a group is merged into when it is not published.
fn up(groups: &Groups, g: usize, zero: usize) -> usize {
    match (groups.parent[g], groups.cross[g]) {
        (Some(p), _) => p as usize,
        (None, Some((_, band))) => band as usize,
        (None, None) => zero,
    }
}

/// The lightest set of 0 < n < k respondents that the published groups make derivable, if
/// there is one.
///
/// `atoms`: the statistic's atoms (see [`Atom`]); `published(g)`: whether group id `g` of
/// `groups` is published (has a figure for this statistic and is not suppressed). Cost: at
/// most one max-flow (≤ k augmenting paths) per group, each a search over the atoms.
pub fn audit(
    groups: &Groups,
    atoms: &[Atom],
    published: impl Fn(u32) -> bool,
    k: u64,
) -> Option<Disclosure> {
    let g_count = groups.labels.len();
    let zero = g_count;
    let mut cls = Classes::new(g_count + 1);
    for g in 0..g_count {
        if !published(g as u32) {
            cls.union(g, up(groups, g, zero));
        }
    }
    let tail: Vec<usize> = atoms.iter().map(|a| a.tree as usize).collect();
    let head: Vec<usize> = atoms
        .iter()
        .map(|a| a.cell.map_or(zero, |c| c as usize))
        .collect();
    // Heavy atoms can never be part of a small set: their ends are never separated.
    for (e, a) in atoms.iter().enumerate() {
        if a.n >= k {
            cls.union(tail[e], head[e]);
        }
    }
    let mut incident: Vec<Vec<usize>> = vec![Vec::new(); g_count + 1];
    for e in 0..atoms.len() {
        incident[tail[e]].push(e);
        incident[head[e]].push(e);
    }
    let mut order: Vec<usize> = (0..atoms.len()).filter(|&e| atoms[e].n < k).collect();
    order.sort_by_key(|&e| (atoms[e].n, e));
    let mut flow = Flow {
        tail: &tail,
        head: &head,
        cap: atoms.iter().map(|a| a.n).collect(),
        phi: vec![0; atoms.len()],
        incident: &incident,
        seen: vec![0; g_count + 1],
        stamp: 0,
        prev: vec![(usize::MAX, false, usize::MAX); g_count + 1],
    };
    for e in order {
        let (s, t) = (cls.root[tail[e]], cls.root[head[e]]);
        if s == t {
            continue;
        }
        match flow.reaches(&cls, s, t, k) {
            Ok(()) => cls.union(s, t),
            Err(side) => {
                let inside = |v: usize| side[cls.root[v]];
                let set: Vec<usize> = (0..atoms.len())
                    .filter(|&a| inside(tail[a]) && !inside(head[a]))
                    .collect();
                let mass = set.iter().map(|&a| atoms[a].n).sum();
                debug_assert!(mass > 0 && mass < k, "a cut of {mass} at k = {k}");
                let breakers: Vec<u32> = (0..g_count)
                    .filter(|&g| published(g as u32))
                    .filter(|&g| inside(g) != inside(up(groups, g, zero)))
                    .map(|g| g as u32)
                    .collect();
                return Some(Disclosure {
                    atoms: set,
                    mass,
                    breakers,
                });
            }
        }
    }
    None
}

/// Max-flow on the contracted graph: an arc tail → head of capacity n per atom and an
/// unbounded arc back. `phi` is the net flow tail → head of each atom.
struct Flow<'a> {
    tail: &'a [usize],
    head: &'a [usize],
    cap: Vec<u64>,
    phi: Vec<i64>,
    incident: &'a [Vec<usize>],
    seen: Vec<u64>,
    stamp: u64,
    /// Per class reached: (atom, forward?, class it was reached from).
    prev: Vec<(usize, bool, usize)>,
}

impl Flow<'_> {
    /// `Ok` when k units flow from class `s` to class `t` (no cut below k separates them);
    /// otherwise the side of the minimum cut that holds `s`, by class representative.
    fn reaches(&mut self, cls: &Classes, s: usize, t: usize, k: u64) -> Result<(), Vec<bool>> {
        let mut total: u64 = 0;
        let mut touched: Vec<usize> = Vec::new();
        let result = loop {
            self.stamp += 1;
            let stamp = self.stamp;
            self.seen[s] = stamp;
            let mut queue = std::collections::VecDeque::from([s]);
            let mut found = false;
            'search: while let Some(c) = queue.pop_front() {
                for &v in &cls.members[c] {
                    for &e in &self.incident[v] {
                        let (a, b) = (cls.root[self.tail[e]], cls.root[self.head[e]]);
                        if a == b {
                            continue;
                        }
                        let (next, forward) = if a == c {
                            if self.phi[e] >= self.cap[e] as i64 {
                                continue;
                            }
                            (b, true)
                        } else {
                            (a, false)
                        };
                        if self.seen[next] == stamp {
                            continue;
                        }
                        self.seen[next] = stamp;
                        self.prev[next] = (e, forward, c);
                        if next == t {
                            found = true;
                            break 'search;
                        }
                        queue.push_back(next);
                    }
                }
            }
            if !found {
                let side = (0..self.seen.len())
                    .map(|v| self.seen[v] == stamp)
                    .collect();
                break Err(side);
            }
            // The bottleneck: forward arcs have n − φ left, backward arcs are unbounded.
            let mut delta = k - total;
            let mut at = t;
            while at != s {
                let (e, forward, from) = self.prev[at];
                if forward {
                    delta = delta.min((self.cap[e] as i64 - self.phi[e]) as u64);
                }
                at = from;
            }
            let mut at = t;
            while at != s {
                let (e, forward, from) = self.prev[at];
                self.phi[e] += if forward {
                    delta as i64
                } else {
                    -(delta as i64)
                };
                touched.push(e);
                at = from;
            }
            total += delta;
            if total >= k {
                break Ok(());
            }
        };
        for e in touched {
            self.phi[e] = 0;
        }
        result
    }
}
