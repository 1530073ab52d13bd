//! The credits that close an agency or newspaper story: production notes
//! ("(Editing by ...)", "(Additional reporting by ...; Writing by ...)"),
//! contributor lines ("... contributed to this report.", "Roe reported from
//! Kampala."), contact lines ("Write to Ann Lee at ann@example.com"), and
//! print-edition notes ("A version of this article appeared ... on page A1"),
//! and the byline that credits the writer ("By Ann Lee") on a line of its own.

use dossier_model::JunkReason;

use super::words;

/// Newsroom roles that open a production-note parenthetical.
const ROLES: &[&str] = &[
    "editing",
    "additional reporting",
    "reporting",
    "writing",
    "compiled",
    "translated",
    "translation",
    "produced",
    "research",
    "graphics",
    "with reporting",
    "edited",
];

/// A closing credit of the story, prose or not. `lower` is the trimmed
/// line in lower case, made once for all the furniture rules.
pub(super) fn agency_tail(line: &str, lower: &str) -> Option<JunkReason> {
    let t = line.trim();
    let hit = production_note(t)
        || contributor_line(t, lower)
        || reported_from(t)
        || contact_line(t)
        || edition_note(t, lower);
    hit.then_some(JunkReason::Footer)
}

/// "By Ann Lee", "By Ann Lee and Tom Black, 4 May 2031": the writer's
/// credit on a line of its own. It is metadata (the ingest takes the
/// author from it), not a sentence of the report; "By Thursday the dock
/// workers had returned" goes on in lower case and is prose.
pub(super) fn byline(line: &str) -> Option<JunkReason> {
    let t = line.trim();
    let rest = t.strip_prefix("By ").or_else(|| t.strip_prefix("BY "))?;
    let (names, after) = rest.split_once([',', '|']).unwrap_or((rest, ""));
    let toks: Vec<&str> = names.split_whitespace().collect();
    let name_word = |w: &&str| {
        w.chars().next().is_some_and(char::is_uppercase)
            || matches!(
                *w,
                "and" | "&" | "de" | "van" | "von" | "der" | "la" | "le" | "du" | "al"
            )
    };
    let named = (2..=8).contains(&toks.len())
        && toks.iter().all(name_word)
        && toks[0].chars().next().is_some_and(char::is_uppercase);
    (named && words(after) <= 8 && !t.ends_with(['.', '!', '?'])).then_some(JunkReason::Boilerplate)
}

/// "(Editing by Ann Lee)", "(Reporting by A; Additional reporting by B)".
fn production_note(t: &str) -> bool {
    let Some(inner) = t.strip_prefix('(').and_then(|s| s.strip_suffix(')')) else {
        return false;
    };
    let lower = inner.to_lowercase();
    ROLES
        .iter()
        .any(|r| lower.starts_with(r) && lower[r.len()..].trim_start().starts_with("by "))
}

/// "Ann Lee in Paris contributed to this report.", "Staff writer Tom Black
/// contributed reporting." `lower` is `t` in lower case.
fn contributor_line(t: &str, lower: &str) -> bool {
    let end = lower.trim_end_matches(['.', ')']);
    let tails = [
        "contributed to this report",
        "contributed to this article",
        "contributed to this story",
        "contributed reporting",
        "contributed to this reporting",
        "also contributed",
    ];
    tails.iter().any(|s| end.ends_with(s)) && words(t) <= 45
}

/// "Roe reported from Kampala, Uganda.": a short line naming where a
/// correspondent filed from.
fn reported_from(t: &str) -> bool {
    let Some(at) = t.find(" reported from ") else {
        return false;
    };
    let who = &t[..at];
    let who_ok = who
        .split_whitespace()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase) || w == "and");
    who_ok && !who.is_empty() && words(t) <= 14
}

/// A short line with an e-mail address: "Write to Ann Lee at ann@example.com",
/// "Contact the author: ann@example.com".
fn contact_line(t: &str) -> bool {
    // Both need an `@` or an opening verb, which most lines lack.
    let has_email = || t.contains('@') && t.split_whitespace().any(is_email);
    has_email() && words(t) <= 16 || reach_line(t)
}

/// "Reach Ann Lee at 555-123-4567 and on Twitter @annlee.": the writer's
/// phone number or handle offered to the reader, opened by an imperative.
fn reach_line(t: &str) -> bool {
    let opens = ["Reach ", "Contact ", "Call ", "Email "]
        .iter()
        .any(|o| t.starts_with(o));
    if !opens {
        return false;
    }
    let phone = t
        .split_whitespace()
        .any(|w| w.bytes().filter(u8::is_ascii_digit).count() >= 7 && w.contains('-'));
    let handle = t.split_whitespace().any(|w| {
        w.trim_end_matches(['.', ','])
            .strip_prefix('@')
            .is_some_and(|h| h.len() >= 2)
    });
    t.contains(" at ") && (phone || handle) && words(t) <= 20
}

/// "name@host.tld", allowing closing punctuation.
pub(super) fn is_email(tok: &str) -> bool {
    let tok = tok.trim_matches(|c: char| !c.is_alphanumeric());
    let Some((user, host)) = tok.split_once('@') else {
        return false;
    };
    !user.is_empty()
        && host.contains('.')
        && !host.starts_with('.')
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-')
}

/// "A version of this article appeared in print on ...", "This is an
/// expanded version of the review that ran in ...", "This story was
/// originally published on ...". `lower` is `t` in lower case.
fn edition_note(t: &str, lower: &str) -> bool {
    // The rare words first: most lines stop at them.
    let print = || {
        [
            "issue",
            "page",
            "print",
            "edition",
            "magazine",
            "newspaper",
            "headline",
        ]
        .iter()
        .any(|v| lower.contains(v))
    };
    let version = lower.contains("version of th")
        && ["appeared", " ran ", "was published", "was originally"]
            .iter()
            .any(|v| lower.contains(v))
        && print();
    let originally = (lower.starts_with("this ") || lower.starts_with("a version"))
        && [
            "originally appeared",
            "originally published",
            "first appeared",
            "first published",
        ]
        .iter()
        .any(|v| lower.contains(v));
    (version || originally) && words(t) <= 45
}

#[cfg(test)]
mod tests {
    use dossier_model::JunkReason;

    fn agency_tail(l: &str) -> Option<JunkReason> {
        super::agency_tail(l, &l.trim().to_lowercase())
    }

    #[test]
    fn closing_credits_are_footers() {
        for l in [
            "(Editing by Ann Lee)",
            "(Additional reporting by Tom Black in Lagos; Writing by Ann Lee; Editing by Sam Green)",
            "(Reporting By Ann Lee; Editing by Tom Black)",
            "Staff writers Ann Lee in Lima and Tom Black in Quito contributed to this report.",
            "—Sam Green in Haifa, Israel, contributed to this article.",
            "Okello reported from Kampala, Uganda.",
            "Lee and Black reported from Nairobi.",
            "Write to Ann Lee at ann.lee@example.com",
            "A version of this article appeared March 3, 2014, on page A6 of the print edition.",
            "This is an expanded version of the review that ran in the May 2 issue of the magazine.",
            "This story was originally published on the Harbour Times website.",
        ] {
            assert!(agency_tail(l).is_some(), "{l}");
        }
    }

    #[test]
    fn article_sentences_are_not_tails() {
        for l in [
            "(The company has denied wrongdoing.)",
            "Police said the driver was reported from the scene to be in stable condition by medics.",
            "The mayor told the council that several residents had reported from their homes that the water was brown, and asked for tests at anyone@example.com or by phone, she said.",
            "Investigators said the version of events the suspect gave did not match the footage.",
        ] {
            assert_eq!(agency_tail(l), None, "{l}");
        }
    }

    #[test]
    fn a_byline_alone_on_its_line_is_found() {
        for l in [
            "By Ann Lee",
            "By Ann Lee and Tom Black, 4 May 2031",
            "BY ANN LEE | 10:30",
        ] {
            assert!(super::byline(l).is_some(), "{l}");
        }
        for l in [
            "By Thursday the dock workers had all returned to work",
            "By Monday.",
            "By contrast, the port stayed shut",
        ] {
            assert_eq!(super::byline(l), None, "{l}");
        }
    }
}
