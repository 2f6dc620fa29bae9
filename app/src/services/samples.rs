//! Drawing who is invited to a wave. For now a share of the active roster within each unit,
//! reproducible from its seed; the stratified sample of the semi-annual monitor (unit × age
//! band, allocation, frozen population counts) comes with issue #11.

use super::{roster, Actor, Permission, ServiceError, Store};
use crate::msg;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::SeedableRng;

/// Draws a share of the active roster within each unit: `round(share · N_u)` people of a unit
/// of N_u, but at least `min_per_unit` (the whole unit when it is smaller), so that recoding
/// can keep every unit ([`super::recoding`]). Reproducible from `seed`. Returns employee ids,
/// unit by unit (in unit-code order), each unit in the order drawn.
///
/// # Errors
/// An invalid `share` (not in (0, 1]).
pub async fn draw_by_unit(
    store: &Store,
    actor: &Actor,
    share: f64,
    min_per_unit: usize,
    seed: u64,
) -> Result<Vec<i64>, ServiceError> {
    actor.require(Permission::ManagePolls)?;
    if !(share > 0.0 && share <= 1.0) {
        return Err(ServiceError::invalid(
            "share",
            msg!("sample-share-invalid", share = share.to_string()),
        ));
    }
    let mut by_unit: std::collections::BTreeMap<String, Vec<i64>> = Default::default();
    for e in roster::active(store, actor).await? {
        by_unit.entry(e.unit_code).or_default().push(e.id);
    }
    let mut rng = StdRng::seed_from_u64(seed);
    let mut out = Vec::new();
    for ids in by_unit.values() {
        let want = ((share * ids.len() as f64).round() as usize)
            .max(min_per_unit)
            .min(ids.len());
        out.extend(ids.choose_multiple(&mut rng, want).copied());
    }
    Ok(out)
}
