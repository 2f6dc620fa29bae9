//! How `polsslag serve` is configured: command-line flags, each with an environment
//! variable, gathered into one value that is passed whole.

use std::net::SocketAddr;

#[cfg(test)]
mod tests {
    #[test]
    fn links_point_where_the_server_listens() {
        let at = |s: &str| super::base_url_for(s.parse().unwrap());
        assert_eq!(at("127.0.0.1:3900"), "http://127.0.0.1:3900");
        assert_eq!(at("0.0.0.0:8080"), "http://127.0.0.1:8080");
        assert_eq!(at("[::]:8080"), "http://[::1]:8080");
        assert_eq!(at("10.1.2.3:80"), "http://10.1.2.3:80");
    }
}
use std::path::PathBuf;

/// The default database: `polsslag.db` in the working directory (created when missing).
pub const DEFAULT_DATABASE_URL: &str = "sqlite://polsslag.db?mode=rwc";

#[derive(Clone, Debug, clap::Args)]
pub struct ServeConfig {
    /// Address to listen on / adres om op te luisteren
    #[arg(long, env = "POLSSLAG_BIND", default_value = "127.0.0.1:3000")]
    pub bind: SocketAddr,
    /// SQLite file or PostgreSQL URL / SQLite-bestand of PostgreSQL-URL
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
    pub database_url: String,
    /// Directory of the WASM bundle; default `pkg/` beside the executable
    #[arg(long, env = "POLSSLAG_PKG_DIR")]
    pub pkg_dir: Option<PathBuf>,
    /// The address people use to reach this server, for the links Polsslag prints (team links,
    /// their QR codes); default: where it listens / het adres waarop mensen de server bereiken
    #[arg(long, env = "POLSSLAG_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// The sealing key file (the command line's global `--key-file`); `None`: the default
    /// (`app::services::sealing::default_key_path`) or `POLSSLAG_SEALING_KEY`.
    #[arg(skip)]
    pub key_file: Option<PathBuf>,
    /// Where invitations and reminders go out (none: they wait in the queue).
    #[command(flatten)]
    pub mail: crate::mailer::MailConfig,
    /// API requests per minute per token, and as many at once / API-verzoeken per minuut per
    /// token, en zoveel tegelijk
    #[arg(long = "api-rate", env = "POLSSLAG_API_RATE", default_value_t = crate::web::api::API_PER_MINUTE, value_parser = clap::value_parser!(u32).range(1..))]
    pub api_rate: u32,
}

/// The URL people use to reach a server listening on `bind`: an unspecified address
/// (`0.0.0.0`, `::`) is reached on this machine as the loopback address.
pub fn base_url_for(bind: SocketAddr) -> String {
    let ip = match bind.ip() {
        ip if ip.is_unspecified() && ip.is_ipv4() => std::net::Ipv4Addr::LOCALHOST.into(),
        ip if ip.is_unspecified() => std::net::Ipv6Addr::LOCALHOST.into(),
        ip => ip,
    };
    format!("http://{}", SocketAddr::new(ip, bind.port()))
}

impl ServeConfig {
    /// A configuration for `database_url` on `bind`, everything else default (tests).
    pub fn new(database_url: impl Into<String>, bind: SocketAddr) -> Self {
        Self {
            bind,
            database_url: database_url.into(),
            pkg_dir: None,
            public_url: None,
            key_file: None,
            mail: crate::mailer::MailConfig::default(),
            api_rate: crate::web::api::API_PER_MINUTE,
        }
    }

    /// Where the WASM bundle lives: `--pkg-dir`, else `pkg/` beside the executable.
    pub fn pkg_dir(&self) -> PathBuf {
        if let Some(dir) = &self.pkg_dir {
            return dir.clone();
        }
        std::env::current_exe()
            .ok()
            .and_then(|p| p.parent().map(|d| d.join("pkg")))
            .unwrap_or_else(|| PathBuf::from("pkg"))
    }
}
