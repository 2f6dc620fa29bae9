//! Issue #14, faults: the database away for a while. PostgreSQL behind a TCP proxy that the
//! test switches off (connections refused, the open ones cut) and on again.

use crate::common::{fixture, invite_first, nonce_of, Backend, TestApp, Q};
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

/// A TCP proxy to `target` on a port of its own: while the value sent is `false` it listens
/// on nothing (a connection is refused, as by a database that is down) and every connection
/// it carried is cut; `true` opens the same port again.
async fn proxy(target: SocketAddr) -> (u16, watch::Sender<bool>) {
    let first = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = first.local_addr().unwrap().port();
    let (tx, rx) = watch::channel(true);
    tokio::spawn(async move {
        let mut listener = Some(first);
        loop {
            let l = match listener.take() {
                Some(l) => l,
                None => {
                    let mut wait = rx.clone();
                    if wait.wait_for(|up| *up).await.is_err() {
                        return;
                    }
                    TcpListener::bind(("127.0.0.1", port))
                        .await
                        .expect("the same port again")
                }
            };
            let mut stop = rx.clone();
            loop {
                tokio::select! {
                    accepted = l.accept() => {
                        let Ok((mut inbound, _)) = accepted else { continue };
                        let mut cut = rx.clone();
                        tokio::spawn(async move {
                            let Ok(mut outbound) = TcpStream::connect(target).await else { return };
                            tokio::select! {
                                _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound) => {}
                                _ = cut.wait_for(|up| !*up) => {}
                            }
                        });
                    }
                    _ = stop.wait_for(|up| !*up) => break,
                }
            }
            drop(l);
        }
    });
    (port, tx)
}

/// `postgres://user@host:port/name` split into (`user`, host:port, `name`).
fn parts(url: &str) -> (String, SocketAddr, String) {
    let rest = url.strip_prefix("postgres://").expect("a postgres:// URL");
    let (user, rest) = rest.split_once('@').expect("a user");
    let (host, name) = rest.split_once('/').expect("a database");
    let host = host.replace("localhost", "127.0.0.1");
    (
        user.to_string(),
        host.parse().expect("host:port"),
        name.to_string(),
    )
}

fn submit(nonce: String) -> Vec<(&'static str, String)> {
    vec![
        ("_nonce", nonce),
        ("_page", "0".into()),
        ("_nav", "verstuur".into()),
        ("q_A1", "4".into()),
    ]
}

/// PostgreSQL away for a while: a respondent sending a form, a colleague opening the login
/// page and an API client are told so (503 with `Retry-After`, Dutch first, in the reader's
/// language), quickly and without anything stored; when the database is back the server
/// recovers by itself, the same form (its nonce unused) goes through, and every
/// acknowledged answer is there exactly once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn while_the_database_is_away_pages_say_so_and_the_server_recovers() {
    let Some(direct) = crate::common::fresh_database(Backend::Postgres).await else {
        return;
    };
    let (user, target, name) = parts(&direct);
    let (port, up) = proxy(target).await;
    let app = TestApp::start(server::ServeConfig::new(
        format!("postgres://{user}@127.0.0.1:{port}/{name}"),
        "127.0.0.1:0".parse().unwrap(),
    ))
    .await;
    let fx = fixture(&app.store, vec![vec![Q::Likert("A1", true)]], 20, 10).await;
    let tokens = invite_first(&app.store, &fx, 2).await;
    let stored = || async {
        app.count("response", &fx.wave_id).await + app.count("sealed_response", &fx.wave_id).await
    };
    app.answer_a1(&tokens[0].1).await;
    assert_eq!(stored().await, 1);
    let client = app.client();
    let (_, html) = app.open(&client, &tokens[1].1).await;
    let nonce = nonce_of(&html);

    up.send(false).unwrap();
    let started = Instant::now();
    let res = app.post(&client, &submit(nonce.clone())).await;
    assert_eq!(res.status(), 503);
    assert_eq!(res.headers()["retry-after"], "30");
    let body = res.text().await.unwrap();
    assert!(
        body.contains("De database is even niet bereikbaar"),
        "{body}"
    );
    assert!(
        body.contains("Er is niets opgeslagen of veranderd"),
        "{body}"
    );
    let waited = started.elapsed();
    assert!(
        waited < Duration::from_secs(app::services::store::ACQUIRE_TIMEOUT_S * 3),
        "told within the connection wait, not left hanging: {waited:?}"
    );
    let login = app
        .client()
        .get(format!("{}/login", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), 503);
    assert!(login
        .text()
        .await
        .unwrap()
        .contains("De database is even niet bereikbaar"));
    let api = app
        .client()
        .post(format!("{}/api/v1/roster", app.base))
        // Well formed, so it is looked up (an unknown one would be refused with 401).
        .bearer_auth(format!(
            "{}{}",
            app::services::api_tokens::PREFIX,
            app::services::tokens::Token::generate().as_str()
        ))
        .header("accept-language", "en")
        .json(&serde_json::json!({ "employees": [] }))
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 503);
    let json: serde_json::Value = api.json().await.unwrap();
    assert_eq!(
        json["title"], "The database cannot be reached just now",
        "{json}"
    );

    up.send(true).unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let res = app.post(&client, &submit(nonce.clone())).await;
        if res.status() == 303 {
            assert_eq!(res.headers()["location"], "/bedankt");
            break;
        }
        assert_eq!(res.status(), 503, "only ever refused while away");
        assert!(Instant::now() < deadline, "the server did not recover");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert_eq!(stored().await, 2, "both acknowledged answers, each once");
    let page = app
        .client()
        .get(format!("{}/login", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
}
