//! Group commit of submissions (issue #9): concurrent submissions are written in **one**
//! transaction, in shuffled order, and each is acknowledged only after that commit.
//!
//! One writer task per [`super::Store`] takes the first waiting submission, then every other
//! that is already waiting (at most [`MAX_BATCH`]): no artificial wait, so a lone submission
//! commits at once, and under load a batch forms while the previous one commits. The batch
//! costs three statements whatever its size ([`write_batch`]); a replayed form or an
//! invitation used meanwhile refuses that one submission and leaves the others of the batch
//! untouched. A database
//! failure fails the whole batch: nobody in it is acknowledged (503, "not stored, try again"),
//! and nothing of it is stored.
//!
//! Besides throughput (one durable commit for many answers), the batch blurs the log further:
//! the invitation flips and sealed answers of a batch share one commit, in random order.

use super::entities::{form_nonce, invitation, sealed_response, wave};
use super::ServiceError;
use crate::domain::{WaveId, WaveStatus};
use rand::seq::SliceRandom;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter,
    TransactionTrait,
};
use std::sync::Arc;
use time::Date;
use tokio::sync::{mpsc, oneshot, Mutex};

/// The most submissions one transaction takes.
pub const MAX_BATCH: usize = 256;

/// Submissions waiting for the writer beyond this are refused at once (503) rather than
/// queued without bound.
pub const MAX_WAITING: usize = 8192;

/// One sealed submission, ready to be written.
pub(crate) struct Pending {
    pub wave: WaveId,
    /// The personal invitation to mark answered (none for an open link).
    pub invitation: Option<String>,
    /// Hash of the form's nonce and its last valid day.
    pub nonce_hash: String,
    pub nonce_until: Date,
    pub sealed: Vec<u8>,
}

/// What became of a submission in its batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    Stored,
    /// The nonce was used already.
    Replay,
    /// The invitation was answered already.
    AlreadyAnswered,
    /// The wave closed while the submission waited.
    Closed,
}

type Job = (Pending, oneshot::Sender<Result<Outcome, ServiceError>>);

/// The handle submissions are sent through.
#[derive(Debug)]
pub(crate) struct GroupCommit {
    tx: mpsc::Sender<Job>,
}

fn unavailable(what: &str) -> ServiceError {
    ServiceError::Unavailable(DbErr::Conn(sea_orm::RuntimeErr::Internal(what.to_string())))
}

impl GroupCommit {
    /// Starts `writers` writer tasks on the current runtime, taking batches from one queue in
    /// turn (while one commits, the next gathers a batch; on PostgreSQL their transactions run
    /// side by side, on SQLite the writer lock orders them). They hold the pool (not the
    /// store), and end when the last handle is dropped.
    pub(crate) fn start(
        pool: DatabaseConnection,
        writer: Arc<Mutex<()>>,
        writers: usize,
    ) -> GroupCommit {
        let (tx, rx) = mpsc::channel::<Job>(MAX_WAITING);
        let rx = Arc::new(Mutex::new(rx));
        for _ in 0..writers.max(1) {
            let (pool, writer, rx) = (pool.clone(), writer.clone(), rx.clone());
            tokio::spawn(async move {
                loop {
                    let mut batch = Vec::new();
                    {
                        let mut rx = rx.lock().await;
                        let Some(first) = rx.recv().await else {
                            return;
                        };
                        batch.push(first);
                        while batch.len() < MAX_BATCH {
                            match rx.try_recv() {
                                Ok(job) => batch.push(job),
                                Err(_) => break,
                            }
                        }
                    }
                    Self::run(&pool, &writer, batch).await;
                }
            });
        }
        GroupCommit { tx }
    }

    /// Writes one batch and answers each of its submissions.
    async fn run(pool: &DatabaseConnection, writer: &Mutex<()>, mut batch: Vec<Job>) {
        batch.shuffle(&mut rand::rng());
        let (jobs, replies): (Vec<Pending>, Vec<_>) = batch.into_iter().unzip();
        match write_batch(pool, writer, &jobs).await {
            Ok(outcomes) => {
                for (reply, outcome) in replies.into_iter().zip(outcomes) {
                    let _ = reply.send(Ok(outcome));
                }
            }
            Err(e) => {
                tracing::error!(error = %e, batch = jobs.len(), "a batch of submissions failed; none was acknowledged");
                for reply in replies {
                    let _ = reply.send(Err(unavailable("batch failed")));
                }
            }
        }
    }

    /// Writes one submission with whatever else is waiting; returns after the commit.
    pub(crate) async fn submit(&self, p: Pending) -> Result<Outcome, ServiceError> {
        let (reply, answer) = oneshot::channel();
        self.tx
            .try_send((p, reply))
            .map_err(|_| unavailable("submission queue full"))?;
        answer.await.map_err(|_| unavailable("writer stopped"))?
    }
}

/// What one submission writes, through the same group commit, and nothing else: a fresh nonce
/// recorded as used and `sealed` (an already sealed response of `wave`, as
/// [`super::responses::submit`] makes it) added to the wave's buffer. No link, no form, no
/// validation, no sealing. The ingest benchmark's ceiling (issue #9): the fastest a
/// submission could be with this database and this commit. Product code stores answers
/// through [`super::responses::submit`].
///
/// Errors: [`ServiceError::Forbidden`] for anyone but the operator, `Gone` for a wave that is
/// not open, `Unavailable` when the queue is full or the database fails.
pub async fn write_sealed(
    store: &super::Store,
    actor: &super::Actor,
    wave: &WaveId,
    sealed: Vec<u8>,
) -> Result<(), ServiceError> {
    actor.require(super::Permission::ManagePolls)?;
    let outcome = store
        .group_commit()
        .submit(Pending {
            wave: wave.clone(),
            invitation: None,
            nonce_hash: super::tokens::Token::generate().hash(),
            nonce_until: super::today(),
            sealed,
        })
        .await?;
    match outcome {
        Outcome::Stored => Ok(()),
        Outcome::Closed => Err(super::responses::closed()),
        Outcome::Replay | Outcome::AlreadyAnswered => Err(super::responses::replay()),
    }
}

/// One transaction for the batch (holding the SQLite writer lock) and four statements,
/// whatever its size:
/// 0. the batch's waves read (share-locked on PostgreSQL): a wave closed meanwhile refuses
///    its submissions;
/// 1. the batch's nonces recorded as used (`ON CONFLICT DO NOTHING RETURNING`): a nonce
///    already there is a replay;
/// 2. the invitations of the accepted submissions marked answered (`… AND NOT completed
///    RETURNING`): one already answered refuses its submission (its nonce stays used, which
///    costs nothing: the link is spent);
/// 3. the sealed answers of the submissions accepted at both steps.
///
/// Within the batch the first submission of a nonce or an invitation wins; its copies are
/// refused the same way.
async fn write_batch(
    pool: &DatabaseConnection,
    writer: &Mutex<()>,
    jobs: &[Pending],
) -> Result<Vec<Outcome>, DbErr> {
    use std::collections::{BTreeSet, HashSet};
    let mut outcomes = vec![Outcome::Stored; jobs.len()];
    let mut nonces = HashSet::new();
    for (i, p) in jobs.iter().enumerate() {
        if !nonces.insert(p.nonce_hash.as_str()) {
            outcomes[i] = Outcome::Replay;
        }
    }
    // SQLite has one writer at a time (the store's rule); PostgreSQL batches run side by side.
    let _guard = match pool.get_database_backend() {
        sea_orm::DbBackend::Sqlite => Some(writer.lock().await),
        _ => None,
    };
    let txn = pool.begin().await?;
    // The waves must still be open *inside* this transaction: a wave closed while these
    // submissions waited would never open what is written now. On PostgreSQL the rows are
    // share-locked, so a close waits for this batch (and then sees its answers) or has
    // already committed (and this batch sees it closed); SQLite's writer lock orders both.
    let waves: BTreeSet<WaveId> = jobs.iter().map(|p| p.wave.clone()).collect();
    let mut query = wave::Entity::find().filter(wave::Column::Id.is_in(waves));
    if pool.get_database_backend() == sea_orm::DbBackend::Postgres {
        query = sea_orm::QuerySelect::lock_shared(query);
    }
    let open: HashSet<WaveId> = query
        .all(&txn)
        .await?
        .into_iter()
        .filter(|w| w.status == WaveStatus::Open)
        .map(|w| w.id)
        .collect();
    for (i, p) in jobs.iter().enumerate() {
        if outcomes[i] == Outcome::Stored && !open.contains(&p.wave) {
            outcomes[i] = Outcome::Closed;
        }
    }
    // Rows in one order (sorted by key) in every batch, so two batches on PostgreSQL never
    // wait on each other's rows in opposite order (a deadlock).
    let mut fresh: Vec<usize> = (0..jobs.len())
        .filter(|&i| outcomes[i] == Outcome::Stored)
        .collect();
    fresh.sort_by(|&a, &b| jobs[a].nonce_hash.cmp(&jobs[b].nonce_hash));
    let recorded: HashSet<String> = if fresh.is_empty() {
        HashSet::new()
    } else {
        form_nonce::Entity::insert_many(fresh.iter().map(|&i| form_nonce::ActiveModel {
            hash: Set(jobs[i].nonce_hash.clone()),
            wave_id: Set(jobs[i].wave.clone()),
            expires_on: Set(jobs[i].nonce_until),
        }))
        .on_conflict(
            sea_orm::sea_query::OnConflict::column(form_nonce::Column::Hash)
                .do_nothing()
                .to_owned(),
        )
        .exec_with_returning(&txn)
        .await?
        .into_iter()
        .map(|m| m.hash)
        .collect()
    };
    // Among the fresh nonces, the first submission of an invitation wins.
    let mut invitations = HashSet::new();
    for &i in &fresh {
        if !recorded.contains(&jobs[i].nonce_hash) {
            outcomes[i] = Outcome::Replay;
        } else if let Some(id) = &jobs[i].invitation {
            if !invitations.insert(id.as_str()) {
                outcomes[i] = Outcome::AlreadyAnswered;
            }
        }
    }
    let mut to_mark: Vec<String> = fresh
        .iter()
        .filter(|&&i| outcomes[i] == Outcome::Stored)
        .filter_map(|&i| jobs[i].invitation.clone())
        .collect();
    to_mark.sort();
    let marked: HashSet<String> = if to_mark.is_empty() {
        HashSet::new()
    } else {
        invitation::Entity::update_many()
            .col_expr(invitation::Column::Completed, true.into())
            .filter(invitation::Column::Id.is_in(to_mark))
            .filter(invitation::Column::Completed.eq(false))
            .exec_with_returning(&txn)
            .await?
            .into_iter()
            .map(|m| m.id)
            .collect()
    };
    for &i in &fresh {
        if let (Outcome::Stored, Some(id)) = (outcomes[i], &jobs[i].invitation) {
            if !marked.contains(id) {
                outcomes[i] = Outcome::AlreadyAnswered;
            }
        }
    }
    let stored: Vec<usize> = fresh
        .into_iter()
        .filter(|&i| outcomes[i] == Outcome::Stored)
        .collect();
    if !stored.is_empty() {
        sealed_response::Entity::insert_many(stored.iter().map(|&i| {
            sealed_response::ActiveModel {
                seq: sea_orm::ActiveValue::NotSet,
                wave_id: Set(jobs[i].wave.clone()),
                sealed: Set(jobs[i].sealed.clone()),
            }
        }))
        .exec_without_returning(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(outcomes)
}
