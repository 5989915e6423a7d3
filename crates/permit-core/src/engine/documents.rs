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
        self.plan.accepted_languages = accepted.clone();
        // The page's own translation rule (`page_rules` in the rules data).
        let transl_rule = self
            .page_rules()
            .map(|p| p.translation.clone())
            .unwrap_or_default();
        let transl_rule = transl_rule.as_str();
        let rules = self.rules;
        for doc in &rules.documents {
            let page = self.page.map_or("", Page::id);
            let Some(cite) = doc.cites.iter().find(|c| c.page == page) else {
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
            let why = vec![self.why_at(&cite.cite, &cite.page)];
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
        // Documents the user entered that this page does not name (or does
        // not ask for in this situation) stay on the list as entered, with a
        // note: nothing the user typed disappears, and their translation
        // need is still judged by this page's list.
        let kept: Vec<DocumentState> = self
            .s
            .documents
            .iter()
            .filter(|d| !d.own)
            .filter(|d| {
                d.id.as_deref()
                    .is_some_and(|id| !self.plan.documents.iter().any(|item| item.id == id))
            })
            .cloned()
            .collect();
        let mut kept_names = Vec::new();
        for state in &kept {
            let id = state.id.clone().unwrap_or_default();
            let name = rules
                .documents
                .iter()
                .find(|d| d.id == id)
                .map(|d| match lang {
                    Lang::En => d.name.en.clone(),
                    Lang::Da => d.name.da.clone(),
                })
                .unwrap_or_else(|| id.clone());
            kept_names.push(name.clone());
            let item = self.document_item(
                id,
                name,
                false,
                false,
                state,
                &accepted,
                transl_rule,
                vec![],
            );
            self.plan.documents.push(item);
        }
        if !kept_names.is_empty() {
            let list = kept_names.join("; ");
            self.plan.document_notes.push(Note {
                id: "kept_not_on_page".into(),
                message: tr!(lang, "documents.kept_not_on_page", list),
                why: vec![],
            });
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
        if self.page == Some(Page::ServiceProvider) {
            let why = vec![self.why("DOC-9"), self.why("DOC-0")];
            self.plan.document_notes.push(Note {
                id: "ar9_list_on_form".into(),
                message: tr!(lang, "documents.list_required_documents_ar9"),
                why,
            });
        } else {
            self.plan.document_notes.push(Note {
                id: "page_list_empty".into(),
                message: tr!(lang, "documents.page_own_checklist_did"),
                why: vec![self.why("DOC-0")],
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
            message: tr!(lang, "documents.documents_need_no_translation", list),
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
            self.warn(
                "translation_pending",
                Severity::Caution,
                tr!(lang, "documents.not_yet_translated_but", list),
                w,
            );
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
            tr!(lang, "documents.gathered")
        } else {
            tr!(lang, "documents.missing")
        };
        let tstate = match (translation, state.translation) {
            (TranslationNeed::Needed, TranslationState::None) => {
                tr!(lang, "documents.translation_needed")
            }
            (TranslationNeed::Needed, TranslationState::Ordered) => {
                tr!(lang, "documents.translation_ordered")
            }
            (TranslationNeed::Needed, TranslationState::Translated) => {
                tr!(lang, "documents.translated")
            }
            (TranslationNeed::Unknown, _) => {
                tr!(lang, "documents.language_not_given")
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
            usable: state.gathered
                && !(translation == TranslationNeed::Needed
                    && state.translation != TranslationState::Translated),
            notes: state.notes.clone(),
            status: format!("{gathered}{tstate}"),
            why,
        }
    }
}
