//! No answer that was acknowledged may ever be lost: answers are sent in parallel to the real
//! binary, which is killed with SIGKILL mid-stream; after a restart every acknowledged answer
//! is there.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tests::Demo;

/// Opens a team link and returns the form fields that answer every question with its first
/// offered value.
async fn filled_form(
    client: &reqwest::Client,
    link: &str,
    base: &str,
) -> Option<Vec<(String, String)>> {
    client.get(link).send().await.ok()?;
    let html = client
        .get(format!("{base}/v"))
        .send()
        .await
        .ok()?
        .text()
        .await
        .ok()?;
    let mut fields: Vec<(String, String)> = vec![
        ("_page".into(), "0".into()),
        ("_nav".into(), "verstuur".into()),
    ];
    let start = html.find("name=\"_nonce\" value=\"")? + 21;
    fields.push(("_nonce".into(), html[start..start + 43].to_string()));
    let mut seen = std::collections::HashSet::new();
    for part in html.split("type=\"radio\"").skip(1) {
        let name = part.split("name=\"").nth(1)?.split('"').next()?.to_string();
        let value = part
            .split("value=\"")
            .nth(1)?
            .split('"')
            .next()?
            .to_string();
        if seen.insert(name.clone()) {
            fields.push((name, value));
        }
    }
    Some(fields)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_answers_survive_kill_9() {
    let demo = Demo::create(400);
    let wave = demo.wave_id("Flitspeiling koopkracht");
    // The demo prints four personal links first, then the koopkracht team links.
    let link = demo.links[4].clone();
    let mut server = demo.serve();
    let acked = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for _ in 0..4 {
        let acked = acked.clone();
        let (link, base) = (link.clone(), demo.base.clone());
        tasks.push(tokio::spawn(async move {
            loop {
                let client = reqwest::Client::builder()
                    .cookie_store(true)
                    .redirect(reqwest::redirect::Policy::none())
                    .build()
                    .unwrap();
                let Some(fields) = filled_form(&client, &link, &base).await else {
                    return;
                };
                match client.post(format!("{base}/v")).form(&fields).send().await {
                    Ok(res) if res.status() == 303 => {
                        acked.fetch_add(1, Ordering::SeqCst);
                    }
                    Ok(res) => panic!("unexpected status {}", res.status()),
                    Err(_) => return, // the server is gone
                }
            }
        }));
    }
    while acked.load(Ordering::SeqCst) < 60 {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    server.kill_now();
    for t in tasks {
        t.await.unwrap();
    }
    let acknowledged = acked.load(Ordering::SeqCst);

    // Restart on the same file and count what is stored for the wave.
    let _server = demo.serve();
    // The server and this test use the same default sealing key file.
    let key = app::services::sealing::SealingKey::load_or_create(None).unwrap();
    let store = app::services::Store::open(&demo.database_url, key)
        .await
        .unwrap();
    let db = store.read();
    use app::services::entities::{response, sealed_response};
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    let wave = app::domain::WaveId::parse(&wave).unwrap();
    let stored = response::Entity::find()
        .filter(response::Column::WaveId.eq(wave.clone()))
        .count(&db)
        .await
        .unwrap()
        + sealed_response::Entity::find()
            .filter(sealed_response::Column::WaveId.eq(wave.clone()))
            .count(&db)
            .await
            .unwrap();
    assert!(
        stored as usize >= acknowledged,
        "{acknowledged} answers were acknowledged but only {stored} are stored"
    );
    // Nothing is stored that was not at least sent: at most the in-flight ones (4 clients).
    assert!(stored as usize <= acknowledged + 4);
    // Closing the wave after the restart opens every sealed answer.
    app::services::waves::close(&store, &app::services::Actor::Cli, &wave)
        .await
        .unwrap();
    let opened = response::Entity::find()
        .filter(response::Column::WaveId.eq(wave))
        .count(&store.read())
        .await
        .unwrap();
    assert_eq!(opened, stored, "every sealed answer opened at close");
}
