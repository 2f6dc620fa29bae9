//! Issue #14, on SQLite and PostgreSQL: whatever people type into names and texts comes back
//! as the text they typed, never as markup, a template, typst code or a formula, in every
//! output: the pages (HTML), the charts (SVG), the handout and the report (PDF), the report's
//! workbook (XLSX) and the CSV files. Invisible direction and width controls are never stored
//! in a name, so a name cannot turn the text around it backwards nor pass for another.

use crate::access::{logged_in, token_in};
use crate::common::{fixture, pdf_text, TestApp, ACTOR, Q};
use app::domain::{
    Localized, PollKind, QuestionKind, ReportingAttribute, ReportingThreshold, Role, WaveStatus,
};
use app::services::polls::{self, NewPoll};
use app::services::questions::{self, NewQuestion, Spec};
use app::services::roster::{self, NewEmployee};
use app::services::{invitations, organisation, today, waves};

on_both_backends!(every_output_shows_typed_text_as_text);

const SCRIPT: &str = "<script>alert('x')</script><img src=x onerror=alert(1)>";
const TEMPLATE: &str = "{{naam}} {$x} [link]";
const TYPST: &str = "#set text(fill: red) *vet* $x^2$ // c";
const FORMULA: &str = "=HYPERLINK(\"https://evil.example\",\"klik\")";
/// A right-to-left override, a zero-width space and a word joiner.
const INVISIBLE: &str = "\u{202E}fdp.exe\u{200B}\u{2060}";

/// The unit's name: markup, a template, typst code and invisible controls.
fn unit_name() -> String {
    format!("Eenheid {SCRIPT} {TEMPLATE} {TYPST} {INVISIBLE}")
}

/// Escaped HTML of `SCRIPT`, as a page must show it.
const SCRIPT_ESCAPED: &str = "&lt;script&gt;alert(";

/// HTML (or SVG) that shows typed text as text: no tag of it, no invisible control.
fn check_markup(what: &str, body: &str, must_show: bool) {
    assert!(
        !body.contains("<script>alert"),
        "{what}: a script tag of a name\n{body}"
    );
    assert!(
        !body.contains("<img src=x"),
        "{what}: an image tag of a name"
    );
    for c in ['\u{202E}', '\u{200B}', '\u{2060}'] {
        assert!(!body.contains(c), "{what}: holds U+{:04X}", c as u32);
    }
    if must_show {
        assert!(
            body.contains(SCRIPT_ESCAPED),
            "{what}: the name is not shown\n{body}"
        );
    }
}

/// Every cell of a CSV (`;` or `,`) that a spreadsheet would take for a formula.
fn formulas_in_csv(csv: &str) -> Vec<String> {
    let sep = if csv.lines().next().unwrap_or("").contains(';') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sep)
        .has_headers(false)
        .flexible(true)
        .from_reader(csv.as_bytes());
    reader
        .records()
        .flat_map(|r| r.unwrap().iter().map(str::to_string).collect::<Vec<_>>())
        .filter(|c| c.starts_with(['=', '+', '-', '@', '\t', '\r']))
        .collect()
}

async fn every_output_shows_typed_text_as_text(app: TestApp) {
    let fx = fixture(&app.store, vec![vec![Q::Likert("A1", true)]], 24, 5).await;
    // The organisation file names the units and teams with everything at once.
    let csv = format!(
        "code;naam;niveau;bovenliggend\nORG;\"{f}\";organisatie;\nU1;\"{}\";eenheid;ORG\nU1-T1;\"{f} team\";team;U1\n",
        unit_name().replace('"', "\"\""),
        f = FORMULA.replace('"', "\"\""),
    );
    let report =
        organisation::import_file(&app.store, &ACTOR, "organisatie.csv", csv.as_bytes(), false)
            .await
            .unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let units = organisation::units(&app.store, &ACTOR).await.unwrap();
    let stored = &units.iter().find(|(c, _)| c == "U1").unwrap().1;
    assert!(
        stored.contains(SCRIPT) && stored.contains(TYPST),
        "{stored:?}"
    );
    assert!(
        !stored.contains(['\u{202E}', '\u{200B}', '\u{2060}']),
        "stored without invisible controls: {stored:?}"
    );
    // People whose names a spreadsheet would run.
    let team = fx.team_id;
    let evil_people: Vec<NewEmployee> = [FORMULA, "@SUM(1+1)", "+31 6 12345678", "-2+3"]
        .iter()
        .enumerate()
        .map(|(i, name)| NewEmployee {
            employee_number: format!("X{i}"),
            name: (*name).to_string(),
            email: format!("x{i}@example.invalid"),
            team_id: team,
            unit_code: "U1".into(),
            district_code: None,
            team_code: "U1-T1".into(),
            age_band: "35-54".into(),
            role_group: "executief".into(),
            tenure_band: "5-15".into(),
            is_manager: false,
        })
        .collect();
    let mut everyone = fx.employees.clone();
    everyone.extend(roster::add(&app.store, &ACTOR, &evil_people).await.unwrap());
    // A poll whose title, introduction and question say it all again.
    let everything = format!("{SCRIPT} {TEMPLATE} {TYPST}");
    questions::add(
        &app.store,
        &ACTOR,
        NewQuestion {
            code: "X1".into(),
            theme: "testthema".into(),
            kind: QuestionKind::Likert,
            text: Localized::new(
                format!("Vraag {everything}"),
                format!("Question {everything}"),
            ),
            reversed: false,
            dont_know: false,
            required: false,
            sensitive: false,
            spec: Spec::default(),
        },
    )
    .await
    .unwrap();
    let poll = polls::create(
        &app.store,
        &ACTOR,
        NewPoll {
            template_code: None,
            kind: PollKind::Flash,
            title: Localized::new(
                format!("Peiling {everything}"),
                format!("Poll {everything}"),
            ),
            intro: Localized::new(format!("Intro {everything}"), format!("Intro {everything}")),
            pages: vec![vec!["X1".into()]],
            attributes: vec![ReportingAttribute::Unit],
            min_group: ReportingThreshold::new(5).unwrap(),
            required: None,
        },
    )
    .await
    .unwrap();
    let day = today();
    let wave = waves::create(
        &app.store,
        &ACTOR,
        waves::NewWave {
            audience: Vec::new(),
            poll: poll.clone(),
            label: "2026-H2".into(),
            opens_on: day - time::Duration::days(1),
            closes_on: day + time::Duration::days(14),
            status: WaveStatus::Open,
        },
    )
    .await
    .unwrap();
    let tokens = invitations::invite(&app.store, &ACTOR, &wave, &everyone)
        .await
        .unwrap()
        .tokens;
    // The invitation's text, as HRM writes it for the wave.
    app::services::mail::set_template(
        &app.store,
        &ACTOR,
        &wave,
        app::services::mail::Kind::Invitation,
        &app::services::mail::Template {
            subject_nl: format!("Uitnodiging {SCRIPT}"),
            body_nl: format!("Beste collega, {everything} hier: [link]"),
            subject_en: format!("Invitation {SCRIPT}"),
            body_en: format!("Dear colleague, {everything} here: [link]"),
        },
    )
    .await
    .unwrap();
    // Results for the dashboard and the report: the fixture's wave answered and closed.
    let fixture_tokens = invitations::invite(&app.store, &ACTOR, &fx.wave_id, &fx.employees)
        .await
        .unwrap()
        .tokens;
    for (_, t) in &fixture_tokens {
        app.answer_a1(t).await;
    }
    waves::close(&app.store, &ACTOR, &fx.wave_id).await.unwrap();

    // The pages, as the people who see them.
    let hrm = logged_in(&app, Role::HrmAnalyst).await;
    let admin = logged_in(&app, Role::Administrator).await;
    let get = |client: &reqwest::Client, path: String| {
        let client = client.clone();
        let url = format!("{}{path}", app.base);
        async move {
            let res = client.get(url).send().await.unwrap();
            let status = res.status().as_u16();
            (status, res.bytes().await.unwrap().to_vec())
        }
    };
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    for (who, path, shows) in [
        (&hrm, "/hrm".to_string(), false),
        (&hrm, format!("/hrm/peilingen/{poll}"), true),
        (&hrm, format!("/hrm/peilingen/{poll}/voorbeeld"), true),
        // The wave's page shows its invitation text in the form that edits it.
        (&hrm, format!("/hrm/golven/{wave}"), true),
        (&hrm, "/hrm/vragenbank".to_string(), true),
        (&hrm, "/hrm/dashboard".to_string(), true),
        // No conversations yet: the sfeerbeeld lists no unit.
        (&hrm, "/hrm/sfeerbeeld".to_string(), false),
        (&hrm, "/hrm/gesprekskit/hulp".to_string(), true),
        (&admin, "/beheer/organisatie".to_string(), true),
        (&admin, "/beheer/personeel".to_string(), false),
    ] {
        let (status, body) = get(who, path.clone()).await;
        assert_eq!(status, 200, "{path}");
        check_markup(&path, &text(body), shows);
    }
    // The respondent's page.
    let respondent = app.client();
    let (status, html) = app.open(&respondent, &tokens[0].1).await;
    assert_eq!(status, 200);
    check_markup("/v", &html, true);
    assert!(
        html.contains("{{naam}}") && html.contains("*vet*"),
        "shown as typed"
    );
    // The charts: SVG is markup too, and a browser runs a script in one opened on its own.
    for kind in ["heatmap", "verdeling"] {
        let (status, svg) = get(&hrm, format!("/hrm/dashboard/grafiek.svg?soort={kind}")).await;
        assert_eq!(status, 200, "{kind}");
        check_markup(kind, &text(svg), false);
    }

    // The handout and the report: typst sets the names as text, not as code.
    let (status, pdf) = get(&hrm, "/leiding/handout.pdf?team=U1-T1".into()).await;
    assert_eq!(status, 200);
    // Lines are wrapped where the PDF wraps them: compared with single spaces.
    let words = |t: String| t.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(t) = pdf_text(&pdf).map(words) {
        assert!(
            t.contains("=HYPERLINK(\"https://evil.example\",\"klik\") team"),
            "the team's name as typed:\n{t}"
        );
        assert!(
            t.contains("*vet*") && t.contains("#set text"),
            "typst code as text:\n{t}"
        );
        assert!(t.contains("<script>"), "{t}");
    }
    let period = app::domain::Period::of(day);
    let (status, pdf) = get(
        &hrm,
        format!("/hrm/jaarbeeld/download?period={period}&format=pdf"),
    )
    .await;
    assert_eq!(status, 200);
    if let Some(t) = pdf_text(&pdf).map(words) {
        assert!(t.contains("*vet*") && t.contains("{{naam}}"), "{t}");
    }
    // The workbook: every cell is a value; a name that looks like a formula is text.
    let (status, xlsx) = get(
        &hrm,
        format!("/hrm/jaarbeeld/download?period={period}&format=xlsx"),
    )
    .await;
    assert_eq!(status, 200);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut saw_name = false;
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().map(|n| n.to_string()).unwrap_or_default();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut f, &mut xml).unwrap();
        assert!(
            !xml.contains("<f>") && !xml.contains("<f "),
            "{name} holds a formula"
        );
        saw_name |= xml.contains("HYPERLINK(") || xml.contains("&lt;script&gt;");
    }
    assert!(saw_name, "the workbook shows the names");

    // The CSV files: no cell a spreadsheet would run.
    let (status, csv) = get(&hrm, "/hrm/sfeerbeeld.csv".into()).await;
    assert_eq!(status, 200);
    let csv = text(csv);
    // (No conversations yet: only its header, which must hold no formula either.)
    assert_eq!(formulas_in_csv(&csv), Vec::<String>::new(), "{csv}");
    let page = text(get(&hrm, format!("/hrm/golven/{wave}")).await.1);
    let res = hrm
        .post(format!("{}/hrm/golven/{wave}/links.csv", app.base))
        .form(&[("_csrf", token_in(&page))])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let csv = res.text().await.unwrap();
    assert!(csv.contains("'=HYPERLINK("), "{csv}");
    assert!(csv.contains("'@SUM(1+1)") && csv.contains("'+31 6") && csv.contains("'-2+3"));
    assert_eq!(formulas_in_csv(&csv), Vec::<String>::new(), "{csv}");
}
