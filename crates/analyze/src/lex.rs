//! Token and number helpers shared by the rule-based recognisers.

use dossier_text::words;

/// A word of the text with its absolute byte range.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

/// Words of `slice`, whose first byte is at `base` in the whole text.
pub(crate) fn tokens(slice: &str, base: usize) -> Vec<Tok<'_>> {
    words(slice)
        .map(|(s, w)| Tok {
            start: base + s,
            end: base + s + w.len(),
            text: w,
        })
        .collect()
}

/// The text between two tokens ("" when out of range).
pub(crate) fn gap<'a>(text: &'a str, a: &Tok, b: &Tok) -> &'a str {
    text.get(a.end..b.start).unwrap_or("")
}

/// Only spaces (no line break, no punctuation) between two words.
pub(crate) fn is_space_gap(g: &str) -> bool {
    !g.is_empty() && g.chars().all(|c| c == ' ' || c == '\u{a0}' || c == '\t')
}

pub(crate) fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

pub(crate) fn is_lower_word(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_lowercase)
        && w.chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
}

/// All letters upper-case, at least two of them ("UN", "ISIS", "U.S").
pub(crate) fn is_acronym(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && w.chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '.' || c == '&' || c == '-')
}

/// Byte length of a trailing possessive ("'s", "’s", or a bare "'" after s).
pub(crate) fn possessive_len(w: &str) -> usize {
    if w.len() > 3 && (w.ends_with("'s") || w.ends_with("'S")) {
        2
    } else if w.len() > 5 && w.ends_with("’s") {
        4
    } else {
        0
    }
}

pub(crate) fn month_number(w: &str) -> Option<u8> {
    let l = w.trim_end_matches('.').to_ascii_lowercase();
    Some(match l.as_str() {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

/// 0 = Monday .. 6 = Sunday.
pub(crate) fn weekday_number(w: &str) -> Option<u8> {
    let l = w.to_ascii_lowercase();
    Some(match l.as_str() {
        "monday" => 0,
        "tuesday" => 1,
        "wednesday" => 2,
        "thursday" => 3,
        "friday" => 4,
        "saturday" => 5,
        "sunday" => 6,
        _ => return None,
    })
}

pub(crate) fn is_month_or_weekday(w: &str) -> bool {
    let full = w.len() >= 3 && month_number(w).is_some() && !matches!(w, "Mar" | "Jan" | "Dec");
    full || weekday_number(w).is_some()
}

/// "one".."nineteen", tens, and hyphenated tens ("twenty-five").
pub(crate) fn word_number(lower: &str) -> Option<f64> {
    const UNITS: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(i) = UNITS.iter().position(|u| *u == lower) {
        return Some(i as f64);
    }
    if let Some(i) = TENS.iter().position(|u| *u == lower) {
        return Some((i as f64 + 2.0) * 10.0);
    }
    let (t, u) = lower.split_once('-')?;
    let t = TENS.iter().position(|x| *x == t)?;
    let u = UNITS
        .iter()
        .position(|x| *x == u)
        .filter(|&u| (1..10).contains(&u))?;
    Some((t as f64 + 2.0) * 10.0 + u as f64)
}

pub(crate) fn scale_word(lower: &str) -> Option<f64> {
    Some(match lower {
        "hundred" => 100.0,
        "thousand" => 1e3,
        "million" | "mln" => 1e6,
        "billion" | "bn" => 1e9,
        "trillion" => 1e12,
        _ => return None,
    })
}

/// "4,000", "2.5", "12": digits with well-placed thousands commas and at most one dot.
pub(crate) fn parse_digits(w: &str) -> Option<f64> {
    if w.is_empty()
        || !w
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
    {
        return None;
    }
    if !w.as_bytes()[0].is_ascii_digit() {
        return None;
    }
    let (int, frac) = match w.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (w, None),
    };
    if let Some(f) = frac {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    if int.contains(',') {
        let mut parts = int.split(',');
        let first = parts.next()?;
        if first.is_empty() || first.len() > 3 || !parts.all(|p| p.len() == 3) {
            return None;
        }
    }
    let clean: String = w.chars().filter(|&c| c != ',').collect();
    clean.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_parse() {
        assert_eq!(parse_digits("4,000"), Some(4000.0));
        assert_eq!(parse_digits("2.5"), Some(2.5));
        assert_eq!(parse_digits("40,00"), None);
        assert_eq!(parse_digits("1.2.3"), None);
        assert_eq!(word_number("twenty-five"), Some(25.0));
        assert_eq!(word_number("twelve"), Some(12.0));
        assert_eq!(word_number("twenty-zero"), None);
    }

    #[test]
    fn possessives_and_acronyms() {
        assert_eq!(possessive_len("Avery's"), 2);
        assert_eq!(possessive_len("Avery’s"), 4);
        assert_eq!(possessive_len("is"), 0);
        assert!(is_acronym("NATO"));
        assert!(is_acronym("U.S"));
        assert!(!is_acronym("Nato"));
        assert!(!is_acronym("A"));
    }
}
