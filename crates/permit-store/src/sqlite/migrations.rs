//! The SQLite schema, as migrations by `PRAGMA user_version`.

/// The schema migrations, in order: migration `i` brings the database from
/// `PRAGMA user_version` `i` to `i + 1`. Never edit a released migration;
/// append a new one.
pub(super) const MIGRATIONS: &[&str] = &[
    // Version 1: the cases (small rows, scanned by `list_cases`) and their
    // documents (the big JSON blobs, read one case at a time).
    r#"
    CREATE TABLE cases (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
        status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
        next_deadline TEXT CHECK (next_deadline IS NULL OR date(next_deadline) IS next_deadline),
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        deleted_at    TEXT
    );
    CREATE INDEX cases_next_deadline ON cases (next_deadline);
    CREATE INDEX cases_deleted_at ON cases (deleted_at);
    CREATE TABLE case_documents (
        case_id        INTEGER PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
        situation_json TEXT NOT NULL CHECK (json_valid(situation_json)),
        checklist_json TEXT NOT NULL CHECK (json_valid(checklist_json))
    );
    "#,
    // Version 2: free-text notes on a case, and an organisation's checklist
    // templates (own items saved once, applied to new cases).
    r#"
    ALTER TABLE case_documents ADD COLUMN notes TEXT NOT NULL DEFAULT '';
    CREATE TABLE templates (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        name       TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
        items_json TEXT NOT NULL CHECK (json_valid(items_json)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    "#,
    // Version 3: rules updates. The rules bundle version each case's digest
    // and plan snapshot were made with (NULL: not known, e.g. after an edit
    // by an older build or a command that does not plan), whether a rules
    // update changed the plan since the user last saw it, the snapshot of
    // the plan the user last saw (`seen_json`) and of the current plan
    // (`plan_json`). The snapshots are the caller's JSON.
    r#"
    ALTER TABLE cases ADD COLUMN rules_version TEXT;
    ALTER TABLE cases ADD COLUMN rules_changed INTEGER NOT NULL DEFAULT 0 CHECK (rules_changed IN (0, 1));
    ALTER TABLE case_documents ADD COLUMN seen_json TEXT CHECK (seen_json IS NULL OR json_valid(seen_json));
    ALTER TABLE case_documents ADD COLUMN plan_json TEXT CHECK (plan_json IS NULL OR json_valid(plan_json));
    "#,
    // Version 4: the column that has always held the case digest (forms,
    // progress, next deadline; see `permit_core::digest`) is named for it
    // (SQLite renames it in the CHECK constraint too). The digest gained the
    // reference and the employer (searched in the list): every case's rules
    // version is forgotten, so the front end re-plans it, digest and all,
    // when it next opens the workspace (a re-plan with the same rules changes
    // nothing else).
    r#"
    ALTER TABLE case_documents RENAME COLUMN checklist_json TO digest_json;
    UPDATE cases SET rules_version = NULL;
    "#,
    // Version 5: the digest gained the case's readiness (the morning
    // dashboard's groups: documents and translations missing, the earliest
    // submission date); as in version 4, every case is re-planned, digest
    // and all, when the front end next opens the workspace.
    r#"
    UPDATE cases SET rules_version = NULL;
    "#,
    // Version 6: the digest names missing documents by id (so a list shows
    // them in its own language): every case is re-planned, as in version 4.
    // And the workspace's own small settings, by key (the day deadline
    // reminders were last sent, so a deadline already passed is not
    // announced again after a restart).
    r#"
    UPDATE cases SET rules_version = NULL;
    CREATE TABLE settings (
        key   TEXT PRIMARY KEY CHECK (length(key) > 0),
        value TEXT NOT NULL
    );
    "#,
    // Version 7: one store seam for every backend. Drafts are data of their
    // own (`draft_json`, moved out of the digest), and the case list's
    // filters read plain columns the service writes (the folded search
    // text, the plan's forms, the readiness group and the date it changes),
    // so no query needs a custom function or reads inside the JSON. Every
    // case is re-planned, as in version 4, which fills the new columns.
    r#"
    ALTER TABLE case_documents ADD COLUMN draft_json TEXT
        CHECK (draft_json IS NULL OR json_valid(draft_json));
    UPDATE case_documents
        SET draft_json = digest_json -> '$.draft',
            digest_json = json_remove(digest_json, '$.draft')
        WHERE json_valid(digest_json) AND json_type(digest_json, '$.draft') IS NOT NULL;
    ALTER TABLE cases ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
    ALTER TABLE cases ADD COLUMN forms TEXT NOT NULL DEFAULT '';
    ALTER TABLE cases ADD COLUMN ready_group TEXT;
    ALTER TABLE cases ADD COLUMN ready_from TEXT
        CHECK (ready_from IS NULL OR date(ready_from) IS ready_from);
    ALTER TABLE cases ADD COLUMN ready_then TEXT;
    ALTER TABLE cases ADD COLUMN has_draft INTEGER NOT NULL DEFAULT 0 CHECK (has_draft IN (0, 1));
    UPDATE cases SET has_draft = 1
        WHERE id IN (SELECT case_id FROM case_documents WHERE draft_json IS NOT NULL);
    UPDATE cases SET rules_version = NULL;
    "#,
    // Version 8: the audit trail (see `crate::audit`). The chained entries
    // (no personal value in them) and, apart, each entry's values with their
    // salt, which erasing a person deletes. No foreign key to `cases`: the
    // log outlives a purged or erased case. The log itself is append-only
    // through these triggers (the chain shows it if they are bypassed).
    r#"
    CREATE TABLE audit_log (
        seq           INTEGER PRIMARY KEY,
        case_id       INTEGER,
        at            TEXT NOT NULL,
        actor         TEXT NOT NULL,
        machine       TEXT NOT NULL,
        action        TEXT NOT NULL CHECK (length(action) > 0),
        fields        TEXT NOT NULL CHECK (json_valid(fields)),
        values_digest TEXT NOT NULL,
        prev_hash     TEXT NOT NULL,
        hash          TEXT NOT NULL
    );
    CREATE INDEX audit_log_case ON audit_log (case_id, seq);
    CREATE TABLE audit_values (
        seq         INTEGER PRIMARY KEY,
        salt        TEXT NOT NULL,
        values_json TEXT NOT NULL CHECK (json_valid(values_json))
    );
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    "#,
    // Version 9: the digest's readiness names a case's blocking problems
    // (a submission planned too early is its own group) and counts a
    // document done once it is usable (translated where needed): every case
    // is re-planned, as in version 4.
    r#"
    UPDATE cases SET rules_version = NULL;
    "#,
];
