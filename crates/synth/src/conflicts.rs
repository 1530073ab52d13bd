//! Conflicts: where articles give incompatible answers about the same thing.
//!
//! Three kinds are found:
//! - **counts**: two numbers are about "the same thing" only when they count the
//!   same kind of thing (leaders and commanders are one kind; people and
//!   civilians another; any other noun is its own kind) and their sentences
//!   report the same action (killed, wounded, arrested, on strike...). That double
//!   key keeps false alarms rare: a number about something else is not a
//!   conflict. Modifiers turn each number into an interval ("at least seven" is
//!   7..∞, "about 2,000" is ±10%), and only disjoint intervals conflict.
//! - **extent**: a share of a place claimed ("80 per cent of the town") against
//!   a claim of none ("no territory left").
//! - **dates**: the same actor doing the same thing (arrived, seized, founded...)
//!   on dates that cannot both be true.
//!
//! Copies (`duplicate_of`) cannot disagree with their original, so a claim and
//! its copy never make a conflict on their own.

use std::collections::BTreeMap;

use dossier_model::{
    Article, ArticleId, Cite, Conflict, ConflictKind, Date, Entity, Quantity, QuantityModifier, Side,
    Span,
};

/// Kinds of counted things whose members are interchangeable in reports.
const COUNTED_KINDS: &[(&str, &[&str])] = &[
    (
        "leaders",
        &["leader", "commander", "chief", "head", "general", "officer"],
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
            "protester",
            "demonstrator",
        ],
    ),
    (
        "fighters",
        &[
            "fighter",
            "militant",
            "gunman",
            "gunmen",
            "soldier",
            "troop",
            "jihadist",
            "rebel",
            "insurgent",
            "militiaman",
            "militiamen",
        ],
    ),
    (
        "workers",
        &[
            "worker",
            "dockworker",
            "docker",
            "employee",
            "staff",
            "miner",
            "nurse",
            "driver",
        ],
    ),
    ("children", &["child", "children", "student", "pupil"]),
    ("homes", &["home", "house", "building"]),
];

/// Units of time and measure: "two years" or "five km" count no actors, and a
/// sentence's action is not about them.
const UNITS: &[&str] = &[
    "second",
    "minute",
    "hour",
    "day",
    "week",
    "month",
    "year",
    "decade",
    "century",
    "time",
    "km",
    "kilometre",
    "kilometer",
    "mile",
    "metre",
    "meter",
    "foot",
    "feet",
    "percent",
    "cent",
    "point",
    "dollar",
    "euro",
    "pound",
    "times",
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
            "shot dead",
        ],
    ),
    ("wounded", &["wound", "injur", "hurt"]),
    (
        "arrested",
        &["arrest", "detain", "captur", "jail", "imprison"],
    ),
    (
        "displaced",
        &["displac", "fled", "flee", "evacuat", "homeless"],
    ),
    ("missing", &["missing", "abduct", "kidnap"]),
    ("on strike", &["strik", "walked out", "walkout", "picket"]),
    ("protesting", &["protest", "march", "demonstrat", "rall"]),
    ("deployed", &["deploy", "sent", "dispatch"]),
];

/// Actions a dated claim can report; their dates are compared per actor.
const DATED_ACTIONS: &[(&str, &[&str])] = &[
    ("arrived", &["arriv", "came to", "entered", "moved into"]),
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

fn singular(word: &str) -> String {
    let w = word.to_lowercase();
    if let Some(stem) = w.strip_suffix("ies") {
        return format!("{stem}y");
    }
    w.strip_suffix('s').map(str::to_string).unwrap_or(w)
}

/// The kind of a counted noun: its class in the table, or the noun itself.
fn counted_kind(word: &str) -> String {
    let w = singular(word);
    COUNTED_KINDS
        .iter()
        .find(|(_, members)| {
            members
                .iter()
                .any(|m| w == singular(m) || word.eq_ignore_ascii_case(m))
        })
        .map(|(k, _)| (*k).to_string())
        .unwrap_or_else(|| format!("{w}s"))
}

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

fn action_in(sentence: &str) -> Option<&'static str> {
    find_action(sentence, ACTIONS)
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
        // "About 2,000" is a rounded figure: within a tenth either way.
        QuantityModifier::About => (v * 0.9, v * 1.1),
        QuantityModifier::Between => (v, q.high.unwrap_or(v)),
    }
}

fn overlaps(a: (f64, f64), b: (f64, f64)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

/// The sentence containing byte `pos`: its span and text.
fn sentence_at(a: &Article, pos: usize) -> Option<(Span, &str)> {
    let i = a.sentence_at(pos)?;
    let span = a.sentences[i];
    Some((span, a.slice(span)?))
}

/// Which story entities each article mentions where, for `names_in`.
struct EntityIndex(std::collections::HashMap<ArticleId, Vec<(Span, usize)>>);

impl EntityIndex {
    fn new(entities: &[Entity]) -> Self {
        let mut map: std::collections::HashMap<ArticleId, Vec<(Span, usize)>> = Default::default();
        for e in entities {
            for m in &e.mentions {
                map.entry(m.article).or_default().push((m.span, e.id.0));
            }
        }
        EntityIndex(map)
    }

    /// The entities named within `span` of an article, sorted.
    fn names_in(&self, article: ArticleId, span: Span) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .0
            .get(&article)
            .map(|v| {
                v.iter()
                    .filter(|(s, _)| s.within(span))
                    .map(|(_, e)| *e)
                    .collect()
            })
            .unwrap_or_default();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Can the two claims be about the same incident? When both sentences name
/// things and share no name, they are about different incidents.
fn same_incident(x: &Seen, y: &Seen) -> bool {
    x.names.is_empty()
        || y.names.is_empty()
        || x.names.iter().any(|n| y.names.binary_search(n).is_ok())
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One claim with what it may conflict with.
struct Seen {
    interval: (f64, f64),
    /// For dated claims, the date claimed.
    date: Option<Date>,
    /// Entities named in the claim's sentence: claims about numbers that share
    /// no entity are likely about different incidents, not in conflict.
    names: Vec<usize>,
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

fn count_conflicts(members: &[&Article], index: &EntityIndex) -> Vec<Conflict> {
    let mut by_key: BTreeMap<(bool, String, &'static str), Vec<Seen>> = BTreeMap::new();
    for a in members {
        let root = a.duplicate_of.unwrap_or(a.id);
        for q in &a.quantities {
            let Some(counted) = q.counted.as_deref() else {
                continue;
            };
            if UNITS.contains(&singular(counted).as_str()) {
                continue;
            }
            let kind = counted_kind(counted);
            let Some((span, sentence)) = sentence_at(a, q.span.start) else {
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
                    date: None,
                    names: index.names_in(a.id, span),
                    claim: Side {
                        value: a.text_of(q.span).to_string(),
                        text: squash(sentence),
                        cite: Cite::new(a.id, span),
                    },
                    root,
                });
        }
    }
    by_key
        .into_iter()
        .filter_map(|((percent, kind, action), seen)| {
            let claims = disagreeing(&seen, |x, y| {
                overlaps(x.interval, y.interval) || !same_incident(x, y)
            })?;
            let about = if percent {
                format!("share of {kind} {action}")
            } else {
                format!("number of {kind} {action}")
            };
            Some(Conflict {
                about,
                kind: ConflictKind::FiguresDiffer,
                claims,
            })
        })
        .collect()
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
                    names: Vec::new(),
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
                    names: Vec::new(),
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
                names: Vec::new(),
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

/// Find the conflicts between the articles of a story.
pub fn conflicts(members: &[&Article], entities: &[Entity]) -> Vec<Conflict> {
    let mut out = count_conflicts(members, &EntityIndex::new(entities));
    out.extend(extent_conflicts(members));
    out.extend(date_conflicts(members));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(value: f64, modifier: QuantityModifier) -> Quantity {
        Quantity {
            span: Span::new(0, 1),
            value,
            high: None,
            modifier,
            counted: Some("people".into()),
            percent: false,
        }
    }

    #[test]
    fn leaders_and_commanders_are_one_kind_and_other_nouns_their_own() {
        assert_eq!(counted_kind("commanders"), "leaders");
        assert_eq!(counted_kind("leader"), "leaders");
        assert_eq!(counted_kind("civilians"), "people");
        assert_eq!(counted_kind("dockworkers"), "workers");
        assert_eq!(counted_kind("boats"), "boats");
        assert_eq!(counted_kind("factories"), "factorys");
    }

    #[test]
    fn at_least_seven_does_not_contradict_nine_but_about_numbers_can() {
        let a = interval(&q(7.0, QuantityModifier::AtLeast));
        let b = interval(&q(9.0, QuantityModifier::Exact));
        let c = interval(&q(3.0, QuantityModifier::Exact));
        assert!(overlaps(a, b));
        assert!(!overlaps(a, c));
        let d = interval(&q(2000.0, QuantityModifier::About));
        let e = interval(&q(1400.0, QuantityModifier::About));
        assert!(!overlaps(d, e));
    }

    #[test]
    fn actions_are_found_by_prefix_and_phrase() {
        assert_eq!(action_in("Gunmen assassinated the leader."), Some("killed"));
        assert_eq!(
            action_in("Dozens were injured in the blast."),
            Some("wounded")
        );
        assert_eq!(
            action_in("About 900 dockers walked out on Monday."),
            Some("on strike")
        );
        assert_eq!(action_in("The council met on Monday."), None);
    }

    #[test]
    fn dates_disagree_only_at_the_shared_precision() {
        let march = Date::ym(2029, 3).unwrap();
        assert!(dates_disagree(march, Date::ym(2030, 5).unwrap()));
        assert!(!dates_disagree(march, Date::ymd(2029, 3, 14).unwrap()));
        assert!(!dates_disagree(march, Date::year(2029)));
    }
}
