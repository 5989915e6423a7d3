//! The supplementary conditions, the scheme notes and the age of the rules.

use super::*;

impl Engine<'_> {
    pub(super) fn supplementary_conditions(&mut self) {
        if !(self.page == "002" && self.s.scheme == Some(Scheme::SupplementaryPayLimit)) {
            return;
        }
        let lang = self.lang;
        let s = self.s;
        if let Some((limit, r)) = self.money_param("supplementary_fine_limit_dkk") {
            let l = self.m(limit);
            match s.fines_dkk {
                Some(f) if f.0 >= limit => { let fs = self.m(f.0); self.check("fines", CheckStatus::Fail, tr!(lang, "A fine of {fs}: fines of {l} or more under the Aliens Act or the Criminal Code rule this scheme out.", "En bøde på {fs}: bøder på {l} eller mere efter udlændingeloven eller straffeloven udelukker ordningen."), vec![r.clone()]); self.warn("fine", Severity::Blocker, tr!(lang, "A fine of {l} or more rules out the Supplementary Pay Limit Scheme.", "En bøde på {l} eller mere udelukker den supplerende beløbsordning."), vec![r]) }
                Some(_) => self.check("fines", CheckStatus::Pass, tr!(lang, "No fine of {l} or more.", "Ingen bøde på {l} eller mere."), vec![r]),
                None => self.check("fines", CheckStatus::Unknown, tr!(lang, "Have you been fined {l} or more under the Aliens Act or the Criminal Code? Enter your largest fine (0 if none).", "Har du fået en bøde på {l} eller mere efter udlændingeloven eller straffeloven? Angiv den største bøde (0 hvis ingen)."), vec![r]),
            }
        }
        if let Some((max, r)) = self.money_param("supplementary_max_unemployment_percent") {
            let m = max.normalize().to_string();
            match s.unemployment_rate_percent {
                Some(u) if u.0 > max => { let us = u.0.normalize().to_string(); self.check("unemployment", CheckStatus::Fail, tr!(lang, "Unemployment is {us} %, above {m} %: the scheme is closed while it is.", "Ledigheden er {us} %, over {m} %: ordningen er lukket, så længe den er det."), vec![r]) }
                Some(u) => { let us = u.0.normalize().to_string(); self.check("unemployment", CheckStatus::Pass, tr!(lang, "Unemployment is {us} %, not above {m} %.", "Ledigheden er {us} %, ikke over {m} %."), vec![r]) }
                None => self.check("unemployment", CheckStatus::Unknown, tr!(lang, "Enter Denmark's seasonally adjusted gross unemployment rate: it must not exceed {m} %.", "Angiv Danmarks sæsonkorrigerede bruttoledighed: den må ikke overstige {m} %."), vec![r]),
            }
        }
        if s.dates.job_posted_jobnet_eures.is_none() {
            let w = vec![self.why("SUPP-PAY-3")];
            self.check("jobnet_eures", CheckStatus::Unknown, tr!(lang, "Give the date the position was posted on Jobnet.dk and EURES: at least two weeks must pass before you apply.", "Angiv datoen, hvor stillingen blev slået op på Jobnet.dk og EURES: der skal gå mindst to uger, før du søger."), w);
        }
    }

    pub(super) fn scheme_notes(&mut self) {
        let lang = self.lang;
        if self.page == "002" {
            let w = vec![self.why("SP-9")];
            self.note("one_permit_per_trip", tr!(lang, "Each trip to Denmark to provide a service needs its own permit (four stays in a year are four applications).", "Hver rejse til Danmark for at levere en serviceydelse kræver sin egen tilladelse (fire ophold på et år er fire ansøgninger)."), w);
            if self.s.scheme == Some(Scheme::SpecialIndividualQualifications) {
                let w = vec![self.why("SIQ-7")];
                self.note("siq_one_year", tr!(lang, "Under special individual qualifications, a service provider's permit is granted for at most 1 year at a time.", "Under særlige individuelle kvalifikationer gives en serviceyders tilladelse højst for 1 år ad gangen."), w);
            }
        }
        if self.s.applying_from == Some(ApplyingFrom::Denmark) && self.page == "002" {
            let w = vec![self.why("SUBMIT-7")];
            self.note(
                "legal_stay",
                tr!(
                    lang,
                    "If you are in Denmark when you submit, you must be there legally.",
                    "Er du i Danmark, når du indgiver, skal du opholde dig lovligt her."
                ),
                w,
            );
        }
    }

    pub(super) fn rules_age(&mut self) {
        use chrono::Datelike;
        let lang = self.lang;
        let checked = self.rules.checked_on;
        let age = (self.today - checked).num_days();
        if age > crate::policy::RULES_STALE_AFTER_DAYS {
            let cd = self.d(checked);
            self.warn("rules_stale", Severity::Caution, tr!(lang, "These rules were last checked against the pages on {cd}, more than a year ago. Check SIRI's pages before you rely on them.", "Reglerne blev senest kontrolleret mod siderne {cd}, for mere end et år siden. Tjek SIRI's sider, før du regner med dem."), vec![]);
        }
        if self.regulated_used {
            let w = vec![self.why_on("PAY-LIMIT-2", "002")];
            if !self.unstated_year_used.is_empty() {
                self.warn("pay_limit_year_unstated", Severity::Caution, tr!(lang, "The page does not say which year its pay limits are for, and they are regulated every 1 January. Check SIRI's current figures before you rely on this check.", "Siden siger ikke, hvilket år beløbsgrænserne gælder for, og de reguleres hvert år 1. januar. Tjek SIRI's aktuelle beløb, før du regner med dette tjek."), w.clone());
            }
            if self.as_of.year() > checked.year() {
                let (y, cd) = (self.as_of.year(), self.d(checked));
                self.warn("pay_limit_new_year", Severity::Caution, tr!(lang, "Your submission falls in {y}, after a 1 January regulation of the pay limits; the figures used were checked on {cd}.", "Din ansøgning indgives i {y}, efter en regulering af beløbsgrænserne 1. januar; de anvendte beløb blev kontrolleret {cd}."), w);
            }
        }
    }
}
