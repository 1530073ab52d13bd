//! Scale benchmark of incremental story grouping: a stream of N generated
//! articles fed one by one to a [`StoryIndex`], reporting throughput, stories
//! and B-cubed agreement with the generated events. Driven by
//! `scripts/bench-cluster-scale.sh`, which also measures peak memory.
//!
//! `cargo run --release -p dossier-cluster --example scale -- N [SOURCE.jsonl] [--pile]`
//!
//! With `--pile`, the same articles are grouped from scratch as one pile
//! through `group_stories`' path for large piles (the index weighed with the
//! pile's frequencies, then each story cut again exactly), as `dossier
//! regroup` and `dossier digest` group piles beyond `exact_limit`.
//!
//! Articles go in batches of 1,024 through [`StoryIndex::add_batch`] with as
//! many scan threads as the machine has cores (`SCALE_THREADS` overrides).
//!
//! Articles are perturbed copies of real documents when a Multi-News style file
//! (`{"documents": [...]}` per line) is given, else of invented template text.
//! Each generated event takes one source document group and renames its
//! capitalised words (actors, places) with invented names of its own, so many
//! events look alike in vocabulary and differ only in names, like look-alike
//! news events. Each article of an event drops ~10% of words, swaps ~5% of
//! neighbours and is cut to at most 500 words. An event's articles arrive
//! within a window of ~2,000 stream positions, as news does.

use std::collections::HashMap;
use std::time::Instant;

use dossier_cluster::{ClusterOptions, StoryIndex};
use dossier_model::{Article, ArticleId};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*: fast, deterministic, good enough to perturb text.
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const SYL: [&str; 24] = [
    "ka", "lo", "mer", "vin", "tas", "dor", "el", "bri", "zu", "an", "fel", "or", "quo", "ren",
    "sa", "til", "ve", "mon", "gra", "hu", "is", "pel", "ro", "wen",
];

fn invented_name(mut h: u64) -> String {
    let mut s = String::new();
    for _ in 0..3 {
        s.push_str(SYL[(h % SYL.len() as u64) as usize]);
        h /= SYL.len() as u64;
    }
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => s,
    }
}

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn fnv(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn sources(path: Option<&String>) -> Vec<Vec<Vec<String>>> {
    let split = |t: &str| -> Vec<String> { t.split_whitespace().map(str::to_string).collect() };
    if let Some(p) = path {
        match std::fs::read_to_string(p) {
            Ok(raw) => {
                let mut out = Vec::new();
                for line in raw.lines() {
                    let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                        continue;
                    };
                    let docs: Vec<Vec<String>> = v
                        .get("documents")
                        .and_then(|d| d.as_array())
                        .map(|a| {
                            a.iter()
                                .filter_map(|d| d.as_str())
                                .map(|d| split(&d.replace("NEWLINE_CHAR", " ")))
                                .filter(|w| w.len() > 20)
                                .collect()
                        })
                        .unwrap_or_default();
                    if !docs.is_empty() {
                        out.push(docs);
                    }
                }
                if !out.is_empty() {
                    return out;
                }
                eprintln!("scale: no documents in {p}; using invented text");
            }
            Err(e) => eprintln!("scale: reading {p}: {e}; using invented text"),
        }
    }
    let words = [
        "council", "river", "vote", "storm", "court", "market", "strike", "fire", "bridge",
        "election", "police", "hospital", "school", "budget", "factory", "harbour", "rail",
        "minister", "village", "crowd", "report", "damage", "workers", "farmers", "prices",
    ];
    let mut rng = Rng(7);
    (0..100)
        .map(|_| {
            (0..3)
                .map(|_| {
                    (0..400)
                        .map(|k| {
                            if k % 9 == 0 {
                                invented_name(rng.next())
                            } else {
                                words[rng.below(words.len() as u64) as usize].to_string()
                            }
                        })
                        .collect()
                })
                .collect()
        })
        .collect()
}

fn generate(src: &[Vec<Vec<String>>], event: u64, rng: &mut Rng, out: &mut String) {
    out.clear();
    let group = &src[(mix(event) % src.len() as u64) as usize];
    let doc = &group[rng.below(group.len() as u64) as usize];
    let mut n = 0;
    let mut prev_end = true;
    let mut held: Option<&str> = None;
    for w in doc {
        if n >= 500 {
            break;
        }
        if rng.below(10) == 0 {
            continue;
        }
        let cap = w.chars().next().is_some_and(char::is_uppercase);
        let renamed: String;
        let word: &str = if cap && !prev_end {
            // The event's own actors and places: a stable renaming per event.
            renamed = invented_name(mix(fnv(w) ^ mix(event)));
            &renamed
        } else {
            w
        };
        prev_end = w.ends_with(['.', '!', '?']);
        if held.is_none() && rng.below(20) == 0 {
            held = Some(w);
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
        if let Some(h) = held.take() {
            out.push(' ');
            out.push_str(h);
        }
        n += 1;
    }
}

/// `--pile`: every article generated first, then grouped at once.
fn pile(n: usize, src: &[Vec<Vec<String>>]) {
    let mut rng = Rng(0x5eed);
    let mut text = String::new();
    let mut all = Vec::with_capacity(n);
    let mut gold: HashMap<usize, u32> = HashMap::with_capacity(n);
    for i in 0..n {
        let event = (i as u64 + rng.below(2000)) / 8;
        generate(src, event, &mut rng, &mut text);
        all.push(Article::new(ArticleId(i), "gen", text.clone()));
        gold.insert(i, event as u32);
    }
    let opts = ClusterOptions {
        exact_limit: 0,
        ..ClusterOptions::default()
    };
    let start = Instant::now();
    let groups = dossier_cluster::group_stories(&all, &opts);
    let secs = start.elapsed().as_secs_f64();
    let mut pred: HashMap<usize, usize> = HashMap::with_capacity(n);
    for (k, g) in groups.iter().enumerate() {
        for a in g {
            pred.insert(a.0, k);
        }
    }
    let prf = dossier_eval::bcubed::bcubed(&pred, &gold);
    println!(
        "{}",
        serde_json::json!({
            "articles": n,
            "mode": "pile",
            "stories": groups.len(),
            "cluster_s": (secs * 1000.0).round() / 1000.0,
            "cluster_articles_per_s": (n as f64 / secs).round(),
            "bcubed_precision": (prf.precision * 1e4).round() / 1e4,
            "bcubed_recall": (prf.recall * 1e4).round() / 1e4,
            "bcubed_f1": (prf.f1 * 1e4).round() / 1e4,
        })
    );
}

fn main() {
    let all_args: Vec<String> = std::env::args().skip(1).collect();
    let as_pile = all_args.iter().any(|a| a == "--pile");
    let args: Vec<String> = all_args.into_iter().filter(|a| a != "--pile").collect();
    let n: usize = args.first().and_then(|x| x.parse().ok()).unwrap_or(10_000);
    let src = sources(args.get(1));
    if as_pile {
        pile(n, &src);
        return;
    }
    let mut rng = Rng(0x5eed);
    let mut idx = StoryIndex::new(ClusterOptions::default());
    let mut pred: Vec<u32> = Vec::with_capacity(n);
    let mut gold: Vec<u32> = Vec::with_capacity(n);
    let mut text = String::new();
    let (mut gen_s, mut add_s) = (0.0f64, 0.0f64);
    let threads = std::env::var("SCALE_THREADS")
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let start = Instant::now();
    let mut batch: Vec<Article> = Vec::with_capacity(1024);
    let mut i = 0;
    while i < n {
        let t0 = Instant::now();
        batch.clear();
        while batch.len() < 1024 && i < n {
            let event = (i as u64 + rng.below(2000)) / 8;
            generate(&src, event, &mut rng, &mut text);
            batch.push(Article::new(ArticleId(i), "gen", text.clone()));
            gold.push(event as u32);
            i += 1;
        }
        let t1 = Instant::now();
        let ids = idx.add_batch(&batch, threads);
        let t2 = Instant::now();
        gen_s += (t1 - t0).as_secs_f64();
        add_s += (t2 - t1).as_secs_f64();
        pred.extend(ids.iter().map(|s| s.0 as u32));
        if i % 102_400 == 0 {
            eprintln!(
                "  {} articles, {} stories, {:.0} articles/s clustering",
                i,
                idx.len(),
                i as f64 / add_s
            );
        }
    }
    let wall = start.elapsed().as_secs_f64();
    let p: HashMap<usize, u32> = pred.iter().copied().enumerate().collect();
    let g: HashMap<usize, u32> = gold.iter().copied().enumerate().collect();
    let prf = dossier_eval::bcubed::bcubed(&p, &g);
    let events: std::collections::HashSet<u32> = gold.iter().copied().collect();
    println!(
        "{}",
        serde_json::json!({
            "articles": n,
            "threads": threads,
            "events": events.len(),
            "stories": idx.len(),
            "generate_s": (gen_s * 1000.0).round() / 1000.0,
            "cluster_s": (add_s * 1000.0).round() / 1000.0,
            "wall_s": (wall * 1000.0).round() / 1000.0,
            "cluster_articles_per_s": (n as f64 / add_s).round(),
            "wall_articles_per_s": (n as f64 / wall).round(),
            "bcubed_precision": (prf.precision * 1e4).round() / 1e4,
            "bcubed_recall": (prf.recall * 1e4).round() / 1e4,
            "bcubed_f1": (prf.f1 * 1e4).round() / 1e4,
        })
    );
}
