//! One error story for the whole service layer. A [`ServiceError`] says what kind of failure
//! happened (which decides the HTTP status) and carries the [`Refusal`] to show — message
//! keys, never words and never database text. Internal causes are kept as sources; they are
//! logged once, where the error is turned into a response ([`super::http`]), and never shown.

use crate::i18n::Message;
use crate::msg;
pub use crate::refusal::{FieldError, PublicError, Refusal};
use sea_orm::{DbErr, SqlErr};

/// Every way a service function can fail.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// The thing asked for does not exist (404).
    #[error("not found ({})", .0.title.key)]
    NotFound(Box<Refusal>),
    /// No credentials, or ones that prove nothing: an API call without a working token (401).
    #[error("unauthenticated ({})", .0.title.key)]
    Unauthenticated(Box<Refusal>),
    /// The actor may not do this (403).
    #[error("forbidden ({})", .0.title.key)]
    Forbidden(Box<Refusal>),
    /// It clashes with what is stored: a taken name, a used invitation (409).
    #[error("conflict on {field:?} ({})", refusal.body.key)]
    Conflict {
        field: Option<&'static str>,
        refusal: Box<Refusal>,
    },
    /// It existed but is over: a closed wave (410).
    #[error("gone ({})", .0.title.key)]
    Gone(Box<Refusal>),
    /// The request itself is malformed or was tampered with (400).
    #[error("bad request ({})", .0.title.key)]
    BadRequest(Box<Refusal>),
    /// One or more fields have invalid values (422).
    #[error("invalid fields: {}", .0.iter().map(|f| f.field.as_str()).collect::<Vec<_>>().join(", "))]
    Invalid(Vec<FieldError>),
    /// The request body is larger than accepted (413).
    #[error("request too large")]
    TooLarge,
    /// Too many requests with one API token in a short time (429); the caller may try again
    /// after `retry_after_s` seconds.
    #[error("too many requests")]
    TooMany { retry_after_s: u64 },
    /// The database cannot be reached or refused the work for now (503).
    #[error("database unavailable")]
    Unavailable(#[source] DbErr),
    /// A fault in Polsslag or its data (500).
    #[error("unexpected error")]
    Unexpected(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// Stored data that does not parse: an error, never a default.
#[derive(Debug, thiserror::Error)]
#[error("stored {what} is corrupt")]
pub struct CorruptData {
    pub what: String,
    #[source]
    pub source: Box<dyn std::error::Error + Send + Sync>,
}

impl ServiceError {
    /// The HTTP status this error is answered with.
    pub fn status(&self) -> u16 {
        match self {
            ServiceError::NotFound(_) => 404,
            ServiceError::Unauthenticated(_) => 401,
            ServiceError::Forbidden(_) => 403,
            ServiceError::Conflict { .. } => 409,
            ServiceError::Gone(_) => 410,
            ServiceError::BadRequest(_) => 400,
            ServiceError::Invalid(_) => 422,
            ServiceError::TooLarge => 413,
            ServiceError::TooMany { .. } => 429,
            ServiceError::Unavailable(_) => 503,
            ServiceError::Unexpected(_) => 500,
        }
    }

    /// What the person is told.
    pub fn refusal(&self) -> Refusal {
        match self {
            ServiceError::NotFound(r)
            | ServiceError::Unauthenticated(r)
            | ServiceError::Forbidden(r)
            | ServiceError::Gone(r)
            | ServiceError::BadRequest(r) => (**r).clone(),
            ServiceError::Conflict { refusal, .. } => (**refusal).clone(),
            ServiceError::Invalid(fields) => match fields.as_slice() {
                [one] => Refusal::new(msg!("invalid-title"), one.message.clone()),
                _ => Refusal::new(msg!("invalid-title"), msg!("invalid-body")),
            },
            ServiceError::TooLarge => Refusal::new(msg!("too-large-title"), msg!("too-large-body"))
                .hint(msg!("too-large-hint")),
            ServiceError::TooMany { retry_after_s } => Refusal::new(
                msg!("too-many-title"),
                msg!("too-many-body", seconds = *retry_after_s),
            ),
            ServiceError::Unavailable(_) => {
                Refusal::new(msg!("unavailable-title"), msg!("unavailable-body"))
                    .hint(msg!("unavailable-hint"))
            }
            ServiceError::Unexpected(cause) => {
                // What is corrupt goes to the log (the source chain), not to the reader.
                let body = match cause.downcast_ref::<CorruptData>() {
                    Some(_) => msg!("stored-data-corrupt"),
                    None => msg!("unexpected-body"),
                };
                Refusal::new(msg!("unexpected-title"), body).hint(msg!("unexpected-hint"))
            }
        }
    }

    /// Whether the cause is ours (logged), not the person's (not logged).
    pub fn is_internal(&self) -> bool {
        matches!(
            self,
            ServiceError::Unavailable(_) | ServiceError::Unexpected(_)
        )
    }

    pub fn not_found(r: Refusal) -> Self {
        ServiceError::NotFound(Box::new(r))
    }

    pub fn forbidden(r: Refusal) -> Self {
        ServiceError::Forbidden(Box::new(r))
    }

    /// "Dat mag niet": the actor may not do this (403).
    pub fn not_allowed() -> Self {
        ServiceError::forbidden(Refusal::new(
            msg!("forbidden-title"),
            msg!("forbidden-body"),
        ))
    }

    pub fn gone(r: Refusal) -> Self {
        ServiceError::Gone(Box::new(r))
    }

    pub fn bad_request(r: Refusal) -> Self {
        ServiceError::BadRequest(Box::new(r))
    }

    /// One invalid field.
    pub fn invalid(field: impl Into<String>, message: Message) -> Self {
        ServiceError::Invalid(vec![FieldError {
            field: field.into(),
            message,
        }])
    }

    /// A conflict on one field.
    pub fn conflict(field: &'static str, body: Message) -> Self {
        ServiceError::Conflict {
            field: Some(field),
            refusal: Box::new(Refusal::new(msg!("conflict-title"), body)),
        }
    }

    /// Stored JSON or text that does not parse.
    pub fn corrupt(
        what: impl Into<String>,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        ServiceError::Unexpected(Box::new(CorruptData {
            what: what.into(),
            source: Box::new(source),
        }))
    }

    /// The database out of reach, found by something other than a statement (the session
    /// store and its layer): 503, "try again in a few minutes". `cause` is logged, never
    /// shown.
    pub fn unavailable(cause: impl std::fmt::Display) -> Self {
        ServiceError::Unavailable(DbErr::Custom(cause.to_string()))
    }

    /// A database error of an insert or update: a unique-constraint violation becomes a
    /// conflict on `field` with `body`, anything else the usual mapping.
    pub fn on_unique(err: DbErr, field: &'static str, body: Message) -> Self {
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => ServiceError::conflict(field, body),
            _ => err.into(),
        }
    }
}

/// Connection and pool failures, and statements the database could not run now (a lock, a
/// timeout), are "try again later" (503); a violated constraint or anything else is a fault
/// of ours (500).
impl From<DbErr> for ServiceError {
    fn from(e: DbErr) -> Self {
        let constraint = matches!(
            e.sql_err(),
            Some(SqlErr::UniqueConstraintViolation(_) | SqlErr::ForeignKeyConstraintViolation(_))
        );
        match e {
            DbErr::Conn(_) | DbErr::ConnectionAcquire(_) => ServiceError::Unavailable(e),
            DbErr::Exec(_) | DbErr::Query(_) if !constraint => ServiceError::Unavailable(e),
            other => ServiceError::Unexpected(Box::new(other)),
        }
    }
}

impl From<ServiceError> for PublicError {
    fn from(e: ServiceError) -> Self {
        super::http::log_internal(&e);
        let fields = match &e {
            ServiceError::Invalid(f) => f.clone(),
            _ => Vec::new(),
        };
        PublicError {
            status: e.status(),
            refusal: e.refusal(),
            fields,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    #[test]
    fn database_causes_are_kept_as_sources_never_shown() {
        let e: ServiceError =
            DbErr::Conn(sea_orm::RuntimeErr::Internal("secret detail".into())).into();
        assert_eq!(e.status(), 503);
        let r = e.refusal();
        for l in Locale::ALL {
            assert!(!r.body.text(l).contains("secret"));
        }
        assert!(std::error::Error::source(&e)
            .unwrap()
            .to_string()
            .contains("secret detail"));
        let c = ServiceError::corrupt(
            "poll.attributes",
            serde_json::from_str::<Vec<String>>("{").unwrap_err(),
        );
        assert_eq!(c.status(), 500);
        let shown = c.refusal().body.text(Locale::Nl);
        assert!(shown.contains("onleesbaar") && !shown.contains("poll.attributes"));
        assert!(std::error::Error::source(&c)
            .unwrap()
            .to_string()
            .contains("poll.attributes"));
    }

    #[test]
    fn a_server_function_error_crosses_the_wire_without_its_cause() {
        use leptos::server_fn::error::FromServerFnError;
        let e = ServiceError::invalid("label", msg!("wave-label-taken", label = "2026-H2"));
        let public = PublicError::from(e);
        assert_eq!(public.status, 422);
        assert_eq!(public.fields[0].field, "label");
        let back = PublicError::de(public.ser());
        assert_eq!(back, public);
        let hidden = PublicError::from(ServiceError::Unavailable(DbErr::Custom(
            "password=secret".into(),
        )));
        assert_eq!(hidden.status, 503);
        assert!(!String::from_utf8_lossy(&hidden.ser()).contains("secret"));
    }
}
