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
