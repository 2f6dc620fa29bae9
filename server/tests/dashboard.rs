//! Issue #13, on SQLite and PostgreSQL: HRM's results dashboard, on the jaarbeeld's story
//! (three closed waves; in 2027-H1 U1 rises significantly and U2 does not move; in 2027-H2
//! U2 is too small and U1 is hidden with it).
//!
//! Every figure the dashboard shows is the analysis' own for that group and wave; a hidden
//! one is absent; drill-down goes organisation → unit → team along the tree; two waves
//! apart are compared with their own Benjamini–Hochberg family; nothing outside the
//! declared groups can be asked for; the results are computed once per set of closed waves.

use crate::access::logged_in;
use crate::common::{TestApp, ACTOR};
use crate::report::{results_until, story};
use analysis::Group;
use app::domain::dashboard::ChangeFigure;
use app::domain::{DashboardQuery, DashboardView, OrgLevel, Role};
use app::i18n::Locale;
use app::services::dashboard;

on_both_backends!(
    the_dashboard_shows_what_the_analysis_published_for_each_group,
    two_waves_apart_are_compared_as_their_own_family,
    the_dashboard_refuses_what_it_does_not_publish,
    results_are_computed_once_per_set_of_closed_waves,
);

async fn view(app: &TestApp, poll: &str, group: &str, from: &str, to: &str) -> DashboardView {
    let q = DashboardQuery {
        poll: Some(poll.to_string()),
        group: Some(group.to_string()),
        from: Some(from.to_string()),
        to: Some(to.to_string()),
    };
    dashboard::view(&app.store, &ACTOR, &q, Locale::Nl)
        .await
        .unwrap()
        .expect("a closed wave")
}

fn same(got: Option<f64>, want: Option<f64>) -> bool {
    match (got, want) {
        (Some(a), Some(b)) => (a - b).abs() < 1e-9,
        (None, None) => true,
        _ => false,
    }
}

fn change_of<'a>(
    changes: &'a [analysis::Change],
    theme: &str,
    group: &Group,
    to: &str,
) -> Option<&'a analysis::Change> {
    changes
        .iter()
        .find(|c| c.theme == theme && &c.group == group && c.to_wave == to)
}

fn same_change(got: &Option<ChangeFigure>, want: Option<&analysis::Change>) -> bool {
    match (got, want) {
        (Some(g), Some(w)) => {
            (g.diff - w.diff).abs() < 1e-9
                && (g.q - w.q).abs() < 1e-9
                && g.significant == w.significant
        }
        (None, None) => true,
        _ => false,
    }
}

async fn the_dashboard_shows_what_the_analysis_published_for_each_group(app: TestApp) {
    let fx = story(&app).await;
    let poll = fx.poll_id.to_string();
    let want = results_until(&app, &fx, "2027-H2").await;

    // The defaults: the poll's latest wave against the one before, the whole organisation.
    let v = dashboard::view(&app.store, &ACTOR, &DashboardQuery::default(), Locale::Nl)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(v.poll, poll);
    assert_eq!(v.waves, ["2026-H2", "2027-H1", "2027-H2"]);
    assert_eq!(
        (v.from.as_deref(), v.to.as_str()),
        (Some("2027-H1"), "2027-H2")
    );
    assert!(!v.own_family);
    assert_eq!(v.trail, [("all".to_string(), "ORG".to_string())]);
    assert_eq!(v.level, OrgLevel::Organisation);

    for (to, from) in [("2027-H2", "2027-H1"), ("2027-H1", "2026-H2")] {
        let v = view(&app, &poll, "all", from, to).await;
        assert!(!v.themes.is_empty());
        for t in &v.themes {
            let e = want
                .estimates
                .iter()
                .find(|e| e.wave == to && e.theme == t.code && e.group == Group::All)
                .unwrap();
            assert!(same(t.index.map(|i| i.0), e.index), "{t:?} {e:?}");
            assert!(same(t.index.map(|i| i.1), e.ci_low));
            assert!(same(t.index.map(|i| i.2), e.ci_high));
            assert!(same(t.pct_favourable, e.pct_favourable));
            assert_eq!(t.n, (!e.suppressed).then_some(e.n));
            assert!(same_change(
                &t.change,
                change_of(&want.changes, &t.code, &Group::All, to)
            ));
            // The series holds every wave's published figure.
            for (w, p) in &t.series {
                let e = want
                    .estimates
                    .iter()
                    .find(|e| &e.wave == w && e.theme == t.code && e.group == Group::All);
                assert!(same(p.map(|p| p.0), e.and_then(|e| e.index)), "{w}");
            }
        }
        // The units, a cell per theme: the analysis' index or nothing.
        assert_eq!(v.child_level, Some(OrgLevel::Unit));
        let names: Vec<&str> = v.children.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["U1", "U2"]);
        for row in &v.children {
            let g = Group::parse(&row.group).unwrap();
            for (cell, t) in row.cells.iter().zip(&v.themes) {
                let e = want
                    .estimates
                    .iter()
                    .find(|e| e.wave == to && e.theme == t.code && e.group == g)
                    .unwrap();
                assert!(same(cell.index, e.index), "{row:?}");
                assert!(same_change(
                    &cell.change,
                    change_of(&want.changes, &t.code, &g, to)
                ));
            }
        }
    }
    // 2027-H1: U1 rose significantly, U2 did not move; in 2027-H2 both are hidden.
    let v = view(&app, &poll, "all", "2026-H2", "2027-H1").await;
    let u1 = v.children[0].cells[0].change.clone().unwrap();
    assert!(u1.significant && u1.diff > 3.0, "{u1:?}");
    assert!(!v.children[1].cells[0].change.clone().unwrap().significant);
    let v = view(&app, &poll, "all", "2027-H1", "2027-H2").await;
    assert!(v.children.iter().all(|r| r
        .cells
        .iter()
        .all(|c| c.index.is_none() && c.change.is_none())));
    // The age bands of the organisation, as the analysis published them.
    assert_eq!(v.age_bands.len(), 3, "{:?}", v.age_bands);
    for row in &v.age_bands {
        let g = Group::parse(&row.group).unwrap();
        let e = want
            .breakdowns
            .iter()
            .find(|e| e.wave == "2027-H2" && e.group == g)
            .unwrap();
        assert!(same(row.cells[0].index, e.index), "{row:?}");
    }

    // Down the tree: the unit, then its team.
    let v = view(&app, &poll, "unit=U1", "2026-H2", "2027-H1").await;
    assert_eq!(
        v.trail,
        [
            ("all".to_string(), "ORG".to_string()),
            ("unit=U1".to_string(), "U1".to_string())
        ]
    );
    assert_eq!(v.child_level, Some(OrgLevel::Team));
    assert_eq!(v.children.len(), 1);
    assert_eq!(v.children[0].group, "team=U1-T1");
    let team = Group::Team("U1-T1".into());
    let e = want
        .breakdowns
        .iter()
        .find(|e| e.wave == "2027-H1" && e.group == team)
        .unwrap();
    assert!(same(v.children[0].cells[0].index, e.index));
    assert!(same_change(
        &v.children[0].cells[0].change,
        change_of(&want.breakdown_changes, &e.theme, &team, "2027-H1")
    ));
    let v = view(&app, &poll, "team=U1-T1", "2026-H2", "2027-H1").await;
    assert_eq!(v.trail.len(), 3);
    assert_eq!(v.trail[2], ("team=U1-T1".to_string(), "U1-T1".to_string()));
    assert_eq!(v.level, OrgLevel::Team);
    assert!(v.children.is_empty() && v.child_level.is_none() && v.age_bands.is_empty());
    assert!(same(v.themes[0].index.map(|i| i.0), e.index));
    // The answer distributions of the team in that wave.
    for item in &v.items {
        let d = want
            .distributions
            .iter()
            .find(|d| d.wave == "2027-H1" && d.item == item.item && d.group == team)
            .unwrap();
        assert_eq!(
            item.shares.map(|s| s.to_vec()),
            d.shares.clone().filter(|_| !d.suppressed)
        );
    }
}

async fn two_waves_apart_are_compared_as_their_own_family(app: TestApp) {
    let fx = story(&app).await;
    let poll = fx.poll_id.to_string();
    let want = results_until(&app, &fx, "2027-H2").await;
    let v = view(&app, &poll, "all", "2026-H2", "2027-H2").await;
    assert!(v.own_family);
    let family = analysis::changes::compare(&want.estimates, "2026-H2", "2027-H2");
    assert!(!family.is_empty());
    for t in &v.themes {
        let c = family
            .iter()
            .find(|c| c.theme == t.code && c.group == Group::All);
        assert!(same_change(&t.change, c), "{t:?} {c:?}");
        // Not a pair the file tests.
        assert!(change_of(&want.changes, &t.code, &Group::All, "2027-H2")
            .is_none_or(|c| c.from_wave != "2026-H2"));
    }
    // The team's comparison is its own family too, from the breakdowns.
    let v = view(&app, &poll, "team=U1-T1", "2026-H2", "2027-H2").await;
    let family = analysis::changes::compare(&want.breakdowns, "2026-H2", "2027-H2");
    let team = Group::Team("U1-T1".into());
    let c = family.iter().find(|c| c.group == team);
    assert!(
        same_change(&v.themes[0].change, c),
        "{:?} {c:?}",
        v.themes[0]
    );
    // The page says so.
    let hrm = logged_in(&app, Role::HrmAnalyst).await;
    let page = hrm
        .get(format!(
            "{}/hrm/dashboard?peiling={poll}&van=2026-H2&naar=2027-H2",
            app.base
        ))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("liggen niet naast elkaar"), "{page}");
}

async fn the_dashboard_refuses_what_it_does_not_publish(app: TestApp) {
    let fx = story(&app).await;
    let poll = fx.poll_id.to_string();
    let hrm = logged_in(&app, Role::HrmAnalyst).await;
    let get = |path: String| {
        let hrm = hrm.clone();
        let base = app.base.clone();
        async move { hrm.get(format!("{base}{path}")).send().await.unwrap() }
    };
    let res = get("/hrm/dashboard".into()).await;
    assert_eq!(res.status(), 200);
    let page = res.text().await.unwrap();
    for text in [
        "Resultaten",
        "Testpeiling",
        "Testthema",
        "Eenheden",
        "href=\"/hrm/dashboard?peiling=",
    ] {
        assert!(page.contains(text), "{text}: {page}");
    }
    // Every chart the page names is there, as SVG.
    let charts: Vec<String> = page
        .split("src=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|s| s.starts_with("/hrm/dashboard/grafiek.svg"))
        .map(|s| s.replace("&amp;", "&"))
        .collect();
    assert!(charts.len() >= 2, "{charts:?}");
    for src in &charts {
        let res = get(src.clone()).await;
        assert_eq!(res.status(), 200, "{src}");
        assert_eq!(
            res.headers()["content-type"],
            "image/svg+xml; charset=utf-8"
        );
        let svg = res.text().await.unwrap();
        assert!(svg.starts_with("<svg"), "{svg}");
    }
    // The heatmap of 2027-H2: both units hidden, drawn as "no figure".
    let svg = get(format!(
        "/hrm/dashboard/grafiek.svg?peiling={poll}&soort=heatmap"
    ))
    .await
    .text()
    .await
    .unwrap();
    assert!(
        svg.contains("geen cijfer") && svg.contains("U1") && svg.contains("U2"),
        "{svg}"
    );

    for (path, status, text) in [
        (
            "/hrm/dashboard?peiling=nope".to_string(),
            404,
            "Er is geen peiling nope",
        ),
        (
            format!("/hrm/dashboard?peiling={poll}&groep=team%3DX9"),
            404,
            "geen gepubliceerde cijfers voor team=X9",
        ),
        (
            format!("/hrm/dashboard?peiling={poll}&groep=age_band%3D%3C35"),
            404,
            "geen gepubliceerde cijfers voor age_band=&lt;35",
        ),
        (
            format!("/hrm/dashboard?peiling={poll}&groep=stratum%3DU1"),
            404,
            "geen gepubliceerde cijfers",
        ),
        (
            format!("/hrm/dashboard?peiling={poll}&naar=2030-H1"),
            422,
            "2030-H1 is geen afgesloten meting",
        ),
        (
            format!("/hrm/dashboard?peiling={poll}&van=2027-H2&naar=2027-H1"),
            422,
            "Vergelijk met een eerdere meting",
        ),
        (
            format!("/hrm/dashboard/grafiek.svg?peiling={poll}&soort=taart"),
            422,
            "geen grafiek van de soort",
        ),
        (
            format!("/hrm/dashboard/grafiek.svg?peiling={poll}&soort=trend"),
            422,
            "hoort bij een thema",
        ),
        (
            format!("/hrm/dashboard/grafiek.svg?peiling={poll}&soort=trend&thema=nope"),
            404,
            "geen thema nope",
        ),
    ] {
        let res = get(path.clone()).await;
        assert_eq!(res.status(), status, "{path}");
        let body = res.text().await.unwrap();
        assert!(body.contains(text), "{path}: {body}");
    }
    // In English, from the same catalogue.
    let res = hrm
        .get(format!("{}/hrm/dashboard?peiling=nope", app.base))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    assert!(res.text().await.unwrap().contains("There is no poll nope"));
    // Only HRM: a manager and an administrator are refused, and so is nobody.
    for role in [Role::Manager, Role::Administrator] {
        let other = logged_in(&app, role).await;
        let res = other
            .get(format!("{}/hrm/dashboard", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403, "{role}");
        let res = other
            .get(format!(
                "{}/hrm/dashboard/grafiek.svg?soort=heatmap",
                app.base
            ))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403, "{role}");
    }
    let res = app
        .client()
        .get(format!("{}/hrm/dashboard", app.base))
        .send()
        .await
        .unwrap();
    assert_ne!(res.status(), 200);
}

async fn results_are_computed_once_per_set_of_closed_waves(app: TestApp) {
    let fx = story(&app).await;
    let poll = fx.poll_id.to_string();
    let kept = || crate::common::kept_results(&app.store, &fx.poll_id);
    // Each of the story's three closes analysed the poll's closed waves and kept them.
    let first = kept().await;
    assert_eq!(first.len(), 3, "one set of waves per close: {first:?}");
    view(&app, &poll, "all", "2027-H1", "2027-H2").await;
    for (group, from, to) in [
        ("unit=U1", "2026-H2", "2027-H1"),
        ("team=U1-T1", "2026-H2", "2027-H2"),
        ("all", "2026-H2", "2027-H2"),
    ] {
        view(&app, &poll, group, from, to).await;
    }
    assert_eq!(kept().await, first);
}
