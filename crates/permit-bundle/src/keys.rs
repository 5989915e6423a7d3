//! Signing keys. The production public key is compiled in
//! (`keys/production.pub`); its secret key is never in the repository (see
//! docs/rules-updates.md). The fixed test key pair in `tests/keys/` is
//! trusted only when the `test-keys` feature is on, which only the test
//! builds' dev-dependencies switch on.
//!
//! Key files are text: a first line naming what the file is, then the 32
//! key bytes in hex.

use ed25519_dalek::{Signer, VerifyingKey};
use sha2::{Digest, Sha256};

/// First line of a public key file.
pub const PUBLIC_HEADER: &str = "permit-packet rules public key v1";
/// First line of a secret key file.
pub const SECRET_HEADER: &str =
    "permit-packet rules signing key v1 (SECRET: never commit, never share)";

/// The production public key, as its file.
pub const PRODUCTION_PUBLIC: &str = include_str!("../keys/production.pub");

/// The id of the production key.
pub fn production_key_id() -> String {
    key_id(&parse_public(PRODUCTION_PUBLIC).expect("the compiled-in public key is valid"))
}

/// The fixed test public key (trusted only with the `test-keys` feature).
#[cfg(feature = "test-keys")]
pub const TEST_PUBLIC: &str = include_str!("../tests/keys/test.pub");

/// A trusted public key.
#[derive(Debug, Clone)]
pub struct TrustedKey {
    /// Its name, for people.
    pub name: String,
    /// [`key_id`] of the key.
    pub id: String,
    /// The key.
    pub key: VerifyingKey,
}

impl TrustedKey {
    /// "name (key id)".
    pub fn describe(&self) -> String {
        format!("{} (key {})", self.name, self.id)
    }
}

/// The keys a bundle may be signed with.
#[derive(Debug, Clone, Default)]
pub struct Keyring(Vec<TrustedKey>);

/// A key's id: the first 16 hex digits of the SHA-256 of its 32 bytes.
pub fn key_id(key: &VerifyingKey) -> String {
    hex::encode(&Sha256::digest(key.as_bytes())[..8])
}

fn read_hex32(text: &str, header: &str) -> Result<[u8; 32], String> {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    if lines.next() != Some(header) {
        return Err(format!("the first line is not `{header}`"));
    }
    let hex_line = lines.next().ok_or("no key line")?;
    hex::decode(hex_line)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| "the key line is not 64 hex digits".to_owned())
}

/// Reads a public key file's text.
pub fn parse_public(text: &str) -> Result<VerifyingKey, String> {
    let bytes = read_hex32(text, PUBLIC_HEADER)?;
    VerifyingKey::from_bytes(&bytes).map_err(|e| format!("not an Ed25519 public key: {e}"))
}

/// The text of a public key file.
pub fn public_file(key: &VerifyingKey) -> String {
    format!("{PUBLIC_HEADER}\n{}\n", hex::encode(key.as_bytes()))
}

impl Keyring {
    /// The keys this build trusts: the production key (and the test key in
    /// test builds only).
    pub fn trusted() -> Keyring {
        let mut ring = Keyring::default();
        ring.add(
            "Permit Packet rules key",
            parse_public(PRODUCTION_PUBLIC).expect("the compiled-in public key is valid"),
        );
        #[cfg(feature = "test-keys")]
        ring.add(
            "TEST key (test builds only)",
            parse_public(TEST_PUBLIC).expect("the test public key is valid"),
        );
        ring
    }

    /// A keyring of the given key only (tests, and the maintainer tool's
    /// check of what it built).
    pub fn only(name: &str, key: VerifyingKey) -> Keyring {
        let mut ring = Keyring::default();
        ring.add(name, key);
        ring
    }

    /// Adds a key.
    pub fn add(&mut self, name: &str, key: VerifyingKey) {
        self.0.push(TrustedKey {
            name: name.into(),
            id: key_id(&key),
            key,
        });
    }

    /// The key with this id.
    pub fn get(&self, id: &str) -> Option<&TrustedKey> {
        self.0.iter().find(|k| k.id == id)
    }
}

/// A secret signing key (maintainer tool and tests only).
pub struct SigningKey(ed25519_dalek::SigningKey);

impl SigningKey {
    /// A new random key (from the operating system's random source).
    pub fn generate() -> Result<SigningKey, String> {
        let mut seed = [0u8; 32];
        getrandom::getrandom(&mut seed).map_err(|e| format!("no random source: {e}"))?;
        Ok(SigningKey(ed25519_dalek::SigningKey::from_bytes(&seed)))
    }

    /// Reads a secret key file's text.
    pub fn parse(text: &str) -> Result<SigningKey, String> {
        let seed = read_hex32(text, SECRET_HEADER)?;
        Ok(SigningKey(ed25519_dalek::SigningKey::from_bytes(&seed)))
    }

    /// The text of its secret key file.
    pub fn secret_file(&self) -> String {
        format!("{SECRET_HEADER}\n{}\n", hex::encode(self.0.to_bytes()))
    }

    /// Its public key.
    pub fn public(&self) -> VerifyingKey {
        self.0.verifying_key()
    }

    /// Its key id.
    pub fn key_id(&self) -> String {
        key_id(&self.public())
    }

    /// Signs a message.
    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.0.sign(message).to_bytes()
    }
}

/// The fixed test signing key (tests only).
#[cfg(feature = "test-keys")]
pub fn test_signing_key() -> SigningKey {
    SigningKey::parse(include_str!("../tests/keys/test.key")).expect("the test key is valid")
}
