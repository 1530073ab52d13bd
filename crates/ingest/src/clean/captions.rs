//! Picture captions and their credits, in the shapes agencies and sites
//! print them: a caption that ends in a credit ("... (AP Photo/Jane Roe)",
//! "... Photograph: Jane Roe/Agency", "... AGENCY/Jane Roe"), one that opens
//! with it ("Associated Press A ferry leaves ..."), the agency style "FILE -
//! In this 2001 file photo, ...", and the tabloid "Label: description" line.

use dossier_model::JunkReason;

use super::words;

/// Agencies and picture libraries that open a caption with their name.
const LEADING_AGENCIES: &[&str] = &[
    "Associated Press",
    "Reuters",
    "AFP",
    "Getty Images",
    "European Pressphoto Agency",
    "EPA",
    "Agence France-Presse",
    "Shutterstock",
];

/// A caption or credit line, judged on the line alone (prose or not).
pub(super) fn caption_or_credit(line: &str) -> Option<JunkReason> {
    let t = line.trim();
    let hit = file_photo_caption(t)
        || leading_credit(t)
        || leading_slash_credit(t)
        || pipe_credit(t)
        || trailing_credit_label(t)
        || trailing_agency_slash(t)
        || trailing_name_slash_parenthetical(t);
    hit.then_some(JunkReason::PhotoCredit)
}

/// "FILE - In this May 4, 2001, file photo, ..." and "In this Aug. 2, 2014
/// photo, ...": the agencies' caption openings.
fn file_photo_caption(t: &str) -> bool {
    let file = ["FILE -", "FILE –", "FILE —", "FILE-"]
        .iter()
        .any(|p| t.starts_with(p));
    // "In this <date> photo," names the picture and then describes it.
    let in_this = t.starts_with("In this ")
        && t.split_whitespace()
            .take(12)
            .any(|w| matches!(w, "photo," | "photograph," | "image," | "picture,"));
    file || in_this
}

/// "Associated Press An Israeli soldier ...": a caption whose credit, an
/// agency's name, comes first, straight before a capitalised word.
fn leading_credit(t: &str) -> bool {
    LEADING_AGENCIES.iter().any(|a| {
        let Some(rest) = t.strip_prefix(a).and_then(|r| r.strip_prefix(' ')) else {
            return false;
        };
        // "Reuters Television reported ..." is the agency as a source.
        let reports = rest.split_whitespace().take(4).any(|w| {
            matches!(
                w.trim_end_matches(','),
                "reported" | "reports" | "said" | "says" | "quoted" | "cited"
            )
        });
        rest.chars().next().is_some_and(char::is_uppercase) && !reports
    }) && words(t) <= 60
}

/// "Jane Roe / AFP / Getty Images A ferry leaves ...": a caption opened by
/// its credit, a name and an agency joined by slashes.
fn leading_slash_credit(t: &str) -> bool {
    // Cheap first: a credit's slash comes within its first few words.
    let head = t.get(..t.len().min(80)).unwrap_or(t);
    // A byte scan for the slash first: a substring search costs a set-up.
    if !head.as_bytes().contains(&b'/') || !head.contains("/ ") {
        return false;
    }
    let Some(cut) = LEADING_AGENCIES
        .iter()
        .filter_map(|a| t.find(&format!("/ {a} ")).map(|i| i + 2 + a.len()))
        .max()
    else {
        return false;
    };
    let credit = &t[..cut];
    let caption = t[cut..].trim_start();
    let credit_ok = words(credit) <= 10 && credit.split(" / ").all(is_short_credit);
    credit_ok && caption.chars().next().is_some_and(char::is_uppercase) && words(t) <= 60
}

/// "... in 2005. | Getty More news ...": a sentence, a bar and an agency's
/// credit, as some sites flatten a picture and the teaser after it.
fn pipe_credit(t: &str) -> bool {
    // A byte scan for the bar first: a substring search costs a set-up.
    if !t.as_bytes().contains(&b'|') || !t.contains(". | ") {
        return false;
    }
    LEADING_AGENCIES.iter().chain(&["AP", "AP Photo"]).any(|a| {
        t.match_indices(&format!(". | {a}")).any(|(i, m)| {
            let after = t[i + m.len()..].chars().next();
            after.is_none_or(|c| c == ' ')
        })
    }) || t.contains(". | Getty ")
        || t.ends_with(". | Getty")
}

/// "... in 1996. Photograph: Jane Roe/Agency", "... a problem? Photo: Jane
/// Roe", "... the town. Video by Jane Roe via Agency.": a picture label
/// after the caption, followed by a short credit to the end of the line.
fn trailing_credit_label(t: &str) -> bool {
    const LABELS: &[&str] = &[
        "Photo: ",
        "Photos: ",
        "Photograph: ",
        "Image: ",
        "Picture: ",
        "Credit: ",
        "Photo by ",
        "Photos by ",
        "Video by ",
        "Video: ",
        "Pic ",
        "Photo credit: ",
        "Image credit: ",
    ];
    // Every label holds a colon, " by " or "Pic ": most lines have none,
    // and one scan for each is cheaper than one for each label.
    if !t.contains(':')
        && !label_finders()
            .iter()
            .any(|f| f.find(t.as_bytes()).is_some())
    {
        return false;
    }
    LABELS.iter().any(|label| {
        t.match_indices(label).any(|(i, _)| {
            let credit = &t[i + label.len()..];
            let before = t[..i].trim_end();
            let after_sentence = before.is_empty()
                || before.ends_with(['.', '?', '!', '"', '\u{201d}', ')'])
                || i > 0;
            after_sentence && i > 0 && is_short_credit(credit)
        })
    })
}

/// Searchers for " by " and "Pic ", made once: most lines are searched for
/// them, and a substring search made afresh costs a set-up each time.
fn label_finders() -> &'static [memchr::memmem::Finder<'static>] {
    static F: std::sync::OnceLock<[memchr::memmem::Finder<'static>; 2]> =
        std::sync::OnceLock::new();
    F.get_or_init(|| [" by ", "Pic "].map(memchr::memmem::Finder::new))
}

/// A credit: one to seven words, each capitalised or joined by a slash,
/// "via", "for", "of", "and", "et al", ending the line.
fn is_short_credit(s: &str) -> bool {
    let s = s.trim().trim_end_matches('.');
    let toks: Vec<&str> = s.split_whitespace().collect();
    (1..=7).contains(&toks.len())
        && toks.iter().all(|w| {
            let first = w.chars().find(|c| c.is_alphanumeric());
            first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                || matches!(
                    *w,
                    "via" | "for" | "of" | "and" | "the" | "et" | "al" | "al." | "/"
                )
                || w.contains('/')
        })
}

/// "... the company's stand. REUTERS/Jane Roe" or "... AFP/Getty Images":
/// an agency in capitals, a slash and a name end the line.
fn trailing_agency_slash(t: &str) -> bool {
    let Some(slash) = t.rfind('/') else {
        return false;
    };
    let head = &t[..slash];
    let agency_start = head.rfind(|c: char| c.is_whitespace()).map_or(0, |i| i + 1);
    let agency = &head[agency_start..];
    let name = &t[slash + 1..];
    let caps =
        agency.len() >= 2 && agency.chars().all(|c| c.is_ascii_uppercase()) && agency_start > 0;
    // A name has lower-case letters and no full stop: "SEC/FINRA." is not one.
    let name_like = name.chars().any(char::is_lowercase) && !name.ends_with('.');
    caps && name_like
        && (1..=4).contains(&words(name))
        && is_short_credit(name)
        && !name.contains('/')
}

/// "... on Monday. (Jane Roe/City Archive)", "(Institute/J. Roe)": a
/// caption ending in a parenthetical credit of capitalised names on both
/// sides of a slash.
fn trailing_name_slash_parenthetical(t: &str) -> bool {
    let Some(inner) = t.strip_suffix(')') else {
        return false;
    };
    let Some(open) = inner.rfind('(') else {
        return false;
    };
    let inner = &inner[open + 1..];
    let mut parts = inner.split('/');
    let (Some(a), Some(b), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    open > 0 && is_short_credit(a) && is_short_credit(b) && words(inner) <= 8
}

/// "Gun drama: With the mayor in the front seat, ..." without a full stop:
/// a tabloid caption, a short emotive label over a description. A line of
/// a definition list or a table carries figures or several labels, and a
/// sentence ends with punctuation; neither is taken.
pub(super) fn label_caption(line: &str) -> bool {
    let t = line.trim();
    let ends_open = !t.ends_with([
        '.', '!', '?', '"', '\u{201d}', '\'', '\u{2019}', ')', ']', ':', ';', ',', '…',
    ]);
    let last = t
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .to_lowercase();
    let cut_off = dossier_text::is_stopword(&last);
    ends_open && !cut_off && labelled_description(t)
}

/// A label of one to four words (not a speaker in capitals, "MAYOR: ...",
/// which opens a transcript line) over a description of six words or more.
/// Flattened captions run into each other ("... Label: ... Label: ..."),
/// so more labels are allowed; figures and references are a table's.
fn labelled_description(t: &str) -> bool {
    let Some((label, rest)) = t.split_once(": ") else {
        return false;
    };
    let label_ok = (1..=4).contains(&words(label))
        && label.chars().next().is_some_and(char::is_uppercase)
        && label.chars().any(char::is_lowercase)
        && label
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '\'');
    let plain = !t.contains(['%', '[']);
    let described = words(rest) >= 6 && rest.chars().next().is_some_and(char::is_uppercase);
    label_ok && plain && described
}

/// A text that opens with a tabloid caption ending in a full stop ("Lucky
/// escape: The cyclist walks away from the crash."): a title never ends
/// with one, so at the head of a text the label and the full stop together
/// mark a caption. Further down, such a line may be an update note, and
/// only the open form counts there.
pub(super) fn opening_label_caption(line: &str) -> bool {
    let t = line.trim();
    let closed = t.ends_with(['.', '!']) || t.ends_with(".\"") || t.ends_with(".\u{201d}");
    closed && labelled_description(t)
}

/// Several tabloid captions flattened into one line ("Close call: The
/// driver swerves past the cyclist Lucky escape: The cyclist ..."): a label
/// opens the line and another capitalised label of one or two words comes
/// later. Reported speech ("he said: The ...") has a lower-case word there.
pub(super) fn run_on_label_captions(line: &str) -> bool {
    let t = line.trim();
    if t.contains(['%', '[']) || !starts_with_label(t) {
        return false;
    }
    let toks: Vec<&str> = t.split_whitespace().collect();
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let wordy = |w: &str| w.chars().any(char::is_lowercase);
    (3..toks.len()).any(|i| {
        // "Attraction:" or "Retail therapy:".
        let label = toks[i]
            .strip_suffix(':')
            .filter(|l| wordy(l) && (capital(l) || capital(toks[i - 1])));
        let next_cap = toks.get(i + 1).is_some_and(|w| capital(w));
        label.is_some() && next_cap
    })
}

fn starts_with_label(t: &str) -> bool {
    t.split_once(": ").is_some_and(|(label, rest)| {
        (1..=4).contains(&words(label))
            && label.chars().next().is_some_and(char::is_uppercase)
            && label.chars().any(char::is_lowercase)
            && label
                .chars()
                .all(|c| c.is_alphabetic() || c == ' ' || c == '\'')
            && rest.chars().next().is_some_and(char::is_uppercase)
    })
}

/// Ends like a sentence, a quotation, a list item or a cut-off line.
fn ends_closed(t: &str) -> bool {
    t.ends_with([
        '.', '!', '?', '"', '\u{201d}', '\'', '\u{2019}', ')', ']', ':', ';', ',', '…', '-', '–',
        '—',
    ])
}

/// The last word is a function word: a line cut mid-sentence.
fn cut_off(t: &str) -> bool {
    let last = t
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .to_lowercase();
    dossier_text::is_stopword(&last)
}

/// "Ann Lee, pictured left, waves to the crowd at the quay" with no full
/// stop: a caption, which describes a picture ("pictured", "(left)",
/// "appear to", "Scenes from") and, unlike a sentence, does not end.
pub(super) fn open_caption(line: &str) -> bool {
    let t = line.trim();
    if words(t) < 8 || ends_closed(t) || cut_off(t) {
        return false;
    }
    let lower = t.to_lowercase();
    let strong_cue = [
        "pictured",
        "(left)",
        "(right)",
        "(centre)",
        "(center)",
        "(l)",
        "(r)",
        "shown here",
    ]
    .iter()
    .any(|c| lower.contains(c))
        || lower.starts_with("scenes from ")
        || lower.starts_with("scene from ");
    // Words a report uses too ("it appears to have ..."): they mark a
    // caption only in a line of one sentence, as captions are.
    let weak_cue = [
        " appear to ",
        " appears to ",
        " is seen ",
        " are seen ",
        " poses ",
    ]
    .iter()
    .any(|c| lower.contains(c));
    let one_sentence = !t.contains(". ");
    t.chars().next().is_some_and(char::is_uppercase) && (strong_cue || (weak_cue && one_sentence))
}

/// "It was never a planet, and that is fine Dr Ann Lee, Harbour
/// University": a pull quote, set apart without its quotation marks and
/// signed with a name and an affiliation after a comma, and no full stop.
pub(super) fn pull_quote(line: &str) -> bool {
    let t = line.trim();
    if words(t) < 10 || ends_closed(t) {
        return false;
    }
    let Some((quote, affiliation)) = t.rsplit_once(", ") else {
        return false;
    };
    let capital = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    let aff: Vec<&str> = affiliation.split_whitespace().collect();
    let q: Vec<&str> = quote.split_whitespace().collect();
    // The name: two or three capitalised words, maybe after a title, and a
    // lower-case word of the quote straight before them.
    const TITLES: &[&str] = &["Dr", "Prof", "Professor", "Sir", "Mr", "Mrs", "Ms", "Dame"];
    let name_len = q.iter().rev().take_while(|w| capital(w)).count();
    let title = name_len >= 1 && TITLES.contains(&q[q.len() - name_len]);
    let name_ok = (2..=4).contains(&name_len) && (title || name_len <= 3);
    let before = q.len().checked_sub(name_len + 1).and_then(|i| q.get(i));
    // "... approval of the Attorney General, Deputy ..." is a noun phrase
    // of running text, not a signature.
    let quote_ends = before.is_some_and(|w| {
        w.chars().all(|c| c.is_lowercase() || c == '\'')
            && !matches!(
                *w,
                "the"
                    | "a"
                    | "an"
                    | "of"
                    | "to"
                    | "for"
                    | "and"
                    | "by"
                    | "with"
                    | "from"
                    | "at"
                    | "in"
                    | "on"
            )
    });
    (1..=4).contains(&aff.len()) && aff.iter().all(capital) && name_ok && quote_ends
}

/// "Harbour Archive, City Museum", "Ann Lee et al/Port Journal": a credit
/// alone on its line (its caption lost), a few capitalised words with a
/// comma or a slash between them. Judged only between two paragraphs.
pub(super) fn lone_credit(line: &str) -> bool {
    let t = line.trim();
    let toks: Vec<&str> = t.split_whitespace().collect();
    // Credits carry no figures; "9/16 - Statements" is a dated heading.
    let joined = (t.contains(", ") || t.contains('/')) && !t.chars().any(|c| c.is_ascii_digit());
    let credit_word = |w: &&str| {
        w.chars().next().is_some_and(char::is_uppercase)
            || w.contains('/')
            || matches!(
                *w,
                "et" | "al" | "al." | "of" | "the" | "and" | "for" | "via"
            )
    };
    (2..=6).contains(&toks.len()) && joined && toks.iter().all(credit_word) && !ends_closed(t)
}

#[cfg(test)]
mod tests {
    use super::{
        caption_or_credit, label_caption, lone_credit, open_caption, pull_quote,
        run_on_label_captions,
    };

    #[test]
    fn captions_with_credits_are_found() {
        for l in [
            "FILE - In this June 2, 2009, file photo, the old bridge is seen from the river bank.",
            "In this Aug. 12, 2016 photo, volunteers fill sandbags near the levee.",
            "Associated Press A ferry leaves the harbour at dawn on Tuesday.",
            "The harbour master and his deputy inspect the quay in 1998. Photograph: Ann Lee/PA",
            "Is the river rising too fast? Photo: Tom Black",
            "Flood water reaches the town hall steps on Friday. Photo: AGENCY.",
            "Crowds gather on the quay to watch the tall ships. Video by Ann Lee via Harbour TV.",
            "Workers clear the debris from the road near the dam. REUTERS/Sam Green",
            "The senator speaks to reporters at the capitol. AFP/Getty Images",
            "An artist's impression of the new comet. (Observatory/J. Smith)",
            "Mourners gather outside the church. (Ann Lee,Tom Black/The Daily Courier)",
            "Jane Roe / AFP / Getty Images The mayor opens the sea wall on Monday.",
            "A soldier hands out new uniforms in 2005. | Getty Harbour board worried about costs",
        ] {
            assert!(caption_or_credit(l).is_some(), "{l}");
        }
    }

    #[test]
    fn article_sentences_are_not_captions() {
        for l in [
            "Associated Press reported the figures on Tuesday.",
            "Reuters Television reported, citing two officials, that the talks had ended.",
            "The ratio of debt to income (debt/income) rose again.",
            "In this town, the photo lab closed years ago and nobody noticed it.",
            "He said the pictures were taken by a neighbour, not by the police.",
            "Photo: the council will vote on the new plan next week, officials said.",
            "Sales rose 4% in the quarter, the company said in its report to the SEC/FINRA.",
            "Prices rose / AFP reported the figures on Monday.",
        ] {
            assert_eq!(caption_or_credit(l), None, "{l}");
        }
    }

    #[test]
    fn tabloid_label_captions_are_found_and_lists_are_not() {
        assert!(label_caption(
            "Close call: The driver swerves past the cyclist on the busy junction"
        ));
        assert!(!label_caption(
            "Severity: Height and weight at or below the 3rd percentile [12] in 40% of cases"
        ));
        assert!(!label_caption(
            "Update: The council responded to our questions with a statement."
        ));
        assert!(!label_caption("Director: Jane Roe"));
        assert!(run_on_label_captions(
            "Close call: The driver swerves past the cyclist on the junction. Lucky escape: The cyclist walks away"
        ));
        assert!(run_on_label_captions(
            "Close call: The driver swerves past the cyclist on the junction Lucky escape: The cyclist walks away."
        ));
        assert!(!run_on_label_captions(
            "Update: The council met on Monday and said: The plan will go ahead in May."
        ));
        assert!(!label_caption(
            "MAYOR: I mean, I see the river every day and it is rising fast"
        ));
        assert!(!label_caption(
            "Subject: Review of the Harbour Authority Accounts for the Year and the"
        ));
    }

    #[test]
    fn a_text_may_open_with_a_closed_label_caption() {
        assert!(super::opening_label_caption(
            "Lucky escape: The cyclist walks away from the crash on the \"old road.\""
        ));
        assert!(!super::opening_label_caption(
            "Analysis: Why the harbour wall failed"
        ));
        assert!(!super::opening_label_caption(
            "Harbour reopens after storms."
        ));
    }

    #[test]
    fn open_captions_pull_quotes_and_lone_credits_are_found() {
        assert!(open_caption(
            "The skipper, pictured at the helm next to his son, was said to have sailed alone for years"
        ));
        assert!(open_caption(
            "Scenes from the harbour festival, attended by the mayor, to mark the new sea wall"
        ));
        assert!(pull_quote(
            "It was never a planet and the sooner we say so the better it is for everyone Dr Ann Lee, Harbour University"
        ));
        assert!(lone_credit("Harbour Archive, City Museum"));
        assert!(lone_credit("Ann Lee et al/Port Journal"));
    }

    #[test]
    fn sentences_and_headings_are_not_open_captions_or_credits() {
        assert!(!open_caption(
            "The skipper, pictured here in 1998, was said to have sailed alone for years."
        ));
        assert!(!open_caption("Why the harbour wall failed in the night"));
        assert!(!pull_quote(
            "The mayor said the harbour would reopen on Monday, Ann Lee, the port manager"
        ));
        assert!(!pull_quote(
            "\"We will rebuild,\" said Ann Lee, Harbour University."
        ));
        assert!(!lone_credit("What comes next"));
        assert!(!lone_credit("9/16 - Private Statements"));
        assert!(!open_caption(
            "To us this plan is wrong. It appears to have one purpose: to raise the rates * * *"
        ));
        assert!(!pull_quote(
            "It then required the approval of the Attorney General, Deputy Attorney"
        ));
        assert!(!lone_credit("Then, suddenly, the storm."));
    }
}
