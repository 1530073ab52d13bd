//! Sentence splitting by rules: abbreviations, initials, decimals, ellipses,
//! quotes, headlines, datelines and lists.
//!
//! A sentence ends at `.`, `!`, `?` or an ellipsis followed by white space and
//! a word that can start a sentence (closing quotes and brackets after the mark
//! belong to the sentence), at every blank line, and at a line break when the
//! line has no final punctuation and the next line does not carry on in lower case.

use dossier_model::Span;

/// Abbreviations after which a period never ends a sentence.
const NEVER_BREAK: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "dr", "gen", "gens", "col", "lt", "sgt", "capt", "maj", "cpl",
    "pvt", "adm", "cmdr", "cdr", "brig", "gov", "sen", "sens", "rep", "reps", "rev", "prof", "hon",
    "pres", "supt", "insp", "fr", "mt", "ft", "vs", "v", "e.g", "i.e", "cf", "approx", "ca", "amb",
    "atty", "det", "gov't", "lt.col", "lt.gen", "maj.gen", "brig.gen", "esp", "viz", "min", "dep",
    "asst", "gen'l",
];

/// Abbreviations that continue the sentence only before a number ("No. 5",
/// "Art. 12", "Vol. 3"); elsewhere the period may end it ("He said no.").
const BEFORE_NUMBER: &[&str] = &[
    "no", "nos", "art", "ch", "fig", "figs", "vol", "op", "pp", "p", "para", "sec", "sq", "nr",
];

/// Abbreviations that usually continue the sentence but may end it: a period
/// after them ends the sentence only when a typical sentence opener follows.
const SOFT_BREAK: &[&str] = &[
    "st", "ave", "rd", "blvd", "dept", "etc", "al", "est", "univ", "assn", "intl",
];

/// After "a.m."/"p.m." these words continue the sentence: "9 a.m. Sunday", "5 p.m. GMT".
const AFTER_TIME: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "gmt",
    "utc",
    "et",
    "est",
    "edt",
    "pt",
    "pst",
    "pdt",
    "ct",
    "cst",
    "cet",
    "bst",
    "local",
    "eastern",
    "pacific",
    "central",
    "mountain",
    "today",
    "tomorrow",
    "yesterday",
];

/// Words that often open a sentence, used to decide after an ambiguous period.
const STARTERS: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "but",
    "and",
    "in",
    "on",
    "at",
    "this",
    "that",
    "these",
    "those",
    "there",
    "his",
    "her",
    "their",
    "its",
    "our",
    "however",
    "meanwhile",
    "after",
    "before",
    "when",
    "while",
    "if",
    "as",
    "some",
    "many",
    "no",
    "according",
    "earlier",
    "later",
    "yet",
    "still",
    "so",
    "also",
    "since",
    "although",
    "though",
    "other",
    "what",
    "who",
    "where",
    "why",
    "how",
    "for",
    "with",
    "during",
    "by",
    "from",
    "more",
    "most",
    "all",
    "both",
    "each",
    "despite",
    "officials",
    "police",
    "witnesses",
    "residents",
    "then",
    "thus",
    "instead",
    "now",
    "one",
    "two",
    "three",
    "several",
    "not",
    "last",
    "until",
    "on",
    "troops",
    "analysts",
    "critics",
    "experts",
    "is",
    "was",
    "are",
    "were",
    "do",
    "does",
    "did",
    "can",
    "will",
];

fn is_term(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '»' | '}')
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '“' | '‘' | '\'' | '(' | '[' | '«' | '„')
}

/// Every sentence of `text`, in order, as trimmed spans. Every non-space
/// character of the text lies in exactly one sentence.
pub fn split(text: &str) -> Vec<Span> {
    let mut cuts: Vec<usize> = Vec::new();
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut pos = 0;
    for piece in text.split('\n') {
        lines.push((pos, piece.trim_end_matches('\r')));
        pos += piece.len() + 1;
    }
    for (li, &(ls, line)) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            cuts.push(ls);
            continue;
        }
        scan_line(line, ls, &mut cuts);
        let ends_here = match lines.get(li + 1) {
            None => true,
            Some((_, next)) if next.trim().is_empty() => true,
            Some((_, next)) => !continues(line, next),
        };
        if ends_here {
            cuts.push(ls + line.len());
        }
    }
    spans_from_cuts(text, cuts)
}

/// Like [`split`], with a cut forced at the end of the title line.
pub fn split_with_title(text: &str, title: Option<Span>) -> Vec<Span> {
    let mut out = split(text);
    if let Some(t) = title {
        if let Some(i) = out.iter().position(|s| s.start < t.end && t.end < s.end) {
            let s = out[i];
            let parts: Vec<Span> = [trim(text, s.start, t.end), trim(text, t.end, s.end)]
                .into_iter()
                .flatten()
                .collect();
            out.splice(i..=i, parts);
        }
    }
    out
}

fn spans_from_cuts(text: &str, mut cuts: Vec<usize>) -> Vec<Span> {
    cuts.push(text.len());
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    let mut start = 0;
    for c in cuts {
        if c < start || c > text.len() {
            continue;
        }
        if let Some(s) = trim(text, start, c) {
            out.push(s);
        }
        start = c;
    }
    out
}

fn trim(text: &str, a: usize, b: usize) -> Option<Span> {
    let s = text.get(a..b)?;
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    (!t.is_empty()).then(|| Span::new(a + lead, a + lead + t.len()))
}

/// Does a line without a blank line after it run on into the next one?
fn continues(line: &str, next: &str) -> bool {
    let l = line.trim_end();
    let n = next.trim_start();
    let n_unquoted = n.trim_start_matches(['"', '“', '\'', '‘']);
    if n_unquoted.chars().next().is_some_and(char::is_lowercase) {
        return true;
    }
    if l.ends_with([',', ';', '(', '-', '–', '—', '&']) {
        return true;
    }
    let last = l.rsplit(' ').next().unwrap_or("");
    matches!(
        last,
        "and"
            | "or"
            | "of"
            | "the"
            | "to"
            | "a"
            | "an"
            | "in"
            | "with"
            | "for"
            | "by"
            | "that"
            | "on"
            | "at"
    )
}

fn scan_line(line: &str, base: usize, cuts: &mut Vec<usize>) {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let n = chars.len();
    let byte_at = |k: usize| chars.get(k).map_or(line.len(), |x| x.0);
    let mut i = 0;
    while i < n {
        if !is_term(chars[i].1) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < n
            && (is_term(chars[j].1)
                || (chars[j].1 == ' ' && j + 1 < n && chars[j + 1].1 == '.' && chars[i].1 == '.'))
        {
            j += 1;
        }
        let mut k = j;
        while k < n && is_closer(chars[k].1) {
            k += 1;
        }
        if k < n && !chars[k].1.is_whitespace() {
            i = j.max(i + 1);
            continue;
        }
        let mut m = k;
        while m < n && chars[m].1.is_whitespace() {
            m += 1;
        }
        let end_byte = byte_at(k);
        if m == n {
            cuts.push(base + end_byte);
            i = k.max(i + 1);
            continue;
        }
        let nc = chars[m].1;
        let run = line.get(chars[i].0..byte_at(j)).unwrap_or(".");
        let next_word = next_word_lower(line, byte_at(m));
        let camel = nc.is_lowercase()
            && line
                .get(byte_at(m)..)
                .unwrap_or("")
                .chars()
                .take_while(|c| c.is_alphanumeric())
                .skip(1)
                .any(char::is_uppercase);
        let brk =
            if (nc.is_lowercase() && !camel) || matches!(nc, ',' | ';' | ':' | ')' | ']' | '%') {
                false
            } else if run == "." {
                period_breaks(line, chars[i].0, &next_word, nc)
            } else {
                true
            };
        if brk {
            cuts.push(base + end_byte);
        }
        i = k.max(i + 1);
    }
}

fn next_word_lower(line: &str, from: usize) -> String {
    let rest = line.get(from..).unwrap_or("");
    let rest = rest.trim_start_matches(is_opener);
    rest.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '\'')
        .collect::<String>()
        .to_lowercase()
}

/// Does the single period at byte `at` of `line` end a sentence?
fn period_breaks(line: &str, at: usize, next_word: &str, next_char: char) -> bool {
    let before = line.get(..at).unwrap_or("");
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '.' || *c == '\'' || *c == '’')
        .last()
        .map_or(at, |(p, _)| p);
    let word = before
        .get(word_start..)
        .unwrap_or("")
        .trim_start_matches('.');
    if word.is_empty() {
        return true;
    }
    let lw = word.to_lowercase();
    if NEVER_BREAK.contains(&lw.as_str()) {
        return false;
    }
    let prefix = before.get(..word_start).unwrap_or("");
    if word.len() <= 3
        && word.bytes().all(|b| b.is_ascii_digit())
        && prefix
            .trim_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '*' | '•' | '('))
            .is_empty()
    {
        // A numbered list item: "1. First point".
        return false;
    }
    let single_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    if BEFORE_NUMBER.contains(&lw.as_str()) && !single_initial {
        return !next_char.is_ascii_digit();
    }
    if lw == "a.m" || lw == "p.m" {
        return !AFTER_TIME.contains(&next_word);
    }
    if crate::lex::month_number(word).is_some()
        && word.len() <= 4
        && !matches!(lw.as_str(), "may" | "june" | "july")
    {
        // "Jan. 5" continues; "in late Feb. Hundreds fled" ends.
        return !next_char.is_ascii_digit();
    }
    // "U.S", "D.C", "U.N.H.C.R", "e.g": letters one or two at a time between dots.
    let initialism = word.contains('.')
        && word
            .split('.')
            .all(|p| (1..=2).contains(&p.chars().count()) && p.chars().all(char::is_alphabetic));
    let soft = SOFT_BREAK.contains(&lw.as_str()) || single_initial || initialism;
    if !soft {
        return true;
    }
    STARTERS.contains(&next_word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str) -> Vec<&str> {
        split(text).iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn titles_initials_and_decimals_do_not_end_sentences() {
        assert_eq!(
            sents("Gen. Ana Ruiz met Col. J. P. Marrow at 3.5 km from the U.N. base. They talked."),
            [
                "Gen. Ana Ruiz met Col. J. P. Marrow at 3.5 km from the U.N. base.",
                "They talked."
            ]
        );
        assert_eq!(
            sents("He moved to the U.S. The move was quick."),
            ["He moved to the U.S.", "The move was quick."]
        );
        assert_eq!(
            sents("It began on Jan. 4 in Tarsk. Mr. Bell left."),
            ["It began on Jan. 4 in Tarsk.", "Mr. Bell left."]
        );
    }

    #[test]
    fn quotes_ellipses_and_questions() {
        assert_eq!(
            sents("\"We will stay. We will win.\" The crowd cheered. \"Why?\" she asked."),
            [
                "\"We will stay.",
                "We will win.\"",
                "The crowd cheered.",
                "\"Why?\" she asked."
            ]
        );
        assert_eq!(
            sents("He paused... and then went on. Wait… Nothing."),
            ["He paused... and then went on.", "Wait…", "Nothing."]
        );
    }

    #[test]
    fn headlines_datelines_lists_and_paragraphs() {
        let t = "Rebels Leave Hill Town\nVARNO, Oct 3 (Wire)\nThe rebels left.\n\nDemands:\n- a truce\n- food\n1. First item\n2. Second";
        assert_eq!(
            sents(t),
            [
                "Rebels Leave Hill Town",
                "VARNO, Oct 3 (Wire)",
                "The rebels left.",
                "Demands:",
                "- a truce",
                "- food",
                "1. First item",
                "2. Second"
            ]
        );
        assert_eq!(
            sents("a line that\nwraps here."),
            ["a line that\nwraps here."]
        );
    }

    #[test]
    fn every_character_is_covered_and_spans_are_valid() {
        let t = "Zürich. Ärger! «Oui.» Ok";
        let s = split(t);
        assert_eq!(s.len(), 4);
        for w in s.windows(2) {
            assert!(w[0].end <= w[1].start);
        }
        for sp in &s {
            assert!(sp.check(t).is_ok());
        }
    }

    #[test]
    fn title_is_cut() {
        let t = "Truce holds, says envoy\nthe envoy said so.";
        let s = split_with_title(t, Some(Span::new(0, 23)));
        assert_eq!(s.len(), 2);
        assert_eq!(&t[s[0].start..s[0].end], "Truce holds, says envoy");
    }
}
