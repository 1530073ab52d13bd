//! The claim lexicons the team ships: event kinds with the words that report
//! them, paraphrase classes, and the cues of negation, hedging and attribution.
//!
//! Keyed by language so that another language adds its own tables beside
//! English instead of replacing the design. Cues are lower-case word prefixes
//! ("kill" matches killed, killing, killer's) unless they hold a space, in
//! which case they match as a phrase.

/// One kind of event and the words that report it.
pub struct EventKind {
    pub name: &'static str,
    pub cues: &'static [&'static str],
}

/// Cues of one language.
pub struct Lexicon {
    pub events: &'static [EventKind],
    /// Words that deny the predicate ("not", "never", "no").
    pub negations: &'static [&'static str],
    /// Words that hedge a claim ("allegedly", "may").
    pub hedges: &'static [&'static str],
    /// Words that may stand between a negation and what it denies
    /// ("no arrests have *been* made", "has *not yet* been found").
    pub fillers: &'static [&'static str],
    /// Phrases that set what a figure covers: a running total ("since",
    /// "so far"), a part ("at the scene"), a rate ("a year"). Two figures
    /// with different scopes count different things. The running totals
    /// below are scopes too.
    pub scopes: &'static [&'static str],
    /// The scopes that only mark a running total ("so far", "since
    /// Wednesday"). A toll given without one is the running total too, so
    /// these alone do not set two figures apart; "since" with a written date
    /// ("since January") does.
    pub running_totals: &'static [&'static str],
    /// Pairs of opposed directions: figures counting one side ("86%
    /// approved") and the other ("59% rejected") count different things.
    pub opposites: &'static [(&'static [&'static str], &'static [&'static str])],
    /// Verbs that attribute a claim to a speaker ("said", "told").
    pub attributions: &'static [&'static str],
    /// Words that report the same thing, grouped: each group is one concept
    /// for alignment, beyond what stemming joins.
    pub paraphrases: &'static [&'static [&'static str]],
}

const EN_EVENTS: &[EventKind] = &[
    EventKind {
        name: "death",
        cues: &[
            "kill",
            "dead",
            "die",
            "died",
            "dies",
            "death",
            "slain",
            "slay",
            "murder",
            "assassinat",
            "execut",
            "fatal",
            "shot dead",
            "lost their lives",
            "perish",
        ],
    },
    EventKind {
        name: "injury",
        cues: &["wound", "injur", "hurt", "maul", "hospitalis", "hospitaliz"],
    },
    EventKind {
        name: "attack",
        cues: &[
            "attack",
            "assault",
            "bomb",
            "shell",
            "raid",
            "airstrike",
            "air strike",
            "struck",
            "strikes",
            "stabb",
            "opened fire",
            "fired at",
            "fired on",
            "shooting",
            "rocket",
            "missile",
            "pounced",
            "lunged",
        ],
    },
    EventKind {
        name: "arrest",
        cues: &[
            "arrest",
            "detain",
            "custody",
            "apprehend",
            "jail",
            "imprison",
            "in prison",
            "charged with",
            "indict",
        ],
    },
    EventKind {
        name: "control",
        cues: &[
            "seiz",
            "took control",
            "taken control",
            "take control",
            "took over",
            "overran",
            "captur",
            "recaptur",
            "retook",
            "retake",
            "liberat",
            "occup",
            // The verb only: "clearly" and "not clear" say nothing of a place.
            "cleared",
            "clearing",
        ],
    },
    // Losing a place is its own kind: "lost control of X" and "seized X" are
    // opposite statements, while "was pushed out of X" says the same as
    // "lost control of X".
    EventKind {
        name: "expulsion",
        cues: &[
            "driven out",
            "drove out",
            "pushed out",
            "forced out",
            "kicked out",
            "expel",
            "oust",
            "lost control",
            "lose control",
            "loses control",
            "withdr",
            "evict",
            "retreat",
            "routed",
        ],
    },
    // Before "vote": a rejection is a vote whose figures count the other side.
    EventKind {
        name: "rejection",
        cues: &[
            "reject",
            "voted against",
            "vote against",
            "oppos",
            "veto",
            "turned down",
        ],
    },
    EventKind {
        name: "vote",
        cues: &[
            "vote",
            "voted",
            "ballot",
            "referendum",
            "elect",
            "approv",
            "passed",
            "petition",
            "signature",
            "signed",
        ],
    },
    EventKind {
        name: "ruling",
        cues: &[
            "court", "ruling", "ruled", "verdict", "sentenc", "convict", "acquit", "judge",
            "inquest", "coroner", "lawsuit", "sued",
        ],
    },
    EventKind {
        name: "price change",
        cues: &[
            "price",
            "shares rose",
            "shares fell",
            "stock",
            "per share",
            "a share",
            "valuation",
            "surged",
            "plunged",
            "soared",
            "tumbled",
        ],
    },
    EventKind {
        name: "money",
        cues: &[
            "fund",
            "donat",
            "pledg",
            "raised",
            "raise money",
            "debt",
            "paid",
            "pay ",
            "cost",
            "billion",
            "million",
            "invest",
            "loan",
        ],
    },
    EventKind {
        name: "discovery",
        cues: &[
            "found", "discover", "uncover", "spotted", "identif", "evidence",
        ],
    },
    EventKind {
        name: "escape",
        cues: &[
            "escap", "fled", "flee", "stray", "missing", "abduct", "kidnap",
        ],
    },
    EventKind {
        name: "deployment",
        cues: &[
            "deploy",
            "dispatch",
            "troops",
            "reservist",
            "mobiliz",
            "mobilis",
            "call up",
            "called up",
            "delegation",
        ],
    },
    EventKind {
        name: "investigation",
        cues: &["investigat", "probe", "inquiry", "complaint", "autopsy"],
    },
    EventKind {
        name: "interception",
        cues: &["intercept", "shot down", "iron dome"],
    },
    EventKind {
        name: "announcement",
        cues: &[
            "announc", "declar", "unveil", "launch", "publish", "released", "report",
        ],
    },
];

const EN_PARAPHRASES: &[&[&str]] = &[
    &[
        "die", "dead", "death", "kill", "slain", "fatal", "perish", "pass",
    ],
    &["injur", "wound", "hurt", "maul"],
    &["arrest", "detain", "custodi", "apprehend"],
    &["expel", "oust", "driven", "drove", "expuls", "evict"],
    &["seiz", "captur", "overran", "takeov"],
    &["film", "movi", "pictur"],
    &["car", "vehicl", "automobil"],
    &["begin", "began", "start", "launch"],
    &["attack", "assault", "strike", "struck", "raid"],
    &["hospit", "hospitalis", "hospitaliz", "infirmari"],
    &["agre", "deal", "accord", "pact"],
    &["investig", "probe", "inquiri"],
    &["announc", "declar", "unveil"],
    &["women", "woman", "femal"],
    &["men", "man", "male"],
    &["children", "child", "kid"],
    &["peopl", "person", "individu"],
    &["ban", "prohibit", "outlaw"],
    &["presid", "leader", "chief", "head"],
    &["show", "seri", "programm", "program"],
    &["studi", "paper", "research", "report"],
    &["petit", "signatur"],
    &["militari", "armi", "troop", "forc"],
    &["gun", "firearm", "weapon", "pistol", "rifl"],
    &["team", "squad"],
    &["compani", "firm"],
];

static EN: Lexicon = Lexicon {
    events: EN_EVENTS,
    negations: &[
        "not", "no", "never", "none", "nobody", "neither", "nor", "without", "denied", "deny",
        "denies", "n't",
    ],
    hedges: &[
        "allegedly",
        "alleged",
        "reportedly",
        "apparently",
        "unconfirmed",
        "suspected",
        "may",
        "might",
        "could",
        "possibly",
        "believed",
        "purportedly",
        "rumoured",
        "rumored",
        "would",
        "if",
        "whether",
    ],
    fillers: &[
        "be",
        "been",
        "being",
        "is",
        "are",
        "was",
        "were",
        "have",
        "has",
        "had",
        "do",
        "does",
        "did",
        "yet",
        "ever",
        "any",
        "a",
        "an",
        "the",
        "been",
        "officially",
        "formally",
        "so",
        "far",
        "immediately",
        "publicly",
    ],
    running_totals: &[
        "since",
        "so far",
        "thus far",
        "to date",
        "in total",
        "in all",
        "altogether",
        "overall",
    ],
    scopes: &[
        "this year",
        "last year",
        "at the scene",
        "on the scene",
        "on the spot",
        "each",
        "per",
        "a year",
        "a day",
        "a week",
        "a month",
        "annually",
        "a share",
        "per share",
    ],
    opposites: &[
        (
            &[
                "approv", "support", "backed", "endors", "favour", "favor", "accept",
            ],
            &["reject", "oppos", "against", "veto", "refus"],
        ),
        (
            &["rose", "rise", "risen", "increas", "gain", "climb", "up"],
            &[
                "fell", "fall", "fallen", "decreas", "drop", "declin", "down",
            ],
        ),
        (&["won", "win"], &["lost", "lose"]),
    ],
    attributions: &[
        "said",
        "says",
        "say",
        "told",
        "tells",
        "according",
        "stated",
        "added",
        "claimed",
        "claims",
        "announced",
        "reported",
        "confirmed",
        "wrote",
        "tweeted",
    ],
    paraphrases: EN_PARAPHRASES,
};

/// Particles that a phrasal verb's object may stand before: "pushed Isis
/// out", "shot the drone down".
const PARTICLES: &[&str] = &["out", "off", "down", "away", "back"];

/// Words an object may take between a phrasal verb and its particle.
const MAX_OBJECT_WORDS: usize = 6;

/// Where a two-word phrasal cue ("pushed out") is written with its object
/// between verb and particle ("forced the Islamic State (ISIS) out of"): the
/// offset of the verb, when the particle follows within a short object and no
/// clause punctuation comes between.
fn split_phrase(lower: &str, cue: &str) -> Option<usize> {
    let (verb, particle) = cue.split_once(' ')?;
    if !PARTICLES.contains(&particle) || particle.contains(' ') {
        return None;
    }
    lower.match_indices(verb).find_map(|(at, _)| {
        let starts_word = !lower[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        let rest = lower.get(at + verb.len()..)?;
        if !starts_word || !rest.starts_with(' ') {
            return None;
        }
        let found = rest
            .split_whitespace()
            .take(MAX_OBJECT_WORDS + 1)
            .take_while(|w| !w.ends_with([',', ';', '.', ':']))
            .skip(1)
            .any(|w| w == particle);
        found.then_some(at)
    })
}

/// The lexicon for a language code ("en", "en-GB"); English when none is shipped
/// for it, since English is the only one so far.
pub fn for_language(_language: &str) -> &'static Lexicon {
    &EN
}

impl Lexicon {
    /// The event kind a lower-case word reports, by its longest matching cue:
    /// the most specific one wins ("investigat" over "invest" in
    /// "investigation"); between cues of one length, the first kind listed.
    pub fn event_of_word(&self, lower: &str) -> Option<&'static str> {
        let mut best: Option<(usize, &'static str)> = None;
        for k in self.events {
            let cue = k
                .cues
                .iter()
                .filter(|c| !c.contains(' ') && lower.starts_with(**c))
                .map(|c| c.len())
                .max();
            if let Some(len) = cue.filter(|&l| best.is_none_or(|(b, _)| l > b)) {
                best = Some((len, k.name));
            }
        }
        best.map(|(_, name)| name)
    }

    /// The event kind a phrase cue of the clause reports, with the cue's byte
    /// offset in `lower_clause`.
    pub fn event_of_phrase(&self, lower_clause: &str) -> Option<(usize, &'static str)> {
        self.events
            .iter()
            .flat_map(|k| {
                k.cues
                    .iter()
                    .filter(|c| c.contains(' '))
                    .filter_map(move |c| {
                        lower_clause
                            .find(c)
                            .or_else(|| split_phrase(lower_clause, c))
                            .map(|at| (at, k.name))
                    })
            })
            .min_by_key(|(at, _)| *at)
    }

    /// The paraphrase concept a stem belongs to, as the group's first stem.
    pub fn concept_of(&self, stem: &str) -> Option<&'static str> {
        self.paraphrases
            .iter()
            .find(|g| {
                g.iter()
                    .any(|s| stem == *s || (s.len() >= 5 && stem.starts_with(s)))
            })
            .map(|g| g[0])
    }

    pub fn is_negation(&self, lower: &str) -> bool {
        self.negations.contains(&lower) || lower.ends_with("n't")
    }

    /// The scope phrases a lower-case clause holds, as whole words.
    pub fn scopes_in(&self, lower: &str) -> Vec<&'static str> {
        self.running_totals
            .iter()
            .chain(self.scopes)
            .copied()
            .filter(|p| {
                lower.match_indices(p).any(|(at, _)| {
                    let before = lower[..at].chars().next_back();
                    let after = lower[at + p.len()..].chars().next();
                    !before.is_some_and(char::is_alphanumeric)
                        && !after.is_some_and(char::is_alphanumeric)
                })
            })
            .collect()
    }

    /// Negations that open a noun phrase ("no one", "no arrests"), which
    /// deny the predicate their phrase is the subject of.
    pub fn is_negating_determiner(&self, lower: &str) -> bool {
        matches!(lower, "no" | "none" | "nobody" | "neither")
    }

    /// For each opposed pair ("approved" / "rejected", "rose" / "fell"),
    /// the side the words of a lower-case clause take, if only one.
    pub fn directions(&self, lower: &str) -> Vec<Option<bool>> {
        let has = |cues: &[&str]| {
            dossier_text::words(lower).any(|(_, w)| cues.iter().any(|c| w.starts_with(c)))
        };
        self.opposites
            .iter()
            .map(|(up, down)| match (has(up), has(down)) {
                (true, false) => Some(true),
                (false, true) => Some(false),
                _ => None,
            })
            .collect()
    }

    pub fn is_filler(&self, lower: &str) -> bool {
        self.fillers.contains(&lower)
    }

    pub fn is_hedge(&self, lower: &str) -> bool {
        self.hedges.contains(&lower)
    }

    pub fn is_attribution(&self, lower: &str) -> bool {
        self.attributions.contains(&lower)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_found_by_prefix_and_by_phrase() {
        let en = for_language("en");
        assert_eq!(en.event_of_word("killed"), Some("death"));
        assert_eq!(en.event_of_word("detained"), Some("arrest"));
        assert_eq!(en.event_of_word("table"), None);
        // The longest cue decides: "investigat" is more specific than "invest".
        assert_eq!(en.event_of_word("investigation"), Some("investigation"));
        assert_eq!(en.event_of_word("invested"), Some("money"));
        assert_eq!(
            en.event_of_phrase("the militia drove out the group"),
            Some((12, "expulsion"))
        );
    }

    #[test]
    fn paraphrases_share_a_concept() {
        let en = for_language("en");
        assert_eq!(en.concept_of("die"), en.concept_of("kill"));
        assert_eq!(en.concept_of("movi"), Some("film"));
        assert_eq!(en.concept_of("tabl"), None);
    }
}
