//! Ingest benchmark: complete respondent sessions per second over HTTP (open the link, render
//! the form, submit; each acknowledged answer durably committed), on SQLite and PostgreSQL.
//! Baseline in the same run: bare durable single-row commits per second on the same database
//! with the same settings, so the ratio shows what the whole respondent path costs.
//!
//! Then durable submissions/s of prepared forms (respondents who already hold their cookie and
//! a rendered form) at 64 and 256 concurrent clients, with p50/p99 latency and the process's
//! peak resident memory (server and load generator share this process), against the ceiling
//! measured in the same run: a minimal axum endpoint on the same store that makes one durable
//! write through the same group commit per request (issue #9).
//!
//! `cargo bench -p server --bench ingest` (PostgreSQL from POLSSLAG_TEST_PG or the local
//! default; skipped with a message when unreachable). Writes bench/results/ingest.json.

#[path = "../../bench/machine.rs"]
mod machine;

use sea_orm::{ConnectionTrait, Database, Statement};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const CLIENTS: usize = 16;
const SECONDS: u64 = 8;

async fn fields_for(client: &reqwest::Client, base: &str, link: &str) -> Vec<(String, String)> {
    client.get(format!("{base}/p/{link}")).send().await.unwrap();
    let html = client
        .get(format!("{base}/v"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    fields_of(&html)
}

/// The fields of a complete submission of the rendered form `html`: its nonce and the first
/// option of every radio question.
fn fields_of(html: &str) -> Vec<(String, String)> {
    let start = html.find("name=\"_nonce\" value=\"").expect("nonce") + 21;
    let mut fields = vec![
        ("_nonce".to_string(), html[start..start + 43].to_string()),
        ("_page".into(), "0".into()),
        ("_nav".into(), "verstuur".into()),
    ];
    let mut seen = std::collections::HashSet::new();
    for part in html.split("type=\"radio\"").skip(1) {
        let name = part
            .split("name=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_string();
        let value = part
            .split("value=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_string();
        if seen.insert(name.clone()) {
            fields.push((name, value));
        }
    }
    fields
}

/// One prepared submission: the link's cookie and the fields of its rendered form.
type Prepared = (String, Vec<(String, String)>);

/// `forms` respondents who hold their link cookie and a rendered form (prepared concurrently).
async fn prepare(base: &str, link: &str, forms: usize) -> Vec<Prepared> {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let prepared = Arc::new(tokio::sync::Mutex::new(Vec::with_capacity(forms)));
    let mut tasks = Vec::new();
    let per = forms.div_ceil(32);
    for _ in 0..32 {
        let (client, base, link, prepared) = (
            client.clone(),
            base.to_string(),
            link.to_string(),
            prepared.clone(),
        );
        tasks.push(tokio::spawn(async move {
            for _ in 0..per {
                let res = client.get(format!("{base}/p/{link}")).send().await.unwrap();
                let cookie = res.headers()["set-cookie"]
                    .to_str()
                    .unwrap()
                    .split(';')
                    .next()
                    .unwrap()
                    .to_string();
                let html = client
                    .get(format!("{base}/v"))
                    .header("cookie", &cookie)
                    .send()
                    .await
                    .unwrap()
                    .text()
                    .await
                    .unwrap();
                let fields = fields_of(&html);
                prepared.lock().await.push((cookie, fields));
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let out = std::mem::take(&mut *prepared.lock().await);
    out
}

/// POSTs every prepared form to `url` from `clients` concurrent clients; each answer must have
/// status `expect`. Returns (requests/s, p50 ms, p99 ms).
async fn load(url: &str, requests: Vec<Prepared>, clients: usize, expect: u16) -> (f64, f64, f64) {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(clients)
        .build()
        .unwrap();
    let queue = Arc::new(std::sync::Mutex::new(requests));
    let latencies = Arc::new(std::sync::Mutex::new(Vec::new()));
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let (client, url, queue, latencies) = (
            client.clone(),
            url.to_string(),
            queue.clone(),
            latencies.clone(),
        );
        tasks.push(tokio::spawn(async move {
            loop {
                let Some((cookie, fields)) = queue.lock().unwrap().pop() else {
                    break;
                };
                let t = Instant::now();
                let res = client
                    .post(&url)
                    .header("cookie", cookie)
                    .form(&fields)
                    .send()
                    .await
                    .unwrap();
                assert_eq!(res.status(), expect);
                latencies
                    .lock()
                    .unwrap()
                    .push(t.elapsed().as_secs_f64() * 1000.0);
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let secs = start.elapsed().as_secs_f64();
    let mut l = latencies.lock().unwrap().clone();
    l.sort_by(f64::total_cmp);
    let q = |p: f64| l[((l.len() as f64 * p) as usize).min(l.len() - 1)];
    (l.len() as f64 / secs, q(0.5), q(0.99))
}

/// The ceiling (issue #9): a minimal axum endpoint on the same store (same database settings,
/// same group commit) that takes the same request body and makes one durable write of a
/// sealed response per request (`commit::write_sealed`), nothing else. Returns its address.
async fn ceiling(
    store: app::services::Store,
    wave: app::domain::WaveId,
    sealed: Vec<u8>,
) -> String {
    use axum::{body::Bytes, http::StatusCode, routing::post, Router};
    let router = Router::new().route(
        "/ceiling",
        post(move |_body: Bytes| {
            let (store, wave, sealed) = (store.clone(), wave.clone(), sealed.clone());
            async move {
                app::services::commit::write_sealed(
                    &store,
                    &app::services::Actor::Cli,
                    &wave,
                    sealed,
                )
                .await
                .map(|_| StatusCode::NO_CONTENT)
                .map_err(|_| StatusCode::SERVICE_UNAVAILABLE)
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    format!("http://{addr}/ceiling")
}

/// One sealed response of the bench's wave, as a submission stored it.
async fn one_sealed(store: &app::services::Store) -> Vec<u8> {
    store
        .read()
        .query_one_raw(Statement::from_string(
            store.backend(),
            "SELECT sealed FROM sealed_response LIMIT 1",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get("", "sealed")
        .unwrap()
}

/// The same durable write as the ceiling's, called by `clients` tasks in this process with no
/// HTTP at all: what the group commit alone can take.
async fn group_commit_alone(
    store: &app::services::Store,
    wave: &app::domain::WaveId,
    clients: usize,
) -> f64 {
    let sealed = one_sealed(store).await;
    let left = Arc::new(AtomicUsize::new(FORMS));
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let (store, wave, sealed, left) =
            (store.clone(), wave.clone(), sealed.clone(), left.clone());
        tasks.push(tokio::spawn(async move {
            while left
                .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1))
                .is_ok()
            {
                app::services::commit::write_sealed(
                    &store,
                    &app::services::Actor::Cli,
                    &wave,
                    sealed.clone(),
                )
                .await
                .unwrap();
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    FORMS as f64 / start.elapsed().as_secs_f64()
}

/// Peak resident memory of this process since the last reset, in MiB (Linux `VmHWM`).
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kib: f64 = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kib / 1024.0)
}

/// CPU seconds this process has used so far (user + system, Linux `/proc/self/stat`).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces) start after the last ')'.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    (ticks(11) + ticks(12)) / 100.0
}

/// Resets the peak resident memory (`/proc/self/clear_refs`, value 5).
fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// Durable submissions/s of prepared forms (POST /v of a complete, valid form) at `clients`
/// concurrent clients, and the ceiling's requests/s in the same run with the same bodies.
async fn submissions(
    store: &app::services::Store,
    base: &str,
    link: &str,
    wave: &app::domain::WaveId,
    ceiling_url: &mut Option<String>,
    clients: usize,
) -> serde_json::Value {
    let prepared = prepare(base, link, FORMS).await;
    let bodies = prepared.clone();
    reset_peak_rss();
    let (cpu, wall) = (cpu_seconds(), Instant::now());
    let (rate, p50, p99) = load(&format!("{base}/v"), prepared, clients, 303).await;
    let cores = (cpu_seconds() - cpu) / wall.elapsed().as_secs_f64();
    let rss = peak_rss_mib();
    if ceiling_url.is_none() {
        // A real sealed response of this wave, written again and again by the ceiling.
        let sealed = one_sealed(store).await;
        *ceiling_url = Some(ceiling(store.clone(), wave.clone(), sealed).await);
    }
    let url = ceiling_url.as_deref().unwrap();
    // Every sealed response of a poll has the same length.
    let sealed_len = one_sealed(store).await.len();
    let (cpu, wall) = (cpu_seconds(), Instant::now());
    let (ceiling_rate, ceiling_p50, ceiling_p99) = load(url, bodies, clients, 204).await;
    let ceiling_cores = (cpu_seconds() - cpu) / wall.elapsed().as_secs_f64();
    let direct = group_commit_alone(store, wave, clients).await;
    serde_json::json!({
        "clients": clients,
        "forms": FORMS,
        "submissions_per_second": rate,
        "p50_ms": p50,
        "p99_ms": p99,
        "peak_rss_mib": rss,
        "cpu_cores_busy": cores,
        "ceiling_cpu_cores_busy": ceiling_cores,
        "ceiling_per_second": ceiling_rate,
        "ceiling_p50_ms": ceiling_p50,
        "ceiling_p99_ms": ceiling_p99,
        "ratio_to_ceiling": rate / ceiling_rate,
        "group_commit_alone_per_second": direct,
        "sealed_bytes": sealed_len,
    })
}

/// Complete respondent sessions/s over HTTP (link, form, submit), then durable
/// submissions/s of prepared forms at 64 and 256 clients on the same server.
async fn sessions_per_second(url: &str) -> (f64, Vec<serde_json::Value>) {
    let app = server::Application::build(server::ServeConfig::new(
        url,
        "127.0.0.1:0".parse().unwrap(),
    ))
    .await
    .unwrap();
    let base = format!("http://{}", app.local_addr());
    let store = app.store.clone();
    let demo = server::demo::generate(
        &store,
        &server::demo::DemoOptions {
            employees: 400,
            waves: 1,
            seed: 1,
            progress: false,
            locale: app::i18n::Locale::Nl,
        },
    )
    .await
    .unwrap();
    let (wave, _) = demo
        .open_waves
        .iter()
        .find(|(_, l)| l.contains("koopkracht"))
        .unwrap()
        .clone();
    let link = app::services::invitations::open_link(
        &store,
        &app::services::Actor::Cli,
        &wave,
        None,
        "bench",
    )
    .await
    .unwrap();
    tokio::spawn(app.run_until(std::future::pending()));
    let done = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let deadline = start + Duration::from_secs(SECONDS);
    let mut tasks = Vec::new();
    for _ in 0..CLIENTS {
        let (done, base, link) = (done.clone(), base.clone(), link.as_str().to_string());
        tasks.push(tokio::spawn(async move {
            while Instant::now() < deadline {
                let client = reqwest::Client::builder()
                    .cookie_store(true)
                    .redirect(reqwest::redirect::Policy::none())
                    .build()
                    .unwrap();
                let fields = fields_for(&client, &base, &link).await;
                let res = client
                    .post(format!("{base}/v"))
                    .form(&fields)
                    .send()
                    .await
                    .unwrap();
                assert_eq!(res.status(), 303);
                done.fetch_add(1, Ordering::Relaxed);
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let sessions = done.load(Ordering::Relaxed) as f64 / start.elapsed().as_secs_f64();
    let mut results = Vec::new();
    let mut ceiling_url = None;
    for clients in [64, 256] {
        results.push(
            submissions(
                &store,
                &base,
                link.as_str(),
                &wave,
                &mut ceiling_url,
                clients,
            )
            .await,
        );
    }
    (sessions, results)
}

/// Forms submitted per concurrency level in the submissions benchmark.
const FORMS: usize = 6000;

/// Bare durable commits: one row per transaction, same pool settings, same concurrency.
async fn commits_per_second(url: &str) -> f64 {
    let store = app::services::Store::open(url, app::services::sealing::SealingKey::random())
        .await
        .unwrap();
    let w = store.write().await.unwrap();
    w.execute_unprepared(
        "CREATE TABLE bench_baseline (id TEXT PRIMARY KEY, payload TEXT NOT NULL)",
    )
    .await
    .unwrap();
    w.commit().await.unwrap();
    let done = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let deadline = start + Duration::from_secs(SECONDS);
    let mut tasks = Vec::new();
    for _ in 0..CLIENTS {
        let (done, store) = (done.clone(), store.clone());
        tasks.push(tokio::spawn(async move {
            let backend = store.backend();
            let sql = match backend {
                sea_orm::DbBackend::Postgres => "INSERT INTO bench_baseline VALUES ($1, $2)",
                _ => "INSERT INTO bench_baseline VALUES (?, ?)",
            };
            while Instant::now() < deadline {
                // One transaction per row, under the writer rule: what a submission costs
                // without the product's own work.
                let w = store.write().await.unwrap();
                w.execute_raw(Statement::from_sql_and_values(
                    backend,
                    sql,
                    [
                        uuid::Uuid::new_v4().to_string().into(),
                        "{\"KK01\":3,\"KK02\":4}".into(),
                    ],
                ))
                .await
                .unwrap();
                w.commit().await.unwrap();
                done.fetch_add(1, Ordering::Relaxed);
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    done.load(Ordering::Relaxed) as f64 / start.elapsed().as_secs_f64()
}

async fn fresh_pg() -> Option<String> {
    let admin = std::env::var("POLSSLAG_TEST_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let conn = Database::connect(admin.as_str()).await.ok()?;
    let name = format!("polsslag_test_bench_{}", uuid::Uuid::new_v4().simple());
    conn.execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .ok()?;
    Some(format!("{}/{name}", admin.rsplit_once('/').unwrap().0))
}

#[tokio::main]
async fn main() {
    let _ = any_spawner::Executor::init_tokio();
    let mut results = serde_json::Map::new();
    let dir = std::env::temp_dir().join(format!("polsslag-bench-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let sqlite = |name: &str| format!("sqlite://{}/{name}.db?mode=rwc", dir.display());
    let mut backends = vec![("sqlite", sqlite("ingest"), sqlite("baseline"))];
    // POLSSLAG_BENCH_SQLITE_ONLY=1 measures SQLite alone (while iterating on the path).
    if std::env::var_os("POLSSLAG_BENCH_SQLITE_ONLY").is_some() {
        eprintln!("*** POLSSLAG_BENCH_SQLITE_ONLY: PostgreSQL not measured ***");
    } else {
        match (fresh_pg().await, fresh_pg().await) {
            (Some(a), Some(b)) => backends.push(("postgres", a, b)),
            _ => eprintln!("*** SKIPPED: PostgreSQL not reachable; only SQLite measured ***"),
        }
    }
    for (name, url, baseline_url) in backends {
        let (sessions, submissions) = sessions_per_second(&url).await;
        let commits = commits_per_second(&baseline_url).await;
        println!(
            "{name:>8}: {sessions:8.1} respondent sessions/s over HTTP (link + form + submit, durable) \
             vs {commits:8.1} bare durable commits/s: ratio {:.2}",
            sessions / commits
        );
        for s in &submissions {
            println!("{name:>8}: prepared forms submitted: {s}");
        }
        results.insert(
            name.into(),
            serde_json::json!({
                "sessions_per_second": sessions,
                "baseline_commits_per_second": commits,
                "ratio": sessions / commits,
                "clients": CLIENTS,
                "seconds": SECONDS,
                "submissions": submissions,
            }),
        );
    }
    std::fs::remove_dir_all(&dir).ok();
    let out = serde_json::json!({
        "benchmark": "ingest",
        "machine": machine::describe(),
        "profile": if cfg!(debug_assertions) { "debug" } else { "release" },
        "results": results,
    });
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../bench/results/ingest.json");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, serde_json::to_string_pretty(&out).unwrap()).unwrap();
    println!("written to {}", path.display());
}
