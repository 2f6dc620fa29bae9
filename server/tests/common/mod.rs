//! Test helpers: a fresh database per test (SQLite file or a new PostgreSQL database), the real
//! application on port 0, and a small poll to answer.

pub mod routes;
pub mod smtp;

use app::domain::{
    Localized, OrgLevel, PollKind, QuestionKind, ReportingAttribute, ReportingThreshold, WaveId,
    WaveStatus,
};
use app::services::organisation::{self, NewOrgUnit};
use app::services::polls::{self, NewPoll};
use app::services::questions::{self, BankChoice, NewQuestion, Spec};
use app::services::roster::{self, NewEmployee};
use app::services::tokens::Token;
use app::services::waves::{self, NewWave};
use app::services::{today, Actor, Store};
use sea_orm::{ConnectionTrait, Database};

/// Runs each named `async fn(TestApp)` of the calling module once on SQLite and once on
/// PostgreSQL, as `sqlite::name` and `postgres::name`.
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if let Some(app) = crate::common::TestApp::spawn(crate::common::Backend::Sqlite).await {
                        super::$name(app).await;
                    }
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if let Some(app) = crate::common::TestApp::spawn(crate::common::Backend::Postgres).await {
                        super::$name(app).await;
                    }
                }
            )*
        }
    };
}

pub const PG_ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/test";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A database URL for one test, or `None` (with a loud message) when PostgreSQL is not
/// available on this machine. With `POLSSLAG_REQUIRE_ALL=1` (CI) a missing PostgreSQL fails.
pub async fn fresh_database(backend: Backend) -> Option<String> {
    match backend {
        Backend::Sqlite => {
            let path =
                std::env::temp_dir().join(format!("polsslag-test-{}.db", uuid::Uuid::new_v4()));
            Some(format!("sqlite://{}?mode=rwc", path.display()))
        }
        Backend::Postgres => {
            let admin =
                std::env::var("POLSSLAG_TEST_PG").unwrap_or_else(|_| PG_ADMIN_URL.to_string());
            match Database::connect(admin.as_str()).await {
                Ok(conn) => {
                    let name = format!("polsslag_test_{}", uuid::Uuid::new_v4().simple());
                    conn.execute_unprepared(&format!("CREATE DATABASE {name}"))
                        .await
                        .expect("create test database");
                    let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin);
                    Some(format!("{base}/{name}"))
                }
                Err(e) => {
                    if std::env::var("POLSSLAG_REQUIRE_ALL").as_deref() == Ok("1") {
                        panic!("PostgreSQL is required (POLSSLAG_REQUIRE_ALL=1) but not reachable at {admin}: {e}");
                    }
                    eprintln!("\n*** SKIPPED: PostgreSQL not reachable at {admin} ({e}); PostgreSQL tests did not run ***\n");
                    None
                }
            }
        }
    }
}

pub struct TestApp {
    pub base: String,
    /// The database this app runs on.
    pub url: String,
    pub store: Store,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
    }
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> Option<TestApp> {
        let url = fresh_database(backend).await?;
        Some(
            Self::start(server::ServeConfig::new(
                url,
                "127.0.0.1:0".parse().unwrap(),
            ))
            .await,
        )
    }

    /// Another server on this app's database, its configuration changed by `configure`.
    pub async fn another(&self, configure: impl FnOnce(&mut server::ServeConfig)) -> TestApp {
        let mut config = server::ServeConfig::new(self.url.clone(), "127.0.0.1:0".parse().unwrap());
        configure(&mut config);
        Self::start(config).await
    }

    /// A server with `config`, on the database it names.
    pub async fn start(config: server::ServeConfig) -> TestApp {
        let url = config.database_url.clone();
        let app = server::Application::build(config)
            .await
            .expect("application starts");
        let base = format!("http://{}", app.local_addr());
        let store = app.store.clone();
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(app.run_until(async {
            let _ = rx.await;
        }));
        TestApp {
            base,
            url,
            store,
            stop: Some(tx),
        }
    }

    /// A browser-like client: keeps cookies, does not follow redirects (tests check them).
    pub fn client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
    }

    /// Opens a link and returns the first page's HTML and its nonce.
    pub async fn open(
        &self,
        client: &reqwest::Client,
        token: &Token,
    ) -> (reqwest::StatusCode, String) {
        let res = client
            .get(format!("{}/p/{}", self.base, token.as_str()))
            .send()
            .await
            .unwrap();
        if res.status() != reqwest::StatusCode::SEE_OTHER {
            let status = res.status();
            return (status, res.text().await.unwrap());
        }
        assert_eq!(res.headers()["location"], "/v");
        let page = client.get(format!("{}/v", self.base)).send().await.unwrap();
        let status = page.status();
        (status, page.text().await.unwrap())
    }

    pub async fn post(
        &self,
        client: &reqwest::Client,
        fields: &[(&str, String)],
    ) -> reqwest::Response {
        client
            .post(format!("{}/v", self.base))
            .form(fields)
            .send()
            .await
            .unwrap()
    }

    /// Opens a personal link in a fresh browser and answers the one-page poll's `A1` with 4.
    pub async fn answer_a1(&self, token: &Token) {
        self.answer_a1_with(token, "4").await;
    }

    /// Answers the fixture's one question A1 with `value` (a scale point, 1–5) and sends it.
    pub async fn answer_a1_with(&self, token: &Token, value: &str) {
        let client = self.client();
        let (status, form) = self.open(&client, token).await;
        assert_eq!(status, 200, "{form}");
        let res = self
            .post(
                &client,
                &[
                    ("_nonce", nonce_of(&form)),
                    ("_page", "0".into()),
                    ("_nav", "verstuur".into()),
                    ("q_A1", value.into()),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
    }

    pub async fn count(&self, table: &str, wave_id: &WaveId) -> i64 {
        let backend = self.store.backend();
        let sql = match backend {
            sea_orm::DbBackend::Postgres => {
                format!("SELECT COUNT(*) AS n FROM {table} WHERE wave_id = $1")
            }
            _ => format!("SELECT COUNT(*) AS n FROM {table} WHERE wave_id = ?"),
        };
        let row = self
            .store
            .read()
            .query_one_raw(sea_orm::Statement::from_sql_and_values(
                backend,
                sql,
                [wave_id.as_str().into()],
            ))
            .await
            .unwrap()
            .unwrap();
        row.try_get::<i64>("", "n").unwrap()
    }
}

pub fn nonce_of(html: &str) -> String {
    let start = html
        .find("name=\"_nonce\" value=\"")
        .expect("form has a nonce")
        + 21;
    html[start..start + 43].to_string()
}

/// A poll of `pages` (lists of question specs) on an open wave, with `employees` people in
/// two units (at least `min_group` in each, so that an audience of everyone can be protected,
/// `app::services::recoding`), all made through the service layer. Returns the wave id and the
/// employee ids.
pub struct Fixture {
    pub poll_id: app::domain::PollId,
    pub wave_id: WaveId,
    pub employees: Vec<i64>,
    pub team_id: i64,
}

pub enum Q {
    Likert(&'static str, bool),
    Text(&'static str),
    Multi(&'static str),
    Single(&'static str),
    /// An open question that must be answered (200 characters at most).
    RequiredText(&'static str),
}

fn two_options() -> Vec<BankChoice> {
    vec![
        BankChoice {
            code: "a".into(),
            label_nl: "Optie A".into(),
            label_en: "Option A".into(),
        },
        BankChoice {
            code: "b".into(),
            label_nl: "Optie B".into(),
            label_en: "Option B".into(),
        },
    ]
}

pub const ACTOR: Actor = Actor::Cli;

pub async fn fixture(
    store: &Store,
    pages: Vec<Vec<Q>>,
    employees: usize,
    min_group: u32,
) -> Fixture {
    questions::add_theme(
        store,
        &ACTOR,
        "testthema",
        Localized::new("Testthema", "Test theme"),
        Localized::default(),
    )
    .await
    .unwrap();
    let mut page_codes = Vec::new();
    for page in &pages {
        let mut codes = Vec::new();
        for q in page {
            let (code, kind, required, spec) = match q {
                Q::Likert(c, r) => (*c, QuestionKind::Likert, *r, Spec::default()),
                Q::Text(c) => (
                    *c,
                    QuestionKind::Text,
                    false,
                    Spec {
                        max_length: Some(200),
                        ..Default::default()
                    },
                ),
                Q::Multi(c) => (
                    *c,
                    QuestionKind::Multi,
                    false,
                    Spec {
                        options: two_options(),
                        max_choices: Some(1),
                        ..Default::default()
                    },
                ),
                Q::RequiredText(c) => (
                    *c,
                    QuestionKind::Text,
                    true,
                    Spec {
                        max_length: Some(200),
                        ..Default::default()
                    },
                ),
                Q::Single(c) => (
                    *c,
                    QuestionKind::Single,
                    false,
                    Spec {
                        options: two_options(),
                        ..Default::default()
                    },
                ),
            };
            questions::add(
                store,
                &ACTOR,
                NewQuestion {
                    code: code.into(),
                    theme: "testthema".into(),
                    kind,
                    text: Localized::new(format!("Stelling {code}"), format!("Statement {code}")),
                    reversed: false,
                    dont_know: true,
                    required,
                    sensitive: false,
                    spec,
                },
            )
            .await
            .unwrap();
            codes.push(code.to_string());
        }
        page_codes.push(codes);
    }
    let node = |parent, level, code: &str| NewOrgUnit {
        parent,
        level,
        code: code.into(),
        name: code.into(),
    };
    let root = organisation::add(store, &ACTOR, node(None, OrgLevel::Organisation, "ORG"))
        .await
        .unwrap();
    let mut team_ids = Vec::new();
    for u in ["U1", "U2"] {
        let unit = organisation::add(store, &ACTOR, node(Some(root), OrgLevel::Unit, u))
            .await
            .unwrap();
        let team = organisation::add(
            store,
            &ACTOR,
            node(Some(unit), OrgLevel::Team, &format!("{u}-T1")),
        )
        .await
        .unwrap();
        team_ids.push((u, team));
    }
    let employees = employees.max(2 * min_group as usize);
    let people: Vec<NewEmployee> = (0..employees)
        .map(|i| {
            let (unit, team) = team_ids[i % 2];
            NewEmployee {
                employee_number: format!("E{i:05}"),
                name: format!("Medewerker {i}"),
                email: format!("m{i}@example.invalid"),
                team_id: team,
                unit_code: unit.into(),
                district_code: None,
                team_code: format!("{unit}-T1"),
                age_band: ["<35", "35-54", "55+"][i % 3].into(),
                role_group: "executief".into(),
                tenure_band: "5-15".into(),
                is_manager: false,
            }
        })
        .collect();
    let ids = roster::add(store, &ACTOR, &people).await.unwrap();
    let poll_id = polls::create(
        store,
        &ACTOR,
        NewPoll {
            template_code: None,
            kind: PollKind::Flash,
            title: Localized::new("Testpeiling", "Test poll"),
            intro: Localized::new("Een korte peiling.", "A short poll."),
            pages: page_codes,
            attributes: vec![
                ReportingAttribute::Unit,
                ReportingAttribute::Team,
                ReportingAttribute::AgeBand,
            ],
            min_group: ReportingThreshold::new(min_group).unwrap(),
            required: None,
        },
    )
    .await
    .unwrap();
    let today = today();
    let wave_id = waves::create(
        store,
        &ACTOR,
        NewWave {
            audience: Vec::new(),
            poll: poll_id.clone(),
            label: "2026-H2".into(),
            opens_on: today - time::Duration::days(1),
            closes_on: today + time::Duration::days(14),
            status: WaveStatus::Open,
        },
    )
    .await
    .unwrap();
    Fixture {
        poll_id,
        wave_id,
        employees: ids,
        team_id: team_ids[0].1,
    }
}

/// The results kept in `poll_result` for `poll`: (the set of waves analysed, when), sorted.
pub async fn kept_results(
    store: &Store,
    poll: &app::domain::PollId,
) -> Vec<(String, time::OffsetDateTime)> {
    use app::services::entities::poll_result;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let mut rows: Vec<_> = poll_result::Entity::find()
        .filter(poll_result::Column::PollId.eq(poll.clone()))
        .all(&store.read())
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.closed_waves, r.computed_at))
        .collect();
    rows.sort();
    rows
}

/// Invites every employee of the fixture (an audience that recoding can protect) and returns
/// the first `n` `(employee id, token)` pairs.
pub async fn invite_first(store: &Store, fx: &Fixture, n: usize) -> Vec<(i64, Token)> {
    let mut tokens = app::services::invitations::invite(store, &ACTOR, &fx.wave_id, &fx.employees)
        .await
        .unwrap()
        .tokens;
    tokens.truncate(n);
    tokens
}

/// The text of a PDF (pdftotext); `None` when poppler is not installed and nothing demands it.
pub fn pdf_text(pdf: &[u8]) -> Option<String> {
    let path = std::env::temp_dir().join(format!("polsslag-{}.pdf", uuid::Uuid::new_v4()));
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", path.to_str().unwrap(), "-"])
        .output();
    std::fs::remove_file(&path).ok();
    match out {
        Ok(o) if o.status.success() => Some(String::from_utf8_lossy(&o.stdout).into_owned()),
        _ => {
            assert!(
                std::env::var_os("POLSSLAG_REQUIRE_ALL").is_none(),
                "pdftotext is needed (poppler-utils)"
            );
            eprintln!("*** SKIPPED: pdftotext not found; the PDF's text is not checked ***");
            None
        }
    }
}

/// Spearman's rank correlation between two sequences of distinct ranks.
pub fn spearman(xs: &[usize], ys: &[usize]) -> f64 {
    let n = xs.len() as f64;
    let rank = |v: &[usize]| {
        let mut idx: Vec<usize> = (0..v.len()).collect();
        idx.sort_by_key(|&i| v[i]);
        let mut r = vec![0.0; v.len()];
        for (k, i) in idx.into_iter().enumerate() {
            r[i] = k as f64;
        }
        r
    };
    let (rx, ry) = (rank(xs), rank(ys));
    let d2: f64 = rx.iter().zip(&ry).map(|(a, b)| (a - b) * (a - b)).sum();
    1.0 - 6.0 * d2 / (n * (n * n - 1.0))
}
