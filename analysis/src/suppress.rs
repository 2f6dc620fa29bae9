//! Disclosure control (methodology.md A2): the reporting threshold with complementary
//! suppression down the tree, so that no hidden group can be recovered by subtraction.

use crate::Estimate;
use std::collections::{BTreeMap, BTreeSet};

/// The tree rule for one published parent with `n_parent` respondents and its children.
/// Returns the children to hide (primary and complementary), or `None` when no choice of
/// children protects them and the parent itself must be hidden.
pub fn tree_rule(
    children: &BTreeMap<String, u64>,
    n_parent: u64,
    k: u64,
) -> Option<BTreeSet<String>> {
    let attached: u64 = children.values().sum();
    let remainder = n_parent.saturating_sub(attached);
    let mut hidden: BTreeSet<String> = children
        .iter()
        .filter(|(_, &n)| n > 0 && n < k)
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

/// Hides every figure but `n` of the estimates that the threshold `k` and the tree rule
/// (organisation total over its units) say must not be shown.
pub fn apply(estimates: &mut [Estimate], k: u64) {
    let mut by_table: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for (i, e) in estimates.iter().enumerate() {
        by_table
            .entry((e.wave.clone(), e.theme.clone()))
            .or_default()
            .push(i);
    }
    for rows in by_table.values() {
        let all = rows.iter().copied().find(|&i| estimates[i].group == "all");
        let n_all = all.map(|i| estimates[i].n).unwrap_or(0);
        let children: BTreeMap<String, u64> = rows
            .iter()
            .filter(|&&i| estimates[i].group != "all")
            .map(|&i| (estimates[i].group.clone(), estimates[i].n))
            .collect();
        let hide: BTreeSet<String> = if all.is_some() && n_all < k {
            rows.iter().map(|&i| estimates[i].group.clone()).collect()
        } else {
            match tree_rule(&children, n_all, k) {
                Some(s) => s,
                None => children
                    .keys()
                    .cloned()
                    .chain(["all".to_string()])
                    .collect(),
            }
        };
        for &i in rows {
            if hide.contains(&estimates[i].group) {
                let e = &mut estimates[i];
                e.mean = None;
                e.index = None;
                e.pct_favourable = None;
                e.se = None;
                e.ci_low = None;
                e.ci_high = None;
                e.n_eff = None;
                e.alpha = None;
                e.suppressed = true;
            }
        }
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
