//! Snapshot tests of the charts' SVG (`insta`, snapshots in `tests/snapshots/`): a change to
//! how a chart is drawn shows up as a reviewed diff. Each chart is drawn with a missing
//! figure, which must look like "geen cijfer" / "no figure" and never like a value, and
//! with words that need escaping, which must never break out of the SVG's text.
//!
//! A new or changed snapshot is written with `INSTA_UPDATE=always cargo test -p analysis
//! --test charts` and reviewed before it is committed; in CI a difference fails.

use analysis::charts::{distribution_chart, heatmap_chart, trend_chart, Lang, Output};

fn trend(lang: Lang) -> String {
    let points = vec![
        ("2024-H2".to_string(), Some((61.2, 58.0, 64.4))),
        ("2025-H1".to_string(), Some((63.0, 60.1, 65.9))),
        ("2025-H2".to_string(), None),
        ("2026-H1".to_string(), Some((66.5, 63.2, 69.8))),
        ("2026-H2".to_string(), Some((64.1, 61.0, 67.2))),
    ];
    trend_chart("Weerbaarheid · Oost & <Noord>", &points, lang, Output::Svg)
        .unwrap()
        .svg
}

#[test]
fn trend_with_a_gap_in_dutch() {
    let svg = trend(Lang::Nl);
    assert!(svg.contains("geen cijfer"));
    assert!(!svg.contains("<Noord>"), "the title is escaped");
    insta::assert_snapshot!(svg);
}

#[test]
fn trend_with_a_gap_in_english() {
    let svg = trend(Lang::En);
    assert!(svg.contains("no figure"));
    insta::assert_snapshot!(svg);
}

#[test]
fn heatmap_with_hidden_cells() {
    let rows = vec![
        "Eenheid Noord".to_string(),
        "Eenheid Zuid & Oost".to_string(),
    ];
    let cols = vec![
        "Weerbaarheid".to_string(),
        "Koopkracht".to_string(),
        "Ethisch werkklimaat".to_string(),
    ];
    let cells = vec![
        vec![Some(62.5), None, Some(71.0)],
        vec![Some(48.0), Some(55.5), None],
    ];
    let svg = heatmap_chart(
        "Index per thema, 2026-H2",
        &rows,
        &cols,
        &cells,
        Lang::Nl,
        Output::Svg,
    )
    .unwrap()
    .svg;
    assert!(svg.contains("geen cijfer"));
    assert!(svg.contains("Zuid &amp; Oost"), "the label is escaped");
    insta::assert_snapshot!(svg);
}

#[test]
fn distribution_with_a_hidden_item() {
    let rows = vec![
        (
            "Ik kan mijn werk aan".to_string(),
            Some([5.0, 10.0, 20.0, 40.0, 25.0]),
        ),
        ("Ik voel me veilig <op het werk>".to_string(), None),
        (
            "Ik kan rondkomen".to_string(),
            Some([12.5, 22.5, 30.0, 25.0, 10.0]),
        ),
    ];
    let svg = distribution_chart("Antwoordverdeling, 2026-H2", &rows, Lang::Nl, Output::Svg)
        .unwrap()
        .svg;
    assert!(svg.contains("geen cijfer"));
    assert!(!svg.contains("<op het werk>"), "the label is escaped");
    insta::assert_snapshot!(svg);
}
