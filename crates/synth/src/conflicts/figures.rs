//! Figures: what a number counts and which values it allows, so that two
//! figures are compared only when they count the same kind of thing and
//! differ only when no reading of both can be true.

use dossier_model::{Quantity, QuantityModifier};

/// Kinds of counted things whose members are interchangeable in reports.
const COUNTED_KINDS: &[(&str, &[&str])] = &[
    (
        "leaders",
        &["leader", "commander", "chief", "head", "general", "officer"],
    ),
    (
        "people",
        &[
            "people",
            "person",
            "civilian",
            "resident",
            "villager",
            "victim",
            "passenger",
            "inhabitant",
            "protester",
            "demonstrator",
        ],
    ),
    (
        "fighters",
        &[
            "fighter",
            "militant",
            "gunman",
            "gunmen",
            "soldier",
            "troop",
            "jihadist",
            "rebel",
            "insurgent",
            "militiaman",
            "militiamen",
        ],
    ),
    (
        "workers",
        &[
            "worker",
            "dockworker",
            "docker",
            "employee",
            "staff",
            "miner",
            "nurse",
            "driver",
        ],
    ),
    ("children", &["child", "children", "student", "pupil"]),
    ("homes", &["home", "house", "building"]),
];

/// Units of time and measure: "two years" or "five km" count no actors, and a
/// sentence's action is not about them.
pub(crate) const UNITS: &[&str] = &[
    "second",
    "minute",
    "hour",
    "day",
    "week",
    "month",
    "year",
    "decade",
    "century",
    "time",
    "km",
    "kilometre",
    "kilometer",
    "mile",
    "metre",
    "meter",
    "foot",
    "feet",
    "percent",
    "cent",
    "point",
    "dollar",
    "euro",
    "pound",
    "times",
];

/// Spans of time in years, for prison terms.
const TERM_UNITS: &[(&str, f64)] = &[
    ("day", 1.0 / 365.0),
    ("week", 7.0 / 365.0),
    ("month", 1.0 / 12.0),
    ("year", 1.0),
    ("decade", 10.0),
];

/// Words a prison term follows: "sentenced to", "could face", "jailed for".
const TERM_BEFORE: &[&str] = &[
    "sentenced to",
    "sentence of",
    "term of",
    "face",
    "faces",
    "facing",
    "faced",
    "jailed for",
    "imprisoned for",
    "imprisonment for",
    "imprisonment of",
    "serve",
    "serves",
    "serving",
];

/// Words a prison term precedes: "two years in jail", "five years behind bars".
const TERM_AFTER: &[&str] = &[
    "in prison",
    "in jail",
    "behind bars",
    "of imprisonment",
    "imprisonment",
    "prison",
    "jail",
];

/// A span of time that is a prison term, in years: `unit` is its singular
/// unit, `before` the lower-cased words before the figure ("up to" already
/// part of it), `after` those after the unit. Other spans of time are moments
/// or durations of anything, and no term.
pub(crate) fn prison_term(unit: &str, before: &str, after: &str) -> Option<f64> {
    let &(_, years) = TERM_UNITS.iter().find(|(u, _)| *u == unit)?;
    let followed = TERM_BEFORE.iter().any(|w| {
        before
            .strip_suffix(w)
            .is_some_and(|rest| rest.is_empty() || rest.ends_with(' '))
    });
    let leading = TERM_AFTER.iter().any(|w| after.starts_with(w));
    (followed || leading).then_some(years)
}

pub(crate) fn singular(word: &str) -> String {
    let w = word.to_lowercase();
    if let Some(stem) = w.strip_suffix("ies") {
        return format!("{stem}y");
    }
    w.strip_suffix('s').map(str::to_string).unwrap_or(w)
}

/// The kind of a counted noun: its class in the table, or the noun itself.
pub(crate) fn counted_kind(word: &str) -> String {
    let w = singular(word);
    COUNTED_KINDS
        .iter()
        .find(|(_, members)| {
            members
                .iter()
                .any(|m| w == singular(m) || word.eq_ignore_ascii_case(m))
        })
        .map(|(k, _)| (*k).to_string())
        .unwrap_or_else(|| format!("{w}s"))
}

/// The interval of values a quantity allows.
pub(crate) fn interval(q: &Quantity) -> (f64, f64) {
    let v = q.value;
    match q.modifier {
        QuantityModifier::Exact => (v, v),
        QuantityModifier::AtLeast => (v, f64::INFINITY),
        QuantityModifier::MoreThan => (v + 0.5, f64::INFINITY),
        QuantityModifier::AtMost => (0.0, v),
        QuantityModifier::LessThan => (0.0, v - 0.5),
        // "About 2,000" is a rounded figure: within a tenth either way.
        QuantityModifier::About => (v * 0.9, v * 1.1),
        QuantityModifier::Between => (v, q.high.unwrap_or(v)),
    }
}

/// How far past its bound a writer's "more than X" or "up to X" reaches: one
/// who knew of 550 would not write "more than 400".
const BOUND_REACH: f64 = 0.25;

/// The values a writer means by a figure, which is narrower than what it
/// allows: "more than 400" means 400 to 500, so against "550" the figures
/// differ, while "more than $70bn" and "$72bn" agree.
pub(crate) fn meant(q: &Quantity) -> (f64, f64) {
    let v = q.value;
    match q.modifier {
        QuantityModifier::AtLeast | QuantityModifier::MoreThan => (v, v * (1.0 + BOUND_REACH)),
        QuantityModifier::AtMost | QuantityModifier::LessThan => (v * (1.0 - BOUND_REACH), v),
        _ => interval(q),
    }
}

pub(crate) fn overlaps(a: (f64, f64), b: (f64, f64)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_model::Span;

    fn q(value: f64, modifier: QuantityModifier) -> Quantity {
        Quantity {
            span: Span::new(0, 1),
            value,
            high: None,
            modifier,
            counted: Some("people".into()),
            percent: false,
        }
    }

    #[test]
    fn leaders_and_commanders_are_one_kind_and_other_nouns_their_own() {
        assert_eq!(counted_kind("commanders"), "leaders");
        assert_eq!(counted_kind("leader"), "leaders");
        assert_eq!(counted_kind("civilians"), "people");
        assert_eq!(counted_kind("dockworkers"), "workers");
        assert_eq!(counted_kind("boats"), "boats");
        assert_eq!(counted_kind("factories"), "factorys");
    }

    #[test]
    fn a_span_of_time_is_a_prison_term_only_in_its_words() {
        assert_eq!(
            prison_term("year", "could face", "in jail, whether"),
            Some(1.0)
        );
        assert_eq!(
            prison_term("month", "was sentenced to", ""),
            Some(1.0 / 12.0)
        );
        assert_eq!(prison_term("year", "he lived there for", "before"), None);
        assert_eq!(prison_term("year", "surface", "ago"), None);
        assert_eq!(prison_term("mile", "face", "in prison"), None);
    }

    #[test]
    fn at_least_seven_does_not_contradict_nine_but_about_numbers_can() {
        let a = interval(&q(7.0, QuantityModifier::AtLeast));
        let b = interval(&q(9.0, QuantityModifier::Exact));
        let c = interval(&q(3.0, QuantityModifier::Exact));
        assert!(overlaps(a, b));
        assert!(!overlaps(a, c));
        let d = interval(&q(2000.0, QuantityModifier::About));
        let e = interval(&q(1400.0, QuantityModifier::About));
        assert!(!overlaps(d, e));
    }

    #[test]
    fn a_bound_means_figures_near_it() {
        let more_than_400 = meant(&q(400.0, QuantityModifier::MoreThan));
        assert!(!overlaps(
            more_than_400,
            meant(&q(550.0, QuantityModifier::Exact))
        ));
        let more_than_70 = meant(&q(70.0, QuantityModifier::MoreThan));
        assert!(overlaps(
            more_than_70,
            meant(&q(72.0, QuantityModifier::Exact))
        ));
        let up_to_2 = meant(&q(2.0, QuantityModifier::AtMost));
        assert!(!overlaps(up_to_2, meant(&q(7.0, QuantityModifier::AtMost))));
    }
}
