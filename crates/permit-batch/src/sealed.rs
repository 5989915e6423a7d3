//! Encrypted ("sealed") case files: a case file encrypted with age
//! (<https://age-encryption.org/v1>), to a passphrase (scrypt) or to the
//! recipients' X25519 public keys (`age1…`), ASCII-armoured so it stays a
//! text file. Whoever intercepts it reads nothing; the recipient opens it
//! with the passphrase or their identity (`AGE-SECRET-KEY-1…`). A wrong
//! passphrase or key and a damaged file are told apart and refused; a plain
//! case file is read as before.

use std::io::{Read, Write};

use age::armor::{ArmoredReader, ArmoredWriter, Format};
use age::secrecy::SecretString;

/// The scrypt work factor (log2 N) of a passphrase-sealed file this
/// version writes: 2^17 (128 MiB, well under a second).
pub const WORK_FACTOR: u8 = 17;

/// The highest scrypt work factor accepted when opening (2^19: 512 MiB):
/// a hostile file cannot make the app spend more.
pub const MAX_WORK_FACTOR: u8 = 19;

/// The largest case file opened once decrypted, in bytes (as a plain one).
pub const MAX_PLAIN_BYTES: u64 = permit_core::limits::MAX_SITUATION_BYTES;

/// How a case file is sealed.
pub enum Seal<'a> {
    /// With a passphrase.
    Passphrase(&'a str),
    /// For these recipients (`age1…` public keys), any of whom can open it.
    Recipients(&'a [String]),
}

/// How a sealed case file is opened.
pub enum Unseal<'a> {
    /// With the passphrase it was sealed with.
    Passphrase(&'a str),
    /// With an age identity file's text (`AGE-SECRET-KEY-1…` lines; `#`
    /// comments allowed).
    Identity(&'a str),
}

/// Why a case file could not be sealed or opened. Never holds a secret.
#[derive(Debug, thiserror::Error)]
pub enum SealError {
    /// The file is sealed and no passphrase or identity was given.
    #[error(
        "the case file is encrypted: give its passphrase or the age identity it was encrypted for"
    )]
    NeedsKey,
    /// The passphrase or identity does not open it.
    #[error("the passphrase or age identity does not open this case file")]
    WrongKey,
    /// Not a readable sealed file (damaged, cut short, changed).
    #[error("the encrypted case file is damaged: {0}")]
    Damaged(String),
    /// A recipient or an identity given is not an age key.
    #[error("{0}")]
    BadKey(String),
}

/// An age public key: post-quantum (`age1pq1…`) or the classic X25519
/// (`age1…`, what most people's keys are today).
fn recipient(text: &str) -> Option<Box<dyn age::Recipient>> {
    if let Ok(r) = text.parse::<age::pq::Recipient>() {
        return Some(Box::new(r));
    }
    #[allow(deprecated)] // the classic keys people hold; accepted for compatibility
    let classic = text.parse::<age::x25519::Recipient>().ok()?;
    Some(Box::new(classic))
}

/// An age secret key of either kind (see [`recipient`]).
fn identity(text: &str) -> Option<Box<dyn age::Identity>> {
    if let Ok(i) = text.parse::<age::pq::Identity>() {
        return Some(Box::new(i));
    }
    let classic = text.parse::<age::x25519::Identity>().ok()?;
    Some(Box::new(classic))
}

/// Whether `bytes` are a sealed case file (armoured or binary age).
pub fn is_sealed(bytes: &[u8]) -> bool {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let head = &bytes[start..];
    head.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----")
        || head.starts_with(b"age-encryption.org/")
}

/// Seals `plain` (a case file's text).
pub fn seal(plain: &[u8], how: &Seal<'_>) -> Result<Vec<u8>, SealError> {
    let encryptor = match how {
        Seal::Passphrase(p) => {
            if p.is_empty() {
                return Err(SealError::BadKey("the passphrase is empty".into()));
            }
            let mut r = age::scrypt::Recipient::new(SecretString::from(p.to_string()));
            r.set_work_factor(WORK_FACTOR);
            age::Encryptor::with_recipients(std::iter::once(&r as &dyn age::Recipient))
                .map_err(|e| SealError::BadKey(e.to_string()))?
        }
        Seal::Recipients(keys) => {
            let parsed: Vec<Box<dyn age::Recipient>> = keys
                .iter()
                .map(|k| {
                    recipient(k.trim()).ok_or_else(|| {
                        SealError::BadKey(format!(
                            "`{}` is not an age public key (age1…)",
                            k.chars().take(80).collect::<String>()
                        ))
                    })
                })
                .collect::<Result<_, _>>()?;
            if parsed.is_empty() {
                return Err(SealError::BadKey("no recipient was given".into()));
            }
            age::Encryptor::with_recipients(parsed.iter().map(|r| r.as_ref()))
                .map_err(|e| SealError::BadKey(e.to_string()))?
        }
    };
    let io = |e: std::io::Error| SealError::Damaged(e.to_string());
    let mut out = vec![];
    let armor = ArmoredWriter::wrap_output(&mut out, Format::AsciiArmor).map_err(io)?;
    let mut w = encryptor.wrap_output(armor).map_err(io)?;
    w.write_all(plain).map_err(io)?;
    w.finish().and_then(|a| a.finish()).map_err(io)?;
    Ok(out)
}

/// Opens a sealed case file; the text it holds (at most
/// [`MAX_PLAIN_BYTES`]).
pub fn unseal(bytes: &[u8], how: Option<&Unseal<'_>>) -> Result<Vec<u8>, SealError> {
    let Some(how) = how else {
        return Err(SealError::NeedsKey);
    };
    let damaged = |e: &dyn std::fmt::Display| SealError::Damaged(e.to_string());
    let decryptor = age::Decryptor::new(ArmoredReader::new(bytes)).map_err(|e| match e {
        age::DecryptError::UnknownFormat => {
            SealError::Damaged("written by a newer age format this version cannot read".into())
        }
        e => damaged(&e),
    })?;
    let reader = match how {
        Unseal::Passphrase(p) => {
            if !decryptor.is_scrypt() {
                return Err(SealError::BadKey(
                    "this case file was encrypted for an age public key, not a passphrase: give the identity file".into(),
                ));
            }
            let mut id = age::scrypt::Identity::new(SecretString::from(p.to_string()));
            id.set_max_work_factor(MAX_WORK_FACTOR);
            decryptor.decrypt(std::iter::once(&id as &dyn age::Identity))
        }
        Unseal::Identity(text) => {
            if decryptor.is_scrypt() {
                return Err(SealError::BadKey(
                    "this case file was encrypted with a passphrase, not for an age public key"
                        .into(),
                ));
            }
            let ids: Vec<Box<dyn age::Identity>> = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(|l| {
                    identity(l).ok_or_else(|| {
                        SealError::BadKey(
                            "the identity file holds a line that is not an age secret key (AGE-SECRET-KEY-…)".into(),
                        )
                    })
                })
                .collect::<Result<_, _>>()?;
            if ids.is_empty() {
                return Err(SealError::BadKey(
                    "the identity file holds no age secret key".into(),
                ));
            }
            decryptor.decrypt(ids.iter().map(|i| i.as_ref()))
        }
    };
    let mut reader = reader.map_err(|e| match e {
        age::DecryptError::NoMatchingKeys
        | age::DecryptError::DecryptionFailed
        | age::DecryptError::KeyDecryptionFailed => SealError::WrongKey,
        age::DecryptError::ExcessiveWork { required, .. } => SealError::Damaged(format!(
            "its passphrase needs more work than this version allows (scrypt work factor {required}, at most {MAX_WORK_FACTOR})"
        )),
        e => damaged(&e),
    })?;
    let mut out = vec![];
    (&mut reader)
        .take(MAX_PLAIN_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| damaged(&e))?;
    if out.len() as u64 > MAX_PLAIN_BYTES {
        return Err(SealError::Damaged(format!(
            "it holds more than {MAX_PLAIN_BYTES} bytes, more than a case file can"
        )));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use age::secrecy::ExposeSecret;

    const TEXT: &[u8] =
        br#"{"format":"permit-packet-case","name":"Xiomara Quennell","salary":"81234.56"}"#;

    #[test]
    fn a_passphrase_seals_and_opens_and_nothing_is_readable() {
        let sealed = seal(TEXT, &Seal::Passphrase("correct horse")).unwrap();
        assert!(is_sealed(&sealed) && !is_sealed(TEXT));
        assert!(sealed.is_ascii());
        for s in ["Quennell", "81234"] {
            assert!(!sealed.windows(s.len()).any(|w| w == s.as_bytes()), "{s}");
        }
        assert_eq!(
            unseal(&sealed, Some(&Unseal::Passphrase("correct horse"))).unwrap(),
            TEXT
        );
        assert!(matches!(
            unseal(&sealed, Some(&Unseal::Passphrase("wrong horse"))),
            Err(SealError::WrongKey)
        ));
        assert!(matches!(unseal(&sealed, None), Err(SealError::NeedsKey)));
    }

    #[test]
    fn a_post_quantum_recipient_key_works_too() {
        let id = age::pq::Identity::generate();
        let to = vec![id.to_public().to_string()];
        let sealed = seal(TEXT, &Seal::Recipients(&to)).unwrap();
        let secret = id.to_string();
        assert_eq!(
            unseal(&sealed, Some(&Unseal::Identity(secret.expose_secret()))).unwrap(),
            TEXT
        );
    }

    #[test]
    #[allow(deprecated)]
    fn a_recipient_key_seals_and_only_its_identity_opens() {
        let id = age::x25519::Identity::generate();
        let other = age::x25519::Identity::generate();
        let to = vec![id.to_public().to_string()];
        let sealed = seal(TEXT, &Seal::Recipients(&to)).unwrap();
        let secret = id.to_string();
        let file = format!("# created: today\n{}\n", secret.expose_secret());
        assert_eq!(
            unseal(&sealed, Some(&Unseal::Identity(&file))).unwrap(),
            TEXT
        );
        let wrong = other.to_string();
        assert!(matches!(
            unseal(&sealed, Some(&Unseal::Identity(wrong.expose_secret()))),
            Err(SealError::WrongKey)
        ));
        assert!(matches!(
            unseal(&sealed, Some(&Unseal::Passphrase("x"))),
            Err(SealError::BadKey(_))
        ));
        assert!(matches!(
            seal(TEXT, &Seal::Recipients(&["age1nope".to_string()])),
            Err(SealError::BadKey(_))
        ));
    }

    #[test]
    fn a_damaged_or_cut_file_is_damaged_not_a_wrong_key() {
        let sealed = seal(TEXT, &Seal::Passphrase("pw")).unwrap();
        let cut = &sealed[..sealed.len() / 2];
        assert!(matches!(
            unseal(cut, Some(&Unseal::Passphrase("pw"))),
            Err(SealError::Damaged(_))
        ));
        // One character of the body changed: the armour or the MAC refuses it.
        let mut changed = sealed.clone();
        let at = changed.len() - 60;
        changed[at] = if changed[at] == b'A' { b'B' } else { b'A' };
        assert!(unseal(&changed, Some(&Unseal::Passphrase("pw"))).is_err());
        assert!(matches!(
            unseal(
                b"-----BEGIN AGE ENCRYPTED FILE-----\nnot base64\n",
                Some(&Unseal::Passphrase("pw"))
            ),
            Err(SealError::Damaged(_))
        ));
    }
}
