//! `cargo run -p dossier-eval --example porter_words < WORDS`: one `word<TAB>stem` line per
//! input word, to diff against NLTK's PorterStemmer on a large vocabulary.

use std::io::{BufRead, Write};

fn main() -> std::io::Result<()> {
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in stdin.lock().lines() {
        for w in line?.split_whitespace() {
            writeln!(out, "{w}\t{}", dossier_eval::porter::stem(w))?;
        }
    }
    Ok(())
}
