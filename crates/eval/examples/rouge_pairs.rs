//! `cargo run -p dossier-eval --example rouge_pairs -- GOLD.jsonl SYSTEM.jsonl`: per-id
//! precision/recall/F1 of every variant at full precision (scored as rouge_eval.py does, with
//! `. ` -> `.\n`), plus the LongBench figure, one JSON line per id, for diffing against Python.

use std::collections::HashMap;
use std::path::Path;
use std::process::ExitCode;

fn lines(path: &str) -> Result<Vec<serde_json::Value>, String> {
    let raw = std::fs::read_to_string(Path::new(path)).map_err(|e| format!("{path}: {e}"))?;
    raw.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).map_err(|e| format!("{path}: {e}")))
        .collect()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [gold, system] = args.as_slice() else {
        eprintln!("usage: rouge_pairs GOLD.jsonl SYSTEM.jsonl");
        return ExitCode::from(2);
    };
    let (gold, system) = match (lines(gold), lines(system)) {
        (Ok(g), Ok(s)) => (g, s),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let text = |v: &serde_json::Value, k: &str| {
        v.get(k).and_then(|s| s.as_str()).unwrap_or("").to_string()
    };
    let sys: HashMap<String, String> = system
        .iter()
        .map(|v| (text(v, "id"), text(v, "summary")))
        .collect();
    for g in &gold {
        let id = text(g, "id");
        let hyp = sys.get(&id).cloned().unwrap_or_default();
        let d = dossier_eval::rouge::score_detail(&text(g, "summary"), &hyp.replace(". ", ".\n"));
        let lb = dossier_eval::rouge::longbench_rouge_l(&text(g, "summary"), &hyp);
        println!(
            "{}",
            serde_json::json!({"id": id, "scores": d, "longbench": lb})
        );
    }
    ExitCode::SUCCESS
}
