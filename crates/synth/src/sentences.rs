//! The sentence pool of a story: every sentence of its articles, with TF-IDF
//! vectors over the story's own vocabulary and their pairwise similarities,
//! shared by the summary, the facts and the timeline.

use rustc_hash::FxHashMap as HashMap;

use dossier_model::{Article, ArticleId, Cite, Span};
use dossier_text::word_count;

/// Sentences above which the pool computes similarities on demand rather
/// than keeping the full matrix (3,000² floats is 36 MB).
const MAX_MATRIX: usize = 3000;

/// A sparse vector: (term id, weight) sorted by term id, with its norm.
#[derive(Debug, Clone, Default)]
pub struct Vector {
    pub terms: Vec<(u32, f32)>,
    pub norm: f32,
}

impl Vector {
    fn new(mut terms: Vec<(u32, f32)>) -> Vector {
        terms.sort_unstable_by_key(|t| t.0);
        let norm = terms.iter().map(|t| t.1 * t.1).sum::<f32>().sqrt();
        Vector { terms, norm }
    }
}

/// Cosine similarity by a merge over sorted term ids.
pub fn cosine(a: &Vector, b: &Vector) -> f32 {
    if a.norm == 0.0 || b.norm == 0.0 {
        return 0.0;
    }
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.terms.len() && j < b.terms.len() {
        let (ta, tb) = (a.terms[i].0, b.terms[j].0);
        if ta == tb {
            dot += a.terms[i].1 * b.terms[j].1;
            i += 1;
            j += 1;
        } else if ta < tb {
            i += 1;
        } else {
            j += 1;
        }
    }
    dot / (a.norm * b.norm)
}

/// One sentence of one article of the story.
#[derive(Debug, Clone)]
pub struct Sentence<'a> {
    pub article: ArticleId,
    /// Index of the article within the story's member list.
    pub member: usize,
    /// Index of the sentence within its article.
    pub index: usize,
    /// Sentences in its article.
    pub of: usize,
    pub span: Span,
    pub text: &'a str,
    pub words: usize,
    pub vector: Vector,
    /// Ids of the content-word bigrams the sentence contains, sorted.
    pub concepts: Vec<u32>,
    /// Values of the quantities the sentence states: two sentences with
    /// numbers and none in common do not state the same thing.
    pub numbers: Vec<f64>,
}

impl Sentence<'_> {
    pub fn cite(&self) -> Cite {
        Cite::new(self.article, self.span)
    }

    /// Do the two sentences give different numbers (and no number in common)?
    pub fn numbers_disagree(&self, other: &Sentence<'_>) -> bool {
        !self.numbers.is_empty()
            && !other.numbers.is_empty()
            && !self.numbers.iter().any(|x| other.numbers.contains(x))
    }
}

/// All sentences of a story's articles, in member then text order, and their
/// similarities (computed once: summary, facts and cites all need them).
pub struct Pool<'a> {
    pub sentences: Vec<Sentence<'a>>,
    pub centroid: Vector,
    /// Members of the story.
    pub members: usize,
    /// Cosine similarity of each sentence to the centroid.
    relevance: Vec<f32>,
    /// Which sentences are shaped like prose (usable in summaries and facts).
    pub prose: Vec<bool>,
    /// Weight of each concept: how many of the story's articles contain it.
    pub concept_weight: Vec<f32>,
    /// Row-major similarity matrix; empty for very large stories, where
    /// similarities are computed on demand instead (the matrix is quadratic).
    sim: Vec<f32>,
}

impl<'a> Pool<'a> {
    pub fn build(members: &[&'a Article]) -> Pool<'a> {
        let mut vocab: HashMap<String, u32> = HashMap::default();
        // Surface form -> term id (None for stopwords), so each distinct word of
        // the story is normalised and stemmed once, without allocating again.
        let mut surface: HashMap<&'a str, Option<u32>> = HashMap::default();
        let mut bigrams: HashMap<u64, u32> = HashMap::default();
        let mut raw: Vec<(Sentence<'a>, HashMap<u32, f32>)> = Vec::new();
        for (m, a) in members.iter().enumerate() {
            let n = a.sentences.len();
            for (i, &span) in a.sentences.iter().enumerate() {
                let Some(text) = a.slice(span) else { continue };
                let mut tf: HashMap<u32, f32> = HashMap::default();
                let mut concepts: Vec<u32> = Vec::new();
                let mut previous: Option<u32> = None;
                for (_, w) in dossier_text::words(text) {
                    let id = *surface.entry(w).or_insert_with(|| {
                        let n = dossier_text::normalize_word(w);
                        if n.chars().count() <= 1 || dossier_text::is_stopword(&n) {
                            return None;
                        }
                        let next = vocab.len() as u32;
                        Some(*vocab.entry(dossier_text::stem(&n)).or_insert(next))
                    });
                    if let Some(id) = id {
                        *tf.entry(id).or_default() += 1.0;
                        // A concept is a pair of consecutive content words.
                        if let Some(p) = previous {
                            let key = (u64::from(p) << 32) | u64::from(id);
                            let next = bigrams.len() as u32;
                            concepts.push(*bigrams.entry(key).or_insert(next));
                        }
                    }
                    previous = id;
                }
                concepts.sort_unstable();
                concepts.dedup();
                raw.push((
                    Sentence {
                        article: a.id,
                        member: m,
                        index: i,
                        of: n,
                        span,
                        text,
                        words: word_count(text),
                        vector: Vector::default(),
                        concepts,
                        numbers: a
                            .quantities
                            .iter()
                            .filter(|q| q.span.within(span))
                            .map(|q| q.value)
                            .collect(),
                    },
                    tf,
                ));
            }
        }
        let mut concept_members: Vec<(u32, usize)> = vec![(0, usize::MAX); bigrams.len()];
        for (s, _) in &raw {
            for &c in &s.concepts {
                let e = &mut concept_members[c as usize];
                if e.1 != s.member {
                    e.0 += 1;
                    e.1 = s.member;
                }
            }
        }
        let concept_weight: Vec<f32> = concept_members.iter().map(|e| e.0 as f32).collect();
        let mut df = vec![0f32; vocab.len()];
        for (_, tf) in &raw {
            for &t in tf.keys() {
                df[t as usize] += 1.0;
            }
        }
        let n = raw.len().max(1) as f32;
        let idf: Vec<f32> = df
            .iter()
            .map(|d| ((1.0 + n) / (1.0 + d)).ln() + 1.0)
            .collect();
        let mut centroid = vec![0f32; vocab.len()];
        let sentences: Vec<Sentence<'a>> = raw
            .into_iter()
            .map(|(mut s, tf)| {
                s.vector = Vector::new(
                    tf.into_iter()
                        .map(|(t, c)| (t, c * idf[t as usize]))
                        .collect(),
                );
                for &(t, v) in &s.vector.terms {
                    centroid[t as usize] += v;
                }
                s
            })
            .collect();
        let centroid_dense = centroid;
        let centroid = Vector::new(
            centroid_dense
                .iter()
                .enumerate()
                .filter(|(_, v)| **v > 0.0)
                .map(|(t, v)| (t as u32, *v))
                .collect(),
        );
        // Relevance of every sentence, by lookups in the dense centroid.
        let relevance: Vec<f32> = sentences
            .iter()
            .map(|s| {
                if s.vector.norm == 0.0 || centroid.norm == 0.0 {
                    return 0.0;
                }
                let dot: f32 = s
                    .vector
                    .terms
                    .iter()
                    .map(|&(t, v)| v * centroid_dense[t as usize])
                    .sum();
                dot / (s.vector.norm * centroid.norm)
            })
            .collect();
        // Only sentences shaped like prose can be chosen or grouped, so only
        // their pairs are precomputed; other pairs are computed on demand.
        let k = sentences.len();
        let prose: Vec<bool> = sentences
            .iter()
            .map(crate::summary::is_summary_worthy)
            .collect();
        let mut sim = Vec::new();
        if k <= MAX_MATRIX {
            sim = vec![f32::NAN; k * k];
            // Scatter each row into a dense scratch vector, then each dot
            // product is one pass over the other sentence's terms.
            let mut dense = vec![0f32; vocab.len()];
            for i in (0..k).filter(|&i| prose[i]) {
                let vi = &sentences[i].vector;
                sim[i * k + i] = 1.0;
                if vi.norm == 0.0 {
                    continue;
                }
                for &(t, v) in &vi.terms {
                    dense[t as usize] = v;
                }
                for j in (i + 1..k).filter(|&j| prose[j]) {
                    let vj = &sentences[j].vector;
                    let c = if vj.norm == 0.0 {
                        0.0
                    } else {
                        let dot: f32 = vj.terms.iter().map(|&(t, v)| dense[t as usize] * v).sum();
                        dot / (vi.norm * vj.norm)
                    };
                    sim[i * k + j] = c;
                    sim[j * k + i] = c;
                }
                for &(t, _) in &vi.terms {
                    dense[t as usize] = 0.0;
                }
            }
        }
        Pool {
            sentences,
            centroid,
            members: members.len(),
            relevance,
            prose,
            concept_weight,
            sim,
        }
    }

    /// Cosine similarity of sentences `i` and `j` of the pool.
    pub fn sim(&self, i: usize, j: usize) -> f32 {
        let k = self.sentences.len();
        match self.sim.get(i * k + j) {
            Some(&s) if !s.is_nan() => s,
            _ => cosine(&self.sentences[i].vector, &self.sentences[j].vector),
        }
    }

    /// Similarities of sentence `i` to every sentence, when the matrix holds
    /// them (prose sentences of stories below the matrix limit); NaN marks
    /// pairs that were not precomputed.
    pub fn sim_row(&self, i: usize) -> Option<&[f32]> {
        let k = self.sentences.len();
        self.sim.get(i * k..(i + 1) * k)
    }

    /// Cosine similarity of sentence `i` to the story's centroid.
    pub fn relevance(&self, i: usize) -> f32 {
        self.relevance[i]
    }
}
