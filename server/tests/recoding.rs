//! Issue #8 item 7, on SQLite and PostgreSQL: no stored combination of reporting attributes is
//! shared by fewer than k people of the wave's audience (`app::services::recoding`), on the
//! demo and through the respondent's path; an audience that cannot be protected is refused
//! with nothing stored; an open link of a small team reports a larger place.

use crate::common::{fixture, nonce_of, TestApp, ACTOR, Q};
use app::domain::{OrgLevel, WaveId};
use app::services::invitations::{invite, open_link};
use app::services::organisation::{self, NewOrgUnit};
use app::services::roster::{self, NewEmployee};
use app::services::{waves, ServiceError};
use sea_orm::{ConnectionTrait, Statement};
use std::collections::BTreeMap;

on_both_backends!(
    the_demo_stores_no_combination_shared_by_fewer_than_k,
    a_response_carries_its_invitations_recoded_attributes,
    an_audience_with_a_unit_below_k_is_refused_and_nothing_is_stored,
    an_open_link_of_a_small_team_reports_the_nearest_place_with_k_people,
);

async fn rows(app: &TestApp, sql: &str) -> Vec<sea_orm::QueryResult> {
    app.store
        .read()
        .query_all_raw(Statement::from_string(app.store.backend(), sql))
        .await
        .unwrap()
}

fn text(r: &sea_orm::QueryResult, col: &str) -> Option<String> {
    r.try_get::<Option<String>>("", col).unwrap()
}

const COMBO: [&str; 6] = [
    "unit",
    "district",
    "team",
    "age_band",
    "role_group",
    "tenure_band",
];

async fn the_demo_stores_no_combination_shared_by_fewer_than_k(app: TestApp) {
    let out = server::demo::generate(
        &app.store,
        &server::demo::DemoOptions {
            employees: 1200,
            waves: 1,
            seed: 7,
            progress: false,
            locale: app::i18n::Locale::Nl,
        },
    )
    .await
    .unwrap();
    let k = 10;
    // Every invited wave: the stored attributes of its invitations, per combination.
    let invited = rows(
        &app,
        "SELECT i.wave_id, i.attributes, e.unit_code, e.age_band, e.role_group, e.tenure_band \
         FROM invitation i JOIN employee e ON e.id = i.employee_id",
    )
    .await;
    assert!(invited.len() > 300, "the demo invites its samples");
    let mut stored: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut roster: BTreeMap<(String, [String; 4]), usize> = BTreeMap::new();
    for r in &invited {
        let wave = text(r, "wave_id").unwrap();
        let attrs = text(r, "attributes").expect("every invitation is recoded");
        *stored.entry((wave.clone(), attrs)).or_default() += 1;
        let own =
            ["unit_code", "age_band", "role_group", "tenure_band"].map(|c| text(r, c).unwrap());
        *roster.entry((wave, own)).or_default() += 1;
    }
    for ((wave, combo), n) in &stored {
        assert!(*n >= k, "wave {wave}: {n} invitees share {combo}");
    }
    // Without recoding the hole is real: in the monitor's audience, whole combinations of
    // unit, age band, role group and tenure band belong to fewer than k people.
    let unique = roster.values().filter(|n| **n < k).count();
    assert!(
        unique > 0,
        "the demo's audiences have small combinations to protect"
    );
    // HRM is told what was withheld and why.
    let (_, report) = out
        .recoding
        .iter()
        .find(|(poll, _)| poll.starts_with("Medewerkersmonitor"))
        .unwrap();
    assert!(report.smallest >= k);
    assert!(report.withheld.iter().any(|(_, n)| *n > 0), "{report:?}");
    let said = out.describe("http://127.0.0.1:3000", app::i18n::Locale::Nl);
    assert!(said.contains("wordt niet opgeslagen voor"), "{said}");
    // History: every stored combination is shared by at least k people of the roster who
    // could have given it (a necessary condition of the audience check).
    let people = rows(
        &app,
        "SELECT unit_code AS unit, district_code AS district, team_code AS team, age_band, \
         role_group, tenure_band FROM employee",
    )
    .await;
    let people: Vec<[Option<String>; 6]> =
        people.iter().map(|r| COMBO.map(|c| text(r, c))).collect();
    let responses = rows(
        &app,
        "SELECT unit, district, team, age_band, role_group, tenure_band, COUNT(*) AS n \
         FROM response GROUP BY unit, district, team, age_band, role_group, tenure_band",
    )
    .await;
    assert!(!responses.is_empty());
    for r in &responses {
        let combo = COMBO.map(|c| text(r, c));
        let matching = people
            .iter()
            .filter(|p| {
                combo
                    .iter()
                    .zip(p.iter())
                    .all(|(c, v)| c.is_none() || c == v)
            })
            .count();
        assert!(matching >= k, "{combo:?} fits only {matching} people");
    }
}

async fn a_response_carries_its_invitations_recoded_attributes(app: TestApp) {
    // Two units of 10; age bands cycle, so every unit × age band holds 3 or 4 people.
    let fx = fixture(&app.store, vec![vec![Q::Likert("A1", true)]], 20, 10).await;
    let invited = invite(&app.store, &ACTOR, &fx.wave_id, &fx.employees)
        .await
        .unwrap();
    assert_eq!(invited.report.smallest, 10);
    let age = invited
        .report
        .withheld
        .iter()
        .find(|(a, _)| a.as_str() == "age_band")
        .unwrap();
    assert_eq!(
        age.1, 20,
        "age band withheld for everyone: {:?}",
        invited.report
    );
    assert_eq!(
        waves::recoding(&app.store, &ACTOR, &fx.wave_id)
            .await
            .unwrap(),
        Some(invited.report.clone())
    );
    let client = app.client();
    let (status, html) = app.open(&client, &invited.tokens[0].1).await;
    assert_eq!(status, 200);
    let res = app
        .post(
            &client,
            &[
                ("_nonce", nonce_of(&html)),
                ("_page", "0".into()),
                ("_nav", "verstuur".into()),
                ("q_A1", "4".into()),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    waves::close(&app.store, &ACTOR, &fx.wave_id).await.unwrap();
    let stored = rows(&app, "SELECT unit, team, age_band FROM response").await;
    assert_eq!(stored.len(), 1);
    assert_eq!(text(&stored[0], "unit").as_deref(), Some("U1"));
    assert_eq!(text(&stored[0], "team").as_deref(), Some("U1-T1"));
    assert_eq!(
        text(&stored[0], "age_band"),
        None,
        "never a unit × age band of 3"
    );
}

async fn an_audience_with_a_unit_below_k_is_refused_and_nothing_is_stored(app: TestApp) {
    let fx = fixture(&app.store, vec![vec![Q::Likert("A1", true)]], 20, 10).await;
    // The first 15 people: 8 of unit U1 and 7 of U2.
    let err = invite(&app.store, &ACTOR, &fx.wave_id, &fx.employees[..15])
        .await
        .unwrap_err();
    assert!(matches!(err, ServiceError::Conflict { .. }), "{err:?}");
    let said = err.refusal().body.text(app::i18n::Locale::Nl);
    assert!(
        said.contains("De eenheden U1 (8), U2 (7) hebben te weinig genodigden"),
        "{said}"
    );
    assert!(said.contains("minstens 10"), "{said}");
    let said = err.refusal().body.text(app::i18n::Locale::En);
    assert!(
        said.contains("Units U1 (8), U2 (7) have too few invitees"),
        "{said}"
    );
    assert_eq!(
        app.count("invitation", &fx.wave_id).await,
        0,
        "nothing stored"
    );
    // A draft wave whose audience no longer fits when it is opened (four people of U2 moved
    // to U1 in the roster since they were invited) does not open.
    let wave = draft_wave(&app, &fx.wave_id).await;
    invite(&app.store, &ACTOR, &wave, &fx.employees)
        .await
        .unwrap();
    let w = app.store.write().await.unwrap();
    w.execute_unprepared(
        "UPDATE employee SET unit_code = 'U1' WHERE employee_number IN ('E00001', 'E00003', 'E00005', 'E00007')",
    )
    .await
    .unwrap();
    w.commit().await.unwrap();
    let err = waves::open(&app.store, &ACTOR, &wave).await.unwrap_err();
    let said = err.refusal().body.text(app::i18n::Locale::Nl);
    assert!(
        said.contains("Eenheid U2 (6) heeft te weinig genodigden"),
        "{said}"
    );
    let status = waves::get(&app.store, &ACTOR, &wave).await.unwrap().status;
    assert_eq!(status, app::domain::WaveStatus::Draft, "it stays a draft");
}

/// A draft wave of the fixture's poll.
async fn draft_wave(app: &TestApp, of: &WaveId) -> WaveId {
    let poll = waves::get(&app.store, &ACTOR, of).await.unwrap().poll_id;
    let today = app::services::today();
    waves::create(
        &app.store,
        &ACTOR,
        waves::NewWave {
            audience: Vec::new(),
            poll,
            label: "2027-H1".into(),
            opens_on: today,
            closes_on: today + time::Duration::days(7),
            status: app::domain::WaveStatus::Draft,
        },
    )
    .await
    .unwrap()
}

async fn an_open_link_of_a_small_team_reports_the_nearest_place_with_k_people(app: TestApp) {
    let fx = fixture(&app.store, vec![vec![Q::Likert("A1", true)]], 20, 10).await;
    // A team of three under unit U1's team's parent (the unit).
    let unit = rows(&app, "SELECT id FROM org_unit WHERE code = 'U1'").await[0]
        .try_get::<i64>("", "id")
        .unwrap();
    let small = organisation::add(
        &app.store,
        &ACTOR,
        NewOrgUnit {
            parent: Some(unit),
            level: OrgLevel::Team,
            code: "U1-KLEIN".into(),
            name: "Klein team".into(),
        },
    )
    .await
    .unwrap();
    let people: Vec<NewEmployee> = (0..3)
        .map(|i| NewEmployee {
            employee_number: format!("K{i}"),
            name: format!("Klein {i}"),
            email: format!("k{i}@example.invalid"),
            team_id: small,
            unit_code: "U1".into(),
            district_code: None,
            team_code: "U1-KLEIN".into(),
            age_band: "<35".into(),
            role_group: "executief".into(),
            tenure_band: "5-15".into(),
            is_manager: false,
        })
        .collect();
    roster::add(&app.store, &ACTOR, &people).await.unwrap();
    let link = open_link(&app.store, &ACTOR, &fx.wave_id, Some(small), "klein")
        .await
        .unwrap();
    let client = app.client();
    let (status, html) = app.open(&client, &link).await;
    assert_eq!(status, 200);
    let res = app
        .post(
            &client,
            &[
                ("_nonce", nonce_of(&html)),
                ("_page", "0".into()),
                ("_nav", "verstuur".into()),
                ("q_A1", "2".into()),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    // A team of ten reports itself.
    let link = open_link(&app.store, &ACTOR, &fx.wave_id, Some(fx.team_id), "groot")
        .await
        .unwrap();
    let client = app.client();
    let (_, html) = app.open(&client, &link).await;
    app.post(
        &client,
        &[
            ("_nonce", nonce_of(&html)),
            ("_page", "0".into()),
            ("_nav", "verstuur".into()),
            ("q_A1", "3".into()),
        ],
    )
    .await;
    waves::close(&app.store, &ACTOR, &fx.wave_id).await.unwrap();
    let stored = rows(&app, "SELECT unit, team FROM response").await;
    assert_eq!(stored.len(), 2);
    assert!(stored
        .iter()
        .all(|r| text(r, "unit").as_deref() == Some("U1")));
    let teams: Vec<Option<String>> = stored.iter().map(|r| text(r, "team")).collect();
    assert!(
        teams.contains(&None),
        "a team of three is never stored: {teams:?}"
    );
    assert!(
        teams.contains(&Some("U1-T1".into())),
        "a team of ten is: {teams:?}"
    );
}
