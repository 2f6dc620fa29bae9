//! Diverging stacked bars of the answer distributions of five-point items; an item without
//! a figure shows "geen cijfer" / "no figure" instead of a bar.

use super::*;

pub(super) struct Distribution<'a> {
    title: &'a str,
    rows: &'a [DistributionRow],
    lang: Lang,
}

pub(super) const DS_TOP: i32 = 112;
pub(super) const DS_ROW: i32 = 40;

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
        let lang = self.lang;
        let items: Vec<LegendItem> = (0..5)
            .map(|k| {
                item(
                    Swatch::Fill(SCALE[k]),
                    &format!("{} {}", k + 1, lang.scale()[k]),
                    None,
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
            lang.pick(
                "← oneens · percentage respondenten · eens →",
                "← disagree · % of respondents · agree →",
            ),
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
                let s = lang.no_figure();
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
                        &format!("{}%", lang.num(*share, 0)),
                        style,
                        ((a + b) / 2, cy),
                    )?;
                }
            }
            put(
                root,
                &format!("{}%", lang.num(s[0] + s[1], 0)),
                &total_left,
                (px(start) - 6, cy),
            )?;
            put(
                root,
                &format!("{}%", lang.num(s[3] + s[4], 0)),
                &total_right,
                (px(at) + 6, cy),
            )?;
        }
        Ok(())
    }
}

/// Diverging stacked bars of 5-point answer distributions (shares in %, points 1…5): 1–2 left
/// of zero, 3 split around zero, 4–5 right, the words in `lang`. A `None` row (suppressed or
/// not measured, alike) reads "geen cijfer" / "no figure".
pub fn distribution_chart(
    title: &str,
    rows: &[DistributionRow],
    lang: Lang,
    output: Output,
) -> Result<Rendered, ChartError> {
    render(&Distribution { title, rows, lang }, output)
}
