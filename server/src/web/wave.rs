//! A wave's page under `/hrm/golven/{id}` (issue #11): the stratified sample or the invitation
//! of the whole audience, invitations by e-mail and reminders, the one-time links for a mail
//! merge, the texts of the messages, and the live response in steps of k. Every handler checks
//! the role and the form token itself; the services check again and audit.

use super::forms::AnswerForm;
use super::hrm::{checked_wave, hrm, wave_id};
use super::pages::render_staff;
use super::staff::SignedIn;
use super::{AppState, CspNonce};
use analysis::sampling::Allocation;
use app::domain::{
    MailTemplateView, MailingView, ProgressRow, ProgressView, SampleForm, SampleView, StaffPage,
    StratumRow, WaveId, WaveView,
};
use app::i18n::{Locale, Message};
use app::msg;
use app::services::mail::{self, Kind, Template};
use app::services::{invitations, polls, progress, samples, waves, ServiceError};
use axum::extract::{Extension, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

/// The sample form's first values: a minimum of k per stratum, a fresh seed, six months of
/// fatigue control, a reminder a week from now (or the wave's last day).
fn default_form(k: u32, closes_on: time::Date) -> SampleForm {
    let remind = (app::services::today() + time::Duration::days(7)).min(closes_on);
    SampleForm {
        total: String::new(),
        allocation: "minimum".into(),
        minimum: k.to_string(),
        seed: rand::random::<u32>().to_string(),
        exclude_months: "6".into(),
        remind_on: remind.to_string(),
    }
}

async fn view_of(state: &AppState, who: &SignedIn, id: &WaveId) -> Result<WaveView, ServiceError> {
    let actor = &who.actor;
    let w = waves::get(&state.store, actor, id).await?;
    let poll = polls::get(&state.store, actor, &w.poll_id).await?;
    let k = poll.min_group.get();
    let under_k = |n: u64| (n >= u64::from(k)).then_some(n);
    let sample = samples::of_wave(&state.store, actor, id)
        .await?
        .map(|s| SampleView {
            total: s.total,
            minimum: match s.allocation {
                Allocation::Minimum(m) => Some(m),
                Allocation::Proportional => None,
            },
            seed: s.seed.to_string(),
            exclude_months: s.exclude_months,
            frame_digest: s.frame_digest,
            drawn_on: s.drawn_on.to_string(),
            strata: s
                .strata
                .into_iter()
                .map(|st| StratumRow {
                    unit: st.unit,
                    age_band: st.age_band,
                    population: under_k(st.population),
                    frame: under_k(st.frame),
                    planned: st.planned,
                    drawn: st.drawn,
                })
                .collect(),
        });
    let mailings = mail::mailings(&state.store, actor, id)
        .await?
        .into_iter()
        .map(|m| MailingView {
            reminder: m.kind == Kind::Reminder,
            due_on: m.due_on.to_string(),
            state: m.state,
            queued: m.queued,
            sent: m.sent,
            failed: m.failed,
            step: m.step,
        })
        .collect();
    let mut templates = Vec::new();
    for kind in [Kind::Invitation, Kind::Reminder] {
        let t = mail::template(&state.store, actor, id, kind).await?;
        templates.push(MailTemplateView {
            kind: kind.as_str().into(),
            subject_nl: t.subject_nl,
            body_nl: t.body_nl,
            subject_en: t.subject_en,
            body_en: t.body_en,
        });
    }
    let p = progress::of_wave(&state.store, actor, id).await?;
    Ok(WaveView {
        id: w.id.to_string(),
        poll_id: w.poll_id.to_string(),
        poll_title: poll.title.clone(),
        label: w.label.clone(),
        status: w.status,
        opens_on: w.opens_on.to_string(),
        closes_on: w.closes_on.to_string(),
        k,
        invited: w.invited.max(0) as u32,
        sample,
        links_exported: w.links_exported_at.is_some(),
        mail_configured: state.mailer.is_some(),
        mailings,
        templates,
        progress: ProgressView {
            invited: p.invited,
            answered: p.answered,
            groups: p
                .groups
                .into_iter()
                .map(|g| ProgressRow {
                    code: g.code,
                    name: g.name,
                    team: g.team,
                    invited: g.invited,
                    answered: g.answered,
                })
                .collect(),
            days: p
                .days
                .into_iter()
                .map(|(d, n)| (d.to_string(), n))
                .collect(),
        },
    })
}

/// What every response of this page is rendered with.
#[derive(Clone, Copy)]
struct Ctx<'a> {
    state: &'a AppState,
    locale: Locale,
    nonce: &'a CspNonce,
}

impl<'a> Ctx<'a> {
    fn of(state: &'a AppState, locale: Locale, nonce: &'a CspNonce) -> Self {
        Ctx {
            state,
            locale,
            nonce,
        }
    }
}

async fn show(
    Ctx {
        state,
        locale,
        nonce,
    }: Ctx<'_>,
    who: SignedIn,
    id: &WaveId,
    form: Option<SampleForm>,
    error: Option<(String, Message)>,
    status: StatusCode,
) -> Result<Response, ServiceError> {
    let wave = view_of(state, &who, id).await?;
    let form = match form {
        Some(f) => f,
        None => default_form(
            wave.k,
            time::Date::parse(
                &wave.closes_on,
                &time::format_description::well_known::Iso8601::DATE,
            )
            .unwrap_or_else(|_| app::services::today()),
        ),
    };
    let page = StaffPage::Wave {
        nav: who.nav,
        wave: Box::new(wave),
        form,
        error,
    };
    Ok(render_staff(
        state,
        locale,
        nonce,
        &format!("/hrm/golven/{id}"),
        page,
        status,
    )
    .await)
}

/// `GET /hrm/golven/{id}`.
pub async fn wave_page(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    locale: Locale,
    who: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, ServiceError> {
    hrm(&who)?;
    let id = wave_id(&id)?;
    let ctx = Ctx::of(&state, locale, &nonce);
    show(ctx, who, &id, None, None, StatusCode::OK).await
}

/// After an action: back to the wave's page, or the page again with the refusal beside its
/// field (422) or at the top (409).
async fn after(
    ctx: Ctx<'_>,
    who: SignedIn,
    id: &WaveId,
    form: Option<SampleForm>,
    outcome: Result<(), ServiceError>,
) -> Result<Response, ServiceError> {
    match outcome {
        Ok(()) => Ok(Redirect::to(&format!("/hrm/golven/{id}")).into_response()),
        Err(ServiceError::Invalid(fields)) => {
            let first = fields.into_iter().next().map(|f| (f.field, f.message));
            show(ctx, who, id, form, first, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(ServiceError::Conflict { refusal, .. }) => {
            show(
                ctx,
                who,
                id,
                form,
                Some(("wave".into(), refusal.body)),
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(e) => Err(e),
    }
}

/// Sends the wave's due mail at once (the background job would in half a minute).
fn kick(state: &AppState, id: &WaveId) {
    if let Some(m) = state.mailer.clone() {
        let (store, url, id) = (state.store.clone(), state.public_url.clone(), id.clone());
        tokio::spawn(async move {
            if let Err(e) = m.drain(&store, Some(&id), &url).await {
                app::services::http::log_internal(&e);
            }
        });
    }
}

/// The sample form's fields, checked: a refusal names its field.
fn spec_of(form: &SampleForm) -> Result<samples::SampleSpec, ServiceError> {
    let number = |field: &str, text: &str| {
        text.trim()
            .parse::<u64>()
            .map_err(|_| ServiceError::invalid(field.to_string(), msg!("sample-not-a-number")))
    };
    let total = number("total", &form.total)?;
    let allocation = if form.allocation == "minimum" {
        Allocation::Minimum(number("minimum", &form.minimum)?)
    } else {
        Allocation::Proportional
    };
    let seed = number("seed", &form.seed)?;
    let exclude_months = match form.exclude_months.trim() {
        "" | "0" => None,
        t => match t.parse::<u32>() {
            Ok(m) if m <= 60 => Some(m),
            _ => {
                return Err(ServiceError::invalid(
                    "exclude_months",
                    msg!("sample-exclude-bad"),
                ))
            }
        },
    };
    Ok(samples::SampleSpec {
        total,
        allocation,
        seed,
        exclude_months,
    })
}

/// `POST /hrm/golven/{id}/steekproef` (`total`, `allocation`, `minimum`, `seed`,
/// `exclude_months`).
pub async fn draw_sample(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    locale: Locale,
    who: SignedIn,
    session: Session,
    Path(id): Path<String>,
    form: AnswerForm,
) -> Result<Response, ServiceError> {
    let id = checked_wave(&who, &session, &form, &id).await?;
    let text = |n: &str| form.field(n).unwrap_or_default().to_string();
    let typed = SampleForm {
        total: text("total"),
        allocation: text("allocation"),
        minimum: text("minimum"),
        seed: text("seed"),
        exclude_months: text("exclude_months"),
        remind_on: String::new(),
    };
    let outcome = match spec_of(&typed) {
        Ok(spec) => samples::draw(&state.store, &who.actor, &id, &spec)
            .await
            .map(|_| ()),
        Err(e) => Err(e),
    };
    after(
        Ctx::of(&state, locale, &nonce),
        who,
        &id,
        Some(typed),
        outcome,
    )
    .await
}

/// `POST /hrm/golven/{id}/uitnodigen`: everyone active in the audience.
pub async fn invite_everyone(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    locale: Locale,
    who: SignedIn,
    session: Session,
    Path(id): Path<String>,
    form: AnswerForm,
) -> Result<Response, ServiceError> {
    let id = checked_wave(&who, &session, &form, &id).await?;
    let outcome = samples::invite_audience(&state.store, &who.actor, &id)
        .await
        .map(|_| ());
    after(Ctx::of(&state, locale, &nonce), who, &id, None, outcome).await
}

/// `POST /hrm/golven/{id}/versturen`: the invitations by e-mail, now.
pub async fn send_invitations(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    locale: Locale,
    who: SignedIn,
    session: Session,
    Path(id): Path<String>,
    form: AnswerForm,
) -> Result<Response, ServiceError> {
    let id = checked_wave(&who, &session, &form, &id).await?;
    let outcome = mail::send_invitations(&state.store, &who.actor, &id).await;
    if outcome.is_ok() {
        kick(&state, &id);
    }
    after(Ctx::of(&state, locale, &nonce), who, &id, None, outcome).await
}

/// `POST /hrm/golven/{id}/herinnering` (`on`, an ISO date).
pub async fn schedule_reminder(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    locale: Locale,
    who: SignedIn,
    session: Session,
    Path(id): Path<String>,
    form: AnswerForm,
) -> Result<Response, ServiceError> {
    let id = checked_wave(&who, &session, &form, &id).await?;
    let typed = form.field("on").unwrap_or_default().to_string();
    let outcome = match time::Date::parse(
        typed.trim(),
        &time::format_description::well_known::Iso8601::DATE,
    ) {
        Ok(on) => mail::schedule_reminder(&state.store, &who.actor, &id, on).await,
        Err(_) => Err(ServiceError::invalid(
            "on",
            msg!("mail-reminder-date-not-a-date"),
        )),
    };
    // A refusal shows the page again with the date as typed.
    let kept = match &outcome {
        Ok(()) => {
            kick(&state, &id);
            None
        }
        Err(_) => {
            let w = waves::get(&state.store, &who.actor, &id).await?;
            let k = polls::get(&state.store, &who.actor, &w.poll_id)
                .await?
                .min_group
                .get();
            Some(SampleForm {
                remind_on: typed,
                ..default_form(k, w.closes_on)
            })
        }
    };
    after(Ctx::of(&state, locale, &nonce), who, &id, kept, outcome).await
}

/// `POST /hrm/golven/{id}/bericht` (`kind`, `subject_nl`, `body_nl`, `subject_en`, `body_en`).
pub async fn save_text(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    locale: Locale,
    who: SignedIn,
    session: Session,
    Path(id): Path<String>,
    form: AnswerForm,
) -> Result<Response, ServiceError> {
    let id = checked_wave(&who, &session, &form, &id).await?;
    let kind = match form.field("kind") {
        Some("reminder") => Kind::Reminder,
        _ => Kind::Invitation,
    };
    let text = |n: &str| form.field(n).unwrap_or_default().to_string();
    let t = Template {
        subject_nl: text("subject_nl"),
        body_nl: text("body_nl"),
        subject_en: text("subject_en"),
        body_en: text("body_en"),
    };
    // A refusal is shown beside the field of the form it came from.
    let outcome = mail::set_template(&state.store, &who.actor, &id, kind, &t)
        .await
        .map_err(|e| match e {
            ServiceError::Invalid(fields) => ServiceError::Invalid(
                fields
                    .into_iter()
                    .map(|mut f| {
                        f.field = format!("{}:{}", kind.as_str(), f.field);
                        f
                    })
                    .collect(),
            ),
            other => other,
        });
    after(Ctx::of(&state, locale, &nonce), who, &id, None, outcome).await
}

use app::services::results::defuse_formula as cell;

/// `POST /hrm/golven/{id}/links.csv`: the personal links for a mail merge, once
/// (`personeelsnummer;naam;email;link`, UTF-8 with BOM for spreadsheets).
pub async fn links_csv(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    locale: Locale,
    who: SignedIn,
    session: Session,
    Path(id): Path<String>,
    form: AnswerForm,
) -> Result<Response, ServiceError> {
    let id = checked_wave(&who, &session, &form, &id).await?;
    let rows = match invitations::links_once(&state.store, &who.actor, &id).await {
        Ok(rows) => rows,
        Err(e) => return after(Ctx::of(&state, locale, &nonce), who, &id, None, Err(e)).await,
    };
    let mut out = String::from("\u{feff}personeelsnummer;naam;email;link\r\n");
    for r in rows {
        let link = format!("{}/p/{}", state.public_url, r.token.as_str());
        let fields = [
            cell(&r.employee_number),
            cell(&r.name),
            cell(&r.email),
            link,
        ];
        let quoted: Vec<String> = fields
            .iter()
            .map(|f| format!("\"{}\"", f.replace('"', "\"\"")))
            .collect();
        out.push_str(&quoted.join(";"));
        out.push_str("\r\n");
    }
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"links-{id}.csv\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        out,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_cell_never_starts_a_formula() {
        assert_eq!(super::cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(super::cell("+31"), "'+31");
        assert_eq!(super::cell("-1"), "'-1");
        assert_eq!(super::cell("@SUM"), "'@SUM");
        assert_eq!(super::cell("Jan de Vries"), "Jan de Vries");
    }
}
