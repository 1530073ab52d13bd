//! Cross-article alias grouping for one story: which surface forms name the
//! same actor ("Islamic State", "ISIS", "Isis"; "Gen. Verhoek", "Tomas Verhoek").
//!
//! Forms are merged by declared definitions (acronym in brackets, "also known
//! as"), a table of known equivalents, acronym initials, the same set of
//! content words in another order, a consonant skeleton for transliteration
//! variants, and a surname matching exactly one full name. Two forms with
//! different content (two councils, two first names) are never merged.

use std::collections::{BTreeSet, HashMap};

use dossier_model::{Article, Cite, EntityKind};

use crate::entities::initials;
use crate::gazetteer;
use crate::lex::is_acronym;

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

#[derive(Debug, Default)]
struct Form {
    /// Surface variants (exact strings) with counts.
    surfaces: HashMap<String, usize>,
    kinds: HashMap<EntityKind, usize>,
    mentions: Vec<Cite>,
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

fn content_words(key: &str) -> Vec<String> {
    key.split([' ', '-'])
        .filter(|w| !w.is_empty() && !SKIP.contains(w))
        .map(str::to_string)
        .collect()
}

/// A transliteration skeleton of one word: no al-/el- prefix, no vowels, no doubled letters.
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
    let mut out = String::new();
    let mut first = true;
    for c in w.chars().filter(|c| c.is_alphabetic()) {
        let c = match c {
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'á' | 'à' | 'â' | 'ä' => 'a',
            'ï' | 'í' => 'i',
            'ö' | 'ó' | 'ô' => 'o',
            'ü' | 'ú' | 'û' => 'u',
            'k' if out.ends_with('c') => continue,
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

/// Group every mention of every article into actors, most-mentioned first.
// Union-find works on form indices; index loops read clearer than zipped iterators here.
#[allow(clippy::needless_range_loop)]
pub fn group(articles: &[&Article]) -> Vec<EntityGroup> {
    let mut forms: Vec<Form> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut defined: Vec<(usize, String)> = Vec::new();
    let mut form_of = |key: String, forms: &mut Vec<Form>| -> usize {
        *by_key.entry(key).or_insert_with(|| {
            forms.push(Form::default());
            forms.len() - 1
        })
    };
    for a in articles {
        for m in &a.mentions {
            let surface = clean(a.text_of(m.span));
            if surface.is_empty() {
                continue;
            }
            let key = gazetteer::key(&surface);
            let fi = form_of(key, &mut forms);
            let f = &mut forms[fi];
            *f.surfaces.entry(surface).or_insert(0) += 1;
            *f.kinds.entry(m.kind).or_insert(0) += 1;
            f.mentions.push(Cite::new(a.id, m.span));
            if let Some(d) = m.defined_as {
                let ds = clean(a.text_of(d));
                if !ds.is_empty() {
                    defined.push((fi, ds));
                }
            }
        }
    }
    // A definition may name a form no mention has: it still joins the group as an alias.
    let mut def_pairs = Vec::new();
    for (fi, ds) in defined {
        let key = gazetteer::key(&ds);
        let di = form_of(key, &mut forms);
        *forms[di].surfaces.entry(ds).or_insert(0) += 0;
        def_pairs.push((fi, di));
    }
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
    // Same content words in another order: "Shura Council of X" / "X Shura Council".
    let mut by_set: HashMap<BTreeSet<String>, Vec<usize>> = HashMap::new();
    for i in 0..n {
        let cw = content_words(&keys[i]);
        if cw.len() >= 2 {
            by_set.entry(cw.into_iter().collect()).or_default().push(i);
        }
    }
    for v in by_set.values() {
        for w in v.windows(2) {
            if compatible(kinds[w[0]], kinds[w[1]]) {
                dsu.union(w[0], w[1]);
            }
        }
    }
    // Transliteration variants: same consonant skeleton, word by word.
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
    for v in by_skel.values() {
        for w in v.windows(2) {
            if compatible(kinds[w[0]], kinds[w[1]]) {
                dsu.union(w[0], w[1]);
            }
        }
    }
    // Acronyms spelled by the initials of exactly one longer form.
    for i in 0..n {
        let s = forms[i].surface().to_string();
        if !is_acronym(&s) {
            continue;
        }
        let target: String = s.chars().filter(|c| c.is_alphabetic()).collect();
        let mut roots = BTreeSet::new();
        for j in 0..n {
            if i == j {
                continue;
            }
            let sj = forms[j].surface();
            let ws: Vec<&str> = sj.split_whitespace().collect();
            if ws.len() >= 2 && initials(&ws) == target {
                roots.insert(dsu.find(j));
            }
        }
        if roots.len() == 1 {
            if let Some(&r) = roots.iter().next() {
                dsu.union(i, r);
            }
        }
    }
    // People: a surname alone, or a shorter form of a full name, joins the one
    // full name it fits, only when exactly one fits.
    let person_words: Vec<Vec<String>> = keys
        .iter()
        .map(|k| k.split(' ').map(skeleton_word).collect())
        .collect();
    for i in 0..n {
        if !matches!(kinds[i], EntityKind::Person | EntityKind::Other)
            || is_acronym(forms[i].surface())
        {
            continue;
        }
        let short = &person_words[i];
        if short.is_empty() || short.iter().all(String::is_empty) {
            continue;
        }
        let mut roots = BTreeSet::new();
        for j in 0..n {
            let long = &person_words[j];
            if i == j || kinds[j] != EntityKind::Person || long.len() <= short.len() {
                continue;
            }
            let fits = long.last() == short.last()
                && is_subsequence(short, long)
                && (short.len() == 1 || short.first() == long.first());
            if fits {
                roots.insert(dsu.find(j));
            }
        }
        if roots.len() == 1 {
            if let Some(&r) = roots.iter().next() {
                dsu.union(i, r);
            }
        }
    }
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

fn is_subsequence(short: &[String], long: &[String]) -> bool {
    let mut it = long.iter();
    short.iter().all(|s| it.any(|l| l == s))
}

fn build(forms: &[Form], members: &[usize]) -> EntityGroup {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    let mut kinds: HashMap<EntityKind, usize> = HashMap::new();
    let mut mentions = Vec::new();
    let mut gaz_kind = None;
    for &i in members {
        for (s, c) in &forms[i].surfaces {
            *counts.entry(s.as_str()).or_insert(0) += c;
        }
        for (k, c) in &forms[i].kinds {
            *kinds.entry(*k).or_insert(0) += c;
        }
        mentions.extend(forms[i].mentions.iter().copied());
        if gaz_kind.is_none() {
            gaz_kind = gazetteer::lookup(forms[i].surface()).map(|e| e.kind);
        }
    }
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
    let aliases: Vec<String> = surfaces
        .iter()
        .map(|x| x.0.to_string())
        .filter(|s| *s != name)
        .collect();
    let kind = gaz_kind.unwrap_or_else(|| {
        let mut v: Vec<(EntityKind, usize)> = kinds
            .into_iter()
            .filter(|k| k.0 != EntityKind::Other)
            .collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v.first().map_or(EntityKind::Other, |x| x.0)
    });
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
}
