//! Small SVG charts: an indicator's trend and a bar chart per wijk, each
//! with an alt text written from the same data, for readers who cannot
//! see the picture.
//!
//! The SVG is data for Typst's image loader, never Typst code; every user
//! text in it is XML-escaped.

use std::fmt::Write;

use super::format::{NBSP, in_period, number, period_short, with_unit};
use super::labels::Labels;
use crate::model::Point;
use crate::period::Period;

const WIDTH: f64 = 440.0;
const HEIGHT: f64 = 184.0;
const LEFT: f64 = 52.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 58.0;
const INK: &str = "#1d3557";
const MUTED: &str = "#6c757d";

/// A chart ready for the report: where Typst finds it, and its alt text.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub svg: String,
    pub alt: String,
}

/// What a trend chart shows.
pub struct Trend<'a> {
    pub area: &'a str,
    pub points: &'a [Point],
    pub benchmark: Option<(&'a str, &'a [Point])>,
    pub nulmeting: Option<&'a Point>,
    pub streefwaarde: Option<&'a Point>,
    pub decimals: u8,
    /// The indicator's unit, for the alt text.
    pub unit: Option<&'a str>,
}

/// The course of a trend in words, for readers who cannot see it: the
/// first and last value of the area and the benchmark, nulmeting and
/// streefwaarde.
fn alt_text(t: &Trend<'_>, labels: &Labels) -> String {
    let lang = labels.lang;
    // Plain spaces: an alt text is read, never broken over lines.
    let fmt = |v: f64| with_unit(lang, v, t.decimals, t.unit).replace(NBSP, " ");
    let at = |p: Period| in_period(lang, p);
    let course = |name: &str, points: &[Point]| -> String {
        match (points.first(), points.last()) {
            (Some(p), _) if points.len() == 1 => {
                format!("{name}: {} {}", fmt(p.waarde), at(p.periode))
            }
            (Some(a), Some(b)) => format!(
                "{name}: {} {} {} {} {} {}",
                labels.van.to_lowercase(),
                fmt(a.waarde),
                at(a.periode),
                labels.naar,
                fmt(b.waarde),
                at(b.periode),
            ),
            _ => String::new(),
        }
    };
    let mut alt = course(t.area, t.points);
    for (label, point) in [
        (labels.nulmeting, t.nulmeting),
        (labels.streefwaarde, t.streefwaarde),
    ] {
        if let Some(p) = point {
            let _ = write!(
                alt,
                "; {} {} {}",
                label.to_lowercase(),
                fmt(p.waarde),
                at(p.periode)
            );
        }
    }
    if let Some((name, bench)) = t.benchmark
        && !bench.is_empty()
    {
        let _ = write!(alt, "; {}", course(name, bench));
    }
    capitalise(&alt)
}

/// A sparkline's size: as wide as a dashboard tile and about 0.85 cm high
/// there, so that it is shown at its own proportions (a stretched
/// sparkline draws its dots as ellipses).
const SPARK_W: f64 = 150.0;
const SPARK_H: f64 = 24.0;

/// A sparkline for a dashboard tile: the area's values as a line, the
/// nulmeting as an open circle, the streefwaarde as a diamond and the
/// dotted line between them; no axes. `None` without values.
pub fn sparkline(t: &Trend<'_>, labels: &Labels) -> Option<Chart> {
    const W: f64 = SPARK_W;
    const H: f64 = SPARK_H;
    const PAD: f64 = 6.0;
    if t.points.is_empty() {
        return None;
    }
    let all: Vec<&Point> = t
        .points
        .iter()
        .chain(t.nulmeting)
        .chain(t.streefwaarde)
        .collect();
    let x_min = all.iter().map(|p| p.periode.last_month()).min()? as f64;
    let x_max = all.iter().map(|p| p.periode.last_month()).max()? as f64;
    let (lo, hi) = all.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| {
        (lo.min(p.waarde), hi.max(p.waarde))
    });
    let (lo, hi) = if hi > lo {
        (lo, hi)
    } else {
        (lo - 1.0, hi + 1.0)
    };
    let x = |p: Period| {
        if x_max > x_min {
            PAD + (p.last_month() as f64 - x_min) / (x_max - x_min) * (W - 2.0 * PAD)
        } else {
            W / 2.0
        }
    };
    let y = |v: f64| PAD + (hi - v) / (hi - lo) * (H - 2.0 * PAD);
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}">"#
    );
    if let (Some(n), Some(s)) = (t.nulmeting, t.streefwaarde) {
        let _ = write!(
            svg,
            r##"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#2a9d8f" stroke-width="1.2" stroke-dasharray="2 2"/>"##,
            x(n.periode),
            y(n.waarde),
            x(s.periode),
            y(s.waarde)
        );
    }
    polyline(&mut svg, t.points, &x, &y, INK, "");
    if let Some(last) = t.points.last() {
        let _ = write!(
            svg,
            r#"<circle cx="{:.1}" cy="{:.1}" r="3" fill="{INK}"/>"#,
            x(last.periode),
            y(last.waarde)
        );
    }
    if let Some(n) = t.nulmeting {
        let _ = write!(
            svg,
            r##"<circle cx="{:.1}" cy="{:.1}" r="3.5" fill="none" stroke="#2a9d8f" stroke-width="1.5"/>"##,
            x(n.periode),
            y(n.waarde)
        );
    }
    if let Some(s) = t.streefwaarde {
        let (cx, cy) = (x(s.periode), y(s.waarde));
        let _ = write!(
            svg,
            r##"<path d="M {cx:.1} {:.1} L {:.1} {cy:.1} L {cx:.1} {:.1} L {:.1} {cy:.1} Z" fill="#2a9d8f"/>"##,
            cy - 4.0,
            cx + 4.0,
            cy + 4.0,
            cx - 4.0
        );
    }
    svg.push_str("</svg>");
    Some(Chart {
        svg,
        alt: alt_text(t, labels),
    })
}

/// The trend of one indicator over time, or `None` without values.
pub fn trend(t: &Trend<'_>, labels: &Labels) -> Option<Chart> {
    if t.points.is_empty() {
        return None;
    }
    let lang = labels.lang;
    let alt = alt_text(t, labels);

    // Scales: every period and value shown decides the extent.
    let bench_points = t.benchmark.map(|(_, b)| b).unwrap_or(&[]);
    let all: Vec<&Point> = t
        .points
        .iter()
        .chain(bench_points)
        .chain(t.nulmeting)
        .chain(t.streefwaarde)
        .collect();
    let x_min = all.iter().map(|p| p.periode.last_month()).min()? as f64;
    let x_max = all.iter().map(|p| p.periode.last_month()).max()? as f64;
    let (lo, hi) = all.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| {
        (lo.min(p.waarde), hi.max(p.waarde))
    });
    let axis = Axis::new(lo, hi);
    let (y_min, y_max) = (axis.min, axis.max);
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let x = |p: Period| {
        if x_max > x_min {
            LEFT + 12.0 + (p.last_month() as f64 - x_min) / (x_max - x_min) * (plot_w - 24.0)
        } else {
            LEFT + plot_w / 2.0
        }
    };
    let y = |v: f64| TOP + (y_max - v) / (y_max - y_min) * plot_h;

    let mut svg = open_svg();
    // Horizontal grid at round values.
    for v in axis.ticks() {
        let yy = y(v);
        let _ = write!(
            svg,
            r##"<line x1="{LEFT}" y1="{yy:.1}" x2="{:.1}" y2="{yy:.1}" stroke="#dde2e6" stroke-width="1"/><text x="{:.1}" y="{:.1}" font-size="10" text-anchor="end" fill="{MUTED}">{}</text>"##,
            WIDTH - RIGHT,
            LEFT - 6.0,
            yy + 3.5,
            escape(&number(lang, v, axis.decimals))
        );
    }
    // Period labels under the axis: one per position (a year's label and
    // its last quarter's stand at the same place), thinned so that no two
    // labels touch.
    let mut periods: Vec<Period> = all.iter().map(|p| p.periode).collect();
    periods.sort_by(|a, b| a.chronological(*b));
    periods.dedup_by_key(|p| p.last_month());
    let names: Vec<String> = periods.iter().map(|p| period_short(lang, *p)).collect();
    let widest = names.iter().map(|n| n.chars().count()).max().unwrap_or(4) as f64;
    let room = widest * 6.2 + 8.0;
    let mut last_x = f64::MIN;
    for (p, name) in periods.iter().zip(&names) {
        let px = x(*p);
        if px - last_x < room {
            continue;
        }
        last_x = px;
        let _ = write!(
            svg,
            r#"<text x="{px:.1}" y="{:.1}" font-size="10" text-anchor="middle" fill="{MUTED}">{}</text>"#,
            TOP + plot_h + 14.0,
            escape(name)
        );
    }
    // Target line from nulmeting to streefwaarde, dotted.
    if let (Some(n), Some(s)) = (t.nulmeting, t.streefwaarde) {
        let _ = write!(
            svg,
            r##"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#2a9d8f" stroke-width="1.5" stroke-dasharray="2 3"/>"##,
            x(n.periode),
            y(n.waarde),
            x(s.periode),
            y(s.waarde)
        );
    }
    if !bench_points.is_empty() {
        polyline(&mut svg, bench_points, &x, &y, MUTED, "5 3");
        for p in bench_points {
            let _ = write!(
                svg,
                r#"<rect x="{:.1}" y="{:.1}" width="6" height="6" fill="{MUTED}"/>"#,
                x(p.periode) - 3.0,
                y(p.waarde) - 3.0
            );
        }
    }
    polyline(&mut svg, t.points, &x, &y, INK, "");
    for p in t.points {
        let _ = write!(
            svg,
            r#"<circle cx="{:.1}" cy="{:.1}" r="3.5" fill="{INK}"/>"#,
            x(p.periode),
            y(p.waarde)
        );
    }
    if let Some(n) = t.nulmeting {
        let _ = write!(
            svg,
            r##"<circle cx="{:.1}" cy="{:.1}" r="6" fill="none" stroke="#2a9d8f" stroke-width="2"/>"##,
            x(n.periode),
            y(n.waarde)
        );
    }
    if let Some(s) = t.streefwaarde {
        let (cx, cy) = (x(s.periode), y(s.waarde));
        let _ = write!(
            svg,
            r##"<path d="M {cx:.1} {:.1} L {:.1} {cy:.1} L {cx:.1} {:.1} L {:.1} {cy:.1} Z" fill="#2a9d8f"/>"##,
            cy - 6.0,
            cx + 6.0,
            cy + 6.0,
            cx - 6.0
        );
    }
    // Legend: shapes and words, never colour alone; wraps to a second row.
    let mut items: Vec<(LegendShape, String)> = vec![(
        Box::new(|x, y| {
            format!(
                r#"<circle cx="{x:.1}" cy="{:.1}" r="3.5" fill="{INK}"/>"#,
                y - 3.5
            )
        }),
        t.area.to_owned(),
    )];
    if let Some((name, _)) = t.benchmark {
        items.push((
            Box::new(|x, y| {
                format!(
                    r#"<rect x="{:.1}" y="{:.1}" width="6" height="6" fill="{MUTED}"/>"#,
                    x - 3.0,
                    y - 6.5
                )
            }),
            name.to_owned(),
        ));
    }
    if t.nulmeting.is_some() {
        items.push((
            Box::new(|x, y| {
                format!(r##"<circle cx="{x:.1}" cy="{:.1}" r="4" fill="none" stroke="#2a9d8f" stroke-width="2"/>"##, y - 3.5)
            }),
            labels.nulmeting.to_lowercase(),
        ));
    }
    if t.streefwaarde.is_some() {
        items.push((
            Box::new(|x, y| {
                let cy = y - 3.5;
                format!(
                    r##"<path d="M {x:.1} {:.1} L {:.1} {cy:.1} L {x:.1} {:.1} L {:.1} {cy:.1} Z" fill="#2a9d8f"/>"##,
                    cy - 4.5,
                    x + 4.5,
                    cy + 4.5,
                    x - 4.5
                )
            }),
            labels.streefwaarde.to_lowercase(),
        ));
    }
    let (mut lx, mut ly) = (LEFT, HEIGHT - 24.0);
    for (shape, text) in items {
        let width = 22.0 + text.chars().count() as f64 * 5.4;
        if lx > LEFT && lx + width > WIDTH - RIGHT {
            lx = LEFT;
            ly += 14.0;
        }
        svg.push_str(&shape(lx, ly));
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{ly:.1}" font-size="10" fill="{INK}">{}</text>"#,
            lx + 10.0,
            escape(&text)
        );
        lx += width;
    }
    svg.push_str("</svg>");
    Some(Chart { svg, alt })
}

/// Draws a legend's shape at a position (x, baseline).
type LegendShape<'a> = Box<dyn Fn(f64, f64) -> String + 'a>;

/// A value axis with round ticks, such as 30, 32, 34, 36.
struct Axis {
    min: f64,
    max: f64,
    step: f64,
    decimals: u8,
}

impl Axis {
    /// An axis from a round value below `lo` to one above `hi`, with about
    /// three to five ticks.
    fn new(lo: f64, hi: f64) -> Axis {
        let span = if hi > lo {
            hi - lo
        } else {
            (hi.abs() * 0.1).max(1.0)
        };
        let raw = span / 3.0;
        let magnitude = 10f64.powf(raw.log10().floor());
        let step = [1.0, 2.0, 2.5, 5.0, 10.0]
            .iter()
            .map(|m| m * magnitude)
            .find(|s| *s >= raw)
            .unwrap_or(10.0 * magnitude);
        let mut min = (lo / step).floor() * step;
        let mut max = (hi / step).ceil() * step;
        if max - min < step * 2.0 {
            min -= step;
            max += step;
        }
        // As many decimals as the step needs: 2,5 needs one, 0,25 two.
        let decimals = (0..=4u8)
            .find(|&d| {
                let scaled = step * 10f64.powi(i32::from(d));
                (scaled - scaled.round()).abs() < 1e-6
            })
            .unwrap_or(4);
        Axis {
            min,
            max,
            step,
            decimals,
        }
    }

    fn ticks(&self) -> impl Iterator<Item = f64> + '_ {
        let n = ((self.max - self.min) / self.step).round() as i64;
        (0..=n).map(move |i| self.min + self.step * i as f64)
    }
}

/// One bar of a bar chart.
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub shown: String,
    /// The municipality as a whole: drawn hatched-free in a second colour.
    pub whole: bool,
}

/// A horizontal bar chart, one bar per area, in the given order.
pub fn bars(bars: &[Bar], intro: &str) -> Option<Chart> {
    if bars.is_empty() {
        return None;
    }
    let row = 18.0;
    // Room for the longest name before the bars and the longest value after
    // them, at about 5.6 points a character of 10-point Inter.
    let chars =
        |f: fn(&Bar) -> &str| bars.iter().map(|b| f(b).chars().count()).max().unwrap_or(0) as f64;
    let label_w = (chars(|b| &b.label) * 5.6 + 10.0).clamp(40.0, 200.0);
    let value_w = chars(|b| &b.shown) * 5.6 + 8.0;
    let height = row * bars.len() as f64 + 8.0;
    let max = bars.iter().map(|b| b.value).fold(0.0_f64, f64::max);
    let min = bars.iter().map(|b| b.value).fold(0.0_f64, f64::min);
    let span = (max - min).max(f64::EPSILON);
    let bar_w = (WIDTH - label_w - value_w).max(60.0);
    let zero = label_w + (-min) / span * bar_w;
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="Inter">"#
    );
    for (i, b) in bars.iter().enumerate() {
        let top = 4.0 + row * i as f64;
        let end = label_w + (b.value - min) / span * bar_w;
        let (x0, w) = if end >= zero {
            (zero, end - zero)
        } else {
            (end, zero - end)
        };
        let fill = if b.whole { "#2a9d8f" } else { INK };
        let weight = if b.whole { "bold" } else { "normal" };
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" font-size="10" text-anchor="end" font-weight="{weight}" fill="{INK}">{}</text><rect x="{x0:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{fill}"/><text x="{:.1}" y="{:.1}" font-size="10" fill="{INK}">{}</text>"#,
            label_w - 6.0,
            top + 11.0,
            escape(&shorten(&b.label, 34)),
            top + 2.0,
            w.max(0.5),
            row - 6.0,
            x0 + w + 4.0,
            top + 11.0,
            escape(&b.shown)
        );
    }
    svg.push_str("</svg>");
    let listing = bars
        .iter()
        .map(|b| format!("{} {}", b.label, b.shown.replace(NBSP, " ")))
        .collect::<Vec<_>>()
        .join(", ");
    Some(Chart {
        svg,
        alt: format!("{intro}: {listing}"),
    })
}

/// A name cut to `max` characters with an ellipsis, for a chart's label
/// (the alt text keeps it whole).
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max - 1).collect();
    cut.push('…');
    cut
}

fn open_svg() -> String {
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="Inter">"#
    )
}

fn polyline(
    svg: &mut String,
    points: &[Point],
    x: &dyn Fn(Period) -> f64,
    y: &dyn Fn(f64) -> f64,
    colour: &str,
    dash: &str,
) {
    if points.len() < 2 {
        return;
    }
    let coords = points
        .iter()
        .map(|p| format!("{:.1},{:.1}", x(p.periode), y(p.waarde)))
        .collect::<Vec<_>>()
        .join(" ");
    let dash = if dash.is_empty() {
        String::new()
    } else {
        format!(r#" stroke-dasharray="{dash}""#)
    };
    let _ = write!(
        svg,
        r#"<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>"#
    );
}

/// Escapes text for an SVG text node.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Taal;

    fn pt(p: &str, v: f64) -> Point {
        Point {
            periode: p.parse().unwrap(),
            waarde: v,
            cbs: None,
        }
    }

    #[test]
    fn alt_text_tells_the_trend_in_words() {
        let labels = Labels::for_language(Taal::Nl);
        let points = [pt("2015", 22.0), pt("2016", 23.0), pt("2017", 24.0)];
        let bench = [pt("2015", 37.7), pt("2017", 35.5)];
        let target = pt("2019", 21.0);
        let chart = trend(
            &Trend {
                area: "Culemborg",
                points: &points,
                benchmark: Some(("Nederland", &bench)),
                nulmeting: None,
                streefwaarde: Some(&target),
                decimals: 1,
                unit: Some("%"),
            },
            &labels,
        )
        .unwrap();
        assert_eq!(
            chart.alt,
            "Culemborg: van 22,0% in 2015 naar 24,0% in 2017; streefwaarde 21,0% in 2019; Nederland: van 37,7% in 2015 naar 35,5% in 2017"
        );
        assert!(chart.svg.starts_with("<svg"));
        assert_eq!(
            chart.svg.matches("<circle").count(),
            4,
            "three values and the legend"
        );
    }

    #[test]
    fn english_alt_text_with_quarters() {
        let labels = Labels::for_language(Taal::En);
        let points = [pt("2017-Q3", 1200.0), pt("2017-Q4", 1250.5)];
        let chart = trend(
            &Trend {
                area: "Culemborg",
                points: &points,
                benchmark: None,
                nulmeting: None,
                streefwaarde: None,
                decimals: 1,
                unit: Some("households"),
            },
            &labels,
        )
        .unwrap();
        assert_eq!(
            chart.alt,
            "Culemborg: from 1,200.0 households in the third quarter of 2017 to 1,250.5 households in the fourth quarter of 2017"
        );
    }

    #[test]
    fn axes_have_round_ticks() {
        let axis = Axis::new(29.0, 36.0);
        assert_eq!(
            axis.ticks().collect::<Vec<_>>(),
            vec![27.5, 30.0, 32.5, 35.0, 37.5]
        );
        assert_eq!(axis.decimals, 1);
        let axis = Axis::new(700.0, 734.0);
        assert_eq!(axis.ticks().collect::<Vec<_>>(), vec![700.0, 720.0, 740.0]);
        let axis = Axis::new(1.83, 2.5);
        assert!(axis.ticks().all(|t| (t * 100.0).round() == t * 100.0));
        let flat = Axis::new(760.0, 760.0);
        assert!(flat.min < 760.0 && flat.max > 760.0);
    }

    /// Every circle and path point of an SVG, with the circle's radius.
    fn marks(svg: &str) -> Vec<(f64, f64, f64)> {
        let attr = |el: &str, name: &str| -> Option<f64> {
            let at = el.find(&format!(" {name}=\""))? + name.len() + 3;
            el[at..].split('"').next()?.parse().ok()
        };
        let mut out = Vec::new();
        for el in svg.split('<').skip(1) {
            if el.starts_with("circle") {
                let r = attr(el, "r").unwrap() + attr(el, "stroke-width").unwrap_or(0.0) / 2.0;
                out.push((attr(el, "cx").unwrap(), attr(el, "cy").unwrap(), r));
            } else if el.starts_with("path") {
                let d = el.split("d=\"").nth(1).unwrap().split('"').next().unwrap();
                let nums: Vec<f64> = d
                    .split(|c: char| c.is_ascii_alphabetic() || c == ' ')
                    .filter_map(|n| n.parse().ok())
                    .collect();
                for xy in nums.chunks(2) {
                    out.push((xy[0], xy[1], 0.0));
                }
            }
        }
        out
    }

    #[test]
    fn a_sparkline_of_one_or_two_points_stays_inside_its_box() {
        let labels = Labels::for_language(Taal::Nl);
        let target = pt("2017", 2.5);
        let base = pt("2012", 2.47);
        let cases: [(&[Point], Option<&Point>, Option<&Point>); 5] = [
            (&[pt("2012", 2.47)], None, Some(&target)),
            (&[pt("2012", 2.47)], None, None),
            (&[pt("2012", 2.47)], Some(&base), Some(&target)),
            (&[pt("2016", 10.0), pt("2017", 10.0)], None, None),
            (&[pt("2016", 10.0), pt("2017", 12.0)], Some(&base), None),
        ];
        for (points, nulmeting, streefwaarde) in cases {
            let chart = sparkline(
                &Trend {
                    area: "Culemborg",
                    points,
                    benchmark: None,
                    nulmeting,
                    streefwaarde,
                    decimals: 2,
                    unit: Some("%"),
                },
                &labels,
            )
            .unwrap();
            let (w, h) = (SPARK_W, SPARK_H);
            let marks = marks(&chart.svg);
            assert!(!marks.is_empty());
            for (x, y, r) in marks {
                assert!(
                    x - r >= 0.0 && x + r <= w && y - r >= 0.0 && y + r <= h,
                    "({x}, {y}) r {r} outside {w}x{h}: {}",
                    chart.svg
                );
            }
        }
    }

    #[test]
    fn user_text_is_escaped_in_svg() {
        let chart = bars(
            &[Bar {
                label: "<Oost & \"West\">".into(),
                value: 3.0,
                shown: "3".into(),
                whole: false,
            }],
            "Per wijk",
        )
        .unwrap();
        assert!(chart.svg.contains("&lt;Oost &amp; &quot;West&quot;&gt;"));
        assert_eq!(chart.alt, "Per wijk: <Oost & \"West\"> 3");
    }
}
