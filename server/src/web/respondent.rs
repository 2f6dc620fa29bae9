//! The respondent's routes: `/p/{token}` (exchange a link for a cookie), `GET /v` (the poll)
//! and `POST /v` (next page, previous page, or submit).

use super::pages::{render_poll, Message};
use super::{message, AppState};
use crate::respond::{self, RespondError, Respondent};
use crate::tokens::Token;
use app::domain::{check_required, first_page_with_error, parse_form, Msg, RespondentPage};
use axum::{
    extract::{rejection::FormRejection, Path, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Redirect, Response},
    Form,
};

/// The cookie that carries the link's token after the exchange. `HttpOnly`, path-limited
/// to the poll, gone when the browser closes or after four hours.
const COOKIE: &str = "polsslag_link";
const COOKIE_MAX_AGE: u32 = 4 * 3600;

fn token_from_cookie(headers: &HeaderMap) -> Option<Token> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE)
        .and_then(|(_, v)| Token::parse(v))
}

/// `GET /p/{token}`: checks the link, puts the token in a cookie and redirects to `/v`, so the
/// token never stays in the address bar, the history or a log.
pub async fn exchange_link(State(state): State<AppState>, Path(raw): Path<String>) -> Response {
    let Some(token) = Token::parse(&raw) else {
        return refusal(RespondError::UnknownLink);
    };
    if let Err(e) = respond::resolve(&state.store.db, &token, respond::today()).await {
        return refusal(e);
    }
    let cookie = format!(
        "{COOKIE}={}; Path=/v; Max-Age={COOKIE_MAX_AGE}; HttpOnly; SameSite=Lax",
        token.as_str()
    );
    let mut res = Redirect::to("/v").into_response();
    *res.status_mut() = StatusCode::SEE_OTHER;
    let h = res.headers_mut();
    h.insert(
        header::SET_COOKIE,
        HeaderValue::from_str(&cookie).expect("ascii cookie"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

async fn respondent(state: &AppState, headers: &HeaderMap) -> Result<Respondent, Response> {
    let Some(token) = token_from_cookie(headers) else {
        return Err(message(
            StatusCode::FORBIDDEN,
            Message::new(
                Msg::new("Open eerst de link uit je uitnodiging", "Open the link from your invitation first"),
                Msg::new(
                    "Deze pagina werkt alleen via je persoonlijke link of de teamlink. Misschien is je sessie verlopen (na vier uur) of staan cookies uit.",
                    "This page only works through your personal link or the team link. Your session may have expired (after four hours) or cookies may be switched off.",
                ),
            )
            .hint(Msg::new(
                "Open de link opnieuw; je kunt dan gewoon beginnen.",
                "Open the link again; you can simply start over.",
            )),
        ));
    };
    respond::resolve(&state.store.db, &token, respond::today())
        .await
        .map_err(refusal)
}

/// `GET /v`: the first page of the poll.
pub async fn show_poll(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let r = match respondent(&state, &headers).await {
        Ok(r) => r,
        Err(res) => return res,
    };
    let form = match respond::form(&state.store.db, &r).await {
        Ok(f) => f,
        Err(e) => return refusal(e.into()),
    };
    let nonce = match respond::issue_nonce(&state.store, &r.wave.id).await {
        Ok(n) => n,
        Err(e) => return refusal(e.into()),
    };
    let page = RespondentPage {
        form,
        page: 0,
        draft: Default::default(),
        notice: None,
        nonce,
        personal: r.personal(),
    };
    render_poll(&state, page, StatusCode::OK).await
}

/// `POST /v`: moves between pages or submits. Nothing is stored until the last page is
/// submitted and every answer is valid.
pub async fn answer_poll(
    State(state): State<AppState>,
    headers: HeaderMap,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Response {
    let r = match respondent(&state, &headers).await {
        Ok(r) => r,
        Err(res) => return res,
    };
    let fields = match form {
        Ok(Form(fields)) => fields,
        Err(rejection) => return bad_form(rejection.status()),
    };
    let field = |name: &str| {
        fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let nonce = field("_nonce").unwrap_or_default().to_string();
    match respond::nonce_is_live(&state.store, &r.wave.id, &nonce).await {
        Ok(true) => {}
        Ok(false) => return refusal(RespondError::Replay),
        Err(e) => return refusal(e.into()),
    }
    let poll = match respond::form(&state.store.db, &r).await {
        Ok(f) => f,
        Err(e) => return refusal(e.into()),
    };
    let pages = poll.pages.len();
    let Some(index) = field("_page")
        .and_then(|p| p.parse::<usize>().ok())
        .filter(|p| *p < pages)
    else {
        return bad_form(StatusCode::BAD_REQUEST);
    };
    let nav = field("_nav").unwrap_or("volgende");
    let Ok(mut draft) = parse_form(&poll, &fields) else {
        return bad_form(StatusCode::BAD_REQUEST);
    };
    let page_view = |page: usize, draft: app::domain::Draft, notice: Option<Msg>| {
        let mut draft = draft;
        let poll_ref = &poll;
        draft
            .errors
            .retain(|code, _| poll_ref.page_of(code) == Some(page));
        RespondentPage {
            form: poll.clone(),
            page,
            draft,
            notice,
            nonce: nonce.clone(),
            personal: r.personal(),
        }
    };
    match nav {
        "vorige" => {
            let page = index.saturating_sub(1);
            render_poll(&state, page_view(page, draft, None), StatusCode::OK).await
        }
        "volgende" if index + 1 < pages => {
            check_required(&poll, index..index + 1, &mut draft);
            if draft.errors.keys().any(|c| poll.page_of(c) == Some(index)) {
                render_poll(
                    &state,
                    page_view(index, draft, None),
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await
            } else {
                render_poll(&state, page_view(index + 1, draft, None), StatusCode::OK).await
            }
        }
        "verstuur" if index + 1 == pages => {
            check_required(&poll, 0..pages, &mut draft);
            if let Some(page) = first_page_with_error(&poll, &draft) {
                let notice = Msg::new(
                    "Je antwoorden zijn nog niet verstuurd: er ontbreekt iets of er klopt iets niet. Kijk de gemarkeerde vragen na.",
                    "Your answers have not been sent yet: something is missing or not right. Please check the marked questions.",
                );
                return render_poll(
                    &state,
                    page_view(page, draft, Some(notice)),
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await;
            }
            match respond::submit(&state.store, &r, &nonce, &draft.answers).await {
                Ok(()) => {
                    let mut res = Redirect::to("/bedankt").into_response();
                    *res.status_mut() = StatusCode::SEE_OTHER;
                    // The link has done its work: forget it in this browser.
                    res.headers_mut().insert(
                        header::SET_COOKIE,
                        HeaderValue::from_static(
                            "polsslag_link=; Path=/v; Max-Age=0; HttpOnly; SameSite=Lax",
                        ),
                    );
                    res
                }
                Err(e) => refusal(e),
            }
        }
        _ => bad_form(StatusCode::BAD_REQUEST),
    }
}

fn bad_form(status: StatusCode) -> Response {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        return message(
            status,
            Message::new(
                Msg::new("Je antwoorden zijn te lang", "Your answers are too long"),
                Msg::new(
                    "Het formulier bevat meer tekst dan we kunnen aannemen. Er is niets opgeslagen.",
                    "The form holds more text than we can accept. Nothing has been stored.",
                ),
            )
            .hint(Msg::new(
                "Ga terug, maak je toelichting korter en verstuur opnieuw.",
                "Go back, shorten your comment and submit again.",
            )),
        );
    }
    message(
        StatusCode::BAD_REQUEST,
        Message::new(
            Msg::new("Dit formulier klopt niet", "This form is not valid"),
            Msg::new(
                "Het formulier is aangepast of hoort bij een andere peiling. Er is niets opgeslagen.",
                "The form was changed or belongs to another poll. Nothing has been stored.",
            ),
        )
        .hint(Msg::new(
            "Open de link uit je uitnodiging opnieuw en vul de peiling daar in.",
            "Open the link from your invitation again and fill in the poll there.",
        )),
    )
}

/// Turns a refusal into a page that says what happened and what to do.
fn refusal(e: RespondError) -> Response {
    let (status, m) = match e {
        RespondError::UnknownLink => (
            StatusCode::NOT_FOUND,
            Message::new(
                Msg::new("Deze link werkt niet", "This link does not work"),
                Msg::new(
                    "We kennen deze link niet. Misschien is hij niet helemaal gekopieerd.",
                    "We do not recognise this link. Perhaps it was not copied completely.",
                ),
            )
            .hint(Msg::new(
                "Kopieer de hele link uit je e-mail, of vraag je leidinggevende om de teamlink.",
                "Copy the whole link from your e-mail, or ask your manager for the team link.",
            )),
        ),
        RespondError::AlreadyAnswered => (
            StatusCode::CONFLICT,
            Message::new(
                Msg::new("Je hebt deze peiling al ingevuld", "You have already answered this poll"),
                Msg::new(
                    "Met een persoonlijke uitnodiging kun je één keer antwoorden. Je eerdere antwoorden zijn bewaard; er is niets veranderd.",
                    "A personal invitation can be used once. Your earlier answers have been kept; nothing has changed.",
                ),
            ),
        ),
        RespondError::NotYetOpen { opens_on } => (
            StatusCode::FORBIDDEN,
            Message::new(
                Msg::new("Deze peiling is nog niet geopend", "This poll has not opened yet"),
                Msg::new(
                    format!("Je kunt antwoorden vanaf {opens_on}."),
                    format!("You can answer from {opens_on}."),
                ),
            ),
        ),
        RespondError::Closed => (
            StatusCode::GONE,
            Message::new(
                Msg::new("Deze peiling is gesloten", "This poll has closed"),
                Msg::new(
                    "Er worden geen antwoorden meer aangenomen. Bedankt voor je interesse.",
                    "Answers are no longer accepted. Thank you for your interest.",
                ),
            ),
        ),
        RespondError::Replay => (
            StatusCode::CONFLICT,
            Message::new(
                Msg::new("Dit formulier is al verstuurd of verlopen", "This form has already been sent or has expired"),
                Msg::new(
                    "Hetzelfde formulier kan maar één keer worden verstuurd. Er is niets dubbel opgeslagen.",
                    "The same form can only be sent once. Nothing has been stored twice.",
                ),
            )
            .hint(Msg::new(
                "Wil je (nog) antwoorden? Open de link uit je uitnodiging opnieuw.",
                "Do you want to answer (again)? Open the link from your invitation again.",
            )),
        ),
        RespondError::Db(err) => {
            tracing::error!(error = %err, "database error on the respondent path");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Message::new(
                    Msg::new("Er ging iets mis", "Something went wrong"),
                    Msg::new(
                        "Je antwoorden zijn niet opgeslagen. Dat ligt niet aan jou.",
                        "Your answers have not been stored. This is not your fault.",
                    ),
                )
                .hint(Msg::new(
                    "Probeer het over een paar minuten opnieuw met dezelfde link.",
                    "Please try again in a few minutes with the same link.",
                )),
            )
        }
    };
    message(status, m)
}
