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
