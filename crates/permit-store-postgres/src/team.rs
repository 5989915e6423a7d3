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
