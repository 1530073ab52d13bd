//! Cross-article alias grouping for one story: which surface forms name the
//! same actor ("Islamic State", "ISIS", "Isis"; "Gen. Verhoek", "Tomas Verhoek").
//!
//! Forms are merged by declared definitions (acronym in brackets whose letters
//! fit, "also known as"), a table of known equivalents, acronym initials (with
//! or without name particles; "ABC-Town" for a local wing), the same content
//! words in another order, an ending on the last word ("Services",
//! "Rastafarian"), a consonant skeleton for transliteration variants, a
//! surname, given name or shorter name fitting a full name, a part of an
//! organisation's name around its head word ("the Council", "National Guard",
//! "Libyan Army") matching exactly one organisation, and a company's first word
//! ("Halvard" for "Halvard Terminals"). A rule that picks a partner needs one
//! candidate group, or, for surnames, given names and acronyms, one the story
//! names twice as often as any other: two councils, two people with one surname
//! named as often, a word that is both a founder's surname and a firm's name
//! stay apart. Titled forms ("Col. Castan") and forms with a surname's particle
//! ("de Soultrait") are kept as aliases, never as the canonical name. "The
//! North" joins the one "North X" place the story names, and a capital used
//! as an actor ("Pyongyang said") the country it governs. A given name
//! coordinated with a full name shares its surname ("Jane and Gary Quill"),
//! "Mr"/"Mrs" on a shared surname go to the bearer of that sex, a name blended
//! from an organisation's words ("Vermtech") joins it, and "Tember the lion"
//! or a rank written as initials ("DC Arlen") is kept as an alias.

use std::collections::{BTreeSet, HashMap};

use dossier_model::{Article, Cite, EntityKind};

use crate::entities::{initials, loose_initials_match, ORG_HEADS};
use crate::gazetteer;
use crate::lex::is_acronym;
use crate::names;

/// Cross-article alias grouping for one story: every mention of every article is assigned to a group.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityGroup {
    /// Canonical: the longest well-formed form.
    pub name: String,
    pub kind: EntityKind,
    /// Other surface forms, canonical excluded, deduplicated.
    pub aliases: Vec<String>,
    pub mentions: Vec<Cite>,
}

const SKIP: &[&str] = &["of", "the", "and", "for", "in", "on", "al", "el", "a", "an"];

/// Words that end the head of a name: "Popular Council | for the Defence of X".
const HEAD_STOP: &[&str] = &["of", "for", "in", "on", "at", "de", "and"];

/// Honorifics and ranks written before a person's name ("Col. Castan", "Mr
/// Adler"): the titled form is kept as an alias, never as the canonical name.
const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "gen",
    "general",
    "col",
    "colonel",
    "lt",
    "lieutenant",
    "maj",
    "major",
    "capt",
    "captain",
    "sgt",
    "sergeant",
    "brig",
    "brigadier",
    "cmdr",
    "cdr",
    "commander",
    "adm",
    "admiral",
    "cpl",
    "corporal",
    "pvt",
    "sheikh",
    "shaikh",
    "imam",
    "sen",
    "senator",
    "rep",
    "gov",
    "governor",
    "president",
    "judge",
    "justice",
    "rev",
    "reverend",
    "sir",
    "lord",
    "lady",
    "mayor",
    "minister",
    "ambassador",
    "emir",
    "king",
    "queen",
    "prince",
    "princess",
    "ayatollah",
    "mullah",
    "cardinal",
    "bishop",
    "archbishop",
    "sultan",
    "premier",
    "chancellor",
    "inspector",
    "detective",
    "det",
    "insp",
    "supt",
    "superintendent",
    "marshal",
    "prime",
    "mp",
    "speaker",
    "deputy",
    "secretary",
    "vicomte",
    "viscount",
    "vicomtesse",
    "viscountess",
    "comte",
    "comtesse",
    "count",
    "countess",
    "duke",
    "duchess",
    "baron",
    "baroness",
    "earl",
    "dame",
    "congressman",
    "congresswoman",
    "councilman",
    "councilwoman",
    "rabbi",
    "pastor",
    "sheriff",
    "constable",
    "officer",
    "chief",
    // Ranks and offices written as initials: "DC Arlen" (Detective Constable),
    // "CS Odera" (Cabinet Secretary), "PC Hale".
    "dc",
    "ds",
    "di",
    "dci",
    "pc",
    "cs",
];

/// Honorifics that are titles only when written abbreviated with a full stop:
/// "Del. Marsh" is a Delegate, "Del Rio" a name.
const DOTTED_HONORIFICS: &[&str] = &["del"];

/// Is `w` an honorific written before a name ("Col.", "Mrs", "DC", "Del.")?
fn is_honorific(w: &str) -> bool {
    let l = w.trim_end_matches('.').to_lowercase();
    w.starts_with(char::is_uppercase)
        && (HONORIFICS.contains(&l.as_str())
            || (w.ends_with('.') && DOTTED_HONORIFICS.contains(&l.as_str())))
}

/// Is `w` a word that qualifies a title inside it ("Prime", "Environment")?
fn is_title_qualifier(w: &str) -> bool {
    w.starts_with(char::is_uppercase)
        && TITLE_QUALIFIERS.contains(&w.trim_end_matches('.').to_lowercase().as_str())
}

/// Where the name starts in a mention that opens with its bearer's titles
/// ("Environment CS Judi Odera", "DC Arlen"): one honorific at least, and
/// a capitalised name after them. The mention finder strips the titles it
/// knows as words; these are the ones written as initials or qualified.
fn name_after_titles(surface: &str) -> Option<usize> {
    let mut has_title = false;
    for (at, w) in word_starts(surface) {
        if is_honorific(w) {
            has_title = true;
        } else if !is_title_qualifier(w) {
            let named = w.starts_with(char::is_uppercase) && at > 0;
            return (has_title && named).then_some(at);
        }
    }
    None
}

/// The words of `s` with their byte starts.
fn word_starts(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split(' ')
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .filter(|(_, w)| !w.is_empty())
}

/// Words that qualify a title inside it ("Prime Minister", "Secretary of
/// State", "Det Con"): part of a titled form only with a real title to their left.
const TITLE_QUALIFIERS: &[&str] = &[
    "of",
    "state",
    "foreign",
    "vice",
    "attorney",
    "police",
    "defence",
    "defense",
    "interior",
    "finance",
    "home",
    "con",
    "cs",
    "environment",
    "health",
    "justice",
    "trade",
];

#[derive(Debug, Default)]
struct Form {
    /// Surface variants (exact strings) with counts.
    surfaces: HashMap<String, usize>,
    /// The same name with the title written before it ("Col. Castan"): aliases only.
    titled: BTreeSet<String>,
    kinds: HashMap<EntityKind, usize>,
    mentions: Vec<Cite>,
    /// Mentions written "the North": a compass word standing for a country.
    compass: usize,
}

impl Form {
    fn kind(&self) -> EntityKind {
        let mut v: Vec<(&EntityKind, &usize)> = self.kinds.iter().collect();
        v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        v.first().map_or(EntityKind::Other, |x| *x.0)
    }
    fn surface(&self) -> &str {
        self.surfaces
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map_or("", |x| x.0.as_str())
    }
}

struct Dsu(Vec<usize>);

impl Dsu {
    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.0[ra.max(rb)] = ra.min(rb);
        }
    }
}

/// Clean a surface: single spaces, no leading "the", no possessive.
fn clean(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let s = s
        .strip_prefix("the ")
        .or_else(|| s.strip_prefix("The "))
        .unwrap_or(&s)
        .to_string();
    let n = crate::lex::possessive_len(&s);
    s.get(..s.len() - n).unwrap_or(&s).to_string()
}

/// "Col. Castan" for the mention "Castan" when capitalised honorifics stand
/// right before it on the same line (at most four words: "Lt. Col.",
/// "Secretary of State"), with the country or body the title belongs to when
/// one is named before it ("New Zealand Prime Minister", "LAPD Cmdr.").
fn titled_surface(text: &str, start: usize, end: usize) -> Option<String> {
    let before = text.get(..start)?;
    let mut rest = before;
    // Starts of the words taken, right to left, and whether one is a real title.
    let mut taken: Vec<(usize, &str)> = Vec::new();
    let mut has_title = false;
    for _ in 0..4 {
        let Some((word_start, w)) = word_before(rest) else {
            break;
        };
        let honorific = is_honorific(w);
        let qualifier = (w == "of" && !taken.is_empty()) || is_title_qualifier(w);
        if !honorific && !qualifier {
            break;
        }
        has_title |= honorific;
        taken.push((word_start, w));
        rest = text.get(..word_start)?;
    }
    // "of" opens no title: "the office of Prime Minister X" starts at "Prime".
    while taken.last().is_some_and(|(_, w)| *w == "of") {
        taken.pop();
    }
    let from = taken.last().filter(|_| has_title)?.0;
    let rest = text.get(..from)?;
    // "Attorney General Greg Abbott": a capitalised word before the titles
    // means the title was only partly read; better no titled form than a wrong
    // one, unless those words name a place or a body by its initials.
    // A capitalised function word ("But Dr Mike Brown") opens a sentence, not
    // a title, and a comma ends the phrase before it ("On Thursday, Gen. X").
    // A closing quote ends the phrase too: `Tarn," Mr Hollis said`.
    let lead = rest
        .trim_end_matches(' ')
        .trim_end_matches(['"', '”', '\'', '’']);
    let capital_before = lead.len() < rest.len()
        && lead.split_whitespace().next_back().is_some_and(|w| {
            w.starts_with(char::is_uppercase) && !dossier_text::is_stopword(&w.to_lowercase())
        })
        && !lead.ends_with(['.', '!', '?', ':', ';', ',']);
    let from = if capital_before {
        owner_before(text, from)?
    } else {
        from
    };
    let t = text.get(from..end)?;
    Some(t.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Lower-case particles that open a surname written without its given name
/// ("de Soultrait was there", "van Dijk scored").
const SURNAME_PARTICLES: &[&str] = &[
    "de", "du", "des", "da", "di", "del", "della", "dos", "das", "van", "von", "der", "den", "ter",
];

/// The start of a surname particle written right before a one-word mention
/// ("de" in "de Soultrait"): the surname is written with it.
fn particle_before(text: &str, start: usize) -> Option<usize> {
    let (at, w) = word_before(text.get(..start)?)?;
    let next_is_the_mention = text.get(at + w.len()..start) == Some(" ");
    (next_is_the_mention && SURNAME_PARTICLES.contains(&w)).then_some(at)
}

/// The word that ends `rest` on the same line, with its start.
fn word_before(rest: &str) -> Option<(usize, &str)> {
    let trimmed = rest.trim_end_matches(' ');
    if trimmed.len() == rest.len() || trimmed.ends_with('\n') {
        return None;
    }
    let word_start = trimmed
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace() || matches!(c, '(' | '"' | '“' | ','))
        .map_or(0, |(p, c)| p + c.len_utf8());
    Some((word_start, trimmed.get(word_start..)?))
}

/// The start of one to three capitalised words before `at` that name a place
/// the gazetteer knows or a body by its initials: whose title it is.
fn owner_before(text: &str, at: usize) -> Option<usize> {
    let mut rest = text.get(..at)?;
    let mut best = None;
    for n in 1..=3 {
        let (ws, w) = word_before(rest)?;
        if !w.starts_with(char::is_uppercase) {
            break;
        }
        let cand = text.get(ws..at)?.trim_end();
        if gazetteer::lookup(cand).is_some_and(|e| e.kind == EntityKind::Place)
            || (n == 1 && is_acronym(cand))
        {
            best = Some(ws);
        }
        rest = text.get(..ws)?;
    }
    best
}

fn content_words(key: &str) -> Vec<String> {
    key.split([' ', '-'])
        .filter(|w| !w.is_empty() && !SKIP.contains(w))
        .map(|w| unpossessive(w).to_string())
        .collect()
}

/// "fishermen's" and "fishermen" are one word when names are compared.
fn unpossessive(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix('\''))
        .unwrap_or(w)
}

/// A transliteration skeleton of one word: no al-/el- prefix, no vowels, no
/// doubled letters, "kh"/"gh" as "k"/"g", "Abdul-"/"Abdel-" as "Abd".
fn skeleton_word(w: &str) -> String {
    let w = w.to_lowercase();
    // Short words carry too little to compare by consonants: "Ivo" must be "Ivo".
    if w.chars().filter(|c| c.is_alphabetic()).count() < 4 {
        return w;
    }
    let w = [
        "al-", "el-", "al ", "ul-", "ad-", "as-", "ash-", "at-", "az-", "an-", "ar-",
    ]
    .iter()
    .find_map(|p| w.strip_prefix(p))
    .unwrap_or(&w)
    .to_string();
    // "Abdul-Razzaq", "Abdel Razak", "Abderrazak": the article after "Abd" is
    // written, assimilated or left out.
    let w = ["abdul", "abdel", "abdal", "abdol"]
        .iter()
        .find_map(|p| {
            w.strip_prefix(p)
                .filter(|r| r.chars().filter(|c| c.is_alphabetic()).count() >= 3)
                .map(|r| format!("abd{}", r.trim_start_matches(['-', ' '])))
        })
        .unwrap_or(w);
    let mut out = String::new();
    let mut first = true;
    let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
    for (i, &c) in letters.iter().enumerate() {
        let next = letters.get(i + 1).copied();
        let c = match c {
            // "Defence" and "Defense": a soft c (before e, i, y) is an s.
            'c' if matches!(next, Some('e' | 'i' | 'y')) => 's',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'á' | 'à' | 'â' | 'ä' => 'a',
            'ï' | 'í' => 'i',
            'ö' | 'ó' | 'ô' => 'o',
            'ü' | 'ú' | 'û' => 'u',
            // "Barack" and "Barak": a hard c is a k.
            'c' => 'k',
            'h' if !first && (out.ends_with('k') || out.ends_with('g')) => continue,
            _ => c,
        };
        let vowel = matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'w');
        if vowel && !first {
            continue;
        }
        let c = if vowel {
            'a'
        } else if c == 'q' {
            'k'
        } else {
            c
        };
        first = false;
        if out.ends_with(c) {
            continue;
        }
        out.push(c);
    }
    while out.len() > 2 && out.ends_with('h') {
        out.pop();
    }
    out
}

/// Word skeletons, sorted, so that reordered names match too.
fn skeleton(key: &str) -> Vec<String> {
    let mut v: Vec<String> = key
        .split(' ')
        .filter(|w| !SKIP.contains(w))
        .map(skeleton_word)
        .filter(|s| !s.is_empty())
        .collect();
    v.sort();
    v
}

/// The head of a name: the last word before "of"/"for"/...: "council" in
/// "popular council for the defence of vellach", "guard" in "ostrana national guard".
fn head_word(words: &[&str]) -> Option<usize> {
    let stop = words
        .iter()
        .position(|w| HEAD_STOP.contains(w))
        .unwrap_or(words.len());
    stop.checked_sub(1)
}

/// Does the lone word `i` open an organisation's name whose other words are
/// company or agency words ("Vantor" and "Vantor Shipping")?
fn opens_company(plain_words: &[Vec<&str>], i: usize, kinds: &[EntityKind]) -> bool {
    let Some(w) = plain_words[i].first().filter(|_| plain_words[i].len() == 1) else {
        return false;
    };
    plain_words.iter().enumerate().any(|(j, long)| {
        j != i
            && long.len() >= 2
            && kinds[j] != EntityKind::Person
            && long[0] == *w
            && long[1..]
                .iter()
                .all(|x| COMPANY_HEADS.contains(x) || SHORT_NAME_HEADS.contains(x))
    })
}

/// Skeletons of the content words of a name.
fn content_skeletons(words: &[&str]) -> BTreeSet<String> {
    words
        .iter()
        .filter(|w| !SKIP.contains(w) && !HEAD_STOP.contains(w))
        .map(|w| skeleton_word(unpossessive(w)))
        .collect()
}

fn is_org_head(w: &str) -> bool {
    ORG_HEADS.contains(&w)
}

/// Head words that alone usually name some other, well-known body ("the
/// House", "the Senate", "the Court", "the Police"): a bare one joins nothing.
const GENERIC_HEADS: &[&str] = &[
    "house",
    "senate",
    "congress",
    "parliament",
    "government",
    "court",
    "police",
    "state",
    "city",
    "department",
    "office",
    "news",
    "post",
    "press",
    "times",
    "daily",
    "international",
    "watch",
    "service",
    "services",
    "tv",
    "television",
    "radio",
    "channel",
    "network",
    "board",
    "administration",
    "cabinet",
    "forces",
    "force",
    "unit",
    "command",
    "centre",
    "center",
];

/// Words that close a company's name: "Halvard Terminals" may be called "Halvard".
const COMPANY_HEADS: &[&str] = &[
    "terminals",
    "group",
    "holdings",
    "corporation",
    "corp",
    "company",
    "inc",
    "ltd",
    "industries",
    "motors",
    "airlines",
    "airways",
    "shipping",
    "logistics",
    "partners",
];

/// Words after a name that its bearer is also called without: "Amaq News
/// Agency" is "Amaq". Not product or programme words ("Apple Watch", "Apple TV").
const SHORT_NAME_HEADS: &[&str] = &[
    "agency",
    "news",
    "press",
    "brigade",
    "brigades",
    "movement",
    "front",
    "party",
    "union",
    "foundation",
    "institute",
    "association",
    "society",
    "council",
    "committee",
];

/// "Canadian", "Northern", "Turkish": adjectives of place, not short names.
fn adjective_like(w: &str) -> bool {
    ["an", "ese", "ish", "ern", "ic", "i"]
        .iter()
        .any(|s| w.ends_with(s))
        || w.starts_with(|c: char| c.is_ascii_digit())
}

fn compatible(a: EntityKind, b: EntityKind) -> bool {
    a == b || a == EntityKind::Other || b == EntityKind::Other
}

fn well_formed(s: &str) -> bool {
    let first_ok = s.chars().next().is_some_and(char::is_uppercase)
        || s.starts_with("al-")
        || s.starts_with("el-");
    let balanced = s.matches('(').count() == s.matches(')').count();
    first_ok && balanced && !s.contains('\n') && s.chars().any(char::is_alphabetic)
}

/// Union `i` with the one group among `roots`, if there is exactly one.
fn join_unique(dsu: &mut Dsu, i: usize, roots: &BTreeSet<usize>) {
    if roots.len() == 1 {
        if let Some(&r) = roots.iter().next() {
            dsu.union(i, r);
        }
    }
}

/// A surname that fits several full names joins the one the story names far
/// more often (twice as often as any other, counting all its forms): "Musk"
/// in a story about Elon Musk that names his brother once. Otherwise none.
fn join_salient(dsu: &mut Dsu, i: usize, roots: &BTreeSet<usize>, forms: &[Form]) {
    if roots.len() < 2 {
        join_unique(dsu, i, roots);
        return;
    }
    let mut weight: HashMap<usize, usize> = HashMap::new();
    for (j, f) in forms.iter().enumerate() {
        let r = dsu.find(j);
        if roots.contains(&r) {
            *weight.entry(r).or_insert(0) += f.mentions.len();
        }
    }
    let mut ranked: Vec<(usize, usize)> = weight.into_iter().map(|(r, w)| (w, r)).collect();
    ranked.sort_unstable_by(|a, b| b.cmp(a));
    if let [(top, r), (second, _), ..] = ranked.as_slice() {
        if *top >= 2 * second {
            dsu.union(i, *r);
        }
    }
}

/// Compass words that, after "the", name one half of a divided country
/// ("the North" for North Korea, "the South" for South Sudan).
const COMPASS: &[&str] = &["North", "South"];

/// Is the mention a compass word written after "the" ("the North said")?
fn compass_name(text: &str, start: usize, end: usize) -> bool {
    let before = text.get(..start).unwrap_or("");
    COMPASS.contains(&text.get(start..end).unwrap_or(""))
        && (before.ends_with("the ") || before.ends_with("The "))
}

/// "the North" joins the one place the story names that opens with the
/// word ("North Korea"), when it is mostly written so.
fn compass_countries(
    forms: &[Form],
    plain_words: &[Vec<&str>],
    kinds: &[EntityKind],
    dsu: &mut Dsu,
) {
    for (i, f) in forms.iter().enumerate() {
        if f.compass * 2 <= f.mentions.len() {
            continue;
        }
        let roots: BTreeSet<usize> = (0..forms.len())
            .filter(|&j| {
                kinds[j] == EntityKind::Place
                    && plain_words[j].len() == 2
                    && plain_words[j].first() == plain_words[i].first()
            })
            .map(|j| dsu.find(j))
            .collect();
        join_unique(dsu, i, &roots);
    }
}

/// "Pyongyang said": a capital that the story uses mostly as an actor, not
/// as a place ("in Pyongyang"), joins the country it governs when the story
/// names that country too.
fn seats_of_government(forms: &[Form], locative: &HashMap<usize, usize>, dsu: &mut Dsu) {
    for (i, f) in forms.iter().enumerate() {
        let Some(country) = gazetteer::country_of_capital(f.surface()) else {
            continue;
        };
        if locative.get(&i).copied().unwrap_or(0) * 2 >= f.mentions.len() {
            continue;
        }
        let roots: BTreeSet<usize> = (0..forms.len())
            .filter(|&j| {
                gazetteer::lookup(forms[j].surface()).is_some_and(|e| e.group == country.group)
            })
            .map(|j| dsu.find(j))
            .collect();
        join_unique(dsu, i, &roots);
    }
}

/// Does the word before a mention make it a place ("in X", "near X")?
fn locative_before(text: &str, start: usize) -> bool {
    let before = text.get(..start).unwrap_or("").trim_end();
    let w = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
        .to_lowercase();
    matches!(
        w.as_str(),
        "in" | "at" | "near" | "from" | "to" | "outside" | "into" | "around" | "across"
    )
}

/// "Jane and Gary Quill": a lone given name coordinated with a person's full
/// name shares its surname. The full name it stands for ("Jane Quill").
fn shared_surname(a: &Article, mi: usize) -> Option<String> {
    let (m, next) = (a.mentions.get(mi)?, a.mentions.get(mi + 1)?);
    let given = a.text_of(m.span);
    let full = clean(a.text_of(next.span));
    let surname = full.split_whitespace().skip(1).last()?;
    // "Paul Simon and Art Garfunkel": a capitalised word before it makes the
    // first name a full name too.
    let lone = word_before(a.text.get(..m.span.start)?)
        .is_none_or(|(_, w)| !w.starts_with(char::is_uppercase));
    let one_word = given.starts_with(char::is_uppercase) && given.chars().all(char::is_alphabetic);
    let coordinated = a.text.get(m.span.end..next.span.start) == Some(" and ");
    (coordinated
        && lone
        && one_word
        && next.kind == EntityKind::Person
        && !matches!(m.kind, EntityKind::Organization | EntityKind::Place))
    .then(|| format!("{given} {surname}"))
}

/// The full names that coordinated given names stand for, as pairs of forms to
/// join; a full name no mention writes becomes a person's form. A word that is
/// some person's surname in the story is no given name ("Smith and John Doe").
fn coordinated_full_names(
    coordinated: Vec<(usize, String)>,
    forms: &mut Vec<Form>,
    form_of: &mut impl FnMut(String, &mut Vec<Form>) -> usize,
) -> Vec<(usize, usize)> {
    let surnames: BTreeSet<String> = forms
        .iter()
        .filter(|f| f.kind() == EntityKind::Person)
        .filter_map(|f| {
            let words: Vec<&str> = f.surface().split_whitespace().collect();
            (words.len() >= 2).then(|| gazetteer::key(words[words.len() - 1]))
        })
        .collect();
    let mut pairs = Vec::new();
    for (fi, full) in coordinated {
        if surnames.contains(&gazetteer::key(forms[fi].surface())) {
            continue;
        }
        let di = form_of(gazetteer::key(&full), forms);
        *forms[di].surfaces.entry(full).or_insert(0) += 0;
        forms[di].kinds.entry(EntityKind::Person).or_insert(0);
        pairs.push((fi, di));
    }
    pairs
}

/// "Tember the lion broke out", "Rufus the lion, ...": a one-word name
/// opening a clause with "the" and a lower-case noun after it is named with its
/// descriptor; that whole is an alias. At a clause's start only, so that "gave
/// Jones the ball" stays apart.
fn named_with_a_descriptor(text: &str, start: usize, end: usize) -> Option<String> {
    let name = text.get(start..end)?;
    let after = text.get(end..)?.strip_prefix(" the ")?;
    let noun_len = after
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(after.len());
    let noun = after.get(..noun_len)?;
    let closes = after
        .get(noun_len..)
        .is_some_and(|r| r.starts_with([' ', ',']));
    let before = text.get(..start)?.trim_end_matches(' ');
    let clause_start = before.is_empty() || before.ends_with(['.', ',', '\n', ';', ':']);
    let one_word = name.starts_with(char::is_uppercase) && !name.contains(' ');
    let common_noun =
        noun.len() >= 3 && noun.starts_with(char::is_lowercase) && !dossier_text::is_stopword(noun);
    (clause_start && one_word && common_noun && closes).then(|| format!("{name} the {noun}"))
}

/// Group every mention of every article into actors, most-mentioned first.
// Union-find works on form indices; index loops read clearer than zipped iterators here.
#[allow(clippy::needless_range_loop)]
pub fn group(articles: &[&Article]) -> Vec<EntityGroup> {
    let mut forms: Vec<Form> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut defined: Vec<(usize, String)> = Vec::new();
    // Mentions of a form preceded by "in"/"at"/...: a place, whatever the kind says.
    let mut locative: HashMap<usize, usize> = HashMap::new();
    let mut form_of = |key: String, forms: &mut Vec<Form>| -> usize {
        *by_key.entry(key).or_insert_with(|| {
            forms.push(Form::default());
            forms.len() - 1
        })
    };
    let mut coordinated: Vec<(usize, String)> = Vec::new();
    for a in articles {
        for (mi, m) in a.mentions.iter().enumerate() {
            let mut surface = clean(a.text_of(m.span));
            if surface.is_empty() {
                continue;
            }
            let (mut kind, mut titled_whole) = (m.kind, None);
            if !matches!(m.kind, EntityKind::Organization | EntityKind::Place) {
                if let Some(name) = name_after_titles(&surface).and_then(|at| surface.get(at..)) {
                    // "DC Arlen" is Bird with his rank: the name is the form, the
                    // titled whole an alias, and titles make a person.
                    let name = name.to_string();
                    titled_whole = Some(std::mem::replace(&mut surface, name));
                    kind = EntityKind::Person;
                }
            }
            let key = gazetteer::key(&surface);
            let fi = form_of(key, &mut forms);
            let f = &mut forms[fi];
            *f.surfaces.entry(surface).or_insert(0) += 1;
            *f.kinds.entry(kind).or_insert(0) += 1;
            f.mentions.push(Cite::new(a.id, m.span));
            f.titled.extend(titled_whole);
            if kind != EntityKind::Organization && kind != EntityKind::Place {
                let particle = particle_before(&a.text, m.span.start);
                let start = particle.unwrap_or(m.span.start);
                if particle.is_some() {
                    if let Some(t) = a.text.get(start..m.span.end) {
                        f.titled.insert(t.to_string());
                    }
                }
                if let Some(t) = titled_surface(&a.text, start, m.span.end) {
                    f.titled.insert(t);
                }
            }
            if let Some(t) = named_with_a_descriptor(&a.text, m.span.start, m.span.end) {
                f.titled.insert(t);
            }
            if compass_name(&a.text, m.span.start, m.span.end) {
                f.compass += 1;
                f.titled.insert(format!("the {}", a.text_of(m.span)));
            }
            if locative_before(&a.text, m.span.start) {
                *locative.entry(fi).or_insert(0) += 1;
            }
            if let Some(d) = m.defined_as {
                let ds = clean(a.text_of(d));
                if !ds.is_empty() {
                    defined.push((fi, ds));
                }
            }
            coordinated.extend(shared_surname(a, mi).map(|full| (fi, full)));
        }
    }
    // A definition may name a form no mention has: it still joins the group as an alias.
    let mut def_pairs = Vec::new();
    for (fi, ds) in defined {
        // An acronym stands for a longer name only if its letters fit it: "Ostrana
        // (NPA)" in a dateline is a credit, not a definition.
        let fs = forms[fi].surface().to_string();
        let misfit = |acro: &str, full: &str| {
            is_acronym(acro)
                && !is_acronym(full)
                && full.split_whitespace().count() >= 2
                && !loose_initials_match(full, acro)
        };
        if misfit(&fs, &ds) || misfit(&ds, &fs) {
            continue;
        }
        let key = gazetteer::key(&ds);
        let di = form_of(key, &mut forms);
        *forms[di].surfaces.entry(ds).or_insert(0) += 0;
        def_pairs.push((fi, di));
    }
    def_pairs.extend(coordinated_full_names(
        coordinated,
        &mut forms,
        &mut form_of,
    ));
    let n = forms.len();
    let mut dsu = Dsu((0..n).collect());
    for (a, b) in def_pairs {
        dsu.union(a, b);
    }
    let keys: Vec<String> = {
        let mut v = vec![String::new(); n];
        for (k, &i) in &by_key {
            v[i] = k.clone();
        }
        v
    };
    let kinds: Vec<EntityKind> = forms.iter().map(Form::kind).collect();
    // Places named in the story: "GLF Mirsk" is the GLF's wing in the town of Mirsk.
    let places: BTreeSet<&str> = (0..n)
        .filter(|&i| kinds[i] == EntityKind::Place || locative.contains_key(&i))
        .map(|i| keys[i].as_str())
        .collect();
    // Known equivalents.
    let mut by_group: HashMap<usize, usize> = HashMap::new();
    for i in 0..n {
        if let Some(e) = gazetteer::lookup(forms[i].surface()) {
            match by_group.get(&e.group) {
                Some(&j) => dsu.union(i, j),
                None => {
                    by_group.insert(e.group, i);
                }
            }
        }
    }
    seats_of_government(&forms, &locative, &mut dsu);
    // Same content words in another order: "Shura Council of X" / "X Shura Council".
    let mut by_set: HashMap<BTreeSet<String>, Vec<usize>> = HashMap::new();
    for i in 0..n {
        let cw = content_words(&keys[i]);
        if cw.len() >= 2 {
            by_set.entry(cw.into_iter().collect()).or_default().push(i);
        }
    }
    // Every pair, not only neighbours: "Kim-Jong-nam" read as a place between
    // two person forms must not keep them apart.
    // The same words in the same order are one name whatever kind a sentence
    // suggested ("Kim-Jong-nam" read as a place), unless the gazetteer knows
    // one of them as a place.
    let same_name = |x: usize, y: usize| {
        content_words(&keys[x]) == content_words(&keys[y])
            && gazetteer::lookup(forms[x].surface()).is_none()
            && gazetteer::lookup(forms[y].surface()).is_none()
    };
    for v in by_set.values() {
        for (k, &x) in v.iter().enumerate() {
            for &y in &v[..k] {
                if compatible(kinds[x], kinds[y]) || same_name(x, y) {
                    dsu.union(x, y);
                }
            }
        }
    }
    inflected_variants(&forms, &keys, &kinds, &mut dsu);
    // Transliteration variants: same consonant skeleton, word by word. One word
    // alone ("Mure", "Morrow") carries too little: it must be a person's name on
    // both sides and keep at least three consonants.
    let mut by_skel: HashMap<Vec<String>, Vec<usize>> = HashMap::new();
    for i in 0..n {
        let sk = skeleton(&keys[i]);
        let letters: usize = sk.iter().map(String::len).sum();
        let long_enough = keys[i]
            .split(' ')
            .filter(|w| !SKIP.contains(w))
            .any(|w| w.trim_start_matches("al-").chars().count() >= 4);
        if letters >= 3 && long_enough && !is_acronym(forms[i].surface()) {
            by_skel.entry(sk).or_default().push(i);
        }
    }
    for (sk, v) in &by_skel {
        let single = sk.len() == 1;
        for (k, &x) in v.iter().enumerate() {
            for &y in &v[..k] {
                let ok = if single {
                    kinds[x] == EntityKind::Person
                        && kinds[y] == EntityKind::Person
                        && sk[0].chars().count() >= 3
                } else {
                    compatible(kinds[x], kinds[y])
                };
                if ok {
                    dsu.union(x, y);
                }
            }
        }
    }
    acronyms(&forms, &places, &mut dsu);
    // People: a surname alone, or a shorter form of a full name, joins the one
    // full name it fits, only when exactly one fits.
    let person_words: Vec<Vec<String>> = keys.iter().map(|k| person_key(k)).collect();
    let plain_words: Vec<Vec<&str>> = keys.iter().map(|k| k.split(' ').collect()).collect();
    same_full_names(&person_words, &kinds, &mut dsu);
    compass_countries(&forms, &plain_words, &kinds, &mut dsu);
    middle_names_dropped(&person_words, &kinds, &mut dsu);
    // Given names first: "Elon" joined to "Elon Musk" makes him the salient
    // bearer of "Musk" below.
    given_names(articles, &forms, &plain_words, &kinds, &locative, &mut dsu);
    for i in 0..n {
        // A lone word the gazetteer does not know, seldom used as a place, may be
        // a surname whatever kind its own sentences suggested ("Bigelow's film";
        // "in Bigelow's new film" once in twenty mentions does not make a town).
        let unknown_word = plain_words[i].len() == 1
            && seldom_a_place(&forms, &locative, i)
            && gazetteer::lookup(forms[i].surface()).is_none();
        if !(matches!(kinds[i], EntityKind::Person | EntityKind::Other) || unknown_word)
            || is_acronym(forms[i].surface())
        {
            continue;
        }
        let short = &person_words[i];
        if short.is_empty() || short.iter().all(String::is_empty) {
            continue;
        }
        // A lone word that is not known as a person ("Mure", a river) must be
        // the surname exactly; spelling variants need a person on both sides.
        let exact_only = kinds[i] != EntityKind::Person && short.len() == 1;
        // "Vantor" with both "Maris Vantor" and "Vantor Shipping" in the story:
        // the founder or the firm; better apart than wrong.
        if short.len() == 1 && opens_company(&plain_words, i, &kinds) {
            continue;
        }
        let mut roots = BTreeSet::new();
        for j in 0..n {
            let long = &person_words[j];
            if i == j || kinds[j] != EntityKind::Person || long.len() <= short.len() {
                continue;
            }
            let fits = if exact_only {
                plain_words[j].last() == plain_words[i].last()
            } else {
                long.last() == short.last()
                    && is_subsequence(short, long)
                    && (short.len() == 1 || short.first() == long.first() || long.ends_with(short))
            };
            if fits {
                roots.insert(dsu.find(j));
            }
        }
        join_salient(&mut dsu, i, &roots, &forms);
    }
    // Organisations: "the Council", "National Guard", "Council of X" join the one
    // longer organisation whose name contains them around its head word. Longer
    // parts first, so that "National Guard" has joined its group before "Guard" looks.
    let skels: Vec<BTreeSet<String>> = plain_words.iter().map(|w| content_skeletons(w)).collect();
    let heads: Vec<Option<usize>> = plain_words
        .iter()
        .map(|w| head_word(w).filter(|&h| w.get(h).is_some_and(|x| is_org_head(x))))
        .collect();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(plain_words[i].len()));
    for i in order {
        let short = &plain_words[i];
        if short.is_empty()
            || (short.len() == 1 && GENERIC_HEADS.contains(&short[0]))
            || kinds[i] == EntityKind::Place
            || (short.len() == 1 && kinds[i] == EntityKind::Person)
            || is_acronym(forms[i].surface())
        {
            continue;
        }
        let mut roots = BTreeSet::new();
        for j in 0..n {
            let long = &plain_words[j];
            if i == j || long.len() < short.len() || kinds[j] == EntityKind::Person {
                continue;
            }
            let Some(h) = heads[j] else { continue };
            let inside = long.len() > short.len()
                && long
                    .windows(short.len())
                    .enumerate()
                    .any(|(p, win)| win == short.as_slice() && p <= h && h < p + short.len());
            // Reworded: "Shura Council of Mujahideen" in "Mujahedeen Shura
            // Council of Derna", "Libyan Army" in "Libyan National Army": two or
            // more content words, the head among them, all in the longer name.
            let (short_sk, long_sk) = (&skels[i], &skels[j]);
            let subset = short_sk.len() >= 2
                && short_sk.len() < long_sk.len()
                && short_sk.contains(&skeleton_word(long[h]))
                && short_sk.is_subset(long_sk);
            let inside = inside || subset;
            if inside {
                roots.insert(dsu.find(j));
            }
        }
        join_unique(&mut dsu, i, &roots);
    }
    // "Halvard" for "Halvard Terminals": a lone name that opens exactly one
    // organisation's name, the rest of which is company or agency words, is no
    // adjective and is never used as a place.
    for i in 0..n {
        let short = &plain_words[i];
        // A given name alone ("Halvard") may be a company's: unless a person in
        // the story bears it.
        let a_persons_name = plain_words
            .iter()
            .enumerate()
            .any(|(j, w)| kinds[j] == EntityKind::Person && w.len() >= 2 && w.contains(&short[0]));
        if short.len() != 1
            || adjective_like(short[0])
            || GENERIC_HEADS.contains(&short[0])
            || kinds[i] == EntityKind::Place
            || (kinds[i] == EntityKind::Person && a_persons_name)
            || locative.get(&i).copied().unwrap_or(0) > 0
            || gazetteer::lookup(forms[i].surface()).is_some()
            || is_acronym(forms[i].surface())
        {
            continue;
        }
        let mut roots = BTreeSet::new();
        for j in 0..n {
            let long = &plain_words[j];
            if i == j || long.len() < 2 || kinds[j] == EntityKind::Person {
                continue;
            }
            if long[0] == short[0]
                && long[1..]
                    .iter()
                    .all(|w| COMPANY_HEADS.contains(w) || SHORT_NAME_HEADS.contains(w))
            {
                roots.insert(dsu.find(j));
            }
        }
        join_unique(&mut dsu, i, &roots);
    }
    blended_names(&forms, &kinds, &mut dsu);
    // Acronyms again: the merges above may have left one candidate where there were two.
    acronyms(&forms, &places, &mut dsu);
    titles_by_sex(articles, &mut forms, &plain_words, &kinds, &mut dsu);
    // Collect groups.
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..n {
        members.entry(dsu.find(i)).or_default().push(i);
    }
    let mut groups: Vec<EntityGroup> = members
        .into_values()
        .filter(|m| m.iter().any(|&i| !forms[i].mentions.is_empty()))
        .map(|m| build(&forms, &m))
        .collect();
    groups.sort_by(|a, b| {
        b.mentions
            .len()
            .cmp(&a.mentions.len())
            .then_with(|| a.name.cmp(&b.name))
    });
    groups
}

/// Endings that inflect or derive a name without changing what it names:
/// "Service"/"Services", "Rastafari"/"Rastafarian"/"Rastafarianism".
const NAME_ENDINGS: &[&str] = &["s", "es", "n", "an", "ism", "ist", "ists"];

/// A word and what is left of it without each of `NAME_ENDINGS`.
fn bases(w: &str) -> impl Iterator<Item = &str> {
    std::iter::once(w).chain(NAME_ENDINGS.iter().filter_map(move |e| w.strip_suffix(e)))
}

/// Do two last words share a base of at least `min` letters: "Tavorians"
/// and "Tavorianism" (both "Tavorian")?
fn inflects(a: &str, b: &str, min: usize) -> bool {
    a != b && bases(a).any(|x| x.chars().count() >= min && bases(b).any(|y| x == y))
}

/// Organisations and other names (never people or places: "William" and
/// "Williams", "Kenya" and "Kenyan" name different things) that differ only
/// by an ending on their last word. A lone word must keep six letters before
/// the ending, so that short words do not meet by chance.
fn inflected_variants(forms: &[Form], keys: &[String], kinds: &[EntityKind], dsu: &mut Dsu) {
    let eligible = |i: usize| {
        !matches!(kinds[i], EntityKind::Person | EntityKind::Place)
            && !is_acronym(forms[i].surface())
            && gazetteer::lookup(forms[i].surface()).is_none()
    };
    // Names that share all but their last word.
    let mut by_head: HashMap<&str, Vec<(usize, &str)>> = HashMap::new();
    for i in (0..keys.len()).filter(|&i| eligible(i)) {
        let (head, last) = keys[i].rsplit_once(' ').unwrap_or(("", keys[i].as_str()));
        by_head.entry(head).or_default().push((i, last));
    }
    for (head, v) in &by_head {
        for (k, &(x, a)) in v.iter().enumerate() {
            for &(y, b) in &v[..k] {
                let min = if head.is_empty() { 6 } else { 3 };
                if inflects(a, b, min) {
                    dsu.union(x, y);
                }
            }
        }
    }
}

/// A person's name compared word by word: consonant skeletons, and a familiar
/// given name read as the formal one ("mike brown" as "michael brown").
fn person_key(key: &str) -> Vec<String> {
    let words: Vec<&str> = key.split(' ').collect();
    words
        .iter()
        .enumerate()
        .map(|(p, w)| {
            let w = if p == 0 && words.len() >= 2 {
                names::formal_given_name(w)
            } else {
                w
            };
            skeleton_word(w)
        })
        .collect()
}

/// "Mike Brown" and "Michael Brown": full names of two words or more that are
/// one name once familiar given names read as formal ones.
fn same_full_names(person_words: &[Vec<String>], kinds: &[EntityKind], dsu: &mut Dsu) {
    let mut by_name: HashMap<&[String], usize> = HashMap::new();
    for (i, w) in person_words.iter().enumerate() {
        if kinds[i] != EntityKind::Person || w.len() < 2 {
            continue;
        }
        match by_name.get(w.as_slice()) {
            Some(&j) => dsu.union(i, j),
            None => {
                by_name.insert(w, i);
            }
        }
    }
}

/// "Oakleigh Nance" is "Oakleigh Ryan Nance" without the middle name: a full
/// name that opens and ends like exactly one longer one, the rest of it in
/// order inside, is that person. Done before given names, so that a lone
/// "Oakleigh" meets one person, not two forms of one.
fn middle_names_dropped(person_words: &[Vec<String>], kinds: &[EntityKind], dsu: &mut Dsu) {
    let persons: Vec<usize> = (0..person_words.len())
        .filter(|&i| kinds[i] == EntityKind::Person && person_words[i].len() >= 2)
        .collect();
    for &i in &persons {
        let short = &person_words[i];
        let roots: BTreeSet<usize> = persons
            .iter()
            .copied()
            .filter(|&j| {
                let long = &person_words[j];
                long.len() > short.len()
                    && long.first() == short.first()
                    && long.last() == short.last()
                    && is_subsequence(short, long)
            })
            .map(|j| dsu.find(j))
            .collect();
        join_unique(dsu, i, &roots);
    }
}

/// A given name alone ("Kanye", "Elon"), or a family name written first
/// ("Chun" for "Chun Hae-sung"), joins the one person whose full name opens
/// with it, unless some person's surname is that word or the word is met only
/// in a list of lone names ("two sisters, Heather and June": other people).
fn given_names(
    articles: &[&Article],
    forms: &[Form],
    plain_words: &[Vec<&str>],
    kinds: &[EntityKind],
    locative: &HashMap<usize, usize>,
    dsu: &mut Dsu,
) {
    let persons: Vec<usize> = (0..forms.len())
        .filter(|&j| kinds[j] == EntityKind::Person && plain_words[j].len() >= 2)
        .collect();
    for i in 0..forms.len() {
        let [w] = plain_words[i].as_slice() else {
            continue;
        };
        if forms[i].compass * 2 > forms[i].mentions.len() {
            continue;
        }
        let surface = forms[i].surface();
        let mostly_not_a_place = seldom_a_place(forms, locative, i);
        let plausible = kinds[i] == EntityKind::Person
            || (mostly_not_a_place && gazetteer::lookup(surface).is_none());
        if !plausible || is_acronym(surface) || !surface.starts_with(char::is_uppercase) {
            continue;
        }
        // Someone's surname, unless that "someone" is a shouted headline
        // ("HELP PAY KANYE"), not a name.
        let surname = persons.iter().any(|&j| {
            plain_words[j].last() == Some(w) && forms[j].surface().chars().any(char::is_lowercase)
        });
        if surname {
            continue;
        }
        let listed = forms[i]
            .mentions
            .iter()
            .filter(|c| in_name_list(articles, c))
            .count();
        if listed * 2 >= forms[i].mentions.len().max(1) {
            continue;
        }
        let candidates: Vec<usize> = persons
            .iter()
            .copied()
            .filter(|&j| plain_words[j].first() == Some(w))
            .collect();
        // "Jane" in a report that names Jane Marshall is her, even when
        // another report names a Jane Quill.
        let local: BTreeSet<usize> = candidates
            .iter()
            .filter(|&&j| named_in_every_article_of(&forms[j], &forms[i]))
            .map(|&j| dsu.find(j))
            .collect();
        let roots: BTreeSet<usize> = candidates.iter().map(|&j| dsu.find(j)).collect();
        if roots.len() > 1 && local.len() == 1 {
            join_unique(dsu, i, &local);
        } else {
            join_salient(dsu, i, &roots, forms);
        }
    }
}

/// Is form `i` written after "in"/"at"/... in at most a quarter of its
/// mentions? "to Kanye" now and then does not make a place of a name.
fn seldom_a_place(forms: &[Form], locative: &HashMap<usize, usize>, i: usize) -> bool {
    locative.get(&i).copied().unwrap_or(0) * 4 <= forms[i].mentions.len()
}

/// Does `full` have a mention in every article where `short` is met?
fn named_in_every_article_of(full: &Form, short: &Form) -> bool {
    short
        .mentions
        .iter()
        .all(|c| full.mentions.iter().any(|m| m.article == c.article))
}

/// Is the mention one of a pair of lone names ("Heather and June")?
fn in_name_list(articles: &[&Article], c: &Cite) -> bool {
    let Some(a) = articles.iter().find(|a| a.id == c.article) else {
        return false;
    };
    let after = a.text.get(c.span.end..).unwrap_or("");
    let before = a.text.get(..c.span.start).unwrap_or("");
    let lone_cap = |w: Option<&str>| {
        w.is_some_and(|w| w.starts_with(char::is_uppercase) && w.chars().all(char::is_alphabetic))
    };
    let next = after
        .strip_prefix(" and ")
        .or_else(|| after.strip_prefix(" & "))
        .map(|r| r.split(|c: char| !c.is_alphabetic()).next());
    let next_is_lone = next.is_some_and(|w| {
        lone_cap(w)
            && after
                .get(5 + w.map_or(0, str::len)..)
                .is_none_or(|r| !r.starts_with(' ') || !r[1..].starts_with(char::is_uppercase))
    });
    let prev = before
        .strip_suffix(" and ")
        .or_else(|| before.strip_suffix(" & "))
        .map(|r| r.rsplit(|c: char| !c.is_alphabetic()).next());
    next_is_lone || prev.is_some_and(lone_cap)
}

/// Acronyms spelled by the initials of exactly one longer form; "ABC-Town" or
/// "ABC Town" (an acronym with a qualifier) when the qualifier is also in that
/// form or is a place the story names (a local wing).
fn acronyms(forms: &[Form], places: &BTreeSet<&str>, dsu: &mut Dsu) {
    for (i, fi) in forms.iter().enumerate() {
        let s = fi.surface();
        let Some((acro, qualifier)) = acronym_and_qualifier(s) else {
            continue;
        };
        // "AF447" is a flight or a model, not the body whose initials it carries.
        if acro.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let target: String = acro.chars().filter(|c| c.is_alphabetic()).collect();
        let mut roots = BTreeSet::new();
        for (j, fj) in forms.iter().enumerate() {
            if i == j {
                continue;
            }
            let ws: Vec<&str> = fj.surface().split_whitespace().collect();
            if ws.len() < 2 {
                continue;
            }
            let fits = match qualifier.as_deref() {
                // "KLF-Dorn" for "Kessian Liberation Front of Dorn": the qualifier
                // is in the name, spelled by the acronym or not.
                Some(q) => {
                    let has = |w: &&str| w.to_lowercase() == q;
                    let rest: Vec<&str> = ws.iter().copied().filter(|w| !has(w)).collect();
                    (ws.iter().any(has) && (spells(&ws, &target) || spells(&rest, &target)))
                        || (places.contains(q) && spells(&ws, &target))
                }
                None => spells(&ws, &target),
            };
            if fits {
                roots.insert(dsu.find(j));
            }
        }
        join_salient(dsu, i, &roots, forms);
    }
}

/// "Vermtech" for "Vermora Institute of Technology", "Vermhigh" for
/// "Vermora Department of Highways": a one-word name blended from the
/// openings of an organisation's words joins the one organisation it fits.
fn blended_names(forms: &[Form], kinds: &[EntityKind], dsu: &mut Dsu) {
    for (i, fi) in forms.iter().enumerate() {
        let s = fi.surface();
        if s.contains(' ')
            || s.len() < 6
            || !s.is_ascii()
            || is_acronym(s)
            || gazetteer::lookup(s).is_some()
        {
            continue;
        }
        let blend = s.to_lowercase();
        let mut roots = BTreeSet::new();
        for (j, fj) in forms.iter().enumerate() {
            if kinds[j] != EntityKind::Organization {
                continue;
            }
            let words: Vec<String> = content_words(&gazetteer::key(fj.surface()));
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            if words.len() >= 2 && blends(&blend, &words, 0) {
                roots.insert(dsu.find(j));
            }
        }
        join_unique(dsu, i, &roots);
    }
}

/// Is `w` made of openings (three letters or more) of `words`, in order, the
/// first of them the first word's, two openings at least?
fn blends(w: &str, words: &[&str], taken: usize) -> bool {
    if w.is_empty() {
        return taken >= 2;
    }
    let first_only = if taken == 0 { 1 } else { words.len() };
    for (j, word) in words.iter().enumerate().take(first_only) {
        let common = w
            .bytes()
            .zip(word.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        for k in (3..=common).rev() {
            if blends(&w[k..], &words[j + 1..], taken + 1) {
                return true;
            }
        }
    }
    false
}

/// An acronym and the qualifier written with it: "ABC-Town", "ABC Town", or
/// the qualifier first ("Kessa P.D." for the Kessa Police Department).
fn acronym_and_qualifier(s: &str) -> Option<(&str, Option<String>)> {
    let qualifier = |q: &str| {
        !q.is_empty()
            && !q.contains([' ', '-'])
            && q.chars().next().is_some_and(char::is_uppercase)
            && !is_acronym(q)
    };
    // "US-Japan" is a pair of countries, not a wing of one.
    let a_place = |a: &str| matches!(gazetteer::lookup(a), Some(e) if e.kind == EntityKind::Place);
    match s.split_once(['-', ' ']) {
        Some((a, q)) if is_acronym(a) && qualifier(q) && !a_place(a) => {
            Some((a, Some(q.to_lowercase())))
        }
        _ if is_acronym(s) => Some((s, None)),
        _ => match s.rsplit_once(' ') {
            Some((q, a)) if is_acronym(a) && qualifier(q) && gazetteer::lookup(s).is_none() => {
                Some((a, Some(q.to_lowercase())))
            }
            _ => None,
        },
    }
}

/// Do the initials of `words` spell `target`, name particles skipped
/// ("ISIL") or kept ("ASMB" for "Abu Salim Martyrs Brigade")?
fn spells(words: &[&str], target: &str) -> bool {
    if initials(words) == target {
        return true;
    }
    let all: String = words
        .iter()
        .filter(|w| {
            !matches!(
                w.to_lowercase().as_str(),
                "of" | "the" | "and" | "for" | "&"
            )
        })
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect();
    all == target
}

/// The sex a form's mentions show: an honorific right before one ("Mrs Jane
/// Quill"), or the first personal pronoun in the few words after it ("Jane
/// Quill and her husband"), when the mentions agree more than they disagree.
fn sex_shown(articles: &[&Article], f: &Form) -> Option<names::Sex> {
    let (mut male, mut female) = (0, 0);
    for c in &f.mentions {
        let Some(a) = articles.iter().find(|a| a.id == c.article) else {
            continue;
        };
        let before = a.text.get(..c.span.start).and_then(word_before);
        let after = a.text.get(c.span.end..).unwrap_or("");
        let shown = before
            .and_then(|(_, w)| names::honorific_sex(w))
            .or_else(|| pronoun_sex(after));
        match shown {
            Some(names::Sex::Male) => male += 1,
            Some(names::Sex::Female) => female += 1,
            None => {}
        }
    }
    match male.cmp(&female) {
        std::cmp::Ordering::Greater => Some(names::Sex::Male),
        std::cmp::Ordering::Less => Some(names::Sex::Female),
        std::cmp::Ordering::Equal => None,
    }
}

/// The sex of the first third-person pronoun within six words of the start of
/// `after`, in the same sentence.
fn pronoun_sex(after: &str) -> Option<names::Sex> {
    let sentence = after.split(['.', '!', '?', '\n']).next().unwrap_or("");
    sentence
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(6)
        .find_map(|w| match w.to_lowercase().as_str() {
            "he" | "him" | "his" | "himself" => Some(names::Sex::Male),
            "she" | "her" | "hers" | "herself" => Some(names::Sex::Female),
            _ => None,
        })
}

/// "Mr Quill" and "Mrs Quill" when the story names a Gary Quill and a Jane
/// Quill: each titled surname goes to the one bearer of that surname whose
/// mentions show the title's sex, or else to the one not shown the other sex.
/// Otherwise it stays where the surname went.
fn titles_by_sex(
    articles: &[&Article],
    forms: &mut [Form],
    plain_words: &[Vec<&str>],
    kinds: &[EntityKind],
    dsu: &mut Dsu,
) {
    for i in 0..forms.len() {
        let [surname] = plain_words[i].as_slice() else {
            continue;
        };
        // Each bearer's group with one of its full names and the sex it shows.
        let mut bearers: HashMap<usize, (usize, Option<names::Sex>)> = HashMap::new();
        for (j, words) in plain_words.iter().enumerate() {
            if kinds[j] == EntityKind::Person && words.len() >= 2 && words.last() == Some(surname) {
                let sex = sex_shown(articles, &forms[j]);
                let e = bearers.entry(dsu.find(j)).or_insert((j, None));
                e.1 = e.1.or(sex);
            }
        }
        if bearers.len() < 2 {
            continue;
        }
        let titled: Vec<String> = forms[i].titled.iter().cloned().collect();
        for t in titled {
            let Some(sex) = t.split_whitespace().find_map(names::honorific_sex) else {
                continue;
            };
            let pick = |want: &dyn Fn(Option<names::Sex>) -> bool| {
                let v: Vec<usize> = bearers
                    .values()
                    .filter(|b| want(b.1))
                    .map(|b| b.0)
                    .collect();
                (v.len() == 1).then(|| v[0])
            };
            let to = pick(&|s| s == Some(sex)).or_else(|| pick(&|s| s.is_none_or(|s| s == sex)));
            if let Some(j) = to {
                forms[i].titled.remove(&t);
                forms[j].titled.insert(t);
            }
        }
    }
}

/// "Mr Quill" and "Mrs Quill" on one surname are a husband and a wife, not
/// one person's titles: neither is kept as an alias.
fn drop_mixed_sexes(titled: &mut BTreeSet<&str>) {
    let sex = |t: &str| t.split_whitespace().find_map(names::honorific_sex);
    let male = titled.iter().any(|t| sex(t) == Some(names::Sex::Male));
    let female = titled.iter().any(|t| sex(t) == Some(names::Sex::Female));
    if male && female {
        titled.retain(|t| sex(t).is_none());
    }
}

fn is_subsequence(short: &[String], long: &[String]) -> bool {
    let mut it = long.iter();
    short.iter().all(|s| it.any(|l| l == s))
}

/// The kind most mentions were given, leaving "other" aside.
fn majority_kind(kinds: &HashMap<EntityKind, usize>) -> Option<EntityKind> {
    let mut v: Vec<(EntityKind, usize)> = kinds
        .iter()
        .map(|(k, c)| (*k, *c))
        .filter(|k| k.0 != EntityKind::Other)
        .collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v.first().map(|x| x.0)
}

fn build(forms: &[Form], members: &[usize]) -> EntityGroup {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    let mut kinds: HashMap<EntityKind, usize> = HashMap::new();
    let mut mentions = Vec::new();
    let mut gaz_kind = None;
    let mut titled: BTreeSet<&str> = BTreeSet::new();
    for &i in members {
        for (s, c) in &forms[i].surfaces {
            *counts.entry(s.as_str()).or_insert(0) += c;
        }
        for (k, c) in &forms[i].kinds {
            *kinds.entry(*k).or_insert(0) += c;
        }
        titled.extend(forms[i].titled.iter().map(String::as_str));
        mentions.extend(forms[i].mentions.iter().copied());
        if gaz_kind.is_none() {
            gaz_kind = gazetteer::lookup(forms[i].surface()).map(|e| e.kind);
        }
    }
    drop_mixed_sexes(&mut titled);
    let mut surfaces: Vec<(&str, usize)> = counts.into_iter().collect();
    surfaces.sort_by(|a, b| a.0.cmp(b.0));
    let name = surfaces
        .iter()
        .max_by(|a, b| {
            // The most complete well-formed name; among spellings of equal
            // length in words, the most frequent, then the longest.
            let score = |s: &str, c: usize| {
                (
                    well_formed(s),
                    !is_acronym(s),
                    s.split_whitespace().count(),
                    c,
                    s.chars().count(),
                )
            };
            score(a.0, a.1).cmp(&score(b.0, b.1)).then(b.0.cmp(a.0))
        })
        .map_or(String::new(), |x| x.0.to_string());
    let mut aliases: Vec<String> = surfaces
        .iter()
        .map(|x| x.0.to_string())
        .filter(|s| *s != name)
        .collect();
    for t in titled {
        if t != name && !aliases.iter().any(|a| a == t) {
            aliases.push(t.to_string());
        }
    }
    // The full name's own kind first: "Kathryn Bigelow" is a person however
    // often "Bigelow" alone was read as a place.
    let full_name_kind = (name.split_whitespace().count() >= 2)
        .then(|| {
            members
                .iter()
                .find(|&&i| forms[i].surfaces.contains_key(&name))
        })
        .flatten()
        .and_then(|&i| majority_kind(&forms[i].kinds));
    let kind = gaz_kind
        .or(full_name_kind)
        .unwrap_or_else(|| majority_kind(&kinds).unwrap_or(EntityKind::Other));
    mentions.sort();
    mentions.dedup();
    EntityGroup {
        name,
        kind,
        aliases,
        mentions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_model::{ArticleId, Mention, Span};

    fn art(id: usize, text: &str) -> Article {
        let mut a = Article::new(ArticleId(id), "t", text.to_string());
        crate::Pipeline::standard().run(&mut a);
        a
    }

    fn find<'a>(g: &'a [EntityGroup], name: &str) -> &'a EntityGroup {
        g.iter()
            .find(|x| x.name == name || x.aliases.iter().any(|a| a == name))
            .unwrap_or_else(|| panic!("{name} not in {g:#?}"))
    }

    #[test]
    fn ranks_written_as_initials_are_titles_of_the_name() {
        let a = art(0, "Detective Constable Rhys Varley led the search. DC Varley said the path was loose. Environment CS Amina Toroitich blamed the contractors. Toroitich said so.");
        let g = group(&[&a]);
        assert!(
            names(find(&g, "Rhys Varley")).contains(&"DC Varley"),
            "{g:#?}"
        );
        let cs = find(&g, "Toroitich");
        assert!(
            names(cs).contains(&"Environment CS Amina Toroitich"),
            "{g:#?}"
        );
        assert_eq!(cs.name, "Amina Toroitich", "{g:#?}");
    }

    #[test]
    fn a_dotted_delegate_is_a_title() {
        let a = art(
            0,
            "Del. Marisa Quell Dorne (D) pushed a bill. Dorne said the city would suffer.",
        );
        let g = group(&[&a]);
        assert!(
            names(find(&g, "Dorne")).contains(&"Del. Marisa Quell Dorne"),
            "{g:#?}"
        );
    }

    #[test]
    fn a_title_after_a_closing_quote_is_kept() {
        let a = art(0, "The deal is unclear, said Ansel K Brodie, a law professor. \"The deal is vague, said Musgrove,\" Mr Brodie said.");
        let g = group(&[&a]);
        assert!(
            names(find(&g, "Ansel K Brodie")).contains(&"Mr Brodie"),
            "{g:#?}"
        );
    }

    #[test]
    fn a_given_name_coordinated_with_a_full_name_shares_its_surname() {
        let a = art(0, "Keen walkers Nora and Evan Pell, from Hexley, left the ridge at dusk. He said Nora, a librarian who was also known as Nora Quist, went ahead.");
        let b = art(
            1,
            "Nora Pell and her husband Evan, of Hexley, turned back before the top.",
        );
        let g = group(&[&a, &b]);
        let nora = find(&g, "Nora Pell");
        for n in ["Nora", "Nora Quist"] {
            assert!(names(nora).contains(&n), "{n}: {g:#?}");
        }
    }

    #[test]
    fn a_husbands_and_a_wifes_titles_go_to_each() {
        let a = art(0, "Keen walkers Nora and Evan Pell, from Hexley, left the ridge at dusk. Mr Pell said his wife went ahead. Mrs Pell fell twenty feet.");
        let b = art(1, "Nora Pell and her husband Evan, of Hexley, turned back. Mrs Pell was fit, Mr Pell told the inquest.");
        let g = group(&[&a, &b]);
        assert!(names(find(&g, "Nora Pell")).contains(&"Mrs Pell"), "{g:#?}");
        assert!(names(find(&g, "Evan Pell")).contains(&"Mr Pell"), "{g:#?}");
        assert!(
            !names(find(&g, "Evan Pell")).contains(&"Mrs Pell"),
            "{g:#?}"
        );
    }

    #[test]
    fn a_name_with_the_descriptor_after_it_is_an_alias() {
        let a = art(0, "Brisko the lion, the park's best known cat, was shot on Monday. Rangers said Brisko had strayed.");
        let b = art(1, "In another incident, Tamber the leopard broke out of a reserve. Officials gave Tamber the benefit of the doubt.");
        let g = group(&[&a, &b]);
        assert!(
            names(find(&g, "Brisko")).contains(&"Brisko the lion"),
            "{g:#?}"
        );
        let t = names(find(&g, "Tamber"));
        assert!(t.contains(&"Tamber the leopard"), "{g:#?}");
        assert!(!t.contains(&"Tamber the benefit"), "{g:#?}");
    }

    #[test]
    fn a_name_blended_from_an_organisations_words_is_that_organisation() {
        let a = art(0, "The Vermora Department of Highways said the barrier was damaged. A VermHigh crew had not fixed it. Vermhigh spokesman Ola Fenn said repairs were due.");
        let g = group(&[&a]);
        let e = find(&g, "Vermora Department of Highways");
        assert!(
            names(e).contains(&"Vermhigh") || names(e).contains(&"VermHigh"),
            "{g:#?}"
        );
        assert!(blends(
            "vermtech",
            &["vermora", "institute", "technology"],
            0
        ));
        assert!(!blends(
            "calder",
            &["california", "department", "energy"],
            0
        ));
    }

    #[test]
    fn a_qualifier_before_an_acronym_names_the_local_body() {
        let a = art(0, "The Varnton Police Department opened an inquiry. Witnesses said the Varnton P.D. had lied about the raid.");
        let g = group(&[&a]);
        assert!(
            names(find(&g, "Varnton Police Department")).contains(&"Varnton P.D."),
            "{g:#?}"
        );
    }

    #[test]
    fn a_title_after_a_comma_is_kept() {
        let a = art(0, "General Ilan Varsky leads the southern command. Earlier on Thursday, Gen. Varsky said new targets were approved.");
        let g = group(&[&a]);
        assert!(
            names(find(&g, "Ilan Varsky")).contains(&"Gen. Varsky"),
            "{g:#?}"
        );
    }

    #[test]
    fn soft_c_is_an_s() {
        assert_eq!(skeleton_word("Defence"), skeleton_word("Defense"));
        assert_eq!(skeleton_word("Barack"), skeleton_word("Barak"));
    }

    #[test]
    fn skeletons() {
        assert_eq!(skeleton_word("Salafiyeen"), skeleton_word("Salafiyin"));
        assert_eq!(skeleton_word("al-Rashidi"), skeleton_word("Rashidy"));
        assert_eq!(skeleton_word("al-Haddar"), skeleton_word("Hadar"));
        assert_ne!(skeleton_word("Karvosa"), skeleton_word("Kerbela"));
    }

    #[test]
    fn groups_across_articles() {
        let a = art(0, "The Tellmar Salafiyeen Shura Council (TSSC) took the port. Its leader Hamid al-Rashidi said the Islamic State had fled. Gen. Tomas Verhoek agreed.");
        let b = art(1, "Fighters of the Shura Council of Tellmar Salafiyin held the hills. Rashidy said so. ISIS and Isis fighters left. Gen. Verhoek stayed. The Orvan Shura Council disagreed.");
        let g = group(&[&a, &b]);
        let council = find(&g, "TSSC");
        assert_eq!(council.kind, EntityKind::Organization);
        assert_eq!(council.name, "Shura Council of Tellmar Salafiyin");
        assert!(
            council
                .aliases
                .iter()
                .any(|x| x == "Tellmar Salafiyeen Shura Council"),
            "{council:?}"
        );
        assert!(
            !council.aliases.iter().any(|x| x.contains("Orvan")),
            "{council:?}"
        );
        let is = find(&g, "ISIS");
        assert_eq!(is.name, "Islamic State");
        assert!(is.aliases.contains(&"Isis".to_string()));
        let p = find(&g, "Rashidy");
        assert_eq!(p.name, "Hamid al-Rashidi");
        let v = find(&g, "Verhoek");
        assert_eq!(v.name, "Tomas Verhoek");
        assert_eq!(v.mentions.len(), 2);
        let total: usize = g.iter().map(|x| x.mentions.len()).sum();
        assert_eq!(total, a.mentions.len() + b.mentions.len());
        for w in g.windows(2) {
            assert!(w[0].mentions.len() >= w[1].mentions.len());
        }
    }

    fn names(g: &EntityGroup) -> Vec<&str> {
        let mut v: Vec<&str> = std::iter::once(g.name.as_str())
            .chain(g.aliases.iter().map(String::as_str))
            .collect();
        v.sort_unstable();
        v
    }

    #[test]
    fn dateline_credit_is_not_an_alias() {
        let a = art(0, "DORVAL, Kessia (WNA) - Shelling resumed in Dorval on Monday. The Western News Agency said six people died.");
        let b = art(
            1,
            "Kessia closed its border. WNA reporters were turned back.",
        );
        let g = group(&[&a, &b]);
        let wna = find(&g, "WNA");
        assert_eq!(names(wna), ["WNA", "Western News Agency"], "{g:#?}");
        let k = find(&g, "Kessia");
        assert!(!k.aliases.iter().any(|x| x == "WNA"), "{k:?}");
    }

    #[test]
    fn mismatched_acronym_definition_is_ignored() {
        // Even if a definition slips through, letters that do not fit the name
        // do not make an alias.
        let mut a = Article::new(ArticleId(0), "t", "Tessaly Ridge (QXR) fell.".into());
        a.mentions = vec![
            Mention {
                span: Span::new(0, 13),
                kind: EntityKind::Place,
                defined_as: None,
            },
            Mention {
                span: Span::new(15, 18),
                kind: EntityKind::Organization,
                defined_as: Some(Span::new(0, 13)),
            },
        ];
        let g = group(&[&a]);
        assert_eq!(g.len(), 2, "{g:#?}");
    }

    #[test]
    fn a_lone_word_does_not_join_a_surname_by_skeleton() {
        let mut a = Article::new(
            ArticleId(0),
            "t",
            "Barges on the Mora. Greta Moore said. Moore left.".into(),
        );
        let m = |s, e, k| Mention {
            span: Span::new(s, e),
            kind: k,
            defined_as: None,
        };
        a.mentions = vec![
            m(14, 18, EntityKind::Other),
            m(20, 31, EntityKind::Person),
            m(38, 43, EntityKind::Person),
        ];
        let g = group(&[&a]);
        assert_eq!(names(find(&g, "Moore")), ["Greta Moore", "Moore"], "{g:#?}");
        assert_eq!(names(find(&g, "Mora")), ["Mora"], "{g:#?}");
    }

    #[test]
    fn the_head_word_joins_the_one_organisation_it_heads() {
        let a = art(0, "The Iron Hill Brotherhood held Korvin. The Ostrel National Guard watched from Tamsa. The Harbour Council of Korvin met.");
        let b = art(1, "The Brotherhood denied it. The Guard stayed in its barracks, a National Guard officer said. The Council did not comment.");
        let g = group(&[&a, &b]);
        assert_eq!(
            names(find(&g, "Iron Hill Brotherhood")),
            ["Brotherhood", "Iron Hill Brotherhood"]
        );
        assert_eq!(
            names(find(&g, "Ostrel National Guard")),
            ["Guard", "National Guard", "Ostrel National Guard"]
        );
        assert_eq!(
            names(find(&g, "Council")),
            ["Council", "Harbour Council of Korvin"]
        );
    }

    #[test]
    fn a_head_word_shared_by_two_organisations_stays_apart() {
        let a = art(0, "The Harbour Council of Drenn and the Drenn Traders Council met. The Council said talks failed.");
        let g = group(&[&a]);
        assert_eq!(names(find(&g, "Council")), ["Council"], "{g:#?}");
        assert_eq!(
            names(find(&g, "Drenn Traders Council")),
            ["Drenn Traders Council"]
        );
    }

    #[test]
    fn titles_and_surnames_join_the_full_name() {
        let a = art(
            0,
            "Colonel Odile Varn commands the garrison. Col. Varn said the roads were open.",
        );
        let b = art(
            1,
            "Brig. Varn, promoted in May, met Mr Tallis. Varn declined to comment.",
        );
        let g = group(&[&a, &b]);
        let v = find(&g, "Odile Varn");
        assert_eq!(v.name, "Odile Varn");
        assert_eq!(
            names(v),
            [
                "Brig. Varn",
                "Col. Varn",
                "Colonel Odile Varn",
                "Odile Varn",
                "Varn"
            ]
        );
        assert_eq!(v.mentions.len(), 4);
    }

    #[test]
    fn acronyms_with_particles_and_qualifiers() {
        let a = art(0, "The Abu Karim Martyrs Brigade took the bridge. ASMB is not ABKMB. The Kessian Liberation Front of Dorn (KLF) agreed.");
        let b = art(
            1,
            "AKMB fighters held it. The KLF-Dorn said so, but the KLF-Tamsa did not.",
        );
        let g = group(&[&a, &b]);
        assert_eq!(
            names(find(&g, "AKMB")),
            ["AKMB", "Abu Karim Martyrs Brigade"],
            "{g:#?}"
        );
        let klf = find(&g, "KLF");
        assert!(klf.aliases.iter().any(|x| x == "KLF-Dorn"), "{klf:?}");
        assert!(!klf.aliases.iter().any(|x| x == "KLF-Tamsa"), "{klf:?}");
    }

    #[test]
    fn reworded_sub_names_join_the_longer_name() {
        let a = art(
            0,
            "The Mujahedeen Shura Council of Orsk took the port. The Talvan National Army watched.",
        );
        let b = art(1, "The Shura Council of Mujahideen said so. The Talvan Army denied it. The MSC Orsk gave no figures.");
        let g = group(&[&a, &b]);
        let c = find(&g, "Mujahedeen Shura Council of Orsk");
        assert!(
            c.aliases.iter().any(|x| x == "Shura Council of Mujahideen"),
            "{g:#?}"
        );
        assert!(c.aliases.iter().any(|x| x == "MSC Orsk"), "{g:#?}");
        assert_eq!(
            names(find(&g, "Talvan Army")),
            ["Talvan Army", "Talvan National Army"]
        );
    }

    #[test]
    fn a_word_naming_both_a_person_and_a_firm_stays_apart() {
        let a = art(0, "Korsa Shipping lost a tanker. Mira Korsa, its founder, was ashore. Pell Logistics helped.");
        let b = art(
            1,
            "Korsa said the crew was safe. Pell said the tug was late.",
        );
        let g = group(&[&a, &b]);
        assert_eq!(names(find(&g, "Mira Korsa")), ["Mira Korsa"], "{g:#?}");
        assert_eq!(
            names(find(&g, "Korsa Shipping")),
            ["Korsa Shipping"],
            "{g:#?}"
        );
        assert_eq!(
            names(find(&g, "Pell Logistics")),
            ["Pell", "Pell Logistics"],
            "{g:#?}"
        );
    }

    #[test]
    fn adjectives_and_generic_heads_join_nothing() {
        let a = art(0, "The Kessian Press reported it. The Kessian navy denied it. The Orsk City Council met in the White House.");
        let b = art(
            1,
            "Kessian officials said the House would vote. The Council agreed.",
        );
        let g = group(&[&a, &b]);
        assert!(
            !find(&g, "Kessian Press")
                .aliases
                .iter()
                .any(|x| x == "Kessian"),
            "{g:#?}"
        );
        assert!(
            !find(&g, "White House").aliases.iter().any(|x| x == "House"),
            "{g:#?}"
        );
        assert_eq!(
            names(find(&g, "Orsk City Council")),
            ["Council", "Orsk City Council"]
        );
    }

    #[test]
    fn same_surname_different_first_names_stay_apart() {
        let mut a = Article::new(
            ArticleId(0),
            "t",
            "Anna Berg met Lars Berg. Berg left.".into(),
        );
        let m = |s, e, k| Mention {
            span: Span::new(s, e),
            kind: k,
            defined_as: None,
        };
        a.mentions = vec![
            m(0, 9, EntityKind::Person),
            m(14, 23, EntityKind::Person),
            m(25, 29, EntityKind::Person),
        ];
        let g = group(&[&a]);
        assert_eq!(g.len(), 3, "{g:#?}");
    }

    #[test]
    fn familiar_and_formal_given_names_are_one_person() {
        // "Astronomer" opens the sentence only: it is no part of the name.
        let a = art(
            0,
            "Astronomer Tom Dorrance found the comet. Dorrance said it was faint.",
        );
        let b = art(
            1,
            "Thomas Dorrance, who teaches at the observatory, spotted it first.",
        );
        let g = group(&[&a, &b]);
        assert_eq!(
            names(find(&g, "Dorrance")),
            ["Dorrance", "Thomas Dorrance", "Tom Dorrance"],
            "{g:#?}"
        );
    }

    #[test]
    fn a_given_name_alone_joins_the_one_person_it_opens() {
        let a = art(0, "The singer Talvin Okoro cancelled his tour on Friday. Fans said Talvin had been unwell for weeks.");
        let g = group(&[&a]);
        assert_eq!(
            names(find(&g, "Talvin")),
            ["Talvin", "Talvin Okoro"],
            "{g:#?}"
        );
    }

    #[test]
    fn a_given_name_meets_the_full_name_without_its_middle_name() {
        let a = art(0, "The family said Orla Wynn Tessaro was born at 3 pounds. Orla Tessaro is now five months old.");
        let b = art(1, "Doctors say Orla is fighting a rare infection.");
        let g = group(&[&a, &b]);
        assert_eq!(
            names(find(&g, "Orla")),
            ["Orla", "Orla Tessaro", "Orla Wynn Tessaro"],
            "{g:#?}"
        );
    }

    #[test]
    fn a_given_name_is_the_person_its_own_report_names() {
        let a = art(0, "The climber Tobias Quill, from Lenholt, turned back. Maren Feld, as she was then, met him on the hill. Maren said the weather changed fast.");
        let b = art(
            1,
            "Maren Quill and her husband Tobias, of Lenholt, decided not to go on.",
        );
        let g = group(&[&a, &b]);
        assert!(names(find(&g, "Maren Feld")).contains(&"Maren"), "{g:#?}");
        assert!(!names(find(&g, "Maren Quill")).contains(&"Maren"), "{g:#?}");
    }

    #[test]
    fn a_full_name_keeps_its_kind_when_its_surname_was_read_as_a_place() {
        let a = art(0, "The film is directed by Tamsin Vell. Critics praised Vell and her cast. In Vell's film the motel is a trap. Vell said the story is true. Vell will start a new film in May.");
        let g = group(&[&a]);
        let e = find(&g, "Tamsin Vell");
        assert_eq!(e.kind, EntityKind::Person, "{g:#?}");
        assert!(names(e).contains(&"Vell"), "{g:#?}");
    }

    #[test]
    fn lone_names_in_a_list_are_other_people() {
        let a = art(0, "Her agent Greta Lindqvist-Moor confirmed the news. She leaves two daughters, Greta and Ilse.");
        let g = group(&[&a]);
        let full = find(&g, "Greta Lindqvist-Moor");
        assert!(!full.aliases.iter().any(|x| x == "Greta"), "{g:#?}");
    }

    #[test]
    fn a_husbands_and_a_wifes_titles_are_not_one_persons() {
        let a = art(
            0,
            "Mr Hollis said the path was icy. Mrs Hollis agreed and they turned back.",
        );
        let g = group(&[&a]);
        let h = find(&g, "Hollis");
        assert!(
            !(h.aliases.iter().any(|x| x == "Mr Hollis")
                && h.aliases.iter().any(|x| x == "Mrs Hollis")),
            "{g:#?}"
        );
    }

    #[test]
    fn titles_of_several_words_and_their_country_are_kept_as_aliases() {
        let t = "Talks resumed after Secretary of State Irma Falk arrived. Canada Prime Minister Joel Baptiste met her.";
        let falk = t.find("Irma").unwrap();
        assert_eq!(
            titled_surface(t, falk, falk + "Irma Falk".len()).as_deref(),
            Some("Secretary of State Irma Falk")
        );
        let joel = t.find("Joel").unwrap();
        assert_eq!(
            titled_surface(t, joel, joel + "Joel Baptiste".len()).as_deref(),
            Some("Canada Prime Minister Joel Baptiste")
        );
        let partly = "Tax Minister Ann Holt spoke.";
        assert_eq!(titled_surface(partly, 13, 21), None);
    }

    #[test]
    fn reordered_spellings_join_past_a_form_of_another_kind() {
        let a = art(
            0,
            "Ryu Min-jae was stopped at the border. Police said Ryu Min Jae had two passports.",
        );
        let b = art(1, "Officers in Ryu-Min-jae questioned him.");
        let g = group(&[&a, &b]);
        let r = find(&g, "Ryu Min Jae");
        assert!(
            r.aliases.iter().any(|x| x == "Ryu Min-jae") || r.name == "Ryu Min-jae",
            "{g:#?}"
        );
    }

    #[test]
    fn noble_and_police_ranks_are_titles() {
        let a = art(0, "Viscount Henri Valcourt hosted the party, and then Detective Constable Ruth Amsel arrived and Congressman Dale Porter left.");
        let g = group(&[&a]);
        assert!(
            names(find(&g, "Henri Valcourt")).contains(&"Viscount Henri Valcourt"),
            "{g:#?}"
        );
        assert!(
            names(find(&g, "Ruth Amsel")).contains(&"Detective Constable Ruth Amsel"),
            "{g:#?}"
        );
        assert!(
            names(find(&g, "Dale Porter")).contains(&"Congressman Dale Porter"),
            "{g:#?}"
        );
    }

    #[test]
    fn a_shared_surname_joins_the_person_named_far_more_often() {
        let a = art(0, "Inventor Oskar Brandvold unveiled the boat. Oskar Brandvold said it floats. Oskar Brandvold smiled. His cousin Lena Brandvold watched. Brandvold called it a start.");
        let g = group(&[&a]);
        assert!(
            names(find(&g, "Oskar Brandvold")).contains(&"Brandvold"),
            "{g:#?}"
        );
        assert!(!names(find(&g, "Lena Brandvold")).contains(&"Oskar Brandvold"));
    }

    #[test]
    fn a_surname_shared_by_two_people_named_as_often_stays_apart() {
        let a = art(
            0,
            "Oskar Brandvold and Lena Brandvold built the boat. Brandvold said it floats.",
        );
        let g = group(&[&a]);
        assert_eq!(names(find(&g, "Brandvold")), ["Brandvold"], "{g:#?}");
    }

    #[test]
    fn a_shouted_headline_is_no_surname_that_blocks_a_given_name() {
        let text = "HELP PAY TALVIN. Talvin Okoro sang. Talvin left.";
        let mut a = Article::new(ArticleId(0), "t", text.into());
        let person = |s: &str| {
            let start = text.rfind(s).unwrap();
            Mention {
                span: Span::new(start, start + s.len()),
                kind: EntityKind::Person,
                defined_as: None,
            }
        };
        a.mentions = vec![
            person("HELP PAY TALVIN"),
            person("Talvin Okoro"),
            person("Talvin"),
        ];
        let g = group(&[&a]);
        assert!(
            names(find(&g, "Talvin Okoro")).contains(&"Talvin"),
            "{g:#?}"
        );
    }

    #[test]
    fn a_double_surname_joins_the_full_name_the_story_is_about() {
        // "Holloway Price" is both Maud's and her father's surname; the story
        // names Maud far more often.
        let a = art(0, "Maud Holloway Price, the television cook, has died at 66. Holloway Price wrote eleven books. Holloway Price was born in Leeds. Her father, Edwin Holloway Price, was a surgeon.");
        let b = art(1, "Maud Holloway Price cooked on air for twenty years. Holloway Price never drove a car. Maud Holloway Price lived in Edinburgh.");
        let g = group(&[&a, &b]);
        let maud = find(&g, "Maud Holloway Price");
        assert!(maud.aliases.iter().any(|x| x == "Holloway Price"), "{g:#?}");
        let edwin = find(&g, "Edwin Holloway Price");
        assert!(
            !edwin.aliases.iter().any(|x| x == "Holloway Price"),
            "{g:#?}"
        );
    }

    #[test]
    fn a_family_name_written_first_joins_the_person_the_story_is_about() {
        let a = art(0, "Pak Sun-ho died at the airport. Police said Pak Sun-ho had a second passport. Mr Pak was 45. Pak Sun-ho lived abroad. His half-brother Pak Sun-il leads the party.");
        let b = art(1, "The death of Pak Sun-ho shocked officials. Pak Sun-ho had criticised the regime. Mr Pak travelled alone.");
        let g = group(&[&a, &b]);
        let victim = find(&g, "Pak Sun-ho");
        assert!(victim.aliases.iter().any(|x| x == "Mr Pak"), "{g:#?}");
        let brother = find(&g, "Pak Sun-il");
        assert!(!brother.aliases.iter().any(|x| x.contains("Mr")), "{g:#?}");
    }

    #[test]
    fn a_name_written_with_hyphens_is_the_same_name() {
        let a = art(0, "Pak Sun-ho died at the airport. Pak Sun-ho was 45.");
        let b = art(
            1,
            "Footage of Pak-Sun-ho at the airport was shown on television.",
        );
        let g = group(&[&a, &b]);
        let victim = find(&g, "Pak Sun-ho");
        assert!(victim.aliases.iter().any(|x| x == "Pak-Sun-ho"), "{g:#?}");
    }

    #[test]
    fn a_sentence_opening_word_does_not_hide_a_title() {
        let a = art(0, "Orla Benn found the comet. But Dr Orla Benn of the observatory told reporters it was faint. Benn said more would follow.");
        let g = group(&[&a]);
        let benn = find(&g, "Orla Benn");
        assert!(benn.aliases.iter().any(|x| x == "Dr Orla Benn"), "{g:#?}");
    }

    #[test]
    fn a_surname_keeps_its_particle_and_title() {
        let a = art(0, "The party was hosted by Vicomte Arthur de Varenne in Paris. Guests said de Varenne had left early. She stayed with the Vicomte de Varenne last year.");
        let g = group(&[&a]);
        let host = find(&g, "Arthur de Varenne");
        for alias in ["de Varenne", "Vicomte de Varenne"] {
            assert!(host.aliases.iter().any(|x| x == alias), "{alias}: {g:#?}");
        }
    }

    #[test]
    fn an_ending_on_the_last_word_is_the_same_name() {
        let a = art(0, "The Tessaly Wildlife Service said the lion was shot. Rangers of the Tessaly Wildlife Services tracked it. Some Tavorians prayed, and Tavorianism is an old faith.");
        let g = group(&[&a]);
        let service = find(&g, "Tessaly Wildlife Service");
        assert_eq!(
            names(service),
            ["Tessaly Wildlife Service", "Tessaly Wildlife Services"]
        );
        let faith = find(&g, "Tavorianism");
        assert!(names(faith).contains(&"Tavorians"), "{g:#?}");
    }

    #[test]
    fn a_given_name_makes_its_bearer_the_salient_owner_of_a_surname() {
        // Full names alone: Ivo Sand three times, Pia Sand twice; with "Ivo"
        // named twice more, "Sand" is Ivo.
        let a = art(0, "Ivo Sand bid for the port. His sister Pia Sand objected. Sand said the bid stands. Ivo wrote to investors. Sand would not comment.");
        let b = art(1, "Ivo Sand confirmed the offer. Ivo spoke for an hour. Pia Sand left early. Sand smiled. Ivo Sand will sign on Monday.");
        let g = group(&[&a, &b]);
        let ivo = find(&g, "Ivo Sand");
        assert!(ivo.aliases.iter().any(|x| x == "Sand"), "{g:#?}");
        let pia = find(&g, "Pia Sand");
        assert!(!pia.aliases.iter().any(|x| x == "Sand"), "{g:#?}");
    }

    #[test]
    fn an_acronym_that_fits_two_names_joins_the_one_named_far_more_often() {
        let a = art(0, "The Tessaly Wildlife Service tracked the lion. The Tessaly Wildlife Service said it was old. A member of the Tessaly Walking Society saw it. TWS rangers shot it. The Tessaly Wildlife Service regrets it.");
        let g = group(&[&a]);
        let service = find(&g, "Tessaly Wildlife Service");
        assert!(names(service).contains(&"TWS"), "{g:#?}");
    }

    #[test]
    fn the_north_is_the_divided_country_the_story_names() {
        let a = art(0, "Athletes from North Vellia will compete at the games in South Vellia. The North said the team would march under one flag. The South agreed, and the North's envoy arrived in South Vellia on Monday from North Vellia.");
        let g = group(&[&a]);
        let north = find(&g, "North Vellia");
        assert!(names(north).contains(&"the North"), "{g:#?}");
        let south = find(&g, "South Vellia");
        assert!(names(south).contains(&"the South"), "{g:#?}");
    }

    #[test]
    fn a_capital_speaking_is_its_country_and_a_capital_as_a_place_is_not() {
        let a = art(0, "North Korea will send athletes to the games. Pyongyang said the team would march under one flag, and Pyongyang also sent an envoy.");
        let g = group(&[&a]);
        assert!(
            names(find(&g, "North Korea")).contains(&"Pyongyang"),
            "{g:#?}"
        );
        let b = art(1, "Talks between Japan and North Korea were held in Tokyo. Delegates flew home from Tokyo on Friday.");
        let g = group(&[&b]);
        assert!(!names(find(&g, "Japan")).contains(&"Tokyo"), "{g:#?}");
    }
}
