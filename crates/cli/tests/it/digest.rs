//! `dossier digest` end to end on a small invented fixture: two reports of one
//! event (with a relayed quote and conflicting counts) and one unrelated report.

use serde_json::Value;

use crate::util::{check_expect, data, dossier, json, stdout};

const FIXTURE: &str = "tests/data/digest/river-port";

fn digest() -> Value {
    let out = dossier(&["digest", "--format", "json", FIXTURE]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    json(&out)
}

fn story_with<'a>(doc: &'a Value, article: &str) -> &'a Value {
    doc["stories"]
        .as_array()
        .expect("stories")
        .iter()
        .find(|s| {
            s["articles"]
                .as_array()
                .expect("articles")
                .iter()
                .any(|a| a == article)
        })
        .unwrap_or_else(|| panic!("no story holds {article}"))
}

#[test]
fn two_reports_of_one_event_form_one_story_and_the_other_stands_alone() {
    let doc = digest();
    let stories = doc["stories"].as_array().expect("stories");
    assert_eq!(stories.len(), 2, "{stories:#?}");
    assert_eq!(stories[0]["articles"], serde_json::json!(["a1", "a2"]));
    assert_eq!(stories[1]["articles"], serde_json::json!(["a3"]));
}

#[test]
fn junk_lines_are_removed_with_reasons_and_prose_is_kept() {
    let doc = digest();
    let a1 = &doc["articles"][0];
    let text = a1["text"].as_str().expect("text");
    assert!(!text.contains("All rights reserved"));
    assert!(!text.contains("Share this"));
    assert!(text.contains("Three senior RDF commanders were killed"));
    let reasons: Vec<&str> = a1["removed"]
        .as_array()
        .expect("removed")
        .iter()
        .map(|r| r["reason"].as_str().expect("reason"))
        .collect();
    assert!(reasons.contains(&"footer"), "{reasons:?}");
    assert!(reasons.contains(&"share-prompt"), "{reasons:?}");
    let a2 = &doc["articles"][1];
    assert!(!a2["text"].as_str().expect("text").contains("Advertisement"));
}

#[test]
fn conflicting_counts_of_commanders_killed_are_reported_with_cites() {
    let doc = digest();
    let story = story_with(&doc, "a1");
    let conflicts = story["conflicts"].as_array().expect("conflicts");
    let leaders = conflicts
        .iter()
        .find(|c| {
            c["about"]
                .as_str()
                .is_some_and(|a| a.contains("leaders") && a.contains("death"))
        })
        .unwrap_or_else(|| panic!("no leaders-killed conflict in {conflicts:#?}"));
    let values: Vec<String> = leaders["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .map(|c| c["value"].as_str().expect("value").to_lowercase())
        .collect();
    assert!(values.iter().any(|v| v.contains("three")), "{values:?}");
    assert!(values.iter().any(|v| v.contains("one")), "{values:?}");
    assert_eq!(leaders["kind"], "figures differ");
    // The unrelated grain story has no conflicts to report.
    assert!(story_with(&doc, "a3")["conflicts"]
        .as_array()
        .expect("conflicts")
        .is_empty());
}

#[test]
fn a_quote_relayed_by_two_outlets_through_one_agency_counts_once() {
    let doc = digest();
    let story = story_with(&doc, "a1");
    let fact = story["facts"]
        .as_array()
        .expect("facts")
        .iter()
        .find(|f| {
            f["text"]
                .as_str()
                .is_some_and(|t| t.contains("will not come back"))
        })
        .expect("the relayed quote is a fact");
    assert_eq!(fact["sources"], 2);
    assert_eq!(fact["independent_sources"], 1, "{fact:#}");
    assert!(fact["origins"]
        .as_array()
        .expect("origins")
        .iter()
        .any(|o| o.as_str().is_some_and(|o| o.contains("Corvid News Agency"))));
    let quote = story["quotes"]
        .as_array()
        .expect("quotes")
        .iter()
        .find(|q| {
            q["text"]
                .as_str()
                .is_some_and(|t| t.contains("will not come back"))
        })
        .expect("quote found");
    assert!(
        quote["speaker"]
            .as_str()
            .is_some_and(|s| s.contains("Tole")),
        "{quote:#}"
    );
    assert!(
        quote["via"].as_str().is_some_and(|s| s.contains("Corvid")),
        "{quote:#}"
    );
}

#[test]
fn the_summary_keeps_within_its_word_budget_and_cites_every_sentence() {
    for words in [40usize, 80] {
        let out = dossier(&[
            "digest",
            "--format",
            "json",
            "--words",
            &words.to_string(),
            FIXTURE,
        ]);
        let doc = json(&out);
        for story in doc["stories"].as_array().expect("stories") {
            let summary = story["summary"].as_array().expect("summary");
            assert!(!summary.is_empty());
            let total: usize = summary
                .iter()
                .map(|s| s["text"].as_str().expect("text").split_whitespace().count())
                .sum();
            assert!(total <= words, "{total} words > budget {words}");
            for s in summary {
                assert!(!s["cites"].as_array().expect("cites").is_empty());
            }
        }
    }
}

#[test]
fn the_markdown_brief_is_golden() {
    let out = dossier(&["digest", "--format", "md", FIXTURE]);
    assert!(out.status.success());
    check_expect(&data("digest/river-port.expected.md"), &stdout(&out));
}

#[test]
fn the_terminal_brief_shows_every_section() {
    let out = dossier(&["digest", "--format", "text", FIXTURE]);
    let text = stdout(&out);
    for section in [
        "Summary",
        "Facts",
        "Conflicts",
        "Key entities",
        "Quotes",
        "Sources",
    ] {
        assert!(text.contains(section), "no {section} section in:\n{text}");
    }
    assert!(!text.contains('\x1b'), "colour outside a terminal");
    assert!(text.contains("[1]") && text.contains("[2]"));
}
