//! ROUGE-1/2/L/Lsum with the exact semantics of Google's `rouge-score` 0.1.2 (stemming on), the
//! `rouge` package's ROUGE-L F that LongBench reports, and the corpus report of the project's
//! `rouge_eval.py`.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;

use crate::pycompat::{py_is_blank, py_round, py_split_whitespace};
use crate::{porter, read_jsonl, EvalError};

/// Precision, recall and F1 of one ROUGE variant for one pair, each in 0..=1.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Score {
    pub precision: f64,
    pub recall: f64,
    pub fmeasure: f64,
}

/// F1 of the four variants for one pair, each in 0..=1.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct RougeScores {
    pub rouge1: f64,
    pub rouge2: f64,
    #[serde(rename = "rougeL")]
    pub rouge_l: f64,
    #[serde(rename = "rougeLsum")]
    pub rouge_lsum: f64,
}

/// Precision, recall and F1 of the four variants for one pair.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct RougeDetail {
    pub rouge1: Score,
    pub rouge2: Score,
    #[serde(rename = "rougeL")]
    pub rouge_l: Score,
    #[serde(rename = "rougeLsum")]
    pub rouge_lsum: Score,
}

impl RougeDetail {
    pub fn f1(&self) -> RougeScores {
        RougeScores {
            rouge1: self.rouge1.fmeasure,
            rouge2: self.rouge2.fmeasure,
            rouge_l: self.rouge_l.fmeasure,
            rouge_lsum: self.rouge_lsum.fmeasure,
        }
    }
}

/// The corpus figures `rouge_eval.py` prints: mean F1 x100 over all gold ids (2 decimals), the
/// LongBench ROUGE-L F x100, and counts.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct RougeReport {
    pub rouge1: f64,
    pub rouge2: f64,
    #[serde(rename = "rougeL")]
    pub rouge_l: f64,
    #[serde(rename = "rougeLsum")]
    pub rouge_lsum: f64,
    pub longbench: Option<f64>,
    /// Distinct gold ids.
    pub clusters: usize,
    /// Gold ids with no system line.
    pub missing: usize,
    /// Mean whitespace-separated words per system summary (1 decimal), over all gold ids.
    pub avg_words: f64,
}

/// rouge-score's tokenizer with stemming: lowercase, every character outside `[a-z0-9]` is a
/// separator, and tokens longer than 3 characters are Porter-stemmed (NLTK).
pub fn tokenize(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, tokens: &mut Vec<String>| {
        if cur.is_empty() {
            return;
        }
        let tok = if cur.len() > 3 {
            porter::stem(cur)
        } else {
            cur.clone()
        };
        cur.clear();
        if !tok.is_empty()
            && tok
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        {
            tokens.push(tok);
        }
    };
    for c in text.chars() {
        // Lowercasing can turn a non-ASCII letter into ASCII ones (U+0130, U+212A), as in Python.
        for lc in c.to_lowercase() {
            if lc.is_ascii_lowercase() || lc.is_ascii_digit() {
                cur.push(lc);
            } else {
                flush(&mut cur, &mut tokens);
            }
        }
    }
    flush(&mut cur, &mut tokens);
    tokens
}

/// Maps token strings to small integers so that n-grams and LCS compare integers.
#[derive(Default)]
struct Interner<'a> {
    ids: HashMap<&'a str, u32>,
}

impl<'a> Interner<'a> {
    fn ids(&mut self, tokens: &'a [String]) -> Vec<u32> {
        tokens
            .iter()
            .map(|t| {
                let next = self.ids.len() as u32;
                *self.ids.entry(t.as_str()).or_insert(next)
            })
            .collect()
    }
}

fn fmeasure(precision: f64, recall: f64) -> f64 {
    if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    }
}

fn ngram_counts(tokens: &[u32], n: usize) -> HashMap<&[u32], usize> {
    let mut counts = HashMap::new();
    if n > 0 && tokens.len() >= n {
        for gram in tokens.windows(n) {
            *counts.entry(gram).or_insert(0) += 1;
        }
    }
    counts
}

/// ROUGE-N with clipped counts (`_score_ngrams`).
fn score_ngrams(target: &[u32], prediction: &[u32], n: usize) -> Score {
    let t = ngram_counts(target, n);
    let p = ngram_counts(prediction, n);
    let inter: usize = t
        .iter()
        .map(|(g, &c)| c.min(p.get(g).copied().unwrap_or(0)))
        .sum();
    let t_total: usize = t.values().sum();
    let p_total: usize = p.values().sum();
    let precision = inter as f64 / p_total.max(1) as f64;
    let recall = inter as f64 / t_total.max(1) as f64;
    Score {
        precision,
        recall,
        fmeasure: fmeasure(precision, recall),
    }
}

fn lcs_len(a: &[u32], b: &[u32]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for &x in a {
        for (j, &y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                prev[j + 1].max(cur[j])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// ROUGE-L over whole texts (`_score_lcs`).
fn score_lcs(target: &[u32], prediction: &[u32]) -> Score {
    if target.is_empty() || prediction.is_empty() {
        return Score::default();
    }
    let l = lcs_len(target, prediction) as f64;
    let precision = l / prediction.len() as f64;
    let recall = l / target.len() as f64;
    Score {
        precision,
        recall,
        fmeasure: fmeasure(precision, recall),
    }
}

/// Indices into `r` of one LCS of `r` and `c`, chosen exactly like rouge-score's
/// `_backtrack_norec` (ties move up), in increasing order.
fn lcs_indices(r: &[u32], c: &[u32], out: &mut Vec<usize>) {
    let cols = c.len() + 1;
    let mut t = vec![0u32; (r.len() + 1) * cols];
    for i in 1..=r.len() {
        for j in 1..=c.len() {
            t[i * cols + j] = if r[i - 1] == c[j - 1] {
                t[(i - 1) * cols + j - 1] + 1
            } else {
                t[(i - 1) * cols + j].max(t[i * cols + j - 1])
            };
        }
    }
    let (mut i, mut j) = (r.len(), c.len());
    while i > 0 && j > 0 {
        if r[i - 1] == c[j - 1] {
            out.push(i - 1);
            i -= 1;
            j -= 1;
        } else if t[i * cols + j - 1] > t[(i - 1) * cols + j] {
            j -= 1;
        } else {
            i -= 1;
        }
    }
}

/// Summary-level ROUGE-L (`_summary_level_lcs`): union LCS of each reference sentence against
/// all candidate sentences, with token counts capping hits as ROUGE 1.5.5 does.
fn summary_level_lcs(refs: &[Vec<u32>], cands: &[Vec<u32>]) -> Score {
    if refs.is_empty() || cands.is_empty() {
        return Score::default();
    }
    let m: usize = refs.iter().map(Vec::len).sum();
    let n: usize = cands.iter().map(Vec::len).sum();
    if m == 0 || n == 0 {
        return Score::default();
    }
    let mut cnt_r: HashMap<u32, usize> = HashMap::new();
    let mut cnt_c: HashMap<u32, usize> = HashMap::new();
    for &t in refs.iter().flatten() {
        *cnt_r.entry(t).or_insert(0) += 1;
    }
    for &t in cands.iter().flatten() {
        *cnt_c.entry(t).or_insert(0) += 1;
    }
    let mut hits = 0usize;
    let mut union = Vec::new();
    for r in refs {
        union.clear();
        for c in cands {
            lcs_indices(r, c, &mut union);
        }
        union.sort_unstable();
        union.dedup();
        for &i in &union {
            let t = r[i];
            let (Some(cc), Some(cr)) = (cnt_c.get(&t).copied(), cnt_r.get(&t).copied()) else {
                continue;
            };
            if cc > 0 && cr > 0 {
                hits += 1;
                cnt_c.insert(t, cc - 1);
                cnt_r.insert(t, cr - 1);
            }
        }
    }
    let recall = hits as f64 / m as f64;
    let precision = hits as f64 / n as f64;
    Score {
        precision,
        recall,
        fmeasure: fmeasure(precision, recall),
    }
}

/// rouge-score's sentences for ROUGE-Lsum: split on "\n", dropping empty pieces.
fn lsum_sentences(text: &str) -> Vec<Vec<String>> {
    text.split('\n')
        .filter(|s| !s.is_empty())
        .map(tokenize)
        .collect()
}

/// All four variants with precision and recall, like `RougeScorer([...], use_stemmer=True)
/// .score(reference, candidate)`.
pub fn score_detail(reference: &str, candidate: &str) -> RougeDetail {
    let ref_toks = tokenize(reference);
    let cand_toks = tokenize(candidate);
    let ref_sents = lsum_sentences(reference);
    let cand_sents = lsum_sentences(candidate);
    let mut interner = Interner::default();
    let r = interner.ids(&ref_toks);
    let c = interner.ids(&cand_toks);
    let rs: Vec<Vec<u32>> = ref_sents.iter().map(|s| interner.ids(s)).collect();
    let cs: Vec<Vec<u32>> = cand_sents.iter().map(|s| interner.ids(s)).collect();
    RougeDetail {
        rouge1: score_ngrams(&r, &c, 1),
        rouge2: score_ngrams(&r, &c, 2),
        rouge_l: score_lcs(&r, &c),
        rouge_lsum: summary_level_lcs(&rs, &cs),
    }
}

/// F1 of ROUGE-1/2/L/Lsum for one pair, with plain rouge-score semantics (no sentence splitting
/// beyond the "\n" that ROUGE-Lsum uses).
pub fn score(reference: &str, candidate: &str) -> RougeScores {
    score_detail(reference, candidate).f1()
}

/// Python's default recursion limit, and how many frames `rouge_eval.py` already holds when the
/// `rouge` package's recursive LCS read-out starts (measured with rouge_eval.py on CPython
/// 3.11: a read-out of 993 calls works, 994 raise RecursionError, which the script swallows).
const LONGBENCH_MAX_RECON_CALLS: usize = 993;

/// The `rouge` package's sentences: split on ".", drop empty pieces, collapse whitespace.
fn longbench_sentences(text: &str) -> Vec<String> {
    text.split('.')
        .filter(|p| !p.is_empty())
        .map(|p| py_split_whitespace(p).collect::<Vec<_>>().join(" "))
        .collect()
}

/// The words of one LCS of `x` and `y` as the `rouge` package's recursive `_recon_lcs` reads it
/// out (ties move left), or `None` when that recursion would overflow Python's stack.
fn recon_lcs<'a>(x: &[&'a str], y: &[&str]) -> Option<Vec<&'a str>> {
    let cols = y.len() + 1;
    let mut t = vec![0u32; (x.len() + 1) * cols];
    for i in 1..=x.len() {
        for j in 1..=y.len() {
            t[i * cols + j] = if x[i - 1] == y[j - 1] {
                t[(i - 1) * cols + j - 1] + 1
            } else {
                t[(i - 1) * cols + j].max(t[i * cols + j - 1])
            };
        }
    }
    let (mut i, mut j) = (x.len(), y.len());
    let mut calls = 1usize;
    let mut out = Vec::new();
    while i > 0 && j > 0 {
        if x[i - 1] == y[j - 1] {
            out.push(x[i - 1]);
            i -= 1;
            j -= 1;
        } else if t[(i - 1) * cols + j] > t[i * cols + j - 1] {
            i -= 1;
        } else {
            j -= 1;
        }
        calls += 1;
    }
    if calls > LONGBENCH_MAX_RECON_CALLS {
        return None;
    }
    Some(out)
}

/// The `rouge` package's (1.0.1) ROUGE-L F for one pair, `Rouge().get_scores([hypothesis],
/// [reference], avg=True)["rouge-l"]["f"]`: sentences split on ".", case-sensitive
/// space-separated words, no stemming, distinct-word union LCS. `None` where that package raises
/// (an empty side, or a recursion overflow on very long sentences); `rouge_eval.py` counts 0.
pub fn longbench_rouge_l(reference: &str, hypothesis: &str) -> Option<f64> {
    let hyp = longbench_sentences(hypothesis);
    let refs = longbench_sentences(reference);
    if hyp.is_empty() || refs.is_empty() {
        return None;
    }
    let split = |sents: &[String]| -> Vec<Vec<String>> {
        sents
            .iter()
            .map(|s| s.split(' ').map(str::to_string).collect())
            .collect()
    };
    let hyp_words = split(&hyp);
    let ref_words = split(&refs);
    let distinct = |ws: &[Vec<String>]| {
        ws.iter()
            .flatten()
            .map(String::as_str)
            .collect::<std::collections::HashSet<&str>>()
            .len()
    };
    let m = distinct(&ref_words);
    let n = distinct(&hyp_words);
    let mut union: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for r in &ref_words {
        let x: Vec<&str> = r.iter().map(String::as_str).collect();
        for h in &hyp_words {
            let y: Vec<&str> = h.iter().map(String::as_str).collect();
            union.extend(recon_lcs(&x, &y)?);
        }
    }
    let llcs = union.len() as f64;
    let r_lcs = llcs / m as f64;
    let p_lcs = llcs / n as f64;
    Some(2.0 * ((p_lcs * r_lcs) / (p_lcs + r_lcs + 1e-8)))
}

/// `rouge_eval.py` on in-memory data. Gold ids repeat like Python dict keys (the last summary
/// wins, the first position counts). A system summary that is missing or blank scores 0; the
/// others are scored after `. ` -> `.\n` (so ROUGE-Lsum sees sentences). Means are over all
/// gold ids; an empty gold set gives an all-zero report.
pub fn evaluate(gold: &[(String, String)], system: &HashMap<String, String>) -> RougeReport {
    let mut order: Vec<&str> = Vec::new();
    let mut refs: HashMap<&str, &str> = HashMap::new();
    for (id, summary) in gold {
        if refs.insert(id.as_str(), summary.as_str()).is_none() {
            order.push(id.as_str());
        }
    }
    let n = order.len();
    if n == 0 {
        return RougeReport {
            longbench: Some(0.0),
            ..RougeReport::default()
        };
    }
    let mut tot = [0.0f64; 5];
    let mut words = 0usize;
    let mut missing = 0usize;
    for id in &order {
        let reference = refs.get(id).copied().unwrap_or_default();
        let hyp = match system.get(*id) {
            Some(h) => h.as_str(),
            None => {
                missing += 1;
                ""
            }
        };
        words += py_split_whitespace(hyp).count();
        if py_is_blank(hyp) {
            continue;
        }
        let s = score(reference, &hyp.replace(". ", ".\n"));
        tot[0] += s.rouge1;
        tot[1] += s.rouge2;
        tot[2] += s.rouge_l;
        tot[3] += s.rouge_lsum;
        tot[4] += longbench_rouge_l(reference, hyp).unwrap_or(0.0);
    }
    let pct = |v: f64| py_round(100.0 * v / n as f64, 2);
    RougeReport {
        rouge1: pct(tot[0]),
        rouge2: pct(tot[1]),
        rouge_l: pct(tot[2]),
        rouge_lsum: pct(tot[3]),
        longbench: Some(pct(tot[4])),
        clusters: n,
        missing,
        avg_words: py_round(words as f64 / n as f64, 1),
    }
}

/// `rouge_eval.py GOLD SYSTEM`: both JSON Lines of `{"id", "summary"}` (blank lines skipped; a
/// system line without `summary`, or with null, counts as an empty summary).
pub fn evaluate_files(gold: &Path, system: &Path) -> Result<RougeReport, EvalError> {
    let mut gold_pairs = Vec::new();
    for rec in read_jsonl(gold)? {
        let (line, v) = rec;
        let id = crate::string_field(gold, line, &v, "id")?;
        let summary = crate::string_field(gold, line, &v, "summary")?;
        gold_pairs.push((id, summary));
    }
    if gold_pairs.is_empty() {
        return Err(EvalError::Empty {
            path: gold.to_path_buf(),
            what: "gold summaries",
        });
    }
    let mut sys = HashMap::new();
    for (line, v) in read_jsonl(system)? {
        let id = crate::string_field(system, line, &v, "id")?;
        let summary = match v.get("summary") {
            None | Some(serde_json::Value::Null) => String::new(),
            Some(_) => crate::string_field(system, line, &v, "summary")?,
        };
        sys.insert(id, summary);
    }
    Ok(evaluate(&gold_pairs, &sys))
}
