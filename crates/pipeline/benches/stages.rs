//! Criterion benchmarks of each pipeline stage, and of the whole digest, over the
//! team's invented example corpus (`examples/corpus`), so that a slowdown shows up
//! in the stage that caused it.
//!
//! Run: `cargo bench -p dossier-pipeline --bench stages` (add `-- --quick` for a
//! fast pass). Every benchmark checks its result inside the timed closure, so a
//! stage that silently stops doing its work fails the bench instead of looking
//! fast.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use dossier_analyze::Pipeline;
use dossier_cluster::ClusterOptions;
use dossier_ingest::IngestOptions;
use dossier_model::{Article, ArticleId, Brief, StoryId};
use dossier_pipeline::DigestOptions;
use dossier_render::TextOptions;
use dossier_synth::SynthOptions;

/// The corpus is found from this crate's manifest, so the bench runs from any
/// working directory.
fn corpus_paths() -> Vec<String> {
    vec![format!(
        "{}/../../examples/corpus",
        env!("CARGO_MANIFEST_DIR")
    )]
}

/// Inputs of every stage, computed once outside the timed loops.
struct Fixture {
    paths: Vec<String>,
    /// Ingested articles, ids renumbered to input order as `digest_articles` does.
    ingested: Vec<Article>,
    /// `ingested` after the standard analysis.
    analysed: Vec<Article>,
    /// The largest story's articles, copies marked and dates anchored.
    largest_story: Vec<Article>,
    brief: Brief,
}

fn fixture() -> Fixture {
    let paths = corpus_paths();
    let result = dossier_ingest::ingest_paths(&paths, &IngestOptions::default());
    assert!(
        result.errors.is_empty(),
        "the example corpus should read without errors: {:?}",
        result
            .errors
            .iter()
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
    );
    // Two stories need at least a handful of reports; fewer means ingest broke.
    assert!(
        result.articles.len() >= 4,
        "only {} articles ingested from {:?}",
        result.articles.len(),
        paths
    );
    let mut ingested = result.articles;
    for (i, a) in ingested.iter_mut().enumerate() {
        a.id = ArticleId(i);
    }

    let mut analysed = ingested.clone();
    dossier_pipeline::analyze_all(&mut analysed);

    let opts = ClusterOptions::default();
    let mut marked = analysed.clone();
    dossier_cluster::mark_copies(&mut marked, &opts);
    let groups = dossier_cluster::group_stories(&marked, &opts);
    for members in &groups {
        dossier_synth::anchor_dates(&mut marked, members);
    }
    let largest = groups
        .iter()
        .max_by_key(|g| g.len())
        .cloned()
        .unwrap_or_default();
    assert!(!largest.is_empty(), "no story found in the example corpus");
    let largest_story: Vec<Article> = largest
        .iter()
        .filter_map(|id| marked.get(id.0).cloned())
        .collect();

    let brief = dossier_pipeline::digest_articles(ingested.clone(), &DigestOptions::default());
    assert!(!brief.stories.is_empty(), "the digest found no story");

    Fixture {
        paths,
        ingested,
        analysed,
        largest_story,
        brief,
    }
}

fn stages(c: &mut Criterion) {
    let fx = fixture();
    let n = fx.ingested.len();
    let elements = Throughput::Elements(n as u64);

    let mut g = c.benchmark_group("ingest");
    g.throughput(elements.clone());
    g.bench_function("ingest_paths", |b| {
        let opts = IngestOptions::default();
        b.iter(|| {
            let r = dossier_ingest::ingest_paths(black_box(&fx.paths), &opts);
            assert_eq!(r.articles.len(), n);
            r
        })
    });
    g.finish();

    let mut g = c.benchmark_group("analyze");
    g.throughput(elements.clone());
    // One thread: the cost of the analysers themselves.
    g.bench_function("standard_sequential", |b| {
        let pipeline = Pipeline::standard();
        b.iter_batched(
            || fx.ingested.clone(),
            |mut articles| {
                for a in &mut articles {
                    pipeline.run(a);
                }
                assert!(articles.iter().all(|a| !a.sentences.is_empty()));
                articles
            },
            BatchSize::SmallInput,
        )
    });
    // What the pipeline does: rayon over articles.
    g.bench_function("analyze_all_parallel", |b| {
        b.iter_batched(
            || fx.ingested.clone(),
            |mut articles| {
                dossier_pipeline::analyze_all(&mut articles);
                assert!(articles.iter().all(|a| !a.sentences.is_empty()));
                articles
            },
            BatchSize::SmallInput,
        )
    });
    g.finish();

    let mut g = c.benchmark_group("cluster");
    g.throughput(elements.clone());
    g.bench_function("mark_copies+group_stories", |b| {
        let opts = ClusterOptions::default();
        b.iter_batched(
            || fx.analysed.clone(),
            |mut articles| {
                dossier_cluster::mark_copies(&mut articles, &opts);
                let groups = dossier_cluster::group_stories(&articles, &opts);
                // Every article lands in exactly one story.
                assert_eq!(groups.iter().map(Vec::len).sum::<usize>(), n);
                (articles, groups)
            },
            BatchSize::SmallInput,
        )
    });
    g.finish();

    let mut g = c.benchmark_group("synth");
    g.throughput(Throughput::Elements(fx.largest_story.len() as u64));
    g.bench_function("synthesize_largest_story", |b| {
        let refs: Vec<&Article> = fx.largest_story.iter().collect();
        let opts = SynthOptions::default();
        b.iter(|| {
            let story = dossier_synth::synthesize(StoryId(0), black_box(&refs), &opts);
            assert_eq!(story.articles.len(), refs.len());
            assert!(!story.summary.is_empty());
            story
        })
    });
    g.finish();

    let mut g = c.benchmark_group("render");
    g.throughput(elements.clone());
    g.bench_function("json", |b| {
        b.iter(|| {
            let s = dossier_render::json::brief_to_json(black_box(&fx.brief), "dossier bench");
            assert!(s.contains("dossier/1"));
            s
        })
    });
    g.bench_function("text", |b| {
        let opts = TextOptions::default();
        b.iter(|| {
            let s = dossier_render::render_text(black_box(&fx.brief), opts);
            assert!(!s.is_empty());
            s
        })
    });
    g.bench_function("markdown", |b| {
        b.iter(|| {
            let s = dossier_render::render_markdown(black_box(&fx.brief));
            assert!(!s.is_empty());
            s
        })
    });
    g.finish();

    let mut g = c.benchmark_group("digest");
    g.throughput(elements);
    g.bench_function("digest_articles", |b| {
        let opts = DigestOptions::default();
        b.iter_batched(
            || fx.ingested.clone(),
            |articles| {
                let brief = dossier_pipeline::digest_articles(articles, &opts);
                assert_eq!(brief.articles.len(), n);
                // Every article lands in exactly one story.
                let in_stories: usize = brief.stories.iter().map(|s| s.articles.len()).sum();
                assert_eq!(in_stories, n);
                brief
            },
            BatchSize::SmallInput,
        )
    });
    g.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
