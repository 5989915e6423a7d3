//! The Danish bank account requirement and its deadline (per page: 90 or 180 days, and the exemptions by length of stay).

use super::*;

impl Engine<'_> {
    pub(super) fn bank_account(&mut self) {
        let lang = self.lang;
        let s = self.s;
        let granted = s.dates.permit_granted.map(|d| d.0);
        let entry = s.dates.entry.map(|d| d.0);
        if s.holds_danish_residence_permit == Some(true) {
            let rule = if self.page == "002" {
                "BANK-2b"
            } else {
                "BANK-3b"
            };
            let w = vec![self.why(rule)];
            let msg = if self.page == "002" {
                tr!(lang, "If your current Danish residence permit is valid for at least 180 days, your salary must go into a Danish bank account from the first payment.", "Hvis din nuværende danske opholdstilladelse gælder i mindst 180 dage, skal lønnen udbetales til en dansk bankkonto fra første udbetaling.")
            } else {
                tr!(lang, "If you already hold a residence permit for no less than 3 months, your salary must go into a Danish bank account from the first payment.", "Har du allerede en opholdstilladelse på mindst 3 måneder, skal lønnen udbetales til en dansk bankkonto fra første udbetaling.")
            };
            self.check("bank_account_now", CheckStatus::Info, msg, w);
        }
        let Some((days, r)) = self.days_param("bank_account_days") else {
            return;
        };
        let stay = self.stay_length();
        let convention = dates::convention_in(CONVENTION_STAY_LENGTH, lang);
        if self.page == "002" {
            let Some((limit, lr)) = self.days_param("bank_required_if_stay_exceeds_days") else {
                return;
            };
            match stay {
                Some(n) if n > i64::from(limit) => {}
                Some(n) if n == i64::from(limit) => {
                    let w = vec![lr];
                    self.check("bank_account", CheckStatus::Unknown, tr!(lang, "Your stay is exactly {n} days. The page requires a Danish bank account if the stay exceeds {limit} days and exempts stays of less than {limit} days; it does not say what applies at exactly {limit}. Ask SIRI. ({convention})", "Dit ophold er præcis {n} dage. Siden kræver dansk bankkonto, hvis opholdet overstiger {limit} dage, og fritager ophold under {limit} dage; den siger ikke, hvad der gælder ved præcis {limit}. Spørg SIRI. ({convention})"), w);
                    return;
                }
                Some(n) => {
                    let w = vec![lr];
                    self.check("bank_account", CheckStatus::Pass, tr!(lang, "Your stay is {n} days, less than {limit}: in practice you need no Danish bank account for your salary. ({convention})", "Dit ophold er {n} dage, under {limit}: i praksis skal du ikke have en dansk bankkonto til lønnen. ({convention})"), w);
                    return;
                }
                None => {
                    let w = vec![lr];
                    self.check("bank_account", CheckStatus::Unknown, tr!(lang, "Give your entry (or job start) and job end dates: a Danish bank account in your own name is required if the stay exceeds {limit} days.", "Angiv indrejse (eller jobstart) og jobslut: en dansk bankkonto i dit eget navn kræves, hvis opholdet overstiger {limit} dage."), w);
                    return;
                }
            }
            // Required: 180 days from grant, or from entry when entering after the grant.
            let (base, what) = match (granted, entry) {
                (Some(g), Some(e)) if e > g => (e, tr!(lang, "your entry", "din indrejse")),
                (Some(g), _) => (g, tr!(lang, "the permit grant", "tilladelsen blev givet")),
                (None, Some(e)) => (e, tr!(lang, "your entry (the page counts from the grant, or from entry if you enter after it)", "din indrejse (siden regner fra tilladelsen, eller fra indrejse hvis den er senere)")),
                (None, None) => {
                    let w = vec![r];
                    self.check("bank_account", CheckStatus::Unknown, tr!(lang, "Your stay exceeds {limit} days, so your salary must go into a Danish bank account in your own name, opened within {days} days of the permit grant (or of your entry if later). Give those dates to see the deadline.", "Dit ophold overstiger {limit} dage, så lønnen skal udbetales til en dansk bankkonto i dit eget navn, oprettet inden {days} dage efter tilladelsen (eller indrejsen, hvis den er senere). Angiv datoerne for at se fristen."), w);
                    return;
                }
            };
            if let Some(due) = dates::add_days(base, days) {
                let bd = self.d(base);
                self.deadline(
                    "bank_account",
                    tr!(
                        lang,
                        "Open a Danish bank account",
                        "Opret en dansk bankkonto"
                    ),
                    DeadlineKind::NoLaterThan,
                    due,
                    tr!(
                        lang,
                        "{days} days after {bd} ({what})",
                        "{days} dage efter {bd} ({what})"
                    ),
                    CONVENTION_DAYS_AFTER,
                    None,
                    vec![r, lr],
                );
            }
            return;
        }
        // Pages 003/004: 90 days after grant or entry, whichever is later.
        if self.page == "003" {
            if let (Some((limit, lr)), Some(e), Some(end)) = (
                self.days_param("bank_exempt_if_employment_within_days"),
                entry,
                s.dates.job_end,
            ) {
                let n = dates::stay_length_days(e, end.0);
                if n <= i64::from(limit) {
                    self.check("bank_account", CheckStatus::Pass, tr!(lang, "Your employment lasts {n} days from entry, not more than {limit}: the Danish bank account requirement does not apply (it will if the employment is extended beyond {limit} days). ({convention})", "Din ansættelse varer {n} dage fra indrejse, højst {limit}: kravet om dansk bankkonto gælder ikke (det gør det, hvis ansættelsen forlænges ud over {limit} dage). ({convention})"), vec![lr]);
                    return;
                }
            }
        }
        match (granted, entry) {
            (Some(g), Some(e)) => {
                let base = g.max(e);
                if let Some(due) = dates::add_days(base, days) {
                    let (gd, ed) = (self.d(g), self.d(e));
                    self.deadline("bank_account", tr!(lang, "Open a Danish bank account", "Opret en dansk bankkonto"), DeadlineKind::NoLaterThan, due, tr!(lang, "{days} days after the later of the permit grant ({gd}) and your entry ({ed})", "{days} dage efter det seneste af tilladelsen ({gd}) og din indrejse ({ed})"), CONVENTION_DAYS_AFTER, None, vec![r]);
                }
            }
            _ => self.check("bank_account", CheckStatus::Unknown, tr!(lang, "Your salary must go into a Danish bank account opened no later than {days} days after the permit grant or your entry, whichever is later. Give both dates to see the deadline.", "Lønnen skal udbetales til en dansk bankkonto, oprettet senest {days} dage efter tilladelsen eller indrejsen, alt efter hvad der er senest. Angiv begge datoer for at se fristen."), vec![r]),
        }
    }
}
