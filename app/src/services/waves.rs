//! Waves (*golven*) of a poll: created as a draft or open, opened, and closed. Closing is
//! where the anonymity model finishes its work: every sealed response of the wave is opened,
//! the whole wave is written to `response` in random order under new random keys,
//! invitations are rewritten in random order too, and the freed space is reclaimed (and the
//! SQLite log checkpointed) so no trace of the arrival order is left in the tables.

use super::entities::{form_nonce, invitation, response, wave};
use super::responses::{flush_buffer, insert_responses, open_sealed, ResponseRow};
use super::{audit, polls, Actor, Permission, Refusal, ServiceError, Store};
use crate::domain::{PollId, WaveId, WaveStatus};
use crate::msg;
use rand::seq::SliceRandom;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use time::Date;

/// A wave to create.
#[derive(Clone, Debug)]
pub struct NewWave {
    pub poll: PollId,
    /// `YYYY-H1`, `YYYY-Q3`, … : waves sort by label.
    pub label: String,
    pub opens_on: Date,
    pub closes_on: Date,
    /// `Draft` (open it later), `Open` (takes answers from `opens_on`), or `Closed` for a
    /// period that is over, to import its history.
    pub status: WaveStatus,
    /// The organisation codes (units, districts, teams) the wave is for; empty: the whole
    /// organisation.
    pub audience: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CloseSummary {
    pub responses: usize,
    pub invitations: usize,
}

/// A wave as the workspace's lists show it.
pub fn row(w: wave::Model) -> crate::domain::WaveRow {
    crate::domain::WaveRow {
        audience: audience_of(&w).unwrap_or_default(),
        audience_size: None,
        id: w.id.as_str().to_string(),
        label: w.label,
        status: w.status,
        opens_on: w.opens_on.to_string(),
        closes_on: w.closes_on.to_string(),
        invited: w.invited,
    }
}

/// There is no wave with this id.
pub fn unknown_wave(id: &str) -> ServiceError {
    ServiceError::not_found(Refusal::new(
        msg!("unknown-wave-title"),
        msg!("unknown-wave-body", id = id),
    ))
}

/// Creates a wave of a poll.
pub async fn create(store: &Store, actor: &Actor, new: NewWave) -> Result<WaveId, ServiceError> {
    actor.require(Permission::ManagePolls)?;
    polls::load(store, &new.poll).await?;
    if new.closes_on < new.opens_on {
        return Err(ServiceError::invalid(
            "closes_on",
            msg!(
                "wave-dates-reversed",
                opens = new.opens_on.to_string(),
                closes = new.closes_on.to_string()
            ),
        ));
    }
    // A closed wave can only be created for a period that is over, to hold history
    // (see `responses::import_history`).
    if new.status == WaveStatus::Closed && new.closes_on >= super::today() {
        return Err(ServiceError::invalid("status", msg!("invalid-body")));
    }
    let audience = checked_audience(store, &new.audience).await?;
    let id = WaveId::random();
    let w = store.write().await?;
    wave::Entity::insert(wave::ActiveModel {
        audience: Set(audience),
        id: Set(id.clone()),
        poll_id: Set(new.poll.clone()),
        label: Set(new.label.clone()),
        opens_on: Set(new.opens_on),
        closes_on: Set(new.closes_on),
        status: Set(new.status),
        invited: Set(0),
        recoding: Set(None),
        links_exported_at: Set(None),
    })
    .exec_without_returning(&*w)
    .await
    .map_err(|e| {
        ServiceError::on_unique(
            e,
            "label",
            msg!("wave-label-taken", label = new.label.as_str()),
        )
    })?;
    audit::record(&*w, actor, "wave.create", id.as_str(), &new.label).await?;
    w.commit().await?;
    Ok(id)
}

/// The stored form of an audience: sorted, without doubles, every code a node of the
/// organisation; `None` for the whole organisation (no codes, or its root).
async fn checked_audience(store: &Store, codes: &[String]) -> Result<Option<String>, ServiceError> {
    use super::entities::org_unit;
    let nodes = org_unit::Entity::find().all(&store.read()).await?;
    let mut wanted: Vec<String> = codes
        .iter()
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
        .collect();
    wanted.sort();
    wanted.dedup();
    if let Some(unknown) = wanted.iter().find(|c| !nodes.iter().any(|n| &n.code == *c)) {
        return Err(ServiceError::invalid(
            "audience",
            msg!("wave-audience-unknown", code = unknown.clone()),
        ));
    }
    let root = nodes
        .iter()
        .find(|n| n.parent_id.is_none())
        .map(|n| &n.code);
    if wanted.is_empty() || wanted.iter().any(|c| Some(c) == root) {
        return Ok(None);
    }
    Ok(Some(
        serde_json::to_string(&wanted).expect("codes serialise"),
    ))
}

/// The organisation codes of a wave's audience; empty for the whole organisation.
pub fn audience_of(w: &wave::Model) -> Result<Vec<String>, ServiceError> {
    match &w.audience {
        None => Ok(Vec::new()),
        Some(json) => serde_json::from_str(json)
            .map_err(|e| ServiceError::corrupt(format!("wave {} audience", w.id), e)),
    }
}

/// The teams of a wave's audience (`(node id, code, name)`, by name) and the number of active
/// employees in them.
pub async fn audience_teams(
    store: &Store,
    actor: &Actor,
    w: &wave::Model,
) -> Result<(Vec<(i64, String, String)>, u64), ServiceError> {
    use super::entities::{employee, org_unit};
    use sea_orm::PaginatorTrait;
    actor.require(Permission::ManagePolls)?;
    let codes = audience_of(w)?;
    let nodes = org_unit::Entity::find().all(&store.read()).await?;
    let parent: std::collections::HashMap<i64, Option<i64>> =
        nodes.iter().map(|n| (n.id, n.parent_id)).collect();
    let chosen: std::collections::HashSet<i64> = nodes
        .iter()
        .filter(|n| codes.contains(&n.code))
        .map(|n| n.id)
        .collect();
    let inside = |mut id: i64| loop {
        if codes.is_empty() || chosen.contains(&id) {
            return true;
        }
        match parent.get(&id).copied().flatten() {
            Some(p) => id = p,
            None => return false,
        }
    };
    let mut teams: Vec<(i64, String, String)> = nodes
        .iter()
        .filter(|n| n.level == crate::domain::OrgLevel::Team && inside(n.id))
        .map(|n| (n.id, n.code.clone(), n.name.clone()))
        .collect();
    teams.sort_by(|a, b| a.2.cmp(&b.2).then(a.1.cmp(&b.1)));
    let ids: Vec<i64> = teams.iter().map(|t| t.0).collect();
    let mut people = 0;
    for chunk in ids.chunks(500) {
        people += employee::Entity::find()
            .filter(employee::Column::Active.eq(true))
            .filter(employee::Column::TeamId.is_in(chunk.iter().copied()))
            .count(&store.read())
            .await?;
    }
    Ok((teams, people))
}

/// A wave by id.
pub async fn get(store: &Store, actor: &Actor, id: &WaveId) -> Result<wave::Model, ServiceError> {
    actor.require(Permission::ReadPolls)?;
    load(store, id).await
}

pub(crate) async fn load(store: &Store, id: &WaveId) -> Result<wave::Model, ServiceError> {
    wave::Entity::find_by_id(id.clone())
        .one(&store.read())
        .await?
        .ok_or_else(|| unknown_wave(id.as_str()))
}

/// The waves of a poll, by label.
pub async fn of_poll(
    store: &Store,
    actor: &Actor,
    poll: &PollId,
) -> Result<Vec<wave::Model>, ServiceError> {
    actor.require(Permission::ReadPolls)?;
    Ok(wave::Entity::find()
        .filter(wave::Column::PollId.eq(poll.clone()))
        .order_by_asc(wave::Column::Label)
        .all(&store.read())
        .await?)
}

/// What recoding did to the attributes a wave's responses carry (`None` before anyone is
/// invited), for HRM.
pub async fn recoding(
    store: &Store,
    actor: &Actor,
    id: &WaveId,
) -> Result<Option<super::recoding::Report>, ServiceError> {
    actor.require(Permission::ReadPolls)?;
    load(store, id)
        .await?
        .recoding
        .map(|r| {
            serde_json::from_str(&r)
                .map_err(|e| ServiceError::corrupt(format!("wave {id} recoding"), e))
        })
        .transpose()
}

/// Opens a draft wave for answers, after recoding its audience once more
/// ([`super::recoding`]): a wave whose audience cannot be protected does not open.
pub async fn open(store: &Store, actor: &Actor, id: &WaveId) -> Result<(), ServiceError> {
    actor.require(Permission::ManagePolls)?;
    let wv = load(store, id).await?;
    let poll = polls::load(store, &wv.poll_id).await?;
    let w = store.write().await?;
    let res = wave::Entity::update_many()
        .col_expr(wave::Column::Status, WaveStatus::Open.as_str().into())
        .filter(wave::Column::Id.eq(id.clone()))
        .filter(wave::Column::Status.eq(WaveStatus::Draft))
        .exec(&*w)
        .await?;
    if res.rows_affected == 0 {
        drop(w);
        load(store, id).await?;
        return Err(ServiceError::Conflict {
            field: None,
            refusal: Box::new(Refusal::new(
                msg!("wave-state-title"),
                msg!("wave-not-draft-body", id = id.as_str()),
            )),
        });
    }
    // A sampled wave keeps the attributes of its draw (its strata are frozen with it); any
    // other wave takes its audience's attributes as they are now.
    if !super::samples::is_sampled(&*w, id).await? {
        super::recoding::apply(&*w, id, &poll, true).await?;
    }
    audit::record(&*w, actor, "wave.open", id.as_str(), "").await?;
    w.commit().await?;
    store.forget_cached();
    Ok(())
}

/// Closes a wave: no more answers, and its stored order is scrambled (methodology.md A4);
/// then the poll's results over its closed waves are analysed and kept
/// ([`super::team_results::of_poll`]).
pub async fn close(
    store: &Store,
    actor: &Actor,
    id: &WaveId,
) -> Result<CloseSummary, ServiceError> {
    actor.require(Permission::ManagePolls)?;
    let poll_id;
    let summary = {
        let w = store.write().await?;
        // The wave's row is locked (PostgreSQL; SQLite has one writer anyway): a second close
        // at the same moment, by another server's job or a second click, waits here and then
        // finds the wave closed, instead of rewriting its responses a second time.
        let wv = wave::Entity::find_by_id(id.clone())
            .lock_exclusive()
            .one(&*w)
            .await?
            .ok_or_else(|| unknown_wave(id.as_str()))?;
        if wv.status == WaveStatus::Closed {
            return Err(ServiceError::Conflict {
                field: None,
                refusal: Box::new(Refusal::new(
                    msg!("wave-state-title"),
                    msg!("wave-already-closed-body", id = id.as_str()),
                )),
            });
        }
        poll_id = wv.poll_id.clone();
        wave::Entity::update_many()
            .col_expr(wave::Column::Status, WaveStatus::Closed.as_str().into())
            .filter(wave::Column::Id.eq(id.clone()))
            .exec(&*w)
            .await?;
        flush_buffer(&*w, id).await?;
        let sealed = open_sealed(&*w, store.key(), id).await?;
        let mut rows: Vec<ResponseRow> = response::Entity::delete_many()
            .filter(response::Column::WaveId.eq(id.clone()))
            .exec_with_returning(&*w)
            .await?
            .into_iter()
            .map(Into::into)
            .chain(sealed)
            .collect();
        rows.shuffle(&mut rand::rng());
        let responses = rows.len();
        insert_responses(&*w, rows).await?;

        // Mail still waiting for this wave is withdrawn: nobody is invited to a closed wave
        // (and its jobs point at the invitations rewritten below).
        super::mail::withdraw_wave(&*w, id).await?;
        let mut invitations = invitation::Entity::delete_many()
            .filter(invitation::Column::WaveId.eq(id.clone()))
            .exec_with_returning(&*w)
            .await?;
        invitations.shuffle(&mut rand::rng());
        let n_inv = invitations.len();
        for chunk in invitations.chunks(500) {
            let models = chunk.iter().map(|i| invitation::ActiveModel {
                id: Set(i.id.clone()),
                wave_id: Set(i.wave_id.clone()),
                employee_id: Set(i.employee_id),
                token_hash: Set(i.token_hash.clone()),
                completed: Set(i.completed),
                attributes: Set(i.attributes.clone()),
            });
            invitation::Entity::insert_many(models)
                .exec_without_returning(&*w)
                .await?;
        }
        form_nonce::Entity::delete_many()
            .filter(form_nonce::Column::WaveId.eq(id.clone()))
            .exec(&*w)
            .await?;
        audit::record(
            &*w,
            actor,
            "wave.close",
            id.as_str(),
            &format!("{responses} responses, {n_inv} invitations rewritten in random order"),
        )
        .await?;
        w.commit().await?;
        store.forget_cached();
        CloseSummary {
            responses,
            invitations: n_inv,
        }
    };
    // The poll's results are analysed now and kept, so the first page view or report after
    // the close reads them instead of computing them. The wave is closed whatever happens
    // here: a failed analysis is logged and left to the first view, which tries again. Before
    // the log is reclaimed, so the SQLite log is empty after a close.
    if let Err(e) = super::team_results::of_poll(store, &poll_id).await {
        super::http::log_internal(&e);
    }
    reclaim(store).await?;
    Ok(summary)
}

/// Removes dead row versions that still hold the old order. On SQLite `secure_delete` has
/// already zeroed them; PostgreSQL keeps them in the heap until `VACUUM FULL` rewrites it.
async fn reclaim(store: &Store) -> Result<(), ServiceError> {
    if store.backend() == DbBackend::Postgres {
        store
            .maintenance(
                "VACUUM FULL response, response_buffer, sealed_response, invitation, form_nonce",
            )
            .await?;
    }
    store.checkpoint().await?;
    Ok(())
}

/// Closes every open wave whose last day has passed; returns how many it closed. The server
/// runs this at start and then every few minutes, so results never wait for someone to
/// remember to close a wave. Servers sharing a database all run it: a wave one of them closes
/// is skipped by the others ([`close`] locks the wave), so each is closed once.
pub async fn close_due(store: &Store, actor: &Actor, today: Date) -> Result<usize, ServiceError> {
    actor.require(Permission::ManagePolls)?;
    let due = wave::Entity::find()
        .filter(wave::Column::Status.eq(WaveStatus::Open))
        .filter(wave::Column::ClosesOn.lt(today))
        .all(&store.read())
        .await?;
    let mut closed = 0;
    for wv in &due {
        match close(store, actor, &wv.id).await {
            Ok(_) => {
                closed += 1;
                tracing::info!(wave.id = %wv.id, "closed a wave whose last day has passed");
            }
            // Closed meanwhile, by another server sharing the database: its work, not ours.
            Err(ServiceError::Conflict { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(closed)
}
