//! The employee roster: who works where, with the coarse attributes polls may report on.
//! Names and e-mail addresses are only ever used to send invitations; they never reach a
//! response, a log or an export.

use super::entities::employee;
use super::{audit, Actor, Permission, ServiceError, Store};
use crate::msg;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::{BTreeMap, HashMap};

/// An employee to add.
#[derive(Clone, Debug)]
pub struct NewEmployee {
    pub employee_number: String,
    pub name: String,
    pub email: String,
    /// The team node in the organisation tree.
    pub team_id: i64,
    pub unit_code: String,
    pub district_code: Option<String>,
    pub team_code: String,
    pub age_band: String,
    pub role_group: String,
    pub tenure_band: String,
    pub is_manager: bool,
}

/// Adds employees (active) in one transaction and returns their ids in input order.
pub async fn add(
    store: &Store,
    actor: &Actor,
    people: &[NewEmployee],
) -> Result<Vec<i64>, ServiceError> {
    actor.require(Permission::ManageOrganisation)?;
    let w = store.write().await?;
    let mut ids = Vec::with_capacity(people.len());
    for chunk in people.chunks(1000) {
        let models = chunk.iter().map(|p| employee::ActiveModel {
            employee_number: Set(p.employee_number.clone()),
            name: Set(p.name.clone()),
            email: Set(p.email.clone()),
            team_id: Set(p.team_id),
            unit_code: Set(p.unit_code.clone()),
            district_code: Set(p.district_code.clone()),
            team_code: Set(p.team_code.clone()),
            age_band: Set(p.age_band.clone()),
            role_group: Set(p.role_group.clone()),
            tenure_band: Set(p.tenure_band.clone()),
            is_manager: Set(p.is_manager),
            active: Set(true),
            ..Default::default()
        });
        employee::Entity::insert_many(models)
            .exec_without_returning(&*w)
            .await
            .map_err(|e| {
                ServiceError::on_unique(e, "employee_number", msg!("employee-number-taken"))
            })?;
        let numbers: Vec<String> = chunk.iter().map(|p| p.employee_number.clone()).collect();
        let by_number: HashMap<String, i64> = employee::Entity::find()
            .filter(employee::Column::EmployeeNumber.is_in(numbers))
            .all(&*w)
            .await?
            .into_iter()
            .map(|e| (e.employee_number, e.id))
            .collect();
        ids.extend(chunk.iter().map(|p| by_number[&p.employee_number]));
    }
    audit::record(
        &*w,
        actor,
        "roster.add",
        "employee",
        &format!("{} employees", people.len()),
    )
    .await?;
    w.commit().await?;
    Ok(ids)
}

/// The active roster, by id.
pub async fn active(store: &Store, actor: &Actor) -> Result<Vec<employee::Model>, ServiceError> {
    actor.require(Permission::ManagePolls)?;
    active_unchecked(store).await
}

async fn active_unchecked(store: &Store) -> Result<Vec<employee::Model>, ServiceError> {
    Ok(employee::Entity::find()
        .filter(employee::Column::Active.eq(true))
        .order_by_asc(employee::Column::Id)
        .all(&store.read())
        .await?)
}

/// The number of active employees per unit code (the population of each stratum): counts
/// only, so anyone who may see results may see them.
pub async fn headcount_by_unit(
    store: &Store,
    actor: &Actor,
) -> Result<BTreeMap<String, u64>, ServiceError> {
    if !actor.may(Permission::ExportResults) {
        actor.require(Permission::ManagePolls)?;
    }
    let mut headcount = BTreeMap::new();
    for e in active_unchecked(store).await? {
        *headcount.entry(e.unit_code).or_default() += 1;
    }
    Ok(headcount)
}
