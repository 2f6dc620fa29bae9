//! Issue #11, on SQLite and PostgreSQL: the stratified sample of the semi-annual monitor —
//! reproducible from its seed, allocated as computed by hand (proportional, and with a
//! minimum per stratum), fatigue control, refusals that change nothing, the one-time links for
//! a mail merge, and the frozen populations and margins in the analysis bundle.

use crate::common::{fixture, Fixture, TestApp, ACTOR, Q};
use analysis::sampling::Allocation;
use app::domain::{PollId, WaveId, WaveStatus};
use app::services::entities::invitation;
use app::services::roster::NewEmployee;
use app::services::samples::{self, SampleSpec};
use app::services::waves::{self, NewWave};
use app::services::{invitations, results, roster, ServiceError};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::{BTreeMap, BTreeSet};

on_both_backends!(
    a_sample_is_allocated_as_by_hand_and_reproduced_from_its_seed,
    a_minimum_per_stratum_and_fatigue_control_shape_the_draw,
    impossible_samples_are_refused_and_change_nothing,
    a_sampled_wave_exports_its_frozen_populations_and_margins,
);

/// 120 people in two units × three age bands: 20 in each of six strata (k = 5).
async fn setup(app: &TestApp) -> (Fixture, PollId) {
    let fx = fixture(&app.store, vec![vec![Q::Likert("A1", true)]], 120, 5).await;
    let poll = waves::get(&app.store, &ACTOR, &fx.wave_id)
        .await
        .unwrap()
        .poll_id;
    (fx, poll)
}

/// `n` new people in U1 aged < 35, numbered `prefix00000`, ….
fn young_in_u1(fx: &Fixture, prefix: &str, n: usize) -> Vec<NewEmployee> {
    (0..n)
        .map(|i| NewEmployee {
            employee_number: format!("{prefix}{i:05}"),
            name: format!("Nieuw {prefix}{i}"),
            email: format!("{prefix}{i}@example.invalid"),
            team_id: fx.team_id,
            unit_code: "U1".into(),
            district_code: None,
            team_code: "U1-T1".into(),
            age_band: "<35".into(),
            role_group: "executief".into(),
            tenure_band: "5-15".into(),
            is_manager: false,
        })
        .collect()
}

async fn draft(app: &TestApp, poll: &PollId, label: &str) -> WaveId {
    let today = app::services::today();
    waves::create(
        &app.store,
        &ACTOR,
        NewWave {
            audience: Vec::new(),
            poll: poll.clone(),
            label: label.into(),
            opens_on: today,
            closes_on: today + time::Duration::days(14),
            status: WaveStatus::Draft,
        },
    )
    .await
    .unwrap()
}

fn spec(total: u64, allocation: Allocation, seed: u64) -> SampleSpec {
    SampleSpec {
        total,
        allocation,
        seed,
        exclude_months: None,
    }
}

/// The employees invited to a wave.
async fn invited(app: &TestApp, wave: &WaveId) -> BTreeSet<i64> {
    invitation::Entity::find()
        .filter(invitation::Column::WaveId.eq(wave.clone()))
        .all(&app.store.read())
        .await
        .unwrap()
        .into_iter()
        .map(|i| i.employee_id)
        .collect()
}

/// Invited people per (unit, age band).
async fn per_stratum(app: &TestApp, ids: &BTreeSet<i64>) -> BTreeMap<(String, String), u64> {
    let mut out = BTreeMap::new();
    for e in roster::active(&app.store, &ACTOR).await.unwrap() {
        if ids.contains(&e.id) {
            *out.entry((e.unit_code, e.age_band)).or_default() += 1;
        }
    }
    out
}

async fn a_sample_is_allocated_as_by_hand_and_reproduced_from_its_seed(app: TestApp) {
    let (_fx, poll) = setup(&app).await;
    let a = draft(&app, &poll, "2099-H1").await;
    // 60 of 120 in six equal strata: 10 each.
    let s = samples::draw(
        &app.store,
        &ACTOR,
        &a,
        &spec(60, Allocation::Proportional, 42),
    )
    .await
    .unwrap();
    assert_eq!(s.strata.len(), 6);
    for st in &s.strata {
        assert_eq!(
            (st.population, st.frame, st.planned, st.drawn),
            (20, 20, 10, 10),
            "{st:?}"
        );
    }
    let drawn_a = invited(&app, &a).await;
    assert_eq!(drawn_a.len(), 60);
    assert!(per_stratum(&app, &drawn_a).await.values().all(|&n| n == 10));
    assert_eq!(
        waves::get(&app.store, &ACTOR, &a).await.unwrap().invited,
        60
    );
    // Recorded with the wave, seed and all.
    let stored = samples::of_wave(&app.store, &ACTOR, &a)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored, s);
    // The same seed on the same frame draws the same people; another seed others.
    let b = draft(&app, &poll, "2099-H2").await;
    samples::draw(
        &app.store,
        &ACTOR,
        &b,
        &spec(60, Allocation::Proportional, 42),
    )
    .await
    .unwrap();
    assert_eq!(invited(&app, &b).await, drawn_a);
    let c = draft(&app, &poll, "2100-H1").await;
    let other = samples::draw(
        &app.store,
        &ACTOR,
        &c,
        &spec(60, Allocation::Proportional, 43),
    )
    .await
    .unwrap();
    assert_eq!(other.frame_digest, s.frame_digest, "the same frame");
    assert_ne!(invited(&app, &c).await, drawn_a);
    // A wave is sampled once.
    let again = samples::draw(
        &app.store,
        &ACTOR,
        &a,
        &spec(60, Allocation::Proportional, 42),
    )
    .await
    .unwrap_err();
    assert!(matches!(again, ServiceError::Conflict { .. }), "{again:?}");
    let log = app::services::audit::entries(&app.store, &ACTOR)
        .await
        .unwrap();
    assert!(log
        .iter()
        .any(|e| e.action == "wave.sample" && e.detail.contains("seed 42")));
}

async fn a_minimum_per_stratum_and_fatigue_control_shape_the_draw(app: TestApp) {
    let (fx, poll) = setup(&app).await;
    // 60 more people in U1 aged < 35: that stratum holds 80, the other five 20 each.
    let extra = young_in_u1(&fx, "X", 60);
    roster::add(&app.store, &ACTOR, &extra).await.unwrap();
    // 60 of 180 with at least 8 per stratum. By hand: quotas 26.67 for the big stratum and
    // 6.67 for each small one; the five small ones are raised to 8 (40 in all), the big one
    // gets the remaining 20.
    let a = draft(&app, &poll, "2099-H1").await;
    let s = samples::draw(&app.store, &ACTOR, &a, &spec(60, Allocation::Minimum(8), 7))
        .await
        .unwrap();
    let planned: BTreeMap<(String, String), u64> = s
        .strata
        .iter()
        .map(|st| ((st.unit.clone(), st.age_band.clone()), st.planned))
        .collect();
    for (stratum, n) in &planned {
        let want = if stratum == &("U1".to_string(), "<35".to_string()) {
            20
        } else {
            8
        };
        assert_eq!(*n, want, "{stratum:?}");
    }
    let drawn_a = invited(&app, &a).await;
    assert_eq!(per_stratum(&app, &drawn_a).await, planned);
    // Proportional instead: 80/180·60 = 26.67 → 27, 20/180·60 = 6.67 → 7, 7, 7, 6, 6
    // (largest remainders: the big stratum's .67 and the first three of the equal .67s).
    let b = draft(&app, &poll, "2099-H2").await;
    let p = samples::draw(
        &app.store,
        &ACTOR,
        &b,
        &spec(60, Allocation::Proportional, 7),
    )
    .await
    .unwrap();
    let mut got: Vec<u64> = p.strata.iter().map(|st| st.planned).collect();
    got.sort_unstable();
    assert_eq!(got, vec![6, 6, 7, 7, 7, 27]);
    // Fatigue control: whoever was invited to A or B (opening today) is left out of C.
    let c = draft(&app, &poll, "2100-H1").await;
    let mut fatigue = spec(30, Allocation::Minimum(5), 9);
    fatigue.exclude_months = Some(6);
    let f = samples::draw(&app.store, &ACTOR, &c, &fatigue)
        .await
        .unwrap();
    let before: BTreeSet<i64> = drawn_a.union(&invited(&app, &b).await).copied().collect();
    let drawn_c = invited(&app, &c).await;
    assert_eq!(drawn_c.len(), 30);
    assert!(drawn_c.is_disjoint(&before), "nobody invited lately");
    let left_out = per_stratum(&app, &before).await;
    for st in &f.strata {
        let gone = left_out
            .get(&(st.unit.clone(), st.age_band.clone()))
            .copied()
            .unwrap_or(0);
        assert_eq!(st.frame, st.population - gone, "{st:?}");
    }
    // Without the window the same people may be drawn again.
    let d = draft(&app, &poll, "2100-H2").await;
    samples::draw(
        &app.store,
        &ACTOR,
        &d,
        &spec(150, Allocation::Minimum(5), 9),
    )
    .await
    .unwrap();
    assert!(!invited(&app, &d).await.is_disjoint(&before));
}

async fn impossible_samples_are_refused_and_change_nothing(app: TestApp) {
    let (fx, poll) = setup(&app).await;
    let a = draft(&app, &poll, "2099-H1").await;
    let field_of = |e: ServiceError| match e {
        ServiceError::Invalid(fields) => fields[0].field.clone(),
        other => panic!("{other:?}"),
    };
    // Six strata of 2: fewer than k = 5 each.
    let e = samples::draw(
        &app.store,
        &ACTOR,
        &a,
        &spec(12, Allocation::Proportional, 1),
    )
    .await
    .unwrap_err();
    let text = e.to_string();
    assert_eq!(field_of(e), "minimum", "{text}");
    let e = samples::draw(
        &app.store,
        &ACTOR,
        &a,
        &spec(121, Allocation::Proportional, 1),
    )
    .await
    .unwrap_err();
    assert_eq!(field_of(e), "total");
    let e = samples::draw(
        &app.store,
        &ACTOR,
        &a,
        &spec(40, Allocation::Minimum(10), 1),
    )
    .await
    .unwrap_err();
    assert_eq!(field_of(e), "minimum", "6 × 10 > 40");
    let e = samples::draw(
        &app.store,
        &ACTOR,
        &a,
        &spec(0, Allocation::Proportional, 1),
    )
    .await
    .unwrap_err();
    assert_eq!(field_of(e), "total");
    assert!(invited(&app, &a).await.is_empty(), "nothing changed");
    assert!(samples::of_wave(&app.store, &ACTOR, &a)
        .await
        .unwrap()
        .is_none());
    // An open wave is not sampled.
    let e = samples::draw(
        &app.store,
        &ACTOR,
        &fx.wave_id,
        &spec(60, Allocation::Proportional, 1),
    )
    .await
    .unwrap_err();
    assert!(matches!(e, ServiceError::Conflict { .. }), "{e:?}");
    // Nor is a poll that does not store the strata.
    let id = app::domain::PollId::parse(poll.as_str()).unwrap();
    let p = app::services::polls::get(&app.store, &ACTOR, &id)
        .await
        .unwrap();
    let mut draft_form = app::services::polls::draft_of(&app.store, &ACTOR, &id)
        .await
        .unwrap();
    draft_form.attributes = vec![app::domain::ReportingAttribute::Unit];
    app::services::polls::update(&app.store, &ACTOR, &p.id, &draft_form)
        .await
        .unwrap();
    let e = samples::draw(
        &app.store,
        &ACTOR,
        &a,
        &spec(60, Allocation::Proportional, 1),
    )
    .await
    .unwrap_err();
    assert_eq!(field_of(e), "attributes");
}

async fn a_sampled_wave_exports_its_frozen_populations_and_margins(app: TestApp) {
    let (fx, poll) = setup(&app).await;
    let a = draft(&app, &poll, "2099-H1").await;
    samples::draw(
        &app.store,
        &ACTOR,
        &a,
        &spec(60, Allocation::Proportional, 5),
    )
    .await
    .unwrap();
    // The links for a mail merge, once.
    let links = invitations::links_once(&app.store, &ACTOR, &a)
        .await
        .unwrap();
    assert_eq!(links.len(), 60);
    assert!(links
        .windows(2)
        .all(|w| w[0].employee_number < w[1].employee_number));
    let again = invitations::links_once(&app.store, &ACTOR, &a)
        .await
        .unwrap_err();
    assert!(matches!(again, ServiceError::Conflict { .. }), "{again:?}");
    // The roster changes after the draw: the frozen populations do not.
    let later = young_in_u1(&fx, "L", 10);
    roster::add(&app.store, &ACTOR, &later).await.unwrap();
    waves::open(&app.store, &ACTOR, &a).await.unwrap();
    // Three of the drawn answer through their links.
    for row in links.iter().take(3) {
        app.answer_a1(&row.token).await;
    }
    waves::close(&app.store, &ACTOR, &a).await.unwrap();
    let dir = std::env::temp_dir().join(format!("polsslag-sample-{}", uuid::Uuid::new_v4()));
    results::export_bundle(&app.store, &ACTOR, &poll, &dir)
        .await
        .unwrap();
    let population = std::fs::read_to_string(dir.join("population.csv")).unwrap();
    for stratum in [
        "U1|<35", "U1|35-54", "U1|55+", "U2|<35", "U2|35-54", "U2|55+",
    ] {
        assert!(
            population.contains(&format!("2099-H1,{stratum},20")),
            "{population}"
        );
    }
    let margins = std::fs::read_to_string(dir.join("margins.csv")).unwrap();
    for row in [
        "2099-H1,unit,U1,60",
        "2099-H1,unit,U2,60",
        "2099-H1,age_band,<35,40",
        "2099-H1,age_band,35-54,40",
        "2099-H1,age_band,55+,40",
    ] {
        assert!(margins.contains(row), "{margins}");
    }
    let responses = std::fs::read_to_string(dir.join("responses.csv")).unwrap();
    let sampled: Vec<&str> = responses
        .lines()
        .filter(|l| l.contains(",2099-H1,"))
        .collect();
    assert_eq!(sampled.len(), 3, "{responses}");
    for l in &sampled {
        let stratum = l.split(',').nth(3).unwrap();
        assert!(
            stratum.starts_with("U1|") || stratum.starts_with("U2|"),
            "{l}"
        );
    }
    // The analysis reads the bundle as it is.
    analysis::bundle::Bundle::read(&dir).unwrap();
    std::fs::remove_dir_all(&dir).ok();
}
