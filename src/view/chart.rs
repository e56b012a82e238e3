//! Small SVG charts: an indicator's trend and its sparkline, each with an
//! alt text written from the same data, for readers who cannot see the
//! picture; and the bars of a table of values per wijk.
//!
//! An SVG holds only lines and marks. Its words (axis values, periods, the
//! legend) come beside it as [`Words`], for the template to set as Typst
//! text over and under the drawing: text inside an SVG is shaped and drawn
//! as outlines anew for every chart, which made the labels of a few
//! hundred charts the largest cost of a large report. The SVG is data for
//! Typst's image loader, never Typst code, and holds no user text.

use std::fmt::Write;

use serde::Serialize;

use super::format::{NBSP, in_period, number, period_short, with_unit};
use super::labels::Labels;
use crate::model::{CbsStatus, Point};
use crate::period::Period;

const WIDTH: f64 = 440.0;
const LEFT: f64 = 52.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 14.0;
const PLOT_H: f64 = 112.0;
/// Room under the plot for the period labels, which hang clear of the
/// largest marker (the nulmeting's ring, 7 px round a point on the axis).
const BOTTOM: f64 = 22.0;
const LABEL_GAP: f64 = 9.0;
const HEIGHT: f64 = TOP + PLOT_H + BOTTOM;
const INK: &str = "#1d3557";
const MUTED: &str = "#6c757d";

/// A chart ready for the report: the drawing, its alt text and its words.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub svg: String,
    pub alt: String,
    pub words: Words,
}

/// The words of a chart, for the template to set over and under its
/// drawing, with positions as fractions of the drawing's width and height
/// (from its top left corner), so that they follow it at any size.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Words {
    /// The drawing's height over its width.
    pub verhouding: f64,
    /// Where the value labels end, right-aligned before the plot.
    pub as_x: f64,
    /// The value labels, each at the height of its grid line.
    pub waarden: Vec<Tick>,
    /// Where the period labels hang, under the plot.
    pub as_y: f64,
    /// The period labels, each centred on its period.
    pub perioden: Vec<Tick>,
    /// What each shape stands for, in the order drawn.
    pub legenda: Vec<LegendItem>,
}

/// A label on an axis, at a fraction of the drawing's height (values) or
/// width (periods).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tick {
    pub tekst: String,
    pub op: f64,
}

/// A shape of the legend and what it stands for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LegendItem {
    pub vorm: Shape,
    pub tekst: String,
}

/// The marks a trend chart draws, as the legend shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Shape {
    /// The area's values: filled dots on a line.
    Punt,
    /// The benchmark: small squares on a dashed line.
    Vierkant,
    /// The nulmeting: an open circle.
    Ring,
    /// The streefwaarde: a filled diamond.
    Ruit,
    /// The area's value not final yet (voorlopig): an open dot.
    Open,
    /// Only the benchmark's value not final yet: an open square.
    OpenVierkant,
    /// Values of both lines not final yet: an open dot and an open square.
    OpenBeide,
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
    // A value not final yet says so: "32,0 in 2017 (voorlopig)".
    let at = |p: &Point| match p.provisional() {
        Some(mark) => format!("{} ({})", in_period(lang, p.periode), labels.cbs(mark)),
        None => in_period(lang, p.periode),
    };
    let course = |name: &str, points: &[Point]| -> String {
        match (points.first(), points.last()) {
            (Some(p), _) if points.len() == 1 => {
                format!("{name}: {} {}", fmt(p.waarde), at(p))
            }
            (Some(a), Some(b)) => format!(
                "{name}: {} {} {} {} {} {}",
                labels.van.to_lowercase(),
                fmt(a.waarde),
                at(a),
                labels.naar,
                fmt(b.waarde),
                at(b),
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
                at(p)
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
    // A tile's line shows how the measurements went: one measurement
    // has no course (its target is in the tile's words).
    if t.points.len() < 2 || x_min == x_max {
        return None;
    }
    let (lo, hi) = all.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| {
        (lo.min(p.waarde), hi.max(p.waarde))
    });
    let (lo, hi) = shown_range(lo, hi);
    let (lo, hi) = if hi > lo {
        (lo, hi)
    } else {
        (lo - 1.0, hi + 1.0)
    };
    let x = |p: Period| PAD + (p.last_month() as f64 - x_min) / (x_max - x_min) * (W - 2.0 * PAD);
    let y = |v: f64| PAD + (hi - v) / (hi - lo) * (H - 2.0 * PAD);
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}">"#
    );
    if let (Some(n), Some(s)) = (t.nulmeting, t.streefwaarde) {
        let _ = write!(
            svg,
            r##"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#2a9d8f" stroke-width="1.2" stroke-dasharray="2 2"/>"##,
            Tenths(x(n.periode)),
            Tenths(y(n.waarde)),
            Tenths(x(s.periode)),
            Tenths(y(s.waarde))
        );
    }
    polyline(&mut svg, t.points, &x, &y, INK, "");
    if let Some(last) = t.points.last() {
        let _ = write!(
            svg,
            r#"<circle cx="{}" cy="{}" r="3" {}/>"#,
            Tenths(x(last.periode)),
            Tenths(y(last.waarde)),
            mark_paint(last, INK)
        );
    }
    if let Some(n) = t.nulmeting {
        let _ = write!(
            svg,
            r##"<circle cx="{}" cy="{}" r="3.5" fill="none" stroke="#2a9d8f" stroke-width="1.5"/>"##,
            Tenths(x(n.periode)),
            Tenths(y(n.waarde))
        );
    }
    if let Some(s) = t.streefwaarde {
        target_mark(&mut svg, x(s.periode), y(s.waarde), 4.0);
    }
    svg.push_str("</svg>");
    Some(Chart {
        svg,
        alt: alt_text(t, labels),
        words: Words {
            verhouding: H / W,
            ..Words::default()
        },
    })
}

/// The trend of one indicator over time; `None` without values, or when
/// everything it would draw lies in one period: a lone dot tells nothing
/// the value beside it does not.
pub fn trend(t: &Trend<'_>, labels: &Labels) -> Option<Chart> {
    if t.points.is_empty() {
        return None;
    }
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
    if x_min == x_max {
        return None;
    }
    let lang = labels.lang;
    let alt = alt_text(t, labels);

    let (lo, hi) = all.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| {
        (lo.min(p.waarde), hi.max(p.waarde))
    });
    let axis = Axis::new(lo, hi);
    let (y_min, y_max) = (axis.min, axis.max);
    let plot_w = WIDTH - LEFT - RIGHT;
    let x = |p: Period| {
        LEFT + 12.0 + (p.last_month() as f64 - x_min) / (x_max - x_min) * (plot_w - 24.0)
    };
    let y = |v: f64| TOP + (y_max - v) / (y_max - y_min) * PLOT_H;

    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}">"#
    );
    let mut words = Words {
        verhouding: HEIGHT / WIDTH,
        as_x: (LEFT - 6.0) / WIDTH,
        as_y: (TOP + PLOT_H + LABEL_GAP) / HEIGHT,
        ..Words::default()
    };
    // Horizontal grid at round values.
    for v in axis.ticks() {
        let yy = y(v);
        let _ = write!(
            svg,
            r##"<line x1="{LEFT}" y1="{yy}" x2="{}" y2="{yy}" stroke="#dde2e6" stroke-width="1"/>"##,
            Tenths(WIDTH - RIGHT),
            yy = Tenths(yy)
        );
        words.waarden.push(Tick {
            tekst: number(lang, v, axis.decimals),
            op: yy / HEIGHT,
        });
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
    for (p, name) in periods.iter().zip(names) {
        let px = x(*p);
        if px - last_x < room {
            continue;
        }
        last_x = px;
        words.perioden.push(Tick {
            tekst: name,
            op: px / WIDTH,
        });
    }
    // Target line from nulmeting to streefwaarde, dotted.
    if let (Some(n), Some(s)) = (t.nulmeting, t.streefwaarde) {
        let _ = write!(
            svg,
            r##"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#2a9d8f" stroke-width="1.5" stroke-dasharray="2 3"/>"##,
            Tenths(x(n.periode)),
            Tenths(y(n.waarde)),
            Tenths(x(s.periode)),
            Tenths(y(s.waarde))
        );
    }
    if !bench_points.is_empty() {
        polyline(&mut svg, bench_points, &x, &y, MUTED, "5 3");
        for p in bench_points {
            let _ = write!(
                svg,
                r#"<rect x="{}" y="{}" width="6" height="6" {}/>"#,
                Tenths(x(p.periode) - 3.0),
                Tenths(y(p.waarde) - 3.0),
                mark_paint(p, MUTED)
            );
        }
    }
    polyline(&mut svg, t.points, &x, &y, INK, "");
    for p in t.points {
        let _ = write!(
            svg,
            r#"<circle cx="{}" cy="{}" r="3.5" {}/>"#,
            Tenths(x(p.periode)),
            Tenths(y(p.waarde)),
            mark_paint(p, INK)
        );
    }
    if let Some(n) = t.nulmeting {
        let _ = write!(
            svg,
            r##"<circle cx="{}" cy="{}" r="6" fill="none" stroke="#2a9d8f" stroke-width="2"/>"##,
            Tenths(x(n.periode)),
            Tenths(y(n.waarde))
        );
    }
    if let Some(s) = t.streefwaarde {
        target_mark(&mut svg, x(s.periode), y(s.waarde), 6.0);
    }
    svg.push_str("</svg>");
    // Legend: shapes and words, never colour alone.
    let mut item = |vorm, tekst: &str| {
        words.legenda.push(LegendItem {
            vorm,
            tekst: tekst.to_owned(),
        })
    };
    item(Shape::Punt, t.area);
    if let Some((name, _)) = t.benchmark {
        item(Shape::Vierkant, name);
    }
    if t.nulmeting.is_some() {
        item(Shape::Ring, &labels.nulmeting.to_lowercase());
    }
    if t.streefwaarde.is_some() {
        item(Shape::Ruit, &labels.streefwaarde.to_lowercase());
    }
    // The open marks the chart draws: the area's dot, the benchmark's
    // square, or both.
    let open = |points: &[Point]| points.iter().any(|p| p.provisional().is_some());
    let shape = match (open(t.points), open(bench_points)) {
        (true, true) => Some(Shape::OpenBeide),
        (true, false) => Some(Shape::Open),
        (false, true) => Some(Shape::OpenVierkant),
        (false, false) => None,
    };
    if let Some(shape) = shape {
        item(shape, labels.cbs(CbsStatus::Voorlopig));
    }
    Some(Chart { svg, alt, words })
}

/// The least height of a chart's value range, as a share of the largest
/// value's size.
const LEAST_SPAN: f64 = 0.04;

/// The range of values a chart shows for values from `lo` to `hi`: at
/// least [`LEAST_SPAN`] of the largest value, centred on them and on their
/// side of zero, so that a change of a few tenths of a percent (12.750 to
/// 12.780) does not fill the chart as a steep climb would.
fn shown_range(lo: f64, hi: f64) -> (f64, f64) {
    let least = lo.abs().max(hi.abs()) * LEAST_SPAN;
    if hi - lo >= least {
        return (lo, hi);
    }
    let middle = (lo + hi) / 2.0;
    let (mut from, mut to) = (middle - least / 2.0, middle + least / 2.0);
    if lo >= 0.0 && from < 0.0 {
        (from, to) = (0.0, to - from);
    }
    if hi <= 0.0 && to > 0.0 {
        (from, to) = (from - to, 0.0);
    }
    (from, to)
}

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
        let (lo, hi) = shown_range(lo, hi);
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

/// Where a bar in a table of values per area starts and ends, as fractions
/// of its column. Bars grow from zero, so a negative value runs left of it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Span {
    pub van: f64,
    pub tot: f64,
}

/// The bars for a column of values, on one scale that holds zero and
/// every value. The smallest bar stays visible as a sliver.
pub fn bar_spans(values: &[f64]) -> Vec<Span> {
    let max = values.iter().copied().fold(0.0_f64, f64::max);
    let min = values.iter().copied().fold(0.0_f64, f64::min);
    let span = (max - min).max(f64::EPSILON);
    // `0.0 - min`, not `-min`: with no negative values, zero, not -0.0,
    // which the data model would write as `-0.0`.
    let zero = (0.0 - min) / span;
    values
        .iter()
        .map(|v| {
            let end = (v - min) / span;
            let (van, tot) = if end >= zero {
                (zero, end)
            } else {
                (end, zero)
            };
            Span {
                van,
                tot: tot.max(van + 0.005).min(1.0),
            }
        })
        .collect()
}

/// A drawing's coordinate to one decimal, as `{:.1}` writes it, but
/// rounded as a float and written as whole numbers: the float formatter's
/// exact rounding (a bignum fallback for many values) was the larger part
/// of drawing a chart, and a tenth of a point needs no such care.
struct Tenths(f64);

impl std::fmt::Display for Tenths {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let tenths = (self.0 * 10.0).round();
        // Far past any drawing's size, or not a number: the formatter.
        if tenths.is_nan() || tenths.abs() >= 1e15 {
            return write!(f, "{:.1}", self.0);
        }
        let tenths = tenths as i64;
        let sign = if tenths < 0 { "-" } else { "" };
        let tenths = tenths.unsigned_abs();
        write!(f, "{sign}{}.{}", tenths / 10, tenths % 10)
    }
}

/// How a value's mark is painted: filled in `colour`, or open (white
/// with a `colour` edge) while the value is not final.
fn mark_paint(p: &Point, colour: &str) -> String {
    if p.provisional().is_some() {
        format!(r#"fill="white" stroke="{colour}" stroke-width="1.5""#)
    } else {
        format!(r#"fill="{colour}""#)
    }
}

/// The target's mark: a filled diamond of half-width `r` around a point.
fn target_mark(svg: &mut String, cx: f64, cy: f64, r: f64) {
    let _ = write!(
        svg,
        r##"<path d="M {cx} {} L {} {cy} L {cx} {} L {} {cy} Z" fill="#2a9d8f"/>"##,
        Tenths(cy - r),
        Tenths(cx + r),
        Tenths(cy + r),
        Tenths(cx - r),
        cx = Tenths(cx),
        cy = Tenths(cy)
    );
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
        .map(|p| format!("{},{}", Tenths(x(p.periode)), Tenths(y(p.waarde))))
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

    #[test]
    fn tenths_are_written_as_the_formatter_writes_them() {
        for v in [
            0.0, 0.04, -0.04, 1.25, 3.25159, -2.71, 123.456, 99.96, -0.96, 1e20,
        ] {
            let ours = Tenths(v).to_string();
            let theirs = format!("{v:.1}");
            // A tie may round the other way, and a tiny negative
            // number loses its sign: both are a tenth of a point at most.
            let (a, b): (f64, f64) = (ours.parse().unwrap(), theirs.parse().unwrap());
            assert!((a - b).abs() <= 0.1 + 1e-9, "{v}: {ours} against {theirs}");
            assert_eq!(ours.split('.').nth(1).map(str::len), Some(1), "{ours}");
        }
        assert_eq!(Tenths(12.34).to_string(), "12.3");
        assert_eq!(Tenths(-7.06).to_string(), "-7.1");
        assert_eq!(Tenths(0.96).to_string(), "1.0");
        assert_eq!(Tenths(f64::NAN).to_string(), "NaN");
    }
    use crate::model::Taal;

    fn pt(p: &str, v: f64) -> Point {
        Point {
            periode: p.parse().unwrap(),
            waarde: v,
            cbs: None,
        }
    }

    #[test]
    fn a_lone_value_gets_no_trend_chart() {
        let labels = Labels::for_language(Taal::Nl);
        let one = [pt("2015", 760.0)];
        fn alone<'a>(one: &'a [Point], streefwaarde: Option<&'a Point>) -> Trend<'a> {
            Trend {
                area: "Culemborg",
                points: one,
                benchmark: None,
                nulmeting: None,
                streefwaarde,
                decimals: 0,
                unit: Some("huishoudens"),
            }
        }
        assert!(trend(&alone(&one, None), &labels).is_none());
        // A target in another period is something to draw the value against.
        let target = pt("2018", 700.0);
        assert!(trend(&alone(&one, Some(&target)), &labels).is_some());
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
            3,
            "three values; the legend is text beside the drawing"
        );
    }

    /// A trend chart of Culemborg's `points` in %, with `benchmark` as
    /// Nederland's line.
    fn chart_of(labels: &Labels, points: &[Point], benchmark: Option<&[Point]>) -> Chart {
        trend(
            &Trend {
                area: "Culemborg",
                points,
                benchmark: benchmark.map(|b| ("Nederland", b)),
                nulmeting: None,
                streefwaarde: None,
                decimals: 1,
                unit: Some("%"),
            },
            labels,
        )
        .unwrap()
    }

    #[test]
    fn a_value_not_final_yet_is_drawn_open_and_said_so() {
        let labels = Labels::for_language(Taal::Nl);
        let mut points = vec![pt("2016", 23.0), pt("2017", 24.0)];
        let shown = |points: &[Point]| chart_of(&labels, points, None);
        let final_only = shown(&points);
        assert_eq!(final_only.svg.matches(r#"fill="white""#).count(), 0);
        assert!(
            !final_only
                .words
                .legenda
                .iter()
                .any(|l| l.vorm == Shape::Open)
        );
        points[1].cbs = Some(CbsStatus::Voorlopig);
        let chart = shown(&points);
        assert_eq!(
            chart.svg.matches(r#"fill="white""#).count(),
            1,
            "the 2017 value alone is open: {}",
            chart.svg
        );
        let open: Vec<&str> = chart
            .words
            .legenda
            .iter()
            .filter(|l| l.vorm == Shape::Open)
            .map(|l| l.tekst.as_str())
            .collect();
        assert_eq!(open, ["voorlopig"]);
        assert_eq!(
            chart.alt,
            "Culemborg: van 23,0% in 2016 naar 24,0% in 2017 (voorlopig)"
        );
    }

    #[test]
    fn the_legend_shows_the_open_mark_the_chart_draws() {
        let labels = Labels::for_language(Taal::Nl);
        let mut own = [pt("2016", 23.0), pt("2017", 24.0)];
        let mut national = [pt("2016", 30.0), pt("2017", 31.0)];
        national[1].cbs = Some(CbsStatus::Voorlopig);
        let shown = |own: &[Point]| chart_of(&labels, own, Some(&national));
        let chart = shown(&own);
        // Only the benchmark's 2017 value is provisional: an open square,
        // and the legend says so with an open square, not a dot.
        assert_eq!(chart.svg.matches(r#"fill="white""#).count(), 1);
        assert!(chart.svg.contains(r##"<rect x="409.0""##), "{}", chart.svg);
        let shapes: Vec<Shape> = chart.words.legenda.iter().map(|l| l.vorm).collect();
        assert_eq!(
            shapes,
            [Shape::Punt, Shape::Vierkant, Shape::OpenVierkant],
            "{:?}",
            chart.words.legenda
        );
        // Both lines open: one legend item shows both marks.
        own[1].cbs = Some(CbsStatus::Voorlopig);
        let both = shown(&own);
        assert_eq!(both.svg.matches(r#"fill="white""#).count(), 2);
        let last = both.words.legenda.last().unwrap();
        assert_eq!(
            (last.vorm, last.tekst.as_str()),
            (Shape::OpenBeide, "voorlopig")
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

    #[test]
    fn a_change_of_a_fraction_of_a_percent_does_not_fill_the_chart() {
        // 12.750 to a target of 12.780: 0,2% more.
        let axis = Axis::new(12_750.0, 12_780.0);
        assert!(
            axis.max - axis.min >= 0.04 * 12_780.0,
            "{}..{}",
            axis.min,
            axis.max
        );
        assert!(axis.min <= 12_750.0 && axis.max >= 12_780.0);
        // A real change keeps its own range; values stay on their side of zero.
        assert_eq!(shown_range(162.0, 200.0), (162.0, 200.0));
        assert_eq!(shown_range(0.0, 0.01), (0.0, 0.01));
        let (from, to) = shown_range(0.1, 0.1);
        assert!(from >= 0.0 && to > 0.1);
        assert_eq!(shown_range(-10.0, -10.0).1, -9.8);
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
    fn a_sparkline_of_two_points_stays_inside_its_box() {
        let labels = Labels::for_language(Taal::Nl);
        let target = pt("2017", 2.5);
        let base = pt("2012", 2.47);
        let cases: [(&[Point], Option<&Point>, Option<&Point>); 4] = [
            (&[pt("2012", 2.47), pt("2013", 2.47)], None, Some(&target)),
            (
                &[pt("2012", 2.47), pt("2013", 2.4)],
                Some(&base),
                Some(&target),
            ),
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
    fn a_lone_value_gets_no_sparkline() {
        let labels = Labels::for_language(Taal::Nl);
        let one = [pt("2015", 760.0)];
        let target = pt("2018", 800.0);
        // Its target, in another year, gives it no course either.
        for streefwaarde in [None, Some(&target)] {
            let trend = Trend {
                area: "Culemborg",
                points: &one,
                benchmark: None,
                nulmeting: None,
                streefwaarde,
                decimals: 0,
                unit: None,
            };
            assert!(sparkline(&trend, &labels).is_none());
        }
    }

    #[test]
    fn bars_grow_from_zero_on_one_scale() {
        let spans = bar_spans(&[5.0, 10.0, 0.0]);
        assert_eq!(spans[0], Span { van: 0.0, tot: 0.5 });
        // Not -0.0, which the data model would write as such.
        assert!(spans[0].van.is_sign_positive(), "{:?}", spans[0]);
        assert_eq!(spans[1], Span { van: 0.0, tot: 1.0 });
        assert_eq!(spans[2].van, 0.0);
        assert!(spans[2].tot > 0.0, "a zero stays visible: {:?}", spans[2]);
        // A negative value runs left of zero, a positive one right of it.
        let spans = bar_spans(&[-2.0, 6.0]);
        assert_eq!(
            spans[0],
            Span {
                van: 0.0,
                tot: 0.25
            }
        );
        assert_eq!(
            spans[1],
            Span {
                van: 0.25,
                tot: 1.0
            }
        );
        assert!(bar_spans(&[0.0, 0.0]).iter().all(|s| s.tot <= 1.0));
    }

    #[test]
    fn a_trend_chart_carries_no_text_and_gives_its_words_beside_it() {
        let labels = Labels::for_language(Taal::Nl);
        let points = [pt("2015", 22.0), pt("2017", 24.5)];
        let base = pt("2015", 22.0);
        let chart = trend(
            &Trend {
                area: "<Oost & West>",
                points: &points,
                benchmark: None,
                nulmeting: Some(&base),
                streefwaarde: None,
                decimals: 1,
                unit: None,
            },
            &labels,
        )
        .unwrap();
        assert!(!chart.svg.contains("<text"), "{}", chart.svg);
        assert!(!chart.svg.contains("Oost"), "no user text in the SVG");
        let w = &chart.words;
        let ticks: Vec<&str> = w.waarden.iter().map(|t| t.tekst.as_str()).collect();
        assert_eq!(ticks, ["22", "23", "24", "25"]);
        // Higher values stand higher: a smaller fraction from the top.
        assert!(w.waarden.windows(2).all(|p| p[0].op > p[1].op));
        assert!(w.waarden.iter().all(|t| (0.0..=1.0).contains(&t.op)));
        let periods: Vec<&str> = w.perioden.iter().map(|t| t.tekst.as_str()).collect();
        assert_eq!(periods, ["2015", "2017"]);
        let legend: Vec<(Shape, &str)> = w
            .legenda
            .iter()
            .map(|l| (l.vorm, l.tekst.as_str()))
            .collect();
        assert_eq!(
            legend,
            [(Shape::Punt, "<Oost & West>"), (Shape::Ring, "nulmeting")]
        );
    }
}
