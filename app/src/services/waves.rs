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
use sea_orm::{ActiveValue::Set, ColumnTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder};
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CloseSummary {
    pub responses: usize,
    pub invitations: usize,
}

/// A wave as the workspace's lists show it.
pub fn row(w: wave::Model) -> crate::domain::WaveRow {
    crate::domain::WaveRow {
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
    let id = WaveId::random();
    let w = store.write().await?;
    wave::Entity::insert(wave::ActiveModel {
        id: Set(id.clone()),
        poll_id: Set(new.poll.clone()),
        label: Set(new.label.clone()),
        opens_on: Set(new.opens_on),
        closes_on: Set(new.closes_on),
        status: Set(new.status),
        invited: Set(0),
        recoding: Set(None),
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
    super::recoding::apply(&*w, id, &poll, true).await?;
    audit::record(&*w, actor, "wave.open", id.as_str(), "").await?;
    w.commit().await?;
    store.forget_cached();
    Ok(())
}

/// Closes a wave: no more answers, and its stored order is scrambled (methodology.md A4).
pub async fn close(
    store: &Store,
    actor: &Actor,
    id: &WaveId,
) -> Result<CloseSummary, ServiceError> {
    actor.require(Permission::ManagePolls)?;
    let summary = {
        let w = store.write().await?;
        let wv = wave::Entity::find_by_id(id.clone())
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

/// Closes every open wave whose last day has passed. The server runs this at start and then
/// every few minutes, so results never wait for someone to remember to close a wave.
pub async fn close_due(store: &Store, actor: &Actor, today: Date) -> Result<usize, ServiceError> {
    actor.require(Permission::ManagePolls)?;
    let due = wave::Entity::find()
        .filter(wave::Column::Status.eq(WaveStatus::Open))
        .filter(wave::Column::ClosesOn.lt(today))
        .all(&store.read())
        .await?;
    for wv in &due {
        close(store, actor, &wv.id).await?;
        tracing::info!(wave.id = %wv.id, "closed a wave whose last day has passed");
    }
    Ok(due.len())
}
