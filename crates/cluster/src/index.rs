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

/// A story's bounded centroid: the sum of its members' weighted vectors,
/// truncated to the strongest terms, with the dates and counted numbers its
/// members gave. This is all that incremental grouping keeps per story, so a
/// store can persist it ([`Centroid::encode`]) and compare a new article with
/// a story without reading the story's articles.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Centroid {
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

/// One article's features weighted with the IDF of the moment, ready to be
/// compared with centroids.
#[derive(Debug, Clone)]
pub struct Query {
    /// Unit TF-IDF vectors, sorted by id.
    terms: Vec<(u32, f32)>,
    names: Vec<(u32, f32)>,
    /// The strongest terms of `terms`: what a centroid is compared with.
    head: Vec<(u32, f32)>,
    dates: Vec<(i64, Precision)>,
    numbers: Vec<u64>,
}

impl Query {
    /// Weigh an article's features; `idf` gives a term's current weight.
    pub fn new(f: &features::Features, idf: impl Fn(u32) -> f32) -> Query {
        let terms = features::weigh(&f.terms, &idf);
        let names = features::weigh(&f.names, &idf);
        let head = head(&terms, 2 * CENTROID_TERMS);
        Query {
            terms,
            names,
            head,
            dates: f.dates.clone(),
            numbers: f.numbers.clone(),
        }
    }

    /// The terms whose postings list the candidate stories: the strongest
    /// words and names.
    pub fn probes(&self) -> Vec<u32> {
        let mut p = top_ids(&self.terms, QUERY_TERMS);
        p.extend(top_ids(&self.names, QUERY_NAMES));
        p
    }
}

/// The IDF weight of a term seen in `df` of `docs` articles.
pub fn idf(df: u32, docs: u32) -> f32 {
    ((1.0 + docs as f32) / (1.0 + df as f32)).ln() + 1.0
}

/// Stories read from one probe's postings: the most recent ones, since a term
/// shared by thousands of stories (a common word) says little on its own.
pub const POSTINGS_READ: usize = POSTING_SCAN;

/// The candidates worth a full comparison: the stories named most often by a
/// query's probes (ties: the newest, i.e. the highest id), at most a bounded
/// number whatever the stream size.
pub fn shortlist<T: Ord + Copy>(mut cands: Vec<T>) -> Vec<T> {
    cands.sort_unstable();
    let mut counted: Vec<(T, u32)> = Vec::new();
    for c in cands {
        match counted.last_mut() {
            Some((last, k)) if *last == c => *k += 1,
            _ => counted.push((c, 1)),
        }
    }
    counted.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
    counted.truncate(SHORTLIST);
    counted.into_iter().map(|x| x.0).collect()
}

impl Centroid {
    /// Members so far.
    pub fn size(&self) -> u32 {
        self.size
    }

    /// The term and name ids the centroid holds (postings point at it under these).
    pub fn term_ids(&self) -> Vec<u32> {
        let mut v: Vec<u32> = self.terms.iter().chain(&self.names).map(|x| x.0).collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// How well an article fits the story: cosine on words and names, with
    /// agreeing or conflicting dates and shared counted numbers.
    pub fn similarity(&self, q: &Query, o: &ClusterOptions) -> f32 {
        let text = cosine(&q.head, &self.terms, self.norm_terms);
        let nm = cosine(&q.names, &self.names, self.norm_names);
        self.adjust(
            (text + o.name_weight * nm) / (1.0 + o.name_weight),
            &q.dates,
            &q.numbers,
            o,
        )
    }

    /// How alike two stories are, on the same scale as [`Centroid::similarity`].
    pub fn similarity_to(&self, other: &Centroid, o: &ClusterOptions) -> f32 {
        let cos = |a: &[(u32, f32)], na: f32, b: &[(u32, f32)], nb: f32| {
            if na <= 0.0 || nb <= 0.0 {
                0.0
            } else {
                features::dot(a, b) / (na * nb)
            }
        };
        let text = cos(&self.terms, self.norm_terms, &other.terms, other.norm_terms);
        let nm = cos(&self.names, self.norm_names, &other.names, other.norm_names);
        self.adjust(
            (text + o.name_weight * nm) / (1.0 + o.name_weight),
            &other.dates,
            &other.numbers,
            o,
        )
    }

    fn adjust(
        &self,
        mut sim: f32,
        dates: &[(i64, Precision)],
        numbers: &[u64],
        o: &ClusterOptions,
    ) -> f32 {
        match features::dates_agree(dates, &self.dates, o.date_slack_days, o.date_conflict_days) {
            Some(true) => sim += o.date_bonus,
            Some(false) => sim -= o.date_penalty,
            None => {}
        }
        sim + o.number_bonus * features::shared(numbers, &self.numbers).min(3) as f32
    }

    /// Add an article; returns the ids the centroid did not hold before (to post it under).
    pub fn join(&mut self, q: &Query) -> Vec<u32> {
        self.add(&q.terms, &q.names, &q.dates, &q.numbers, 1)
    }

    /// Take in another story (a merge); returns the ids newly held.
    pub fn absorb(&mut self, other: &Centroid) -> Vec<u32> {
        self.add(
            &other.terms,
            &other.names,
            &other.dates,
            &other.numbers,
            other.size,
        )
    }

    fn add(
        &mut self,
        terms: &[(u32, f32)],
        names: &[(u32, f32)],
        dates: &[(i64, Precision)],
        numbers: &[u64],
        size: u32,
    ) -> Vec<u32> {
        let before = self.term_ids();
        add_into(&mut self.terms, terms);
        add_into(&mut self.names, names);
        truncate(&mut self.terms, CENTROID_TERMS);
        truncate(&mut self.names, CENTROID_NAMES);
        self.norm_terms = norm(&self.terms);
        self.norm_names = norm(&self.names);
        for d in dates {
            if self.dates.len() < STORY_DATES && !self.dates.contains(d) {
                self.dates.push(*d);
            }
        }
        for x in numbers {
            if self.numbers.len() < STORY_NUMBERS {
                if let Err(pos) = self.numbers.binary_search(x) {
                    self.numbers.insert(pos, *x);
                }
            }
        }
        self.size = self.size.saturating_add(size);
        self.term_ids()
            .into_iter()
            .filter(|t| before.binary_search(t).is_err())
            .collect()
    }

    /// A compact, versioned byte form (little-endian) for storage.
    pub fn encode(&self) -> Vec<u8> {
        let mut b = Vec::with_capacity(
            16 + 8 * (self.terms.len() + self.names.len() + self.numbers.len())
                + 9 * self.dates.len(),
        );
        b.push(CENTROID_FORMAT);
        b.extend(self.size.to_le_bytes());
        for v in [&self.terms, &self.names] {
            b.extend(u32::try_from(v.len()).unwrap_or(0).to_le_bytes());
            for (t, w) in v.iter() {
                b.extend(t.to_le_bytes());
                b.extend(w.to_le_bytes());
            }
        }
        b.extend(u32::try_from(self.dates.len()).unwrap_or(0).to_le_bytes());
        for (d, p) in &self.dates {
            b.extend(d.to_le_bytes());
            b.push(match p {
                Precision::Day => 0,
                Precision::Month => 1,
                Precision::Year => 2,
            });
        }
        b.extend(u32::try_from(self.numbers.len()).unwrap_or(0).to_le_bytes());
        for x in &self.numbers {
            b.extend(x.to_le_bytes());
        }
        b
    }

    /// Read [`Centroid::encode`]'s form back; `None` when the bytes are not one.
    pub fn decode(bytes: &[u8]) -> Option<Centroid> {
        let mut r = Reader(bytes);
        if r.take(1)?.first() != Some(&CENTROID_FORMAT) {
            return None;
        }
        let mut c = Centroid {
            size: r.u32()?,
            ..Centroid::default()
        };
        for which in 0..2 {
            let n = r.u32()? as usize;
            let mut v = Vec::with_capacity(n.min(1024));
            for _ in 0..n {
                v.push((r.u32()?, f32::from_le_bytes(r.array()?)));
            }
            if which == 0 {
                c.terms = v;
            } else {
                c.names = v;
            }
        }
        let n = r.u32()? as usize;
        for _ in 0..n {
            let d = i64::from_le_bytes(r.array()?);
            let p = match r.take(1)?.first()? {
                0 => Precision::Day,
                1 => Precision::Month,
                _ => Precision::Year,
            };
            c.dates.push((d, p));
        }
        let n = r.u32()? as usize;
        for _ in 0..n {
            c.numbers.push(u64::from_le_bytes(r.array()?));
        }
        if !r.0.is_empty() {
            return None;
        }
        c.norm_terms = norm(&c.terms);
        c.norm_names = norm(&c.names);
        Some(c)
    }
}

/// Version byte of [`Centroid::encode`].
const CENTROID_FORMAT: u8 = 1;

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (h, t) = self.0.split_at(n);
        self.0 = t;
        Some(h)
    }
    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.array()?))
    }
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
    stories: Vec<Centroid>,
    /// Term id to the stories whose centroid holds it, oldest first.
    postings: HashMap<u32, Vec<u32>>,
    members: Vec<(ArticleId, StoryId)>,
    /// The document frequencies are a whole pile's ([`StoryIndex::count_pile`]),
    /// fixed: articles added no longer count.
    pile_idf: bool,
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
            pile_idf: false,
        }
    }

    /// Weigh every article added from now on with the document frequencies
    /// of this whole pile, counted first, instead of the running counts of a
    /// stream. A grouping from scratch knows its pile: with running counts,
    /// the first articles are weighed with a few documents' frequencies,
    /// where an event's kind words look as rare as its names, and look-alike
    /// events join one story that later articles then follow.
    pub fn count_pile(&mut self, articles: &[Article], threads: usize) {
        // In slices, so the scans in memory stay bounded whatever the pile.
        for part in articles.chunks(4096) {
            for scan in self.scan_all(part, threads) {
                let f = features::resolve(scan, &mut self.vocab);
                self.count(&f);
            }
        }
        self.pile_idf = true;
    }

    fn count(&mut self, f: &features::Features) {
        if self.df.len() < self.vocab.len() {
            self.df.resize(self.vocab.len(), 0);
        }
        self.docs += 1;
        for &(t, _) in f.terms.iter().chain(&f.names) {
            if let Some(d) = self.df.get_mut(t as usize) {
                *d += 1;
            }
        }
    }

    /// The term ids of this index.
    pub(crate) fn vocab(&self) -> &Vocab {
        &self.vocab
    }

    pub(crate) fn options(&self) -> &ClusterOptions {
        &self.opts
    }

    /// A term's IDF weight with the frequencies counted so far.
    pub(crate) fn weight(&self, t: u32) -> f32 {
        idf(self.df.get(t as usize).copied().unwrap_or(0), self.docs)
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
        self.scan_all(articles, threads)
            .into_iter()
            .zip(articles)
            .map(|(s, a)| {
                let f = features::resolve(s, &mut self.vocab);
                self.assign(a.id, f)
            })
            .collect()
    }

    /// The read-only part of feature extraction of `articles`, in order, on
    /// up to `threads` threads.
    fn scan_all(&self, articles: &[Article], threads: usize) -> Vec<features::Scan> {
        let threads = threads.clamp(1, 64);
        let chunk = articles.len().div_ceil(threads).max(1);
        let vocab = &self.vocab;
        let opts = &self.opts;
        if threads == 1 || articles.len() < 2 * threads {
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
        }
    }

    fn assign(&mut self, article: ArticleId, f: features::Features) -> StoryId {
        if !self.pile_idf {
            self.count(&f);
        }
        let (df, docs) = (&self.df, self.docs);
        let q = Query::new(&f, |t| idf(df.get(t as usize).copied().unwrap_or(0), docs));

        let mut cands: Vec<u32> = Vec::new();
        for t in q.probes() {
            if let Some(p) = self.postings.get(&t) {
                cands.extend(p.iter().rev().take(POSTING_SCAN));
            }
        }
        let mut best: Option<(f32, u32)> = None;
        for c in shortlist(cands) {
            let Some(s) = self.stories.get(c as usize) else {
                continue;
            };
            let sim = s.similarity(&q, &self.opts);
            if best.is_none_or(|(b, bc)| sim > b || (sim == b && c < bc)) {
                best = Some((sim, c));
            }
        }
        let id = match best {
            Some((s, c)) if s >= self.opts.stream_similarity => c,
            _ => {
                self.stories.push(Centroid::default());
                (self.stories.len() - 1) as u32
            }
        };
        self.join(id, &q);
        self.members.push((article, StoryId(id as usize)));
        StoryId(id as usize)
    }

    fn join(&mut self, id: u32, q: &Query) {
        let Some(s) = self.stories.get_mut(id as usize) else {
            return;
        };
        // Post the story under the centroid terms it did not hold before;
        // a term that dropped out leaves a stale posting, checked on use.
        for t in s.join(q) {
            let p = self.postings.entry(t).or_default();
            p.push(id);
            // Only the newest entries are ever read: keep the lists short.
            if p.len() >= 4 * POSTING_SCAN {
                p.drain(..p.len() - POSTING_SCAN);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_centroid_survives_its_byte_form_and_rejects_junk() {
        let mut vocab = Vocab::new();
        let a = Article::new(
            ArticleId(0),
            "t",
            "Floods cut the Varna ring road on 3 May 2031; 40 homes were flooded.".into(),
        );
        let f = features::extract(&a, &mut vocab, &ClusterOptions::default());
        let q = Query::new(&f, |_| 1.0);
        let mut c = Centroid::default();
        assert!(!c.join(&q).is_empty());
        let back = Centroid::decode(&c.encode()).expect("decodes");
        assert_eq!(back, c);
        assert!(back.similarity(&q, &ClusterOptions::default()) > 0.5);
        let bytes = c.encode();
        assert!(Centroid::decode(&bytes[..bytes.len() - 1]).is_none());
        assert!(Centroid::decode(&[]).is_none());
        assert!(Centroid::decode(&[9, 0, 0]).is_none());
    }
}
