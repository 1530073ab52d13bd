//! Parts of a day: "Saturday morning" against "Saturday afternoon" is one day
//! told two ways, a disagreement a day-level date cannot show.

use dossier_model::{Article, Date, Span, TimeMention};

/// Words naming a part of the day, as written after a day ("Saturday
/// afternoon") and the part each names.
const PARTS: &[(&str, &str)] = &[
    ("morning", "morning"),
    ("afternoon", "afternoon"),
    ("evening", "evening"),
    ("night", "night"),
    ("overnight", "night"),
];

/// The part of the day the words right after a day name, if they name one.
pub(super) fn part_named(after: &str) -> Option<&'static str> {
    let word: String = after
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    PARTS
        .iter()
        .find(|(w, _)| *w == word)
        .map(|(_, part)| *part)
}

/// The one day of a clause with the part of it the text names: (day, part,
/// span of the day and its part as written).
pub(super) fn day_and_part(
    a: &Article,
    times: &[&TimeMention],
) -> Option<(Date, &'static str, Span)> {
    let mut days = times
        .iter()
        .filter(|t| t.until.is_none() && t.date.precision() == dossier_model::Precision::Day);
    let t = days.next()?;
    if days.next().is_some() {
        return None;
    }
    let after = a.text.get(t.span.end..)?;
    let part = part_named(after)?;
    let len = after.len() - after.trim_start().len() + part_len(after.trim_start());
    Some((t.date, part, Span::new(t.span.start, t.span.end + len)))
}

fn part_len(after: &str) -> usize {
    after
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(after.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_after_a_day_names_its_part() {
        assert_eq!(part_named(" afternoon, the manager"), Some("afternoon"));
        assert_eq!(part_named(" Night."), Some("night"));
        assert_eq!(part_named(" overnight"), Some("night"));
        assert_eq!(part_named(" nights ago"), None);
        assert_eq!(part_named(", the manager"), None);
    }
}
