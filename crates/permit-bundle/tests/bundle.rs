//! Bundle format, signature, refusals and the bundle in force.

use std::path::PathBuf;

use permit_bundle::installed::{self, InstallError, Installed};
use permit_bundle::keys::{Keyring, SigningKey};
use permit_bundle::testing;
use permit_bundle::{Bundle, BundleError, Origin};

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pp-bundle-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn parse(bytes: &[u8]) -> Result<Bundle, BundleError> {
    Bundle::parse(bytes, &Keyring::trusted(), Origin::File("test".into()))
}

#[test]
fn a_signed_bundle_round_trips_and_names_its_signer() {
    let b = parse(&testing::pay_limit_2027()).unwrap();
    assert_eq!(b.version(), "2026.12.20");
    assert_eq!(b.manifest.checked_on.to_string(), "2026-12-20");
    assert!(b
        .manifest
        .in_force_from
        .iter()
        .any(|d| d.to_string() == "2027-01-01"));
    assert!(b.signed_by.contains("TEST key"), "{}", b.signed_by);
    let v = b
        .rules
        .value("pay_limit_annual_dkk", "002", "2027-01-01".parse().unwrap())
        .unwrap();
    assert_eq!(format!("{:?}", v.value), "Money(500000.00)");
    assert_eq!(b.pages.len(), 5);
}

#[test]
fn the_production_keyring_without_the_test_feature_would_refuse_the_test_key() {
    // The production key alone (what a shipped build trusts).
    let prod = permit_bundle::keys::parse_public(permit_bundle::keys::PRODUCTION_PUBLIC).unwrap();
    let ring = Keyring::only("production", prod);
    let err = Bundle::parse(&testing::pay_limit_2027(), &ring, Origin::Embedded).unwrap_err();
    assert_eq!(err.kind(), "unknown_key", "{err}");
}

#[test]
fn every_single_byte_flip_is_refused() {
    let good = testing::pay_limit_2027();
    // Every byte of a signed bundle is covered: flipping any one is refused
    // (a sample across the file, with every region: envelope, manifest,
    // signature and parts).
    let step = (good.len() / 300).max(1);
    let mut positions: Vec<usize> = (0..good.len()).step_by(step).collect();
    positions.push(good.len() - 2);
    for i in positions {
        let mut bad = good.clone();
        bad[i] ^= 0x01;
        assert!(parse(&bad).is_err(), "byte {i} flipped was accepted");
    }
}

#[test]
fn damaged_unknown_truncated_and_foreign_files_are_refused_with_the_reason() {
    let good = testing::pay_limit_2027();
    let truncated = &good[..good.len() / 2];
    assert_eq!(parse(truncated).unwrap_err().kind(), "damaged");
    assert!(parse(truncated)
        .unwrap_err()
        .to_string()
        .contains("truncated"));
    assert_eq!(parse(b"").unwrap_err().kind(), "damaged");
    assert_eq!(parse(b"\xff\xfe").unwrap_err().kind(), "damaged");
    assert_eq!(
        parse(br#"{"format":"something-else"}"#).unwrap_err().kind(),
        "unknown_format"
    );
    let newer = String::from_utf8(good.clone()).unwrap().replacen(
        "\"format_version\": 1",
        "\"format_version\": 2",
        1,
    );
    let e = parse(newer.as_bytes()).unwrap_err();
    assert_eq!(e.kind(), "unknown_format", "{e}");
    // Another key.
    let other = SigningKey::generate().unwrap();
    let foreign = testing::signed_with(
        &testing::rules_versioned("2026.12.21", "2026-12-21"),
        &other,
    );
    assert_eq!(parse(&foreign).unwrap_err().kind(), "unknown_key");
    // Another key claiming the test key's id: the signature fails.
    let claimed = String::from_utf8(foreign).unwrap().replace(
        &other.key_id(),
        &permit_bundle::keys::test_signing_key().key_id(),
    );
    assert_eq!(
        parse(claimed.as_bytes()).unwrap_err(),
        BundleError::BadSignature
    );
}

#[test]
fn rules_failing_the_loader_are_refused_even_when_signed() {
    let key = permit_bundle::keys::test_signing_key();
    let (_, pages) = testing::embedded_sources();
    // The builder refuses them.
    let bad = testing::rules_with(
        "2026.12.22",
        "2026-12-22",
        "fee_dkk",
        "002",
        "2027-01-01",
        "6,400",
    );
    let e = Bundle::build(&bad, &pages, &key, "now").unwrap_err();
    assert_eq!(e.kind(), "invalid_rules", "{e}");
    // A quote moved off its line is refused too.
    let mut moved = pages.clone();
    let p = moved.get_mut("002").unwrap();
    *p = format!("\n{p}");
    let e = Bundle::build(
        &testing::rules_versioned("2026.12.22", "2026-12-22"),
        &moved,
        &key,
        "now",
    )
    .unwrap_err();
    assert!(e.to_string().contains("is not on page 002"), "{e}");
}

#[test]
fn the_bundle_in_force_install_and_rollback() {
    let dir = tmp("install");
    let embedded = Bundle::embedded().version().to_owned();
    assert_eq!(installed::in_force_in(&dir).version(), embedded);
    assert_eq!(installed::in_force_in(&dir).origin, Origin::Embedded);

    let new = parse(&testing::pay_limit_2027()).unwrap();
    let Installed::New(path) = installed::install(&dir, &new).unwrap() else {
        panic!("installed")
    };
    assert_eq!(installed::in_force_in(&dir).version(), "2026.12.20");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let mode = std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700);
    }
    // The same again: nothing to do.
    assert_eq!(
        installed::install(&dir, &new).unwrap(),
        Installed::AlreadyInForce
    );
    // Older than in force: refused, nothing changed.
    let older = parse(&testing::signed(&testing::rules_versioned(
        "2026.12.1",
        "2026-12-01",
    )))
    .unwrap();
    let before: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    let e = installed::install(&dir, &older).unwrap_err();
    assert!(matches!(e, InstallError::Older { .. }), "{e}");
    assert_eq!(e.kind(), "rollback");
    let after: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(before, after);
    // Same version, other contents: refused.
    let twin = parse(&testing::signed(&testing::rules_with(
        "2026.12.20",
        "2026-12-20",
        "pay_limit_annual_dkk",
        "002",
        "2027-01-01",
        "510000.00",
    )))
    .unwrap();
    assert!(matches!(
        installed::install(&dir, &twin).unwrap_err(),
        InstallError::SameVersionOtherContents(_)
    ));
    assert_eq!(installed::in_force_in(&dir).digest, new.digest);

    // A damaged installed file is never used: the one before it (here the
    // embedded one) is in force, and status names the damaged file.
    let mut bytes = std::fs::read(&path).unwrap();
    let n = bytes.len() / 2;
    bytes[n] ^= 0x20;
    std::fs::write(&path, &bytes).unwrap();
    let st = installed::status_in(&dir);
    assert_eq!(st.in_force.version(), embedded);
    assert_eq!(st.ignored.len(), 1);
    assert_eq!(st.ignored[0].path, path);
    std::fs::remove_dir_all(&dir).unwrap();
}
