//! Setting up and running a team workspace: its schema (created and
//! upgraded by its owner), its organisations and members. Every function
//! takes the address of the caller's own login; the database checks what
//! that login may do.

use std::path::PathBuf;

use postgres::Client;

use permit_store::{Result, StoreError};

use crate::schema::{CREATE_GROUP_ROLES, MIGRATIONS, SCHEMA_VERSION};
use crate::{map_error, schema_version, Address};

/// The advisory lock of `team init` (two admins at once take turns).
const INIT_LOCK: i64 = 0x5050_4b54_494e_4954;

/// What `team init` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Initialised {
    /// The schema version before.
    pub from: i64,
    /// The schema version now ([`SCHEMA_VERSION`]).
    pub to: i64,
    /// The schema the tables are in.
    pub schema: String,
}

/// Creates the team workspace's schema, roles and policies in the first
/// schema of the login's search path, or upgrades them to this build's
/// version; the login becomes the workspace's owner. Re-running it changes
/// nothing. Each migration and its version are one transaction.
///
/// Errors: [`StoreError::NewerVersion`] for a newer schema (untouched);
/// [`StoreError::Denied`] when the login may not create roles or tables.
pub fn init(address: &Address) -> Result<Initialised> {
    init_to(address, SCHEMA_VERSION)
}

/// [`init`], stopping at schema version `version` (tests of upgrades from
/// every earlier version).
#[doc(hidden)]
pub fn init_to(address: &Address, version: i64) -> Result<Initialised> {
    let location = address.location();
    let mut client = address.connect()?;
    let err = |e| map_error(&location, e);
    client.batch_execute(CREATE_GROUP_ROLES).map_err(err)?;
    let schema: Option<String> = client
        .query_one("SELECT current_schema()::text", &[])
        .map_err(err)?
        .get(0);
    let Some(schema) = schema else {
        return Err(StoreError::Invalid {
            path: location,
            message: "the login has no schema to create the workspace in (its search_path names none that exists)".into(),
        });
    };
    let quoted: String = client
        .query_one("SELECT quote_ident($1)", &[&schema])
        .map_err(err)?
        .get(0);
    let mut tx = client.transaction().map_err(err)?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&INIT_LOCK])
        .map_err(err)?;
    let from = {
        let exists: bool = tx
            .query_one("SELECT to_regclass('permit_meta') IS NOT NULL", &[])
            .map_err(err)?
            .get(0);
        if exists {
            let v: Option<String> = tx
                .query_opt(
                    "SELECT value FROM permit_meta WHERE key = 'schema_version'",
                    &[],
                )
                .map_err(err)?
                .map(|r| r.get(0));
            v.and_then(|v| v.parse().ok()).unwrap_or(0)
        } else {
            0
        }
    };
    if from > SCHEMA_VERSION {
        return Err(StoreError::NewerVersion {
            path: location,
            found: from,
            supported: SCHEMA_VERSION,
        });
    }
    if from > 0 {
        let owner: bool = tx
            .query_one("SELECT permit_is_owner()", &[])
            .map_err(err)?
            .get(0);
        if !owner {
            return Err(StoreError::Denied {
                path: location,
                message: "only the login that created the team workspace may upgrade it".into(),
            });
        }
    }
    for (i, m) in MIGRATIONS
        .iter()
        .enumerate()
        .take(version as usize)
        .skip(from as usize)
    {
        tx.batch_execute(&m.replace("{schema}", &quoted))
            .map_err(err)?;
        tx.execute(
            "INSERT INTO permit_meta (key, value) VALUES ('schema_version', $1) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            &[&(i as i64 + 1).to_string()],
        )
        .map_err(err)?;
    }
    tx.commit().map_err(err)?;
    let mut check = address.connect()?;
    Ok(Initialised {
        from,
        to: schema_version(&mut check, &location)?.max(from),
        schema,
    })
}

/// A member of a team workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// The login.
    pub login: String,
    /// The organisation's name.
    pub organisation: String,
    /// `officer`, `auditor` or `admin`.
    pub role: String,
    /// When the login was added (RFC 3339).
    pub added_at: String,
}

/// The roles a member can have.
pub const ROLES: [&str; 3] = ["officer", "auditor", "admin"];

fn connect_checked(address: &Address) -> Result<(Client, PathBuf)> {
    let location = address.location();
    let mut client = address.connect()?;
    let found = schema_version(&mut client, &location)?;
    if found != SCHEMA_VERSION {
        return Err(if found > SCHEMA_VERSION {
            StoreError::NewerVersion {
                path: location,
                found,
                supported: SCHEMA_VERSION,
            }
        } else {
            StoreError::NeedsUpgrade {
                path: location,
                found,
                supported: SCHEMA_VERSION,
            }
        });
    }
    Ok((client, location))
}

/// Adds `login` to organisation `org` (created if new, by the owner only)
/// with `role`, creating the login with `password` if it does not exist
/// (an existing login's password is changed when one is given). The
/// password travels as a SCRAM-SHA-256 verifier, never in clear.
///
/// Errors: [`StoreError::Denied`] unless the caller is the owner or an
/// admin of `org`; [`StoreError::Invalid`] for an unknown role or a login
/// name PostgreSQL would not take.
pub fn add_member(
    address: &Address,
    login: &str,
    org: &str,
    role: &str,
    password: Option<&[u8]>,
) -> Result<()> {
    let (mut client, location) = connect_checked(address)?;
    let verifier = password.map(postgres_protocol::password::scram_sha_256);
    client
        .execute(
            "SELECT permit_add_member($1, $2, $3, $4)",
            &[&login, &org, &role, &verifier],
        )
        .map_err(|e| map_error(&location, e))?;
    Ok(())
}

/// Removes `login` from the workspace (it can no longer sign in); whether
/// it was a member.
pub fn remove_member(address: &Address, login: &str) -> Result<bool> {
    let (mut client, location) = connect_checked(address)?;
    Ok(client
        .query_one("SELECT permit_remove_member($1)", &[&login])
        .map_err(|e| map_error(&location, e))?
        .get(0))
}

/// The members the caller may see: all (owner), or its organisation's
/// (admin).
pub fn list_members(address: &Address) -> Result<Vec<Member>> {
    let (mut client, location) = connect_checked(address)?;
    let rows = client
        .query(
            "SELECT login, organisation, role, \
             to_char(added_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') \
             FROM permit_list_members()",
            &[],
        )
        .map_err(|e| map_error(&location, e))?;
    Ok(rows
        .iter()
        .map(|r| Member {
            login: r.get(0),
            organisation: r.get(1),
            role: r.get(2),
            added_at: r.get(3),
        })
        .collect())
}

/// A case to copy into a team workspace, with where it comes from.
#[derive(Debug, Clone)]
pub struct Incoming {
    /// Where the case comes from (stable for the case in its workspace):
    /// a case already copied from there is skipped.
    pub origin: String,
    /// The case as stored there.
    pub case: permit_store::CaseRecord,
}

/// What [`import_cases`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportCounts {
    /// Cases copied.
    pub imported: usize,
    /// Cases already there from an earlier import, left as they are.
    pub skipped: usize,
    /// Templates copied (one of the same name already there is kept).
    pub templates: usize,
}

/// Copies `cases` and `templates` into organisation `org` (created if new),
/// all or nothing, in one transaction; a case already copied from the same
/// origin is skipped, so the same file can be imported again. Their plans
/// are made again by the next officer who opens the workspace (their rules
/// version is left unknown). The workspace's owner only.
pub fn import_cases(
    address: &Address,
    org: &str,
    cases: &[Incoming],
    templates: &[permit_store::TemplateRecord],
) -> Result<ImportCounts> {
    use permit_store::backend::{check_content, check_name};
    let (mut client, location) = connect_checked(address)?;
    let err = |e| map_error(&location, e);
    let mut tx = client.transaction().map_err(err)?;
    owner_only(&mut tx, &location)?;
    let org = org.trim();
    if org.is_empty() {
        return Err(StoreError::Invalid {
            path: location,
            message: "an organisation's name cannot be empty".into(),
        });
    }
    tx.execute(
        "INSERT INTO organisations (name) VALUES ($1) ON CONFLICT (name) DO NOTHING",
        &[&org],
    )
    .map_err(err)?;
    let org_id: i64 = tx
        .query_one("SELECT id FROM organisations WHERE name = $1", &[&org])
        .map_err(err)?
        .get(0);
    let mut counts = ImportCounts::default();
    let insert = tx
        .prepare(
            "INSERT INTO cases (org_id, origin, name, status, next_deadline, created_at, \
             updated_at, deleted_at, rules_version, rules_changed, has_draft, situation_json, \
             draft_json, digest_json, notes, seen_json, plan_json) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, NULL, $8, $9, $10, $11, $12, $13, $14, $15) \
             ON CONFLICT (org_id, origin) WHERE origin IS NOT NULL DO NOTHING",
        )
        .map_err(err)?;
    for (i, c) in cases.iter().enumerate() {
        let r = &c.case;
        let item = |e: StoreError| match e {
            StoreError::Invalid { path, message } => StoreError::Invalid {
                path,
                message: format!("case {} ({}): {message}", r.id, i + 1),
            },
            other => other,
        };
        let name = check_name(&location, &r.name).map_err(item)?;
        check_content(
            &location,
            &permit_store::CaseContent {
                situation_json: r.situation_json.clone(),
                draft_json: r.draft_json.clone(),
                ..Default::default()
            },
        )
        .map_err(item)?;
        let n = tx
            .execute(
                &insert,
                &[
                    &org_id,
                    &c.origin,
                    &name,
                    &r.status,
                    &r.next_deadline,
                    &r.created_at,
                    &r.updated_at,
                    &r.rules_changed,
                    &r.draft_json.is_some(),
                    &r.situation_json,
                    &r.draft_json,
                    &r.digest_json,
                    &r.notes,
                    &r.seen_json,
                    &r.plan_json,
                ],
            )
            .map_err(|e| item(map_error(&location, e)))?;
        if n == 1 {
            counts.imported += 1;
        } else {
            counts.skipped += 1;
        }
    }
    for t in templates {
        let n = tx
            .execute(
                "INSERT INTO templates (org_id, name, items_json, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (org_id, name) DO NOTHING",
                &[
                    &org_id,
                    &t.name,
                    &t.items_json,
                    &t.created_at,
                    &t.updated_at,
                ],
            )
            .map_err(err)?;
        counts.templates += n as usize;
    }
    tx.commit().map_err(err)?;
    Ok(counts)
}

/// Every live case and template of organisation `org`, to copy out (the
/// workspace's owner only).
pub fn export_cases(
    address: &Address,
    org: &str,
) -> Result<(
    Vec<permit_store::CaseRecord>,
    Vec<permit_store::TemplateRecord>,
)> {
    let (mut client, location) = connect_checked(address)?;
    let err = |e| map_error(&location, e);
    let mut tx = client.transaction().map_err(err)?;
    owner_only(&mut tx, &location)?;
    let org_id: Option<i64> = tx
        .query_opt(
            "SELECT id FROM organisations WHERE name = $1",
            &[&org.trim()],
        )
        .map_err(err)?
        .map(|r| r.get(0));
    let Some(org_id) = org_id else {
        return Err(StoreError::Invalid {
            path: location,
            message: format!("the team workspace has no organisation {org:?}"),
        });
    };
    let ids: Vec<i64> = tx
        .query(
            "SELECT id FROM cases WHERE org_id = $1 AND deleted_at IS NULL ORDER BY id",
            &[&org_id],
        )
        .map_err(err)?
        .iter()
        .map(|r| r.get(0))
        .collect();
    let mut cases = Vec::with_capacity(ids.len());
    for id in ids {
        cases.push(crate::cases::read_case(&mut tx, &location, id)?);
    }
    let templates = tx
        .query(
            "SELECT id, name, items_json, created_at, updated_at FROM templates \
             WHERE org_id = $1 ORDER BY name",
            &[&org_id],
        )
        .map_err(err)?
        .iter()
        .map(|r| permit_store::TemplateRecord {
            id: r.get(0),
            name: r.get(1),
            items_json: r.get(2),
            created_at: r.get(3),
            updated_at: r.get(4),
        })
        .collect();
    tx.commit().map_err(err)?;
    Ok((cases, templates))
}

/// Refuses anyone but the workspace's owner.
fn owner_only(tx: &mut postgres::Transaction<'_>, location: &std::path::Path) -> Result<()> {
    let owner: bool = tx
        .query_one("SELECT permit_is_owner()", &[])
        .map_err(|e| map_error(location, e))?
        .get(0);
    if owner {
        Ok(())
    } else {
        Err(StoreError::Denied {
            path: location.to_owned(),
            message: "only the team workspace's owner copies cases in or out of an organisation"
                .into(),
        })
    }
}
