//! Citation ids, source numbering and markers for one story, and an article's
//! text cut into escaped segments at every cited span's boundaries.
//!
//! Spans may overlap or nest, so a segment carries the ids of every cite that
//! covers it (`data-k="3 7"`); lighting cite 7 lights exactly the segments whose
//! concatenation is `article.text[span]`. Segment bodies never contain markup,
//! which is what lets the tests read the evidence back out of the page.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write;

use dossier_model::{Article, ArticleId, Brief, Cite, Span, Story};

use super::escape::{esc, host_of, push_esc, safe_http_url};

/// Everything a story's renderers share: the brief, the source numbering and
/// the cites registered so far.
pub(crate) struct Ctx<'b> {
    pub story: &'b Story,
    /// The story's articles, then any other article it cites, in marker order.
    pub sources: Vec<&'b Article>,
    ids: HashMap<Cite, usize>,
    /// Registered cites by article, for the source columns.
    by_article: BTreeMap<ArticleId, Vec<(usize, Span)>>,
    /// The next cite id; ids are unique across the page.
    pub next_id: usize,
}

impl<'b> Ctx<'b> {
    pub fn new(brief: &'b Brief, story: &'b Story, first_id: usize) -> Ctx<'b> {
        let mut sources: Vec<&Article> = Vec::new();
        let ids = story
            .articles
            .iter()
            .copied()
            .chain(story.cites().map(|c| c.article));
        for id in ids {
            if let Some(a) = brief.article(id) {
                if !sources.iter().any(|s| s.id == id) {
                    sources.push(a);
                }
            }
        }
        Ctx {
            story,
            sources,
            ids: HashMap::new(),
            by_article: BTreeMap::new(),
            next_id: first_id,
        }
    }

    /// 1-based number of an article among the story's sources.
    pub fn number(&self, id: ArticleId) -> Option<usize> {
        self.sources.iter().position(|a| a.id == id).map(|i| i + 1)
    }

    /// A short name for an article: its outlet, else its link's host, else the
    /// file name it was read from.
    pub fn name(a: &Article) -> &str {
        if let Some(o) = a.meta.outlet.as_deref().filter(|o| !o.trim().is_empty()) {
            return o;
        }
        if let Some(u) = a.meta.url.as_deref().and_then(safe_http_url) {
            return host_of(u);
        }
        let file = a.source.rsplit(['/', '\\']).next().unwrap_or(&a.source);
        if file.is_empty() {
            &a.source
        } else {
            file
        }
    }

    /// The palette class of source number `n`.
    pub fn palette(n: usize) -> String {
        format!("p{}", n.saturating_sub(1) % 10)
    }

    /// The page-wide id of a cite, registering it on first use. `None` for a
    /// cite to an article the brief lacks, which cannot be shown.
    pub fn id(&mut self, c: &Cite) -> Option<usize> {
        self.number(c.article)?;
        if let Some(&id) = self.ids.get(c) {
            return Some(id);
        }
        let id = self.next_id;
        self.next_id += 1;
        self.ids.insert(*c, id);
        self.by_article
            .entry(c.article)
            .or_default()
            .push((id, c.span));
        Some(id)
    }

    /// Space-separated ids of some cites, for a `data-c` attribute.
    pub fn id_list<'c>(&mut self, cites: impl IntoIterator<Item = &'c Cite>) -> String {
        let mut out = String::new();
        let mut seen = BTreeSet::new();
        for c in cites {
            if let Some(id) = self.id(c) {
                if seen.insert(id) {
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    let _ = write!(out, "{id}");
                }
            }
        }
        out
    }

    /// Source markers for some cites: one `[n]` per distinct source in
    /// first-seen order, each lighting all of that source's cited spans.
    pub fn markers(&mut self, cites: &[Cite]) -> String {
        let mut groups: Vec<(usize, Vec<Cite>)> = Vec::new();
        for c in cites {
            let Some(n) = self.number(c.article) else {
                continue;
            };
            match groups.iter_mut().find(|(m, _)| *m == n) {
                Some((_, v)) => v.push(*c),
                None => groups.push((n, vec![*c])),
            }
        }
        let mut out = String::new();
        for (n, cs) in groups {
            let ids = self.id_list(&cs);
            let first = ids.split(' ').next().unwrap_or("");
            let outlet = self.sources.get(n - 1).map(|a| Ctx::name(a)).unwrap_or("");
            let _ = write!(
                out,
                "<a class=\"mk num {}\" href=\"#c{first}\" data-c=\"{ids}\" title=\"{} ({} passage{})\">{n}</a>",
                Ctx::palette(n),
                esc(outlet),
                cs.len(),
                if cs.len() == 1 { "" } else { "s" }
            );
        }
        if out.is_empty() {
            out
        } else {
            format!("<span class=\"mks\">{out}</span>")
        }
    }

    /// The article's text as escaped segments, cut at the boundaries of every
    /// cite registered for it.
    pub fn segments(&self, a: &Article) -> String {
        let cites = self.by_article.get(&a.id).map(Vec::as_slice).unwrap_or(&[]);
        segments(&a.text, a.id, cites)
    }
}

/// `text` as HTML: plain escaped runs, `<span class="seg" data-k="ids">` runs
/// covered by cites, and an empty anchor `<a class="anc" id="cN">` where cite N
/// starts (a jump target that works without the script). Invalid spans are
/// left out rather than trusted.
pub(crate) fn segments(text: &str, article: ArticleId, cites: &[(usize, Span)]) -> String {
    let valid: Vec<(usize, Span)> = cites
        .iter()
        .copied()
        .filter(|(_, s)| s.check(text).is_ok())
        .collect();
    let mut bounds: BTreeSet<usize> = BTreeSet::from([0, text.len()]);
    let mut starts: BTreeMap<usize, Vec<(usize, Span)>> = BTreeMap::new();
    let mut ends: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &(id, s) in &valid {
        bounds.insert(s.start);
        bounds.insert(s.end);
        starts.entry(s.start).or_default().push((id, s));
        if !s.is_empty() {
            ends.entry(s.end).or_default().push(id);
        }
    }
    let bounds: Vec<usize> = bounds.into_iter().collect();
    let mut out = String::with_capacity(text.len() + valid.len() * 64);
    let mut active: BTreeSet<usize> = BTreeSet::new();
    for (i, &b) in bounds.iter().enumerate() {
        for id in ends.get(&b).into_iter().flatten() {
            active.remove(id);
        }
        for &(id, s) in starts.get(&b).into_iter().flatten() {
            let _ = write!(
                out,
                "<a class=\"anc\" id=\"c{id}\" data-art=\"{article}\" data-bytes=\"{}-{}\"></a>",
                s.start, s.end
            );
            if !s.is_empty() {
                active.insert(id);
            }
        }
        let Some(&next) = bounds.get(i + 1) else {
            break;
        };
        // Bounds come from checked spans and 0/len, so they are char boundaries.
        let piece = text.get(b..next).unwrap_or("");
        if active.is_empty() {
            push_esc(&mut out, piece);
        } else {
            out.push_str("<span class=\"seg\" data-k=\"");
            for (j, id) in active.iter().enumerate() {
                if j > 0 {
                    out.push(' ');
                }
                let _ = write!(out, "{id}");
            }
            out.push_str("\">");
            push_esc(&mut out, piece);
            out.push_str("</span>");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_spans_split_into_shared_segments() {
        let text = "Ünïcode <b> & more";
        // 0..11 is "Ünïcode <" (two 2-byte chars), 10..15 is "<b> &".
        let html = segments(
            text,
            ArticleId(0),
            &[(1, Span::new(0, 11)), (2, Span::new(10, 15))],
        );
        assert_eq!(
            html,
            "<a class=\"anc\" id=\"c1\" data-art=\"a1\" data-bytes=\"0-11\"></a>\
             <span class=\"seg\" data-k=\"1\">Ünïcode </span>\
             <a class=\"anc\" id=\"c2\" data-art=\"a1\" data-bytes=\"10-15\"></a>\
             <span class=\"seg\" data-k=\"1 2\">&lt;</span>\
             <span class=\"seg\" data-k=\"2\">b&gt; &amp;</span> more"
        );
    }

    #[test]
    fn invalid_spans_are_ignored_not_trusted() {
        let html = segments(
            "Zürich",
            ArticleId(0),
            &[
                (1, Span::new(0, 2)),
                (2, Span::new(3, 99)),
                (3, Span::new(4, 2)),
            ],
        );
        assert_eq!(html, "Zürich");
    }
}
