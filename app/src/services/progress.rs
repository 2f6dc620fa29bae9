//! The live response rate of a wave (issue #11; methodology.md A3): per unit and team how many
//! were invited and how many answered, and the response over time by day.
//!
//! A count that moves by one tells who just answered, so every "answered" is rounded down to
//! a multiple of the poll's k (it moves in steps of k), and a group with fewer than k invitees
//! shows neither count. Nor does a count ever come within k of the group's size: "12 of 12"
//! would say that everyone answered, "10 of 12" that only two did not; so at most
//! invited − k is shown (rounded down to k as well). The daily figures are taken by the server's background job
//! ([`record`]), never on the answering path.

use super::entities::{employee, invitation, org_unit, wave, wave_progress};
use super::{polls, Actor, Permission, ServiceError, Store};
use crate::domain::{WaveId, WaveStatus};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::BTreeMap;

/// One group of the monitor. `None`: fewer than k invitees, nothing shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupProgress {
    pub code: String,
    pub name: String,
    /// `true` for a team (shown under its unit), `false` for a unit.
    pub team: bool,
    pub invited: Option<u64>,
    /// Rounded down to a multiple of k.
    pub answered: Option<u64>,
}

/// A wave's response as HRM watches it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress {
    pub k: u64,
    pub invited: u64,
    /// Rounded down to a multiple of k.
    pub answered: u64,
    /// Units, each followed by its teams, in code order.
    pub groups: Vec<GroupProgress>,
    /// `(day, answered rounded down to k)`, oldest first.
    pub days: Vec<(time::Date, u64)>,
}

fn floor_to(n: u64, k: u64) -> u64 {
    (n / k) * k
}

/// How many answered, as a page may show it: at most `invited − k`, in steps of k.
fn shown_answered(answered: u64, invited: u64, k: u64) -> u64 {
    floor_to(answered.min(invited.saturating_sub(k)), k)
}

/// The response of a wave, in steps of k.
pub async fn of_wave(
    store: &Store,
    actor: &Actor,
    wave_id: &WaveId,
) -> Result<Progress, ServiceError> {
    actor.require(Permission::ManagePolls)?;
    let wv = super::waves::load(store, wave_id).await?;
    let k = u64::from(polls::load(store, &wv.poll_id).await?.min_group.get());
    let invitations = invitation::Entity::find()
        .filter(invitation::Column::WaveId.eq(wave_id.clone()))
        .all(&store.read())
        .await?;
    let ids: Vec<i64> = invitations.iter().map(|i| i.employee_id).collect();
    let mut place: BTreeMap<i64, (String, String)> = BTreeMap::new();
    for chunk in ids.chunks(1000) {
        for e in employee::Entity::find()
            .filter(employee::Column::Id.is_in(chunk.iter().copied()))
            .all(&store.read())
            .await?
        {
            place.insert(e.id, (e.unit_code, e.team_code));
        }
    }
    let names: BTreeMap<String, String> = org_unit::Entity::find()
        .all(&store.read())
        .await?
        .into_iter()
        .map(|n| (n.code, n.name))
        .collect();
    // unit → ((invited, answered), team → (invited, answered))
    type Counts = (u64, u64);
    let mut units: BTreeMap<String, (Counts, BTreeMap<String, Counts>)> = BTreeMap::new();
    let mut answered = 0;
    for i in &invitations {
        answered += u64::from(i.completed);
        let Some((unit, team)) = place.get(&i.employee_id) else {
            continue;
        };
        let u = units.entry(unit.clone()).or_default();
        u.0 .0 += 1;
        u.0 .1 += u64::from(i.completed);
        let t = u.1.entry(team.clone()).or_default();
        t.0 += 1;
        t.1 += u64::from(i.completed);
    }
    let shown = |code: &str, team: bool, (inv, ans): Counts| {
        let big = inv >= k;
        GroupProgress {
            code: code.to_string(),
            name: names.get(code).cloned().unwrap_or_else(|| code.to_string()),
            team,
            invited: big.then_some(inv),
            answered: big.then_some(shown_answered(ans, inv, k)),
        }
    };
    let mut groups = Vec::new();
    for (unit, (counts, teams)) in &units {
        groups.push(shown(unit, false, *counts));
        for (team, c) in teams {
            groups.push(shown(team, true, *c));
        }
    }
    let days = wave_progress::Entity::find()
        .filter(wave_progress::Column::WaveId.eq(wave_id.clone()))
        .order_by_asc(wave_progress::Column::Day)
        .all(&store.read())
        .await?
        .into_iter()
        .map(|d| {
            let n = Ord::max(d.answered, 0) as u64;
            (d.day, shown_answered(n, invitations.len() as u64, k))
        })
        .collect();
    Ok(Progress {
        k,
        invited: invitations.len() as u64,
        answered: shown_answered(answered, invitations.len() as u64, k),
        groups,
        days,
    })
}

/// Records, for every open wave with invitees, how many have answered today (one row per
/// wave and day, replaced as the day goes on). Run by the server's background job.
pub async fn record(store: &Store, actor: &Actor, today: time::Date) -> Result<(), ServiceError> {
    actor.require(Permission::ManagePolls)?;
    let open = wave::Entity::find()
        .filter(wave::Column::Status.eq(WaveStatus::Open))
        .filter(wave::Column::Invited.gt(0))
        .all(&store.read())
        .await?;
    for wv in open {
        use sea_orm::PaginatorTrait;
        let answered = invitation::Entity::find()
            .filter(invitation::Column::WaveId.eq(wv.id.clone()))
            .filter(invitation::Column::Completed.eq(true))
            .count(&store.read())
            .await?;
        let w = store.write().await?;
        wave_progress::Entity::delete_by_id((wv.id.clone(), today))
            .exec(&*w)
            .await?;
        wave_progress::Entity::insert(wave_progress::ActiveModel {
            wave_id: Set(wv.id.clone()),
            day: Set(today),
            answered: Set(answered as i32),
        })
        .exec_without_returning(&*w)
        .await?;
        w.commit().await?;
    }
    Ok(())
}
