//! Claims: each sentence cut into the clauses that state one thing, with the
//! slots the other layers already found (entities, dates, quantities, quotes)
//! and what the shipped lexicons tell (event kind, negation, hedging,
//! attribution).

pub mod lexicon;

use dossier_model::{Article, Claim, EntityKind, Span};

use crate::lex::{tokens, Tok};
use lexicon::Lexicon;

/// A clause shorter than this many words is not split off: "and police said"
/// is part of its neighbour, not a claim of its own.
const MIN_CLAUSE_WORDS: usize = 4;

/// Where a sentence may be cut into clauses: a semicolon, or a comma followed
/// by a conjunction that starts a new statement.
const CLAUSE_BREAKS: &[&str] = &["; ", ", but ", ", while ", ", whereas ", ", and "];

/// Extract the claims of an analysed article (sentences, mentions, times,
/// quotes and quantities filled).
pub fn extract(article: &Article) -> Vec<Claim> {
    let lex = lexicon::for_language(&article.meta.language);
    let mut out = Vec::new();
    for (index, &sentence) in article.sentences.iter().enumerate() {
        for clause in clauses(article, sentence) {
            out.push(claim_of(article, lex, index, clause));
        }
    }
    out
}

/// The clauses of a sentence: cut at clause breaks outside quotations when
/// both sides keep enough words.
fn clauses(article: &Article, sentence: Span) -> Vec<Span> {
    let Some(text) = article.slice(sentence) else {
        return Vec::new();
    };
    let in_quote = |pos: usize| article.quotes.iter().any(|q| q.span.contains_pos(pos));
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for brk in CLAUSE_BREAKS {
        let mut from = 0;
        while let Some(at) = text.get(from..).and_then(|t| t.find(brk)) {
            let at = from + at;
            from = at + brk.len();
            if !in_quote(sentence.start + at) {
                // The next clause starts after the conjunction, which belongs to neither.
                cuts.push((at, at + brk.len()));
            }
        }
    }
    cuts.sort_unstable();
    let mut out = Vec::new();
    let mut start = 0;
    for (end, next) in cuts {
        let head = &text[start..end];
        let rest = &text[next..];
        if dossier_text::word_count(head) >= MIN_CLAUSE_WORDS
            && dossier_text::word_count(rest) >= MIN_CLAUSE_WORDS
        {
            out.push(Span::new(sentence.start + start, sentence.start + end));
            start = next;
        }
    }
    out.push(Span::new(sentence.start + start, sentence.end));
    out
}

/// Fill one clause's slots.
fn claim_of(article: &Article, lex: &Lexicon, sentence: usize, span: Span) -> Claim {
    let text = article.text_of(span);
    let toks = tokens(text, span.start);
    let (event, predicate) = predicate_of(lex, text, span.start, &toks);
    let pivot = predicate.map_or(span.end, |p| p.start);
    let within = |s: Span| s.within(span);
    let mut claim = Claim {
        span,
        sentence,
        event,
        predicate,
        ..Claim::default()
    };
    for (i, m) in article.mentions.iter().enumerate() {
        if !within(m.span) {
            continue;
        }
        if m.kind == EntityKind::Place {
            claim.places.push(i);
        } else if m.span.start < pivot {
            claim.agents.push(i);
        } else {
            claim.patients.push(i);
        }
    }
    claim.times = indices(article.times.iter().map(|t| t.span), within);
    claim.quantities = indices(article.quantities.iter().map(|q| q.span), within);
    claim.negated = negated(lex, &toks, predicate);
    claim.hedged = toks.iter().any(|t| lex.is_hedge(&t.text.to_lowercase()))
        || infinitive(lex, &toks, predicate);
    attribute(article, lex, &toks, &mut claim);
    claim
}

/// Point each claim at the article's times again after they were found anew
/// (`dates::reanchor`): the old indices name other times, or none.
pub fn retime(article: &mut Article) {
    let spans: Vec<Span> = article.times.iter().map(|t| t.span).collect();
    for claim in &mut article.claims {
        let span = claim.span;
        claim.times = indices(spans.iter().copied(), |s| s.within(span));
    }
}

fn indices(spans: impl Iterator<Item = Span>, keep: impl Fn(Span) -> bool) -> Vec<usize> {
    spans
        .enumerate()
        .filter(|(_, s)| keep(*s))
        .map(|(i, _)| i)
        .collect()
}

/// The event kind the clause reports and the word or phrase that reports it:
/// the earliest cue in the clause.
fn predicate_of(
    lex: &Lexicon,
    text: &str,
    base: usize,
    toks: &[Tok],
) -> (Option<&'static str>, Option<Span>) {
    let word = toks.iter().find_map(|t| {
        let lower = t.text.to_lowercase();
        lex.event_of_word(&lower)
            .map(|k| (t.start, Span::new(t.start, t.end), k))
    });
    let lower = text.to_lowercase();
    // Phrase offsets are trusted only where lower-casing kept byte lengths.
    let phrase = (lower.len() == text.len())
        .then(|| lex.event_of_phrase(&lower))
        .flatten()
        .map(|(at, k)| {
            let end = text[at..].find(' ').map_or(text.len(), |sp| at + sp);
            (base + at, Span::new(base + at, base + end), k)
        });
    match (word, phrase) {
        (Some(w), Some(p)) => {
            let best = if p.0 <= w.0 { p } else { w };
            (Some(best.2), Some(best.1))
        }
        (Some((_, s, k)), None) | (None, Some((_, s, k))) => (Some(k), Some(s)),
        (None, None) => (None, None),
    }
}

/// Does the clause deny what it reports? Only a negation that governs the
/// predicate counts: "has not been found" (a negation next to it, auxiliaries
/// between), or "no protesters were arrested" (a negating determiner on its
/// subject, a word or two before). In "did not know of his death" the death
/// is not denied. The "No." of a rank ("No. 2 on the list") is no negation.
fn negated(lex: &Lexicon, toks: &[Tok], predicate: Option<Span>) -> bool {
    let Some(at) = predicate.and_then(|p| toks.iter().position(|t| t.start == p.start)) else {
        return false;
    };
    let mut skipped = 0;
    for (i, t) in toks[..at].iter().enumerate().rev() {
        let lower = t.text.to_lowercase();
        let rank = lower == "no"
            && toks
                .get(i + 1)
                .is_some_and(|n| n.text.chars().next().is_some_and(|c| c.is_ascii_digit()));
        if lex.is_negation(&lower) && !rank {
            return skipped == 0 || lex.is_negating_determiner(&lower);
        }
        if !lex.is_filler(&lower) {
            skipped += 1;
            if skipped > MAX_SUBJECT_WORDS {
                return false;
            }
        }
    }
    false
}

/// Words a negating determiner may stand before the predicate ("no *armed
/// protesters* were arrested").
const MAX_SUBJECT_WORDS: usize = 2;

/// Is the predicate an infinitive ("vowed to kill him", "took pains not to
/// hurt")? Then the clause states an aim, not that anything happened.
fn infinitive(lex: &Lexicon, toks: &[Tok], predicate: Option<Span>) -> bool {
    let Some(at) = predicate.and_then(|p| toks.iter().position(|t| t.start == p.start)) else {
        return false;
    };
    for t in toks[..at].iter().rev() {
        let lower = t.text.to_lowercase();
        if lower == "to" {
            return true;
        }
        if !(lex.is_filler(&lower) || lex.is_negation(&lower)) {
            return false;
        }
    }
    false
}

/// Speaker and relay: from a quotation the clause overlaps, else from an
/// attribution verb next to a named person or organisation ("X said",
/// "according to AFP").
fn attribute(article: &Article, lex: &Lexicon, toks: &[Tok], claim: &mut Claim) {
    if let Some(q) = article.quotes.iter().find(|q| q.span.overlaps(claim.span)) {
        claim.speaker = q.speaker;
        claim.via = q.via;
        if claim.speaker.is_some() {
            return;
        }
    }
    let Some(verb) = toks
        .iter()
        .find(|t| lex.is_attribution(&t.text.to_lowercase()))
    else {
        return;
    };
    let named = |m: &&dossier_model::Mention| {
        m.span.within(claim.span) && matches!(m.kind, EntityKind::Person | EntityKind::Organization)
    };
    let near = article
        .mentions
        .iter()
        .filter(named)
        .min_by_key(|m| m.span.start.abs_diff(verb.start));
    if let Some(m) = near {
        let relay =
            verb.text.eq_ignore_ascii_case("according") || verb.text.eq_ignore_ascii_case("told");
        if relay && m.span.start > verb.start {
            claim.via = Some(m.span);
            return;
        }
        claim.speaker = Some(m.span);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Pipeline;
    use dossier_model::ArticleId;

    fn analysed(text: &str) -> Article {
        let mut a = Article::new(ArticleId(0), "t", text.into());
        Pipeline::standard().run(&mut a);
        a
    }

    #[test]
    fn a_sentence_with_two_statements_gives_two_claims() {
        let a = analysed(
            "Rebels seized the port of Vellach on Monday; three soldiers were killed in the fighting.",
        );
        assert_eq!(a.claims.len(), 2);
        assert_eq!(a.claims[0].event, Some("control"));
        assert_eq!(a.claims[1].event, Some("death"));
        assert_eq!(a.claims[1].quantities.len(), 1);
        assert!(a.text_of(a.claims[1].span).starts_with("three soldiers"));
    }

    #[test]
    fn negation_and_hedging_are_slots() {
        let a = analysed("Police said no arrests have been made in Marlow.");
        assert_eq!(a.claims[0].event, Some("arrest"));
        assert!(a.claims[0].negated);
        let b = analysed("The gunman allegedly fled toward the border at Kessel.");
        assert!(b.claims[0].hedged && !b.claims[0].negated);
        let aim = analysed("The army took great pains not to hurt civilians in Marlow.");
        assert!(
            aim.claims[0].hedged,
            "an aim is not a statement that it happened"
        );
        let c = analysed("He is ranked No. 2 on the list of most-wanted men.");
        assert!(!c.claims[0].negated);
    }

    #[test]
    fn agents_come_before_the_predicate_and_relays_after_told() {
        let a = analysed(
            "The Vellach Council expelled the Brotherhood from Sarn, Khalil Abderrazak told Reuters.",
        );
        let c = &a.claims[0];
        assert_eq!(c.event, Some("expulsion"));
        let names = |ix: &[usize]| -> Vec<&str> {
            ix.iter().map(|&i| a.text_of(a.mentions[i].span)).collect()
        };
        assert!(
            names(&c.agents).contains(&"Vellach Council"),
            "{:?}",
            names(&c.agents)
        );
        assert!(names(&c.patients).iter().any(|n| n.contains("Brotherhood")));
        assert_eq!(c.via.map(|v| a.text_of(v)), Some("Reuters"));
    }

    #[test]
    fn a_phrasal_verb_is_read_around_its_object() {
        let a = analysed("A rival militia has forced the Orvan Brotherhood (OB) out of Sarn.");
        assert_eq!(a.claims[0].event, Some("expulsion"));
        let far = analysed(
            "The rebels pushed on through the hills for six more days until supplies ran out.",
        );
        assert_ne!(far.claims[0].event, Some("expulsion"));
    }
}
