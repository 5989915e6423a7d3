//! One integration-test binary (as in ripgrep): shared fixtures in this file,
//! one module per subject.

mod accounting;
mod audit_cli;
mod batch_cli;
mod boundaries;
mod checks;
mod cli;
mod consistency;
mod contradictions;
mod coverage;
mod encryption_cli;
mod hardening;
mod hardening2;
mod information;
mod life;
mod linux_assets;
mod pdf;
mod properties;
mod rules_updates;
mod snapshots;
mod team_cli;
mod user_text;

use permit_core::plan::{Check, CheckStatus, Deadline, Plan};
use permit_core::{plan, Lang, Options, RuleSet, Situation};
use serde_json::{json, Value};

/// A temporary folder for one test, removed when dropped.
pub struct Tmp(std::path::PathBuf);

impl Tmp {
    /// A new, empty folder named after `tag`.
    pub fn new(tag: &str) -> Tmp {
        let p = std::env::temp_dir().join(format!(
            "permit-it-{tag}-{}-{:?}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        ));
        std::fs::create_dir_all(&p).unwrap();
        Tmp(p)
    }
    /// A path inside the folder.
    pub fn path(&self, name: &str) -> std::path::PathBuf {
        self.0.join(name)
    }
    /// Writes `text` to a file in the folder and returns its path.
    pub fn write(&self, name: &str, text: &str) -> std::path::PathBuf {
        let p = self.path(name);
        std::fs::write(&p, text).unwrap();
        p
    }
}

impl Drop for Tmp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The key of every workspace the tests' command lines create: the
/// workspace is encrypted (SQLCipher), its key a recovery key in a file
/// named by `PERMIT_PACKET_PASSPHRASE_FILE` ([`key_file`]), so no keyring
/// is asked.
pub fn test_key() -> permit_store::Key {
    permit_store::Key::Raw([0x42; permit_store::RAW_KEY_LEN])
}

/// The file holding [`test_key`] as a recovery key, written once.
pub fn key_file() -> std::path::PathBuf {
    static FILE: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    FILE.get_or_init(|| {
        let p = std::env::temp_dir().join(format!("permit-it-key-{}.txt", std::process::id()));
        std::fs::write(
            &p,
            permit_keys::recovery_text(&[0x42; permit_store::RAW_KEY_LEN]),
        )
        .unwrap();
        p
    })
    .clone()
}

/// `c` with the tests' key ([`key_file`]) in its environment.
pub fn keyed(c: &mut std::process::Command) -> &mut std::process::Command {
    c.env(permit_keys::PASSPHRASE_FILE_ENV, key_file())
}

/// The workspace at `path` (made by the command line) opened with [`test_key`].
pub fn open_store(path: &std::path::Path) -> permit_store::Result<permit_store::SqliteStore> {
    permit_store::SqliteStore::open_with_key(path, Some(&test_key()))
}

/// A raw SQL connection to the encrypted workspace at `path`, as a
/// stranger's tool holding the key would have.
pub fn sql_conn(path: &std::path::Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(path).unwrap();
    let hex: String = [0x42u8; permit_store::RAW_KEY_LEN]
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect();
    // The key, then the settings the store encrypts with (docs/security.md).
    for sql in [
        format!("PRAGMA key = \"x'{hex}'\""),
        permit_store::CIPHER_SETTINGS.to_owned(),
    ] {
        let mut stmt = conn.prepare(&sql).unwrap();
        let mut rows = stmt.query([]).unwrap();
        while rows.next().unwrap().is_some() {}
    }
    conn
}

/// The fixed "today" of the tests.
pub const TODAY: &str = "2026-11-23";

pub fn date(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Merges `patch` into `base` (objects recursively; anything else replaces).
pub fn merge(base: &mut Value, patch: Value) {
    match (base, patch) {
        (Value::Object(b), Value::Object(p)) => {
            for (k, v) in p {
                merge(b.entry(k).or_insert(Value::Null), v);
            }
        }
        (b, p) => *b = p,
    }
}

/// A service provider under the Pay Limit (page 002, AR9).
pub fn service_provider() -> Value {
    json!({
        "role": "service_provider", "scheme": "pay_limit",
        "employer": { "registered_in_denmark": false, "location": "non_eu" },
        "dates": { "planned_submission": "2027-01-10", "job_start": "2027-03-01" }
    })
}

/// A researcher with a Danish employer (page 003, AR1).
pub fn researcher() -> Value {
    json!({
        "role": "employee", "scheme": "researcher",
        "employer": { "registered_in_denmark": true, "location": "denmark" },
        "dates": { "planned_submission": "2027-01-10", "job_start": "2027-03-01" }
    })
}

/// An athlete with a Danish club (page 004, AR1).
pub fn athlete() -> Value {
    json!({
        "role": "employee", "scheme": "special_individual_qualifications", "siq_category": "athlete",
        "employer": { "registered_in_denmark": true, "location": "denmark" },
        "dates": { "planned_submission": "2027-01-10", "job_start": "2027-03-01" }
    })
}

pub fn with(mut base: Value, patch: Value) -> Value {
    merge(&mut base, patch);
    base
}

pub fn plan_at(v: &Value, today: &str) -> Plan {
    let s = Situation::from_json(&v.to_string(), "test.json").unwrap_or_else(|e| panic!("{e}"));
    plan(
        &s,
        RuleSet::embedded(),
        &Options {
            today: date(today),
            lang: Lang::En,
        },
    )
}

pub fn plan_of(v: &Value) -> Plan {
    plan_at(v, TODAY)
}

pub fn check<'p>(p: &'p Plan, id: &str) -> &'p Check {
    p.checks
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no check {id}: {:#?}", p.checks))
}

pub fn status(p: &Plan, id: &str) -> CheckStatus {
    check(p, id).status
}

pub fn deadline<'p>(p: &'p Plan, id: &str) -> &'p Deadline {
    p.deadlines
        .iter()
        .find(|d| d.id == id)
        .unwrap_or_else(|| panic!("no deadline {id}: {:#?}", p.deadlines))
}

pub fn has_warning(p: &Plan, id: &str) -> bool {
    p.warnings.iter().any(|w| w.id == id)
}
