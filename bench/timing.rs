//! Timings as the benches report them (`bench/results/*.json`). Included by path from the
//! benches that time repeated runs (`#[path = …] mod timing;`).

use std::time::Duration;

/// Runs, median, p95 and maximum of a set of timings, in milliseconds.
pub fn summary(mut times: Vec<Duration>) -> serde_json::Value {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    serde_json::json!({
        "runs": times.len(),
        "median_ms": ms(times[times.len() / 2]),
        "p95_ms": ms(times[(times.len() * 95 / 100).min(times.len() - 1)]),
        "max_ms": ms(*times.last().unwrap()),
    })
}
