//! Render a `dossier/1` JSON brief as the HTML report, for looking at the page
//! without wiring the CLI:
//!
//! ```sh
//! dossier digest --format json examples/corpus > /tmp/b.json
//! cargo run -p dossier-render --example html_from_json -- /tmp/b.json > /tmp/brief.html
//! ```
//!
//! The contract carries less than the model (no relays, no per-article
//! annotation layers), so the page drawn from it lacks the relay arrows.

use std::io::Read;

use dossier_model as m;
use dossier_render::json::{Cite, Document};

fn date(s: Option<&str>) -> Option<m::Date> {
    s.and_then(m::Date::parse_iso)
}

fn article_id(s: &str) -> m::ArticleId {
    m::ArticleId::parse(s).unwrap_or(m::ArticleId(usize::MAX))
}

fn cite(c: &Cite) -> m::Cite {
    m::Cite::new(article_id(&c.article), m::Span::new(c.start, c.end))
}

fn cites(cs: &[Cite]) -> Vec<m::Cite> {
    cs.iter().map(cite).collect()
}

fn kind(s: &str) -> m::EntityKind {
    match s {
        "person" => m::EntityKind::Person,
        "organization" => m::EntityKind::Organization,
        "place" => m::EntityKind::Place,
        _ => m::EntityKind::Other,
    }
}

fn reason(s: &str) -> m::JunkReason {
    m::JunkReason::ALL
        .into_iter()
        .find(|r| r.as_str() == s)
        .unwrap_or(m::JunkReason::Boilerplate)
}

fn to_model(doc: &Document) -> m::Brief {
    let articles = doc
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let mut art = m::Article::new(m::ArticleId(i), a.source.clone(), a.text.clone());
            art.meta = m::Metadata {
                title: a.title.clone(),
                outlet: a.outlet.clone(),
                author: a.author.clone(),
                published: date(a.published.as_deref()),
                url: a.url.clone(),
                language: a.language.clone(),
            };
            art.removed = a
                .removed
                .iter()
                .map(|r| m::RemovedLine {
                    text: r.text.clone(),
                    reason: reason(&r.reason),
                })
                .collect();
            art.sentences = a
                .sentences
                .iter()
                .map(|r| m::Span::new(r.start, r.end))
                .collect();
            art.duplicate_of = a.duplicate_of.as_deref().map(article_id);
            art
        })
        .collect();
    let stories = doc
        .stories
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut st = m::Story::new(
                m::StoryId(i),
                s.articles.iter().map(|a| article_id(a)).collect(),
            );
            st.headline = s.headline.clone();
            st.period = match (date(s.period.from.as_deref()), date(s.period.to.as_deref())) {
                (Some(from), Some(to)) => Some(m::Period { from, to }),
                _ => None,
            };
            st.summary = s
                .summary
                .iter()
                .map(|x| m::SummarySentence {
                    text: x.text.clone(),
                    cites: cites(&x.cites),
                })
                .collect();
            st.facts = s
                .facts
                .iter()
                .map(|f| m::Fact {
                    text: f.text.clone(),
                    cites: cites(&f.cites),
                    sources: f.sources,
                    independent_sources: f.independent_sources,
                    origins: f.origins.clone(),
                })
                .collect();
            st.conflicts = s
                .conflicts
                .iter()
                .map(|c| m::Conflict {
                    about: c.about.clone(),
                    kind: m::ConflictKind::parse(&c.kind).unwrap_or_default(),
                    claims: c
                        .claims
                        .iter()
                        .map(|cl| m::Side {
                            value: cl.value.clone(),
                            text: cl.text.clone(),
                            cite: cite(&cl.cite),
                        })
                        .collect(),
                })
                .collect();
            st.entities = s
                .entities
                .iter()
                .enumerate()
                .map(|(k, e)| m::Entity {
                    id: m::EntityId(k),
                    name: e.name.clone(),
                    kind: kind(&e.kind),
                    aliases: e.aliases.clone(),
                    mentions: cites(&e.mentions),
                })
                .collect();
            st.quotes = s
                .quotes
                .iter()
                .map(|q| m::StoryQuote {
                    text: q.text.clone(),
                    speaker: q.speaker.clone(),
                    speaker_entity: None,
                    via: q.via.clone(),
                    cite: cite(&q.cite),
                })
                .collect();
            st.timeline = s
                .timeline
                .iter()
                .filter_map(|t| {
                    Some(m::TimelineEntry {
                        date: m::Date::parse_iso(&t.date)?,
                        inferred: t.inferred,
                        text: t.text.clone(),
                        cites: cites(&t.cites),
                    })
                })
                .collect();
            st
        })
        .collect();
    m::Brief { articles, stories }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut input = String::new();
    match std::env::args().nth(1) {
        Some(path) => input = std::fs::read_to_string(&path)?,
        None => {
            std::io::stdin().read_to_string(&mut input)?;
        }
    }
    let doc: Document = serde_json::from_str(&input)?;
    let brief = to_model(&doc);
    if let Err(e) = brief.check_spans() {
        eprintln!("warning: {e}");
    }
    print!("{}", dossier_render::render_html(&brief));
    Ok(())
}
