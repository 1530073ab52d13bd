//! Incremental story grouping for streams and large piles: each new article
//! is compared only with the stories that share one of its strongest terms
//! (an inverted index over story centroids), joins the best one above a
//! threshold or starts a new story. Memory grows with the number of stories
//! (a bounded centroid each), not with the square of the articles.

use std::collections::HashMap;

use dossier_model::{Article, ArticleId, Precision, StoryId};

use crate::features::{self, Vocab};
use crate::ClusterOptions;

/// Terms kept in a story centroid, and terms of an article used as queries.
const CENTROID_TERMS: usize = 48;
const CENTROID_NAMES: usize = 16;
const QUERY_TERMS: usize = 8;
const QUERY_NAMES: usize = 4;
/// Stories looked at per query term: the most recent ones, since a term shared
/// by thousands of stories (a common word) says little on its own.
const POSTING_SCAN: usize = 32;
/// Candidates scored in full: those that share the most query terms.
const SHORTLIST: usize = 16;
/// Dates and numbers remembered per story.
const STORY_DATES: usize = 16;
const STORY_NUMBERS: usize = 32;

#[derive(Debug, Clone, Default)]
struct Story {
    /// Sum of member vectors, truncated to the strongest terms, sorted by id.
    terms: Vec<(u32, f32)>,
    names: Vec<(u32, f32)>,
    dates: Vec<(i64, Precision)>,
    numbers: Vec<u64>,
    size: u32,
    /// L2 norms of `terms` and `names`, kept with them.
    norm_terms: f32,
    norm_names: f32,
}

/// An incrementally built set of stories.
///
/// ```
/// use dossier_cluster::{ClusterOptions, StoryIndex};
/// use dossier_model::{Article, ArticleId};
/// let mut idx = StoryIndex::new(ClusterOptions::default());
/// let a = Article::new(ArticleId(0), "t", "Floods cut the Varna ring road; the Varna mayor closed schools.".into());
/// let b = Article::new(ArticleId(1), "t", "The Varna mayor closed schools as floods cut the ring road.".into());
/// assert_eq!(idx.add(&a), idx.add(&b));
/// ```
#[derive(Debug, Clone)]
pub struct StoryIndex {
    opts: ClusterOptions,
    vocab: Vocab,
    /// Document frequency by term id, for running IDF weights.
    df: Vec<u32>,
    docs: u32,
    stories: Vec<Story>,
    /// Term id to the stories whose centroid holds it, oldest first.
    postings: HashMap<u32, Vec<u32>>,
    members: Vec<(ArticleId, StoryId)>,
}

fn truncate(v: &mut Vec<(u32, f32)>, k: usize) {
    if v.len() > k {
        v.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(k);
        v.sort_unstable_by_key(|x| x.0);
    }
}

fn add_into(sum: &mut Vec<(u32, f32)>, v: &[(u32, f32)]) {
    let mut out = Vec::with_capacity(sum.len() + v.len());
    let (mut i, mut j) = (0, 0);
    while i < sum.len() || j < v.len() {
        match (sum.get(i), v.get(j)) {
            (Some(a), Some(b)) if a.0 == b.0 => {
                out.push((a.0, a.1 + b.1));
                i += 1;
                j += 1;
            }
            (Some(a), Some(b)) if a.0 < b.0 => {
                out.push(*a);
                i += 1;
            }
            (Some(a), None) => {
                out.push(*a);
                i += 1;
            }
            (_, Some(b)) => {
                out.push(*b);
                j += 1;
            }
            (None, None) => break,
        }
    }
    *sum = out;
}

/// Cosine of a unit query with a centroid of known norm.
fn cosine(unit: &[(u32, f32)], centroid: &[(u32, f32)], norm: f32) -> f32 {
    if norm <= 0.0 {
        return 0.0;
    }
    features::dot(unit, centroid) / norm
}

fn norm(v: &[(u32, f32)]) -> f32 {
    v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt()
}

/// The strongest `k` entries of a unit vector, sorted by id, for comparing
/// with centroids: the tail of an article's terms adds little to a cosine
/// with a centroid that holds only its own strongest terms.
fn head(v: &[(u32, f32)], k: usize) -> Vec<(u32, f32)> {
    let mut h = v.to_vec();
    truncate(&mut h, k);
    h
}

fn top_ids(v: &[(u32, f32)], k: usize) -> Vec<u32> {
    let mut s: Vec<(u32, f32)> = v.to_vec();
    s.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    s.into_iter().take(k).map(|x| x.0).collect()
}

impl StoryIndex {
    pub fn new(opts: ClusterOptions) -> StoryIndex {
        StoryIndex {
            opts,
            vocab: Vocab::new(),
            df: Vec::new(),
            docs: 0,
            stories: Vec::new(),
            postings: HashMap::new(),
            members: Vec::new(),
        }
    }

    /// Stories so far.
    pub fn len(&self) -> usize {
        self.stories.len()
    }

    pub fn is_empty(&self) -> bool {
        self.stories.is_empty()
    }

    /// Articles added so far.
    pub fn articles(&self) -> usize {
        self.members.len()
    }

    /// Add one (analysed) article: it joins the most similar story, or starts one.
    pub fn add(&mut self, a: &Article) -> StoryId {
        let f = features::extract(a, &mut self.vocab, &self.opts);
        self.assign(a.id, f)
    }

    /// Add articles in order, as [`StoryIndex::add`] one by one would, with
    /// the read-only part of feature extraction spread over up to `threads`
    /// threads. The result is exactly that of adding them one by one: words
    /// first seen in the batch are interned after the scan, in article order.
    pub fn add_batch(&mut self, articles: &[Article], threads: usize) -> Vec<StoryId> {
        let threads = threads.clamp(1, 64);
        let chunk = articles.len().div_ceil(threads).max(1);
        let vocab = &self.vocab;
        let opts = &self.opts;
        let scans: Vec<features::Scan> = if threads == 1 || articles.len() < 2 * threads {
            articles
                .iter()
                .map(|a| features::scan(a, vocab, opts))
                .collect()
        } else {
            std::thread::scope(|sc| {
                let handles: Vec<_> = articles
                    .chunks(chunk)
                    .map(|part| {
                        sc.spawn(move || {
                            part.iter()
                                .map(|a| features::scan(a, vocab, opts))
                                .collect::<Vec<_>>()
                        })
                    })
                    .collect();
                handles
                    .into_iter()
                    // A scan never panics on input; should a thread die anyway, its
                    // articles are scanned again here rather than lost.
                    .zip(articles.chunks(chunk))
                    .flat_map(|(h, part)| {
                        h.join().unwrap_or_else(|_| {
                            part.iter()
                                .map(|a| features::scan(a, vocab, opts))
                                .collect()
                        })
                    })
                    .collect()
            })
        };
        scans
            .into_iter()
            .zip(articles)
            .map(|(s, a)| {
                let f = features::resolve(s, &mut self.vocab);
                self.assign(a.id, f)
            })
            .collect()
    }

    fn assign(&mut self, article: ArticleId, f: features::Features) -> StoryId {
        if self.df.len() < self.vocab.len() {
            self.df.resize(self.vocab.len(), 0);
        }
        self.docs += 1;
        for &(t, _) in f.terms.iter().chain(&f.names) {
            if let Some(d) = self.df.get_mut(t as usize) {
                *d += 1;
            }
        }
        let n = self.docs as f32;
        let df = &self.df;
        let idf = |t: u32| {
            ((1.0 + n) / (1.0 + df.get(t as usize).copied().unwrap_or(0) as f32)).ln() + 1.0
        };
        let terms = features::weigh(&f.terms, idf);
        let names = features::weigh(&f.names, idf);

        let mut cands: Vec<u32> = Vec::new();
        for t in top_ids(&terms, QUERY_TERMS)
            .into_iter()
            .chain(top_ids(&names, QUERY_NAMES))
        {
            if let Some(p) = self.postings.get(&t) {
                cands.extend(p.iter().rev().take(POSTING_SCAN));
            }
        }
        // Shortlist by how many query terms a story shares, so the full
        // comparison runs on a bounded number of stories whatever the stream size.
        cands.sort_unstable();
        let mut counted: Vec<(u32, u32)> = Vec::new();
        for c in cands {
            match counted.last_mut() {
                Some((last, k)) if *last == c => *k += 1,
                _ => counted.push((c, 1)),
            }
        }
        counted.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
        counted.truncate(SHORTLIST);
        let cands: Vec<u32> = counted.into_iter().map(|x| x.0).collect();
        let q_terms = head(&terms, 2 * CENTROID_TERMS);
        let o = &self.opts;
        let mut best: Option<(f32, u32)> = None;
        for &c in &cands {
            let Some(s) = self.stories.get(c as usize) else {
                continue;
            };
            let text = cosine(&q_terms, &s.terms, s.norm_terms);
            let nm = cosine(&names, &s.names, s.norm_names);
            let mut sim = (text + o.name_weight * nm) / (1.0 + o.name_weight);
            match features::dates_agree(&f.dates, &s.dates, o.date_slack_days, o.date_conflict_days)
            {
                Some(true) => sim += o.date_bonus,
                Some(false) => sim -= o.date_penalty,
                None => {}
            }
            sim += o.number_bonus * features::shared(&f.numbers, &s.numbers).min(3) as f32;
            if best.is_none_or(|(b, bc)| sim > b || (sim == b && c < bc)) {
                best = Some((sim, c));
            }
        }
        let id = match best {
            Some((s, c)) if s >= self.opts.stream_similarity => c,
            _ => {
                self.stories.push(Story::default());
                (self.stories.len() - 1) as u32
            }
        };
        self.join(id, &terms, &names, &f);
        self.members.push((article, StoryId(id as usize)));
        StoryId(id as usize)
    }

    fn join(
        &mut self,
        id: u32,
        terms: &[(u32, f32)],
        names: &[(u32, f32)],
        f: &features::Features,
    ) {
        let Some(s) = self.stories.get_mut(id as usize) else {
            return;
        };
        let mut before: Vec<u32> = s.terms.iter().chain(&s.names).map(|x| x.0).collect();
        before.sort_unstable();
        add_into(&mut s.terms, terms);
        add_into(&mut s.names, names);
        truncate(&mut s.terms, CENTROID_TERMS);
        truncate(&mut s.names, CENTROID_NAMES);
        s.norm_terms = norm(&s.terms);
        s.norm_names = norm(&s.names);
        for d in &f.dates {
            if s.dates.len() < STORY_DATES && !s.dates.contains(d) {
                s.dates.push(*d);
            }
        }
        for x in &f.numbers {
            if s.numbers.len() < STORY_NUMBERS {
                if let Err(pos) = s.numbers.binary_search(x) {
                    s.numbers.insert(pos, *x);
                }
            }
        }
        s.size += 1;
        // Post the story under the centroid terms it did not hold before;
        // a term that dropped out leaves a stale posting, checked on use.
        let after: Vec<u32> = s.terms.iter().chain(&s.names).map(|x| x.0).collect();
        for t in after {
            if before.binary_search(&t).is_err() {
                let p = self.postings.entry(t).or_default();
                p.push(id);
                // Only the newest entries are ever read: keep the lists short.
                if p.len() >= 4 * POSTING_SCAN {
                    p.drain(..p.len() - POSTING_SCAN);
                }
            }
        }
    }

    /// The stories as groups of article ids, largest first; within a story, id order.
    pub fn stories(&self) -> Vec<Vec<ArticleId>> {
        let mut groups: Vec<Vec<ArticleId>> = vec![Vec::new(); self.stories.len()];
        for &(a, s) in &self.members {
            if let Some(g) = groups.get_mut(s.0) {
                g.push(a);
            }
        }
        let mut out: Vec<Vec<ArticleId>> = groups.into_iter().filter(|g| !g.is_empty()).collect();
        for g in &mut out {
            g.sort_unstable();
        }
        out.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
        out
    }

    /// The story each article joined, in the order they were added.
    pub fn assignments(&self) -> &[(ArticleId, StoryId)] {
        &self.members
    }
}
