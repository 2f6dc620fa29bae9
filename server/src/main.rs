//! `polsslag`: the command line of DESIGN.md.

use clap::{Parser, Subcommand};
use std::net::SocketAddr;

const DEFAULT_DB: &str = "sqlite://polsslag.db?mode=rwc";

#[derive(Parser)]
#[command(
    name = "polsslag",
    version,
    about = "Polsslag: anonieme peilingen en medewerkersmonitor / anonymous polls and employee monitor"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Start de webapplicatie / run the web application
    Serve {
        #[arg(long, default_value = "127.0.0.1:3000")]
        bind: SocketAddr,
        #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DB)]
        database_url: String,
    },
    /// Vul de database met een realistische demo-organisatie / fill the database with a demo organisation
    Demo {
        #[arg(long, default_value_t = 65_000)]
        employees: u32,
        #[arg(long, default_value_t = 4)]
        waves: u32,
        #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DB)]
        database_url: String,
        /// Base URL printed in the links / basis-URL van de afgedrukte links
        #[arg(long, default_value = "http://127.0.0.1:3000")]
        base_url: String,
        /// Seed for the random generator (same seed, same organisation)
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
    /// Analyseer een analysebundel tot results.json / analyse an analysis bundle into results.json
    Analyse {
        #[arg(long)]
        bundle: std::path::PathBuf,
        #[arg(long)]
        out: std::path::PathBuf,
        /// Rapportagedrempel k (nooit onder 5) / reporting threshold k (never below 5)
        #[arg(long, default_value_t = 10)]
        min_group: u32,
    },
    /// Schrijf de analysebundel van een peiling / write the analysis bundle of a poll
    Export {
        #[arg(long)]
        poll: String,
        #[arg(long)]
        out: std::path::PathBuf,
        #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DB)]
        database_url: String,
    },
    /// Sluit een golf en husselt de opgeslagen volgorde / close a wave and scramble its stored order
    CloseWave {
        wave_id: String,
        #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DB)]
        database_url: String,
    },
}

/// Errors are printed as one clear line (with their causes), never as a backtrace.
fn main() -> std::process::ExitCode {
    let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
    match runtime.block_on(run()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("Fout / error: {e}");
            for cause in e.chain().skip(1) {
                eprintln!("  oorzaak / cause: {cause}");
            }
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,sea_orm=warn".into()),
        )
        .with_target(false)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()))
        .init();
    let cli = Cli::parse();
    match cli.command {
        Command::Serve { bind, database_url } => {
            let app = server::Application::build(&database_url, bind).await?;
            println!("Polsslag draait op / runs at http://{}", app.local_addr());
            app.run().await?;
        }
        Command::Demo {
            employees,
            waves,
            database_url,
            base_url,
            seed,
        } => {
            let db = server::db::connect(&database_url).await?;
            server::bank::seed(&db).await?;
            let store = server::store::Store::new(db);
            let opts = server::demo::DemoOptions {
                employees,
                waves,
                seed,
                progress: true,
            };
            let out = server::demo::generate(&store, &opts).await?;
            println!("{}", out.describe(&base_url));
        }
        Command::Analyse {
            bundle,
            out,
            min_group,
        } => {
            let s = tokio::task::spawn_blocking(move || {
                analysis::analyse_bundle(
                    &bundle,
                    &out,
                    &analysis::AnalyseOptions {
                        min_group,
                        ..Default::default()
                    },
                )
                .map(|s| (s, out))
            })
            .await??;
            let (s, out) = s;
            println!(
                "{} geschreven / written: {} schattingen / estimates ({} onderdrukt / suppressed), {} veranderingen / changes ({} significant)",
                out.join("results.json").display(),
                s.estimates,
                s.suppressed,
                s.changes,
                s.significant
            );
            if !s.charts.is_empty() {
                println!(
                    "{} grafieken / charts in {}",
                    s.charts.len(),
                    out.join("charts").display()
                );
            }
        }
        Command::Export {
            poll,
            out,
            database_url,
        } => {
            let db = server::db::connect(&database_url).await?;
            let store = server::store::Store::new(db);
            let s = server::export::export_poll(&store, &poll, &out, "cli").await?;
            println!(
                "Analysebundel geschreven / bundle written to {}: {} golven / waves, {} items, {} antwoorden / responses",
                out.display(),
                s.waves,
                s.items,
                s.responses
            );
        }
        Command::CloseWave {
            wave_id,
            database_url,
        } => {
            let db = server::db::connect(&database_url).await?;
            let store = server::store::Store::new(db);
            let s = server::waves::close(&store, &wave_id, "cli").await?;
            println!(
                "Golf gesloten / wave closed: {} antwoorden in willekeurige volgorde herschreven / responses rewritten in random order, {} uitnodigingen / invitations",
                s.responses, s.invitations
            );
        }
    }
    Ok(())
}
