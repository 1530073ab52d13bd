//! Metadata of plain-text articles, read from the text itself: the outlet
//! from an agency dateline ("KINGSTON, Jamaica (AP) —", "(CNN) —") or a
//! copyright footer ("© The Harbour Gazette LLC 2005-2017"), and the date
//! from a "Posted on ..." line.
//!
//! The dateline stays in the text; only the outlet goes to the metadata (the
//! model has no place field). A source named above a quoted passage
//! ("Harbour Weekly:") is the origin of that passage, not the outlet, and is
//! never read here: only datelines and copyright lines name the publisher.

use dossier_model::{Date, RemovedLine};

/// How many lines from the top a dateline may sit (after a title, a
/// byline and a date line).
const DATELINE_LINES: usize = 6;

/// The outlet named by the text's dateline, else by its copyright footer
/// (kept or removed as a footer line).
pub fn outlet_from_text(text: &str, removed: &[RemovedLine]) -> Option<String> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .take(DATELINE_LINES)
        .find_map(dateline_outlet)
        .or_else(|| {
            removed
                .iter()
                .map(|r| r.text.as_str())
                .chain(text.lines())
                .find_map(copyright_holder)
        })
}

/// "SAN FRANCISCO (Reuters) - ...", "Washington (CNN) ...", "(AP) — ...":
/// a parenthetical near the start of a line, after nothing but a place, and
/// followed by a dash or the first sentence.
fn dateline_outlet(line: &str) -> Option<String> {
    let t = line.trim();
    let open = t.find('(')?;
    let close = open + t[open..].find(')')?;
    let place = t[..open].trim();
    let agency = t[open + 1..close].trim();
    let after = t[close + 1..].trim_start();
    let dash = after.starts_with(['-', '\u{2014}', '\u{2013}']);
    let sentence = after.chars().next().is_some_and(char::is_uppercase);
    (place_like(place) && agency_like(agency) && (dash || sentence)).then(|| agency.to_string())
}

/// Empty, or a place as datelines print it: "SAN FRANCISCO", "KINGSTON,
/// Jamaica", "Washington", "CAPE CANAVERAL, Fla.": capitalised words,
/// commas and abbreviations, few of them.
fn place_like(place: &str) -> bool {
    let words: Vec<&str> = place.split_whitespace().collect();
    words.len() <= 6
        && words.iter().all(|w| {
            // A wire item may carry its date in the place ("Dec 17 (Agency) -").
            let day = w.chars().all(|c| c.is_ascii_digit() || c == ',');
            day || (w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, ',' | '.' | '\'' | '-')))
        })
}

/// An agency or outlet name: one to four capitalised words, letters first,
/// not a party label ("(D)") or a single initial.
fn agency_like(agency: &str) -> bool {
    let words: Vec<&str> = agency.split_whitespace().collect();
    let letters = agency.chars().filter(|c| c.is_alphabetic()).count();
    (1..=4).contains(&words.len())
        && letters >= 2
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '.' | '&' | '-' | '\''))
        })
        && !agency.chars().any(|c| c.is_ascii_digit())
}

/// "© The Harbour Gazette LLC 2005-2017", "Copyright 2016 The Associated
/// Press. All rights reserved.": the holder, without years, company forms
/// and legal phrases.
fn copyright_holder(line: &str) -> Option<String> {
    let t = line.trim();
    let lower = t.to_lowercase();
    let rest = ["©", "copyright ©", "copyright (c)", "copyright", "(c)"]
        .iter()
        .find_map(|p| lower.starts_with(p).then(|| t.get(p.len()..)).flatten())?;
    let rest = rest.split(['|', ';']).next().unwrap_or("");
    let toks: Vec<&str> = rest
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| matches!(c, ',' | '©')))
        .filter(|w| !w.is_empty())
        .collect();
    // The holder runs up to its years or its company form ("The Gazette
    // LLC 2005-2017 About Us ..."), or follows the years ("2016 The Wire.").
    let stop = |w: &str| {
        is_year(w)
            || is_company_form(w)
            || w.ends_with('.')
            || matches!(w, "-" | "\u{2013}" | "\u{2014}")
    };
    // "Copyright 2017 by Station - All rights reserved."
    let lead = toks
        .iter()
        .take_while(|w| is_year(w) || **w == "by")
        .count();
    let mut name: Vec<&str> = Vec::new();
    for w in &toks[lead..] {
        if stop(w) {
            if w.ends_with('.') && !is_company_form(w) && !is_year(w) {
                name.push(w.trim_end_matches('.'));
            }
            break;
        }
        name.push(w);
    }
    let capital = name.iter().all(|w| {
        w.chars().next().is_some_and(char::is_uppercase) || matches!(*w, "of" | "and" | "the" | "&")
    });
    (!name.is_empty() && name.len() <= 6 && capital).then(|| name.join(" "))
}

fn is_year(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    w.len() >= 4
        && w.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '\u{2013}'))
}

fn is_company_form(w: &str) -> bool {
    matches!(
        w.trim_end_matches([',', '.']),
        "LLC" | "Inc" | "Ltd" | "Corp" | "Co" | "PLC" | "GmbH" | "Limited" | "LP"
    )
}

/// The date of a "Posted on May 4, 2021" or "Published: 04/05/2021 by ..."
/// line among the first kept lines or the removed ones.
pub fn posted_date(text: &str, removed: &[RemovedLine]) -> Option<Date> {
    text.lines()
        .take(DATELINE_LINES)
        .chain(removed.iter().map(|r| r.text.as_str()))
        .find_map(posted_line_date)
}

fn posted_line_date(line: &str) -> Option<Date> {
    let t = line.trim();
    let lower = t.to_lowercase();
    let prefix = [
        "posted on ",
        "posted: ",
        "posted ",
        "published on ",
        "published: ",
        "published ",
    ]
    .iter()
    .find(|p| lower.starts_with(*p))?;
    let rest = t.get(prefix.len()..)?;
    // The date comes first; a byline or a time may follow it.
    let rest = rest.split(" by ").next().unwrap_or(rest);
    let words: Vec<&str> = rest.split_whitespace().collect();
    (1..=words.len().min(5))
        .rev()
        .find_map(|n| crate::dates::parse_date(&words[..n].join(" ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines_name_the_outlet() {
        assert_eq!(
            dateline_outlet("HARBOUR CITY (Reuters) - The port reopened on Monday.").as_deref(),
            Some("Reuters")
        );
        assert_eq!(
            dateline_outlet("(CNN) The port reopened on Monday.").as_deref(),
            Some("CNN")
        );
        assert_eq!(
            dateline_outlet("Senator Ann Lee (D) said the port would reopen."),
            None
        );
        assert_eq!(
            dateline_outlet("The mayor (pictured) said the port would reopen."),
            None
        );
    }

    #[test]
    fn copyright_lines_name_the_holder() {
        assert_eq!(
            copyright_holder("© The Harbour Gazette LLC 2005-2017").as_deref(),
            Some("The Harbour Gazette")
        );
        assert_eq!(
            copyright_holder("Copyright 2016 The Coast Wire. All rights reserved.").as_deref(),
            Some("The Coast Wire")
        );
        assert_eq!(
            copyright_holder("Copyright law changed in 1998, he said."),
            None
        );
        assert_eq!(
            copyright_holder("© The Harbour Gazette LLC 2005-2017 About Us Masthead Advertise")
                .as_deref(),
            Some("The Harbour Gazette")
        );
    }

    #[test]
    fn posted_lines_give_a_date() {
        assert_eq!(
            posted_line_date("Posted on May 4, 2021 by Ann Lee").map(|d| d.to_string()),
            Some("2021-05-04".to_string())
        );
        assert_eq!(
            posted_line_date("The post office opened in May 2021."),
            None
        );
    }
}
