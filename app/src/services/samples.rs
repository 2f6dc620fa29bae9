//! Drawing who is invited to a wave. For now a simple random sample without replacement of
//! the active roster, reproducible from its seed; the stratified sample of the semi-annual
//! monitor (unit × age band, frozen population counts) comes with issue #11.

use super::{roster, Actor, Permission, ServiceError, Store};
use crate::msg;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::SeedableRng;

/// Draws `size` distinct employees at random from the active roster. The same seed on the
/// same roster gives the same sample, so a draw can be checked afterwards. Returns employee
/// ids in the order drawn.
pub async fn draw_simple(
    store: &Store,
    actor: &Actor,
    size: usize,
    seed: u64,
) -> Result<Vec<i64>, ServiceError> {
    actor.require(Permission::ManagePolls)?;
    if size == 0 {
        return Err(ServiceError::invalid("size", msg!("sample-empty")));
    }
    let population: Vec<i64> = roster::active(store, actor)
        .await?
        .into_iter()
        .map(|e| e.id)
        .collect();
    if size > population.len() {
        return Err(ServiceError::invalid(
            "size",
            msg!(
                "sample-too-large",
                size = size,
                population = population.len()
            ),
        ));
    }
    let mut rng = StdRng::seed_from_u64(seed);
    Ok(population
        .choose_multiple(&mut rng, size)
        .copied()
        .collect())
}
