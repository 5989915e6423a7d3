//! Formatting of money and dates for people, in English or Danish
//! (`DKK 1,234.56` / `1.234,56 kr.`, `25 Dec 2026` / `25. dec. 2026`).

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::plan::Lang;

/// Money with two decimals and the language's separators.
///
/// ```
/// use permit_core::{format::money, plan::Lang};
/// use rust_decimal::Decimal;
/// assert_eq!(money(Lang::En, Decimal::new(123456, 2)), "DKK 1,234.56");
/// assert_eq!(money(Lang::Da, Decimal::new(123456, 2)), "1.234,56 kr.");
/// ```
pub fn money(lang: Lang, amount: Decimal) -> String {
    let rounded = amount.round_dp(2);
    let negative = rounded.is_sign_negative() && !rounded.is_zero();
    let text = format!("{:.2}", rounded.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, "00"));
    let (thousands, decimal) = match lang {
        Lang::En => (',', '.'),
        Lang::Da => ('.', ','),
    };
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(thousands);
        }
        grouped.push(ch);
    }
    let sign = if negative { "-" } else { "" };
    match lang {
        Lang::En => format!("{sign}DKK {grouped}{decimal}{frac}"),
        Lang::Da => format!("{sign}{grouped}{decimal}{frac} kr."),
    }
}

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const MONTHS_DA: [&str; 12] = [
    "jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec.",
];

/// A date for people.
///
/// ```
/// use permit_core::{format::date, plan::Lang};
/// let d = chrono::NaiveDate::from_ymd_opt(2026, 12, 25).unwrap();
/// assert_eq!(date(Lang::En, d), "25 Dec 2026");
/// assert_eq!(date(Lang::Da, d), "25. dec. 2026");
/// ```
pub fn date(lang: Lang, d: NaiveDate) -> String {
    let m = d.month0() as usize;
    match lang {
        Lang::En => format!("{} {} {}", d.day(), MONTHS_EN[m], d.year()),
        Lang::Da => format!("{}. {} {}", d.day(), MONTHS_DA[m], d.year()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_formats() {
        assert_eq!(money(Lang::En, Decimal::new(48700000, 2)), "DKK 487,000.00");
        assert_eq!(money(Lang::Da, Decimal::new(48700000, 2)), "487.000,00 kr.");
        assert_eq!(money(Lang::En, Decimal::new(1, 2)), "DKK 0.01");
        assert_eq!(money(Lang::En, Decimal::new(100, 0)), "DKK 100.00");
        assert_eq!(
            money(Lang::Da, Decimal::new(-123456789, 2)),
            "-1.234.567,89 kr."
        );
    }
}
