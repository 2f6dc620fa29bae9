//! The `polsslag` server: configuration, database access, the respondent's way in, and the
//! command line. Statistics live in the `analysis` crate, pages in `app`.

pub mod audit;
pub mod bank;
pub mod db;
pub mod demo;
pub mod entities;
pub mod export;
pub mod invite;
pub mod respond;
pub mod store;
pub mod tokens;
pub mod waves;
pub mod web;

use std::net::SocketAddr;
use store::Store;
use tokio::net::TcpListener;

/// A server bound to its address, ready to run. Tests bind to port 0 and read the address.
pub struct Application {
    listener: TcpListener,
    router: axum::Router,
    pub store: Store,
}

impl Application {
    /// Opens (and migrates) the database, seeds the question bank and binds the address.
    pub async fn build(database_url: &str, bind: SocketAddr) -> anyhow::Result<Self> {
        // Leptos renders on the tokio runtime; a second init (tests) is harmless.
        let _ = any_spawner::Executor::init_tokio();
        let db = db::connect(database_url).await?;
        bank::seed(&db).await?;
        let store = Store::new(db);
        let state = web::AppState {
            store: store.clone(),
            leptos: web::leptos_options(),
        };
        let listener = TcpListener::bind(bind).await?;
        Ok(Self {
            listener,
            router: web::router(state),
            store,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("bound listener has an address")
    }

    /// Serves until Ctrl-C or SIGTERM; in-flight requests finish first. Meanwhile waves whose
    /// last day has passed are closed, at start and every ten minutes.
    pub async fn run(self) -> std::io::Result<()> {
        let store = self.store.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(std::time::Duration::from_secs(600));
            loop {
                tick.tick().await;
                if let Err(e) = waves::close_due(&store, respond::today()).await {
                    tracing::error!(error = %e, "closing due waves failed");
                }
            }
        });
        axum::serve(self.listener, self.router)
            .with_graceful_shutdown(shutdown_signal())
            .await
    }

    /// Serves until the future resolves (for tests).
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
