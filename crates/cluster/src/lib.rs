//! Copy detection and the grouping of articles into event-level stories.
//!
//! Two jobs, in order:
//! 1. [`mark_copies`]: MinHash LSH over word shingles finds near-duplicates
//!    (`duplicate_of`), winnowed shingle fingerprints find long quoted passages
//!    (`relays`); synthesis uses both to count independent sources. Candidate
//!    pairs come from buckets, never from all pairs ([`copies`]).
//! 2. [`group_stories`]: articles compared on words (TF-IDF of content stems,
//!    names counted up), named actors and places, explicit event dates and
//!    counted numbers ([`features`]). Piles a user digests go through exact
//!    average-link clustering, then a second look inside each story with
//!    locally reweighted terms that splits look-alike events (two quakes in
//!    one region, one person arrested twice), then lone reports join the
//!    story they resemble. Streams go through the incremental [`StoryIndex`]
//!    (centroids behind an inverted index), whose memory grows with the
//!    number of stories; large piles too, weighed with the pile's own
//!    frequencies, and each story it proposes is then cut again by the exact
//!    path (`recut.rs`).
//!
//! ```
//! use dossier_model::{Article, ArticleId};
//! let texts = ["Rebels took the river port of Kasso on Monday after heavy fighting with the army.",
//!              "Heavy fighting: rebels took the river port of Kasso on Monday, the army said.",
//!              "The central bank raised interest rates by half a point to curb inflation."];
//! let arts: Vec<Article> = texts.iter().enumerate()
//!     .map(|(i, t)| Article::new(ArticleId(i), "t", t.to_string())).collect();
//! let groups = dossier_cluster::group_stories(&arts, &Default::default());
//! assert_eq!(groups, vec![vec![ArticleId(0), ArticleId(1)], vec![ArticleId(2)]]);
//! ```

mod agglo;
pub mod copies;
pub mod features;
mod index;
mod recut;

pub use copies::mark_copies;
pub use index::{idf, shortlist, Centroid, Query, StoryIndex, POSTINGS_READ};

use dossier_model::{Article, ArticleId};

/// Thresholds of copy detection and story grouping.
#[derive(Debug, Clone)]
pub struct ClusterOptions {
    /// Words per shingle.
    pub shingle: usize,
    /// Jaccard overlap of shingle sets at or above which the later article is a copy.
    pub duplicate_jaccard: f32,
    /// Shared shingles (roughly words of one quoted passage) that make a relay.
    pub relay_shared_shingles: usize,
    /// Average similarity at or above which two groups merge into one story.
    pub merge_similarity: f32,
    /// Publication dates further apart than this (in days) keep articles apart.
    pub max_day_gap: i64,
    /// Weight of shared names (actors, places, organisations) beside shared words.
    pub name_weight: f32,
    /// Explicit event dates this many days apart still agree.
    pub date_slack_days: i64,
    /// Added to the similarity when two articles give an agreeing explicit date.
    pub date_bonus: f32,
    /// Explicit dates further apart than this (the closest pair) disagree.
    pub date_conflict_days: i64,
    /// Taken off when both give explicit dates and they disagree.
    pub date_penalty: f32,
    /// Added per shared counted number ("17 dead"), up to three.
    pub number_bonus: f32,
    /// Piles up to this size take the exact average-link path (O(n²) memory);
    /// larger ones the incremental [`StoryIndex`], then the exact path
    /// inside each of its stories.
    pub exact_limit: usize,
    /// Inside each story, average similarity under locally reweighted terms
    /// below which it splits in two events; 0 disables the second look.
    pub split_similarity: f32,
    /// Similarity of an article to a story centroid at or above which the
    /// incremental [[`StoryIndex`]] lets it join that story.
    pub stream_similarity: f32,
    /// Words at the start of an article (its lede: who, what, where, when)...
    pub lede_words: usize,
    /// ...count this many times as much as the rest.
    pub lede_weight: f32,
    /// Stories of at most two articles join the nearest larger story when
    /// their average similarity to it reaches this; 0 disables.
    pub attach_similarity: f32,
    /// Taken off when two articles lead with different actors (each one's
    /// most mentioned name is not among the other's three most mentioned).
    pub lead_penalty: f32,
    /// Weight floor of a term every member of the story shares.
    pub split_floor: f32,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            shingle: 5,
            duplicate_jaccard: 0.5,
            relay_shared_shingles: 20,
            merge_similarity: 0.22,
            max_day_gap: 120,
            name_weight: 1.0,
            date_slack_days: 3,
            date_conflict_days: 365,
            date_bonus: 0.03,
            date_penalty: 0.1,
            number_bonus: 0.03,
            exact_limit: 2000,
            split_similarity: 0.08,
            stream_similarity: 0.22,
            lede_words: 60,
            lede_weight: 1.0,
            attach_similarity: 0.15,
            lead_penalty: 0.0,
            split_floor: 0.5,
        }
    }
}

/// Group articles into stories, largest first; within a story, input order.
///
/// Piles up to `opts.exact_limit` articles take the exact average-link path
/// (quadratic memory); larger ones are streamed through a [`StoryIndex`]
/// and each story it proposes is cut again exactly (`recut.rs`).
pub fn group_stories(articles: &[Article], opts: &ClusterOptions) -> Vec<Vec<ArticleId>> {
    if articles.is_empty() {
        return Vec::new();
    }
    if articles.len() > opts.exact_limit {
        return recut::group_large(articles, opts);
    }
    let groups = agglo::group(articles, opts);
    agglo::to_ids(articles, groups)
}

/// [`group_stories`]' exact path over features already extracted (by
/// [`features::extract`], with any consistent term ids), weighted with the
/// given IDF instead of the pile's own.
///
/// For a small batch joining a large corpus: the batch's own document
/// frequencies would make an event's names look as common as its kind's
/// words (a name in 5 of 100 articles weighs little more than "strike" in
/// 12), and look-alike events of one kind would group together; the
/// corpus's frequencies keep names as rare as they are.
pub fn group_weighted(
    articles: &[Article],
    feats: Vec<features::Features>,
    idf: impl Fn(u32) -> f32,
    opts: &ClusterOptions,
) -> Vec<Vec<ArticleId>> {
    if articles.len() > opts.exact_limit || articles.len() != feats.len() {
        return group_stories(articles, opts);
    }
    let profs = agglo::weighted(feats, idf);
    let groups = agglo::group_profiles(articles, &profs, opts);
    agglo::to_ids(articles, groups)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_model::Date;

    fn art(i: usize, text: &str) -> Article {
        Article::new(ArticleId(i), format!("t{i}"), text.to_string())
    }

    const WIRE: &str = "Government troops recaptured the northern river port of Ostrava Vale on \
        Tuesday after three days of street fighting with fighters of the Free Hills Front, the \
        regional governor said, adding that at least forty civilians had fled across the bridge \
        before the army arrived and that the port would reopen to shipping next week.";

    #[test]
    fn a_lightly_edited_wire_copy_is_marked_as_duplicate_of_the_first() {
        let edited = WIRE
            .replace("Tuesday", "Tuesday morning")
            .replace("forty", "40");
        let mut arts = vec![
            art(0, WIRE),
            art(1, &edited),
            art(2, "Unrelated text about markets."),
        ];
        mark_copies(&mut arts, &ClusterOptions::default());
        assert_eq!(arts[1].duplicate_of, Some(ArticleId(0)));
        assert_eq!(arts[0].duplicate_of, None);
        assert_eq!(arts[2].duplicate_of, None);
    }

    #[test]
    fn a_blog_quoting_a_long_passage_is_a_relay_not_a_copy() {
        let blog = format!(
            "Our view. The news from the north is mixed, and we have written about the front many \
             times before on this blog, usually with little hope. Here is the wire report in full: \
             {WIRE} We think the governor is too optimistic. The front has retreated before and \
             returned within months, and nobody in the capital seems to have a plan for the port, \
             its workers or the families who fled across the bridge during the fighting. Local \
             councils have asked for help three times this year and been ignored each time."
        );
        let mut arts = vec![art(0, WIRE), art(1, &blog)];
        mark_copies(&mut arts, &ClusterOptions::default());
        assert_eq!(arts[1].duplicate_of, None);
        assert_eq!(arts[1].relays, vec![ArticleId(0)]);
    }

    #[test]
    fn far_apart_publication_dates_keep_look_alike_events_apart() {
        let mut a = art(0, WIRE);
        let mut b = art(1, &WIRE.replace("Tuesday", "Friday"));
        a.meta.published = Date::ymd(2030, 3, 1);
        b.meta.published = Date::ymd(2031, 3, 1);
        let groups = group_stories(&[a.clone(), b.clone()], &ClusterOptions::default());
        assert_eq!(groups.len(), 2);
        b.meta.published = Date::ymd(2030, 3, 4);
        let groups = group_stories(&[a, b], &ClusterOptions::default());
        assert_eq!(groups.len(), 1);
    }

    #[test]
    fn conflicting_event_dates_keep_look_alike_reports_apart() {
        let report = |day: &str| {
            format!(
                "Fire destroyed the Orvel timber mill on {day}, the fire brigade said. Crews from \
                 Orvel and Nesting fought the blaze for six hours. Mill owner Kai Brandt said \
                 the Orvel mill would be rebuilt, and no one was hurt in the fire."
            )
        };
        let dated = |i: usize, text: String, y: i32, m: u8, d: u8| {
            let mut a = art(i, &text);
            let pos = text.find("on ").map_or(0, |p| p + 3);
            let len = text[pos..].find(',').unwrap_or(0);
            a.times.push(dossier_model::TimeMention {
                span: dossier_model::Span::new(pos, pos + len),
                date: Date::ymd(y, m, d).unwrap(),
                until: None,
                inferred: false,
            });
            a
        };
        let same = [
            dated(0, report("4 May 2031"), 2031, 5, 4),
            dated(1, report("4 May 2031").replace("six", "seven"), 2031, 5, 4),
        ];
        assert_eq!(group_stories(&same, &ClusterOptions::default()).len(), 1);
        let apart = [
            dated(0, report("4 May 2031"), 2031, 5, 4),
            dated(
                1,
                report("9 October 2034").replace("six", "seven"),
                2034,
                10,
                9,
            ),
        ];
        // Word for word the same report: only a date penalty above the cosine
        // can part them; the default weighs dates against the wording.
        let opts = ClusterOptions {
            date_penalty: 2.0,
            ..ClusterOptions::default()
        };
        assert_eq!(group_stories(&apart, &opts).len(), 2);
    }

    #[test]
    fn large_piles_take_the_incremental_path_with_the_same_events() {
        let texts = [
            WIRE.to_string(),
            WIRE.replace("Tuesday", "Wednesday"),
            "The central bank of Almora raised its main interest rate by half a point to \
             curb inflation, governor Elin Marsh said after the board met in Almora."
                .to_string(),
            "Almora's central bank raised interest rates by half a point; governor Elin Marsh \
             said inflation in Almora was still too high after the board met."
                .to_string(),
        ];
        let arts: Vec<Article> = texts.iter().enumerate().map(|(i, t)| art(i, t)).collect();
        let opts = ClusterOptions {
            exact_limit: 1,
            ..ClusterOptions::default()
        };
        let groups = group_stories(&arts, &opts);
        assert_eq!(
            groups,
            vec![
                vec![ArticleId(0), ArticleId(1)],
                vec![ArticleId(2), ArticleId(3)]
            ]
        );
    }

    #[test]
    fn group_weighted_with_the_piles_own_idf_is_group_stories() {
        let texts = [
            WIRE.to_string(),
            WIRE.replace("Tuesday", "Wednesday"),
            "The central bank of Almora raised its main interest rate by half a point to \
             curb inflation, governor Elin Marsh said after the board met in Almora."
                .to_string(),
            "Almora's central bank raised interest rates by half a point; governor Elin Marsh \
             said inflation in Almora was still too high after the board met."
                .to_string(),
            "Unrelated text about a chess tournament in Varna.".to_string(),
        ];
        let arts: Vec<Article> = texts.iter().enumerate().map(|(i, t)| art(i, t)).collect();
        let opts = ClusterOptions::default();
        let mut vocab = features::Vocab::new();
        let feats: Vec<features::Features> = arts
            .iter()
            .map(|a| features::extract(a, &mut vocab, &opts))
            .collect();
        let idf = agglo::idf_table(&feats, vocab.len());
        let w = |t: u32| idf.get(t as usize).copied().unwrap_or(1.0);
        let got = group_weighted(&arts, feats, w, &opts);
        assert_eq!(got, group_stories(&arts, &opts));
        assert_eq!(got.len(), 3);
    }

    #[test]
    fn empty_input_gives_no_stories() {
        assert!(group_stories(&[], &ClusterOptions::default()).is_empty());
    }
}
