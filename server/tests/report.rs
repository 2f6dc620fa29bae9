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

use crate::access::{logged_in, token_in};
use crate::common::{fixture, invite_first, pdf_text, Fixture, TestApp, ACTOR, Q};
use app::domain::{Period, Role, WaveStatus};
use app::i18n::Locale;
use app::services::report::{self, Format};
use app::services::{invitations, results, today, waves};
use serde_json::Value;

on_both_backends!(
    the_report_shows_every_published_figure_and_no_hidden_one,
    the_report_from_exported_bundles_equals_the_one_from_the_database,
    the_results_are_analysed_at_each_close_and_kept_per_set_of_waves,
    hrm_downloads_the_report_and_bad_requests_are_refused,
    indicators_are_defined_imported_and_shown_beside_their_theme_with_counts_protected,
    a_coordinator_records_the_values_of_their_own_unit_and_of_no_other,
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

/// The three waves of the module's story. Nine in ten answer in 2026-H2 (so the figures have
/// a standard error), alternating 3 and 4; in 2027-H1 U1's answers alternate 4 and 5 and
/// twelve of U2 still alternate 3 and 4; in 2027-H2 U1 again, and only five of U2.
pub(crate) async fn story(app: &TestApp) -> Fixture {
    let fx = fixture(&app.store, vec![vec![Q::Likert("A1", true)]], 80, 10).await;
    let low = |i: usize| if (i / 2).is_multiple_of(2) { "3" } else { "4" };
    let high = |i: usize| if (i / 2).is_multiple_of(2) { "4" } else { "5" };
    for (i, (_, token)) in invite_first(&app.store, &fx, 80)
        .await
        .into_iter()
        .enumerate()
    {
        if i < 72 {
            app.answer_a1_with(&token, low(i)).await;
        }
    }
    waves::close(&app.store, &ACTOR, &fx.wave_id).await.unwrap();
    let second = new_wave(app, &fx, "2027-H1").await;
    answer(app, &fx, &second, |i| match i % 2 {
        0 if i < 72 => Some(high(i)),
        1 if i < 24 => Some(low(i)),
        _ => None,
    })
    .await;
    let third = new_wave(app, &fx, "2027-H2").await;
    answer(app, &fx, &third, |i| match i % 2 {
        0 if i < 72 => Some(high(i)),
        1 if i < 10 => Some(low(i)),
        _ => None,
    })
    .await;
    fx
}

/// The analysis of the poll's waves up to `last` (as `polsslag export` + `analyse`).
pub(crate) async fn results_until(app: &TestApp, fx: &Fixture, last: &str) -> analysis::Results {
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

/// The theme's sheet of a workbook holds every estimate of `want` in its wave's column: the
/// index where published, an empty cell where suppressed. Returns the sheet's header.
fn sheet_matches(
    xlsx: &[u8],
    want: &analysis::Results,
    (sheet, organisation): (&str, &str),
) -> Vec<Option<Value>> {
    let book = sheets(xlsx);
    let (_, rows) = book
        .iter()
        .find(|(n, _)| n == sheet)
        .unwrap_or_else(|| panic!("{:?}", book.iter().map(|b| &b.0).collect::<Vec<_>>()));
    let header = rows[2].clone();
    let mut hidden = 0;
    for e in &want.estimates {
        let name = match &e.group {
            analysis::Group::All => organisation.to_string(),
            g => g.unit().unwrap().to_string(),
        };
        let row = rows
            .iter()
            .find(|r| r[0] == Some(name.clone().into()))
            .unwrap_or_else(|| panic!("{name}: {rows:?}"));
        let col = header
            .iter()
            .position(|h| *h == Some(e.wave.clone().into()))
            .unwrap_or_else(|| panic!("{} not in {header:?}", e.wave));
        match e.index {
            Some(i) if !e.suppressed => assert_eq!(row[col], Some(i.into()), "{e:?}"),
            _ => {
                hidden += 1;
                assert_eq!(row.get(col).cloned().flatten(), None, "{e:?}")
            }
        }
    }
    assert_eq!(
        hidden,
        want.estimates.iter().filter(|e| e.suppressed).count(),
        "every hidden figure was looked at"
    );
    header
}

async fn the_report_shows_every_published_figure_and_no_hidden_one(app: TestApp) {
    let fx = story(&app).await;
    let period: Period = "2027-H1".parse().unwrap();
    let pdf = make(&app, period, Format::Pdf, Locale::Nl).await;
    let xlsx = make(&app, period, Format::Xlsx, Locale::Nl).await;
    let want = results_until(&app, &fx, "2027-H1").await;
    let change = |group: analysis::Group| {
        want.changes
            .iter()
            .find(|c| c.group == group && c.to_wave == "2027-H1")
            .unwrap()
            .clone()
    };
    let (org, u1, u2) = (
        change(analysis::Group::All),
        change(analysis::Group::Unit("U1".into())),
        change(analysis::Group::Unit("U2".into())),
    );
    // The story's premises: standard errors, and one unit that moved and one that did not.
    assert!(org.z.is_some_and(|z| z.is_finite()), "{org:?}");
    assert!(
        org.significant && u1.significant && !u2.significant,
        "{org:?} {u1:?} {u2:?}"
    );

    // The workbook: every figure of results.json, nothing after the period.
    let header = sheet_matches(&xlsx, &want, ("Testthema", "Hele organisatie"));
    assert_eq!(
        header[1..],
        [Some("2026-H2".into()), Some("2027-H1".into())],
        "2027-H2 lies after the period: {header:?}"
    );
    let book = sheets(&xlsx);
    assert!(
        book.iter().any(|(n, _)| n == "Begrippen"),
        "the definitions sheet"
    );
    let (_, changes) = book.iter().find(|(n, _)| n == "Testthema Δ").unwrap();
    let q_of = |unit: &str| {
        changes
            .iter()
            .find(|r| r[0] == Some(unit.into()))
            .and_then(|r| r[3].clone())
    };
    assert_eq!(q_of("Hele organisatie"), Some(org.q.into()));
    assert_eq!(q_of("U2"), Some(u2.q.into()));

    // The PDF: the summary in the figures' own numbers and the rule's own verdicts.
    if let Some(t) = pdf_text(&pdf) {
        let index = |wave: &str, group: analysis::Group| {
            let e = want
                .estimates
                .iter()
                .find(|e| e.wave == wave && e.group == group)
                .unwrap();
            Locale::Nl.decimal(e.index.unwrap(), 1)
        };
        let sentence = format!(
            "Testthema: significant gestegen met {} punten, van {} (2026-H2) naar {} (2027-H1).",
            Locale::Nl.decimal(org.diff, 1),
            index("2026-H2", analysis::Group::All),
            index("2027-H1", analysis::Group::All),
        );
        let flat = t.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(&sentence), "{sentence}\n{t}");
        assert!(
            flat.contains(&format!(
                "Significant veranderd in: U1 (+{}).",
                Locale::Nl.decimal(u1.diff, 1)
            )),
            "{t}"
        );
        assert!(
            !flat.contains("U2 (+") && !flat.contains("U2 (−"),
            "U2 did not move: {t}"
        );
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
    }

    // 2027-H2: U2 has five answers, U1 is hidden with it; neither figure is anywhere.
    let period: Period = "2027-H2".parse().unwrap();
    let xlsx = make(&app, period, Format::Xlsx, Locale::En).await;
    let want = results_until(&app, &fx, "2027-H2").await;
    let hidden: Vec<_> = want
        .estimates
        .iter()
        .filter(|e| e.wave == "2027-H2" && e.suppressed)
        .map(|e| e.group.to_string())
        .collect();
    assert_eq!(hidden, ["unit=U1", "unit=U2"]);
    let header = sheet_matches(&xlsx, &want, ("Test theme", "Whole organisation"));
    assert_eq!(header.len(), 4, "{header:?}");
    assert!(
        sheets(&xlsx).iter().any(|(n, _)| n == "Definitions"),
        "English sheets"
    );
    let pdf = make(&app, period, Format::Pdf, Locale::En).await;
    if let Some(en) = pdf_text(&pdf) {
        let u1_index = Locale::En.decimal(
            want.estimates
                .iter()
                .find(|e| e.wave == "2027-H1" && e.group == analysis::Group::Unit("U1".into()))
                .unwrap()
                .index
                .unwrap(),
            1,
        );
        let u1 = en
            .lines()
            .find(|l| l.trim_start().starts_with("U1") && l.contains(&u1_index))
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
            "Respons ",
        ] {
            assert!(!en.contains(dutch), "{dutch} in the English report: {en}");
        }
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
        let a = report::build(
            &from_db,
            period,
            Locale::Nl,
            today(),
            &report::Extras::default(),
        )
        .unwrap();
        let b = report::build(
            &from_files,
            period,
            Locale::Nl,
            today(),
            &report::Extras::default(),
        )
        .unwrap();
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

/// Each close analyses the poll's closed waves and keeps the results in `poll_result` (one
/// row per set of waves): a report of an earlier half year reads the set kept when its last
/// wave closed, a row rewritten by another server is what the next report reads (no stale
/// in-memory copy), and an import of history into a closed wave makes every set be analysed
/// again, once.
async fn the_results_are_analysed_at_each_close_and_kept_per_set_of_waves(app: TestApp) {
    use app::services::entities::poll_result;
    use app::services::responses::{self, Attributes};
    use sea_orm::{ActiveValue::Set, EntityTrait};
    let fx = story(&app).await;
    let kept = || crate::common::kept_results(&app.store, &fx.poll_id);
    let results_of = |period: &'static str| {
        let app = &app;
        async move {
            let sources = report::sources_from_store(&app.store, &ACTOR, period.parse().unwrap())
                .await
                .unwrap();
            assert_eq!(sources.len(), 1, "{period}");
            (*sources[0].results).clone()
        }
    };
    let as_json = |r: analysis::Results| serde_json::to_value(r).unwrap();
    let closes = kept().await;
    assert_eq!(closes.len(), 3, "one set per close: {closes:?}");

    let h1 = results_of("2027-H1").await;
    assert_eq!(h1, as_json(results_until(&app, &fx, "2027-H1").await));
    let h2 = results_of("2027-H2").await;
    assert_eq!(h2, as_json(results_until(&app, &fx, "2027-H2").await));
    assert_ne!(h1, h2);
    assert_eq!(results_of("2027-H1").await, h1);
    assert_eq!(
        kept().await,
        closes,
        "the reports analyse nothing: the closes did"
    );
    // The set of the first two waves (2027-H1's): two wave ids.
    let first: Vec<_> = closes
        .iter()
        .filter(|(waves, _)| waves.matches(',').count() == 1)
        .cloned()
        .collect();
    assert_eq!(first.len(), 1, "{closes:?}");

    // Another server computed the earlier set again: the next report reads its row.
    let marked = serde_json::json!({ "written_by": "another server" });
    let w = app.store.write().await.unwrap();
    poll_result::Entity::update(poll_result::ActiveModel {
        poll_id: Set(fx.poll_id.clone()),
        closed_waves: Set(first[0].0.clone()),
        results: Set(marked.to_string()),
        computed_at: Set(first[0].1 + time::Duration::seconds(1)),
    })
    .exec(&*w)
    .await
    .unwrap();
    w.commit().await.unwrap();
    assert_eq!(results_of("2027-H1").await, marked);

    // An import of history into the first wave: ten of U1 asked (k, so the recoding keeps
    // them), four answering 5 (U1 has 40 people and 36 answered before). Every set is stale.
    let first_wave = fx.wave_id.clone();
    let audience = (0..10)
        .map(|i| {
            let attributes = Attributes {
                unit: Some("U1".into()),
                ..Default::default()
            };
            let answers = [("A1".to_string(), app::domain::Answer::Number(5))].into();
            (attributes, (i < 4).then_some(answers))
        })
        .collect();
    responses::import_history(&app.store, &ACTOR, &first_wave, audience, false)
        .await
        .unwrap();
    assert!(kept().await.is_empty(), "the import removes every kept set");
    let again = results_of("2027-H1").await;
    assert_eq!(again, as_json(results_until(&app, &fx, "2027-H1").await));
    assert_ne!(again, h1, "the imported answers count");
    let once = kept().await;
    assert_eq!(once.len(), 1, "the report analysed its set: {once:?}");
    assert_eq!(results_of("2027-H1").await, again);
    assert_eq!(kept().await, once, "and the next one reads it");
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

async fn indicators_are_defined_imported_and_shown_beside_their_theme_with_counts_protected(
    app: TestApp,
) {
    use app::domain::{IndicatorKind, Localized};
    use app::services::indicators::{self, NewIndicator};
    story(&app).await;
    let hrm = logged_in(&app, Role::HrmAnalyst).await;
    // Through the page: a code that is not one is refused beside the field, nothing is made.
    let page = hrm
        .get(format!("{}/hrm/indicatoren", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = token_in(&page);
    let define = |code: &'static str| {
        vec![
            ("_csrf", csrf.clone()),
            ("code", code.to_string()),
            ("name_nl", "VIK-onderzoeken".to_string()),
            ("name_en", "Integrity investigations".to_string()),
            (
                "definition_nl",
                "Aantal afgeronde integriteitsonderzoeken.".to_string(),
            ),
            (
                "definition_en",
                "Number of completed integrity investigations.".to_string(),
            ),
            ("source", "Bureau Integriteit".to_string()),
            ("kind", "count".to_string()),
            ("people", "1".to_string()),
            ("theme_code", "testthema".to_string()),
        ]
    };
    let res = hrm
        .post(format!("{}/hrm/indicatoren", app.base))
        .form(&define("v i k"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("Een code heeft 2 tot 40 tekens"));
    let res = hrm
        .post(format!("{}/hrm/indicatoren", app.base))
        .form(&define("vik"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    indicators::define(
        &app.store,
        &ACTOR,
        NewIndicator {
            code: "mo_aandeel".into(),
            name: Localized::new(
                "Aandeel MO in VIK-onderzoeken",
                "Share linked to social unrest",
            ),
            definition: Localized::new(
                "Deel van de onderzoeken met interne effecten van maatschappelijke onrust.",
                "Share of investigations with internal effects of social unrest.",
            ),
            source: "Bureau Integriteit".into(),
            kind: IndicatorKind::Percent,
            people: false,
            theme_code: String::new(),
        },
    )
    .await
    .unwrap();
    // One wrong line and nothing is recorded; every wrong line is named.
    let bad = "indicator;eenheid;periode;waarde\nvik;U1;2027-H1;25\nvik;U9;2027-H1;3\nvik;U2;2027-H3;3\nvik;U2;2027-H1;2,5\nmo_aandeel;;2027-H1;120\n";
    let res = hrm
        .post(format!("{}/hrm/indicatoren/waarden", app.base))
        .form(&[("_csrf", csrf.as_str()), ("csv", bad)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    for named in [
        "Regel 3: er is geen eenheid met de code U9",
        "Regel 4: 2027-H3 is geen halfjaar",
        "Regel 5: 2,5 is geen aantal",
        "Regel 6: 120 is geen percentage",
    ] {
        assert!(html.contains(named), "{named}: {html}");
    }
    assert!(
        html.contains("vik;U9;2027-H1;3"),
        "what was typed stays in the box"
    );
    let all = indicators::all(&app.store, &ACTOR).await.unwrap();
    assert!(all.iter().all(|i| i.values.is_empty()), "all or nothing");
    // U2 counts 4 people: hidden, and U1 with it (29 − 25 would tell it); the total stays.
    let good = "indicator;eenheid;periode;waarde\nvik;U1;2027-H1;25\nvik;U2;2027-H1;4\nvik;;2027-H1;29\nvik;;2026-H2;31\nmo_aandeel;;2027-H1;12,5\n";
    let res = hrm
        .post(format!("{}/hrm/indicatoren/waarden", app.base))
        .form(&[("_csrf", csrf.as_str()), ("csv", good)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/hrm/indicatoren?ingevoerd=5");
    let xlsx = make(&app, "2027-H1".parse().unwrap(), Format::Xlsx, Locale::Nl).await;
    let book = sheets(&xlsx);
    let (_, rows) = book
        .iter()
        .find(|(n, _)| n == "VIK-onderzoeken")
        .unwrap_or_else(|| panic!("{:?}", book.iter().map(|b| &b.0).collect::<Vec<_>>()));
    assert_eq!(
        rows[2][1..],
        [Some("2026-H2".into()), Some("2027-H1".into())]
    );
    let row = |name: &str| {
        rows.iter()
            .find(|r| r[0] == Some(name.into()))
            .unwrap()
            .clone()
    };
    assert_eq!(
        row("Hele organisatie")[1..],
        [Some(31.0.into()), Some(29.0.into())]
    );
    assert_eq!(row("U1").get(2).cloned().flatten(), None, "hidden with U2");
    assert_eq!(row("U2").get(2).cloned().flatten(), None, "4 people");
    let (_, share) = book
        .iter()
        .find(|(n, _)| n == "Aandeel MO in VIK-onderzoeken")
        .unwrap();
    assert_eq!(
        share
            .iter()
            .find(|r| r[0] == Some("Hele organisatie".into()))
            .unwrap()[2],
        Some(12.5.into())
    );
    let pdf = make(&app, "2027-H1".parse().unwrap(), Format::Pdf, Locale::Nl).await;
    if let Some(t) = pdf_text(&pdf) {
        let flat = t.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains("VIK-onderzoeken per eenheid"),
            "beside its theme: {t}"
        );
        assert!(
            flat.contains(
                "Indicatoren 3.1 Aandeel MO in VIK-onderzoeken Aandeel MO in VIK-onderzoeken per eenheid"
            ),
            "the rest in their own chapter: {t}"
        );
        assert!(flat.contains("Bron: Bureau Integriteit"), "{t}");
    }
    let page = hrm
        .get(format!("{}/hrm/indicatoren?ingevoerd=5", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("5 waarden vastgelegd"), "{page}");
    assert!(page.contains("2027-H1 (3 waarden)"), "{page}");
}

async fn a_coordinator_records_the_values_of_their_own_unit_and_of_no_other(app: TestApp) {
    use app::domain::{IndicatorKind, Localized};
    use app::services::accounts::{self, NewAccount};
    use app::services::indicators::{self, NewIndicator, NewValue};
    use app::services::ServiceError;
    use sea_orm::EntityTrait;
    fixture(&app.store, vec![vec![Q::Likert("A1", true)]], 20, 10).await;
    // A coordinator belongs to one unit: not to none, nor to a team, nor to one that is not.
    for (scope, says) in [
        (None, "geef de code van die eenheid op"),
        (
            Some("U1-T1"),
            "U1-T1 is geen eenheid maar een district of team",
        ),
        (Some("U9"), "Er is geen organisatieonderdeel met de code U9"),
    ] {
        let err = accounts::create(
            &app.store,
            &ACTOR,
            NewAccount {
                email: "co@example.nl".into(),
                role: Role::Coordinator,
                scope: scope.map(str::to_string),
                password: Some(crate::access::PASSWORD.into()),
                raw_data: false,
            },
        )
        .await
        .unwrap_err();
        let ServiceError::Invalid(fields) = err else {
            panic!("{scope:?}: {err:?}")
        };
        assert_eq!(fields.len(), 1, "{scope:?}");
        assert_eq!(fields[0].field, "scope");
        let text = fields[0].message.text(Locale::Nl);
        assert!(text.contains(says), "{scope:?}: {text}");
    }
    for (code, kind, people, theme) in [
        ("vik", IndicatorKind::Count, true, "testthema"),
        ("verzuim", IndicatorKind::Percent, false, ""),
    ] {
        indicators::define(
            &app.store,
            &ACTOR,
            NewIndicator {
                code: code.into(),
                name: Localized::new(
                    format!("Indicator {code}"),
                    format!("Indicator {code} (en)"),
                ),
                definition: Localized::new("Wat het telt.", "What it counts."),
                source: "Bureau Integriteit".into(),
                kind,
                people,
                theme_code: theme.into(),
            },
        )
        .await
        .unwrap();
    }
    let co = logged_in(&app, Role::Coordinator).await;
    let get = |path: &'static str| {
        let co = co.clone();
        let url = format!("{}{path}", app.base);
        async move { co.get(url).send().await.unwrap().text().await.unwrap() }
    };
    let page = get("/coordinatie").await;
    assert!(page.contains("Indicatoren van U1"), "{page}");
    assert!(page.contains("Indicator vik") && page.contains("Indicator verzuim"));
    assert!(page.contains("Bij thema: Testthema"), "{page}");
    let previous = today_period().previous().to_string();
    assert!(
        page.contains(&format!("<option value=\"{previous}\" selected")),
        "the half year just past is chosen: {page}"
    );
    let csrf = token_in(&page);
    let post = |path: &'static str, form: Vec<(&'static str, String)>| {
        let co = co.clone();
        let url = format!("{}{path}", app.base);
        async move { co.post(url).form(&form).send().await.unwrap() }
    };
    let one = |indicator: &str, unit: &str, period: &str, value: &str| {
        vec![
            ("_csrf", csrf.clone()),
            ("indicator", indicator.to_string()),
            ("unit", unit.to_string()),
            ("period", period.to_string()),
            ("value", value.to_string()),
        ]
    };
    // Wrong values are refused beside their field, in words, and nothing is recorded.
    for (form, says) in [
        (one("vik", "", "2026-H2", "2,5"), "2,5 is geen aantal"),
        (one("vik", "", "2026-H3", "3"), "2026-H3 is geen halfjaar"),
        (
            one("bestaat-niet", "", "2026-H2", "3"),
            "Kies een indicator uit de lijst",
        ),
        (
            one("verzuim", "", "2026-H2", "120"),
            "120 is geen percentage",
        ),
    ] {
        let res = post("/coordinatie/waarde", form).await;
        assert_eq!(res.status(), 422, "{says}");
        let html = res.text().await.unwrap();
        assert!(html.contains(says), "{says}: {html}");
        assert!(html.contains("aria-invalid=\"true\""), "{says}");
    }
    assert!(recorded_values(&app).await.is_empty(), "nothing recorded");
    // A value is always for the coordinator's own unit, whatever the form says.
    let res = post("/coordinatie/waarde", one("vik", "U2", "2026-H2", "7")).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/coordinatie?vastgelegd=1");
    assert_eq!(
        recorded_values(&app).await,
        [(
            "vik".to_string(),
            "U1".to_string(),
            "2026-H2".to_string(),
            7.0
        )]
    );
    // From CSV: a line of another unit or of the organisation refuses the whole text.
    let bad = "indicator;eenheid;periode;waarde\nvik;U1;2027-H1;9\nvik;U2;2027-H1;3\nverzuim;;2027-H1;4,5\n";
    let res = post(
        "/coordinatie/waarden",
        vec![("_csrf", csrf.clone()), ("csv", bad.to_string())],
    )
    .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    for named in [
        "Regel 3: U2 is niet jouw eenheid; je legt alleen waarden van U1 vast.",
        "Regel 4: een waarde voor de hele organisatie legt HRM vast",
    ] {
        assert!(html.contains(named), "{named}: {html}");
    }
    assert!(!html.contains("Regel 2"), "the good line is not named");
    assert!(
        html.contains("vik;U2;2027-H1;3"),
        "what was typed stays in the box"
    );
    assert_eq!(recorded_values(&app).await.len(), 1, "all or nothing");
    let good = "indicator;eenheid;periode;waarde\nvik;U1;2027-H1;9\nverzuim;U1;2027-H1;4,5\nvik;U1;2026-H2;8\n";
    let res = post(
        "/coordinatie/waarden",
        vec![("_csrf", csrf.clone()), ("csv", good.to_string())],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/coordinatie?vastgelegd=3");
    let mut got = recorded_values(&app).await;
    got.sort_by(|a, b| a.partial_cmp(b).unwrap());
    assert_eq!(
        got,
        [
            ("verzuim", "U1", "2027-H1", 4.5),
            ("vik", "U1", "2026-H2", 8.0),
            ("vik", "U1", "2027-H1", 9.0),
        ]
        .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d))
    );
    let page = get("/coordinatie?vastgelegd=3").await;
    assert!(page.contains("3 waarden vastgelegd."), "{page}");
    assert!(
        page.contains("2027-H1: 9 · 2026-H2: 8"),
        "newest first: {page}"
    );
    // Without a form token nothing happens.
    let res = post(
        "/coordinatie/waarde",
        vec![
            ("indicator", "vik".into()),
            ("period", "2026-H2".into()),
            ("value", "1".into()),
        ],
    )
    .await;
    assert_eq!(res.status(), 403);
    // HRM still records for every unit and the organisation; both are audited.
    indicators::record(
        &app.store,
        &ACTOR,
        NewValue {
            indicator: "vik".into(),
            unit: "U2".into(),
            period: "2026-H2".into(),
            value: "5".into(),
        },
    )
    .await
    .unwrap();
    assert_eq!(recorded_values(&app).await.len(), 4);
    let log = app::services::entities::audit_log::Entity::find()
        .all(&app.store.read())
        .await
        .unwrap();
    assert_eq!(
        log.iter()
            .filter(|e| e.action == "indicator.record")
            .count(),
        2
    );
    assert!(
        log.iter().any(|e| e.action == "indicator.import"),
        "audited"
    );
}

/// Every recorded indicator value: (indicator, unit, half year, value).
async fn recorded_values(app: &TestApp) -> Vec<(String, String, String, f64)> {
    app::services::indicators::all(&app.store, &ACTOR)
        .await
        .unwrap()
        .into_iter()
        .flat_map(|i| {
            let code = i.code.clone();
            i.values
                .into_iter()
                .map(move |((unit, period), v)| (code.clone(), unit, period.to_string(), v))
        })
        .collect()
}

/// The half year of today.
fn today_period() -> Period {
    Period::of(today())
}
