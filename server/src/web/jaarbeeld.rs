//! HRM's sociaal jaarbeeld under `/hrm/` (issue #13): the page to download the report, the
//! download itself (the file `polsslag report` writes), and the indicators from outside the
//! polls. Every handler checks the form token itself; the services check the role again and
//! audit.

use super::forms::AnswerForm;
use super::leiding::field_errors;
use super::pages::render_staff;
use super::staff::{check_csrf, SignedIn};
use super::{AppState, CspNonce};
use app::domain::{IndicatorDraft, IndicatorKind, Localized, StaffPage, CSRF_FIELD};
use app::i18n::{Locale, Message};
use app::services::indicators::{self, NewIndicator};
use app::services::{Permission, ServiceError};
use axum::extract::{Extension, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use std::collections::HashMap;
use tower_sessions::Session;

/// `GET /hrm/jaarbeeld`: choose the half year and format of the sociaal jaarbeeld.
pub async fn report_page(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    locale: Locale,
    who: SignedIn,
) -> Result<Response, ServiceError> {
    let periods = app::services::report::periods(&state.store, &who.actor).await?;
    let page = StaffPage::Report {
        nav: who.nav,
        periods,
    };
    Ok(render_staff(
        &state,
        locale,
        &nonce,
        "/hrm/jaarbeeld",
        page,
        StatusCode::OK,
    )
    .await)
}

/// `GET /hrm/jaarbeeld/download?period=2025-H2&format=pdf|xlsx[&lang=nl|en]`: the report,
/// as `polsslag report` writes it (audited). A period or format that is not one gets a
/// refusal in the reader's language.
pub async fn report_download(
    State(state): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
    locale: Locale,
    who: SignedIn,
) -> Result<Response, ServiceError> {
    use app::services::report::{self, Format};
    who.actor.require(Permission::ReadReport)?;
    let raw = q.get("period").cloned().unwrap_or_default();
    let period: app::domain::Period = raw.parse().map_err(|_| {
        ServiceError::invalid(
            "period",
            app::msg!("report-period-invalid", period = raw.clone()),
        )
    })?;
    let format = match q.get("format").map(String::as_str) {
        None | Some("pdf") => Format::Pdf,
        Some("xlsx") => Format::Xlsx,
        Some(other) => {
            return Err(ServiceError::invalid(
                "format",
                app::msg!("report-format-unknown", path = other.to_string()),
            ))
        }
    };
    let lang = match q.get("lang").map(String::as_str) {
        Some("en") => Locale::En,
        Some("nl") => Locale::Nl,
        _ => locale,
    };
    let bytes = report::from_store(
        &state.store,
        &who.actor,
        period,
        format,
        lang,
        app::services::today(),
    )
    .await?;
    let name = format!(
        "attachment; filename=\"jaarbeeld-{period}-{}.{}\"",
        lang.code(),
        format.extension()
    );
    Ok((
        [
            (header::CONTENT_TYPE, format.content_type().to_string()),
            (header::CONTENT_DISPOSITION, name),
        ],
        bytes,
    )
        .into_response())
}

/// `GET /hrm/indicatoren[?ingevoerd=N]`: the indicators, and the forms to define one and
/// to record values.
pub async fn indicators_page(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    Query(q): Query<HashMap<String, String>>,
    locale: Locale,
    who: SignedIn,
) -> Result<Response, ServiceError> {
    let imported = q.get("ingevoerd").and_then(|n| n.parse().ok());
    render_indicators(
        &state,
        &nonce,
        locale,
        who,
        (IndicatorDraft::default(), String::new()),
        Vec::new(),
        imported,
        StatusCode::OK,
    )
    .await
}

#[allow(clippy::too_many_arguments)]
async fn render_indicators(
    state: &AppState,
    nonce: &CspNonce,
    locale: Locale,
    who: SignedIn,
    (draft, csv): (IndicatorDraft, String),
    errors: Vec<(String, Message)>,
    imported: Option<u64>,
    status: StatusCode,
) -> Result<Response, ServiceError> {
    let (rows, themes) = indicators::page(&state.store, &who.actor).await?;
    let page = StaffPage::Indicators {
        nav: who.nav,
        rows,
        themes,
        draft,
        csv,
        errors,
        imported,
    };
    Ok(render_staff(state, locale, nonce, "/hrm/indicatoren", page, status).await)
}

/// `POST /hrm/indicatoren`: defines an indicator (or changes the one with that code).
pub async fn define_indicator(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    session: Session,
    locale: Locale,
    who: SignedIn,
    form: AnswerForm,
) -> Result<Response, ServiceError> {
    who.actor.require(Permission::ManageIndicators)?;
    check_csrf(&session, form.field(CSRF_FIELD)).await?;
    let f = |name: &str| form.field(name).unwrap_or_default().to_string();
    let draft = IndicatorDraft {
        code: f("code"),
        name_nl: f("name_nl"),
        name_en: f("name_en"),
        definition_nl: f("definition_nl"),
        definition_en: f("definition_en"),
        source: f("source"),
        kind: f("kind"),
        people: form.field("people") == Some("1"),
        theme_code: f("theme_code"),
    };
    let Ok(kind) = draft.kind.parse::<IndicatorKind>() else {
        let errors = vec![("kind".to_string(), app::msg!("indicators-kind-invalid"))];
        return render_indicators(
            &state,
            &nonce,
            locale,
            who,
            (draft, String::new()),
            errors,
            None,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let new = NewIndicator {
        code: draft.code.clone(),
        name: Localized::new(&draft.name_nl, &draft.name_en),
        definition: Localized::new(&draft.definition_nl, &draft.definition_en),
        source: draft.source.clone(),
        kind,
        people: draft.people,
        theme_code: draft.theme_code.clone(),
    };
    match indicators::define(&state.store, &who.actor, new).await {
        Ok(()) => Ok(Redirect::to("/hrm/indicatoren").into_response()),
        Err(e) => {
            let (errors, status) = field_errors(e)?;
            render_indicators(
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

/// `POST /hrm/indicatoren/waarden`: records values from CSV text; all or nothing.
pub async fn import_indicators(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    session: Session,
    locale: Locale,
    who: SignedIn,
    form: AnswerForm,
) -> Result<Response, ServiceError> {
    who.actor.require(Permission::ManageIndicators)?;
    check_csrf(&session, form.field(CSRF_FIELD)).await?;
    let csv = form.field("csv").unwrap_or_default().to_string();
    match indicators::import_csv(&state.store, &who.actor, &csv).await {
        Ok(done) => Ok(
            Redirect::to(&format!("/hrm/indicatoren?ingevoerd={}", done.values)).into_response(),
        ),
        Err(e) => {
            let (errors, status) = field_errors(e)?;
            render_indicators(
                &state,
                &nonce,
                locale,
                who,
                (IndicatorDraft::default(), csv),
                errors,
                None,
                status,
            )
            .await
        }
    }
}
