//! Sociaal jaarbeeld benchmark (issue #13): the report of the last complete half year for
//! the demo organisation (65,000 employees, six closed waves of history per recurring poll)
//! from the database to the PDF and to the XLSX, on SQLite. Goal: under 5 s.
//!
//! Measured in one run:
//! - the first report after the waves closed (the demo keeps its history's results for the
//!   pages and the last complete half year, as the closes would have:
//!   [`app::services::team_results::keep_every_period`]),
//! - then warm reports, PDF and XLSX, each the median of several;
//! - as the baselines, the export alone of the largest poll's bundle from the database and the
//!   analysis alone of that bundle (what the first report spends most of its time on), and
//!   the typesetting alone of the warm PDF's data;
//! - the results dashboard at the server (goal: a page under 100 ms): HRM's page views over
//!   HTTP on the same database — the organisation, a unit, a district and a team of the census
//!   flash poll, the monitor, and two of its charts — each page's first view (the report
//!   has computed and kept the results by then) and warm views, with the `/health` round
//!   trip of the same client as the baseline;
//! - the first report with nothing kept (every set of waves analysed on the way), and what
//!   keeping every set of every poll, for every half year, costs.
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
use app::services::{today, Actor, Store};
use std::time::{Duration, Instant};

/// The form token of a page.
fn csrf_in(html: &str) -> String {
    let start = html.find("name=\"_csrf\" value=\"").expect("form token") + 20;
    html[start..start + 43].to_string()
}

/// The first drill-down link of a dashboard page (`/hrm/dashboard?…groep=…`).
fn first_drill(html: &str) -> Option<String> {
    let table = &html[html.find("class=\"figures heat\"")?..];
    let at = table.find("href=\"/hrm/dashboard?")? + 6;
    let href = &table[at..];
    Some(href[..href.find('"')?].replace("&amp;", "&"))
}

/// HRM's dashboard page views over HTTP: per page its first view and warm views; `/health`
/// on the same connection as the baseline.
async fn dashboard_pages(base: &str, demo: &server::demo::DemoOutput) -> serde_json::Value {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let (_, email, password, _) = demo
        .accounts
        .iter()
        .find(|a| a.0 == app::domain::Role::HrmAnalyst)
        .expect("the demo's HRM account");
    let form = client.get(format!("{base}/login")).send().await.unwrap();
    let token = csrf_in(&form.text().await.unwrap());
    let res = client
        .post(format!("{base}/login"))
        .form(&[
            ("_csrf", token.as_str()),
            ("email", email),
            ("password", password),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "HRM logs in");
    let get = |path: String| {
        let client = client.clone();
        let url = format!("{base}{path}");
        async move {
            let started = Instant::now();
            let res = client.get(&url).send().await.unwrap();
            assert_eq!(res.status(), 200, "{url}");
            let body = res.text().await.unwrap();
            (started.elapsed(), body)
        }
    };
    let flash = demo
        .polls
        .iter()
        .find(|(_, name)| name.contains("koopkracht"))
        .map(|(id, _)| id.to_string())
        .expect("the flash poll");
    // The way down the census poll, found by its own links.
    let mut pages = vec![
        (
            "monitor, organisation".to_string(),
            "/hrm/dashboard".to_string(),
        ),
        (
            "flash poll, organisation".to_string(),
            format!("/hrm/dashboard?peiling={flash}"),
        ),
    ];
    for level in ["unit", "district", "team"] {
        let (_, html) = get(pages.last().unwrap().1.clone()).await;
        let next = first_drill(&html).unwrap_or_else(|| panic!("a {level} to drill into"));
        pages.push((format!("flash poll, {level}"), next));
    }
    pages.push((
        "chart: heatmap of the units".to_string(),
        format!("/hrm/dashboard/grafiek.svg?peiling={flash}&soort=heatmap"),
    ));
    pages.push((
        "chart: distributions of the organisation".to_string(),
        format!("/hrm/dashboard/grafiek.svg?peiling={flash}&soort=verdeling"),
    ));
    let mut out = serde_json::Map::new();
    let mut health = Vec::new();
    for _ in 0..RUNS * 4 {
        health.push(get("/health".into()).await.0);
    }
    out.insert("baseline_health".into(), summary(health));
    for (name, path) in pages {
        let (first, body) = get(path.clone()).await;
        let mut warm = Vec::new();
        for _ in 0..RUNS * 4 {
            warm.push(get(path.clone()).await.0);
        }
        let mut s = summary(warm);
        s["first_ms"] = (first.as_secs_f64() * 1000.0).into();
        s["bytes"] = body.len().into();
        out.insert(name, s);
    }
    serde_json::Value::Object(out)
}

const RUNS: usize = 5;

#[tokio::main]
async fn main() {
    let _ = any_spawner::Executor::init_tokio();
    let dir = std::env::temp_dir().join(format!("polsslag-bench-report-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}/report.db?mode=rwc", dir.display());
    let app = server::Application::build(server::ServeConfig::new(
        &url,
        "127.0.0.1:0".parse().unwrap(),
    ))
    .await
    .unwrap();
    let base = format!("http://{}", app.local_addr());
    let store: Store = app.store.clone();
    tokio::spawn(app.run_until(std::future::pending()));
    let employees = 65_000;
    let started = Instant::now();
    let demo = server::demo::generate(
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
    // The export of the largest poll's bundle from the database, the other half of what an
    // analysis of kept results spares.
    let mut export = Vec::new();
    for _ in 0..RUNS {
        std::fs::remove_dir_all(&bundle).ok();
        let started = Instant::now();
        app::services::results::export_bundle(&store, &actor, &poll, &bundle)
            .await
            .unwrap();
        export.push(started.elapsed());
    }
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
    // Where a warm report's time goes: its sources read from the database (kept results,
    // response counts), then the report built from them (tables, charts), then typeset.
    let mut reading = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        report::sources_from_store(&store, &actor, period)
            .await
            .unwrap();
        reading.push(started.elapsed());
    }
    let mut building = Vec::new();
    let mut built = None;
    for _ in 0..RUNS {
        let started = Instant::now();
        built = Some(
            report::build(
                &sources,
                period,
                Locale::Nl,
                today(),
                &report::Extras::default(),
            )
            .unwrap(),
        );
        building.push(started.elapsed());
    }
    let built = built.unwrap();
    let mut typeset = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        report::render(&built, Format::Pdf).unwrap();
        typeset.push(started.elapsed());
    }
    let median_ms = |v: &[Duration]| summary(v.to_vec())["median_ms"].as_f64().unwrap_or(0.0);
    let dashboard = dashboard_pages(&base, &demo).await;
    // Nothing kept (as after an import of history, before anything analysed it): the first
    // report analyses every set of waves it reads. Then what keeping them costs, once per
    // close: every poll's sets analysed and kept.
    let forget_kept = || async {
        use app::services::entities::poll_result;
        use sea_orm::EntityTrait;
        let w = store.write().await.unwrap();
        poll_result::Entity::delete_many().exec(&*w).await.unwrap();
        w.commit().await.unwrap();
    };
    forget_kept().await;
    let (nothing_kept, _) = make(Format::Pdf).await;
    forget_kept().await;
    let started = Instant::now();
    for (poll, _) in &demo.polls {
        app::services::team_results::keep_every_period(&store, &actor, poll, None)
            .await
            .unwrap();
    }
    let keeping = started.elapsed();
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
            "first_report_nothing_kept_ms": nothing_kept.as_secs_f64() * 1000.0,
            "keeping_every_set_of_every_poll_ms": keeping.as_secs_f64() * 1000.0,
            "pdf": summary(pdf.clone()),
            "xlsx": summary(xlsx),
            "baseline_analysis_of_largest_poll": summary(analysis_alone.clone()),
            "baseline_typesetting_alone": summary(typeset.clone()),
            "baseline_export_of_largest_poll": summary(export.clone()),
            "step_sources_from_store": summary(reading),
            "step_build": summary(building),
            "pdf_over_typesetting": median_ms(&pdf) / median_ms(&typeset),
            "first_report_nothing_kept_over_export_of_largest_poll": nothing_kept.as_secs_f64() * 1000.0 / median_ms(&export),
            "dashboard": dashboard,
        },
        "dashboard_goal_ms": 100.0,
    });
    println!("{}", serde_json::to_string_pretty(&out["results"]).unwrap());
    std::fs::remove_dir_all(&dir).ok();
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../bench/results/report.json");
    std::fs::write(&path, serde_json::to_string_pretty(&out).unwrap()).unwrap();
    println!("written to {}", path.display());
}
