//! # permit-bundle
//!
//! Rules that stay true after 1 January: the rule data and the official
//! pages as one **signed rules bundle** that can be installed without a new
//! release, the **bundle in force**, and what a new bundle changes for a case.
//!
//! * [`Bundle`] — the file format: a manifest (version, checked-on date, the
//!   dates from which its values are in force, a SHA-256 of every part), the
//!   parts (`rules.json` and `pages/<file>`), and an Ed25519 signature over
//!   the manifest. [`Bundle::parse`] checks, in this order: size, envelope,
//!   format, signing key, signature, manifest, every part's digest, then the
//!   rules through `RuleSet`'s loader and every citation against its page.
//!   Nothing of a file that fails a check is ever used.
//! * [`Bundle::embedded`] — the rules and pages compiled into this build.
//!   It is trusted as part of the binary (it is not signed: it ships inside
//!   the signed-off release), and is the fallback.
//! * [`installed`] — the data folder's `rules/` (next to the workspace):
//!   the bundle in force ([`installed::in_force`]: the newest valid installed
//!   bundle newer than the embedded one, else the embedded one), install
//!   with rollback protection, status.
//! * [`keys`] — the compiled-in public key (and, only in test builds, the
//!   fixed test key); key generation and signing for the maintainer tool.
//! * [`fetch`] — a bundle from an update address (HTTPS), on the user's
//!   request only, size-limited; it is then checked like a file.
//! * [`changes`] — a small snapshot of a plan and the differences between
//!   two (form, fee, dates, checks that flipped, warnings and documents).
//!
//! No Tauri, no UI.

pub mod changes;
pub mod fetch;
pub mod installed;
pub mod keys;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use permit_core::RuleSet;
use serde::de::DeserializeSeed;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The `format` field of every bundle file.
pub const FORMAT_NAME: &str = "permit-packet-rules-bundle";
/// The bundle format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;
/// The largest bundle file read (the real one is about 150 KB).
pub const MAX_BUNDLE_BYTES: u64 = 16 * 1024 * 1024;
/// What the signature covers: this prefix, then the manifest's bytes.
const SIGNED_PREFIX: &[u8] = b"permit-packet rules bundle v1\n";
/// The part holding the rule data.
pub const RULES_PART: &str = "rules.json";

/// Why a bundle file is refused. Nothing of a refused file is used.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum BundleError {
    /// The file is larger than [`MAX_BUNDLE_BYTES`].
    #[error("the file is {0} bytes, more than a rules bundle can be ({MAX_BUNDLE_BYTES})")]
    TooLarge(u64),
    /// Not a bundle, or a damaged or truncated one.
    #[error("damaged or truncated rules bundle: {0}")]
    Damaged(String),
    /// A bundle of a format or version this build does not read.
    #[error("not a rules bundle this version of Permit Packet reads: {0}")]
    UnknownFormat(String),
    /// Signed by a key this build does not trust.
    #[error("signed by an unknown key ({0}), not by Permit Packet's rules key")]
    UnknownKey(String),
    /// The signature does not match the manifest.
    #[error("the signature does not match: the bundle was altered after it was signed, or signed by another key")]
    BadSignature,
    /// The rule data fails the loader's checks.
    #[error("the rules in the bundle are not valid: {0}")]
    InvalidRules(String),
}

impl BundleError {
    /// A stable machine-readable name: `too_large`, `damaged`,
    /// `unknown_format`, `unknown_key`, `bad_signature`, `invalid_rules`.
    pub fn kind(&self) -> &'static str {
        match self {
            BundleError::TooLarge(_) => "too_large",
            BundleError::Damaged(_) => "damaged",
            BundleError::UnknownFormat(_) => "unknown_format",
            BundleError::UnknownKey(_) => "unknown_key",
            BundleError::BadSignature => "bad_signature",
            BundleError::InvalidRules(_) => "invalid_rules",
        }
    }
}

/// One part of a bundle as the manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartDigest {
    /// `rules.json` or `pages/<file name>`.
    pub name: String,
    /// SHA-256 of the part's UTF-8 bytes, lower-case hex.
    pub sha256: String,
    /// Its length in bytes.
    pub bytes: u64,
}

/// What a bundle says about itself; the signature covers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// [`FORMAT_VERSION`].
    pub format_version: u32,
    /// The bundle version: the rule data's `rules_version` (dotted numbers,
    /// e.g. `2026.12.20`, compared number by number). Only a newer one can
    /// be installed.
    pub version: String,
    /// The day the data was checked against the pages (`checked_on`).
    pub checked_on: NaiveDate,
    /// Every date from which a value of the data is in force, in order.
    pub in_force_from: Vec<NaiveDate>,
    /// When the bundle was built (RFC 3339).
    pub created: String,
    /// Every part, in order.
    pub parts: Vec<PartDigest>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Signature {
    key_id: String,
    ed25519: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Envelope {
    format: String,
    format_version: u32,
    manifest: String,
    signature: Option<Signature>,
    parts: BTreeMap<String, String>,
}

/// The two fields read before anything else (every other field skipped).
#[derive(Deserialize)]
struct Head<'a> {
    #[serde(borrow, default)]
    format: Option<&'a serde_json::value::RawValue>,
    #[serde(borrow, default)]
    format_version: Option<&'a serde_json::value::RawValue>,
}

/// A bundle file as read: the parts kept as their text until the signed
/// manifest names them.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // `format` and `format_version` are read through `Head`.
struct EnvelopeIn<'a> {
    format: String,
    format_version: u32,
    manifest: String,
    signature: Option<Signature>,
    #[serde(borrow)]
    parts: &'a serde_json::value::RawValue,
}

/// Reads the `parts` map keeping only the parts `0` lists, and counting
/// the others.
struct Listed<'m>(&'m [PartDigest]);

impl<'de> serde::de::DeserializeSeed<'de> for Listed<'_> {
    type Value = (BTreeMap<String, String>, usize);
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Listed<'_> {
    type Value = (BTreeMap<String, String>, usize);
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a map of part names to their texts")
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut m: A) -> Result<Self::Value, A::Error> {
        let mut parts = BTreeMap::new();
        let mut unlisted = 0usize;
        while let Some(name) = m.next_key::<String>()? {
            if self.0.iter().any(|p| p.name == name) {
                let text: String = m.next_value()?;
                parts.insert(name, text);
            } else {
                m.next_value::<serde::de::IgnoredAny>()?;
                unlisted += 1;
            }
        }
        Ok((parts, unlisted))
    }
}

/// Where the bundle in force comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Compiled into this build.
    Embedded,
    /// Installed in the data folder, from this file.
    Installed(std::path::PathBuf),
    /// A file being looked at (`rules verify`/`diff`), not installed.
    File(std::path::PathBuf),
}

/// A checked bundle: its manifest, its rules loaded and checked, its pages.
#[derive(Debug, Clone)]
pub struct Bundle {
    /// The manifest.
    pub manifest: Manifest,
    /// The rules, loaded by `RuleSet::from_json` and checked.
    pub rules: RuleSet,
    /// Page texts by page id (`000` …).
    pub pages: BTreeMap<String, String>,
    /// Who signed it: a key's name and id, or `built into this build`.
    pub signed_by: String,
    /// The id of the key that signed it (none for the embedded bundle).
    pub key_id: Option<String>,
    /// Where it comes from.
    pub origin: Origin,
    /// SHA-256 of the whole file (of the manifest for the embedded one).
    pub digest: String,
    /// The file's bytes (empty for the embedded bundle).
    pub bytes: Vec<u8>,
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Parses a bundle version: dotted whole numbers (`2026.12.20`, `2027.1.2.1`).
pub fn parse_version(v: &str) -> Option<Vec<u64>> {
    if v.is_empty() || v.len() > 64 {
        return None;
    }
    v.split('.')
        .map(|p| {
            if p.is_empty() || p.len() > 12 || !p.bytes().all(|b| b.is_ascii_digit()) {
                None
            } else {
                p.parse().ok()
            }
        })
        .collect()
}

/// Compares two bundle versions number by number (`2026.12.9` < `2026.12.10`).
/// A version that does not parse is older than any that does.
pub fn compare_versions(a: &str, b: &str) -> std::cmp::Ordering {
    parse_version(a).cmp(&parse_version(b))
}

/// The parts of a bundle built from rule data and page texts: `rules.json`
/// first, then `pages/<file>` for every page the rules list, by page id.
fn parts_of(
    rules_json: &str,
    rules: &RuleSet,
    pages: &BTreeMap<String, String>,
) -> Result<Vec<(String, String)>, BundleError> {
    let mut out = vec![(RULES_PART.to_owned(), rules_json.to_owned())];
    for (id, info) in &rules.pages {
        let text = pages.get(id).ok_or_else(|| {
            BundleError::InvalidRules(format!("page {id} ({}) has no text", info.file))
        })?;
        out.push((format!("pages/{}", info.file), text.clone()));
    }
    Ok(out)
}

/// The checks beyond `RuleSet::from_json` that need the page texts: every
/// listed page has a text, every quote is on its page at its line.
fn check_against_pages(rules: &RuleSet, pages: &BTreeMap<String, String>) -> Result<(), String> {
    for (id, info) in &rules.pages {
        if pages.get(id).is_none_or(|t| t.trim().is_empty()) {
            return Err(format!("page {id} ({}) has no text", info.file));
        }
    }
    for c in &rules.citations {
        let text = &pages[&c.page];
        if let Err(e) = permit_core::rules::quote_starts_at_line(text, c.line, &c.quote) {
            return Err(format!(
                "citation {}: its quote is not on page {} at line {} ({e})",
                c.id, c.page, c.line
            ));
        }
    }
    Ok(())
}

/// Every distinct `from` date of the data's values, in order.
fn in_force_from(rules: &RuleSet) -> Vec<NaiveDate> {
    let mut dates: Vec<NaiveDate> = rules
        .parameters
        .values()
        .flat_map(|p| p.values.iter().map(|v| v.from))
        .collect();
    dates.sort();
    dates.dedup();
    dates
}

/// Loads and checks rule data and pages (everything but the signature).
fn load(
    rules_json: &str,
    pages: &BTreeMap<String, String>,
) -> Result<(RuleSet, Vec<(String, String)>), BundleError> {
    let rules =
        RuleSet::from_json(rules_json).map_err(|e| BundleError::InvalidRules(e.to_string()))?;
    if parse_version(&rules.rules_version).is_none() {
        return Err(BundleError::InvalidRules(format!(
            "rules_version `{}` is not dotted whole numbers (e.g. 2026.12.20)",
            rules.rules_version
        )));
    }
    check_against_pages(&rules, pages).map_err(BundleError::InvalidRules)?;
    let parts = parts_of(rules_json, &rules, pages)?;
    Ok((rules, parts))
}

impl Bundle {
    /// The bundle compiled into this build (rules.json and the pages of
    /// `assets/`), loaded once. Trusted as part of the binary.
    ///
    /// # Panics
    /// Never on a released build: the test suite loads it.
    pub fn embedded() -> &'static Bundle {
        static EMBEDDED: std::sync::OnceLock<Bundle> = std::sync::OnceLock::new();
        EMBEDDED.get_or_init(|| {
            let pages: BTreeMap<String, String> = permit_core::rules::EMBEDDED_PAGES
                .iter()
                .map(|(id, t)| ((*id).to_owned(), (*t).to_owned()))
                .collect();
            let (rules, parts) = load(permit_core::rules::EMBEDDED_RULES_JSON, &pages)
                .expect("the embedded rules and pages are valid");
            let manifest = manifest_of(&rules, &parts, "embedded".into());
            let digest = sha256_hex(&serde_json::to_vec(&manifest).expect("serialises"));
            Bundle {
                manifest,
                rules,
                pages,
                signed_by: "built into this build".into(),
                key_id: None,
                origin: Origin::Embedded,
                digest,
                bytes: Vec::new(),
            }
        })
    }

    /// The version (the rules' `rules_version`).
    pub fn version(&self) -> &str {
        &self.manifest.version
    }

    /// The text of a page of this bundle, by page id.
    pub fn page_text(&self, page: &str) -> Option<&str> {
        self.pages.get(page).map(String::as_str)
    }

    /// Reads and checks a bundle file against the trusted keys.
    pub fn read(
        path: &std::path::Path,
        keyring: &keys::Keyring,
        origin: Origin,
    ) -> Result<Bundle, BundleError> {
        let len = std::fs::metadata(path)
            .map_err(|e| BundleError::Damaged(format!("cannot read the file: {e}")))?
            .len();
        if len > MAX_BUNDLE_BYTES {
            return Err(BundleError::TooLarge(len));
        }
        let bytes = permit_files::read_limited(path, MAX_BUNDLE_BYTES)
            .map_err(|e| BundleError::Damaged(format!("cannot read the file: {e}")))?;
        Bundle::parse(&bytes, keyring, origin)
    }

    /// Checks a bundle's bytes: envelope, format, key, signature, manifest,
    /// parts' digests, rules and citations, in that order.
    pub fn parse(
        bytes: &[u8],
        keyring: &keys::Keyring,
        origin: Origin,
    ) -> Result<Bundle, BundleError> {
        if bytes.len() as u64 > MAX_BUNDLE_BYTES {
            return Err(BundleError::TooLarge(bytes.len() as u64));
        }
        let text = std::str::from_utf8(bytes).map_err(|e| {
            BundleError::Damaged(format!(
                "not UTF-8 text (invalid byte at offset {})",
                e.valid_up_to()
            ))
        })?;
        // The format first, read loosely, so that a bundle of a newer format
        // is named as such rather than as damaged. Only those two fields are
        // kept: the rest is skipped without building anything, so a 16 MiB
        // file of tiny JSON values costs no more memory than its bytes.
        let head: Head = serde_json::from_str(text).map_err(|e| {
            if e.is_eof() {
                BundleError::Damaged(format!("the file ends too early (truncated?): {e}"))
            } else {
                BundleError::Damaged(e.to_string())
            }
        })?;
        let format = head
            .format
            .and_then(|r| serde_json::from_str::<String>(r.get()).ok());
        match format.as_deref() {
            Some(FORMAT_NAME) => {}
            Some(other) => {
                return Err(BundleError::UnknownFormat(format!(
                    "format `{other}`, expected `{FORMAT_NAME}`"
                )))
            }
            None => {
                return Err(BundleError::UnknownFormat(format!(
                    "no `format` field: not a {FORMAT_NAME} file"
                )))
            }
        }
        match head
            .format_version
            .and_then(|r| serde_json::from_str::<u64>(r.get()).ok())
        {
            Some(v) if v == u64::from(FORMAT_VERSION) => {}
            Some(v) => {
                return Err(BundleError::UnknownFormat(format!(
                    "format version {v}; this build reads version {FORMAT_VERSION}"
                )))
            }
            None => return Err(BundleError::UnknownFormat("no format version".into())),
        }
        // The parts stay text until the signed manifest says which to read.
        let env: EnvelopeIn =
            serde_json::from_str(text).map_err(|e| BundleError::Damaged(e.to_string()))?;
        let sig = env
            .signature
            .as_ref()
            .ok_or_else(|| BundleError::UnknownKey("the bundle is not signed".into()))?;
        let key = keyring
            .get(&sig.key_id)
            .ok_or_else(|| BundleError::UnknownKey(format!("key id {}", escape(&sig.key_id))))?;
        let sig_bytes: [u8; 64] = hex::decode(&sig.ed25519)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or(BundleError::BadSignature)?;
        let mut message = SIGNED_PREFIX.to_vec();
        message.extend_from_slice(env.manifest.as_bytes());
        key.key
            .verify_strict(&message, &ed25519_dalek::Signature::from_bytes(&sig_bytes))
            .map_err(|_| BundleError::BadSignature)?;
        // From here on the manifest is the signer's.
        let manifest: Manifest = serde_json::from_str(&env.manifest)
            .map_err(|e| BundleError::Damaged(format!("manifest: {e}")))?;
        if manifest.format_version != FORMAT_VERSION {
            return Err(BundleError::UnknownFormat(format!(
                "manifest format version {}",
                manifest.format_version
            )));
        }
        // Only the parts the manifest lists are kept; any other is counted
        // (and refused below) without being kept.
        let (parts, unlisted) = Listed(&manifest.parts)
            .deserialize(&mut serde_json::Deserializer::from_str(env.parts.get()))
            .map_err(|e| BundleError::Damaged(format!("parts: {e}")))?;
        for p in &manifest.parts {
            let data = parts.get(&p.name).ok_or_else(|| {
                BundleError::Damaged(format!("part `{}` is missing", escape(&p.name)))
            })?;
            if data.len() as u64 != p.bytes || sha256_hex(data.as_bytes()) != p.sha256 {
                return Err(BundleError::Damaged(format!(
                    "part `{}` does not match its digest in the signed manifest",
                    escape(&p.name)
                )));
            }
        }
        if unlisted > 0 || parts.len() != manifest.parts.len() {
            return Err(BundleError::Damaged(
                "the file holds parts the signed manifest does not list".into(),
            ));
        }
        let rules_json = parts
            .get(RULES_PART)
            .ok_or_else(|| BundleError::Damaged(format!("no `{RULES_PART}` part")))?;
        // Pages by id: the rules list each page's file name.
        let listed =
            RuleSet::from_json(rules_json).map_err(|e| BundleError::InvalidRules(e.to_string()))?;
        let mut pages = BTreeMap::new();
        for (id, info) in &listed.pages {
            if let Some(t) = parts.get(&format!("pages/{}", info.file)) {
                pages.insert(id.clone(), t.clone());
            }
        }
        let (rules, parts) = load(rules_json, &pages)?;
        if parts.len() != manifest.parts.len()
            || parts
                .iter()
                .zip(&manifest.parts)
                .any(|((n, _), p)| *n != p.name)
        {
            return Err(BundleError::InvalidRules(
                "the parts are not exactly the rules and the pages they list".into(),
            ));
        }
        if rules.rules_version != manifest.version || rules.checked_on != manifest.checked_on {
            return Err(BundleError::InvalidRules(format!(
                "the manifest says version {} checked on {}, the rules {} checked on {}",
                manifest.version, manifest.checked_on, rules.rules_version, rules.checked_on
            )));
        }
        if in_force_from(&rules) != manifest.in_force_from {
            return Err(BundleError::InvalidRules(
                "the manifest's in-force dates are not those of the rules".into(),
            ));
        }
        Ok(Bundle {
            manifest,
            rules,
            pages,
            signed_by: key.describe(),
            key_id: Some(key.id.clone()),
            origin,
            digest: sha256_hex(bytes),
            bytes: bytes.to_vec(),
        })
    }

    /// Builds and signs a bundle file from rule data and page texts (by page
    /// id). The data is checked first exactly as [`Bundle::parse`] checks it.
    pub fn build(
        rules_json: &str,
        pages: &BTreeMap<String, String>,
        key: &keys::SigningKey,
        created: &str,
    ) -> Result<Vec<u8>, BundleError> {
        let (rules, parts) = load(rules_json, pages)?;
        let manifest = manifest_of(&rules, &parts, created.to_owned());
        let manifest_text = serde_json::to_string_pretty(&manifest).expect("serialises");
        let mut message = SIGNED_PREFIX.to_vec();
        message.extend_from_slice(manifest_text.as_bytes());
        let env = Envelope {
            format: FORMAT_NAME.into(),
            format_version: FORMAT_VERSION,
            manifest: manifest_text,
            signature: Some(Signature {
                key_id: key.key_id(),
                ed25519: hex::encode(key.sign(&message)),
            }),
            parts: parts.into_iter().collect(),
        };
        let mut out = serde_json::to_vec_pretty(&env).expect("serialises");
        out.push(b'\n');
        Ok(out)
    }

    /// Reads the rule data and pages of an `assets/` folder
    /// (`rules/rules.json`, `pages/<file>` for each page it lists).
    pub fn sources_from_assets(
        assets: &std::path::Path,
    ) -> Result<(String, BTreeMap<String, String>), String> {
        let read = |p: std::path::PathBuf| {
            std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))
        };
        let rules_json = read(assets.join("rules").join("rules.json"))?;
        let rules = RuleSet::from_json(&rules_json).map_err(|e| e.to_string())?;
        let mut pages = BTreeMap::new();
        for (id, info) in &rules.pages {
            pages.insert(id.clone(), read(assets.join("pages").join(&info.file))?);
        }
        Ok((rules_json, pages))
    }
}

fn manifest_of(rules: &RuleSet, parts: &[(String, String)], created: String) -> Manifest {
    Manifest {
        format_version: FORMAT_VERSION,
        version: rules.rules_version.clone(),
        checked_on: rules.checked_on,
        in_force_from: in_force_from(rules),
        created,
        parts: parts
            .iter()
            .map(|(name, data)| PartDigest {
                name: name.clone(),
                sha256: sha256_hex(data.as_bytes()),
                bytes: data.len() as u64,
            })
            .collect(),
    }
}

/// A text from a file, safe to print: control characters escaped, at most
/// 80 characters.
fn escape(s: &str) -> String {
    s.chars()
        .take(80)
        .flat_map(|c| {
            if c.is_control() {
                c.escape_unicode().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_number_by_number() {
        use std::cmp::Ordering::*;
        assert_eq!(compare_versions("2026.12.9", "2026.12.10"), Less);
        assert_eq!(compare_versions("2027.1.1", "2026.12.31"), Greater);
        assert_eq!(compare_versions("2026.11.23", "2026.11.23"), Equal);
        assert_eq!(compare_versions("2026.11.23.1", "2026.11.23"), Greater);
        assert!(parse_version("2026.x").is_none());
        assert!(parse_version("").is_none());
        assert!(parse_version("1..2").is_none());
        assert_eq!(compare_versions("junk", "1"), Less);
    }

    #[test]
    fn the_embedded_bundle_is_the_assets() {
        let b = Bundle::embedded();
        assert_eq!(b.version(), permit_core::RuleSet::embedded().rules_version);
        assert_eq!(b.pages.len(), b.rules.pages.len());
        assert!(b
            .manifest
            .in_force_from
            .contains(&NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()));
        assert_eq!(b.manifest.parts[0].name, RULES_PART);
    }
}

/// Helpers for tests (test builds only): the embedded sources, rule data
/// with one value changed, bundles signed with the fixed test key.
#[cfg(feature = "test-keys")]
pub mod testing {
    use std::collections::BTreeMap;

    use super::{keys, Bundle};

    /// The embedded rule data and pages.
    pub fn embedded_sources() -> (String, BTreeMap<String, String>) {
        let pages = permit_core::rules::EMBEDDED_PAGES
            .iter()
            .map(|(id, t)| ((*id).to_owned(), (*t).to_owned()))
            .collect();
        (permit_core::rules::EMBEDDED_RULES_JSON.to_owned(), pages)
    }

    /// The embedded rule data with a new version and checked-on date, and
    /// `parameter` on `page` set to `value` from `from` on (the value in
    /// force before ends the day before).
    pub fn rules_with(
        version: &str,
        checked_on: &str,
        parameter: &str,
        page: &str,
        from: &str,
        value: &str,
    ) -> String {
        let mut v: serde_json::Value =
            serde_json::from_str(permit_core::rules::EMBEDDED_RULES_JSON).expect("valid");
        v["rules_version"] = version.into();
        v["checked_on"] = checked_on.into();
        let from_date: chrono::NaiveDate = from.parse().expect("a date");
        let day_before = from_date.pred_opt().expect("a date").to_string();
        let values = v["parameters"][parameter]["values"]
            .as_array_mut()
            .expect("the parameter exists");
        let mut cite = None;
        for x in values.iter_mut() {
            if x["page"] == page && x.get("until").is_none_or(|u| u.is_null()) {
                x["until"] = day_before.clone().into();
                cite = Some(x["cite"].clone());
            }
        }
        values.push(serde_json::json!({
            "page": page, "from": from, "value": value,
            "cite": cite.expect("an open-ended value on that page"),
        }));
        serde_json::to_string_pretty(&v).expect("serialises")
    }

    /// The embedded rules with only a new version (and checked-on date).
    pub fn rules_versioned(version: &str, checked_on: &str) -> String {
        let mut v: serde_json::Value =
            serde_json::from_str(permit_core::rules::EMBEDDED_RULES_JSON).expect("valid");
        v["rules_version"] = version.into();
        v["checked_on"] = checked_on.into();
        serde_json::to_string_pretty(&v).expect("serialises")
    }

    /// A bundle of `rules_json` and the embedded pages, signed with the test key.
    pub fn signed(rules_json: &str) -> Vec<u8> {
        signed_with(rules_json, &keys::test_signing_key())
    }

    /// A bundle of `rules_json` and the embedded pages, signed with `key`.
    pub fn signed_with(rules_json: &str, key: &keys::SigningKey) -> Vec<u8> {
        let (_, pages) = embedded_sources();
        Bundle::build(rules_json, &pages, key, "2026-12-20T09:00:00Z").expect("valid rules")
    }

    /// The 2027 test update: the annual pay limit DKK 487,000 → 500,000
    /// from 1 January 2027, version 2026.12.20.
    pub fn pay_limit_2027() -> Vec<u8> {
        signed(&rules_with(
            "2026.12.20",
            "2026-12-20",
            "pay_limit_annual_dkk",
            "002",
            "2027-01-01",
            "500000.00",
        ))
    }
}
