//! `polsslag export`: the analysis bundle of a poll, from the demo organisation.

use crate::common::{Backend, TestApp, ACTOR};
use sea_orm::EntityTrait;

async fn the_bundle_of_a_demo_poll_has_the_contracted_columns(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let demo = server::demo::generate(
        &app.store,
        &server::demo::DemoOptions {
            employees: 600,
            waves: 2,
            seed: 7,
            progress: false,
            locale: app::i18n::Locale::Nl,
        },
    )
    .await
    .unwrap();
    let (poll_id, _) = demo
        .polls
        .iter()
        .find(|(_, n)| n == "Flitspeiling koopkracht")
        .unwrap();
    let out = std::env::temp_dir().join(format!("polsslag-export-{}", uuid::Uuid::new_v4()));
    let summary = app::services::results::export_bundle(&app.store, &ACTOR, poll_id, &out)
        .await
        .unwrap();
    assert_eq!(summary.waves, 2, "only the closed waves");
    assert!(summary.responses > 100);

    let items = std::fs::read_to_string(out.join("items.csv")).unwrap();
    assert!(items.starts_with("item,theme,text_nl,scale_min,scale_max,reversed,kind\n"));
    assert_eq!(items.lines().count(), summary.items + 1);
    let responses = std::fs::read_to_string(out.join("responses.csv")).unwrap();
    // The contract's first four columns, then the poll's reporting attributes (the demo's
    // census flash poll reports age band, district and team).
    let header = responses.lines().next().unwrap();
    assert!(
        header.starts_with("response_id,wave,unit,stratum,"),
        "{header}"
    );
    for attribute in ["age_band", "district", "team"] {
        assert!(header.split(',').any(|c| c == attribute), "{header}");
    }
    assert_eq!(responses.lines().count(), summary.responses + 1);
    let population = std::fs::read_to_string(out.join("population.csv")).unwrap();
    assert!(population.starts_with("wave,stratum,population\n"));
    let total: u64 = population
        .lines()
        .skip(1)
        .take(13)
        .map(|l| l.rsplit(',').next().unwrap().parse::<u64>().unwrap())
        .sum();
    assert_eq!(
        total, 600,
        "every stratum's headcount, summing to the roster"
    );
    // The bundle is what `polsslag analyse` reads.
    let summary = analysis::analyse_bundle(
        &out,
        &out.join("analyse"),
        &analysis::AnalyseOptions {
            min_group: 10,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(summary.estimates > 0 && summary.changes > 0, "{summary:?}");
    // Exports are audited.
    let log = app::services::entities::audit_log::Entity::find()
        .all(&app.store.read())
        .await
        .unwrap();
    assert!(log
        .iter()
        .any(|e| e.action == "poll.export" && e.object == poll_id.as_str()));
    std::fs::remove_dir_all(&out).ok();

    // A poll whose only wave is still open has nothing to export.
    let (onrust, _) = demo
        .polls
        .iter()
        .find(|(_, n)| n.contains("onrust"))
        .unwrap();
    let err = app::services::results::export_bundle(&app.store, &ACTOR, onrust, &out)
        .await
        .unwrap_err();
    assert!(err
        .refusal()
        .line(app::i18n::Locale::Nl)
        .contains("nog geen gesloten golf"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_the_bundle_of_a_demo_poll_has_the_contracted_columns() {
    the_bundle_of_a_demo_poll_has_the_contracted_columns(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_the_bundle_of_a_demo_poll_has_the_contracted_columns() {
    the_bundle_of_a_demo_poll_has_the_contracted_columns(Backend::Postgres).await;
}
