//! The routes of people with an account (issue #10): `/login`, `/logout`, and the home page of
//! each role (`/hrm`, `/beheer`, `/leiding`). Sessions are `tower-sessions` on the database
//! (`app::services::sessions`); every state-changing form carries the session's token, and
//! every page checks who is asking itself (the service functions it calls check again).
//!
//! Login is [`app::services::accounts::authenticate`] and nothing else: single sign-on would
//! be another route that proves who someone is and then calls [`sign_in`].

use super::forms::AnswerForm;
use super::pages::render_staff;
use super::{AppState, CspNonce};
use app::domain::{AccountForm, LoginView, PollRow, Role, StaffNav, StaffPage, CSRF_FIELD};
use app::i18n::Locale;
use app::msg;
use app::services::{accounts, polls, waves, Actor, Refusal, ServiceError};
use axum::extract::{Extension, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine;
use tower_sessions::{cookie::SameSite, Expiry, Session, SessionManagerLayer};

/// The session cookie.
pub const SESSION_COOKIE: &str = "polsslag_sessie";

/// A session ends after this long without a request.
pub const IDLE: time::Duration = time::Duration::hours(8);

const ACCOUNT_KEY: &str = "account";
/// The account's session epoch when this session was made (a password change raises it).
const EPOCH_KEY: &str = "epoch";
const CSRF_KEY: &str = "csrf";

/// The session layer for the routes of this module: `HttpOnly`, `SameSite=Lax`, ends after
/// [`IDLE`] without use (saved on every request, so each one moves the end; these routes are
/// the workspace's, never the respondent's).
pub fn session_layer(
    store: app::services::Store,
) -> SessionManagerLayer<app::services::sessions::DbSessions> {
    SessionManagerLayer::new(app::services::sessions::DbSessions::new(store))
        .with_name(SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(false)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(IDLE))
        .with_always_save(true)
}

/// A session that cannot be read or written. The sessions live in the database, so a
/// failing backend is the database being away: 503, "try again in a few minutes"; a record
/// that does not encode or decode is ours to look into (500).
fn session_failed(e: tower_sessions::session::Error) -> ServiceError {
    match e {
        tower_sessions::session::Error::Store(tower_sessions::session_store::Error::Backend(
            cause,
        )) => ServiceError::unavailable(format!("session store: {cause}")),
        e => ServiceError::Unexpected(Box::new(e)),
    }
}

/// Middleware just outside [`session_layer`]: when the layer cannot save a session after the
/// handler answered, it logs why and replaces the answer with a bare 500. The sessions live
/// in the database, so that is the database being away: the person is told so (503) like
/// any other request that could not reach it.
pub async fn session_not_saved(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let res = next.run(req).await;
    if res.status() == StatusCode::INTERNAL_SERVER_ERROR
        && axum::body::HttpBody::size_hint(res.body()).exact() == Some(0)
    {
        return ServiceError::unavailable("the session layer could not save a session")
            .into_response();
    }
    res
}

/// The session's form token, made on first use.
async fn csrf_token(session: &Session) -> Result<String, ServiceError> {
    if let Some(t) = session
        .get::<String>(CSRF_KEY)
        .await
        .map_err(session_failed)?
    {
        return Ok(t);
    }
    let t = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>());
    session
        .insert(CSRF_KEY, t.clone())
        .await
        .map_err(session_failed)?;
    Ok(t)
}

/// Refuses a form whose token is not the session's (a forged cross-site request, or a form
/// from a session that ended).
pub(super) async fn check_csrf(session: &Session, sent: Option<&str>) -> Result<(), ServiceError> {
    let expected = session
        .get::<String>(CSRF_KEY)
        .await
        .map_err(session_failed)?;
    let sent = sent.unwrap_or_default();
    let same = expected.as_deref().is_some_and(|e| {
        e.len() == sent.len()
            && e.bytes()
                .zip(sent.bytes())
                .fold(0u8, |d, (a, b)| d | (a ^ b))
                == 0
    });
    if same {
        Ok(())
    } else {
        Err(ServiceError::forbidden(Refusal::new(
            msg!("csrf-title"),
            msg!("csrf-body"),
        )))
    }
}

/// The home page of a role.
pub fn home(role: Role) -> &'static str {
    match role {
        Role::Administrator => "/beheer",
        Role::HrmAnalyst => "/hrm",
        Role::Manager => "/leiding",
        Role::Coordinator => "/coordinatie",
    }
}

/// Binds `actor` to the session (a fresh session id, so a planted one is useless) in the
/// account's session `epoch` as its login read it, and returns where to go.
pub async fn sign_in(
    session: &Session,
    actor: &Actor,
    epoch: i32,
) -> Result<&'static str, ServiceError> {
    let Actor::Account { id, role, .. } = actor else {
        return Err(ServiceError::not_allowed());
    };
    session.cycle_id().await.map_err(session_failed)?;
    session
        .remove::<String>(CSRF_KEY)
        .await
        .map_err(session_failed)?;
    session
        .insert(ACCOUNT_KEY, *id)
        .await
        .map_err(session_failed)?;
    move_to_epoch(session, epoch).await?;
    Ok(home(*role))
}

/// Records the account's session epoch in this session (at login, and after this session
/// changed the password), under a fresh session id.
pub(super) async fn move_to_epoch(session: &Session, epoch: i32) -> Result<(), ServiceError> {
    session
        .insert(EPOCH_KEY, epoch)
        .await
        .map_err(session_failed)
}

/// Someone logged in: the actor (read from the database on every request) and what the page
/// header shows.
pub struct SignedIn {
    pub actor: Actor,
    pub nav: StaffNav,
}

/// Why a page for accounts was not shown: no session (to the login page) or a refusal.
pub enum NotSignedIn {
    Login,
    Refused(ServiceError),
}

impl IntoResponse for NotSignedIn {
    fn into_response(self) -> Response {
        match self {
            NotSignedIn::Login => Redirect::to("/login").into_response(),
            NotSignedIn::Refused(e) => e.into_response(),
        }
    }
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = NotSignedIn;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, NotSignedIn> {
        let session = Session::from_request_parts(parts, state)
            .await
            .map_err(|_| {
                NotSignedIn::Refused(ServiceError::Unexpected("no session layer".into()))
            })?;
        let id = session
            .get::<i64>(ACCOUNT_KEY)
            .await
            .map_err(|e| NotSignedIn::Refused(session_failed(e)))?
            .ok_or(NotSignedIn::Login)?;
        let epoch = session
            .get::<i32>(EPOCH_KEY)
            .await
            .map_err(|e| NotSignedIn::Refused(session_failed(e)))?
            .unwrap_or(0);
        let Some(accounts::SignedInAccount { actor, email, .. }) =
            accounts::signed_in(&state.store, id)
                .await
                .map_err(NotSignedIn::Refused)?
                .filter(|a| a.epoch == epoch)
        else {
            // The account is gone, switched off, or its password changed elsewhere: the
            // session ends here.
            let _ = session.flush().await;
            return Err(NotSignedIn::Login);
        };
        let Actor::Account { role, .. } = &actor else {
            return Err(NotSignedIn::Login);
        };
        let nav = StaffNav {
            email,
            role: *role,
            csrf: csrf_token(&session).await.map_err(NotSignedIn::Refused)?,
        };
        Ok(SignedIn { actor, nav })
    }
}

/// `GET /login`: the form; someone already logged in goes to their home page.
pub async fn login_form(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    locale: Locale,
    session: Session,
) -> Result<Response, ServiceError> {
    if let Some(id) = session
        .get::<i64>(ACCOUNT_KEY)
        .await
        .map_err(session_failed)?
    {
        if let Some(accounts::SignedInAccount {
            actor: Actor::Account { role, .. },
            ..
        }) = accounts::signed_in(&state.store, id).await?
        {
            return Ok(Redirect::to(home(role)).into_response());
        }
    }
    login_page(
        &state,
        locale,
        &nonce,
        &session,
        String::new(),
        None,
        StatusCode::OK,
    )
    .await
}

/// The login form with what was typed and why it was refused.
async fn login_page(
    state: &AppState,
    locale: Locale,
    nonce: &CspNonce,
    session: &Session,
    email: String,
    error: Option<app::i18n::Message>,
    status: StatusCode,
) -> Result<Response, ServiceError> {
    let view = LoginView {
        email,
        error,
        csrf: csrf_token(session).await?,
    };
    Ok(render_staff(
        state,
        locale,
        nonce,
        "/login",
        StaffPage::Login(view),
        status,
    )
    .await)
}

/// `POST /login` (fields `email`, `password`, and the form token).
pub async fn login(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    locale: Locale,
    session: Session,
    form: AnswerForm,
) -> Result<Response, ServiceError> {
    check_csrf(&session, form.field(CSRF_FIELD)).await?;
    let email = form.field("email").unwrap_or_default().to_string();
    let password = form.field("password").unwrap_or_default();
    match accounts::authenticate_with_epoch(
        &state.store,
        &email,
        password,
        time::OffsetDateTime::now_utc(),
    )
    .await
    {
        Ok((actor, epoch)) => {
            Ok(Redirect::to(sign_in(&session, &actor, epoch).await?).into_response())
        }
        Err(e @ (ServiceError::Invalid(_) | ServiceError::Forbidden(_))) => {
            let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::BAD_REQUEST);
            let message = match &e {
                ServiceError::Invalid(fields) => fields[0].message.clone(),
                other => other.refusal().body,
            };
            login_page(
                &state,
                locale,
                &nonce,
                &session,
                email,
                Some(message),
                status,
            )
            .await
        }
        Err(e) => Err(e),
    }
}

/// `POST /logout`: ends the session (with the form token, so no other site can log you out).
pub async fn logout(session: Session, form: AnswerForm) -> Result<Response, ServiceError> {
    check_csrf(&session, form.field(CSRF_FIELD)).await?;
    session.flush().await.map_err(session_failed)?;
    Ok(Redirect::to("/login").into_response())
}

/// `GET /hrm`: every poll with the status of each wave.
pub async fn hrm_home(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    locale: Locale,
    who: SignedIn,
) -> Result<Response, ServiceError> {
    if !matches!(
        who.actor,
        Actor::Account {
            role: Role::HrmAnalyst,
            ..
        }
    ) {
        return Err(ServiceError::not_allowed());
    }
    let mut rows = Vec::new();
    for p in polls::list(&state.store, &who.actor).await? {
        let waves = waves::of_poll(&state.store, &who.actor, &p.id)
            .await?
            .into_iter()
            .map(waves::row)
            .collect();
        rows.push(PollRow {
            id: p.id.as_str().to_string(),
            title: p.title,
            kind: p.kind,
            waves,
        });
    }
    let page = StaffPage::Hrm {
        nav: who.nav,
        polls: rows,
    };
    Ok(render_staff(&state, locale, &nonce, "/hrm", page, StatusCode::OK).await)
}

/// `GET /beheer`: the accounts.
pub async fn admin_home(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    locale: Locale,
    who: SignedIn,
) -> Result<Response, ServiceError> {
    admin_view(
        &state,
        locale,
        &nonce,
        who,
        AccountForm::default(),
        Vec::new(),
        None,
        StatusCode::OK,
    )
    .await
}

#[allow(clippy::too_many_arguments)]
async fn admin_view(
    state: &AppState,
    locale: Locale,
    nonce: &CspNonce,
    who: SignedIn,
    form: AccountForm,
    errors: Vec<(String, app::i18n::Message)>,
    created: Option<(String, String)>,
    status: StatusCode,
) -> Result<Response, ServiceError> {
    let accounts = accounts::list(&state.store, &who.actor).await?;
    let page = StaffPage::Admin {
        nav: who.nav,
        accounts,
        form,
        errors,
        created,
    };
    Ok(render_staff(state, locale, nonce, "/beheer", page, status).await)
}

/// `POST /beheer/accounts` (`email`, `role`, `scope`, `raw_data`, the form token): a new
/// account with a one-time password, shown once; refusals beside their fields.
pub async fn create_account(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    locale: Locale,
    who: SignedIn,
    session: Session,
    form: AnswerForm,
) -> Result<Response, ServiceError> {
    who.actor
        .require(app::services::Permission::ManageAccounts)?;
    check_csrf(&session, form.field(CSRF_FIELD)).await?;
    let typed = AccountForm {
        email: form.field("email").unwrap_or_default().trim().to_string(),
        role: form.field("role").unwrap_or_default().to_string(),
        scope: form.field("scope").unwrap_or_default().trim().to_string(),
        raw_data: form.field("raw_data").is_some(),
    };
    let Ok(role) = typed.role.parse::<Role>() else {
        let errors = vec![("role".to_string(), msg!("account-role-missing"))];
        return admin_view(
            &state,
            locale,
            &nonce,
            who,
            typed,
            errors,
            None,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let new = accounts::NewAccount {
        email: typed.email.clone(),
        role,
        scope: (!typed.scope.is_empty()).then(|| typed.scope.clone()),
        password: None,
        raw_data: typed.raw_data,
    };
    match accounts::create(&state.store, &who.actor, new).await {
        Ok(made) => {
            let email = accounts::normalise_email(&typed.email).unwrap_or(typed.email);
            let password = made.one_time_password.unwrap_or_default();
            admin_view(
                &state,
                locale,
                &nonce,
                who,
                AccountForm::default(),
                Vec::new(),
                Some((email, password)),
                StatusCode::OK,
            )
            .await
        }
        Err(ServiceError::Invalid(fields)) => {
            let errors = fields.into_iter().map(|f| (f.field, f.message)).collect();
            admin_view(
                &state,
                locale,
                &nonce,
                who,
                typed,
                errors,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(ServiceError::Conflict { refusal, .. }) => {
            let errors = vec![("email".to_string(), refusal.body)];
            admin_view(
                &state,
                locale,
                &nonce,
                who,
                typed,
                errors,
                None,
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(e) => Err(e),
    }
}

/// `POST /beheer/accounts/{id}/uitschakelen` and `/inschakelen` (the form token).
pub async fn switch_account(
    State(state): State<AppState>,
    who: SignedIn,
    session: Session,
    axum::extract::Path((id, what)): axum::extract::Path<(i64, String)>,
    form: AnswerForm,
) -> Result<Response, ServiceError> {
    who.actor
        .require(app::services::Permission::ManageAccounts)?;
    check_csrf(&session, form.field(CSRF_FIELD)).await?;
    let active = match what.as_str() {
        "inschakelen" => true,
        "uitschakelen" => false,
        _ => return Err(app::services::responses::bad_form()),
    };
    accounts::set_active(&state.store, &who.actor, id, active).await?;
    Ok(Redirect::to("/beheer").into_response())
}

/// `GET /account`: one's own account (the password), for every role.
pub async fn account_page(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    locale: Locale,
    who: SignedIn,
) -> Result<Response, ServiceError> {
    let page = StaffPage::Account {
        nav: who.nav,
        changed: false,
        errors: Vec::new(),
    };
    Ok(render_staff(&state, locale, &nonce, "/account", page, StatusCode::OK).await)
}

/// `POST /account/wachtwoord` (`current`, `new`, `repeat`, the form token): changes the
/// password; every other session of the account ends, this one goes on under a new id.
pub async fn change_password(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    locale: Locale,
    who: SignedIn,
    session: Session,
    form: AnswerForm,
) -> Result<Response, ServiceError> {
    check_csrf(&session, form.field(CSRF_FIELD)).await?;
    let current = form.field("current").unwrap_or_default();
    let new = form.field("new").unwrap_or_default();
    let outcome = if new != form.field("repeat").unwrap_or_default() {
        Err(ServiceError::invalid(
            "repeat",
            msg!("password-repeat-differs"),
        ))
    } else {
        accounts::change_password(&state.store, &who.actor, current, new).await
    };
    let (changed, errors, status) = match outcome {
        Ok(epoch) => {
            session.cycle_id().await.map_err(session_failed)?;
            move_to_epoch(&session, epoch).await?;
            (true, Vec::new(), StatusCode::OK)
        }
        Err(ServiceError::Invalid(fields)) => (
            false,
            fields.into_iter().map(|f| (f.field, f.message)).collect(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(e) => return Err(e),
    };
    let page = StaffPage::Account {
        nav: who.nav,
        changed,
        errors,
    };
    Ok(render_staff(&state, locale, &nonce, "/account", page, status).await)
}
