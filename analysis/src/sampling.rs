//! The stratified random sample of the semi-annual monitor: how many people each stratum gets
//! ([`allocate`]) and who they are ([`select`]). Plain integer arithmetic and a specified
//! random stream, so a draw is reproduced exactly from its seed and its frame.
//!
//! **Allocation** (Cochran, *Sampling Techniques*, 3rd ed., §5.5 proportional allocation;
//! the floor is the usual "minimum sample size per stratum" of official statistics, e.g.
//! CBS's *Methodenreeks*, "Steekproefopzet"): stratum h of size N_h gets the quota
//! q_h = n·N_h/N. With a minimum m, a stratum whose quota is under f_h = min(m, F_h) (F_h:
//! the people of the stratum that can be drawn) is fixed at f_h, one whose quota is above F_h
//! is fixed at F_h, and the rest of n is shared again in proportion to N_h among the others,
//! until nothing changes. The quotas are rounded by the largest-remainder method
//! (Hamilton): each gets ⌊q_h⌋, and the leftover goes one by one to the largest remainders
//! (ties: the larger stratum, then the first), so Σ n_h = n exactly. All in integers:
//! q_h = R·N_h / N' with its exact remainder.
//!
//! **Selection**: simple random sampling without replacement within each stratum, by a
//! partial Fisher–Yates shuffle of the stratum's frame in the order given (callers pass it
//! sorted, e.g. by employee number), driven by ChaCha20 (`rand_chacha`, whose output is fixed
//! by RFC 8439's block function) seeded with SHA-256(`"polsslag sample v1"` ‖ seed ‖ stratum
//! label). Each stratum has its own stream, so a change in one stratum's frame leaves the
//! others' draws as they were. A uniform index below `m` takes a 64-bit word and rejects the
//! top `2^64 mod m` values (no modulo bias).

use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha20Rng;
use sha2::{Digest, Sha256};

/// How a sample's total is shared over the strata.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Allocation {
    /// n_h in proportion to N_h.
    Proportional,
    /// In proportion to N_h, but at least this many (or the whole stratum when it is smaller).
    Minimum(u64),
}

/// Why a sample cannot be allocated.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AllocationError {
    #[error("steekproef van {total} groter dan de {available} te trekken mensen / sample of {total} larger than the {available} people that can be drawn")]
    TooLarge { total: u64, available: u64 },
    #[error("het minimum per stratum vraagt {needed} mensen, meer dan de steekproef van {total} / the minimum per stratum needs {needed} people, more than the sample of {total}")]
    MinimumTooLarge { needed: u64, total: u64 },
    #[error("sizes en caps verschillen in lengte / sizes and caps differ in length")]
    Shape,
    #[error("toewijzing klopt niet / allocation does not add up (a fault of Polsslag)")]
    Internal,
}

/// Shares `total` over strata of `sizes` N_h (the population, for the proportions), none
/// getting more than its `caps` F_h (the people that can be drawn, F_h ≤ N_h) nor less than
/// its floor min(m, F_h). Returns n_h per stratum, in the input order; Σ n_h = `total`.
///
/// # Errors
/// `TooLarge` when `total` > Σ F_h; `MinimumTooLarge` when the floors alone exceed `total`;
/// `Shape` when the slices differ in length.
pub fn allocate(
    sizes: &[u64],
    caps: &[u64],
    total: u64,
    allocation: Allocation,
) -> Result<Vec<u64>, AllocationError> {
    if sizes.len() != caps.len() {
        return Err(AllocationError::Shape);
    }
    let available: u64 = caps.iter().sum();
    if total > available {
        return Err(AllocationError::TooLarge { total, available });
    }
    let floors: Vec<u64> = caps
        .iter()
        .map(|&c| match allocation {
            Allocation::Proportional => 0,
            Allocation::Minimum(m) => m.min(c),
        })
        .collect();
    let needed: u64 = floors.iter().sum();
    if needed > total {
        return Err(AllocationError::MinimumTooLarge { needed, total });
    }
    let h = sizes.len();
    // Water-filling: n_h = clamp(λ·N_h, f_h, F_h) with the λ that makes them sum to the
    // total. g(λ) = Σ clamp(λ·N_h, f_h, F_h) rises with λ; it bends only where λ·N_h meets a
    // floor or a cap, so the segment between two bends where g reaches the total tells which
    // strata sit at their floor, at their cap, or in between (free); the free ones then share
    // the rest exactly in proportion to N_h. Strata of size 0 get nothing (their floor and cap
    // are 0 as well, since F_h ≤ N_h).
    let g = |lambda: f64| -> f64 {
        (0..h)
            .map(|i| (lambda * sizes[i] as f64).clamp(floors[i] as f64, caps[i] as f64))
            .sum()
    };
    let mut bends: Vec<f64> = (0..h)
        .filter(|&i| sizes[i] > 0)
        .flat_map(|i| {
            [
                floors[i] as f64 / sizes[i] as f64,
                caps[i] as f64 / sizes[i] as f64,
            ]
        })
        .collect();
    bends.push(0.0);
    bends.sort_by(f64::total_cmp);
    bends.dedup();
    let target = total as f64;
    // The first bend where g reaches the total, and the one before it.
    let hi = bends
        .iter()
        .position(|&b| g(b) >= target - 1e-9)
        .unwrap_or(bends.len() - 1);
    let mid = if hi == 0 {
        0.0
    } else {
        (bends[hi - 1] + bends[hi]) / 2.0
    };
    let fixed: Vec<Option<u64>> = (0..h)
        .map(|i| {
            let q = mid * sizes[i] as f64;
            if sizes[i] == 0 || caps[i] == floors[i] || q <= floors[i] as f64 {
                Some(floors[i])
            } else if q >= caps[i] as f64 {
                Some(caps[i])
            } else {
                None
            }
        })
        .collect();
    let given: u64 = fixed.iter().flatten().sum();
    let rest = total.saturating_sub(given);
    let pool: u128 = (0..h)
        .filter(|&i| fixed[i].is_none())
        .map(|i| u128::from(sizes[i]))
        .sum();
    let mut out: Vec<u64> = fixed.iter().map(|f| f.unwrap_or(0)).collect();
    if let Some(pool) = std::num::NonZeroU128::new(pool) {
        let mut remainders: Vec<(u128, u64, usize)> = Vec::new();
        let mut shared = 0u64;
        for i in (0..h).filter(|&i| fixed[i].is_none()) {
            let scaled = u128::from(rest) * u128::from(sizes[i]);
            out[i] = (scaled / pool) as u64;
            shared += out[i];
            remainders.push((scaled % pool, sizes[i], i));
        }
        // Largest remainder first; ties: the larger stratum, then the first.
        remainders.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        for &(_, _, i) in remainders.iter().take((rest - shared) as usize) {
            out[i] += 1;
        }
    }
    // Feasible by the checks above (Σ floors ≤ total ≤ Σ caps), so the segment exists and the
    // shares land between their floors and caps; a miss would be a fault of this function.
    if out.iter().sum::<u64>() != total || (0..h).any(|i| out[i] < floors[i] || out[i] > caps[i]) {
        return Err(AllocationError::Internal);
    }
    Ok(out)
}

/// Draws `n` of `frame` (simple random sampling without replacement) for the stratum
/// `label`, reproducibly from `seed`. Returns the chosen elements in the order drawn; the
/// whole frame when `n` ≥ its length.
pub fn select<T: Clone>(frame: &[T], n: usize, seed: u64, label: &str) -> Vec<T> {
    let mut rng = stream(seed, label);
    let mut idx: Vec<usize> = (0..frame.len()).collect();
    let n = n.min(frame.len());
    for i in 0..n {
        let j = i + below(&mut rng, (frame.len() - i) as u64) as usize;
        idx.swap(i, j);
    }
    idx[..n].iter().map(|&i| frame[i].clone()).collect()
}

/// The random stream of one stratum of a draw.
fn stream(seed: u64, label: &str) -> ChaCha20Rng {
    let mut h = Sha256::new();
    h.update(b"polsslag sample v1\0");
    h.update(seed.to_be_bytes());
    h.update(label.as_bytes());
    ChaCha20Rng::from_seed(h.finalize().into())
}

/// A uniform integer in `0..m` (`m` > 0), without modulo bias.
fn below(rng: &mut ChaCha20Rng, m: u64) -> u64 {
    let reject = u64::MAX - (u64::MAX % m + 1) % m;
    loop {
        let x = rng.next_u64();
        if x <= reject {
            return x % m;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alloc(sizes: &[u64], total: u64, a: Allocation) -> Vec<u64> {
        allocate(sizes, sizes, total, a).unwrap()
    }

    #[test]
    fn proportional_allocation_by_hand() {
        // Exact quotas 50, 30, 15, 5.
        assert_eq!(
            alloc(&[500, 300, 150, 50], 100, Allocation::Proportional),
            vec![50, 30, 15, 5]
        );
        // Quotas 3.5, 3.5, 3.0: floors 3, 3, 3; the one left goes to the first of the tie.
        assert_eq!(
            alloc(&[7, 7, 6], 10, Allocation::Proportional),
            vec![4, 3, 3]
        );
        // Quotas 33.33… each: 34, 33, 33 (equal remainders and sizes: the first).
        assert_eq!(
            alloc(&[40, 40, 40], 100, Allocation::Proportional),
            vec![34, 33, 33]
        );
        // 2,000 of 65,000: quotas 615.3846, 923.0769, 461.5385; floors give 1,999 and the one
        // left goes to the largest remainder, the third stratum.
        assert_eq!(
            alloc(&[20_000, 30_000, 15_000], 2000, Allocation::Proportional),
            vec![615, 923, 462]
        );
    }

    #[test]
    fn a_minimum_per_stratum_by_hand() {
        // Quotas 89.29, 8.93, 1.79: the two small strata are raised to 15, the big one gets
        // the remaining 70.
        assert_eq!(
            alloc(&[1000, 100, 20], 100, Allocation::Minimum(15)),
            vec![70, 15, 15]
        );
        // A stratum smaller than the minimum is taken whole.
        assert_eq!(
            alloc(&[1000, 100, 8], 100, Allocation::Minimum(15)),
            vec![77, 15, 8]
        );
        // Raising one stratum can push another under its floor: 1000, 60, 40 with n = 60,
        // m = 10: quotas 54.5, 3.3, 2.2 → both small ones to 10, the big one 40.
        assert_eq!(
            alloc(&[1000, 60, 40], 60, Allocation::Minimum(10)),
            vec![40, 10, 10]
        );
    }

    #[test]
    fn caps_hold_and_the_rest_is_shared_again() {
        // The second stratum can give only 5 people (the rest was left out for fatigue).
        assert_eq!(
            allocate(&[100, 100], &[100, 5], 40, Allocation::Proportional).unwrap(),
            vec![35, 5]
        );
    }

    #[test]
    fn a_capped_stratum_and_floors_together_still_reach_the_total() {
        // The big stratum can give only 5 (fatigue control), the small ones have a floor of
        // 8: the rest, 25, is shared by the two small ones, 12.5 each → 13 and 12.
        assert_eq!(
            allocate(&[100, 20, 20], &[5, 20, 20], 30, Allocation::Minimum(8)).unwrap(),
            vec![5, 13, 12]
        );
        // Every feasible case adds up and keeps its bounds (a sweep over small cases).
        for total in 0..=60u64 {
            for m in [0u64, 3, 8] {
                let sizes = [100u64, 20, 7, 0, 33];
                let caps = [5u64, 20, 7, 0, 30];
                match allocate(&sizes, &caps, total, Allocation::Minimum(m)) {
                    Ok(n) => {
                        assert_eq!(n.iter().sum::<u64>(), total, "{total} {m}");
                        for i in 0..5 {
                            assert!(n[i] <= caps[i] && n[i] >= m.min(caps[i]), "{n:?}");
                        }
                    }
                    Err(
                        AllocationError::MinimumTooLarge { .. } | AllocationError::TooLarge { .. },
                    ) => {}
                    Err(e) => panic!("{total} {m}: {e}"),
                }
            }
        }
    }

    #[test]
    fn impossible_samples_say_why() {
        assert_eq!(
            allocate(&[10, 10], &[10, 10], 21, Allocation::Proportional),
            Err(AllocationError::TooLarge {
                total: 21,
                available: 20
            })
        );
        assert_eq!(
            allocate(
                &[100, 100, 100],
                &[100, 100, 100],
                20,
                Allocation::Minimum(10)
            ),
            Err(AllocationError::MinimumTooLarge {
                needed: 30,
                total: 20
            })
        );
    }

    #[test]
    fn a_draw_is_reproduced_from_its_seed_and_differs_with_another() {
        let frame: Vec<u32> = (0..500).collect();
        let a = select(&frame, 40, 12345, "U01|35-54");
        assert_eq!(a, select(&frame, 40, 12345, "U01|35-54"));
        assert_ne!(a, select(&frame, 40, 12346, "U01|35-54"));
        assert_ne!(a, select(&frame, 40, 12345, "U02|35-54"));
        let mut sorted = a.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), 40, "without replacement");
        assert_eq!(
            select(&frame[..10], 40, 1, "x").len(),
            10,
            "the whole frame"
        );
    }

    #[test]
    fn every_element_is_equally_likely() {
        // 20,000 draws of 3 of 10: each element ~6,000 times (binomial sd ≈ 65).
        let frame: Vec<usize> = (0..10).collect();
        let mut hits = [0u32; 10];
        for seed in 0..20_000u64 {
            for i in select(&frame, 3, seed, "s") {
                hits[i] += 1;
            }
        }
        for h in hits {
            assert!((5_700..=6_300).contains(&h), "{hits:?}");
        }
    }
}
