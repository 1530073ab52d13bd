//! Helpers: run the `dossier` binary, find fixtures, compare with expectations.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (two levels above this crate).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repository root")
}

pub fn data(rel: &str) -> PathBuf {
    root().join("tests/data").join(rel)
}

/// Run `dossier` with arguments from the repository root.
pub fn dossier(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .expect("run dossier")
}

/// Run `dossier` with bytes on standard input.
pub fn dossier_stdin(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .current_dir(root())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn dossier");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write stdin");
    child.wait_with_output().expect("wait dossier")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Parse a `dossier/1` document from a run's stdout.
pub fn json(o: &Output) -> serde_json::Value {
    serde_json::from_str(&stdout(o))
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}); stderr: {}", stderr(o)))
}

/// Compare `actual` with the expectation file; `UPDATE_EXPECT=1` rewrites it.
pub fn check_expect(path: &Path, actual: &str) {
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, actual).expect("write expectation");
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|_| {
        panic!(
            "missing expectation {}; run with UPDATE_EXPECT=1 to create it",
            path.display()
        )
    });
    if expected != actual {
        let first_diff = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{} differs from the output at line {}:\n  expected: {:?}\n  actual:   {:?}\n(run with UPDATE_EXPECT=1 to accept)",
            path.display(),
            first_diff + 1,
            expected.lines().nth(first_diff),
            actual.lines().nth(first_diff)
        );
    }
}

/// Every Cite in a `dossier/1` document slices its article's text on UTF-8
/// boundaries; returns how many cites were checked.
pub fn assert_cites_valid(doc: &serde_json::Value) -> usize {
    let texts: std::collections::HashMap<String, String> = doc["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .map(|a| {
            (
                a["id"].as_str().expect("id").to_string(),
                a["text"].as_str().expect("text").to_string(),
            )
        })
        .collect();
    let mut n = 0;
    let mut visit = |c: &serde_json::Value, what: &str| {
        let art = c["article"].as_str().expect("cite.article");
        let (s, e) = (
            c["start"].as_u64().expect("cite.start") as usize,
            c["end"].as_u64().expect("cite.end") as usize,
        );
        let text = texts
            .get(art)
            .unwrap_or_else(|| panic!("{what} cites unknown article {art}"));
        assert!(s < e, "{what}: empty or inverted cite {art} {s}..{e}");
        assert!(
            text.get(s..e).is_some(),
            "{what}: cite {art} {s}..{e} is not a UTF-8 slice of a {}-byte text",
            text.len()
        );
        n += 1;
    };
    for story in doc["stories"].as_array().expect("stories") {
        for s in story["summary"].as_array().expect("summary") {
            let cites = s["cites"].as_array().expect("cites");
            assert!(!cites.is_empty(), "summary sentence without cite");
            cites.iter().for_each(|c| visit(c, "summary"));
        }
        for f in story["facts"].as_array().expect("facts") {
            let cites = f["cites"].as_array().expect("cites");
            assert!(!cites.is_empty(), "fact without cite");
            cites.iter().for_each(|c| visit(c, "fact"));
        }
        for c in story["conflicts"].as_array().expect("conflicts") {
            for cl in c["claims"].as_array().expect("claims") {
                visit(&cl["cite"], "claim");
            }
        }
        for e in story["entities"].as_array().expect("entities") {
            e["mentions"]
                .as_array()
                .expect("mentions")
                .iter()
                .for_each(|c| visit(c, "entity mention"));
        }
        for q in story["quotes"].as_array().expect("quotes") {
            visit(&q["cite"], "quote");
        }
        for t in story["timeline"].as_array().expect("timeline") {
            t["cites"]
                .as_array()
                .expect("cites")
                .iter()
                .for_each(|c| visit(c, "timeline"));
        }
    }
    for a in doc["articles"].as_array().expect("articles") {
        let text = a["text"].as_str().expect("text");
        for s in a["sentences"].as_array().expect("sentences") {
            let (st, en) = (
                s["start"].as_u64().expect("start") as usize,
                s["end"].as_u64().expect("end") as usize,
            );
            assert!(
                text.get(st..en).is_some(),
                "sentence {st}..{en} not a slice"
            );
        }
    }
    n
}
