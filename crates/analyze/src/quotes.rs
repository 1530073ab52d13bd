//! Quotations: straight and curly quotation marks, quotes that run over
//! several sentences or paragraphs, the speaker named by a cue verb before or
//! after the quote (with pronouns and roles resolved to the last named person),
//! and the outlet that relayed it ("told BBC", "according to AFP").

use dossier_model::{Article, EntityKind, Mention, Quote, Span};

use crate::gazetteer;
use crate::lex::{self, Tok};

const CUES: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "notes",
    "noted",
    "adds",
    "added",
    "declared",
    "declares",
    "stated",
    "states",
    "warned",
    "warns",
    "explained",
    "explains",
    "insisted",
    "insists",
    "claimed",
    "claims",
    "argued",
    "argues",
    "asked",
    "asks",
    "wrote",
    "writes",
    "tweeted",
    "posted",
    "recalled",
    "admitted",
    "announced",
    "announces",
    "stressed",
    "stresses",
    "urged",
    "vowed",
    "continued",
    "replied",
    "according",
    "quoted",
    "confirmed",
    "denied",
    "acknowledged",
    "conceded",
    "pointed",
    "remarked",
    "observed",
    "commented",
    "cautioned",
    "predicted",
    "boasted",
    "complained",
    "shouted",
    "cried",
    "exclaimed",
    "testified",
    "reported",
    "quoting",
    "saying",
];

const PRONOUNS: &[&str] = &["he", "she", "they", "He", "She", "They"];

const ROLES: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "minister",
    "commander",
    "leader",
    "president",
    "general",
    "colonel",
    "officer",
    "source",
    "resident",
    "witness",
    "analyst",
    "governor",
    "mayor",
    "chief",
    "head",
    "envoy",
    "ambassador",
    "militant",
    "fighter",
    "doctor",
    "lawmaker",
    "diplomat",
    "sources",
    "director",
    "volunteer",
    "critic",
    "brother",
    "sister",
    "wife",
    "husband",
    "son",
    "daughter",
    "father",
    "mother",
    "attorney",
    "lawyer",
    "prosecutor",
    "professor",
    "researcher",
    "scientist",
    "expert",
    "chairman",
    "founder",
    "organizer",
    "organiser",
    "statement",
    "group",
    "army",
    "ministry",
    "militia",
];

/// Not outlets: "told reporters" names no relay.
const NOT_OUTLETS: &[&str] = &[
    "reporters",
    "journalists",
    "press",
    "media",
    "newsmen",
    "us",
    "me",
    "them",
    "him",
    "her",
];

struct Raw {
    open: usize,
    content: Span,
    close_end: usize,
    words: usize,
}

/// The quotations of an article. Uses its sentences and mentions when they
/// are filled, and computes them otherwise.
pub fn find(article: &Article) -> Vec<Quote> {
    let text = article.text.as_str();
    let sentences = if article.sentences.is_empty() {
        crate::sentences::split(text)
    } else {
        article.sentences.clone()
    };
    let mentions = if article.mentions.is_empty() {
        crate::entities::find_in(text, &sentences)
    } else {
        article.mentions.clone()
    };
    let cx = Cx {
        text,
        sentences: &sentences,
        mentions: &mentions,
    };
    let mut out: Vec<Quote> = Vec::new();
    let mut prev: Option<(usize, Option<Span>, Option<Span>)> = None;
    for raw in scan(text) {
        let attr = cx.attribute(&raw);
        let (speaker, via, cued) = match attr {
            Some(a) => (a.speaker, a.via, true),
            None => (None, None, false),
        };
        // Scare quotes: a short phrase with no cue, unless it is a sentence of its own.
        let inner = text.get(raw.content.start..raw.content.end).unwrap_or("");
        let whole_sentence =
            inner.starts_with(char::is_uppercase) && inner.ends_with(['.', '!', '?']);
        if !cued && raw.words <= 3 && !whole_sentence {
            continue;
        }
        // A cue that named no one ("but added, ...") leaves the quote to the
        // speaker of the paragraph, as no cue does.
        let unnamed = speaker.is_none() && via.is_none();
        let (speaker, via) = if unnamed {
            // A quote that opens a paragraph without a new cue continues the
            // previous speaker's words (the convention for long quotes).
            let line_start = text
                .get(..raw.open)
                .map_or(0, |b| b.rfind('\n').map_or(0, |p| p + 1));
            let opens_paragraph = text
                .get(line_start..raw.open)
                .is_some_and(|p| p.trim().is_empty());
            let same_paragraph = |end: usize| {
                text.get(end.min(raw.open)..raw.open)
                    .is_some_and(|g| !g.contains("\n\n"))
            };
            match prev {
                Some((end, s, v))
                    if (!cued && opens_paragraph && raw.open.saturating_sub(end) < 600)
                        || same_paragraph(end) =>
                {
                    (s, v)
                }
                _ => (None, None),
            }
        } else {
            (speaker, via)
        };
        prev = Some((raw.close_end, speaker, via));
        out.push(Quote {
            span: raw.content,
            speaker,
            via,
        });
    }
    out
}

/// Pairs quotation marks within paragraphs; an unclosed quote runs to the
/// end of its paragraph (the convention for quotes spanning paragraphs).
fn scan(text: &str) -> Vec<Raw> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut open: Option<(usize, usize, char)> = None; // (mark byte, content start, mark)
    let mut k = 0;
    while k < chars.len() {
        let (p, c) = chars[k];
        let prev = if k > 0 { Some(chars[k - 1].1) } else { None };
        let next = chars.get(k + 1).map(|x| x.1);
        let par_break = c == '\n' && next == Some('\n');
        if par_break {
            // An unclosed straight single mark was an apostrophe ("'90s").
            if let Some((o, cs, _)) = open.take().filter(|o| o.2 != '\'') {
                push_raw(text, o, cs, p, p, 4, &mut out);
            }
            k += 1;
            continue;
        }
        match (open, c) {
            (None, '"' | '“' | '«' | '„') => {
                if c == '"' && prev.is_some_and(char::is_alphanumeric) {
                    k += 1;
                    continue;
                }
                open = Some((p, p + c.len_utf8(), c));
            }
            (None, '‘') if !prev.is_some_and(char::is_alphanumeric) => {
                open = Some((p, p + c.len_utf8(), c));
            }
            // Straight single marks quote too (British style): one opens after
            // a space or a colon, before a word; inside a word it is an apostrophe.
            (None, '\'')
                if !prev.is_some_and(|x| x.is_alphanumeric() || matches!(x, '.' | ','))
                    && next.is_some_and(char::is_alphanumeric) =>
            {
                open = Some((p, p + c.len_utf8(), c));
            }
            (Some((_, _, '\'')), '\'') if closes_single(prev, next) => {
                if let Some((o, cs, _)) = open.take() {
                    push_raw(text, o, cs, p, p + c.len_utf8(), 4, &mut out);
                }
            }
            (Some((_, _, '\'')), '"' | '“') => {
                open = Some((p, p + c.len_utf8(), c));
            }
            (Some((_, _, '"')), '"')
            | (Some((_, _, '“' | '„')), '”' | '“')
            | (Some((_, _, '«')), '»') => {
                if let Some((o, cs, _)) = open.take() {
                    push_raw(text, o, cs, p, p + c.len_utf8(), 1, &mut out);
                }
            }
            // Scraped text mixes marks: “…," closes after end punctuation.
            (Some((_, _, '“')), '"')
                if prev.is_some_and(|x| matches!(x, ',' | '.' | '!' | '?'))
                    && !next.is_some_and(char::is_alphanumeric) =>
            {
                if let Some((o, cs, _)) = open.take() {
                    push_raw(text, o, cs, p, p + c.len_utf8(), 1, &mut out);
                }
            }
            (Some((_, _, '‘')), '’') if !next.is_some_and(char::is_alphanumeric) => {
                if let Some((o, cs, _)) = open.take() {
                    push_raw(text, o, cs, p, p + c.len_utf8(), 4, &mut out);
                }
            }
            (Some((_, _, '‘')), '"' | '“') => {
                open = Some((p, p + c.len_utf8(), c));
            }
            _ => {}
        }
        k += 1;
    }
    if let Some((o, cs, _)) = open.filter(|o| o.2 != '\'') {
        push_raw(text, o, cs, text.len(), text.len(), 4, &mut out);
    }
    out
}

/// Does a straight single mark close a quote? After end punctuation it does
/// ("fun.'"); after a letter only before punctuation or the end of a line
/// ("involvement'."), since "the parents' house" is a plural possessive.
fn closes_single(prev: Option<char>, next: Option<char>) -> bool {
    let ends = |c: Option<char>| {
        c.is_none_or(|c| matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '\n' | ')'))
    };
    match prev {
        Some('.' | ',' | '!' | '?') => !next.is_some_and(char::is_alphanumeric),
        Some(c) if c.is_alphanumeric() => ends(next),
        _ => false,
    }
}

fn push_raw(
    text: &str,
    open: usize,
    cs: usize,
    ce: usize,
    close_end: usize,
    min_words: usize,
    out: &mut Vec<Raw>,
) {
    let Some(inner) = text.get(cs..ce) else {
        return;
    };
    let lead = inner.len() - inner.trim_start().len();
    let t = inner.trim().trim_end_matches([',', ' ']);
    if t.is_empty() {
        return;
    }
    let words = t.split_whitespace().count();
    if words < min_words {
        return;
    }
    out.push(Raw {
        open,
        content: Span::new(cs + lead, cs + lead + t.len()),
        close_end,
        words,
    });
}

struct Cx<'a> {
    text: &'a str,
    sentences: &'a [Span],
    mentions: &'a [Mention],
}

struct Attribution {
    speaker: Option<Span>,
    via: Option<Span>,
}

impl Attribution {
    fn names_anyone(&self) -> bool {
        self.speaker.is_some() || self.via.is_some()
    }
}

fn floor_boundary(text: &str, mut p: usize) -> usize {
    p = p.min(text.len());
    while p > 0 && !text.is_char_boundary(p) {
        p -= 1;
    }
    p
}

impl<'a> Cx<'a> {
    fn sentence_of(&self, pos: usize) -> Option<Span> {
        let i = self.sentences.partition_point(|s| s.end <= pos);
        self.sentences.get(i).filter(|s| s.start <= pos).copied()
    }

    fn attribute(&self, raw: &Raw) -> Option<Attribution> {
        // After the quote, to the end of its sentence.
        let after_end = self
            .sentence_of(raw.close_end.saturating_sub(1))
            .map_or(raw.close_end, |s| s.end)
            .max(raw.close_end)
            .min(raw.close_end + 160);
        let after_end = floor_boundary(self.text, after_end);
        let after_end = self
            .text
            .get(raw.close_end..after_end)
            .and_then(|s| s.find(['"', '“', '\n']).map(|p| raw.close_end + p))
            .unwrap_or(after_end);
        let after = self
            .cue_in(raw.close_end, after_end, raw, true)
            .or_else(|| self.cue_opening_next_sentence(raw));
        if after.as_ref().is_some_and(Attribution::names_anyone) {
            return after;
        }
        // A cue after the quote that names no one ("..." but added, "..."):
        // the speaker may still be named before it ("Clinton acknowledged, ...").
        let before = self.attribute_before(raw);
        match before {
            Some(b) if b.names_anyone() => Some(b),
            b => after.or(b),
        }
    }

    /// `"…needs our help!" Jeremy Piatt wrote on his page.`: a quote that
    /// ends its sentence, and the next one opens with who said it. Only a
    /// cue among the first words counts, with nothing but a name before it.
    fn cue_opening_next_sentence(&self, raw: &Raw) -> Option<Attribution> {
        let i = self.sentences.partition_point(|s| s.start < raw.close_end);
        let next = *self.sentences.get(i)?;
        let gap = self.text.get(raw.close_end..next.start)?;
        if !gap.trim().is_empty() || gap.contains('\n') {
            return None;
        }
        let end = floor_boundary(self.text, next.end.min(next.start + 160));
        let toks = lex::tokens(self.text.get(next.start..end)?, next.start);
        let cue = toks
            .iter()
            .take(5)
            .position(|t| CUES.contains(&t.text.to_lowercase().as_str()))?;
        let named = toks[..cue]
            .iter()
            .all(|t| t.text.starts_with(char::is_uppercase));
        (cue > 0 && named).then(|| self.cue_in(next.start, end, raw, false))?
    }

    /// The cue and speaker before a quote, in its sentence.
    fn attribute_before(&self, raw: &Raw) -> Option<Attribution> {
        // Before the quote, from the start of its sentence, or the sentence
        // before when it ends with a colon ("X told AFP:").
        let mut bstart = self
            .sentence_of(raw.open)
            .map_or(raw.open, |s| s.start)
            .min(raw.open);
        let before = self.text.get(bstart..raw.open).unwrap_or("");
        if before.trim().is_empty() {
            let back = floor_boundary(self.text, raw.open.saturating_sub(240));
            let prior = self.text.get(back..raw.open).unwrap_or("").trim_end();
            if prior.ends_with(':') {
                bstart = self
                    .sentence_of(back + prior.len() - 1)
                    .map_or(back, |s| s.start);
            }
        }
        let sentence_start = bstart.max(floor_boundary(self.text, raw.open.saturating_sub(240)));
        let bstart = self
            .text
            .get(sentence_start..raw.open)
            .and_then(|s| s.rfind(['”', '"']).map(|p| sentence_start + p + 1))
            .unwrap_or(sentence_start);
        // A short quote is a quote only when its cue is close ("Clinton
        // acknowledged, "It's big""); far from any cue it is a scare quote.
        let near = floor_boundary(self.text, raw.open.saturating_sub(60)).max(bstart);
        if raw.words <= 3 && self.cue_in(near, raw.open, raw, false).is_none() {
            return None;
        }
        self.cue_in(bstart, raw.open, raw, false)
    }

    fn mentions_in(&self, a: usize, b: usize) -> impl Iterator<Item = &'a Mention> + 'a {
        let i = self.mentions.partition_point(|m| m.span.start < a);
        self.mentions[i..]
            .iter()
            .take_while(move |m| m.span.end <= b)
    }

    /// Find a cue verb in `a..b` and the speaker and relay around it.
    fn cue_in(&self, a: usize, b: usize, raw: &Raw, after: bool) -> Option<Attribution> {
        let region = self.text.get(a..b)?;
        let toks = lex::tokens(region, a);
        let cue_idx = if after {
            toks.iter()
                .take(16)
                .position(|t| CUES.contains(&t.text.to_lowercase().as_str()))?
        } else {
            toks.iter()
                .rposition(|t| CUES.contains(&t.text.to_lowercase().as_str()))?
        };
        let cue = &toks[cue_idx];
        let cue_l = cue.text.to_lowercase();
        let mut speaker: Option<Span> = None;
        let mut via: Option<Span> = None;
        let next_tok = toks.get(cue_idx + 1);
        // The object of "told"/"according to"/"quoted": an outlet is a relay.
        let object_start = match cue_l.as_str() {
            "according" if next_tok.is_some_and(|t| t.text == "to") => {
                toks.get(cue_idx + 2).map(|t| t.start)
            }
            "told" | "tells" | "quoted" | "quoting" => next_tok.map(|t| t.start),
            _ => None,
        };
        if let Some(os) = object_start {
            let obj = self.mentions_in(os, b).next().filter(|m| {
                self.text
                    .get(os..m.span.start)
                    .is_some_and(|g| g.trim().is_empty() || g.trim() == "the")
            });
            let obj_word = toks
                .iter()
                .find(|t| t.start >= os)
                .map(|t| t.text.to_lowercase())
                .unwrap_or_default();
            match obj {
                Some(m) if is_outlet(self.text, m) => via = Some(m.span),
                Some(m) if cue_l == "according" && m.kind != EntityKind::Place => {
                    speaker = Some(m.span)
                }
                Some(m) if cue_l == "quoting" => speaker = Some(m.span),
                _ => {
                    let _ = NOT_OUTLETS.contains(&obj_word.as_str());
                }
            }
        }
        // "the BBC quoted X as saying": the subject is the relay.
        if cue_l == "quoted" {
            if let Some(m) = self
                .mentions_in(a, cue.start)
                .last()
                .filter(|m| is_outlet(self.text, m))
            {
                via = Some(m.span);
                speaker = self
                    .mentions_in(cue.end, b)
                    .find(|m| m.kind == EntityKind::Person)
                    .map(|m| m.span);
                return Some(Attribution { speaker, via });
            }
        }
        if speaker.is_none() && cue_l != "according" && cue_l != "quoting" {
            speaker = self.subject(a, b, &toks, cue_idx, raw, after);
        }
        if speaker.is_none() && cue_l == "according" {
            // "according to the spokesman".
            speaker = self.role_after(&toks, cue_idx + 2, raw);
        }
        // "in an interview with X", "via the Times" anywhere in the region.
        if via.is_none() {
            for pat in [
                "interview with ",
                "via ",
                "speaking to ",
                "talking to ",
                "according to ",
                "told ",
            ] {
                if let Some(p) = region
                    .to_lowercase()
                    .find(pat)
                    .filter(|&p| region.is_char_boundary(p))
                {
                    let os = a + p + pat.len();
                    if let Some(m) = self
                        .mentions_in(os, b)
                        .next()
                        .filter(|m| is_outlet(self.text, m) && m.span.start <= os + 5)
                    {
                        via = Some(m.span);
                    }
                }
            }
        }
        Some(Attribution { speaker, via })
    }

    /// Who does the cue verb at `cue_idx` belong to?
    fn subject(
        &self,
        a: usize,
        b: usize,
        toks: &[Tok],
        cue_idx: usize,
        raw: &Raw,
        after: bool,
    ) -> Option<Span> {
        let cue = &toks[cue_idx];
        let pick = |it: Vec<&'a Mention>, last: bool| -> Option<Span> {
            let people: Vec<&&Mention> =
                it.iter().filter(|m| m.kind == EntityKind::Person).collect();
            let chosen = if last {
                people.last().copied()
            } else {
                people.first().copied()
            };
            chosen
                .or_else(|| {
                    let mut orgs = it
                        .iter()
                        .filter(|m| m.kind != EntityKind::Place && !is_outlet(self.text, m));
                    if last {
                        orgs.next_back()
                    } else {
                        orgs.next()
                    }
                })
                .map(|m| m.span)
        };
        // Pronoun or role just before the cue: "he said", "the spokesman said".
        let w1 = cue_idx.checked_sub(1).and_then(|k| toks.get(k));
        if let Some(t) = w1 {
            if PRONOUNS.contains(&t.text) {
                return self
                    .recent_subject(raw.open)
                    .or_else(|| self.last_person(raw.open))
                    .or(Some(Span::new(t.start, t.end)));
            }
        }
        let before: Vec<&Mention> = self.mentions_in(a, cue.start).collect();
        if after {
            if let Some(s) = pick(before.clone(), false) {
                return Some(s);
            }
            // ", said Kenya Wildlife Service spokesman Paul Gathitu": the person
            // the noun phrase ends with, not the body or country that opens it.
            // After "told" or "asked" the phrase is the listener, not the speaker.
            let to_listener = matches!(cue.text, "told" | "tells" | "asked" | "asks");
            if let Some(p) = self
                .person_ending_phrase(cue.end, b)
                .filter(|_| !to_listener)
            {
                return Some(p);
            }
            // ", said X" / ", said the spokesman".
            let nx: Vec<&Mention> = self.mentions_in(cue.end, b).take(2).collect();
            if let Some(m) = nx
                .first()
                .filter(|m| !is_outlet(self.text, m) && m.kind != EntityKind::Place)
            {
                let gap = self.text.get(cue.end..m.span.start).unwrap_or("");
                if gap.split_whitespace().count() <= 2 {
                    return Some(m.span);
                }
            }
            if let Some(r) = self.role_before(toks, cue_idx, raw) {
                return Some(r);
            }
            return self.role_after(toks, cue_idx + 1, raw);
        }
        // "”, says Harbour spokesman Lt. Ann Holt, “…": the cue opens the region.
        let opens = !before.iter().any(|m| m.kind == EntityKind::Person);
        opens
            .then(|| self.person_ending_phrase(cue.end, b))
            .flatten()
            .or_else(|| pick(before, true))
            .or_else(|| self.role_before(toks, cue_idx, raw))
    }

    /// The person named at the end of the noun phrase right after a cue verb,
    /// when other names or role words come first ("said Egyptian President
    /// Mohammed Morsy", "says the agency's volunteer Ann Holt"): no comma, stop
    /// or quotation mark before it, and at most eight words.
    fn person_ending_phrase(&self, from: usize, b: usize) -> Option<Span> {
        let first = self.mentions_in(from, b).next()?;
        let direct = first.kind == EntityKind::Person
            && self
                .text
                .get(from..first.span.start)
                .is_some_and(|g| g.trim().is_empty());
        // The last person of the phrase: "Egyptian President Mohammed Morsy"
        // may read "Egyptian" as a person too. "X and Y" are two speakers.
        let p = self
            .mentions_in(from, b)
            .take(4)
            .filter(|m| m.kind == EntityKind::Person)
            .take_while(|m| {
                self.text
                    .get(from..m.span.start)
                    .is_some_and(|g| !g.contains(" and "))
            })
            .last()?;
        if direct && p.span == first.span {
            return None;
        }
        let gap = self.text.get(from..p.span.start)?;
        // A full stop inside the phrase belongs to an abbreviation ("U.S.", "Lt.").
        let abbreviations_only = gap.split_whitespace().filter(|w| w.contains('.')).all(|w| {
            w.trim_end_matches('.')
                .chars()
                .filter(|c| c.is_alphabetic())
                .count()
                <= 3
        });
        let plain = !gap.contains([',', ';', ':', '"', '“', '”', '(', '\n']) && abbreviations_only;
        (plain && gap.split_whitespace().count() <= 8).then_some(p.span)
    }

    /// "the spokesman said": the last named person with that role, or the last person.
    fn role_before(&self, toks: &[Tok], cue_idx: usize, raw: &Raw) -> Option<Span> {
        let lo = cue_idx.saturating_sub(3);
        let role = toks[lo..cue_idx]
            .iter()
            .rev()
            .find(|t| ROLES.contains(&t.text.to_lowercase().as_str()))?;
        self.resolve_role(role, raw)
    }

    fn role_after(&self, toks: &[Tok], from: usize, raw: &Raw) -> Option<Span> {
        let role = toks
            .iter()
            .skip(from)
            .take(3)
            .find(|t| ROLES.contains(&t.text.to_lowercase().as_str()))?;
        self.resolve_role(role, raw)
    }

    fn resolve_role(&self, role: &Tok, raw: &Raw) -> Option<Span> {
        let r = role.text.to_lowercase();
        if matches!(
            r.as_str(),
            "statement" | "group" | "army" | "ministry" | "militia"
        ) {
            return None;
        }
        // "an officer said" introduces someone new; "the spokesman said" points back.
        let det = self
            .text
            .get(floor_boundary(self.text, role.start.saturating_sub(4))..role.start)
            .unwrap_or("")
            .to_lowercase();
        let role_span = Span::new(role.start, role.end);
        if det.ends_with("a ") || det.ends_with("an ") {
            return Some(role_span);
        }
        self.last_person_with_role(raw.open, &r).or(Some(role_span))
    }

    fn last_person_with_role(&self, pos: usize, role: &str) -> Option<Span> {
        let end = self.mentions.partition_point(|m| m.span.end <= pos);
        let people = self.mentions[..end]
            .iter()
            .rev()
            .filter(|m| m.kind == EntityKind::Person);
        {
            for m in people.clone().take(12) {
                let sent = self.sentence_of(m.span.start).unwrap_or(m.span);
                let lo = floor_boundary(self.text, m.span.start.saturating_sub(40).max(sent.start));
                let hi = floor_boundary(self.text, (m.span.end + 40).min(sent.end));
                if self
                    .text
                    .get(lo..hi)
                    .is_some_and(|c| c.to_lowercase().contains(role))
                {
                    return Some(self.longest_form(m));
                }
            }
        }
        None
    }

    /// "he said" points to the subject of the last sentence that names a
    /// person: its first person, not its last ("Ann Holt, a professor, said
    /// it would be hard for Mr Tarr. ... he said" is Ann Holt).
    fn recent_subject(&self, pos: usize) -> Option<Span> {
        let end = self.mentions.partition_point(|m| m.span.end <= pos);
        let last = self.mentions[..end]
            .iter()
            .rev()
            .find(|m| m.kind == EntityKind::Person)?;
        let sent = self.sentence_of(last.span.start)?;
        let first = self
            .mentions_in(sent.start, sent.end.min(pos))
            .find(|m| m.kind == EntityKind::Person)?;
        // A subject opens its sentence, after at most a short adverbial ("On
        // Monday, ") and a title or two ("Celebrity chef"); a name deeper in
        // ("In an interview with X, Y said") is no subject.
        let lead = self.text.get(sent.start..first.span.start)?;
        let lead = lead.rsplit_once(", ").map_or(lead, |(_, r)| r);
        (lead.split_whitespace().count() <= 3).then(|| self.longest_form(first))
    }

    /// The last person named before `pos`, by their fullest name.
    fn last_person(&self, pos: usize) -> Option<Span> {
        let end = self.mentions.partition_point(|m| m.span.end <= pos);
        self.mentions[..end]
            .iter()
            .rev()
            .find(|m| m.kind == EntityKind::Person)
            .map(|m| self.longest_form(m))
    }

    /// A surname mention stands for the full name given earlier, when there is one.
    fn longest_form(&self, m: &Mention) -> Span {
        let s = self.text.get(m.span.start..m.span.end).unwrap_or("");
        if s.contains(' ') {
            return m.span;
        }
        self.mentions
            .iter()
            .filter(|o| o.span.start < m.span.start && o.kind == EntityKind::Person)
            .filter(|o| {
                let t = self.text.get(o.span.start..o.span.end).unwrap_or("");
                t.len() > s.len() && t.ends_with(s) && t[..t.len() - s.len()].ends_with(' ')
            })
            .map(|o| o.span)
            .next_back()
            .unwrap_or(m.span)
    }
}

fn is_outlet(text: &str, m: &Mention) -> bool {
    let s = text.get(m.span.start..m.span.end).unwrap_or("");
    if gazetteer::is_media(s) {
        return true;
    }
    let l = s.to_lowercase();
    m.kind == EntityKind::Organization
        && [
            "news",
            "times",
            "post",
            "tv",
            "television",
            "radio",
            "agency",
            "press",
            "herald",
            "journal",
            "gazette",
            "tribune",
            "channel",
            "daily",
            "magazine",
        ]
        .iter()
        .any(|w| l.ends_with(w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_model::ArticleId;

    fn quotes(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
        let mut a = Article::new(ArticleId(0), "t", text.to_string());
        crate::Pipeline::standard().run(&mut a);
        a.quotes
            .iter()
            .map(|q| {
                (
                    a.text_of(q.span).to_string(),
                    q.speaker.map(|s| a.text_of(s).to_string()),
                    q.via.map(|s| a.text_of(s).to_string()),
                )
            })
            .collect()
    }

    #[test]
    fn speaker_after_and_relay() {
        let v = quotes("\"The bridge is open again,\" Marta Kessel told Reuters on Monday.");
        assert_eq!(
            v,
            [(
                "The bridge is open again".into(),
                Some("Marta Kessel".into()),
                Some("Reuters".into())
            )]
        );
        let v = quotes("“We have nothing left,” said Omar Feld, a farmer.");
        assert_eq!(v[0].1.as_deref(), Some("Omar Feld"));
        assert_eq!(v[0].2, None);
    }

    #[test]
    fn colon_introductions_pronouns_and_reporters() {
        let t = "Col. Ivo Brandt spoke to the crowd. Brandt told reporters:\n\n\"We will hold the line. Nobody leaves.\"\n\nLater he said \"the enemy has lost its nerve\" and left.";
        let v = quotes(t);
        assert_eq!(v.len(), 2, "{v:?}");
        assert_eq!(v[0].0, "We will hold the line. Nobody leaves.");
        assert_eq!(v[0].1.as_deref(), Some("Brandt"));
        assert_eq!(v[0].2, None);
        assert_eq!(v[1].1.as_deref(), Some("Ivo Brandt"));
    }

    #[test]
    fn scare_quotes_are_skipped_and_according_to_outlet_is_via() {
        let v = quotes("The so-called \"peace plan\" failed. \"Talks will resume next week,\" according to AFP.");
        assert_eq!(v.len(), 1, "{v:?}");
        assert_eq!(v[0].2.as_deref(), Some("AFP"));
        assert_eq!(v[0].1, None);
    }

    #[test]
    fn role_resolution() {
        let t = "Lena Odum, a spokeswoman for the Harbour Authority, spoke first. Then the minister Piet Varga arrived. \"The port stays shut for now,\" the spokeswoman said.";
        let v = quotes(t);
        assert_eq!(v[0].1.as_deref(), Some("Lena Odum"));
    }

    #[test]
    fn straight_single_marks_quote_but_apostrophes_do_not() {
        let t = "The farmers' union met on Monday. A court source said: 'Anyone who blocks the road faces a fine.' It's the third protest in the '90s style.";
        let v = quotes(t);
        assert_eq!(v.len(), 1, "{v:?}");
        assert_eq!(v[0].0, "Anyone who blocks the road faces a fine.");
        assert_eq!(v[0].1.as_deref(), Some("source"));
    }

    #[test]
    fn the_person_ending_the_phrase_after_the_cue_is_the_speaker() {
        let t = "\"The dam will hold through the winter,\" said Harbour Authority spokesman Elias Brandt. \"We checked it twice,\" said U.S. Forest Service volunteer Noor Haddad.";
        let v = quotes(t);
        assert_eq!(v[0].1.as_deref(), Some("Elias Brandt"), "{v:?}");
        assert_eq!(v[1].1.as_deref(), Some("Noor Haddad"), "{v:?}");
    }

    #[test]
    fn the_listener_after_told_is_not_the_speaker() {
        let t = "\"Nobody judges a film before it opens,\" the director told Harbour Post critic Lena Odum.";
        let v = quotes(t);
        assert_ne!(v[0].1.as_deref(), Some("Lena Odum"), "{v:?}");
    }

    #[test]
    fn he_said_points_to_the_subject_of_the_last_sentence_naming_a_person() {
        let t = "Oskar Lind, a professor of finance, said it would be hard for Mr Tarr to borrow. \"Nobody lends to a firm that burns cash,\" he said.";
        let v = quotes(t);
        assert_eq!(v[0].1.as_deref(), Some("Oskar Lind"), "{v:?}");
    }

    #[test]
    fn a_curly_quote_closed_by_a_straight_mark_after_punctuation() {
        let t = "“We will reopen the bridge on Friday,\" Ilse Moreau, the city's head of works, said in a statement.";
        let v = quotes(t);
        assert_eq!(v[0].0, "We will reopen the bridge on Friday");
        assert_eq!(v[0].1.as_deref(), Some("Ilse Moreau"), "{v:?}");
    }

    #[test]
    fn a_nationality_before_a_title_is_not_the_speaker() {
        let t = "\"We will not abandon the valley,\" said Dravenian President Tomas Reuel.";
        let v = quotes(t);
        assert_eq!(v[0].1.as_deref(), Some("Tomas Reuel"), "{v:?}");
    }

    #[test]
    fn a_quote_split_by_its_cue_keeps_the_speaker_on_both_parts() {
        let t = "“When we opened the hatch,” says Harbour Authority spokesman Lt. Ivo Marek, “we found the pump flooded and the cable cut.”";
        let v = quotes(t);
        assert_eq!(v.len(), 2, "{v:?}");
        assert_eq!(v[1].1.as_deref(), Some("Ivo Marek"), "{v:?}");
    }

    #[test]
    fn a_cue_naming_no_one_leaves_the_quote_to_the_speaker_named_before() {
        let t = "Asked if the defeat was unusual, Mayor Tessa Quill acknowledged, \"It's big,\" but added, \"but it is not out of the pattern of local elections.\"";
        let v = quotes(t);
        assert_eq!(v.len(), 2, "{v:?}");
        assert_eq!(v[0].1.as_deref(), Some("Tessa Quill"), "{v:?}");
        assert_eq!(v[1].1.as_deref(), Some("Tessa Quill"), "{v:?}");
    }

    #[test]
    fn a_short_quote_close_to_its_cue_is_a_quote_and_the_next_continues_it() {
        let t = "Harbour Minister Ilse Varn said the talks were a \"useful step\" but warned of the work ahead: \"Despite these offers, the other side has yet to show any wish to pay its debts.\"";
        let v = quotes(t);
        let last = v.last().expect("quotes");
        assert!(last.0.starts_with("Despite"), "{v:?}");
        assert_eq!(last.1.as_deref(), Some("Ilse Varn"), "{v:?}");
    }

    #[test]
    fn a_name_and_cue_opening_the_next_sentence_attribute_the_quote() {
        let t = "Fans rallied on Monday.\n\n\"The singer needs our help!\" Jorun Falk wrote on his fundraising page. \"Sure, he is rich, but without us his best work will never be made.\"";
        let v = quotes(t);
        assert_eq!(v.len(), 2, "{v:?}");
        assert_eq!(v[0].1.as_deref(), Some("Jorun Falk"), "{v:?}");
        assert_eq!(v[1].1.as_deref(), Some("Jorun Falk"), "{v:?}");
    }
}
