//! Print every page's chosen title and date with all candidates the page
//! offers, one JSON line per page (a development aid for the title and date
//! rules).
//!
//! usage: cargo run --release -p dossier-ingest --example meta_dump -- DIR > meta.jsonl

use std::io::Read;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: meta_dump DIR");
        std::process::exit(2);
    };
    let mut files: Vec<_> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd.flatten().map(|e| e.path()).collect(),
        Err(e) => {
            eprintln!("{dir}: {e}");
            std::process::exit(1);
        }
    };
    files.sort();
    for f in &files {
        let Ok(bytes) = std::fs::read(f) else {
            continue;
        };
        let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
            let mut out = Vec::new();
            if flate2::read::MultiGzDecoder::new(&bytes[..])
                .read_to_end(&mut out)
                .is_err()
            {
                continue;
            }
            out
        } else {
            bytes
        };
        let declared = dossier_ingest::decode::html_declared_charset(&bytes);
        let html = dossier_ingest::decode::decode(&bytes, declared.as_deref());
        let ex = dossier_ingest::html::extract_explained(&html);
        let line = serde_json::json!({
            "source": f.file_name().map(|n| n.to_string_lossy().into_owned()),
            "title": ex.title,
            "published": ex.published.map(|d| d.to_string()),
            "titles": ex.title_candidates,
            "dates": ex.date_candidates,
        });
        println!("{line}");
    }
}
