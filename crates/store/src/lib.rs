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

pub mod convert;
mod grouping;
pub mod sample;
mod schema;
mod update;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use dossier_ingest::{ErrorKind, IngestError};
use dossier_model::{self as m, Article, ArticleId, Brief, Date, Precision};
use dossier_pipeline::DigestOptions;
use dossier_render::json;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use sha2::{Digest, Sha256};

pub use convert::{parse_article_ref, parse_story_ref};

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
        source: rusqlite::Error,
    },
    #[error("cannot create the folder of database {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
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

impl<T> Ctx<T> for Result<T, rusqlite::Error> {
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

fn row_to_article(r: &rusqlite::Row<'_>) -> rusqlite::Result<(Row, String)> {
    let id: i64 = r.get(0)?;
    let mut a = Article::new(
        convert::article_id_of_row(id).unwrap_or(ArticleId(0)),
        r.get::<_, String>(2)?,
        r.get::<_, String>(9)?,
    );
    a.meta.title = r.get(3)?;
    a.meta.outlet = r.get(4)?;
    a.meta.author = r.get(5)?;
    a.meta.published = r
        .get::<_, Option<String>>(6)?
        .and_then(|s| Date::parse_iso(&s));
    a.meta.url = r.get(7)?;
    a.meta.language = r.get(8)?;
    let (ts, te): (Option<i64>, Option<i64>) = (r.get(11)?, r.get(12)?);
    if let (Some(s), Some(e)) = (ts, te) {
        if let (Ok(s), Ok(e)) = (usize::try_from(s), usize::try_from(e)) {
            let span = m::Span::new(s, e);
            a.title_span = span.check(&a.text).is_ok().then_some(span);
        }
    }
    let removed: String = r.get(10)?;
    let duplicate_of: Option<i64> = r.get(13)?;
    a.duplicate_of = duplicate_of.and_then(convert::article_id_of_row);
    Ok((
        Row {
            id,
            hash: r.get(1)?,
            duplicate_of,
            article: a,
        },
        removed,
    ))
}

fn load_rows(
    conn: &Connection,
    sql: &str,
    p: impl rusqlite::Params,
) -> Result<Vec<Row>, StoreError> {
    let mut st = conn.prepare_cached(sql).ctx("preparing an article query")?;
    let raw = st
        .query_map(p, row_to_article)
        .ctx("reading articles")?
        .collect::<Result<Vec<_>, _>>()
        .ctx("reading articles")?;
    raw.into_iter()
        .map(|(mut row, removed)| {
            row.article.removed = parse_removed(row.id, &removed)?;
            Ok(row)
        })
        .collect()
}

fn grouped_through(conn: &Connection) -> Result<Option<i64>, StoreError> {
    conn.query_row(
        "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'grouped_through'",
        [],
        |r| r.get(0),
    )
    .optional()
    .ctx("reading the grouping mark")
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

/// The corpus database.
pub struct Store {
    conn: Connection,
    name: String,
}

impl Store {
    /// Open (creating if needed, with its folder) the database at `path`.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
                path: path.to_path_buf(),
                source,
            })?;
        }
        let name = path.display().to_string();
        let conn = Connection::open(path).ctx(&format!("opening {name}"))?;
        Store::init(conn, name)
    }

    /// A private database in memory (tests, examples).
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let conn = Connection::open_in_memory().ctx("opening an in-memory database")?;
        Store::init(conn, ":memory:".into())
    }

    fn init(conn: Connection, name: String) -> Result<Store, StoreError> {
        conn.execute_batch(schema::PRAGMAS)
            .ctx(&format!("configuring {name}"))?;
        conn.execute_batch(schema::SCHEMA)
            .ctx(&format!("creating the schema of {name}"))?;
        let found: Option<i64> = conn
            .query_row(
                "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'schema_version'",
                [],
                |r| r.get(0),
            )
            .optional()
            .ctx("reading the schema version")?;
        match found {
            None => {
                conn.execute(
                    "INSERT INTO meta(key, value) VALUES ('schema_version', ?1)",
                    params![schema::SCHEMA_VERSION.to_string()],
                )
                .ctx("writing the schema version")?;
            }
            Some(v) if schema::UPGRADABLE.contains(&v) => {
                conn.execute(
                    "UPDATE meta SET value = ?1 WHERE key = 'schema_version'",
                    params![schema::SCHEMA_VERSION.to_string()],
                )
                .ctx("upgrading the schema version")?;
            }
            Some(v) if v != schema::SCHEMA_VERSION => {
                return Err(StoreError::SchemaVersion {
                    path: name,
                    found: v,
                    expected: schema::SCHEMA_VERSION,
                })
            }
            Some(_) => {}
        }
        Ok(Store { conn, name })
    }

    /// The path (or `:memory:`) the store was opened from.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// SQLite's `PRAGMA integrity_check` verdict: `ok` when the file is sound.
    pub fn integrity_check(&self) -> Result<String, StoreError> {
        let rows: Vec<String> = {
            let mut st = self
                .conn
                .prepare("PRAGMA integrity_check")
                .ctx("checking integrity")?;
            let rows = st
                .query_map([], |r| r.get::<_, String>(0))
                .ctx("checking integrity")?;
            rows.collect::<Result<_, _>>().ctx("checking integrity")?
        };
        Ok(rows.join("; "))
    }

    /// (articles, stories) stored.
    pub fn counts(&self) -> Result<(usize, usize), StoreError> {
        let count = |sql: &str| -> Result<usize, StoreError> {
            let n: i64 = self.conn.query_row(sql, [], |r| r.get(0)).ctx("counting")?;
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
        let tx = self.conn.transaction().ctx("starting a transaction")?;
        let mut out = Vec::with_capacity(articles.len());
        {
            let mut insert = tx
                .prepare(
                    "INSERT INTO articles (hash, source, title, outlet, author, published, url, \
                     language, text, removed, title_start, title_end, ingested_at) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) \
                     ON CONFLICT(hash) DO NOTHING",
                )
                .ctx("preparing the article insert")?;
            let mut find = tx
                .prepare("SELECT id FROM articles WHERE hash = ?1")
                .ctx("preparing the hash lookup")?;
            let at = now();
            for a in articles {
                let hash = content_hash(a);
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
                let n = insert
                    .execute(params![
                        hash,
                        a.source,
                        a.meta.title,
                        a.meta.outlet,
                        a.meta.author,
                        a.meta.published.map(|d| d.to_string()),
                        a.meta.url,
                        a.meta.language,
                        a.text,
                        removed,
                        span.and_then(|s| i64::try_from(s.start).ok()),
                        span.and_then(|s| i64::try_from(s.end).ok()),
                        at,
                    ])
                    .ctx(&format!("storing {}", a.source))?;
                let id: i64 = find
                    .query_row(params![hash], |r| r.get(0))
                    .ctx(&format!("finding {}", a.source))?;
                out.push(Ingested {
                    id,
                    title: a.meta.title.clone(),
                    source: a.source.clone(),
                    new: n > 0,
                });
            }
        }
        tx.commit().ctx("committing articles")?;
        Ok(out)
    }

    /// Are there stored articles not grouped yet (stored after the last
    /// grouping, or in a database that has never been grouped)?
    pub fn stories_stale(&self) -> Result<bool, StoreError> {
        let through = grouped_through(&self.conn)?.unwrap_or(0);
        self.conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM articles WHERE id > ?1)",
                params![through],
                |r| r.get(0),
            )
            .ctx("checking for ungrouped articles")
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

    fn load_rows(&self, sql: &str, p: impl rusqlite::Params) -> Result<Vec<Row>, StoreError> {
        load_rows(&self.conn, sql, p)
    }

    /// The highest article id already grouped; `None` when the database has
    /// no story index yet (new, or written by an older dossier).
    pub fn grouped_through(&self) -> Result<Option<i64>, StoreError> {
        grouped_through(&self.conn)
    }

    /// Every grouped article's story: article row id to story row id.
    pub fn assignments(&self) -> Result<HashMap<i64, i64>, StoreError> {
        let mut st = self
            .conn
            .prepare("SELECT article_id, story_id FROM story_articles")
            .ctx("reading story members")?;
        let rows = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .ctx("reading story members")?
            .collect::<Result<HashMap<i64, i64>, _>>()
            .ctx("reading story members")?;
        Ok(rows)
    }

    /// Bring the stories up to date with the articles stored since the last
    /// grouping, in one transaction. Incremental: each new article is
    /// compared with the stories its strongest terms lead to, through the
    /// stored index, and only the stories that gained articles (or merged)
    /// are synthesised again; the cost is the new articles and the stories
    /// they touch, not the corpus. A database without an index is regrouped
    /// once ([`Store::regroup`]).
    pub fn update_stories(&mut self, opts: &DigestOptions) -> Result<StoryUpdate, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .ctx("starting the stories update")?;
        let update = match grouped_through(&tx)? {
            None => update::regroup_all(&tx, opts)?,
            Some(through) => update::add_new(&tx, through, opts)?,
        };
        tx.commit().ctx("committing the stories update")?;
        Ok(update)
    }

    /// Group every stored article again from scratch (exact average-link up
    /// to `exact_limit` articles, the streaming index beyond), keep the ids of
    /// stories that overlap, point the ids of stories that went away at the
    /// story that took most of their articles, and rebuild the story index.
    pub fn regroup(&mut self, opts: &DigestOptions) -> Result<StoryUpdate, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .ctx("starting the regroup")?;
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
            let live: bool = self
                .conn
                .query_row(
                    "SELECT EXISTS (SELECT 1 FROM stories WHERE id = ?1)",
                    params![id],
                    |r| r.get(0),
                )
                .ctx("looking up a story")?;
            if live {
                return Ok(Some(id));
            }
            let next: Option<i64> = self
                .conn
                .query_row(
                    "SELECT new_id FROM story_redirects WHERE old_id = ?1",
                    params![id],
                    |r| r.get(0),
                )
                .optional()
                .ctx("following a story merge")?;
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
            "SELECT s.id, s.headline, s.period_from, s.period_to, s.size FROM stories s WHERE 1",
        );
        let mut values: Vec<rusqlite::types::Value> = Vec::new();
        if let Some(d) = filter.date.as_deref().filter(|d| !d.trim().is_empty()) {
            let Some(d) = Date::parse_iso(d) else {
                return Ok(Vec::new());
            };
            sql.push_str(" AND s.from_day <= ? AND s.to_day >= ?");
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
                e.replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
            );
            sql.push_str(
                " AND s.id IN (SELECT story_id FROM entities \
                 WHERE name LIKE ? ESCAPE '\\' OR aliases LIKE ? ESCAPE '\\')",
            );
            values.push(like.clone().into());
            values.push(like.into());
        }
        if let Some(q) = filter.query.as_deref() {
            let Some(q) = fts_query(q) else {
                return Ok(Vec::new());
            };
            sql.push_str(
                " AND s.id IN (SELECT sa.story_id FROM story_articles sa \
                 JOIN articles_fts f ON f.rowid = sa.article_id WHERE articles_fts MATCH ?)",
            );
            values.push(q.into());
        }
        sql.push_str(" ORDER BY s.size DESC, s.to_day DESC, s.id LIMIT ?");
        let limit = filter.limit.map_or(-1, |l| i64::try_from(l).unwrap_or(-1));
        values.push(limit.into());
        let mut st = self.conn.prepare(&sql).ctx("preparing the story list")?;
        let rows = st
            .query_map(rusqlite::params_from_iter(values), |r| {
                Ok(StoryRow {
                    id: format!("s{}", r.get::<_, i64>(0)?),
                    headline: r.get(1)?,
                    period_from: r.get(2)?,
                    period_to: r.get(3)?,
                    articles: usize::try_from(r.get::<_, i64>(4)?).unwrap_or(0),
                })
            })
            .ctx("listing stories")?
            .collect::<Result<Vec<_>, _>>()
            .ctx("listing stories")?;
        Ok(rows)
    }

    /// Full-text search over article titles and texts, best match first.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError> {
        let Some(q) = fts_query(query) else {
            return Ok(Vec::new());
        };
        let mut st = self
            .conn
            .prepare(
                "SELECT a.id, a.title, a.outlet, a.source, a.published, \
                 snippet(articles_fts, 1, ?2, ?3, '…', 16), \
                 (SELECT group_concat(story_id) FROM story_articles WHERE article_id = a.id) \
                 FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid \
                 WHERE articles_fts MATCH ?1 ORDER BY rank LIMIT ?4",
            )
            .ctx("preparing the search")?;
        let hits = st
            .query_map(
                params![
                    q,
                    HIT_START.to_string(),
                    HIT_END.to_string(),
                    i64::try_from(limit).unwrap_or(i64::MAX)
                ],
                |r| {
                    let stories: Option<String> = r.get(6)?;
                    Ok(SearchHit {
                        article: format!("a{}", r.get::<_, i64>(0)?),
                        title: r.get(1)?,
                        outlet: r.get(2)?,
                        source: r.get(3)?,
                        published: r.get(4)?,
                        snippet: r.get(5)?,
                        stories: stories
                            .unwrap_or_default()
                            .split(',')
                            .filter(|s| !s.is_empty())
                            .map(|s| format!("s{s}"))
                            .collect(),
                    })
                },
            )
            .ctx("searching")?
            .collect::<Result<Vec<_>, _>>()
            .ctx("searching")?;
        Ok(hits)
    }

    /// One stored article (sentences split), with its stories.
    pub fn article(&self, row: i64) -> Result<Option<StoredArticle>, StoreError> {
        let sql = format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?1");
        let Some(r) = self.load_rows(&sql, params![row])?.into_iter().next() else {
            return Ok(None);
        };
        let mut article = r.article;
        article.sentences =
            dossier_analyze::sentences::split_with_title(&article.text, article.title_span);
        let mut st = self
            .conn
            .prepare("SELECT story_id FROM story_articles WHERE article_id = ?1 ORDER BY story_id")
            .ctx("preparing the story lookup")?;
        let stories = st
            .query_map(params![row], |r| r.get(0))
            .ctx("finding an article's stories")?
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
            .query_row(
                "SELECT json FROM stories WHERE id = ?1",
                params![row],
                |r| r.get(0),
            )
            .optional()
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
        let mut st = self
            .conn
            .prepare(
                "SELECT name, SUM(mentions) AS n FROM entities GROUP BY name COLLATE NOCASE \
                 ORDER BY n DESC, name LIMIT ?1",
            )
            .ctx("preparing the entity list")?;
        let rows = st
            .query_map(params![i64::try_from(limit).unwrap_or(i64::MAX)], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    usize::try_from(r.get::<_, i64>(1)?).unwrap_or(0),
                ))
            })
            .ctx("listing entities")?
            .collect::<Result<Vec<_>, _>>()
            .ctx("listing entities")?;
        Ok(rows)
    }
}

fn write_story(
    tx: &Connection,
    id: i64,
    story: &m::Story,
    signature: &str,
) -> Result<(), StoreError> {
    let js = json::Story::from_model(story);
    let text = serde_json::to_string(&js).map_err(|e| StoreError::Corrupt {
        what: format!("story s{id}"),
        why: e.to_string(),
    })?;
    tx.execute(
        "UPDATE stories SET headline = ?2, period_from = ?3, period_to = ?4, from_day = ?5, \
         to_day = ?6, size = ?7, signature = ?8, json = ?9, updated_at = ?10 WHERE id = ?1",
        params![
            id,
            story.headline,
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
    for (pos, a) in story.articles.iter().enumerate() {
        tx.execute(
            "INSERT OR IGNORE INTO story_articles (story_id, article_id, position) \
             VALUES (?1, ?2, ?3)",
            params![
                id,
                convert::row_of_article_id(*a),
                i64::try_from(pos).unwrap_or(i64::MAX)
            ],
        )
        .ctx("writing story members")?;
    }
    for e in &story.entities {
        tx.execute(
            "INSERT INTO entities (story_id, name, kind, aliases, mentions) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                id,
                e.name,
                e.kind.as_str(),
                e.aliases.join("\n"),
                i64::try_from(e.mentions.len()).unwrap_or(i64::MAX)
            ],
        )
        .ctx("writing story entities")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
