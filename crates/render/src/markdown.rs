//! The Markdown brief, with every citation as a footnote that quotes its evidence.

use std::collections::HashMap;
use std::fmt::Write;

use dossier_model::{Brief, Cite, Story};

/// Escape text from articles so it cannot become markup, links or raw HTML.
pub fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '!' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Footnote numbering shared by a whole story: one note per distinct cite.
struct Notes<'b> {
    brief: &'b Brief,
    index: HashMap<Cite, usize>,
    order: Vec<Cite>,
}

impl<'b> Notes<'b> {
    fn refs(&mut self, cites: &[Cite]) -> String {
        let mut s = String::new();
        for c in cites {
            let n = *self.index.entry(*c).or_insert_with(|| {
                self.order.push(*c);
                self.order.len()
            });
            let _ = write!(s, "[^{n}]");
        }
        s
    }

    fn write(&self, out: &mut String, story: &Story) {
        for (i, c) in self.order.iter().enumerate() {
            let Some(a) = self.brief.article(c.article) else {
                continue;
            };
            let src_no = story
                .articles
                .iter()
                .position(|&x| x == c.article)
                .map_or(0, |p| p + 1);
            let evidence = a.slice(c.span).unwrap_or("");
            let _ = writeln!(
                out,
                "[^{}]: [{}] {} ({}, bytes {}–{}): “{}”",
                i + 1,
                src_no,
                md_escape(a.outlet_or_source()),
                c.article,
                c.span.start,
                c.span.end,
                md_escape(evidence)
            );
        }
    }
}

/// Render a brief as Markdown.
pub fn render_markdown(brief: &Brief) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Brief\n");
    let _ = writeln!(
        out,
        "{} articles in {} {}.\n",
        brief.articles_read(),
        brief.stories.len(),
        if brief.stories.len() == 1 {
            "story"
        } else {
            "stories"
        }
    );
    for story in &brief.stories {
        let mut notes = Notes {
            brief,
            index: HashMap::new(),
            order: Vec::new(),
        };
        let _ = writeln!(out, "## {}\n", md_escape(&story.headline));
        if let Some(p) = story.period {
            let _ = writeln!(
                out,
                "*{} – {}* · {} sources\n",
                p.from,
                p.to,
                story.articles.len()
            );
        }
        if !story.summary.is_empty() {
            let _ = writeln!(out, "### Summary\n");
            let sents: Vec<String> = story
                .summary
                .iter()
                .map(|s| format!("{}{}", md_escape(&s.text), notes.refs(&s.cites)))
                .collect();
            let _ = writeln!(out, "{}\n", sents.join(" "));
        }
        if !story.facts.is_empty() {
            let _ = writeln!(out, "### Facts\n");
            let _ = writeln!(out, "| Fact | Sources | Independent | Origins |");
            let _ = writeln!(out, "|---|---|---|---|");
            for f in &story.facts {
                let _ = writeln!(
                    out,
                    "| {}{} | {} | {} | {} |",
                    md_escape(&f.text),
                    notes.refs(&f.cites),
                    f.sources,
                    f.independent_sources,
                    md_escape(&f.origins.join(", "))
                );
            }
            out.push('\n');
        }
        if !story.conflicts.is_empty() {
            let _ = writeln!(out, "### Conflicts\n");
            for c in &story.conflicts {
                let _ = writeln!(out, "- **{}** ({})", md_escape(&c.about), c.kind.as_str());
                for cl in &c.claims {
                    let _ = writeln!(
                        out,
                        "  - *{}*: {}{}",
                        md_escape(&cl.value),
                        md_escape(&cl.text),
                        notes.refs(std::slice::from_ref(&cl.cite))
                    );
                }
            }
            out.push('\n');
        }
        if !story.timeline.is_empty() {
            let _ = writeln!(out, "### Timeline\n");
            for t in &story.timeline {
                let _ = writeln!(
                    out,
                    "- **{}**{} {}{}",
                    t.date,
                    if t.inferred { " (inferred)" } else { "" },
                    md_escape(&t.text),
                    notes.refs(&t.cites)
                );
            }
            out.push('\n');
        }
        if !story.entities.is_empty() {
            let _ = writeln!(out, "### Entities\n");
            for e in story.entities.iter().take(15) {
                let aliases = if e.aliases.is_empty() {
                    String::new()
                } else {
                    format!(" — also: {}", md_escape(&e.aliases.join(", ")))
                };
                let _ = writeln!(
                    out,
                    "- **{}** ({}, {} mentions){}",
                    md_escape(&e.name),
                    e.kind.as_str(),
                    e.mentions.len(),
                    aliases
                );
            }
            out.push('\n');
        }
        if !story.quotes.is_empty() {
            let _ = writeln!(out, "### Quotes\n");
            for q in &story.quotes {
                let who = q.speaker.as_deref().unwrap_or("unattributed");
                let via = q
                    .via
                    .as_ref()
                    .map(|v| format!(", via {}", md_escape(v)))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "> “{}” — {}{}{}\n",
                    md_escape(&q.text),
                    md_escape(who),
                    via,
                    notes.refs(std::slice::from_ref(&q.cite))
                );
            }
        }
        let _ = writeln!(out, "### Sources\n");
        for (i, id) in story.articles.iter().enumerate() {
            if let Some(a) = brief.article(*id) {
                let title = a.meta.title.as_deref().map(md_escape).unwrap_or_default();
                let date = a
                    .meta
                    .published
                    .map(|d| format!(" ({d})"))
                    .unwrap_or_default();
                let copy = a
                    .duplicate_of
                    .map(|d| format!(" — copy of {d}"))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "{}. **{}** {}{}{} `{}`",
                    i + 1,
                    md_escape(a.outlet_or_source()),
                    title,
                    date,
                    copy,
                    a.id
                );
            }
        }
        out.push('\n');
        notes.write(&mut out, story);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_neutralises_markup_and_links() {
        let s = md_escape("<script>alert(1)</script> [x](javascript:y) *b*");
        assert!(!s.contains('<'));
        assert!(s.contains("\\[x\\]"));
        assert!(s.contains("\\*b\\*"));
    }
}
