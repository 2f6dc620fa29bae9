//! Drawing helpers shared by every chart: text that fits, rectangles, lines, hatching,
//! markers, the legend and the title.

use super::*;

pub(super) fn put<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    s: &str,
    style: &TextStyle,
    at: (i32, i32),
) -> Result<(), ChartError> {
    root.draw(&Text::new(s.to_string(), at, style.clone()))
        .map_err(draw_err)
}

pub(super) fn width_of<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    s: &str,
    style: &TextStyle,
) -> Result<i32, ChartError> {
    Ok(root.estimate_text_size(s, style).map_err(draw_err)?.0 as i32)
}

/// `s`, shortened with "…" until it fits in `max` pixels.
pub(super) fn fit<DB: DrawingBackend>(
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
pub(super) fn wrap2<DB: DrawingBackend>(
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

pub(super) fn rect<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    a: (i32, i32),
    b: (i32, i32),
    style: ShapeStyle,
) -> Result<(), ChartError> {
    root.draw(&Rectangle::new([a, b], style)).map_err(draw_err)
}

pub(super) fn line<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    a: (i32, i32),
    b: (i32, i32),
    style: ShapeStyle,
) -> Result<(), ChartError> {
    root.draw(&PathElement::new(vec![a, b], style))
        .map_err(draw_err)
}

/// A light grey box with diagonal hatching: the mark of a suppressed figure.
pub(super) fn hatched<DB: DrawingBackend>(
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

pub(super) fn diamond<DB: DrawingBackend>(
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

pub(super) enum Swatch {
    Fill(RGBColor),
    Line(RGBColor),
    Band(RGBColor),
    Marker,
}

pub(super) struct LegendItem {
    swatch: Swatch,
    label: String,
    /// A second, smaller line (the English translation).
    sub: Option<String>,
}

pub(super) fn item(swatch: Swatch, label: &str, sub: Option<&str>) -> LegendItem {
    LegendItem {
        swatch,
        label: label.to_string(),
        sub: sub.map(str::to_string),
    }
}

/// A horizontal legend centred on `cx`, its first text line centred on `y`.
pub(super) fn legend<DB: DrawingBackend>(
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

pub(super) fn title<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    s: &str,
    width: u32,
) -> Result<(), ChartError> {
    let style = anchored(bold(19.0, INK), HPos::Center, VPos::Center);
    let s = fit(root, s, &style, width as i32 - 40)?;
    put(root, &s, &style, (width as i32 / 2, 26))
}
