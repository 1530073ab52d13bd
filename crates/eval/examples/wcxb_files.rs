//! `cargo run -p dossier-eval --example wcxb_files -- GT_DIR PREDICTIONS`: the WCXB report
//! (`wcxb_f1.py GT_DIR PREDICTIONS` plus title/date accuracy) as JSON. PREDICTIONS is
//! trafilatura_extract.py's `{id: {"articleBody": ...}}` or dossier article JSON Lines.

use std::path::Path;
use std::process::ExitCode;

use dossier_eval::wcxb;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [gt, preds] = args.as_slice() else {
        eprintln!("usage: wcxb_files GT_DIR PREDICTIONS");
        return ExitCode::from(2);
    };
    let report =
        wcxb::load_predictions(Path::new(preds)).and_then(|p| wcxb::evaluate(Path::new(gt), &p));
    match report {
        Ok(r) => {
            println!("{}", serde_json::to_string(&r).unwrap_or_default());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
