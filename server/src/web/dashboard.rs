//! HRM's results dashboard under `/hrm/dashboard` (issue #13): the page, and its charts as
//! SVG images (`/hrm/dashboard/grafiek.svg`). Read-only GETs; the service checks the role.

use super::pages::render_staff;
use super::staff::SignedIn;
use super::{AppState, CspNonce};
use app::domain::{DashboardQuery, StaffPage};
use app::i18n::Locale;
use app::services::dashboard::{self, Chart};
use app::services::{Permission, ServiceError};
use axum::extract::{Extension, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;

/// The dashboard's query parameters: `peiling`, `groep`, `van`, `naar`.
fn query_of(q: &HashMap<String, String>) -> DashboardQuery {
    DashboardQuery {
        poll: q.get("peiling").cloned(),
        group: q.get("groep").cloned(),
        from: q.get("van").cloned(),
        to: q.get("naar").cloned(),
    }
}

/// `GET /hrm/dashboard[?peiling=&groep=&van=&naar=]`: a poll's figures for one group.
/// A poll, group or wave that is not one gets a refusal in the reader's language.
pub async fn dashboard_page(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    Query(q): Query<HashMap<String, String>>,
    locale: Locale,
    who: SignedIn,
) -> Result<Response, ServiceError> {
    let view = dashboard::view(&state.store, &who.actor, &query_of(&q), locale).await?;
    let page = StaffPage::Dashboard {
        nav: who.nav,
        view: view.map(Box::new),
    };
    Ok(render_staff(
        &state,
        locale,
        &nonce,
        "/hrm/dashboard",
        page,
        StatusCode::OK,
    )
    .await)
}

/// `GET /hrm/dashboard/grafiek.svg?…&soort=trend&thema=T|heatmap|verdeling`: one chart of
/// the dashboard for the same query, as SVG.
pub async fn dashboard_chart(
    State(state): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
    locale: Locale,
    who: SignedIn,
) -> Result<Response, ServiceError> {
    // The role first: someone who may not see the dashboard learns nothing of its charts.
    who.actor.require(Permission::ReadReport)?;
    let which = Chart::parse(
        q.get("soort").map(String::as_str),
        q.get("thema").map(String::as_str),
    )?;
    let svg = dashboard::chart(&state.store, &who.actor, &query_of(&q), &which, locale).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/svg+xml; charset=utf-8"),
            (header::CACHE_CONTROL, "private, max-age=300"),
        ],
        svg,
    )
        .into_response())
}
