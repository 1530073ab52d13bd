//! Large piles grouped from scratch: the streaming [`StoryIndex`] proposes
//! stories, and the exact path decides inside each.
//!
//! A pile beyond `exact_limit` cannot take the exact path whole (quadratic
//! memory), so it is streamed through the index, which settles each article
//! on its own, at its turn, against story centroids. Two things make that
//! depend on the order of the pile rather than on its content, and both are
//! undone here:
//!
//! - weights: the index weighs each article with the whole pile's document
//!   frequencies ([`StoryIndex::count_pile`]), not the running counts of a
//!   stream, under which the first articles of a pile see kind words ("strike",
//!   "quake") as rare as names;
//! - joins: an article joins the story whose centroid it resembles, and an
//!   early report of a look-alike event that joined a story is followed by
//!   the rest of its event. Each proposed story (bounded, so small) is cut
//!   again by exact average link over its members, with lone reports
//!   attached as the exact path does, so a story holds only articles that
//!   resemble each other on average.
//!
//! The exact path's second look (splitting look-alike events with weights
//! local to a story) is left out here: on the Multi-News-based stream of
//! `examples/scale.rs` it split true events (B-cubed recall 0.724 to 0.701),
//! and the average-link cut already parts look-alike events on the store's
//! generated stream (B-cubed F1 against the events 0.989 with it left out,
//! 0.991 with it).

use std::collections::HashMap;

use dossier_model::{Article, ArticleId};

use crate::features::{self, Vocab};
use crate::{agglo, ClusterOptions, StoryIndex};

/// Articles the index takes at a time (its scans run in parallel within one).
const BATCH: usize = 4096;

/// Group a large pile: stream it through an index weighed with the pile's
/// frequencies, then cut each story again exactly. Largest first; within a
/// story, id order.
pub(crate) fn group_large(articles: &[Article], opts: &ClusterOptions) -> Vec<Vec<ArticleId>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut idx = StoryIndex::new(opts.clone());
    idx.count_pile(articles, threads);
    for batch in articles.chunks(BATCH) {
        idx.add_batch(batch, threads);
    }
    let proposed = idx.stories();
    let mut out = recut(articles, &proposed, &idx, threads);
    out.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
    out
}

/// Each proposed story cut again, the stories shared among up to `threads`
/// threads. A thread that died (no input should make one) leaves its
/// stories as proposed: no article is lost.
fn recut(
    articles: &[Article],
    proposed: &[Vec<ArticleId>],
    idx: &StoryIndex,
    threads: usize,
) -> Vec<Vec<ArticleId>> {
    let at: HashMap<ArticleId, &Article> = articles.iter().map(|a| (a.id, a)).collect();
    let exact = ClusterOptions {
        split_similarity: 0.0,
        ..idx.options().clone()
    };
    let chunk = proposed.len().div_ceil(threads.max(1)).max(1);
    let (at, exact) = (&at, &exact);
    std::thread::scope(|sc| {
        let handles: Vec<_> = proposed
            .chunks(chunk)
            .map(|part| {
                sc.spawn(move || {
                    // Every word is known since the pile was counted: a copy
                    // of the vocabulary gives the index's own term ids.
                    let mut vocab = idx.vocab().clone();
                    let mut out = Vec::new();
                    for story in part {
                        out.extend(cut(story, at, &mut vocab, idx, exact));
                    }
                    out
                })
            })
            .collect();
        handles
            .into_iter()
            .zip(proposed.chunks(chunk))
            .flat_map(|(h, part)| h.join().unwrap_or_else(|_| part.to_vec()))
            .collect()
    })
}

/// One proposed story of two or more articles cut by the exact path
/// (without its second look), weighed as the index weighed it.
fn cut(
    story: &[ArticleId],
    at: &HashMap<ArticleId, &Article>,
    vocab: &mut Vocab,
    idx: &StoryIndex,
    exact: &ClusterOptions,
) -> Vec<Vec<ArticleId>> {
    if story.len() < 2 {
        return vec![story.to_vec()];
    }
    let members: Vec<&Article> = story.iter().filter_map(|id| at.get(id).copied()).collect();
    let feats = members
        .iter()
        .map(|a| features::extract(a, vocab, exact))
        .collect();
    let profs = agglo::weighted(feats, |t| idx.weight(t));
    let groups = agglo::group_profiles(&members, &profs, exact);
    agglo::to_ids(&members, groups)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pile() -> Vec<Article> {
        [
            "Port Ellis dockers strike over pay; Port Ellis cranes idle.",
            "Port Ellis cranes idle as dockers strike over pay in Port Ellis.",
            "Varna drivers strike over shifts; Varna buses idle.",
            "Varna buses idle as drivers strike over shifts in Varna.",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| Article::new(ArticleId(i), format!("t{i}"), t.to_string()))
        .collect()
    }

    #[test]
    fn a_story_the_stream_joins_too_eagerly_is_cut_again_exactly() {
        // A stream that joins any story it meets: both strikes in one.
        let eager = ClusterOptions {
            exact_limit: 1,
            stream_similarity: -1.0,
            ..ClusterOptions::default()
        };
        let arts = pile();
        let mut idx = StoryIndex::new(eager.clone());
        idx.count_pile(&arts, 1);
        for a in &arts {
            idx.add(a);
        }
        assert_eq!(idx.stories().len(), 1, "the stream proposes one story");
        let ids = |v: &[usize]| v.iter().map(|&i| ArticleId(i)).collect::<Vec<_>>();
        assert_eq!(
            group_large(&arts, &eager),
            vec![ids(&[0, 1]), ids(&[2, 3])],
            "the exact cut parts the two strikes"
        );
    }

    #[test]
    fn the_pile_is_weighed_with_its_own_frequencies_from_the_first_article() {
        let arts = pile();
        let mut counted = StoryIndex::new(ClusterOptions::default());
        counted.count_pile(&arts, 2);
        let mut streamed = StoryIndex::new(ClusterOptions::default());
        for a in &arts {
            streamed.add(a);
        }
        // The counted index has, before its first article, the frequencies
        // the streamed one reaches after its last; adding articles to it
        // does not count them again.
        let weights = |idx: &StoryIndex| {
            let mut v = idx.vocab().clone();
            let f = features::extract(&arts[0], &mut v, idx.options());
            f.terms.iter().map(|&(t, _)| idx.weight(t)).sum::<f32>()
        };
        assert!((weights(&counted) - weights(&streamed)).abs() < 1e-6);
        for a in &arts {
            counted.add(a);
        }
        assert!((weights(&counted) - weights(&streamed)).abs() < 1e-6);
    }
}
