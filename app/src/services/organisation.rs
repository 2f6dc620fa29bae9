//! The organisation tree: organisation > unit > district > team. Responses carry the codes of
//! these nodes (as far as a poll asks for them); open team links hang from them.

use super::entities::org_unit;
use super::{audit, Actor, Permission, ServiceError, Store};
use crate::domain::OrgLevel;
use crate::msg;
use sea_orm::{ActiveValue::Set, EntityTrait, PaginatorTrait};

/// A node to add to the tree.
#[derive(Clone, Debug)]
pub struct NewOrgUnit {
    /// The node above; `None` only for the organisation itself.
    pub parent: Option<i64>,
    pub level: OrgLevel,
    pub code: String,
    pub name: String,
}

/// Whether a node of `level` may hang under a node of `parent` (`None`: at the root). A team
/// may hang directly under a unit that has no districts.
pub fn may_hang_under(level: OrgLevel, parent: Option<OrgLevel>) -> bool {
    matches!(
        (level, parent),
        (OrgLevel::Organisation, None)
            | (OrgLevel::Unit, Some(OrgLevel::Organisation))
            | (OrgLevel::District, Some(OrgLevel::Unit))
            | (OrgLevel::Team, Some(OrgLevel::District | OrgLevel::Unit))
    )
}

/// Whether the database holds no organisation yet.
pub async fn is_empty(store: &Store, actor: &Actor) -> Result<bool, ServiceError> {
    actor.require(Permission::ManageOrganisation)?;
    Ok(org_unit::Entity::find().count(&store.read()).await? == 0)
}

/// Adds a node and returns its id.
pub async fn add(store: &Store, actor: &Actor, new: NewOrgUnit) -> Result<i64, ServiceError> {
    actor.require(Permission::ManageOrganisation)?;
    let parent_level = match new.parent {
        Some(p) => Some(
            org_unit::Entity::find_by_id(p)
                .one(&store.read())
                .await?
                .ok_or_else(|| ServiceError::invalid("parent", msg!("invalid-body")))?
                .level,
        ),
        None => None,
    };
    if !may_hang_under(new.level, parent_level) {
        return Err(ServiceError::invalid(
            "parent",
            msg!(
                "org-parent-level",
                level = new.level.as_str(),
                parent = parent_level.map(OrgLevel::as_str).unwrap_or("none")
            ),
        ));
    }
    let w = store.write().await?;
    let id = org_unit::Entity::insert(org_unit::ActiveModel {
        parent_id: Set(new.parent),
        level: Set(new.level),
        code: Set(new.code.clone()),
        name: Set(new.name.clone()),
        ..Default::default()
    })
    .exec(&*w)
    .await
    .map_err(|e| {
        ServiceError::on_unique(e, "code", msg!("org-code-taken", code = new.code.as_str()))
    })?
    .last_insert_id;
    audit::record(&*w, actor, "org.add", &new.code, new.level.as_str()).await?;
    w.commit().await?;
    Ok(id)
}

/// A manager's part of the organisation: the node of their scope and every team in it, each
/// with its number of active employees, `None` where fewer than `k` work (DESIGN.md: counts
/// under k are shown as "< k"). The total is `None` too when subtracting the teams shown
/// from it would give fewer than `k` people (the tree rule of methodology.md's disclosure
/// control).
///
/// # Errors
/// `Forbidden` for anyone but a manager; `NotFound` when the manager's scope is no longer a
/// node of the organisation.
pub async fn scope_of(
    store: &Store,
    actor: &Actor,
    k: u32,
) -> Result<(crate::domain::UnitRow, Vec<crate::domain::UnitRow>), ServiceError> {
    use super::entities::employee;
    use crate::domain::UnitRow;
    use sea_orm::{ColumnTrait, QueryFilter, QuerySelect};
    let Actor::Account {
        role: crate::domain::Role::Manager,
        scope: Some(code),
        ..
    } = actor
    else {
        return Err(ServiceError::not_allowed());
    };
    let nodes = org_unit::Entity::find().all(&store.read()).await?;
    let Some(top) = nodes.iter().find(|n| &n.code == code) else {
        return Err(ServiceError::not_found(super::Refusal::new(
            msg!("not-found-title"),
            msg!("account-scope-gone", code = code.clone()),
        )));
    };
    // The subtree: every node whose chain of parents reaches the scope.
    let parent: std::collections::HashMap<i64, Option<i64>> =
        nodes.iter().map(|n| (n.id, n.parent_id)).collect();
    let under = |mut id: i64| loop {
        if id == top.id {
            return true;
        }
        match parent.get(&id).copied().flatten() {
            Some(p) => id = p,
            None => return false,
        }
    };
    let mut teams: Vec<&org_unit::Model> = nodes
        .iter()
        .filter(|n| n.level == OrgLevel::Team && under(n.id))
        .collect();
    teams.sort_by(|a, b| a.name.cmp(&b.name));
    // Active employees per team, counted in the database.
    let counts: Vec<(String, i64)> = employee::Entity::find()
        .select_only()
        .column(employee::Column::TeamCode)
        .column_as(employee::Column::Id.count(), "n")
        .filter(employee::Column::Active.eq(true))
        .group_by(employee::Column::TeamCode)
        .into_tuple()
        .all(&store.read())
        .await?;
    let per_team: std::collections::HashMap<String, i64> = counts.into_iter().collect();
    let shown = |n: i64| (n >= i64::from(k)).then_some(n as u32);
    let rows: Vec<UnitRow> = teams
        .iter()
        .map(|t| UnitRow {
            code: t.code.clone(),
            name: t.name.clone(),
            headcount: shown(per_team.get(&t.code).copied().unwrap_or(0)),
        })
        .collect();
    let total: i64 = teams
        .iter()
        .map(|t| per_team.get(&t.code).copied().unwrap_or(0))
        .sum();
    // The total minus the teams shown would give the hidden teams together: shown only when
    // that remainder is itself at least k (or nothing is hidden).
    let hidden: i64 = teams
        .iter()
        .zip(&rows)
        .filter(|(_, r)| r.headcount.is_none())
        .map(|(t, _)| per_team.get(&t.code).copied().unwrap_or(0))
        .sum();
    let any_hidden = rows.iter().any(|r| r.headcount.is_none());
    let total = if any_hidden && hidden < i64::from(k) {
        None
    } else {
        shown(total)
    };
    Ok((
        UnitRow {
            code: top.code.clone(),
            name: top.name.clone(),
            headcount: total,
        },
        rows,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tree_has_four_levels_in_order() {
        assert!(may_hang_under(OrgLevel::Organisation, None));
        assert!(may_hang_under(OrgLevel::Team, Some(OrgLevel::Unit)));
        assert!(!may_hang_under(OrgLevel::Unit, Some(OrgLevel::Team)));
        assert!(!may_hang_under(OrgLevel::Unit, None));
    }
}
