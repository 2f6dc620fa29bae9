//! Drawing who is invited to a wave.
//!
//! - [`draw`]: the **stratified random sample** of the semi-annual monitor — strata unit ×
//!   age band over the active roster (within the wave's audience), proportional allocation or
//!   with a minimum per stratum, a recorded seed, and survey-fatigue control (people invited to
//!   a wave in the last *n* months left out). The population N_h of every stratum is frozen with
//!   the wave at the draw: it becomes the wave's `population.csv` and `margins.csv`
//!   ([`super::results`]), so the weights stay right whatever the roster does later. The
//!   arithmetic and the random stream are `analysis::sampling`'s, documented there.
//! - [`draw_by_unit`]: a share per unit (the demo's history).

use super::entities::{employee, invitation, wave, wave_sample, wave_stratum};
use super::{audit, invitations, polls, roster, waves, Actor, Permission, ServiceError, Store};
use crate::domain::{ReportingAttribute, WaveId, WaveStatus};
use crate::msg;
use analysis::sampling::{allocate, select, Allocation, AllocationError};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::SeedableRng;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

/// How a sample is to be drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SampleSpec {
    /// People to draw in all.
    pub total: u64,
    pub allocation: Allocation,
    /// Recorded with the wave; the same seed on the same frame draws the same people.
    pub seed: u64,
    /// Leave out people invited to a wave that opens (or opened) in the last this many months.
    pub exclude_months: Option<u32>,
}

/// One stratum of a drawn sample, as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stratum {
    pub unit: String,
    pub age_band: String,
    /// N_h: active people of the stratum (in the audience) at the draw.
    pub population: u64,
    /// F_h: of those, the people that could be drawn (after fatigue control).
    pub frame: u64,
    pub planned: u64,
    pub drawn: u64,
}

/// A wave's drawn sample.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sample {
    pub total: u64,
    pub allocation: Allocation,
    pub seed: u64,
    pub exclude_months: Option<u32>,
    pub frame_digest: String,
    pub drawn_on: time::Date,
    pub strata: Vec<Stratum>,
}

/// Whether a wave was drawn as a sample (on the caller's connection, so inside its
/// transaction): its strata, unit × age band, are frozen with it.
pub(crate) async fn is_sampled<C: sea_orm::ConnectionTrait>(
    db: &C,
    wave_id: &WaveId,
) -> Result<bool, ServiceError> {
    Ok(wave_sample::Entity::find_by_id(wave_id.clone())
        .one(db)
        .await?
        .is_some())
}

/// The stratum label a response's unit and age band make (`population.csv`'s `stratum`).
pub fn stratum_label(unit: &str, age_band: &str) -> String {
    format!("{unit}|{age_band}")
}

/// Draws the stratified sample of a draft wave and invites everyone drawn, in one
/// transaction: the strata with their frozen populations, the invitations (with their
/// recoding, which keeps unit and age band), and an audit entry with the seed.
///
/// # Errors
/// - `Conflict` when the wave is not a draft or already has invitations;
/// - `Invalid` on `attributes` when the poll does not store unit and age band (the strata);
///   on `total` for a sample of 0 or larger than the people that can be drawn; on `minimum`
///   when the floors need more than the total, or when a stratum would get fewer than the
///   poll's k (it could be neither reported nor kept anonymous).
pub async fn draw(
    store: &Store,
    actor: &Actor,
    wave_id: &WaveId,
    spec: &SampleSpec,
) -> Result<Sample, ServiceError> {
    actor.require(Permission::ManagePolls)?;
    let wv = waves::get(store, actor, wave_id).await?;
    let poll = polls::load(store, &wv.poll_id).await?;
    if wv.status != WaveStatus::Draft || wv.invited > 0 {
        return Err(ServiceError::conflict(
            "wave",
            msg!("sample-wave-not-draft", label = wv.label.as_str()),
        ));
    }
    if !(poll.wants(ReportingAttribute::Unit) && poll.wants(ReportingAttribute::AgeBand)) {
        return Err(ServiceError::invalid(
            "attributes",
            msg!("sample-needs-strata"),
        ));
    }
    if spec.total == 0 {
        return Err(ServiceError::invalid("total", msg!("sample-total-zero")));
    }
    let k = u64::from(poll.min_group.get());
    let today = super::today();

    // The frame: active people of the audience, by stratum, in employee-number order.
    let recently = match spec.exclude_months {
        Some(m) if m > 0 => recently_invited(store, wave_id, today, m).await?,
        _ => BTreeSet::new(),
    };
    let people = audience_people(store, actor, &wv).await?;
    // (unit, age band) → (N_h, frame ids)
    let mut strata: BTreeMap<(String, String), (u64, Vec<i64>)> = BTreeMap::new();
    let mut digest = Sha256::new();
    for e in &people {
        let s = strata
            .entry((e.unit_code.clone(), e.age_band.clone()))
            .or_default();
        s.0 += 1;
        if !recently.contains(&e.id) {
            s.1.push(e.id);
        }
    }
    for ((unit, age), (_, frame)) in &strata {
        digest.update(stratum_label(unit, age).as_bytes());
        digest.update([0]);
        for id in frame {
            digest.update(id.to_be_bytes());
        }
    }
    let sizes: Vec<u64> = strata.values().map(|s| s.0).collect();
    let caps: Vec<u64> = strata.values().map(|s| s.1.len() as u64).collect();
    let planned = allocate(&sizes, &caps, spec.total, spec.allocation).map_err(|e| match e {
        AllocationError::TooLarge { total, available } => ServiceError::invalid(
            "total",
            msg!("sample-too-large", total = total, available = available),
        ),
        AllocationError::MinimumTooLarge { needed, total } => ServiceError::invalid(
            "minimum",
            msg!("sample-minimum-too-large", needed = needed, total = total),
        ),
        e @ (AllocationError::Shape | AllocationError::Internal) => {
            ServiceError::corrupt("sample allocation", e)
        }
    })?;
    // Every stratum needs k people drawn: fewer can be neither reported nor kept anonymous
    // (unit and age band are always stored in a sample).
    let short: Vec<String> = strata
        .keys()
        .zip(&planned)
        .filter(|(_, &n)| n < k)
        .map(|((u, a), n)| format!("{u} · {a} ({n})"))
        .collect();
    if !short.is_empty() {
        let left_out: u64 = strata.values().map(|s| s.0 - s.1.len() as u64).sum();
        return Err(ServiceError::invalid(
            "minimum",
            msg!(
                "sample-strata-too-small",
                strata = short.join(", "),
                count = short.len(),
                k = k,
                left_out = left_out
            ),
        ));
    }
    let mut drawn: Vec<i64> = Vec::new();
    let mut rows: Vec<Stratum> = Vec::new();
    for (((unit, age), (population, frame)), &n) in strata.iter().zip(&planned) {
        let chosen = select(frame, n as usize, spec.seed, &stratum_label(unit, age));
        rows.push(Stratum {
            unit: unit.clone(),
            age_band: age.clone(),
            population: *population,
            frame: frame.len() as u64,
            planned: n,
            drawn: chosen.len() as u64,
        });
        drawn.extend(chosen);
    }
    let frame_digest = hex::encode(digest.finalize());
    let (allocation, minimum) = match spec.allocation {
        Allocation::Proportional => ("proportional", None),
        Allocation::Minimum(m) => ("minimum", Some(m as i32)),
    };
    let w = store.write().await?;
    // Checked again under the writer: two draws at once make one sample.
    let fresh = wave::Entity::find_by_id(wave_id.clone()).one(&*w).await?;
    if fresh.is_none_or(|f| f.invited > 0 || f.status != WaveStatus::Draft) {
        return Err(ServiceError::conflict(
            "wave",
            msg!("sample-wave-not-draft", label = wv.label.as_str()),
        ));
    }
    wave_sample::Entity::insert(wave_sample::ActiveModel {
        wave_id: Set(wave_id.clone()),
        total: Set(spec.total as i32),
        allocation: Set(allocation.into()),
        minimum: Set(minimum),
        seed: Set(spec.seed.to_string()),
        exclude_months: Set(spec.exclude_months.map(|m| m as i32)),
        frame_digest: Set(frame_digest.clone()),
        drawn_on: Set(today),
        drawn_at: Set(time::OffsetDateTime::now_utc()),
    })
    .exec_without_returning(&*w)
    .await?;
    wave_stratum::Entity::insert_many(rows.iter().map(|s| wave_stratum::ActiveModel {
        wave_id: Set(wave_id.clone()),
        unit_code: Set(s.unit.clone()),
        age_band: Set(s.age_band.clone()),
        population: Set(s.population as i32),
        frame: Set(s.frame as i32),
        planned: Set(s.planned as i32),
        drawn: Set(s.drawn as i32),
        ..Default::default()
    }))
    .exec_without_returning(&*w)
    .await?;
    invitations::invite_in(store, &*w, actor, wave_id, &drawn).await?;
    audit::record(
        &*w,
        actor,
        "wave.sample",
        wave_id.as_str(),
        &format!(
            "{} drawn of {} in {} strata, seed {}, frame {}",
            drawn.len(),
            people.len(),
            rows.len(),
            spec.seed,
            &frame_digest[..16]
        ),
    )
    .await?;
    w.commit().await?;
    store.forget_cached();
    Ok(Sample {
        total: spec.total,
        allocation: spec.allocation,
        seed: spec.seed,
        exclude_months: spec.exclude_months,
        frame_digest,
        drawn_on: today,
        strata: rows,
    })
}

/// The active people of a wave's audience, in employee-number order (the sample's frame).
async fn audience_people(
    store: &Store,
    actor: &Actor,
    wv: &wave::Model,
) -> Result<Vec<employee::Model>, ServiceError> {
    let (teams, _) = waves::audience_teams(store, actor, wv).await?;
    let in_audience: BTreeSet<i64> = teams.iter().map(|t| t.0).collect();
    let mut people: Vec<employee::Model> = roster::active(store, actor)
        .await?
        .into_iter()
        .filter(|e| in_audience.contains(&e.team_id))
        .collect();
    people.sort_by(|a, b| a.employee_number.cmp(&b.employee_number));
    Ok(people)
}

/// People with an invitation to another wave that opens on or after `months` before `today`.
async fn recently_invited(
    store: &Store,
    this: &WaveId,
    today: time::Date,
    months: u32,
) -> Result<BTreeSet<i64>, ServiceError> {
    let since = months_before(today, months);
    let waves: Vec<WaveId> = wave::Entity::find()
        .filter(wave::Column::OpensOn.gte(since))
        .filter(wave::Column::Id.ne(this.clone()))
        .all(&store.read())
        .await?
        .into_iter()
        .map(|w| w.id)
        .collect();
    let mut out = BTreeSet::new();
    for chunk in waves.chunks(200) {
        for i in invitation::Entity::find()
            .filter(invitation::Column::WaveId.is_in(chunk.iter().cloned()))
            .all(&store.read())
            .await?
        {
            out.insert(i.employee_id);
        }
    }
    Ok(out)
}

/// The same day `months` months earlier (the month's last day when it has fewer days).
pub fn months_before(d: time::Date, months: u32) -> time::Date {
    let total = d.year() * 12 + (d.month() as i32 - 1) - months as i32;
    let (year, month0) = (total.div_euclid(12), total.rem_euclid(12));
    let month = time::Month::try_from(month0 as u8 + 1).expect("1..=12");
    let day = d.day().min(month.length(year));
    time::Date::from_calendar_date(year, month, day).expect("a valid day")
}

/// A wave's sample, when it was drawn from one.
pub async fn of_wave(
    store: &Store,
    actor: &Actor,
    wave_id: &WaveId,
) -> Result<Option<Sample>, ServiceError> {
    if !actor.may(Permission::ExportResults) {
        actor.require(Permission::ManagePolls)?;
    }
    let Some(s) = wave_sample::Entity::find_by_id(wave_id.clone())
        .one(&store.read())
        .await?
    else {
        return Ok(None);
    };
    let strata = wave_stratum::Entity::find()
        .filter(wave_stratum::Column::WaveId.eq(wave_id.clone()))
        .order_by_asc(wave_stratum::Column::UnitCode)
        .order_by_asc(wave_stratum::Column::AgeBand)
        .all(&store.read())
        .await?
        .into_iter()
        .map(|r| Stratum {
            unit: r.unit_code,
            age_band: r.age_band,
            population: r.population as u64,
            frame: r.frame as u64,
            planned: r.planned as u64,
            drawn: r.drawn as u64,
        })
        .collect();
    Ok(Some(Sample {
        total: s.total as u64,
        allocation: match (s.allocation.as_str(), s.minimum) {
            ("minimum", Some(m)) => Allocation::Minimum(m as u64),
            _ => Allocation::Proportional,
        },
        seed: s
            .seed
            .parse()
            .map_err(|e| ServiceError::corrupt(format!("wave {wave_id} seed"), e))?,
        exclude_months: s.exclude_months.map(|m| m as u32),
        frame_digest: s.frame_digest,
        drawn_on: s.drawn_on,
        strata,
    }))
}

/// Invites everyone active in a draft wave's audience (a flash poll's census), in one
/// transaction.
///
/// # Errors
/// `Conflict` when the wave is not a draft or already has invitations; as
/// [`invitations::invite`] otherwise.
pub async fn invite_audience(
    store: &Store,
    actor: &Actor,
    wave_id: &WaveId,
) -> Result<u64, ServiceError> {
    actor.require(Permission::ManagePolls)?;
    let wv = waves::get(store, actor, wave_id).await?;
    if wv.status == WaveStatus::Closed || wv.invited > 0 {
        return Err(ServiceError::conflict(
            "wave",
            msg!("invite-wave-not-fresh", label = wv.label.as_str()),
        ));
    }
    let ids: Vec<i64> = audience_people(store, actor, &wv)
        .await?
        .into_iter()
        .map(|e| e.id)
        .collect();
    if ids.is_empty() {
        return Err(ServiceError::conflict("wave", msg!("invite-nobody")));
    }
    let w = store.write().await?;
    let fresh = wave::Entity::find_by_id(wave_id.clone()).one(&*w).await?;
    if fresh.is_none_or(|f| f.invited > 0) {
        return Err(ServiceError::conflict(
            "wave",
            msg!("invite-wave-not-fresh", label = wv.label.as_str()),
        ));
    }
    invitations::invite_in(store, &*w, actor, wave_id, &ids).await?;
    w.commit().await?;
    store.forget_cached();
    Ok(ids.len() as u64)
}

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
    let mut by_unit: BTreeMap<String, Vec<i64>> = Default::default();
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

#[cfg(test)]
mod tests {
    use super::months_before;
    use time::macros::date;

    #[test]
    fn months_back_stay_on_real_days() {
        assert_eq!(
            months_before(date!(2026 - 12 - 01), 6),
            date!(2026 - 06 - 01)
        );
        assert_eq!(
            months_before(date!(2026 - 03 - 31), 1),
            date!(2026 - 02 - 28)
        );
        assert_eq!(
            months_before(date!(2026 - 01 - 15), 13),
            date!(2024 - 12 - 15)
        );
        assert_eq!(
            months_before(date!(2024 - 05 - 31), 3),
            date!(2024 - 02 - 29)
        );
    }
}
