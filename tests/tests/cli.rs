//! The command line speaks one language at a time: Dutch by default, English with `--lang en`
//! or `POLSSLAG_LANG=en`, and a refusal is one clear line with a failing exit status.

use std::process::Command;
use tests::binary;

fn run(args: &[&str], env_lang: Option<&str>) -> (bool, String, String) {
    let dir = std::env::temp_dir().join(format!("polsslag-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = format!("sqlite://{}/cli.db?mode=rwc", dir.display());
    let mut cmd = Command::new(binary());
    cmd.args(args)
        .args(["--database-url", &db])
        .env_remove("POLSSLAG_LANG");
    if let Some(l) = env_lang {
        cmd.env("POLSSLAG_LANG", l);
    }
    let out = cmd.output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_refusal_is_one_line_in_the_chosen_language() {
    let (ok, _, err) = run(&["close-wave", "not-a-wave"], None);
    assert!(!ok);
    assert!(err.contains("Fout: Deze golf bestaat niet"), "{err}");
    assert!(!err.contains("This wave"), "one language at a time: {err}");

    let (ok, _, err) = run(&["--lang", "en", "close-wave", "not-a-wave"], None);
    assert!(!ok);
    assert!(err.contains("Error: This wave does not exist"), "{err}");
    assert!(!err.contains("Deze golf"), "{err}");

    let (ok, _, err) = run(
        &["close-wave", "00000000-0000-4000-8000-000000000000"],
        Some("en"),
    );
    assert!(!ok);
    assert!(
        err.contains("There is no wave with number 00000000-0000-4000-8000-000000000000"),
        "{err}"
    );
}

/// Issue #8, item 6: the links `polsslag demo` prints point where `polsslag serve` listens.
#[test]
fn demo_links_point_where_the_server_listens() {
    let port = tests::free_port();
    let dir = std::env::temp_dir().join(format!("polsslag-cli-demo-{}-{port}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = format!("sqlite://{}/demo.db?mode=rwc", dir.display());
    let out = Command::new(binary())
        .args(["demo", "--employees", "400", "--waves", "1"])
        .args(["--database-url", &db, "--bind", &format!("0.0.0.0:{port}")])
        .env_remove("POLSSLAG_BIND")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let links: Vec<&str> = stdout
        .split_whitespace()
        .filter(|w| w.contains("/p/"))
        .collect();
    assert!(links.len() >= 3, "{stdout}");
    for l in &links {
        assert!(
            l.starts_with(&format!("http://127.0.0.1:{port}/p/")),
            "{l} does not point at the server"
        );
    }
    // And the server started with the same --bind answers them.
    let mut server = tests::Killed(
        Command::new(binary())
            .args(["serve", "--bind", &format!("0.0.0.0:{port}")])
            .args(["--database-url", &db])
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap(),
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(std::time::Instant::now() < deadline, "server did not start");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let status = std::process::Command::new("curl")
        .args(["-s", "-o", "/dev/null", "-w", "%{http_code}", links[0]])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned());
    if let Ok(code) = status {
        assert_eq!(code, "303", "the printed link works");
    }
    server.kill_now();
    std::fs::remove_dir_all(&dir).ok();
}
