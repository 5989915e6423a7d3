//! The permit's life after the grant, as dates (issue 24): the extension
//! deadline from the permit's expiry (EXT-1, EXT-1b; docs/conventions.md
//! C10) and, after a passport renewal, the earliest day an extension can be
//! applied for, per page (PASS-3b: 3 months on 002 and 004, 90 days on 003).
//! Each is a deadline, so reminders and the `.ics` calendar carry it.

use super::*;

impl Engine<'_> {
    pub(super) fn permit_life(&mut self) {
        let lang = self.lang;
        let s = self.s;
        let Some(expiry) = s.dates.permit_expiry.map(|d| d.0) else {
            return;
        };
        let ed = self.d(expiry);
        let why = vec![self.why("EXT-1"), self.why("EXT-1b")];
        self.deadline(
            "extension",
            tr!(lang, "life.extension_label"),
            DeadlineKind::NoLaterThan,
            expiry,
            tr!(lang, "life.extension_computed", ed),
            dates::CONVENTION_BEFORE_EXPIRY,
            None,
            why,
        );
        let Some(renewed) = s.dates.passport_renewed.map(|d| d.0) else {
            return;
        };
        let Some((p, r)) = self.period_param("extension_earliest_after_passport_renewal") else {
            return;
        };
        let Some(by_rule) = dates::sub_period(expiry, p) else {
            return;
        };
        let pt = super::validity::period_text(lang, p);
        let rd = self.d(renewed);
        let (earliest, computed) = if renewed > by_rule {
            (renewed, tr!(lang, "life.earliest_is_renewal", pt, ed, rd))
        } else {
            (
                by_rule,
                tr!(lang, "life.earliest_before_expiry", pt, ed, rd),
            )
        };
        let convention = format!(
            "{} {}",
            dates::convention_before(p),
            dates::CONVENTION_BEFORE_EXPIRY
        );
        self.deadline(
            "extension_earliest",
            tr!(lang, "life.extension_earliest_label"),
            DeadlineKind::NotBefore,
            earliest,
            computed,
            &convention,
            None,
            vec![r, self.why("PASS-3")],
        );
    }
}

impl Engine<'_> {
    /// A stay abroad after the grant (issue 24): on 002 and 004 the day by
    /// which the holder must be back (LAPSE-0, docs/conventions.md C11) and,
    /// where the planned return is later or the Danish address is given up,
    /// the lapse with both pages' words ("can" on 002, "will" on 004) and the
    /// dispensation the page offers (LAPSE-2); on 003 the researcher's
    /// exemption for themselves and their family (LAPSE-3, LAPSE-3b) and the
    /// documentation of non-residence the page then asks for (LAPSE-4, 4b).
    pub(super) fn stay_abroad(&mut self) {
        let lang = self.lang;
        let s = self.s;
        let Some(from) = s.dates.abroad_from.map(|d| d.0) else {
            return;
        };
        let until = s.dates.abroad_until.map(|d| d.0).filter(|u| *u >= from);
        let Some((Value::Months(n), rule)) = self.param("lapse_abroad_months") else {
            return;
        };
        let Some(back_by) = dates::add_months(from, n) else {
            return;
        };
        let (fd, bd) = (self.d(from), self.d(back_by));
        let Some(page) = self.page else { return };
        if page == Page::Researcher {
            let mut why = vec![rule, self.why("LAPSE-3")];
            if !s.family.is_empty() {
                why.push(self.why("LAPSE-3b"));
            }
            // The documentation of non-residence is asked of a researcher
            // abroad without the salary stated in the application (003:135).
            why.push(self.why("LAPSE-4c"));
            if s.salary_while_abroad != Some(true) {
                why.push(self.why("LAPSE-4"));
                why.push(self.why("LAPSE-4b"));
            }
            let cpr = self.days_param("cpr_deregistration_abroad_days");
            let days = cpr.as_ref().map_or(0, |(d, _)| *d);
            let length = until.map(|u| dates::days_until(from, u));
            if let Some(kept) = s.salary_while_abroad {
                let stay = match until {
                    Some(u) => {
                        let ud = self.d(u);
                        tr!(lang, "life.abroad_from_to", fd, ud)
                    }
                    None => tr!(lang, "life.abroad_from", fd),
                };
                let message = if kept {
                    tr!(lang, "life.abroad_researcher_salary_kept", stay)
                } else {
                    let docs = match length {
                        Some(len) if len > i64::from(days) => {
                            tr!(lang, "life.abroad_docs_cpr", len, days)
                        }
                        _ => tr!(lang, "life.abroad_docs", days),
                    };
                    tr!(lang, "life.abroad_researcher_salary_stops", stay, docs)
                };
                self.check("stay_abroad", CheckStatus::Info, message, why);
                return;
            }
            let message = match (until, length) {
                (Some(u), Some(len)) if len > i64::from(days) => {
                    let ud = self.d(u);
                    tr!(lang, "life.abroad_researcher_long", fd, ud, len, days)
                }
                (Some(u), _) => {
                    let ud = self.d(u);
                    tr!(lang, "life.abroad_researcher", fd, ud, days)
                }
                (None, _) => tr!(lang, "life.abroad_researcher_open", fd, days),
            };
            self.check("stay_abroad", CheckStatus::Info, message, why);
            return;
        }
        // The other page's word beside this page's ("can" against "will").
        let other = if page == Page::ServiceProvider {
            Page::SpecialQualifications
        } else {
            Page::ServiceProvider
        };
        let words = vec![self.why("LAPSE-1"), self.why_on("LAPSE-1", other)];
        let key_will = page == Page::SpecialQualifications;
        self.deadline(
            "abroad_return_by",
            tr!(lang, "life.abroad_return_label"),
            DeadlineKind::NoLaterThan,
            back_by,
            tr!(lang, "life.abroad_return_computed", n, fd),
            dates::CONVENTION_ABROAD_MONTHS,
            Some(tr!(lang, "life.abroad_remedy")),
            vec![rule.clone(), self.why("LAPSE-2")],
        );
        // 002 gives being stationed abroad as an example ("e.g."), 004 as
        // the ground ("i.e."): assets/pages 002:187 and 004:269.
        let dispensation = match s.stationed_abroad_by_employer {
            Some(true) => tr!(lang, "life.abroad_stationed"),
            _ if key_will => tr!(lang, "life.abroad_dispensation_ground"),
            _ => tr!(lang, "life.abroad_dispensation"),
        };
        let mut why = vec![rule];
        why.extend(words);
        why.push(self.why("LAPSE-2"));
        if s.danish_address_given_up == Some(true) {
            let message = if key_will {
                tr!(lang, "life.address_given_up_will", dispensation)
            } else {
                tr!(lang, "life.address_given_up_can", dispensation)
            };
            self.warn("address_given_up", Severity::Caution, message, why.clone());
        }
        match until {
            Some(u) if u > back_by => {
                let ud = self.d(u);
                let message = if key_will {
                    tr!(lang, "life.abroad_lapses_will", fd, ud, n, bd, dispensation)
                } else {
                    tr!(lang, "life.abroad_lapses_can", fd, ud, n, bd, dispensation)
                };
                self.warn("permit_lapse", Severity::Caution, message, why.clone());
                self.check(
                    "stay_abroad",
                    CheckStatus::Fail,
                    tr!(lang, "life.abroad_too_long", fd, ud, n, bd),
                    why,
                );
            }
            Some(u) => {
                let ud = self.d(u);
                self.check(
                    "stay_abroad",
                    CheckStatus::Pass,
                    tr!(lang, "life.abroad_within", fd, ud, n, bd),
                    why,
                );
            }
            None => {}
        }
    }
}

impl Engine<'_> {
    /// A short stay on the researcher page (003:75-83): teaching "for a
    /// period shorter than 90 days" against research where "the total
    /// duration of your stay is 90 days or less counted from your date of
    /// entry" (the two limits differ at exactly 90 days), and a stay known to
    /// be longer, which needs a permit covering its first 90 days too. The
    /// stay's length counts both days (C6).
    pub(super) fn short_stay(&mut self) {
        if self.page != Some(Page::Researcher) {
            return;
        }
        let Some(n) = self.stay_length() else { return };
        // Stated as a planned total stay, or a stay from the dates within
        // the exemptions: a years-long employment needs no word on them.
        let stated = self.s.stay_length_days.is_some();
        // Decided before any reason is made: most researchers' employments
        // run for years (a plan is kept under 50 µs).
        let plain = |name: &str| match self.rules.value(name, Page::Researcher.id(), self.as_of) {
            Ok(r) => match r.value {
                Value::Days(d) => Some(d),
                _ => None,
            },
            Err(_) => None,
        };
        let within =
            plain("exempt_research_max_days").max(plain("exempt_teaching_shorter_than_days"));
        if !stated && within.is_none_or(|d| n > i64::from(d)) {
            return;
        }
        let lang = self.lang;
        let (Some((teach, tr_)), Some((research, rr)), Some((first, fr))) = (
            self.days_param("exempt_teaching_shorter_than_days"),
            self.days_param("exempt_research_max_days"),
            self.days_param("permit_covers_first_days"),
        ) else {
            return;
        };
        let longest = i64::from(research.max(teach));
        if n > longest && !stated {
            return;
        }
        let convention = dates::convention_in(CONVENTION_STAY_LENGTH, lang);
        let (message, why, limit) = if n > longest {
            (
                tr!(lang, "life.short_stay_longer", n, first, convention),
                vec![fr, rr],
                first,
            )
        } else if n >= i64::from(teach) {
            (
                tr!(
                    lang,
                    "life.short_stay_research_only",
                    n,
                    teach,
                    research,
                    convention
                ),
                vec![rr, tr_, self.why("EXEMPT-7")],
                research,
            )
        } else {
            (
                tr!(lang, "life.short_stay_both", n, teach, research, convention),
                vec![tr_, rr, self.why("EXEMPT-7")],
                research,
            )
        };
        let figures = Figures::compared(FigureUnit::Days, Decimal::from(n), Decimal::from(limit));
        self.check_figures("short_stay", CheckStatus::Info, message, figures, why);
    }
}

impl Engine<'_> {
    /// Each change of the job within the same company the user describes
    /// gets its own answer, per page and scheme, from the rules data
    /// (`page_rules.*.job_change`, issue 24): a new position under the Pay
    /// Limit Scheme needs no new permit on 002 (155, 265, with the page's own
    /// caveat at 267) but does under the other schemes (265); a researcher may
    /// change position but not place of work (003:97-101); on 004 a new
    /// position needs a new permit even in the same company (251). Where the
    /// page does not say, the answer says so.
    pub(super) fn job_changes(&mut self) {
        let s = self.s;
        if s.job_changes.is_empty() {
            return;
        }
        let Some(page) = self.page else { return };
        let all = self.rules;
        let Some(rules) = all.page_rules.get(page.id()) else {
            return;
        };
        let lang = self.lang;
        for (i, change) in s.job_changes.iter().enumerate() {
            let Some(kind) = change.kind else { continue };
            let Some(answer) = rules
                .job_change
                .get(kind.id())
                .and_then(|list| list.iter().find(|a| a.applies_to(s.scheme)))
            else {
                continue;
            };
            let n = i + 1;
            let kind_text =
                crate::messages::text(lang, &format!("life.job_change_kind.{}", kind.id()), &[]);
            let what = match change.description.as_deref() {
                Some(d) if !d.trim().is_empty() => format!("{kind_text}: “{}”", d.trim()),
                _ => kind_text,
            };
            let head = match change.date {
                Some(d) => {
                    let dd = self.d(d.0);
                    tr!(lang, "life.job_change_head_dated", n, what, dd)
                }
                None => tr!(lang, "life.job_change_head", n, what),
            };
            let answer_text = crate::messages::text(lang, &answer.message, &[]);
            let message = format!("{head} {answer_text}");
            let status = match answer.new_permit {
                Some(_) => CheckStatus::Info,
                None => CheckStatus::Unknown,
            };
            let why = answer.cites.iter().map(|id| self.why(id)).collect();
            self.check(&format!("job_change_{n}"), status, message, why);
        }
    }

    /// Several stays a year on the service-provider route: one application
    /// for each stay (SP-9, SP-9b), counted, each with the page's fee.
    pub(super) fn stays_per_year(&mut self) {
        if self.page != Some(Page::ServiceProvider) {
            return;
        }
        let Some(n) = self.s.stays_per_year else {
            return;
        };
        let lang = self.lang;
        let mut why = vec![self.why("SP-9"), self.why("SP-9b")];
        let message = if n == 1 {
            tr!(lang, "life.stays_one")
        } else {
            let fee = self.money_param("fee_dkk");
            match fee.and_then(|(f, r)| Some((f, f.checked_mul(Decimal::from(n))?, r))) {
                Some((fee, total, r)) => {
                    why.push(r);
                    let (fee, total) = (self.m(fee), self.m(total));
                    tr!(lang, "life.stays_many_fee", n, fee, total)
                }
                None => tr!(lang, "life.stays_many", n),
            }
        };
        self.check("stays_per_year", CheckStatus::Info, message, why);
    }
}
