//! Test helpers: a fresh database per test (SQLite file or a new PostgreSQL database), the real
//! application on port 0, and a small poll to answer.
#![allow(dead_code)]

use sea_orm::{ActiveValue::Set, ConnectionTrait, Database, EntityTrait};
use server::entities::{employee, org_unit, poll, question, theme, wave};
use server::store::Store;
use server::tokens::Token;
use std::collections::HashMap;

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
        let app = server::Application::build(&url, "127.0.0.1:0".parse().unwrap())
            .await
            .expect("application starts");
        let base = format!("http://{}", app.local_addr());
        let store = app.store.clone();
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(app.run_until(async {
            let _ = rx.await;
        }));
        Some(TestApp {
            base,
            store,
            stop: Some(tx),
        })
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

    pub async fn count(&self, table: &str, wave_id: &str) -> i64 {
        let backend = self.store.backend();
        let sql = match backend {
            sea_orm::DbBackend::Postgres => {
                format!("SELECT COUNT(*) AS n FROM {table} WHERE wave_id = $1")
            }
            _ => format!("SELECT COUNT(*) AS n FROM {table} WHERE wave_id = ?"),
        };
        let row = self
            .store
            .db
            .query_one_raw(sea_orm::Statement::from_sql_and_values(
                backend,
                sql,
                [wave_id.into()],
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
/// two units. Returns the wave id and the employee ids.
pub struct Fixture {
    pub wave_id: String,
    pub poll_id: String,
    pub employees: Vec<i64>,
    pub team_id: i64,
}

pub enum Q {
    Likert(&'static str, bool),
    Text(&'static str),
    Multi(&'static str),
}

pub async fn fixture(
    store: &Store,
    pages: Vec<Vec<Q>>,
    employees: usize,
    min_group: i32,
) -> Fixture {
    let db = &store.db;
    theme::Entity::insert(theme::ActiveModel {
        code: Set("testthema".into()),
        name_nl: Set("Testthema".into()),
        name_en: Set("Test theme".into()),
        description_nl: Set(String::new()),
        description_en: Set(String::new()),
    })
    .exec_without_returning(db)
    .await
    .unwrap();
    let mut page_codes = Vec::new();
    for page in &pages {
        let mut codes = Vec::new();
        for q in page {
            let (code, kind, required, spec) = match q {
                Q::Likert(c, r) => (*c, "likert", *r, "{}".to_string()),
                Q::Text(c) => (*c, "text", false, r#"{"max_length":200}"#.to_string()),
                Q::Multi(c) => (
                    *c,
                    "multi",
                    false,
                    r#"{"options":[{"code":"a","label_nl":"Optie A","label_en":"Option A"},{"code":"b","label_nl":"Optie B","label_en":"Option B"}],"max_choices":1}"#.to_string(),
                ),
            };
            question::Entity::insert(question::ActiveModel {
                code: Set(code.into()),
                theme_code: Set("testthema".into()),
                kind: Set(kind.into()),
                text_nl: Set(format!("Stelling {code}")),
                text_en: Set(format!("Statement {code}")),
                reversed: Set(false),
                dont_know: Set(true),
                required: Set(required),
                sensitive: Set(false),
                scale_min: Set(None),
                scale_max: Set(None),
                spec: Set(spec),
            })
            .exec_without_returning(db)
            .await
            .unwrap();
            codes.push(code.to_string());
        }
        page_codes.push(codes);
    }
    let root = org_unit::Entity::insert(org_unit::ActiveModel {
        parent_id: Set(None),
        level: Set("organisation".into()),
        code: Set("ORG".into()),
        name: Set("Org".into()),
        ..Default::default()
    })
    .exec(db)
    .await
    .unwrap()
    .last_insert_id;
    let mut team_ids = Vec::new();
    for u in ["U1", "U2"] {
        let unit = org_unit::Entity::insert(org_unit::ActiveModel {
            parent_id: Set(Some(root)),
            level: Set("unit".into()),
            code: Set(u.into()),
            name: Set(u.into()),
            ..Default::default()
        })
        .exec(db)
        .await
        .unwrap()
        .last_insert_id;
        let team = org_unit::Entity::insert(org_unit::ActiveModel {
            parent_id: Set(Some(unit)),
            level: Set("team".into()),
            code: Set(format!("{u}-T1")),
            name: Set(format!("{u} team 1")),
            ..Default::default()
        })
        .exec(db)
        .await
        .unwrap()
        .last_insert_id;
        team_ids.push((u, team));
    }
    let mut ids = Vec::new();
    for i in 0..employees {
        let (unit, team) = team_ids[i % 2];
        let id = employee::Entity::insert(employee::ActiveModel {
            employee_number: Set(format!("E{i:05}")),
            name: Set(format!("Medewerker {i}")),
            email: Set(format!("m{i}@example.invalid")),
            team_id: Set(team),
            unit_code: Set(unit.into()),
            district_code: Set(None),
            team_code: Set(format!("{unit}-T1")),
            age_band: Set(["<35", "35-54", "55+"][i % 3].into()),
            role_group: Set("executief".into()),
            tenure_band: Set("5-15".into()),
            is_manager: Set(false),
            active: Set(true),
            ..Default::default()
        })
        .exec(db)
        .await
        .unwrap()
        .last_insert_id;
        ids.push(id);
    }
    let poll_id = uuid::Uuid::new_v4().to_string();
    poll::Entity::insert(poll::ActiveModel {
        id: Set(poll_id.clone()),
        template_code: Set(None),
        kind: Set("flash".into()),
        title_nl: Set("Testpeiling".into()),
        title_en: Set("Test poll".into()),
        intro_nl: Set("Een korte peiling.".into()),
        intro_en: Set("A short poll.".into()),
        pages: Set(serde_json::to_string(&page_codes).unwrap()),
        attributes: Set(r#"["unit","team","age_band"]"#.into()),
        min_group: Set(min_group),
    })
    .exec_without_returning(db)
    .await
    .unwrap();
    let wave_id = uuid::Uuid::new_v4().to_string();
    let today = server::respond::today();
    wave::Entity::insert(wave::ActiveModel {
        id: Set(wave_id.clone()),
        poll_id: Set(poll_id.clone()),
        label: Set("2026-H2".into()),
        opens_on: Set(today - time::Duration::days(1)),
        closes_on: Set(today + time::Duration::days(14)),
        status: Set("open".into()),
        invited: Set(0),
    })
    .exec_without_returning(db)
    .await
    .unwrap();
    Fixture {
        wave_id,
        poll_id,
        employees: ids,
        team_id: team_ids[0].1,
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

pub type Labels = HashMap<String, usize>;
