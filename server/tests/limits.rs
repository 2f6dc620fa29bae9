//! Issue #14, on SQLite and PostgreSQL: limits per account and per token, never per address.
//! Every request of these tests comes from 127.0.0.1, as a whole office behind one proxy.

use crate::access::{account, login, PASSWORD};
use crate::common::{fixture, TestApp, Q};
use app::domain::Role;
use app::services::accounts;

on_both_backends!(
    a_thousand_colleagues_behind_one_address_all_answer_while_a_brute_force_is_stopped,
    an_api_token_that_asks_too_often_is_slowed_down_on_its_own,
);

const COLLEAGUES: usize = 1000;

/// A thousand colleagues answer through their personal links from one address while someone
/// there tries password after password on one account: every answer is stored, the account
/// locks after [`accounts::MAX_FAILURES`] tries (and then refuses even its right password),
/// and a colleague logging in from the same address meanwhile gets in.
async fn a_thousand_colleagues_behind_one_address_all_answer_while_a_brute_force_is_stopped(
    app: TestApp,
) {
    use futures::StreamExt;
    let fx = fixture(
        &app.store,
        vec![vec![Q::Likert("A1", true)]],
        COLLEAGUES,
        10,
    )
    .await;
    let tokens = crate::common::invite_first(&app.store, &fx, COLLEAGUES).await;
    account(&app, "anna@example.nl", Role::HrmAnalyst).await;
    account(&app, "bert@example.nl", Role::HrmAnalyst).await;

    let answers = futures::stream::iter(tokens.iter().map(|(_, t)| app.answer_a1(t)))
        .buffer_unordered(32)
        .collect::<Vec<()>>();
    let brute_force = async {
        let client = app.client();
        let mut statuses = Vec::new();
        for i in 0..20 {
            let res = login(&app, &client, "anna@example.nl", &format!("geraden-{i:04}")).await;
            statuses.push(res.status().as_u16());
        }
        let right = login(&app, &client, "anna@example.nl", PASSWORD).await;
        (statuses, right.status().as_u16())
    };
    let colleague = async {
        let res = login(&app, &app.client(), "bert@example.nl", PASSWORD).await;
        res.status().as_u16()
    };
    let (_, (statuses, right), bert) = tokio::join!(answers, brute_force, colleague);

    let tries = accounts::MAX_FAILURES as usize;
    assert!(
        statuses[..tries - 1].iter().all(|s| *s == 422),
        "wrong passwords are refused: {statuses:?}"
    );
    assert!(
        statuses[tries - 1..].iter().all(|s| *s == 403),
        "then the account is locked: {statuses:?}"
    );
    assert_eq!(right, 403, "locked even for the right password");
    assert_eq!(bert, 303, "a colleague behind the same address logs in");
    let stored =
        app.count("response", &fx.wave_id).await + app.count("sealed_response", &fx.wave_id).await;
    assert_eq!(stored, COLLEAGUES as i64, "every colleague's answer");
}

/// The API allows a token [`server::web::api::API_BURST`] requests at once; the next is
/// refused with 429, `Retry-After` and a message in the reader's language, and nothing is
/// done. Another token (another system at the same address) is not slowed down.
async fn an_api_token_that_asks_too_often_is_slowed_down_on_its_own(app: TestApp) {
    use app::services::api_tokens;
    account(&app, "beheer@example.nl", Role::Administrator).await;
    let admin = accounts::authenticate(
        &app.store,
        "beheer@example.nl",
        PASSWORD,
        time::OffsetDateTime::now_utc(),
    )
    .await
    .unwrap();
    let (_, busy) = api_tokens::create(&app.store, &admin, "script")
        .await
        .unwrap();
    let (_, other) = api_tokens::create(&app.store, &admin, "HR-systeem")
        .await
        .unwrap();
    let call = |token: String, lang: &'static str| {
        let url = format!("{}/api/v1/roster", app.base);
        async move {
            reqwest::Client::new()
                .post(url)
                .bearer_auth(token)
                .header("accept-language", lang)
                .json(&serde_json::json!({ "employees": [], "dry_run": true }))
                .send()
                .await
                .unwrap()
        }
    };
    for i in 0..server::web::api::API_BURST {
        let res = call(busy.clone(), "nl").await;
        assert_ne!(res.status(), 429, "request {i} is within the burst");
    }
    let res = call(busy.clone(), "nl").await;
    assert_eq!(res.status(), 429);
    let wait: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    let json: serde_json::Value = res.json().await.unwrap();
    assert_eq!(json["title"], "Te veel verzoeken met dit token", "{json}");
    assert!(json["detail"]
        .as_str()
        .unwrap()
        .contains("Er is niets opgeslagen"));
    let res = call(busy.clone(), "en").await;
    assert_eq!(res.status(), 429);
    let json: serde_json::Value = res.json().await.unwrap();
    assert_eq!(json["title"], "Too many requests with this token", "{json}");
    let res = call(other.clone(), "nl").await;
    assert_ne!(res.status(), 429, "another token has its own quota");
}
