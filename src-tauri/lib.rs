//! The `permit-packet` application crate: the command line (`cli`) and, with
//! the `desktop` feature, the Tauri desktop shell (`desktop`). Both are thin
//! adapters over [`permit_core`]; no rule lives here.

pub mod about;
pub mod cli;
pub mod cli_args;
pub mod cli_audit;
pub mod cli_batch;
pub mod cli_def;
pub mod cli_help;
pub mod cli_key;
pub mod cli_rules;
pub mod cli_team;
#[cfg(feature = "desktop")]
pub mod desktop;
pub mod ipc_table;
pub mod picks;
pub mod team_connect;

/// The service layer every front end here calls (`crates/permit-service`).
pub use permit_service as workspace;
/// The closed sets the IPC carries.
pub use permit_service::kinds;
/// The checklist PDF document of a plan.
pub use permit_service::pdf as export;
