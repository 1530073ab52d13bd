//! Teasers of other stories: a headline followed by "Read more", a headline
//! in brackets or parentheses ("[The storm, hour by hour]", "(WATCH: The
//! storm, hour by hour)"), an imperative "See ..." pointer, and runs of
//! headline lines left by a related-stories box.

use dossier_model::JunkReason;

use super::words;

/// A teaser judged on the line alone, prose or not.
pub(super) fn teaser_line(line: &str) -> Option<JunkReason> {
    let t = line.trim();
    if ends_with_read_more(t) || bracketed_headline(t) || parenthetical_headline(t) {
        return Some(JunkReason::RelatedLinks);
    }
    None
}

/// A teaser judged on a line that is not a full sentence of prose.
pub(super) fn short_teaser(line: &str, n: &str) -> Option<JunkReason> {
    let w = words(line);
    let pointer = super::starts_with_any(
        n,
        &[
            "read more ",
            "see all ",
            "see more ",
            "see the latest ",
            "see pictures ",
            "see photos ",
            "see the full ",
            "watch the full ",
            "check out ",
            "find out more",
            "learn more",
            "full coverage",
            "related: ",
            "see also: ",
            "also read: ",
            "read also: ",
        ],
    );
    if pointer && w <= 16 && !line.trim_end().ends_with(':') {
        return Some(JunkReason::RelatedLinks);
    }
    let step = super::starts_with_any(n, &["next ", "previous ", "prev ", "next:", "previous:"]);
    if step && w <= 5 {
        return Some(JunkReason::Navigation);
    }
    None
}

/// "Storm hits the coast as ministers meet Read more".
fn ends_with_read_more(t: &str) -> bool {
    let end = t.trim_end_matches(['.', '…', ' ', '»', '›', '>']);
    // Each marker ends in "e", "y" or "g", which only those letters lower-case
    // to: most lines are not lower-cased at all.
    if !end.ends_with(['e', 'E', 'y', 'Y', 'g', 'G']) {
        return false;
    }
    let lower = end.to_lowercase();
    [
        "read more",
        "read the full story",
        "continue reading",
        "full story",
    ]
    .iter()
    .any(|s| lower.ends_with(s) && lower.len() > s.len())
        && words(t) <= 30
}

/// "[Q&A: The mayor who built the sea wall]": a whole line in square
/// brackets, a linked headline; a bracketed stage note opens a line but
/// does not make it.
fn bracketed_headline(t: &str) -> bool {
    let Some(inner) = t.strip_prefix('[').and_then(|s| s.strip_suffix(']')) else {
        return false;
    };
    !inner.contains(['[', ']']) && words(inner) >= 3 && words(inner) <= 25
}

/// "(WATCH: The storm, hour by hour)", "(Flood full coverage)": a whole line
/// in parentheses that is a label or a headline, not a sentence.
fn parenthetical_headline(t: &str) -> bool {
    let Some(inner) = t.strip_prefix('(').and_then(|s| s.strip_suffix(')')) else {
        return false;
    };
    let sentence = inner.ends_with(['.', '!', '?', '"', '\u{201d}']);
    let first_cap = inner.chars().next().is_some_and(char::is_uppercase);
    // A slash makes it a picture credit, left to the caption rules.
    !inner.contains(['(', ')', '/']) && !sentence && first_cap && (2..=14).contains(&words(inner))
}

/// Headline-shaped: a few words, capitalised, no sentence end, not cut off
/// mid-sentence (no trailing function word or comma), no list label.
fn headline_like(line: &str) -> bool {
    let t = line.trim();
    // Counting stops past the limit: long lines are most of a text.
    let w = t.split_whitespace().take(17).count();
    if !(5..=16).contains(&w) || super::is_prose(t) {
        return false;
    }
    // A numbered item ("3. Keep the receipt") is a list step, not a link.
    let numbered = t.split_whitespace().next().is_some_and(|f| {
        f.trim_end_matches(['.', ')'])
            .chars()
            .all(|c| c.is_ascii_digit())
            && f.ends_with(['.', ')'])
    });
    if numbered {
        return false;
    }
    let first = t.chars().find(|c| c.is_alphanumeric());
    let capital = first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let open_end = !t.ends_with(['.', ',', ';', ':', '!', '-', '–', '—', '(']);
    let last = t
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .to_lowercase();
    let cut = dossier_text::is_stopword(&last);
    capital && open_end && !cut
}

/// Runs of two or more headline lines after the article's prose began, in
/// a text written a paragraph per line: the titles of a related-stories
/// box. A subheading stands alone before its paragraph; a text hard-wrapped
/// at a fixed width has most lines without a sentence end and is left alone.
pub(super) fn mark_headline_runs(lines: &[&str], prose: &[bool], out: &mut [Option<JunkReason>]) {
    let Some(first_prose) = prose.iter().position(|&p| p) else {
        return;
    };
    let broken = (0..lines.len())
        .filter(|&i| ends_mid_sentence(lines[i]) || continues(lines.get(i + 1)))
        .count();
    if broken * 4 >= lines.len() {
        return;
    }
    let candidate: Vec<bool> = (0..lines.len())
        .map(|i| out[i].is_some() || (headline_like(lines[i]) && !continues(lines.get(i + 1))))
        .collect();
    let mut i = first_prose + 1;
    while i < lines.len() {
        if !candidate[i] || out[i].is_some() {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < lines.len() && candidate[j] {
            j += 1;
        }
        let fresh = (i..j).filter(|&k| out[k].is_none()).count();
        // A list in the article follows its lead-in ("... include:") or
        // goes on with more text; a related box closes the page.
        let to_end = out[j..].iter().all(Option::is_some);
        let lead_in = lines[i - 1].trim_end().ends_with(':');
        if j - i >= 2 && fresh >= 1 && to_end && !lead_in {
            for r in out[i..j].iter_mut().filter(|r| r.is_none()) {
                *r = Some(JunkReason::RelatedLinks);
            }
        }
        i = j.max(i + 1);
    }
}

/// Headings stacked above a paragraph inside the article: a subheading
/// introduces the paragraph after it, so the one, two or three
/// headline-shaped lines straight above it, with prose before them, are
/// links to other stories ("Who built the sea wall?", then the subheading
/// "What went wrong?"). A longer run is a list, and a run after a lead-in
/// ("... include:") is the article's.
pub(super) fn mark_stacked_headings(
    lines: &[&str],
    prose: &[bool],
    out: &mut [Option<JunkReason>],
) {
    let is_wrapped = std::cell::OnceCell::new();
    let subheading = |k: usize| {
        let t = lines[k].trim();
        !prose[k]
            && (2..=8).contains(&words(t))
            && t.chars().next().is_some_and(char::is_uppercase)
            && !t.ends_with(['.', ',', ';', ':'])
    };
    let mut i = 1;
    while i < lines.len() {
        if prose[i] || !prose[i - 1] || lines[i - 1].trim_end().ends_with(':') {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < lines.len() && !prose[j] && out[j].is_none() && headline_like(lines[j]) {
            j += 1;
        }
        // lines[i..j] are headlines; lines[j] must be the subheading (or
        // the last of them), and prose must follow it.
        let (run_end, sub) = if j < lines.len() && subheading(j) && j > i {
            (j, j)
        } else if j >= i + 2 {
            (j - 1, j - 1)
        } else {
            i = j.max(i + 1);
            continue;
        };
        let prose_after = prose.get(sub + 1) == Some(&true);
        if prose_after
            && (1..=3).contains(&(run_end - i))
            && !*is_wrapped.get_or_init(|| wrapped(lines))
        {
            for r in out[i..run_end].iter_mut() {
                *r = Some(JunkReason::RelatedLinks);
            }
        }
        i = sub + 1;
    }
}

/// Most lines cut mid-sentence: a text hard-wrapped at a fixed width,
/// whose line shapes say nothing about headings.
pub(super) fn wrapped(lines: &[&str]) -> bool {
    let broken = (0..lines.len())
        .filter(|&i| ends_mid_sentence(lines[i]) || continues(lines.get(i + 1)))
        .count();
    broken * 4 >= lines.len()
}

/// A line cut at a comma or a function word, as hard wrapping cuts them.
fn ends_mid_sentence(line: &str) -> bool {
    let t = line.trim_end();
    let last = t
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .to_lowercase();
    t.ends_with([',', ';', '-']) || dossier_text::is_stopword(&last)
}

/// The headline lines straight after a "Read more" teaser belong to the
/// same box of links ("Read more on this story: A", then "B").
pub(super) fn mark_after_read_more(lines: &[&str], out: &mut [Option<JunkReason>]) {
    for i in 1..lines.len() {
        let after_teaser = out[i - 1] == Some(JunkReason::RelatedLinks)
            && lines[i - 1].to_lowercase().contains("read more");
        let chained = out[i - 1] == Some(JunkReason::RelatedLinks)
            && i >= 2
            && out[i - 2] == Some(JunkReason::RelatedLinks);
        if out[i].is_none() && (after_teaser || chained) && headline_like(lines[i]) {
            out[i] = Some(JunkReason::RelatedLinks);
        }
    }
}

/// The next line carries on the sentence (starts in lower case).
fn continues(next: Option<&&str>) -> bool {
    next.and_then(|l| l.trim().chars().next())
        .is_some_and(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn teaser_lines_are_found() {
        for l in [
            "Storm hits the coast as ministers meet Read more",
            "[Q&A: The mayor who built the sea wall]",
            "(WATCH: The storm, hour by hour)",
            "(Flood full coverage)",
        ] {
            assert!(teaser_line(l).is_some(), "{l}");
        }
        assert!(short_teaser(
            "See all of this month's concerts",
            "see all of this month's concerts"
        )
        .is_some());
        assert!(short_teaser("Next Winter Tales", "next winter tales").is_some());
    }

    #[test]
    fn article_lines_are_not_teasers() {
        for l in [
            "[Laughing] Be careful what you say about the mayor.",
            "(The company has denied wrongdoing.)",
            "He told the crowd to read more before voting",
        ] {
            assert_eq!(teaser_line(l), None, "{l}");
        }
    }

    #[test]
    fn headline_runs_after_the_prose_are_related_links() {
        let lines = [
            "Harbour reopens",
            "The harbour reopened on Monday after a week of storms closed it to all traffic, officials said.",
            "Repairs will take a month, the port authority said in a statement on its website today.",
            "Why the sea wall failed in the night",
            "Five ferries that changed the island forever",
            "The town that still lives on its fishing boats",
        ];
        let prose: Vec<bool> = lines.iter().map(|l| super::super::is_prose(l)).collect();
        let mut out = vec![None; lines.len()];
        mark_headline_runs(&lines, &prose, &mut out);
        assert_eq!(out[2], None);
        assert!(out[3..].iter().all(Option::is_some));
    }

    #[test]
    fn a_headline_after_a_read_more_line_is_a_link() {
        let lines = [
            "The harbour reopened on Monday after a week of storms closed it to all traffic, officials said.",
            "Read more on this story: Harbour diary: the first ferry",
            "Harbour diary: the night the sea wall broke",
            "Repairs will take a month, the port authority said in a statement on its website today.",
        ];
        let mut out = vec![None, Some(JunkReason::RelatedLinks), None, None];
        mark_after_read_more(&lines, &mut out);
        assert_eq!(out[2], Some(JunkReason::RelatedLinks));
        assert_eq!(out[3], None);
    }

    #[test]
    fn a_subheading_and_hard_wrapped_text_are_kept() {
        let lines = [
            "Harbour reopens",
            "The harbour reopened on Monday after a week of storms closed it to all traffic, officials said.",
            "What comes next for the island",
            "Repairs will take a month, the port authority said in a statement on its website today.",
        ];
        let prose: Vec<bool> = lines.iter().map(|l| super::super::is_prose(l)).collect();
        let mut out = vec![None; lines.len()];
        mark_headline_runs(&lines, &prose, &mut out);
        assert!(out.iter().all(Option::is_none));
        let wrapped = [
            "The committee met on Monday and voted to release the report.",
            "The Executive Branch stands ready to work with Congress to accommodate",
            "oversight requests consistent with applicable standards and processes, including the",
            "need to protect intelligence sources and methods",
        ];
        let prose: Vec<bool> = wrapped.iter().map(|l| super::super::is_prose(l)).collect();
        let mut out = vec![None; wrapped.len()];
        mark_headline_runs(&wrapped, &prose, &mut out);
        assert!(out.iter().all(Option::is_none));
    }

    #[test]
    fn headlines_stacked_above_a_subheading_are_links() {
        let lines = [
            "The harbour reopened on Monday after a week of storms closed it to all traffic, officials said.",
            "Five ferries that changed the island forever",
            "Who paid for the new sea wall in the end?",
            "What went wrong?",
            "Repairs will take a month, the port authority said in a statement on its website today.",
            "What comes next for the island",
            "The council will meet on Friday to decide how the repairs are paid for, the mayor said.",
        ];
        let prose: Vec<bool> = lines.iter().map(|l| super::super::is_prose(l)).collect();
        let mut out = vec![None; lines.len()];
        mark_stacked_headings(&lines, &prose, &mut out);
        assert_eq!(out[1], Some(JunkReason::RelatedLinks));
        assert_eq!(out[2], Some(JunkReason::RelatedLinks));
        assert_eq!(&out[3..], &[None, None, None, None]);
    }
}
