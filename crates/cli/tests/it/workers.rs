//! `dossier worker`, `queue`, `ingest --enqueue` and the web upload on PostgreSQL (the
//! server in `DOSSIER_TEST_PG`, or a throwaway cluster this test process
//! starts through `scripts/pg-test-cluster.sh --watch`), and the refusals
//! that need no server: workers on an SQLite file, an exposed server
//! without a token.

use std::io::BufRead;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

use crate::util::{dossier, root, stderr, stdout};
use crate::web::{request, request_as, start};

const HOW: &str = "the PostgreSQL tests need a PostgreSQL server: install one with \
     scripts/install-test-deps.sh (the tests then start a throwaway cluster themselves), \
     or set DOSSIER_TEST_PG=postgres://user@host:port/db";

/// The test server's URL (started once per test process when not given).
fn server() -> String {
    static URL: OnceLock<Result<String, String>> = OnceLock::new();
    let got = URL.get_or_init(|| {
        if let Ok(u) = std::env::var("DOSSIER_TEST_PG") {
            if !u.trim().is_empty() {
                return Ok(u);
            }
        }
        let mut child = Command::new("bash")
            .arg(root().join("scripts/pg-test-cluster.sh"))
            .arg("--watch")
            .arg(std::process::id().to_string())
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot run scripts/pg-test-cluster.sh: {e}; {HOW}"))?;
        let mut line = String::new();
        if let Some(out) = child.stdout.take() {
            let _ = std::io::BufReader::new(out).read_line(&mut line);
        }
        let url = line.trim().to_string();
        if url.is_empty() {
            return Err(format!("no PostgreSQL cluster could be started; {HOW}"));
        }
        Ok(url)
    });
    got.clone().unwrap_or_else(|e| panic!("{e}"))
}

/// A new, empty database on the test server.
fn fresh_db(name: &str) -> String {
    let url = server();
    let o = Command::new("psql")
        .arg(&url)
        .args(["-q", "-c", &format!("DROP DATABASE IF EXISTS {name}")])
        .args(["-c", &format!("CREATE DATABASE {name}")])
        .output()
        .unwrap_or_else(|e| panic!("running psql: {e}; {HOW}"));
    assert!(o.status.success(), "{}", stderr(&o));
    let (base, _) = url.rsplit_once('/').expect("a database URL");
    format!("{base}/{name}")
}

#[test]
fn a_worker_killed_mid_batch_loses_nothing_and_stores_nothing_twice() {
    let db = fresh_db("it_killed_worker");
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("workers-killed");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for a in dossier_store::sample::stream(21, 240) {
        std::fs::write(dir.join(&a.name), a.text).unwrap();
    }
    std::fs::write(dir.join("zz-bad.bin"), b"\x00\x01\x02 not text").unwrap();
    let dirs = dir.display().to_string();
    let o = dossier(&["ingest", "--db", &db, "--enqueue", &dirs]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("241 input(s) queued"),
        "{}",
        stdout(&o)
    );

    // A worker with a short lease, killed mid-run.
    let mut w = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["worker", "--db", &db, "--lease", "2", "--batch", "8"])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Killed once its first batch is committed, however fast this machine
    // is: a fixed sleep let a fast worker finish the whole queue first.
    let started = std::time::Instant::now();
    while started.elapsed() < Duration::from_secs(60) {
        let o = dossier(&["queue", "--db", &db]);
        let done = stdout(&o)
            .split(", ")
            .find_map(|part| part.strip_suffix(" done")?.parse::<u64>().ok())
            .unwrap_or(0);
        if done > 0 {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    w.kill().unwrap(); // SIGKILL
    let _ = w.wait();
    let o = dossier(&["queue", "--db", &db]);
    assert!(
        !stdout(&o).starts_with("0 pending, 0 leased"),
        "the worker finished before it was killed: {}",
        stdout(&o)
    );
    // Its leases run out; another worker finishes the queue.
    std::thread::sleep(Duration::from_millis(2200));
    let o = dossier(&["worker", "--db", &db, "--until-empty"]);
    assert!(o.status.success(), "{}", stderr(&o));

    let o = dossier(&["queue", "--db", &db]);
    assert_eq!(stdout(&o), "0 pending, 0 leased, 240 done, 1 failed\n");
    let o = dossier(&["queue", "--db", &db, "--failed"]);
    let failed = stdout(&o);
    assert!(
        failed.contains("zz-bad.bin") && failed.contains("binary"),
        "{failed}"
    );
    let o = dossier(&[
        "stories", "--db", &db, "--format", "json", "--limit", "100000",
    ]);
    let list: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let in_stories: u64 = list
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["articles"].as_u64().unwrap())
        .sum();
    let o = dossier(&["search", "--db", &db, "--format", "json", "published"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = Command::new("psql")
        .args([db.as_str(), "-At", "-c", "SELECT COUNT(*) FROM articles"])
        .output()
        .unwrap();
    let stored: u64 = stdout(&o).trim().parse().unwrap();
    assert!(stored > 200, "{stored} articles stored");
    assert_eq!(in_stories, stored, "each stored article in one story, once");
}

fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"))
}

#[test]
fn web_uploads_on_postgres_are_queued_for_the_workers() {
    let db = fresh_db("it_web_queue");
    let srv = start(std::path::Path::new(&db), &[]);
    let mut texts = dossier_store::sample::stream(23, 3)
        .into_iter()
        .map(|a| a.text);
    let (first, second, third) = (texts.next(), texts.next(), texts.next());
    let (first, second, third) = (first.unwrap(), second.unwrap(), third.unwrap());

    let (st, _, body) = request(
        srv.addr,
        "POST",
        "/api/articles?name=a.txt",
        first.as_bytes(),
    );
    assert_eq!(st, 202, "{body}");
    let v = json(&body);
    assert_eq!(
        v["added"],
        serde_json::json!([]),
        "nothing ingested by the server"
    );
    let q = &v["queued"][0];
    assert_eq!(
        (q["name"].as_str(), q["state"].as_str()),
        (Some("upload:a.txt"), Some("pending"))
    );
    let status = q["status"].as_str().expect("a status URL").to_string();

    // The form: two parts, two inputs queued.
    let b = "b0undary";
    let form = format!(
        "--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b.txt\"\r\n\r\n{second}\r\n\
         --{b}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n{third}\r\n--{b}--\r\n"
    );
    let kind = format!("multipart/form-data; boundary={b}");
    let (st, _, page) = request_as(srv.addr, "POST", "/upload", &kind, form.as_bytes());
    assert_eq!(st, 202, "{page}");
    assert!(page.contains("2 inputs queued"), "{page}");
    assert!(page.contains("upload:b.txt"), "{page}");
    let (_, _, form_page) = request(srv.addr, "GET", "/upload", b"");
    assert!(form_page.contains("queued"), "{form_page}");

    let o = dossier(&["queue", "--db", &db]);
    assert_eq!(stdout(&o), "3 pending, 0 leased, 0 done, 0 failed\n");
    let (_, _, stories) = request(srv.addr, "GET", "/api/stories", b"");
    assert_eq!(stories, "[]", "the server grouped nothing itself");

    let o = dossier(&["worker", "--db", &db, "--until-empty"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (st, _, body) = request(srv.addr, "GET", &status, b"");
    assert_eq!(st, 200, "{body}");
    assert_eq!(json(&body)["state"], "done", "{body}");
    let (_, _, stories) = request(srv.addr, "GET", "/api/stories", b"");
    let in_stories: u64 = json(&stories)
        .as_array()
        .expect("a list")
        .iter()
        .map(|s| s["articles"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(in_stories, 3, "{stories}");
    let (st, _, _) = request(srv.addr, "GET", "/api/queue/q999", b"");
    assert_eq!(st, 404);
}

#[test]
fn workers_and_the_queue_refuse_an_sqlite_file() {
    for args in [
        &["worker", "--db", "x.db"][..],
        &["queue", "--db", "x.db"][..],
        &["ingest", "--db", "x.db", "--enqueue", "examples/corpus"][..],
    ] {
        let o = dossier(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains("postgres://"), "{}", stderr(&o));
    }
    assert!(!root().join("x.db").exists());
}

#[test]
fn an_exposed_server_without_a_token_refuses_to_start() {
    let o = dossier(&["serve", "--db", "/nonexistent/x.db", "--addr", "0.0.0.0:0"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("access token"), "{}", stderr(&o));
}
