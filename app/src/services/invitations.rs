//! Inviting employees to a wave and creating open team links. The token is returned once,
//! to be mailed or shown; the database keeps only its hash.

use super::entities::{invitation, open_link, wave};
use super::tokens::Token;
use super::waves::load as load_wave;
use super::{audit, Actor, Permission, ServiceError, Store};
use crate::domain::WaveId;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

/// Creates one invitation per employee and returns each employee's token, in input order.
pub async fn invite(
    store: &Store,
    actor: &Actor,
    wave_id: &WaveId,
    employee_ids: &[i64],
) -> Result<Vec<(i64, Token)>, ServiceError> {
    actor.require(Permission::ManagePolls)?;
    load_wave(store, wave_id).await?;
    let tokens: Vec<(i64, Token)> = employee_ids
        .iter()
        .map(|&e| (e, Token::generate()))
        .collect();
    let w = store.write().await?;
    for chunk in tokens.chunks(1000) {
        let models = chunk.iter().map(|(e, t)| invitation::ActiveModel {
            id: Set(uuid::Uuid::new_v4().to_string()),
            wave_id: Set(wave_id.clone()),
            employee_id: Set(*e),
            token_hash: Set(t.hash()),
            completed: Set(false),
        });
        invitation::Entity::insert_many(models)
            .exec_without_returning(&*w)
            .await?;
    }
    wave::Entity::update_many()
        .col_expr(
            wave::Column::Invited,
            Expr::col(wave::Column::Invited).add(employee_ids.len() as i32),
        )
        .filter(wave::Column::Id.eq(wave_id.clone()))
        .exec(&*w)
        .await?;
    audit::record(
        &*w,
        actor,
        "wave.invite",
        wave_id.as_str(),
        &format!("{} invitations", employee_ids.len()),
    )
    .await?;
    w.commit().await?;
    Ok(tokens)
}

/// Creates an open link for a wave, optionally tied to a place in the organisation (whose
/// unit, district and team the responses then carry, as far as the poll asks for them).
pub async fn open_link(
    store: &Store,
    actor: &Actor,
    wave_id: &WaveId,
    org_unit_id: Option<i64>,
    label: &str,
) -> Result<Token, ServiceError> {
    let mut tokens = open_links(store, actor, wave_id, &[(org_unit_id, label.to_string())]).await?;
    Ok(tokens.remove(0))
}

/// Creates several open links for a wave in one transaction, `(org unit, label)` each;
/// returns their tokens in the same order.
pub async fn open_links(
    store: &Store,
    actor: &Actor,
    wave_id: &WaveId,
    links: &[(Option<i64>, String)],
) -> Result<Vec<Token>, ServiceError> {
    actor.require(Permission::ManagePolls)?;
    load_wave(store, wave_id).await?;
    let tokens: Vec<Token> = links.iter().map(|_| Token::generate()).collect();
    let w = store.write().await?;
    for (chunk, chunk_tokens) in links.chunks(500).zip(tokens.chunks(500)) {
        let models = chunk
            .iter()
            .zip(chunk_tokens)
            .map(|((org_unit_id, label), token)| open_link::ActiveModel {
                id: Set(uuid::Uuid::new_v4().to_string()),
                wave_id: Set(wave_id.clone()),
                token_hash: Set(token.hash()),
                org_unit_id: Set(*org_unit_id),
                label: Set(label.clone()),
            });
        open_link::Entity::insert_many(models)
            .exec_without_returning(&*w)
            .await?;
    }
    audit::record(
        &*w,
        actor,
        "wave.open_links",
        wave_id.as_str(),
        &format!("{} open links", links.len()),
    )
    .await?;
    w.commit().await?;
    Ok(tokens)
}
