//! Numbers, dates and periods as a reader of the report's language writes
//! them: Dutch `24,0`, `12,5%`, `€ 91.250`, `12 april 2018`, "vierde
//! kwartaal 2017", `2017-K4` in a table; English `24.0`, `12.5%`,
//! `€ 91,250`, `12 April 2018`, "fourth quarter of 2017", `2017 Q4`.
//!
//! A number and its unit are joined by a no-break space (`NBSP`), so a
//! line never breaks between `€` and the amount, or `12` and `inwoners`.

use chrono::{Datelike, NaiveDate};

use crate::model::Taal;
use crate::period::Period;

/// The no-break space between a number and its unit.
pub const NBSP: char = '\u{a0}';

/// What a cell with no value shows: an en dash, never a hyphen that
/// might be read as a minus.
pub const EMPTY: &str = "\u{2013}";
/// The minus sign of a negative number in a report (U+2212).
pub const MINUS: &str = "\u{2212}";

/// The marks between thousands and before decimals.
fn marks(taal: Taal) -> (char, char) {
    match taal {
        Taal::Nl => ('.', ','),
        Taal::En => (',', '.'),
    }
}

/// A number with `decimals` decimals and the language's marks. Numbers too
/// large for any municipality to mean are written in scientific form
/// rather than with invented digits.
///
/// A negative number has the minus sign (U+2212) that print uses, as wide
/// as the plus sign, rather than the hyphen a keyboard types.
pub fn number(taal: Taal, value: f64, decimals: u8) -> String {
    let (thousands, point) = marks(taal);
    if value.abs() > 1e15 {
        let text = format!("{value:.3e}");
        return text.replace('.', &point.to_string()).replace('-', MINUS);
    }
    let text = format!("{:.*}", usize::from(decimals), value.abs());
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (text.as_str(), None),
    };
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(thousands);
        }
        grouped.push(digit);
    }
    if let Some(fraction) = fraction {
        grouped.push(point);
        grouped.push_str(fraction);
    }
    let is_zero = grouped.chars().all(|c| c == '0' || !c.is_ascii_digit());
    if value < 0.0 && !is_zero {
        format!("{MINUS}{grouped}")
    } else {
        grouped
    }
}

/// An amount in whole euros: `€ 91.250` (`€ 91,250` in English).
pub fn euro(taal: Taal, value: f64) -> String {
    format!("€{NBSP}{}", number(taal, value, 0))
}

/// A value with its unit: `%` and `euro` are formatted as such, any other
/// unit follows the number after a space.
pub fn with_unit(taal: Taal, value: f64, decimals: u8, unit: Option<&str>) -> String {
    match unit_words(unit) {
        Some(u) => format!("{}{NBSP}{u}", number(taal, value, decimals)),
        None => with_unit_sign(taal, value, decimals, unit),
    }
}

/// A value with its unit only where the unit is a sign (`12,5%`,
/// `€ 91.250`): for a table that names the unit's words once.
pub fn with_unit_sign(taal: Taal, value: f64, decimals: u8, unit: Option<&str>) -> String {
    match unit.map(str::trim) {
        Some("%") => format!("{}%", number(taal, value, decimals)),
        Some("euro" | "€") => format!("€{NBSP}{}", number(taal, value, decimals)),
        _ => number(taal, value, decimals),
    }
}

/// A unit that is written as words after a number (`per 1.000
/// inwoners`); not a sign (`%`, `€`), and not a plain count, which needs
/// no word: `9`, not `9 aantal`.
pub fn unit_words(unit: Option<&str>) -> Option<&str> {
    match unit.map(str::trim) {
        Some("%" | "euro" | "€" | "aantal" | "count" | "number" | "") | None => None,
        Some(u) => Some(u),
    }
}

/// A change of a value, signed, with its unit: `+2,0 per 1.000
/// inwoners`, `−1,5 procentpunt`. A change of a percentage is in
/// procentpunt (percentage points), never in `%`, which would read as a
/// relative change.
pub fn change(taal: Taal, diff: f64, decimals: u8, unit: Option<&str>) -> String {
    let shown = number(taal, diff, decimals);
    let sign = if diff > 0.0 && shown.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "+"
    } else {
        ""
    };
    let points = match taal {
        Taal::Nl => "procentpunt",
        Taal::En => "percentage points",
    };
    match unit.map(str::trim) {
        Some("%") => format!("{sign}{shown}{NBSP}{points}"),
        _ => format!("{sign}{}", with_unit(taal, diff, decimals, unit)),
    }
}

const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month(taal: Taal, m: u8) -> &'static str {
    let names = match taal {
        Taal::Nl => &MONTHS_NL,
        Taal::En => &MONTHS_EN,
    };
    names[usize::from(m.clamp(1, 12) - 1)]
}

fn quarter(taal: Taal, q: u8) -> &'static str {
    let (nl, en) = match q {
        1 => ("eerste", "first"),
        2 => ("tweede", "second"),
        3 => ("derde", "third"),
        _ => ("vierde", "fourth"),
    };
    match taal {
        Taal::Nl => nl,
        Taal::En => en,
    }
}

/// A date in words: `12 april 2018`, `12 April 2018`.
pub fn date(taal: Taal, date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        month(taal, date.month() as u8),
        date.year()
    )
}

/// A period in words, as prose writes it: `2017`, "vierde kwartaal 2017",
/// "september 2017" ("fourth quarter of 2017").
pub fn period(taal: Taal, p: Period) -> String {
    match (p, taal) {
        (Period::Year(y), _) => y.to_string(),
        (Period::Quarter(y, q), Taal::Nl) => format!("{} kwartaal {y}", quarter(taal, q)),
        (Period::Quarter(y, q), Taal::En) => format!("{} quarter of {y}", quarter(taal, q)),
        (Period::Month(y, m), _) => format!("{} {y}", month(taal, m)),
    }
}

/// A period as a table or a chart axis writes it, short but not a code:
/// `2017`, `2017-K4` (Dutch kwartaal), `2017 Q4`, `2017-09`.
pub fn period_short(taal: Taal, p: Period) -> String {
    match (p, taal) {
        (Period::Quarter(y, q), Taal::Nl) => format!("{y}-K{q}"),
        (Period::Quarter(y, q), Taal::En) => format!("{y}{NBSP}Q{q}"),
        _ => p.to_string(),
    }
}

/// A period as a sentence names it after a preposition: "2017", "het
/// vierde kwartaal 2017", "the fourth quarter of 2017".
pub fn the_period(taal: Taal, p: Period) -> String {
    match (p, taal) {
        (Period::Quarter(..), Taal::Nl) => format!("het {}", period(taal, p)),
        (Period::Quarter(..), Taal::En) => format!("the {}", period(taal, p)),
        _ => period(taal, p),
    }
}

/// "in" and a period, as a sentence writes it: "in 2017", "in het vierde
/// kwartaal 2017", "in the fourth quarter of 2017".
pub fn in_period(taal: Taal, p: Period) -> String {
    format!("in {}", the_period(taal, p))
}

/// The periods from `first` to `last` in words: "eerste t/m derde
/// kwartaal 2017", "first to third quarter of 2017".
pub fn period_range(taal: Taal, first: Period, last: Period) -> String {
    if first == last {
        return period(taal, first);
    }
    let to = match taal {
        Taal::Nl => "t/m",
        Taal::En => "to",
    };
    match (first, last) {
        (Period::Quarter(y1, a), Period::Quarter(y2, b)) if y1 == y2 => match taal {
            Taal::Nl => format!(
                "{} {to} {} kwartaal {y1}",
                quarter(taal, a),
                quarter(taal, b)
            ),
            Taal::En => format!(
                "{} {to} {} quarter of {y1}",
                quarter(taal, a),
                quarter(taal, b)
            ),
        },
        (Period::Month(y1, a), Period::Month(y2, b)) if y1 == y2 => {
            format!("{} {to} {} {y1}", month(taal, a), month(taal, b))
        }
        _ => format!("{} {to} {}", period(taal, first), period(taal, last)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NL: Taal = Taal::Nl;
    const EN: Taal = Taal::En;

    #[test]
    fn dutch_numbers() {
        assert_eq!(number(NL, 24.0, 1), "24,0");
        assert_eq!(number(NL, 91250.0, 0), "91.250");
        assert_eq!(number(NL, 1234567.891, 2), "1.234.567,89");
        assert_eq!(number(NL, 999.0, 0), "999");
        assert_eq!(number(NL, 1000.0, 0), "1.000");
        assert_eq!(number(NL, -3.26, 1), "−3,3");
        assert_eq!(number(NL, -0.04, 1), "0,0");
        assert_eq!(number(NL, 0.5, 0), "0");
        assert_eq!(number(NL, 33.45, 1), "33,5");
    }

    #[test]
    fn english_numbers() {
        assert_eq!(number(EN, 24.0, 1), "24.0");
        assert_eq!(number(EN, 1234567.891, 2), "1,234,567.89");
        assert_eq!(euro(EN, 91250.0), "€\u{a0}91,250");
        assert_eq!(with_unit(EN, 12.5, 1, Some("%")), "12.5%");
    }

    #[test]
    fn huge_numbers_are_never_given_invented_digits() {
        assert_eq!(number(NL, 1e300, 0), "1,000e300");
        assert_eq!(number(EN, -2.5e20, 1), "−2.500e20");
    }

    #[test]
    fn units() {
        assert_eq!(with_unit(NL, 12.5, 1, Some("%")), "12,5%");
        assert_eq!(with_unit(NL, 91250.0, 0, Some("euro")), "€\u{a0}91.250");
        assert_eq!(
            with_unit(NL, 32.0, 1, Some("per 1.000 inwoners")),
            "32,0\u{a0}per 1.000 inwoners"
        );
        assert_eq!(with_unit(NL, 7.0, 0, None), "7");
    }

    #[test]
    fn changes_of_a_percentage_are_in_points() {
        assert_eq!(change(NL, 1.5, 1, Some("%")), "+1,5\u{a0}procentpunt");
        assert_eq!(
            change(EN, -2.0, 1, Some("%")),
            "−2.0\u{a0}percentage points"
        );
        assert_eq!(change(NL, 12.0, 0, Some("inwoners")), "+12\u{a0}inwoners");
        assert_eq!(change(NL, 0.01, 1, None), "0,0");
    }

    #[test]
    fn short_periods_are_no_codes() {
        let p = |s: &str| s.parse::<Period>().unwrap();
        assert_eq!(period_short(NL, p("2017-Q4")), "2017-K4");
        assert_eq!(period_short(EN, p("2017-Q4")), "2017\u{a0}Q4");
        assert_eq!(period_short(NL, p("2017")), "2017");
    }

    #[test]
    fn dates_and_periods_in_words() {
        let d = NaiveDate::from_ymd_opt(2018, 4, 12).unwrap();
        assert_eq!(date(NL, d), "12 april 2018");
        assert_eq!(date(EN, d), "12 April 2018");
        let p = |s: &str| s.parse::<Period>().unwrap();
        assert_eq!(period(NL, p("2017-Q4")), "vierde kwartaal 2017");
        assert_eq!(period(EN, p("2017-Q4")), "fourth quarter of 2017");
        assert_eq!(period(NL, p("2017-09")), "september 2017");
        assert_eq!(period(NL, p("2017")), "2017");
        assert_eq!(in_period(NL, p("2017-Q3")), "in het derde kwartaal 2017");
        assert_eq!(in_period(EN, p("2017-Q3")), "in the third quarter of 2017");
        assert_eq!(
            period_range(NL, p("2017-Q1"), p("2017-Q3")),
            "eerste t/m derde kwartaal 2017"
        );
        assert_eq!(
            period_range(EN, p("2017-01"), p("2017-03")),
            "January to March 2017"
        );
        assert_eq!(
            period_range(NL, p("2016-Q4"), p("2017-Q1")),
            "vierde kwartaal 2016 t/m eerste kwartaal 2017"
        );
    }
}
