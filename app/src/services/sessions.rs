//! Browser sessions of accounts, kept in the database so that every server on it shares them
//! (issue #10). The session machinery itself (cookie, id, expiry, cycling the id at login) is
//! `tower-sessions`; this is its store.
//!
//! A row holds the SHA-256 of the session id (someone who reads the database cannot take over
//! a session), the session's data as JSON (an account id and a form token, never a password)
//! and its expiry in Unix seconds. An expired row is never loaded, and
//! [`forget_expired`] removes it.

use super::entities::web_session;
use super::{Actor, Permission, ServiceError, Store};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use sha2::{Digest, Sha256};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};

/// The session store on the database.
#[derive(Clone, Debug)]
pub struct DbSessions {
    store: Store,
}

impl DbSessions {
    pub fn new(store: Store) -> Self {
        DbSessions { store }
    }
}

/// The stored key of a session id.
fn key(id: &Id) -> String {
    hex::encode(Sha256::digest(id.to_string().as_bytes()))
}

fn backend(e: impl std::fmt::Display) -> session_store::Error {
    session_store::Error::Backend(e.to_string())
}

/// The row of a session.
fn row(record: &Record) -> session_store::Result<web_session::ActiveModel> {
    let data = serde_json::to_string(&record.data)
        .map_err(|e| session_store::Error::Encode(e.to_string()))?;
    Ok(web_session::ActiveModel {
        id: Set(key(&record.id)),
        data: Set(data),
        expires_at: Set(record.expiry_date.unix_timestamp()),
    })
}

impl DbSessions {
    /// Inserts `record`; `false` when its id is taken (the caller picks another).
    async fn insert(&self, record: &Record) -> session_store::Result<bool> {
        let row = row(record)?;
        let w = self.store.write().await.map_err(backend)?;
        let inserted = web_session::Entity::insert(row)
            .on_conflict(
                sea_orm::sea_query::OnConflict::column(web_session::Column::Id)
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(&*w)
            .await
            .map_err(backend)?;
        w.commit().await.map_err(backend)?;
        Ok(inserted == 1)
    }
}

#[async_trait::async_trait]
impl SessionStore for DbSessions {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        // A 128-bit random id is never taken in practice; if it were, another is drawn
        // rather than overwriting someone's session.
        while !self.insert(record).await? {
            record.id = Id::default();
        }
        Ok(())
    }

    /// Updates a session that exists; one that is gone (logged out, cycled at login, expired
    /// and forgotten) is never brought back by a request that loaded it before.
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let data = serde_json::to_string(&record.data)
            .map_err(|e| session_store::Error::Encode(e.to_string()))?;
        let w = self.store.write().await.map_err(backend)?;
        web_session::Entity::update_many()
            .col_expr(web_session::Column::Data, data.into())
            .col_expr(
                web_session::Column::ExpiresAt,
                record.expiry_date.unix_timestamp().into(),
            )
            .filter(web_session::Column::Id.eq(key(&record.id)))
            .exec(&*w)
            .await
            .map_err(backend)?;
        w.commit().await.map_err(backend)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let Some(row) = web_session::Entity::find_by_id(key(id))
            .filter(web_session::Column::ExpiresAt.gt(now))
            .one(&self.store.read())
            .await
            .map_err(backend)?
        else {
            return Ok(None);
        };
        let data = serde_json::from_str(&row.data)
            .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        let expiry_date = time::OffsetDateTime::from_unix_timestamp(row.expires_at)
            .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        let w = self.store.write().await.map_err(backend)?;
        web_session::Entity::delete_by_id(key(id))
            .exec(&*w)
            .await
            .map_err(backend)?;
        w.commit().await.map_err(backend)?;
        Ok(())
    }
}

/// Removes expired sessions (a background job); returns how many.
pub async fn forget_expired(store: &Store, actor: &Actor) -> Result<u64, ServiceError> {
    actor.require(Permission::ManageAccounts)?;
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let w = store.write().await?;
    let gone = web_session::Entity::delete_many()
        .filter(web_session::Column::ExpiresAt.lte(now))
        .exec(&*w)
        .await?
        .rows_affected;
    w.commit().await?;
    Ok(gone)
}
