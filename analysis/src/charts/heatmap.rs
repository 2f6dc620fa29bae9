//! The heatmap of units × themes; a suppressed cell is grey, hatched and shows "–".

use super::*;

/// The colour of an index on 0–100: red (low) through pale yellow to blue (high).
pub(super) fn scale_colour(v: f64) -> RGBColor {
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

pub(super) fn is_dark(c: RGBColor) -> bool {
    let l = 0.2126 * f64::from(c.0) + 0.7152 * f64::from(c.1) + 0.0722 * f64::from(c.2);
    l < 140.0
}

pub(super) struct Heatmap<'a> {
    title: &'a str,
    rows: &'a [String],
    cols: &'a [String],
    cells: &'a [Vec<Option<f64>>],
    lang: Lang,
}

pub(super) const HM_TOP: i32 = 56;
pub(super) const HM_HEADER: i32 = 46;
pub(super) const HM_ROW: i32 = 36;

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
                        put(root, &self.lang.num(v, 0), style, centre)?;
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
            self.lang
                .pick("index (0–100): laag → hoog", "index (0–100): low → high"),
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
            self.lang.pick("– = geen cijfer", "– = no figure"),
            &anchored(text(12.0, INK), HPos::Left, VPos::Center),
            (bar_x + 34, sy),
        )?;
        Ok(())
    }
}

/// Units (rows) × themes (columns) coloured by index on 0–100 with the value in each cell;
/// a `None` cell has no figure, suppressed or not measured alike (grey, hatched, "–").
pub fn heatmap_chart(
    title: &str,
    rows: &[String],
    cols: &[String],
    cells: &[Vec<Option<f64>>],
    lang: Lang,
    output: Output,
) -> Result<Rendered, ChartError> {
    render(
        &Heatmap {
            title,
            rows,
            cols,
            cells,
            lang,
        },
        output,
    )
}
