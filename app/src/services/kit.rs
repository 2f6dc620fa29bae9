//! The thermometer-conversation kit (issue #12): the *handreiking* and the *factsheet* that
//! make up a manager's handout, the help routes per unit, and the signal categories managers
//! tick after a conversation.
//!
//! Documents are Dutch and English Markdown that HRM edits in the app. Every save is a new
//! version (`kit_document`, never changed or removed), so a handout names a version that can be
//! looked up. Markdown is read into plain [`Doc`] blocks (headings, paragraphs, bulleted lists,
//! bold and italic runs); raw HTML, links, images and code are dropped, so what HRM types can
//! never become markup in a page or a PDF: pages and the PDF escape the text themselves.
//!
//! Version 1 of each document and a starting list of signal categories come with the binary
//! (`app/data/kit/`) and are written at start where missing.

use super::entities::{help_route, kit_document, org_unit, signal_category};
use super::{Actor, Permission, ServiceError, Store};
use crate::domain::{
    Block, Doc, HelpKind, HelpRouteRow, Inline, KitDocView, KitDraft, KitKind, KitVersionRow,
    Localized, OrgLevel, SignalRow,
};
use crate::i18n::Locale;
use crate::msg;
use sea_orm::{ActiveValue::Set, ColumnTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

/// The longest a document may be, per language, in characters.
pub const MAX_BODY: usize = 60_000;

/// The longest a help route's name or contact details, or a signal's label, may be.
pub const MAX_LINE: usize = 200;

/// The documents that come with the binary: kind, Dutch, English.
const BUNDLED: [(KitKind, &str, &str); 2] = [
    (
        KitKind::Handreiking,
        include_str!("../../data/kit/handreiking.nl.md"),
        include_str!("../../data/kit/handreiking.en.md"),
    ),
    (
        KitKind::Factsheet,
        include_str!("../../data/kit/factsheet.nl.md"),
        include_str!("../../data/kit/factsheet.en.md"),
    ),
];

/// The signal categories a new installation starts with: code, Dutch, English.
const SIGNALS: [(&str, &str, &str); 10] = [
    (
        "financiele_zorgen",
        "Financiële zorgen",
        "Financial worries",
    ),
    (
        "slaap_vermoeidheid",
        "Slecht slapen of vermoeidheid",
        "Poor sleep or fatigue",
    ),
    (
        "agressie_bedreiging",
        "Agressie, intimidatie of bedreiging",
        "Aggression, intimidation or threats",
    ),
    (
        "polarisatie",
        "Polarisatie, ook in het team",
        "Polarisation, within the team too",
    ),
    (
        "morele_stress",
        "Morele stress of dilemma's",
        "Moral stress or dilemmas",
    ),
    (
        "onderbezetting",
        "Werkdruk door onderbezetting",
        "Workload from understaffing",
    ),
    (
        "incidentendruk",
        "Incidentendruk of schokkende gebeurtenissen",
        "Incident pressure or shocking events",
    ),
    ("ongewenst_gedrag", "Ongewenst gedrag", "Unwanted behaviour"),
    (
        "integriteit",
        "Zorgen over integriteit",
        "Integrity concerns",
    ),
    (
        "thuissituatie",
        "Zorgen in de thuissituatie",
        "Worries at home",
    ),
];

/// A kit document's version with both languages.
#[derive(Clone, Debug)]
pub struct KitDocument {
    pub kind: KitKind,
    pub version: i32,
    pub created_on: time::Date,
    pub body: Localized,
}

impl KitDocument {
    /// The document to read in `locale`.
    pub fn view(&self, locale: Locale) -> KitDocView {
        KitDocView {
            kind: self.kind,
            version: self.version,
            created_on: self.created_on.to_string(),
            doc: parse_markdown(self.body.get(locale)),
        }
    }
}

impl From<kit_document::Model> for KitDocument {
    fn from(m: kit_document::Model) -> Self {
        KitDocument {
            kind: m.kind,
            version: m.version,
            created_on: m.created_at.date(),
            body: Localized::new(m.body_nl, m.body_en),
        }
    }
}

/// Reads Markdown into plain blocks: ATX/setext headings (levels beyond 3 read as 3),
/// paragraphs, bulleted and numbered lists (one line of text per item; nested lists are
/// flattened into it), bold and italic runs. Everything else keeps only its text (links,
/// inline code) or is dropped (raw HTML, images, code blocks, tables, rules).
pub fn parse_markdown(md: &str) -> Doc {
    use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
    let mut blocks = Vec::new();
    let mut runs: Vec<Inline> = Vec::new();
    let mut items: Vec<Vec<Inline>> = Vec::new();
    let (mut strong, mut emphasis, mut list_depth, mut skip) = (0u32, 0u32, 0u32, 0u32);
    let mut heading: Option<u8> = None;
    let push_text = |runs: &mut Vec<Inline>, text: &str, strong: u32, emphasis: u32| {
        if text.is_empty() {
            return;
        }
        let run = match (strong > 0, emphasis > 0) {
            (true, _) => Inline::Strong(text.to_string()),
            (false, true) => Inline::Emphasis(text.to_string()),
            _ => Inline::Text(text.to_string()),
        };
        // Adjacent runs of one kind become one.
        match (runs.last_mut(), &run) {
            (Some(Inline::Text(a)), Inline::Text(b))
            | (Some(Inline::Strong(a)), Inline::Strong(b))
            | (Some(Inline::Emphasis(a)), Inline::Emphasis(b)) => a.push_str(b),
            _ => runs.push(run),
        }
    };
    let trimmed = |mut runs: Vec<Inline>| {
        while matches!(runs.last(), Some(r) if r.text().trim().is_empty()) {
            runs.pop();
        }
        if let Some(Inline::Text(t) | Inline::Strong(t) | Inline::Emphasis(t)) = runs.last_mut() {
            t.truncate(t.trim_end().len());
        }
        runs
    };
    for event in Parser::new(md) {
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::Image { .. } | Tag::Table(_)) => skip += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::Image | TagEnd::Table) => {
                skip = skip.saturating_sub(1)
            }
            _ if skip > 0 => {}
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some(match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    _ => 3,
                });
            }
            Event::End(TagEnd::Heading(_)) => {
                let runs = trimmed(std::mem::take(&mut runs));
                if !runs.is_empty() {
                    blocks.push(Block::Heading(heading.unwrap_or(3), runs));
                }
                heading = None;
            }
            Event::Start(Tag::List(_)) => {
                // A nested list: its parent item's text so far is an item of its own.
                if list_depth > 0 {
                    let runs = trimmed(std::mem::take(&mut runs));
                    if !runs.is_empty() {
                        items.push(runs);
                    }
                }
                list_depth += 1;
            }
            Event::End(TagEnd::List(_)) => {
                list_depth = list_depth.saturating_sub(1);
                if list_depth == 0 && !items.is_empty() {
                    blocks.push(Block::List(std::mem::take(&mut items)));
                }
            }
            Event::End(TagEnd::Item) => {
                let runs = trimmed(std::mem::take(&mut runs));
                if !runs.is_empty() {
                    items.push(runs);
                }
            }
            Event::End(TagEnd::Paragraph) if list_depth == 0 => {
                let runs = trimmed(std::mem::take(&mut runs));
                if !runs.is_empty() {
                    blocks.push(Block::Paragraph(runs));
                }
            }
            Event::End(TagEnd::Paragraph) => push_text(&mut runs, " ", strong, emphasis),
            Event::Start(Tag::Strong) => strong += 1,
            Event::End(TagEnd::Strong) => strong = strong.saturating_sub(1),
            Event::Start(Tag::Emphasis) => emphasis += 1,
            Event::End(TagEnd::Emphasis) => emphasis = emphasis.saturating_sub(1),
            Event::Text(t) | Event::Code(t) => push_text(&mut runs, &t, strong, emphasis),
            Event::SoftBreak | Event::HardBreak => push_text(&mut runs, " ", strong, emphasis),
            // Raw HTML, footnotes, rules, task markers: nothing of them is kept.
            _ => {}
        }
    }
    Doc { blocks }
}

/// Writes version 1 of each document and the starting signal categories where missing.
pub(crate) async fn seed(store: &Store) -> Result<(), DbErr> {
    let w = store.write().await?;
    for (kind, nl, en) in BUNDLED {
        let exists = kit_document::Entity::find()
            .filter(kit_document::Column::Kind.eq(kind))
            .one(&*w)
            .await?
            .is_some();
        if !exists {
            kit_document::Entity::insert(kit_document::ActiveModel {
                kind: Set(kind),
                version: Set(1),
                body_nl: Set(nl.to_string()),
                body_en: Set(en.to_string()),
                created_at: Set(time::OffsetDateTime::now_utc()),
                created_by: Set(Actor::System.to_string()),
                ..Default::default()
            })
            .exec_without_returning(&*w)
            .await?;
        }
    }
    if signal_category::Entity::find().one(&*w).await?.is_none() {
        signal_category::Entity::insert_many(SIGNALS.iter().enumerate().map(
            |(i, (code, nl, en))| signal_category::ActiveModel {
                code: Set(code.to_string()),
                label_nl: Set(nl.to_string()),
                label_en: Set(en.to_string()),
                position: Set(i as i32 + 1),
                active: Set(true),
            },
        ))
        .exec_without_returning(&*w)
        .await?;
    }
    w.commit().await
}

/// The latest version of a document.
///
/// # Errors
/// `Forbidden` for a respondent.
pub async fn current(
    store: &Store,
    actor: &Actor,
    kind: KitKind,
) -> Result<KitDocument, ServiceError> {
    actor.require(Permission::ReadKit)?;
    latest_of(&store.read(), kind).await
}

/// The latest version of a document (callers have checked the actor).
pub(crate) async fn latest_of<C: sea_orm::ConnectionTrait>(
    db: &C,
    kind: KitKind,
) -> Result<KitDocument, ServiceError> {
    kit_document::Entity::find()
        .filter(kit_document::Column::Kind.eq(kind))
        .order_by_desc(kit_document::Column::Version)
        .one(db)
        .await?
        .map(KitDocument::from)
        .ok_or_else(|| {
            ServiceError::corrupt(
                format!("kit document {kind}"),
                std::io::Error::other("no version stored (the start writes version 1)"),
            )
        })
}

/// One stored version of a document.
///
/// # Errors
/// `Forbidden` for anyone but HRM; `NotFound` for a version that does not exist.
pub async fn version(
    store: &Store,
    actor: &Actor,
    kind: KitKind,
    version: i32,
) -> Result<KitDocument, ServiceError> {
    actor.require(Permission::ManageKit)?;
    kit_document::Entity::find()
        .filter(kit_document::Column::Kind.eq(kind))
        .filter(kit_document::Column::Version.eq(version))
        .one(&store.read())
        .await?
        .map(KitDocument::from)
        .ok_or_else(|| {
            ServiceError::not_found(super::Refusal::new(
                msg!("not-found-title"),
                msg!("kit-version-unknown"),
            ))
        })
}

/// Every version of a document, newest first.
pub async fn versions(
    store: &Store,
    actor: &Actor,
    kind: KitKind,
) -> Result<Vec<KitVersionRow>, ServiceError> {
    actor.require(Permission::ManageKit)?;
    Ok(kit_document::Entity::find()
        .filter(kit_document::Column::Kind.eq(kind))
        .order_by_desc(kit_document::Column::Version)
        .all(&store.read())
        .await?
        .into_iter()
        .map(|m| KitVersionRow {
            version: m.version,
            created_on: m.created_at.date().to_string(),
            created_by: m.created_by,
        })
        .collect())
}

/// Saves a new version of a document; returns its number. Line endings are normalised to
/// `\n` and trailing blanks removed.
///
/// # Errors
/// `Forbidden` for anyone but HRM; `Invalid` on `body_nl` / `body_en` when a text is empty,
/// longer than [`MAX_BODY`] characters or has no heading (the handout's title), and on
/// `body_nl` when nothing changed since the latest version.
pub async fn save(
    store: &Store,
    actor: &Actor,
    kind: KitKind,
    draft: &KitDraft,
) -> Result<i32, ServiceError> {
    actor.require(Permission::ManageKit)?;
    let clean = |s: &str| {
        s.replace("\r\n", "\n")
            .replace('\r', "\n")
            .trim_end()
            .to_string()
    };
    let (nl, en) = (clean(&draft.body_nl), clean(&draft.body_en));
    let mut problems = Vec::new();
    for (field, text) in [("body_nl", &nl), ("body_en", &en)] {
        if text.trim().is_empty() {
            problems.push(super::error::FieldError {
                field: field.into(),
                message: msg!("kit-body-empty"),
            });
        } else if text.chars().count() > MAX_BODY {
            problems.push(super::error::FieldError {
                field: field.into(),
                message: msg!("kit-body-too-long", max = MAX_BODY as i64),
            });
        } else if parse_markdown(text).title().is_empty() {
            problems.push(super::error::FieldError {
                field: field.into(),
                message: msg!("kit-body-no-title"),
            });
        }
    }
    if !problems.is_empty() {
        return Err(ServiceError::Invalid(problems));
    }
    let w = store.write().await?;
    let now = latest_of(&*w, kind).await?;
    if now.body.nl == nl && now.body.en == en {
        return Err(ServiceError::invalid("body_nl", msg!("kit-unchanged")));
    }
    let next = now.version + 1;
    kit_document::Entity::insert(kit_document::ActiveModel {
        kind: Set(kind),
        version: Set(next),
        body_nl: Set(nl),
        body_en: Set(en),
        created_at: Set(time::OffsetDateTime::now_utc()),
        created_by: Set(actor.to_string()),
        ..Default::default()
    })
    .exec_without_returning(&*w)
    .await
    // Two saves at once (PostgreSQL): the second is told, its draft kept on the page.
    .map_err(|e| ServiceError::on_unique(e, "body_nl", msg!("kit-saved-meanwhile")))?;
    super::audit::record(
        &*w,
        actor,
        "kit.save",
        kind.as_str(),
        &format!("version {next}"),
    )
    .await?;
    w.commit().await?;
    Ok(next)
}

/// The help routes stored for exactly this unit (`""`: the whole organisation), in the
/// order of [`HelpKind::ALL`], for HRM to edit.
pub async fn routes_of(
    store: &Store,
    actor: &Actor,
    unit_code: &str,
) -> Result<Vec<HelpRouteRow>, ServiceError> {
    actor.require(Permission::ManageKit)?;
    let mut rows: Vec<HelpRouteRow> = help_route::Entity::find()
        .filter(help_route::Column::UnitCode.eq(unit_code))
        .all(&store.read())
        .await?
        .into_iter()
        .map(row_of)
        .collect();
    rows.sort_by_key(|r| HelpKind::ALL.iter().position(|k| *k == r.kind));
    Ok(rows)
}

fn row_of(m: help_route::Model) -> HelpRouteRow {
    HelpRouteRow {
        kind: m.kind,
        unit_code: m.unit_code,
        name: m.name,
        contact: m.contact,
    }
}

/// The routes the reader's kit lists: a manager's those of the unit of their scope, anyone
/// else's the organisation's (as [`routes_for`]).
pub async fn routes_for_reader(
    store: &Store,
    actor: &Actor,
) -> Result<Vec<HelpRouteRow>, ServiceError> {
    actor.require(Permission::ReadKit)?;
    let scope = match actor {
        Actor::Account {
            role: crate::domain::Role::Manager,
            scope,
            ..
        } => scope.as_deref(),
        _ => None,
    };
    routes_for(&store.read(), scope).await
}

/// The routes a handout lists for a node of the organisation (a team, or a manager's scope):
/// per kind the route of the node's unit, else the organisation's; kinds with neither are
/// left out. `node_code` `None`: the organisation's.
pub(crate) async fn routes_for<C: sea_orm::ConnectionTrait>(
    db: &C,
    node_code: Option<&str>,
) -> Result<Vec<HelpRouteRow>, ServiceError> {
    let unit = match node_code {
        Some(code) => unit_of(db, code).await?.map(|u| u.code),
        None => None,
    };
    let stored = help_route::Entity::find().all(db).await?;
    Ok(HelpKind::ALL
        .iter()
        .filter_map(|kind| {
            let of = |code: &str| {
                stored
                    .iter()
                    .find(|m| m.kind == *kind && m.unit_code == code)
                    .cloned()
            };
            unit.as_deref().and_then(of).or_else(|| of("")).map(row_of)
        })
        .collect())
}

/// The unit (level `unit`) a node belongs to: itself, or the nearest ancestor of that level.
pub(crate) async fn unit_of<C: sea_orm::ConnectionTrait>(
    db: &C,
    code: &str,
) -> Result<Option<org_unit::Model>, DbErr> {
    let nodes = org_unit::Entity::find().all(db).await?;
    let mut at = nodes.iter().find(|n| n.code == code);
    while let Some(n) = at {
        if n.level == OrgLevel::Unit {
            return Ok(Some(n.clone()));
        }
        at = n.parent_id.and_then(|p| nodes.iter().find(|m| m.id == p));
    }
    Ok(None)
}

/// Replaces the help routes of one unit (`""`: the whole organisation). A row with neither
/// name nor contact details removes that kind's route.
///
/// # Errors
/// `Forbidden` for anyone but HRM; `NotFound` for a unit code that is not a unit;
/// `Invalid` on `name_<kind>` / `contact_<kind>` for one of the two missing or longer than
/// [`MAX_LINE`].
pub async fn set_routes(
    store: &Store,
    actor: &Actor,
    unit_code: &str,
    rows: &[(HelpKind, String, String)],
) -> Result<(), ServiceError> {
    actor.require(Permission::ManageKit)?;
    let mut problems = Vec::new();
    let mut keep = Vec::new();
    for (kind, name, contact) in rows {
        let (name, contact) = (name.trim(), contact.trim());
        if name.is_empty() && contact.is_empty() {
            continue;
        }
        for (field, text) in [("name", name), ("contact", contact)] {
            let field = format!("{field}_{kind}");
            if text.is_empty() {
                problems.push(super::error::FieldError {
                    field,
                    message: msg!("help-route-incomplete"),
                });
            } else if text.chars().count() > MAX_LINE {
                problems.push(super::error::FieldError {
                    field,
                    message: msg!("field-too-long", max = MAX_LINE as i64),
                });
            }
        }
        keep.push((*kind, name.to_string(), contact.to_string()));
    }
    if !problems.is_empty() {
        return Err(ServiceError::Invalid(problems));
    }
    let w = store.write().await?;
    if !unit_code.is_empty() {
        let unit = org_unit::Entity::find()
            .filter(org_unit::Column::Code.eq(unit_code))
            .filter(org_unit::Column::Level.eq(OrgLevel::Unit))
            .one(&*w)
            .await?;
        if unit.is_none() {
            return Err(ServiceError::not_found(super::Refusal::new(
                msg!("not-found-title"),
                msg!("help-route-unit-unknown"),
            )));
        }
    }
    help_route::Entity::delete_many()
        .filter(help_route::Column::UnitCode.eq(unit_code))
        .exec(&*w)
        .await?;
    if !keep.is_empty() {
        let now = time::OffsetDateTime::now_utc();
        help_route::Entity::insert_many(keep.iter().map(|(kind, name, contact)| {
            help_route::ActiveModel {
                unit_code: Set(unit_code.to_string()),
                kind: Set(*kind),
                name: Set(name.clone()),
                contact: Set(contact.clone()),
                updated_at: Set(now),
                ..Default::default()
            }
        }))
        .exec_without_returning(&*w)
        .await?;
    }
    let object = if unit_code.is_empty() {
        "organisation"
    } else {
        unit_code
    };
    super::audit::record(
        &*w,
        actor,
        "kit.help_routes",
        object,
        &format!("{} routes", keep.len()),
    )
    .await?;
    w.commit().await?;
    Ok(())
}

/// The signal categories, in their order; `active_only` leaves out those switched off.
pub async fn signals(
    store: &Store,
    actor: &Actor,
    active_only: bool,
) -> Result<Vec<SignalRow>, ServiceError> {
    actor.require(Permission::ReadKit)?;
    let mut q = signal_category::Entity::find().order_by_asc(signal_category::Column::Position);
    if active_only {
        q = q.filter(signal_category::Column::Active.eq(true));
    }
    Ok(q.all(&store.read())
        .await?
        .into_iter()
        .map(|m| SignalRow {
            code: m.code,
            label: Localized::new(m.label_nl, m.label_en),
            active: m.active,
        })
        .collect())
}

/// Adds a signal category at the end of the list.
///
/// # Errors
/// `Forbidden` for anyone but HRM; `Invalid` on `code` (not 2–40 of `a-z`, `0-9`, `_`) and
/// on `label_nl` / `label_en` (empty or over [`MAX_LINE`]); `Conflict` on `code` when it is
/// taken.
pub async fn add_signal(
    store: &Store,
    actor: &Actor,
    code: &str,
    label: &Localized,
) -> Result<(), ServiceError> {
    actor.require(Permission::ManageKit)?;
    let code = code.trim();
    let mut problems = Vec::new();
    let good = (2..=40).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if !good {
        problems.push(super::error::FieldError {
            field: "code".into(),
            message: msg!("signal-code-invalid"),
        });
    }
    for (field, text) in [("label_nl", label.nl.trim()), ("label_en", label.en.trim())] {
        if text.is_empty() {
            problems.push(super::error::FieldError {
                field: field.into(),
                message: msg!("field-required"),
            });
        } else if text.chars().count() > MAX_LINE {
            problems.push(super::error::FieldError {
                field: field.into(),
                message: msg!("field-too-long", max = MAX_LINE as i64),
            });
        }
    }
    if !problems.is_empty() {
        return Err(ServiceError::Invalid(problems));
    }
    let w = store.write().await?;
    let last = signal_category::Entity::find()
        .order_by_desc(signal_category::Column::Position)
        .one(&*w)
        .await?
        .map_or(0, |m| m.position);
    signal_category::Entity::insert(signal_category::ActiveModel {
        code: Set(code.to_string()),
        label_nl: Set(label.nl.trim().to_string()),
        label_en: Set(label.en.trim().to_string()),
        position: Set(last + 1),
        active: Set(true),
    })
    .exec_without_returning(&*w)
    .await
    .map_err(|e| ServiceError::on_unique(e, "code", msg!("signal-code-taken")))?;
    super::audit::record(&*w, actor, "kit.signal_add", code, "").await?;
    w.commit().await?;
    Ok(())
}

/// Switches a signal category on or off (never removed: recorded conversations keep it).
///
/// # Errors
/// `Forbidden` for anyone but HRM; `NotFound` for an unknown code.
pub async fn set_signal_active(
    store: &Store,
    actor: &Actor,
    code: &str,
    active: bool,
) -> Result<(), ServiceError> {
    actor.require(Permission::ManageKit)?;
    let w = store.write().await?;
    let res = signal_category::Entity::update_many()
        .col_expr(signal_category::Column::Active, active.into())
        .filter(signal_category::Column::Code.eq(code))
        .exec(&*w)
        .await?;
    if res.rows_affected == 0 {
        return Err(ServiceError::not_found(super::Refusal::new(
            msg!("not-found-title"),
            msg!("signal-unknown"),
        )));
    }
    super::audit::record(
        &*w,
        actor,
        if active {
            "kit.signal_on"
        } else {
            "kit.signal_off"
        },
        code,
        "",
    )
    .await?;
    w.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_plain_blocks_and_markup_never_survives() {
        let doc = parse_markdown(
            "# Titel\n\nEen **vet** en *schuin* woord.\n\n## Kop\n\n- een\n- twee met `code`\n  - dieper\n\n<script>alert(1)</script>\n\n[link](https://x.nl) ![img](a.png)\n\n```\ncode block\n```\n",
        );
        assert_eq!(doc.title(), "Titel");
        assert_eq!(
            doc.blocks,
            vec![
                Block::Heading(1, vec![Inline::Text("Titel".into())]),
                Block::Paragraph(vec![
                    Inline::Text("Een ".into()),
                    Inline::Strong("vet".into()),
                    Inline::Text(" en ".into()),
                    Inline::Emphasis("schuin".into()),
                    Inline::Text(" woord.".into()),
                ]),
                Block::Heading(2, vec![Inline::Text("Kop".into())]),
                Block::List(vec![
                    vec![Inline::Text("een".into())],
                    vec![Inline::Text("twee met code".into())],
                    vec![Inline::Text("dieper".into())],
                ]),
                Block::Paragraph(vec![Inline::Text("link".into())]),
            ]
        );
    }

    #[test]
    fn the_bundled_documents_have_a_title_in_both_languages() {
        for (kind, nl, en) in BUNDLED {
            assert!(!parse_markdown(nl).title().is_empty(), "{kind} nl");
            assert!(!parse_markdown(en).title().is_empty(), "{kind} en");
            assert_eq!(
                parse_markdown(nl).blocks.len(),
                parse_markdown(en).blocks.len(),
                "{kind}: the English follows the Dutch block for block"
            );
        }
    }
}
