//! The respondent's way in and out: resolving a link, issuing form nonces, and storing a
//! submission so that nobody can tell whose it was (DESIGN.md "Anonymity model").
//!
//! Showing a form writes nothing: its one-time nonce is signed and dated
//! ([`issue_nonce`]). A submission, in one transaction (shared with the other submissions
//! waiting at that moment, [`super::commit`]):
//! 1. records the form's nonce as used (a replayed form finds it there);
//! 2. for a personal invitation, flips `completed` (no time, no order is recorded);
//! 3. adds its attributes and answers **sealed** ([`super::sealing`]: AEAD under a key outside
//!    the database, one padded size per poll) to `sealed_response` under a random key.
//!
//! The database and its write-ahead log see a flag and an opaque blob per submission, never
//! answers. When the wave closes, [`super::waves::close`] opens every sealed response,
//! shuffles the whole wave and writes `response` in random order in one transaction, so that
//! no key, physical position, column or log record reflects whose answers are whose.

use super::entities::{
    employee, form_nonce, invitation, open_link, org_unit, response, response_buffer,
    sealed_response, wave,
};
use super::polls::{self, Poll};
use super::tokens::Token;
use super::{today, Actor, Permission, Refusal, ServiceError, Store};
use crate::domain::{Answer, OrgLevel, PollForm, ReportingAttribute, WaveId, WaveStatus};
use crate::msg;
use rand::seq::SliceRandom;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use std::collections::BTreeMap;
use std::sync::Arc;
use time::Date;

/// How long a rendered form stays valid.
const NONCE_DAYS: i64 = 2;

/// The link is not one we issued (or was not copied whole).
pub fn unknown_link() -> ServiceError {
    ServiceError::not_found(
        Refusal::new(msg!("unknown-link-title"), msg!("unknown-link-body"))
            .hint(msg!("unknown-link-hint")),
    )
}

fn already_answered() -> ServiceError {
    ServiceError::Conflict {
        field: None,
        refusal: Box::new(Refusal::new(
            msg!("already-answered-title"),
            msg!("already-answered-body"),
        )),
    }
}

fn not_yet_open(opens_on: Date) -> ServiceError {
    ServiceError::forbidden(Refusal::new(
        msg!("not-yet-open-title"),
        msg!("not-yet-open-body", date = opens_on.to_string()),
    ))
}

pub(crate) fn closed() -> ServiceError {
    ServiceError::gone(Refusal::new(
        msg!("wave-closed-title"),
        msg!("wave-closed-body"),
    ))
}

/// The form was already submitted, or has expired.
pub fn replay() -> ServiceError {
    ServiceError::Conflict {
        field: None,
        refusal: Box::new(
            Refusal::new(msg!("replay-title"), msg!("replay-body")).hint(msg!("replay-hint")),
        ),
    }
}

/// The poll page was asked for without a link's cookie.
pub fn no_link() -> ServiceError {
    ServiceError::forbidden(
        Refusal::new(msg!("no-link-title"), msg!("no-link-body")).hint(msg!("no-link-hint")),
    )
}

/// A form that was changed by hand or belongs to another poll.
pub fn bad_form() -> ServiceError {
    ServiceError::bad_request(
        Refusal::new(msg!("bad-form-title"), msg!("bad-form-body")).hint(msg!("bad-form-hint")),
    )
}

#[derive(Clone, Debug)]
pub enum Access {
    Invitation {
        id: String,
        /// What the response carries, decided over the wave's audience
        /// ([`super::recoding`]).
        attributes: Attributes,
    },
    Open(Arc<OpenAccess>),
}

/// An open link and the attributes its responses carry: the place in the organisation it
/// reports (at least k people, [`super::recoding`]) and the levels above it that the poll
/// asks for.
#[derive(Clone, Debug)]
pub struct OpenAccess {
    pub link: open_link::Model,
    pub attributes: Attributes,
}

/// A wave with its poll and the form a respondent of it sees.
#[derive(Clone, Debug)]
pub struct WaveView {
    pub wave: wave::Model,
    pub poll: Poll,
    pub form: PollForm,
}

/// Someone holding a valid link to an open wave.
#[derive(Clone, Debug)]
pub struct Respondent {
    pub access: Access,
    pub view: Arc<WaveView>,
}

impl Respondent {
    pub fn personal(&self) -> bool {
        matches!(self.access, Access::Invitation { .. })
    }

    pub fn wave(&self) -> &wave::Model {
        &self.view.wave
    }

    pub fn poll(&self) -> &Poll {
        &self.view.poll
    }
}

/// Looks a token up as a personal invitation or an open link and checks that its wave takes
/// answers on `today`.
///
/// An open link and its wave are read from the store's copies when they are fresh
/// ([`super::cache`]): a submission through an open link then reads nothing before its
/// commit. A personal invitation is read every time.
pub async fn resolve(
    store: &Store,
    actor: &Actor,
    token: &Token,
    today: Date,
) -> Result<Respondent, ServiceError> {
    actor.require(Permission::Answer)?;
    let db = store.read();
    let hash = token.hash();
    // What the token is, and its wave.
    enum Found {
        Cached(Arc<OpenAccess>),
        Invitation(Access),
        Link(open_link::Model),
    }
    let (found, wave_id) = if let Some(open) = store.cached().open_links.get(&hash) {
        let wave_id = open.link.wave_id.clone();
        (Found::Cached(open), wave_id)
    } else if let Some(inv) = invitation::Entity::find()
        .filter(invitation::Column::TokenHash.eq(&hash))
        .one(&db)
        .await?
    {
        if inv.completed {
            return Err(already_answered());
        }
        let stored = inv.attributes.as_deref().ok_or_else(|| {
            ServiceError::corrupt(
                format!("invitation {} attributes", inv.id),
                std::io::Error::other("never recoded"),
            )
        })?;
        let attributes = serde_json::from_str(stored)
            .map_err(|e| ServiceError::corrupt(format!("invitation {} attributes", inv.id), e))?;
        let access = Access::Invitation {
            id: inv.id,
            attributes,
        };
        (Found::Invitation(access), inv.wave_id)
    } else if let Some(link) = open_link::Entity::find()
        .filter(open_link::Column::TokenHash.eq(&hash))
        .one(&db)
        .await?
    {
        let wave_id = link.wave_id.clone();
        (Found::Link(link), wave_id)
    } else {
        return Err(unknown_link());
    };
    let view = wave_view(store, &wave_id).await?;
    let wave = &view.wave;
    match wave.status {
        WaveStatus::Closed => return Err(closed()),
        WaveStatus::Draft => return Err(not_yet_open(wave.opens_on)),
        WaveStatus::Open => {}
    }
    if today < wave.opens_on {
        return Err(not_yet_open(wave.opens_on));
    }
    if today > wave.closes_on {
        return Err(closed());
    }
    let access = match found {
        Found::Cached(open) => Access::Open(open),
        Found::Invitation(access) => access,
        Found::Link(link) => {
            let attributes = open_link_attributes(store, &link, &view.poll).await?;
            let open = Arc::new(OpenAccess { link, attributes });
            store.cached().open_links.put(hash, open.clone());
            Access::Open(open)
        }
    };
    Ok(Respondent { access, view })
}

/// The wave, its poll and its form: the store's copy when fresh, else read and kept.
async fn wave_view(store: &Store, id: &WaveId) -> Result<Arc<WaveView>, ServiceError> {
    if let Some(view) = store.cached().waves.get(id) {
        return Ok(view);
    }
    let wave = wave::Entity::find_by_id(id.clone())
        .one(&store.read())
        .await?
        .ok_or_else(unknown_link)?;
    // A wave without its poll is a link that leads nowhere; never show the poll's id.
    let poll = match polls::load(store, &wave.poll_id).await {
        Err(ServiceError::NotFound(_)) => return Err(unknown_link()),
        other => other?,
    };
    let form = polls::form(store, &poll, wave.closes_on.to_string()).await?;
    let view = Arc::new(WaveView { wave, poll, form });
    store.cached().waves.put(id.clone(), view.clone());
    Ok(view)
}

/// The poll as this respondent sees it.
pub fn form(r: &Respondent) -> &PollForm {
    &r.view.form
}

/// A fresh one-time value for a rendered form, **without writing anything**: 12 random
/// bytes, the last day it is valid (days since 1970) and an HMAC over both and the wave
/// ([`super::sealing::SealingKey::nonce_mac`]). Only a *used* nonce is stored, by [`submit`].
pub async fn issue_nonce(store: &Store, r: &Respondent) -> Result<String, ServiceError> {
    let mut bytes = [0u8; 32];
    let random: [u8; 12] = rand::random();
    bytes[..12].copy_from_slice(&random);
    let until = (today() + time::Duration::days(NONCE_DAYS)).to_julian_day();
    bytes[12..16].copy_from_slice(&until.to_le_bytes());
    let mac = store.key().nonce_mac(&r.wave().id, &bytes[..16]);
    bytes[16..].copy_from_slice(&mac);
    Ok(Token::from_bytes(&bytes).as_str().to_string())
}

/// A nonce this server signed for this wave and that is still valid today, with its last
/// valid day; `None` for anything else (forged, another wave's, expired).
fn signed_nonce(store: &Store, wave: &WaveId, nonce: &str) -> Option<(Token, Date)> {
    let token = Token::parse(nonce)?;
    let bytes = token.bytes()?;
    let mac = store.key().nonce_mac(wave, &bytes[..16]);
    // Constant-time comparison of the MAC.
    let diff = mac
        .iter()
        .zip(&bytes[16..])
        .fold(0u8, |d, (a, b)| d | (a ^ b));
    if diff != 0 {
        return None;
    }
    let until = i32::from_le_bytes(bytes[12..16].try_into().ok()?);
    let until = Date::from_julian_day(until).ok()?;
    (until >= today()).then_some((token, until))
}

/// Refuses a nonce from a form that is no longer usable: not signed for this wave, expired,
/// or used already (checked before validation, so a replayed form is named as such rather
/// than re-validated).
pub async fn check_nonce(store: &Store, r: &Respondent, nonce: &str) -> Result<(), ServiceError> {
    let Some((token, _)) = signed_nonce(store, &r.wave().id, nonce) else {
        return Err(replay());
    };
    let used = form_nonce::Entity::find_by_id(token.hash())
        .one(&store.read())
        .await?
        .is_some();
    if used {
        Err(replay())
    } else {
        Ok(())
    }
}

/// Forgets used nonces that have expired (a replay of them is refused by their date alone).
/// The server runs this with its other jobs.
pub async fn forget_expired_nonces(store: &Store, actor: &Actor) -> Result<u64, ServiceError> {
    actor.require(Permission::ManagePolls)?;
    let w = store.write().await?;
    let gone = form_nonce::Entity::delete_many()
        .filter(form_nonce::Column::ExpiresOn.lt(today()))
        .exec(&*w)
        .await?
        .rows_affected;
    w.commit().await?;
    Ok(gone)
}

/// The coarse reporting attributes the poll asked for, copied from the roster or from the
/// open link's place in the organisation. Nothing else about the respondent is kept.
#[derive(
    Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct Attributes {
    pub unit: Option<String>,
    pub district: Option<String>,
    pub team: Option<String>,
    pub age_band: Option<String>,
    pub role_group: Option<String>,
    pub tenure_band: Option<String>,
}

impl Attributes {
    /// The value of one attribute.
    pub fn get(&self, a: ReportingAttribute) -> Option<&str> {
        match a {
            ReportingAttribute::Unit => self.unit.as_deref(),
            ReportingAttribute::District => self.district.as_deref(),
            ReportingAttribute::Team => self.team.as_deref(),
            ReportingAttribute::AgeBand => self.age_band.as_deref(),
            ReportingAttribute::RoleGroup => self.role_group.as_deref(),
            ReportingAttribute::TenureBand => self.tenure_band.as_deref(),
        }
    }

    pub(crate) fn set(&mut self, a: ReportingAttribute, value: Option<String>) {
        let slot = match a {
            ReportingAttribute::Unit => &mut self.unit,
            ReportingAttribute::District => &mut self.district,
            ReportingAttribute::Team => &mut self.team,
            ReportingAttribute::AgeBand => &mut self.age_band,
            ReportingAttribute::RoleGroup => &mut self.role_group,
            ReportingAttribute::TenureBand => &mut self.tenure_band,
        };
        *slot = value;
    }

    /// The attributes `wanted`, and only those, each from `value_of`.
    pub fn pick(
        wanted: &[ReportingAttribute],
        value_of: impl Fn(ReportingAttribute) -> Option<String>,
    ) -> Attributes {
        let mut out = Attributes::default();
        for &a in wanted {
            out.set(a, value_of(a));
        }
        out
    }

    /// The attributes `wanted` of a roster entry, and only those.
    pub fn of_employee(e: &employee::Model, wanted: &[ReportingAttribute]) -> Attributes {
        Attributes::pick(wanted, |a| match a {
            ReportingAttribute::Unit => Some(e.unit_code.clone()),
            ReportingAttribute::District => e.district_code.clone(),
            ReportingAttribute::Team => Some(e.team_code.clone()),
            ReportingAttribute::AgeBand => Some(e.age_band.clone()),
            ReportingAttribute::RoleGroup => Some(e.role_group.clone()),
            ReportingAttribute::TenureBand => Some(e.tenure_band.clone()),
        })
    }
}

/// The attributes an open link's responses carry: walking up from the place the link
/// reports (at least k people), its team, district and unit as far as `poll` asks for them.
async fn open_link_attributes(
    store: &Store,
    link: &open_link::Model,
    poll: &Poll,
) -> Result<Attributes, ServiceError> {
    let mut out = Attributes::default();
    let mut next = link.reported_org_unit_id;
    while let Some(id) = next {
        let Some(node) = org_unit::Entity::find_by_id(id).one(&store.read()).await? else {
            break;
        };
        let attribute = match node.level {
            OrgLevel::Team => Some(ReportingAttribute::Team),
            OrgLevel::District => Some(ReportingAttribute::District),
            OrgLevel::Unit => Some(ReportingAttribute::Unit),
            OrgLevel::Organisation => None,
        };
        if let Some(a) = attribute.filter(|a| poll.wants(*a)) {
            out.set(a, Some(node.code.clone()));
        }
        next = node.parent_id;
    }
    Ok(out)
}

/// Stores a complete, validated set of answers. Returns only after the commit, so an
/// acknowledged answer is durable.
///
/// The attributes and answers are sealed ([`super::sealing`]) before the transaction begins:
/// what the database (and its log) receives is the invitation's flag and an opaque blob of
/// the poll's one size. `form` is the poll as the respondent answered it (its questions fix
/// that size).
pub async fn submit(
    store: &Store,
    actor: &Actor,
    r: &Respondent,
    form: &PollForm,
    nonce: &str,
    answers: &BTreeMap<String, Answer>,
) -> Result<(), ServiceError> {
    actor.require(Permission::Answer)?;
    let (nonce, until) = signed_nonce(store, &r.wave().id, nonce).ok_or_else(replay)?;
    let attrs = match &r.access {
        Access::Invitation { attributes, .. } => attributes,
        Access::Open(open) => &open.attributes,
    };
    let sealed = super::sealing::seal(store.key(), &r.wave().id, form, attrs, answers)?;
    // Written with whatever else is waiting, in one transaction ([`super::commit`]): the nonce
    // recorded as used, the invitation marked, the sealed answers inserted; returns after the
    // commit.
    let invitation = match &r.access {
        Access::Invitation { id, .. } => Some(id.clone()),
        Access::Open(_) => None,
    };
    let outcome = store
        .group_commit()
        .submit(super::commit::Pending {
            wave: r.wave().id.clone(),
            invitation,
            nonce_hash: nonce.hash(),
            nonce_until: until,
            sealed,
        })
        .await?;
    match outcome {
        super::commit::Outcome::Stored => Ok(()),
        super::commit::Outcome::Replay => Err(replay()),
        super::commit::Outcome::AlreadyAnswered => Err(already_answered()),
        super::commit::Outcome::Closed => Err(closed()),
    }
}

/// Opens every sealed response of a wave (removing it) inside the caller's transaction.
/// A response that does not open (another key, damage) is an error and nothing is removed.
pub(crate) async fn open_sealed<C: ConnectionTrait>(
    db: &C,
    key: &super::sealing::SealingKey,
    wave_id: &WaveId,
) -> Result<Vec<ResponseRow>, ServiceError> {
    let rows = sealed_response::Entity::delete_many()
        .filter(sealed_response::Column::WaveId.eq(wave_id.clone()))
        .exec_with_returning(db)
        .await?;
    rows.iter()
        .map(|s| {
            let (attrs, answers) = super::sealing::open(key, wave_id, &s.sealed)?;
            Ok(ResponseRow {
                wave_id: wave_id.clone(),
                attrs,
                answers,
            })
        })
        .collect()
}

/// Moves every plaintext buffered response of a wave (from before answers were sealed) into
/// `response`, in random order and under new random keys.
pub(crate) async fn flush_buffer<C: ConnectionTrait>(
    db: &C,
    wave_id: &WaveId,
) -> Result<usize, DbErr> {
    let mut rows = response_buffer::Entity::delete_many()
        .filter(response_buffer::Column::WaveId.eq(wave_id.clone()))
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
    pub wave_id: WaveId,
    pub attrs: Attributes,
    /// The answers as stored: a JSON object of [`Answer`]s by question code.
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
pub(crate) async fn insert_responses<C: ConnectionTrait>(
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

/// Stores the responses of a wave that already took place (history the demo generator
/// builds, or an import of earlier results), shuffled, under random keys. `audience` is
/// everyone the wave asked, each with the attributes the poll stores and their answers if
/// they answered; the attributes are recoded over that audience first
/// ([`super::recoding::recode`]), so no stored combination is shared by fewer than k people.
/// With `invited`, the audience counts as the wave's invitations. Only for closed waves: an
/// open wave takes answers through [`submit`] alone. Returns the number of responses stored.
pub async fn import_history(
    store: &Store,
    actor: &Actor,
    wave_id: &WaveId,
    audience: Vec<(Attributes, Option<BTreeMap<String, Answer>>)>,
    invited: bool,
) -> Result<usize, ServiceError> {
    actor.require(Permission::ManagePolls)?;
    let wv = super::waves::load(store, wave_id).await?;
    if wv.status != WaveStatus::Closed {
        return Err(ServiceError::invalid("status", msg!("invalid-body")));
    }
    let poll = polls::load(store, &wv.poll_id).await?;
    let k = poll.min_group.get() as usize;
    let people: Vec<Attributes> = audience.iter().map(|(a, _)| a.clone()).collect();
    let (assigned, _) =
        super::recoding::recode(&people, &poll.attributes, k).map_err(|e| e.into_error(k))?;
    let invited = if invited { audience.len() } else { 0 };
    let mut rows: Vec<ResponseRow> = audience
        .into_iter()
        .zip(assigned)
        .filter_map(|((_, answers), attrs)| {
            answers.map(|a| ResponseRow {
                wave_id: wave_id.clone(),
                attrs,
                answers: serde_json::to_string(&a).expect("answers serialise"),
            })
        })
        .collect();
    rows.shuffle(&mut rand::rng());
    let n = rows.len();
    let w = store.write().await?;
    insert_responses(&*w, rows).await?;
    if invited > 0 {
        wave::Entity::update_many()
            .col_expr(
                wave::Column::Invited,
                sea_orm::sea_query::ExprTrait::add(
                    sea_orm::sea_query::Expr::col(wave::Column::Invited),
                    invited as i32,
                ),
            )
            .filter(wave::Column::Id.eq(wave_id.clone()))
            .exec(&*w)
            .await?;
    }
    // Kept results of the poll no longer hold (their sets of waves are the same), whichever
    // waves they were computed from.
    super::entities::poll_result::Entity::delete_many()
        .filter(super::entities::poll_result::Column::PollId.eq(wv.poll_id.clone()))
        .exec(&*w)
        .await?;
    w.commit().await?;
    Ok(n)
}

/// The stored responses of a wave, ordered by their random key, with the answers parsed.
/// Corrupt stored answers are an error.
pub(crate) async fn of_wave(
    store: &Store,
    wave_id: &WaveId,
) -> Result<Vec<(String, Attributes, BTreeMap<String, Answer>)>, ServiceError> {
    use sea_orm::QueryOrder;
    let rows = response::Entity::find()
        .filter(response::Column::WaveId.eq(wave_id.clone()))
        .order_by_asc(response::Column::Id)
        .all(&store.read())
        .await?;
    rows.into_iter()
        .map(|r| {
            let answers = serde_json::from_str(&r.answers)
                .map_err(|e| ServiceError::corrupt(format!("response {} answers", r.id), e))?;
            let id = r.id.clone();
            let row = ResponseRow::from(r);
            Ok((id, row.attrs, answers))
        })
        .collect()
}
