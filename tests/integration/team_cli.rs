//! `permit-packet team …` and `--store postgres://…` end to end, against a
//! real PostgreSQL server: an admin sets up the workspace and two
//! organisations' officers; each officer's commands see only their
//! organisation's cases. Ignored without a server; `scripts/test.sh`
//! (step postgres_suite) runs it under pg_virtualenv, where it must pass.

use std::io::Write as _;
use std::process::{Command, Stdio};

use permit_store_postgres::testing::{admin_url, in_schema};
use permit_store_postgres::Address;

use crate::Tmp;

fn run(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_permit-packet"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .env_remove("PGPASSWORD")
        .env(permit_keys::PASSPHRASE_FILE_ENV, crate::key_file())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
#[ignore = "needs a PostgreSQL server: scripts/test.sh runs it under pg_virtualenv"]
fn an_admin_sets_up_a_team_and_each_officer_sees_only_their_organisation() {
    let tmp = Tmp::new("team-cli");
    let pid = std::process::id();
    let schema = format!("cli_{pid}");
    let server = Address::parse(&admin_url()).unwrap();
    let mut admin_client = server.connect().unwrap();
    admin_client
        .batch_execute(&format!(
            "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"
        ))
        .unwrap();
    let admin = in_schema(&admin_url(), &schema);

    let (code, out, err) = run(&["team", "init", "--store", &admin], "");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("from version 0 to"), "{out}");
    let (code, out, _) = run(&["team", "init", "--store", &admin], "");
    assert_eq!(code, 0);
    assert!(out.contains("nothing changed"), "{out}");

    let anna = format!("anna_{pid}");
    let bo = format!("bo_{pid}");
    let (code, out, err) = run(
        &[
            "team",
            "add-officer",
            &anna,
            "--org",
            "Org A",
            "--store",
            &admin,
        ],
        "pw-anna\n",
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("officer of Org A"), "{out}");
    let pwfile = tmp.path("bo.pw");
    std::fs::write(&pwfile, "pw-bo\n").unwrap();
    let (code, _, err) = run(
        &[
            "team",
            "add-officer",
            &bo,
            "--org",
            "Org B",
            "--password-file",
            pwfile.to_str().unwrap(),
            "--store",
            &admin,
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    // An empty password is refused, nothing added.
    let (code, _, err) = run(
        &[
            "team",
            "add-officer",
            "nobody_x",
            "--org",
            "Org A",
            "--store",
            &admin,
        ],
        "",
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("password is empty"), "{err}");
    let (code, out, _) = run(&["team", "list", "--store", &admin], "");
    assert_eq!(code, 0);
    assert!(
        out.contains(&anna) && out.contains(&bo) && out.contains("2 member(s)"),
        "{out}"
    );
    // In Danish (issue 26): the headings and the count from the catalogue.
    let (code, out, _) = run(&["team", "list", "--store", &admin, "--lang", "da"], "");
    assert_eq!(code, 0);
    assert!(
        out.contains("ROLLE") && out.contains("TILFØJET") && out.contains("2 medlem(mer)"),
        "{out}"
    );

    let url = |login: &str, pw: &str| {
        in_schema(
            &format!(
                "postgres://{login}:{pw}@{}/{}?sslmode=disable",
                server.host_for_url(),
                server.dbname()
            ),
            &schema,
        )
    };
    let anna_url = url(&anna, "pw-anna");
    let bo_url = url(&bo, "pw-bo");
    let (code, out, err) = run(
        &[
            "import",
            "examples/hires.csv",
            "--valid-rows",
            "--store",
            &anna_url,
        ],
        "",
    );
    assert!(code == 0 || code == 1, "{out}{err}");
    let (code, anna_list, err) = run(&["cases", "--store", &anna_url], "");
    assert_eq!(code, 0, "{err}");
    assert!(anna_list.lines().count() > 2, "{anna_list}");
    let (code, bo_list, err) = run(&["cases", "--store", &bo_url], "");
    assert_eq!(code, 0, "{err}");
    for line in anna_list.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let id = line.split_whitespace().next().unwrap();
        if id.parse::<i64>().is_ok() {
            assert!(
                !bo_list
                    .lines()
                    .any(|l| l.split_whitespace().next() == Some(id)),
                "org B sees org A's case {id}:\n{bo_list}"
            );
        }
    }

    // A laptop workspace copied into org A: all of it, and again nothing twice.
    let laptop = tmp.path("laptop.sqlite3");
    let laptop_s = laptop.to_str().unwrap();
    let (code, out, err) = run(
        &[
            "import",
            "examples/hires.csv",
            "--valid-rows",
            "--store",
            laptop_s,
        ],
        "",
    );
    assert!(code == 0 || code == 1, "{out}{err}");
    let (_, laptop_list, _) = run(&["cases", "--store", laptop_s], "");
    let on_laptop = case_ids(&laptop_list).len();
    assert!(on_laptop > 0, "{laptop_list}");
    let before = std::fs::read(&laptop).unwrap();
    let (code, out, err) = run(
        &[
            "team", "import", laptop_s, "--org", "Org A", "--store", &admin,
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(&format!("{on_laptop} case(s) copied")),
        "{out}"
    );
    let (code, out, err) = run(
        &[
            "team", "import", laptop_s, "--org", "Org A", "--store", &admin,
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(&format!(
            "0 case(s) copied into Org A, {on_laptop} already there"
        )),
        "{out}"
    );
    assert_eq!(
        std::fs::read(&laptop).unwrap(),
        before,
        "the laptop file changed"
    );
    let (_, anna_after, _) = run(&["cases", "--store", &anna_url], "");
    assert_eq!(
        case_ids(&anna_after).len(),
        case_ids(&anna_list).len() + on_laptop
    );
    // An officer may not copy cases in.
    let (code, _, err) = run(
        &[
            "team", "import", laptop_s, "--org", "Org A", "--store", &anna_url,
        ],
        "",
    );
    assert_eq!(code, 3, "{err}");

    // An auditor reads the organisation's cases and changes nothing.
    let ida = format!("ida_{pid}");
    let (code, _, err) = run(
        &[
            "team",
            "add-officer",
            &ida,
            "--org",
            "Org A",
            "--role",
            "auditor",
            "--store",
            &admin,
        ],
        "pw-ida\n",
    );
    assert_eq!(code, 0, "{err}");
    let ida_url = url(&ida, "pw-ida");
    let (code, ida_list, err) = run(&["cases", "--store", &ida_url], "");
    assert_eq!(code, 0, "{err}");
    assert_eq!(case_ids(&ida_list), case_ids(&anna_after));
    let (code, _, err) = run(
        &[
            "import",
            "examples/hires.csv",
            "--valid-rows",
            "--store",
            &ida_url,
        ],
        "",
    );
    assert_eq!(code, 3, "an auditor imported: {err}");

    // Org A out to a new file of its own, 0600; never over a file.
    let out_file = tmp.path("org-a.sqlite3");
    let out_s = out_file.to_str().unwrap();
    let (code, out, err) = run(
        &["team", "export", "--org", "Org A", out_s, "--store", &admin],
        "",
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(&format!("{} case(s)", case_ids(&anna_after).len())),
        "{out}"
    );
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out_file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{mode:o}");
    }
    let (code, exported, err) = run(&["cases", "--store", out_s], "");
    assert_eq!(code, 0, "{err}");
    assert_eq!(case_ids(&exported).len(), case_ids(&anna_after).len());
    let (code, _, err) = run(
        &["team", "export", "--org", "Org A", out_s, "--store", &admin],
        "",
    );
    assert_ne!(code, 0, "an export over a file: {err}");

    // A wrong password: exit 3, the server named, no password shown.
    let (code, _, err) = run(&["cases", "--store", &url(&anna, "nope-wrong")], "");
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("refused the login"), "{err}");
    assert!(!err.contains("nope-wrong"), "{err}");

    // Removed: can no longer sign in.
    let (code, out, err) = run(&["team", "remove-officer", &bo, "--store", &admin], "");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("removed"), "{out}");
    let (code, _, err) = run(&["cases", "--store", &bo_url], "");
    assert_eq!(code, 3, "{err}");
}

/// The case ids of a `cases` listing.
fn case_ids(listing: &str) -> Vec<i64> {
    listing
        .lines()
        .filter_map(|l| l.split_whitespace().next()?.parse().ok())
        .collect()
}

/// The app's "Connect to a team workspace…" (src-tauri/team_connect.rs)
/// against the real server: a wrong password is refused naming the server
/// and remembers nothing; the right one opens the officer's organisation
/// and remembers the address without its password; "Use this computer's
/// workspace" forgets it.
#[test]
#[ignore = "needs a PostgreSQL server: scripts/test.sh runs it under pg_virtualenv"]
fn the_app_connects_with_the_password_given_and_remembers_only_the_address() {
    use permit_core::Lang;
    use permit_packet::team_connect::{connect, disconnect, open_remembered, remembered_in};
    use permit_store_postgres::testing::{fresh_schema, officer};
    let tmp = Tmp::new("team-connect");
    let pid = std::process::id();
    let (schema, admin_here) = fresh_schema(&format!("{pid}-app-connect"));
    let url = officer(
        &admin_here,
        &schema,
        &format!("app_{pid}"),
        "Org App",
        "officer",
    );
    let bare = permit_store_postgres::conn::without_password(&url);
    let password = url
        .split_once("://")
        .and_then(|(_, rest)| rest.split_once('@'))
        .and_then(|(user, _)| user.split_once(':'))
        .map(|(_, pw)| pw.to_owned())
        .unwrap();
    let host = Address::parse(&bare).unwrap().host_for_url();
    let file = tmp.path("data").join("team-workspace.json");

    for lang in [Lang::En, Lang::Da] {
        let Err(e) = connect(&file, &bare, Some("not-the-password"), false, lang) else {
            panic!("connected with a wrong password")
        };
        assert_eq!(e.kind, "unreachable", "{e:?}");
        assert!(e.message.contains(&host), "{e:?}");
        assert!(!e.message.contains("not-the-password"), "{e:?}");
        assert!(!file.exists());
    }

    let (ws, connected) = connect(&file, &bare, Some(&password), false, Lang::En).unwrap();
    let team = connected.info.team.clone().unwrap();
    assert_eq!(team.organisation, "Org App");
    assert_eq!(team.login, format!("app_{pid}"));
    assert!(!connected.password_kept);
    drop(ws);
    assert_eq!(remembered_in(&file).as_deref(), Some(bare.as_str()));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(!text.contains(&password), "{text}");

    disconnect(&file).unwrap();
    assert!(open_remembered(&file).is_none());
}
