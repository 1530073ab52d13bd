//! Lines a site repeats on many of its pages: the furniture that page-level
//! rules miss (a newsletter pitch, an author box, a legal notice), learned
//! from the pile itself.
//!
//! When a folder or a WARC holds several pages of one site, a line that
//! recurs verbatim on a good share of them is not any one article's text.
//! [`crate::ingest_paths`] learns these lines from a first read and cleans the
//! affected inputs again with them, so they are removed in document order and
//! reported as `boilerplate` like every other removed line.
//!
//! Sentences are never learned (outlets reuse background paragraphs across
//! follow-ups). Copies of one story must keep their text: identical texts count once, and
//! [`crate::clean`] leaves a page untouched when the learned lines would take
//! away a large part of it (a near-copy of another page, not furniture).

use dossier_model::Article;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::clean::{is_prose, norm};

/// A site needs this many distinct pages before any of its lines is learned.
const MIN_PAGES: usize = 3;
/// A line must be on at least this share of a site's distinct pages.
const MIN_SHARE: f64 = 0.25;
/// Furniture is short: longer lines are left to the page-level rules.
const MAX_WORDS: usize = 80;

/// The learned lines of each site (normalised as the cleaner compares lines), keyed by
/// [`site_of`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteBoilerplate {
    by_site: FxHashMap<String, FxHashSet<String>>,
}

impl SiteBoilerplate {
    /// Learn from articles already read and cleaned.
    pub fn learn<'a>(articles: impl IntoIterator<Item = &'a Article>) -> SiteBoilerplate {
        // site -> distinct texts (copies count once) -> their lines.
        let mut pages: FxHashMap<String, FxHashSet<&'a str>> = FxHashMap::default();
        for a in articles {
            if let Some(site) = site_of(a.meta.url.as_deref()) {
                pages.entry(site).or_default().insert(a.text.as_str());
            }
        }
        let mut by_site = FxHashMap::default();
        for (site, texts) in pages {
            if texts.len() < MIN_PAGES {
                continue;
            }
            let mut df: FxHashMap<String, usize> = FxHashMap::default();
            for text in &texts {
                let lines: FxHashSet<String> = text
                    .lines()
                    // One-word labels ("Pros", "Price") and bare numbers
                    // ("9.5 /10") repeat because templates and facts do, not
                    // because they are furniture: two words or more. And
                    // sentences stay: an outlet reuses its background
                    // paragraphs across follow-ups of one story.
                    .filter(|l| !is_prose(l))
                    .filter(|l| {
                        let words = l.split_whitespace().count();
                        let wordy = l
                            .split_whitespace()
                            .filter(|w| w.chars().any(char::is_alphabetic))
                            .count();
                        wordy >= 2 && words <= MAX_WORDS
                    })
                    .map(norm)
                    .filter(|k| !k.is_empty())
                    .collect();
                for k in lines {
                    *df.entry(k).or_default() += 1;
                }
            }
            let need = MIN_PAGES.max((texts.len() as f64 * MIN_SHARE).ceil() as usize);
            let learned: FxHashSet<String> = df
                .into_iter()
                .filter(|&(_, n)| n >= need)
                .map(|(k, _)| k)
                .collect();
            if !learned.is_empty() {
                by_site.insert(site, learned);
            }
        }
        SiteBoilerplate { by_site }
    }

    pub fn is_empty(&self) -> bool {
        self.by_site.is_empty()
    }

    /// The learned lines of `site` (a [`site_of`] key).
    pub fn lines_of(&self, site: &str) -> Option<&FxHashSet<String>> {
        self.by_site.get(site)
    }

    /// Whether an article's site has learned lines.
    pub fn covers(&self, a: &Article) -> bool {
        site_of(a.meta.url.as_deref()).is_some_and(|s| self.by_site.contains_key(&s))
    }
}

/// The site of a page: its URL's host, lower-cased, without `www.`.
pub fn site_of(url: Option<&str>) -> Option<String> {
    let rest = url?.trim().split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    // Drop credentials and the port.
    let host = host.rsplit('@').next()?.split(':').next()?;
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    (!host.is_empty()).then(|| host.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_model::ArticleId;

    fn page(i: usize, url: &str, text: &str) -> Article {
        let mut a = Article::new(ArticleId(i), format!("p{i}.html"), text.to_string());
        a.meta.url = Some(url.to_string());
        a
    }

    #[test]
    fn sites_are_hosts() {
        assert_eq!(
            site_of(Some("https://www.News.example:8080/a/b?c")).as_deref(),
            Some("news.example")
        );
        assert_eq!(site_of(Some("news.example/a")), None);
        assert_eq!(site_of(None), None);
    }

    #[test]
    fn a_line_on_most_pages_of_a_site_is_learned_and_copies_count_once() {
        let pitch = "Get the morning briefing in your inbox.";
        let pages = [
            page(
                0,
                "https://a.example/1",
                &format!("Ferries run late.\n\n{pitch}"),
            ),
            page(
                1,
                "https://a.example/2",
                &format!("Bridge reopens.\n\n{pitch}"),
            ),
            page(
                2,
                "https://a.example/3",
                &format!("Harbour dredged.\n\n{pitch}"),
            ),
            // Three copies of one story on another site: one distinct page.
            page(3, "https://b.example/1", "Same story.\n\nSame second line."),
            page(4, "https://b.example/2", "Same story.\n\nSame second line."),
            page(5, "https://b.example/3", "Same story.\n\nSame second line."),
        ];
        let learned = SiteBoilerplate::learn(&pages);
        let a = learned.lines_of("a.example").map(|s| s.len());
        assert_eq!(a, Some(1));
        assert!(learned
            .lines_of("a.example")
            .is_some_and(|s| s.contains(&norm(pitch))));
        assert_eq!(learned.lines_of("b.example"), None);
        assert!(learned.covers(&pages[0]) && !learned.covers(&pages[3]));
    }
}
