//! Issue #10, on SQLite and PostgreSQL: HRM designs and runs polls in the browser — a poll
//! from a template, a wave from draft to open to closed by hand, team links with QR codes
//! answered like any link, frozen questions, the preview that stores nothing, and the
//! analysis bundle as a zip.

use crate::access::{logged_in, token_in};
use crate::common::{fixture, nonce_of, TestApp, ACTOR, Q};
use app::domain::{Role, WaveStatus};
use app::services::{polls, waves};

on_both_backends!(
    a_poll_from_a_template_runs_from_draft_to_bundle,
    the_new_wave_form_refuses_beside_its_fields,
    the_preview_shows_the_respondents_pages_and_stores_nothing,
    a_poll_is_put_together_from_the_bank_with_a_question_of_ones_own,
    a_wave_for_one_unit_counts_its_people_and_links_only_its_teams,
    a_poll_keeps_its_own_order_and_its_own_required_questions,
    a_wave_page_draws_its_sample_and_sends_its_invitations_by_form,
);

async fn text(client: &reqwest::Client, url: String) -> (u16, String) {
    let res = client.get(url).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// The test fixture (threshold 10) and its poll.
async fn fixture_poll(
    app: &TestApp,
    pages: Vec<Vec<Q>>,
    employees: usize,
) -> (crate::common::Fixture, app::domain::PollId) {
    let fx = fixture(&app.store, pages, employees, 10).await;
    let poll = waves::get(&app.store, &ACTOR, &fx.wave_id)
        .await
        .unwrap()
        .poll_id;
    (fx, poll)
}

/// The id after `prefix` in a redirect's location.
fn id_in(location: &str, prefix: &str) -> String {
    location.strip_prefix(prefix).expect(location).to_string()
}

async fn a_poll_from_a_template_runs_from_draft_to_bundle(app: TestApp) {
    let fx = fixture(&app.store, vec![vec![Q::Likert("A1", true)]], 24, 10).await;
    let hrm = logged_in(&app, Role::HrmAnalyst).await;
    // A poll from a template of the bundled question bank.
    let (status, html) = text(&hrm, format!("{}/hrm/nieuwe-peiling", app.base)).await;
    assert_eq!(status, 200);
    let code = {
        let start = html.find("name=\"template\"").expect("templates listed");
        let v = html[start..].find("value=\"").unwrap() + start + 7;
        html[v..v + html[v..].find('"').unwrap()].to_string()
    };
    let token = token_in(&html);
    let res = hrm
        .post(format!("{}/hrm/peilingen", app.base))
        .form(&[("_csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422, "no template chosen");
    assert!(res.text().await.unwrap().contains("Kies een sjabloon."));
    let res = hrm
        .post(format!("{}/hrm/peilingen", app.base))
        .form(&[("_csrf", token.as_str()), ("template", code.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let poll = id_in(
        res.headers()["location"].to_str().unwrap(),
        "/hrm/peilingen/",
    );
    let (status, html) = text(&hrm, format!("{}/hrm/peilingen/{poll}", app.base)).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Resultaten alleen voor groepen van minstens"),
        "{html}"
    );
    assert!(!html.contains("de vragen liggen vast"), "no answers yet");
    // While no wave has answers the poll can be changed: the form comes prefilled.
    let (status, html) = text(&hrm, format!("{}/hrm/peilingen/{poll}/bewerken", app.base)).await;
    assert_eq!(status, 200);
    let before = polls::get(
        &app.store,
        &ACTOR,
        &app::domain::PollId::parse(&poll).unwrap(),
    )
    .await
    .unwrap();
    assert!(
        html.contains(&format!("value=\"{}\"", before.title.nl)),
        "prefilled"
    );
    let first = before.pages[0][0].clone();
    let edit = |fields: Vec<(String, String)>| {
        let hrm = hrm.clone();
        let url = format!("{}/hrm/peilingen/{poll}/bewerken", app.base);
        let token = token.clone();
        async move {
            let mut form = vec![("_csrf".to_string(), token)];
            form.extend(fields);
            hrm.post(url).form(&form).send().await.unwrap()
        }
    };
    let changed = |title: &str| {
        vec![
            ("title_nl".to_string(), title.to_string()),
            ("title_en".to_string(), "Changed".to_string()),
            ("kind".to_string(), "flash".to_string()),
            ("min_group".to_string(), "12".to_string()),
            ("attribute".to_string(), "unit".to_string()),
            ("q".to_string(), first.clone()),
            (format!("page:{first}"), "1".to_string()),
        ]
    };
    let res = edit(changed("")).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("id=\"title_nl-error\""));
    assert_eq!(edit(changed("Gewijzigd")).await.status(), 303);
    let after = polls::get(&app.store, &ACTOR, &before.id).await.unwrap();
    assert_eq!(
        (after.title.nl.as_str(), after.min_group.get()),
        ("Gewijzigd", 12)
    );
    assert_eq!(after.pages, vec![vec![first.clone()]]);
    let (_, home) = text(&hrm, format!("{}/hrm", app.base)).await;
    assert!(
        home.contains(&format!("/hrm/peilingen/{poll}")),
        "listed on /hrm"
    );

    // The fixture's poll: a new draft wave, opened, team links, an answer, closed, bundled.
    let fixture_poll = waves::get(&app.store, &ACTOR, &fx.wave_id)
        .await
        .unwrap()
        .poll_id;
    let page = format!("{}/hrm/peilingen/{fixture_poll}", app.base);
    let today = app::services::today();
    let res = hrm
        .post(format!("{page}/golven"))
        .form(&[
            ("_csrf", token.as_str()),
            ("label", "2099-H1"),
            ("opens_on", &today.to_string()),
            ("closes_on", &(today + time::Duration::days(7)).to_string()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let wave = waves::of_poll(&app.store, &ACTOR, &fixture_poll)
        .await
        .unwrap()
        .into_iter()
        .find(|w| w.label == "2099-H1")
        .expect("the new wave");
    assert_eq!(wave.status, WaveStatus::Draft);
    let post = |path: String| {
        let hrm = hrm.clone();
        let token = token.clone();
        async move {
            hrm.post(path)
                .form(&[("_csrf", token.as_str())])
                .send()
                .await
                .unwrap()
        }
    };
    let wave_url = format!("{}/hrm/golven/{}", app.base, wave.id);
    // Without the form token nothing happens.
    let res = hrm
        .post(format!("{wave_url}/openen"))
        .form(&[("x", "y")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert_eq!(post(format!("{wave_url}/openen")).await.status(), 303);
    assert_eq!(
        waves::get(&app.store, &ACTOR, &wave.id)
            .await
            .unwrap()
            .status,
        WaveStatus::Open
    );
    // Opening twice says why it cannot.
    let res = post(format!("{wave_url}/openen")).await;
    assert_eq!(res.status(), 409);
    // Team links: one per team, each with its QR code, and each answers like any link.
    let res = post(format!("{wave_url}/teamlinks")).await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("data:image/svg+xml;base64,"), "QR codes");
    let links: Vec<&str> = html
        .match_indices(&format!("{}/p/", app.base))
        .map(|(i, _)| &html[i..i + app.base.len() + 3 + 43])
        .collect();
    assert!(!links.is_empty(), "{html}");
    let respondent = app.client();
    let token_of_link = links[0].rsplit('/').next().unwrap();
    let res = respondent
        .get(format!("{}/p/{token_of_link}", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let form = respondent
        .get(format!("{}/v", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let res = app
        .post(
            &respondent,
            &[
                ("_nonce", nonce_of(&form)),
                ("_page", "0".into()),
                ("_nav", "verstuur".into()),
                ("q_A1", "4".into()),
            ],
        )
        .await;
    assert_eq!(res.status(), 303, "answered through a team link");
    let (_, html) = text(&hrm, page.clone()).await;
    assert!(
        html.contains("de vragen liggen vast"),
        "frozen once answered"
    );
    assert!(!html.contains("/bewerken"), "no way to change it shown");
    assert_eq!(text(&hrm, format!("{page}/bewerken")).await.0, 409);
    let res = hrm
        .post(format!("{page}/bewerken"))
        .form(&[
            ("_csrf", token.as_str()),
            ("title_nl", "Anders"),
            ("title_en", "Other"),
            ("min_group", "10"),
            ("q", "A1"),
            ("page:A1", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409, "frozen: nothing changes");
    assert!(res.text().await.unwrap().contains("De vragen liggen vast"));
    // Closing by hand; then the bundle of the closed waves as one zip.
    assert_eq!(post(format!("{wave_url}/sluiten")).await.status(), 303);
    assert_eq!(
        waves::get(&app.store, &ACTOR, &wave.id)
            .await
            .unwrap()
            .status,
        WaveStatus::Closed
    );
    assert_eq!(post(format!("{wave_url}/teamlinks")).await.status(), 409);
    let (_, html) = text(&hrm, page.clone()).await;
    assert!(html.contains("bundel.zip"), "{html}");
    assert_eq!(
        hrm.get(format!("{page}/bundel.zip"))
            .send()
            .await
            .unwrap()
            .status(),
        405,
        "no export by a link"
    );
    let res = hrm
        .post(format!("{page}/bundel.zip"))
        .form(&[("x", "y")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403, "nor without the form token");
    let res = post(format!("{page}/bundel.zip")).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/zip");
    let bytes = res.bytes().await.unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let names: Vec<String> = zip.file_names().map(|n| n.unwrap().to_string()).collect();
    for want in ["items.csv", "responses.csv", "population.csv"] {
        assert!(names.iter().any(|n| n == want), "{names:?}");
    }
    let mut responses = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("responses.csv").unwrap(), &mut responses)
        .unwrap();
    assert!(responses.contains("2099-H1"), "{responses}");
    // The export is audited; other roles get no bundle.
    let log = app::services::audit::entries(&app.store, &ACTOR)
        .await
        .unwrap();
    assert!(log.iter().any(|e| e.action == "poll.export"), "audited");
    let admin = logged_in(&app, Role::Administrator).await;
    let res = admin
        .post(format!("{page}/bundel.zip"))
        .form(&[("x", "y")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    // An unknown poll or wave is a clear 404.
    let (status, html) = text(&hrm, format!("{}/hrm/peilingen/nope", app.base)).await;
    assert_eq!(status, 404);
    assert!(!html.is_empty());
    assert_eq!(
        post(format!("{}/hrm/golven/nope/openen", app.base))
            .await
            .status(),
        404
    );
}

async fn the_new_wave_form_refuses_beside_its_fields(app: TestApp) {
    let (fx, poll) = fixture_poll(&app, vec![vec![Q::Likert("A1", true)]], 20).await;
    let hrm = logged_in(&app, Role::HrmAnalyst).await;
    let page = format!("{}/hrm/peilingen/{poll}", app.base);
    let (_, html) = text(&hrm, page.clone()).await;
    let token = token_in(&html);
    let before = waves::of_poll(&app.store, &ACTOR, &poll)
        .await
        .unwrap()
        .len();
    let existing = waves::get(&app.store, &ACTOR, &fx.wave_id)
        .await
        .unwrap()
        .label;
    for (label, opens, closes, status, field, words) in [
        (
            "",
            "2030-01-01",
            "2030-01-10",
            422,
            "label",
            "Geef de golf een naam",
        ),
        (
            "2030-H1",
            "1 januari",
            "2030-01-10",
            422,
            "opens_on",
            "JJJJ-MM-DD",
        ),
        (
            "2030-H1",
            "2030-01-10",
            "2030-01-01",
            422,
            "closes_on",
            "2030-01-01",
        ),
        (
            existing.as_str(),
            "2030-01-01",
            "2030-01-10",
            409,
            "label",
            &existing,
        ),
    ] {
        let res = hrm
            .post(format!("{page}/golven"))
            .form(&[
                ("_csrf", token.as_str()),
                ("label", label),
                ("opens_on", opens),
                ("closes_on", closes),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), status, "{label} {opens} {closes}");
        let html = res.text().await.unwrap();
        let error = html
            .find(&format!("id=\"{field}-error\""))
            .unwrap_or_else(|| panic!("the error is beside {field}: {html}"));
        assert!(html[error..].contains(words), "{field}: {html}");
        assert!(
            html.contains(&format!("value=\"{opens}\"")),
            "what was typed is kept"
        );
    }
    assert_eq!(
        waves::of_poll(&app.store, &ACTOR, &poll)
            .await
            .unwrap()
            .len(),
        before,
        "nothing was made"
    );
    // In English, in English.
    let res = hrm
        .post(format!("{page}/golven"))
        .header("accept-language", "en")
        .form(&[
            ("_csrf", token.as_str()),
            ("label", ""),
            ("opens_on", "2030-01-01"),
            ("closes_on", "2030-01-10"),
        ])
        .send()
        .await
        .unwrap();
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("Give the wave a name of at most 40 characters"));
}

async fn the_preview_shows_the_respondents_pages_and_stores_nothing(app: TestApp) {
    let (fx, poll) = fixture_poll(
        &app,
        vec![vec![Q::Likert("A1", true)], vec![Q::Text("T1")]],
        20,
    )
    .await;
    let hrm = logged_in(&app, Role::HrmAnalyst).await;
    let url = format!("{}/hrm/peilingen/{poll}/voorbeeld", app.base);
    let (status, html) = text(&hrm, url.clone()).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Voorbeeld: zo ziet een medewerker de peiling"),
        "{html}"
    );
    assert!(html.contains("Stelling A1"), "{html}");
    assert!(html.contains("method=\"get\""), "its form comes back here");
    assert!(html.contains("Pagina 1 van 2"), "{html}");
    // On to page 2 with an answer that travels along, then "submit": nothing is stored.
    let (_, html) = text(&hrm, format!("{url}?_page=0&_nav=volgende&q_A1=4")).await;
    assert!(html.contains("Pagina 2 van 2"), "{html}");
    assert!(html.contains("name=\"q_A1\" value=\"4\""), "{html}");
    let (_, html) = text(&hrm, format!("{url}?_page=1&_nav=verstuur&q_A1=4")).await;
    assert!(
        html.contains("In het voorbeeld wordt niets verstuurd."),
        "{html}"
    );
    let (_, html) = text(&hrm, format!("{url}?_page=0&_nav=taal-en")).await;
    assert!(html.contains("Statement A1"), "{html}");
    assert_eq!(app.count("sealed_response", &fx.wave_id).await, 0);
    assert_eq!(app.count("response", &fx.wave_id).await, 0);
    // Only HRM previews.
    let manager = logged_in(&app, Role::Manager).await;
    assert_eq!(text(&manager, url).await.0, 403);
    let _ = polls::list(&app.store, &ACTOR).await.unwrap();
}

async fn a_poll_is_put_together_from_the_bank_with_a_question_of_ones_own(app: TestApp) {
    let hrm = logged_in(&app, Role::HrmAnalyst).await;
    let (status, html) = text(&hrm, format!("{}/hrm/vragenbank", app.base)).await;
    assert_eq!(status, 200);
    let token = token_in(&html);
    let theme = app::services::questions::themes(&app.store, &ACTOR)
        .await
        .unwrap()[0]
        .0
        .clone();
    let add = |fields: Vec<(&'static str, String)>| {
        let hrm = hrm.clone();
        let url = format!("{}/hrm/vragenbank", app.base);
        let token = token.clone();
        async move {
            let mut form = vec![("_csrf", token)];
            form.extend(fields);
            let res = hrm.post(url).form(&form).send().await.unwrap();
            (res.status().as_u16(), res.text().await.unwrap())
        }
    };
    let own = |code: &str, theme: &str| {
        vec![
            ("code", code.to_string()),
            ("theme", theme.to_string()),
            ("kind", "likert".to_string()),
            ("text_nl", "Ik kan mijn werk goed aan.".to_string()),
            ("text_en", "I can handle my work well.".to_string()),
            ("dont_know", "ja".to_string()),
        ]
    };
    let (status, html) = add(own("met spatie", &theme)).await;
    assert_eq!(status, 422);
    assert!(html.contains("id=\"code-error\""), "{html}");
    let (status, html) = add(own("EIGEN-01", "geen-thema")).await;
    assert_eq!(status, 422);
    assert!(html.contains("id=\"theme-error\""), "{html}");
    let mut reversed_text = own("EIGEN-02", &theme);
    reversed_text[2].1 = "text".into();
    reversed_text.push(("reversed", "ja".into()));
    let (status, html) = add(reversed_text).await;
    assert_eq!(status, 422);
    assert!(html.contains("id=\"reversed-error\""), "{html}");
    let (status, html) = add(own("EIGEN-01", &theme)).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Vraag EIGEN-01 staat in de vragenbank."),
        "{html}"
    );
    let (status, _) = add(own("EIGEN-01", &theme)).await;
    assert_eq!(status, 409, "a code is used once");
    // Put together: the own question on page 2, a bank question on page 1.
    let other = app::services::questions::bank_rows(&app.store, &ACTOR)
        .await
        .unwrap()
        .into_iter()
        .find(|q| q.code != "EIGEN-01")
        .unwrap()
        .code;
    let compose = |fields: Vec<(String, String)>| {
        let hrm = hrm.clone();
        let url = format!("{}/hrm/peilingen/samenstellen", app.base);
        let token = token.clone();
        async move {
            let mut form = vec![("_csrf".to_string(), token)];
            form.extend(fields);
            hrm.post(url).form(&form).send().await.unwrap()
        }
    };
    let fields = |title: &str, k: &str| {
        vec![
            ("title_nl".to_string(), title.to_string()),
            ("title_en".to_string(), "Workload".to_string()),
            ("kind".to_string(), "flash".to_string()),
            ("min_group".to_string(), k.to_string()),
            ("attribute".to_string(), "unit".to_string()),
            ("q".to_string(), "EIGEN-01".to_string()),
            ("page:EIGEN-01".to_string(), "2".to_string()),
            ("q".to_string(), other.clone()),
            (format!("page:{other}"), "1".to_string()),
        ]
    };
    let res = compose(fields("", "3")).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("id=\"title_nl-error\"") && html.contains("De drempel is minstens 5."),
        "{html}"
    );
    assert!(
        html.contains("value=\"Workload\""),
        "what was typed is kept"
    );
    let res = compose(vec![
        ("title_nl".into(), "Werkdruk".into()),
        ("title_en".into(), "Workload".into()),
        ("min_group".into(), "10".into()),
    ])
    .await;
    assert_eq!(res.status(), 422);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("Kies minstens één vraag."));
    let res = compose(fields("Werkdruk", "10")).await;
    assert_eq!(res.status(), 303);
    let id = res.headers()["location"]
        .to_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    let poll = polls::get(
        &app.store,
        &ACTOR,
        &app::domain::PollId::parse(&id).unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(
        poll.pages,
        vec![vec![other.clone()], vec!["EIGEN-01".to_string()]]
    );
    assert_eq!(poll.min_group.get(), 10);
    assert_eq!(poll.attributes, vec![app::domain::ReportingAttribute::Unit]);
    let log = app::services::audit::entries(&app.store, &ACTOR)
        .await
        .unwrap();
    assert!(log
        .iter()
        .any(|e| e.action == "question.add" && e.object == "EIGEN-01"));
    assert!(log.iter().any(|e| e.action == "poll.create"));
}

async fn a_wave_for_one_unit_counts_its_people_and_links_only_its_teams(app: TestApp) {
    // 24 people: 12 in U1-T1 and 12 in U2-T1.
    let (_fx, poll) = fixture_poll(&app, vec![vec![Q::Likert("A1", true)]], 24).await;
    let hrm = logged_in(&app, Role::HrmAnalyst).await;
    let page = format!("{}/hrm/peilingen/{poll}", app.base);
    let (_, html) = text(&hrm, page.clone()).await;
    assert!(
        html.contains("id=\"unit-U1\"") && html.contains("id=\"unit-U2\""),
        "units to choose: {html}"
    );
    let token = token_in(&html);
    let wave = |label: &'static str, fields: Vec<(&'static str, &'static str)>| {
        let hrm = hrm.clone();
        let url = format!("{page}/golven");
        let token = token.clone();
        async move {
            let mut form = vec![
                ("_csrf", token.as_str().to_string()),
                ("label", label.to_string()),
                ("opens_on", "2030-01-01".to_string()),
                ("closes_on", "2030-01-10".to_string()),
            ];
            form.extend(fields.into_iter().map(|(k, v)| (k, v.to_string())));
            hrm.post(url).form(&form).send().await.unwrap()
        }
    };
    // An unknown code is refused beside the audience, with nothing made.
    let res = wave("2030-H1", vec![("unit", "U1"), ("other", "U9-T4")]).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("id=\"audience-error\"") && html.contains("U9-T4"),
        "{html}"
    );
    assert!(html.contains("value=\"U9-T4\""), "what was typed is kept");
    assert_eq!(wave("2030-H1", vec![("unit", "U1")]).await.status(), 303);
    assert_eq!(
        wave("2030-H2", vec![("other", "U2-T1")]).await.status(),
        303
    );
    let waves = waves::of_poll(&app.store, &ACTOR, &poll).await.unwrap();
    let u1 = waves.iter().find(|w| w.label == "2030-H1").unwrap();
    assert_eq!(waves::audience_of(u1).unwrap(), vec!["U1".to_string()]);
    let (teams, people) = waves::audience_teams(&app.store, &ACTOR, u1).await.unwrap();
    assert_eq!((teams.len(), people), (1, 12));
    let (_, html) = text(&hrm, page.clone()).await;
    assert!(html.contains("U1 (12 medewerkers)"), "{html}");
    assert!(
        html.contains("hele organisatie (24 medewerkers)"),
        "the fixture's wave: {html}"
    );
    // Team links only for the audience's teams.
    let res = hrm
        .post(format!("{}/hrm/golven/{}/teamlinks", app.base, u1.id))
        .form(&[("_csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    let html = res.text().await.unwrap();
    assert!(html.contains("U1-T1") && !html.contains("U2-T1"), "{html}");
    // A team given by its code: its own people.
    let u2 = waves.iter().find(|w| w.label == "2030-H2").unwrap();
    let (_, n) = waves::audience_teams(&app.store, &ACTOR, u2).await.unwrap();
    assert_eq!(n, 12);
}

async fn a_poll_keeps_its_own_order_and_its_own_required_questions(app: TestApp) {
    // In the bank A1 and A2 must be answered and A3 need not.
    let (fx, poll) = fixture_poll(
        &app,
        vec![vec![
            Q::Likert("A1", true),
            Q::Likert("A2", true),
            Q::Likert("A3", false),
        ]],
        24,
    )
    .await;
    let hrm = logged_in(&app, Role::HrmAnalyst).await;
    let edit_url = format!("{}/hrm/peilingen/{poll}/bewerken", app.base);
    let (status, html) = text(&hrm, edit_url.clone()).await;
    assert_eq!(status, 200);
    let token = token_in(&html);
    let edit = |places: [(&'static str, &'static str, bool); 3]| {
        let hrm = hrm.clone();
        let url = edit_url.clone();
        let token = token.clone();
        async move {
            let mut form = vec![
                ("_csrf".to_string(), token),
                ("title_nl".into(), "Volgorde".into()),
                ("title_en".into(), "Order".into()),
                ("kind".into(), "flash".into()),
                ("min_group".into(), "10".into()),
                ("attribute".into(), "unit".into()),
            ];
            for (code, place, required) in places {
                form.push(("q".into(), code.into()));
                form.push((format!("page:{code}"), "1".into()));
                form.push((format!("pos:{code}"), place.into()));
                if required {
                    form.push((format!("req:{code}"), "1".into()));
                }
            }
            let res = hrm.post(url).form(&form).send().await.unwrap();
            (res.status().as_u16(), res.text().await.unwrap())
        }
    };
    // A place outside 1..=100 is refused beside its field, and nothing changes.
    for bad in ["0", "101", "twee"] {
        let (status, html) = edit([("A1", bad, true), ("A2", "", true), ("A3", "", false)]).await;
        assert_eq!(status, 422, "{bad}");
        assert!(html.contains("id=\"pos:A1-error\""), "{html}");
        assert!(
            html.contains("Vul een plaats op de pagina in van 1 tot 100"),
            "{html}"
        );
    }
    let id = app::domain::PollId::parse(poll.as_str()).unwrap();
    let unchanged = polls::get(&app.store, &ACTOR, &id).await.unwrap();
    assert_eq!(unchanged.pages, vec![vec!["A1", "A2", "A3"]]);
    assert_eq!(unchanged.required, None, "as the bank says until changed");
    // A3 first, then A1; A2 has no place and follows. A1 becomes optional, A3 required.
    let (status, _) = edit([("A1", "2", false), ("A2", "", true), ("A3", "1", true)]).await;
    assert_eq!(status, 303);
    let p = polls::get(&app.store, &ACTOR, &id).await.unwrap();
    assert_eq!(p.pages, vec![vec!["A3", "A1", "A2"]]);
    let detail = polls::detail(&app.store, &ACTOR, &id).await.unwrap();
    let flags: Vec<(&str, bool)> = detail
        .questions
        .iter()
        .map(|q| (q.code.as_str(), q.required))
        .collect();
    assert_eq!(flags, vec![("A3", true), ("A1", false), ("A2", true)]);
    // The edit form comes back as it was saved.
    let draft = polls::draft_of(&app.store, &ACTOR, &id).await.unwrap();
    let saved: Vec<(&str, &str, bool)> = draft
        .chosen
        .iter()
        .map(|c| (c.code.as_str(), c.position.as_str(), c.required))
        .collect();
    assert_eq!(
        saved,
        vec![("A3", "1", true), ("A1", "2", false), ("A2", "3", true)]
    );
    // A respondent sees the new order, may leave A1 open, and must answer A3.
    let tokens = crate::common::invite_first(&app.store, &fx, 2).await;
    let respondent = app.client();
    let (status, form) = app.open(&respondent, &tokens[0].1).await;
    assert_eq!(status, 200);
    let at = |code: &str| form.find(&format!("name=\"q_{code}\"")).expect(code);
    assert!(
        at("A3") < at("A1") && at("A1") < at("A2"),
        "in the poll's order"
    );
    let res = app
        .post(
            &respondent,
            &[
                ("_nonce", nonce_of(&form)),
                ("_page", "0".into()),
                ("_nav", "verstuur".into()),
                ("q_A1", "4".into()),
                ("q_A2", "4".into()),
            ],
        )
        .await;
    assert_eq!(res.status(), 422, "A3 is required in this poll");
    let refused = res.text().await.unwrap();
    assert!(refused.contains("Deze vraag is verplicht."), "{refused}");
    let res = app
        .post(
            &respondent,
            &[
                ("_nonce", nonce_of(&refused)),
                ("_page", "0".into()),
                ("_nav", "verstuur".into()),
                ("q_A2", "4".into()),
                ("q_A3", "2".into()),
            ],
        )
        .await;
    assert_eq!(res.status(), 303, "A1 may stay open in this poll");
}

async fn a_wave_page_draws_its_sample_and_sends_its_invitations_by_form(app: TestApp) {
    // 120 people in six strata of 20, k = 5.
    let fx = fixture(&app.store, vec![vec![Q::Likert("A1", true)]], 120, 5).await;
    let poll = waves::get(&app.store, &ACTOR, &fx.wave_id)
        .await
        .unwrap()
        .poll_id;
    let today = app::services::today();
    let wave = waves::create(
        &app.store,
        &ACTOR,
        waves::NewWave {
            audience: Vec::new(),
            poll,
            label: "2099-H1".into(),
            opens_on: today,
            closes_on: today + time::Duration::days(14),
            status: WaveStatus::Draft,
        },
    )
    .await
    .unwrap();
    let hrm = logged_in(&app, Role::HrmAnalyst).await;
    let page = format!("{}/hrm/golven/{wave}", app.base);
    let (status, html) = text(&hrm, page.clone()).await;
    assert_eq!(status, 200);
    assert!(html.contains("Steekproef trekken en uitnodigen"), "{html}");
    let token = token_in(&html);
    let post = |path: &'static str, fields: Vec<(&'static str, &'static str)>| {
        let hrm = hrm.clone();
        let url = format!("{page}/{path}");
        let token = token.clone();
        async move {
            let mut form = vec![("_csrf", token.as_str().to_string())];
            form.extend(fields.into_iter().map(|(k, v)| (k, v.to_string())));
            let res = hrm.post(url).form(&form).send().await.unwrap();
            let status = res.status().as_u16();
            let kind = res
                .headers()
                .get("content-type")
                .map(|v| v.to_str().unwrap().to_string())
                .unwrap_or_default();
            (status, kind, res.text().await.unwrap())
        }
    };
    let sample = |total: &'static str, allocation: &'static str| {
        vec![
            ("total", total),
            ("allocation", allocation),
            ("minimum", "5"),
            ("seed", "42"),
            ("exclude_months", "6"),
        ]
    };
    // Refusals beside their fields, nothing drawn.
    let (status, _, html) = post("steekproef", sample("veel", "minimum")).await;
    assert_eq!(status, 422);
    assert!(html.contains("id=\"total-error\""), "{html}");
    assert!(html.contains("value=\"veel\""), "what was typed is kept");
    let (status, _, html) = post("steekproef", sample("12", "proportional")).await;
    assert_eq!(status, 422);
    assert!(html.contains("id=\"minimum-error\""), "{html}");
    assert!(html.contains("minder dan 5 mensen"), "{html}");
    assert_eq!(
        waves::get(&app.store, &ACTOR, &wave).await.unwrap().invited,
        0
    );
    // Drawn: the strata, the seed and the fingerprint are on the page.
    let (status, _, _) = post("steekproef", sample("60", "minimum")).await;
    assert_eq!(status, 303);
    let (_, html) = text(&hrm, page.clone()).await;
    assert!(html.contains("<code>42</code>"), "{html}");
    assert!(html.contains("Strata: populatie, kader, gepland en getrokken"));
    assert!(
        html.contains("60 genodigden") || html.contains(">60<"),
        "{html}"
    );
    assert!(
        !html.contains("Steekproef trekken en uitnodigen"),
        "drawn once"
    );
    // The texts: [link] is required.
    let (status, _, html) = post(
        "bericht",
        vec![
            ("kind", "invitation"),
            ("subject_nl", "Doe mee"),
            ("body_nl", "Zonder link"),
            ("subject_en", "Join"),
            ("body_en", "Here: [link]"),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(html.contains("id=\"invitation:body_nl-error\""), "{html}");
    let (status, _, _) = post(
        "bericht",
        vec![
            ("kind", "invitation"),
            ("subject_nl", "Doe mee met [titel]"),
            ("body_nl", "Hier: [link]"),
            ("subject_en", "Join [title]"),
            ("body_en", "Here: [link]"),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let t = app::services::mail::template(
        &app.store,
        &ACTOR,
        &wave,
        app::services::mail::Kind::Invitation,
    )
    .await
    .unwrap();
    assert_eq!(t.body_nl, "Hier: [link]");
    // A reminder needs a date within the wave.
    let (status, _, html) = post("herinnering", vec![("on", "morgen")]).await;
    assert_eq!(status, 422);
    assert!(html.contains("id=\"on-error\""), "{html}");
    // The invitations: not for a draft (its links would not work yet)…
    let (status, _, html) = post("versturen", vec![]).await;
    assert_eq!(status, 409);
    assert!(html.contains("nog een concept"), "{html}");
    // …but once open: queued (no mail server in this test), shown as a sending.
    waves::open(&app.store, &ACTOR, &wave).await.unwrap();
    let (status, _, _) = post("versturen", vec![]).await;
    assert_eq!(status, 303);
    let (_, html) = text(&hrm, page.clone()).await;
    assert!(html.contains("Er is geen mailserver ingesteld"), "{html}");
    assert!(html.contains("Uitnodiging"), "{html}");
    let (status, _, html) = post("versturen", vec![]).await;
    assert_eq!(status, 409, "once");
    assert!(html.contains("al verstuurd"), "{html}");
    // The response by day, once the background job has taken the day's figure.
    assert!(!html.contains("<svg role=\"img\""), "no days yet");
    app::services::progress::record(&app.store, &ACTOR, today)
        .await
        .unwrap();
    let (_, html) = text(&hrm, page.clone()).await;
    assert!(
        html.contains("aria-label=\"Respons per dag over één dag\""),
        "{html}"
    );
    // The links for a mail merge: once.
    let (status, kind, csv) = post("links.csv", vec![]).await;
    assert_eq!(status, 200);
    assert!(kind.starts_with("text/csv"), "{kind}");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 61, "a header and 60 links");
    assert!(lines[0].ends_with("personeelsnummer;naam;email;link"));
    assert!(
        lines[1].contains(&format!("{}/p/", app.base)),
        "{}",
        lines[1]
    );
    let (status, _, html) = post("links.csv", vec![]).await;
    assert_eq!(status, 409);
    assert!(html.contains("al eens gedownload"), "{html}");
}
