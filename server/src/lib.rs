//! The `polsslag` binary's edges: configuration, the router and its handlers, the command
//! line, background jobs and the demo generator. All of them call the service layer in
//! `app::services`; there is no SQL here. Statistics live in the `analysis` crate.

pub mod config;
pub mod demo;
pub mod jobs;
pub mod mailer;
pub mod web;

pub use config::ServeConfig;

use app::services::Store;
use tokio::net::TcpListener;

/// A server bound to its address, ready to run. Tests bind to port 0 and read the address.
pub struct Application {
    listener: TcpListener,
    router: axum::Router,
    pub store: Store,
    mailer: Option<std::sync::Arc<mailer::Mailer>>,
    public_url: String,
}

impl Application {
    /// Opens (and migrates) the database, seeds the question bank and binds the address.
    pub async fn build(config: ServeConfig) -> anyhow::Result<Self> {
        // Leptos renders on the tokio runtime; a second init (tests) is harmless.
        let _ = any_spawner::Executor::init_tokio();
        let key = app::services::sealing::SealingKey::load_or_create(config.key_file.as_deref())?;
        let store = Store::open(&config.database_url, key).await?;
        let listener = TcpListener::bind(config.bind).await?;
        let public_url = match &config.public_url {
            Some(u) => u.trim_end_matches('/').to_string(),
            None => config::base_url_for(listener.local_addr()?),
        };
        let mailer = mailer::Mailer::new(&config.mail)?.map(std::sync::Arc::new);
        let state = web::AppState {
            store: store.clone(),
            leptos: web::leptos_options(),
            public_url: public_url.clone(),
            mailer: mailer.clone(),
            api_limit: std::sync::Arc::new(web::api::api_limiter(config.api_rate)),
        };
        Ok(Self {
            listener,
            router: web::router(state, &config.pkg_dir()),
            store,
            mailer,
            public_url,
        })
    }

    pub fn local_addr(&self) -> std::net::SocketAddr {
        self.listener
            .local_addr()
            .expect("bound listener has an address")
    }

    /// Serves until Ctrl-C or SIGTERM; in-flight requests finish first. Meanwhile the
    /// background jobs run ([`jobs`]).
    pub async fn run(self) -> std::io::Result<()> {
        jobs::spawn(self.store.clone(), self.mailer, self.public_url);
        axum::serve(self.listener, self.router)
            .with_graceful_shutdown(shutdown_signal())
            .await?;
        // A clean shutdown checkpoints the SQLite log and closes the pool, so no `-wal` file
        // with the day's history stays behind.
        if let Err(e) = self.store.close().await {
            tracing::warn!(error = %e, "closing the database after shutdown");
        }
        Ok(())
    }

    /// Serves until the future resolves (for tests; no background jobs).
    pub async fn run_until(
        self,
        stop: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        axum::serve(self.listener, self.router)
            .with_graceful_shutdown(stop)
            .await
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
