//! The accompanying family: a spouse or partner on FA8, children under the age limit on the submission date, and the revocation condition of the special individual qualifications page.

use super::*;

impl Engine<'_> {
    pub(super) fn family(&mut self) {
        let lang = self.lang;
        let members = self.s.family.clone();
        if members.is_empty() {
            return;
        }
        let submission = self.s.submission_date();
        // Without the age limit in the data nothing can be said about the
        // children (the missing value is already reported as a warning).
        let Some((limit, _)) = self.money_param("child_age_limit_years") else {
            return;
        };
        let lim = limit.normalize();
        let partner_name = members.iter().find(|m| is_partner(m.relation)).map(|m| {
            m.name
                .clone()
                .unwrap_or_else(|| tr!(lang, "family.spouse_partner"))
        });
        let mut included: Vec<String> = Vec::new();
        for (i, m) in members.iter().enumerate() {
            let number = i + 1;
            let name = m
                .name
                .clone()
                .unwrap_or_else(|| tr!(lang, "family.family_member", number));
            let age = match (m.birth_date, submission) {
                (Some(b), Some(s)) => Some(dates::completed_years(b.0, s)),
                _ => None,
            };
            let (outcome, message, why) = if is_partner(m.relation) {
                (
                    "own_application",
                    tr!(lang, "family.submits_own_application_form", name),
                    vec![
                        self.why_on("FORM-FA8-1", Page::Forms2011),
                        self.why_on("FORM-FA8-2", Page::Forms2011),
                        self.why("FAM-1"),
                    ],
                )
            } else {
                match (age, m.living_at_home) {
                    (_, Some(false)) => (
                        "not_included",
                        tr!(lang, "family.does_not_live_at", name, lim),
                        vec![self.why("FAM-1")],
                    ),
                    (Some(a), _) if Decimal::from(a) >= limit => (
                        "not_included",
                        tr!(lang, "family.submission_date_so_not", name, a, lim),
                        vec![self.why("FAM-1")],
                    ),
                    (Some(a), _) => match &partner_name {
                        Some(p) => {
                            included.push(name.clone());
                            (
                                "included",
                                tr!(lang, "family.under_include_child_fa8", name, a, lim, p),
                                vec![
                                    self.why_on("FORM-FA8-1", Page::Forms2011),
                                    self.why("FAM-1"),
                                ],
                            )
                        }
                        None => (
                            "unknown",
                            tr!(lang, "family.under_pages_say_children", name, a, lim),
                            vec![self.why_on("FORM-FA8-1", Page::Forms2011)],
                        ),
                    },
                    (None, _) => (
                        "unknown",
                        tr!(lang, "family.give_birth_date_submission", name, lim),
                        vec![self.why("FAM-1")],
                    ),
                }
            };
            self.plan.family.push(FamilyOutcome {
                name,
                relation: m.relation,
                age,
                outcome: outcome.into(),
                message,
                why,
            });
        }
        if let Some(p) = partner_name {
            let parts = vec![Part {
                order: 1,
                who: p.clone(),
                task: tr!(lang, "family.fills_submits_fa8_as"),
            }];
            let children = if included.is_empty() {
                String::new()
            } else {
                let list = included.join(", ");
                tr!(lang, "family.children_included", list)
            };
            let message = tr!(lang, "family.accompanying_family_applies_fa8", p, children);
            let why = vec![
                self.why_on("FORM-FA8-1", Page::Forms2011),
                self.why_on("FORM-FA8-2", Page::Forms2011),
                self.why("FAM-1"),
            ];
            // The family member's own fee, read from the 2011 page as its
            // form is (001:70): normally payable, no amount, payable by
            // another person.
            let fee = vec![
                self.why_on("FEE-5", Page::Forms2011),
                self.why_on("SRC-001", Page::Forms2011),
            ];
            let name = p.clone();
            self.warn(
                "fee_2011_family",
                Severity::Caution,
                tr!(lang, "family.fee_2011", name),
                fee,
            );
            self.plan.forms.push(FormPlan {
                form: Form::FA8,
                applicant: p,
                channel: Channel::NotStated,
                parts,
                message,
                why,
            });
        }
        let ages_note = dates::convention_in(CONVENTION_AGE, lang);
        self.note("age_convention", ages_note, vec![]);
        if self.page == Some(Page::SpecialQualifications) {
            let Some((max, r)) = self.money_param("siq_family_revocations_max") else {
                return;
            };
            let w = vec![r];
            let max = max.normalize();
            match self.s.family_revocations_for_missing_work_permit {
                Some(n) if Decimal::from(n) > max => self.check(
                    "siq_family_revocations",
                    CheckStatus::Fail,
                    tr!(lang, "family.family_member_permit_was", n, max),
                    w,
                ),
                Some(n) => self.check(
                    "siq_family_revocations",
                    CheckStatus::Pass,
                    tr!(lang, "family.revocations_family_member_permit", n, max),
                    w,
                ),
                None => self.check(
                    "siq_family_revocations",
                    CheckStatus::Unknown,
                    tr!(lang, "family.say_how_many_times", max),
                    w,
                ),
            }
        }
    }
}
