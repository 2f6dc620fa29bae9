//! Rendering the hydrated Leptos pages, in the request's language.

use super::{AppState, CspNonce};
use app::domain::{RespondentPage, StaffPage};
use app::i18n::Locale;
use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use leptos::prelude::provide_context;

/// Any page of the Leptos app (`/`, `/bedankt`, unknown paths get its 404 page).
pub async fn leptos_page(State(state): State<AppState>, locale: Locale, req: Request) -> Response {
    render(&state, req, locale, Context::None).await
}

/// What a rendered page gets in context besides the language.
#[derive(Clone)]
pub enum Context {
    None,
    Respondent(RespondentPage),
    Staff(StaffPage),
}

/// Renders the app for `req` in `locale`, with the page's data (if any) in context and
/// the response's script nonce (set by the security headers) on every script it writes.
pub async fn render(state: &AppState, req: Request, locale: Locale, page: Context) -> Response {
    let options = state.leptos.clone();
    let nonce = req.extensions().get::<CspNonce>().cloned();
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(locale);
            if let Some(n) = &nonce {
                provide_context(leptos::nonce::Nonce::from_value(n.0.clone()));
            }
            match page.clone() {
                Context::None => {}
                Context::Respondent(p) => provide_context(p),
                Context::Staff(p) => provide_context(p),
            }
        },
        move || app::shell(options.clone()),
    );
    let mut res = handler(req).await.into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// Renders the poll page as if `/v` had been requested (used after a POST as well), carrying
/// only the texts of `locale`.
pub async fn render_poll(
    state: &AppState,
    locale: Locale,
    nonce: &CspNonce,
    mut page: RespondentPage,
    status: StatusCode,
) -> Response {
    page.form = page.form.keep(locale);
    let mut req = Request::builder()
        .uri("/v")
        .body(Body::empty())
        .expect("static request");
    req.extensions_mut().insert(nonce.clone());
    let mut res = render(state, req, locale, Context::Respondent(page)).await;
    if res.status() == StatusCode::OK {
        *res.status_mut() = status;
    }
    res
}

/// Renders a page of the workspace (`path` decides the route) with `page` in context.
pub async fn render_staff(
    state: &AppState,
    locale: Locale,
    nonce: &CspNonce,
    path: &str,
    page: StaffPage,
    status: StatusCode,
) -> Response {
    let mut req = Request::builder()
        .uri(path)
        .body(Body::empty())
        .expect("static request");
    req.extensions_mut().insert(nonce.clone());
    let mut res = render(state, req, locale, Context::Staff(page)).await;
    if res.status() == StatusCode::OK {
        *res.status_mut() = status;
    }
    res
}
