//! The documents the page names, their conditions, and whether each needs a certified translation under the page's own language list; the user's own items.

use super::*;

impl Engine<'_> {
    pub(super) fn condition(&self, c: DocCondition) -> bool {
        let s = self.s;
        match c {
            DocCondition::Always => true,
            DocCondition::AthleteOrCoach => matches!(
                s.siq_category,
                Some(SiqCategory::Athlete | SiqCategory::Coach)
            ),
            DocCondition::Siq => s.scheme == Some(Scheme::SpecialIndividualQualifications),
            DocCondition::Chef => s.siq_category == Some(SiqCategory::Chef),
            DocCondition::NoMitid => s.applicant.has_mitid == Some(false),
            DocCondition::PowerOfAttorney => {
                !matches!(s.power_of_attorney, None | Some(PowerOfAttorney::None))
            }
            DocCondition::NorwegianMission => s.submission_at_norwegian_mission == Some(true),
            DocCondition::RegulatedProfession => s.regulated_profession == Some(true),
            DocCondition::Examiner => s.examiner_appointment == Some(true),
        }
    }

    pub(super) fn documents(&mut self) {
        let lang = self.lang;
        let accepted: Vec<String> = match self.param("accepted_languages") {
            Some((Value::Languages(l), _)) => l,
            _ => vec![],
        };
        let transl_rule = if self.page == "002" {
            "TRANSL-1"
        } else {
            "TRANSL-2"
        };
        let rules = self.rules;
        for doc in &rules.documents {
            let Some(cite) = doc.cites.iter().find(|c| c.page == self.page) else {
                continue;
            };
            if !self.condition(doc.when) {
                continue;
            }
            let state = self
                .s
                .documents
                .iter()
                .find(|d| !d.own && d.id.as_deref() == Some(doc.id.as_str()))
                .cloned()
                .unwrap_or_default();
            let name = match lang {
                Lang::En => doc.name.en.clone(),
                Lang::Da => doc.name.da.clone(),
            };
            let why = vec![self.why_on(&cite.cite, &cite.page)];
            let item = self.document_item(
                doc.id.clone(),
                name,
                doc.required,
                false,
                &state,
                &accepted,
                transl_rule,
                why,
            );
            self.plan.documents.push(item);
        }
        let own: Vec<DocumentState> = self.s.documents.iter().filter(|d| d.own).cloned().collect();
        for (i, state) in own.iter().enumerate() {
            let name = state.name.clone().unwrap_or_default();
            let item = self.document_item(
                format!("own:{}", i + 1),
                name,
                true,
                true,
                state,
                &accepted,
                transl_rule,
                vec![],
            );
            self.plan.documents.push(item);
        }
        if self.page == "002" {
            let why = vec![self.why("DOC-9")];
            self.plan.document_notes.push(Note {
                id: "ar9_list_on_form".into(),
                message: tr!(lang, "The list of required documents for AR9 is on the first page of the AR9 form itself, not on SIRI's page. Add those documents here as your own items.", "Listen over de dokumenter, AR9 kræver, står på første side af selve AR9-skemaet, ikke på SIRI's side. Tilføj dem her som dine egne punkter."),
                why,
            });
        } else {
            self.plan.document_notes.push(Note {
                id: "page_list_empty".into(),
                message: tr!(lang, "The page's own checklist did not come through in the copy Permit Packet has; only the documents the page names in its text are listed. The form itself says which documents to attach — add them as your own items.", "Sidens egen tjekliste kom ikke med i Permit Packets kopi; kun de dokumenter, siden nævner i teksten, er med. Selve skemaet siger, hvilke dokumenter der skal vedlægges — tilføj dem som dine egne punkter."),
                why: vec![],
            });
        }
        let list = accepted
            .iter()
            .map(|c| language_name_in(c, lang))
            .collect::<Vec<_>>()
            .join(", ");
        let w = vec![self.why(transl_rule)];
        self.plan.document_notes.push(Note {
            id: "translation_rule".into(),
            message: tr!(lang, "Documents in {list} need no translation under this page; any other language needs a certified translation into Danish or English.", "Dokumenter på {list} skal ikke oversættes efter denne side; andre sprog kræver en bekræftet oversættelse til dansk eller engelsk."),
            why: w,
        });
        let pending: Vec<String> = self
            .plan
            .documents
            .iter()
            .filter(|d| {
                d.translation == TranslationNeed::Needed
                    && d.translation_state != TranslationState::Translated
            })
            .map(|d| d.name.clone())
            .collect();
        if !pending.is_empty() {
            let list = pending.join("; ");
            let w = vec![self.why(transl_rule)];
            self.warn("translation_pending", Severity::Caution, tr!(lang, "Not yet translated, but in a language this page does not accept: {list}. Attach a certified translation into Danish or English.", "Endnu ikke oversat, men på et sprog denne side ikke accepterer: {list}. Vedlæg en bekræftet oversættelse til dansk eller engelsk."), w);
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn document_item(
        &self,
        id: String,
        name: String,
        required: bool,
        own: bool,
        state: &DocumentState,
        accepted: &[String],
        transl_rule: &str,
        mut why: Vec<Reason>,
    ) -> DocumentItem {
        let lang = self.lang;
        let code = state.language.as_deref().and_then(language_code);
        let translation = match &code {
            None => TranslationNeed::Unknown,
            Some(c) if accepted.iter().any(|a| a == c) => TranslationNeed::NotNeeded,
            Some(_) => TranslationNeed::Needed,
        };
        if translation != TranslationNeed::Unknown {
            why.push(self.why(transl_rule));
        }
        let gathered = if state.gathered {
            tr!(lang, "gathered", "samlet")
        } else {
            tr!(lang, "missing", "mangler")
        };
        let tstate = match (translation, state.translation) {
            (TranslationNeed::Needed, TranslationState::None) => {
                tr!(lang, "; translation needed", "; skal oversættes")
            }
            (TranslationNeed::Needed, TranslationState::Ordered) => {
                tr!(lang, "; translation ordered", "; oversættelse bestilt")
            }
            (TranslationNeed::Needed, TranslationState::Translated) => {
                tr!(lang, "; translated", "; oversat")
            }
            (TranslationNeed::Unknown, _) => {
                tr!(lang, "; language not given", "; sprog ikke angivet")
            }
            _ => String::new(),
        };
        DocumentItem {
            id,
            name,
            required,
            own,
            language: code,
            translation,
            translation_state: state.translation,
            gathered: state.gathered,
            notes: state.notes.clone(),
            status: format!("{gathered}{tstate}"),
            why,
        }
    }
}
