//! A unit's coordinator under `/coordinatie` (issue #13): the indicators of their unit with
//! the values recorded so far, a form to record one value and one to record many from CSV.
//! Every handler checks the form token itself; the service checks the role and the unit
//! again and audits.

use super::forms::AnswerForm;
use super::leiding::field_errors;
use super::pages::render_staff;
use super::staff::{check_csrf, SignedIn};
use super::{AppState, CspNonce};
use app::domain::{IndicatorValueDraft, StaffPage, CSRF_FIELD};
use app::i18n::{Locale, Message};
use app::services::indicators::{self, NewValue};
use app::services::{Permission, ServiceError};
use axum::extract::{Extension, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use std::collections::HashMap;
use tower_sessions::Session;

/// `GET /coordinatie[?vastgelegd=N]`: the unit's indicators and the forms to record values.
pub async fn home(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    Query(q): Query<HashMap<String, String>>,
    locale: Locale,
    who: SignedIn,
) -> Result<Response, ServiceError> {
    let recorded = q.get("vastgelegd").and_then(|n| n.parse().ok());
    render(
        &state,
        &nonce,
        locale,
        who,
        (IndicatorValueDraft::default(), String::new()),
        Vec::new(),
        recorded,
        StatusCode::OK,
    )
    .await
}

#[allow(clippy::too_many_arguments)]
async fn render(
    state: &AppState,
    nonce: &CspNonce,
    locale: Locale,
    who: SignedIn,
    (draft, csv): (IndicatorValueDraft, String),
    errors: Vec<(String, Message)>,
    recorded: Option<u64>,
    status: StatusCode,
) -> Result<Response, ServiceError> {
    let view =
        indicators::unit_page(&state.store, &who.actor, locale, app::services::today()).await?;
    let page = StaffPage::Coordinator {
        nav: who.nav,
        view: Box::new(view),
        draft,
        csv,
        errors,
        recorded,
    };
    Ok(render_staff(state, locale, nonce, "/coordinatie", page, status).await)
}

/// `POST /coordinatie/waarde`: records one value for the coordinator's unit.
pub async fn record_value(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    session: Session,
    locale: Locale,
    who: SignedIn,
    form: AnswerForm,
) -> Result<Response, ServiceError> {
    who.actor.require(Permission::RecordIndicators)?;
    check_csrf(&session, form.field(CSRF_FIELD)).await?;
    let f = |name: &str| form.field(name).unwrap_or_default().to_string();
    let draft = IndicatorValueDraft {
        indicator: f("indicator"),
        period: f("period"),
        value: f("value"),
    };
    let new = NewValue {
        indicator: draft.indicator.clone(),
        unit: String::new(),
        period: draft.period.clone(),
        value: draft.value.clone(),
    };
    match indicators::record(&state.store, &who.actor, new).await {
        Ok(()) => Ok(Redirect::to("/coordinatie?vastgelegd=1").into_response()),
        Err(e) => {
            let (errors, status) = field_errors(e)?;
            render(
                &state,
                &nonce,
                locale,
                who,
                (draft, String::new()),
                errors,
                None,
                status,
            )
            .await
        }
    }
}

/// `POST /coordinatie/waarden`: records values of the coordinator's unit from CSV text; all
/// or nothing.
pub async fn import_values(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    session: Session,
    locale: Locale,
    who: SignedIn,
    form: AnswerForm,
) -> Result<Response, ServiceError> {
    who.actor.require(Permission::RecordIndicators)?;
    check_csrf(&session, form.field(CSRF_FIELD)).await?;
    let csv = form.field("csv").unwrap_or_default().to_string();
    match indicators::import_csv(&state.store, &who.actor, &csv).await {
        Ok(done) => {
            Ok(Redirect::to(&format!("/coordinatie?vastgelegd={}", done.values)).into_response())
        }
        Err(e) => {
            let (errors, status) = field_errors(e)?;
            render(
                &state,
                &nonce,
                locale,
                who,
                (IndicatorValueDraft::default(), csv),
                errors,
                None,
                status,
            )
            .await
        }
    }
}
