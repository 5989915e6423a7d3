//! The small summary of a case that front ends keep beside it in the
//! workspace (the store's `digest_json` column), so that a list of
//! thousands of cases is shown, sorted and searched without planning any of
//! them. One definition for every front end: the desktop app, the command
//! line and the batch import all store what [`CaseDigest::of`] computes.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::plan::{CoverageStatus, DeadlineKind, Form, Plan, Severity};
use crate::situation::Situation;

/// The next deadline of a case, as kept in its digest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct NextDeadline {
    /// Deadline id (`biometrics`, `bank_account`, `job_seeking`).
    pub id: String,
    /// Its date.
    pub date: NaiveDate,
}

/// The small summary of a case kept next to it in the store.
///
/// Every field has a default, so a digest written by an older build (or an
/// empty `{}`) still reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS, Default)]
#[ts(export)]
#[serde(default)]
pub struct CaseDigest {
    /// Applicant's name.
    pub applicant_name: Option<String>,
    /// The organisation's own reference of the case (`case.reference`).
    pub reference: Option<String>,
    /// The employer's name.
    pub employer_name: Option<String>,
    /// Forms of the plan.
    pub forms: Vec<Form>,
    /// Documents gathered.
    pub gathered: usize,
    /// Documents in all.
    pub total: usize,
    /// Warnings of severity blocker.
    pub blockers: usize,
    /// The nearest act-by deadline.
    pub next: Option<NextDeadline>,
    /// Whether the pages cover the case (`covered`, `not_covered`, `needs_answers`).
    pub coverage: Option<CoverageStatus>,
}

impl CaseDigest {
    /// The digest of a case: its situation `s` and the plan made of it.
    pub fn of(s: &Situation, p: &Plan) -> CaseDigest {
        let (gathered, total) = p.progress();
        let next = p
            .deadlines
            .iter()
            .filter(|d| d.kind == DeadlineKind::NoLaterThan)
            .min_by_key(|d| d.date)
            .map(|d| NextDeadline {
                id: d.id.clone(),
                date: d.date,
            });
        let raw = s.raw();
        CaseDigest {
            applicant_name: p.applicant_name.clone(),
            reference: raw.case.reference.clone(),
            employer_name: raw.employer.name.clone(),
            forms: p.forms.iter().map(|f| f.form).collect(),
            gathered,
            total,
            blockers: p
                .warnings
                .iter()
                .filter(|w| w.severity == Severity::Blocker)
                .count(),
            next,
            coverage: Some(p.coverage.status),
        }
    }

    /// The date of the nearest act-by deadline (the store sorts on it).
    pub fn next_date(&self) -> Option<NaiveDate> {
        self.next.as_ref().map(|n| n.date)
    }

    /// The JSON text the store keeps.
    pub fn to_json(&self) -> String {
        // Plain fields and string keys only: serialising cannot fail; were it
        // ever to, an empty digest (which reads back as the default) is kept.
        serde_json::to_string(self).unwrap_or_else(|_| "{}".to_owned())
    }

    /// Reads a stored digest; a damaged one reads as the empty digest (the
    /// list still shows the case, and the next re-plan writes it again).
    pub fn from_json(text: &str) -> CaseDigest {
        serde_json::from_str(text).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{plan, Options, RuleSet};

    #[test]
    fn the_digest_keeps_the_nearest_act_by_deadline_and_the_labels() {
        let mut v: serde_json::Value =
            serde_json::from_str(include_str!("../../../examples/ar1-researcher-family.json"))
                .unwrap();
        v["case"]["reference"] = "HR-7".into();
        let s = Situation::from_json(&v.to_string(), "s.json").unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let p = plan(
            &s,
            RuleSet::embedded(),
            &Options {
                today,
                lang: Default::default(),
            },
        );
        let d = CaseDigest::of(&s, &p);
        assert_eq!(d.reference.as_deref(), Some("HR-7"));
        assert_eq!(d.employer_name.as_deref(), Some("Aarhus University"));
        let earliest = p
            .deadlines
            .iter()
            .filter(|d| d.kind == DeadlineKind::NoLaterThan)
            .map(|d| d.date)
            .min();
        assert!(earliest.is_some());
        assert_eq!(d.next_date(), earliest);
        assert_eq!(CaseDigest::from_json(&d.to_json()), d);
        // An old digest without the new fields, and a damaged one, still read.
        let old = CaseDigest::from_json(r#"{"forms": ["AR1"], "gathered": 1, "total": 3}"#);
        assert_eq!((old.forms.len(), old.reference), (1, None));
        assert_eq!(CaseDigest::from_json("not json"), CaseDigest::default());
    }
}
