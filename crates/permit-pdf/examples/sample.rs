//! Renders the typical checklist used by the tests and the bench.
//!
//! `cargo run -p permit-pdf --example sample -- /tmp/sample.pdf`

#[path = "../tests/common/mod.rs"]
mod common;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "sample.pdf".into());
    let out = permit_pdf::render(&common::typical_checklist())?;
    permit_pdf::write_atomic(std::path::Path::new(&path), &out.bytes)?;
    println!(
        "{path}: {} bytes, replaced {:?}",
        out.bytes.len(),
        out.replaced
    );
    Ok(())
}
