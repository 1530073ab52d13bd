//! A worker: claims inputs from the shared queue, reads them, stores their
//! articles and brings the stories up to date, until stopped. Several run
//! side by side on one or more machines against one PostgreSQL database.
//!
//! Reading and cleaning run in parallel across workers; story assignment
//! runs one worker at a time (the grouping lock, see `update_stories`).
//! A lost connection (the database restarted) is not the end: the worker
//! waits, longer each time up to a bound, reconnects and goes on.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use rayon::prelude::*;

use crate::queue::Outcome;
use crate::{Store, StoreError, StoreOptions, StoryUpdate};

/// How a worker runs.
#[derive(Debug, Clone)]
pub struct WorkerOptions {
    /// Its name in the queue's `leased_by` (host and process id by default).
    pub name: String,
    /// Inputs claimed at a time.
    pub batch: usize,
    /// Seconds a claim holds before another worker may take the inputs over.
    pub lease_secs: i64,
    /// Longest sleep while idle before looking again (for expired leases);
    /// a `NOTIFY` wakes the worker sooner.
    pub idle_wait: Duration,
    /// Stop when the queue is empty instead of waiting for more.
    pub until_empty: bool,
    /// First and longest wait before reconnecting to a lost database.
    pub retry_first: Duration,
    pub retry_max: Duration,
}

impl Default for WorkerOptions {
    fn default() -> Self {
        let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "worker".into());
        WorkerOptions {
            name: format!("{host}:{}", std::process::id()),
            batch: 16,
            lease_secs: 300,
            idle_wait: Duration::from_secs(5),
            until_empty: false,
            retry_first: Duration::from_millis(250),
            retry_max: Duration::from_secs(30),
        }
    }
}

/// What a worker reports as it goes.
#[derive(Debug)]
pub enum WorkerEvent {
    Connected,
    /// A batch was stored: inputs done, articles new, inputs failed.
    Stored {
        inputs: usize,
        articles: usize,
        failed: usize,
    },
    Grouped(StoryUpdate),
    /// The database could not be reached or failed; retrying after `wait`.
    Retry {
        error: String,
        wait: Duration,
    },
}

/// What one step of the loop found.
enum Step {
    Worked,
    Empty,
}

/// Errors worth waiting out (the database went away) rather than stopping for.
fn retryable(e: &StoreError) -> bool {
    matches!(e, StoreError::Sql { .. })
}

/// Run until `stop` is set (or the queue is empty, with `until_empty`).
/// Returns only for `stop`, `until_empty`, or an error no retry can mend
/// (a corrupt database, a schema from another version).
pub fn run(
    url: &str,
    opts: &WorkerOptions,
    store_opts: &StoreOptions,
    stop: &AtomicBool,
    on: &mut dyn FnMut(WorkerEvent),
) -> Result<(), StoreError> {
    let mut wait = opts.retry_first;
    while !stop.load(Ordering::Relaxed) {
        let outcome = Store::open_postgres(url).and_then(|mut store| {
            store.listen()?;
            on(WorkerEvent::Connected);
            wait = opts.retry_first;
            serve_queue(&mut store, opts, store_opts, stop, on)
        });
        match outcome {
            Ok(()) => return Ok(()),
            Err(e) if retryable(&e) => {
                on(WorkerEvent::Retry {
                    error: e.to_string(),
                    wait,
                });
                std::thread::sleep(wait);
                wait = (wait * 2).min(opts.retry_max);
            }
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// The loop on one connection; returns on stop, on an empty queue with
/// `until_empty`, or with the first error.
fn serve_queue(
    store: &mut Store,
    opts: &WorkerOptions,
    store_opts: &StoreOptions,
    stop: &AtomicBool,
    on: &mut dyn FnMut(WorkerEvent),
) -> Result<(), StoreError> {
    while !stop.load(Ordering::Relaxed) {
        match step(store, opts, store_opts, on)? {
            Step::Worked => {}
            Step::Empty if opts.until_empty => return Ok(()),
            Step::Empty => {
                store.wait_for_work(opts.idle_wait)?;
            }
        }
    }
    Ok(())
}

/// Claim a batch, read it, store it, group it. With nothing to claim,
/// group what another worker stored and did not group (it died), if any.
fn step(
    store: &mut Store,
    opts: &WorkerOptions,
    store_opts: &StoreOptions,
    on: &mut dyn FnMut(WorkerEvent),
) -> Result<Step, StoreError> {
    let claimed = store.claim(&opts.name, opts.batch.max(1), opts.lease_secs)?;
    if claimed.is_empty() {
        if store.stories_stale()? {
            on(WorkerEvent::Grouped(
                store.update_stories(&store_opts.digest)?,
            ));
            return Ok(Step::Worked);
        }
        return Ok(Step::Empty);
    }
    let outcomes: Vec<Outcome> = claimed
        .par_iter()
        .map(|c| {
            let got = dossier_ingest::ingest_input(&c.name, &c.body, &store_opts.digest.ingest);
            Outcome {
                id: c.id,
                articles: got.articles,
                errors: got.errors,
            }
        })
        .collect();
    let failed = outcomes
        .iter()
        .filter(|o| o.articles.is_empty() && !o.errors.is_empty())
        .count();
    let stored = store.complete(&opts.name, &outcomes)?;
    on(WorkerEvent::Stored {
        inputs: outcomes.len(),
        articles: stored.iter().filter(|s| s.new).count(),
        failed,
    });
    on(WorkerEvent::Grouped(
        store.update_stories(&store_opts.digest)?,
    ));
    Ok(Step::Worked)
}
