//! The extractive summary: centroid relevance, lead position and cross-article
//! agreement, chosen by maximal marginal relevance within a word budget, and
//! cited with every span that supports each sentence.
//!
//! The weights in [`SummaryWeights::default`] were learned on the even-numbered
//! clusters of multinews-dev and checked on the odd-numbered ones (see
//! `crates/synth/examples/tune_summary.rs`, which reproduces both the search
//! over the hand-set weights and the regression).

use dossier_model::{Article, SummarySentence};

use crate::sentences::{Pool, Sentence};

/// Similarity at or above which a sentence of another article supports a summary sentence.
const SUPPORT_SIMILARITY: f32 = 0.5;

/// How much each signal counts when sentences are chosen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SummaryWeights {
    /// Cosine similarity to the story's centroid.
    pub relevance: f32,
    /// Lead position: `1 / sqrt(1 + index in article)`.
    pub position: f32,
    /// Share of the other articles that say something similar.
    pub agreement: f32,
    /// Similarity at or above which another article's sentence counts as agreeing.
    pub agreement_similarity: f32,
    /// Multiplier for sentences that lean on missing context ("He added...");
    /// 0 leaves them out. Benchmark summaries keep them (1.0): they carry
    /// reference content, and leaving them out costs a point of ROUGE-2 on
    /// multinews-dev. A brief for readers leaves them out ([`SummaryWeights::for_readers`]).
    pub dangling: f32,
    /// MMR trade-off between relevance (1.0) and novelty (0.0).
    pub lambda: f32,
    /// Similarity above which a candidate repeats a chosen sentence and is skipped.
    pub max_redundancy: f32,
    /// Gain in covered concepts (content-word bigrams weighted by how many
    /// articles share them), relative to the best sentence's gain.
    pub coverage: f32,
    /// Shortest and longest usable sentence, in words.
    pub min_words: usize,
    pub max_words: usize,
    /// A linear model over [`features`] that replaces the hand-set weights.
    pub learned: Option<[f32; FEATURES]>,
}

impl Default for SummaryWeights {
    fn default() -> Self {
        SummaryWeights {
            relevance: 1.0,
            position: 0.5,
            agreement: 0.7,
            agreement_similarity: 0.4,
            dangling: 1.0,
            lambda: 0.7,
            max_redundancy: 0.4,
            coverage: 0.2,
            min_words: 4,
            max_words: 70,
            // Ridge regression (λ = 10) of each sentence's ROUGE-1+2 density on
            // its features, fitted on the even clusters of multinews-dev; the MMR
            // λ of 0.7 was chosen on the same half. Held-out (odd) clusters: R-1
            // 45.07 → 45.35 and R-2 14.48 → 15.78 against the hand-set weights.
            // `cargo run --release -p dossier-synth --example tune_summary -- FILE --learn`
            learned: Some([
                0.4859, 0.6911, 0.3940, 0.2578, -0.1613, 0.0102, -0.0401, -0.0278, 0.0915, 0.0357,
                -0.1859, -0.0049,
            ]),
        }
    }
}

impl SummaryWeights {
    /// The weights of a brief for people: as [`Default`], but no sentence that
    /// leans on context the summary does not give.
    pub fn for_readers() -> Self {
        SummaryWeights {
            dangling: 0.0,
            // Very short sentences ("Nobody asked for money.") rarely stand alone.
            min_words: 8,
            ..SummaryWeights::default()
        }
    }
}

/// Words that make a sentence lean on context the summary will not have.
const DANGLING_STARTS: &[&str] = &[
    "he",
    "she",
    "it",
    "they",
    "this",
    "that",
    "these",
    "those",
    "but",
    "and",
    "or",
    "so",
    "also",
    "however",
    "meanwhile",
    "still",
    "yet",
    "then",
    "there",
    "his",
    "her",
    "their",
    "its",
    "such",
    "both",
    "another",
    "other",
    "others",
    "instead",
    "likewise",
    "similarly",
    "moreover",
    "furthermore",
    "here",
    "we",
    "i",
    "you",
];

/// Is this sentence shaped like prose a summary can use?
pub(crate) fn is_prose(s: &Sentence<'_>, min_words: usize, max_words: usize) -> bool {
    let t = s.text.trim();
    let ends_well = t.ends_with(['.', '!', '?', '"', '”', '’', '\'']);
    let starts_well = t
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '"' || c == '“');
    (min_words..=max_words).contains(&s.words) && ends_well && starts_well
}

/// Is this sentence usable as a fact or summary sentence, with default limits?
pub(crate) fn is_summary_worthy(s: &Sentence<'_>) -> bool {
    let w = SummaryWeights::default();
    is_prose(s, w.min_words, w.max_words)
}

/// Does the sentence open or close a quotation it does not also close or
/// open? Such a fragment of a multi-sentence quote leans on its neighbours.
fn unbalanced_quotes(text: &str) -> bool {
    let straight = text.matches('"').count();
    let open = text.matches('“').count();
    let close = text.matches('”').count();
    straight % 2 == 1 || open != close
}

/// Does the sentence open with a word that points at context it lacks?
fn dangling(text: &str) -> bool {
    let first = dossier_text::words(text)
        .next()
        .map(|(_, w)| w.to_lowercase())
        .unwrap_or_default();
    DANGLING_STARTS.contains(&first.as_str())
}

/// Does the sentence lean on context a summary will not give?
fn leans_on_context(text: &str) -> bool {
    dangling(text) || unbalanced_quotes(text)
}

/// Number of sentence features, see [`features`].
pub const FEATURES: usize = 12;

/// Names of the sentence features, in order.
pub const FEATURE_NAMES: [&str; FEATURES] = [
    "bias",
    "relevance",
    "position",
    "agreement",
    "first_sentence",
    "relative_position",
    "log_words",
    "has_number",
    "has_quote",
    "dangling",
    "capitalised_share",
    "article_order",
];

/// The features of sentence `i`, or `None` when it is not prose a summary can use.
pub fn features(pool: &Pool<'_>, i: usize, w: &SummaryWeights) -> Option<[f32; FEATURES]> {
    let s = &pool.sentences[i];
    if !is_prose(s, w.min_words, w.max_words) {
        return None;
    }
    let members = pool.members;
    let agreement = if members > 1 {
        let mut agreeing = vec![false; members];
        let row = pool.sim_row(i);
        for (j, o) in pool.sentences.iter().enumerate() {
            if o.member == s.member || agreeing[o.member] || !pool.prose[j] {
                continue;
            }
            let sim = match row {
                Some(r) => r[j],
                None => pool.sim(i, j),
            };
            if sim >= w.agreement_similarity {
                agreeing[o.member] = true;
            }
        }
        agreeing.iter().filter(|&&x| x).count() as f32 / (members - 1) as f32
    } else {
        0.0
    };
    let capitalised = s
        .text
        .split_whitespace()
        .skip(1)
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    Some([
        1.0,
        pool.relevance(i),
        1.0 / (1.0 + s.index as f32).sqrt(),
        agreement,
        f32::from(u8::from(s.index == 0)),
        s.index as f32 / s.of.max(1) as f32,
        (s.words.max(1) as f32).ln(),
        f32::from(u8::from(s.text.chars().any(|c| c.is_ascii_digit()))),
        f32::from(u8::from(s.text.contains(['"', '“', '”']))),
        f32::from(u8::from(dangling(s.text))),
        capitalised as f32 / s.words.max(1) as f32,
        1.0 / (1.0 + s.member as f32),
    ])
}

/// Score every sentence: a learned linear model over [`features`] when the
/// weights carry one, else relevance to the story's centroid, position in its
/// article, and how many other articles say something similar.
fn scores(pool: &Pool<'_>, w: &SummaryWeights) -> Vec<f32> {
    (0..pool.sentences.len())
        .map(|i| {
            let Some(f) = features(pool, i, w) else {
                return f32::NEG_INFINITY;
            };
            let mut score = match &w.learned {
                Some(model) => model.iter().zip(f.iter()).map(|(a, b)| a * b).sum(),
                None => w.relevance * f[1] + w.position * f[2] + w.agreement * f[3],
            };
            if w.dangling < 1.0 && leans_on_context(pool.sentences[i].text) {
                if w.dangling <= 0.0 {
                    return f32::NEG_INFINITY;
                }
                score *= w.dangling;
            }
            score
        })
        .collect()
}

/// Choose sentences by maximal marginal relevance until the budget is spent.
/// Returns indices into the pool, in reading order.
pub fn select(pool: &Pool<'_>, budget: usize, w: &SummaryWeights) -> Vec<usize> {
    let base = scores(pool, w);
    let mut chosen: Vec<usize> = Vec::new();
    let mut used = 0usize;
    let mut open: Vec<usize> = (0..pool.sentences.len())
        .filter(|&i| base[i].is_finite() && pool.sentences[i].words <= budget)
        .collect();
    // Highest similarity of each open sentence to anything chosen so far.
    let mut redundancy = vec![0f32; pool.sentences.len()];
    let mut covered = vec![false; pool.concept_weight.len()];
    let gain = |i: usize, covered: &[bool]| -> f32 {
        pool.sentences[i]
            .concepts
            .iter()
            .filter(|&&c| !covered[c as usize])
            .map(|&c| pool.concept_weight[c as usize] - 1.0)
            .sum::<f32>()
            / (pool.sentences[i].words.max(1) as f32).sqrt()
    };
    let max_gain = open
        .iter()
        .map(|&i| gain(i, &covered))
        .fold(0.0f32, f32::max)
        .max(1e-6);
    while !open.is_empty() {
        let mut best: Option<(f32, usize)> = None;
        for (k, &i) in open.iter().enumerate() {
            let coverage = if w.coverage > 0.0 {
                w.coverage * gain(i, &covered) / max_gain
            } else {
                0.0
            };
            let mmr = w.lambda * base[i] - (1.0 - w.lambda) * redundancy[i] + coverage;
            if best.is_none_or(|(b, _)| mmr > b) {
                best = Some((mmr, k));
            }
        }
        let Some((_, k)) = best else { break };
        let i = open.swap_remove(k);
        if used + pool.sentences[i].words <= budget && redundancy[i] <= w.max_redundancy {
            used += pool.sentences[i].words;
            chosen.push(i);
            for &c in &pool.sentences[i].concepts {
                covered[c as usize] = true;
            }
            for &j in &open {
                redundancy[j] = redundancy[j].max(pool.sim(i, j));
            }
        }
        // Keep looking for shorter sentences that still fit.
        open.retain(|&j| used + pool.sentences[j].words <= budget);
    }
    // Reading order: earlier in their articles first, then by article.
    chosen.sort_by(|&a, &b| {
        let (sa, sb) = (&pool.sentences[a], &pool.sentences[b]);
        let ra = sa.index as f32 / sa.of.max(1) as f32;
        let rb = sb.index as f32 / sb.of.max(1) as f32;
        ra.total_cmp(&rb).then(sa.member.cmp(&sb.member))
    });
    chosen
}

/// Build the cited summary of a story.
pub fn summarize(
    pool: &Pool<'_>,
    members: &[&Article],
    budget: usize,
    w: &SummaryWeights,
) -> Vec<SummarySentence> {
    select(pool, budget, w)
        .into_iter()
        .map(|i| {
            let s = &pool.sentences[i];
            let mut cites = vec![s.cite()];
            // The best supporting sentence of every other article.
            for m in 0..members.len() {
                if m == s.member {
                    continue;
                }
                let best = pool
                    .sentences
                    .iter()
                    .enumerate()
                    .filter(|(_, o)| o.member == m && !s.numbers_disagree(o))
                    .map(|(j, o)| (pool.sim(i, j), o))
                    .filter(|(c, _)| *c >= SUPPORT_SIMILARITY)
                    .max_by(|a, b| a.0.total_cmp(&b.0));
                if let Some((_, o)) = best {
                    cites.push(o.cite());
                }
            }
            SummarySentence {
                text: s.text.split_whitespace().collect::<Vec<_>>().join(" "),
                cites,
            }
        })
        .collect()
}
