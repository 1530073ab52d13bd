//! Claims: the things a sentence states, one clause at a time, with their slots.
//!
//! A claim is the unit that facts, conflicts and updates are computed from:
//! two articles back the same fact when their claims align, and disagree when
//! aligned claims give different values in one slot (a count, a date, a place,
//! a negation).

use crate::Span;

/// One thing an article's text states: a clause and what fills its slots.
/// Slots point into the article's other layers by index, so a claim never
/// copies text and every slot stays a span of the cleaned text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Claim {
    /// The clause that states it (within one sentence).
    pub span: Span,
    /// Index of its sentence in `Article::sentences`.
    pub sentence: usize,
    /// What happened: an event kind from the shipped lexicon ("killing",
    /// "arrest", "control"...), or `None` when no kind is recognised.
    pub event: Option<&'static str>,
    /// The predicate word as written ("ousted", "died"), when one was found.
    pub predicate: Option<Span>,
    /// Who: indices into `Article::mentions` named before the predicate.
    pub agents: Vec<usize>,
    /// To whom or what: mentions named after the predicate (places excluded).
    pub patients: Vec<usize>,
    /// Where: place mentions of the clause.
    pub places: Vec<usize>,
    /// When: indices into `Article::times` within the clause.
    pub times: Vec<usize>,
    /// How many: indices into `Article::quantities` within the clause.
    pub quantities: Vec<usize>,
    /// It did not happen ("no arrests were made", "did not sign").
    pub negated: bool,
    /// Hedged: "allegedly", "reportedly", "may have".
    pub hedged: bool,
    /// Who said it, when the claim is attributed ("X said", a quote's speaker).
    pub speaker: Option<Span>,
    /// Who relayed it ("told BBC", "according to AFP").
    pub via: Option<Span>,
}
