//! The queue and its workers on PostgreSQL: claims, leases, failures,
//! concurrent workers, and a database that goes away.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::pg_test::{fresh_store, fresh_url};
use crate::worker::{self, WorkerEvent, WorkerOptions};
use crate::{Store, StoreError, StoreOptions};

fn quick(name: &str) -> WorkerOptions {
    WorkerOptions {
        name: name.into(),
        batch: 4,
        until_empty: true,
        ..WorkerOptions::default()
    }
}

fn run_until_empty(url: &str, name: &str) {
    let stop = AtomicBool::new(false);
    worker::run(
        url,
        &quick(name),
        &StoreOptions::default(),
        &stop,
        &mut |_| {},
    )
    .unwrap();
}

#[test]
fn the_queue_needs_postgres() {
    let mut s = Store::open_in_memory().unwrap();
    let err = s.enqueue("a.txt", b"text").unwrap_err();
    assert!(matches!(err, StoreError::NeedsPostgres { .. }), "{err}");
    assert!(err.to_string().contains("postgres://"), "{err}");
}

#[test]
fn a_worker_stores_good_inputs_and_records_bad_ones_with_their_reason() {
    let url = fresh_url("worker_good_and_bad");
    let mut s = Store::open_postgres(&url).unwrap();
    let stream = crate::sample::stream(3, 12);
    for a in &stream {
        s.enqueue(&a.name, a.text.as_bytes()).unwrap();
    }
    let bad = s.enqueue("bad.bin", b"\x00\x01\x02binary").unwrap();
    let more = s.enqueue("more.txt", stream[0].text.as_bytes()).unwrap();
    let waiting = s.queue_entry(bad).unwrap().unwrap();
    assert_eq!((waiting.state.as_str(), waiting.attempts), ("pending", 0));
    run_until_empty(&url, "w1");
    let bad = s.queue_entry(bad).unwrap().unwrap();
    assert_eq!(bad.state, "failed");
    assert!(bad.error.unwrap_or_default().contains("binary"));
    let more = s.queue_entry(more).unwrap().unwrap();
    assert_eq!(
        (more.name.as_str(), more.state.as_str()),
        ("more.txt", "done")
    );
    assert!(s.queue_entry(more.id + 1000).unwrap().is_none());
    let c = s.queue_counts().unwrap();
    assert_eq!(
        (c.pending, c.leased, c.done, c.failed),
        (0, 0, 13, 1),
        "{c:?}"
    );
    let failed = s.queue_failed().unwrap();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].name, "bad.bin");
    assert!(failed[0].error.contains("bad.bin"), "{failed:?}");
    // The repeated input stored nothing twice; every article has one story.
    let (articles, _) = s.counts().unwrap();
    assert_eq!(articles, 12);
    assert_eq!(s.assignments().unwrap().len(), 12);
    assert!(!s.stories_stale().unwrap());
}

#[test]
fn an_expired_lease_goes_to_another_worker_and_the_first_cannot_finish_it() {
    let url = fresh_url("lease_expiry");
    let mut a = Store::open_postgres(&url).unwrap();
    let mut b = Store::open_postgres(&url).unwrap();
    let text = crate::sample::stream(5, 1).remove(0).text;
    let id = a.enqueue("x.txt", text.as_bytes()).unwrap();
    let got = a.claim("dead", 8, 0).unwrap();
    assert_eq!(got.len(), 1);
    // A live lease is not claimed twice.
    let c = a
        .enqueue("y.txt", b"Another report\n\nA second text.")
        .unwrap();
    std::thread::sleep(Duration::from_millis(1100));
    let taken = b.claim("alive", 8, 60).unwrap();
    let ids: Vec<i64> = taken.iter().map(|c| c.id).collect();
    assert_eq!(ids, vec![id, c]);
    assert!(a.claim("third", 8, 60).unwrap().is_empty());
    // The worker that lost the lease finishes late: nothing happens.
    let late = crate::queue::Outcome {
        id,
        articles: dossier_ingest::ingest_input("x.txt", text.as_bytes(), &Default::default())
            .articles,
        errors: Vec::new(),
    };
    assert!(a.complete("dead", &[late]).unwrap().is_empty());
    assert_eq!(a.queue_counts().unwrap().leased, 2);
}

#[test]
fn an_input_whose_worker_keeps_dying_is_failed_after_three_leases() {
    let mut s = fresh_store("poison");
    s.enqueue("poison.txt", b"Title\n\nSome text.").unwrap();
    for _ in 0..crate::queue::MAX_ATTEMPTS {
        assert_eq!(s.claim("w", 1, 0).unwrap().len(), 1);
        std::thread::sleep(Duration::from_millis(1100));
    }
    assert!(s.claim("w", 1, 0).unwrap().is_empty());
    let failed = s.queue_failed().unwrap();
    assert_eq!(failed.len(), 1);
    assert!(failed[0].error.contains("given up"), "{failed:?}");
}

#[test]
fn two_workers_share_the_queue_and_never_make_two_stories_of_one_event() {
    let url = fresh_url("two_workers");
    let mut s = Store::open_postgres(&url).unwrap();
    let stream = crate::sample::stream(9, 120);
    let gold: HashMap<String, usize> = stream.iter().map(|a| (a.name.clone(), a.event)).collect();
    for a in &stream {
        s.enqueue(&a.name, a.text.as_bytes()).unwrap();
    }
    std::thread::scope(|sc| {
        let u = url.as_str();
        sc.spawn(move || run_until_empty(u, "w1"));
        sc.spawn(move || run_until_empty(u, "w2"));
    });
    let c = s.queue_counts().unwrap();
    assert_eq!(
        (c.pending, c.leased, c.done, c.failed),
        (0, 0, 120, 0),
        "{c:?}"
    );
    let assigned = s.assignments().unwrap();
    let (articles, _) = s.counts().unwrap();
    assert_eq!(assigned.len(), articles, "every article in a story");
    let memberships =
        crate::query_int(&s.conn, "SELECT COUNT(*) FROM story_articles", &[], "t").unwrap();
    assert_eq!(memberships, Some(articles as i64), "and in one only");
    assert!(!s.stories_stale().unwrap());
    // Against the events: two workers must not split one event in two.
    let mut labels = HashMap::new();
    for &article in assigned.keys() {
        let src = s.article(article).unwrap().unwrap().article.source;
        labels.insert(article, gold[&src]);
    }
    let f = dossier_eval::bcubed::bcubed(&assigned, &labels);
    assert!(f.recall >= 0.9, "two workers split events: {f:?}");
    let stories: HashSet<i64> = assigned.values().copied().collect();
    assert!(
        stories.len() < 40,
        "{} stories for 20 events",
        stories.len()
    );
}

#[test]
fn a_worker_without_its_database_retries_with_growing_waits() {
    let stop = AtomicBool::new(false);
    let opts = WorkerOptions {
        retry_first: Duration::from_millis(10),
        retry_max: Duration::from_millis(40),
        ..quick("w")
    };
    let mut waits = Vec::new();
    let r = worker::run(
        "postgres://nobody@127.0.0.1:1/none",
        &opts,
        &StoreOptions::default(),
        &stop,
        &mut |e| {
            if let WorkerEvent::Retry { wait, .. } = e {
                waits.push(wait);
                if waits.len() == 4 {
                    stop.store(true, Ordering::Relaxed);
                }
            }
        },
    );
    assert!(r.is_ok(), "{r:?}");
    let ms: Vec<u128> = waits.iter().map(Duration::as_millis).collect();
    assert_eq!(ms, vec![10, 20, 40, 40]);
}
