//! A team workspace on a real PostgreSQL server: organisations enforced by
//! the database (tried with raw SQL as an officer), roles, migrations,
//! conflicts between officers, notifications, and the errors a user sees.
//!
//! These need a server: they are `#[ignore]`d in a plain `cargo test` and
//! run by `scripts/test.sh` (step `postgres`) under `pg_virtualenv` with
//! `--include-ignored`, where a missing server fails them.

use std::sync::mpsc;
use std::time::{Duration, Instant};

use permit_store::{CaseContent, ListFilter, NewCase, Sort, Store, StoreError};
use permit_store_postgres::testing::{admin_url, fresh_schema, in_schema, officer};
use permit_store_postgres::{team, Address, PgStore};

fn addr(url: &str) -> Address {
    Address::parse(url).unwrap()
}

/// A workspace with organisations A (officers a1, a2, auditor aa) and B
/// (officer b1); their addresses, and the admin's.
struct Team {
    admin: String,
    a1: String,
    a2: String,
    aa: String,
    b1: String,
}

fn team(name: &str) -> Team {
    let key = format!("{}-{name}", std::process::id());
    let (schema, admin) = fresh_schema(&key);
    let login = |who: &str| format!("{who}_{}_{name}", std::process::id()).replace('-', "_");
    Team {
        a1: officer(&admin, &schema, &login("a1"), "Org A", "officer"),
        a2: officer(&admin, &schema, &login("a2"), "Org A", "officer"),
        aa: officer(&admin, &schema, &login("aa"), "Org A", "auditor"),
        b1: officer(&admin, &schema, &login("b1"), "Org B", "officer"),
        admin,
    }
}

fn new_case(store: &mut PgStore, name: &str) -> i64 {
    let mut tx = store.begin().unwrap();
    let content = CaseContent {
        situation_json: r#"{"format":1}"#.into(),
        ..Default::default()
    };
    let ids = tx
        .insert(&[NewCase {
            name: name.into(),
            notes: String::new(),
            content,
        }])
        .unwrap();
    tx.commit().unwrap();
    ids[0]
}

fn raw(url: &str) -> postgres::Client {
    addr(url).connect().unwrap()
}

#[test]
#[ignore = "needs a PostgreSQL server: scripts/test.sh runs it under pg_virtualenv"]
fn an_officer_sees_and_changes_only_their_organisations_cases_even_with_raw_sql() {
    let t = team("rls");
    let mut a = PgStore::open(&addr(&t.a1)).unwrap();
    let mut b = PgStore::open(&addr(&t.b1)).unwrap();
    let theirs = new_case(&mut a, "Ana (org A)");
    let ours = new_case(&mut b, "Bo (org B)");
    let b_org = b.membership().org_id;
    let a_org = a.membership().org_id;

    // Through the store: B's list and lookups know nothing of A's case.
    let page = b
        .list_page(&ListFilter::default(), Sort::Name, 0, None)
        .unwrap();
    assert_eq!(page.total, 1);
    assert_eq!(page.rows[0].name, "Bo (org B)");
    assert!(matches!(
        b.get_case(theirs),
        Err(StoreError::NotFound { .. })
    ));

    // Raw SQL as officer b1.
    let mut c = raw(&t.b1);
    let n: i64 = c
        .query_one("SELECT count(*) FROM cases WHERE id = $1", &[&theirs])
        .unwrap()
        .get(0);
    assert_eq!(n, 0, "read another organisation's case");
    let n = c
        .execute("UPDATE cases SET name = 'stolen' WHERE id = $1", &[&theirs])
        .unwrap();
    assert_eq!(n, 0, "updated another organisation's case");
    let n = c
        .execute("DELETE FROM cases WHERE id = $1", &[&theirs])
        .unwrap();
    assert_eq!(n, 0, "deleted another organisation's case");
    let e = c
        .execute(
            "INSERT INTO cases (org_id, name, created_at, updated_at, situation_json, digest_json) \
             VALUES ($1, 'planted', 'x', 'x', '{}', '{}')",
            &[&a_org],
        )
        .unwrap_err();
    assert!(
        db_message(&e).contains("row-level security"),
        "inserted into another organisation: {e:?}"
    );
    let e = c
        .execute(
            "UPDATE cases SET org_id = $1 WHERE id = $2",
            &[&a_org, &ours],
        )
        .unwrap_err();
    assert!(
        db_message(&e).contains("row-level security"),
        "moved a case to another organisation: {e:?}"
    );
    // A session setting is not the boundary, nor is a group role.
    c.batch_execute(&format!("SET app.org_id = '{a_org}'"))
        .unwrap();
    let n: i64 = c
        .query_one("SELECT count(*) FROM cases", &[])
        .unwrap()
        .get(0);
    assert_eq!(n, 1, "a setting let B read A's cases");
    c.batch_execute("SET ROLE permit_officer").unwrap();
    let n: i64 = c
        .query_one("SELECT count(*) FROM cases", &[])
        .unwrap()
        .get(0);
    assert_eq!(n, 0, "the group role sees no organisation's cases");
    c.batch_execute("RESET ROLE").unwrap();

    // Their own membership, organisations, the schema: refused.
    for (what, sql) in [
        (
            "move themselves",
            format!("UPDATE members SET org_id = {a_org} WHERE login = current_user"),
        ),
        (
            "join another organisation",
            format!("INSERT INTO members (login, org_id, role) VALUES ('x_{b_org}', {a_org}, 'officer')"),
        ),
        ("leave", "DELETE FROM members".into()),
        ("rename an organisation", "UPDATE organisations SET name = 'mine'".into()),
        ("make themselves owner", "UPDATE permit_meta SET value = current_user WHERE key = 'owner'".into()),
        ("switch off the policy", "ALTER TABLE cases DISABLE ROW LEVEL SECURITY".into()),
        ("drop the policy", "DROP POLICY cases_org ON cases".into()),
        (
            "add a member",
            format!("SELECT permit_add_member('x_{b_org}', 'Org A', 'officer', NULL)"),
        ),
    ] {
        let e = c.batch_execute(&sql).unwrap_err();
        let code = e.code().map(|c| c.code().to_owned()).unwrap_or_default();
        assert!(
            code == "42501",
            "an officer could {what}: {e} ({code})"
        );
    }
    let me: String = c
        .query_one(
            "SELECT o.name FROM members m JOIN organisations o ON o.id = m.org_id",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(me, "Org B", "sees only their own membership");

    // A's case is untouched.
    assert_eq!(a.get_case(theirs).unwrap().name, "Ana (org A)");
    assert_eq!(b.get_case(ours).unwrap().name, "Bo (org B)");
}

#[test]
#[ignore = "needs a PostgreSQL server: scripts/test.sh runs it under pg_virtualenv"]
fn an_auditor_reads_and_writes_nothing() {
    let t = team("auditor");
    let mut a = PgStore::open(&addr(&t.a1)).unwrap();
    let id = new_case(&mut a, "Ana");
    let mut au = PgStore::open(&addr(&t.aa)).unwrap();
    assert_eq!(au.membership().role, "auditor");
    assert_eq!(au.get_case(id).unwrap().name, "Ana");
    let version = au.get_case(id).unwrap().updated_at;
    let e = au.set_notes(id, "audited", Some(&version)).unwrap_err();
    assert!(matches!(e, StoreError::Denied { .. }), "{e}");
    let mut tx = au.begin().unwrap();
    let e = tx
        .insert(&[NewCase {
            name: "x".into(),
            notes: String::new(),
            content: CaseContent {
                situation_json: "{}".into(),
                ..Default::default()
            },
        }])
        .unwrap_err();
    assert!(matches!(e, StoreError::Denied { .. }), "{e}");
}

#[test]
#[ignore = "needs a PostgreSQL server: scripts/test.sh runs it under pg_virtualenv"]
fn a_stale_write_by_a_second_officer_is_refused_and_names_the_first() {
    let t = team("conflict");
    let mut a1 = PgStore::open(&addr(&t.a1)).unwrap();
    let mut a2 = PgStore::open(&addr(&t.a2)).unwrap();
    let id = new_case(&mut a1, "Ana");
    let read_by_both = a1.get_case(id).unwrap();
    assert_eq!(a2.get_case(id).unwrap().updated_at, read_by_both.updated_at);
    a1.set_notes(id, "a1 was here", Some(&read_by_both.updated_at))
        .unwrap();
    let e = a2
        .set_notes(id, "a2 overwrites", Some(&read_by_both.updated_at))
        .unwrap_err();
    assert!(matches!(e, StoreError::Conflict { .. }), "{e}");
    let now = a2.get_case(id).unwrap();
    assert_eq!(now.notes, "a1 was here", "nothing of the stale write");
    assert_eq!(
        now.updated_by.as_deref(),
        Some(a1.membership().login.as_str()),
        "the version names who made it"
    );
    // The same through a unit of work.
    let mut tx = a2.begin().unwrap();
    let e = tx
        .update(
            id,
            &read_by_both.updated_at,
            &CaseContent {
                situation_json: "{}".into(),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert!(matches!(e, StoreError::Conflict { .. }), "{e}");
}

#[test]
#[ignore = "needs a PostgreSQL server: scripts/test.sh runs it under pg_virtualenv"]
fn another_officers_change_is_announced_within_two_seconds_and_not_to_another_organisation() {
    let t = team("notify");
    let a1 = PgStore::open(&addr(&t.a1)).unwrap();
    let b1 = PgStore::open(&addr(&t.b1)).unwrap();
    let (tx, rx) = mpsc::channel();
    for (who, store) in [("a", &a1), ("b", &b1)] {
        let watch = store.watch().unwrap();
        let tx = tx.clone();
        std::thread::spawn(move || {
            let _ = watch.run(&mut || tx.send(who).is_ok());
        });
    }
    // Let both listeners start.
    std::thread::sleep(Duration::from_millis(500));
    let mut a2 = PgStore::open(&addr(&t.a2)).unwrap();
    let start = Instant::now();
    let id = new_case(&mut a2, "Ana");
    let who = rx.recv_timeout(Duration::from_secs(2)).expect("announced");
    assert_eq!(who, "a");
    assert!(start.elapsed() < Duration::from_secs(2));
    assert!(
        rx.recv_timeout(Duration::from_millis(700)).is_err(),
        "org B's window was told of org A's change"
    );
    // A change, a deletion and its purge (each a statement of its own
    // kind) are announced too, once each, to org A only.
    let announced = |what: &str| {
        assert_eq!(
            rx.recv_timeout(Duration::from_secs(2)),
            Ok("a"),
            "{what} not announced"
        );
        assert!(
            rx.recv_timeout(Duration::from_millis(300)).is_err(),
            "{what} announced twice or to org B"
        );
    };
    let version = a2.get_case(id).unwrap().updated_at;
    a2.set_notes(id, "seen", Some(&version)).unwrap();
    announced("a change");
    a2.delete_case(id, None).unwrap();
    announced("a deletion");
    assert_eq!(a2.purge_deleted_older_than(Duration::ZERO).unwrap(), 1);
    announced("a purge");
}

#[test]
#[ignore = "needs a PostgreSQL server: scripts/test.sh runs it under pg_virtualenv"]
fn a_workspace_of_every_earlier_schema_is_upgraded_by_its_owner_with_its_cases() {
    for version in 1..permit_store_postgres::SCHEMA_VERSION {
        let key = format!("{}-upgrade-{version}", std::process::id());
        let schema = format!("u_{}_{version}", std::process::id());
        let admin = in_schema(&admin_url(), &schema);
        raw(&admin_url())
            .batch_execute(&format!(
                "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"
            ))
            .unwrap();
        let done = team::init_to(&addr(&admin), version).unwrap();
        assert_eq!(done.to, version);
        let login = format!("v{version}_{}", std::process::id());
        // Added with the functions of that version (as its build would).
        raw(&admin)
            .execute(
                "SELECT permit_add_member($1, 'Org', 'officer', 'pw-old')",
                &[&login],
            )
            .unwrap();
        let server = addr(&admin_url());
        let url = in_schema(
            &format!(
                "postgres://{login}:pw-old@{}/{}?sslmode=disable",
                server.host_for_url(),
                server.dbname()
            ),
            &schema,
        );
        // An officer cannot use (or upgrade) an older schema.
        let e = PgStore::open(&addr(&url)).unwrap_err();
        assert!(
            matches!(e, StoreError::NeedsUpgrade { found, .. } if found == version),
            "{e}"
        );
        assert!(e.to_string().contains("team init"), "{e}");
        let e = team::init(&addr(&url)).unwrap_err();
        assert!(matches!(e, StoreError::Denied { .. }), "{e}");
        // A case written at that version survives the upgrade.
        raw(&admin)
            .batch_execute(&format!(
                "INSERT INTO cases (org_id, name, created_at, updated_at, situation_json, digest_json) \
                 SELECT id, 'Old case', 'x', 'x', '{{}}', '{{}}' FROM organisations -- {key}"
            ))
            .unwrap();
        let done = team::init(&addr(&admin)).unwrap();
        assert_eq!(
            (done.from, done.to),
            (version, permit_store_postgres::SCHEMA_VERSION)
        );
        let store = PgStore::open(&addr(&url)).unwrap();
        let rows = store
            .list_cases(&ListFilter::default(), Sort::Name)
            .unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].name, "Old case");
        // Re-running changes nothing.
        let again = team::init(&addr(&admin)).unwrap();
        assert_eq!(again.from, again.to);
    }
}

#[test]
#[ignore = "needs a PostgreSQL server: scripts/test.sh runs it under pg_virtualenv"]
fn a_newer_schema_a_non_member_a_wrong_password_and_a_dead_server_are_named() {
    let t = team("errors");
    // Newer schema: left untouched.
    raw(&t.admin)
        .batch_execute("UPDATE permit_meta SET value = '999' WHERE key = 'schema_version'")
        .unwrap();
    let e = PgStore::open(&addr(&t.a1)).unwrap_err();
    assert!(
        matches!(e, StoreError::NewerVersion { found: 999, .. }),
        "{e}"
    );
    let e = team::init(&addr(&t.admin)).unwrap_err();
    assert!(matches!(e, StoreError::NewerVersion { .. }), "{e}");
    raw(&t.admin)
        .batch_execute(&format!(
            "UPDATE permit_meta SET value = '{}' WHERE key = 'schema_version'",
            permit_store_postgres::SCHEMA_VERSION
        ))
        .unwrap();

    // A member removed cannot sign in any more.
    let gone = addr(&t.b1);
    assert!(team::remove_member(&addr(&t.admin), gone.user()).unwrap());
    let e = PgStore::open(&gone).unwrap_err();
    assert!(matches!(e, StoreError::Unreachable { .. }), "{e}");

    // Wrong password: the login named, not the password.
    let wrong = t.a1.replacen(":pw-", ":wrong-", 1);
    let e = PgStore::open(&addr(&wrong)).unwrap_err();
    assert!(matches!(e, StoreError::Unreachable { .. }), "{e}");
    let text = e.to_string();
    assert!(text.contains("refused the login"), "{text}");
    assert!(!text.contains("wrong-"), "the password shown: {text}");

    // No server on that port.
    let dead = "postgres://a:b@127.0.0.1:1/db?sslmode=disable&connect_timeout=2";
    let e = PgStore::open(&addr(dead)).unwrap_err();
    assert!(matches!(e, StoreError::Unreachable { .. }), "{e}");
    assert!(
        e.to_string().contains("127.0.0.1:1"),
        "names the server: {e}"
    );
    assert!(!e.to_string().contains("a:b@"), "{e}");
}

#[test]
#[ignore = "needs a PostgreSQL server: scripts/test.sh runs it under pg_virtualenv"]
fn members_are_managed_by_the_owner_and_an_organisations_admin_only() {
    let t = team("members");
    let admin = addr(&t.admin);
    let listed = team::list_members(&admin).unwrap();
    assert_eq!(listed.len(), 4);
    // An admin of org A manages org A only.
    let a_admin_login = format!("ad_{}", std::process::id());
    team::add_member(&admin, &a_admin_login, "Org A", "admin", Some(b"pw-admin")).unwrap();
    let schema_url = t.a1.clone();
    let a_admin = addr(
        &schema_url
            .replacen(
                &format!("{}:", addr(&t.a1).user()),
                &format!("{a_admin_login}:"),
                1,
            )
            .replacen(&pw_of(&t.a1), "pw-admin", 1),
    );
    let seen = team::list_members(&a_admin).unwrap();
    assert!(seen.iter().all(|m| m.organisation == "Org A"), "{seen:?}");
    let new_login = format!("n_{}", std::process::id());
    team::add_member(&a_admin, &new_login, "Org A", "officer", Some(b"pw-n")).unwrap();
    let e = team::add_member(
        &a_admin,
        &format!("{new_login}b"),
        "Org B",
        "officer",
        Some(b"pw"),
    )
    .unwrap_err();
    assert!(matches!(e, StoreError::Denied { .. }), "{e}");
    let e = team::remove_member(&a_admin, addr(&t.b1).user()).unwrap_err();
    assert!(matches!(e, StoreError::Denied { .. }), "{e}");
    // An officer manages nobody.
    let e = team::add_member(&addr(&t.a1), "x_y", "Org A", "officer", Some(b"pw")).unwrap_err();
    assert!(matches!(e, StoreError::Denied { .. }), "{e}");
    // A bad role or login name is named.
    let e = team::add_member(&admin, "ok_name", "Org A", "boss", Some(b"pw")).unwrap_err();
    assert!(e.to_string().contains("boss"), "{e}");
    let e =
        team::add_member(&admin, "Robert'); DROP", "Org A", "officer", Some(b"pw")).unwrap_err();
    assert!(matches!(e, StoreError::Invalid { .. }), "{e}");
}

fn pw_of(url: &str) -> String {
    let after = url.split("://").nth(1).unwrap();
    let userinfo = after.split('@').next().unwrap();
    userinfo.split(':').nth(1).unwrap().to_owned()
}

fn db_message(e: &postgres::Error) -> String {
    e.as_db_error()
        .map(|d| d.message().to_owned())
        .unwrap_or_else(|| e.to_string())
}

#[test]
#[ignore = "needs a PostgreSQL server: scripts/test.sh runs it under pg_virtualenv"]
fn the_audit_trail_is_written_by_the_database_and_an_officer_cannot_touch_it() {
    use permit_store::audit::{verify, AuditFault};
    use permit_store::AuditFilter;
    let (t, a) = three_entries("audit");
    let log = a.audit_entries(&AuditFilter::default()).unwrap();
    assert_eq!(log.len(), 3);
    // The database names the login, not what the client said.
    assert!(
        log.iter().all(|e| e.actor == a.membership().login),
        "{log:?}"
    );
    assert!(verify(&log).is_empty(), "{:?}", verify(&log));
    // Another organisation sees none of it.
    let b = PgStore::open(&addr(&t.b1)).unwrap();
    assert!(b.audit_entries(&AuditFilter::default()).unwrap().is_empty());

    // Raw SQL as the officer: no insert, update or delete.
    let mut c = raw(&t.a1);
    for sql in [
        "UPDATE audit_log SET action = 'nothing'",
        "DELETE FROM audit_log",
        "INSERT INTO audit_log (org_id, seq, at, actor, machine, action, fields, values_digest, prev_hash, hash) SELECT org_id, 99, at, actor, machine, action, fields, values_digest, prev_hash, hash FROM audit_log LIMIT 1",
        "UPDATE audit_values SET values_json = '{}'",
        "DELETE FROM audit_values",
    ] {
        let e = c.batch_execute(sql).unwrap_err();
        assert_eq!(
            e.code().map(|c| c.code().to_owned()).as_deref(),
            Some("42501"),
            "an officer could: {sql}: {e:?}"
        );
    }
    // The owner can (docs/security.md): the chain shows it.
    raw(&t.admin)
        .batch_execute("UPDATE audit_log SET action = 'nothing' WHERE seq = 2")
        .unwrap();
    let log = a.audit_entries(&AuditFilter::default()).unwrap();
    let problems = verify(&log);
    assert!(
        problems
            .iter()
            .any(|p| p.seq == 2 && p.fault == AuditFault::Edited),
        "{problems:?}"
    );
}

/// A team workspace whose organisation A has a log of three entries (each
/// claiming another actor, which the database replaces with the login),
/// and officer a1's store.
fn three_entries(name: &str) -> (Team, PgStore) {
    use permit_store::AuditEntry;
    let t = team(name);
    let mut a = PgStore::open(&addr(&t.a1)).unwrap();
    let id = new_case(&mut a, "Ana");
    for action in ["create", "edit", "export_pdf"] {
        let mut tx = a.begin().unwrap();
        tx.append_audit(&AuditEntry {
            case_id: Some(id),
            actor: "someone-else".into(),
            machine: "laptop".into(),
            action: action.into(),
            changes: vec![],
            detail: serde_json::json!({ "file": "ana.pdf" }),
        })
        .unwrap();
        tx.commit().unwrap();
    }
    (t, a)
}

#[test]
#[ignore = "needs a PostgreSQL server: scripts/test.sh runs it under pg_virtualenv"]
fn each_kind_of_rewrite_of_a_team_log_by_its_owner_is_found() {
    use permit_store::audit::verify;
    use permit_store::AuditFilter;
    let cases = [
        (
            "edited",
            "UPDATE audit_log SET machine = 'elsewhere' WHERE seq = 2",
        ),
        (
            "values",
            "UPDATE audit_values SET values_json = '{}' WHERE seq = 2",
        ),
        (
            "deleted",
            "DELETE FROM audit_values WHERE seq = 2; DELETE FROM audit_log WHERE seq = 2",
        ),
        (
            "inserted",
            "INSERT INTO audit_log (org_id, seq, case_id, at, actor, machine, action, fields, \
             values_digest, prev_hash, hash) SELECT org_id, 4, case_id, at, actor, machine, \
             action, fields, values_digest, prev_hash, hash FROM audit_log WHERE seq = 2",
        ),
        (
            "reordered",
            "ALTER TABLE audit_values DROP CONSTRAINT audit_values_org_id_seq_fkey; \
             UPDATE audit_log SET seq = -2 WHERE seq = 2; \
             UPDATE audit_log SET seq = 2 WHERE seq = 3; \
             UPDATE audit_log SET seq = 3 WHERE seq = -2",
        ),
    ];
    for (kind, sql) in cases {
        let (t, a) = three_entries(&format!("tamper_{kind}"));
        assert!(
            verify(&a.audit_entries(&AuditFilter::default()).unwrap()).is_empty(),
            "{kind}: the untouched log verifies"
        );
        raw(&t.admin).batch_execute(sql).unwrap();
        let problems = verify(&a.audit_entries(&AuditFilter::default()).unwrap());
        assert!(!problems.is_empty(), "{kind}: the rewrite went unseen");
    }
}

#[test]
#[ignore = "needs a PostgreSQL server: scripts/test.sh runs it under pg_virtualenv"]
fn many_audit_entries_in_one_call_chain_as_one_at_a_time_and_stay_in_the_organisation() {
    use permit_store::audit::verify;
    use permit_store::{AuditChange, AuditEntry, AuditFilter};
    let t = team("audit-many");
    let mut a = PgStore::open(&addr(&t.a1)).unwrap();
    let mut b = PgStore::open(&addr(&t.b1)).unwrap();
    let ana = new_case(&mut a, "Ana");
    let bo = new_case(&mut b, "Bo");
    let change = |field: &str, new: &str| AuditChange {
        field: field.into(),
        old: serde_json::Value::Null,
        new: serde_json::json!(new),
    };
    let entry = |case_id, machine: &str, action: &str, changes| AuditEntry {
        case_id,
        actor: "someone-else".into(),
        machine: machine.into(),
        action: action.into(),
        changes,
        detail: serde_json::json!({ "row": 2 }),
    };
    // One entry alone, then three in one call (two machines: two runs;
    // fields in their own order, not sorted), then one alone again.
    let mut tx = a.begin().unwrap();
    tx.append_audit(&entry(Some(ana), "laptop", "create", vec![]))
        .unwrap();
    let seqs = tx
        .append_audit_many(&[
            entry(
                Some(ana),
                "laptop",
                "import",
                vec![change("salary.amount", "45000"), change("name", "Ana")],
            ),
            entry(None, "laptop", "export_batch", vec![]),
            entry(Some(ana), "desk", "edit", vec![change("role", "employee")]),
        ])
        .unwrap();
    assert_eq!(seqs, vec![2, 3, 4]);
    tx.append_audit(&entry(Some(ana), "laptop", "rename", vec![]))
        .unwrap();
    tx.commit().unwrap();
    let log = a.audit_entries(&AuditFilter::default()).unwrap();
    assert_eq!(
        log.iter().map(|e| e.seq).collect::<Vec<_>>(),
        vec![1, 2, 3, 4, 5]
    );
    assert_eq!(log[1].fields, vec!["salary.amount", "name"]);
    assert_eq!(log[3].machine, "desk");
    assert!(
        log.iter().all(|e| e.actor == a.membership().login),
        "{log:?}"
    );
    assert!(verify(&log).is_empty(), "{:?}", verify(&log));
    // An entry for another organisation's case: refused, nothing written.
    let mut tx = a.begin().unwrap();
    tx.append_audit_many(&[
        entry(Some(ana), "laptop", "edit", vec![]),
        entry(Some(bo), "laptop", "edit", vec![]),
    ])
    .unwrap_err();
    drop(tx);
    assert_eq!(a.audit_entries(&AuditFilter::default()).unwrap().len(), 5);
    assert!(b.audit_entries(&AuditFilter::default()).unwrap().is_empty());
}
