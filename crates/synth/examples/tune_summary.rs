//! Reproduces the choice of the summary weights: a coordinate search over
//! [`SummaryWeights`] on the even-numbered clusters of a Multi-News file, with
//! the odd-numbered clusters held out and reported beside it.
//!
//! cargo run --release -p dossier-synth --example tune_summary -- ../shared/data/multinews-dev.jsonl

use std::collections::HashMap;

use dossier_eval::rouge;
use dossier_model::{Article, ArticleId};
use dossier_synth::SummaryWeights;
use rayon::prelude::*;

struct Cluster {
    id: String,
    gold: String,
    articles: Vec<Article>,
}

fn load(path: &str) -> Vec<Cluster> {
    let raw = std::fs::read_to_string(path).expect("read clusters");
    let opts = dossier_ingest::IngestOptions::default();
    raw.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("JSON line");
            let docs = v["documents"].as_array().cloned().unwrap_or_default();
            let articles = docs
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    let mut a = dossier_ingest::article_from_text(
                        ArticleId(i),
                        "doc",
                        d.as_str().unwrap_or(""),
                        &opts,
                    );
                    a.sentences =
                        dossier_analyze::sentences::split_with_title(&a.text, a.title_span);
                    a
                })
                .collect();
            Cluster {
                id: v["id"].as_str().unwrap_or("").to_string(),
                gold: v["summary"].as_str().unwrap_or("").to_string(),
                articles,
            }
        })
        .collect()
}

/// of the clusters whose index has the given parity.
fn score(clusters: &[Cluster], parity: usize, w: &SummaryWeights) -> (f64, f64) {
    let picked: Vec<&Cluster> = clusters
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 2 == parity)
        .map(|(_, c)| c)
        .collect();
    let system: HashMap<String, String> = picked
        .par_iter()
        .map(|c| {
            let refs: Vec<&Article> = c.articles.iter().collect();
            (c.id.clone(), dossier_synth::summary_text(&refs, 250, w))
        })
        .collect();
    let gold: Vec<(String, String)> = picked
        .iter()
        .map(|c| (c.id.clone(), c.gold.clone()))
        .collect();
    let r = rouge::evaluate(&gold, &system);
    (r.rouge1, r.rouge2)
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: tune_summary CLUSTERS.jsonl");
    let clusters = load(&path);
    let mut best = SummaryWeights::default();
    let objective = |w: &SummaryWeights| {
        let (r1, r2) = score(&clusters, 0, w);
        r1 + r2
    };
    let mut best_score = objective(&best);
    let (h1, h2) = score(&clusters, 1, &best);
    println!("start: tune R1+R2 {best_score:.2}; held-out R1 {h1:.2} R2 {h2:.2}; {best:?}");
    type Setter = fn(&mut SummaryWeights, f32);
    let knobs: Vec<(&str, Setter, Vec<f32>)> = vec![
        (
            "position",
            |w, v| w.position = v,
            vec![0.0, 0.1, 0.2, 0.35, 0.5, 0.8, 1.2],
        ),
        (
            "agreement",
            |w, v| w.agreement = v,
            vec![0.0, 0.1, 0.2, 0.4, 0.7],
        ),
        (
            "agreement_similarity",
            |w, v| w.agreement_similarity = v,
            vec![0.15, 0.2, 0.3, 0.4],
        ),
        ("dangling", |w, v| w.dangling = v, vec![0.3, 0.6, 0.8, 1.0]),
        (
            "lambda",
            |w, v| w.lambda = v,
            vec![0.5, 0.6, 0.7, 0.8, 0.9, 1.0],
        ),
        (
            "max_redundancy",
            |w, v| w.max_redundancy = v,
            vec![0.4, 0.5, 0.65, 0.8],
        ),
        (
            "coverage",
            |w, v| w.coverage = v,
            vec![0.0, 0.1, 0.2, 0.4, 0.7, 1.0],
        ),
        (
            "min_words",
            |w, v| w.min_words = v as usize,
            vec![4.0, 6.0, 8.0, 10.0, 12.0],
        ),
        (
            "max_words",
            |w, v| w.max_words = v as usize,
            vec![40.0, 55.0, 70.0, 90.0],
        ),
    ];
    for round in 0..2 {
        for (name, set, values) in &knobs {
            for &v in values {
                let mut w = best;
                set(&mut w, v);
                let s = objective(&w);
                if s > best_score + 1e-6 {
                    best_score = s;
                    best = w;
                    println!("round {round}: {name} = {v}: tune R1+R2 {s:.2}");
                }
            }
        }
    }
    let (t1, t2) = score(&clusters, 0, &best);
    let (h1, h2) = score(&clusters, 1, &best);
    println!("best: tune R1 {t1:.2} R2 {t2:.2}; held-out R1 {h1:.2} R2 {h2:.2}\n{best:#?}");
}
