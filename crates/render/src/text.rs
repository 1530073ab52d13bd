//! The terminal brief: headline, summary with `[n]` source markers, facts,
//! conflicts side by side, timeline, entities and quotes, wrapped to a width.

use std::fmt::Write;

use dossier_model::{ArticleId, Brief, Cite, Story};

/// How to lay out terminal text.
#[derive(Debug, Clone, Copy)]
pub struct TextOptions {
    /// ANSI colour and bold; only when writing to a terminal.
    pub color: bool,
    /// Columns to wrap to.
    pub width: usize,
}

impl Default for TextOptions {
    fn default() -> Self {
        TextOptions {
            color: false,
            width: 100,
        }
    }
}

struct Style {
    color: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn bold(&self, s: &str) -> String {
        self.paint("1", s)
    }
    fn dim(&self, s: &str) -> String {
        self.paint("2", s)
    }
    fn heading(&self, s: &str) -> String {
        self.paint("1;36", s)
    }
    fn warn(&self, s: &str) -> String {
        self.paint("1;33", s)
    }
}

/// Source numbering of one story: `[1]` is the story's first article, and so on.
pub(crate) struct Sources<'a> {
    ids: &'a [ArticleId],
}

impl<'a> Sources<'a> {
    pub(crate) fn new(story: &'a Story) -> Self {
        Sources {
            ids: &story.articles,
        }
    }
    pub(crate) fn number(&self, id: ArticleId) -> Option<usize> {
        self.ids.iter().position(|&a| a == id).map(|i| i + 1)
    }
    /// Distinct source numbers of some cites, in first-seen order, as "[1][3]".
    pub(crate) fn markers(&self, cites: &[Cite]) -> String {
        let mut seen = Vec::new();
        for c in cites {
            if let Some(n) = self.number(c.article) {
                if !seen.contains(&n) {
                    seen.push(n);
                }
            }
        }
        seen.iter().map(|n| format!("[{n}]")).collect()
    }
}

/// Wrap `text` to `width` columns, the first line prefixed by `first`, the rest
/// indented to match.
pub(crate) fn wrap(text: &str, width: usize, first: &str) -> String {
    let indent = " ".repeat(first.chars().count());
    let width = width.max(first.chars().count() + 20);
    let mut out = String::new();
    let mut line = first.to_string();
    let mut line_len = first.chars().count();
    let mut empty = true;
    for word in text.split_whitespace() {
        let wlen = word.chars().count();
        if !empty && line_len + 1 + wlen > width {
            out.push_str(line.trim_end());
            out.push('\n');
            line = indent.clone();
            line_len = indent.len();
            empty = true;
        }
        if !empty {
            line.push(' ');
            line_len += 1;
        }
        line.push_str(word);
        line_len += wlen;
        empty = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
    out
}

fn truncate(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        return s;
    }
    let cut: String = s.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// Render a brief for the terminal.
pub fn render_text(brief: &Brief, opts: TextOptions) -> String {
    let st = Style { color: opts.color };
    let w = opts.width.clamp(40, 200);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        st.dim(&format!(
            "{} articles, {} {}",
            brief.articles_read(),
            brief.stories.len(),
            if brief.stories.len() == 1 {
                "story"
            } else {
                "stories"
            }
        ))
    );
    for story in &brief.stories {
        out.push('\n');
        render_story(&mut out, brief, story, &st, w);
    }
    out
}

fn render_story(out: &mut String, brief: &Brief, story: &Story, st: &Style, w: usize) {
    let src = Sources::new(story);
    let rule = "═".repeat(w.min(80));
    let _ = writeln!(out, "{}", st.heading(&rule));
    out.push_str(
        st.bold(wrap(&story.headline, w, "").replace('\n', " ").trim_end())
            .as_str(),
    );
    out.push('\n');
    if let Some(p) = story.period {
        let period = if p.from == p.to {
            p.from.to_string()
        } else {
            format!("{} → {}", p.from, p.to)
        };
        let _ = writeln!(
            out,
            "{}",
            st.dim(&format!("{} · {} sources", period, story.articles.len()))
        );
    } else {
        let _ = writeln!(
            out,
            "{}",
            st.dim(&format!("{} sources", story.articles.len()))
        );
    }

    if !story.summary.is_empty() {
        let _ = writeln!(out, "\n{}", st.heading("Summary"));
        let para: Vec<String> = story
            .summary
            .iter()
            .map(|s| format!("{} {}", s.text, src.markers(&s.cites)))
            .collect();
        out.push_str(&wrap(&para.join(" "), w, "  "));
    }

    if !story.facts.is_empty() {
        let _ = writeln!(out, "\n{}", st.heading("Facts"));
        for f in story.facts.iter().take(12) {
            let support = format!(
                "{} src / {} indep{}",
                f.sources,
                f.independent_sources,
                if f.origins.is_empty() {
                    String::new()
                } else {
                    format!(", via {}", f.origins.join(", "))
                }
            );
            let line = format!(
                "{} {} ({})",
                truncate(&f.text, 400),
                src.markers(&f.cites),
                support
            );
            out.push_str(&wrap(&line, w, "  • "));
        }
    }

    if !story.conflicts.is_empty() {
        let _ = writeln!(out, "\n{}", st.heading("Conflicts"));
        for c in &story.conflicts {
            let _ = writeln!(
                out,
                "  {} {} ({})",
                st.warn("≠"),
                st.bold(&c.about),
                c.kind.as_str()
            );
            // One column per distinct value (up to three), with the markers of
            // every source that gives it and the first such sentence.
            let mut values: Vec<(String, Vec<Cite>, &str)> = Vec::new();
            for cl in &c.claims {
                let key = cl.value.to_lowercase();
                match values.iter_mut().find(|(v, _, _)| v.to_lowercase() == key) {
                    Some((_, cites, _)) => cites.push(cl.cite),
                    None => values.push((cl.value.clone(), vec![cl.cite], cl.text.as_str())),
                }
            }
            let shown = values.len().clamp(1, 3);
            let col = (w.saturating_sub(6) / shown).max(24);
            let columns: Vec<Vec<String>> = values
                .iter()
                .take(3)
                .map(|(value, cites, text)| {
                    let body =
                        format!("{} {} — {}", value, src.markers(cites), truncate(text, 200));
                    wrap(&body, col - 2, "")
                        .lines()
                        .map(str::to_string)
                        .collect()
                })
                .collect();
            let rows = columns.iter().map(Vec::len).max().unwrap_or(0);
            for r in 0..rows {
                let mut line = String::from("    ");
                for (k, colv) in columns.iter().enumerate() {
                    let cell = colv.get(r).map(String::as_str).unwrap_or("");
                    line.push_str(cell);
                    if k + 1 < columns.len() {
                        let pad = (col - 2).saturating_sub(cell.chars().count());
                        line.push_str(&" ".repeat(pad));
                        line.push_str("│ ");
                    }
                }
                let _ = writeln!(out, "{}", line.trim_end());
            }
            for (value, cites, _) in values.iter().skip(3) {
                out.push_str(&wrap(
                    &format!("{} {}", value, src.markers(cites)),
                    w,
                    "    + ",
                ));
            }
        }
    }

    if !story.timeline.is_empty() {
        let _ = writeln!(out, "\n{}", st.heading("Timeline"));
        for t in story.timeline.iter().take(15) {
            let date = format!(
                "{:<10}{}",
                t.date.to_string(),
                if t.inferred { "~" } else { " " }
            );
            let line = format!("{} {}", truncate(&t.text, 240), src.markers(&t.cites));
            out.push_str(&wrap(&line, w, &format!("  {date} ")));
        }
    }

    if !story.entities.is_empty() {
        let _ = writeln!(out, "\n{}", st.heading("Key entities"));
        for e in story.entities.iter().take(10) {
            let aliases = if e.aliases.is_empty() {
                String::new()
            } else {
                format!(" — also {}", e.aliases.join(", "))
            };
            let line = format!(
                "{} ({}, {} mentions){}",
                e.name,
                e.kind.as_str(),
                e.mentions.len(),
                aliases
            );
            out.push_str(&wrap(&line, w, "  • "));
        }
    }

    if !story.quotes.is_empty() {
        let _ = writeln!(out, "\n{}", st.heading("Quotes"));
        // The same words relayed by several outlets are shown once, with every source.
        let mut seen: Vec<(String, Vec<Cite>, &dossier_model::StoryQuote)> = Vec::new();
        for q in &story.quotes {
            let key = q
                .text
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            let key = key.trim_end_matches(['.', ',', '!', '?']).to_string();
            match seen.iter_mut().find(|(k, _, _)| *k == key) {
                Some((_, cites, _)) => cites.push(q.cite),
                None => seen.push((key, vec![q.cite], q)),
            }
        }
        for (_, cites, q) in seen.iter().take(8) {
            let who = match (&q.speaker, &q.via) {
                (Some(s), Some(v)) => format!("{s}, via {v}"),
                (Some(s), None) => s.clone(),
                (None, Some(v)) => format!("unnamed, via {v}"),
                (None, None) => "unattributed".to_string(),
            };
            let line = format!(
                "“{}” — {} {}",
                truncate(&q.text, 300),
                who,
                src.markers(cites)
            );
            out.push_str(&wrap(&line, w, "  "));
        }
    }

    let _ = writeln!(out, "\n{}", st.heading("Sources"));
    for (i, id) in story.articles.iter().enumerate() {
        if let Some(a) = brief.article(*id) {
            let mut line = a.outlet_or_source().to_string();
            if let Some(t) = &a.meta.title {
                line.push_str(&format!(" — {}", truncate(t, 120)));
            }
            if let Some(d) = a.meta.published {
                line.push_str(&format!(" ({d})"));
            }
            // Name the original by its source number when it is in the story.
            let source_ref = |d: dossier_model::ArticleId| {
                src.number(d)
                    .map_or_else(|| d.to_string(), |n| format!("[{n}]"))
            };
            if let Some(d) = a.duplicate_of {
                line.push_str(&st.dim(&format!(" — copy of {}", source_ref(d))));
            }
            if !a.relays.is_empty() {
                let r: Vec<String> = a.relays.iter().map(|&d| source_ref(d)).collect();
                line.push_str(&st.dim(&format!(" — quotes {} at length", r.join(", "))));
            }
            out.push_str(&wrap(&line, w, &format!("  [{}] ", i + 1)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_respects_width_and_indent() {
        let s = wrap(
            "one two three four five six seven eight nine ten",
            24,
            "  • ",
        );
        for line in s.lines() {
            assert!(line.chars().count() <= 24, "{line:?}");
        }
        assert!(s.starts_with("  • one"));
        assert!(s.lines().nth(1).unwrap().starts_with("    "));
    }

    #[test]
    fn truncate_marks_cut_text() {
        assert_eq!(truncate("a  b\nc", 10), "a b c");
        assert_eq!(truncate("abcdefghijkl", 5), "abcd…");
    }
}
