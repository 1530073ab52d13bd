//! Criterion benchmarks of the clusterer over the invented fixture pile
//! (`tests/data/cluster/stream.tsv`, analysed once outside the timed loops):
//! copy detection, the exact average-link path, and the incremental
//! [`StoryIndex`] over a pile replicated 50 times with word drops.
//!
//! Run: `cargo bench -p dossier-cluster --bench cluster` (add `-- --quick`).
//! Each benchmark checks its result inside the timed closure, so a clusterer
//! that stops doing its work fails instead of looking fast.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use dossier_analyze::Pipeline;
use dossier_cluster::{group_stories, mark_copies, ClusterOptions, StoryIndex};
use dossier_model::{Article, ArticleId};

fn fixture() -> Vec<Article> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/data/cluster/stream.tsv"
    );
    let raw = std::fs::read_to_string(path).expect("fixture tests/data/cluster/stream.tsv");
    let pipeline = Pipeline::standard();
    raw.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t'))
        .enumerate()
        .map(|(i, (_, text))| {
            let mut a = Article::new(ArticleId(i), "fixture", text.to_string());
            pipeline.run(&mut a);
            a
        })
        .collect()
}

/// `copies` variants of every article, each dropping a different tenth of its words.
fn replicated(base: &[Article], copies: usize) -> Vec<Article> {
    let mut out = Vec::new();
    for c in 0..copies {
        for a in base {
            let text: Vec<&str> = a
                .text
                .split_whitespace()
                .enumerate()
                .filter(|(k, _)| (k + c) % 10 != 0)
                .map(|(_, w)| w)
                .collect();
            out.push(Article::new(ArticleId(out.len()), "rep", text.join(" ")));
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let arts = fixture();
    let opts = ClusterOptions::default();
    let mut g = c.benchmark_group("cluster");
    g.throughput(Throughput::Elements(arts.len() as u64));
    let marked = |v: &[Article]| {
        v.iter()
            .filter(|a| a.duplicate_of.is_some() || !a.relays.is_empty())
            .count()
    };
    let mut once = arts.clone();
    mark_copies(&mut once, &opts);
    let expected = marked(&once);
    g.bench_function("mark_copies/fixture", |b| {
        b.iter_batched(
            || arts.clone(),
            |mut v| {
                mark_copies(&mut v, &opts);
                assert_eq!(marked(&v), expected);
                black_box(v)
            },
            BatchSize::SmallInput,
        )
    });
    g.bench_function("group_stories/fixture", |b| {
        b.iter(|| {
            let groups = group_stories(black_box(&arts), &opts);
            assert!((6..=12).contains(&groups.len()), "{} stories", groups.len());
            groups
        })
    });
    let many = replicated(&arts, 50);
    g.throughput(Throughput::Elements(many.len() as u64));
    g.bench_function("story_index/2000", |b| {
        b.iter(|| {
            let mut idx = StoryIndex::new(opts.clone());
            for a in &many {
                idx.add(a);
            }
            assert!(idx.len() >= 6 && idx.len() < 200, "{} stories", idx.len());
            idx.len()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
