//! The language switch: `GET /taal/{nl|en}?terug=/path` remembers the choice in a cookie
//! and goes back to the page it came from (a local path only, never another site).

use app::i18n::{Locale, LOCALE_COOKIE};
use app::services::{Refusal, ServiceError};
use axum::extract::{rejection::QueryRejection, Path, Query};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Back {
    terug: Option<String>,
}

/// The cookie that remembers `locale` for a year, on every path.
pub fn locale_cookie(locale: Locale) -> Cookie<'static> {
    Cookie::build((LOCALE_COOKIE, locale.code()))
        .path("/")
        .max_age(time::Duration::days(365))
        .same_site(SameSite::Lax)
        .http_only(true)
        .build()
}

/// A path on this site, or `/`: `//evil.example` and `https://…` are refused.
fn local_path(p: Option<&str>) -> &str {
    match p {
        Some(p)
            if p.starts_with('/')
                && !p.starts_with("//")
                && !p.contains('\\')
                && p.chars().all(|c| c.is_ascii_graphic()) =>
        {
            p
        }
        _ => "/",
    }
}

pub async fn switch(
    jar: CookieJar,
    Path(lang): Path<String>,
    back: Result<Query<Back>, QueryRejection>,
) -> Result<Response, ServiceError> {
    // A query that does not parse is no place to go back to.
    let back = back.map(|Query(b)| b).unwrap_or(Back { terug: None });
    let locale = Locale::parse(&lang).ok_or_else(|| {
        ServiceError::not_found(Refusal::new(
            app::msg!("not-found-title"),
            app::msg!("not-found-body"),
        ))
    })?;
    let to = local_path(back.terug.as_deref()).to_string();
    Ok((jar.add(locale_cookie(locale)), Redirect::to(&to)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(local_path(Some("/bedankt")), "/bedankt");
        assert_eq!(local_path(Some("//evil.example/x")), "/");
        assert_eq!(local_path(Some("https://evil.example")), "/");
        assert_eq!(local_path(Some("/\\evil")), "/");
        assert_eq!(local_path(None), "/");
    }
}
