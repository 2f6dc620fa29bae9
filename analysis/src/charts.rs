//! Report charts (SVG and PNG) with `plotters`: index trends with their 95% confidence band, a
//! heatmap of units × themes and diverging stacked bars of answer distributions.
//!
//! Every chart is drawn once by generic code ([`Chart::draw`]) for any `DrawingBackend`, so the
//! SVG and the PNG always show the same thing. Text is set in the embedded DejaVu Sans (see
//! `assets/fonts/LICENSE-DejaVu.txt`), registered with plotters' `ab_glyph` renderer under the
//! family name `sans-serif`: the PNG never depends on system fonts and the SVG names a generic
//! family every viewer has.
//!
//! Suppressed figures are never drawn as values: a suppressed wave is a gap in the trend line
//! with a grey marker on the axis, a suppressed heatmap cell is grey and hatched with "–", a
//! suppressed distribution is the text "onderdrukt / suppressed" instead of a bar.

use crate::{AnalysisError, Group, Results};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_backend::{BackendColor, BackendCoord, DrawingErrorKind};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

static REGULAR: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf");
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

/// A number the Dutch way: decimal comma.
fn nl(v: f64, decimals: usize) -> String {
    format!("{v:.decimals$}").replace('.', ",")
}

/// One chart, drawn by the same code on the SVG and the bitmap backend.
trait Chart {
    fn size(&self) -> (u32, u32);
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), ChartError>;
}

fn render<C: Chart>(chart: &C) -> Result<(String, Vec<u8>), ChartError> {
    fonts()?;
    let (w, h) = chart.size();
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
        chart.draw(&root)?;
        root.present().map_err(draw_err)?;
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
    Ok((svg, png_bytes))
}

// ---------------------------------------------------------------------------------------------
// The bitmap backend, with text set glyph by glyph

fn glyph_font(style: FontStyle) -> &'static ab_glyph::FontRef<'static> {
    static FONTS: OnceLock<[ab_glyph::FontRef<'static>; 2]> = OnceLock::new();
    let fonts = FONTS.get_or_init(|| {
        // Both fonts were parsed by `fonts()` before anything is drawn.
        [
            ab_glyph::FontRef::try_from_slice(REGULAR).expect("embedded DejaVu Sans"),
            ab_glyph::FontRef::try_from_slice(BOLD).expect("embedded DejaVu Sans Bold"),
        ]
    });
    match style {
        FontStyle::Bold => &fonts[1],
        _ => &fonts[0],
    }
}

/// `BitMapBackend` with its own text rendering: plotters 0.3.7 places each glyph without its
/// side bearing, which gives visibly uneven letter spacing. Layout (size, anchors, rotation) is
/// the same as plotters' so the measured text sizes stay right.
struct PngBackend<'a>(BitMapBackend<'a>);

impl DrawingBackend for PngBackend<'_> {
    type ErrorType = <BitMapBackend<'static> as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.0.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.present()
    }
    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_pixel(point, color)
    }
    fn draw_line<S: plotters_backend::BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_line(from, to, style)
    }
    fn draw_rect<S: plotters_backend::BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_rect(upper_left, bottom_right, style, fill)
    }
    fn draw_path<S: plotters_backend::BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_path(path, style)
    }
    fn draw_circle<S: plotters_backend::BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: plotters_backend::BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.fill_polygon(vert, style)
    }
    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.blit_bitmap(pos, size, src)
    }

    fn draw_text<S: plotters_backend::BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        use ab_glyph::{Font, ScaleFont};
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let ((min_x, min_y), (max_x, max_y)) = style
            .layout_box(text)
            .map_err(|e| DrawingErrorKind::FontError(Box::new(e)))?;
        let (width, height) = (max_x - min_x, max_y - min_y);
        let dx = match style.anchor().h_pos {
            HPos::Left => 0,
            HPos::Right => -width,
            HPos::Center => -width / 2,
        };
        let dy = match style.anchor().v_pos {
            VPos::Top => 0,
            VPos::Center => -height / 2,
            VPos::Bottom => -height,
        };
        let size = style.size() as f32;
        let font = glyph_font(style.style()).as_scaled(size);
        let trans = style.transform();
        // plotters' convention: the baseline half a font size below the top of the layout box.
        let baseline = size / 2.0;
        let mut x = 0f32;
        let mut prev = None;
        let mut pixels = Vec::new();
        for c in text.chars() {
            let id = font.glyph_id(c);
            if let Some(p) = prev {
                x += font.kern(p, id);
            }
            prev = Some(id);
            let glyph = id.with_scale_and_position(size, ab_glyph::point(x, baseline));
            if let Some(outline) = font.outline_glyph(glyph) {
                let b = outline.px_bounds();
                outline.draw(|gx, gy, cov| {
                    pixels.push((b.min.x as i32 + gx as i32, b.min.y as i32 + gy as i32, cov))
                });
            }
            x += font.h_advance(id);
        }
        for (gx, gy, cov) in pixels {
            let (tx, ty) = trans.transform(gx + dx - min_x, gy + dy - min_y);
            let c = BackendColor {
                alpha: color.alpha * f64::from(cov.min(1.0)),
                rgb: color.rgb,
            };
            self.0.draw_pixel((pos.0 + tx, pos.1 + ty), c)?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Drawing helpers (pixel coordinates on the root area)

fn put<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    s: &str,
    style: &TextStyle,
    at: (i32, i32),
) -> Result<(), ChartError> {
    root.draw(&Text::new(s.to_string(), at, style.clone()))
        .map_err(draw_err)
}

fn width_of<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    s: &str,
    style: &TextStyle,
) -> Result<i32, ChartError> {
    Ok(root.estimate_text_size(s, style).map_err(draw_err)?.0 as i32)
}

/// `s`, shortened with "…" until it fits in `max` pixels.
fn fit<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    s: &str,
    style: &TextStyle,
    max: i32,
) -> Result<String, ChartError> {
    if width_of(root, s, style)? <= max {
        return Ok(s.to_string());
    }
    let mut chars: Vec<char> = s.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let t = format!("{}…", chars.iter().collect::<String>().trim_end());
        if width_of(root, &t, style)? <= max {
            return Ok(t);
        }
    }
    Ok("…".to_string())
}

/// `s` on at most two lines of at most `max` pixels (broken at spaces, else shortened).
fn wrap2<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    s: &str,
    style: &TextStyle,
    max: i32,
) -> Result<Vec<String>, ChartError> {
    if width_of(root, s, style)? <= max {
        return Ok(vec![s.to_string()]);
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    // The longest first line that fits; the rest goes on the second.
    for split in (1..words.len()).rev() {
        let first = words[..split].join(" ");
        if width_of(root, &first, style)? <= max {
            let second = fit(root, &words[split..].join(" "), style, max)?;
            return Ok(vec![first, second]);
        }
    }
    Ok(vec![fit(root, s, style, max)?])
}

fn rect<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    a: (i32, i32),
    b: (i32, i32),
    style: ShapeStyle,
) -> Result<(), ChartError> {
    root.draw(&Rectangle::new([a, b], style)).map_err(draw_err)
}

fn line<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    a: (i32, i32),
    b: (i32, i32),
    style: ShapeStyle,
) -> Result<(), ChartError> {
    root.draw(&PathElement::new(vec![a, b], style))
        .map_err(draw_err)
}

/// A light grey box with diagonal hatching: the mark of a suppressed figure.
fn hatched<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    (x0, y0): (i32, i32),
    (x1, y1): (i32, i32),
) -> Result<(), ChartError> {
    rect(root, (x0, y0), (x1, y1), SUPP_FILL.filled())?;
    let (w, h) = (x1 - x0, y1 - y0);
    let mut c = -h;
    while c < w {
        // The line x = c + t, y = t, clipped to the box.
        let t0 = 0.max(-c);
        let t1 = h.min(w - c);
        if t0 < t1 {
            line(
                root,
                (x0 + c + t0, y0 + t0),
                (x0 + c + t1, y0 + t1),
                SUPP_HATCH.stroke_width(1),
            )?;
        }
        c += 8;
    }
    Ok(())
}

fn diamond<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    (x, y): (i32, i32),
    r: i32,
) -> Result<(), ChartError> {
    let pts = vec![(x, y - r), (x + r, y), (x, y + r), (x - r, y)];
    root.draw(&Polygon::new(pts.clone(), WHITE.filled()))
        .map_err(draw_err)?;
    let mut outline = pts;
    outline.push((x, y - r));
    root.draw(&PathElement::new(outline, SUPP_MARK.stroke_width(2)))
        .map_err(draw_err)
}

enum Swatch {
    Fill(RGBColor),
    Line(RGBColor),
    Band(RGBColor),
    Marker,
}

struct LegendItem {
    swatch: Swatch,
    label: String,
    /// A second, smaller line (the English translation).
    sub: Option<String>,
}

fn item(swatch: Swatch, label: &str, sub: Option<&str>) -> LegendItem {
    LegendItem {
        swatch,
        label: label.to_string(),
        sub: sub.map(str::to_string),
    }
}

/// A horizontal legend centred on `cx`, its first text line centred on `y`.
fn legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    items: &[LegendItem],
    cx: i32,
    y: i32,
) -> Result<(), ChartError> {
    let main = anchored(text(13.0, INK), HPos::Left, VPos::Center);
    let sub = anchored(text(11.0, MUTED), HPos::Left, VPos::Center);
    const SW: i32 = 22;
    const GAP: i32 = 7;
    const SEP: i32 = 26;
    let mut widths = Vec::new();
    for it in items {
        let mut w = width_of(root, &it.label, &main)?;
        if let Some(s) = &it.sub {
            w = w.max(width_of(root, s, &sub)?);
        }
        widths.push(SW + GAP + w);
    }
    let total: i32 = widths.iter().sum::<i32>() + SEP * (items.len() as i32 - 1).max(0);
    let mut x = cx - total / 2;
    for (it, w) in items.iter().zip(widths) {
        let (a, b) = ((x, y - 7), (x + SW, y + 7));
        match it.swatch {
            Swatch::Fill(c) => rect(root, a, b, c.filled())?,
            Swatch::Band(c) => rect(root, a, b, c.mix(0.18).filled())?,
            Swatch::Line(c) => {
                line(root, (x, y), (x + SW, y), c.stroke_width(3))?;
                root.draw(&Circle::new((x + SW / 2, y), 4, c.filled()))
                    .map_err(draw_err)?;
            }
            Swatch::Marker => diamond(root, (x + SW / 2, y), 6)?,
        }
        put(root, &it.label, &main, (x + SW + GAP, y))?;
        if let Some(s) = &it.sub {
            put(root, s, &sub, (x + SW + GAP, y + 15))?;
        }
        x += w + SEP;
    }
    Ok(())
}

fn title<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    s: &str,
    width: u32,
) -> Result<(), ChartError> {
    let style = anchored(bold(19.0, INK), HPos::Center, VPos::Center);
    let s = fit(root, s, &style, width as i32 - 40)?;
    put(root, &s, &style, (width as i32 / 2, 26))
}

// ---------------------------------------------------------------------------------------------
// Trend

struct Trend<'a> {
    title: &'a str,
    points: &'a [TrendPoint],
}

impl Chart for Trend<'_> {
    fn size(&self) -> (u32, u32) {
        (WIDTH, 500)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let (w, _) = self.size();
        root.fill(&WHITE).map_err(draw_err)?;
        title(root, self.title, w)?;
        let any_suppressed = self.points.iter().any(|p| p.1.is_none());
        let mut items = vec![
            item(Swatch::Line(LINE), "index", None),
            item(
                Swatch::Band(LINE),
                "95%-betrouwbaarheidsinterval / 95% confidence interval",
                None,
            ),
        ];
        if any_suppressed {
            items.push(item(Swatch::Marker, "onderdrukt / suppressed", None));
        }
        legend(root, &items, w as i32 / 2, 58)?;

        let n = self.points.len().max(1);
        let mut chart = ChartBuilder::on(root)
            .margin_top(78)
            .margin_right(30)
            .margin_left(12)
            .margin_bottom(8)
            .x_label_area_size(70)
            .y_label_area_size(64)
            .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), 0f64..100f64)
            .map_err(draw_err)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(0)
            .y_labels(11)
            .y_label_formatter(&|v| format!("{v:.0}"))
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID.stroke_width(1))
            .axis_style(AXIS.stroke_width(1))
            .label_style(text(13.0, INK))
            .axis_desc_style(text(14.0, INK))
            .y_desc("index (0–100)")
            .x_desc("meting / wave")
            .draw()
            .map_err(draw_err)?;

        let slot = {
            let (a, _) = chart.backend_coord(&(0.0, 0.0));
            let (b, _) = chart.backend_coord(&(1.0, 0.0));
            (b - a).max(20)
        };

        // Suppressed waves: a light column, so the gap reads as intended.
        for (i, (_, p)) in self.points.iter().enumerate() {
            if p.is_none() {
                let x = i as f64;
                chart
                    .draw_series(std::iter::once(Rectangle::new(
                        [(x - 0.3, 0.0), (x + 0.3, 100.0)],
                        SUPP_FILL.mix(0.7).filled(),
                    )))
                    .map_err(draw_err)?;
            }
        }

        // Runs of consecutive published waves: band and line never cross a suppressed wave.
        let mut runs: Vec<Vec<(f64, Ci)>> = Vec::new();
        let mut current = Vec::new();
        for (i, (_, p)) in self.points.iter().enumerate() {
            match p {
                Some(v) => current.push((i as f64, *v)),
                None => {
                    if !current.is_empty() {
                        runs.push(std::mem::take(&mut current));
                    }
                }
            }
        }
        if !current.is_empty() {
            runs.push(current);
        }
        for run in &runs {
            if run.len() >= 2 {
                let mut band: Vec<(f64, f64)> = run.iter().map(|(x, v)| (*x, v.2)).collect();
                band.extend(run.iter().rev().map(|(x, v)| (*x, v.1)));
                chart
                    .draw_series(std::iter::once(Polygon::new(band, LINE.mix(0.18).filled())))
                    .map_err(draw_err)?;
                chart
                    .draw_series(std::iter::once(PathElement::new(
                        run.iter().map(|(x, v)| (*x, v.0)).collect::<Vec<_>>(),
                        LINE.stroke_width(3),
                    )))
                    .map_err(draw_err)?;
            } else {
                // A lone wave: its interval as a whisker.
                let (x, (_, lo, hi)) = run[0];
                let style = LINE.mix(0.45).stroke_width(2);
                chart
                    .draw_series([
                        PathElement::new(vec![(x, lo), (x, hi)], style),
                        PathElement::new(vec![(x - 0.06, lo), (x + 0.06, lo)], style),
                        PathElement::new(vec![(x - 0.06, hi), (x + 0.06, hi)], style),
                    ])
                    .map_err(draw_err)?;
            }
        }
        let value_style = anchored(bold(12.0, INK), HPos::Center, VPos::Bottom);
        for run in &runs {
            for (x, (idx, _, hi)) in run {
                let (px, py) = chart.backend_coord(&(*x, *idx));
                root.draw(&Circle::new((px, py), 6, WHITE.filled()))
                    .map_err(draw_err)?;
                root.draw(&Circle::new((px, py), 4, LINE.filled()))
                    .map_err(draw_err)?;
                // Above the interval, so the label never sits on the band or the whisker.
                let (_, py_hi) = chart.backend_coord(&(*x, hi.max(*idx)));
                put(
                    root,
                    &nl(*idx, 1),
                    &value_style,
                    (px, py_hi.min(py - 9) - 5),
                )?;
            }
        }

        // Wave labels under the axis, and the suppressed marker on it.
        let label_style = anchored(text(13.0, INK), HPos::Center, VPos::Top);
        let supp_style = anchored(text(12.0, MUTED), HPos::Center, VPos::Top);
        for (i, (wave, p)) in self.points.iter().enumerate() {
            let (px, py) = chart.backend_coord(&(i as f64, 0.0));
            line(root, (px, py), (px, py + 5), AXIS.stroke_width(1))?;
            let label = fit(root, wave, &label_style, slot - 6)?;
            put(root, &label, &label_style, (px, py + 9))?;
            if p.is_none() {
                diamond(root, (px, py), 6)?;
                let s = fit(root, "onderdrukt", &supp_style, slot - 4)?;
                put(root, &s, &supp_style, (px, py + 27))?;
            }
        }
        Ok(())
    }
}

/// The index of one theme over the waves, with its 95% confidence band. `points` holds per wave
/// (in order) `Some((index, ci_low, ci_high))`, or `None` when the wave is suppressed: a gap in
/// line and band with a grey marker and "onderdrukt" on the axis, never a zero.
pub fn trend_chart(title: &str, points: &[TrendPoint]) -> Result<(String, Vec<u8>), ChartError> {
    render(&Trend { title, points })
}

// ---------------------------------------------------------------------------------------------
// Heatmap

/// The colour of an index on 0–100: red (low) through pale yellow to blue (high).
fn scale_colour(v: f64) -> RGBColor {
    const STOPS: [(f64, (f64, f64, f64)); 7] = [
        (0.0, (165.0, 0.0, 38.0)),
        (20.0, (215.0, 48.0, 39.0)),
        (40.0, (253.0, 174.0, 97.0)),
        (50.0, (255.0, 242.0, 175.0)),
        (60.0, (171.0, 217.0, 233.0)),
        (80.0, (69.0, 117.0, 180.0)),
        (100.0, (49.0, 54.0, 149.0)),
    ];
    let v = v.clamp(0.0, 100.0);
    let mut k = 0;
    while k + 2 < STOPS.len() && v > STOPS[k + 1].0 {
        k += 1;
    }
    let (a, ca) = STOPS[k];
    let (b, cb) = STOPS[k + 1];
    let t = ((v - a) / (b - a)).clamp(0.0, 1.0);
    let mix = |x: f64, y: f64| (x + (y - x) * t).round() as u8;
    RGBColor(mix(ca.0, cb.0), mix(ca.1, cb.1), mix(ca.2, cb.2))
}

fn is_dark(c: RGBColor) -> bool {
    let l = 0.2126 * f64::from(c.0) + 0.7152 * f64::from(c.1) + 0.0722 * f64::from(c.2);
    l < 140.0
}

struct Heatmap<'a> {
    title: &'a str,
    rows: &'a [String],
    cols: &'a [String],
    cells: &'a [Vec<Option<f64>>],
}

const HM_TOP: i32 = 56;
const HM_HEADER: i32 = 46;
const HM_ROW: i32 = 36;

impl Chart for Heatmap<'_> {
    fn size(&self) -> (u32, u32) {
        let w = WIDTH.max(260 + 30 + 72 * self.cols.len() as u32);
        let h = (HM_TOP + HM_HEADER + HM_ROW * self.rows.len() as i32 + 118) as u32;
        (w, h.max(300))
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let (w, _) = self.size();
        let w = w as i32;
        root.fill(&WHITE).map_err(draw_err)?;
        title(root, self.title, w as u32)?;

        let row_style = anchored(text(13.0, INK), HPos::Right, VPos::Center);
        let mut left = 80;
        for r in self.rows {
            left = left.max(width_of(root, r, &row_style)? + 24);
        }
        let left = left.min(260);
        let right = w - 30;
        let ncols = self.cols.len().max(1) as i32;
        let col_w = (right - left) / ncols;
        let grid_top = HM_TOP + HM_HEADER;

        let head_style = anchored(bold(12.0, INK), HPos::Center, VPos::Bottom);
        for (j, c) in self.cols.iter().enumerate() {
            let cx = left + col_w * j as i32 + col_w / 2;
            let lines = wrap2(root, c, &head_style, col_w - 8)?;
            let n = lines.len() as i32;
            for (k, l) in lines.iter().enumerate() {
                put(
                    root,
                    l,
                    &head_style,
                    (cx, grid_top - 6 - 15 * (n - 1 - k as i32)),
                )?;
            }
        }

        let value_dark = anchored(text(13.0, INK), HPos::Center, VPos::Center);
        let value_light = anchored(text(13.0, WHITE), HPos::Center, VPos::Center);
        let dash = anchored(bold(20.0, RGBColor(90, 90, 90)), HPos::Center, VPos::Center);
        for (i, r) in self.rows.iter().enumerate() {
            let y0 = grid_top + HM_ROW * i as i32;
            let label = fit(root, r, &row_style, left - 24)?;
            put(root, &label, &row_style, (left - 10, y0 + HM_ROW / 2))?;
            for j in 0..self.cols.len() {
                let x0 = left + col_w * j as i32;
                let (a, b) = ((x0 + 1, y0 + 1), (x0 + col_w - 1, y0 + HM_ROW - 1));
                let centre = (x0 + col_w / 2, y0 + HM_ROW / 2);
                match self
                    .cells
                    .get(i)
                    .and_then(|row| row.get(j))
                    .copied()
                    .flatten()
                {
                    Some(v) => {
                        let c = scale_colour(v);
                        rect(root, a, b, c.filled())?;
                        let style = if is_dark(c) {
                            &value_light
                        } else {
                            &value_dark
                        };
                        put(root, &nl(v, 0), style, centre)?;
                    }
                    None => {
                        hatched(root, a, b)?;
                        put(root, "–", &dash, centre)?;
                    }
                }
            }
        }

        // Legend: the colour bar, then the suppression mark.
        let grid_bottom = grid_top + HM_ROW * self.rows.len() as i32;
        let bar_x = left;
        let bar_w = 300;
        let bar_y = grid_bottom + 34;
        put(
            root,
            "index (0–100): laag / low → hoog / high",
            &anchored(text(12.0, INK), HPos::Left, VPos::Bottom),
            (bar_x, bar_y - 5),
        )?;
        for k in 0..bar_w {
            let v = f64::from(k) / f64::from(bar_w - 1) * 100.0;
            rect(
                root,
                (bar_x + k, bar_y),
                (bar_x + k + 1, bar_y + 12),
                scale_colour(v).filled(),
            )?;
        }
        let tick_style = anchored(text(11.0, MUTED), HPos::Center, VPos::Top);
        for t in [0, 25, 50, 75, 100] {
            let x = bar_x + t * (bar_w - 1) / 100;
            line(root, (x, bar_y + 12), (x, bar_y + 16), AXIS.stroke_width(1))?;
            put(root, &t.to_string(), &tick_style, (x, bar_y + 18))?;
        }
        let sy = bar_y + 52;
        hatched(root, (bar_x, sy - 8), (bar_x + 26, sy + 8))?;
        put(
            root,
            "–",
            &anchored(bold(13.0, MUTED), HPos::Center, VPos::Center),
            (bar_x + 13, sy),
        )?;
        put(
            root,
            "– = onderdrukt (te weinig respondenten) / suppressed (too few respondents)",
            &anchored(text(12.0, INK), HPos::Left, VPos::Center),
            (bar_x + 34, sy),
        )?;
        Ok(())
    }
}

/// Units (rows) × themes (columns) coloured by index on 0–100 with the value in each cell;
/// `None` cells are suppressed (grey, hatched, "–").
pub fn heatmap_chart(
    title: &str,
    rows: &[String],
    cols: &[String],
    cells: &[Vec<Option<f64>>],
) -> Result<(String, Vec<u8>), ChartError> {
    render(&Heatmap {
        title,
        rows,
        cols,
        cells,
    })
}

// ---------------------------------------------------------------------------------------------
// Distribution

struct Distribution<'a> {
    title: &'a str,
    rows: &'a [DistributionRow],
}

const DS_TOP: i32 = 112;
const DS_ROW: i32 = 40;

impl Chart for Distribution<'_> {
    fn size(&self) -> (u32, u32) {
        let h = DS_TOP + DS_ROW * self.rows.len() as i32 + 70;
        (WIDTH, (h as u32).max(320))
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let (w, _) = self.size();
        let w = w as i32;
        root.fill(&WHITE).map_err(draw_err)?;
        title(root, self.title, w as u32)?;
        let items: Vec<LegendItem> = (0..5)
            .map(|k| {
                item(
                    Swatch::Fill(SCALE[k]),
                    &format!("{} {}", k + 1, SCALE_NL[k]),
                    Some(SCALE_EN[k]),
                )
            })
            .collect();
        legend(root, &items, w / 2, 60)?;

        let label_style = anchored(text(13.0, INK), HPos::Right, VPos::Center);
        let mut left = 100;
        for (l, _) in self.rows {
            left = left.max(width_of(root, l, &label_style)? + 24);
        }
        let left = left.min(300);
        // Room for the totals beside the bars.
        let x0 = left + 44;
        let x1 = w - 54;
        let zero = (x0 + x1) / 2;
        let half = f64::from((x1 - x0) / 2);
        let px = |pct: f64| zero + (pct.clamp(-100.0, 100.0) / 100.0 * half).round() as i32;

        let top = DS_TOP;
        let bottom = top + DS_ROW * self.rows.len() as i32;
        let tick_style = anchored(text(12.0, MUTED), HPos::Center, VPos::Top);
        for t in [-100i32, -50, 0, 50, 100] {
            let x = px(f64::from(t));
            let style = if t == 0 {
                AXIS.stroke_width(1)
            } else {
                GRID.stroke_width(1)
            };
            line(root, (x, top - 4), (x, bottom + 4), style)?;
            let s = if t == 0 {
                "0".to_string()
            } else {
                format!("{}%", t.abs())
            };
            put(root, &s, &tick_style, (x, bottom + 8))?;
        }
        put(
            root,
            "← oneens / disagree · percentage respondenten / % of respondents · eens / agree →",
            &anchored(text(12.0, INK), HPos::Center, VPos::Top),
            (zero, bottom + 28),
        )?;

        let bar_h = DS_ROW * 3 / 5;
        let seg_dark = anchored(text(11.0, WHITE), HPos::Center, VPos::Center);
        let seg_light = anchored(text(11.0, INK), HPos::Center, VPos::Center);
        let total_left = anchored(bold(12.0, SCALE[0]), HPos::Right, VPos::Center);
        let total_right = anchored(bold(12.0, SCALE[4]), HPos::Left, VPos::Center);
        let supp_style = anchored(text(13.0, MUTED), HPos::Center, VPos::Center);
        for (i, (label, shares)) in self.rows.iter().enumerate() {
            let cy = top + DS_ROW * i as i32 + DS_ROW / 2;
            let lines = wrap2(root, label, &label_style, left - 24)?;
            let n = lines.len() as i32;
            for (k, l) in lines.iter().enumerate() {
                put(
                    root,
                    l,
                    &label_style,
                    (left - 10, cy + 15 * k as i32 - 15 * (n - 1) / 2),
                )?;
            }
            let Some(s) = shares else {
                let s = "onderdrukt / suppressed";
                let half_w = width_of(root, s, &supp_style)? / 2 + 8;
                rect(
                    root,
                    (zero - half_w, cy - 10),
                    (zero + half_w, cy + 10),
                    WHITE.filled(),
                )?;
                put(root, s, &supp_style, (zero, cy))?;
                continue;
            };
            let (ya, yb) = (cy - bar_h / 2, cy + bar_h / 2);
            // Segments from the outer left edge to the outer right edge.
            let start = -(s[0] + s[1] + s[2] / 2.0);
            let mut at = start;
            for (k, share) in s.iter().enumerate() {
                let (a, b) = (px(at), px(at + share));
                at += share;
                if b > a {
                    rect(root, (a, ya), (b, yb), SCALE[k].filled())?;
                }
                if b - a >= 30 {
                    let style = if k == 0 || k == 4 {
                        &seg_dark
                    } else {
                        &seg_light
                    };
                    put(
                        root,
                        &format!("{}%", nl(*share, 0)),
                        style,
                        ((a + b) / 2, cy),
                    )?;
                }
            }
            put(
                root,
                &format!("{}%", nl(s[0] + s[1], 0)),
                &total_left,
                (px(start) - 6, cy),
            )?;
            put(
                root,
                &format!("{}%", nl(s[3] + s[4], 0)),
                &total_right,
                (px(at) + 6, cy),
            )?;
        }
        Ok(())
    }
}

/// Diverging stacked bars of 5-point answer distributions (shares in %, points 1…5): 1–2 left
/// of zero, 3 split around zero, 4–5 right. A `None` row reads "onderdrukt / suppressed".
pub fn distribution_chart(
    title: &str,
    rows: &[DistributionRow],
) -> Result<(String, Vec<u8>), ChartError> {
    render(&Distribution { title, rows })
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
    (svg, png): (String, Vec<u8>),
    written: &mut Vec<PathBuf>,
) -> Result<(), ChartError> {
    for (path, bytes) in [
        (dir.join(format!("{stem}.svg")), svg.into_bytes()),
        (dir.join(format!("{stem}.png")), png),
    ] {
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
/// `distribution-<theme>-<lastwave>` (group "all", last wave), each as `.svg` and `.png`.
/// Returns the written paths, sorted.
pub fn write_charts(results: &Results, out: &Path) -> Result<Vec<PathBuf>, ChartError> {
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
        // Only waves that measured the theme; a suppressed one stays as a gap.
        let points: Vec<TrendPoint> = waves
            .iter()
            .filter_map(|w| {
                lookup
                    .get(&(*w, *theme, &Group::All))
                    .map(|e| (w.to_string(), figure(e)))
            })
            .collect();
        if points.is_empty() {
            continue;
        }
        let chart = trend_chart(
            &format!("{theme} — index per meting / index by wave"),
            &points,
        )?;
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
            let chart = heatmap_chart(
                &format!("Index per eenheid en thema, {last} / index by unit and theme"),
                &rows,
                &col_names,
                &cells,
            )?;
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
            let chart = distribution_chart(
                &format!("{theme} — antwoordverdeling {last} / answer distribution"),
                &rows,
            )?;
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
        let (svg, png) = trend_chart("Werkdruk trend", &points).unwrap();
        check(&svg, &png, "Werkdruk trend");
        assert!(svg.contains("index (0–100)"));
        assert!(svg.contains("2024-4"));
        assert!(!svg.contains("onderdrukt"));
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
        let (svg, png) = trend_chart("Autonomie", &with_gap).unwrap();
        check(&svg, &png, "Autonomie");
        assert!(svg.contains("onderdrukt"));
        assert!(svg.contains("onderdrukt / suppressed"));
        // The same chart with real zeros in place of the suppressed waves tells where y = 0 is.
        let zeros: Vec<_> = with_gap
            .iter()
            .map(|(w, p)| (w.clone(), Some(p.unwrap_or((0.0, 0.0, 0.0)))))
            .collect();
        let (svg0, _) = trend_chart("Autonomie", &zeros).unwrap();
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
        let (svg, png) = heatmap_chart("Index per eenheid", &rows, &cols, &cells).unwrap();
        check(&svg, &png, "Index per eenheid");
        assert!(svg.contains('–'));
        assert!(svg.contains("onderdrukt (te weinig respondenten)"));
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
        let (svg, png) = distribution_chart("Werkdruk verdeling", &rows).unwrap();
        check(&svg, &png, "Werkdruk verdeling");
        assert!(svg.contains("onderdrukt / suppressed"));
        assert!(svg.contains("helemaal oneens"));
        assert!(svg.contains("helemaal eens"));
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
        let paths = write_charts(&results, &out).unwrap();
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
