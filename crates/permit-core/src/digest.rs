//! The small summary of a case that front ends keep beside it in the
//! workspace (the store's `digest_json` column), so that a list of
//! thousands of cases is shown, sorted and searched without planning any of
//! them. One definition for every front end: the desktop app, the command
//! line and the batch import all store what [`CaseDigest::of`] computes.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::plan::{
    CoverageStatus, DeadlineKind, DocumentItem, Form, Lang, Plan, Severity, TranslationNeed,
};
use crate::rules::RuleSet;
use crate::situation::Situation;
use crate::situation::TranslationState;

/// The next deadline of a case, as kept in its digest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct NextDeadline {
    /// Deadline id (`biometrics`, `bank_account`, `job_seeking`).
    pub id: String,
    /// Its date.
    pub date: NaiveDate,
}

/// Where a case stands for the HR officer's morning: the groups of the
/// dashboard and of the case list's filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Readiness {
    /// Required documents gathered, translations at hand, no blocker, and
    /// today is on or after the earliest submission date: it may be submitted now.
    MaySubmitNow,
    /// Required documents not gathered, or certified translations not at hand
    /// ([`ReadinessFacts`] names them).
    WaitingDocuments,
    /// Ready, but the earliest submission date is still ahead (from [`ReadinessFacts::from`]).
    NotYet,
    /// A warning says the pages would refuse or reject the application as it stands.
    Blocked,
    /// Already submitted (`dates.submitted`).
    Submitted,
    /// No page covers the case.
    NotCovered,
    /// Answers are missing to choose a form.
    NeedsAnswers,
}

impl Readiness {
    /// Every group (the order the command line lists them in).
    pub const ALL: [Readiness; 7] = [
        Readiness::MaySubmitNow,
        Readiness::WaitingDocuments,
        Readiness::NotYet,
        Readiness::NotCovered,
        Readiness::NeedsAnswers,
        Readiness::Blocked,
        Readiness::Submitted,
    ];

    /// Every group in the dashboard's order (the case list's "where it
    /// stands" order too): what to act on first — a case that would be
    /// refused — down to the cases already submitted.
    pub const DASHBOARD: [Readiness; 7] = [
        Readiness::Blocked,
        Readiness::MaySubmitNow,
        Readiness::WaitingDocuments,
        Readiness::NotYet,
        Readiness::NeedsAnswers,
        Readiness::NotCovered,
        Readiness::Submitted,
    ];

    /// The group's id (`may_submit_now`, …), as stored and filtered on.
    pub const fn id(self) -> &'static str {
        match self {
            Readiness::MaySubmitNow => "may_submit_now",
            Readiness::WaitingDocuments => "waiting_documents",
            Readiness::NotYet => "not_yet",
            Readiness::Blocked => "blocked",
            Readiness::Submitted => "submitted",
            Readiness::NotCovered => "not_covered",
            Readiness::NeedsAnswers => "needs_answers",
        }
    }

    /// The group with id `id`.
    pub fn from_id(id: &str) -> Option<Readiness> {
        Readiness::ALL.into_iter().find(|r| r.id() == id)
    }
}

/// The facts of a case's readiness as kept in its digest. They do not
/// depend on today: [`ReadinessFacts::on`] decides the group at read time,
/// so a stored digest does not go stale as days pass (a case kept as
/// `may_submit_now` with `from` ahead of today reads as `not_yet`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ReadinessFacts {
    /// The group, with `may_submit_now` standing for "ready from `from`".
    pub group: Readiness,
    /// The earliest day the application may be submitted (the latest
    /// not-before date of the plan), if the plan has one.
    pub from: Option<NaiveDate>,
    /// Required documents not gathered yet.
    pub missing_documents: Vec<DocRef>,
    /// Required documents whose certified translation is not at hand.
    pub missing_translations: Vec<DocRef>,
    /// What would make the pages refuse the application as it stands (the
    /// plan's blocking warnings: the warning's id and a short name of the
    /// problem, `digest.problem.{id}`), for a `blocked` case's row. Empty in
    /// digests written before it was kept.
    #[serde(default)]
    pub problems: Vec<DocRef>,
}

/// A document named in a digest: its id, so that a list shows its name in
/// the language of the screen ([`ReadinessFacts::named_in`]), and its name
/// as it was when the digest was written (the user's own documents keep it).
///
/// Reads a plain name too (digests written before ids were kept): its id is
/// then empty and the name is shown as kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct DocRef {
    /// The document's id (a named document's id, `own:N` for the user's own,
    /// empty when the digest kept only a name).
    pub id: String,
    /// Its name.
    pub name: String,
}

impl<'de> Deserialize<'de> for DocRef {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Repr {
            Name(String),
            Ref { id: String, name: String },
        }
        Ok(match Repr::deserialize(d)? {
            Repr::Name(name) => DocRef {
                id: String::new(),
                name,
            },
            Repr::Ref { id, name } => DocRef { id, name },
        })
    }
}

impl DocRef {
    /// The reference of a document of a plan.
    fn of(d: &DocumentItem) -> DocRef {
        DocRef {
            id: d.id.clone(),
            name: d.name.clone(),
        }
    }
}

/// A blocking problem by its warning id: its short name in `lang`
/// (`digest.problem.{id}`), else the warning's own message `message`.
fn problem(id: &str, message: &str, lang: Lang) -> DocRef {
    let key = format!("digest.problem.{id}");
    DocRef {
        id: id.to_owned(),
        name: if crate::messages::has(&key) {
            crate::messages::text(lang, &key, &[])
        } else {
            message.to_owned()
        },
    }
}

impl ReadinessFacts {
    /// The facts of a case: its situation and its plan.
    pub fn of(s: &Situation, p: &Plan) -> ReadinessFacts {
        let required = p.documents.iter().filter(|d| d.required);
        let missing_documents: Vec<DocRef> = required
            .clone()
            .filter(|d| !d.gathered)
            .map(DocRef::of)
            .collect();
        let missing_translations: Vec<DocRef> = required
            .filter(|d| {
                d.translation == TranslationNeed::Needed
                    && d.translation_state != TranslationState::Translated
            })
            .map(DocRef::of)
            .collect();
        let from = p
            .deadlines
            .iter()
            .filter(|d| d.kind == DeadlineKind::NotBefore)
            .map(|d| d.date)
            .max();
        // Every blocking warning, a submission planned too early included:
        // the plan as it stands would be refused until the user changes it
        // (the planned date does not move by itself), so it is its own group.
        let problems: Vec<DocRef> = p
            .warnings
            .iter()
            .filter(|w| w.severity == Severity::Blocker)
            .map(|w| problem(&w.id, &w.message, p.language))
            .collect();
        let blocked = !problems.is_empty();
        let group = match p.coverage.status {
            CoverageStatus::NotCovered => Readiness::NotCovered,
            CoverageStatus::NeedsAnswers => Readiness::NeedsAnswers,
            CoverageStatus::Covered if s.dates.submitted.is_some() => Readiness::Submitted,
            CoverageStatus::Covered if blocked => Readiness::Blocked,
            CoverageStatus::Covered
                if !missing_documents.is_empty() || !missing_translations.is_empty() =>
            {
                Readiness::WaitingDocuments
            }
            CoverageStatus::Covered => Readiness::MaySubmitNow,
        };
        ReadinessFacts {
            group,
            from,
            missing_documents,
            missing_translations,
            problems,
        }
    }

    /// The same facts with every named document's name in `lang`, as the
    /// rules `rules` name it (a document the rules do not name, such as the
    /// user's own, keeps the name it was kept with).
    pub fn named_in(&self, rules: &RuleSet, lang: Lang) -> ReadinessFacts {
        let name = |d: &DocRef| DocRef {
            id: d.id.clone(),
            name: rules
                .document_name(&d.id, lang)
                .map_or_else(|| d.name.clone(), str::to_owned),
        };
        ReadinessFacts {
            group: self.group,
            from: self.from,
            missing_documents: self.missing_documents.iter().map(name).collect(),
            missing_translations: self.missing_translations.iter().map(name).collect(),
            problems: self
                .problems
                .iter()
                .map(|w| problem(&w.id, &w.name, lang))
                .collect(),
        }
    }

    /// The group on `today`: `may_submit_now` before `from` is `not_yet`.
    pub fn on(&self, today: NaiveDate) -> Readiness {
        match self.phases() {
            (_, Some((from, then))) if today >= from => then,
            (now, _) => now,
        }
    }

    /// The group until a date, and from that date on the group it becomes
    /// (`None`: for good): the one reading [`ReadinessFacts::on`] applies,
    /// in the plain form a store keeps, so that a list filtered by group on
    /// any day needs no rule in the database.
    pub fn phases(&self) -> (Readiness, Option<(NaiveDate, Readiness)>) {
        match (self.group, self.from) {
            (Readiness::MaySubmitNow, Some(from)) => {
                (Readiness::NotYet, Some((from, Readiness::MaySubmitNow)))
            }
            (g, _) => (g, None),
        }
    }
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
    /// What the morning dashboard groups the case by (absent in digests
    /// written before it existed: the next re-plan writes it).
    pub readiness: Option<ReadinessFacts>,
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
            readiness: Some(ReadinessFacts::of(s, p)),
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

    fn facts(edit: impl Fn(&mut serde_json::Value), today: NaiveDate) -> ReadinessFacts {
        let mut v: serde_json::Value =
            serde_json::from_str(include_str!("../../../examples/ar1-researcher-family.json"))
                .unwrap();
        edit(&mut v);
        let s = Situation::from_json(&v.to_string(), "s.json").unwrap();
        let p = plan(
            &s,
            RuleSet::embedded(),
            &Options {
                today,
                lang: Default::default(),
            },
        );
        CaseDigest::of(&s, &p).readiness.unwrap()
    }

    /// Every required document of the example gathered and translated.
    fn all_gathered(v: &mut serde_json::Value) {
        for d in v["documents"].as_array_mut().unwrap() {
            d["gathered"] = true.into();
            d["translation"] = "translated".into();
        }
    }

    #[test]
    fn a_document_counts_as_done_only_once_its_needed_translation_is_at_hand() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let digest = |translation: &str| {
            let mut v: serde_json::Value =
                serde_json::from_str(include_str!("../../../examples/ar1-researcher-family.json"))
                    .unwrap();
            all_gathered(&mut v);
            // The children's birth certificates (Portuguese) need a certified translation.
            v["documents"][3]["translation"] = translation.into();
            let s = Situation::from_json(&v.to_string(), "s.json").unwrap();
            let p = plan(
                &s,
                RuleSet::embedded(),
                &Options {
                    today,
                    lang: Default::default(),
                },
            );
            let doc = p
                .documents
                .iter()
                .find(|d| d.name == "Birth certificates of the children")
                .cloned()
                .unwrap();
            (CaseDigest::of(&s, &p), doc)
        };
        let (ordered, doc) = digest("ordered");
        assert!(doc.gathered && !doc.usable);
        assert_eq!(
            ordered.gathered + 1,
            ordered.total,
            "gathered, translation ordered: not done"
        );
        let (translated, doc) = digest("translated");
        assert!(doc.usable);
        assert_eq!(translated.gathered, translated.total);
    }

    #[test]
    fn a_submission_planned_too_early_is_its_own_group_naming_the_problem() {
        let today = NaiveDate::from_ymd_opt(2026, 5, 4).unwrap();
        // Everything gathered, but planned months before the earliest date:
        // the pages would refuse it, whatever the documents say.
        let early = |v: &mut serde_json::Value| {
            all_gathered(v);
            v["dates"]["planned_submission"] = "2026-06-01".into();
        };
        let f = facts(early, today);
        assert_eq!(f.on(today), Readiness::Blocked);
        // Still refused once today passes the earliest date: the planned
        // date is what must change.
        assert_eq!(
            f.on(NaiveDate::from_ymd_opt(2027, 1, 4).unwrap()),
            Readiness::Blocked
        );
        let ids: Vec<&str> = f.problems.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["too_early"]);
        assert_eq!(f.problems[0].name, "Planned submission date is too early");
        let da = f.named_in(RuleSet::embedded(), Lang::Da);
        assert_eq!(
            da.problems[0].name,
            "Den planlagte indgivelsesdato er for tidlig"
        );
        // With documents missing too, the refusal still comes first.
        let missing = facts(
            |v| v["dates"]["planned_submission"] = "2026-06-01".into(),
            today,
        );
        assert_eq!(missing.on(today), Readiness::Blocked);
        // A case with no blocker names no problem.
        assert!(facts(all_gathered, today).problems.is_empty());
    }

    #[test]
    fn readiness_names_the_missing_documents_and_translations() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let f = facts(|_| {}, today);
        assert_eq!(f.on(today), Readiness::WaitingDocuments);
        assert!(!f.missing_documents.is_empty());
        let names = |l: &[DocRef]| l.iter().map(|d| d.name.clone()).collect::<Vec<_>>();
        assert_eq!(
            names(&f.missing_translations),
            ["Birth certificates of the children"]
        );
        // One document short is still waiting; all in hand is not.
        let one_short = facts(
            |v| {
                all_gathered(v);
                v["documents"][0]["gathered"] = false.into();
            },
            today,
        );
        assert_eq!(one_short.on(today), Readiness::WaitingDocuments);
        assert_eq!(one_short.missing_documents.len(), 1);
        assert_eq!(facts(all_gathered, today).group, Readiness::MaySubmitNow);
    }

    #[test]
    fn a_ready_case_is_not_yet_the_day_before_its_window_and_may_submit_on_it() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        // The stay starts 1 Apr 2027: the window opens six months before.
        let f = facts(all_gathered, today);
        let from = f.from.unwrap();
        assert_eq!(from, NaiveDate::from_ymd_opt(2026, 10, 1).unwrap());
        assert_eq!(f.on(from.pred_opt().unwrap()), Readiness::NotYet);
        assert_eq!(f.on(from), Readiness::MaySubmitNow);
        let submitted = facts(
            |v| {
                all_gathered(v);
                v["dates"]["submitted"] = "2026-11-20".into();
            },
            today,
        );
        assert_eq!(submitted.on(today), Readiness::Submitted);
        let uncovered = facts(|v| v["employer"]["location"] = "eu".into(), today);
        assert_eq!(uncovered.on(today), Readiness::NotCovered);
        // The dashboard shows every group once.
        for r in Readiness::ALL {
            assert_eq!(Readiness::DASHBOARD.iter().filter(|&&d| d == r).count(), 1);
        }
        for r in Readiness::ALL {
            assert_eq!(Readiness::from_id(r.id()), Some(r));
        }
    }

    #[test]
    fn a_list_names_the_missing_documents_in_its_own_language_whatever_the_digest_was_saved_in() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        // Saved from an English screen, with one of the user's own documents.
        let f = facts(
            |v| {
                v["documents"]
                    .as_array_mut()
                    .unwrap()
                    .push(serde_json::json!({"own": true, "name": "Diploma scan"}));
            },
            today,
        );
        let names = |f: &ReadinessFacts| {
            f.missing_documents
                .iter()
                .map(|d| d.name.clone())
                .collect::<Vec<_>>()
        };
        let en = "'Sworn declarations and information', signed and scanned (you have no MitID)";
        let da_name =
            "Dokumentet 'Sworn declarations and information' (titlen, som siden skriver den), underskrevet og scannet (du har ikke MitID)";
        assert!(names(&f).iter().any(|n| n == en), "{:?}", names(&f));
        let da = f.named_in(RuleSet::embedded(), Lang::Da);
        let rules = RuleSet::embedded();
        assert!(names(&da).iter().any(|n| n == da_name), "{:?}", names(&da));
        assert!(!names(&da).iter().any(|n| n == en));
        // The user's own document keeps its name in every language.
        assert!(names(&da).iter().any(|n| n == "Diploma scan"));
        assert_eq!(
            names(&da.named_in(rules, Lang::En)),
            names(&f),
            "back to English"
        );
        // Stored and read back, the ids survive; a digest written before ids
        // were kept (plain names) still reads and shows its names as kept.
        let back: ReadinessFacts =
            serde_json::from_str(&serde_json::to_string(&f).unwrap()).unwrap();
        assert_eq!(back, f);
        let old: ReadinessFacts = serde_json::from_str(
            r#"{"group":"waiting_documents","from":null,"missing_documents":["Passport"],"missing_translations":[]}"#,
        )
        .unwrap();
        assert_eq!(old.missing_documents[0].id, "");
        assert_eq!(names(&old.named_in(rules, Lang::Da)), ["Passport"]);
    }
}
