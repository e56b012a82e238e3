//! Writes a generated compass:
//! `cargo run --example generate -- DIR [GEBIEDEN INDICATOREN ACTIVITEITEN JAREN DOMEINEN]`
//! (default: Rotterdam's scale).

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args.first().map(String::as_str).unwrap_or("rotterdam");
    if dir.starts_with('-') {
        // `--help` is not a folder to write into.
        println!(
            "usage: cargo run --example generate -- DIR [GEBIEDEN INDICATOREN ACTIVITEITEN JAREN DOMEINEN]"
        );
        return Ok(());
    }
    let mut size = kompas::generate::Size::ROTTERDAM;
    let fields = [
        &mut size.gebieden,
        &mut size.indicatoren,
        &mut size.activiteiten,
        &mut size.jaren,
        &mut size.domeinen,
    ];
    for (field, arg) in fields.into_iter().zip(args.iter().skip(1)) {
        *field = arg.parse()?;
    }
    kompas::generate::write(std::path::Path::new(dir), size)
}
