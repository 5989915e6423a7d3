// Generated from crates/permit-core/src/policy.rs (src-tauri/ipc_table.rs):
// do not edit. Regenerate with `cargo test -p permit-packet --lib export_bindings`.

/** A deadline this many days away or fewer is due soon. */
export const DUE_SOON_DAYS = 3;

/** Rules checked longer ago than this are stale. */
export const RULES_STALE_AFTER_DAYS = 365;

/** The dashboard lists the deadlines of this many days ahead. */
export const DASHBOARD_DAYS = 14;

/** How far a planned submission is moved to find outcomes that change. */
export const DATE_SENSITIVITY_DAYS = 30;

/** A deleted case is purged this many days after (unless Settings say otherwise). */
export const DELETED_RETENTION_DAYS = 30;

/** The shortest retention period Settings accept, in days. */
export const DELETED_RETENTION_MIN_DAYS = 1;
