//! Encrypting a plain workspace, and changing the key of an encrypted one,
//! without ever leaving a half-written workspace: the whole database is
//! exported (`sqlcipher_export`) into a new file beside it, that copy is
//! checked (it opens with the new key, `quick_check` says `ok`, same schema
//! version, same number of rows in every table), made durable, and only
//! then renamed over the workspace; the old `-wal` and `-shm` (emptied by a
//! checkpoint before the export) are removed after. A kill at any moment
//! leaves the old workspace or the new one, whole.

use std::path::{Path, PathBuf};

use rusqlite::{params, OpenFlags};

use super::{connect, inspect, key_error, map_error, open_error, MIGRATIONS};
use crate::{Key, Result, StoreError};

/// Test hook, compiled only with the `test-hooks` feature: when this
/// environment variable is `MARKER:STEP`, [`reencrypt`] creates the file
/// `MARKER` when it reaches `STEP` (`checkpointed`, `exported`, `verified`,
/// `renamed`, `cleaned`) and waits there, so a test can kill it.
#[cfg(feature = "test-hooks")]
pub const TEST_PAUSE_ENCRYPT_ENV: &str = "PERMIT_STORE_TEST_PAUSE_ENCRYPT";

fn pause(_step: &str) {
    #[cfg(feature = "test-hooks")]
    if let Some(v) = std::env::var_os(TEST_PAUSE_ENCRYPT_ENV) {
        let v = v.to_string_lossy().into_owned();
        if let Some((marker, step)) = v.rsplit_once(':') {
            if step == _step {
                let _ = std::fs::write(marker, _step);
                loop {
                    std::thread::sleep(std::time::Duration::from_secs(1));
                }
            }
        }
    }
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

/// The row count of every table of the connection's schema `db`.
fn counts(conn: &rusqlite::Connection, db: &str) -> rusqlite::Result<Vec<(String, i64)>> {
    let names: Vec<String> = conn
        .prepare(&format!(
            "SELECT name FROM {db}.sqlite_schema WHERE type = 'table' ORDER BY name"
        ))?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    names
        .into_iter()
        .map(|n| {
            let quoted = n.replace('"', "\"\"");
            let c: i64 = conn.query_row(
                &format!("SELECT count(*) FROM {db}.\"{quoted}\""),
                [],
                |r| r.get(0),
            )?;
            Ok((n, c))
        })
        .collect()
}

/// Re-writes the workspace at `path` encrypted with `to`: `from` is its
/// present key (`None`: a plain workspace, which is then encrypted). The
/// workspace must exist, be healthy and of a schema this build knows
/// (checked first, as [`super::SqliteStore::open`] does), and no other
/// connection may be using it ([`StoreError::Locked`] otherwise). On any
/// error before the final rename the workspace is as it was; a stale copy
/// left by a killed attempt is removed by the next.
pub fn reencrypt(path: &Path, from: Option<&Key>, to: &Key) -> Result<()> {
    let io = |message: String| StoreError::Io {
        path: path.to_path_buf(),
        message,
    };
    if crate::is_encrypted(path)
        .map_err(|e| io(e.to_string()))?
        .is_none()
    {
        return Err(StoreError::Invalid {
            path: path.to_path_buf(),
            message: "there is no workspace to encrypt here".into(),
        });
    }
    inspect(path, from)?;
    crate::schema_check::refuse_foreign_objects(path, MIGRATIONS, from)?;

    let copy = sibling(path, ".encrypting");
    for stale in [sibling(&copy, "-journal"), copy.clone()] {
        match std::fs::remove_file(&stale) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(format!("cannot remove {}: {e}", stale.display()))),
        }
    }
    permit_files::private_file(&copy).map_err(|e| io(format!("{}: {e}", copy.display())))?;
    let copy_text = copy
        .to_str()
        .ok_or_else(|| io("the workspace's path is not UTF-8".into()))?
        .to_owned();

    let expected = {
        let conn = connect(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            from,
        )?;
        conn.busy_timeout(super::BUSY_TIMEOUT)
            .map_err(|e| open_error(path, e))?;
        // Everything into the main file, the -wal emptied: from here the
        // main file alone is the whole workspace. Refused while another
        // connection reads it.
        let (busy, _, _): (i64, i64, i64) = conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .map_err(|e| key_error(path, from, e))?;
        if busy != 0 {
            return Err(StoreError::Locked {
                path: path.to_path_buf(),
            });
        }
        pause("checkpointed");
        conn.execute(
            "ATTACH DATABASE ?1 AS encrypted KEY ?2",
            params![copy_text, to.pragma_value()],
        )
        .map_err(|e| map_error(path, e))?;
        // The copy is written with this build's settings (a workspace of an
        // earlier build's is brought up to them here).
        super::run_pragma(
            &conn,
            &super::CIPHER_SETTINGS.replacen("PRAGMA ", "PRAGMA encrypted.", 1),
        )
        .map_err(|e| map_error(path, e))?;
        let version: i64 = conn
            .query_row("PRAGMA main.user_version", [], |r| r.get(0))
            .map_err(|e| map_error(path, e))?;
        // One transaction: no other writer between the counts and the export.
        conn.execute_batch("BEGIN IMMEDIATE")
            .map_err(|e| map_error(path, e))?;
        let result = (|| {
            let expected = counts(&conn, "main")?;
            conn.query_row("SELECT sqlcipher_export('encrypted')", [], |_| Ok(()))?;
            conn.execute_batch(&format!("PRAGMA encrypted.user_version = {version}"))?;
            pause("exported");
            conn.execute_batch("COMMIT")?;
            Ok((version, expected))
        })();
        let expected = match result {
            Ok(v) => v,
            Err(e) => {
                let _ = conn.execute_batch("ROLLBACK");
                return Err(map_error(path, e));
            }
        };
        conn.execute_batch("DETACH DATABASE encrypted")
            .map_err(|e| map_error(path, e))?;
        expected
    };

    // The copy opens with the new key and holds what the workspace held.
    {
        let (version, rows) = &expected;
        let conn = connect(
            &copy,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            Some(to),
        )?;
        let check = (|| {
            let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            let ok: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
            let found = counts(&conn, "main")?;
            Ok::<_, rusqlite::Error>(v == *version && ok == "ok" && found == *rows)
        })()
        .map_err(|e| key_error(&copy, Some(to), e))?;
        if !check {
            let _ = std::fs::remove_file(&copy);
            return Err(StoreError::Io {
                path: path.to_path_buf(),
                message: "the encrypted copy did not match the workspace; the workspace was left as it was".into(),
            });
        }
    }
    pause("verified");

    let durable = |p: &Path| -> std::io::Result<()> { std::fs::File::open(p)?.sync_all() };
    durable(&copy).map_err(|e| io(format!("{}: {e}", copy.display())))?;
    std::fs::rename(&copy, path).map_err(|e| io(format!("cannot replace the workspace: {e}")))?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        durable(dir).map_err(|e| io(format!("{}: {e}", dir.display())))?;
    }
    pause("renamed");
    // The old -wal (empty since the checkpoint) and -shm belong to the file
    // just replaced.
    for old in [sibling(path, "-wal"), sibling(path, "-shm")] {
        match std::fs::remove_file(&old) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(format!("cannot remove {}: {e}", old.display()))),
        }
    }
    pause("cleaned");
    Ok(())
}

/// SQLCipher 4's key derivation for a passphrase, which the store keeps:
/// PBKDF2-HMAC-SHA512 with 256,000 iterations over the 16-byte salt the
/// encrypted file begins with.
const KDF_ITERATIONS: u32 = 256_000;
const KDF_SALT_LEN: usize = 16;

/// The raw key `passphrase` stands for in the encrypted workspace at `path`:
/// the AES key SQLCipher derives from it with the file's own salt. It opens
/// the workspace as the passphrase does (and without the key derivation), so
/// it is that workspace's recovery key while the passphrase stays as it is;
/// it changes whenever the workspace is re-encrypted (a new salt). Checked by
/// opening the workspace with it: [`StoreError::WrongKey`] when the
/// passphrase does not open the workspace, and nothing is written.
pub fn recovery_key_of(path: &Path, passphrase: &str) -> Result<Key> {
    use std::io::Read;
    let io = |message: String| StoreError::Io {
        path: path.to_path_buf(),
        message,
    };
    if crate::is_encrypted(path).map_err(|e| io(e.to_string()))? != Some(true) {
        return Err(StoreError::Invalid {
            path: path.to_path_buf(),
            message: "the workspace is not encrypted".into(),
        });
    }
    let mut salt = [0u8; KDF_SALT_LEN];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut salt))
        .map_err(|e| io(e.to_string()))?;
    let mut raw = [0u8; crate::RAW_KEY_LEN];
    pbkdf2::pbkdf2_hmac::<pbkdf2::sha2::Sha512>(
        passphrase.as_bytes(),
        &salt,
        KDF_ITERATIONS,
        &mut raw,
    );
    let key = Key::Raw(raw);
    zeroize::Zeroize::zeroize(&mut raw);
    let conn = connect(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        Some(&key),
    )?;
    conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
        .map_err(|e| key_error(path, Some(&key), e))?;
    Ok(key)
}
