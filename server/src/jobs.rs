//! Background jobs of a running server, at start and then every ten minutes: closing waves
//! whose last day has passed (so results never wait for someone to remember), and forgetting
//! used form nonces and browser sessions that have expired, and import uploads over a day old.
//! With an SMTP server configured, the mail queue and the managers' follow-up reminders are
//! worked every half minute ([`crate::mailer`]).

use app::services::{responses, sessions, today, waves, Actor, Store};
use std::time::Duration;

const CLOSE_DUE_EVERY: Duration = Duration::from_secs(600);
const MAIL_EVERY: Duration = Duration::from_secs(30);

/// Starts the jobs on the current runtime.
pub fn spawn(
    store: Store,
    mailer: Option<std::sync::Arc<crate::mailer::Mailer>>,
    public_url: String,
) {
    if let Some(mailer) = mailer {
        let store = store.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(MAIL_EVERY);
            loop {
                tick.tick().await;
                if let Err(e) = mailer.drain(&store, None, &public_url).await {
                    app::services::http::log_internal(&e);
                }
                if let Err(e) = mailer.remind_follow_ups(&store, &public_url).await {
                    app::services::http::log_internal(&e);
                }
            }
        });
    }
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(CLOSE_DUE_EVERY);
        loop {
            tick.tick().await;
            if let Err(e) = waves::close_due(&store, &Actor::System, today()).await {
                // An internal cause is logged with its sources; a refusal is still worth a line.
                if e.is_internal() {
                    app::services::http::log_internal(&e);
                } else {
                    tracing::error!("closing due waves failed: {e}");
                }
            }
            if let Err(e) = app::services::progress::record(&store, &Actor::System, today()).await {
                app::services::http::log_internal(&e);
            }
            if let Err(e) = responses::forget_expired_nonces(&store, &Actor::System).await {
                app::services::http::log_internal(&e);
            }
            if let Err(e) = sessions::forget_expired(&store, &Actor::System).await {
                app::services::http::log_internal(&e);
            }
            // Uploads checked but never applied hold a roster: gone after a day.
            if let Err(e) = app::services::imports::forget_stale(&store, &Actor::System).await {
                app::services::http::log_internal(&e);
            }
        }
    });
}
