//! Choosing the main container the Readability way: paragraph blocks score
//! their parent and grandparent, link density discounts the score, the
//! choice climbs to an ancestor that holds clearly more good text (teaser
//! cards and feed items do not count; an intro above the box counts more;
//! `<main>` bounds the climb), and sibling boxes of the same article join it.

use super::walk::{Block, El, NONE};

/// Climb to a parent box when it holds this many times the good text.
const PROMOTE_RATIO: f64 = 1.5;

/// Climb to a parent box named as the article's own (`<article>`, `<main>`,
/// "entry-content", "post-body") on a smaller gain, when most of the gain
/// comes before the box: the intro paragraphs a theme prints above its body
/// block belong to the article, while boxes after it are often the site's.
const CONTENT_PROMOTE_RATIO: f64 = 1.15;

/// Whether a content box adds an intro: a gain of a tenth or more of the
/// good text, two thirds of it before the picked box.
fn intro_above(e: &El<'_>, gain: usize, gain_before: usize, have: usize) -> bool {
    content_box(e)
        && gain as f64 > have as f64 * (CONTENT_PROMOTE_RATIO - 1.0)
        && gain_before * 3 >= gain * 2
}

/// Whether a box's tag or names say it holds the article.
fn content_box(e: &El<'_>) -> bool {
    matches!(e.tag, "article" | "main") || e.class_weight > 0
}

/// A paragraph-sized block of running text, not a list of links.
pub(super) fn is_good_block(b: &Block) -> bool {
    let len = b.text.len();
    b.heading.is_none() && len >= 40 && b.link_chars * 10 < len * 3
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

/// Readability-style candidate scoring; returns the chosen container(s):
/// the best-scoring box, climbed to the ancestor holding the article's
/// text, with the sibling boxes that look like more of it.
pub(super) fn choose_main(
    els: &[El<'_>],
    blocks: &[Block],
    mut debug: Option<&mut String>,
) -> Vec<usize> {
    let (mut score, scored) = score_boxes(els, blocks);
    let best = best_box(els, &mut score, &scored);
    if let Some(log) = debug.as_deref_mut() {
        log_candidates(els, &score, &scored, log);
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
    let in_card = teaser_cards(els, blocks);
    let good = good_text(els, blocks, &in_card, blocks.len());
    let lead = good_text(els, blocks, &in_card, first_block_in(els, blocks, best));
    let best = climb(els, best, &good, &lead, debug);
    with_siblings(els, best, &score, &scored, &in_card)
}

/// Every paragraph-sized block scores its parent and grandparent (and a
/// little its great-grandparent) by its length and commas; a box starts
/// from its tag's and class names' weight. Returns the scores and which
/// boxes have one.
fn score_boxes(els: &[El<'_>], blocks: &[Block]) -> (Vec<f64>, Vec<bool>) {
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
    (score, scored)
}

/// Discount every score by its box's link density; the best box, or
/// `NONE` when no block scored any.
fn best_box(els: &[El<'_>], score: &mut [f64], scored: &[bool]) -> usize {
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
    best
}

/// A development aid: the twelve best boxes with their figures.
fn log_candidates(els: &[El<'_>], score: &[f64], scored: &[bool], log: &mut String) {
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

/// Whether each element is a teaser card or inside one: the small box
/// right around a linked h2-h6 that also holds a cut-off excerpt.
fn teaser_cards(els: &[El<'_>], blocks: &[Block]) -> Vec<bool> {
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
    mark_feed_items(els, blocks, &mut card);
    let mut in_card = vec![false; els.len()];
    for i in 0..els.len() {
        let p = els[i].parent;
        in_card[i] = card[i] || (p != NONE && in_card[p]);
    }
    in_card
}

/// Items of a feed are cards too, whatever their headings: three or more
/// sibling boxes of one shape (tag and class names), each small, holding a
/// link and at most one paragraph (its excerpt). An article's sections
/// hold several paragraphs or none of the same shape.
fn mark_feed_items(els: &[El<'_>], blocks: &[Block], card: &mut [bool]) {
    let mut paras = vec![0u32; els.len()];
    for b in blocks {
        if !b.excluded && b.el != NONE && is_good_block(b) {
            paras[b.el] += 1;
        }
    }
    for i in (0..els.len()).rev() {
        let p = els[i].parent;
        if p != NONE {
            paras[p] += paras[i];
        }
    }
    let is_item = |e: &El<'_>, i: usize| {
        matches!(e.tag, "div" | "article" | "section")
            && !e.excluded
            && e.parent != NONE
            && e.link_chars > 0
            && e.text_chars < 800
            && paras[i] <= 1
    };
    let mut shapes: rustc_hash::FxHashMap<(usize, u64), u32> = Default::default();
    for (i, e) in els.iter().enumerate() {
        if is_item(e, i) {
            *shapes.entry((e.parent, e.shape)).or_insert(0) += 1;
        }
    }
    for (i, e) in els.iter().enumerate() {
        if is_item(e, i) && shapes.get(&(e.parent, e.shape)).is_some_and(|&n| n >= 3) {
            card[i] = true;
        }
    }
}

/// The index of the first block inside `root` (the arena is in document
/// order, so a subtree is the run of elements up to the next one whose
/// parent chain leaves it), or `blocks.len()` when it holds none.
fn first_block_in(els: &[El<'_>], blocks: &[Block], root: usize) -> usize {
    let mut end = root + 1;
    while end < els.len() && els[end].parent != NONE && els[end].parent >= root {
        end += 1;
    }
    blocks
        .iter()
        .position(|b| b.el >= root && b.el < end)
        .unwrap_or(blocks.len())
}

/// Good paragraph text (40 bytes or more, few links, outside teaser cards)
/// of the first `limit` blocks under each element, summed up the tree.
fn good_text(els: &[El<'_>], blocks: &[Block], in_card: &[bool], limit: usize) -> Vec<usize> {
    let mut good = vec![0usize; els.len()];
    for b in &blocks[..limit.min(blocks.len())] {
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
    good
}

/// The page's `<main>` holds its main content: what lies outside it
/// (testimonials, a site-wide band of posts) is not the article, unless it
/// is the article streamed in parked boxes that a script moves into `<main>`
/// (two thirds of the gain parked).
fn streamed_into_main(good: &[usize], hidden_good: &[usize], outer: usize, main: usize) -> bool {
    let gain = good[outer].saturating_sub(good[main]);
    let hidden = hidden_good[outer].saturating_sub(hidden_good[main]);
    hidden * 3 >= gain * 2
}

/// Good text under each element that lies in a parked box (see
/// [`El::parked`]).
fn hidden_good_text(els: &[El<'_>], good: &[usize]) -> Vec<usize> {
    let mut hidden = vec![0usize; els.len()];
    for i in (0..els.len()).rev() {
        if els[i].parked {
            hidden[i] = good[i];
        }
        let p = els[i].parent;
        if p != NONE {
            hidden[p] += hidden[i];
        }
    }
    hidden
}

/// Climb through pure wrappers (no new good text) and take an ancestor
/// whenever it adds enough good text; stop at the first modest gain or at
/// a box that is mostly links.
fn climb(
    els: &[El<'_>],
    best: usize,
    good: &[usize],
    lead: &[usize],
    mut debug: Option<&mut String>,
) -> usize {
    let hidden_good = hidden_good_text(els, good);
    // The `<main>` the climb has come through, if any.
    let mut main = None;
    let mut cur = best;
    let mut pick = best;
    loop {
        let p = els[cur].parent;
        if p == NONE || els[p].excluded || els[p].tag == "html" {
            break;
        }
        if els[cur].tag == "main" {
            main = Some(cur);
        }
        if main.is_some_and(|m| !streamed_into_main(good, &hidden_good, p, m)) {
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
        if good[p] as f64 > good[pick] as f64 * PROMOTE_RATIO
            || intro_above(e, good[p] - good[pick], lead[p] - lead[pick], good[pick])
        {
            pick = p;
            cur = p;
        } else {
            cur = p;
        }
    }
    pick
}

/// The chosen box and its siblings that look like more of the same
/// article: a good score of their own, or a plain paragraph of prose.
fn with_siblings(
    els: &[El<'_>],
    best: usize,
    score: &[f64],
    scored: &[bool],
    in_card: &[bool],
) -> Vec<usize> {
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

/// Text and link characters of every element, counted bottom-up over the
/// blocks not excluded: the arena is in document (pre-)order, so every
/// parent precedes its children.
pub(super) fn count_text(els: &mut [El<'_>], blocks: &[Block]) {
    for b in blocks {
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
}
