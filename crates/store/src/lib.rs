//! The embedded corpus store: a SQLite database of articles and the stories
//! synthesised from them, with FTS5 full-text search.
//!
//! Ingestion has two phases. First the inputs are read, cleaned and written in
//! batches, one transaction per batch; an article's content hash (SHA-256 of
//! title and cleaned text) is unique, so storing the same article twice is a
//! no-op. Then the stories are brought up to date in one transaction: all
//! stored articles are analysed and grouped again, a group whose members (and
//! their copy links) are unchanged keeps its stored synthesis untouched, and
//! only the groups that changed are synthesised again, keeping the id of the
//! stored story they overlap most. A process killed at any point leaves the
//! last committed state (WAL journal, `synchronous = FULL`); articles that
//! were stored but not yet grouped are picked up by the next run.
//!
//! Every SQL statement is a constant string with bound parameters.
//!
//! ```
//! use dossier_store::{Store, StoreOptions};
//! let mut store = Store::open_in_memory().unwrap();
//! let text = b"Harbour cranes stop in Port Ellis\n\nDock workers in Port Ellis stopped work on Monday over pay.";
//! let report = store.ingest_bytes("upload.txt", text, &StoreOptions::default()).unwrap();
//! assert_eq!(report.added.len(), 1);
//! assert_eq!(store.counts().unwrap(), (1, 1));
//! // The same article again is a no-op.
//! let again = store.ingest_bytes("copy.txt", text, &StoreOptions::default()).unwrap();
//! assert!(again.added.is_empty());
//! assert_eq!(store.counts().unwrap(), (1, 1));
//! ```

mod analysed;
pub mod convert;
mod db;
mod grouping;
pub mod queue;
pub mod sample;
mod schema;
mod update;
pub mod worker;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use dossier_ingest::{ErrorKind, IngestError};
use dossier_model::{self as m, Article, ArticleId, Brief, Date, Precision};
use dossier_pipeline::DigestOptions;
use dossier_render::json;
use sha2::{Digest, Sha256};

pub use convert::{parse_article_ref, parse_story_ref};
use db::{vals, Conn, DbRow, Value};
pub use db::{DbError, Dialect};

/// Marks around the matched words in a [`SearchHit::snippet`] (control
/// characters that cleaned article text cannot contain).
pub const HIT_START: char = '\u{2}';
pub const HIT_END: char = '\u{3}';

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error while {context}: {source}")]
    Sql {
        context: String,
        #[source]
        source: DbError,
    },
    #[error("cannot create the folder of database {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{what} needs a PostgreSQL database (--db postgres://user@host:port/db)")]
    NeedsPostgres { what: String },
    #[error("corrupt {what} in the database: {why}")]
    Corrupt { what: String, why: String },
    #[error("database {path} has schema version {found}; this dossier reads version {expected}")]
    SchemaVersion {
        path: String,
        found: i64,
        expected: i64,
    },
}

trait Ctx<T> {
    fn ctx(self, context: &str) -> Result<T, StoreError>;
}

impl<T> Ctx<T> for Result<T, DbError> {
    fn ctx(self, context: &str) -> Result<T, StoreError> {
        self.map_err(|source| StoreError::Sql {
            context: context.to_string(),
            source,
        })
    }
}

/// How to ingest into the store.
#[derive(Debug, Clone)]
pub struct StoreOptions {
    /// Reading, clustering and synthesis options, as for `dossier digest`.
    pub digest: DigestOptions,
    /// Input files per transaction.
    pub batch_size: usize,
}

impl Default for StoreOptions {
    fn default() -> Self {
        StoreOptions {
            digest: DigestOptions::default(),
            batch_size: 64,
        }
    }
}

/// What an ingest run reports as it goes, for progress bars.
#[derive(Debug, Clone)]
pub enum Progress {
    /// The inputs were listed: this many files to read.
    Listed { files: usize },
    /// One input file was read (stored or not).
    Read { name: String },
    /// A batch was committed; `articles` is the total stored so far this run.
    Committed { articles: usize },
    /// All inputs are stored; stories are being updated.
    Stories,
}

/// One article an ingest run met.
#[derive(Debug, Clone, PartialEq)]
pub struct Ingested {
    pub id: i64,
    pub title: Option<String>,
    pub source: String,
    /// False when the same content was already stored.
    pub new: bool,
}

/// What the stories update did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoryUpdate {
    /// Stories whose members did not change: not synthesised again.
    pub kept: usize,
    /// Stories synthesised again (existing ids) or for the first time (new ids).
    pub updated: Vec<i64>,
    pub created: Vec<i64>,
    /// Stories that no longer exist (merged into others).
    pub removed: Vec<i64>,
}

#[derive(Debug, Default)]
pub struct IngestReport {
    /// Input files read (successfully or not).
    pub files: usize,
    /// Articles stored by this run.
    pub added: Vec<Ingested>,
    /// Articles met that were already stored.
    pub existing: Vec<Ingested>,
    /// Inputs (or records) that could not be read; they were skipped.
    pub errors: Vec<IngestError>,
    /// `None` when no story needed updating.
    pub stories: Option<StoryUpdate>,
}

/// A story in a listing.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct StoryRow {
    /// `s{id}`.
    pub id: String,
    pub headline: String,
    pub period_from: Option<String>,
    pub period_to: Option<String>,
    pub articles: usize,
}

/// Which stories to list; empty fields do not filter.
#[derive(Debug, Clone, Default)]
pub struct StoryFilter {
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: stories whose period overlaps it.
    pub date: Option<String>,
    /// Part of an entity's name or alias, any case.
    pub entity: Option<String>,
    /// Words that one of the story's articles must contain.
    pub query: Option<String>,
    pub limit: Option<usize>,
}

/// An article a search found.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SearchHit {
    /// `a{id}`.
    pub article: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub source: String,
    pub published: Option<String>,
    /// A short excerpt; matched words are between [`HIT_START`] and [`HIT_END`].
    pub snippet: String,
    /// `s{id}` of the stories the article belongs to.
    pub stories: Vec<String>,
}

/// A stored article with the stories it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredArticle {
    pub row: i64,
    /// Its id is `ArticleId(row - 1)` (displayed `a{row}`); sentences are split.
    pub article: Article,
    pub stories: Vec<i64>,
}

/// The database path used when none is given: `$DOSSIER_DB`, else
/// `$XDG_DATA_HOME/dossier/dossier.db`, else
/// `$HOME/.local/share/dossier/dossier.db`, else `./dossier.db`.
pub fn default_db_path() -> PathBuf {
    let env = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty());
    if let Some(p) = env("DOSSIER_DB") {
        return PathBuf::from(p);
    }
    if let Some(d) = env("XDG_DATA_HOME") {
        return Path::new(&d).join("dossier").join("dossier.db");
    }
    if let Some(h) = env("HOME") {
        return Path::new(&h).join(".local/share/dossier/dossier.db");
    }
    PathBuf::from("dossier.db")
}

/// Expand folders (recursively, sorted, hidden entries skipped, symlinked
/// folders not followed) into files; `-` (stdin) and plain files stay as given.
pub fn list_inputs(paths: &[String]) -> (Vec<String>, Vec<IngestError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p == "-" {
            files.push(p.clone());
            continue;
        }
        match std::fs::metadata(p) {
            Ok(md) if md.is_dir() => {
                let mut found = Vec::new();
                let mut todo = vec![PathBuf::from(p)];
                while let Some(d) = todo.pop() {
                    let rd = match std::fs::read_dir(&d) {
                        Ok(rd) => rd,
                        Err(e) => {
                            errors.push(IngestError::new(
                                d.display().to_string(),
                                ErrorKind::Io(e.to_string()),
                            ));
                            continue;
                        }
                    };
                    for entry in rd.flatten() {
                        if entry.file_name().to_string_lossy().starts_with('.') {
                            continue;
                        }
                        let path = entry.path();
                        match entry.file_type() {
                            Ok(t) if t.is_dir() => todo.push(path),
                            Ok(t) if t.is_file() => found.push(path),
                            Ok(t) if t.is_symlink() && path.is_file() => found.push(path),
                            _ => {}
                        }
                    }
                }
                found.sort();
                files.extend(found.into_iter().map(|f| f.display().to_string()));
            }
            // Files (and anything else) go to the reader, which reports failures.
            _ => files.push(p.clone()),
        }
    }
    (files, errors)
}

/// SHA-256 of an article's title and cleaned text, in hex: the article's identity.
pub fn content_hash(a: &Article) -> String {
    let mut h = Sha256::new();
    h.update(a.meta.title.as_deref().unwrap_or("").as_bytes());
    h.update([0u8]);
    h.update(a.text.as_bytes());
    hex(&h.finalize())
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    s
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// The last day (as a day number) a date of any precision can mean.
fn last_day_number(d: Date) -> i64 {
    match d.precision() {
        Precision::Day => d.first_day_number(),
        Precision::Month => {
            let next = match d.month {
                Some(12) | None => Date::year(d.year.saturating_add(1)),
                Some(mo) => Date::ym(d.year, mo + 1).unwrap_or(Date::year(d.year + 1)),
            };
            next.first_day_number() - 1
        }
        Precision::Year => Date::year(d.year.saturating_add(1)).first_day_number() - 1,
    }
}

/// A user's search words as a safe FTS5 query: every word quoted (so no
/// operator or syntax error can come from the input), all required; a word
/// ending in `*` matches as a prefix. `None` when there is no word.
pub fn fts_query(user: &str) -> Option<String> {
    let mut terms = Vec::new();
    for raw in user.split_whitespace() {
        let prefix = raw.ends_with('*');
        let word: String = raw
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == '\'' || *c == '-')
            .filter(|c| *c != '"')
            .collect();
        let word = word.trim_matches(|c| c == '\'' || c == '-');
        if word.is_empty() {
            continue;
        }
        terms.push(format!("\"{word}\"{}", if prefix { "*" } else { "" }));
        if terms.len() >= 32 {
            break;
        }
    }
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// A stored article row, without analysis.
struct Row {
    id: i64,
    hash: String,
    duplicate_of: Option<i64>,
    article: Article,
}

const ARTICLE_COLUMNS: &str = "id, hash, source, title, outlet, author, published, url, language, \
     text, removed, title_start, title_end, duplicate_of";

fn row_to_article(r: &DbRow) -> Result<(Row, String), DbError> {
    let id = r.int(0)?;
    let mut a = Article::new(
        convert::article_id_of_row(id).unwrap_or(ArticleId(0)),
        r.text(2)?,
        r.text(9)?,
    );
    a.meta.title = r.opt_text(3)?;
    a.meta.outlet = r.opt_text(4)?;
    a.meta.author = r.opt_text(5)?;
    a.meta.published = r.opt_text(6)?.and_then(|s| Date::parse_iso(&s));
    a.meta.url = r.opt_text(7)?;
    a.meta.language = r.text(8)?;
    if let (Some(s), Some(e)) = (r.opt_int(11)?, r.opt_int(12)?) {
        if let (Ok(s), Ok(e)) = (usize::try_from(s), usize::try_from(e)) {
            let span = m::Span::new(s, e);
            a.title_span = span.check(&a.text).is_ok().then_some(span);
        }
    }
    let removed = r.text(10)?;
    let duplicate_of = r.opt_int(13)?;
    a.duplicate_of = duplicate_of.and_then(convert::article_id_of_row);
    Ok((
        Row {
            id,
            hash: r.text(1)?,
            duplicate_of,
            article: a,
        },
        removed,
    ))
}

fn load_rows(conn: &Conn, sql: &str, p: &[Value]) -> Result<Vec<Row>, StoreError> {
    let raw = conn
        .rows(sql, p)
        .ctx("reading articles")?
        .iter()
        .map(row_to_article)
        .collect::<Result<Vec<_>, _>>()
        .ctx("reading articles")?;
    raw.into_iter()
        .map(|(mut row, removed)| {
            row.article.removed = parse_removed(row.id, &removed)?;
            Ok(row)
        })
        .collect()
}

/// The first column of a one-row query as a number (`None`: no row or NULL).
fn query_int(conn: &Conn, sql: &str, p: &[Value], what: &str) -> Result<Option<i64>, StoreError> {
    match conn.row(sql, p).ctx(what)? {
        Some(r) => r.opt_int(0).ctx(what),
        None => Ok(None),
    }
}

fn grouped_through(conn: &Conn) -> Result<Option<i64>, StoreError> {
    query_int(
        conn,
        "SELECT CAST(value AS BIGINT) FROM meta WHERE key = 'grouped_through'",
        vals![],
        "reading the grouping mark",
    )
}

fn parse_removed(id: i64, removed: &str) -> Result<Vec<m::RemovedLine>, StoreError> {
    let list: Vec<json::Removed> =
        serde_json::from_str(removed).map_err(|e| StoreError::Corrupt {
            what: format!("removed lines of article a{id}"),
            why: e.to_string(),
        })?;
    Ok(list
        .into_iter()
        .filter_map(|r| {
            let reason = m::JunkReason::ALL
                .into_iter()
                .find(|k| k.as_str() == r.reason)?;
            Some(m::RemovedLine {
                text: r.text,
                reason,
            })
        })
        .collect())
}

/// Store articles inside the caller's transaction (those already stored
/// are left alone and reported as not new) and queue the new ones for grouping.
pub(crate) fn insert_articles(
    tx: &Conn,
    articles: &[Article],
) -> Result<Vec<Ingested>, StoreError> {
    let mut out = Vec::with_capacity(articles.len());
    let at = now();
    for a in articles {
        let hash = content_hash(a);
        let n = tx
            .exec(
                "INSERT INTO articles (hash, source, title, outlet, author, published, url, \
                     language, text, removed, title_start, title_end, ingested_at) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) \
                     ON CONFLICT(hash) DO NOTHING",
                &article_values(a, &hash, at),
            )
            .ctx(&format!("storing {}", a.source))?;
        let id = query_int(
            tx,
            "SELECT id FROM articles WHERE hash = ?1",
            vals![&hash],
            &format!("finding {}", a.source),
        )?
        .ok_or_else(|| StoreError::Corrupt {
            what: format!("article {}", a.source),
            why: "not found right after it was stored".into(),
        })?;
        if n > 0 {
            tx.exec(
                "INSERT INTO ungrouped (article_id) VALUES (?1) ON CONFLICT DO NOTHING",
                vals![id],
            )
            .ctx(&format!("queueing {} for grouping", a.source))?;
        }
        out.push(Ingested {
            id,
            title: a.meta.title.clone(),
            source: a.source.clone(),
            new: n > 0,
        });
    }
    Ok(out)
}

/// Record the schema version in a new database, upgrade an older one this
/// build can upgrade, refuse any other.
fn check_version(conn: &Conn, name: &str) -> Result<(), StoreError> {
    let found = query_int(
        conn,
        "SELECT CAST(value AS BIGINT) FROM meta WHERE key = 'schema_version'",
        vals![],
        "reading the schema version",
    )?;
    match found {
        None => {
            conn.exec(
                "INSERT INTO meta(key, value) VALUES ('schema_version', ?1)",
                vals![schema::SCHEMA_VERSION.to_string()],
            )
            .ctx("writing the schema version")?;
        }
        Some(v) if schema::UPGRADABLE.contains(&v) => {
            if conn.dialect() == Dialect::Postgres && v < 3 {
                conn.batch(schema::PG_UPGRADE_3)
                    .ctx("rebuilding the full-text column (schema version 3)")?;
            }
            conn.exec(
                "UPDATE meta SET value = ?1 WHERE key = 'schema_version'",
                vals![schema::SCHEMA_VERSION.to_string()],
            )
            .ctx("upgrading the schema version")?;
        }
        Some(v) if v != schema::SCHEMA_VERSION => {
            return Err(StoreError::SchemaVersion {
                path: name.to_string(),
                found: v,
                expected: schema::SCHEMA_VERSION,
            })
        }
        Some(_) => {}
    }
    Ok(())
}

/// The bound values of the article insert, in its column order.
fn article_values(a: &Article, hash: &str, at: i64) -> Vec<Value> {
    let removed: Vec<json::Removed> = a
        .removed
        .iter()
        .map(|r| json::Removed {
            text: r.text.clone(),
            reason: r.reason.as_str().to_string(),
        })
        .collect();
    let removed = serde_json::to_string(&removed).unwrap_or_else(|_| "[]".into());
    let span = a.title_span.filter(|s| s.check(&a.text).is_ok());
    vec![
        hash.into(),
        (&a.source).into(),
        a.meta.title.clone().into(),
        a.meta.outlet.clone().into(),
        a.meta.author.clone().into(),
        a.meta.published.map(|d| d.to_string()).into(),
        a.meta.url.clone().into(),
        (&a.meta.language).into(),
        (&a.text).into(),
        removed.into(),
        span.and_then(|s| i64::try_from(s.start).ok()).into(),
        span.and_then(|s| i64::try_from(s.end).ok()).into(),
        at.into(),
    ]
}

/// The corpus database: an SQLite file (the embedded default) or a
/// PostgreSQL database that several processes share.
pub struct Store {
    conn: Conn,
    name: String,
    /// Analyses of the articles this process last synthesised stories from.
    analysed: analysed::AnalysedCache,
}

/// Does a `--db` value name a PostgreSQL database rather than a file?
pub fn is_postgres_url(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

/// A database URL without its password, for messages.
pub fn redacted(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let cred = &url[s + 3..at];
            match cred.find(':') {
                Some(c) => format!("{}{}:***{}", &url[..s + 3], &cred[..c], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

impl Store {
    /// Open (creating if needed, with its folder) the SQLite database at `path`.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
                path: path.to_path_buf(),
                source,
            })?;
        }
        let name = path.display().to_string();
        let conn = rusqlite::Connection::open(path)
            .map_err(DbError::from)
            .ctx(&format!("opening {name}"))?;
        Store::init(Conn::Sqlite(conn), name)
    }

    /// A private SQLite database in memory (tests, examples).
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let conn = rusqlite::Connection::open_in_memory()
            .map_err(DbError::from)
            .ctx("opening an in-memory database")?;
        Store::init(Conn::Sqlite(conn), ":memory:".into())
    }

    /// Connect to a PostgreSQL database (`postgres://user@host:port/db`),
    /// creating the schema if it is not there.
    pub fn open_postgres(url: &str) -> Result<Store, StoreError> {
        let name = redacted(url);
        let pg = db::Pg::connect(url).ctx(&format!("connecting to {name}"))?;
        Store::init(Conn::Postgres(pg), name)
    }

    /// [`Store::open_postgres`] for a `postgres://` URL, else [`Store::open`].
    pub fn open_any(db: &str) -> Result<Store, StoreError> {
        if is_postgres_url(db) {
            Store::open_postgres(db)
        } else {
            Store::open(Path::new(db))
        }
    }

    /// Which backend this store runs on.
    pub fn dialect(&self) -> Dialect {
        self.conn.dialect()
    }

    fn init(conn: Conn, name: String) -> Result<Store, StoreError> {
        match conn.dialect() {
            Dialect::Sqlite => {
                conn.batch(schema::PRAGMAS)
                    .ctx(&format!("configuring {name}"))?;
                conn.batch(schema::SCHEMA)
                    .ctx(&format!("creating the schema of {name}"))?;
                check_version(&conn, &name)?;
            }
            Dialect::Postgres => {
                // Processes starting together must not create the tables
                // twice: the schema is made under a transaction-scoped lock.
                let tx = conn.begin(true).ctx("starting the schema check")?;
                tx.exec(schema::PG_LOCK, vals![schema::LOCK_SCHEMA])
                    .ctx("locking the schema")?;
                tx.batch(schema::PG_SEARCH).ctx(
                    "setting up accent-blind search (the `unaccent` extension needs CREATE on \
                     the database, or an administrator's `CREATE EXTENSION unaccent`)",
                )?;
                tx.batch(schema::PG_SCHEMA)
                    .ctx(&format!("creating the schema of {name}"))?;
                check_version(&tx, &name)?;
                tx.commit().ctx("committing the schema")?;
            }
        }
        Ok(Store {
            conn,
            name,
            analysed: analysed::AnalysedCache::default(),
        })
    }

    /// The path (or `:memory:`, or the URL without password) the store was opened from.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// SQLite's `PRAGMA integrity_check` verdict: `ok` when the file is
    /// sound. PostgreSQL checks its own pages; its answer here is `ok`.
    pub fn integrity_check(&self) -> Result<String, StoreError> {
        if self.conn.dialect() == Dialect::Postgres {
            return Ok("ok".into());
        }
        let rows = self
            .conn
            .rows("PRAGMA integrity_check", vals![])
            .ctx("checking integrity")?;
        let lines: Vec<String> = rows
            .iter()
            .map(|r| r.text(0))
            .collect::<Result<_, _>>()
            .ctx("checking integrity")?;
        Ok(lines.join("; "))
    }

    /// (articles, stories) stored.
    pub fn counts(&self) -> Result<(usize, usize), StoreError> {
        let count = |sql: &str| -> Result<usize, StoreError> {
            let n = query_int(&self.conn, sql, vals![], "counting")?.unwrap_or(0);
            Ok(usize::try_from(n).unwrap_or(0))
        };
        Ok((
            count("SELECT COUNT(*) FROM articles")?,
            count("SELECT COUNT(*) FROM stories")?,
        ))
    }

    /// Store articles in one transaction; those already stored (same content
    /// hash) are left alone and reported as not new.
    pub fn add_articles(&mut self, articles: &[Article]) -> Result<Vec<Ingested>, StoreError> {
        let tx = self.conn.begin(false).ctx("starting a transaction")?;
        let out = insert_articles(&tx, articles)?;
        tx.commit().ctx("committing articles")?;
        Ok(out)
    }

    /// Are there stored articles not grouped yet (stored after the last
    /// grouping, or in a database that has never been grouped)?
    pub fn stories_stale(&self) -> Result<bool, StoreError> {
        let through = grouped_through(&self.conn)?.unwrap_or(0);
        let n = query_int(
            &self.conn,
            "SELECT COUNT(*) FROM (SELECT id FROM articles WHERE id > ?1 \
             UNION ALL SELECT article_id FROM ungrouped \
             UNION ALL SELECT story_id FROM stale_stories LIMIT 1) AS x",
            vals![through],
            "checking for ungrouped articles",
        )?;
        Ok(n.unwrap_or(0) > 0)
    }

    /// Read, clean and store `paths` (files, folders, `-`) in batches of
    /// `opts.batch_size` inputs, one transaction each; then update the stories
    /// if anything is new or ungrouped. Unreadable inputs are reported in the
    /// result and skipped; only a database failure is an error.
    pub fn ingest_paths(
        &mut self,
        paths: &[String],
        opts: &StoreOptions,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<IngestReport, StoreError> {
        let (files, errors) = list_inputs(paths);
        let mut report = IngestReport {
            errors,
            ..IngestReport::default()
        };
        progress(Progress::Listed { files: files.len() });
        for batch in files.chunks(opts.batch_size.max(1)) {
            let mut articles = Vec::new();
            for f in batch {
                let got =
                    dossier_ingest::ingest_paths(std::slice::from_ref(f), &opts.digest.ingest);
                articles.extend(got.articles);
                report.errors.extend(got.errors);
                report.files += 1;
                progress(Progress::Read { name: f.clone() });
            }
            self.record(articles, &mut report)?;
            progress(Progress::Committed {
                articles: report.added.len(),
            });
        }
        if !report.added.is_empty() || self.stories_stale()? {
            progress(Progress::Stories);
            report.stories = Some(self.update_stories(&opts.digest)?);
        }
        Ok(report)
    }

    /// Store the articles of one uploaded input (any format `dossier digest`
    /// reads), then update the stories.
    pub fn ingest_bytes(
        &mut self,
        name: &str,
        bytes: &[u8],
        opts: &StoreOptions,
    ) -> Result<IngestReport, StoreError> {
        let got = dossier_ingest::ingest_input(name, bytes, &opts.digest.ingest);
        let mut report = IngestReport {
            files: 1,
            errors: got.errors,
            ..IngestReport::default()
        };
        self.record(got.articles, &mut report)?;
        if !report.added.is_empty() || self.stories_stale()? {
            report.stories = Some(self.update_stories(&opts.digest)?);
        }
        Ok(report)
    }

    fn record(
        &mut self,
        articles: Vec<Article>,
        report: &mut IngestReport,
    ) -> Result<(), StoreError> {
        if articles.is_empty() {
            return Ok(());
        }
        for got in self.add_articles(&articles)? {
            if got.new {
                report.added.push(got);
            } else {
                report.existing.push(got);
            }
        }
        Ok(())
    }

    fn load_rows(&self, sql: &str, p: &[Value]) -> Result<Vec<Row>, StoreError> {
        load_rows(&self.conn, sql, p)
    }

    /// The highest article id already grouped; `None` when the database has
    /// no story index yet (new, or written by an older dossier).
    pub fn grouped_through(&self) -> Result<Option<i64>, StoreError> {
        grouped_through(&self.conn)
    }

    /// Every grouped article's story: article row id to story row id.
    pub fn assignments(&self) -> Result<HashMap<i64, i64>, StoreError> {
        let rows = self
            .conn
            .rows("SELECT article_id, story_id FROM story_articles", vals![])
            .ctx("reading story members")?;
        rows.iter()
            .map(|r| Ok((r.int(0)?, r.int(1)?)))
            .collect::<Result<HashMap<i64, i64>, DbError>>()
            .ctx("reading story members")
    }

    /// Bring the stories up to date with the articles stored since the last
    /// grouping, in one transaction. Incremental: each new article is
    /// compared with the stories its strongest terms lead to, through the
    /// stored index, and only the stories that gained articles (or merged)
    /// are synthesised again; the cost is the new articles and the stories
    /// they touch, not the corpus. A database without an index is regrouped
    /// once ([`Store::regroup`]).
    pub fn update_stories(&mut self, opts: &DigestOptions) -> Result<StoryUpdate, StoreError> {
        let tx = self.conn.begin(true).ctx("starting the stories update")?;
        lock_grouping(&tx)?;
        let update = match grouped_through(&tx)? {
            None => update::regroup_all(&tx, opts)?,
            Some(through) => update::add_new(&tx, through, opts)?,
        };
        tx.commit().ctx("committing the stories update")?;
        self.synthesise_stale(opts)?;
        Ok(update)
    }

    /// Synthesise the stories whose members changed, a few per transaction
    /// (outside the grouping lock: other writers group meanwhile). On
    /// PostgreSQL one story per transaction: a grouping that marks one of
    /// them stale again waits for the synthesis that took it, so a short
    /// transaction keeps the other workers' groupings from queueing behind it.
    pub fn synthesise_stale(&mut self, opts: &DigestOptions) -> Result<(), StoreError> {
        let per_transaction = match self.conn.dialect() {
            db::Dialect::Postgres => 1,
            db::Dialect::Sqlite => 8,
        };
        loop {
            let tx = self.conn.begin(false).ctx("starting a synthesis")?;
            let n = update::synthesise_stale(&tx, per_transaction, opts, &mut self.analysed)?;
            tx.commit().ctx("committing a synthesis")?;
            if n == 0 {
                return Ok(());
            }
        }
    }

    /// Group every stored article again from scratch (exact average-link up
    /// to `exact_limit` articles, the streaming index beyond), keep the ids of
    /// stories that overlap, point the ids of stories that went away at the
    /// story that took most of their articles, and rebuild the story index.
    pub fn regroup(&mut self, opts: &DigestOptions) -> Result<StoryUpdate, StoreError> {
        let tx = self.conn.begin(true).ctx("starting the regroup")?;
        lock_grouping(&tx)?;
        let update = update::regroup_all(&tx, opts)?;
        tx.commit().ctx("committing the regroup")?;
        Ok(update)
    }

    /// The story a story id stands for now: itself when it exists, else the
    /// story it was merged into (following merges), else `None`.
    pub fn current_story(&self, row: i64) -> Result<Option<i64>, StoreError> {
        let mut id = row;
        // Redirect chains are short; the bound only guards against a corrupt cycle.
        for _ in 0..64 {
            let live = query_int(
                &self.conn,
                "SELECT COUNT(*) FROM stories WHERE id = ?1",
                vals![id],
                "looking up a story",
            )?;
            if live.unwrap_or(0) > 0 {
                return Ok(Some(id));
            }
            let next = query_int(
                &self.conn,
                "SELECT new_id FROM story_redirects WHERE old_id = ?1",
                vals![id],
                "following a story merge",
            )?;
            match next {
                Some(n) => id = n,
                None => return Ok(None),
            }
        }
        Ok(None)
    }

    /// Stories, largest first, then latest first.
    pub fn stories(&self, filter: &StoryFilter) -> Result<Vec<StoryRow>, StoreError> {
        // Fixed SQL fragments joined by AND; every value is a bound parameter.
        let mut sql = String::from(
            "SELECT s.id, s.headline, s.period_from, s.period_to, s.size FROM stories s WHERE 1 = 1",
        );
        let mut values: Vec<Value> = Vec::new();
        // The next parameter's number, as `?N` (both backends read numbered ones).
        let next = |values: &Vec<Value>, k: usize| format!("?{}", values.len() + k);
        if let Some(d) = filter.date.as_deref().filter(|d| !d.trim().is_empty()) {
            let Some(d) = Date::parse_iso(d) else {
                return Ok(Vec::new());
            };
            sql.push_str(&format!(
                " AND s.from_day <= {} AND s.to_day >= {}",
                next(&values, 1),
                next(&values, 2)
            ));
            values.push(last_day_number(d).into());
            values.push(d.first_day_number().into());
        }
        if let Some(e) = filter
            .entity
            .as_deref()
            .map(str::trim)
            .filter(|e| !e.is_empty())
        {
            let like = format!(
                "%{}%",
                e.to_lowercase()
                    .replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
            );
            let n = next(&values, 1);
            sql.push_str(&format!(
                " AND s.id IN (SELECT story_id FROM entities \
                 WHERE lower(name) LIKE {n} ESCAPE '\\' OR lower(aliases) LIKE {n} ESCAPE '\\')"
            ));
            values.push(like.into());
        }
        if let Some(q) = filter.query.as_deref() {
            let Some(q) = text_query(self.conn.dialect(), q) else {
                return Ok(Vec::new());
            };
            let n = next(&values, 1);
            sql.push_str(&match self.conn.dialect() {
                Dialect::Sqlite => format!(
                    " AND s.id IN (SELECT sa.story_id FROM story_articles sa \
                     JOIN articles_fts f ON f.rowid = sa.article_id WHERE articles_fts MATCH {n})"
                ),
                Dialect::Postgres => format!(
                    " AND s.id IN (SELECT sa.story_id FROM story_articles sa \
                     JOIN articles a ON a.id = sa.article_id \
                     WHERE a.fts @@ to_tsquery('dossier_text', {n}))"
                ),
            });
            values.push(q.into());
        }
        sql.push_str(&format!(
            " ORDER BY s.size DESC, s.to_day DESC, s.id LIMIT {}",
            next(&values, 1)
        ));
        let limit = filter
            .limit
            .map_or(i64::MAX, |l| i64::try_from(l).unwrap_or(i64::MAX));
        values.push(limit.into());
        let rows = self.conn.rows(&sql, &values).ctx("listing stories")?;
        rows.iter()
            .map(|r| {
                Ok(StoryRow {
                    id: format!("s{}", r.int(0)?),
                    headline: r.text(1)?,
                    period_from: r.opt_text(2)?,
                    period_to: r.opt_text(3)?,
                    articles: usize::try_from(r.int(4)?).unwrap_or(0),
                })
            })
            .collect::<Result<Vec<_>, DbError>>()
            .ctx("listing stories")
    }

    /// Full-text search over article titles and texts, best match first.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError> {
        let Some(q) = text_query(self.conn.dialect(), query) else {
            return Ok(Vec::new());
        };
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = match self.conn.dialect() {
            Dialect::Sqlite => self.conn.rows(
                "SELECT a.id, a.title, a.outlet, a.source, a.published, \
                 snippet(articles_fts, 1, ?2, ?3, '…', 16), \
                 (SELECT group_concat(story_id) FROM story_articles WHERE article_id = a.id) \
                 FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid \
                 WHERE articles_fts MATCH ?1 ORDER BY rank LIMIT ?4",
                vals![q, HIT_START.to_string(), HIT_END.to_string(), limit],
            ),
            Dialect::Postgres => self.conn.rows(
                "SELECT a.id, a.title, a.outlet, a.source, a.published, \
                 ts_headline('dossier_text', a.text, q.q, ?2), \
                 (SELECT string_agg(CAST(story_id AS TEXT), ',') FROM story_articles \
                  WHERE article_id = a.id) \
                 FROM articles a, to_tsquery('dossier_text', ?1) AS q(q) \
                 WHERE a.fts @@ q.q ORDER BY ts_rank(a.fts, q.q) DESC, a.id LIMIT ?3",
                vals![q, PG_HEADLINE.as_str(), limit],
            ),
        }
        .ctx("searching")?;
        rows.iter()
            .map(|r| {
                Ok(SearchHit {
                    article: format!("a{}", r.int(0)?),
                    title: r.opt_text(1)?,
                    outlet: r.opt_text(2)?,
                    source: r.text(3)?,
                    published: r.opt_text(4)?,
                    snippet: r.text(5)?,
                    stories: r
                        .opt_text(6)?
                        .unwrap_or_default()
                        .split(',')
                        .filter(|s| !s.is_empty())
                        .map(|s| format!("s{s}"))
                        .collect(),
                })
            })
            .collect::<Result<Vec<_>, DbError>>()
            .ctx("searching")
    }

    /// One stored article (sentences split), with its stories.
    pub fn article(&self, row: i64) -> Result<Option<StoredArticle>, StoreError> {
        let sql = format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?1");
        let Some(r) = self.load_rows(&sql, vals![row])?.into_iter().next() else {
            return Ok(None);
        };
        let mut article = r.article;
        article.sentences =
            dossier_analyze::sentences::split_with_title(&article.text, article.title_span);
        let stories = self
            .conn
            .rows(
                "SELECT story_id FROM story_articles WHERE article_id = ?1 ORDER BY story_id",
                vals![row],
            )
            .ctx("finding an article's stories")?
            .iter()
            .map(|r| r.int(0))
            .collect::<Result<Vec<i64>, _>>()
            .ctx("finding an article's stories")?;
        Ok(Some(StoredArticle {
            row,
            article,
            stories,
        }))
    }

    /// The stored `dossier/1` story object, with ids `s{row}` / `a{row}`.
    pub fn story_json(&self, row: i64) -> Result<Option<json::Story>, StoreError> {
        let text: Option<String> = self
            .conn
            .row("SELECT json FROM stories WHERE id = ?1", vals![row])
            .ctx("reading a story")?
            .map(|r| r.text(0))
            .transpose()
            .ctx("reading a story")?;
        text.map(|t| {
            serde_json::from_str(&t).map_err(|e| StoreError::Corrupt {
                what: format!("story s{row}"),
                why: e.to_string(),
            })
        })
        .transpose()
    }

    /// A story as a `dossier/1` document: the story and all its articles.
    pub fn story_document(
        &self,
        row: i64,
        generator: &str,
    ) -> Result<Option<json::Document>, StoreError> {
        let Some(story) = self.story_json(row)? else {
            return Ok(None);
        };
        let mut articles = Vec::new();
        for a in &story.articles {
            let art = parse_article_ref(a).map(|r| self.article(r)).transpose()?;
            if let Some(Some(sa)) = art {
                articles.push(json::Article::from_model(&sa.article));
            }
        }
        Ok(Some(json::Document {
            schema: json::SCHEMA.to_string(),
            generator: generator.to_string(),
            articles,
            stories: vec![story],
        }))
    }

    /// A story as a model brief the renderers can draw: its articles numbered
    /// from `a1` in story order, every cite renumbered to match.
    pub fn story_brief(&self, row: i64) -> Result<Option<Brief>, StoreError> {
        let Some(js) = self.story_json(row)? else {
            return Ok(None);
        };
        let mut story = convert::story_from_json(&js)?;
        let mut articles = Vec::new();
        let mut local: HashMap<ArticleId, ArticleId> = HashMap::new();
        for (i, id) in story.articles.iter().enumerate() {
            let r = convert::row_of_article_id(*id).ok_or_else(|| StoreError::Corrupt {
                what: format!("story s{row}"),
                why: format!("bad article id {id}"),
            })?;
            let sa = self.article(r)?.ok_or_else(|| StoreError::Corrupt {
                what: format!("story s{row}"),
                why: format!("article a{r} is missing"),
            })?;
            local.insert(*id, ArticleId(i));
            articles.push(sa.article);
        }
        for (i, a) in articles.iter_mut().enumerate() {
            a.id = ArticleId(i);
            // A copy of an article outside the story cannot be shown as such.
            a.duplicate_of = a.duplicate_of.and_then(|d| local.get(&d).copied());
        }
        convert::remap_story(&mut story, |a| local.get(&a).copied()).map_err(|a| {
            StoreError::Corrupt {
                what: format!("story s{row}"),
                why: format!("it cites {a}, which is not one of its articles"),
            }
        })?;
        let brief = Brief {
            articles,
            stories: vec![story],
        };
        brief.check_spans().map_err(|e| StoreError::Corrupt {
            what: format!("story s{row}"),
            why: e.to_string(),
        })?;
        Ok(Some(brief))
    }

    /// Entity names across all stories, most mentioned first (for filters).
    pub fn top_entities(&self, limit: usize) -> Result<Vec<(String, usize)>, StoreError> {
        // Names that differ only in case are one entity; the first spelling
        // in sort order stands for them.
        let rows = self
            .conn
            .rows(
                "SELECT MIN(name), CAST(SUM(mentions) AS BIGINT) AS n FROM entities \
                 GROUP BY lower(name) ORDER BY n DESC, MIN(name) LIMIT ?1",
                vals![i64::try_from(limit).unwrap_or(i64::MAX)],
            )
            .ctx("listing entities")?;
        rows.iter()
            .map(|r| Ok((r.text(0)?, usize::try_from(r.int(1)?).unwrap_or(0))))
            .collect::<Result<Vec<_>, DbError>>()
            .ctx("listing entities")
    }
}

/// Write a synthesised story; with `members`, also its membership (a
/// regroup, which decides membership itself, under the grouping lock).
fn write_story(
    tx: &Conn,
    id: i64,
    story: &m::Story,
    signature: &str,
    members: bool,
) -> Result<(), StoreError> {
    let js = json::Story::from_model(story);
    let text = serde_json::to_string(&js).map_err(|e| StoreError::Corrupt {
        what: format!("story s{id}"),
        why: e.to_string(),
    })?;
    tx.exec(
        "UPDATE stories SET headline = ?2, period_from = ?3, period_to = ?4, from_day = ?5, \
         to_day = ?6, size = ?7, signature = ?8, json = ?9, updated_at = ?10 WHERE id = ?1",
        vals![
            id,
            &story.headline,
            story.period.map(|p| p.from.to_string()),
            story.period.map(|p| p.to.to_string()),
            story.period.map(|p| p.from.first_day_number()),
            story.period.map(|p| last_day_number(p.to)),
            i64::try_from(story.articles.len()).unwrap_or(i64::MAX),
            signature,
            text,
            now(),
        ],
    )
    .ctx("writing a story")?;
    for (pos, a) in story.articles.iter().enumerate().filter(|_| members) {
        tx.exec(
            "INSERT INTO story_articles (story_id, article_id, position) \
             VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
            vals![
                id,
                convert::row_of_article_id(*a),
                i64::try_from(pos).unwrap_or(i64::MAX)
            ],
        )
        .ctx("writing story members")?;
    }
    for e in &story.entities {
        tx.exec(
            "INSERT INTO entities (story_id, name, kind, aliases, mentions) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
            vals![
                id,
                &e.name,
                e.kind.as_str(),
                e.aliases.join("\n"),
                i64::try_from(e.mentions.len()).unwrap_or(i64::MAX)
            ],
        )
        .ctx("writing story entities")?;
    }
    Ok(())
}

/// Story assignment is serialised: one grouping transaction at a time
/// holds this lock (PostgreSQL: a transaction-scoped advisory lock; SQLite's
/// `BEGIN IMMEDIATE` already is one), so two writers never both decide that
/// an event is new and create two stories for it.
fn lock_grouping(tx: &Conn) -> Result<(), StoreError> {
    if tx.dialect() == Dialect::Postgres {
        tx.exec(schema::PG_LOCK, vals![schema::LOCK_GROUPING])
            .ctx("waiting for the grouping lock")?;
    }
    Ok(())
}

/// `ts_headline` options: matched words between the same marks as SQLite's snippets.
static PG_HEADLINE: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "StartSel={HIT_START}, StopSel={HIT_END}, MaxWords=24, MinWords=8, \
         FragmentDelimiter=…, MaxFragments=1"
    )
});

/// A user's search words for the backend's full-text search: [`fts_query`]
/// for SQLite, [`ts_query`] for PostgreSQL.
fn text_query(d: Dialect, user: &str) -> Option<String> {
    match d {
        Dialect::Sqlite => fts_query(user),
        Dialect::Postgres => ts_query(user),
    }
}

/// A user's search words as a safe PostgreSQL `tsquery`: every word a
/// quoted lexeme (so no operator or syntax error can come from the input),
/// all required (`&`); a word ending in `*` matches as a prefix (`:*`).
/// `None` when there is no word.
pub fn ts_query(user: &str) -> Option<String> {
    let mut terms = Vec::new();
    for raw in user.split_whitespace() {
        let prefix = raw.ends_with('*');
        let word: String = raw
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == '-')
            .collect::<String>()
            .to_lowercase();
        let word = word.trim_matches('-');
        if word.is_empty() {
            continue;
        }
        terms.push(format!("'{word}'{}", if prefix { ":*" } else { "" }));
        if terms.len() >= 32 {
            break;
        }
    }
    (!terms.is_empty()).then(|| terms.join(" & "))
}

#[cfg(test)]
mod pg_test;
#[cfg(test)]
mod queue_tests;
#[cfg(test)]
mod tests;
