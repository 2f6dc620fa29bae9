//! Reporting attributes that cannot single anyone out (issue #8 item 7; methodology.md A4
//! "*coarse* attributes copied at submit"; the local recoding of k-anonymity, Hundepool et
//! al., *Handbook on SDC* §3.4 "local suppression").
//!
//! A stored response carries the attributes its poll asks for (unit, age band, role group,
//! tenure band, …). Whoever knows the roster knows everyone's combination; a combination that
//! only one invitee has makes that person's stored response theirs, whatever the storage order.
//! So before a wave takes answers, the combinations are counted over its **audience** (every
//! invitee), and every combination held by fewer than k people gives way:
//!
//! 1. everyone in a combination below k loses the next attribute in [`GIVE_WAY`] order (tenure
//!    band, role group, age band, team, district) that they still have; counts are taken
//!    again, until every combination holds at least k people;
//! 2. the unit is never dropped (it is the sampling stratum): when a combination of the unit
//!    alone is still below k, the people of the same unit with the finest remaining
//!    combination give way too (complementary, as in the tree rule);
//! 3. a unit with fewer than k invitees cannot be protected: the action that would create it
//!    (inviting, opening) is refused with the unit named, and nothing changes.
//!
//! The result is stored per invitation (`invitation.attributes`), so the roster changing during
//! the wave changes nothing, and summarised on the wave (`wave.recoding`, a [`Report`]) for HRM:
//! which attributes were withheld for how many people, and why. Open links report the nearest
//! place in the organisation with at least k people ([`Headcounts::reported`]).

use super::entities::{employee, invitation, org_unit, wave};
use super::polls::Poll;
use super::responses::Attributes;
use super::{Refusal, ServiceError};
use crate::domain::{ReportingAttribute, WaveId};
use crate::i18n::Message;
use crate::msg;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The order in which attributes give way: the one reporting needs least first. The unit is
/// not in it: it is never dropped.
pub const GIVE_WAY: [ReportingAttribute; 5] = [
    ReportingAttribute::TenureBand,
    ReportingAttribute::RoleGroup,
    ReportingAttribute::AgeBand,
    ReportingAttribute::Team,
    ReportingAttribute::District,
];

/// What recoding did to a wave's audience, for HRM.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// The poll's reporting threshold.
    pub k: u32,
    /// People in the audience.
    pub audience: usize,
    /// Per attribute the poll stores, in the poll's order: for how many people of the
    /// audience it is not stored, because their combination was shared by fewer than k.
    pub withheld: Vec<(ReportingAttribute, usize)>,
    /// The smallest number of people sharing one stored combination (≥ k).
    pub smallest: usize,
}

impl Report {
    /// One line per attribute that was withheld for someone, in the reader's language.
    pub fn messages(&self) -> Vec<Message> {
        self.withheld
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(a, n)| {
                msg!(
                    "recoding-withheld",
                    attribute = a.as_str(),
                    people = *n,
                    audience = self.audience,
                    k = self.k
                )
            })
            .collect()
    }
}

/// Why an audience cannot be protected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Infeasible {
    /// Units with fewer than k people in the audience (the unit is never dropped): each
    /// unit's code and its number of people, in code order.
    Units(Vec<(String, usize)>),
    /// Strata (unit × age band) of a sampled wave with fewer than k people: they are never
    /// dropped either (the weights need them). Each as `unit · age band` with its people.
    Strata(Vec<(String, usize)>),
    /// The whole audience is smaller than k.
    Audience { people: usize },
}

impl Infeasible {
    pub fn into_error(self, k: usize) -> ServiceError {
        let body = match self {
            Infeasible::Units(units) => msg!(
                "recoding-units-too-small",
                units = listed(&units),
                count = units.len(),
                k = k
            ),
            Infeasible::Strata(strata) => msg!(
                "recoding-strata-too-small",
                strata = listed(&strata),
                count = strata.len(),
                k = k
            ),
            Infeasible::Audience { people } => {
                msg!("recoding-audience-too-small", people = people, k = k)
            }
        };
        ServiceError::Conflict {
            field: None,
            refusal: Box::new(
                Refusal::new(msg!("recoding-title"), body).hint(msg!("recoding-hint")),
            ),
        }
    }
}

/// Groups with their numbers of people, as a refusal lists them: `A (4), B (2)`.
fn listed(groups: &[(String, usize)]) -> String {
    groups
        .iter()
        .map(|(g, n)| format!("{g} ({n})"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Generalises each person's attributes (in audience order) until every combination is shared
/// by at least `k` people of the audience; `wanted` are the attributes the poll stores.
///
/// Deterministic: the result depends only on the audience as a multiset, so anyone holding the
/// roster can recompute it, and that is fine: every stored combination still holds ≥ k people.
///
/// # Errors
/// [`Infeasible`] when units (or, without units, the audience) have fewer than k people.
pub fn recode(
    audience: &[Attributes],
    wanted: &[ReportingAttribute],
    k: usize,
) -> Result<(Vec<Attributes>, Report), Infeasible> {
    recode_keeping(audience, wanted, k, &[ReportingAttribute::Unit])
}

/// As [`recode`], but none of `keep` (the unit, and for a sampled wave also the age band: its
/// strata) ever gives way; the people of the same kept values give way for each other.
///
/// # Errors
/// [`Infeasible`] when a group of the kept values (or, without them, the audience) has fewer
/// than k people.
pub fn recode_keeping(
    audience: &[Attributes],
    wanted: &[ReportingAttribute],
    k: usize,
    keep: &[ReportingAttribute],
) -> Result<(Vec<Attributes>, Report), Infeasible> {
    use std::collections::HashMap;
    let steps: Vec<ReportingAttribute> = GIVE_WAY
        .iter()
        .copied()
        .filter(|a| wanted.contains(a) && !keep.contains(a))
        .collect();
    let top = steps.len();
    let n = audience.len();
    // Each person's values as codes (0: none), one slot per attribute of `ALL`.
    let all = ReportingAttribute::ALL;
    let slot = |a: ReportingAttribute| all.iter().position(|x| *x == a).expect("in ALL");
    let kept_slots: Vec<usize> = keep.iter().map(|a| slot(*a)).collect();
    let same_kept = |a: &[u32; 6], b: &[u32; 6]| kept_slots.iter().all(|&s| a[s] == b[s]);
    let step_slots: Vec<usize> = steps.iter().map(|a| slot(*a)).collect();
    let mut dictionary: HashMap<&str, u32> = HashMap::new();
    let codes: Vec<[u32; 6]> = audience
        .iter()
        .map(|p| {
            let mut c = [0u32; 6];
            for (i, a) in all.iter().enumerate() {
                if let Some(v) = p.get(*a) {
                    let next = dictionary.len() as u32 + 1;
                    c[i] = *dictionary.entry(v).or_insert(next);
                }
            }
            c
        })
        .collect();
    let combo = |i: usize, level: usize| {
        let mut c = codes[i];
        for &s in &step_slots[..level] {
            c[s] = 0;
        }
        c
    };
    let mut level = vec![0usize; n];
    loop {
        let combos: Vec<[u32; 6]> = (0..n).map(|i| combo(i, level[i])).collect();
        let mut count: HashMap<[u32; 6], usize> = HashMap::new();
        for c in &combos {
            *count.entry(*c).or_default() += 1;
        }
        let small: Vec<usize> = (0..n).filter(|&i| count[&combos[i]] < k).collect();
        if small.is_empty() {
            break;
        }
        let mut raised = false;
        for &i in &small {
            if level[i] < top {
                level[i] += 1;
                raised = true;
            }
        }
        if raised {
            continue;
        }
        // Every combination below k holds only the unit (or nothing): the people of the same
        // unit whose combination is closest to that (highest level, then fewest people) give
        // way as well.
        let tops: BTreeSet<[u32; 6]> = small.iter().map(|&i| combos[i]).collect();
        let mut raise: BTreeSet<usize> = BTreeSet::new();
        let mut too_small: Vec<(String, usize)> = Vec::new();
        for c in tops {
            let candidate = (0..n)
                .filter(|&j| level[j] < top && same_kept(&combos[j], &c))
                .min_by_key(|&j| (std::cmp::Reverse(level[j]), count[&combos[j]], combos[j]));
            let Some(j) = candidate else {
                let people = count[&c];
                let i = small
                    .iter()
                    .copied()
                    .find(|&i| combos[i] == c)
                    .expect("member");
                let kept: Vec<&str> = keep.iter().filter_map(|a| audience[i].get(*a)).collect();
                if kept.is_empty() {
                    return Err(Infeasible::Audience { people });
                }
                too_small.push((kept.join(" · "), people));
                continue;
            };
            raise.extend((0..n).filter(|&i| level[i] == level[j] && combos[i] == combos[j]));
        }
        if !too_small.is_empty() {
            too_small.sort();
            return Err(if keep.len() > 1 {
                Infeasible::Strata(too_small)
            } else {
                Infeasible::Units(too_small)
            });
        }
        for i in raise {
            level[i] += 1;
        }
    }
    let assigned: Vec<Attributes> = (0..n)
        .map(|i| {
            let mut a = audience[i].clone();
            for s in &steps[..level[i]] {
                a.set(*s, None);
            }
            a
        })
        .collect();
    let mut count: BTreeMap<&Attributes, usize> = BTreeMap::new();
    for c in &assigned {
        *count.entry(c).or_default() += 1;
    }
    let report = Report {
        k: k as u32,
        audience: n,
        withheld: wanted
            .iter()
            .map(|&a| {
                let lost = (0..n)
                    .filter(|&i| audience[i].get(a).is_some() && assigned[i].get(a).is_none())
                    .count();
                (a, lost)
            })
            .collect(),
        smallest: count.values().copied().min().unwrap_or(0),
    };
    Ok((assigned, report))
}

/// Recodes the whole audience of a wave (its invitations, with their roster entries) inside
/// the caller's transaction: writes each invitation's attributes where they change and the
/// wave's [`Report`]. Returns `None` for a wave without invitations.
///
/// `strict`: refuse an audience that cannot be protected ([`Infeasible`]); otherwise (rows
/// from before recoding existed) store no attributes at all for such a wave.
pub(crate) async fn apply<C: ConnectionTrait>(
    db: &C,
    wave_id: &WaveId,
    poll: &Poll,
    strict: bool,
) -> Result<Option<Report>, ServiceError> {
    let invitations = invitation::Entity::find()
        .filter(invitation::Column::WaveId.eq(wave_id.clone()))
        .all(db)
        .await?;
    if invitations.is_empty() {
        return Ok(None);
    }
    let ids: Vec<i64> = invitations.iter().map(|i| i.employee_id).collect();
    let mut people: BTreeMap<i64, employee::Model> = BTreeMap::new();
    for chunk in ids.chunks(1000) {
        for e in employee::Entity::find()
            .filter(employee::Column::Id.is_in(chunk.iter().copied()))
            .all(db)
            .await?
        {
            people.insert(e.id, e);
        }
    }
    let audience: Vec<Attributes> = invitations
        .iter()
        .map(|i| {
            people
                .get(&i.employee_id)
                .map(|e| Attributes::of_employee(e, &poll.attributes))
                .unwrap_or_default()
        })
        .collect();
    let k = poll.min_group.get() as usize;
    // A sampled wave keeps its strata (unit × age band): its weights need them.
    let keep: &[ReportingAttribute] = if super::samples::is_sampled(db, wave_id).await? {
        &[ReportingAttribute::Unit, ReportingAttribute::AgeBand]
    } else {
        &[ReportingAttribute::Unit]
    };
    let (assigned, report) = match recode_keeping(&audience, &poll.attributes, k, keep) {
        Ok(r) => r,
        Err(e) if strict => return Err(e.into_error(k)),
        Err(_) => {
            let none = vec![Attributes::default(); audience.len()];
            let report = Report {
                k: k as u32,
                audience: audience.len(),
                withheld: poll
                    .attributes
                    .iter()
                    .map(|&a| (a, audience.iter().filter(|p| p.get(a).is_some()).count()))
                    .collect(),
                smallest: audience.len(),
            };
            (none, report)
        }
    };
    // One UPDATE per stored combination and chunk, only where it changes.
    let mut by_value: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (inv, attrs) in invitations.iter().zip(&assigned) {
        let json = serde_json::to_string(attrs).expect("attributes serialise");
        if inv.attributes.as_deref() != Some(json.as_str()) {
            by_value.entry(json).or_default().push(inv.id.clone());
        }
    }
    for (json, ids) in by_value {
        for chunk in ids.chunks(500) {
            invitation::Entity::update_many()
                .col_expr(invitation::Column::Attributes, json.clone().into())
                .filter(invitation::Column::Id.is_in(chunk.iter().cloned()))
                .exec(db)
                .await?;
        }
    }
    wave::Entity::update(wave::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(wave_id.clone()),
        recoding: Set(Some(
            serde_json::to_string(&report).expect("report serialises"),
        )),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(Some(report))
}

/// Recodes every wave with invitations from before recoding existed (`attributes` NULL), so
/// that no response is ever stored with attributes that were not checked. Such a wave whose
/// audience cannot be protected stores no attributes at all. Returns the number of waves.
pub(crate) async fn recode_pending(store: &super::Store) -> Result<usize, ServiceError> {
    let pending: BTreeSet<WaveId> = invitation::Entity::find()
        .filter(invitation::Column::Attributes.is_null())
        .all(&store.read())
        .await?
        .into_iter()
        .map(|i| i.wave_id)
        .collect();
    for id in &pending {
        let wv = super::waves::load(store, id).await?;
        let poll = super::polls::load(store, &wv.poll_id).await?;
        let w = store.write().await?;
        apply(&*w, id, &poll, false).await?;
        w.commit().await?;
    }
    Ok(pending.len())
}

/// Active employees per place in the organisation (each place counts its whole subtree), to
/// decide where open links report.
pub(crate) struct Headcounts {
    parent: BTreeMap<i64, Option<i64>>,
    people: BTreeMap<i64, usize>,
}

impl Headcounts {
    pub(crate) async fn load<C: ConnectionTrait>(db: &C) -> Result<Headcounts, ServiceError> {
        let parent: BTreeMap<i64, Option<i64>> = org_unit::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|o| (o.id, o.parent_id))
            .collect();
        let mut people: BTreeMap<i64, usize> = BTreeMap::new();
        for e in employee::Entity::find()
            .filter(employee::Column::Active.eq(true))
            .all(db)
            .await?
        {
            let mut at = Some(e.team_id);
            while let Some(id) = at {
                *people.entry(id).or_default() += 1;
                at = parent.get(&id).copied().flatten();
            }
        }
        Ok(Headcounts { parent, people })
    }

    /// The place an open link at `org_unit_id` reports: that node, or the nearest one above
    /// it whose subtree holds at least `k` active employees.
    ///
    /// # Errors
    /// A conflict when even the whole organisation has fewer than `k`.
    pub(crate) fn reported(&self, org_unit_id: i64, k: usize) -> Result<i64, ServiceError> {
        let mut at = Some(org_unit_id);
        let mut people = 0;
        while let Some(id) = at {
            people = self.people.get(&id).copied().unwrap_or(0);
            if people >= k {
                return Ok(id);
            }
            at = self.parent.get(&id).copied().flatten();
        }
        Err(Infeasible::Audience { people }.into_error(k))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ReportingAttribute::*;

    fn person(unit: &str, age: &str, role: &str, tenure: &str) -> Attributes {
        Attributes {
            unit: Some(unit.into()),
            age_band: Some(age.into()),
            role_group: Some(role.into()),
            tenure_band: Some(tenure.into()),
            ..Default::default()
        }
    }

    const MONITOR: [ReportingAttribute; 4] = [Unit, AgeBand, RoleGroup, TenureBand];

    fn smallest(assigned: &[Attributes]) -> usize {
        let mut count: BTreeMap<&Attributes, usize> = BTreeMap::new();
        assigned
            .iter()
            .for_each(|a| *count.entry(a).or_default() += 1);
        *count.values().min().unwrap()
    }

    #[test]
    fn a_combination_below_k_gives_way_in_order_and_large_ones_stay_whole() {
        let mut audience = vec![person("A", "<35", "ops", "0-5"); 12];
        audience.extend(vec![person("A", "<35", "ops", "5+"); 3]); // tenure makes them unique
        audience.extend(vec![person("A", "<35", "staf", "5+"); 8]);
        let (assigned, report) = recode(&audience, &MONITOR, 10).unwrap();
        // The twelve keep everything.
        assert!(assigned[..12].iter().all(|a| *a == audience[0]));
        // The eleven others lose tenure; role still separates 3 and 8, so role goes too.
        for a in &assigned[12..] {
            assert_eq!(a.tenure_band, None);
            assert_eq!(a.role_group, None);
            assert_eq!(a.age_band.as_deref(), Some("<35"));
        }
        assert!(smallest(&assigned) >= 10);
        assert_eq!(report.smallest, 11);
        assert_eq!(
            report.withheld,
            vec![(Unit, 0), (AgeBand, 0), (RoleGroup, 11), (TenureBand, 11)]
        );
    }

    #[test]
    fn a_sampled_wave_keeps_its_strata_and_refuses_a_stratum_below_k() {
        // Age band would give way for the three; in a sample it is a stratum and stays.
        let mut audience = vec![person("A", "<35", "ops", "0-5"); 12];
        audience.extend(vec![person("A", "55+", "ops", "0-5"); 10]);
        audience.extend(vec![person("A", "55+", "staf", "5+"); 3]);
        let keep = [Unit, AgeBand];
        let (assigned, report) = recode_keeping(&audience, &MONITOR, 10, &keep).unwrap();
        assert!(assigned.iter().all(|a| a.age_band.is_some()));
        assert_eq!(report.withheld[1], (AgeBand, 0));
        assert!(smallest(&assigned) >= 10);
        // A stratum of fewer than k cannot be kept anonymous: refused, named.
        audience.push(person("A", "35-54", "ops", "0-5"));
        assert_eq!(
            recode_keeping(&audience, &MONITOR, 10, &keep).unwrap_err(),
            Infeasible::Strata(vec![("A · 35-54".into(), 1)])
        );
        // Without the sample the one gives way to the unit, and the unit is large enough.
        assert!(recode(&audience, &MONITOR, 10).is_ok());
    }

    #[test]
    fn when_only_the_unit_is_left_the_finest_group_of_that_unit_gives_way_too() {
        let mut audience = vec![person("A", "<35", "ops", "0-5"); 12];
        audience.push(person("A", "55+", "staf", "5+")); // alone whatever is dropped
        audience.extend(vec![person("B", "<35", "ops", "0-5"); 10]);
        let (assigned, _) = recode(&audience, &MONITOR, 10).unwrap();
        assert!(smallest(&assigned) >= 10, "{assigned:?}");
        // Unit A is stored as the unit alone, for all thirteen; unit B keeps everything.
        assert!(assigned[..13].iter().all(|a| a.unit.as_deref() == Some("A")
            && a.age_band.is_none()
            && a.role_group.is_none()));
        assert!(assigned[13..].iter().all(|a| *a == audience[13]));
    }

    #[test]
    fn a_unit_with_fewer_than_k_invitees_cannot_be_protected() {
        let mut audience = vec![person("A", "<35", "ops", "0-5"); 12];
        audience.extend(vec![person("B", "<35", "ops", "0-5"); 4]);
        assert_eq!(
            recode(&audience, &MONITOR, 10).unwrap_err(),
            Infeasible::Units(vec![("B".into(), 4)])
        );
        audience.extend(vec![person("C", "55+", "ops", "0-5"); 2]);
        assert_eq!(
            recode(&audience, &MONITOR, 10).unwrap_err(),
            Infeasible::Units(vec![("B".into(), 4), ("C".into(), 2)]),
            "every unit that is too small is named at once"
        );
        let few = vec![Attributes::default(); 3];
        assert_eq!(
            recode(&few, &[AgeBand], 5).unwrap_err(),
            Infeasible::Audience { people: 3 }
        );
    }

    /// Random audiences: every stored combination holds at least k people, and nobody's
    /// stored value ever differs from their own (attributes are only withheld, never changed).
    #[test]
    fn every_stored_combination_holds_at_least_k_people_of_random_audiences() {
        use rand::{Rng, SeedableRng};
        for seed in 0..200u64 {
            let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
            let units = 1 + rng.random_range(0..3);
            let audience: Vec<Attributes> = (0..rng.random_range(10..120))
                .map(|i| {
                    let pick = |rng: &mut rand::rngs::StdRng, xs: &[&str]| {
                        xs[rng.random_range(0..xs.len())].to_string()
                    };
                    Attributes {
                        unit: Some(format!("U{}", i % units)),
                        district: Some(pick(&mut rng, &["d1", "d2"])),
                        team: Some(pick(&mut rng, &["t1", "t2", "t3"])),
                        age_band: Some(pick(&mut rng, &["<35", "35-54", "55+"])),
                        role_group: Some(pick(&mut rng, &["ops", "staf", "lead"])),
                        tenure_band: Some(pick(&mut rng, &["0-5", "5-15", "15+"])),
                    }
                })
                .collect();
            let wanted = ReportingAttribute::ALL;
            match recode(&audience, wanted, 10) {
                Ok((assigned, report)) => {
                    assert!(smallest(&assigned) >= 10, "seed {seed}");
                    assert_eq!(report.smallest, smallest(&assigned));
                    for (a, r) in assigned.iter().zip(&audience) {
                        for &x in wanted {
                            assert!(a.get(x).is_none() || a.get(x) == r.get(x), "seed {seed}");
                        }
                        assert_eq!(a.unit, r.unit);
                    }
                }
                Err(Infeasible::Units(units)) => {
                    assert!(units.iter().all(|(_, n)| *n < 10), "seed {seed}")
                }
                Err(e) => panic!("seed {seed}: {e:?}"),
            }
        }
    }
}
