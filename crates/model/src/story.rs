//! Stories (groups of articles about one event) and what synthesis says about them.

use std::fmt;

use crate::{Article, ArticleId, Cite, Date, EntityKind, SpanError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StoryId(pub usize);

impl fmt::Display for StoryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "s{}", self.0 + 1)
    }
}

/// An entity's index within its story, displayed as `e1`, `e2`, ...
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntityId(pub usize);

impl fmt::Display for EntityId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "e{}", self.0 + 1)
    }
}

/// The earliest and latest dates a story's events span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: Date,
    pub to: Date,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SummarySentence {
    pub text: String,
    /// Every span that supports the sentence, from all articles; the first is
    /// the span the sentence was taken from.
    pub cites: Vec<Cite>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    pub text: String,
    pub cites: Vec<Cite>,
    /// Distinct articles that state it.
    pub sources: usize,
    /// Sources left after merging copies and relays of one origin.
    pub independent_sources: usize,
    /// Named upstream sources it was relayed from.
    pub origins: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Side {
    pub value: String,
    pub text: String,
    pub cite: Cite,
}

/// How the sides of a conflict differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ConflictKind {
    /// The sides cannot both be true: a different day, place, outcome or
    /// negation of the same claim.
    #[default]
    Contradiction,
    /// Different figures for the same count; both could be true (rounding,
    /// "more than 400" against "550"), but a reader should see the discrepancy.
    FiguresDiffer,
    /// A later report revises an earlier one (a new toll); sides oldest first.
    Update,
}

impl ConflictKind {
    pub const fn as_str(&self) -> &'static str {
        match self {
            ConflictKind::Contradiction => "contradiction",
            ConflictKind::FiguresDiffer => "figures differ",
            ConflictKind::Update => "update",
        }
    }

    pub fn parse(s: &str) -> Option<ConflictKind> {
        [
            ConflictKind::Contradiction,
            ConflictKind::FiguresDiffer,
            ConflictKind::Update,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub about: String,
    pub kind: ConflictKind,
    pub claims: Vec<Side>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    pub id: EntityId,
    pub name: String,
    pub kind: EntityKind,
    /// Other surface forms, the canonical name excluded.
    pub aliases: Vec<String>,
    pub mentions: Vec<Cite>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StoryQuote {
    pub text: String,
    pub speaker: Option<String>,
    pub speaker_entity: Option<EntityId>,
    pub via: Option<String>,
    pub cite: Cite,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TimelineEntry {
    pub date: Date,
    pub inferred: bool,
    pub text: String,
    pub cites: Vec<Cite>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Story {
    pub id: StoryId,
    pub headline: String,
    pub articles: Vec<ArticleId>,
    pub period: Option<Period>,
    pub summary: Vec<SummarySentence>,
    pub facts: Vec<Fact>,
    pub conflicts: Vec<Conflict>,
    pub entities: Vec<Entity>,
    pub quotes: Vec<StoryQuote>,
    pub timeline: Vec<TimelineEntry>,
}

impl Story {
    pub fn new(id: StoryId, articles: Vec<ArticleId>) -> Story {
        Story {
            id,
            headline: String::new(),
            articles,
            period: None,
            summary: Vec::new(),
            facts: Vec::new(),
            conflicts: Vec::new(),
            entities: Vec::new(),
            quotes: Vec::new(),
            timeline: Vec::new(),
        }
    }

    /// Every cite the story makes, for validation.
    pub fn cites(&self) -> impl Iterator<Item = &Cite> {
        self.summary
            .iter()
            .flat_map(|s| &s.cites)
            .chain(self.facts.iter().flat_map(|f| &f.cites))
            .chain(
                self.conflicts
                    .iter()
                    .flat_map(|c| c.claims.iter().map(|c| &c.cite)),
            )
            .chain(self.entities.iter().flat_map(|e| &e.mentions))
            .chain(self.quotes.iter().map(|q| &q.cite))
            .chain(self.timeline.iter().flat_map(|t| &t.cites))
    }
}

/// The whole output of a digest: every input article and the stories built from them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Brief {
    /// In input order; `articles[i].id == ArticleId(i)`.
    pub articles: Vec<Article>,
    /// Largest story first.
    pub stories: Vec<Story>,
}

impl Brief {
    pub fn article(&self, id: ArticleId) -> Option<&Article> {
        self.articles.get(id.0).filter(|a| a.id == id)
    }

    /// Articles with text: an input cleaning emptied is listed for what was
    /// removed from it, but is not an article the brief read.
    pub fn articles_read(&self) -> usize {
        self.articles.iter().filter(|a| !a.text.is_empty()).count()
    }

    /// The text a cite points at, or `None` if the cite is invalid.
    pub fn cited_text(&self, cite: &Cite) -> Option<&str> {
        self.article(cite.article)?.slice(cite.span)
    }

    /// Check the model's central invariant: every span of every article, and
    /// every cite of every story, slices an article's text on character boundaries.
    pub fn check_spans(&self) -> Result<(), SpanError> {
        for a in &self.articles {
            a.check_spans()?;
        }
        for cite in self.stories.iter().flat_map(Story::cites) {
            let article = self
                .article(cite.article)
                .ok_or(SpanError::UnknownArticle(cite.article))?;
            cite.span.check(&article.text).map_err(|e| SpanError::In {
                what: "cite",
                article: cite.article,
                source: Box::new(e),
            })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Span;

    #[test]
    fn brief_check_spans_catches_a_cite_to_a_missing_article() {
        let mut brief = Brief {
            articles: vec![Article::new(ArticleId(0), "x", "Text here.".into())],
            stories: vec![Story::new(StoryId(0), vec![ArticleId(0)])],
        };
        brief.stories[0].summary.push(SummarySentence {
            text: "Text here.".into(),
            cites: vec![Cite::new(ArticleId(0), Span::new(0, 10))],
        });
        assert!(brief.check_spans().is_ok());
        brief.stories[0].summary[0]
            .cites
            .push(Cite::new(ArticleId(1), Span::new(0, 1)));
        assert_eq!(
            brief.check_spans(),
            Err(SpanError::UnknownArticle(ArticleId(1)))
        );
    }
}
