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

// ---------------------------------------------------------------------------------------
// Importing the roster (issue #10)
// ---------------------------------------------------------------------------------------

use super::entities::{org_unit, roster_snapshot, roster_snapshot_count};
use super::imports::{self, Column, Table};
use crate::domain::{ImportKind, ImportProblem, ImportReport, ImportSummary, OrgLevel};
use crate::i18n::Message;
use sea_orm::ConnectionTrait;

/// The age bands a birth date falls in on the reference date (the reporting attribute
/// `age_band`): under 35, 35 to 54, 55 and over.
pub const AGE_BANDS: [&str; 3] = ["<35", "35-54", "55+"];

/// The tenure bands a start date gives: under 5 years, 5 to 15, over 15.
pub const TENURE_BANDS: [&str; 3] = ["<5", "5-15", ">15"];

/// The longest text a roster field may hold (reporting attributes travel in every sealed
/// answer, so their length is bounded).
const MAX_FIELD: usize = 64;

/// The roster's columns: what each is called in a file (normalised header, Dutch first).
pub const ROSTER_COLUMNS: &[Column] = &[
    Column {
        key: "employee_number",
        names: &[
            "personeelsnummer",
            "employee_number",
            "medewerkernummer",
            "personeelsnr",
        ],
    },
    Column {
        key: "name",
        names: &["naam", "name", "volledige_naam"],
    },
    Column {
        key: "email",
        names: &[
            "email",
            "e_mail",
            "e_mailadres",
            "emailadres",
            "email_address",
        ],
    },
    Column {
        key: "team",
        names: &["team", "teamcode", "team_code"],
    },
    Column {
        key: "birth_date",
        names: &["geboortedatum", "birth_date", "date_of_birth"],
    },
    Column {
        key: "age_band",
        names: &["leeftijdscategorie", "age_band"],
    },
    Column {
        key: "role_group",
        names: &["functiegroep", "role_group"],
    },
    Column {
        key: "start_date",
        names: &["datum_in_dienst", "start_date", "in_dienst"],
    },
    Column {
        key: "tenure_band",
        names: &["diensttijdcategorie", "tenure_band"],
    },
    Column {
        key: "is_manager",
        names: &["leidinggevende", "is_manager", "manager"],
    },
    Column {
        key: "end_date",
        names: &["datum_uit_dienst", "end_date", "uit_dienst"],
    },
];

fn column(key: &str) -> &'static Column {
    ROSTER_COLUMNS
        .iter()
        .find(|c| c.key == key)
        .expect("a roster column")
}

/// One employee as a file or an API call gives it: text fields, `None` when the column is
/// absent. `row` is where the problems are reported (the spreadsheet row, or the position
/// in the API's list).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RosterLine {
    pub row: u32,
    pub employee_number: Option<String>,
    pub name: Option<String>,
    pub email: Option<String>,
    pub team: Option<String>,
    pub birth_date: Option<String>,
    pub age_band: Option<String>,
    pub role_group: Option<String>,
    pub start_date: Option<String>,
    pub tenure_band: Option<String>,
    pub is_manager: Option<String>,
    pub end_date: Option<String>,
}

impl RosterLine {
    fn get(&self, key: &str) -> Option<&str> {
        match key {
            "employee_number" => self.employee_number.as_deref(),
            "name" => self.name.as_deref(),
            "email" => self.email.as_deref(),
            "team" => self.team.as_deref(),
            "birth_date" => self.birth_date.as_deref(),
            "age_band" => self.age_band.as_deref(),
            "role_group" => self.role_group.as_deref(),
            "start_date" => self.start_date.as_deref(),
            "tenure_band" => self.tenure_band.as_deref(),
            "is_manager" => self.is_manager.as_deref(),
            "end_date" => self.end_date.as_deref(),
            _ => None,
        }
        .map(str::trim)
    }
}

/// The lines of a roster file, and the problems of its columns (a missing required column
/// makes the lines useless: they are then empty).
pub fn lines_of(
    table: &Table,
) -> (
    Vec<RosterLine>,
    HashMap<&'static str, String>,
    Vec<ImportProblem>,
) {
    let (at, mut problems) = imports::locate(table, ROSTER_COLUMNS);
    let labels: HashMap<&'static str, String> = at
        .iter()
        .map(|(k, i)| (*k, table.headers[*i].clone()))
        .collect();
    for key in ["employee_number", "name", "email", "team", "role_group"] {
        if !at.contains_key(key) {
            problems.push(imports::missing_column(column(key)));
        }
    }
    for (a, b) in [("birth_date", "age_band"), ("start_date", "tenure_band")] {
        if !at.contains_key(a) && !at.contains_key(b) {
            problems.push(ImportProblem {
                row: None,
                column: Some(column(a).names[0].to_string()),
                message: msg!(
                    "import-column-missing-either",
                    first = column(a).names[0],
                    second = column(b).names[0]
                ),
            });
        }
    }
    if !problems.is_empty() {
        return (Vec::new(), labels, problems);
    }
    let cell = |row: &[String], key: &str| {
        at.get(key)
            .map(|i| row.get(*i).cloned().unwrap_or_default())
    };
    let lines = table
        .rows
        .iter()
        .map(|(n, row)| RosterLine {
            row: *n,
            employee_number: cell(row, "employee_number"),
            name: cell(row, "name"),
            email: cell(row, "email"),
            team: cell(row, "team"),
            birth_date: cell(row, "birth_date"),
            age_band: cell(row, "age_band"),
            role_group: cell(row, "role_group"),
            start_date: cell(row, "start_date"),
            tenure_band: cell(row, "tenure_band"),
            is_manager: cell(row, "is_manager"),
            end_date: cell(row, "end_date"),
        })
        .collect();
    (lines, labels, problems)
}

/// A date as HR systems write it: `2024-03-01`, `01-03-2024`, `1-3-2024`, `01/03/2024` or
/// `01.03.2024` (day before month, the Dutch order), or `2024-03-01T…` with a time.
pub fn parse_date(s: &str) -> Option<time::Date> {
    let s = s.trim();
    if !s.is_ascii() {
        return None;
    }
    let s = if s.len() > 10 && s.as_bytes()[4] == b'-' {
        &s[..10]
    } else {
        s
    };
    let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let (y, m, d) = if parts[0].len() == 4 {
        (parts[0], parts[1], parts[2])
    } else if parts[2].len() == 4 {
        (parts[2], parts[1], parts[0])
    } else {
        return None;
    };
    let month = time::Month::try_from(m.parse::<u8>().ok()?).ok()?;
    time::Date::from_calendar_date(y.parse().ok()?, month, d.parse().ok()?).ok()
}

fn parse_flag(s: &str) -> Option<bool> {
    match s.trim().to_lowercase().as_str() {
        "" | "nee" | "n" | "no" | "false" | "0" | "onwaar" => Some(false),
        "ja" | "j" | "yes" | "y" | "true" | "1" | "waar" | "x" => Some(true),
        _ => None,
    }
}

fn years_between(from: time::Date, to: time::Date) -> i32 {
    let mut y = to.year() - from.year();
    if (to.month() as u8, to.day()) < (from.month() as u8, from.day()) {
        y -= 1;
    }
    y
}

/// The age band of someone born on `birth` on `on`.
pub fn age_band(birth: time::Date, on: time::Date) -> &'static str {
    match years_between(birth, on) {
        ..35 => AGE_BANDS[0],
        35..=54 => AGE_BANDS[1],
        _ => AGE_BANDS[2],
    }
}

/// The tenure band of someone employed since `start` on `on`.
pub fn tenure_band(start: time::Date, on: time::Date) -> &'static str {
    match years_between(start, on) {
        ..5 => TENURE_BANDS[0],
        5..=15 => TENURE_BANDS[1],
        _ => TENURE_BANDS[2],
    }
}

/// A person's band from a date (which wins when given: `None` when it did not parse, a
/// problem already reported) or else from the band column; the problem, with its column,
/// when neither gives one.
fn banded(
    (date_given, date, date_key): (bool, Option<time::Date>, &'static str),
    (band, band_key): (&Option<String>, &'static str),
    bands: &[&str],
    of: fn(time::Date, time::Date) -> &'static str,
    on: time::Date,
    labels: &HashMap<&'static str, String>,
) -> Result<Option<String>, (&'static str, Message)> {
    if date_given {
        return Ok(date.map(|d| of(d, on).to_string()));
    }
    match band {
        Some(b) if bands.contains(&b.as_str()) => Ok(Some(b.clone())),
        Some(b) => Err((
            band_key,
            msg!(
                "import-bad-band",
                value = b.clone(),
                allowed = bands.join(", ")
            ),
        )),
        None if labels.contains_key(date_key) => Err((date_key, msg!("import-value-missing"))),
        None => Err((band_key, msg!("import-value-missing"))),
    }
}

/// An employee as the import leaves them.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Wanted {
    employee_number: String,
    name: String,
    email: String,
    team_id: i64,
    unit_code: String,
    district_code: Option<String>,
    team_code: String,
    age_band: String,
    role_group: String,
    tenure_band: String,
    is_manager: bool,
    active: bool,
}

impl Wanted {
    fn differs(&self, e: &employee::Model) -> bool {
        self.name != e.name
            || self.email != e.email
            || self.team_id != e.team_id
            || self.unit_code != e.unit_code
            || self.district_code != e.district_code
            || self.team_code != e.team_code
            || self.age_band != e.age_band
            || self.role_group != e.role_group
            || self.tenure_band != e.tenure_band
            || self.is_manager != e.is_manager
            || self.active != e.active
    }
}

/// For every team: its id, its unit's code and its district's code (if it hangs under one).
pub(crate) fn team_places(
    nodes: &[org_unit::Model],
) -> HashMap<String, (i64, String, Option<String>)> {
    let by_id: HashMap<i64, &org_unit::Model> = nodes.iter().map(|n| (n.id, n)).collect();
    let mut out = HashMap::new();
    for t in nodes.iter().filter(|n| n.level == OrgLevel::Team) {
        let mut unit = None;
        let mut district = None;
        let mut at = t.parent_id.and_then(|p| by_id.get(&p));
        while let Some(n) = at {
            match n.level {
                OrgLevel::District => district = Some(n.code.clone()),
                OrgLevel::Unit => unit = Some(n.code.clone()),
                _ => {}
            }
            at = n.parent_id.and_then(|p| by_id.get(&p));
        }
        if let Some(unit) = unit {
            out.insert(t.code.clone(), (t.id, unit, district));
        }
    }
    out
}

/// The plan of an import: the employees it writes, and what it changes.
struct Plan {
    problems: Vec<ImportProblem>,
    /// Active employees before the import.
    active_before: u64,
    summary: ImportSummary,
    inserts: Vec<Wanted>,
    updates: Vec<(i64, Wanted)>,
    deactivate: Vec<i64>,
}

async fn plan<C: ConnectionTrait>(
    db: &C,
    lines: &[RosterLine],
    labels: &HashMap<&'static str, String>,
    on: time::Date,
) -> Result<Plan, ServiceError> {
    let nodes = org_unit::Entity::find().all(db).await?;
    let employees = employee::Entity::find().all(db).await?;
    Ok(plan_lines(&nodes, employees, lines, labels, on))
}

/// What an import of `lines` on `on` does to `employees` in the organisation `nodes`: every
/// line checked (each problem with its row and column), the employees to add, update and
/// make inactive, and the counts. Reads nothing: [`plan`] gives it the organisation and the
/// employees as stored (and the fuzz target `roster_import` any lines at all).
fn plan_lines(
    nodes: &[org_unit::Model],
    employees: Vec<employee::Model>,
    lines: &[RosterLine],
    labels: &HashMap<&'static str, String>,
    on: time::Date,
) -> Plan {
    let places = team_places(nodes);
    let levels: HashMap<&str, OrgLevel> =
        nodes.iter().map(|n| (n.code.as_str(), n.level)).collect();
    let existing: HashMap<String, employee::Model> = employees
        .into_iter()
        .map(|e| (e.employee_number.clone(), e))
        .collect();
    let label = |key: &str| {
        labels
            .get(key)
            .cloned()
            .unwrap_or_else(|| column(key).names[0].to_string())
    };
    let mut problems = Vec::new();
    let mut problem = |row: u32, key: &str, message: Message| {
        problems.push(ImportProblem {
            row: Some(row),
            column: Some(label(key)),
            message,
        })
    };
    let mut seen: HashMap<String, u32> = HashMap::new();
    let mut seen_email: HashMap<String, u32> = HashMap::new();
    let mut wanted: Vec<Wanted> = Vec::with_capacity(lines.len());
    for line in lines {
        let row = line.row;
        let mut ok = true;
        let mut text = |key: &str, required: bool| -> Option<String> {
            let v = line.get(key).unwrap_or("");
            if v.is_empty() {
                if required {
                    problem(row, key, msg!("import-value-missing"));
                    ok = false;
                }
                return None;
            }
            let limit = if key == "name" || key == "email" {
                254
            } else {
                MAX_FIELD
            };
            if v.chars().count() > limit {
                problem(row, key, msg!("import-value-too-long", max = limit));
                ok = false;
                return None;
            }
            if v.chars().any(char::is_control) {
                problem(row, key, msg!("import-value-control"));
                ok = false;
                return None;
            }
            Some(v.to_string())
        };
        let number = text("employee_number", true);
        let name = text("name", true);
        let email = text("email", true);
        let team = text("team", true);
        let role_group = text("role_group", true);
        let birth = text("birth_date", false);
        let band = text("age_band", false);
        let start = text("start_date", false);
        let tenure = text("tenure_band", false);
        let manager = text("is_manager", false);
        let end = text("end_date", false);
        if let Some(n) = &number {
            if let Some(first) = seen.get(n) {
                problem(
                    row,
                    "employee_number",
                    msg!(
                        "import-duplicate-number",
                        number = n.clone(),
                        first = *first
                    ),
                );
                ok = false;
            } else {
                seen.insert(n.clone(), row);
            }
        }
        let email = match email {
            Some(e) => match super::accounts::normalise_email(&e) {
                Some(n) if seen_email.contains_key(&n) => {
                    let first = seen_email[&n];
                    problem(
                        row,
                        "email",
                        msg!("import-duplicate-email", email = n, first = first),
                    );
                    ok = false;
                    None
                }
                Some(n) => {
                    seen_email.insert(n.clone(), row);
                    Some(n)
                }
                None => {
                    problem(row, "email", msg!("import-bad-email", value = e));
                    ok = false;
                    None
                }
            },
            None => None,
        };
        let place = match &team {
            Some(t) => match places.get(t) {
                Some(p) => Some(p.clone()),
                None => {
                    match levels.get(t.as_str()) {
                        Some(level) => problem(
                            row,
                            "team",
                            msg!(
                                "import-not-a-team",
                                code = t.clone(),
                                level = level.as_str()
                            ),
                        ),
                        None => problem(row, "team", msg!("import-unknown-team", code = t.clone())),
                    }
                    ok = false;
                    None
                }
            },
            None => None,
        };
        let mut date = |key: &str, value: &Option<String>| -> Option<time::Date> {
            let v = value.as_ref()?;
            match parse_date(v) {
                Some(d) if key != "end_date" && d > on => {
                    problem(row, key, msg!("import-date-future", value = v.clone()));
                    ok = false;
                    None
                }
                Some(d) => Some(d),
                None => {
                    problem(row, key, msg!("import-bad-date", value = v.clone()));
                    ok = false;
                    None
                }
            }
        };
        let birth = date("birth_date", &birth);
        let start = date("start_date", &start);
        let end = date("end_date", &end);
        let has_birth = line.get("birth_date").is_some_and(|v| !v.is_empty());
        let has_start = line.get("start_date").is_some_and(|v| !v.is_empty());
        let age = banded(
            (has_birth, birth, "birth_date"),
            (&band, "age_band"),
            &AGE_BANDS,
            age_band,
            on,
            labels,
        );
        let tenure = banded(
            (has_start, start, "start_date"),
            (&tenure, "tenure_band"),
            &TENURE_BANDS,
            tenure_band,
            on,
            labels,
        );
        let age = match age {
            Ok(a) => a,
            Err((key, m)) => {
                problem(row, key, m);
                None
            }
        };
        let tenure = match tenure {
            Ok(t) => t,
            Err((key, m)) => {
                problem(row, key, m);
                None
            }
        };
        ok &= age.is_some() && tenure.is_some();
        let is_manager = match manager.as_deref().map(parse_flag) {
            None => false,
            Some(Some(b)) => b,
            Some(None) => {
                problem(
                    row,
                    "is_manager",
                    msg!(
                        "import-bad-flag",
                        value = manager.clone().unwrap_or_default()
                    ),
                );
                ok = false;
                false
            }
        };
        if !ok {
            continue;
        }
        let (
            Some(number),
            Some(name),
            Some(email),
            Some(team),
            Some(role_group),
            Some(age),
            Some(tenure),
            Some((team_id, unit, district)),
        ) = (number, name, email, team, role_group, age, tenure, place)
        else {
            continue;
        };
        wanted.push(Wanted {
            employee_number: number,
            name,
            email,
            team_id,
            unit_code: unit,
            district_code: district,
            team_code: team,
            age_band: age,
            role_group,
            tenure_band: tenure,
            is_manager,
            active: end.is_none_or(|d| d > on),
        });
    }
    let mut summary = ImportSummary {
        rows: lines.len() as u32,
        ..Default::default()
    };
    let mut inserts = Vec::new();
    let mut updates = Vec::new();
    let in_file: std::collections::HashSet<&str> =
        wanted.iter().map(|w| w.employee_number.as_str()).collect();
    let mut deactivate: Vec<i64> = existing
        .values()
        .filter(|e| e.active && !in_file.contains(e.employee_number.as_str()))
        .map(|e| e.id)
        .collect();
    deactivate.sort_unstable();
    summary.deactivated = deactivate.len() as u32;
    for w in wanted {
        match existing.get(&w.employee_number) {
            None => {
                summary.added += 1;
                inserts.push(w);
            }
            Some(e) if !w.differs(e) => summary.unchanged += 1,
            Some(e) => {
                if !e.active && w.active {
                    summary.reactivated += 1;
                } else if e.active && !w.active {
                    summary.deactivated += 1;
                } else {
                    summary.updated += 1;
                }
                updates.push((e.id, w));
            }
        }
    }
    let active_before = existing.values().filter(|e| e.active).count() as u64;
    Plan {
        problems,
        active_before,
        summary,
        inserts,
        updates,
        deactivate,
    }
}

/// What a dry run of `lines` would report (its problems and counts) against the
/// organisation `nodes` and the roster `employees` as given, without a database: the same
/// checks as [`import_lines_with`] before its whole-import rules. For the fuzz target
/// `roster_import` and other callers that hold the rows themselves.
pub fn check_lines(
    nodes: &[org_unit::Model],
    employees: Vec<employee::Model>,
    lines: &[RosterLine],
    labels: &HashMap<&'static str, String>,
    on: time::Date,
) -> (Vec<ImportProblem>, ImportSummary) {
    let p = plan_lines(nodes, employees, lines, labels, on);
    (p.problems, p.summary)
}

/// Checks roster `lines` against the organisation and the current roster and, unless
/// `dry_run` or a problem was found, applies them in one transaction: employees are matched
/// by employee number (updated, never duplicated), those missing from the lines or whose end
/// date has passed on `on` are made inactive (never deleted), age and tenure bands are
/// computed on `on` from the dates (which are not stored), and a snapshot of the roster's
/// counts per attribute combination is kept for `on`. `source` is recorded with the
/// snapshot and in the audit log (`csv`, `xlsx`, `api`, `cli`).
///
/// # Errors
/// `Forbidden` for anyone but an administrator (or the CLI); database errors. Problems of
/// the lines are not errors: they are in the report, and nothing is changed.
pub async fn import_lines(
    store: &Store,
    actor: &Actor,
    lines: &[RosterLine],
    labels: &HashMap<&'static str, String>,
    on: time::Date,
    source: &str,
    dry_run: bool,
) -> Result<(Vec<ImportProblem>, ImportSummary, bool), ServiceError> {
    let options = ImportOptions {
        dry_run,
        ..Default::default()
    };
    import_lines_with(store, actor, lines, labels, on, source, &options).await
}

/// How an import runs.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// Check only.
    pub dry_run: bool,
    /// Refuse (as a problem) an import that makes more than half of the active employees
    /// inactive (the API: a broken export must not switch everyone off by itself).
    pub guard_mass_deactivation: bool,
    /// The upload this import applies: removed in the import's own transaction, and the
    /// import refused (`Gone`) when it is not there any more, so a second click applies
    /// nothing.
    pub consume_upload: Option<String>,
}

/// [`import_lines`] with its options.
#[allow(clippy::too_many_arguments)]
pub async fn import_lines_with(
    store: &Store,
    actor: &Actor,
    lines: &[RosterLine],
    labels: &HashMap<&'static str, String>,
    on: time::Date,
    source: &str,
    options: &ImportOptions,
) -> Result<(Vec<ImportProblem>, ImportSummary, bool), ServiceError> {
    actor.require(Permission::ManageOrganisation)?;
    let checked = |mut p: Plan| {
        if lines.is_empty() {
            p.problems.insert(0, whole(msg!("import-no-rows")));
        }
        if on > super::today() {
            p.problems.insert(0, whole(msg!("import-reference-future")));
        }
        if options.guard_mass_deactivation
            && p.summary.deactivated > 10
            && u64::from(p.summary.deactivated) * 2 > p.active_before
        {
            p.problems.push(whole(msg!(
                "import-mass-deactivation",
                n = p.summary.deactivated,
                active = p.active_before
            )));
        }
        p
    };
    if options.dry_run {
        let p = checked(plan(&store.read(), lines, labels, on).await?);
        return Ok((p.problems, p.summary, false));
    }
    // Planned again under the writer lock (and, on PostgreSQL, the imports' own lock), so
    // what is applied is what was checked.
    let w = store.write().await?;
    imports::serialise(&*w).await?;
    let p = checked(plan(&*w, lines, labels, on).await?);
    if !p.problems.is_empty() {
        return Ok((p.problems, p.summary, false));
    }
    if let Some(id) = &options.consume_upload {
        imports::consume_upload(&*w, id).await?;
    }
    apply(&*w, &p).await?;
    snapshot(&*w, on, source).await?;
    let s = &p.summary;
    audit::record(
        &*w,
        actor,
        "roster.import",
        source,
        &format!(
            "rows={} added={} updated={} reactivated={} deactivated={} unchanged={} on={on}",
            s.rows, s.added, s.updated, s.reactivated, s.deactivated, s.unchanged
        ),
    )
    .await?;
    w.commit().await?;
    Ok((Vec::new(), p.summary, true))
}

fn whole(message: Message) -> ImportProblem {
    ImportProblem {
        row: None,
        column: None,
        message,
    }
}

async fn apply<C: ConnectionTrait>(db: &C, p: &Plan) -> Result<(), ServiceError> {
    let model = |w: &Wanted| employee::ActiveModel {
        employee_number: Set(w.employee_number.clone()),
        name: Set(w.name.clone()),
        email: Set(w.email.clone()),
        team_id: Set(w.team_id),
        unit_code: Set(w.unit_code.clone()),
        district_code: Set(w.district_code.clone()),
        team_code: Set(w.team_code.clone()),
        age_band: Set(w.age_band.clone()),
        role_group: Set(w.role_group.clone()),
        tenure_band: Set(w.tenure_band.clone()),
        is_manager: Set(w.is_manager),
        active: Set(w.active),
        ..Default::default()
    };
    for chunk in p.inserts.chunks(500) {
        employee::Entity::insert_many(chunk.iter().map(model))
            .exec_without_returning(db)
            .await?;
    }
    for (id, w) in &p.updates {
        let mut m = model(w);
        m.id = Set(*id);
        employee::Entity::update(m).exec(db).await?;
    }
    for chunk in p.deactivate.chunks(500) {
        employee::Entity::update_many()
            .col_expr(
                employee::Column::Active,
                sea_orm::sea_query::Expr::value(false),
            )
            .filter(employee::Column::Id.is_in(chunk.iter().copied()))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Keeps the counts of the active roster per attribute combination, dated `on`.
pub(crate) async fn snapshot<C: ConnectionTrait>(
    db: &C,
    on: time::Date,
    source: &str,
) -> Result<(), ServiceError> {
    type Key = (String, Option<String>, String, String, String, String);
    let mut counts: BTreeMap<Key, i32> = BTreeMap::new();
    let active = employee::Entity::find()
        .filter(employee::Column::Active.eq(true))
        .all(db)
        .await?;
    for e in &active {
        *counts
            .entry((
                e.unit_code.clone(),
                e.district_code.clone(),
                e.team_code.clone(),
                e.age_band.clone(),
                e.role_group.clone(),
                e.tenure_band.clone(),
            ))
            .or_default() += 1;
    }
    let id = roster_snapshot::Entity::insert(roster_snapshot::ActiveModel {
        taken_on: Set(on),
        imported_at: Set(time::OffsetDateTime::now_utc()),
        source: Set(source.to_string()),
        employees: Set(active.len() as i32),
        ..Default::default()
    })
    .exec(db)
    .await?
    .last_insert_id;
    let rows: Vec<roster_snapshot_count::ActiveModel> = counts
        .into_iter()
        .map(
            |((unit, district, team, age, role, tenure), n)| roster_snapshot_count::ActiveModel {
                snapshot_id: Set(id),
                unit_code: Set(unit),
                district_code: Set(district),
                team_code: Set(team),
                age_band: Set(age),
                role_group: Set(role),
                tenure_band: Set(tenure),
                employees: Set(n),
                ..Default::default()
            },
        )
        .collect();
    for chunk in rows.chunks(500) {
        roster_snapshot_count::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// Reads a roster file (CSV or XLSX) and imports it as [`import_lines`] does.
pub async fn import_file(
    store: &Store,
    actor: &Actor,
    file_name: &str,
    bytes: &[u8],
    on: time::Date,
    dry_run: bool,
) -> Result<ImportReport, ServiceError> {
    let options = ImportOptions {
        dry_run,
        ..Default::default()
    };
    import_file_with(store, actor, file_name, bytes, on, &options).await
}

/// [`import_file`] with its options.
pub async fn import_file_with(
    store: &Store,
    actor: &Actor,
    file_name: &str,
    bytes: &[u8],
    on: time::Date,
    options: &ImportOptions,
) -> Result<ImportReport, ServiceError> {
    actor.require(Permission::ManageOrganisation)?;
    let report = |problems, summary, applied| ImportReport {
        problems,
        summary,
        applied,
        ..imports::report(ImportKind::Roster, file_name)
    };
    let table = match imports::table_or_report(ImportKind::Roster, file_name, bytes) {
        Ok(t) => t,
        Err(r) => return Ok(r),
    };
    let (lines, labels, problems) = lines_of(&table);
    if !problems.is_empty() {
        return Ok(report(problems, ImportSummary::default(), false));
    }
    let (problems, summary, applied) = import_lines_with(
        store,
        actor,
        &lines,
        &labels,
        on,
        imports::source_of(bytes),
        options,
    )
    .await?;
    Ok(report(problems, summary, applied))
}

/// The active employees per combination of `by` (reporting attributes' column names:
/// `unit`, `district`, `team`, `age_band`, `role_group`, `tenure_band`) in the latest
/// snapshot taken on or before `on`, with that snapshot's date; `None` when there is none.
pub async fn population_at(
    store: &Store,
    actor: &Actor,
    on: time::Date,
    by: &[&str],
) -> Result<Option<(time::Date, BTreeMap<Vec<String>, u64>)>, ServiceError> {
    actor.require(Permission::ManagePolls)?;
    let Some(s) = roster_snapshot::Entity::find()
        .filter(roster_snapshot::Column::TakenOn.lte(on))
        .order_by_desc(roster_snapshot::Column::TakenOn)
        .order_by_desc(roster_snapshot::Column::Id)
        .one(&store.read())
        .await?
    else {
        return Ok(None);
    };
    let mut out: BTreeMap<Vec<String>, u64> = BTreeMap::new();
    for c in roster_snapshot_count::Entity::find()
        .filter(roster_snapshot_count::Column::SnapshotId.eq(s.id))
        .all(&store.read())
        .await?
    {
        let key = by
            .iter()
            .map(|b| match *b {
                "unit" => Ok(c.unit_code.clone()),
                "district" => Ok(c.district_code.clone().unwrap_or_default()),
                "team" => Ok(c.team_code.clone()),
                "age_band" => Ok(c.age_band.clone()),
                "role_group" => Ok(c.role_group.clone()),
                "tenure_band" => Ok(c.tenure_band.clone()),
                other => Err(ServiceError::invalid(
                    "by",
                    msg!("import-unknown-attribute", name = other),
                )),
            })
            .collect::<Result<Vec<_>, _>>()?;
        *out.entry(key).or_default() += c.employees as u64;
    }
    Ok(Some((s.taken_on, out)))
}

/// The roster's snapshots, newest first.
pub async fn snapshots(
    store: &Store,
    actor: &Actor,
) -> Result<Vec<crate::domain::SnapshotRow>, ServiceError> {
    actor.require(Permission::ManageOrganisation)?;
    Ok(roster_snapshot::Entity::find()
        .order_by_desc(roster_snapshot::Column::TakenOn)
        .order_by_desc(roster_snapshot::Column::Id)
        .all(&store.read())
        .await?
        .into_iter()
        .map(|s| crate::domain::SnapshotRow {
            taken_on: s.taken_on.to_string(),
            source: s.source,
            employees: s.employees.max(0) as u32,
        })
        .collect())
}

/// The number of active employees.
pub async fn active_count(store: &Store, actor: &Actor) -> Result<u32, ServiceError> {
    use sea_orm::PaginatorTrait;
    actor.require(Permission::ManageOrganisation)?;
    Ok(employee::Entity::find()
        .filter(employee::Column::Active.eq(true))
        .count(&store.read())
        .await? as u32)
}

/// Keeps a snapshot of the active roster dated `on` (what every import does at its end),
/// for rosters built without an import: the demo, a first load through [`add`].
pub async fn record_snapshot(
    store: &Store,
    actor: &Actor,
    on: time::Date,
    source: &str,
) -> Result<(), ServiceError> {
    actor.require(Permission::ManageOrganisation)?;
    let w = store.write().await?;
    snapshot(&*w, on, source).await?;
    w.commit().await?;
    Ok(())
}
