//! The example corpus against its hand-made gold (`examples/gold.json`):
//! metadata, junk lines, dates, quotes, aliases, copies, relays, conflicts and
//! stories, each scored and held to a floor. Run with `--nocapture` to see the
//! figures: `cargo test -p dossier-cli --test it corpus_gold -- --nocapture`.

use std::collections::HashMap;

use dossier_model::{Article, ArticleId, Brief};
use serde_json::Value;

use crate::util::root;

struct Corpus {
    brief: Brief,
    gold: Value,
    by_file: HashMap<String, ArticleId>,
}

fn corpus() -> Corpus {
    let dir = root().join("examples/corpus");
    let ingested = dossier_ingest::ingest_paths(
        &[dir.display().to_string()],
        &dossier_ingest::IngestOptions::default(),
    );
    assert!(ingested.errors.is_empty(), "{:?}", ingested.errors);
    let brief = dossier_pipeline::digest_articles(ingested.articles, &Default::default());
    let gold: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("examples/gold.json")).expect("gold.json"),
    )
    .expect("gold.json is JSON");
    let by_file = brief
        .articles
        .iter()
        .map(|a| {
            let name = a.source.rsplit('/').next().unwrap_or(&a.source).to_string();
            (name, a.id)
        })
        .collect();
    Corpus {
        brief,
        gold,
        by_file,
    }
}

impl Corpus {
    fn article(&self, file: &str) -> &Article {
        let id = self
            .by_file
            .get(file)
            .unwrap_or_else(|| panic!("no article from {file}"));
        &self.brief.articles[id.0]
    }
}

fn list<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v[key].as_array().map(Vec::as_slice).unwrap_or(&[])
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

fn norm(x: &str) -> String {
    x.to_lowercase()
        .replace(['’', '‘'], "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn ratio(hit: usize, of: usize) -> f64 {
    if of == 0 {
        1.0
    } else {
        hit as f64 / of as f64
    }
}

#[test]
fn the_example_corpus_meets_its_gold() {
    let c = corpus();
    let mut scores: Vec<(&str, f64, f64)> = Vec::new(); // (name, score, floor)

    // Metadata of every article.
    let (mut meta_hit, mut meta_of) = (0, 0);
    for g in list(&c.gold, "articles") {
        let a = c.article(s(&g["file"]));
        for (key, got) in [
            ("outlet", a.meta.outlet.clone()),
            ("published", a.meta.published.map(|d| d.to_string())),
            ("title", a.meta.title.clone()),
        ] {
            if let Some(want) = g[key].as_str() {
                meta_of += 1;
                let accepted: Vec<String> = std::iter::once(want.to_string())
                    .chain(list(g, "title_accepted").iter().map(|t| s(t).to_string()))
                    .map(|t| norm(&t))
                    .collect();
                if got.is_some_and(|v| accepted.contains(&norm(&v))) {
                    meta_hit += 1;
                }
            }
        }
    }
    scores.push(("metadata accuracy", ratio(meta_hit, meta_of), 0.8));

    // Junk lines: out of the text, and listed in `removed`.
    let junk = list(&c.gold, "junk_lines");
    let removed = junk
        .iter()
        .filter(|j| {
            let a = c.article(s(&j["file"]));
            let line = norm(s(&j["line"]));
            !norm(&a.text).contains(&line)
                && a.removed.iter().any(|r| norm(&r.text).contains(&line))
        })
        .count();
    scores.push(("junk lines removed", ratio(removed, junk.len()), 0.85));
    let (mut keep_hit, mut keep_of) = (0, 0);
    if let Some(map) = c.gold["html_must_keep"].as_object() {
        for (file, phrases) in map {
            let text = norm(&c.article(file).text);
            for p in phrases.as_array().into_iter().flatten() {
                keep_of += 1;
                keep_hit += usize::from(text.contains(&norm(s(p))));
            }
        }
    }
    scores.push(("article phrases kept", ratio(keep_hit, keep_of), 0.95));
    let (mut out_hit, mut out_of) = (0, 0);
    if let Some(map) = c.gold["html_must_not_keep"].as_object() {
        for (file, phrases) in map {
            let text = norm(&c.article(file).text);
            for p in phrases.as_array().into_iter().flatten() {
                out_of += 1;
                out_hit += usize::from(!text.contains(&norm(s(p))));
            }
        }
    }
    scores.push(("page furniture dropped", ratio(out_hit, out_of), 0.9));

    // Dates: the expression is found and resolved to the gold date.
    let dates = list(&c.gold, "dates");
    let resolvable: Vec<&Value> = dates
        .iter()
        .filter(|d| d["resolves_to"].is_string())
        .collect();
    let right = resolvable
        .iter()
        .filter(|d| {
            let a = c.article(s(&d["file"]));
            let expr = norm(s(&d["expression"]));
            a.times.iter().any(|t| {
                let span = norm(a.text_of(t.span));
                (span.contains(&expr) || expr.contains(&span))
                    && t.date.to_string() == s(&d["resolves_to"])
            })
        })
        .count();
    scores.push(("dates resolved right", ratio(right, resolvable.len()), 0.6));

    // Quotes: found, with the right speaker and relay.
    let quotes = list(&c.gold, "quotes");
    let (mut found, mut speaker_ok, mut via_ok) = (0, 0, 0);
    for g in quotes {
        let a = c.article(s(&g["file"]));
        let start = norm(s(&g["text_start"]));
        let Some(q) = a
            .quotes
            .iter()
            .find(|q| norm(a.text_of(q.span)).starts_with(&start))
        else {
            continue;
        };
        found += 1;
        let speaker = q.speaker.map(|sp| norm(a.text_of(sp)));
        let want = g["speaker"].as_str().map(norm);
        let last = |n: &str| n.split_whitespace().last().unwrap_or("").to_string();
        speaker_ok += usize::from(match (&speaker, &want) {
            (Some(got), Some(want)) => got.contains(&last(want)) || want.contains(got.as_str()),
            (None, None) => true,
            _ => false,
        });
        let via = q.via.map(|v| norm(a.text_of(v)));
        let want_via = g["via"].as_str().map(norm);
        via_ok += usize::from(match (&via, &want_via) {
            (Some(got), Some(want)) => {
                let initials: String = want
                    .split_whitespace()
                    .filter_map(|w| w.chars().next())
                    .collect();
                want.contains(got.as_str()) || got.contains(want.as_str()) || *got == initials
            }
            (None, None) => true,
            _ => false,
        });
    }
    scores.push(("quotes found", ratio(found, quotes.len()), 0.7));
    scores.push(("quote speakers right", ratio(speaker_ok, found), 0.6));
    scores.push(("quote relays right", ratio(via_ok, found), 0.6));

    // Aliases: pairs of gold names that both appear among the story's entity
    // names are in the same entity.
    let story = &c.brief.stories[0];
    let entity_of = |name: &str| -> Option<usize> {
        let n = norm(name.trim_start_matches("the "));
        story.entities.iter().position(|e| {
            norm(&e.name) == n
                || e.aliases
                    .iter()
                    .any(|x| norm(x.trim_start_matches("the ")) == n)
        })
    };
    let (mut pairs, mut together) = (0, 0);
    for group in list(&c.gold, "alias_groups") {
        let found: Vec<usize> = group
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|n| entity_of(s(n)))
            .collect();
        for i in 0..found.len() {
            for j in i + 1..found.len() {
                pairs += 1;
                together += usize::from(found[i] == found[j]);
            }
        }
    }
    scores.push(("alias pairs merged", ratio(together, pairs), 0.3));

    // Copies and relays.
    let copies = list(&c.gold, "copies");
    let copy_hit = copies
        .iter()
        .filter(|pair| {
            let a = c.by_file[s(&pair[0])];
            let b = &c.brief.articles[c.by_file[s(&pair[1])].0];
            b.duplicate_of == Some(a)
        })
        .count();
    scores.push(("copies marked", ratio(copy_hit, copies.len()), 1.0));
    let relays = list(&c.gold, "relays");
    let relay_hit = relays
        .iter()
        .filter(|r| {
            let from = c.article(s(&r["file"]));
            from.relays.contains(&c.by_file[s(&r["relays"])])
        })
        .count();
    scores.push(("relays marked", ratio(relay_hit, relays.len()), 1.0));

    // Conflicts: each gold conflict has a detected conflict whose claims carry
    // at least two of its values.
    let conflicts = list(&c.gold, "conflicts");
    let detected = conflicts
        .iter()
        .filter(|g| {
            let values: Vec<String> = list(g, "values").iter().map(|v| norm(s(v))).collect();
            c.brief
                .stories
                .iter()
                .flat_map(|st| &st.conflicts)
                .any(|k| {
                    let hits = values
                        .iter()
                        .filter(|v| {
                            k.claims.iter().any(|cl| {
                                v.contains(&norm(&cl.value)) || norm(&cl.value).contains(v.as_str())
                            })
                        })
                        .count();
                    hits >= 2
                })
        })
        .count();
    scores.push(("conflicts found", ratio(detected, conflicts.len()), 0.2));

    // Stories: B-cubed F1 of the grouping against the gold stories.
    let mut gold_story: HashMap<ArticleId, usize> = HashMap::new();
    for (k, st) in list(&c.gold, "stories").iter().enumerate() {
        for f in list(st, "files") {
            gold_story.insert(c.by_file[s(f)], k);
        }
    }
    let mut pred: HashMap<ArticleId, usize> = HashMap::new();
    for (k, st) in c.brief.stories.iter().enumerate() {
        for a in &st.articles {
            pred.insert(*a, k);
        }
    }
    let (mut p, mut r) = (0.0, 0.0);
    for (a, g) in &gold_story {
        let same_pred: Vec<&ArticleId> = pred
            .iter()
            .filter(|(_, k)| **k == pred[a])
            .map(|(x, _)| x)
            .collect();
        let same_gold: Vec<&ArticleId> = gold_story
            .iter()
            .filter(|(_, k)| *k == g)
            .map(|(x, _)| x)
            .collect();
        let both = same_pred
            .iter()
            .filter(|x| gold_story.get(x) == Some(g))
            .count() as f64;
        p += both / same_pred.len() as f64;
        r += both / same_gold.len() as f64;
    }
    let n = gold_story.len() as f64;
    let (p, r) = (p / n, r / n);
    scores.push(("stories B-cubed F1", 2.0 * p * r / (p + r), 0.7));

    let report: Vec<String> = scores
        .iter()
        .map(|(k, v, f)| format!("{k}: {v:.3} (floor {f})"))
        .collect();
    println!("{}", report.join("\n"));
    let failed: Vec<&String> = scores
        .iter()
        .zip(&report)
        .filter(|((_, v, f), _)| v < f)
        .map(|(_, line)| line)
        .collect();
    assert!(failed.is_empty(), "below the floor: {failed:#?}");
}
