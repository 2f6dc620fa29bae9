//! The form extractor of plain HTML forms (the respondent's and the workspace's): the fields in
//! order, with repeated names kept (multiple choice). Its rejection is a [`ServiceError`], so a bad body
//! gets the same clear page as every other refusal.

use app::services::{responses, ServiceError};
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::Form;

/// `application/x-www-form-urlencoded` fields as `(name, value)` pairs.
pub struct AnswerForm(pub Vec<(String, String)>);

impl<S: Send + Sync> FromRequest<S> for AnswerForm {
    type Rejection = ServiceError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ServiceError> {
        match Form::<Vec<(String, String)>>::from_request(req, state).await {
            Ok(Form(fields)) => Ok(AnswerForm(fields)),
            Err(r) if r.status() == StatusCode::PAYLOAD_TOO_LARGE => Err(ServiceError::TooLarge),
            Err(_) => Err(responses::bad_form()),
        }
    }
}

impl AnswerForm {
    /// The first value of a field.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}
