//! A team workspace's administration (`permit-packet team …`): its schema,
//! its organisations and members. Every call connects with the caller's own
//! login (the address given); the database decides what that login may do
//! (see `permit_store_postgres::schema`).

use crate::prelude::*;

pub use permit_store_postgres::team::{Initialised, Member, ROLES};

/// The address `url` with its password from the address itself, else
/// `PGPASSWORD` or `~/.pgpass`. A file path is refused: team commands are
/// for a team workspace.
pub fn address(url: &str) -> AppResult<permit_store_postgres::Address> {
    let mut a = permit_store_postgres::Address::parse(url)?;
    a.password_from_environment();
    Ok(a)
}

/// Creates the team workspace at `url` (or upgrades it to this build's
/// schema); the login becomes its owner. Re-running it changes nothing.
pub fn init(url: &str) -> AppResult<Initialised> {
    Ok(permit_store_postgres::team::init(&address(url)?)?)
}

/// Adds `login` to organisation `org` with `role` (`officer`, `auditor`,
/// `admin`), creating the login with `password` when it is new.
pub fn add_member(
    url: &str,
    login: &str,
    org: &str,
    role: &str,
    password: Option<&[u8]>,
) -> AppResult<()> {
    Ok(permit_store_postgres::team::add_member(
        &address(url)?,
        login,
        org,
        role,
        password,
    )?)
}

/// Removes `login` (it can no longer sign in); whether it was a member.
pub fn remove_member(url: &str, login: &str) -> AppResult<bool> {
    Ok(permit_store_postgres::team::remove_member(
        &address(url)?,
        login,
    )?)
}

/// The members the caller may see.
pub fn list_members(url: &str) -> AppResult<Vec<Member>> {
    Ok(permit_store_postgres::team::list_members(&address(url)?)?)
}
