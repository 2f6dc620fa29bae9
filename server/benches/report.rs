//! Sociaal jaarbeeld benchmark (issue #13): the report of the last complete half year for
//! the demo organisation (65,000 employees, six closed waves of history per recurring poll)
//! from the database to the PDF and to the XLSX, on SQLite. Goal: under 5 s.
//!
//! Measured in one run:
//! - the first report after the waves closed (every poll is analysed once and the results
//!   are kept),
//! - then warm reports, PDF and XLSX, each the median of several;
//! - as the baseline, the analysis alone of the largest poll's exported bundle (what the first
//!   report spends most of its time on) and the typesetting alone of the warm PDF's data.
//!
//! `cargo bench -p server --bench report`. Writes bench/results/report.json.

#[path = "../../bench/machine.rs"]
mod machine;
#[path = "../../bench/timing.rs"]
mod timing;

use timing::summary;

use app::domain::Period;
use app::i18n::Locale;
use app::services::report::{self, Format};
use app::services::{sealing::SealingKey, today, Actor, Store};
use std::time::{Duration, Instant};

const RUNS: usize = 5;

#[tokio::main]
async fn main() {
    let _ = any_spawner::Executor::init_tokio();
    let dir = std::env::temp_dir().join(format!("polsslag-bench-report-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}/report.db?mode=rwc", dir.display());
    let store = Store::open(&url, SealingKey::random()).await.unwrap();
    let employees = 65_000;
    let started = Instant::now();
    server::demo::generate(
        &store,
        &server::demo::DemoOptions {
            employees,
            waves: 6,
            seed: 11,
            progress: false,
            locale: Locale::Nl,
        },
    )
    .await
    .unwrap();
    let demo_s = started.elapsed().as_secs_f64();
    let actor = Actor::Cli;
    // The last complete half year: every recurring poll has a closed wave in it (the
    // running half year has only the flash polls' quarters that closed).
    let period = Period::of(today()).previous();
    assert!(report::periods(&store, &actor)
        .await
        .unwrap()
        .contains(&period));
    let make = |format: Format| {
        let store = store.clone();
        let actor = actor.clone();
        async move {
            let started = Instant::now();
            let bytes = report::from_store(&store, &actor, period, format, Locale::Nl, today())
                .await
                .unwrap();
            (started.elapsed(), bytes.len())
        }
    };
    let (cold, _) = make(Format::Pdf).await;
    let mut pdf = Vec::new();
    let mut pdf_bytes = 0;
    for _ in 0..RUNS {
        let (t, n) = make(Format::Pdf).await;
        pdf.push(t);
        pdf_bytes = n;
    }
    let mut xlsx = Vec::new();
    let mut xlsx_bytes = 0;
    for _ in 0..RUNS {
        let (t, n) = make(Format::Xlsx).await;
        xlsx.push(t);
        xlsx_bytes = n;
    }
    // Baselines: the analysis of the largest poll alone, and typesetting alone.
    let sources = report::sources_from_store(&store, &actor, period)
        .await
        .unwrap();
    let largest = sources.iter().max_by_key(|s| s.meta.responses()).unwrap();
    let poll = app::domain::PollId::parse(&largest.meta.poll.id).unwrap();
    let bundle = dir.join("bundle");
    app::services::results::export_bundle(&store, &actor, &poll, &bundle)
        .await
        .unwrap();
    let responses = largest.meta.responses();
    let mut analysis_alone = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        let b = analysis::bundle::Bundle::read(&bundle).unwrap();
        analysis::analyse(
            &b,
            &analysis::AnalyseOptions {
                min_group: largest.meta.min_group,
                charts: false,
                ..Default::default()
            },
        )
        .unwrap();
        analysis_alone.push(started.elapsed());
    }
    let built = report::build(
        &sources,
        period,
        Locale::Nl,
        today(),
        &report::Extras::default(),
    )
    .unwrap();
    let mut typeset = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        report::render(&built, Format::Pdf).unwrap();
        typeset.push(started.elapsed());
    }
    let median_ms = |v: &[Duration]| summary(v.to_vec())["median_ms"].as_f64().unwrap_or(0.0);
    let out = serde_json::json!({
        "benchmark": "report",
        "machine": machine::describe(),
        "profile": if cfg!(debug_assertions) { "debug" } else { "release" },
        "employees": employees,
        "waves_per_recurring_poll": 6,
        "period": period.to_string(),
        "polls": sources.len(),
        "largest_poll_responses": responses,
        "pdf_bytes": pdf_bytes,
        "xlsx_bytes": xlsx_bytes,
        "demo_generation_s": demo_s,
        "goal_s": 5.0,
        "results": {
            "first_report_after_close_ms": cold.as_secs_f64() * 1000.0,
            "pdf": summary(pdf.clone()),
            "xlsx": summary(xlsx),
            "baseline_analysis_of_largest_poll": summary(analysis_alone.clone()),
            "baseline_typesetting_alone": summary(typeset.clone()),
            "pdf_over_typesetting": median_ms(&pdf) / median_ms(&typeset),
            "first_report_over_analysis_of_largest_poll": cold.as_secs_f64() * 1000.0 / median_ms(&analysis_alone),
        },
    });
    println!("{}", serde_json::to_string_pretty(&out["results"]).unwrap());
    std::fs::remove_dir_all(&dir).ok();
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../bench/results/report.json");
    std::fs::write(&path, serde_json::to_string_pretty(&out).unwrap()).unwrap();
    println!("written to {}", path.display());
}
