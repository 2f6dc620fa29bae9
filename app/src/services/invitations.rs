//! Inviting employees to a wave and creating open team links. The database keeps only a
//! token's hash. A personal invitation's token is derived from its id under the server's key
//! ([`super::sealing::SealingKey::invitation_token`]), so the mailer can send it (and its
//! reminders) without a link ever being stored; an open link's token is random and shown once.

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
    let w = store.write().await?;
    let invited = invite_in(store, &*w, actor, wave_id, employee_ids).await?;
    w.commit().await?;
    // The wave's open links may report another place now.
    store.forget_cached();
    Ok(invited)
}

/// [`invite`] inside the caller's transaction (the sample is drawn and invited in one).
pub(crate) async fn invite_in<C: sea_orm::ConnectionTrait>(
    store: &Store,
    w: &C,
    actor: &Actor,
    wave_id: &WaveId,
    employee_ids: &[i64],
) -> Result<Invited, ServiceError> {
    let wv = load_wave(store, wave_id).await?;
    let poll = polls::load(store, &wv.poll_id).await?;
    let ids: Vec<(i64, String)> = employee_ids
        .iter()
        .map(|&e| (e, uuid::Uuid::new_v4().to_string()))
        .collect();
    let tokens: Vec<(i64, Token)> = ids
        .iter()
        .map(|(e, id)| (*e, store.key().invitation_token(id)))
        .collect();
    for (chunk, chunk_tokens) in ids.chunks(1000).zip(tokens.chunks(1000)) {
        let models =
            chunk
                .iter()
                .zip(chunk_tokens)
                .map(|((e, id), (_, t))| invitation::ActiveModel {
                    id: Set(id.clone()),
                    wave_id: Set(wave_id.clone()),
                    employee_id: Set(*e),
                    token_hash: Set(t.hash()),
                    completed: Set(false),
                    attributes: Set(None),
                });
        invitation::Entity::insert_many(models)
            .exec_without_returning(w)
            .await?;
    }
    wave::Entity::update_many()
        .col_expr(
            wave::Column::Invited,
            Expr::col(wave::Column::Invited).add(employee_ids.len() as i32),
        )
        .filter(wave::Column::Id.eq(wave_id.clone()))
        .exec(w)
        .await?;
    audit::record(
        w,
        actor,
        "wave.invite",
        wave_id.as_str(),
        &format!("{} invitations", employee_ids.len()),
    )
    .await?;
    let report = recoding::apply(w, wave_id, &poll, true)
        .await?
        .expect("the wave has invitations now");
    audit::record(
        w,
        actor,
        "wave.recode",
        wave_id.as_str(),
        &serde_json::to_string(&report).expect("report serialises"),
    )
    .await?;
    Ok(Invited { tokens, report })
}

/// A personal link for a mail merge.
#[derive(Debug)]
pub struct MergeRow {
    pub employee_number: String,
    pub name: String,
    pub email: String,
    pub token: Token,
}

/// The personal links of a wave's invitations, for a mail merge, **once**: the file made of
/// them is the only place they are written out (the database keeps hashes), so a second
/// download is refused. In employee-number order; audited (without names).
///
/// # Errors
/// `Conflict` when the links were downloaded before, or the wave has no invitations or is
/// closed.
pub async fn links_once(
    store: &Store,
    actor: &Actor,
    wave_id: &WaveId,
) -> Result<Vec<MergeRow>, ServiceError> {
    use super::entities::employee;
    actor.require(Permission::ManagePolls)?;
    let wv = load_wave(store, wave_id).await?;
    if wv.status == crate::domain::WaveStatus::Closed || wv.invited == 0 {
        return Err(ServiceError::conflict(
            "wave",
            crate::msg!("links-nothing", label = wv.label.as_str()),
        ));
    }
    let w = store.write().await?;
    // Claimed under the writer: of two downloads at once, one gets the file.
    let claimed = wave::Entity::update_many()
        .col_expr(
            wave::Column::LinksExportedAt,
            Expr::value(time::OffsetDateTime::now_utc()),
        )
        .filter(wave::Column::Id.eq(wave_id.clone()))
        .filter(wave::Column::LinksExportedAt.is_null())
        .exec(&*w)
        .await?
        .rows_affected;
    if claimed == 0 {
        return Err(ServiceError::conflict(
            "wave",
            crate::msg!("links-already", label = wv.label.as_str()),
        ));
    }
    let invited = invitation::Entity::find()
        .filter(invitation::Column::WaveId.eq(wave_id.clone()))
        .all(&*w)
        .await?;
    let mut people = std::collections::HashMap::new();
    let ids: Vec<i64> = invited.iter().map(|i| i.employee_id).collect();
    for chunk in ids.chunks(1000) {
        for e in employee::Entity::find()
            .filter(employee::Column::Id.is_in(chunk.iter().copied()))
            .all(&*w)
            .await?
        {
            people.insert(e.id, e);
        }
    }
    let mut rows: Vec<MergeRow> = invited
        .iter()
        .filter_map(|i| {
            let e = people.get(&i.employee_id)?;
            Some(MergeRow {
                employee_number: e.employee_number.clone(),
                name: e.name.clone(),
                email: e.email.clone(),
                token: store.key().invitation_token(&i.id),
            })
        })
        .collect();
    rows.sort_by(|a, b| a.employee_number.cmp(&b.employee_number));
    audit::record(
        &*w,
        actor,
        "wave.links",
        wave_id.as_str(),
        &format!("{} personal links downloaded", rows.len()),
    )
    .await?;
    w.commit().await?;
    Ok(rows)
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
