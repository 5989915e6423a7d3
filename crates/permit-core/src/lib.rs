//! # permit-core
//!
//! The rules core of Permit Packet. It turns an applicant's situation into a
//! [`Plan`]: which form (AR1, AR6, AR9, FA8) and who fills which part, the
//! fee, case order ID and biometrics, the documents with their translation
//! needs, the dates that sink applications, salary and hours checks, and
//! every warning — each conclusion with the page, line and exact quote it
//! rests on.
//!
//! It knows nothing of the desktop app, the command line or files: text in,
//! values out. The rules are data (`assets/rules/rules.json`, embedded),
//! each value keyed by the date from which it is in force.
//!
//! ```
//! use permit_core::{plan, Lang, Options, RuleSet, Situation};
//! let situation = Situation::from_json(r#"{
//!     "role": "service_provider", "scheme": "pay_limit",
//!     "employer": { "registered_in_denmark": false, "location": "non_eu" },
//!     "dates": { "planned_submission": "2027-01-10", "job_start": "2027-03-01" },
//!     "salary": { "period": "month", "components": [ { "kind": "cash", "amount": "40583.32" } ] }
//! }"#, "example.json").unwrap();
//! let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
//! let p = plan(&situation, RuleSet::embedded(), &Options { today, lang: Lang::En });
//! assert_eq!(p.forms[0].form, "AR9");
//! let salary = p.checks.iter().find(|c| c.id == "salary").unwrap();
//! assert!(salary.message.contains("DKK 0.01 under"));
//! assert_eq!(p.deadlines.iter().find(|d| d.id == "biometrics").unwrap().date.to_string(), "2027-01-24");
//! ```

pub mod dates;
pub mod digest;
pub mod documents;
pub mod engine;
pub mod format;
pub mod limits;
mod locate;
pub mod messages;
pub mod plan;
pub mod policy;
pub mod questions;
pub mod rules;
pub mod situation;

pub use engine::{plan, Options};
pub use plan::{Lang, Plan, PLAN_FORMAT};
pub use rules::RuleSet;
pub use situation::{InputError, Situation};
