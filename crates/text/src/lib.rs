//! Word-level text utilities shared by the analysis, clustering and synthesis stages.
//!
//! One place decides what a "word", a "stopword" and a "stem" are, so the stages
//! that compare sentences and articles agree with one another.
//!
//! ```
//! use dossier_text::{content_stems, words};
//! let w: Vec<&str> = words("ISIS's fighters fled Derna.").map(|(_, w)| w).collect();
//! assert_eq!(w, ["ISIS's", "fighters", "fled", "Derna"]);
//! assert_eq!(content_stems("The fighters were fleeing"), ["fighter", "flee"]);
//! ```

use std::collections::HashMap;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;

/// Words of `text` with their byte offsets: runs of alphanumerics, keeping
/// inner apostrophes, hyphens and dots between letters or digits ("al-Qaeda",
/// "U.S", "4,000" stays "4,000" because commas between digits are kept too).
pub fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        // Skip to the start of the next word.
        while i < text.len() {
            let c = text[i..].chars().next()?;
            if c.is_alphanumeric() {
                break;
            }
            i += c.len_utf8();
        }
        if i >= text.len() {
            return None;
        }
        let start = i;
        while i < text.len() {
            let c = text[i..].chars().next()?;
            if c.is_alphanumeric() {
                i += c.len_utf8();
                continue;
            }
            // A joiner counts only between two word characters.
            let joiner = matches!(c, '\'' | '’' | '-' | '.' | ',');
            let next = text[i + c.len_utf8()..].chars().next();
            let prev_digit = i > 0 && bytes[i - 1].is_ascii_digit();
            let ok = joiner
                && match c {
                    ',' | '.' if prev_digit => next.is_some_and(|n| n.is_ascii_digit()),
                    ',' => false,
                    _ => next.is_some_and(char::is_alphanumeric),
                };
            if ok {
                i += c.len_utf8();
            } else {
                break;
            }
        }
        Some((start, &text[start..i]))
    })
}

/// Is this lower-cased word a function word that carries no topic?
pub fn is_stopword(lower: &str) -> bool {
    static SET: OnceLock<std::collections::HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| STOPWORDS.iter().copied().collect())
        .contains(lower)
}

/// The Snowball English stem of a lower-cased word.
///
/// News text repeats its words, so stems are cached per thread; the cache is
/// bounded so that a stream of unique tokens cannot grow it without limit.
pub fn stem(lower: &str) -> String {
    const MAX_CACHED: usize = 200_000;
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    thread_local! {
        static CACHE: std::cell::RefCell<FxHashMap<String, String>> = std::cell::RefCell::new(FxHashMap::default());
    }
    CACHE.with(|cache| {
        if let Some(s) = cache.borrow().get(lower) {
            return s.clone();
        }
        let s = STEMMER
            .get_or_init(|| Stemmer::create(Algorithm::English))
            .stem(lower)
            .into_owned();
        let mut c = cache.borrow_mut();
        if c.len() >= MAX_CACHED {
            c.clear();
        }
        c.insert(lower.to_string(), s.clone());
        s
    })
}

/// The stem an agent noun shares with what it is named after: Snowball keeps
/// "-ist", so "reservists" stems to `reservist` and "reserves" to `reserv`,
/// and two reports that call the same people by either word would share no
/// stem. Short stems keep their ending ("list", "fist" are no agents).
pub fn kin_stem(stem: &str) -> &str {
    const MIN_BASE: usize = 4;
    match stem.strip_suffix("ist") {
        Some(base) if base.chars().count() >= MIN_BASE => base,
        _ => stem,
    }
}

/// Lower-case a word and drop a trailing possessive.
pub fn normalize_word(word: &str) -> String {
    let lower = word.to_lowercase();
    lower
        .strip_suffix("'s")
        .or_else(|| lower.strip_suffix("’s"))
        .map(str::to_string)
        .unwrap_or(lower)
}

/// Stems of the content words of `text`, in order: stopwords and one-letter
/// words dropped, possessives stripped.
pub fn content_stems(text: &str) -> Vec<String> {
    words(text)
        .filter_map(|(_, w)| {
            let n = normalize_word(w);
            (n.chars().count() > 1 && !is_stopword(&n)).then(|| stem(&n))
        })
        .collect()
}

/// A bag of words: term counts.
pub type Bag = HashMap<String, f32>;

/// Count the content stems of `text`.
pub fn bag(text: &str) -> Bag {
    let mut b = Bag::new();
    for s in content_stems(text) {
        *b.entry(s).or_insert(0.0) += 1.0;
    }
    b
}

/// Cosine similarity of two weighted bags.
pub fn cosine(a: &Bag, b: &Bag) -> f32 {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let dot: f32 = small
        .iter()
        .filter_map(|(k, v)| large.get(k).map(|w| v * w))
        .sum();
    if dot == 0.0 {
        return 0.0;
    }
    let na: f32 = a.values().map(|v| v * v).sum::<f32>().sqrt();
    let nb: f32 = b.values().map(|v| v * v).sum::<f32>().sqrt();
    dot / (na * nb)
}

/// Number of whitespace-separated words, the unit of summary budgets.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// English function words. Kept short and closed-class on purpose: topic words
/// such as "said" or "people" stay, because they separate stories too.
pub const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "me",
    "more",
    "most",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
    "said",
    "says",
    "say",
    "told",
    "according",
    "mr",
    "mrs",
    "ms",
    "would",
    "may",
    "might",
    "must",
    "shall",
    "us",
    "one",
    "new",
    "like",
    "get",
    "got",
    "however",
    "since",
    "within",
    "without",
    "yet",
    "still",
    "even",
    "around",
    "among",
    "per",
    "via",
    "s",
    "t",
    "don't",
    "it's",
    "that's",
    "i'm",
    "he's",
    "she's",
    "there's",
    "they're",
    "we're",
    "let",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_agent_noun_shares_its_base_stem() {
        assert_eq!(kin_stem(&stem("reservists")), kin_stem(&stem("reserves")));
        assert_eq!(kin_stem(&stem("cyclists")), kin_stem(&stem("cycles")));
        assert_eq!(kin_stem(&stem("lists")), "list");
        assert_eq!(kin_stem(&stem("doctors")), "doctor");
    }

    #[test]
    fn words_keep_inner_joiners_and_offsets() {
        let text = "Al-Qaeda's U.S. unit: 4,000 men, 2.5 km.";
        let got: Vec<(usize, &str)> = words(text).collect();
        assert_eq!(
            got,
            [
                (0, "Al-Qaeda's"),
                (11, "U.S"),
                (16, "unit"),
                (22, "4,000"),
                (28, "men"),
                (33, "2.5"),
                (37, "km")
            ]
        );
        for (i, w) in got {
            assert_eq!(&text[i..i + w.len()], w);
        }
    }

    #[test]
    fn words_handle_non_ascii() {
        let got: Vec<&str> = words("Café «Zürich» — naïve").map(|(_, w)| w).collect();
        assert_eq!(got, ["Café", "Zürich", "naïve"]);
    }

    #[test]
    fn cosine_of_identical_and_disjoint_bags() {
        let a = bag("Fighters fled the city of Derna");
        assert!((cosine(&a, &a) - 1.0).abs() < 1e-6);
        assert_eq!(cosine(&a, &bag("Stock markets rallied")), 0.0);
    }

    #[test]
    fn possessives_and_stopwords_are_dropped() {
        assert_eq!(
            content_stems("ISIS's control of the city"),
            ["isi", "control", "citi"]
        );
    }
}
