//! Claim alignment across the articles of a story: which claims state the same
//! thing, seen through paraphrase, aliases and voice.
//!
//! Each claim becomes a bag of *keys*: the story entities it names (so
//! "Nasser al-Aker" and "Nasser Akr" are one key once aliases are grouped), the
//! paraphrase concepts or stems of its content words, the values it counts and
//! the days it dates. Keys are weighted by how few of the story's articles use
//! them, and two claims of different articles align when the weighted cosine
//! of their keys is high. Word order and voice do not enter, so "rangers shot
//! the lion" and "the lion was shot by rangers" share every key.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use dossier_analyze::claims::lexicon;
use dossier_model::{Article, Cite, Claim, Entity, Span};

/// Above this many articles, keys used by more than half of them are left out
/// of candidate search (their weight is small, their posting lists long).
const COMMON_KEY_ARTICLES: usize = 30;

/// One claim of the story with its keys.
pub struct View<'a> {
    pub article: &'a Article,
    /// Index of the article among the story's members.
    pub member: usize,
    pub claim: &'a Claim,
    /// Entity ids of the story named in the claim, sorted.
    pub entities: Vec<usize>,
    /// Entity ids of the places the claim names, sorted.
    pub places: Vec<usize>,
    /// Entity ids of who acts in the claim (named before its predicate), sorted.
    pub agents: Vec<usize>,
    /// (key id, weight), sorted by key id.
    keys: Vec<(u32, f32)>,
    norm: f32,
    /// Sum of the key weights.
    mass: f32,
    pub words: usize,
}

impl View<'_> {
    /// How much the claim says: the summed weight of its keys.
    pub fn mass(&self) -> f32 {
        self.mass
    }

    pub fn cite(&self) -> Cite {
        Cite::new(self.article.id, self.claim.span)
    }

    pub fn text(&self) -> &str {
        self.article.text_of(self.claim.span)
    }

    /// The sentence the claim belongs to.
    pub fn sentence(&self) -> Span {
        self.article
            .sentences
            .get(self.claim.sentence)
            .copied()
            .unwrap_or(self.claim.span)
    }

    /// Where copies lead: the article this one copies, or itself.
    pub fn root(&self) -> dossier_model::ArticleId {
        self.article.duplicate_of.unwrap_or(self.article.id)
    }
}

/// The claims of a story, keyed and indexed for alignment.
pub struct Aligned<'a> {
    pub views: Vec<View<'a>>,
    /// Claim pairs of different articles with their similarity, both ways:
    /// `pairs[i]` holds (j, similarity) sorted by j.
    pairs: Pairs,
    /// Claim pairs that report one event about the same actors (see
    /// [`same_frame`]), both ways, sorted.
    frames: Vec<Vec<usize>>,
    /// The story's people by entity id: name and the articles that name them.
    pub people: HashMap<usize, Person>,
}

/// A person of the story, for comparing the names aligned claims give.
pub struct Person {
    pub name: String,
    pub articles: Vec<dossier_model::ArticleId>,
}

fn people(entities: &[Entity]) -> HashMap<usize, Person> {
    entities
        .iter()
        .filter(|e| e.kind == dossier_model::EntityKind::Person)
        .map(|e| {
            let mut articles: Vec<_> = e.mentions.iter().map(|m| m.article).collect();
            articles.sort();
            articles.dedup();
            let person = Person {
                name: e.name.clone(),
                articles,
            };
            (e.id.0, person)
        })
        .collect()
}

/// Which story entity each mention span of an article belongs to.
fn entity_lookup(entities: &[Entity]) -> HashMap<(usize, usize, usize), usize> {
    let mut map = HashMap::default();
    for e in entities {
        for m in &e.mentions {
            map.insert((m.article.0, m.span.start, m.span.end), e.id.0);
        }
    }
    map
}

/// Kinds of keys, kept apart in one id space by a prefix.
fn key_text(kind: char, value: &str) -> String {
    format!("{kind}{value}")
}

/// The keys of one claim as strings: entities, concepts or stems, counts, days.
fn claim_keys(
    a: &Article,
    c: &Claim,
    lex: &lexicon::Lexicon,
    lookup: &HashMap<(usize, usize, usize), usize>,
) -> Keys {
    let mut keys = Vec::new();
    let mut entities = Vec::new();
    let mut places = Vec::new();
    let mut agents = Vec::new();
    let mut named: Vec<Span> = Vec::new();
    for &i in c.agents.iter().chain(&c.patients).chain(&c.places) {
        let Some(m) = a.mentions.get(i) else { continue };
        if let Some(&e) = lookup.get(&(a.id.0, m.span.start, m.span.end)) {
            entities.push(e);
            if c.places.contains(&i) {
                places.push(e);
            } else if c.agents.contains(&i) {
                agents.push(e);
            }
            keys.push(key_text('e', &e.to_string()));
            named.push(m.span);
        }
    }
    let text = a.text_of(c.span);
    for (off, w) in dossier_text::words(text) {
        let at = c.span.start + off;
        if named.iter().any(|s| s.contains_pos(at)) {
            continue;
        }
        let n = dossier_text::normalize_word(w);
        if n.chars().count() <= 1 || dossier_text::is_stopword(&n) {
            continue;
        }
        if n.chars()
            .all(|ch| ch.is_ascii_digit() || ch == ',' || ch == '.')
        {
            continue; // numbers enter as counted values below
        }
        let stem = dossier_text::stem(&n);
        match lex.concept_of(&stem) {
            Some(concept) => keys.push(key_text('c', concept)),
            None => keys.push(key_text('w', dossier_text::kin_stem(&stem))),
        }
    }
    // The event kind stands for its phrase: "pushed out of" and "lost
    // control of" share no word but report one thing.
    if let Some(event) = c.event {
        keys.push(key_text('v', event));
    }
    for &q in &c.quantities {
        if let Some(q) = a.quantities.get(q) {
            keys.push(key_text('n', &format!("{}", q.value)));
        }
    }
    for &t in &c.times {
        // "this year" resolved in two reports is their common present, not a
        // date they report.
        let vague = |t: &&dossier_model::TimeMention| {
            t.inferred && t.date.precision() == dossier_model::Precision::Year
        };
        if let Some(t) = a.times.get(t).filter(|t| !vague(t)) {
            keys.push(key_text('d', &t.date.to_string()));
        }
    }
    for ids in [&mut entities, &mut places, &mut agents] {
        ids.sort_unstable();
        ids.dedup();
    }
    keys.sort();
    keys.dedup();
    Keys {
        keys,
        entities,
        places,
        agents,
    }
}

/// What `claim_keys` finds: the keys, and the entities among them.
struct Keys {
    keys: Vec<String>,
    entities: Vec<usize>,
    places: Vec<usize>,
    agents: Vec<usize>,
}

impl<'a> Aligned<'a> {
    /// Key every claim of the story's members and find the similar pairs.
    pub fn build(members: &[&'a Article], entities: &[Entity]) -> Aligned<'a> {
        let lookup = entity_lookup(entities);
        let mut ids: HashMap<String, u32> = HashMap::default();
        let mut raw: Vec<(View<'a>, Vec<u32>)> = Vec::new();
        for (member, a) in members.iter().enumerate() {
            let lex = lexicon::for_language(&a.meta.language);
            for c in &a.claims {
                let found = claim_keys(a, c, lex, &lookup);
                let mut kid: Vec<u32> = found
                    .keys
                    .into_iter()
                    .map(|k| {
                        let next = ids.len() as u32;
                        *ids.entry(k).or_insert(next)
                    })
                    .collect();
                kid.sort_unstable();
                let view = View {
                    article: a,
                    member,
                    claim: c,
                    entities: found.entities,
                    places: found.places,
                    agents: found.agents,
                    keys: Vec::new(),
                    norm: 0.0,
                    mass: 0.0,
                    words: dossier_text::word_count(a.text_of(c.span)),
                };
                raw.push((view, kid));
            }
        }
        let weights = key_weights(&raw, ids.len());
        let mut views: Vec<View<'a>> = raw
            .into_iter()
            .map(|(mut v, kid)| {
                v.keys = kid.iter().map(|&k| (k, weights[k as usize])).collect();
                v.norm = v.keys.iter().map(|k| k.1 * k.1).sum::<f32>().sqrt();
                v.mass = v.keys.iter().map(|k| k.1).sum();
                v
            })
            .collect();
        views.shrink_to_fit();
        let (pairs, frames) = similar_pairs(&views, ids.len(), members.len());
        Aligned {
            views,
            pairs,
            frames,
            people: people(entities),
        }
    }

    /// Similar claims of other articles: (claim index, similarity).
    pub fn neighbours(&self, i: usize) -> &[(usize, f32)] {
        &self.pairs[i]
    }

    /// Similar claims of other articles as facts see them: a pair in one
    /// event frame counts at least [`FRAME_SIMILARITY`]. Conflicts keep to
    /// the words' similarity, since a frame alone is too weak a reason to
    /// put two figures side by side.
    pub fn fact_neighbours(&self, i: usize) -> impl Iterator<Item = (usize, f32)> + '_ {
        self.pairs[i].iter().map(move |&(j, s)| {
            let framed = self.frames[i].binary_search(&j).is_ok();
            (j, if framed { s.max(FRAME_SIMILARITY) } else { s })
        })
    }

    /// [`Aligned::sim`] as facts see it (see [`Aligned::fact_neighbours`]).
    pub fn fact_sim(&self, i: usize, j: usize) -> f32 {
        let s = self.sim(i, j);
        if s > 0.0 && self.frames[i].binary_search(&j).is_ok() {
            s.max(FRAME_SIMILARITY)
        } else {
            s
        }
    }

    /// Similarity of two claims (0 when they share no key or one article).
    pub fn sim(&self, i: usize, j: usize) -> f32 {
        self.pairs[i]
            .binary_search_by_key(&j, |p| p.0)
            .map(|p| self.pairs[i][p].1)
            .unwrap_or(0.0)
    }
}

/// Inverse frequency over the story's claims: a key that many claims use
/// (the story's subject, its main actor) tells little about which claims state
/// the same thing, and one that few use (a figure, a rare word) tells much.
/// Counting claims rather than articles matters most for small piles, where
/// every key of note is in every article.
fn key_weights(raw: &[(View<'_>, Vec<u32>)], keys: usize) -> Vec<f32> {
    let mut cf = vec![0u32; keys];
    for (_, kid) in raw {
        for &k in kid {
            cf[k as usize] += 1;
        }
    }
    let claims = raw.len().max(1) as f32;
    cf.iter()
        .map(|&f| ((1.0 + claims) / (1.0 + f as f32)).ln() + KEY_WEIGHT_FLOOR)
        .collect()
}

/// Even a key every claim uses says something when two claims share it.
const KEY_WEIGHT_FLOOR: f32 = 0.5;

/// What two claims share.
#[derive(Default)]
struct Shared {
    dot: f32,
    mass: f32,
    keys: usize,
}

/// Keys a claim needs before its cosine counts in full.
const FULL_CLAIM_KEYS: f32 = 5.0;

/// Keys two claims must share to align at all: one shared name is a topic.
const MIN_SHARED_KEYS: usize = 2;

/// Keys two claims must share before the shorter one can count as contained
/// in the longer: one shared name or number is a topic, not a statement.
const MIN_CONTAINED_KEYS: usize = 3;

/// The weighted cosine of the two claims, or, when the shorter claim's keys
/// are mostly found in the longer one, that share: a long sentence that also
/// states a short claim states it, even if it says much else besides.
fn similarity(a: &View<'_>, b: &View<'_>, shared: &Shared) -> f32 {
    if shared.keys < MIN_SHARED_KEYS {
        return 0.0;
    }
    let shorter = a.keys.len().min(b.keys.len());
    // A claim of three keys shares a large part of itself by naming the topic.
    let brevity = (shorter as f32 / FULL_CLAIM_KEYS).min(1.0);
    let cosine = brevity * shared.dot / (a.norm * b.norm);
    if shared.keys < MIN_CONTAINED_KEYS || shorter < MIN_CONTAINED_KEYS + 1 {
        return cosine;
    }
    let contained = shared.mass / a.mass.min(b.mass);
    cosine.max(CONTAINMENT_DISCOUNT * contained)
}

/// Containment is weaker evidence than a cosine of the same size.
const CONTAINMENT_DISCOUNT: f32 = 0.7;

/// Two claims that report one event about the same actors state the same
/// thing, whatever else their sentences say: "the MSC forced ISIS out of
/// Derna" and "ISIS lost control of Derna". Facts count them as this similar.
const FRAME_SIMILARITY: f32 = 0.3;

/// ...provided their words already overlap a little: one event and one
/// actor alone are the story's subject, not a statement.
const FRAME_MIN_SIMILARITY: f32 = 0.08;

/// Same event kind and polarity, and the same actors: two shared (who acts
/// and who is acted on) whatever the places ("expelled IS from the city ...
/// to the Green Mountains": a destination is not a disagreement), or one
/// shared and a place shared.
fn same_frame(a: &View<'_>, b: &View<'_>) -> bool {
    if a.claim.event.is_none()
        || a.claim.event != b.claim.event
        || a.claim.negated != b.claim.negated
    {
        return false;
    }
    let actors = |v: &View<'_>| -> Vec<usize> {
        v.entities
            .iter()
            .copied()
            .filter(|e| !v.places.contains(e))
            .collect()
    };
    let (x, y) = (actors(a), actors(b));
    let shared = x.iter().filter(|e| y.contains(e)).count();
    let place_shared = a.places.iter().any(|p| b.places.contains(p));
    shared >= 2 || (shared == 1 && place_shared)
}

/// Weighted cosine of every pair of claims of different articles that share a
/// key, found through an inverted index.
fn similar_pairs(views: &[View<'_>], keys: usize, articles: usize) -> (Pairs, Vec<Vec<usize>>) {
    let mut postings: Vec<Vec<usize>> = vec![Vec::new(); keys];
    for (i, v) in views.iter().enumerate() {
        for &(k, _) in &v.keys {
            postings[k as usize].push(i);
        }
    }
    let common = |k: u32| {
        articles > COMMON_KEY_ARTICLES && {
            let arts: HashSet<usize> = postings[k as usize]
                .iter()
                .map(|&i| views[i].member)
                .collect();
            arts.len() * 2 > articles
        }
    };
    let skip: Vec<bool> = (0..keys as u32).map(common).collect();
    let mut pairs: Pairs = vec![Vec::new(); views.len()];
    let mut frames: Vec<Vec<usize>> = vec![Vec::new(); views.len()];
    let mut acc: HashMap<usize, Shared> = HashMap::default();
    for (i, v) in views.iter().enumerate() {
        if v.norm == 0.0 {
            continue;
        }
        acc.clear();
        for &(k, w) in &v.keys {
            if skip[k as usize] {
                continue;
            }
            for &j in &postings[k as usize] {
                if j > i && views[j].member != v.member {
                    let e = acc.entry(j).or_default();
                    e.dot += w * w;
                    e.mass += w;
                    e.keys += 1;
                }
            }
        }
        for (&j, shared) in &acc {
            let s = similarity(v, &views[j], shared);
            if s >= FRAME_MIN_SIMILARITY && same_frame(v, &views[j]) {
                frames[i].push(j);
                frames[j].push(i);
            }
            pairs[i].push((j, s));
            pairs[j].push((i, s));
        }
    }
    for p in &mut pairs {
        p.sort_unstable_by_key(|x| x.0);
    }
    for f in &mut frames {
        f.sort_unstable();
    }
    (pairs, frames)
}

/// For each claim, (other claim, similarity), sorted by the other claim.
type Pairs = Vec<Vec<(usize, f32)>>;

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_model::{ArticleId, Date};

    fn date_keys(text: &str) -> Vec<String> {
        let mut a = Article::new(ArticleId(0), "r0", text.to_string());
        a.meta.published = Date::ymd(2031, 4, 4);
        dossier_analyze::Pipeline::standard().run(&mut a);
        let lex = lexicon::for_language(&a.meta.language);
        a.claims
            .iter()
            .flat_map(|c| claim_keys(&a, c, lex, &HashMap::default()).keys)
            .filter(|k| k.starts_with('d'))
            .collect()
    }

    #[test]
    fn a_resolved_this_year_is_no_date_key_but_a_written_day_is() {
        assert!(date_keys("Kessa Foods expects the benefits of the merger this year.").is_empty());
        assert_eq!(
            date_keys("Kessa Foods completed the merger on 2 April 2031."),
            ["d2031-04-02"]
        );
    }
}
