//! The author: meta tags, JSON-LD and bylines, the first that reads as a
//! person's name.

use super::meta::{meta_get, words_of, LdInfo};
use super::walk::{collapse_ws, Meta};
use crate::dates::parse_date;

/// A byline label with no name after it ("By", "Written by", "Author").
fn is_author_label(a: &str) -> bool {
    let w = words_of(a);
    let w: Vec<&str> = w.iter().map(String::as_str).collect();
    matches!(
        w.as_slice(),
        ["by"]
            | ["written", "by"]
            | ["posted", "by"]
            | ["author"]
            | ["authors"]
            | ["the", "author"]
            | ["about", "the", "author"]
            | ["written"]
    )
}

/// A byline without its "By", and without dates or times riding along
/// ("By Ana Ruiz, 4 March 2021 | 10:30").
pub(crate) fn clean_byline(b: &str) -> String {
    let b = collapse_ws(b);
    let lower = b.to_lowercase();
    let b = if lower.starts_with("by ") {
        b.get(3..).unwrap_or("").to_string()
    } else {
        b
    };
    b.split([',', '|', '·', '•', '—', '–'])
        .map(str::trim)
        .filter(|seg| {
            !seg.is_empty() && !seg.bytes().any(|c| c.is_ascii_digit()) && parse_date(seg).is_none()
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The author: every place a page names its author, most explicit first;
/// the first that reads as a name wins. Labels left without their name
/// ("By", "Written by"), user handles ("jdoe", "ana.ruiz") and the outlet's
/// own name in the author field only count when nothing better is there.
pub(super) fn author(meta: &Meta, ld: &LdInfo, outlet: Option<&str>) -> Option<String> {
    let from_meta = meta_get(
        meta,
        &[
            "author",
            "article:author",
            "dc.creator",
            "parsely-author",
            "sailthru.author",
            "byl",
        ],
    )
    .filter(|a| !a.starts_with("http"))
    .map(clean_byline);
    let candidates: Vec<String> = from_meta
        .into_iter()
        .chain(ld.author.as_deref().map(clean_byline))
        .chain(
            meta.bylines
                .iter()
                .map(|b| clean_byline(b))
                .filter(|b| b.split_whitespace().count() <= 8),
        )
        .filter(|a| !a.is_empty() && !is_author_label(a))
        .collect();
    let site_words = outlet.map(words_of).unwrap_or_default();
    let reads_as_name = |a: &str| {
        let handle = !a.contains(' ')
            && (a.chars().all(|c| !c.is_uppercase()) || a.contains(['.', '_', '@']));
        !handle && (site_words.is_empty() || words_of(a) != site_words)
    };
    candidates
        .iter()
        .find(|a| reads_as_name(a))
        .or(candidates.first())
        .cloned()
}
