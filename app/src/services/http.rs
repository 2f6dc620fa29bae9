//! Where service errors meet HTTP, in one place: [`ServiceError`] answers with its status and
//! leaves itself in the response; the [`render_errors`] middleware, which knows the reader's
//! language, logs the internal cause once and renders the page (or JSON under `/api/`).
//! Also the request's [`Locale`] as an extractor.

use super::error::ServiceError;
use crate::i18n::{Locale, LOCALE_COOKIE};
use axum::extract::{FromRequestParts, Request};
use axum::http::{header, request::Parts, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use axum_extra::extract::cookie::CookieJar;
use std::sync::Arc;

/// The error a handler returned, carried to [`render_errors`].
#[derive(Clone)]
struct ErrorPage(Arc<ServiceError>);

impl IntoResponse for ServiceError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut res = status.into_response();
        res.extensions_mut().insert(ErrorPage(Arc::new(self)));
        res
    }
}

/// The language of a request: the cookie set by the language switch, else
/// `Accept-Language`, else Dutch.
pub fn locale_of(headers: &HeaderMap) -> Locale {
    let jar = CookieJar::from_headers(headers);
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    crate::negotiate_locale(jar.get(LOCALE_COOKIE).map(|c| c.value()), accept)
}

impl<S: Send + Sync> FromRequestParts<S> for Locale {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(locale_of(&parts.headers))
    }
}

/// Logs the cause of an error that is ours, not the person's: the chain of sources, never
/// request data. Called once per error, where it becomes a response.
pub fn log_internal(err: &ServiceError) {
    if err.is_internal() {
        let mut chain = String::new();
        let mut source = std::error::Error::source(err);
        while let Some(s) = source {
            chain.push_str(": ");
            chain.push_str(&s.to_string());
            source = s.source();
        }
        tracing::error!(status = err.status(), "{err}{chain}");
    }
}

/// Middleware: turns a [`ServiceError`] left in a response into the page (or JSON) in the
/// reader's language.
pub async fn render_errors(req: Request, next: Next) -> Response {
    let locale = locale_of(req.headers());
    let json = req.uri().path().starts_with("/api/");
    let mut res = next.run(req).await;
    let Some(ErrorPage(err)) = res.extensions_mut().remove::<ErrorPage>() else {
        return res;
    };
    log_internal(&err);
    render(&err, locale, json)
}

/// The page (or JSON body) for an error, in `locale`.
pub fn render(err: &ServiceError, locale: Locale, json: bool) -> Response {
    let status = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let refusal = err.refusal();
    let mut res = if json {
        let fields: Vec<serde_json::Value> = match err {
            ServiceError::Invalid(f) => f
                .iter()
                .map(|f| serde_json::json!({ "field": f.field, "message": f.message.text(locale) }))
                .collect(),
            _ => Vec::new(),
        };
        let body = serde_json::json!({
            "status": status.as_u16(),
            "title": refusal.title.text(locale),
            "detail": refusal.body.text(locale),
            "hint": refusal.hint.as_ref().map(|h| h.text(locale)),
            "fields": fields,
        });
        (status, axum::Json(body)).into_response()
    } else {
        let html =
            crate::message_document(locale, &refusal.title, &refusal.body, refusal.hint.as_ref());
        (status, Html(html)).into_response()
    };
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    // The database away for a moment: a client (or a proxy) may try again in half a minute.
    if status == StatusCode::SERVICE_UNAVAILABLE {
        res.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("30"));
    }
    if let ServiceError::TooMany { retry_after_s } = err {
        res.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(*retry_after_s));
    }
    if status == StatusCode::UNAUTHORIZED {
        res.headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    }
    res
}
