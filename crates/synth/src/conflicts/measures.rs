//! What a measure measures: "winds of at least 96 mph" and "travelling at 14
//! mph" are two speeds of two things, "2m in height" and "550 km north" a
//! size and a distance. Two measures in one unit are rivals only when they
//! measure the same thing, or when the text does not say what either is of.

use dossier_model::{Article, Quantity};

/// Units of measure (singular) besides the lengths distances convert between
/// (`counted::is_length`), whose figures say what they measure in the words
/// around them. Counts of things ("rockets", "people") and money are
/// not here: their noun is what they count.
const MEASURE_UNITS: &[&str] = &[
    "mph",
    "kph",
    "knot",
    "degree",
    "inch",
    "cm",
    "centimetre",
    "centimeter",
    "mm",
    "millimetre",
    "millimeter",
    "yard",
    "ton",
    "tonne",
    "kg",
    "kilogram",
    "gram",
    "gallon",
    "litre",
    "liter",
    "acre",
    "hectare",
];

/// Words after a length that make it a dimension of a thing, with the
/// dimension: "2m tall", "a 30-metre-long hull", "2m in height".
const DIMENSIONS: &[(&str, &str)] = &[
    ("tall", "height"),
    ("high", "height"),
    ("height", "height"),
    ("long", "length"),
    ("length", "length"),
    ("wide", "width"),
    ("width", "width"),
    ("deep", "depth"),
    ("depth", "depth"),
    ("thick", "thickness"),
    ("across", "width"),
    ("diameter", "width"),
];

/// Words after a length that make it a distance between two places: "20
/// miles away", "550 km north of", "30km from the park".
const DISTANCE_WORDS: &[&str] = &[
    "away",
    "from",
    "off",
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "inland",
    "offshore",
    "outside",
    "beyond",
    "short",
];

/// Words between a measured noun and its figure: "winds of at least 96",
/// "moving at 14", "temperatures close to 2,500".
const LINKS: &[&str] = &[
    "of", "at", "to", "close", "near", "nearly", "almost", "about", "around", "least", "most",
    "more", "less", "than", "over", "under", "some", "up", "roughly",
];

/// What a figure in a unit of measure measures, as a lower-cased word, when
/// the words around it say: a noun right after the unit ("115 mph winds"), a
/// dimension ("2m in height"), or a noun before a linking "of" or "at"
/// ("winds of at least 96 mph"). `unit` is the singular unit.
pub(super) fn measured(a: &Article, q: &Quantity, unit: &str) -> Option<String> {
    if !MEASURE_UNITS.contains(&unit) && !super::counted::is_length(unit) {
        return None;
    }
    after_the_unit(a, q).or_else(|| before_the_figure(a, q))
}

fn after_the_unit(a: &Article, q: &Quantity) -> Option<String> {
    let written = a.text_of(q.span);
    let glued = written.chars().last().is_some_and(char::is_alphabetic);
    let mut words = a
        .text
        .get(q.span.end..)?
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .skip(usize::from(!glued));
    let next = words.next()?;
    let next_is_word = {
        let after = a.text.get(q.span.end..)?;
        // The noun must follow within the phrase, not past a comma.
        !after[..after.find(next)?].contains([',', '.', ';', ')', '('])
    };
    if !next_is_word {
        return None;
    }
    let lower = next.to_lowercase();
    let lower = if lower == "in" {
        words.next()?.to_lowercase()
    } else {
        lower
    };
    if let Some((_, dimension)) = DIMENSIONS.iter().find(|(w, _)| *w == lower) {
        return Some((*dimension).to_string());
    }
    if DISTANCE_WORDS.contains(&lower.as_str()) {
        return Some("distance".to_string());
    }
    let plain = next.chars().all(|c| c.is_lowercase()) && !dossier_text::is_stopword(&lower);
    plain.then(|| dossier_text::stem(&lower))
}

fn before_the_figure(a: &Article, q: &Quantity) -> Option<String> {
    let head = a.text.get(..q.span.start)?;
    let mut words = head.split_whitespace().rev();
    let mut linked = false;
    for w in words.by_ref() {
        let lower = w.to_lowercase();
        if !LINKS.contains(&lower.as_str()) {
            let plain = w.chars().all(|c| c.is_lowercase()) && !dossier_text::is_stopword(&lower);
            return (linked && plain).then(|| dossier_text::stem(&lower));
        }
        linked |= lower == "of" || lower == "at";
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_model::ArticleId;

    fn measures(text: &str) -> Vec<Option<String>> {
        let mut a = Article::new(ArticleId(0), "r0", text.to_string());
        dossier_analyze::Pipeline::standard().run(&mut a);
        a.quantities
            .iter()
            .map(|q| {
                let unit = crate::conflicts::figures::singular(q.counted.as_deref().unwrap_or(""));
                measured(&a, q, &unit)
            })
            .collect()
    }

    #[test]
    fn the_words_around_a_measure_say_what_it_measures() {
        assert_eq!(
            measures("The storm has winds of at least 96 mph."),
            [Some("wind".into())]
        );
        assert_eq!(
            measures("It was a storm with 115 mph winds."),
            [Some("wind".into())]
        );
        assert_eq!(
            measures("The beast measured 2m in height."),
            [Some("height".into())]
        );
        assert_eq!(
            measures("The cave lies 550 kilometres north of Kessa."),
            [Some("distance".into())]
        );
        assert_eq!(
            measures("The storm is moving at 12 mph."),
            [Some("move".into())]
        );
        assert_eq!(
            measures("The town is 20 miles away."),
            [Some("distance".into())]
        );
        assert_eq!(
            measures("The town lies within 20 miles of the coast."),
            [None]
        );
        assert_eq!(measures("He fired 97 rockets at the town."), [None]);
    }
}
