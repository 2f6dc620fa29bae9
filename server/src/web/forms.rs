//! The form extractor of plain HTML forms (the respondent's and the workspace's): the fields in
//! order, with repeated names kept (multiple choice). Its rejection is a [`ServiceError`], so a bad body
//! gets the same clear page as every other refusal.

use app::services::{responses, ServiceError};
use axum::body::Body;
use axum::extract::{FromRequest, Request};
use axum::Form;
use http_body_util::BodyExt;

/// How much of a too-large body is still read (and thrown away) before the refusal is sent:
/// a client that is still sending when the server answers and closes sees a broken
/// connection instead of the "too large" page. Beyond this the connection is simply closed.
const DRAIN_BYTES: usize = 4 * 1024 * 1024;

/// `application/x-www-form-urlencoded` fields as `(name, value)` pairs.
pub struct AnswerForm(pub Vec<(String, String)>);

impl<S: Send + Sync> FromRequest<S> for AnswerForm {
    type Rejection = ServiceError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ServiceError> {
        let (parts, mut body) = req.into_parts();
        // The body up to the limit; a larger one is read on (up to DRAIN_BYTES) and refused.
        let mut bytes = Vec::new();
        let mut seen = 0usize;
        while let Some(frame) = body.frame().await {
            let Ok(frame) = frame else {
                return Err(responses::bad_form());
            };
            if let Ok(data) = frame.into_data() {
                seen += data.len();
                if seen <= super::MAX_BODY_BYTES {
                    bytes.extend_from_slice(&data);
                } else if seen > super::MAX_BODY_BYTES + DRAIN_BYTES {
                    break;
                }
            }
        }
        if seen > super::MAX_BODY_BYTES {
            return Err(ServiceError::TooLarge);
        }
        let req = Request::from_parts(parts, Body::from(bytes));
        match Form::<Vec<(String, String)>>::from_request(req, state).await {
            Ok(Form(fields)) => Ok(AnswerForm(fields)),
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
