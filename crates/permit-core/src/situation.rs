//! The applicant's situation: the raw input as a person or a file gives it
//! (every field optional), and its validation into a checked [`Situation`].
//!
//! Errors name the file, line, column and field, and say what is accepted.
//!
//! ```
//! use permit_core::situation::Situation;
//! let json = r#"{ "role": "employee", "scheme": "researcher",
//!                "employer": { "registered_in_denmark": true, "location": "denmark" },
//!                "dates": { "job_start": "2027-03-01" } }"#;
//! let s = Situation::from_json(json, "case.json").unwrap();
//! assert_eq!(s.dates.job_start.unwrap().0.to_string(), "2027-03-01");
//!
//! let err = Situation::from_json(r#"{ "role": "astronaut" }"#, "case.json").unwrap_err();
//! assert!(err.to_string().contains("case.json:1:"));
//! assert!(err.to_string().contains("`role`"));
//! ```

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::locate::locate_all;
use crate::messages::{Arg, Msg};

thread_local! {
    /// The last amount or date error of a deserialisation on this thread:
    /// serde passes only its English text on, [`Situation::from_json`]
    /// takes the message back from here to be written in any language.
    static LAST_VALUE_ERROR: std::cell::RefCell<Option<Msg>> = const { std::cell::RefCell::new(None) };
}

/// `msg` as a serde error, kept for [`Situation::from_json`].
fn value_error<E: de::Error>(msg: Msg) -> E {
    let e = E::custom(&msg);
    LAST_VALUE_ERROR.with(|l| *l.borrow_mut() = Some(msg));
    e
}

/// The version of the situation format this build reads and writes.
pub const SITUATION_FORMAT: u32 = 1;

/// A date in the situation, written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, ts_rs::TS)]
#[ts(export, type = "string")]
pub struct Date(pub NaiveDate);

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0.format("%Y-%m-%d"))
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        parse_date_msg(&s).map(Date).map_err(value_error)
    }
}

/// A date error: `key` with the text quoted and what a date field accepts.
fn date_error(key: &'static str, text: &str) -> Msg {
    Msg::new(key).with("text", text).arg(
        "expected",
        Arg::Msg(Box::new(Msg::new("input.date_expected"))),
    )
}

/// Parses a date the way every front end reads one (the case file, the CSV
/// import, the interview, the command line): ISO `2027-03-01`, or day first
/// as Danish writes it, `01-03-2027` or `01.03.2027`. A date with `/` is
/// read when only one of its readings is a day (`30/06/2031`) and refused
/// with both days named when the day and the month can be swapped
/// (`02/03/2028`); a day past its month's end (`2027-02-30`) is refused
/// naming the month's last day. The message quotes the text as given.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    parse_date_msg(text).map_err(|m| m.to_string())
}

/// [`parse_date`] with its error as a [`Msg`], to be written in the
/// user's language.
pub fn parse_date_msg(text: &str) -> Result<NaiveDate, Msg> {
    let t = text.trim();
    if t.contains('/') {
        // With "/" the day and the month can be swapped: a date that reads
        // as one day only is that day (`30/06/2031`: 30 cannot be a month);
        // one that reads as two asks which (issue 25, item 8).
        let parts: Vec<&str> = t.split('/').collect();
        let n: Vec<u32> = parts.iter().filter_map(|p| p.trim().parse().ok()).collect();
        let [a, b, y] = n.as_slice() else {
            return Err(date_error("input.not_a_date", text));
        };
        if parts.len() != 3 || parts[2].trim().len() != 4 {
            return Err(date_error("input.not_a_date", text));
        }
        let (a, b, y) = (*a, *b, *y);
        let day_first = calendar_day(y, b, a);
        let month_first = calendar_day(y, a, b);
        return match (day_first, month_first) {
            (Some(d), Some(m)) if d == m => Ok(d),
            (Some(d), Some(m)) => Err(date_error("input.date_slash_which", text)
                .arg("first", Arg::Date(d))
                .arg("second", Arg::Date(m))),
            (Some(d), None) | (None, Some(d)) => Ok(d),
            (None, None) => Err(past_month_end(text, y, b, a)
                .or_else(|| past_month_end(text, y, a, b))
                .unwrap_or_else(|| date_error("input.not_a_date", text))),
        };
    }
    let parts: Vec<&str> = t.split(['-', '.']).collect();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (y, m, d) = match parts.as_slice() {
        [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 && t.as_bytes()[4] == b'-' => {
            (*y, *m, *d)
        }
        [d, m, y] if y.len() == 4 && m.len() == 2 && d.len() == 2 => (*y, *m, *d),
        _ => return Err(date_error("input.not_a_date", text)),
    };
    if !(digits(y) && digits(m) && digits(d)) {
        return Err(date_error("input.not_a_date", text));
    }
    let (Ok(yy), Ok(mm), Ok(dd)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return Err(date_error("input.not_a_date", text));
    };
    calendar_day(yy, mm, dd).ok_or_else(|| {
        past_month_end(text, yy, mm, dd)
            .unwrap_or_else(|| date_error("input.not_a_calendar_day", text))
    })
}

/// The day `d` of month `m` of year `y`, if the calendar has it.
fn calendar_day(y: u32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
}

/// "… that month ends on 30 Jun 2031": for a day past the end of a real
/// month (`31-06-2031`), the message names the month's last day.
fn past_month_end(text: &str, y: u32, m: u32, d: u32) -> Option<Msg> {
    let first = calendar_day(y, m, 1)?;
    let last = first
        .checked_add_months(chrono::Months::new(1))?
        .pred_opt()?;
    (d > last.day() && d <= 31)
        .then(|| date_error("input.day_past_month_end", text).arg("last", Arg::Date(last)))
}

/// [`parse_date`] for an ISO date only (`YYYY-MM-DD`): the command line's
/// options (`--today`), where a day-first date is refused.
pub fn parse_iso_date(s: &str) -> Result<NaiveDate, String> {
    let b = s.as_bytes();
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        parse_date(s)
    } else {
        Err(format!(
            "`{s}` is not a date; write it as YYYY-MM-DD, e.g. 2027-03-01"
        ))
    }
}

/// An exact decimal amount (DKK, hours or per cent), from a JSON string
/// (`"487000.00"`) or number (`487000`), never through a float.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, ts_rs::TS)]
#[ts(export, type = "string")]
pub struct Amount(pub Decimal);

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        const EXPECT: &str = "an amount such as \"40583.33\"";
        fn check<E: de::Error>(text: &str) -> Result<Amount, E> {
            parse_amount_msg(text).map_err(value_error)
        }
        fn number<E: de::Error>(text: &str) -> Result<Amount, E> {
            parse_amount_as(text, true).map_err(value_error)
        }
        impl Visitor<'_> for V {
            type Value = Amount;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(EXPECT)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Amount, E> {
                check(v)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
                number(&v.to_string())
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
                number(&v.to_string())
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Amount, E> {
                // The shortest text that reads back as this float is what the
                // person wrote (serde_json keeps no more); parse it exactly.
                if !v.is_finite() {
                    return Err(value_error(amount_error(
                        "input.not_an_amount",
                        &v.to_string(),
                    )));
                }
                number(&v.to_string())
            }
        }
        d.deserialize_any(V)
    }
}

/// An amount error: `key` with the text quoted and what an amount field
/// accepts.
fn amount_error(key: &'static str, text: &str) -> Msg {
    Msg::new(key).with("text", text).arg(
        "expected",
        Arg::Msg(Box::new(Msg::new("input.amount_expected"))),
    )
}

/// Parses an amount exactly, from its text — the one amount parser every
/// front end uses (the case file, the CSV import, the interview):
///
/// - plain `487000`, `40583.33`, `40583,33`, `37.5`;
/// - grouped thousands, Danish `487.000,00` or English `487,000.00`, or
///   `1.234.567` without decimals;
/// - a plain number with an exponent (`4.058333e4`, as JSON may write it).
///
/// One separator followed by exactly three digits after one to three
/// digits (`487.000`, `1,005`) is refused as ambiguous: Danish and English
/// read it differently. At most two decimals, counted on the text itself
/// (trailing zeros aside) before any parsing, so no rounding can make
/// `40583.329999…` pass as `40583.33`; not negative; at most
/// [`crate::limits::MAX_AMOUNT`]. Every message quotes the text as given.
///
/// ```
/// use permit_core::situation::parse_amount;
/// assert_eq!(parse_amount("40.583,33").unwrap().0.to_string(), "40583.33");
/// assert_eq!(parse_amount("40,583.33").unwrap().0.to_string(), "40583.33");
/// assert!(parse_amount("487.000").unwrap_err().contains("ambiguous"));
/// ```
pub fn parse_amount(text: &str) -> Result<Amount, String> {
    parse_amount_msg(text).map_err(|m| m.to_string())
}

/// [`parse_amount`] with its error as a [`Msg`], to be written in the
/// user's language.
pub fn parse_amount_msg(text: &str) -> Result<Amount, Msg> {
    parse_amount_as(text, false)
}

/// [`parse_amount`]; with `number`, the text is a JSON number's, where `.`
/// is the decimal point and never ambiguous.
fn parse_amount_as(text: &str, number: bool) -> Result<Amount, Msg> {
    let t = text.trim();
    let bad = || amount_error("input.not_an_amount", text);
    let (negative, body) = match t.strip_prefix(['-', '\u{2212}']) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => {
            let e: i64 = body[i + 1..].parse().map_err(|_| bad())?;
            if !(-100..=100).contains(&e) || body[..i].contains(',') {
                return Err(bad());
            }
            (&body[..i], e)
        }
        None => (body, 0),
    };
    if mantissa.is_empty()
        || !mantissa
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return Err(bad());
    }
    let (int, frac) = if number || body.contains(['e', 'E']) {
        // JSON's exponent form: `.` is the decimal point.
        let (i, f) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        (i.to_owned(), f)
    } else {
        split_separators(text, mantissa)?
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (int.is_empty() && frac.is_empty()) || !digits(&int) || !digits(frac) {
        return Err(bad());
    }
    let decimals = frac.trim_end_matches('0').len() as i64 - exponent;
    let all_zero = int.bytes().chain(frac.bytes()).all(|b| b == b'0');
    if negative && !all_zero {
        return Err(amount_error("input.negative", text));
    }
    if decimals > 2 && !all_zero {
        return Err(amount_error("input.too_many_decimals", text));
    }
    let too_large = || {
        Msg::new("input.amount_too_large")
            .with("text", text)
            .arg("max", Arg::Money(crate::limits::MAX_AMOUNT))
    };
    // Digits beyond what any accepted amount has: refuse before parsing.
    if int.trim_start_matches('0').len() as i64 + exponent > 12 {
        return Err(too_large());
    }
    let plain = if frac.is_empty() {
        int
    } else {
        format!("{int}.{frac}")
    };
    let dec = if exponent == 0 {
        Decimal::from_str(&plain)
    } else {
        Decimal::from_scientific(&format!("{plain}e{exponent}"))
    }
    .map_err(|_| bad())?;
    if dec > crate::limits::MAX_AMOUNT {
        return Err(too_large());
    }
    Ok(Amount(dec.abs()))
}

/// Splits the unsigned digits and separators of an amount into the whole
/// part (thousands separators removed) and the decimals.
fn split_separators<'a>(text: &str, body: &'a str) -> Result<(String, &'a str), Msg> {
    let dots = body.matches('.').count();
    let commas = body.matches(',').count();
    let grouped = |int: &str, sep: char| -> bool {
        let groups: Vec<&str> = int.split(sep).collect();
        groups
            .first()
            .is_some_and(|g| !g.is_empty() && g.len() <= 3)
            && groups[1..].iter().all(|g| g.len() == 3)
            && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
    };
    if dots == 0 && commas == 0 {
        return Ok((body.to_owned(), ""));
    }
    if dots > 0 && commas > 0 {
        // Both: the last one separates the decimals, the other groups thousands.
        let Some(last) = body.rfind(['.', ',']) else {
            return Err(amount_error("input.not_an_amount", text));
        };
        let dec_sep = if body[last..].starts_with('.') {
            '.'
        } else {
            ','
        };
        let thou_sep = if dec_sep == '.' { ',' } else { '.' };
        let (int, dec) = (&body[..last], &body[last + 1..]);
        if int.contains(dec_sep) || !grouped(int, thou_sep) {
            return Err(amount_error("input.mixed_separators", text));
        }
        if dec.len() != 2 {
            return Err(amount_error("input.two_decimals_after", text).with("sep", dec_sep));
        }
        return Ok((int.replace(thou_sep, ""), dec));
    }
    let sep = if dots > 0 { '.' } else { ',' };
    if dots + commas > 1 {
        if !grouped(body, sep) {
            return Err(amount_error("input.group_thousands", text).with("sep", sep));
        }
        return Ok((body.replace(sep, ""), ""));
    }
    let Some((int, after)) = body.split_once(sep) else {
        return Err(amount_error("input.not_an_amount", text));
    };
    // `487.000`: thousands in Danish, decimals in English.
    let could_group = !int.is_empty() && int.len() <= 3 && !int.starts_with('0');
    if after.len() == 3 && could_group {
        let other = if sep == '.' { ',' } else { '.' };
        return Err(Msg::new("input.ambiguous")
            .with("text", text)
            .with("sep", sep)
            .with("plain", format!("{int}{after}"))
            .with("decimals", format!("{int}{sep}{after}{other}00")));
    }
    if int.is_empty() || after.is_empty() {
        return Err(amount_error("input.not_an_amount", text));
    }
    // `1,5000`: a misplaced thousands separator, not four decimals (a `.`
    // with more decimals is JSON's decimal point, `40583.330000`).
    if sep == ',' && after.len() > 3 {
        return Err(amount_error("input.group_thousands", text).with("sep", ','));
    }
    Ok((int.to_owned(), after))
}

/// Who is applying.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Employed by an employer in Denmark.
    Employee,
    /// Employed abroad, providing a service in Denmark.
    ServiceProvider,
    /// Self-employed (2011 page only: form AR2).
    SelfEmployed,
    /// Job seeker under the greencard scheme (2011 page only: form GR1).
    Greencard,
    /// Religious worker (2011 page only: form RF1).
    ReligiousWorker,
    /// A company applying for corporate approval (2011 page only: form AR4).
    CorporateApproval,
}

/// The work scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Scheme {
    /// Paid researcher position (page 003).
    Researcher,
    /// Special individual qualifications (page 004; service providers page 002).
    SpecialIndividualQualifications,
    /// Pay Limit Scheme.
    PayLimit,
    /// Supplementary Pay Limit Scheme.
    SupplementaryPayLimit,
    /// Guest researcher (another page, not covered).
    GuestResearcher,
    /// Ph.D. student (another page, not covered).
    PhdStudent,
}

/// Category under special individual qualifications.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum SiqCategory {
    /// Performer or artist.
    Artist,
    /// Professional athlete.
    Athlete,
    /// Coach.
    Coach,
    /// Specialised chef.
    Chef,
    /// Another job closely linked to the person.
    Other,
}

/// Where the employer is located.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Location {
    /// Denmark.
    Denmark,
    /// Another EU country.
    Eu,
    /// Outside the EU.
    NonEu,
}

/// Who holds a power of attorney to handle the application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash, Default, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum PowerOfAttorney {
    /// Nobody: the applicant fills in their own part.
    #[default]
    None,
    /// The employer.
    Employer,
    /// A third party (e.g. a relocation agent).
    ThirdParty,
}

/// Where the application is submitted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum ApplyingFrom {
    /// From abroad.
    Abroad,
    /// From Denmark (legally resident).
    Denmark,
}

/// The period a salary amount is stated for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum SalaryPeriod {
    /// A year.
    Year,
    /// A month.
    Month,
    /// A 37-hour working week.
    #[serde(rename = "week_37h")]
    Week37h,
    /// An hour.
    Hour,
}

/// A kind of salary component.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash, PartialOrd, Ord, ts_rs::TS,
)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum ComponentKind {
    /// Salary paid in money ("liquid assets").
    Cash,
    /// Fixed, guaranteed supplement paid in money.
    FixedSupplement,
    /// Labour-market pension paid by the employer.
    PensionEmployer,
    /// Labour-market pension paid by the applicant.
    PensionEmployee,
    /// Paid holiday allowance.
    HolidayAllowance,
    /// Paid canteen.
    Canteen,
    /// Free use of a car.
    Car,
    /// Paid phone.
    Phone,
    /// Paid internet.
    Internet,
    /// Paid living and housing expenses.
    Housing,
    /// Per diems.
    PerDiem,
    /// Benefits in kind.
    BenefitsInKind,
    /// Subscriptions.
    Subscription,
    /// Anything else the employer offers.
    Other,
}

impl ComponentKind {
    /// Every kind, in the order above.
    pub const ALL: [ComponentKind; 14] = [
        ComponentKind::Cash,
        ComponentKind::FixedSupplement,
        ComponentKind::PensionEmployer,
        ComponentKind::PensionEmployee,
        ComponentKind::HolidayAllowance,
        ComponentKind::Canteen,
        ComponentKind::Car,
        ComponentKind::Phone,
        ComponentKind::Internet,
        ComponentKind::Housing,
        ComponentKind::PerDiem,
        ComponentKind::BenefitsInKind,
        ComponentKind::Subscription,
        ComponentKind::Other,
    ];

    /// The kind's id, as written in situations and the rules data
    /// (`"holiday_allowance"`; the same as its serde name, tested).
    pub const fn id(self) -> &'static str {
        match self {
            ComponentKind::Cash => "cash",
            ComponentKind::FixedSupplement => "fixed_supplement",
            ComponentKind::PensionEmployer => "pension_employer",
            ComponentKind::PensionEmployee => "pension_employee",
            ComponentKind::HolidayAllowance => "holiday_allowance",
            ComponentKind::Canteen => "canteen",
            ComponentKind::Car => "car",
            ComponentKind::Phone => "phone",
            ComponentKind::Internet => "internet",
            ComponentKind::Housing => "housing",
            ComponentKind::PerDiem => "per_diem",
            ComponentKind::BenefitsInKind => "benefits_in_kind",
            ComponentKind::Subscription => "subscription",
            ComponentKind::Other => "other",
        }
    }
}

/// When a holiday allowance is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum PaidIn {
    /// In the year it is earned.
    SameYear,
    /// Only in the following year.
    FollowingYear,
}

/// Family relation to the applicant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// Spouse.
    Spouse,
    /// Registered partner.
    RegisteredPartner,
    /// Cohabiting partner.
    CohabitingPartner,
    /// Child.
    Child,
}

/// Translation state of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash, Default, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum TranslationState {
    /// Nothing done yet.
    #[default]
    None,
    /// A certified translation is ordered.
    Ordered,
    /// The certified translation is at hand.
    Translated,
}

/// Self-sufficiency category (page 004, athletes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum SponsorStatus {
    /// Single sponsor.
    SingleSponsor,
    /// Sponsor who is not a single sponsor.
    Sponsor,
    /// Person older than 30, or under 30 not living at home.
    Person,
    /// Person under 30 living with their parents.
    Under30AtHome,
}

/// How a side job relates to the main job: the distinctions the pages draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum SideJobRelation {
    /// Naturally related to the job as professional athlete or coach, e.g.
    /// teaching the sport (page 004).
    RelatedToSport,
    /// With a sponsor of the main employer (page 004, athletes and coaches).
    SponsorOfMainEmployer,
    /// With a business partner of the main employer that is not a sponsor
    /// (page 004 names it as not covered).
    BusinessPartnerOfMainEmployer,
    /// Substantially coherent with the main employment as a practising or
    /// performing artist (page 004).
    CoherentWithArtisticWork,
    /// Examiner or other examination tasks at a university (page 003).
    Examiner,
    /// None of these.
    Other,
}

/// A side job (sideline employment) besides the main job.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct SideJob {
    /// Whether the applicant has or plans a side job.
    pub planned: Option<bool>,
    /// The side job's employer, free text.
    pub employer: Option<String>,
    /// How the side job relates to the main job.
    pub relation: Option<SideJobRelation>,
}

/// Why a previous employment ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum JobEndReason {
    /// Cutbacks: the researcher page's own example of "no fault of your own".
    Cutbacks,
    /// Dismissed for another reason.
    Dismissed,
    /// The applicant resigned.
    Resigned,
    /// A fixed-term contract ran out.
    ContractExpired,
}

/// A change within the same company after the grant (issue 24).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum JobChangeKind {
    /// A new position (a promotion, other job content, a new research
    /// project).
    Position,
    /// Another place of work.
    PlaceOfWork,
}

impl JobChangeKind {
    /// Every kind, in the interview's order.
    pub const ALL: [JobChangeKind; 2] = [JobChangeKind::Position, JobChangeKind::PlaceOfWork];

    /// The id as written in a situation (`place_of_work`).
    pub fn id(self) -> &'static str {
        match self {
            JobChangeKind::Position => "position",
            JobChangeKind::PlaceOfWork => "place_of_work",
        }
    }
}

/// One change of the job within the same company that the user describes;
/// each gets its own answer in the plan.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct JobChange {
    /// What changes.
    pub kind: Option<JobChangeKind>,
    /// From when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// The change in the user's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// The case's labels.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct CaseInfo {
    /// A name for the case.
    pub name: Option<String>,
    /// The organisation's own reference.
    pub reference: Option<String>,
}

/// The applicant.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct Applicant {
    /// Full name.
    pub name: Option<String>,
    /// Date of birth.
    pub birth_date: Option<Date>,
    /// Whether the applicant has MitID.
    pub has_mitid: Option<bool>,
}

/// The employer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct Employer {
    /// Name.
    pub name: Option<String>,
    /// Registered in Denmark (CVR).
    pub registered_in_denmark: Option<bool>,
    /// Where it is located.
    pub location: Option<Location>,
    /// Country, free text.
    pub country: Option<String>,
}

/// The dates of the case.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct Dates {
    /// When the applicant plans to submit.
    pub planned_submission: Option<Date>,
    /// When the application was actually submitted.
    pub submitted: Option<Date>,
    /// When the stay in Denmark begins, if not the job start.
    pub stay_start: Option<Date>,
    /// First working day.
    pub job_start: Option<Date>,
    /// Last working day of the job.
    pub job_end: Option<Date>,
    /// When the permit was granted.
    pub permit_granted: Option<Date>,
    /// Entry into Denmark.
    pub entry: Option<Date>,
    /// Passport expiry.
    pub passport_expiry: Option<Date>,
    /// When the position was posted on Jobnet.dk and EURES.
    pub job_posted_jobnet_eures: Option<Date>,
    /// When employment ended (job loss).
    pub employment_ended: Option<Date>,
    /// The granted permit's expiry: its last day of validity, as the permit
    /// states it (the extension deadlines count from it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permit_expiry: Option<Date>,
    /// When the passport was renewed (after a permit it shortened).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passport_renewed: Option<Date>,
    /// The appointment booked to have the biometrics recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub biometrics_appointment: Option<Date>,
    /// When the job-seeking permit is (or was) applied for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_seeking_applied: Option<Date>,
    /// A stay abroad after the grant: the day of departure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abroad_from: Option<Date>,
    /// The stay abroad: the planned day of return to Denmark.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abroad_until: Option<Date>,
}

/// One salary component.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct Component {
    /// Kind.
    pub kind: Option<ComponentKind>,
    /// Amount in DKK for the salary's period.
    pub amount: Option<Amount>,
    /// Holiday allowance: when it is paid.
    pub paid_in: Option<PaidIn>,
    /// Holiday allowance: whether the current employer pays it.
    pub paid_by_current_employer: Option<bool>,
    /// Free text.
    pub description: Option<String>,
}

/// The salary offered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct Salary {
    /// The period every component's amount is stated for.
    pub period: Option<SalaryPeriod>,
    /// The components.
    #[serde(default)]
    pub components: Vec<Component>,
}

/// Working hours.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct Hours {
    /// Hours a week in the main job.
    pub per_week: Option<Amount>,
    /// Hours a week of sideline employment.
    pub sideline_per_week: Option<Amount>,
    /// Athletes: part time is usual in the sport.
    pub part_time_usual_in_sport: Option<bool>,
    /// Athletes: how many clubs employ the applicant.
    pub employing_clubs: Option<u32>,
}

/// A family member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct FamilyMember {
    /// Name.
    pub name: Option<String>,
    /// Relation.
    pub relation: Option<Relation>,
    /// Date of birth.
    pub birth_date: Option<Date>,
    /// Whether the child lives at home.
    pub living_at_home: Option<bool>,
}

/// A document's state, or a document of the user's own.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct DocumentState {
    /// Id of a document the pages name (see the plan's document list).
    pub id: Option<String>,
    /// True for a document the user adds (needs `name`).
    #[serde(default)]
    pub own: bool,
    /// Name of an own document.
    pub name: Option<String>,
    /// Language: ISO 639-1 code (`de`) or English name (`German`).
    pub language: Option<String>,
    /// Gathered.
    #[serde(default)]
    pub gathered: bool,
    /// Translation state.
    #[serde(default)]
    pub translation: TranslationState,
    /// Notes.
    pub notes: Option<String>,
}

/// The situation exactly as given: every field optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct RawSituation {
    /// Format version (1).
    pub format: Option<u32>,
    /// Case labels.
    #[serde(default)]
    pub case: CaseInfo,
    /// The applicant.
    #[serde(default)]
    pub applicant: Applicant,
    /// Role.
    pub role: Option<Role>,
    /// Scheme.
    pub scheme: Option<Scheme>,
    /// Category under special individual qualifications.
    pub siq_category: Option<SiqCategory>,
    /// The employer.
    #[serde(default)]
    pub employer: Employer,
    /// Power of attorney.
    pub power_of_attorney: Option<PowerOfAttorney>,
    /// Commuter who will not reside in Denmark.
    pub commuter: Option<bool>,
    /// Applying from abroad or from Denmark.
    pub applying_from: Option<ApplyingFrom>,
    /// Declares the ability to support self and family for the first month.
    pub self_support_declaration: Option<bool>,
    /// Submits at a Norwegian diplomatic mission.
    pub submission_at_norwegian_mission: Option<bool>,
    /// Already holds a Danish residence permit (for the bank-account rule).
    pub holds_danish_residence_permit: Option<bool>,
    /// Regulated profession needing a Danish authorisation (page 002).
    pub regulated_profession: Option<bool>,
    /// Researcher appointed as examiner (page 003).
    pub examiner_appointment: Option<bool>,
    /// Employment ended through no fault of the applicant (page 003).
    pub job_loss_through_no_fault: Option<bool>,
    /// Why the previous employment ended (page 003: "through no fault of
    /// your own, e.g. due to cutbacks").
    pub job_end_reason: Option<JobEndReason>,
    /// Applying from Denmark: whether the applicant is in Denmark legally
    /// (a visa, a visa-free stay, another residence permit).
    pub legal_residence_in_denmark: Option<bool>,
    /// A stay abroad after the grant: whether the Danish address is given up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub danish_address_given_up: Option<bool>,
    /// A stay abroad after the grant: whether the employer stations the
    /// holder abroad (the pages' ground for a dispensation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stationed_abroad_by_employer: Option<bool>,
    /// A stay abroad after the grant (researchers): whether the salary
    /// stated in the application is still received while abroad.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salary_while_abroad: Option<bool>,
    /// Service providers: how many stays in Denmark are planned in one year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stays_per_year: Option<u32>,
    /// Changes of the job within the same company after the grant.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub job_changes: Vec<JobChange>,
    /// A side job besides the main job.
    #[serde(default)]
    pub side_job: SideJob,
    /// Number of times a family member's permit was revoked for lack of a work permit (page 004).
    pub family_revocations_for_missing_work_permit: Option<u32>,
    /// Self-sufficiency category (page 004, athletes).
    pub sponsor_status: Option<SponsorStatus>,
    /// Largest fine under the Aliens Act or the Criminal Code, DKK.
    pub fines_dkk: Option<Amount>,
    /// Seasonally adjusted gross unemployment rate in Denmark, per cent.
    pub unemployment_rate_percent: Option<Amount>,
    /// Length of the stay in days, if known better than from the dates.
    pub stay_length_days: Option<u32>,
    /// Dates.
    #[serde(default)]
    pub dates: Dates,
    /// Salary.
    #[serde(default)]
    pub salary: Salary,
    /// Hours.
    #[serde(default)]
    pub hours: Hours,
    /// Family members.
    #[serde(default)]
    pub family: Vec<FamilyMember>,
    /// Documents' states and own documents.
    #[serde(default)]
    pub documents: Vec<DocumentState>,
}

/// One problem with the input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct FieldError {
    /// Path of the field, e.g. `dates.job_end` or `family[1].birth_date`.
    pub field: String,
    /// 1-based line in the source, where known.
    pub line: Option<usize>,
    /// 1-based column in the source, where known.
    pub column: Option<usize>,
    /// What is wrong and what would be accepted: English as the core writes
    /// it, in the view's language once the service layer wrote `text`.
    pub message: String,
    /// The same as a message of the catalogue, to be written in the
    /// user's language ([`FieldError::localize`]); `None` for a message of
    /// the JSON reader (a file's syntax), which stays English.
    #[serde(skip)]
    #[ts(skip)]
    pub text: Option<Msg>,
}

impl FieldError {
    /// A problem with `field`, the message written in English.
    pub fn new(field: impl Into<String>, text: Msg) -> FieldError {
        FieldError {
            field: field.into(),
            line: None,
            column: None,
            message: text.to_string(),
            text: Some(text),
        }
    }

    /// Writes the message in `lang` (where it is a catalogue message).
    pub fn localize(&mut self, lang: crate::plan::Lang) {
        if let Some(t) = &self.text {
            self.message = t.render(lang);
        }
    }
}

/// The input could not be read as a situation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
pub struct InputError {
    /// The file (or other source) name.
    pub source_name: String,
    /// Every problem found.
    pub errors: Vec<FieldError>,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = crate::limits::MAX_PROBLEMS_SHOWN;
        for (i, e) in self.errors.iter().enumerate().take(shown) {
            if i > 0 {
                writeln!(f)?;
            }
            match (e.line, e.column) {
                (Some(l), Some(c)) => write!(f, "{}:{l}:{c}: ", self.source_name)?,
                _ => write!(f, "{}: ", self.source_name)?,
            }
            write!(f, "field `{}`: {}", e.field, e.message)?;
        }
        if self.errors.len() > shown {
            write!(
                f,
                "\n{}: and {} more problems (the first {shown} are shown)",
                self.source_name,
                self.errors.len() - shown
            )?;
        }
        Ok(())
    }
}

/// A checked situation: the raw input whose every field was validated
/// (types, ranges, dates in order, known document ids).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Situation(RawSituation);

impl std::ops::Deref for Situation {
    type Target = RawSituation;
    fn deref(&self) -> &RawSituation {
        &self.0
    }
}

impl Situation {
    /// Reads and checks a situation from JSON text; `source_name` is used in messages.
    pub fn from_json(text: &str, source_name: &str) -> Result<Situation, InputError> {
        if text.len() as u64 > crate::limits::MAX_SITUATION_BYTES {
            return Err(InputError {
                source_name: source_name.to_owned(),
                errors: vec![FieldError::new(
                    "(document)",
                    Msg::new("input.situation_too_large")
                        .with("n", text.len())
                        .with("max", crate::limits::MAX_SITUATION_BYTES),
                )],
            });
        }
        // Numbers with a fraction or an exponent are read as text, so that
        // an amount's decimals are counted as written, never after a float
        // rounded them away (`40583.329999999999999999` is not `40583.33`).
        let quoted = quote_fractional_numbers(text);
        let de = &mut serde_json::Deserializer::from_str(quoted.as_deref().unwrap_or(text));
        let syntax = |path: String, inner: &serde_json::Error| {
            let message = friendly_serde_message(&inner.to_string());
            // An amount's or a date's own message, where it is this one.
            let text = LAST_VALUE_ERROR
                .with(|l| l.borrow_mut().take())
                .filter(|m| m.to_string() == message);
            InputError {
                source_name: source_name.to_owned(),
                errors: vec![FieldError {
                    field: if path == "." {
                        "(document)".to_owned()
                    } else {
                        path
                    },
                    line: Some(inner.line()),
                    column: Some(inner.column()),
                    message,
                    text,
                }],
            }
        };
        LAST_VALUE_ERROR.with(|l| *l.borrow_mut() = None);
        let raw: RawSituation = serde_path_to_error::deserialize(&mut *de)
            .map_err(|e| syntax(e.path().to_string(), e.inner()))?;
        // Nothing may follow the situation but white space.
        de.end().map_err(|e| syntax(".".into(), &e))?;
        Situation::check(raw).map_err(|mut errors| {
            let found = {
                let paths: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
                locate_all(text, &paths)
            };
            for (e, at) in errors.iter_mut().zip(found) {
                if let Some((l, c)) = at {
                    e.line = Some(l);
                    e.column = Some(c);
                }
            }
            InputError {
                source_name: source_name.to_owned(),
                errors,
            }
        })
    }

    /// Checks a raw situation; returns every problem found.
    pub fn check(raw: RawSituation) -> Result<Situation, Vec<FieldError>> {
        let mut errs = Vec::new();
        let mut err = |field: &str, message: Msg| {
            errs.push(FieldError::new(field, message));
        };
        if let Some(f) = raw.format {
            if f != SITUATION_FORMAT {
                err(
                    "format",
                    Msg::new("input.format_unsupported")
                        .with("f", f)
                        .with("supported", SITUATION_FORMAT),
                );
            }
        }
        check_limits(&raw, &mut err);
        if raw.siq_category.is_some()
            && raw.scheme.is_some()
            && raw.scheme != Some(Scheme::SpecialIndividualQualifications)
        {
            err(
                "siq_category",
                Msg::new("input.siq_category_scheme")
                    .arg(
                        "categories",
                        Arg::Options("siq_category", vec!["artist", "athlete", "coach", "chef"]),
                    )
                    .arg(
                        "scheme",
                        Arg::Options("scheme", vec!["special_individual_qualifications"]),
                    ),
            );
        }
        let d = &raw.dates;
        let order = [
            (
                "dates.job_end",
                d.job_start,
                d.job_end,
                "input.job_end_before_start",
            ),
            (
                "dates.employment_ended",
                d.job_start,
                d.employment_ended,
                "input.employment_end_before_start",
            ),
            (
                "dates.abroad_until",
                d.abroad_from,
                d.abroad_until,
                "input.return_before_departure",
            ),
        ];
        for (field, first, second, msg) in order {
            if let (Some(a), Some(b)) = (first, second) {
                if b < a {
                    err(
                        field,
                        Msg::new("input.before")
                            .arg("b", Arg::Date(b.0))
                            .arg("a", Arg::Date(a.0))
                            .arg("why", Arg::Msg(Box::new(Msg::new(msg)))),
                    );
                }
            }
        }
        if let (Some(s), Some(p)) = (d.submitted, d.job_posted_jobnet_eures) {
            if s < p {
                err(
                    "dates.job_posted_jobnet_eures",
                    Msg::new("input.posted_after_submission")
                        .arg("p", Arg::Date(p.0))
                        .arg("s", Arg::Date(s.0)),
                );
            }
        }
        if let Some(h) = raw.hours.per_week {
            if h.0 > Decimal::from(168) {
                err(
                    "hours.per_week",
                    Msg::new("input.hours_over_week").with("h", h.0),
                );
            }
        }
        if let Some(h) = raw.hours.sideline_per_week {
            if h.0 > Decimal::from(168) {
                err(
                    "hours.sideline_per_week",
                    Msg::new("input.hours_over_week").with("h", h.0),
                );
            }
        }
        if let Some(u) = raw.unemployment_rate_percent {
            if u.0 > Decimal::from(100) {
                err(
                    "unemployment_rate_percent",
                    Msg::new("input.not_a_percentage").with("u", u.0),
                );
            }
        }
        if raw.hours.employing_clubs == Some(0) {
            err("hours.employing_clubs", Msg::new("input.clubs"));
        }
        if !raw.salary.components.is_empty() && raw.salary.period.is_none() {
            err(
                "salary.period",
                Msg::new("input.salary_period").arg(
                    "periods",
                    Arg::Options("salary.period", vec!["year", "month", "week_37h", "hour"]),
                ),
            );
        }
        // Past a list's limit nothing more of it is checked (the limit is
        // the problem): a file of 300,000 empty elements costs no more
        // than one of 200.
        for (i, c) in raw
            .salary
            .components
            .iter()
            .enumerate()
            .take(crate::limits::MAX_COMPONENTS)
        {
            if c.kind.is_none() {
                err(
                    &format!("salary.components[{i}].kind"),
                    Msg::new("input.missing_one_of").arg(
                        "values",
                        Arg::Options(
                            "component",
                            ComponentKind::ALL.iter().map(|k| k.id()).collect(),
                        ),
                    ),
                );
            }
            if c.amount.is_none() {
                err(
                    &format!("salary.components[{i}].amount"),
                    Msg::new("input.missing_amount"),
                );
            }
        }
        for (i, c) in raw
            .job_changes
            .iter()
            .enumerate()
            .take(crate::limits::MAX_JOB_CHANGES)
        {
            if c.kind.is_none() {
                err(
                    &format!("job_changes[{i}].kind"),
                    Msg::new("input.missing_one_of").arg(
                        "values",
                        Arg::Options(
                            "job_change_kind",
                            JobChangeKind::ALL.iter().map(|k| k.id()).collect(),
                        ),
                    ),
                );
            }
        }
        let birth_limit = d.submitted.or(d.planned_submission);
        for (i, m) in raw
            .family
            .iter()
            .enumerate()
            .take(crate::limits::MAX_FAMILY)
        {
            if m.relation.is_none() {
                err(
                    &format!("family[{i}].relation"),
                    Msg::new("input.missing_one_of").arg(
                        "values",
                        Arg::Options(
                            "relation",
                            vec![
                                "spouse",
                                "registered_partner",
                                "cohabiting_partner",
                                "child",
                            ],
                        ),
                    ),
                );
            }
            if let (Some(b), Some(s)) = (m.birth_date, birth_limit) {
                if b > s {
                    err(
                        &format!("family[{i}].birth_date"),
                        Msg::new("input.birth_after_submission")
                            .arg("b", Arg::Date(b.0))
                            .arg("s", Arg::Date(s.0)),
                    );
                }
            }
        }
        let known: Vec<&str> = crate::rules::RuleSet::embedded()
            .documents
            .iter()
            .map(|d| d.id.as_str())
            .collect();
        for (i, doc) in raw
            .documents
            .iter()
            .enumerate()
            .take(crate::limits::MAX_DOCUMENTS)
        {
            match (&doc.id, doc.own) {
                (Some(id), false) if !known.contains(&id.as_str()) => err(
                    &format!("documents[{i}].id"),
                    Msg::new("input.unknown_document")
                        .with("id", id)
                        .with("known", known.join(", ")),
                ),
                (None, false) => err(
                    &format!("documents[{i}]"),
                    Msg::new("input.document_needs_id"),
                ),
                (_, true) if doc.name.as_deref().is_none_or(|n| n.trim().is_empty()) => err(
                    &format!("documents[{i}].name"),
                    Msg::new("input.own_document_name"),
                ),
                _ => {}
            }
            if let Some(lang) = &doc.language {
                if crate::documents::language_code(lang).is_none() {
                    err(
                        &format!("documents[{i}].language"),
                        Msg::new("input.unknown_language").with("lang", lang),
                    );
                }
            }
        }
        if errs.is_empty() {
            Ok(Situation(raw))
        } else {
            Err(errs)
        }
    }

    /// The raw situation inside.
    pub fn raw(&self) -> &RawSituation {
        &self.0
    }

    /// The submission date used for the plan: the actual one, else the planned one.
    pub fn submission_date(&self) -> Option<NaiveDate> {
        self.dates
            .submitted
            .or(self.dates.planned_submission)
            .map(|d| d.0)
    }
}

/// The input limits of [`crate::limits`]: how many of each list, how long
/// each text, how far each date, how large the salary.
fn check_limits(raw: &RawSituation, err: &mut impl FnMut(&str, Msg)) {
    use crate::limits::*;
    let counts = [
        (
            "salary.components",
            raw.salary.components.len(),
            MAX_COMPONENTS,
            "input.what.components",
        ),
        ("family", raw.family.len(), MAX_FAMILY, "input.what.family"),
        (
            "job_changes",
            raw.job_changes.len(),
            MAX_JOB_CHANGES,
            "input.what.job_changes",
        ),
        (
            "documents",
            raw.documents.len(),
            MAX_DOCUMENTS,
            "input.what.documents",
        ),
    ];
    for (field, n, max, what) in counts {
        if n > max {
            err(
                field,
                Msg::new("input.too_many")
                    .with("n", n)
                    .with("max", max)
                    .arg("what", Arg::Msg(Box::new(Msg::new(what)))),
            );
        }
    }
    // A case name shows something (a control character is named below).
    if let Some(m) = raw
        .case
        .name
        .as_deref()
        .filter(|n| !n.is_empty() && one_line_problem(n).is_none())
        .and_then(case_name_problem)
    {
        err("case.name", m);
    }
    // Field names are built only for a field that breaks its limit: a
    // situation within its limits (nearly all) allocates nothing here.
    let mut text = |field: &dyn Fn() -> String, value: &Option<String>, max: usize| {
        if let Some(t) = value {
            // Names (and references, countries, ids) are one line.
            if max == MAX_NAME_CHARS {
                if let Some(m) = one_line_problem(t) {
                    err(&field(), m);
                    return;
                }
            }
            // A byte count at most the limit is within it in characters too.
            if t.len() > max {
                let n = t.chars().count();
                if n > max {
                    err(
                        &field(),
                        Msg::new("input.too_long").with("n", n).with("max", max),
                    );
                }
            }
        }
    };
    text(&|| "case.name".into(), &raw.case.name, MAX_NAME_CHARS);
    text(
        &|| "case.reference".into(),
        &raw.case.reference,
        MAX_NAME_CHARS,
    );
    text(
        &|| "applicant.name".into(),
        &raw.applicant.name,
        MAX_NAME_CHARS,
    );
    text(
        &|| "employer.name".into(),
        &raw.employer.name,
        MAX_NAME_CHARS,
    );
    text(
        &|| "employer.country".into(),
        &raw.employer.country,
        MAX_NAME_CHARS,
    );
    text(
        &|| "side_job.employer".into(),
        &raw.side_job.employer,
        MAX_NAME_CHARS,
    );
    for (i, c) in raw
        .salary
        .components
        .iter()
        .enumerate()
        .take(MAX_COMPONENTS)
    {
        text(
            &|| format!("salary.components[{i}].description"),
            &c.description,
            MAX_TEXT_CHARS,
        );
    }
    for (i, m) in raw.family.iter().enumerate().take(MAX_FAMILY) {
        text(&|| format!("family[{i}].name"), &m.name, MAX_NAME_CHARS);
    }
    for (i, c) in raw.job_changes.iter().enumerate().take(MAX_JOB_CHANGES) {
        text(
            &|| format!("job_changes[{i}].description"),
            &c.description,
            MAX_NAME_CHARS,
        );
    }
    for (i, d) in raw.documents.iter().enumerate().take(MAX_DOCUMENTS) {
        text(&|| format!("documents[{i}].id"), &d.id, MAX_NAME_CHARS);
        text(&|| format!("documents[{i}].name"), &d.name, MAX_NAME_CHARS);
        text(
            &|| format!("documents[{i}].language"),
            &d.language,
            MAX_NAME_CHARS,
        );
        text(
            &|| format!("documents[{i}].notes"),
            &d.notes,
            MAX_TEXT_CHARS,
        );
    }
    let d = &raw.dates;
    let mut date = |field: &dyn Fn() -> String, value: Option<Date>| {
        if let Some(Date(day)) = value {
            if !date_in_range(day) {
                err(
                    &field(),
                    Msg::new("input.date_out_of_range")
                        .arg("d", Arg::Date(day))
                        .with("min", MIN_YEAR)
                        .with("max", MAX_YEAR),
                );
            }
        }
    };
    date(&|| "applicant.birth_date".into(), raw.applicant.birth_date);
    for (name, value) in [
        ("planned_submission", d.planned_submission),
        ("submitted", d.submitted),
        ("stay_start", d.stay_start),
        ("job_start", d.job_start),
        ("job_end", d.job_end),
        ("permit_granted", d.permit_granted),
        ("entry", d.entry),
        ("passport_expiry", d.passport_expiry),
        ("job_posted_jobnet_eures", d.job_posted_jobnet_eures),
        ("employment_ended", d.employment_ended),
        ("permit_expiry", d.permit_expiry),
        ("passport_renewed", d.passport_renewed),
        ("biometrics_appointment", d.biometrics_appointment),
        ("job_seeking_applied", d.job_seeking_applied),
        ("abroad_from", d.abroad_from),
        ("abroad_until", d.abroad_until),
    ] {
        date(&|| format!("dates.{name}"), value);
    }
    for (i, m) in raw.family.iter().enumerate().take(MAX_FAMILY) {
        date(&|| format!("family[{i}].birth_date"), m.birth_date);
    }
    for (i, c) in raw.job_changes.iter().enumerate().take(MAX_JOB_CHANGES) {
        date(&|| format!("job_changes[{i}].date"), c.date);
    }
    if let Some(n) = raw.stays_per_year {
        if n == 0 || n > MAX_STAYS_A_YEAR {
            err(
                "stays_per_year",
                Msg::new("input.stays_per_year").with("max", MAX_STAYS_A_YEAR),
            );
        }
    }
    if let Some(period) = raw.salary.period {
        let per_year = Decimal::from(match period {
            SalaryPeriod::Year => 1,
            SalaryPeriod::Month => MONTHS_A_YEAR,
            SalaryPeriod::Week37h => WEEKS_A_YEAR,
            SalaryPeriod::Hour => HOURS_A_YEAR,
        });
        let total = raw
            .salary
            .components
            .iter()
            .filter_map(|c| c.amount)
            .try_fold(Decimal::ZERO, |sum, a| sum.checked_add(a.0))
            .and_then(|sum| sum.checked_mul(per_year));
        if total.is_none_or(|t| t > MAX_SALARY_A_YEAR) {
            err(
                "salary.components",
                Msg::new("input.salary_implausible").arg("max", Arg::Money(MAX_SALARY_A_YEAR)),
            );
        }
    }
}

/// Returns `text` with every JSON number that has a fraction or an exponent
/// put in quotes (same tokens otherwise), or `None` when there is none.
/// Strings are skipped whole, escapes included. The result is only ever
/// parsed by [`Situation::from_json`]; where it is not JSON, neither was `text`.
fn quote_fractional_numbers(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                let mut fractional = false;
                while i < b.len() && matches!(b[i], b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')
                {
                    fractional |= matches!(b[i], b'.' | b'e' | b'E');
                    i += 1;
                }
                if fractional {
                    spans.push((start, i));
                }
            }
            _ => i += 1,
        }
    }
    if spans.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len() + 2 * spans.len());
    let mut last = 0;
    for (start, end) in spans {
        out.push_str(&text[last..start]);
        out.push('"');
        out.push_str(&text[start..end]);
        out.push('"');
        last = end;
    }
    out.push_str(&text[last..]);
    Some(out)
}

/// Serde's messages, reworded where they would puzzle a person.
fn friendly_serde_message(m: &str) -> String {
    // serde_json appends " at line L column C"; the caller reports those itself.
    let m = match m.rfind(" at line ") {
        Some(i) => &m[..i],
        None => m,
    };
    if let Some(rest) = m.strip_prefix("unknown field ") {
        return format!("unknown field {rest}");
    }
    if let Some(rest) = m.strip_prefix("unknown variant ") {
        return format!("unknown value {rest}");
    }
    m.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn component_ids_are_their_serde_names() {
        for k in ComponentKind::ALL {
            assert_eq!(serde_json::to_value(k).unwrap(), serde_json::json!(k.id()));
        }
        // ALL holds each kind once (the match in id() has every variant).
        let mut ids: Vec<&str> = ComponentKind::ALL.iter().map(|k| k.id()).collect();
        ids.dedup();
        assert_eq!(ids.len(), 14);
    }

    #[test]
    fn one_amount_parser_reads_danish_and_english_and_quotes_the_text() {
        let ok = |t: &str, want: i64, scale: u32| {
            assert_eq!(parse_amount(t).unwrap().0, Decimal::new(want, scale), "{t}")
        };
        ok("40.583,33", 4058333, 2);
        ok("40,583.33", 4058333, 2);
        ok("40583,33", 4058333, 2);
        ok("40583.33", 4058333, 2);
        ok(" 40583 ", 40583, 0);
        ok("1.234.567", 1234567, 0);
        ok("1.234.567,89", 123456789, 2);
        ok("37,5", 375, 1);
        ok("0,01", 1, 2);
        ok("0.000", 0, 0);
        ok("40583.330", 4058333, 2);
        ok("4.058333e4", 4058333, 2);
        // The interview's old bug: only the first comma was replaced, so the
        // app showed "`40.583.33` is not an amount" for text nobody typed.
        let e = parse_amount("40.583.33").unwrap_err();
        assert!(e.starts_with("“40.583.33”"), "{e}");
        for (bad, says) in [
            ("487.000", "ambiguous"),
            ("487,000", "ambiguous"),
            ("1,005", "ambiguous"),
            ("40583,333", "more than two decimals"),
            ("0,001", "more than two decimals"),
            ("-5.000,00", "negative"),
            ("−1", "negative"),
            ("487.000,0", "exactly two decimals"),
            ("4,87.000,00", "cannot be read"),
            ("12.34.56", "group thousands"),
            ("1,5000", "group thousands"),
            ("DKK 5", "not an amount"),
            ("5 000", "not an amount"),
            (",50", "not an amount"),
            ("1,", "not an amount"),
            ("", "not an amount"),
            ("1,5e3", "not an amount"),
        ] {
            let e = parse_amount(bad).unwrap_err();
            assert!(e.contains(says), "{bad}: {e}");
            assert!(e.starts_with(&format!("“{bad}”")), "{bad}: {e}");
            // In Danish too, from the same message.
            let da = parse_amount_msg(bad)
                .unwrap_err()
                .render(crate::plan::Lang::Da);
            assert!(
                da.starts_with(&format!("“{bad}”")) && da.contains("skriv"),
                "{bad}: {da}"
            );
        }
        // The largest amount accepted, and one øre over it.
        let max = crate::limits::MAX_AMOUNT;
        assert_eq!(parse_amount(&max.to_string()).unwrap().0, max);
        let over = (max + Decimal::new(1, 2)).to_string();
        assert!(parse_amount(&over).unwrap_err().contains("largest"));
    }

    #[test]
    fn field_errors_are_written_in_the_users_language() {
        use crate::plan::Lang;
        // An amount the reader refuses, a check across fields and a missing
        // choice: each in Danish, with the UI's labels, no raw identifier.
        let json = r#"{ "salary": { "period": "month", "components": [ { "amount": "487.000" } ] },
                        "dates": { "job_start": "2027-03-01", "job_end": "2027-02-28" },
                        "family": [ { "name": "A" } ] }"#;
        let e = Situation::from_json(json, "case.json").unwrap_err();
        let mut first = e.errors[0].clone();
        assert_eq!(first.field, "salary.components[0].amount");
        first.localize(Lang::Da);
        assert!(
            first.message.starts_with("“487.000” kan læses på to måder"),
            "{}",
            first.message
        );
        let fixed = r#"{ "salary": { "period": "month", "components": [ { "amount": "487000" } ] },
                         "dates": { "job_start": "2027-03-01", "job_end": "2027-02-28" },
                         "family": [ { "name": "A" } ] }"#;
        let mut errs = Situation::from_json(fixed, "case.json").unwrap_err().errors;
        for e in &mut errs {
            e.localize(Lang::Da);
        }
        let text = |f: &str| {
            errs.iter()
                .find(|e| e.field == f)
                .map(|e| e.message.clone())
                .unwrap()
        };
        let kind = text("salary.components[0].kind");
        assert!(
            kind.starts_with("mangler; vælg en af “Kontant løn”, “Fast tillæg”, ")
                && kind.ends_with("“Abonnement”, “Andet”"),
            "{kind}"
        );
        assert_eq!(
            text("dates.job_end"),
            "28. feb. 2027 er før 1. mar. 2027: jobbet kan ikke slutte, før det begynder"
        );
        assert!(text("family[0].relation").contains("“Ægtefælle”"));
        for e in &errs {
            assert!(
                !e.message.contains('`') && !e.message.contains('_'),
                "{}",
                e.message
            );
        }
        // The English stays in `message` until localised.
        let en = Situation::from_json(fixed, "case.json").unwrap_err().errors;
        assert!(
            en.iter().any(|e| e.message.contains("“Cash salary”")),
            "{en:?}"
        );
    }

    #[test]
    fn one_date_parser_reads_iso_and_day_first_and_refuses_impossible_days() {
        let d = |t: &str| parse_date(t).map(|d| d.to_string());
        assert_eq!(d("2028-02-29").unwrap(), "2028-02-29");
        assert_eq!(d("29-02-2028").unwrap(), "2028-02-29");
        assert_eq!(d("29.02.2028").unwrap(), "2028-02-29");
        // A day past the month's end says where the month ends (issue 25, item 8).
        let e = d("2027-02-29").unwrap_err();
        assert!(
            e.starts_with("“2027-02-29” is not a date: that month ends on 28 Feb 2027"),
            "{e}"
        );
        let e = d("31-06-2031").unwrap_err();
        assert!(e.contains("that month ends on 30 Jun 2031"), "{e}");
        // With `/`: a date that reads as one day only is that day…
        assert_eq!(d("30/06/2031").unwrap(), "2031-06-30");
        assert_eq!(d("06/30/2031").unwrap(), "2031-06-30");
        assert_eq!(d("05/05/2031").unwrap(), "2031-05-05");
        // …one that reads as two asks which, with both days written out…
        let e = d("02/03/2028").unwrap_err();
        assert!(e.contains("did you mean 2 Mar 2028 or 3 Feb 2028?"), "{e}");
        // …and none: the month's end where one reading has a real month.
        let e = d("31/06/2031").unwrap_err();
        assert!(
            e.starts_with("“31/06/2031” is not a date: that month ends on 30 Jun 2031"),
            "{e}"
        );
        let e = d("02/30/2028").unwrap_err();
        assert!(e.contains("that month ends on 29 Feb 2028"), "{e}");
        let e = d("13/13/2028").unwrap_err();
        assert!(e.starts_with("“13/13/2028” is not a date;"), "{e}");
        // The Danish error writes the date the way the field's hint does, day first.
        let da = parse_date_msg("31/06/2031")
            .unwrap_err()
            .render(crate::plan::Lang::Da);
        assert_eq!(
            da,
            "“31/06/2031” er ikke en dato: den måned slutter 30. jun. 2031; skriv den som DD-MM-ÅÅÅÅ (dagen først: 01-03-2027) eller ÅÅÅÅ-MM-DD (ISO: 2027-03-01)"
        );
        for bad in ["2027-3-1", "27-03-01", "2027.03.01", "x", "", "2027-03-01x"] {
            assert!(d(bad).is_err(), "{bad}");
        }
        // The case file reads dates with the same parser.
        let a: Date = serde_json::from_str("\"01-03-2027\"").unwrap();
        assert_eq!(a.0.to_string(), "2027-03-01");
    }

    #[test]
    fn amounts_are_exact() {
        let a: Amount = serde_json::from_str("\"40583.33\"").unwrap();
        assert_eq!(a.0, Decimal::new(4058333, 2));
        let a: Amount = serde_json::from_str("40583.33").unwrap();
        assert_eq!(a.0, Decimal::new(4058333, 2));
        let a: Amount = serde_json::from_str("0.1").unwrap();
        assert_eq!(a.0, Decimal::new(1, 1));
        assert!(serde_json::from_str::<Amount>("\"-1\"").is_err());
        assert!(serde_json::from_str::<Amount>("\"1.005\"").is_err());
        // The one parser: Danish and English separators, as the CSV import reads them.
        let a: Amount = serde_json::from_str("\"487.000,00\"").unwrap();
        assert_eq!(a.0, Decimal::new(48700000, 2));
    }

    #[test]
    fn errors_name_file_line_column_and_field() {
        let text =
            "{\n  \"role\": \"employee\",\n  \"dates\": { \"job_start\": \"2027-13-01\" }\n}";
        let e = Situation::from_json(text, "a.json").unwrap_err();
        let s = e.to_string();
        assert!(s.starts_with("a.json:3:"), "{s}");
        assert!(s.contains("`dates.job_start`"), "{s}");
        assert!(s.contains("YYYY-MM-DD"), "{s}");
    }

    #[test]
    fn unknown_values_list_what_is_accepted() {
        let e = Situation::from_json("{\"role\": \"astronaut\"}", "b.json").unwrap_err();
        let s = e.to_string();
        assert!(
            s.contains("employee") && s.contains("service_provider"),
            "{s}"
        );
        let e = Situation::from_json("{\"rol\": \"employee\"}", "b.json").unwrap_err();
        assert!(e.to_string().contains("unknown field `rol`"), "{e}");
    }

    #[test]
    fn cross_field_errors_are_located() {
        let text = "{\n \"dates\": {\n  \"job_start\": \"2027-03-01\",\n  \"job_end\": \"2027-02-01\"\n }\n}";
        let e = Situation::from_json(text, "c.json").unwrap_err();
        assert_eq!(e.errors[0].field, "dates.job_end");
        assert_eq!((e.errors[0].line, e.errors[0].column), (Some(4), Some(3)));
    }

    #[test]
    fn all_problems_are_reported_at_once() {
        let text = r#"{"documents": [{"id": "nope"}, {"own": true}], "hours": {"per_week": 200}}"#;
        let e = Situation::from_json(text, "d.json").unwrap_err();
        let fields: Vec<_> = e.errors.iter().map(|e| e.field.as_str()).collect();
        assert!(fields.contains(&"documents[0].id"), "{fields:?}");
        assert!(fields.contains(&"documents[1].name"), "{fields:?}");
        assert!(fields.contains(&"hours.per_week"), "{fields:?}");
    }

    #[test]
    fn not_json_is_an_error_not_a_panic() {
        for text in ["", "[", "{\"role\": }", "null", "42", "{\"family\": [1]}"] {
            assert!(Situation::from_json(text, "x.json").is_err(), "{text}");
        }
    }
}
