//! The analysis contract: results.json reproduces the worked bundles (methodology.md TV1, TV2)
//! to 1e-9, agrees with the plain-Python oracle on random bundles, and malformed bundles fail
//! with a message naming the file, line and column.

use analysis::{analyse_bundle, AnalyseOptions};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!(
        "polsslag-analysis-{name}-{}-{}",
        std::process::id(),
        rand_suffix()
    ));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn rand_suffix() -> u64 {
    use std::time::{SystemTime, UNIX_EPOCH};
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
}

fn run(bundle: &Path, k: u32) -> Value {
    let out = temp("out");
    analyse_bundle(bundle, &out, &AnalyseOptions { min_group: k }).unwrap();
    let v =
        serde_json::from_str(&std::fs::read_to_string(out.join("results.json")).unwrap()).unwrap();
    std::fs::remove_dir_all(&out).ok();
    contract_part(v)
}

/// The DESIGN.md contract is `estimates` and `changes`; Polsslag adds `breakdowns`, `trends`,
/// `enps` and `distributions` beside them (documented in analysis/README.md). The oracle knows
/// only the contract, so that is what is compared.
fn contract_part(v: Value) -> Value {
    let obj = v.as_object().expect("results.json is an object");
    let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "breakdowns",
            "changes",
            "distributions",
            "enps",
            "estimates",
            "trends"
        ]
    );
    serde_json::json!({ "estimates": obj["estimates"], "changes": obj["changes"] })
}

/// Compares two results.json values: same keys, same strings/booleans/nulls, numbers to 1e-9.
fn assert_same(got: &Value, want: &Value, path: &str) {
    match (got, want) {
        (Value::Number(a), Value::Number(b)) => {
            let (a, b) = (a.as_f64().unwrap(), b.as_f64().unwrap());
            assert!(
                (a - b).abs() <= 1e-9 * b.abs().max(1.0),
                "{path}: {a} != {b}"
            );
        }
        (Value::Array(a), Value::Array(b)) => {
            assert_eq!(a.len(), b.len(), "{path}: length");
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                assert_same(x, y, &format!("{path}[{i}]"));
            }
        }
        (Value::Object(a), Value::Object(b)) => {
            let ka: Vec<_> = a.keys().collect();
            let kb: Vec<_> = b.keys().collect();
            assert_eq!(ka.len(), kb.len(), "{path}: keys {ka:?} vs {kb:?}");
            for (k, y) in b {
                assert_same(
                    a.get(k).unwrap_or_else(|| panic!("{path}.{k} missing")),
                    y,
                    &format!("{path}.{k}"),
                );
            }
        }
        (a, b) => assert_eq!(a, b, "{path}"),
    }
}

#[test]
fn tv1_is_reproduced_to_1e_9() {
    let dir = fixtures().join("tv1");
    let want: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("expected-results-k5.json")).unwrap(),
    )
    .unwrap();
    assert_same(&run(&dir, 5), &want, "tv1");
}

#[test]
fn tv2_is_reproduced_to_1e_9() {
    let dir = fixtures().join("tv2");
    let want: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("expected-results-k5.json")).unwrap(),
    )
    .unwrap();
    assert_same(&run(&dir, 5), &want, "tv2");
}

/// A random bundle: `waves` waves, units of random size (some below k), two themes (one with a
/// reversed item and a 0–10 item), random item non-response, with or without population.
fn random_bundle(seed: u64, with_population: bool) -> PathBuf {
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = move |n: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % n
    };
    let dir = temp("bundle");
    std::fs::write(
        dir.join("items.csv"),
        "item,theme,text_nl,scale_min,scale_max,reversed\n\
         a1,alpha,A een,1,5,false\na2,alpha,A twee,1,5,true\na3,alpha,A drie,1,5,false\n\
         b1,beta,B een,1,5,false\nb2,beta,B twee,0,10,false\n",
    )
    .unwrap();
    let units = ["N", "O", "Z", "W"];
    let waves = ["2025-H1", "2025-H2", "2026-H1"];
    let mut rows = String::from("response_id,wave,unit,stratum,age_band,a1,a2,a3,b1,b2\n");
    let mut pop = String::from("wave,stratum,population\n");
    let mut id = 0;
    for w in waves {
        for u in units {
            let n = 1 + next(40);
            pop.push_str(&format!("{w},{u},{}\n", n * (5 + next(20))));
            for _ in 0..n {
                id += 1;
                let mut cell = |hi: u64, lo: u64| {
                    if next(8) == 0 {
                        String::new()
                    } else {
                        (lo + next(hi - lo + 1)).to_string()
                    }
                };
                let vals = [cell(5, 1), cell(5, 1), cell(5, 1), cell(5, 1), cell(10, 0)];
                rows.push_str(&format!("r{id},{w},{u},{u},x,{}\n", vals.join(",")));
            }
        }
    }
    std::fs::write(dir.join("responses.csv"), rows).unwrap();
    if with_population {
        std::fs::write(dir.join("population.csv"), pop).unwrap();
    }
    dir
}

#[test]
fn random_bundles_agree_with_the_python_oracle() {
    let python = std::process::Command::new("python3")
        .arg("--version")
        .output();
    if python.is_err() {
        if std::env::var("POLSSLAG_REQUIRE_ALL").as_deref() == Ok("1") {
            panic!("python3 is required for the oracle test (POLSSLAG_REQUIRE_ALL=1)");
        }
        eprintln!("\n*** SKIPPED: python3 not found; oracle property test did not run ***\n");
        return;
    }
    for seed in 1..=12u64 {
        for k in [5u32, 10] {
            let bundle = random_bundle(seed, seed % 3 != 0);
            let out = temp("oracle");
            let status = std::process::Command::new("python3")
                .arg(fixtures().join("analyse_ref.py"))
                .arg(&bundle)
                .arg(&out)
                .args(["--min-group", &k.to_string()])
                .status()
                .unwrap();
            assert!(status.success());
            let want: Value =
                serde_json::from_str(&std::fs::read_to_string(out.join("results.json")).unwrap())
                    .unwrap();
            assert_same(&run(&bundle, k), &want, &format!("seed {seed}, k {k}"));
            std::fs::remove_dir_all(&out).ok();
            std::fs::remove_dir_all(&bundle).ok();
        }
    }
}

fn error_of(edit: impl Fn(&Path)) -> String {
    let dir = temp("bad");
    for f in ["items.csv", "responses.csv", "population.csv"] {
        std::fs::copy(fixtures().join("tv1").join(f), dir.join(f)).unwrap();
    }
    edit(&dir);
    let out = temp("badout");
    let err = analyse_bundle(&dir, &out, &AnalyseOptions { min_group: 5 })
        .unwrap_err()
        .to_string();
    assert!(
        !out.join("results.json").exists(),
        "nothing is written for a bad bundle"
    );
    std::fs::remove_dir_all(&dir).ok();
    err
}

fn replace_in(dir: &Path, file: &str, from: &str, to: &str) {
    let p = dir.join(file);
    let s = std::fs::read_to_string(&p).unwrap();
    assert!(s.contains(from));
    std::fs::write(&p, s.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_missing_column_is_named() {
    let e = error_of(|d| replace_in(d, "responses.csv", "stratum,", "laag,"));
    assert!(
        e.contains("responses.csv") && e.contains("`stratum`"),
        "{e}"
    );
}

#[test]
fn an_item_without_a_column_is_named() {
    let e = error_of(|d| replace_in(d, "items.csv", "q4,", "q9,"));
    assert!(e.contains("responses.csv") && e.contains("`q9`"), "{e}");
}

#[test]
fn an_answer_out_of_scale_names_file_line_and_column() {
    // A2 is on line 3: "A2,2025-H1,A,A,35-54,3,4,3,3".
    let e = error_of(|d| {
        replace_in(
            d,
            "responses.csv",
            "A2,2025-H1,A,A,35-54,3,4,3,3",
            "A2,2025-H1,A,A,35-54,3,7,3,3",
        )
    });
    assert!(e.contains("responses.csv, regel 3, kolom `q2`"), "{e}");
}

#[test]
fn a_stratum_without_population_is_named() {
    let e = error_of(|d| replace_in(d, "population.csv", "2025-H1,C,500", "2025-H1,X,500"));
    assert!(
        e.contains("responses.csv") && e.contains("`stratum`") && e.contains("population"),
        "{e}"
    );
}

#[test]
fn an_empty_bundle_is_refused() {
    let e = error_of(|d| {
        let header = std::fs::read_to_string(d.join("responses.csv"))
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .to_string();
        std::fs::write(d.join("responses.csv"), header + "\n").unwrap();
    });
    assert!(
        e.contains("responses.csv") && e.contains("geen antwoorden"),
        "{e}"
    );
}

#[test]
fn a_threshold_below_five_is_refused() {
    let out = temp("k");
    let err = analyse_bundle(
        &fixtures().join("tv1"),
        &out,
        &AnalyseOptions { min_group: 4 },
    )
    .unwrap_err();
    assert!(err.to_string().contains("nooit onder 5"));
}

#[test]
fn at_k_10_every_unit_of_tv1_is_hidden_but_the_total_is_shown() {
    let v = run(&fixtures().join("tv1"), 10);
    for e in v["estimates"].as_array().unwrap() {
        if e["group"] == "all" {
            // 16 respondents, and the hidden units together hold 16 >= 10: nothing derivable.
            assert_eq!(e["suppressed"], false, "{e}");
        } else {
            assert_eq!(e["suppressed"], true, "units of 5 and 6 are below 10: {e}");
            assert!(e["index"].is_null() && e["se"].is_null() && !e["n"].is_null());
        }
    }
}
