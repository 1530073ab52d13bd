//! Time ingestion of a generated ~50 MB page (a development aid for keeping
//! the hot paths fast in debug builds too).

fn main() {
    let para = "<p>Rescue teams worked through the night to reach the villages cut off by the landslide, officials said.</p>\n";
    let mut page = String::from("<html><head><title>Big</title></head><body><article>");
    while page.len() < 50 << 20 {
        page.push_str(para);
    }
    page.push_str("</article></body></html>");
    let t = std::time::Instant::now();
    let doc = scraper::Html::parse_document(&page);
    eprintln!("parse only {:?}", t.elapsed());
    drop(doc);
    let t = std::time::Instant::now();
    let r = dossier_ingest::ingest_bytes("big.html", page.as_bytes(), &Default::default());
    eprintln!(
        "ingest {:?} ({} bytes of text)",
        t.elapsed(),
        r.map(|a| a[0].text.len()).unwrap_or(0)
    );
}
