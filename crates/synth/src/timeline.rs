//! The timeline of a story (dated statements, oldest first) and its period.

use dossier_model::{Article, Cite, Date, Period, TimelineEntry};
use dossier_text::bag;

/// Timeline entries kept per story.
const MAX_ENTRIES: usize = 25;
/// Dates further than this many days before the story's reference date are
/// background ("since the fall of the regime in 2011"), kept in the timeline
/// but not in the period.
const BACKGROUND_DAYS: i64 = 120;

/// Collect every dated sentence; sentences about the same date that say the
/// same thing become one entry with several cites.
pub fn timeline(members: &[&Article]) -> Vec<TimelineEntry> {
    let mut entries: Vec<(TimelineEntry, dossier_text::Bag)> = Vec::new();
    for a in members {
        if a.duplicate_of.is_some() {
            continue;
        }
        for t in &a.times {
            let Some(i) = a.sentence_at(t.span.start) else {
                continue;
            };
            let span = a.sentences[i];
            let Some(text) = a.slice(span) else { continue };
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let b = bag(&text);
            let cite = Cite::new(a.id, span);
            if let Some((e, _)) = entries.iter_mut().find(|(e, eb)| {
                e.date == t.date && (e.text == text || dossier_text::cosine(eb, &b) >= 0.5)
            }) {
                if !e.cites.contains(&cite) {
                    e.cites.push(cite);
                }
                e.inferred &= t.inferred;
                continue;
            }
            entries.push((
                TimelineEntry {
                    date: t.date,
                    inferred: t.inferred,
                    text,
                    cites: vec![cite],
                },
                b,
            ));
        }
    }
    let out: Vec<TimelineEntry> = entries.into_iter().map(|(e, _)| e).collect();
    let mut out = keep_each_date_first(out);
    out.sort_by_key(|e| e.date);
    out
}

/// When there are too many entries, every date keeps its best one before any
/// date keeps a second: a timeline is about when, and twelve sentences on one
/// busy day must not push out the year the story began. Within a round,
/// precise and well-supported entries first.
fn keep_each_date_first(mut out: Vec<TimelineEntry>) -> Vec<TimelineEntry> {
    if out.len() <= MAX_ENTRIES {
        return out;
    }
    out.sort_by(|a, b| {
        (b.date.precision(), b.cites.len()).cmp(&(a.date.precision(), a.cites.len()))
    });
    let mut seen: std::collections::HashMap<Date, usize> = std::collections::HashMap::new();
    let mut ranked: Vec<(usize, usize, TimelineEntry)> = out
        .into_iter()
        .enumerate()
        .map(|(order, e)| {
            let round = seen.entry(e.date).or_insert(0);
            *round += 1;
            (*round, order, e)
        })
        .collect();
    ranked.sort_by_key(|(round, order, _)| (*round, *order));
    ranked.truncate(MAX_ENTRIES);
    ranked.into_iter().map(|(_, _, e)| e).collect()
}

/// The reference date of a story: the median publication date of its articles,
/// or failing that the latest day-precision date its timeline mentions.
pub fn reference_date(members: &[&Article], timeline: &[TimelineEntry]) -> Option<Date> {
    let mut published: Vec<Date> = members.iter().filter_map(|a| a.meta.published).collect();
    published.sort();
    if let Some(d) = published.get(published.len() / 2) {
        return Some(*d);
    }
    timeline
        .iter()
        .filter(|t| t.date.precision() == dossier_model::Precision::Day && !t.inferred)
        .map(|t| t.date)
        .max()
}

/// The span of dates the story's events cover: publication dates and the
/// timeline's dates, background dates left out.
pub fn period(members: &[&Article], timeline: &[TimelineEntry]) -> Option<Period> {
    let reference = reference_date(members, timeline);
    let mut dates: Vec<Date> = members.iter().filter_map(|a| a.meta.published).collect();
    for t in timeline {
        if t.date.precision() == dossier_model::Precision::Year {
            continue;
        }
        let recent = reference.is_none_or(|r| {
            r.first_day_number() - t.date.first_day_number() <= BACKGROUND_DAYS
                && t.date.first_day_number() - r.first_day_number() <= BACKGROUND_DAYS * 3
        });
        if recent {
            dates.push(t.date);
        }
    }
    // A coarse date that contains a finer one says nothing more precise:
    // "2031-06" beside "2031-06-11" would only blur the period's start.
    let finer = |d: &Date| {
        dates
            .iter()
            .any(|e| e.precision() > d.precision() && e.truncate(d.precision()) == *d)
    };
    let precise: Vec<Date> = dates.iter().copied().filter(|d| !finer(d)).collect();
    let from = *precise.iter().min()?;
    let to = *precise.iter().max()?;
    Some(Period { from, to })
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_model::{ArticleId, Span, TimeMention};

    fn article(id: usize, text: &str, dates: &[(usize, Date)]) -> Article {
        let mut a = Article::new(ArticleId(id), "t", text.into());
        a.sentences = vec![Span::new(0, text.len())];
        a.times = dates
            .iter()
            .map(|&(at, date)| TimeMention {
                span: Span::new(at, at + 1),
                date,
                until: None,
                inferred: false,
            })
            .collect();
        a
    }

    #[test]
    fn same_date_same_statement_merges_and_background_stays_out_of_period() {
        let june9 = Date::ymd(2031, 6, 9).unwrap();
        let a = article(
            0,
            "Fighting broke out in Kasso on June 9 after the raid.",
            &[(0, june9)],
        );
        let b = article(
            1,
            "Fighting broke out in Kasso on 9 June, after a raid.",
            &[(0, june9)],
        );
        let c = article(
            2,
            "The regime fell in 2011 and war broke out in 2019.",
            &[(0, Date::ym(2019, 3).unwrap())],
        );
        let members = [&a, &b, &c];
        let t = timeline(&members);
        assert_eq!(t.len(), 2);
        assert_eq!(t[1].cites.len(), 2, "{t:?}");
        let p = period(&members, &t).unwrap();
        assert_eq!((p.from, p.to), (june9, june9));
    }

    #[test]
    fn a_busy_day_does_not_push_out_other_dates() {
        let day = Date::ymd(2031, 6, 11).unwrap();
        // Sentences on one day with no content word in common, so that none merge.
        let words = [
            "convoy", "ferry", "tanker", "barge", "truck", "train", "bus", "drone", "jet", "tug",
            "van", "crane", "pump", "mill", "kiln", "forge", "dam", "mine", "pier", "silo",
            "depot", "plant", "lock", "quay", "mast", "ramp", "gate", "yard",
        ];
        let mut arts: Vec<Article> = words
            .iter()
            .enumerate()
            .map(|(i, w)| article(i, &format!("The {w}."), &[(0, day)]))
            .collect();
        arts.push(article(
            99,
            "The depot was built in 1998.",
            &[(0, Date::year(1998))],
        ));
        let members: Vec<&Article> = arts.iter().collect();
        let t = timeline(&members);
        assert_eq!(t.len(), MAX_ENTRIES);
        assert_eq!(t[0].date, Date::year(1998), "{t:?}");
    }

    #[test]
    fn a_month_that_contains_a_day_of_the_period_does_not_widen_it() {
        let a = article(
            0,
            "Over the past week in June the town changed hands on June 11.",
            &[
                (0, Date::ym(2031, 6).unwrap()),
                (1, Date::ymd(2031, 6, 11).unwrap()),
            ],
        );
        let t = timeline(&[&a]);
        let p = period(&[&a], &t).unwrap();
        assert_eq!(p.from.to_string(), "2031-06-11");
    }
}
