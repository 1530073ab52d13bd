//! Main-text and metadata extraction from HTML pages.
//!
//! The page is parsed with html5ever (through `scraper`), then walked
//! *iteratively* (an explicit stack, so a page nested 10,000 levels deep cannot
//! overflow the call stack) into a flat list of elements and text blocks.
//!
//! Boilerplate is marked at two strengths. *Hard*: script/style/nav/footer/
//! form controls/figcaption, inline `display:none`, and class/id names of
//! comments, navigation, breadcrumbs, related boxes, cookie banners, bylines.
//! *Soft*: `<header>`, `<aside>`, `<form>` and names of share bars, sidebars,
//! footers, promos, newsletters, adverts: these are dropped unless the box
//! turns out to hold most of the page's prose (page builders wrap whole posts
//! in such boxes). Boxes hidden by the `hidden` attribute are dropped unless
//! they hold paragraphs (streamed server rendering hides the article that way).
//!
//! The main container is chosen the Readability way: every paragraph-sized
//! block scores its parent and grandparent by length and commas, discounted
//! by link density. From the best box the choice climbs to an ancestor that
//! holds clearly more (×1.5) good paragraph text, since many sites split an
//! article into one box per section. The container's blocks (p, h2-h6, li,
//! blockquote, pre, table cells, text in divs) become paragraphs; blocks that
//! are mostly link text are dropped. The article's h1 is kept as the first
//! line when it sits in or just above the container.
//!
//! Metadata: title (the h1 when the head's titles confirm it, else `<title>`
//! without its site suffix, else og:title), outlet (og:site_name, JSON-LD
//! publisher), author (meta, JSON-LD, byline), published (JSON-LD, meta
//! tags, `<time>`, script state, the URL, a visible dateline; modified
//! dates last), canonical URL, `<html lang>`.

use dossier_model::Date;
use scraper::node::Element;
use scraper::{Html, Node};

use crate::dates::{date_in_url, parse_date};

/// What extraction found on a page. `text` is not yet junk-line cleaned.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extracted {
    /// Paragraphs separated by blank lines.
    pub text: String,
    /// True when the first paragraph of `text` is the article body's `<h1>`.
    pub starts_with_h1: bool,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub published: Option<Date>,
    pub url: Option<String>,
    pub language: Option<String>,
    /// Every title the page offers, by origin (for tuning the choice).
    #[doc(hidden)]
    pub title_candidates: Vec<(&'static str, String)>,
    /// Every date the page offers, by origin: filled by [`extract_explained`] only.
    #[doc(hidden)]
    pub date_candidates: Vec<(&'static str, String)>,
}

const NONE: usize = usize::MAX;

/// Climb to a parent box when it holds this many times the good text.
const PROMOTE_RATIO: f64 = 1.5;

/// Tags whose whole subtree is never article text.
const DROP_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "nav",
    "footer",
    "iframe",
    "svg",
    "canvas",
    "button",
    "select",
    "textarea",
    "input",
    "template",
    "object",
    "embed",
    "video",
    "audio",
    "menu",
    "dialog",
    "head",
    "title",
    "map",
    "math",
    "label",
    "option",
    "figcaption",
];

/// Tags that are usually furniture but sometimes wrap the article itself
/// (page builders put whole posts in a `<header>`): excluded unless they
/// turn out to hold most of the page's prose.
const SOFT_TAGS: &[&str] = &["header", "aside", "form"];

/// Tags that start a new text block.
fn is_block(tag: &str) -> bool {
    // A match rather than a list scan: this runs for every element.
    matches!(
        tag,
        "address"
            | "article"
            | "blockquote"
            | "body"
            | "center"
            | "dd"
            | "details"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "hgroup"
            | "hr"
            | "html"
            | "li"
            | "main"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "thead"
            | "tfoot"
            | "tr"
            | "td"
            | "th"
            | "ul"
            | "caption"
            | "legend"
    )
}

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

#[derive(Debug, Clone)]
struct El<'d> {
    parent: usize,
    /// Borrowed from the parsed page: html5ever already lower-cases HTML
    /// element names, so no copy is needed per element.
    tag: &'d str,
    /// `tag.class#id`, kept only when debugging.
    label: String,
    /// Text under an excluded root, kept only when debugging.
    excl_text: String,
    /// Never article text (script, nav, comments...); inherited.
    hard: bool,
    /// This element itself is probably furniture; decided after the walk.
    soft: bool,
    /// Hidden by attribute or style (often content shown by a script later).
    hidden: bool,
    /// Final verdict: hard, or under a soft box that was not rescued.
    excluded: bool,
    class_weight: i32,
    text_chars: usize,
    link_chars: usize,
    /// Opens a box whose dates are not the article's (see
    /// [`ClassInfo::foreign_dates`]).
    foreign_dates: bool,
}

#[derive(Debug, Clone)]
struct Block {
    /// The innermost block-level element holding the text.
    el: usize,
    text: String,
    link_chars: usize,
    excluded: bool,
    heading: Option<u8>,
}

#[derive(Default)]
struct Meta {
    lang: Option<String>,
    title_tag: Option<String>,
    metas: Vec<(String, String)>,
    canonical: Option<String>,
    ld_json: Vec<String>,
    times: Vec<(usize, String)>,
    /// The first `<time>` marked as the publication (`pubdate`, or the
    /// microformat class `dt-published`).
    pub_time: Option<String>,
    h1: Vec<(usize, String)>,
    bylines: Vec<String>,
    /// Texts of elements whose class names a date ("post-date", "published").
    date_texts: Vec<String>,
    /// A publication date found in a script's JSON-like state.
    script_date: Option<String>,
}

struct Walker<'d> {
    /// Whether class/id names may exclude boxes (off in the fallback pass).
    use_classes: bool,
    debug: bool,
    els: Vec<El<'d>>,
    blocks: Vec<Block>,
    /// Stack of open elements (arena indices), parallel to the DOM path.
    open: Vec<usize>,
    /// Stack of open block-level elements.
    block_stack: Vec<usize>,
    link_depth: usize,
    pre_depth: usize,
    /// How many open elements hold dates that are not the article's.
    foreign_depth: usize,
    buf: String,
    buf_links: usize,
    pending_space: bool,
    meta: Meta,
    /// Open elements whose text we capture for metadata: (arena index, kind, text).
    captures: Vec<(usize, Capture, String)>,
    /// [`ClassInfo`] by lowercased `"{class} {id}"`.
    class_cache: rustc_hash::FxHashMap<String, ClassInfo>,
    /// Reused buffer for the cache key.
    key: String,
}

#[derive(Clone, Copy, PartialEq)]
enum Capture {
    Title,
    H1,
    Byline,
    Time,
    DateText,
}

/// The attributes extraction looks at, read in one pass over an element's
/// attribute list (`Element::attr` scans the list on every call).
#[derive(Default)]
struct Attrs<'a> {
    class: &'a str,
    id: &'a str,
    role: Option<&'a str>,
    style: Option<&'a str>,
    hidden: bool,
    aria_hidden: Option<&'a str>,
    rel: &'a str,
    itemprop: &'a str,
    any: bool,
}

impl<'a> Attrs<'a> {
    fn of(e: &'a Element) -> Attrs<'a> {
        let mut a = Attrs::default();
        for (k, v) in e.attrs() {
            a.any = true;
            match k {
                "class" => a.class = v,
                "id" => a.id = v,
                "role" => a.role = Some(v),
                "style" => a.style = Some(v),
                "hidden" => a.hidden = true,
                "aria-hidden" => a.aria_hidden = Some(v),
                "rel" => a.rel = v,
                "itemprop" => a.itemprop = v,
                _ => {}
            }
        }
        a
    }
}

fn attr_lower(e: &Element, name: &str) -> Option<String> {
    e.attr(name).map(|v| v.trim().to_ascii_lowercase())
}

/// How an element is hidden, if it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hidden {
    No,
    /// `hidden` or `aria-hidden="true"`: often content a script reveals
    /// (streamed server rendering, collapsed sections).
    Attribute,
    /// An inline `display:none` / `visibility:hidden` style.
    Style,
}

fn hidden_kind(a: &Attrs) -> Hidden {
    let mentions = |s: &str, word: &[u8]| {
        s.as_bytes()
            .windows(word.len())
            .any(|w| w.eq_ignore_ascii_case(word))
    };
    // Most inline styles hide nothing: only those naming "none" or "hidden"
    // are normalised and looked at.
    if let Some(style) = a
        .style
        .filter(|s| mentions(s, b"none") || mentions(s, b"hidden"))
    {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            // A collapsed accordion or tab panel is the article's own text,
            // shown by a click: it is judged like hidden-by-attribute boxes
            // (kept when it holds prose).
            return if collapsed_panel(a) {
                Hidden::Attribute
            } else {
                Hidden::Style
            };
        }
    }
    if a.hidden
        || a.aria_hidden
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return Hidden::Attribute;
    }
    Hidden::No
}

/// Whether an element is a panel that a reader opens: an ARIA region or tab
/// panel, or a box named as a collapsible ("collapse", "accordion").
fn collapsed_panel(a: &Attrs) -> bool {
    let role = a.role.map(str::trim).unwrap_or("");
    if role.eq_ignore_ascii_case("region") || role.eq_ignore_ascii_case("tabpanel") {
        return true;
    }
    let names = |s: &str| {
        let s = s.to_ascii_lowercase();
        ["collapse", "accordion", "tab-pane", "tabpanel"]
            .iter()
            .any(|w| s.contains(w))
    };
    names(a.class) || names(a.id)
}

/// What an element's class, id and role say about it.
#[derive(Debug, Clone, Copy, Default)]
struct Signals {
    /// Furniture for sure (comments, navigation, bylines).
    hard: bool,
    /// Probably furniture (share bars, sidebars, promos).
    soft: bool,
    /// Content-like names (article, content, body, post).
    pos: bool,
    /// A furniture word as a class-name part.
    hard_part: bool,
}

/// What an element's class and id names say, computed once per distinct
/// `class id` string of a page (pages repeat a few hundred names thousands
/// of times).
#[derive(Debug, Clone, Copy, Default)]
struct ClassInfo {
    sig: Signals,
    /// Names of a date box ("post-date", "published").
    dateish: bool,
    /// Names of a byline ("byline", "author").
    byline: bool,
    /// Names a box whose bylines and dates are not the article's: a comment
    /// thread ("comments", "comment-author"), whose bylines belong to readers,
    /// or a today's-date widget ("todays-date"), the reader's clock.
    /// and dates belong to readers, not to the article.
    foreign_dates: bool,
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

/// [`ClassInfo`] of a lowercased `"{class} {id}"` string.
fn class_info(lower: &str) -> ClassInfo {
    ClassInfo {
        sig: name_signals(lower),
        dateish: ["date", "publish", "posted", "byline", "meta", "time"]
            .iter()
            .any(|w| lower.contains(w)),
        byline: lower.contains("byline") || lower.contains("author"),
        foreign_dates: (lower.contains("comment") && !lower.contains("commentary"))
            || [
                "todays-date",
                "today-date",
                "todaysdate",
                "current-date",
                "currentdate",
            ]
            .iter()
            .any(|w| lower.contains(w)),
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

/// Signals of class and id names (lowercased, space-separated), before the
/// role and the final part-match rule are applied.
fn name_signals(lower: &str) -> Signals {
    let mut sig = Signals::default();
    for name in lower.split_whitespace() {
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
            continue;
        }
        let first = parts.first().copied().unwrap_or("");
        let last = parts.last().copied().unwrap_or("");
        let is =
            |list: &[&str]| list.contains(&name) || list.contains(&first) || list.contains(&last);
        if is(HARD_PARTS) {
            sig.hard_part = true;
        }
        if is(SOFT_PARTS) {
            sig.soft = true;
        }
    }
    sig
}

/// The final signals: role, then "under-menu article-template" (a content
/// name turns a part match soft).
fn finish_signals(mut sig: Signals, role: Option<&str>) -> Signals {
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

/// A paragraph-sized block of running text, not a list of links.
fn is_good_block(b: &Block) -> bool {
    let len = b.text.len();
    b.heading.is_none() && len >= 40 && b.link_chars * 10 < len * 3
}

impl<'d> Walker<'d> {
    fn new(use_classes: bool, debug: bool) -> Walker<'d> {
        Walker {
            use_classes,
            debug,
            els: Vec::new(),
            blocks: Vec::new(),
            open: Vec::new(),
            block_stack: Vec::new(),
            link_depth: 0,
            pre_depth: 0,
            foreign_depth: 0,
            buf: String::new(),
            buf_links: 0,
            pending_space: false,
            meta: Meta::default(),
            captures: Vec::new(),
            class_cache: rustc_hash::FxHashMap::default(),
            key: String::new(),
        }
    }

    /// The class/id verdict of an element, from the page's cache.
    fn class_info(&mut self, a: &Attrs) -> ClassInfo {
        if a.class.is_empty() && a.id.is_empty() {
            return ClassInfo::default();
        }
        self.key.clear();
        self.key.push_str(a.class);
        self.key.push(' ');
        self.key.push_str(a.id);
        self.key.make_ascii_lowercase();
        if let Some(info) = self.class_cache.get(self.key.as_str()) {
            return *info;
        }
        let info = class_info(&self.key);
        self.class_cache.insert(self.key.clone(), info);
        info
    }

    fn excluded_now(&self) -> bool {
        self.open
            .last()
            .is_some_and(|&i| self.els.get(i).is_some_and(|e| e.hard))
    }

    fn flush(&mut self) {
        let text = std::mem::take(&mut self.buf);
        let links = std::mem::replace(&mut self.buf_links, 0);
        self.pending_space = false;
        let text = tidy_block(&text);
        if text.is_empty() {
            return;
        }
        let el = self.block_stack.last().copied().unwrap_or(NONE);
        let heading = self.els.get(el).and_then(|e| {
            e.tag
                .strip_prefix('h')
                .and_then(|n| n.parse::<u8>().ok())
                .filter(|n| (1..=6).contains(n))
        });
        let excluded = false;
        self.blocks.push(Block {
            el,
            text,
            link_chars: links,
            excluded,
            heading,
        });
    }

    /// A block boundary inside a captured byline or date reads as a space:
    /// `<p>Ana Ruiz</p><small>May 4, 2021</small>` must not become
    /// "Ana RuizMay 4, 2021", where the date is lost.
    fn separate_captures(&mut self) {
        for cap in &mut self.captures {
            if !cap.2.is_empty() && !cap.2.ends_with(' ') {
                cap.2.push(' ');
            }
        }
    }

    fn push_text(&mut self, t: &str) {
        let in_link = self.link_depth > 0;
        let pre = self.pre_depth > 0;
        for cap in &mut self.captures {
            // Dates and bylines are often spans glued without a space
            // ("Dec 17, 2025" then "Ana Ruiz"): each text node is a word
            // boundary there. Titles keep inline markup inside words.
            let glued = matches!(cap.1, Capture::Byline | Capture::Time | Capture::DateText);
            if glued && !cap.2.is_empty() && !cap.2.ends_with(' ') {
                cap.2.push(' ');
            }
            cap.2.push_str(t);
        }
        let bytes = t.as_bytes();
        // Fast path for the common text node: single-spaced, no line breaks,
        // no space at either end. (memchr/memmem run optimised even in debug.)
        let simple = !pre
            && !bytes.is_empty()
            && bytes[0] != b' '
            && bytes[bytes.len() - 1] != b' '
            && memchr::memchr3(b'\n', b'\t', b'\r', bytes).is_none()
            && double_space().find(bytes).is_none()
            && memchr::memchr2(0xc2, 0xe2, bytes).is_none();
        if simple {
            if self.pending_space && !self.buf.is_empty() && !self.buf.ends_with('\n') {
                self.buf.push(' ');
            }
            self.pending_space = false;
            self.buf.push_str(t);
            if in_link {
                self.buf_links += t.len();
            }
            return;
        }
        for c in t.chars() {
            if pre {
                self.buf.push(c);
                if in_link && !c.is_whitespace() {
                    self.buf_links += c.len_utf8();
                }
                continue;
            }
            if c.is_whitespace() {
                self.pending_space = true;
                continue;
            }
            if self.pending_space && !self.buf.is_empty() && !self.buf.ends_with('\n') {
                self.buf.push(' ');
            }
            self.pending_space = false;
            self.buf.push(c);
            if in_link {
                self.buf_links += c.len_utf8();
            }
        }
    }

    /// Handle an element's start; returns whether to descend into it.
    fn open_element(&mut self, e: &'d Element, ld_text: Option<String>) -> bool {
        let tag: &'d str = e.name();
        let parent = self.open.last().copied().unwrap_or(NONE);
        let parent_excluded = self.excluded_now();
        let attrs = Attrs::of(e);
        self.collect_meta(tag, e, &attrs, ld_text);
        if tag == "br" {
            self.separate_captures();
            self.buf.push('\n');
            self.pending_space = false;
            return false;
        }
        if matches!(tag, "img" | "hr" | "wbr" | "link" | "meta" | "base") {
            if tag == "hr" {
                self.flush();
            }
            return false;
        }
        // Common content tags skip the list scans.
        let plain = matches!(
            tag,
            "p" | "a" | "span" | "div" | "li" | "em" | "strong" | "b" | "i"
        );
        let drop_tag = !plain && DROP_TAGS.contains(&tag);
        let structural = matches!(tag, "html" | "body" | "main" | "article");
        let info = self.class_info(&attrs);
        // Inside a <pre>, class names mark syntax ("hljs-comment"), not
        // page furniture.
        let in_code = self.pre_depth > 0;
        let sig = if self.use_classes && !structural && !in_code {
            finish_signals(info.sig, attrs.role)
        } else {
            Signals::default()
        };
        let hard = parent_excluded || drop_tag || sig.hard;
        let soft = !hard && ((!plain && SOFT_TAGS.contains(&tag)) || sig.soft);
        let how_hidden = if self.use_classes {
            hidden_kind(&attrs)
        } else {
            Hidden::No
        };
        let hard = hard || how_hidden == Hidden::Style;
        let hidden = !hard && how_hidden == Hidden::Attribute;
        let excluded = hard;
        let mut class_weight = 0;
        if sig.hard || sig.soft {
            class_weight -= 25;
        }
        if sig.pos {
            class_weight += 25;
        }
        let idx = self.els.len();
        let label = if self.debug {
            format!(
                "{tag}.{}#{}",
                e.attr("class").unwrap_or(""),
                e.attr("id").unwrap_or("")
            )
        } else {
            String::new()
        };
        self.els.push(El {
            parent,
            tag,
            label,
            excl_text: String::new(),
            hard,
            soft,
            hidden,
            excluded,
            class_weight,
            text_chars: 0,
            link_chars: 0,
            foreign_dates: info.foreign_dates,
        });
        // Elements that never hold article text and whose metadata we have
        // already read are not descended into.
        if matches!(
            tag,
            "script" | "style" | "noscript" | "template" | "svg" | "math" | "iframe" | "head"
        ) && tag != "head"
        {
            self.els.pop();
            return false;
        }
        if is_block(tag) {
            self.flush();
            self.block_stack.push(idx);
            self.separate_captures();
        }
        if tag == "a" {
            self.link_depth += 1;
        }
        if tag == "pre" {
            self.pre_depth += 1;
        }
        if info.foreign_dates {
            self.foreign_depth += 1;
        }
        let readers = self.foreign_depth > 0;
        let capture = match tag {
            "title" if self.meta.title_tag.is_none() => Some(Capture::Title),
            "h1" if !excluded => Some(Capture::H1),
            "time" => Some(Capture::Time),
            _ if readers => None,
            _ if is_byline(&attrs, &info) && self.meta.bylines.len() < 3 => Some(Capture::Byline),
            _ if info.dateish && self.meta.date_texts.len() < 8 => Some(Capture::DateText),
            _ => None,
        };
        if let Some(c) = capture {
            self.captures.push((idx, c, String::new()));
        }
        self.open.push(idx);
        true
    }

    fn close_element(&mut self) {
        let Some(idx) = self.open.pop() else { return };
        let tag = self.els.get(idx).map(|e| e.tag).unwrap_or_default();
        if self.els.get(idx).is_some_and(|e| e.foreign_dates) {
            self.foreign_depth = self.foreign_depth.saturating_sub(1);
        }
        if is_block(tag) {
            self.flush();
            if self.block_stack.last() == Some(&idx) {
                self.block_stack.pop();
            }
            self.separate_captures();
        }
        if tag == "a" {
            self.link_depth = self.link_depth.saturating_sub(1);
        }
        if tag == "pre" {
            self.pre_depth = self.pre_depth.saturating_sub(1);
        }
        while self.captures.last().is_some_and(|c| c.0 == idx) {
            if let Some((i, kind, text)) = self.captures.pop() {
                let text = collapse_ws(&text);
                match kind {
                    Capture::Title => self.meta.title_tag = Some(text),
                    Capture::H1 if !text.is_empty() => self.meta.h1.push((i, text)),
                    Capture::Byline if !text.is_empty() && text.len() <= 300 => {
                        self.meta.bylines.push(text)
                    }
                    // "meta" and "time" name many boxes: only those that
                    // hold a date take one of the few places.
                    Capture::DateText if text.len() <= 400 && parse_date(&text).is_some() => {
                        self.meta.date_texts.push(text)
                    }
                    Capture::Time if !text.is_empty() => self.meta.times.push((i, text)),
                    _ => {}
                }
            }
        }
    }

    fn collect_meta(&mut self, tag: &str, e: &Element, attrs: &Attrs, ld_text: Option<String>) {
        match tag {
            "html" => {
                if let Some(l) = e.attr("lang").or_else(|| e.attr("xml:lang")) {
                    self.meta.lang = Some(l.to_string());
                }
            }
            "meta" => {
                let key = e
                    .attr("property")
                    .or_else(|| e.attr("name"))
                    .or_else(|| e.attr("itemprop"))
                    .or_else(|| e.attr("http-equiv"));
                if let (Some(k), Some(v)) = (key, e.attr("content")) {
                    // Some frameworks put the JSON-LD in a meta tag
                    // (`<meta name="script:ld+json" content="{...}">`)
                    // instead of a script element.
                    if k.trim().to_ascii_lowercase().ends_with("ld+json") {
                        self.meta.ld_json.push(v.to_string());
                        return;
                    }
                    self.meta
                        .metas
                        .push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
                }
            }
            "link" => {
                let rel = attr_lower(e, "rel").unwrap_or_default();
                if rel.split_whitespace().any(|r| r == "canonical") && self.meta.canonical.is_none()
                {
                    self.meta.canonical = e.attr("href").map(|h| h.trim().to_string());
                }
            }
            "script" => {
                if let Some(t) = ld_text {
                    self.meta.ld_json.push(t);
                }
            }
            "time" => {
                if let Some(dt) = e.attr("datetime") {
                    let marked = e.attr("pubdate").is_some()
                        || e.classes().any(|c| c.eq_ignore_ascii_case("dt-published"));
                    if marked && self.meta.pub_time.is_none() {
                        self.meta.pub_time = Some(dt.to_string());
                    }
                    let idx = self.els.len();
                    self.meta.times.push((idx, dt.to_string()));
                }
            }
            _ => {
                if attrs.itemprop.eq_ignore_ascii_case("datePublished") {
                    if let Some(v) = e.attr("content").or_else(|| e.attr("datetime")) {
                        self.meta
                            .metas
                            .push(("itemprop:datepublished".into(), v.to_string()));
                    }
                }
            }
        }
    }
}

/// The value of the first publication-date key in a script's text.
fn script_date(script: &str) -> Option<String> {
    const KEYS: &[&str] = &[
        "\"datePublished\"",
        "\"publishDate\"",
        "\"publishedAt\"",
        "\"published_at\"",
        "\"date_published\"",
        "\"publishedDate\"",
        "\"publicationDate\"",
    ];
    let b = script.as_bytes();
    for k in KEYS {
        let Some(pos) = memchr::memmem::find(b, k.as_bytes()) else {
            continue;
        };
        let rest = script.get(pos + k.len()..)?;
        let rest = rest.trim_start().strip_prefix(':')?.trim_start();
        let rest = rest.strip_prefix('"')?;
        let end = rest.find('"')?;
        let value = rest.get(..end)?;
        if value.len() <= 40 {
            return Some(value.to_string());
        }
    }
    None
}

fn is_byline(a: &Attrs, info: &ClassInfo) -> bool {
    if !a.any {
        return false;
    }
    let named = |v: &str| {
        let v = v.to_ascii_lowercase();
        v.contains("byline") || v.contains("author")
    };
    info.byline
        || (!a.rel.is_empty() && named(a.rel))
        || (!a.itemprop.is_empty() && named(a.itemprop))
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A prebuilt searcher for two spaces (building one per text node is slow).
fn double_space() -> &'static memchr::memmem::Finder<'static> {
    static F: std::sync::OnceLock<memchr::memmem::Finder<'static>> = std::sync::OnceLock::new();
    F.get_or_init(|| memchr::memmem::Finder::new(b"  "))
}

/// Trim each line, collapse runs of blank lines to one.
fn tidy_block(s: &str) -> String {
    if memchr::memchr(b'\n', s.as_bytes()).is_none() {
        return s.trim().to_string();
    }
    let mut out = String::new();
    let mut blank = false;
    for l in s.lines() {
        let t = l.trim();
        if t.is_empty() {
            blank = true;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        out.push_str(t);
    }
    out
}

/// Walk the parsed document without recursion, filling the walker.
fn walk<'d>(doc: &'d Html, w: &mut Walker<'d>) {
    let root = doc.tree.root();
    let mut node = root;
    'outer: loop {
        let mut descend = false;
        match node.value() {
            Node::Element(e) => {
                let ld = if e.name().eq_ignore_ascii_case("script") {
                    let mut s = String::new();
                    let mut c = node.first_child();
                    while let Some(ch) = c {
                        if let Node::Text(t) = ch.value() {
                            s.push_str(t);
                        }
                        c = ch.next_sibling();
                    }
                    let is_ld = e
                        .attr("type")
                        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
                    if is_ld {
                        Some(s)
                    } else {
                        // Framework state ("publishDate":"2025-05-27") in
                        // ordinary scripts.
                        if w.meta.script_date.is_none() {
                            w.meta.script_date = script_date(&s);
                        }
                        None
                    }
                } else {
                    None
                };
                descend = w.open_element(e, ld);
            }
            Node::Text(t) if w.excluded_now() => {
                // Text of an excluded box still feeds metadata captures.
                for cap in &mut w.captures {
                    cap.2.push_str(t);
                }
                if w.debug {
                    let root = w
                        .open
                        .iter()
                        .copied()
                        .find(|&i| w.els.get(i).is_some_and(|e| e.hard));
                    if let Some(e) = root.and_then(|r| w.els.get_mut(r)) {
                        e.excl_text.push_str(t);
                        e.excl_text.push(' ');
                    }
                }
            }
            Node::Text(t) => w.push_text(t),
            Node::Document | Node::Fragment => descend = true,
            _ => {}
        }
        if descend {
            if let Some(c) = node.first_child() {
                node = c;
                continue;
            }
        }
        // Leave this node and every ancestor that has no next sibling.
        let mut cur = node;
        let mut opened = descend;
        loop {
            if opened {
                if let Node::Element(_) = cur.value() {
                    w.close_element();
                }
            }
            if cur == root {
                break 'outer;
            }
            if let Some(s) = cur.next_sibling() {
                node = s;
                break;
            }
            match cur.parent() {
                Some(p) => {
                    cur = p;
                    // Ancestors were all descended into, so they were opened.
                    opened = true;
                }
                None => break 'outer,
            }
        }
    }
    w.flush();
}

/// Extract a page's main text and metadata.
pub fn extract(html: &str) -> Extracted {
    extract_with(html, false)
}

/// [`extract`], also listing every date the page offers and where it was
/// found (`Extracted::date_candidates`), for tuning the rules.
#[doc(hidden)]
pub fn extract_explained(html: &str) -> Extracted {
    extract_with(html, true)
}

fn extract_with(html: &str, explain: bool) -> Extracted {
    let (doc, scripts) = parse(html);
    let strict = extract_doc(&doc, &scripts, true, explain, None);
    if strict.text.len() >= 200 {
        return strict;
    }
    // Class names misled us (a theme calling its content box a "widget"):
    // try again trusting only tags and hidden flags.
    let loose = extract_doc(&doc, &scripts, false, explain, None);
    if loose.text.len() > strict.text.len() {
        loose
    } else {
        strict
    }
}

/// A development aid: the best-scoring candidate containers of a page.
#[doc(hidden)]
pub fn debug_candidates(html: &str) -> String {
    let (doc, scripts) = parse(html);
    let mut log = String::new();
    extract_doc(&doc, &scripts, true, true, Some(&mut log));
    log
}

/// What the page's scripts said, read before parsing.
struct ScriptMeta {
    ld_json: Vec<String>,
    script_date: Option<String>,
}

/// Parse a page whose scripts, styles and comments were cut out first
/// (see [`crate::rawtext`]): the parser's time goes to the markup.
fn parse(html: &str) -> (Html, ScriptMeta) {
    let stripped = crate::rawtext::strip(html);
    let script_date = stripped
        .scripts
        .iter()
        .find_map(|&(a, b)| html.get(a..b).and_then(script_date));
    let doc = Html::parse_document(&stripped.html);
    let meta = ScriptMeta {
        ld_json: stripped.ld_json,
        script_date,
    };
    (doc, meta)
}

fn extract_doc(
    doc: &Html,
    scripts: &ScriptMeta,
    use_classes: bool,
    explain: bool,
    debug: Option<&mut String>,
) -> Extracted {
    let mut w = Walker::new(use_classes, debug.is_some());
    w.meta.ld_json.clone_from(&scripts.ld_json);
    w.meta.script_date.clone_from(&scripts.script_date);
    walk(doc, &mut w);
    let Walker {
        mut els,
        mut blocks,
        meta,
        ..
    } = w;

    // Soft furniture boxes are excluded unless one of them holds much of the
    // page's prose (a post written inside a <header>, a "share-container"
    // wrapping the article).
    let mut good = vec![0usize; els.len()];
    for b in &blocks {
        if let Some(g) = good.get_mut(b.el) {
            if is_good_block(b) {
                *g += b.text.len();
            }
        }
    }
    for i in (0..els.len()).rev() {
        let p = els[i].parent;
        if p != NONE {
            good[p] += good[i];
        }
    }
    let total_good = (0..els.len())
        .filter(|&i| els[i].parent == NONE)
        .map(|i| good[i])
        .sum::<usize>()
        .max(1);
    let copies = hidden_copies(&els, &blocks, &good);
    for i in 0..els.len() {
        let parent_excluded = els[i].parent != NONE && els[els[i].parent].excluded;
        let soft_excluded = els[i].soft && (good[i] < 500 || good[i] * 5 < total_good * 2);
        // Hidden boxes with real paragraphs are mostly collapsed sections and
        // content that scripts reveal; empty-of-prose ones are menus and modals,
        // and those that repeat the visible text are copies of it.
        let hidden_excluded = els[i].hidden && (good[i] == 0 || copies.contains(&i));
        els[i].excluded = els[i].hard || parent_excluded || soft_excluded || hidden_excluded;
    }
    for b in &mut blocks {
        b.excluded = els.get(b.el).is_some_and(|e| e.excluded);
    }

    // Aggregate text and link characters bottom-up: the arena is in document
    // (pre-)order, so every parent precedes its children.
    for b in &blocks {
        if b.excluded {
            continue;
        }
        if let Some(e) = els.get_mut(b.el) {
            e.text_chars += b.text.len();
            e.link_chars += b.link_chars;
        }
    }
    for i in (0..els.len()).rev() {
        let (p, t, l) = (els[i].parent, els[i].text_chars, els[i].link_chars);
        if let Some(pe) = els.get_mut(p) {
            pe.text_chars += t;
            pe.link_chars += l;
        }
    }

    let mut debug = debug;
    if let Some(log) = debug.as_deref_mut() {
        for b in &blocks {
            let label = els.get(b.el).map_or("", |e| e.label.as_str());
            log.push_str(&format!(
                "BLOCK el{} excl{} links{} {} :: {}\n",
                b.el,
                b.excluded,
                b.link_chars,
                label.chars().take(60).collect::<String>(),
                b.text.chars().take(60).collect::<String>()
            ));
        }
        for (i, e) in els.iter().enumerate() {
            let root = e.excluded && (e.parent == NONE || !els[e.parent].excluded);
            if root && !e.excl_text.trim().is_empty() {
                log.push_str(&format!(
                    "EXCLUDED\t{i}\t{}\t{}\n",
                    e.label
                        .chars()
                        .take(120)
                        .collect::<String>()
                        .replace('\t', " "),
                    collapse_ws(&e.excl_text)
                ));
            }
        }
    }
    let chosen = choose_main(&els, &blocks, debug);
    let mut selected = vec![false; els.len()];
    for &c in &chosen {
        if let Some(s) = selected.get_mut(c) {
            *s = true;
        }
    }
    for i in 0..els.len() {
        let p = els[i].parent;
        if p != NONE && selected.get(p).copied().unwrap_or(false) {
            selected[i] = true;
        }
    }

    let mut kept: Vec<(usize, &Block)> = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        if b.excluded {
            continue;
        }
        let in_main = chosen.is_empty() || selected.get(b.el).copied().unwrap_or(false);
        if !in_main {
            continue;
        }
        let len = b.text.len().max(1);
        let ld = b.link_chars as f64 / len as f64;
        if ld > 0.7 {
            continue;
        }
        kept.push((i, b));
    }
    let kept = drop_layout_copies(kept);
    let first_idx = kept.first().map(|(i, _)| *i);
    let mut paras: Vec<&Block> = kept.into_iter().map(|(_, b)| b).collect();
    // The article's own h1 often sits just above the text container (with a
    // byline between): take it as the title line when little text separates
    // them.
    if let Some(fi) = first_idx {
        if paras.first().is_some_and(|b| b.heading != Some(1)) {
            if let Some(hi) = blocks[..fi]
                .iter()
                .rposition(|b| b.heading == Some(1) && !b.excluded)
            {
                let between: usize = blocks[hi + 1..fi]
                    .iter()
                    .filter(|b| !b.excluded)
                    .map(|b| b.text.len())
                    .sum();
                let h = &blocks[hi];
                if between < 300 && h.link_chars * 2 < h.text.len() {
                    paras.insert(0, h);
                }
            }
        }
    }
    let starts_with_h1 = paras.first().is_some_and(|b| b.heading == Some(1));
    // Only the first h1 may stay as a title line; a later h1 is kept as text.
    let text = paras
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");

    let mut out = Extracted {
        text,
        starts_with_h1,
        ..Extracted::default()
    };
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
        .filter(|t| t.split_whitespace().count() <= 15 && t.bytes().any(|c| c.is_ascii_digit()))
        .filter(|t| !dated_sentence(t))
        .collect();
    // Lines that are nothing but a date: a last resort when the page's
    // dateline sits below the article.
    let date_lines: Vec<&str> = blocks
        .iter()
        .filter(|b| b.link_chars * 2 < b.text.len() && b.text.split_whitespace().count() <= 6)
        .filter(|b| b.text.bytes().any(|c| c.is_ascii_digit()) && !foreign(b.el))
        .map(|b| b.text.as_str())
        .collect();
    fill_meta(
        &mut out,
        &meta,
        &selected,
        &short_texts,
        &date_lines,
        explain,
    );
    out
}

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

/// A teaser's excerpt: some sentences' worth of text cut off mid-sentence
/// ("…their chances of", "At the firm,") or ending in an ellipsis.
fn cut_off_excerpt(text: &str) -> bool {
    let t = text.trim_end();
    if t.len() < 80 {
        return false;
    }
    let ellipsis = t.ends_with('\u{2026}') || t.ends_with("...") || t.ends_with("[…]");
    let last = t.chars().last().unwrap_or('.');
    ellipsis || last.is_alphanumeric() || last == ','
}

/// Drop the second layout of a run of text: pages that lay a section out
/// twice (a mobile and a desktop version) repeat its paragraphs in order. A
/// paragraph (a dozen words or more) met a second time goes when the long
/// paragraph next to it is a repeat too; a lone repeat (a workout step each
/// day, a key figure restated, a caption under several images) stays.
fn drop_layout_copies(kept: Vec<(usize, &Block)>) -> Vec<(usize, &Block)> {
    let long = |b: &Block| b.text.split_whitespace().nth(11).is_some();
    let mut seen: rustc_hash::FxHashSet<&str> = Default::default();
    // For each long paragraph in order: whether its text came before.
    let repeats: Vec<(usize, bool)> = kept
        .iter()
        .enumerate()
        .filter(|(_, (_, b))| long(b))
        .map(|(k, (_, b))| (k, !seen.insert(b.text.as_str())))
        .collect();
    if !repeats.iter().any(|(_, r)| *r) {
        return kept;
    }
    let mut drop = vec![false; kept.len()];
    for (j, &(k, r)) in repeats.iter().enumerate() {
        let before = j > 0 && repeats[j - 1].1;
        let after = repeats.get(j + 1).is_some_and(|n| n.1);
        drop[k] = r && (before || after);
    }
    kept.into_iter()
        .zip(drop)
        .filter(|(_, d)| !d)
        .map(|(k, _)| k)
        .collect()
}

/// Hidden boxes with prose whose words the visible page already holds: a
/// raw-Markdown copy of the article kept for machines, a print version.
/// Collapsed sections and revealed-later text hold words of their own; a
/// short hidden box (an FAQ answer, a spec line) may repeat a few visible
/// words and stays, so only boxes of 100 words or more, 85% of them
/// already visible, are copies.
fn hidden_copies(els: &[El<'_>], blocks: &[Block], good: &[usize]) -> Vec<usize> {
    // The outermost hidden box with prose above each element, if any.
    let mut owner = vec![NONE; els.len()];
    let mut any = false;
    for i in 0..els.len() {
        let p = els[i].parent;
        owner[i] = match owner.get(p) {
            Some(&o) if o != NONE => o,
            _ if els[i].hidden && good[i] > 0 => {
                any = true;
                i
            }
            _ => NONE,
        };
    }
    if !any {
        return Vec::new();
    }
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let mut visible: rustc_hash::FxHashMap<String, usize> = Default::default();
    let mut hidden: rustc_hash::FxHashMap<usize, Vec<String>> = Default::default();
    for b in blocks {
        match owner.get(b.el) {
            Some(&o) if o != NONE => hidden.entry(o).or_default().extend(words(&b.text)),
            _ if !b.excluded => {
                for w in words(&b.text) {
                    *visible.entry(w).or_insert(0) += 1;
                }
            }
            _ => {}
        }
    }
    hidden
        .into_iter()
        // Short boxes are never copies: skip them before counting.
        .filter(|(_, ws)| ws.len() >= 100)
        .filter(|(_, ws)| {
            let mut left = visible.clone();
            let seen = ws
                .iter()
                .filter(|w| match left.get_mut(w.as_str()) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        true
                    }
                    _ => false,
                })
                .count();
            seen * 20 >= ws.len() * 17
        })
        .map(|(o, _)| o)
        .collect()
}

/// Readability-style candidate scoring; returns the chosen container(s).
fn choose_main(els: &[El<'_>], blocks: &[Block], mut debug: Option<&mut String>) -> Vec<usize> {
    let mut score = vec![0f64; els.len()];
    let mut scored = vec![false; els.len()];
    let init = |i: usize, score: &mut Vec<f64>, scored: &mut Vec<bool>| {
        if !scored[i] {
            scored[i] = true;
            let tag_w = match els[i].tag {
                "div" | "article" | "main" | "section" => 5.0,
                "pre" | "td" | "blockquote" => 3.0,
                "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
                _ => 0.0,
            };
            let article_bonus = if matches!(els[i].tag, "article" | "main") {
                10.0
            } else {
                0.0
            };
            score[i] = tag_w + article_bonus + f64::from(els[i].class_weight);
        }
    };
    for b in blocks {
        if b.excluded || b.el == NONE || b.heading.is_some() {
            continue;
        }
        let len = b.text.len();
        if len < 25 {
            continue;
        }
        let tb = b.text.as_bytes();
        let mut commas = memchr::memchr_iter(b',', tb).count();
        // Full-width commas (CJK text) only where there are such bytes.
        if memchr::memchr(0xef, tb).is_some() || memchr::memchr(0xe3, tb).is_some() {
            commas += memchr::memmem::find_iter(tb, "，".as_bytes()).count()
                + memchr::memmem::find_iter(tb, "、".as_bytes()).count();
        }
        let s = 1.0 + commas as f64 + (len as f64 / 100.0).min(3.0);
        let tag = els[b.el].tag;
        // Text straight in a div scores the div itself; a p scores its parent.
        let first = if matches!(tag, "p" | "pre" | "td" | "blockquote" | "li" | "dd") {
            els[b.el].parent
        } else {
            b.el
        };
        let mut cur = first;
        for level in 0..3 {
            if cur == NONE || els[cur].excluded {
                break;
            }
            init(cur, &mut score, &mut scored);
            let div = match level {
                0 => 1.0,
                1 => 2.0,
                _ => 6.0,
            };
            score[cur] += s / div;
            cur = els[cur].parent;
        }
    }
    let mut best = NONE;
    let mut best_score = f64::MIN;
    for i in 0..els.len() {
        if !scored[i] {
            continue;
        }
        let e = &els[i];
        let ld = if e.text_chars == 0 {
            0.0
        } else {
            e.link_chars as f64 / e.text_chars as f64
        };
        score[i] *= 1.0 - ld;
        if score[i] > best_score {
            best_score = score[i];
            best = i;
        }
    }
    if let Some(log) = debug.as_deref_mut() {
        let mut order: Vec<usize> = (0..els.len()).filter(|&i| scored[i]).collect();
        order.sort_by(|&a, &b| score[b].total_cmp(&score[a]));
        for &i in order.iter().take(12) {
            let e = &els[i];
            let mut depth = 0;
            let mut p = e.parent;
            while p != NONE {
                depth += 1;
                p = els[p].parent;
            }
            log.push_str(&format!(
                "{:>8.1} el{} parent{} depth{} text{} links{} {}\n",
                score[i],
                i,
                e.parent,
                depth,
                e.text_chars,
                e.link_chars,
                e.label.chars().take(120).collect::<String>()
            ));
        }
    }
    if best == NONE {
        return Vec::new();
    }
    // Articles split into many similar boxes (one per section) leave the
    // best box holding a fraction of the prose: climb while an ancestor holds
    // clearly more good paragraph text.
    //
    // Teaser cards (a linked headline over a cut-off excerpt: "Latest
    // news", "Read this next") are not more of the article: their text does
    // not count. A card is the small box right around a linked h2-h6 that
    // also holds an excerpt ending mid-sentence or with an ellipsis; article
    // sections under linked headings end their sentences.
    let mut headed = vec![false; els.len()];
    for b in blocks {
        if b.excluded || b.el == NONE || !matches!(b.heading, Some(2..=6)) {
            continue;
        }
        if b.link_chars * 2 > b.text.len() {
            let p = els[b.el].parent;
            if p != NONE && els[p].text_chars < 800 {
                headed[p] = true;
            }
        }
    }
    let mut card = vec![false; els.len()];
    for b in blocks {
        if b.excluded || b.el == NONE || b.heading.is_some() || !cut_off_excerpt(&b.text) {
            continue;
        }
        let mut cur = b.el;
        for _ in 0..3 {
            if cur == NONE {
                break;
            }
            if headed[cur] {
                card[cur] = true;
                break;
            }
            cur = els[cur].parent;
        }
    }
    let mut in_card = vec![false; els.len()];
    for i in 0..els.len() {
        let p = els[i].parent;
        in_card[i] = card[i] || (p != NONE && in_card[p]);
    }
    let mut good = vec![0usize; els.len()];
    for b in blocks {
        if b.excluded || b.el == NONE || b.heading.is_some() || in_card[b.el] {
            continue;
        }
        let len = b.text.len();
        if len >= 40 && b.link_chars * 10 < len * 3 {
            good[b.el] += len;
        }
    }
    for i in (0..els.len()).rev() {
        let p = els[i].parent;
        if p != NONE {
            good[p] += good[i];
        }
    }
    // Climb through pure wrappers (no new good text) and take an ancestor
    // whenever it adds enough good text; stop at the first modest gain.
    let mut cur = best;
    let mut pick = best;
    loop {
        let p = els[cur].parent;
        if p == NONE || els[p].excluded || els[p].tag == "html" {
            break;
        }
        let e = &els[p];
        let ld = if e.text_chars == 0 {
            0.0
        } else {
            e.link_chars as f64 / e.text_chars as f64
        };
        if let Some(log) = debug.as_deref_mut() {
            log.push_str(&format!(
                "CLIMB el{p} {} good{} ld{ld:.2}\n",
                e.label.chars().take(80).collect::<String>(),
                good[p]
            ));
        }
        if ld >= 0.5 {
            break;
        }
        if good[p] as f64 > good[pick] as f64 * PROMOTE_RATIO {
            pick = p;
            cur = p;
        } else {
            cur = p;
        }
    }
    let best = pick;
    let best_score = score[best];
    let mut chosen = vec![best];
    // Siblings that look like more of the same article.
    let parent = els[best].parent;
    if parent != NONE {
        let threshold = (best_score * 0.2).max(10.0);
        for i in 0..els.len() {
            if i == best || els[i].parent != parent || els[i].excluded || in_card[i] {
                continue;
            }
            let e = &els[i];
            let ld = if e.text_chars == 0 {
                1.0
            } else {
                e.link_chars as f64 / e.text_chars as f64
            };
            let good_score = scored[i] && score[i] >= threshold;
            let good_para = e.tag == "p" && e.text_chars > 80 && ld < 0.25;
            if good_score || good_para {
                chosen.push(i);
            }
        }
    }
    chosen
}

fn meta_get<'a>(meta: &'a Meta, keys: &[&str]) -> Option<&'a str> {
    for k in keys {
        if let Some((_, v)) = meta.metas.iter().find(|(mk, v)| mk == k && !v.is_empty()) {
            return Some(v.as_str());
        }
    }
    None
}

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

fn words_of(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
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

fn fill_meta(
    out: &mut Extracted,
    meta: &Meta,
    selected: &[bool],
    short_texts: &[&str],
    date_lines: &[&str],
    explain: bool,
) {
    let ld = LdInfo::from_scripts(&meta.ld_json);
    let site = meta_get(meta, &["og:site_name", "application-name", "twitter:site"])
        .map(str::to_string)
        .filter(|s| !s.starts_with('@'))
        .or_else(|| ld.publisher.clone());
    out.outlet = site.clone();

    let og = meta_get(meta, &["og:title", "twitter:title", "title", "dc.title"]).map(collapse_ws);
    let title_tag = meta
        .title_tag
        .as_deref()
        .map(|t| strip_site_suffix(t, site.as_deref()))
        .filter(|t| !t.is_empty());
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
    out.title_candidates = cands;
    // Prefer the page's own h1 (the main text's first) when the head's
    // titles confirm it is about the article, not a site or section name;
    // otherwise the <title> without its site suffix, then og:title.
    let refs: Vec<String> = [
        title_tag.clone(),
        og.as_deref().map(|t| strip_site_suffix(t, site.as_deref())),
        ld.headline.clone(),
        meta.title_tag.as_deref().map(collapse_ws),
    ]
    .into_iter()
    .flatten()
    .map(|t| decode_entities(&t))
    .filter(|t| !t.is_empty())
    .collect();
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
    // The site's name is often an h1 too (a blog's masthead): it is the part
    // the <title> loses when its suffix is stripped, or og:site_name.
    // The words a head title leaves out of the full <title> (its stripped
    // suffix, or what og:title leaves out) name the site.
    let full_title = meta
        .title_tag
        .as_deref()
        .map(|t| words_of(&decode_entities(t)))
        .unwrap_or_default();
    let site_parts: Vec<Vec<String>> = [title_tag.clone(), og.clone(), ld.headline.clone()]
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
        .collect();
    let is_site_name = |h: &str| {
        let w = words_of(h);
        !w.is_empty()
            && (site
                .as_deref()
                .is_some_and(|s| words_of(&decode_entities(s)) == w)
                || site_parts.contains(&w))
    };
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
        let long_enough = words_of(&h).len() >= 3 || og_agrees;
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
    // Without an h1, the <title> is the fallback; but when og:title is a
    // proper part of it, the rest is a site name that suffix stripping
    // missed ("Site Name: Headline"), and og:title is the cleaner one.
    let head_title = refs.first().map(|r| {
        let rw = words_of(r);
        og.as_deref()
            .map(|o| strip_site_suffix(o, site.as_deref()))
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
    });
    // A heading that repeats the page's <title> separators ("Headline |
    // Tagline", "Headline - Tagline") gets the same cut as the <title>: when
    // the stripped <title> is the part before the separator, the tail is a
    // tagline.
    let title = title.map(|t| {
        // (An en dash is headline punctuation more often than a separator:
        // "Bread machines – my favourites!" keeps its tail.)
        let head = [" | ", " - ", " \u{2014} "]
            .iter()
            .filter_map(|sep| t.find(sep))
            .min()
            .and_then(|cut| t.get(..cut));
        match (head, &title_tag) {
            (Some(h), Some(stripped))
                if words_of(h) == words_of(&decode_entities(stripped))
                    && words_of(h).len() >= 2 =>
            {
                h.trim().to_string()
            }
            _ => t,
        }
    });
    out.title = title
        .or(head_title)
        .or_else(|| meta.h1.first().map(|(_, t)| decode_entities(t)));

    // Every place a page names its author, most explicit first; the first
    // that reads as a name wins. Labels left without their name ("By",
    // "Written by"), user handles ("jdoe", "ana.ruiz") and the outlet's own
    // name in the author field only count when nothing better is there.
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
    let site_words = out.outlet.as_deref().map(words_of).unwrap_or_default();
    let reads_as_name = |a: &str| {
        let handle = !a.contains(' ')
            && (a.chars().all(|c| !c.is_uppercase()) || a.contains(['.', '_', '@']));
        !handle && (site_words.is_empty() || words_of(a) != site_words)
    };
    out.author = candidates
        .iter()
        .find(|a| reads_as_name(a))
        .or(candidates.first())
        .cloned();

    let url = meta
        .canonical
        .clone()
        .filter(|u| u.starts_with("http"))
        .or_else(|| meta_get(meta, &["og:url", "twitter:url"]).map(str::to_string))
        .or_else(|| ld.url.clone());
    out.url = url;

    let day = |d: &Date| d.precision() == dossier_model::Precision::Day;
    // The date a reader sees by the headline (a byline or a short dateline
    // near the top) comes first: pages often keep an older first-publication
    // date in their metadata after updating the article.
    //
    // But a visible date that the page itself declares as its modification
    // date, or that the text calls an update ("Last updated: ..."), is not
    // the publication date: declared publication metadata wins over it, and
    // it is kept as a late fallback only.
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
    let is_update = |text: &str, d: &Date| {
        let declared_update = declared_pub.is_some_and(|p| p != *d) && declared_mod.contains(d);
        declared_update || names_an_update(text)
    };
    let url_date = out.url.as_deref().and_then(date_in_url);
    let visible_dates: Vec<(bool, Date)> = meta
        .pub_time
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
        .collect();
    // Visible datelines can disagree (the article's and a sidebar's); the one
    // the publication metadata corroborates wins, else the first.
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
    let visible = match (visible, corroborated_pub) {
        (Some(v), Some(p)) if v != p && !declared_mod.contains(&v) && url_date != Some(v) => {
            Some(p)
        }
        _ => visible,
    };
    let visible_update = visible_dates.iter().find(|(u, _)| *u).map(|(_, d)| *d);
    // "Originally published on 26 Sep 2019" says outright which date is
    // the publication, whatever else the page shows.
    let stated_original = meta
        .bylines
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
        });
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
        .or_else(|| out.url.as_deref().and_then(date_in_url))
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
    // A month from the URL ("/2022/12/slug") is refined by a dated element
    // of the same month.
    let published = published.map(|p| {
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
    });
    out.published = published;
    // The list of every date the page offers is a development aid
    // (`extract_explained`): ordinary extraction does not build it.
    if explain {
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
        push("url", out.url.as_deref().and_then(date_in_url));
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
        out.date_candidates = dc;
    }

    out.language = meta.lang.as_deref().and_then(|l| {
        let code: String = l
            .trim()
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .collect();
        (code.len() == 2).then(|| code.to_ascii_lowercase())
    });
}

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

/// What JSON-LD blocks say about the article.
#[derive(Default)]
struct LdInfo {
    headline: Option<String>,
    published: Option<String>,
    modified: Option<String>,
    author: Option<String>,
    publisher: Option<String>,
    url: Option<String>,
}

impl LdInfo {
    fn from_scripts(scripts: &[String]) -> LdInfo {
        let mut info = LdInfo::default();
        for s in scripts {
            let s = s
                .trim()
                .trim_start_matches("<!--")
                .trim_end_matches("-->")
                .trim()
                .trim_start_matches("//<![CDATA[")
                .trim_end_matches("//]]>")
                .trim();
            let Ok(v) = serde_json::from_str::<serde_json::Value>(s) else {
                continue;
            };
            // Iterative walk over the JSON value: article-typed objects first.
            let mut stack = vec![&v];
            let mut articles = Vec::new();
            let mut pages = Vec::new();
            while let Some(v) = stack.pop() {
                match v {
                    serde_json::Value::Array(a) => stack.extend(a.iter().rev()),
                    serde_json::Value::Object(o) => {
                        let ty = type_names(o.get("@type"));
                        if ty.iter().any(|t| {
                            t.contains("article")
                                || t.contains("posting")
                                || t == "report"
                                || t.contains("reportage")
                        }) {
                            articles.push(o);
                        } else if ty.iter().any(|t| t == "webpage") {
                            pages.push(o);
                        }
                        if let Some(g) = o.get("@graph") {
                            stack.push(g);
                        }
                        if let Some(m) = o.get("mainEntity") {
                            stack.push(m);
                        }
                    }
                    _ => {}
                }
            }
            for o in articles.into_iter().chain(pages) {
                let s = |k: &str| o.get(k).and_then(|v| v.as_str()).map(collapse_ws);
                if info.headline.is_none() {
                    info.headline = s("headline").or_else(|| s("name"));
                }
                if info.published.is_none() {
                    info.published = s("datePublished").or_else(|| s("dateCreated"));
                }
                if info.modified.is_none() {
                    info.modified = s("dateModified");
                }
                if info.author.is_none() {
                    info.author = o.get("author").and_then(names_of);
                }
                if info.publisher.is_none() {
                    info.publisher = o
                        .get("publisher")
                        .and_then(|p| p.get("name").or(Some(p)))
                        .and_then(|n| n.as_str())
                        .map(collapse_ws);
                }
                if info.url.is_none() {
                    info.url = s("url").filter(|u| u.starts_with("http"));
                }
            }
        }
        info
    }
}

fn type_names(v: Option<&serde_json::Value>) -> Vec<String> {
    match v {
        Some(serde_json::Value::String(s)) => vec![s.to_ascii_lowercase()],
        Some(serde_json::Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str())
            .map(str::to_ascii_lowercase)
            .collect(),
        _ => Vec::new(),
    }
}

fn names_of(v: &serde_json::Value) -> Option<String> {
    let one = |v: &serde_json::Value| -> Option<String> {
        match v {
            serde_json::Value::String(s) => Some(collapse_ws(s)),
            serde_json::Value::Object(o) => o.get("name").and_then(|n| n.as_str()).map(collapse_ws),
            _ => None,
        }
    };
    let names: Vec<String> = match v {
        serde_json::Value::Array(a) => a.iter().filter_map(one).collect(),
        v => one(v).into_iter().collect(),
    };
    let names: Vec<String> = names
        .into_iter()
        .filter(|n| !n.is_empty() && !n.starts_with("http"))
        .collect();
    (!names.is_empty()).then(|| names.join(", "))
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
    }
}
