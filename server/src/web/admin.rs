//! The administrator's pages under `/beheer/` (issue #10): the organisation tree and its
//! import, the roster and its import, the audit log, and the account's API tokens. An import
//! is two steps: the upload is checked (a dry run listing every problem by row and column)
//! and kept; a second form applies exactly that upload. Every handler checks the role
//! itself, and the service functions it calls check again.

use super::forms::{AnswerForm, Upload};
use super::pages::render_staff;
use super::staff::{check_csrf, SignedIn};
use super::{AppState, CspNonce};
use app::domain::{
    AuditFilter, ImportKind, ImportReport, ReportingThreshold, StaffPage, CSRF_FIELD,
};
use app::i18n::{Locale, Message};
use app::msg;
use app::services::{
    api_tokens, audit, imports, organisation, roster, Actor, Permission, ServiceError,
};
use axum::extract::{Extension, FromRequest, Query, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

fn today() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}

fn admin(who: &SignedIn) -> Result<(), ServiceError> {
    who.actor.require(Permission::ManageOrganisation)
}

/// The status a report is shown with: 422 when the file has problems.
fn status_of(report: &ImportReport) -> StatusCode {
    if report.problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

async fn organisation_view(
    state: &AppState,
    locale: Locale,
    nonce: &CspNonce,
    who: SignedIn,
    report: Option<ImportReport>,
) -> Result<Response, ServiceError> {
    let k = ReportingThreshold::DEFAULT.get();
    let tree = organisation::tree(&state.store, &who.actor, k).await?;
    let status = report.as_ref().map(status_of).unwrap_or(StatusCode::OK);
    let page = StaffPage::Organisation {
        nav: who.nav,
        tree,
        k,
        report,
    };
    Ok(render_staff(state, locale, nonce, "/beheer/organisatie", page, status).await)
}

/// `GET /beheer/organisatie`: the tree with headcounts, and the import form.
pub async fn organisation_page(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    locale: Locale,
    who: SignedIn,
) -> Result<Response, ServiceError> {
    admin(&who)?;
    organisation_view(&state, locale, &nonce, who, None).await
}

/// The refusal of an upload too large to read.
fn too_large() -> (String, Message) {
    (
        "file".to_string(),
        msg!(
            "import-too-large",
            mb = imports::MAX_FILE_BYTES / (1024 * 1024)
        ),
    )
}

/// Keeps a checked upload and runs its dry run; the report names the upload to apply.
async fn check_upload(
    state: &AppState,
    who: &SignedIn,
    session: &Session,
    kind: ImportKind,
    upload: Upload,
    on: time::Date,
) -> Result<Result<ImportReport, (String, Message)>, ServiceError> {
    if upload.too_large {
        return Ok(Err(too_large()));
    }
    check_csrf(session, upload.field(CSRF_FIELD)).await?;
    let Some((name, bytes)) = upload.file.filter(|(_, b)| !b.is_empty()) else {
        return Ok(Err(("file".to_string(), msg!("import-no-file"))));
    };
    let on = (kind == ImportKind::Roster).then_some(on);
    let id = imports::keep_upload(&state.store, &who.actor, kind, &name, bytes, on).await?;
    Ok(Ok(imports::run_upload(
        &state.store,
        &who.actor,
        kind,
        &id,
        true,
    )
    .await?))
}

/// `POST /beheer/organisatie` (multipart: `file`, the form token): checks the file.
pub async fn organisation_upload(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    locale: Locale,
    who: SignedIn,
    session: Session,
    req: Request,
) -> Result<Response, ServiceError> {
    admin(&who)?;
    // The body is read only for an administrator.
    let upload = Upload::from_request(req, &()).await?;
    match check_upload(
        &state,
        &who,
        &session,
        ImportKind::Organisation,
        upload,
        today(),
    )
    .await?
    {
        Ok(report) => organisation_view(&state, locale, &nonce, who, Some(report)).await,
        Err((_, message)) => {
            // The tree page has one file field; its refusal is the report's only problem.
            let report = ImportReport {
                kind: ImportKind::Organisation,
                file_name: String::new(),
                problems: vec![app::domain::ImportProblem {
                    row: None,
                    column: None,
                    message,
                }],
                summary: Default::default(),
                applied: false,
                upload: None,
            };
            let mut res = organisation_view(&state, locale, &nonce, who, Some(report)).await?;
            if res.status() == StatusCode::UNPROCESSABLE_ENTITY {
                *res.status_mut() = StatusCode::BAD_REQUEST;
            }
            Ok(res)
        }
    }
}

/// `POST /beheer/organisatie/toepassen` (`upload`, the form token): applies a checked file.
pub async fn organisation_apply(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    locale: Locale,
    who: SignedIn,
    session: Session,
    form: AnswerForm,
) -> Result<Response, ServiceError> {
    admin(&who)?;
    check_csrf(&session, form.field(CSRF_FIELD)).await?;
    let id = form.field("upload").unwrap_or_default();
    let report = imports::run_upload(
        &state.store,
        &who.actor,
        ImportKind::Organisation,
        id,
        false,
    )
    .await?;
    organisation_view(&state, locale, &nonce, who, Some(report)).await
}

#[allow(clippy::too_many_arguments)]
async fn roster_view(
    state: &AppState,
    locale: Locale,
    nonce: &CspNonce,
    who: SignedIn,
    report: Option<ImportReport>,
    on: String,
    error: Option<(String, Message)>,
    status: StatusCode,
) -> Result<Response, ServiceError> {
    let active = roster::active_count(&state.store, &who.actor).await?;
    let snapshots = roster::snapshots(&state.store, &who.actor).await?;
    let page = StaffPage::Roster {
        nav: who.nav,
        active,
        snapshots,
        report,
        reference_date: on,
        error,
    };
    Ok(render_staff(state, locale, nonce, "/beheer/personeel", page, status).await)
}

/// `GET /beheer/personeel`: the roster's size and snapshots, and the import form.
pub async fn roster_page(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    locale: Locale,
    who: SignedIn,
) -> Result<Response, ServiceError> {
    admin(&who)?;
    roster_view(
        &state,
        locale,
        &nonce,
        who,
        None,
        today().to_string(),
        None,
        StatusCode::OK,
    )
    .await
}

/// The reference date of a roster form (`peildatum`, ISO), or its refusal.
fn reference_date(sent: Option<&str>) -> Result<time::Date, (String, Message)> {
    let sent = sent.unwrap_or_default().trim();
    if sent.is_empty() {
        return Ok(today());
    }
    time::Date::parse(
        sent,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .map_err(|_| ("peildatum".to_string(), msg!("roster-bad-reference-date")))
}

/// `POST /beheer/personeel` (multipart: `file`, `peildatum`, the form token): checks the file.
pub async fn roster_upload(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    locale: Locale,
    who: SignedIn,
    session: Session,
    req: Request,
) -> Result<Response, ServiceError> {
    admin(&who)?;
    // The body is read only for an administrator.
    let upload = Upload::from_request(req, &()).await?;
    let sent_date = upload.field("peildatum").unwrap_or_default().to_string();
    let shown_date = if sent_date.is_empty() {
        today().to_string()
    } else {
        sent_date.clone()
    };
    let (report, error, status) = match reference_date(Some(&sent_date)) {
        Err(e) if !upload.too_large => (None, Some(e), StatusCode::BAD_REQUEST),
        Err(_) => (None, Some(too_large()), StatusCode::PAYLOAD_TOO_LARGE),
        Ok(on) => {
            let too_big = upload.too_large;
            match check_upload(&state, &who, &session, ImportKind::Roster, upload, on).await? {
                Ok(r) => {
                    let s = status_of(&r);
                    (Some(r), None, s)
                }
                Err(e) if too_big => (None, Some(e), StatusCode::PAYLOAD_TOO_LARGE),
                Err(e) => (None, Some(e), StatusCode::BAD_REQUEST),
            }
        }
    };
    roster_view(
        &state, locale, &nonce, who, report, shown_date, error, status,
    )
    .await
}

/// `POST /beheer/personeel/toepassen` (`upload`, the form token): applies a checked file
/// for the reference date it was checked with.
pub async fn roster_apply(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    locale: Locale,
    who: SignedIn,
    session: Session,
    form: AnswerForm,
) -> Result<Response, ServiceError> {
    admin(&who)?;
    check_csrf(&session, form.field(CSRF_FIELD)).await?;
    let id = form.field("upload").unwrap_or_default();
    let on = imports::reference_date_of(&state.store, &who.actor, id)
        .await?
        .unwrap_or_else(today);
    let report =
        imports::run_upload(&state.store, &who.actor, ImportKind::Roster, id, false).await?;
    let status = status_of(&report);
    roster_view(
        &state,
        locale,
        &nonce,
        who,
        Some(report),
        on.to_string(),
        None,
        status,
    )
    .await
}

/// `GET /beheer/audit?actor=&action=&from=&to=`: the audit log, newest first, filtered.
pub async fn audit_page(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    locale: Locale,
    who: SignedIn,
    Query(filter): Query<AuditFilterQuery>,
) -> Result<Response, ServiceError> {
    who.actor.require(Permission::ReadAudit)?;
    let filter = AuditFilter {
        actor: filter.actor.unwrap_or_default(),
        action: filter.action.unwrap_or_default(),
        from: filter.from.unwrap_or_default(),
        to: filter.to.unwrap_or_default(),
    };
    let (rows, total, error, status) = match audit::search(&state.store, &who.actor, &filter).await
    {
        Ok((rows, total)) => (rows, total, None, StatusCode::OK),
        Err(ServiceError::Invalid(fields)) => {
            let f = fields.into_iter().next().expect("one field");
            (
                Vec::new(),
                0,
                Some((f.field, f.message)),
                StatusCode::BAD_REQUEST,
            )
        }
        Err(e) => return Err(e),
    };
    let page = StaffPage::Audit {
        nav: who.nav,
        filter,
        rows,
        total,
        error,
    };
    Ok(render_staff(&state, locale, &nonce, "/beheer/audit", page, status).await)
}

/// The audit page's query (every field optional).
#[derive(serde::Deserialize)]
pub struct AuditFilterQuery {
    actor: Option<String>,
    action: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

async fn tokens_view(
    state: &AppState,
    locale: Locale,
    nonce: &CspNonce,
    who: SignedIn,
    created: Option<String>,
    error: Option<Message>,
    status: StatusCode,
) -> Result<Response, ServiceError> {
    let tokens = api_tokens::list(&state.store, &who.actor).await?;
    let page = StaffPage::Tokens {
        nav: who.nav,
        tokens,
        created,
        error,
    };
    Ok(render_staff(state, locale, nonce, "/beheer/tokens", page, status).await)
}

fn token_holder(who: &SignedIn) -> Result<(), ServiceError> {
    // Tokens are for the administrators' automated imports (the roster API) for now.
    match &who.actor {
        Actor::Account { .. } if who.actor.may(Permission::ManageOrganisation) => Ok(()),
        _ => Err(ServiceError::not_allowed()),
    }
}

/// `GET /beheer/tokens`: the account's API tokens.
pub async fn tokens_page(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    locale: Locale,
    who: SignedIn,
) -> Result<Response, ServiceError> {
    token_holder(&who)?;
    tokens_view(&state, locale, &nonce, who, None, None, StatusCode::OK).await
}

/// `POST /beheer/tokens` (`name`, the form token): makes a token and shows it once.
pub async fn tokens_create(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    locale: Locale,
    who: SignedIn,
    session: Session,
    form: AnswerForm,
) -> Result<Response, ServiceError> {
    token_holder(&who)?;
    check_csrf(&session, form.field(CSRF_FIELD)).await?;
    match api_tokens::create(
        &state.store,
        &who.actor,
        form.field("name").unwrap_or_default(),
    )
    .await
    {
        Ok((_, secret)) => {
            tokens_view(
                &state,
                locale,
                &nonce,
                who,
                Some(secret),
                None,
                StatusCode::OK,
            )
            .await
        }
        Err(ServiceError::Invalid(fields)) => {
            let m = fields.into_iter().next().expect("one field").message;
            tokens_view(
                &state,
                locale,
                &nonce,
                who,
                None,
                Some(m),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e),
    }
}

/// `POST /beheer/tokens/intrekken` (`id`, the form token): revokes one of the account's
/// tokens.
pub async fn tokens_revoke(
    State(state): State<AppState>,
    who: SignedIn,
    session: Session,
    form: AnswerForm,
) -> Result<Response, ServiceError> {
    token_holder(&who)?;
    check_csrf(&session, form.field(CSRF_FIELD)).await?;
    let id: i64 = form
        .field("id")
        .and_then(|v| v.parse().ok())
        .ok_or_else(app::services::responses::bad_form)?;
    api_tokens::revoke(&state.store, &who.actor, id).await?;
    Ok(Redirect::to("/beheer/tokens").into_response())
}
