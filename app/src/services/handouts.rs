//! The thermometer-conversation handout (issue #12): a printable A4 PDF of the kit's current
//! *handreiking* and *factsheet*, the help routes of the team's unit, and — for a team — its
//! figures per theme beside its unit and the organisation from the latest closed wave
//! ([`super::team_results`]), typeset by the `documents` crate. A blank handout (no team, no
//! figures) is there for every account; a team's handout for its manager and for HRM. Every
//! team handout is audited (it shows results).

use super::{Actor, Permission, ServiceError, Store};
use crate::domain::{Block, Doc, Inline, KitKind, OrgLevel};
use crate::i18n::{Locale, Message};
use crate::msg;
use serde_json::{json, Value};

/// A team's handout (`team` `Some`) or the blank one, in `locale`, as PDF bytes.
///
/// # Errors
/// `Forbidden` for a respondent, and for a team handout for anyone but a manager or HRM;
/// `NotFound` for a team that does not exist or is outside the manager's scope (told
/// apart from neither); `Unexpected` when typesetting fails (a fault of Polsslag).
pub async fn pdf(
    store: &Store,
    actor: &Actor,
    team: Option<&str>,
    locale: Locale,
    today: time::Date,
) -> Result<Vec<u8>, ServiceError> {
    actor.require(Permission::ReadKit)?;
    let read = store.read();
    let team = match team {
        Some(code) => {
            actor.require(Permission::ReadTeamResults)?;
            Some(team_in_scope(&read, actor, code).await?)
        }
        None => None,
    };
    let handreiking = super::kit::latest_of(&read, KitKind::Handreiking).await?;
    let factsheet = super::kit::latest_of(&read, KitKind::Factsheet).await?;
    let routes = super::kit::routes_for(&read, team.as_ref().map(|t| t.code.as_str())).await?;
    let unit = match &team {
        Some(t) => super::kit::unit_of(&read, &t.code).await?,
        None => None,
    };
    let (figures, charts) = match &team {
        Some(t) => match super::team_results::handout_figures(store, &t.code, locale).await? {
            Some((figures, charts)) => (Some(figures), charts),
            None => (None, Vec::new()),
        },
        None => (None, Vec::new()),
    };
    let t = |m: Message| m.text(locale);
    let version = t(msg!(
        "handout-version",
        handreiking = handreiking.version,
        handreiking_day = handreiking.created_on.to_string(),
        factsheet = factsheet.version,
        factsheet_day = factsheet.created_on.to_string()
    ));
    let mut lines = vec![
        json!([t(msg!("handout-date")), today.to_string()]),
        json!([t(msg!("handout-version-label")), version.clone()]),
    ];
    if team.is_none() {
        lines.insert(
            0,
            json!([t(msg!("handout-team")), "______________________________"]),
        );
    }
    let data = json!({
        "lang": locale.code(),
        "title": handreiking_title(&handreiking, locale),
        "footer": t(msg!("handout-footer", version = version, day = today.to_string())),
        "cover": {
            "team": team.as_ref().map(|t| t.name.clone()),
            "unit": unit.map(|u| u.name),
            "lines": lines,
        },
        "labels": {
            "page": t(msg!("handout-page")),
            "figures_title": t(msg!("handout-figures-title")),
            "figures_intro": t(msg!("handout-figures-intro")),
            "theme": t(msg!("handout-col-theme")),
            "team": t(msg!("handout-col-team")),
            "unit": t(msg!("handout-col-unit")),
            "organisation": t(msg!("handout-col-organisation")),
            "none": t(msg!("handout-no-figure")),
            "routes_title": t(msg!("handout-routes-title")),
            "notes_title": t(msg!("handout-notes")),
            "no_routes": t(msg!("kit-no-routes")),
        },
        "figures": figures,
        "handreiking": blocks(&handreiking.view(locale).doc, true),
        "factsheet": blocks(&factsheet.view(locale).doc, false),
        "routes": routes.iter().map(|r| json!({
            "kind": Message::from_key(super::conversations::help_key(r.kind)).text(locale),
            "name": r.name,
            "contact": r.contact,
        })).collect::<Vec<_>>(),
    });
    let files: Vec<(&str, &[u8])> = charts
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let bytes = documents::render_with(documents::Template::Handout, &data, &files)
        .map_err(|e| ServiceError::corrupt("the handout", e))?;
    if let Some(t) = &team {
        let w = store.write().await?;
        super::audit::record(&*w, actor, "handout.download", &t.code, locale.code()).await?;
        w.commit().await?;
    }
    Ok(bytes)
}

/// The document's title: the handreiking's own first heading.
fn handreiking_title(doc: &super::kit::KitDocument, locale: Locale) -> String {
    let title = doc.view(locale).doc.title();
    if title.is_empty() {
        msg!("kit-handreiking").text(locale)
    } else {
        title
    }
}

/// The blocks of a document as the template reads them; `cover_title`: its first heading
/// is the cover's title, so it is left out.
fn blocks(doc: &Doc, cover_title: bool) -> Vec<Value> {
    let runs = |rs: &[Inline]| -> Vec<Value> {
        rs.iter()
            .map(|r| match r {
                Inline::Text(t) => json!({ "t": t, "s": "n" }),
                Inline::Strong(t) => json!({ "t": t, "s": "b" }),
                Inline::Emphasis(t) => json!({ "t": t, "s": "i" }),
            })
            .collect()
    };
    let mut first_heading = cover_title;
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(1, _) if first_heading => {
                first_heading = false;
                None
            }
            Block::Heading(level, rs) => {
                Some(json!({ "k": "h", "level": level, "runs": runs(rs) }))
            }
            Block::Paragraph(rs) => Some(json!({ "k": "p", "runs": runs(rs) })),
            Block::List(items) => Some(json!({
                "k": "l",
                "items": items.iter().map(|i| runs(i)).collect::<Vec<_>>(),
            })),
        })
        .collect()
}

/// The team `code`, if the actor may have its handout: HRM any team, a manager a team in
/// their scope, the command line any. Another team is "not found", as one that does not
/// exist.
async fn team_in_scope<C: sea_orm::ConnectionTrait>(
    db: &C,
    actor: &Actor,
    code: &str,
) -> Result<super::entities::org_unit::Model, ServiceError> {
    use super::entities::org_unit;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let not_found = || {
        ServiceError::not_found(super::Refusal::new(
            msg!("not-found-title"),
            msg!("handout-team-unknown"),
        ))
    };
    let team = org_unit::Entity::find()
        .filter(org_unit::Column::Code.eq(code))
        .filter(org_unit::Column::Level.eq(OrgLevel::Team))
        .one(db)
        .await?
        .ok_or_else(not_found)?;
    if let Actor::Account {
        role: crate::domain::Role::Manager,
        scope,
        ..
    } = actor
    {
        let scope = scope.as_deref().ok_or_else(not_found)?;
        if !super::organisation::is_within(db, &team.code, scope).await? {
            return Err(not_found());
        }
    }
    Ok(team)
}
