//! The `dossier/1` JSON contract (`shared/spec/dossier-json.md`) as serde types.
//!
//! These types are the wire format, kept apart from the domain model so that the
//! model can change without breaking the promise to other tools. Every field of
//! the contract is always present (`null` or `[]` when there is nothing to say);
//! fields may be added, never renamed or retyped, without bumping [`SCHEMA`].

use dossier_model as m;
use serde::{Deserialize, Serialize};

pub const SCHEMA: &str = "dossier/1";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub schema: String,
    pub generator: String,
    pub articles: Vec<Article>,
    pub stories: Vec<Story>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: String,
    pub source: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub language: String,
    pub text: String,
    pub removed: Vec<Removed>,
    pub sentences: Vec<Range>,
    pub duplicate_of: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Removed {
    pub text: String,
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Range {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cite {
    pub article: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Period {
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    pub id: String,
    pub headline: String,
    pub articles: Vec<String>,
    pub period: Period,
    pub summary: Vec<SummarySentence>,
    pub facts: Vec<Fact>,
    pub conflicts: Vec<Conflict>,
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
    pub timeline: Vec<TimelineEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummarySentence {
    pub text: String,
    pub cites: Vec<Cite>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    pub text: String,
    pub cites: Vec<Cite>,
    pub sources: usize,
    pub independent_sources: usize,
    pub origins: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    pub about: String,
    /// "contradiction", "figures differ" or "update" (sides oldest first).
    /// Added within dossier/1: older documents without it read as contradictions.
    #[serde(default = "contradiction")]
    pub kind: String,
    pub claims: Vec<Claim>,
}

fn contradiction() -> String {
    m::ConflictKind::Contradiction.as_str().to_string()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub value: String,
    pub text: String,
    pub cite: Cite,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub aliases: Vec<String>,
    pub mentions: Vec<Cite>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub text: String,
    pub speaker: Option<String>,
    pub speaker_entity: Option<String>,
    pub via: Option<String>,
    pub cite: Cite,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub date: String,
    pub precision: String,
    pub inferred: bool,
    pub text: String,
    pub cites: Vec<Cite>,
}

/// One line of `dossier summarize` output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterSummary {
    pub id: String,
    pub summary: String,
}

fn cite(c: &m::Cite) -> Cite {
    Cite {
        article: c.article.to_string(),
        start: c.span.start,
        end: c.span.end,
    }
}

fn cites(cs: &[m::Cite]) -> Vec<Cite> {
    cs.iter().map(cite).collect()
}

impl Article {
    pub fn from_model(a: &m::Article) -> Article {
        Article {
            id: a.id.to_string(),
            source: a.source.clone(),
            title: a.meta.title.clone(),
            outlet: a.meta.outlet.clone(),
            author: a.meta.author.clone(),
            published: a.meta.published.map(|d| d.to_string()),
            url: a.meta.url.clone(),
            language: a.meta.language.clone(),
            text: a.text.clone(),
            removed: a
                .removed
                .iter()
                .map(|r| Removed {
                    text: r.text.clone(),
                    reason: r.reason.as_str().to_string(),
                })
                .collect(),
            sentences: a
                .sentences
                .iter()
                .map(|s| Range {
                    start: s.start,
                    end: s.end,
                })
                .collect(),
            duplicate_of: a.duplicate_of.map(|d| d.to_string()),
        }
    }
}

impl Story {
    pub fn from_model(s: &m::Story) -> Story {
        Story {
            id: s.id.to_string(),
            headline: s.headline.clone(),
            articles: s.articles.iter().map(ToString::to_string).collect(),
            period: Period {
                from: s.period.map(|p| p.from.to_string()),
                to: s.period.map(|p| p.to.to_string()),
            },
            summary: s
                .summary
                .iter()
                .map(|x| SummarySentence {
                    text: x.text.clone(),
                    cites: cites(&x.cites),
                })
                .collect(),
            facts: s
                .facts
                .iter()
                .map(|f| Fact {
                    text: f.text.clone(),
                    cites: cites(&f.cites),
                    sources: f.sources,
                    independent_sources: f.independent_sources,
                    origins: f.origins.clone(),
                })
                .collect(),
            conflicts: s
                .conflicts
                .iter()
                .map(|c| Conflict {
                    about: c.about.clone(),
                    kind: c.kind.as_str().to_string(),
                    claims: c
                        .claims
                        .iter()
                        .map(|cl| Claim {
                            value: cl.value.clone(),
                            text: cl.text.clone(),
                            cite: cite(&cl.cite),
                        })
                        .collect(),
                })
                .collect(),
            entities: s
                .entities
                .iter()
                .map(|e| Entity {
                    id: e.id.to_string(),
                    name: e.name.clone(),
                    kind: e.kind.as_str().to_string(),
                    aliases: e.aliases.clone(),
                    mentions: cites(&e.mentions),
                })
                .collect(),
            quotes: s
                .quotes
                .iter()
                .map(|q| Quote {
                    text: q.text.clone(),
                    speaker: q.speaker.clone(),
                    speaker_entity: q.speaker_entity.map(|e| e.to_string()),
                    via: q.via.clone(),
                    cite: cite(&q.cite),
                })
                .collect(),
            timeline: s
                .timeline
                .iter()
                .map(|t| TimelineEntry {
                    date: t.date.to_string(),
                    precision: t.date.precision().as_str().to_string(),
                    inferred: t.inferred,
                    text: t.text.clone(),
                    cites: cites(&t.cites),
                })
                .collect(),
        }
    }
}

impl Document {
    pub fn from_brief(brief: &m::Brief, generator: &str) -> Document {
        Document {
            schema: SCHEMA.to_string(),
            generator: generator.to_string(),
            articles: brief.articles.iter().map(Article::from_model).collect(),
            stories: brief.stories.iter().map(Story::from_model).collect(),
        }
    }
}

/// Serialise a brief as one pretty-printed `dossier/1` JSON document.
pub fn brief_to_json(brief: &m::Brief, generator: &str) -> String {
    // Serialising plain structs of strings and numbers cannot fail.
    serde_json::to_string_pretty(&Document::from_brief(brief, generator)).unwrap_or_default()
}

/// One article as a compact JSON line, for `dossier clean --format json`.
pub fn article_to_json_line(a: &m::Article) -> String {
    serde_json::to_string(&Article::from_model(a)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_model::{ArticleId, Brief, Date, Span, StoryId};

    #[test]
    fn every_contract_field_is_present_even_when_empty() {
        let mut a = m::Article::new(ArticleId(0), "x.txt", "Text.".into());
        a.meta.published = Date::ymd(2031, 6, 9);
        a.sentences = vec![Span::new(0, 5)];
        let brief = Brief {
            articles: vec![a],
            stories: vec![m::Story::new(StoryId(0), vec![ArticleId(0)])],
        };
        let v: serde_json::Value =
            serde_json::from_str(&brief_to_json(&brief, "dossier 0")).unwrap();
        for key in [
            "id",
            "source",
            "title",
            "outlet",
            "author",
            "published",
            "url",
            "language",
            "text",
            "removed",
            "sentences",
            "duplicate_of",
        ] {
            assert!(v["articles"][0].get(key).is_some(), "article lacks {key}");
        }
        for key in [
            "id",
            "headline",
            "articles",
            "period",
            "summary",
            "facts",
            "conflicts",
            "entities",
            "quotes",
            "timeline",
        ] {
            assert!(v["stories"][0].get(key).is_some(), "story lacks {key}");
        }
        assert_eq!(v["stories"][0]["period"]["from"], serde_json::Value::Null);
        assert_eq!(v["articles"][0]["published"], "2031-06-09");
        assert_eq!(v["schema"], "dossier/1");
    }
}
