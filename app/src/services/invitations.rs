//! Inviting employees to a wave and creating open team links. The token is returned once,
//! to be mailed or shown; the database keeps only its hash.

use super::entities::{invitation, open_link, wave};
use super::tokens::Token;
use super::waves::load as load_wave;
use super::{audit, polls, recoding, Actor, Permission, ServiceError, Store};
use crate::domain::WaveId;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

/// Creates one invitation per employee and returns each employee's token, in input order,
/// with what recoding the wave's whole audience did ([`recoding`]).
///
/// # Errors
/// A conflict when the audience cannot be protected (a unit with fewer than k invitees);
/// nothing is stored then.
pub async fn invite(
    store: &Store,
    actor: &Actor,
    wave_id: &WaveId,
    employee_ids: &[i64],
) -> Result<Invited, ServiceError> {
    actor.require(Permission::ManagePolls)?;
    let wv = load_wave(store, wave_id).await?;
    let poll = polls::load(store, &wv.poll_id).await?;
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
            attributes: Set(None),
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
    let report = recoding::apply(&*w, wave_id, &poll, true)
        .await?
        .expect("the wave has invitations now");
    audit::record(
        &*w,
        actor,
        "wave.recode",
        wave_id.as_str(),
        &serde_json::to_string(&report).expect("report serialises"),
    )
    .await?;
    w.commit().await?;
    // The wave's open links may report another place now.
    store.forget_cached();
    Ok(Invited { tokens, report })
}

/// What [`invite`] hands back.
#[derive(Debug)]
pub struct Invited {
    /// Each employee's token, in input order: the only copy.
    pub tokens: Vec<(i64, Token)>,
    /// What recoding the wave's audience did to the attributes its responses carry.
    pub report: recoding::Report,
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
    let wv = load_wave(store, wave_id).await?;
    let k = polls::load(store, &wv.poll_id).await?.min_group.get() as usize;
    let tokens: Vec<Token> = links.iter().map(|_| Token::generate()).collect();
    let w = store.write().await?;
    // Each link reports its own place, or the nearest above it with at least k people.
    let headcounts = recoding::Headcounts::load(&*w).await?;
    let reported: Vec<Option<i64>> = links
        .iter()
        .map(|(org_unit_id, _)| org_unit_id.map(|id| headcounts.reported(id, k)).transpose())
        .collect::<Result<_, _>>()?;
    for ((chunk, chunk_tokens), chunk_reported) in links
        .chunks(500)
        .zip(tokens.chunks(500))
        .zip(reported.chunks(500))
    {
        let models = chunk.iter().zip(chunk_tokens).zip(chunk_reported).map(
            |(((org_unit_id, label), token), reported)| open_link::ActiveModel {
                id: Set(uuid::Uuid::new_v4().to_string()),
                wave_id: Set(wave_id.clone()),
                token_hash: Set(token.hash()),
                org_unit_id: Set(*org_unit_id),
                label: Set(label.clone()),
                reported_org_unit_id: Set(*reported),
            },
        );
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
