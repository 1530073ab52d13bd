//! Analysed articles kept in memory between syntheses.
//!
//! The store keeps articles as cleaned text, not their analysis (sentences,
//! entities, dates, quotes, claims). Synthesising a story again after it
//! gains an article needs every member analysed, and analysis is most of the
//! cost: without this cache a story of n articles is analysed n times over
//! as it grows, and a long feed slows down as its stories grow. A stored
//! article never changes (rows are keyed by content), so an analysis stays
//! valid for as long as it is kept.

use std::collections::{HashMap, VecDeque};

use dossier_model::Article;

/// Analysed articles kept: a story being updated is a recent one, so its
/// members are mostly among the last few thousand articles touched. At a few
/// tens of kilobytes each, this bounds the cache to a few hundred megabytes.
pub(crate) const CAPACITY: usize = 8_000;

/// A bounded map from article row to its analysed article; the oldest
/// insertion goes first when full.
#[derive(Debug)]
pub(crate) struct AnalysedCache {
    capacity: usize,
    by_row: HashMap<i64, Article>,
    order: VecDeque<i64>,
}

impl Default for AnalysedCache {
    fn default() -> Self {
        AnalysedCache::with_capacity(CAPACITY)
    }
}

impl AnalysedCache {
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        AnalysedCache {
            capacity,
            by_row: HashMap::new(),
            order: VecDeque::new(),
        }
    }

    pub(crate) fn get(&self, row: i64) -> Option<&Article> {
        self.by_row.get(&row)
    }

    /// Keep the analysis of article `row`, making room if full.
    pub(crate) fn insert(&mut self, row: i64, article: Article) {
        if self.capacity == 0 {
            return;
        }
        if self.by_row.insert(row, article).is_none() {
            self.order.push_back(row);
        }
        while self.by_row.len() > self.capacity {
            let Some(old) = self.order.pop_front() else {
                break;
            };
            self.by_row.remove(&old);
        }
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.by_row.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_model::ArticleId;

    fn art(n: usize) -> Article {
        Article::new(ArticleId(n), "t", format!("Article number {n}."))
    }

    #[test]
    fn keeps_what_it_was_given_and_drops_the_oldest_when_full() {
        let mut c = AnalysedCache::with_capacity(2);
        c.insert(1, art(1));
        c.insert(2, art(2));
        c.insert(1, art(1));
        assert_eq!(c.len(), 2);
        c.insert(3, art(3));
        assert_eq!(c.len(), 2);
        assert!(c.get(1).is_none(), "the oldest insertion went first");
        assert_eq!(c.get(3).map(|a| a.text.as_str()), Some("Article number 3."));
    }

    #[test]
    fn a_cache_of_no_room_keeps_nothing() {
        let mut c = AnalysedCache::with_capacity(0);
        c.insert(1, art(1));
        assert_eq!(c.len(), 0);
    }
}
