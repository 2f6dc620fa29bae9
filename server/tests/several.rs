//! Issue #14: two `polsslag serve` on one PostgreSQL database, a client alternating between
//! them as a round-robin balancer would. A session made on one works on the other; answers
//! sent through either are stored once and a form replayed on the other is refused; the
//! invitation and reminder queue worked by both at once sends each mail once; the job that
//! closes a wave whose last day has passed, run by both at once, closes it once.

use crate::access::{account, token_in, PASSWORD};
use crate::common::{fixture, fresh_database, nonce_of, smtp::Sink, Backend, TestApp, ACTOR, Q};
use app::domain::Role;
use app::services::{backup, mail, samples, today, waves, Actor};
use sea_orm::{ConnectionTrait, Database, Statement};
use server::mailer::{MailConfig, Mailer};
use std::collections::BTreeMap;

fn mailer(sink: &Sink) -> Mailer {
    Mailer::new(&MailConfig {
        smtp_url: Some(sink.url()),
        from: "Polsslag <hrm@example.invalid>".into(),
        per_minute: 60_000,
    })
    .unwrap()
    .unwrap()
}

/// Messages per recipient.
fn per_recipient(sink: &Sink) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for m in sink.messages() {
        for to in m.to {
            *out.entry(to).or_insert(0) += 1;
        }
    }
    out
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    app.store
        .read()
        .query_one_raw(Statement::from_string(app.store.backend(), sql.to_string()))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<i64>(0)
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_servers_on_one_database_share_the_work_and_do_each_thing_once() {
    let Some(url) = fresh_database(Backend::Postgres).await else {
        return;
    };
    let a = TestApp::start(server::ServeConfig::new(
        url.clone(),
        "127.0.0.1:0".parse().unwrap(),
    ))
    .await;
    let b = a.another(|_| {}).await;
    let servers = [&a, &b];
    let fx = fixture(&a.store, vec![vec![Q::Likert("A1", true)]], 40, 5).await;
    assert_eq!(
        samples::invite_audience(&a.store, &ACTOR, &fx.wave_id)
            .await
            .unwrap(),
        40
    );

    // Sessions: the login form of one, sent to the other; then pages and forms on both.
    account(&a, "hrm@example.nl", Role::HrmAnalyst).await;
    let hrm = a.client();
    let login_page = hrm
        .get(format!("{}/login", a.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let res = hrm
        .post(format!("{}/login", b.base))
        .form(&[
            ("_csrf", token_in(&login_page).as_str()),
            ("email", "hrm@example.nl"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "logged in through the other server");
    let wave_page = format!("/hrm/golven/{}", fx.wave_id);
    let mut token = String::new();
    for s in servers {
        let res = hrm
            .get(format!("{}{wave_page}", s.base))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "signed in on {}", s.base);
        token = token_in(&res.text().await.unwrap());
    }
    // The invitations, asked for on the first with the second's form token.
    let res = hrm
        .post(format!("{}{wave_page}/versturen", a.base))
        .form(&[("_csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);

    // Both work the mail queue at once, three rounds each: every invitation goes out once.
    let sink = Sink::start(&[], &[]).await;
    let (ma, mb) = (mailer(&sink), mailer(&sink));
    for _ in 0..3 {
        let (x, y) = tokio::join!(
            ma.drain(&a.store, None, &a.base),
            mb.drain(&b.store, None, &b.base)
        );
        x.unwrap();
        y.unwrap();
    }
    let invited = per_recipient(&sink);
    assert_eq!(invited.len(), 40, "everyone invited");
    assert!(invited.values().all(|n| *n == 1), "once each: {invited:?}");

    // Thirty answer from the links in their mail, each page from whichever server is next.
    let links: Vec<String> = sink
        .messages()
        .iter()
        .map(|m| {
            let body = m.body();
            let at = body.find("/p/").expect("a personal link");
            body[at + 3..at + 3 + 43].to_string()
        })
        .collect();
    let mut answering = Vec::new();
    for (i, link) in links.iter().take(30).enumerate() {
        let (first, second) = (
            servers[i % 2].base.clone(),
            servers[(i + 1) % 2].base.clone(),
        );
        let client = a.client();
        let link = link.clone();
        answering.push(tokio::spawn(async move {
            let res = client
                .get(format!("{first}/p/{link}"))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 303);
            let form = client
                .get(format!("{second}/v"))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            let fields = [
                ("_nonce", nonce_of(&form)),
                ("_page", "0".to_string()),
                ("_nav", "verstuur".to_string()),
                ("q_A1", "4".to_string()),
            ];
            let res = client
                .post(format!("{first}/v"))
                .form(&fields)
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 303, "stored through {first}");
            // The same form again, on the other server: refused, not stored twice.
            let res = client
                .post(format!("{second}/v"))
                .form(&fields)
                .send()
                .await
                .unwrap();
            assert!(res.status().is_client_error(), "a replay: {}", res.status());
        }));
    }
    for t in answering {
        t.await.unwrap();
    }
    let c = backup::counts(&a.store.read()).await.unwrap();
    assert_eq!((c.sealed, c.invitations_used), (30, 30), "{c:?}");

    // A reminder for today, worked by both at once: the ten who did not answer get one each.
    mail::schedule_reminder(&a.store, &ACTOR, &fx.wave_id, today())
        .await
        .unwrap();
    for _ in 0..3 {
        let (x, y) = tokio::join!(
            ma.drain(&a.store, None, &a.base),
            mb.drain(&b.store, None, &b.base)
        );
        x.unwrap();
        y.unwrap();
    }
    let reminded: usize = per_recipient(&sink).values().map(|n| n - 1).sum();
    assert_eq!(reminded, 10, "one reminder for each who did not answer");
    assert!(per_recipient(&sink).values().all(|n| *n <= 2));

    // The wave's last day has passed; both servers' job sees it at once: it closes once.
    let db = Database::connect(url.as_str()).await.unwrap();
    db.execute_unprepared(&format!(
        "UPDATE wave SET closes_on = DATE '{}' WHERE id = '{}'",
        today() - time::Duration::days(1),
        fx.wave_id
    ))
    .await
    .unwrap();
    db.close().await.unwrap();
    let (x, y) = tokio::join!(
        waves::close_due(&a.store, &Actor::System, today()),
        waves::close_due(&b.store, &Actor::System, today())
    );
    let closed = x.expect("no error on either") + y.expect("no error on either");
    assert_eq!(closed, 1, "closed by one of them");
    let c = backup::counts(&a.store.read()).await.unwrap();
    assert_eq!((c.responses, c.sealed), (30, 0), "every answer once: {c:?}");
    assert_eq!(
        count(
            &a,
            &format!(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'wave.close' AND object = '{}'",
                fx.wave_id
            )
        )
        .await,
        1,
        "one close in the audit log"
    );
    assert_eq!(
        count(&a, "SELECT COUNT(*) FROM poll_result").await,
        1,
        "its results analysed once"
    );
}
