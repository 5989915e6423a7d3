//! The Tauri desktop shell (feature `desktop`).
//!
//! A thin adapter: it opens the window, holds the application state and
//! exposes commands to the UI in `ui/`. Every rule lives in [`permit_core`];
//! a command here only converts arguments, calls the core and converts the
//! result or error for the UI.
//!
//! Commands return `Result<T, DesktopError>`: the UI receives `T` as JSON, or
//! a rejected promise with `{ "kind": ..., "message": ... }`.

use serde::{Serialize, Serializer};
use tauri::{PackageInfo, State};

/// Name and version of the running application, as shown by the UI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AppInfo {
    /// Product name from tauri.conf.json (`productName`).
    pub name: String,
    /// Version from Cargo.toml (tauri.conf.json has no `version` of its own).
    pub version: String,
}

impl AppInfo {
    /// Reads name and version from the package info Tauri generates at compile time.
    pub fn from_package(package: &PackageInfo) -> Self {
        Self {
            name: package.name.clone(),
            version: package.version.to_string(),
        }
    }
}

/// State managed by Tauri and shared by all commands.
#[derive(Debug)]
pub struct AppState(AppInfo);

impl AppState {
    /// Creates the state for the given application.
    pub fn new(info: AppInfo) -> Self {
        Self(info)
    }

    /// Name and version of the running application.
    pub fn info(&self) -> &AppInfo {
        &self.0
    }
}

/// An error a command reports to the UI.
///
/// Serialises as `{ "kind": "<kind>", "message": "<message>" }` so the UI can
/// branch on a stable `kind` and show the readable `message`.
#[derive(Debug, thiserror::Error)]
pub enum DesktopError {
    /// The UI sent something the command cannot use.
    #[error("invalid input: {0}")]
    InvalidInput(String),
    /// A failure inside the application that the user cannot fix.
    #[error("internal error: {0}")]
    Internal(String),
}

impl DesktopError {
    /// The stable, machine-readable name of the error for the UI.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::InvalidInput(_) => "invalid_input",
            Self::Internal(_) => "internal",
        }
    }
}

impl Serialize for DesktopError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut error = serializer.serialize_struct("DesktopError", 2)?;
        error.serialize_field("kind", self.kind())?;
        error.serialize_field("message", &self.to_string())?;
        error.end()
    }
}

/// Returns the application's name and version.
#[tauri::command]
fn app_info(state: State<'_, AppState>) -> Result<AppInfo, DesktopError> {
    Ok(state.info().clone())
}

/// Opens the main window and runs the application until it is closed.
pub fn run() -> Result<(), tauri::Error> {
    let context = tauri::generate_context!();
    let state = AppState::new(AppInfo::from_package(context.package_info()));
    tauri::Builder::default()
        .manage(state)
        .invoke_handler(tauri::generate_handler![app_info])
        .run(context)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_serialise_as_kind_and_message() {
        let error = DesktopError::InvalidInput("salary must be a number".into());
        assert_eq!(
            serde_json::to_value(&error).unwrap(),
            serde_json::json!({
                "kind": "invalid_input",
                "message": "invalid input: salary must be a number",
            })
        );
        let error = DesktopError::Internal("state missing".into());
        assert_eq!(serde_json::to_value(&error).unwrap()["kind"], "internal");
    }

    #[test]
    fn app_info_serialises_name_and_version() {
        let info = AppInfo {
            name: "Permit Packet".into(),
            version: "0.1.0".into(),
        };
        assert_eq!(
            serde_json::to_value(&info).unwrap(),
            serde_json::json!({ "name": "Permit Packet", "version": "0.1.0" })
        );
    }

    #[test]
    fn app_info_comes_from_the_generated_context() {
        let context: tauri::Context<tauri::Wry> = tauri::generate_context!();
        let info = AppInfo::from_package(context.package_info());
        assert_eq!(info.name, "Permit Packet");
        assert_eq!(info.version, env!("CARGO_PKG_VERSION"));
    }
}
