// No console window on Windows in release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // The .deb installs the command line as /usr/bin/permit-packet, a link
    // to this program (scripts/package.sh): one copy of everything both
    // share, half the package. Called by that name, it is the command line.
    let mut args = std::env::args_os();
    let called_as = args.next().map(std::path::PathBuf::from);
    if called_as.as_deref().and_then(std::path::Path::file_name) == Some("permit-packet".as_ref()) {
        let args = args.map(|a| a.to_string_lossy().into_owned()).collect();
        std::process::exit(permit_packet::cli::run(args));
    }
    if let Err(error) = permit_packet::desktop::run() {
        eprintln!("Permit Packet could not start: {error}");
        std::process::exit(1);
    }
}
