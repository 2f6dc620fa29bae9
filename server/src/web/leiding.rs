//! The managers' pages under `/leiding/` (issue #12): their home with the follow-ups that are
//! due, recording a thermometer conversation and its follow-up, and the conversation kit to
//! read; and HRM's side under `/hrm/`: editing the kit (documents, help routes, signal
//! categories) and the sfeerbeeld. Every handler checks the form token itself; the services
//! check the role and the scope again and audit.

use super::forms::AnswerForm;
use super::pages::render_staff;
use super::staff::{check_csrf, SignedIn};
use super::{AppState, CspNonce};
use app::domain::{
    ConversationForm, ConversationTheme, FollowUpForm, HelpKind, KitDraft, KitKind, Localized,
    ReportingThreshold, StaffPage, CSRF_FIELD,
};
use app::i18n::{Locale, Message};
use app::services::{conversations, kit, organisation, Permission, ServiceError};
use axum::extract::{Extension, Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use std::collections::HashMap;
use tower_sessions::Session;

/// What every page of this module is rendered with.
struct Ctx<'a> {
    state: &'a AppState,
    who: SignedIn,
    locale: Locale,
    nonce: &'a CspNonce,
}

/// Field errors of a refusal as the pages show them, with the status to answer with; a
/// refusal that is not about fields is passed on.
pub(super) fn field_errors(
    e: ServiceError,
) -> Result<(Vec<(String, Message)>, StatusCode), ServiceError> {
    match e {
        ServiceError::Invalid(fields) => Ok((
            fields.into_iter().map(|f| (f.field, f.message)).collect(),
            StatusCode::UNPROCESSABLE_ENTITY,
        )),
        ServiceError::Conflict {
            field: Some(field),
            refusal,
        } => Ok((
            vec![(field.to_string(), refusal.body)],
            StatusCode::CONFLICT,
        )),
        other => Err(other),
    }
}

/// A warning that the text may hold a name (a 409 of the service), or another refusal.
fn personal_warning(e: &ServiceError) -> Option<Message> {
    match e {
        ServiceError::Conflict {
            field: Some("actions" | "note"),
            refusal,
        } => Some(refusal.body.clone()),
        _ => None,
    }
}

/// `GET /leiding`: the manager's part of the organisation with its teams, the follow-ups
/// that are due and the latest conversations.
pub async fn manager_home(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    locale: Locale,
    who: SignedIn,
) -> Result<Response, ServiceError> {
    let k = ReportingThreshold::DEFAULT.get();
    let (unit, teams) = organisation::scope_of(&state.store, &who.actor, k).await?;
    let (due, recent) =
        conversations::of_manager(&state.store, &who.actor, app::services::today(), 10).await?;
    let page = StaffPage::Manager {
        nav: who.nav,
        unit,
        teams,
        k,
        due,
        recent,
    };
    Ok(render_staff(&state, locale, &nonce, "/leiding", page, StatusCode::OK).await)
}

/// The conversation form's page, as typed or fresh.
async fn new_conversation_page(
    cx: Ctx<'_>,
    form: ConversationForm,
    errors: Vec<(String, Message)>,
    warning: Option<Message>,
    status: StatusCode,
) -> Result<Response, ServiceError> {
    let Ctx {
        state,
        who,
        locale,
        nonce,
    } = cx;
    let teams = conversations::teams(&state.store, &who.actor).await?;
    let signals = kit::signals(&state.store, &who.actor, true).await?;
    let page = StaffPage::NewConversation {
        nav: who.nav,
        teams,
        signals,
        form,
        errors,
        warning,
    };
    Ok(render_staff(
        state,
        locale,
        nonce,
        "/leiding/gesprekken/nieuw",
        page,
        status,
    )
    .await)
}

/// `GET /leiding/gesprekken/nieuw[?team=CODE]`: the form to record a conversation.
pub async fn new_conversation(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    Query(q): Query<HashMap<String, String>>,
    locale: Locale,
    who: SignedIn,
) -> Result<Response, ServiceError> {
    who.actor.require(Permission::RecordConversations)?;
    let form = ConversationForm {
        team: q.get("team").cloned().unwrap_or_default(),
        held_on: app::services::today().to_string(),
        temperatures: ConversationTheme::ALL
            .iter()
            .map(|t| (*t, String::new()))
            .collect(),
        ..Default::default()
    };
    new_conversation_page(
        Ctx {
            state: &state,
            who,
            locale,
            nonce: &nonce,
        },
        form,
        Vec::new(),
        None,
        StatusCode::OK,
    )
    .await
}

/// The conversation form as posted. Unknown help routes are refused as a bad request (the
/// form only offers known ones).
fn conversation_form(form: &AnswerForm) -> Result<ConversationForm, ServiceError> {
    let all = |name: &str| -> Vec<String> {
        form.0
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .collect()
    };
    let help = all("help")
        .iter()
        .map(|h| h.parse::<HelpKind>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| app::services::responses::bad_form())?;
    Ok(ConversationForm {
        team: form.field("team").unwrap_or_default().to_string(),
        held_on: form.field("held_on").unwrap_or_default().to_string(),
        participants: form.field("participants").unwrap_or_default().to_string(),
        temperatures: ConversationTheme::ALL
            .iter()
            .map(|t| {
                (
                    *t,
                    form.field(&format!("temperature_{t}"))
                        .unwrap_or_default()
                        .to_string(),
                )
            })
            .collect(),
        signals: all("signals"),
        actions: form.field("actions").unwrap_or_default().to_string(),
        help_offered: help,
        confirmed: form.field("confirmed") == Some("1"),
    })
}

/// `POST /leiding/gesprekken`: records a conversation and shows it; a refused form comes
/// back with its errors beside the fields, a text that may hold a name with a warning.
pub async fn record_conversation(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    session: Session,
    locale: Locale,
    who: SignedIn,
    form: AnswerForm,
) -> Result<Response, ServiceError> {
    who.actor.require(Permission::RecordConversations)?;
    check_csrf(&session, form.field(CSRF_FIELD)).await?;
    let posted = conversation_form(&form)?;
    match conversations::record(
        &state.store,
        &who.actor,
        &posted,
        locale,
        app::services::today(),
    )
    .await
    {
        Ok(id) => Ok(
            Redirect::to(&format!("/leiding/gesprekken/{id}?opgeslagen=gesprek")).into_response(),
        ),
        Err(e) => {
            if let Some(warning) = personal_warning(&e) {
                return new_conversation_page(
                    Ctx {
                        state: &state,
                        who,
                        locale,
                        nonce: &nonce,
                    },
                    posted,
                    Vec::new(),
                    Some(warning),
                    StatusCode::CONFLICT,
                )
                .await;
            }
            let (errors, status) = field_errors(e)?;
            new_conversation_page(
                Ctx {
                    state: &state,
                    who,
                    locale,
                    nonce: &nonce,
                },
                posted,
                errors,
                None,
                status,
            )
            .await
        }
    }
}

async fn conversation_page(
    cx: Ctx<'_>,
    id: &str,
    form: FollowUpForm,
    errors: Vec<(String, Message)>,
    warning: Option<Message>,
    saved: Option<String>,
    status: StatusCode,
) -> Result<Response, ServiceError> {
    let Ctx {
        state,
        who,
        locale,
        nonce,
    } = cx;
    let view =
        conversations::view(&state.store, &who.actor, id, locale, app::services::today()).await?;
    let page = StaffPage::Conversation {
        nav: who.nav,
        view: Box::new(view),
        form,
        errors,
        warning,
        saved,
    };
    let path = format!("/leiding/gesprekken/{id}");
    Ok(render_staff(state, locale, nonce, &path, page, status).await)
}

/// `GET /leiding/gesprekken/{id}`: a conversation of the manager's teams and its follow-up.
pub async fn show_conversation(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    locale: Locale,
    who: SignedIn,
) -> Result<Response, ServiceError> {
    let saved = match q.get("opgeslagen").map(String::as_str) {
        Some("gesprek") => Some("conversation".to_string()),
        Some("opvolging") => Some("follow-up".to_string()),
        _ => None,
    };
    conversation_page(
        Ctx {
            state: &state,
            who,
            locale,
            nonce: &nonce,
        },
        &id,
        FollowUpForm::default(),
        Vec::new(),
        None,
        saved,
        StatusCode::OK,
    )
    .await
}

/// `POST /leiding/gesprekken/{id}/opvolging`: how the agreed actions went.
pub async fn record_follow_up(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    Path(id): Path<String>,
    session: Session,
    locale: Locale,
    who: SignedIn,
    form: AnswerForm,
) -> Result<Response, ServiceError> {
    who.actor.require(Permission::RecordConversations)?;
    check_csrf(&session, form.field(CSRF_FIELD)).await?;
    let posted = FollowUpForm {
        result: form.field("result").unwrap_or_default().to_string(),
        note: form.field("note").unwrap_or_default().to_string(),
        confirmed: form.field("confirmed") == Some("1"),
    };
    match conversations::follow_up(
        &state.store,
        &who.actor,
        &id,
        &posted,
        app::services::today(),
    )
    .await
    {
        Ok(()) => Ok(
            Redirect::to(&format!("/leiding/gesprekken/{id}?opgeslagen=opvolging")).into_response(),
        ),
        Err(e) => {
            let (errors, warning, status) = if let Some(w) = personal_warning(&e) {
                (Vec::new(), Some(w), StatusCode::CONFLICT)
            } else if let ServiceError::Conflict {
                field: Some(field),
                refusal,
            } = &e
            {
                (
                    vec![(field.to_string(), refusal.body.clone())],
                    None,
                    StatusCode::CONFLICT,
                )
            } else {
                let (errors, status) = field_errors(e)?;
                (errors, None, status)
            };
            conversation_page(
                Ctx {
                    state: &state,
                    who,
                    locale,
                    nonce: &nonce,
                },
                &id,
                posted,
                errors,
                warning,
                None,
                status,
            )
            .await
        }
    }
}

/// `GET /leiding/handreiking`: the kit to read (every account), with the handouts of the
/// reader's teams to download.
pub async fn kit_page(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    locale: Locale,
    who: SignedIn,
) -> Result<Response, ServiceError> {
    let mut docs = Vec::new();
    for kind in KitKind::ALL {
        docs.push(
            kit::current(&state.store, &who.actor, *kind)
                .await?
                .view(locale),
        );
    }
    let teams = if who.actor.may(Permission::RecordConversations) {
        conversations::teams(&state.store, &who.actor).await?
    } else {
        Vec::new()
    };
    let routes = kit::routes_for_reader(&state.store, &who.actor).await?;
    let page = StaffPage::Kit {
        nav: who.nav,
        docs,
        routes,
        teams,
    };
    Ok(render_staff(
        &state,
        locale,
        &nonce,
        "/leiding/handreiking",
        page,
        StatusCode::OK,
    )
    .await)
}

fn kind_of(s: &str) -> Result<KitKind, ServiceError> {
    s.parse::<KitKind>().map_err(|_| {
        ServiceError::not_found(app::services::Refusal::new(
            app::msg!("not-found-title"),
            app::msg!("kit-kind-unknown"),
        ))
    })
}

async fn kit_edit_page(
    cx: Ctx<'_>,
    kind: KitKind,
    draft: Option<KitDraft>,
    errors: Vec<(String, Message)>,
    saved: Option<i32>,
    status: StatusCode,
) -> Result<Response, ServiceError> {
    let Ctx {
        state,
        who,
        locale,
        nonce,
    } = cx;
    let current = kit::current(&state.store, &who.actor, kind).await?;
    let versions = kit::versions(&state.store, &who.actor, kind).await?;
    let draft = draft.unwrap_or_else(|| KitDraft {
        body_nl: current.body.nl.clone(),
        body_en: current.body.en.clone(),
    });
    let page = StaffPage::KitEdit {
        nav: who.nav,
        kind,
        current: current.view(locale),
        draft,
        versions,
        errors,
        saved,
    };
    let path = format!("/hrm/gesprekskit/{kind}");
    Ok(render_staff(state, locale, nonce, &path, page, status).await)
}

/// `GET /hrm/gesprekskit` and `GET /hrm/gesprekskit/{kind}`: edit a document of the kit.
pub async fn kit_edit(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    kind: Option<Path<String>>,
    Query(q): Query<HashMap<String, String>>,
    locale: Locale,
    who: SignedIn,
) -> Result<Response, ServiceError> {
    who.actor.require(Permission::ManageKit)?;
    let kind = match kind {
        Some(Path(k)) => kind_of(&k)?,
        None => KitKind::Handreiking,
    };
    let saved = q.get("versie").and_then(|v| v.parse().ok());
    kit_edit_page(
        Ctx {
            state: &state,
            who,
            locale,
            nonce: &nonce,
        },
        kind,
        None,
        Vec::new(),
        saved,
        StatusCode::OK,
    )
    .await
}

/// `POST /hrm/gesprekskit/{kind}`: saves a new version.
pub async fn kit_save(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    Path(kind): Path<String>,
    session: Session,
    locale: Locale,
    who: SignedIn,
    form: AnswerForm,
) -> Result<Response, ServiceError> {
    who.actor.require(Permission::ManageKit)?;
    check_csrf(&session, form.field(CSRF_FIELD)).await?;
    let kind = kind_of(&kind)?;
    let draft = KitDraft {
        body_nl: form.field("body_nl").unwrap_or_default().to_string(),
        body_en: form.field("body_en").unwrap_or_default().to_string(),
    };
    match kit::save(&state.store, &who.actor, kind, &draft).await {
        Ok(v) => Ok(Redirect::to(&format!("/hrm/gesprekskit/{kind}?versie={v}")).into_response()),
        Err(e) => {
            let (errors, status) = field_errors(e)?;
            kit_edit_page(
                Ctx {
                    state: &state,
                    who,
                    locale,
                    nonce: &nonce,
                },
                kind,
                Some(draft),
                errors,
                None,
                status,
            )
            .await
        }
    }
}

async fn help_page(
    cx: Ctx<'_>,
    unit: String,
    shown: Option<Vec<app::domain::HelpRouteRow>>,
    errors: Vec<(String, Message)>,
    saved: bool,
    status: StatusCode,
) -> Result<Response, ServiceError> {
    let Ctx {
        state,
        who,
        locale,
        nonce,
    } = cx;
    let units = organisation::units(&state.store, &who.actor).await?;
    if !unit.is_empty() && !units.iter().any(|(c, _)| *c == unit) {
        return Err(ServiceError::not_found(app::services::Refusal::new(
            app::msg!("not-found-title"),
            app::msg!("help-route-unit-unknown"),
        )));
    }
    let routes = match shown {
        Some(r) => r,
        None => kit::routes_of(&state.store, &who.actor, &unit).await?,
    };
    let page = StaffPage::HelpRoutes {
        nav: who.nav,
        units,
        unit,
        routes,
        errors,
        saved,
    };
    Ok(render_staff(state, locale, nonce, "/hrm/gesprekskit/hulp", page, status).await)
}

/// `GET /hrm/gesprekskit/hulp[?eenheid=CODE]`: the help routes of a unit (none: the whole
/// organisation's).
pub async fn help_routes(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    Query(q): Query<HashMap<String, String>>,
    locale: Locale,
    who: SignedIn,
) -> Result<Response, ServiceError> {
    who.actor.require(Permission::ManageKit)?;
    let unit = q.get("eenheid").cloned().unwrap_or_default();
    let saved = q.contains_key("opgeslagen");
    help_page(
        Ctx {
            state: &state,
            who,
            locale,
            nonce: &nonce,
        },
        unit,
        None,
        Vec::new(),
        saved,
        StatusCode::OK,
    )
    .await
}

/// `POST /hrm/gesprekskit/hulp`: replaces one unit's help routes.
pub async fn save_help_routes(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    session: Session,
    locale: Locale,
    who: SignedIn,
    form: AnswerForm,
) -> Result<Response, ServiceError> {
    who.actor.require(Permission::ManageKit)?;
    check_csrf(&session, form.field(CSRF_FIELD)).await?;
    let unit = form.field("unit").unwrap_or_default().trim().to_string();
    let rows: Vec<(HelpKind, String, String)> = HelpKind::ALL
        .iter()
        .map(|k| {
            (
                *k,
                form.field(&format!("name_{k}"))
                    .unwrap_or_default()
                    .to_string(),
                form.field(&format!("contact_{k}"))
                    .unwrap_or_default()
                    .to_string(),
            )
        })
        .collect();
    match kit::set_routes(&state.store, &who.actor, &unit, &rows).await {
        Ok(()) => {
            let q = if unit.is_empty() {
                "?opgeslagen=1".to_string()
            } else {
                format!("?eenheid={unit}&opgeslagen=1")
            };
            Ok(Redirect::to(&format!("/hrm/gesprekskit/hulp{q}")).into_response())
        }
        Err(e) => {
            let (errors, status) = field_errors(e)?;
            let shown = rows
                .into_iter()
                .filter(|(_, n, c)| !n.trim().is_empty() || !c.trim().is_empty())
                .map(|(kind, name, contact)| app::domain::HelpRouteRow {
                    kind,
                    unit_code: unit.clone(),
                    name,
                    contact,
                })
                .collect();
            help_page(
                Ctx {
                    state: &state,
                    who,
                    locale,
                    nonce: &nonce,
                },
                unit.clone(),
                Some(shown),
                errors,
                false,
                status,
            )
            .await
        }
    }
}

async fn signals_page(
    cx: Ctx<'_>,
    form: (String, String, String),
    errors: Vec<(String, Message)>,
    status: StatusCode,
) -> Result<Response, ServiceError> {
    let Ctx {
        state,
        who,
        locale,
        nonce,
    } = cx;
    let rows = kit::signals(&state.store, &who.actor, false).await?;
    let page = StaffPage::Signals {
        nav: who.nav,
        rows,
        form,
        errors,
    };
    Ok(render_staff(
        state,
        locale,
        nonce,
        "/hrm/gesprekskit/signalen",
        page,
        status,
    )
    .await)
}

/// `GET /hrm/gesprekskit/signalen`: the signal categories.
pub async fn signals(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    locale: Locale,
    who: SignedIn,
) -> Result<Response, ServiceError> {
    who.actor.require(Permission::ManageKit)?;
    signals_page(
        Ctx {
            state: &state,
            who,
            locale,
            nonce: &nonce,
        },
        Default::default(),
        Vec::new(),
        StatusCode::OK,
    )
    .await
}

/// `POST /hrm/gesprekskit/signalen`: adds a signal category.
pub async fn add_signal(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    session: Session,
    locale: Locale,
    who: SignedIn,
    form: AnswerForm,
) -> Result<Response, ServiceError> {
    who.actor.require(Permission::ManageKit)?;
    check_csrf(&session, form.field(CSRF_FIELD)).await?;
    let typed = (
        form.field("code").unwrap_or_default().to_string(),
        form.field("label_nl").unwrap_or_default().to_string(),
        form.field("label_en").unwrap_or_default().to_string(),
    );
    let label = Localized::new(&typed.1, &typed.2);
    match kit::add_signal(&state.store, &who.actor, &typed.0, &label).await {
        Ok(()) => Ok(Redirect::to("/hrm/gesprekskit/signalen").into_response()),
        Err(ServiceError::Conflict {
            field: Some(field),
            refusal,
        }) => {
            let errors = vec![(field.to_string(), refusal.body.clone())];
            signals_page(
                Ctx {
                    state: &state,
                    who,
                    locale,
                    nonce: &nonce,
                },
                typed,
                errors,
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(e) => {
            let (errors, status) = field_errors(e)?;
            signals_page(
                Ctx {
                    state: &state,
                    who,
                    locale,
                    nonce: &nonce,
                },
                typed,
                errors,
                status,
            )
            .await
        }
    }
}

/// `POST /hrm/gesprekskit/signalen/{code}`: switches a category on (`active=1`) or off.
pub async fn toggle_signal(
    State(state): State<AppState>,
    Path(code): Path<String>,
    session: Session,
    who: SignedIn,
    form: AnswerForm,
) -> Result<Response, ServiceError> {
    who.actor.require(Permission::ManageKit)?;
    check_csrf(&session, form.field(CSRF_FIELD)).await?;
    let active = form.field("active") == Some("1");
    kit::set_signal_active(&state.store, &who.actor, &code, active).await?;
    Ok(Redirect::to("/hrm/gesprekskit/signalen").into_response())
}

/// `GET /hrm/sfeerbeeld`: what the conversations say, per unit and quarter.
pub async fn sfeerbeeld(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    locale: Locale,
    who: SignedIn,
) -> Result<Response, ServiceError> {
    let view =
        conversations::sfeerbeeld(&state.store, &who.actor, locale, app::services::today()).await?;
    let page = StaffPage::Sfeerbeeld {
        nav: who.nav,
        view: Box::new(view),
    };
    Ok(render_staff(
        &state,
        locale,
        &nonce,
        "/hrm/sfeerbeeld",
        page,
        StatusCode::OK,
    )
    .await)
}

/// `GET /hrm/sfeerbeeld.csv`: the same cells as a spreadsheet file (audited).
pub async fn sfeerbeeld_csv(
    State(state): State<AppState>,
    locale: Locale,
    who: SignedIn,
) -> Result<Response, ServiceError> {
    let bytes =
        conversations::sfeerbeeld_csv(&state.store, &who.actor, locale, app::services::today())
            .await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"sfeerbeeld.csv\"",
            ),
        ],
        bytes,
    )
        .into_response())
}

/// `GET /leiding/handout.pdf[?team=CODE]`: the handout of one of the reader's teams, or the
/// blank one, in the reader's language.
pub async fn handout_pdf(
    State(state): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
    locale: Locale,
    who: SignedIn,
) -> Result<Response, ServiceError> {
    let team = q.get("team").map(String::as_str).filter(|t| !t.is_empty());
    let bytes = app::services::handouts::pdf(
        &state.store,
        &who.actor,
        team,
        locale,
        app::services::today(),
    )
    .await?;
    let name = match team {
        Some(code) => format!("handreiking-{}.pdf", safe_file_part(code)),
        None => "handreiking.pdf".to_string(),
    };
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// A code as part of a file name: letters, digits, `-` and `_` only.
fn safe_file_part(code: &str) -> String {
    code.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// `GET /leiding/resultaten`: the results of closed waves for the manager's part.
pub async fn team_results(
    State(state): State<AppState>,
    Extension(nonce): Extension<CspNonce>,
    locale: Locale,
    who: SignedIn,
) -> Result<Response, ServiceError> {
    let (scope, polls) =
        app::services::team_results::for_manager(&state.store, &who.actor, locale).await?;
    let page = StaffPage::TeamResults {
        nav: who.nav,
        scope,
        polls,
    };
    Ok(render_staff(
        &state,
        locale,
        &nonce,
        "/leiding/resultaten",
        page,
        StatusCode::OK,
    )
    .await)
}
