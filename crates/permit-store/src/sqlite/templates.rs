//! Checklist templates: an organisation's own items, by name.

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};

use super::{check_json, map_error, now_stamp, SqliteStore};
use crate::{Result, StoreError, TemplateRecord};

impl SqliteStore {
    /// Saves a checklist template under `name` (trimmed), replacing the
    /// items of a template of that name.
    ///
    /// Errors: [`StoreError::Invalid`] for an empty name or malformed JSON.
    pub(super) fn template_put(&mut self, name: &str, items_json: &str) -> Result<TemplateRecord> {
        let name = name.trim();
        if name.is_empty() {
            return Err(self.invalid("a template name cannot be empty"));
        }
        check_json(&self.path, "template", items_json)?;
        let path = self.path.clone();
        let tx = self.write_tx()?;
        let now = now_stamp();
        tx.execute(
            "INSERT INTO templates (name, items_json, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?3) \
             ON CONFLICT (name) DO UPDATE SET items_json = excluded.items_json, \
             updated_at = excluded.updated_at",
            params![name, items_json, now],
        )
        .map_err(|e| map_error(&path, e))?;
        let record = read_template(&tx, &path, name)?.ok_or_else(|| StoreError::Io {
            path: path.clone(),
            message: format!("template `{name}` vanished while saving"),
        })?;
        tx.commit().map_err(|e| map_error(&path, e))?;
        Ok(record)
    }

    /// The template called `name`, if any.
    pub(super) fn template_get(&self, name: &str) -> Result<Option<TemplateRecord>> {
        read_template(&self.conn, &self.path, name.trim())
    }

    /// Every template, by name.
    pub(super) fn template_list(&self) -> Result<Vec<TemplateRecord>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, name, items_json, created_at, updated_at FROM templates \
                 ORDER BY lower(name), id",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], template_row)
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.err(e))?;
        Ok(rows)
    }

    /// Deletes the template called `name`; returns whether there was one.
    pub(super) fn template_remove(&mut self, name: &str) -> Result<bool> {
        let path = self.path.clone();
        let tx = self.write_tx()?;
        let n = tx
            .execute(
                "DELETE FROM templates WHERE name = ?1",
                params![name.trim()],
            )
            .map_err(|e| map_error(&path, e))?;
        tx.commit().map_err(|e| map_error(&path, e))?;
        Ok(n > 0)
    }
}

fn template_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<TemplateRecord> {
    Ok(TemplateRecord {
        id: r.get(0)?,
        name: r.get(1)?,
        items_json: r.get(2)?,
        created_at: r.get(3)?,
        updated_at: r.get(4)?,
    })
}

fn read_template(conn: &Connection, path: &Path, name: &str) -> Result<Option<TemplateRecord>> {
    conn.query_row(
        "SELECT id, name, items_json, created_at, updated_at FROM templates WHERE name = ?1",
        params![name],
        template_row,
    )
    .optional()
    .map_err(|e| map_error(path, e))
}
