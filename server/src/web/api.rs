//! `/api/v1/…` for automated clients, and its OpenAPI document at `/api/openapi.json`,
//! generated from these handlers and types (`utoipa`). A client sends
//! `Authorization: Bearer <token>` (a token made on `/beheer/tokens`) and acts as that
//! token's account: the service functions check its role as for a person. Errors are JSON
//! (`status`, `title`, `detail`, `hint`, `fields`) in the language of `Accept-Language`.

use super::AppState;
use app::i18n::Locale;
use app::msg;
use app::services::{api_tokens, roster, Actor, Refusal, ServiceError};
use axum::extract::{FromRequest, FromRequestParts, Request, State};
use axum::http::{header, request::Parts, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::{OpenApi, ToSchema};

/// The account a request's bearer token acts as.
pub struct ApiActor(pub Actor);

impl FromRequestParts<AppState> for ApiActor {
    type Rejection = ServiceError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ServiceError> {
        let bearer = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or_else(|| {
                ServiceError::Unauthenticated(Box::new(Refusal::new(
                    msg!("token-refused-title"),
                    msg!("token-missing-body"),
                )))
            })?;
        let actor = api_tokens::authenticate(&state.store, bearer).await?;
        // Per token, never per address (a whole office can share one): the token's own
        // bucket, keyed by its hash so the limiter does not hold the token. Only tokens that
        // authenticated get one, so made-up tokens cannot fill the limiter's memory.
        let key = bearer
            .strip_prefix(api_tokens::PREFIX)
            .and_then(app::services::tokens::Token::parse)
            .map(|t| t.hash())
            .unwrap_or_default();
        if let Err(not_until) = state.api_limit.check_key(&key) {
            use governor::clock::Clock;
            let wait = not_until.wait_time_from(state.api_limit.clock().now());
            return Err(ServiceError::TooMany {
                retry_after_s: wait.as_secs_f64().ceil().max(1.0) as u64,
            });
        }
        Ok(ApiActor(actor))
    }
}

/// Requests one API token may make at once before it is slowed down ([`API_PER_MINUTE`]
/// after that), unless `--api-rate` says otherwise (it sets both). An HR system posting its
/// roster each night never comes near.
pub const API_BURST: u32 = 30;
/// Requests per minute one API token may make on average once its burst is spent (the
/// default of `--api-rate` / `POLSSLAG_API_RATE`).
pub const API_PER_MINUTE: u32 = 30;

/// The API's rate limiter: a bucket per token (GCRA, in this server's memory; two servers
/// each allow a token its quota).
pub type ApiLimiter = governor::DefaultKeyedRateLimiter<String>;

/// A limiter of `rate` requests at once and `rate` a minute per token (the defaults:
/// [`API_BURST`], [`API_PER_MINUTE`]); a rate of 0 counts as 1.
pub fn api_limiter(rate: u32) -> ApiLimiter {
    let rate = std::num::NonZeroU32::new(rate).unwrap_or(std::num::NonZeroU32::MIN);
    governor::RateLimiter::keyed(governor::Quota::per_minute(rate).allow_burst(rate))
}

/// A JSON body whose refusal is a clear 400 (or 413) in the reader's language.
pub struct ApiJson<T>(pub T);

impl<T: serde::de::DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ServiceError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ServiceError> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(ApiJson(v)),
            Err(axum::extract::rejection::JsonRejection::BytesRejection(_)) => {
                Err(ServiceError::TooLarge)
            }
            Err(axum::extract::rejection::JsonRejection::MissingJsonContentType(_)) => {
                Err(ServiceError::bad_request(Refusal::new(
                    msg!("api-bad-request-title"),
                    msg!("api-not-json"),
                )))
            }
            Err(e) => Err(ServiceError::bad_request(Refusal::new(
                msg!("api-bad-request-title"),
                msg!("api-bad-json", detail = e.body_text()),
            ))),
        }
    }
}

/// A roster import: the whole active roster (who is missing is made inactive).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RosterImport {
    /// Check only: report what would change and every problem, change nothing.
    #[serde(default)]
    pub dry_run: bool,
    /// The date (`YYYY-MM-DD`) the age and tenure bands and the snapshot are computed for;
    /// today (UTC) when left out.
    #[schema(example = "2026-12-01", format = Date)]
    pub reference_date: Option<String>,
    /// Every employee; one who is not in the list is made inactive (never deleted).
    pub employees: Vec<RosterEmployee>,
    /// Allow an import that makes more than half of the active employees inactive (refused
    /// otherwise, so a broken export cannot switch everyone off).
    #[serde(default)]
    pub allow_mass_deactivation: bool,
}

impl RosterImport {
    /// The reference date: `reference_date`, or today (UTC) when left out.
    ///
    /// # Errors
    /// A `reference_date` that is not `YYYY-MM-DD` (422, `roster-bad-reference-date`).
    pub fn reference_date(&self) -> Result<time::Date, ServiceError> {
        match self.reference_date.as_deref() {
            None => Ok(time::OffsetDateTime::now_utc().date()),
            Some(d) => {
                time::Date::parse(d, time::macros::format_description!("[year]-[month]-[day]"))
                    .map_err(|_| {
                        ServiceError::invalid("reference_date", msg!("roster-bad-reference-date"))
                    })
            }
        }
    }

    /// The employees as the roster import's lines (row 1 = the first); a missing required
    /// field becomes an empty value, which the import reports. Texts lose their deceptive
    /// invisible controls, as every form field and file cell does
    /// ([`app::domain::strip_deceptive_controls`]).
    pub fn lines(self) -> Vec<roster::RosterLine> {
        let clean =
            |v: Option<String>| v.map(|v| app::domain::strip_deceptive_controls(&v).into_owned());
        let required = |v: Option<String>| Some(clean(v).unwrap_or_default());
        self.employees
            .into_iter()
            .enumerate()
            .map(|(i, e)| roster::RosterLine {
                row: u32::try_from(i + 1).unwrap_or(u32::MAX),
                employee_number: required(e.employee_number),
                name: required(e.name),
                email: required(e.email),
                team: required(e.team),
                birth_date: clean(e.birth_date),
                age_band: clean(e.age_band),
                role_group: required(e.role_group),
                start_date: clean(e.start_date),
                tenure_band: clean(e.tenure_band),
                is_manager: Some(e.is_manager.to_string()),
                end_date: clean(e.end_date),
            })
            .collect()
    }

    /// Problems name the JSON fields.
    pub fn labels() -> HashMap<&'static str, String> {
        roster::ROSTER_COLUMNS
            .iter()
            .map(|c| (c.key, c.key.to_string()))
            .collect()
    }
}

/// One employee. Fields are checked as in the file import and every problem is reported
/// with the employee's position in the list (1 = first); required: `employee_number`,
/// `name`, `email`, `team`, `role_group`, `birth_date` or `age_band`, `start_date` or
/// `tenure_band`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RosterEmployee {
    #[schema(example = "100234", min_length = 1, max_length = 64)]
    pub employee_number: Option<String>,
    #[schema(example = "Anna de Vries", min_length = 1, max_length = 254)]
    pub name: Option<String>,
    #[schema(example = "anna.devries@example.nl", format = Email, max_length = 254)]
    pub email: Option<String>,
    /// The code of a team in the organisation tree.
    #[schema(example = "NN-D1-T03", min_length = 1, max_length = 32)]
    pub team: Option<String>,
    #[schema(example = "executief", min_length = 1, max_length = 64)]
    pub role_group: Option<String>,
    /// `YYYY-MM-DD` (or `DD-MM-YYYY`); turned into an age band, not stored.
    pub birth_date: Option<String>,
    /// `<35`, `35-54` or `55+`, when no birth date is given.
    #[schema(pattern = r"^(<35|35-54|55\+)$")]
    pub age_band: Option<String>,
    /// `YYYY-MM-DD`; turned into a tenure band, not stored.
    pub start_date: Option<String>,
    /// `<5`, `5-15` or `>15`, when no start date is given.
    #[schema(pattern = r"^(<5|5-15|>15)$")]
    pub tenure_band: Option<String>,
    #[serde(default)]
    pub is_manager: bool,
    /// `YYYY-MM-DD`: on or after the reference date the employee is made inactive.
    pub end_date: Option<String>,
}

/// What a roster import did (or, as a dry run, would do).
#[derive(Serialize, ToSchema)]
pub struct RosterImportResult {
    /// Whether anything was changed (false for a dry run and whenever there are problems).
    pub applied: bool,
    pub summary: ImportCounts,
    /// Every problem found; empty when the import was (or could be) applied.
    pub problems: Vec<Problem>,
}

/// Counts of an import.
#[derive(Default, Serialize, ToSchema)]
pub struct ImportCounts {
    pub rows: u32,
    pub added: u32,
    pub updated: u32,
    pub unchanged: u32,
    pub reactivated: u32,
    pub deactivated: u32,
}

/// One problem of an import.
#[derive(Serialize, ToSchema)]
pub struct Problem {
    /// The employee's position in the list (1 = first); absent for the request as a whole.
    pub row: Option<u32>,
    /// The field's name.
    pub field: Option<String>,
    /// What is wrong, in the language of `Accept-Language`.
    pub message: String,
}

/// The error body of every refused call.
#[derive(Serialize, ToSchema)]
pub struct ApiError {
    pub status: u16,
    pub title: String,
    pub detail: String,
    pub hint: Option<String>,
    /// Refused fields, for 422.
    pub fields: Vec<ApiFieldError>,
}

/// One refused field.
#[derive(Serialize, ToSchema)]
pub struct ApiFieldError {
    pub field: String,
    pub message: String,
}

/// Replaces (or, with `dry_run`, checks) the employee roster. Needs an administrator's
/// token. In one transaction: employees are matched by `employee_number`, updated or added;
/// active ones missing from the list are made inactive; a dated snapshot of the counts is
/// kept. With any problem nothing changes (422).
#[utoipa::path(
    post,
    path = "/api/v1/roster",
    tag = "roster",
    request_body = RosterImport,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Applied, or a clean dry run", body = RosterImportResult),
        (status = 422, description = "Problems found: nothing changed", body = RosterImportResult),
        (status = 400, description = "Not JSON of this shape", body = ApiError),
        (status = 401, description = "No working token", body = ApiError),
        (status = 403, description = "The token's account may not import the roster", body = ApiError),
        (status = 413, description = "Body over 20 MB", body = ApiError),
        (status = 429, description = "Too many requests with this token (Retry-After says when to try again)", body = ApiError),
        (status = 503, description = "The database cannot be reached just now (Retry-After: 30)", body = ApiError),
    )
)]
pub async fn roster_import(
    State(state): State<AppState>,
    locale: Locale,
    ApiActor(actor): ApiActor,
    ApiJson(body): ApiJson<RosterImport>,
) -> Result<Response, ServiceError> {
    let on = match body.reference_date() {
        Ok(on) => on,
        // As documented: a 422 is a RosterImportResult with its problems.
        Err(ServiceError::Invalid(fields)) => {
            let result = RosterImportResult {
                applied: false,
                summary: ImportCounts::default(),
                problems: fields
                    .into_iter()
                    .map(|f| Problem {
                        row: None,
                        field: Some(f.field),
                        message: f.message.text(locale),
                    })
                    .collect(),
            };
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, Json(result)).into_response());
        }
        Err(e) => return Err(e),
    };
    let labels = RosterImport::labels();
    let (dry_run, allow_mass_deactivation) = (body.dry_run, body.allow_mass_deactivation);
    let lines = body.lines();
    let options = roster::ImportOptions {
        dry_run,
        guard_mass_deactivation: !allow_mass_deactivation,
        consume_upload: None,
    };
    let (problems, s, applied) =
        roster::import_lines_with(&state.store, &actor, &lines, &labels, on, "api", &options)
            .await?;
    let status = if problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let result = RosterImportResult {
        applied,
        summary: ImportCounts {
            rows: s.rows,
            added: s.added,
            updated: s.updated,
            unchanged: s.unchanged,
            reactivated: s.reactivated,
            deactivated: s.deactivated,
        },
        problems: problems
            .into_iter()
            .map(|p| Problem {
                row: p.row,
                field: p.column,
                message: p.message.text(locale),
            })
            .collect(),
    };
    Ok((status, Json(result)).into_response())
}

/// The OpenAPI document of `/api/v1`.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Polsslag API",
        description = "Automated access to Polsslag: the roster import. Authenticate with \
                       `Authorization: Bearer <token>`; administrators make tokens on \
                       /beheer/tokens."
    ),
    paths(roster_import),
    components(schemas(
        RosterImport,
        RosterEmployee,
        RosterImportResult,
        ImportCounts,
        Problem,
        ApiError,
        ApiFieldError
    )),
    modifiers(&BearerAuth),
    tags((name = "roster", description = "The employee roster"))
)]
pub struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// `GET /api/openapi.json`.
pub async fn openapi() -> Response {
    let doc = ApiDoc::openapi();
    ([(header::CACHE_CONTROL, "no-cache")], Json(doc)).into_response()
}
