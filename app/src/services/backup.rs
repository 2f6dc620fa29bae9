//! Backups of the whole database, and their restore (issue #14).
//!
//! **SQLite**: [`backup`] runs `VACUUM INTO` on a reading connection while the server goes on
//! (SQLite's own online copy: one consistent snapshot of everything committed when it began,
//! without the free pages, so nothing the anonymity shuffle deleted comes along, and without
//! the write-ahead log). **PostgreSQL**: `pg_dump --format=custom`, run on a snapshot that this
//! module exports from a repeatable-read transaction, so the counts it reports are those of
//! the dump itself. Either way the file is written beside its destination under a temporary
//! name with mode 0600, synced, checked (`PRAGMA integrity_check`, `pg_restore --list`) and only
//! then linked to its name, which it never overwrites: a backup that was announced is whole.
//!
//! [`restore`] is the way back. It refuses a file that is not a Polsslag backup, a backup whose
//! sealed answers were sealed with another key than the one given (checked before anything is
//! touched), and a target database that holds data, unless asked to replace it (`--replace`;
//! the server must be stopped). It then opens the restored database as the server would
//! (migrations, the key's fingerprint) and reports what it holds.
//!
//! Neither needs the secret key to *make* a backup, and the backup never holds it: answers of
//! waves that are still open stay sealed in it ([`super::sealing`]). The key file must be kept
//! too, apart from the database's backups (README, "Back-up en herstel").

use super::entities::{
    account, conversation, invitation, response, sealed_response, sealing_key, wave,
};
use super::sealing::SealingKey;
use super::{ServiceError, Store};
use crate::msg;
use sea_orm::{
    AccessMode, ColumnTrait, ConnectionTrait, Database, DbBackend, EntityTrait, IsolationLevel,
    PaginatorTrait, QueryFilter, Statement, TransactionTrait,
};
use std::path::{Path, PathBuf};

/// What a backup or a restored database holds, counted in it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Opened responses (of closed waves, and history).
    pub responses: u64,
    /// Answers still sealed, of waves that are open.
    pub sealed: u64,
    pub waves: u64,
    /// Invitations that were used.
    pub invitations_used: u64,
    pub accounts: u64,
    /// Recorded thermometer conversations.
    pub conversations: u64,
}

/// A backup that was written.
#[derive(Clone, Debug)]
pub struct Written {
    pub path: PathBuf,
    /// Size of the file, in bytes.
    pub bytes: u64,
    pub counts: Counts,
}

/// The first bytes of the two kinds of backup.
const SQLITE_MAGIC: &[u8] = b"SQLite format 3\0";
const PG_DUMP_MAGIC: &[u8] = b"PGDMP";

/// Writes a backup of the database at `database_url` to `out` (a new file), while the server
/// may go on serving.
///
/// # Errors
/// `out` exists already or cannot be written (422, nothing written); no database at the URL;
/// for PostgreSQL, `pg_dump`/`pg_restore` missing or failing (the message names the tool and
/// gives its own words); a copy that fails its check (nothing left behind).
pub async fn backup(database_url: &str, out: &Path) -> Result<Written, ServiceError> {
    let url = super::store::normalise_url(database_url);
    if out.exists() {
        return Err(ServiceError::invalid(
            "out",
            msg!("backup-exists", path = out.display().to_string()),
        ));
    }
    let partial = Partial::create(out)?;
    let counts = if url.starts_with("sqlite:") {
        backup_sqlite(&url, &partial.path).await?
    } else {
        backup_postgres(&url, &partial.path).await?
    };
    let bytes = partial.finish(out)?;
    Ok(Written {
        path: out.to_path_buf(),
        bytes,
        counts,
    })
}

async fn backup_sqlite(url: &str, partial: &Path) -> Result<Counts, ServiceError> {
    let source = sqlite_path(url)?;
    if !source.is_file() {
        return Err(ServiceError::invalid(
            "database_url",
            msg!("backup-no-database", path = source.display().to_string()),
        ));
    }
    // A plain reading connection: VACUUM INTO reads one snapshot and writes only its target.
    let live = Database::connect(sqlite_url(&source, "rw")).await?;
    let path = partial.display().to_string();
    live.execute_raw(Statement::from_sql_and_values(
        DbBackend::Sqlite,
        "VACUUM INTO ?",
        [path.into()],
    ))
    .await?;
    live.close().await?;
    let copy = Database::connect(sqlite_url(partial, "ro")).await?;
    let checked = integrity(&copy).await;
    let counts = match checked {
        Ok(()) => counts(&copy).await,
        Err(e) => Err(e),
    };
    copy.close().await?;
    counts
}

async fn backup_postgres(url: &str, partial: &Path) -> Result<Counts, ServiceError> {
    let live = Database::connect(url).await?;
    // The dump and the counts see the same snapshot: pg_dump joins this transaction's.
    let txn = live
        .begin_with_config(
            Some(IsolationLevel::RepeatableRead),
            Some(AccessMode::ReadOnly),
        )
        .await?;
    let snapshot: String = txn
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT pg_export_snapshot() AS s",
        ))
        .await?
        .ok_or_else(|| ServiceError::unavailable("pg_export_snapshot returned nothing"))?
        .try_get("", "s")?;
    let counts = counts(&txn).await?;
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(partial)
        .map_err(|e| write_failed(partial, &e))?;
    let conn = PgConnection::of(url)?;
    let mut cmd = tokio::process::Command::new("pg_dump");
    cmd.arg("--format=custom")
        .arg(format!("--snapshot={snapshot}"))
        .arg(format!("--dbname={}", conn.dbname))
        .stdout(file);
    let run = run_tool(cmd, "pg_dump", &conn).await;
    txn.commit().await?;
    live.close().await?;
    run?;
    let mut list = tokio::process::Command::new("pg_restore");
    list.arg("--list")
        .arg(partial)
        .stdout(std::process::Stdio::null());
    run_tool(list, "pg_restore", &PgConnection::none()).await?;
    Ok(counts)
}

/// Restores the backup `from` onto the database at `database_url`, whose server is stopped.
/// `key` must be the key the backup's answers are sealed with.
///
/// # Errors
/// Not a Polsslag backup, one of the other kind of database, or unreadable (422); sealed with another key
/// (422); the target holds a database and `replace` is not set (409); for PostgreSQL,
/// `pg_restore` missing or failing (the target is left as it was: one transaction). Nothing is
/// changed by any of these.
pub async fn restore(
    from: &Path,
    database_url: &str,
    key: SealingKey,
    replace: bool,
) -> Result<Counts, ServiceError> {
    let url = super::store::normalise_url(database_url);
    let path = from.display().to_string();
    let refuse = |message| ServiceError::invalid("from", message);
    let mut head = [0u8; 16];
    let read = std::fs::File::open(from)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
        .map_err(|e| {
            ServiceError::invalid(
                "from",
                msg!(
                    "restore-unreadable",
                    path = from.display().to_string(),
                    reason = e.to_string()
                ),
            )
        })?;
    let head = &head[..read];
    let sqlite = url.starts_with("sqlite:");
    match (
        sqlite,
        head.starts_with(SQLITE_MAGIC),
        head.starts_with(PG_DUMP_MAGIC),
    ) {
        (true, true, _) | (false, _, true) => {}
        (true, false, true) => return Err(refuse(msg!("restore-is-postgres", path = path))),
        (false, true, false) => return Err(refuse(msg!("restore-is-sqlite", path = path))),
        _ => return Err(refuse(msg!("restore-not-a-backup", path = path))),
    }
    if sqlite {
        restore_sqlite(from, &url, &key, replace).await?;
    } else {
        restore_postgres(from, &url, &key, replace).await?;
    }
    let store = Store::open(&url, key).await?;
    let counts = counts(&store.read()).await;
    store.close().await?;
    counts
}

async fn restore_sqlite(
    from: &Path,
    url: &str,
    key: &SealingKey,
    replace: bool,
) -> Result<(), ServiceError> {
    let backup = Database::connect(sqlite_url(from, "ro")).await?;
    let checked = async {
        integrity(&backup).await?;
        let migrated = backup
            .query_one_raw(Statement::from_string(
                DbBackend::Sqlite,
                "SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'seaql_migrations'",
            ))
            .await?
            .map(|r| r.try_get::<i64>("", "n"))
            .transpose()?
            .unwrap_or(0);
        if migrated == 0 {
            return Err(ServiceError::invalid(
                "from",
                msg!("restore-not-a-backup", path = from.display().to_string()),
            ));
        }
        let recorded = sealing_key::Entity::find_by_id(1)
            .one(&backup)
            .await?
            .map(|k| k.fingerprint);
        same_key(from, recorded.as_deref(), key)
    }
    .await;
    backup.close().await?;
    checked?;

    let target = sqlite_path(url)?;
    let wal = sibling(&target, "-wal");
    let shm = sibling(&target, "-shm");
    let occupied = std::fs::metadata(&target).is_ok_and(|m| m.len() > 0) || wal.exists();
    if occupied && !replace {
        return Err(ServiceError::conflict(
            "database_url",
            msg!(
                "restore-target-exists",
                target = target.display().to_string()
            ),
        ));
    }
    let partial = Partial::create(&target)?;
    std::fs::copy(from, &partial.path).map_err(|e| write_failed(&target, &e))?;
    // The old database's log must not be replayed onto the restored file.
    for stale in [&wal, &shm] {
        match std::fs::remove_file(stale) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(write_failed(stale, &e))
            }
            _ => {}
        }
    }
    partial.replace(&target)?;
    Ok(())
}

async fn restore_postgres(
    from: &Path,
    url: &str,
    key: &SealingKey,
    replace: bool,
) -> Result<(), ServiceError> {
    // The archive's key fingerprint, read from the archive itself (no database involved).
    let mut data = tokio::process::Command::new("pg_restore");
    data.arg("--data-only")
        .arg("--table=sealing_key")
        .arg("--file=-")
        .arg(from)
        .stdout(std::process::Stdio::piped());
    let text = run_tool(data, "pg_restore", &PgConnection::none()).await?;
    let recorded = fingerprint_in_dump(&text);
    same_key(from, recorded.as_deref(), key)?;

    let target = Database::connect(url).await?;
    let exists = target
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT to_regclass('seaql_migrations') IS NOT NULL AS e",
        ))
        .await?
        .map(|r| r.try_get::<bool>("", "e"))
        .transpose()?
        .unwrap_or(false);
    target.close().await?;
    if exists && !replace {
        let conn = PgConnection::of(url)?;
        return Err(ServiceError::conflict(
            "database_url",
            msg!("restore-target-exists", target = conn.shown),
        ));
    }
    let conn = PgConnection::of(url)?;
    let mut cmd = tokio::process::Command::new("pg_restore");
    cmd.arg("--no-owner")
        .arg("--single-transaction")
        .arg("--exit-on-error")
        .arg(format!("--dbname={}", conn.dbname));
    if replace {
        cmd.arg("--clean").arg("--if-exists");
    }
    cmd.arg(from).stdout(std::process::Stdio::null());
    run_tool(cmd, "pg_restore", &conn).await?;
    Ok(())
}

/// Refuses a backup whose answers were sealed with another key than `key`.
fn same_key(from: &Path, recorded: Option<&str>, key: &SealingKey) -> Result<(), ServiceError> {
    match recorded {
        Some(theirs) if theirs != key.fingerprint() => Err(ServiceError::invalid(
            "key_file",
            msg!(
                "restore-other-key",
                path = from.display().to_string(),
                theirs = theirs.chars().take(12).collect::<String>(),
                ours = key.fingerprint().chars().take(12).collect::<String>()
            ),
        )),
        _ => Ok(()),
    }
}

/// The fingerprint in `pg_restore --data-only --table=sealing_key` output: the row after
/// `COPY … sealing_key … FROM stdin;` is `1\t<fingerprint>`.
fn fingerprint_in_dump(text: &str) -> Option<String> {
    let mut lines = text.lines();
    lines.find(|l| l.starts_with("COPY ") && l.contains("sealing_key"))?;
    let row = lines.next()?;
    let (_, fp) = row.split_once('\t')?;
    Some(fp.trim().to_string())
}

async fn integrity(conn: &impl ConnectionTrait) -> Result<(), ServiceError> {
    let verdict: String = conn
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "PRAGMA integrity_check",
        ))
        .await?
        .map(|r| r.try_get_by_index::<String>(0))
        .transpose()?
        .unwrap_or_default();
    if verdict == "ok" {
        Ok(())
    } else {
        Err(ServiceError::corrupt(
            "backup",
            std::io::Error::other(format!("integrity_check: {verdict}")),
        ))
    }
}

/// Counts what a database holds (see [`Counts`]).
///
/// # Errors
/// The database cannot be read.
pub async fn counts(conn: &impl ConnectionTrait) -> Result<Counts, ServiceError> {
    Ok(Counts {
        responses: response::Entity::find().count(conn).await?,
        sealed: sealed_response::Entity::find().count(conn).await?,
        waves: wave::Entity::find().count(conn).await?,
        invitations_used: invitation::Entity::find()
            .filter(invitation::Column::Completed.eq(true))
            .count(conn)
            .await?,
        accounts: account::Entity::find().count(conn).await?,
        conversations: conversation::Entity::find().count(conn).await?,
    })
}

/// The file of a `sqlite:` URL (`sqlite://path?…`, `sqlite:path`).
fn sqlite_path(url: &str) -> Result<PathBuf, ServiceError> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    let path = rest.split('?').next().unwrap_or_default();
    if path.is_empty() || path.starts_with(":memory:") {
        return Err(ServiceError::invalid(
            "database_url",
            msg!("backup-no-database", path = url.to_string()),
        ));
    }
    Ok(PathBuf::from(path))
}

fn sqlite_url(path: &Path, mode: &str) -> String {
    format!("sqlite://{}?mode={mode}", path.display())
}

/// `name-wal` beside `name`.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

fn write_failed(path: &Path, e: &std::io::Error) -> ServiceError {
    ServiceError::invalid(
        "out",
        msg!(
            "backup-write-failed",
            path = path.display().to_string(),
            reason = e.to_string()
        ),
    )
}

/// A file being written beside its destination (`.name.partial-…`, mode 0600), removed again
/// unless it is finished.
struct Partial {
    path: PathBuf,
    done: bool,
}

impl Partial {
    fn create(destination: &Path) -> Result<Partial, ServiceError> {
        let dir = destination
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = destination
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let path = dir.join(format!(".{name}.partial-{:016x}", rand::random::<u64>()));
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        opts.open(&path)
            .map_err(|e| write_failed(destination, &e))?;
        Ok(Partial { path, done: false })
    }

    fn sync(&self, destination: &Path) -> Result<u64, ServiceError> {
        let f = std::fs::File::open(&self.path).map_err(|e| write_failed(destination, &e))?;
        f.sync_all().map_err(|e| write_failed(destination, &e))?;
        Ok(f.metadata().map(|m| m.len()).unwrap_or(0))
    }

    /// Gives the file its name, which must not exist yet (a hard link never overwrites).
    fn finish(self, destination: &Path) -> Result<u64, ServiceError> {
        let bytes = self.sync(destination)?;
        std::fs::hard_link(&self.path, destination).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                ServiceError::invalid(
                    "out",
                    msg!("backup-exists", path = destination.display().to_string()),
                )
            } else {
                write_failed(destination, &e)
            }
        })?;
        sync_dir(destination);
        Ok(bytes)
    }

    /// Puts the file in the place of `destination` (replacing it, in one rename).
    fn replace(mut self, destination: &Path) -> Result<(), ServiceError> {
        self.sync(destination)?;
        std::fs::rename(&self.path, destination).map_err(|e| write_failed(destination, &e))?;
        self.done = true;
        sync_dir(destination);
        Ok(())
    }
}

impl Drop for Partial {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Makes a new name in `path`'s directory durable (best effort: not every file system can).
fn sync_dir(path: &Path) {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// How `pg_dump` and `pg_restore` reach a PostgreSQL database: the URL without its password
/// (command lines can be read by anyone on the machine), the password in `PGPASSWORD`.
struct PgConnection {
    dbname: String,
    password: Option<String>,
    /// The URL without password, to show.
    shown: String,
}

impl PgConnection {
    fn of(url: &str) -> Result<PgConnection, ServiceError> {
        let mut parsed = url::Url::parse(url).map_err(|e| {
            ServiceError::invalid(
                "database_url",
                msg!("backup-no-database", path = e.to_string()),
            )
        })?;
        let password = parsed.password().map(|p| {
            percent_encoding::percent_decode_str(p)
                .decode_utf8_lossy()
                .into_owned()
        });
        let _ = parsed.set_password(None);
        Ok(PgConnection {
            dbname: parsed.to_string(),
            password,
            shown: parsed.to_string(),
        })
    }

    fn none() -> PgConnection {
        PgConnection {
            dbname: String::new(),
            password: None,
            shown: String::new(),
        }
    }
}

/// Runs a PostgreSQL client tool; its standard output is returned when the caller piped it.
async fn run_tool(
    mut cmd: tokio::process::Command,
    tool: &str,
    conn: &PgConnection,
) -> Result<String, ServiceError> {
    if let Some(p) = &conn.password {
        cmd.env("PGPASSWORD", p);
    }
    cmd.stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
    // Not `output()`: it would replace a standard output the caller gave (a file) by a pipe.
    let output = match cmd.spawn() {
        Ok(child) => child.wait_with_output().await,
        Err(e) => Err(e),
    };
    let output = output.map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            ServiceError::invalid("tool", msg!("backup-tool-missing", tool = tool.to_string()))
        } else {
            ServiceError::invalid(
                "tool",
                msg!(
                    "backup-tool-failed",
                    tool = tool.to_string(),
                    reason = e.to_string()
                ),
            )
        }
    })?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        let said = String::from_utf8_lossy(&output.stderr);
        let reason = said.lines().take(5).collect::<Vec<_>>().join(" / ");
        Err(ServiceError::invalid(
            "tool",
            msg!(
                "backup-tool-failed",
                tool = tool.to_string(),
                reason = reason
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fingerprint_is_read_from_a_dumps_copy_block() {
        let text =
            "SET x = 1;\nCOPY public.sealing_key (id, fingerprint) FROM stdin;\n1\tabc123\n\\.\n";
        assert_eq!(fingerprint_in_dump(text).as_deref(), Some("abc123"));
        assert_eq!(
            fingerprint_in_dump("COPY public.sealing_key (id, fingerprint) FROM stdin;\n\\.\n"),
            None
        );
        assert_eq!(fingerprint_in_dump("nothing here"), None);
    }

    #[test]
    fn sqlite_urls_name_their_file() {
        assert_eq!(
            sqlite_path("sqlite:///tmp/a.db?mode=rwc").unwrap(),
            PathBuf::from("/tmp/a.db")
        );
        assert_eq!(sqlite_path("sqlite:b.db").unwrap(), PathBuf::from("b.db"));
        assert!(sqlite_path("sqlite::memory:").is_err());
    }

    #[test]
    fn a_password_never_goes_on_the_command_line() {
        let c = PgConnection::of("postgres://u:s%40cret@db.example:5432/polsslag?sslmode=require")
            .unwrap();
        assert_eq!(c.password.as_deref(), Some("s@cret"));
        assert!(!c.dbname.contains("cret"), "{}", c.dbname);
        assert!(c.dbname.contains("sslmode=require"));
    }
}
