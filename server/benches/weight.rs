//! Page-weight benchmark (issue #14): what a respondent's phone downloads on the way from the
//! personal link to a sent poll — the poll page's HTML, the stylesheet, the hydration script
//! and its WASM — raw and as the server sends it (gzip), plus brotli for comparison; and, when
//! `wasm-opt` (binaryen ≥ 116, `cargo install wasm-opt --locked`; never Debian's 108, whose
//! output does not hydrate) is on PATH, the WASM after `wasm-opt -Oz`, so whether it pays is a
//! figure of the same run.
//!
//! Needs the release WASM bundle: `bash scripts/build-wasm.sh release` (into
//! `target/release/pkg`, or `POLSSLAG_PKG_DIR`). Then `cargo bench -p server --bench weight`.
//! Writes bench/results/weight.json.

#[path = "../../bench/machine.rs"]
mod machine;

use app::i18n::Locale;
use app::services::{sealing::SealingKey, Store};
use std::io::Write;

/// gzip at the level tower-http's compression layer uses by default, and at the best.
fn gzip(bytes: &[u8], level: u32) -> usize {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(level));
    e.write_all(bytes).unwrap();
    e.finish().unwrap().len()
}

fn brotli(bytes: &[u8]) -> usize {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).unwrap();
    out.len()
}

#[tokio::main]
async fn main() {
    let _ = any_spawner::Executor::init_tokio();
    let pkg = std::env::var_os("POLSSLAG_PKG_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/release/pkg")
        });
    if !pkg.join("frontend_bg.wasm").exists() {
        eprintln!(
            "no WASM bundle in {}: run `bash scripts/build-wasm.sh release` first",
            pkg.display()
        );
        std::process::exit(2);
    }
    let dir = std::env::temp_dir().join(format!("polsslag-bench-weight-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}/weight.db?mode=rwc", dir.display());
    // The key the server will load (the default file), so that it opens this database.
    let store = Store::open(&url, SealingKey::load_or_create(None).unwrap())
        .await
        .unwrap();
    let demo = server::demo::generate(
        &store,
        &server::demo::DemoOptions {
            employees: 400,
            waves: 1,
            seed: 3,
            progress: false,
            locale: Locale::Nl,
        },
    )
    .await
    .unwrap();
    store.close().await.unwrap();
    let mut config = server::ServeConfig::new(url, "127.0.0.1:0".parse().unwrap());
    config.pkg_dir = Some(pkg.clone());
    let app = server::Application::build(config).await.unwrap();
    let base = format!("http://{}", app.local_addr());
    tokio::spawn(app.run());

    // One client that sends no Accept-Encoding (raw), one that asks for gzip as phones do.
    // (reqwest is built without its decompression: a body is counted as it arrives.)
    let raw = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let (_, _, token) = &demo.personal_links[0];
    raw.get(format!("{base}/p/{}", token.as_str()))
        .send()
        .await
        .unwrap();
    let mut rows = Vec::new();
    let mut totals = (0usize, 0usize, 0usize);
    for (what, path) in [
        ("poll page (HTML)", "/v"),
        ("stylesheet (CSS)", "/assets/polsslag.css"),
        ("hydration script (JS)", "/pkg/frontend.js"),
        ("WASM", "/pkg/frontend_bg.wasm"),
    ] {
        let body = raw
            .get(format!("{base}{path}"))
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        // What goes over the wire with Accept-Encoding: gzip (the response's own length).
        let served = raw
            .get(format!("{base}{path}"))
            .header("accept-encoding", "gzip")
            .send()
            .await
            .unwrap();
        let encoding = served
            .headers()
            .get("content-encoding")
            .map(|v| v.to_str().unwrap_or("").to_string())
            .unwrap_or_default();
        let served = served.bytes().await.unwrap().len();
        let br = brotli(&body);
        totals.0 += body.len();
        totals.1 += served;
        totals.2 += br;
        rows.push(serde_json::json!({
            "what": what, "path": path, "raw_bytes": body.len(),
            "served_bytes": served, "served_encoding": encoding,
            "gzip9_bytes": gzip(&body, 9), "brotli11_bytes": br,
        }));
    }

    // wasm-opt, if a usable one is installed.
    let wasm = std::fs::read(pkg.join("frontend_bg.wasm")).unwrap();
    let version = std::process::Command::new("wasm-opt")
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    let number = version
        .as_deref()
        .and_then(|v| v.split_whitespace().find_map(|w| w.parse::<u32>().ok()));
    let wasm_opt = match (version.as_deref(), number) {
        (Some(v), Some(n)) if n >= 116 => {
            let out = dir.join("opt.wasm");
            let status = std::process::Command::new("wasm-opt")
                .args([
                    "-Oz",
                    "--enable-bulk-memory",
                    "--enable-nontrapping-float-to-int",
                ])
                .arg(pkg.join("frontend_bg.wasm"))
                .arg("-o")
                .arg(&out)
                .status()
                .unwrap();
            if status.success() {
                let opt = std::fs::read(&out).unwrap();
                serde_json::json!({
                    "version": v,
                    "raw_bytes": opt.len(), "gzip_bytes": gzip(&opt, 6),
                    "brotli11_bytes": brotli(&opt),
                    "raw_ratio": opt.len() as f64 / wasm.len() as f64,
                    "gzip_ratio": gzip(&opt, 6) as f64 / gzip(&wasm, 6) as f64,
                })
            } else {
                serde_json::json!({ "version": v, "error": "wasm-opt failed" })
            }
        }
        (Some(v), _) => {
            serde_json::json!({ "version": v, "skipped": "older than 116 (Debian's binaryen breaks hydration)" })
        }
        (None, _) => {
            serde_json::json!({ "skipped": "wasm-opt not on PATH (cargo install wasm-opt --locked)" })
        }
    };
    let out = serde_json::json!({
        "benchmark": "weight",
        "machine": machine::describe(),
        "results": {
            "respondent_path": rows,
            "total_raw_bytes": totals.0,
            "total_served_bytes": totals.1,
            "total_brotli11_bytes": totals.2,
            "wasm_opt": wasm_opt,
        },
    });
    println!("{}", serde_json::to_string_pretty(&out["results"]).unwrap());
    std::fs::remove_dir_all(&dir).ok();
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../bench/results/weight.json");
    std::fs::write(&path, serde_json::to_string_pretty(&out).unwrap()).unwrap();
    println!("written to {}", path.display());
}
