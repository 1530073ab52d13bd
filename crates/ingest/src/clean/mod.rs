//! Junk-line cleaning: remove the web boilerplate that scrapers leave in article text.
//!
//! [`clean_text`] looks at each line on its own (its words, its punctuation,
//! phrase lists of widget text) and at its position (after a "Related articles"
//! marker, inside a comment section), and removes the lines that are page
//! furniture rather than article. Every removed line is kept in
//! [`Cleaned::removed`] with its reason, so nothing vanishes silently.
//!
//! The reasons ([`JunkReason`], serialised kebab-case):
//!
//! | reason | what it catches |
//! |---|---|
//! | `comment-widget` | "Leave a Reply", "You are commenting using your ... account", "Log Out / Change", "12 comments", "Show comments", "Connecting to %s", "N bloggers like this", and the timestamps and "X says:" lines of a comment thread |
//! | `share-prompt` | "Share this:", "Click to share on ...", rows of service names (Facebook Twitter Email), a page's own link under a label ("Read or Share this story: http://...") |
//! | `footer` | copyright lines ("©", "Copyright 2016"), "All rights reserved", wire-copy notices, link rows "About Us \| Contact \| Privacy", the writer's e-mail, phone or handle ("Reach Ann Lee at ...") |
//! | `navigation` | breadcrumbs "Home > World > Africa", rows of section names, "Skip to content", "Next post" |
//! | `advertisement` | "Advertisement", "Sponsored", "Story continues below advertisement" |
//! | `photo-credit` | "(Photo: ...)", "Image copyright", captions ending in a credit "(Name / Agency)", "Getty Images" lines; captions and pull quotes that never end like a sentence; credits alone between two paragraphs; a gallery counter and its caption ("1 of 6. The camp at dawn, May 2, 2031.") |
//! | `related-links` | a marker ("Related articles", "You may also like", "More from ...", "Popular posts from this blog") and the headline lines after it; "Read more: ..." lines; headlines stacked above a subheading |
//! | `subscription-prompt` | "Subscribe to our newsletter", "Sign up for ...", "Enter your email address" |
//! | `cookie-prompt` | "We use cookies ...", "Accept all", "Cookie settings" |
//! | `boilerplate` | other page furniture: "Read more", "Tags: ...", "Posted in ...", "Your browser does not support ...", lines of symbols; promotional embedded posts and clip blurbs; bylines (the author goes to metadata); short labels a text repeats |
//!
//! Safety rule: a line that reads as a full sentence of prose (more than 12
//! words, lower-case words among them, ending with `.` `!` `?` or a closing
//! quote) is only removed by a *strong* pattern, one that does not occur in
//! article sentences (a copyright notice, "You are commenting using your").

use dossier_model::{JunkReason, RemovedLine};

pub(crate) use embeds::stamped_date_text;

mod captions;
mod embeds;
mod media;
mod prompts;
mod social;
mod tails;
mod teasers;

/// The result of cleaning: the kept text and what was taken out.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cleaned {
    /// Kept lines, trimmed; lines of one paragraph joined by `\n`, paragraphs
    /// by exactly one blank line.
    pub text: String,
    /// Removed lines in document order.
    pub removed: Vec<RemovedLine>,
}

/// Clean a text: trim lines, drop junk lines, normalise paragraph breaks.
pub fn clean_text(raw: &str) -> Cleaned {
    clean_with(raw, false)
}

/// [`clean_text`], or with `keep_junk` only the layout normalisation.
pub fn clean_with(raw: &str, keep_junk: bool) -> Cleaned {
    clean_lines(raw, keep_junk, None, Layout::Flat)
}

/// Where a text's line breaks come from, which decides what a line's
/// shape can say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// Text a scraper flattened: headings, captions, credits and boxes of
    /// links are all bare lines, told apart only by their shape and place.
    Flat,
    /// The main text of an HTML page: the extractor has already used the
    /// markup (figures, link boxes), and a heading above a heading is the
    /// page's outline, so the shape-only context rules stay off.
    Page,
}

/// A page can lose at most this share of its words to lines learned from
/// its site; more means it is a near-copy of other pages, not furniture.
const MAX_SITEWIDE_SHARE: f64 = 0.4;

/// Clean the main text of an HTML page, also removing as `boilerplate` the
/// lines its site repeats on many pages (normalised keys, see
/// [`crate::sitewide`]).
pub fn clean_known(
    raw: &str,
    keep_junk: bool,
    sitewide: Option<&rustc_hash::FxHashSet<String>>,
) -> Cleaned {
    clean_lines(raw, keep_junk, sitewide, Layout::Page)
}

fn clean_lines(
    raw: &str,
    keep_junk: bool,
    sitewide: Option<&rustc_hash::FxHashSet<String>>,
    layout: Layout,
) -> Cleaned {
    // (paragraph index, trimmed line)
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut para = 0;
    let mut blank = false;
    for l in raw.lines() {
        let t = l.trim();
        if t.is_empty() {
            blank = true;
            continue;
        }
        if blank && !lines.is_empty() {
            para += 1;
        }
        blank = false;
        lines.push((para, t));
    }
    let reasons: Vec<Option<JunkReason>> = if keep_junk {
        vec![None; lines.len()]
    } else {
        classify_lines(&lines.iter().map(|l| l.1).collect::<Vec<_>>(), layout)
    };
    let mut reasons = reasons;
    if let Some(known) = sitewide.filter(|k| !keep_junk && !k.is_empty()) {
        let hits: Vec<bool> = lines
            .iter()
            .zip(&reasons)
            .map(|((_, l), r)| r.is_none() && known.contains(&norm(l)))
            .collect();
        let words = |keep: &dyn Fn(usize) -> bool| -> usize {
            (0..lines.len())
                .filter(|&i| keep(i))
                .map(|i| lines[i].1.split_whitespace().count())
                .sum()
        };
        let kept = words(&|i| reasons[i].is_none());
        let hit = words(&|i| hits[i]);
        if (hit as f64) <= MAX_SITEWIDE_SHARE * kept as f64 {
            for (r, h) in reasons.iter_mut().zip(hits) {
                if h {
                    *r = Some(JunkReason::Boilerplate);
                }
            }
        }
    }
    let mut text = String::with_capacity(raw.len());
    let mut removed = Vec::new();
    let mut last_para = None;
    for ((p, line), reason) in lines.iter().zip(reasons) {
        if let Some(reason) = reason {
            removed.push(RemovedLine {
                text: (*line).to_string(),
                reason,
            });
            continue;
        }
        match last_para {
            None => {}
            Some(lp) if lp == *p => text.push('\n'),
            Some(_) => text.push_str("\n\n"),
        }
        text.push_str(line);
        last_para = Some(*p);
    }
    Cleaned { text, removed }
}

/// A one-word line left by a widget: a tag in lower case ("flooding"), a
/// picture id mixing letters and digits, an agency's credit ("AP"), or a
/// control label ("More", "Photo"). A capitalised word alone is more often
/// a section heading or a list item, and stays.
fn lone_widget_token(t: &str) -> bool {
    let letters = t.chars().any(char::is_alphabetic);
    let lower_tag = letters && !t.chars().any(char::is_uppercase);
    let id = letters && t.chars().any(|c| c.is_ascii_digit()) && t.len() >= 6;
    let n = t.to_lowercase();
    let credit = CREDIT_WORDS.contains(&n.as_str()) && t.chars().all(|c| c.is_uppercase());
    let control = [
        "more", "photo", "photos", "video", "videos", "share", "print", "email",
    ]
    .contains(&n.as_str());
    lower_tag || id || credit || control
}

/// Reasons for a whole flat text's lines, using each line's neighbours.
pub fn classify_all(lines: &[&str]) -> Vec<Option<JunkReason>> {
    classify_lines(lines, Layout::Flat)
}

fn classify_lines(lines: &[&str], layout: Layout) -> Vec<Option<JunkReason>> {
    let prose: Vec<bool> = lines.iter().map(|l| is_prose(l)).collect();
    // Non-prose lines are normalised once, for the line rules and for the
    // context rules below.
    let norms: Vec<Option<String>> = lines
        .iter()
        .zip(&prose)
        .map(|(l, &p)| (!p).then(|| norm(l.trim())))
        .collect();
    let mut out: Vec<Option<JunkReason>> = lines
        .iter()
        .zip(&norms)
        .map(|(l, n)| match n {
            Some(n) => classify_normed(l.trim(), n),
            None => classify_line_with(l, true),
        })
        .collect();
    keep_one_word_title(lines, &norms, &mut out);
    mark_header_tags(lines, &prose, &mut out);
    // A page's figure captions were left out with their <figcaption> and
    // caption boxes; a "Label: Description" line of a page's text is a
    // heading or a list entry, so the caption shapes are read in flat text only.
    if layout == Layout::Flat {
        mark_label_captions(lines, &prose, &mut out);
        mark_flat_shapes(lines, &prose, &mut out);
    } else {
        keep_slash_pairs(lines, &mut out);
        keep_named_links(lines, &mut out);
    }
    teasers::mark_headline_runs(lines, &prose, &mut out);
    teasers::mark_after_read_more(lines, &mut out);
    if layout == Layout::Flat {
        // After the "Read more" chains, which would take a subheading below
        // two stacked links for a third link.
        teasers::mark_stacked_headings(lines, &prose, &mut out);
    }
    let mut in_comments = false;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if prose[i] {
            i += 1;
            continue;
        }
        let n = norms[i].as_deref().unwrap_or_default();
        if is_comment_section_marker(n) {
            in_comments = true;
        } else if in_comments && out[i].is_none() && is_comment_thread_noise(line) {
            out[i] = Some(JunkReason::CommentWidget);
        }
        if is_related_marker(n) {
            out[i] = Some(JunkReason::RelatedLinks);
            // The headline lines after the marker: up to the next prose line.
            let mut j = i + 1;
            // A linked headline may read as a short sentence ("Prices rise.
            // And buyers pay."); article paragraphs are longer.
            // Only under a bare "Read more" marker, which introduces links and
            // never a section of the article.
            let links_only = n == "read more";
            let short_prose = |k: usize| links_only && prose[k] && words(lines[k]) <= 16;
            while j < lines.len() && (!prose[j] || short_prose(j)) && looks_like_link_line(lines[j])
            {
                j += 1;
            }
            let run = j - (i + 1);
            let to_end = lines[j..].iter().zip(&out[j..]).all(|(_, r)| r.is_some());
            // A single short line followed by prose is more likely a subheading.
            if to_end || run >= 2 {
                for r in out.iter_mut().take(j).skip(i + 1) {
                    if r.is_none() {
                        *r = Some(JunkReason::RelatedLinks);
                    }
                }
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    out
}

/// A text's first line is its title: a one-word title ("bridge") is not a
/// widget's leftover token, so only the other rules may take it.
fn keep_one_word_title(lines: &[&str], norms: &[Option<String>], out: &mut [Option<JunkReason>]) {
    let Some(first) = lines.iter().position(|l| !l.trim().is_empty()) else {
        return;
    };
    let line = lines[first].trim();
    if let (Some(n), Some(_), 1) = (&norms[first], out[first], words(line)) {
        out[first] = strong(line, n)
            .or_else(|| furniture(line))
            .or_else(|| weak(line, n))
            .or_else(|| teasers::short_teaser(line, n));
    }
}

/// Tabloid captions ("Close call: The driver swerves ...") below the
/// title; see [`captions::label_caption`].
fn mark_label_captions(lines: &[&str], prose: &[bool], out: &mut [Option<JunkReason>]) {
    for i in 1..lines.len() {
        let caption = (!prose[i] && captions::label_caption(lines[i]))
            || captions::run_on_label_captions(lines[i]);
        if out[i].is_none() && caption {
            out[i] = Some(JunkReason::PhotoCredit);
        }
    }
}

/// In flat text, the furniture only shape and place give away: a caption
/// or a series' promotion box opening the text, and once the prose has begun,
/// captions and pull quotes that do not end like a sentence, credits alone
/// between two paragraphs, and a player's control word before clip titles.
/// A line that the next one carries on (starting in lower case) is a
/// wrapped sentence, not a caption.
fn mark_flat_shapes(lines: &[&str], prose: &[bool], out: &mut [Option<JunkReason>]) {
    // A caption above the header, not a lead paragraph opened by a place
    // ("Harbour City: The council voted ..."), which prose follows.
    if lines.len() >= 2
        && !prose[1]
        && out[0].is_none()
        && captions::opening_label_caption(lines[0])
    {
        out[0] = Some(JunkReason::PhotoCredit);
    }
    // The first line left once the widget leftovers above it are gone.
    if let Some(first) = out.iter().position(Option::is_none) {
        if prompts::promotion_box(lines[first]) {
            out[first] = Some(JunkReason::Boilerplate);
        }
    }
    // Hard-wrapped text ends lines anywhere, so an open end says nothing.
    let wrapped = std::cell::OnceCell::new();
    let mut in_body = false;
    for i in 1..lines.len() {
        in_body |= prose[i - 1];
        if prose[i] || out[i].is_some() {
            continue;
        }
        let carried_on = lines
            .get(i + 1)
            .and_then(|l| l.trim().chars().next())
            .is_some_and(char::is_lowercase);
        let between_paragraphs = prose[i - 1] && prose.get(i + 1) == Some(&true);
        let open = in_body
            && !carried_on
            && (captions::open_caption(lines[i]) || captions::pull_quote(lines[i]))
            && !*wrapped.get_or_init(|| teasers::wrapped(lines));
        if open || (between_paragraphs && captions::lone_credit(lines[i])) {
            out[i] = Some(JunkReason::PhotoCredit);
        } else if media::control_led_titles(lines[i]) && after_sentence(lines, out, i) {
            out[i] = Some(JunkReason::Boilerplate);
        }
    }
}

/// The last kept line before `i` (looking a few lines back, so a long run
/// of junk costs no more) ends a sentence: what follows starts anew.
fn after_sentence(lines: &[&str], out: &[Option<JunkReason>], i: usize) -> bool {
    (i.saturating_sub(8)..i)
        .rev()
        .find(|&k| out[k].is_none())
        .is_some_and(|k| {
            lines[k]
                .trim_end()
                .ends_with(['.', '!', '?', '"', '\u{201d}'])
        })
}

/// Between a text's first line (its title) and its first prose line, a line
/// of one to three words with no digit and no sentence punctuation is a
/// section tag, a broken crumb or a bare dateline place ("World",
/// "Washington, DC"), not article text. A deck or standfirst is longer, and
/// a subheading comes after the prose has begun.
fn mark_header_tags(lines: &[&str], prose: &[bool], out: &mut [Option<JunkReason>]) {
    let Some(title) = lines.iter().position(|l| !l.trim().is_empty()) else {
        return;
    };
    let Some(first_prose) = prose.iter().position(|&p| p) else {
        return;
    };
    // Only a short header zone: a text of headings and lists has no prose
    // to anchor it.
    if first_prose <= title || first_prose - title > 8 {
        return;
    }
    for i in title + 1..first_prose {
        let line = lines[i].trim();
        let words = line.split_whitespace().count();
        // A lower-case function word ("Polizzi, who was") means a broken
        // sentence, which stays.
        let running = line.split(|c: char| !c.is_alphanumeric()).any(|w| {
            !w.is_empty() && w.chars().all(char::is_lowercase) && dossier_text::is_stopword(w)
        });
        let tag_like = (1..=3).contains(&words)
            && !running
            && !line.chars().any(|c| {
                c.is_ascii_digit() || matches!(c, '.' | '!' | '?' | ':' | '"' | '\u{201c}')
            });
        if tag_like && out[i].is_none() {
            out[i] = Some(JunkReason::Navigation);
        }
    }
}

/// The reason a single line is junk, judged without context, or `None`.
pub fn classify_line(line: &str) -> Option<JunkReason> {
    classify_line_with(line, is_prose(line))
}

fn classify_line_with(line: &str, prose: bool) -> Option<JunkReason> {
    let line = line.trim();
    if line.is_empty() {
        return None;
    }
    if prose {
        // Most lines of a text are prose: only the cheap strong check, on a
        // normalised head of the line rather than the whole line.
        // Strong prefixes start with one of these letters (or ©).
        let first = line.as_bytes().first().map(u8::to_ascii_lowercase);
        if !matches!(first, Some(b'c' | b'(' | b'i' | b'm' | b's' | b'a' | 0xc2)) {
            return strong(line, "").or_else(|| prose_furniture(line));
        }
        let mut cut = line.len().min(64);
        while !line.is_char_boundary(cut) {
            cut -= 1;
        }
        let head = norm(&line[..cut]);
        return strong(line, &head).or_else(|| prose_furniture(line));
    }
    classify_normed(line, &norm(line))
}

/// Words one of the furniture rules needs to see before it can fire on a
/// prose line (see [`prose_furniture`]), besides the media words, which
/// `media.rs` lists.
const FURNITURE_TRIGGERS: &[&str] = &[
    // captions
    "file",
    "in this ",
    "associated press",
    "reuters",
    "afp",
    "getty",
    "pressphoto",
    "epa ",
    "agence",
    "shutterstock",
    "photo",
    "image",
    "picture",
    "credit",
    "video by",
    "pic ",
    // tails
    "contributed",
    "reported from",
    "version of",
    "originally",
    "first appeared",
    "first published",
    "@",
    // social
    "#",
    "follow",
    "twitter",
    "instagram",
    "facebook",
    "tiktok",
    "x.com/",
    // prompts
    "inbox",
    "subscri",
    "sign up",
    "sign-up",
    "signing up",
    "email",
    "e-mail",
    "alerts",
    "typo",
    "comment box",
    "comment section",
    "livechat",
    "live chat",
    "the word",
    "location history",
    "robot",
    "recommending",
    "junk mail",
    "notifications",
    "log in",
    "your interest",
    "not found",
    "be found",
    "no longer available",
    "not exist",
    "n't exist",
    "been removed",
    "been moved",
    "crawl",
    // embeds
    "(@",
    "(published ",
    "has the latest",
    "has more",
    // teasers
    "read more",
    "full story",
    "continue reading",
];

fn trigger_matcher() -> Option<&'static aho_corasick::AhoCorasick> {
    static M: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> = std::sync::OnceLock::new();
    M.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            // The player and gallery words are media.rs's own lists, so a
            // word added there is seen here too.
            .build(
                media::UI_ONLY
                    .iter()
                    .chain(media::TRIGGERS)
                    .chain(FURNITURE_TRIGGERS),
            )
            .ok()
    })
    .as_ref()
}

/// [`furniture`] for a prose line, which is most lines of most texts: the
/// rules run only when a cheap scan finds something one of them needs, so
/// cleaning stays linear and fast on large pages.
fn prose_furniture(line: &str) -> Option<JunkReason> {
    let t = line.trim();
    let b = t.as_bytes();
    let edge = matches!(b.first(), Some(b'0'..=b'9' | b'(' | b'['))
        || t.ends_with([')', ']'])
        || t.get(t.len().saturating_sub(80)..)
            .is_some_and(|tail| tail.contains('/'))
        || t.get(t.len().saturating_sub(12)..)
            .is_some_and(|tail| tail.to_ascii_lowercase().contains("here"));
    let word = trigger_matcher().is_some_and(|m| m.is_match(t));
    let repeat = t.split_once(' ').is_some_and(|(first, rest)| {
        rest.get(..rest.len().min(120))
            .is_some_and(|r| r.contains(first))
    });
    if edge || word || repeat {
        furniture(line)
    } else {
        None
    }
}

/// The rules of the furniture kinds that hold for prose lines as well as
/// for short ones: each looks for a shape no article sentence has.
fn furniture(line: &str) -> Option<JunkReason> {
    // Several rules read the line in lower case: it is made once, here,
    // when the first of them is reached.
    let lower = std::cell::OnceCell::new();
    let lower = || lower.get_or_init(|| line.trim().to_lowercase()).as_str();
    media::media_furniture(line)
        .or_else(|| embeds::embedded_media(line))
        .or_else(|| tails::byline(line))
        .or_else(|| tails::agency_tail(line, lower()))
        .or_else(|| captions::caption_or_credit(line))
        .or_else(|| social::social_residue(line, lower()))
        .or_else(|| prompts::reader_prompt(line, lower()))
        .or_else(|| teasers::teaser_line(line))
}

/// The line rules for a trimmed non-prose `line` whose [`norm`] is `n`.
fn classify_normed(line: &str, n: &str) -> Option<JunkReason> {
    if line.is_empty() {
        return None;
    }
    strong(line, n)
        .or_else(|| furniture(line))
        .or_else(|| weak(line, n))
        .or_else(|| teasers::short_teaser(line, n))
        .or_else(|| fragment(line))
}

/// What is left of a widget once its links are gone: a single token ("AP",
/// "More", a tag, a picture id), or a few words cut off at a separator
/// ("PLACE, Country |"). A title line is judged apart (see `classify_all`).
fn fragment(line: &str) -> Option<JunkReason> {
    let w = words(line);
    let t = line.trim();
    if w == 1 && !t.ends_with(['.', '!', '?', '"', '\u{201d}', ':']) && lone_widget_token(t) {
        return Some(JunkReason::Boilerplate);
    }
    if w <= 6 && t.ends_with(['|', '\u{2022}']) {
        return Some(JunkReason::Navigation);
    }
    None
}

/// Lower-cased, typographic quotes folded, whitespace collapsed, decorative
/// punctuation stripped at both ends.
pub(crate) fn norm(line: &str) -> String {
    let mut s = String::with_capacity(line.len());
    let mut space = false;
    for c in line.chars().flat_map(char::to_lowercase) {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{2032}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            '\u{a0}' | '\t' => ' ',
            c => c,
        };
        if c == ' ' {
            space = true;
            continue;
        }
        if space && !s.is_empty() {
            s.push(' ');
        }
        space = false;
        s.push(c);
    }
    let deco = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ':' | '.'
                    | '!'
                    | '…'
                    | '»'
                    | '«'
                    | '›'
                    | '‹'
                    | '>'
                    | '<'
                    | '|'
                    | '-'
                    | '–'
                    | '—'
                    | '•'
                    | '·'
                    | '*'
                    | '#'
                    | '→'
                    | '←'
                    | '↓'
                    | '▶'
                    | '►'
                    | '+'
                    | '='
                    | '_'
                    | '~'
            )
    };
    s.trim_matches(deco).to_string()
}

fn words(line: &str) -> usize {
    line.split_whitespace().count()
}

/// A full sentence of prose: more than 12 words, ends like a sentence, and is
/// shaped like running text (lower-case words, not a Title Cased headline).
pub fn is_prose(line: &str) -> bool {
    let line = line.trim();
    let end = line.trim_end_matches([')', ']', '*']);
    let ends_like_sentence = matches!(
        end.chars().next_back(),
        Some('.' | '!' | '?' | '"' | '\u{201d}' | '\u{2019}' | '\'' | '…')
    );
    if !ends_like_sentence {
        return false;
    }
    // Look only at word starts (after each space), found with memchr, which
    // stays fast in debug builds. Non-ASCII initials count as letters, and as
    // lower-case when they are.
    let b = line.as_bytes();
    let (mut words, mut alpha, mut lower) = (0usize, 0usize, 0usize);
    let mut count = |i: usize| {
        let Some(&c) = b.get(i) else { return };
        if matches!(c, b' ' | b'\t' | b'\n') {
            return;
        }
        words += 1;
        if c.is_ascii_alphabetic() {
            alpha += 1;
            if c.is_ascii_lowercase() {
                lower += 1;
            }
        } else if c >= 0x80 {
            if let Some(ch) = line.get(i..).and_then(|r| r.chars().next()) {
                if ch.is_alphabetic() {
                    alpha += 1;
                    if ch.is_lowercase() {
                        lower += 1;
                    }
                }
            }
        }
    };
    count(0);
    for sp in memchr::memchr3_iter(b' ', b'\t', b'\n', b) {
        count(sp + 1);
    }
    words > 12 && lower >= 3 && lower * 10 >= alpha * 3
}

fn starts_with_any(n: &str, list: &[&str]) -> bool {
    list.iter().any(|p| n.starts_with(p))
}

/// A fixed list of line openings and the set of their first bytes, made
/// at compile time: most lines open with a byte no phrase of a list opens
/// with, and are refused by one lookup instead of a comparison per phrase.
/// The rules ask this of every short line.
struct Phrases {
    list: &'static [&'static str],
    first: [bool; 256],
}

impl Phrases {
    const fn new(list: &'static [&'static str]) -> Self {
        let mut first = [false; 256];
        let mut i = 0;
        while i < list.len() {
            // An empty phrase would open every line: refused at compile time.
            first[list[i].as_bytes()[0] as usize] = true;
            i += 1;
        }
        Self { list, first }
    }

    /// [`starts_with_any`] of the list.
    fn opens(&self, n: &str) -> bool {
        n.as_bytes()
            .first()
            .is_some_and(|&b| self.first[b as usize])
            && starts_with_any(n, self.list)
    }
}

/// A [`Phrases`] of its own for each list written in place.
macro_rules! phrases {
    ($($p:expr),* $(,)?) => {{
        static SET: Phrases = const { Phrases::new(&[$($p),*]) };
        &SET
    }};
}

/// Phrases that mark a line as junk wherever they appear in it, with the
/// reason and the longest line (in words) they may condemn.
const STRONG_PHRASES: &[(&str, JunkReason, usize)] = &[
    ("all rights reserved", JunkReason::Footer, 30),
    // Also after the labels of the picture it sat under ("Photo
    // Advertisement Continue reading the main story").
    (
        "continue reading the main story",
        JunkReason::Advertisement,
        12,
    ),
    (
        "may not be published, broadcast, rewritten",
        JunkReason::Footer,
        40,
    ),
    (
        "may not be reproduced, distributed, transmitted",
        JunkReason::Footer,
        40,
    ),
    (
        "without the prior written permission of",
        JunkReason::Footer,
        40,
    ),
    (
        "you are commenting using your",
        JunkReason::CommentWidget,
        60,
    ),
    (
        "your email address will not be published",
        JunkReason::CommentWidget,
        60,
    ),
    ("notify me of new comments", JunkReason::CommentWidget, 60),
    (
        "notify me of follow-up comments",
        JunkReason::CommentWidget,
        60,
    ),
    ("notify me of new posts", JunkReason::CommentWidget, 60),
    (
        "this site uses akismet to reduce spam",
        JunkReason::CommentWidget,
        60,
    ),
    (
        "fill in your details below or click an icon to log in",
        JunkReason::CommentWidget,
        60,
    ),
    (
        "you must be logged in to post a comment",
        JunkReason::CommentWidget,
        60,
    ),
    (
        "please enable javascript to view the comments",
        JunkReason::CommentWidget,
        60,
    ),
    ("comments powered by disqus", JunkReason::CommentWidget, 60),
    ("issues with commenting", JunkReason::CommentWidget, 60),
    ("problems with commenting", JunkReason::CommentWidget, 60),
    ("trouble commenting", JunkReason::CommentWidget, 60),
    ("we use cookies", JunkReason::CookiePrompt, 60),
    ("this site uses cookies", JunkReason::CookiePrompt, 60),
    ("this website uses cookies", JunkReason::CookiePrompt, 60),
    ("our website uses cookies", JunkReason::CookiePrompt, 60),
    ("our site uses cookies", JunkReason::CookiePrompt, 60),
    (
        "you agree to our use of cookies",
        JunkReason::CookiePrompt,
        60,
    ),
    (
        "you consent to our use of cookies",
        JunkReason::CookiePrompt,
        60,
    ),
    (
        "you agree to the use of cookies",
        JunkReason::CookiePrompt,
        60,
    ),
    ("privacy & cookies:", JunkReason::CookiePrompt, 60),
    (
        "subscribe to our newsletter",
        JunkReason::SubscriptionPrompt,
        30,
    ),
    (
        "sign up for our newsletter",
        JunkReason::SubscriptionPrompt,
        30,
    ),
    (
        "sign up to our newsletter",
        JunkReason::SubscriptionPrompt,
        30,
    ),
    (
        "sign up for our daily newsletter",
        JunkReason::SubscriptionPrompt,
        30,
    ),
    (
        "sign up for our free newsletter",
        JunkReason::SubscriptionPrompt,
        30,
    ),
    ("get our newsletter", JunkReason::SubscriptionPrompt, 30),
    // Paywall panels, and the consent small print under sign-up forms.
    ("unlock this article", JunkReason::SubscriptionPrompt, 30),
    (
        "to read the rest of this story",
        JunkReason::SubscriptionPrompt,
        30,
    ),
    (
        "this article is exclusive to",
        JunkReason::SubscriptionPrompt,
        15,
    ),
    (
        "by signing up, you agree",
        JunkReason::SubscriptionPrompt,
        80,
    ),
    (
        "by signing up you agree",
        JunkReason::SubscriptionPrompt,
        80,
    ),
    (
        "msg and data rates may apply",
        JunkReason::SubscriptionPrompt,
        80,
    ),
];

fn strong_matcher() -> Option<&'static aho_corasick::AhoCorasick> {
    static M: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> = std::sync::OnceLock::new();
    M.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(STRONG_PHRASES.iter().map(|p| p.0))
            .ok()
    })
    .as_ref()
}

/// Patterns that never occur in article prose, applied to every line. `n` is
/// the normalised line, or at least its normalised first 64 bytes.
fn strong(line: &str, n: &str) -> Option<JunkReason> {
    use JunkReason::*;
    let w = || words(line);
    if n.starts_with('©') || n.starts_with("copyright ©") || n.starts_with("copyright (c)") {
        return Some(Footer);
    }
    if n.starts_with("copyright ") && w() <= 30 && has_year(&line.to_lowercase()) {
        return Some(Footer);
    }
    if n.starts_with("(c) ") && has_year(line) {
        return Some(Footer);
    }
    for m in strong_matcher()
        .into_iter()
        .flat_map(|ac| ac.find_iter(line))
    {
        if let Some(&(_, reason, max_words)) = STRONG_PHRASES.get(m.pattern().as_usize()) {
            if w() <= max_words {
                return Some(reason);
            }
        }
    }
    if starts_with_any(
        n,
        &[
            "click to share on",
            "click to email this to",
            "click to email a link to",
            "click to print",
            "click to share",
        ],
    ) {
        return Some(SharePrompt);
    }
    if starts_with_any(
        n,
        &[
            "story continues below advertisement",
            "article continues below advertisement",
            "continue reading the main story",
            "advertisement continue reading",
        ],
    ) {
        return Some(Advertisement);
    }
    if starts_with_any(n, &["image copyright", "image caption", "media caption"]) {
        return Some(PhotoCredit);
    }
    if line.ends_with(')') && is_credit_parenthetical(line) {
        return Some(PhotoCredit);
    }
    None
}

fn has_year(n: &str) -> bool {
    let b = n.as_bytes();
    b.windows(4)
        .any(|w| w.iter().all(u8::is_ascii_digit) && (w.starts_with(b"19") || w.starts_with(b"20")))
}

const CREDIT_WORDS: &[&str] = &[
    "photo",
    "photograph",
    "getty",
    "images",
    "reuters",
    "ap",
    "afp",
    "epa",
    "photographer",
    "shutterstock",
    "pool",
    "file",
    "courtesy",
    "credit",
    "picture",
    "pictures",
    "staff",
    "via",
    "istock",
    "alamy",
    "bloomberg",
    "efe",
    "xinhua",
    // "(Associated Press)" after a caption's own credit.
    "associated",
    "press",
];

/// A line wholly in parentheses that names a photo source, or a caption that
/// ends in a credit such as "(Jane Doe / Staff Photographer)".
fn is_credit_parenthetical(line: &str) -> bool {
    let t = line.trim();
    if !t.ends_with(')') {
        return false;
    }
    let Some(open) = t.rfind('(') else {
        return false;
    };
    let inner = t.get(open + 1..t.len() - 1).unwrap_or("").to_lowercase();
    if words(&inner) > 12 {
        return false;
    }
    let toks: Vec<&str> = inner
        .split(|c: char| !c.is_alphanumeric())
        .filter(|s| !s.is_empty())
        .collect();
    let credit = toks.iter().any(|t| CREDIT_WORDS.contains(t));
    if !credit {
        return false;
    }
    let whole = open == 0;
    // "... by wildlife rangers. (Agency)": a credit alone in the brackets.
    let only_credit = toks.iter().all(|t| CREDIT_WORDS.contains(t));
    // "(Photo: ...)", "(AP Photo/...)" alone, or caption + "(Name / Agency)".
    whole
        || only_credit
        || inner.contains('/')
        || inner.starts_with("photo")
        || inner.contains("photo:")
        || inner.contains("getty images")
        || inner.contains("photographer")
}

/// Searchers for the agencies' credits that mark a short line wherever
/// they sit in it, made once: every short line is searched for each, and
/// a substring search made afresh costs a set-up per phrase and line.
fn credit_finders() -> &'static [memchr::memmem::Finder<'static>] {
    static F: std::sync::OnceLock<Vec<memchr::memmem::Finder<'static>>> =
        std::sync::OnceLock::new();
    F.get_or_init(|| {
        [
            "getty images",
            "ap photo",
            "/ap photo",
            "afp/getty",
            "/ afp",
            "/afp",
            "/reuters",
            "/ reuters",
            "shutterstock",
            "/ epa",
            "/epa",
        ]
        .iter()
        .map(memchr::memmem::Finder::new)
        .collect()
    })
}

/// Patterns applied only to lines that are not full prose sentences.
fn weak(line: &str, n: &str) -> Option<JunkReason> {
    use JunkReason::*;
    if n.is_empty() {
        // Only symbols and decoration.
        return Some(Boilerplate);
    }
    if !n.chars().any(char::is_alphanumeric) {
        return Some(Boilerplate);
    }
    if let Some(r) = exact(n) {
        return Some(r);
    }
    let w = words(line);
    if is_comment_count(n) {
        return Some(CommentWidget);
    }
    if phrases![
        "you are commenting using",
        "log out /",
        "connecting to ",
        "notify me of",
        "comments are closed",
        "leave a reply",
        "leave a comment",
        "post a comment",
        "be the first to comment",
        "be the first to like this",
    ]
    .opens(n)
        || n.ends_with("bloggers like this")
        || n.ends_with("blogger likes this")
        || n.ends_with("people like this")
    {
        return Some(CommentWidget);
    }
    // The avatar labels of a comment form's log-in buttons: "Twitter picture",
    // "Google+ photo", "WordPress.com logo".
    let short: Vec<&str> = n.split_whitespace().collect();
    if (2..=3).contains(&short.len())
        && [
            "google+",
            "twitter",
            "facebook",
            "wordpress.com",
            "linkedin",
            "tumblr",
            "gravatar",
        ]
        .contains(&short[0])
        && ["photo", "picture", "logo", "icon", "avatar", "account"]
            .contains(&short[short.len() - 1])
    {
        return Some(CommentWidget);
    }
    // The alt text of an interface icon left behind by extraction ("Features Icon").
    if (1..=3).contains(&short.len()) && short.last() == Some(&"icon") {
        return Some(Navigation);
    }
    if phrases![
        "share this",
        "share on ",
        "share via ",
        "share with ",
        "follow us on",
        "follow us:",
        "like us on facebook",
        "find us on facebook",
        "follow @",
        "tweet this",
        "email this",
    ]
    .opens(n)
        && w <= 10
    {
        return Some(SharePrompt);
    }
    if is_service_row(n) {
        return Some(SharePrompt);
    }
    if phrases![
        "powered by ",
        "proudly powered by",
        "theme by ",
        "theme: ",
        "site by ",
        "designed by ",
        "copyright",
    ]
    .opens(n)
        && w <= 14
    {
        return Some(Footer);
    }
    if let Some(r) = link_row(line) {
        return Some(r);
    }
    if is_breadcrumb(line) {
        return Some(Navigation);
    }
    if phrases!["you are here", "skip to ", "jump to "].opens(n) && w <= 8 {
        return Some(Navigation);
    }
    if phrases![
        "advertisement",
        "sponsored by ",
        "sponsored content",
        "story continues below",
        "article continues below",
        "content continues below",
        "continue reading below",
        "story continued below",
        "scroll to continue",
    ]
    .opens(n)
        && w <= 8
    {
        return Some(Advertisement);
    }
    if phrases![
        "photo:",
        "photos:",
        "photo by ",
        "photos by ",
        "photograph:",
        "photograph by ",
        "image:",
        "image by ",
        "images:",
        "picture:",
        "pictured:",
        "credit:",
        "image credit",
        "photo credit",
        "photo courtesy",
        "image courtesy",
        "file photo",
        "(photo",
        "(ap photo",
        "source: getty",
        "video:",
        "videos:",
        "gallery:",
        "slideshow:",
        "interactive:",
        "scroll down for video",
        "toggle caption",
        "hide caption",
        "enlarge this image",
    ]
    .opens(n)
        && w <= 30
    {
        return Some(PhotoCredit);
    }
    if credit_finders()
        .iter()
        .any(|f| f.find(n.as_bytes()).is_some())
        && w <= 20
    {
        return Some(PhotoCredit);
    }
    if is_name_slash_agency(line) {
        return Some(PhotoCredit);
    }
    if phrases![
        "subscribe to ",
        "subscribe for ",
        "sign up for ",
        "sign up to ",
        "sign up and ",
        "get the latest ",
        "get our ",
        "already a subscriber",
        "already have an account",
        "want to read more",
        "to continue reading",
        "you have reached your",
        "you've reached your",
        "this article is for subscribers",
        "this content is for subscribers",
        "enter your email",
        "get breaking news",
        "get email updates",
        "thanks for signing up",
        "thank you for signing up",
    ]
    .opens(n)
        && w <= 25
    {
        return Some(SubscriptionPrompt);
    }
    if n.contains("newsletter") && w <= 8 {
        return Some(SubscriptionPrompt);
    }
    if phrases![
        "by continuing to use",
        "by continuing to browse",
        "by using this site",
        "by using our site",
        "by using this website",
        "accept cookies",
        "accept all cookies",
        "cookie settings",
        "cookie preferences",
        "manage cookies",
        "privacy and cookies",
    ]
    .opens(n)
        && w <= 40
    {
        return Some(CookiePrompt);
    }
    if phrases![
        "read more:",
        "read more at",
        "read more about",
        "related:",
        "read also:",
        "also read:",
        "see also:",
        "more:",
        "recommended:",
        "read next:",
        "more from ",
        "more on ",
        "more stories from",
        "also on ",
    ]
    .opens(n)
        && w <= 25
    {
        return Some(RelatedLinks);
    }
    if phrases![
        "tags:",
        "tags ",
        "tagged:",
        "tagged with",
        "filed under",
        "topics:",
        "categories:",
        "category:",
        "posted in ",
        "posted by ",
        "published by ",
        "click here to ",
        "click here for ",
        "please enable javascript",
        "javascript is disabled",
        "javascript is required",
        "your browser does not support",
        "this video is not available",
        "this video is unavailable",
        "sorry, this video",
        "we're sorry, this",
        "watch:",
        "watch live",
        "listen:",
        "listen to this article",
        "reading time",
        "estimated reading time",
        "print this",
        "view comments",
        "view all",
        "view more",
        "see more",
        "load more",
        "show more",
    ]
    .opens(n)
        && w <= 20
    {
        return Some(Boilerplate);
    }
    if (n.ends_with(" min read") || n.ends_with(" minute read") || n.ends_with(" minutes read"))
        && w <= 5
    {
        return Some(Boilerplate);
    }
    None
}

/// In a page's text, a pair of capitalised names around a slash with no
/// word of a credit ("Downtown / Film Row", "Low-Code/No-Code Solutions")
/// is a heading or a list entry: the page's credits went with its figures
/// and credit boxes. Only flat text keeps the bare "Name / Agency" rule.
fn keep_slash_pairs(lines: &[&str], out: &mut [Option<JunkReason>]) {
    for (line, r) in lines.iter().zip(out.iter_mut()) {
        if *r == Some(JunkReason::PhotoCredit) && is_name_slash_agency(line) {
            let lower = line.to_lowercase();
            let credit = lower
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| CREDIT_WORDS.contains(&w));
            if !credit {
                *r = None;
            }
        }
    }
}

/// In a page's text, a sentence that points at a link it names ("Read my
/// review of the harbour hotel here.") is the writer's; see
/// [`prompts::named_cta_here`].
fn keep_named_links(lines: &[&str], out: &mut [Option<JunkReason>]) {
    for (line, r) in lines.iter().zip(out.iter_mut()) {
        if *r == Some(JunkReason::Boilerplate) && prompts::named_cta_here(line) {
            *r = None;
        }
    }
}

/// A bare picture credit: "Jane Roe / Agency", "(Jane Roe/Agency)": a few
/// capitalised words on both sides of one slash, no digits, no sentence end.
fn is_name_slash_agency(line: &str) -> bool {
    let t = line.trim();
    let t = t
        .strip_prefix('(')
        .and_then(|x| x.strip_suffix(')'))
        .unwrap_or(t);
    if words(t) > 8 || t.bytes().any(|b| b.is_ascii_digit()) || t.ends_with('.') {
        return false;
    }
    let mut parts = t.split('/');
    let (Some(a), Some(b), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let capitalised = |s: &str| {
        let ws: Vec<&str> = s.split_whitespace().collect();
        !ws.is_empty()
            && ws.len() <= 5
            && ws.iter().all(|w| {
                w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
                    || matches!(
                        *w,
                        "for" | "of" | "the" | "and" | "&" | "via" | "et" | "al" | "al."
                    )
            })
    };
    let two_words = words(a) >= 2 || words(b) >= 2;
    two_words && capitalised(a) && capitalised(b)
}

/// Whole-line phrases (after [`norm`]).
fn exact(n: &str) -> Option<JunkReason> {
    use JunkReason::*;
    const COMMENT: &[&str] = &[
        "leave a reply",
        "leave a comment",
        "leave a reply cancel reply",
        "cancel reply",
        "post a comment",
        "post comment",
        "add a comment",
        "add comment",
        "submit comment",
        "comments",
        "comment",
        "show comments",
        "hide comments",
        "view comments",
        "view all comments",
        "load comments",
        "load more comments",
        "read comments",
        "see comments",
        "reply",
        "delete",
        "report abuse",
        "like",
        "loading",
        "like loading",
        "join the discussion",
        "join the conversation",
        "comment policy",
        "log out / change",
        "log out",
        "change",
        "connecting to %s",
        "like this",
        "likes",
        "no comments",
        "one comment",
        "newest first",
        "oldest first",
        "sort by",
        "name (required)",
        "email (required)",
        "mail (will not be published) (required)",
        "required fields are marked",
        "discussion",
        "conversation",
    ];
    const SHARE: &[&str] = &[
        "share",
        "share this",
        "share article",
        "share story",
        "share this article",
        "share this story",
        "share this post",
        "share this page",
        "share on facebook",
        "share on twitter",
        "share via email",
        "share via",
        "tweet",
        "tweet this",
        "email this",
        "email this article",
        "pin it",
        "copy link",
        "copy url",
        "link copied",
        "follow us",
        "add a location to your tweets",
        "tweet with a location",
        "shares",
    ];
    const FOOTER: &[&str] = &[
        "all rights reserved",
        "privacy policy",
        "privacy notice",
        "terms of use",
        "terms of service",
        "terms and conditions",
        "terms & conditions",
        "contact us",
        "about us",
        "back to top",
        "return to top",
        "sitemap",
        "site map",
        "advertise with us",
        "work with us",
        "careers",
        "accessibility",
        "powered by wordpress",
        "rss",
        "rss feed",
    ];
    const NAV: &[&str] = &[
        "home",
        "menu",
        "main menu",
        "search",
        "search for",
        "navigation",
        "toggle navigation",
        "skip to content",
        "skip to main content",
        "previous post",
        "next post",
        "previous article",
        "next article",
        "previous story",
        "next story",
        "previous",
        "next",
        "prev",
        "older posts",
        "newer posts",
        "older post",
        "newer post",
        "sections",
        "log in",
        "login",
        "sign in",
        "sign out",
        "register",
        "you are here",
        "top of page",
        "back to top of page",
        "close",
        "open",
        "go",
        "top",
        "back",
        "more",
        "expand",
        "collapse",
    ];
    const AD: &[&str] = &[
        "advertisement",
        "advertisements",
        "advertising",
        "ad",
        "ads",
        "sponsored",
        "sponsored content",
        "sponsored links",
        "sponsored stories",
        "paid content",
        "paid post",
        "promoted",
        "promoted content",
        "partner content",
        "report this ad",
        "adchoices",
        "ad choices",
        "ad feedback",
        "advertise",
    ];
    const PHOTO: &[&str] = &[
        "getty images",
        "getty",
        "ap photo",
        "ap",
        "reuters",
        "afp",
        "epa",
        "file photo",
        "photo",
        "image",
        "images",
        "hide caption",
        "toggle caption",
        "show caption",
        "caption",
        "enlarge this image",
        "enlarge",
        "click to enlarge",
        "view gallery",
        "photo gallery",
        "gallery",
        "expand image",
        "view image",
    ];
    const SUB: &[&str] = &[
        "subscribe",
        "subscribe now",
        "subscribe today",
        "sign up",
        "sign up now",
        "sign up for free",
        "newsletter",
        "newsletters",
        "get the newsletter",
        "enter your email",
        "enter your email address",
        "email address",
        "your email",
        "become a subscriber",
        "become a member",
        "join now",
        "register now",
        "subscribers only",
        "invalid email",
        "please enter a valid email address",
        "donate",
        "support us",
    ];
    const COOKIE: &[&str] = &[
        "cookie policy",
        "accept",
        "accept all",
        "reject all",
        "i agree",
        "i accept",
        "got it",
        "ok, got it",
        "manage preferences",
        "allow all",
        "cookie settings",
        "cookies",
    ];
    const BOILER: &[&str] = &[
        "read more",
        "read full story",
        "read the full story",
        "read full article",
        "read the full article",
        "full story",
        "continue reading",
        "click here",
        "watch",
        "watch video",
        "watch now",
        "listen",
        "play",
        "play video",
        "video",
        "tags",
        "filed under",
        "topics",
        "categories",
        "permalink",
        "print",
        "print friendly",
        "text size",
        "font size",
        "a a a",
        "aa",
        "updated",
        "published",
        "embed",
        "follow",
        "following",
        "unfollow",
        "skip",
        "see more",
        "show more",
        "load more",
        "view more",
        "loading video",
        "email",
        "e-mail",
        "facebook",
        "twitter",
        "linkedin",
        "whatsapp",
        "pinterest",
        "reddit",
        "save",
        "saved",
        "bookmark",
        "listen to this article",
        "audio",
    ];
    let lists: [(&[&str], JunkReason); 9] = [
        (COMMENT, CommentWidget),
        (SHARE, SharePrompt),
        (FOOTER, Footer),
        (NAV, Navigation),
        (AD, Advertisement),
        (PHOTO, PhotoCredit),
        (SUB, SubscriptionPrompt),
        (COOKIE, CookiePrompt),
        (BOILER, Boilerplate),
    ];
    lists.iter().find(|(l, _)| l.contains(&n)).map(|(_, r)| *r)
}

/// "12 comments", "One thought on ...", "3 responses to ...".
fn is_comment_count(n: &str) -> bool {
    let mut it = n.split_whitespace();
    let (Some(first), Some(second)) = (it.next(), it.next()) else {
        return false;
    };
    let number = first.chars().all(|c| c.is_ascii_digit() || c == ',')
        || matches!(
            first,
            "no" | "one" | "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine"
        );
    number
        && matches!(
            second,
            "comment"
                | "comments"
                | "response"
                | "responses"
                | "reply"
                | "replies"
                | "thought"
                | "thoughts"
        )
        && words(n) <= 12
}

fn is_comment_section_marker(n: &str) -> bool {
    matches!(
        n,
        "leave a reply"
            | "leave a comment"
            | "post a comment"
            | "comments"
            | "join the discussion"
            | "join the conversation"
            | "discussion"
            | "reader comments"
    ) || is_comment_count(n)
}

/// Timestamps, "X says:", "X said..." inside a comment thread.
fn is_comment_thread_noise(line: &str) -> bool {
    let n = norm(line);
    let w = words(line);
    if w <= 6
        && (n.ends_with("says") || n.ends_with("said") || n.ends_with("wrote") || n == "anonymous")
    {
        return true;
    }
    let has_clock = n
        .as_bytes()
        .windows(3)
        .any(|x| x[0].is_ascii_digit() && x[1] == b':' && x[2].is_ascii_digit());
    has_clock && w <= 9
}

const SERVICES: &[&str] = &[
    "facebook",
    "twitter",
    "x",
    "email",
    "e-mail",
    "mail",
    "print",
    "share",
    "tweet",
    "whatsapp",
    "linkedin",
    "pinterest",
    "reddit",
    "tumblr",
    "messenger",
    "telegram",
    "sms",
    "copy",
    "link",
    "more",
    "google+",
    "flipboard",
    "pocket",
    "instagram",
    "youtube",
    "snapchat",
    "tiktok",
];

/// A row made only of share-service names.
fn is_service_row(n: &str) -> bool {
    let toks: Vec<&str> = n
        .split(|c: char| c.is_whitespace() || matches!(c, '|' | '•' | '·' | ',' | '/'))
        .filter(|t| !t.is_empty())
        .collect();
    toks.len() >= 2 && toks.iter().all(|t| SERVICES.contains(t))
}

const FOOTER_LINKS: &[&str] = &[
    "about",
    "about us",
    "contact",
    "contact us",
    "privacy",
    "privacy policy",
    "terms",
    "terms of use",
    "terms of service",
    "careers",
    "jobs",
    "advertise",
    "advertising",
    "sitemap",
    "site map",
    "help",
    "faq",
    "accessibility",
    "cookies",
    "cookie policy",
    "subscribe",
    "rss",
    "corrections",
    "ethics",
    "masthead",
    "newsletters",
];

/// A row of short link texts separated by `|`, `•` or `·`.
fn link_row(line: &str) -> Option<JunkReason> {
    let segs: Vec<&str> = line
        .split(['|', '•', '·'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if segs.len() < 3 {
        return None;
    }
    let short = segs
        .iter()
        .all(|s| words(s) <= 4 && !s.ends_with('.') && !s.ends_with('?') && !s.ends_with('!'));
    if !short {
        return None;
    }
    let footerish = segs
        .iter()
        .filter(|s| FOOTER_LINKS.contains(&norm(s).as_str()))
        .count();
    if footerish >= 1 {
        Some(JunkReason::Footer)
    } else {
        Some(JunkReason::Navigation)
    }
}

/// "Home > World > Africa", "News » Politics".
fn is_breadcrumb(line: &str) -> bool {
    let segs: Vec<&str> = line
        .split(['>', '»', '›', '→'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if segs.len() < 2 || segs.iter().any(|s| words(s) > 5) {
        return false;
    }
    let first = norm(segs[0]);
    segs.len() >= 3 || first == "home" || first == "news"
}

fn is_related_marker(n: &str) -> bool {
    const MARKERS: &[&str] = &[
        "related",
        "related articles",
        "related stories",
        "related posts",
        "related content",
        "related coverage",
        "related links",
        "related news",
        "related topics",
        "related reading",
        "popular posts from this blog",
        "popular posts",
        "popular stories",
        "popular articles",
        "most popular",
        "most read",
        "most viewed",
        "most shared",
        "most commented",
        "trending",
        "trending now",
        "trending stories",
        "top stories",
        "recommended",
        "recommended for you",
        "recommended stories",
        "recommended articles",
        "recommended reading",
        "you may also like",
        "you might also like",
        "you may also be interested in",
        "you might also be interested in",
        "you may be interested in",
        "you might be interested in",
        "we recommend",
        "more stories",
        "more news",
        "more articles",
        "more on this story",
        "more on this topic",
        "more to explore",
        "read next",
        "up next",
        "what to read next",
        "also read",
        "see also",
        "around the web",
        "from the web",
        "from around the web",
        "editor's picks",
        "editors' picks",
        "latest news",
        "latest stories",
        "latest posts",
        "latest articles",
        "recent posts",
        "recent articles",
        "in other news",
        "don't miss",
        "read these next",
        "other stories",
        "keep reading",
        "more coverage",
        "related video",
        "related videos",
        "also in the news",
        "read more",
    ];
    if MARKERS.contains(&n) {
        return true;
    }
    starts_with_any(n, &["more from ", "more in ", "more on ", "elsewhere on "]) && words(n) <= 6
}

/// A line that could be a linked headline or teaser in a related box: not
/// prose, a few words, or a snippet cut off with an ellipsis, or a date.
fn looks_like_link_line(line: &str) -> bool {
    let w = words(line);
    let t = line.trim();
    w <= 20 || t.ends_with('…') || t.ends_with("...")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reasons(text: &str) -> Vec<(String, &'static str)> {
        clean_text(text)
            .removed
            .into_iter()
            .map(|r| (r.text, r.reason.as_str()))
            .collect()
    }

    #[test]
    fn a_page_outline_is_not_taken_for_stacked_links() {
        // An HTML page's h2 over its h3 is its outline; in flat text the
        // same two lines above a paragraph are a related box and a subheading.
        let text = "Harbour guide\n\n\
            The harbour reopened on Monday after a week of storms closed it to all traffic, officials said.\n\n\
            Where to moor a small boat in town\n\n\
            Moorings near the old quay\n\n\
            The council keeps forty moorings by the old quay, and they are free for the first night.";
        assert!(clean_known(text, false, None).removed.is_empty());
        let flat = reasons(text);
        assert_eq!(
            flat,
            vec![(
                "Where to moor a small boat in town".to_string(),
                "related-links"
            )]
        );
    }

    #[test]
    fn a_credit_alone_between_paragraphs_goes() {
        let text = "Harbour wall rebuilt\n\n\
            The old sea wall was finished in 1880 and stood for more than a century, the museum says.\n\n\
            Harbour Archive, City Museum\n\n\
            Work on the new wall began in May and will take two years, the council said on Monday.";
        let r = reasons(text);
        assert_eq!(
            r,
            vec![("Harbour Archive, City Museum".to_string(), "photo-credit")]
        );
    }

    #[test]
    fn widget_lines_are_removed_with_their_reason() {
        let cases = [
            ("Leave a Reply", "comment-widget"),
            (
                "You are commenting using your Twitter account. ( Log Out / Change )",
                "comment-widget",
            ),
            ("Log Out / Change", "comment-widget"),
            ("14 comments", "comment-widget"),
            ("Show comments", "comment-widget"),
            ("Connecting to %s", "comment-widget"),
            ("4 bloggers like this.", "comment-widget"),
            ("Twitter picture", "comment-widget"),
            ("WordPress.com Logo", "comment-widget"),
            (
                "Tell us if you are having trouble commenting on this story.",
                "comment-widget",
            ),
            ("Menu Icon", "navigation"),
            ("Share this:", "share-prompt"),
            (
                "Click to share on Reddit (Opens in new window)",
                "share-prompt",
            ),
            ("© 2019 Harbor Light Media Group", "footer"),
            (
                "Copyright 2021 Example Press. All rights reserved.",
                "footer",
            ),
            ("About Us | Contact | Privacy Policy | Careers", "footer"),
            ("Home > World > Europe", "navigation"),
            ("Advertisement", "advertisement"),
            ("(Photo: Jane Roe/Staff)", "photo-credit"),
            ("Image copyright Getty Images", "photo-credit"),
            ("Subscribe to our newsletter", "subscription-prompt"),
            ("Sign up for breaking news alerts", "subscription-prompt"),
            (
                "We use cookies to improve your experience on our site.",
                "cookie-prompt",
            ),
            ("Facebook Twitter Email", "share-prompt"),
            ("Mara Quist / Northfield Ledger", "photo-credit"),
            ("(Anders Holm/Coastline Wire)", "photo-credit"),
            ("toggle caption Ilse Varga/Harbour Post", "photo-credit"),
            ("Top of Page", "navigation"),
            (
                "Unlock this article — plus analysis, newsletters and alerts.",
                "subscription-prompt",
            ),
            (
                "To read the rest of this story subscribe to Harbour Plus.",
                "subscription-prompt",
            ),
            (
                "By signing up, you agree to receive recurring text messages from Harbour Deals. Msg and data rates may apply.",
                "subscription-prompt",
            ),
        ];
        for (line, want) in cases {
            let text = format!("The council met on Tuesday.\n\n{line}\n\nIt voted.");
            let got = reasons(&text);
            assert_eq!(got, vec![(line.to_string(), want)], "line {line:?}");
        }
    }

    #[test]
    fn prose_with_trigger_words_is_kept() {
        let lines = [
            "The agency said it would share the data with investigators over the coming weeks.",
            "Residents who want to comment on the plan can write to the council before the end of May.",
            "Photographers from Getty Images and other agencies were kept behind a barrier all afternoon.",
            "Home prices in the region rose by more than four percent last year, the survey found.",
            "Sign up for the evacuation buses closed at noon, officials told reporters on Friday.",
        ];
        for l in lines {
            assert!(is_prose(l), "{l}");
            let c = clean_text(l);
            assert_eq!(c.text, l);
            assert!(c.removed.is_empty(), "{l}: {:?}", c.removed);
        }
    }

    #[test]
    fn slashes_in_ordinary_lines_are_not_credits() {
        for l in [
            "Open 24/7",
            "Read/write access was restored",
            "The river rose 2 metres / hour.",
            "Input/Output",
        ] {
            assert!(!is_name_slash_agency(l), "{l}");
        }
        assert!(is_name_slash_agency("Mara Quist / Northfield Ledger"));
    }

    #[test]
    fn related_block_at_the_end_is_removed() {
        let text = "The bridge reopened on Monday after three weeks of repairs, the city said.\n\n\
                    You may also like\n\nFerry fares to rise in spring\n\nNew park opens by the river\n\n\
                    Council approves harbour budget";
        let c = clean_text(text);
        assert_eq!(
            c.text,
            "The bridge reopened on Monday after three weeks of repairs, the city said."
        );
        assert_eq!(c.removed.len(), 4);
        assert!(c
            .removed
            .iter()
            .all(|r| r.reason == JunkReason::RelatedLinks));
    }

    #[test]
    fn a_subheading_after_a_marker_like_line_is_kept() {
        let text = "Recommended\n\nA plan for the valley\n\nThe engineers recommended that the valley dam be raised by two metres before the rains.";
        let c = clean_text(text);
        assert!(c.text.starts_with("A plan for the valley"), "{}", c.text);
    }

    #[test]
    fn headlines_under_a_read_more_marker_are_links_even_as_short_sentences() {
        let text = "Harbour reopens\n\nThe harbour reopened on Monday after a week of storms closed it to all traffic, officials said.\n\nRead more:\n\nFerries are back. And the fishermen are not happy about it.\n\nThe sea wall that held for a century";
        let c = clean_text(text);
        assert!(!c.text.contains("Ferries are back"), "{}", c.text);
        assert!(!c.text.contains("sea wall that held"), "{}", c.text);
        assert!(c.text.contains("officials said."), "{}", c.text);
    }

    #[test]
    fn paragraphs_are_separated_by_one_blank_line() {
        let c = clean_text("  First line  \r\n second line\r\n\r\n\r\n\r\nThird para.  \n\n\n");
        assert_eq!(c.text, "First line\nsecond line\n\nThird para.");
    }

    #[test]
    fn comment_thread_timestamps_are_removed_after_a_marker() {
        let text = "The shop closed for good on Saturday.\n\n3 comments\n\nMira K. says:\n\nJune 3, 2016 at 9:14 am\n\nI will miss this place.";
        let c = clean_text(text);
        assert_eq!(
            c.text,
            "The shop closed for good on Saturday.\n\nI will miss this place."
        );
    }

    #[test]
    fn section_tags_and_dateline_places_under_the_title_are_removed() {
        let text =
            "Harbour Ferry Service Doubles Its Crossings\n\nTr ansport\n\nPortsmouth, NH\n\n\
                    A second ferry will join the harbour route on Monday, the operator said.\n\n\
                    Night crossings\n\nThe late boats will run until midnight.";
        assert_eq!(
            reasons(text),
            vec![
                ("Tr ansport".to_string(), "navigation"),
                ("Portsmouth, NH".to_string(), "navigation")
            ]
        );
        // A deck, a broken sentence and a dated line stay.
        for kept in [
            "Harbour Ferry Service Doubles Its Crossings\n\nMore boats, longer hours and cheaper fares\n\nA second ferry will join the route, the operator said.",
            "Harbour Ferry Service Doubles Its Crossings\n\nMira Kovac, who was\n\nA second ferry will join the route, the operator said.",
            "Harbour Ferry Service Doubles Its Crossings\n\nMay 2016\n\nA second ferry will join the route, the operator said.",
        ] {
            assert_eq!(reasons(kept), vec![], "{kept}");
        }
    }
}
