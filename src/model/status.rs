//! Which value a report shows, and how an indicator is judged (FORMAT.md
//! section 5): the value shown for period P is the latest at or before the
//! end of P; its status compares it with the straight line from nulmeting
//! to streefwaarde.

use serde::Serialize;

use super::{Indicator, Movement, Point, Richting};
use crate::period::Period;

/// The judgement of an indicator or result, from best to worst; the
/// unjudged states come last, the one closest to a judgement first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    OpKoers,
    Aandacht,
    NietOpKoers,
    /// There is a nulmeting, but nothing measured after it: no evidence
    /// of progress either way.
    NogNietTeBeoordelen,
    /// The value it would rest on is more than two periods older than the
    /// report period: too old to say how things stand now.
    Verouderd,
    Gevolgd,
    GeenGegevens,
}

impl Status {
    /// Every status, in the order a summary counts them.
    pub const ALL: [Status; 7] = [
        Status::OpKoers,
        Status::Aandacht,
        Status::NietOpKoers,
        Status::NogNietTeBeoordelen,
        Status::Verouderd,
        Status::Gevolgd,
        Status::GeenGegevens,
    ];

    /// Whether the status is a judgement against a target.
    pub fn is_judged(self) -> bool {
        matches!(
            self,
            Status::OpKoers | Status::Aandacht | Status::NietOpKoers
        )
    }

    /// Whether an indicator with this status was to be judged and could
    /// not be (yet): nothing after the nulmeting, too old, or no value.
    /// A followed indicator has no target: it is never to be judged.
    pub fn awaits_judgement(self) -> bool {
        matches!(
            self,
            Status::NogNietTeBeoordelen | Status::Verouderd | Status::GeenGegevens
        )
    }

    /// The status's stable key, as templates and the open data name it.
    pub fn key(self) -> &'static str {
        match self {
            Status::OpKoers => "op-koers",
            Status::Aandacht => "aandacht",
            Status::NietOpKoers => "niet-op-koers",
            Status::NogNietTeBeoordelen => "nog-niet-te-beoordelen",
            Status::Verouderd => "verouderd",
            Status::Gevolgd => "gevolgd",
            Status::GeenGegevens => "geen-gegevens",
        }
    }
}

impl Indicator {
    /// The latest value for `area` at or before the end of `period`.
    pub fn latest(&self, area: &str, period: Period) -> Option<&Point> {
        self.series(area)?
            .iter()
            .rev()
            .find(|p| p.periode.ends_by(period))
    }

    /// The values for `area`, oldest first.
    pub fn series(&self, area: &str) -> Option<&[Point]> {
        self.series
            .iter()
            .find(|(a, _)| a == area)
            .map(|(_, points)| points.as_slice())
    }

    /// Whether the indicator is only followed, never judged: it has no
    /// desired direction or no streefwaarde (FORMAT.md section 5).
    pub fn is_followed(&self) -> bool {
        self.richting == Richting::Neutraal || self.streefwaarde.is_none()
    }

    /// How a figure moved from `before` to `now`: better or worse for a
    /// judged indicator; for a followed one only whether it changed, since
    /// a change of a figure without a target is no verdict.
    pub fn movement(&self, before: f64, now: f64) -> Movement {
        if !self.is_followed() {
            self.richting.movement(before, now)
        } else if before == now {
            Movement::Same
        } else {
            Movement::Unjudged
        }
    }

    /// Judges one measured value by the rule of FORMAT.md section 5,
    /// against `base` (the nulmeting of the series judged) and the
    /// indicator's streefwaarde.
    pub fn judge(&self, point: &Point, base: Option<&Point>) -> Status {
        let Some(target) = self.streefwaarde.as_ref().filter(|_| !self.is_followed()) else {
            return Status::Gevolgd;
        };
        let richting = self.richting;
        let v = point.waarde;
        let Some(base) = base else {
            return if richting.at_least_as_good(v, target.waarde) {
                Status::OpKoers
            } else {
                Status::Aandacht
            };
        };
        if point.periode.last_month() <= base.periode.last_month() {
            return Status::NogNietTeBeoordelen;
        }
        let expected = expected_value(base, target, point.periode);
        if richting.at_least_as_good(v, expected) {
            Status::OpKoers
        } else if richting.better(base.waarde, v) {
            Status::NietOpKoers
        } else {
            Status::Aandacht
        }
    }
}

/// The value on the straight line from `base` to `target` at the end of
/// `at`, held flat before the baseline and after the target.
pub fn expected_value(base: &Point, target: &Point, at: Period) -> f64 {
    let from = base.periode.last_month() as f64;
    let to = target.periode.last_month() as f64;
    let now = at.last_month() as f64;
    if to <= from {
        return target.waarde;
    }
    let share = ((now - from) / (to - from)).clamp(0.0, 1.0);
    base.waarde + share * (target.waarde - base.waarde)
}

/// A result's status: the worst of its judged indicators; when none is
/// judged, the unjudged state closest to a judgement
/// (`nog niet te beoordelen`, `verouderd`, then `gevolgd`, then `geen
/// gegevens`).
/// Returns the position of the deciding status in `statuses` too.
pub fn worst(statuses: impl IntoIterator<Item = Status>) -> (Status, Option<usize>) {
    let statuses: Vec<Status> = statuses.into_iter().collect();
    let judged = statuses
        .iter()
        .enumerate()
        .filter(|(_, s)| s.is_judged())
        .max_by_key(|(i, s)| (**s, std::cmp::Reverse(*i)));
    let pick = judged.or_else(|| {
        [
            Status::NogNietTeBeoordelen,
            Status::Verouderd,
            Status::Gevolgd,
        ]
        .into_iter()
        .find_map(|want| statuses.iter().enumerate().find(|(_, s)| **s == want))
    });
    match pick {
        Some((i, s)) => (*s, Some(i)),
        None => (Status::GeenGegevens, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::period::Granularity;

    fn point(periode: &str, waarde: f64) -> Point {
        Point {
            periode: periode.parse().unwrap(),
            waarde,
            cbs: None,
        }
    }

    fn indicator(
        richting: Richting,
        nulmeting: Option<Point>,
        streefwaarde: Option<Point>,
        values: &[(&str, f64)],
    ) -> Indicator {
        Indicator {
            id: "x".into(),
            naam: "X".into(),
            eenheid: None,
            richting,
            frequentie: Granularity::Year,
            aggregatie: crate::model::Aggregatie::Laatste,
            decimalen: 1,
            bron: None,
            definitie: None,
            vergelijking: None,
            nulmeting,
            streefwaarde,
            series: vec![(
                "Culemborg".into(),
                values.iter().map(|(p, v)| point(p, *v)).collect(),
            )],
        }
    }

    fn p(s: &str) -> Period {
        s.parse().unwrap()
    }

    impl Indicator {
        /// The status of the latest value at or before `period`.
        fn status(&self, area: &str, period: Period) -> Status {
            match self.latest(area, period) {
                None => Status::GeenGegevens,
                Some(point) => self.judge(point, self.nulmeting.as_ref()),
            }
        }
    }

    #[test]
    fn shows_the_latest_value_at_or_before_the_period() {
        let ind = indicator(
            Richting::LagerIsBeter,
            None,
            None,
            &[("2015", 33.5), ("2016", 34.0), ("2017", 32.0)],
        );
        assert_eq!(ind.latest("Culemborg", p("2016")).unwrap().waarde, 34.0);
        assert_eq!(
            ind.latest("Culemborg", p("2019")).unwrap().periode,
            p("2017")
        );
        assert_eq!(
            ind.latest("Culemborg", p("2017-Q3")).unwrap().periode,
            p("2016")
        );
        assert!(ind.latest("Culemborg", p("2014")).is_none());
        assert!(ind.latest("Nederland", p("2017")).is_none());
    }

    #[test]
    fn quarter_values_are_selected_by_their_end() {
        let ind = indicator(
            Richting::HogerIsBeter,
            None,
            None,
            &[("2017-Q2", 1.0), ("2017-Q3", 2.0), ("2017-Q4", 3.0)],
        );
        assert_eq!(ind.latest("Culemborg", p("2017-Q3")).unwrap().waarde, 2.0);
        assert_eq!(ind.latest("Culemborg", p("2017-08")).unwrap().waarde, 1.0);
        assert_eq!(ind.latest("Culemborg", p("2017")).unwrap().waarde, 3.0);
    }

    #[test]
    fn no_value_means_geen_gegevens() {
        let ind = indicator(
            Richting::LagerIsBeter,
            Some(point("2015", 10.0)),
            Some(point("2019", 8.0)),
            &[("2018", 9.0)],
        );
        assert_eq!(ind.status("Culemborg", p("2017")), Status::GeenGegevens);
    }

    #[test]
    fn neutral_or_untargeted_indicators_are_followed() {
        let neutral = indicator(
            Richting::Neutraal,
            Some(point("2015", 10.0)),
            Some(point("2019", 8.0)),
            &[("2017", 9.0)],
        );
        assert_eq!(neutral.status("Culemborg", p("2017")), Status::Gevolgd);
        let untargeted = indicator(
            Richting::HogerIsBeter,
            Some(point("2015", 10.0)),
            None,
            &[("2017", 9.0)],
        );
        assert_eq!(untargeted.status("Culemborg", p("2017")), Status::Gevolgd);
    }

    #[test]
    fn lower_is_better_against_the_line() {
        // Line from 33.0 (2015) to 30.0 (2018): 32.0 expected in 2016, 31.0 in 2017.
        let make = |v: f64| {
            indicator(
                Richting::LagerIsBeter,
                Some(point("2015", 33.0)),
                Some(point("2018", 30.0)),
                &[("2017", v)],
            )
            .status("Culemborg", p("2017"))
        };
        assert_eq!(make(31.0), Status::OpKoers);
        assert_eq!(make(30.5), Status::OpKoers);
        assert_eq!(make(32.0), Status::Aandacht);
        assert_eq!(make(33.0), Status::Aandacht);
        assert_eq!(make(33.5), Status::NietOpKoers);
    }

    #[test]
    fn higher_is_better_against_the_line() {
        let make = |v: f64| {
            indicator(
                Richting::HogerIsBeter,
                Some(point("2016", 65.0)),
                Some(point("2020", 75.0)),
                &[("2018", v)],
            )
            .status("Culemborg", p("2018"))
        };
        assert_eq!(make(70.0), Status::OpKoers);
        assert_eq!(make(69.9), Status::Aandacht);
        assert_eq!(make(65.0), Status::Aandacht);
        assert_eq!(make(64.9), Status::NietOpKoers);
    }

    #[test]
    fn a_value_at_the_baselines_own_period() {
        let make = |v: f64| {
            indicator(
                Richting::HogerIsBeter,
                Some(point("2015", 50.0)),
                Some(point("2019", 60.0)),
                &[("2015", v)],
            )
            .status("Culemborg", p("2017"))
        };
        // The nulmeting itself (or an older value) is no evidence either way.
        assert_eq!(make(50.0), Status::NogNietTeBeoordelen);
        assert_eq!(make(49.0), Status::NogNietTeBeoordelen);
    }

    #[test]
    fn quarter_periods_interpolate_by_month() {
        // 2017-Q1 -> 2017-Q4 is 9 months; 2017-Q2 is a third of the way.
        let ind = indicator(
            Richting::HogerIsBeter,
            Some(point("2017-Q1", 10.0)),
            Some(point("2017-Q4", 19.0)),
            &[("2017-Q2", 13.0)],
        );
        assert_eq!(
            expected_value(
                ind.nulmeting.as_ref().unwrap(),
                ind.streefwaarde.as_ref().unwrap(),
                p("2017-Q2")
            ),
            13.0
        );
        assert_eq!(ind.status("Culemborg", p("2017-Q2")), Status::OpKoers);
    }

    #[test]
    fn values_after_the_target_period_must_reach_the_target() {
        let ind = indicator(
            Richting::LagerIsBeter,
            Some(point("2015", 33.0)),
            Some(point("2016", 30.0)),
            &[("2018", 31.0)],
        );
        assert_eq!(ind.status("Culemborg", p("2018")), Status::Aandacht);
    }

    #[test]
    fn target_only() {
        let make = |v: f64| {
            indicator(
                Richting::LagerIsBeter,
                None,
                Some(point("2019", 30.0)),
                &[("2017", v)],
            )
            .status("Culemborg", p("2017"))
        };
        assert_eq!(make(30.0), Status::OpKoers);
        assert_eq!(make(29.0), Status::OpKoers);
        assert_eq!(make(31.0), Status::Aandacht);
    }

    #[test]
    fn a_result_takes_the_worst_judged_status() {
        use Status::*;
        assert_eq!(worst([OpKoers, Aandacht, Gevolgd]), (Aandacht, Some(1)));
        assert_eq!(
            worst([OpKoers, NietOpKoers, GeenGegevens]),
            (NietOpKoers, Some(1))
        );
        assert_eq!(worst([Aandacht, OpKoers, Aandacht]), (Aandacht, Some(0)));
        assert_eq!(
            worst([Gevolgd, NogNietTeBeoordelen]),
            (NogNietTeBeoordelen, Some(1))
        );
        assert_eq!(worst([OpKoers, NogNietTeBeoordelen]), (OpKoers, Some(0)));
        assert_eq!(worst([Gevolgd, GeenGegevens]), (Gevolgd, Some(0)));
        assert_eq!(worst([GeenGegevens]), (GeenGegevens, None));
        assert_eq!(worst([]), (GeenGegevens, None));
    }
}
