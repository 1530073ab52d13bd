//! Escaping untrusted text for HTML text and attribute values, and the one
//! narrow case where input may become a link.

/// Escape text for use anywhere in an HTML or inline-SVG document: element
/// content and quoted attribute values alike. Control characters other than
/// tab and newline are dropped (`\r` becomes a newline), since browsers turn
/// them into replacement glyphs or parse errors.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    push_esc(&mut out, s);
    out
}

/// [`esc`] appending to `out`.
pub(crate) fn push_esc(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\r' => out.push('\n'),
            '\t' | '\n' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

/// The text collapsed to single spaces and cut to `max` characters with an
/// ellipsis. Not escaped: pass the result through [`esc`].
pub(crate) fn clip(s: &str, max: usize) -> String {
    let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if joined.chars().count() <= max {
        return joined;
    }
    let cut: String = joined.chars().take(max.saturating_sub(1)).collect();
    // Prefer a word boundary when one is in the last third.
    let cut = match cut.rfind(' ') {
        Some(i) if i * 3 >= cut.len() * 2 => cut.get(..i).unwrap_or(&cut),
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end())
}

/// An article URL fit to be a link: `http` or `https`, with a host, and no
/// character that could end an attribute or smuggle a scheme. Anything else is
/// shown as text only.
pub(crate) fn safe_http_url(url: &str) -> Option<&str> {
    let url = url.trim();
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        url.get(8..)?
    } else if lower.starts_with("http://") {
        url.get(7..)?
    } else {
        return None;
    };
    let host_ok = rest
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric() || c == '[');
    let chars_ok = url.len() <= 2048
        && url.chars().all(|c| {
            c.is_ascii_graphic() && !matches!(c, '"' | '\'' | '<' | '>' | '\\' | '`' | '{' | '}')
        });
    (host_ok && chars_ok).then_some(url)
}

/// The host of a URL that passed [`safe_http_url`], for a short label.
pub(crate) fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = rest.get(..end).unwrap_or(rest);
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    host.strip_prefix("www.").unwrap_or(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn esc_covers_all_five_specials_and_drops_controls() {
        assert_eq!(
            esc("<a href=\"x\" title='y'>&</a>"),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;"
        );
        assert_eq!(
            esc("a\u{0}b\u{1b}[1mc\r\nd\u{2028}e"),
            "ab[1mc\n\nd\u{2028}e"
        );
    }

    #[test]
    fn clip_cuts_on_words() {
        assert_eq!(clip("one  two\nthree", 20), "one two three");
        assert_eq!(clip("one two three", 8), "one two…");
        assert_eq!(clip("abcdefghij", 4), "abc…");
        assert_eq!(clip("", 4), "");
    }

    #[test]
    fn only_plain_http_urls_become_links() {
        assert_eq!(
            safe_http_url(" https://news.example/a?b=1#c "),
            Some("https://news.example/a?b=1#c")
        );
        assert_eq!(
            safe_http_url("HTTP://x.example/"),
            Some("HTTP://x.example/")
        );
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,<script>",
            "https://x.example/\"onmouseover=alert(1)",
            "https://x.example/ a",
            "https:///evil",
            "//x.example/",
            "vbscript:x",
            "https://x.example/\u{2028}a",
        ] {
            assert_eq!(safe_http_url(bad), None, "{bad}");
        }
    }

    #[test]
    fn host_is_the_bare_domain() {
        assert_eq!(host_of("https://www.news.example/a/b"), "news.example");
        assert_eq!(host_of("http://u:p@wire.example?x"), "wire.example");
    }
}
