//! Conflicts: where articles give incompatible answers about the same thing.
//!
//! Most come from the claim layer (`slots.rs`): claims of different articles
//! that align (state the same thing) but fill one slot differently, a figure,
//! a day or a polarity. Two older checks stay beside it for what one pair of
//! claims does not show:
//! - **extent**: a share of a place claimed ("80 per cent of the town") against
//!   a claim of none ("no territory left"), made in sentences that need not align;
//! - **dates**: the same actor doing the same thing (arrived, seized, founded...)
//!   on dates that cannot both be true, however differently the sentences read.
//!
//! Copies (`duplicate_of`) cannot disagree with their original, so a claim and
//! its copy never make a conflict on their own.

mod counted;
mod day_parts;
mod figures;
mod kinds;
mod measures;
mod slots;
mod when;

use std::collections::BTreeMap;

use dossier_model::{Article, ArticleId, Cite, Conflict, ConflictKind, Date, Side, Span};

use crate::align::Aligned;

/// Actions a dated claim can report; their dates are compared per actor.
const DATED_ACTIONS: &[(&str, &[&str])] = &[
    (
        "arrived",
        &[
            "arriv",
            "came to",
            "entered",
            "moved into",
            "influx",
            "established a base",
            "set up a base",
            "set up base",
        ],
    ),
    (
        "took control",
        &["seiz", "took control", "took over", "captur", "overran"],
    ),
    (
        "was founded",
        &["founded", "formed", "established", "set up", "created"],
    ),
    (
        "was expelled",
        &[
            "expelled",
            "driven out",
            "pushed out",
            "ousted",
            "lost control",
        ],
    ),
];

/// A claim of "none" against which a claimed share of a place conflicts.
const NONE_CLAIMS: &[&str] = &[
    "no territory",
    "no presence",
    "no longer holds",
    "holds no",
    "nothing left",
    "no ground",
    "no control",
];

/// What a shared-territory percentage is about: control words.
const CONTROL_WORDS: &[&str] = &[
    "control",
    "held",
    "hold",
    "holds",
    "took",
    "taken",
    "pushed",
    "territory",
    "captured",
    "of the town",
    "of the city",
];

fn find_action(sentence: &str, table: &[(&'static str, &[&str])]) -> Option<&'static str> {
    let lower = sentence.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    table
        .iter()
        .find(|(_, cues)| {
            cues.iter().any(|cue| {
                if cue.contains(' ') {
                    lower.contains(cue)
                } else {
                    words.iter().any(|w| w.starts_with(cue))
                }
            })
        })
        .map(|(a, _)| *a)
}

/// The sentence containing byte `pos`: its span and text.
fn sentence_at(a: &Article, pos: usize) -> Option<(Span, &str)> {
    let i = a.sentence_at(pos)?;
    let span = a.sentences[i];
    Some((span, a.slice(span)?))
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One claim with what it may conflict with.
struct Seen {
    interval: (f64, f64),
    /// For dated claims, the date claimed.
    date: Option<Date>,
    claim: Side,
    root: ArticleId,
}

/// Keep the claims that disagree with a claim of another (non-copy) article,
/// one per article and value; `None` when fewer than two remain.
fn disagreeing(seen: &[Seen], compatible: impl Fn(&Seen, &Seen) -> bool) -> Option<Vec<Side>> {
    let mut claims: Vec<Side> = Vec::new();
    for s in seen {
        let disagrees = seen.iter().any(|o| o.root != s.root && !compatible(o, s));
        if disagrees
            && !claims.iter().any(|c| {
                c.cite.article == s.claim.cite.article
                    && c.value.eq_ignore_ascii_case(&s.claim.value)
            })
        {
            claims.push(s.claim.clone());
        }
    }
    (claims.len() >= 2).then_some(claims)
}

fn extent_conflicts(members: &[&Article]) -> Vec<Conflict> {
    let mut seen: Vec<Seen> = Vec::new();
    for a in members {
        let root = a.duplicate_of.unwrap_or(a.id);
        for q in a.quantities.iter().filter(|q| q.percent) {
            let Some((span, sentence)) = sentence_at(a, q.span.start) else {
                continue;
            };
            let lower = sentence.to_lowercase();
            if CONTROL_WORDS.iter().any(|w| lower.contains(w)) && q.value > 0.0 && q.value < 100.0 {
                seen.push(Seen {
                    interval: (q.value, q.value),
                    date: None,
                    claim: Side {
                        value: a.text_of(q.span).to_string(),
                        text: squash(sentence),
                        cite: Cite::new(a.id, span),
                    },
                    root,
                });
            }
        }
        for &span in &a.sentences {
            let Some(sentence) = a.slice(span) else {
                continue;
            };
            let lower = sentence.to_lowercase();
            if let Some(phrase) = NONE_CLAIMS.iter().find(|p| lower.contains(*p)) {
                seen.push(Seen {
                    interval: (0.0, 0.0),
                    date: None,
                    claim: Side {
                        value: (*phrase).to_string(),
                        text: squash(sentence),
                        cite: Cite::new(a.id, span),
                    },
                    root,
                });
            }
        }
    }
    // Only a share against a "none" conflicts: two shares may be two moments.
    let has_share = seen.iter().any(|s| s.interval.0 > 0.0);
    let has_none = seen.iter().any(|s| s.interval.0 == 0.0);
    if !(has_share && has_none) {
        return Vec::new();
    }
    disagreeing(&seen, |x, y| (x.interval.0 > 0.0) == (y.interval.0 > 0.0))
        .map(|claims| Conflict {
            kind: ConflictKind::Contradiction,
            about: "extent of territory held".to_string(),
            claims,
        })
        .into_iter()
        .collect()
}

/// Two dates that cannot both be right: different at the coarser precision.
fn dates_disagree(a: Date, b: Date) -> bool {
    let p = a.precision().min(b.precision());
    a.truncate(p) != b.truncate(p)
}

fn date_conflicts(members: &[&Article]) -> Vec<Conflict> {
    // Key: (action, actor head word) -> claims with their dates.
    let mut by_key: BTreeMap<(&'static str, String), Vec<Seen>> = BTreeMap::new();
    for a in members {
        let root = a.duplicate_of.unwrap_or(a.id);
        for t in a.times.iter().filter(|t| !t.inferred) {
            let Some((span, sentence)) = sentence_at(a, t.span.start) else {
                continue;
            };
            let Some(action) = find_action(sentence, DATED_ACTIONS) else {
                continue;
            };
            // The actor: the last word of the first organisation or person named
            // in the sentence before the date.
            let actor = a
                .mentions
                .iter()
                .filter(|m| m.span.within(span) && m.span.end <= t.span.start)
                .filter(|m| {
                    matches!(
                        m.kind,
                        dossier_model::EntityKind::Organization | dossier_model::EntityKind::Person
                    )
                })
                .map(|m| a.text_of(m.span))
                .next()
                .and_then(|name| name.split_whitespace().last())
                .map(|w| w.to_lowercase());
            let Some(actor) = actor else { continue };
            by_key.entry((action, actor)).or_default().push(Seen {
                interval: (0.0, 0.0),
                date: Some(t.date),
                claim: Side {
                    value: t.date.to_string(),
                    text: squash(sentence),
                    cite: Cite::new(a.id, span),
                },
                root,
            });
        }
    }
    by_key
        .into_iter()
        .filter_map(|((action, actor), seen)| {
            let claims = disagreeing(&seen, |x, y| match (x.date, y.date) {
                (Some(dx), Some(dy)) => !dates_disagree(dx, dy),
                _ => true,
            })?;
            Some(Conflict {
                kind: ConflictKind::Contradiction,
                about: format!("when the {actor} {action}"),
                claims,
            })
        })
        .collect()
}

/// Conflicts listed per story, at most: the most closely aligned first.
const MAX_CLAIM_CONFLICTS: usize = 8;

/// Find the conflicts between the articles of a story.
pub fn conflicts(aligned: &Aligned<'_>, members: &[&Article]) -> Vec<Conflict> {
    let mut out = claim_conflicts(aligned);
    out.extend(extent_conflicts(members));
    for c in date_conflicts(members) {
        if !out.iter().any(|o| same_sides(o, &c)) {
            out.push(c);
        }
    }
    out
}

/// Slot disagreements of aligned claims, gathered into one conflict per
/// question ("how many people (death)"), each side once per article and value.
fn claim_conflicts(aligned: &Aligned<'_>) -> Vec<Conflict> {
    let mut found = slots::disagreements(aligned);
    found.sort_by(|x, y| y.strength.total_cmp(&x.strength));
    let mut out: Vec<Conflict> = Vec::new();
    for d in found {
        let sides = d.sides.map(|(i, value)| {
            let v = &aligned.views[i];
            Side {
                value,
                text: squash(v.article.text_of(v.sentence())),
                cite: v.cite(),
            }
        });
        let at = match out.iter().position(|c| c.about == d.about) {
            Some(at) => at,
            None if out.len() < MAX_CLAIM_CONFLICTS => {
                out.push(Conflict {
                    about: d.about,
                    kind: d.kind,
                    claims: Vec::new(),
                });
                out.len() - 1
            }
            None => continue,
        };
        for side in sides {
            let claims = &mut out[at].claims;
            let known = claims.iter().any(|c| {
                c.cite.article == side.cite.article && c.value.eq_ignore_ascii_case(&side.value)
            });
            if !known {
                claims.push(side);
            }
        }
    }
    for c in out.iter_mut().filter(|c| c.kind == ConflictKind::Update) {
        oldest_first(&mut c.claims, aligned);
    }
    out
}

/// Updates read in the order they were reported: sides by their article's
/// publication date, undated ones last.
fn oldest_first(claims: &mut [Side], aligned: &Aligned<'_>) {
    let published = |side: &Side| {
        aligned
            .views
            .iter()
            .find(|v| v.article.id == side.cite.article)
            .and_then(|v| v.article.meta.published)
    };
    claims.sort_by_key(|s| (published(s).is_none(), published(s)));
}

/// Two conflicts that cite the same sentences on both sides.
fn same_sides(a: &Conflict, b: &Conflict) -> bool {
    b.claims
        .iter()
        .all(|s| a.claims.iter().any(|o| o.cite == s.cite))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_disagree_only_at_the_shared_precision() {
        let march = Date::ym(2029, 3).unwrap();
        assert!(dates_disagree(march, Date::ym(2030, 5).unwrap()));
        assert!(!dates_disagree(march, Date::ymd(2029, 3, 14).unwrap()));
        assert!(!dates_disagree(march, Date::year(2029)));
    }
}
