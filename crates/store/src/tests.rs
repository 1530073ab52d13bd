//! Unit tests of the store on small invented articles (two unrelated events).

use super::*;

const DOCK_1: &str = "Dock strike halts Port Ellis cranes\n\n\
Published: 2031-03-03\n\n\
Dock workers at Port Ellis walked off the job on Monday, halting every crane in the harbour. \
The Port Ellis dockers union said 1,200 members joined the strike over pay and night shifts. \
Harbour master Ilse Corrant said ships were waiting outside the Port Ellis breakwater.";

const DOCK_2: &str = "Port Ellis dockers extend strike\n\n\
Published: 2031-03-04\n\n\
The strike by dock workers at Port Ellis entered a second day on Tuesday with cranes idle. \
The dockers union said about 1,500 members had stopped work over pay and night shifts. \
Ilse Corrant, the harbour master, said the harbour was closed to cargo ships.";

const DOCK_3: &str = "Talks open in Port Ellis dock strike\n\n\
Published: 2031-03-05\n\n\
Dock workers and port owners in Port Ellis opened talks on Wednesday to end the strike. \
The dockers union said its members would stay off the cranes until pay rose. \
Harbour master Ilse Corrant said six cargo ships had left for other harbours.";

const FLOOD_1: &str = "Marrow Valley villages flooded after storm\n\n\
Published: 2031-03-04\n\n\
Heavy rain flooded four villages in the Marrow Valley overnight, and the river Tallis burst its banks. \
Rescue teams moved 300 residents from low farms to a school in Dunmere. \
Valley mayor Petra Hollis said the water was still rising on Tuesday.";

const FLOOD_2: &str = "River Tallis floods Marrow Valley farms\n\n\
Published: 2031-03-05\n\n\
The river Tallis burst its banks after heavy rain, flooding villages across the Marrow Valley. \
Petra Hollis, the valley mayor, said rescue teams had moved 350 residents to Dunmere. \
Farms in the Marrow Valley lay under water on Wednesday.";

fn ingest(store: &mut Store, name: &str, text: &str) -> IngestReport {
    store
        .ingest_bytes(name, text.as_bytes(), &StoreOptions::default())
        .unwrap()
}

fn story_of(store: &Store, article: &Ingested) -> i64 {
    let a = store.article(article.id).unwrap().unwrap();
    assert_eq!(a.stories.len(), 1, "{:?} in one story", article.title);
    a.stories[0]
}

fn reingesting_the_same_content_is_a_no_op(mut s: Store) {
    let first = ingest(&mut s, "a.txt", DOCK_1);
    assert_eq!(first.added.len(), 1);
    let json_before = s.story_json(1).unwrap().unwrap();
    // Same content under another name: nothing added, nothing re-synthesised.
    let again = ingest(&mut s, "elsewhere/a-copy.txt", DOCK_1);
    assert!(again.added.is_empty());
    assert_eq!(again.existing.len(), 1);
    assert_eq!(again.existing[0].id, first.added[0].id);
    assert!(
        again.stories.is_none(),
        "no story update when nothing is new"
    );
    assert_eq!(s.counts().unwrap(), (1, 1));
    assert_eq!(s.story_json(1).unwrap().unwrap(), json_before);
}

fn stories_update_incrementally(mut s: Store) {
    let d1 = ingest(&mut s, "d1.txt", DOCK_1).added.remove(0);
    let f1 = ingest(&mut s, "f1.txt", FLOOD_1).added.remove(0);
    assert_eq!(s.counts().unwrap(), (2, 2));
    let dock = story_of(&s, &d1);
    let flood = story_of(&s, &f1);
    assert_ne!(dock, flood);
    let flood_json = s.story_json(flood).unwrap().unwrap();

    // A second dock report joins the dock story: only that story is redone,
    // it keeps its id, and the flood story is untouched.
    let r = ingest(&mut s, "d2.txt", DOCK_2);
    let up = r.stories.unwrap();
    assert_eq!(up.kept, 1, "{up:?}");
    assert_eq!(up.updated, vec![dock], "{up:?}");
    assert!(up.created.is_empty() && up.removed.is_empty(), "{up:?}");
    assert_eq!(story_of(&s, &r.added[0]), dock);
    assert_eq!(s.story_json(flood).unwrap().unwrap(), flood_json);
    let dock_json = s.story_json(dock).unwrap().unwrap();
    assert_eq!(dock_json.id, format!("s{dock}"));
    assert_eq!(
        dock_json.articles,
        vec![format!("a{}", d1.id), format!("a{}", r.added[0].id)]
    );

    ingest(&mut s, "d3.txt", DOCK_3);
    ingest(&mut s, "f2.txt", FLOOD_2);
    assert_eq!(s.counts().unwrap(), (5, 2));
    let rows = s.stories(&StoryFilter::default()).unwrap();
    assert_eq!(rows[0].id, format!("s{dock}"), "largest story first");
    assert_eq!(rows[0].articles, 3);
    assert_eq!(rows[1].articles, 2);
}

fn a_stored_story_renders_with_valid_cites(mut s: Store) {
    for (n, t) in [
        ("d1", DOCK_1),
        ("f1", FLOOD_1),
        ("d2", DOCK_2),
        ("d3", DOCK_3),
    ] {
        ingest(&mut s, n, t);
    }
    let a = s.article(3).unwrap().unwrap();
    let story = a.stories[0];
    let brief = s.story_brief(story).unwrap().unwrap();
    assert_eq!(brief.articles.len(), 3);
    assert!(brief.check_spans().is_ok());
    let st = &brief.stories[0];
    assert!(!st.summary.is_empty());
    assert_eq!(st.id.to_string(), format!("s{story}"));
    // Cites point at the story's own articles, numbered from a1.
    assert!(st.cites().all(|c| c.article.0 < 3));
    let md = dossier_render::render_markdown(&brief);
    assert!(md.contains("Port Ellis"), "{md}");
    // The dossier/1 document of the story names the stored ids.
    let doc = s.story_document(story, "test").unwrap().unwrap();
    assert_eq!(doc.articles.len(), 3);
    let ids: Vec<&str> = doc.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a1", "a3", "a4"]);
    for c in doc.stories[0].summary.iter().flat_map(|x| &x.cites) {
        let art = doc.articles.iter().find(|a| a.id == c.article).unwrap();
        assert!(art.text.get(c.start..c.end).is_some());
    }
}

fn search_and_filters_find_the_right_story(mut s: Store) {
    for (n, t) in [
        ("d1", DOCK_1),
        ("f1", FLOOD_1),
        ("d2", DOCK_2),
        ("f2", FLOOD_2),
    ] {
        ingest(&mut s, n, t);
    }
    let hits = s.search("tallis", 10).unwrap();
    assert_eq!(hits.len(), 2);
    assert!(
        hits[0]
            .snippet
            .contains(&format!("{HIT_START}Tallis{HIT_END}")),
        "{:?}",
        hits[0]
    );
    assert_eq!(hits[0].stories.len(), 1);
    // Words must all occur; FTS syntax in the input is neutralised.
    assert_eq!(s.search("cranes Tallis", 10).unwrap().len(), 0);
    assert!(s.search("\"unbalanced AND (", 10).is_ok());
    assert!(s.search("NEAR(", 10).unwrap().is_empty());
    assert_eq!(s.search("dock*", 10).unwrap().len(), 2);

    let by_entity = s
        .stories(&StoryFilter {
            entity: Some("hollis".into()),
            ..StoryFilter::default()
        })
        .unwrap();
    assert_eq!(by_entity.len(), 1);
    assert_eq!(by_entity[0].id, hits[0].stories[0]);
    let pct = s
        .stories(&StoryFilter {
            entity: Some("%".into()),
            ..StoryFilter::default()
        })
        .unwrap();
    assert!(pct.is_empty(), "LIKE wildcards in the input are literal");
    let by_query = s
        .stories(&StoryFilter {
            query: Some("cranes".into()),
            ..StoryFilter::default()
        })
        .unwrap();
    assert_eq!(by_query.len(), 1);
    assert_ne!(by_query[0].id, by_entity[0].id);
    let by_date = s
        .stories(&StoryFilter {
            date: Some("2031-03".into()),
            ..StoryFilter::default()
        })
        .unwrap();
    assert_eq!(by_date.len(), 2);
    let none = s
        .stories(&StoryFilter {
            date: Some("2029".into()),
            ..StoryFilter::default()
        })
        .unwrap();
    assert!(none.is_empty());
}

const ZURICH: &str = "Tram drivers strike in Zürich\n\n\
Published: 2031-04-02\n\n\
Tram drivers in Zürich stopped work on Wednesday, and the city's Bahnhofstrasse stood empty. \
The drivers' union said talks with the Verkehrsbetriebe had failed over the night rota. \
A spokeswoman for the café owners of Niederdorf said trade had fallen by half.";

/// Accents do not matter to search on either backend (SQLite's
/// `remove_diacritics`, PostgreSQL's `unaccent`), whichever side has them.
fn search_ignores_accents(mut s: Store) {
    ingest(&mut s, "z.txt", ZURICH);
    for q in ["Zurich", "zürich", "ZÜRICH tram", "cafe", "café", "zur*"] {
        let hits = s.search(q, 10).unwrap();
        assert_eq!(hits.len(), 1, "{q}");
        assert!(hits[0].snippet.contains(HIT_START), "{q}: {:?}", hits[0]);
    }
    let hits = s.search("zurich", 10).unwrap();
    assert!(
        hits[0]
            .snippet
            .contains(&format!("{HIT_START}Zürich{HIT_END}")),
        "the text is shown as written: {:?}",
        hits[0]
    );
    let stories = s
        .stories(&StoryFilter {
            query: Some("zurich".into()),
            ..StoryFilter::default()
        })
        .unwrap();
    assert_eq!(stories.len(), 1);
    assert!(s.search("zurick", 10).unwrap().is_empty());
}

#[test]
fn a_version_2_postgres_database_is_upgraded_to_accent_blind_search() {
    let url = crate::pg_test::fresh_url("upgrade_v2_search");
    let mut s = Store::open_postgres(&url).unwrap();
    ingest(&mut s, "z.txt", ZURICH);
    // As version 2 left it: the column in the plain `simple` configuration.
    s.conn
        .batch(
            "DROP INDEX articles_fts; ALTER TABLE articles DROP COLUMN fts;
             ALTER TABLE articles ADD COLUMN fts tsvector GENERATED ALWAYS AS
                 (to_tsvector('simple', coalesce(title, '') || ' ' || text)) STORED;
             CREATE INDEX articles_fts ON articles USING GIN (fts);
             UPDATE meta SET value = '2' WHERE key = 'schema_version';",
        )
        .unwrap();
    assert!(s.search("zurich", 10).unwrap().is_empty());
    drop(s);
    let s = Store::open_postgres(&url).unwrap();
    assert_eq!(s.search("zurich", 10).unwrap().len(), 1);
    let version = query_int(
        &s.conn,
        "SELECT CAST(value AS BIGINT) FROM meta WHERE key = 'schema_version'",
        vals![],
        "t",
    )
    .unwrap();
    assert_eq!(version, Some(schema::SCHEMA_VERSION));
    assert_eq!(s.counts().unwrap(), (1, 1), "nothing lost");
}

fn bad_input_is_reported_and_nothing_stored_is_lost(mut s: Store) {
    ingest(&mut s, "d1.txt", DOCK_1);
    let r = s
        .ingest_bytes("bad.bin", b"\x00\x01\x02binary", &StoreOptions::default())
        .unwrap();
    assert_eq!(r.errors.len(), 1);
    assert!(r.errors[0].to_string().contains("bad.bin"));
    let r = s
        .ingest_bytes("empty.txt", b"   ", &StoreOptions::default())
        .unwrap();
    assert_eq!(r.errors.len(), 1);
    assert_eq!(s.counts().unwrap(), (1, 1));
    assert_eq!(s.integrity_check().unwrap(), "ok");
}

#[test]
fn a_file_database_reopens_with_its_content() {
    let dir = std::env::temp_dir().join(format!("dossier-store-{}", std::process::id()));
    let path = dir.join("nested/db.sqlite");
    {
        let mut s = Store::open(&path).unwrap();
        ingest(&mut s, "d1.txt", DOCK_1);
    }
    let s = Store::open(&path).unwrap();
    assert_eq!(s.counts().unwrap(), (1, 1));
    let mode = s
        .conn
        .row("PRAGMA journal_mode", crate::db::vals![])
        .unwrap()
        .unwrap()
        .text(0)
        .unwrap();
    assert_eq!(mode, "wal");
    drop(s);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn date_ends_cover_the_whole_period() {
    let feb = Date::ym(2032, 2).unwrap();
    assert_eq!(
        last_day_number(feb),
        Date::ymd(2032, 2, 29).unwrap().first_day_number()
    );
    let dec = Date::ym(2031, 12).unwrap();
    assert_eq!(
        last_day_number(dec),
        Date::ymd(2031, 12, 31).unwrap().first_day_number()
    );
    assert_eq!(
        last_day_number(Date::year(2031)),
        Date::ymd(2031, 12, 31).unwrap().first_day_number()
    );
}

#[test]
fn fts_queries_quote_every_word() {
    assert_eq!(
        fts_query("river  Tallis").as_deref(),
        Some("\"river\" \"Tallis\"")
    );
    assert_eq!(fts_query("dock*").as_deref(), Some("\"dock\"*"));
    assert_eq!(fts_query("\" ( ) :"), None);
    assert_eq!(
        fts_query("a\"b OR c").as_deref(),
        Some("\"ab\" \"OR\" \"c\"")
    );
}

fn articles_stored_before_a_crash_are_grouped_by_the_next_run(mut s: Store) {
    // As if killed between the article batches and the stories update.
    let got = dossier_ingest::ingest_input("d1.txt", DOCK_1.as_bytes(), &Default::default());
    s.add_articles(&got.articles).unwrap();
    assert_eq!(s.counts().unwrap(), (1, 0));
    assert!(s.stories_stale().unwrap());
    // The next run has nothing new to store, but still updates the stories.
    let r = ingest(&mut s, "d1.txt", DOCK_1);
    assert!(r.added.is_empty());
    assert_eq!(r.stories.map(|u| u.created.len()), Some(1));
    assert!(!s.stories_stale().unwrap());
    assert_eq!(s.counts().unwrap(), (1, 1));
}

fn an_article_committed_after_a_later_id_was_grouped_is_still_grouped(mut s: Store) {
    ingest(&mut s, "d1.txt", DOCK_1);
    let got = dossier_ingest::ingest_input("f1.txt", FLOOD_1.as_bytes(), &Default::default());
    let f1 = s.add_articles(&got.articles).unwrap().remove(0);
    // As if another writer had taken a higher id, committed first and
    // grouped through it while this article's transaction was still open.
    s.conn
        .exec(
            "UPDATE meta SET value = ?1 WHERE key = 'grouped_through'",
            crate::db::vals![(f1.id + 5).to_string()],
        )
        .unwrap();
    assert!(s.stories_stale().unwrap());
    let up = s.update_stories(&DigestOptions::default()).unwrap();
    assert_eq!(up.created.len(), 1, "{up:?}");
    assert_eq!(s.article(f1.id).unwrap().unwrap().stories.len(), 1);
    assert!(!s.stories_stale().unwrap());
    assert_eq!(s.grouped_through().unwrap(), Some(f1.id + 5));
}

fn apart() -> StoreOptions {
    // Nothing may join a story: every article starts its own.
    let mut o = StoreOptions::default();
    o.digest.cluster.stream_similarity = 2.0;
    o
}

fn adding_articles_reads_only_the_stories_they_touch(mut s: Store) {
    let d1 = ingest(&mut s, "d1.txt", DOCK_1).added.remove(0);
    let f1 = ingest(&mut s, "f1.txt", FLOOD_1).added.remove(0);
    let dock = story_of(&s, &d1);
    // Spoil the stored flood article: any read of it now fails.
    s.conn
        .exec(
            "UPDATE articles SET removed = 'not json' WHERE id = ?1",
            crate::db::vals![f1.id],
        )
        .unwrap();
    let r = ingest(&mut s, "d2.txt", DOCK_2);
    let up = r.stories.unwrap();
    assert_eq!(up.updated, vec![dock], "{up:?}");
    assert_eq!(up.kept, 1);
    // A regroup reads every article, so it meets the spoiled one.
    let err = s.regroup(&DigestOptions::default()).unwrap_err();
    assert!(err.to_string().contains("removed lines"), "{err}");
}

fn an_article_bridging_two_stories_merges_them_and_the_old_id_points_on(mut s: Store) {
    let d1 = ingest(&mut s, "d1.txt", DOCK_1).added.remove(0);
    let d2 = s
        .ingest_bytes("d2.txt", DOCK_2.as_bytes(), &apart())
        .unwrap()
        .added
        .remove(0);
    let (a, b) = (story_of(&s, &d1), story_of(&s, &d2));
    assert_ne!(a, b);
    assert_eq!(s.counts().unwrap(), (2, 2));
    let r = ingest(&mut s, "d3.txt", DOCK_3);
    let up = r.stories.unwrap();
    assert_eq!(up.updated, vec![a], "{up:?}");
    assert_eq!(up.removed, vec![b], "{up:?}");
    assert_eq!(s.counts().unwrap(), (3, 1));
    assert_eq!(story_of(&s, &d2), a);
    assert_eq!(s.current_story(b).unwrap(), Some(a));
    assert_eq!(s.current_story(a).unwrap(), Some(a));
    assert_eq!(s.current_story(b + 100).unwrap(), None);
    // A story created later never takes the merged-away id.
    let f = ingest(&mut s, "f1.txt", FLOOD_1).added.remove(0);
    assert!(story_of(&s, &f) > b);
    assert_eq!(s.current_story(b).unwrap(), Some(a));
}

fn regroup_keeps_ids_and_points_merged_away_ids_at_their_successor(mut s: Store) {
    let d1 = ingest(&mut s, "d1.txt", DOCK_1).added.remove(0);
    let f1 = ingest(&mut s, "f1.txt", FLOOD_1).added.remove(0);
    let d2 = s
        .ingest_bytes("d2.txt", DOCK_2.as_bytes(), &apart())
        .unwrap()
        .added
        .remove(0);
    let (dock, flood, split) = (story_of(&s, &d1), story_of(&s, &f1), story_of(&s, &d2));
    assert_eq!(s.counts().unwrap(), (3, 3));
    let up = s.regroup(&DigestOptions::default()).unwrap();
    assert_eq!(up.removed, vec![split], "{up:?}");
    assert_eq!(s.counts().unwrap(), (3, 2));
    assert_eq!(story_of(&s, &d2), dock);
    assert_eq!(story_of(&s, &f1), flood);
    assert_eq!(s.current_story(split).unwrap(), Some(dock));
    // The rebuilt index takes the next article incrementally.
    let r = ingest(&mut s, "f2.txt", FLOOD_2);
    assert_eq!(r.stories.unwrap().updated, vec![flood]);
    assert!(!s.stories_stale().unwrap());
}

#[test]
fn a_version_1_database_is_upgraded_and_regrouped_once() {
    let mut s = Store::open_in_memory().unwrap();
    ingest(&mut s, "d1.txt", DOCK_1);
    // As an older dossier left it: version 1, no index.
    s.conn
        .batch(
            "UPDATE meta SET value = '1' WHERE key = 'schema_version';
             DELETE FROM meta WHERE key IN ('grouped_through', 'index_docs');
             DELETE FROM centroids; DELETE FROM postings; DELETE FROM terms;",
        )
        .unwrap();
    let blank = rusqlite::Connection::open_in_memory().unwrap();
    let conn = std::mem::replace(&mut s.conn, Conn::Sqlite(blank));
    let mut s = Store::init(conn, "old".into()).unwrap();
    assert!(s.stories_stale().unwrap());
    let r = ingest(&mut s, "d2.txt", DOCK_2);
    assert!(r.stories.is_some());
    assert_eq!(s.counts().unwrap(), (2, 1));
    assert_eq!(s.grouped_through().unwrap(), Some(2));
}

/// Row id of each article to the id of its story.
fn labels(s: &Store) -> HashMap<i64, i64> {
    s.assignments().unwrap()
}

/// Ingest a generated stream 40 articles at a time, then regroup from
/// scratch with `regroup_opts`; B-cubed F1 of incremental vs regroup, and
/// of each vs the events.
fn agreement(s: &mut Store, regroup_opts: &StoreOptions) -> (f64, f64, f64) {
    let stream = crate::sample::stream(11, 360);
    let opts = StoreOptions::default();
    let mut gold: HashMap<i64, usize> = HashMap::new();
    for (i, chunk) in stream.chunks(40).enumerate() {
        let mut arts = Vec::new();
        for a in chunk {
            let got = dossier_ingest::ingest_input(&a.name, a.text.as_bytes(), &Default::default());
            assert!(got.errors.is_empty(), "{:?}", got.errors);
            arts.extend(got.articles.into_iter().map(|x| (x, a.event)));
        }
        let (arts, events): (Vec<Article>, Vec<usize>) = arts.into_iter().unzip();
        for (got, ev) in s.add_articles(&arts).unwrap().into_iter().zip(events) {
            gold.insert(got.id, ev);
        }
        let up = s.update_stories(&opts.digest).unwrap();
        if i >= 2 {
            // Incremental: fewer stories redone than exist. (The second
            // batch may touch them all: every event of the first is still
            // being reported.)
            let (_, stories) = s.counts().unwrap();
            assert!(up.updated.len() + up.created.len() < stories, "{up:?}");
        }
    }
    let incremental = labels(s);
    assert_eq!(incremental.len(), stream.len());
    s.regroup(&regroup_opts.digest).unwrap();
    let regrouped = labels(s);
    let agree = dossier_eval::bcubed::bcubed(&incremental, &regrouped).f1;
    let inc_gold = dossier_eval::bcubed::bcubed(&incremental, &gold).f1;
    let re_gold = dossier_eval::bcubed::bcubed(&regrouped, &gold).f1;
    eprintln!(
        "B-cubed F1: incremental vs regroup {agree:.3}, vs gold {inc_gold:.3} / {re_gold:.3}"
    );
    (agree, inc_gold, re_gold)
}

fn incremental_grouping_agrees_with_a_regroup_on_a_realistic_stream(mut s: Store) {
    let (agree, inc_gold, _) = agreement(&mut s, &StoreOptions::default());
    // A regression floor: measured 0.886 (vs gold 0.830 / 0.919) on this
    // short stream, whose first batches weigh words with few documents;
    // 0.962 on 2,000 articles in batches of 100 (`examples/agreement.rs`).
    // Before batches were weighted with the corpus's IDF: 0.63.
    assert!(agree >= 0.85, "incremental and regroup agree at {agree:.3}");
    assert!(inc_gold >= 0.8, "incremental vs the events: {inc_gold:.3}");
}

/// A corpus beyond the exact path's limit is regrouped through the index
/// and cut again exactly (`dossier_cluster`'s `recut.rs`); the limit is
/// lowered here so a short stream takes that path.
fn a_regroup_beyond_the_exact_limit_agrees_with_incremental_grouping(mut s: Store) {
    let mut large = StoreOptions::default();
    large.digest.cluster.exact_limit = 100;
    let (agree, _, re_gold) = agreement(&mut s, &large);
    // Measured 0.892, and 0.855 against the events; 0.821 and 0.740 when
    // the index weighed with running counts and its stories stood as built.
    assert!(agree >= 0.86, "incremental and regroup agree at {agree:.3}");
    assert!(re_gold >= 0.82, "regroup vs the events: {re_gold:.3}");
}

/// The store's behaviour on every backend: each test above runs once on a
/// fresh SQLite database in memory and once on a fresh PostgreSQL schema.
macro_rules! on_every_backend {
    ($($t:ident),* $(,)?) => {
        mod sqlite {
            $(#[test]
            fn $t() {
                super::$t(super::Store::open_in_memory().unwrap())
            })*
        }
        mod postgres {
            $(#[test]
            fn $t() {
                super::$t(crate::pg_test::fresh_store(stringify!($t)))
            })*
        }
    };
}

on_every_backend!(
    reingesting_the_same_content_is_a_no_op,
    stories_update_incrementally,
    a_stored_story_renders_with_valid_cites,
    search_and_filters_find_the_right_story,
    search_ignores_accents,
    bad_input_is_reported_and_nothing_stored_is_lost,
    articles_stored_before_a_crash_are_grouped_by_the_next_run,
    adding_articles_reads_only_the_stories_they_touch,
    an_article_bridging_two_stories_merges_them_and_the_old_id_points_on,
    regroup_keeps_ids_and_points_merged_away_ids_at_their_successor,
    incremental_grouping_agrees_with_a_regroup_on_a_realistic_stream,
    a_regroup_beyond_the_exact_limit_agrees_with_incremental_grouping,
    an_article_committed_after_a_later_id_was_grouped_is_still_grouped,
);
