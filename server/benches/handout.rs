//! Handout benchmark (issue #12): how long a manager waits for a thermometer-conversation
//! handout, from the database to the PDF (the kit's texts, the help routes, the team's
//! figures from the kept analysis, typst), on the demo organisation in SQLite.
//!
//! Measured in one run: the first team handout after a wave closed (it analyses the poll and
//! keeps the results), then warm team handouts and blank ones, each as the median and p95 of
//! many; and typesetting alone (the `documents` crate) as the baseline of the same PDF.
//!
//! `cargo bench -p server --bench handout`. Writes bench/results/handout.json.

#[path = "../../bench/machine.rs"]
mod machine;
#[path = "../../bench/timing.rs"]
mod timing;

use timing::summary;

use app::i18n::Locale;
use app::services::{sealing::SealingKey, today, Actor, Store};
use std::time::Instant;

const RUNS: usize = 40;

#[tokio::main]
async fn main() {
    let _ = any_spawner::Executor::init_tokio();
    let dir = std::env::temp_dir().join(format!("polsslag-bench-handout-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}/handout.db?mode=rwc", dir.display());
    let store = Store::open(&url, SealingKey::random()).await.unwrap();
    let employees = 6000;
    server::demo::generate(
        &store,
        &server::demo::DemoOptions {
            employees,
            waves: 6,
            seed: 7,
            progress: false,
            locale: Locale::Nl,
        },
    )
    .await
    .unwrap();
    let actor = Actor::Cli;
    let team = "NN-D1-T1";
    let pdf = |team: Option<&'static str>| {
        let store = store.clone();
        let actor = actor.clone();
        async move {
            let started = Instant::now();
            let bytes = app::services::handouts::pdf(&store, &actor, team, Locale::Nl, today())
                .await
                .unwrap();
            (started.elapsed(), bytes.len())
        }
    };
    let (cold, bytes) = pdf(Some(team)).await;
    let mut warm = Vec::new();
    for _ in 0..RUNS {
        warm.push(pdf(Some(team)).await.0);
    }
    let mut blank = Vec::new();
    for _ in 0..RUNS {
        blank.push(pdf(None).await.0);
    }
    // Typesetting alone, of a document as large (the baseline in the same run).
    let data = serde_json::json!({
        "lang": "nl", "title": "Handreiking", "footer": "v1",
        "cover": { "team": "Team", "unit": "Eenheid", "lines": [["Datum", "2026-12-01"]] },
        "labels": { "page": "Pagina", "figures_title": "Cijfers", "figures_intro": "Intro",
            "theme": "Thema", "team": "Team", "unit": "Eenheid", "organisation": "Organisatie",
            "none": "–", "routes_title": "Hulp", "notes_title": "Notities",
            "no_routes": "Geen" },
        "figures": null,
        "handreiking": (0..60).map(|i| serde_json::json!({ "k": "p", "runs": [{ "t": format!("Alinea {i}: een zin van gewone lengte om de pagina te vullen, zoals de handreiking er veel heeft."), "s": "n" }] })).collect::<Vec<_>>(),
        "factsheet": [], "routes": [],
    });
    let mut typeset = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        documents::render(documents::Template::Handout, &data).unwrap();
        typeset.push(started.elapsed());
    }
    let out = serde_json::json!({
        "benchmark": "handout",
        "machine": machine::describe(),
        "profile": if cfg!(debug_assertions) { "debug" } else { "release" },
        "employees": employees,
        "pdf_bytes": bytes,
        "results": {
            "first_team_handout_after_close_ms": cold.as_secs_f64() * 1000.0,
            "team_handout": summary(warm),
            "blank_handout": summary(blank),
            "typesetting_alone": summary(typeset),
        },
    });
    println!("{}", serde_json::to_string_pretty(&out["results"]).unwrap());
    std::fs::remove_dir_all(&dir).ok();
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../bench/results/handout.json");
    std::fs::write(&path, serde_json::to_string_pretty(&out).unwrap()).unwrap();
    println!("written to {}", path.display());
}
