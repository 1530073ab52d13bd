//! The self-contained HTML report: one offline page with the stories, charts
//! drawn as inline SVG, and the sources side by side, where hovering or clicking
//! a citation marker lights up the exact cited span in its source column.
//!
//! Safety rests on three things: every piece of input text goes through
//! [`escape::esc`]; no attribute takes input except escaped (and a link only
//! from a validated `http(s)` URL); and a Content-Security-Policy that allows
//! only the page's own style and script by hash, so that even a slip could
//! neither run nor load anything.

mod charts;
mod cites;
mod csp;
mod escape;

use std::fmt::Write;

use dossier_model::{Article, Brief, Cite, StoryQuote};

use cites::Ctx;
use escape::{clip, esc, host_of, safe_http_url};

const STYLE: &str = include_str!("html/style.css");
const SCRIPT: &str = include_str!("html/script.js");

/// How to present the HTML report.
#[derive(Debug, Clone)]
pub struct HtmlOptions {
    /// The page title and top heading.
    pub title: String,
}

impl Default for HtmlOptions {
    fn default() -> Self {
        HtmlOptions {
            title: "Dossier brief".to_string(),
        }
    }
}

/// Render a brief as one self-contained HTML page with the default options.
pub fn render_html(brief: &Brief) -> String {
    render_html_with(brief, &HtmlOptions::default())
}

/// Render a brief as one self-contained HTML page.
pub fn render_html_with(brief: &Brief, opts: &HtmlOptions) -> String {
    let mut out = String::with_capacity(64 * 1024 + brief.articles.len() * 8 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        esc(&csp::policy(STYLE, SCRIPT)),
        esc(&opts.title)
    );
    let n_stories = brief.stories.len();
    let _ = write!(
        out,
        "<header class=\"page-head\"><h1>{}</h1><p class=\"lede\">{} article{} · {} {} · \
         hover or click a <span class=\"num p0 demo\">1</span> marker to see the cited words in \
         their source</p>",
        esc(&opts.title),
        brief.articles_read(),
        plural(brief.articles_read()),
        n_stories,
        if n_stories == 1 { "story" } else { "stories" }
    );
    if n_stories > 1 {
        out.push_str("<nav class=\"toc\"><ol>");
        for s in &brief.stories {
            let _ = write!(
                out,
                "<li><a href=\"#{}\">{}</a> <span class=\"dim\">{} source{}</span></li>",
                s.id,
                esc(&clip(&s.headline, 110)),
                s.articles.len(),
                plural(s.articles.len())
            );
        }
        out.push_str("</ol></nav>");
    }
    out.push_str("</header>\n<main>\n");
    let mut next_id = 1;
    for story in &brief.stories {
        let mut ctx = Ctx::new(brief, story, next_id);
        render_story(&mut out, &mut ctx);
        next_id = ctx.next_id;
    }
    if brief.stories.is_empty() {
        out.push_str("<p class=\"empty\">No stories were found in the input.</p>");
    }
    let _ = write!(
        out,
        "</main>\n<footer class=\"page-foot\">Made offline by dossier from {} article{}. \
         Every highlighted passage is the exact text the brief cites; nothing on this page \
         loads from the network.</footer>\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
        brief.articles_read(),
        plural(brief.articles_read())
    );
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn render_story(out: &mut String, ctx: &mut Ctx) {
    let story = ctx.story;
    let originals = ctx
        .sources
        .iter()
        .filter(|a| a.duplicate_of.is_none())
        .count();
    let _ = write!(
        out,
        "<section class=\"story\" id=\"{id}\" aria-labelledby=\"{id}-h\">\n<header class=\"story-head\">",
        id = story.id
    );
    let period = match story.period {
        Some(p) if p.from == p.to => format!(" · {}", p.from),
        Some(p) => format!(" · {} → {}", p.from, p.to),
        None => String::new(),
    };
    let _ = write!(
        out,
        "<div class=\"kicker\">Story {}{}</div><h2 id=\"{}-h\">{}</h2><div class=\"stats\">",
        story.id.0 + 1,
        period,
        story.id,
        esc(&story.headline)
    );
    let stat = |out: &mut String, n: usize, one: &str, many: &str, class: &str| {
        let what = if n == 1 { one } else { many };
        let _ = write!(out, "<span class=\"stat {class}\"><b>{n}</b> {what}</span>");
    };
    stat(out, ctx.sources.len(), "source", "sources", "");
    stat(out, originals, "original report", "original reports", "");
    stat(out, ctx.sources.len() - originals, "copy", "copies", "");
    stat(out, story.facts.len(), "fact", "facts", "");
    stat(
        out,
        story.conflicts.len(),
        "conflict",
        "conflicts",
        if story.conflicts.is_empty() {
            ""
        } else {
            "warn"
        },
    );
    out.push_str("</div></header>\n");

    let matrix = charts::matrix(ctx);
    let timeline = charts::timeline(ctx);
    if !matrix.is_empty() || !timeline.is_empty() {
        out.push_str("<div class=\"glance\">");
        out.push_str(&matrix);
        out.push_str(&timeline);
        out.push_str("</div>\n");
    }

    out.push_str("<div class=\"split\">\n<div class=\"analysis\">\n");
    summary(out, ctx);
    facts(out, ctx);
    conflicts(out, ctx);
    timeline_list(out, ctx);
    entities(out, ctx);
    quotes(out, ctx);
    out.push_str("</div>\n");
    sources(out, ctx);
    out.push_str("</div>\n</section>\n");
}

fn summary(out: &mut String, ctx: &mut Ctx) {
    let story = ctx.story;
    if story.summary.is_empty() {
        return;
    }
    out.push_str("<section class=\"block summary\"><h3>Summary</h3><p>");
    for s in &story.summary {
        let marks = ctx.markers(&s.cites);
        let _ = write!(
            out,
            "<span class=\"sent\">{}</span> ",
            with_markers(&s.text, &marks)
        );
    }
    out.push_str("</p></section>\n");
}

/// Escaped `text` followed by its markers, the last word and the markers kept
/// on one line so a marker never starts a line alone.
fn with_markers(text: &str, markers: &str) -> String {
    let text = text.trim_end();
    let (head, last) = match text.rfind(char::is_whitespace) {
        Some(i) => text.split_at(i),
        None => ("", text),
    };
    format!(
        "{}<span class=\"nw\">{}{markers}</span>",
        esc(head),
        esc(last)
    )
}

/// A row of dots: one filled per independent source, one hollow per source
/// that only repeats another.
fn support_dots(independent: usize, sources: usize) -> String {
    let ind = independent.min(sources).min(24);
    let dep = sources.saturating_sub(independent).min(24 - ind);
    let mut s = String::from("<span class=\"dots\" aria-hidden=\"true\">");
    s.push_str(&"<i class=\"d ind\"></i>".repeat(ind));
    s.push_str(&"<i class=\"d dep\"></i>".repeat(dep));
    s.push_str("</span>");
    s
}

fn facts(out: &mut String, ctx: &mut Ctx) {
    let story = ctx.story;
    if story.facts.is_empty() {
        return;
    }
    out.push_str("<section class=\"block\"><h3>Facts</h3><ol class=\"facts\">");
    for (i, f) in story.facts.iter().enumerate() {
        let origins = if f.origins.is_empty() {
            String::new()
        } else {
            format!(" · via {}", esc(&f.origins.join(", ")))
        };
        let _ = writeln!(
            out,
            "<li id=\"{}-f{}\"><span class=\"tag mk\" tabindex=\"0\" data-c=\"{}\" title=\"light up every source\">F{}</span><div class=\"ftext\">{}</div>\
             <div class=\"support\">{}<span><b>{}</b> source{} · <b>{}</b> independent{}</span></div></li>",
            story.id,
            i + 1,
            ctx.id_list(&f.cites),
            i + 1,
            with_markers(&f.text, &ctx.markers(&f.cites)),
            support_dots(f.independent_sources, f.sources),
            f.sources,
            plural(f.sources),
            f.independent_sources,
            origins
        );
    }
    out.push_str("</ol></section>\n");
}

fn conflicts(out: &mut String, ctx: &mut Ctx) {
    let story = ctx.story;
    if story.conflicts.is_empty() {
        return;
    }
    out.push_str("<section class=\"block\"><h3>Conflicts</h3>");
    for (i, c) in story.conflicts.iter().enumerate() {
        let _ = write!(
            out,
            "<div class=\"conflict\" id=\"{}-c{}\"><h4><span class=\"neq\">≠</span> {} <span class=\"kind\">{}</span></h4><div class=\"claims\">",
            story.id,
            i + 1,
            esc(&c.about),
            c.kind.as_str()
        );
        for (g, (value, claims)) in charts::value_groups(c).iter().enumerate() {
            let cites: Vec<Cite> = claims.iter().map(|cl| cl.cite).collect();
            let _ = write!(
                out,
                "<div class=\"claim v{}\"><div class=\"val mk\" tabindex=\"0\" data-c=\"{}\" title=\"light up every source that says so\">{}</div><div class=\"who\">{} source{} {}</div><blockquote>{}</blockquote></div>",
                g.min(3),
                ctx.id_list(&cites),
                esc(value),
                cites.len(),
                plural(cites.len()),
                ctx.markers(&cites),
                claims.first().map(|cl| esc(&clip(&cl.text, 260))).unwrap_or_default()
            );
        }
        out.push_str("</div></div>\n");
    }
    out.push_str("</section>\n");
}

/// The timeline as a list, one heading per date (and kind of date), the
/// events of that date beneath it.
fn timeline_list(out: &mut String, ctx: &mut Ctx) {
    let story = ctx.story;
    if story.timeline.is_empty() {
        return;
    }
    out.push_str("<section class=\"block\"><h3>Timeline</h3><ol class=\"tl\">");
    let mut i = 0;
    while let Some(t) = story.timeline.get(i) {
        let same = story.timeline[i..]
            .iter()
            .take_while(|x| x.date == t.date && x.inferred == t.inferred)
            .count()
            .max(1);
        let _ = write!(
            out,
            "<li class=\"{}\"><time>{}</time>{}",
            if t.inferred { "inferred" } else { "stated" },
            t.date,
            if t.inferred {
                "<span class=\"flag\" title=\"date worked out from a relative expression such as \u{201c}last Wednesday\u{201d}\">inferred</span>"
            } else {
                ""
            },
        );
        for e in &story.timeline[i..i + same] {
            let marks = ctx.markers(&e.cites);
            let _ = write!(out, "<p>{}</p>", with_markers(&clip(&e.text, 320), &marks));
        }
        out.push_str("</li>\n");
        i += same;
    }
    out.push_str("</ol></section>\n");
}

fn entities(out: &mut String, ctx: &mut Ctx) {
    let story = ctx.story;
    if story.entities.is_empty() {
        return;
    }
    out.push_str("<section class=\"block\"><h3>Key entities</h3><ul class=\"ents\">");
    for e in story.entities.iter().take(16) {
        let ids = ctx.id_list(&e.mentions);
        let aliases = if e.aliases.is_empty() {
            String::new()
        } else {
            format!(
                "<span class=\"aka\">also {}</span>",
                e.aliases
                    .iter()
                    .take(8)
                    .map(|a| format!("<q>{}</q>", esc(a)))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        let _ = writeln!(
            out,
            "<li class=\"ent mk k-{kind}\" tabindex=\"0\" data-c=\"{ids}\" title=\"light up every mention\">\
             <b>{}</b> <small>{kind} · {} mention{}</small>{aliases}</li>",
            esc(&e.name),
            e.mentions.len(),
            plural(e.mentions.len()),
            kind = e.kind.as_str(),
        );
    }
    if story.entities.len() > 16 {
        let _ = write!(
            out,
            "<li class=\"more\">+{} more</li>",
            story.entities.len() - 16
        );
    }
    out.push_str("</ul></section>\n");
}

/// Quotes with the same words (relayed by several outlets) are shown once,
/// with every source's marker.
fn quotes(out: &mut String, ctx: &mut Ctx) {
    let story = ctx.story;
    if story.quotes.is_empty() {
        return;
    }
    let mut groups: Vec<(String, Vec<Cite>, &StoryQuote)> = Vec::new();
    for q in &story.quotes {
        let key = q
            .text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        let key = key.trim_end_matches(['.', ',', '!', '?']).to_string();
        match groups.iter_mut().find(|(k, _, _)| *k == key) {
            Some((_, cites, _)) => cites.push(q.cite),
            None => groups.push((key, vec![q.cite], q)),
        }
    }
    out.push_str("<section class=\"block\"><h3>Quotes</h3>");
    for (_, cites, q) in groups.iter().take(12) {
        let who = match (&q.speaker, &q.via) {
            (Some(s), Some(v)) => format!("{}, <span class=\"via\">via {}</span>", esc(s), esc(v)),
            (Some(s), None) => esc(s),
            (None, Some(v)) => format!("unnamed, <span class=\"via\">via {}</span>", esc(v)),
            (None, None) => "unattributed".to_string(),
        };
        let _ = writeln!(
            out,
            "<figure class=\"quote\"><blockquote>{}</blockquote><figcaption>— {} {}</figcaption></figure>",
            esc(&clip(&q.text, 400)),
            who,
            ctx.markers(cites)
        );
    }
    if groups.len() > 12 {
        let _ = write!(
            out,
            "<p class=\"dim\">+{} more quotes</p>",
            groups.len() - 12
        );
    }
    out.push_str("</section>\n");
}

fn relation_note(ctx: &Ctx, a: &Article) -> String {
    let mut parts = Vec::new();
    if let Some(d) = a.duplicate_of {
        match ctx.number(d) {
            Some(n) => parts.push(format!("copy of <b>[{n}]</b>")),
            None => parts.push(format!("copy of {d}")),
        }
    }
    let relays: Vec<String> = a
        .relays
        .iter()
        .map(|r| match ctx.number(*r) {
            Some(n) => format!("<b>[{n}]</b>"),
            None => r.to_string(),
        })
        .collect();
    if !relays.is_empty() {
        parts.push(format!("quotes {} at length", relays.join(", ")));
    }
    parts.join(" · ")
}

fn sources(out: &mut String, ctx: &mut Ctx) {
    let story = ctx.story;
    let _ = write!(
        out,
        "<aside class=\"sources\" aria-label=\"Sources\"><h3>Sources <span class=\"dim\">side by side · scroll sideways for more</span></h3><div class=\"src-strip\">"
    );
    for (i, a) in ctx.sources.iter().enumerate() {
        let n = i + 1;
        let mut meta = Vec::new();
        if let Some(d) = a.meta.published {
            meta.push(format!("<time>{d}</time>"));
        }
        if let Some(au) = &a.meta.author {
            meta.push(esc(&clip(au, 60)));
        }
        match a.meta.url.as_deref() {
            Some(u) => match safe_http_url(u) {
                Some(u) => meta.push(format!(
                    "<a href=\"{}\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">{}</a>",
                    esc(u),
                    esc(&clip(host_of(u), 40))
                )),
                None => meta.push(format!("<span class=\"url\">{}</span>", esc(&clip(u, 60)))),
            },
            None => meta.push(format!(
                "<span class=\"url\">{}</span>",
                esc(&clip(&a.source, 60))
            )),
        }
        meta.push(format!("<span class=\"id\">{}</span>", a.id));
        let rel = relation_note(ctx, a);
        let _ = write!(
            out,
            "<article class=\"src {pal}{copy}\" id=\"{sid}-{aid}\" data-art=\"{aid}\"><header>\
             <div class=\"src-top\"><span class=\"num {pal}\">{n}</span><b class=\"outlet\">{outlet}</b></div>\
             {title}<div class=\"meta\">{meta}</div>{rel}</header><div class=\"src-body\">{body}</div>",
            pal = Ctx::palette(n),
            copy = if a.duplicate_of.is_some() { " copy" } else { "" },
            sid = story.id,
            aid = a.id,
            outlet = esc(&clip(Ctx::name(a), 60)),
            title = a
                .meta
                .title
                .as_deref()
                .map(|t| format!("<div class=\"title\">{}</div>", esc(&clip(t, 200))))
                .unwrap_or_default(),
            meta = meta.join(" · "),
            rel = if rel.is_empty() {
                String::new()
            } else {
                format!("<div class=\"rel\">{rel}</div>")
            },
            body = ctx.segments(a),
        );
        if !a.removed.is_empty() {
            let _ = write!(
                out,
                "<details class=\"removed\"><summary>{} line{} removed as page furniture</summary><ul>",
                a.removed.len(),
                plural(a.removed.len())
            );
            for r in &a.removed {
                let _ = write!(
                    out,
                    "<li><span class=\"why\">{}</span> {}</li>",
                    r.reason.as_str(),
                    esc(&clip(&r.text, 160))
                );
            }
            out.push_str("</ul></details>");
        }
        out.push_str("</article>\n");
    }
    out.push_str("</div></aside>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_hashes_the_style_and_script_that_are_on_the_page() {
        let html = render_html(&Brief::default());
        let between = |open: &str, close: &str| {
            let start = html.find(open).map(|i| i + open.len()).unwrap_or(0);
            let end = html[start..]
                .find(close)
                .map(|i| i + start)
                .unwrap_or(start);
            html[start..end].to_string()
        };
        let style = between("<style>", "</style>");
        let script = between("<script>", "</script>");
        assert_eq!(style, STYLE);
        assert_eq!(script, SCRIPT);
        assert!(html.contains(&esc(&csp::hash_source(&style))));
        assert!(html.contains(&esc(&csp::hash_source(&script))));
        assert!(!html.contains("unsafe-inline"));
    }

    #[test]
    fn support_dots_show_independent_then_repeating_sources() {
        let d = support_dots(2, 5);
        assert_eq!(d.matches("d ind").count(), 2);
        assert_eq!(d.matches("d dep").count(), 3);
        // Inconsistent counts never underflow.
        assert_eq!(support_dots(7, 3).matches("d ind").count(), 3);
    }
}
