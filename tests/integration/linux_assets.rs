//! The files under `assets/linux/` that are made, not written: the man
//! pages and shell completions, from the same clap definition the program
//! reads its arguments with (`permit_packet::cli_args::command`), and the
//! gzipped Debian changelog, from `assets/linux/changelog`. The .deb
//! installs them (tauri.conf.json); the tests fail when one is missing,
//! stale or left over. To write them:
//!
//! ```sh
//! PERMIT_PACKET_WRITE_ASSETS=1 cargo test --test integration linux_assets
//! ```
//!
//! Man pages and the changelog are stored gzipped (`gzip -9`, as Debian
//! installs them) and compared by their text.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use clap_complete::Shell;
use permit_core::Lang;
use permit_packet::cli_args;
use roff::{bold, italic, roman, Roff};

const MAN_DIR: &str = "assets/linux/man";
const COMPLETIONS_DIR: &str = "assets/linux/completions";
const CHANGELOG: &str = "assets/linux/changelog";
const WRITE: &str = "PERMIT_PACKET_WRITE_ASSETS";

fn repo(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

/// `cmd` and its subcommands without clap's `help` subcommand (every
/// command's `--help` says the same).
fn without_help_command(cmd: clap::Command) -> clap::Command {
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    let mut cmd = cmd.disable_help_subcommand(true);
    for n in names {
        cmd = cmd.mut_subcommand(n, without_help_command);
    }
    cmd
}

fn section(r: &mut Roff, title: &str) {
    r.control("SH", [title]);
}

/// A paragraph, then a command shown as typed, indented.
fn example(r: &mut Roff, what: &str, command: &str) {
    r.control("PP", []);
    r.text([roman(format!("{what}:"))]);
    r.control("RS", ["4"]);
    r.control("nf", []);
    r.text([bold(command)]);
    r.control("fi", []);
    r.control("RE", []);
}

fn see_also(r: &mut Roff, pages: &[String]) {
    section(r, "SEE ALSO");
    let mut inlines = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        if i > 0 {
            inlines.push(roman(", "));
        }
        let (name, sect) = p.split_once('(').unwrap_or((p, ""));
        inlines.push(bold(name));
        inlines.push(roman(format!("({sect}")));
    }
    r.text(inlines);
}

fn files_and_environment(r: &mut Roff, desktop: bool) {
    section(r, "FILES");
    r.control("TP", []);
    r.text([italic("~/.local/share/permit-packet/workspace.sqlite3")]);
    r.text([roman(
        "The workspace: every case, in one SQLite file shared by the desktop app and the \
         command line (private to the user). Under $XDG_DATA_HOME/permit-packet/ when that is set.",
    )]);
    r.control("TP", []);
    r.text([italic("~/.local/share/permit-packet/rules/")]);
    r.text([roman(
        "Installed signed rules bundles; the newest valid one newer than the built-in rules is in force.",
    )]);
    r.control("TP", []);
    r.text([italic("/usr/share/doc/permit-packet/")]);
    r.text([roman("The licences.")]);
    section(r, "ENVIRONMENT");
    r.control("TP", []);
    r.text([bold("XDG_DATA_HOME")]);
    r.text([roman("Where the data folder is (default ~/.local/share).")]);
    if desktop {
        for (name, what) in [
            (
                "PERMIT_PACKET_WORKSPACE",
                "The workspace file to open instead of the one in the data folder.",
            ),
            (
                "PERMIT_PACKET_NO_REMINDERS",
                "Set: no deadline notifications.",
            ),
            ("PERMIT_PACKET_GPU", "1: let WebKitGTK use GPU compositing."),
        ] {
            r.control("TP", []);
            r.text([bold(name)]);
            r.text([roman(what)]);
        }
    }
}

fn source() -> String {
    format!("permit-packet {}", env!("CARGO_PKG_VERSION"))
}

/// The newest entry of the Debian changelog: its version, its signature
/// (`Name <address>`) and its day.
fn latest_release() -> (String, String, chrono::NaiveDate) {
    let text = std::fs::read_to_string(repo(CHANGELOG)).unwrap();
    let first = text.lines().next().unwrap();
    let version = first
        .split_once(" (")
        .and_then(|(_, rest)| rest.split_once(')'))
        .map(|(v, _)| v.to_owned())
        .unwrap_or_else(|| panic!("{CHANGELOG}: no version in `{first}`"));
    let trailer = text
        .lines()
        .find_map(|l| l.strip_prefix(" -- "))
        .unwrap_or_else(|| panic!("{CHANGELOG}: no ` -- ` line"));
    let (who, when) = trailer.split_once("  ").unwrap();
    let when = chrono::DateTime::parse_from_rfc2822(when)
        .unwrap_or_else(|e| panic!("{CHANGELOG}: `{when}`: {e}"));
    (version, who.to_owned(), when.date_naive())
}

/// A man page's header: the date of the newest release.
fn man(cmd: clap::Command) -> clap_mangen::Man {
    clap_mangen::Man::new(cmd)
        .source(source())
        .manual("Permit Packet")
        .date(latest_release().2.to_string())
}

const PREAMBLE: &str = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";

/// Pieces of roff, each rendered with the same preamble, as one page with
/// the preamble once.
fn page(parts: Vec<Vec<u8>>) -> String {
    let mut out = PREAMBLE.to_owned();
    for p in parts {
        let p = String::from_utf8(p).unwrap();
        out.push_str(p.strip_prefix(PREAMBLE).unwrap_or(&p));
    }
    out
}

/// `render` into a fresh buffer.
fn part(render: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> Vec<u8> {
    let mut out = Vec::new();
    render(&mut out).unwrap();
    out
}

/// The man page of `cmd` (a built command of the tree), `path` its words
/// below `permit-packet`.
fn man_page(cmd: &clap::Command, path: &[&str]) -> String {
    let m = man(cmd.clone());
    let mut parts = vec![
        part(|o| m.render_title(o)),
        part(|o| m.render_name_section(o)),
        part(|o| m.render_synopsis_section(o)),
        part(|o| m.render_description_section(o)),
        part(|o| m.render_options_section(o)),
    ];
    if cmd.has_subcommands() {
        parts.push(part(|o| m.render_subcommands_section(o)));
    }
    let mut r = Roff::new();
    let examples = cli_args::examples(&path.join(" "), Lang::En);
    if !examples.is_empty() {
        section(&mut r, "EXAMPLES");
        for (what, command) in &examples {
            example(&mut r, what, command);
        }
    }
    section(&mut r, "EXIT STATUS");
    for (code, what) in cli_args::exit_codes(Lang::En) {
        r.control("TP", []);
        r.text([bold(code.as_str())]);
        r.text([roman(what.as_str())]);
    }
    let mut also: Vec<String> = Vec::new();
    if path.is_empty() {
        files_and_environment(&mut r, false);
        for s in cmd.get_subcommands() {
            also.push(format!("permit-packet-{}(1)", s.get_name()));
        }
        also.push("permit-packet-desktop(1)".into());
    } else {
        also.push("permit-packet(1)".into());
        if path.len() > 1 {
            also.push(format!(
                "permit-packet-{}(1)",
                path[..path.len() - 1].join("-")
            ));
        }
    }
    see_also(&mut r, &also);
    parts.push(part(|o| r.to_writer(o)));
    page(parts)
}

fn desktop_page() -> String {
    let m = man(cli_args::desktop_command());
    let mut r = Roff::new();
    files_and_environment(&mut r, true);
    see_also(&mut r, &["permit-packet(1)".to_owned()]);
    page(vec![
        part(|o| m.render_title(o)),
        part(|o| m.render_name_section(o)),
        part(|o| m.render_synopsis_section(o)),
        part(|o| m.render_description_section(o)),
        part(|o| m.render_options_section(o)),
        part(|o| r.to_writer(o)),
    ])
}

fn walk(cmd: &clap::Command, path: &mut Vec<String>, pages: &mut BTreeMap<String, String>) {
    let words: Vec<&str> = path.iter().map(String::as_str).collect();
    let name = std::iter::once("permit-packet")
        .chain(words.iter().copied())
        .collect::<Vec<_>>()
        .join("-");
    pages.insert(format!("{name}.1"), man_page(cmd, &words));
    for sub in cmd.get_subcommands() {
        path.push(sub.get_name().to_owned());
        walk(sub, path, pages);
        path.pop();
    }
}

/// Every man page (file name without `.gz` → text).
fn man_pages() -> BTreeMap<String, String> {
    let mut cmd = without_help_command(cli_args::command());
    cmd.build();
    let mut pages = BTreeMap::new();
    walk(&cmd, &mut Vec::new(), &mut pages);
    pages.insert("permit-packet-desktop.1".into(), desktop_page());
    pages
}

/// The completion scripts (file name → text), named as Debian's
/// bash-completion, zsh and fish look them up.
///
/// clap_complete's bash script completes nothing after a subcommand when
/// the program's name has a hyphen (clap-rs/clap#6421: its states are
/// spelled two ways, `permit__packet__subcmd__cases` and
/// `permit__subcmd__packet__subcmd__cases`); made for `permit_packet`, it
/// is consistent, and only the name it registers for changes back.
fn completions() -> BTreeMap<String, String> {
    [
        (Shell::Bash, "permit-packet"),
        (Shell::Zsh, "_permit-packet"),
        (Shell::Fish, "permit-packet.fish"),
    ]
    .into_iter()
    .map(|(shell, file)| {
        let mut cmd = cli_args::command();
        let mut out = Vec::new();
        let name = if shell == Shell::Bash {
            "permit_packet"
        } else {
            "permit-packet"
        };
        clap_complete::generate(shell, &mut cmd, name, &mut out);
        let mut text = String::from_utf8(out).unwrap();
        if shell == Shell::Bash {
            let register = "-o default permit_packet\n";
            assert_eq!(text.matches(register).count(), 2, "{text}");
            text = text.replace(register, "-o default permit-packet\n");
        }
        (file.to_owned(), text)
    })
    .collect()
}

/// Completes `words` (the last one being typed) with the bash script, as
/// bash would on Tab.
fn bash_complete(words: &[&str]) -> Vec<String> {
    let script = repo(&format!("{COMPLETIONS_DIR}/permit-packet"));
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let program = format!(
        "source '{}'\n\
         COMP_WORDS=({})\n\
         COMP_CWORD={}\n\
         COMP_LINE=\"${{COMP_WORDS[*]}}\"\n\
         COMP_POINT=${{#COMP_LINE}}\n\
         f=$(complete -p permit-packet | sed -E 's/.* -F ([^ ]+) .*/\\1/')\n\
         \"$f\" permit-packet '{}' '{}'\n\
         printf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        script.display(),
        quoted.join(" "),
        words.len() - 1,
        words[words.len() - 1],
        words[words.len() - 2],
    );
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(&program)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// In bash, Tab offers the commands, a command's options and an option's
/// values (the generated script works for a program named with a hyphen).
#[test]
fn bash_completes_commands_options_and_values() {
    let commands = bash_complete(&["permit-packet", ""]);
    assert!(commands.contains(&"cases".to_owned()), "{commands:?}");
    let options = bash_complete(&["permit-packet", "import", "--"]);
    assert!(
        options.contains(&"--on-duplicate".to_owned()),
        "{options:?}"
    );
    assert!(!options.contains(&"--format".to_owned()), "{options:?}");
    let groups = bash_complete(&["permit-packet", "cases", "--ready", ""]);
    let all: Vec<String> = permit_core::digest::Readiness::ALL
        .iter()
        .map(|r| r.id().to_owned())
        .collect();
    assert_eq!(groups, all);
    let nested = bash_complete(&["permit-packet", "rules", "export", "--"]);
    assert!(nested.contains(&"--force".to_owned()), "{nested:?}");
}

fn gzip(text: &str) -> Vec<u8> {
    // No name and no time in the header: the same text, the same bytes.
    let mut gz = flate2::GzBuilder::new().write(Vec::new(), flate2::Compression::best());
    gz.write_all(text.as_bytes()).unwrap();
    gz.finish().unwrap()
}

fn gunzip(bytes: &[u8]) -> String {
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_string(&mut text)
        .unwrap();
    text
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Writes the generated files (with `PERMIT_PACKET_WRITE_DOCS` set), else
/// lists every file that is missing, different or not generated any more.
fn write_or_compare(
    dir: &str,
    files: &BTreeMap<String, String>,
    stored: impl Fn(&str) -> String,
    store: impl Fn(&str) -> Vec<u8>,
) -> Vec<String> {
    let dir = repo(dir);
    let write = std::env::var_os(WRITE).is_some();
    if write {
        std::fs::create_dir_all(&dir).unwrap();
    }
    let mut stale = Vec::new();
    let mut expected = Vec::new();
    for (name, text) in files {
        let file_name = stored(name);
        let path = dir.join(&file_name);
        expected.push(file_name.clone());
        let current = std::fs::read(&path).ok();
        let same = current.as_deref().map(|b| {
            if file_name.ends_with(".gz") {
                gunzip(b) == *text
            } else {
                b == text.as_bytes()
            }
        });
        if same != Some(true) {
            if write {
                std::fs::write(&path, store(text)).unwrap();
            } else {
                stale.push(format!("{}: missing or not current", path.display()));
            }
        }
    }
    for name in files_in(&dir) {
        if !expected.contains(&name) {
            if write {
                std::fs::remove_file(dir.join(&name)).unwrap();
            } else {
                stale.push(format!(
                    "{}: not generated any more",
                    dir.join(&name).display()
                ));
            }
        }
    }
    stale
}

#[test]
fn man_pages_and_completions_are_current() {
    let pages = man_pages();
    let mut stale = write_or_compare(MAN_DIR, &pages, |n| format!("{n}.gz"), gzip);
    stale.extend(write_or_compare(
        COMPLETIONS_DIR,
        &completions(),
        str::to_owned,
        |t| t.as_bytes().to_vec(),
    ));
    let changelog = std::fs::read_to_string(repo(CHANGELOG)).unwrap();
    let gz = repo(&format!("{CHANGELOG}.gz"));
    if std::fs::read(&gz).ok().map(|b| gunzip(&b)) != Some(changelog.clone()) {
        if std::env::var_os(WRITE).is_some() {
            std::fs::write(&gz, gzip(&changelog)).unwrap();
        } else {
            stale.push(format!("{}: missing or not current", gz.display()));
        }
    }
    assert!(
        stale.is_empty(),
        "the generated files differ from what they are made from; \
         run `{WRITE}=1 cargo test --test integration linux_assets` and commit them:\n{}",
        stale.join("\n")
    );
}

/// One page per command and subcommand, and the desktop program's: each
/// names its command, shows its synopsis and options and says what it is.
#[test]
fn every_command_has_a_man_page_and_the_deb_installs_them() {
    let pages = man_pages();
    let conf: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo("tauri.conf.json")).unwrap()).unwrap();
    let files = conf["bundle"]["linux"]["deb"]["files"].as_object().unwrap();
    let mut cmd = without_help_command(cli_args::command());
    cmd.build();
    let mut names = vec![
        "permit-packet".to_owned(),
        "permit-packet-desktop".to_owned(),
    ];
    for s in cmd.get_subcommands() {
        names.push(format!("permit-packet-{}", s.get_name()));
        for t in s.get_subcommands() {
            names.push(format!("permit-packet-{}-{}", s.get_name(), t.get_name()));
        }
    }
    assert_eq!(pages.len(), names.len(), "{:?}", pages.keys());
    for name in &names {
        let page = &pages[&format!("{name}.1")];
        assert!(page.contains(&format!("\n.TH {name} 1 ")), "{name}: {page}");
        for heading in [
            ".SH NAME",
            ".SH SYNOPSIS",
            ".SH DESCRIPTION",
            ".SH \"SEE ALSO\"",
        ] {
            assert!(page.contains(heading), "{name} has no {heading}");
        }
        let installed = format!("/usr/share/man/man1/{name}.1.gz");
        assert_eq!(
            files.get(&installed).and_then(|v| v.as_str()),
            Some(format!("{MAN_DIR}/{name}.1.gz").as_str()),
            "tauri.conf.json does not install {installed}"
        );
    }
    assert!(pages["permit-packet.1"].contains(".SH \"EXIT STATUS\""));
    assert!(pages["permit-packet-desktop.1"].contains("CASE_FILE"));
    for (installed, file) in [
        (
            "/usr/share/bash-completion/completions/permit-packet",
            "permit-packet",
        ),
        (
            "/usr/share/zsh/vendor-completions/_permit-packet",
            "_permit-packet",
        ),
        (
            "/usr/share/fish/vendor_completions.d/permit-packet.fish",
            "permit-packet.fish",
        ),
    ] {
        assert_eq!(
            files.get(installed).and_then(|v| v.as_str()),
            Some(format!("{COMPLETIONS_DIR}/{file}").as_str()),
            "tauri.conf.json does not install {installed}"
        );
    }
}

/// The completions offer the commands, the options of each and the closed
/// sets of values (`--ready` from the core's own groups).
#[test]
fn completions_offer_commands_options_and_values() {
    let c = completions();
    for script in c.values() {
        for word in [
            "plan",
            "import",
            "template",
            "on-duplicate",
            "store",
            "may_submit_now",
        ] {
            assert!(script.contains(word), "{word}");
        }
    }
    for g in permit_core::digest::Readiness::ALL {
        assert!(c["permit-packet.fish"].contains(g.id()), "{}", g.id());
    }
}

/// The package's changelog names this version, signed by the package's
/// Maintainer (Cargo.toml `authors`, which Tauri's bundler writes into the
/// .deb), and the AppStream metadata lists the same release on the same day.
#[test]
fn the_changelog_is_for_this_version_and_maintainer() {
    let (version, who, day) = latest_release();
    assert_eq!(
        version,
        env!("CARGO_PKG_VERSION"),
        "{CHANGELOG}: add an entry for this version"
    );
    assert_eq!(who, env!("CARGO_PKG_AUTHORS"));
    assert!(
        who.contains('<') && who.ends_with('>'),
        "a Maintainer with an address: {who}"
    );
    let metainfo =
        std::fs::read_to_string(repo("assets/linux/dk.permitpacket.app.metainfo.xml")).unwrap();
    assert!(
        metainfo.contains(&format!("<release version=\"{version}\" date=\"{day}\"/>")),
        "the metainfo's release differs from {CHANGELOG}'s ({version}, {day})"
    );
    let conf: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo("tauri.conf.json")).unwrap()).unwrap();
    assert_eq!(
        conf["bundle"]["linux"]["deb"]["files"]["/usr/share/doc/permit-packet/changelog.gz"],
        format!("{CHANGELOG}.gz")
    );
}

/// The package's long description (tauri.conf.json), one line of the
/// control file per line, within Debian's 80 columns (lintian:
/// extended-description-line-too-long).
#[test]
fn the_package_description_lines_fit_in_80_columns() {
    let conf: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo("tauri.conf.json")).unwrap()).unwrap();
    let long = conf["bundle"]["longDescription"].as_str().unwrap();
    assert!(long.lines().count() > 1, "{long}");
    for line in long.lines() {
        // The control file indents each line by one space.
        assert!(
            line.trim().chars().count() < 80,
            "too long for the control file: {line}"
        );
    }
}
