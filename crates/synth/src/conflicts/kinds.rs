//! What the reports of one story count under different nouns.
//!
//! "At least 19 people had been killed" in one report and "the 19
//! Palestinians killed" in another count the same dead: when two aligned
//! claims about one event give the same figure for two nouns, the story uses
//! those nouns for one thing, and a third report's "29 Palestinians" is a
//! rival to "19 people". Learnt per story, from its own claims, never from a
//! list: elsewhere "people" and "Palestinians" may count different groups.

use std::collections::HashMap;

/// Equal figures below this prove little: "three" of two nouns is often
/// two different threes.
const TELLING_FIGURE: f64 = 5.0;

/// Classes of counted nouns a story uses for one thing (a union-find).
#[derive(Debug, Default)]
pub(super) struct Kinds {
    parent: HashMap<String, String>,
}

impl Kinds {
    /// The name a kind goes by in the story: the shortest of its class
    /// ("people" before "palestinians").
    pub fn canonical(&self, kind: &str) -> String {
        let mut k = kind.to_string();
        while let Some(p) = self.parent.get(&k) {
            if *p == k {
                break;
            }
            k = p.clone();
        }
        k
    }

    /// Two nouns counted the same figure of the same event in aligned claims.
    pub fn learn(&mut self, x: &str, y: &str, value: f64) {
        if value < TELLING_FIGURE {
            return;
        }
        self.learn_tally(x, y);
    }

    /// Two nouns that each name the event both aligned claims report
    /// ("votes", "signatures" of one petition) count its one tally.
    pub fn learn_tally(&mut self, x: &str, y: &str) {
        // A size is one thing's, not a count; a ceiling ("up to 40,000
        // reservists") is a count only of other ceilings.
        let ceiling = |k: &str| k.starts_with("ceiling of ");
        if x.starts_with("size of ") || y.starts_with("size of ") || ceiling(x) != ceiling(y) {
            return;
        }
        let (rx, ry) = (self.canonical(x), self.canonical(y));
        if rx == ry {
            return;
        }
        let (keep, away) = if (rx.len(), &rx) <= (ry.len(), &ry) {
            (rx, ry)
        } else {
            (ry, rx)
        };
        self.parent.insert(keep.clone(), keep.clone());
        self.parent.insert(away, keep);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nouns_that_counted_one_figure_share_the_shortest_name() {
        let mut k = Kinds::default();
        k.learn("palestinians", "people", 19.0);
        k.learn("residents", "palestinians", 19.0);
        assert_eq!(k.canonical("residents"), "people");
        assert_eq!(k.canonical("palestinians"), "people");
        assert_eq!(k.canonical("rockets"), "rockets");
    }

    #[test]
    fn small_figures_sizes_and_ceilings_teach_nothing() {
        let mut k = Kinds::default();
        k.learn("israelis", "people", 3.0);
        k.learn("size of delegation", "people", 400.0);
        k.learn_tally("ceiling of reservists", "reservists");
        assert_eq!(
            k.canonical("ceiling of reservists"),
            "ceiling of reservists"
        );
        assert_eq!(k.canonical("israelis"), "israelis");
        assert_eq!(k.canonical("size of delegation"), "size of delegation");
    }
}
