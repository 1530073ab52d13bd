//! Bad inputs are reported with their path and reason, cost nothing else, and
//! set the exit code; stdin and cluster files work.

use std::io::Write;

use crate::util::{dossier, dossier_stdin, json, stderr, stdout};

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("dossier-it-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn bad_files_are_skipped_named_and_counted_in_the_exit_code() {
    let dir = temp_dir("bad");
    std::fs::write(dir.join("empty.txt"), b"").expect("write");
    std::fs::write(
        dir.join("binary.bin"),
        [0u8, 159, 146, 150, 0, 0, 1, 2, 255, 0],
    )
    .expect("write");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(b"The council met on Monday and voted to close the bridge for repairs.")
        .expect("gzip");
    let gz = gz.finish().expect("gzip");
    std::fs::write(dir.join("cut.txt.gz"), &gz[..gz.len() / 2]).expect("write");
    std::fs::write(
        dir.join("good.txt"),
        "Bridge closed for repairs\n\nThe town council voted on Monday to close the old bridge for three months of repairs.",
    )
    .expect("write");
    let missing = dir.join("missing.txt");
    let out = dossier(&[
        "digest",
        "--format",
        "json",
        dir.to_str().expect("path"),
        missing.to_str().expect("path"),
    ]);
    assert_eq!(out.status.code(), Some(1), "stderr: {}", stderr(&out));
    let err = stderr(&out);
    for name in ["empty.txt", "binary.bin", "cut.txt.gz", "missing.txt"] {
        assert!(err.contains(name), "stderr does not name {name}:\n{err}");
    }
    let doc = json(&out);
    let articles = doc["articles"].as_array().expect("articles");
    assert_eq!(articles.len(), 1, "only the good file is read");
    assert!(articles[0]["source"]
        .as_str()
        .expect("source")
        .ends_with("good.txt"));
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let out = dossier_stdin(
        &["digest", "--format", "json", "-"],
        "Ferry service resumes\n\nThe ferry between the two islands resumed on Friday after a week of storms, the operator said.".as_bytes(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = json(&out);
    assert_eq!(doc["articles"][0]["source"], "stdin");
    assert_eq!(doc["stories"].as_array().expect("stories").len(), 1);
}

#[test]
fn summarize_writes_one_line_per_cluster_in_input_order() {
    let dir = temp_dir("clusters");
    let file = dir.join("clusters.jsonl");
    let doc1 = "The harbour reopened on Monday after the storm. Fishing boats returned to the quay by noon, the harbour master said.NEWLINE_CHARNEWLINE_CHARShops along the front also reopened.";
    let doc2 = "Storm damage closed the harbour for three days. It reopened on Monday, and boats returned by noon.";
    let doc3 = "The city library will extend its opening hours from next month, the council announced on Tuesday.";
    let lines = [
        serde_json::json!({"id": "c1", "documents": [doc1, doc2], "summary": "gold"}),
        serde_json::json!({"id": "c2", "documents": [doc3]}),
    ];
    let body: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(&file, body).expect("write");
    let out = dossier(&[
        "summarize",
        "--clusters",
        file.to_str().expect("path"),
        "--words",
        "25",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let got: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(got.len(), 2);
    assert_eq!(got[0]["id"], "c1");
    assert_eq!(got[1]["id"], "c2");
    let s1 = got[0]["summary"].as_str().expect("summary");
    assert!(
        !s1.is_empty() && s1.split_whitespace().count() <= 25,
        "{s1}"
    );
    assert!(!s1.contains("NEWLINE_CHAR"));
}

#[test]
fn a_missing_cluster_file_is_a_clear_error() {
    let out = dossier(&["summarize", "--clusters", "no/such/file.jsonl"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no/such/file.jsonl"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn clean_prints_one_article_json_line_per_input() {
    let out = dossier(&["clean", "--format", "json", "tests/data/digest/river-port"]);
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["id"], "a1");
    assert!(lines[0]["removed"]
        .as_array()
        .is_some_and(|r| !r.is_empty()));
}

#[test]
fn a_bad_line_in_a_cluster_file_is_skipped_named_and_counted() {
    let dir = temp_dir("bad-cluster-line");
    let file = dir.join("clusters.jsonl");
    let good = |id: &str| serde_json::json!({"id": id, "documents": ["The ferry resumed on Friday after a week of storms, the operator said."]});
    std::fs::write(
        &file,
        format!("{}\nnot a cluster\n{}\n", good("first"), good("last")),
    )
    .expect("write");
    let out = dossier(&["summarize", "--clusters", file.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("clusters.jsonl#2"),
        "{}",
        stderr(&out)
    );
    let ids: Vec<String> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("JSON line")["id"].to_string())
        .collect();
    assert_eq!(ids, ["\"first\"", "\"last\""]);
}

#[test]
fn an_input_that_is_all_junk_is_listed_with_its_removed_lines_and_joins_no_story() {
    let dir = temp_dir("all-junk");
    std::fs::write(
        dir.join("a-gone.txt"),
        "Sorry, the page you requested was not found.\n\nClick here to go to the home page.\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("b-good.txt"),
        "Bridge closed for repairs\n\nThe town council voted on Monday to close the old bridge for three months of repairs.",
    )
    .expect("write");
    let out = dossier(&["digest", "--format", "json", dir.to_str().expect("path")]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "an input without article text is reported"
    );
    assert!(
        stderr(&out).contains("a-gone.txt: no article text found"),
        "{}",
        stderr(&out)
    );
    let doc = json(&out);
    let articles = doc["articles"].as_array().expect("articles");
    assert_eq!(articles.len(), 2, "{articles:#?}");
    let gone = &articles[0];
    assert!(gone["source"]
        .as_str()
        .expect("source")
        .ends_with("a-gone.txt"));
    assert_eq!(gone["text"], "");
    assert_eq!(gone["removed"].as_array().expect("removed").len(), 2);
    let in_stories: Vec<&serde_json::Value> = doc["stories"]
        .as_array()
        .expect("stories")
        .iter()
        .flat_map(|s| s["articles"].as_array().expect("members").iter())
        .collect();
    assert!(!in_stories.contains(&&gone["id"]), "{in_stories:?}");
    assert_eq!(in_stories.len(), 1);
}
