//! The schema of a dossier database (SQLite, and the same tables in
//! PostgreSQL), and the pragmas that make the SQLite file crash-safe.
//!
//! Articles are written once and never rewritten (their content hash is
//! unique), so nothing committed can be lost by a later run. Stories are
//! derived data: the `dossier/1` story object is kept whole in `stories.json`,
//! and the normalised tables beside it (`story_articles`, `entities`) exist for
//! filtering. `articles_fts` is an external-content FTS5 index over the
//! articles' titles and texts, kept in step by triggers.
//!
//! Incremental grouping keeps its index beside them (version 2): `terms`,
//! `centroids` and `postings` (see `grouping.rs`), `meta` keys `index_docs`
//! (articles counted into the index) and `grouped_through` (the highest
//! article id grouped; later ids are the ones still to group), and
//! `story_redirects` from a story merged away to its successor. `ungrouped`
//! lists articles stored but not yet grouped, written in the transaction
//! that stores them: with several writers, ids are handed out in one order
//! and committed in another, so "every id above the mark" alone could skip
//! an article that committed late. `stale_stories` lists stories whose
//! members changed and whose text is still to be synthesised. A version 1
//! database is upgraded in place: the new tables start empty and the next
//! ingest regroups once to fill them.
//!
//! Version 3 makes PostgreSQL's search ignore accents, as SQLite's does
//! (`remove_diacritics`): its `tsvector` column is rebuilt with the
//! `dossier_text` configuration ([`PG_SEARCH`], [`PG_UPGRADE_3`]). Nothing
//! changes in SQLite.

/// What PostgreSQL's full-text column holds (one text for the table and
/// its upgrade): title and text in the `dossier_text` configuration.
macro_rules! pg_fts_expr {
    () => {
        "(to_tsvector('dossier_text', coalesce(title, '') || ' ' || text))"
    };
}

/// Bumped when the schema changes incompatibly.
pub const SCHEMA_VERSION: i64 = 3;

/// Versions this build upgrades in place (new tables; PostgreSQL's
/// full-text column rebuilt).
pub const UPGRADABLE: &[i64] = &[1, 2];

/// Connection settings: WAL so a reader never blocks the writer and a killed
/// writer leaves the last committed state; FULL sync so a commit that
/// returned is on disk; foreign keys so story rows cannot dangle.
pub const PRAGMAS: &str = "
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
PRAGMA foreign_keys = ON;
PRAGMA busy_timeout = 5000;
";

pub const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS articles (
    id           INTEGER PRIMARY KEY,
    hash         TEXT NOT NULL UNIQUE,
    source       TEXT NOT NULL,
    title        TEXT,
    outlet       TEXT,
    author       TEXT,
    published    TEXT,
    url          TEXT,
    language     TEXT NOT NULL,
    text         TEXT NOT NULL,
    removed      TEXT NOT NULL,
    title_start  INTEGER,
    title_end    INTEGER,
    duplicate_of INTEGER REFERENCES articles(id),
    ingested_at  INTEGER NOT NULL
);

CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, text,
    content = 'articles', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER IF NOT EXISTS articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER IF NOT EXISTS articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;

CREATE TABLE IF NOT EXISTS stories (
    id          INTEGER PRIMARY KEY,
    headline    TEXT NOT NULL,
    period_from TEXT,
    period_to   TEXT,
    from_day    INTEGER,
    to_day      INTEGER,
    size        INTEGER NOT NULL,
    signature   TEXT NOT NULL,
    json        TEXT NOT NULL,
    updated_at  INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS story_articles (
    story_id   INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    position   INTEGER NOT NULL,
    PRIMARY KEY (story_id, article_id)
);
CREATE INDEX IF NOT EXISTS story_articles_by_article ON story_articles(article_id);

CREATE TABLE IF NOT EXISTS entities (
    story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    name     TEXT NOT NULL,
    kind     TEXT NOT NULL,
    aliases  TEXT NOT NULL,
    mentions INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS entities_by_story ON entities(story_id);
CREATE INDEX IF NOT EXISTS entities_by_name ON entities(name COLLATE NOCASE);


CREATE TABLE IF NOT EXISTS terms (
    id  INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    df  INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS centroids (
    story_id INTEGER PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
    data     BLOB NOT NULL
);

CREATE TABLE IF NOT EXISTS postings (
    seq      INTEGER PRIMARY KEY,
    term_id  INTEGER NOT NULL,
    story_id INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS postings_by_term ON postings(term_id, seq);

CREATE TABLE IF NOT EXISTS story_redirects (
    old_id INTEGER PRIMARY KEY,
    new_id INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS ungrouped (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id)
);

CREATE TABLE IF NOT EXISTS stale_stories (
    story_id INTEGER PRIMARY KEY
);
";

/// Take a transaction-scoped advisory lock (PostgreSQL), released at commit
/// or rollback, so a lock can never outlive the transaction that needed it.
pub const PG_LOCK: &str = "SELECT pg_advisory_xact_lock(?1)";

/// Advisory lock keys: creating the schema, and grouping stories.
pub const LOCK_SCHEMA: i64 = 0x646f_7373_0001;
pub const LOCK_GROUPING: i64 = 0x646f_7373_0002;

/// The text search configuration of PostgreSQL's full-text search, made
/// before the tables (their generated column names it): `simple` (lower-cased
/// words, no stemming, as SQLite's `unicode61` tokenizer) with the `unaccent`
/// dictionary in front, so "Zurich" finds "Zürich" and the reverse, as
/// `remove_diacritics` does in SQLite. `to_tsvector` with a fixed
/// configuration is immutable, so a generated column and its GIN index can
/// use it; the configuration holds the dictionary by identity, so it works
/// whatever the search path of a later session. `unaccent` ships with
/// Debian's postgresql package and is a trusted extension (the database's
/// owner may create it); it lives in whichever schema it was created in,
/// which the mapping names.
pub const PG_SEARCH: &str = "
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$
DECLARE ext name;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'dossier_text'
                   AND cfgnamespace = (SELECT oid FROM pg_namespace
                                       WHERE nspname = current_schema())) THEN
        SELECT n.nspname INTO ext FROM pg_extension e
            JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent';
        CREATE TEXT SEARCH CONFIGURATION dossier_text (COPY = pg_catalog.simple);
        EXECUTE format('ALTER TEXT SEARCH CONFIGURATION dossier_text ALTER MAPPING FOR '
                       'word, hword, hword_part, numword, numhword, hword_numpart '
                       'WITH %I.unaccent, pg_catalog.simple', ext);
    END IF;
END $$;
";

/// Version 3 in a PostgreSQL database of an earlier version: the
/// full-text column again, accents folded (the table is rewritten once).
pub const PG_UPGRADE_3: &str = concat!(
    "
DROP INDEX IF EXISTS articles_fts;
ALTER TABLE articles DROP COLUMN IF EXISTS fts;
ALTER TABLE articles ADD COLUMN fts tsvector GENERATED ALWAYS AS ",
    pg_fts_expr!(),
    " STORED;
CREATE INDEX IF NOT EXISTS articles_fts ON articles USING GIN (fts);
"
);

/// The same tables in PostgreSQL, and the workers' `queue` (see `queue.rs`). Ids are `BIGINT` identities (every
/// integer is 64-bit, as in SQLite); full-text search is a generated
/// `tsvector` over title and text with a GIN index, in the `dossier_text`
/// configuration ([`PG_SEARCH`]), so the two backends find the same articles.
pub const PG_SCHEMA: &str = concat!(
    "
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS articles (
    id           BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    hash         TEXT NOT NULL UNIQUE,
    source       TEXT NOT NULL,
    title        TEXT,
    outlet       TEXT,
    author       TEXT,
    published    TEXT,
    url          TEXT,
    language     TEXT NOT NULL,
    text         TEXT NOT NULL,
    removed      TEXT NOT NULL,
    title_start  BIGINT,
    title_end    BIGINT,
    duplicate_of BIGINT REFERENCES articles(id),
    ingested_at  BIGINT NOT NULL,
    fts          tsvector GENERATED ALWAYS AS ",
    pg_fts_expr!(),
    " STORED
);
CREATE INDEX IF NOT EXISTS articles_fts ON articles USING GIN (fts);

CREATE TABLE IF NOT EXISTS stories (
    id          BIGINT PRIMARY KEY,
    headline    TEXT NOT NULL,
    period_from TEXT,
    period_to   TEXT,
    from_day    BIGINT,
    to_day      BIGINT,
    size        BIGINT NOT NULL,
    signature   TEXT NOT NULL,
    json        TEXT NOT NULL,
    updated_at  BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS story_articles (
    story_id   BIGINT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    article_id BIGINT NOT NULL REFERENCES articles(id),
    position   BIGINT NOT NULL,
    PRIMARY KEY (story_id, article_id)
);
CREATE INDEX IF NOT EXISTS story_articles_by_article ON story_articles(article_id);

CREATE TABLE IF NOT EXISTS entities (
    story_id BIGINT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    name     TEXT NOT NULL,
    kind     TEXT NOT NULL,
    aliases  TEXT NOT NULL,
    mentions BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS entities_by_story ON entities(story_id);
CREATE INDEX IF NOT EXISTS entities_by_name ON entities(lower(name));

CREATE TABLE IF NOT EXISTS terms (
    id  BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    df  BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS centroids (
    story_id BIGINT PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
    data     BYTEA NOT NULL
);

CREATE TABLE IF NOT EXISTS postings (
    seq      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    term_id  BIGINT NOT NULL,
    story_id BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS postings_by_term ON postings(term_id, seq);

CREATE TABLE IF NOT EXISTS story_redirects (
    old_id BIGINT PRIMARY KEY,
    new_id BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS ungrouped (
    article_id BIGINT PRIMARY KEY REFERENCES articles(id)
);

CREATE TABLE IF NOT EXISTS stale_stories (
    story_id BIGINT PRIMARY KEY
);

CREATE TABLE IF NOT EXISTS queue (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        TEXT NOT NULL,
    body        BYTEA NOT NULL,
    state       TEXT NOT NULL DEFAULT 'pending',
    attempts    BIGINT NOT NULL DEFAULT 0,
    leased_by   TEXT,
    lease_until BIGINT,
    error       TEXT,
    enqueued_at BIGINT NOT NULL,
    done_at     BIGINT
);
CREATE INDEX IF NOT EXISTS queue_open ON queue(id) WHERE state IN ('pending', 'leased');
CREATE INDEX IF NOT EXISTS queue_leases ON queue(lease_until) WHERE state = 'leased';
"
);
