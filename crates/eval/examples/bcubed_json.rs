//! `cargo run -p dossier-eval --example bcubed_json < {"pred": {...}, "gold": {...}}`: B-cubed
//! scores and purity of a clustering given as two item -> label maps, for checking against
//! bcubed.py.

use std::collections::HashMap;
use std::io::Read;
use std::process::ExitCode;

#[derive(serde::Deserialize)]
struct Input {
    pred: HashMap<String, serde_json::Value>,
    gold: HashMap<String, serde_json::Value>,
}

fn main() -> ExitCode {
    let mut raw = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut raw) {
        eprintln!("{e}");
        return ExitCode::FAILURE;
    }
    let input: Input = match serde_json::from_str(&raw) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    // Labels of any JSON type compare by their JSON text.
    let label = |m: HashMap<String, serde_json::Value>| -> HashMap<String, String> {
        m.into_iter().map(|(k, v)| (k, v.to_string())).collect()
    };
    let (pred, gold) = (label(input.pred), label(input.gold));
    let prf = dossier_eval::bcubed::bcubed(&pred, &gold);
    let purity = dossier_eval::bcubed::purity(&pred, &gold);
    let inverse = dossier_eval::bcubed::purity(&gold, &pred);
    println!(
        "{}",
        serde_json::json!({"precision": prf.precision, "recall": prf.recall, "f1": prf.f1,
            "purity": purity, "inverse_purity": inverse})
    );
    ExitCode::SUCCESS
}
