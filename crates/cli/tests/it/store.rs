//! `dossier ingest`, `stories`, `show`, `search` over a database file:
//! idempotent re-ingest, incremental story updates, search, bad inputs, and
//! crash safety under SIGKILL.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{assert_cites_valid, dossier, root, stderr, stdout};

/// A fresh folder under cargo's per-target scratch space (on disk, not tmpfs,
/// so commits really hit the file system).
fn scratch(tag: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("store-{tag}"));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("scratch dir");
    d
}

fn db_arg(db: &Path) -> String {
    db.display().to_string()
}

fn stories_json(db: &Path) -> serde_json::Value {
    let o = dossier(&["stories", "--db", &db_arg(db), "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).expect("stories JSON")
}

#[test]
fn ingest_is_idempotent_and_commands_read_the_store() {
    let dir = scratch("idem");
    let db = dir.join("d.db");
    let o = dossier(&["ingest", "--db", &db_arg(&db), "examples/corpus"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("12 new article(s), 0 already stored"),
        "{out}"
    );
    let before = stories_json(&db);
    let n_stories = before.as_array().expect("list").len();
    assert!(n_stories >= 2, "{before}");

    let o = dossier(&["ingest", "--db", &db_arg(&db), "examples/corpus"]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(
        out.starts_with("0 new article(s), 12 already stored, 0 input(s) skipped"),
        "{out}"
    );
    assert!(!out.contains("stories:"), "nothing re-synthesised: {out}");
    assert_eq!(stories_json(&db), before);

    // show: a dossier/1 document of the story with valid cites; md and text render.
    let first = before[0]["id"].as_str().expect("id").to_string();
    let o = dossier(&["show", &first, "--db", &db_arg(&db), "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(doc["schema"], "dossier/1");
    assert_eq!(doc["stories"][0]["id"], first.as_str());
    assert_eq!(
        doc["articles"].as_array().expect("articles").len() as u64,
        before[0]["articles"].as_u64().expect("count")
    );
    assert!(assert_cites_valid(&doc) > 0);
    let headline = before[0]["headline"].as_str().expect("headline");
    for format in ["md", "text"] {
        let o = dossier(&["show", &first, "--db", &db_arg(&db), "--format", format]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(stdout(&o).contains(headline), "{format}");
    }
    let o = dossier(&["show", "s999", "--db", &db_arg(&db)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no story s999"));

    // search: every hit contains the word, and names its story.
    let o = dossier(&[
        "search",
        "--db",
        &db_arg(&db),
        "--format",
        "json",
        "dockers",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let hits: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let hits = hits.as_array().expect("hits");
    assert!(!hits.is_empty());
    for h in hits {
        assert!(
            h["snippet"]
                .as_str()
                .expect("snippet")
                .to_lowercase()
                .contains("docker"),
            "{h}"
        );
        assert_eq!(h["stories"].as_array().expect("stories").len(), 1);
    }
    // Reading commands never create a database.
    let o = dossier(&["stories", "--db", &db_arg(&dir.join("none.db"))]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!dir.join("none.db").exists());
}

#[test]
fn stories_grow_incrementally_and_keep_their_ids() {
    let dir = scratch("incr");
    let db = dir.join("d.db");
    let corpus = root().join("examples/corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .expect("corpus")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    let (first, rest) = files.split_at(files.len() / 2);
    let as_args = |fs: &[PathBuf]| {
        fs.iter()
            .map(|f| f.display().to_string())
            .collect::<Vec<_>>()
    };
    let mut args = vec!["ingest".to_string(), "--db".into(), db_arg(&db)];
    args.extend(as_args(first));
    let o = dossier(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(o.status.success(), "{}", stderr(&o));
    let before = stories_json(&db);

    let mut args = vec!["ingest".to_string(), "--db".into(), db_arg(&db)];
    args.extend(as_args(rest));
    let o = dossier(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("stories:"), "{out}");
    let after = stories_json(&db);
    // The biggest early story is still there under its id, with at least its articles.
    let id = before[0]["id"].as_str().expect("id");
    let grown = after
        .as_array()
        .expect("list")
        .iter()
        .find(|s| s["id"] == id)
        .unwrap_or_else(|| panic!("{id} vanished: {after}"));
    assert!(grown["articles"].as_u64() >= before[0]["articles"].as_u64());
    // Same grouping as ingesting everything at once, for every dated report.
    // An undated one has no publication date to keep it from the look-back a
    // year on, and which of two near-equal stories it meets first depends on
    // the batch: it is left out of the comparison, but must be grouped.
    let db2 = dir.join("all.db");
    let o = dossier(&["ingest", "--db", &db_arg(&db2), "examples/corpus"]);
    assert!(o.status.success());
    let (incremental, undated) = dated_partition(&db, &after);
    let (at_once, undated_at_once) = dated_partition(&db2, &stories_json(&db2));
    assert_eq!(incremental, at_once);
    assert!(undated > 0, "the corpus holds undated reports");
    assert_eq!(undated, undated_at_once, "every report is grouped");
}

/// The stories as sets of their dated reports' file names, and how many
/// grouped reports are undated.
fn dated_partition(
    db: &Path,
    stories: &serde_json::Value,
) -> (std::collections::BTreeSet<Vec<String>>, usize) {
    let mut partition = std::collections::BTreeSet::new();
    let mut undated = 0;
    for story in stories.as_array().expect("list") {
        let id = story["id"].as_str().expect("id");
        let o = dossier(&["show", "--db", &db_arg(db), id, "--format", "json"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let shown: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("story JSON");
        let mut dated = Vec::new();
        for a in shown["articles"].as_array().expect("articles") {
            match a["published"].as_str() {
                Some(_) => {
                    let source = a["source"].as_str().expect("source");
                    dated.push(source.rsplit('/').next().unwrap_or(source).to_string());
                }
                None => undated += 1,
            }
        }
        dated.sort();
        partition.insert(dated);
    }
    (partition, undated)
}

#[test]
fn a_bad_file_is_skipped_and_nothing_stored_is_lost() {
    let dir = scratch("bad");
    let db = dir.join("d.db");
    let inputs = dir.join("in");
    std::fs::create_dir_all(&inputs).expect("mkdir");
    std::fs::write(
        inputs.join("good.txt"),
        "Ferry service resumes on Lake Orvik\n\nThe ferry across Lake Orvik resumed on Sunday after ice closed the route for nine days, the operator said.",
    )
    .expect("write");
    std::fs::write(inputs.join("bad.bin"), b"\x00\x01\x02\x03\xff\xfe").expect("write");
    std::fs::write(inputs.join("trunc.gz"), b"\x1f\x8b\x08\x00\x00").expect("write");
    let o = dossier(&[
        "ingest",
        "--db",
        &db_arg(&db),
        &inputs.display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("bad.bin") && err.contains("trunc.gz"), "{err}");
    assert!(stdout(&o).starts_with("1 new article(s), 0 already stored, 2 input(s) skipped"));
    let o = dossier(&["search", "--db", &db_arg(&db), "--format", "json", "Orvik"]);
    let hits: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(hits.as_array().expect("hits").len(), 1);
}

/// Invented reports on `events` unrelated events, `per_event` reports each,
/// in deterministic pseudo-random wording.
fn generate_corpus(dir: &Path, events: usize, per_event: usize) -> usize {
    const PLACES: [&str; 12] = [
        "Aldmoor",
        "Brisk",
        "Caddon",
        "Dunvale",
        "Eskerby",
        "Fallowmere",
        "Gorran",
        "Hethel",
        "Islet Creek",
        "Jorvane",
        "Kelmsby",
        "Lunmouth",
    ];
    const THINGS: [&str; 8] = [
        "bridge",
        "reservoir",
        "library",
        "tram line",
        "stadium",
        "hospital wing",
        "grain silo",
        "ferry pier",
    ];
    const VERBS: [&str; 6] = [
        "reopened",
        "collapsed",
        "flooded",
        "burned",
        "was sold",
        "was closed",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((seed >> 33) as usize) % n
    };
    let mut written = 0;
    for e in 0..events {
        let place = format!("{} {}", PLACES[e % PLACES.len()], e / PLACES.len() + 1);
        let thing = THINGS[(e * 5) % THINGS.len()];
        let verb = VERBS[(e * 7) % VERBS.len()];
        let official = format!(
            "Officer {} Tamsin{}",
            ["Rook", "Vell", "Arden", "Sable"][e % 4],
            e
        );
        for k in 0..per_event {
            let n = 40 + next(400);
            let day = 1 + (e % 27);
            let mut text = format!(
                "The {thing} in {place} {verb} on Tuesday, {official} said\n\nPublished: 2031-{:02}-{day:02}\n\n",
                1 + (e % 12)
            );
            for s in 0..(6 + next(6)) {
                let line = match (s + k) % 4 {
                    0 => format!("The {thing} in {place} {verb} after a week of warnings, and {n} residents were told to stay away. "),
                    1 => format!("{official} said crews in {place} would inspect the {thing} again on report {k}. "),
                    2 => format!("Residents of {place} said the {thing} had worried them for years; one counted {} visits by inspectors. ", next(90)),
                    _ => format!("Local councillors in {place} asked who would pay to repair the {thing}, report {k} noted. "),
                };
                text.push_str(&line);
            }
            std::fs::write(dir.join(format!("r{e:03}-{k:02}.txt")), text).expect("write corpus");
            written += 1;
        }
    }
    written
}

fn committed(db: &Path) -> Option<Vec<(i64, String)>> {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .ok()?;
    let mut st = conn
        .prepare("SELECT id, hash FROM articles ORDER BY id")
        .ok()?;
    let rows = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .ok()?
        .collect::<Result<Vec<_>, _>>()
        .ok()?;
    Some(rows)
}

#[test]
fn sigkill_mid_ingest_loses_nothing_committed_and_a_rerun_completes() {
    let dir = scratch("kill");
    let db = dir.join("d.db");
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    let total = generate_corpus(&corpus, 30, 8);

    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["ingest", "--batch-size", "1", "--db", &db_arg(&db)])
        .arg(&corpus)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn ingest");
    // Wait until some batches are committed, then kill it without warning.
    let start = Instant::now();
    let seen = loop {
        if let Some(rows) = committed(&db) {
            if rows.len() >= 10 {
                break rows;
            }
        }
        assert!(
            child.try_wait().expect("try_wait").is_none(),
            "ingest finished before it could be killed"
        );
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "ingest made no progress"
        );
        std::thread::sleep(Duration::from_millis(2));
    };
    child.kill().expect("SIGKILL");
    let status = child.wait().expect("wait");
    assert!(!status.success(), "killed, not finished: {status:?}");

    // The database opens, is sound, and holds everything that was committed.
    let store = dossier_store::Store::open(&db).expect("reopen after SIGKILL");
    assert_eq!(store.integrity_check().expect("integrity"), "ok");
    let after = committed(&db).expect("read after kill");
    assert!(
        after.len() < total,
        "the kill came mid-ingest ({} of {total})",
        after.len()
    );
    for row in &seen {
        assert!(after.contains(row), "committed article {row:?} was lost");
    }
    drop(store);

    // Running again completes: every article stored once, every one in a story.
    let o = dossier(&[
        "ingest",
        "--db",
        &db_arg(&db),
        &corpus.display().to_string(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with(&format!(
            "{} new article(s), {} already stored",
            total - after.len(),
            after.len()
        )),
        "{out}"
    );
    let store = dossier_store::Store::open(&db).expect("reopen");
    assert_eq!(store.integrity_check().expect("integrity"), "ok");
    assert_eq!(store.counts().expect("counts").0, total);
    assert!(
        !store.stories_stale().expect("stale"),
        "every article is in a story"
    );
    let stories = stories_json(&db);
    let grouped: u64 = stories
        .as_array()
        .expect("list")
        .iter()
        .map(|s| s["articles"].as_u64().expect("n"))
        .sum();
    assert_eq!(grouped as usize, total);
}

#[test]
fn regroup_regroups_from_scratch_and_merged_ids_still_show() {
    let dir = scratch("regroup");
    let db = dir.join("d.db");
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    let total = generate_corpus(&corpus, 6, 3);
    // One article at a time: all but the first go through the incremental index.
    let mut files: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .expect("corpus")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    for f in &files {
        let o = dossier(&["ingest", "--db", &db_arg(&db), &f.display().to_string()]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let incremental = stories_json(&db);
    let grouped: u64 = incremental
        .as_array()
        .expect("list")
        .iter()
        .map(|s| s["articles"].as_u64().expect("n"))
        .sum();
    assert_eq!(grouped as usize, total);

    let o = dossier(&["regroup", "--db", &db_arg(&db)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("stories: "), "{out}");
    assert!(out.contains(&format!("{total} article(s)")), "{out}");
    let regrouped = stories_json(&db);
    // Every id listed before still answers: itself, or the story it went into.
    for s in incremental.as_array().expect("list") {
        let id = s["id"].as_str().expect("id");
        let o = dossier(&["show", id, "--db", &db_arg(&db), "--format", "json"]);
        assert!(o.status.success(), "{id}: {}", stderr(&o));
        let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
        let shown = doc["stories"][0]["id"].as_str().expect("id").to_string();
        assert!(
            regrouped
                .as_array()
                .expect("list")
                .iter()
                .any(|r| r["id"] == shown.as_str()),
            "{id} shows {shown}, which is not listed"
        );
        if shown != id {
            assert!(stderr(&o).contains("was merged into"), "{}", stderr(&o));
        }
    }
    // A regroup of a regroup changes nothing.
    let o = dossier(&["regroup", "--db", &db_arg(&db)]);
    assert!(
        stdout(&o).starts_with("stories: 0 new, 0 updated"),
        "{}",
        stdout(&o)
    );
    assert_eq!(stories_json(&db), regrouped);
    // Reading commands never create a database; nor does regroup.
    let o = dossier(&["regroup", "--db", &db_arg(&dir.join("none.db"))]);
    assert_eq!(o.status.code(), Some(2));
}
