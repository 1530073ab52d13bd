//! `dossier ingest`, `regroup`, `stories`, `show` and `search`: the commands
//! over the corpus database (`dossier-store`).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use dossier_store::{Progress, Store, StoreOptions, HIT_END, HIT_START};

/// Where the database is.
#[derive(Args, Clone)]
pub struct DbArg {
    /// The database: an SQLite file, or a PostgreSQL URL (postgres://user@host:port/db)
    /// that several processes and machines can share. Default: $DOSSIER_DB, else
    /// $XDG_DATA_HOME/dossier/dossier.db, else ~/.local/share/dossier/dossier.db.
    #[arg(long, value_name = "PATH|URL")]
    pub db: Option<PathBuf>,
}

impl DbArg {
    pub fn path(&self) -> PathBuf {
        self.db
            .clone()
            .unwrap_or_else(dossier_store::default_db_path)
    }

    /// The PostgreSQL URL, when the database is one.
    fn url(&self) -> Option<String> {
        let p = self.path();
        p.to_str()
            .filter(|s| dossier_store::is_postgres_url(s))
            .map(str::to_string)
    }

    /// Open (a new SQLite file is created) the database.
    pub fn open(&self) -> Result<Store> {
        match self.url() {
            Some(url) => Store::open_postgres(&url).context("opening the PostgreSQL database"),
            None => {
                let path = self.path();
                Store::open(&path)
                    .with_context(|| format!("opening the database {}", path.display()))
            }
        }
    }

    /// Open an existing database; reading commands never create an SQLite file.
    pub fn open_existing(&self) -> Result<Store> {
        let path = self.path();
        if self.url().is_none() && !path.exists() {
            bail!(
                "no database at {}; run `dossier ingest PATH... --db {}` first",
                path.display(),
                path.display()
            );
        }
        self.open()
    }
}

#[derive(Args)]
#[command(
    after_help = "Examples:\n  dossier ingest examples/corpus\n  dossier ingest --db news.db reports/ more/*.html\n\nRe-ingesting an article already stored (same title and cleaned text) does nothing. New articles are grouped incrementally: each is compared only with the stories its strongest words lead to, and only the stories that gained articles are synthesised again. `dossier regroup` groups everything from scratch."
)]
pub struct IngestArgs {
    /// Files, folders (read recursively) or - for standard input.
    #[arg(required = true)]
    pub paths: Vec<String>,
    #[command(flatten)]
    pub db: DbArg,
    /// Input files per transaction.
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u32).range(1..))]
    pub batch_size: u32,
    /// Word budget of each story's summary.
    #[arg(long, default_value_t = dossier_synth::DEFAULT_WORDS)]
    pub words: usize,
    /// Keep the junk lines that cleaning would remove.
    #[arg(long)]
    pub keep_junk: bool,
    /// Only add the inputs to the shared queue of a PostgreSQL database, for
    /// `dossier worker`s to ingest.
    #[arg(long)]
    pub enqueue: bool,
}

#[derive(Args)]
#[command(
    after_help = "Examples:\n  dossier regroup\n  dossier regroup --db news.db\n\nStories keep their ids where they overlap the new grouping; the id of a story that went away then points at the story that took most of its articles (`dossier show` follows it)."
)]
pub struct RegroupArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Word budget of each story's summary.
    #[arg(long, default_value_t = dossier_synth::DEFAULT_WORDS)]
    pub words: usize,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Args)]
#[command(
    after_help = "Examples:\n  dossier stories\n  dossier stories --entity vellach --date 2031-06\n  dossier stories --search 'ceasefire talks' --format json"
)]
pub struct StoriesArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Only stories whose period overlaps this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub date: Option<String>,
    /// Only stories with an entity whose name or alias contains this.
    #[arg(long)]
    pub entity: Option<String>,
    /// Only stories with an article containing all these words.
    #[arg(long)]
    pub search: Option<String>,
    /// At most this many stories.
    #[arg(long)]
    pub limit: Option<usize>,
    /// text on a terminal, json when piped.
    #[arg(long, value_enum)]
    pub format: Option<ListFormat>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ShowFormat {
    Text,
    Md,
    Json,
    /// The self-contained HTML report of the story.
    Html,
}

#[derive(Args)]
#[command(
    after_help = "Examples:\n  dossier show s1\n  dossier show s3 --format md > story.md\n  dossier show s3 --format html > story.html"
)]
pub struct ShowArgs {
    /// The story: s1, s2... as `dossier stories` lists them.
    pub story: String,
    #[command(flatten)]
    pub db: DbArg,
    /// text on a terminal, json (a dossier/1 document of the story and its articles) when piped.
    #[arg(long, value_enum)]
    pub format: Option<ShowFormat>,
}

#[derive(Args)]
#[command(
    after_help = "Examples:\n  dossier search harbour strike\n  dossier search 'dock*' --format json"
)]
pub struct SearchArgs {
    /// Words that must all occur (a word ending in * matches as a prefix).
    #[arg(required = true)]
    pub query: Vec<String>,
    #[command(flatten)]
    pub db: DbArg,
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// text on a terminal, json when piped.
    #[arg(long, value_enum)]
    pub format: Option<ListFormat>,
}

fn list_format(f: Option<ListFormat>) -> ListFormat {
    f.unwrap_or(if std::io::stdout().is_terminal() {
        ListFormat::Text
    } else {
        ListFormat::Json
    })
}

pub fn ingest(args: IngestArgs) -> Result<ExitCode> {
    let mut opts = StoreOptions::default();
    opts.digest.ingest.keep_junk = args.keep_junk;
    opts.digest.synth.words = args.words;
    opts.batch_size = args.batch_size as usize;
    if args.enqueue {
        return crate::worker_cmd::enqueue(&args.db, &args.paths, &opts);
    }
    let mut store = args.db.open()?;
    let name = store.name().to_string();

    let bar = indicatif::ProgressBar::hidden();
    if std::io::stderr().is_terminal() {
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    }
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} files  {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    let mut on_progress = |p: Progress| match p {
        Progress::Listed { files } => bar.set_length(files as u64),
        Progress::Read { .. } => bar.inc(1),
        Progress::Committed { articles } => bar.set_message(format!("{articles} new articles")),
        Progress::Stories => bar.set_message("updating stories"),
    };
    let report = store
        .ingest_paths(&args.paths, &opts, &mut on_progress)
        .with_context(|| format!("ingesting into {name}"))?;
    bar.finish_and_clear();

    let code = crate::report_errors(&report.errors);
    let (articles, stories) = store.counts()?;
    let mut out = format!(
        "{} new article(s), {} already stored, {} input(s) skipped\n",
        report.added.len(),
        report.existing.len(),
        report.errors.len()
    );
    if let Some(u) = &report.stories {
        out.push_str(&story_line(u));
    }
    out.push_str(&format!(
        "{name}: {articles} article(s), {stories} story(ies)\n"
    ));
    crate::write_out(&out)?;
    Ok(code)
}

fn story_line(u: &dossier_store::StoryUpdate) -> String {
    format!(
        "stories: {} new, {} updated, {} unchanged, {} merged away\n",
        u.created.len(),
        u.updated.len(),
        u.kept,
        u.removed.len()
    )
}

pub fn regroup(args: RegroupArgs) -> Result<ExitCode> {
    let mut store = args.db.open_existing()?;
    let mut opts = dossier_pipeline::DigestOptions::default();
    opts.synth.words = args.words;
    let u = store
        .regroup(&opts)
        .with_context(|| format!("regrouping {}", store.name()))?;
    let (articles, stories) = store.counts()?;
    crate::write_out(&format!(
        "{}{}: {articles} article(s), {stories} story(ies)\n",
        story_line(&u),
        store.name()
    ))?;
    Ok(ExitCode::SUCCESS)
}

pub fn stories(args: StoriesArgs) -> Result<ExitCode> {
    let store = args.db.open_existing()?;
    let rows = store.stories(&dossier_store::StoryFilter {
        date: args.date,
        entity: args.entity,
        query: args.search,
        limit: args.limit,
    })?;
    let out = match list_format(args.format) {
        ListFormat::Json => {
            let mut s = serde_json::to_string_pretty(&rows)?;
            s.push('\n');
            s
        }
        ListFormat::Text => {
            let mut s = String::new();
            for r in &rows {
                let period = match (&r.period_from, &r.period_to) {
                    (Some(f), Some(t)) if f == t => f.clone(),
                    (Some(f), Some(t)) => format!("{f} – {t}"),
                    _ => "undated".into(),
                };
                s.push_str(&format!(
                    "{:>5}  {:>3} art.  {:<23}  {}\n",
                    r.id, r.articles, period, r.headline
                ));
            }
            if rows.is_empty() {
                s.push_str("no stories\n");
            }
            s
        }
    };
    crate::write_out(&out)?;
    Ok(ExitCode::SUCCESS)
}

pub fn show(args: ShowArgs) -> Result<ExitCode> {
    let store = args.db.open_existing()?;
    let Some(asked) = dossier_store::parse_story_ref(&args.story) else {
        bail!("{:?} is not a story id (s1, s2, ...)", args.story);
    };
    // A story merged into another answers with its successor.
    let row = store.current_story(asked)?.unwrap_or(asked);
    if row != asked {
        eprintln!("dossier: s{asked} was merged into s{row}");
    }
    let format = args.format.unwrap_or(if std::io::stdout().is_terminal() {
        ShowFormat::Text
    } else {
        ShowFormat::Json
    });
    let out = match format {
        ShowFormat::Json => {
            let Some(doc) = store.story_document(row, crate::GENERATOR)? else {
                bail!("no story s{row} in {}", store.name());
            };
            let mut s = serde_json::to_string_pretty(&doc)?;
            s.push('\n');
            s
        }
        ShowFormat::Text | ShowFormat::Md | ShowFormat::Html => {
            let Some(brief) = store.story_brief(row)? else {
                bail!("no story s{row} in {}", store.name());
            };
            match format {
                ShowFormat::Md => dossier_render::render_markdown(&brief),
                ShowFormat::Html => {
                    let title = brief
                        .stories
                        .first()
                        .map_or_else(|| format!("s{row}"), |s| s.headline.clone());
                    dossier_render::render_html_with(&brief, &dossier_render::HtmlOptions { title })
                }
                _ => dossier_render::render_text(&brief, crate::terminal_options()),
            }
        }
    };
    crate::write_out(&out)?;
    Ok(ExitCode::SUCCESS)
}

pub fn search(args: SearchArgs) -> Result<ExitCode> {
    let store = args.db.open_existing()?;
    let q = args.query.join(" ");
    let hits = store.search(&q, args.limit)?;
    let out = match list_format(args.format) {
        ListFormat::Json => {
            let plain: Vec<_> = hits
                .into_iter()
                .map(|mut h| {
                    h.snippet = h.snippet.replace([HIT_START, HIT_END], "");
                    h
                })
                .collect();
            let mut s = serde_json::to_string_pretty(&plain)?;
            s.push('\n');
            s
        }
        ListFormat::Text => {
            let mut s = String::new();
            for h in &hits {
                let title = h.title.as_deref().unwrap_or(&h.source);
                let outlet = h.outlet.as_deref().unwrap_or("");
                s.push_str(&format!(
                    "{:>5}  {}  {}  [{}]\n       {}\n",
                    h.article,
                    title,
                    outlet,
                    h.stories.join(" "),
                    h.snippet
                        .replace(HIT_START, "[")
                        .replace(HIT_END, "]")
                        .replace('\n', " ")
                ));
            }
            if hits.is_empty() {
                s.push_str("no matches\n");
            }
            s
        }
    };
    crate::write_out(&out)?;
    Ok(ExitCode::SUCCESS)
}
