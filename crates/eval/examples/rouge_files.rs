//! `cargo run -p dossier-eval --example rouge_files -- GOLD.jsonl SYSTEM.jsonl`: the report of
//! `rouge_eval.py GOLD SYSTEM`, as JSON, for checking parity with the reference scorer.

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [gold, system] = args.as_slice() else {
        eprintln!("usage: rouge_files GOLD.jsonl SYSTEM.jsonl");
        return ExitCode::from(2);
    };
    match dossier_eval::rouge::evaluate_files(Path::new(gold), Path::new(system)) {
        Ok(report) => match serde_json::to_string(&report) {
            Ok(s) => {
                println!("{s}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        },
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
