//! End-to-end tests of ingestion on invented fixtures: every format, every
//! failure mode, and the junk-line cleaning of a whole report.

use std::io::Write;
use std::path::PathBuf;

use dossier_ingest::clean::clean_text;
use dossier_ingest::clusters::read_clusters;
use dossier_ingest::{
    article_from_text, ingest_bytes, ingest_input, ingest_paths, ErrorKind, IngestOptions,
};
use dossier_model::{Article, ArticleId, JunkReason};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data/ingest")
        .join(name)
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).expect("fixture exists")
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn one(source: &str, bytes: &[u8]) -> Article {
    let mut arts = ingest_bytes(source, bytes, &IngestOptions::default()).expect("ingests");
    assert_eq!(arts.len(), 1, "{source}");
    let a = arts.remove(0);
    a.check_spans().expect("valid spans");
    a
}

fn reasons(a: &Article) -> Vec<(&str, &'static str)> {
    a.removed
        .iter()
        .map(|r| (r.text.as_str(), r.reason.as_str()))
        .collect()
}

#[test]
fn html_page_gives_main_text_and_metadata() {
    let a = one("reports/report.html", &read("report.html"));
    let paras: Vec<&str> = a.text.split("\n\n").collect();
    assert_eq!(
        paras,
        vec![
            "Karsby footbridge reopens after flood repairs",
            "The wooden footbridge over the River Lenn at Karsby reopened on Saturday, five months after floodwater tore away two of its supports.",
            "Engineers replaced the damaged piers with concrete footings and raised the deck by forty centimetres, the county council said in a statement.",
            "Residents return to the riverside path",
            "Dozens of walkers crossed within the first hour, and several shopkeepers on the east bank said trade had fallen by half while the bridge was shut.",
            "“We have waited all winter for this, and it feels like the town has been stitched back together,” said Mara Linde, who runs the bakery by the crossing.",
            "The repairs cost £410,000, of which the national flood fund paid about two thirds.",
            "The bridge is open from 6am to 10pm.",
            "Cyclists are asked to dismount while crossing.",
        ]
    );
    assert_eq!(
        a.title_span.map(|s| a.text_of(s)),
        Some("Karsby footbridge reopens after flood repairs")
    );
    assert_eq!(
        a.meta.title.as_deref(),
        Some("Karsby footbridge reopens after flood repairs")
    );
    assert_eq!(a.meta.outlet.as_deref(), Some("The Northfield Ledger"));
    assert_eq!(a.meta.author.as_deref(), Some("Petra Vos"));
    assert_eq!(
        a.meta.published.map(|d| d.to_string()).as_deref(),
        Some("2021-03-14")
    );
    assert_eq!(
        a.meta.url.as_deref(),
        Some("https://ledger.example/2021/03/14/karsby-footbridge-reopens")
    );
    assert_eq!(a.meta.language, "en");
    assert!(!a.text.contains("hidden paragraph"));
    assert!(!a.text.contains("garden hoses"));
    assert!(!a.text.contains("about time too"));
    assert_eq!(a.source, "reports/report.html");
}

#[test]
fn gzipped_html_is_detected_by_content() {
    let a = one("page.bin", &gz(&read("report.html")));
    assert!(a.text.starts_with("Karsby footbridge reopens"));
}

#[test]
fn windows_1252_page_decodes_right() {
    let a = one("page-windows-1252.html", &read("page-windows-1252.html"));
    assert_eq!(
        a.text,
        "The owners of the Café Rosée on Quay Street said the storm surge left “three inches of mud” across the floor, and that repairs would cost £12,000.\n\n\
         “We will reopen,” said the manager, who asked not to be named — “but not before the spring.”"
    );
    assert_eq!(a.meta.title.as_deref(), Some("Café owners count the cost"));
}

#[test]
fn latin1_declared_page_decodes_as_windows_1252() {
    let page = b"<html><head><meta charset=\"ISO-8859-1\"></head><body><p>The r\xe9gion\x92s mayor opened the new m\xfcseum wing on Friday morning with a short speech.</p></body></html>";
    let a = one("x.html", page);
    assert_eq!(
        a.text,
        "The région’s mayor opened the new müseum wing on Friday morning with a short speech."
    );
}

#[test]
fn a_byline_under_a_plain_text_title_names_the_author_and_leaves_the_text() {
    let text = "Harbour strike ends after nine days\n\nWorld\n\nBy Mira Kovac, 4 May 2031\n\n\
                Dock workers in the port of Velmar returned to work on Thursday, the union said.";
    let a = one("report.txt", text.as_bytes());
    assert_eq!(a.meta.author.as_deref(), Some("Mira Kovac"));
    assert!(!a.text.contains("By Mira Kovac"), "{}", a.text);
    assert_eq!(
        reasons(&a),
        vec![
            ("World", "navigation"),
            ("By Mira Kovac, 4 May 2031", "boilerplate")
        ]
    );
    // A sentence starting with "By" is not a byline.
    let prose = one(
        "prose.txt",
        b"Harbour strike ends\n\nBy Thursday the dock workers had all returned to work, the union said.",
    );
    assert_eq!(prose.meta.author, None);
}

#[test]
fn plain_text_gets_a_title_and_loses_its_junk() {
    let a = one("blog-report.txt", &read("blog-report.txt"));
    assert_eq!(
        a.text,
        "Harbour strike ends after nine days\n\n\
         Dock workers in the port of Velmar returned to work on Thursday after their union accepted a pay offer worth 6 percent over two years.\n\n\
         The strike had left more than forty cargo ships waiting at anchor outside the breakwater, according to the harbour authority.\n\n\
         “Nobody wanted this to drag on, but the members needed to be heard,” said Ivo Brandt, the union's regional secretary.\n\n\
         The port operator said it expected the backlog to clear by the end of next week, although some perishable cargo had already been lost."
    );
    assert_eq!(
        a.meta.title.as_deref(),
        Some("Harbour strike ends after nine days")
    );
    assert_eq!(a.title_span.map(|s| a.text_of(s)), a.meta.title.as_deref());
    assert_eq!(
        reasons(&a),
        vec![
            ("Home > World > Europe", "navigation"),
            ("(Photo: Lena Ortiz/Coastline Wire)", "photo-credit"),
            ("Advertisement", "advertisement"),
            ("Share this:", "share-prompt"),
            (
                "Click to share on Twitter (Opens in new window)",
                "share-prompt"
            ),
            (
                "Click to share on Facebook (Opens in new window)",
                "share-prompt"
            ),
            ("Like this:", "comment-widget"),
            ("Like Loading...", "comment-widget"),
            ("Related", "related-links"),
            ("Velmar port traffic hits record high", "related-links"),
            ("Union ballots members on new offer", "related-links"),
            ("Leave a Reply", "comment-widget"),
            (
                "You are commenting using your WordPress.com account. ( Log Out / Change )",
                "comment-widget"
            ),
            ("Connecting to %s", "comment-widget"),
            ("Notify me of new comments via email.", "comment-widget"),
            ("Subscribe to our newsletter", "subscription-prompt"),
            ("© 2022 Coastline Wire. All rights reserved.", "footer"),
            ("About Us | Contact | Privacy Policy | Advertise", "footer"),
        ]
    );
}

#[test]
fn keep_junk_keeps_every_line() {
    let opts = IngestOptions {
        keep_junk: true,
        ..IngestOptions::default()
    };
    let a = ingest_bytes("b.txt", &read("blog-report.txt"), &opts).unwrap();
    assert!(a[0].text.contains("Leave a Reply"));
    assert!(a[0].removed.is_empty());
}

#[test]
fn markdown_is_plain_text() {
    let a = one("notes.md", b"# Ferry service resumes\n\nThe ferry between the two islands resumed on Monday after a week of storms.\n");
    assert_eq!(a.meta.title.as_deref(), Some("# Ferry service resumes"));
    assert!(a.text.ends_with("after a week of storms."));
}

#[test]
fn json_lines_map_fields_and_name_records_by_line() {
    let got = ingest_input(
        "in/records.jsonl",
        &read("records.jsonl"),
        &IngestOptions::default(),
    );
    assert_eq!(got.articles.len(), 3);
    let a = &got.articles[0];
    assert_eq!(a.id, ArticleId(0));
    assert_eq!(a.source, "in/records.jsonl#1");
    assert_eq!(
        a.meta.title.as_deref(),
        Some("Valley dam inspection finds cracks")
    );
    assert_eq!(
        a.title_span.map(|s| a.text_of(s)),
        Some("Valley dam inspection finds cracks")
    );
    assert_eq!(a.meta.outlet.as_deref(), Some("Orrin Valley Wire"));
    assert_eq!(a.meta.author.as_deref(), Some("Sam Okafor"));
    assert_eq!(
        a.meta.url.as_deref(),
        Some("https://wire.example/news/2019/07/02/dam-cracks")
    );
    assert_eq!(
        a.meta.published.map(|d| d.to_string()).as_deref(),
        Some("2019-07-02")
    );
    assert!(!a.text.contains("Advertisement"));
    assert_eq!(reasons(a), vec![("Advertisement", "advertisement")]);

    let b = &got.articles[1];
    assert_eq!(b.id, ArticleId(1));
    assert_eq!(b.source, "in/records.jsonl#2");
    assert_eq!(b.meta.outlet.as_deref(), Some("County Herald"));
    assert_eq!(b.meta.author.as_deref(), Some("Ana Ruiz, Ben Cole"));
    assert_eq!(
        b.meta.published.map(|d| d.to_string()).as_deref(),
        Some("2019-07-03")
    );
    assert_eq!(b.title_span, None);

    let c = &got.articles[2];
    assert_eq!(c.source, "in/records.jsonl#3");
    assert!(c.text.starts_with("Repairs to the spillway"));
    assert_eq!(c.meta.title.as_deref(), Some("Dam repairs begin"));
    assert_eq!(c.meta.outlet.as_deref(), Some("Hill Gazette"));

    let errs: Vec<String> = got.errors.iter().map(ToString::to_string).collect();
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert!(
        errs[0].starts_with("in/records.jsonl#4: invalid JSON"),
        "{}",
        errs[0]
    );
    assert_eq!(
        errs[1],
        "in/records.jsonl#5: JSON record has no text, content, body, html or documents field"
    );
}

#[test]
fn json_array_records() {
    let got = ingest_bytes("r.json", &read("records.json"), &IngestOptions::default()).unwrap();
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].source, "r.json#1");
    assert_eq!(got[0].meta.outlet.as_deref(), Some("Metro Daily"));
    assert_eq!(
        got[0].meta.title.as_deref(),
        Some("Tram line extension approved")
    );
    assert_eq!(
        got[1].meta.published.map(|d| d.to_string()).as_deref(),
        Some("2020-11-25")
    );
    assert_eq!(got[1].id, ArticleId(1));
}

#[test]
fn single_json_object() {
    let got = ingest_bytes(
        "one.json",
        br#"{"title": "Quiet night", "text": "Nothing happened overnight, the police said."}"#,
        &IngestOptions::default(),
    )
    .unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].source, "one.json");
    assert_eq!(got[0].meta.title.as_deref(), Some("Quiet night"));
}

#[test]
fn multi_news_cluster_lines_become_one_article_per_document() {
    let got = ingest_bytes(
        "c.jsonl",
        &read("clusters.jsonl"),
        &IngestOptions::default(),
    )
    .unwrap();
    let sources: Vec<&str> = got.iter().map(|a| a.source.as_str()).collect();
    assert_eq!(sources, vec!["c.jsonl#1.1", "c.jsonl#1.2", "c.jsonl#2.1"]);
    assert_eq!(
        got[0].text,
        "Fire crews contained a blaze at a paper mill in Tessby on Sunday.\n\nNo one was injured, the fire service said."
    );
    assert_eq!(reasons(&got[0]), vec![("Advertisement", "advertisement")]);
}

#[test]
fn cluster_files_read_plain_and_gzipped() {
    let plain = read_clusters(&fixture("clusters.jsonl")).unwrap();
    assert_eq!(plain.len(), 2);
    assert_eq!(plain[0].id, "c1");
    assert_eq!(plain[0].documents.len(), 2);
    assert_eq!(
        plain[1].documents,
        vec!["The regional rail strike was called off after talks on Monday."]
    );
    let dir = std::env::temp_dir().join(format!("dossier-ingest-clusters-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("clusters.jsonl.gz");
    std::fs::write(&p, gz(&read("clusters.jsonl"))).unwrap();
    assert_eq!(read_clusters(&p).unwrap(), plain);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn warc_keeps_html_responses_only() {
    for (name, bytes) in [
        ("crawl.warc", read("crawl.warc")),
        ("crawl.warc.gz", gz(&read("crawl.warc"))),
    ] {
        let got = ingest_input(name, &bytes, &IngestOptions::default());
        assert!(got.errors.is_empty(), "{:?}", got.errors);
        assert_eq!(got.articles.len(), 1, "{name}");
        let a = &got.articles[0];
        assert_eq!(a.source, format!("{name}#3"));
        assert_eq!(
            a.text,
            "Snow closes mountain pass\n\n\
             Late snow closed the Hohen pass on Friday evening, stranding about sixty drivers at the summit café overnight.\n\n\
             Ploughs reopened one lane by Saturday morning, the road agency said, and it warned of more snow."
        );
        assert_eq!(
            a.meta.published.map(|d| d.to_string()).as_deref(),
            Some("2023-05-05")
        );
        assert_eq!(
            a.meta.url.as_deref(),
            Some("https://courier.example/2023/05/05/pass")
        );
        assert_eq!(a.meta.title.as_deref(), Some("Snow closes mountain pass"));
    }
}

fn err_of(source: &str, bytes: &[u8], opts: &IngestOptions) -> String {
    ingest_bytes(source, bytes, opts).unwrap_err().to_string()
}

#[test]
fn empty_and_blank_inputs() {
    let o = IngestOptions::default();
    assert_eq!(err_of("e.txt", b"", &o), "e.txt: empty input");
    assert_eq!(err_of("e.txt", b" \n\t\n", &o), "e.txt: empty input");
    assert_eq!(err_of("e.txt.gz", &gz(b""), &o), "e.txt.gz: empty input");
}

#[test]
fn binary_input() {
    let o = IngestOptions::default();
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00";
    assert_eq!(err_of("img.html", png, &o), "img.html: binary file");
    let e = ingest_bytes("img.html", png, &o).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Binary);
}

#[test]
fn truncated_gzip() {
    let full = gz(read("report.html").as_slice());
    let cut = &full[..full.len() / 2];
    assert_eq!(
        err_of("reports/x.html.gz", cut, &IngestOptions::default()),
        "reports/x.html.gz: truncated gzip stream"
    );
}

#[test]
fn corrupt_gzip() {
    let mut bytes = gz(read("report.html").as_slice());
    let n = bytes.len();
    bytes[n - 6] ^= 0xff; // CRC
    let e = ingest_bytes("x.gz", &bytes, &IngestOptions::default()).unwrap_err();
    assert!(matches!(e.kind, ErrorKind::CorruptGzip(_)), "{e}");
}

#[test]
fn gzip_bomb_is_bounded() {
    // 64 MiB of zeros compresses to about 64 KiB; a 1 MiB cap must stop it.
    let zeros = vec![0u8; 64 << 20];
    let bomb = gz(&zeros);
    assert!(bomb.len() < 1 << 20);
    let opts = IngestOptions {
        max_decompressed_bytes: 1 << 20,
        ..IngestOptions::default()
    };
    let e = ingest_bytes("bomb.gz", &bomb, &opts).unwrap_err();
    assert_eq!(e.kind, ErrorKind::DecompressedTooLarge { limit: 1 << 20 });
    assert!(e
        .to_string()
        .starts_with("bomb.gz: gzip stream decompresses to more than 1048576 bytes"));
}

#[test]
fn gzip_bomb_of_many_members_hits_the_default_cap() {
    // Concatenated members are one stream: 300 x 1 MiB of zeros > 256 MiB.
    let member = gz(&vec![0u8; 1 << 20]);
    let bomb: Vec<u8> = member
        .iter()
        .copied()
        .cycle()
        .take(member.len() * 300)
        .collect();
    let e = ingest_bytes("bomb.gz", &bomb, &IngestOptions::default()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::DecompressedTooLarge { limit: 256 << 20 });
}

#[test]
fn invalid_utf8_text_is_decoded_by_guess() {
    let a = one(
        "old.txt",
        b"The caf\xe9 owners said the na\xefve plan to widen the street had failed \x96 again.",
    );
    assert_eq!(
        a.text,
        "The café owners said the naïve plan to widen the street had failed – again."
    );
}

#[test]
fn ten_thousand_deep_nesting_does_not_overflow() {
    let depth = 10_000;
    let mut page = String::from("<html><body>");
    for _ in 0..depth {
        page.push_str("<div>");
    }
    page.push_str("<p>The innermost paragraph of a very deep page still has to be found by the extractor.</p>");
    for _ in 0..depth {
        page.push_str("</div>");
    }
    page.push_str("</body></html>");
    // Run on a small stack to prove no recursion depends on nesting.
    let text = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || one("deep.html", page.as_bytes()).text)
        .unwrap()
        .join()
        .expect("no stack overflow");
    assert_eq!(
        text,
        "The innermost paragraph of a very deep page still has to be found by the extractor."
    );
}

#[test]
fn fifty_megabyte_page_is_fast_enough() {
    let mut page = String::from("<html><head><title>Big</title></head><body><article>");
    let mut n = 0u64;
    while page.len() < 50 << 20 {
        // Numbered: identical paragraphs in a row would be a layout copy.
        n += 1;
        page.push_str(&format!("<p>Rescue team {n} worked through the night to reach the villages cut off by the landslide, officials said.</p>\n"));
    }
    page.push_str("</article></body></html>");
    let start = std::time::Instant::now();
    let a = one("big.html", page.as_bytes());
    let secs = start.elapsed().as_secs_f64();
    assert!(a.text.len() > 40 << 20);
    // The bound is about not being quadratic (which would take hours on 50 MB),
    // not a speed measure: those are Criterion's. Wide enough for a loaded
    // debug build on two shared cores.
    assert!(secs < 90.0, "{secs} s");
}

#[test]
fn too_large_input_is_refused() {
    let opts = IngestOptions {
        max_input_bytes: 10,
        ..IngestOptions::default()
    };
    let dir = std::env::temp_dir().join(format!("dossier-ingest-large-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("big.txt");
    std::fs::write(&p, "twenty bytes of text").unwrap();
    let got = ingest_paths(&[p.display().to_string()], &opts);
    assert_eq!(got.errors.len(), 1);
    assert_eq!(got.errors[0].kind, ErrorKind::TooLarge { limit: 10 });
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn ingest_paths_continues_after_bad_inputs_and_numbers_articles() {
    let dir = std::env::temp_dir().join(format!("dossier-ingest-paths-{}", std::process::id()));
    let sub = dir.join("sub");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::write(
        dir.join("a.txt"),
        "The first report says the road is closed.",
    )
    .unwrap();
    std::fs::write(dir.join("b.bin"), b"\x00\x01\x02binary").unwrap();
    std::fs::write(sub.join("c.html.gz"), &gz(&read("report.html"))[..40]).unwrap();
    std::fs::write(
        sub.join("d.txt"),
        "The second report says the road reopened at noon.",
    )
    .unwrap();
    std::fs::write(dir.join(".hidden.txt"), "Never read.").unwrap();
    let missing = dir.join("missing.txt").display().to_string();
    let paths = vec![
        dir.display().to_string(),
        missing.clone(),
        fixture("records.json").display().to_string(),
    ];
    let got = ingest_paths(&paths, &IngestOptions::default());
    let ids: Vec<usize> = got.articles.iter().map(|a| a.id.0).collect();
    assert_eq!(ids, vec![0, 1, 2, 3]);
    assert_eq!(
        got.articles[0].source,
        dir.join("a.txt").display().to_string()
    );
    assert_eq!(
        got.articles[1].source,
        sub.join("d.txt").display().to_string()
    );
    assert!(got.articles[2].source.ends_with("records.json#1"));
    let errs: Vec<String> = got.errors.iter().map(ToString::to_string).collect();
    assert_eq!(errs.len(), 3, "{errs:?}");
    assert_eq!(
        errs[0],
        format!("{}: binary file", dir.join("b.bin").display())
    );
    assert_eq!(
        errs[1],
        format!("{}: truncated gzip stream", sub.join("c.html.gz").display())
    );
    assert!(
        errs[2].starts_with(&format!("{missing}: cannot read")),
        "{}",
        errs[2]
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn article_from_text_handles_newline_markers_and_titles() {
    let opts = IngestOptions::default();
    let a = article_from_text(
        ArticleId(4),
        "mn#1.1",
        "Storm Delia Hits The Coast NEWLINE_CHAR  NEWLINE_CHAR Winds of 120 km/h were recorded at the lighthouse. NEWLINE_CHAR Leave a Reply",
        &opts,
    );
    assert_eq!(a.id, ArticleId(4));
    assert_eq!(
        a.text,
        "Storm Delia Hits The Coast\n\nWinds of 120 km/h were recorded at the lighthouse."
    );
    assert_eq!(a.meta.title.as_deref(), Some("Storm Delia Hits The Coast"));
    assert_eq!(a.removed[0].reason, JunkReason::CommentWidget);
    // A sentence is not a title, nor is a lone line.
    let b = article_from_text(
        ArticleId(0),
        "x",
        "Winds were strong.\n\nTrees fell.",
        &opts,
    );
    assert_eq!(b.title_span, None);
    let c = article_from_text(ArticleId(0), "x", "Just a headline", &opts);
    assert_eq!(c.title_span, None);
}

#[test]
fn cleaning_an_invented_report_keeps_every_prose_sentence() {
    let prose = [
        "Flood defences along the Merrow estuary held overnight, but two villages upstream were evacuated as a precaution, the county said.",
        "“The water came up faster than anyone expected, and we had to carry my mother out through the window,” said one resident, who gave her name as Hanna.",
        "The regional weather office said on its website that more rain was forecast for Thursday, and it urged people to share updates only from official accounts.",
        "Photographers and television crews were kept away from the breach while engineers from the water board assessed the damage.",
        "Insurers said it was too early to estimate the cost, though one broker put the figure at more than ten million euros.",
        "Residents who wish to leave a comment on the recovery plan can do so at the town hall until the end of the month.",
        "All rights to the land along the river were sold to the water board in 1998, records show, which is why it now pays for the repairs.",
    ];
    let junk = [
        ("Home » News » Regional", JunkReason::Navigation),
        ("Image copyright Getty Images", JunkReason::PhotoCredit),
        (
            "Rescuers on a boat in the flooded square on Tuesday. (Ivan Holm / Staff Photographer)",
            JunkReason::PhotoCredit,
        ),
        ("Advertisement", JunkReason::Advertisement),
        ("Sponsored", JunkReason::Advertisement),
        ("Share this:", JunkReason::SharePrompt),
        (
            "Facebook | Twitter | Email | Print",
            JunkReason::SharePrompt,
        ),
        (
            "Sign up for our morning briefing",
            JunkReason::SubscriptionPrompt,
        ),
        (
            "We use cookies to give you the best experience. By continuing you agree.",
            JunkReason::CookiePrompt,
        ),
        ("27 comments", JunkReason::CommentWidget),
        ("Show comments", JunkReason::CommentWidget),
        ("3 bloggers like this.", JunkReason::CommentWidget),
        ("Copyright © 2024 Estuary Times Ltd", JunkReason::Footer),
        (
            "About Us | Contact | Terms of Use | Careers",
            JunkReason::Footer,
        ),
        ("Popular posts from this blog", JunkReason::RelatedLinks),
        ("Ten walks along the estuary", JunkReason::RelatedLinks),
        ("March 02, 2024", JunkReason::RelatedLinks),
        (
            "Our favourite spring recipes from readers …",
            JunkReason::RelatedLinks,
        ),
    ];
    let mut doc = vec![
        junk[0].0, prose[0], junk[1].0, prose[1], junk[2].0, junk[3].0, prose[2], junk[4].0,
        prose[3], junk[5].0, junk[6].0, prose[4], junk[7].0, prose[5], junk[8].0, prose[6],
    ];
    doc.extend(junk[9..].iter().map(|j| j.0));
    let c = clean_text(&doc.join("\n\n"));
    assert_eq!(c.text, prose.join("\n\n"));
    let got: Vec<(&str, JunkReason)> = c
        .removed
        .iter()
        .map(|r| (r.text.as_str(), r.reason))
        .collect();
    assert_eq!(got, junk.to_vec());
}

#[test]
fn mangled_inputs_never_panic() {
    // A fixed pseudo-random walk of byte edits over every fixture.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let opts = IngestOptions::default();
    for name in [
        "report.html",
        "page-windows-1252.html",
        "blog-report.txt",
        "records.jsonl",
        "records.json",
        "clusters.jsonl",
        "crawl.warc",
    ] {
        let orig = read(name);
        for round in 0..40 {
            let mut b = orig.clone();
            for _ in 0..(1 + round % 8) {
                let i = (next() as usize) % b.len().max(1);
                match next() % 4 {
                    0 => b[i] = next() as u8,
                    1 => {
                        b.truncate(i);
                    }
                    2 => b.insert(i, [b'<', b'>', b'"', b'{', 0xe2, 0x80][next() as usize % 6]),
                    _ => {
                        let j = (i + (next() as usize % 64)).min(b.len());
                        b.drain(i..j);
                    }
                }
                if b.is_empty() {
                    break;
                }
            }
            for a in ingest_input(name, &b, &opts).articles {
                a.check_spans().expect("valid spans");
            }
            let _ = ingest_input(name, &gz(&b), &opts);
        }
    }
}

#[test]
fn a_post_written_inside_a_header_box_is_rescued() {
    let para = "The ferry company said on Monday that winter sailings to the outer islands would run twice a day, after a campaign by residents and shopkeepers.";
    let page = format!(
        "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>\
         <header class='post-hero'><h1>Winter ferries to run twice a day</h1>\
         <p>{para} One.</p><p>{para} Two.</p><p>{para} Three.</p><p>{para} Four.</p></header>\
         <aside class='sidebar'><p>Our newsletter brings you the best of the islands every single week of the year.</p></aside>\
         <footer><p>© 2024 Island Post</p></footer></body></html>"
    );
    let a = one("ferry.html", page.as_bytes());
    assert!(
        a.text.starts_with("Winter ferries to run twice a day\n\n"),
        "{}",
        a.text
    );
    assert_eq!(a.text.matches(para).count(), 4);
    assert!(!a.text.contains("newsletter"));
    assert!(!a.text.contains("Home"));
}

#[test]
fn hidden_boxes_keep_prose_but_not_menus() {
    let para = "Volunteers planted four hundred oak saplings along the old railway line on Saturday, the trust said in a statement afterwards.";
    let page = format!(
        "<html><body><div hidden><ul><li><a href='/a'>Log in</a></li><li><a href='/b'>Account</a></li></ul></div>\
         <div class='story'><p>{para}</p></div>\
         <div hidden id='deferred'><p>A second planting day is planned for March, when the ground has thawed and the saplings have arrived.</p></div>\
         </body></html>"
    );
    let a = one("oaks.html", page.as_bytes());
    assert_eq!(
        a.text,
        format!("{para}\n\nA second planting day is planned for March, when the ground has thawed and the saplings have arrived.")
    );
}

#[test]
fn the_visible_dateline_wins_over_older_metadata() {
    let page = r#"<html><head><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2019-02-01T09:00:00Z"}</script>
        <meta property="article:published_time" content="2019-02-01"></head><body>
        <article><h1>Harbour wall repairs finish</h1><div class="byline">By Ilse Varga, 4 March 2021</div>
        <p>Repairs to the harbour wall finished on Thursday, two years after a winter storm broke it in three places.</p></article></body></html>"#;
    let a = one("wall.html", page.as_bytes());
    assert_eq!(
        a.meta.published.map(|d| d.to_string()).as_deref(),
        Some("2021-03-04")
    );
    assert_eq!(a.meta.author.as_deref(), Some("Ilse Varga"));
}

#[test]
fn an_input_cleaning_empties_is_listed_with_what_was_removed_when_asked() {
    let page =
        b"Sorry, the page you requested was not found.\n\nClick here to go to the home page.\n";
    let plain = ingest_input("gone.txt", page, &IngestOptions::default());
    assert!(plain.articles.is_empty(), "{plain:#?}");
    assert_eq!(plain.errors.len(), 1);
    assert_eq!(plain.errors[0].kind, ErrorKind::NoText);

    let opts = IngestOptions {
        keep_emptied: true,
        ..IngestOptions::default()
    };
    let kept = ingest_input("gone.txt", page, &opts);
    assert_eq!(kept.errors.len(), 1, "still an input without article text");
    let [a] = kept.articles.as_slice() else {
        panic!("{kept:#?}")
    };
    assert!(a.text.is_empty());
    let removed: Vec<&str> = a.removed.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(
        removed,
        [
            "Sorry, the page you requested was not found.",
            "Click here to go to the home page."
        ]
    );
}

#[test]
fn an_intro_above_the_body_block_joins_it_inside_a_content_box() {
    let intro = "Every spring the valley orchards flower within a single week and growers wait on the weather.";
    let body = "The cooperative said that frost, hail and wind had all come late this year, that the bees were out early, and that picking would start, as usual, in August.";
    let page = format!(
        "<html><body><div class='entry-content'><div class='lead'><div><p>{intro} One.</p><p>{intro} Two.</p></div></div>\
         <div class='post-body'><p>{body} One.</p><p>{body} Two.</p><p>{body} Three.</p>\
         <p>{body} Four.</p><p>{body} Five.</p></div></div></body></html>"
    );
    let a = one("orchard.html", page.as_bytes());
    assert_eq!(a.text.matches(intro).count(), 2, "{}", a.text);
    assert_eq!(a.text.matches(body).count(), 5);
}

#[test]
fn a_link_with_a_few_words_of_its_own_stays_in_the_article() {
    let para = "The harbour trust has published its guides for volunteers, and it asks that everyone read them, in order, before the first work day.";
    let page = format!(
        "<html><body><article><p>{para}</p><p>{para}</p><ul>\
         <li>Part 2 – <a href='/g2'>Cleaning the harbour steps and the old slipway</a></li>\
         </ul><p>{para}</p></article></body></html>"
    );
    let a = one("guides.html", page.as_bytes());
    assert!(
        a.text.contains("Part 2 – Cleaning the harbour steps"),
        "{}",
        a.text
    );
}

#[test]
fn a_feed_of_cards_after_the_article_is_not_more_of_it() {
    let para = "The lighthouse keeper's cottage, closed since the storm, reopens to visitors on Friday, with a small museum, a cafe and, on clear days, the lamp room.";
    let card = |n: &str| {
        format!("<div class='feed-item'><a href='/travel'>Travel</a><p>A walking route along the cliffs links {n} villages and takes a whole day at an easy pace.</p></div>")
    };
    let page = format!(
        "<html><body><div id='content'><div class='single'><div class='body'>\
         <p>{para} One.</p><p>{para} Two.</p><p>{para} Three.</p></div></div>\
         <div class='feed'>{}{}{}{}</div></div></body></html>",
        card("two"),
        card("three"),
        card("four"),
        card("five")
    );
    let a = one("lighthouse.html", page.as_bytes());
    assert_eq!(a.text.matches(para).count(), 3, "{}", a.text);
    assert!(!a.text.contains("walking route"), "{}", a.text);
}

#[test]
fn post_panels_named_as_widgets_inside_main_are_kept() {
    let para = "The bakery on Mill Lane sells its sourdough by weight, and the owners, who learned the trade in Lyon, bake twice a day, at five and at noon.";
    let panel = |n: &str| {
        format!(
            "<div class='panel widget'><p>{para} {n} one.</p><p>{para} {n} two.</p><p>{para} {n} three.</p><p>{para} {n} four.</p></div>"
        )
    };
    let page = format!(
        "<html><body><main><div class='intro'><p>{para} Intro.</p><p>{para} Lead.</p></div>{}{}{}</main>\
         <aside class='sidebar'><div class='widget'><p>Subscribe to our letter for news of the lane.</p></div></aside></body></html>",
        panel("First"),
        panel("Second"),
        panel("Third")
    );
    let a = one("bakery.html", page.as_bytes());
    assert!(a.text.contains("First four."), "{}", a.text);
    assert!(a.text.contains("Third one."), "{}", a.text);
    assert!(!a.text.contains("Subscribe"), "{}", a.text);
}

#[test]
fn a_heading_linked_to_itself_stays_in_the_article() {
    let para = "The rowing club opens its boathouse to beginners every Sunday, and the coaches, all volunteers, bring spare oars for anyone who needs them.";
    let page = format!(
        "<html><body><article><p>{para} One.</p>\
         <h2 id='first-steps'><a href='#first-steps'>First steps on the water</a></h2>\
         <p>{para} Two.</p><p>{para} Three.</p></article></body></html>"
    );
    let a = one("rowing.html", page.as_bytes());
    assert!(
        a.text.contains("\n\nFirst steps on the water\n\n"),
        "{}",
        a.text
    );
}

#[test]
fn a_labelled_heading_of_a_page_is_not_taken_for_a_flat_text_caption() {
    let para = "The ferry company added a late sailing on Fridays, and the harbour office, which had asked for it since spring, welcomed the change.";
    let page = format!(
        "<html><body><article><p>{para} One.</p>\
         <h2>Conclusion: The Best Ferry Routes for the Coming Summer Season</h2>\
         <p>{para} Two.</p><p>{para} Three.</p></article></body></html>"
    );
    let a = one("ferries.html", page.as_bytes());
    assert!(
        a.text
            .contains("Conclusion: The Best Ferry Routes for the Coming Summer Season"),
        "{}",
        a.text
    );
}

#[test]
fn a_heading_of_two_names_around_a_slash_is_not_a_picture_credit_in_a_page() {
    let para = "The old warehouses along the river now hold bakeries, a climbing wall and two theatres, and the tram stops right outside.";
    let page = format!(
        "<html><body><article><p>{para} One.</p><h3>Riverside / Warehouse Row</h3>\
         <p>{para} Two.</p><p>{para} Three.</p></article></body></html>"
    );
    let a = one("quarters.html", page.as_bytes());
    assert!(
        a.text.contains("\n\nRiverside / Warehouse Row\n\n"),
        "{}",
        a.text
    );
}

#[test]
fn an_author_box_named_in_the_middle_of_a_three_part_name_is_furniture() {
    let para = "The allotment society opened its waiting list again this week, and the committee, short of volunteers, asked new members to help with the water butts.";
    let page = format!(
        "<html><body><article><p>{para} One.</p><p>{para} Two.</p><p>{para} Three.</p>\
         <div class='theme-author-box'><p>Mina Orlo has written about gardens, parks and the people who keep them for twenty years.</p></div>\
         </article></body></html>"
    );
    let a = one("allotments.html", page.as_bytes());
    assert_eq!(a.text.matches(para).count(), 3, "{}", a.text);
    assert!(!a.text.contains("Mina Orlo has written"), "{}", a.text);
}

#[test]
fn the_climb_does_not_leave_main_for_the_site_around_it() {
    let para = "The night bus to the coast will keep running through the winter, the transport board said, after a petition gathered three thousand names.";
    let quote = |n: &str| {
        format!("<div class='quote'><p>Friendly drivers and a clean, warm bus every single time I travel with them, {n} stars from me.</p></div>")
    };
    let quotes: String = [
        "five", "four", "six", "seven", "eight", "nine", "ten", "two",
    ]
    .iter()
    .map(|n| quote(n))
    .collect();
    let page = format!(
        "<html><body><div class='site'><main><article><p>{para} One.</p><p>{para} Two.</p>\
         <p>{para} Three.</p></article></main><div class='quotes'>{quotes}</div></div></body></html>"
    );
    let a = one("nightbus.html", page.as_bytes());
    assert_eq!(a.text.matches(para).count(), 3, "{}", a.text);
    assert!(!a.text.contains("Friendly drivers"), "{}", a.text);
}

#[test]
fn an_article_streamed_in_a_hidden_box_outside_main_is_still_taken() {
    // Streamed rendering parks each part of the article in its own hidden
    // box after <main> and moves it in with a script.
    let para = "The museum's new wing opens in May with the bridge models and the engine room that the city stored for forty years in a depot";
    let parked: String = ["One", "Two", "Three", "Four", "Five"]
        .iter()
        .map(|n| format!("<div hidden id='S:{n}'><p>{para} {n}.</p></div>"))
        .collect();
    let page = format!(
        "<html><body><main><div class='lead'><p>The city museum, closed since June, has news for visitors, families, schools and, \
         its director said, for the engineers, pilots, drivers and sailors who gave it their old machines.</p></div></main>{parked}</body></html>"
    );
    let a = one("museum.html", page.as_bytes());
    assert!(a.text.contains(&format!("{para} Five.")), "{}", a.text);
}

#[test]
fn a_section_header_inside_the_article_keeps_its_heading() {
    let para = "Set the chair so that your knees sit a little below your hips, and rest both feet flat on the floor or on a low box.";
    let page = format!(
        "<html><body><header><a href='/'>Home</a></header><article><h1>Setting up a desk</h1>\
         <p>{para} One.</p><section><header><h3>Raise the screen to eye level</h3></header><p>{para} Two.</p></section>\
         <section><header><h3>Keep the keyboard close</h3></header><p>{para} Three.</p></section></article></body></html>"
    );
    let a = one("desk.html", page.as_bytes());
    assert!(
        a.text.contains("\n\nRaise the screen to eye level\n\n"),
        "{}",
        a.text
    );
    assert!(!a.text.contains("Home"), "{}", a.text);
}

#[test]
fn a_page_sentence_pointing_at_a_link_it_names_is_kept() {
    let para = "The hotel on the harbour front reopened in June after a long refit, and its rooms now look out over the fishing boats.";
    let page = format!(
        "<html><body><article><p>{para} One.</p><p>Read my review of the harbour hotel <a href='/r'>here</a>.</p>\
         <p>{para} Two.</p><p>Learn more <a href='/m'>here</a>.</p><p>{para} Three.</p></article></body></html>"
    );
    let a = one("hotel.html", page.as_bytes());
    assert!(
        a.text.contains("Read my review of the harbour hotel here."),
        "{}",
        a.text
    );
    assert!(!a.text.contains("Learn more here."), "{}", a.text);
}
