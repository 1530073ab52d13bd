//! Cut scripts, styles and comments out of a page before it is parsed.
//!
//! Half the bytes of a typical news page are `<script>`, `<style>`, inline
//! SVG and comments, none of which can hold article text. The HTML tokenizer walks
//! them a character at a time and builds nodes for them; a byte scan that
//! finds their ends with `memchr` is several times cheaper. What extraction
//! needs from scripts (JSON-LD blocks, a publication date in a framework's
//! state) is read here on the way.
//!
//! Start tags lose the attributes extraction never reads (`href` of links,
//! `src`, `srcset`, `data-*`, event handlers...): they are most of what is
//! left of a page's bytes once scripts are gone.
//!
//! The scan follows the tokenizer's rules where they matter: a `<script`
//! inside a quoted attribute value or inside `<title>`/`<textarea>` text is
//! not a script, and a script or comment with no end is left in place for
//! the parser to handle as it would.

use memchr::memmem;

/// A page without its scripts, styles and comments, plus what scripts said.
#[derive(Debug, Default)]
pub(crate) struct Stripped {
    /// The page, each cut element replaced by nothing.
    pub html: String,
    /// Text of every `<script type="application/ld+json">`, in page order.
    pub ld_json: Vec<String>,
    /// The text of ordinary scripts, for a publication date in app state.
    pub scripts: Vec<(usize, usize)>,
}

/// Elements cut whole. Scripts and styles are raw text up to their end tag;
/// inline SVG (icons, charts: long path data) and `<noscript>` fallbacks are
/// markup that extraction skips anyway. A nested `<svg>` ends the cut at its
/// own end tag, leaving the outer one's tail to the parser: shapes, no text.
const CUT: &[&[u8]] = &[b"script", b"style", b"svg", b"noscript"];
/// Elements whose content is text (not markup) but stays on the page.
const KEEP_TEXT: &[&[u8]] = &[b"title", b"textarea", b"xmp"];

/// Attributes extraction reads (see `html::Attrs` and `collect_meta`);
/// `href` is read on `<link rel=canonical>` only.
const KEPT_ATTRS: &[&str] = &[
    "class",
    "id",
    "role",
    "style",
    "hidden",
    "aria-hidden",
    "rel",
    "itemprop",
    "content",
    "property",
    "name",
    "http-equiv",
    "datetime",
    "pubdate",
    "lang",
    "xml:lang",
    "charset",
    "type",
];

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Copy start tag `tag` (from `<` to its `>`) to `out` with only the
/// attributes extraction reads.
fn push_filtered_tag(tag: &str, out: &mut String) {
    let b = tag.as_bytes();
    let name_end = (1..b.len())
        .find(|&k| is_space(b[k]) || b[k] == b'/' || b[k] == b'>')
        .unwrap_or(b.len());
    let name = tag.get(1..name_end).unwrap_or("");
    out.push_str(tag.get(..name_end).unwrap_or(""));
    let keep_href = name.eq_ignore_ascii_case("link");
    // A link's `href` is kept only when it points within the page ("#top",
    // a heading's permalink): extraction does not count such links as links
    // away from the article.
    let is_link = name.eq_ignore_ascii_case("a");
    let mut j = name_end;
    loop {
        while j < b.len() && (is_space(b[j]) || b[j] == b'/') {
            j += 1;
        }
        if j >= b.len() || b[j] == b'>' {
            break;
        }
        let start = j;
        // An attribute name may begin with '=' (a parse error the
        // tokenizer accepts as part of the name).
        j += 1;
        while j < b.len() && !is_space(b[j]) && !matches!(b[j], b'/' | b'>' | b'=') {
            j += 1;
        }
        let attr = tag.get(start..j).unwrap_or("");
        let mut k = j;
        while k < b.len() && is_space(b[k]) {
            k += 1;
        }
        if k < b.len() && b[k] == b'=' {
            k += 1;
            while k < b.len() && is_space(b[k]) {
                k += 1;
            }
            match b.get(k) {
                Some(&q @ (b'"' | b'\'')) => {
                    k = memchr::memchr(q, &b[k + 1..]).map_or(b.len(), |e| k + 1 + e + 1);
                }
                _ => {
                    while k < b.len() && !is_space(b[k]) && b[k] != b'>' {
                        k += 1;
                    }
                }
            }
            j = k;
        }
        let href = attr.eq_ignore_ascii_case("href");
        let kept = KEPT_ATTRS.iter().any(|a| attr.eq_ignore_ascii_case(a))
            || (keep_href && href)
            || (is_link && href && in_page_target(tag.get(start..j).unwrap_or("")));
        if kept {
            out.push(' ');
            out.push_str(tag.get(start..j).unwrap_or(""));
        }
    }
    out.push_str(if tag.ends_with("/>") { "/>" } else { ">" });
}

/// Whether `b[i..]` opens tag `name` (case-insensitive), followed by a
/// space, `/` or `>`.
fn opens(b: &[u8], i: usize, name: &[u8]) -> bool {
    let end = i + 1 + name.len();
    b.get(i + 1..end)
        .is_some_and(|n| n.eq_ignore_ascii_case(name))
        && matches!(
            b.get(end),
            Some(b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>')
        )
}

/// The index just past the `>` that ends the tag starting at `i`, skipping
/// `>` inside quoted attribute values; `None` when the tag never ends.
fn tag_end(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    let mut after_eq = false;
    while j < b.len() {
        match b[j] {
            b'>' => return Some(j + 1),
            b'=' => after_eq = true,
            q @ (b'"' | b'\'') if after_eq => {
                let close = memchr::memchr(q, &b[j + 1..])?;
                j += close + 1;
                after_eq = false;
            }
            b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' => {}
            _ => after_eq = false,
        }
        j += 1;
    }
    None
}

/// Where the end tag `</name` (case-insensitive) starts at or after `from`.
fn end_tag(b: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut k = from;
    while let Some(off) = memmem::find(&b[k..], b"</") {
        let at = k + off;
        let n = at + 2 + name.len();
        if b.get(at + 2..n)
            .is_some_and(|x| x.eq_ignore_ascii_case(name))
            && matches!(
                b.get(n),
                None | Some(b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>')
            )
        {
            return Some(at);
        }
        k = at + 2;
    }
    None
}

/// Whether a script start tag declares JSON-LD.
fn is_ld_json(tag: &[u8]) -> bool {
    memmem::find(&tag.to_ascii_lowercase(), b"application/ld+json").is_some()
}

/// Cut scripts, styles and comments out of `html`.
pub(crate) fn strip(html: &str) -> Stripped {
    let b = html.as_bytes();
    let mut out = Stripped {
        html: String::with_capacity(html.len() / 2),
        ..Stripped::default()
    };
    // Start of the text not yet copied to `out.html`.
    let mut copied = 0;
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        let lt = i + off;
        let rest = &b[lt..];
        if rest.starts_with(b"<!--") {
            // "<!-->" and "<!--->" are whole (empty) comments.
            let body = lt + 4;
            let end = if b.get(body) == Some(&b'>') {
                Some(body + 1)
            } else if b.get(body..body + 2) == Some(b"->") {
                Some(body + 2)
            } else {
                memmem::find(&b[body..], b"-->").map(|e| body + e + 3)
            };
            let Some(end) = end else { break };
            out.html.push_str(&html[copied..lt]);
            copied = end;
            i = end;
            continue;
        }
        let Some(name_byte) = rest.get(1) else { break };
        if !name_byte.is_ascii_alphabetic() && *name_byte != b'/' {
            i = lt + 1;
            continue;
        }
        let Some(after_tag) = tag_end(b, lt) else {
            break;
        };
        if let Some(name) = CUT.iter().find(|n| opens(b, lt, n)) {
            let Some(close) = end_tag(b, after_tag, name) else {
                // No end: the parser treats the rest as the script's text.
                break;
            };
            let Some(close_end) = tag_end(b, close) else {
                break;
            };
            if *name == b"script" {
                if is_ld_json(&b[lt..after_tag]) {
                    out.ld_json.push(html[after_tag..close].to_string());
                } else {
                    out.scripts.push((after_tag, close));
                }
            }
            out.html.push_str(&html[copied..lt]);
            copied = close_end;
            i = close_end;
            continue;
        }
        if name_byte.is_ascii_alphabetic() {
            out.html.push_str(&html[copied..lt]);
            push_filtered_tag(&html[lt..after_tag], &mut out.html);
            copied = after_tag;
        }
        if let Some(name) = KEEP_TEXT.iter().find(|n| opens(b, lt, n)) {
            // Text up to the end tag is copied as it is.
            match end_tag(b, after_tag, name) {
                Some(close) => i = close,
                None => break,
            }
            continue;
        }
        i = after_tag;
    }
    out.html.push_str(&html[copied..]);
    out
}

/// Whether an `href=...` attribute's value starts with `#`.
fn in_page_target(attr: &str) -> bool {
    attr.split_once('=').is_some_and(|(_, v)| {
        v.trim_start()
            .trim_start_matches(['"', '\''])
            .starts_with('#')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_styles_and_comments_are_cut() {
        let s = strip(
            "<p>a<script>if (x < 1) { y = '</p>'; }</script>b</p>\
             <STYLE media=\"x>y\">p { color: red }</STYLE><!-- c --><p>d</p>",
        );
        assert_eq!(s.html, "<p>ab</p><p>d</p>");
        let icons = strip("<p>a<svg viewBox=\"0 0 9 9\"><path d=\"M0 0L9 9\"/></svg>b</p>");
        assert_eq!(icons.html, "<p>ab</p>");
    }

    #[test]
    fn start_tags_keep_only_the_attributes_extraction_reads() {
        let s = strip(
            "<div class=\"post\" data-x='1 > 2' onclick=go() ID=main>\
             <a href=\"/x\" rel=author title=\"A\">x</a><img src=a.png alt=\"\" />\
             <link rel=\"canonical\" href=\"https://a.example/x\"><br/><input disabled></div>",
        );
        assert_eq!(
            s.html,
            "<div class=\"post\" ID=main><a rel=author>x</a><img/>\
             <link rel=\"canonical\" href=\"https://a.example/x\"><br/><input></div>"
        );
    }

    #[test]
    fn json_ld_is_kept_aside_and_other_scripts_are_remembered() {
        let page = "<head><script type=\"application/ld+json\">{\"a\":1}</script>\
                    <script>var s = {\"publishDate\":\"2024-01-02\"};</script></head>";
        let s = strip(page);
        assert_eq!(s.html, "<head></head>");
        assert_eq!(s.ld_json, vec!["{\"a\":1}".to_string()]);
        assert_eq!(s.scripts.len(), 1);
        let (a, b) = s.scripts[0];
        assert!(page[a..b].contains("publishDate"));
    }

    #[test]
    fn script_words_in_attributes_and_titles_are_not_scripts() {
        let page = "<a class=\"<script>\">x</a><title><script> tips</title><p>y</p>";
        assert_eq!(strip(page).html, page);
    }

    #[test]
    fn an_unended_script_or_comment_is_left_to_the_parser() {
        assert_eq!(strip("<p>a</p><script>x").html, "<p>a</p><script>x");
        assert_eq!(strip("<p>a</p><!-- x").html, "<p>a</p><!-- x");
        assert_eq!(strip("<!--><p>a</p>").html, "<p>a</p>");
        assert_eq!(strip("a <scripts> b").html, "a <scripts> b");
        assert_eq!(strip("a < b <").html, "a < b <");
    }

    #[test]
    fn multibyte_text_around_cuts_stays_whole() {
        let s = strip("é<script>ü</script>ß<!--ñ-->ø");
        assert_eq!(s.html, "éßø");
    }
}
