//! Byte spans into an article's cleaned text, and citations that name the article.

use crate::ArticleId;

/// A half-open byte range `start..end` into an article's cleaned text.
///
/// Spans are always on UTF-8 character boundaries of the text they belong to;
/// [`crate::Article::check_spans`] asserts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// Does `self` lie wholly within `outer`?
    pub const fn within(&self, outer: Span) -> bool {
        self.start >= outer.start && self.end <= outer.end
    }

    pub const fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The text this span covers, or `None` if it is out of range or splits a character.
    /// Does the span hold byte `pos`?
    pub const fn contains_pos(&self, pos: usize) -> bool {
        self.start <= pos && pos < self.end
    }

    pub fn slice<'a>(&self, text: &'a str) -> Option<&'a str> {
        text.get(self.start..self.end)
    }

    /// Shift a span found in a slice of a text so it indexes the whole text.
    pub const fn offset(&self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }

    /// Check that the span is a valid, non-inverted, boundary-aligned range of `text`.
    pub fn check(&self, text: &str) -> Result<(), SpanError> {
        if self.start > self.end {
            return Err(SpanError::Inverted(*self));
        }
        if self.end > text.len() {
            return Err(SpanError::OutOfRange {
                span: *self,
                len: text.len(),
            });
        }
        if !text.is_char_boundary(self.start) || !text.is_char_boundary(self.end) {
            return Err(SpanError::NotCharBoundary(*self));
        }
        Ok(())
    }
}

/// A piece of evidence: a span of one article's cleaned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cite {
    pub article: ArticleId,
    pub span: Span,
}

impl Cite {
    pub const fn new(article: ArticleId, span: Span) -> Self {
        Cite { article, span }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpanError {
    #[error("span {}..{} is inverted", .0.start, .0.end)]
    Inverted(Span),
    #[error("span {}..{} runs past the end of a {len}-byte text", .span.start, .span.end)]
    OutOfRange { span: Span, len: usize },
    #[error("span {}..{} splits a UTF-8 character", .0.start, .0.end)]
    NotCharBoundary(Span),
    #[error("cite names article {0}, which is not in the brief")]
    UnknownArticle(ArticleId),
    #[error("{what} in {article}: {source}")]
    In {
        what: &'static str,
        article: ArticleId,
        #[source]
        source: Box<SpanError>,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_rejects_split_characters_and_overruns() {
        let text = "Café au lait";
        assert!(Span::new(0, 5).check(text).is_ok());
        assert_eq!(
            Span::new(0, 4).check(text),
            Err(SpanError::NotCharBoundary(Span::new(0, 4)))
        );
        assert!(matches!(
            Span::new(3, 99).check(text),
            Err(SpanError::OutOfRange { .. })
        ));
        assert!(matches!(
            Span::new(5, 3).check(text),
            Err(SpanError::Inverted(_))
        ));
    }

    #[test]
    fn within_and_overlaps() {
        let outer = Span::new(10, 20);
        assert!(Span::new(12, 20).within(outer));
        assert!(!Span::new(9, 12).within(outer));
        assert!(Span::new(19, 25).overlaps(outer));
        assert!(!Span::new(20, 25).overlaps(outer));
    }
}
