fn main() {
    #[cfg(feature = "desktop")]
    desktop();
    // Without the desktop feature there is nothing to generate. Printing one
    // rerun-if-changed line stops cargo from rescanning the whole package
    // folder (node_modules, target, ...) on every build.
    #[cfg(not(feature = "desktop"))]
    println!("cargo:rerun-if-changed=src-tauri/build.rs");
}

/// Runs tauri-build: reads tauri.conf.json at the package root (the working
/// folder of build scripts), checks the capabilities and writes the ACL
/// schemas to gen/ (ignored by git).
#[cfg(feature = "desktop")]
fn desktop() {
    // tauri-build does not watch a custom capabilities folder, and
    // `generate_context!` only notices edits to frontend files it already
    // embeds: watch these folders so new files also trigger a rebuild.
    for path in [
        "src-tauri/build.rs",
        "src-tauri/capabilities",
        "ui",
        "assets/icons",
    ] {
        println!("cargo:rerun-if-changed={path}");
    }
    let attributes =
        tauri_build::Attributes::new().capabilities_path_pattern("./src-tauri/capabilities/**/*");
    if let Err(error) = tauri_build::try_build(attributes) {
        eprintln!("tauri-build failed: {error:#}");
        std::process::exit(1);
    }
}
