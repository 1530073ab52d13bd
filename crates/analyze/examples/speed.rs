//! Time `Pipeline::standard()` over every document of a Multi-News style JSONL
//! file (`{"documents": [text, ...]}` per line), and optionally dump what it found.
//!
//! cargo run --release -p dossier-analyze --example speed -- /work/shared/data/multinews-dev.jsonl [--dump N]

use std::time::Instant;

use dossier_analyze::Pipeline;
use dossier_model::{Article, ArticleId};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args
        .get(1)
        .map_or("/work/shared/data/multinews-dev.jsonl", String::as_str);
    let dump: Option<usize> = args
        .iter()
        .position(|a| a == "--dump")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse().ok());
    let raw = match std::fs::read_to_string(path) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(1);
        }
    };
    let mut articles = Vec::new();
    let mut clusters: Vec<std::ops::Range<usize>> = Vec::new();
    for (ln, line) in raw.lines().enumerate() {
        let v: serde_json::Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("{path}:{}: {e}", ln + 1);
                continue;
            }
        };
        let docs = v
            .get("documents")
            .and_then(|d| d.as_array())
            .cloned()
            .unwrap_or_default();
        let first = articles.len();
        for d in docs {
            if let Some(t) = d.as_str() {
                let text = t.replace("\r\n", "\n");
                articles.push(Article::new(
                    ArticleId(articles.len()),
                    format!("{path}#{}", ln + 1),
                    text,
                ));
            }
        }
        clusters.push(first..articles.len());
    }
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let pipeline = Pipeline::standard();
    let t0 = Instant::now();
    for a in &mut articles {
        pipeline.run(a);
    }
    let el = t0.elapsed();
    let count = |f: fn(&Article) -> usize| articles.iter().map(f).sum::<usize>();
    println!(
        "{} documents, {} bytes in {:.3} s ({:.1} MB/s): {} sentences, {} mentions, {} times, {} quotes, {} quantities",
        articles.len(),
        bytes,
        el.as_secs_f64(),
        bytes as f64 / 1e6 / el.as_secs_f64(),
        count(|a| a.sentences.len()),
        count(|a| a.mentions.len()),
        count(|a| a.times.len()),
        count(|a| a.quotes.len()),
        count(|a| a.quantities.len()),
    );
    let t1 = Instant::now();
    let mut groups = 0;
    for c in &clusters {
        let refs: Vec<&Article> = articles[c.clone()].iter().collect();
        groups += dossier_analyze::aliases::group(&refs).len();
    }
    println!(
        "aliases::group over {} clusters: {groups} groups in {:.3} s",
        clusters.len(),
        t1.elapsed().as_secs_f64()
    );
    let show_groups: usize = args
        .iter()
        .position(|a| a == "--groups")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    for c in clusters.iter().take(show_groups) {
        let refs: Vec<&Article> = articles[c.clone()].iter().collect();
        println!("==== cluster of articles {c:?}");
        for g in dossier_analyze::aliases::group(&refs).iter().take(25) {
            println!(
                "G| {} [{}] x{} aka {:?}",
                g.name,
                g.kind.as_str(),
                g.mentions.len(),
                g.aliases
            );
        }
    }
    let bad = articles.iter().filter(|a| a.check_spans().is_err()).count();
    println!("articles with invalid spans: {bad}");
    if let Some(n) = dump {
        for a in articles.iter().take(n) {
            println!("==== {} ({})", a.id, a.source);
            for s in &a.sentences {
                println!("S| {}", a.text_of(*s).replace('\n', "⏎"));
            }
            for m in &a.mentions {
                let d = m
                    .defined_as
                    .map(|d| format!(" = {}", a.text_of(d)))
                    .unwrap_or_default();
                println!("M| {:?} {}{d}", m.kind, a.text_of(m.span));
            }
            for t in &a.times {
                println!(
                    "T| {} -> {} {:?} inferred={}",
                    a.text_of(t.span),
                    t.date,
                    t.until.map(|u| u.to_string()),
                    t.inferred
                );
            }
            for q in &a.quotes {
                println!(
                    "Q| {} <- {:?} via {:?}",
                    a.text_of(q.span),
                    q.speaker.map(|s| a.text_of(s)),
                    q.via.map(|s| a.text_of(s))
                );
            }
            for q in &a.quantities {
                println!(
                    "N| {} = {} {:?} {:?} {:?} pct={}",
                    a.text_of(q.span),
                    q.value,
                    q.high,
                    q.modifier,
                    q.counted,
                    q.percent
                );
            }
        }
    }
}
