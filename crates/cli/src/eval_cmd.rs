//! `dossier eval ...`: run dossier's stages over labelled data and score them
//! with the metrics of `dossier-eval`, which match the reference scorers.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::Subcommand;
use dossier_eval::{bcubed, rouge, wcxb};
use dossier_ingest::IngestOptions;
use dossier_model::{Article, ArticleId};
use rayon::prelude::*;
use serde::Deserialize;

#[derive(Subcommand)]
pub enum EvalCommand {
    /// ROUGE-1/2/L/Lsum F1 x100 of system summaries (as rouge_eval.py).
    #[command(
        after_help = "Example:\n  dossier summarize --clusters multinews-dev.jsonl --words 250 > sys.jsonl\n  dossier eval rouge multinews-dev.jsonl sys.jsonl"
    )]
    Rouge {
        /// Gold JSON Lines with {"id", "summary"}.
        gold: PathBuf,
        /// System JSON Lines with {"id", "summary"}.
        system: PathBuf,
    },
    /// WCXB word-bag F1 of main-text extraction, plus title, date and author accuracy.
    #[command(
        after_help = "Examples:\n  dossier eval extract --truth html-dev/ground-truth --html html-dev/html\n  dossier eval extract --truth html-dev/ground-truth --predictions clean.jsonl"
    )]
    Extract {
        /// Folder of WCXB ground-truth/*.json files.
        #[arg(long)]
        truth: PathBuf,
        /// Folder of pages (.html, .html.gz) to extract with dossier.
        #[arg(
            long,
            conflicts_with = "predictions",
            required_unless_present = "predictions"
        )]
        html: Option<PathBuf>,
        /// JSON Lines of dossier Article objects (from `dossier clean --format json`).
        #[arg(long)]
        predictions: Option<PathBuf>,
    },
    /// B-cubed precision/recall/F1 and purity of dossier's story grouping.
    #[command(
        after_help = "Examples:\n  dossier eval clusters ../shared/data/ecbplus-dev.jsonl\n  dossier eval clusters ../shared/data/multinews-dev.jsonl   # all documents mixed, gold = cluster id"
    )]
    Clusters {
        /// JSON Lines: {"id","story","text"} per article, or {"id","documents":[...]} per gold cluster.
        gold: PathBuf,
    },
}

pub fn run(cmd: EvalCommand) -> Result<ExitCode> {
    let report = match cmd {
        EvalCommand::Rouge { gold, system } => {
            serde_json::to_value(rouge::evaluate_files(&gold, &system)?)?
        }
        EvalCommand::Extract {
            truth,
            html,
            predictions,
        } => {
            let preds = match (html, predictions) {
                (Some(dir), _) => extract_dir(&dir)?,
                (None, Some(file)) => wcxb::load_predictions(&file)?,
                (None, None) => bail!("give --html DIR or --predictions FILE"),
            };
            serde_json::to_value(wcxb::evaluate(&truth, &preds)?)?
        }
        EvalCommand::Clusters { gold } => clusters(&gold)?,
    };
    println!("{}", serde_json::to_string(&report)?);
    Ok(ExitCode::SUCCESS)
}

fn extract_dir(dir: &Path) -> Result<HashMap<String, wcxb::PagePrediction>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let opts = IngestOptions::default();
    Ok(files
        .par_iter()
        .map(|p| {
            let source = p.display().to_string();
            let article = std::fs::read(p)
                .ok()
                .and_then(|bytes| dossier_ingest::ingest_bytes(&source, &bytes, &opts).ok())
                .and_then(|mut v| (!v.is_empty()).then(|| v.swap_remove(0)));
            let pred = match article {
                Some(a) => wcxb::PagePrediction {
                    text: a.text,
                    title: a.meta.title,
                    published: a.meta.published.map(|d| d.to_string()),
                    author: a.meta.author,
                },
                None => wcxb::PagePrediction::default(),
            };
            (wcxb::page_id(&source), pred)
        })
        .collect())
}

fn clusters(gold_file: &Path) -> Result<serde_json::Value> {
    #[derive(Deserialize)]
    struct Line {
        id: serde_json::Value,
        story: Option<serde_json::Value>,
        text: Option<String>,
        documents: Option<Vec<String>>,
    }
    let raw = std::fs::read_to_string(gold_file)
        .with_context(|| format!("reading {}", gold_file.display()))?;
    let opts = IngestOptions::default();
    let mut texts: Vec<(String, String)> = Vec::new(); // (gold label, text)
    for (n, line) in raw
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let l: Line = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: not a gold line", gold_file.display(), n + 1))?;
        let label = |v: &serde_json::Value| {
            v.as_str()
                .map(str::to_string)
                .unwrap_or_else(|| v.to_string())
        };
        match (l.documents, l.story, l.text) {
            (Some(docs), _, _) => texts.extend(docs.into_iter().map(|d| (label(&l.id), d))),
            (None, Some(story), Some(text)) => texts.push((label(&story), text)),
            _ => bail!(
                "{}:{}: needs \"documents\", or \"story\" and \"text\"",
                gold_file.display(),
                n + 1
            ),
        }
    }
    let mut articles: Vec<Article> = texts
        .par_iter()
        .enumerate()
        .map(|(i, (_, t))| {
            dossier_ingest::article_from_text(ArticleId(i), &format!("#{}", i + 1), t, &opts)
        })
        .collect();
    let started = std::time::Instant::now();
    dossier_pipeline::analyze_all(&mut articles);
    let cluster_opts = dossier_cluster::ClusterOptions::default();
    dossier_cluster::mark_copies(&mut articles, &cluster_opts);
    let groups = dossier_cluster::group_stories(&articles, &cluster_opts);
    let seconds = started.elapsed().as_secs_f64();
    let mut pred: HashMap<usize, usize> = HashMap::new();
    for (g, members) in groups.iter().enumerate() {
        for id in members {
            pred.insert(id.0, g);
        }
    }
    let gold: HashMap<usize, String> = texts
        .iter()
        .enumerate()
        .map(|(i, (l, _))| (i, l.clone()))
        .collect();
    let prf = bcubed::bcubed(&pred, &gold);
    let gold_stories: std::collections::HashSet<&String> = gold.values().collect();
    Ok(serde_json::json!({
        "articles": articles.len(),
        "gold_stories": gold_stories.len(),
        "stories": groups.len(),
        "precision": round4(prf.precision),
        "recall": round4(prf.recall),
        "f1": round4(prf.f1),
        "purity": round4(bcubed::purity(&pred, &gold)),
        "seconds": round4(seconds),
    }))
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}
