//! Scores the `sentencex` crate on the dossier sentence gold sets with the same
//! metrics as `crates/analyze/tests/sentences_gold.rs` and `scripts/pysbd_gold.py`
//! (exact case accuracy, boundary precision/recall), so the three can be reported
//! side by side.
//!
//! cd crates/analyze/tools/sentencex-gold && cargo run --release -- ../../../../tests/data/analyze/sentences/gold.txt

use std::process::ExitCode;

struct Case {
    input: String,
    expected: Vec<String>,
}

fn load(raw: &str) -> Result<Vec<Case>, String> {
    let mut out = Vec::new();
    for block in raw.split("\n\n") {
        let mut lines = block
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty());
        let Some(first) = lines.next() else { continue };
        let input = first
            .strip_prefix("> ")
            .ok_or_else(|| format!("block does not start with '> ': {first:?}"))?;
        out.push(Case {
            input: input.replace('⏎', "\n"),
            expected: lines.map(|l| l.replace('⏎', "\n")).collect(),
        });
    }
    Ok(out)
}

/// End offsets of all sentences but the last, found left to right in `text`.
fn boundaries(text: &str, sents: &[String]) -> Vec<usize> {
    let mut pos = 0;
    let mut out = Vec::new();
    for s in sents {
        if let Some(p) = text.get(pos..).and_then(|t| t.find(s.as_str())) {
            pos += p + s.len();
            out.push(pos);
        }
    }
    out.pop();
    out
}

fn main() -> ExitCode {
    let verbose = std::env::args().any(|a| a == "-v");
    let paths: Vec<String> = std::env::args().skip(1).filter(|a| a != "-v").collect();
    if paths.is_empty() {
        eprintln!("usage: sentencex-gold [-v] GOLD.txt...");
        return ExitCode::FAILURE;
    }
    for path in paths {
        let raw = match std::fs::read_to_string(&path) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("{path}: {e}");
                return ExitCode::FAILURE;
            }
        };
        let cases = match load(&raw) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("{path}: {e}");
                return ExitCode::FAILURE;
            }
        };
        let (mut exact, mut tp, mut fp, mut fne) = (0usize, 0usize, 0usize, 0usize);
        for c in &cases {
            // Same normalisation as the pysbd scorer: trimmed, empty pieces dropped.
            let got: Vec<String> = sentencex::segment("en", &c.input)
                .into_iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            if got == c.expected {
                exact += 1;
            } else if verbose {
                println!(
                    "  {:?}\n    want {:?}\n    got  {:?}",
                    c.input, c.expected, got
                );
            }
            let (g, w) = (
                boundaries(&c.input, &got),
                boundaries(&c.input, &c.expected),
            );
            tp += g.iter().filter(|b| w.contains(b)).count();
            fp += g.iter().filter(|b| !w.contains(b)).count();
            fne += w.iter().filter(|b| !g.contains(b)).count();
        }
        let n = cases.len().max(1);
        println!(
            "sentencex 0.1.33 {path}: {} cases, exact {exact} ({:.1}%), boundary precision {:.3} recall {:.3}",
            cases.len(),
            100.0 * exact as f64 / n as f64,
            tp as f64 / (tp + fp).max(1) as f64,
            tp as f64 / (tp + fne).max(1) as f64,
        );
    }
    ExitCode::SUCCESS
}
