//! HRM's results dashboard (issue #13): one poll's published figures for one group, with the
//! level below it as a heatmap to drill into, two waves compared, trends, eNPS, answer
//! distributions and the indicators from outside the polls. Plain links and GET forms, so
//! it works without JavaScript; every chart is an SVG from `analysis` with its figures in a
//! table beside it, so nothing depends on seeing colour.

use super::staff::{page_title, Signed};
use crate::domain::dashboard::{Cell, ChangeFigure, GroupRow};
use crate::domain::{DashboardView, OrgLevel, StaffNav};
use crate::i18n::{use_locale, Locale};
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;

const PATH: &str = "/hrm/dashboard";

fn level_plural(locale: Locale, level: OrgLevel) -> String {
    match level {
        OrgLevel::Organisation => tr!(locale, "report-organisation"),
        OrgLevel::Unit => tr!(locale, "dashboard-level-units"),
        OrgLevel::District => tr!(locale, "dashboard-level-districts"),
        OrgLevel::Team => tr!(locale, "dashboard-level-teams"),
    }
}

/// A change as words and a mark that need no colour: bold with ▲/▼ when significant.
fn change_view(locale: Locale, c: Option<ChangeFigure>) -> AnyView {
    match c {
        None => view! { <span>"–"</span> }.into_any(),
        Some(c) if c.significant => {
            let (mark, words) = if c.diff > 0.0 {
                ("▲", tr!(locale, "dashboard-significant-up"))
            } else {
                ("▼", tr!(locale, "dashboard-significant-down"))
            };
            view! {
                <strong class="sig">{locale.signed(c.diff)}" "<span aria-hidden="true">{mark}</span>
                <span class="visually-hidden">{words}</span></strong>
            }
            .into_any()
        }
        Some(c) => view! {
            <span>{locale.signed(c.diff)}
            <span class="visually-hidden">{tr!(locale, "dashboard-not-significant")}</span></span>
        }
        .into_any(),
    }
}

/// A labelled choice of one of the poll's waves.
fn wave_select(name: &'static str, label: String, waves: Vec<String>, chosen: String) -> AnyView {
    view! {
        <div class="filter-field stack">
            <label for=name>{label}</label>
            <select id=name name=name>
                {waves.into_iter().map(|w| {
                    let selected = w == chosen;
                    view! { <option value=w.clone() selected=selected>{w.clone()}</option> }
                }).collect_view()}
            </select>
        </div>
    }
    .into_any()
}

fn index_text(locale: Locale, v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_string(), |v| locale.decimal(v, 1))
}

/// A table of groups × themes: the index in the wave shown and its change, the row names
/// linking one level down where `link` gives an address.
fn group_table(
    locale: Locale,
    caption: String,
    first: String,
    themes: &[String],
    rows: Vec<GroupRow>,
    link: impl Fn(&GroupRow) -> Option<String>,
    compare: bool,
) -> AnyView {
    let region = caption.clone();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=region>
        <table class="figures heat">
            <caption>{caption}</caption>
            <thead><tr>
                <th scope="col">{first}</th>
                {themes.iter().map(|t| view! { <th scope="col">{t.clone()}</th> }).collect_view()}
            </tr></thead>
            <tbody>
            {rows.into_iter().map(|r| {
                let name = match link(&r) {
                    Some(href) => view! { <a rel="external" href=href>{r.name.clone()}</a> }.into_any(),
                    None => view! { <span>{r.name.clone()}</span> }.into_any(),
                };
                view! {
                    <tr>
                        <th scope="row">{name}</th>
                        {r.cells.into_iter().map(|Cell { index, change }| view! {
                            <td>
                                <span class="idx">{index_text(locale, index)}</span>
                                {(compare && index.is_some()).then(|| view! {
                                    <span class="chg">{change_view(locale, change)}</span>
                                })}
                            </td>
                        }).collect_view()}
                    </tr>
                }
            }).collect_view()}
            </tbody>
        </table>
        </div>
    }
    .into_any()
}

#[component]
pub fn DashboardPage(nav: StaffNav, view: Option<DashboardView>) -> impl IntoView {
    let locale = use_locale();
    let title = tr!(locale, "dashboard-title");
    let Some(v) = view else {
        return view! {
            <Title text=page_title(&title)/>
            <Signed nav/>
            <section class="card workspace">
                <h1>{title.clone()}</h1>
                <p>{tr!(locale, "dashboard-none")}</p>
            </section>
        }
        .into_any();
    };
    let q = v.query_for(&v.group);
    let group_name = v.trail.last().map(|t| t.1.clone()).unwrap_or_default();
    let theme_names: Vec<String> = v.themes.iter().map(|t| t.name.clone()).collect();
    let compare = v.from.is_some();
    let from = v.from.clone().unwrap_or_default();
    let to = v.to.clone();
    let chart = |extra: &[(&str, &str)]| q.href("/hrm/dashboard/grafiek.svg", extra);

    // The poll and the waves: two GET forms, the second keeping the group.
    let choose = {
        let polls = v.polls.clone();
        let current = v.poll.clone();
        let waves = v.waves.clone();
        let group = v.group.clone();
        view! {
            <form method="get" action=PATH class="filters">
                <div class="filter-field stack">
                    <label for="peiling">{tr!(locale, "dashboard-poll")}</label>
                    <select id="peiling" name="peiling">
                        {polls.into_iter().map(|(id, t)| {
                            let selected = id == current;
                            view! { <option value=id selected=selected>{t}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <p class="buttons"><button type="submit" class="secondary">{tr!(locale, "dashboard-show")}</button></p>
            </form>
            {(waves.len() > 1).then(|| {
                let waves_to = waves.clone();
                let to = to.clone();
                let from = from.clone();
                view! {
                    <form method="get" action=PATH class="filters">
                        <input type="hidden" name="peiling" value=current.clone()/>
                        <input type="hidden" name="groep" value=group.clone()/>
                        {wave_select("naar", tr!(locale, "dashboard-wave"), waves_to, to)}
                        {wave_select("van", tr!(locale, "dashboard-compare-with"), waves, from)}
                        <p class="buttons"><button type="submit" class="secondary">{tr!(locale, "dashboard-compare")}</button></p>
                    </form>
                }
            })}
        }
        .into_any()
    };

    // The way down, each step a link back up.
    let trail = {
        let steps = v.trail.clone();
        let last = steps.len().saturating_sub(1);
        let v2 = v.clone();
        view! {
            <nav aria-label=tr!(locale, "dashboard-trail")>
                <ol class="trail">
                    {steps.into_iter().enumerate().map(|(i, (g, name))| {
                        if i == last {
                            view! { <li aria-current="page">{name}</li> }.into_any()
                        } else {
                            let href = v2.query_for(&g).href(PATH, &[]);
                            view! { <li><a rel="external" href=href>{name}</a></li> }.into_any()
                        }
                    }).collect_view()}
                </ol>
            </nav>
        }
        .into_any()
    };

    let themes_caption = tr!(
        locale,
        "dashboard-themes-caption",
        group = group_name.clone(),
        wave = to.clone()
    );
    let family_note = if v.own_family {
        tr!(
            locale,
            "dashboard-own-family",
            from = from.clone(),
            to = to.clone()
        )
    } else {
        tr!(locale, "dashboard-file-family")
    };
    let themes_table = {
        let rows = v.themes.clone();
        let region = themes_caption.clone();
        let change_head = if compare {
            tr!(locale, "dashboard-col-change", from = from.clone())
        } else {
            tr!(locale, "dashboard-col-change-none")
        };
        view! {
            <div class="table-scroll" tabindex="0" role="region" aria-label=region>
            <table class="figures">
                <caption>{themes_caption.clone()}</caption>
                <thead><tr>
                    <th scope="col">{tr!(locale, "handout-col-theme")}</th>
                    <th scope="col">{tr!(locale, "dashboard-col-index")}</th>
                    <th scope="col">{tr!(locale, "dashboard-col-favourable")}</th>
                    <th scope="col">{tr!(locale, "dashboard-col-n")}</th>
                    <th scope="col">{change_head}</th>
                    <th scope="col">{tr!(locale, "dashboard-col-trend")}</th>
                </tr></thead>
                <tbody>
                {rows.into_iter().map(|t| {
                    let index = t.index.map_or_else(|| "–".to_string(), |(i, lo, hi)| {
                        tr!(locale, "dashboard-index-ci",
                            index = locale.decimal(i, 1),
                            low = locale.decimal(lo, 1),
                            high = locale.decimal(hi, 1))
                    });
                    let fav = t.pct_favourable.map_or_else(|| "–".to_string(), |p| format!("{}%", locale.decimal(p, 0)));
                    let n = t.n.map_or_else(|| "–".to_string(), |n| n.to_string());
                    let trend = t.trend.map_or_else(|| "–".to_string(), |(slope, sig)| if sig {
                        tr!(locale, "dashboard-trend-significant", slope = locale.signed(slope))
                    } else {
                        tr!(locale, "dashboard-trend", slope = locale.signed(slope))
                    });
                    let shown = t.index.is_some();
                    view! {
                        <tr>
                            <th scope="row">{t.name}</th>
                            <td>{index}</td>
                            <td>{fav}</td>
                            <td>{n}</td>
                            <td>{if shown && compare { change_view(locale, t.change) } else { view! { <span>"–"</span> }.into_any() }}</td>
                            <td>{trend}</td>
                        </tr>
                    }
                }).collect_view()}
                </tbody>
            </table>
            </div>
        }
        .into_any()
    };

    let trends = v
        .themes
        .iter()
        .map(|t| {
            let src = chart(&[("soort", "trend"), ("thema", &t.code)]);
            let points: Vec<String> = t
                .series
                .iter()
                .map(|(w, p)| format!("{w} {}", index_text(locale, p.map(|p| p.0))))
                .collect();
            let alt = tr!(
                locale,
                "dashboard-trend-alt",
                theme = t.name.clone(),
                group = group_name.clone(),
                points = points.join("; ")
            );
            view! {
                <figure class="chart">
                    <img src=src alt=alt loading="lazy" width="900" height="360"/>
                </figure>
            }
        })
        .collect_view()
        .into_any();

    let children = v.child_level.map(|level| {
        let caption = tr!(
            locale,
            "dashboard-children-caption",
            level = level_plural(locale, level),
            group = group_name.clone(),
            wave = to.clone()
        );
        let v2 = v.clone();
        let link = move |r: &GroupRow| Some(v2.query_for(&r.group).href(PATH, &[]));
        let rows = v.children.clone();
        let heat = chart(&[("soort", "heatmap")]);
        let alt = tr!(
            locale,
            "dashboard-heatmap-alt",
            level = level_plural(locale, level)
        );
        let first = match level {
            OrgLevel::Unit => tr!(locale, "report-col-unit"),
            OrgLevel::District => tr!(locale, "dashboard-col-district"),
            _ => tr!(locale, "manager-team"),
        };
        view! {
            <section class="card workspace">
                <h2>{level_plural(locale, level)}</h2>
                <p class="hint">{tr!(locale, "dashboard-drill-hint")}</p>
                {group_table(locale, caption, first, &theme_names, rows, link, compare)}
                <figure class="chart">
                    <img src=heat alt=alt loading="lazy"/>
                </figure>
            </section>
        }
        .into_any()
    });

    let ages = (!v.age_bands.is_empty()).then(|| {
        let caption = tr!(locale, "dashboard-ages-caption", group = group_name.clone(), wave = to.clone());
        view! {
            <section class="card workspace">
                <h2>{tr!(locale, "dashboard-ages")}</h2>
                {group_table(locale, caption, tr!(locale, "dashboard-col-age"), &theme_names, v.age_bands.clone(), |_| None, compare)}
            </section>
        }
        .into_any()
    });

    let enps = (!v.enps.is_empty()).then(|| {
        let waves = v.waves.clone();
        let rows = v.enps.clone();
        let caption = tr!(locale, "dashboard-enps-caption", group = group_name.clone());
        let region = caption.clone();
        view! {
            <section class="card workspace">
                <h2>"eNPS"</h2>
                <div class="table-scroll" tabindex="0" role="region" aria-label=region>
                <table class="figures">
                    <caption>{caption}</caption>
                    <thead><tr>
                        <th scope="col">{tr!(locale, "dashboard-col-item")}</th>
                        {waves.iter().map(|w| view! { <th scope="col">{w.clone()}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>
                    {rows.into_iter().map(|e| view! {
                        <tr>
                            <th scope="row">{e.text}</th>
                            {e.waves.into_iter().map(|f| view! {
                                <td>{f.map_or_else(|| "–".to_string(), |(x, lo, hi)| tr!(locale, "dashboard-index-ci",
                                    index = locale.signed(x), low = locale.signed(lo), high = locale.signed(hi)))}</td>
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                    </tbody>
                </table>
                </div>
                <p class="hint">{tr!(locale, "dashboard-enps-note")}</p>
            </section>
        }
        .into_any()
    });

    let items = (!v.items.is_empty()).then(|| {
        let caption = tr!(locale, "dashboard-items-caption", group = group_name.clone(), wave = to.clone());
        let region = caption.clone();
        let src = chart(&[("soort", "verdeling")]);
        let alt = tr!(locale, "dashboard-items-alt");
        let rows = v.items.clone();
        view! {
            <section class="card workspace">
                <h2>{tr!(locale, "dashboard-items")}</h2>
                <figure class="chart">
                    <img src=src alt=alt loading="lazy"/>
                </figure>
                <div class="table-scroll" tabindex="0" role="region" aria-label=region>
                <table class="figures">
                    <caption>{caption}</caption>
                    <thead><tr>
                        <th scope="col">{tr!(locale, "dashboard-col-item")}</th>
                        <th scope="col">{tr!(locale, "handout-col-theme")}</th>
                        <th scope="col">{tr!(locale, "dashboard-scale-1")}</th>
                        <th scope="col">{tr!(locale, "dashboard-scale-2")}</th>
                        <th scope="col">{tr!(locale, "dashboard-scale-3")}</th>
                        <th scope="col">{tr!(locale, "dashboard-scale-4")}</th>
                        <th scope="col">{tr!(locale, "dashboard-scale-5")}</th>
                    </tr></thead>
                    <tbody>
                    {rows.into_iter().map(|i| view! {
                        <tr>
                            <th scope="row">{i.text}</th>
                            <td>{i.theme}</td>
                            {match i.shares {
                                Some(s) => s.iter().map(|x| view! { <td>{format!("{}%", locale.decimal(*x, 0))}</td> }).collect_view().into_any(),
                                None => (0..5).map(|_| view! { <td>"–"</td> }).collect_view().into_any(),
                            }}
                        </tr>
                    }).collect_view()}
                    </tbody>
                </table>
                </div>
            </section>
        }
        .into_any()
    });

    let indicators = (!v.indicators.is_empty()).then(|| {
        let (prev, cur) = v.indicator_periods.clone();
        let rows = v.indicators.clone();
        let caption = tr!(locale, "dashboard-indicators-caption", group = group_name.clone());
        let region = caption.clone();
        view! {
            <section class="card workspace">
                <h2>{tr!(locale, "dashboard-indicators")}</h2>
                <div class="table-scroll" tabindex="0" role="region" aria-label=region>
                <table class="figures">
                    <caption>{caption}</caption>
                    <thead><tr>
                        <th scope="col">{tr!(locale, "dashboard-col-indicator")}</th>
                        <th scope="col">{tr!(locale, "handout-col-theme")}</th>
                        <th scope="col">{prev}</th>
                        <th scope="col">{cur}</th>
                    </tr></thead>
                    <tbody>
                    {rows.into_iter().map(|i| view! {
                        <tr>
                            <th scope="row">{i.name}<span class="hint">" — "{i.definition}" "{tr!(locale, "dashboard-source", source = i.source)}</span></th>
                            <td>{i.theme.unwrap_or_else(|| "–".to_string())}</td>
                            <td>{i.values.0.unwrap_or_else(|| "–".to_string())}</td>
                            <td>{i.values.1.unwrap_or_else(|| "–".to_string())}</td>
                        </tr>
                    }).collect_view()}
                    </tbody>
                </table>
                </div>
                <p class="hint">{tr!(locale, "dashboard-indicators-note", k = v.k)}</p>
            </section>
        }
        .into_any()
    });

    view! {
        <Title text=page_title(&title)/>
        <Signed nav/>
        <section class="card workspace">
            <p><a rel="external" href="/hrm">{tr!(locale, "back-to-hrm")}</a></p>
            <h1>{title.clone()}</h1>
            <p class="subtitle">{tr!(locale, "dashboard-intro")}</p>
            {choose}
            {trail}
        </section>
        <section class="card workspace">
            <h2>{v.title.clone()}" · "{group_name.clone()}</h2>
            {themes_table}
            <p class="hint">{tr!(locale, "dashboard-rule")}" "{family_note}</p>
            <p class="hint">{tr!(locale, "dashboard-missing", k = v.k)}</p>
        </section>
        <section class="card workspace">
            <h2>{tr!(locale, "dashboard-trends")}</h2>
            {trends}
        </section>
        {children}
        {ages}
        {enps}
        {items}
        {indicators}
    }
    .into_any()
}
