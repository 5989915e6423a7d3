//! TLS to a real PostgreSQL server with a certificate made in the test:
//! `require` encrypts, `verify-full` checks the chain and the name,
//! `verify-ca` the chain only; a certificate from another authority or for
//! another name is refused with a message naming the server. Ignored
//! without a server; `scripts/test.sh` (postgres_suite) runs it.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use permit_store::StoreError;
use permit_store_postgres::testing::{admin_url, fresh_schema, officer};
use permit_store_postgres::{Address, PgStore};
use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose};

/// A certificate authority: its PEM and its signer.
fn authority(name: &str) -> (String, Issuer<'static, KeyPair>) {
    let mut p = CertificateParams::new(Vec::<String>::new()).unwrap();
    p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    p.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    p.distinguished_name.push(DnType::CommonName, name);
    let key = KeyPair::generate().unwrap();
    let cert = p.self_signed(&key).unwrap();
    (cert.pem(), Issuer::new(p, key))
}

/// The uid and gid of the `postgres` user, if there is one.
fn postgres_ids() -> Option<(u32, u32)> {
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    let line = passwd.lines().find(|l| l.starts_with("postgres:"))?;
    let f: Vec<&str> = line.split(':').collect();
    Some((f.get(2)?.parse().ok()?, f.get(3)?.parse().ok()?))
}

fn write_private(path: &Path, text: &str) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(path, text).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).unwrap();
    // The server reads its key as its own user (or root); as root, hand it over.
    if let Some((uid, gid)) = postgres_ids() {
        let _ = std::os::unix::fs::chown(path, Some(uid), Some(gid));
    }
}

/// Switches TLS on at the server with a certificate for `localhost` signed
/// by a fresh authority; that authority's certificate file.
fn tls_on(dir: &Path) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir_all(dir).unwrap();
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let (ca_pem, ca) = authority("Permit Packet test authority");
    let mut p = CertificateParams::new(vec!["localhost".to_owned()]).unwrap();
    p.distinguished_name.push(DnType::CommonName, "localhost");
    let key = KeyPair::generate().unwrap();
    let cert = p.signed_by(&key, &ca).unwrap();
    let (crt, keyfile, ca_file) = (
        dir.join("server.crt"),
        dir.join("server.key"),
        dir.join("ca.crt"),
    );
    std::fs::write(&crt, cert.pem()).unwrap();
    write_private(&keyfile, &key.serialize_pem());
    std::fs::write(&ca_file, ca_pem).unwrap();
    let mut admin = Address::parse(&admin_url()).unwrap().connect().unwrap();
    for sql in [
        format!("ALTER SYSTEM SET ssl_cert_file = '{}'", crt.display()),
        format!("ALTER SYSTEM SET ssl_key_file = '{}'", keyfile.display()),
        "ALTER SYSTEM SET ssl = on".to_owned(),
        "SELECT pg_reload_conf()".to_owned(),
    ] {
        admin.batch_execute(&sql).unwrap();
    }
    ca_file
}

/// `url` with its sslmode (and root certificate) replaced and its host set.
fn with_tls(url: &str, host: &str, mode: &str, root: Option<&Path>) -> String {
    let a = Address::parse(url).unwrap();
    let port = a.host_for_url().rsplit(':').next().unwrap().to_owned();
    let (scheme_user, rest) = url.split_once('@').unwrap();
    let path_and_query = &rest[rest.find('/').unwrap()..];
    let mut url = format!("{scheme_user}@{host}:{port}{path_and_query}")
        .replace("sslmode=disable", &format!("sslmode={mode}"));
    if let Some(r) = root {
        url.push_str(&format!("&sslrootcert={}", r.display()));
    }
    url
}

fn encrypted(url: &str) -> Result<bool, StoreError> {
    let mut c = Address::parse(url)?.connect()?;
    Ok(c.query_one(
        "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
        &[],
    )
    .unwrap()
    .get(0))
}

#[test]
#[ignore = "needs a PostgreSQL server: scripts/test.sh runs it under pg_virtualenv"]
fn tls_require_verify_full_and_verify_ca_against_a_certificate_made_here() {
    let dir = std::env::temp_dir().join(format!("pp-tls-{}", std::process::id()));
    let ca = tls_on(&dir);
    let (schema, admin) = fresh_schema(&format!("{}-tls", std::process::id()));
    let plain = officer(
        &admin,
        &schema,
        &format!("tls_{}", std::process::id()),
        "Org",
        "officer",
    );

    // The server picks the certificate up on reload.
    let require = with_tls(&plain, "localhost", "require", None);
    let start = Instant::now();
    while encrypted(&require).ok() != Some(true) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "TLS did not come up: {:?}",
            encrypted(&require)
        );
        std::thread::sleep(Duration::from_millis(200));
    }

    // verify-full: the authority and the name match.
    let full = with_tls(&plain, "localhost", "verify-full", Some(&ca));
    assert!(encrypted(&full).unwrap(), "verify-full is encrypted");
    let store = PgStore::open(&Address::parse(&full).unwrap()).unwrap();
    assert_eq!(store.membership().organisation, "Org");

    // Another authority: refused, the server named, nothing else tried.
    let (other_pem, _) = authority("Someone else");
    let other = dir.join("other-ca.crt");
    std::fs::write(&other, other_pem).unwrap();
    let wrong_ca = with_tls(&plain, "localhost", "verify-full", Some(&other));
    let e = PgStore::open(&Address::parse(&wrong_ca).unwrap()).unwrap_err();
    assert!(matches!(e, StoreError::Unreachable { .. }), "{e}");
    assert!(e.to_string().contains("localhost"), "{e}");
    assert!(!e.to_string().contains("pw-"), "the password shown: {e}");

    // Another name (the certificate says localhost): verify-full refuses,
    // verify-ca (the chain only) accepts.
    let by_ip = with_tls(&plain, "127.0.0.1", "verify-full", Some(&ca));
    let e = encrypted(&by_ip).unwrap_err();
    assert!(matches!(e, StoreError::Unreachable { .. }), "{e}");
    let ca_only = with_tls(&plain, "127.0.0.1", "verify-ca", Some(&ca));
    assert!(encrypted(&ca_only).unwrap(), "verify-ca is encrypted");

    // verify-full without a root certificate file: said plainly.
    let missing = with_tls(
        &plain,
        "localhost",
        "verify-full",
        Some(&dir.join("absent.crt")),
    );
    let e = encrypted(&missing).unwrap_err();
    assert!(e.to_string().contains("absent.crt"), "{e}");
}
