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

/// Checks a login against the database the command line wrote (the same default key file).
fn logs_in(db: &str, email: &str, password: &str) -> Result<app::services::Actor, String> {
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let key = app::services::sealing::SealingKey::load_or_create(None).unwrap();
        let store = app::services::Store::open(db, key).await.unwrap();
        let r = app::services::accounts::authenticate(
            &store,
            email,
            password,
            time::OffsetDateTime::now_utc(),
        )
        .await
        .map_err(|e| format!("{e:?}"));
        store.close().await.unwrap();
        r
    })
}

/// Issue #10: `polsslag user add` makes an account (with a one-time password when none is
/// given) and refuses bad input in one clear line, changing nothing.
#[test]
fn user_add_creates_an_account_that_logs_in() {
    let dir = std::env::temp_dir().join(format!(
        "polsslag-cli-user-{}-{}",
        std::process::id(),
        tests::free_port()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let db = format!("sqlite://{}/users.db?mode=rwc", dir.display());
    let user_add = |args: &[&str], lang: &str| {
        let out = Command::new(binary())
            .args(["--lang", lang, "user", "add"])
            .args(args)
            .args(["--database-url", &db])
            .env_remove("POLSSLAG_PASSWORD")
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (ok, out, err) = user_add(&["--email", " Anna@Example.NL", "--role", "hrm"], "nl");
    assert!(ok, "{err}");
    assert!(
        out.contains("Account aangemaakt: anna@example.nl (HRM-analist)."),
        "{out}"
    );
    let password = out
        .lines()
        .find_map(|l| l.strip_prefix("Eenmalig wachtwoord (wordt niet nog eens getoond): "))
        .unwrap_or_else(|| panic!("{out}"))
        .trim()
        .to_string();
    assert_eq!(password.len(), 20);
    assert!(logs_in(&db, "anna@example.nl", &password).is_ok());
    assert!(logs_in(&db, "anna@example.nl", "iets-anders-lang").is_err());

    // The same address again, a manager without a scope, an unknown role: refused.
    let (ok, _, err) = user_add(&["--email", "anna@example.nl", "--role", "beheerder"], "en");
    assert!(!ok);
    assert!(
        err.contains("There is already an account for anna@example.nl"),
        "{err}"
    );
    let (ok, _, err) = user_add(
        &["--email", "dirk@example.nl", "--role", "leidinggevende"],
        "nl",
    );
    assert!(!ok);
    assert!(err.starts_with("Fout: "), "{err}");
    assert!(
        err.contains("Een leidinggevende hoort bij een organisatieonderdeel"),
        "{err}"
    );
    let (ok, _, err) = user_add(&["--email", "dirk@example.nl", "--role", "baas"], "nl");
    assert!(!ok);
    assert!(err.contains("baas"), "{err}");
    assert!(logs_in(&db, "dirk@example.nl", "whatever-it-is").is_err());
    std::fs::remove_dir_all(&dir).ok();
}

/// DESIGN.md: `polsslag demo` prints one line per account, exactly `account ROLE EMAIL
/// PASSWORD` (the manager's and the coordinator's add their scope), and each logs in.
#[test]
fn demo_prints_one_account_per_role_that_logs_in() {
    let demo = tests::Demo::create(400);
    assert_eq!(demo.accounts.len(), 4, "{:?}", demo.accounts);
    let roles: Vec<&str> = demo.accounts.iter().map(|a| a[1].as_str()).collect();
    assert_eq!(roles, ["beheerder", "hrm", "leidinggevende", "coordinator"]);
    for a in &demo.accounts {
        assert_eq!(a[0], "account");
        assert_eq!(
            a.len(),
            if matches!(a[1].as_str(), "leidinggevende" | "coordinator") {
                5
            } else {
                4
            },
            "{a:?}"
        );
        let actor = logs_in(&demo.database_url, &a[2], &a[3]).unwrap();
        let app::services::Actor::Account { role, scope, .. } = actor else {
            panic!("{actor:?}")
        };
        assert_eq!(role.as_str(), a[1]);
        assert_eq!(scope.as_deref(), a.get(4).map(String::as_str));
    }
}

/// Issue #11: `polsslag invitations send --wave ID` mails a wave's invitations through the
/// SMTP server it is given, once; a second run sends only what has become due (nothing here);
/// without an SMTP server it says how to give one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invitations_send_mails_a_wave_once_through_smtp() {
    let sink = crate::smtp::Sink::start(&[], &[]).await;
    let demo = tests::Demo::create(400);
    let wave = demo.open_waves[0].0.clone();
    let send = |smtp: Option<String>| {
        let (wave, db) = (wave.clone(), demo.database_url.clone());
        tokio::task::spawn_blocking(move || {
            let mut cmd = Command::new(binary());
            cmd.args([
                "invitations",
                "send",
                "--wave",
                &wave,
                "--database-url",
                &db,
            ])
            .args(["--mail-rate", "60000"])
            .env_remove("POLSSLAG_SMTP_URL")
            .env_remove("POLSSLAG_LANG");
            if let Some(url) = smtp {
                cmd.args(["--smtp-url", &url]);
            }
            let out = cmd.output().unwrap();
            (
                out.status.success(),
                String::from_utf8_lossy(&out.stdout).into_owned(),
                String::from_utf8_lossy(&out.stderr).into_owned(),
            )
        })
    };
    let (ok, _, err) = send(None).await.unwrap();
    assert!(!ok);
    assert!(err.contains("Geen SMTP-server ingesteld"), "{err}");
    let (ok, out, err) = send(Some(sink.url())).await.unwrap();
    assert!(ok, "{err}");
    let sent: usize = out
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{out}"));
    assert!(sent > 0, "{out}");
    assert!(out.contains("verstuurd, 0 geweigerd"), "{out}");
    assert_eq!(sink.messages().len(), sent);
    let (ok, out, _) = send(Some(sink.url())).await.unwrap();
    assert!(ok);
    assert!(out.starts_with("0 verstuurd"), "nothing twice: {out}");
    assert_eq!(sink.messages().len(), sent);
}

/// Issue #14: `polsslag backup` writes a new file (never over one), says what it holds and that
/// the key must be kept apart; `polsslag restore` brings it back onto an empty database, refuses
/// an occupied one without `--replace`, and refuses to make up a key it was not given.
#[test]
fn backup_and_restore_from_the_command_line() {
    let dir = std::env::temp_dir().join(format!(
        "polsslag-cli-backup-{}-{}",
        std::process::id(),
        tests::free_port()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let db = format!("sqlite://{}/live.db?mode=rwc", dir.display());
    let copy = format!("sqlite://{}/restored.db", dir.display());
    let backup_file = dir.join("polsslag.backup");
    let polsslag = |args: &[&str]| {
        let out = Command::new(binary())
            .args(args)
            .env_remove("POLSSLAG_LANG")
            .env_remove("POLSSLAG_PASSWORD")
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (ok, _, err) = polsslag(&[
        "user",
        "add",
        "--email",
        "hrm@example.nl",
        "--role",
        "hrm",
        "--password",
        "een lang wachtwoord",
        "--database-url",
        &db,
    ]);
    assert!(ok, "{err}");
    let out_arg = backup_file.display().to_string();
    let (ok, out, err) = polsslag(&["backup", "--out", &out_arg, "--database-url", &db]);
    assert!(ok, "{err}");
    assert!(
        out.contains(&format!("Back-up geschreven naar {out_arg}")),
        "{out}"
    );
    assert!(out.contains("1 accounts"), "{out}");
    assert!(out.contains("De sleutel zit niet in de back-up"), "{out}");
    assert!(!out.contains("Backup written"), "one language: {out}");

    let (ok, _, err) = polsslag(&[
        "--lang",
        "en",
        "backup",
        "--out",
        &out_arg,
        "--database-url",
        &db,
    ]);
    assert!(!ok);
    assert!(
        err.contains("exists already: a backup never overwrites a file"),
        "{err}"
    );

    // Without its key file a restore refuses: a new key could not open the sealed answers.
    let missing = dir.join("no.key").display().to_string();
    let (ok, _, err) = polsslag(&[
        "--key-file",
        &missing,
        "restore",
        "--from",
        &out_arg,
        "--database-url",
        &copy,
    ]);
    assert!(!ok);
    assert!(err.contains("bestaat niet"), "{err}");
    assert!(!dir.join("no.key").exists() && !dir.join("restored.db").exists());

    let (ok, out, err) = polsslag(&[
        "--lang",
        "en",
        "restore",
        "--from",
        &out_arg,
        "--database-url",
        &copy,
    ]);
    assert!(ok, "{err}");
    assert!(out.contains(&format!("Restored from {out_arg}")), "{out}");
    assert!(out.contains("1 accounts"), "{out}");
    assert!(logs_in(&copy, "hrm@example.nl", "een lang wachtwoord").is_ok());

    let (ok, _, err) = polsslag(&["restore", "--from", &out_arg, "--database-url", &copy]);
    assert!(!ok);
    assert!(err.contains("Er staat al een database op"), "{err}");
    assert!(err.contains("--replace"), "{err}");
    let (ok, _, err) = polsslag(&[
        "restore",
        "--from",
        &out_arg,
        "--replace",
        "--database-url",
        &copy,
    ]);
    assert!(ok, "{err}");
    std::fs::remove_dir_all(&dir).ok();
}
