//! Bringing stories up to date, inside the caller's transaction: the
//! incremental path ([`add_new`]: new articles against the stored index) and
//! the from-scratch path ([`regroup_all`]: every article grouped again, the
//! index rebuilt from the result).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use dossier_model::{self as m, Article, ArticleId};
use dossier_pipeline::DigestOptions;
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::analysed::AnalysedCache;
use crate::db::{vals, Conn, DbError, Dialect};
use crate::grouping::{self, Index};
use crate::{
    convert, hex, load_rows, now, query_int, write_story, Ctx, Row, StoreError, StoryUpdate,
    ARTICLE_COLUMNS,
};

/// The least mean similarity of a batch's event to a stored story for it to
/// join that story (or `stream_similarity`, if higher). Measured on ECB+ in
/// batches of 100 (`examples/agreement.rs`): at the in-memory index's 0.22,
/// look-alike events joined each other (B-cubed F1 against the gold events
/// 0.878); at 0.3, 0.906, beside 0.929 for a regroup from scratch.
const JOIN_SIMILARITY: f32 = 0.3;

/// The least similarity at which a lone report of a batch attaches to a
/// larger event of the same batch. A batch holds the edges of many events
/// (their first or last reports), so a lone report is often the first of
/// an event still to come, not an odd angle on one at hand: attaching at
/// the exact path's 0.15 glued look-alike events of one kind together
/// (B-cubed against a regroup 0.70 on the generated stream of
/// `examples/agreement.rs`). At 0.25: 0.962 there, 0.943 on ECB+ (0.964
/// at 0.15, 0.940 with no attaching).
const BATCH_ATTACH_SIMILARITY: f32 = 0.25;

/// How alike two stories must be (centroid to centroid) for an event that
/// fits both to merge them. Measured on ECB+ (look-alike real events):
/// merging at the join threshold cost 0.04 B-cubed F1 against the gold
/// events; from 0.6 up, merges only joined what belonged together.
const MERGE_SIMILARITY: f32 = 0.6;

/// A story's identity for "did it change": its members' content hashes with
/// their copy and relay links, and the summary budget.
fn signature(words: usize, arts: &[Article], hash_of: impl Fn(ArticleId) -> String) -> String {
    let mut h = Sha256::new();
    h.update(format!("words={words}\n").as_bytes());
    for a in arts {
        h.update(hash_of(a.id).as_bytes());
        if let Some(d) = a.duplicate_of {
            h.update(b" dup ");
            h.update(hash_of(d).as_bytes());
        }
        for r in &a.relays {
            h.update(b" relay ");
            h.update(hash_of(*r).as_bytes());
        }
        h.update(b"\n");
    }
    hex(&h.finalize())
}

/// A fresh story id, never one a story had before (so a link to a story
/// merged away never lands on an unrelated one): above every live id, every
/// redirected id and the last id handed out (`meta.story_seq`).
fn new_story(conn: &Conn) -> Result<i64, StoreError> {
    let mut id = 0;
    for sql in [
        "SELECT MAX(id) FROM stories",
        "SELECT MAX(old_id) FROM story_redirects",
        "SELECT CAST(value AS BIGINT) FROM meta WHERE key = 'story_seq'",
    ] {
        id = id.max(query_int(conn, sql, vals![], "choosing a story id")?.unwrap_or(0));
    }
    let id = id + 1;
    conn.exec(
        "INSERT INTO stories (id, headline, size, signature, json, updated_at) \
         VALUES (?1, '', 0, '', '{}', ?2)",
        vals![id, now()],
    )
    .ctx("creating a story")?;
    set_meta(conn, "story_seq", id)?;
    Ok(id)
}

fn set_meta(conn: &Conn, key: &str, value: i64) -> Result<(), StoreError> {
    conn.exec(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) \
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        vals![key, value.to_string()],
    )
    .ctx("writing the grouping mark")?;
    Ok(())
}

fn redirect(conn: &Conn, old: i64, new: i64) -> Result<(), StoreError> {
    conn.exec(
        "INSERT INTO story_redirects (old_id, new_id) VALUES (?1, ?2) \
         ON CONFLICT(old_id) DO UPDATE SET new_id = excluded.new_id",
        vals![old, new],
    )
    .ctx("recording a story merge")?;
    // Keep chains short: whatever pointed at the old story points at the new one.
    conn.exec(
        "UPDATE story_redirects SET new_id = ?2 WHERE new_id = ?1",
        vals![old, new],
    )
    .ctx("recording a story merge")?;
    Ok(())
}

/// The stored periods (first and last day numbers) of these stories; a
/// story missing or undated has none. One statement in PostgreSQL.
fn periods(conn: &Conn, stories: &[i64]) -> Result<HashMap<i64, (i64, i64)>, StoreError> {
    let rows = match conn.dialect() {
        Dialect::Postgres => conn.rows(
            "SELECT id, from_day, to_day FROM stories WHERE id = ANY(?1)",
            vals![stories.to_vec()],
        ),
        Dialect::Sqlite => stories
            .iter()
            .map(|&s| {
                conn.rows(
                    "SELECT id, from_day, to_day FROM stories WHERE id = ?1",
                    vals![s],
                )
            })
            .collect::<Result<Vec<_>, _>>()
            .map(|v| v.into_iter().flatten().collect()),
    }
    .ctx("reading story periods")?;
    let mut out = HashMap::new();
    for r in rows {
        let got = (r.int(0), r.opt_int(1), r.opt_int(2));
        let id = got.0.ctx("reading story periods")?;
        if let (Some(from), Some(to)) = (
            got.1.ctx("reading story periods")?,
            got.2.ctx("reading story periods")?,
        ) {
            out.insert(id, (from, to));
        }
    }
    Ok(out)
}

/// Is a period further than `gap` days from every one of these publication
/// days? (No when either side is undated.)
fn far_apart(period: Option<&(i64, i64)>, days: &[i64], gap: i64) -> bool {
    match period {
        Some(&(from, to)) if !days.is_empty() => {
            days.iter().all(|&d| d + gap < from || d - gap > to)
        }
        _ => false,
    }
}

fn story_members(conn: &Conn, story: i64) -> Result<Vec<i64>, StoreError> {
    conn.rows(
        "SELECT article_id FROM story_articles WHERE story_id = ?1",
        vals![story],
    )
    .ctx("reading story members")?
    .iter()
    .map(|r| r.int(0))
    .collect::<Result<Vec<i64>, _>>()
    .ctx("reading story members")
}

/// Put articles in a story (those already in it stay as they are).
fn add_members(conn: &Conn, story: i64, members: &[i64]) -> Result<(), StoreError> {
    for &a in members {
        conn.exec(
            "INSERT INTO story_articles (story_id, article_id, position) VALUES (?1, ?2, ?2) \
             ON CONFLICT DO NOTHING",
            vals![story, a],
        )
        .ctx("writing story members")?;
    }
    Ok(())
}

/// A story whose members changed and whose text is to be synthesised again.
fn mark_stale(conn: &Conn, story: i64) -> Result<(), StoreError> {
    conn.exec(
        "INSERT INTO stale_stories (story_id) VALUES (?1) ON CONFLICT DO NOTHING",
        vals![story],
    )
    .ctx("marking a story for synthesis")?;
    Ok(())
}

/// Synthesise up to `limit` stale stories in the caller's transaction;
/// how many were taken (0: none left). In PostgreSQL each is claimed with
/// `FOR UPDATE SKIP LOCKED`, so workers synthesise different stories side by
/// side, and a grouping that changes a story being synthesised marks it
/// stale again once this transaction ends. Membership is not written here:
/// it belongs to the grouping, which may have moved on since it was read.
pub(crate) fn synthesise_stale(
    conn: &Conn,
    limit: usize,
    opts: &DigestOptions,
    analysed: &mut AnalysedCache,
) -> Result<usize, StoreError> {
    let claim = match conn.dialect() {
        Dialect::Postgres => {
            "SELECT story_id FROM stale_stories ORDER BY story_id LIMIT ?1 FOR UPDATE SKIP LOCKED"
        }
        Dialect::Sqlite => "SELECT story_id FROM stale_stories ORDER BY story_id LIMIT ?1",
    };
    let ids: Vec<i64> = conn
        .rows(claim, vals![i64::try_from(limit).unwrap_or(1)])
        .ctx("claiming stories to synthesise")?
        .iter()
        .map(|r| r.int(0))
        .collect::<Result<_, _>>()
        .ctx("claiming stories to synthesise")?;
    let mut pending = Vec::with_capacity(ids.len());
    let sql = format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?1");
    for &id in &ids {
        conn.exec("DELETE FROM stale_stories WHERE story_id = ?1", vals![id])
            .ctx("unmarking a story")?;
        let members = story_members(conn, id)?;
        if members.is_empty() {
            // Merged away (or never filled) since it was marked.
            continue;
        }
        let mut rows = Vec::with_capacity(members.len());
        for a in members {
            rows.extend(load_rows(conn, &sql, vals![a])?);
        }
        pending.push(Pending { id, rows });
    }
    synthesise_and_write(conn, pending, analysed, opts)?;
    Ok(ids.len())
}

/// One story to synthesise: its stored id and its articles (row, article), by row.
struct Pending {
    id: i64,
    rows: Vec<Row>,
}

/// One story synthesised: its rows and analysed articles in the same order,
/// the story, and the analyses made for it (row, article) to keep.
struct Synthesised {
    id: i64,
    rows: Vec<Row>,
    arts: Vec<Article>,
    story: m::Story,
    new_analyses: Vec<(i64, Article)>,
}

/// Analyse (where `analysed` does not already hold the analysed article),
/// mark copies within the story, anchor dates, synthesise; then write the
/// story, its members and the copy links, replacing what was stored. The
/// analyses made here are kept in `analysed` for the next syntheses.
fn synthesise_and_write(
    conn: &Conn,
    mut pending: Vec<Pending>,
    analysed: &mut AnalysedCache,
    opts: &DigestOptions,
) -> Result<(), StoreError> {
    let analysis = dossier_analyze::Pipeline::standard();
    let cache = &*analysed;
    let done: Vec<Synthesised> = pending
        .par_iter_mut()
        .map(|p| {
            p.rows.sort_by_key(|r| r.id);
            let mut new_analyses = Vec::new();
            let mut arts: Vec<Article> = p
                .rows
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let mut a = match cache.get(r.id) {
                        Some(a) => a.clone(),
                        None => {
                            let mut a = r.article.clone();
                            analysis.run(&mut a);
                            new_analyses.push((r.id, a.clone()));
                            a
                        }
                    };
                    a.id = ArticleId(i);
                    a.duplicate_of = None;
                    a.relays.clear();
                    a
                })
                .collect();
            dossier_cluster::mark_copies(&mut arts, &opts.cluster);
            let ids: Vec<ArticleId> = arts.iter().map(|a| a.id).collect();
            dossier_synth::anchor_dates(&mut arts, &ids);
            let refs: Vec<&Article> = arts.iter().collect();
            let story = dossier_synth::synthesize(m::StoryId(0), &refs, &opts.synth);
            Synthesised {
                id: p.id,
                rows: std::mem::take(&mut p.rows),
                arts,
                story,
                new_analyses,
            }
        })
        .collect();
    for Synthesised {
        id,
        rows,
        arts,
        mut story,
        new_analyses,
    } in done
    {
        for (row, a) in new_analyses {
            analysed.insert(row, a);
        }
        let row_of = |a: ArticleId| rows.get(a.0).map(|r| r.id);
        let hash_of = |a: ArticleId| rows.get(a.0).map_or_else(String::new, |r| r.hash.clone());
        for (r, a) in rows.iter().zip(&arts) {
            let dup = a.duplicate_of.and_then(row_of);
            if dup != r.duplicate_of {
                conn.exec(
                    "UPDATE articles SET duplicate_of = ?2 WHERE id = ?1",
                    vals![r.id, dup],
                )
                .ctx("marking copies")?;
            }
        }
        let sig = signature(opts.synth.words, &arts, hash_of);
        conn.exec("DELETE FROM entities WHERE story_id = ?1", vals![id])
            .ctx("clearing story entities")?;
        convert::remap_story(&mut story, |a| {
            row_of(a).and_then(convert::article_id_of_row)
        })
        .map_err(|a| StoreError::Corrupt {
            what: format!("synthesis of story s{id}"),
            why: format!("it cites article {a}, which is not stored"),
        })?;
        story.id = convert::story_id_of_row(id).unwrap_or(m::StoryId(0));
        write_story(conn, id, &story, &sig, false)?;
    }
    Ok(())
}

/// Group the articles stored after `through` into the stories through the
/// stored index, then synthesise the stories they touched.
pub(crate) fn add_new(
    conn: &Conn,
    through: i64,
    opts: &DigestOptions,
) -> Result<StoryUpdate, StoreError> {
    // Articles queued for grouping, and any above the mark (a database
    // written before the queue existed).
    let sql = match conn.dialect() {
        Dialect::Sqlite => format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles WHERE id > ?1 UNION \
             SELECT {ARTICLE_COLUMNS} FROM articles WHERE id IN (SELECT article_id FROM ungrouped) \
             ORDER BY 1"
        ),
        // PostgreSQL would plan the UNION as a scan of every article; the
        // queue as an array first keeps it to primary-key lookups.
        Dialect::Postgres => format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles \
             WHERE id > ?1 OR id = ANY(ARRAY(SELECT article_id FROM ungrouped)) ORDER BY id"
        ),
    };
    let rows = load_rows(conn, &sql, vals![through])?;
    let mut update = StoryUpdate::default();
    let Some(last) = rows.last().map(|r| r.id) else {
        return Ok(update);
    };
    let mut arts: Vec<Article> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut a = r.article.clone();
            a.id = ArticleId(i);
            a
        })
        .collect();
    dossier_pipeline::analyze_all(&mut arts);

    let threshold = opts.cluster.stream_similarity.max(JOIN_SIMILARITY);
    let mut index = Index::open(conn)?;
    let feats = index.features(&arts, &opts.cluster)?;
    for f in &feats {
        index.count(f);
    }
    // The batch's own events first, exactly (k articles, not the corpus),
    // weighted as the corpus weighs words: each event then meets the stored
    // stories as one. Copies within the batch always group together.
    dossier_cluster::mark_copies(&mut arts, &opts.cluster);
    let batch_opts = dossier_cluster::ClusterOptions {
        attach_similarity: match opts.cluster.attach_similarity {
            a if a > 0.0 => a.max(BATCH_ATTACH_SIMILARITY),
            _ => 0.0,
        },
        ..opts.cluster.clone()
    };
    let events =
        dossier_cluster::group_weighted(&arts, feats.clone(), |t| index.idf(t), &batch_opts);
    let mut events: Vec<Vec<usize>> = events
        .into_iter()
        .map(|g| g.into_iter().map(|a| a.0).collect())
        .collect();
    for e in &mut events {
        e.sort_unstable();
    }
    events.sort_unstable();
    // New members of each touched story (row ids), and stories merged away
    // into others: their stored members move with them.
    let mut joined: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    let mut created: BTreeSet<i64> = BTreeSet::new();
    let mut gone: BTreeMap<i64, i64> = BTreeMap::new();
    let mut moved: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for event in events {
        let qs: Vec<_> = event
            .iter()
            .filter_map(|&i| feats.get(i))
            .map(|f| index.weigh(f))
            .collect();
        let days: Vec<i64> = event
            .iter()
            .filter_map(|&i| arts.get(i)?.meta.published)
            .map(|d| d.first_day_number())
            .collect();
        let mut scored = index.scored(&qs, &opts.cluster)?;
        // As the exact path does, reports published far apart are different
        // events (a look-back a year on is not the event itself).
        let ids: Vec<i64> = scored.iter().map(|x| x.1).collect();
        let spans = periods(conn, &ids)?;
        scored.retain(|(_, id)| !far_apart(spans.get(id), &days, opts.cluster.max_day_gap));
        let mut target = match scored.first() {
            Some(&(s, id)) if s >= threshold => id,
            _ => {
                let id = new_story(conn)?;
                created.insert(id);
                id
            }
        };
        for q in &qs {
            index.join(target, q)?;
        }
        joined
            .entry(target)
            .or_default()
            .extend(event.iter().filter_map(|&i| rows.get(i).map(|r| r.id)));
        // An event close to two stories that are themselves alike bridges
        // them: the younger story merges into the older one.
        for &(s, other) in scored.iter().skip(1) {
            if s < threshold {
                break;
            }
            if other == target || gone.contains_key(&other) {
                continue;
            }
            if index.alike(target, other, &opts.cluster)? < MERGE_SIMILARITY {
                continue;
            }
            let (keep, away) = (target.min(other), target.max(other));
            index.merge(keep, away)?;
            let mut members = story_members(conn, away)?;
            members.extend(moved.remove(&away).unwrap_or_default());
            moved.entry(keep).or_default().extend(members);
            if let Some(j) = joined.remove(&away) {
                joined.entry(keep).or_default().extend(j);
            }
            conn.exec("DELETE FROM stories WHERE id = ?1", vals![away])
                .ctx("removing a merged story")?;
            redirect(conn, away, keep)?;
            for v in gone.values_mut() {
                if *v == away {
                    *v = keep;
                }
            }
            gone.insert(away, keep);
            target = keep;
        }
    }
    index.flush()?;

    // Membership is decided here, under the grouping lock; the stories'
    // texts are synthesised after it is released (`synthesise_stale`).
    for (&id, new_members) in &joined {
        let mut members: Vec<i64> = moved.remove(&id).unwrap_or_default();
        members.extend(new_members);
        add_members(conn, id, &members)?;
        mark_stale(conn, id)?;
        if created.contains(&id) {
            update.created.push(id);
        } else {
            update.updated.push(id);
        }
    }
    update.removed = gone
        .keys()
        .filter(|g| !created.contains(g))
        .copied()
        .collect();
    for r in &rows {
        conn.exec("DELETE FROM ungrouped WHERE article_id = ?1", vals![r.id])
            .ctx("marking articles grouped")?;
    }
    set_meta(conn, "grouped_through", last.max(through))?;
    let total = query_int(
        conn,
        "SELECT COUNT(*) FROM stories",
        vals![],
        "counting stories",
    )?
    .unwrap_or(0);
    update.kept = usize::try_from(total)
        .unwrap_or(0)
        .saturating_sub(update.created.len() + update.updated.len());
    Ok(update)
}

/// Group all stored articles again, synthesise the stories that changed
/// (keeping the ids of the stored stories they overlap most), point stories
/// that went away at their successor, and rebuild the story index.
pub(crate) fn regroup_all(conn: &Conn, opts: &DigestOptions) -> Result<StoryUpdate, StoreError> {
    // Every story is synthesised here if it changed, so nothing stays
    // stale; cleared first, so a synthesis in flight elsewhere ends before
    // this one writes the same stories.
    conn.exec("DELETE FROM stale_stories", vals![])
        .ctx("clearing the synthesis queue")?;
    // The articles queued for grouping, read before the articles themselves:
    // each of these is then among the rows read. (One committed by another
    // writer in between is left queued for the next grouping.)
    let queued: Vec<i64> = conn
        .rows("SELECT article_id FROM ungrouped", vals![])
        .ctx("reading the grouping queue")?
        .iter()
        .map(|r| r.int(0))
        .collect::<Result<_, _>>()
        .ctx("reading the grouping queue")?;
    let sql = format!("SELECT {ARTICLE_COLUMNS} FROM articles ORDER BY id");
    let rows = load_rows(conn, &sql, vals![])?;
    let mut arts: Vec<Article> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut a = r.article.clone();
            a.id = ArticleId(i);
            a.duplicate_of = None;
            a
        })
        .collect();
    let groups = dossier_pipeline::group_articles(&mut arts, opts);
    let row_of = |id: ArticleId| rows.get(id.0).map(|r| r.id);
    let hash_of = |id: ArticleId| rows.get(id.0).map_or_else(String::new, |r| r.hash.clone());
    let sigs: Vec<String> = groups
        .iter()
        .map(|g| {
            let members: Vec<Article> = g.iter().filter_map(|id| arts.get(id.0).cloned()).collect();
            signature(opts.synth.words, &members, hash_of)
        })
        .collect();

    // The stored stories: signature and members.
    let mut existing: Vec<(i64, String, HashSet<i64>)> = Vec::new();
    {
        let list = conn
            .rows("SELECT id, signature FROM stories ORDER BY id", vals![])
            .ctx("reading stories")?
            .iter()
            .map(|r| Ok((r.int(0)?, r.text(1)?)))
            .collect::<Result<Vec<_>, DbError>>()
            .ctx("reading stories")?;
        let mut members: HashMap<i64, HashSet<i64>> = HashMap::new();
        let pairs = conn
            .rows("SELECT story_id, article_id FROM story_articles", vals![])
            .ctx("reading story members")?
            .iter()
            .map(|r| Ok((r.int(0)?, r.int(1)?)))
            .collect::<Result<Vec<_>, DbError>>()
            .ctx("reading story members")?;
        for (s, a) in pairs {
            members.entry(s).or_default().insert(a);
        }
        for (id, sig) in list {
            let m = members.remove(&id).unwrap_or_default();
            existing.push((id, sig, m));
        }
    }

    let mut used: HashSet<i64> = HashSet::new();
    let mut update = StoryUpdate::default();
    let mut story_of_group: Vec<Option<i64>> = vec![None; groups.len()];
    let mut changed: Vec<usize> = Vec::new();
    for (gi, sig) in sigs.iter().enumerate() {
        match existing
            .iter()
            .find(|(id, s, _)| s == sig && !used.contains(id))
        {
            Some((id, _, _)) => {
                used.insert(*id);
                story_of_group[gi] = Some(*id);
                update.kept += 1;
            }
            None => changed.push(gi),
        }
    }
    // A changed group keeps the id of the free stored story it shares most
    // articles with, so links to a growing story stay valid.
    changed.sort_by_key(|gi| std::cmp::Reverse(groups[*gi].len()));
    for &gi in &changed {
        let members: HashSet<i64> = groups[gi].iter().filter_map(|a| row_of(*a)).collect();
        let best = existing
            .iter()
            .filter(|(id, _, _)| !used.contains(id))
            .map(|(id, _, m)| (m.intersection(&members).count(), *id))
            .filter(|(n, _)| *n > 0)
            .max_by_key(|(n, id)| (*n, std::cmp::Reverse(*id)));
        if let Some((_, id)) = best {
            used.insert(id);
            story_of_group[gi] = Some(id);
            update.updated.push(id);
        }
    }
    let synthesised: Vec<m::Story> = changed
        .par_iter()
        .map(|gi| {
            let refs: Vec<&Article> = groups[*gi].iter().filter_map(|id| arts.get(id.0)).collect();
            dossier_synth::synthesize(m::StoryId(0), &refs, &opts.synth)
        })
        .collect();

    // Stories that went away: their id points at the story holding most of their articles.
    let mut group_of_row: HashMap<i64, usize> = HashMap::new();
    for (gi, g) in groups.iter().enumerate() {
        for a in g {
            if let Some(r) = row_of(*a) {
                group_of_row.insert(r, gi);
            }
        }
    }
    let mut successors: Vec<(i64, usize)> = Vec::new();
    for (id, _, members) in &existing {
        if used.contains(id) {
            continue;
        }
        let mut votes: BTreeMap<usize, usize> = BTreeMap::new();
        for r in members {
            if let Some(&gi) = group_of_row.get(r) {
                *votes.entry(gi).or_default() += 1;
            }
        }
        if let Some((gi, _)) = votes
            .into_iter()
            .max_by_key(|&(gi, n)| (n, std::cmp::Reverse(gi)))
        {
            successors.push((*id, gi));
        }
        conn.exec("DELETE FROM stories WHERE id = ?1", vals![id])
            .ctx("removing a merged story")?;
        update.removed.push(*id);
    }

    for (&gi, mut story) in changed.iter().zip(synthesised) {
        let id = match story_of_group[gi] {
            Some(id) => {
                conn.exec("DELETE FROM story_articles WHERE story_id = ?1", vals![id])
                    .ctx("clearing story members")?;
                conn.exec("DELETE FROM entities WHERE story_id = ?1", vals![id])
                    .ctx("clearing story entities")?;
                id
            }
            None => {
                let id = new_story(conn)?;
                story_of_group[gi] = Some(id);
                update.created.push(id);
                id
            }
        };
        convert::remap_story(&mut story, |a| {
            row_of(a).and_then(convert::article_id_of_row)
        })
        .map_err(|a| StoreError::Corrupt {
            what: format!("synthesis of story s{id}"),
            why: format!("it cites article {a}, which is not stored"),
        })?;
        story.id = convert::story_id_of_row(id).unwrap_or(m::StoryId(0));
        write_story(conn, id, &story, &sigs[gi], true)?;
    }
    for (old, gi) in successors {
        if let Some(Some(new)) = story_of_group.get(gi) {
            redirect(conn, old, *new)?;
        }
    }
    for (i, r) in rows.iter().enumerate() {
        let dup = arts.get(i).and_then(|a| a.duplicate_of).and_then(row_of);
        if dup != r.duplicate_of {
            conn.exec(
                "UPDATE articles SET duplicate_of = ?2 WHERE id = ?1",
                vals![r.id, dup],
            )
            .ctx("marking copies")?;
        }
    }

    // The index, rebuilt from these stories in stored order.
    let mut story_of_row: Vec<i64> = vec![0; rows.len()];
    for (gi, g) in groups.iter().enumerate() {
        if let Some(Some(id)) = story_of_group.get(gi) {
            for a in g {
                if let Some(slot) = story_of_row.get_mut(a.0) {
                    *slot = *id;
                }
            }
        }
    }
    let (indexed, story_of): (Vec<Article>, Vec<i64>) = arts
        .into_iter()
        .zip(story_of_row)
        .filter(|(_, s)| *s != 0)
        .unzip();
    grouping::rebuild(conn, &indexed, &story_of, &opts.cluster)?;
    for id in queued {
        conn.exec("DELETE FROM ungrouped WHERE article_id = ?1", vals![id])
            .ctx("marking articles grouped")?;
    }
    set_meta(conn, "grouped_through", rows.last().map_or(0, |r| r.id))?;
    Ok(update)
}
