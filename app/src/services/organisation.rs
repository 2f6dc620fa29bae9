//! The organisation tree: organisation > unit > district > team. Responses carry the codes of
//! these nodes (as far as a poll asks for them); open team links hang from them.

use super::entities::org_unit;
use super::{audit, Actor, Permission, ServiceError, Store};
use crate::domain::OrgLevel;
use crate::msg;
use sea_orm::{ActiveValue::Set, EntityTrait, PaginatorTrait, QuerySelect};

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

/// The teams of `top`'s subtree (`top` itself when it is a team), by name: every team whose
/// chain of parents reaches it.
fn teams_within<'a>(
    nodes: &'a [org_unit::Model],
    top: &org_unit::Model,
) -> Vec<&'a org_unit::Model> {
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
    teams
}

/// The teams below the node `code`, by name (none when `code` is not in the tree); one read
/// of the tree.
pub(crate) async fn teams_under<C: sea_orm::ConnectionTrait>(
    db: &C,
    code: &str,
) -> Result<Vec<org_unit::Model>, sea_orm::DbErr> {
    let nodes = org_unit::Entity::find().all(db).await?;
    Ok(match nodes.iter().find(|n| n.code == code) {
        Some(top) => teams_within(&nodes, top).into_iter().cloned().collect(),
        None => Vec::new(),
    })
}

/// Whether the node `code` is the node `ancestor` or lies below it (false when either is not
/// in the tree).
pub(crate) async fn is_within<C: sea_orm::ConnectionTrait>(
    db: &C,
    code: &str,
    ancestor: &str,
) -> Result<bool, sea_orm::DbErr> {
    let nodes = org_unit::Entity::find().all(db).await?;
    let Some(top) = nodes.iter().find(|n| n.code == ancestor) else {
        return Ok(false);
    };
    let mut at = nodes.iter().find(|n| n.code == code);
    while let Some(n) = at {
        if n.id == top.id {
            return Ok(true);
        }
        at = n.parent_id.and_then(|p| nodes.iter().find(|m| m.id == p));
    }
    Ok(false)
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
    let teams = teams_within(&nodes, top);
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

// ---------------------------------------------------------------------------------------
// Importing the tree, and browsing it (issue #10)
// ---------------------------------------------------------------------------------------

use super::entities::employee;
use super::imports::{self, Column};
use crate::domain::{ImportKind, ImportProblem, ImportReport, ImportSummary, OrgNode};
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter};
use std::collections::{BTreeMap, HashMap};

/// The organisation file's columns (normalised header, Dutch first).
pub const TREE_COLUMNS: &[Column] = &[
    Column {
        key: "code",
        names: &["code", "eenheidcode", "org_code"],
    },
    Column {
        key: "name",
        names: &["naam", "name", "omschrijving"],
    },
    Column {
        key: "level",
        names: &["niveau", "level", "soort"],
    },
    Column {
        key: "parent",
        names: &[
            "bovenliggend",
            "bovenliggende_code",
            "parent",
            "parent_code",
            "valt_onder",
        ],
    },
];

/// The longest code a node may have.
const MAX_CODE: usize = 32;

/// A level as a file writes it, in Dutch or English.
pub fn parse_level(s: &str) -> Option<OrgLevel> {
    match s.trim().to_lowercase().as_str() {
        "organisatie" | "organisation" | "organization" => Some(OrgLevel::Organisation),
        "eenheid" | "unit" => Some(OrgLevel::Unit),
        "district" => Some(OrgLevel::District),
        "team" => Some(OrgLevel::Team),
        _ => None,
    }
}

fn depth(level: OrgLevel) -> u8 {
    match level {
        OrgLevel::Organisation => 0,
        OrgLevel::Unit => 1,
        OrgLevel::District => 2,
        OrgLevel::Team => 3,
    }
}

/// One node as the file gives it.
#[derive(Clone, Debug)]
struct TreeLine {
    row: u32,
    code: String,
    name: String,
    level: OrgLevel,
    parent: Option<String>,
}

struct TreePlan {
    problems: Vec<ImportProblem>,
    summary: ImportSummary,
    /// In level order, so a parent is written before its children.
    lines: Vec<TreeLine>,
}

async fn plan_tree<C: ConnectionTrait>(
    db: &C,
    table: &imports::Table,
) -> Result<TreePlan, ServiceError> {
    let (at, mut problems) = imports::locate(table, TREE_COLUMNS);
    for c in TREE_COLUMNS {
        if !at.contains_key(c.key) {
            problems.push(imports::missing_column(c));
        }
    }
    let mut summary = ImportSummary::default();
    if !problems.is_empty() {
        return Ok(TreePlan {
            problems,
            summary,
            lines: Vec::new(),
        });
    }
    let label = |key: &str| table.headers[at[key]].clone();
    let existing: HashMap<String, org_unit::Model> = org_unit::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|n| (n.code.clone(), n))
        .collect();
    let by_id: HashMap<i64, &org_unit::Model> = existing.values().map(|n| (n.id, n)).collect();
    let mut lines: Vec<TreeLine> = Vec::new();
    let mut seen: HashMap<String, u32> = HashMap::new();
    for (row, cells) in &table.rows {
        let cell = |key: &str| cells.get(at[key]).map(|c| c.trim()).unwrap_or("");
        let mut problem = |key: &str, message: crate::i18n::Message| {
            problems.push(ImportProblem {
                row: Some(*row),
                column: Some(label(key)),
                message,
            })
        };
        let (code, name, level, parent) =
            (cell("code"), cell("name"), cell("level"), cell("parent"));
        let mut ok = true;
        if code.is_empty() {
            problem("code", msg!("import-value-missing"));
            ok = false;
        } else if code.chars().count() > MAX_CODE
            || code.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            problem("code", msg!("import-bad-code", max = MAX_CODE));
            ok = false;
        } else if let Some(first) = seen.get(code) {
            problem(
                "code",
                msg!("import-duplicate-code", code = code, first = *first),
            );
            ok = false;
        } else {
            seen.insert(code.to_string(), *row);
        }
        if name.is_empty() {
            problem("name", msg!("import-value-missing"));
            ok = false;
        } else if name.chars().count() > 200 || name.chars().any(char::is_control) {
            problem("name", msg!("import-value-too-long", max = 200));
            ok = false;
        }
        let level = match parse_level(level) {
            Some(l) => Some(l),
            None => {
                problem("level", msg!("import-bad-level", value = level));
                ok = false;
                None
            }
        };
        if let (Some(l), Some(old)) = (level, existing.get(code)) {
            if old.level != l {
                problem(
                    "level",
                    msg!(
                        "import-level-changes",
                        code = code,
                        from = old.level.as_str(),
                        to = l.as_str()
                    ),
                );
                ok = false;
            }
        }
        if ok {
            lines.push(TreeLine {
                row: *row,
                code: code.to_string(),
                name: name.to_string(),
                level: level.expect("checked"),
                parent: (!parent.is_empty()).then(|| parent.to_string()),
            });
        }
    }
    // Parents: in the file or already in the tree, at the level above.
    let file_level: HashMap<&str, OrgLevel> =
        lines.iter().map(|l| (l.code.as_str(), l.level)).collect();
    let root_in_db = existing
        .values()
        .find(|n| n.parent_id.is_none())
        .map(|n| n.code.clone());
    let mut bad_rows = std::collections::HashSet::new();
    for l in &lines {
        let mut problem = |message: crate::i18n::Message| {
            problems.push(ImportProblem {
                row: Some(l.row),
                column: Some(label("parent")),
                message,
            })
        };
        let parent_level = match &l.parent {
            None => None,
            Some(p) => match file_level
                .get(p.as_str())
                .copied()
                .or_else(|| existing.get(p).map(|n| n.level))
            {
                Some(level) => Some(level),
                None => {
                    problem(msg!("import-unknown-parent", code = p.clone()));
                    bad_rows.insert(l.row);
                    continue;
                }
            },
        };
        if !may_hang_under(l.level, parent_level) {
            problem(msg!(
                "org-parent-level",
                level = l.level.as_str(),
                parent = parent_level.map(OrgLevel::as_str).unwrap_or("none")
            ));
            bad_rows.insert(l.row);
            continue;
        }
        if l.level == OrgLevel::Organisation {
            if let Some(root) = &root_in_db {
                if root != &l.code {
                    problem(msg!("import-second-root", code = root.clone()));
                    bad_rows.insert(l.row);
                }
            }
        }
    }
    let roots = lines
        .iter()
        .filter(|l| l.level == OrgLevel::Organisation)
        .count();
    if roots > 1 {
        problems.push(ImportProblem {
            row: None,
            column: Some(label("level")),
            message: msg!("import-two-roots"),
        });
    }
    lines.retain(|l| !bad_rows.contains(&l.row));
    lines.sort_by_key(|l| (depth(l.level), l.row));
    summary.rows = table.rows.len() as u32;
    for l in &lines {
        match existing.get(&l.code) {
            None => summary.added += 1,
            Some(old) => {
                let old_parent = old
                    .parent_id
                    .and_then(|p| by_id.get(&p))
                    .map(|n| n.code.clone());
                if old.name == l.name && old_parent == l.parent {
                    summary.unchanged += 1;
                } else {
                    summary.updated += 1;
                }
            }
        }
    }
    let in_file: std::collections::HashSet<&str> = lines.iter().map(|l| l.code.as_str()).collect();
    summary.untouched = existing
        .keys()
        .filter(|c| !in_file.contains(c.as_str()))
        .count() as u32;
    problems.sort_by_key(|p| p.row);
    Ok(TreePlan {
        problems,
        summary,
        lines,
    })
}

/// Reads an organisation file (CSV or XLSX; columns `code`, `naam`, `niveau`,
/// `bovenliggend`) and, unless `dry_run` or a problem was found, applies it in one
/// transaction: nodes are matched by code (new ones added, names and parents updated),
/// nodes the file does not mention are kept, and the unit and district that employees'
/// responses report are brought in line with the tree.
///
/// # Errors
/// `Forbidden` for anyone but an administrator (or the CLI); database errors. Problems of
/// the file are in the report, and then nothing is changed.
pub async fn import_file(
    store: &Store,
    actor: &Actor,
    file_name: &str,
    bytes: &[u8],
    dry_run: bool,
) -> Result<ImportReport, ServiceError> {
    let options = super::roster::ImportOptions {
        dry_run,
        ..Default::default()
    };
    import_file_with(store, actor, file_name, bytes, &options).await
}

/// [`import_file`] with its options (`guard_mass_deactivation` does not apply).
pub async fn import_file_with(
    store: &Store,
    actor: &Actor,
    file_name: &str,
    bytes: &[u8],
    options: &super::roster::ImportOptions,
) -> Result<ImportReport, ServiceError> {
    let dry_run = options.dry_run;
    actor.require(Permission::ManageOrganisation)?;
    let report = |problems, summary, applied| ImportReport {
        problems,
        summary,
        applied,
        ..imports::report(ImportKind::Organisation, file_name)
    };
    let table = match imports::table_or_report(ImportKind::Organisation, file_name, bytes) {
        Ok(t) => t,
        Err(r) => return Ok(r),
    };
    if dry_run {
        let p = plan_tree(&store.read(), &table).await?;
        return Ok(report(p.problems, p.summary, false));
    }
    let w = store.write().await?;
    imports::serialise(&*w).await?;
    let p = plan_tree(&*w, &table).await?;
    if !p.problems.is_empty() {
        return Ok(report(p.problems, p.summary, false));
    }
    if let Some(id) = &options.consume_upload {
        imports::consume_upload(&*w, id).await?;
    }
    let before = super::roster::team_places(&org_unit::Entity::find().all(&*w).await?);
    let mut ids: HashMap<String, i64> = org_unit::Entity::find()
        .all(&*w)
        .await?
        .into_iter()
        .map(|n| (n.code, n.id))
        .collect();
    for l in &p.lines {
        let parent_id = l.parent.as_ref().map(|c| ids[c]);
        match ids.get(&l.code) {
            Some(id) => {
                org_unit::Entity::update(org_unit::ActiveModel {
                    id: Set(*id),
                    parent_id: Set(parent_id),
                    name: Set(l.name.clone()),
                    ..Default::default()
                })
                .exec(&*w)
                .await?;
            }
            None => {
                let id = org_unit::Entity::insert(org_unit::ActiveModel {
                    parent_id: Set(parent_id),
                    level: Set(l.level),
                    code: Set(l.code.clone()),
                    name: Set(l.name.clone()),
                    ..Default::default()
                })
                .exec(&*w)
                .await?
                .last_insert_id;
                ids.insert(l.code.clone(), id);
            }
        }
    }
    // A team that moved reports its new unit and district from now on, and the roster's
    // snapshot of today says so.
    let after = super::roster::team_places(&org_unit::Entity::find().all(&*w).await?);
    let mut moved = false;
    for (team, (id, unit, district)) in &after {
        if before
            .get(team)
            .is_some_and(|b| (&b.1, &b.2) != (unit, district))
        {
            moved = true;
            employee::Entity::update_many()
                .col_expr(
                    employee::Column::UnitCode,
                    sea_orm::sea_query::Expr::value(unit.clone()),
                )
                .col_expr(
                    employee::Column::DistrictCode,
                    sea_orm::sea_query::Expr::value(district.clone()),
                )
                .filter(employee::Column::TeamId.eq(*id))
                .exec(&*w)
                .await?;
        }
    }
    if moved {
        super::roster::snapshot(&*w, super::today(), "organisation").await?;
    }
    let s = &p.summary;
    audit::record(
        &*w,
        actor,
        "org.import",
        imports::source_of(bytes),
        &format!(
            "rows={} added={} updated={} unchanged={} untouched={}",
            s.rows, s.added, s.updated, s.unchanged, s.untouched
        ),
    )
    .await?;
    w.commit().await?;
    Ok(report(Vec::new(), p.summary, true))
}

/// Hides, among siblings, counts that are under `k` and then as many of the smallest shown
/// ones as needed so that the hidden ones together hold at least `k` people (or all are
/// hidden): the parent's total minus the shown siblings then never gives fewer than `k`
/// (complementary suppression in a hierarchy, methodology.md's disclosure control).
fn suppress_siblings(counts: &[u64], k: u64) -> Vec<bool> {
    let mut hidden: Vec<bool> = counts.iter().map(|&n| n < k).collect();
    let mut sum: u64 = counts
        .iter()
        .zip(&hidden)
        .filter(|(_, h)| **h)
        .map(|(n, _)| *n)
        .sum();
    let any = hidden.iter().any(|h| *h);
    if any {
        let mut order: Vec<usize> = (0..counts.len()).filter(|i| !hidden[*i]).collect();
        order.sort_by_key(|i| (counts[*i], *i));
        let mut next = order.into_iter();
        while sum < k {
            let Some(i) = next.next() else { break };
            hidden[i] = true;
            sum += counts[i];
        }
    }
    hidden
}

/// Hides a node's count and every count below it: the counts of its children would add up
/// to the hidden one (and then, subtracted from the parent, to the small sibling it
/// protects).
fn hide_all(node: &mut OrgNode) {
    node.headcount = None;
    for c in &mut node.children {
        hide_all(c);
    }
}

/// The whole organisation tree with the active employees under each node (teams sorted by
/// name within their parent); a count is `None` when it is under `k` or hidden to protect
/// one that is (see [`suppress_siblings`]), and so is every count below a hidden one.
///
/// # Errors
/// `Forbidden` for anyone but administrators and HRM.
pub async fn tree(store: &Store, actor: &Actor, k: u32) -> Result<Vec<OrgNode>, ServiceError> {
    if !actor.may(Permission::ManageOrganisation) {
        actor.require(Permission::ManagePolls)?;
    }
    let nodes = org_unit::Entity::find().all(&store.read()).await?;
    let counts: Vec<(i64, i64)> = employee::Entity::find()
        .select_only()
        .column(employee::Column::TeamId)
        .column_as(employee::Column::Id.count(), "n")
        .filter(employee::Column::Active.eq(true))
        .group_by(employee::Column::TeamId)
        .into_tuple()
        .all(&store.read())
        .await?;
    let per_team: HashMap<i64, u64> = counts.into_iter().map(|(t, n)| (t, n as u64)).collect();
    let mut children: BTreeMap<Option<i64>, Vec<&org_unit::Model>> = BTreeMap::new();
    for n in &nodes {
        children.entry(n.parent_id).or_default().push(n);
    }
    for c in children.values_mut() {
        c.sort_by(|a, b| a.name.cmp(&b.name).then(a.code.cmp(&b.code)));
    }
    fn build(
        id: Option<i64>,
        children: &BTreeMap<Option<i64>, Vec<&org_unit::Model>>,
        per_team: &HashMap<i64, u64>,
        k: u64,
    ) -> Vec<(OrgNode, u64)> {
        let Some(kids) = children.get(&id) else {
            return Vec::new();
        };
        let built: Vec<(OrgNode, u64)> = kids
            .iter()
            .map(|n| {
                let sub = build(Some(n.id), children, per_team, k);
                let total = per_team.get(&n.id).copied().unwrap_or(0)
                    + sub.iter().map(|(_, c)| *c).sum::<u64>();
                let node = OrgNode {
                    code: n.code.clone(),
                    name: n.name.clone(),
                    level: n.level,
                    headcount: Some(total as u32),
                    children: sub.into_iter().map(|(c, _)| c).collect(),
                };
                (node, total)
            })
            .collect();
        let hidden = suppress_siblings(&built.iter().map(|(_, c)| *c).collect::<Vec<_>>(), k);
        built
            .into_iter()
            .zip(hidden)
            .map(|((mut node, c), h)| {
                if h {
                    hide_all(&mut node);
                }
                (node, c)
            })
            .collect()
    }
    Ok(build(None, &children, &per_team, u64::from(k))
        .into_iter()
        .map(|(n, _)| n)
        .collect())
}

/// Every unit of the organisation: `(code, name)`, by name; for choosing a wave's audience.
pub async fn units(store: &Store, actor: &Actor) -> Result<Vec<(String, String)>, ServiceError> {
    actor.require(Permission::ManagePolls)?;
    let mut units: Vec<(String, String)> = org_unit::Entity::find()
        .all(&store.read())
        .await?
        .into_iter()
        .filter(|n| n.level == OrgLevel::Unit)
        .map(|n| (n.code, n.name))
        .collect();
    units.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(units)
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

    #[test]
    fn hidden_siblings_together_hold_at_least_k() {
        let k = 10;
        // Nothing under k: nothing hidden.
        assert_eq!(suppress_siblings(&[12, 30], k), [false, false]);
        // One under k: the smallest other joins it, so the parent minus the rest gives 3+12.
        assert_eq!(suppress_siblings(&[3, 30, 12], k), [true, false, true]);
        // Two small ones that together reach k need no company.
        assert_eq!(suppress_siblings(&[4, 6, 30], k), [true, true, false]);
        // An empty team is hidden like a small one (nobody can tell 0 from < k).
        assert_eq!(suppress_siblings(&[0, 40, 50], k), [true, true, false]);
        // All small: all hidden, whatever they sum to.
        assert_eq!(suppress_siblings(&[2, 3], k), [true, true]);
        for counts in [[1u64, 9, 10, 11], [0, 0, 25, 9], [5, 5, 5, 5]] {
            let h = suppress_siblings(&counts, k);
            let hidden: u64 = counts
                .iter()
                .zip(&h)
                .filter(|(_, h)| **h)
                .map(|(c, _)| *c)
                .sum();
            let all_hidden = h.iter().all(|x| *x);
            assert!(
                h.iter().all(|x| !x) || hidden >= k || all_hidden,
                "{counts:?} {h:?}"
            );
            assert!(counts.iter().zip(&h).all(|(c, h)| *c >= k || *h));
        }
    }
}
