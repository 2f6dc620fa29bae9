//! Accounts of the people who work in Polsslag (issue #10): creating them, checking a login,
//! changing a password.
//!
//! Passwords are hashed with argon2id (RustCrypto `argon2`, its default parameters: 19 MiB,
//! two passes, one lane, as OWASP's password storage cheat sheet recommends) and stored as a
//! PHC string. A login that fails is counted **per account**, never per address (thousands of
//! colleagues share one office address): after [`MAX_FAILURES`] failures in a row the account
//! is locked for [`LOCKOUT`], and even the right password is refused until then. An unknown
//! address costs the same work as a known one and gets the same answer, so a login form does
//! not tell which addresses have accounts.
//!
//! Logging in is a function of the credentials only ([`authenticate`]); what carries the
//! result (the session) lives at the edge, so single sign-on (OpenID Connect) can produce the
//! same [`Actor::Account`] from another proof of identity without touching the pages.

use super::entities::{account, org_unit};
use super::{audit, Actor, Permission, Refusal, ServiceError, Store};
use crate::domain::{AccountRow, OrgLevel, Role};
use crate::i18n::Message;
use crate::msg;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use time::{Duration, OffsetDateTime};

/// Failed logins in a row after which an account is locked.
pub const MAX_FAILURES: i32 = 5;

/// How long a locked account stays locked.
pub const LOCKOUT: Duration = Duration::minutes(15);

/// The shortest password accepted (NIST SP 800-63B asks at least 8; we ask 12).
pub const MIN_PASSWORD: usize = 12;

/// The longest password accepted (argon2 takes any length; this bounds the work per login).
pub const MAX_PASSWORD: usize = 256;

/// A new account.
#[derive(Clone, Debug)]
pub struct NewAccount {
    pub email: String,
    pub role: Role,
    /// A manager's organisation unit code; none for the other roles.
    pub scope: Option<String>,
    /// The password; `None` makes a one-time password, returned once.
    pub password: Option<String>,
    /// May read open text and raw bundles (*ruwe data*); HRM only.
    pub raw_data: bool,
}

/// What [`create`] hands back.
#[derive(Clone, Debug)]
pub struct Created {
    pub id: i64,
    /// The password made for the account when none was given: the only copy.
    pub one_time_password: Option<String>,
}

/// An e-mail address as stored: trimmed, lower case; `None` when it is not one.
pub fn normalise_email(email: &str) -> Option<String> {
    let e = email.trim().to_lowercase();
    let (local, domain) = e.split_once('@')?;
    let ok = !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && e.len() <= 254
        && !e.chars().any(|c| c.is_whitespace() || c.is_control());
    ok.then_some(e)
}

fn hasher() -> Argon2<'static> {
    Argon2::default()
}

fn hash(password: &str) -> Result<String, ServiceError> {
    let salt = SaltString::encode_b64(&rand::random::<[u8; 16]>()).map_err(|e| {
        ServiceError::corrupt("password salt", std::io::Error::other(e.to_string()))
    })?;
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ServiceError::corrupt("password hash", std::io::Error::other(e.to_string())))
}

/// At most this many password hashes are computed at once (each takes 19 MiB and tens of
/// milliseconds of a core); the others wait, and none runs on the async workers, so a burst
/// of logins never stalls the respondents' submissions.
static HASHING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

/// [`hash`] on a blocking thread, within [`HASHING`].
async fn hash_off_thread(password: String) -> Result<String, ServiceError> {
    let _permit = HASHING
        .acquire()
        .await
        .expect("the semaphore is never closed");
    tokio::task::spawn_blocking(move || hash(&password))
        .await
        .map_err(|e| ServiceError::Unexpected(Box::new(e)))?
}

/// [`verify`] on a blocking thread, within [`HASHING`].
async fn verify_off_thread(password: &str, stored: String) -> Result<bool, ServiceError> {
    let password = password.to_string();
    let _permit = HASHING
        .acquire()
        .await
        .expect("the semaphore is never closed");
    tokio::task::spawn_blocking(move || verify(&password, &stored))
        .await
        .map_err(|e| ServiceError::Unexpected(Box::new(e)))?
}

fn verify(password: &str, stored: &str) -> Result<bool, ServiceError> {
    let parsed = PasswordHash::new(stored).map_err(|e| {
        ServiceError::corrupt("password hash", std::io::Error::other(e.to_string()))
    })?;
    Ok(hasher()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok())
}

/// A random password of 20 characters from an alphabet without look-alikes (about 110 bits).
fn one_time_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
    (0..20)
        .map(|_| ALPHABET[rand::random_range(0..ALPHABET.len())] as char)
        .collect()
}

fn check_password(field: &str, password: &str) -> Result<(), ServiceError> {
    let n = password.chars().count();
    if n < MIN_PASSWORD {
        Err(ServiceError::invalid(
            field,
            msg!("password-too-short", min = MIN_PASSWORD),
        ))
    } else if n > MAX_PASSWORD {
        Err(ServiceError::invalid(
            field,
            msg!("password-too-long", max = MAX_PASSWORD),
        ))
    } else {
        Ok(())
    }
}

/// Creates an account (administrators and the command line).
///
/// # Errors
/// `Invalid` on `email` (not an address), `password` (shorter than [`MIN_PASSWORD`] or longer
/// than [`MAX_PASSWORD`]), `scope` (a manager or coordinator without one, another role with
/// one, a code that is not in the organisation, or a coordinator's code that is not a unit)
/// and `raw_data` (only HRM may hold it); `Conflict` on `email` when the address has an
/// account. Nothing is stored then.
pub async fn create(
    store: &Store,
    actor: &Actor,
    new: NewAccount,
) -> Result<Created, ServiceError> {
    actor.require(Permission::ManageAccounts)?;
    let mut problems = Vec::new();
    let email = normalise_email(&new.email);
    if email.is_none() {
        problems.push(("email", msg!("email-invalid", email = new.email.clone())));
    }
    if let Some(p) = &new.password {
        if let Err(ServiceError::Invalid(mut f)) = check_password("password", p) {
            problems.extend(f.drain(..).map(|f| ("password", f.message)));
        }
    }
    let scope = new
        .scope
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    match (new.role, scope) {
        (Role::Manager, None) => problems.push(("scope", msg!("account-scope-missing"))),
        (Role::Coordinator, None) => {
            problems.push(("scope", msg!("account-scope-missing-coordinator")))
        }
        (Role::Manager | Role::Coordinator, Some(code)) => {
            let node = org_unit::Entity::find()
                .filter(org_unit::Column::Code.eq(code))
                .one(&store.read())
                .await?;
            match node {
                None => problems.push(("scope", msg!("account-scope-unknown", code = code))),
                // A coordinator records the figures of a unit, which is where indicators are
                // kept: not of a district or a team.
                Some(n) if new.role == Role::Coordinator && n.level != OrgLevel::Unit => {
                    problems.push(("scope", msg!("account-scope-not-unit", code = code)))
                }
                Some(_) => {}
            }
        }
        (_, Some(_)) => problems.push(("scope", msg!("account-scope-not-manager"))),
        (_, None) => {}
    }
    if new.raw_data && new.role != Role::HrmAnalyst {
        problems.push(("raw_data", msg!("account-raw-data-hrm-only")));
    }
    if !problems.is_empty() {
        return Err(ServiceError::Invalid(
            problems
                .into_iter()
                .map(|(field, message)| crate::refusal::FieldError {
                    field: field.to_string(),
                    message,
                })
                .collect(),
        ));
    }
    let email = email.expect("checked above");
    let made = new.password.is_none().then(one_time_password);
    let password = new
        .password
        .as_deref()
        .or(made.as_deref())
        .expect("one of both");
    let password_hash = hash_off_thread(password.to_string()).await?;
    let w = store.write().await?;
    let id = account::Entity::insert(account::ActiveModel {
        email: Set(email.clone()),
        password_hash: Set(password_hash),
        role: Set(new.role),
        scope: Set(scope.map(str::to_string)),
        raw_data: Set(new.raw_data),
        failed_logins: Set(0),
        locked_until: Set(None),
        active: Set(true),
        created_at: Set(OffsetDateTime::now_utc()),
        ..Default::default()
    })
    .exec(&*w)
    .await
    .map_err(|e| ServiceError::on_unique(e, "email", msg!("email-taken", email = email)))?
    .last_insert_id;
    audit::record(
        &*w,
        actor,
        "account.create",
        &format!("account:{id}"),
        new.role.as_str(),
    )
    .await?;
    w.commit().await?;
    Ok(Created {
        id,
        one_time_password: made,
    })
}

/// The actor an account acts as.
pub(crate) fn actor_of(a: &account::Model) -> Actor {
    Actor::Account {
        id: a.id,
        role: a.role,
        scope: a.scope.clone(),
    }
}

/// The refusal of a login: the same for an unknown address and a wrong password.
fn wrong_credentials() -> ServiceError {
    ServiceError::Invalid(vec![crate::refusal::FieldError {
        field: "password".into(),
        message: msg!("login-wrong"),
    }])
}

fn locked(until: OffsetDateTime, now: OffsetDateTime) -> ServiceError {
    ServiceError::forbidden(Refusal::new(
        msg!("login-locked-title"),
        msg!(
            "login-locked-body",
            // Whole minutes, rounded up.
            minutes = (((until - now).whole_seconds() + 59) / 60).max(1)
        ),
    ))
}

/// Checks a login at moment `now` and returns the account as an [`Actor::Account`].
///
/// Every attempt counts one for the account before its password is checked (so attempts made
/// at the same moment cannot try more than [`MAX_FAILURES`] passwords); the
/// [`MAX_FAILURES`]th attempt without a success in between locks it until `now + LOCKOUT`.
/// A locked or deactivated account is refused whatever the password; a successful login
/// clears the count. Every attempt is written to the audit log (the
/// account's id, never the address typed).
///
/// # Errors
/// `Invalid` on `password` ("e-mail address or password is wrong") for an unknown address,
/// a deactivated account or a wrong password; `Forbidden` ("locked, try again in N minutes")
/// while locked.
pub async fn authenticate(
    store: &Store,
    email: &str,
    password: &str,
    now: OffsetDateTime,
) -> Result<Actor, ServiceError> {
    Ok(authenticate_with_epoch(store, email, password, now)
        .await?
        .0)
}

/// [`authenticate`], with the account's session epoch as the successful check read it: a
/// session made from this login carries it, so a password change that commits while the
/// old password is being checked ends the new session too (the hash is read again when the
/// attempt is closed, and a changed one makes the attempt fail).
pub async fn authenticate_with_epoch(
    store: &Store,
    email: &str,
    password: &str,
    now: OffsetDateTime,
) -> Result<(Actor, i32), ServiceError> {
    // An over-long password is refused before anything is looked up: the same answer, as
    // fast, whether the address has an account or not.
    if password.chars().count() > MAX_PASSWORD {
        return Err(wrong_credentials());
    }
    let found = match normalise_email(email) {
        Some(e) => {
            account::Entity::find()
                .filter(account::Column::Email.eq(e))
                .one(&store.read())
                .await?
        }
        None => None,
    };
    let Some(acc) = found.filter(|a| a.active) else {
        // The same hashing work as for a real account.
        let dummy = DUMMY_HASH
            .get_or_init(|| hash("x".repeat(16).as_str()).unwrap_or_default())
            .clone();
        let _ = verify_off_thread(password, dummy).await;
        return Err(wrong_credentials());
    };
    // The attempt is counted *before* the password is checked, in one transaction with the
    // lock test: however many attempts arrive at once, at most MAX_FAILURES passwords are
    // tried per lockout.
    let subject = format!("account:{}", acc.id);
    let (attempt, current) = {
        let w = store.write().await?;
        let mut query = account::Entity::find_by_id(acc.id);
        if store.backend() == sea_orm::DbBackend::Postgres {
            // Row-locked, so attempts at the same moment count one after the other (SQLite's
            // writer lock already orders them).
            query = sea_orm::QuerySelect::lock_exclusive(query);
        }
        let current = query
            .one(&*w)
            .await?
            .filter(|a| a.active)
            .ok_or_else(wrong_credentials)?;
        if let Some(until) = current.locked_until.filter(|u| *u > now) {
            return Err(locked(until, now));
        }
        let attempt = current.failed_logins + 1;
        let lock = (attempt >= MAX_FAILURES).then_some(now + LOCKOUT);
        account::Entity::update_many()
            .col_expr(
                account::Column::FailedLogins,
                if lock.is_some() { 0 } else { attempt }.into(),
            )
            .col_expr(
                account::Column::LockedUntil,
                sea_orm::sea_query::Expr::value(lock),
            )
            .filter(account::Column::Id.eq(acc.id))
            .exec(&*w)
            .await?;
        w.commit().await?;
        (lock, current)
    };
    let verified = verify_off_thread(password, current.password_hash.clone()).await?;
    let w = store.write().await?;
    // The account as it is now: a password changed (or an account switched off) while the
    // old password was being checked makes this attempt fail.
    let mut query = account::Entity::find_by_id(acc.id);
    if store.backend() == sea_orm::DbBackend::Postgres {
        query = sea_orm::QuerySelect::lock_exclusive(query);
    }
    let now_stored = query.one(&*w).await?;
    let ok = verified
        && now_stored
            .as_ref()
            .is_some_and(|a| a.active && a.password_hash == current.password_hash);
    let result = if ok {
        let epoch = now_stored.as_ref().map(|a| a.session_epoch).unwrap_or(0);
        // The right password clears the count (and a lock this very attempt set).
        account::Entity::update_many()
            .col_expr(account::Column::FailedLogins, 0.into())
            .col_expr(
                account::Column::LockedUntil,
                sea_orm::sea_query::Expr::value(Option::<OffsetDateTime>::None),
            )
            .filter(account::Column::Id.eq(acc.id))
            .exec(&*w)
            .await?;
        let actor = actor_of(&current);
        audit::record(&*w, &actor, "account.login", &subject, "").await?;
        Ok((actor, epoch))
    } else {
        let what = if attempt.is_some() {
            "account.locked"
        } else {
            "account.login_failed"
        };
        audit::record(&*w, &Actor::System, what, &subject, "").await?;
        Err(match attempt {
            Some(until) => locked(until, now),
            None => wrong_credentials(),
        })
    };
    w.commit().await?;
    result
}

static DUMMY_HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Changes the actor's own password after checking the current one, and returns the
/// account's new session epoch: every other session of the account ends (the caller moves
/// its own session to the new epoch). A wrong current password counts against the lockout
/// like a wrong login.
///
/// # Errors
/// `Forbidden` for anyone but a logged-in account, and while the account is locked;
/// `Invalid` on `current` (wrong) or `new` (too short, too long, or the same as now).
pub async fn change_password(
    store: &Store,
    actor: &Actor,
    current: &str,
    new: &str,
) -> Result<i32, ServiceError> {
    let Actor::Account { id, .. } = actor else {
        return Err(ServiceError::not_allowed());
    };
    check_password("new", new)?;
    if new == current {
        return Err(ServiceError::invalid("new", msg!("password-same")));
    }
    let acc = account::Entity::find_by_id(*id)
        .one(&store.read())
        .await?
        .filter(|a| a.active)
        .ok_or_else(ServiceError::not_allowed)?;
    // The current password is checked as a login is: counted, locked after MAX_FAILURES.
    match authenticate(store, &acc.email, current, OffsetDateTime::now_utc()).await {
        Ok(_) => {}
        Err(ServiceError::Invalid(_)) => {
            return Err(ServiceError::invalid(
                "current",
                msg!("password-current-wrong"),
            ))
        }
        Err(e) => return Err(e),
    }
    let password_hash = hash_off_thread(new.to_string()).await?;
    let w = store.write().await?;
    let epoch = raise_epoch(&*w, *id, Some(password_hash)).await?;
    audit::record(&*w, actor, "account.password", &format!("account:{id}"), "").await?;
    w.commit().await?;
    Ok(epoch)
}

/// Raises an account's session epoch in the database (and sets a new password hash), and
/// returns the new epoch: every session and API token of an older epoch stops working.
async fn raise_epoch<C: sea_orm::ConnectionTrait>(
    db: &C,
    id: i64,
    password_hash: Option<String>,
) -> Result<i32, ServiceError> {
    use sea_orm::sea_query::{Expr, ExprTrait};
    let mut update = account::Entity::update_many().col_expr(
        account::Column::SessionEpoch,
        Expr::col(account::Column::SessionEpoch).add(1),
    );
    if let Some(h) = password_hash {
        update = update.col_expr(account::Column::PasswordHash, h.into());
    }
    update.filter(account::Column::Id.eq(id)).exec(db).await?;
    Ok(account::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|a| a.session_epoch)
        .unwrap_or(0))
}

/// Switches an account on or off (administrators). An account switched off cannot log in, its
/// sessions end at their next request and its API tokens stop working, also after it is
/// switched on again; nothing of it is deleted.
///
/// # Errors
/// `NotFound` for an unknown account; `Invalid` on `active` when administrators try to
/// switch themselves off (someone must be able to switch them on again).
pub async fn set_active(
    store: &Store,
    actor: &Actor,
    id: i64,
    active: bool,
) -> Result<(), ServiceError> {
    actor.require(Permission::ManageAccounts)?;
    if !active && matches!(actor, Actor::Account { id: me, .. } if *me == id) {
        return Err(ServiceError::invalid(
            "active",
            msg!("account-not-yourself"),
        ));
    }
    let w = store.write().await?;
    let n = account::Entity::update_many()
        .col_expr(account::Column::Active, active.into())
        .filter(account::Column::Id.eq(id))
        .exec(&*w)
        .await?
        .rows_affected;
    if n == 0 {
        return Err(ServiceError::not_found(super::Refusal::new(
            msg!("not-found-title"),
            msg!("account-not-found"),
        )));
    }
    if !active {
        // Its sessions and tokens end for good: switched on again, it starts afresh.
        raise_epoch(&*w, id, None).await?;
    }
    let what = if active {
        "account.activate"
    } else {
        "account.deactivate"
    };
    audit::record(&*w, actor, what, &format!("account:{id}"), "").await?;
    w.commit().await?;
    Ok(())
}

/// The account behind a session: the actor and its address, or `None` when the account is
/// gone or switched off (its sessions then end at once). Read on every request, so a changed
/// role takes effect at the next page.
pub async fn signed_in(store: &Store, id: i64) -> Result<Option<SignedInAccount>, ServiceError> {
    Ok(account::Entity::find_by_id(id)
        .one(&store.read())
        .await?
        .filter(|a| a.active)
        .map(|a| SignedInAccount {
            actor: actor_of(&a),
            email: a.email,
            epoch: a.session_epoch,
        }))
}

/// The account behind a session, as [`signed_in`] finds it.
#[derive(Clone, Debug)]
pub struct SignedInAccount {
    pub actor: Actor,
    pub email: String,
    /// The session epoch the account is at: a session made in another one has ended.
    pub epoch: i32,
}

/// Every account, by address, as administrators see it (never its hash).
pub async fn list(store: &Store, actor: &Actor) -> Result<Vec<AccountRow>, ServiceError> {
    actor.require(Permission::ManageAccounts)?;
    let now = OffsetDateTime::now_utc();
    Ok(account::Entity::find()
        .order_by_asc(account::Column::Email)
        .all(&store.read())
        .await?
        .into_iter()
        .map(|a| AccountRow {
            id: a.id,
            email: a.email,
            role: a.role,
            scope: a.scope,
            raw_data: a.raw_data,
            active: a.active,
            locked: a.locked_until.is_some_and(|u| u > now),
        })
        .collect())
}

/// The message naming a role, in the reader's language.
pub fn role_name(role: Role) -> Message {
    match role {
        Role::Administrator => msg!("role-beheerder"),
        Role::HrmAnalyst => msg!("role-hrm"),
        Role::Manager => msg!("role-leidinggevende"),
        Role::Coordinator => msg!("role-coordinator"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_trimmed_and_lower_case_or_refused() {
        assert_eq!(
            normalise_email("  Anna.deVries@Politie.NL ").as_deref(),
            Some("anna.devries@politie.nl")
        );
        for bad in [
            "",
            "anna",
            "anna@",
            "@politie.nl",
            "anna@nl",
            "an na@politie.nl",
            "a@b@c.nl",
            "anna@.nl",
        ] {
            assert_eq!(normalise_email(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_hash_verifies_its_password_only() {
        let h = hash("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify("correct horse battery", &h).unwrap());
        assert!(!verify("correct horse batterz", &h).unwrap());
    }

    #[test]
    fn one_time_passwords_are_long_and_differ() {
        let (a, b) = (one_time_password(), one_time_password());
        assert_eq!(a.chars().count(), 20);
        assert!(a.chars().count() >= MIN_PASSWORD);
        assert_ne!(a, b);
    }
}
