//! Issue #10, on SQLite and PostgreSQL: importing the organisation tree and the roster from
//! CSV and XLSX (a dry run listing every problem by row and column, then one transaction),
//! the dated snapshots, the tree with its headcounts, the roster API with its tokens and
//! OpenAPI document, and the audit log's page.

use crate::access::{logged_in, token_in};
use crate::common::{TestApp, ACTOR};
use app::domain::{ImportReport, Role};
use app::services::{api_tokens, organisation, roster, Actor};
use sea_orm::{EntityTrait, PaginatorTrait};

on_both_backends!(
    every_problem_file_gives_its_error_and_changes_nothing,
    a_reimport_updates_by_number_deactivates_leavers_and_keeps_snapshots,
    an_organisation_file_builds_the_tree_and_moves_teams,
    the_browser_import_is_checked_then_applied,
    the_roster_api_needs_a_token_and_reports_problems_as_json,
    the_audit_log_page_filters,
);

const TREE: &str = "\u{feff}code;naam;niveau;bovenliggend\r\n\
ORG;Organisatie;organisatie;\r\n\
U1;Eenheid Noord;eenheid;ORG\r\n\
U2;Eenheid Zuid;eenheid;ORG\r\n\
D1;District Stad;district;U1\r\n\
T1;Team Centrum;team;D1\r\n\
T2;Team Haven;team;D1\r\n\
T3;Team Direct;team;U2\r\n";

const HEADER: &str =
    "personeelsnummer;naam;e-mail;team;geboortedatum;functiegroep;datum in dienst;leidinggevende";

fn on() -> time::Date {
    time::macros::date!(2026 - 12 - 01)
}

/// `n` employees spread over T1, T2 and T3, numbered from 1001.
fn roster_csv(n: usize) -> String {
    let mut s = format!("{HEADER}\r\n");
    for i in 0..n {
        let team = ["T1", "T2", "T3"][i % 3];
        let born = 1965 + (i % 35);
        s.push_str(&format!(
            "{};\"Medewerker {i}; sr.\";m{i}@example.nl;{team};{born}-03-15;executief;01-06-2010;{}\r\n",
            1001 + i,
            if i == 0 { "ja" } else { "nee" }
        ));
    }
    s
}

async fn tree(app: &TestApp) {
    let r = organisation::import_file(&app.store, &ACTOR, "org.csv", TREE.as_bytes(), false)
        .await
        .unwrap();
    assert!(r.applied, "{:?}", r.problems);
}

async fn employees(app: &TestApp) -> u64 {
    app::services::entities::employee::Entity::find()
        .count(&app.store.read())
        .await
        .unwrap()
}

/// The one problem a file must give: its row, its column, words its Dutch text holds.
type Expected = (Option<u32>, Option<&'static str>, &'static str);

async fn employees_active(app: &TestApp) -> u32 {
    roster::active_count(&app.store, &ACTOR).await.unwrap()
}

/// The problems as `(row, column, Dutch text)`.
fn problems(r: &ImportReport) -> Vec<(Option<u32>, Option<String>, String)> {
    r.problems
        .iter()
        .map(|p| {
            (
                p.row,
                p.column.clone(),
                p.message.text(app::i18n::Locale::Nl),
            )
        })
        .collect()
}

async fn every_problem_file_gives_its_error_and_changes_nothing(app: TestApp) {
    tree(&app).await;
    let good = roster::import_file(
        &app.store,
        &ACTOR,
        "p.csv",
        roster_csv(3).as_bytes(),
        on(),
        false,
    )
    .await
    .unwrap();
    assert!(good.applied);
    assert_eq!(employees(&app).await, 3);
    let h = HEADER;
    // (what is wrong, the file, the one problem it must give: row, column, words in it)
    let cases: Vec<(&str, String, Expected)> = vec![
        (
            "a required column is missing",
            "personeelsnummer;naam;team;geboortedatum;functiegroep;datum_in_dienst\n1;A;T1;1980-01-01;x;2010-01-01\n".into(),
            (None, Some("email"), "Deze verplichte kolom ontbreekt"),
        ),
        (
            "neither a birth date nor an age band",
            "personeelsnummer;naam;email;team;functiegroep;datum_in_dienst\n1;A;a@example.nl;T1;x;2010-01-01\n".into(),
            (None, Some("geboortedatum"), "Een kolom geboortedatum of leeftijdscategorie is verplicht"),
        ),
        (
            "a duplicate employee number",
            format!("{h}\n7;A;a@example.nl;T1;1980-01-01;x;2010-01-01;nee\n7;B;b@example.nl;T2;1981-01-01;x;2011-01-01;nee\n"),
            (Some(3), Some("personeelsnummer"), "Personeelsnummer 7 staat ook al in rij 2"),
        ),
        (
            "an unknown team",
            format!("{h}\n7;A;a@example.nl;T9;1980-01-01;x;2010-01-01;nee\n"),
            (Some(2), Some("team"), "Team 'T9' bestaat niet"),
        ),
        (
            "a district given as team",
            format!("{h}\n7;A;a@example.nl;D1;1980-01-01;x;2010-01-01;nee\n"),
            (Some(2), Some("team"), "'D1' is geen team maar een district"),
        ),
        (
            "a bad e-mail address",
            format!("{h}\n7;A;anna-at-example.nl;T1;1980-01-01;x;2010-01-01;nee\n"),
            (Some(2), Some("e-mail"), "'anna-at-example.nl' is geen geldig e-mailadres"),
        ),
        (
            "a bad date",
            format!("{h}\n7;A;a@example.nl;T1;31-02-1980;x;2010-01-01;nee\n"),
            (Some(2), Some("geboortedatum"), "'31-02-1980' is geen datum"),
        ),
        (
            "a birth date after the reference date",
            format!("{h}\n7;A;a@example.nl;T1;2030-01-01;x;2010-01-01;nee\n"),
            (Some(2), Some("geboortedatum"), "ligt na de peildatum"),
        ),
        (
            "an empty required value",
            format!("{h}\n7;;a@example.nl;T1;1980-01-01;x;2010-01-01;nee\n"),
            (Some(2), Some("naam"), "Hier moet een waarde staan"),
        ),
        (
            "a manager flag that is neither yes nor no",
            format!("{h}\n7;A;a@example.nl;T1;1980-01-01;x;2010-01-01;misschien\n"),
            (Some(2), Some("leidinggevende"), "'misschien' is geen ja of nee"),
        ),
        (
            "an empty roster",
            format!("{h}\n"),
            (None, None, "geen medewerkers"),
        ),
        (
            "a duplicate e-mail address",
            format!("{h}\n7;A;a@example.nl;T1;1980-01-01;x;2010-01-01;nee\n8;B;A@Example.nl;T2;1981-01-01;x;2011-01-01;nee\n"),
            (Some(3), Some("e-mail"), "a@example.nl staat ook al in rij 2"),
        ),
        (
            "a file that is not UTF-8",
            String::new(),
            (None, None, "geen UTF-8"),
        ),
    ];
    for (what, file, (row, column, words)) in cases {
        let bytes: Vec<u8> = if what.contains("UTF-8") {
            b"personeelsnummer;naam\n1;Jos\xe9\n".to_vec()
        } else {
            file.into_bytes()
        };
        for dry_run in [true, false] {
            let r = roster::import_file(&app.store, &ACTOR, "p.csv", &bytes, on(), dry_run)
                .await
                .unwrap();
            let got = problems(&r);
            assert!(!r.applied, "{what}: not applied");
            assert_eq!(got.len(), 1, "{what}: exactly one problem: {got:?}");
            assert_eq!(got[0].0, row, "{what}: row {got:?}");
            assert_eq!(got[0].1.as_deref(), column, "{what}: column {got:?}");
            assert!(got[0].2.contains(words), "{what}: {got:?}");
        }
    }
    // Many problems at once are all listed, each where it is.
    let file = format!(
        "{h}\n7;A;bad;T9;1980-01-01;x;2010-01-01;nee\n8;B;b@example.nl;T1;01/13/1980;x;2010-01-01;nee\n"
    );
    let r = roster::import_file(&app.store, &ACTOR, "p.csv", file.as_bytes(), on(), false)
        .await
        .unwrap();
    let got = problems(&r);
    assert_eq!(
        got.iter()
            .map(|p| (p.0, p.1.clone().unwrap()))
            .collect::<Vec<_>>(),
        [
            (Some(2), "e-mail".to_string()),
            (Some(2), "team".to_string()),
            (Some(3), "geboortedatum".to_string())
        ],
        "{got:?}"
    );
    // The same problem in a workbook is found in the same row and column.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, name) in HEADER.split(';').enumerate() {
        sheet.write_string(0, c as u16, name).unwrap();
    }
    let row = ["7", "A", "a@example.nl", "T1", "", "x", "2010-01-01", "nee"];
    let row2 = ["7", "B", "b@example.nl", "T2", "", "x", "2011-01-01", "nee"];
    for (r, cells) in [(1u32, row), (2, row2)] {
        for (c, v) in cells.iter().enumerate() {
            if c == 0 {
                sheet.write_number(r, 0, v.parse::<f64>().unwrap()).unwrap();
            } else if c == 4 {
                let d = rust_xlsxwriter::ExcelDateTime::from_ymd(1980, 1, 1).unwrap();
                sheet
                    .write_datetime_with_format(
                        r,
                        4,
                        &d,
                        &rust_xlsxwriter::Format::new().set_num_format("dd-mm-yyyy"),
                    )
                    .unwrap();
            } else {
                sheet.write_string(r, c as u16, *v).unwrap();
            }
        }
    }
    let xlsx = book.save_to_buffer().unwrap();
    let r = roster::import_file(&app.store, &ACTOR, "p.xlsx", &xlsx, on(), false)
        .await
        .unwrap();
    let got = problems(&r);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(
        (got[0].0, got[0].1.as_deref()),
        (Some(3), Some("personeelsnummer"))
    );
    // Nothing of all this changed the roster.
    assert_eq!(employees(&app).await, 3);
    let snaps = roster::snapshots(&app.store, &ACTOR).await.unwrap();
    assert_eq!(snaps.len(), 1, "only the good import made a snapshot");
}

async fn a_reimport_updates_by_number_deactivates_leavers_and_keeps_snapshots(app: TestApp) {
    use app::services::entities::employee;
    tree(&app).await;
    let earlier = time::macros::date!(2026 - 01 - 01);
    let first = roster::import_file(
        &app.store,
        &ACTOR,
        "p.csv",
        roster_csv(30).as_bytes(),
        earlier,
        false,
    )
    .await
    .unwrap();
    assert!(first.applied);
    assert_eq!(first.summary.added, 30);
    let all = employee::Entity::find()
        .all(&app.store.read())
        .await
        .unwrap();
    let anna = all.iter().find(|e| e.employee_number == "1001").unwrap();
    assert_eq!(anna.name, "Medewerker 0; sr.");
    assert_eq!(
        (anna.unit_code.as_str(), anna.district_code.as_deref()),
        ("U1", Some("D1"))
    );
    assert!(anna.is_manager);
    // Born 1965-03-15: 60 on 2026-01-01; employed since 2010-06-01: 15 years.
    assert_eq!(
        (anna.age_band.as_str(), anna.tenure_band.as_str()),
        ("55+", "5-15")
    );
    // Later: 1030 left, 1002 moved team, 1031 joined, 1029 has an end date; in XLSX-less CSV
    // with commas this time.
    let later = on();
    let mut csv = roster_csv(30)
        .replace(';', ",")
        .replace(", sr.\"", "; sr.\"");
    csv = csv.replace(
        HEADER.replace(';', ",").as_str(),
        &format!("{},datum_uit_dienst", HEADER.replace(';', ",")),
    );
    let lines: Vec<String> = csv
        .lines()
        .enumerate()
        .filter(|(i, _)| *i != 30)
        .map(|(i, l)| match i {
            0 => l.to_string(),
            2 => l.replace(",T2,", ",T3,") + ",",
            29 => l.to_string() + ",2026-11-30",
            _ => l.to_string() + ",",
        })
        .collect();
    let mut csv = lines.join("\n");
    csv.push_str("\n1031,Nieuw,nieuw@example.nl,T1,1999-01-01,specialist,2026-11-01,nee,\n");
    let dry = roster::import_file(&app.store, &ACTOR, "p.csv", csv.as_bytes(), later, true)
        .await
        .unwrap();
    assert!(dry.problems.is_empty(), "{:?}", problems(&dry));
    assert!(!dry.applied);
    let s = &dry.summary;
    // Updated: all 28 of 1001..1028, whose tenure went from 5-15 to >15 years (hired
    // 2010-06-01; 1002 also moved team, 1007 and 1027 also turned 55 and 35). Deactivated:
    // 1030 left, 1029's end date passed. Added: 1031.
    assert_eq!(
        (s.rows, s.added, s.updated, s.deactivated, s.reactivated),
        (30, 1, 28, 2, 0),
        "{s:?}"
    );
    assert_eq!(employees(&app).await, 30, "a dry run changes nothing");
    let r = roster::import_file(&app.store, &ACTOR, "p.csv", csv.as_bytes(), later, false)
        .await
        .unwrap();
    assert!(r.applied);
    assert_eq!(
        r.summary, dry.summary,
        "the import does what its dry run said"
    );
    let all = employee::Entity::find()
        .all(&app.store.read())
        .await
        .unwrap();
    assert_eq!(
        all.len(),
        31,
        "updated by number, never duplicated; leavers kept"
    );
    let by = |n: &str| all.iter().find(|e| e.employee_number == n).unwrap();
    assert!(!by("1030").active && !by("1029").active && by("1031").active);
    assert_eq!(
        (by("1007").age_band.as_str(), by("1027").age_band.as_str()),
        ("55+", "35-54")
    );
    assert_eq!(by("1003").tenure_band, ">15");
    assert_eq!(
        (by("1002").team_code.as_str(), by("1002").unit_code.as_str()),
        ("T3", "U2")
    );
    assert_eq!(by("1002").district_code, None);
    // A leaver who comes back is active again.
    let back = roster::import_file(
        &app.store,
        &ACTOR,
        "p.csv",
        roster_csv(30).as_bytes(),
        later,
        false,
    )
    .await
    .unwrap();
    assert_eq!(back.summary.reactivated, 2, "{:?}", back.summary);
    assert_eq!(back.summary.deactivated, 1, "1031 is not in the old file");
    // Snapshots: the population per stratum at a reference date is the latest on or before it.
    let snaps = roster::snapshots(&app.store, &ACTOR).await.unwrap();
    assert_eq!(
        snaps
            .iter()
            .map(|s| (s.taken_on.as_str(), s.employees))
            .collect::<Vec<_>>(),
        [("2026-12-01", 30), ("2026-12-01", 29), ("2026-01-01", 30)]
    );
    let (taken, by_unit) = roster::population_at(
        &app.store,
        &ACTOR,
        time::macros::date!(2026 - 06 - 01),
        &["unit"],
    )
    .await
    .unwrap()
    .expect("a snapshot");
    assert_eq!(taken, earlier);
    assert_eq!(by_unit[&vec!["U1".to_string()]], 20);
    assert_eq!(by_unit[&vec!["U2".to_string()]], 10);
    let (_, strata) = roster::population_at(&app.store, &ACTOR, later, &["unit", "age_band"])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(strata.values().sum::<u64>(), 30);
    assert!(roster::population_at(
        &app.store,
        &ACTOR,
        time::macros::date!(2020 - 01 - 01),
        &["unit"]
    )
    .await
    .unwrap()
    .is_none());
}

async fn an_organisation_file_builds_the_tree_and_moves_teams(app: TestApp) {
    // Problems first: nothing of a bad file is applied.
    let bad = "code,naam,niveau,bovenliggend\nORG,Organisatie,organisatie,\nU1,Noord,eenheid,ORG\nT1,Team,team,U9\nT2,Team 2,ploeg,U1\nU1,Dubbel,eenheid,ORG\nD1,District,district,ORG\n";
    let r = organisation::import_file(&app.store, &ACTOR, "org.csv", bad.as_bytes(), false)
        .await
        .unwrap();
    let got = problems(&r);
    assert_eq!(
        got.iter()
            .map(|p| (p.0, p.1.clone().unwrap()))
            .collect::<Vec<_>>(),
        [
            (Some(4), "bovenliggend".to_string()),
            (Some(5), "niveau".to_string()),
            (Some(6), "code".to_string()),
            (Some(7), "bovenliggend".to_string()),
        ],
        "{got:?}"
    );
    assert!(got[0].2.contains("'U9' bestaat niet"));
    assert!(got[2].2.contains("Code U1 staat ook al in rij 3"));
    assert!(!r.applied);
    assert!(organisation::tree(&app.store, &ACTOR, 10)
        .await
        .unwrap()
        .is_empty());
    // The good file; then employees; then T2 moves from D1 to U2.
    tree(&app).await;
    roster::import_file(
        &app.store,
        &ACTOR,
        "p.csv",
        roster_csv(30).as_bytes(),
        on(),
        false,
    )
    .await
    .unwrap();
    let moved = TREE.replace("T2;Team Haven;team;D1", "T2;Team Haven;team;U2");
    let r = organisation::import_file(&app.store, &ACTOR, "org.csv", moved.as_bytes(), true)
        .await
        .unwrap();
    assert_eq!(
        (r.summary.updated, r.summary.unchanged, r.summary.added),
        (1, 6, 0)
    );
    organisation::import_file(&app.store, &ACTOR, "org.csv", moved.as_bytes(), false)
        .await
        .unwrap();
    let people = app::services::entities::employee::Entity::find()
        .all(&app.store.read())
        .await
        .unwrap();
    for e in people.iter().filter(|e| e.team_code == "T2") {
        assert_eq!(
            (e.unit_code.as_str(), e.district_code.as_deref()),
            ("U2", None)
        );
    }
    // A second organisation, or a level that changes, is refused.
    let r = organisation::import_file(
        &app.store,
        &ACTOR,
        "org.csv",
        b"code;naam;niveau;bovenliggend\nORG2;Ander;organisatie;\nT1;Team;district;U1\n",
        false,
    )
    .await
    .unwrap();
    let got = problems(&r);
    assert!(
        got.iter()
            .any(|p| p.2.contains("er kan maar één organisatie zijn")),
        "{got:?}"
    );
    assert!(
        got.iter().any(|p| p.2.contains("T1 is nu een team")),
        "{got:?}"
    );
    // The tree: U1 holds D1 with T1 (10) and U2 holds T2 (10) and T3 (10); k = 15 hides the
    // teams, and their sibling too, so that no subtraction reveals one.
    let t = organisation::tree(&app.store, &ACTOR, 10).await.unwrap();
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].headcount, Some(30));
    let u2 = t[0].children.iter().find(|n| n.code == "U2").unwrap();
    assert_eq!(u2.headcount, Some(20));
    assert!(u2.children.iter().all(|c| c.headcount == Some(10)));
    let t = organisation::tree(&app.store, &ACTOR, 15).await.unwrap();
    let u1 = t[0].children.iter().find(|n| n.code == "U1").unwrap();
    let u2 = t[0].children.iter().find(|n| n.code == "U2").unwrap();
    assert_eq!(u1.headcount, None, "10 < 15");
    assert_eq!(u2.headcount, None, "hidden beside U1, or U1 = 30 - U2");
    assert!(u2.children.iter().all(|c| c.headcount.is_none()));
    assert_eq!(t[0].headcount, Some(30));
    // A count hidden to protect a small sibling hides everything below it, or its children
    // would add up to it: U1 = 28 shown, D1 = 3 and D2 = 25 hidden, D2's teams 12 and 13
    // must not be shown (12 + 13 = 25, and 28 - 25 = 3).
    let two = "code;naam;niveau;bovenliggend\nX;X;organisatie;\nXU;XU;eenheid;X\nXD1;XD1;district;XU\nXD2;XD2;district;XU\nXT1;XT1;team;XD1\nXT2;XT2;team;XD2\nXT3;XT3;team;XD2\n";
    let other = fresh_tree_with(&app, two, &[("XT1", 3), ("XT2", 12), ("XT3", 13)]).await;
    let t = organisation::tree(&other.store, &ACTOR, 10).await.unwrap();
    let xu = &t[0].children[0];
    assert_eq!(xu.headcount, Some(28));
    for d in &xu.children {
        assert_eq!(d.headcount, None, "{}", d.code);
        assert!(
            d.children.iter().all(|c| c.headcount.is_none()),
            "{}",
            d.code
        );
    }
    // Managers do not browse the tree.
    let manager = Actor::Account {
        id: 1,
        role: Role::Manager,
        scope: Some("U1".into()),
    };
    assert!(organisation::tree(&app.store, &manager, 10).await.is_err());
}

async fn the_browser_import_is_checked_then_applied(app: TestApp) {
    let admin = logged_in(&app, Role::Administrator).await;
    let page = |path: &'static str| {
        let admin = admin.clone();
        let base = app.base.clone();
        async move {
            admin
                .get(format!("{base}{path}"))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap()
        }
    };
    let upload = |path: &'static str, bytes: Vec<u8>, token: String, date: Option<&'static str>| {
        let admin = admin.clone();
        let base = app.base.clone();
        async move {
            let mut form = reqwest::multipart::Form::new().text("_csrf", token).part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name("bestand.csv"),
            );
            if let Some(d) = date {
                form = form.text("peildatum", d);
            }
            admin
                .post(format!("{base}{path}"))
                .multipart(form)
                .send()
                .await
                .unwrap()
        }
    };
    let html = page("/beheer/organisatie").await;
    assert!(html.contains("Er is nog geen organisatie"), "{html}");
    let token = token_in(&html);
    let res = upload(
        "/beheer/organisatie",
        TREE.as_bytes().to_vec(),
        token.clone(),
        None,
    )
    .await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("bestand.csv is gecontroleerd"), "{html}");
    assert!(html.contains("7 nieuw"), "{html}");
    assert!(
        organisation::tree(&app.store, &ACTOR, 10)
            .await
            .unwrap()
            .is_empty(),
        "checked only"
    );
    let id = {
        let start = html
            .find("name=\"upload\" value=\"")
            .expect("the upload to apply")
            + 21;
        html[start..start + 43].to_string()
    };
    // Applying without the form token is refused; with it, the tree is there.
    let res = admin
        .post(format!("{}/beheer/organisatie/toepassen", app.base))
        .form(&[("upload", id.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let res = admin
        .post(format!("{}/beheer/organisatie/toepassen", app.base))
        .form(&[("upload", id.as_str()), ("_csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("bestand.csv is geïmporteerd"), "{html}");
    assert!(html.contains("Team Haven"), "the tree is shown: {html}");
    // The upload is gone once applied: a second click is told so.
    let res = admin
        .post(format!("{}/beheer/organisatie/toepassen", app.base))
        .form(&[("upload", id.as_str()), ("_csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 410);
    // The roster: a file with a problem is listed by row and column, with 422.
    let bad = format!("{HEADER}\n1;A;a@example.nl;T9;1980-01-01;x;2010-01-01;nee\n");
    let res = upload(
        "/beheer/personeel",
        bad.into_bytes(),
        token.clone(),
        Some("2026-12-01"),
    )
    .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("1 probleem in bestand.csv"), "{html}");
    assert!(
        html.contains("Team &#x27;T9&#x27; bestaat niet")
            || html.contains("Team 'T9' bestaat niet"),
        "{html}"
    );
    assert!(!html.contains("name=\"upload\""), "nothing to apply");
    // A good one is applied for its reference date.
    let res = upload(
        "/beheer/personeel",
        roster_csv(12).into_bytes(),
        token.clone(),
        Some("2026-11-30"),
    )
    .await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    let start = html.find("name=\"upload\" value=\"").unwrap() + 21;
    let id = html[start..start + 43].to_string();
    assert!(
        html.contains("value=\"2026-11-30\""),
        "the date travels with the upload"
    );
    let res = admin
        .post(format!("{}/beheer/personeel/toepassen", app.base))
        .form(&[
            ("upload", id.as_str()),
            ("_csrf", token.as_str()),
            ("peildatum", "2026-11-30"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("12 actieve medewerkers"), "{html}");
    assert!(html.contains("2026-11-30"), "the snapshot is listed");
    // Too large: refused beside the file field, with nothing stored; no date: refused too.
    let big = vec![b'x'; app::services::imports::MAX_FILE_BYTES + 100 * 1024];
    let res = upload("/beheer/personeel", big, token.clone(), Some("2026-12-01")).await;
    assert_eq!(res.status(), 413);
    let html = res.text().await.unwrap();
    assert!(html.contains("Het bestand is groter dan 20 MB"), "{html}");
    let res = upload(
        "/beheer/personeel",
        roster_csv(3).into_bytes(),
        token.clone(),
        Some("1 december"),
    )
    .await;
    assert_eq!(res.status(), 400);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("Vul de peildatum in als JJJJ-MM-DD"));
    assert_eq!(employees(&app).await, 12);
    // In English, the same page in English.
    let res = admin
        .get(format!("{}/beheer/personeel", app.base))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert!(res.text().await.unwrap().contains("12 active employees"));
}

async fn the_roster_api_needs_a_token_and_reports_problems_as_json(app: TestApp) {
    use serde_json::{json, Value};
    tree(&app).await;
    crate::access::account(&app, "beheer@example.nl", Role::Administrator).await;
    crate::access::account(&app, "hrm@example.nl", Role::HrmAnalyst).await;
    let id_of = |email: &'static str| {
        let store = app.store.clone();
        async move {
            let row = app::services::entities::account::Entity::find()
                .all(&store.read())
                .await
                .unwrap()
                .into_iter()
                .find(|a| a.email == email)
                .unwrap();
            Actor::Account {
                id: row.id,
                role: row.role,
                scope: row.scope,
            }
        }
    };
    let admin = id_of("beheer@example.nl").await;
    let hrm = id_of("hrm@example.nl").await;
    let (_, token) = api_tokens::create(&app.store, &admin, "HR-systeem")
        .await
        .unwrap();
    let (_, hrm_token) = api_tokens::create(&app.store, &hrm, "HRM").await.unwrap();
    let client = reqwest::Client::new();
    let url = format!("{}/api/v1/roster", app.base);
    let person = |n: u32, team: &str| {
        json!({
            "employee_number": n.to_string(), "name": format!("P {n}"),
            "email": format!("p{n}@example.nl"), "team": team, "role_group": "executief",
            "birth_date": "1980-01-01", "start_date": "2010-01-01"
        })
    };
    let body = json!({ "dry_run": true, "reference_date": "2026-12-01",
        "employees": [person(1, "T1"), person(2, "T2"), person(3, "T3")] });
    let res = client
        .post(&url)
        .bearer_auth(&token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let v: Value = res.json().await.unwrap();
    assert_eq!(v["applied"], false);
    assert_eq!(v["summary"]["added"], 3);
    assert_eq!(employees(&app).await, 0);
    let mut body = body;
    body["dry_run"] = json!(false);
    let v: Value = client
        .post(&url)
        .bearer_auth(&token)
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(v["applied"], true, "{v}");
    assert_eq!(employees(&app).await, 3);
    // Problems: 422, each with the employee's position and field, in English on request.
    let bad =
        json!({ "employees": [person(1, "T1"), person(1, "T9"), { "employee_number": "5" }] });
    let res = client
        .post(&url)
        .bearer_auth(&token)
        .header("accept-language", "en")
        .json(&bad)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let v: Value = res.json().await.unwrap();
    let problems: Vec<(u64, String)> = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["row"].as_u64().unwrap(),
                p["field"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(problems.contains(&(2, "employee_number".into())), "{v}");
    assert!(problems.contains(&(2, "team".into())), "{v}");
    assert!(problems.contains(&(3, "name".into())), "{v}");
    assert!(
        v["problems"][0]["message"]
            .as_str()
            .unwrap()
            .contains("also in row 1"),
        "{v}"
    );
    assert_eq!(employees(&app).await, 3);
    // A roster that would switch off most people is refused unless that is asked for.
    let many: Vec<_> = (1..=30).map(|n| person(n, "T1")).collect();
    let v: Value = client
        .post(&url)
        .bearer_auth(&token)
        .json(&json!({ "employees": many }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(v["applied"], true, "{v}");
    let few = json!({ "employees": [person(1, "T1")] });
    let res = client
        .post(&url)
        .bearer_auth(&token)
        .json(&few)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let v: Value = res.json().await.unwrap();
    assert!(
        v["problems"][0]["message"]
            .as_str()
            .unwrap()
            .contains("29 van de 30"),
        "{v}"
    );
    assert_eq!(employees_active(&app).await, 30);
    let mut allowed = few.clone();
    allowed["allow_mass_deactivation"] = json!(true);
    let res = client
        .post(&url)
        .bearer_auth(&token)
        .json(&allowed)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(employees_active(&app).await, 1);
    let v: Value = client
        .post(&url)
        .bearer_auth(&token)
        .json(&json!({ "employees": [] }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        v["problems"][0]["message"]
            .as_str()
            .unwrap()
            .contains("geen medewerkers"),
        "{v}"
    );
    assert_eq!(employees_active(&app).await, 1);
    // No token, a wrong one, a revoked one: 401 with a reason; HRM's token: 403.
    let res = client.post(&url).json(&body).send().await.unwrap();
    assert_eq!(res.status(), 401);
    assert_eq!(res.headers()["www-authenticate"], "Bearer");
    let v: Value = res.json().await.unwrap();
    assert!(
        v["detail"]
            .as_str()
            .unwrap()
            .contains("Authorization: Bearer"),
        "{v}"
    );
    let res = client
        .post(&url)
        .bearer_auth("pst_nope")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    let res = client
        .post(&url)
        .bearer_auth(&hrm_token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    // Not JSON, or JSON of another shape: 400 with what is wrong.
    let res = client
        .post(&url)
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body("{\"employees\": [{\"colour\": \"blue\"}]}")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let v: Value = res.json().await.unwrap();
    assert!(v["detail"].as_str().unwrap().contains("colour"), "{v}");
    let res = client
        .post(&url)
        .bearer_auth(&token)
        .body("employees")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let tokens = api_tokens::list(&app.store, &admin).await.unwrap();
    assert_eq!(tokens.len(), 1);
    assert!(tokens[0].last_used_on.is_some(), "the day of use is kept");
    api_tokens::revoke(&app.store, &admin, tokens[0].id)
        .await
        .unwrap();
    let res = client
        .post(&url)
        .bearer_auth(&token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401, "a revoked token stops at once");
    // The OpenAPI document describes the route, its body and its security.
    let doc: Value = client
        .get(format!("{}/api/openapi.json", app.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let post = &doc["paths"]["/api/v1/roster"]["post"];
    assert!(post["responses"]["422"].is_object(), "{post}");
    assert!(
        doc["components"]["schemas"]["RosterEmployee"]["properties"]["employee_number"].is_object()
    );
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
}

async fn the_audit_log_page_filters(app: TestApp) {
    tree(&app).await;
    roster::import_file(
        &app.store,
        &ACTOR,
        "p.csv",
        roster_csv(3).as_bytes(),
        on(),
        false,
    )
    .await
    .unwrap();
    let admin = logged_in(&app, Role::Administrator).await;
    let get = |q: &'static str| {
        let admin = admin.clone();
        let base = app.base.clone();
        async move {
            admin
                .get(format!("{base}/beheer/audit{q}"))
                .send()
                .await
                .unwrap()
        }
    };
    let html = get("").await.text().await.unwrap();
    assert!(
        html.contains("roster.import")
            && html.contains("org.import")
            && html.contains("account.login"),
        "{html}"
    );
    let html = get("?action=roster.").await.text().await.unwrap();
    assert!(
        html.contains("roster.import") && !html.contains("org.import"),
        "{html}"
    );
    assert!(html.contains("1 van 1 regels"), "{html}");
    let html = get("?actor=beheerder%40example")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("account.login") && !html.contains("roster.import"),
        "{html}"
    );
    let res = get("?from=gisteren").await;
    assert_eq!(res.status(), 400);
    let html = res.text().await.unwrap();
    assert!(html.contains("Vul een datum in als JJJJ-MM-DD"), "{html}");
    assert!(
        html.contains("aria-invalid=\"true\""),
        "the field is marked"
    );
}

/// A second app on a fresh database of the same backend, holding `tree` and `people` per team.
async fn fresh_tree_with(app: &TestApp, tree: &str, people: &[(&str, usize)]) -> TestApp {
    let backend = if app.url.starts_with("postgres") {
        crate::common::Backend::Postgres
    } else {
        crate::common::Backend::Sqlite
    };
    let other = TestApp::spawn(backend).await.expect("a second database");
    let r = organisation::import_file(&other.store, &ACTOR, "t.csv", tree.as_bytes(), false)
        .await
        .unwrap();
    assert!(r.applied, "{:?}", r.problems);
    let mut csv = format!("{HEADER}\n");
    let mut n = 0;
    for (team, count) in people {
        for _ in 0..*count {
            n += 1;
            csv.push_str(&format!(
                "{n};P{n};p{n}@example.nl;{team};1980-01-01;x;2010-01-01;nee\n"
            ));
        }
    }
    let r = roster::import_file(&other.store, &ACTOR, "p.csv", csv.as_bytes(), on(), false)
        .await
        .unwrap();
    assert!(r.applied, "{:?}", r.problems);
    other
}
