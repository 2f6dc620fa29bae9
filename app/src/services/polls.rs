//! Polls (*peilingen*): created from a template of the question bank or from scratch, with
//! their pages of questions, the reporting attributes they copy onto responses and their
//! reporting threshold. The stored JSON columns are parsed here — a corrupt value is an error,
//! never a default.

use super::entities::{poll, poll_template, question};
use super::{audit, questions, Actor, Permission, Refusal, ServiceError, Store};
use crate::domain::{
    Localized, PollForm, PollId, PollKind, ReportingAttribute, ReportingThreshold,
};
use crate::msg;
use sea_orm::{ActiveValue::Set, EntityTrait, QueryOrder};

/// A poll to create.
#[derive(Clone, Debug)]
pub struct NewPoll {
    pub template_code: Option<String>,
    pub kind: PollKind,
    pub title: Localized,
    pub intro: Localized,
    /// Question codes, page by page.
    pub pages: Vec<Vec<String>>,
    pub attributes: Vec<ReportingAttribute>,
    pub min_group: ReportingThreshold,
    /// The codes a respondent must answer in this poll; `None`: as the bank says.
    pub required: Option<Vec<String>>,
}

impl NewPoll {
    /// The stored row of this poll under `id` (every column set).
    fn active_model(&self, id: &PollId) -> poll::ActiveModel {
        poll::ActiveModel {
            id: Set(id.clone()),
            template_code: Set(self.template_code.clone()),
            kind: Set(self.kind),
            title_nl: Set(self.title.nl.clone()),
            title_en: Set(self.title.en.clone()),
            intro_nl: Set(self.intro.nl.clone()),
            intro_en: Set(self.intro.en.clone()),
            pages: Set(serde_json::to_string(&self.pages).expect("pages serialise")),
            attributes: Set(serde_json::to_string(&self.attributes).expect("attributes serialise")),
            min_group: Set(self.min_group.get() as i32),
            required: Set(self
                .required
                .as_ref()
                .map(|r| serde_json::to_string(r).expect("codes serialise"))),
        }
    }
}

/// There is no poll with this id.
pub fn unknown_poll(id: &str) -> ServiceError {
    ServiceError::not_found(Refusal::new(
        msg!("unknown-poll-title"),
        msg!("unknown-poll-body", id = id),
    ))
}

/// There is no poll template with this code.
pub fn unknown_template(code: &str) -> ServiceError {
    ServiceError::not_found(Refusal::new(
        msg!("unknown-poll-title"),
        msg!("unknown-template-body", code = code),
    ))
}

/// Creates a poll. Every question code must exist in the bank.
pub async fn create(store: &Store, actor: &Actor, new: NewPoll) -> Result<PollId, ServiceError> {
    actor.require(Permission::ManagePolls)?;
    let codes: Vec<String> = new.pages.iter().flatten().cloned().collect();
    let known = questions::by_codes_unchecked(store, &codes).await?;
    if let Some(missing) = codes.iter().find(|c| !known.iter().any(|q| &q.code == *c)) {
        return Err(ServiceError::invalid(
            "pages",
            msg!("unknown-question-body", code = missing.as_str()),
        ));
    }
    let id = PollId::random();
    let w = store.write().await?;
    poll::Entity::insert(new.active_model(&id))
        .exec_without_returning(&*w)
        .await?;
    audit::record(&*w, actor, "poll.create", id.as_str(), &new.title.nl).await?;
    w.commit().await?;
    Ok(id)
}

/// A template of the question bank, as a list shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    pub code: String,
    pub kind: PollKind,
    pub name: Localized,
}

/// The templates of the question bank, by code.
pub async fn templates(store: &Store, actor: &Actor) -> Result<Vec<Template>, ServiceError> {
    actor.require(Permission::ReadPolls)?;
    Ok(poll_template::Entity::find()
        .order_by_asc(poll_template::Column::Code)
        .all(&store.read())
        .await?
        .into_iter()
        .map(|t| Template {
            code: t.code,
            kind: t.kind,
            name: Localized::new(t.name_nl, t.name_en),
        })
        .collect())
}

/// A poll's questions in page order, as the bank holds them: the respondent's form question,
/// its theme, and whether it is scored reversed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PollQuestion {
    pub question: crate::domain::Question,
    pub theme: String,
    pub reversed: bool,
}

/// The questions of a poll, in page order.
pub async fn questions(
    store: &Store,
    actor: &Actor,
    p: &Poll,
) -> Result<Vec<PollQuestion>, ServiceError> {
    actor.require(Permission::ReadPolls)?;
    questions_of(store, p)
        .await?
        .iter()
        .map(|q| {
            Ok(PollQuestion {
                question: p.form_question(q)?,
                theme: q.theme_code.clone(),
                reversed: q.reversed,
            })
        })
        .collect()
}

/// Creates a poll from a template of the question bank, with the template's questions,
/// attributes and threshold.
pub async fn create_from_template(
    store: &Store,
    actor: &Actor,
    template_code: &str,
) -> Result<PollId, ServiceError> {
    actor.require(Permission::ManagePolls)?;
    let t = poll_template::Entity::find_by_id(template_code.to_string())
        .one(&store.read())
        .await?
        .ok_or_else(|| unknown_template(template_code))?;
    let new = NewPoll {
        template_code: Some(t.code.clone()),
        kind: t.kind,
        title: Localized::new(&t.name_nl, &t.name_en),
        intro: Localized::new(&t.intro_nl, &t.intro_en),
        pages: parse_json(&t.pages, || format!("template {} pages", t.code))?,
        attributes: parse_json(&t.attributes, || format!("template {} attributes", t.code))?,
        min_group: ReportingThreshold::from_stored(t.min_group)
            .map_err(|e| ServiceError::corrupt(format!("template {} min_group", t.code), e))?,
        required: None,
    };
    create(store, actor, new).await
}

/// A poll by id.
pub async fn get(store: &Store, actor: &Actor, id: &PollId) -> Result<Poll, ServiceError> {
    actor.require(Permission::ReadPolls)?;
    load(store, id).await
}

/// A poll with its stored JSON parsed.
#[derive(Clone, Debug)]
pub struct Poll {
    pub id: PollId,
    pub template_code: Option<String>,
    pub kind: PollKind,
    pub title: Localized,
    pub intro: Localized,
    pub pages: Vec<Vec<String>>,
    pub attributes: Vec<ReportingAttribute>,
    pub min_group: ReportingThreshold,
    /// The codes a respondent must answer in this poll; `None`: as the bank says.
    pub required: Option<Vec<String>>,
}

impl Poll {
    pub fn question_codes(&self) -> Vec<String> {
        self.pages.iter().flatten().cloned().collect()
    }

    /// Whether a respondent must answer bank question `q` in this poll.
    pub fn requires(&self, q: &question::Model) -> bool {
        match &self.required {
            Some(codes) => codes.contains(&q.code),
            None => q.required,
        }
    }

    /// Bank question `q` as this poll's respondents see it.
    fn form_question(&self, q: &question::Model) -> Result<crate::domain::Question, ServiceError> {
        let mut fq = questions::to_form_question(q)?;
        fq.required = self.requires(q);
        Ok(fq)
    }

    pub fn wants(&self, a: ReportingAttribute) -> bool {
        self.attributes.contains(&a)
    }
}

fn parse_json<T: serde::de::DeserializeOwned>(
    text: &str,
    what: impl FnOnce() -> String,
) -> Result<T, ServiceError> {
    serde_json::from_str(text).map_err(|e| ServiceError::corrupt(what(), e))
}

impl TryFrom<poll::Model> for Poll {
    type Error = ServiceError;
    fn try_from(m: poll::Model) -> Result<Self, ServiceError> {
        let id = m.id.clone();
        Ok(Poll {
            pages: parse_json(&m.pages, || format!("poll {id} pages"))?,
            attributes: parse_json(&m.attributes, || format!("poll {id} attributes"))?,
            min_group: ReportingThreshold::from_stored(m.min_group)
                .map_err(|e| ServiceError::corrupt(format!("poll {id} min_group"), e))?,
            required: match &m.required {
                Some(r) => Some(parse_json(r, || format!("poll {id} required"))?),
                None => None,
            },
            id: m.id,
            template_code: m.template_code,
            kind: m.kind,
            title: Localized::new(m.title_nl, m.title_en),
            intro: Localized::new(m.intro_nl, m.intro_en),
        })
    }
}

/// Loads and parses a poll, for services that have already checked the actor.
pub(crate) async fn load(store: &Store, id: &PollId) -> Result<Poll, ServiceError> {
    poll::Entity::find_by_id(id.clone())
        .one(&store.read())
        .await?
        .ok_or_else(|| unknown_poll(id.as_str()))?
        .try_into()
}

/// The scored and unscored questions of a poll, in page order.
pub(crate) async fn questions_of(
    store: &Store,
    p: &Poll,
) -> Result<Vec<question::Model>, ServiceError> {
    let codes = p.question_codes();
    let mut qs = questions::by_codes_unchecked(store, &codes).await?;
    qs.sort_by_key(|q| codes.iter().position(|c| *c == q.code));
    Ok(qs)
}

/// The poll as a respondent sees it. Pages whose questions are all gone from the bank are
/// left out.
pub(crate) async fn form(
    store: &Store,
    p: &Poll,
    closes_on: String,
) -> Result<PollForm, ServiceError> {
    let questions = questions_of(store, p).await?;
    let mut pages = Vec::new();
    for codes in &p.pages {
        let mut page = Vec::new();
        for c in codes {
            if let Some(q) = questions.iter().find(|q| &q.code == c) {
                page.push(p.form_question(q)?);
            }
        }
        if !page.is_empty() {
            pages.push(page);
        }
    }
    Ok(PollForm {
        title: p.title.clone(),
        intro: p.intro.clone(),
        closes_on,
        min_group: p.min_group,
        pages,
    })
}

/// Every poll, with its parsed settings.
pub async fn list(store: &Store, actor: &Actor) -> Result<Vec<Poll>, ServiceError> {
    actor.require(Permission::ReadPolls)?;
    poll::Entity::find()
        .order_by_asc(poll::Column::TitleNl)
        .all(&store.read())
        .await?
        .into_iter()
        .map(Poll::try_from)
        .collect()
}

/// Whether any wave of the poll has answers (sealed or opened): its questions are then
/// frozen, so every answer of a wave belongs to the same questions.
pub(crate) async fn has_answers<C: sea_orm::ConnectionTrait>(
    db: &C,
    id: &PollId,
) -> Result<bool, ServiceError> {
    use super::entities::{response, sealed_response, wave};
    use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter};
    let waves: Vec<crate::domain::WaveId> = wave::Entity::find()
        .filter(wave::Column::PollId.eq(id.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|w| w.id)
        .collect();
    if waves.is_empty() {
        return Ok(false);
    }
    let sealed = sealed_response::Entity::find()
        .filter(sealed_response::Column::WaveId.is_in(waves.clone()))
        .count(db)
        .await?;
    let opened = response::Entity::find()
        .filter(response::Column::WaveId.is_in(waves))
        .count(db)
        .await?;
    Ok(sealed + opened > 0)
}

/// The refusal of a change to a poll whose questions are frozen (409).
pub fn frozen_refusal() -> ServiceError {
    ServiceError::Conflict {
        field: None,
        refusal: Box::new(Refusal::new(msg!("poll-frozen-title"), msg!("poll-frozen"))),
    }
}

/// Whether a poll's questions are frozen: a wave of it has answers.
pub async fn frozen(store: &Store, actor: &Actor, id: &PollId) -> Result<bool, ServiceError> {
    actor.require(Permission::ManagePolls)?;
    load(store, id).await?;
    has_answers(&store.read(), id).await
}

/// A poll as HRM reviews it: settings, questions by page, waves, and whether its questions
/// are frozen.
pub async fn detail(
    store: &Store,
    actor: &Actor,
    id: &PollId,
) -> Result<crate::domain::PollDetail, ServiceError> {
    actor.require(Permission::ManagePolls)?;
    let p = load(store, id).await?;
    let qs = questions_of(store, &p).await?;
    let mut questions = Vec::new();
    for (page, codes) in p.pages.iter().enumerate() {
        for c in codes {
            if let Some(q) = qs.iter().find(|q| &q.code == c) {
                questions.push(crate::domain::PollQuestionRow {
                    code: q.code.clone(),
                    text: Localized::new(&q.text_nl, &q.text_en),
                    theme: q.theme_code.clone(),
                    kind: q.kind,
                    required: p.requires(q),
                    reversed: q.reversed,
                    page: page as u32 + 1,
                });
            }
        }
    }
    let mut waves = Vec::new();
    for w in super::waves::of_poll(store, actor, id).await? {
        let (_, people) = super::waves::audience_teams(store, actor, &w).await?;
        let mut row = super::waves::row(w);
        // A headcount under k is shown as "< k", like every count of people.
        row.audience_size = (people >= u64::from(p.min_group.get())).then_some(people as u32);
        waves.push(row);
    }
    Ok(crate::domain::PollDetail {
        id: p.id.as_str().to_string(),
        title: p.title.clone(),
        intro: p.intro.clone(),
        kind: p.kind,
        min_group: p.min_group.get(),
        attributes: p.attributes.clone(),
        questions,
        frozen: has_answers(&store.read(), id).await?,
        waves,
    })
}

/// The poll's form exactly as a respondent gets it, for HRM's preview; the closing date
/// shown is that of its latest wave (today when it has none).
pub async fn preview(store: &Store, actor: &Actor, id: &PollId) -> Result<PollForm, ServiceError> {
    actor.require(Permission::ManagePolls)?;
    let p = load(store, id).await?;
    let closes_on = super::waves::of_poll(store, actor, id)
        .await?
        .into_iter()
        .map(|w| w.closes_on)
        .max()
        .unwrap_or_else(super::today);
    form(store, &p, closes_on.to_string()).await
}

/// The templates with their number of questions, for the new-poll page.
pub async fn template_rows(
    store: &Store,
    actor: &Actor,
) -> Result<Vec<crate::domain::TemplateRow>, ServiceError> {
    actor.require(Permission::ManagePolls)?;
    poll_template::Entity::find()
        .order_by_asc(poll_template::Column::Code)
        .all(&store.read())
        .await?
        .into_iter()
        .map(|t| {
            let pages: Vec<Vec<String>> =
                parse_json(&t.pages, || format!("template {} pages", t.code))?;
            Ok(crate::domain::TemplateRow {
                questions: pages.iter().map(Vec::len).sum::<usize>() as u32,
                code: t.code,
                name: Localized::new(t.name_nl, t.name_en),
                kind: t.kind,
            })
        })
        .collect()
}

/// Creates a poll put together in the browser from the bank: both titles required (at most
/// 200 characters), a threshold of at least [`ReportingThreshold::MIN`], at least one
/// question; each chosen question on its page (1-based; empty pages closed up), at its place
/// on the page (1 to 100; questions without a place follow, in the bank's order; equal places
/// keep the bank's order), required or not as ticked.
///
/// # Errors
/// `Invalid` on `title_nl`, `title_en`, `min_group`, `questions`, `page:CODE` or `pos:CODE`; as
/// [`create`] otherwise.
pub async fn compose(
    store: &Store,
    actor: &Actor,
    draft: &crate::domain::PollDraft,
) -> Result<PollId, ServiceError> {
    let new = checked_draft(store, actor, draft).await?;
    create(store, actor, new).await
}

/// Changes a poll's settings and questions from the same form as [`compose`], as long as no
/// wave of it has answers (every answer of a wave belongs to the same questions). Respondents
/// get the new form at their next page.
///
/// # Errors
/// `Conflict` once a wave has answers; otherwise as [`compose`].
pub async fn update(
    store: &Store,
    actor: &Actor,
    id: &PollId,
    draft: &crate::domain::PollDraft,
) -> Result<(), ServiceError> {
    let new = checked_draft(store, actor, draft).await?;
    load(store, id).await?;
    let codes: Vec<String> = new.pages.iter().flatten().cloned().collect();
    let known = questions::by_codes_unchecked(store, &codes).await?;
    if let Some(missing) = codes.iter().find(|c| !known.iter().any(|q| &q.code == *c)) {
        return Err(ServiceError::invalid(
            "questions",
            msg!("unknown-question-body", code = missing.as_str()),
        ));
    }
    let w = store.write().await?;
    // Checked in the transaction, so an answer committed meanwhile freezes the poll.
    if has_answers(&*w, id).await? {
        return Err(frozen_refusal());
    }
    // The template a poll came from stays its origin.
    let mut row = new.active_model(id);
    row.id = sea_orm::ActiveValue::Unchanged(id.clone());
    row.template_code = sea_orm::ActiveValue::NotSet;
    poll::Entity::update(row).exec(&*w).await?;
    audit::record(&*w, actor, "poll.update", id.as_str(), &new.title.nl).await?;
    w.commit().await?;
    store.forget_cached();
    Ok(())
}

/// A poll as the edit form holds it.
pub async fn draft_of(
    store: &Store,
    actor: &Actor,
    id: &PollId,
) -> Result<crate::domain::PollDraft, ServiceError> {
    actor.require(Permission::ManagePolls)?;
    let p = load(store, id).await?;
    let qs = questions_of(store, &p).await?;
    Ok(crate::domain::PollDraft {
        title_nl: p.title.nl.clone(),
        title_en: p.title.en.clone(),
        intro_nl: p.intro.nl.clone(),
        intro_en: p.intro.en.clone(),
        kind: p.kind,
        min_group: p.min_group.get().to_string(),
        attributes: p.attributes.clone(),
        chosen: p
            .pages
            .iter()
            .enumerate()
            .flat_map(|(i, codes)| codes.iter().enumerate().map(move |(j, c)| (i, j, c)))
            .filter_map(|(i, j, c)| {
                let q = qs.iter().find(|q| &q.code == c)?;
                Some(crate::domain::ChosenQuestion {
                    code: c.clone(),
                    page: (i + 1).to_string(),
                    position: (j + 1).to_string(),
                    required: p.requires(q),
                })
            })
            .collect(),
    })
}

/// A poll form's values checked and turned into a poll (pages closed up, questions in their
/// places, then the bank's order, within a page).
async fn checked_draft(
    store: &Store,
    actor: &Actor,
    draft: &crate::domain::PollDraft,
) -> Result<NewPoll, ServiceError> {
    actor.require(Permission::ManagePolls)?;
    let mut problems: Vec<(String, crate::i18n::Message)> = Vec::new();
    for (field, t) in [("title_nl", &draft.title_nl), ("title_en", &draft.title_en)] {
        let n = t.trim().chars().count();
        if n == 0 || n > 200 {
            problems.push((field.into(), msg!("poll-title-bad")));
        }
    }
    for (field, t) in [("intro_nl", &draft.intro_nl), ("intro_en", &draft.intro_en)] {
        if t.chars().count() > 2000 {
            problems.push((field.into(), msg!("poll-intro-too-long", max = 2000)));
        }
    }
    let k = match draft.min_group.trim().parse::<u32>() {
        Ok(k) => match ReportingThreshold::new(k) {
            Ok(t) => Some(t),
            Err(_) => {
                problems.push((
                    "min_group".into(),
                    msg!("poll-threshold-too-low", min = ReportingThreshold::MIN),
                ));
                None
            }
        },
        Err(_) => {
            problems.push(("min_group".into(), msg!("poll-threshold-not-number")));
            None
        }
    };
    // (page, place on the page or none, code)
    let mut placed: Vec<(u32, Option<u32>, String)> = Vec::new();
    for c in &draft.chosen {
        let page = match c.page.trim().parse::<u32>() {
            Ok(p) if (1..=50).contains(&p) => Some(p),
            _ => {
                problems.push((format!("page:{}", c.code), msg!("poll-page-bad")));
                None
            }
        };
        let position = match c.position.trim() {
            "" => Some(None),
            t => match t.parse::<u32>() {
                Ok(n) if (1..=MAX_PLACE).contains(&n) => Some(Some(n)),
                _ => {
                    problems.push((
                        format!("pos:{}", c.code),
                        msg!("poll-position-bad", max = MAX_PLACE),
                    ));
                    None
                }
            },
        };
        if let (Some(page), Some(position)) = (page, position) {
            placed.push((page, position, c.code.clone()));
        }
    }
    if draft.chosen.is_empty() {
        problems.push(("questions".into(), msg!("poll-no-questions")));
    }
    if !problems.is_empty() {
        return Err(ServiceError::Invalid(
            problems
                .into_iter()
                .map(|(field, message)| crate::refusal::FieldError { field, message })
                .collect(),
        ));
    }
    let bank_order: Vec<String> = super::questions::bank_rows(store, actor)
        .await?
        .into_iter()
        .map(|q| q.code)
        .collect();
    // Numbered places first, in their order; unnumbered ones after, in the bank's order.
    placed.sort_by_key(|(p, place, c)| {
        (
            *p,
            place.unwrap_or(u32::MAX),
            bank_order.iter().position(|b| b == c),
        )
    });
    let mut pages: Vec<Vec<String>> = Vec::new();
    let mut last = None;
    for (p, _, code) in placed {
        if last != Some(p) {
            pages.push(Vec::new());
            last = Some(p);
        }
        pages.last_mut().expect("a page").push(code);
    }
    Ok(NewPoll {
        template_code: None,
        kind: draft.kind,
        title: Localized::new(draft.title_nl.trim(), draft.title_en.trim()),
        intro: Localized::new(draft.intro_nl.trim(), draft.intro_en.trim()),
        pages,
        attributes: draft.attributes.clone(),
        min_group: k.expect("checked"),
        required: Some(
            draft
                .chosen
                .iter()
                .filter(|c| c.required)
                .map(|c| c.code.clone())
                .collect(),
        ),
    })
}

/// The highest place on a page the compose form takes.
const MAX_PLACE: u32 = 100;
