//! Date arithmetic with the readings of `docs/conventions.md` (C1–C6, C9).
//!
//! The pages never say whether their day counts are calendar or working days,
//! nor how a month is counted back from the 31st. The readings adopted here
//! are stated once, as the `CONVENTION_*` texts, and every plan that uses one
//! repeats it next to the date it produced.

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::plan::Lang;
use crate::rules::Period;

/// How "N days after D" is read.
pub const CONVENTION_DAYS_AFTER: &str =
    "Days are calendar days; \"N days after D\" is D + N days, and that day itself is still in time (docs/conventions.md, C1).";
/// How "N days before D" is read.
pub const CONVENTION_DAYS_BEFORE: &str =
    "Days are calendar days; \"N days before D\" is D − N days (docs/conventions.md, C2).";
/// How "N months before D" is read.
pub const CONVENTION_MONTHS_BEFORE: &str = "\"N months before D\" is the same day of the month N months earlier; where that day does not exist, the last day of that month (2027-08-31 − 6 months = 2027-02-28) (docs/conventions.md, C3).";
/// How the early-submission cutoff is read.
pub const CONVENTION_EARLY: &str = "Too early means submitted before the cutoff day; submitting on the cutoff day itself is allowed (\"earlier than 6 months before\"). The stay is taken to begin on the stay start you gave, or else on the job start (docs/conventions.md, C4).";
/// How ages are counted.
pub const CONVENTION_AGE: &str = "Age is counted in completed years on the submission date; someone born on 29 February completes a year on 1 March in other years (docs/conventions.md, C5).";
/// How lengths of stay are counted.
pub const CONVENTION_STAY_LENGTH: &str =
    "A stay's length counts both its first and its last day (1 to 30 June is 30 days) (docs/conventions.md, C6).";
/// How "employed for N years or more" is read.
pub const CONVENTION_EMPLOYMENT_YEARS: &str = "An employment from D to E lasts N years or more when E is at least the day before D + N years, both days counted (1 March 2027 to 28 February 2031 is 4 years; to 27 February 2031, shorter) (docs/conventions.md, C9).";

/// [`CONVENTION_DAYS_AFTER`] in Danish.
pub const CONVENTION_DAYS_AFTER_DA: &str =
    "Dage er kalenderdage; \"N dage efter D\" er D + N dage, og den dag er stadig rettidig (docs/conventions.md, C1).";
/// [`CONVENTION_DAYS_BEFORE`] in Danish.
pub const CONVENTION_DAYS_BEFORE_DA: &str =
    "Dage er kalenderdage; \"N dage før D\" er D − N dage (docs/conventions.md, C2).";
/// [`CONVENTION_MONTHS_BEFORE`] in Danish.
pub const CONVENTION_MONTHS_BEFORE_DA: &str = "\"N måneder før D\" er samme dag i måneden N måneder tidligere; findes den dag ikke, den sidste dag i den måned (2027-08-31 − 6 måneder = 2027-02-28) (docs/conventions.md, C3).";
/// [`CONVENTION_EARLY`] in Danish (the page's own words stay in English).
pub const CONVENTION_EARLY_DA: &str = "For tidligt betyder indgivet før skæringsdagen; at indgive på selve skæringsdagen er tilladt (siden: \"tidligere end 6 måneder før\"). Opholdet regnes fra den opholdsstart, du har angivet, ellers fra jobstart (docs/conventions.md, C4).";
/// [`CONVENTION_AGE`] in Danish.
pub const CONVENTION_AGE_DA: &str = "Alder regnes i fuldførte år på indgivelsesdagen; den, der er født 29. februar, fylder år 1. marts i de andre år (docs/conventions.md, C5).";
/// [`CONVENTION_STAY_LENGTH`] in Danish.
pub const CONVENTION_STAY_LENGTH_DA: &str =
    "Et opholds længde tæller både første og sidste dag (1. til 30. juni er 30 dage) (docs/conventions.md, C6).";
/// [`CONVENTION_EMPLOYMENT_YEARS`] in Danish.
pub const CONVENTION_EMPLOYMENT_YEARS_DA: &str = "En ansættelse fra D til E varer N år eller mere, når E er mindst dagen før D + N år, begge dage medregnet (1. marts 2027 til 28. februar 2031 er 4 år; til 27. februar 2031 kortere) (docs/conventions.md, C9).";

/// Each convention with its Danish text.
const CONVENTIONS_DA: [(&str, &str); 7] = [
    (CONVENTION_EMPLOYMENT_YEARS, CONVENTION_EMPLOYMENT_YEARS_DA),
    (CONVENTION_DAYS_AFTER, CONVENTION_DAYS_AFTER_DA),
    (CONVENTION_DAYS_BEFORE, CONVENTION_DAYS_BEFORE_DA),
    (CONVENTION_MONTHS_BEFORE, CONVENTION_MONTHS_BEFORE_DA),
    (CONVENTION_EARLY, CONVENTION_EARLY_DA),
    (CONVENTION_AGE, CONVENTION_AGE_DA),
    (CONVENTION_STAY_LENGTH, CONVENTION_STAY_LENGTH_DA),
];

/// `text` — one `CONVENTION_*` text or several joined — in `lang`.
///
/// ```
/// use permit_core::dates::{convention_in, CONVENTION_DAYS_AFTER, CONVENTION_DAYS_AFTER_DA};
/// use permit_core::plan::Lang;
/// assert_eq!(convention_in(CONVENTION_DAYS_AFTER, Lang::Da), CONVENTION_DAYS_AFTER_DA);
/// assert_eq!(convention_in(CONVENTION_DAYS_AFTER, Lang::En), CONVENTION_DAYS_AFTER);
/// ```
pub fn convention_in(text: &str, lang: Lang) -> String {
    match lang {
        Lang::En => text.to_owned(),
        Lang::Da => CONVENTIONS_DA
            .iter()
            .fold(text.to_owned(), |t, (en, da)| t.replace(en, da)),
    }
}

/// `d` plus `n` calendar days; `None` past the end of the calendar.
pub fn add_days(d: NaiveDate, n: u32) -> Option<NaiveDate> {
    d.checked_add_days(Days::new(u64::from(n)))
}

/// `d` minus `n` calendar days; `None` before the start of the calendar.
pub fn sub_days(d: NaiveDate, n: u32) -> Option<NaiveDate> {
    d.checked_sub_days(Days::new(u64::from(n)))
}

/// `d` minus `n` months, clamped to the last day of the month.
pub fn sub_months(d: NaiveDate, n: u32) -> Option<NaiveDate> {
    d.checked_sub_months(Months::new(n))
}

/// `d` plus `n` months, clamped to the last day of the month.
pub fn add_months(d: NaiveDate, n: u32) -> Option<NaiveDate> {
    d.checked_add_months(Months::new(n))
}

/// `d` minus a period of the pages.
pub fn sub_period(d: NaiveDate, p: Period) -> Option<NaiveDate> {
    match p {
        Period::Days(n) => sub_days(d, n),
        Period::Months(n) => sub_months(d, n),
    }
}

/// The convention that [`sub_period`] applies for `p`.
pub fn convention_before(p: Period) -> &'static str {
    match p {
        Period::Days(_) => CONVENTION_DAYS_BEFORE,
        Period::Months(_) => CONVENTION_MONTHS_BEFORE,
    }
}

/// Completed years from `birth` to `on` (0 when `on` is before the first birthday).
pub fn completed_years(birth: NaiveDate, on: NaiveDate) -> i32 {
    let mut years = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    years.max(0)
}

/// Whether an employment from `first` to `last` (both days counted) lasts
/// `years` years or more (docs/conventions.md, C9); `None` past the calendar.
pub fn lasts_years(first: NaiveDate, last: NaiveDate, years: u32) -> Option<bool> {
    let anniversary = add_months(first, years.checked_mul(12)?)?;
    Some(add_days(last, 1)? >= anniversary)
}

/// Length of a stay from `first` to `last`, both days counted.
pub fn stay_length_days(first: NaiveDate, last: NaiveDate) -> i64 {
    (last - first).num_days() + 1
}

/// Calendar days from `today` to `date` (negative when `date` has passed).
pub fn days_until(today: NaiveDate, date: NaiveDate) -> i64 {
    (date - today).num_days()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn months_clamp_to_month_end() {
        assert_eq!(sub_months(d("2027-08-31"), 6), Some(d("2027-02-28")));
        assert_eq!(sub_months(d("2028-08-31"), 6), Some(d("2028-02-29")));
        assert_eq!(sub_months(d("2027-03-31"), 6), Some(d("2026-09-30")));
        assert_eq!(sub_months(d("2027-07-15"), 6), Some(d("2027-01-15")));
    }

    #[test]
    fn ages_on_birthdays() {
        assert_eq!(completed_years(d("2009-03-01"), d("2027-02-28")), 17);
        assert_eq!(completed_years(d("2009-03-01"), d("2027-03-01")), 18);
        // leap-day births complete the year on 1 March
        assert_eq!(completed_years(d("2008-02-29"), d("2026-02-28")), 17);
        assert_eq!(completed_years(d("2008-02-29"), d("2026-03-01")), 18);
        assert_eq!(completed_years(d("2008-02-29"), d("2028-02-29")), 20);
    }

    #[test]
    fn stay_length_counts_both_ends() {
        assert_eq!(stay_length_days(d("2027-06-01"), d("2027-06-30")), 30);
        assert_eq!(stay_length_days(d("2027-01-01"), d("2027-01-01")), 1);
    }

    fn date() -> impl Strategy<Value = NaiveDate> {
        (0i64..(365 * 40)).prop_map(|n| d("2000-01-01") + chrono::Duration::days(n))
    }

    proptest! {
        #[test]
        fn sub_months_is_at_most_a_month_end_away(x in date(), n in 1u32..24) {
            let y = sub_months(x, n).unwrap();
            // same day, or clamped to a month end shorter than x's day
            if y.day() != x.day() {
                prop_assert!(y.day() < x.day());
                prop_assert_eq!(add_days(y, 1).unwrap().day(), 1);
            }
            let months = (x.year() - y.year()) * 12 + x.month() as i32 - y.month() as i32;
            prop_assert_eq!(months, n as i32);
        }

        #[test]
        fn add_then_sub_days_round_trips(x in date(), n in 0u32..2000) {
            prop_assert_eq!(sub_days(add_days(x, n).unwrap(), n).unwrap(), x);
            prop_assert_eq!(days_until(x, add_days(x, n).unwrap()), n as i64);
        }

        #[test]
        fn age_increases_exactly_on_birthday(birth in date(), years in 1i32..30) {
            // the day the person turns `years`
            let target = add_months(birth, (years * 12) as u32).unwrap();
            let bday = if birth.month() == 2 && birth.day() == 29 && target.day() == 28 {
                add_days(target, 1).unwrap()
            } else { target };
            prop_assert_eq!(completed_years(birth, bday), years);
            prop_assert_eq!(completed_years(birth, sub_days(bday, 1).unwrap()), years - 1);
        }
    }
}
