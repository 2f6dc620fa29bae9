//! Opening and closing waves. Closing is where the anonymity model finishes its work: every
//! response of the wave is rewritten in random order under new random keys, invitations are
//! rewritten in random order too, and the freed space is reclaimed so no trace of the
//! arrival order is left in the tables.

use crate::entities::{form_nonce, invitation, response, wave};
use crate::respond::{flush_buffer, insert_responses, ResponseRow};
use crate::store::Store;
use rand::seq::SliceRandom;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryFilter,
    TransactionTrait,
};

#[derive(Debug, thiserror::Error)]
pub enum WaveError {
    #[error("wave {0} does not exist")]
    Unknown(String),
    #[error("wave {0} is already closed")]
    AlreadyClosed(String),
    #[error(transparent)]
    Db(#[from] DbErr),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CloseSummary {
    pub responses: usize,
    pub invitations: usize,
}

/// Closes a wave: no more answers, and its stored order is scrambled (methodology.md A4).
pub async fn close(store: &Store, wave_id: &str, actor: &str) -> Result<CloseSummary, WaveError> {
    let summary = {
        let _guard = store.write_guard().await;
        let txn = store.db.begin().await?;
        let w = wave::Entity::find_by_id(wave_id.to_string())
            .one(&txn)
            .await?
            .ok_or_else(|| WaveError::Unknown(wave_id.into()))?;
        if w.status == "closed" {
            return Err(WaveError::AlreadyClosed(wave_id.into()));
        }
        wave::Entity::update_many()
            .col_expr(wave::Column::Status, "closed".into())
            .filter(wave::Column::Id.eq(wave_id))
            .exec(&txn)
            .await?;
        flush_buffer(&txn, wave_id).await?;
        let mut rows: Vec<ResponseRow> = response::Entity::delete_many()
            .filter(response::Column::WaveId.eq(wave_id))
            .exec_with_returning(&txn)
            .await?
            .into_iter()
            .map(Into::into)
            .collect();
        rows.shuffle(&mut rand::rng());
        let responses = rows.len();
        insert_responses(&txn, rows).await?;

        let mut invitations = invitation::Entity::delete_many()
            .filter(invitation::Column::WaveId.eq(wave_id))
            .exec_with_returning(&txn)
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
            });
            invitation::Entity::insert_many(models)
                .exec_without_returning(&txn)
                .await?;
        }
        form_nonce::Entity::delete_many()
            .filter(form_nonce::Column::WaveId.eq(wave_id))
            .exec(&txn)
            .await?;
        crate::audit::record(
            &txn,
            actor,
            "wave.close",
            wave_id,
            &format!("{responses} responses, {n_inv} invitations rewritten in random order"),
        )
        .await?;
        txn.commit().await?;
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
async fn reclaim(store: &Store) -> Result<(), DbErr> {
    if store.backend() == DbBackend::Postgres {
        store
            .db
            .execute_unprepared("VACUUM FULL response, response_buffer, invitation, form_nonce")
            .await?;
    }
    Ok(())
}

/// Closes every open wave whose last day has passed. The server runs this at start and then
/// every few minutes, so results never wait for someone to remember to close a wave.
pub async fn close_due(store: &Store, today: time::Date) -> Result<usize, WaveError> {
    let due = wave::Entity::find()
        .filter(wave::Column::Status.eq("open"))
        .filter(wave::Column::ClosesOn.lt(today))
        .all(&store.db)
        .await?;
    for w in &due {
        close(store, &w.id, "system").await?;
        tracing::info!(wave.id = %w.id, "closed a wave whose last day has passed");
    }
    Ok(due.len())
}

/// Opens a draft wave for answers.
pub async fn open(store: &Store, wave_id: &str) -> Result<(), WaveError> {
    let _guard = store.write_guard().await;
    let res = wave::Entity::update_many()
        .col_expr(wave::Column::Status, "open".into())
        .filter(wave::Column::Id.eq(wave_id))
        .filter(wave::Column::Status.eq("draft"))
        .exec(&store.db)
        .await?;
    if res.rows_affected == 0 {
        return Err(WaveError::Unknown(wave_id.into()));
    }
    Ok(())
}
