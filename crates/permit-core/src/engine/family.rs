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
                .unwrap_or_else(|| tr!(lang, "your spouse/partner", "din ægtefælle/partner"))
        });
        let mut included: Vec<String> = Vec::new();
        for (i, m) in members.iter().enumerate() {
            let number = i + 1;
            let name = m
                .name
                .clone()
                .unwrap_or_else(|| tr!(lang, "Family member {number}", "Familiemedlem {number}"));
            let age = match (m.birth_date, submission) {
                (Some(b), Some(s)) => Some(dates::completed_years(b.0, s)),
                _ => None,
            };
            let (outcome, message, why) = if is_partner(m.relation) {
                ("own_application", tr!(lang, "{name} submits an own application on form FA8. The form's name comes from the 2011 page; the current pages say a spouse or partner can be granted a permit but name no form.", "{name} indgiver sin egen ansøgning på skema FA8. Skemaets navn stammer fra siden fra 2011; de aktuelle sider siger, at ægtefælle eller partner kan få tilladelse, men nævner intet skema."), vec![self.why_on("FORM-FA8-1", "001"), self.why_on("FORM-FA8-2", "001"), self.why("FAM-1")])
            } else {
                match (age, m.living_at_home) {
                    (_, Some(false)) => ("not_included", tr!(lang, "{name} does not live at home; the page covers children under {lim} living at home.", "{name} bor ikke hjemme; siden dækker børn under {lim}, der bor hjemme."), vec![self.why("FAM-1")]),
                    (Some(a), _) if Decimal::from(a) >= limit => ("not_included", tr!(lang, "{name} is {a} on the submission date and so not under {lim}: not covered as an accompanying child.", "{name} er {a} år på ansøgningsdatoen og dermed ikke under {lim}: ikke omfattet som medfølgende barn."), vec![self.why("FAM-1")]),
                    (Some(a), _) => match &partner_name {
                        Some(p) => {
                            included.push(name.clone());
                            ("included", tr!(lang, "{name} ({a}) is under {lim}: include the child in {p}'s FA8 application.", "{name} ({a} år) er under {lim}: barnet medtages i {p}s FA8-ansøgning."), vec![self.why_on("FORM-FA8-1", "001"), self.why("FAM-1")])
                        }
                        None => ("unknown", tr!(lang, "{name} ({a}) is under {lim}. The pages say children are included in the spouse's or partner's application, but not how a child applies without one. Ask SIRI.", "{name} ({a} år) er under {lim}. Siderne siger, at børn medtages i ægtefællens eller partnerens ansøgning, men ikke hvordan et barn søger uden. Spørg SIRI."), vec![self.why_on("FORM-FA8-1", "001")]),
                    },
                    (None, _) => ("unknown", tr!(lang, "Give {name}'s birth date and the submission date to see whether the child is under {lim}.", "Angiv {name}s fødselsdato og ansøgningsdatoen for at se, om barnet er under {lim}."), vec![self.why("FAM-1")]),
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
                task: tr!(
                    lang,
                    "Fills in and submits FA8 as an own application.",
                    "Udfylder og indgiver FA8 som egen ansøgning."
                ),
            }];
            let children = if included.is_empty() {
                String::new()
            } else {
                let list = included.join(", ");
                tr!(
                    lang,
                    " Children included: {list}.",
                    " Børn, der medtages: {list}."
                )
            };
            let message = tr!(
                lang,
                "Accompanying family: {p} applies on FA8.{children}",
                "Medfølgende familie: {p} søger på FA8.{children}"
            );
            let why = vec![
                self.why_on("FORM-FA8-1", "001"),
                self.why_on("FORM-FA8-2", "001"),
                self.why("FAM-1"),
            ];
            self.plan.forms.push(FormPlan {
                form: "FA8".into(),
                applicant: p,
                channel: Channel::NotStated,
                parts,
                message,
                why,
            });
        }
        let ages_note = dates::convention_in(CONVENTION_AGE, lang);
        self.note("age_convention", ages_note, vec![]);
        if self.page == "004" {
            let w = self.whys(&["SIQ-5"]);
            match self.s.family_revocations_for_missing_work_permit {
                Some(n) if n > 1 => self.check("siq_family_revocations", CheckStatus::Fail, tr!(lang, "A family member's permit was revoked {n} times for lack of a work permit; the scheme requires that this happened no more than once.", "Et familiemedlems tilladelse er inddraget {n} gange pga. manglende arbejdstilladelse; ordningen kræver, at det højst er sket én gang."), w),
                Some(n) => self.check("siq_family_revocations", CheckStatus::Pass, tr!(lang, "Revocations of a family member's permit for lack of a work permit: {n} (no more than once is required).", "Inddragelser af et familiemedlems tilladelse pga. manglende arbejdstilladelse: {n} (højst én gang er kravet)."), w),
                None => self.check("siq_family_revocations", CheckStatus::Unknown, tr!(lang, "Say how many times an accompanying family member's permit was revoked for lack of a work permit (more than once disqualifies).", "Angiv, hvor mange gange et medfølgende familiemedlems tilladelse er inddraget pga. manglende arbejdstilladelse (mere end én gang udelukker)."), w),
            }
        }
    }
}
