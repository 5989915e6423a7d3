//! Date arithmetic with the readings of `docs/conventions.md` (C1–C6, C9–C11).
//!
//! The pages never say whether their day counts are calendar or working days,
//! nor how a month is counted back from the 31st. The readings adopted here
//! are stated once, as the `CONVENTION_*` catalogue texts, and every plan
//! that uses one repeats it next to the date it produced.

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::plan::Lang;
use crate::rules::Period;

// The readings' texts are in the message catalogue (assets/messages,
// `convention.*`), in English and Danish: each constant is its key.

/// How "N days after D" is read (C1).
pub const CONVENTION_DAYS_AFTER: &str = "convention.days_after";
/// How "N days before D" is read (C2).
pub const CONVENTION_DAYS_BEFORE: &str = "convention.days_before";
/// How "N months before D" is read (C3).
pub const CONVENTION_MONTHS_BEFORE: &str = "convention.months_before";
/// How the early-submission cutoff is read (C4); its text takes the
/// page's `{months}` ([`convention_with`]).
pub const CONVENTION_EARLY: &str = "convention.early";
/// How ages are counted (C5).
pub const CONVENTION_AGE: &str = "convention.age";
/// How lengths of stay are counted (C6).
pub const CONVENTION_STAY_LENGTH: &str = "convention.stay_length";
/// How "employed for N years or more" is read (C9).
pub const CONVENTION_EMPLOYMENT_YEARS: &str = "convention.employment_years";
/// The same reading as one plain sentence, for a statement that names it in
/// passing (the first permit's length); the full reading is
/// [`CONVENTION_EMPLOYMENT_YEARS`].
pub const CONVENTION_EMPLOYMENT_YEARS_PLAIN: &str = "convention.employment_years.plain";
/// How "before your permit expires" is read (C10).
pub const CONVENTION_BEFORE_EXPIRY: &str = "convention.before_expiry";
/// How "abroad for longer than N successive months" is read (C11).
pub const CONVENTION_ABROAD_MONTHS: &str = "convention.abroad_months";

/// `keys` — one `CONVENTION_*` key, or several joined by spaces — as text
/// in `lang`.
///
/// ```
/// use permit_core::dates::{convention_in, CONVENTION_DAYS_AFTER, CONVENTION_AGE};
/// use permit_core::plan::Lang;
/// assert!(convention_in(CONVENTION_DAYS_AFTER, Lang::En).starts_with("Days are calendar days"));
/// assert!(convention_in(CONVENTION_DAYS_AFTER, Lang::Da).starts_with("Dage er kalenderdage"));
/// let both = convention_in(&format!("{CONVENTION_DAYS_AFTER} {CONVENTION_AGE}"), Lang::En);
/// assert!(both.contains("still in time. Age is counted"));
/// ```
pub fn convention_in(keys: &str, lang: Lang) -> String {
    convention_with(keys, lang, &[])
}

/// [`convention_in`] with the parameters a text names (`{months}` of
/// [`CONVENTION_EARLY`]).
pub fn convention_with(keys: &str, lang: Lang, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut texts = keys
        .split_whitespace()
        .map(|key| crate::messages::text(lang, key, args));
    let mut out = texts.next().unwrap_or_default();
    for t in texts {
        out.push(' ');
        out.push_str(&t);
    }
    out
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

/// The last day of a permit valid for `years` years from `from`: the day
/// before `from` + `years` years (docs/conventions.md, C9, the reading of an
/// employment's length applied to a permit's); `None` past the calendar.
pub fn years_end(from: NaiveDate, years: u32) -> Option<NaiveDate> {
    sub_days(add_months(from, years.checked_mul(12)?)?, 1)
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
    #[test]
    fn every_convention_is_in_the_catalogue_and_the_early_one_names_the_pages_months() {
        for key in [
            CONVENTION_DAYS_AFTER,
            CONVENTION_DAYS_BEFORE,
            CONVENTION_MONTHS_BEFORE,
            CONVENTION_EARLY,
            CONVENTION_AGE,
            CONVENTION_STAY_LENGTH,
            CONVENTION_EMPLOYMENT_YEARS,
            CONVENTION_EMPLOYMENT_YEARS_PLAIN,
            CONVENTION_BEFORE_EXPIRY,
            CONVENTION_ABROAD_MONTHS,
        ] {
            assert!(crate::messages::has(key), "{key}");
            // People read the reading itself, never our file or its
            // section numbers (issue 25, item 12): docs/conventions.md
            // keeps those for developers.
            for lang in [Lang::En, Lang::Da] {
                let text = convention_in(key, lang);
                assert!(
                    !text.contains("docs/") && !text.contains(".md"),
                    "{key}: {text}"
                );
                assert!(
                    !text
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|w| w.len() >= 2
                            && w.starts_with('C')
                            && w[1..].chars().all(|c| c.is_ascii_digit())),
                    "{key}: {text}"
                );
            }
        }
        let early = convention_with(CONVENTION_EARLY, Lang::En, &[("months", &7)]);
        assert!(early.contains("earlier than 7 months before"), "{early}");
        let early = convention_with(CONVENTION_EARLY, Lang::Da, &[("months", &7)]);
        assert!(early.contains("tidligere end 7 måneder før"), "{early}");
    }

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
