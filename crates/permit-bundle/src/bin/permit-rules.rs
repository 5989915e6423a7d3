//! The maintainers' rules-bundle tool (see docs/rules-updates.md).
//!
//! ```text
//! permit-rules keygen [--key FILE] [--public FILE]
//! permit-rules build [--assets DIR] [--key FILE] -o FILE
//! permit-rules public [--key FILE]
//! ```
//! The secret key defaults to `$XDG_CONFIG_HOME/permit-packet/rules-signing.key`
//! (`~/.config/...`); it is written 0600 in a 0700 folder and never
//! overwritten. It must never be committed.

use std::path::{Path, PathBuf};

use permit_bundle::keys::{self, Keyring, SigningKey};
use permit_bundle::{Bundle, Origin};

const USAGE: &str = "\
permit-rules — build and sign Permit Packet rules bundles (maintainers only)

USAGE:
    permit-rules keygen [--key FILE] [--public FILE]   new signing key (never overwrites)
    permit-rules public [--key FILE]                   print the key's public key file
    permit-rules build [--assets DIR] [--key FILE] -o FILE
                                                       bundle assets/rules/rules.json and the
                                                       pages it lists, signed
The key defaults to $XDG_CONFIG_HOME/permit-packet/rules-signing.key.
";

fn default_key() -> PathBuf {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
        .unwrap_or_else(|| PathBuf::from("."));
    base.join("permit-packet").join("rules-signing.key")
}

fn read_key(path: &Path) -> Result<SigningKey, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    SigningKey::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn run(args: &[String]) -> Result<String, String> {
    let mut key = default_key();
    let mut public = None;
    let mut out = None;
    let mut assets = PathBuf::from("assets");
    let mut it = args.iter().skip(1);
    while let Some(a) = it.next() {
        let mut value = || it.next().cloned().ok_or(format!("`{a}` needs a value"));
        match a.as_str() {
            "--key" => key = PathBuf::from(value()?),
            "--public" => public = Some(PathBuf::from(value()?)),
            "-o" | "--output" => out = Some(PathBuf::from(value()?)),
            "--assets" => assets = PathBuf::from(value()?),
            other => return Err(format!("unknown argument `{other}`\n\n{USAGE}")),
        }
    }
    match args.first().map(String::as_str) {
        Some("keygen") => {
            if key.exists() {
                return Err(format!(
                    "{} exists; a signing key is never overwritten",
                    key.display()
                ));
            }
            let k = SigningKey::generate()?;
            if let Some(dir) = key.parent().filter(|p| !p.as_os_str().is_empty()) {
                permit_files::private_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            }
            permit_files::write_atomic(&key, k.secret_file().as_bytes(), true)
                .map_err(|e| format!("{}: {e}", key.display()))?;
            let pubfile = keys::public_file(&k.public());
            if let Some(p) = &public {
                permit_files::write_atomic(p, pubfile.as_bytes(), true)
                    .map_err(|e| format!("{}: {e}", p.display()))?;
            }
            Ok(format!(
                "secret key: {} (0600; keep it outside the repository, back it up offline)\nkey id: {}\n{pubfile}",
                key.display(),
                k.key_id()
            ))
        }
        Some("public") => Ok(keys::public_file(&read_key(&key)?.public())),
        Some("build") => {
            let out = out.ok_or("`build` needs -o FILE")?;
            let k = read_key(&key)?;
            let (rules, pages) = Bundle::sources_from_assets(&assets)?;
            let created = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
            let bytes = Bundle::build(&rules, &pages, &k, &created).map_err(|e| e.to_string())?;
            // Check what was built exactly as an installation will.
            let b = Bundle::parse(
                &bytes,
                &Keyring::only("this key", k.public()),
                Origin::Embedded,
            )
            .map_err(|e| e.to_string())?;
            permit_files::write_atomic(&out, &bytes, true)
                .map_err(|e| format!("{}: {e}", out.display()))?;
            let trusted = if Keyring::trusted().get(&k.key_id()).is_some() {
                "this build trusts the key"
            } else {
                "WARNING: this build does not trust this key (not keys/production.pub)"
            };
            Ok(format!(
                "wrote {} — version {}, checked on {}, in force from {}, key {} ({trusted})\n",
                out.display(),
                b.version(),
                b.manifest.checked_on,
                b.manifest
                    .in_force_from
                    .iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
                k.key_id()
            ))
        }
        _ => Ok(USAGE.to_owned()),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(s) => print!("{s}"),
        Err(e) => {
            eprintln!("permit-rules: {e}");
            std::process::exit(1);
        }
    }
}
