//! How far incremental grouping agrees with a regroup from scratch, and both
//! with the gold events: a labelled stream is ingested k articles at a time
//! (the first batch grouped from scratch, every later one incrementally),
//! then regrouped; prints B-cubed F1 of each pair as one JSON line.
//!
//! `cargo run --release -p dossier-store --example agreement -- [--k 100] [--threshold T] [--seed S] (--generated N | ECBPLUS.jsonl)`
//!
//! A JSONL input has one `{"id", "story", "text"}` record per line (ECB+ as
//! in `../shared/data/ecbplus-dev.jsonl`); `--generated N` takes N articles
//! of [`dossier_store::sample::stream`] (seed 1 unless `--seed` comes first).

use std::collections::{HashMap, HashSet};

use dossier_store::{Store, StoreOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut k = 100usize;
    let mut threshold: Option<f32> = None;
    let mut seed = 1u64;
    let mut items: Vec<(String, String, String)> = Vec::new();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--k" => k = args.next().ok_or("--k N")?.parse()?,
            "--threshold" => threshold = Some(args.next().ok_or("--threshold T")?.parse()?),
            "--seed" => seed = args.next().ok_or("--seed S")?.parse()?,
            "--generated" => {
                let n: usize = args.next().ok_or("--generated N")?.parse()?;
                for s in dossier_store::sample::stream(seed, n) {
                    items.push((s.name, s.event.to_string(), s.text));
                }
            }
            path => {
                for line in std::fs::read_to_string(path)?.lines() {
                    let v: serde_json::Value = serde_json::from_str(line)?;
                    let get = |key: &str| v[key].as_str().unwrap_or("").to_string();
                    items.push((get("id"), get("story"), get("text")));
                }
            }
        }
    }
    let mut opts = StoreOptions::default();
    if let Some(t) = threshold {
        opts.digest.cluster.stream_similarity = t;
    }
    let mut store = Store::open_in_memory()?;
    let mut gold: HashMap<i64, String> = HashMap::new();
    for chunk in items.chunks(k.max(1)) {
        let mut arts = Vec::new();
        let mut labels = Vec::new();
        for (id, story, text) in chunk {
            let got = dossier_ingest::ingest_input(id, text.as_bytes(), &opts.digest.ingest);
            for a in got.articles {
                arts.push(a);
                labels.push(story.clone());
            }
        }
        for (got, label) in store.add_articles(&arts)?.into_iter().zip(labels) {
            gold.insert(got.id, label);
        }
        store.update_stories(&opts.digest)?;
    }
    let incremental = store.assignments()?;
    store.regroup(&opts.digest)?;
    let regrouped = store.assignments()?;
    let prf = |a: &HashMap<i64, i64>, b: &HashMap<i64, String>| {
        let s = dossier_eval::bcubed::bcubed(a, b);
        format!(
            "{{\"p\": {:.3}, \"r\": {:.3}, \"f1\": {:.3}}}",
            s.precision, s.recall, s.f1
        )
    };
    let as_str = |m: &HashMap<i64, i64>| -> HashMap<i64, String> {
        m.iter().map(|(k, v)| (*k, v.to_string())).collect()
    };
    let stories = |m: &HashMap<i64, i64>| m.values().collect::<HashSet<_>>().len();
    println!(
        "{{\"articles\": {}, \"k\": {k}, \"stories\": {{\"incremental\": {}, \"regroup\": {}}}, \"incremental_vs_regroup\": {}, \"incremental_vs_gold\": {}, \"regroup_vs_gold\": {}}}",
        gold.len(),
        stories(&incremental),
        stories(&regrouped),
        prf(&incremental, &as_str(&regrouped)),
        prf(&incremental, &gold),
        prf(&regrouped, &gold)
    );
    Ok(())
}
