//! Analysis benchmark (issue #3): a synthetic organisation of 65,000 employees, 40 items in 8
//! themes, 20 semi-annual waves at a 40% response rate (≈ 520,000 responses, ≈ 21 million
//! answers), written as a Parquet bundle. It times `analyse_bundle` (read + compute + write
//! results.json) in a child process, so the peak memory is the analysis's own, against a
//! straightforward vectorised pandas/numpy implementation of the same figures
//! (`bench/baseline_pandas.py`) on the same bundle in the same run, checks that both agree, and
//! writes `bench/results/analysis.json`.
//!
//! Run: `cargo bench -p analysis --bench analysis` (needs `bench/.venv` with the packages of
//! `bench/requirements.txt`; `scripts/setup.sh --bench` makes it).

#[path = "../../bench/machine.rs"]
mod machine;

use analysis::{analyse_bundle, AnalyseOptions};
use polars::prelude::*;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const EMPLOYEES: usize = 65_000;
const ITEMS: usize = 40;
const THEMES: usize = 8;
const WAVES: usize = 20;
const RESPONSE_RATE: f64 = 0.4;
const RUNS: usize = 5;
const K: u32 = 10;

fn normal(rng: &mut StdRng) -> f64 {
    // Box–Muller.
    let u1: f64 = rng.random::<f64>().max(1e-12);
    let u2: f64 = rng.random();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

struct Employee {
    unit: usize,
    district: usize,
    team: usize,
    age: usize,
    disposition: f64,
}

const UNITS: [(&str, usize); 15] = [
    ("Noord-Nederland", 5200),
    ("Oost-Nederland", 5600),
    ("Midden-Nederland", 5000),
    ("Noord-Holland", 4800),
    ("Amsterdam", 6100),
    ("Den Haag", 4700),
    ("Rotterdam", 6000),
    ("Zeeland-West-Brabant", 4000),
    ("Oost-Brabant", 4100),
    ("Limburg", 3900),
    ("Landelijke Eenheid", 5400),
    ("Politiedienstencentrum", 4200),
    ("Staf Korpsleiding", 1000),
    ("Politieacademie", 2500),
    ("Landelijke Meldkamer", 2500),
];
const AGES: [&str; 5] = ["<25", "25-34", "35-44", "45-54", "55+"];

fn organisation(rng: &mut StdRng) -> Vec<Employee> {
    assert_eq!(UNITS.iter().map(|u| u.1).sum::<usize>(), EMPLOYEES);
    let mut out = Vec::with_capacity(EMPLOYEES);
    for (u, &(_, size)) in UNITS.iter().enumerate() {
        let districts = 3 + size / 1500;
        for i in 0..size {
            let district = i * districts / size;
            out.push(Employee {
                unit: u,
                district,
                team: rng.random_range(0..12),
                age: rng.random_range(0..AGES.len()),
                disposition: 0.6 * normal(rng),
            });
        }
    }
    out
}

/// Writes the bundle; `full` adds district, team and age band (the figure set beyond the
/// DESIGN.md contract, which the pandas baseline does not compute).
fn write_bundle(dir: &Path, full: bool) -> usize {
    let mut rng = StdRng::seed_from_u64(20261123);
    let people = organisation(&mut rng);
    let unit_effect: Vec<f64> = (0..UNITS.len()).map(|_| 0.25 * normal(&mut rng)).collect();
    let theme_effect: Vec<f64> = (0..THEMES).map(|_| 0.3 * normal(&mut rng)).collect();
    let reversed: Vec<bool> = (0..ITEMS).map(|j| j % 5 == 4).collect();
    std::fs::create_dir_all(dir).unwrap();
    let mut items = String::from("item,theme,text_nl,scale_min,scale_max,reversed\n");
    for (j, rev) in reversed.iter().enumerate() {
        items.push_str(&format!(
            "q{j:02},thema{},Stelling {j},1,5,{rev}\n",
            j / (ITEMS / THEMES),
        ));
    }
    std::fs::write(dir.join("items.csv"), items).unwrap();

    let (mut id, mut wave, mut unit, mut district, mut team, mut age) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    let mut answers: Vec<Vec<Option<i32>>> = vec![Vec::new(); ITEMS];
    let mut respondents: BTreeMap<(String, usize), usize> = BTreeMap::new();
    for w in 0..WAVES {
        let label = format!("{}-H{}", 2017 + w / 2, w % 2 + 1);
        let drift = 0.02 * w as f64;
        for p in &people {
            if rng.random::<f64>() >= RESPONSE_RATE {
                continue;
            }
            *respondents.entry((label.clone(), p.unit)).or_default() += 1;
            id.push(format!("r{}", id.len()));
            wave.push(label.clone());
            unit.push(UNITS[p.unit].0.to_string());
            district.push(format!("{}-D{}", p.unit, p.district));
            team.push(format!("{}-D{}-T{}", p.unit, p.district, p.team));
            age.push(AGES[p.age].to_string());
            for (j, col) in answers.iter_mut().enumerate() {
                if rng.random::<f64>() < 0.04 {
                    col.push(None);
                    continue;
                }
                let latent = 3.3
                    + p.disposition
                    + unit_effect[p.unit]
                    + theme_effect[j / (ITEMS / THEMES)]
                    + drift
                    + 0.8 * normal(&mut rng);
                let x = latent.round().clamp(1.0, 5.0) as i32;
                col.push(Some(if reversed[j] { 6 - x } else { x }));
            }
        }
    }
    let n = id.len();
    let mut columns = vec![
        Column::new("response_id".into(), id),
        Column::new("wave".into(), wave.clone()),
        Column::new("unit".into(), unit.clone()),
        Column::new("stratum".into(), unit),
    ];
    if full {
        columns.push(Column::new("district".into(), district));
        columns.push(Column::new("team".into(), team));
        columns.push(Column::new("age_band".into(), age));
    }
    for (j, a) in answers.into_iter().enumerate() {
        columns.push(Column::new(format!("q{j:02}").into(), a));
    }
    let mut df = DataFrame::new(n, columns).unwrap();
    let f = std::fs::File::create(dir.join("responses.parquet")).unwrap();
    ParquetWriter::new(f).finish(&mut df).unwrap();
    let mut pop = String::from("wave,stratum,population\n");
    for w in 0..WAVES {
        let label = format!("{}-H{}", 2017 + w / 2, w % 2 + 1);
        for (u, &(name, size)) in UNITS.iter().enumerate() {
            if respondents.contains_key(&(label.clone(), u)) {
                pop.push_str(&format!("{label},{name},{size}\n"));
            }
        }
    }
    std::fs::write(dir.join("population.csv"), pop).unwrap();
    n
}

fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| {
                l.split_whitespace()
                    .nth(1)
                    .and_then(|v| v.parse::<f64>().ok())
            })
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// Child mode: one analysis, then its time and this process's peak memory on stdout.
fn child(bundle: &str, out: &str) {
    let t = Instant::now();
    let s = analyse_bundle(
        Path::new(bundle),
        Path::new(out),
        &AnalyseOptions {
            min_group: K,
            charts: std::env::var("POLSSLAG_BENCH_CHARTS").as_deref() == Ok("1"),
            ..Default::default()
        },
    )
    .expect("analysis");
    let seconds = t.elapsed().as_secs_f64();
    println!(
        "{}",
        json!({"seconds_total": seconds, "peak_rss_mib": peak_rss_mib(), "estimates": s.estimates, "suppressed": s.suppressed})
    );
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn run_json(cmd: &mut Command) -> (Value, f64) {
    let t = Instant::now();
    let out = cmd.output().expect("run");
    let wall = t.elapsed().as_secs_f64();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line = String::from_utf8_lossy(&out.stdout)
        .lines()
        .last()
        .unwrap_or("")
        .to_string();
    (serde_json::from_str(&line).expect("json line"), wall)
}

/// Five runs in fresh processes; `charts` adds the SVG/PNG charts to the timed work.
fn rust_runs(bundle: &Path, out: &Path, charts: bool) -> Value {
    let me = std::env::current_exe().unwrap();
    let (mut secs, mut walls, mut peaks) = (vec![], vec![], vec![]);
    for _ in 0..RUNS {
        let (v, wall) = run_json(
            Command::new(&me)
                .env("POLSSLAG_BENCH_CHILD", "1")
                .env("POLSSLAG_BENCH_CHARTS", if charts { "1" } else { "0" })
                .arg(bundle)
                .arg(out),
        );
        secs.push(v["seconds_total"].as_f64().unwrap());
        peaks.push(v["peak_rss_mib"].as_f64().unwrap());
        walls.push(wall);
    }
    json!({"seconds_median": median(secs.clone()), "seconds_runs": secs, "process_wall_median": median(walls), "peak_rss_mib_max": peaks.iter().cloned().fold(0.0, f64::max)})
}

/// Largest absolute difference between the two results' estimates and changes, and the number
/// of cells whose suppression differs.
fn agreement(a: &Path, b: &Path) -> Value {
    let read = |p: &Path| -> Value {
        serde_json::from_str(&std::fs::read_to_string(p.join("results.json")).unwrap()).unwrap()
    };
    let (a, b) = (read(a), read(b));
    let key = |e: &Value| {
        format!(
            "{}|{}|{}|{}",
            e["wave"], e["theme"], e["group"], e["to_wave"]
        )
    };
    let mut max = 0.0f64;
    let mut flags = 0;
    let mut matched = 0;
    for table in ["estimates", "changes"] {
        let index: BTreeMap<String, &Value> = b[table]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (key(e), e))
            .collect();
        for e in a[table].as_array().unwrap() {
            let Some(o) = index.get(&key(e)) else {
                flags += 1;
                continue;
            };
            matched += 1;
            for (k, v) in e.as_object().unwrap() {
                match (v.as_f64(), o[k].as_f64()) {
                    (Some(x), Some(y)) => max = max.max((x - y).abs() / y.abs().max(1.0)),
                    _ => {
                        if v != &o[k] {
                            flags += 1
                        }
                    }
                }
            }
        }
    }
    json!({"compared": matched, "max_rel_diff": max, "mismatched_flags_or_rows": flags})
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if std::env::var("POLSSLAG_BENCH_CHILD").is_ok() {
        child(&args[1], &args[2]);
        return;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let work = root.join("target/bench-analysis");
    let contract = work.join("bundle");
    let full = work.join("bundle-full");
    let t = Instant::now();
    let rows = write_bundle(&contract, false);
    write_bundle(&full, true);
    println!(
        "generated 2 bundles of {rows} responses × {ITEMS} items ({WAVES} waves) in {:.1} s",
        t.elapsed().as_secs_f64()
    );

    // The comparison: the same bundle and the results.json the baseline also writes (Polsslag
    // additionally computes trends, distributions and eNPS; charts are timed separately).
    let rust = rust_runs(&contract, &work.join("out-rust"), false);
    println!("polars (results.json): {rust}");
    let rust_charts = rust_runs(&contract, &work.join("out-rust-charts"), true);
    println!("polars (results.json + charts): {rust_charts}");
    let rust_full = rust_runs(&full, &work.join("out-rust-full"), true);
    println!("polars (districts, teams, age bands, crossing, charts): {rust_full}");

    let python = root.join("bench/.venv/bin/python");
    let baseline = if python.exists() {
        let (mut secs, mut walls, mut peaks) = (vec![], vec![], vec![]);
        for _ in 0..3 {
            let (v, wall) = run_json(
                Command::new(&python)
                    .arg(root.join("bench/baseline_pandas.py"))
                    .arg(&contract)
                    .arg(work.join("out-pandas"))
                    .args(["--min-group", &K.to_string()]),
            );
            secs.push(v["seconds_total"].as_f64().unwrap());
            peaks.push(v["peak_rss_mib"].as_f64().unwrap());
            walls.push(wall);
        }
        let b = json!({"seconds_median": median(secs.clone()), "seconds_runs": secs, "process_wall_median": median(walls), "peak_rss_mib_max": peaks.iter().cloned().fold(0.0, f64::max)});
        println!("pandas/numpy baseline: {b}");
        Some(b)
    } else {
        eprintln!(
            "\n*** bench/.venv missing: pandas baseline NOT run (scripts/setup.sh --bench) ***\n"
        );
        None
    };
    let mut report = json!({
        "benchmark": "analysis: full results.json for 65,000 employees × 40 items × 20 waves",
        "date": std::env::var("BENCH_DATE").unwrap_or_default(),
        "machine": machine::describe(),
        "workload": {"employees": EMPLOYEES, "items": ITEMS, "themes": THEMES, "waves": WAVES, "response_rate": RESPONSE_RATE, "responses": rows, "answers": rows * ITEMS, "min_group": K, "format": "Parquet (responses), CSV (items, population)"},
        "polars": rust,
        "polars_with_charts": rust_charts,
        "polars_full_breakdowns_with_charts": rust_full,
        "goals": {"seconds": 2.0, "peak_rss_mib": 2048.0, "speedup_vs_pandas": 10.0},
    });
    if let Some(b) = baseline {
        let ratio = b["seconds_median"].as_f64().unwrap()
            / report["polars"]["seconds_median"].as_f64().unwrap();
        let wall_ratio = b["process_wall_median"].as_f64().unwrap()
            / report["polars"]["process_wall_median"].as_f64().unwrap();
        let agree = agreement(&work.join("out-rust"), &work.join("out-pandas"));
        println!("speed-up {ratio:.1}× (process wall {wall_ratio:.1}×); agreement {agree}");
        report["pandas_baseline"] = b;
        report["speedup"] = json!(ratio);
        report["speedup_process_wall"] = json!(wall_ratio);
        report["agreement_with_baseline"] = agree;
    }
    let dir = root.join("bench/results");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("analysis.json"),
        serde_json::to_string_pretty(&report).unwrap() + "\n",
    )
    .unwrap();
    println!("wrote bench/results/analysis.json");
}
