//! Criterion benches, one per component, over the team's invented fixtures
//! (`tests/data/analyze/**`), concatenated into one corpus. Each iteration
//! asserts it found something, so a broken recogniser cannot bench as fast.
//!
//! cargo bench -p dossier-analyze --bench components

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dossier_analyze::{aliases, dates, entities, quantities, quotes, sentences, Pipeline};
use dossier_model::{Article, ArticleId, Date};

/// Every invented text under tests/data/analyze, one article each.
fn corpus() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/analyze");
    let mut texts = Vec::new();
    let mut dirs = vec![root];
    while let Some(d) = dirs.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "txt") {
                let raw = std::fs::read_to_string(&p).unwrap_or_default();
                let body: Vec<String> = raw
                    .lines()
                    .filter_map(|l| l.strip_prefix("> "))
                    .map(|l| l.replace('⏎', "\n"))
                    .collect();
                if body.is_empty() {
                    if let Some((_, b)) = raw.split_once("---\n") {
                        texts.push(b.to_string());
                    }
                } else {
                    texts.push(body.join("\n\n"));
                }
            }
        }
    }
    texts.sort();
    texts
}

fn benches(c: &mut Criterion) {
    let texts = corpus();
    let bytes: usize = texts.iter().map(String::len).sum();
    let reference = Date::ymd(2030, 5, 15);
    let analysed: Vec<Article> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut a = Article::new(ArticleId(i), "bench", t.clone());
            a.meta.published = reference;
            Pipeline::standard().run(&mut a);
            a
        })
        .collect();

    let mut g = c.benchmark_group("analyze");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("sentences", |b| {
        b.iter(|| {
            let n: usize = texts
                .iter()
                .map(|t| sentences::split(black_box(t)).len())
                .sum();
            assert!(n > 500);
        })
    });
    g.bench_function("entities", |b| {
        b.iter(|| {
            let n: usize = texts
                .iter()
                .map(|t| entities::find(black_box(t)).len())
                .sum();
            assert!(n > 100);
        })
    });
    g.bench_function("dates", |b| {
        b.iter(|| {
            let n: usize = texts
                .iter()
                .map(|t| dates::find(black_box(t), reference, false).len())
                .sum();
            assert!(n > 30);
        })
    });
    g.bench_function("quantities", |b| {
        b.iter(|| {
            let n: usize = texts
                .iter()
                .map(|t| quantities::find(black_box(t)).len())
                .sum();
            assert!(n > 30);
        })
    });
    g.bench_function("quotes", |b| {
        b.iter(|| {
            let n: usize = analysed
                .iter()
                .map(|a| quotes::find(black_box(a)).len())
                .sum();
            assert!(n > 20);
        })
    });
    g.bench_function("aliases", |b| {
        let refs: Vec<&Article> = analysed.iter().collect();
        b.iter(|| {
            let groups = aliases::group(black_box(&refs));
            assert!(groups.len() > 50);
        })
    });
    g.bench_function("pipeline", |b| {
        b.iter(|| {
            let mut n = 0;
            for t in &texts {
                let mut a = Article::new(ArticleId(0), "bench", t.clone());
                a.meta.published = reference;
                Pipeline::standard().run(&mut a);
                n += a.mentions.len();
            }
            assert!(n > 100);
        })
    });
    g.finish();
}

criterion_group!(components, benches);
criterion_main!(components);
