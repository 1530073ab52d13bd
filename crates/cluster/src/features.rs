//! What story grouping compares: per-article term counts (content stems, with
//! names counted up), the named actors and places, the explicit event dates and
//! the counted numbers an article reports.
//!
//! Terms are interned once in a [`Vocab`] shared by a whole run, so that a
//! million-article stream stems each distinct word once, not once per use.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use dossier_model::{Article, Precision};
use dossier_text::{is_stopword, normalize_word, stem, words};

use crate::ClusterOptions;

/// FNV-1a: the vocabulary maps hash millions of short words, where SipHash's
/// protection against chosen keys costs more than it is worth.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

fn word_key(lower: &str) -> u64 {
    let mut h = Fnv::default();
    h.write(lower.as_bytes());
    // Mix the FNV state so the map's own (FNV) hash of this key spreads well.
    let mut z = h.finish();
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Interned term ids. Namespaces keep a word and a name apart: the word
/// "bush" and the actor "Bush" are different evidence.
#[derive(Debug, Default, Clone)]
pub struct Vocab {
    /// Lower-cased surface word to the id of its stem, or `u32::MAX` for a
    /// word that carries no topic (stopwords, one-letter words, bare digits).
    /// Keyed by the 64-bit hash of the word rather than the word: a lookup then
    /// needs no string compare (a collision between two of a few million words
    /// has odds near 10⁻⁶ and would only merge two terms).
    words: FnvMap<u64, u32>,
    stems: FnvMap<String, u32>,
    /// Entity keys ("lohan", "betty ford center") to ids, in the same id space.
    names: FnvMap<String, u32>,
    next: u32,
}

const SKIP: u32 = u32::MAX;

impl Vocab {
    pub fn new() -> Vocab {
        Vocab::default()
    }

    /// Distinct ids handed out so far.
    pub fn len(&self) -> usize {
        self.next as usize
    }

    pub fn is_empty(&self) -> bool {
        self.next == 0
    }

    /// Every id handed out, with a key that names it in any run: `w:` and
    /// the stem for a word, `n:` and the name key for a name. A store maps one
    /// run's ids onto its own lasting ids with these.
    pub fn keys(&self) -> Vec<(u32, String)> {
        let mut out: Vec<(u32, String)> = self
            .stems
            .iter()
            .map(|(s, &id)| (id, format!("w:{s}")))
            .chain(self.names.iter().map(|(k, &id)| (id, format!("n:{k}"))))
            .collect();
        out.sort_unstable();
        out
    }

    fn word_id(&mut self, lower: &str) -> u32 {
        let key = word_key(lower);
        if let Some(&id) = self.words.get(&key) {
            return id;
        }
        let n = normalize_word(lower);
        let id = if n.chars().count() < 2
            || is_stopword(&n)
            || n.chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        {
            SKIP
        } else {
            let s = stem(&n);
            let next = self.next;
            let id = *self.stems.entry(s).or_insert(next);
            if id == next {
                self.next += 1;
            }
            id
        };
        // Bound the surface cache: a stream of invented names must not grow it forever.
        if self.words.len() < 4_000_000 {
            self.words.insert(key, id);
        }
        id
    }

    fn name_id(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.names.get(key) {
            return id;
        }
        let id = self.next;
        self.next += 1;
        self.names.insert(key.to_string(), id);
        id
    }
}

/// The comparable content of one article.
#[derive(Debug, Clone, Default)]
pub struct Features {
    /// (term id, weighted count), sorted by id: content stems, capitalised words doubled.
    pub terms: Vec<(u32, f32)>,
    /// (entity id, count), sorted by id: named actors, places and organisations.
    pub names: Vec<(u32, f32)>,
    /// Explicit (not inferred) dates of day or month precision, as day numbers
    /// with their precision, plus the publication date; sorted, deduplicated.
    pub dates: Vec<(i64, Precision)>,
    /// Counted numbers ("17 dead", "6.1 magnitude") as hashed (value, noun) keys, sorted.
    pub numbers: Vec<u64>,
    /// The article's leading names: the three most mentioned, most first.
    pub lead: Vec<u32>,
}

fn sorted_counts(m: HashMap<u32, f32>) -> Vec<(u32, f32)> {
    let mut v: Vec<(u32, f32)> = m.into_iter().collect();
    v.sort_unstable_by_key(|&(k, _)| k);
    v
}

/// A mention's comparison key: lower-cased words without a leading article;
/// `None` for one-letter or wordless mentions.
fn name_key(text: &str) -> Option<String> {
    let mut ws: Vec<String> = words(text).map(|(_, w)| normalize_word(w)).collect();
    while ws.first().is_some_and(|w| w == "the") {
        ws.remove(0);
    }
    let key = ws.join(" ");
    (key.chars().count() > 1).then_some(key)
}

/// The first, read-only half of [`extract`]: everything that needs no new
/// vocabulary entry. Words and names the vocabulary has not seen yet are kept
/// as text for [`resolve`]. Being read-only, scans of many articles can run
/// on several threads against one vocabulary.
#[derive(Debug, Clone, Default)]
pub struct Scan {
    terms: HashMap<u32, f32>,
    new_words: Vec<(String, f32)>,
    names: HashMap<u32, f32>,
    new_names: Vec<(String, f32)>,
    /// Capitalised words of an article without an entity layer, as lower-cased
    /// text: names only if they turn out to be content words.
    fallback: Vec<(String, f32)>,
    dates: Vec<(i64, Precision)>,
    numbers: Vec<u64>,
}

/// Extract the features of one analysed article. Without an entity layer
/// (an unanalysed article), capitalised words inside sentences stand in for names.
pub fn extract(a: &Article, vocab: &mut Vocab, opts: &ClusterOptions) -> Features {
    let s = scan(a, vocab, opts);
    resolve(s, vocab)
}

/// See [`Scan`].
pub fn scan(a: &Article, vocab: &Vocab, opts: &ClusterOptions) -> Scan {
    let mut out = Scan::default();
    let mut lower = String::new();
    let mut sentence_start = true;
    let text = a.text.as_str();
    let no_mentions = a.mentions.is_empty();
    let mut last_end = 0;
    // The lede states the event (who, what, where, when); the rest of a report
    // is background that look-alike events share.
    let mut lede_end = text.len();
    for (k, (start, w)) in words(text).enumerate() {
        if k >= opts.lede_words {
            lede_end = start;
            break;
        }
        lede_end = start + w.len();
    }
    for (start, w) in words(text) {
        // A word right after a sentence end is capitalised for grammar, not as a name.
        let gap = text.get(last_end..start).unwrap_or("");
        if gap.contains(['.', '!', '?', '\n']) {
            sentence_start = true;
        }
        last_end = start + w.len();
        lower.clear();
        lower.extend(w.chars().flat_map(char::to_lowercase));
        let cap = w.chars().next().is_some_and(char::is_uppercase);
        let weight = if cap { 2.0 } else { 1.0 }
            * if start < lede_end {
                opts.lede_weight
            } else {
                1.0
            };
        match vocab.words.get(&word_key(&lower)) {
            Some(&SKIP) => {}
            Some(&id) => {
                *out.terms.entry(id).or_default() += weight;
                if cap && !sentence_start && no_mentions {
                    let key = normalize_word(&lower);
                    match vocab.names.get(key.as_str()) {
                        Some(&n) => *out.names.entry(n).or_default() += weight / 2.0,
                        None => out.new_names.push((key, weight / 2.0)),
                    }
                }
            }
            None => {
                out.new_words.push((lower.clone(), weight));
                if cap && !sentence_start && no_mentions {
                    out.fallback.push((lower.clone(), weight / 2.0));
                }
            }
        }
        sentence_start = false;
    }
    let add_name = |out: &mut Scan, t: &str, w: f32| {
        if let Some(k) = name_key(t) {
            // The full name and its last word: "Lindsay Lohan" and "Lohan" meet.
            let last = k
                .rsplit(' ')
                .next()
                .filter(|l| *l != k && l.len() > 2)
                .map(str::to_string);
            for key in last.into_iter().chain(std::iter::once(k)) {
                match vocab.names.get(key.as_str()) {
                    Some(&id) => *out.names.entry(id).or_default() += w,
                    None => out.new_names.push((key, w)),
                }
            }
        }
    };
    if !no_mentions {
        for m in &a.mentions {
            let w = if m.span.start < lede_end {
                opts.lede_weight
            } else {
                1.0
            };
            add_name(&mut out, a.text_of(m.span), w);
        }
    }
    let mut dates: Vec<(i64, Precision)> = a
        .times
        .iter()
        .filter(|t| !t.inferred && t.date.precision() != Precision::Year)
        .map(|t| (t.date.first_day_number(), t.date.precision()))
        .collect();
    if let Some(p) = a.meta.published {
        if p.precision() != Precision::Year {
            dates.push((p.first_day_number(), p.precision()));
        }
    }
    dates.sort_unstable();
    dates.dedup();
    let mut numbers: Vec<u64> = a
        .quantities
        .iter()
        .filter_map(|q| {
            let noun = q.counted.as_deref()?;
            // Tiny counts ("two people") recur in unrelated events; large ids are noise.
            if noun.chars().count() < 3
                || !(q.value > 2.0 || q.value.fract() != 0.0)
                || q.value > 1e7
            {
                return None;
            }
            Some(hash_pair(q.value, noun))
        })
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    out.dates = dates;
    out.numbers = numbers;
    out
}

/// The second half of [`extract`]: intern what the scan did not know.
pub fn resolve(s: Scan, vocab: &mut Vocab) -> Features {
    let Scan {
        mut terms,
        new_words,
        mut names,
        new_names,
        fallback,
        dates,
        numbers,
    } = s;
    for (w, weight) in new_words {
        let id = vocab.word_id(&w);
        if id != SKIP {
            *terms.entry(id).or_default() += weight;
        }
    }
    for (k, w) in new_names {
        *names.entry(vocab.name_id(&k)).or_default() += w;
    }
    for (w, weight) in fallback {
        // Only content words stand in for names ("The" after a comma does not).
        if vocab.word_id(&w) != SKIP {
            *names.entry(vocab.name_id(&normalize_word(&w))).or_default() += weight;
        }
    }
    let names = sorted_counts(names);
    let mut by_weight: Vec<(u32, f32)> = names.clone();
    by_weight.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let lead = by_weight.into_iter().take(3).map(|x| x.0).collect();
    Features {
        terms: sorted_counts(terms),
        names,
        dates,
        numbers,
        lead,
    }
}

/// Do two articles lead with different actors? True when each one's most
/// mentioned name is missing from the other's leading names.
pub fn leads_differ(a: &[u32], b: &[u32]) -> bool {
    match (a.first(), b.first()) {
        (Some(x), Some(y)) => !b.contains(x) && !a.contains(y),
        _ => false,
    }
}

fn hash_pair(v: f64, noun: &str) -> u64 {
    // FNV-1a: stable across runs and platforms, unlike the std hasher's seed.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in v.to_bits().to_le_bytes().iter().chain(noun.as_bytes()) {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Sparse vector helpers over id-sorted `(id, weight)` lists.
pub fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

pub fn normalize(v: &mut [(u32, f32)]) {
    let n = v.iter().map(|(_, x)| x * x).sum::<f32>().sqrt();
    if n > 0.0 {
        v.iter_mut().for_each(|(_, x)| *x /= n);
    }
}

/// Sublinear TF times IDF, L2-normalised.
pub fn weigh(counts: &[(u32, f32)], idf: impl Fn(u32) -> f32) -> Vec<(u32, f32)> {
    // A count below one (a tiny lede weight) would turn the log negative.
    let mut v: Vec<(u32, f32)> = counts
        .iter()
        .filter(|&&(_, c)| c > 0.0 && c.is_finite())
        .map(|&(t, c)| (t, (1.0 + c.max(1.0).ln()) * idf(t)))
        .collect();
    normalize(&mut v);
    v
}

/// How two articles' explicit dates relate: `Some(true)` when some pair of
/// dates agrees (same day give or take `slack` days; a month-precision date
/// with any day of its month), `Some(false)` when even the closest pair lies
/// more than `conflict` days apart, `None` otherwise or when either gives no
/// date. Reports of one event cite other dates too (the previous arrest, the
/// court date), so only a wide gap counts against a pair.
pub fn dates_agree(
    a: &[(i64, Precision)],
    b: &[(i64, Precision)],
    slack: i64,
    conflict: i64,
) -> Option<bool> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    let mut closest = i64::MAX;
    for &(x, px) in a {
        for &(y, py) in b {
            // A month-precision date agrees with any day of its month.
            let gap = if px == Precision::Day && py == Precision::Day {
                (x - y).abs()
            } else {
                ((x - y).abs() - 31).max(0)
            };
            closest = closest.min(gap);
        }
    }
    if closest <= slack {
        Some(true)
    } else if closest > conflict {
        Some(false)
    } else {
        None
    }
}

/// Count of shared keys in two sorted, deduplicated lists.
pub fn shared(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_model::{ArticleId, Date, EntityKind, Mention, Span, TimeMention};

    #[test]
    fn names_add_their_last_word_so_short_forms_meet() {
        let mut v = Vocab::new();
        let mut a = Article::new(ArticleId(0), "t", "Ada Brinkov spoke. Brinkov left.".into());
        a.mentions = vec![
            Mention {
                span: Span::new(0, 11),
                kind: EntityKind::Person,
                defined_as: None,
            },
            Mention {
                span: Span::new(19, 26),
                kind: EntityKind::Person,
                defined_as: None,
            },
        ];
        let f = extract(
            &a,
            &mut v,
            &ClusterOptions {
                lede_weight: 1.0,
                ..ClusterOptions::default()
            },
        );
        // "ada brinkov" once, "brinkov" twice.
        let mut counts: Vec<f32> = f.names.iter().map(|x| x.1).collect();
        counts.sort_by(f32::total_cmp);
        assert_eq!(counts, vec![1.0, 2.0]);
    }

    #[test]
    fn inferred_and_year_dates_are_not_event_dates() {
        let mut v = Vocab::new();
        let mut a = Article::new(
            ArticleId(0),
            "t",
            "On 3 May 2031, in 2029, yesterday.".into(),
        );
        let tm = |s, e, d: Date, inferred| TimeMention {
            span: Span::new(s, e),
            date: d,
            until: None,
            inferred,
        };
        a.times = vec![
            tm(3, 13, Date::ymd(2031, 5, 3).unwrap(), false),
            tm(18, 22, Date::year(2029), false),
            tm(24, 33, Date::ymd(2031, 5, 2).unwrap(), true),
        ];
        let f = extract(
            &a,
            &mut v,
            &ClusterOptions {
                lede_weight: 1.0,
                ..ClusterOptions::default()
            },
        );
        assert_eq!(f.dates.len(), 1);
        let other = [(f.dates[0].0 + 40, Precision::Day)];
        assert_eq!(dates_agree(&f.dates, &other, 3, 30), Some(false));
        assert_eq!(dates_agree(&f.dates, &other, 3, 60), None);
        assert_eq!(dates_agree(&f.dates, &f.dates, 3, 30), Some(true));
        assert_eq!(dates_agree(&f.dates, &[], 3, 30), None);
    }
}
