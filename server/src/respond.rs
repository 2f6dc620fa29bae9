//! The respondent's way in and out: resolving a link, issuing form nonces, and storing a
//! submission so that nobody can tell whose it was (DESIGN.md "Anonymity model").
//!
//! A submission, in one transaction:
//! 1. consumes the form's one-time nonce (a replayed form finds it gone);
//! 2. for a personal invitation, flips `completed` (no time, no order is recorded);
//! 3. adds the answers to the wave's mixing buffer under a random key;
//! 4. when the buffer holds `max(k, 20)` responses, moves them all into `response` in
//!    shuffled order.
//!
//! When the wave closes, [`crate::waves::close`] rewrites all of its responses in random order,
//! so that no key, physical position or column reflects the order of arrival.

use crate::entities::{
    employee, form_nonce, invitation, open_link, org_unit, poll, question, response,
    response_buffer, wave,
};
use crate::store::Store;
use crate::tokens::Token;
use app::domain::{Answer, PollForm};
use rand::seq::SliceRandom;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, TransactionTrait,
};
use std::collections::BTreeMap;
use time::Date;

/// Responses stay in the mixing buffer until there are at least this many, and never fewer
/// than the poll's reporting threshold (methodology.md A4).
pub const MIN_MIX_BATCH: usize = 20;

/// How long a rendered form stays valid.
const NONCE_DAYS: i64 = 2;

#[derive(Debug, thiserror::Error)]
pub enum RespondError {
    #[error("unknown link")]
    UnknownLink,
    #[error("invitation already used")]
    AlreadyAnswered,
    #[error("wave not open yet")]
    NotYetOpen { opens_on: Date },
    #[error("wave closed")]
    Closed,
    #[error("form already submitted or expired")]
    Replay,
    #[error(transparent)]
    Db(#[from] DbErr),
}

#[derive(Clone, Debug)]
pub enum Access {
    Invitation {
        id: String,
        employee: Box<employee::Model>,
    },
    Open {
        link: open_link::Model,
    },
}

/// Someone holding a valid link to an open wave.
#[derive(Clone, Debug)]
pub struct Respondent {
    pub access: Access,
    pub wave: wave::Model,
    pub poll: poll::Model,
}

impl Respondent {
    pub fn personal(&self) -> bool {
        matches!(self.access, Access::Invitation { .. })
    }

    fn mix_batch(&self) -> usize {
        (self.poll.min_group.max(5) as usize).max(MIN_MIX_BATCH)
    }
}

pub fn today() -> Date {
    time::OffsetDateTime::now_utc().date()
}

/// Looks a token up as a personal invitation or an open link and checks that its wave takes
/// answers today.
pub async fn resolve<C: ConnectionTrait>(
    db: &C,
    token: &Token,
    today: Date,
) -> Result<Respondent, RespondError> {
    let hash = token.hash();
    let (access, wave_id) = if let Some(inv) = invitation::Entity::find()
        .filter(invitation::Column::TokenHash.eq(&hash))
        .one(db)
        .await?
    {
        if inv.completed {
            return Err(RespondError::AlreadyAnswered);
        }
        let employee = employee::Entity::find_by_id(inv.employee_id)
            .one(db)
            .await?
            .ok_or(RespondError::UnknownLink)?;
        (
            Access::Invitation {
                id: inv.id,
                employee: Box::new(employee),
            },
            inv.wave_id,
        )
    } else if let Some(link) = open_link::Entity::find()
        .filter(open_link::Column::TokenHash.eq(&hash))
        .one(db)
        .await?
    {
        let wave_id = link.wave_id.clone();
        (Access::Open { link }, wave_id)
    } else {
        return Err(RespondError::UnknownLink);
    };
    let wave = wave::Entity::find_by_id(wave_id)
        .one(db)
        .await?
        .ok_or(RespondError::UnknownLink)?;
    match wave.status.as_str() {
        "closed" => return Err(RespondError::Closed),
        "open" => {}
        _ => {
            return Err(RespondError::NotYetOpen {
                opens_on: wave.opens_on,
            })
        }
    }
    if today < wave.opens_on {
        return Err(RespondError::NotYetOpen {
            opens_on: wave.opens_on,
        });
    }
    if today > wave.closes_on {
        return Err(RespondError::Closed);
    }
    let poll = poll::Entity::find_by_id(wave.poll_id.clone())
        .one(db)
        .await?
        .ok_or(RespondError::UnknownLink)?;
    Ok(Respondent { access, wave, poll })
}

/// The poll as this respondent sees it.
pub async fn form<C: ConnectionTrait>(db: &C, r: &Respondent) -> Result<PollForm, DbErr> {
    let pages: Vec<Vec<String>> = serde_json::from_str(&r.poll.pages).unwrap_or_default();
    let codes: Vec<String> = pages.into_iter().flatten().collect();
    let questions = question::Entity::find()
        .filter(question::Column::Code.is_in(codes))
        .all(db)
        .await?;
    Ok(crate::bank::form_for(
        &r.poll,
        r.wave.closes_on.to_string(),
        &questions,
    ))
}

/// A fresh one-time value for a rendered form. Expired nonces are cleared on the way.
pub async fn issue_nonce(store: &Store, wave_id: &str) -> Result<String, DbErr> {
    let token = Token::generate();
    let today = today();
    let _guard = store.write_guard().await;
    form_nonce::Entity::delete_many()
        .filter(form_nonce::Column::ExpiresOn.lt(today))
        .exec(&store.db)
        .await?;
    form_nonce::Entity::insert(form_nonce::ActiveModel {
        hash: Set(token.hash()),
        wave_id: Set(wave_id.to_string()),
        expires_on: Set(today + time::Duration::days(NONCE_DAYS)),
    })
    .exec_without_returning(&store.db)
    .await?;
    Ok(token.as_str().to_string())
}

/// Whether a nonce from a form is still usable (checked before validation, so a replayed
/// form is named as such rather than re-validated).
pub async fn nonce_is_live(store: &Store, wave_id: &str, nonce: &str) -> Result<bool, DbErr> {
    let Some(token) = Token::parse(nonce) else {
        return Ok(false);
    };
    Ok(form_nonce::Entity::find_by_id(token.hash())
        .filter(form_nonce::Column::WaveId.eq(wave_id))
        .filter(form_nonce::Column::ExpiresOn.gte(today()))
        .one(&store.db)
        .await?
        .is_some())
}

/// The coarse reporting attributes the poll asked for, copied from the roster or from the
/// open link's place in the organisation. Nothing else about the respondent is kept.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Attributes {
    pub unit: Option<String>,
    pub district: Option<String>,
    pub team: Option<String>,
    pub age_band: Option<String>,
    pub role_group: Option<String>,
    pub tenure_band: Option<String>,
}

async fn attributes<C: ConnectionTrait>(db: &C, r: &Respondent) -> Result<Attributes, DbErr> {
    let wanted: Vec<String> = serde_json::from_str(&r.poll.attributes).unwrap_or_default();
    let want = |a: &str| wanted.iter().any(|w| w == a);
    let mut out = Attributes::default();
    match &r.access {
        Access::Invitation { employee: e, .. } => {
            out.unit = want("unit").then(|| e.unit_code.clone());
            out.district = if want("district") {
                e.district_code.clone()
            } else {
                None
            };
            out.team = want("team").then(|| e.team_code.clone());
            out.age_band = want("age_band").then(|| e.age_band.clone());
            out.role_group = want("role_group").then(|| e.role_group.clone());
            out.tenure_band = want("tenure_band").then(|| e.tenure_band.clone());
        }
        Access::Open { link } => {
            // Walk up from the link's org unit: team, district, unit.
            let mut next = link.org_unit_id;
            while let Some(id) = next {
                let Some(node) = org_unit::Entity::find_by_id(id).one(db).await? else {
                    break;
                };
                match node.level.as_str() {
                    "team" if want("team") => out.team = Some(node.code.clone()),
                    "district" if want("district") => out.district = Some(node.code.clone()),
                    "unit" if want("unit") => out.unit = Some(node.code.clone()),
                    _ => {}
                }
                next = node.parent_id;
            }
        }
    }
    Ok(out)
}

/// Stores a complete, validated set of answers. Returns only after the commit, so an
/// acknowledged answer is durable.
pub async fn submit(
    store: &Store,
    r: &Respondent,
    nonce: &str,
    answers: &BTreeMap<String, Answer>,
) -> Result<(), RespondError> {
    let nonce = Token::parse(nonce).ok_or(RespondError::Replay)?;
    let attrs = attributes(&store.db, r).await?;
    let answers_json = serde_json::to_string(answers).expect("answers serialise");
    let _guard = store.write_guard().await;
    let txn = store.db.begin().await?;
    // The first statement writes, so on SQLite the transaction holds the write lock from here.
    let consumed = form_nonce::Entity::delete_many()
        .filter(form_nonce::Column::Hash.eq(nonce.hash()))
        .filter(form_nonce::Column::WaveId.eq(&r.wave.id))
        .exec(&txn)
        .await?;
    if consumed.rows_affected != 1 {
        return Err(RespondError::Replay);
    }
    if let Access::Invitation { id, .. } = &r.access {
        let marked = invitation::Entity::update_many()
            .col_expr(invitation::Column::Completed, true.into())
            .filter(invitation::Column::Id.eq(id))
            .filter(invitation::Column::Completed.eq(false))
            .exec(&txn)
            .await?;
        if marked.rows_affected != 1 {
            return Err(RespondError::AlreadyAnswered);
        }
    }
    response_buffer::Entity::insert(response_buffer::ActiveModel {
        id: Set(uuid::Uuid::new_v4().to_string()),
        wave_id: Set(r.wave.id.clone()),
        unit: Set(attrs.unit),
        district: Set(attrs.district),
        team: Set(attrs.team),
        age_band: Set(attrs.age_band),
        role_group: Set(attrs.role_group),
        tenure_band: Set(attrs.tenure_band),
        answers: Set(answers_json),
    })
    .exec_without_returning(&txn)
    .await?;
    let buffered = response_buffer::Entity::find()
        .filter(response_buffer::Column::WaveId.eq(&r.wave.id))
        .count(&txn)
        .await? as usize;
    if buffered >= r.mix_batch() {
        flush_buffer(&txn, &r.wave.id).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Moves every buffered response of a wave into `response`, in random order and under new
/// random keys. `DELETE … RETURNING` takes exactly the rows this transaction removed, so two
/// concurrent flushes on PostgreSQL can never copy a response twice.
pub async fn flush_buffer<C: ConnectionTrait>(db: &C, wave_id: &str) -> Result<usize, DbErr> {
    let mut rows = response_buffer::Entity::delete_many()
        .filter(response_buffer::Column::WaveId.eq(wave_id))
        .exec_with_returning(db)
        .await?;
    rows.shuffle(&mut rand::rng());
    let n = rows.len();
    insert_responses(db, rows.into_iter().map(Into::into).collect()).await?;
    Ok(n)
}

/// A response's content, without its key.
#[derive(Clone, Debug)]
pub struct ResponseRow {
    pub wave_id: String,
    pub attrs: Attributes,
    pub answers: String,
}

/// The buffer and the response table have the same columns; both convert alike.
macro_rules! response_row_from {
    ($($model:path),*) => {$(
        impl From<$model> for ResponseRow {
            fn from(m: $model) -> Self {
                ResponseRow {
                    wave_id: m.wave_id,
                    attrs: Attributes {
                        unit: m.unit,
                        district: m.district,
                        team: m.team,
                        age_band: m.age_band,
                        role_group: m.role_group,
                        tenure_band: m.tenure_band,
                    },
                    answers: m.answers,
                }
            }
        }
    )*};
}

response_row_from!(response_buffer::Model, response::Model);

/// Inserts responses in the given order, each under a fresh random key.
pub async fn insert_responses<C: ConnectionTrait>(
    db: &C,
    rows: Vec<ResponseRow>,
) -> Result<(), DbErr> {
    for chunk in rows.chunks(500) {
        let models = chunk.iter().map(|r| response::ActiveModel {
            id: Set(uuid::Uuid::new_v4().to_string()),
            wave_id: Set(r.wave_id.clone()),
            unit: Set(r.attrs.unit.clone()),
            district: Set(r.attrs.district.clone()),
            team: Set(r.attrs.team.clone()),
            age_band: Set(r.attrs.age_band.clone()),
            role_group: Set(r.attrs.role_group.clone()),
            tenure_band: Set(r.attrs.tenure_band.clone()),
            answers: Set(r.answers.clone()),
        });
        response::Entity::insert_many(models)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}
