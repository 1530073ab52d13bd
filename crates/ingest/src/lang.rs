//! A rough language guess from function words, used only to say when a text is
//! obviously not English (the default).

/// Very common short words of a few languages news arrives in.
const LANGS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "and", "of", "to", "in", "is", "that", "for", "was", "with", "on", "he", "it",
            "as", "said", "by", "at", "from", "his", "have",
        ],
    ),
    (
        "fr",
        &[
            "le", "la", "les", "des", "et", "est", "une", "du", "que", "dans", "pour", "qui",
            "sur", "pas", "au", "avec", "il", "sont", "ont", "été",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "und", "das", "ist", "nicht", "mit", "den", "sich", "auf", "ein", "eine",
            "dem", "des", "auch", "wurde", "für", "von", "zu", "im",
        ],
    ),
    (
        "es",
        &[
            "el", "los", "las", "del", "que", "una", "por", "con", "para", "es", "su", "se", "al",
            "como", "más", "fue", "pero", "sus", "le", "ha",
        ],
    ),
    (
        "it",
        &[
            "il", "della", "che", "di", "per", "una", "sono", "nel", "gli", "con", "non", "dei",
            "alla", "è", "anche", "le", "si", "ha", "più", "stato",
        ],
    ),
    (
        "pt",
        &[
            "o", "os", "da", "do", "que", "uma", "não", "para", "com", "dos", "das", "em", "por",
            "foi", "ao", "se", "mais", "como", "está", "também",
        ],
    ),
    (
        "nl",
        &[
            "de", "het", "een", "van", "en", "is", "dat", "niet", "op", "te", "zijn", "voor",
            "met", "werd", "ook", "aan", "maar", "bij", "worden", "heeft",
        ],
    ),
];

/// The ISO 639-1 code of the language the text is obviously written in, or
/// `None` when it is English or unclear. Looks at the first 400 words.
pub fn guess_language(text: &str) -> Option<&'static str> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        // Function words show a language within a few hundred words; reading
        // further only costs time on long documents.
        .take(400)
        .map(str::to_lowercase)
        .collect();
    if words.len() < 20 {
        return None;
    }
    let mut best = ("en", 0usize);
    let mut english = 0;
    for (code, list) in LANGS {
        let hits = words.iter().filter(|w| list.contains(&w.as_str())).count();
        if *code == "en" {
            english = hits;
        }
        if hits > best.1 {
            best = (code, hits);
        }
    }
    // Obvious: clearly more function words than English, and plenty of them.
    (best.0 != "en" && best.1 >= 8 && best.1 >= english * 2).then_some(best.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guesses_only_when_obvious() {
        let fr = "Le conseil municipal a voté mardi pour la réouverture du pont, qui était fermé depuis les inondations de novembre. Les travaux ont coûté plus que prévu et la ville est en train de chercher des fonds pour le reste du chantier avec la région.";
        assert_eq!(guess_language(fr), Some("fr"));
        let de = "Der Stadtrat hat am Dienstag die Wiedereröffnung der Brücke beschlossen, die seit dem Hochwasser im November gesperrt war. Die Arbeiten waren teurer als geplant und die Stadt sucht nun mit dem Land nach Geld für den Rest.";
        assert_eq!(guess_language(de), Some("de"));
        let en = "The council voted on Tuesday to reopen the bridge, which had been closed since the November floods. The work cost more than planned and the city is looking for money for the rest of the project with the region.";
        assert_eq!(guess_language(en), None);
        assert_eq!(guess_language("Le pont"), None);
    }
}
