//! The stored story index: what incremental grouping needs, kept in the database so
//! that adding k articles reads and writes only what those k articles touch.
//!
//! It is the state of [`dossier_cluster::StoryIndex`] spread over tables:
//! `terms` (durable term ids with their document frequency), `centroids`
//! (one bounded [`Centroid`] per story) and `postings` (term to the stories
//! whose centroid holds it, newest last). A new article is weighed with the
//! stored IDF, compared with the stories its strongest terms post to (at most
//! [`POSTINGS_READ`] per term, shortlisted as the in-memory index does), and
//! joins the best one above `stream_similarity` or starts a story. Nothing
//! here reads the corpus: the cost is the batch, its terms and the stories
//! it meets.

use std::collections::{BTreeSet, HashMap};

use crate::db::{vals, Conn, Dialect};
use crate::{query_int, Ctx, StoreError};
use dossier_cluster::{features, idf, shortlist, Centroid, ClusterOptions, Query, POSTINGS_READ};
use dossier_model::Article;

/// The index as one transaction sees it: what was read so far, and what
/// changed, written back by [`Index::flush`].
pub(crate) struct Index<'c> {
    conn: &'c Conn,
    docs: u32,
    /// Document frequency of the terms met so far, by durable id.
    df: HashMap<u32, u32>,
    df_changed: BTreeSet<u32>,
    /// Centroids read or built so far; `None` for a story merged away.
    centroids: HashMap<i64, Option<Centroid>>,
    changed: BTreeSet<i64>,
    /// Postings added by this batch, in order, not yet written.
    pending: HashMap<u32, Vec<i64>>,
    /// Stored postings read so far (newest first, at most [`POSTINGS_READ`]
    /// per term): the table does not change before [`Index::flush`].
    stored: HashMap<u32, Vec<i64>>,
    pending_order: Vec<(u32, i64)>,
}

/// A batch's term: its local id, and its durable id and document frequency.
type TermRow = (u32, (i64, i64));

fn corrupt(what: &str, why: impl Into<String>) -> StoreError {
    StoreError::Corrupt {
        what: what.to_string(),
        why: why.into(),
    }
}

fn term_id(v: i64) -> Result<u32, StoreError> {
    u32::try_from(v).map_err(|_| corrupt("term table", format!("term id {v} out of range")))
}

impl<'c> Index<'c> {
    pub(crate) fn open(conn: &'c Conn) -> Result<Index<'c>, StoreError> {
        let docs = query_int(
            conn,
            "SELECT CAST(value AS BIGINT) FROM meta WHERE key = 'index_docs'",
            vals![],
            "reading the index size",
        )?;
        Ok(Index {
            conn,
            docs: u32::try_from(docs.unwrap_or(0)).unwrap_or(u32::MAX),
            df: HashMap::new(),
            df_changed: BTreeSet::new(),
            centroids: HashMap::new(),
            changed: BTreeSet::new(),
            pending: HashMap::new(),
            stored: HashMap::new(),
            pending_order: Vec::new(),
        })
    }

    /// Features of analysed articles with durable term ids: extracted with a
    /// vocabulary of the batch's own, whose ids are then mapped onto the
    /// `terms` table (new terms are added to it).
    pub(crate) fn features(
        &mut self,
        articles: &[Article],
        opts: &ClusterOptions,
    ) -> Result<Vec<features::Features>, StoreError> {
        let mut vocab = features::Vocab::new();
        let mut feats: Vec<features::Features> = articles
            .iter()
            .map(|a| features::extract(a, &mut vocab, opts))
            .collect();
        let mut map: HashMap<u32, u32> = HashMap::new();
        for (local, (id, df)) in self.resolve_terms(vocab.keys())? {
            let id = term_id(id)?;
            self.df.entry(id).or_insert(u32::try_from(df).unwrap_or(0));
            map.insert(local, id);
        }
        let remap = |v: &mut Vec<(u32, f32)>| {
            for x in v.iter_mut() {
                x.0 = map.get(&x.0).copied().unwrap_or(x.0);
            }
            v.sort_unstable_by_key(|x| x.0);
        };
        for f in &mut feats {
            remap(&mut f.terms);
            remap(&mut f.names);
            for t in &mut f.lead {
                *t = map.get(t).copied().unwrap_or(*t);
            }
        }
        Ok(feats)
    }

    /// Durable ids and document frequencies of a batch's terms (local id,
    /// key), adding the terms not yet in the table.
    fn resolve_terms(&mut self, keys: Vec<(u32, String)>) -> Result<Vec<TermRow>, StoreError> {
        match self.conn.dialect() {
            Dialect::Sqlite => keys
                .into_iter()
                .map(|(local, key)| Ok((local, self.term_row(&key)?)))
                .collect(),
            Dialect::Postgres => self.resolve_terms_at_once(keys),
        }
    }

    /// One term: look it up, or add it.
    fn term_row(&self, key: &str) -> Result<(i64, i64), StoreError> {
        let r = match self
            .conn
            .row("SELECT id, df FROM terms WHERE key = ?1", vals![key])
            .ctx("looking up a term")?
        {
            Some(r) => r,
            None => self
                .conn
                .row(
                    "INSERT INTO terms (key, df) VALUES (?1, 0) \
                     ON CONFLICT(key) DO UPDATE SET df = terms.df RETURNING id, df",
                    vals![key],
                )
                .ctx("adding a term")?
                .ok_or_else(|| corrupt("term table", "a term insert returned no id"))?,
        };
        Ok((
            r.int(0).ctx("reading a term")?,
            r.int(1).ctx("reading a term")?,
        ))
    }

    /// All terms in two statements (PostgreSQL): add the missing ones, then
    /// read them all. A round trip per term was most of an ingest's time.
    fn resolve_terms_at_once(
        &mut self,
        keys: Vec<(u32, String)>,
    ) -> Result<Vec<TermRow>, StoreError> {
        let all: Vec<String> = keys.iter().map(|(_, k)| k.clone()).collect();
        self.conn
            .exec(
                "INSERT INTO terms (key, df) SELECT k, 0 FROM unnest(?1::text[]) AS k \
                 ON CONFLICT (key) DO NOTHING",
                vals![all.clone()],
            )
            .ctx("adding terms")?;
        let rows = self
            .conn
            .rows(
                "SELECT key, id, df FROM terms WHERE key = ANY(?1)",
                vals![all],
            )
            .ctx("looking up terms")?;
        let mut by_key: HashMap<String, (i64, i64)> = HashMap::with_capacity(rows.len());
        for r in rows {
            let got = (r.text(0), r.int(1), r.int(2));
            let (k, id, df) = (
                got.0.ctx("reading a term")?,
                got.1.ctx("reading a term")?,
                got.2.ctx("reading a term")?,
            );
            by_key.insert(k, (id, df));
        }
        keys.into_iter()
            .map(|(local, k)| {
                let row = by_key
                    .get(&k)
                    .copied()
                    .ok_or_else(|| corrupt("term table", format!("term {k:?} was not added")))?;
                Ok((local, row))
            })
            .collect()
    }

    /// Count one more article: its terms' document frequencies.
    pub(crate) fn count(&mut self, f: &features::Features) {
        self.docs = self.docs.saturating_add(1);
        for &(t, _) in f.terms.iter().chain(&f.names) {
            let d = self.df.entry(t).or_insert(0);
            *d = d.saturating_add(1);
            self.df_changed.insert(t);
        }
    }

    /// A term's weight with the document frequencies counted so far.
    pub(crate) fn idf(&self, t: u32) -> f32 {
        idf(self.df.get(&t).copied().unwrap_or(0), self.docs)
    }

    /// Weigh an article with the IDF counted so far.
    pub(crate) fn weigh(&self, f: &features::Features) -> Query {
        Query::new(f, |t| self.idf(t))
    }

    /// [`Index::count`], then [`Index::weigh`].
    pub(crate) fn count_and_weigh(&mut self, f: &features::Features) -> Query {
        self.count(f);
        self.weigh(f)
    }

    fn centroid(&mut self, story: i64) -> Result<Option<&Centroid>, StoreError> {
        if !self.centroids.contains_key(&story) {
            let data: Option<Vec<u8>> = self
                .conn
                .row(
                    "SELECT data FROM centroids WHERE story_id = ?1",
                    vals![story],
                )
                .ctx("reading a centroid")?
                .map(|r| r.bytes(0))
                .transpose()
                .ctx("reading a centroid")?;
            let c = data
                .map(|d| {
                    Centroid::decode(&d)
                        .ok_or_else(|| corrupt(&format!("centroid of story s{story}"), "bad bytes"))
                })
                .transpose()?;
            self.centroids.insert(story, c);
        }
        Ok(self.centroids.get(&story).and_then(Option::as_ref))
    }

    /// The stories a group of weighed articles (one event, as the batch's
    /// own exact grouping found) is compared with: those any member's
    /// strongest terms post to, shortlisted per member. Each is scored with
    /// the members' mean similarity to it; best first (ties: the older story).
    pub(crate) fn scored(
        &mut self,
        group: &[Query],
        opts: &ClusterOptions,
    ) -> Result<Vec<(f32, i64)>, StoreError> {
        let probes: Vec<u32> = group.iter().flat_map(Query::probes).collect();
        self.read_postings(&probes)?;
        let mut all: BTreeSet<i64> = BTreeSet::new();
        for q in group {
            let mut cands: Vec<i64> = Vec::new();
            for t in q.probes() {
                cands.extend(self.postings(t)?);
            }
            all.extend(shortlist(cands));
        }
        let all: Vec<i64> = all.into_iter().collect();
        self.read_centroids(&all)?;
        let mut out = Vec::new();
        for c in all {
            // A posting to a story merged away is stale: its successor was
            // posted under the same terms when it took the story in.
            if let Some(centroid) = self.centroid(c)? {
                let sum: f32 = group.iter().map(|q| centroid.similarity(q, opts)).sum();
                out.push((sum / group.len().max(1) as f32, c));
            }
        }
        out.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        Ok(out)
    }

    /// The newest stories posted under a term (this batch's first).
    fn postings(&mut self, t: u32) -> Result<Vec<i64>, StoreError> {
        let mut got: Vec<i64> = self
            .pending
            .get(&t)
            .map(|p| p.iter().rev().take(POSTINGS_READ).copied().collect())
            .unwrap_or_default();
        if got.len() < POSTINGS_READ {
            self.read_postings(&[t])?;
            let room = POSTINGS_READ - got.len();
            got.extend(self.stored.get(&t).into_iter().flatten().take(room));
        }
        Ok(got)
    }

    /// Read the stored postings of the terms not read yet: one statement
    /// for them all in PostgreSQL, one per term in SQLite (in-process).
    fn read_postings(&mut self, terms: &[u32]) -> Result<(), StoreError> {
        let mut missing: Vec<u32> = terms
            .iter()
            .copied()
            .filter(|t| !self.stored.contains_key(t))
            .collect();
        missing.sort_unstable();
        missing.dedup();
        if missing.is_empty() {
            return Ok(());
        }
        let limit = i64::try_from(POSTINGS_READ).unwrap_or(i64::MAX);
        for t in &missing {
            self.stored.insert(*t, Vec::new());
        }
        if self.conn.dialect() == Dialect::Sqlite {
            for t in missing {
                let rows = self
                    .conn
                    .rows(
                        "SELECT story_id FROM postings WHERE term_id = ?1 \
                         ORDER BY seq DESC LIMIT ?2",
                        vals![i64::from(t), limit],
                    )
                    .ctx("reading postings")?;
                let list = rows
                    .iter()
                    .map(|r| r.int(0))
                    .collect::<Result<Vec<_>, _>>()
                    .ctx("reading postings")?;
                self.stored.insert(t, list);
            }
            return Ok(());
        }
        let ids: Vec<i64> = missing.iter().map(|&t| i64::from(t)).collect();
        let rows = self
            .conn
            .rows(
                "SELECT t, p.story_id FROM unnest(?1::bigint[]) AS t, \
                 LATERAL (SELECT story_id, seq FROM postings WHERE term_id = t \
                          ORDER BY seq DESC LIMIT ?2) AS p \
                 ORDER BY t, p.seq DESC",
                vals![ids, limit],
            )
            .ctx("reading postings")?;
        for r in rows {
            let t = term_id(r.int(0).ctx("reading postings")?)?;
            let story = r.int(1).ctx("reading postings")?;
            self.stored.entry(t).or_default().push(story);
        }
        Ok(())
    }

    /// Read the centroids of these stories not read yet (one statement in
    /// PostgreSQL).
    fn read_centroids(&mut self, stories: &[i64]) -> Result<(), StoreError> {
        let missing: Vec<i64> = stories
            .iter()
            .copied()
            .filter(|s| !self.centroids.contains_key(s))
            .collect();
        if missing.is_empty() || self.conn.dialect() == Dialect::Sqlite {
            // SQLite reads each one as it is needed (`centroid`).
            return Ok(());
        }
        let rows = self
            .conn
            .rows(
                "SELECT story_id, data FROM centroids WHERE story_id = ANY(?1)",
                vals![missing.clone()],
            )
            .ctx("reading centroids")?;
        for s in missing {
            self.centroids.insert(s, None);
        }
        for r in rows {
            let story = r.int(0).ctx("reading centroids")?;
            let data = r.bytes(1).ctx("reading centroids")?;
            let c = Centroid::decode(&data)
                .ok_or_else(|| corrupt(&format!("centroid of story s{story}"), "bad bytes"))?;
            self.centroids.insert(story, Some(c));
        }
        Ok(())
    }

    /// How alike two stored stories are (0 when either is gone).
    pub(crate) fn alike(
        &mut self,
        a: i64,
        b: i64,
        opts: &ClusterOptions,
    ) -> Result<f32, StoreError> {
        let Some(ca) = self.centroid(a)?.cloned() else {
            return Ok(0.0);
        };
        Ok(self
            .centroid(b)?
            .map_or(0.0, |cb| ca.similarity_to(cb, opts)))
    }

    fn post(&mut self, story: i64, terms: Vec<u32>) {
        for t in terms {
            self.pending.entry(t).or_default().push(story);
            self.pending_order.push((t, story));
        }
    }

    /// Add a weighed article to a story (a new one starts empty).
    pub(crate) fn join(&mut self, story: i64, q: &Query) -> Result<(), StoreError> {
        self.centroid(story)?;
        let c = self
            .centroids
            .entry(story)
            .or_insert(None)
            .get_or_insert_with(Centroid::default);
        let new = c.join(q);
        self.changed.insert(story);
        self.post(story, new);
        Ok(())
    }

    /// Merge story `gone` into `keep`.
    pub(crate) fn merge(&mut self, keep: i64, gone: i64) -> Result<(), StoreError> {
        let Some(g) = self.centroid(gone)?.cloned() else {
            return Ok(());
        };
        self.centroid(keep)?;
        let c = self
            .centroids
            .entry(keep)
            .or_insert(None)
            .get_or_insert_with(Centroid::default);
        let new = c.absorb(&g);
        self.centroids.insert(gone, None);
        self.changed.insert(keep);
        self.changed.insert(gone);
        self.post(keep, new);
        Ok(())
    }

    /// Write what changed: the article count, document frequencies,
    /// centroids and new postings.
    pub(crate) fn flush(self) -> Result<(), StoreError> {
        let conn = self.conn;
        conn.exec(
            "INSERT INTO meta (key, value) VALUES ('index_docs', ?1) \
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            vals![self.docs.to_string()],
        )
        .ctx("writing the index size")?;
        let (ids, dfs): (Vec<i64>, Vec<i64>) = self
            .df_changed
            .iter()
            .map(|t| {
                (
                    i64::from(*t),
                    i64::from(self.df.get(t).copied().unwrap_or(0)),
                )
            })
            .unzip();
        if conn.dialect() == Dialect::Postgres {
            conn.exec(
                "UPDATE terms SET df = v.df FROM unnest(?1::bigint[], ?2::bigint[]) AS v(id, df) \
                 WHERE terms.id = v.id",
                vals![ids, dfs],
            )
            .ctx("updating terms")?;
        } else {
            for (id, df) in ids.into_iter().zip(dfs) {
                conn.exec("UPDATE terms SET df = ?2 WHERE id = ?1", vals![id, df])
                    .ctx("updating a term")?;
            }
        }
        for s in &self.changed {
            match self.centroids.get(s).and_then(Option::as_ref) {
                Some(c) => conn.exec(
                    "INSERT INTO centroids (story_id, data) VALUES (?1, ?2) \
                     ON CONFLICT(story_id) DO UPDATE SET data = excluded.data",
                    vals![*s, c.encode()],
                ),
                None => conn.exec("DELETE FROM centroids WHERE story_id = ?1", vals![*s]),
            }
            .ctx("writing a centroid")?;
        }
        if conn.dialect() == Dialect::Postgres {
            // In order: `seq` numbers the rows as `unnest` yields them.
            let (terms, stories): (Vec<i64>, Vec<i64>) = self
                .pending_order
                .iter()
                .map(|(t, s)| (i64::from(*t), *s))
                .unzip();
            conn.exec(
                "INSERT INTO postings (term_id, story_id) \
                 SELECT t, s FROM unnest(?1::bigint[], ?2::bigint[]) WITH ORDINALITY AS v(t, s, n) \
                 ORDER BY n",
                vals![terms, stories],
            )
            .ctx("writing postings")?;
            return Ok(());
        }
        for (t, s) in &self.pending_order {
            conn.exec(
                "INSERT INTO postings (term_id, story_id) VALUES (?1, ?2)",
                vals![i64::from(*t), *s],
            )
            .ctx("writing postings")?;
        }
        Ok(())
    }
}

/// Rebuild the whole index from stories decided elsewhere (a regroup):
/// `articles` analysed, in stored order, `story_of[i]` the story of `articles[i]`.
pub(crate) fn rebuild(
    conn: &Conn,
    articles: &[Article],
    story_of: &[i64],
    opts: &ClusterOptions,
) -> Result<(), StoreError> {
    for sql in [
        "DELETE FROM postings",
        "DELETE FROM centroids",
        "DELETE FROM terms",
        "DELETE FROM meta WHERE key = 'index_docs'",
    ] {
        conn.exec(sql, vals![]).ctx("clearing the story index")?;
    }
    let mut idx = Index::open(conn)?;
    let feats = idx.features(articles, opts)?;
    for (f, &story) in feats.iter().zip(story_of) {
        let q = idx.count_and_weigh(f);
        idx.join(story, &q)?;
    }
    // Keep only the newest postings of each term, as the in-memory index does:
    // older ones are never read.
    let mut kept: HashMap<u32, Vec<i64>> = HashMap::new();
    for (t, s) in idx.pending_order.drain(..) {
        let p = kept.entry(t).or_default();
        p.push(s);
        if p.len() >= 4 * POSTINGS_READ {
            p.drain(..p.len() - POSTINGS_READ);
        }
    }
    let mut order: Vec<(usize, u32, i64)> = Vec::new();
    // Postings keep their relative order per term; across terms order does not matter.
    for (t, list) in kept {
        for (i, s) in list.into_iter().enumerate() {
            order.push((i, t, s));
        }
    }
    order.sort_unstable();
    idx.pending_order = order.into_iter().map(|(_, t, s)| (t, s)).collect();
    idx.flush()
}
