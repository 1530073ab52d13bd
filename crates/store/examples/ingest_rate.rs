//! How fast ingest adds to a growing corpus: a generated stream is stored k
//! articles at a time into an SQLite file (read, cleaned, analysed, grouped
//! incrementally, touched stories synthesised, committed), and at each
//! checkpoint the next `--reps` batches are timed on their own. Prints one
//! JSON line per checkpoint with the median rate in articles per second.
//!
//! `cargo run --release -p dossier-store --example ingest_rate -- [--k 100] [--reps 5] [--at 10000,100000] [--db PATH]`
//!
//! The corpus is built by the same incremental ingest as the timed batches
//! (only the very first batch is grouped from scratch), so the build itself
//! is a long run: about N / 500 seconds.

use std::path::PathBuf;
use std::time::Instant;

use dossier_store::{Store, StoreOptions};

struct Args {
    k: usize,
    reps: usize,
    at: Vec<usize>,
    db: Option<PathBuf>,
}

fn parse() -> Result<Args, Box<dyn std::error::Error>> {
    let mut a = Args {
        k: 100,
        reps: 5,
        at: vec![10_000, 100_000],
        db: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(x) = it.next() {
        let mut val = || it.next().ok_or(format!("{x} needs a value"));
        match x.as_str() {
            "--k" => a.k = val()?.parse()?,
            "--reps" => a.reps = val()?.parse()?,
            "--at" => {
                a.at = val()?
                    .split(',')
                    .map(str::parse)
                    .collect::<Result<_, _>>()?
            }
            "--db" => a.db = Some(PathBuf::from(val()?)),
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    a.k = a.k.max(1);
    a.at.sort_unstable();
    Ok(a)
}

/// Store one batch of generated reports and bring the stories up to date.
fn add(
    store: &mut Store,
    batch: &[dossier_store::sample::SampleArticle],
    opts: &StoreOptions,
) -> Result<(), Box<dyn std::error::Error>> {
    let mut arts = Vec::with_capacity(batch.len());
    for s in batch {
        let got = dossier_ingest::ingest_input(&s.name, s.text.as_bytes(), &opts.digest.ingest);
        arts.extend(got.articles);
    }
    store.add_articles(&arts)?;
    store.update_stories(&opts.digest)?;
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = parse()?;
    let last = args.at.last().copied().unwrap_or(0);
    let total = last + args.k * args.reps;
    let stream = dossier_store::sample::stream(1, total);
    let tmp = std::env::temp_dir().join(format!("dossier-ingest-rate-{}", std::process::id()));
    let db = args.db.clone().unwrap_or_else(|| tmp.join("corpus.db"));
    let mut store = Store::open(&db)?;
    let opts = StoreOptions::default();
    let mut done = 0usize;
    for &at in &args.at {
        // Build up to the checkpoint (untimed), then time `reps` batches.
        while done < at {
            let end = (done + args.k).min(at);
            add(&mut store, &stream[done..end], &opts)?;
            done = end;
        }
        let mut rates = Vec::with_capacity(args.reps);
        for _ in 0..args.reps {
            let end = done + args.k;
            let t = Instant::now();
            add(&mut store, &stream[done..end], &opts)?;
            rates.push(args.k as f64 / t.elapsed().as_secs_f64());
            done = end;
        }
        rates.sort_by(f64::total_cmp);
        let median = rates.get(rates.len() / 2).copied().unwrap_or(0.0);
        println!(
            "{{\"corpus\": {at}, \"k\": {}, \"reps\": {}, \"median_articles_per_s\": {median:.0}, \"min\": {:.0}, \"max\": {:.0}}}",
            args.k,
            args.reps,
            rates.first().copied().unwrap_or(0.0),
            rates.last().copied().unwrap_or(0.0)
        );
    }
    if args.db.is_none() {
        drop(store);
        let _ = std::fs::remove_dir_all(&tmp);
    }
    Ok(())
}
