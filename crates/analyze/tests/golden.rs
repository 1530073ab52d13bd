//! Golden tests: invented reports under `tests/data/analyze/golden/*.txt` run
//! through `Pipeline::standard()`, compared with the reviewed dump beside them
//! (`*.expected`). `UPDATE_EXPECT=1 cargo test -p dossier-analyze --test golden`
//! rewrites the dumps; review the diff before keeping it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use dossier_analyze::Pipeline;
use dossier_model::{Article, ArticleId, Date, Span};

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/analyze/golden")
}

/// Parse the small header (`published:`, `title:`) and the text after `---`.
fn load(path: &Path) -> Article {
    let raw = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let (head, body) = raw
        .split_once("---\n")
        .unwrap_or_else(|| panic!("{}: no --- line", path.display()));
    let text = body.trim_end().to_string();
    let mut a = Article::new(ArticleId(0), path.display().to_string(), text);
    for line in head.lines() {
        match line.split_once(':').map(|(k, v)| (k.trim(), v.trim())) {
            Some(("published", v)) => a.meta.published = Date::parse_iso(v),
            Some(("title", "yes")) => {
                let end = a.text.find('\n').unwrap_or(a.text.len());
                a.title_span = Some(Span::new(0, end));
            }
            _ => {}
        }
    }
    a
}

fn dump(a: &Article) -> String {
    let mut s = String::new();
    let t = |sp: Span| a.text_of(sp).replace('\n', "⏎");
    for x in &a.sentences {
        let _ = writeln!(s, "S| {}", t(*x));
    }
    for m in &a.mentions {
        let d = m
            .defined_as
            .map(|d| format!(" = {}", t(d)))
            .unwrap_or_default();
        let _ = writeln!(s, "M| {} | {}{d}", m.kind.as_str(), t(m.span));
    }
    for x in &a.times {
        let until = x.until.map(|u| format!(" .. {u}")).unwrap_or_default();
        let inf = if x.inferred { " (inferred)" } else { "" };
        let _ = writeln!(s, "T| {} | {}{until}{inf}", t(x.span), x.date);
    }
    for q in &a.quotes {
        let sp = q.speaker.map(t).unwrap_or_else(|| "-".into());
        let via = q.via.map(t).unwrap_or_else(|| "-".into());
        let _ = writeln!(s, "Q| {} | speaker: {sp} | via: {via}", t(q.span));
    }
    for q in &a.quantities {
        let high = q.high.map(|h| format!("..{h}")).unwrap_or_default();
        let pct = if q.percent { "%" } else { "" };
        let counted = q.counted.as_deref().unwrap_or("-");
        let _ = writeln!(
            s,
            "N| {} | {}{high}{pct} {:?} | {counted}",
            t(q.span),
            q.value,
            q.modifier
        );
    }
    s
}

#[test]
fn golden_reports() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(data_dir())
        .expect("golden dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 4, "golden fixtures missing");
    let mut failures = Vec::new();
    for p in paths {
        let mut a = load(&p);
        Pipeline::standard().run(&mut a);
        assert!(a.check_spans().is_ok(), "{}", p.display());
        let got = dump(&a);
        let exp_path = p.with_extension("expected");
        if update {
            std::fs::write(&exp_path, &got).expect("write expected");
            continue;
        }
        let want = std::fs::read_to_string(&exp_path).unwrap_or_default();
        if want != got {
            failures.push(format!(
                "{}:\n--- want\n{want}\n--- got\n{got}",
                p.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
