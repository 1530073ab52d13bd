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

use crate::db::{vals, Conn};
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
    pending_order: Vec<(u32, i64)>,
}

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
        for (local, key) in vocab.keys() {
            let found = self
                .conn
                .row("SELECT id, df FROM terms WHERE key = ?1", vals![&key])
                .ctx("looking up a term")?;
            let (id, df) = match found {
                Some(r) => (r.int(0), r.int(1)),
                None => {
                    // A term another writer added since is taken as it is.
                    let r = self
                        .conn
                        .row(
                            "INSERT INTO terms (key, df) VALUES (?1, 0) \
                             ON CONFLICT(key) DO UPDATE SET df = terms.df RETURNING id, df",
                            vals![&key],
                        )
                        .ctx("adding a term")?
                        .ok_or_else(|| corrupt("term table", "a term insert returned no id"))?;
                    (r.int(0), r.int(1))
                }
            };
            let (id, df) = (id.ctx("reading a term")?, df.ctx("reading a term")?);
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
        let mut all: BTreeSet<i64> = BTreeSet::new();
        for q in group {
            let mut cands: Vec<i64> = Vec::new();
            for t in q.probes() {
                cands.extend(self.postings(t)?);
            }
            all.extend(shortlist(cands));
        }
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
            let rows = self
                .conn
                .rows(
                    "SELECT story_id FROM postings WHERE term_id = ?1 ORDER BY seq DESC LIMIT ?2",
                    vals![
                        i64::from(t),
                        i64::try_from(POSTINGS_READ - got.len()).unwrap_or(0)
                    ],
                )
                .ctx("reading postings")?;
            for r in rows {
                got.push(r.int(0).ctx("reading postings")?);
            }
        }
        Ok(got)
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
        for t in &self.df_changed {
            let df = i64::from(self.df.get(t).copied().unwrap_or(0));
            conn.exec(
                "UPDATE terms SET df = ?2 WHERE id = ?1",
                vals![i64::from(*t), df],
            )
            .ctx("updating a term")?;
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
