//! The HTTP surface: the router (every route in one place), shared state, security headers,
//! static assets and logging. Handlers are thin: they parse the request, call the service
//! layer and render; a [`app::services::ServiceError`] they return becomes a page in the
//! reader's language through `app::services::http::render_errors`.

mod admin;
pub mod api;
mod coordinatie;
mod dashboard;
mod forms;
mod hrm;
mod jaarbeeld;
mod language;
mod leiding;
mod pages;
mod respondent;
mod staff;
mod wave;

use app::services::Store;
use axum::{
    extract::{DefaultBodyLimit, MatchedPath, Request},
    http::{header, HeaderValue},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use leptos::prelude::LeptosOptions;
use std::path::Path;
use std::time::Instant;
use tower_http::{
    compression::CompressionLayer, services::ServeDir, set_header::SetResponseHeaderLayer,
};

/// Largest request body accepted. The longest monitor with every open text filled in stays
/// far below this.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Largest upload (organisation and roster files, the roster API), with room for the
/// form's other fields.
pub const UPLOAD_LIMIT: usize = app::services::imports::MAX_FILE_BYTES + 64 * 1024;

const CSS: &str = include_str!("../../../app/style/polsslag.css");

/// Everything a handler may need; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub leptos: LeptosOptions,
    /// Where people reach this server (no trailing slash): the base of printed links.
    pub public_url: String,
    /// Sends the mail queue when an SMTP server is configured; `None`: mail waits.
    pub mailer: Option<std::sync::Arc<crate::mailer::Mailer>>,
    /// Requests per API token ([`api::ApiLimiter`]), shared by every handler of this server.
    pub api_limit: std::sync::Arc<api::ApiLimiter>,
}

impl axum::extract::FromRef<AppState> for Store {
    fn from_ref(s: &AppState) -> Store {
        s.store.clone()
    }
}

pub fn leptos_options() -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("frontend")
        .site_pkg_dir("pkg")
        .build()
}

pub fn router(state: AppState, pkg: &Path) -> Router {
    if pkg.join("frontend_bg.wasm").exists() {
        tracing::info!(dir = %pkg.display(), "serving the WASM bundle");
    } else {
        tracing::warn!(
            dir = %pkg.display(),
            "no WASM bundle found: pages work as plain HTML forms without hydration \
             (run scripts/build-wasm.sh)"
        );
    }
    // Only the workspace's routes touch sessions; the respondent's never do.
    let workspace = Router::new()
        .route("/login", get(staff::login_form).post(staff::login))
        .route("/logout", axum::routing::post(staff::logout))
        .route("/hrm", get(staff::hrm_home))
        .route("/hrm/nieuwe-peiling", get(hrm::new_poll_page))
        .route("/hrm/peilingen", axum::routing::post(hrm::create_poll))
        .route(
            "/hrm/peilingen/samenstellen",
            axum::routing::post(hrm::compose_poll),
        )
        .route(
            "/hrm/vragenbank",
            get(hrm::bank_page).post(hrm::add_question),
        )
        .route("/hrm/peilingen/{id}", get(hrm::poll_page))
        .route(
            "/hrm/peilingen/{id}/golven",
            axum::routing::post(hrm::create_wave),
        )
        .route("/hrm/peilingen/{id}/voorbeeld", get(hrm::preview))
        .route(
            "/hrm/peilingen/{id}/bewerken",
            get(hrm::edit_poll_page).post(hrm::edit_poll),
        )
        .route(
            "/hrm/peilingen/{id}/bundel.zip",
            axum::routing::post(hrm::bundle),
        )
        .route(
            "/hrm/golven/{id}/openen",
            axum::routing::post(hrm::open_wave),
        )
        .route(
            "/hrm/golven/{id}/sluiten",
            axum::routing::post(hrm::close_wave),
        )
        .route(
            "/hrm/golven/{id}/teamlinks",
            axum::routing::post(hrm::team_links),
        )
        .route("/hrm/golven/{id}", get(wave::wave_page))
        .route(
            "/hrm/golven/{id}/steekproef",
            axum::routing::post(wave::draw_sample),
        )
        .route(
            "/hrm/golven/{id}/uitnodigen",
            axum::routing::post(wave::invite_everyone),
        )
        .route(
            "/hrm/golven/{id}/versturen",
            axum::routing::post(wave::send_invitations),
        )
        .route(
            "/hrm/golven/{id}/herinnering",
            axum::routing::post(wave::schedule_reminder),
        )
        .route(
            "/hrm/golven/{id}/bericht",
            axum::routing::post(wave::save_text),
        )
        .route(
            "/hrm/golven/{id}/links.csv",
            axum::routing::post(wave::links_csv),
        )
        .route("/beheer", get(staff::admin_home))
        .route(
            "/beheer/accounts",
            axum::routing::post(staff::create_account),
        )
        .route(
            "/beheer/accounts/{id}/{what}",
            axum::routing::post(staff::switch_account),
        )
        .route("/account", get(staff::account_page))
        .route(
            "/account/wachtwoord",
            axum::routing::post(staff::change_password),
        )
        .route("/leiding", get(leiding::manager_home))
        .route("/leiding/gesprekken/nieuw", get(leiding::new_conversation))
        .route(
            "/leiding/gesprekken",
            axum::routing::post(leiding::record_conversation),
        )
        .route("/leiding/gesprekken/{id}", get(leiding::show_conversation))
        .route(
            "/leiding/gesprekken/{id}/opvolging",
            axum::routing::post(leiding::record_follow_up),
        )
        .route("/leiding/handreiking", get(leiding::kit_page))
        .route("/leiding/resultaten", get(leiding::team_results))
        .route("/leiding/handout.pdf", get(leiding::handout_pdf))
        .route("/hrm/gesprekskit", get(leiding::kit_edit))
        .route(
            "/hrm/gesprekskit/hulp",
            get(leiding::help_routes).post(leiding::save_help_routes),
        )
        .route(
            "/hrm/gesprekskit/signalen",
            get(leiding::signals).post(leiding::add_signal),
        )
        .route(
            "/hrm/gesprekskit/signalen/{code}",
            axum::routing::post(leiding::toggle_signal),
        )
        .route(
            "/hrm/gesprekskit/{kind}",
            get(leiding::kit_edit).post(leiding::kit_save),
        )
        .route("/hrm/sfeerbeeld", get(leiding::sfeerbeeld))
        .route("/hrm/sfeerbeeld.csv", get(leiding::sfeerbeeld_csv))
        .route("/hrm/dashboard", get(dashboard::dashboard_page))
        .route(
            "/hrm/dashboard/grafiek.svg",
            get(dashboard::dashboard_chart),
        )
        .route("/hrm/jaarbeeld", get(jaarbeeld::report_page))
        .route("/hrm/jaarbeeld/download", get(jaarbeeld::report_download))
        .route(
            "/hrm/indicatoren",
            get(jaarbeeld::indicators_page).post(jaarbeeld::define_indicator),
        )
        .route(
            "/hrm/indicatoren/waarden",
            axum::routing::post(jaarbeeld::import_indicators),
        )
        .route("/coordinatie", get(coordinatie::home))
        .route(
            "/coordinatie/waarde",
            axum::routing::post(coordinatie::record_value),
        )
        .route(
            "/coordinatie/waarden",
            axum::routing::post(coordinatie::import_values),
        )
        .route(
            "/beheer/organisatie",
            get(admin::organisation_page)
                .post(admin::organisation_upload)
                .layer(DefaultBodyLimit::max(UPLOAD_LIMIT)),
        )
        .route(
            "/beheer/organisatie/toepassen",
            axum::routing::post(admin::organisation_apply),
        )
        .route(
            "/beheer/personeel",
            get(admin::roster_page)
                .post(admin::roster_upload)
                .layer(DefaultBodyLimit::max(UPLOAD_LIMIT)),
        )
        .route(
            "/beheer/personeel/toepassen",
            axum::routing::post(admin::roster_apply),
        )
        .route("/beheer/audit", get(admin::audit_page))
        .route(
            "/beheer/tokens",
            get(admin::tokens_page).post(admin::tokens_create),
        )
        .route(
            "/beheer/tokens/intrekken",
            axum::routing::post(admin::tokens_revoke),
        )
        .layer(staff::session_layer(state.store.clone()))
        .layer(middleware::from_fn(staff::session_not_saved));
    Router::new()
        .merge(workspace)
        .route("/p/{token}", get(respondent::exchange_link))
        .route(
            "/v",
            get(respondent::show_poll).post(respondent::answer_poll),
        )
        .route(
            "/api/v1/roster",
            axum::routing::post(api::roster_import).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)),
        )
        .route("/api/openapi.json", get(api::openapi))
        .route("/taal/{lang}", get(language::switch))
        .route("/assets/polsslag.css", get(stylesheet))
        .route("/health", get(|| async { "ok" }))
        .nest_service(
            "/pkg",
            tower::ServiceBuilder::new()
                .layer(SetResponseHeaderLayer::overriding(
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("public, max-age=3600"),
                ))
                .service(ServeDir::new(pkg)),
        )
        .fallback(pages::leptos_page)
        .layer(middleware::from_fn(app::services::http::render_errors))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(CompressionLayer::new())
        .layer(middleware::from_fn_with_state(
            Tls(state.public_url.starts_with("https://")),
            security_headers,
        ))
        .layer(middleware::from_fn(access_log))
        .with_state(state)
}

/// Whether people reach this server over TLS (`--public-url https://…`, a proxy in front
/// ending TLS): then every response carries HSTS and every cookie the `Secure` flag. Over
/// plain HTTP (a laptop, the demo) neither: a browser would drop a `Secure` cookie there.
#[derive(Clone, Copy, Debug)]
struct Tls(bool);

/// HSTS for a year, for this host only: the organisation's other hosts are not ours to pin.
const HSTS: &str = "max-age=31536000";

async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        CSS,
    )
        .into_response()
}

/// The per-response value that lets the page's own inline scripts (the hydration bootstrap
/// and its data) run under the script policy; nothing else inline runs.
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);

impl CspNonce {
    fn generate() -> Self {
        CspNonce(format!("{:032x}", rand::random::<u128>()))
    }
}

/// Headers every response carries. No external requests are ever needed, so the policy
/// allows only this origin, and inline scripts only with this response's nonce (never
/// `unsafe-inline`); `no-referrer` keeps a personal link out of any Referer header. Behind
/// TLS ([`Tls`]) also `Strict-Transport-Security`, and `Secure` on every cookie set (the
/// session's, the respondent's link and the language's alike).
async fn security_headers(
    axum::extract::State(Tls(tls)): axum::extract::State<Tls>,
    mut req: Request,
    next: Next,
) -> Response {
    let nonce = CspNonce::generate();
    req.extensions_mut().insert(nonce.clone());
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; \
         frame-ancestors 'none'; base-uri 'none'",
        nonce.0
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_str(&policy).expect("ascii policy"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if tls {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        );
        let cookies: Vec<HeaderValue> = h.get_all(header::SET_COOKIE).iter().cloned().collect();
        if !cookies.is_empty() {
            h.remove(header::SET_COOKIE);
            for c in cookies {
                h.append(header::SET_COOKIE, secure_cookie(c));
            }
        }
    }
    res
}

/// A `Set-Cookie` value with the `Secure` attribute (unchanged when it has it already).
fn secure_cookie(value: HeaderValue) -> HeaderValue {
    let has_secure = value.to_str().is_ok_and(|v| {
        v.split(';')
            .skip(1)
            .any(|a| a.trim().eq_ignore_ascii_case("secure"))
    });
    if has_secure {
        return value;
    }
    let mut bytes = value.as_bytes().to_vec();
    bytes.extend_from_slice(b"; Secure");
    HeaderValue::from_bytes(&bytes).unwrap_or(value)
}

/// One log line per request, naming the route pattern (`/p/{token}`), never the URI: a
/// personal link must not reach a log. No IP address, no user agent.
async fn access_log(req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_string())
        .unwrap_or_else(|| "(page)".to_string());
    let method = req.method().clone();
    let start = Instant::now();
    let res = next.run(req).await;
    tracing::info!(
        %method,
        route,
        status = res.status().as_u16(),
        ms = start.elapsed().as_millis() as u64,
        "request"
    );
    res
}
