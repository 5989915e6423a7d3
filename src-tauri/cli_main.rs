fn main() {
    let code = permit_packet::cli::run(std::env::args().skip(1).collect());
    std::process::exit(code);
}
