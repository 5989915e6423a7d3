//! The fee, the case order ID and the biometrics requirement (and the commuter exception).

use super::*;

impl Engine<'_> {
    pub(super) fn fee_and_steps(&mut self) {
        let lang = self.lang;
        if self.commuter_exempt() {
            let why = self.whys(&["FEE-4"]);
            self.plan.fee = Some(Fee {
                required: false,
                amount_dkk: None,
                message: tr!(lang, "fees.as_commuter_who_will"),
                why: why.clone(),
            });
            self.plan.case_order_id = Some(Requirement {
                required: false,
                message: tr!(lang, "fees.no_case_order_id"),
                why,
            });
            let why = self.whys(&["BIO-6"]);
            self.plan.biometrics = Some(Requirement {
                required: false,
                message: tr!(lang, "fees.commuters_who_do_not"),
                why,
            });
            return;
        }
        if self.s.commuter == Some(true) && self.page == Some(Page::ServiceProvider) {
            let w = self.whys(&["COMM-3"]);
            self.warn(
                "commuter_not_on_page",
                Severity::Info,
                tr!(lang, "fees.service_provider_page_says"),
                w,
            );
        }
        if let Some((amount, r)) = self.money_param("fee_dkk") {
            let a = self.m(amount);
            let mut why = vec![r];
            why.push(self.why("FEE-2"));
            self.plan.fee = Some(Fee {
                required: true,
                amount_dkk: Some(amount),
                message: tr!(lang, "fees.pay_processing_fee_before", a),
                why,
            });
        }
        let why = self.whys(&["FEE-2", "CASEID-1"]);
        self.plan.case_order_id = Some(Requirement {
            required: true,
            message: tr!(lang, "fees.create_case_order_id"),
            why,
        });
        let why = self.whys(&["DEADLINE-BIO-1", "BIO-2"]);
        let message = match self.days_param("biometrics_days") {
            Some((n, _)) => tr!(lang, "fees.have_facial_photo_fingerprints", n),
            None => tr!(lang, "fees.have_facial_photo_fingerprints_2"),
        };
        self.plan.biometrics = Some(Requirement {
            required: true,
            message,
            why,
        });
    }
}
