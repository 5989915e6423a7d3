//! The one function from a plan to what is stored about a case, and to
//! "what changed since the user last saw it". Every path that plans a case
//! (new case, edit, import, template, duplicate, re-plan after a rules
//! update or a migration) goes through [`record`].

use permit_store::{CaseContent, ListColumns, NewCase, PlanColumns, Readiness};

use crate::prelude::*;

/// Text as search compares it: lower case by Unicode rules, and without
/// accents (decomposed, combining marks dropped), so "Lucía" and "LUCIA"
/// both read "lucia". Letters that are not a letter plus an accent stay
/// themselves ("ø", "æ").
pub fn fold(text: &str) -> String {
    use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The text a search of the case list looks in: the case name, and the
/// digest's reference, applicant and employer, folded, one a line.
pub fn search_text(name: &str, digest: &CaseDigest) -> String {
    [
        Some(name),
        digest.reference.as_deref(),
        digest.applicant_name.as_deref(),
        digest.employer_name.as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(fold)
    .collect::<Vec<_>>()
    .join("\n")
}

/// Why a case is being planned: it decides what the user is taken to have
/// seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// The user's own change (an edit, an import, a template, a new case):
    /// they see the new plan, unless a change a rules update made is still
    /// waiting to be acknowledged (it stays, with its difference).
    Edit,
    /// A re-plan with other rules (an update, a migration): a difference
    /// from the plan the user last saw is waiting for them — unless the
    /// stored plan was not made with known rules (an older build's edit),
    /// which was the user's own.
    Replan,
}

/// What was stored about the plan the user last saw, if anything.
#[derive(Debug, Clone, Default)]
pub struct Seen<'a> {
    /// The snapshot of the plan the user last saw.
    pub seen_json: Option<&'a str>,
    /// The rules version of the stored plan.
    pub rules_version: Option<&'a str>,
    /// Whether a rules change is waiting.
    pub rules_changed: bool,
}

/// What to store for a case whose plan is `p`, and what changed for the user.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// The list's columns.
    pub list: ListColumns,
    /// The plan's rules state.
    pub plan: PlanColumns,
    /// What a rules update changed since the plan the user last saw.
    pub changes: Option<CaseChanges>,
    /// The digest.
    pub digest: CaseDigest,
}

/// The one function from a plan to what is stored (see the module).
pub fn record(id: i64, name: &str, s: &Situation, p: &Plan, seen: &Seen<'_>, why: Why) -> Recorded {
    let snap = Snapshot::of(p);
    // A snapshot that cannot be written (never seen) is left out: the case
    // is then re-planned when the workspace is next opened.
    let plan_json = serde_json::to_string(&snap).ok();
    let before: Option<Snapshot> = seen.seen_json.and_then(|t| serde_json::from_str(t).ok());
    let waiting = match why {
        Why::Edit => seen.rules_changed,
        Why::Replan => seen.rules_version.is_some() || seen.rules_changed,
    };
    let (seen_json, changes) = match before {
        Some(before) if waiting => {
            let c = changes::diff(&before, &snap);
            let changes = (!c.is_empty()).then(|| CaseChanges {
                id,
                name: name.to_owned(),
                from_version: before.rules_version.clone(),
                to_version: snap.rules_version.clone(),
                changes: c,
            });
            (None, changes)
        }
        _ => (plan_json.clone(), None),
    };
    let digest = CaseDigest::of(s, p);
    let readiness = digest.readiness.as_ref().map(|f| {
        let (now, then) = f.phases();
        Readiness {
            group: now.id().to_owned(),
            then: then.map(|(d, g)| (d, g.id().to_owned())),
        }
    });
    Recorded {
        list: ListColumns {
            digest_json: digest.to_json(),
            next_deadline: digest.next_date(),
            search_text: search_text(name, &digest),
            forms: digest.forms.iter().map(|f| f.code().to_owned()).collect(),
            readiness,
        },
        plan: PlanColumns {
            rules_version: plan_json.as_ref().map(|_| p.rules.version.clone()),
            plan_json,
            seen_json,
            rules_changed: changes.is_some(),
        },
        changes,
        digest,
    }
}

/// A new case for a checked situation, planned with `rules` as of
/// `options`: the one definition for every way a case is made (the app's
/// "new case", a CSV row, a case file, a duplicate).
pub fn new_case(
    name: &str,
    s: &Situation,
    situation_json: &str,
    draft_json: Option<String>,
    notes: &str,
    rules: &permit_core::RuleSet,
    options: &Options,
) -> NewCase {
    let p = plan(s, rules, options);
    let r = record(0, name.trim(), s, &p, &Seen::default(), Why::Edit);
    NewCase {
        name: name.to_owned(),
        notes: notes.to_owned(),
        content: CaseContent {
            situation_json: situation_json.to_owned(),
            draft_json,
            list: r.list,
            plan: r.plan,
        },
    }
}
