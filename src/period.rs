//! Reporting periods: a year (`2017`), a quarter (`2017-Q3`) or a month
//! (`2017-09`), as FORMAT.md section 3 writes them.
//!
//! Periods of different granularity are compared by their last month, so
//! "the latest value at or before the end of P" has one meaning whatever
//! mix of periods a user writes.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

/// How finely a period divides the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Granularity {
    Year,
    Quarter,
    Month,
}

/// One reporting period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    Year(i32),
    Quarter(i32, u8),
    Month(i32, u8),
}

/// The years kompas accepts; outside them a period is almost surely a typo.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

impl Period {
    /// The granularity this period is written in.
    pub fn granularity(self) -> Granularity {
        match self {
            Period::Year(_) => Granularity::Year,
            Period::Quarter(..) => Granularity::Quarter,
            Period::Month(..) => Granularity::Month,
        }
    }

    /// The calendar year the period lies in.
    pub fn year(self) -> i32 {
        match self {
            Period::Year(y) | Period::Quarter(y, _) | Period::Month(y, _) => y,
        }
    }

    /// First month of the period, counted from year 0 (`year * 12 + month - 1`).
    pub fn first_month(self) -> i64 {
        let y = i64::from(self.year()) * 12;
        match self {
            Period::Year(_) => y,
            Period::Quarter(_, q) => y + i64::from(q - 1) * 3,
            Period::Month(_, m) => y + i64::from(m - 1),
        }
    }

    /// Last month of the period, counted like [`Period::first_month`].
    pub fn last_month(self) -> i64 {
        let y = i64::from(self.year()) * 12;
        match self {
            Period::Year(_) => y + 11,
            Period::Quarter(_, q) => y + i64::from(q) * 3 - 1,
            Period::Month(_, m) => y + i64::from(m - 1),
        }
    }

    /// The period just before this one, of the same granularity.
    pub fn previous(self) -> Period {
        match self {
            Period::Year(y) => Period::Year(y - 1),
            Period::Quarter(y, 1) => Period::Quarter(y - 1, 4),
            Period::Quarter(y, q) => Period::Quarter(y, q - 1),
            Period::Month(y, 1) => Period::Month(y - 1, 12),
            Period::Month(y, m) => Period::Month(y, m - 1),
        }
    }

    /// The period `n` steps before this one.
    pub fn back(self, n: u32) -> Period {
        (0..n).fold(self, |p, _| p.previous())
    }

    /// The period of granularity `g` that contains the end of this one.
    pub fn enclosing(self, g: Granularity) -> Period {
        let end = self.last_month();
        let year = end.div_euclid(12) as i32;
        let month = (end.rem_euclid(12) + 1) as u8;
        match g {
            Granularity::Year => Period::Year(year),
            Granularity::Quarter => Period::Quarter(year, month.div_ceil(3)),
            Granularity::Month => Period::Month(year, month),
        }
    }

    /// Whether this period ends at or before the end of `other`.
    pub fn ends_by(self, other: Period) -> bool {
        self.last_month() <= other.last_month()
    }

    /// Whether this period ended before the month of `date` began.
    pub fn ends_before(self, date: chrono::NaiveDate) -> bool {
        use chrono::Datelike;
        self.last_month() < i64::from(date.year()) * 12 + i64::from(date.month0())
    }

    /// Whether a figure for this period is `verouderd` in a report on
    /// `report`: more than two periods (of this period's own length)
    /// before the report period (FORMAT.md section 5).
    pub fn is_stale_at(self, report: Period) -> bool {
        let limit = report.enclosing(self.granularity()).back(2);
        self.last_month() < limit.first_month()
    }

    /// The periods of granularity `g` that make up this one, in order
    /// (itself when `g` is not finer).
    pub fn parts(self, g: Granularity) -> Vec<Period> {
        if g <= self.granularity() {
            return vec![self];
        }
        let mut parts = Vec::new();
        let (first, last) = (self.first_month(), self.last_month());
        for m in first..=last {
            let p =
                Period::Month(m.div_euclid(12) as i32, (m.rem_euclid(12) + 1) as u8).enclosing(g);
            if parts.last() != Some(&p) {
                parts.push(p);
            }
        }
        parts
    }

    /// Orders by end, then by granularity, so sorting is total and stable.
    pub fn chronological(self, other: Period) -> Ordering {
        (self.last_month(), self.granularity()).cmp(&(other.last_month(), other.granularity()))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y}"),
            Period::Quarter(y, q) => write!(f, "{y}-Q{q}"),
            Period::Month(y, m) => write!(f, "{y}-{m:02}"),
        }
    }
}

/// Why a text is not a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodError;

impl fmt::Display for PeriodError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a period written 2017, 2017-Q3 or 2017-09")
    }
}

impl FromStr for Period {
    type Err = PeriodError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let (year, rest) = match s.split_once('-') {
            Some((y, r)) => (y, Some(r)),
            None => (s, None),
        };
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PeriodError);
        }
        let year: i32 = year.parse().map_err(|_| PeriodError)?;
        if !YEARS.contains(&year) {
            return Err(PeriodError);
        }
        let Some(rest) = rest else {
            return Ok(Period::Year(year));
        };
        let number = |digits: &str, max: u8| -> Result<u8, PeriodError> {
            if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit())
            {
                return Err(PeriodError);
            }
            let n: u8 = digits.parse().map_err(|_| PeriodError)?;
            if (1..=max).contains(&n) {
                Ok(n)
            } else {
                Err(PeriodError)
            }
        };
        if let Some(q) = rest.strip_prefix('Q').or_else(|| rest.strip_prefix('q')) {
            if q.len() != 1 {
                return Err(PeriodError);
            }
            return Ok(Period::Quarter(year, number(q, 4)?));
        }
        if rest.len() != 2 {
            return Err(PeriodError);
        }
        Ok(Period::Month(year, number(rest, 12)?))
    }
}

/// How provisional a figure is, as CBS marks a period: `2017*` is
/// voorlopig, `2017**` nader voorlopig.
pub fn cbs_mark(stars: usize) -> Option<&'static str> {
    match stars {
        1 => Some("voorlopig"),
        2 => Some("nader-voorlopig"),
        _ => None,
    }
}

/// A period as a table may write it: as FORMAT.md section 3 does, or as
/// CBS does (`2017JJ00`, `2017KW04`, `2017MM09`), followed by CBS's
/// provisional marks (`*` or `**`), whose number is returned with it.
pub fn parse_table_period(text: &str) -> Result<(Period, usize), PeriodError> {
    let text = text.trim();
    let bare = text.trim_end_matches('*');
    let stars = text.len() - bare.len();
    if stars > 2 {
        return Err(PeriodError);
    }
    let period = match (bare.get(..4), bare.get(4..6), bare.get(6..)) {
        (Some(year), Some(code), Some(n)) if bare.len() == 8 && !bare.contains('-') => {
            let code = code.to_ascii_uppercase();
            let form = match code.as_str() {
                "JJ" if n == "00" => year.to_owned(),
                "KW" => format!("{year}-Q{}", n.strip_prefix('0').ok_or(PeriodError)?),
                "MM" => format!("{year}-{n}"),
                _ => return Err(PeriodError),
            };
            form.parse()?
        }
        _ => bare.parse()?,
    };
    Ok((period, stars))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        s.parse().unwrap()
    }

    #[test]
    fn a_figure_is_verouderd_more_than_two_periods_back() {
        assert!(!p("2015").is_stale_at(p("2017")));
        assert!(p("2014").is_stale_at(p("2017")));
        // In its own rhythm: quarters against a quarterly report.
        assert!(!p("2017-Q2").is_stale_at(p("2017-Q4")));
        assert!(p("2017-Q1").is_stale_at(p("2017-Q4")));
        // A yearly figure in a quarterly report: the year holding it.
        assert!(!p("2016").is_stale_at(p("2017-Q1")));
        assert!(p("2016-09").is_stale_at(p("2016-12")));
    }

    #[test]
    fn a_period_ends_before_the_month_of_a_date() {
        let date = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert!(p("2018-Q1").ends_before(date(2018, 4, 1)));
        assert!(!p("2018-Q1").ends_before(date(2018, 3, 31)));
        assert!(!p("2018-Q2").ends_before(date(2018, 4, 12)));
        assert!(p("2017").ends_before(date(2018, 1, 1)));
        assert!(!p("2018-03").ends_before(date(2018, 3, 1)));
    }

    #[test]
    fn the_parts_of_a_period() {
        let parts = |s: &str, g| {
            p(s).parts(g)
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            parts("2017", Granularity::Quarter),
            ["2017-Q1", "2017-Q2", "2017-Q3", "2017-Q4"]
        );
        assert_eq!(
            parts("2017-Q3", Granularity::Month),
            ["2017-07", "2017-08", "2017-09"]
        );
        assert_eq!(parts("2017", Granularity::Month).len(), 12);
        assert_eq!(parts("2017-Q3", Granularity::Year), ["2017-Q3"]);
    }

    #[test]
    fn parses_the_three_forms() {
        assert_eq!(p("2017"), Period::Year(2017));
        assert_eq!(p("2017-Q3"), Period::Quarter(2017, 3));
        assert_eq!(p("2017-09"), Period::Month(2017, 9));
        assert_eq!(p("2017-09").to_string(), "2017-09");
        assert_eq!(p("2017-q1").to_string(), "2017-Q1");
    }

    #[test]
    fn refuses_what_is_not_a_period() {
        for bad in [
            "",
            "17",
            "2017-Q5",
            "2017-Q0",
            "2017-13",
            "2017-00",
            "2017-9",
            "2017-Q12",
            "20x7",
            "2017-",
            "2017-Q",
            "2017-09-01",
            "0017",
            "99999",
            "2017/09",
        ] {
            assert_eq!(bad.parse::<Period>(), Err(PeriodError), "{bad:?}");
        }
    }

    #[test]
    fn reads_cbs_periods_and_marks() {
        let t = |s: &str| parse_table_period(s).map(|(p, n)| (p.to_string(), n));
        assert_eq!(t("2017JJ00"), Ok(("2017".into(), 0)));
        assert_eq!(t("2017KW04"), Ok(("2017-Q4".into(), 0)));
        assert_eq!(t("2017MM09*"), Ok(("2017-09".into(), 1)));
        assert_eq!(t(" 2024** "), Ok(("2024".into(), 2)));
        assert_eq!(t("2017-Q3"), Ok(("2017-Q3".into(), 0)));
        for bad in [
            "2017***",
            "2017JJ01",
            "2017KW05",
            "2017KW10",
            "2017MM13",
            "2017HJ01",
            "*",
            "2017-Q3JJ",
        ] {
            assert_eq!(parse_table_period(bad), Err(PeriodError), "{bad:?}");
        }
    }

    #[test]
    fn compares_by_end() {
        assert!(p("2017-Q3").ends_by(p("2017")));
        assert!(p("2017").ends_by(p("2017-Q4")));
        assert!(!p("2017").ends_by(p("2017-Q3")));
        assert!(p("2017-09").ends_by(p("2017-Q3")));
        assert!(!p("2017-10").ends_by(p("2017-Q3")));
    }

    #[test]
    fn previous_periods() {
        assert_eq!(p("2017-Q1").previous(), p("2016-Q4"));
        assert_eq!(p("2017-Q4").previous(), p("2017-Q3"));
        assert_eq!(p("2017").previous(), p("2016"));
        assert_eq!(p("2017-01").previous(), p("2016-12"));
        assert_eq!(p("2017-Q3").back(2), p("2017-Q1"));
    }
}
