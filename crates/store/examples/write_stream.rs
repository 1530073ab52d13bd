//! Write a generated news stream ([`dossier_store::sample::stream`]) as one
//! text file per report, in feed order, with the gold event of each in
//! `DIR.gold.tsv` beside the folder (file name, event): input for
//! `scripts/bench-scale.sh`.
//!
//! `cargo run --release -p dossier-store --example write_stream -- N DIR [SEED]`

use std::io::Write;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().ok_or("N DIR [SEED]")?.parse()?;
    let dir = std::path::PathBuf::from(args.next().ok_or("N DIR [SEED]")?);
    let seed: u64 = args.next().map_or(Ok(1), |s| s.parse())?;
    std::fs::create_dir_all(&dir)?;
    let gold_path = format!("{}.gold.tsv", dir.display());
    let mut gold = std::io::BufWriter::new(std::fs::File::create(gold_path)?);
    for (i, a) in dossier_store::sample::stream(seed, n)
        .into_iter()
        .enumerate()
    {
        // Numbered so that a folder listing keeps feed order.
        let name = format!("{i:07}-{}", a.name);
        std::fs::write(dir.join(&name), a.text)?;
        writeln!(gold, "{name}\t{}", a.event)?;
    }
    gold.flush()?;
    Ok(())
}
