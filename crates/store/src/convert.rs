//! Between the stored form and the model: `dossier/1` story objects back into
//! model stories (so the renderers can draw a stored story), and the renumbering
//! of article ids between a run's local indices and the database's row ids.
//!
//! A stored article with row id `r` is `ArticleId(r - 1)` in a stored story, so
//! it displays as `a{r}` everywhere (CLI, web app, JSON API). The renderers
//! want `brief.articles[i].id == ArticleId(i)`, so a story is renumbered to
//! local indices before rendering.

use dossier_model as m;
use dossier_render::json;

use crate::StoreError;

/// The model id of the article stored at row `rowid`.
pub fn article_id_of_row(rowid: i64) -> Option<m::ArticleId> {
    usize::try_from(rowid)
        .ok()?
        .checked_sub(1)
        .map(m::ArticleId)
}

/// The row id of a stored article's model id.
pub fn row_of_article_id(id: m::ArticleId) -> Option<i64> {
    i64::try_from(id.0).ok()?.checked_add(1)
}

pub fn story_id_of_row(rowid: i64) -> Option<m::StoryId> {
    usize::try_from(rowid).ok()?.checked_sub(1).map(m::StoryId)
}

/// Parse `s12` or `12` into a story row id.
pub fn parse_story_ref(s: &str) -> Option<i64> {
    parse_ref(s, 's')
}

/// Parse `a12` or `12` into an article row id.
pub fn parse_article_ref(s: &str) -> Option<i64> {
    parse_ref(s, 'a')
}

fn parse_ref(s: &str, prefix: char) -> Option<i64> {
    let s = s.trim();
    let digits = s.strip_prefix(prefix).unwrap_or(s);
    if digits.is_empty() || digits.len() > 18 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse::<i64>().ok().filter(|&n| n >= 1)
}

/// Apply `f` to every article id a story names. Ids `f` maps to `None` are
/// an error: a story must not cite an article it does not have.
pub fn remap_story(
    story: &mut m::Story,
    f: impl Fn(m::ArticleId) -> Option<m::ArticleId>,
) -> Result<(), m::ArticleId> {
    let map = |id: &mut m::ArticleId| -> Result<(), m::ArticleId> {
        *id = f(*id).ok_or(*id)?;
        Ok(())
    };
    for id in &mut story.articles {
        map(id)?;
    }
    for s in &mut story.summary {
        for c in &mut s.cites {
            map(&mut c.article)?;
        }
    }
    for fact in &mut story.facts {
        for c in &mut fact.cites {
            map(&mut c.article)?;
        }
    }
    for c in &mut story.conflicts {
        for cl in &mut c.claims {
            map(&mut cl.cite.article)?;
        }
    }
    for e in &mut story.entities {
        for c in &mut e.mentions {
            map(&mut c.article)?;
        }
    }
    for q in &mut story.quotes {
        map(&mut q.cite.article)?;
    }
    for t in &mut story.timeline {
        for c in &mut t.cites {
            map(&mut c.article)?;
        }
    }
    Ok(())
}

fn corrupt(story: &str, why: String) -> StoreError {
    StoreError::Corrupt {
        what: format!("story {story}"),
        why,
    }
}

fn cite(story: &str, c: &json::Cite) -> Result<m::Cite, StoreError> {
    let article = m::ArticleId::parse(&c.article)
        .ok_or_else(|| corrupt(story, format!("bad article id {:?} in a cite", c.article)))?;
    Ok(m::Cite::new(article, m::Span::new(c.start, c.end)))
}

fn cites(story: &str, cs: &[json::Cite]) -> Result<Vec<m::Cite>, StoreError> {
    cs.iter().map(|c| cite(story, c)).collect()
}

fn date(story: &str, s: &str) -> Result<m::Date, StoreError> {
    m::Date::parse_iso(s).ok_or_else(|| corrupt(story, format!("bad date {s:?}")))
}

fn entity_kind(s: &str) -> m::EntityKind {
    match s {
        "person" => m::EntityKind::Person,
        "organization" => m::EntityKind::Organization,
        "place" => m::EntityKind::Place,
        _ => m::EntityKind::Other,
    }
}

fn entity_id(s: &str) -> Option<m::EntityId> {
    let n: usize = s.strip_prefix('e')?.parse().ok()?;
    n.checked_sub(1).map(m::EntityId)
}

/// A `dossier/1` story object back into a model story (the inverse of
/// `json::Story::from_model`).
pub fn story_from_json(s: &json::Story) -> Result<m::Story, StoreError> {
    let name = s.id.as_str();
    let id =
        s.id.strip_prefix('s')
            .and_then(|n| n.parse::<usize>().ok())
            .and_then(|n| n.checked_sub(1))
            .map(m::StoryId)
            .ok_or_else(|| corrupt(name, "bad story id".into()))?;
    let articles = s
        .articles
        .iter()
        .map(|a| m::ArticleId::parse(a).ok_or_else(|| corrupt(name, format!("bad article {a:?}"))))
        .collect::<Result<Vec<_>, _>>()?;
    let mut story = m::Story::new(id, articles);
    story.headline = s.headline.clone();
    story.period = match (&s.period.from, &s.period.to) {
        (Some(f), Some(t)) => Some(m::Period {
            from: date(name, f)?,
            to: date(name, t)?,
        }),
        _ => None,
    };
    for x in &s.summary {
        story.summary.push(m::SummarySentence {
            text: x.text.clone(),
            cites: cites(name, &x.cites)?,
        });
    }
    for f in &s.facts {
        story.facts.push(m::Fact {
            text: f.text.clone(),
            cites: cites(name, &f.cites)?,
            sources: f.sources,
            independent_sources: f.independent_sources,
            origins: f.origins.clone(),
        });
    }
    for c in &s.conflicts {
        let claims = c
            .claims
            .iter()
            .map(|cl| {
                Ok(m::Side {
                    value: cl.value.clone(),
                    text: cl.text.clone(),
                    cite: cite(name, &cl.cite)?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        story.conflicts.push(m::Conflict {
            about: c.about.clone(),
            kind: m::ConflictKind::parse(&c.kind).unwrap_or_default(),
            claims,
        });
    }
    for (i, e) in s.entities.iter().enumerate() {
        story.entities.push(m::Entity {
            id: entity_id(&e.id).unwrap_or(m::EntityId(i)),
            name: e.name.clone(),
            kind: entity_kind(&e.kind),
            aliases: e.aliases.clone(),
            mentions: cites(name, &e.mentions)?,
        });
    }
    for q in &s.quotes {
        story.quotes.push(m::StoryQuote {
            text: q.text.clone(),
            speaker: q.speaker.clone(),
            speaker_entity: q.speaker_entity.as_deref().and_then(entity_id),
            via: q.via.clone(),
            cite: cite(name, &q.cite)?,
        });
    }
    for t in &s.timeline {
        story.timeline.push(m::TimelineEntry {
            date: date(name, &t.date)?,
            inferred: t.inferred,
            text: t.text.clone(),
            cites: cites(name, &t.cites)?,
        });
    }
    Ok(story)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_parse_with_or_without_prefix_and_reject_junk() {
        assert_eq!(parse_story_ref("s12"), Some(12));
        assert_eq!(parse_story_ref("7"), Some(7));
        assert_eq!(parse_story_ref("s0"), None);
        assert_eq!(parse_story_ref("../etc/passwd"), None);
        assert_eq!(parse_article_ref("a3"), Some(3));
        assert_eq!(parse_article_ref("a-3"), None);
        assert_eq!(parse_article_ref("99999999999999999999"), None);
    }

    #[test]
    fn a_story_survives_the_round_trip_through_json() {
        let mut st = m::Story::new(m::StoryId(4), vec![m::ArticleId(2), m::ArticleId(9)]);
        st.headline = "Bridge reopens".into();
        st.period = Some(m::Period {
            from: m::Date::ymd(2031, 3, 1).unwrap(),
            to: m::Date::ym(2031, 4).unwrap(),
        });
        st.summary.push(m::SummarySentence {
            text: "The bridge reopened.".into(),
            cites: vec![m::Cite::new(m::ArticleId(9), m::Span::new(0, 20))],
        });
        st.entities.push(m::Entity {
            id: m::EntityId(0),
            name: "Orrin Vale".into(),
            kind: m::EntityKind::Person,
            aliases: vec!["Vale".into()],
            mentions: vec![m::Cite::new(m::ArticleId(2), m::Span::new(3, 8))],
        });
        st.quotes.push(m::StoryQuote {
            text: "We are open".into(),
            speaker: Some("Vale".into()),
            speaker_entity: Some(m::EntityId(0)),
            via: None,
            cite: m::Cite::new(m::ArticleId(2), m::Span::new(10, 21)),
        });
        st.timeline.push(m::TimelineEntry {
            date: m::Date::year(2031),
            inferred: true,
            text: "Work began.".into(),
            cites: vec![m::Cite::new(m::ArticleId(2), m::Span::new(0, 4))],
        });
        let back = story_from_json(&json::Story::from_model(&st)).unwrap();
        assert_eq!(back, st);
    }

    #[test]
    fn remapping_moves_every_cite_and_refuses_unknown_articles() {
        let mut st = m::Story::new(m::StoryId(0), vec![m::ArticleId(5)]);
        st.summary.push(m::SummarySentence {
            text: "x".into(),
            cites: vec![m::Cite::new(m::ArticleId(5), m::Span::new(0, 1))],
        });
        remap_story(&mut st, |a| (a.0 == 5).then_some(m::ArticleId(0))).unwrap();
        assert_eq!(st.summary[0].cites[0].article, m::ArticleId(0));
        assert_eq!(st.articles, vec![m::ArticleId(0)]);
        assert_eq!(
            remap_story(&mut st, |_| None),
            Err(m::ArticleId(0)),
            "an unmapped id is reported"
        );
    }
}
