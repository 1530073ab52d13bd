//! Server-rendered pages of the web app. Every piece of text that comes from
//! an article, a story or a request goes through [`esc`] (or [`attr`] inside
//! attribute values, which are always double-quoted); nothing else builds markup.

use std::collections::HashMap;
use std::fmt::Write as _;

use dossier_model::Date;
use dossier_render::json;
use dossier_store::{SearchHit, StoredArticle, StoryRow, HIT_END, HIT_START};

/// Escape text for HTML element content and double-quoted attributes.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Same as [`esc`]; named for where it is used.
pub fn attr(s: &str) -> String {
    esc(s)
}

/// Percent-encode a query-string value.
pub fn url_param(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

pub const CSS: &str = r#"
:root { --ink: #1d232b; --muted: #5d6875; --line: #d9dee4; --accent: #1f5fa8; --hl: #ffe36e; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #fbfbfa; }
header { display: flex; gap: 1.5rem; align-items: center; padding: .6rem 1.5rem; border-bottom: 1px solid var(--line); background: #fff; flex-wrap: wrap; }
header .brand { font-weight: 700; font-size: 1.15rem; color: var(--ink); text-decoration: none; }
header nav a { margin-right: 1rem; }
header form { margin-left: auto; }
main { max-width: 62rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
a { color: var(--accent); }
h1 { font-size: 1.6rem; line-height: 1.25; margin: .8rem 0 .3rem; }
h2 { font-size: 1.15rem; margin: 1.8rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
.muted, .meta { color: var(--muted); font-size: .9rem; }
ul.stories { list-style: none; padding: 0; }
ul.stories li { padding: .55rem 0; border-bottom: 1px solid var(--line); }
ul.stories a.story { font-weight: 600; text-decoration: none; }
form.filters { display: flex; gap: .6rem; flex-wrap: wrap; align-items: end; margin: .8rem 0; }
form.filters label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); }
input, textarea, button { font: inherit; }
input[type=text], input[type=search], textarea { padding: .3rem .45rem; border: 1px solid #b9c1ca; border-radius: 4px; }
button { padding: .3rem .9rem; border: 1px solid var(--accent); background: var(--accent); color: #fff; border-radius: 4px; cursor: pointer; }
a.cite { font-size: .78rem; vertical-align: super; text-decoration: none; padding: 0 .1rem; }
a.cite:hover, a.cite:focus { background: var(--hl); }
.summary p { margin: .4rem 0; }
.facts li, .timeline li { margin: .3rem 0; }
.badge { display: inline-block; min-width: 1.6rem; padding: 0 .35rem; border-radius: 9px; background: #e6edf5; font-size: .8rem; text-align: center; }
.conflict { border-left: 3px solid #c9503c; padding: .2rem .8rem; margin: .6rem 0; }
.conflict .kind { font-size: .8em; color: #666; text-transform: uppercase; letter-spacing: .04em; }
.claims { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: .6rem; }
.claim { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .4rem .6rem; }
.claim .value { font-weight: 700; }
.entities li { display: inline-block; margin: 0 .8rem .3rem 0; }
.article-text { white-space: pre-wrap; background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 1rem 1.2rem; font-size: 1.02rem; }
mark { background: var(--hl); padding: 0 .1rem; }
mark#hl:target, mark#hl { outline: 2px solid #e0a800; }
.snippet { color: var(--muted); }
svg.chart { width: 100%; height: auto; background: #fff; border: 1px solid var(--line); border-radius: 6px; }
svg.chart text { font: 11px system-ui, sans-serif; fill: var(--muted); }
.notice { background: #eef6ee; border: 1px solid #b8d8b8; padding: .6rem .9rem; border-radius: 6px; }
.error { background: #fbeeee; border: 1px solid #e2b4b4; padding: .6rem .9rem; border-radius: 6px; }
"#;

/// The whole page around `body`.
pub fn page(title: &str, query: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{} · dossier</title><link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/static/app.css\"></head>\
<body><header><a class=\"brand\" href=\"/\">dossier</a>\
<nav><a href=\"/\">Stories</a><a href=\"/upload\">Add articles</a></nav>\
<form action=\"/\" method=\"get\" role=\"search\">\
<input type=\"search\" name=\"q\" value=\"{}\" placeholder=\"Search articles\" aria-label=\"Search articles\">\
</form></header><main>{body}</main></body></html>\n",
        esc(title),
        attr(query)
    )
}

fn period(from: Option<&str>, to: Option<&str>) -> String {
    match (from, to) {
        (Some(f), Some(t)) if f == t => esc(f),
        (Some(f), Some(t)) => format!("{} – {}", esc(f), esc(t)),
        _ => "undated".into(),
    }
}

pub struct ListView<'a> {
    pub rows: &'a [StoryRow],
    pub hits: &'a [SearchHit],
    pub date: &'a str,
    pub entity: &'a str,
    pub query: &'a str,
    pub entities: &'a [(String, usize)],
    pub totals: (usize, usize),
}

pub fn story_list(v: &ListView<'_>) -> String {
    let mut b = String::new();
    let filtered = !(v.date.is_empty() && v.entity.is_empty() && v.query.is_empty());
    let _ = write!(
        b,
        "<h1>Stories</h1><p class=\"muted\">{} articles in {} stories.</p>\
<form class=\"filters\" action=\"/\" method=\"get\">\
<label>Date <input type=\"text\" name=\"date\" value=\"{}\" placeholder=\"YYYY-MM-DD\" size=\"11\"></label>\
<label>Entity <input type=\"text\" name=\"entity\" value=\"{}\" list=\"entity-list\" size=\"18\"></label>\
<label>Words <input type=\"text\" name=\"q\" value=\"{}\" size=\"18\"></label>\
<button type=\"submit\">Filter</button>{}</form><datalist id=\"entity-list\">",
        v.totals.0,
        v.totals.1,
        attr(v.date),
        attr(v.entity),
        attr(v.query),
        if filtered {
            " <a href=\"/\">clear</a>"
        } else {
            ""
        }
    );
    for (name, _) in v.entities {
        let _ = write!(b, "<option value=\"{}\">", attr(name));
    }
    b.push_str("</datalist>");
    if v.rows.is_empty() {
        b.push_str("<p>No stories match.</p>");
    } else {
        b.push_str("<ul class=\"stories\">");
        for r in v.rows {
            let _ = write!(
                b,
                "<li><a class=\"story\" href=\"/story/{}\">{}</a><div class=\"meta\">{} · {} article{}</div></li>",
                attr(&r.id),
                esc(if r.headline.is_empty() { "(untitled)" } else { &r.headline }),
                period(r.period_from.as_deref(), r.period_to.as_deref()),
                r.articles,
                if r.articles == 1 { "" } else { "s" }
            );
        }
        b.push_str("</ul>");
    }
    if !v.query.is_empty() {
        let _ = write!(b, "<h2>Articles matching “{}”</h2>", esc(v.query));
        if v.hits.is_empty() {
            b.push_str("<p>No article matches.</p>");
        }
        b.push_str("<ul class=\"stories hits\">");
        for h in v.hits {
            let title = h.title.as_deref().unwrap_or(&h.source);
            let _ = write!(
                b,
                "<li><a class=\"story\" href=\"/article/{}\">{}</a> <span class=\"meta\">{}</span><div class=\"snippet\">{}</div></li>",
                attr(&h.article),
                esc(title),
                esc(h.outlet.as_deref().unwrap_or("")),
                snippet_html(&h.snippet)
            );
        }
        b.push_str("</ul>");
    }
    b
}

/// A search snippet with its hit marks as `<mark>`: escaped first, so only
/// our own tags are markup.
pub fn snippet_html(s: &str) -> String {
    esc(s)
        .replace(HIT_START, "<mark>")
        .replace(HIT_END, "</mark>")
}

/// Citation markers: numbered by source (the article's place in the story,
/// as in the Sources list), each linking to its exact span.
struct Cites<'a> {
    number: HashMap<&'a str, (usize, String)>,
}

impl<'a> Cites<'a> {
    fn new(story: &'a json::Story, articles: &[StoredArticle]) -> Cites<'a> {
        let names: HashMap<String, String> = articles
            .iter()
            .map(|a| {
                (
                    format!("a{}", a.row),
                    a.article.outlet_or_source().to_string(),
                )
            })
            .collect();
        let number = story
            .articles
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let name = names.get(id).cloned().unwrap_or_else(|| id.clone());
                (id.as_str(), (i + 1, name))
            })
            .collect();
        Cites { number }
    }

    fn marker(&mut self, c: &json::Cite) -> String {
        let (n, name) = self
            .number
            .get(c.article.as_str())
            .map_or((0, c.article.as_str()), |(n, name)| (*n, name.as_str()));
        let label = if n == 0 {
            c.article.clone()
        } else {
            n.to_string()
        };
        format!(
            "<a class=\"cite\" href=\"/article/{}?start={}&amp;end={}#hl\" title=\"{}\">[{}]</a>",
            attr(&c.article),
            c.start,
            c.end,
            attr(name),
            esc(&label)
        )
    }

    fn markers(&mut self, cs: &[json::Cite]) -> String {
        cs.iter().map(|c| self.marker(c)).collect()
    }
}

pub fn story_page(story: &json::Story, articles: &[StoredArticle]) -> String {
    let mut cites = Cites::new(story, articles);
    let mut b = String::new();
    let _ = write!(
        b,
        "<h1>{}</h1><p class=\"meta\">{} · {} · {} article{} · <a href=\"/story/{}/report\">full report with sources side by side</a></p>",
        esc(&story.headline),
        esc(&story.id),
        period(story.period.from.as_deref(), story.period.to.as_deref()),
        story.articles.len(),
        if story.articles.len() == 1 { "" } else { "s" },
        attr(&story.id)
    );
    b.push_str("<h2>Summary</h2><div class=\"summary\">");
    for s in &story.summary {
        let _ = write!(b, "<p>{} {}</p>", esc(&s.text), cites.markers(&s.cites));
    }
    b.push_str("</div>");
    if !story.facts.is_empty() {
        b.push_str("<h2>Facts</h2><ul class=\"facts\">");
        for f in &story.facts {
            let origins = if f.origins.is_empty() {
                String::new()
            } else {
                format!(
                    " <span class=\"meta\">via {}</span>",
                    esc(&f.origins.join(", "))
                )
            };
            let _ = write!(
                b,
                "<li><span class=\"badge\" title=\"independent sources / articles\">{}/{}</span> {}{} {}</li>",
                f.independent_sources,
                f.sources,
                esc(&f.text),
                origins,
                cites.markers(&f.cites)
            );
        }
        b.push_str("</ul>");
    }
    if !story.conflicts.is_empty() {
        b.push_str("<h2>Conflicts</h2>");
        for c in &story.conflicts {
            let _ = write!(
                b,
                "<div class=\"conflict\"><p><strong>{}</strong> <span class=\"kind\">{}</span></p><div class=\"claims\">",
                esc(&c.about),
                c.kind.as_str()
            );
            for cl in &c.claims {
                let _ = write!(
                    b,
                    "<div class=\"claim\"><div class=\"value\">{}</div><div>{} {}</div></div>",
                    esc(&cl.value),
                    esc(&cl.text),
                    cites.marker(&cl.cite)
                );
            }
            b.push_str("</div></div>");
        }
    }
    if !story.timeline.is_empty() {
        b.push_str("<h2>Timeline</h2>");
        b.push_str(&timeline_svg(&story.timeline));
        b.push_str("<ul class=\"timeline\">");
        for t in &story.timeline {
            let _ = write!(
                b,
                "<li><strong>{}</strong>{} {} {}</li>",
                esc(&t.date),
                if t.inferred {
                    " <span class=\"meta\">(inferred)</span>"
                } else {
                    ""
                },
                esc(&t.text),
                cites.markers(&t.cites)
            );
        }
        b.push_str("</ul>");
    }
    if !story.entities.is_empty() {
        b.push_str("<h2>Entities</h2><ul class=\"entities\">");
        for e in story.entities.iter().take(40) {
            let aliases = if e.aliases.is_empty() {
                String::new()
            } else {
                format!(
                    " <span class=\"meta\">({})</span>",
                    esc(&e.aliases.join(", "))
                )
            };
            let _ = write!(
                b,
                "<li><a href=\"/?entity={}\">{}</a> <span class=\"meta\">{} · {}</span>{}</li>",
                attr(&url_param(&e.name)),
                esc(&e.name),
                esc(&e.kind),
                e.mentions.len(),
                aliases
            );
        }
        b.push_str("</ul>");
    }
    if !story.quotes.is_empty() {
        b.push_str("<h2>Quotes</h2><ul class=\"quotes\">");
        for q in story.quotes.iter().take(20) {
            let who = match (&q.speaker, &q.via) {
                (Some(s), Some(v)) => format!(" — {} (via {})", esc(s), esc(v)),
                (Some(s), None) => format!(" — {}", esc(s)),
                (None, Some(v)) => format!(" — via {}", esc(v)),
                (None, None) => String::new(),
            };
            let _ = write!(
                b,
                "<li>“{}”{} {}</li>",
                esc(&q.text),
                who,
                cites.marker(&q.cite)
            );
        }
        b.push_str("</ul>");
    }
    b.push_str("<h2>Sources</h2><ol class=\"sources\">");
    for a in articles {
        let art = &a.article;
        let _ = write!(
            b,
            "<li><a href=\"/article/a{}\">{}</a> <span class=\"meta\">{}{}{}</span></li>",
            a.row,
            esc(art.meta.title.as_deref().unwrap_or(&art.source)),
            esc(art.outlet_or_source()),
            art.meta
                .published
                .map(|d| format!(" · {d}"))
                .unwrap_or_default(),
            if art.duplicate_of.is_some() {
                " · copy"
            } else {
                ""
            }
        );
    }
    b.push_str("</ol>");
    b
}

/// The timeline as an inline SVG strip: one dot per entry on a day axis.
fn timeline_svg(entries: &[json::TimelineEntry]) -> String {
    let days: Vec<(i64, &json::TimelineEntry)> = entries
        .iter()
        .filter_map(|t| Date::parse_iso(&t.date).map(|d| (d.first_day_number(), t)))
        .collect();
    let (Some(lo), Some(hi)) = (
        days.iter().map(|d| d.0).min(),
        days.iter().map(|d| d.0).max(),
    ) else {
        return String::new();
    };
    let (w, pad) = (800.0_f64, 40.0_f64);
    let span = (hi - lo).max(1) as f64;
    let x = |d: i64| pad + (d - lo) as f64 / span * (w - 2.0 * pad);
    let mut s = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {w} 70\" role=\"img\" aria-label=\"Timeline from {} to {}\">\
<line x1=\"{pad}\" y1=\"35\" x2=\"{}\" y2=\"35\" stroke=\"#9aa5b1\"/>",
        attr(&dossier_model::Date::from_day_number(lo).to_string()),
        attr(&dossier_model::Date::from_day_number(hi).to_string()),
        w - pad
    );
    for (d, t) in &days {
        let fill = if t.inferred { "#fff" } else { "#1f5fa8" };
        let _ = write!(
            s,
            "<circle cx=\"{:.1}\" cy=\"35\" r=\"6\" fill=\"{fill}\" stroke=\"#1f5fa8\" stroke-width=\"2\"><title>{}: {}</title></circle>",
            x(*d),
            esc(&t.date),
            esc(&t.text)
        );
    }
    let _ = write!(
        s,
        "<text x=\"{pad}\" y=\"62\">{}</text><text x=\"{}\" y=\"62\" text-anchor=\"end\">{}</text></svg>",
        esc(&dossier_model::Date::from_day_number(lo).to_string()),
        w - pad,
        esc(&dossier_model::Date::from_day_number(hi).to_string())
    );
    s
}

/// An article's text, with `hl` (a validated byte range) marked.
pub fn article_page(a: &StoredArticle, hl: Option<(usize, usize)>) -> String {
    let art = &a.article;
    let mut b = String::new();
    let _ = write!(
        b,
        "<h1>{}</h1><p class=\"meta\">a{} · {}{}{}</p>",
        esc(art.meta.title.as_deref().unwrap_or(&art.source)),
        a.row,
        esc(art.outlet_or_source()),
        art.meta
            .author
            .as_deref()
            .map(|x| format!(" · {}", esc(x)))
            .unwrap_or_default(),
        art.meta
            .published
            .map(|d| format!(" · {d}"))
            .unwrap_or_default()
    );
    if let Some(url) = art.meta.url.as_deref() {
        // Shown as text, not a link: a stored URL is untrusted and could be `javascript:`.
        let _ = write!(b, "<p class=\"meta\">Source URL: {}</p>", esc(url));
    }
    if !a.stories.is_empty() {
        b.push_str("<p class=\"meta\">In ");
        for (i, s) in a.stories.iter().enumerate() {
            let _ = write!(
                b,
                "{}<a href=\"/story/s{s}\">story s{s}</a>",
                if i > 0 { ", " } else { "" }
            );
        }
        b.push_str("</p>");
    }
    let text = &art.text;
    b.push_str("<div class=\"article-text\">");
    match hl.and_then(|(s, e)| Some((s, e, text.get(..s)?, text.get(s..e)?, text.get(e..)?))) {
        Some((_, _, before, mid, after)) => {
            let _ = write!(
                b,
                "{}<mark id=\"hl\">{}</mark>{}",
                esc(before),
                esc(mid),
                esc(after)
            );
        }
        None => b.push_str(&esc(text)),
    }
    b.push_str("</div>");
    if !art.removed.is_empty() {
        let _ = write!(
            b,
            "<h2>Removed while cleaning</h2><ul class=\"removed meta\">"
        );
        for r in &art.removed {
            let _ = write!(
                b,
                "<li>{} <em>({})</em></li>",
                esc(&r.text),
                r.reason.as_str()
            );
        }
        b.push_str("</ul>");
    }
    b
}

/// The upload form; `queued` when uploads go to the workers' queue (PostgreSQL).
pub fn upload_form(queued: bool) -> String {
    let then = if queued {
        "They are queued, and the workers store them and group them into stories."
    } else {
        "They are stored and grouped into stories at once."
    };
    format!(
        "<h1>Add articles</h1>\
<p class=\"muted\">Files in any format <code>dossier digest</code> reads (HTML, text, JSON, JSON Lines, WARC, gzip), up to the size limit. \
{then}</p>\
<form class=\"upload\" action=\"/upload\" method=\"post\" enctype=\"multipart/form-data\">\
<p><label>Files <input type=\"file\" name=\"file\" multiple></label></p>\
<p><label>Or paste an article (first line is the title):<br>\
<textarea name=\"text\" rows=\"12\" cols=\"80\"></textarea></label></p>\
<p><button type=\"submit\">Add</button></p></form>"
    )
}

pub struct UploadView<'a> {
    pub added: &'a [(i64, String, Vec<i64>)],
    pub existing: &'a [(i64, String, Vec<i64>)],
    /// Inputs queued for the workers (PostgreSQL).
    pub queued: &'a [dossier_store::queue::QueueEntry],
    pub errors: &'a [String],
}

pub fn upload_result(v: &UploadView<'_>) -> String {
    let mut b = String::from("<h1>Added</h1>");
    let list = |b: &mut String, items: &[(i64, String, Vec<i64>)]| {
        b.push_str("<ul class=\"stories uploaded\">");
        for (id, title, stories) in items {
            let _ = write!(
                b,
                "<li><a class=\"story\" href=\"/article/a{id}\">{}</a>",
                esc(title)
            );
            for s in stories {
                let _ = write!(b, " · <a href=\"/story/s{s}\">story s{s}</a>");
            }
            b.push_str("</li>");
        }
        b.push_str("</ul>");
    };
    if !v.queued.is_empty() {
        return queued_result(v.queued);
    }
    if v.added.is_empty() {
        b.push_str("<p>No new article.</p>");
    } else {
        let _ = write!(
            b,
            "<p class=\"notice\">{} new article{} stored.</p>",
            v.added.len(),
            if v.added.len() == 1 { "" } else { "s" }
        );
        list(&mut b, v.added);
    }
    if !v.existing.is_empty() {
        b.push_str("<h2>Already stored</h2>");
        list(&mut b, v.existing);
    }
    if !v.errors.is_empty() {
        b.push_str("<h2>Skipped</h2><ul class=\"error\">");
        for e in v.errors {
            let _ = write!(b, "<li>{}</li>", esc(e));
        }
        b.push_str("</ul>");
    }
    b.push_str("<p><a href=\"/upload\">Add more</a> · <a href=\"/\">All stories</a></p>");
    b
}

/// Inputs queued for the workers, with where each stands.
fn queued_result(queued: &[dossier_store::queue::QueueEntry]) -> String {
    let mut b = format!(
        "<h1>Queued</h1><p class=\"notice\">{} input{} queued for the workers, which store \
         the articles and group them into stories.</p><ul class=\"stories uploaded\">",
        queued.len(),
        if queued.len() == 1 { "" } else { "s" },
    );
    for q in queued {
        let _ = write!(
            b,
            "<li>{} · <a href=\"/api/queue/q{}\">q{}</a> {}</li>",
            esc(&q.name),
            q.id,
            q.id,
            esc(&q.state)
        );
    }
    b.push_str("</ul><p><a href=\"/upload\">Add more</a> · <a href=\"/\">All stories</a></p>");
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_quotes() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(url_param("a b/é&"), "a%20b%2F%C3%A9%26");
    }

    #[test]
    fn snippet_marks_are_the_only_markup() {
        let s = format!("x <b>{HIT_START}hit{HIT_END}</b>");
        assert_eq!(snippet_html(&s), "x &lt;b&gt;<mark>hit</mark>&lt;/b&gt;");
    }
}
