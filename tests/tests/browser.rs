//! End to end: the real `polsslag` binary, filled by `polsslag demo`, answered in headless
//! Chromium on a phone-sized screen, once with JavaScript (hydrated WASM) and once without.
//!
//! Needs `target/debug/polsslag` (or `POLSSLAG_BIN`), the WASM bundle beside it
//! (`scripts/build-wasm.sh`), and `chromedriver` + `chromium` on PATH. Without a browser the
//! tests are skipped loudly, unless `POLSSLAG_REQUIRE_ALL=1` (CI), where they fail.

use fantoccini::{Client, ClientBuilder, Locator};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use tests::{free_port, Demo, Killed};

fn browser_available() -> bool {
    if have("chromedriver")
        && (have("chromium") || have("chromium-browser") || have("google-chrome"))
    {
        return true;
    }
    if std::env::var("POLSSLAG_REQUIRE_ALL").as_deref() == Ok("1") {
        panic!("Chromium and chromedriver are required (POLSSLAG_REQUIRE_ALL=1): run scripts/setup.sh --browser");
    }
    eprintln!("\n*** SKIPPED: chromium/chromedriver not installed; browser tests did not run (scripts/setup.sh --browser) ***\n");
    false
}

fn have(cmd: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {cmd}")])
        .stdout(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

/// Chromium outlives a killed chromedriver; this ends the browser of one test (found by its
/// own profile directory) even when the test panics.
struct BrowserProfile(std::path::PathBuf);

impl Drop for BrowserProfile {
    fn drop(&mut self) {
        let _ = Command::new("pkill")
            .arg("-f")
            .arg(self.0.as_os_str())
            .status();
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

async fn browser(javascript: bool) -> (Client, Killed, BrowserProfile) {
    browser_in(javascript, "nl-NL,nl").await
}

/// A browser whose Accept-Language is `languages`.
async fn browser_in(javascript: bool, languages: &str) -> (Client, Killed, BrowserProfile) {
    // Several TLS backends are linked in; pick one (chromedriver itself is plain HTTP).
    let _ = rustls::crypto::ring::default_provider().install_default();
    let port = free_port();
    let driver = Killed(
        Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let mut args = vec![
        "--headless=new".to_string(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--disable-dev-shm-usage".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-sync".into(),
        "--no-first-run".into(),
        "--window-size=390,844".into(),
        // Pages follow Accept-Language.
        format!("--lang={}", languages.split(',').next().unwrap_or("nl")),
    ];
    let profile =
        std::env::temp_dir().join(format!("polsslag-chrome-{}-{port}", std::process::id()));
    args.push(format!("--user-data-dir={}", profile.display()));
    if !javascript {
        args.push("--blink-settings=scriptEnabled=false".into());
    }
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "args": args,
            "prefs": { "intl.accept_languages": languages },
        }),
    );
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        match ClientBuilder::rustls()
            .unwrap()
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(c) => return (c, driver, BrowserProfile(profile)),
            Err(e) => {
                assert!(Instant::now() < deadline, "chromedriver: {e}");
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        }
    }
}

/// The WCAG 2.1 A/AA violations axe-core finds on the current page (empty: none). Without
/// axe-core installed (`npm install` in `tests/`, done by scripts/setup.sh --browser) the
/// check is skipped loudly, or fails under POLSSLAG_REQUIRE_ALL=1.
async fn accessibility_violations(c: &Client) -> Vec<String> {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("node_modules/axe-core/axe.min.js");
    let Ok(axe) = std::fs::read_to_string(&path) else {
        if std::env::var("POLSSLAG_REQUIRE_ALL").as_deref() == Ok("1") {
            panic!(
                "axe-core is required: {} missing (scripts/setup.sh --browser)",
                path.display()
            );
        }
        eprintln!("\n*** SKIPPED: axe-core not installed; accessibility not checked ***\n");
        return Vec::new();
    };
    c.execute(&axe, vec![]).await.expect("axe-core loads");
    let result = c
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
                  .then(r => done(r.passes.length === 0 ? ['axe checked nothing'] :
                        r.violations.map(v => v.id + ': ' + v.help + ' (' + v.nodes.map(n => n.target.join(' ')).join(', ') + ')')))
                  .catch(e => done(['axe failed: ' + e]));"#,
            vec![],
        )
        .await
        .expect("axe-core runs");
    serde_json::from_value(result).expect("a list of violations")
}

/// Clicks the first choice of every question on the page.
async fn answer_every_question(c: &Client) {
    let questions = c.find_all(Locator::Css("fieldset.question")).await.unwrap();
    for q in questions {
        if let Ok(label) = q
            .find(Locator::Css("ul.choices li:nth-child(2) label"))
            .await
        {
            label.click().await.unwrap();
        } else if let Ok(label) = q.find(Locator::Css("ul.choices li label")).await {
            label.click().await.unwrap();
        }
    }
}

async fn text_of(c: &Client, css: &str) -> String {
    c.find(Locator::Css(css))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

/// Waits until the element's text starts with `prefix` (a form POST navigates, so the old
/// page's elements go stale on the way).
async fn wait_for_text(c: &Client, css: &str, prefix: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Ok(el) = c.find(Locator::Css(css)).await {
            if let Ok(t) = el.text().await {
                if t.starts_with(prefix) {
                    return;
                }
            }
        }
        if Instant::now() >= deadline {
            let url = c
                .current_url()
                .await
                .map(|u| u.to_string())
                .unwrap_or_default();
            let now = match c.find(Locator::Css(css)).await {
                Ok(el) => el.text().await.unwrap_or_default(),
                Err(_) => "(not on the page)".into(),
            };
            let body = text_of(c, "main").await;
            panic!("`{css}` never showed `{prefix}` at {url}: it shows {now:?}; the page: {body}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn an_employee_answers_a_team_poll_on_a_phone_with_javascript() {
    if !browser_available() {
        return;
    }
    let server = Demo::create(400);
    let _running = server.serve();
    let (c, _driver, _profile) = browser(true).await;
    let team_link = server.links.last().unwrap().clone();
    c.goto(&team_link).await.unwrap();
    assert_eq!(
        c.current_url().await.unwrap().path(),
        "/v",
        "the token left the address bar"
    );
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("form[data-ready=true]"))
        .await
        .expect("the page hydrates");
    assert!(text_of(&c, ".count").await.starts_with("0 van"));
    let violations = accessibility_violations(&c).await;
    assert!(
        violations.is_empty(),
        "WCAG 2.1 AA on the poll page: {violations:#?}"
    );
    // Submitting with nothing answered: the browser stops it and lists what is missing.
    c.find(Locator::Css("button.primary"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let summary = c
        .wait()
        .at_most(Duration::from_secs(5))
        .for_element(Locator::Css("#foutoverzicht"))
        .await
        .expect("missing answers are pointed out before sending");
    assert!(summary
        .text()
        .await
        .unwrap()
        .contains("Controleer je antwoorden"));
    assert_eq!(c.current_url().await.unwrap().path(), "/v");
    let violations = accessibility_violations(&c).await;
    assert!(
        violations.is_empty(),
        "WCAG 2.1 AA with errors shown: {violations:#?}"
    );
    answer_every_question(&c).await;
    let count = text_of(&c, ".count").await;
    assert!(
        !count.starts_with("0 van"),
        "answers are counted as you go: {count}"
    );
    assert!(
        c.find(Locator::Css("#foutoverzicht")).await.is_err(),
        "errors clear once answered"
    );
    std::fs::write(
        std::env::temp_dir().join("polsslag-e2e-js.png"),
        c.screenshot().await.unwrap(),
    )
    .ok();
    c.find(Locator::Css("button.primary"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_url(&url::Url::parse(&format!("{}/bedankt", server.base)).unwrap())
        .await
        .unwrap();
    wait_for_text(&c, "h1", "Bedankt").await;
    let violations = accessibility_violations(&c).await;
    assert!(
        violations.is_empty(),
        "WCAG 2.1 AA on the thank-you page: {violations:#?}"
    );
    c.goto(&format!("{}/", server.base)).await.unwrap();
    let violations = accessibility_violations(&c).await;
    assert!(
        violations.is_empty(),
        "WCAG 2.1 AA on the home page: {violations:#?}"
    );
    c.close().await.unwrap();
}

#[tokio::test]
async fn an_employee_answers_a_long_monitor_without_javascript() {
    if !browser_available() {
        return;
    }
    let server = Demo::create(400);
    let _running = server.serve();
    let (c, _driver, _profile) = browser(false).await;
    // The first personal link the demo prints is for the multi-page monitor.
    c.goto(&server.links[0]).await.unwrap();
    assert_eq!(c.current_url().await.unwrap().path(), "/v");
    assert!(
        c.find(Locator::Css("form[data-ready=false]")).await.is_ok(),
        "no JavaScript: the page stays plain HTML"
    );
    let mut pages = 0;
    loop {
        pages += 1;
        assert!(pages < 20, "too many pages");
        wait_for_text(&c, ".progress p", &format!("Pagina {pages} van")).await;
        answer_every_question(&c).await;
        if pages == 1 {
            std::fs::write(
                std::env::temp_dir().join("polsslag-e2e-nojs.png"),
                c.screenshot().await.unwrap(),
            )
            .ok();
        }
        let last = c.find(Locator::Css("button[value=verstuur]")).await.is_ok();
        c.find(Locator::Css("button.primary"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        if last {
            break;
        }
    }
    assert!(pages > 1, "the monitor spans pages");
    wait_for_text(&c, "h1", "Bedankt").await;
    assert_eq!(c.current_url().await.unwrap().path(), "/bedankt");
    // The personal link is used up.
    c.goto(&server.links[0]).await.unwrap();
    wait_for_text(&c, "h1", "Je hebt deze peiling al ingevuld").await;
    c.close().await.unwrap();
}

#[tokio::test]
async fn an_english_browser_gets_the_poll_in_english_before_and_after_hydration() {
    if !browser_available() {
        return;
    }
    let server = Demo::create(400);
    let _running = server.serve();
    let (c, _driver, _profile) = browser_in(true, "en-GB,en").await;
    c.goto(server.links.last().unwrap()).await.unwrap();
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("form[data-ready=true]"))
        .await
        .expect("the page hydrates");
    let html = c.source().await.unwrap();
    assert!(html.contains(r#"lang="en""#), "the document is English");
    assert!(text_of(&c, ".progress p").await.starts_with("Page 1 of"));
    // Hydrated text comes from the same catalogue in the same language.
    answer_every_question(&c).await;
    let count = text_of(&c, ".count").await;
    assert!(
        count.contains(" of ") && count.ends_with("answered"),
        "{count}"
    );
    assert!(!count.contains("beantwoord"), "{count}");
    // The switch under the questions changes to Dutch and keeps the answers.
    c.find(Locator::Css("p.lang-switch button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(&c, ".progress p", "Pagina 1 van").await;
    let checked = c
        .find_all(Locator::Css("input[type=radio]:checked"))
        .await
        .unwrap();
    assert!(!checked.is_empty(), "the answers came along");
    let violations = accessibility_violations(&c).await;
    assert!(
        violations.is_empty(),
        "WCAG 2.1 AA after the switch: {violations:#?}"
    );
    c.close().await.unwrap();
}

/// Presses Enter in whatever has the focus (WebDriver key actions: the keyboard alone).
async fn press_enter(c: &Client) {
    press(c, fantoccini::key::Key::Enter).await;
}

/// Issue #8, item 4: Enter in a field (the form's implicit submission) moves forward, or
/// submits on the last page — never back to the previous page; with and without JavaScript.
#[tokio::test]
async fn enter_in_a_field_moves_forward_never_back() {
    if !browser_available() {
        return;
    }
    let server = Demo::create(400);
    let _running = server.serve();
    for (javascript, link) in [(false, &server.links[0]), (true, &server.links[1])] {
        let (c, _driver, _profile) = browser(javascript).await;
        c.goto(link).await.unwrap();
        if javascript {
            c.wait()
                .at_most(Duration::from_secs(20))
                .for_element(Locator::Css("form[data-ready=true]"))
                .await
                .expect("the page hydrates");
        }
        wait_for_text(&c, ".progress p", "Pagina 1 van").await;
        answer_every_question(&c).await;
        press_enter(&c).await;
        wait_for_text(&c, ".progress p", "Pagina 2 van").await;
        if javascript {
            hydrated(&c).await;
        }
        // Page 2 has a "Vorige" button; Enter on an answered page still goes forward.
        answer_every_question(&c).await;
        c.find(Locator::Css("fieldset.question ul.choices li label"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        press_enter(&c).await;
        wait_for_text(&c, ".progress p", "Pagina 3 van").await;
        if javascript {
            hydrated(&c).await;
        }
        // Enter with answers missing (one answered, to be in a field) stays on the page and
        // says what is missing.
        c.find(Locator::Css("fieldset.question ul.choices li label"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        press_enter(&c).await;
        c.wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css("#foutoverzicht"))
            .await
            .expect("missing answers are pointed out");
        let progress = text_of(&c, ".progress p").await;
        assert!(
            progress.starts_with("Pagina 3 van"),
            "js={javascript}: {progress}"
        );
        c.close().await.unwrap();
    }
}

/// Saves a screenshot of the current page at phone and desktop width to the temp directory
/// (`polsslag-<name>-390.png`, `-1280.png`), to look at.
async fn screenshots(c: &Client, name: &str) {
    for width in [390u32, 1280] {
        c.set_window_size(width, 900).await.unwrap();
        std::fs::write(
            std::env::temp_dir().join(format!("polsslag-{name}-{width}.png")),
            c.screenshot().await.unwrap(),
        )
        .ok();
    }
    c.set_window_size(390, 844).await.unwrap();
}

/// Answers every page of a poll through `link` in a browser of its own, in Dutch.
async fn answer_in_a_new_browser(link: &str) {
    let (r, _driver, _profile) = browser(true).await;
    r.goto(link).await.unwrap();
    let mut pages = 0;
    loop {
        pages += 1;
        assert!(pages < 20, "too many pages");
        wait_for_text(&r, ".progress p", &format!("Pagina {pages} van")).await;
        answer_every_question(&r).await;
        let last = r.find(Locator::Css("button[value=verstuur]")).await.is_ok();
        click(&r, "button.primary").await;
        if last {
            break;
        }
    }
    wait_for_text(&r, "h1", "Bedankt").await;
    r.close().await.unwrap();
}

/// Posts the poll page's bundle form from the page; `"STATUS CONTENT-TYPE BYTES"`.
async fn download_bundle(c: &Client) -> String {
    serde_json::from_value(
        c.execute_async(
            "const done = arguments[arguments.length - 1];
             const form = document.querySelector('form[action$=\"bundel.zip\"]');
             fetch(form.action, { method: 'POST', body: new URLSearchParams(new FormData(form)) })
               .then(r => r.arrayBuffer().then(b => done(r.status + ' ' + r.headers.get('content-type') + ' ' + b.byteLength)))
               .catch(e => done('failed ' + e));",
            vec![],
        )
        .await
        .unwrap(),
    )
    .unwrap()
}

async fn assert_accessible(c: &Client, what: &str) {
    let violations = accessibility_violations(c).await;
    assert!(
        violations.is_empty(),
        "WCAG 2.1 AA on {what}: {violations:#?}"
    );
    // At a phone's width nothing makes the page scroll sideways (WCAG 1.4.10 reflow; a wide
    // table scrolls in its own focusable region instead).
    let overflow: serde_json::Value = c
        .execute(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth",
            vec![],
        )
        .await
        .unwrap();
    if overflow.as_i64().unwrap_or(0) > 0 {
        let wide = c
            .execute(
                "const w = document.documentElement.clientWidth;
                 return [...document.querySelectorAll('body *')]
                   .filter(e => e.getBoundingClientRect().right > w + 1)
                   .slice(0, 6).map(e => e.tagName + '.' + e.className + '#' + e.id);",
                vec![],
            )
            .await
            .unwrap();
        panic!("{what} scrolls sideways at 390 px by {overflow} px: {wide}");
    }
}

async fn log_in(c: &Client, base: &str, email: &str, password: &str) {
    c.goto(&format!("{base}/login")).await.unwrap();
    c.find(Locator::Css("#email"))
        .await
        .unwrap()
        .send_keys(email)
        .await
        .unwrap();
    c.find(Locator::Css("#password"))
        .await
        .unwrap()
        .send_keys(password)
        .await
        .unwrap();
    c.find(Locator::Css("button.primary"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(c, ".signed p", "").await;
}

async fn click(c: &Client, css: &str) {
    c.find(Locator::Css(css))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// Issue #10: an administrator imports a roster file in the browser (checked first, every
/// problem listed, then applied), browses the tree, reads the audit log and makes an API
/// token; every page passes axe-core, in Dutch and in English.
#[tokio::test]
async fn an_administrator_imports_the_roster_and_reads_the_audit_log() {
    if !browser_available() {
        return;
    }
    let server = Demo::create(400);
    let _running = server.serve();
    let admin = server
        .accounts
        .iter()
        .find(|a| a[1] == "beheerder")
        .expect("the demo's administrator")
        .clone();
    let (c, _driver, _profile) = browser(true).await;
    log_in(&c, &server.base, &admin[2], &admin[3]).await;
    assert_eq!(c.current_url().await.unwrap().path(), "/beheer");
    assert_accessible(&c, "/beheer").await;
    // The tree: a team code to use below.
    c.goto(&format!("{}/beheer/organisatie", server.base))
        .await
        .unwrap();
    assert!(text_of(&c, "h1").await.starts_with("Organisatie"));
    assert_accessible(&c, "/beheer/organisatie").await;
    screenshots(&c, "beheer-organisatie").await;
    let team: String = serde_json::from_value(
        c.execute(
            "return [...document.querySelectorAll('ul.tree .node')].map(n => n.textContent)
                 .find(t => t.includes('· team ·')).split(' · ').pop()",
            vec![],
        )
        .await
        .unwrap(),
    )
    .unwrap();
    // A roster file with one problem: listed by row and column, nothing to apply.
    let dir = std::env::temp_dir().join(format!("polsslag-roster-{}", server.port));
    std::fs::create_dir_all(&dir).unwrap();
    let header = "personeelsnummer;naam;email;team;geboortedatum;functiegroep;datum_in_dienst";
    let bad = dir.join("personeel-fout.csv");
    std::fs::write(
        &bad,
        format!("{header}\r\n9001;Anna;anna@example.nl;{team};1980-01-01;executief;2010-01-01\r\n9002;Bram;bram@example;{team};1985-01-01;executief;2012-01-01\r\n"),
    )
    .unwrap();
    c.goto(&format!("{}/beheer/personeel", server.base))
        .await
        .unwrap();
    assert_accessible(&c, "/beheer/personeel").await;
    screenshots(&c, "beheer-personeel").await;
    c.find(Locator::Css("#file"))
        .await
        .unwrap()
        .send_keys(bad.to_str().unwrap())
        .await
        .unwrap();
    click(&c, "form[enctype] button.primary").await;
    wait_for_text(&c, "#import-result", "1 probleem").await;
    let row = text_of(&c, "tbody tr").await;
    assert!(
        row.contains("3") && row.contains("email") && row.contains("bram@example"),
        "{row}"
    );
    assert!(c.find(Locator::Css("input[name=upload]")).await.is_err());
    assert_accessible(&c, "the import's problems").await;
    screenshots(&c, "beheer-personeel-fout").await;
    // The corrected file: checked, with the warning about everyone it makes inactive, then
    // applied.
    let good = dir.join("personeel.csv");
    std::fs::write(
        &good,
        format!("{header}\r\n9001;Anna;anna@example.nl;{team};1980-01-01;executief;2010-01-01\r\n9002;Bram;bram@example.nl;{team};1985-01-01;executief;2012-01-01\r\n"),
    )
    .unwrap();
    c.find(Locator::Css("#file"))
        .await
        .unwrap()
        .send_keys(good.to_str().unwrap())
        .await
        .unwrap();
    click(&c, "form[enctype] button.primary").await;
    wait_for_text(&c, "#import-result", "personeel.csv is gecontroleerd").await;
    assert!(text_of(&c, ".warning").await.contains("400 medewerkers"));
    assert_accessible(&c, "a checked import").await;
    screenshots(&c, "beheer-personeel-gecontroleerd").await;
    click(&c, "input[name=upload] ~ .buttons button.primary").await;
    wait_for_text(&c, "#import-result", "personeel.csv is geïmporteerd").await;
    assert!(text_of(&c, ".subtitle")
        .await
        .starts_with("2 actieve medewerkers"));
    assert_accessible(&c, "an applied import").await;
    // The audit log, filtered on the import.
    c.goto(&format!("{}/beheer/audit?action=roster.", server.base))
        .await
        .unwrap();
    assert!(text_of(&c, "tbody").await.contains("roster.import"));
    assert_accessible(&c, "/beheer/audit").await;
    screenshots(&c, "beheer-audit").await;
    // An API token, shown once.
    c.goto(&format!("{}/beheer/tokens", server.base))
        .await
        .unwrap();
    assert_accessible(&c, "/beheer/tokens").await;
    c.find(Locator::Css("#name"))
        .await
        .unwrap()
        .send_keys("HR-systeem")
        .await
        .unwrap();
    click(&c, "form[action='/beheer/tokens'] button.primary").await;
    wait_for_text(&c, "#token-made", "Je nieuwe token").await;
    assert!(text_of(&c, "#new-token").await.starts_with("pst_"));
    assert_accessible(&c, "a new token").await;
    screenshots(&c, "beheer-tokens").await;
    c.close().await.unwrap();
    // The same pages in English.
    let (c, _driver, _profile) = browser_in(true, "en-GB,en").await;
    log_in(&c, &server.base, &admin[2], &admin[3]).await;
    for (path, heading) in [
        ("/beheer", "Administration"),
        ("/beheer/organisatie", "Organisation"),
        ("/beheer/personeel", "Roster"),
        ("/beheer/audit", "Audit log"),
        ("/beheer/tokens", "API tokens"),
    ] {
        c.goto(&format!("{}{path}", server.base)).await.unwrap();
        assert!(text_of(&c, "h1").await.starts_with(heading), "{path}");
        assert_accessible(&c, &format!("{path} in English")).await;
    }
    c.close().await.unwrap();
    std::fs::remove_dir_all(&dir).ok();
}

/// Issue #10's walk through HRM's work in the browser: the administrator imports a roster;
/// HRM creates a poll from a template, previews it, makes a wave, opens it, makes team
/// links, a colleague answers through one, HRM closes the wave and downloads the bundle.
/// Every new page passes axe-core, in Dutch and in English.
#[tokio::test]
async fn hrm_runs_a_poll_from_template_to_bundle() {
    if !browser_available() {
        return;
    }
    let server = Demo::create(400);
    let _running = server.serve();
    let account = |role: &str| {
        server
            .accounts
            .iter()
            .find(|a| a[1] == role)
            .unwrap_or_else(|| panic!("the demo's {role}"))
            .clone()
    };
    let (admin, hrm) = (account("beheerder"), account("hrm"));
    let (c, _driver, _profile) = browser(true).await;
    // The administrator imports a new roster: 40 people in four teams (the demo's 400 are
    // made inactive, so the wave's audience is these 40).
    log_in(&c, &server.base, &admin[2], &admin[3]).await;
    c.goto(&format!("{}/beheer/organisatie", server.base))
        .await
        .unwrap();
    let teams: Vec<String> = serde_json::from_value(
        c.execute(
            "return [...document.querySelectorAll('ul.tree .node')].map(n => n.textContent)
                 .filter(t => t.includes('· team ·')).slice(0, 4).map(t => t.split(' · ').pop())",
            vec![],
        )
        .await
        .unwrap(),
    )
    .unwrap();
    assert_eq!(teams.len(), 4);
    let dir = std::env::temp_dir().join(format!("polsslag-hrm-{}", server.port));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("personeel.csv");
    let mut csv =
        "personeelsnummer;naam;email;team;leeftijdscategorie;functiegroep;diensttijdcategorie\r\n"
            .to_string();
    for i in 0..40 {
        csv.push_str(&format!(
            "{};Medewerker {i};m{i}@example.nl;{};35-54;executief;5-15\r\n",
            9000 + i,
            teams[i % 4]
        ));
    }
    std::fs::write(&file, csv).unwrap();
    c.goto(&format!("{}/beheer/personeel", server.base))
        .await
        .unwrap();
    c.find(Locator::Css("#file"))
        .await
        .unwrap()
        .send_keys(file.to_str().unwrap())
        .await
        .unwrap();
    click(&c, "form[enctype] button.primary").await;
    wait_for_text(&c, "#import-result", "personeel.csv is gecontroleerd").await;
    click(&c, "input[name=upload] ~ .buttons button.primary").await;
    wait_for_text(&c, "#import-result", "personeel.csv is geïmporteerd").await;
    click(&c, ".signed button.link").await;
    wait_for_text(&c, "h1", "Inloggen").await;
    // HRM: a poll from a template.
    log_in(&c, &server.base, &hrm[2], &hrm[3]).await;
    assert_eq!(c.current_url().await.unwrap().path(), "/hrm");
    assert_accessible(&c, "/hrm").await;
    // Links of the workspace load their page from the server (a hydrated page must not route
    // them in the browser, where their data is not): the language switch and back.
    click(&c, "a.lang").await;
    wait_for_text(&c, "h1", "Polls and waves").await;
    click(&c, "a.lang").await;
    wait_for_text(&c, "h1", "Peilingen en golven").await;
    click(&c, "a[href='/account']").await;
    wait_for_text(&c, "h1", "Mijn account").await;
    c.goto(&format!("{}/hrm", server.base)).await.unwrap();
    click(&c, "a[href='/hrm/nieuwe-peiling']").await;
    wait_for_text(&c, "h1", "Nieuwe peiling").await;
    assert_accessible(&c, "/hrm/nieuwe-peiling").await;
    screenshots(&c, "hrm-nieuwe-peiling").await;
    click(&c, "input[name=template] + label").await;
    click(&c, "form[action='/hrm/peilingen'] button.primary").await;
    wait_for_text(&c, "#waves", "Golven").await;
    let poll_page = c.current_url().await.unwrap().to_string();
    assert_accessible(&c, "a poll's page").await;
    // Its edit form (no answers yet), in Dutch.
    click(&c, "a[href$='/bewerken']").await;
    wait_for_text(&c, "#compose", "Peiling wijzigen").await;
    assert_accessible(&c, "the poll's edit form").await;
    screenshots(&c, "hrm-bewerken").await;
    c.execute("document.querySelector('ul.bank').scrollIntoView()", vec![])
        .await
        .unwrap();
    screenshots(&c, "hrm-bewerken-vragen").await;
    c.goto(&poll_page).await.unwrap();
    // Its preview, at a phone's width, stores nothing.
    click(&c, "a[href$='/voorbeeld']").await;
    wait_for_text(&c, ".preview-banner p", "Voorbeeld").await;
    assert_accessible(&c, "the preview").await;
    screenshots(&c, "hrm-voorbeeld").await;
    // A wave: made, opened, team links.
    c.goto(&poll_page).await.unwrap();
    let label = c.find(Locator::Css("#label")).await.unwrap();
    label.clear().await.unwrap();
    label.send_keys("2098-H2").await.unwrap();
    click(&c, "form[action$='/golven'] button.primary").await;
    wait_for_text(&c, "tbody td", "2098-H2").await;
    click(&c, "form[action$='/openen'] button").await;
    wait_for_text(&c, "tbody td + td", "open").await;
    screenshots(&c, "hrm-peiling").await;
    click(&c, "form[action$='/teamlinks'] button").await;
    wait_for_text(&c, "h1", "Teamlinks").await;
    assert_accessible(&c, "the team links").await;
    screenshots(&c, "hrm-teamlinks").await;
    let link = text_of(&c, "ul.team-links code").await;
    assert!(link.starts_with(&format!("{}/p/", server.base)), "{link}");
    // A colleague answers through it, in another browser.
    answer_in_a_new_browser(&link).await;
    // HRM closes the wave; the questions are frozen; the bundle downloads as a zip.
    c.goto(&poll_page).await.unwrap();
    assert!(text_of(&c, ".warning")
        .await
        .contains("de vragen liggen vast"));
    click(&c, "form[action$='/sluiten'] button").await;
    wait_for_text(&c, "tbody td + td", "gesloten").await;
    let download = download_bundle(&c).await;
    let parts: Vec<&str> = download.split(' ').collect();
    assert_eq!(&parts[..2], ["200", "application/zip"], "{download}");
    assert!(parts[2].parse::<u32>().unwrap() > 100, "{download}");
    // The question bank and one's account, in Dutch.
    for path in ["/hrm/vragenbank", "/account"] {
        c.goto(&format!("{}{path}", server.base)).await.unwrap();
        assert_accessible(&c, path).await;
    }
    screenshots(&c, "account").await;
    c.close().await.unwrap();
    // Every new page of HRM in English.
    let (c, _driver, _profile) = browser_in(true, "en-GB,en").await;
    log_in(&c, &server.base, &hrm[2], &hrm[3]).await;
    let poll_path = url::Url::parse(&poll_page).unwrap().path().to_string();
    for (path, heading) in [
        ("/hrm".to_string(), "Polls and waves"),
        ("/hrm/nieuwe-peiling".to_string(), "New poll"),
        ("/hrm/vragenbank".to_string(), "Question bank"),
        ("/account".to_string(), "My account"),
        (poll_path.clone(), ""),
        (format!("{poll_path}/voorbeeld"), ""),
    ] {
        c.goto(&format!("{}{path}", server.base)).await.unwrap();
        assert!(text_of(&c, "h1").await.starts_with(heading), "{path}");
        assert_accessible(&c, &format!("{path} in English")).await;
    }
    c.close().await.unwrap();
    std::fs::remove_dir_all(&dir).ok();
}

/// Issue #11: HRM draws a sample on a wave's page, the invitations go out through a real SMTP
/// conversation (a sink this test starts), two colleagues answer through their e-mailed
/// links, HRM watches the response, closes the wave and downloads the bundle; every new page
/// passes axe-core in Dutch and English.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hrm_draws_a_sample_mails_it_and_watches_the_response() {
    if !browser_available() {
        return;
    }
    let sink = crate::smtp::Sink::start(&[], &[]).await;
    let server = Demo::create(3000);
    let url = sink.url();
    let _running = server.serve_with(&[
        ("POLSSLAG_SMTP_URL", url.as_str()),
        ("POLSSLAG_MAIL_RATE", "60000"),
    ]);
    let hrm = server
        .accounts
        .iter()
        .find(|a| a[1] == "hrm")
        .expect("the demo's HRM account")
        .clone();
    let (c, _driver, _profile) = browser(true).await;
    log_in(&c, &server.base, &hrm[2], &hrm[3]).await;
    // A flash poll from its template, and a draft wave.
    c.goto(&format!("{}/hrm/nieuwe-peiling", server.base))
        .await
        .unwrap();
    click(&c, "input[value='flitspeiling-koopkracht'] + label").await;
    click(&c, "form[action='/hrm/peilingen'] button.primary").await;
    wait_for_text(&c, "#waves", "Golven").await;
    let label = c.find(Locator::Css("#label")).await.unwrap();
    label.clear().await.unwrap();
    label.send_keys("2098-H1").await.unwrap();
    click(&c, "form[action$='/golven'] button.primary").await;
    wait_for_text(&c, "tbody td", "2098-H1").await;
    click(&c, "tbody a[href^='/hrm/golven/']").await;
    wait_for_text(&c, "#invitees", "Genodigden").await;
    let wave_page = c.current_url().await.unwrap().to_string();
    assert_accessible(&c, "a draft wave's page").await;
    screenshots(&c, "hrm-golf").await;
    // The sample: 400 people, at least 10 per stratum, nobody left out.
    let total = c.find(Locator::Css("#total")).await.unwrap();
    total.send_keys("400").await.unwrap();
    let months = c.find(Locator::Css("#exclude_months")).await.unwrap();
    months.clear().await.unwrap();
    months.send_keys("0").await.unwrap();
    click(&c, "form[action$='/steekproef'] button.primary").await;
    wait_for_text(&c, "caption", "Strata").await;
    assert_accessible(&c, "a sampled wave's page").await;
    screenshots(&c, "hrm-steekproef").await;
    // The wave opens on its poll's page; back on the wave's page the invitations go out at
    // once, and every invitee gets one message.
    click(&c, "p a[href^='/hrm/peilingen/']").await;
    let poll_page = c.current_url().await.unwrap().to_string();
    click(&c, "form[action$='/openen'] button").await;
    wait_for_text(&c, "tbody td + td", "open").await;
    c.goto(&wave_page).await.unwrap();
    click(&c, "form[action$='/versturen'] button").await;
    wait_for_text(&c, "#mailings caption", "Verzendingen").await;
    // The invitations (the demo's managers also get their follow-up reminders, without a
    // poll link).
    let invitations = || {
        sink.messages()
            .into_iter()
            .filter(|m| m.body().contains(&format!("{}/p/", server.base)))
            .collect::<Vec<_>>()
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(90);
    while invitations().len() < 400 {
        assert!(
            std::time::Instant::now() < deadline,
            "only {} of 400 messages arrived",
            invitations().len()
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    let messages = invitations();
    let to: std::collections::BTreeSet<&str> = messages.iter().map(|m| m.to[0].as_str()).collect();
    assert_eq!(to.len(), 400, "one message each");
    // Two colleagues answer through their e-mailed links.
    for m in &messages[..2] {
        let body = m.body();
        let at = body.find(&format!("{}/p/", server.base)).expect(&body);
        let link = &body[at..at + server.base.len() + 3 + 43];
        answer_in_a_new_browser(link).await;
    }
    // HRM watches the response: two answers are fewer than k, so it still shows none.
    c.goto(&wave_page).await.unwrap();
    wait_for_text(&c, "#progress-total", "Minstens 0 van de 400").await;
    assert_accessible(&c, "a wave's page while it runs").await;
    c.execute(
        "document.querySelector('#progress').scrollIntoView()",
        vec![],
    )
    .await
    .unwrap();
    screenshots(&c, "hrm-respons").await;
    // Closed by hand on the poll's page; the bundle downloads.
    c.goto(&poll_page).await.unwrap();
    click(&c, "form[action$='/sluiten'] button").await;
    wait_for_text(&c, "tbody td + td", "gesloten").await;
    let download = download_bundle(&c).await;
    assert!(download.starts_with("200 application/zip"), "{download}");
    c.close().await.unwrap();
    // The wave's page in English.
    let (c, _driver, _profile) = browser_in(true, "en-GB,en").await;
    log_in(&c, &server.base, &hrm[2], &hrm[3]).await;
    c.goto(&wave_page).await.unwrap();
    wait_for_text(&c, "#invitees", "Invitees").await;
    assert_accessible(&c, "a wave's page in English").await;
    c.close().await.unwrap();
}

/// Fetches `path` from the page (with its session) and says `"STATUS CONTENT-TYPE BYTES"`.
async fn fetch_from_page(c: &Client, path: &str) -> String {
    serde_json::from_value(
        c.execute_async(
            "const done = arguments[arguments.length - 1];
             fetch(arguments[0])
               .then(r => r.arrayBuffer().then(b => done(r.status + ' ' + r.headers.get('content-type') + ' ' + b.byteLength)))
               .catch(e => done('failed ' + e));",
            vec![serde_json::json!(path)],
        )
        .await
        .unwrap(),
    )
    .unwrap()
}

/// Issue #12: a manager downloads a handout, records a thermometer conversation and its
/// follow-up and reads the kit and the results of their unit; HRM sees the conversations in
/// the sfeerbeeld and edits the kit; every new page passes axe-core in Dutch and English and
/// is photographed at phone and desktop width.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_manager_holds_a_thermometer_conversation_and_hrm_sees_the_sfeerbeeld() {
    if !browser_available() {
        return;
    }
    let server = Demo::create(3000);
    let _running = server.serve();
    let account = |role: &str| {
        server
            .accounts
            .iter()
            .find(|a| a[1] == role)
            .unwrap_or_else(|| panic!("the demo's {role} account"))
            .clone()
    };
    let manager = account("leidinggevende");
    let (c, _driver, _profile) = browser(true).await;
    log_in(&c, &server.base, &manager[2], &manager[3]).await;
    c.goto(&format!("{}/leiding", server.base)).await.unwrap();
    wait_for_text(&c, "h2", "").await;
    assert_accessible(&c, "the manager's home").await;
    screenshots(&c, "leiding").await;
    // The handout of the first team, and the blank one.
    let href = c
        .find(Locator::Css("a[href^='/leiding/handout.pdf?team=']"))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    let got = fetch_from_page(&c, &href).await;
    assert!(got.starts_with("200 application/pdf "), "{got}");
    let got = fetch_from_page(&c, "/leiding/handout.pdf").await;
    assert!(got.starts_with("200 application/pdf "), "{got}");
    // Record a conversation.
    click(&c, "a[href='/leiding/gesprekken/nieuw']").await;
    wait_for_text(&c, "h1", "Gesprek vastleggen").await;
    assert_accessible(&c, "the conversation form").await;
    screenshots(&c, "gesprek-nieuw").await;
    c.find(Locator::Css("#team option:nth-child(2)"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let participants = c.find(Locator::Css("#participants")).await.unwrap();
    participants.send_keys("8").await.unwrap();
    c.find(Locator::Css("#temperature_koopkracht option[value='2']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    click(&c, "input[name=signals][value=financiele_zorgen]").await;
    c.find(Locator::Css("#actions"))
        .await
        .unwrap()
        .send_keys("Teamdag over geldzorgen plannen")
        .await
        .unwrap();
    click(&c, "form[action='/leiding/gesprekken'] button.primary").await;
    wait_for_text(&c, "[role=status] p", "Het gesprek is opgeslagen").await;
    assert_accessible(&c, "a recorded conversation").await;
    screenshots(&c, "gesprek").await;
    // Its follow-up.
    click(&c, "input[name=result][value=partly]").await;
    click(&c, "form[action$='/opvolging'] button.primary").await;
    wait_for_text(&c, "[role=status] p", "De opvolging is opgeslagen").await;
    // The kit and the unit's results.
    c.goto(&format!("{}/leiding/handreiking", server.base))
        .await
        .unwrap();
    wait_for_text(&c, "h1", "Handreiking").await;
    assert_accessible(&c, "the kit").await;
    screenshots(&c, "handreiking").await;
    c.goto(&format!("{}/leiding/resultaten", server.base))
        .await
        .unwrap();
    wait_for_text(&c, "h1", "Resultaten").await;
    assert_accessible(&c, "the unit's results").await;
    screenshots(&c, "resultaten").await;
    // In English too.
    c.goto(&format!("{}/taal/en", server.base)).await.unwrap();
    for (path, heading) in [
        ("/leiding", ""),
        ("/leiding/gesprekken/nieuw", "Record a conversation"),
        ("/leiding/handreiking", "Guide"),
        ("/leiding/resultaten", "Results"),
    ] {
        c.goto(&format!("{}{path}", server.base)).await.unwrap();
        wait_for_text(&c, "h1", heading).await;
        assert_accessible(&c, &format!("{path} in English")).await;
    }
    c.close().await.unwrap();

    // HRM: the sfeerbeeld (the demo's year of conversations and this one), the kit's pages.
    let hrm = account("hrm");
    let (h, _driver, _profile) = browser(true).await;
    log_in(&h, &server.base, &hrm[2], &hrm[3]).await;
    for (path, heading, shot) in [
        ("/hrm/sfeerbeeld", "Sfeerbeeld", "sfeerbeeld"),
        (
            "/hrm/gesprekskit/handreiking",
            "Handreiking",
            "kit-bewerken",
        ),
        ("/hrm/gesprekskit/hulp", "Hulpmogelijkheden", "hulp"),
        ("/hrm/gesprekskit/signalen", "Signalen", "signalen"),
    ] {
        h.goto(&format!("{}{path}", server.base)).await.unwrap();
        wait_for_text(&h, "h1", heading).await;
        assert_accessible(&h, path).await;
        screenshots(&h, shot).await;
    }
    h.goto(&format!("{}/hrm/sfeerbeeld", server.base))
        .await
        .unwrap();
    let table = text_of(&h, "table.figures").await;
    assert!(table.contains("Hele organisatie"), "{table}");
    let got = fetch_from_page(&h, "/hrm/sfeerbeeld.csv").await;
    assert!(got.starts_with("200 text/csv"), "{got}");
    h.goto(&format!("{}/taal/en", server.base)).await.unwrap();
    for path in ["/hrm/sfeerbeeld", "/hrm/gesprekskit/factsheet"] {
        h.goto(&format!("{}{path}", server.base)).await.unwrap();
        wait_for_text(&h, "h1", "").await;
        assert_accessible(&h, &format!("{path} in English")).await;
    }
    h.close().await.unwrap();
}

/// Issue #13: HRM opens the sociaal jaarbeeld from the workspace, downloads it as PDF and as
/// XLSX for the latest half year, and records indicator values (a wrong line first, named
/// beside the field, then a right one); every page passes axe-core in Dutch and English and
/// is photographed at phone and desktop width.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hrm_downloads_the_jaarbeeld_and_records_indicators() {
    if !browser_available() {
        return;
    }
    let server = Demo::create(3000);
    let _running = server.serve();
    let hrm = server
        .accounts
        .iter()
        .find(|a| a[1] == "hrm")
        .expect("the demo's HRM account")
        .clone();
    let (c, _driver, _profile) = browser(true).await;
    log_in(&c, &server.base, &hrm[2], &hrm[3]).await;
    c.goto(&format!("{}/hrm", server.base)).await.unwrap();
    click(&c, "a[href='/hrm/jaarbeeld']").await;
    wait_for_text(&c, "h1", "Sociaal jaarbeeld").await;
    assert_accessible(&c, "the jaarbeeld page").await;
    screenshots(&c, "jaarbeeld").await;
    let period = c
        .find(Locator::Css("#period option"))
        .await
        .unwrap()
        .attr("value")
        .await
        .unwrap()
        .unwrap();
    for (format, kind) in [
        ("pdf", "application/pdf"),
        (
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    ] {
        let got = fetch_from_page(
            &c,
            &format!("/hrm/jaarbeeld/download?period={period}&format={format}&lang=nl"),
        )
        .await;
        assert!(got.starts_with(&format!("200 {kind} ")), "{got}");
    }
    // Indicators: the demo's three, a wrong line refused and named, then a value recorded.
    c.goto(&format!("{}/hrm/indicatoren", server.base))
        .await
        .unwrap();
    wait_for_text(&c, "h1", "Indicatoren").await;
    let table = text_of(&c, "table").await;
    assert!(table.contains("VIK-onderzoeken"), "{table}");
    assert_accessible(&c, "the indicators page").await;
    screenshots(&c, "indicatoren").await;
    let csv = c.find(Locator::Css("#csv")).await.unwrap();
    csv.send_keys("indicator;eenheid;periode;waarde\nziekteverzuim;;2026-H7;5,1\n")
        .await
        .unwrap();
    click(&c, "form[action='/hrm/indicatoren/waarden'] button.primary").await;
    wait_for_text(&c, "#csv-error li", "Regel 2: 2026-H7 is geen halfjaar").await;
    assert_accessible(&c, "a refused import").await;
    screenshots(&c, "indicatoren-fout").await;
    let csv = c.find(Locator::Css("#csv")).await.unwrap();
    csv.clear().await.unwrap();
    csv.send_keys(&format!(
        "indicator;eenheid;periode;waarde\nziekteverzuim;;{period};5,1\n"
    ))
    .await
    .unwrap();
    click(&c, "form[action='/hrm/indicatoren/waarden'] button.primary").await;
    wait_for_text(&c, "[role=status]", "1 waarde vastgelegd").await;
    c.goto(&format!("{}/taal/en", server.base)).await.unwrap();
    for (path, heading) in [
        ("/hrm/jaarbeeld", "Social annual report"),
        ("/hrm/indicatoren", "Indicators"),
    ] {
        c.goto(&format!("{}{path}", server.base)).await.unwrap();
        wait_for_text(&c, "h1", heading).await;
        assert_accessible(&c, &format!("{path} in English")).await;
    }
    c.close().await.unwrap();
}

/// Issue #13: a unit's coordinator logs in and lands on their unit's indicators, records one
/// value (a wrong one first, named beside its field), is refused a CSV line of another unit,
/// and records from CSV; every page passes axe-core in Dutch and English and is photographed
/// at phone and desktop width.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coordinator_records_the_indicators_of_their_unit() {
    if !browser_available() {
        return;
    }
    let server = Demo::create(400);
    let _running = server.serve();
    let co = server
        .accounts
        .iter()
        .find(|a| a[1] == "coordinator")
        .expect("the demo's coordinator account")
        .clone();
    let unit = co[4].clone();
    let (c, _driver, _profile) = browser(true).await;
    log_in(&c, &server.base, &co[2], &co[3]).await;
    wait_for_text(&c, "h1", "Indicatoren van Eenheid").await;
    assert!(c.current_url().await.unwrap().path() == "/coordinatie");
    let table = text_of(&c, "table").await;
    assert!(
        table.contains("VIK-onderzoeken") && table.contains("Ziekteverzuim"),
        "{table}"
    );
    assert_accessible(&c, "the coordinator's page").await;
    screenshots(&c, "coordinatie").await;
    let period = c
        .find(Locator::Css("#period option[selected]"))
        .await
        .unwrap()
        .attr("value")
        .await
        .unwrap()
        .unwrap();
    // A count with a decimal comma is refused beside the field; the value typed stays.
    c.find(Locator::Css("#value"))
        .await
        .unwrap()
        .send_keys("2,5")
        .await
        .unwrap();
    click(&c, "form[action='/coordinatie/waarde'] button.primary").await;
    wait_for_text(&c, "#value-error", "2,5 is geen aantal").await;
    assert_accessible(&c, "a refused value").await;
    screenshots(&c, "coordinatie-fout").await;
    let value = c.find(Locator::Css("#value")).await.unwrap();
    value.clear().await.unwrap();
    value.send_keys("3").await.unwrap();
    click(&c, "form[action='/coordinatie/waarde'] button.primary").await;
    wait_for_text(&c, "[role=status]", "1 waarde vastgelegd").await;
    let table = text_of(&c, "table").await;
    assert!(table.contains(&format!("{period}: 3")), "{table}");
    // Another unit's line refuses the whole text.
    let other = if unit == "ON" { "NN" } else { "ON" };
    let csv = c.find(Locator::Css("#csv")).await.unwrap();
    csv.send_keys(&format!(
        "indicator;eenheid;periode;waarde\nziekteverzuim;{unit};{period};4,2\nziekteverzuim;{other};{period};5,1\n"
    ))
    .await
    .unwrap();
    click(&c, "form[action='/coordinatie/waarden'] button.primary").await;
    wait_for_text(
        &c,
        "#csv-error li",
        &format!("Regel 3: {other} is niet jouw eenheid"),
    )
    .await;
    assert_accessible(&c, "a refused import").await;
    screenshots(&c, "coordinatie-csv-fout").await;
    let csv = c.find(Locator::Css("#csv")).await.unwrap();
    csv.clear().await.unwrap();
    csv.send_keys(&format!(
        "indicator;eenheid;periode;waarde\nziekteverzuim;{unit};{period};4,2\n"
    ))
    .await
    .unwrap();
    click(&c, "form[action='/coordinatie/waarden'] button.primary").await;
    wait_for_text(&c, "[role=status]", "1 waarde vastgelegd").await;
    let table = text_of(&c, "table").await;
    assert!(table.contains(&format!("{period}: 4,2")), "{table}");
    // Survey results are not theirs.
    c.goto(&format!("{}/hrm/dashboard", server.base))
        .await
        .unwrap();
    wait_for_text(&c, "h1", "Dat mag niet").await;
    c.goto(&format!("{}/taal/en", server.base)).await.unwrap();
    c.goto(&format!("{}/coordinatie", server.base))
        .await
        .unwrap();
    wait_for_text(&c, "h1", "Indicators of Eenheid").await;
    assert_accessible(&c, "the coordinator's page in English").await;
    screenshots(&c, "coordinatie-en").await;
    c.close().await.unwrap();
}

/// Issue #13: HRM opens the results dashboard from the workspace, drills down from the
/// organisation through a unit and a district to a team by its links, compares two waves,
/// sees every chart load, and downloads the report; every page passes axe-core in Dutch and
/// English and is photographed at phone and desktop width.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hrm_drills_down_the_dashboard_to_a_team_and_downloads_the_report() {
    if !browser_available() {
        return;
    }
    let server = Demo::create(3000);
    let _running = server.serve();
    let hrm = server
        .accounts
        .iter()
        .find(|a| a[1] == "hrm")
        .expect("the demo's HRM account")
        .clone();
    let (c, _driver, _profile) = browser(true).await;
    log_in(&c, &server.base, &hrm[2], &hrm[3]).await;
    c.goto(&format!("{}/hrm", server.base)).await.unwrap();
    click(&c, "a[href='/hrm/dashboard']").await;
    wait_for_text(&c, "h1", "Resultaten").await;
    assert_accessible(&c, "the dashboard").await;
    screenshots(&c, "dashboard").await;
    // Every chart on the page is an image that loaded (an SVG from the server).
    let charts_loaded = || async {
        let v = c
            .execute(
                "return Array.from(document.querySelectorAll('figure.chart img'))
                   .map(i => { i.loading = 'eager'; return i.src; }).length",
                vec![],
            )
            .await
            .unwrap();
        let count = v.as_u64().unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let ok = c
                .execute(
                    "return Array.from(document.querySelectorAll('figure.chart img'))
                       .every(i => i.complete && i.naturalWidth > 0)",
                    vec![],
                )
                .await
                .unwrap();
            if ok == serde_json::Value::Bool(true) {
                return count;
            }
            assert!(Instant::now() < deadline, "a chart did not load");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    };
    assert!(charts_loaded().await >= 2);
    // The census flash poll reports districts and teams.
    c.find(Locator::XPath(
        "//select[@id='peiling']/option[contains(., 'koopkracht')]",
    ))
    .await
    .unwrap()
    .click()
    .await
    .unwrap();
    click(&c, "form:has(#peiling) button").await;
    wait_for_text(&c, "section.card h2", "Flitspeiling koopkracht").await;
    for (part, css) in [("heatmap", "table.heat"), ("trends", "figure.chart img")] {
        c.execute(
            &format!("document.querySelector('{css}').scrollIntoView()"),
            vec![],
        )
        .await
        .unwrap();
        screenshots(&c, &format!("dashboard-{part}")).await;
    }
    // Down the tree: a unit, one of its districts, one of its teams.
    let mut trail = vec![text_of(&c, "ol.trail li[aria-current=page]").await];
    for level in ["unit", "district", "team"] {
        let link = c
            .find(Locator::Css("table.heat tbody th a"))
            .await
            .unwrap_or_else(|_| panic!("a {level} to drill into"));
        let name = link.text().await.unwrap();
        link.click().await.unwrap();
        wait_for_text(&c, "ol.trail li[aria-current=page]", &name).await;
        trail.push(name);
        let steps = text_of(&c, "ol.trail").await;
        for step in &trail {
            assert!(steps.contains(step.as_str()), "{steps} lacks {step}");
        }
        assert!(charts_loaded().await >= 1, "{level}");
    }
    let url = c.current_url().await.unwrap().to_string();
    assert!(url.contains("groep=team%3D"), "{url}");
    assert_accessible(&c, "a team on the dashboard").await;
    screenshots(&c, "dashboard-team").await;
    // Compare with the oldest wave: the page says the pair is tested as its own family
    // when the two waves are not consecutive.
    let waves = c.find_all(Locator::Css("#van option")).await.unwrap().len();
    if waves > 2 {
        c.find(Locator::Css("#van option"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        click(&c, "form:has(#van) button").await;
        wait_for_text(&c, "h1", "Resultaten").await;
        let page = text_of(&c, "main").await;
        assert!(page.contains("liggen niet naast elkaar"), "{page}");
    }
    // One level back up by the trail.
    let up = c.find_all(Locator::Css("ol.trail li a")).await.unwrap();
    up[1].click().await.unwrap();
    wait_for_text(&c, "ol.trail li[aria-current=page]", &trail[1]).await;
    // The report, from the same workspace.
    c.goto(&format!("{}/hrm/jaarbeeld", server.base))
        .await
        .unwrap();
    let period = c
        .find(Locator::Css("#period option"))
        .await
        .unwrap()
        .attr("value")
        .await
        .unwrap()
        .unwrap();
    let got = fetch_from_page(
        &c,
        &format!("/hrm/jaarbeeld/download?period={period}&format=pdf&lang=nl"),
    )
    .await;
    assert!(got.starts_with("200 application/pdf "), "{got}");
    c.goto(&format!("{}/taal/en", server.base)).await.unwrap();
    c.goto(&format!("{}/hrm/dashboard", server.base))
        .await
        .unwrap();
    wait_for_text(&c, "h1", "Results").await;
    assert_accessible(&c, "the dashboard in English").await;
    c.close().await.unwrap();
}

/// Every `GET` route of the router (`server/src/web/mod.rs`) with its parameters, so that a
/// new page this test does not know fails it.
fn router_get_routes() -> Vec<String> {
    crate::routes::routes("get")
}

/// Routes that answer with something else than a page, or only redirect: not for axe.
const NOT_PAGES: &[(&str, &str)] = &[
    ("/leiding/handout.pdf", "PDF"),
    ("/hrm/sfeerbeeld.csv", "CSV"),
    (
        "/hrm/dashboard/grafiek.svg",
        "an SVG image, with its table on the dashboard page",
    ),
    ("/hrm/jaarbeeld/download", "PDF or XLSX"),
    ("/p/{token}", "redirects to /v (checked there)"),
    ("/api/openapi.json", "JSON"),
    ("/taal/{lang}", "sets the language and redirects"),
    ("/assets/polsslag.css", "the stylesheet"),
    ("/health", "plain text for load balancers"),
];

/// The first link on the current page whose path starts with `prefix` (and is longer).
async fn first_link(c: &Client, prefix: &str) -> String {
    serde_json::from_value(
        c.execute(
            "const p = arguments[0];
             const a = [...document.querySelectorAll('a[href]')]
               .map(a => new URL(a.href).pathname)
               .find(h => h.startsWith(p) && h.length > p.length && !h.includes('.'));
             return a || '';",
            vec![serde_json::json!(prefix)],
        )
        .await
        .unwrap(),
    )
    .unwrap()
}

/// Issue #14: every page of every role, and the pages of people without an account, pass
/// axe-core (WCAG 2.1 A and AA) in Dutch and in English, and reflow without scrolling
/// sideways at 320 CSS pixels (WCAG 1.4.10: as a 1280-pixel window at 400 %, so 200 % too);
/// a screenshot of each at 320 px is left in the temp directory
/// (`polsslag-every-page-<role>-<n>-320.png`). The routes come from the router.
#[tokio::test]
async fn every_page_of_every_role_passes_axe_in_both_languages_and_reflows_at_320_px() {
    if !browser_available() {
        return;
    }
    let server = Demo::create(400);
    let _running = server.serve();
    let account = |role: &str| {
        server
            .accounts
            .iter()
            .find(|a| a[1] == role)
            .unwrap_or_else(|| panic!("the demo's {role}"))
            .clone()
    };
    let wave = server.open_waves[0].0.clone();
    let personal = server.links[0].clone();
    // Pages per role; `{poll}` and `{conversation}` are read off the pages as a person finds
    // them.
    let roles: [(&str, Vec<&str>); 5] = [
        (
            "anonymous",
            vec!["/", "/login", "/bedankt", "/v", "/bestaat-niet", "PERSONAL"],
        ),
        (
            "beheerder",
            vec![
                "/beheer",
                "/beheer/organisatie",
                "/beheer/personeel",
                "/beheer/audit",
                "/beheer/tokens",
                "/account",
                "/leiding/handreiking",
            ],
        ),
        (
            "hrm",
            vec![
                "/hrm",
                "/hrm/nieuwe-peiling",
                "/hrm/vragenbank",
                "/hrm/peilingen/{id}",
                "/hrm/peilingen/{id}/voorbeeld",
                "/hrm/peilingen/{id}/bewerken",
                "/hrm/golven/{id}",
                "/hrm/gesprekskit",
                "/hrm/gesprekskit/hulp",
                "/hrm/gesprekskit/signalen",
                "/hrm/gesprekskit/{kind}",
                "/hrm/sfeerbeeld",
                "/hrm/dashboard",
                "/hrm/jaarbeeld",
                "/hrm/indicatoren",
            ],
        ),
        (
            "leidinggevende",
            vec![
                "/leiding",
                "/leiding/gesprekken/nieuw",
                "/leiding/gesprekken/{id}",
                "/leiding/resultaten",
            ],
        ),
        ("coordinator", vec!["/coordinatie"]),
    ];
    // Every page of the router is visited (or is not a page, with its reason).
    let visited: Vec<&str> = roles.iter().flat_map(|(_, p)| p.iter().copied()).collect();
    let missing: Vec<String> = router_get_routes()
        .into_iter()
        .filter(|r| !visited.contains(&r.as_str()) && !NOT_PAGES.iter().any(|(p, _)| p == r))
        .collect();
    assert!(
        missing.is_empty(),
        "pages this test does not visit: {missing:?}"
    );

    let mut checked = 0;
    for (role, pages) in &roles {
        let (c, _driver, _profile) = browser(true).await;
        if *role != "anonymous" {
            let a = account(role);
            log_in(&c, &server.base, &a[2], &a[3]).await;
        }
        // The concrete paths, found as a person finds them.
        let mut paths = Vec::new();
        for page in pages {
            let path = match *page {
                "PERSONAL" => personal.clone(),
                "/hrm/golven/{id}" => format!("/hrm/golven/{wave}"),
                "/hrm/gesprekskit/{kind}" => "/hrm/gesprekskit/factsheet".to_string(),
                p if p.starts_with("/hrm/peilingen/{id}") => {
                    c.goto(&format!("{}/hrm", server.base)).await.unwrap();
                    let poll = first_link(&c, "/hrm/peilingen/").await;
                    assert!(!poll.is_empty(), "a poll on /hrm");
                    p.replace("/hrm/peilingen/{id}", &poll)
                }
                "/leiding/gesprekken/{id}" => {
                    c.goto(&format!("{}/leiding", server.base)).await.unwrap();
                    let link = first_link(&c, "/leiding/gesprekken/").await;
                    let link = if link.ends_with("/nieuw") {
                        String::new()
                    } else {
                        link
                    };
                    assert!(!link.is_empty(), "a recorded conversation on /leiding");
                    link
                }
                p => p.to_string(),
            };
            paths.push(path);
        }
        for lang in ["nl", "en"] {
            c.goto(&format!("{}/taal/{lang}", server.base))
                .await
                .unwrap();
            for (n, path) in paths.iter().enumerate() {
                let url = if path.starts_with("http") {
                    path.clone()
                } else {
                    format!("{}{path}", server.base)
                };
                c.goto(&url).await.unwrap();
                let what = format!("{path} as {role} ({lang})");
                let shown: String = serde_json::from_value(
                    c.execute("return document.documentElement.lang", vec![])
                        .await
                        .unwrap(),
                )
                .unwrap();
                assert_eq!(shown, lang, "{what}: the page's language");
                assert_accessible(&c, &what).await;
                if lang == "nl" {
                    c.set_window_size(320, 800).await.unwrap();
                    // The page reflows after the resize.
                    tokio::time::sleep(Duration::from_millis(200)).await;
                    let overflow: serde_json::Value = c
                        .execute(
                            "return document.documentElement.scrollWidth - document.documentElement.clientWidth",
                            vec![],
                        )
                        .await
                        .unwrap();
                    if overflow.as_i64().unwrap_or(0) > 0 {
                        let wide = c
                            .execute(
                                "const w = document.documentElement.clientWidth;
                                 return [document.body, ...document.querySelectorAll('body *')]
                                   .filter(e => e.getBoundingClientRect().right > w + 1 || e.scrollWidth > e.clientWidth + 1)
                                   .slice(0, 8).map(e => e.tagName + '.' + e.className + '#' + e.id
                                     + ' ' + Math.round(e.getBoundingClientRect().right) + '/' + e.scrollWidth + '/' + e.clientWidth + ' ' + getComputedStyle(e).overflowX);",
                                vec![],
                            )
                            .await
                            .unwrap();
                        panic!("{what} scrolls sideways at 320 px by {overflow} px: {wide}");
                    }
                    std::fs::write(
                        std::env::temp_dir()
                            .join(format!("polsslag-every-page-{role}-{n:02}-320.png")),
                        c.screenshot().await.unwrap(),
                    )
                    .ok();
                    c.set_window_size(390, 844).await.unwrap();
                }
                checked += 1;
            }
        }
        c.close().await.unwrap();
    }
    eprintln!(
        "axe: {checked} pages × language checked, {} roles",
        roles.len()
    );
}

/// Waits until the poll page is hydrated: a choice made before then can be undone by the
/// hydration (seen in CI under load; a candidate issue of its own), so a test with JavaScript
/// answers a new page only once it is.
async fn hydrated(c: &Client) {
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("form[data-ready=true]"))
        .await
        .expect("the page hydrates");
}

/// Presses one key (a WebDriver key, e.g. `Key::Tab`) on whatever has the focus.
async fn press(c: &Client, key: fantoccini::key::Key) {
    use fantoccini::actions::{InputSource, KeyAction, KeyActions};
    let k = char::from(key);
    let keys = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: k })
        .then(KeyAction::Up { value: k });
    c.perform_actions(keys).await.unwrap();
}

/// Types `text` into whatever has the focus.
async fn type_text(c: &Client, text: &str) {
    use fantoccini::actions::{InputSource, KeyAction, KeyActions};
    let mut keys = KeyActions::new("keyboard".into());
    for ch in text.chars() {
        keys = keys
            .then(KeyAction::Down { value: ch })
            .then(KeyAction::Up { value: ch });
    }
    c.perform_actions(keys).await.unwrap();
}

/// Issue #14: the whole multi-page monitor answered with the keyboard alone — Tab to each
/// question, Space to choose, letters in the open fields, Enter on the button — with and
/// without JavaScript, until the thank-you page. No mouse, no click.
#[tokio::test]
async fn a_poll_is_answered_with_the_keyboard_alone() {
    use fantoccini::key::Key;
    if !browser_available() {
        return;
    }
    let server = Demo::create(400);
    let _running = server.serve();
    for (javascript, link) in [(true, &server.links[0]), (false, &server.links[1])] {
        let (c, _driver, _profile) = browser(javascript).await;
        c.goto(link).await.unwrap();
        if javascript {
            c.wait()
                .at_most(Duration::from_secs(20))
                .for_element(Locator::Css("form[data-ready=true]"))
                .await
                .expect("the page hydrates");
        }
        let mut presses = 0;
        let mut pages = 1;
        loop {
            let h1 = text_of(&c, "h1").await;
            if h1.starts_with("Bedankt") {
                break;
            }
            assert!(
                presses < 3000,
                "js={javascript}: stuck after {presses} keys on {h1}"
            );
            press(&c, Key::Tab).await;
            presses += 1;
            // What has the focus, and whether its question is answered yet.
            let focus: serde_json::Value = c
                .execute(
                    "const e = document.activeElement;
                     const group = e.name ? [...document.getElementsByName(e.name)] : [];
                     return { tag: e.tagName, type: e.type || '', value: e.value || '',
                              answered: (e.type === 'radio' || e.type === 'checkbox')
                                ? group.some(g => g.checked) : (e.value || '') !== '' };",
                    vec![],
                )
                .await
                .unwrap();
            let (tag, kind, value, answered) = (
                focus["tag"].as_str().unwrap_or(""),
                focus["type"].as_str().unwrap_or(""),
                focus["value"].as_str().unwrap_or(""),
                focus["answered"].as_bool().unwrap_or(false),
            );
            match (tag, kind) {
                ("INPUT", "radio" | "checkbox") if !answered => press(&c, Key::Space).await,
                ("TEXTAREA", _) | ("INPUT", "text") if !answered => type_text(&c, "prima").await,
                ("BUTTON", _) if value == "volgende" || value == "verstuur" => {
                    let before = text_of(&c, ".progress p").await;
                    press(&c, Key::Enter).await;
                    if value == "verstuur" {
                        wait_for_text(&c, "h1", "Bedankt").await;
                    } else {
                        pages += 1;
                        wait_for_text(&c, ".progress p", &format!("Pagina {pages} van")).await;
                        assert_ne!(before, text_of(&c, ".progress p").await);
                        if javascript {
                            hydrated(&c).await;
                        }
                    }
                }
                _ => {}
            }
        }
        eprintln!("keyboard: js={javascript}: {pages} pages answered with {presses} Tab presses");
        c.close().await.unwrap();
    }
}

/// Fills the form posting to `action` with the keyboard alone and sends it: Tab from field to
/// field (past everything outside the form), the arrow key in an empty list, Space on a group
/// of radio buttons or boxes with nothing chosen, `text` (or digits) in an empty field, Enter
/// on the form's main button. Returns the number of Tab presses.
async fn fill_with_the_keyboard(c: &Client, action: &str, text: &str) -> usize {
    use fantoccini::key::Key;
    let mut presses = 0;
    loop {
        assert!(presses < 600, "stuck in {action} after {presses} keys");
        press(c, Key::Tab).await;
        presses += 1;
        let focus: serde_json::Value = c
            .execute(
                "const e = document.activeElement;
                 const group = e.name ? [...document.getElementsByName(e.name)] : [];
                 return { tag: e.tagName, type: e.type || '', value: e.value || '',
                          primary: e.classList.contains('primary'),
                          inForm: !!e.closest('form[action=\"' + arguments[0] + '\"]'),
                          checked: group.some(g => g.checked) };",
                vec![serde_json::json!(action)],
            )
            .await
            .unwrap();
        if !focus["inForm"].as_bool().unwrap_or(false) {
            continue;
        }
        let s = |k: &str| focus[k].as_str().unwrap_or("").to_string();
        let checked = focus["checked"].as_bool().unwrap_or(false);
        match (s("tag").as_str(), s("type").as_str()) {
            ("SELECT", _) if s("value").is_empty() => press(c, Key::Down).await,
            ("INPUT", "radio" | "checkbox") if !checked => press(c, Key::Space).await,
            ("INPUT", "number") if s("value").is_empty() => type_text(c, "8").await,
            ("INPUT", "text") | ("TEXTAREA", _) if s("value").is_empty() => {
                type_text(c, text).await
            }
            ("BUTTON", _) if focus["primary"].as_bool().unwrap_or(false) => {
                press(c, Key::Enter).await;
                return presses;
            }
            _ => {}
        }
    }
}

/// Issue #14: a manager records a thermometer conversation, and HRM creates a poll from a
/// template, each with the keyboard alone (no mouse, no click).
#[tokio::test]
async fn a_conversation_is_recorded_and_a_poll_created_with_the_keyboard_alone() {
    if !browser_available() {
        return;
    }
    let server = Demo::create(400);
    let _running = server.serve();
    let account = |role: &str| {
        server
            .accounts
            .iter()
            .find(|a| a[1] == role)
            .unwrap_or_else(|| panic!("the demo's {role}"))
            .clone()
    };
    let manager = account("leidinggevende");
    let (c, _driver, _profile) = browser(true).await;
    log_in(&c, &server.base, &manager[2], &manager[3]).await;
    c.goto(&format!("{}/leiding/gesprekken/nieuw", server.base))
        .await
        .unwrap();
    wait_for_text(&c, "h1", "Gesprek vastleggen").await;
    let presses = fill_with_the_keyboard(&c, "/leiding/gesprekken", "Teamdag plannen").await;
    wait_for_text(&c, "[role=status] p", "Het gesprek is opgeslagen").await;
    eprintln!("keyboard: a conversation recorded with {presses} Tab presses");
    c.close().await.unwrap();

    let hrm = account("hrm");
    let (c, _driver, _profile) = browser(true).await;
    log_in(&c, &server.base, &hrm[2], &hrm[3]).await;
    c.goto(&format!("{}/hrm/nieuwe-peiling", server.base))
        .await
        .unwrap();
    wait_for_text(&c, "h1", "Nieuwe peiling").await;
    let presses = fill_with_the_keyboard(&c, "/hrm/peilingen", "Toetsenbordpeiling").await;
    wait_for_text(&c, "#waves", "Golven").await;
    eprintln!("keyboard: a poll created from a template with {presses} Tab presses");
    c.close().await.unwrap();
}
