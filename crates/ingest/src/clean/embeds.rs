//! Embedded media that a scraper flattens into the text: a social post that
//! promotes the outlet's own coverage ("The latest at 11pm @Station ... —
//! Ann Lee (@annlee) May 4, 2031") and the blurb of a video clip ("... Ann
//! Lee reports. (Published Monday, May 4, 2031)").
//!
//! An embedded post by a newsmaker is quoted evidence and stays (see
//! `social.rs`); only a post that points the reader at more coverage goes.

use dossier_model::JunkReason;

use super::words;

/// An embedded post or a clip's blurb, prose or not.
pub(super) fn embedded_media(line: &str) -> Option<JunkReason> {
    let t = line.trim();
    let promo = post_body(t).is_some_and(promotes);
    (promo || published_stamp(t) || presenter_tail(t)).then_some(JunkReason::Boilerplate)
}

/// The date printed on an embedded post or a clip ("May 4, 2031" of "—
/// Ann Lee (@annlee) May 4, 2031", "Monday, May 4, 2031" of "(Published
/// Monday, May 4, 2031)"), for the metadata of a text that has no other.
pub(crate) fn stamped_date_text(line: &str) -> Option<&str> {
    let t = line.trim();
    published_stamp_text(t).or_else(|| post_signature(t).map(|(_, date)| date))
}

/// The text of an embedded post, before its signature "— Name (@handle)
/// Month D, YYYY" that ends the line; `None` when the line is no post.
fn post_body(t: &str) -> Option<&str> {
    post_signature(t).map(|(body, _)| body)
}

/// An embedded post's body and the date of its signature.
fn post_signature(t: &str) -> Option<(&str, &str)> {
    let open = t.rfind(" (@")?;
    let after = &t[open + 3..];
    let close = after.find(')')?;
    let handle = &after[..close];
    let handle_ok = !handle.is_empty() && handle.chars().all(|c| c.is_alphanumeric() || c == '_');
    // The post's date closes the line and ends in a year.
    let date = after[close + 1..].trim();
    let dated = date.len() >= 8 && date.len() <= 24 && date.rsplit(' ').next().is_some_and(is_year);
    let dash = t[..open].rfind(['—', '–'])?;
    (handle_ok && dated).then(|| (t[..dash].trim(), date))
}

fn is_year(w: &str) -> bool {
    w.len() == 4 && w.starts_with(['1', '2']) && w.bytes().all(|b| b.is_ascii_digit())
}

/// A post that sends the reader to more coverage: a pointer ("See more in
/// my report here"), or a broadcast slot ("at 11pm") announced as "the
/// latest". A newsmaker's statement has neither.
fn promotes(body: &str) -> bool {
    let lower = body.to_lowercase();
    let pointer = [
        "see more",
        "read more",
        "watch ",
        "tune in",
        "join us",
        "more here",
        "story here",
        "investigation here",
        "details here",
    ]
    .iter()
    .any(|p| lower.contains(p));
    let slot = lower.contains("the latest") && has_clock_time(&lower);
    pointer || slot
}

/// "11pm", "6 p.m.", "11am": a time of day, as a broadcast slot is given.
fn has_clock_time(lower: &str) -> bool {
    let toks: Vec<&str> = lower.split_whitespace().collect();
    toks.iter().enumerate().any(|(i, w)| {
        let digits = w.trim_end_matches(|c: char| c.is_alphabetic() || c == '.');
        let suffix = &w[digits.len()..];
        let num =
            !digits.is_empty() && digits.len() <= 2 && digits.bytes().all(|b| b.is_ascii_digit());
        let meridian =
            |s: &str| matches!(s.trim_end_matches(['.', ',']), "pm" | "am" | "p.m" | "a.m");
        num && (meridian(suffix)
            || (suffix.is_empty() && toks.get(i + 1).is_some_and(|n| meridian(n))))
    })
}

/// "... (Published Saturday, May 4, 2031)": a clip's description closes
/// with its publication stamp, which no article sentence carries.
fn published_stamp(t: &str) -> bool {
    published_stamp_text(t).is_some()
}

fn published_stamp_text(t: &str) -> Option<&str> {
    let inner = t.strip_suffix(')')?;
    let open = inner.rfind("(Published ")?;
    let stamp = &inner[open + "(Published ".len()..];
    (open > 0 && words(stamp) <= 6 && stamp.split([' ', ',']).any(is_year)).then_some(stamp)
}

/// "... Ann Lee has the latest from the port.": a clip's blurb ends by
/// naming its presenter. The line's last sentence is
/// that credit, after at least one sentence describing the clip.
fn presenter_tail(t: &str) -> bool {
    if !t.ends_with('.') || !t.contains(" has ") || words(t) > 80 {
        return false;
    }
    let body = &t[..t.len() - 1];
    let Some(cut) = body.rfind(". ") else {
        return false;
    };
    let last: Vec<&str> = body[cut + 2..].split_whitespace().collect();
    let verb = last.iter().position(|w| *w == "has").unwrap_or(0);
    let named = verb >= 2
        && last[..verb]
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    let tail = last[verb..].join(" ");
    // "Ann Lee reports." also opens a radio story's own report, which is
    // text; "has the latest" hands over to a clip.
    let credit = tail.starts_with("has the latest") || tail.starts_with("has more");
    named && verb <= 3 && credit && last.len() <= 16
}

#[cfg(test)]
mod tests {
    use super::embedded_media;

    #[test]
    fn promotional_posts_and_clip_blurbs_are_found() {
        for l in [
            "The latest on the harbour fire at 11pm @Channel9 pic.twitter.com/abc123 — Ann Lee (@annlee) May 4, 2031",
            "Family of the ferry captain tells me he had warned the port twice. See more in my report here: https://t.co/xyz — Tom Black (@tomblack) March 2, 2031",
            "Firefighters fought the blaze at the harbour warehouse for six hours. Ann Lee reports for the Evening News at 6 on Monday. (Published Monday, May 4, 2031)",
            "The harbour reopened on Monday after a week of storms. Tom Black has the latest from the port on The Morning Desk.",
        ] {
            assert!(embedded_media(l).is_some(), "{l}");
        }
    }

    #[test]
    fn posts_and_clips_carry_their_date() {
        assert_eq!(
            super::stamped_date_text("The quay at dawn. (Published Monday, May 4, 2031)"),
            Some("Monday, May 4, 2031")
        );
        assert_eq!(
            super::stamped_date_text("We will rebuild. — Ann Lee (@annlee) May 4, 2031"),
            Some("May 4, 2031")
        );
        assert_eq!(super::stamped_date_text("The quay at dawn."), None);
    }

    #[test]
    fn a_newsmakers_post_and_report_sentences_stay() {
        for l in [
            "We will rebuild the harbour, stronger than before. — Mayor Ann Lee (@mayorlee) May 4, 2031",
            "The mayor said on Monday that the harbour would reopen. Tom Black reported the news first.",
            "Many of the veterans live on the coast. Ann Lee reports.",
            "Ann Lee, who reports from the port for the Courier, said the ferries were full.",
            "The report was published on Monday (Published by the port authority).",
        ] {
            assert_eq!(embedded_media(l), None, "{l}");
        }
    }
}
