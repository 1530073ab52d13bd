//! Pruning inside and around the chosen text: boxes excluded before the
//! choice (soft furniture without the prose, hidden menus and hidden copies
//! of the article), blocks that are mostly links, sections a layout prints
//! twice, and the article's h1 taken back as the title line.

use super::main_box::is_good_block;
use super::walk::{Block, El, NONE};

/// The link share above which a block of the chosen container is a menu.
const MAX_LINK_SHARE: f64 = 0.85;

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

/// Exclude the furniture before the choice: hard furniture, and soft
/// furniture boxes unless one of them holds much of the page's prose (a
/// post written inside a <header>, a "share-container" wrapping the
/// article). Hidden boxes with real paragraphs are mostly collapsed
/// sections and content that scripts reveal; empty-of-prose ones are menus
/// and modals, and those that repeat the visible text are copies of it.
pub(super) fn exclude_furniture(els: &mut [El<'_>], blocks: &mut [Block]) {
    let mut good = vec![0usize; els.len()];
    for b in blocks.iter() {
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
    let copies = hidden_copies(els, blocks, &good);
    let in_content = inside_main_or_article(els);
    let headings = heading_levels(els, blocks);
    for i in 0..els.len() {
        let parent_excluded = els[i].parent != NONE && els[els[i].parent].excluded;
        // Page builders split a post into named panels ("widget", "promo
        // block") inside <main> or <article>: there a soft box with some
        // paragraphs of prose is a part of the post, whatever its share.
        let rescued = good[i] >= 500 && (in_content[i] || good[i] * 5 >= total_good * 2);
        // A plain <header> in the article that holds a section's h2-h6 and no
        // h1 heads that section; the masthead and the title block stay soft.
        let section_header = els[i].tag == "header"
            && els[i].class_weight >= 0
            && in_content[i]
            && headings[i] == (false, true);
        let soft_excluded = els[i].soft && !rescued && !section_header;
        // Hidden boxes with real paragraphs are mostly collapsed sections and
        // content that scripts reveal; empty-of-prose ones are menus and modals,
        // and those that repeat the visible text are copies of it.
        let hidden_excluded = els[i].hidden && (good[i] == 0 || copies.contains(&i));
        els[i].excluded = els[i].hard || parent_excluded || soft_excluded || hidden_excluded;
    }
    for b in blocks.iter_mut() {
        b.excluded = els.get(b.el).is_some_and(|e| e.excluded);
    }
}

/// Whether each element holds an h1, and whether it holds an h2-h6.
fn heading_levels(els: &[El<'_>], blocks: &[Block]) -> Vec<(bool, bool)> {
    let mut levels = vec![(false, false); els.len()];
    for b in blocks {
        if let (Some(l), Some(e)) = (b.heading, levels.get_mut(b.el)) {
            e.0 |= l == 1;
            e.1 |= l > 1;
        }
    }
    for i in (0..els.len()).rev() {
        let p = els[i].parent;
        if p != NONE {
            levels[p].0 |= levels[i].0;
            levels[p].1 |= levels[i].1;
        }
    }
    levels
}

/// Whether each element is inside a `<main>` or `<article>`.
fn inside_main_or_article(els: &[El<'_>]) -> Vec<bool> {
    let mut inside = vec![false; els.len()];
    for i in 0..els.len() {
        let p = els[i].parent;
        inside[i] = p != NONE && (inside[p] || matches!(els[p].tag, "main" | "article"));
    }
    inside
}

/// The blocks of the main text, with their index: not excluded, inside a
/// chosen container (all blocks when nothing was chosen), not mostly link
/// text, and without the sections a layout prints twice.
pub(super) fn main_blocks<'b>(
    blocks: &'b [Block],
    chosen: &[usize],
    selected: &[bool],
) -> Vec<(usize, &'b Block)> {
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
        // Inside the article, a link with a few words of its own ("Part 2 -
        // <link>", "<link> (pdf)") is an entry of its reading list; only
        // blocks that are all but wholly link text are menus.
        if ld > MAX_LINK_SHARE {
            continue;
        }
        kept.push((i, b));
    }
    drop_layout_copies(kept)
}

/// The article's own h1 often sits just above the text container (with a
/// byline between): it is the title line when little text separates them.
/// `first` is the index of the main text's first block.
pub(super) fn title_line<'b>(
    blocks: &'b [Block],
    first: usize,
    paras: &[&Block],
) -> Option<&'b Block> {
    if paras.first().is_some_and(|b| b.heading != Some(1)) {
        if let Some(hi) = blocks[..first]
            .iter()
            .rposition(|b| b.heading == Some(1) && !b.excluded)
        {
            let between: usize = blocks[hi + 1..first]
                .iter()
                .filter(|b| !b.excluded)
                .map(|b| b.text.len())
                .sum();
            let h = &blocks[hi];
            if between < 300 && h.link_chars * 2 < h.text.len() {
                return Some(h);
            }
        }
    }
    None
}
