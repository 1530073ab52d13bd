//! Run junk-line cleaning over every document of a cluster file (Multi-News
//! style JSON Lines) and report what it removed: counts per reason, and the
//! removed lines themselves for eyeballing.
//!
//! usage: cargo run --release -p dossier-ingest --example clean_clusters -- FILE.jsonl [--all]

use std::collections::BTreeMap;
use std::path::Path;

use dossier_ingest::clusters::read_clusters;
use dossier_ingest::{article_from_text, IngestOptions};
use dossier_model::ArticleId;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: clean_clusters FILE.jsonl [--all]");
        std::process::exit(2);
    };
    let show_all = args.next().as_deref() == Some("--all");
    let clusters = match read_clusters(Path::new(&path)) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let opts = IngestOptions::default();
    let (mut docs, mut lines, mut removed) = (0usize, 0usize, 0usize);
    let mut by_reason: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut samples: Vec<(String, &'static str, String)> = Vec::new();
    for c in &clusters {
        for (n, d) in c.documents.iter().enumerate() {
            docs += 1;
            let a = article_from_text(ArticleId(0), &format!("{}.{}", c.id, n + 1), d, &opts);
            lines += a.text.lines().filter(|l| !l.trim().is_empty()).count() + a.removed.len();
            removed += a.removed.len();
            for r in &a.removed {
                *by_reason.entry(r.reason.as_str()).or_default() += 1;
                samples.push((a.source.clone(), r.reason.as_str(), r.text.clone()));
            }
        }
    }
    println!(
        "{} clusters, {docs} documents, {lines} non-empty lines, {removed} removed",
        clusters.len()
    );
    for (r, n) in &by_reason {
        println!("  {r}: {n}");
    }
    // Every 7th removal (or all with --all), to read for wrong removals.
    for (i, (src, reason, text)) in samples.iter().enumerate() {
        if show_all || i % 7 == 0 {
            println!("{src}\t{reason}\t{text}");
        }
    }
}
