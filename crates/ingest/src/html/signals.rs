//! What an element's tag, role, class and id say about it: hard furniture
//! (navigation, comments, cookie banners), soft furniture (share bars,
//! sidebars, promos; dropped unless they hold most of the prose), content
//! names, and boxes of bylines and dates.

/// Class/id substrings that mark a box as furniture wherever they appear.
const HARD_SUBSTR: &[&str] = &[
    "comment",
    "disqus",
    "breadcrumb",
    "related",
    "popup",
    "taboola",
    "outbrain",
    "recirc",
    "cookie",
    "consent",
    "most-popular",
    "mostpopular",
    "recommend",
];

/// Class/id substrings that usually mark furniture (soft: see [`SOFT_TAGS`]).
const SOFT_SUBSTR: &[&str] = &[
    "social",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "advert",
    "promo",
    "sponsor",
    "trending",
];

/// Class name parts (a whole name, or its first or last `-`/`_` part) that
/// mark furniture.
const HARD_PARTS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "pagination",
    "pager",
    "modal",
    "overlay",
    "author",
    "byline",
    "dateline",
    "timestamp",
    "tags",
    "caption",
    "credit",
];

const SOFT_PARTS: &[&str] = &[
    "share",
    "sharing",
    "shares",
    "footer",
    "sidebar",
    "banner",
    "ad",
    "ads",
    "adv",
    "masthead",
    "toolbar",
    "skip",
    "meta",
    "sr-only",
    "visually-hidden",
    "screen-reader-text",
    "print-only",
];

/// Class names that mark furniture only as a whole name (WordPress's
/// sidebar "widget"), not as a part ("product-widget" is content).
const SOFT_EXACT: &[&str] = &["widget", "widget-area", "widgets", "tag-list"];

const POS_WORDS: &[&str] = &[
    "article", "content", "body", "main", "story", "post", "entry", "text", "blog", "column",
];

/// What an element's class, id and role say about it.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Signals {
    /// Furniture for sure (comments, navigation, bylines).
    pub(super) hard: bool,
    /// Probably furniture (share bars, sidebars, promos).
    pub(super) soft: bool,
    /// Content-like names (article, content, body, post).
    pub(super) pos: bool,
    /// A furniture word as a class-name part.
    pub(super) hard_part: bool,
}

/// What an element's class and id names say, computed once per distinct
/// `class id` string of a page (pages repeat a few hundred names thousands
/// of times).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct ClassInfo {
    pub(super) sig: Signals,
    /// Names of a date box ("post-date", "published").
    pub(super) dateish: bool,
    /// Names of a byline ("byline", "author").
    pub(super) byline: bool,
    /// Names a box whose bylines and dates are not the article's: a comment
    /// thread ("comments", "comment-author"), whose bylines belong to readers,
    /// or a today's-date widget ("todays-date"), the reader's clock.
    /// and dates belong to readers, not to the article.
    pub(super) foreign_dates: bool,
}

/// Furniture substrings of [`HARD_SUBSTR`] then [`SOFT_SUBSTR`], as one
/// automaton: one pass per name instead of one scan per word.
fn substr_matcher() -> Option<&'static aho_corasick::AhoCorasick> {
    static M: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> = std::sync::OnceLock::new();
    M.get_or_init(|| {
        let words: Vec<&str> = HARD_SUBSTR.iter().chain(SOFT_SUBSTR).copied().collect();
        // Fixed ASCII literals: building cannot fail in practice.
        aho_corasick::AhoCorasick::new(words).ok()
    })
    .as_ref()
}

/// Words [`class_info`] looks for anywhere in the names: the first six
/// name a date box, "byline" and "author" a byline, and "comment" (not
/// "commentary") and the last five a box of foreign dates.
const FLAG_WORDS: &[&str] = &[
    "date",
    "publish",
    "posted",
    "byline",
    "meta",
    "time",
    "author",
    "comment",
    "commentary",
    "todays-date",
    "today-date",
    "todaysdate",
    "current-date",
    "currentdate",
];

/// [`FLAG_WORDS`] as one automaton: one pass per name string instead of a
/// scan per word.
fn flag_matcher() -> Option<&'static aho_corasick::AhoCorasick> {
    static M: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> = std::sync::OnceLock::new();
    M.get_or_init(|| aho_corasick::AhoCorasick::new(FLAG_WORDS).ok())
        .as_ref()
}

/// Which [`FLAG_WORDS`] occur in `lower`, as bits by index.
fn flag_words_in(lower: &str) -> u32 {
    let mut bits = 0u32;
    match flag_matcher() {
        // Overlapping matches: every word that occurs is seen, as with one
        // `contains` per word ("todays-date" holds "date" too).
        Some(ac) => {
            for m in ac.find_overlapping_iter(lower) {
                bits |= 1 << m.pattern().as_usize();
            }
        }
        None => {
            for (i, w) in FLAG_WORDS.iter().enumerate() {
                if lower.contains(w) {
                    bits |= 1 << i;
                }
            }
        }
    }
    bits
}

/// [`ClassInfo`] of a lowercased `"{class} {id}"` string.
#[cfg(test)]
pub(super) fn class_info(lower: &str) -> ClassInfo {
    class_info_with(lower, name_facts)
}

/// What one lowercased class or id name says: its [`Signals`] and which
/// [`FLAG_WORDS`] it holds (as bits by index).
#[derive(Debug, Clone, Copy)]
struct NameFacts {
    sig: Signals,
    flags: u32,
}

fn name_facts(name: &str) -> NameFacts {
    NameFacts {
        sig: name_signals(name),
        flags: flag_words_in(name),
    }
}

/// [`ClassInfo`] of a lowercased `"{class} {id}"` string, taking what each
/// name says from `facts_of` (a cache of [`name_facts`]: names recur in
/// many different strings). No flag word holds a space, so the words the
/// string holds are those its names hold.
fn class_info_with(lower: &str, mut facts_of: impl FnMut(&str) -> NameFacts) -> ClassInfo {
    let mut sig = Signals::default();
    let mut bits = 0u32;
    for name in lower.split_whitespace() {
        let f = facts_of(name);
        sig.hard |= f.sig.hard;
        sig.soft |= f.sig.soft;
        sig.pos |= f.sig.pos;
        sig.hard_part |= f.sig.hard_part;
        bits |= f.flags;
    }
    let has = |w: &str| {
        FLAG_WORDS
            .iter()
            .position(|f| *f == w)
            .is_some_and(|i| bits & (1 << i) != 0)
    };
    ClassInfo {
        sig,
        dateish: bits & 0b11_1111 != 0,
        byline: has("byline") || has("author"),
        foreign_dates: (has("comment") && !has("commentary")) || bits >> 9 != 0,
    }
}

fn role_signals(role: Option<&str>, sig: &mut Signals) {
    if let Some(r) = role {
        let r = r.to_ascii_lowercase();
        if matches!(r.as_str(), "navigation" | "dialog" | "alertdialog") {
            sig.hard = true;
        }
        if matches!(r.as_str(), "banner" | "contentinfo" | "complementary") {
            sig.soft = true;
        }
        if r == "main" || r == "article" {
            sig.pos = true;
        }
    }
}

/// How many class strings, and single names, a thread keeps verdicts on
/// before it forgets them all (a few megabytes).
const CACHE_LIMIT: usize = 100_000;

/// Verdicts on lowercased `"{class} {id}"` strings and on single names.
#[derive(Default)]
struct ClassCache {
    by_string: rustc_hash::FxHashMap<String, ClassInfo>,
    /// Ids make most strings unique, while their names recur.
    by_name: rustc_hash::FxHashMap<String, NameFacts>,
}

impl ClassCache {
    fn info(&mut self, lower: &str) -> ClassInfo {
        if let Some(info) = self.by_string.get(lower) {
            return *info;
        }
        if self.by_string.len() >= CACHE_LIMIT {
            self.by_string.clear();
        }
        if self.by_name.len() >= CACHE_LIMIT {
            self.by_name.clear();
        }
        let names = &mut self.by_name;
        let info = class_info_with(lower, |name| match names.get(name) {
            Some(facts) => *facts,
            None => {
                let facts = name_facts(name);
                names.insert(name.to_owned(), facts);
                facts
            }
        });
        self.by_string.insert(lower.to_owned(), info);
        info
    }
}

thread_local! {
    /// Kept across pages: a site's pages, and those of one publishing
    /// system, share most of their class names.
    static CLASS_CACHE: std::cell::RefCell<ClassCache> = std::cell::RefCell::default();
}

/// [`ClassInfo`] of a lowercased `"{class} {id}"` string, from this
/// thread's cache.
pub(super) fn cached_class_info(lower: &str) -> ClassInfo {
    CLASS_CACHE.with_borrow_mut(|cache| cache.info(lower))
}

/// Signals of one lowercased class or id name, before the role and the
/// final part-match rule are applied. A string of several names has the
/// signals of any of them.
fn name_signals(name: &str) -> Signals {
    let mut sig = Signals::default();
    match substr_matcher() {
        Some(ac) => {
            for m in ac.find_overlapping_iter(name) {
                if m.pattern().as_usize() < HARD_SUBSTR.len() {
                    sig.hard |= !name.contains("commentary");
                } else {
                    sig.soft = true;
                }
            }
        }
        None => {
            if !name.contains("commentary") && HARD_SUBSTR.iter().any(|n| name.contains(n)) {
                sig.hard = true;
            }
            if SOFT_SUBSTR.iter().any(|n| name.contains(n)) {
                sig.soft = true;
            }
        }
    }
    if SOFT_EXACT.contains(&name) {
        sig.soft = true;
    }
    let parts: Vec<&str> = name.split(['-', '_']).filter(|p| !p.is_empty()).collect();
    if parts.iter().any(|p| POS_WORDS.contains(p)) {
        sig.pos = true;
    }
    // Only short names count, and not negated ones ("no-sidebar").
    if parts.len() > 3
        || parts
            .iter()
            .any(|p| matches!(*p, "no" | "has" | "with" | "without"))
    {
        return sig;
    }
    let first = parts.first().copied().unwrap_or("");
    let last = parts.last().copied().unwrap_or("");
    // A three-part name is a prefix, a kind and a suffix
    // ("theme-author-box"): its middle part says what the box is.
    let middle = if parts.len() == 3 { parts[1] } else { "" };
    let is = |list: &[&str]| {
        list.contains(&name)
            || list.contains(&first)
            || list.contains(&last)
            || list.contains(&middle)
    };
    if is(HARD_PARTS) {
        sig.hard_part = true;
    }
    if is(SOFT_PARTS) {
        sig.soft = true;
    }
    sig
}

/// The final signals: role, then "under-menu article-template" (a content
/// name turns a part match soft).
pub(super) fn finish_signals(mut sig: Signals, role: Option<&str>) -> Signals {
    role_signals(role, &mut sig);
    if sig.hard_part {
        if sig.pos {
            sig.soft = true;
        } else {
            sig.hard = true;
        }
    }
    sig
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_names_give_the_same_signals_as_word_scans() {
        let sig = |names: &str| finish_signals(class_info(names).sig, None);
        assert!(sig("comments-area ").hard);
        assert!(
            !sig("commentary-box ").hard,
            "commentary is an article genre"
        );
        assert!(sig("share-bar ").soft);
        assert!(sig("site-newsletter ").soft);
        assert!(!sig("article-body main").hard);
        assert!(sig("article-body main").pos);
        // A furniture part under a content name is only soft.
        let under = sig("under-menu article-template");
        assert!(under.soft && !under.hard);
        assert!(sig("site-nav ").hard);
        assert!(!sig("no-sidebar ").soft, "negated names do not count");
        assert!(finish_signals(Signals::default(), Some("Navigation")).hard);
        assert!(class_info("post-date ").dateish);
        assert!(class_info("author-box ").byline);
        assert!(!class_info("story-text ").dateish);
        assert!(class_info("comment-list c1").foreign_dates);
        assert!(!class_info("commentary comments").foreign_dates);
        assert!(class_info("todays-date ").foreign_dates && class_info("todays-date ").dateish);
        assert!(!class_info("story-text ").byline && !class_info("story-text ").foreign_dates);
    }
}
