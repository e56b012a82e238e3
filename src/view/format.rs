//! Numbers and dates as a Dutch reader writes them: `24,0`, `12,5%`,
//! `€ 91.250`, `12 april 2018`.

use chrono::{Datelike, NaiveDate};

use super::labels::Labels;

/// A number with `decimals` decimals, `.` between thousands, `,` before decimals.
pub fn number(value: f64, decimals: u8) -> String {
    let text = format!("{:.*}", usize::from(decimals), value.abs());
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (text.as_str(), None),
    };
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(digit);
    }
    if let Some(fraction) = fraction {
        grouped.push(',');
        grouped.push_str(fraction);
    }
    let is_zero = grouped.chars().all(|c| matches!(c, '0' | '.' | ','));
    if value < 0.0 && !is_zero {
        format!("-{grouped}")
    } else {
        grouped
    }
}

/// An amount in euro, whole euros: `€ 91.250`.
pub fn euro(value: f64) -> String {
    format!("€ {}", number(value, 0))
}

/// A signed difference in euro: `+ € 20.000`, `- € 20.000`, `€ 0`.
pub fn euro_difference(value: f64) -> String {
    let amount = euro(value.abs());
    if number(value, 0) == "0" {
        amount
    } else if value > 0.0 {
        format!("+ {amount}")
    } else {
        format!("- {amount}")
    }
}

/// A value with its unit: `%` and `euro` are formatted as such, any other
/// unit follows the number after a space.
pub fn with_unit(value: f64, decimals: u8, unit: Option<&str>) -> String {
    match unit.map(str::trim) {
        Some("%") => format!("{}%", number(value, decimals)),
        Some("euro") | Some("€") => {
            if decimals == 0 {
                euro(value)
            } else {
                format!("€ {}", number(value, decimals))
            }
        }
        Some(u) if !u.is_empty() => format!("{} {u}", number(value, decimals)),
        _ => number(value, decimals),
    }
}

/// A date in words: `12 april 2018`.
pub fn date(date: NaiveDate, labels: &Labels) -> String {
    let month = labels.months[date.month0() as usize];
    format!("{} {month} {}", date.day(), date.year())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Taal;

    #[test]
    fn dutch_numbers() {
        assert_eq!(number(24.0, 1), "24,0");
        assert_eq!(number(91250.0, 0), "91.250");
        assert_eq!(number(1234567.891, 2), "1.234.567,89");
        assert_eq!(number(999.0, 0), "999");
        assert_eq!(number(1000.0, 0), "1.000");
        assert_eq!(number(-3.26, 1), "-3,3");
        assert_eq!(number(-0.04, 1), "0,0");
        assert_eq!(number(0.5, 0), "0");
        assert_eq!(number(33.45, 1), "33,5");
    }

    #[test]
    fn units() {
        assert_eq!(with_unit(12.5, 1, Some("%")), "12,5%");
        assert_eq!(with_unit(91250.0, 0, Some("euro")), "€ 91.250");
        assert_eq!(
            with_unit(32.0, 1, Some("per 1.000 inwoners")),
            "32,0 per 1.000 inwoners"
        );
        assert_eq!(with_unit(7.0, 0, None), "7");
        assert_eq!(euro_difference(-20000.0), "- € 20.000");
        assert_eq!(euro_difference(1500.0), "+ € 1.500");
        assert_eq!(euro_difference(0.2), "€ 0");
    }

    #[test]
    fn dutch_dates() {
        let labels = Labels::for_language(Taal::Nl);
        let d = NaiveDate::from_ymd_opt(2018, 4, 12).unwrap();
        assert_eq!(date(d, &labels), "12 april 2018");
    }
}
