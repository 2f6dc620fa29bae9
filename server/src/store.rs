//! The database handle the whole server shares, with the rule for writers.

use sea_orm::{DatabaseConnection, DbBackend};
use std::sync::Arc;
use tokio::sync::{Mutex, MutexGuard};

/// The connection pool plus, on SQLite, one in-process writer lock. SQLite allows one writer
/// at a time; queuing writers here instead of letting them collide on `SQLITE_BUSY` gives
/// the highest throughput and never fails a submission. PostgreSQL needs no such lock.
#[derive(Clone, Debug)]
pub struct Store {
    pub db: DatabaseConnection,
    writer: Arc<Mutex<()>>,
}

impl Store {
    pub fn new(db: DatabaseConnection) -> Self {
        Self {
            db,
            writer: Arc::new(Mutex::new(())),
        }
    }

    pub fn backend(&self) -> DbBackend {
        self.db.get_database_backend()
    }

    /// Hold the returned guard for the whole write transaction.
    pub async fn write_guard(&self) -> Option<MutexGuard<'_, ()>> {
        match self.backend() {
            DbBackend::Sqlite => Some(self.writer.lock().await),
            _ => None,
        }
    }
}
