//! WCXB main-text extraction scoring: the benchmark's word-bag F1 exactly as `wcxb_f1.py`
//! computes it, plus title, publication-date and author accuracy against the same ground truth.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use crate::pycompat::{py_round, py_word_tokens};
use crate::{parse_jsonl, read_to_string, EvalError};

/// What an extractor produced for one page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PagePrediction {
    pub text: String,
    pub title: Option<String>,
    /// ISO date (`YYYY-MM-DD`, or a timestamp starting with one).
    pub published: Option<String>,
    pub author: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct WcxbReport {
    /// Ground-truth pages with a main content.
    pub pages: usize,
    /// Mean word-bag F1 over `pages` (missing predictions count 0), 4 decimals.
    pub f1: f64,
    /// Ground-truth files with no prediction.
    pub missing: usize,
    /// Share of `title_pages` whose predicted title matches (see [`title_matches`]), 4 decimals.
    pub title_accuracy: Option<f64>,
    /// Share of `date_pages` whose predicted date matches (see [`date_matches`]), 4 decimals.
    pub date_accuracy: Option<f64>,
    /// Scored pages with a non-empty gold title.
    pub title_pages: usize,
    /// Scored pages with a gold publish date.
    pub date_pages: usize,
    /// Share of `author_pages` whose predicted author matches (see [`author_matches`]), 4 decimals.
    pub author_accuracy: Option<f64>,
    /// Scored pages with a non-empty gold author.
    pub author_pages: usize,
}

fn bag(text: &str) -> HashMap<String, usize> {
    let lower = text.to_lowercase();
    let mut bag = HashMap::new();
    for t in py_word_tokens(&lower) {
        *bag.entry(t.to_string()).or_insert(0) += 1;
    }
    bag
}

/// `wcxb_f1.py`'s `f1`: lowercase `\w+` tokens (Python's Unicode `\w`), multiset overlap;
/// 1.0 when both sides have no words, 0.0 when only one has none.
pub fn word_bag_f1(predicted: &str, reference: &str) -> f64 {
    let p = bag(predicted);
    let r = bag(reference);
    if p.is_empty() || r.is_empty() {
        return if p.is_empty() && r.is_empty() {
            1.0
        } else {
            0.0
        };
    }
    let common: usize = p
        .iter()
        .map(|(t, &c)| c.min(r.get(t).copied().unwrap_or(0)))
        .sum();
    if common == 0 {
        return 0.0;
    }
    let prec = common as f64 / p.values().sum::<usize>() as f64;
    let rec = common as f64 / r.values().sum::<usize>() as f64;
    2.0 * prec * rec / (prec + rec)
}

/// Lowercase, typographic quotes and dashes folded to ASCII, whitespace runs collapsed to one
/// space, and anything that is not a letter or digit trimmed from both ends.
fn normalize_title(t: &str) -> String {
    let lower = t.to_lowercase();
    let folded: String = lower
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{2032}' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{2033}' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c => c,
        })
        .collect::<String>()
        // "…" is "...", and "--" is how plain text writes a dash.
        .replace('\u{2026}', "...")
        .replace("--", "-");
    let collapsed = crate::pycompat::py_split_whitespace(&folded)
        .collect::<Vec<_>>()
        .join(" ");
    collapsed
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_string()
}

/// Title rule: after normalisation (see `normalize_title`), the titles are equal, or one
/// contains the other and the shorter has at least 80% of the longer's characters (so a
/// site-name suffix such as " - Daily Example" on a long title still counts as right). An empty
/// normalised title never matches.
pub fn title_matches(predicted: &str, gold: &str) -> bool {
    let p = normalize_title(predicted);
    let g = normalize_title(gold);
    if p.is_empty() || g.is_empty() {
        return false;
    }
    if p == g {
        return true;
    }
    let (short, long) = if p.len() <= g.len() {
        (&p, &g)
    } else {
        (&g, &p)
    };
    long.contains(short.as_str())
        && short.chars().count() as f64 >= 0.8 * long.chars().count() as f64
}

/// Author rule: the names' words (lower-cased, letters and digits only, "and" dropped so
/// "A, B and C" equals "A, B, C") are equal, or the shorter list, of at least two words, is
/// a contiguous part of the other ("Ana Ruiz" within "Ana Ruiz, Staff Writer"; a first name
/// alone is not enough). An empty author never matches.
pub fn author_matches(predicted: &str, gold: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty() && *w != "and")
            .map(str::to_string)
            .collect()
    };
    let (p, g) = (words(predicted), words(gold));
    if p.is_empty() || g.is_empty() {
        return false;
    }
    if p == g {
        return true;
    }
    let (short, long) = if p.len() <= g.len() {
        (&p, &g)
    } else {
        (&g, &p)
    };
    short.len() >= 2 && long.windows(short.len()).any(|w| w == short.as_slice())
}

/// The leading ISO date of `s` at its own precision: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`,
/// followed by the end or a non-digit (`T`, space...).
fn iso_prefix(s: &str) -> Option<&str> {
    let s = s.trim_start();
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let ends_at = |i: usize| !matches!(b.get(i), Some(c) if c.is_ascii_digit());
    if !digits(0..4) {
        return None;
    }
    let mut end = 4;
    if b.get(4) == Some(&b'-') && digits(5..7) && ends_at(7) {
        end = 7;
        if b.get(7) == Some(&b'-') && digits(8..10) && ends_at(10) {
            end = 10;
        }
    } else if !ends_at(4) {
        return None;
    }
    s.get(..end)
}

/// Date rule: the predicted date's leading ISO date starts with the gold one's, so a gold full
/// timestamp compares its `YYYY-MM-DD` day, and a gold month (`YYYY-MM`) accepts any day of it.
pub fn date_matches(predicted: &str, gold: &str) -> bool {
    match (iso_prefix(predicted), iso_prefix(gold)) {
        (Some(p), Some(g)) => p.starts_with(g),
        _ => false,
    }
}

/// Scores `predictions` (keyed by page id: the file name before its first dot) against every
/// `*.json` in `gt_dir` (WCXB: `ground_truth.main_content`, `title`, `publish_date`), like
/// `wcxb_f1.py` for `pages`, `f1` and `missing`. Pages whose main content is null are skipped
/// but still count as missing when unpredicted, as in the script.
pub fn evaluate(
    gt_dir: &Path,
    predictions: &HashMap<String, PagePrediction>,
) -> Result<WcxbReport, EvalError> {
    let io = |source| EvalError::Io {
        path: gt_dir.to_path_buf(),
        source,
    };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(gt_dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        let is_json = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.ends_with(".json"));
        if is_json && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    let mut report = WcxbReport::default();
    let (mut f1_sum, mut titles_right, mut dates_right, mut authors_right) =
        (0.0f64, 0usize, 0usize, 0usize);
    for path in &files {
        let id = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let pred = predictions.get(&id);
        if pred.is_none() {
            report.missing += 1;
        }
        let raw = read_to_string(path)?;
        let doc: Value = serde_json::from_str(&raw).map_err(|source| EvalError::Json {
            path: path.clone(),
            line: 0,
            source,
        })?;
        let gt = doc.get("ground_truth").ok_or_else(|| EvalError::Field {
            path: path.clone(),
            line: 0,
            why: "missing `ground_truth`".into(),
        })?;
        let reference = match gt.get("main_content") {
            None | Some(Value::Null) => continue,
            Some(Value::String(s)) => s,
            Some(_) => {
                return Err(EvalError::Field {
                    path: path.clone(),
                    line: 0,
                    why: "`ground_truth.main_content` is not a string".into(),
                })
            }
        };
        report.pages += 1;
        f1_sum += word_bag_f1(pred.map_or("", |p| p.text.as_str()), reference);
        if let Some(gold_title) = gt.get("title").and_then(Value::as_str) {
            if !normalize_title(gold_title).is_empty() {
                report.title_pages += 1;
                if pred
                    .and_then(|p| p.title.as_deref())
                    .is_some_and(|t| title_matches(t, gold_title))
                {
                    titles_right += 1;
                }
            }
        }
        if let Some(gold_author) = gt.get("author").and_then(Value::as_str) {
            if gold_author.chars().any(char::is_alphanumeric) {
                report.author_pages += 1;
                if pred
                    .and_then(|p| p.author.as_deref())
                    .is_some_and(|a| author_matches(a, gold_author))
                {
                    authors_right += 1;
                }
            }
        }
        if let Some(gold_date) = gt.get("publish_date").and_then(Value::as_str) {
            if iso_prefix(gold_date).is_some() {
                report.date_pages += 1;
                if pred
                    .and_then(|p| p.published.as_deref())
                    .is_some_and(|d| date_matches(d, gold_date))
                {
                    dates_right += 1;
                }
            }
        }
    }
    if report.pages == 0 {
        return Err(EvalError::Empty {
            path: gt_dir.to_path_buf(),
            what: "ground-truth page with a main content",
        });
    }
    report.f1 = py_round(f1_sum / report.pages as f64, 4);
    let share = |right: usize, of: usize| (of > 0).then(|| py_round(right as f64 / of as f64, 4));
    report.title_accuracy = share(titles_right, report.title_pages);
    report.date_accuracy = share(dates_right, report.date_pages);
    report.author_accuracy = share(authors_right, report.author_pages);
    Ok(report)
}

/// The page id of a source path: its file name before the first dot, as `wcxb_f1.py` derives it.
pub fn page_id(source: &str) -> String {
    let name = Path::new(source)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    name.split('.').next().unwrap_or_default().to_string()
}

fn opt_str(v: &Value, keys: &[&str]) -> Option<String> {
    keys.iter()
        .find_map(|k| v.get(*k).and_then(Value::as_str))
        .map(str::to_string)
}

/// Reads predictions in either format `wcxb_f1.py` takes: one JSON object
/// `{page_id: {"articleBody": text, ...}}` (trafilatura_extract.py; `title` and
/// `date`/`datePublished` are read when present), or JSON Lines of dossier articles
/// (`source`, `text`, `title`, `published`), keyed by [`page_id`] of `source`.
pub fn load_predictions(path: &Path) -> Result<HashMap<String, PagePrediction>, EvalError> {
    let raw = read_to_string(path)?;
    if let Ok(Value::Object(map)) = serde_json::from_str::<Value>(&raw) {
        if map.values().all(Value::is_object) {
            return Ok(map
                .iter()
                .map(|(id, v)| {
                    let pred = PagePrediction {
                        text: opt_str(v, &["articleBody"]).unwrap_or_default(),
                        title: opt_str(v, &["title", "headline"]),
                        published: opt_str(v, &["date", "datePublished", "published"]),
                        author: opt_str(v, &["author"]),
                    };
                    (id.clone(), pred)
                })
                .collect());
        }
    }
    let mut out = HashMap::new();
    for (_, v) in parse_jsonl(path, &raw)? {
        let id = page_id(v.get("source").and_then(Value::as_str).unwrap_or(""));
        let pred = PagePrediction {
            text: opt_str(&v, &["text"]).unwrap_or_default(),
            title: opt_str(&v, &["title"]),
            published: opt_str(&v, &["published"]),
            author: opt_str(&v, &["author"]),
        };
        out.insert(id, pred);
    }
    Ok(out)
}
