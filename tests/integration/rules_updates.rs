//! Signed rules updates through the command line and the service layer:
//! a bundle that raises the annual pay limit from 1 January 2027 flips
//! exactly the cases whose salary falls between the old and the new limit;
//! damaged, older, foreign and truncated bundles are refused and change
//! nothing.

use std::path::{Path, PathBuf};
use std::process::Command;

use permit_bundle::keys::SigningKey;
use permit_bundle::testing;
use permit_packet::workspace::{ListQuery, View, Workspace};
use permit_store::{ListFilter, Sort, Store as _};
use serde_json::json;

use super::{merge, service_provider};

struct Home(PathBuf);

impl Home {
    fn new(tag: &str) -> Home {
        let d = std::env::temp_dir().join(format!("pp-rules-{}-{tag}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        Home(d)
    }
    fn data(&self) -> PathBuf {
        self.0.join("data").join("permit-packet")
    }
    fn store(&self) -> PathBuf {
        self.data().join("workspace.sqlite3")
    }
    fn rules(&self) -> PathBuf {
        self.data().join("rules")
    }
    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.0.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }
    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = crate::keyed(&mut Command::new(env!("CARGO_BIN_EXE_permit-packet")))
            .args(args)
            .env("XDG_DATA_HOME", self.0.join("data"))
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into(),
            String::from_utf8_lossy(&out.stderr).into(),
        )
    }
    fn open(&self) -> Workspace {
        match Workspace::open_keyed_with_rules(
            Some(&self.store()),
            &self.rules(),
            &crate::test_key(),
        )
        .unwrap()
        {
            permit_packet::workspace::encryption::Opened::Open(ws) => *ws,
            permit_packet::workspace::encryption::Opened::NeedsEncryption(ws) => *ws,
        }
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn view() -> View {
    View {
        lang: permit_core::Lang::En,
        today: super::date("2026-12-01"),
    }
}

/// (name, annual salary, planned submission)
const CASES: [(&str, &str, &str); 7] = [
    ("Under both limits", "480000.00", "2027-01-10"),
    ("At the old limit", "487000.00", "2027-01-10"),
    ("A cent under the new limit", "499999.99", "2027-01-10"),
    ("At the new limit", "500000.00", "2027-01-10"),
    ("Over both limits", "520000.00", "2027-01-10"),
    ("Between, submitted in 2026", "490000.00", "2026-12-15"),
    ("Researcher", "", "2027-01-10"),
];

fn workspace_with_cases(home: &Home) -> Vec<i64> {
    let mut ws = home.open();
    let mut ids = Vec::new();
    for (name, salary, submission) in CASES {
        let mut s = if salary.is_empty() {
            super::researcher()
        } else {
            service_provider()
        };
        merge(
            &mut s,
            json!({ "format": 1, "applicant": { "name": name },
                    "dates": { "planned_submission": submission, "job_start": "2027-03-01" } }),
        );
        if !salary.is_empty() {
            merge(
                &mut s,
                json!({ "salary": { "period": "year", "components": [ { "kind": "cash", "amount": salary } ] },
                        "hours": { "per_week": 37 } }),
            );
        }
        let c = ws.create(name, view()).unwrap();
        let c = ws.update(c.id, &s, Some(&c.updated_at), view()).unwrap();
        ids.push(c.id);
    }
    ids
}

/// Everything the store keeps about the cases, to compare before and after.
fn store_state(path: &Path) -> String {
    let s = crate::open_store(path).unwrap();
    let list = s.list_cases(&ListFilter::default(), Sort::Name).unwrap();
    let states = s.plan_states(None).unwrap();
    format!("{list:?}\n{states:?}")
}

#[test]
fn a_pay_limit_update_flips_exactly_the_cases_between_the_limits() {
    let home = Home::new("flip");
    let ids = workspace_with_cases(&home);
    let bundle = home.file("rules-2027.ppbundle", &testing::pay_limit_2027());
    let embedded = permit_bundle::Bundle::embedded().version().to_owned();

    let (code, out, err) = home.run(&["rules", "status"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(&format!("version {embedded} (built into this build)")),
        "{out}"
    );

    let (code, out, err) = home.run(&["rules", "verify", bundle.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("version 2026.12.20") && out.contains("TEST key"),
        "{out}"
    );
    assert!(out.contains("would install it"), "{out}");

    // Before installing: what would change, for every case.
    let before = store_state(&home.store());
    let (code, out, err) = home.run(&[
        "rules",
        "diff",
        bundle.to_str().unwrap(),
        "--today",
        "2026-12-01",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("2 of 7 cases change"), "{out}");
    let listed: Vec<&str> = out.lines().filter(|l| l.starts_with("case ")).collect();
    assert_eq!(listed.len(), 2, "{out}");
    assert!(
        listed[0].starts_with(&format!("case {} (At the old limit)", ids[1])),
        "{out}"
    );
    assert!(
        listed[1].starts_with(&format!("case {} (A cent under the new limit)", ids[2])),
        "{out}"
    );
    assert!(out.contains("salary check: met → not met"), "{out}");
    assert!(out.contains("500,000.00"), "the new limit is named: {out}");
    assert_eq!(store_state(&home.store()), before, "diff changes nothing");

    // Install: every case re-planned, exactly those two marked.
    let (code, out, err) = home.run(&[
        "rules",
        "install",
        bundle.to_str().unwrap(),
        "--today",
        "2026-12-01",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("installed rules version 2026.12.20"), "{out}");
    assert!(out.contains("re-planned 7 cases; 2 changed"), "{out}");
    let (_, out, _) = home.run(&["rules", "status"]);
    assert!(out.contains("version 2026.12.20 (installed)"), "{out}");
    assert!(out.contains("TEST key"), "{out}");

    let mut ws = home.open();
    let rows = ws.list(&ListQuery::default(), &view()).unwrap().rows;
    let mut marked: Vec<i64> = rows
        .iter()
        .filter(|r| r.rules_changed)
        .map(|r| r.id)
        .collect();
    marked.sort();
    assert_eq!(marked, vec![ids[1], ids[2]]);
    let c = ws.get(ids[1], view()).unwrap();
    let ch = c.rules_changes.expect("what changed");
    assert_eq!(ch.from_version, embedded);
    assert_eq!(ch.to_version, "2026.12.20");
    let salary = ch
        .changes
        .iter()
        .find(|c| c.id == "salary")
        .expect("the salary check flipped");
    assert_eq!(salary.before.as_deref(), Some("pass"));
    assert_eq!(salary.after.as_deref(), Some("fail"));
    assert!(ws.get(ids[0], view()).unwrap().rules_changes.is_none());
    assert_eq!(c.plan.rules.version, "2026.12.20");
    // The digest was recomputed: the blocker counts.
    let row = rows.iter().find(|r| r.id == ids[1]).unwrap();
    assert_eq!(
        row.digest.blockers,
        c.plan
            .warnings
            .iter()
            .filter(|w| w.severity == permit_core::plan::Severity::Blocker)
            .count()
    );
    // Acknowledged: no longer marked, and stays so when reopened.
    let c = ws.acknowledge(ids[1], view()).unwrap();
    assert!(c.rules_changes.is_none());
    drop(ws);
    let ws = home.open();
    let rows = ws.list(&ListQuery::default(), &view()).unwrap().rows;
    assert_eq!(rows.iter().filter(|r| r.rules_changed).count(), 1);

    // Export writes the installed bundle, byte for byte.
    let out_file = home.0.join("exported.ppbundle");
    let (code, _, err) = home.run(&["rules", "export", "-o", out_file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read(&out_file).unwrap(), testing::pay_limit_2027());
    // Installing it again is harmless.
    let (code, out, _) = home.run(&["rules", "install", out_file.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.contains("already in force"), "{out}");
}

#[test]
fn refused_bundles_change_neither_the_rules_nor_any_case() {
    let home = Home::new("refuse");
    workspace_with_cases(&home);
    // Install a first update, so that "older" means older than installed.
    let good = testing::pay_limit_2027();
    let first = home.file("first.ppbundle", &good);
    assert_eq!(
        home.run(&["rules", "install", first.to_str().unwrap()]).0,
        0
    );

    let newer = testing::signed(&testing::rules_with(
        "2027.1.2",
        "2026-12-30",
        "pay_limit_annual_dkk",
        "002",
        "2027-01-01",
        "510000.00",
    ));
    let mut flipped = newer.clone();
    let at = flipped.len() * 3 / 4;
    flipped[at] ^= 0x01;
    let older = testing::signed(&testing::rules_versioned("2026.12.10", "2026-12-10"));
    let foreign = testing::signed_with(
        &testing::rules_versioned("2027.1.3", "2026-12-30"),
        &SigningKey::generate().unwrap(),
    );
    let truncated = newer[..newer.len() - 100].to_vec();
    let cases: [(&str, Vec<u8>, &str); 4] = [
        ("flipped", flipped, ""),
        ("older", older, "older than the rules in force"),
        ("foreign", foreign, "unknown key"),
        ("truncated", truncated, "truncated"),
    ];
    let status = home.run(&["rules", "status"]).1;
    let before = store_state(&home.store());
    let files_before: Vec<_> = std::fs::read_dir(home.rules())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    for (name, bytes, reason) in cases {
        let f = home.file(&format!("{name}.ppbundle"), &bytes);
        for cmd in ["install", "diff", "verify"] {
            let (code, out, err) = home.run(&["rules", cmd, f.to_str().unwrap()]);
            if cmd == "verify" && name == "older" {
                // A valid file: verify says it would not be installed.
                assert_eq!(code, 0, "{err}");
                assert!(out.contains("would not be installed"), "{out}");
                continue;
            }
            if cmd == "diff" && name == "older" {
                assert_eq!(code, 0, "{err}");
                continue;
            }
            assert_eq!(code, 1, "{name} {cmd}: {out}{err}");
            assert!(
                err.contains("refused, nothing was changed"),
                "{name} {cmd}: {err}"
            );
            assert!(err.contains(reason), "{name} {cmd}: {err}");
        }
        assert_eq!(home.run(&["rules", "status"]).1, status, "{name}");
        assert_eq!(store_state(&home.store()), before, "{name}");
        let files: Vec<_> = std::fs::read_dir(home.rules())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(files, files_before, "{name}");
    }
    // And the good newer one still installs afterwards.
    let f = home.file("newer.ppbundle", &newer);
    let (code, out, err) = home.run(&["rules", "install", f.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("installed rules version 2027.1.2"), "{out}");
}

/// A one-file HTTP server on 127.0.0.1 for "Check for updates": answers
/// every request with `status` and `body`, until the test ends.
fn serve(status: &'static str, body: Vec<u8>) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut s) = stream else { continue };
            let mut req = Vec::new();
            let mut buf = [0u8; 1024];
            while !req.windows(4).any(|w| w == b"\r\n\r\n") {
                match s.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => req.extend_from_slice(&buf[..n]),
                }
            }
            let head = format!(
                "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = s.write_all(head.as_bytes());
            let _ = s.write_all(&body);
        }
    });
    format!("http://127.0.0.1:{port}/rules-latest.ppbundle")
}

#[test]
fn check_for_updates_fetches_from_the_address_the_user_set_and_checks_it_as_a_file() {
    let home = Home::new("fetch");
    let ids = workspace_with_cases(&home);
    let mut ws = home.open();

    // No address: nothing is fetched.
    assert_eq!(
        ws.check_for_updates(view()).unwrap_err().kind,
        "no_update_address"
    );
    // Only https, or http to this computer; no user name in the address.
    for bad in [
        "http://rules.example.org/latest.ppbundle",
        "file:///etc/passwd",
        "https://me:secret@example.org/b",
    ] {
        assert_eq!(
            ws.set_update_source(Some(bad)).unwrap_err().kind,
            "bad_address",
            "{bad}"
        );
    }
    assert_eq!(ws.update_source().url, None);

    // A damaged bundle (a flipped byte) and an error status: refused,
    // nothing changes.
    let good = testing::pay_limit_2027();
    let mut damaged = good.clone();
    let at = damaged.len() / 2;
    damaged[at] ^= 0x01;
    let before = store_state(&home.store());
    let status_before = ws.rules_status();
    for (url, kind) in [
        (serve("200 OK", damaged), ""),
        (
            serve("404 Not Found", b"no such file".to_vec()),
            "http_status",
        ),
    ] {
        ws.set_update_source(Some(&url)).unwrap();
        assert_eq!(ws.update_source().url.as_deref(), Some(url.as_str()));
        let e = ws.check_for_updates(view()).unwrap_err();
        assert!(
            e.message.contains("nothing was changed"),
            "{}: {}",
            e.kind,
            e.message
        );
        if !kind.is_empty() {
            assert_eq!(e.kind, kind, "{}", e.message);
        } else {
            assert!(
                ["bad_signature", "damaged", "invalid_rules"].contains(&e.kind.as_str()),
                "{}: {}",
                e.kind,
                e.message
            );
        }
        assert_eq!(ws.rules_status(), status_before);
        assert_eq!(store_state(&home.store()), before);
    }
    // Nothing listens: a network error, nothing changes.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://127.0.0.1:{}/b", l.local_addr().unwrap().port())
    };
    assert_eq!(
        ws.install_from_url(&closed, view()).unwrap_err().kind,
        "network"
    );

    // The signed test bundle: installed exactly as a file, cases re-planned.
    let url = serve("200 OK", good);
    ws.set_update_source(Some(&url)).unwrap();
    let r = ws.check_for_updates(view()).unwrap();
    assert!(r.installed);
    assert_eq!(r.status.version, "2026.12.20");
    assert_eq!(r.status.origin, "installed");
    assert_eq!(r.status.signer, "test");
    assert!(!r.changed.is_empty());
    assert!(r.changed.iter().all(|c| ids.contains(&c.id)));
    // Asked again: already in force, nothing installed.
    let again = ws.check_for_updates(view()).unwrap();
    assert!(!again.installed);
    // The address is kept in the rules folder, private.
    let ws2 = home.open();
    assert_eq!(ws2.update_source().url.as_deref(), Some(url.as_str()));
    // Cleared.
    let mut ws2 = ws2;
    assert_eq!(ws2.set_update_source(Some("  ")).unwrap().url, None);
    assert_eq!(home.open().update_source().url, None);
}

#[test]
fn rules_fetch_on_the_command_line() {
    let home = Home::new("cli-fetch");
    workspace_with_cases(&home);
    let url = serve("200 OK", testing::pay_limit_2027());
    let (code, out, err) = home.run(&["rules", "fetch", &url]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("installed rules version 2026.12.20 from http://127.0.0.1:"),
        "{out}"
    );
    let (code, _, err) = home.run(&["rules", "fetch", "http://example.org/b"]);
    assert_eq!(code, 2, "{err}");
}
