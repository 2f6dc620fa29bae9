//! The product's promise, tested: an administrator holding the whole database after a wave
//! closed, and knowing the order in which the tokens were used, cannot order the responses
//! in any way that follows that order (DESIGN.md "Anonymity model", issue #2).

use crate::common::{fixture, nonce_of, spearman, Backend, TestApp, ACTOR, Q};
use app::services::invitations::invite;
use rand::Rng;
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use std::collections::HashMap;

/// Issue #2 asks for 200 tokens and |rho| < 0.2. For a random order rho has a standard
/// deviation of 1/sqrt(n-1): at n = 200 the bound is 2.8 sigma, so a correct server would fail
/// one run in about forty across the dozens of orderings checked. At n = 600 the same bound is
/// 4.9 sigma: the test only fails when an ordering really follows the order of use.
const RESPONDENTS: usize = 600;
const LIMIT: f64 = 0.2;

async fn no_ordering_of_the_stored_responses_follows_the_order_of_use(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let fx = fixture(
        &app.store,
        vec![vec![
            Q::Likert("A1", true),
            Q::Likert("A2", true),
            Q::Text("LABEL"),
        ]],
        RESPONDENTS,
        10,
    )
    .await;
    let tokens = invite(&app.store, &ACTOR, &fx.wave_id, &fx.employees)
        .await
        .unwrap()
        .tokens;

    // Each response carries a random label only the test knows: label -> order of use.
    let mut order_of: HashMap<String, usize> = HashMap::new();
    let mut rng = rand::rng();
    for (i, (_, token)) in tokens.iter().enumerate() {
        let label = format!("{:016x}", rng.random::<u64>());
        order_of.insert(label.clone(), i);
        let client = app.client();
        let (status, html) = app.open(&client, token).await;
        assert_eq!(status, 200, "{html}");
        let res = app
            .post(
                &client,
                &[
                    ("_nonce", nonce_of(&html)),
                    ("_page", "0".into()),
                    ("_nav", "verstuur".into()),
                    ("q_A1", rng.random_range(1..=5).to_string()),
                    ("q_A2", rng.random_range(1..=5).to_string()),
                    ("q_LABEL", label),
                ],
            )
            .await;
        assert_eq!(res.status(), 303, "submission {i} acknowledged");
        // While open, nothing is stored in the clear: every answer waits sealed.
        assert_eq!(app.count("response", &fx.wave_id).await, 0);
    }
    assert_eq!(
        app.count("sealed_response", &fx.wave_id).await,
        RESPONDENTS as i64
    );

    app::services::waves::close(&app.store, &ACTOR, &fx.wave_id)
        .await
        .unwrap();
    assert_eq!(app.count("sealed_response", &fx.wave_id).await, 0);
    assert_eq!(app.count("response", &fx.wave_id).await, RESPONDENTS as i64);

    // Every way a curious administrator could order the rows.
    let db = &app.store.read();
    let mut orderings: Vec<String> = vec![
        "SELECT answers FROM response".into(), // physical order
    ];
    for col in [
        "id",
        "wave_id",
        "unit",
        "district",
        "team",
        "age_band",
        "role_group",
        "tenure_band",
        "answers",
    ] {
        orderings.push(format!("SELECT answers FROM response ORDER BY {col}"));
        orderings.push(format!("SELECT answers FROM response ORDER BY {col} DESC"));
    }
    match backend {
        Backend::Postgres => {
            orderings.push("SELECT answers FROM response ORDER BY ctid".into());
            orderings.push("SELECT answers FROM response ORDER BY xmin::text::bigint, ctid".into());
        }
        Backend::Sqlite => {
            // WITHOUT ROWID: there is no rowid to order by.
            let rowid = db
                .query_all_raw(Statement::from_string(
                    DbBackend::Sqlite,
                    "SELECT rowid FROM response",
                ))
                .await;
            assert!(rowid.is_err(), "response must have no rowid");
        }
    }
    for sql in &orderings {
        assert_no_order(&app, backend, sql, |r| {
            let answers: String = r.try_get("", "answers").unwrap();
            let v: serde_json::Value = serde_json::from_str(&answers).unwrap();
            order_of[v["LABEL"].as_str().unwrap()]
        })
        .await;
    }

    // Invitations: the completed flag must not reveal the order of use either.
    let mut inv_orderings = vec![
        "SELECT token_hash FROM invitation".to_string(),
        "SELECT token_hash FROM invitation ORDER BY id".into(),
    ];
    if backend == Backend::Postgres {
        inv_orderings.push("SELECT token_hash FROM invitation ORDER BY ctid".into());
    }
    let use_order: HashMap<String, usize> = tokens
        .iter()
        .enumerate()
        .map(|(i, (_, t))| (t.hash(), i))
        .collect();
    for sql in &inv_orderings {
        assert_no_order(&app, backend, sql, |r| {
            use_order[&r.try_get::<String>("", "token_hash").unwrap()]
        })
        .await;
    }

    // No column that could identify anyone exists at all.
    let cols = column_names(&app, "response").await;
    for banned in [
        "token",
        "token_hash",
        "employee_id",
        "invitation_id",
        "ip",
        "user_agent",
        "created_at",
        "submitted_at",
    ] {
        assert!(
            !cols.iter().any(|c| c == banned),
            "response has a column {banned}"
        );
    }
}

/// Runs `sql` and checks that the order of its rows does not follow the order of use, given
/// each row's place in that order.
async fn assert_no_order(
    app: &TestApp,
    backend: Backend,
    sql: &str,
    order_of_use: impl Fn(&sea_orm::QueryResult) -> usize,
) {
    let db = &app.store.read();
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            sql.to_string(),
        ))
        .await
        .unwrap();
    let used: Vec<usize> = rows.iter().map(order_of_use).collect();
    let position: Vec<usize> = (0..used.len()).collect();
    let rho = spearman(&position, &used);
    assert!(
        rho.abs() < LIMIT,
        "{backend:?}: `{sql}` follows the order of use (rho = {rho:.3})"
    );
}

async fn column_names(app: &TestApp, table: &str) -> Vec<String> {
    let db = &app.store.read();
    let (sql, col) = match db.get_database_backend() {
        DbBackend::Postgres => (
            format!("SELECT column_name AS name FROM information_schema.columns WHERE table_name = '{table}'"),
            "name",
        ),
        _ => (format!("SELECT name FROM pragma_table_info('{table}')"), "name"),
    };
    db.query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<String>("", col).unwrap())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_no_ordering_of_the_stored_responses_follows_the_order_of_use() {
    no_ordering_of_the_stored_responses_follows_the_order_of_use(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_no_ordering_of_the_stored_responses_follows_the_order_of_use() {
    no_ordering_of_the_stored_responses_follows_the_order_of_use(Backend::Postgres).await;
}
