//! Issue #13, on SQLite and PostgreSQL: the sociaal jaarbeeld. Three closed waves of one
//! poll: in 2026-H2 everyone answers 3; in 2027-H1 unit U1 answers 4 and twelve of U2 answer
//! 3 (the organisation rises significantly, U1 too, U2 does not move); in 2027-H2 only five
//! of U2 answer, so U2 is suppressed and U1 with it (the total would give U2 away).
//!
//! The report's PDF and XLSX are checked by their content against the analysis of the same
//! waves: every published figure is there with its value, every suppressed one is a dash or
//! an empty cell, a later wave never leaks into an earlier period, the summary says only
//! what the rule carries, the report from exported bundles equals the one from the
//! database, and the English version is English throughout.

use crate::access::logged_in;
use crate::common::{fixture, invite_first, pdf_text, Fixture, TestApp, ACTOR, Q};
use app::domain::{Period, Role, WaveStatus};
use app::i18n::Locale;
use app::services::report::{self, Format};
use app::services::{invitations, results, today, waves};
use serde_json::Value;

on_both_backends!(
    the_report_shows_every_published_figure_and_no_hidden_one,
    the_report_from_exported_bundles_equals_the_one_from_the_database,
    hrm_downloads_the_report_and_bad_requests_are_refused,
);

/// Every sheet of a workbook: name → rows of cells (`None` for an empty cell, else its
/// number or text).
fn sheets(xlsx: &[u8]) -> Vec<(String, Vec<Vec<Option<Value>>>)> {
    use calamine::{Data, Reader};
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(xlsx.to_vec())).unwrap();
    let names = book.sheet_names().to_vec();
    names
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            let rows = range
                .rows()
                .map(|r| {
                    r.iter()
                        .map(|c| match c {
                            Data::Empty => None,
                            Data::Float(f) => Some(Value::from(*f)),
                            Data::Int(i) => Some(Value::from(*i)),
                            other => Some(Value::from(other.to_string())),
                        })
                        .collect()
                })
                .collect();
            (name, rows)
        })
        .collect()
}

/// A wave of the fixture's poll, open from yesterday.
async fn new_wave(app: &TestApp, fx: &Fixture, label: &str) -> app::domain::WaveId {
    let day = today();
    waves::create(
        &app.store,
        &ACTOR,
        app::services::waves::NewWave {
            audience: Vec::new(),
            poll: fx.poll_id.clone(),
            label: label.into(),
            opens_on: day - time::Duration::days(1),
            closes_on: day + time::Duration::days(14),
            status: WaveStatus::Open,
        },
    )
    .await
    .unwrap()
}

/// Invites everyone to `wave`; employee i (U1 when i is even) answers `answer(i)`, or not.
async fn answer(
    app: &TestApp,
    fx: &Fixture,
    wave: &app::domain::WaveId,
    answer: impl Fn(usize) -> Option<&'static str>,
) {
    let tokens = invitations::invite(&app.store, &ACTOR, wave, &fx.employees)
        .await
        .unwrap()
        .tokens;
    for (i, (_, token)) in tokens.into_iter().enumerate() {
        if let Some(v) = answer(i) {
            app.answer_a1_with(&token, v).await;
        }
    }
    waves::close(&app.store, &ACTOR, wave).await.unwrap();
}

/// The report of `period` from the database, as the command line makes it.
async fn make(app: &TestApp, period: Period, format: Format, locale: Locale) -> Vec<u8> {
    report::from_store(&app.store, &ACTOR, period, format, locale, today())
        .await
        .unwrap()
}

/// The three waves of the module's story.
async fn story(app: &TestApp) -> Fixture {
    let fx = fixture(&app.store, vec![vec![Q::Likert("A1", true)]], 80, 10).await;
    for (_, token) in invite_first(&app.store, &fx, 80).await {
        app.answer_a1_with(&token, "3").await;
    }
    waves::close(&app.store, &ACTOR, &fx.wave_id).await.unwrap();
    let second = new_wave(app, &fx, "2027-H1").await;
    // U1 (even) all answer 4; the first twelve of U2 (odd) answer 3.
    answer(app, &fx, &second, |i| match i % 2 {
        0 => Some("4"),
        _ if i < 24 => Some("3"),
        _ => None,
    })
    .await;
    let third = new_wave(app, &fx, "2027-H2").await;
    answer(app, &fx, &third, |i| match i % 2 {
        0 => Some("4"),
        _ if i < 10 => Some("3"),
        _ => None,
    })
    .await;
    fx
}

/// The analysis of the poll's waves up to `last` (as `polsslag export` + `analyse`).
async fn results_until(app: &TestApp, fx: &Fixture, last: &str) -> analysis::Results {
    let dir = std::env::temp_dir().join(format!("polsslag-report-{}", uuid::Uuid::new_v4()));
    results::export_bundle(&app.store, &ACTOR, &fx.poll_id, &dir)
        .await
        .unwrap();
    let bundle = analysis::bundle::Bundle::read_waves(&dir, |w| w <= last).unwrap();
    std::fs::remove_dir_all(&dir).ok();
    analysis::analyse(
        &bundle,
        &analysis::AnalyseOptions {
            min_group: 10,
            charts: false,
            ..Default::default()
        },
    )
    .unwrap()
}

async fn the_report_shows_every_published_figure_and_no_hidden_one(app: TestApp) {
    let fx = story(&app).await;
    let period: Period = "2027-H1".parse().unwrap();
    let pdf = make(&app, period, Format::Pdf, Locale::Nl).await;
    let xlsx = make(&app, period, Format::Xlsx, Locale::Nl).await;
    let want = results_until(&app, &fx, "2027-H1").await;
    let org_change = want
        .changes
        .iter()
        .find(|c| c.group == analysis::Group::All && c.to_wave == "2027-H1")
        .unwrap();
    assert!(
        org_change.significant,
        "the story's premise: {org_change:?}"
    );

    // The workbook: the theme's sheet holds every figure of results.json, hidden ones empty.
    let book = sheets(&xlsx);
    let (_, rows) = book
        .iter()
        .find(|(n, _)| n == "Testpeiling Testthema")
        .unwrap_or_else(|| panic!("{:?}", book.iter().map(|b| &b.0).collect::<Vec<_>>()));
    let header = &rows[2];
    assert_eq!(
        header[1..],
        [Some("2026-H2".into()), Some("2027-H1".into())],
        "2027-H2 lies after the period: {header:?}"
    );
    for e in &want.estimates {
        let name = match &e.group {
            analysis::Group::All => "Hele organisatie".to_string(),
            g => g.unit().unwrap().to_string(),
        };
        let row = rows
            .iter()
            .find(|r| r[0] == Some(name.clone().into()))
            .unwrap_or_else(|| panic!("{name}: {rows:?}"));
        let col = header
            .iter()
            .position(|h| *h == Some(e.wave.clone().into()))
            .unwrap();
        match e.index {
            Some(i) if !e.suppressed => {
                assert_eq!(row[col], Some(i.into()), "{e:?}")
            }
            _ => assert_eq!(row.get(col).cloned().flatten(), None, "{e:?}"),
        }
    }
    assert!(
        book.iter().any(|(n, _)| n == "Begrippen"),
        "the definitions sheet"
    );

    // The PDF: the summary says what the rule carries, in the figures' own numbers.
    let Some(t) = pdf_text(&pdf) else { return };
    assert!(
        t.contains("Testthema: significant gestegen met 12,5 punten, van 50,0 (2026-H2) naar 62,5 (2027-H1)."),
        "{t}"
    );
    assert!(t.contains("Significant veranderd in: U1 (+25,0)."), "{t}");
    assert!(!t.contains("2027-H2"), "a later wave never leaks back: {t}");
    for heading in [
        "Samenvatting",
        "Testpeiling",
        "Respons en steekproef",
        "Verantwoording",
        "Bronnen",
    ] {
        assert!(t.contains(heading), "{heading}: {t}");
    }
    // U2 moved by 0 with n_eff 12: tested, and not significant.
    let u2 = t
        .lines()
        .find(|l| l.trim_start().starts_with("U2") && l.contains("2026-H2"))
        .unwrap_or_else(|| panic!("{t}"));
    assert!(u2.trim_end().ends_with("nee"), "{u2}");

    // 2027-H2: U2 has five answers, U1 is hidden with it; neither figure is anywhere.
    let period: Period = "2027-H2".parse().unwrap();
    let xlsx = make(&app, period, Format::Xlsx, Locale::Nl).await;
    let want = results_until(&app, &fx, "2027-H2").await;
    let hidden: Vec<_> = want
        .estimates
        .iter()
        .filter(|e| e.wave == "2027-H2" && e.suppressed)
        .map(|e| e.group.to_string())
        .collect();
    assert_eq!(hidden, ["unit=U1", "unit=U2"]);
    let book = sheets(&xlsx);
    let (_, rows) = book
        .iter()
        .find(|(n, _)| n == "Testpeiling Testthema")
        .unwrap();
    for unit in ["U1", "U2"] {
        let row = rows.iter().find(|r| r[0] == Some(unit.into())).unwrap();
        assert_eq!(row.get(3).cloned().flatten(), None, "{unit}: {row:?}");
    }
    let pdf = make(&app, period, Format::Pdf, Locale::En).await;
    let en = pdf_text(&pdf).unwrap();
    let u1 = en
        .lines()
        .find(|l| l.trim_start().starts_with("U1") && l.contains("75.0"))
        .unwrap_or_else(|| panic!("{en}"));
    assert!(
        u1.trim_end().ends_with('–'),
        "U1 in 2027-H2 is a dash: {u1}"
    );
    // The response per unit: five answers in U2 are not shown, nor U1's beside them.
    let responses: Vec<&str> = en
        .lines()
        .skip_while(|l| !l.contains("Response by unit in 2027-H2"))
        .filter(|l| l.trim_start().starts_with("U1") || l.trim_start().starts_with("U2"))
        .take(2)
        .collect();
    assert_eq!(responses.len(), 2, "{en}");
    for line in responses {
        // Unit, invited (40), responses and rate: the last two are dashes.
        let cells: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(cells[1..], ["40", "–", "–"], "{line}");
    }
    for english in [
        "Summary",
        "Methodology",
        "Response and sample",
        "Whole organisation",
    ] {
        assert!(en.contains(english), "{english}: {en}");
    }
    for dutch in [
        "Samenvatting",
        "Verantwoording",
        "Hele organisatie",
        "gestegen",
    ] {
        assert!(!en.contains(dutch), "{dutch} in the English report: {en}");
    }
    let audit = app::services::audit::entries(&app.store, &ACTOR)
        .await
        .unwrap();
    assert_eq!(
        audit
            .iter()
            .filter(|e| e.action == "report.download")
            .count(),
        4,
        "every report is audited"
    );
}

async fn the_report_from_exported_bundles_equals_the_one_from_the_database(app: TestApp) {
    let fx = story(&app).await;
    let dir = std::env::temp_dir().join(format!("polsslag-bundle-{}", uuid::Uuid::new_v4()));
    results::export_bundle(&app.store, &ACTOR, &fx.poll_id, &dir)
        .await
        .unwrap();
    for period in ["2027-H1", "2027-H2"] {
        let period: Period = period.parse().unwrap();
        let from_db = report::sources_from_store(&app.store, &ACTOR, period)
            .await
            .unwrap();
        let from_files = report::sources_from_bundles(std::slice::from_ref(&dir), period).unwrap();
        let a = report::build(&from_db, period, Locale::Nl, today(), None).unwrap();
        let b = report::build(&from_files, period, Locale::Nl, today(), None).unwrap();
        assert_eq!(a.tables, b.tables, "{period}");
        assert_eq!(a.data, b.data, "{period}");
    }
    // A directory without meta.json: the threshold is unknown, so nothing is guessed.
    std::fs::remove_file(dir.join("meta.json")).unwrap();
    let err = report::sources_from_bundles(std::slice::from_ref(&dir), "2027-H1".parse().unwrap())
        .unwrap_err();
    assert_eq!(err.status(), 422);
    std::fs::remove_dir_all(&dir).ok();
}

async fn hrm_downloads_the_report_and_bad_requests_are_refused(app: TestApp) {
    story(&app).await;
    let hrm = logged_in(&app, Role::HrmAnalyst).await;
    let page = hrm
        .get(format!("{}/hrm/jaarbeeld", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for period in ["2027-H2", "2027-H1", "2026-H2"] {
        assert!(
            page.contains(&format!("<option value=\"{period}\"")),
            "{page}"
        );
    }
    let res = hrm
        .get(format!(
            "{}/hrm/jaarbeeld/download?period=2027-H1&format=pdf",
            app.base
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("jaarbeeld-2027-H1-nl.pdf"));
    assert!(res.bytes().await.unwrap().starts_with(b"%PDF-"));
    let res = hrm
        .get(format!(
            "{}/hrm/jaarbeeld/download?period=2027-H3&format=pdf",
            app.base
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let body = res.text().await.unwrap();
    assert!(body.contains("2027-H3 is geen halfjaar"), "{body}");
}
