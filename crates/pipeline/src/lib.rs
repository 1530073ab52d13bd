//! The whole dossier pipeline as one library call, so that every shell (the CLI
//! today, the server tomorrow) runs exactly the same stages in the same order:
//!
//! 1. ingest: read inputs, extract and clean articles (`dossier-ingest`);
//! 2. analyse each article in parallel (`dossier-analyze`);
//! 3. mark copies and group articles into stories (`dossier-cluster`);
//! 4. anchor relative dates of undated articles on their story, then
//!    synthesise each story (`dossier-synth`).

use dossier_analyze::Pipeline;
use dossier_cluster::ClusterOptions;
use dossier_ingest::{IngestError, IngestOptions};
use dossier_model::{Article, ArticleId, Brief, StoryId};
use dossier_synth::SynthOptions;
use rayon::prelude::*;

#[derive(Debug, Clone, Default)]
pub struct DigestOptions {
    pub ingest: IngestOptions,
    pub cluster: ClusterOptions,
    pub synth: SynthOptions,
}

/// A digest and the inputs that could not be read.
pub struct Digest {
    pub brief: Brief,
    pub errors: Vec<IngestError>,
}

/// Read and clean inputs only (what `dossier clean` does), with sentences.
pub fn clean_paths(paths: &[String], opts: &IngestOptions) -> (Vec<Article>, Vec<IngestError>) {
    let ingested = dossier_ingest::ingest_paths(paths, opts);
    (ingested.articles, ingested.errors)
}

/// Run the per-article analysis over all articles, in parallel.
pub fn analyze_all(articles: &mut [Article]) {
    let pipeline = Pipeline::standard();
    articles.par_iter_mut().for_each(|a| pipeline.run(a));
}

/// The whole pipeline over paths (files, folders, `-`).
pub fn digest_paths(paths: &[String], opts: &DigestOptions) -> Digest {
    let ingested = dossier_ingest::ingest_paths(paths, &opts.ingest);
    Digest {
        brief: digest_articles(ingested.articles, opts),
        errors: ingested.errors,
    }
}

/// The pipeline from ingested articles on. Article ids are renumbered to input order.
pub fn digest_articles(mut articles: Vec<Article>, opts: &DigestOptions) -> Brief {
    for (i, a) in articles.iter_mut().enumerate() {
        a.id = ArticleId(i);
    }
    let groups = group_articles(&mut articles, opts);
    let stories = groups
        .par_iter()
        .enumerate()
        .map(|(i, members)| {
            let refs: Vec<&Article> = members.iter().filter_map(|id| articles.get(id.0)).collect();
            dossier_synth::synthesize(StoryId(i), &refs, &opts.synth)
        })
        .collect();
    Brief { articles, stories }
}

/// Everything before synthesis: analyse each article, mark copies and relays,
/// group the articles into stories (largest first), and anchor the relative
/// dates of undated articles on their story. Shells that synthesise only some
/// stories (the store re-synthesises only those that changed) call this, then
/// `dossier_synth::synthesize` per story, so the stages never drift apart.
pub fn group_articles(articles: &mut [Article], opts: &DigestOptions) -> Vec<Vec<ArticleId>> {
    analyze_all(articles);
    dossier_cluster::mark_copies(articles, &opts.cluster);
    let mut groups = dossier_cluster::group_stories(articles, &opts.cluster);
    // An input cleaning emptied is listed for what was removed from it, and
    // belongs to no story.
    for members in &mut groups {
        members.retain(|id| articles.get(id.0).is_some_and(|a| !a.text.is_empty()));
    }
    groups.retain(|members| !members.is_empty());
    for members in &groups {
        dossier_synth::anchor_dates(articles, members);
    }
    groups
}

/// Summarise one benchmark cluster of already-extracted documents within `words`.
///
/// Only sentence splitting runs before the summariser: it is all the summary
/// text needs, and benchmark runs summarise thousands of clusters.
pub fn summarize_documents(documents: &[String], words: usize, opts: &IngestOptions) -> String {
    let articles: Vec<Article> = documents
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let mut a =
                dossier_ingest::article_from_text(ArticleId(i), &format!("doc{}", i + 1), d, opts);
            a.sentences = dossier_analyze::sentences::split_with_title(&a.text, a.title_span);
            a
        })
        .collect();
    let refs: Vec<&Article> = articles.iter().collect();
    dossier_synth::summary_text(&refs, words, &dossier_synth::SummaryWeights::default())
}
