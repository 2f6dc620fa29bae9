//! The trend chart: an index over the waves with its 95% confidence band; a wave without a
//! figure is a gap with a grey marker on the axis, never a value.

use super::*;

pub(super) struct Trend<'a> {
    title: &'a str,
    points: &'a [TrendPoint],
    lang: Lang,
}

impl Chart for Trend<'_> {
    fn size(&self) -> (u32, u32) {
        (WIDTH, 500)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let (w, _) = self.size();
        root.fill(&WHITE).map_err(draw_err)?;
        title(root, self.title, w)?;
        let lang = self.lang;
        let any_missing = self.points.iter().any(|p| p.1.is_none());
        let mut items = vec![
            item(Swatch::Line(LINE), "index", None),
            item(
                Swatch::Band(LINE),
                lang.pick("95%-betrouwbaarheidsinterval", "95% confidence interval"),
                None,
            ),
        ];
        if any_missing {
            items.push(item(Swatch::Marker, lang.no_figure(), None));
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
            .x_desc(lang.pick("meting", "wave"))
            .draw()
            .map_err(draw_err)?;

        let slot = {
            let (a, _) = chart.backend_coord(&(0.0, 0.0));
            let (b, _) = chart.backend_coord(&(1.0, 0.0));
            (b - a).max(20)
        };

        // Waves without a figure: a light column, so the gap reads as intended.
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

        // Runs of consecutive published waves: band and line never cross a missing figure.
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
                    &lang.num(*idx, 1),
                    &value_style,
                    (px, py_hi.min(py - 9) - 5),
                )?;
            }
        }

        // Wave labels under the axis, and the missing-figure marker on it.
        let label_style = anchored(text(13.0, INK), HPos::Center, VPos::Top);
        let supp_style = anchored(text(12.0, MUTED), HPos::Center, VPos::Top);
        for (i, (wave, p)) in self.points.iter().enumerate() {
            let (px, py) = chart.backend_coord(&(i as f64, 0.0));
            line(root, (px, py), (px, py + 5), AXIS.stroke_width(1))?;
            let label = fit(root, wave, &label_style, slot - 6)?;
            put(root, &label, &label_style, (px, py + 9))?;
            if p.is_none() {
                diamond(root, (px, py), 6)?;
                let s = fit(root, lang.no_figure(), &supp_style, slot - 4)?;
                put(root, &s, &supp_style, (px, py + 27))?;
            }
        }
        Ok(())
    }
}

/// The index of one theme over the waves, with its 95% confidence band. `points` holds per wave
/// (in order) `Some((index, ci_low, ci_high))`, or `None` when the wave has no figure
/// (suppressed or not measured, drawn alike): a gap in line and band with a grey marker and
/// "geen cijfer" / "no figure" on the axis, never a zero.
pub fn trend_chart(
    title: &str,
    points: &[TrendPoint],
    lang: Lang,
    output: Output,
) -> Result<Rendered, ChartError> {
    render(
        &Trend {
            title,
            points,
            lang,
        },
        output,
    )
}
