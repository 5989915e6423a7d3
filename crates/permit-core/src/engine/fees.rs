//! The fee, the case order ID and the biometrics requirement (and the commuter exception).

use super::*;

impl Engine<'_> {
    pub(super) fn fee_and_steps(&mut self) {
        let lang = self.lang;
        if self.commuter_exempt() {
            let why = self.whys(&["FEE-4"]);
            self.plan.fee = Some(Fee { required: false, amount_dkk: None, message: tr!(lang, "As a commuter who will not live in Denmark and applies only for a work permit, you pay no fee and create no case order ID; go straight to the form.", "Som pendler, der ikke skal bo i Danmark og kun søger arbejdstilladelse, betaler du ikke gebyr og opretter ikke sagsbestillings-ID; gå direkte til skemaet."), why: why.clone() });
            self.plan.case_order_id = Some(Requirement {
                required: false,
                message: tr!(
                    lang,
                    "No case order ID is needed for commuters.",
                    "Pendlere skal ikke oprette sagsbestillings-ID."
                ),
                why,
            });
            let why = self.whys(&["BIO-6"]);
            self.plan.biometrics = Some(Requirement {
                required: false,
                message: tr!(
                    lang,
                    "Commuters who do not reside in Denmark do not have their biometrics recorded.",
                    "Pendlere, der ikke bor i Danmark, skal ikke have optaget biometri."
                ),
                why,
            });
            return;
        }
        if self.s.commuter == Some(true) && self.page == "002" {
            let w = self.whys(&["COMM-3"]);
            self.warn("commuter_not_on_page", Severity::Info,
                tr!(lang, "The service-provider page says nothing about commuters: the fee, the case order ID and biometrics apply as it states them.", "Siden for serviceydere nævner ikke pendlere: gebyr, sagsbestillings-ID og biometri gælder, som siden beskriver dem."),
                w);
        }
        if let Some((amount, r)) = self.money_param("fee_dkk") {
            let a = self.m(amount);
            let mut why = vec![r];
            why.push(self.why("FEE-2"));
            self.plan.fee = Some(Fee {
                required: true,
                amount_dkk: Some(amount),
                message: tr!(
                    lang,
                    "Pay the processing fee of {a} before you submit.",
                    "Betal behandlingsgebyret på {a}, før du indgiver ansøgningen."
                ),
                why,
            });
        }
        let why = self.whys(&["FEE-2", "CASEID-1"]);
        self.plan.case_order_id = Some(Requirement {
            required: true,
            message: tr!(lang, "Create a case order ID before you submit; the application counts as submitted only when the case order ID, the fee, the form and your biometrics are all done.", "Opret et sagsbestillings-ID, før du indgiver; ansøgningen er først indgivet, når sagsbestillings-ID, gebyr, skema og biometri er klaret."),
            why,
        });
        let why = self.whys(&["DEADLINE-BIO-1", "BIO-2"]);
        let message = match self.days_param("biometrics_days") {
            Some((n, _)) => tr!(lang, "Have your facial photo and fingerprints recorded no later than {n} days after you submit. Refusing biometrics means the application is rejected.", "Få taget ansigtsfoto og fingeraftryk senest {n} dage efter, du har indgivet. Afviser du biometri, bliver ansøgningen afvist."),
            None => tr!(lang, "Have your facial photo and fingerprints recorded after you submit. Refusing biometrics means the application is rejected.", "Få taget ansigtsfoto og fingeraftryk, efter du har indgivet. Afviser du biometri, bliver ansøgningen afvist."),
        };
        self.plan.biometrics = Some(Requirement {
            required: true,
            message,
            why,
        });
    }
}
