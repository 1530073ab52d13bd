//! Facts: statements that one or more articles make, grouped across articles,
//! with how many sources back each one and how many of those are independent.
//!
//! Two articles are *not* independent when one copies the other (`duplicate_of`),
//! when one quotes the other at length (`relays`), or when both relay the same
//! named upstream source ("according to AFP", "told BBC").

use std::collections::{BTreeSet, HashMap};

use dossier_model::{Article, ArticleId, Fact};

use crate::align::{Aligned, View};

/// Facts listed per story when few are shared: single-source ones fill up to this.
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

/// Claims of different articles at or above this similarity state the same thing.
const SAME_CLAIM: f32 = 0.26;
/// A claim shorter than this says too little to stand as a fact.
const MIN_FACT_WORDS: usize = 5;
/// Facts backed by two or more articles listed per story, at most.
const MAX_SHARED_FACTS: usize = 80;

/// Group aligned claims across articles into facts, most supported first.
/// Each fact cites the claim that states it in every article that makes it.
pub fn facts(aligned: &Aligned<'_>, members: &[&Article]) -> Vec<Fact> {
    let by_id: HashMap<ArticleId, &Article> = members.iter().map(|a| (a.id, *a)).collect();
    let views = &aligned.views;
    let usable = |i: usize| views[i].words >= MIN_FACT_WORDS;
    let support: Vec<Vec<usize>> = (0..views.len())
        .map(|i| {
            if usable(i) {
                best_per_article(aligned, i, &usable)
            } else {
                Vec::new()
            }
        })
        .collect();
    let strength = |i: usize| -> f32 { support[i].iter().map(|&j| aligned.fact_sim(i, j)).sum() };
    let mut order: Vec<usize> = (0..views.len()).filter(|&i| usable(i)).collect();
    order.sort_by(|&a, &b| {
        support[b]
            .len()
            .cmp(&support[a].len())
            .then(strength(b).total_cmp(&strength(a)))
            .then(a.cmp(&b))
    });
    let mut used = vec![false; views.len()];
    let mut shared: Vec<Fact> = Vec::new();
    let mut single = Vec::new();
    for i in order {
        if used[i] {
            continue;
        }
        let mut group: Vec<usize> = std::iter::once(i)
            .chain(support[i].iter().copied())
            .collect();
        group.sort_by_key(|&j| (views[j].member, views[j].claim.span.start));
        for &j in &group {
            used[j] = true;
        }
        let fact = fact_of(aligned, i, &group, &by_id);
        // Two groups that a clause of several claims joins may show the same
        // words: that is one fact listed twice.
        if shared
            .iter()
            .chain(&single)
            .any(|f: &Fact| f.text == fact.text)
        {
            continue;
        }
        if group.len() >= 2 {
            if shared.len() < MAX_SHARED_FACTS {
                shared.push(fact);
            }
        } else if single.len() < MAX_FACTS {
            single.push(fact);
        }
    }
    shared.sort_by(|a: &Fact, b: &Fact| {
        b.independent_sources
            .cmp(&a.independent_sources)
            .then(b.sources.cmp(&a.sources))
    });
    let room = MAX_FACTS.saturating_sub(shared.len());
    shared.extend(single.into_iter().take(room));
    shared
}

/// For claim `i`, the most similar usable claim of every other article, when
/// similar enough to state the same thing.
fn best_per_article(
    aligned: &Aligned<'_>,
    i: usize,
    usable: &impl Fn(usize) -> bool,
) -> Vec<usize> {
    let views = &aligned.views;
    let mut best: HashMap<usize, (f32, usize)> = HashMap::new();
    for (j, s) in aligned.fact_neighbours(i) {
        if s < SAME_CLAIM || !usable(j) || counts_disagree(&views[i], &views[j]) {
            continue;
        }
        let m = views[j].member;
        if best.get(&m).is_none_or(|(bs, _)| s > *bs) {
            best.insert(m, (s, j));
        }
    }
    best.into_values().map(|(_, j)| j).collect()
}

/// Two claims that count the same kind of thing with different values state
/// different things (and may conflict), not one fact.
fn counts_disagree(a: &View<'_>, b: &View<'_>) -> bool {
    let values = |v: &View<'_>| -> Vec<f64> {
        v.claim
            .quantities
            .iter()
            .filter_map(|&q| v.article.quantities.get(q))
            .map(|q| q.value)
            .collect()
    };
    let (x, y) = (values(a), values(b));
    !x.is_empty() && !y.is_empty() && !x.iter().any(|v| y.contains(v))
}

/// The claim of the group that says least: what every member states. A long
/// sentence that also states the fact is cited, but its other content is not
/// shown as backed by the group. Only a claim that each other member states
/// can speak for them all ("It opposes ISIS", found inside one member's long
/// sentence, does not); the group's own centre always can.
fn stated_by_all(aligned: &Aligned<'_>, rep: usize, group: &[usize]) -> usize {
    let speaks_for_all = |m: usize| {
        m == rep
            || group
                .iter()
                .all(|&k| k == m || aligned.fact_sim(m, k) >= SAME_CLAIM)
    };
    group
        .iter()
        .copied()
        .filter(|&m| speaks_for_all(m))
        .min_by(|&a, &b| aligned.views[a].mass().total_cmp(&aligned.views[b].mass()))
        .unwrap_or(rep)
}

fn fact_of(
    aligned: &Aligned<'_>,
    rep: usize,
    group: &[usize],
    by_id: &HashMap<ArticleId, &Article>,
) -> Fact {
    let views = &aligned.views;
    let backing: Vec<(ArticleId, Vec<String>)> = group
        .iter()
        .map(|&j| {
            let v = &views[j];
            (v.article.id, origins_in(v.article.text_of(v.sentence())))
        })
        .collect();
    let mut origins: Vec<String> = backing.iter().flat_map(|(_, o)| o.clone()).collect();
    origins.sort();
    origins.dedup();
    let mut articles: Vec<ArticleId> = backing.iter().map(|b| b.0).collect();
    articles.dedup();
    let distinct: Vec<(ArticleId, Vec<String>)> = articles
        .iter()
        .map(|id| {
            let o = backing
                .iter()
                .filter(|b| b.0 == *id)
                .flat_map(|b| b.1.clone())
                .collect();
            (*id, o)
        })
        .collect();
    Fact {
        text: views[stated_by_all(aligned, rep, group)]
            .text()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        cites: group.iter().map(|&j| views[j].cite()).collect(),
        sources: distinct.len(),
        independent_sources: independent_sources(&distinct, by_id),
        origins,
    }
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
