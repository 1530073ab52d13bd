//! `dossier worker`, `dossier queue` and `dossier ingest --enqueue`: the
//! shared queue of inputs in a PostgreSQL database (`dossier_store::queue`).

use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use anyhow::{bail, Context, Result};
use clap::Args;
use dossier_ingest::{ErrorKind, IngestError};
use dossier_store::worker::{self, WorkerEvent, WorkerOptions};
use dossier_store::{Store, StoreOptions};

use crate::store_cmd::DbArg;

#[derive(Args)]
#[command(
    after_help = "Examples:\n  dossier ingest --db postgres://dossier@db:5432/news --enqueue feeds/\n  dossier worker --db postgres://dossier@db:5432/news\n\nRun as many workers as you like, on one machine or many: each claims a few inputs at a time (FOR UPDATE SKIP LOCKED) under a lease; a worker that dies leaves its inputs to the others when the lease runs out. An idle worker sleeps until an input is enqueued (LISTEN/NOTIFY). A lost database is retried with growing waits, not given up."
)]
pub struct WorkerArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Inputs claimed at a time.
    #[arg(long, default_value_t = 16, value_parser = clap::value_parser!(u32).range(1..))]
    pub batch: u32,
    /// Seconds a claim holds before another worker may take its inputs over.
    #[arg(long, default_value_t = 300, value_parser = clap::value_parser!(u32).range(1..))]
    pub lease: u32,
    /// Stop once the queue is empty instead of waiting for more.
    #[arg(long)]
    pub until_empty: bool,
    /// Word budget of each story's summary.
    #[arg(long, default_value_t = dossier_synth::DEFAULT_WORDS)]
    pub words: usize,
}

#[derive(Args)]
#[command(
    after_help = "Examples:\n  dossier queue --db postgres://dossier@db:5432/news\n  dossier queue --failed --db postgres://dossier@db:5432/news"
)]
pub struct QueueArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// List the inputs that failed, with their reasons (one JSON object per line).
    #[arg(long)]
    pub failed: bool,
}

fn postgres_url(db: &DbArg, command: &str) -> Result<String> {
    let path = db.path();
    match path.to_str().filter(|s| dossier_store::is_postgres_url(s)) {
        Some(url) => Ok(url.to_string()),
        None => bail!(
            "`dossier {command}` needs a PostgreSQL database: --db postgres://user@host:port/db \
             (or DOSSIER_DB); {} is an SQLite file",
            path.display()
        ),
    }
}

pub fn worker(args: WorkerArgs) -> Result<ExitCode> {
    let url = postgres_url(&args.db, "worker")?;
    let opts = WorkerOptions {
        batch: args.batch as usize,
        lease_secs: i64::from(args.lease),
        until_empty: args.until_empty,
        ..WorkerOptions::default()
    };
    let mut store_opts = StoreOptions::default();
    store_opts.digest.synth.words = args.words;
    eprintln!("dossier worker {}: starting", opts.name);
    let stop = AtomicBool::new(false);
    worker::run(&url, &opts, &store_opts, &stop, &mut |e| match e {
        WorkerEvent::Connected => eprintln!("dossier worker: connected"),
        WorkerEvent::Stored {
            inputs,
            articles,
            failed,
        } => eprintln!(
            "dossier worker: {inputs} input(s) read, {articles} new article(s), {failed} failed"
        ),
        WorkerEvent::Grouped(u) => eprintln!(
            "dossier worker: stories {} new, {} updated, {} merged away",
            u.created.len(),
            u.updated.len(),
            u.removed.len()
        ),
        WorkerEvent::Retry { error, wait } => eprintln!(
            "dossier worker: {error}; retrying in {:.1} s",
            wait.as_secs_f64()
        ),
    })
    .context("dossier worker")?;
    Ok(ExitCode::SUCCESS)
}

pub fn queue(args: QueueArgs) -> Result<ExitCode> {
    postgres_url(&args.db, "queue")?;
    let store = args.db.open_existing()?;
    let mut out = String::new();
    if args.failed {
        for f in store.queue_failed()? {
            out.push_str(&serde_json::to_string(&f)?);
            out.push('\n');
        }
    } else {
        let c = store.queue_counts()?;
        out.push_str(&format!(
            "{} pending, {} leased, {} done, {} failed\n",
            c.pending, c.leased, c.done, c.failed
        ));
    }
    crate::write_out(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// Read each input's bytes into the queue; the workers do the rest.
pub fn enqueue(db: &DbArg, paths: &[String], opts: &StoreOptions) -> Result<ExitCode> {
    postgres_url(db, "ingest --enqueue")?;
    let mut store: Store = db.open()?;
    let (files, mut errors) = dossier_store::list_inputs(paths);
    let limit = opts.digest.ingest.max_input_bytes;
    let mut queued = 0usize;
    for f in &files {
        match read_input(f, limit) {
            Ok(bytes) => {
                store.enqueue(f, &bytes)?;
                queued += 1;
            }
            Err(e) => errors.push(e),
        }
    }
    let code = crate::report_errors(&errors);
    crate::write_out(&format!("{queued} input(s) queued in {}\n", store.name()))?;
    Ok(code)
}

fn read_input(path: &str, limit: u64) -> Result<Vec<u8>, IngestError> {
    use std::io::Read;
    let io = |e: std::io::Error| IngestError::new(path, ErrorKind::Io(e.to_string()));
    let mut bytes = Vec::new();
    if path == "-" {
        std::io::stdin()
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(io)?;
    } else {
        std::fs::File::open(path)
            .map_err(io)?
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(io)?;
    }
    if bytes.len() as u64 > limit {
        return Err(IngestError::new(path, ErrorKind::TooLarge { limit }));
    }
    Ok(bytes)
}
