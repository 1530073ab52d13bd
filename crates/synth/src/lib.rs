//! Story synthesis: from the analysed articles of one story, the brief a reader
//! trusts — a cited summary within a word budget, facts with independent-source
//! counts, conflicts, a timeline, entities with their aliases, quotes, and a
//! headline.
//!
//! Needs: articles analysed by `dossier_analyze::Pipeline::standard()` (sentences,
//! mentions, times, quotes, quantities) and copies marked by
//! `dossier_cluster::mark_copies`.
//!
//! **Architecture invariant:** every summary sentence, fact, claim, quote and
//! timeline entry carries at least one cite, and every cite is a span of an
//! article's cleaned text.

mod align;
mod conflicts;
mod facts;
mod sentences;
mod summary;
mod timeline;

use dossier_model::{Article, ArticleId, Cite, Date, Entity, EntityId, Story, StoryId, StoryQuote};

pub use align::Aligned;
pub use conflicts::conflicts;
pub use facts::{facts, independent_sources, origins_in};
pub use sentences::Pool;
pub use summary::{features, SummaryWeights, FEATURES, FEATURE_NAMES};
pub use timeline::{period, reference_date, timeline};

/// Default summary budget, in words.
pub const DEFAULT_WORDS: usize = 250;

#[derive(Debug, Clone)]
pub struct SynthOptions {
    /// The summary's word budget.
    pub words: usize,
    /// How the summary weighs its signals.
    pub weights: SummaryWeights,
}

impl Default for SynthOptions {
    fn default() -> Self {
        SynthOptions {
            words: DEFAULT_WORDS,
            weights: SummaryWeights::for_readers(),
        }
    }
}

/// Resolve the relative dates of articles that have no publication date against
/// their story's reference date: the median publication date of the others, or,
/// when none has one, the median of the dates their texts name in full (for
/// articles that name none themselves). The results are marked inferred.
pub fn anchor_dates(articles: &mut [Article], members: &[ArticleId]) {
    let member = |id: &ArticleId| articles.get(id.0);
    let mut published: Vec<Date> = members
        .iter()
        .filter_map(|id| member(id).and_then(|a| a.meta.published))
        .collect();
    published.sort();
    if let Some(&reference) = published.get(published.len() / 2) {
        for id in members {
            if let Some(a) = articles.get_mut(id.0) {
                if a.meta.published.is_none() {
                    dossier_analyze::dates::reanchor(a, reference);
                }
            }
        }
        return;
    }
    let mut named: Vec<Date> = members
        .iter()
        .filter_map(|id| member(id).and_then(latest_named_day))
        .collect();
    named.sort();
    let Some(&reference) = named.get(named.len() / 2) else {
        return;
    };
    for id in members {
        if let Some(a) = articles.get_mut(id.0) {
            if latest_named_day(a).is_none() {
                dossier_analyze::dates::reanchor(a, reference);
            }
        }
    }
}

/// The latest day an article names in full (its own inferred reference).
fn latest_named_day(a: &Article) -> Option<Date> {
    dossier_analyze::dates::current_day(&a.times)
        .or_else(|| dossier_analyze::dates::removed_line_day(a))
}

/// The extractive summary of a pile of articles, as plain sentences: what
/// `dossier summarize` prints for a benchmark cluster.
pub fn summary_text(members: &[&Article], words: usize, weights: &SummaryWeights) -> String {
    let pool = Pool::build(members);
    summary::select(&pool, words, weights)
        .into_iter()
        .map(|i| {
            pool.sentences[i]
                .text
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Synthesise one story. `members` are the story's articles in story order.
pub fn synthesize(id: StoryId, members: &[&Article], opts: &SynthOptions) -> Story {
    let pool = Pool::build(members);
    let mut story = Story::new(id, members.iter().map(|a| a.id).collect());
    story.summary = summary::summarize(&pool, members, opts.words, &opts.weights);
    story.entities = entities(members);
    let aligned = align::Aligned::build(members, &story.entities);
    story.facts = facts::facts(&aligned, members);
    story.conflicts = conflicts::conflicts(&aligned, members);
    story.timeline = timeline::timeline(members);
    story.period = timeline::period(members, &story.timeline);
    story.quotes = quotes(members, &story.entities);
    story.headline = headline(members, &story);
    story
}

fn entities(members: &[&Article]) -> Vec<Entity> {
    dossier_analyze::aliases::group(members)
        .into_iter()
        .enumerate()
        .map(|(i, g)| Entity {
            id: EntityId(i),
            name: g.name,
            kind: g.kind,
            aliases: g.aliases,
            mentions: g.mentions,
        })
        .collect()
}

fn quotes(members: &[&Article], entities: &[Entity]) -> Vec<StoryQuote> {
    let mut out = Vec::new();
    for a in members {
        if a.duplicate_of.is_some() {
            continue;
        }
        for q in &a.quotes {
            let speaker = q.speaker.map(|s| a.text_of(s).to_string());
            let speaker_entity = q.speaker.and_then(|s| {
                entities.iter().find_map(|e| {
                    let hit = e
                        .mentions
                        .iter()
                        .any(|m| m.article == a.id && m.span.overlaps(s))
                        || speaker
                            .as_deref()
                            .is_some_and(|n| e.name == n || e.aliases.iter().any(|x| x == n));
                    hit.then_some(e.id)
                })
            });
            out.push(StoryQuote {
                text: a.text_of(q.span).to_string(),
                speaker,
                speaker_entity,
                via: q.via.map(|v| a.text_of(v).to_string()),
                cite: Cite::new(a.id, q.span),
            });
        }
    }
    out
}

/// Remove a trailing " | Outlet" or " - Outlet" from a page title.
fn strip_site_suffix(title: &str) -> &str {
    for sep in [" | ", " – ", " — ", " - "] {
        if let Some(pos) = title.rfind(sep) {
            let (head, tail) = (&title[..pos], &title[pos + sep.len()..]);
            if tail.split_whitespace().count() <= 4 && head.split_whitespace().count() >= 3 {
                return head.trim();
            }
        }
    }
    title.trim()
}

/// The most representative title: the one whose words the story's articles
/// share most, preferring titles long enough to say something. Without titles,
/// the opening words of the summary's first sentence.
fn headline(members: &[&Article], story: &Story) -> String {
    let vocab: Vec<std::collections::HashSet<String>> = members
        .iter()
        .map(|a| dossier_text::content_stems(&a.text).into_iter().collect())
        .collect();
    let best = members
        .iter()
        .filter_map(|a| {
            let title = strip_site_suffix(a.meta.title.as_deref()?);
            let stems = dossier_text::content_stems(title);
            if stems.len() < 2 {
                return None;
            }
            let coverage: f32 = stems
                .iter()
                .map(|s| vocab.iter().filter(|v| v.contains(s)).count() as f32 / vocab.len() as f32)
                .sum::<f32>()
                / stems.len() as f32;
            let informative = (stems.len() as f32 / 5.0).min(1.0);
            Some((coverage * informative, title))
        })
        .max_by(|a, b| a.0.total_cmp(&b.0));
    if let Some((_, t)) = best {
        return t.to_string();
    }
    let first = story
        .summary
        .first()
        .map(|s| s.text.as_str())
        .unwrap_or("Untitled story");
    let words: Vec<&str> = first.split_whitespace().collect();
    if words.len() <= 14 {
        first.trim_end_matches('.').to_string()
    } else {
        format!(
            "{}…",
            words[..12].join(" ").trim_end_matches([',', ';', ':'])
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_suffixes_are_stripped_from_titles() {
        assert_eq!(
            strip_site_suffix("Rebels take the port | Daily Ledger"),
            "Rebels take the port"
        );
        assert_eq!(strip_site_suffix("Port - a history"), "Port - a history");
    }
}
