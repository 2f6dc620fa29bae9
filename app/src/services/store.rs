//! The database handle the whole product shares, with the rule for writers in its types.
//!
//! The pool is private. [`Store::read`] hands out a [`Read`] handle that runs queries and
//! refuses statements that change anything; [`Store::write`] hands out a [`Write`]: the
//! SQLite writer lock and a transaction in one value, committed with [`Write::commit`] and
//! rolled back when dropped. SQLite allows one writer at a time; queuing writers here instead
//! of letting them collide on `SQLITE_BUSY` gives the highest throughput and never fails a
//! submission. PostgreSQL needs no such lock.

use migrations::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    DbErr, ExecResult, QueryResult, Statement, TransactionTrait,
};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Mutex, MutexGuard};

#[derive(Clone, Debug)]
pub struct Store {
    pool: DatabaseConnection,
    /// Where writes go: on SQLite one connection of its own (one writer at a time anyway), so
    /// that its page cache stays warm instead of being emptied by every other connection's
    /// commit; on PostgreSQL the pool itself.
    writes: DatabaseConnection,
    writer: Arc<Mutex<()>>,
    key: Arc<super::sealing::SealingKey>,
    commit: Arc<super::commit::GroupCommit>,
    cached: Arc<Cached>,
    /// Set when the store is closed; the background checkpointer stops then, or when the last
    /// clone is gone.
    closed: Arc<std::sync::atomic::AtomicBool>,
}

/// How long a request waits for a database connection before it is refused (503); see
/// [`Store::open`].
pub const ACQUIRE_TIMEOUT_S: u64 = 5;

/// How often the background checkpointer copies the SQLite log back into the database.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(250);

/// Copies the SQLite write-ahead log back into the database file every [`CHECKPOINT_EVERY`]
/// from a reading connection (`wal_checkpoint(PASSIVE)`: it never waits for, nor blocks, the
/// writer), so that a committing writer does not pay for it and the log restarts from its
/// beginning once everything in it is copied. Stops when the store is dropped or closed.
fn checkpoint_in_background(
    pool: DatabaseConnection,
    closed: std::sync::Weak<std::sync::atomic::AtomicBool>,
) {
    use std::sync::atomic::Ordering;
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(CHECKPOINT_EVERY).await;
            match closed.upgrade() {
                Some(c) if !c.load(Ordering::Acquire) => {}
                _ => return,
            }
            let stmt = Statement::from_string(DbBackend::Sqlite, "PRAGMA wal_checkpoint(PASSIVE)");
            if let Err(e) = pool.query_one_raw(stmt).await {
                // A busy log waits for the next turn; anything else is said, once per turn.
                tracing::warn!(error = %e, "background checkpoint failed");
            }
        }
    });
}

/// The copies the respondent's path reads instead of the database ([`super::cache`]).
#[derive(Debug, Default)]
pub(crate) struct Cached {
    pub waves: super::cache::Cache<crate::domain::WaveId, super::responses::WaveView>,
    /// By the token's hash.
    pub open_links: super::cache::Cache<String, super::responses::OpenAccess>,
    /// Parsed `results.json` per (poll, set of waves) with the key it is kept under in
    /// `poll_result`, the waves and when they were analysed ([`super::team_results::of_waves`]);
    /// never stale, as the key is read and checked on every use.
    pub results: super::cache::Kept<(crate::domain::PollId, String), serde_json::Value>,
    /// Changes between two waves that the kept results do not test (`[Change]` as JSON) by
    /// (poll, from, to), with the key of the results they were computed from
    /// ([`super::dashboard`]).
    pub comparisons: super::cache::Kept<(crate::domain::PollId, String, String), serde_json::Value>,
}

impl Store {
    /// Opens the database (SQLite file by default, PostgreSQL by URL), brings its schema up to
    /// date and writes the bundled question bank into it where missing.
    ///
    /// SQLite runs in WAL mode with `synchronous=FULL`, so a commit that returned is on disk
    /// (an acknowledged answer survives `kill -9` and power loss), and with `secure_delete`,
    /// so rows that the anonymity shuffle deletes do not linger in free pages.
    ///
    /// `key` seals answers until their wave closes ([`super::sealing`]). The database keeps
    /// its fingerprint: opening a database whose answers were sealed with another key fails
    /// here, loudly, before anything is written.
    pub async fn open(url: &str, key: super::sealing::SealingKey) -> Result<Store, DbErr> {
        let url = normalise_url(url);
        let options = |connections: u32| {
            let mut opts = ConnectOptions::new(url.clone());
            opts.sqlx_logging(false) // statements carry answers: never log them
                .connect_timeout(Duration::from_secs(10))
                // A database that is away makes a request wait this long for a connection
                // (sqlx keeps trying a refused one until then) before it is told so: 503.
                .acquire_timeout(Duration::from_secs(ACQUIRE_TIMEOUT_S));
            if url.starts_with("sqlite:") {
                opts.max_connections(connections)
                    .min_connections(1)
                    .map_sqlx_sqlite_opts(|o| {
                        o.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                            .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Full)
                            .busy_timeout(Duration::from_secs(10))
                            .foreign_keys(true)
                            .pragma("secure_delete", "ON")
                            // 16 MiB of pages per connection (the default is 2 MiB).
                            .pragma("cache_size", "-16384")
                            // The log is copied back by the background checkpointer
                            // ([`checkpoint_in_background`]), off the writer's path; a
                            // committing writer does it only if that falls far behind.
                            .pragma("wal_autocheckpoint", "16384")
                            .create_if_missing(true)
                    });
            } else {
                // A few warm connections: a batch of submissions never waits for a new one.
                opts.max_connections(connections).min_connections(4);
            }
            opts
        };
        let sqlite = url.starts_with("sqlite:");
        let pool = Database::connect(options(if sqlite { 8 } else { 16 })).await?;
        let writes = if sqlite {
            Database::connect(options(1)).await?
        } else {
            pool.clone()
        };
        Migrator::up(&writes, None).await?;
        let writer = Arc::new(Mutex::new(()));
        // SQLite: one writer at a time anyway, a second gathers the next batch meanwhile.
        let writers = match pool.get_database_backend() {
            DbBackend::Sqlite => 2,
            _ => 4,
        };
        let commit = super::commit::GroupCommit::start(writes.clone(), writer.clone(), writers);
        let store = Store {
            pool,
            writes,
            writer,
            key: Arc::new(key),
            commit: Arc::new(commit),
            cached: Arc::default(),
            closed: Arc::default(),
        };
        if sqlite {
            checkpoint_in_background(store.pool.clone(), Arc::downgrade(&store.closed));
        }
        store.check_key().await?;
        super::questions::seed(&store).await?;
        super::kit::seed(&store).await?;
        super::recoding::recode_pending(&store)
            .await
            .map_err(|e| DbErr::Custom(format!("recoding invitations: {e}")))?;
        Ok(store)
    }

    /// The group commit that writes submissions (service layer only).
    pub(crate) fn group_commit(&self) -> &super::commit::GroupCommit {
        &self.commit
    }

    /// The respondent path's copies (service layer only).
    pub(crate) fn cached(&self) -> &Cached {
        &self.cached
    }

    /// Forgets every copy, after a change to a wave, its poll or its links made here.
    pub(crate) fn forget_cached(&self) {
        self.cached.waves.clear();
        self.cached.open_links.clear();
    }

    /// The key that seals answers (service layer only).
    pub(crate) fn key(&self) -> &super::sealing::SealingKey {
        &self.key
    }

    /// Records the key's fingerprint on first use; refuses another key afterwards.
    async fn check_key(&self) -> Result<(), DbErr> {
        use super::entities::sealing_key;
        use sea_orm::{ActiveValue::Set, EntityTrait};
        let ours = self.key.fingerprint().to_string();
        let recorded = || sealing_key::Entity::find_by_id(1).one(&self.pool);
        let known = match recorded().await? {
            Some(k) => k,
            None => {
                // The first start records its key. Two servers starting at once: the first
                // insert wins, the other reads it back below and refuses if it differs.
                let w = self.write().await?;
                sealing_key::Entity::insert(sealing_key::ActiveModel {
                    id: Set(1),
                    fingerprint: Set(ours.clone()),
                })
                .on_conflict(
                    sea_orm::sea_query::OnConflict::column(sealing_key::Column::Id)
                        .do_nothing()
                        .to_owned(),
                )
                .exec_without_returning(&*w)
                .await?;
                w.commit().await?;
                recorded()
                    .await?
                    .ok_or_else(|| DbErr::Custom("sealing key not recorded".into()))?
            }
        };
        if known.fingerprint == ours {
            Ok(())
        } else {
            Err(DbErr::Custom(format!(
                "de antwoorden in deze database zijn verzegeld met een andere sleutel; start met \
                 het sleutelbestand waarmee ze zijn gemaakt (--key-file); er is niets veranderd / \
                 this database's answers are sealed with another key (fingerprint {}…, this \
                 server's {}…): start it with the key file it was created with \
                 (--key-file / POLSSLAG_KEY_FILE); nothing was changed",
                &known.fingerprint[..12],
                &ours[..12]
            )))
        }
    }

    /// Writes the SQLite write-ahead log back into the database file and truncates it, so
    /// the log keeps no history of finished work (defence in depth: sealed answers are the
    /// protection). Nothing to do on PostgreSQL.
    pub(crate) async fn checkpoint(&self) -> Result<(), DbErr> {
        if self.backend() == DbBackend::Sqlite {
            let _guard = self.writer.lock().await;
            // The pragma reports a busy checkpoint in its result (busy = 1), not as an error:
            // readers in the way get a moment to finish, then it is said in the log.
            for attempt in 0..20 {
                let busy = self
                    .writes
                    .query_one_raw(Statement::from_string(
                        DbBackend::Sqlite,
                        "PRAGMA wal_checkpoint(TRUNCATE)",
                    ))
                    .await?
                    .and_then(|r| r.try_get_by_index::<i64>(0).ok())
                    .unwrap_or(0);
                if busy == 0 {
                    return Ok(());
                }
                if attempt == 19 {
                    tracing::warn!("the SQLite log could not be truncated: readers kept it busy");
                } else {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            }
        }
        Ok(())
    }

    /// Checkpoints (SQLite) and closes the pool: a clean shutdown leaves no `-wal` history.
    pub async fn close(self) -> Result<(), DbErr> {
        self.closed
            .store(true, std::sync::atomic::Ordering::Release);
        self.checkpoint().await?;
        if self.backend() == DbBackend::Sqlite {
            self.writes.clone().close().await?;
        }
        self.pool.close().await
    }

    pub fn backend(&self) -> DbBackend {
        self.pool.get_database_backend()
    }

    /// A handle for queries. Statements that change data are refused through it.
    pub fn read(&self) -> Read<'_> {
        Read(&self.pool)
    }

    /// Waits for the writer lock (SQLite) and begins a transaction. Commit with
    /// [`Write::commit`]; dropping it rolls back and releases the lock.
    pub async fn write(&self) -> Result<Write<'_>, DbErr> {
        let guard = match self.backend() {
            DbBackend::Sqlite => Some(self.writer.lock().await),
            _ => None,
        };
        let txn = self.writes.begin().await?;
        Ok(Write { txn, _guard: guard })
    }

    /// Statements that cannot run in a transaction (PostgreSQL's `VACUUM`), under the writer
    /// rule. Only for maintenance the service layer does itself.
    pub(crate) async fn maintenance(&self, sql: &str) -> Result<(), DbErr> {
        let _guard = match self.backend() {
            DbBackend::Sqlite => Some(self.writer.lock().await),
            _ => None,
        };
        self.writes.execute_unprepared(sql).await?;
        Ok(())
    }
}

/// `polsslag.db` and `./data/x.db` are accepted as SQLite paths.
pub fn normalise_url(url: &str) -> String {
    if url.contains("://") || url.starts_with("sqlite:") {
        url.to_string()
    } else {
        format!("sqlite://{url}")
    }
}

/// A read-only view of the pool (see [`Store::read`]).
#[derive(Clone, Copy, Debug)]
pub struct Read<'a>(&'a DatabaseConnection);

fn refused() -> DbErr {
    DbErr::Custom("a write was attempted through Store::read(); use Store::write()".into())
}

/// Only queries pass the read handle: `SELECT …` or `WITH …` without `RETURNING` (sea-orm sends
/// `INSERT/DELETE … RETURNING` through the query methods too).
fn is_read(stmt: &Statement) -> bool {
    let sql = stmt.sql.trim_start().to_ascii_uppercase();
    (sql.starts_with("SELECT") || sql.starts_with("WITH")) && !sql.contains("RETURNING")
}

#[async_trait::async_trait]
impl ConnectionTrait for Read<'_> {
    fn get_database_backend(&self) -> DbBackend {
        self.0.get_database_backend()
    }

    async fn execute_raw(&self, _: Statement) -> Result<ExecResult, DbErr> {
        Err(refused())
    }

    async fn execute_unprepared(&self, _: &str) -> Result<ExecResult, DbErr> {
        Err(refused())
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        if !is_read(&stmt) {
            return Err(refused());
        }
        self.0.query_one_raw(stmt).await
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        if !is_read(&stmt) {
            return Err(refused());
        }
        self.0.query_all_raw(stmt).await
    }

    fn support_returning(&self) -> bool {
        self.0.support_returning()
    }
}

/// A write transaction holding the writer lock (see [`Store::write`]).
pub struct Write<'a> {
    // Field order matters: the transaction ends (rolls back) before the lock is released.
    txn: DatabaseTransaction,
    _guard: Option<MutexGuard<'a, ()>>,
}

impl Write<'_> {
    pub async fn commit(self) -> Result<(), DbErr> {
        self.txn.commit().await
    }
}

impl std::ops::Deref for Write<'_> {
    type Target = DatabaseTransaction;
    fn deref(&self) -> &DatabaseTransaction {
        &self.txn
    }
}
