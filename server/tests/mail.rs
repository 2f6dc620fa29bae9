//! Issue #11, on SQLite and PostgreSQL: invitations and reminders through a real SMTP
//! conversation with a sink the test starts — every invitee gets a personal link that works,
//! a refused address is counted and the rest still go, a reminder reaches exactly those who
//! have not answered, and HRM sees counts only (a reminder's in steps of k).

use crate::common::smtp::Sink;
use crate::common::{fixture, TestApp, ACTOR, Q};
use app::services::mail::{self, Kind};
use app::services::tokens::Token;
use app::services::{roster, samples, ServiceError};
use server::mailer::{Drained, MailConfig, Mailer};
use std::collections::{BTreeMap, BTreeSet};

on_both_backends!(
    invitations_and_reminders_go_out_by_smtp_and_only_counts_are_kept,
    the_response_monitor_moves_in_steps_of_k_and_hides_small_groups,
);

/// The personal link in a message.
fn link_in(body: &str, base: &str) -> Token {
    let at = body.find(&format!("{base}/p/")).expect(body) + base.len() + 3;
    Token::parse(&body[at..at + 43]).expect("a token")
}

async fn invitations_and_reminders_go_out_by_smtp_and_only_counts_are_kept(app: TestApp) {
    let fx = fixture(&app.store, vec![vec![Q::Likert("A1", true)]], 24, 10).await;
    // 24 invitees; the mail server refuses m3 for good and puts m5 off.
    assert_eq!(
        samples::invite_audience(&app.store, &ACTOR, &fx.wave_id)
            .await
            .unwrap(),
        24
    );
    let sink = Sink::start(&["m3@example.invalid"], &["m5@example.invalid"]).await;
    let mailer = Mailer::new(&MailConfig {
        smtp_url: Some(sink.url()),
        from: "Polsslag <hrm@example.invalid>".into(),
        per_minute: 60_000,
    })
    .unwrap()
    .unwrap();
    mail::send_invitations(&app.store, &ACTOR, &fx.wave_id)
        .await
        .unwrap();
    let again = mail::send_invitations(&app.store, &ACTOR, &fx.wave_id)
        .await
        .unwrap_err();
    assert!(matches!(again, ServiceError::Conflict { .. }), "once");
    let d = mailer
        .drain(&app.store, Some(&fx.wave_id), &app.base)
        .await
        .unwrap();
    assert_eq!(
        d,
        Drained {
            sent: 22,
            refused: 1,
            retry: 1
        }
    );
    let invited = sink.messages();
    assert_eq!(invited.len(), 22);
    let emails: BTreeMap<i64, String> = roster::active(&app.store, &ACTOR)
        .await
        .unwrap()
        .into_iter()
        .map(|e| (e.id, e.email))
        .collect();
    let everyone: BTreeSet<String> = emails.values().cloned().collect();
    let got: BTreeSet<String> = invited.iter().map(|m| m.to[0].clone()).collect();
    let expected: BTreeSet<String> = everyone
        .iter()
        .filter(|e| !["m3@example.invalid", "m5@example.invalid"].contains(&e.as_str()))
        .cloned()
        .collect();
    assert_eq!(got, expected);
    assert!(
        invited.iter().all(|m| m.to.len() == 1),
        "one recipient each"
    );
    // In Dutch and English, with the poll's title and a working personal link.
    let first = invited[0].body();
    assert!(
        first.contains("Je persoonlijke link") && first.contains("Your personal link"),
        "{first}"
    );
    assert!(first.contains("Testpeiling"), "{first}");
    let links: BTreeSet<String> = invited
        .iter()
        .map(|m| link_in(&m.body(), &app.base).as_str().to_string())
        .collect();
    assert_eq!(links.len(), 22, "a link of one's own");
    // Two colleagues answer through their links.
    let answered: Vec<String> = invited[..2].iter().map(|m| m.to[0].clone()).collect();
    for m in &invited[..2] {
        app.answer_a1(&link_in(&m.body(), &app.base)).await;
    }
    // A reminder today: only to those who have not answered (m3 refused again, m5 put off).
    mail::schedule_reminder(&app.store, &ACTOR, &fx.wave_id, app::services::today())
        .await
        .unwrap();
    let d = mailer
        .drain(&app.store, Some(&fx.wave_id), &app.base)
        .await
        .unwrap();
    assert_eq!((d.sent, d.refused, d.retry), (20, 1, 1));
    let reminded: BTreeSet<String> = sink.messages()[22..]
        .iter()
        .map(|m| m.to[0].clone())
        .collect();
    let want: BTreeSet<String> = expected
        .iter()
        .filter(|e| !answered.contains(e))
        .cloned()
        .collect();
    assert_eq!(reminded, want, "exactly those who did not answer");
    assert!(sink.messages()[22..]
        .iter()
        .all(|m| m.body().contains("Herinnering") || m.data.contains("Herinnering")));
    // HRM sees counts; a reminder's in steps of k = 10 (22 queued → 20, 1 failed → 0).
    let rows = mail::mailings(&app.store, &ACTOR, &fx.wave_id)
        .await
        .unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        (rows[0].kind, rows[0].queued, rows[0].sent, rows[0].failed),
        (Kind::Invitation, 24, 22, 1)
    );
    assert_eq!(
        (
            rows[1].kind,
            rows[1].queued,
            rows[1].sent,
            rows[1].failed,
            rows[1].step
        ),
        (Kind::Reminder, 20, 20, 0, 10)
    );
    // The put-off messages wait their turn: nothing is due now, nothing is sent twice.
    let d = mailer
        .drain(&app.store, Some(&fx.wave_id), &app.base)
        .await
        .unwrap();
    assert_eq!(d, Drained::default());
    assert_eq!(sink.messages().len(), 42);
    // A reminder outside the wave's days is refused beside its field.
    let e = mail::schedule_reminder(
        &app.store,
        &ACTOR,
        &fx.wave_id,
        app::services::today() + time::Duration::days(400),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(e, ServiceError::Invalid(ref f) if f[0].field == "on"),
        "{e:?}"
    );
    // A reminder queued when the wave closes is withdrawn, not sent.
    mail::schedule_reminder(&app.store, &ACTOR, &fx.wave_id, app::services::today())
        .await
        .unwrap();
    assert!(
        mail::expand_due(&app.store, &ACTOR, app::services::today(), None)
            .await
            .unwrap()
            > 0
    );
    app::services::waves::close(&app.store, &ACTOR, &fx.wave_id)
        .await
        .unwrap();
    let d = mailer
        .drain(&app.store, Some(&fx.wave_id), &app.base)
        .await
        .unwrap();
    assert_eq!(d, Drained::default());
    assert_eq!(sink.messages().len(), 42, "nothing after the close");
    let rows = mail::mailings(&app.store, &ACTOR, &fx.wave_id)
        .await
        .unwrap();
    assert_eq!(
        (rows[2].sent, rows[2].failed, rows[2].state.as_str()),
        (0, 0, "cancelled")
    );
}

async fn the_response_monitor_moves_in_steps_of_k_and_hides_small_groups(app: TestApp) {
    use app::domain::OrgLevel;
    use app::services::entities::org_unit;
    use app::services::organisation::{self, NewOrgUnit};
    use app::services::progress;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let fx = fixture(&app.store, vec![vec![Q::Likert("A1", true)]], 24, 10).await;
    // A small team of three under U1 beside U1-T1's twelve.
    let u1 = org_unit::Entity::find()
        .filter(org_unit::Column::Code.eq("U1"))
        .one(&app.store.read())
        .await
        .unwrap()
        .unwrap()
        .id;
    let small = organisation::add(
        &app.store,
        &ACTOR,
        NewOrgUnit {
            parent: Some(u1),
            level: OrgLevel::Team,
            code: "U1-T2".into(),
            name: "Klein team".into(),
        },
    )
    .await
    .unwrap();
    let three: Vec<roster::NewEmployee> = (0..3)
        .map(|i| roster::NewEmployee {
            employee_number: format!("S{i:05}"),
            name: format!("Klein {i}"),
            email: format!("s{i}@example.invalid"),
            team_id: small,
            unit_code: "U1".into(),
            district_code: None,
            team_code: "U1-T2".into(),
            age_band: "<35".into(),
            role_group: "executief".into(),
            tenure_band: "5-15".into(),
            is_manager: false,
        })
        .collect();
    roster::add(&app.store, &ACTOR, &three).await.unwrap();
    samples::invite_audience(&app.store, &ACTOR, &fx.wave_id)
        .await
        .unwrap();
    let links = app::services::invitations::links_once(&app.store, &ACTOR, &fx.wave_id)
        .await
        .unwrap();
    let before = progress::of_wave(&app.store, &ACTOR, &fx.wave_id)
        .await
        .unwrap();
    assert_eq!((before.k, before.invited, before.answered), (10, 27, 0));
    let row = |p: &progress::Progress, code: &str| {
        p.groups
            .iter()
            .find(|g| g.code == code)
            .cloned()
            .unwrap_or_else(|| panic!("{code} in {:?}", p.groups))
    };
    assert_eq!(
        (row(&before, "U1").invited, row(&before, "U1-T1").invited),
        (Some(15), Some(12))
    );
    let t2 = row(&before, "U1-T2");
    assert_eq!(
        (t2.invited, t2.answered),
        (None, None),
        "under k: nothing shown"
    );
    assert_eq!(t2.name, "Klein team");
    // Nine answer: every count still shows 0; the tenth moves them by k at once.
    for l in &links[..9] {
        app.answer_a1(&l.token).await;
    }
    let nine = progress::of_wave(&app.store, &ACTOR, &fx.wave_id)
        .await
        .unwrap();
    assert_eq!(nine.answered, 0);
    assert!(
        nine.groups.iter().all(|g| g.answered.unwrap_or(0) == 0),
        "{:?}",
        nine.groups
    );
    app.answer_a1(&links[9].token).await;
    let ten = progress::of_wave(&app.store, &ACTOR, &fx.wave_id)
        .await
        .unwrap();
    assert_eq!(ten.answered, 10);
    assert!(ten
        .groups
        .iter()
        .all(|g| g.answered.is_none_or(|a| a % 10 == 0)));
    // The day's figure, in the same steps.
    progress::record(&app.store, &ACTOR, app::services::today())
        .await
        .unwrap();
    progress::record(&app.store, &ACTOR, app::services::today())
        .await
        .unwrap();
    let p = progress::of_wave(&app.store, &ACTOR, &fx.wave_id)
        .await
        .unwrap();
    assert_eq!(p.days, vec![(app::services::today(), 10)], "one row a day");
}
