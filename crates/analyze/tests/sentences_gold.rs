//! Sentence-splitting accuracy on the invented gold sets in
//! `tests/data/analyze/sentences/`: `gold.txt` (307 hard cases, the rules were
//! tuned on it) and `heldout.txt` (written after tuning, never tuned on).
//! Prints case accuracy and boundary precision/recall
//! (`cargo test -p dossier-analyze --test sentences_gold -- --nocapture`) and
//! asserts floors so that a regression fails.

use std::path::{Path, PathBuf};

use dossier_analyze::sentences::split;

struct Case {
    input: String,
    expected: Vec<String>,
}

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data/analyze/sentences")
        .join(name)
}

fn load(path: &Path) -> Vec<Case> {
    let raw = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = Vec::new();
    for block in raw.split("\n\n") {
        let mut lines = block.lines().filter(|l| !l.starts_with('#'));
        let Some(first) = lines.next() else { continue };
        let Some(input) = first.strip_prefix("> ") else {
            panic!(
                "{}: block does not start with '> ': {first:?}",
                path.display()
            )
        };
        out.push(Case {
            input: input.replace('⏎', "\n"),
            expected: lines.map(|l| l.replace('⏎', "\n")).collect(),
        });
    }
    out
}

/// End offsets of all sentences but the last: the boundaries to compare.
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

fn score(name: &str, cases: &[Case]) -> f64 {
    let (mut exact, mut tp, mut fp, mut fne) = (0usize, 0usize, 0usize, 0usize);
    let mut wrong = Vec::new();
    for c in cases {
        let got: Vec<String> = split(&c.input)
            .iter()
            .map(|s| c.input[s.start..s.end].to_string())
            .collect();
        if got == c.expected {
            exact += 1;
        } else {
            wrong.push(format!(
                "  {:?}\n    want {:?}\n    got  {:?}",
                c.input, c.expected, got
            ));
        }
        let (g, w) = (
            boundaries(&c.input, &got),
            boundaries(&c.input, &c.expected),
        );
        tp += g.iter().filter(|b| w.contains(b)).count();
        fp += g.iter().filter(|b| !w.contains(b)).count();
        fne += w.iter().filter(|b| !g.contains(b)).count();
    }
    let acc = exact as f64 / cases.len() as f64;
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fne).max(1) as f64;
    println!(
        "sentences {name}: {} cases, exact {exact} ({:.1}%), boundary precision {p:.3} recall {r:.3}",
        cases.len(),
        acc * 100.0
    );
    for w in &wrong {
        println!("{w}");
    }
    acc
}

#[test]
fn sentence_gold_accuracy() {
    let cases = load(&data("gold.txt"));
    assert!(cases.len() >= 300, "only {} cases", cases.len());
    let acc = score("gold", &cases);
    assert!(acc >= 0.97, "case accuracy {acc:.3} below the floor");
}

#[test]
fn sentence_heldout_accuracy() {
    let cases = load(&data("heldout.txt"));
    assert!(cases.len() >= 50, "only {} cases", cases.len());
    let acc = score("heldout", &cases);
    assert!(
        acc >= 0.85,
        "held-out case accuracy {acc:.3} below the floor"
    );
}

#[test]
fn sentence_heldout2_accuracy() {
    let cases = load(&data("heldout2.txt"));
    assert!(cases.len() >= 40, "only {} cases", cases.len());
    let acc = score("heldout2", &cases);
    assert!(
        acc >= 0.8,
        "second held-out case accuracy {acc:.3} below the floor"
    );
}
