//! Copy detection and the grouping of articles into event-level stories.
//!
//! Two jobs, in order:
//! 1. [`mark_copies`]: word-shingle overlap marks near-duplicates (`duplicate_of`)
//!    and long quoted passages (`relays`), which synthesis uses to count
//!    independent sources.
//! 2. [`group_stories`]: TF-IDF vectors of content stems, with names weighted up,
//!    grouped by average-link agglomerative clustering. Articles whose
//!    publication dates lie far apart are kept apart, so look-alike events
//!    (two quakes in one region) do not merge on vocabulary alone.
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

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

use dossier_model::{Article, ArticleId};
use dossier_text::{is_stopword, normalize_word, stem, words};

/// Thresholds of copy detection and story grouping.
#[derive(Debug, Clone)]
pub struct ClusterOptions {
    /// Words per shingle.
    pub shingle: usize,
    /// Jaccard overlap of shingle sets at or above which the later article is a copy.
    pub duplicate_jaccard: f32,
    /// Shared shingles (roughly words of one quoted passage) that make a relay.
    pub relay_shared_shingles: usize,
    /// Average cosine similarity at or above which two groups merge into one story.
    pub merge_similarity: f32,
    /// Publication dates further apart than this (in days) keep articles apart.
    pub max_day_gap: i64,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            shingle: 5,
            duplicate_jaccard: 0.5,
            relay_shared_shingles: 20,
            merge_similarity: 0.16,
            max_day_gap: 120,
        }
    }
}

fn shingles(text: &str, k: usize) -> HashSet<u64> {
    let toks: Vec<String> = words(text).map(|(_, w)| w.to_lowercase()).collect();
    let mut set = HashSet::new();
    if toks.len() < k {
        if !toks.is_empty() {
            set.insert(hash_words(&toks));
        }
        return set;
    }
    for win in toks.windows(k) {
        set.insert(hash_words(win));
    }
    set
}

fn hash_words(ws: &[String]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    ws.hash(&mut h);
    h.finish()
}

/// Which of two articles came first: by publication date, then input order.
fn earlier(a: &Article, b: &Article) -> bool {
    match (a.meta.published, b.meta.published) {
        (Some(x), Some(y)) if x != y => x < y,
        _ => a.id < b.id,
    }
}

/// Mark near-duplicates (`duplicate_of`, pointing at the earliest copy) and
/// relays (an article quoting a long passage of an earlier one).
pub fn mark_copies(articles: &mut [Article], opts: &ClusterOptions) {
    let sets: Vec<HashSet<u64>> = articles
        .iter()
        .map(|a| shingles(&a.text, opts.shingle))
        .collect();
    // Inverted index: only pairs that share a shingle are compared.
    let mut index: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, s) in sets.iter().enumerate() {
        for &h in s {
            index.entry(h).or_default().push(i);
        }
    }
    let mut shared: HashMap<(usize, usize), usize> = HashMap::new();
    for posting in index.values() {
        // A shingle in very many articles is boilerplate, not evidence of copying.
        if posting.len() > 50 {
            continue;
        }
        for (x, &i) in posting.iter().enumerate() {
            for &j in &posting[x + 1..] {
                *shared.entry((i, j)).or_default() += 1;
            }
        }
    }
    let mut pairs: Vec<((usize, usize), usize)> = shared.into_iter().collect();
    pairs.sort_unstable();
    for ((i, j), n) in pairs {
        let union = sets[i].len() + sets[j].len() - n;
        let jaccard = if union == 0 {
            0.0
        } else {
            n as f32 / union as f32
        };
        let (first, later) = if earlier(&articles[i], &articles[j]) {
            (i, j)
        } else {
            (j, i)
        };
        if jaccard >= opts.duplicate_jaccard {
            if articles[later].duplicate_of.is_none() {
                // Point at the root copy so chains collapse to one origin.
                let root = articles[first].duplicate_of.unwrap_or(articles[first].id);
                articles[later].duplicate_of = Some(root);
            }
        } else if n >= opts.relay_shared_shingles {
            let id = articles[first].id;
            if !articles[later].relays.contains(&id) {
                articles[later].relays.push(id);
            }
        }
    }
}

/// Sparse TF-IDF vectors over content stems; capitalised words (names) count double
/// because shared actors and places separate events better than shared verbs.
fn tfidf(articles: &[Article]) -> Vec<HashMap<u32, f32>> {
    let mut vocab: HashMap<String, u32> = HashMap::new();
    let mut tfs: Vec<HashMap<u32, f32>> = Vec::with_capacity(articles.len());
    for a in articles {
        let mut tf: HashMap<u32, f32> = HashMap::new();
        for (_, w) in words(&a.text) {
            let n = normalize_word(w);
            if n.chars().count() < 2 || is_stopword(&n) || n.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            let weight = if w.chars().next().is_some_and(char::is_uppercase) {
                2.0
            } else {
                1.0
            };
            let next = vocab.len() as u32;
            let id = *vocab.entry(stem(&n)).or_insert(next);
            *tf.entry(id).or_default() += weight;
        }
        tfs.push(tf);
    }
    let mut df: HashMap<u32, f32> = HashMap::new();
    for tf in &tfs {
        for &t in tf.keys() {
            *df.entry(t).or_default() += 1.0;
        }
    }
    let n = articles.len() as f32;
    tfs.into_iter()
        .map(|tf| {
            let mut v: HashMap<u32, f32> = tf
                .into_iter()
                .map(|(t, c)| {
                    let idf = ((1.0 + n) / (1.0 + df[&t])).ln() + 1.0;
                    (t, (1.0 + c.ln()) * idf)
                })
                .collect();
            let norm = v.values().map(|x| x * x).sum::<f32>().sqrt();
            if norm > 0.0 {
                v.values_mut().for_each(|x| *x /= norm);
            }
            v
        })
        .collect()
}

fn dot(a: &HashMap<u32, f32>, b: &HashMap<u32, f32>) -> f32 {
    let (s, l) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    s.iter().filter_map(|(k, v)| l.get(k).map(|w| v * w)).sum()
}

/// Group articles into stories, largest first; within a story, input order.
///
/// Average-link agglomerative clustering over a similarity matrix, so the cost is
/// quadratic in memory and up to cubic in time: meant for the piles a user
/// digests (up to a few thousand articles).
pub fn group_stories(articles: &[Article], opts: &ClusterOptions) -> Vec<Vec<ArticleId>> {
    let n = articles.len();
    if n == 0 {
        return Vec::new();
    }
    let vecs = tfidf(articles);
    let mut sim = vec![vec![0f32; n]; n];
    for i in 0..n {
        for j in i + 1..n {
            let mut s = dot(&vecs[i], &vecs[j]);
            if let (Some(a), Some(b)) = (articles[i].meta.published, articles[j].meta.published) {
                if (a.first_day_number() - b.first_day_number()).abs() > opts.max_day_gap {
                    s = f32::NEG_INFINITY;
                }
            }
            // Copies belong together whatever their vocabulary weights say.
            if articles[i].duplicate_of == Some(articles[j].id)
                || articles[j].duplicate_of == Some(articles[i].id)
            {
                s = s.max(1.0);
            }
            sim[i][j] = s;
            sim[j][i] = s;
        }
    }
    let mut members: Vec<Option<Vec<usize>>> = (0..n).map(|i| Some(vec![i])).collect();
    loop {
        let mut best = (f32::NEG_INFINITY, 0, 0);
        for i in 0..n {
            if members[i].is_none() {
                continue;
            }
            for j in i + 1..n {
                if members[j].is_some() && sim[i][j] > best.0 {
                    best = (sim[i][j], i, j);
                }
            }
        }
        let (s, i, j) = best;
        if s < opts.merge_similarity {
            break;
        }
        let (Some(mi), Some(mj)) = (members[i].take(), members[j].take()) else {
            break;
        };
        let (ni, nj) = (mi.len() as f32, mj.len() as f32);
        // Lance–Williams update for average linkage; a forbidden pair stays forbidden.
        for k in 0..n {
            if k == i || k == j || members[k].is_none() {
                continue;
            }
            let v = if sim[i][k] == f32::NEG_INFINITY || sim[j][k] == f32::NEG_INFINITY {
                f32::NEG_INFINITY
            } else {
                (ni * sim[i][k] + nj * sim[j][k]) / (ni + nj)
            };
            sim[i][k] = v;
            sim[k][i] = v;
        }
        let mut merged = mi;
        merged.extend(mj);
        merged.sort_unstable();
        members[i] = Some(merged);
    }
    let mut groups: Vec<Vec<ArticleId>> = members
        .into_iter()
        .flatten()
        .map(|m| m.into_iter().map(|i| articles[i].id).collect())
        .collect();
    groups.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
    groups
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
    fn empty_input_gives_no_stories() {
        assert!(group_stories(&[], &ClusterOptions::default()).is_empty());
    }
}
