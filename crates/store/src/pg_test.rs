//! PostgreSQL for the store's tests: the server in `DOSSIER_TEST_PG`, or
//! else a throwaway cluster that `scripts/pg-test-cluster.sh --watch`
//! starts for this test process and tears down when it exits. Each test
//! gets a schema of its own, so tests run in parallel on one server.
//!
//! With no PostgreSQL to be had, the tests fail and say how to get one:
//! a backend that was never tested must not look as if it passed.

use std::io::BufRead;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use crate::Store;

const HOW: &str = "the PostgreSQL store tests need a PostgreSQL server: install one with \
     scripts/install-test-deps.sh (Debian's postgresql package; the tests then start a \
     throwaway cluster themselves through scripts/pg-test-cluster.sh), or point \
     DOSSIER_TEST_PG at a database you can create schemas in \
     (DOSSIER_TEST_PG=postgres://user@host:port/db)";

fn start_cluster() -> Result<String, String> {
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../scripts/pg-test-cluster.sh"
    );
    let mut child = Command::new("bash")
        .arg(script)
        .arg("--watch")
        .arg(std::process::id().to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("cannot run {script}: {e}; {HOW}"))?;
    let mut line = String::new();
    if let Some(out) = child.stdout.take() {
        std::io::BufReader::new(out)
            .read_line(&mut line)
            .map_err(|e| format!("reading the cluster's URL: {e}"))?;
    }
    let url = line.trim().to_string();
    if url.is_empty() {
        let status = child.wait().map_err(|e| e.to_string())?;
        return Err(format!(
            "scripts/pg-test-cluster.sh could not start a cluster ({status}); {HOW}"
        ));
    }
    // The script keeps running until this process exits, then cleans up.
    Ok(url)
}

/// The URL of the server the tests use.
pub(crate) fn server() -> String {
    static URL: OnceLock<Result<String, String>> = OnceLock::new();
    let got = URL.get_or_init(|| match std::env::var("DOSSIER_TEST_PG") {
        Ok(u) if !u.trim().is_empty() => Ok(u),
        _ => start_cluster(),
    });
    match got {
        Ok(u) => u.clone(),
        Err(e) => panic!("{e}"),
    }
}

/// A store in a new, empty schema named after the test.
pub(crate) fn fresh_store(test: &str) -> Store {
    let url = fresh_url(test);
    Store::open_postgres(&url).unwrap_or_else(|e| panic!("opening a store at {url}: {e}"))
}

/// The URL of a new, empty schema named after the test (for several
/// connections to one test database: workers).
pub(crate) fn fresh_url(test: &str) -> String {
    let url = server();
    let schema = format!("t_{}_{}", std::process::id(), test);
    let admin =
        crate::db::Pg::connect(&url).unwrap_or_else(|e| panic!("connecting to {url}: {e}; {HOW}"));
    let conn = crate::db::Conn::Postgres(admin);
    // `unaccent` in a schema of its own, once per database, under the
    // store's schema lock: made by the first test's store instead, it would
    // live in that test's schema, which a later run may drop under the others.
    conn.batch(&format!(
        "BEGIN; SELECT pg_advisory_xact_lock({}); \
         CREATE SCHEMA IF NOT EXISTS dossier_test_ext; \
         CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA dossier_test_ext; COMMIT",
        crate::schema::LOCK_SCHEMA
    ))
    .unwrap_or_else(|e| panic!("creating the unaccent extension: {e}"));
    // Identifiers cannot be bound; this one is built from a test's name.
    conn.batch(&format!(
        "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"
    ))
    .unwrap_or_else(|e| panic!("creating schema {schema}: {e}"));
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}options=-csearch_path%3D{schema}")
}
