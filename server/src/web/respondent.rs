//! The respondent's routes: `/p/{token}` (exchange a link for a cookie), `GET /v` (the poll)
//! and `POST /v` (next page, previous page, another language, or submit). Plain forms, no
//! JavaScript needed; every refusal is a [`ServiceError`] rendered as a page.

use super::forms::AnswerForm;
use super::language::locale_cookie;
use super::pages::render_poll;
use super::{AppState, CspNonce};
use app::domain::{
    check_required, first_page_with_error, parse_form, Draft, Nav, RespondentPage, NAV_FIELD,
    NONCE_FIELD, PAGE_FIELD,
};
use app::i18n::{Locale, Message};
use app::msg;
use app::services::responses::{self, Respondent};
use app::services::tokens::Token;
use app::services::{today, Actor, ServiceError};
use axum::{
    extract::{Extension, Path, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};

/// The cookie that carries the link's token after the exchange. `HttpOnly`, path-limited
/// to the poll, gone when the browser closes or after four hours.
const LINK_COOKIE: &str = "polsslag_link";
const LINK_COOKIE_HOURS: i64 = 4;

fn link_cookie(value: String, max_age: time::Duration) -> Cookie<'static> {
    Cookie::build((LINK_COOKIE, value))
        .path("/v")
        .max_age(max_age)
        .http_only(true)
        .same_site(SameSite::Lax)
        .build()
}

const ACTOR: Actor = Actor::Respondent;

/// `GET /p/{token}`: checks the link, puts the token in a cookie and redirects to `/v`, so the
/// token never stays in the address bar, the history or a log.
pub async fn exchange_link(
    State(state): State<AppState>,
    jar: CookieJar,
    Path(raw): Path<String>,
) -> Result<Response, ServiceError> {
    let token = Token::parse(&raw).ok_or_else(responses::unknown_link)?;
    responses::resolve(&state.store, &ACTOR, &token, today()).await?;
    let cookie = link_cookie(
        token.as_str().to_string(),
        time::Duration::hours(LINK_COOKIE_HOURS),
    );
    Ok((
        jar.add(cookie),
        [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))],
        Redirect::to("/v"),
    )
        .into_response())
}

async fn respondent(state: &AppState, jar: &CookieJar) -> Result<Respondent, ServiceError> {
    let token = jar
        .get(LINK_COOKIE)
        .and_then(|c| Token::parse(c.value()))
        .ok_or_else(responses::no_link)?;
    responses::resolve(&state.store, &ACTOR, &token, today()).await
}

/// `GET /v`: the first page of the poll.
pub async fn show_poll(
    State(state): State<AppState>,
    Extension(nonce_csp): Extension<CspNonce>,
    locale: Locale,
    jar: CookieJar,
) -> Result<Response, ServiceError> {
    let r = respondent(&state, &jar).await?;
    let nonce = responses::issue_nonce(&state.store, &r).await?;
    let page = RespondentPage {
        form: responses::form(&r).clone(),
        page: 0,
        draft: Draft::default(),
        notice: None,
        nonce,
        personal: r.personal(),
        preview: None,
    };
    Ok(render_poll(&state, locale, &nonce_csp, page, StatusCode::OK).await)
}

/// `POST /v`: moves between pages, changes the language, or submits. Nothing is stored until
/// the last page is submitted and every answer is valid.
///
/// A replayed form is named as such before anything else is said about it. On the busiest
/// path, a complete and valid submission, the commit itself refuses a used nonce
/// ([`responses::submit`]), so that path reads nothing to check it; any other outcome of a
/// submission checks the nonce first.
pub async fn answer_poll(
    State(state): State<AppState>,
    Extension(nonce_csp): Extension<CspNonce>,
    locale: Locale,
    jar: CookieJar,
    form: AnswerForm,
) -> Result<Response, ServiceError> {
    let r = respondent(&state, &jar).await?;
    let nonce = form.field(NONCE_FIELD).unwrap_or_default().to_string();
    if form.field(NAV_FIELD) != Some(Nav::Submit.value()) {
        responses::check_nonce(&state.store, &r, &nonce).await?;
        return answer(&state, &nonce_csp, locale, jar, &form, &r, nonce).await;
    }
    match answer(&state, &nonce_csp, locale, jar, &form, &r, nonce.clone()).await {
        Ok(res) if res.status() == StatusCode::SEE_OTHER => Ok(res),
        other => {
            responses::check_nonce(&state.store, &r, &nonce).await?;
            other
        }
    }
}

async fn answer(
    state: &AppState,
    nonce_csp: &CspNonce,
    locale: Locale,
    jar: CookieJar,
    form: &AnswerForm,
    r: &Respondent,
    nonce: String,
) -> Result<Response, ServiceError> {
    let poll = responses::form(r);
    let pages = poll.pages.len();
    let index = form
        .field(PAGE_FIELD)
        .and_then(|p| p.parse::<usize>().ok())
        .filter(|p| *p < pages)
        .ok_or_else(responses::bad_form)?;
    let nav = match form.field(NAV_FIELD) {
        None => Nav::Next,
        Some(v) => Nav::parse(v).ok_or_else(responses::bad_form)?,
    };
    let mut draft = parse_form(poll, &form.0).map_err(|_| responses::bad_form())?;
    let page_view = |page: usize, mut draft: Draft, notice: Option<Message>| {
        draft
            .errors
            .retain(|code, _| poll.page_of(code) == Some(page));
        RespondentPage {
            form: poll.clone(),
            page,
            draft,
            notice,
            nonce: nonce.clone(),
            personal: r.personal(),
            preview: None,
        }
    };
    Ok(match nav {
        Nav::Language(chosen) => {
            // The same page, answers and all, in the other language; remembered from now on.
            let mut draft = draft;
            draft.errors.clear();
            let res = render_poll(
                state,
                chosen,
                nonce_csp,
                page_view(index, draft, None),
                StatusCode::OK,
            )
            .await;
            (jar.add(locale_cookie(chosen)), res).into_response()
        }
        Nav::Previous => {
            let page = index.saturating_sub(1);
            render_poll(
                state,
                locale,
                nonce_csp,
                page_view(page, draft, None),
                StatusCode::OK,
            )
            .await
        }
        Nav::Next if index + 1 < pages => {
            check_required(poll, index..index + 1, &mut draft);
            if draft.errors.keys().any(|c| poll.page_of(c) == Some(index)) {
                render_poll(
                    state,
                    locale,
                    nonce_csp,
                    page_view(index, draft, None),
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await
            } else {
                render_poll(
                    state,
                    locale,
                    nonce_csp,
                    page_view(index + 1, draft, None),
                    StatusCode::OK,
                )
                .await
            }
        }
        Nav::Submit if index + 1 == pages => {
            check_required(poll, 0..pages, &mut draft);
            if let Some(page) = first_page_with_error(poll, &draft) {
                return Ok(render_poll(
                    state,
                    locale,
                    nonce_csp,
                    page_view(page, draft, Some(msg!("poll-not-sent"))),
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await);
            }
            responses::submit(&state.store, &ACTOR, r, poll, &nonce, &draft.answers).await?;
            // The link has done its work: forget it in this browser.
            let forget = link_cookie(String::new(), time::Duration::ZERO);
            (jar.add(forget), Redirect::to("/bedankt")).into_response()
        }
        Nav::Next | Nav::Submit => return Err(responses::bad_form()),
    })
}
