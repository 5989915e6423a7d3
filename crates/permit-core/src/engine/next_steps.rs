//! The ordered "what do I do now" list: built from the plan's own sections
//! (the earliest submission date, case order ID, fee, documents, the forms'
//! parts in order, biometrics), in the pages' step order (STEP-1, kept in
//! `page_rules.*.steps` of the rule data), each with its state today.

use super::*;

impl Engine<'_> {
    /// Fills `plan.next_steps`. Runs last: it reads the finished sections.
    pub(super) fn next_steps(&mut self) {
        let Some(page) = self.page else { return };
        if self.plan.forms.is_empty() {
            return;
        }
        let Some(order) = self
            .rules
            .page_rules
            .get(page.id())
            .and_then(|r| r.steps.clone())
        else {
            return;
        };
        let lang = self.lang;
        let today = self.today;
        let step_rule = self.why(&order.rule);
        let submitted = self.s.dates.submitted.map(|d| d.0);
        let window = self
            .plan
            .deadlines
            .iter()
            .find(|d| d.id == "earliest_submission")
            .cloned();
        // Before the window opens, every step up to the submission waits for it
        // (the fee is not refunded for an application submitted too early).
        let waiting = window
            .as_ref()
            .filter(|w| submitted.is_none() && today < w.date)
            .map(|w| w.date);
        let before_submission = |done: bool| -> (StepState, Option<NaiveDate>) {
            if submitted.is_some() || done {
                (StepState::Done, None)
            } else if let Some(d) = waiting {
                (StepState::WaitingUntil, Some(d))
            } else {
                (StepState::ToDo, None)
            }
        };
        let mut steps: Vec<NextStep> = Vec::new();
        let mut push = |id: String, text: String, (state, date), mut why: Vec<Reason>| {
            why.push(step_rule.clone());
            steps.push(NextStep {
                id,
                text,
                state,
                date,
                why,
            });
        };
        for kind in &order.order {
            match kind.as_str() {
                "submission_window" => {
                    let Some(w) = &window else { continue };
                    let date = self.d(w.date);
                    // Worded for where the case stands (issue 25, item 5):
                    // submitted, waiting for the window, or open now.
                    let (state, text) = if let Some(sub) = submitted {
                        let sub = self.d(sub);
                        (
                            StepState::Done,
                            tr!(lang, "next_steps.submitted_on", sub, date),
                        )
                    } else if today < w.date {
                        (
                            StepState::WaitingUntil,
                            tr!(lang, "next_steps.wait_until", date),
                        )
                    } else {
                        (StepState::ToDo, tr!(lang, "next_steps.submit_now", date))
                    };
                    push(
                        "submission_window".into(),
                        text,
                        (state, Some(w.date)),
                        w.why.clone(),
                    );
                }
                "case_order_id" => {
                    let Some(r) = self.plan.case_order_id.as_ref().filter(|r| r.required) else {
                        continue;
                    };
                    push(
                        "case_order_id".into(),
                        tr!(lang, "next_steps.case_order_id"),
                        before_submission(false),
                        r.why.clone(),
                    );
                }
                "fee" => {
                    let Some(f) = self.plan.fee.as_ref().filter(|f| f.required) else {
                        continue;
                    };
                    let text = match f.amount_dkk {
                        Some(a) => {
                            let amount = self.m(a);
                            tr!(lang, "next_steps.fee", amount)
                        }
                        None => tr!(lang, "next_steps.fee_no_amount"),
                    };
                    push("fee".into(), text, before_submission(false), f.why.clone());
                }
                "documents" => {
                    let required: Vec<&DocumentItem> =
                        self.plan.documents.iter().filter(|d| d.required).collect();
                    if required.is_empty() {
                        continue;
                    }
                    let total = required.len();
                    let gathered = required.iter().filter(|d| d.gathered).count();
                    let untranslated = required
                        .iter()
                        .filter(|d| {
                            d.translation == TranslationNeed::Needed
                                && d.translation_state != TranslationState::Translated
                        })
                        .count();
                    let text = if untranslated > 0 {
                        tr!(
                            lang,
                            "next_steps.documents_translations",
                            gathered,
                            total,
                            untranslated
                        )
                    } else {
                        tr!(lang, "next_steps.documents", gathered, total)
                    };
                    let mut why: Vec<Reason> = Vec::new();
                    for r in required.iter().flat_map(|d| d.why.iter()) {
                        if !why.iter().any(|w| w.rule == r.rule && w.line == r.line) {
                            why.push(r.clone());
                        }
                    }
                    push(
                        "documents".into(),
                        text,
                        before_submission(gathered == total && untranslated == 0),
                        why,
                    );
                }
                "form_parts" => {
                    let forms = self.plan.forms.clone();
                    for f in &forms {
                        let mut parts = f.parts.clone();
                        parts.sort_by_key(|p| p.order);
                        for (i, part) in parts.iter().enumerate() {
                            let (form, who, task) = (f.form.code(), &part.who, &part.task);
                            push(
                                format!("form:{form}:{}", i + 1),
                                tr!(lang, "next_steps.form_part", form, who, task),
                                before_submission(false),
                                f.why.clone(),
                            );
                        }
                    }
                }
                "biometrics" => {
                    let Some(b) = self.plan.biometrics.as_ref().filter(|b| b.required) else {
                        continue;
                    };
                    let due = self
                        .plan
                        .deadlines
                        .iter()
                        .find(|d| d.id == "biometrics")
                        .map(|d| (d.date, d.why.clone()));
                    let (text, date, why) = match due {
                        Some((date, why)) => {
                            let d = self.d(date);
                            (tr!(lang, "next_steps.biometrics_by", d), Some(date), why)
                        }
                        None => (b.message.clone(), None, b.why.clone()),
                    };
                    let state = match (submitted, date) {
                        (None, _) => StepState::Blocked,
                        (Some(_), Some(d)) if today > d => StepState::Overdue,
                        (Some(_), _) => StepState::ToDo,
                    };
                    push("biometrics".into(), text, (state, date), why);
                }
                // The loader refuses any other kind (rules::STEP_KINDS).
                _ => {}
            }
        }
        self.plan.next_steps = steps;
    }
}

#[cfg(test)]
mod tests {
    use crate::plan::StepState;
    use crate::{plan, Options, RuleSet, Situation};
    use chrono::NaiveDate;

    fn plan_on(today: NaiveDate, submitted: Option<&str>) -> crate::Plan {
        let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../examples/ar1-researcher-family.json");
        let mut v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        if let Some(d) = submitted {
            v["dates"]["submitted"] = d.into();
        }
        let s = Situation::from_json(&v.to_string(), "s.json").unwrap();
        plan(
            &s,
            RuleSet::embedded(),
            &Options {
                today,
                lang: Default::default(),
            },
        )
    }

    fn window(p: &crate::Plan) -> NaiveDate {
        p.deadlines
            .iter()
            .find(|d| d.id == "earliest_submission")
            .map(|d| d.date)
            .unwrap()
    }

    #[test]
    fn the_day_before_the_window_opens_every_step_waits_and_on_it_they_are_to_do() {
        let first = window(&plan_on(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), None));
        let before = plan_on(first.pred_opt().unwrap(), None);
        let ids: Vec<&str> = before.next_steps.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            ids[..3],
            ["submission_window", "case_order_id", "fee"],
            "the pages' order: {ids:?}"
        );
        assert_eq!(ids.last(), Some(&"biometrics"));
        let w = &before.next_steps[0];
        assert_eq!((w.state, w.date), (StepState::WaitingUntil, Some(first)));
        assert!(w.text.starts_with("Wait until"), "{}", w.text);
        assert_eq!(before.next_steps[1].state, StepState::WaitingUntil);
        assert_eq!(before.next_steps[1].date, Some(first));
        assert!(before
            .next_steps
            .iter()
            .all(|s| s.why.iter().any(|r| r.rule == "STEP-1")));
        let bio = before.next_steps.last().unwrap();
        assert_eq!(bio.state, StepState::Blocked);

        let on = plan_on(first, None);
        assert_eq!(on.next_steps[0].state, StepState::ToDo);
        // Once the date has come, the step says the window is open, not
        // "may be submitted from" a day already past (issue 25, item 5).
        let later = plan_on(first + chrono::Days::new(30), None);
        assert!(
            later.next_steps[0].text.contains("may be submitted now"),
            "{}",
            later.next_steps[0].text
        );
        assert_eq!(on.next_steps[1].state, StepState::ToDo);
        assert_eq!(on.next_steps[1].date, None);
    }

    #[test]
    fn a_submission_made_too_early_is_said_as_done_not_as_planned() {
        // The window opens 1 Oct 2026 (six months before 1 Apr 2027).
        let p = plan_on(
            NaiveDate::from_ymd_opt(2026, 9, 20).unwrap(),
            Some("2026-09-15"),
        );
        let w = p.warnings.iter().find(|w| w.id == "too_early").unwrap();
        assert!(
            w.message.starts_with("Too early: submitted on 15 Sep 2026"),
            "{}",
            w.message
        );
        assert!(!w.message.contains("you plan"), "{}", w.message);
    }

    #[test]
    fn after_the_submission_the_steps_are_done_and_biometrics_overdue_the_day_after_its_date() {
        let p = plan_on(
            NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            Some("2026-12-01"),
        );
        // The window's step says what happened, not what may be done.
        let w = &p.next_steps[0];
        assert_eq!(w.state, StepState::Done);
        assert!(w.text.starts_with("Submitted on 1 Dec 2026;"), "{}", w.text);
        let bio = p.next_steps.iter().find(|s| s.id == "biometrics").unwrap();
        let due = bio.date.unwrap();
        assert_eq!(bio.state, StepState::ToDo);
        assert!(p
            .next_steps
            .iter()
            .filter(|s| s.id.starts_with("form:") || s.id == "fee")
            .all(|s| s.state == StepState::Done));
        let on_due = plan_on(due, Some("2026-12-01"));
        let s = on_due
            .next_steps
            .iter()
            .find(|s| s.id == "biometrics")
            .unwrap();
        assert_eq!(s.state, StepState::ToDo);
        let after = plan_on(due.succ_opt().unwrap(), Some("2026-12-01"));
        let s = after
            .next_steps
            .iter()
            .find(|s| s.id == "biometrics")
            .unwrap();
        assert_eq!(s.state, StepState::Overdue);
    }
}
