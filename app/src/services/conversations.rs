//! Thermometer conversations (issue #12): what a manager records after talking with a team,
//! its follow-up weeks later, and HRM's *sfeerbeeld* of them all.
//!
//! A manager records, for a team in their scope: the day, the number of participants, a
//! temperature 1–5 per theme discussed, the signal categories heard (HRM's list), the agreed
//! actions (short, without names) and the help routes offered. Nothing names a participant;
//! a text that looks like it holds a name from the team's roster or an e-mail address is
//! shown back with a warning and stored only when the manager confirms.
//!
//! [`FOLLOW_UP_DAYS`] later the follow-up is due: the manager's home lists it, and one e-mail
//! reminds them ([`claim_reminders`], sent by the server's background job); the manager
//! records how the actions went.
//!
//! The sfeerbeeld counts per unit and quarter. A cell (a unit in a quarter, or the whole
//! organisation) is shown only with at least k participants (the organisation's default
//! reporting threshold) and [`MIN_CONVERSATIONS`] conversations; and when the organisation's
//! total is shown, hidden units together must pass the same test, else the smallest shown
//! unit is hidden too (the tree rule of methodology.md A2, on both counts), so no hidden
//! cell follows from the total minus the units shown. A theme's mean temperature is a figure
//! with its own n: it also needs [`MIN_CONVERSATIONS`] conversations that discussed the theme.
//! A hidden cell looks like an empty one.

use super::entities::{account, conversation, org_unit, signal_category};
use super::error::FieldError;
use super::{Actor, Permission, ServiceError, Store};
use crate::domain::{
    AttentionRow, ConversationForm, ConversationRow, ConversationTheme, ConversationView,
    FollowUpForm, FollowUpResult, HelpKind, Localized, OrgLevel, ReportingThreshold, SfeerbeeldRow,
    SfeerbeeldView, UnitRow,
};
use crate::i18n::Locale;
use crate::msg;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use time::Date;

/// Days after a conversation that its follow-up falls due (four weeks; the issue asks for
/// four to six).
pub const FOLLOW_UP_DAYS: i64 = 28;

/// The fewest conversations a cell of the sfeerbeeld needs to be shown.
pub const MIN_CONVERSATIONS: u32 = 3;

/// The most participants one conversation may have.
pub const MAX_PARTICIPANTS: i64 = 500;

/// The longest the agreed actions or a follow-up note may be, in characters.
pub const MAX_TEXT: usize = 1000;

/// How many quarters the sfeerbeeld shows, the latest first.
pub const QUARTERS: usize = 8;

/// A fall in a theme's mean temperature since the previous quarter that puts a unit on the
/// attention list (points on the 1–5 scale).
pub const ATTENTION_FALL: f64 = 0.5;

/// A rise in a signal's share of conversations since the previous quarter that puts a unit
/// on the attention list (percentage points).
pub const ATTENTION_RISE: f64 = 20.0;

/// The manager's scope: `(unit, teams)` with headcounts as on the home page.
fn manager_scope(actor: &Actor) -> Result<&str, ServiceError> {
    match actor {
        Actor::Account {
            role: crate::domain::Role::Manager,
            scope: Some(code),
            ..
        } => Ok(code),
        _ => Err(ServiceError::not_allowed()),
    }
}

/// The teams in a manager's scope, by name.
async fn scope_teams<C: sea_orm::ConnectionTrait>(
    db: &C,
    scope: &str,
) -> Result<Vec<org_unit::Model>, ServiceError> {
    Ok(super::organisation::teams_under(db, scope).await?)
}

/// The teams a manager can record a conversation for (no headcounts).
pub async fn teams(store: &Store, actor: &Actor) -> Result<Vec<UnitRow>, ServiceError> {
    actor.require(Permission::RecordConversations)?;
    let scope = manager_scope(actor)?;
    Ok(scope_teams(&store.read(), scope)
        .await?
        .into_iter()
        .map(|t| UnitRow {
            code: t.code,
            name: t.name,
            headcount: None,
        })
        .collect())
}

/// Whether `text` looks like it holds a person's name from `names` (any of a name's words of
/// three letters or more, other than the particles of Dutch surnames, as a whole word, in any
/// case) or an e-mail address.
pub fn looks_personal(text: &str, names: &[String]) -> bool {
    const PARTICLES: [&str; 12] = [
        "van", "der", "den", "de", "het", "ten", "ter", "te", "op", "in", "la", "le",
    ];
    let words: HashSet<String> = text
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let email = text.split_whitespace().any(|w| {
        w.split_once('@')
            .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
    });
    email
        || names.iter().any(|n| {
            n.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
                .map(str::to_lowercase)
                .filter(|w| w.chars().count() >= 3 && !PARTICLES.contains(&w.as_str()))
                .any(|w| words.contains(&w))
        })
}

/// The active employees of a team.
async fn headcount_of<C: sea_orm::ConnectionTrait>(
    db: &C,
    team: &str,
) -> Result<i64, ServiceError> {
    use super::entities::employee;
    use sea_orm::PaginatorTrait;
    Ok(employee::Entity::find()
        .filter(employee::Column::TeamCode.eq(team))
        .filter(employee::Column::Active.eq(true))
        .count(db)
        .await? as i64)
}

/// Names of the active employees of these teams (only to warn; never stored or shown).
async fn names_in<C: sea_orm::ConnectionTrait>(
    db: &C,
    teams: &[String],
) -> Result<Vec<String>, ServiceError> {
    use super::entities::employee;
    use sea_orm::QuerySelect;
    Ok(employee::Entity::find()
        .select_only()
        .column(employee::Column::Name)
        .filter(employee::Column::TeamCode.is_in(teams.to_vec()))
        .filter(employee::Column::Active.eq(true))
        .into_tuple::<String>()
        .all(db)
        .await?)
}

fn parse_day(field: &'static str, s: &str) -> Result<Date, FieldError> {
    Date::parse(
        s.trim(),
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .map_err(|_| FieldError {
        field: field.into(),
        message: msg!("conversation-bad-date"),
    })
}

/// The refusal shown when a text may hold a name: the form comes back with the warning and a
/// box to confirm (409).
fn personal_warning(field: &'static str) -> ServiceError {
    ServiceError::Conflict {
        field: Some(field),
        refusal: Box::new(super::Refusal::new(
            msg!("conversation-personal-title"),
            msg!("conversation-personal"),
        )),
    }
}

/// Records a conversation; returns its id.
///
/// # Errors
/// `Forbidden` for anyone but a manager; `Invalid` per field: `team` (not one of the
/// manager's teams), `held_on` (not a date, after `today`, or in a quarter the sfeerbeeld
/// has published: [`quarter_published`]),
/// `participants` (not 1–[`MAX_PARTICIPANTS`], or more than the team's active people),
/// `temperature_<theme>` (not 1–5),
/// `temperatures` (no theme given a temperature), `signals` / `help_offered` (a value not in
/// the list), `actions` (over [`MAX_TEXT`]); `Conflict` on `actions` when the text may hold a
/// name or an e-mail address and `form.confirmed` is not set.
pub async fn record(
    store: &Store,
    actor: &Actor,
    form: &ConversationForm,
    locale: Locale,
    today: Date,
) -> Result<String, ServiceError> {
    record_as(store, actor, None, form, locale, today).await
}

/// Records a conversation of the past for `manager`, in a quarter that may be published
/// already: the demo's history (the command line only, on a database nobody has seen the
/// sfeerbeeld of). Otherwise as [`record`].
pub async fn import_history(
    store: &Store,
    actor: &Actor,
    manager: &Actor,
    form: &ConversationForm,
    today: Date,
) -> Result<String, ServiceError> {
    if *actor != Actor::Cli {
        return Err(ServiceError::not_allowed());
    }
    record_as(store, manager, Some(()), form, Locale::Nl, today).await
}

async fn record_as(
    store: &Store,
    actor: &Actor,
    history: Option<()>,
    form: &ConversationForm,
    locale: Locale,
    today: Date,
) -> Result<String, ServiceError> {
    actor.require(Permission::RecordConversations)?;
    let scope = manager_scope(actor)?;
    let Actor::Account { id: account_id, .. } = actor else {
        return Err(ServiceError::not_allowed());
    };
    let read = store.read();
    let teams = scope_teams(&read, scope).await?;
    let mut problems = Vec::new();
    let team = teams.iter().find(|t| t.code == form.team);
    if team.is_none() {
        problems.push(FieldError {
            field: "team".into(),
            message: msg!("conversation-team-unknown"),
        });
    }
    let held_on = match parse_day("held_on", &form.held_on) {
        Ok(d) if d > today => {
            problems.push(FieldError {
                field: "held_on".into(),
                message: msg!("conversation-date-future"),
            });
            None
        }
        Ok(d) if history.is_none() && quarter_published(d, today) => {
            problems.push(FieldError {
                field: "held_on".into(),
                message: msg!("conversation-quarter-closed", days = GRACE_DAYS),
            });
            None
        }
        Ok(d) => Some(d),
        Err(e) => {
            problems.push(e);
            None
        }
    };
    let participants = match form.participants.trim().parse::<i64>() {
        Ok(n) if (1..=MAX_PARTICIPANTS).contains(&n) => Some(n as i32),
        _ => {
            problems.push(FieldError {
                field: "participants".into(),
                message: msg!("conversation-participants", max = MAX_PARTICIPANTS),
            });
            None
        }
    };
    // No more participants than the team has people (the threshold counts people).
    if let (Some(t), Some(n)) = (team, participants) {
        let headcount = headcount_of(&read, &t.code).await?;
        if headcount > 0 && i64::from(n) > headcount {
            problems.push(FieldError {
                field: "participants".into(),
                message: msg!("conversation-participants-team", max = headcount),
            });
        }
    }
    let mut temperatures = BTreeMap::new();
    for (theme, value) in &form.temperatures {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        match value.parse::<u8>() {
            Ok(t @ 1..=5) => {
                temperatures.insert(theme.as_str().to_string(), t);
            }
            _ => problems.push(FieldError {
                field: format!("temperature_{theme}"),
                message: msg!("conversation-temperature"),
            }),
        }
    }
    if temperatures.is_empty() && !problems.iter().any(|p| p.field.starts_with("temperature_")) {
        problems.push(FieldError {
            field: "temperatures".into(),
            message: msg!("conversation-no-temperature"),
        });
    }
    let categories: HashSet<String> = signal_category::Entity::find()
        .filter(signal_category::Column::Active.eq(true))
        .all(&read)
        .await?
        .into_iter()
        .map(|c| c.code)
        .collect();
    let signals: BTreeSet<String> = form.signals.iter().cloned().collect();
    if signals.iter().any(|s| !categories.contains(s)) {
        problems.push(FieldError {
            field: "signals".into(),
            message: msg!("conversation-signal-unknown"),
        });
    }
    let help: BTreeSet<&'static str> = form.help_offered.iter().map(|h| h.as_str()).collect();
    let actions = crate::domain::normalise_text(&form.actions);
    if actions.chars().count() > MAX_TEXT {
        problems.push(FieldError {
            field: "actions".into(),
            message: msg!("field-too-long", max = MAX_TEXT as i64),
        });
    }
    if !problems.is_empty() {
        return Err(ServiceError::Invalid(problems));
    }
    let (team, held_on, participants) = (
        team.expect("checked"),
        held_on.expect("checked"),
        participants.expect("checked"),
    );
    if !form.confirmed
        && looks_personal(
            &actions,
            &names_in(&read, std::slice::from_ref(&team.code)).await?,
        )
    {
        return Err(personal_warning("actions"));
    }
    let unit = super::kit::unit_of(&read, &team.code)
        .await?
        .map_or_else(String::new, |u| u.code);
    let id = uuid::Uuid::new_v4().to_string();
    let w = store.write().await?;
    conversation::Entity::insert(conversation::ActiveModel {
        id: Set(id.clone()),
        team_code: Set(team.code.clone()),
        unit_code: Set(unit),
        held_on: Set(held_on),
        participants: Set(participants),
        temperatures: Set(serde_json::to_string(&temperatures).expect("a map serialises")),
        signals: Set(serde_json::to_string(&signals).expect("a list serialises")),
        actions: Set(actions),
        help_offered: Set(serde_json::to_string(&help).expect("a list serialises")),
        account_id: Set(*account_id),
        locale: Set(locale.code().to_string()),
        recorded_at: Set(time::OffsetDateTime::now_utc()),
        follow_up_on: Set(held_on + time::Duration::days(FOLLOW_UP_DAYS)),
        follow_up_mailed_at: Set(None),
        followed_up_on: Set(None),
        follow_up_result: Set(None),
        follow_up_note: Set(None),
    })
    .exec_without_returning(&*w)
    .await?;
    super::audit::record(&*w, actor, "conversation.record", &id, &team.code).await?;
    w.commit().await?;
    Ok(id)
}

fn row_of(m: &conversation::Model, team_name: &str, today: Date) -> ConversationRow {
    ConversationRow {
        id: m.id.clone(),
        team_name: team_name.to_string(),
        held_on: m.held_on.to_string(),
        follow_up_on: m.follow_up_on.to_string(),
        participants: m.participants.max(0) as u32,
        follow_up: m.follow_up_result,
        due: m.follow_up_result.is_none() && m.follow_up_on <= today,
    }
}

/// The conversations of the manager's teams: those whose follow-up is due (oldest first),
/// and the latest `recent` (newest first).
pub async fn of_manager(
    store: &Store,
    actor: &Actor,
    today: Date,
    recent: u64,
) -> Result<(Vec<ConversationRow>, Vec<ConversationRow>), ServiceError> {
    use sea_orm::QuerySelect;
    actor.require(Permission::RecordConversations)?;
    let scope = manager_scope(actor)?;
    let read = store.read();
    let teams = scope_teams(&read, scope).await?;
    let names: HashMap<String, String> = teams
        .iter()
        .map(|t| (t.code.clone(), t.name.clone()))
        .collect();
    let codes: Vec<String> = names.keys().cloned().collect();
    let due = conversation::Entity::find()
        .filter(conversation::Column::TeamCode.is_in(codes.clone()))
        .filter(conversation::Column::FollowUpResult.is_null())
        .filter(conversation::Column::FollowUpOn.lte(today))
        .order_by_asc(conversation::Column::FollowUpOn)
        .all(&read)
        .await?;
    let latest = conversation::Entity::find()
        .filter(conversation::Column::TeamCode.is_in(codes))
        .order_by_desc(conversation::Column::HeldOn)
        .order_by_desc(conversation::Column::RecordedAt)
        .limit(recent)
        .all(&read)
        .await?;
    let rows = |ms: Vec<conversation::Model>| {
        ms.iter()
            .map(|m| row_of(m, names.get(&m.team_code).map_or("", |s| s), today))
            .collect()
    };
    Ok((rows(due), rows(latest)))
}

/// One conversation of the manager's teams. Another team's conversation is "not found",
/// exactly as one that does not exist.
async fn own(
    store: &Store,
    actor: &Actor,
    id: &str,
) -> Result<(conversation::Model, org_unit::Model), ServiceError> {
    actor.require(Permission::RecordConversations)?;
    let scope = manager_scope(actor)?;
    let read = store.read();
    let not_found = || {
        ServiceError::not_found(super::Refusal::new(
            msg!("not-found-title"),
            msg!("conversation-unknown"),
        ))
    };
    let found = conversation::Entity::find_by_id(id.to_string())
        .one(&read)
        .await?
        .ok_or_else(not_found)?;
    let team = scope_teams(&read, scope)
        .await?
        .into_iter()
        .find(|t| t.code == found.team_code)
        .ok_or_else(not_found)?;
    Ok((found, team))
}

/// A conversation of the manager's teams, as recorded.
///
/// # Errors
/// `Forbidden` for anyone but a manager; `NotFound` for an unknown id or another team's.
pub async fn view(
    store: &Store,
    actor: &Actor,
    id: &str,
    locale: Locale,
    today: Date,
) -> Result<ConversationView, ServiceError> {
    let (m, team) = own(store, actor, id).await?;
    let corrupt = |e: serde_json::Error| ServiceError::corrupt(format!("conversation {id}"), e);
    let temps: BTreeMap<String, u8> = serde_json::from_str(&m.temperatures).map_err(corrupt)?;
    let signals: Vec<String> = serde_json::from_str(&m.signals).map_err(corrupt)?;
    let help: Vec<String> = serde_json::from_str(&m.help_offered).map_err(corrupt)?;
    let labels: HashMap<String, Localized> = signal_category::Entity::find()
        .all(&store.read())
        .await?
        .into_iter()
        .map(|c| (c.code, Localized::new(c.label_nl, c.label_en)))
        .collect();
    Ok(ConversationView {
        row: row_of(&m, &team.name, today),
        temperatures: ConversationTheme::ALL
            .iter()
            .filter_map(|t| temps.get(t.as_str()).map(|v| (*t, *v)))
            .collect(),
        signals: signals
            .iter()
            .map(|s| {
                labels
                    .get(s)
                    .map_or(s.clone(), |l| l.get(locale).to_string())
            })
            .collect(),
        actions: m.actions.clone(),
        help_offered: help.iter().filter_map(|h| h.parse().ok()).collect(),
        followed_up_on: m.followed_up_on.map(|d| d.to_string()),
        follow_up_note: m.follow_up_note.clone(),
    })
}

/// Records how the agreed actions went.
///
/// # Errors
/// `Forbidden` for anyone but a manager; `NotFound` as [`view`]; `Conflict` when the
/// follow-up was recorded already; `Invalid` on `result` (not one of
/// [`FollowUpResult::ALL`]) or `note` (over [`MAX_TEXT`]); `Conflict` on `note` when it may
/// hold a name and `form.confirmed` is not set.
pub async fn follow_up(
    store: &Store,
    actor: &Actor,
    id: &str,
    form: &FollowUpForm,
    today: Date,
) -> Result<(), ServiceError> {
    let (m, team) = own(store, actor, id).await?;
    let mut problems = Vec::new();
    let result = form.result.parse::<FollowUpResult>().ok();
    if result.is_none() {
        problems.push(FieldError {
            field: "result".into(),
            message: msg!("follow-up-result-missing"),
        });
    }
    let note = crate::domain::normalise_text(&form.note);
    if note.chars().count() > MAX_TEXT {
        problems.push(FieldError {
            field: "note".into(),
            message: msg!("field-too-long", max = MAX_TEXT as i64),
        });
    }
    if !problems.is_empty() {
        return Err(ServiceError::Invalid(problems));
    }
    if m.follow_up_result.is_some() {
        return Err(ServiceError::conflict("result", msg!("follow-up-recorded")));
    }
    if !form.confirmed && looks_personal(&note, &names_in(&store.read(), &[team.code]).await?) {
        return Err(personal_warning("note"));
    }
    let w = store.write().await?;
    let res = conversation::Entity::update_many()
        .col_expr(conversation::Column::FollowUpResult, result.into())
        .col_expr(conversation::Column::FollowedUpOn, Some(today).into())
        .col_expr(
            conversation::Column::FollowUpNote,
            (!note.is_empty()).then_some(note).into(),
        )
        .filter(conversation::Column::Id.eq(id))
        .filter(conversation::Column::FollowUpResult.is_null())
        .exec(&*w)
        .await?;
    if res.rows_affected == 0 {
        return Err(ServiceError::conflict("result", msg!("follow-up-recorded")));
    }
    super::audit::record(&*w, actor, "conversation.follow_up", id, "").await?;
    w.commit().await?;
    Ok(())
}

/// A follow-up reminder to send: to the manager who recorded the conversation, in the
/// language they recorded it in.
pub struct Reminder {
    pub conversation_id: String,
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// Never print an address.
impl std::fmt::Debug for Reminder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Reminder(conversation {})", self.conversation_id)
    }
}

/// Claims the follow-up reminders that are due (the follow-up's day has come, none recorded,
/// none mailed, the account active), at most `max`: each is marked mailed in the same
/// statement that claims it, so two servers never both send it. A reminder that could not be
/// sent for now is released with [`release_reminder`].
pub async fn claim_reminders(
    store: &Store,
    actor: &Actor,
    today: Date,
    base_url: &str,
    max: u64,
) -> Result<Vec<Reminder>, ServiceError> {
    use sea_orm::QuerySelect;
    if !matches!(actor, Actor::System | Actor::Cli) {
        return Err(ServiceError::not_allowed());
    }
    let read = store.read();
    let due = conversation::Entity::find()
        .filter(conversation::Column::FollowUpOn.lte(today))
        .filter(conversation::Column::FollowUpResult.is_null())
        .filter(conversation::Column::FollowUpMailedAt.is_null())
        .order_by_asc(conversation::Column::FollowUpOn)
        .limit(max)
        .all(&read)
        .await?;
    let mut out = Vec::new();
    for m in due {
        let Some(acc) = account::Entity::find_by_id(m.account_id)
            .one(&read)
            .await?
            .filter(|a| a.active)
        else {
            // Nobody to mail (the account is off): marked, so it never holds up the queue;
            // the follow-up stays due in the app for whoever manages the team.
            let w = store.write().await?;
            conversation::Entity::update_many()
                .col_expr(
                    conversation::Column::FollowUpMailedAt,
                    Some(time::OffsetDateTime::now_utc()).into(),
                )
                .filter(conversation::Column::Id.eq(m.id.clone()))
                .exec(&*w)
                .await?;
            w.commit().await?;
            continue;
        };
        let team = org_unit::Entity::find()
            .filter(org_unit::Column::Code.eq(m.team_code.clone()))
            .one(&read)
            .await?
            .map_or_else(|| m.team_code.clone(), |t| t.name);
        let w = store.write().await?;
        let claimed = conversation::Entity::update_many()
            .col_expr(
                conversation::Column::FollowUpMailedAt,
                Some(time::OffsetDateTime::now_utc()).into(),
            )
            .filter(conversation::Column::Id.eq(m.id.clone()))
            .filter(conversation::Column::FollowUpMailedAt.is_null())
            .exec(&*w)
            .await?;
        w.commit().await?;
        if claimed.rows_affected == 0 {
            continue;
        }
        let locale = Locale::parse(&m.locale).unwrap_or_default();
        let link = format!(
            "{}/leiding/gesprekken/{}",
            base_url.trim_end_matches('/'),
            m.id
        );
        out.push(Reminder {
            conversation_id: m.id.clone(),
            to: acc.email,
            subject: msg!("follow-up-mail-subject", team = team.clone()).text(locale),
            body: msg!(
                "follow-up-mail-body",
                team = team,
                held_on = m.held_on.to_string(),
                link = link
            )
            .text(locale),
        });
    }
    Ok(out)
}

/// Gives a claimed reminder back, to be sent on a later run (the mail server could not take
/// it now).
pub async fn release_reminder(
    store: &Store,
    actor: &Actor,
    conversation_id: &str,
) -> Result<(), ServiceError> {
    if !matches!(actor, Actor::System | Actor::Cli) {
        return Err(ServiceError::not_allowed());
    }
    let w = store.write().await?;
    conversation::Entity::update_many()
        .col_expr(
            conversation::Column::FollowUpMailedAt,
            Option::<time::OffsetDateTime>::None.into(),
        )
        .filter(conversation::Column::Id.eq(conversation_id))
        .exec(&*w)
        .await?;
    w.commit().await?;
    Ok(())
}

/// `2026-Q4` for a day in October–December 2026.
pub fn quarter_of(d: Date) -> String {
    format!("{}-Q{}", d.year(), (u8::from(d.month()) - 1) / 3 + 1)
}

/// The first day of the quarter after the one `d` lies in.
fn next_quarter_start(d: Date) -> Date {
    let q = (u8::from(d.month()) - 1) / 3;
    let (year, month) = if q == 3 {
        (d.year() + 1, 1u8)
    } else {
        (d.year(), (q + 1) * 3 + 1)
    };
    Date::from_calendar_date(year, time::Month::try_from(month).expect("1-12"), 1)
        .expect("a valid first of the month")
}

/// The label of the calendar quarter before `q` (`2026-Q1` → `2025-Q4`).
fn previous_quarter(q: &str) -> Option<String> {
    let (year, n) = q.split_once("-Q")?;
    let (year, n): (i32, u8) = (year.parse().ok()?, n.parse().ok()?);
    Some(if n == 1 {
        format!("{}-Q4", year - 1)
    } else {
        format!("{year}-Q{}", n - 1)
    })
}

/// Days after a quarter ends that conversations held in it may still be recorded; after them
/// the quarter is published in the sfeerbeeld and closed for recording, so its cells never
/// change between two views (methodology A3: a figure that moves by one conversation would
/// give that conversation away).
pub const GRACE_DAYS: i64 = 28;

/// Whether the quarter of `held_on` is published (and closed for recording) on `today`.
pub fn quarter_published(held_on: Date, today: Date) -> bool {
    next_quarter_start(held_on) + time::Duration::days(GRACE_DAYS) <= today
}

/// Conversations and people of a cell, the two counts the threshold applies to. People are
/// counted per team as the largest number that took part in one of its conversations (the
/// same colleagues in four conversations are not four times as many people), summed over
/// the cell's teams.
#[derive(Clone, Debug, Default)]
struct Counts {
    conversations: u32,
    /// Team → the most participants in one of its conversations.
    teams: BTreeMap<String, u32>,
}

impl Counts {
    fn add(&mut self, team: &str, participants: u32) {
        self.conversations += 1;
        let e = self.teams.entry(team.to_string()).or_default();
        *e = (*e).max(participants);
    }

    fn people(&self) -> u32 {
        self.teams.values().sum()
    }

    fn passes(&self, k: u32) -> bool {
        self.people() >= k && self.conversations >= MIN_CONVERSATIONS
    }
}

/// The sums of one cell (a unit, or the organisation, in one quarter).
#[derive(Clone, Debug, Default)]
struct Cell {
    counts: Counts,
    /// Everyone who took part, conversation by conversation (what is shown).
    participants: u32,
    /// Per theme: the sum of temperatures, and the counts of the conversations that gave one.
    temps: BTreeMap<String, (u32, Counts)>,
    /// Per signal: conversations in which it was heard.
    signals: BTreeMap<String, u32>,
}

impl Cell {
    fn add(&mut self, m: &conversation::Model, temps: &BTreeMap<String, u8>, signals: &[String]) {
        let participants = m.participants.max(0) as u32;
        self.counts.add(&m.team_code, participants);
        self.participants += participants;
        for (t, v) in temps {
            let e = self.temps.entry(t.clone()).or_default();
            e.0 += u32::from(*v);
            e.1.add(&m.team_code, participants);
        }
        for s in signals {
            *self.signals.entry(s.clone()).or_default() += 1;
        }
    }
}

/// Which units of one quarter are shown, by the tree rule (methodology A2) over both counts:
/// a unit must pass on its own (and be `allowed`); when the total is shown, the hidden units
/// together must pass too (or be nothing), else the smallest shown unit is hidden as well,
/// until they do. The total is hidden when it does not pass itself, or when no unit is left
/// to hide.
fn shown_units(
    total: &Counts,
    units: &BTreeMap<String, Counts>,
    k: u32,
    allowed: impl Fn(&str) -> bool,
) -> (bool, HashSet<String>) {
    let mut shown: HashSet<String> = units
        .iter()
        .filter(|(u, c)| c.passes(k) && allowed(u))
        .map(|(u, _)| u.clone())
        .collect();
    if !total.passes(k) {
        return (false, shown);
    }
    loop {
        let mut hidden = Counts::default();
        for (u, c) in units {
            if !shown.contains(u) {
                hidden.conversations += c.conversations;
                hidden
                    .teams
                    .extend(c.teams.iter().map(|(t, n)| (t.clone(), *n)));
            }
        }
        if hidden.conversations == 0 || hidden.passes(k) {
            return (true, shown);
        }
        // The smallest shown unit (fewest people, then fewest conversations, then code).
        let smallest = shown
            .iter()
            .min_by_key(|u| {
                let c = &units[*u];
                (c.people(), c.conversations, (*u).clone())
            })
            .cloned();
        match smallest {
            Some(u) => {
                shown.remove(&u);
            }
            None => return (false, shown),
        }
    }
}

/// What one published quarter shows: per unit (`""`: the organisation) its cell, or nothing.
struct Published {
    cells: HashMap<String, Option<Cell>>,
    /// Per theme, the units (and `""`) whose mean is shown.
    means: HashMap<String, HashSet<String>>,
}

fn publish(total: &Cell, units: &BTreeMap<String, Cell>, k: u32) -> Published {
    let counts: BTreeMap<String, Counts> = units
        .iter()
        .map(|(u, c)| (u.clone(), c.counts.clone()))
        .collect();
    let (total_shown, shown) = shown_units(&total.counts, &counts, k, |_| true);
    let mut cells = HashMap::new();
    cells.insert(String::new(), total_shown.then(|| total.clone()));
    for (u, c) in units {
        cells.insert(u.clone(), shown.contains(u).then(|| c.clone()));
    }
    // Each theme's mean is a figure of its own: the same rule on the conversations that gave
    // the theme a temperature, among the cells that are shown at all.
    let mut means = HashMap::new();
    for (theme, (_, total_theme)) in &total.temps {
        let per_unit: BTreeMap<String, Counts> = units
            .iter()
            .map(|(u, c)| {
                let counts = c
                    .temps
                    .get(theme)
                    .map(|(_, n)| n.clone())
                    .unwrap_or_default();
                (u.clone(), counts)
            })
            .collect();
        let (t, set) = shown_units(total_theme, &per_unit, k, |u| shown.contains(u));
        let mut set = set;
        if t && total_shown {
            set.insert(String::new());
        }
        means.insert(theme.clone(), set);
    }
    Published { cells, means }
}

/// The sfeerbeeld: per published quarter (the latest [`QUARTERS`], newest first; a quarter
/// is published [`GRACE_DAYS`] after it ends) the organisation and every unit, with the
/// attention list for the latest published quarter against the calendar quarter before it.
/// Audited as a view of results.
///
/// # Errors
/// `Forbidden` for anyone but HRM.
pub async fn sfeerbeeld(
    store: &Store,
    actor: &Actor,
    locale: Locale,
    today: Date,
) -> Result<SfeerbeeldView, ServiceError> {
    actor.require(Permission::ReadSfeerbeeld)?;
    let view = sfeerbeeld_unaudited(store, locale, today).await?;
    let w = store.write().await?;
    super::audit::record(&*w, actor, "sfeerbeeld.view", "page", "").await?;
    w.commit().await?;
    Ok(view)
}

/// [`sfeerbeeld`] without its audit entry, for a caller that audits what it makes of it
/// (the sociaal jaarbeeld, [`super::report`]). Checks no permission: the caller does.
pub(crate) async fn sfeerbeeld_unaudited(
    store: &Store,
    locale: Locale,
    today: Date,
) -> Result<SfeerbeeldView, ServiceError> {
    let read = store.read();
    let k = ReportingThreshold::default().get();
    let categories: Vec<(String, Localized)> = signal_category::Entity::find()
        .order_by_asc(signal_category::Column::Position)
        .all(&read)
        .await?
        .into_iter()
        .map(|c| (c.code, Localized::new(c.label_nl, c.label_en)))
        .collect();
    let mut units_sorted: Vec<(String, String)> = org_unit::Entity::find()
        .filter(org_unit::Column::Level.eq(OrgLevel::Unit))
        .all(&read)
        .await?
        .into_iter()
        .map(|u| (u.code, u.name))
        .collect();
    units_sorted.sort_by(|a, b| a.1.cmp(&b.1));
    // quarter → (total, unit → cell), published quarters only.
    let mut quarters: BTreeMap<String, (Cell, BTreeMap<String, Cell>)> = BTreeMap::new();
    for m in conversation::Entity::find().all(&read).await? {
        if !quarter_published(m.held_on, today) {
            continue;
        }
        let corrupt =
            |e: serde_json::Error| ServiceError::corrupt(format!("conversation {}", m.id), e);
        let temps: BTreeMap<String, u8> = serde_json::from_str(&m.temperatures).map_err(corrupt)?;
        let signals: Vec<String> = serde_json::from_str(&m.signals).map_err(corrupt)?;
        let q = quarters.entry(quarter_of(m.held_on)).or_default();
        q.0.add(&m, &temps, &signals);
        q.1.entry(m.unit_code.clone())
            .or_default()
            .add(&m, &temps, &signals);
    }
    let keys: Vec<String> = quarters.keys().rev().take(QUARTERS).cloned().collect();
    let published: HashMap<String, Published> = quarters
        .iter()
        .map(|(q, (total, units))| (q.clone(), publish(total, units, k)))
        .collect();
    // A figure of a (quarter, unit), or nothing: hidden and empty alike.
    let cell = |q: &str, unit: &str| -> Option<Cell> {
        published.get(q)?.cells.get(unit).cloned().flatten()
    };
    let mean = |q: &str, unit: &str, theme: &str| -> Option<f64> {
        let p = published.get(q)?;
        if !p.means.get(theme)?.contains(unit) {
            return None;
        }
        let c = p.cells.get(unit)?.as_ref()?;
        let (sum, n) = c.temps.get(theme)?;
        Some(f64::from(*sum) / f64::from(n.conversations))
    };
    let share = |c: &Cell, code: &str| {
        f64::from(c.signals.get(code).copied().unwrap_or(0)) * 100.0
            / f64::from(c.counts.conversations.max(1))
    };
    let decimal = |x: f64, digits: usize| locale.decimal(x, digits);
    let org_name = msg!("sfeerbeeld-organisation").text(locale);
    let mut rows = Vec::new();
    for q in &keys {
        let previous = previous_quarter(q);
        // Every unit in every quarter: a unit without conversations looks like a hidden one.
        let cell_rows =
            std::iter::once((String::new(), org_name.clone())).chain(units_sorted.iter().cloned());
        for (code, name) in cell_rows {
            let now = cell(q, &code);
            rows.push(SfeerbeeldRow {
                unit_code: code.clone(),
                unit_name: name,
                quarter: q.clone(),
                conversations: now.as_ref().map(|c| c.counts.conversations),
                participants: now.as_ref().map(|c| c.participants),
                temperatures: ConversationTheme::ALL
                    .iter()
                    .map(|t| {
                        let m = mean(q, &code, t.as_str());
                        let was = previous.as_deref().and_then(|p| mean(p, &code, t.as_str()));
                        (*t, m, m.zip(was).map(|(a, b)| a - b))
                    })
                    .collect(),
                signals: categories
                    .iter()
                    .map(|(s, _)| (s.clone(), now.as_ref().map(|c| share(c, s))))
                    .collect(),
            });
        }
    }
    // The attention list: the latest published quarter against the calendar quarter before.
    let mut attention = Vec::new();
    if let Some(now) = keys.first() {
        let was = previous_quarter(now).unwrap_or_default();
        for (code, name) in &units_sorted {
            for t in ConversationTheme::ALL {
                if let (Some(x), Some(y)) =
                    (mean(now, code, t.as_str()), mean(&was, code, t.as_str()))
                {
                    if y - x >= ATTENTION_FALL {
                        attention.push(AttentionRow {
                            unit_name: name.clone(),
                            quarter: now.clone(),
                            message: msg!(
                                "sfeerbeeld-attention-fall",
                                theme = crate::i18n::Message::from_key(theme_key(*t)).text(locale),
                                from = decimal(y, 1),
                                to = decimal(x, 1)
                            ),
                        });
                    }
                }
            }
            let (Some(a), Some(b)) = (cell(now, code), cell(&was, code)) else {
                continue;
            };
            for (s, label) in &categories {
                let (x, y) = (share(&a, s), share(&b, s));
                if x - y >= ATTENTION_RISE {
                    attention.push(AttentionRow {
                        unit_name: name.clone(),
                        quarter: now.clone(),
                        message: msg!(
                            "sfeerbeeld-attention-rise",
                            signal = label.get(locale).to_string(),
                            from = decimal(y, 0),
                            to = decimal(x, 0)
                        ),
                    });
                }
            }
        }
    }
    Ok(SfeerbeeldView {
        rows,
        signals: categories,
        attention,
        k,
        min_conversations: MIN_CONVERSATIONS,
    })
}

/// The sfeerbeeld as CSV (`;`-separated, as Dutch spreadsheets open it), the same cells as
/// the page: per theme the mean temperature and its move since the quarter before (where
/// both are shown), per signal category its share; a hidden cell is empty, like an empty
/// one. Numbers carry the language's decimal sign and a plain `-`, so spreadsheets read them
/// as numbers. Audited as an export.
pub async fn sfeerbeeld_csv(
    store: &Store,
    actor: &Actor,
    locale: Locale,
    today: Date,
) -> Result<Vec<u8>, ServiceError> {
    let view = sfeerbeeld(store, actor, locale, today).await?;
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    let mut header = vec![
        msg!("sfeerbeeld-col-quarter").text(locale),
        msg!("sfeerbeeld-col-unit").text(locale),
        msg!("sfeerbeeld-col-conversations").text(locale),
        msg!("sfeerbeeld-col-participants").text(locale),
    ];
    for t in ConversationTheme::ALL {
        let theme = crate::i18n::Message::from_key(theme_key(*t)).text(locale);
        header.push(theme.clone());
        header.push(msg!("sfeerbeeld-col-move", theme = theme).text(locale));
    }
    for (_, label) in &view.signals {
        header.push(format!("% {}", label.get(locale)));
    }
    let defuse = super::results::defuse_formula;
    w.write_record(header.iter().map(|h| defuse(h)))
        .map_err(|e| ServiceError::corrupt("sfeerbeeld csv", e))?;
    let num =
        |v: Option<f64>, digits: usize| v.map_or(String::new(), |x| locale.decimal(x, digits));
    for r in &view.rows {
        let mut rec = vec![
            r.quarter.clone(),
            defuse(&r.unit_name),
            r.conversations.map_or(String::new(), |n| n.to_string()),
            r.participants.map_or(String::new(), |n| n.to_string()),
        ];
        for (_, mean, moved) in &r.temperatures {
            rec.push(num(*mean, 1));
            rec.push(num(*moved, 1));
        }
        rec.extend(r.signals.iter().map(|(_, v)| num(*v, 0)));
        w.write_record(&rec)
            .map_err(|e| ServiceError::corrupt("sfeerbeeld csv", e))?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| ServiceError::corrupt("sfeerbeeld csv", e.into_error()))?;
    let wr = store.write().await?;
    super::audit::record(&*wr, actor, "sfeerbeeld.export", "csv", "").await?;
    wr.commit().await?;
    Ok(bytes)
}

/// The catalogue key of a conversation theme's name.
pub fn theme_key(t: ConversationTheme) -> &'static str {
    match t {
        ConversationTheme::WeerbaarheidMentaal => "theme-weerbaarheid_mentaal",
        ConversationTheme::WeerbaarheidMoreel => "theme-weerbaarheid_moreel",
        ConversationTheme::Koopkracht => "theme-koopkracht",
        ConversationTheme::MaatschappelijkeOnrust => "theme-maatschappelijke_onrust",
        ConversationTheme::Werkdruk => "theme-werkdruk",
        ConversationTheme::EthischWerkklimaat => "theme-ethisch_werkklimaat",
    }
}

/// The catalogue key of a help route's kind.
pub fn help_key(h: HelpKind) -> &'static str {
    match h {
        HelpKind::Vertrouwenspersoon => "help-vertrouwenspersoon",
        HelpKind::Bedrijfsmaatschappelijkwerk => "help-bedrijfsmaatschappelijk_werk",
        HelpKind::Bedrijfsarts => "help-bedrijfsarts",
        HelpKind::CollegialeOpvang => "help-collegiale_opvang",
        HelpKind::GeestelijkeVerzorging => "help-geestelijke_verzorging",
        HelpKind::FinancieleHulp => "help-financiele_hulp",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_from_the_team_or_an_address_is_noticed_and_ordinary_words_are_not() {
        let names = vec!["Jan de Vries".to_string(), "Aïcha van den Berg".to_string()];
        assert!(looks_personal("Met Jan afgesproken dat hij belt", &names));
        assert!(looks_personal("vries pakt het op", &names));
        assert!(looks_personal("AÏCHA neemt contact op", &names));
        assert!(looks_personal("mail naar a.b@politie.nl", &names));
        assert!(!looks_personal(
            "De werkdruk bespreken we in de teamdag",
            &names
        ));
        assert!(!looks_personal("van den berg", &["Van".to_string()]));
        assert!(!looks_personal("overleg @ 10 uur", &names));
        assert!(!looks_personal("Janssen", &names), "a whole word only");
    }

    #[test]
    fn quarters_follow_the_calendar() {
        use time::macros::date;
        assert_eq!(quarter_of(date!(2026 - 01 - 01)), "2026-Q1");
        assert_eq!(quarter_of(date!(2026 - 03 - 31)), "2026-Q1");
        assert_eq!(quarter_of(date!(2026 - 04 - 01)), "2026-Q2");
        assert_eq!(quarter_of(date!(2026 - 12 - 31)), "2026-Q4");
    }

    /// `conversations` conversations of one team (`team`) with `people` participants.
    fn counts(team: &str, conversations: u32, people: u32) -> Counts {
        Counts {
            conversations,
            teams: [(team.to_string(), people)].into(),
        }
    }

    fn total(parts: &[&Counts]) -> Counts {
        let mut t = Counts::default();
        for p in parts {
            t.conversations += p.conversations;
            t.teams.extend(p.teams.clone());
        }
        t
    }

    #[test]
    fn the_total_never_gives_a_hidden_unit_away() {
        let k = 10;
        let (a, b, c) = (counts("A1", 5, 40), counts("B1", 1, 6), counts("C1", 3, 12));
        // B is too small; hiding B alone would let total − A − C give it: C goes too.
        let units: BTreeMap<String, Counts> = [
            ("A".to_string(), a.clone()),
            ("B".to_string(), b.clone()),
            ("C".to_string(), c.clone()),
        ]
        .into();
        let (t, shown) = shown_units(&total(&[&a, &b, &c]), &units, k, |_| true);
        assert!(t);
        assert_eq!(shown, HashSet::from(["A".to_string()]));
        // Two units, one too small: the other cannot stay beside the total.
        let units: BTreeMap<String, Counts> =
            [("A".to_string(), a.clone()), ("B".to_string(), b.clone())].into();
        let (t, shown) = shown_units(&total(&[&a, &b]), &units, k, |_| true);
        assert!(t && shown.is_empty(), "{t} {shown:?}");
        // Too few conversations anywhere: nothing shown.
        let small = counts("A1", 2, 30);
        let units: BTreeMap<String, Counts> = [("A".to_string(), small.clone())].into();
        let (t, shown) = shown_units(&small, &units, k, |_| true);
        assert!(!t && shown.is_empty());
    }

    #[test]
    fn the_same_colleagues_in_many_conversations_are_counted_once() {
        let mut c = Counts::default();
        for _ in 0..4 {
            c.add("T1", 3);
        }
        assert_eq!((c.conversations, c.people()), (4, 3));
        assert!(
            !c.passes(10),
            "three people are three people, however often they meet"
        );
        c.add("T2", 8);
        assert_eq!(c.people(), 11);
        assert!(c.passes(10));
    }

    #[test]
    fn a_quarter_is_published_four_weeks_after_it_ends() {
        use time::macros::date;
        let held = date!(2026 - 09 - 29);
        assert!(!quarter_published(held, date!(2026 - 10 - 28)));
        assert!(quarter_published(held, date!(2026 - 10 - 29)));
        assert!(!quarter_published(
            date!(2026 - 12 - 31),
            date!(2027 - 01 - 28)
        ));
        assert!(quarter_published(
            date!(2026 - 12 - 31),
            date!(2027 - 01 - 29)
        ));
        assert_eq!(previous_quarter("2026-Q1").as_deref(), Some("2025-Q4"));
        assert_eq!(previous_quarter("2026-Q3").as_deref(), Some("2026-Q2"));
    }
}
