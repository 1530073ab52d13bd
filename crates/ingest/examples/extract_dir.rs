//! Run the HTML extractor over a folder of `.html` / `.html.gz` pages and print
//! one JSON line per page: `{"source", "text", "title", "published"}`. The
//! text leaves out the title line (`title_span`), as the benchmark does.
//!
//! usage: cargo run --release -p dossier-ingest --example extract_dir -- DIR [--keep-title] > out.jsonl
//! (timing goes to stderr).

use std::time::Instant;

use dossier_ingest::{ingest_bytes, IngestOptions};

fn main() {
    // `--keep-title` prints the article text exactly as ingested.
    let keep_title = std::env::args().any(|a| a == "--keep-title");
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: extract_dir DIR");
        std::process::exit(2);
    };
    let mut files: Vec<_> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd.flatten().map(|e| e.path()).collect(),
        Err(e) => {
            eprintln!("{dir}: {e}");
            std::process::exit(1);
        }
    };
    files.retain(|p| {
        let n = p.to_string_lossy();
        n.ends_with(".html") || n.ends_with(".html.gz") || n.ends_with(".htm")
    });
    files.sort();
    let opts = IngestOptions::default();
    let start = Instant::now();
    let mut pages = 0;
    for f in &files {
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let bytes = match std::fs::read(f) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{name}: {e}");
                continue;
            }
        };
        pages += 1;
        let (text, title, published) = match ingest_bytes(&name, &bytes, &opts) {
            Ok(arts) => match arts.into_iter().next() {
                // The benchmark's main content excludes the headline, so the
                // title line (when the text starts with it) is left out.
                Some(a) => (
                    match a.title_span.filter(|_| !keep_title) {
                        Some(s) => a.text.get(s.end..).unwrap_or("").trim_start().to_string(),
                        None => a.text.clone(),
                    },
                    a.meta.title,
                    a.meta.published.map(|d| d.to_string()),
                ),
                None => (String::new(), None, None),
            },
            Err(e) => {
                eprintln!("{e}");
                (String::new(), None, None)
            }
        };
        let line = serde_json::json!({
            "source": name, "text": text, "title": title, "published": published,
        });
        println!("{line}");
    }
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "{pages} pages in {secs:.2} s ({:.1} pages/s)",
        pages as f64 / secs.max(1e-9)
    );
}
