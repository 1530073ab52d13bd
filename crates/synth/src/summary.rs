//! The extractive summary: centroid relevance, lead position and cross-article
//! agreement, chosen by maximal marginal relevance within a word budget, and
//! cited with every span that supports each sentence.

use dossier_model::{Article, SummarySentence};

use crate::sentences::{cosine, Pool, Sentence};

/// Similarity at or above which a sentence of another article supports a summary sentence.
const SUPPORT_SIMILARITY: f32 = 0.5;

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

/// Is this sentence usable in a summary at all?
pub(crate) fn is_summary_worthy(s: &Sentence<'_>) -> bool {
    let t = s.text.trim();
    let ends_well = t.ends_with(['.', '!', '?', '"', '”', '’', '\'']);
    let starts_well = t
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '"' || c == '“');
    (6..=70).contains(&s.words) && ends_well && starts_well && !t.contains("NEWLINE_CHAR")
}

fn dangling(text: &str) -> bool {
    let first = dossier_text::words(text)
        .next()
        .map(|(_, w)| w.to_lowercase())
        .unwrap_or_default();
    DANGLING_STARTS.contains(&first.as_str())
}

/// Score every sentence: relevance to the story's centroid, position in its
/// article, and how many other articles say something similar.
fn scores(pool: &Pool<'_>, members: usize) -> Vec<f32> {
    pool.sentences
        .iter()
        .map(|s| {
            if !is_summary_worthy(s) {
                return f32::NEG_INFINITY;
            }
            let relevance = cosine(&s.vector, &pool.centroid);
            let position = 1.0 / (1.0 + s.index as f32).sqrt();
            let agreement = if members > 1 {
                let mut agreeing = vec![false; members];
                for o in &pool.sentences {
                    if o.member != s.member && cosine(&s.vector, &o.vector) >= 0.3 {
                        agreeing[o.member] = true;
                    }
                }
                agreeing.iter().filter(|&&x| x).count() as f32 / (members - 1) as f32
            } else {
                0.0
            };
            let mut score = relevance + 0.35 * position + 0.2 * agreement;
            if dangling(s.text) {
                score *= 0.6;
            }
            score
        })
        .collect()
}

/// Choose sentences by maximal marginal relevance until the budget is spent.
/// Returns indices into the pool, in reading order.
pub(crate) fn select(pool: &Pool<'_>, members: usize, budget: usize) -> Vec<usize> {
    const LAMBDA: f32 = 0.7;
    let base = scores(pool, members);
    let mut chosen: Vec<usize> = Vec::new();
    let mut used = 0usize;
    let mut open: Vec<usize> = (0..pool.sentences.len())
        .filter(|&i| base[i].is_finite())
        .collect();
    while !open.is_empty() {
        let mut best: Option<(f32, usize)> = None;
        for (k, &i) in open.iter().enumerate() {
            let redundancy = chosen
                .iter()
                .map(|&j| cosine(&pool.sentences[i].vector, &pool.sentences[j].vector))
                .fold(0.0, f32::max);
            let mmr = LAMBDA * base[i] - (1.0 - LAMBDA) * redundancy;
            if best.is_none_or(|(b, _)| mmr > b) {
                best = Some((mmr, k));
            }
        }
        let Some((_, k)) = best else { break };
        let i = open.swap_remove(k);
        let s = &pool.sentences[i];
        let near_copy = chosen
            .iter()
            .any(|&j| cosine(&s.vector, &pool.sentences[j].vector) > 0.65);
        if used + s.words <= budget && !near_copy {
            used += s.words;
            chosen.push(i);
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
pub fn summarize(pool: &Pool<'_>, members: &[&Article], budget: usize) -> Vec<SummarySentence> {
    select(pool, members.len(), budget)
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
                    .filter(|o| o.member == m && !s.numbers_disagree(o))
                    .map(|o| (cosine(&s.vector, &o.vector), o))
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
