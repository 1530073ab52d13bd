//! The publication date: declared metadata, visible datelines, `<time>`
//! elements, scripts and the URL, weighed so that an update date or a
//! teaser's date does not pass for the article's.

use super::meta::{meta_get, LdInfo};
use super::walk::{Block, El, Meta};
use crate::dates::{date_in_url, parse_date};
use dossier_model::Date;

/// A sentence that opens or ends with a date ("2021-08-09 Emphasised the
/// analysis steps.", a changelog entry; "The law took effect on 4 May 2021.")
/// is text about a date, not a dateline: eight words or more ending as a
/// sentence does, unless it says it dates the page ("Posted by Ana Ruiz on
/// May 4, 2021.").
fn dated_sentence(t: &str) -> bool {
    if !t.trim_end().ends_with(['.', '!', '?']) || t.split_whitespace().count() < 8 {
        return false;
    }
    let lower = t.to_lowercase();
    !["published", "posted", "updated", "written by", "by "]
        .iter()
        .any(|w| lower.contains(w))
}

/// Meta tags naming the publication date, most trusted first.
const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "citation_publication_date",
    "citation_date",
    "citation_online_date",
    "published",
    "publication_date",
    "publication-date",
    "date.published",
    "article.published",
    "og:article:published_time",
    "cxenseparse:recs:publishtime",
    "published-date",
    "date-published",
    "article:published",
    // Microdata on any element: teaser cards carry it too, so the page's
    // own head tags come first.
    "itemprop:datepublished",
];

/// Meta tags naming the last modification date.
const MODIFIED_KEYS: &[&str] = &["article:modified_time", "og:updated_time", "datemodified"];

/// The hour in a timestamp ("2025-12-19T22:02:58Z" gives 22), from its first
/// `HH:MM`.
fn hour_of_day(text: &str) -> Option<u32> {
    let b = text.as_bytes();
    (0..b.len().saturating_sub(4)).find_map(|i| {
        let w = b.get(i..i + 5)?;
        let digits = |r: &[u8]| r.iter().all(u8::is_ascii_digit);
        let before_ok = i == 0 || !b[i - 1].is_ascii_digit();
        (before_ok && digits(&w[..2]) && w[2] == b':' && digits(&w[3..]))
            .then(|| u32::from(w[0] - b'0') * 10 + u32::from(w[1] - b'0'))
            .filter(|h| *h < 24)
    })
}

/// Whether a reader's local date can fall `metadata_ahead` days (1 or -1)
/// before a timestamp's own date: local clocks run at most about half a
/// day behind or ahead of the zone a timestamp is written in, so a late
/// evening UTC timestamp cannot show as the day before anywhere. Without
/// a time of day, any split is possible.
fn zones_can_split(hour: Option<u32>, metadata_ahead: i64) -> bool {
    match hour {
        None => true,
        Some(h) if metadata_ahead > 0 => h < 14,
        Some(h) => h >= 10,
    }
}

/// The same day with day and month exchanged, when both readings are dates.
fn swapped(d: &Date) -> Option<Date> {
    match (d.month, d.day) {
        (Some(m), Some(day)) if m != day => Date::ymd(d.year, day, m),
        _ => None,
    }
}

/// Whether a short dateline calls its date an update rather than the
/// publication ("Last updated: May 4, 2021", "Reviewed on ..."), and names
/// no publication date beside it ("Published May 1 · Updated May 4" leads
/// with the publication, which `parse_date` finds first).
fn names_an_update(text: &str) -> bool {
    let lower = text.to_lowercase();
    let update = ["updated", "modified", "reviewed", "edited", "refreshed"]
        .iter()
        .filter_map(|w| lower.find(w))
        .min();
    // The first date follows the update word when nothing before that word
    // has a digit ("Written by Ana Ruiz, reviewed by Li Wei, updated May 4").
    update.is_some_and(|u| !lower.as_bytes()[..u].iter().any(u8::is_ascii_digit))
}

fn day(d: &Date) -> bool {
    d.precision() == dossier_model::Precision::Day
}

/// The publication and modification dates the page's metadata declares.
struct Declared {
    published: Option<Date>,
    /// The hour of the declared timestamp, when it has one.
    hour: Option<u32>,
    modified: Vec<Date>,
}

impl Declared {
    fn read(meta: &Meta, ld: &LdInfo) -> Declared {
        let declared_pub_text = ld
            .published
            .as_deref()
            .filter(|t| parse_date(t).is_some())
            .or_else(|| meta_get(meta, PUBLISHED_KEYS).filter(|t| parse_date(t).is_some()));
        let declared_pub = declared_pub_text.and_then(parse_date);
        // The hour of the declared timestamp, when it has one.
        let declared_hour = declared_pub_text.and_then(hour_of_day);
        let declared_mod: Vec<Date> = [
            meta_get(meta, MODIFIED_KEYS).and_then(parse_date),
            ld.modified.as_deref().and_then(parse_date),
        ]
        .into_iter()
        .flatten()
        .collect();
        Declared {
            published: declared_pub,
            hour: declared_hour,
            modified: declared_mod,
        }
    }
}

/// The publication date.
///
/// The date a reader sees by the headline (a byline or a short dateline
/// near the top) comes first: pages often keep an older first-publication
/// date in their metadata after updating the article.
///
/// But a visible date that the page itself declares as its modification
/// date, or that the text calls an update ("Last updated: ..."), is not
/// the publication date: declared publication metadata wins over it, and
/// it is kept as a late fallback only.
pub(super) fn published(
    meta: &Meta,
    ld: &LdInfo,
    selected: &[bool],
    short_texts: &[&str],
    date_lines: &[&str],
    url: Option<&str>,
) -> Option<Date> {
    let declared = Declared::read(meta, ld);
    let declared_pub = declared.published;
    let url_date = url.and_then(date_in_url);
    let visible_dates = visible_dates(meta, short_texts, &declared, url_date);
    let visible = visible_choice(meta, &visible_dates, &declared, url_date);
    let visible_update = visible_dates.iter().find(|(u, _)| *u).map(|(_, d)| *d);
    let stated_original = stated_original(meta, short_texts, date_lines);
    let published = stated_original
        .or(visible)
        .or(declared_pub)
        .or_else(|| {
            // A <time> in the main content first, then any.
            let in_main = meta
                .times
                .iter()
                .filter(|(i, _)| selected.get(*i).copied().unwrap_or(false));
            in_main
                .chain(meta.times.iter())
                .find_map(|(_, t)| parse_date(t))
        })
        .or_else(|| meta.script_date.as_deref().and_then(parse_date))
        .or_else(|| url.and_then(date_in_url))
        // Without a declared publication date, the update date the page
        // shows by its headline dates the text better than a class-named
        // element, which is often a teaser's.
        .or(visible_update)
        .or_else(|| {
            // Elements whose class names a date ("post-date"): often the
            // dates of teasers too, so they come late.
            meta.date_texts
                .iter()
                .map(String::as_str)
                .filter_map(parse_date)
                .find(day)
        })
        .or_else(|| {
            date_lines
                .iter()
                .filter_map(|t| parse_date(t).filter(day).map(|d| (t, d)))
                .find(|(t, _)| !names_an_update(t))
                .map(|(_, d)| d)
        })
        .or_else(|| date_lines.iter().filter_map(|t| parse_date(t)).find(day))
        .or_else(|| {
            meta.date_texts
                .iter()
                .map(String::as_str)
                .find_map(parse_date)
        })
        .or_else(|| meta_get(meta, MODIFIED_KEYS).and_then(parse_date))
        .or_else(|| ld.modified.as_deref().and_then(parse_date));
    refine_month(meta, published)
}

/// A month from the URL ("/2022/12/slug") is refined by a dated element of
/// the same month.
fn refine_month(meta: &Meta, published: Option<Date>) -> Option<Date> {
    published.map(|p| {
        if p.precision() != dossier_model::Precision::Month {
            return p;
        }
        meta.times
            .iter()
            .map(|(_, t)| t.as_str())
            .chain(meta.date_texts.iter().map(String::as_str))
            .filter_map(parse_date)
            .find(|d| day(d) && d.year == p.year && d.month == p.month)
            .unwrap_or(p)
    })
}

/// The dates shown by the headline (bylines, `<time>` marked as the
/// publication, short lines near the top), each marked when it is an update.
fn visible_dates(
    meta: &Meta,
    short_texts: &[&str],
    declared: &Declared,
    url_date: Option<Date>,
) -> Vec<(bool, Date)> {
    let (declared_pub, declared_hour, declared_mod) =
        (declared.published, declared.hour, &declared.modified);
    let is_update = |text: &str, d: &Date| {
        let declared_update = declared_pub.is_some_and(|p| p != *d) && declared_mod.contains(d);
        declared_update || names_an_update(text)
    };
    meta.pub_time
        .iter()
        .chain(meta.bylines.iter())
        .map(String::as_str)
        .chain(short_texts.iter().copied())
        .filter_map(|t| parse_date(t).filter(day).map(|d| (t, d)))
        .map(|(t, d)| {
            // "09.10.2024" may be written either way round; the page's own
            // publication metadata, or the date in its URL, settles which.
            let numeric = !crate::dates::names_a_month(t);
            let d = match (declared_pub, swapped(&d)) {
                (_, Some(s)) if numeric && (declared_pub == Some(s) || url_date == Some(s)) => s,
                // A day apart is one moment in two time zones: the
                // metadata's timestamp is the precise one, unless the
                // URL's date sides with the visible one.
                (Some(p), _)
                    if (p.first_day_number() - d.first_day_number()).abs() == 1
                        && url_date != Some(d)
                        && zones_can_split(
                            declared_hour,
                            p.first_day_number() - d.first_day_number(),
                        ) =>
                {
                    p
                }
                _ => d,
            };
            (is_update(t, &d), d)
        })
        .collect()
}

/// Visible datelines can disagree (the article's and a sidebar's); the one
/// the publication metadata corroborates wins, else the first.
fn visible_choice(
    meta: &Meta,
    visible_dates: &[(bool, Date)],
    declared: &Declared,
    url_date: Option<Date>,
) -> Option<Date> {
    let (declared_pub, declared_mod) = (declared.published, &declared.modified);
    let visible = visible_dates
        .iter()
        .find(|(u, d)| !u && Some(*d) == declared_pub)
        .or_else(|| visible_dates.iter().find(|(u, _)| !u))
        .map(|(_, d)| *d);
    // But a publication date that the page states twice over, in its
    // metadata and in a `<time>` element or its URL, outweighs a visible line
    // nothing corroborates (a changelog entry, a sidebar's date).
    let corroborated_pub = declared_pub.filter(|p| {
        url_date == Some(*p)
            || meta
                .times
                .iter()
                .filter_map(|(_, t)| parse_date(t))
                .any(|t| t == *p)
    });
    match (visible, corroborated_pub) {
        (Some(v), Some(p)) if v != p && !declared_mod.contains(&v) && url_date != Some(v) => {
            Some(p)
        }
        _ => visible,
    }
}

/// "Originally published on 26 Sep 2019" says outright which date is the
/// publication, whatever else the page shows.
fn stated_original(meta: &Meta, short_texts: &[&str], date_lines: &[&str]) -> Option<Date> {
    meta.bylines
        .iter()
        .chain(meta.date_texts.iter())
        .map(String::as_str)
        .chain(short_texts.iter().copied())
        .chain(date_lines.iter().copied())
        .find_map(|t| {
            // The date after the phrase: a tooltip may read "Updated May 4
            // … Originally published May 1".
            let at = [
                "originally published",
                "first published",
                "originally posted",
            ]
            .iter()
            .filter_map(|p| {
                t.as_bytes()
                    .windows(p.len())
                    .position(|w| w.eq_ignore_ascii_case(p.as_bytes()))
            })
            .min()?;
            t.get(at..).and_then(parse_date).filter(day)
        })
}

/// Every date the page offers and where it was found: a development aid
/// (`extract_explained`), which ordinary extraction does not build.
pub(super) fn date_candidates(
    meta: &Meta,
    ld: &LdInfo,
    selected: &[bool],
    short_texts: &[&str],
    url: Option<&str>,
) -> Vec<(&'static str, String)> {
    let mut dc: Vec<(&'static str, String)> = Vec::new();
    let mut push = |k: &'static str, d: Option<Date>| {
        if let Some(d) = d {
            dc.push((k, d.to_string()));
        }
    };
    push("ld_pub", ld.published.as_deref().and_then(parse_date));
    push("ld_mod", ld.modified.as_deref().and_then(parse_date));
    push(
        "meta_pub",
        meta_get(meta, PUBLISHED_KEYS).and_then(parse_date),
    );
    push(
        "meta_mod",
        meta_get(
            meta,
            &["article:modified_time", "og:updated_time", "datemodified"],
        )
        .and_then(parse_date),
    );
    for (i, t) in meta.times.iter().take(3) {
        let inside = selected.get(*i).copied().unwrap_or(false);
        push(if inside { "time_main" } else { "time_any" }, parse_date(t));
    }
    push("url", url.and_then(date_in_url));
    for t in meta.date_texts.iter().take(4) {
        push("date_text", parse_date(t));
    }
    // Visible texts keep their words beside the date, to show why a rule chose them.
    let mut push_seen = |k: &'static str, t: &str| {
        if let Some(d) = parse_date(t) {
            dc.push((
                k,
                format!("{d} <- {}", t.chars().take(60).collect::<String>()),
            ));
        }
    };
    for t in meta.bylines.iter().take(2) {
        push_seen("byline", t);
    }
    for t in short_texts.iter().take(4) {
        push_seen("short", t);
    }
    if let Some(d) = meta.script_date.as_deref().and_then(parse_date) {
        dc.push(("script", d.to_string()));
    }
    dc
}

/// Lines of the page that may be a visible dateline.
pub(super) struct DatelineHints<'b> {
    /// Short lines with a figure near the top of the page.
    pub(super) short_texts: Vec<&'b str>,
    /// Lines that are nothing but a date, anywhere: a last resort when the
    /// page's dateline sits below the article.
    pub(super) date_lines: Vec<&'b str>,
}

impl<'b> DatelineHints<'b> {
    /// `first` is the index of the main text's first block.
    pub(super) fn gather(els: &[El<'_>], blocks: &'b [Block], first: Option<usize>) -> Self {
        let first_idx = first;
        // Blocks inside a comment thread or a today's-date widget hold dates
        // that are not the article's. Parents come before their children in
        // `els`: one pass marks every element inside such a box.
        let mut under_foreign = vec![false; els.len()];
        for (i, el) in els.iter().enumerate() {
            let parent = under_foreign.get(el.parent).copied().unwrap_or(false);
            under_foreign[i] = el.foreign_dates || parent;
        }
        let foreign = |e: usize| under_foreign.get(e).copied().unwrap_or(false);
        // Short lines near the top of the page that may be a visible dateline.
        let top_end = first_idx.map_or(blocks.len(), |f| (f + 8).min(blocks.len()));
        let short_texts: Vec<&str> = blocks[..top_end]
            .iter()
            .filter(|b| !foreign(b.el))
            .map(|b| b.text.as_str())
            .filter(|t| at_most_words(t, 15) && t.bytes().any(|c| c.is_ascii_digit()))
            .filter(|t| !dated_sentence(t))
            .collect();
        // Lines that are nothing but a date: a last resort when the page's
        // dateline sits below the article.
        let date_lines: Vec<&str> = blocks
            .iter()
            .filter(|b| b.link_chars * 2 < b.text.len() && at_most_words(&b.text, 6))
            .filter(|b| b.text.bytes().any(|c| c.is_ascii_digit()) && !foreign(b.el))
            .map(|b| b.text.as_str())
            .collect();
        DatelineHints {
            short_texts,
            date_lines,
        }
    }
}

/// Whether `t` has at most `n` words, counting no further than needed:
/// most blocks are paragraphs far longer than a dateline.
fn at_most_words(t: &str, n: usize) -> bool {
    t.split_whitespace().nth(n).is_none()
}
