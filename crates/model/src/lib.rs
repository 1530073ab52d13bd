//! The dossier document model.
//!
//! An [`Article`] owns its cleaned text, and every annotation a later stage adds
//! (sentences, entity mentions, dates, quotes, quantities) is a [`Span`]: a byte
//! range into that text. A [`Cite`] is a span plus the article it belongs to, so
//! the evidence behind any summary sentence, fact or conflict is always
//! `article.text[cite.span]`, exactly.
//!
//! **Architecture invariant:** this crate does no I/O and knows nothing of JSON;
//! the wire format lives at the edge (`dossier-render`).
//!
//! ```
//! use dossier_model::{Article, ArticleId, Span};
//! let mut a = Article::new(ArticleId(0), "stdin", "Derna fell. Fighting stopped.".into());
//! a.sentences = vec![Span::new(0, 11), Span::new(12, 29)];
//! assert_eq!(a.slice(a.sentences[1]), Some("Fighting stopped."));
//! assert!(a.check_spans().is_ok());
//! ```

mod article;
mod claim;
mod date;
mod span;
mod story;

pub use article::{
    Article, ArticleId, EntityKind, JunkReason, Mention, Metadata, Quantity, QuantityModifier,
    Quote, RemovedLine, TimeMention,
};
pub use claim::Claim;
pub use date::{Date, Precision};
pub use span::{Cite, Span, SpanError};
pub use story::{
    Brief, Conflict, ConflictKind, Entity, EntityId, Fact, Period, Side, Story, StoryId,
    StoryQuote, SummarySentence, TimelineEntry,
};
