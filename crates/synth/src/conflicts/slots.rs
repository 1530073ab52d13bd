//! Conflicts from aligned claims: two claims of different articles that state
//! the same thing (they align, see `align.rs`) but fill one slot differently.
//!
//! Slots compared:
//! - **figures**: a count of the same kind of thing (people, dollars, km) with
//!   values no reading of both allows. Both true and both shown: a user wants
//!   "more than 400" against "550" even if the two could be reconciled.
//! - **day**: the same event on two different days.
//! - **polarity**: it happened against it did not ("no arrests" against "four
//!   were arrested").
//!
//! A difference of scope is not a conflict: claims that name different places,
//! or that are dated to different moments, are about different things, and
//! copies of one article never disagree with it.

use dossier_model::{ConflictKind, Date, Quantity};

use super::counted::{figure_kind, kin_nouns, lone_common_noun, quantities, scaled, CEILING};
use super::day_parts;
use super::figures::{overlaps, singular};
use super::kinds::Kinds;
use super::measures;
use super::when::{about_another_year, claim_dates, claim_times, day_of};
use crate::align::{Aligned, View};
use dossier_analyze::claims::lexicon;

/// Claims at or above this similarity may disagree about a figure: what they
/// share besides the figure (what is counted, the event, names) is enough.
const ALIGNED_FOR_FIGURES: f32 = 0.12;
/// Without an event kind in common, figures need closer alignment to be
/// about the same thing.
const ALIGNED_FOR_BARE_FIGURES: f32 = 0.25;
/// A day or a polarity disagreement needs closer alignment, since everything
/// else in the two claims must say the same.
const ALIGNED_FOR_DAY: f32 = 0.22;
const ALIGNED_FOR_POLARITY: f32 = 0.18;
/// Two claims that name one day in different parts ("Saturday morning",
/// "Saturday afternoon") must say the same thing nearly word for word: the
/// part may belong to another verb than the claim's event ("found after a
/// manager complained about a smell Saturday morning").
const ALIGNED_FOR_PART_OF_DAY: f32 = 0.35;
/// Claims that share no name may still deny each other ("police said there is
/// no investigation" against "the authorities are investigating") when
/// everything else they say aligns this closely.
const ALIGNED_FOR_UNNAMED_POLARITY: f32 = 0.3;
const ALIGNED_FOR_NAMES: f32 = 0.22;
/// Claims this close that report one event, each with a single figure of a
/// common noun, count one thing under two nouns ("hit 450 sites", "struck
/// 250 targets").
const ALIGNED_FOR_SYNONYMS: f32 = 0.3;

/// One slot two aligned claims fill differently.
pub(super) struct Disagreement {
    pub about: String,
    pub kind: ConflictKind,
    /// (claim index in the alignment, value as written), the older report
    /// first when one updates the other.
    pub sides: [(usize, String); 2],
    /// How closely the two claims align: stronger disagreements are listed first.
    pub strength: f32,
}

/// Every slot disagreement between aligned claims of different articles.
pub(super) fn disagreements(aligned: &Aligned<'_>) -> Vec<Disagreement> {
    let unlearnt = Kinds::default();
    let mut kinds = Kinds::default();
    for pair in aligned_pairs(aligned, &unlearnt) {
        pair.teach(&mut kinds);
    }
    let mut out = Vec::new();
    for pair in aligned_pairs(aligned, &kinds) {
        let sim = pair.sim;
        {
            out.extend(pair.figures_differ());
            if sim >= ALIGNED_FOR_DAY || pair.one_act_on_one_place() {
                out.extend(pair.days_differ());
            }
            if sim >= ALIGNED_FOR_PART_OF_DAY {
                out.extend(pair.parts_of_day_differ());
            }
            if sim >= ALIGNED_FOR_POLARITY {
                out.extend(pair.polarity_differs());
            }
            if sim >= ALIGNED_FOR_NAMES {
                out.extend(pair.names_differ(aligned));
            }
        }
    }
    out
}

/// The pairs of claims of different articles aligned closely enough to
/// disagree, in a place (or with no place) in common.
fn aligned_pairs<'p, 'a>(
    aligned: &'p Aligned<'a>,
    kinds: &'p Kinds,
) -> impl Iterator<Item = Pair<'p, 'a>> + 'p {
    let views = &aligned.views;
    (0..views.len())
        .flat_map(move |i| {
            aligned
                .neighbours(i)
                .iter()
                .map(move |&(j, sim)| (i, j, sim))
        })
        .filter(move |&(i, j, sim)| {
            j > i && sim >= ALIGNED_FOR_FIGURES && views[i].root() != views[j].root()
        })
        .map(move |(i, j, sim)| Pair {
            a: &views[i],
            b: &views[j],
            ids: (i, j),
            sim,
            kinds,
        })
        .filter(|pair| !pair.places_differ())
}

/// Two aligned claims of different articles.
struct Pair<'p, 'a> {
    a: &'p View<'a>,
    b: &'p View<'a>,
    ids: (usize, usize),
    sim: f32,
    /// The story's classes of counted nouns.
    kinds: &'p Kinds,
}

impl Pair<'_, '_> {
    /// Both claims name where, or who acted, and share no such name: two
    /// incidents, or two actors ("Ada's page raised $35", "Lenz's raised $0").
    fn places_differ(&self) -> bool {
        let apart = |x: &[usize], y: &[usize]| {
            !x.is_empty() && !y.is_empty() && !x.iter().any(|p| y.contains(p))
        };
        apart(&self.a.places, &self.b.places) || apart(&self.a.agents, &self.b.agents)
    }

    /// Counts of the same kind of thing whose values cannot both hold.
    fn figures_differ(&self) -> Vec<Disagreement> {
        let mut out = Vec::new();
        if !self.same_scope() || self.events_clash() {
            return out;
        }
        if self.event().is_none() && self.sim < ALIGNED_FOR_BARE_FIGURES {
            return out;
        }
        let (mine, theirs) = (self.figures(self.a), self.figures(self.b));
        for (q, kind, scale) in Self::unmatched(self.b, &mine) {
            for (r, other, other_scale) in Self::unmatched(self.a, &theirs) {
                if other != kind || q.percent != r.percent {
                    continue;
                }
                if overlaps(scaled(q, scale), scaled(r, other_scale))
                    || measure_different_things(self.a, q, self.b, r)
                {
                    continue;
                }
                let question = match (kind.strip_prefix("size of "), kind.strip_prefix(CEILING)) {
                    (Some(noun), _) => format!("size of the {noun}"),
                    (_, Some(noun)) => format!("at most how many {noun}"),
                    _ => format!("how many {kind}"),
                };
                let about = match self.event() {
                    Some(event) => format!("{question} ({event})"),
                    None => question,
                };
                let values = (self.a.value_of(q.span), self.b.value_of(r.span));
                out.push(self.disagreement(about, ConflictKind::FiguresDiffer, values));
            }
        }
        out
    }

    /// The figures of a claim with what each counts, in the story's name for
    /// it. Two different figures of one kind in one claim count two groups
    /// ("19 Palestinians and three Israelis" once both are people): neither
    /// is the claim's count of that kind.
    fn figures<'v>(&self, v: &'v View<'_>) -> Vec<(&'v Quantity, String, f64)> {
        let all: Vec<(&Quantity, String, f64)> = quantities(v)
            .filter_map(|q| {
                let (kind, scale) = figure_kind(v, q)?;
                Some((q, self.kinds.canonical(&kind), scale))
            })
            .collect();
        all.iter()
            .filter(|(q, k, _)| !all.iter().any(|(r, l, _)| l == k && r.value != q.value))
            .cloned()
            .collect()
    }

    /// The figures whose value the other claim `y` does not also give: claims that list
    /// several figures and agree on some (230 cheerleaders, 140 artists) differ
    /// only in the rest.
    fn unmatched<'v>(
        y: &View<'_>,
        figures: &[(&'v Quantity, String, f64)],
    ) -> Vec<(&'v Quantity, String, f64)> {
        let theirs: Vec<f64> = quantities(y).map(|q| q.value).collect();
        figures
            .iter()
            .filter(|(q, _, _)| !theirs.contains(&q.value))
            .cloned()
            .collect()
    }

    /// Equal figures of one event under two nouns teach the story that the
    /// nouns count one thing.
    fn teach(&self, kinds: &mut Kinds) {
        let Some(event) = self.event() else {
            return;
        };
        if !self.same_scope() {
            return;
        }
        // Nouns that name the event itself count its tally: "17,000 votes"
        // and "11,000 signatures" on one petition, "four arrests" and "four
        // people were arrested".
        let lex = lexicon::for_language(&self.a.article.meta.language);
        let tally = |v: &View<'_>| -> Vec<String> {
            quantities(v)
                .filter_map(|q| {
                    let noun = q
                        .counted
                        .as_deref()?
                        .split_whitespace()
                        .last()?
                        .to_lowercase();
                    (lex.event_of_word(&noun) == Some(event))
                        .then(|| figure_kind(v, q).map(|(k, _)| k))
                        .flatten()
                })
                .collect()
        };
        let theirs = tally(self.b);
        for x in tally(self.a) {
            for y in &theirs {
                kinds.learn_tally(&x, y);
            }
        }
        if let Some((x, y)) = self.lone_common_nouns() {
            kinds.learn_tally(&x, &y);
        }
        for q in quantities(self.a) {
            let Some((x, _)) = figure_kind(self.a, q) else {
                continue;
            };
            for r in quantities(self.b).filter(|r| r.percent == q.percent) {
                let Some((y, _)) = figure_kind(self.b, r) else {
                    continue;
                };
                if r.value == q.value {
                    kinds.learn(&x, &y, q.value);
                } else if kin_nouns(&x, &y) {
                    kinds.learn_tally(&x, &y);
                }
            }
        }
    }

    /// Both claims, closely aligned, give one figure each, of two common nouns
    /// that neither claim uses for the other's figure: "the raids had hit
    /// more than 300 sites" and "the air force has now struck more than 120
    /// targets". Names of groups ("Palestinians") and the kinds of people in
    /// the table are left out: they tell apart who is counted.
    fn lone_common_nouns(&self) -> Option<(String, String)> {
        if self.sim < ALIGNED_FOR_SYNONYMS {
            return None;
        }
        let (x, y) = (lone_common_noun(self.a)?, lone_common_noun(self.b)?);
        let names = |v: &View<'_>, noun: &str| v.text().to_lowercase().contains(noun);
        (x != y && !names(self.a, &y) && !names(self.b, &x)).then_some((x, y))
    }

    /// Figures are comparable when both claims cover the same time and the
    /// same scope (both running totals, both at the scene, or neither). Two
    /// dated claims must give the same dates; an undated claim is about the
    /// story's own time, so it compares only with claims dated to it.
    fn same_scope(&self) -> bool {
        let (x, y) = (claim_dates(self.a), claim_dates(self.b));
        let scopes = |v: &View<'_>, dates: &[Date]| {
            let lex = lexicon::for_language(&v.article.meta.language);
            let mut s = lex.scopes_in(&v.text().to_lowercase());
            s.retain(|p| !lex.running_totals.contains(p) || (*p == "since" && !dates.is_empty()));
            s
        };
        let same_time = match (x.is_empty(), y.is_empty()) {
            (true, true) => true,
            (false, false) => x == y,
            (true, false) => !about_another_year(self.b, &y),
            (false, true) => !about_another_year(self.a, &x),
        };
        same_time && scopes(self.a, &x) == scopes(self.b, &y)
    }

    /// The same event on days that cannot both be right.
    fn days_differ(&self) -> Vec<Disagreement> {
        let Some(event) = self.event() else {
            return Vec::new();
        };
        let (Some((x, xs)), Some((y, ys))) = (day_of(self.a), day_of(self.b)) else {
            return Vec::new();
        };
        let values = (self.a.value_of(xs), self.b.value_of(ys));
        // "Wednesday" in two reports of different days names two Wednesdays:
        // two moments, not one event told two ways.
        if x == y || values.0.eq_ignore_ascii_case(&values.1) || self.claims_differ_in_figures() {
            return Vec::new();
        }
        vec![self.disagreement(
            format!("when ({event})"),
            ConflictKind::Contradiction,
            values,
        )]
    }

    /// The same day in two parts: "reported a smell on Saturday afternoon"
    /// against "complained about a smell Saturday morning".
    fn parts_of_day_differ(&self) -> Vec<Disagreement> {
        let (ta, tb) = (claim_times(self.a), claim_times(self.b));
        let (Some((x, px, xs)), Some((y, py, ys))) = (
            day_parts::day_and_part(self.a.article, &ta),
            day_parts::day_and_part(self.b.article, &tb),
        ) else {
            return Vec::new();
        };
        if x != y || px == py {
            return Vec::new();
        }
        let about = match self.event() {
            Some(event) => format!("what time of day ({event})"),
            None => "what time of day".to_string(),
        };
        let values = (self.a.value_of(xs), self.b.value_of(ys));
        vec![self.disagreement(about, ConflictKind::Contradiction, values)]
    }

    /// One claim says the event happened, the other that it did not.
    fn polarity_differs(&self) -> Vec<Disagreement> {
        let Some(event) = self.event() else {
            return Vec::new();
        };
        let (ca, cb) = (self.a.claim, self.b.claim);
        let anchored = self.share_an_entity()
            || self.sim >= ALIGNED_FOR_UNNAMED_POLARITY
            || bare_denial(self.a)
            || bare_denial(self.b);
        if ca.negated == cb.negated || ca.hedged || cb.hedged || !anchored {
            return Vec::new();
        }
        let (Some(pa), Some(pb)) = (ca.predicate, cb.predicate) else {
            return Vec::new();
        };
        let values = (self.a.phrase_before(pa), self.b.phrase_before(pb));
        // A denial that a later report overturns is news, not a contradiction.
        let kind = if self.published_apart() {
            ConflictKind::Update
        } else {
            ConflictKind::Contradiction
        };
        vec![self.disagreement(format!("whether ({event})"), kind, values)]
    }

    /// The same role filled by two spellings of one name: "his friend Fred
    /// Simple" against "his friend Fred Temple". Each report names only its
    /// own version; people both reports name are two people.
    fn names_differ(&self, aligned: &Aligned<'_>) -> Vec<Disagreement> {
        let only = |x: &View<'_>, y: &View<'_>| -> Vec<usize> {
            x.entities
                .iter()
                .copied()
                .filter(|e| aligned.people.contains_key(e) && y.entities.binary_search(e).is_err())
                .collect()
        };
        let mut out = Vec::new();
        for x in only(self.a, self.b) {
            for y in only(self.b, self.a) {
                let (px, py) = (&aligned.people[&x], &aligned.people[&y]);
                // Each claim must write its version out: "Jane" read as Jane
                // Marshall is no spelling of Jane Quill.
                let apart = !px.articles.contains(&self.b.article.id)
                    && !py.articles.contains(&self.a.article.id)
                    && self.a.text().contains(px.name.as_str())
                    && self.b.text().contains(py.name.as_str());
                if let Some(given) = given_name_shared(&px.name, &py.name).filter(|_| apart) {
                    let about = format!("the name of {given}");
                    let values = (px.name.clone(), py.name.clone());
                    out.push(self.disagreement(about, ConflictKind::Contradiction, values));
                }
            }
        }
        out
    }

    /// The event kind both claims report, when they report the same one.
    fn event(&self) -> Option<&'static str> {
        match (self.a.claim.event, self.b.claim.event) {
            (Some(x), Some(y)) if x == y => Some(x),
            _ => None,
        }
    }

    /// Both claims give figures and agree on none: they count different things.
    fn claims_differ_in_figures(&self) -> bool {
        let theirs: Vec<f64> = quantities(self.b).map(|q| q.value).collect();
        !theirs.is_empty()
            && quantities(self.a).next().is_some()
            && quantities(self.a).all(|q| !theirs.contains(&q.value))
    }

    /// Both claims report an event, and not the same one: "86% approved"
    /// and "59% rejected" count different votes.
    fn events_clash(&self) -> bool {
        let directions = |v: &View<'_>| {
            let lex = lexicon::for_language(&v.article.meta.language);
            lex.directions(&v.text().to_lowercase())
        };
        let opposed = directions(self.a)
            .into_iter()
            .zip(directions(self.b))
            .any(|pair| matches!(pair, (Some(x), Some(y)) if x != y));
        opposed || matches!((self.a.claim.event, self.b.claim.event), (Some(x), Some(y)) if x != y)
    }

    /// Both claims tell one act done to one place in the same words:
    /// "escaped from Orlo Forest Park two days ago" and "escaped from
    /// the Orlo Forest Park on Thursday". Little else need be shared
    /// for their days to be rivals.
    fn one_act_on_one_place(&self) -> bool {
        let (Some(pa), Some(pb)) = (self.a.claim.predicate, self.b.claim.predicate) else {
            return false;
        };
        let verb = |v: &View<'_>, p: dossier_model::Span| {
            let word = v.value_of(p).to_lowercase();
            dossier_text::kin_stem(&dossier_text::stem(&word)).to_string()
        };
        self.event().is_some()
            && verb(self.a, pa) == verb(self.b, pb)
            && place_after(self.a, pa).is_some_and(|x| place_after(self.b, pb) == Some(x))
    }

    /// The two claims name a story entity in common.
    fn share_an_entity(&self) -> bool {
        self.a
            .entities
            .iter()
            .any(|e| self.b.entities.binary_search(e).is_ok())
    }

    /// The two articles were published on different days.
    fn published_apart(&self) -> bool {
        match (self.a.article.meta.published, self.b.article.meta.published) {
            (Some(x), Some(y)) => x != y,
            _ => false,
        }
    }

    /// A figure reported on a later day than another is an update of it.
    fn disagreement(
        &self,
        about: String,
        kind: ConflictKind,
        values: (String, String),
    ) -> Disagreement {
        let kind = if kind == ConflictKind::FiguresDiffer && self.published_apart() {
            ConflictKind::Update
        } else {
            kind
        };
        let mut sides = [(self.ids.0, values.0), (self.ids.1, values.1)];
        if self.a.article.meta.published > self.b.article.meta.published {
            sides.swap(0, 1);
        }
        Disagreement {
            about,
            kind,
            sides,
            strength: self.sim,
        }
    }
}

/// Two measures in one unit whose words say they measure different things:
/// "winds of at least 96 mph" and "travelling north at 14 mph".
fn measure_different_things(a: &View<'_>, q: &Quantity, b: &View<'_>, r: &Quantity) -> bool {
    let unit = |q: &Quantity| {
        let counted = q.counted.as_deref().unwrap_or("");
        singular(counted.split_whitespace().last().unwrap_or(counted))
    };
    let x = measures::measured(a.article, q, &unit(q));
    let y = measures::measured(b.article, r, &unit(r));
    matches!((x, y), (Some(x), Some(y)) if x != y)
}

/// Two full names with one given name and different surnames: the given
/// name. "Barak Obama" and "Barack Obama" are one man misspelt, not this.
fn given_name_shared(x: &str, y: &str) -> Option<String> {
    let (a, b): (Vec<&str>, Vec<&str>) = (
        x.split_whitespace().collect(),
        y.split_whitespace().collect(),
    );
    if a.len() < 2 || b.len() < 2 {
        return None;
    }
    let same_given = a[0].eq_ignore_ascii_case(b[0]);
    // "Alexander Acosta as Labor Secretary" still ends with his surname.
    let has = |words: &[&str], w: &str| words.iter().any(|x| x.eq_ignore_ascii_case(w));
    let other_surname = !has(&b, a[a.len() - 1]) && !has(&a, b[b.len() - 1]);
    (same_given && other_surname).then(|| a[0].to_string())
}

/// A denial that names nothing ("No arrests have yet been made."): its
/// scope is the story itself, so any report of that event answers it.
fn bare_denial(v: &View<'_>) -> bool {
    v.claim.negated && v.entities.is_empty() && v.places.is_empty()
}

/// Words between an act and the place it is done to: "escaped from the park".
const PLACE_REACH_WORDS: usize = 3;

/// The place named just after the claim's act, lower-cased without "the".
fn place_after(v: &View<'_>, predicate: dossier_model::Span) -> Option<String> {
    let a = v.article;
    v.claim.places.iter().find_map(|&i| {
        let m = a.mentions.get(i)?;
        let between = a.text.get(predicate.end..m.span.start)?;
        (dossier_text::word_count(between) <= PLACE_REACH_WORDS).then(|| {
            let name = a.text_of(m.span).to_lowercase();
            name.strip_prefix("the ")
                .map(str::to_string)
                .unwrap_or(name)
        })
    })
}

impl View<'_> {
    /// A slot's value as written.
    pub(super) fn value_of(&self, span: dossier_model::Span) -> String {
        self.article.text_of(span).to_string()
    }

    /// The predicate with the words just before it: "were arrested", or from
    /// the negation on when the claim denies it: "no protesters had been arrested".
    fn phrase_before(&self, predicate: dossier_model::Span) -> String {
        let head = self
            .article
            .text
            .get(self.claim.span.start..predicate.start)
            .unwrap_or("");
        let lex = lexicon::for_language(&self.article.meta.language);
        let before: Vec<&str> = head.split_whitespace().rev().take(PHRASE_REACH).collect();
        let negation = before
            .iter()
            .position(|w| lex.is_negation(&w.to_lowercase()))
            .filter(|_| self.claim.negated);
        let take = negation.map_or(2, |at| at + 1).min(before.len());
        let mut words: Vec<&str> = before[..take].iter().rev().copied().collect();
        words.push(self.article.text_of(predicate));
        words.join(" ")
    }
}

/// Words before a predicate searched for the negation that denies it.
const PHRASE_REACH: usize = 5;

#[cfg(test)]
mod tests {
    use super::given_name_shared;

    #[test]
    fn rival_spellings_share_only_the_given_name() {
        assert_eq!(
            given_name_shared("Fred Simple", "Fred Temple").as_deref(),
            Some("Fred")
        );
        // A name read with words after it still holds the surname.
        assert_eq!(
            given_name_shared("Tomas Vell as Labour Secretary", "Tomas Vell"),
            None
        );
    }
}
