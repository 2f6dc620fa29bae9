//! Report charts (SVG and PNG) with `plotters`: index trends with their 95% confidence band, a
//! heatmap of units × themes and diverging stacked bars of answer distributions.
//!
//! Every chart is drawn once by generic code ([`Chart::draw`]) for any `DrawingBackend`, so the
//! SVG and the PNG always show the same thing. Text is set in the embedded DejaVu Sans (see
//! `assets/fonts/LICENSE-DejaVu.txt`), registered with plotters' `ab_glyph` renderer under the
//! family name `sans-serif`: the PNG never depends on system fonts and the SVG names a generic
//! family every viewer has.
//!
//! A chart's own words (legend, axes, notes) are in one language, [`Lang`]; titles and labels
//! passed in are drawn as given. Each chart function renders what is asked ([`Output`]): the
//! SVG alone for a page or a PDF, or the PNG beside it for `polsslag analyse`.
//!
//! A missing figure is never drawn as a value, and a suppressed one looks exactly like one
//! that was not measured (methodology A2: nobody can tell "too few answered" from "nobody
//! answered"): a gap in the trend line with a grey marker and "geen cijfer" / "no figure" on
//! the axis, a grey hatched heatmap cell with "–", the text "geen cijfer" instead of a bar.

use crate::{AnalysisError, Group, Results};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_backend::{BackendColor, BackendCoord, DrawingErrorKind};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

mod bitmap;
mod distribution;
mod draw;
mod heatmap;
mod trend;

use bitmap::PngBackend;
pub use distribution::distribution_chart;
use draw::*;
pub use heatmap::heatmap_chart;
pub use trend::trend_chart;

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
/// The family the embedded font is registered under (and that the SVG names).
const FAMILY: &str = "sans-serif";

const INK: RGBColor = RGBColor(33, 37, 41);
const MUTED: RGBColor = RGBColor(108, 117, 125);
const GRID: RGBColor = RGBColor(225, 229, 234);
const AXIS: RGBColor = RGBColor(134, 142, 150);
const LINE: RGBColor = RGBColor(31, 95, 158);
const SUPP_FILL: RGBColor = RGBColor(238, 238, 238);
const SUPP_HATCH: RGBColor = RGBColor(200, 200, 200);
const SUPP_MARK: RGBColor = RGBColor(140, 140, 140);

/// Colours of the scale points 1…5 (red = disagree, grey = neutral, blue = agree).
const SCALE: [RGBColor; 5] = [
    RGBColor(178, 24, 43),
    RGBColor(239, 138, 98),
    RGBColor(200, 200, 200),
    RGBColor(103, 169, 207),
    RGBColor(33, 102, 172),
];
/// The language of a chart's own words.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    /// The Dutch or the English text.
    fn pick(self, nl: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Nl => nl,
            Lang::En => en,
        }
    }

    /// A number with this language's decimal sign (`3,2` in Dutch).
    fn num(self, v: f64, decimals: usize) -> String {
        let s = format!("{v:.decimals$}");
        match self {
            Lang::Nl => s.replace('.', ","),
            Lang::En => s,
        }
    }

    /// What a missing figure (suppressed or not measured alike) is called.
    fn no_figure(self) -> &'static str {
        self.pick("geen cijfer", "no figure")
    }

    /// The names of the scale points 1…5.
    fn scale(self) -> [&'static str; 5] {
        match self {
            Lang::Nl => SCALE_NL,
            Lang::En => SCALE_EN,
        }
    }
}

/// What a chart function renders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    /// The SVG only (pages, PDFs).
    Svg,
    /// The SVG and a PNG of the same drawing (`out/charts/`).
    SvgAndPng,
}

/// A rendered chart: the SVG, and the PNG when [`Output::SvgAndPng`] asked for it.
#[derive(Clone, Debug)]
pub struct Rendered {
    pub svg: String,
    pub png: Option<Vec<u8>>,
}

const SCALE_NL: [&str; 5] = [
    "helemaal oneens",
    "oneens",
    "neutraal",
    "eens",
    "helemaal eens",
];
const SCALE_EN: [&str; 5] = [
    "strongly disagree",
    "disagree",
    "neutral",
    "agree",
    "strongly agree",
];

const WIDTH: u32 = 900;

/// An index with its 95% confidence interval: `(index, ci_low, ci_high)`.
pub type Ci = (f64, f64, f64);
/// One wave of a trend: its label and its figures, `None` when suppressed.
pub type TrendPoint = (String, Option<Ci>);
/// One item of a distribution chart: its label and the shares (%) of scale points 1…5, `None`
/// when suppressed.
pub type DistributionRow = (String, Option<[f64; 5]>);

#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    #[error("lettertype kan niet worden geladen / font cannot be loaded")]
    Font,
    #[error("grafiek tekenen mislukt / drawing the chart failed: {0}")]
    Draw(String),
    #[error("PNG coderen mislukt / PNG encoding failed: {0}")]
    Png(String),
    #[error("{path}: kan niet schrijven / cannot write: {message}")]
    Write { path: String, message: String },
}

impl From<ChartError> for AnalysisError {
    fn from(e: ChartError) -> Self {
        AnalysisError::Chart(e.to_string())
    }
}

fn draw_err<E: std::fmt::Display>(e: E) -> ChartError {
    ChartError::Draw(e.to_string())
}

/// Registers the embedded font once per process.
fn fonts() -> Result<(), ChartError> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let ok = *REGISTERED.get_or_init(|| {
        plotters::style::register_font(FAMILY, FontStyle::Normal, REGULAR).is_ok()
            && plotters::style::register_font(FAMILY, FontStyle::Bold, BOLD).is_ok()
    });
    if ok {
        Ok(())
    } else {
        Err(ChartError::Font)
    }
}

fn text(size: f64, color: RGBColor) -> TextStyle<'static> {
    (FAMILY, size).into_font().color(&color)
}

fn bold(size: f64, color: RGBColor) -> TextStyle<'static> {
    (FAMILY, size)
        .into_font()
        .style(FontStyle::Bold)
        .color(&color)
}

fn anchored(style: TextStyle<'static>, h: HPos, v: VPos) -> TextStyle<'static> {
    style.pos(Pos::new(h, v))
}

/// One chart, drawn by the same code on the SVG and the bitmap backend.
trait Chart {
    fn size(&self) -> (u32, u32);
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), ChartError>;
}

fn render<C: Chart>(chart: &C, output: Output) -> Result<Rendered, ChartError> {
    fonts()?;
    let (w, h) = chart.size();
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
        chart.draw(&root)?;
        root.present().map_err(draw_err)?;
    }
    if output == Output::Svg {
        return Ok(Rendered { svg, png: None });
    }
    let mut rgb = vec![255u8; w as usize * h as usize * 3];
    {
        let root = PngBackend(BitMapBackend::with_buffer(&mut rgb, (w, h))).into_drawing_area();
        chart.draw(&root)?;
        root.present().map_err(draw_err)?;
    }
    let mut png_bytes = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut png_bytes, w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        let mut writer = enc
            .write_header()
            .map_err(|e| ChartError::Png(e.to_string()))?;
        writer
            .write_image_data(&rgb)
            .map_err(|e| ChartError::Png(e.to_string()))?;
        writer
            .finish()
            .map_err(|e| ChartError::Png(e.to_string()))?;
    }
    Ok(Rendered {
        svg,
        png: Some(png_bytes),
    })
}

// ---------------------------------------------------------------------------------------------
// All charts of a result set

/// A file-name part: ASCII letters, digits, '-' and '_'; anything else becomes '-'.
fn sanitise(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let c = if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
            c
        } else {
            '-'
        };
        if !(c == '-' && out.ends_with('-')) {
            out.push(c);
        }
    }
    let out = out.trim_matches('-');
    if out.is_empty() {
        "x".to_string()
    } else {
        out.to_string()
    }
}

/// A unique file stem: `base`, or `base-2`, `base-3`… when two names sanitise alike.
fn unique(base: String, used: &mut BTreeSet<String>) -> String {
    let mut name = base.clone();
    let mut k = 2;
    while !used.insert(name.clone()) {
        name = format!("{base}-{k}");
        k += 1;
    }
    name
}

fn write_pair(
    dir: &Path,
    stem: &str,
    chart: Rendered,
    written: &mut Vec<PathBuf>,
) -> Result<(), ChartError> {
    let files = std::iter::once((dir.join(format!("{stem}.svg")), chart.svg.into_bytes()))
        .chain(chart.png.map(|png| (dir.join(format!("{stem}.png")), png)));
    for (path, bytes) in files {
        std::fs::write(&path, bytes).map_err(|e| ChartError::Write {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
        written.push(path);
    }
    Ok(())
}

/// Writes the report charts into `out/charts/`: `trend-<theme>` (group "all" over all waves),
/// `heatmap-<lastwave>` (units × themes of the last wave) and
/// `distribution-<theme>-<lastwave>` (group "all", last wave), each as `.svg` and `.png`, their
/// words in `lang`. Returns the written paths, sorted.
pub fn write_charts(results: &Results, out: &Path, lang: Lang) -> Result<Vec<PathBuf>, ChartError> {
    let dir = out.join("charts");
    std::fs::create_dir_all(&dir).map_err(|e| ChartError::Write {
        path: dir.display().to_string(),
        message: e.to_string(),
    })?;
    let est = &results.estimates;
    let waves: BTreeSet<&str> = est.iter().map(|e| e.wave.as_str()).collect();
    let themes: BTreeSet<&str> = est.iter().map(|e| e.theme.as_str()).collect();
    let lookup: BTreeMap<(&str, &str, &Group), &crate::Estimate> = est
        .iter()
        .map(|e| ((e.wave.as_str(), e.theme.as_str(), &e.group), e))
        .collect();
    let figure = |e: &crate::Estimate| match (e.suppressed, e.index) {
        (false, Some(i)) => Some((i, e.ci_low.unwrap_or(i), e.ci_high.unwrap_or(i))),
        _ => None,
    };
    let mut written = Vec::new();
    let mut used = BTreeSet::new();

    for theme in &themes {
        // Every wave: one that did not measure the theme is a gap, like a suppressed one.
        let points: Vec<TrendPoint> = waves
            .iter()
            .map(|w| {
                let e = lookup.get(&(*w, *theme, &Group::All));
                (w.to_string(), e.and_then(|e| figure(e)))
            })
            .collect();
        let title = match lang {
            Lang::Nl => format!("{theme} — index per meting"),
            Lang::En => format!("{theme} — index by wave"),
        };
        let chart = trend_chart(&title, &points, lang, Output::SvgAndPng)?;
        let stem = unique(format!("trend-{}", sanitise(theme)), &mut used);
        write_pair(&dir, &stem, chart, &mut written)?;
    }

    if let Some(last) = waves.iter().next_back().copied() {
        let units: Vec<&str> = est
            .iter()
            .filter(|e| e.wave == last)
            .filter_map(|e| e.group.unit())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let cols: Vec<&str> = est
            .iter()
            .filter(|e| e.wave == last)
            .map(|e| e.theme.as_str())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if !units.is_empty() {
            let cells: Vec<Vec<Option<f64>>> = units
                .iter()
                .map(|u| {
                    let group = Group::Unit(u.to_string());
                    cols.iter()
                        .map(|t| {
                            lookup
                                .get(&(last, *t, &group))
                                .and_then(|e| figure(e).map(|f| f.0))
                        })
                        .collect()
                })
                .collect();
            let rows: Vec<String> = units.iter().map(|u| u.to_string()).collect();
            let col_names: Vec<String> = cols.iter().map(|t| t.to_string()).collect();
            let title = match lang {
                Lang::Nl => format!("Index per eenheid en thema, {last}"),
                Lang::En => format!("Index by unit and theme, {last}"),
            };
            let chart = heatmap_chart(&title, &rows, &col_names, &cells, lang, Output::SvgAndPng)?;
            let stem = unique(format!("heatmap-{}", sanitise(last)), &mut used);
            write_pair(&dir, &stem, chart, &mut written)?;
        }

        let mut by_theme: BTreeMap<&str, Vec<DistributionRow>> = BTreeMap::new();
        for d in &results.distributions {
            if d.wave != last || d.group != Group::All {
                continue;
            }
            let shares = match (&d.shares, d.suppressed) {
                (Some(s), false) if s.len() == 5 => Some([s[0], s[1], s[2], s[3], s[4]]),
                _ => None,
            };
            by_theme
                .entry(d.theme.as_str())
                .or_default()
                .push((d.item.clone(), shares));
        }
        for (theme, rows) in by_theme {
            let title = match lang {
                Lang::Nl => format!("{theme} — antwoordverdeling {last}"),
                Lang::En => format!("{theme} — answer distribution {last}"),
            };
            let chart = distribution_chart(&title, &rows, lang, Output::SvgAndPng)?;
            let stem = unique(
                format!("distribution-{}-{}", sanitise(theme), sanitise(last)),
                &mut used,
            );
            write_pair(&dir, &stem, chart, &mut written)?;
        }
    }
    written.sort();
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Distribution as Dist, Estimate};

    /// The SVG and PNG of a chart rendered with both.
    fn both(r: Result<Rendered, ChartError>) -> (String, Vec<u8>) {
        let r = r.unwrap();
        (r.svg, r.png.expect("a PNG was asked for"))
    }

    const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];

    fn check(svg: &str, png: &[u8], title: &str) {
        assert!(svg.trim_start().starts_with("<svg"), "{}", &svg[..80]);
        assert!(svg.trim_end().ends_with("</svg>"));
        assert!(svg.contains(title), "title missing");
        assert!(png.starts_with(&PNG_SIGNATURE));
    }

    /// Writes a preview PNG when POLSSLAG_CHART_PREVIEW names a directory.
    fn preview(name: &str, png: &[u8]) {
        if let Some(dir) = std::env::var_os("POLSSLAG_CHART_PREVIEW") {
            std::fs::write(Path::new(&dir).join(name), png).unwrap();
        }
    }

    /// The `cy` of every circle in an SVG.
    fn circle_ys(svg: &str) -> Vec<String> {
        svg.split("<circle")
            .skip(1)
            .filter_map(|c| c.split("cy=\"").nth(1))
            .filter_map(|c| c.split('"').next())
            .map(str::to_string)
            .collect()
    }

    fn waves(points: &[Option<Ci>]) -> Vec<TrendPoint> {
        points
            .iter()
            .enumerate()
            .map(|(i, p)| (format!("2024-{}", i + 1), *p))
            .collect()
    }

    #[test]
    fn trend_renders() {
        let points = waves(&[
            Some((61.2, 58.0, 64.4)),
            Some((63.5, 60.1, 66.9)),
            Some((62.0, 59.2, 64.8)),
            Some((66.8, 63.9, 69.7)),
        ]);
        let (svg, png) = both(trend_chart(
            "Werkdruk trend",
            &points,
            Lang::Nl,
            Output::SvgAndPng,
        ));
        check(&svg, &png, "Werkdruk trend");
        assert!(svg.contains("index (0–100)"));
        assert!(svg.contains("2024-4"));
        assert!(!svg.contains("geen cijfer"));
        preview("trend.png", &png);
    }

    #[test]
    fn suppressed_trend_point_is_a_gap_not_a_zero() {
        let with_gap = waves(&[
            Some((61.2, 58.0, 64.4)),
            None,
            Some((62.0, 59.2, 64.8)),
            Some((66.8, 63.9, 69.7)),
            None,
        ]);
        let (svg, png) = both(trend_chart(
            "Autonomie",
            &with_gap,
            Lang::Nl,
            Output::SvgAndPng,
        ));
        check(&svg, &png, "Autonomie");
        assert!(svg.contains("geen cijfer"));
        assert!(
            !svg.contains("onderdrukt") && !svg.contains("no figure"),
            "one language"
        );
        // The same chart with real zeros in place of the suppressed waves tells where y = 0 is.
        let zeros: Vec<_> = with_gap
            .iter()
            .map(|(w, p)| (w.clone(), Some(p.unwrap_or((0.0, 0.0, 0.0)))))
            .collect();
        let (svg0, _) = both(trend_chart(
            "Autonomie",
            &zeros,
            Lang::Nl,
            Output::SvgAndPng,
        ));
        let ys = circle_ys(&svg);
        let ys0 = circle_ys(&svg0);
        // Two circles (halo and dot) per published wave, and the one in the legend.
        assert_eq!(ys.len(), 2 * 3 + 1);
        assert_eq!(ys0.len(), 2 * 5 + 1);
        let zero_ys: BTreeSet<&String> = ys0.iter().filter(|y| !ys.contains(y)).collect();
        assert!(!zero_ys.is_empty());
        assert!(ys.iter().all(|y| !zero_ys.contains(y)));
        preview("trend-suppressed.png", &png);
    }

    #[test]
    fn heatmap_renders_with_suppressed_cells() {
        let rows: Vec<String> = ["Zorg Noord", "Zorg Zuid", "Staf", "ICT en facilitair"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let cols: Vec<String> = [
            "Werkdruk",
            "Autonomie",
            "Leidinggevende",
            "Samenwerking",
            "Ontwikkelmogelijkheden",
            "Betrokkenheid",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let cells = vec![
            vec![
                Some(42.0),
                Some(71.3),
                Some(65.0),
                Some(80.2),
                Some(55.5),
                Some(74.9),
            ],
            vec![
                Some(38.4),
                None,
                Some(58.1),
                Some(77.0),
                Some(49.0),
                Some(70.0),
            ],
            vec![
                Some(61.0),
                Some(83.0),
                Some(90.5),
                Some(85.0),
                Some(66.6),
                Some(79.4),
            ],
            vec![None, None, None, None, None, None],
        ];
        let (svg, png) = both(heatmap_chart(
            "Index per eenheid",
            &rows,
            &cols,
            &cells,
            Lang::Nl,
            Output::SvgAndPng,
        ));
        check(&svg, &png, "Index per eenheid");
        assert!(svg.contains('–'));
        assert!(svg.contains("– = geen cijfer"));
        assert!(
            !svg.contains("onderdrukt"),
            "a hidden cell looks like an empty one"
        );
        assert!(svg.contains("Zorg Noord"));
        preview("heatmap.png", &png);
    }

    #[test]
    fn distribution_renders_with_suppressed_row() {
        let rows = vec![
            (
                "Ik kan mijn werk in de beschikbare tijd afmaken".to_string(),
                Some([8.0, 21.5, 25.0, 33.5, 12.0]),
            ),
            (
                "Ik heb invloed op mijn werktempo".to_string(),
                Some([3.0, 9.0, 18.0, 45.0, 25.0]),
            ),
            ("w3".to_string(), None),
            ("w4".to_string(), Some([30.0, 30.0, 10.0, 20.0, 10.0])),
        ];
        let (svg, png) = both(distribution_chart(
            "Werkdruk verdeling",
            &rows,
            Lang::Nl,
            Output::SvgAndPng,
        ));
        check(&svg, &png, "Werkdruk verdeling");
        assert!(svg.contains("geen cijfer"));
        assert!(svg.contains("helemaal oneens"));
        assert!(svg.contains("helemaal eens"));
        assert!(!svg.contains("disagree"), "one language");
        let (en, _) = both(distribution_chart(
            "Workload",
            &rows,
            Lang::En,
            Output::SvgAndPng,
        ));
        assert!(en.contains("strongly disagree") && en.contains("no figure"));
        assert!(!en.contains("oneens"));
        preview("distribution.png", &png);
    }

    fn est(wave: &str, theme: &str, group: &str, index: Option<f64>) -> Estimate {
        Estimate {
            wave: wave.into(),
            theme: theme.into(),
            group: Group::parse(group).expect("a group"),
            n: 40,
            mean: index.map(|i| 1.0 + i / 25.0),
            index,
            pct_favourable: index,
            se: index.map(|_| 1.5),
            ci_low: index.map(|i| i - 3.0),
            ci_high: index.map(|i| i + 3.0),
            n_eff: index.map(|_| 38.0),
            alpha: None,
            suppressed: index.is_none(),
        }
    }

    #[test]
    fn write_charts_writes_the_expected_files() {
        let mut estimates = Vec::new();
        for wave in ["2024-1", "2025-1"] {
            for theme in ["werkdruk", "Leiding & steun"] {
                estimates.push(est(wave, theme, "all", Some(60.0)));
                estimates.push(est(wave, theme, "unit=A", Some(55.0)));
                estimates.push(est(wave, theme, "unit=B", None));
            }
        }
        let distributions = vec![
            Dist {
                wave: "2025-1".into(),
                item: "w1".into(),
                theme: "werkdruk".into(),
                group: Group::All,
                n: 40,
                shares: Some(vec![10.0, 20.0, 30.0, 25.0, 15.0]),
                suppressed: false,
            },
            Dist {
                wave: "2025-1".into(),
                item: "w2".into(),
                theme: "werkdruk".into(),
                group: Group::All,
                n: 4,
                shares: None,
                suppressed: true,
            },
            // Other waves and groups are not drawn.
            Dist {
                wave: "2024-1".into(),
                item: "l1".into(),
                theme: "Leiding & steun".into(),
                group: Group::All,
                n: 40,
                shares: Some(vec![10.0, 20.0, 30.0, 25.0, 15.0]),
                suppressed: false,
            },
        ];
        let results = Results {
            estimates,
            distributions,
            ..Results::default()
        };
        let out = std::env::temp_dir().join(format!("polsslag-charts-{}", std::process::id()));
        let paths = write_charts(&results, &out, Lang::Nl).unwrap();
        let names: Vec<String> = paths
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            [
                "distribution-werkdruk-2025-1.png",
                "distribution-werkdruk-2025-1.svg",
                "heatmap-2025-1.png",
                "heatmap-2025-1.svg",
                "trend-Leiding-steun.png",
                "trend-Leiding-steun.svg",
                "trend-werkdruk.png",
                "trend-werkdruk.svg",
            ]
        );
        for p in &paths {
            assert!(p.starts_with(out.join("charts")));
            assert!(std::fs::metadata(p).unwrap().len() > 100);
        }
        std::fs::remove_dir_all(&out).unwrap();
    }

    #[test]
    fn an_svg_alone_is_drawn_without_a_png_and_in_the_language_asked() {
        let points = waves(&[Some((61.2, 58.0, 64.4)), None, Some((62.0, 59.2, 64.8))]);
        let r = trend_chart("Workload", &points, Lang::En, Output::Svg).unwrap();
        assert!(r.png.is_none());
        assert!(r.svg.contains("no figure") && r.svg.contains("95% confidence interval"));
        assert!(!r.svg.contains("geen cijfer") && !r.svg.contains("meting"));
    }

    #[test]
    fn a_wave_that_did_not_measure_a_theme_looks_like_a_suppressed_one() {
        // werkdruk: suppressed in 2024-1, measured in 2025-1, not measured in 2026-1.
        let estimates = vec![
            est("2024-1", "werkdruk", "all", None),
            est("2025-1", "werkdruk", "all", Some(60.0)),
            est("2026-1", "autonomie", "all", Some(70.0)),
        ];
        let results = Results {
            estimates,
            ..Results::default()
        };
        let out = std::env::temp_dir().join(format!("polsslag-gap-{}", std::process::id()));
        write_charts(&results, &out, Lang::Nl).unwrap();
        let svg = std::fs::read_to_string(out.join("charts/trend-werkdruk.svg")).unwrap();
        std::fs::remove_dir_all(&out).unwrap();
        assert!(svg.contains("2026-1"), "every wave is on the axis");
        // One marker text per missing wave, plus the legend's.
        assert_eq!(svg.matches("geen cijfer").count(), 3, "{svg}");
    }

    #[test]
    fn file_names_are_sanitised() {
        assert_eq!(sanitise("Leiding & steun"), "Leiding-steun");
        assert_eq!(sanitise("2025/voorjaar"), "2025-voorjaar");
        assert_eq!(sanitise("ontwikkel_kansen-1"), "ontwikkel_kansen-1");
        assert_eq!(sanitise("één"), "n");
        assert_eq!(sanitise("///"), "x");
        let mut used = BTreeSet::new();
        assert_eq!(unique("a".into(), &mut used), "a");
        assert_eq!(unique("a".into(), &mut used), "a-2");
    }

    #[test]
    fn chart_error_converts_to_analysis_error() {
        let e: AnalysisError = ChartError::Font.into();
        assert!(e.to_string().contains("font cannot be loaded"));
    }
}
