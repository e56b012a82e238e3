//! Writes a generated compass: `cargo run --example generate -- DIR [GEBIEDEN INDICATOREN]`.

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args.first().map(String::as_str).unwrap_or("rotterdam");
    let mut size = kompas::generate::Size::ROTTERDAM;
    if let Some(n) = args.get(1) {
        size.gebieden = n.parse()?;
    }
    if let Some(n) = args.get(2) {
        size.indicatoren = n.parse()?;
        size.activiteiten = size.indicatoren * 2 / 3;
    }
    kompas::generate::write(std::path::Path::new(dir), size)
}
