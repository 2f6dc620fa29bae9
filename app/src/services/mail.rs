//! Invitations and reminders by e-mail (issue #11): the queue, in the database so it survives
//! a restart and serves several servers. The SMTP conversation itself is the server's edge
//! (`server/src/mailer.rs`); this module decides what goes to whom and keeps the counts.
//!
//! - A **mailing** is one sending: a wave's invitations (once), or a reminder on a chosen
//!   day. On its day it is expanded into one **job** per recipient: every invitee for the
//!   invitations, only those who have not answered for a reminder.
//! - A job is claimed with a lease (so two servers never send it at once), sent, and then
//!   deleted: the mailing keeps counts only (queued, sent, failed). Nobody can later read from
//!   the queue who was reminded, i.e. who had not answered. Temporary failures are retried with
//!   a growing pause; after [`MAX_ATTEMPTS`], or at once on a permanent refusal, the job is
//!   given up and counted as failed, and the others go on.
//! - The personal link is made from the invitation's id at sending time
//!   ([`super::sealing::SealingKey::invitation_token`]); no link is stored anywhere.

use super::entities::{employee, invitation, mail_job, mail_template, mailing, wave};
use super::{audit, polls, Actor, Permission, ServiceError, Store};
use crate::domain::{WaveId, WaveStatus};
use crate::i18n::Locale;
use crate::msg;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use time::{Duration, OffsetDateTime};

/// Attempts before a temporarily failing message is given up: with pauses of 1, 2, 4, …,
/// 256 minutes, about eight and a half hours of trying. An unreachable mail server costs no
/// attempt (the run stops and tries again later).
pub const MAX_ATTEMPTS: i32 = 10;

/// Which message a mailing sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Invitation,
    Reminder,
}

impl Kind {
    /// The kind a stored `mailing.kind` names (the migration allows only the two).
    fn of(stored: &str) -> Kind {
        if stored == Kind::Reminder.as_str() {
            Kind::Reminder
        } else {
            Kind::Invitation
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Invitation => "invitation",
            Kind::Reminder => "reminder",
        }
    }
}

/// A wave's message of one kind: subjects and bodies in both languages. `[link]`,
/// `[titel]` / `[title]` and `[sluitdatum]` / `[closes]` are filled in per message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    pub subject_nl: String,
    pub body_nl: String,
    pub subject_en: String,
    pub body_en: String,
}

impl Template {
    /// The catalogue's default text of `kind`.
    pub fn default_for(kind: Kind) -> Template {
        let (s, b) = match kind {
            Kind::Invitation => (
                msg!("mail-invitation-subject"),
                msg!("mail-invitation-body"),
            ),
            Kind::Reminder => (msg!("mail-reminder-subject"), msg!("mail-reminder-body")),
        };
        Template {
            subject_nl: s.text(Locale::Nl),
            body_nl: b.text(Locale::Nl),
            subject_en: s.text(Locale::En),
            body_en: b.text(Locale::En),
        }
    }
}

/// A wave's template of `kind`: as HRM edited it, else the default.
pub async fn template(
    store: &Store,
    actor: &Actor,
    wave_id: &WaveId,
    kind: Kind,
) -> Result<Template, ServiceError> {
    actor.require(Permission::ManagePolls)?;
    template_unchecked(store, wave_id, kind).await
}

async fn template_unchecked(
    store: &Store,
    wave_id: &WaveId,
    kind: Kind,
) -> Result<Template, ServiceError> {
    Ok(
        match mail_template::Entity::find_by_id((wave_id.clone(), kind.as_str().to_string()))
            .one(&store.read())
            .await?
        {
            Some(t) => Template {
                subject_nl: t.subject_nl,
                body_nl: t.body_nl,
                subject_en: t.subject_en,
                body_en: t.body_en,
            },
            None => Template::default_for(kind),
        },
    )
}

/// Stores a wave's template of `kind`. Subjects of 1 to 200 characters, bodies of at most
/// 5,000 that hold `[link]` (in both languages).
///
/// # Errors
/// `Invalid` on `subject_nl`, `subject_en`, `body_nl` or `body_en`.
pub async fn set_template(
    store: &Store,
    actor: &Actor,
    wave_id: &WaveId,
    kind: Kind,
    t: &Template,
) -> Result<(), ServiceError> {
    actor.require(Permission::ManagePolls)?;
    super::waves::load(store, wave_id).await?;
    let mut problems = Vec::new();
    for (field, v) in [("subject_nl", &t.subject_nl), ("subject_en", &t.subject_en)] {
        let n = v.trim().chars().count();
        // A link in a subject would travel in headers and relay logs.
        if n == 0 || n > 200 || v.contains(['\r', '\n']) || v.contains("[link]") {
            problems.push(crate::refusal::FieldError {
                field: field.into(),
                message: msg!("mail-subject-bad"),
            });
        }
    }
    for (field, v) in [("body_nl", &t.body_nl), ("body_en", &t.body_en)] {
        if !v.contains("[link]") || v.chars().count() > 5000 {
            problems.push(crate::refusal::FieldError {
                field: field.into(),
                message: msg!("mail-body-bad"),
            });
        }
    }
    if !problems.is_empty() {
        return Err(ServiceError::Invalid(problems));
    }
    let w = store.write().await?;
    mail_template::Entity::delete_by_id((wave_id.clone(), kind.as_str().to_string()))
        .exec(&*w)
        .await?;
    mail_template::Entity::insert(mail_template::ActiveModel {
        wave_id: Set(wave_id.clone()),
        kind: Set(kind.as_str().into()),
        subject_nl: Set(t.subject_nl.trim().into()),
        body_nl: Set(t.body_nl.clone()),
        subject_en: Set(t.subject_en.trim().into()),
        body_en: Set(t.body_en.clone()),
    })
    .exec_without_returning(&*w)
    .await?;
    audit::record(&*w, actor, "wave.template", wave_id.as_str(), kind.as_str()).await?;
    w.commit().await?;
    Ok(())
}

/// Schedules a wave's invitations for today (once per wave).
///
/// # Errors
/// `Conflict` when the wave is closed, has no invitees, or its invitations were sent before.
pub async fn send_invitations(
    store: &Store,
    actor: &Actor,
    wave_id: &WaveId,
) -> Result<(), ServiceError> {
    actor.require(Permission::ManagePolls)?;
    let wv = sendable(store, wave_id).await?;
    let w = store.write().await?;
    let before = mailing::Entity::find()
        .filter(mailing::Column::WaveId.eq(wave_id.clone()))
        .filter(mailing::Column::Kind.eq(Kind::Invitation.as_str()))
        .count(&*w)
        .await?;
    if before > 0 {
        return Err(ServiceError::conflict(
            "wave",
            msg!("mail-invitations-sent-before", label = wv.label.as_str()),
        ));
    }
    // Two clicks at once: the unique index on a wave's invitation mailing lets one through.
    schedule(&*w, wave_id, Kind::Invitation, super::today())
        .await
        .map_err(|e| {
            ServiceError::on_unique(
                e,
                "wave",
                msg!("mail-invitations-sent-before", label = wv.label.as_str()),
            )
        })?;
    audit::record(&*w, actor, "wave.mail", wave_id.as_str(), "invitations").await?;
    w.commit().await?;
    Ok(())
}

/// Schedules a reminder on `on` (today or later, until the wave's last day) for everyone
/// who has not answered by then.
///
/// # Errors
/// `Invalid` on `on` outside that range; `Conflict` when the wave is closed or has no
/// invitees.
pub async fn schedule_reminder(
    store: &Store,
    actor: &Actor,
    wave_id: &WaveId,
    on: time::Date,
) -> Result<(), ServiceError> {
    actor.require(Permission::ManagePolls)?;
    let wv = sendable(store, wave_id).await?;
    let today = super::today();
    if on < today || on > wv.closes_on {
        return Err(ServiceError::invalid(
            "on",
            msg!(
                "mail-reminder-date-bad",
                today = today.to_string(),
                closes = wv.closes_on.to_string()
            ),
        ));
    }
    let w = store.write().await?;
    schedule(&*w, wave_id, Kind::Reminder, on).await?;
    audit::record(
        &*w,
        actor,
        "wave.mail",
        wave_id.as_str(),
        &format!("reminder on {on}"),
    )
    .await?;
    w.commit().await?;
    Ok(())
}

/// A wave that mail can go out for: open (or opening on its first day), with invitees. A
/// draft is not: its links would not work yet.
async fn sendable(store: &Store, wave_id: &WaveId) -> Result<wave::Model, ServiceError> {
    let wv = super::waves::load(store, wave_id).await?;
    if wv.status == WaveStatus::Draft {
        return Err(ServiceError::conflict(
            "wave",
            msg!("mail-wave-draft", label = wv.label.as_str()),
        ));
    }
    if wv.status == WaveStatus::Closed || wv.invited == 0 {
        return Err(ServiceError::conflict(
            "wave",
            msg!("mail-nothing-to-send", label = wv.label.as_str()),
        ));
    }
    Ok(wv)
}

/// Withdraws the mail still waiting for a wave (it is closing): its jobs are deleted and its
/// scheduled or running mailings cancelled, inside the caller's transaction.
pub(crate) async fn withdraw_wave<C: sea_orm::ConnectionTrait>(
    w: &C,
    wave_id: &WaveId,
) -> Result<(), ServiceError> {
    let ids: Vec<i64> = mailing::Entity::find()
        .select_only()
        .column(mailing::Column::Id)
        .filter(mailing::Column::WaveId.eq(wave_id.clone()))
        .into_tuple()
        .all(w)
        .await?;
    if ids.is_empty() {
        return Ok(());
    }
    mail_job::Entity::delete_many()
        .filter(mail_job::Column::MailingId.is_in(ids.clone()))
        .exec(w)
        .await?;
    mailing::Entity::update_many()
        .col_expr(mailing::Column::State, Expr::value("cancelled"))
        .filter(mailing::Column::Id.is_in(ids))
        .filter(mailing::Column::State.is_in(["scheduled", "queued"]))
        .exec(w)
        .await?;
    Ok(())
}

async fn schedule<C: sea_orm::ConnectionTrait>(
    w: &C,
    wave_id: &WaveId,
    kind: Kind,
    on: time::Date,
) -> Result<(), sea_orm::DbErr> {
    mailing::Entity::insert(mailing::ActiveModel {
        wave_id: Set(wave_id.clone()),
        kind: Set(kind.as_str().into()),
        due_on: Set(on),
        state: Set("scheduled".into()),
        queued: Set(0),
        sent: Set(0),
        failed: Set(0),
        created_at: Set(OffsetDateTime::now_utc()),
        ..Default::default()
    })
    .exec_without_returning(w)
    .await?;
    Ok(())
}

/// Expands the mailings due by `today` into jobs (all invitees for invitations, those who
/// have not answered for a reminder); a mailing of a wave closed meanwhile is cancelled. One
/// transaction per mailing, so who gets a reminder is decided at one moment. Returns the jobs
/// queued.
pub async fn expand_due(
    store: &Store,
    actor: &Actor,
    today: time::Date,
    wave_id: Option<&WaveId>,
) -> Result<u64, ServiceError> {
    actor.require(Permission::ManagePolls)?;
    let mut q = mailing::Entity::find()
        .filter(mailing::Column::State.eq("scheduled"))
        .filter(mailing::Column::DueOn.lte(today));
    if let Some(id) = wave_id {
        q = q.filter(mailing::Column::WaveId.eq(id.clone()));
    }
    let due = q.all(&store.read()).await?;
    let mut queued = 0;
    for m in due {
        let w = store.write().await?;
        // Taken by a conditional update: of two servers (or two runs) one expands it.
        let taken = mailing::Entity::update_many()
            .col_expr(mailing::Column::State, Expr::value("queued"))
            .filter(mailing::Column::Id.eq(m.id))
            .filter(mailing::Column::State.eq("scheduled"))
            .exec(&*w)
            .await?
            .rows_affected;
        if taken == 0 {
            continue;
        }
        let wv = wave::Entity::find_by_id(m.wave_id.clone()).one(&*w).await?;
        let open = wv.is_some_and(|wv| wv.status != WaveStatus::Closed);
        let mut q = invitation::Entity::find()
            .select_only()
            .column(invitation::Column::Id)
            .filter(invitation::Column::WaveId.eq(m.wave_id.clone()));
        if Kind::of(&m.kind) == Kind::Reminder {
            q = q.filter(invitation::Column::Completed.eq(false));
        }
        let ids: Vec<String> = if open {
            q.into_tuple().all(&*w).await?
        } else {
            Vec::new()
        };
        let now = OffsetDateTime::now_utc();
        for chunk in ids.chunks(500) {
            mail_job::Entity::insert_many(chunk.iter().map(|id| mail_job::ActiveModel {
                mailing_id: Set(m.id),
                invitation_id: Set(id.clone()),
                attempts: Set(0),
                next_attempt_at: Set(now),
                lease_until: Set(None),
                ..Default::default()
            }))
            .exec_without_returning(&*w)
            .await?;
        }
        let state = match (open, ids.is_empty()) {
            (false, _) => "cancelled",
            (true, true) => "done",
            (true, false) => "queued",
        };
        mailing::Entity::update(mailing::ActiveModel {
            id: sea_orm::ActiveValue::Unchanged(m.id),
            state: Set(state.into()),
            queued: Set(ids.len() as i32),
            ..Default::default()
        })
        .exec(&*w)
        .await?;
        w.commit().await?;
        queued += ids.len() as u64;
    }
    Ok(queued)
}

/// A message ready to go.
#[derive(Clone)]
pub struct Outgoing {
    pub job_id: i64,
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// Never print an address or a link.
impl std::fmt::Debug for Outgoing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Outgoing(job {})", self.job_id)
    }
}

/// Claims up to `max` due jobs (of one wave, or of all) for `lease` (the caller's bound on the
/// time it needs to send them all; after it another server may take them), and writes their
/// messages: the wave's template in Dutch, then English, with the personal link under
/// `base_url`.
pub async fn claim(
    store: &Store,
    actor: &Actor,
    wave_id: Option<&WaveId>,
    max: u64,
    base_url: &str,
    lease: Duration,
) -> Result<Vec<Outgoing>, ServiceError> {
    actor.require(Permission::ManagePolls)?;
    let now = OffsetDateTime::now_utc();
    let mut q = mail_job::Entity::find()
        .filter(mail_job::Column::NextAttemptAt.lte(now))
        .filter(
            sea_orm::Condition::any()
                .add(mail_job::Column::LeaseUntil.is_null())
                .add(mail_job::Column::LeaseUntil.lt(now)),
        )
        .order_by_asc(mail_job::Column::Id)
        .limit(max);
    if let Some(wid) = wave_id {
        let ids: Vec<i64> = mailing::Entity::find()
            .select_only()
            .column(mailing::Column::Id)
            .filter(mailing::Column::WaveId.eq(wid.clone()))
            .into_tuple()
            .all(&store.read())
            .await?;
        q = q.filter(mail_job::Column::MailingId.is_in(ids));
    }
    let candidates = q.all(&store.read()).await?;
    let mut out = Vec::new();
    for job in candidates {
        let w = store.write().await?;
        let taken = mail_job::Entity::update_many()
            .col_expr(mail_job::Column::LeaseUntil, Expr::value(now + lease))
            .filter(mail_job::Column::Id.eq(job.id))
            .filter(
                sea_orm::Condition::any()
                    .add(mail_job::Column::LeaseUntil.is_null())
                    .add(mail_job::Column::LeaseUntil.lt(now)),
            )
            .exec(&*w)
            .await?
            .rows_affected;
        w.commit().await?;
        if taken == 0 {
            continue;
        }
        match message(store, &job, base_url).await? {
            Prepared::Ready(m) => out.push(m),
            // Nobody is invited to a closed wave; the rest of the mailing goes on.
            Prepared::Withdrawn => settle(store, actor, job.id, Outcome::Withdrawn).await?,
            Prepared::Broken => settle(store, actor, job.id, Outcome::Refused).await?,
        }
    }
    Ok(out)
}

/// A claimed job, made ready.
enum Prepared {
    Ready(Outgoing),
    /// Its wave closed before it went.
    Withdrawn,
    /// Its invitation or invitee is gone: given up, so it never holds up the others.
    Broken,
}

async fn message(
    store: &Store,
    job: &mail_job::Model,
    base_url: &str,
) -> Result<Prepared, ServiceError> {
    let Some(m) = mailing::Entity::find_by_id(job.mailing_id)
        .one(&store.read())
        .await?
    else {
        return Ok(Prepared::Broken);
    };
    let Some(inv) = invitation::Entity::find_by_id(job.invitation_id.clone())
        .one(&store.read())
        .await?
    else {
        return Ok(Prepared::Broken);
    };
    let Some(person) = employee::Entity::find_by_id(inv.employee_id)
        .one(&store.read())
        .await?
    else {
        return Ok(Prepared::Broken);
    };
    let wv = super::waves::load(store, &m.wave_id).await?;
    let kind = Kind::of(&m.kind);
    if wv.status == WaveStatus::Closed || (kind == Kind::Reminder && inv.completed) {
        // Closed, or answered since the reminder list was made.
        return Ok(Prepared::Withdrawn);
    }
    let poll = polls::load(store, &wv.poll_id).await?;
    let t = template_unchecked(store, &m.wave_id, kind).await?;
    let link = format!(
        "{}/p/{}",
        base_url.trim_end_matches('/'),
        store.key().invitation_token(&inv.id).as_str()
    );
    let fill = |text: &str, title: &str| {
        let closes = wv.closes_on.to_string();
        text.replace("[link]", &link)
            .replace("[titel]", title)
            .replace("[title]", title)
            .replace("[sluitdatum]", &closes)
            .replace("[closes]", &closes)
    };
    Ok(Prepared::Ready(Outgoing {
        job_id: job.id,
        to: person.email,
        subject: format!(
            "{} / {}",
            fill(&t.subject_nl, &poll.title.nl),
            fill(&t.subject_en, &poll.title.en)
        ),
        body: format!(
            "{}\n\n— English below —\n\n{}\n",
            fill(&t.body_nl, &poll.title.nl).trim_end(),
            fill(&t.body_en, &poll.title.en).trim_end()
        ),
    }))
}

/// What became of a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Sent,
    /// The server refused for good (5xx, a bad address).
    Refused,
    /// Worth another try later (4xx, no connection).
    Temporary,
    /// Not sent: its wave closed first, or (a reminder) its invitee answered meanwhile.
    /// Counted neither as sent nor as failed.
    Withdrawn,
    /// The mail server could not be reached: tried again in a minute, no attempt counted.
    Unreachable,
}

/// Records what became of a claimed job: sent or refused → deleted and counted; withdrawn →
/// deleted; temporary → tried again after 1, 2, 4, … minutes, until [`MAX_ATTEMPTS`].
pub async fn settle(
    store: &Store,
    actor: &Actor,
    job_id: i64,
    outcome: Outcome,
) -> Result<(), ServiceError> {
    actor.require(Permission::ManagePolls)?;
    let w = store.write().await?;
    let Some(job) = mail_job::Entity::find_by_id(job_id).one(&*w).await? else {
        return Ok(());
    };
    let attempts = job.attempts + i32::from(outcome != Outcome::Unreachable);
    let given_up =
        outcome == Outcome::Refused || (outcome == Outcome::Temporary && attempts >= MAX_ATTEMPTS);
    if matches!(outcome, Outcome::Temporary | Outcome::Unreachable) && !given_up {
        mail_job::Entity::update(mail_job::ActiveModel {
            id: sea_orm::ActiveValue::Unchanged(job.id),
            attempts: Set(attempts),
            next_attempt_at: Set(OffsetDateTime::now_utc()
                + Duration::minutes(1 << Ord::min(Ord::max(attempts, 1) - 1, 8))),
            lease_until: Set(None),
            ..Default::default()
        })
        .exec(&*w)
        .await?;
    } else {
        mail_job::Entity::delete_by_id(job.id).exec(&*w).await?;
        let column = match outcome {
            _ if given_up => Some(mailing::Column::Failed),
            Outcome::Sent => Some(mailing::Column::Sent),
            _ => None,
        };
        if let Some(column) = column {
            mailing::Entity::update_many()
                .col_expr(column, Expr::col(column).add(1))
                .filter(mailing::Column::Id.eq(job.mailing_id))
                .exec(&*w)
                .await?;
        }
        let left = mail_job::Entity::find()
            .filter(mail_job::Column::MailingId.eq(job.mailing_id))
            .count(&*w)
            .await?;
        if left == 0 {
            mailing::Entity::update_many()
                .col_expr(mailing::Column::State, Expr::value("done"))
                .filter(mailing::Column::Id.eq(job.mailing_id))
                .filter(mailing::Column::State.eq("queued"))
                .exec(&*w)
                .await?;
        }
    }
    w.commit().await?;
    Ok(())
}

/// A mailing as HRM sees it. A reminder's counts are rounded down to steps of the poll's k
/// (they are the number who had not answered: methodology A3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MailingRow {
    pub kind: Kind,
    pub due_on: time::Date,
    /// `scheduled`, `queued`, `done` or `cancelled`.
    pub state: String,
    pub queued: u64,
    pub sent: u64,
    pub failed: u64,
    /// Counts are multiples of this (1: exact).
    pub step: u64,
}

/// A wave's mailings, oldest first.
pub async fn mailings(
    store: &Store,
    actor: &Actor,
    wave_id: &WaveId,
) -> Result<Vec<MailingRow>, ServiceError> {
    actor.require(Permission::ManagePolls)?;
    let wv = super::waves::load(store, wave_id).await?;
    let k = u64::from(polls::load(store, &wv.poll_id).await?.min_group.get());
    Ok(mailing::Entity::find()
        .filter(mailing::Column::WaveId.eq(wave_id.clone()))
        .order_by_asc(mailing::Column::Id)
        .all(&store.read())
        .await?
        .into_iter()
        .map(|m| {
            let kind = Kind::of(&m.kind);
            let step = if kind == Kind::Reminder { k } else { 1 };
            let round = |n: i32| (Ord::max(n, 0) as u64 / step) * step;
            MailingRow {
                kind,
                due_on: m.due_on,
                state: m.state,
                queued: round(m.queued),
                sent: round(m.sent),
                failed: round(m.failed),
                step,
            }
        })
        .collect())
}
