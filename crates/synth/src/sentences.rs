//! The sentence pool of a story: every sentence of its articles, with TF-IDF
//! vectors over the story's own vocabulary, shared by summary, facts and timeline.

use std::collections::HashMap;

use dossier_model::{Article, ArticleId, Cite, Span};
use dossier_text::{content_stems, word_count};

pub type Vector = HashMap<u32, f32>;

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
    /// Distinct capitalised words and numbers: the anchors that make two
    /// similar sentences statements about the same thing.
    pub anchors: Vec<String>,
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

/// All sentences of a story's articles, in member then text order.
pub struct Pool<'a> {
    pub sentences: Vec<Sentence<'a>>,
    pub centroid: Vector,
}

pub fn cosine(a: &Vector, b: &Vector) -> f32 {
    let (s, l) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let dot: f32 = s.iter().filter_map(|(k, v)| l.get(k).map(|w| v * w)).sum();
    if dot == 0.0 {
        return 0.0;
    }
    let na = a.values().map(|x| x * x).sum::<f32>().sqrt();
    let nb = b.values().map(|x| x * x).sum::<f32>().sqrt();
    dot / (na * nb)
}

fn anchors(text: &str) -> Vec<String> {
    let mut out: Vec<String> = dossier_text::words(text)
        .enumerate()
        .filter(|(i, (_, w))| {
            let first = w.chars().next();
            // The first word of a sentence is capitalised anyway; it anchors nothing.
            first.is_some_and(|c| c.is_ascii_digit())
                || (*i > 0 && first.is_some_and(char::is_uppercase))
        })
        .map(|(_, (_, w))| dossier_text::normalize_word(w))
        .filter(|w| !dossier_text::is_stopword(w))
        .collect();
    out.sort();
    out.dedup();
    out
}

impl<'a> Pool<'a> {
    pub fn build(members: &[&'a Article]) -> Pool<'a> {
        let mut vocab: HashMap<String, u32> = HashMap::new();
        let mut raw: Vec<(Sentence<'a>, HashMap<u32, f32>)> = Vec::new();
        for (m, a) in members.iter().enumerate() {
            let n = a.sentences.len();
            for (i, &span) in a.sentences.iter().enumerate() {
                let Some(text) = a.slice(span) else { continue };
                let mut tf: HashMap<u32, f32> = HashMap::new();
                for s in content_stems(text) {
                    let next = vocab.len() as u32;
                    *tf.entry(*vocab.entry(s).or_insert(next)).or_default() += 1.0;
                }
                raw.push((
                    Sentence {
                        article: a.id,
                        member: m,
                        index: i,
                        of: n,
                        span,
                        text,
                        words: word_count(text),
                        vector: Vector::new(),
                        anchors: anchors(text),
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
        let mut df: HashMap<u32, f32> = HashMap::new();
        for (_, tf) in &raw {
            for &t in tf.keys() {
                *df.entry(t).or_default() += 1.0;
            }
        }
        let n = raw.len().max(1) as f32;
        let mut centroid = Vector::new();
        let sentences = raw
            .into_iter()
            .map(|(mut s, tf)| {
                s.vector = tf
                    .into_iter()
                    .map(|(t, c)| (t, c * (((1.0 + n) / (1.0 + df[&t])).ln() + 1.0)))
                    .collect();
                for (&t, &v) in &s.vector {
                    *centroid.entry(t).or_default() += v;
                }
                s
            })
            .collect();
        Pool {
            sentences,
            centroid,
        }
    }
}
