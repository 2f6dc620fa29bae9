//! Rendering: hydrated Leptos pages, and plain message pages for everything that went wrong.

use super::AppState;
use app::domain::{Msg, RespondentPage};
use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, HeaderValue, StatusCode},
    response::{Html, IntoResponse, Response},
};
use leptos::prelude::provide_context;

/// Any page of the Leptos app (`/`, `/bedankt`, unknown paths get its 404 page).
pub async fn leptos_page(State(state): State<AppState>, req: Request) -> Response {
    render(&state, req, None).await
}

/// Renders the app for `req`, with the respondent's page (if any) in context.
pub async fn render(state: &AppState, req: Request, page: Option<RespondentPage>) -> Response {
    let options = state.leptos.clone();
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            if let Some(p) = page.clone() {
                provide_context(p);
            }
        },
        move || app::shell(options.clone()),
    );
    let mut res = handler(req).await.into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// Renders the poll page as if `/v` had been requested (used after a POST as well).
pub async fn render_poll(state: &AppState, page: RespondentPage, status: StatusCode) -> Response {
    let req = Request::builder()
        .uri("/v")
        .body(Body::empty())
        .expect("static request");
    let mut res = render(state, req, Some(page)).await;
    if res.status() == StatusCode::OK {
        *res.status_mut() = status;
    }
    res
}

/// A full-page message: a title, an explanation and what to do next.
pub struct Message {
    pub title: Msg,
    pub body: Msg,
    pub hint: Option<Msg>,
}

impl Message {
    pub fn new(title: Msg, body: Msg) -> Self {
        Self {
            title,
            body,
            hint: None,
        }
    }

    pub fn hint(mut self, hint: Msg) -> Self {
        self.hint = Some(hint);
        self
    }
}

pub fn message_response(status: StatusCode, m: Message) -> Response {
    let html = app::message_document(&m.title, &m.body, m.hint.as_ref());
    (
        status,
        [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))],
        Html(html),
    )
        .into_response()
}
