//! When a claim says its event happened: the dates that set its scope, and
//! the one day it gives for its event.

use dossier_model::Date;

use crate::align::View;

/// A claim too short to carry its own context ("Thirteen Israelis died.")
/// takes its time from the sentence before.
const BARE_CLAIM_WORDS: usize = 5;

/// The dates a claim is about: its own, or for a bare sentence those of the
/// sentence before it. Only dates written out count: a relative one ("later
/// this week", "on Friday") is about the story's own time, as an undated
/// claim is.
pub(super) fn claim_dates(v: &View<'_>) -> Vec<Date> {
    let a = v.article;
    let within = |span: dossier_model::Span| -> Vec<Date> {
        let mut d: Vec<Date> = a
            .times
            .iter()
            .filter(|t| !t.inferred && t.span.within(span))
            .map(|t| t.date)
            .collect();
        d.sort();
        d.dedup();
        d
    };
    let own = within(v.claim.span);
    if !own.is_empty() || v.words > BARE_CLAIM_WORDS || v.claim.sentence == 0 {
        return own;
    }
    a.sentences
        .get(v.claim.sentence - 1)
        .map(|&s| within(s))
        .unwrap_or_default()
}

/// A claim dated only by a year ("in 2008-09 the war killed 1,400"), or to a
/// year other than the article's, recalls background, not the story's news.
pub(super) fn about_another_year(v: &View<'_>, dates: &[Date]) -> bool {
    if dates
        .iter()
        .any(|d| d.precision() == dossier_model::Precision::Year)
    {
        return true;
    }
    let a = v.article;
    // Without a publication date, the latest day the article names (relative
    // days are resolved against the story's reference) stands for it.
    let now = a
        .meta
        .published
        .or_else(|| a.times.iter().map(|t| t.date).max());
    now.is_some_and(|now| dates.iter().all(|d| d.year != now.year))
}

/// The times a claim names.
pub(super) fn claim_times<'v>(v: &'v View<'_>) -> Vec<&'v dossier_model::TimeMention> {
    v.claim
        .times
        .iter()
        .filter_map(|&t| v.article.times.get(t))
        .collect()
}

/// The day a claim gives for its event, written by the article (not inferred
/// from a vague phrase), with the span that gives it.
pub(super) fn day_of(v: &View<'_>) -> Option<(Date, dossier_model::Span)> {
    let mut days = v
        .claim
        .times
        .iter()
        .filter_map(|&t| v.article.times.get(t))
        .filter(|t| t.until.is_none() && t.date.precision() == dossier_model::Precision::Day);
    let first = days.next()?;
    // Two days in one claim are a span of events, not the day of one.
    if days.next().is_some() || !dates_the_event(v, first.span) {
        return None;
    }
    Some((first.date, first.span))
}

/// Words between a day and the event's word beyond which the day belongs to
/// another verb: "which have killed 19 ... broadened a conflict that had
/// erupted into the open Wednesday".
const DAY_REACH_WORDS: usize = 8;

/// The day is the event's: written near its word, or fronted before the
/// clause's first comma ("On Saturday afternoon, the manager reported ...").
fn dates_the_event(v: &View<'_>, day: dossier_model::Span) -> bool {
    let Some(predicate) = v.claim.predicate else {
        return true;
    };
    let text = &v.article.text;
    let (from, to) = if day.end <= predicate.start {
        (day.end, predicate.start)
    } else {
        (predicate.end, day.start)
    };
    let between = text.get(from..to).unwrap_or("");
    let fronted = day.end <= predicate.start
        && !text
            .get(v.claim.span.start..day.start)
            .unwrap_or("")
            .contains(',')
        && between.contains(',');
    fronted || dossier_text::word_count(between) <= DAY_REACH_WORDS
}
