//! `polsslag`: the command line of DESIGN.md. Messages for people come from the catalogue,
//! in Dutch unless `--lang en` (or `POLSSLAG_LANG=en`).

use app::domain::{PollId, ReportingThreshold, Role, WaveId};
use app::i18n::Locale;
use app::services::{accounts, polls, results, waves, Actor, ServiceError, Store};
use app::{msg, tr};
use clap::{Parser, Subcommand};
use server::config::{ServeConfig, DEFAULT_DATABASE_URL};

#[derive(Parser)]
#[command(
    name = "polsslag",
    version,
    about = "Polsslag: anonieme peilingen en medewerkersmonitor / anonymous polls and employee monitor"
)]
struct Cli {
    /// Taal van de meldingen / language of the messages (nl, en)
    #[arg(long, global = true, env = "POLSSLAG_LANG", default_value = "nl", value_parser = parse_locale)]
    lang: Locale,
    /// Sleutelbestand dat antwoorden verzegelt tot de golf sluit (nooit bij de database) /
    /// key file that seals answers until their wave closes (never beside the database)
    #[arg(long, global = true, env = "POLSSLAG_KEY_FILE")]
    key_file: Option<std::path::PathBuf>,
    #[command(subcommand)]
    command: Command,
}

fn parse_locale(s: &str) -> Result<Locale, String> {
    Locale::parse(s).ok_or_else(|| format!("{s:?}: nl, en"))
}

#[derive(Subcommand)]
enum Command {
    /// Start de webapplicatie / run the web application
    Serve(ServeConfig),
    /// Vul de database met een realistische demo-organisatie / fill the database with a demo organisation
    Demo {
        #[arg(long, default_value_t = 65_000)]
        employees: u32,
        #[arg(long, default_value_t = 4)]
        waves: u32,
        #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
        database_url: String,
        /// Base URL printed in the links (default: where `serve --bind` listens) / basis-URL van de afgedrukte links
        #[arg(long)]
        base_url: Option<String>,
        /// The address `polsslag serve` will listen on: the links point there / het adres van `polsslag serve`
        #[arg(long, env = "POLSSLAG_BIND", default_value = "127.0.0.1:3000")]
        bind: std::net::SocketAddr,
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
        #[arg(long, default_value_t = ReportingThreshold::DEFAULT.get())]
        min_group: u32,
    },
    /// Schrijf de analysebundel van een peiling / write the analysis bundle of a poll
    Export {
        #[arg(long)]
        poll: String,
        #[arg(long)]
        out: std::path::PathBuf,
        #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
        database_url: String,
    },
    /// Accounts van beheerders, HRM en leidinggevenden / accounts of administrators, HRM and managers
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Uitnodigingen en herinneringen per e-mail / invitations and reminders by e-mail
    Invitations {
        #[command(subcommand)]
        command: InvitationsCommand,
    },
    /// De handout voor een thermometergesprek van een team (PDF) / a team's thermometer-conversation handout (PDF)
    Handout {
        /// Teamcode; zonder: de lege handout / team code; without it: the blank handout
        #[arg(long)]
        team: Option<String>,
        #[arg(long)]
        out: std::path::PathBuf,
        #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
        database_url: String,
    },
    /// Het sociaal jaarbeeld als PDF of XLSX / the social annual report as PDF or XLSX
    Report {
        /// Halfjaar, bijvoorbeeld 2025-H2 / half year, e.g. 2025-H2
        #[arg(long)]
        period: String,
        /// .pdf of .xlsx / .pdf or .xlsx
        #[arg(long)]
        out: std::path::PathBuf,
        /// Uit geëxporteerde bundels in plaats van de database (herhaalbaar) / from exported bundles instead of the database (repeatable)
        #[arg(long)]
        bundle: Vec<std::path::PathBuf>,
        #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
        database_url: String,
    },
    /// Schrijf een back-up van de hele database terwijl de server draait / write a backup of
    /// the whole database while the server runs
    Backup {
        /// Nieuw bestand (wordt nooit overschreven) / a new file (never overwritten)
        #[arg(long)]
        out: std::path::PathBuf,
        #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
        database_url: String,
    },
    /// Zet een back-up terug (de server staat stil) / restore a backup (with the server stopped)
    Restore {
        /// De back-up van `polsslag backup` / the backup made by `polsslag backup`
        #[arg(long)]
        from: std::path::PathBuf,
        /// Vervang een bestaande database / replace a database that exists
        #[arg(long)]
        replace: bool,
        #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
        database_url: String,
    },
    /// Sluit een golf en husselt de opgeslagen volgorde / close a wave and scramble its stored order
    CloseWave {
        wave_id: String,
        #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
        database_url: String,
    },
}

#[derive(Subcommand)]
enum InvitationsCommand {
    /// Verstuur de wachtende uitnodigingen en herinneringen van een golf / send a wave's pending invitations and due reminders
    Send {
        #[arg(long)]
        wave: String,
        #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
        database_url: String,
        /// The address people use to reach the server, for the links / het adres van de server in de links
        #[arg(
            long,
            env = "POLSSLAG_PUBLIC_URL",
            default_value = "http://127.0.0.1:3000"
        )]
        public_url: String,
        #[command(flatten)]
        mail: server::mailer::MailConfig,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Maak een account / create an account
    Add {
        #[arg(long)]
        email: String,
        /// beheerder, hrm, leidinggevende of coordinator / beheerder, hrm, leidinggevende or
        /// coordinator
        #[arg(long, value_parser = ["beheerder", "hrm", "leidinggevende", "coordinator"])]
        role: String,
        /// Code van het organisatieonderdeel van een leidinggevende, of de eenheid van een
        /// coördinator / a manager's org unit code, or a coordinator's unit
        #[arg(long)]
        scope: Option<String>,
        /// Wachtwoord (anders wordt een eenmalig wachtwoord getoond) / password (else a one-time
        /// password is printed)
        #[arg(long, env = "POLSSLAG_PASSWORD", hide_env_values = true)]
        password: Option<String>,
        /// Toegang tot open antwoorden en ruwe bundels (alleen hrm) / access to open text and raw
        /// bundles (hrm only)
        #[arg(long)]
        raw_data: bool,
        #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
        database_url: String,
    },
}

/// Errors are printed as one clear line in the chosen language (with their causes), never as
/// a backtrace.
fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let locale = cli.lang;
    let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
    match runtime.block_on(run(cli)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            report(&e, locale);
            std::process::ExitCode::FAILURE
        }
    }
}

fn report(e: &anyhow::Error, locale: Locale) {
    if let Some(se) = e.downcast_ref::<ServiceError>() {
        let refusal = se.refusal();
        eprintln!(
            "{}",
            tr!(locale, "cli-error", message = refusal.line(locale))
        );
        // With several invalid fields the line above is general; name each one.
        if let ServiceError::Invalid(fields) = se {
            if fields.len() > 1 {
                for f in fields {
                    eprintln!("  {}", f.message.text(locale));
                }
            }
        }
        // Internal causes help the operator at the command line; a person's own mistakes
        // need no more than the message above.
        if se.is_internal() {
            let mut source = std::error::Error::source(se);
            while let Some(s) = source {
                eprintln!("  {}", tr!(locale, "cli-cause", cause = s.to_string()));
                source = s.source();
            }
        }
        return;
    }
    eprintln!("{}", tr!(locale, "cli-error", message = e.to_string()));
    for cause in e.chain().skip(1) {
        eprintln!("  {}", tr!(locale, "cli-cause", cause = cause.to_string()));
    }
}

/// Where the sealing key comes from: `POLSSLAG_SEALING_KEY`, `--key-file` or the default file.
fn key_origin(key_file: Option<&std::path::Path>) -> String {
    if std::env::var_os(app::services::sealing::KEY_ENV).is_some() {
        app::services::sealing::KEY_ENV.to_string()
    } else {
        key_file
            .map(std::path::Path::to_path_buf)
            .unwrap_or_else(app::services::sealing::default_key_path)
            .display()
            .to_string()
    }
}

/// Opens the database with the sealing key; a failure is reported in the chosen language.
async fn open(database_url: &str, key_file: Option<&std::path::Path>) -> anyhow::Result<Store> {
    let key = app::services::sealing::SealingKey::load_or_create(key_file)?;
    Ok(Store::open(database_url, key)
        .await
        .map_err(ServiceError::from)?)
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,sea_orm=warn".into()),
        )
        .with_target(false)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()))
        .init();
    let locale = cli.lang;
    match cli.command {
        Command::Serve(mut config) => {
            config.key_file = cli.key_file.clone();
            let key_origin = key_origin(cli.key_file.as_deref());
            let app = server::Application::build(config).await?;
            println!("{}", tr!(locale, "cli-sealing-key", origin = key_origin));
            println!(
                "{}",
                tr!(
                    locale,
                    "cli-serving",
                    url = format!("http://{}", app.local_addr())
                )
            );
            app.run().await?;
        }
        Command::Demo {
            employees,
            waves,
            database_url,
            base_url,
            bind,
            seed,
        } => {
            let base_url = base_url.unwrap_or_else(|| server::config::base_url_for(bind));
            let store = open(&database_url, cli.key_file.as_deref()).await?;
            let opts = server::demo::DemoOptions {
                employees,
                waves,
                seed,
                progress: true,
                locale,
            };
            let out = server::demo::generate(&store, &opts).await?;
            println!("{}", out.describe(&base_url, locale));
        }
        Command::Analyse {
            bundle,
            out,
            min_group,
        } => {
            let min_group = ReportingThreshold::new(min_group).map_err(|e| {
                ServiceError::invalid(
                    "min_group",
                    msg!("threshold-too-low", k = e.0, min = ReportingThreshold::MIN),
                )
            })?;
            let (s, out) = tokio::task::spawn_blocking(move || {
                analysis::analyse_bundle(
                    &bundle,
                    &out,
                    &analysis::AnalyseOptions {
                        min_group: min_group.get(),
                        chart_lang: locale.chart_lang(),
                        ..Default::default()
                    },
                )
                .map(|s| (s, out))
            })
            .await??;
            println!(
                "{}",
                tr!(
                    locale,
                    "cli-analysed",
                    file = out.join("results.json").display().to_string(),
                    estimates = s.estimates,
                    suppressed = s.suppressed,
                    changes = s.changes,
                    significant = s.significant
                )
            );
            if !s.charts.is_empty() {
                println!(
                    "{}",
                    tr!(
                        locale,
                        "cli-charts",
                        count = s.charts.len(),
                        dir = out.join("charts").display().to_string()
                    )
                );
            }
        }
        Command::Export {
            poll,
            out,
            database_url,
        } => {
            let poll = PollId::parse(&poll).map_err(|_| polls::unknown_poll(&poll))?;
            let store = open(&database_url, cli.key_file.as_deref()).await?;
            let s = results::export_bundle(&store, &Actor::Cli, &poll, &out).await?;
            println!(
                "{}",
                tr!(
                    locale,
                    "cli-exported",
                    dir = out.display().to_string(),
                    waves = s.waves,
                    items = s.items,
                    responses = s.responses
                )
            );
        }
        Command::Handout {
            team,
            out,
            database_url,
        } => {
            let store = open(&database_url, cli.key_file.as_deref()).await?;
            let pdf = app::services::handouts::pdf(
                &store,
                &Actor::Cli,
                team.as_deref(),
                locale,
                app::services::today(),
            )
            .await?;
            std::fs::write(&out, &pdf).map_err(|e| {
                anyhow::anyhow!(tr!(
                    locale,
                    "cli-handout-write-failed",
                    path = out.display().to_string(),
                    reason = e.to_string()
                ))
            })?;
            println!(
                "{}",
                tr!(
                    locale,
                    "cli-handout-written",
                    path = out.display().to_string(),
                    kb = (pdf.len() as u64).div_ceil(1024)
                )
            );
        }
        Command::Report {
            period,
            out,
            bundle,
            database_url,
        } => {
            use app::services::report;
            let period: app::domain::Period = period.parse().map_err(|_| {
                ServiceError::invalid(
                    "period",
                    msg!("report-period-invalid", period = period.clone()),
                )
            })?;
            let format = report::Format::of_path(&out).ok_or_else(|| {
                ServiceError::invalid(
                    "out",
                    msg!("report-format-unknown", path = out.display().to_string()),
                )
            })?;
            let today = app::services::today();
            let bytes = if bundle.is_empty() {
                let store = open(&database_url, cli.key_file.as_deref()).await?;
                report::from_store(&store, &Actor::Cli, period, format, locale, today).await?
            } else {
                let built = tokio::task::spawn_blocking(move || {
                    let sources = report::sources_from_bundles(&bundle, period)?;
                    let built =
                        report::build(&sources, period, locale, today, &report::Extras::default())?;
                    report::render(&built, format)
                })
                .await??;
                built
            };
            std::fs::write(&out, &bytes).map_err(|e| {
                anyhow::anyhow!(tr!(
                    locale,
                    "cli-handout-write-failed",
                    path = out.display().to_string(),
                    reason = e.to_string()
                ))
            })?;
            println!(
                "{}",
                tr!(
                    locale,
                    "cli-report-written",
                    path = out.display().to_string(),
                    kb = (bytes.len() as u64).div_ceil(1024)
                )
            );
        }
        Command::User {
            command:
                UserCommand::Add {
                    email,
                    role,
                    scope,
                    password,
                    raw_data,
                    database_url,
                },
        } => {
            let role: Role = role.parse()?;
            let store = open(&database_url, cli.key_file.as_deref()).await?;
            let created = accounts::create(
                &store,
                &Actor::Cli,
                accounts::NewAccount {
                    email: email.clone(),
                    role,
                    scope,
                    password,
                    raw_data,
                },
            )
            .await?;
            let email = accounts::normalise_email(&email).unwrap_or(email);
            println!(
                "{}",
                tr!(
                    locale,
                    "cli-user-added",
                    email = email,
                    role = accounts::role_name(role).text(locale)
                )
            );
            if let Some(p) = created.one_time_password {
                println!("{}", tr!(locale, "cli-user-password", password = p));
            }
        }
        Command::Invitations {
            command:
                InvitationsCommand::Send {
                    wave,
                    database_url,
                    public_url,
                    mail,
                },
        } => {
            let wave_id = WaveId::parse(&wave).map_err(|_| waves::unknown_wave(&wave))?;
            let Some(mailer) = server::mailer::Mailer::new(&mail)? else {
                anyhow::bail!("{}", tr!(locale, "cli-no-smtp"));
            };
            let store = open(&database_url, cli.key_file.as_deref()).await?;
            waves::get(&store, &Actor::Cli, &wave_id).await?;
            // The wave's invitations go out with the first run; later runs send what is due.
            let mailings = app::services::mail::mailings(&store, &Actor::Cli, &wave_id).await?;
            if !mailings
                .iter()
                .any(|m| m.kind == app::services::mail::Kind::Invitation)
            {
                app::services::mail::send_invitations(&store, &Actor::Cli, &wave_id).await?;
            }
            let d = mailer.drain(&store, Some(&wave_id), &public_url).await?;
            println!(
                "{}",
                tr!(
                    locale,
                    "cli-mail-sent",
                    sent = d.sent,
                    refused = d.refused,
                    retry = d.retry
                )
            );
        }
        Command::Backup { out, database_url } => {
            let w = app::services::backup::backup(&database_url, &out).await?;
            let c = &w.counts;
            println!(
                "{}",
                tr!(
                    locale,
                    "cli-backup-written",
                    path = out.display().to_string(),
                    kb = w.bytes.div_ceil(1024),
                    waves = c.waves,
                    responses = c.responses,
                    sealed = c.sealed,
                    invitations = c.invitations_used,
                    accounts = c.accounts,
                    conversations = c.conversations
                )
            );
            println!(
                "{}",
                tr!(
                    locale,
                    "cli-backup-key",
                    origin = key_origin(cli.key_file.as_deref())
                )
            );
        }
        Command::Restore {
            from,
            replace,
            database_url,
        } => {
            // Never a new key: it could not open what the backup holds sealed.
            let key = app::services::sealing::SealingKey::load(cli.key_file.as_deref())?;
            let counts = app::services::backup::restore(&from, &database_url, key, replace).await?;
            let c = &counts;
            println!(
                "{}",
                tr!(
                    locale,
                    "cli-restored",
                    path = from.display().to_string(),
                    waves = c.waves,
                    responses = c.responses,
                    sealed = c.sealed,
                    invitations = c.invitations_used,
                    accounts = c.accounts,
                    conversations = c.conversations
                )
            );
        }
        Command::CloseWave {
            wave_id,
            database_url,
        } => {
            let wave_id = WaveId::parse(&wave_id).map_err(|_| waves::unknown_wave(&wave_id))?;
            let store = open(&database_url, cli.key_file.as_deref()).await?;
            let s = waves::close(&store, &Actor::Cli, &wave_id).await?;
            println!(
                "{}",
                tr!(
                    locale,
                    "cli-wave-closed",
                    responses = s.responses,
                    invitations = s.invitations
                )
            );
        }
    }
    Ok(())
}
