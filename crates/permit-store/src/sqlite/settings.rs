//! The workspace's own small settings, by key.

use rusqlite::{params, OptionalExtension};

use super::{map_error, SqliteStore};
use crate::Result;

impl SqliteStore {
    /// The workspace setting `key`, if set.
    pub(super) fn setting_get(&self, key: &str) -> Result<Option<String>> {
        self.conn
            .query_row(
                "SELECT value FROM settings WHERE key = ?1",
                params![key],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Sets the workspace setting `key` to `value`.
    pub(super) fn setting_put(&mut self, key: &str, value: &str) -> Result<()> {
        let path = self.path.clone();
        let tx = self.write_tx()?;
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )
        .map_err(|e| map_error(&path, e))?;
        tx.commit().map_err(|e| map_error(&path, e))
    }
}
