//! Checklist templates: an organisation's own items, saved once and
//! applied to cases.

use permit_batch::templates;

use crate::prelude::*;
use crate::{cases, drafts};

impl Workspace {
    /// The items of the checklist template `name`; a missing or damaged
    /// one is refused in `lang`.
    pub(crate) fn template_items(
        &self,
        name: &str,
        lang: Lang,
    ) -> AppResult<Vec<templates::TemplateItem>> {
        let t = self.store.get_template(name)?.ok_or_else(|| {
            AppError::written(
                "not_found",
                &Msg::new("app.template_not_found").with("name", name),
                lang,
            )
        })?;
        serde_json::from_str(&t.items_json).map_err(|e| {
            AppError::written(
                "corrupt",
                &Msg::new("app.template_damaged")
                    .with("name", name)
                    .with("e", e),
                lang,
            )
        })
    }

    /// Every checklist template, by name.
    pub fn templates(&self) -> AppResult<Vec<TemplateInfo>> {
        Ok(self
            .store
            .list_templates()?
            .into_iter()
            .map(|t| {
                let items: Vec<templates::TemplateItem> =
                    serde_json::from_str(&t.items_json).unwrap_or_default();
                TemplateInfo {
                    name: t.name,
                    items: items.into_iter().map(|i| i.name).collect(),
                }
            })
            .collect())
    }

    /// Deletes the checklist template `name` and returns its items as JSON
    /// text, which [`Workspace::template_save`] accepts: the UI's "Undo"
    /// saves it again, notes and all. Cases it was applied to keep their items.
    /// Messages in `lang`.
    pub fn template_delete(&mut self, name: &str, lang: Lang) -> AppResult<String> {
        let Some(rec) = self.store.get_template(name.trim())? else {
            return Err(AppError::written(
                "not_found",
                &Msg::new("app.template_not_found").with("name", name.trim()),
                lang,
            ));
        };
        self.store.delete_template(&rec.name)?;
        Ok(rec.items_json)
    }

    /// Saves a checklist template from text with one item a line (or a JSON
    /// array of items), replacing one of the same name. Messages in `lang`.
    pub fn template_save(&mut self, name: &str, text: &str, lang: Lang) -> AppResult<TemplateInfo> {
        if name.trim().is_empty() {
            return Err(AppError::written(
                "invalid_input",
                &Msg::new("app.template_needs_name"),
                lang,
            ));
        }
        let items = templates::parse_items(text).map_err(|problem| {
            AppError::written(
                "invalid_input",
                &Msg::new("app.template_invalid")
                    .with("name", name.trim())
                    .arg("problem", Arg::Msg(Box::new(problem))),
                lang,
            )
        })?;
        let rec = self.store.save_template(
            name,
            &templates::items_json(&items).map_err(|m| AppError::new("internal", m))?,
        )?;
        Ok(TemplateInfo {
            name: rec.name,
            items: items.into_iter().map(|i| i.name).collect(),
        })
    }

    /// Adds a template's items (those the case lacks) to a case's checklist.
    pub fn template_apply(
        &mut self,
        name: &str,
        id: i64,
        expected_updated_at: Option<&str>,
        v: View,
    ) -> AppResult<CaseView> {
        let items = self.template_items(name, v.lang)?;
        let rules = self.bundle();
        let mut tx = self.store.begin()?;
        let rec = cases::live(&mut *tx, id)?;
        // The items join the case as the user left it: its draft, when it
        // has one, so answers typed and not yet accepted stay.
        let base = rec.draft_json.as_deref().unwrap_or(&rec.situation_json);
        let mut typed: serde_json::Value = serde_json::from_str(base)
            .map_err(|e| AppError::new("damaged", format!("case {id}: {e}")))?;
        templates::apply_json(&mut typed, &items);
        let (s, draft) = drafts::read(&typed, v.lang)?;
        let p = plan(&s, &rules.rules, &v.options());
        let expected = expected_updated_at.unwrap_or(&rec.updated_at).to_owned();
        let written = cases::write_case(
            &mut *tx,
            id,
            &s,
            draft.as_ref(),
            &p,
            Some(&expected),
            &typed,
            v.lang,
        )?;
        crate::audit::append(
            &mut *tx,
            Some(id),
            "template",
            written.audit.clone(),
            serde_json::json!({ "template": name }),
        )?;
        tx.commit()?;
        Ok(written.view(s, p, draft))
    }
}
