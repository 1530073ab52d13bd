//! A compact gazetteer (countries, capitals and large cities, well-known
//! organisations and news outlets) with a table of equivalent names.
//!
//! The list lives in `gazetteer.txt`, one actor per line, so that adding a name
//! does not mean touching code.

use std::collections::HashMap;
use std::sync::OnceLock;

use dossier_model::EntityKind;
use dossier_text::words;

use crate::lex::Tok;

const SOURCE: &str = include_str!("gazetteer.txt");

#[derive(Debug)]
pub(crate) struct Entry {
    pub kind: EntityKind,
    /// A news outlet: "told X" / "according to X" makes X a relay, not a speaker.
    pub media: bool,
    /// Line number: entries on one line name the same actor.
    pub group: usize,
    /// Acronym forms must match in upper case ("IS", not "Is").
    pub upper: bool,
    tokens: Vec<String>,
}

struct Gaz {
    entries: Vec<Entry>,
    /// Capital key to the key of the country it governs.
    seats: HashMap<String, String>,
    by_key: HashMap<String, Vec<usize>>,
    by_first: HashMap<String, Vec<usize>>,
}

fn gaz() -> &'static Gaz {
    static G: OnceLock<Gaz> = OnceLock::new();
    G.get_or_init(|| {
        let mut g = Gaz {
            entries: Vec::new(),
            seats: HashMap::new(),
            by_key: HashMap::new(),
            by_first: HashMap::new(),
        };
        for (line_no, line) in SOURCE.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(seat) = line.strip_prefix("S|") {
                if let Some((capital, country)) = seat.split_once('|') {
                    g.seats.insert(key(capital), key(country));
                }
                continue;
            }
            let mut parts = line.split('|');
            let (kind, media) = match parts.next() {
                Some("P") => (EntityKind::Place, false),
                Some("O") => (EntityKind::Organization, false),
                Some("M") => (EntityKind::Organization, true),
                _ => (EntityKind::Other, false),
            };
            for form in parts {
                let idx = g.entries.len();
                let tokens: Vec<String> = words(form).map(|(_, w)| norm_token(w)).collect();
                if tokens.is_empty() {
                    continue;
                }
                g.by_key.entry(key(form)).or_default().push(idx);
                g.by_first.entry(tokens[0].clone()).or_default().push(idx);
                g.entries.push(Entry {
                    kind,
                    media,
                    group: line_no,
                    upper: !form.chars().any(char::is_lowercase),
                    tokens,
                });
            }
        }
        g
    })
}

fn norm_token(w: &str) -> String {
    w.chars()
        .filter(|&c| c != '.')
        .map(|c| if c == '’' { '\'' } else { c })
        .collect::<String>()
        .to_lowercase()
}

/// Lower case, no dots, single spaces, no leading "the".
pub(crate) fn key(surface: &str) -> String {
    let k: Vec<String> = words(surface).map(|(_, w)| norm_token(w)).collect();
    let mut k = k.join(" ");
    if let Some(rest) = k.strip_prefix("the ") {
        k = rest.to_string();
    }
    k
}

fn case_ok(e: &Entry, surface: &str) -> bool {
    if e.upper {
        !surface.chars().any(char::is_lowercase)
    } else {
        surface
            .chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_uppercase)
            || surface.starts_with("al-")
            || surface.starts_with("al ")
    }
}

/// The gazetteer entry a whole surface form names, if any.
pub(crate) fn lookup(surface: &str) -> Option<&'static Entry> {
    let g = gaz();
    let s = surface.trim();
    let s = s
        .strip_prefix("the ")
        .or_else(|| s.strip_prefix("The "))
        .unwrap_or(s);
    g.by_key
        .get(&key(s))?
        .iter()
        .map(|&i| &g.entries[i])
        .find(|e| case_ok(e, s))
}

/// The country whose government a capital stands for ("Pyongyang": the
/// entry of "North Korea"), when the seats table lists it.
pub(crate) fn country_of_capital(surface: &str) -> Option<&'static Entry> {
    let country = gaz().seats.get(&key(surface))?;
    gaz()
        .by_key
        .get(country)?
        .first()
        .map(|&i| &gaz().entries[i])
}

/// Is this surface a known news outlet?
pub(crate) fn is_media(surface: &str) -> bool {
    lookup(surface).is_some_and(|e| e.media)
}

/// The longest gazetteer phrase starting at token `i`: (token count, entry).
pub(crate) fn match_at(text: &str, toks: &[Tok], i: usize) -> Option<(usize, &'static Entry)> {
    let g = gaz();
    let first = toks.get(i)?;
    if !crate::lex::is_cap(first.text) && !first.text.starts_with("al-") {
        return None;
    }
    let cands = g.by_first.get(&norm_token(strip_poss(first.text)))?;
    let mut best: Option<(usize, &Entry)> = None;
    for &ci in cands {
        let e = &g.entries[ci];
        let n = e.tokens.len();
        if i + n > toks.len() || best.is_some_and(|(b, _)| b >= n) {
            continue;
        }
        let ok = (0..n).all(|k| {
            let t = &toks[i + k];
            let w = if k + 1 == n {
                strip_poss(t.text)
            } else {
                t.text
            };
            let gap_ok =
                k == 0 || crate::lex::is_space_gap(crate::lex::gap(text, &toks[i + k - 1], t));
            gap_ok && norm_token(w) == e.tokens[k]
        });
        if !ok {
            continue;
        }
        let surface = text.get(first.start..toks[i + n - 1].end).unwrap_or("");
        if case_ok(e, strip_poss(surface)) {
            best = Some((n, e));
        }
    }
    best
}

fn strip_poss(w: &str) -> &str {
    let n = crate::lex::possessive_len(w);
    w.get(..w.len() - n).unwrap_or(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_respect_case_for_acronyms() {
        assert_eq!(
            lookup("NATO").map(|e| e.kind),
            Some(EntityKind::Organization)
        );
        assert!(lookup("IS").is_some());
        assert!(lookup("Is").is_none());
        assert_eq!(lookup("U.S.").map(|e| e.kind), Some(EntityKind::Place));
        assert_eq!(
            lookup("U.S.").map(|e| e.group),
            lookup("United States").map(|e| e.group)
        );
        assert!(is_media("AFP") && is_media("Reuters") && !is_media("NATO"));
        assert_eq!(
            lookup("Daesh").map(|e| e.group),
            lookup("ISIL").map(|e| e.group)
        );
    }

    #[test]
    fn every_seat_of_government_names_a_known_capital_and_country() {
        let seats = SOURCE.lines().filter_map(|l| l.strip_prefix("S|"));
        for (capital, country) in seats.filter_map(|s| s.split_once('|')) {
            let c = lookup(capital).unwrap_or_else(|| panic!("{capital} not in the gazetteer"));
            assert_eq!(c.kind, EntityKind::Place, "{capital}");
            let n = lookup(country).unwrap_or_else(|| panic!("{country} not in the gazetteer"));
            assert_ne!(n.group, c.group, "{capital}");
        }
        assert_eq!(
            country_of_capital("Pyongyang").map(|e| e.group),
            lookup("North Korea").map(|e| e.group)
        );
    }

    #[test]
    fn phrases_match_longest_with_possessive() {
        let text = "the Islamic State of Iraq and the Levant's men";
        let toks = crate::lex::tokens(text, 0);
        let (n, e) = match_at(text, &toks, 1).unwrap();
        assert_eq!(n, 7);
        assert_eq!(e.kind, EntityKind::Organization);
    }
}
