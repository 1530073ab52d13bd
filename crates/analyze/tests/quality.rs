//! Measured quality on small invented gold sets under `tests/data/analyze/`:
//! entities, aliases, dates, quotes and quantities. Each test prints precision
//! and recall (`cargo test -p dossier-analyze --test quality -- --nocapture`)
//! and asserts a floor, so a regression fails.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use dossier_analyze::{aliases, dates, entities, quantities, Pipeline};
use dossier_model::{Article, ArticleId, Date};

fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data/analyze")
        .join(rel)
}

/// Blocks separated by blank lines, comment lines dropped.
fn blocks(rel: &str) -> Vec<Vec<String>> {
    let path = data(rel);
    let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    raw.split("\n\n")
        .map(|b| {
            b.lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .filter(|b| !b.is_empty())
        .collect()
}

fn input(line: &str) -> String {
    line.strip_prefix("> ")
        .unwrap_or_else(|| panic!("expected '> ': {line}"))
        .replace('⏎', "\n")
}

/// Multiset match: (precision, recall, matched, predicted, gold).
fn prf(pred: &[String], gold: &[String]) -> (usize, usize, usize) {
    let mut bag: HashMap<&str, usize> = HashMap::new();
    for g in gold {
        *bag.entry(g).or_insert(0) += 1;
    }
    let mut m = 0;
    for p in pred {
        if let Some(c) = bag.get_mut(p.as_str()).filter(|c| **c > 0) {
            *c -= 1;
            m += 1;
        }
    }
    (m, pred.len(), gold.len())
}

struct Tally {
    name: &'static str,
    m: usize,
    p: usize,
    g: usize,
    misses: Vec<String>,
}

impl Tally {
    fn new(name: &'static str) -> Tally {
        Tally {
            name,
            m: 0,
            p: 0,
            g: 0,
            misses: Vec::new(),
        }
    }
    fn add(&mut self, pred: &[String], gold: &[String]) {
        let (m, p, g) = prf(pred, gold);
        self.m += m;
        self.p += p;
        self.g += g;
        if m != p || m != g {
            let extra: Vec<&String> = pred.iter().filter(|x| !gold.contains(x)).collect();
            let missed: Vec<&String> = gold.iter().filter(|x| !pred.contains(x)).collect();
            self.misses
                .push(format!("    extra {extra:?}\n    missed {missed:?}"));
        }
    }
    fn report(&self) -> (f64, f64) {
        let p = self.m as f64 / self.p.max(1) as f64;
        let r = self.m as f64 / self.g.max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        println!(
            "{}: precision {p:.3} recall {r:.3} F1 {f:.3} ({} matched, {} predicted, {} gold)",
            self.name, self.m, self.p, self.g
        );
        for x in &self.misses {
            println!("{x}");
        }
        (p, r)
    }
}

fn entities_on(file: &str, floor: f64) {
    println!("== entities / {file}");
    let mut typed = Tally::new("entities (span+kind)");
    let mut spans = Tally::new("entities (span only)");
    for b in blocks(&format!("entities/{file}")) {
        let text = input(&b[0]);
        let pred: Vec<(String, String)> = entities::find(&text)
            .iter()
            .map(|m| {
                (
                    m.kind.as_str().to_string(),
                    text[m.span.start..m.span.end].to_string(),
                )
            })
            .collect();
        let gold: Vec<(String, String)> = b[1..]
            .iter()
            .filter_map(|l| {
                l.split_once(" | ")
                    .map(|(k, s)| (k.trim().to_string(), s.trim().to_string()))
            })
            .collect();
        let fmt = |v: &[(String, String)]| {
            v.iter()
                .map(|(k, s)| format!("{k}:{s}"))
                .collect::<Vec<_>>()
        };
        typed.add(&fmt(&pred), &fmt(&gold));
        let only = |v: &[(String, String)]| v.iter().map(|(_, s)| s.clone()).collect::<Vec<_>>();
        spans.add(&only(&pred), &only(&gold));
    }
    let (p, r) = typed.report();
    let (sp, sr) = spans.report();
    assert!(
        p >= floor && r >= floor,
        "{file}: typed entities below floor"
    );
    assert!(
        sp >= floor && sr >= floor,
        "{file}: entity spans below floor"
    );
}

fn dates_on(file: &str, floor: f64) {
    println!("== dates / {file}");
    let mut t = Tally::new("dates (span+date+until)");
    for b in blocks(&format!("dates/{file}")) {
        let reference = b[0].strip_prefix("@ ").and_then(Date::parse_iso);
        let text = input(&b[1]);
        let pred: Vec<String> = dates::find(&text, reference, false)
            .iter()
            .map(|x| {
                let until = x.until.map(|u| format!(" .. {u}")).unwrap_or_default();
                format!("{} | {}{until}", &text[x.span.start..x.span.end], x.date)
            })
            .collect();
        t.add(&pred, &b[2..]);
    }
    let (p, r) = t.report();
    assert!(p >= floor && r >= floor, "{file}: dates below floor");
}

fn quantities_on(file: &str, floor: f64) {
    println!("== quantities / {file}");
    let mut t = Tally::new("quantities (all fields)");
    let mut s = Tally::new("quantities (span only)");
    for b in blocks(&format!("quantities/{file}")) {
        let text = input(&b[0]);
        let pred: Vec<String> = quantities::find(&text)
            .iter()
            .map(|q| {
                let v = match q.high {
                    Some(h) => format!("{}..{}", q.value, h),
                    None => format!("{}", q.value),
                };
                format!(
                    "{} | {v} | {:?} | {} | {}",
                    &text[q.span.start..q.span.end],
                    q.modifier,
                    q.counted.as_deref().unwrap_or("-"),
                    if q.percent { "yes" } else { "no" }
                )
            })
            .collect();
        let span = |v: &[String]| {
            v.iter()
                .map(|x| x.split(" | ").next().unwrap_or("").to_string())
                .collect::<Vec<_>>()
        };
        s.add(&span(&pred), &span(&b[1..]));
        t.add(&pred, &b[1..]);
    }
    let (p, r) = t.report();
    let (sp, sr) = s.report();
    assert!(p >= floor && r >= floor, "{file}: quantities below floor");
    assert!(
        sp >= floor && sr >= floor,
        "{file}: quantity spans below floor"
    );
}

fn quotes_on(file: &str, floor: f64) {
    println!("== quotes / {file}");
    let mut found = Tally::new("quotes (detection)");
    let (mut matched, mut speaker_ok, mut via_ok) = (0, 0, 0);
    let mut wrong = Vec::new();
    for b in blocks(&format!("quotes/{file}")) {
        let mut a = Article::new(ArticleId(0), "t", input(&b[0]));
        Pipeline::standard().run(&mut a);
        let pred: Vec<(String, String, String)> = a
            .quotes
            .iter()
            .map(|q| {
                (
                    a.text_of(q.span).to_string(),
                    q.speaker
                        .map_or("-".to_string(), |s| a.text_of(s).to_string()),
                    q.via.map_or("-".to_string(), |s| a.text_of(s).to_string()),
                )
            })
            .collect();
        let gold: Vec<(String, String, String)> = b[1..]
            .iter()
            .map(|l| {
                let p: Vec<&str> = l.split(" | ").collect();
                (
                    p[0].to_string(),
                    p.get(1).unwrap_or(&"-").to_string(),
                    p.get(2).unwrap_or(&"-").to_string(),
                )
            })
            .collect();
        let texts =
            |v: &[(String, String, String)]| v.iter().map(|x| x.0.clone()).collect::<Vec<_>>();
        found.add(&texts(&pred), &texts(&gold));
        for g in &gold {
            if let Some(p) = pred.iter().find(|p| p.0 == g.0) {
                matched += 1;
                speaker_ok += usize::from(p.1 == g.1);
                via_ok += usize::from(p.2 == g.2);
                if p.1 != g.1 || p.2 != g.2 {
                    wrong.push(format!(
                        "    {:?}: want {} / {}, got {} / {}",
                        g.0, g.1, g.2, p.1, p.2
                    ));
                }
            }
        }
    }
    let (p, r) = found.report();
    let sa = speaker_ok as f64 / f64::from(matched.max(1) as u32);
    let va = via_ok as f64 / f64::from(matched.max(1) as u32);
    println!(
        "quotes: speaker accuracy {sa:.3}, via accuracy {va:.3} over {matched} matched quotes"
    );
    for w in &wrong {
        println!("{w}");
    }
    assert!(
        p >= floor && r >= floor,
        "{file}: quote detection below floor"
    );
    assert!(
        sa >= floor && va >= floor,
        "{file}: speaker/via accuracy below floor"
    );
}

fn aliases_on(file: &str, floor: f64) {
    println!("== aliases / {file}");
    let (mut tp, mut fp, mut fne) = (0usize, 0usize, 0usize);
    let mut notes = Vec::new();
    for b in blocks(&format!("aliases/{file}")) {
        let arts: Vec<Article> = b
            .iter()
            .filter(|l| l.starts_with("> "))
            .enumerate()
            .map(|(i, l)| {
                let mut a = Article::new(ArticleId(i), "t", input(l));
                Pipeline::standard().run(&mut a);
                a
            })
            .collect();
        let refs: Vec<&Article> = arts.iter().collect();
        let groups = aliases::group(&refs);
        let gold: Vec<Vec<String>> = b
            .iter()
            .filter_map(|l| l.strip_prefix("= "))
            .map(|l| l.split(" | ").map(str::to_string).collect())
            .collect();
        let pred_group = |s: &str| {
            groups
                .iter()
                .position(|g| g.name == s || g.aliases.iter().any(|a| a == s))
        };
        let forms: Vec<(usize, &String)> = gold
            .iter()
            .enumerate()
            .flat_map(|(gi, g)| g.iter().map(move |s| (gi, s)))
            .collect();
        for (i, (gi, a)) in forms.iter().enumerate() {
            for (gj, c) in &forms[i + 1..] {
                let same_gold = gi == gj;
                let same_pred =
                    matches!((pred_group(a), pred_group(c)), (Some(x), Some(y)) if x == y);
                match (same_gold, same_pred) {
                    (true, true) => tp += 1,
                    (false, true) => {
                        fp += 1;
                        notes.push(format!("    wrongly merged {a:?} and {c:?}"));
                    }
                    (true, false) => {
                        fne += 1;
                        notes.push(format!("    not merged {a:?} and {c:?}"));
                    }
                    _ => {}
                }
            }
        }
        // The canonical name is the first gold form.
        for g in &gold {
            if let Some(pg) = pred_group(&g[0]).map(|i| &groups[i]) {
                if pg.name != g[0] {
                    notes.push(format!("    canonical: want {:?}, got {:?}", g[0], pg.name));
                }
            }
        }
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fne).max(1) as f64;
    println!("aliases (same-group pairs): precision {p:.3} recall {r:.3} ({tp} right, {fp} wrong merges, {fne} missed)");
    for n in &notes {
        println!("{n}");
    }
    assert!(
        p >= floor && r >= floor,
        "{file}: alias grouping below floor"
    );
}

/// Tuned on: the floors guard against regressions.
#[test]
fn gold_sets() {
    entities_on("gold.txt", 0.9);
    dates_on("gold.txt", 0.9);
    quantities_on("gold.txt", 0.9);
    quotes_on("gold.txt", 0.9);
    aliases_on("gold.txt", 0.9);
}

/// Written after tuning and never tuned on: these figures are the honest ones.
#[test]
fn heldout_sets() {
    entities_on("heldout.txt", 0.5);
    dates_on("heldout.txt", 0.5);
    quantities_on("heldout.txt", 0.5);
    quotes_on("heldout.txt", 0.5);
    aliases_on("heldout.txt", 0.5);
}

/// Written at the very end and measured once: never tuned on.
#[test]
fn heldout2_sets() {
    entities_on("heldout2.txt", 0.5);
    dates_on("heldout2.txt", 0.5);
    quantities_on("heldout2.txt", 0.5);
    quotes_on("heldout2.txt", 0.5);
    aliases_on("heldout2.txt", 0.5);
}

/// Alias cases written after the main alias rules of phase 3, measured once
/// (precision 0.833, recall 0.238), then used to fix rules: no longer held out.
#[test]
fn heldout3_aliases() {
    aliases_on("heldout3.txt", 0.5);
}

/// Alias cases written after the final alias rules of phase 3, measured once
/// (precision 1.000, recall 0.471), then two general fixes (possessives in
/// reworded names, places read from "at X"): no longer held out either.
#[test]
fn heldout4_aliases() {
    aliases_on("heldout4.txt", 0.3);
}
