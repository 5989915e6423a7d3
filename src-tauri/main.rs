// No console window on Windows in release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    if let Err(error) = permit_packet::desktop::run() {
        eprintln!("Permit Packet could not start: {error}");
        std::process::exit(1);
    }
}
