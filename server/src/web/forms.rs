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

/// The body up to `limit` bytes; `None` when it is larger (it is then read on, up to
/// [`DRAIN_BYTES`] more, and thrown away, so the client sees the refusal).
async fn read_limited(mut body: Body, limit: usize) -> Result<Option<Vec<u8>>, ServiceError> {
    let mut bytes = Vec::new();
    let mut seen = 0usize;
    while let Some(frame) = body.frame().await {
        let Ok(frame) = frame else {
            return Err(responses::bad_form());
        };
        if let Ok(data) = frame.into_data() {
            seen += data.len();
            if seen <= limit {
                bytes.extend_from_slice(&data);
            } else if seen > limit + DRAIN_BYTES {
                break;
            }
        }
    }
    Ok((seen <= limit).then_some(bytes))
}

/// `application/x-www-form-urlencoded` fields as `(name, value)` pairs.
pub struct AnswerForm(pub Vec<(String, String)>);

impl<S: Send + Sync> FromRequest<S> for AnswerForm {
    type Rejection = ServiceError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ServiceError> {
        let (parts, body) = req.into_parts();
        let Some(bytes) = read_limited(body, super::MAX_BODY_BYTES).await? else {
            return Err(ServiceError::TooLarge);
        };
        let req = Request::from_parts(parts, Body::from(bytes));
        match Form::<Vec<(String, String)>>::from_request(req, state).await {
            Ok(Form(fields)) => Ok(AnswerForm(
                fields.into_iter().map(|(n, v)| (n, clean(v))).collect(),
            )),
            Err(_) => Err(responses::bad_form()),
        }
    }
}

/// A field's value without the invisible controls that can make text look like other text
/// ([`app::domain::strip_deceptive_controls`]): what every form of Polsslag stores.
fn clean(value: String) -> String {
    match app::domain::strip_deceptive_controls(&value) {
        std::borrow::Cow::Borrowed(_) => value,
        std::borrow::Cow::Owned(cleaned) => cleaned,
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

/// A `multipart/form-data` upload of the workspace: its text fields and its one file (field
/// `file`), read up to [`app::services::imports::MAX_FILE_BYTES`]. A larger body is read on
/// (up to [`DRAIN_BYTES`]) and thrown away, and `too_large` is set, so the page can say so
/// beside the file field.
pub struct Upload {
    pub fields: Vec<(String, String)>,
    /// The file's name as the browser sent it, and its bytes.
    pub file: Option<(String, Vec<u8>)>,
    pub too_large: bool,
}

/// Room for the form's other fields and the multipart framing beside the file.
const UPLOAD_SLACK: usize = 64 * 1024;

impl<S: Send + Sync> FromRequest<S> for Upload {
    type Rejection = ServiceError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ServiceError> {
        let limit = app::services::imports::MAX_FILE_BYTES + UPLOAD_SLACK;
        let (parts, body) = req.into_parts();
        let Some(bytes) = read_limited(body, limit).await? else {
            return Ok(Upload {
                fields: Vec::new(),
                file: None,
                too_large: true,
            });
        };
        let req = Request::from_parts(parts, Body::from(bytes));
        let mut multipart = axum::extract::Multipart::from_request(req, state)
            .await
            .map_err(|_| responses::bad_form())?;
        let mut upload = Upload {
            fields: Vec::new(),
            file: None,
            too_large: false,
        };
        while let Some(field) = multipart
            .next_field()
            .await
            .map_err(|_| responses::bad_form())?
        {
            let name = field.name().unwrap_or_default().to_string();
            if name == "file" {
                let file_name = field.file_name().unwrap_or_default().to_string();
                let data = field.bytes().await.map_err(|_| responses::bad_form())?;
                upload.file = Some((file_name, data.to_vec()));
            } else {
                let text = field.text().await.map_err(|_| responses::bad_form())?;
                upload.fields.push((name, clean(text)));
            }
        }
        Ok(upload)
    }
}

impl Upload {
    /// The first value of a text field.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}
