//! The shared queue of inputs that workers ingest (PostgreSQL only).
//!
//! An input is enqueued with its bytes, so a worker on any machine can read
//! it. A worker claims a few pending inputs with `FOR UPDATE SKIP LOCKED`
//! (two workers never claim the same one and never wait for each other) and
//! a lease: an input whose lease ran out (its worker died) is claimed again.
//! The articles an input gave and the input's `done` mark are committed in
//! one transaction, so a worker killed at any point leaves each input either
//! done with its articles stored, or pending; and articles are keyed by
//! content hash, so an input ingested twice stores nothing twice. Enqueueing
//! sends a `NOTIFY` that wakes idle workers.

use dossier_ingest::IngestError;
use dossier_model::Article;

use crate::db::{vals, Conn, Dialect};
use crate::{query_int, Ctx, Ingested, Store, StoreError};

/// The channel workers `LISTEN` on.
pub const CHANNEL: &str = "dossier_queue";

/// An input leased three times without being finished (its worker died or
/// crashed on it each time) is failed, so one poisonous input cannot hold
/// the queue forever.
pub const MAX_ATTEMPTS: i64 = 3;

/// One claimed input.
#[derive(Debug, Clone)]
pub struct Claimed {
    pub id: i64,
    pub name: String,
    pub body: Vec<u8>,
}

/// An input that failed, with its reason.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FailedInput {
    pub id: i64,
    pub name: String,
    pub attempts: i64,
    pub error: String,
}

/// One input of the queue as whoever enqueued it follows it: `pending`,
/// `leased` (a worker has it), `done` (its articles are stored) or `failed`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct QueueEntry {
    pub id: i64,
    pub name: String,
    pub state: String,
    pub attempts: i64,
    /// Why it failed, or what a done input skipped (a bad record among good ones).
    pub error: Option<String>,
}

/// Inputs by state.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct QueueCounts {
    pub pending: usize,
    pub leased: usize,
    pub done: usize,
    pub failed: usize,
}

/// What became of one claimed input.
pub struct Outcome {
    pub id: i64,
    pub articles: Vec<Article>,
    pub errors: Vec<IngestError>,
}

/// Now, by the database's clock (every worker reads the same one).
const NOW: &str = "CAST(EXTRACT(EPOCH FROM clock_timestamp()) AS BIGINT)";

impl Store {
    fn need_postgres(&self, what: &str) -> Result<&Conn, StoreError> {
        match self.conn.dialect() {
            Dialect::Postgres => Ok(&self.conn),
            Dialect::Sqlite => Err(StoreError::NeedsPostgres {
                what: what.to_string(),
            }),
        }
    }

    /// Add an input to the queue and wake idle workers; its queue id.
    pub fn enqueue(&mut self, name: &str, body: &[u8]) -> Result<i64, StoreError> {
        let conn = self.need_postgres("the queue")?;
        let tx = conn.begin(false).ctx("starting the enqueue")?;
        let id = tx
            .row(
                &format!(
                    "INSERT INTO queue (name, body, enqueued_at) VALUES (?1, ?2, {NOW}) RETURNING id"
                ),
                vals![name, body.to_vec()],
            )
            .ctx(&format!("queueing {name}"))?
            .map(|r| r.int(0))
            .transpose()
            .ctx(&format!("queueing {name}"))?
            .unwrap_or(0);
        // Delivered at commit, to every listening worker.
        tx.exec("SELECT pg_notify(?1, '')", vals![CHANNEL])
            .ctx("waking workers")?;
        tx.commit().ctx("committing the enqueue")?;
        Ok(id)
    }

    /// Claim up to `n` inputs for `worker` for `lease_secs` seconds: pending
    /// ones, and ones whose lease ran out. Inputs leased too often are failed.
    pub fn claim(
        &mut self,
        worker: &str,
        n: usize,
        lease_secs: i64,
    ) -> Result<Vec<Claimed>, StoreError> {
        let conn = self.need_postgres("the queue")?;
        let rows = conn
            .rows(
                &format!(
                    "UPDATE queue SET state = 'leased', leased_by = ?1, \
                     lease_until = {NOW} + ?2, attempts = attempts + 1 \
                     WHERE id IN (SELECT id FROM queue \
                       WHERE state = 'pending' \
                          OR (state = 'leased' AND lease_until < {NOW} AND attempts < ?4) \
                       ORDER BY id LIMIT ?3 FOR UPDATE SKIP LOCKED) \
                     RETURNING id, name, body"
                ),
                vals![
                    worker,
                    lease_secs,
                    i64::try_from(n).unwrap_or(1),
                    MAX_ATTEMPTS
                ],
            )
            .ctx("claiming inputs")?;
        if rows.len() < n {
            // Inputs leased too often are never claimed again; marking them
            // failed scans every expired lease, so it waits for a claim that
            // found the queue short, not every claim.
            conn.exec(
                &format!(
                    "UPDATE queue SET state = 'failed', done_at = {NOW}, \
                     error = 'given up after ' || attempts || ' attempts (the worker died or crashed on it)' \
                     WHERE state = 'leased' AND lease_until < {NOW} AND attempts >= ?1"
                ),
                vals![MAX_ATTEMPTS],
            )
            .ctx("failing abandoned inputs")?;
        }
        let mut out = rows
            .iter()
            .map(|r| {
                Ok(Claimed {
                    id: r.int(0)?,
                    name: r.text(1)?,
                    body: r.bytes(2)?,
                })
            })
            .collect::<Result<Vec<_>, crate::DbError>>()
            .ctx("claiming inputs")?;
        out.sort_by_key(|c| c.id);
        Ok(out)
    }

    /// Store what a batch of claimed inputs gave and mark each done (or
    /// failed, when it gave no article and an error) in one transaction,
    /// provided `worker` still holds its lease: an input whose lease ran
    /// out and went to another worker is left to that one.
    pub fn complete(
        &mut self,
        worker: &str,
        outcomes: &[Outcome],
    ) -> Result<Vec<Ingested>, StoreError> {
        let conn = self.need_postgres("the queue")?;
        let tx = conn.begin(false).ctx("starting the batch")?;
        let mut stored = Vec::new();
        for o in outcomes {
            let held = query_int(
                &tx,
                "SELECT id FROM queue WHERE id = ?1 AND state = 'leased' AND leased_by = ?2 \
                 FOR UPDATE",
                vals![o.id, worker],
                "checking a lease",
            )?;
            if held.is_none() {
                continue;
            }
            stored.extend(crate::insert_articles(&tx, &o.articles)?);
            let failed = o.articles.is_empty() && !o.errors.is_empty();
            let error: Option<String> = (!o.errors.is_empty()).then(|| {
                o.errors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; ")
            });
            tx.exec(
                &format!(
                    "UPDATE queue SET state = ?2, error = ?3, done_at = {NOW}, \
                     lease_until = NULL WHERE id = ?1"
                ),
                vals![o.id, if failed { "failed" } else { "done" }, error],
            )
            .ctx("marking an input done")?;
        }
        tx.commit().ctx("committing the batch")?;
        Ok(stored)
    }

    /// Inputs that failed, oldest first.
    pub fn queue_failed(&self) -> Result<Vec<FailedInput>, StoreError> {
        let conn = self.need_postgres("the queue")?;
        let rows = conn
            .rows(
                "SELECT id, name, attempts, coalesce(error, '') FROM queue \
                 WHERE state = 'failed' ORDER BY id",
                vals![],
            )
            .ctx("listing failed inputs")?;
        rows.iter()
            .map(|r| {
                Ok(FailedInput {
                    id: r.int(0)?,
                    name: r.text(1)?,
                    attempts: r.int(2)?,
                    error: r.text(3)?,
                })
            })
            .collect::<Result<Vec<_>, crate::DbError>>()
            .ctx("listing failed inputs")
    }

    /// One input by its queue id (`None`: no such input).
    pub fn queue_entry(&self, id: i64) -> Result<Option<QueueEntry>, StoreError> {
        let conn = self.need_postgres("the queue")?;
        let row = conn
            .row(
                "SELECT id, name, state, attempts, error FROM queue WHERE id = ?1",
                vals![id],
            )
            .ctx("reading a queued input")?;
        row.map(|r| {
            Ok(QueueEntry {
                id: r.int(0)?,
                name: r.text(1)?,
                state: r.text(2)?,
                attempts: r.int(3)?,
                error: r.opt_text(4)?,
            })
        })
        .transpose()
        .ctx("reading a queued input")
    }

    /// How many inputs are in each state.
    pub fn queue_counts(&self) -> Result<QueueCounts, StoreError> {
        let conn = self.need_postgres("the queue")?;
        let mut c = QueueCounts::default();
        let rows = conn
            .rows("SELECT state, COUNT(*) FROM queue GROUP BY state", vals![])
            .ctx("counting the queue")?;
        for r in rows {
            let n = usize::try_from(r.int(1).ctx("counting the queue")?).unwrap_or(0);
            match r.text(0).ctx("counting the queue")?.as_str() {
                "pending" => c.pending = n,
                "leased" => c.leased = n,
                "done" => c.done = n,
                _ => c.failed += n,
            }
        }
        Ok(c)
    }

    /// Start listening for enqueued inputs (once per connection).
    pub fn listen(&mut self) -> Result<(), StoreError> {
        let conn = self.need_postgres("the queue")?;
        conn.batch(&format!("LISTEN {CHANNEL}"))
            .ctx("listening for the queue")
    }

    /// Wait until an input is enqueued or `timeout` passes; true when woken.
    pub fn wait_for_work(&mut self, timeout: std::time::Duration) -> Result<bool, StoreError> {
        match &self.conn {
            Conn::Postgres(pg) => pg.wait_notification(timeout).ctx("waiting for the queue"),
            Conn::Sqlite(_) => Err(StoreError::NeedsPostgres {
                what: "the queue".into(),
            }),
        }
    }
}
