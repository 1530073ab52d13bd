//! Conflicts: where articles give incompatible numbers for the same thing.
//!
//! Two numbers are about "the same thing" only when they count the same kind of
//! thing (leaders and commanders are one kind; people and civilians another) and
//! their sentences report the same action (killed, wounded, arrested...). That
//! double key keeps false alarms rare: a number about something else is not a
//! conflict. Modifiers turn each number into an interval ("at least seven" is
//! 7..∞), and only disjoint intervals conflict.

use std::collections::BTreeMap;

use dossier_model::{Article, Cite, Claim, Conflict, Quantity, QuantityModifier};

/// Kinds of counted things whose members are interchangeable in reports.
const COUNTED_KINDS: &[(&str, &[&str])] = &[
    (
        "leaders",
        &[
            "leader",
            "commander",
            "chief",
            "head",
            "official",
            "officer",
            "general",
        ],
    ),
    (
        "people",
        &[
            "people",
            "person",
            "civilian",
            "resident",
            "villager",
            "victim",
            "passenger",
            "inhabitant",
        ],
    ),
    (
        "fighters",
        &[
            "fighter",
            "militant",
            "gunman",
            "soldier",
            "troop",
            "jihadist",
            "rebel",
            "insurgent",
            "member",
        ],
    ),
    ("children", &["child", "children", "student", "pupil"]),
    ("homes", &["home", "house", "building"]),
];

/// Actions whose counts are compared, by word prefix.
const ACTIONS: &[(&str, &[&str])] = &[
    (
        "killed",
        &[
            "kill",
            "dead",
            "die",
            "death",
            "slain",
            "assassinat",
            "execut",
        ],
    ),
    ("wounded", &["wound", "injur", "hurt"]),
    ("arrested", &["arrest", "detain", "captur", "held"]),
    (
        "displaced",
        &["displac", "fled", "flee", "evacuat", "homeless"],
    ),
    ("missing", &["missing"]),
];

fn counted_kind(word: &str) -> Option<&'static str> {
    let w = word.trim_end_matches('s');
    COUNTED_KINDS
        .iter()
        .find(|(_, members)| {
            members
                .iter()
                .any(|m| w == m.trim_end_matches('s') || word == *m)
        })
        .map(|(k, _)| *k)
}

fn action_in(sentence: &str) -> Option<&'static str> {
    let lower = sentence.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    ACTIONS
        .iter()
        .find(|(_, prefixes)| {
            words
                .iter()
                .any(|w| prefixes.iter().any(|p| w.starts_with(p)))
        })
        .map(|(a, _)| *a)
}

/// The interval of values a quantity allows.
fn interval(q: &Quantity) -> (f64, f64) {
    let v = q.value;
    match q.modifier {
        QuantityModifier::Exact => (v, v),
        QuantityModifier::AtLeast => (v, f64::INFINITY),
        QuantityModifier::MoreThan => (v + 0.5, f64::INFINITY),
        QuantityModifier::AtMost => (0.0, v),
        QuantityModifier::LessThan => (0.0, v - 0.5),
        QuantityModifier::About => (v * 0.8, v * 1.2),
        QuantityModifier::Between => (v, q.high.unwrap_or(v)),
    }
}

fn overlaps(a: (f64, f64), b: (f64, f64)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

/// The containing sentence's span and text, for a claim.
fn sentence_of<'a>(a: &'a Article, q: &Quantity) -> Option<(dossier_model::Span, &'a str)> {
    let i = a.sentence_at(q.span.start)?;
    let span = a.sentences[i];
    Some((span, a.slice(span)?))
}

/// Find numeric conflicts between the articles of a story.
pub fn conflicts(members: &[&Article]) -> Vec<Conflict> {
    struct Seen {
        interval: (f64, f64),
        claim: Claim,
        article_root: dossier_model::ArticleId,
    }
    let mut by_key: BTreeMap<(bool, &'static str, &'static str), Vec<Seen>> = BTreeMap::new();
    for a in members {
        // A copy repeats its original's numbers; it cannot disagree with them.
        let root = a.duplicate_of.unwrap_or(a.id);
        for q in &a.quantities {
            let Some(kind) = q.counted.as_deref().and_then(counted_kind) else {
                continue;
            };
            let Some((span, sentence)) = sentence_of(a, q) else {
                continue;
            };
            let Some(action) = action_in(sentence) else {
                continue;
            };
            by_key
                .entry((q.percent, kind, action))
                .or_default()
                .push(Seen {
                    interval: interval(q),
                    claim: Claim {
                        value: a.text_of(q.span).to_string(),
                        text: sentence.split_whitespace().collect::<Vec<_>>().join(" "),
                        cite: Cite::new(a.id, span),
                    },
                    article_root: root,
                });
        }
    }
    let mut out = Vec::new();
    for ((percent, kind, action), seen) in by_key {
        // Keep claims that disagree with at least one claim from another article.
        let disagreeing: Vec<&Seen> = seen
            .iter()
            .filter(|s| {
                seen.iter()
                    .any(|o| o.article_root != s.article_root && !overlaps(o.interval, s.interval))
            })
            .collect();
        if disagreeing.len() < 2 {
            continue;
        }
        let mut claims: Vec<Claim> = Vec::new();
        for s in disagreeing {
            if !claims
                .iter()
                .any(|c| c.cite.article == s.claim.cite.article && c.value == s.claim.value)
            {
                claims.push(s.claim.clone());
            }
        }
        let about = if percent {
            format!("share of {kind} {action}")
        } else {
            format!("number of {kind} {action}")
        };
        out.push(Conflict { about, claims });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(value: f64, modifier: QuantityModifier, counted: &str) -> Quantity {
        Quantity {
            span: dossier_model::Span::new(0, 1),
            value,
            high: None,
            modifier,
            counted: Some(counted.into()),
            percent: false,
        }
    }

    #[test]
    fn leaders_and_commanders_are_one_kind() {
        assert_eq!(counted_kind("commanders"), Some("leaders"));
        assert_eq!(counted_kind("leader"), Some("leaders"));
        assert_eq!(counted_kind("civilians"), Some("people"));
        assert_eq!(counted_kind("boats"), None);
    }

    #[test]
    fn at_least_seven_does_not_contradict_nine() {
        let a = interval(&q(7.0, QuantityModifier::AtLeast, "people"));
        let b = interval(&q(9.0, QuantityModifier::Exact, "people"));
        let c = interval(&q(3.0, QuantityModifier::Exact, "people"));
        assert!(overlaps(a, b));
        assert!(!overlaps(a, c));
    }

    #[test]
    fn actions_are_found_by_prefix() {
        assert_eq!(action_in("Gunmen assassinated the leader."), Some("killed"));
        assert_eq!(
            action_in("Dozens were injured in the blast."),
            Some("wounded")
        );
        assert_eq!(action_in("The council met on Monday."), None);
    }
}
