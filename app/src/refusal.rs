//! What a person is told when something is refused — browser-safe, so that a server
//! function's error reaches the page intact and is rendered in the reader's language.

use crate::i18n::{Locale, Message};
use crate::msg;
use serde::{Deserialize, Serialize};

/// What a person is told: a title, what happened, and what to do next.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refusal {
    pub title: Message,
    pub body: Message,
    pub hint: Option<Message>,
}

impl Refusal {
    pub fn new(title: Message, body: Message) -> Self {
        Self {
            title,
            body,
            hint: None,
        }
    }

    pub fn hint(mut self, hint: Message) -> Self {
        self.hint = Some(hint);
        self
    }

    /// Title and body in one line, for the command line.
    pub fn line(&self, locale: Locale) -> String {
        format!("{}: {}", self.title.text(locale), self.body.text(locale))
    }
}

/// A problem with one field of a request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: Message,
}

/// The error a browser receives from a server function: what to show, and the field
/// problems, in the reader's language on the client. Causes stay on the server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicError {
    pub status: u16,
    pub refusal: Refusal,
    pub fields: Vec<FieldError>,
}

impl leptos::server_fn::error::FromServerFnError for PublicError {
    type Encoder = leptos::server_fn::codec::JsonEncoding;

    fn from_server_fn_error(value: leptos::server_fn::error::ServerFnErrorErr) -> Self {
        // Transport and (de)serialisation problems: never the person's fault.
        let _ = value;
        PublicError {
            status: 500,
            refusal: Refusal::new(msg!("unexpected-title"), msg!("unexpected-body"))
                .hint(msg!("unexpected-hint")),
            fields: Vec::new(),
        }
    }
}
