//! What a figure of a claim counts, and which figures of a claim are its
//! own counts: the kind of thing a number counts (a noun, a unit, a size, a
//! ceiling, a prison term), in the story's name for it, and the figures left
//! out (a part of a group, the parts of a total, a number inside a date).

use dossier_model::Quantity;

use super::figures::{counted_kind, meant, prison_term, singular, UNITS};
use crate::align::View;
use dossier_analyze::claims::lexicon;

/// The kind of a claim's only figure when it counts a common noun written
/// in lower case and in no class of the table ("sites", not "people").
pub(super) fn lone_common_noun(v: &View<'_>) -> Option<String> {
    let mut figures = quantities(v);
    let q = figures.next()?;
    if figures.next().is_some() {
        return None;
    }
    let (kind, _) = figure_kind(v, q)?;
    let noun = q.counted.as_deref()?;
    let head = singular(noun.split_whitespace().last()?);
    let written = v.article.text.get(q.span.end..)?.trim_start();
    let lower = written.chars().next().is_some_and(char::is_lowercase);
    (lower && !kind.contains(' ') && counted_kind(&head) == kind).then_some(kind)
}

/// "16,000 reservists" and "30,000 reserves": one noun for the people and one
/// for what they are named after count the same thing in aligned claims.
pub(super) fn kin_nouns(x: &str, y: &str) -> bool {
    let kin = |k: &str| dossier_text::kin_stem(&dossier_text::stem(k)).to_string();
    x != y && !x.contains(' ') && !y.contains(' ') && kin(x) == kin(y)
}

/// Measures whose units convert, in metres: "30km" and "20 miles" are one
/// distance in two units, and compared as such.
const LENGTHS: &[(&str, f64)] = &[
    ("km", 1000.0),
    ("kilometre", 1000.0),
    ("kilometer", 1000.0),
    ("mile", 1609.34),
    ("metre", 1.0),
    ("meter", 1.0),
    ("m", 1.0),
    ("foot", 0.3048),
    ("feet", 0.3048),
    ("ft", 0.3048),
];

/// Measures are given loosely ("20 miles" for 32 km): within this share they agree.
const MEASURE_TOLERANCE: f64 = 0.15;

/// The figures of a claim that count what it reports: in "one of the two
/// women" the two is the whole the one is taken from, and wholes differ
/// without disagreeing.
pub(super) fn quantities<'v>(v: &'v View<'_>) -> impl Iterator<Item = &'v Quantity> + 'v {
    let all: Vec<&Quantity> = v
        .claim
        .quantities
        .iter()
        .filter_map(|&q| v.article.quantities.get(q))
        .collect();
    let parts = parts_of_a_total(&all);
    all.into_iter()
        .enumerate()
        .filter(move |(i, _)| !parts.contains(i))
        .map(|(_, q)| q)
        .filter(|q| !whole_of_a_part(v.article, q) && !part_of_a_whole(v.article, q))
        .filter(|q| !within_a_date(v.article, q))
}

/// "two days ago", "the 1990s": a number that is part of a date names a
/// moment, not a figure the claim reports.
fn within_a_date(a: &dossier_model::Article, q: &Quantity) -> bool {
    a.times.iter().any(|t| q.span.within(t.span))
}

/// "two of the victims", "one of its missions": a figure taken from a group
/// counts a part of it, and is no rival to another report's count of the
/// whole ("four victims").
fn part_of_a_whole(a: &dossier_model::Article, q: &Quantity) -> bool {
    let after = a.text.get(q.span.end..).unwrap_or("").to_lowercase();
    let mut words = after.split_whitespace();
    words.next() == Some("of")
        && words.next().is_some_and(|d| {
            [
                "the", "its", "his", "her", "their", "those", "these", "them", "our",
            ]
            .contains(&d)
        })
}

/// "29 Palestinians - 13 militants and 16 civilians": two figures that add
/// up to a third break it down, and a part is no rival to another report's
/// total. The indices of such parts.
fn parts_of_a_total(qs: &[&Quantity]) -> Vec<usize> {
    let mut parts = Vec::new();
    for (i, x) in qs.iter().enumerate() {
        for (j, y) in qs.iter().enumerate().skip(i + 1) {
            let sum = x.value + y.value;
            if qs
                .iter()
                .any(|t| t.value == sum && !t.percent && !x.percent)
            {
                parts.extend([i, j]);
            }
        }
    }
    parts
}

fn whole_of_a_part(a: &dossier_model::Article, q: &Quantity) -> bool {
    let before = a
        .text
        .get(..q.span.start)
        .unwrap_or("")
        .trim_end()
        .to_lowercase();
    [
        "of the",
        "of their",
        "of its",
        "of his",
        "of her",
        "among the",
    ]
    .iter()
    .any(|p| before.ends_with(p))
}

/// What a figure counts, and the factor to a common unit. A ceiling set or
/// risked ("up to 75,000 reservists", "up to seven years") is no count of
/// what happened: it is compared only with other ceilings of its kind.
pub(super) fn figure_kind(v: &View<'_>, q: &Quantity) -> Option<(String, f64)> {
    let (kind, scale) = counted_kind_of(v, q)?;
    if is_a_ceiling(v.article, q) {
        return Some((format!("{CEILING}{kind}"), scale));
    }
    Some((kind, scale))
}

/// The prefix of a ceiling's kind.
pub(super) const CEILING: &str = "ceiling of ";

/// What a figure counts: lengths convert, prison terms are in years, other
/// spans of time are left out (two days ago and a week ago are two moments,
/// not rival figures), other units and nouns are their own kind. A bare
/// number counts the noun it completes: "a delegation of more than 400".
fn counted_kind_of(v: &View<'_>, q: &Quantity) -> Option<(String, f64)> {
    let counted = match q.counted.as_deref() {
        // "a 550-member delegation" gives the size of one delegation, as "a
        // delegation of more than 400" does; "two delegations" counts them.
        Some(c) if v.value_of(q.span).contains('-') => {
            return Some((format!("size of {}", singular(c)), 1.0));
        }
        Some(c) => c.to_string(),
        None => {
            if let Some(noun) = noun_before_of(v.article, q) {
                return Some((format!("size of {}", singular(&noun)), 1.0));
            }
            return counts_casualties(v, q).then(|| ("people".to_string(), 1.0));
        }
    };
    let head = singular(counted.split_whitespace().last().unwrap_or(&counted));
    // "three Israeli civilians" are not any civilians: a capitalised
    // qualifier stays part of what is counted.
    if let Some(qualifier) = capitalised_qualifier(v.article, q, &counted) {
        return Some((format!("{qualifier} {}", counted_kind(&head)), 1.0));
    }
    if let Some(&(_, metres)) = LENGTHS.iter().find(|(u, _)| *u == head) {
        return Some(("distance".to_string(), metres));
    }
    if UNITS.contains(&head.as_str()) && !matches!(head.as_str(), "dollar" | "euro" | "pound") {
        let (before, after) = around_unit(v.article, q);
        return prison_term(&head, &before, &after).map(|years| (TERM.to_string(), years));
    }
    Some((counted_kind(&head), 1.0))
}

/// The kind of a prison term's figure.
const TERM: &str = "years in prison";

/// The lower-cased text before a figure and after the unit that follows it:
/// ("could face", "in jail, whether ...") for "could face two years in jail".
fn around_unit(a: &dossier_model::Article, q: &Quantity) -> (String, String) {
    let before = a.text.get(..q.span.start).unwrap_or("");
    let before = before[before.len().saturating_sub(40)..].trim_end();
    let after = a.text.get(q.span.end..).unwrap_or("").trim_start();
    let after = after
        .split_once(char::is_whitespace)
        .map_or("", |(_, rest)| rest)
        .trim_start();
    let after = &after[..after.len().min(40)];
    (before.to_lowercase(), after.to_lowercase())
}

/// The first word of a counted phrase of two or more words when the article
/// writes it capitalised: "Israeli" in "three Israeli civilians".
fn capitalised_qualifier(
    a: &dossier_model::Article,
    q: &Quantity,
    counted: &str,
) -> Option<String> {
    let mut words = counted.split_whitespace();
    let first = words.next()?;
    words.next()?;
    let written = a.text.get(q.span.end..)?.split_whitespace().next()?;
    let capital = written.chars().next().is_some_and(char::is_uppercase);
    (capital && written.eq_ignore_ascii_case(first)).then(|| first.to_string())
}

/// "up to 75,000 reservists", "could face up to seven years": a ceiling set or
/// risked, not a count of what happened, so no rival to a count.
fn is_a_ceiling(a: &dossier_model::Article, q: &Quantity) -> bool {
    a.text_of(q.span).to_lowercase().starts_with("up to")
}

/// Participles that make a bare number a count of people: "at least 30
/// killed", "four were arrested".
const CASUALTY_WORDS: &[&str] = &[
    "killed", "dead", "died", "injured", "wounded", "hurt", "missing", "arrested", "detained",
];

/// "at least 30 killed in Gaza": a bare number that the next words (past an
/// auxiliary) say were killed or held counts people, when that is what the
/// claim reports ("200 were wounded" in a claim about deaths is another count).
fn counts_casualties(v: &View<'_>, q: &Quantity) -> bool {
    let after = v
        .article
        .text
        .get(q.span.end..)
        .unwrap_or("")
        .to_lowercase();
    let lex = lexicon::for_language(&v.article.meta.language);
    after
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(3)
        .find(|w| !matches!(*w, "were" | "was" | "have" | "had" | "been" | "are"))
        .is_some_and(|w| {
            CASUALTY_WORDS.contains(&w)
                && v.claim
                    .event
                    .is_some_and(|e| lex.event_of_word(w) == Some(e))
        })
}

/// "a delegation of more than 400": the noun before "of" that a bare number
/// completes.
fn noun_before_of(a: &dossier_model::Article, q: &Quantity) -> Option<String> {
    let head = a.text.get(..q.span.start)?.trim_end();
    let head = head.strip_suffix(" of")?;
    let noun = head.split_whitespace().next_back()?;
    let alpha = noun.chars().all(|c| c.is_alphabetic()) && noun.chars().next()?.is_lowercase();
    (alpha && !dossier_text::is_stopword(noun)).then(|| noun.to_string())
}

/// A unit of length that distances convert between ("km", "mile").
pub(super) fn is_length(unit: &str) -> bool {
    LENGTHS.iter().any(|(u, _)| *u == unit)
}

/// The values a figure means, in the common unit; measures with a tolerance.
pub(super) fn scaled(q: &Quantity, scale: f64) -> (f64, f64) {
    let (lo, hi) = meant(q);
    if scale == 1.0 {
        return (lo, hi);
    }
    (
        lo * scale * (1.0 - MEASURE_TOLERANCE),
        hi * scale * (1.0 + MEASURE_TOLERANCE),
    )
}

#[cfg(test)]
mod tests {
    use super::within_a_date;

    #[test]
    fn a_number_inside_a_date_is_no_figure() {
        let mut a = dossier_model::Article::new(
            dossier_model::ArticleId(0),
            "r0",
            "The lynx escaped two days ago and walked 9 miles.".to_string(),
        );
        // Undated: "two days ago" is read as a date only once the story
        // re-anchors it, after its numbers were read as figures.
        dossier_analyze::Pipeline::standard().run(&mut a);
        let day = dossier_model::Date::ymd(2031, 4, 4).unwrap();
        dossier_analyze::dates::reanchor(&mut a, day);
        assert_eq!(a.quantities.len(), 2, "{:?}", a.quantities);
        let figures: Vec<&str> = a
            .quantities
            .iter()
            .filter(|q| !within_a_date(&a, q))
            .map(|q| a.text_of(q.span))
            .collect();
        assert_eq!(figures, ["9"]);
    }
}
