//! The respondent's way in, on SQLite and PostgreSQL: links, pages, and every kind of bad
//! input getting a clear Dutch message while nothing changes.

use crate::common::{fixture, invite_first, nonce_of, Fixture, TestApp, ACTOR, Q};
use app::services::invitations::open_link;
use app::services::tokens::Token;

async fn one_page(app: &TestApp) -> (Fixture, Vec<Token>) {
    let fx = fixture(
        &app.store,
        vec![vec![
            Q::Likert("A1", true),
            Q::Likert("A2", false),
            Q::Multi("M1"),
            Q::Text("T1"),
        ]],
        30,
        10,
    )
    .await;
    let tokens = invite_first(&app.store, &fx, 5)
        .await
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    (fx, tokens)
}

fn submit(nonce: String, a1: &str) -> Vec<(&'static str, String)> {
    vec![
        ("_nonce", nonce),
        ("_page", "0".into()),
        ("_nav", "verstuur".into()),
        ("q_A1", a1.into()),
    ]
}

async fn stored(app: &TestApp, fx: &Fixture) -> i64 {
    app.count("response", &fx.wave_id).await + app.count("sealed_response", &fx.wave_id).await
}

on_both_backends!(
    a_personal_link_is_exchanged_for_a_cookie_and_leaves_the_address_bar,
    an_answer_is_stored_before_the_thank_you_page_and_the_link_then_refuses,
    an_unknown_link_gets_a_dutch_message,
    a_missing_required_answer_is_shown_in_dutch_and_nothing_is_stored,
    an_answer_out_of_range_is_refused_and_nothing_is_stored,
    a_tampered_form_is_refused_and_nothing_is_stored,
    an_oversized_body_is_refused_and_nothing_is_stored,
    a_replayed_form_on_an_open_link_is_refused,
    a_closed_wave_refuses_its_links,
    a_long_monitor_keeps_answers_across_pages_without_storing_a_draft,
    an_open_team_link_stores_the_team_but_nothing_about_the_person,
    the_poll_page_without_a_cookie_explains_what_to_do,
    a_wave_past_its_last_day_is_closed_automatically_and_audited,
    a_comment_that_fits_the_browsers_maxlength_with_line_breaks_is_accepted,
    typed_text_survives_a_refusal_and_a_page_change,
    an_answer_of_invisible_characters_only_is_no_answer,
    markup_typed_into_any_echoed_field_is_shown_as_text,
);

async fn a_personal_link_is_exchanged_for_a_cookie_and_leaves_the_address_bar(app: TestApp) {
    let (_fx, tokens) = one_page(&app).await;
    let client = app.client();
    let res = client
        .get(format!("{}/p/{}", app.base, tokens[0].as_str()))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/v");
    let cookie = res.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("Path=/v"));
    assert_eq!(res.headers()["referrer-policy"], "no-referrer");
    let page = client.get(format!("{}/v", app.base)).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("Testpeiling"));
    assert!(html.contains("Helemaal mee eens"));
    assert!(
        !html.contains(tokens[0].as_str()),
        "the token must not appear in the page"
    );
}

async fn an_answer_is_stored_before_the_thank_you_page_and_the_link_then_refuses(app: TestApp) {
    let (fx, tokens) = one_page(&app).await;
    let client = app.client();
    let (_, html) = app.open(&client, &tokens[0]).await;
    let res = app.post(&client, &submit(nonce_of(&html), "4")).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/bedankt");
    // Acknowledged means committed: the row is there the moment the redirect arrives.
    assert_eq!(stored(&app, &fx).await, 1);
    let thanks = client
        .get(format!("{}/bedankt", app.base))
        .send()
        .await
        .unwrap();
    assert!(thanks.text().await.unwrap().contains("Bedankt"));
    let (status, html) = app.open(&app.client(), &tokens[0]).await;
    assert_eq!(status, 409);
    assert!(html.contains("Je hebt deze peiling al ingevuld"));
    assert_eq!(stored(&app, &fx).await, 1);
}

async fn an_unknown_link_gets_a_dutch_message(app: TestApp) {
    let (status, html) = app.open(&app.client(), &Token::generate()).await;
    assert_eq!(status, 404);
    assert!(html.contains("Deze link werkt niet"));
    let res = app
        .client()
        .get(format!("{}/p/kort", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
}

async fn a_missing_required_answer_is_shown_in_dutch_and_nothing_is_stored(app: TestApp) {
    let (fx, tokens) = one_page(&app).await;
    let client = app.client();
    let (_, html) = app.open(&client, &tokens[0]).await;
    let mut fields = submit(nonce_of(&html), "");
    fields.push(("q_A2", "2".into()));
    let res = app.post(&client, &fields).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("Deze vraag is verplicht"));
    assert!(html.contains("Controleer je antwoorden"));
    // What was answered is kept on the page.
    assert!(
        html.contains(r#"value="2" checked"#),
        "answer to A2 is kept"
    );
    assert_eq!(stored(&app, &fx).await, 0);
    // And the same form can then be completed.
    let res = app.post(&client, &submit(nonce_of(&html), "5")).await;
    assert_eq!(res.status(), 303);
    assert_eq!(stored(&app, &fx).await, 1);
}

async fn an_answer_out_of_range_is_refused_and_nothing_is_stored(app: TestApp) {
    let (fx, tokens) = one_page(&app).await;
    let client = app.client();
    let (_, html) = app.open(&client, &tokens[0]).await;
    let res = app.post(&client, &submit(nonce_of(&html), "7")).await;
    assert_eq!(res.status(), 422);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("geen van de mogelijke keuzes"));
    let mut fields = submit(nonce_of(&html), "3");
    fields.push(("q_M1", "a".into()));
    fields.push(("q_M1", "b".into()));
    let res = app.post(&client, &fields).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Kies hoogstens 1"));
    assert_eq!(stored(&app, &fx).await, 0);
}

async fn a_tampered_form_is_refused_and_nothing_is_stored(app: TestApp) {
    let (fx, tokens) = one_page(&app).await;
    let client = app.client();
    let (_, html) = app.open(&client, &tokens[0]).await;
    let mut fields = submit(nonce_of(&html), "3");
    fields.push(("q_NOT_IN_POLL", "1".into()));
    let res = app.post(&client, &fields).await;
    assert_eq!(res.status(), 400);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("Dit formulier klopt niet"));
    let mut fields = submit(nonce_of(&html), "3");
    fields[1] = ("_page", "9".into());
    assert_eq!(app.post(&client, &fields).await.status(), 400);
    let mut fields = submit(nonce_of(&html), "3");
    fields[0] = ("_nonce", Token::generate().as_str().to_string());
    assert_eq!(app.post(&client, &fields).await.status(), 409);
    assert_eq!(stored(&app, &fx).await, 0);
    // The invitation is still usable.
    let res = app.post(&client, &submit(nonce_of(&html), "3")).await;
    assert_eq!(res.status(), 303);
}

async fn an_oversized_body_is_refused_and_nothing_is_stored(app: TestApp) {
    let (fx, tokens) = one_page(&app).await;
    let client = app.client();
    let (_, html) = app.open(&client, &tokens[0]).await;
    // Far over the limit, several times: the refusal arrives as a page every time, never as
    // a connection broken while the browser was still sending (the body is read to its end).
    for size in [200 * 1024, 1024 * 1024, 3 * 1024 * 1024] {
        let mut fields = submit(nonce_of(&html), "3");
        fields.push(("q_T1", "x".repeat(size)));
        let res = app.post(&client, &fields).await;
        assert_eq!(res.status(), 413, "{size} bytes");
        assert!(res.text().await.unwrap().contains("te lang"));
    }
    let mut fields = submit(nonce_of(&html), "3");
    fields.push(("q_T1", "x".repeat(201)));
    let res = app.post(&client, &fields).await;
    assert_eq!(res.status(), 422, "longer than the question allows");
    assert_eq!(stored(&app, &fx).await, 0);
}

async fn a_replayed_form_on_an_open_link_is_refused(app: TestApp) {
    let (fx, _) = one_page(&app).await;
    let link = open_link(&app.store, &ACTOR, &fx.wave_id, Some(fx.team_id), "team")
        .await
        .unwrap();
    let client = app.client();
    let (_, html) = app.open(&client, &link).await;
    let fields = submit(nonce_of(&html), "4");
    assert_eq!(app.post(&client, &fields).await.status(), 303);
    // The cookie was cleared; a replay with the link re-opened must still fail on the nonce.
    let (_, _) = app.open(&client, &link).await;
    let res = app.post(&client, &fields).await;
    assert_eq!(res.status(), 409);
    assert!(res.text().await.unwrap().contains("al verstuurd"));
    assert_eq!(stored(&app, &fx).await, 1);
}

async fn a_closed_wave_refuses_its_links(app: TestApp) {
    let (fx, tokens) = one_page(&app).await;
    let client = app.client();
    let (_, html) = app.open(&client, &tokens[0]).await;
    app::services::waves::close(&app.store, &ACTOR, &fx.wave_id)
        .await
        .unwrap();
    let res = app.post(&client, &submit(nonce_of(&html), "4")).await;
    assert_eq!(res.status(), 410);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("Deze peiling is gesloten"));
    let (status, _) = app.open(&app.client(), &tokens[1]).await;
    assert_eq!(status, 410);
    assert_eq!(stored(&app, &fx).await, 0);
}

async fn a_long_monitor_keeps_answers_across_pages_without_storing_a_draft(app: TestApp) {
    let fx = fixture(
        &app.store,
        vec![
            vec![Q::Likert("P1", true)],
            vec![Q::Likert("P2", true)],
            vec![Q::Likert("P3", true), Q::Text("PT")],
        ],
        10,
        10,
    )
    .await;
    let (_, token) = invite_first(&app.store, &fx, 1).await.remove(0);
    let client = app.client();
    let (_, html) = app.open(&client, &token).await;
    assert!(html.contains("Pagina 1 van 3"));
    let nonce = nonce_of(&html);
    let nav = |page: &str, nav: &str| {
        vec![
            ("_nonce", nonce.clone()),
            ("_page", page.to_string()),
            ("_nav", nav.to_string()),
        ]
    };
    // Next without the required answer: stays on page 1.
    let res = app.post(&client, &nav("0", "volgende")).await;
    assert_eq!(res.status(), 422);
    let mut f = nav("0", "volgende");
    f.push(("q_P1", "4".into()));
    let html = app.post(&client, &f).await.text().await.unwrap();
    assert!(html.contains("Pagina 2 van 3"));
    assert!(
        html.contains(r#"type="hidden" name="q_P1" value="4""#),
        "page 1 travels along"
    );
    let mut f = nav("1", "volgende");
    f.extend([("q_P1", "4".into()), ("q_P2", "wn".into())]);
    let html = app.post(&client, &f).await.text().await.unwrap();
    assert!(html.contains("Pagina 3 van 3"));
    // Back keeps everything.
    let mut f = nav("2", "vorige");
    f.extend([
        ("q_P1", "4".into()),
        ("q_P2", "wn".into()),
        ("q_P3", "1".into()),
    ]);
    let html = app.post(&client, &f).await.text().await.unwrap();
    assert!(html.contains("Pagina 2 van 3"));
    assert!(html.contains(r#"value="wn" checked"#));
    assert_eq!(
        stored(&app, &fx).await,
        0,
        "no draft is stored on the server"
    );
    // Submitting with page 1's answer removed sends the respondent back to page 1.
    let mut f = nav("2", "verstuur");
    f.extend([("q_P2", "wn".into()), ("q_P3", "1".into())]);
    let res = app.post(&client, &f).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Pagina 1 van 3"));
    let mut f = nav("2", "verstuur");
    f.extend([
        ("q_P1", "4".into()),
        ("q_P2", "wn".into()),
        ("q_P3", "1".into()),
        ("q_PT", "Prima".into()),
    ]);
    assert_eq!(app.post(&client, &f).await.status(), 303);
    assert_eq!(stored(&app, &fx).await, 1);
}

async fn an_open_team_link_stores_the_team_but_nothing_about_the_person(app: TestApp) {
    let (fx, _) = one_page(&app).await;
    let link = open_link(&app.store, &ACTOR, &fx.wave_id, Some(fx.team_id), "team")
        .await
        .unwrap();
    let client = app.client();
    let (_, html) = app.open(&client, &link).await;
    assert!(html.contains("teamlink"));
    assert_eq!(
        app.post(&client, &submit(nonce_of(&html), "2"))
            .await
            .status(),
        303
    );
    app::services::waves::close(&app.store, &ACTOR, &fx.wave_id)
        .await
        .unwrap();
    use sea_orm::EntityTrait;
    let rows = app::services::entities::response::Entity::find()
        .all(&app.store.read())
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].unit.as_deref(), Some("U1"));
    assert_eq!(rows[0].team.as_deref(), Some("U1-T1"));
    assert_eq!(rows[0].age_band, None);
    assert_eq!(rows[0].answers, r#"{"A1":2}"#);
}

async fn the_poll_page_without_a_cookie_explains_what_to_do(app: TestApp) {
    let res = app
        .client()
        .get(format!("{}/v", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("Open eerst de link uit je uitnodiging"));
    let res = app
        .client()
        .get(format!("{}/bestaat-niet", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("Deze pagina bestaat niet"));
}

async fn a_wave_past_its_last_day_is_closed_automatically_and_audited(app: TestApp) {
    use sea_orm::EntityTrait;
    let (fx, _) = one_page(&app).await;
    let today = app::services::today();
    let system = app::services::Actor::System;
    assert_eq!(
        app::services::waves::close_due(&app.store, &system, today)
            .await
            .unwrap(),
        0,
        "not due yet"
    );
    let later = today + time::Duration::days(15);
    assert_eq!(
        app::services::waves::close_due(&app.store, &system, later)
            .await
            .unwrap(),
        1
    );
    let w = app::services::entities::wave::Entity::find_by_id(fx.wave_id.clone())
        .one(&app.store.read())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(w.status, app::domain::WaveStatus::Closed);
    let log = app::services::entities::audit_log::Entity::find()
        .all(&app.store.read())
        .await
        .unwrap();
    assert!(log.iter().any(|e| e.action == "wave.close"
        && e.object == fx.wave_id.as_str()
        && e.actor == "system"));
}

/// Issue #8, item 2: the browser counts a line break as one character for `maxlength` but
/// sends CR LF.
async fn a_comment_that_fits_the_browsers_maxlength_with_line_breaks_is_accepted(app: TestApp) {
    let (fx, tokens) = one_page(&app).await;
    let client = app.client();
    let (_, html) = app.open(&client, &tokens[0]).await;
    // 200 characters as the browser counts them (the limit of T1), two of them line breaks.
    let comment = format!(
        "{}\r\n{}\r\n{}",
        "a".repeat(99),
        "b".repeat(49),
        "c".repeat(50)
    );
    let mut too_long = submit(nonce_of(&html), "3");
    too_long.push(("q_T1", format!("{comment}d")));
    assert_eq!(
        app.post(&client, &too_long).await.status(),
        422,
        "201 is one too many"
    );
    let mut fields = submit(nonce_of(&html), "3");
    fields.push(("q_T1", comment));
    assert_eq!(app.post(&client, &fields).await.status(), 303);
    app::services::waves::close(&app.store, &ACTOR, &fx.wave_id)
        .await
        .unwrap();
    use sea_orm::EntityTrait;
    let rows = app::services::entities::response::Entity::find()
        .all(&app.store.read())
        .await
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&rows[0].answers).unwrap();
    let stored = v["T1"].as_str().unwrap();
    assert_eq!(stored.chars().count(), 200);
    assert!(
        stored.contains("a\nb") && !stored.contains('\r'),
        "stored as the browser counts"
    );
}

/// Issue #8, item 3: nothing typed is lost by a refusal or by a page change.
async fn typed_text_survives_a_refusal_and_a_page_change(app: TestApp) {
    let fx = fixture(
        &app.store,
        vec![
            vec![Q::Likert("P1", true)],
            vec![Q::Likert("P2", true), Q::Text("PT")],
        ],
        10,
        10,
    )
    .await;
    let (_, token) = invite_first(&app.store, &fx, 1).await.remove(0);
    let client = app.client();
    let (_, html) = app.open(&client, &token).await;
    let nonce = nonce_of(&html);
    let long = format!("{}<&>", "x".repeat(210));
    // Too long on the last page: refused, and the text comes back beside the error.
    let res = app
        .post(
            &client,
            &[
                ("_nonce", nonce.clone()),
                ("_page", "1".into()),
                ("_nav", "verstuur".into()),
                ("q_P1", "4".into()),
                ("q_P2", "2".into()),
                ("q_PT", long.clone()),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("te lang"));
    let escaped = format!("{}&lt;&amp;&gt;", "x".repeat(210));
    assert!(html.contains(&escaped), "the comment is shown again");
    // "Vorige" with the long comment: it travels along as a hidden field.
    let res = app
        .post(
            &client,
            &[
                ("_nonce", nonce.clone()),
                ("_page", "1".into()),
                ("_nav", "vorige".into()),
                ("q_P1", "4".into()),
                ("q_P2", "2".into()),
                ("q_PT", long.clone()),
            ],
        )
        .await;
    let html = res.text().await.unwrap();
    assert!(html.contains("Pagina 1 van 2"));
    assert!(
        html.contains(&format!(r#"type="hidden" name="q_PT" value="{escaped}""#)),
        "the comment travels with the form"
    );
    assert_eq!(app.count("sealed_response", &fx.wave_id).await, 0);
}

/// Issue #8, item 5: a value made only of invisible characters is no answer.
async fn an_answer_of_invisible_characters_only_is_no_answer(app: TestApp) {
    let fx = fixture(&app.store, vec![vec![Q::RequiredText("W1")]], 10, 10).await;
    let (_, token) = invite_first(&app.store, &fx, 1).await.remove(0);
    let client = app.client();
    let (_, html) = app.open(&client, &token).await;
    for blank in ["\u{200B}", "\u{FEFF}\u{200D} ", "\u{00AD}\r\n\u{2060}"] {
        let res = app
            .post(
                &client,
                &[
                    ("_nonce", nonce_of(&html)),
                    ("_page", "0".into()),
                    ("_nav", "verstuur".into()),
                    ("q_W1", blank.into()),
                ],
            )
            .await;
        assert_eq!(res.status(), 422, "{blank:?}");
        assert!(res
            .text()
            .await
            .unwrap()
            .contains("Deze vraag is verplicht"));
    }
    assert_eq!(app.count("sealed_response", &fx.wave_id).await, 0);
}

/// Issue #8, item 1: every user-supplied string that comes back in a page is escaped, and
/// no script runs without this response's nonce (no `unsafe-inline`).
async fn markup_typed_into_any_echoed_field_is_shown_as_text(app: TestApp) {
    let fx = fixture(
        &app.store,
        vec![
            vec![Q::Likert("P1", true), Q::Text("PA")],
            vec![Q::Likert("P2", true), Q::Text("PT")],
        ],
        10,
        10,
    )
    .await;
    let (_, token) = invite_first(&app.store, &fx, 1).await.remove(0);
    let client = app.client();
    let (_, html) = app.open(&client, &token).await;
    let nonce = nonce_of(&html);
    let evil = r#"</textarea><script>alert(1)</script>"'&amp;<b>R&D</b>"#;
    let evil_choice = r#""><script>alert(2)</script>"#;
    // Page 2 refuses an invalid choice and shows it again, with page 1's text as a hidden
    // field and page 2's text in its box; then "Vorige" shows page 1 with both.
    for nav in ["verstuur", "vorige"] {
        let res = app
            .post(
                &client,
                &[
                    ("_nonce", nonce.clone()),
                    ("_page", "1".into()),
                    ("_nav", nav.into()),
                    ("q_P1", "4".into()),
                    ("q_PA", evil.into()),
                    ("q_P2", evil_choice.into()),
                    ("q_PT", evil.into()),
                ],
            )
            .await;
        let csp = res.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        let script_nonce = csp
            .split("'nonce-")
            .nth(1)
            .and_then(|s| s.split('\'').next())
            .expect("a nonce in the policy")
            .to_string();
        let html = res.text().await.unwrap();
        assert!(
            !html.contains("<script>alert"),
            "{nav}: markup ran as markup"
        );
        assert!(!html.contains("<b>R&D"), "{nav}: markup ran as markup");
        assert!(
            html.contains("&lt;/textarea&gt;&lt;script&gt;alert(1)"),
            "{nav}: shown as text"
        );
        assert!(
            html.contains("&amp;amp;"),
            "{nav}: an entity stays an entity"
        );
        // Every script on the page carries this response's nonce.
        for tag in html.split("<script").skip(1) {
            let open = &tag[..tag.find('>').unwrap()];
            assert!(
                open.contains(&format!("nonce=\"{script_nonce}\"")),
                "{nav}: a script without the nonce: <script{open}>"
            );
        }
    }
    assert_eq!(app.count("sealed_response", &fx.wave_id).await, 0);
}
