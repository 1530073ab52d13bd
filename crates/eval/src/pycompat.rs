//! Python-compatible character classes and rounding, so that our figures match the reference
//! scorers bit for bit (they run on CPython 3.11, whose notions of whitespace, `\w` and `round`
//! differ from Rust's in corner cases).

use crate::pyword_table::PY_WORD_RANGES;

/// `str.isspace()` of CPython: Rust's `char::is_whitespace` plus the ASCII information separators
/// U+001C..U+001F, which Python's `str.split()` also splits on.
pub fn is_py_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | '\u{1c}'..='\u{1f}' | ' ' | '\u{85}' | '\u{a0}'
            | '\u{1680}' | '\u{2000}'..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}'
            | '\u{205f}' | '\u{3000}'
    )
}

/// The pieces of Python's `s.split()` (no argument).
pub fn py_split_whitespace(s: &str) -> impl Iterator<Item = &str> {
    s.split(is_py_space).filter(|w| !w.is_empty())
}

/// Python's `not s.strip()`.
pub fn py_is_blank(s: &str) -> bool {
    s.chars().all(is_py_space)
}

/// Whether Python's `re` (Unicode str pattern) matches `c` with `\w`.
pub fn is_py_word(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    let cp = c as u32;
    // Ranges are sorted and disjoint: find the last one starting at or before `cp`.
    let idx = PY_WORD_RANGES.partition_point(|&(start, _)| start <= cp);
    idx > 0
        && PY_WORD_RANGES
            .get(idx - 1)
            .is_some_and(|&(_, end)| cp <= end)
}

/// Python's `re.findall(r"\w+", s)`.
pub fn py_word_tokens(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !is_py_word(c)).filter(|w| !w.is_empty())
}

/// Python's `round(x, digits)`: the double nearest to the correctly rounded decimal (ties to
/// even on the exact binary value, which Rust's exact float formatting also does).
pub fn py_round(x: f64, digits: usize) -> f64 {
    if !x.is_finite() {
        return x;
    }
    format!("{x:.digits$}").parse().unwrap_or(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_matches_python() {
        assert_eq!(py_split_whitespace("a\u{1c}b\u{a0}c  d\n").count(), 4);
        assert!(!is_py_space('\u{200b}'));
        assert!(py_is_blank(" \t\u{3000}\n"));
        assert!(!py_is_blank(" x "));
    }

    #[test]
    fn word_chars_match_python() {
        // Python's \w excludes combining marks (Mn/Mc) that Rust counts as alphabetic.
        assert!(is_py_word('é'));
        assert!(is_py_word('名'));
        assert!(is_py_word('²'));
        assert!(!is_py_word('\u{301}'));
        assert!(!is_py_word('\u{93e}'));
        assert!(!is_py_word('-'));
        assert!(!is_py_word('\u{2019}'));
        let toks: Vec<&str> = py_word_tokens("it’s a_b, 3.5—ok").collect();
        assert_eq!(toks, ["it", "s", "a_b", "3", "5", "ok"]);
    }

    #[test]
    fn rounding_matches_python() {
        // round(0.125, 2) == 0.12, round(0.375, 2) == 0.38, round(2.675, 2) == 2.67 in Python.
        assert_eq!(py_round(0.125, 2), 0.12);
        assert_eq!(py_round(12.125, 2), 12.12);
        assert_eq!(py_round(0.375, 2), 0.38);
        assert_eq!(py_round(2.675, 2), 2.67);
        assert_eq!(py_round(41.876543, 1), 41.9);
    }
}
