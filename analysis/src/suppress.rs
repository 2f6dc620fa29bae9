//! Disclosure control (methodology.md A2): the reporting threshold with complementary
//! suppression down the tree, so that no hidden group can be recovered by subtraction.

use crate::estimate::Groups;
use crate::group::Group;
use std::collections::{BTreeMap, BTreeSet};

/// The tree rule for one published parent with `n_parent` respondents and its children.
/// Returns the children to hide (primary and complementary), or `None` when no choice of
/// children protects them and the parent itself must be hidden.
pub fn tree_rule<K: Ord + Clone>(
    children: &BTreeMap<K, u64>,
    n_parent: u64,
    k: u64,
) -> Option<BTreeSet<K>> {
    tree_rule_with(children, n_parent, k, &BTreeSet::new())
}

/// The tree rule with children that are already hidden for another reason (a crossing, or
/// the same group in another table): they count towards the hidden mass from the start.
pub fn tree_rule_with<K: Ord + Clone>(
    children: &BTreeMap<K, u64>,
    n_parent: u64,
    k: u64,
    already: &BTreeSet<K>,
) -> Option<BTreeSet<K>> {
    let attached: u64 = children.values().sum();
    let remainder = n_parent.saturating_sub(attached);
    let mut hidden: BTreeSet<K> = children
        .iter()
        .filter(|(c, &n)| (n > 0 && n < k) || already.contains(*c))
        .map(|(c, _)| c.clone())
        .collect();
    loop {
        let mass = remainder + hidden.iter().map(|c| children[c]).sum::<u64>();
        if !(mass > 0 && mass < k) {
            return Some(hidden);
        }
        let next = children
            .iter()
            .filter(|(c, &n)| n > 0 && !hidden.contains(*c))
            .min_by(|a, b| (a.1, a.0).cmp(&(b.1, b.0)))?;
        hidden.insert(next.0.clone());
    }
}

/// One suppression pattern for one statistic of one wave, over every linked table: the
/// organisation tree (all > unit > district > team), the unit × age-band crossing with its
/// margins, and every combination of the two. `n` holds the statistic's valid n per group id,
/// `atoms` its respondents' atoms ([`crate::audit::Atom`]; empty when only the tree is
/// published). Returns the hidden group ids.
///
/// 1. The tree is protected top-down; the crossing by [`crate::crossed::protect`] with what
///    the tree hid already suppressed; a unit or total that the crossing hides feeds back into
///    the tree, until neither adds anything: every table then shows the same cells.
/// 2. The exact audit ([`crate::audit::audit`]) looks for any set of 0 < n < k respondents
///    that the published groups *together* determine (for instance
///    `unit × 55+ − (district − team)`); the smallest published group that breaks it is
///    suppressed, and both steps repeat until the audit finds nothing.
pub fn pattern(
    n: &BTreeMap<u32, u64>,
    atoms: &[crate::audit::Atom],
    groups: &Groups,
    k: u64,
) -> BTreeSet<u32> {
    let mut hidden: BTreeSet<u32> = BTreeSet::new();
    let all = groups.index.get(&Group::All).copied();
    let n_all = all.and_then(|a| n.get(&a)).copied().unwrap_or(0);
    if n_all < k {
        return n.keys().copied().collect();
    }
    // Children per tree parent, among the groups this statistic has.
    let mut children: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for &g in n.keys() {
        if let Some(p) = groups.parent[g as usize] {
            children.entry(p).or_default().push(g);
        }
    }
    loop {
        tables(n, groups, k, &children, &mut hidden);
        let published = |g: u32| n.contains_key(&g) && !hidden.contains(&g);
        let Some(d) = crate::audit::audit(groups, atoms, published, k) else {
            return hidden;
        };
        let breaker = d
            .breakers
            .iter()
            .copied()
            .min_by(|a, b| {
                (n[a], &groups.labels[*a as usize]).cmp(&(n[b], &groups.labels[*b as usize]))
            })
            .expect("a disclosure always has a group that breaks it");
        hidden.insert(breaker);
    }
}

/// Step 1 of [`pattern`]: the tree rule and the crossing, to a fixed point.
fn tables(
    n: &BTreeMap<u32, u64>,
    groups: &Groups,
    k: u64,
    children: &BTreeMap<u32, Vec<u32>>,
    hidden: &mut BTreeSet<u32>,
) {
    let label = |g: u32| groups.labels[g as usize].clone();
    loop {
        let before = hidden.len();
        // Tree, top-down (parents are created before their children, so ids ascend).
        for (&p, kids) in children {
            if hidden.contains(&p) {
                hidden.extend(kids.iter().copied());
                continue;
            }
            // Keyed by group, so ties break in the order of the groups' names.
            let map: BTreeMap<Group, u64> = kids.iter().map(|&c| (label(c), n[&c])).collect();
            let already: BTreeSet<Group> = kids
                .iter()
                .filter(|c| hidden.contains(c))
                .map(|&c| label(c))
                .collect();
            match tree_rule_with(&map, n.get(&p).copied().unwrap_or(0), k, &already) {
                Some(h) => hidden.extend(h.iter().map(|l| groups.index[l])),
                None => {
                    hidden.insert(p);
                    hidden.extend(kids.iter().copied());
                }
            }
        }
        // A hidden parent hides its whole subtree (grand-children included).
        loop {
            let extra: Vec<u32> = n
                .keys()
                .copied()
                .filter(|g| !hidden.contains(g))
                .filter(|g| groups.parent[*g as usize].is_some_and(|p| hidden.contains(&p)))
                .collect();
            if extra.is_empty() {
                break;
            }
            hidden.extend(extra);
        }
        crossing(n, groups, k, hidden);
        if hidden.len() == before {
            return;
        }
    }
}

/// Protects the unit × age-band table and its margins (units, age bands, organisation).
fn crossing(n: &BTreeMap<u32, u64>, groups: &Groups, k: u64, hidden: &mut BTreeSet<u32>) {
    let cells: Vec<(u32, u32, u32)> = n
        .keys()
        .filter_map(|&g| groups.cross[g as usize].map(|(u, a)| (g, u, a)))
        .collect();
    if cells.is_empty() {
        return;
    }
    let all = groups.index[&Group::All];
    let rows: Vec<u32> = n
        .keys()
        .copied()
        .filter(|&g| groups.parent[g as usize] == Some(all))
        .collect();
    let cols: Vec<u32> = n
        .keys()
        .copied()
        .filter(|&g| groups.is_age[g as usize])
        .collect();
    let mut t = crate::crossed::CrossTable {
        cells: vec![vec![0; cols.len()]; rows.len()],
        row_totals: rows.iter().map(|g| n[g]).collect(),
        col_totals: cols.iter().map(|g| n[g]).collect(),
        total: n[&all],
    };
    let mut pre = crate::crossed::CrossPattern {
        cells: vec![vec![false; cols.len()]; rows.len()],
        row_totals: rows.iter().map(|g| hidden.contains(g)).collect(),
        col_totals: cols.iter().map(|g| hidden.contains(g)).collect(),
        total: hidden.contains(&all),
        primary: 0,
        complementary: 0,
    };
    let mut at: BTreeMap<(usize, usize), u32> = BTreeMap::new();
    for (g, u, a) in cells {
        let (Some(r), Some(c)) = (
            rows.iter().position(|&x| x == u),
            cols.iter().position(|&x| x == a),
        ) else {
            continue;
        };
        t.cells[r][c] = n[&g];
        pre.cells[r][c] = hidden.contains(&g);
        at.insert((r, c), g);
    }
    let p = crate::crossed::protect(&t, k, &pre);
    for (&(r, c), &g) in &at {
        if p.cells[r][c] {
            hidden.insert(g);
        }
    }
    for (r, &g) in rows.iter().enumerate() {
        if p.row_totals[r] {
            hidden.insert(g);
        }
    }
    for (c, &g) in cols.iter().enumerate() {
        if p.col_totals[c] {
            hidden.insert(g);
        }
    }
    if p.total {
        hidden.insert(all);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kids(pairs: &[(&str, u64)]) -> BTreeMap<String, u64> {
        pairs.iter().map(|(c, n)| (c.to_string(), *n)).collect()
    }

    fn set(items: &[&str]) -> BTreeSet<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn tv3a_a_small_team_takes_its_smallest_sibling_with_it() {
        let s = tree_rule(&kids(&[("T1", 12), ("T2", 4), ("T3", 9)]), 25, 5).unwrap();
        assert_eq!(s, set(&["T2", "T3"]));
    }

    #[test]
    fn tv3b_direct_respondents_already_protect_a_small_team() {
        let s = tree_rule(&kids(&[("T1", 12), ("T2", 4), ("T3", 9)]), 27, 5).unwrap();
        assert_eq!(s, set(&["T2"]));
    }

    #[test]
    fn tv3b2_a_small_remainder_hides_the_smallest_team() {
        let s = tree_rule(&kids(&[("T1", 12), ("T3", 9)]), 24, 5).unwrap();
        assert_eq!(s, set(&["T3"]));
    }

    #[test]
    fn with_no_sibling_left_the_parent_must_go() {
        assert_eq!(tree_rule(&kids(&[("T1", 3)]), 3, 5), None);
    }
}
