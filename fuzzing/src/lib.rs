//! The bodies of Polsslag's fuzz targets (issue #14): each takes any bytes, feeds them through
//! one of the parsers that read what people and other systems send, and checks what must hold
//! whatever they send. A panic is a finding. The targets in `fuzz/` (`cargo +nightly fuzz run
//! NAME`, or `bash scripts/fuzz.sh`, which CI runs for a bounded time) call these; the test
//! below replays every seed and every kept finding (`fuzz/seeds/NAME/`,
//! `fuzz/regressions/NAME/`) on each `cargo test`.
//!
//! | target | reads | checks |
//! |---|---|---|
//! | [`respondent_form`] | a `POST /v` body (`application/x-www-form-urlencoded`) against a poll with every kind of question | what parses seals into the poll's one size and opens unchanged; every message renders in both languages |
//! | [`roster_import`] | a roster file, CSV or XLSX (told apart by content) | rows are numbered as the spreadsheet does; the dry run's counts add up; every problem names a row or a column and renders |
//! | [`analysis_bundle`] | an analysis bundle: `items.csv`, `responses.csv` and `population.csv` in one input, split at lines `====` | a bundle that reads analyses; no published cell under the threshold, no figure in a suppressed one, no figure that is not finite |
//! | [`api_roster`] | a `POST /api/v1/roster` body (JSON) | the lines and the dry run as in the handler, same checks as the file import |

use app::domain::{
    Choice, Localized, OrgLevel, PollForm, Question, QuestionInput, ReportingThreshold, WaveId,
};
use app::i18n::{Locale, Message};
use app::services::entities::{employee, org_unit};
use app::services::responses::Attributes;
use app::services::{imports, roster, sealing};
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

/// The locales every message must render in.
const LOCALES: [Locale; 2] = [Locale::Nl, Locale::En];

/// A message renders in both languages: not empty, and no argument left unfilled.
fn renders(m: &Message) {
    for l in LOCALES {
        let t = m.text(l);
        assert!(!t.trim().is_empty(), "{:?} renders empty in {l:?}", m.key);
        assert!(t != m.key, "{:?} is not in the {l:?} catalogue", m.key);
    }
}

fn choices(codes: &[&str]) -> Vec<Choice> {
    codes
        .iter()
        .map(|c| Choice {
            code: (*c).to_string(),
            label: Localized::new(format!("Optie {c}"), format!("Option {c}")),
        })
        .collect()
}

/// A two-page poll with every kind of question, required and optional.
fn poll_form() -> &'static PollForm {
    static FORM: OnceLock<PollForm> = OnceLock::new();
    FORM.get_or_init(|| {
        let q = |code: &str, required: bool, input: QuestionInput| Question {
            code: code.to_string(),
            text: Localized::new(format!("Vraag {code}"), format!("Question {code}")),
            required,
            input,
        };
        PollForm {
            title: Localized::new("Flitspeiling", "Flash poll"),
            intro: Localized::new("Vijf vragen.", "Five questions."),
            closes_on: "2026-12-31".into(),
            min_group: ReportingThreshold::DEFAULT,
            pages: vec![
                vec![
                    q("L1", true, QuestionInput::Likert { dont_know: true }),
                    q("L2", false, QuestionInput::Likert { dont_know: false }),
                    q(
                        "S1",
                        false,
                        QuestionInput::Single {
                            options: choices(&["ja", "nee", "weet-niet"]),
                        },
                    ),
                ],
                vec![
                    q(
                        "M1",
                        false,
                        QuestionInput::Multi {
                            options: choices(&["a", "b", "c", "d"]),
                            max_choices: Some(2),
                        },
                    ),
                    q(
                        "E1",
                        false,
                        QuestionInput::Scale010 {
                            low: Localized::new("nooit", "never"),
                            high: Localized::new("zeker", "certainly"),
                        },
                    ),
                    q("T1", false, QuestionInput::Text { max_length: 500 }),
                    q("T2", true, QuestionInput::Text { max_length: 20 }),
                ],
            ],
        }
    })
}

fn sealing_key() -> &'static sealing::SealingKey {
    static KEY: OnceLock<sealing::SealingKey> = OnceLock::new();
    KEY.get_or_init(sealing::SealingKey::random)
}

/// Reporting attributes as long as a roster allows (the sealed size must hold them).
fn widest_attributes() -> Attributes {
    let v = || Some("\"".repeat(24));
    Attributes {
        unit: v(),
        district: v(),
        team: v(),
        age_band: v(),
        role_group: v(),
        tenure_band: v(),
    }
}

/// A `POST /v` body, parsed as the server parses it (`serde_urlencoded`, as axum's `Form`),
/// read by [`app::domain::parse_form`] and checked as a submission is.
///
/// # Panics
/// When something that parsed does not seal into the poll's one size, does not open to the
/// same answers, or a message does not render: each a bug.
pub fn respondent_form(data: &[u8]) {
    let Ok(fields) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(data) else {
        return;
    };
    let form = poll_form();
    let Ok(mut draft) = app::domain::parse_form(form, &fields) else {
        return; // a field of another poll: the whole request is refused
    };
    app::domain::check_required(form, 0..form.pages.len(), &mut draft);
    if let Some(page) = app::domain::first_page_with_error(form, &draft) {
        assert!(page < form.pages.len());
    }
    for (code, m) in &draft.errors {
        assert!(form.question(code).is_some(), "an error for {code:?}");
        renders(m);
    }
    for code in draft.answers.keys() {
        assert!(
            !draft.errors.contains_key(code),
            "{code:?} both answered and refused"
        );
    }
    // Whatever parsed is stored sealed, in the poll's one size, and opens unchanged.
    let wave = WaveId::random();
    let key = sealing_key();
    let sealed = sealing::seal(key, &wave, form, &widest_attributes(), &draft.answers)
        .expect("every answer the form accepts fits the poll's sealed size");
    assert_eq!(sealed.len(), 24 + 16 + sealing::padded_size(form));
    let (_, stored) = sealing::open(key, &wave, &sealed).expect("opens with its key");
    let back: BTreeMap<String, app::domain::Answer> =
        serde_json::from_str(&stored).expect("stored answers parse");
    assert_eq!(back, draft.answers, "answers survive sealing unchanged");
}

/// The organisation the roster is checked against: two units, one with a district, a team
/// under each, and two employees already on the roster.
fn organisation() -> (&'static [org_unit::Model], Vec<employee::Model>) {
    static NODES: OnceLock<Vec<org_unit::Model>> = OnceLock::new();
    let nodes = NODES.get_or_init(|| {
        let n = |id, parent, level, code: &str| org_unit::Model {
            id,
            parent_id: parent,
            level,
            code: code.into(),
            name: format!("Onderdeel {code}"),
        };
        vec![
            n(1, None, OrgLevel::Organisation, "ORG"),
            n(2, Some(1), OrgLevel::Unit, "NN"),
            n(3, Some(2), OrgLevel::District, "NN-D1"),
            n(4, Some(3), OrgLevel::Team, "NN-D1-T01"),
            n(5, Some(1), OrgLevel::Unit, "ZW"),
            n(6, Some(5), OrgLevel::Team, "ZW-T01"),
        ]
    });
    let e = |id, number: &str, team_id, unit: &str, team: &str, active| employee::Model {
        id,
        employee_number: number.into(),
        name: format!("Medewerker {number}"),
        email: format!("m{number}@example.nl"),
        team_id,
        unit_code: unit.into(),
        district_code: None,
        team_code: team.into(),
        age_band: "35-54".into(),
        role_group: "executief".into(),
        tenure_band: "5-15".into(),
        is_manager: false,
        active,
    };
    let employees = vec![
        e(1, "100001", 4, "NN", "NN-D1-T01", true),
        e(2, "100002", 6, "ZW", "ZW-T01", false),
    ];
    (nodes.as_slice(), employees)
}

/// Checks a dry run's result: counts that add up, problems that say where and render.
fn check_dry_run(lines: &[roster::RosterLine], labels: &HashMap<&'static str, String>) {
    let (nodes, employees) = organisation();
    let on = time::macros::date!(2026 - 12 - 01);
    let (problems, summary) = roster::check_lines(nodes, employees, lines, labels, on);
    for p in &problems {
        assert!(p.row.is_some() || p.column.is_some(), "{p:?} says nowhere");
        if let Some(r) = p.row {
            assert!(lines.iter().any(|l| l.row == r), "{p:?}: no such row");
        }
        renders(&p.message);
    }
    if problems.is_empty() {
        // Every line is added, updated, unchanged, reactivated or, with its end date passed,
        // made inactive; only the one active employee can be made inactive at all.
        let placed =
            (summary.added + summary.updated + summary.unchanged + summary.reactivated) as usize;
        assert!(placed <= lines.len(), "{summary:?}");
        let ended = lines.len() - placed;
        assert!(
            ended <= summary.deactivated as usize && summary.deactivated <= 1,
            "{summary:?}"
        );
    }
}

/// A roster file (CSV or XLSX), read as the upload is ([`imports::read_table`]), its columns
/// found ([`roster::lines_of`]) and its lines checked ([`roster::check_lines`]).
///
/// # Panics
/// On rows numbered out of order, counts that do not add up, a problem that names no place
/// or does not render.
pub fn roster_import(data: &[u8]) {
    let table = match imports::read_table(data) {
        Ok(t) => t,
        Err(p) => {
            renders(&p.message);
            return;
        }
    };
    let mut last = 1;
    for (n, _) in &table.rows {
        assert!(*n > last, "row {n} after row {last}");
        last = *n;
    }
    let (lines, labels, problems) = roster::lines_of(&table);
    for p in &problems {
        renders(&p.message);
    }
    if problems.is_empty() {
        assert_eq!(lines.len(), table.rows.len());
        check_dry_run(&lines, &labels);
    }
}

/// A `POST /api/v1/roster` body, deserialised as the handler does (serde_json into
/// [`server::web::api::RosterImport`]) and checked as its dry run is.
///
/// # Panics
/// As [`roster_import`].
pub fn api_roster(data: &[u8]) {
    let Ok(body) = serde_json::from_slice::<server::web::api::RosterImport>(data) else {
        return;
    };
    if let Err(e) = body.reference_date() {
        for f in match &e {
            app::services::ServiceError::Invalid(f) => f.as_slice(),
            other => panic!("a bad date is a 422, not {other:?}"),
        } {
            renders(&f.message);
        }
    }
    let lines = body.lines();
    for (i, l) in lines.iter().enumerate() {
        assert_eq!(l.row as usize, i + 1);
    }
    check_dry_run(&lines, &server::web::api::RosterImport::labels());
}

/// The line that separates the three files of a bundle in one input.
const FILE_BREAK: &str = "\n====\n";

/// An analysis bundle (`items.csv`, `responses.csv` and, when given, `population.csv`, in one
/// input split at [`FILE_BREAK`]) read as `polsslag analyse` reads it and analysed at k = 5.
///
/// # Panics
/// On a published cell under the threshold, a suppressed cell that shows a figure, or a
/// figure that is not finite.
pub fn analysis_bundle(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let files: Vec<&str> = text.splitn(3, FILE_BREAK).collect();
    if files.len() < 2 {
        return;
    }
    let dir = scratch_dir();
    for (name, body) in ["items.csv", "responses.csv", "population.csv"]
        .iter()
        .zip(files.iter().map(Some).chain(std::iter::repeat(None)))
    {
        let path = dir.join(name);
        match body {
            Some(b) => std::fs::write(&path, b).expect("scratch file"),
            None => {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
    let Ok(bundle) = analysis::bundle::Bundle::read(&dir) else {
        return;
    };
    let opts = analysis::AnalyseOptions {
        min_group: 5,
        charts: false,
        ..Default::default()
    };
    let Ok(results) = analysis::analyse(&bundle, &opts) else {
        return;
    };
    for e in results.estimates.iter().chain(&results.breakdowns) {
        let figures = [e.mean, e.index, e.pct_favourable, e.se, e.ci_low, e.ci_high];
        if e.suppressed {
            assert!(
                figures.iter().all(Option::is_none),
                "suppressed with a figure: {e:?}"
            );
        } else {
            assert!(e.n >= 5, "published under the threshold: {e:?}");
        }
        for f in figures.iter().flatten() {
            assert!(f.is_finite(), "{e:?}");
        }
    }
    for c in results.changes.iter().chain(&results.breakdown_changes) {
        assert!(c.diff.is_finite() && (0.0..=1.0).contains(&c.p), "{c:?}");
    }
    serde_json::to_string(&results).expect("results.json serialises");
}

/// A directory of this process's own for the bundle's files.
fn scratch_dir() -> std::path::PathBuf {
    static DIR: OnceLock<std::path::PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let d = std::env::temp_dir().join(format!("polsslag-fuzz-bundle-{}", std::process::id()));
        std::fs::create_dir_all(&d).expect("scratch directory");
        d
    })
    .clone()
}

/// A fuzz target's body: any bytes in, a panic on a finding.
pub type Target = fn(&[u8]);

/// Every target by name, for the replay test.
pub const TARGETS: [(&str, Target); 4] = [
    ("respondent_form", respondent_form),
    ("roster_import", roster_import),
    ("analysis_bundle", analysis_bundle),
    ("api_roster", api_roster),
];

#[cfg(test)]
mod tests {
    use super::TARGETS;
    use std::path::Path;

    /// Every seed and every kept finding of every target runs without a panic: a fixed
    /// finding stays fixed.
    #[test]
    fn every_seed_and_every_kept_finding_passes() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
        let mut ran = 0;
        for (name, target) in TARGETS {
            for kind in ["seeds", "regressions"] {
                let dir = root.join(kind).join(name);
                let Ok(entries) = std::fs::read_dir(&dir) else {
                    continue;
                };
                for entry in entries {
                    let path = entry.unwrap().path();
                    let data = std::fs::read(&path).unwrap();
                    let outcome = std::panic::catch_unwind(|| target(&data));
                    assert!(outcome.is_ok(), "{name}: {} fails", path.display());
                    ran += 1;
                }
            }
        }
        assert!(ran >= 12, "the seeds are missing ({ran} inputs)");
    }
}
