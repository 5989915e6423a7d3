//! The working-hours conditions.

use super::*;

impl Engine<'_> {
    pub(super) fn hours(&mut self) {
        let lang = self.lang;
        let s = self.s;
        let h = s.hours.per_week.map(|a| a.0);
        let hs = |x: Decimal| x.normalize().to_string();
        match (self.page, s.scheme) {
            ("003", _) => {
                let w = vec![self.why("RESEARCH-4")];
                self.check(
                    "hours",
                    CheckStatus::Pass,
                    tr!(
                        lang,
                        "Researchers need not work full time.",
                        "Forskere behøver ikke arbejde fuld tid."
                    ),
                    w,
                );
            }
            ("002", Some(Scheme::PayLimit)) => {
                let Some((min, r)) = self.money_param("pay_limit_min_hours_per_week") else {
                    return;
                };
                let m = hs(min);
                match h {
                    Some(x) if x >= min => {
                        let xs = hs(x);
                        self.check("hours", CheckStatus::Pass, tr!(lang, "{xs} hours a week: at least {m}, as the Pay Limit Scheme requires.", "{xs} timer om ugen: mindst {m}, som beløbsordningen kræver."), vec![r])
                    }
                    Some(x) => {
                        let xs = hs(x);
                        self.check(
                            "hours",
                            CheckStatus::Fail,
                            tr!(
                                lang,
                                "{xs} hours a week: the Pay Limit Scheme requires at least {m}.",
                                "{xs} timer om ugen: beløbsordningen kræver mindst {m}."
                            ),
                            vec![r.clone()],
                        );
                        self.warn(
                            "hours_too_few",
                            Severity::Blocker,
                            tr!(
                                lang,
                                "Too few working hours: at least {m} a week are required.",
                                "For få arbejdstimer: mindst {m} om ugen kræves."
                            ),
                            vec![r],
                        )
                    }
                    None => self.check(
                        "hours",
                        CheckStatus::Unknown,
                        tr!(
                            lang,
                            "Give your weekly hours: the Pay Limit Scheme requires at least {m}.",
                            "Angiv dine ugentlige timer: beløbsordningen kræver mindst {m}."
                        ),
                        vec![r],
                    ),
                }
            }
            (
                "002",
                Some(
                    sch @ (Scheme::SupplementaryPayLimit | Scheme::SpecialIndividualQualifications),
                ),
            ) => {
                let Some((min, r)) = self.money_param("full_time_min_hours_per_week") else {
                    return;
                };
                let m = hs(min);
                let mut why = vec![r];
                let strict = sch == Scheme::SupplementaryPayLimit;
                if !strict {
                    why.push(self.why("SIQ-6"));
                }
                match h {
                    Some(x) if x >= min => { let xs = hs(x); self.check("hours", CheckStatus::Pass, tr!(lang, "{xs} hours a week: full time (as a rule 37–40 hours).", "{xs} timer om ugen: fuld tid (som regel 37–40 timer)."), why) }
                    Some(x) => { let xs = hs(x); self.check("hours", CheckStatus::Fail, tr!(lang, "{xs} hours a week: this scheme requires full time, as a rule 37–40 hours (at least {m}).", "{xs} timer om ugen: ordningen kræver fuld tid, som regel 37–40 timer (mindst {m})."), why.clone()); self.warn("hours_not_full_time", Severity::Caution, tr!(lang, "Not full time: the scheme requires full time, as a rule 37–40 hours a week.", "Ikke fuld tid: ordningen kræver fuld tid, som regel 37–40 timer om ugen."), why) }
                    None => self.check("hours", CheckStatus::Unknown, tr!(lang, "Give your weekly hours: this scheme requires full time (as a rule 37–40 hours).", "Angiv dine ugentlige timer: ordningen kræver fuld tid (som regel 37–40 timer)."), why),
                }
            }
            ("004", _)
                if matches!(
                    s.siq_category,
                    Some(SiqCategory::Athlete | SiqCategory::Coach)
                ) =>
            {
                let Some((full, rf)) = self.money_param("full_time_min_hours_per_week") else {
                    return;
                };
                let Some((part, rp)) = self.money_param("athlete_part_time_min_hours_per_week")
                else {
                    return;
                };
                let (fs, ps) = (hs(full), hs(part));
                match h {
                    None => self.check("hours", CheckStatus::Unknown, tr!(lang, "Give your weekly hours: generally full time ({fs} hours); part time of at least {ps} hours only where usual in your sport.", "Angiv dine ugentlige timer: normalt fuld tid ({fs} timer); deltid på mindst {ps} timer kun hvor det er almindeligt i din sport."), vec![rf, rp]),
                    Some(x) if x >= full => { let xs = hs(x); self.check("hours", CheckStatus::Pass, tr!(lang, "{xs} hours a week: full time.", "{xs} timer om ugen: fuld tid."), vec![rf]) }
                    Some(x) if x < part => { let xs = hs(x); self.check("hours", CheckStatus::Fail, tr!(lang, "{xs} hours a week: less than {ps}, which no part-time permit goes below.", "{xs} timer om ugen: under {ps}, som ingen deltidstilladelse går under."), vec![rp.clone()]); self.warn("hours_too_few", Severity::Blocker, tr!(lang, "Too few working hours: at least {ps} a week at one club.", "For få arbejdstimer: mindst {ps} om ugen i én klub."), vec![rp]) }
                    Some(x) => {
                        let xs = hs(x);
                        match s.hours.part_time_usual_in_sport {
                            Some(true) => self.check("hours", CheckStatus::Pass, tr!(lang, "{xs} hours a week: part time, possible because it is usual in your sport (at least {ps}).", "{xs} timer om ugen: deltid, muligt fordi det er almindeligt i din sport (mindst {ps})."), vec![rp]),
                            Some(false) => self.check("hours", CheckStatus::Fail, tr!(lang, "{xs} hours a week: part time is possible only where it is usual in your sport; otherwise full time ({fs} hours).", "{xs} timer om ugen: deltid er kun muligt, hvor det er almindeligt i din sport; ellers fuld tid ({fs} timer)."), vec![rf, rp]),
                            None => self.check("hours", CheckStatus::Unknown, tr!(lang, "{xs} hours a week: part time is possible only where it is usual in your sport. Is it?", "{xs} timer om ugen: deltid er kun muligt, hvor det er almindeligt i din sport. Er det?"), vec![rp]),
                        }
                    }
                }
                if let Some(n) = s.hours.employing_clubs.filter(|n| *n > 1) {
                    let w = vec![self.why("ATH-4")];
                    self.check("one_club", CheckStatus::Fail, tr!(lang, "{n} clubs employ you: the hours must be at one workplace; clubs cannot share you and your salary.", "{n} klubber ansætter dig: timerne skal være på én arbejdsplads; klubber kan ikke dele dig og lønnen."), w.clone());
                    self.warn(
                        "several_clubs",
                        Severity::Blocker,
                        tr!(
                            lang,
                            "Several clubs cannot employ you together.",
                            "Flere klubber kan ikke ansætte dig sammen."
                        ),
                        w,
                    );
                }
                if let (Some(x), Some((cap, rc))) = (
                    h,
                    self.money_param("athlete_contact_siri_above_hours_per_week"),
                ) {
                    let total = x
                        .checked_add(s.hours.sideline_per_week.map_or(Decimal::ZERO, |a| a.0))
                        .unwrap_or(Decimal::MAX);
                    if total > cap {
                        let (ts, cs) = (hs(total), hs(cap));
                        self.warn("over_48_hours", Severity::Caution, tr!(lang, "{ts} hours a week including sideline work is more than {cs}: contact SIRI so it can assess the hours against the EU Working Time Directive.", "{ts} timer om ugen inklusive bijob er mere end {cs}: kontakt SIRI, så de kan vurdere timerne efter EU's arbejdstidsdirektiv."), vec![rc]);
                    }
                }
            }
            ("004", _) => {
                let w = vec![
                    self.why("CHEF-4-SILENT-HOURS"),
                    self.why_on("SUPP-PAY-6", "002"),
                ];
                self.note("siq_hours_silent", tr!(lang, "The page for special individual qualifications states working hours only for athletes and coaches. The service-provider page says this scheme requires full time (as a rule 37–40 hours); this plan follows your page and does not check your hours.", "Siden for særlige individuelle kvalifikationer angiver kun arbejdstid for atleter og trænere. Siden for serviceydere siger, at ordningen kræver fuld tid (som regel 37–40 timer); planen følger din side og tjekker ikke dine timer."), w);
            }
            _ => {}
        }
    }
}
