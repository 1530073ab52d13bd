//! One news article: its metadata, its cleaned text, and the annotations stages add.

use std::fmt;

use crate::{Claim, Date, Span, SpanError};

/// An article's position in the input, 0-based. Displayed as `a1`, `a2`, ...
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ArticleId(pub usize);

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a{}", self.0 + 1)
    }
}

impl ArticleId {
    /// Parse the display form `aN` back.
    pub fn parse(s: &str) -> Option<ArticleId> {
        let n: usize = s.strip_prefix('a')?.parse().ok()?;
        n.checked_sub(1).map(ArticleId)
    }
}

/// What the page or record says about the article, apart from its text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub published: Option<Date>,
    pub url: Option<String>,
    /// ISO 639-1 code.
    pub language: String,
}

/// Why cleaning removed a line. Serialised as the kebab-case word of
/// [`JunkReason::as_str`]; the list is documented in the JSON contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JunkReason {
    CommentWidget,
    SharePrompt,
    Footer,
    Navigation,
    Advertisement,
    PhotoCredit,
    RelatedLinks,
    SubscriptionPrompt,
    CookiePrompt,
    Boilerplate,
}

impl JunkReason {
    pub const ALL: [JunkReason; 10] = [
        JunkReason::CommentWidget,
        JunkReason::SharePrompt,
        JunkReason::Footer,
        JunkReason::Navigation,
        JunkReason::Advertisement,
        JunkReason::PhotoCredit,
        JunkReason::RelatedLinks,
        JunkReason::SubscriptionPrompt,
        JunkReason::CookiePrompt,
        JunkReason::Boilerplate,
    ];

    pub const fn as_str(&self) -> &'static str {
        match self {
            JunkReason::CommentWidget => "comment-widget",
            JunkReason::SharePrompt => "share-prompt",
            JunkReason::Footer => "footer",
            JunkReason::Navigation => "navigation",
            JunkReason::Advertisement => "advertisement",
            JunkReason::PhotoCredit => "photo-credit",
            JunkReason::RelatedLinks => "related-links",
            JunkReason::SubscriptionPrompt => "subscription-prompt",
            JunkReason::CookiePrompt => "cookie-prompt",
            JunkReason::Boilerplate => "boilerplate",
        }
    }
}

/// A line that cleaning took out of the text, kept so nothing vanishes silently.
#[derive(Debug, Clone, PartialEq)]
pub struct RemovedLine {
    pub text: String,
    pub reason: JunkReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    Other,
}

impl EntityKind {
    pub const fn as_str(&self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
            EntityKind::Other => "other",
        }
    }
}

/// A named entity as it appears in one article.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub span: Span,
    pub kind: EntityKind,
    /// Another surface form this mention was declared equal to in the same text,
    /// e.g. the expansion of an acronym defined in parentheses.
    pub defined_as: Option<Span>,
}

/// A date the text refers to.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeMention {
    pub span: Span,
    pub date: Date,
    /// The end of a range ("between June 9 and 13"), if any.
    pub until: Option<Date>,
    /// True when the date was resolved from a relative expression, or against a
    /// reference date that was itself inferred.
    pub inferred: bool,
}

/// Words in quotation marks, with who said them and who relayed them.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// The quoted words, without the quotation marks.
    pub span: Span,
    /// The speaker as named in the text.
    pub speaker: Option<Span>,
    /// The relay: "told BBC", "according to AFP" gives the span of "BBC"/"AFP".
    pub via: Option<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuantityModifier {
    Exact,
    AtLeast,
    MoreThan,
    AtMost,
    LessThan,
    About,
    Between,
}

/// A number in the text, normalised, with the thing it counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    pub span: Span,
    pub value: f64,
    /// Upper bound for ranges ("between 4,000 and 6,000").
    pub high: Option<f64>,
    pub modifier: QuantityModifier,
    /// The head word of what is counted ("commanders" in "three top commanders"),
    /// lower-cased, or `None` when the number stands alone.
    pub counted: Option<String>,
    /// True for percentages.
    pub percent: bool,
}

/// One news article. Every span in it indexes `text`.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    pub id: ArticleId,
    /// Where it came from: a path as given, `stdin`, or `FILE#LINE`.
    pub source: String,
    pub meta: Metadata,
    /// The cleaned main text; paragraphs separated by a blank line.
    pub text: String,
    pub removed: Vec<RemovedLine>,
    /// The title's span in `text`, when the title is also the text's first line.
    pub title_span: Option<Span>,
    pub sentences: Vec<Span>,
    pub mentions: Vec<Mention>,
    pub times: Vec<TimeMention>,
    pub quotes: Vec<Quote>,
    pub quantities: Vec<Quantity>,
    /// What the text states, clause by clause (see [`Claim`]).
    pub claims: Vec<Claim>,
    /// Set by copy detection: the earlier article this one copies.
    pub duplicate_of: Option<ArticleId>,
    /// Set by copy detection: earlier articles this one quotes at length.
    pub relays: Vec<ArticleId>,
}

impl Article {
    pub fn new(id: ArticleId, source: impl Into<String>, text: String) -> Article {
        Article {
            id,
            source: source.into(),
            meta: Metadata {
                language: "en".into(),
                ..Metadata::default()
            },
            text,
            removed: Vec::new(),
            title_span: None,
            sentences: Vec::new(),
            mentions: Vec::new(),
            times: Vec::new(),
            quotes: Vec::new(),
            quantities: Vec::new(),
            claims: Vec::new(),
            duplicate_of: None,
            relays: Vec::new(),
        }
    }

    /// The text of a span of this article, or `None` when the span is invalid.
    pub fn slice(&self, span: Span) -> Option<&str> {
        span.slice(&self.text)
    }

    /// The text of a span, or "" when it is invalid. For display code that
    /// must never panic; validity is asserted by [`Article::check_spans`].
    pub fn text_of(&self, span: Span) -> &str {
        span.slice(&self.text).unwrap_or("")
    }

    /// The index of the sentence containing byte `pos`, if any.
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= pos);
        self.sentences
            .get(i)
            .filter(|s| s.start <= pos && pos < s.end)
            .map(|_| i)
    }

    /// The display name of the outlet, falling back to the source.
    pub fn outlet_or_source(&self) -> &str {
        self.meta.outlet.as_deref().unwrap_or(&self.source)
    }

    /// Check the article's invariant: every span slices `text` on character
    /// boundaries, and sentences are in order without overlap.
    pub fn check_spans(&self) -> Result<(), SpanError> {
        let wrap = |what: &'static str, e: SpanError| SpanError::In {
            what,
            article: self.id,
            source: Box::new(e),
        };
        let t = &self.text;
        let mut last_end = 0;
        for s in &self.sentences {
            s.check(t).map_err(|e| wrap("sentence", e))?;
            if s.start < last_end {
                return Err(wrap("sentence", SpanError::Inverted(*s)));
            }
            last_end = s.end;
        }
        if let Some(s) = self.title_span {
            s.check(t).map_err(|e| wrap("title", e))?;
        }
        for m in &self.mentions {
            m.span.check(t).map_err(|e| wrap("mention", e))?;
            if let Some(d) = m.defined_as {
                d.check(t).map_err(|e| wrap("mention definition", e))?;
            }
        }
        for d in &self.times {
            d.span.check(t).map_err(|e| wrap("date", e))?;
        }
        for q in &self.quotes {
            q.span.check(t).map_err(|e| wrap("quote", e))?;
            for s in q.speaker.iter().chain(q.via.iter()) {
                s.check(t).map_err(|e| wrap("quote speaker", e))?;
            }
        }
        for q in &self.quantities {
            q.span.check(t).map_err(|e| wrap("quantity", e))?;
        }
        for c in &self.claims {
            c.span.check(t).map_err(|e| wrap("claim", e))?;
            for s in c.predicate.iter().chain(&c.speaker).chain(&c.via) {
                s.check(t).map_err(|e| wrap("claim slot", e))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_ids_display_one_based_and_parse_back() {
        assert_eq!(ArticleId(0).to_string(), "a1");
        assert_eq!(ArticleId::parse("a12"), Some(ArticleId(11)));
        assert_eq!(ArticleId::parse("a0"), None);
        assert_eq!(ArticleId::parse("s1"), None);
    }

    #[test]
    fn sentence_at_finds_the_containing_sentence() {
        let mut a = Article::new(ArticleId(0), "t", "One. Two. Three.".into());
        a.sentences = vec![Span::new(0, 4), Span::new(5, 9), Span::new(10, 16)];
        assert_eq!(a.sentence_at(6), Some(1));
        assert_eq!(a.sentence_at(4), None);
        assert_eq!(a.sentence_at(15), Some(2));
    }

    #[test]
    fn check_spans_reports_the_article_and_the_layer() {
        let mut a = Article::new(ArticleId(2), "t", "Zürich".into());
        a.sentences = vec![Span::new(0, 2)];
        let err = a.check_spans().unwrap_err().to_string();
        assert!(err.contains("sentence in a3"), "{err}");
    }
}
