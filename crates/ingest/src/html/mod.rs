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
//! in such boxes), or holds some paragraphs inside `<main>`/`<article>` (a
//! post split into "widget" panels), or is a plain `<header>` there holding a
//! section's h2-h6. Boxes hidden by the `hidden` attribute are dropped unless
//! they hold paragraphs (streamed server rendering hides the article that way).
//!
//! The main container is chosen the Readability way: every paragraph-sized
//! block scores its parent and grandparent by length and commas, discounted
//! by link density. From the best box the choice climbs to an ancestor that
//! holds clearly more (×1.5) good paragraph text, since many sites split an
//! article into one box per section; a content-named ancestor needs less
//! (×1.15) when the gain is an intro above the box. Teaser cards and feed
//! items (repeated small link boxes of one shape) do not count, and the climb
//! does not leave `<main>` except for article text parked in hidden boxes.
//! The container's blocks (p, h2-h6, li, blockquote, pre, table cells, text
//! in divs) become paragraphs; blocks that are almost all link text (>85%,
//! in-page heading permalinks not counted) are dropped. The article's h1 is
//! kept as the first line when it sits in or just above the container.
//!
//! Metadata: title (the h1 when the head's titles confirm it, else `<title>`
//! without its site suffix, else og:title), outlet (og:site_name, JSON-LD
//! publisher), author (meta, JSON-LD, byline), published (JSON-LD, meta
//! tags, `<time>`, script state, the URL, a visible dateline; modified
//! dates last), canonical URL, `<html lang>`.

use dossier_model::Date;
use scraper::Html;

mod author;
mod date;
mod main_box;
mod meta;
mod outlet;
mod prune;
mod signals;
mod title;
mod walk;

pub(crate) use author::clean_byline;
pub use title::{decode_entities, strip_site_suffix};

use date::DatelineHints;
use main_box::{choose_main, count_text};
use meta::fill_meta;
use prune::{exclude_furniture, main_blocks, title_line};
use walk::{collapse_ws, script_date, walk, Block, El, Walker, NONE};

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

/// One extraction pass over a parsed page: walk it, exclude the
/// furniture, choose the main container, keep its text blocks, and read
/// the metadata. `use_classes` trusts class and id names.
fn extract_doc(
    doc: &Html,
    scripts: &ScriptMeta,
    use_classes: bool,
    explain: bool,
    mut debug: Option<&mut String>,
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
    exclude_furniture(&mut els, &mut blocks);
    count_text(&mut els, &blocks);
    if let Some(log) = debug.as_deref_mut() {
        log_exclusions(&els, &blocks, log);
    }
    let chosen = choose_main(&els, &blocks, debug);
    let selected = selection(&els, &chosen);
    let kept = main_blocks(&blocks, &chosen, &selected);
    let first_idx = kept.first().map(|(i, _)| *i);
    let mut paras: Vec<&Block> = kept.into_iter().map(|(_, b)| b).collect();
    if let Some(h1) = first_idx.and_then(|fi| title_line(&blocks, fi, &paras)) {
        paras.insert(0, h1);
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
    let hints = DatelineHints::gather(&els, &blocks, first_idx);
    fill_meta(
        &mut out,
        &meta,
        &selected,
        &hints.short_texts,
        &hints.date_lines,
        explain,
    );
    out
}

/// A development aid: every block with its flags, and the root of every
/// excluded box with its text.
fn log_exclusions(els: &[El<'_>], blocks: &[Block], log: &mut String) {
    for b in blocks {
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

/// Every element inside a chosen container is selected.
fn selection(els: &[El<'_>], chosen: &[usize]) -> Vec<bool> {
    let mut selected = vec![false; els.len()];
    for &c in chosen {
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

    selected
}
