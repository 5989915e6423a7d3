//! The audit trail through the service: every action records who, when,
//! which machine, what and which fields old → new, in the unit of work of
//! its change; a person's data exported and erased; retention.

use super::*;
use crate::audit;
use serde_json::json;

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pp-audit-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("workspace.sqlite3")
}

/// The workspace of the test file `path` on the backend under test (see
/// `permit_store_postgres::testing`); the test of a blocked SQLite scrub
/// opens its file.
fn open_ws(path: &Path) -> Workspace {
    Workspace::open(Some(&permit_store_postgres::testing::address_for(path))).unwrap()
}

/// Runs `statement` on the workspace behind the service's back (as an
/// older build or another program would), on the backend under test.
fn sql(path: &Path, statement: &str) {
    if permit_store_postgres::testing::on_postgres() {
        permit_store_postgres::testing::admin_client(path)
            .batch_execute(statement)
            .unwrap();
    } else {
        rusqlite::Connection::open(path)
            .unwrap()
            .execute_batch(statement)
            .unwrap();
    }
}

fn view() -> View {
    View {
        lang: Lang::En,
        today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
    }
}

fn ar9() -> serde_json::Value {
    json!({ "format": 1, "applicant": { "name": "Ana Lima", "birth_date": "1991-02-03" },
            "role": "service_provider", "scheme": "pay_limit",
            "employer": { "registered_in_denmark": false, "location": "non_eu" },
            "salary": { "period": "month", "components": [ { "kind": "cash", "amount": "48213.77" } ] },
            "dates": { "planned_submission": "2026-12-10", "job_start": "2027-03-01",
                       "passport_expiry": "2033-07-19" } })
}

/// The newest entry of case `id`.
fn last(ws: &Workspace, id: i64) -> audit::HistoryEntry {
    ws.history(Some(id), None, None, Lang::En).unwrap()[0].clone()
}

fn change<'a>(e: &'a audit::HistoryEntry, field: &str) -> &'a audit::HistoryChange {
    e.changes
        .iter()
        .find(|c| c.field == field)
        .unwrap_or_else(|| panic!("no change of {field} in {e:?}"))
}

fn count(ws: &Workspace) -> usize {
    ws.history(None, None, None, Lang::En).unwrap().len()
}

#[test]
fn create_and_edit_record_who_where_and_each_field_old_to_new() {
    let mut ws = open_ws(&tmp("edit"));
    let c = ws.create("Ana", view()).unwrap();
    let e = last(&ws, c.id);
    assert_eq!(e.action, "create");
    assert_eq!(change(&e, "name").new, json!("Ana"));
    let (user, host) = audit::who();
    // On a team workspace the database names the login, whatever the
    // client's OS user is.
    let user = match ws.store.membership() {
        Some(m) => m.login.clone(),
        None => user,
    };
    assert_eq!(
        (e.actor.as_str(), e.machine.as_str()),
        (user.as_str(), host.as_str())
    );
    assert!(!user.is_empty() && !host.is_empty());

    let c = ws.update(c.id, &ar9(), None, view()).unwrap();
    let e = last(&ws, c.id);
    assert_eq!(e.action, "edit");
    assert_eq!(e.label, "Answers edited");
    assert_eq!(
        change(&e, "salary.components[0].amount").new,
        json!("48213.77")
    );
    assert_eq!(change(&e, "salary.components[0].amount").old, json!(null));

    let mut next = ar9();
    next["salary"]["components"][0]["amount"] = json!("50000");
    ws.update(c.id, &next, Some(&c.updated_at), view()).unwrap();
    let e = last(&ws, c.id);
    assert_eq!(e.fields, ["salary.components[0].amount"]);
    let ch = change(&e, "salary.components[0].amount");
    assert_eq!((&ch.old, &ch.new), (&json!("48213.77"), &json!("50000")));
    assert_eq!(count(&ws), 3);
    assert!(ws.audit_verify(Lang::En).unwrap().problems.is_empty());
}

#[test]
fn a_document_gathered_and_an_own_item_are_their_own_actions() {
    let mut ws = open_ws(&tmp("docs"));
    let c = ws.create("Ana", view()).unwrap();
    let mut s = ar9();
    s["documents"] = json!([{ "id": "employment_contract", "language": "en" }]);
    let c = ws.update(c.id, &s, None, view()).unwrap();
    s["documents"][0]["gathered"] = json!(true);
    let c = ws.update(c.id, &s, Some(&c.updated_at), view()).unwrap();
    let e = last(&ws, c.id);
    assert_eq!(e.action, "document");
    let ch = change(&e, "documents[employment_contract].gathered");
    assert_eq!((&ch.old, &ch.new), (&json!(false), &json!(true)));

    s["documents"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "own": true, "name": "Lease" }));
    ws.update(c.id, &s, Some(&c.updated_at), view()).unwrap();
    let e = last(&ws, c.id);
    assert_eq!(e.action, "own_item");
    assert_eq!(change(&e, "documents[own:Lease].name").new, json!("Lease"));
}

#[test]
fn rename_duplicate_archive_delete_restore_are_recorded() {
    let mut ws = open_ws(&tmp("lifecycle"));
    let c = ws.create("Ana", view()).unwrap();
    ws.update(c.id, &ar9(), None, view()).unwrap();
    ws.rename(c.id, "Ana Lima", view()).unwrap();
    let e = last(&ws, c.id);
    assert_eq!(e.action, "rename");
    let ch = change(&e, "name");
    assert_eq!((&ch.old, &ch.new), (&json!("Ana"), &json!("Ana Lima")));

    let copy = ws.duplicate(c.id, "Next hire", view()).unwrap();
    let e = last(&ws, copy.id);
    assert_eq!(e.action, "duplicate");
    assert_eq!(e.detail, json!({ "from_case": c.id }));

    ws.set_archived(c.id, true).unwrap();
    let e = last(&ws, c.id);
    assert_eq!(e.action, "archive");
    assert_eq!(change(&e, "status").new, json!("archived"));
    ws.set_archived(c.id, false).unwrap();
    assert_eq!(last(&ws, c.id).action, "unarchive");
    ws.delete(c.id).unwrap();
    assert_eq!(last(&ws, c.id).action, "delete");
    ws.undo_delete(c.id).unwrap();
    assert_eq!(last(&ws, c.id).action, "restore");
    assert!(ws.audit_verify(Lang::En).unwrap().problems.is_empty());
}

#[test]
fn a_refused_change_records_nothing_of_the_change() {
    let mut ws = open_ws(&tmp("refused"));
    let c = ws.create("Ana", view()).unwrap();
    let before = count(&ws);
    // A stale edit: refused, nothing written, the refusal (fields only) recorded.
    let c2 = ws
        .update(c.id, &ar9(), Some(&c.updated_at), view())
        .unwrap();
    let mut other = ar9();
    other["applicant"]["name"] = json!("Someone Else");
    let err = ws
        .update(c.id, &other, Some(&c.updated_at), view())
        .unwrap_err();
    assert_eq!(err.kind, "conflict");
    let e = last(&ws, c.id);
    assert_eq!(e.action, "conflict");
    assert!(e.fields.contains(&"applicant.name".to_owned()), "{e:?}");
    assert!(e.changes.iter().all(|c| c.new.is_null()));
    assert_eq!(count(&ws), before + 2);
    assert_eq!(ws.get(c.id, view()).unwrap().updated_at, c2.updated_at);
    // A delete of a case that is not there: no entry.
    assert!(ws.delete(999).is_err());
    assert_eq!(count(&ws), before + 2);
}

#[test]
fn a_template_applied_and_a_replan_are_recorded() {
    let path = tmp("template");
    let mut ws = open_ws(&path);
    ws.template_save("HR", "Contract", Lang::En).unwrap();
    let c = ws.create("Ana", view()).unwrap();
    let c = ws.update(c.id, &ar9(), None, view()).unwrap();
    ws.template_apply("HR", c.id, Some(&c.updated_at), view())
        .unwrap();
    let e = last(&ws, c.id);
    assert_eq!(e.action, "template");
    assert_eq!(e.detail, json!({ "template": "HR" }));
    assert_eq!(
        change(&e, "documents[own:Contract].name").new,
        json!("Contract")
    );

    // A case planned with other rules is re-planned, and that is recorded.
    sql(&path, "UPDATE cases SET rules_version = 'old'");
    ws.refresh_rules(view()).unwrap();
    let e = last(&ws, c.id);
    assert_eq!(e.action, "replan");
    let ch = change(&e, "rules_version");
    assert_eq!(ch.old, json!("old"));
    assert_eq!(ch.new, json!(ws.bundle().version()));
}

fn hires_csv(dir: &Path) -> PathBuf {
    let text: Vec<&str> = include_str!("../../../../examples/hires.csv")
        .lines()
        .take(3)
        .collect();
    let path = dir.join("hires.csv");
    std::fs::write(&path, text.join("\n") + "\n").unwrap();
    path
}

#[test]
fn an_import_records_each_case_new_or_updated_with_file_and_row() {
    let path = tmp("import");
    let mut ws = open_ws(&path);
    let csv = hires_csv(path.parent().unwrap());
    let r = ws
        .import_hires(&csv, &ImportOptions::default(), view())
        .unwrap();
    assert_eq!(r.ids.len(), 2);
    for (id, row) in r.ids.iter().zip([2, 3]) {
        let e = last(&ws, *id);
        assert_eq!(e.action, "import");
        assert_eq!(e.detail["row"], json!(row));
        assert_eq!(e.detail["file"], json!(csv.display().to_string()));
    }
    // Again, updating: each case records the import's changes.
    let mut csv_text = std::fs::read_to_string(&csv).unwrap();
    csv_text = csv_text.replace("\"540.000,00\"", "\"560.000,00\"");
    std::fs::write(&csv, csv_text).unwrap();
    let opts = ImportOptions {
        on_duplicate: OnDuplicate::Update,
        ..Default::default()
    };
    ws.import_hires(&csv, &opts, view()).unwrap();
    let e = last(&ws, r.ids[0]);
    assert_eq!(e.action, "import_update");
    assert!(
        e.changes
            .iter()
            .any(|c| c.new == json!("560000.00") || c.new == json!("560000")),
        "{e:?}"
    );
    // An imported case file.
    let file = path.with_file_name("case.json");
    ws.export_case_file(r.ids[0], &file).unwrap();
    assert_eq!(last(&ws, r.ids[0]).action, "export_case_file");
    let b = ws
        .import_case_file(&file, OnDuplicate::New, view())
        .unwrap();
    assert_eq!(last(&ws, b.id).action, "import");
    assert!(ws.audit_verify(Lang::En).unwrap().problems.is_empty());
}

#[test]
fn every_export_of_personal_data_is_recorded() {
    let path = tmp("exports");
    let mut ws = open_ws(&path);
    let c = ws.create("Ana", view()).unwrap();
    ws.update(c.id, &ar9(), None, view()).unwrap();
    let pdf = path.with_file_name("a.pdf");
    ws.export_pdf(c.id, &pdf, view()).unwrap();
    let e = last(&ws, c.id);
    assert_eq!(e.action, "export_pdf");
    assert_eq!(e.detail["path"], json!(pdf.display().to_string()));
    ws.export_ics(Some(&[c.id]), None, &path.with_file_name("c.ics"), view())
        .unwrap();
    assert_eq!(last(&ws, c.id).action, "export_ics");
    ws.batch_export(
        Some(&[c.id]),
        None,
        &path.with_file_name("out"),
        view(),
        permit_files::Replace::No,
        |_, _| {},
        &AtomicBool::new(false),
    )
    .unwrap();
    assert_eq!(last(&ws, c.id).action, "export_batch");
    // A refused export writes nothing and records nothing.
    let n = count(&ws);
    assert!(ws
        .export_pdf(c.id, ws.store.location().to_owned().as_path(), view())
        .is_err());
    assert_eq!(count(&ws), n);
}

#[test]
fn history_is_newest_first_and_filtered_by_case_and_day() {
    let mut ws = open_ws(&tmp("history"));
    let a = ws.create("A", view()).unwrap();
    let b = ws.create("B", view()).unwrap();
    ws.rename(a.id, "A2", view()).unwrap();
    let all = ws.history(None, None, None, Lang::Da).unwrap();
    assert_eq!(
        all.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
        ["rename", "create", "create"]
    );
    assert_eq!(all[0].label, "Omdøbt");
    assert_eq!(
        ws.history(Some(b.id), None, None, Lang::En).unwrap().len(),
        1
    );
    let today = chrono::Utc::now().date_naive();
    assert_eq!(
        ws.history(None, Some(today), Some(today), Lang::En)
            .unwrap()
            .len(),
        3
    );
    assert!(ws
        .history(None, today.succ_opt(), None, Lang::En)
        .unwrap()
        .is_empty());
}

/// Whether any of the workspace's files holds `needle`.
/// The files of the workspace file `path` (and its -wal/-shm) holding `needle`.
fn left_in_file(path: &Path, needle: &str) -> Vec<PathBuf> {
    permit_files::workspace_files(path)
        .into_iter()
        .filter(|f| {
            std::fs::read(f)
                .unwrap_or_default()
                .windows(needle.len())
                .any(|w| w == needle.as_bytes())
        })
        .collect()
}

/// Where `needle` is still stored: the workspace file and its -wal/-shm; on
/// a team workspace, the rows of its cases and audit trail (the server's
/// own storage is its administrators', docs/team.md).
fn left_in(path: &Path, needle: &str) -> Vec<PathBuf> {
    if permit_store_postgres::testing::on_postgres() {
        let found: bool = permit_store_postgres::testing::admin_client(path)
            .query_one(
                "SELECT EXISTS (SELECT 1 FROM cases c WHERE strpos(c::text, $1) > 0) \
                 OR EXISTS (SELECT 1 FROM audit_log l WHERE strpos(l::text, $1) > 0) \
                 OR EXISTS (SELECT 1 FROM audit_values v WHERE strpos(v::text, $1) > 0) \
                 OR EXISTS (SELECT 1 FROM templates t WHERE strpos(t::text, $1) > 0)",
                &[&needle],
            )
            .unwrap()
            .get(0);
        return if found {
            vec![PathBuf::from("the server's rows")]
        } else {
            vec![]
        };
    }
    permit_files::workspace_files(path)
        .into_iter()
        .filter(|f| {
            std::fs::read(f)
                .unwrap_or_default()
                .windows(needle.len())
                .any(|w| w == needle.as_bytes())
        })
        .collect()
}

#[test]
fn a_person_exported_then_erased_leaves_no_byte_and_the_chain_verifies() {
    let path = tmp("erase");
    let mut ws = open_ws(&path);
    let keep = ws.create("Bo Berg", view()).unwrap();
    let c = ws.create("Ana Lima, researcher", view()).unwrap();
    let c = ws.update(c.id, &ar9(), None, view()).unwrap();
    let mut s = ar9();
    s["salary"]["components"][0]["amount"] = json!("51234.56");
    // Not accepted: kept as typed in the case's draft.
    s["dates"]["job_end"] = json!("77ZZ");
    let c = ws.update(c.id, &s, Some(&c.updated_at), view()).unwrap();
    assert!(c.draft.is_some());
    ws.rename(c.id, "Ana Lima (AR9)", view()).unwrap();
    ws.export_pdf(c.id, &path.with_file_name("ana.pdf"), view())
        .unwrap();

    let out = path.with_file_name("ana-data.json");
    let (json_file, pdf_file) = ws.person_export(c.id, &out, false, view()).unwrap();
    let data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json_file.path).unwrap()).unwrap();
    assert_eq!(data["case"]["name"], json!("Ana Lima (AR9)"));
    assert_eq!(
        data["situation"]["dates"]["passport_expiry"],
        json!("2033-07-19")
    );
    assert!(data["history"].as_array().unwrap().len() >= 4);
    assert!(std::fs::read(&pdf_file.path).unwrap().starts_with(b"%PDF-"));
    assert_eq!(last(&ws, c.id).action, "export_person");
    use std::os::unix::fs::PermissionsExt;
    for f in [&json_file.path, &pdf_file.path] {
        let mode = std::fs::metadata(f).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{f}");
    }
    let secrets = [
        "Ana Lima",
        "2033-07-19",
        "48213.77",
        "51234.56",
        "1991-02-03",
        "77ZZ",
    ];
    for s in secrets {
        assert!(
            !left_in(&path, s).is_empty(),
            "{s} is in the workspace before"
        );
    }

    let r = ws.person_erase(c.id).unwrap();
    assert!(r.entries_cleared >= 5, "{r:?}");
    assert!(ws.get(c.id, view()).is_err());
    let hist = ws.history(Some(c.id), None, None, Lang::En).unwrap();
    assert_eq!(hist[0].action, "erased");
    assert!(hist[1..].iter().all(|e| e.erased && e.changes.is_empty()));
    let report = ws.audit_verify(Lang::En).unwrap();
    assert!(report.problems.is_empty(), "{report:?}");
    for s in secrets {
        assert_eq!(left_in(&path, s), Vec::<PathBuf>::new(), "{s}");
    }
    // The other case is untouched.
    assert_eq!(ws.get(keep.id, view()).unwrap().name, "Bo Berg");
    drop(ws);
    for s in secrets {
        assert_eq!(left_in(&path, s), Vec::<PathBuf>::new(), "{s} after close");
    }
    let ws = open_ws(&path);
    assert!(ws.audit_verify(Lang::En).unwrap().problems.is_empty());
}

#[test]
fn an_erasure_whose_scrub_was_blocked_is_scrubbed_at_the_next_open() {
    let path = tmp("erase-blocked");
    let mut ws = Workspace::open(Some(&path)).unwrap();
    // The app stays open on the file meanwhile (so no close checkpoints it).
    let app = rusqlite::Connection::open(&path).unwrap();
    app.query_row("SELECT count(*) FROM cases", [], |r| r.get::<_, i64>(0))
        .unwrap();
    let c = ws.create("Ana Lima", view()).unwrap();
    ws.update(c.id, &ar9(), None, view()).unwrap();
    // Another program reads the file: its open read transaction blocks the
    // checkpoint, so the erased bytes stay in the -wal for now.
    let reader = rusqlite::Connection::open(&path).unwrap();
    reader
        .execute_batch("BEGIN; SELECT count(*) FROM cases;")
        .unwrap();
    assert_eq!(ws.person_erase(c.id).unwrap_err().kind, "locked");
    assert!(
        ws.get(c.id, view()).is_err(),
        "the erasure itself is committed"
    );
    assert!(!left_in_file(&path, "2033-07-19").is_empty());
    drop(reader);
    drop(ws);
    let ws = Workspace::open(Some(&path)).unwrap();
    for s in ["Ana Lima", "2033-07-19", "48213.77"] {
        assert_eq!(left_in_file(&path, s), Vec::<PathBuf>::new(), "{s}");
    }
    assert!(ws.audit_verify(Lang::En).unwrap().problems.is_empty());
    drop(app);
}

#[test]
fn deleted_cases_are_purged_after_the_retention_period_at_open_and_audited() {
    let path = tmp("retention");
    let mut ws = open_ws(&path);
    assert_eq!(
        ws.retention_days().unwrap(),
        permit_core::policy::DELETED_RETENTION_DAYS
    );
    let refused = ws.set_retention_days(0, Lang::Da).unwrap_err();
    assert_eq!(refused.kind, "invalid_input");
    assert_eq!(refused.lang, Some(Lang::Da));
    let old = ws.create("Old", view()).unwrap();
    let recent = ws.create("Recent", view()).unwrap();
    ws.delete(old.id).unwrap();
    ws.delete(recent.id).unwrap();
    drop(ws);
    // `Old` was deleted 31 days ago, `Recent` 29.
    let ago = |days: i64| {
        (chrono::Utc::now() - chrono::Duration::days(days))
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
    };
    sql(
        &path,
        &format!(
            "UPDATE cases SET deleted_at = '{}' WHERE id = {}; \
             UPDATE cases SET deleted_at = '{}' WHERE id = {}",
            ago(31),
            old.id,
            ago(29),
            recent.id
        ),
    );
    let mut ws = open_ws(&path);
    assert!(ws.get(old.id, view()).is_err());
    assert!(ws.store.get_case(recent.id).unwrap().deleted);
    let e = last(&ws, old.id);
    assert_eq!(e.action, "purge");
    assert_eq!(e.detail["retention_days"], json!(30));
    // A shorter period set in Settings purges `Recent` too.
    assert_eq!(ws.set_retention_days(7, Lang::En).unwrap(), 7);
    assert_eq!(ws.purge_expired().unwrap(), 1);
    assert_eq!(last(&ws, recent.id).action, "purge");
    assert_eq!(ws.purge_expired().unwrap(), 0);
    assert!(ws.audit_verify(Lang::En).unwrap().problems.is_empty());
}

/// `changes` as first written: both sides flattened whole, then compared.
fn changes_flattening_both_whole(old: &Value, new: &Value) -> Vec<AuditChange> {
    let (mut a, mut b) = (BTreeMap::new(), BTreeMap::new());
    super::flatten(old, "", &mut a);
    super::flatten(new, "", &mut b);
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter_map(|k| {
            let (x, y) = (a.get(k), b.get(k));
            (x != y).then(|| AuditChange {
                field: k.clone(),
                old: x.cloned().unwrap_or(Value::Null),
                new: y.cloned().unwrap_or(Value::Null),
            })
        })
        .collect()
}

/// A small deterministic generator of JSON values (a linear congruential
/// sequence), with the awkward cases: members named with `.` and `[`,
/// array elements sharing an id or a name, nulls, empty lists.
struct Gen(u64);

impl Gen {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }

    fn value(&mut self, depth: u32) -> Value {
        const KEYS: [&str; 8] = ["a", "b", "c", "d.e", "f[g", "id", "name", "a.b"];
        match self.next(if depth == 0 { 4 } else { 7 }) {
            0 => Value::Null,
            1 => json!(self.next(3) == 0),
            2 => json!(self.next(4)),
            3 => json!(["x", "y", "a.b"][self.next(3) as usize]),
            4 | 5 => {
                let mut m = serde_json::Map::new();
                for _ in 0..self.next(5) {
                    // Mostly plain members, sometimes an awkward one.
                    let awkward = self.next(4) == 0;
                    let k = KEYS[self.next(if awkward { 8 } else { 3 }) as usize];
                    m.insert(k.into(), self.value(depth - 1));
                }
                Value::Object(m)
            }
            _ => Value::Array((0..self.next(4)).map(|_| self.value(depth - 1)).collect()),
        }
    }

    /// `v` with some of its parts changed, added or removed.
    fn edit(&mut self, v: &Value, depth: u32) -> Value {
        match (v, self.next(5)) {
            (_, 0) => self.value(depth),
            (Value::Object(m), _) => {
                let mut out = serde_json::Map::new();
                for (k, x) in m {
                    if self.next(8) != 0 {
                        out.insert(k.clone(), self.edit(x, depth.saturating_sub(1)));
                    }
                }
                if self.next(4) == 0 {
                    out.insert("c".into(), self.value(depth.saturating_sub(1)));
                }
                Value::Object(out)
            }
            (Value::Array(xs), _) => Value::Array(
                xs.iter()
                    .map(|x| self.edit(x, depth.saturating_sub(1)))
                    .collect(),
            ),
            _ => v.clone(),
        }
    }
}

#[test]
fn the_diff_that_leaves_out_equal_parts_finds_exactly_what_flattening_both_whole_finds() {
    let mut g = Gen(20261208);
    let mut differing = 0;
    for _ in 0..20_000 {
        let old = g.value(4);
        let new = g.edit(&old, 4);
        let fast = changes(&old, &new);
        assert_eq!(
            fast,
            changes_flattening_both_whole(&old, &new),
            "{old} → {new}"
        );
        differing += usize::from(!fast.is_empty());
    }
    // The generator made real edits, not only equal pairs.
    assert!(differing > 5_000, "{differing}");
    // A situation's edit: one answer among many.
    let before = ar9();
    let mut after = before.clone();
    after["salary"]["components"][0]["amount"] = json!("47000");
    assert_eq!(
        changes(&before, &after),
        changes_flattening_both_whole(&before, &after)
    );
}
