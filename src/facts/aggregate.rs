//! The figure a report prints for one series: the latest value, or, for a
//! `som` or `gemiddelde` indicator in a report over a longer period, the
//! total or mean over that period (FORMAT.md section 5).

use crate::model::{Aggregatie, CbsStatus, Point};
use crate::period::{Granularity, Period};

/// One figure as a report prints it: a number and the period it stands for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figure {
    pub waarde: f64,
    /// The period the figure is for: the measured period, or, for an
    /// aggregate, the longer period it adds up.
    pub periode: Period,
    /// The CBS mark of the value (for an aggregate, the least final of
    /// its parts').
    pub cbs: Option<CbsStatus>,
    /// Set when the figure adds up several measured values.
    pub aggregaat: Option<Aggregaat>,
}

impl Figure {
    /// The figure's mark when it is not final yet: see
    /// [`Point::provisional`].
    pub fn provisional(&self) -> Option<CbsStatus> {
        self.as_point().provisional()
    }
}

/// What an aggregated figure holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Aggregaat {
    pub aggregatie: Aggregatie,
    /// The first and last measured periods it holds.
    pub van: Period,
    pub tot_en_met: Period,
    /// How many measured values it holds, and how many the period has.
    pub aantal: usize,
    pub compleet: bool,
}

impl Figure {
    /// A measured value, shown as it is.
    pub fn measured(p: &Point) -> Figure {
        Figure {
            waarde: p.waarde,
            periode: p.periode,
            cbs: p.cbs,
            aggregaat: None,
        }
    }

    /// The point the figure is, for judging and charts.
    pub fn as_point(&self) -> Point {
        Point {
            periode: self.periode,
            waarde: self.waarde,
            cbs: self.cbs,
        }
    }
}

/// The figure a report on `report` prints for `series` (oldest first):
/// the latest value at or before the end of the period; for `som` and
/// `gemiddelde` over values finer than the report period, the total or
/// mean over the report-length period that holds that latest value.
pub fn figure(series: &[Point], how: Aggregatie, report: Period) -> Option<Figure> {
    over(series, how, report.granularity(), report)
}

/// The latest value at or before the end of `cutoff`, or for `som` and
/// `gemiddelde` over values finer than `length`, the total or mean over
/// the period of that length which holds it, of the values up to `cutoff`.
pub fn over(
    series: &[Point],
    how: Aggregatie,
    length: Granularity,
    cutoff: Period,
) -> Option<Figure> {
    let latest = series.iter().rev().find(|p| p.periode.ends_by(cutoff))?;
    let finer = latest.periode.granularity() > length;
    if how == Aggregatie::Laatste || !finer {
        return Some(Figure::measured(latest));
    }
    let whole = latest.periode.enclosing(length);
    let parts: Vec<&Point> = series
        .iter()
        .filter(|p| {
            p.periode.granularity() == latest.periode.granularity()
                && p.periode.enclosing(length) == whole
                && p.periode.ends_by(cutoff)
        })
        .collect();
    let total: f64 = parts.iter().map(|p| p.waarde).sum();
    let waarde = match how {
        Aggregatie::Som => total,
        _ => total / parts.len() as f64,
    };
    let expected = whole.parts(latest.periode.granularity()).len();
    Some(Figure {
        waarde,
        periode: whole,
        // The least final mark of its parts: a total over a provisional
        // quarter is provisional.
        cbs: parts.iter().filter_map(|p| p.cbs).min(),
        aggregaat: Some(Aggregaat {
            aggregatie: how,
            van: parts.first()?.periode,
            tot_en_met: latest.periode,
            aantal: parts.len(),
            compleet: parts.len() == expected,
        }),
    })
}

/// The values of `series` a chart of a report on `report` draws: those up
/// to its end, or for `som` and `gemiddelde` over values finer than the
/// report's period, the total or mean of each whole period of that length
/// (each year's, for quarterly counts in an annual report), and of the
/// report's own period however far it has come: the figure the report
/// shows beside the chart, on one scale with it and the targets.
pub fn drawn(series: &[Point], how: Aggregatie, report: Period) -> Vec<Point> {
    let length = report.granularity();
    let shown: Vec<&Point> = series
        .iter()
        .filter(|p| p.periode.ends_by(report))
        .collect();
    if how == Aggregatie::Laatste || shown.iter().all(|p| p.periode.granularity() <= length) {
        return shown.into_iter().cloned().collect();
    }
    // Each whole period ends by the report's end: both are of its length.
    let mut wholes: Vec<Period> = shown.iter().map(|p| p.periode.enclosing(length)).collect();
    wholes.dedup();
    wholes
        .into_iter()
        .filter_map(|whole| {
            let figure = over(series, how, length, whole)?;
            let whole_or_own = figure.aggregaat.is_none_or(|a| a.compleet) || whole == report;
            whole_or_own.then_some(Point {
                periode: figure.periode,
                waarde: figure.waarde,
                cbs: figure.cbs,
            })
        })
        .collect()
}

/// Whether `target` is of the kind of the values `drawn` ([`drawn`]): a
/// yearly total as target beside quarterly counts is not; a mean or a
/// latest value is on the scale of its parts.
pub fn of_a_kind(target: &Point, drawn: &[Point], how: Aggregatie) -> bool {
    let length = target.periode.granularity();
    how != Aggregatie::Som || drawn.iter().all(|p| p.periode.granularity() <= length)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(values: &[(&str, f64)]) -> Vec<Point> {
        values
            .iter()
            .map(|(p, v)| Point {
                periode: p.parse().unwrap(),
                waarde: *v,
                cbs: None,
            })
            .collect()
    }

    fn p(s: &str) -> Period {
        s.parse().unwrap()
    }

    const QUARTERS: [(&str, f64); 5] = [
        ("2016-Q4", 7.0),
        ("2017-Q1", 8.0),
        ("2017-Q2", 9.0),
        ("2017-Q3", 6.0),
        ("2017-Q4", 11.0),
    ];

    #[test]
    fn a_year_of_quarters_adds_up_complete() {
        let f = figure(&series(&QUARTERS), Aggregatie::Som, p("2017")).unwrap();
        assert_eq!(f.waarde, 34.0);
        assert_eq!(f.periode, p("2017"));
        let a = f.aggregaat.unwrap();
        assert!(a.compleet);
        assert_eq!(
            (a.van, a.tot_en_met, a.aantal),
            (p("2017-Q1"), p("2017-Q4"), 4)
        );
    }

    #[test]
    fn a_total_over_a_provisional_quarter_is_provisional() {
        let mut quarters = series(&QUARTERS);
        let mark = |q: &mut Vec<Point>, at: &str, c| {
            q.iter_mut().find(|pt| pt.periode == p(at)).unwrap().cbs = Some(c);
        };
        mark(&mut quarters, "2017-Q4", CbsStatus::Definitief);
        mark(&mut quarters, "2017-Q2", CbsStatus::Voorlopig);
        let f = figure(&quarters, Aggregatie::Som, p("2017")).unwrap();
        assert_eq!(f.cbs, Some(CbsStatus::Voorlopig));
        assert_eq!(f.provisional(), Some(CbsStatus::Voorlopig));
        mark(&mut quarters, "2017-Q2", CbsStatus::Definitief);
        let f = figure(&quarters, Aggregatie::Som, p("2017")).unwrap();
        assert_eq!(f.provisional(), None);
    }

    #[test]
    fn an_incomplete_year_names_its_quarters() {
        let f = figure(&series(&QUARTERS[..4]), Aggregatie::Som, p("2017")).unwrap();
        assert_eq!(f.waarde, 23.0);
        let a = f.aggregaat.unwrap();
        assert!(!a.compleet);
        assert_eq!((a.van, a.tot_en_met), (p("2017-Q1"), p("2017-Q3")));
    }

    #[test]
    fn the_mean_of_months_over_a_quarter() {
        let months = series(&[("2017-07", 10.0), ("2017-08", 20.0), ("2017-09", 60.0)]);
        let f = figure(&months, Aggregatie::Gemiddelde, p("2017-Q3")).unwrap();
        assert_eq!(f.waarde, 30.0);
        assert_eq!(f.periode, p("2017-Q3"));
        assert!(f.aggregaat.unwrap().compleet);
    }

    /// Periods and values of `points`, to compare.
    fn read(points: &[Point]) -> Vec<(Period, f64)> {
        points.iter().map(|pt| (pt.periode, pt.waarde)).collect()
    }

    #[test]
    fn an_annual_chart_of_quarterly_counts_draws_whole_years_and_its_own() {
        let mut quarters = series(&QUARTERS);
        // A year of which only the last quarter is known (2015, 2016)
        // has no total to draw.
        quarters.insert(0, series(&[("2015-Q4", 5.0)])[0].clone());
        // A quarter after the report is not drawn.
        quarters.push(series(&[("2018-Q1", 40.0)])[0].clone());
        let years = drawn(&quarters, Aggregatie::Som, p("2017"));
        assert_eq!(read(&years), [(p("2017"), 34.0)]);
        // The report's own year is drawn as far as it has come, as the
        // figure beside the chart is.
        let so_far = drawn(&series(&QUARTERS[..4]), Aggregatie::Som, p("2017"));
        assert_eq!(read(&so_far), [(p("2017"), 23.0)]);
        // A quarterly letter draws the quarters; a stand, its values.
        let letter = drawn(&series(&QUARTERS), Aggregatie::Som, p("2017-Q4"));
        assert_eq!(letter.len(), 5);
        let stand = drawn(&series(&QUARTERS), Aggregatie::Laatste, p("2017"));
        assert_eq!(stand.len(), 5);
    }

    #[test]
    fn a_yearly_total_is_no_target_on_a_chart_of_quarters() {
        let quarters = series(&QUARTERS);
        let target = &series(&[("2018", 40.0)])[0];
        let letter = drawn(&quarters, Aggregatie::Som, p("2017-Q4"));
        assert!(!of_a_kind(target, &letter, Aggregatie::Som));
        // The annual report draws years: the target is one of them.
        let years = drawn(&quarters, Aggregatie::Som, p("2017"));
        assert!(of_a_kind(target, &years, Aggregatie::Som));
        // A mean or a stand is on the scale of its quarters.
        assert!(of_a_kind(target, &quarters, Aggregatie::Gemiddelde));
        assert!(of_a_kind(target, &quarters, Aggregatie::Laatste));
    }

    #[test]
    fn laatste_shows_the_latest_value() {
        let f = figure(&series(&QUARTERS), Aggregatie::Laatste, p("2017")).unwrap();
        assert_eq!((f.waarde, f.periode), (11.0, p("2017-Q4")));
        assert!(f.aggregaat.is_none());
    }

    #[test]
    fn a_report_period_as_long_as_the_frequency_shows_the_value() {
        let f = figure(&series(&QUARTERS), Aggregatie::Som, p("2017-Q3")).unwrap();
        assert_eq!((f.waarde, f.periode), (6.0, p("2017-Q3")));
        assert!(f.aggregaat.is_none());
        let years = series(&[("2016", 5.0), ("2017", 6.0)]);
        let f = figure(&years, Aggregatie::Som, p("2017")).unwrap();
        assert_eq!((f.waarde, f.periode), (6.0, p("2017")));
    }

    #[test]
    fn a_year_so_far_within_a_quarterly_report() {
        // The judgement of a yearly target in the fourth quarter's letter.
        let f = over(
            &series(&QUARTERS),
            Aggregatie::Som,
            Granularity::Year,
            p("2017-Q3"),
        )
        .unwrap();
        assert_eq!((f.waarde, f.periode), (23.0, p("2017")));
        assert!(!f.aggregaat.unwrap().compleet);
    }

    #[test]
    fn no_value_in_the_report_year_adds_up_the_latest_year() {
        let f = figure(&series(&QUARTERS[..1]), Aggregatie::Som, p("2017")).unwrap();
        assert_eq!((f.waarde, f.periode), (7.0, p("2016")));
        assert!(!f.aggregaat.unwrap().compleet);
        assert!(figure(&series(&QUARTERS), Aggregatie::Som, p("2015")).is_none());
    }

    #[test]
    fn values_after_the_report_period_are_left_out() {
        // A quarterly report over monthly values: only months up to its end.
        let months = series(&[("2017-01", 1.0), ("2017-02", 2.0), ("2017-04", 4.0)]);
        let f = figure(&months, Aggregatie::Som, p("2017-Q1")).unwrap();
        assert_eq!(f.waarde, 3.0);
        assert!(!f.aggregaat.unwrap().compleet);
        // A jaarverslag over months of a year not yet complete.
        let f = figure(&months, Aggregatie::Som, p("2017")).unwrap();
        assert_eq!((f.waarde, f.periode), (7.0, p("2017")));
        assert_eq!(f.aggregaat.unwrap().aantal, 3);
    }
}
