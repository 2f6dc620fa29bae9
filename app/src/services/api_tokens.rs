//! API tokens: how an automated client (an HR system's nightly roster export, say) acts as an
//! account through `/api/v1/…`, sending `Authorization: Bearer <token>`. A token is shown once
//! when it is made; the database keeps only its SHA-256, its name, and the day it was last
//! used. It can do what its account can do, no more, and stops working when it is revoked,
//! when its account's password changes, and when its account is switched off (for good: the
//! account's session epoch moved on).

use super::entities::{account, api_token};
use super::tokens::Token;
use super::{accounts, audit, Actor, ServiceError, Store};
use crate::domain::TokenRow;
use crate::msg;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

/// What every token starts with, so one found in a file or a chat is recognised as ours.
pub const PREFIX: &str = "pst_";

/// The longest name a token may have.
const MAX_NAME: usize = 80;

fn own_id(actor: &Actor) -> Result<i64, ServiceError> {
    match actor {
        Actor::Account { id, .. } => Ok(*id),
        _ => Err(ServiceError::not_allowed()),
    }
}

/// Makes a token for the logged-in account and returns it in full (the only time it exists
/// outside the client) with its row.
///
/// # Errors
/// `Invalid` on `name` when empty or longer than 80 characters; `Forbidden` for anyone but
/// an account.
pub async fn create(
    store: &Store,
    actor: &Actor,
    name: &str,
) -> Result<(TokenRow, String), ServiceError> {
    let account_id = own_id(actor)?;
    let name = name.trim();
    if name.is_empty() {
        return Err(ServiceError::invalid("name", msg!("token-name-missing")));
    }
    if name.chars().count() > MAX_NAME || name.chars().any(char::is_control) {
        return Err(ServiceError::invalid(
            "name",
            msg!("token-name-too-long", max = MAX_NAME),
        ));
    }
    let token = Token::generate();
    let now = time::OffsetDateTime::now_utc();
    let w = store.write().await?;
    let epoch = account::Entity::find_by_id(account_id)
        .one(&*w)
        .await?
        .filter(|a| a.active)
        .ok_or_else(ServiceError::not_allowed)?
        .session_epoch;
    let id = api_token::Entity::insert(api_token::ActiveModel {
        epoch: Set(epoch),
        account_id: Set(account_id),
        name: Set(name.to_string()),
        token_hash: Set(token.hash()),
        created_at: Set(now),
        last_used_on: Set(None),
        revoked: Set(false),
        ..Default::default()
    })
    .exec(&*w)
    .await?
    .last_insert_id;
    audit::record(&*w, actor, "token.create", &format!("token:{id}"), name).await?;
    w.commit().await?;
    Ok((
        TokenRow {
            id,
            name: name.to_string(),
            created_on: now.date().to_string(),
            last_used_on: None,
        },
        format!("{PREFIX}{}", token.as_str()),
    ))
}

/// The logged-in account's tokens that still work, newest first.
pub async fn list(store: &Store, actor: &Actor) -> Result<Vec<TokenRow>, ServiceError> {
    let account_id = own_id(actor)?;
    let epoch = account::Entity::find_by_id(account_id)
        .one(&store.read())
        .await?
        .map(|a| a.session_epoch)
        .unwrap_or(0);
    Ok(api_token::Entity::find()
        .filter(api_token::Column::AccountId.eq(account_id))
        .filter(api_token::Column::Revoked.eq(false))
        .filter(api_token::Column::Epoch.eq(epoch))
        .order_by_desc(api_token::Column::Id)
        .all(&store.read())
        .await?
        .into_iter()
        .map(|t| TokenRow {
            id: t.id,
            name: t.name,
            created_on: t.created_at.date().to_string(),
            last_used_on: t.last_used_on.map(|d| d.to_string()),
        })
        .collect())
}

/// Revokes one of the logged-in account's own tokens.
///
/// # Errors
/// `NotFound` when the account has no such working token.
pub async fn revoke(store: &Store, actor: &Actor, id: i64) -> Result<(), ServiceError> {
    let account_id = own_id(actor)?;
    let w = store.write().await?;
    let n = api_token::Entity::update_many()
        .col_expr(api_token::Column::Revoked, true.into())
        .filter(api_token::Column::Id.eq(id))
        .filter(api_token::Column::AccountId.eq(account_id))
        .filter(api_token::Column::Revoked.eq(false))
        .exec(&*w)
        .await?
        .rows_affected;
    if n == 0 {
        return Err(ServiceError::not_found(super::Refusal::new(
            msg!("not-found-title"),
            msg!("token-not-found"),
        )));
    }
    audit::record(&*w, actor, "token.revoke", &format!("token:{id}"), "").await?;
    w.commit().await?;
    Ok(())
}

/// The account a bearer token acts as, read on every request (a revoked token or a
/// switched-off account stops at once); the day of use is recorded once a day.
///
/// # Errors
/// `Unauthenticated` (401) with the same message for a malformed, unknown or revoked token and an
/// inactive account, so the answer says nothing about which.
pub async fn authenticate(store: &Store, bearer: &str) -> Result<Actor, ServiceError> {
    let refused = || {
        ServiceError::Unauthenticated(Box::new(super::Refusal::new(
            msg!("token-refused-title"),
            msg!("token-refused-body"),
        )))
    };
    let token = bearer
        .strip_prefix(PREFIX)
        .and_then(Token::parse)
        .ok_or_else(refused)?;
    let Some(t) = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(token.hash()))
        .one(&store.read())
        .await?
        .filter(|t| !t.revoked)
    else {
        return Err(refused());
    };
    let Some(a) = account::Entity::find_by_id(t.account_id)
        .one(&store.read())
        .await?
        .filter(|a| a.active && a.session_epoch == t.epoch)
    else {
        return Err(refused());
    };
    let today = time::OffsetDateTime::now_utc().date();
    if t.last_used_on != Some(today) {
        let w = store.write().await?;
        api_token::Entity::update_many()
            .col_expr(api_token::Column::LastUsedOn, today.into())
            .filter(api_token::Column::Id.eq(t.id))
            .exec(&*w)
            .await?;
        w.commit().await?;
    }
    Ok(accounts::actor_of(&a))
}
