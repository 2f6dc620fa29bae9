//! HRM's poll pages under `/hrm/` (issue #10): starting a poll from a template, a poll's page
//! (settings, questions, waves and their actions), the respondent's preview, team links with
//! QR codes, and the analysis bundle as one zip. Every handler checks the role itself; the
//! service functions check again and audit what they change or export.

use super::forms::AnswerForm;
use super::pages::{render, render_staff, Context};
use super::staff::{check_csrf, SignedIn};
use super::{AppState, CspNonce};
use app::domain::{
    parse_form, ChosenQuestion, Nav, PollDraft, PollId, PollKind, QuestionDraft, QuestionKind,
    ReportingAttribute, RespondentPage, StaffPage, TeamLink, WaveForm, WaveId, WaveStatus,
    CSRF_FIELD, NAV_FIELD, PAGE_FIELD,
};
use app::i18n::{Locale, Message};
use app::msg;
use app::services::{
    invitations, organisation, polls, questions, results, waves, Permission, Refusal, ServiceError,
};
use axum::body::Body;
use axum::extract::{Extension, Path, Query, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine;
use tower_sessions::Session;

pub(super) fn hrm(who: &SignedIn) -> Result<(), ServiceError> {
    who.actor.require(Permission::ManagePolls)
}

fn poll_id(id: &str) -> Result<PollId, ServiceError> {
    PollId::parse(id).map_err(|_| polls::unknown_poll(id))
}

pub(super) fn wave_id(id: &str) -> Result<WaveId, ServiceError> {
    WaveId::parse(id).map_err(|_| waves::unknown_wave(id))
}

/// `GET /hrm/nieuwe-peiling`: the templates to start from.
pub async fn new_poll_page(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    locale: Locale,
    who: SignedIn,
) -> Result<Response, ServiceError> {
    hrm(&who)?;
    new_poll_view(
        &state,
        locale,
        &nonce,
        who,
        None,
        Default::default(),
        Vec::new(),
        StatusCode::OK,
    )
    .await
}

#[allow(clippy::too_many_arguments)]
async fn new_poll_view(
    state: &AppState,
    locale: Locale,
    nonce: &CspNonce,
    who: SignedIn,
    error: Option<Message>,
    draft: PollDraft,
    errors: Vec<(String, Message)>,
    status: StatusCode,
) -> Result<Response, ServiceError> {
    let templates = polls::template_rows(&state.store, &who.actor).await?;
    let bank = questions::bank_rows(&state.store, &who.actor).await?;
    let page = StaffPage::NewPoll {
        nav: who.nav,
        templates,
        error,
        bank,
        draft,
        errors,
    };
    Ok(render_staff(state, locale, nonce, "/hrm/nieuwe-peiling", page, status).await)
}

/// `POST /hrm/peilingen` (`template`, the form token): creates the poll, to its page.
pub async fn create_poll(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    locale: Locale,
    who: SignedIn,
    session: Session,
    form: AnswerForm,
) -> Result<Response, ServiceError> {
    hrm(&who)?;
    check_csrf(&session, form.field(CSRF_FIELD)).await?;
    let Some(code) = form.field("template").filter(|c| !c.is_empty()) else {
        let m = msg!("poll-template-missing");
        return new_poll_view(
            &state,
            locale,
            &nonce,
            who,
            Some(m),
            PollDraft::default(),
            Vec::new(),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let id = polls::create_from_template(&state.store, &who.actor, code).await?;
    Ok(Redirect::to(&format!("/hrm/peilingen/{id}")).into_response())
}

#[allow(clippy::too_many_arguments)]
/// `POST /hrm/peilingen/samenstellen`: a poll put together from the bank (titles, intros,
/// kind, threshold, attributes, questions `q` with their pages `page:CODE`); refusals are
/// shown beside their fields with everything as typed.
pub async fn compose_poll(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    locale: Locale,
    who: SignedIn,
    session: Session,
    form: AnswerForm,
) -> Result<Response, ServiceError> {
    hrm(&who)?;
    check_csrf(&session, form.field(CSRF_FIELD)).await?;
    let draft = draft_from(&form);
    match polls::compose(&state.store, &who.actor, &draft).await {
        Ok(id) => Ok(Redirect::to(&format!("/hrm/peilingen/{id}")).into_response()),
        Err(ServiceError::Invalid(fields)) => {
            let errors = fields.into_iter().map(|f| (f.field, f.message)).collect();
            new_poll_view(
                &state,
                locale,
                &nonce,
                who,
                None,
                draft,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e),
    }
}

/// The poll form's fields as typed.
fn draft_from(form: &AnswerForm) -> PollDraft {
    let all = |name: &str| {
        form.0
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .collect::<Vec<_>>()
    };
    let text = |name: &str| form.field(name).unwrap_or_default().to_string();
    PollDraft {
        title_nl: text("title_nl"),
        title_en: text("title_en"),
        intro_nl: text("intro_nl"),
        intro_en: text("intro_en"),
        kind: match form.field("kind") {
            Some("monitor") => PollKind::Monitor,
            _ => PollKind::Flash,
        },
        min_group: text("min_group"),
        attributes: all("attribute")
            .iter()
            .filter_map(|a| a.parse::<ReportingAttribute>().ok())
            .collect(),
        chosen: all("q")
            .into_iter()
            .map(|code| ChosenQuestion {
                page: form
                    .field(&format!("page:{code}"))
                    .unwrap_or("1")
                    .to_string(),
                position: form
                    .field(&format!("pos:{code}"))
                    .unwrap_or_default()
                    .to_string(),
                required: form.field(&format!("req:{code}")).is_some(),
                code,
            })
            .collect(),
    }
}

#[allow(clippy::too_many_arguments)]
async fn edit_view(
    state: &AppState,
    locale: Locale,
    nonce: &CspNonce,
    who: SignedIn,
    id: &PollId,
    draft: Option<PollDraft>,
    errors: Vec<(String, Message)>,
    status: StatusCode,
) -> Result<Response, ServiceError> {
    let poll = polls::get(&state.store, &who.actor, id).await?;
    let draft = match draft {
        Some(d) => d,
        None => polls::draft_of(&state.store, &who.actor, id).await?,
    };
    let bank = questions::bank_rows(&state.store, &who.actor).await?;
    let page = StaffPage::EditPoll {
        nav: who.nav,
        id: id.as_str().to_string(),
        title: poll.title.get(locale).to_string(),
        bank,
        draft,
        errors,
    };
    let path = format!("/hrm/peilingen/{id}/bewerken");
    Ok(render_staff(state, locale, nonce, &path, page, status).await)
}

/// `GET /hrm/peilingen/{id}/bewerken`: the poll's settings and questions to change.
pub async fn edit_poll_page(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    locale: Locale,
    who: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, ServiceError> {
    hrm(&who)?;
    let id = poll_id(&id)?;
    if polls::frozen(&state.store, &who.actor, &id).await? {
        return Err(polls::frozen_refusal());
    }
    edit_view(
        &state,
        locale,
        &nonce,
        who,
        &id,
        None,
        Vec::new(),
        StatusCode::OK,
    )
    .await
}

/// `POST /hrm/peilingen/{id}/bewerken`: saves the changes, as long as no wave has answers.
pub async fn edit_poll(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    locale: Locale,
    who: SignedIn,
    session: Session,
    Path(id): Path<String>,
    form: AnswerForm,
) -> Result<Response, ServiceError> {
    hrm(&who)?;
    check_csrf(&session, form.field(CSRF_FIELD)).await?;
    let id = poll_id(&id)?;
    let draft = draft_from(&form);
    match polls::update(&state.store, &who.actor, &id, &draft).await {
        Ok(()) => Ok(Redirect::to(&format!("/hrm/peilingen/{id}")).into_response()),
        Err(ServiceError::Invalid(fields)) => {
            let errors = fields.into_iter().map(|f| (f.field, f.message)).collect();
            edit_view(
                &state,
                locale,
                &nonce,
                who,
                &id,
                Some(draft),
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e),
    }
}

#[allow(clippy::too_many_arguments)]
async fn bank_view(
    state: &AppState,
    locale: Locale,
    nonce: &CspNonce,
    who: SignedIn,
    form: QuestionDraft,
    errors: Vec<(String, Message)>,
    added: Option<String>,
    status: StatusCode,
) -> Result<Response, ServiceError> {
    let themes = questions::themes(&state.store, &who.actor).await?;
    let bank = questions::bank_rows(&state.store, &who.actor).await?;
    let page = StaffPage::Bank {
        nav: who.nav,
        themes,
        bank,
        form,
        errors,
        added,
    };
    Ok(render_staff(state, locale, nonce, "/hrm/vragenbank", page, status).await)
}

/// `GET /hrm/vragenbank`: the bank, and the form for a question of one's own.
pub async fn bank_page(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    locale: Locale,
    who: SignedIn,
) -> Result<Response, ServiceError> {
    hrm(&who)?;
    bank_view(
        &state,
        locale,
        &nonce,
        who,
        Default::default(),
        Vec::new(),
        None,
        StatusCode::OK,
    )
    .await
}

/// `POST /hrm/vragenbank` (`code`, `theme`, `kind`, `text_nl`, `text_en`, `reversed`,
/// `dont_know`, `required`): adds a question to the bank.
pub async fn add_question(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    locale: Locale,
    who: SignedIn,
    session: Session,
    form: AnswerForm,
) -> Result<Response, ServiceError> {
    hrm(&who)?;
    check_csrf(&session, form.field(CSRF_FIELD)).await?;
    let text = |name: &str| form.field(name).unwrap_or_default().trim().to_string();
    let typed = QuestionDraft {
        code: text("code"),
        theme: text("theme"),
        kind: match form.field("kind") {
            Some("scale010") => QuestionKind::Scale010,
            Some("text") => QuestionKind::Text,
            _ => QuestionKind::Likert,
        },
        text_nl: text("text_nl"),
        text_en: text("text_en"),
        reversed: form.field("reversed").is_some(),
        dont_know: form.field("dont_know").is_some(),
        required: form.field("required").is_some(),
    };
    let new = questions::NewQuestion {
        code: typed.code.clone(),
        theme: typed.theme.clone(),
        kind: typed.kind,
        text: app::domain::Localized::new(&typed.text_nl, &typed.text_en),
        reversed: typed.reversed,
        dont_know: typed.dont_know && typed.kind == QuestionKind::Likert,
        required: typed.required,
        sensitive: false,
        spec: questions::Spec {
            max_length: (typed.kind == QuestionKind::Text).then_some(1000),
            ..Default::default()
        },
    };
    let (errors, added, status, form) = match questions::add(&state.store, &who.actor, new).await {
        Ok(()) => (
            Vec::new(),
            Some(typed.code.clone()),
            StatusCode::OK,
            QuestionDraft::default(),
        ),
        Err(ServiceError::Invalid(fields)) => (
            fields.into_iter().map(|f| (f.field, f.message)).collect(),
            None,
            StatusCode::UNPROCESSABLE_ENTITY,
            typed,
        ),
        Err(ServiceError::Conflict { refusal, .. }) => (
            vec![("code".to_string(), refusal.body)],
            None,
            StatusCode::CONFLICT,
            typed,
        ),
        Err(e) => return Err(e),
    };
    bank_view(&state, locale, &nonce, who, form, errors, added, status).await
}

#[allow(clippy::too_many_arguments)]
async fn poll_view(
    state: &AppState,
    locale: Locale,
    nonce: &CspNonce,
    who: SignedIn,
    id: &PollId,
    form: WaveForm,
    error: Option<(String, Message)>,
    status: StatusCode,
) -> Result<Response, ServiceError> {
    let poll = polls::detail(&state.store, &who.actor, id).await?;
    let units = organisation::units(&state.store, &who.actor).await?;
    let page = StaffPage::Poll {
        nav: who.nav,
        poll,
        units,
        form,
        error,
    };
    Ok(render_staff(
        state,
        locale,
        nonce,
        &format!("/hrm/peilingen/{id}"),
        page,
        status,
    )
    .await)
}

/// A new-wave form with sensible defaults: the next half year's label, open today for two
/// weeks.
fn default_wave_form() -> WaveForm {
    let today = app::services::today();
    let half = if (today.month() as u8) <= 6 { 1 } else { 2 };
    WaveForm {
        units: Vec::new(),
        other: String::new(),
        label: format!("{}-H{half}", today.year()),
        opens_on: today.to_string(),
        closes_on: (today + time::Duration::days(13)).to_string(),
    }
}

/// `GET /hrm/peilingen/{id}`.
pub async fn poll_page(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    locale: Locale,
    who: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, ServiceError> {
    hrm(&who)?;
    let id = poll_id(&id)?;
    poll_view(
        &state,
        locale,
        &nonce,
        who,
        &id,
        default_wave_form(),
        None,
        StatusCode::OK,
    )
    .await
}

/// `POST /hrm/peilingen/{id}/golven` (`label`, `opens_on`, `closes_on`, the form token): a
/// new draft wave; a refusal is shown beside its field with what was typed.
pub async fn create_wave(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    locale: Locale,
    who: SignedIn,
    session: Session,
    Path(id): Path<String>,
    form: AnswerForm,
) -> Result<Response, ServiceError> {
    hrm(&who)?;
    check_csrf(&session, form.field(CSRF_FIELD)).await?;
    let id = poll_id(&id)?;
    let typed = WaveForm {
        units: form
            .0
            .iter()
            .filter(|(n, _)| n == "unit")
            .map(|(_, v)| v.clone())
            .collect(),
        other: form.field("other").unwrap_or_default().trim().to_string(),
        label: form.field("label").unwrap_or_default().trim().to_string(),
        opens_on: form
            .field("opens_on")
            .unwrap_or_default()
            .trim()
            .to_string(),
        closes_on: form
            .field("closes_on")
            .unwrap_or_default()
            .trim()
            .to_string(),
    };
    let refuse = |field: &str, m: Message| Some((field.to_string(), m));
    let date = |s: &str| {
        time::Date::parse(s, time::macros::format_description!("[year]-[month]-[day]")).ok()
    };
    let error = if typed.label.is_empty() || typed.label.chars().count() > 40 {
        refuse("label", msg!("wave-label-bad"))
    } else if date(&typed.opens_on).is_none() {
        refuse("opens_on", msg!("audit-bad-date"))
    } else if date(&typed.closes_on).is_none() {
        refuse("closes_on", msg!("audit-bad-date"))
    } else {
        None
    };
    if error.is_some() {
        return poll_view(
            &state,
            locale,
            &nonce,
            who,
            &id,
            typed,
            error,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let new = waves::NewWave {
        poll: id.clone(),
        label: typed.label.clone(),
        opens_on: date(&typed.opens_on).expect("checked"),
        closes_on: date(&typed.closes_on).expect("checked"),
        status: WaveStatus::Draft,
        audience: typed
            .units
            .iter()
            .cloned()
            .chain(typed.other.split([',', ' ', ';']).map(str::to_string))
            .filter(|c| !c.trim().is_empty())
            .collect(),
    };
    match waves::create(&state.store, &who.actor, new).await {
        Ok(_) => Ok(Redirect::to(&format!("/hrm/peilingen/{id}")).into_response()),
        Err(ServiceError::Invalid(fields)) => {
            let f = fields.into_iter().next().expect("one field");
            let field = match f.field.as_str() {
                "closes_on" | "audience" => f.field.clone(),
                _ => "label".to_string(),
            };
            poll_view(
                &state,
                locale,
                &nonce,
                who,
                &id,
                typed,
                Some((field, f.message)),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(ServiceError::Conflict { refusal, .. }) => {
            poll_view(
                &state,
                locale,
                &nonce,
                who,
                &id,
                typed,
                Some(("label".into(), refusal.body)),
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(e) => Err(e),
    }
}

/// What a wave action needs: the wave, checked role and form token.
async fn wave_action(
    state: &AppState,
    who: &SignedIn,
    session: &Session,
    form: &AnswerForm,
    id: &str,
) -> Result<(WaveId, app::services::entities::wave::Model), ServiceError> {
    let id = checked_wave(who, session, form, id).await?;
    let w = waves::get(&state.store, &who.actor, &id).await?;
    Ok((id, w))
}

/// A wave action's checks: HRM, the form token, a well-formed wave id.
pub(super) async fn checked_wave(
    who: &SignedIn,
    session: &Session,
    form: &AnswerForm,
    id: &str,
) -> Result<WaveId, ServiceError> {
    hrm(who)?;
    check_csrf(session, form.field(CSRF_FIELD)).await?;
    wave_id(id)
}

/// Runs an action on a wave and returns to its poll's page, with the refusal shown there.
async fn after_wave_action(
    state: &AppState,
    locale: Locale,
    nonce: &CspNonce,
    who: SignedIn,
    poll: &PollId,
    outcome: Result<(), ServiceError>,
) -> Result<Response, ServiceError> {
    match outcome {
        Ok(()) => Ok(Redirect::to(&format!("/hrm/peilingen/{poll}")).into_response()),
        Err(ServiceError::Conflict { refusal, .. }) => {
            poll_view(
                state,
                locale,
                nonce,
                who,
                poll,
                default_wave_form(),
                Some(("wave".into(), refusal.body)),
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(e) => Err(e),
    }
}

/// `POST /hrm/golven/{id}/openen`: a draft wave takes answers (from its opening date).
pub async fn open_wave(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    locale: Locale,
    who: SignedIn,
    session: Session,
    Path(id): Path<String>,
    form: AnswerForm,
) -> Result<Response, ServiceError> {
    let (id, w) = wave_action(&state, &who, &session, &form, &id).await?;
    let outcome = waves::open(&state.store, &who.actor, &id).await;
    after_wave_action(&state, locale, &nonce, who, &w.poll_id, outcome).await
}

/// `POST /hrm/golven/{id}/sluiten`: no more answers; the responses are opened and shuffled.
pub async fn close_wave(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    locale: Locale,
    who: SignedIn,
    session: Session,
    Path(id): Path<String>,
    form: AnswerForm,
) -> Result<Response, ServiceError> {
    let (id, w) = wave_action(&state, &who, &session, &form, &id).await?;
    let outcome = waves::close(&state.store, &who.actor, &id)
        .await
        .map(|_| ());
    after_wave_action(&state, locale, &nonce, who, &w.poll_id, outcome).await
}

/// The QR code of `url` as an SVG `data:` URI (CSP allows `data:` images, nothing inline runs).
fn qr_of(url: &str) -> Result<String, ServiceError> {
    let code =
        qrcode::QrCode::new(url.as_bytes()).map_err(|e| ServiceError::Unexpected(Box::new(e)))?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(160, 160)
        .quiet_zone(true)
        .build();
    Ok(format!(
        "data:image/svg+xml;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(svg)
    ))
}

/// `POST /hrm/golven/{id}/teamlinks`: one open link per team, shown once with its QR code
/// (the database keeps only their hashes; making them again gives new ones, the old ones
/// keep working until the wave closes).
pub async fn team_links(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    locale: Locale,
    who: SignedIn,
    session: Session,
    Path(id): Path<String>,
    form: AnswerForm,
) -> Result<Response, ServiceError> {
    let (id, w) = wave_action(&state, &who, &session, &form, &id).await?;
    if w.status == WaveStatus::Closed {
        return after_wave_action(
            &state,
            locale,
            &nonce,
            who,
            &w.poll_id,
            Err(ServiceError::Conflict {
                field: None,
                refusal: Box::new(Refusal::new(
                    msg!("wave-state-title"),
                    msg!("wave-already-closed-body", id = id.as_str()),
                )),
            }),
        )
        .await;
    }
    let (teams, _) = waves::audience_teams(&state.store, &who.actor, &w).await?;
    let wanted: Vec<(Option<i64>, String)> = teams
        .iter()
        .map(|(id, _, name)| (Some(*id), name.clone()))
        .collect();
    let tokens = invitations::open_links(&state.store, &who.actor, &id, &wanted).await?;
    let links = teams
        .into_iter()
        .zip(tokens)
        .map(|((_, _, name), token)| {
            let url = format!("{}/p/{}", state.public_url, token.as_str());
            Ok(TeamLink {
                team: name,
                qr: qr_of(&url)?,
                url,
            })
        })
        .collect::<Result<Vec<_>, ServiceError>>()?;
    let poll = polls::get(&state.store, &who.actor, &w.poll_id).await?;
    let page = StaffPage::TeamLinks {
        nav: who.nav,
        poll_id: w.poll_id.as_str().to_string(),
        title: poll.title,
        wave: w.label,
        links,
    };
    Ok(render_staff(
        &state,
        locale,
        &nonce,
        &format!("/hrm/golven/{id}/teamlinks"),
        page,
        StatusCode::OK,
    )
    .await)
}

/// `GET /hrm/peilingen/{id}/voorbeeld?_page=&_nav=&q_…`: the poll exactly as a respondent
/// sees it, page by page; its form comes back here by GET and nothing is stored.
pub async fn preview(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    locale: Locale,
    who: SignedIn,
    Path(id): Path<String>,
    Query(fields): Query<Vec<(String, String)>>,
    req: Request,
) -> Result<Response, ServiceError> {
    hrm(&who)?;
    let id = poll_id(&id)?;
    let form = polls::preview(&state.store, &who.actor, &id).await?;
    let field = |name: &str| {
        fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let pages = form.pages.len().max(1);
    let at = field(PAGE_FIELD)
        .and_then(|p| p.parse::<usize>().ok())
        .unwrap_or(0)
        .min(pages - 1);
    let nav = field(NAV_FIELD).and_then(Nav::parse);
    let mut shown_in = locale;
    let (page, notice) = match nav {
        None => (at, None),
        Some(Nav::Next) => ((at + 1).min(pages - 1), None),
        Some(Nav::Previous) => (at.saturating_sub(1), None),
        Some(Nav::Submit) => (at, Some(msg!("preview-not-sent"))),
        Some(Nav::Language(l)) => {
            shown_in = l;
            (at, None)
        }
    };
    let mut draft = parse_form(&form, &fields).map_err(|_| app::services::responses::bad_form())?;
    draft.errors.clear();
    let url = format!("/hrm/peilingen/{id}/voorbeeld");
    let page = RespondentPage {
        form: form.keep(shown_in),
        page,
        draft,
        notice,
        nonce: String::new(),
        personal: false,
        preview: Some(url.clone()),
    };
    let (mut parts, _) = req.into_parts();
    parts.uri = url.parse().expect("a path");
    let mut req = Request::from_parts(parts, Body::empty());
    req.extensions_mut().insert(nonce);
    Ok(render(&state, req, shown_in, Context::Respondent(page)).await)
}

/// `POST /hrm/peilingen/{id}/bundel.zip` (the form token): the analysis bundle of the poll's
/// closed waves (DESIGN.md "Analysis bundle") as one zip. A POST, because the export is
/// written to the audit log: no link on another site can record one.
pub async fn bundle(
    State(state): State<AppState>,
    who: SignedIn,
    session: Session,
    Path(id): Path<String>,
    form: AnswerForm,
) -> Result<Response, ServiceError> {
    who.actor.require(Permission::ExportResults)?;
    check_csrf(&session, form.field(CSRF_FIELD)).await?;
    let id = poll_id(&id)?;
    let dir = std::env::temp_dir().join(format!("polsslag-bundle-{}", uuid_like()));
    let result = results::export_bundle(&state.store, &who.actor, &id, &dir).await;
    let zipped = match result {
        Ok(_) => {
            let d = dir.clone();
            tokio::task::spawn_blocking(move || zip_dir(&d))
                .await
                .map_err(|e| ServiceError::Unexpected(Box::new(e)))?
        }
        Err(e) => Err(e),
    };
    let _ = std::fs::remove_dir_all(&dir);
    let bytes = zipped?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/zip".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"polsslag-{id}.zip\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        bytes,
    )
        .into_response())
}

fn uuid_like() -> String {
    format!("{:032x}", rand::random::<u128>())
}

/// The files of `dir` (not recursive) as a zip archive.
fn zip_dir(dir: &std::path::Path) -> Result<Vec<u8>, ServiceError> {
    use std::io::Write;
    let failed = |e: &dyn std::fmt::Display| ServiceError::Unexpected(e.to_string().into());
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| failed(&e))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    names.sort();
    for path in names {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("file")
            .to_string();
        out.start_file(name, options).map_err(|e| failed(&e))?;
        out.write_all(&std::fs::read(&path).map_err(|e| failed(&e))?)
            .map_err(|e| failed(&e))?;
    }
    Ok(out.finish().map_err(|e| failed(&e))?.into_inner())
}
