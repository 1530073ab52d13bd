//! Copy detection without comparing every pair: MinHash signatures banded
//! into LSH buckets find near-duplicates (high Jaccard overlap of word
//! shingles), and winnowed shingle fingerprints in an inverted index find
//! long shared passages (relays). Every candidate pair is verified exactly.

use std::collections::HashMap;

use dossier_model::Article;
use dossier_text::words;

use crate::ClusterOptions;

/// MinHash values per signature, cut into `BANDS` bands of `ROWS` rows.
/// 16 bands of 4 rows give a pair at Jaccard 0.5 a chance of
/// 1-(1-0.5⁴)¹⁶ ≈ 0.65 to meet in some bucket, at 0.7 a chance of 0.99;
/// edited wire copies sit well above 0.7. Pairs between 0.5 and 0.7 that the
/// bands miss still meet through the shared-passage index below.
const BANDS: usize = 16;
const ROWS: usize = 4;
/// A bucket or posting this full is boilerplate or a mass copy: members are
/// compared with its first entries only, which keeps the work linear.
const BUCKET_CAP: usize = 64;

fn fnv(bytes: &[u8], seed: u64) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ seed;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn mix(mut z: u64) -> u64 {
    // splitmix64's finaliser: a cheap, well-spread permutation of u64.
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Hashes of the `k`-word shingles of `text`, in text order (lower-cased words).
pub fn shingle_hashes(text: &str, k: usize) -> Vec<u64> {
    let k = k.max(1);
    let toks: Vec<u64> = words(text)
        .map(|(_, w)| fnv(w.to_lowercase().as_bytes(), 0))
        .collect();
    if toks.is_empty() {
        return Vec::new();
    }
    if toks.len() < k {
        return vec![toks.iter().fold(0u64, |h, &t| mix(h ^ t))];
    }
    toks.windows(k)
        .map(|w| w.iter().fold(0u64, |h, &t| mix(h.rotate_left(7) ^ t)))
        .collect()
}

/// The MinHash signature of a shingle set.
pub fn minhash(set: &[u64]) -> [u64; BANDS * ROWS] {
    let mut sig = [u64::MAX; BANDS * ROWS];
    for &h in set {
        for (i, s) in sig.iter_mut().enumerate() {
            let v = mix(h ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
            if v < *s {
                *s = v;
            }
        }
    }
    sig
}

/// Winnowing: the minimum hash of every window of `w` consecutive shingles.
/// Two texts sharing a passage of `w + k - 1` words share a fingerprint.
fn winnow(seq: &[u64], w: usize) -> Vec<u64> {
    let w = w.max(1);
    if seq.len() <= w {
        return seq.iter().min().copied().into_iter().collect();
    }
    let mut out: Vec<u64> = seq
        .windows(w)
        .filter_map(|win| win.iter().min().copied())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

fn sorted_set(mut v: Vec<u64>) -> Vec<u64> {
    v.sort_unstable();
    v.dedup();
    v
}

fn intersection(a: &[u64], b: &[u64]) -> usize {
    crate::features::shared(a, b)
}

/// Which of two articles came first: by publication date, then input order.
fn earlier(a: &Article, b: &Article) -> bool {
    match (a.meta.published, b.meta.published) {
        (Some(x), Some(y)) if x != y => x < y,
        _ => a.id < b.id,
    }
}

/// Candidate pairs (i < j) from buckets of article indices.
fn pairs_from_buckets(buckets: HashMap<u64, Vec<usize>>, out: &mut Vec<(usize, usize)>) {
    for members in buckets.into_values() {
        for (x, &i) in members.iter().enumerate() {
            for &j in members.iter().take(x.min(BUCKET_CAP)) {
                out.push((j.min(i), j.max(i)));
            }
        }
    }
}

/// Mark near-duplicates (`duplicate_of`, pointing at the earliest copy) and
/// relays (an article quoting a long passage of an earlier one).
pub fn mark_copies(articles: &mut [Article], opts: &ClusterOptions) {
    let seqs: Vec<Vec<u64>> = articles
        .iter()
        .map(|a| shingle_hashes(&a.text, opts.shingle))
        .collect();
    let window = opts
        .relay_shared_shingles
        .saturating_sub(opts.shingle)
        .max(1);
    let prints: Vec<Vec<u64>> = seqs.iter().map(|s| winnow(s, window)).collect();
    let sets: Vec<Vec<u64>> = seqs.into_iter().map(sorted_set).collect();

    let mut cands: Vec<(usize, usize)> = Vec::new();
    let mut bands: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, s) in sets.iter().enumerate() {
        if s.is_empty() {
            continue;
        }
        let sig = minhash(s);
        for (b, rows) in sig.chunks(ROWS).enumerate() {
            let key = rows.iter().fold(b as u64, |h, &r| mix(h ^ r));
            bands.entry(key).or_default().push(i);
        }
    }
    pairs_from_buckets(bands, &mut cands);
    let mut index: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, p) in prints.iter().enumerate() {
        for &h in p {
            index.entry(h).or_default().push(i);
        }
    }
    // A passage in very many articles is boilerplate, not evidence of copying.
    index.retain(|_, v| v.len() <= 50);
    pairs_from_buckets(index, &mut cands);
    cands.sort_unstable();
    cands.dedup();

    for (i, j) in cands {
        let n = intersection(&sets[i], &sets[j]);
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
                if root != articles[later].id {
                    articles[later].duplicate_of = Some(root);
                }
            }
        } else if n >= opts.relay_shared_shingles {
            let id = articles[first].id;
            if !articles[later].relays.contains(&id) {
                articles[later].relays.push(id);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn winnowing_keeps_a_fingerprint_of_every_long_shared_run() {
        let a: Vec<u64> = (0..200).map(mix).collect();
        let mut b: Vec<u64> = (1000..1100).map(mix).collect();
        b.extend_from_slice(&a[50..70]);
        let (fa, fb) = (sorted_set(winnow(&a, 15)), sorted_set(winnow(&b, 15)));
        assert!(intersection(&fa, &fb) >= 1);
    }

    fn synthetic(seed: u64, words: usize) -> String {
        (0..words)
            .map(|k| format!("w{}", mix(seed * 1000 + k as u64) % 5000))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn a_copy_hidden_among_hundreds_of_reports_is_found() {
        use dossier_model::ArticleId;
        let mut arts: Vec<Article> = (0..300)
            .map(|i| Article::new(ArticleId(i), "t", synthetic(i as u64, 200)))
            .collect();
        // Article 300 copies article 150 with every twentieth word changed.
        let edited: Vec<String> = arts[150]
            .text
            .split(' ')
            .enumerate()
            .map(|(k, w)| {
                if k % 20 == 0 {
                    "changed".to_string()
                } else {
                    w.to_string()
                }
            })
            .collect();
        arts.push(Article::new(ArticleId(300), "t", edited.join(" ")));
        mark_copies(&mut arts, &ClusterOptions::default());
        assert_eq!(arts[300].duplicate_of, Some(ArticleId(150)));
        let marked = arts.iter().filter(|a| a.duplicate_of.is_some()).count();
        assert_eq!(marked, 1);
    }

    #[test]
    fn minhash_agreement_tracks_jaccard() {
        let a: Vec<u64> = sorted_set((0..400).map(mix).collect());
        let b: Vec<u64> = sorted_set((100..500).map(mix).collect()); // Jaccard 0.6
        let (sa, sb) = (minhash(&a), minhash(&b));
        let agree = sa.iter().zip(&sb).filter(|(x, y)| x == y).count() as f32 / sa.len() as f32;
        assert!((0.4..0.8).contains(&agree), "{agree}");
        let c: Vec<u64> = sorted_set((1000..1400).map(mix).collect());
        assert_eq!(
            minhash(&c).iter().zip(&sa).filter(|(x, y)| x == y).count(),
            0
        );
    }
}
