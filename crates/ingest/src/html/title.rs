//! The title: the page's own h1 when the head's titles confirm it, else
//! the `<title>` without its site suffix, else og:title.

use super::meta::{meta_get, words_of, LdInfo};
use super::walk::{collapse_ws, Meta};
use crate::dates::parse_date;

/// Title with a trailing (or leading) " | Site Name" removed.
pub fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    let t = collapse_ws(title);
    for sep in [
        " | ", " - ", " — ", " – ", " :: ", " · ", " • ", " « ", " » ", " / ",
    ] {
        if let Some(pos) = t.rfind(sep) {
            let (head, tail) = (&t[..pos], &t[pos + sep.len()..]);
            let tail_words = tail.split_whitespace().count();
            let is_site = site.is_some_and(|s| tail.eq_ignore_ascii_case(s.trim()));
            let head_words = head.split_whitespace().count();
            if !head.trim().is_empty() && (is_site || (tail_words <= 4 && head_words >= tail_words))
            {
                return strip_site_suffix(head, site);
            }
        }
        if let Some(pos) = t.find(sep) {
            let (head, tail) = (&t[..pos], &t[pos + sep.len()..]);
            let is_site = site.is_some_and(|s| head.eq_ignore_ascii_case(s.trim()));
            if is_site && !tail.trim().is_empty() {
                return tail.trim().to_string();
            }
        }
    }
    t
}

/// Whether a head title `r` confirms heading `h` as the article's title:
/// a good share of `h`'s words are in `r`, and not just one common word.
fn confirms(h: &str, r: &str) -> bool {
    let share = contained(h, r);
    if share >= 0.6 {
        return true;
    }
    let rw = words_of(r);
    let shared = words_of(h)
        .iter()
        .filter(|w| w.chars().count() >= 4 && rw.contains(w))
        .count();
    share >= 0.3 && shared >= 2
}

/// Whether heading `h` is `r` with a date before or after it.
fn adds_only_a_date(h: &str, r: &str) -> bool {
    let (hw, rw) = (words_of(h), words_of(r));
    if rw.len() < 2 || hw.len() <= rw.len() {
        return false;
    }
    let extra = if hw.starts_with(&rw) {
        &hw[rw.len()..]
    } else if hw.ends_with(&rw) {
        &hw[..hw.len() - rw.len()]
    } else {
        return false;
    };
    extra.len() <= 4 && parse_date(&extra.join(" ")).is_some()
}

/// The share of `a`'s words that occur in `b`.
fn contained(a: &str, b: &str) -> f64 {
    let wa = words_of(a);
    let wb = words_of(b);
    if wa.is_empty() || wb.is_empty() {
        return 0.0;
    }
    wa.iter().filter(|w| wb.contains(w)).count() as f64 / wa.len() as f64
}

/// Character references left in text that was escaped twice (common in
/// JSON-LD and CMS titles): `&amp;`, `&#8211;`, `&#x26;`.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find('&') {
        out.push_str(&rest[..pos]);
        let tail = &rest[pos..];
        let end = tail.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &tail[1..e];
            let ch = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                "ndash" => Some('–'),
                "mdash" => Some('—'),
                "rsquo" => Some('’'),
                "lsquo" => Some('‘'),
                "ldquo" => Some('“'),
                "rdquo" => Some('”'),
                "hellip" => Some('…'),
                _ => {
                    let num = name.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            }?;
            Some((ch, e))
        });
        match decoded {
            Some((ch, e)) => {
                out.push(ch);
                rest = &tail[e + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The titles a page's head offers, cleaned as the choice needs them.
pub(super) struct HeadTitles {
    /// og:title or its kin, spaces collapsed.
    og: Option<String>,
    /// The `<title>` without its site suffix.
    title_tag: Option<String>,
}

impl HeadTitles {
    pub(super) fn read(meta: &Meta, site: Option<&str>) -> HeadTitles {
        let og =
            meta_get(meta, &["og:title", "twitter:title", "title", "dc.title"]).map(collapse_ws);
        let title_tag = meta
            .title_tag
            .as_deref()
            .map(|t| strip_site_suffix(t, site))
            .filter(|t| !t.is_empty());
        HeadTitles { og, title_tag }
    }
}

/// Every title the page offers, by origin (for tuning the choice).
pub(super) fn title_candidates(
    meta: &Meta,
    ld: &LdInfo,
    head: &HeadTitles,
    selected: &[bool],
) -> Vec<(&'static str, String)> {
    let (og, title_tag) = (&head.og, &head.title_tag);
    let mut cands: Vec<(&'static str, String)> = Vec::new();
    if let Some(t) = &og {
        cands.push(("og", t.clone()));
    }
    if let Some(t) = &ld.headline {
        cands.push(("ld", t.clone()));
    }
    if let Some(t) = &meta.title_tag {
        cands.push(("title", collapse_ws(t)));
    }
    if let Some(t) = &title_tag {
        cands.push(("title_stripped", t.clone()));
    }
    for (i, t) in meta.h1.iter().take(3) {
        let inside = selected.get(*i).copied().unwrap_or(false);
        cands.push((if inside { "h1_main" } else { "h1_any" }, t.clone()));
    }
    cands
}

/// The title: the page's own h1 (the main text's first) when the head's
/// titles confirm it is about the article, not a site or section name;
/// otherwise the `<title>` without its site suffix, then og:title.
pub(super) fn choose_title(
    meta: &Meta,
    ld: &LdInfo,
    head: &HeadTitles,
    site: Option<&str>,
    selected: &[bool],
) -> Option<String> {
    let refs = head_refs(meta, ld, head, site);
    let site_parts = site_parts(meta, ld, head);
    let is_site_name = |h: &str| {
        let w = words_of(h);
        !w.is_empty()
            && (site.is_some_and(|s| words_of(&decode_entities(s)) == w) || site_parts.contains(&w))
    };
    let title =
        confirmed_h1(meta, head, selected, &refs, is_site_name).map(|t| cut_tagline(t, head));
    title
        .or(head_title(head, &refs, site))
        .or_else(|| meta.h1.first().map(|(_, t)| decode_entities(t)))
}

/// The head's titles an h1 is checked against, entities decoded.
fn head_refs(meta: &Meta, ld: &LdInfo, head: &HeadTitles, site: Option<&str>) -> Vec<String> {
    let (og, title_tag) = (&head.og, &head.title_tag);
    [
        title_tag.clone(),
        og.as_deref().map(|t| strip_site_suffix(t, site)),
        ld.headline.clone(),
        meta.title_tag.as_deref().map(collapse_ws),
    ]
    .into_iter()
    .flatten()
    .map(|t| decode_entities(&t))
    .filter(|t| !t.is_empty())
    .collect()
}

/// The site's name is often an h1 too (a blog's masthead): it is the part
/// the <title> loses when its suffix is stripped, or og:site_name.
/// The words a head title leaves out of the full <title> (its stripped
/// suffix, or what og:title leaves out) name the site.
fn site_parts(meta: &Meta, ld: &LdInfo, head: &HeadTitles) -> Vec<Vec<String>> {
    let (og, title_tag) = (&head.og, &head.title_tag);
    let full_title = meta
        .title_tag
        .as_deref()
        .map(|t| words_of(&decode_entities(t)))
        .unwrap_or_default();
    [title_tag.clone(), og.clone(), ld.headline.clone()]
        .into_iter()
        .flatten()
        .filter_map(|t| {
            let kept = words_of(&decode_entities(&t));
            let rest: Vec<String> = full_title
                .iter()
                .filter(|w| !kept.contains(w))
                .cloned()
                .collect();
            // Only when the head title is wholly inside the <title>.
            (!kept.is_empty() && !rest.is_empty() && kept.iter().all(|w| full_title.contains(w)))
                .then_some(rest)
        })
        .collect()
}

/// The first h1 (those in the main text first) that a head title confirms
/// and that is not the site's name.
fn confirmed_h1(
    meta: &Meta,
    head: &HeadTitles,
    selected: &[bool],
    refs: &[String],
    is_site_name: impl Fn(&str) -> bool,
) -> Option<String> {
    let og = &head.og;
    let h1s = meta
        .h1
        .iter()
        .filter(|(i, _)| selected.get(*i).copied().unwrap_or(false))
        .chain(
            meta.h1
                .iter()
                .filter(|(i, _)| !selected.get(*i).copied().unwrap_or(false)),
        )
        .map(|(_, t)| decode_entities(t));
    let h1s: Vec<String> = h1s.collect();
    // An h1 that is a head title word for word is the headline, even when
    // an earlier masthead h1 shares a few words with the <title>.
    if let Some(h) = h1s.iter().find(|h| {
        let hw = words_of(h);
        hw.len() >= 3 && !is_site_name(h) && refs.iter().any(|r| words_of(r) == hw)
    }) {
        return Some(h.clone());
    }
    let mut title = None;
    for h in h1s {
        // A heading that repeats a head title and adds only a date
        // ("May 4 2025 Title") is that title.
        if let Some(r) = refs.iter().find(|r| adds_only_a_date(&h, r)) {
            title = Some(r.clone());
            break;
        }
        // og:title and the h1 agreeing exactly is confirmation enough, even
        // for a two-word title.
        let og_agrees = og.as_deref().is_some_and(|o| words_of(o) == words_of(&h));
        let long_enough =
            words_of(&h).len() >= 3 || og_agrees || opens_title(&h, meta.title_tag.as_deref());
        if long_enough && !is_site_name(&h) {
            if let Some(r) = refs.iter().find(|r| confirms(&h, r)) {
                // An all-capitals heading is styling: the head title that
                // confirms it carries the headline's real case.
                let shouting = !h.chars().any(char::is_lowercase);
                title = Some(if shouting { r.clone() } else { h });
                break;
            }
        }
    }
    title
}

/// Whether heading `h` is the whole first segment of the <title>
/// ("Short Topic | Long Site Name"): the <title> then vouches for a
/// two-word heading that suffix stripping could not cut out.
fn opens_title(h: &str, title_tag: Option<&str>) -> bool {
    let Some(t) = title_tag.map(|t| decode_entities(&collapse_ws(t))) else {
        return false;
    };
    let hw = words_of(h);
    [" | ", " - ", " \u{2014} ", " :: ", " \u{00b7} "]
        .iter()
        .filter_map(|sep| t.split_once(sep))
        .any(|(first, rest)| !hw.is_empty() && !rest.trim().is_empty() && words_of(first) == hw)
}

/// Without an h1, the <title> is the fallback; but when og:title is a
/// proper part of it, the rest is a site name that suffix stripping
/// missed ("Site Name: Headline"), and og:title is the cleaner one.
fn head_title(head: &HeadTitles, refs: &[String], site: Option<&str>) -> Option<String> {
    let og = &head.og;
    refs.first().map(|r| {
        let rw = words_of(r);
        og.as_deref()
            .map(|o| strip_site_suffix(o, site))
            .map(|o| decode_entities(&o))
            .filter(|o| {
                let ow = words_of(o);
                // Two words suffice when og:title opens the <title>
                // ("Local Trails - Example Bike Shop").
                let opens = rw.starts_with(&ow);
                (ow.len() >= 3 || (opens && ow.len() >= 2))
                    && ow.len() < rw.len()
                    && ow.iter().all(|w| rw.contains(w))
            })
            .unwrap_or_else(|| r.clone())
    })
}

/// A heading that repeats the page's <title> separators ("Headline |
/// Tagline", "Headline - Tagline") gets the same cut as the <title>: when
/// the stripped <title> is the part before the separator, the tail is a
/// tagline.
fn cut_tagline(t: String, head_titles: &HeadTitles) -> String {
    let title_tag = &head_titles.title_tag;
    // (An en dash is headline punctuation more often than a separator:
    // "Bread machines – my favourites!" keeps its tail.)
    let head = [" | ", " - ", " \u{2014} "]
        .iter()
        .filter_map(|sep| t.find(sep))
        .min()
        .and_then(|cut| t.get(..cut));
    match (head, title_tag) {
        (Some(h), Some(stripped))
            if words_of(h) == words_of(&decode_entities(stripped)) && words_of(h).len() >= 2 =>
        {
            h.trim().to_string()
        }
        _ => t,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_suffixes_are_stripped() {
        assert_eq!(
            strip_site_suffix("Dam repairs finish early | Valley Courier", None),
            "Dam repairs finish early"
        );
        assert_eq!(
            strip_site_suffix(
                "Valley Courier - Dam repairs finish early",
                Some("Valley Courier")
            ),
            "Dam repairs finish early"
        );
        assert_eq!(
            strip_site_suffix(
                "Left - right politics explained for the many readers who ask",
                None
            ),
            "Left - right politics explained for the many readers who ask"
        );
    }
}
