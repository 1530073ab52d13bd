//! Print a page's best-scoring candidate containers and its extracted text
//! (a development aid for tuning the extractor).
//!
//! usage: cargo run -p dossier-ingest --example debug_page -- PAGE.html[.gz]

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: debug_page PAGE");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
        use std::io::Read;
        let mut out = Vec::new();
        if let Err(e) = flate2::read::MultiGzDecoder::new(&bytes[..]).read_to_end(&mut out) {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
        out
    } else {
        bytes
    };
    let html = String::from_utf8_lossy(&bytes);
    print!("{}", dossier_ingest::html::debug_candidates(&html));
    let ex = dossier_ingest::html::extract_explained(&html);
    for (k, t) in &ex.date_candidates {
        println!("DATE\t{k}\t{t}");
    }
    for (k, t) in &ex.title_candidates {
        println!("TITLE\t{k}\t{t}");
    }
    println!("---- title {:?} published {:?}", ex.title, ex.published);
    println!("{}", ex.text);
}
