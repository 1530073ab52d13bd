//! The one walk over the DOM: an explicit stack (no recursion, so no depth
//! can overflow it) turns the page into a flat arena of elements and text
//! blocks, each element carrying its furniture signals, and collects the
//! metadata tags, headings, bylines and dates met on the way.

use scraper::node::Element;
use scraper::{Html, Node};

use super::signals::{cached_class_info, finish_signals, ClassInfo, Signals};
use crate::dates::parse_date;

pub(super) const NONE: usize = usize::MAX;

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
pub(super) const SOFT_TAGS: &[&str] = &["header", "aside", "form"];

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

#[derive(Debug, Clone)]
pub(super) struct El<'d> {
    pub(super) parent: usize,
    /// Borrowed from the parsed page: html5ever already lower-cases HTML
    /// element names, so no copy is needed per element.
    pub(super) tag: &'d str,
    /// `tag.class#id`, kept only when debugging.
    pub(super) label: String,
    /// Text under an excluded root, kept only when debugging.
    pub(super) excl_text: String,
    /// Never article text (script, nav, comments...); inherited.
    pub(super) hard: bool,
    /// This element itself is probably furniture; decided after the walk.
    pub(super) soft: bool,
    /// Hidden by attribute or style (often content shown by a script later).
    pub(super) hidden: bool,
    /// Hidden by the `hidden` attribute itself, as streamed server rendering
    /// parks the parts of a page it later moves into place (not
    /// `aria-hidden`, which marks a carousel's resting slides).
    pub(super) parked: bool,
    /// Final verdict: hard, or under a soft box that was not rescued.
    pub(super) excluded: bool,
    pub(super) class_weight: i32,
    pub(super) text_chars: usize,
    pub(super) link_chars: usize,
    /// Opens a box whose dates are not the article's (see
    /// [`ClassInfo::foreign_dates`]).
    pub(super) foreign_dates: bool,
    /// A hash of the tag and class names: boxes of one shape repeated
    /// side by side are the items of a list (cards of a feed, rows of a grid).
    pub(super) shape: u64,
}

#[derive(Debug, Clone)]
pub(super) struct Block {
    /// The innermost block-level element holding the text.
    pub(super) el: usize,
    pub(super) text: String,
    pub(super) link_chars: usize,
    pub(super) excluded: bool,
    pub(super) heading: Option<u8>,
}

#[derive(Default)]
pub(super) struct Meta {
    pub(super) lang: Option<String>,
    pub(super) title_tag: Option<String>,
    pub(super) metas: Vec<(String, String)>,
    pub(super) canonical: Option<String>,
    pub(super) ld_json: Vec<String>,
    pub(super) times: Vec<(usize, String)>,
    /// The first `<time>` marked as the publication (`pubdate`, or the
    /// microformat class `dt-published`).
    pub(super) pub_time: Option<String>,
    pub(super) h1: Vec<(usize, String)>,
    pub(super) bylines: Vec<String>,
    /// Texts of elements whose class names a date ("post-date", "published").
    pub(super) date_texts: Vec<String>,
    /// A publication date found in a script's JSON-like state.
    pub(super) script_date: Option<String>,
}

pub(super) struct Walker<'d> {
    /// Whether class/id names may exclude boxes (off in the fallback pass).
    pub(super) use_classes: bool,
    pub(super) debug: bool,
    pub(super) els: Vec<El<'d>>,
    pub(super) blocks: Vec<Block>,
    /// Stack of open elements (arena indices), parallel to the DOM path.
    open: Vec<usize>,
    /// Stack of open block-level elements.
    block_stack: Vec<usize>,
    link_depth: usize,
    /// Whether each open link points within the page (`href="#..."`).
    open_links: Vec<bool>,
    pre_depth: usize,
    /// How many open elements hold dates that are not the article's.
    foreign_depth: usize,
    buf: String,
    buf_links: usize,
    /// Of `buf_links`, the characters of links within the page.
    buf_anchor_links: usize,
    pending_space: bool,
    pub(super) meta: Meta,
    /// Open elements whose text we capture for metadata: (arena index, kind, text).
    captures: Vec<(usize, Capture, String)>,
    /// Reused buffer for the cache key.
    pub(super) key: String,
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
    pub(super) class: &'a str,
    pub(super) id: &'a str,
    pub(super) role: Option<&'a str>,
    pub(super) style: Option<&'a str>,
    pub(super) hidden: bool,
    pub(super) aria_hidden: Option<&'a str>,
    pub(super) rel: &'a str,
    pub(super) itemprop: &'a str,
    pub(super) href: &'a str,
    pub(super) any: bool,
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
                "href" => a.href = v,
                _ => {}
            }
        }
        a
    }
}

/// The [`El::shape`] of an element: its tag and class names, not its id
/// (ids number the items of a list).
fn shape_of(tag: &str, class: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    tag.hash(&mut h);
    class.split_whitespace().for_each(|c| c.hash(&mut h));
    h.finish()
}

fn attr_lower(e: &Element, name: &str) -> Option<String> {
    e.attr(name).map(|v| v.trim().to_ascii_lowercase())
}

/// How an element is hidden, if it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Hidden {
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

/// The verdict on an element as it is opened.
struct Judged {
    hard: bool,
    soft: bool,
    hidden: bool,
    class_weight: i32,
    info: ClassInfo,
}

impl<'d> Walker<'d> {
    pub(super) fn new(use_classes: bool, debug: bool) -> Walker<'d> {
        Walker {
            use_classes,
            debug,
            els: Vec::new(),
            blocks: Vec::new(),
            open: Vec::new(),
            block_stack: Vec::new(),
            link_depth: 0,
            open_links: Vec::new(),
            pre_depth: 0,
            foreign_depth: 0,
            buf: String::new(),
            buf_links: 0,
            buf_anchor_links: 0,
            pending_space: false,
            meta: Meta::default(),
            captures: Vec::new(),
            key: String::new(),
        }
    }

    /// The class/id verdict of an element (see [`cached_class_info`]).
    fn class_info(&mut self, a: &Attrs) -> ClassInfo {
        if a.class.is_empty() && a.id.is_empty() {
            return ClassInfo::default();
        }
        self.key.clear();
        self.key.push_str(a.class);
        self.key.push(' ');
        self.key.push_str(a.id);
        self.key.make_ascii_lowercase();
        cached_class_info(&self.key)
    }

    fn excluded_now(&self) -> bool {
        self.open
            .last()
            .is_some_and(|&i| self.els.get(i).is_some_and(|e| e.hard))
    }

    fn flush(&mut self) {
        let text = std::mem::take(&mut self.buf);
        let links = std::mem::replace(&mut self.buf_links, 0);
        let anchor_links = std::mem::replace(&mut self.buf_anchor_links, 0);
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
        // A heading linked to itself (`<h2 id=x><a href="#x">`, a permalink)
        // is the article's own heading, not a link away from it.
        let links = if heading.is_some() {
            links.saturating_sub(anchor_links)
        } else {
            links
        };
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
                self.count_link_text(t.len());
            }
            return;
        }
        for c in t.chars() {
            if pre {
                self.buf.push(c);
                if in_link && !c.is_whitespace() {
                    self.count_link_text(c.len_utf8());
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
                self.count_link_text(c.len_utf8());
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
        let Judged {
            hard,
            soft,
            hidden,
            class_weight,
            info,
        } = self.judge(tag, &attrs, parent_excluded);
        let excluded = hard;
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
            parked: hidden && attrs.hidden,
            excluded,
            class_weight,
            text_chars: 0,
            link_chars: 0,
            foreign_dates: info.foreign_dates,
            shape: shape_of(tag, attrs.class),
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
        let in_page = tag == "a" && attrs.href.trim_start().starts_with('#');
        self.enter(tag, idx, &info, in_page);
        self.start_capture(tag, idx, excluded, &attrs, &info);
        self.open.push(idx);
        true
    }

    /// What an element's tag, classes, role and hidden flags make of it.
    fn judge(&mut self, tag: &str, attrs: &Attrs, parent_excluded: bool) -> Judged {
        // Common content tags skip the list scans.
        let plain = matches!(
            tag,
            "p" | "a" | "span" | "div" | "li" | "em" | "strong" | "b" | "i"
        );
        let drop_tag = !plain && DROP_TAGS.contains(&tag);
        let structural = matches!(tag, "html" | "body" | "main" | "article");
        let info = self.class_info(attrs);
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
            hidden_kind(attrs)
        } else {
            Hidden::No
        };
        let hard = hard || how_hidden == Hidden::Style;
        let hidden = !hard && how_hidden == Hidden::Attribute;
        let mut class_weight = 0;
        if sig.hard || sig.soft {
            class_weight -= 25;
        }
        if sig.pos {
            class_weight += 25;
        }
        Judged {
            hard,
            soft,
            hidden,
            class_weight,
            info,
        }
    }

    /// Link text of the running block, and whether it links within the page.
    fn count_link_text(&mut self, n: usize) {
        self.buf_links += n;
        if self.open_links.last().copied().unwrap_or(false) {
            self.buf_anchor_links += n;
        }
    }

    /// Entering an element: a block ends the running text, and links,
    /// code and boxes of foreign dates are counted as they nest.
    fn enter(&mut self, tag: &str, idx: usize, info: &ClassInfo, in_page: bool) {
        if is_block(tag) {
            self.flush();
            self.block_stack.push(idx);
            self.separate_captures();
        }
        if tag == "a" {
            self.link_depth += 1;
            self.open_links.push(in_page);
        }
        if tag == "pre" {
            self.pre_depth += 1;
        }
        if info.foreign_dates {
            self.foreign_depth += 1;
        }
    }

    /// Start reading the text of a title, h1, `<time>`, byline or dated
    /// element, unless it sits in a box of foreign dates.
    fn start_capture(
        &mut self,
        tag: &str,
        idx: usize,
        excluded: bool,
        attrs: &Attrs,
        info: &ClassInfo,
    ) {
        let readers = self.foreign_depth > 0;
        let capture = match tag {
            "title" if self.meta.title_tag.is_none() => Some(Capture::Title),
            "h1" if !excluded => Some(Capture::H1),
            "time" => Some(Capture::Time),
            _ if readers => None,
            _ if is_byline(attrs, info) && self.meta.bylines.len() < 3 => Some(Capture::Byline),
            _ if info.dateish && self.meta.date_texts.len() < 8 => Some(Capture::DateText),
            _ => None,
        };
        if let Some(c) = capture {
            self.captures.push((idx, c, String::new()));
        }
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
            self.open_links.pop();
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
pub(super) fn script_date(script: &str) -> Option<String> {
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

pub(super) fn collapse_ws(s: &str) -> String {
    // Pushed word by word: no list of the words is built first.
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
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
pub(super) fn walk<'d>(doc: &'d Html, w: &mut Walker<'d>) {
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
