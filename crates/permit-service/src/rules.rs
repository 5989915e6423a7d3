//! The rules in force, rules updates, and re-planning the cases they change.

use permit_store::PlanState;

use crate::prelude::*;
use crate::record::{record, Recorded, Seen, Why};

/// The rules in force for the app and the command line: the newest valid
/// installed bundle in the data folder, else the embedded rules. Every
/// planning call site gets its rules here (or from [`Workspace::bundle`]).
pub fn rules_in_force() -> Arc<Bundle> {
    installed::in_force()
}

/// The status of a rules folder.
pub fn rules_status(dir: &Path) -> RulesStatus {
    let st = installed::status_in(dir);
    let b = &st.in_force;
    RulesStatus {
        version: b.version().to_owned(),
        checked_on: b.manifest.checked_on,
        in_force_from: b.manifest.in_force_from.clone(),
        signed_by: b.signed_by.clone(),
        origin: match b.origin {
            permit_bundle::Origin::Embedded => "built_in".into(),
            _ => "installed".into(),
        },
        folder: dir.display().to_string(),
        ignored: st
            .ignored
            .iter()
            .map(|i| format!("{}: {}", i.path.display(), i.reason))
            .collect(),
        ignored_files: st
            .ignored
            .iter()
            .map(|i| IgnoredBundle {
                file: file_name(&i.path),
                kind: i.kind.into(),
                reason: i.reason.clone(),
            })
            .collect(),
        signer: match &b.key_id {
            None => "built_in".into(),
            Some(k) if *k == permit_bundle::keys::production_key_id() => "production".into(),
            Some(_) => "test".into(),
        },
        key_id: b.key_id.clone(),
    }
}

/// The file of the update address, in the rules folder.
const UPDATE_SOURCE_FILE: &str = "update-source.json";

fn bundle_error(path: &Path, e: impl std::fmt::Display, kind: &str) -> AppError {
    AppError {
        kind: kind.into(),
        message: format!("{}: refused, nothing was changed: {e}", file_name(path)),
        path: Some(path.display().to_string()),
        fields: vec![],
        lang: None,
    }
}

/// Reads and checks a rules bundle file against the keys this build trusts.
pub fn read_bundle(path: &Path) -> AppResult<Bundle> {
    Bundle::read(
        path,
        &permit_bundle::keys::Keyring::trusted(),
        permit_bundle::Origin::File(path.to_owned()),
    )
    .map_err(|e| bundle_error(path, &e, e.kind()))
}

/// One re-planned case: its id, the version its situation was read at, and
/// what to store.
struct Replanned {
    id: i64,
    version: String,
    /// The rules version the plan was made with before.
    from_version: Option<String>,
    recorded: Recorded,
}

/// `one` over every case of `states`, in order: on both cores when there
/// are many. A panic while planning (a bug) names the cases it concerned
/// instead of stopping the program.
fn on_both_cores<R: Send>(
    states: &[PlanState],
    one: &(dyn Fn(&PlanState) -> Result<R, String> + Sync),
) -> Vec<Result<R, String>> {
    if states.len() < 64 {
        return states.iter().map(one).collect();
    }
    let (a, b) = states.split_at(states.len() / 2);
    std::thread::scope(|sc| {
        let h = sc.spawn(|| a.iter().map(one).collect::<Vec<_>>());
        let mut second: Vec<_> = b.iter().map(one).collect();
        let mut first = h.join().unwrap_or_else(|_| {
            a.iter()
                .map(|st| {
                    Err(format!(
                        "case {} ({}): could not be planned",
                        st.id, st.name
                    ))
                })
                .collect()
        });
        first.append(&mut second);
        first
    })
}

/// Plans `states` with `rules` on both cores and records each (see
/// [`record`]): a difference from the plan the user last saw is waiting.
fn replan(states: &[PlanState], rules: &Bundle, v: View) -> (Vec<Replanned>, Vec<String>) {
    let one = |st: &PlanState| -> Result<Replanned, String> {
        if st.damaged {
            return Err(format!("case {} ({}): its text is damaged", st.id, st.name));
        }
        let s = Situation::from_json(&st.situation_json, "situation")
            .map_err(|e| format!("case {} ({}): {e}", st.id, st.name))?;
        let p = plan(&s, &rules.rules, &v.options());
        let seen = Seen {
            seen_json: st.seen_json.as_deref(),
            rules_version: st.rules_version.as_deref(),
            rules_changed: st.rules_changed,
        };
        Ok(Replanned {
            id: st.id,
            version: st.updated_at.clone(),
            from_version: st.rules_version.clone(),
            recorded: record(st.id, &st.name, &s, &p, &seen, Why::Replan),
        })
    };
    let results = on_both_cores(states, &one);
    let mut out = Vec::with_capacity(results.len());
    let mut skipped = Vec::new();
    for r in results {
        match r {
            Ok(r) => out.push(r),
            Err(m) => skipped.push(m),
        }
    }
    (out, skipped)
}

impl Workspace {
    /// The rules bundle in force.
    pub fn rules_status(&self) -> RulesStatus {
        rules_status(&self.rules_dir)
    }

    /// Re-plans every case whose plan was made with other rules than those
    /// in force (in one transaction): list columns and plan snapshots are
    /// recomputed, and a case whose plan changed since the user last saw it
    /// is marked, with what changed. Each write is conditional on the
    /// version its situation was read at: a case edited meanwhile keeps the
    /// plan its editor stored. Situations, drafts and versions stay.
    pub fn refresh_rules(&mut self, v: View) -> AppResult<RulesReport> {
        let bundle = self.bundle();
        let states = self.store.plan_states(Some(bundle.version()))?;
        let (done, skipped) = replan(&states, &bundle, v);
        let mut kept = Vec::with_capacity(done.len());
        if !done.is_empty() {
            let mut tx = self.store.begin()?;
            for r in done {
                if tx.save_plan(r.id, &r.version, &r.recorded.list, &r.recorded.plan)? {
                    crate::audit::append(
                        &mut *tx,
                        Some(r.id),
                        "replan",
                        vec![permit_store::AuditChange {
                            field: "rules_version".into(),
                            old: r.from_version.clone().into(),
                            new: bundle.version().into(),
                        }],
                        serde_json::Value::Null,
                    )?;
                    kept.push(r);
                }
            }
            tx.commit()?;
        }
        Ok(RulesReport {
            status: self.rules_status(),
            installed: false,
            replanned: kept.len(),
            changed: kept
                .into_iter()
                .filter_map(|r| r.recorded.changes)
                .collect(),
            skipped,
        })
    }

    /// What installing `bundle` would change, case by case: every live case
    /// planned with the rules in force and with the bundle's. Nothing is
    /// written.
    pub fn rules_diff(
        &self,
        bundle: &Bundle,
        v: View,
    ) -> AppResult<(Vec<CaseChanges>, Vec<String>)> {
        let current = self.bundle();
        let states = self.store.plan_states(None)?;
        let opts = v.options();
        let one = |st: &PlanState| -> Result<Option<CaseChanges>, String> {
            if st.damaged {
                return Err(format!("case {} ({}): its text is damaged", st.id, st.name));
            }
            let s = Situation::from_json(&st.situation_json, "situation")
                .map_err(|e| format!("case {} ({}): {e}", st.id, st.name))?;
            let before = Snapshot::of(&plan(&s, &current.rules, &opts));
            let after = Snapshot::of(&plan(&s, &bundle.rules, &opts));
            let c = changes::diff(&before, &after);
            Ok((!c.is_empty()).then(|| CaseChanges {
                id: st.id,
                name: st.name.clone(),
                from_version: before.rules_version,
                to_version: after.rules_version,
                changes: c,
            }))
        };
        let results = on_both_cores(&states, &one);
        let mut changed = Vec::new();
        let mut skipped = Vec::new();
        for r in results {
            match r {
                Ok(Some(c)) => changed.push(c),
                Ok(None) => {}
                Err(m) => skipped.push(m),
            }
        }
        Ok((changed, skipped))
    }

    /// Installs the rules bundle in `path` (checked: signature, format,
    /// rules; refused when not newer than the rules in force — nothing is
    /// changed then), then re-plans every case.
    pub fn install_rules(&mut self, path: &Path, v: View) -> AppResult<RulesReport> {
        let bundle = read_bundle(path)?;
        self.install_bundle(&bundle, &file_name(path), Some(path), v)
    }

    /// Installs a checked bundle (`what` names it in a refusal), then
    /// re-plans every case.
    fn install_bundle(
        &mut self,
        bundle: &Bundle,
        what: &str,
        path: Option<&Path>,
        v: View,
    ) -> AppResult<RulesReport> {
        let outcome = installed::install(&self.rules_dir, bundle).map_err(|e| AppError {
            kind: e.kind().into(),
            message: format!("{what}: refused, nothing was changed: {e}"),
            path: path.map(|p| p.display().to_string()),
            fields: vec![],
            lang: None,
        })?;
        let mut report = self.refresh_rules(v)?;
        report.installed = matches!(outcome, installed::Installed::New(_));
        Ok(report)
    }

    /// The update address the user set (Settings → Rules).
    pub fn update_source(&self) -> UpdateSource {
        permit_files::read_limited(&self.rules_dir.join(UPDATE_SOURCE_FILE), 64 * 1024)
            .ok()
            .and_then(|b| serde_json::from_slice::<UpdateSource>(&b).ok())
            .map(|s| UpdateSource {
                url: s
                    .url
                    .and_then(|u| permit_bundle::fetch::check_address(&u).ok()),
            })
            .unwrap_or_default()
    }

    /// Sets (or, with none or an empty text, clears) the update address;
    /// refused unless it is an https:// address (http:// only to this
    /// computer). Nothing is fetched.
    pub fn set_update_source(&mut self, url: Option<&str>) -> AppResult<UpdateSource> {
        let url = match url.map(str::trim).filter(|u| !u.is_empty()) {
            Some(u) => Some(
                permit_bundle::fetch::check_address(u)
                    .map_err(|e| AppError::new(e.kind(), e.to_string()))?,
            ),
            None => None,
        };
        let source = UpdateSource { url };
        let path = self.rules_dir.join(UPDATE_SOURCE_FILE);
        let io = |e: std::io::Error| AppError {
            kind: "io".into(),
            message: format!("{}: {e}", path.display()),
            path: Some(path.display().to_string()),
            fields: vec![],
            lang: None,
        };
        permit_files::private_dir(&self.rules_dir).map_err(io)?;
        let json = serde_json::to_vec_pretty(&source)
            .map_err(|e| AppError::new("internal", e.to_string()))?;
        permit_files::write_atomic(&path, &json, true).map_err(io)?;
        Ok(source)
    }

    /// "Check for updates": fetches the bundle at the update address (only
    /// when the user asks), then checks and installs it exactly as a file
    /// (refused: nothing changes), and re-plans every case.
    pub fn check_for_updates(&mut self, v: View) -> AppResult<RulesReport> {
        let url = self.update_source().url.ok_or_else(|| {
            AppError::new(
                "no_update_address",
                "no update address is set (Settings → Rules)",
            )
        })?;
        self.install_from_url(&url, v)
    }

    /// Fetches the bundle at `url` and installs it as [`Self::install_rules`]
    /// installs a file.
    pub fn install_from_url(&mut self, url: &str, v: View) -> AppResult<RulesReport> {
        let bytes = permit_bundle::fetch::fetch(url).map_err(|e| AppError {
            kind: e.kind().into(),
            message: format!("{url}: nothing was changed: {e}"),
            path: None,
            fields: vec![],
            lang: None,
        })?;
        let bundle = Bundle::parse(
            &bytes,
            &permit_bundle::keys::Keyring::trusted(),
            permit_bundle::Origin::File(PathBuf::from(url)),
        )
        .map_err(|e| AppError {
            kind: e.kind().into(),
            message: format!("{url}: refused, nothing was changed: {e}"),
            path: None,
            fields: vec![],
            lang: None,
        })?;
        self.install_bundle(&bundle, url, None, v)
    }
}
