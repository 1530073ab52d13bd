//! Reproduces the choice of the summary weights on the even-numbered clusters
//! of a Multi-News file, with the odd-numbered clusters held out and reported
//! beside it:
//!
//! - by default, a coordinate search over the hand-set [`SummaryWeights`];
//! - with `--learn`, a ridge regression of each sentence's ROUGE density
//!   (reference unigrams and bigrams it contains, per token) on the sentence
//!   features, printed as the `learned` model to paste into the defaults.
//!
//! cargo run --release -p dossier-synth --example tune_summary -- ../shared/data/multinews-dev.jsonl [--learn]

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

/// Clipped overlap of two bags of n-grams.
fn overlap(a: &HashMap<Vec<String>, usize>, b: &HashMap<Vec<String>, usize>) -> usize {
    a.iter()
        .map(|(k, n)| (*n).min(b.get(k).copied().unwrap_or(0)))
        .sum()
}

fn ngrams(tokens: &[String], n: usize) -> HashMap<Vec<String>, usize> {
    let mut m = HashMap::new();
    for w in tokens.windows(n) {
        *m.entry(w.to_vec()).or_insert(0) += 1;
    }
    m
}

type Row = ([f32; dossier_synth::FEATURES], f32);

/// Solve (XᵀX + λI) w = Xᵀy by Gauss–Jordan elimination.
fn ridge(rows: &[Row], lambda: f64) -> [f32; dossier_synth::FEATURES] {
    const N: usize = dossier_synth::FEATURES;
    let mut a = [[0f64; N + 1]; N];
    for (x, y) in rows {
        for i in 0..N {
            for j in 0..N {
                a[i][j] += f64::from(x[i]) * f64::from(x[j]);
            }
            a[i][N] += f64::from(x[i]) * f64::from(*y);
        }
    }
    for (i, row) in a.iter_mut().enumerate() {
        row[i] += lambda;
    }
    for c in 0..N {
        let p = (c..N)
            .max_by(|&x, &y| a[x][c].abs().total_cmp(&a[y][c].abs()))
            .unwrap_or(c);
        a.swap(c, p);
        let d = a[c][c];
        if d.abs() < 1e-12 {
            continue;
        }
        for x in &mut a[c][c..=N] {
            *x /= d;
        }
        let pivot = a[c];
        for (r, row) in a.iter_mut().enumerate() {
            if r != c {
                let f = row[c];
                for (x, p) in row[c..=N].iter_mut().zip(&pivot[c..=N]) {
                    *x -= f * p;
                }
            }
        }
    }
    let mut w = [0f32; N];
    for (i, wi) in w.iter_mut().enumerate() {
        *wi = a[i][N] as f32;
    }
    w
}

fn learn(clusters: &[Cluster], base: &SummaryWeights) {
    let rows: Vec<Row> = clusters
        .par_iter()
        .enumerate()
        .filter(|(i, _)| i % 2 == 0)
        .flat_map_iter(|(_, c)| {
            let refs: Vec<&Article> = c.articles.iter().collect();
            let pool = dossier_synth::Pool::build(&refs);
            let gold = rouge::tokenize(&c.gold);
            let (g1, g2) = (ngrams(&gold, 1), ngrams(&gold, 2));
            (0..pool.sentences.len())
                .filter_map(|i| {
                    let f = dossier_synth::features(&pool, i, base)?;
                    let toks = rouge::tokenize(pool.sentences[i].text);
                    let n = toks.len().max(1) as f32;
                    let hits = overlap(&ngrams(&toks, 1), &g1) + overlap(&ngrams(&toks, 2), &g2);
                    Some((f, hits as f32 / n))
                })
                .collect::<Vec<_>>()
        })
        .collect();
    println!(
        "learning from {} sentences of the even clusters",
        rows.len()
    );
    for lambda in [0.1, 10.0, 100.0] {
        let model = ridge(&rows, lambda);
        for mmr in [0.5, 0.7, 0.9] {
            let w = SummaryWeights {
                learned: Some(model),
                lambda: mmr,
                ..*base
            };
            let (t1, t2) = score(clusters, 0, &w);
            let (h1, h2) = score(clusters, 1, &w);
            println!("ridge {lambda} mmr {mmr}: tune R1 {t1:.2} R2 {t2:.2}; held-out R1 {h1:.2} R2 {h2:.2}");
        }
        let named: Vec<String> = dossier_synth::FEATURE_NAMES
            .iter()
            .zip(model.iter())
            .map(|(n, v)| format!("{n}={v:.4}"))
            .collect();
        println!("  model: {}", named.join(" "));
    }
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: tune_summary CLUSTERS.jsonl [--learn]");
    let clusters = load(&path);
    if std::env::args().any(|a| a == "--learn") {
        let base = SummaryWeights {
            learned: None,
            ..SummaryWeights::default()
        };
        let (t1, t2) = score(&clusters, 0, &base);
        let (h1, h2) = score(&clusters, 1, &base);
        println!("hand-set weights: tune R1 {t1:.2} R2 {t2:.2}; held-out R1 {h1:.2} R2 {h2:.2}");
        learn(&clusters, &base);
        return;
    }
    let mut best = SummaryWeights {
        learned: None,
        ..SummaryWeights::default()
    };
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
