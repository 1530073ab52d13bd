//! Facts: statements that one or more articles make, grouped across articles,
//! with how many sources back each one and how many of those are independent.
//!
//! Two articles are *not* independent when one copies the other (`duplicate_of`),
//! when one quotes the other at length (`relays`), or when both relay the same
//! named upstream source ("according to AFP", "told BBC").

use std::collections::{BTreeSet, HashMap};

use dossier_model::{Article, ArticleId, Fact};

use crate::sentences::{cosine, Pool};
use crate::summary::is_summary_worthy;

/// Similarity at or above which two sentences of different articles state the same thing.
const SAME_STATEMENT: f32 = 0.42;
/// Facts listed per story.
const MAX_FACTS: usize = 15;

/// Cue phrases after which an upstream source is named.
const ORIGIN_CUES: &[&str] = &[
    "according to ",
    "told ",
    "via ",
    "reported by ",
    "reports ",
    "notes ",
    "adds ",
    "said in a statement to ",
    "in an interview with ",
];

/// Words that follow a cue but are not sources ("told reporters", "according to witnesses").
const NOT_SOURCES: &[&str] = &[
    "reporters",
    "journalists",
    "the",
    "a",
    "an",
    "him",
    "her",
    "them",
    "us",
    "me",
    "residents",
    "witnesses",
    "officials",
    "sources",
    "police",
    "people",
];

/// Named upstream sources a sentence relays: the capitalised name after a cue.
pub fn origins_in(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let mut out = Vec::new();
    for cue in ORIGIN_CUES {
        let mut from = 0;
        while let Some(pos) = lower.get(from..).and_then(|l| l.find(cue)) {
            let start = from + pos + cue.len();
            from = start;
            // Lower-casing can change byte lengths outside ASCII; only trust
            // positions that are boundaries of the original text too.
            let Some(rest) = text.get(start..) else { break };
            if let Some(name) = leading_name(rest) {
                let first = name.split_whitespace().next().unwrap_or("").to_lowercase();
                if !NOT_SOURCES.contains(&first.as_str()) || name.split_whitespace().count() > 1 {
                    let name = name.trim_start_matches("the ").to_string();
                    if !out.contains(&name) {
                        out.push(name);
                    }
                }
            }
        }
    }
    out
}

/// A capitalised name at the start of `s`: "The Times of London", "AFP", "BBC".
fn leading_name(s: &str) -> Option<String> {
    let mut taken: Vec<&str> = Vec::new();
    for w in s.split_whitespace() {
        let clean = w.trim_end_matches([',', '.', ';', ':', '"', '”', '’', ')']);
        let capital = clean.chars().next().is_some_and(char::is_uppercase);
        let connector = matches!(clean, "of" | "the" | "al" | "de") && !taken.is_empty();
        let leading_the = clean == "the" && taken.is_empty();
        if capital || connector || leading_the {
            taken.push(clean);
            if clean.len() != w.len() {
                break;
            }
        } else {
            break;
        }
        if taken.len() >= 6 {
            break;
        }
    }
    while taken
        .last()
        .is_some_and(|w| matches!(*w, "of" | "the" | "al" | "de"))
    {
        taken.pop();
    }
    let name = taken.join(" ");
    let content = name.trim_start_matches("the ").trim();
    (!content.is_empty() && content.chars().next().is_some_and(char::is_uppercase))
        .then(|| name.trim_start_matches("the ").to_string())
}

/// Union-find over article indices.
struct Groups(Vec<usize>);

impl Groups {
    fn find(&mut self, i: usize) -> usize {
        let mut r = i;
        while self.0[r] != r {
            r = self.0[r];
        }
        let mut c = i;
        while self.0[c] != r {
            let next = self.0[c];
            self.0[c] = r;
            c = next;
        }
        r
    }
    fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.0[rb] = ra;
        }
    }
}

/// Count the independent sources among the articles backing one statement.
pub fn independent_sources(
    backing: &[(ArticleId, Vec<String>)],
    by_id: &HashMap<ArticleId, &Article>,
) -> usize {
    let n = backing.len();
    let mut g = Groups((0..n).collect());
    for i in 0..n {
        for j in i + 1..n {
            let (ai, aj) = (backing[i].0, backing[j].0);
            let linked = |x: ArticleId, y: ArticleId| {
                by_id.get(&x).is_some_and(|a| {
                    a.duplicate_of == Some(y)
                        || a.relays.contains(&y)
                        || by_id.get(&y).is_some_and(|b| {
                            a.duplicate_of.is_some() && a.duplicate_of == b.duplicate_of
                        })
                })
            };
            let same_origin = backing[i].1.iter().any(|o| backing[j].1.contains(o));
            if linked(ai, aj) || linked(aj, ai) || same_origin {
                g.join(i, j);
            }
        }
    }
    let roots: BTreeSet<usize> = (0..n).map(|i| g.find(i)).collect();
    roots.len()
}

/// Group statements across articles into facts, most supported first.
pub fn facts(pool: &Pool<'_>, members: &[&Article]) -> Vec<Fact> {
    let by_id: HashMap<ArticleId, &Article> = members.iter().map(|a| (a.id, *a)).collect();
    let sents = &pool.sentences;
    // For each usable sentence, the best matching sentence of every other article.
    let usable: Vec<usize> = (0..sents.len())
        .filter(|&i| is_summary_worthy(&sents[i]))
        .collect();
    let anchors: HashMap<usize, Vec<String>> = usable
        .iter()
        .map(|&i| (i, crate::sentences::anchors(sents[i].text)))
        .collect();
    let mut support: HashMap<usize, Vec<usize>> = HashMap::new();
    for &i in &usable {
        let mut best: HashMap<usize, (f32, usize)> = HashMap::new();
        for &j in &usable {
            let (a, b) = (&sents[i], &sents[j]);
            if a.member == b.member
                || !shares_anchor(&anchors[&i], &anchors[&j])
                || a.numbers_disagree(b)
            {
                continue;
            }
            let c = pool.sim(i, j);
            if c >= SAME_STATEMENT && best.get(&b.member).is_none_or(|(bc, _)| c > *bc) {
                best.insert(b.member, (c, j));
            }
        }
        support.insert(i, best.into_values().map(|(_, j)| j).collect());
    }
    // Representatives: most supported first, then most central.
    let mut order = usable.clone();
    order.sort_by(|&a, &b| {
        support[&b]
            .len()
            .cmp(&support[&a].len())
            .then(
                cosine(&sents[b].vector, &pool.centroid)
                    .total_cmp(&cosine(&sents[a].vector, &pool.centroid)),
            )
            .then(a.cmp(&b))
    });
    let mut used = vec![false; sents.len()];
    let mut out = Vec::new();
    for i in order {
        if used[i] || out.len() >= MAX_FACTS {
            continue;
        }
        let mut group: Vec<usize> = std::iter::once(i)
            .chain(support[&i].iter().copied().filter(|&j| !used[j]))
            .collect();
        group.sort_by_key(|&j| (sents[j].member, sents[j].index));
        for &j in &group {
            used[j] = true;
        }
        let backing: Vec<(ArticleId, Vec<String>)> = group
            .iter()
            .map(|&j| (sents[j].article, origins_in(sents[j].text)))
            .collect();
        let mut origins: Vec<String> = backing.iter().flat_map(|(_, o)| o.clone()).collect();
        origins.sort();
        origins.dedup();
        out.push(Fact {
            text: sents[i]
                .text
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            cites: group.iter().map(|&j| sents[j].cite()).collect(),
            sources: backing.len(),
            independent_sources: independent_sources(&backing, &by_id),
            origins,
        });
    }
    out.sort_by(|a, b| {
        b.independent_sources
            .cmp(&a.independent_sources)
            .then(b.sources.cmp(&a.sources))
    });
    out
}

fn shares_anchor(a: &[String], b: &[String]) -> bool {
    a.iter().any(|x| b.binary_search(x).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_named_after_cues() {
        assert_eq!(
            origins_in("Five fighters died, the spokesman told BBC, adding more."),
            ["BBC"]
        );
        assert_eq!(
            origins_in("The port reopened, according to the Meridian Press Agency."),
            ["Meridian Press Agency"]
        );
        assert_eq!(
            origins_in("More, via the Times of London: the army moved."),
            ["Times of London"]
        );
        assert!(origins_in("The general told reporters that it was over.").is_empty());
    }

    #[test]
    fn copies_relays_and_shared_origins_are_not_independent() {
        let mut a = Article::new(ArticleId(0), "a", String::new());
        let mut b = Article::new(ArticleId(1), "b", String::new());
        let c = Article::new(ArticleId(2), "c", String::new());
        let d = Article::new(ArticleId(3), "d", String::new());
        b.duplicate_of = Some(ArticleId(0));
        a.relays = vec![];
        let by_id: HashMap<ArticleId, &Article> = [(a.id, &a), (b.id, &b), (c.id, &c), (d.id, &d)]
            .into_iter()
            .collect();
        let none = Vec::new;
        let backing = vec![
            (ArticleId(0), none()),
            (ArticleId(1), none()),
            (ArticleId(2), vec!["AFP".to_string()]),
            (ArticleId(3), vec!["AFP".to_string()]),
        ];
        assert_eq!(independent_sources(&backing, &by_id), 2);
        let backing = vec![(ArticleId(2), none()), (ArticleId(3), none())];
        assert_eq!(independent_sources(&backing, &by_id), 2);
    }
}
