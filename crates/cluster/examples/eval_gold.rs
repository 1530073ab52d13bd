//! Measure story grouping on a gold file (ECB+ `{"id","topic","story","text"}` lines or
//! Multi-News `{"id","documents"}` lines), overall and on the odd and even topics
//! separately, so thresholds tuned on one half can be reported on the other.
//!
//! `cargo run --release -p dossier-cluster --example eval_gold -- FILE [--dump]`
//! Options are `ClusterOptions::default()`, each overridable for threshold sweeps
//! by an environment variable named after the field in capitals with a `DC_`
//! prefix (`DC_MERGE_SIMILARITY=0.2`).

use std::collections::HashMap;

use dossier_analyze::Pipeline;
use dossier_cluster::{group_stories, mark_copies, ClusterOptions};
use dossier_ingest::IngestOptions;
use dossier_model::{Article, ArticleId};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: eval_gold FILE [--dump]");
        std::process::exit(2);
    };
    let raw = match std::fs::read_to_string(path) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("eval_gold: reading {path}: {e}");
            std::process::exit(2);
        }
    };
    // (topic, gold story, text)
    let mut rows: Vec<(String, String, String)> = Vec::new();
    for (n, line) in raw
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let v: serde_json::Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("eval_gold: {path}:{}: {e}", n + 1);
                std::process::exit(2);
            }
        };
        let s = |k: &str| {
            v.get(k).map(|x| {
                x.as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| x.to_string())
            })
        };
        if let Some(docs) = v.get("documents").and_then(|d| d.as_array()) {
            let id = s("id").unwrap_or_default();
            for d in docs {
                rows.push((id.clone(), id.clone(), d.as_str().unwrap_or("").to_string()));
            }
        } else {
            rows.push((
                s("topic").unwrap_or_default(),
                s("story").unwrap_or_default(),
                s("text").unwrap_or_default(),
            ));
        }
    }
    let opts = IngestOptions::default();
    let pipeline = Pipeline::standard();
    let mut arts: Vec<Article> = rows
        .iter()
        .enumerate()
        .map(|(i, (_, _, t))| {
            let mut a =
                dossier_ingest::article_from_text(ArticleId(i), &format!("#{}", i + 1), t, &opts);
            pipeline.run(&mut a);
            a
        })
        .collect();
    let copts = options_from_env();
    let t = std::time::Instant::now();
    mark_copies(&mut arts, &copts);
    eprintln!(
        "copies: {} marked duplicate_of, {} with relays",
        arts.iter().filter(|a| a.duplicate_of.is_some()).count(),
        arts.iter().filter(|a| !a.relays.is_empty()).count()
    );
    if args.iter().any(|a| a == "--dump") {
        for (a, (topic, story, _)) in arts.iter().zip(&rows) {
            let times: Vec<String> = a
                .times
                .iter()
                .map(|t| format!("{}{}", t.date, if t.inferred { "?" } else { "" }))
                .collect();
            let ments: Vec<String> = a
                .mentions
                .iter()
                .map(|m| format!("{}:{}", &m.kind.as_str()[..2], a.text_of(m.span)))
                .collect();
            let qs: Vec<String> = a
                .quantities
                .iter()
                .map(|q| format!("{}:{}", q.value, q.counted.as_deref().unwrap_or("")))
                .collect();
            println!(
                "{topic} {story} {} | T {times:?} | M {ments:?} | Q {qs:?}",
                a.id
            );
        }
    }
    let score = |keep: &dyn Fn(&str) -> bool| {
        let sub: Vec<Article> = arts
            .iter()
            .zip(&rows)
            .filter(|(_, r)| keep(&r.0))
            .map(|(a, _)| a.clone())
            .collect();
        let groups = group_stories(&sub, &copts);
        let mut pred = HashMap::new();
        for (g, m) in groups.iter().enumerate() {
            for id in m {
                pred.insert(id.0, g);
            }
        }
        let gold: HashMap<usize, String> = sub
            .iter()
            .map(|a| (a.id.0, rows[a.id.0].1.clone()))
            .collect();
        if std::env::var("DC_ERRORS").is_ok() {
            for m in &groups {
                let mut comp: HashMap<&str, usize> = HashMap::new();
                for id in m {
                    *comp.entry(rows[id.0].1.as_str()).or_default() += 1;
                }
                let mut c: Vec<_> = comp.into_iter().collect();
                c.sort();
                eprintln!("cluster {:?}", c);
            }
        }
        let prf = dossier_eval::bcubed::bcubed(&pred, &gold);
        let pur = dossier_eval::bcubed::purity(&pred, &gold);
        format!(
            "n {} stories {} P {:.4} R {:.4} F1 {:.4} purity {:.4}",
            sub.len(),
            groups.len(),
            prf.precision,
            prf.recall,
            prf.f1,
            pur
        )
    };
    let odd = |t: &str| t.parse::<u32>().map(|x| x % 2 == 1).unwrap_or(false);
    println!("all   {}", score(&|_| true));
    println!("odd   {}", score(&|t| odd(t)));
    println!("even  {}", score(&|t| !odd(t)));
    eprintln!("seconds {:.3}", t.elapsed().as_secs_f64());
}

fn options_from_env() -> ClusterOptions {
    let mut o = ClusterOptions::default();
    let f = |k: &str, v: &mut f32| {
        if let Some(x) = std::env::var(k).ok().and_then(|x| x.parse().ok()) {
            *v = x;
        }
    };
    let i = |k: &str, v: &mut i64| {
        if let Some(x) = std::env::var(k).ok().and_then(|x| x.parse().ok()) {
            *v = x;
        }
    };
    f("DC_MERGE_SIMILARITY", &mut o.merge_similarity);
    f("DC_NAME_WEIGHT", &mut o.name_weight);
    f("DC_DATE_BONUS", &mut o.date_bonus);
    f("DC_DATE_PENALTY", &mut o.date_penalty);
    f("DC_NUMBER_BONUS", &mut o.number_bonus);
    f("DC_DUPLICATE_JACCARD", &mut o.duplicate_jaccard);
    f("DC_SPLIT_SIMILARITY", &mut o.split_similarity);
    f("DC_SPLIT_FLOOR", &mut o.split_floor);
    f("DC_STREAM_SIMILARITY", &mut o.stream_similarity);
    f("DC_LEDE_WEIGHT", &mut o.lede_weight);
    f("DC_LEAD_PENALTY", &mut o.lead_penalty);
    f("DC_ATTACH_SIMILARITY", &mut o.attach_similarity);
    if let Some(x) = std::env::var("DC_LEDE_WORDS")
        .ok()
        .and_then(|x| x.parse().ok())
    {
        o.lede_words = x;
    }
    i("DC_DATE_SLACK_DAYS", &mut o.date_slack_days);
    i("DC_DATE_CONFLICT_DAYS", &mut o.date_conflict_days);
    i("DC_MAX_DAY_GAP", &mut o.max_day_gap);
    if let Some(x) = std::env::var("DC_EXACT_LIMIT")
        .ok()
        .and_then(|x| x.parse().ok())
    {
        o.exact_limit = x;
    }
    o
}
