//! Sending the queued invitations and reminders over SMTP (`lettre`), at a set rate. What goes
//! to whom, and the counts, are the service layer's (`app::services::mail`); this is the
//! conversation with the mail server. Addresses and links are never logged.

use app::domain::WaveId;
use app::services::mail::{self, Outcome};
use app::services::{Actor, ServiceError, Store};
use lettre::message::{header::ContentType, Mailbox};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

/// How the mail goes out: `POLSSLAG_SMTP_URL` (`smtp://host:port` plain, `smtp://…?tls=required`
/// STARTTLS, `smtps://user:pass@host` TLS), the sender, and messages per minute.
#[derive(Clone, Debug, clap::Args)]
pub struct MailConfig {
    /// SMTP server, e.g. smtp://127.0.0.1:2525 or smtps://user:pass@host / SMTP-server
    #[arg(long = "smtp-url", env = "POLSSLAG_SMTP_URL")]
    pub smtp_url: Option<String>,
    /// Sender address / afzender
    #[arg(
        long = "mail-from",
        env = "POLSSLAG_MAIL_FROM",
        default_value = "Polsslag <polsslag@localhost>"
    )]
    pub from: String,
    /// Messages per minute / berichten per minuut
    #[arg(long = "mail-rate", env = "POLSSLAG_MAIL_RATE", default_value_t = 600)]
    pub per_minute: u32,
}

impl Default for MailConfig {
    fn default() -> Self {
        MailConfig {
            smtp_url: None,
            from: "Polsslag <polsslag@localhost>".into(),
            per_minute: 600,
        }
    }
}

/// What a run of [`Mailer::drain`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Drained {
    pub sent: u64,
    pub refused: u64,
    /// Failed for now; tried again later.
    pub retry: u64,
}

pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    pause: Duration,
    /// One run at a time in this process, so the rate holds however many ask at once.
    running: tokio::sync::Mutex<()>,
}

/// Messages claimed at once; their lease covers sending them all at the slowest.
const BATCH: u64 = 10;
const TIMEOUT: Duration = Duration::from_secs(30);

impl Mailer {
    /// A mailer for `config`; `None` without an SMTP URL.
    ///
    /// # Errors
    /// A URL or sender that cannot be parsed.
    pub fn new(config: &MailConfig) -> anyhow::Result<Option<Mailer>> {
        let Some(url) = &config.smtp_url else {
            return Ok(None);
        };
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| anyhow::anyhow!("POLSSLAG_SMTP_URL: {e}"))?
            .timeout(Some(TIMEOUT))
            .build();
        let from: Mailbox = config
            .from
            .parse()
            .map_err(|e| anyhow::anyhow!("POLSSLAG_MAIL_FROM: {e}"))?;
        let pause = Duration::from_secs_f64(60.0 / f64::from(config.per_minute.max(1)));
        Ok(Some(Mailer {
            transport,
            from,
            pause,
            running: tokio::sync::Mutex::new(()),
        }))
    }

    /// Expands the mailings due today and sends every job that is due (of one wave, or all),
    /// until none is left for now; each outcome is recorded at once, so a restart loses
    /// nothing and sends nothing twice (a message is at most re-sent when the server died
    /// between sending and recording it).
    pub async fn drain(
        &self,
        store: &Store,
        wave: Option<&WaveId>,
        base_url: &str,
    ) -> Result<Drained, ServiceError> {
        let _one = self.running.lock().await;
        let actor = Actor::System;
        mail::expand_due(store, &actor, app::services::today(), wave).await?;
        let lease = time::Duration::try_from((self.pause + TIMEOUT) * BATCH as u32)
            .expect("a short lease")
            + time::Duration::minutes(5);
        let mut done = Drained::default();
        loop {
            let batch = mail::claim(store, &actor, wave, BATCH, base_url, lease).await?;
            if batch.is_empty() {
                return Ok(done);
            }
            let mut unreachable = false;
            for m in batch {
                // The server is down: the rest of the batch waits for the next run.
                let outcome = if unreachable {
                    Outcome::Unreachable
                } else {
                    self.send(&m).await
                };
                match outcome {
                    Outcome::Sent => done.sent += 1,
                    Outcome::Refused => done.refused += 1,
                    Outcome::Temporary | Outcome::Unreachable => done.retry += 1,
                    Outcome::Withdrawn => {}
                }
                unreachable |= outcome == Outcome::Unreachable;
                mail::settle(store, &actor, m.job_id, outcome).await?;
                if !unreachable {
                    tokio::time::sleep(self.pause).await;
                }
            }
            if unreachable {
                return Ok(done);
            }
        }
    }

    /// Sends the thermometer conversations' follow-up reminders that are due, one per
    /// conversation, to the manager who recorded it (`conversations::claim_reminders`); one
    /// the mail server could not take now is released and tried on a later run. Returns how
    /// many were sent.
    pub async fn remind_follow_ups(
        &self,
        store: &Store,
        base_url: &str,
    ) -> Result<u64, ServiceError> {
        let _one = self.running.lock().await;
        let actor = Actor::System;
        let mut sent = 0;
        loop {
            let batch = app::services::conversations::claim_reminders(
                store,
                &actor,
                app::services::today(),
                base_url,
                BATCH,
            )
            .await?;
            if batch.is_empty() {
                return Ok(sent);
            }
            let mut pending: Vec<String> =
                batch.iter().map(|r| r.conversation_id.clone()).collect();
            for r in batch {
                pending.retain(|id| *id != r.conversation_id);
                let outgoing = mail::Outgoing {
                    job_id: 0,
                    to: r.to.clone(),
                    subject: r.subject.clone(),
                    body: r.body.clone(),
                };
                match self.send(&outgoing).await {
                    Outcome::Sent => sent += 1,
                    // A refused address will not get better: the reminder stays in the app.
                    Outcome::Refused | Outcome::Withdrawn => {}
                    Outcome::Temporary | Outcome::Unreachable => {
                        // This one and the rest of the batch go back, for a later run.
                        for id in std::iter::once(&r.conversation_id).chain(&pending) {
                            app::services::conversations::release_reminder(store, &actor, id)
                                .await?;
                        }
                        return Ok(sent);
                    }
                }
                tokio::time::sleep(self.pause).await;
            }
        }
    }

    async fn send(&self, m: &mail::Outgoing) -> Outcome {
        let Ok(to) = m.to.parse::<Mailbox>() else {
            return Outcome::Refused;
        };
        let message = match Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(m.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .body(m.body.clone())
        {
            Ok(msg) => msg,
            Err(_) => return Outcome::Refused,
        };
        match self.transport.send(message).await {
            Ok(_) => Outcome::Sent,
            Err(e) if e.is_permanent() => Outcome::Refused,
            Err(e) if !e.is_transient() => {
                // No SMTP reply at all: connection, TLS or timeout. The kind only, never
                // the text (it may quote an address).
                tracing::warn!(
                    timeout = e.is_timeout(),
                    "the mail server cannot be reached; the queue waits"
                );
                Outcome::Unreachable
            }
            Err(e) => {
                // The error's kind only: its text may quote the address.
                tracing::warn!(
                    transient = e.is_transient(),
                    timeout = e.is_timeout(),
                    "a message could not be sent yet; it is tried again later"
                );
                Outcome::Temporary
            }
        }
    }
}
