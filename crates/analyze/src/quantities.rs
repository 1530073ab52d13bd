//! Numbers in text, normalised: digits and number words, scale words, ranges,
//! percentages, modifiers ("at least", "nearly"), and the head noun counted.
//! Years, dates, times of day, ordinals and identifiers ("Route 66") are not quantities.

use dossier_model::{Quantity, QuantityModifier, Span};

use crate::lex::{self, gap, is_space_gap, parse_digits, scale_word, word_number, Tok};

/// Quantities of `text`, skipping the dates [`crate::dates::find`] sees in it.
pub fn find(text: &str) -> Vec<Quantity> {
    let dates: Vec<Span> = crate::dates::find(text, None, false)
        .into_iter()
        .map(|t| t.span)
        .collect();
    find_except(text, &dates)
}

/// Quantities of `text` outside the given spans (typically its date mentions).
pub fn find_except(text: &str, skip: &[Span]) -> Vec<Quantity> {
    let toks = lex::tokens(text, 0);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        if skip.iter().any(|s| Span::new(t.start, t.end).overlaps(*s)) {
            i += 1;
            continue;
        }
        match at(text, &toks, i).or_else(|| compound_at(text, &toks, i)) {
            Some((q, next)) => {
                out.push(q);
                i = next.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}

/// Units written onto the number: "30km", "20ft", "5kg".
const GLUED_UNITS: &[&str] = &[
    "km", "m", "mi", "ft", "kg", "lb", "lbs", "mph", "kph", "cm", "mm",
];

/// Size words after a hyphen: "a 550-member delegation", "150-strong".
const SIZE_WORDS: &[&str] = &["member", "strong", "man", "person", "seat", "bed", "room"];

/// A number glued to its unit or size word in one token: "30km" counts km;
/// "a 550-member delegation" counts the delegation it sizes.
fn compound_at(text: &str, toks: &[Tok], i: usize) -> Option<(Quantity, usize)> {
    let t = &toks[i];
    let digits = t.text.find(|c: char| !(c.is_ascii_digit() || c == ','))?;
    let (number, suffix) = t.text.split_at(digits);
    let value = parse_digits(number)?;
    let counted = if let Some(word) = suffix.strip_prefix('-') {
        if !SIZE_WORDS.contains(&word.to_lowercase().as_str()) {
            return None;
        }
        let next = toks.get(i + 1).filter(|_| sp(text, toks, i));
        match next.filter(|n| lex::is_lower_word(n.text)) {
            Some(n) => n.text.to_lowercase(),
            None => word.to_lowercase(),
        }
    } else if GLUED_UNITS.contains(&suffix.to_lowercase().as_str()) {
        suffix.to_lowercase()
    } else {
        return None;
    };
    let q = Quantity {
        span: Span::new(t.start, t.end),
        value,
        high: None,
        modifier: modifier_before(text, toks, i).map_or(QuantityModifier::Exact, |(m, _)| m),
        counted: Some(counted),
        percent: false,
    };
    Some((q, i + 1))
}

struct Num {
    value: f64,
    high: Option<f64>,
    /// Index of the last token of the number.
    last: usize,
    word: bool,
}

fn sp(text: &str, toks: &[Tok], i: usize) -> bool {
    match (toks.get(i), toks.get(i + 1)) {
        (Some(a), Some(b)) => is_space_gap(gap(text, a, b)),
        _ => false,
    }
}

fn low(toks: &[Tok], i: usize) -> String {
    toks.get(i)
        .map(|t| t.text.to_lowercase())
        .unwrap_or_default()
}

/// A number starting at token `i`, with any scale words after it.
fn number(text: &str, toks: &[Tok], i: usize) -> Option<Num> {
    let w = toks.get(i)?.text;
    let l = w.to_lowercase();
    let (mut value, mut high, word) = if let Some(v) = parse_digits(w) {
        (v, None, false)
    } else if let Some((a, b)) = w
        .split_once('-')
        .filter(|(a, _)| a.bytes().all(|c| c.is_ascii_digit()))
    {
        let (a, b) = (parse_digits(a)?, parse_digits(b)?);
        // "107-792" is a code or a score, not a range.
        if b <= a || b > a * 10.0 {
            return None;
        }
        (a, Some(b), false)
    } else if let Some(v) = word_number(&l) {
        (v, None, true)
    } else if (l == "a" || l == "an") && sp(text, toks, i) {
        let n = low(toks, i + 1);
        let v = if n == "dozen" { 12.0 } else { scale_word(&n)? };
        let mut num = Num {
            value: v,
            high: None,
            last: i + 1,
            word: true,
        };
        extend_scale(text, toks, &mut num);
        return Some(num);
    } else {
        return None;
    };
    let mut last = i;
    while sp(text, toks, last) {
        let n = low(toks, last + 1);
        let s = if n == "dozen" {
            Some(12.0)
        } else {
            scale_word(&n)
        };
        match s {
            Some(s) => {
                value *= s;
                high = high.map(|h| h * s);
                last += 1;
            }
            None => break,
        }
    }
    Some(Num {
        value,
        high,
        last,
        word,
    })
}

fn extend_scale(text: &str, toks: &[Tok], num: &mut Num) {
    while sp(text, toks, num.last) {
        match scale_word(&low(toks, num.last + 1)) {
            Some(s) => {
                num.value *= s;
                num.last += 1;
            }
            None => break,
        }
    }
}

const MODIFIERS: &[(&str, QuantityModifier)] = &[
    ("no more than", QuantityModifier::AtMost),
    ("as many as", QuantityModifier::AtMost),
    ("in excess of", QuantityModifier::MoreThan),
    ("at least", QuantityModifier::AtLeast),
    ("more than", QuantityModifier::MoreThan),
    ("upwards of", QuantityModifier::MoreThan),
    ("less than", QuantityModifier::LessThan),
    ("fewer than", QuantityModifier::LessThan),
    ("up to", QuantityModifier::AtMost),
    ("at most", QuantityModifier::AtMost),
    ("close to", QuantityModifier::About),
    ("an estimated", QuantityModifier::About),
    ("at minimum", QuantityModifier::AtLeast),
    ("over", QuantityModifier::MoreThan),
    ("above", QuantityModifier::MoreThan),
    ("exceeding", QuantityModifier::MoreThan),
    ("nearly", QuantityModifier::LessThan),
    ("almost", QuantityModifier::LessThan),
    ("under", QuantityModifier::LessThan),
    ("below", QuantityModifier::LessThan),
    ("about", QuantityModifier::About),
    ("around", QuantityModifier::About),
    ("approximately", QuantityModifier::About),
    ("roughly", QuantityModifier::About),
    ("some", QuantityModifier::About),
    ("estimated", QuantityModifier::About),
    ("circa", QuantityModifier::About),
    ("between", QuantityModifier::Between),
    ("from", QuantityModifier::Between),
];

/// The modifier ending just before token `i`: (modifier, its first token).
fn modifier_before(text: &str, toks: &[Tok], i: usize) -> Option<(QuantityModifier, usize)> {
    for (phrase, m) in MODIFIERS {
        let n = phrase.split(' ').count();
        if i < n {
            continue;
        }
        let s = i - n;
        let ok = phrase
            .split(' ')
            .enumerate()
            .all(|(k, p)| low(toks, s + k) == p && sp(text, toks, s + k));
        // "over five years" is a duration, not "more than five".
        let duration = matches!(*phrase, "over" | "under")
            && sp(text, toks, i)
            && matches!(
                low(toks, i + 1).as_str(),
                "year"
                    | "years"
                    | "month"
                    | "months"
                    | "week"
                    | "weeks"
                    | "day"
                    | "days"
                    | "decade"
                    | "decades"
                    | "hours"
            );
        if ok && !duration {
            return Some((*m, s));
        }
    }
    None
}

const VERBISH: &[&str] = &[
    "were", "was", "are", "is", "have", "had", "has", "been", "be", "said", "says", "say", "died",
    "remain", "remained", "fled", "left", "took", "came", "went", "killed", "wounded", "injured",
    "arrested", "detained", "missing", "dead", "more", "less", "times", "apiece", "each", "later",
    "earlier", "ago", "before", "after", "percent", "per", "who", "which", "that", "began", "fell",
    "rose", "came", "saw", "made", "got", "gave", "ran", "won", "lost", "paid", "held", "met",
    "sent", "spent", "told", "fought", "brought", "bought", "kept", "led", "became", "grew",
    "knew", "thought", "found", "stood", "sat", "set", "put", "cut", "hit", "let", "will", "would",
    "could", "can", "may", "might", "must", "should", "did", "do", "does", "now",
];

/// The counted head noun after token `last`.
fn counted_after(text: &str, toks: &[Tok], last: usize) -> Option<String> {
    let mut k = last;
    // "18% of", "90 percent of residents", "three of the commanders".
    let first_gap_ok = |k: usize| {
        sp(text, toks, k)
            || matches!((toks.get(k), toks.get(k + 1)), (Some(a), Some(b)) if gap(text, a, b).strip_prefix('%').is_some_and(is_space_gap))
    };
    if first_gap_ok(k) && low(toks, k + 1) == "of" {
        k += 1;
        if sp(text, toks, k)
            && matches!(
                low(toks, k + 1).as_str(),
                "the" | "its" | "their" | "his" | "her" | "our" | "those" | "these" | "whom"
            )
        {
            k += 1;
        }
        // "one of DMSC's leaders", "two of the council's commanders": skip the owner.
        if sp(text, toks, k)
            && toks
                .get(k + 1)
                .is_some_and(|t| lex::possessive_len(t.text) > 0)
        {
            k += 1;
        }
        // "40 of the 55 victims": skip the second number.
        if sp(text, toks, k)
            && toks.get(k + 1).is_some_and(|t| {
                parse_digits(t.text).is_some() || word_number(&t.text.to_lowercase()).is_some()
            })
        {
            k += 1;
        }
    }
    let mut words: Vec<String> = Vec::new();
    while words.len() < 4 && (sp(text, toks, k) || (k == last && first_gap_ok(k))) {
        let t = toks.get(k + 1)?;
        let w = t.text;
        let l = w.to_lowercase();
        let alpha = w.chars().all(|c| c.is_alphabetic() || c == '-');
        if !alpha
            || dossier_text::is_stopword(&l)
            || VERBISH.contains(&l.as_str())
            || l.ends_with("ly")
        {
            break;
        }
        if lex::is_cap(w) {
            // A capitalised adjective ("three Karvosan soldiers") only before a lower-case word.
            let next_lower = sp(text, toks, k + 1)
                && toks.get(k + 2).is_some_and(|n| lex::is_lower_word(n.text));
            // "29 Palestinians - 13 militants": a capitalised plural of a
            // people (-ans, -is, -ers) is the counted noun itself.
            let people_plural = words.is_empty()
                && w.len() > 4
                && ["ans", "is", "ers"].iter().any(|s| w.ends_with(s));
            if !next_lower && !people_plural {
                break;
            }
        }
        words.push(l);
        k += 1;
    }
    while words.len() > 1
        && words
            .last()
            .is_some_and(|w| w.ends_with("ed") || w.ends_with("ing"))
    {
        words.pop();
    }
    // "140,000 residents depend", "3 million people need": the first plural
    // (or collective noun) ends the noun phrase; so does a unit ("550 km
    // north of" counts km).
    if let Some(p) = words.iter().position(|w| {
        (w.len() > 3 && w.ends_with('s') && !w.ends_with("ss"))
            || GLUED_UNITS.contains(&w.as_str())
            || matches!(
                w.as_str(),
                "people"
                    | "children"
                    | "men"
                    | "women"
                    | "police"
                    | "staff"
                    | "personnel"
                    | "crew"
                    | "cattle"
                    | "sheep"
                    | "livestock"
                    | "youth"
            )
    }) {
        words.truncate(p + 1);
    }
    let head = words.pop()?;
    if head.ends_with("ed") || head.ends_with("ing") && words.is_empty() && head != "building" {
        return None;
    }
    Some(head)
}

fn at(text: &str, toks: &[Tok], i: usize) -> Option<(Quantity, usize)> {
    let t = &toks[i];
    let mut num = number(text, toks, i)?;
    let l = t.text.to_lowercase();
    let prev = if i > 0 && sp(text, toks, i - 1) {
        low(toks, i - 1)
    } else {
        String::new()
    };
    let prev_tok = if i > 0 { toks.get(i - 1) } else { None };
    let after = text.get(toks[num.last].end..).unwrap_or("");
    // Times of day and ordinals.
    if after.starts_with(':') && after[1..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let before = text.get(..t.start).unwrap_or("");
    if before.ends_with(':') && before[..before.len() - 1].ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    if sp(text, toks, num.last)
        && matches!(
            low(toks, num.last + 1).as_str(),
            "a.m" | "p.m" | "am" | "pm" | "gmt" | "utc" | "hours" | "hrs"
        )
        && !num.word
    {
        return None;
    }
    let modifier = modifier_before(text, toks, i);
    // Identifiers: "Resolution 2254", "Route 66", "No. 5".
    if !num.word && modifier.is_none() {
        if let Some(p) = prev_tok {
            let g = gap(text, p, t);
            let sentence_start = text.get(..p.start).is_some_and(|b| {
                b.trim_end().is_empty() || b.trim_end().ends_with(['.', '!', '?', '\n'])
            });
            if (is_space_gap(g) || g == ". ")
                && lex::is_cap(p.text)
                && !sentence_start
                && lex::month_number(p.text).is_none()
            {
                return None;
            }
        }
    }
    // Years that no date pattern claimed.
    if !num.word
        && t.text.len() == 4
        && (1800.0..=2100.0).contains(&num.value)
        && num.high.is_none()
        && modifier.is_none()
    {
        return None;
    }
    if l == "one" {
        if matches!(
            prev.as_str(),
            "no" | "the"
                | "this"
                | "that"
                | "any"
                | "every"
                | "each"
                | "which"
                | "someone"
                | "anyone"
                | "everyone"
                | "another"
                | "such"
        ) {
            return None;
        }
        if sp(text, toks, i)
            && matches!(
                low(toks, i + 1).as_str(),
                "another" | "day" | "way" | "side" | "thing" | "time"
            )
        {
            return None;
        }
    }
    let start_tok = modifier.map_or(i, |(_, s)| s);
    let mut modifier_kind = modifier.map_or(QuantityModifier::Exact, |(m, _)| m);
    // Ranges: "between X and Y", "from X to Y", "X to Y", "X-Y".
    if num.high.is_some() {
        modifier_kind = QuantityModifier::Between;
    } else if sp(text, toks, num.last) && sp(text, toks, num.last + 1) {
        let link = low(toks, num.last + 1);
        let wants = match modifier_kind {
            QuantityModifier::Between => link == "and" || link == "to",
            _ => link == "to" || link == "or",
        };
        if wants {
            if let Some(h) = number(text, toks, num.last + 2) {
                let mut hv = h.value;
                // "4 to 6 million": the scale applies to both ends.
                if h.value > num.value
                    && num.value < 1000.0
                    && h.value >= 1000.0
                    && h.last > num.last + 2
                {
                    let scale = h.value
                        / parse_digits(toks[num.last + 2].text)
                            .or_else(|| word_number(&low(toks, num.last + 2)))
                            .unwrap_or(h.value);
                    num.value *= scale;
                    hv = h.value;
                }
                if hv > num.value {
                    num.high = Some(hv);
                    num.last = h.last;
                    modifier_kind = QuantityModifier::Between;
                }
            }
        }
    }
    if modifier_kind == QuantityModifier::Between && num.high.is_none() {
        modifier_kind = QuantityModifier::Exact;
    }
    let start_tok = if modifier_kind == QuantityModifier::Exact {
        i
    } else {
        start_tok
    };
    let mut end = toks[num.last].end;
    let mut last = num.last;
    let mut percent = false;
    if text.get(end..end + 1) == Some("%") {
        percent = true;
        end += 1;
    } else if sp(text, toks, last) {
        let n1 = low(toks, last + 1);
        if n1 == "percent" || n1 == "pct" {
            percent = true;
            last += 1;
        } else if n1 == "per" && sp(text, toks, last + 1) && low(toks, last + 2) == "cent" {
            percent = true;
            last += 2;
        }
        if percent {
            end = toks[last].end;
        }
    }
    let currency = toks[start_tok]
        .start
        .checked_sub(1)
        .and_then(|p| text.get(p..toks[i].start))
        .and_then(|s| {
            s.chars().last().and_then(|c| match c {
                '$' => Some("dollars"),
                '£' => Some("pounds"),
                '€' => Some("euros"),
                _ => None,
            })
        });
    // "$50 million renovation project" counts dollars.
    let counted = currency
        .map(str::to_string)
        .or_else(|| counted_after(text, toks, last));
    if l == "one" && counted.is_none() && modifier.is_none() {
        return None;
    }
    let q = Quantity {
        span: Span::new(toks[start_tok].start, end),
        value: num.value,
        high: num.high,
        modifier: modifier_kind,
        // "90 per cent of residents" counts residents; "90 per cent of the town" counts nothing.
        counted: if percent
            && (!text.get(end..).unwrap_or("").trim_start().starts_with("of")
                || !counted
                    .as_deref()
                    .is_some_and(|c| c.ends_with('s') || c == "people"))
        {
            None
        } else {
            counted
        },
        percent,
    };
    Some((q, last + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    type Row = (
        String,
        f64,
        Option<f64>,
        QuantityModifier,
        Option<String>,
        bool,
    );

    fn q(text: &str) -> Vec<Row> {
        find(text)
            .into_iter()
            .map(|q| {
                (
                    text[q.span.start..q.span.end].to_string(),
                    q.value,
                    q.high,
                    q.modifier,
                    q.counted,
                    q.percent,
                )
            })
            .collect()
    }

    #[test]
    fn numbers_glued_to_units_and_size_words() {
        let q = find("The herd crossed 30km of plain; a 550-member delegation arrived, then a 150-strong team.");
        let got: Vec<(f64, Option<&str>)> =
            q.iter().map(|q| (q.value, q.counted.as_deref())).collect();
        assert_eq!(
            got,
            [
                (30.0, Some("km")),
                (550.0, Some("delegation")),
                (150.0, Some("team"))
            ]
        );
        assert!(find("Flight AB-320 left from gate 12b.")
            .iter()
            .all(|q| q.value != 320.0));
    }

    #[test]
    fn a_capitalised_plural_of_a_people_is_counted_before_a_dash() {
        let v = q(
            "Officials said 29 Tarsans - 13 militiamen and 16 civilians - were killed, 5 Tuesday.",
        );
        assert_eq!(v[0].4.as_deref(), Some("tarsans"));
        assert_eq!(v[1].4.as_deref(), Some("militiamen"));
        // Another capitalised word still needs a lower-case noun after it.
        assert_eq!(v[3].4.as_deref(), None);
    }

    #[test]
    fn counted_heads_and_modifiers() {
        let v = q("Three top commanders died, killing at least seven. More than 4,000 families fled and nearly 90 per cent of residents left.");
        assert_eq!(v[0].0, "Three");
        assert_eq!(v[0].1, 3.0);
        assert_eq!(v[0].4.as_deref(), Some("commanders"));
        assert_eq!(
            (v[1].0.as_str(), v[1].3, v[1].4.as_deref()),
            ("at least seven", QuantityModifier::AtLeast, None)
        );
        assert_eq!(
            (v[2].1, v[2].3, v[2].4.as_deref()),
            (4000.0, QuantityModifier::MoreThan, Some("families"))
        );
        assert_eq!(
            (v[3].0.as_str(), v[3].3, v[3].5, v[3].4.as_deref()),
            (
                "nearly 90 per cent",
                QuantityModifier::LessThan,
                true,
                Some("residents")
            )
        );
        assert_eq!(v.len(), 4);
    }

    #[test]
    fn a_unit_ends_what_is_counted() {
        let v = q("The cave lies about 550 km north of Kessa, and the ridge runs 30 mi east.");
        assert_eq!((v[0].1, v[0].4.as_deref()), (550.0, Some("km")));
        assert_eq!((v[1].1, v[1].4.as_deref()), (30.0, Some("mi")));
    }

    #[test]
    fn one_of_an_owners_members_counts_the_members() {
        let v = q("Gunmen killed one of the militia's leaders and two of Kasso's fighters.");
        assert_eq!((v[0].1, v[0].4.as_deref()), (1.0, Some("leaders")));
        assert_eq!((v[1].1, v[1].4.as_deref()), (2.0, Some("fighters")));
    }

    #[test]
    fn ranges_scales_and_words() {
        let v = q("Between 4,000 and 6,000 people, 1.5 million dollars, a dozen trucks, twenty-five guards and 20 to 30 boats; 45% voted.");
        assert_eq!(
            (v[0].1, v[0].2, v[0].3),
            (4000.0, Some(6000.0), QuantityModifier::Between)
        );
        assert_eq!(v[0].4.as_deref(), Some("people"));
        assert_eq!((v[1].1, v[1].4.as_deref()), (1.5e6, Some("dollars")));
        assert_eq!((v[2].1, v[2].4.as_deref()), (12.0, Some("trucks")));
        assert_eq!((v[3].1, v[3].4.as_deref()), (25.0, Some("guards")));
        assert_eq!((v[4].1, v[4].2), (20.0, Some(30.0)));
        assert_eq!((v[5].0.as_str(), v[5].5), ("45%", true));
    }

    #[test]
    fn years_dates_ordinals_times_and_ids_are_skipped() {
        let v = q("On 9 June 2015 at 10:30, the 3rd unit on Route 66 in 2014 saw no one. In 1999 hundreds left.");
        assert!(v.is_empty(), "{v:?}");
    }
}
