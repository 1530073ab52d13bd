//! The HTML report: hostile input stays text, the page keeps its structure,
//! and every citation marker lights exactly the words it cites.
//!
//! The page is read back with a small tokenizer written here (the crate has no
//! HTML parser dependency); it follows the HTML rules that matter for these
//! checks: quoted attributes, comments, and raw-text `script`/`style`.

use std::collections::{BTreeMap, BTreeSet};

use dossier_model::{
    Article, ArticleId, Brief, Cite, Conflict, Date, Entity, EntityId, EntityKind, Fact,
    JunkReason, Period, RemovedLine, Side, Span, Story, StoryId, StoryQuote, SummarySentence,
    TimelineEntry,
};
use dossier_render::{render_html, render_html_with, HtmlOptions};

// ---------------------------------------------------------------- tokenizer

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Start {
        name: String,
        attrs: Vec<(String, String)>,
    },
    End(String),
    Text(String),
}

impl Tok {
    fn attr(&self, key: &str) -> Option<&str> {
        match self {
            Tok::Start { attrs, .. } => attrs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str()),
            _ => None,
        }
    }
    fn is_start(&self, tag: &str) -> bool {
        matches!(self, Tok::Start { name, .. } if name == tag)
    }
    fn has_class(&self, class: &str) -> bool {
        self.attr("class")
            .is_some_and(|c| c.split_whitespace().any(|x| x == class))
    }
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn tokenize(html: &str) -> Vec<Tok> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut text_start = 0;
    let flush = |out: &mut Vec<Tok>, from: usize, to: usize| {
        if to > from {
            out.push(Tok::Text(unescape(&html[from..to])));
        }
    };
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let rest = &html[i..];
        if rest.starts_with("<!--") {
            flush(&mut out, text_start, i);
            let end = rest.find("-->").map_or(html.len(), |e| i + e + 3);
            i = end;
            text_start = i;
            continue;
        }
        if rest.starts_with("<!") {
            flush(&mut out, text_start, i);
            i += rest.find('>').map_or(rest.len(), |e| e + 1);
            text_start = i;
            continue;
        }
        let closing = rest.starts_with("</");
        let name_at = if closing { i + 2 } else { i + 1 };
        if !b.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
            // Not a tag: a lone '<' is text to a browser too.
            i += 1;
            continue;
        }
        flush(&mut out, text_start, i);
        let mut j = name_at;
        while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' && b[j] != b'/' {
            j += 1;
        }
        let name = html[name_at..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
                j += 1;
            }
            if j >= b.len() || b[j] == b'>' {
                j += 1;
                break;
            }
            let k0 = j;
            while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'=' | b'>' | b'/')
            {
                j += 1;
            }
            let key = html[k0..j].to_ascii_lowercase();
            let mut value = String::new();
            if b.get(j) == Some(&b'=') {
                j += 1;
                match b.get(j) {
                    Some(&q) if q == b'"' || q == b'\'' => {
                        let end = html[j + 1..]
                            .find(q as char)
                            .map_or(html.len(), |e| j + 1 + e);
                        value = unescape(&html[j + 1..end]);
                        j = end + 1;
                    }
                    _ => {
                        let v0 = j;
                        while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                            j += 1;
                        }
                        value = unescape(&html[v0..j]);
                    }
                }
            }
            attrs.push((key, value));
        }
        i = j.min(html.len());
        if closing {
            out.push(Tok::End(name));
        } else {
            let raw = name == "script" || name == "style";
            out.push(Tok::Start {
                name: name.clone(),
                attrs,
            });
            if raw {
                // Raw text runs to the first `</name`, whatever it contains.
                let close = format!("</{name}");
                let end = html[i..]
                    .to_ascii_lowercase()
                    .find(&close)
                    .map_or(html.len(), |e| i + e);
                out.push(Tok::Text(html[i..end].to_string()));
                i = end;
            }
        }
        text_start = i;
    }
    flush(&mut out, text_start, html.len());
    out
}

// ---------------------------------------------------------------- fixtures

fn span_of(text: &str, needle: &str) -> Span {
    let start = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in fixture text"));
    Span::new(start, start + needle.len())
}

fn cite(brief_texts: &[String], a: usize, needle: &str) -> Cite {
    Cite::new(ArticleId(a), span_of(&brief_texts[a], needle))
}

/// A small invented story in three reports: a ferry pier collapse. Report 3
/// copies report 2; report 1 relays report 2 at length. Spans nest, overlap
/// and cover multi-byte characters.
fn ferry_brief() -> Brief {
    let texts: Vec<String> = vec![
        "Pier gives way at Østerhavn ferry terminal\n\nA section of the Østerhavn ferry pier collapsed on Tuesday, injuring 14 passengers waiting to board the morning crossing 🚢. Harbour master Ilka Brenner said the pier had been inspected in 2040. “We are checking every pile,” she told the Coast Gazette.".into(),
        "Østerhavn pier collapse injures 11\n\nEleven people were hurt when part of the Østerhavn ferry pier fell into the water on 7 May 2042. The operator, Nordlys Lines, suspended all crossings. “We are checking every pile,” Ilka Brenner said.".into(),
        "Østerhavn pier collapse injures 11\n\nEleven people were hurt when part of the Østerhavn ferry pier fell into the water on 7 May 2042. The operator, Nordlys Lines, suspended all crossings. Repairs could take months.".into(),
    ];
    let mut articles: Vec<Article> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Article::new(ArticleId(i), format!("in/{i}.html"), t.clone()))
        .collect();
    articles[0].meta.outlet = Some("Harbour Times".into());
    articles[0].meta.title = Some("Pier gives way at Østerhavn ferry terminal".into());
    articles[0].meta.url = Some("https://harbour.example/a?x=1&y=2".into());
    articles[0].meta.published = Date::ymd(2042, 5, 8);
    articles[0].relays = vec![ArticleId(1)];
    articles[1].meta.outlet = Some("Coast Gazette".into());
    articles[1].meta.published = Date::ymd(2042, 5, 7);
    articles[2].duplicate_of = Some(ArticleId(1));
    articles[2].removed = vec![RemovedLine {
        text: "Share this story".into(),
        reason: JunkReason::SharePrompt,
    }];

    let c = |a, n| cite(&texts, a, n);
    let mut story = Story::new(StoryId(0), vec![ArticleId(0), ArticleId(1), ArticleId(2)]);
    story.headline = "Ferry pier collapses at Østerhavn".into();
    story.period = Some(Period {
        from: Date::ymd(2042, 5, 5).unwrap_or(Date::year(2042)),
        to: Date::ymd(2042, 5, 7).unwrap_or(Date::year(2042)),
    });
    let sentence_0 = "A section of the Østerhavn ferry pier collapsed on Tuesday, injuring 14 passengers waiting to board the morning crossing 🚢.";
    let sentence_1 = "Eleven people were hurt when part of the Østerhavn ferry pier fell into the water on 7 May 2042.";
    story.summary = vec![
        SummarySentence {
            text: sentence_0.into(),
            cites: vec![c(0, sentence_0), c(1, sentence_1)],
        },
        SummarySentence {
            text: "The operator, Nordlys Lines, suspended all crossings.".into(),
            cites: vec![
                c(1, "The operator, Nordlys Lines, suspended all crossings."),
                c(2, "The operator, Nordlys Lines, suspended all crossings."),
            ],
        },
    ];
    story.facts = vec![
        Fact {
            text: "Part of the Østerhavn ferry pier collapsed.".into(),
            cites: vec![
                // Nested inside the summary's span of article 0.
                c(0, "Østerhavn ferry pier collapsed"),
                c(1, sentence_1),
                c(2, sentence_1),
            ],
            sources: 3,
            independent_sources: 2,
            origins: vec![],
        },
        Fact {
            text: "“We are checking every pile,” Brenner said.".into(),
            cites: vec![
                c(
                    0,
                    "“We are checking every pile,” she told the Coast Gazette.",
                ),
                c(1, "“We are checking every pile,” Ilka Brenner said."),
            ],
            sources: 2,
            independent_sources: 1,
            origins: vec!["Coast Gazette".into()],
        },
    ];
    story.conflicts = vec![Conflict {
        kind: Default::default(),
        about: "number of people injured".into(),
        claims: vec![
            Side {
                value: "14".into(),
                // Overlaps the end of the summary span and the fact span.
                text: "injuring 14 passengers".into(),
                cite: c(0, "injuring 14 passengers"),
            },
            Side {
                value: "Eleven".into(),
                text: "Eleven people were hurt".into(),
                cite: c(1, "Eleven people were hurt"),
            },
            Side {
                value: "Eleven".into(),
                text: "Eleven people were hurt".into(),
                cite: c(2, "Eleven people were hurt"),
            },
        ],
    }];
    story.timeline = vec![
        TimelineEntry {
            date: Date::year(2040),
            inferred: false,
            text: "The pier had been inspected in 2040.".into(),
            cites: vec![c(0, "the pier had been inspected in 2040")],
        },
        TimelineEntry {
            date: Date::ymd(2042, 5, 5).unwrap_or(Date::year(2042)),
            inferred: true,
            text: sentence_0.into(),
            cites: vec![c(0, "collapsed on Tuesday")],
        },
        TimelineEntry {
            date: Date::ymd(2042, 5, 7).unwrap_or(Date::year(2042)),
            inferred: false,
            text: sentence_1.into(),
            cites: vec![c(1, "on 7 May 2042"), c(2, "on 7 May 2042")],
        },
    ];
    story.entities = vec![Entity {
        id: EntityId(0),
        name: "Ilka Brenner".into(),
        kind: EntityKind::Person,
        aliases: vec!["Brenner".into()],
        mentions: vec![c(0, "Ilka Brenner"), c(1, "Ilka Brenner")],
    }];
    story.quotes = vec![
        StoryQuote {
            text: "We are checking every pile,".into(),
            speaker: Some("Ilka Brenner".into()),
            speaker_entity: Some(EntityId(0)),
            via: Some("Coast Gazette".into()),
            cite: c(0, "We are checking every pile,"),
        },
        StoryQuote {
            text: "We are checking every pile,".into(),
            speaker: Some("Ilka Brenner".into()),
            speaker_entity: Some(EntityId(0)),
            via: None,
            cite: c(1, "We are checking every pile,"),
        },
    ];
    let brief = Brief {
        articles,
        stories: vec![story],
    };
    assert_eq!(brief.check_spans(), Ok(()));
    brief
}

const HOSTILE: &[&str] = &[
    "<script>alert('x')</script>",
    "\"><img src=x onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\">click</a>",
    "</style><style>body{display:none}</style>",
    "<!-- unclosed comment",
    "]]><![CDATA[ x ]]>",
    "</textarea></title></svg><svg onload=alert(1)>",
    "' onmouseover='alert(1)' x='",
    "line\u{2028}separator\u{2029}para",
    "&lt;script&gt; already escaped &amp;",
    "<iframe srcdoc=\"<script>parent.alert(1)</script>\"></iframe>",
];

/// Two stories whose every string field is hostile.
fn hostile_brief() -> Brief {
    let mut text = String::from("Calm opening words.\n\n");
    for h in HOSTILE {
        text.push_str(h);
        text.push_str("\n\n");
    }
    text.push_str("Closing words.");
    let evil = HOSTILE.join(" ");
    let mut articles = Vec::new();
    for i in 0..3 {
        let mut a = Article::new(ArticleId(i), format!("<b>{i}</b>.html"), text.clone());
        a.meta.outlet = Some(format!("{} outlet {i}", HOSTILE[i % HOSTILE.len()]));
        a.meta.title = Some(evil.clone());
        a.meta.author = Some(HOSTILE[1].into());
        a.meta.url = Some(
            [
                "javascript:alert(document.cookie)",
                "https://ok.example/\"onmouseover=\"alert(1)",
                " JAVASCRIPT:alert(1)",
            ][i]
                .into(),
        );
        a.removed = vec![RemovedLine {
            text: evil.clone(),
            reason: JunkReason::Advertisement,
        }];
        articles.push(a);
    }
    let mut stories = Vec::new();
    for s in 0..2 {
        let members: Vec<usize> = if s == 0 { vec![0, 1] } else { vec![2] };
        let cites: Vec<Cite> = members
            .iter()
            .flat_map(|&a| HOSTILE.iter().map(move |h| (a, h)).collect::<Vec<_>>())
            .map(|(a, h)| Cite::new(ArticleId(a), span_of(&text, h)))
            .collect();
        let mut st = Story::new(StoryId(s), members.iter().map(|&a| ArticleId(a)).collect());
        st.headline = evil.clone();
        st.summary = HOSTILE
            .iter()
            .map(|h| SummarySentence {
                text: (*h).into(),
                cites: cites.clone(),
            })
            .collect();
        st.facts = vec![Fact {
            text: evil.clone(),
            cites: cites.clone(),
            sources: 2,
            independent_sources: 1,
            origins: vec![HOSTILE[0].into(), HOSTILE[1].into()],
        }];
        st.conflicts = vec![Conflict {
            kind: Default::default(),
            about: evil.clone(),
            claims: cites
                .iter()
                .take(2)
                .zip(HOSTILE)
                .map(|(c, h)| Side {
                    value: (*h).into(),
                    text: evil.clone(),
                    cite: *c,
                })
                .collect(),
        }];
        st.timeline = vec![TimelineEntry {
            date: Date::ymd(2044, 2, 29).unwrap_or(Date::year(2044)),
            inferred: true,
            text: evil.clone(),
            cites: cites.clone(),
        }];
        st.entities = vec![Entity {
            id: EntityId(0),
            name: HOSTILE[2].into(),
            kind: EntityKind::Other,
            aliases: HOSTILE.iter().map(|h| (*h).to_string()).collect(),
            mentions: cites.clone(),
        }];
        st.quotes = vec![StoryQuote {
            text: evil.clone(),
            speaker: Some(HOSTILE[1].into()),
            speaker_entity: None,
            via: Some(HOSTILE[6].into()),
            cite: cites[0],
        }];
        stories.push(st);
    }
    let brief = Brief { articles, stories };
    assert_eq!(brief.check_spans(), Ok(()));
    brief
}

// ---------------------------------------------------------------- helpers

fn count_ci(hay: &str, needle: &str) -> usize {
    hay.to_ascii_lowercase().matches(needle).count()
}

/// For every cite id on the page: the article and byte range its anchor
/// declares, and the text of the segments it lights, in page order.
struct CiteMap {
    anchors: BTreeMap<String, (String, Span)>,
    lit: BTreeMap<String, String>,
    markers: Vec<Vec<String>>,
}

fn cite_map(toks: &[Tok]) -> CiteMap {
    let mut anchors = BTreeMap::new();
    let mut lit: BTreeMap<String, String> = BTreeMap::new();
    let mut markers = Vec::new();
    let mut current: Option<Vec<String>> = None;
    for t in toks {
        match t {
            Tok::Start { .. } if t.has_class("anc") => {
                let id = t
                    .attr("id")
                    .unwrap_or("")
                    .trim_start_matches('c')
                    .to_string();
                let art = t.attr("data-art").unwrap_or("").to_string();
                let (s, e) = t
                    .attr("data-bytes")
                    .and_then(|b| b.split_once('-'))
                    .unwrap_or(("0", "0"));
                let span = Span::new(s.parse().unwrap_or(0), e.parse().unwrap_or(0));
                assert!(
                    anchors.insert(id, (art, span)).is_none(),
                    "duplicate anchor"
                );
            }
            Tok::Start { .. } if t.has_class("seg") => {
                current = Some(
                    t.attr("data-k")
                        .unwrap_or("")
                        .split_whitespace()
                        .map(str::to_string)
                        .collect(),
                );
            }
            Tok::Start { .. } if t.has_class("mk") => {
                markers.push(
                    t.attr("data-c")
                        .unwrap_or("")
                        .split_whitespace()
                        .map(str::to_string)
                        .collect(),
                );
            }
            Tok::Text(s) => {
                if let Some(ids) = &current {
                    for id in ids {
                        lit.entry(id.clone()).or_default().push_str(s);
                    }
                }
            }
            Tok::Start { .. } => {
                assert!(current.is_none(), "markup inside a segment: {t:?}");
            }
            Tok::End(name) if name == "span" => current = None,
            Tok::End(_) => {}
        }
    }
    CiteMap {
        anchors,
        lit,
        markers,
    }
}

/// The text of each source column's body, markup removed.
fn column_texts(toks: &[Tok]) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth: Option<usize> = None;
    for t in toks {
        match (t, depth) {
            (Tok::Start { .. }, None) if t.has_class("src-body") => {
                out.push(String::new());
                depth = Some(0);
            }
            (Tok::Start { name, .. }, Some(d)) if name == "div" => depth = Some(d + 1),
            (Tok::End(name), Some(0)) if name == "div" => depth = None,
            (Tok::End(name), Some(d)) if name == "div" => depth = Some(d - 1),
            (Tok::Text(s), Some(_)) => {
                if let Some(last) = out.last_mut() {
                    last.push_str(s);
                }
            }
            _ => {}
        }
    }
    out
}

// ---------------------------------------------------------------- tests

#[test]
fn hostile_input_cannot_add_markup_script_or_links() {
    let brief = hostile_brief();
    let html = render_html_with(
        &brief,
        &HtmlOptions {
            title: HOSTILE.join(" "),
        },
    );
    // Exactly the page's own script and style, each opened and closed once.
    assert_eq!(count_ci(&html, "<script"), 1, "stray <script");
    assert_eq!(count_ci(&html, "</script"), 1);
    assert_eq!(count_ci(&html, "<style"), 1, "stray <style");
    assert_eq!(count_ci(&html, "</style"), 1);
    assert_eq!(
        count_ci(&html, "<!--"),
        0,
        "a comment could swallow the page"
    );
    assert_eq!(count_ci(&html, "<img"), 0);
    assert_eq!(count_ci(&html, "<iframe"), 0);
    assert_eq!(count_ci(&html, "<![cdata["), 0);

    let toks = tokenize(&html);
    let mut metas = 0;
    for t in &toks {
        let Tok::Start { name, attrs } = t else {
            continue;
        };
        assert!(
            !matches!(
                name.as_str(),
                "img"
                    | "iframe"
                    | "object"
                    | "embed"
                    | "link"
                    | "base"
                    | "form"
                    | "input"
                    | "textarea"
                    | "frame"
                    | "image"
                    | "use"
                    | "foreignobject"
            ),
            "forbidden element <{name}>"
        );
        if name == "meta" {
            metas += 1;
        }
        for (k, v) in attrs {
            assert!(!k.starts_with("on"), "event handler {k}={v:?} on <{name}>");
            assert!(
                !matches!(
                    k.as_str(),
                    "src" | "srcdoc" | "xlink:href" | "action" | "formaction"
                ),
                "{k} on <{name}>"
            );
            let lower = v.trim().to_ascii_lowercase();
            if k == "href" {
                assert!(
                    lower.starts_with('#')
                        || lower.starts_with("https://")
                        || lower.starts_with("http://"),
                    "unsafe href {v:?}"
                );
                assert!(!v.contains(['"', '\'', '<', '>', ' ']), "odd href {v:?}");
            }
            assert!(
                !(k != "title" && k != "aria-label" && lower.contains("javascript:")),
                "javascript: in {k}={v:?}"
            );
        }
    }
    assert_eq!(metas, 4, "charset, CSP, referrer, viewport");
    // No input-derived link survived: the only http(s) link would be a safe URL.
    assert!(!toks
        .iter()
        .any(|t| t.attr("href").is_some_and(|h| h.starts_with("http"))));

    // The structure survives: one section per story, every element closed.
    let stories = toks
        .iter()
        .filter(|t| t.is_start("section") && t.has_class("story"))
        .count();
    assert_eq!(stories, brief.stories.len());
    for tag in [
        "section", "article", "aside", "svg", "figure", "details", "main", "ol", "ul",
    ] {
        let opens = toks.iter().filter(|t| t.is_start(tag)).count();
        let closes = toks
            .iter()
            .filter(|t| matches!(t, Tok::End(n) if n == tag))
            .count();
        assert_eq!(
            opens, closes,
            "<{tag}> opened {opens} times, closed {closes}"
        );
    }
    assert!(html.trim_end().ends_with("</html>"));

    // Hostile text is shown as text, byte for byte, in every source column.
    let columns = column_texts(&toks);
    assert_eq!(columns.len(), 3);
    for c in &columns {
        assert_eq!(c, &brief.articles[0].text);
    }
    // And every cited hostile span lights exactly itself.
    let map = cite_map(&toks);
    for (id, (art, span)) in &map.anchors {
        let a = &brief.articles[ArticleId::parse(art).map_or(usize::MAX, |a| a.0)];
        assert_eq!(
            map.lit.get(id).map(String::as_str),
            a.slice(*span),
            "cite c{id}"
        );
    }
}

#[test]
fn every_marker_lights_exactly_the_text_it_cites() {
    let brief = ferry_brief();
    let html = render_html(&brief);
    let toks = tokenize(&html);
    let map = cite_map(&toks);
    assert!(map.markers.len() > 20, "only {} markers", map.markers.len());
    let mut seen: BTreeSet<Cite> = BTreeSet::new();
    for ids in &map.markers {
        assert!(!ids.is_empty(), "a marker without cites");
        for id in ids {
            let (art, span) = map
                .anchors
                .get(id)
                .unwrap_or_else(|| panic!("marker names c{id}, which has no anchor"));
            let article = ArticleId::parse(art).unwrap_or(ArticleId(usize::MAX));
            let cite = Cite::new(article, *span);
            let expected = brief.cited_text(&cite).unwrap_or("<invalid>");
            assert_eq!(
                map.lit.get(id).map(String::as_str),
                Some(expected),
                "c{id} ({art} {}..{}) lights the wrong text",
                span.start,
                span.end
            );
            seen.insert(cite);
        }
    }
    // Every cite the story makes is reachable from some marker.
    let all: BTreeSet<Cite> = brief.stories[0].cites().copied().collect();
    assert_eq!(seen, all);
    // The columns still read as the articles, in story order.
    let columns = column_texts(&toks);
    let texts: Vec<&str> = brief.articles.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(columns, texts);
}

#[test]
fn summary_markers_number_sources_in_story_order() {
    let brief = ferry_brief();
    let html = render_html(&brief);
    let toks = tokenize(&html);
    // Marker labels inside the summary paragraph, in order.
    let mut in_summary = false;
    let mut in_marker = false;
    let mut labels = Vec::new();
    for t in &toks {
        match t {
            Tok::Start { .. } if t.has_class("summary") => in_summary = true,
            Tok::End(n) if n == "section" => in_summary = false,
            Tok::Start { name, .. } if in_summary && name == "a" && t.has_class("mk") => {
                in_marker = true
            }
            Tok::Text(s) if in_marker => labels.push(s.clone()),
            Tok::End(n) if n == "a" => in_marker = false,
            _ => {}
        }
    }
    assert_eq!(labels, ["1", "2", "2", "3"]);
}

#[test]
fn matrix_shows_backing_copies_relays_and_conflicts() {
    let brief = ferry_brief();
    let html = render_html(&brief);
    let toks = tokenize(&html);
    let class_count = |class: &str| toks.iter().filter(|t| t.has_class(class)).count();
    // Cells: fact 1 backed by all three (one a copy), fact 2 by two (none a
    // copy: the relaying outlet relays the other backer, so it is dependent).
    let cells = toks
        .iter()
        .filter(|t| t.is_start("g") && t.has_class("cell"))
        .count();
    assert_eq!(cells, 3 + 2 + 3, "fact cells plus conflict cells");
    assert_eq!(
        toks.iter()
            .filter(|t| t.is_start("circle") && t.has_class("ind"))
            .count(),
        2,
        "independent backers: a2 for F1 and a2 for F2"
    );
    assert_eq!(
        toks.iter()
            .filter(|t| t.is_start("circle") && t.has_class("dep"))
            .count(),
        3,
        "a1 relays a2 (F1, F2), a3 copies a2 (F1)"
    );
    // Only the copying outlet's column is marked a copy.
    let copies: Vec<&str> = toks
        .iter()
        .filter(|t| t.is_start("article") && t.has_class("copy"))
        .filter_map(|t| t.attr("data-art"))
        .collect();
    assert_eq!(copies, ["a3"]);
    assert_eq!(
        class_count("lbl"),
        3 + 1,
        "three outlets and one named origin"
    );
    assert!(html.contains("class=\"link copy\""));
    assert!(html.contains("class=\"link relay\""));
    assert!(html.contains(">copy of [2]</text>"));
    assert!(html.contains(">relays [2]</text>"));
    // The conflict: "Eleven" is the majority, "14" dissents.
    assert!(html.contains("class=\"cv v0\""));
    assert!(html.contains("class=\"cv v1\""));
    // The named origin gets its own row.
    assert!(html.contains("⇡ Coast Gazette"));
}

#[test]
fn timeline_chart_marks_inferred_dates_and_precision() {
    let brief = ferry_brief();
    let html = render_html(&brief);
    let toks = tokenize(&html);
    let events: Vec<&Tok> = toks
        .iter()
        .filter(|t| t.is_start("g") && t.has_class("ev"))
        .collect();
    assert_eq!(events.len(), 3);
    assert_eq!(events.iter().filter(|t| t.has_class("inferred")).count(), 1);
    // The year-only date is a diamond (a path), the day dates circles.
    let pos = |i: usize| {
        toks.iter()
            .position(|t| std::ptr::eq(t, events[i]))
            .unwrap_or(0)
    };
    assert!(
        toks[pos(0) + 4].is_start("path"),
        "{:?}",
        &toks[pos(0)..pos(0) + 5]
    );
    assert!(toks[pos(1) + 4].is_start("circle"));
    assert!(toks[pos(2) + 4].is_start("circle"));
    // Two years pass between the first two dates: the axis shows a break.
    assert!(html.contains("class=\"brk\""));
}

#[test]
fn only_a_validated_http_url_becomes_a_link() {
    let brief = ferry_brief();
    let html = render_html(&brief);
    let toks = tokenize(&html);
    let links: Vec<&str> = toks
        .iter()
        .filter_map(|t| t.attr("href"))
        .filter(|h| !h.starts_with('#'))
        .collect();
    assert_eq!(links, ["https://harbour.example/a?x=1&y=2"]);
    assert!(html.contains("href=\"https://harbour.example/a?x=1&amp;y=2\""));
}

#[test]
fn an_empty_brief_is_still_a_whole_page() {
    let html = render_html(&Brief::default());
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("No stories were found"));
    assert_eq!(count_ci(&html, "<section"), 0);
    let toks = tokenize(&html);
    let csp = toks
        .iter()
        .find(|t| t.attr("http-equiv") == Some("Content-Security-Policy"))
        .and_then(|t| t.attr("content"))
        .unwrap_or("");
    assert!(
        csp.starts_with("default-src 'none'; style-src 'sha256-"),
        "{csp}"
    );
    assert!(csp.contains("script-src 'sha256-"), "{csp}");
    assert!(!csp.contains("unsafe"), "{csp}");
}

#[test]
fn a_broken_cite_is_dropped_not_trusted() {
    let mut brief = ferry_brief();
    // Splits 'Ø' (two bytes at offset 0 of the title line), and runs past the end.
    brief.stories[0].facts[0]
        .cites
        .push(Cite::new(ArticleId(1), Span::new(1, 5)));
    brief.stories[0].facts[0]
        .cites
        .push(Cite::new(ArticleId(1), Span::new(10, 9999)));
    brief.stories[0].facts[0]
        .cites
        .push(Cite::new(ArticleId(7), Span::new(0, 1)));
    let html = render_html(&brief);
    let toks = tokenize(&html);
    let columns = column_texts(&toks);
    assert_eq!(columns[1], brief.articles[1].text);
    let map = cite_map(&toks);
    for (id, (art, span)) in &map.anchors {
        let a = ArticleId::parse(art).unwrap_or(ArticleId(usize::MAX));
        let text = brief.cited_text(&Cite::new(a, *span));
        assert!(text.is_some(), "anchor c{id} for an invalid span");
        assert_eq!(map.lit.get(id).map(String::as_str), text);
    }
}

/// The story section of the small fixture, frozen for review:
/// `UPDATE_EXPECT=1 cargo test -p dossier-render --test html` rewrites it.
#[test]
fn golden_story_section() {
    let html = render_html(&ferry_brief());
    let start = html.find("<main>").unwrap_or(0);
    let end = html
        .find("</main>")
        .map_or(html.len(), |e| e + "</main>".len());
    let actual = format!("{}\n", &html[start..end]);
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/data/render/html/ferry.expected.html"
    );
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(path, &actual).unwrap_or_else(|e| panic!("writing {path}: {e}"));
        return;
    }
    let expected = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{path}: {e}; run with UPDATE_EXPECT=1 to create it"));
    if expected != actual {
        let at = expected
            .bytes()
            .zip(actual.bytes())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.len().min(actual.len()));
        let around = |s: &str| {
            let from = (0..=at.saturating_sub(60))
                .rev()
                .find(|&i| s.is_char_boundary(i))
                .unwrap_or(0);
            let to = (at + 60..s.len())
                .find(|&i| s.is_char_boundary(i))
                .unwrap_or(s.len());
            s.get(from..to).unwrap_or("").to_string()
        };
        panic!(
            "{path} differs at line {}:\n  expected: …{:?}…\n  actual:   …{:?}…\n(run with UPDATE_EXPECT=1 to accept)",
            expected[..at.min(expected.len())].matches('\n').count() + 1,
            around(&expected),
            around(&actual)
        );
    }
}

/// Many random overlapping spans over multi-byte text (a fixed-seed LCG, so
/// the test is repeatable): each cite still lights exactly its own text.
#[test]
fn random_overlapping_spans_light_exactly_their_text() {
    let text = "Ärzte in Łódź berichten: 3 Verletzte — 東京 sources say “no”. 🚑 arrived at 07:10.\n\nZweiter Absatz mit <Zeichen> & ‘Quotes’.".to_string();
    let bounds: Vec<usize> = (0..=text.len())
        .filter(|&i| text.is_char_boundary(i))
        .collect();
    let mut seed: u64 = 0x5eed;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n
    };
    let mut facts = Vec::new();
    for k in 0..60 {
        let a = bounds[next(bounds.len())];
        let b = bounds[next(bounds.len())];
        let span = Span::new(a.min(b), a.max(b));
        facts.push(Fact {
            text: format!("fact {k}"),
            cites: vec![Cite::new(ArticleId(0), span)],
            sources: 1,
            independent_sources: 1,
            origins: vec![],
        });
    }
    let mut story = Story::new(StoryId(0), vec![ArticleId(0)]);
    story.headline = "Random spans".into();
    story.facts = facts;
    let brief = Brief {
        articles: vec![Article::new(ArticleId(0), "r.txt", text.clone())],
        stories: vec![story],
    };
    let toks = tokenize(&render_html(&brief));
    let map = cite_map(&toks);
    let distinct: BTreeSet<Span> = brief.stories[0]
        .facts
        .iter()
        .map(|f| f.cites[0].span)
        .collect();
    assert_eq!(map.anchors.len(), distinct.len());
    for (id, (_, span)) in &map.anchors {
        let expected = &text[span.start..span.end];
        let got = map.lit.get(id).map(String::as_str).unwrap_or("");
        assert_eq!(got, expected, "c{id} {}..{}", span.start, span.end);
    }
    assert_eq!(column_texts(&toks), [text]);
}

#[test]
fn odd_dates_and_missing_parts_do_not_break_the_page() {
    let mut a = Article::new(ArticleId(0), "", "Short.".into());
    a.meta.outlet = Some("   ".into());
    a.duplicate_of = Some(ArticleId(0));
    a.relays = vec![ArticleId(5), ArticleId(0)];
    let mut story = Story::new(StoryId(0), vec![ArticleId(0), ArticleId(9)]);
    let c = Cite::new(ArticleId(0), Span::new(0, 6));
    story.timeline = [Date::year(-4000), Date::year(9999), Date::year(2000)]
        .into_iter()
        .map(|date| TimelineEntry {
            date,
            inferred: false,
            text: String::new(),
            cites: vec![c],
        })
        .collect();
    story.period = Some(Period {
        from: Date::year(9999),
        to: Date::year(-4000),
    });
    story.conflicts = vec![Conflict {
        kind: Default::default(),
        about: String::new(),
        claims: vec![],
    }];
    story.facts = vec![Fact {
        text: String::new(),
        cites: vec![],
        sources: 0,
        independent_sources: 5,
        origins: vec![String::new()],
    }];
    let brief = Brief {
        articles: vec![a],
        stories: vec![story],
    };
    let html = render_html(&brief);
    let toks = tokenize(&html);
    assert_eq!(
        toks.iter()
            .filter(|t| t.is_start("g") && t.has_class("ev"))
            .count(),
        3
    );
    assert_eq!(column_texts(&toks), ["Short."]);
    for t in &toks {
        for k in [
            "x",
            "y",
            "cx",
            "cy",
            "width",
            "height",
            "d",
            "transform",
            "viewbox",
        ] {
            let v = t.attr(k).unwrap_or("");
            assert!(!v.contains("NaN") && !v.contains("inf"), "{k}={v:?}");
        }
    }
}
