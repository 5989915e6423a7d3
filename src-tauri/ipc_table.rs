//! The IPC's command table for the UI, generated from the desktop shell's
//! own `#[tauri::command]` functions (src-tauri/desktop.rs): their names,
//! their arguments as the UI passes them (camelCase) and their results, as
//! TypeScript (`ui/src/bindings/commands.ts`) over the ts-rs bindings. A
//! command renamed, removed or given another argument changes the table,
//! and `ui/src/ipc.ts` (typed by it) no longer type-checks until it follows;
//! `scripts/test.sh bindings_current` checks the table is current.
//! Written by `cargo test -p permit-packet --lib export_bindings`.

/// One command: its name, its arguments (UI name, TypeScript type) and its result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    /// The command's name (`cases_list`).
    pub name: String,
    /// Its arguments as the UI passes them: camelCase name, TypeScript type.
    pub args: Vec<(String, String)>,
    /// The TypeScript type of its result.
    pub result: String,
}

/// Argument types the webview never passes: Tauri supplies them.
const INJECTED: [&str; 3] = ["State<", "AppHandle", "Window"];

/// The commands of `src` (the text of desktop.rs), in order, and the names
/// `generate_handler!` registers.
pub fn commands(src: &str) -> Result<(Vec<Command>, Vec<String>), String> {
    let mut out = Vec::new();
    for (at, _) in src.match_indices("#[tauri::command") {
        let rest = &src[at..];
        let f = rest.find("fn ").ok_or("a command without fn")?;
        let sig = &rest[f + 3..];
        let open = sig.find('(').ok_or("a command without arguments")?;
        let name = sig[..open].trim().to_owned();
        let close = matching(sig, open).ok_or_else(|| format!("{name}: unbalanced ("))?;
        let params = &sig[open + 1..close];
        let tail = &sig[close + 1..];
        let body = tail.find('{').ok_or_else(|| format!("{name}: no body"))?;
        let ret = tail[..body].trim();
        let ret = ret.strip_prefix("->").map_or("()", str::trim);
        let mut args = Vec::new();
        for p in split_top(params) {
            let p = p.trim();
            if p.is_empty() {
                continue;
            }
            let (n, ty) = p
                .split_once(':')
                .ok_or_else(|| format!("{name}: argument `{p}`"))?;
            let ty = ty.trim();
            if INJECTED.iter().any(|i| ty.contains(i)) {
                continue;
            }
            args.push((camel(n.trim()), ts_type(ty)?));
        }
        out.push(Command {
            name,
            args,
            result: ts_type(unwrap_result(ret))?,
        });
    }
    let reg = src
        .split("generate_handler![")
        .nth(1)
        .and_then(|r| r.split(']').next())
        .ok_or("no generate_handler!")?;
    let registered = reg
        .split(',')
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    Ok((out, registered))
}

/// The index of the `)` closing the `(` at `open`.
fn matching(s: &str, open: usize) -> Option<usize> {
    let mut depth = 0;
    for (i, c) in s[open..].char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + i);
                }
            }
            _ => {}
        }
    }
    None
}

/// `s` split at the commas outside `<…>` and `(…)`.
fn split_top(s: &str) -> Vec<&str> {
    let (mut out, mut depth, mut start) = (Vec::new(), 0i32, 0);
    for (i, c) in s.char_indices() {
        match c {
            '<' | '(' => depth += 1,
            '>' | ')' => depth -= 1,
            ',' if depth == 0 => {
                out.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out
}

fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut up = false;
    for c in snake.chars() {
        if c == '_' {
            up = true;
        } else if up {
            out.extend(c.to_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// `T` of `AppResult<T>` or `Result<T, E>`.
fn unwrap_result(ty: &str) -> &str {
    if let Some(inner) = ty
        .strip_prefix("AppResult<")
        .and_then(|t| t.strip_suffix('>'))
    {
        return inner.trim();
    }
    if let Some(inner) = ty.strip_prefix("Result<").and_then(|t| t.strip_suffix('>')) {
        return split_top(inner)[0].trim();
    }
    ty
}

/// The TypeScript type of a Rust argument or result type.
fn ts_type(ty: &str) -> Result<String, String> {
    let ty = ty.trim();
    if let Some(inner) = ty.strip_prefix("Option<").and_then(|t| t.strip_suffix('>')) {
        return Ok(format!("{} | null", ts_type(inner)?));
    }
    if let Some(inner) = ty.strip_prefix("Vec<").and_then(|t| t.strip_suffix('>')) {
        return Ok(format!("Array<{}>", ts_type(inner)?));
    }
    let last = ty.rsplit("::").next().unwrap_or(ty);
    Ok(match last {
        "()" => "null".into(),
        "String" | "&str" | "NaiveDate" => "string".into(),
        "i64" | "i32" | "u32" | "u64" | "usize" => "number".into(),
        "bool" => "boolean".into(),
        // The situation as the UI sends it (desktop.rs `SituationJson`).
        "SituationJson" => "RawSituation".into(),
        named if !named.is_empty() && named.chars().all(|c| c.is_ascii_alphanumeric()) => {
            named.into()
        }
        other => return Err(format!("no TypeScript type for `{other}`")),
    })
}

/// `ui/src/bindings/commands.ts` for `commands`.
pub fn typescript(commands: &[Command]) -> String {
    let builtin = ["string", "number", "boolean", "null"];
    let mut names: Vec<&str> = commands
        .iter()
        .flat_map(|c| {
            c.args
                .iter()
                .map(|a| a.1.as_str())
                .chain([c.result.as_str()])
        })
        .flat_map(|t| t.split(|c: char| !c.is_ascii_alphanumeric()))
        .filter(|t| !t.is_empty() && !builtin.contains(t) && *t != "Array")
        .collect();
    names.sort();
    names.dedup();
    let mut out = String::from(
        "// Generated from the #[tauri::command] functions of src-tauri/desktop.rs\n\
         // (src-tauri/ipc_table.rs): do not edit. Regenerate with\n\
         // `cargo test -p permit-packet --lib export_bindings`.\n",
    );
    for n in &names {
        out.push_str(&format!("import type {{ {n} }} from \"./{n}\";\n"));
    }
    out.push_str(
        "\n/** Every command the app registers: its arguments (as passed) and its result. */\nexport interface Commands {\n",
    );
    for c in commands {
        let args = if c.args.is_empty() {
            "Record<string, never>".to_owned()
        } else {
            let fields: Vec<String> = c.args.iter().map(|(n, t)| format!("{n}: {t}")).collect();
            format!("{{ {} }}", fields.join("; "))
        };
        out.push_str(&format!(
            "  {}: {{ args: {args}; result: {} }};\n",
            c.name, c.result
        ));
    }
    out.push_str("}\n\n/** A command's name. */\nexport type Command = keyof Commands;\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const DESKTOP: &str = include_str!("desktop.rs");

    #[test]
    fn export_bindings_commands() {
        let (cmds, registered) = commands(DESKTOP).unwrap();
        // The table is exactly what the app registers.
        let mut names: Vec<String> = cmds.iter().map(|c| c.name.clone()).collect();
        let mut reg = registered.clone();
        names.sort();
        reg.sort();
        assert_eq!(
            names, reg,
            "a #[tauri::command] not registered, or the reverse"
        );
        let dir = std::env::var_os("TS_RS_EXPORT_DIR").map_or_else(
            || std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/ui/src/bindings")),
            std::path::PathBuf::from,
        );
        let dir = if dir.is_absolute() {
            dir
        } else {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)
        };
        std::fs::write(dir.join("commands.ts"), typescript(&cmds)).unwrap();
    }

    /// `ui/src/bindings/policy.ts`: the product's own numbers
    /// (`permit_core::policy`) that UI texts name ("the next 14 days"),
    /// so the UI never writes them itself.
    #[test]
    fn export_bindings_policy() {
        use permit_core::policy;
        let mut out = String::from(
            "// Generated from crates/permit-core/src/policy.rs (src-tauri/ipc_table.rs):\n\
             // do not edit. Regenerate with `cargo test -p permit-packet --lib export_bindings`.\n",
        );
        for (name, value, doc) in [
            (
                "DUE_SOON_DAYS",
                policy::DUE_SOON_DAYS,
                "A deadline this many days away or fewer is due soon.",
            ),
            (
                "RULES_STALE_AFTER_DAYS",
                policy::RULES_STALE_AFTER_DAYS,
                "Rules checked longer ago than this are stale.",
            ),
            (
                "DASHBOARD_DAYS",
                policy::DASHBOARD_DAYS,
                "The dashboard lists the deadlines of this many days ahead.",
            ),
            (
                "DATE_SENSITIVITY_DAYS",
                policy::DATE_SENSITIVITY_DAYS,
                "How far a planned submission is moved to find outcomes that change.",
            ),
            (
                "DELETED_RETENTION_DAYS",
                i64::from(policy::DELETED_RETENTION_DAYS),
                "A deleted case is purged this many days after (unless Settings say otherwise).",
            ),
            (
                "DELETED_RETENTION_MIN_DAYS",
                i64::from(policy::DELETED_RETENTION_MIN_DAYS),
                "The shortest retention period Settings accept, in days.",
            ),
        ] {
            out.push_str(&format!("\n/** {doc} */\nexport const {name} = {value};\n"));
        }
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/bindings");
        std::fs::write(dir.join("policy.ts"), out).unwrap();
    }

    #[test]
    fn the_table_reads_arguments_results_and_skips_what_tauri_supplies() {
        let src = r#"
            #[tauri::command]
            fn cases_list(state: State<'_, WorkspaceState>, query: ListQuery, today: NaiveDate) -> AppResult<CasePage> { x }
            #[tauri::command(async)]
            async fn batch_export(app: tauri::AppHandle, ids: Option<Vec<i64>>, expected_updated_at: Option<String>) -> AppResult<()> { y }
            #[tauri::command]
            fn set_lang(state: State<'_, LangState>, lang: Lang) { z }
            .invoke_handler(tauri::generate_handler![cases_list, batch_export])
        "#;
        let (cmds, reg) = commands(src).unwrap();
        assert_eq!(reg, ["cases_list", "batch_export"]);
        assert_eq!(cmds[0].name, "cases_list");
        assert_eq!(
            cmds[0].args,
            [
                ("query".into(), "ListQuery".into()),
                ("today".into(), "string".into())
            ]
        );
        assert_eq!(cmds[0].result, "CasePage");
        assert_eq!(
            cmds[1].args,
            [
                ("ids".into(), "Array<number> | null".into()),
                ("expectedUpdatedAt".into(), "string | null".into())
            ]
        );
        assert_eq!(cmds[1].result, "null");
        assert_eq!(cmds[2].result, "null");
        let ts = typescript(&cmds);
        assert!(
            ts.contains("import type { ListQuery } from \"./ListQuery\";"),
            "{ts}"
        );
        assert!(
            ts.contains(
                "  cases_list: { args: { query: ListQuery; today: string }; result: CasePage };"
            ),
            "{ts}"
        );
        assert!(!ts.contains("import type { Array }"), "{ts}");
        // A type it cannot name is an error, not a guess.
        assert!(ts_type("HashMap<String, i64>").is_err());
    }
}
