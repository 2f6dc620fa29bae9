//! The audit log: who did what, when (DESIGN.md: every view of results and every export,
//! and every change to a wave). Never holds answers or tokens.

use crate::entities::audit_log;
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait};

pub async fn record<C: ConnectionTrait>(
    db: &C,
    actor: &str,
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
