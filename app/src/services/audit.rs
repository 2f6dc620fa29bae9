//! The audit log: who did what, when (DESIGN.md: every view of results and every export,
//! and every change to a wave). Never holds answers, names, e-mail addresses or tokens.

use super::entities::audit_log;
use super::{Actor, Permission, ServiceError, Store};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait, QueryOrder};

/// Writes one entry inside the caller's transaction, so the entry and the change it records
/// commit together.
pub(crate) async fn record<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    action: &str,
    object: &str,
    detail: &str,
) -> Result<(), DbErr> {
    audit_log::Entity::insert(audit_log::ActiveModel {
        at: Set(time::OffsetDateTime::now_utc()),
        actor: Set(actor.to_string()),
        action: Set(action.to_string()),
        object: Set(object.to_string()),
        detail: Set(detail.to_string()),
        ..Default::default()
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// The whole log, oldest first.
pub async fn entries(store: &Store, actor: &Actor) -> Result<Vec<audit_log::Model>, ServiceError> {
    actor.require(Permission::ReadAudit)?;
    Ok(audit_log::Entity::find()
        .order_by_asc(audit_log::Column::Id)
        .all(&store.read())
        .await?)
}

/// The most entries [`search`] returns at once.
pub const PAGE: u64 = 200;

/// The entries matching `filter`, newest first, at most [`PAGE`] of them, with the number
/// that match. `actor` matches the recorded actor or the address of its account (part of
/// either), `action` the action's start (`roster.` finds every roster action), `from` and
/// `to` are ISO dates (inclusive, UTC).
///
/// # Errors
/// `Forbidden` for anyone but administrators; `Invalid` on `from`/`to` for a date that is not
/// `YYYY-MM-DD`.
pub async fn search(
    store: &Store,
    actor: &Actor,
    filter: &crate::domain::AuditFilter,
) -> Result<(Vec<crate::domain::AuditRow>, u64), ServiceError> {
    use super::entities::account;
    use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter, QuerySelect};
    actor.require(Permission::ReadAudit)?;
    let date = |field: &'static str, s: &str| -> Result<Option<time::Date>, ServiceError> {
        let s = s.trim();
        if s.is_empty() {
            return Ok(None);
        }
        time::Date::parse(s, time::macros::format_description!("[year]-[month]-[day]"))
            .map(Some)
            .map_err(|_| ServiceError::invalid(field, crate::msg!("audit-bad-date")))
    };
    let from = date("from", &filter.from)?;
    let to = date("to", &filter.to)?;
    let emails: std::collections::HashMap<i64, String> = account::Entity::find()
        .all(&store.read())
        .await?
        .into_iter()
        .map(|a| (a.id, a.email))
        .collect();
    let mut q = audit_log::Entity::find();
    if let Some(d) = from {
        q = q.filter(audit_log::Column::At.gte(d.midnight().assume_utc()));
    }
    if let Some(d) = to {
        q = q.filter(audit_log::Column::At.lt(d.next_day().unwrap_or(d).midnight().assume_utc()));
    }
    let action = filter.action.trim();
    if !action.is_empty() {
        q = q.filter(audit_log::Column::Action.starts_with(action));
    }
    let who = filter.actor.trim().to_lowercase();
    if !who.is_empty() {
        let mut names: Vec<String> = emails
            .iter()
            .filter(|(_, e)| e.contains(&who))
            .map(|(id, _)| format!("account:{id}"))
            .collect();
        names.push(who.clone());
        let mut cond = sea_orm::Condition::any();
        for n in names {
            cond = cond.add(audit_log::Column::Actor.eq(n));
        }
        cond = cond.add(audit_log::Column::Actor.contains(&who));
        q = q.filter(cond);
    }
    let total = q.clone().count(&store.read()).await?;
    let rows = q
        .order_by_desc(audit_log::Column::Id)
        .limit(PAGE)
        .all(&store.read())
        .await?
        .into_iter()
        .map(|e| {
            let actor = match e
                .actor
                .strip_prefix("account:")
                .and_then(|i| i.parse::<i64>().ok())
            {
                Some(id) => match emails.get(&id) {
                    Some(mail) => format!("{} ({mail})", e.actor),
                    None => e.actor.clone(),
                },
                None => e.actor.clone(),
            };
            crate::domain::AuditRow {
                at: e
                    .at
                    .to_offset(time::UtcOffset::UTC)
                    .format(time::macros::format_description!(
                        "[year]-[month]-[day] [hour]:[minute]:[second]"
                    ))
                    .unwrap_or_default(),
                actor,
                action: e.action,
                object: e.object,
                detail: e.detail,
            }
        })
        .collect();
    Ok((rows, total))
}
