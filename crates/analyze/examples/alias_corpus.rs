//! Alias grouping on a digested corpus against its hand-made `alias_groups` gold:
//! re-analyses the article texts of a JSON brief, groups each story's mentions
//! and prints, per story, how many gold pairs are merged, how many names of
//! different gold groups were wrongly merged, and (with `-v`) every group.
//!
//! ```sh
//! cargo run -p dossier-cli -- digest --format json examples/corpus > /tmp/brief.json
//! cargo run -p dossier-analyze --example alias_corpus -- /tmp/brief.json examples/gold.json [-v] [-m] [--one-story]
//! ```
//!
//! The pair metric is the one of `crates/cli/tests/it/corpus_gold.rs` ("alias
//! pairs merged"): gold names found among the story's entity names, and of
//! every pair of them from one gold group, the share in the same entity.

use std::process::ExitCode;

use dossier_analyze::{aliases, Pipeline};
use dossier_model::{Article, ArticleId, Span};
use serde_json::Value;

fn norm(x: &str) -> String {
    x.to_lowercase()
        .replace(['’', '‘'], "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn read_json(path: &str) -> Result<Value, String> {
    let raw = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    serde_json::from_str(&raw).map_err(|e| format!("{path}: {e}"))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    let show_mentions = args.iter().any(|a| a == "-m");
    // Score all articles as one story, whatever the clusterer made of them.
    let one_story = args.iter().any(|a| a == "--one-story");
    let files: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    let (Some(brief_path), Some(gold_path)) = (files.first(), files.get(1)) else {
        eprintln!("usage: alias_corpus BRIEF.json GOLD.json [-v] [-m] [--one-story]");
        return ExitCode::FAILURE;
    };
    let (brief, gold) = match (read_json(brief_path), read_json(gold_path)) {
        (Ok(b), Ok(g)) => (b, g),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let empty = Vec::new();
    let mut articles = Vec::new();
    for (i, a) in brief["articles"]
        .as_array()
        .unwrap_or(&empty)
        .iter()
        .enumerate()
    {
        let text = a["text"].as_str().unwrap_or("").to_string();
        let mut art = Article::new(
            ArticleId(i),
            a["source"].as_str().unwrap_or(""),
            text.clone(),
        );
        if let Some(t) = a["title"].as_str().filter(|t| text.starts_with(*t)) {
            art.title_span = Some(Span::new(0, t.len()));
        }
        art.sentences = dossier_analyze::sentences::split_with_title(&art.text, art.title_span);
        Pipeline::standard().run(&mut art);
        if show_mentions {
            println!("== a{} {}", i + 1, art.source);
            for m in &art.mentions {
                let def = m.defined_as.map(|d| art.text_of(d).to_string());
                println!("  {:?} {:?} {def:?}", m.kind, art.text_of(m.span));
            }
        }
        articles.push(art);
    }
    let gold_groups: Vec<Vec<String>> = gold["alias_groups"]
        .as_array()
        .unwrap_or(&empty)
        .iter()
        .map(|g| {
            g.as_array()
                .unwrap_or(&empty)
                .iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .collect();
    let stories: Vec<Vec<&Article>> = if one_story {
        vec![articles.iter().collect()]
    } else {
        brief["stories"]
            .as_array()
            .unwrap_or(&empty)
            .iter()
            .map(|story| {
                story["articles"]
                    .as_array()
                    .unwrap_or(&empty)
                    .iter()
                    .filter_map(|id| {
                        let id = id.as_str()?.trim_start_matches('a').parse::<usize>().ok()?;
                        articles.get(id.checked_sub(1)?)
                    })
                    .collect()
            })
            .collect()
    };
    for (si, members) in stories.iter().enumerate() {
        let groups = aliases::group(members);
        let entity_of = |name: &str| -> Option<usize> {
            let n = norm(name.trim_start_matches("the "));
            groups.iter().position(|e| {
                norm(&e.name) == n
                    || e.aliases
                        .iter()
                        .any(|x| norm(x.trim_start_matches("the ")) == n)
            })
        };
        let (mut pairs, mut together, mut wrong) = (0, 0, 0);
        let mut notes = Vec::new();
        let found: Vec<Vec<(String, usize)>> = gold_groups
            .iter()
            .map(|g| {
                g.iter()
                    .filter_map(|n| entity_of(n).map(|e| (n.clone(), e)))
                    .collect()
            })
            .collect();
        for (gi, f) in found.iter().enumerate() {
            for i in 0..f.len() {
                for j in i + 1..f.len() {
                    pairs += 1;
                    if f[i].1 == f[j].1 {
                        together += 1;
                    } else {
                        notes.push(format!("  apart: {:?} / {:?}", f[i].0, f[j].0));
                    }
                }
            }
            for g2 in found.iter().skip(gi + 1) {
                for a in f {
                    for b in g2 {
                        if a.1 == b.1 {
                            wrong += 1;
                            notes.push(format!("  WRONG: {:?} + {:?}", a.0, b.0));
                        }
                    }
                }
            }
        }
        let missing: Vec<&String> = gold_groups
            .iter()
            .flatten()
            .filter(|n| entity_of(n).is_none())
            .collect();
        println!(
            "story {si} ({} articles, {} entities): alias pairs merged {together}/{pairs} = {:.3}, wrong merges {wrong}, gold names not found {}",
            members.len(),
            groups.len(),
            together as f64 / pairs.max(1) as f64,
            missing.len()
        );
        if verbose {
            for n in &notes {
                println!("{n}");
            }
            println!("  not found: {missing:?}");
            for g in &groups {
                println!(
                    "  {:>3} {:?} {} | {}",
                    g.mentions.len(),
                    g.kind,
                    g.name,
                    g.aliases.join(" | ")
                );
            }
        }
    }
    ExitCode::SUCCESS
}
