//! `dossier`: the command line. A thin shell: parse flags, call the pipeline,
//! render, and map the outcome to an exit code (0 all good, 1 some inputs could
//! not be read, 2 the command itself failed).

mod eval_cmd;
mod serve_cmd;
mod store_cmd;
mod worker_cmd;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use dossier_ingest::IngestOptions;
use dossier_pipeline::DigestOptions;
use dossier_render::{json, TextOptions};

const GENERATOR: &str = concat!("dossier ", env!("CARGO_PKG_VERSION"));

#[derive(Parser)]
#[command(
    name = "dossier",
    version,
    about = "Turn a pile of news reports into a brief you can trust",
    long_about = "dossier reads news reports (text, HTML, JSON, JSON Lines, WARC, cluster files; gzipped or not), \
cleans them, groups them into stories, and writes for each story a cited summary, facts with independent-source \
counts, conflicts between sources, a timeline, entities and quotes.",
    after_help = "Examples:\n  dossier digest examples/corpus\n  dossier digest --format json reports/*.html > brief.json\n  dossier clean --format json page.html.gz\n  dossier ingest examples/corpus && dossier serve"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the whole pipeline and print the brief.
    #[command(
        after_help = "Examples:\n  dossier digest examples/corpus\n  dossier digest --format md --words 150 a.html b.txt > brief.md\n  dossier digest --format html examples/corpus > brief.html\n  cat report.txt | dossier digest --format json -"
    )]
    Digest {
        /// Files, folders (read recursively) or - for standard input.
        #[arg(required = true)]
        paths: Vec<String>,
        /// Output format; text on a terminal, json when piped.
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// Word budget of each story's summary.
        #[arg(long, default_value_t = dossier_synth::DEFAULT_WORDS)]
        words: usize,
        /// Keep the junk lines (comment widgets, footers...) that cleaning would remove.
        #[arg(long)]
        keep_junk: bool,
    },
    /// Ingest and clean only: print the extracted articles.
    #[command(
        after_help = "Examples:\n  dossier clean --format json page.html.gz\n  dossier clean --format text scraped/ | less"
    )]
    Clean {
        /// Files, folders (read recursively) or - for standard input.
        #[arg(required = true)]
        paths: Vec<String>,
        /// text: the cleaned articles; json: one dossier/1 Article per line.
        #[arg(long, value_enum)]
        format: Option<CleanFormat>,
        /// Keep the junk lines that cleaning would remove.
        #[arg(long)]
        keep_junk: bool,
    },
    /// Summarise benchmark cluster files: one {"id","summary"} line per cluster.
    #[command(
        after_help = "Example:\n  dossier summarize --clusters ../shared/data/multinews-dev.jsonl --words 250 > sys.jsonl"
    )]
    Summarize {
        /// JSON Lines, one {"id", "documents": [...]} cluster per line (gzip allowed).
        #[arg(long)]
        clusters: PathBuf,
        /// Word budget of each summary.
        #[arg(long, default_value_t = dossier_synth::DEFAULT_WORDS)]
        words: usize,
    },
    /// Measure quality against gold data; prints JSON.
    #[command(subcommand)]
    Eval(eval_cmd::EvalCommand),
    /// Read inputs into the corpus database and update its stories incrementally.
    Ingest(store_cmd::IngestArgs),
    /// Group every stored article into stories again, from scratch.
    Regroup(store_cmd::RegroupArgs),
    /// List the stories in the corpus database.
    Stories(store_cmd::StoriesArgs),
    /// Print one stored story (text, md, html, or dossier/1 json).
    Show(store_cmd::ShowArgs),
    /// Full-text search over the stored articles.
    Search(store_cmd::SearchArgs),
    /// Serve the local web app over the corpus database.
    Serve(serve_cmd::ServeArgs),
    /// Ingest inputs from the shared queue of a PostgreSQL database, until stopped.
    Worker(worker_cmd::WorkerArgs),
    /// The shared queue: counts by state, or the inputs that failed (--failed).
    Queue(worker_cmd::QueueArgs),
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Md,
    Json,
    /// A self-contained HTML report: sources side by side, highlighted citations, charts.
    Html,
}

#[derive(Clone, Copy, ValueEnum)]
enum CleanFormat {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("dossier: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Report unreadable inputs on stderr; the run goes on without them.
fn report_errors(errors: &[dossier_ingest::IngestError]) -> ExitCode {
    for e in errors {
        eprintln!("dossier: skipped {e}");
    }
    if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        eprintln!("dossier: {} input(s) could not be read", errors.len());
        ExitCode::from(1)
    }
}

fn write_out(s: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|()| out.flush()) {
        // A closed pipe (`dossier digest x | head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => r.context("writing to standard output"),
    }
}

fn terminal_options() -> TextOptions {
    let tty = std::io::stdout().is_terminal();
    let width = terminal_size::terminal_size()
        .map(|(w, _)| w.0 as usize)
        .or_else(|| std::env::var("COLUMNS").ok()?.parse().ok())
        .unwrap_or(100);
    TextOptions {
        color: tty && std::env::var_os("NO_COLOR").is_none(),
        width,
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Digest {
            paths,
            format,
            words,
            keep_junk,
        } => {
            let mut opts = DigestOptions::default();
            opts.ingest.keep_junk = keep_junk;
            // The brief lists every input, with what cleaning removed from it.
            opts.ingest.keep_emptied = true;
            opts.synth.words = words;
            let digest = dossier_pipeline::digest_paths(&paths, &opts);
            let code = report_errors(&digest.errors);
            let format = format.unwrap_or(if std::io::stdout().is_terminal() {
                Format::Text
            } else {
                Format::Json
            });
            let rendered = match format {
                Format::Text => dossier_render::render_text(&digest.brief, terminal_options()),
                Format::Md => dossier_render::render_markdown(&digest.brief),
                Format::Html => dossier_render::render_html(&digest.brief),
                Format::Json => {
                    let mut s = json::brief_to_json(&digest.brief, GENERATOR);
                    s.push('\n');
                    s
                }
            };
            write_out(&rendered)?;
            Ok(code)
        }
        Command::Clean {
            paths,
            format,
            keep_junk,
        } => {
            let opts = IngestOptions {
                keep_junk,
                ..IngestOptions::default()
            };
            let (mut articles, errors) = dossier_pipeline::clean_paths(&paths, &opts);
            let code = report_errors(&errors);
            let format = format.unwrap_or(if std::io::stdout().is_terminal() {
                CleanFormat::Text
            } else {
                CleanFormat::Json
            });
            let mut out = String::new();
            match format {
                CleanFormat::Json => {
                    for a in &mut articles {
                        a.sentences = dossier_analyze::sentences::split(&a.text);
                        out.push_str(&json::article_to_json_line(a));
                        out.push('\n');
                    }
                }
                CleanFormat::Text => {
                    for a in &articles {
                        out.push_str(&format!("==> {} <==\n", a.source));
                        for (k, v) in [
                            ("title", a.meta.title.clone()),
                            ("outlet", a.meta.outlet.clone()),
                            ("author", a.meta.author.clone()),
                            ("published", a.meta.published.map(|d| d.to_string())),
                            ("url", a.meta.url.clone()),
                        ] {
                            if let Some(v) = v {
                                out.push_str(&format!("{k}: {v}\n"));
                            }
                        }
                        out.push('\n');
                        out.push_str(&a.text);
                        out.push_str("\n\n");
                        for r in &a.removed {
                            out.push_str(&format!(
                                "  - removed ({}): {}\n",
                                r.reason.as_str(),
                                r.text
                            ));
                        }
                        out.push('\n');
                    }
                }
            }
            write_out(&out)?;
            Ok(code)
        }
        Command::Summarize { clusters, words } => {
            use rayon::prelude::*;
            let (records, bad) = dossier_ingest::clusters::read_clusters_lenient(&clusters)
                .with_context(|| format!("reading clusters from {}", clusters.display()))?;
            // A bad line is reported and skipped; the other clusters are summarised.
            let code = report_errors(&bad);
            let opts = IngestOptions::default();
            let lines: Vec<String> = records
                .par_iter()
                .map(|c| {
                    let summary = dossier_pipeline::summarize_documents(&c.documents, words, &opts);
                    serde_json::to_string(&json::ClusterSummary {
                        id: c.id.clone(),
                        summary,
                    })
                    .unwrap_or_default()
                })
                .collect();
            let mut out = lines.join("\n");
            out.push('\n');
            write_out(&out)?;
            Ok(code)
        }
        Command::Eval(cmd) => eval_cmd::run(cmd),
        Command::Ingest(args) => store_cmd::ingest(args),
        Command::Regroup(args) => store_cmd::regroup(args),
        Command::Stories(args) => store_cmd::stories(args),
        Command::Show(args) => store_cmd::show(args),
        Command::Search(args) => store_cmd::search(args),
        Command::Serve(args) => serve_cmd::run(args),
        Command::Worker(args) => worker_cmd::worker(args),
        Command::Queue(args) => worker_cmd::queue(args),
    }
}
