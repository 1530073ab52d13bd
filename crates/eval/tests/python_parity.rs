//! Parity with the reference Python scorers on invented strings. Every expected value below was
//! printed by the Python tools themselves: rouge-score 0.1.2 (`RougeScorer([...],
//! use_stemmer=True)`, NLTK PorterStemmer), rouge 1.0.1 (`Rouge().get_scores`), the project's
//! `rouge_eval.py`, `wcxb_f1.py`'s `f1` and `bcubed.py`, on CPython 3.11.

use std::collections::HashMap;

use dossier_eval::bcubed::{bcubed, purity};
use dossier_eval::rouge::{self, Score};
use dossier_eval::wcxb::{
    self, author_matches, date_matches, title_matches, word_bag_f1, PagePrediction,
};

fn prf(p: f64, r: f64, f: f64) -> Score {
    Score {
        precision: p,
        recall: r,
        fmeasure: f,
    }
}

/// (reference, candidate, rouge1, rouge2, rougeL, rougeLsum) from rouge-score 0.1.2.
#[allow(clippy::type_complexity)]
fn rouge_cases() -> Vec<(&'static str, &'static str, [Score; 4])> {
    let third = 0.454_545_454_545_454_53;
    vec![
        (
            "The harbour authority reopened the northern pier on Tuesday after storms.",
            "Storms closed the northern pier; the harbour authority reopened it Tuesday.",
            [
                prf(0.818_181_818_181_818_2, 0.818_181_818_181_818_2, 0.818_181_818_181_818_2),
                prf(0.5, 0.5, 0.5),
                prf(third, third, third),
                prf(third, third, third),
            ],
        ),
        (
            "Volunteers planted 1,200 saplings along the riverbank.\nThe council thanked them.",
            "The council thanked volunteers.\nThey planted saplings along the riverbank, about 1,200.",
            [
                prf(0.846_153_846_153_846_1, 0.916_666_666_666_666_6, 0.879_999_999_999_999_9),
                prf(0.5, 0.545_454_545_454_545_4, 0.521_739_130_434_782_6),
                prf(0.461_538_461_538_461_56, 0.5, 0.480_000_000_000_000_04),
                prf(0.692_307_692_307_692_3, 0.75, 0.719_999_999_999_999_9),
            ],
        ),
        (
            "Engineers were testing the generators when the flooding started.",
            "Generators tested by engineers; flooding starts.",
            [
                prf(0.833_333_333_333_333_4, 0.555_555_555_555_555_6, 0.666_666_666_666_666_7),
                prf(0.2, 0.125, 0.153_846_153_846_153_85),
                prf(0.5, 0.333_333_333_333_333_3, 0.4),
                prf(0.5, 0.333_333_333_333_333_3, 0.4),
            ],
        ),
        ("alpha beta gamma", "delta epsilon", [Score::default(); 4]),
        ("", "something here", [Score::default(); 4]),
        (
            // U+0130 and U+212A lowercase to ASCII letters in Python, as in Rust.
            "\u{130}stanbul KELVIN\u{212a} café rallies, rallied; rallying!",
            "istanbul kelvink cafe rally rallied",
            [
                prf(0.6, 0.428_571_428_571_428_55, 0.5),
                prf(0.25, 0.166_666_666_666_666_66, 0.2),
                prf(0.6, 0.428_571_428_571_428_55, 0.5),
                prf(0.6, 0.428_571_428_571_428_55, 0.5),
            ],
        ),
        (
            "a b a b a b c",
            "a b c a b",
            [
                prf(1.0, 0.714_285_714_285_714_3, 0.833_333_333_333_333_3),
                prf(0.75, 0.5, 0.6),
                prf(0.8, 0.571_428_571_428_571_4, 0.666_666_666_666_666_6),
                prf(0.8, 0.571_428_571_428_571_4, 0.666_666_666_666_666_6),
            ],
        ),
    ]
}

#[test]
fn rouge_pairs_match_rouge_score() {
    for (reference, candidate, want) in rouge_cases() {
        let d = rouge::score_detail(reference, candidate);
        let got = [d.rouge1, d.rouge2, d.rouge_l, d.rouge_lsum];
        assert_eq!(got, want, "{reference:?} vs {candidate:?}");
        let f1 = rouge::score(reference, candidate);
        assert_eq!(f1.rouge1, want[0].fmeasure);
        assert_eq!(f1.rouge_lsum, want[3].fmeasure);
    }
}

#[test]
fn rouge_lsum_union_and_tie_breaking() {
    // The union LCS depends on which LCS rouge-score's backtrack picks on ties.
    let s = rouge::score_detail("x y z w\nz w x y\ny x", "y x w z\nw z y x\nx").rouge_lsum;
    assert_eq!(s, prf(0.666_666_666_666_666_6, 0.6, 0.631_578_947_368_421));
    let s = rouge::score_detail(
        "one two three four five\nsix seven two one",
        "two one\nfour three five six\nseven one",
    )
    .rouge_lsum;
    assert_eq!(
        s,
        prf(0.875, 0.777_777_777_777_777_8, 0.823_529_411_764_706)
    );
}

#[test]
fn tokenizer_matches_rouge_score() {
    let toks = rouge::tokenize(
        "The U.S. Government's NEWS: skies, dying, 1990s generalizations -- naïve ΣΟΦΙΑ İzmir",
    );
    let want = [
        "the", "u", "s", "govern", "s", "news", "sky", "die", "1990", "gener", "na", "ve", "i",
        "zmir",
    ];
    assert_eq!(toks, want);
}

#[test]
fn longbench_matches_rouge_package() {
    let cases: [(&str, &str, Option<f64>); 6] = [
        (
            "The harbour authority reopened the northern pier on Tuesday after storms.",
            "Storms closed the northern pier; the harbour authority reopened it Tuesday.",
            Some(0.380_952_375_963_718_9),
        ),
        (
            "Volunteers planted 1,200 saplings along the riverbank.\nThe council thanked them.",
            "The council thanked volunteers.\nThey planted saplings along the riverbank, about 1,200.",
            Some(0.608_695_647_183_364_9),
        ),
        (
            "Engineers were testing the generators when the flooding started.",
            "Generators tested by engineers; flooding starts.",
            Some(0.142_857_137_959_183_87),
        ),
        ("alpha beta gamma", "delta epsilon", Some(0.0)),
        ("", "something here", None),
        ("a b a b a b c", "a b c a b", Some(0.666_666_661_666_666_8)),
    ];
    for (reference, hyp, want) in cases {
        assert_eq!(
            rouge::longbench_rouge_l(reference, hyp),
            want,
            "{reference:?}"
        );
    }
}

#[test]
fn longbench_recursion_limit_counts_zero() {
    // rouge_eval.py on CPython 3.11: a 4-word reference sentence against "w0" + 988 other words
    // scores; with 989 the package's recursive read-out overflows and the script counts 0.
    let reference = "w0 r0 r1 r2";
    let hyp = |k: usize| {
        let mut h = String::from("w0");
        for i in 0..k {
            h.push_str(&format!(" h{i}"));
        }
        h
    };
    assert!(rouge::longbench_rouge_l(reference, &hyp(988)).is_some_and(|f| f > 0.0));
    assert_eq!(rouge::longbench_rouge_l(reference, &hyp(989)), None);
}

#[test]
fn corpus_report_matches_rouge_eval() {
    // rouge_eval.py printed: {"rouge1": 32.71, "rouge2": 10.84, "rougeL": 30.08,
    // "rougeLsum": 30.08, "longbench": 22.43, "clusters": 4, "missing": 1, "avg_words": 5.0}
    let gold: Vec<(String, String)> = [
        (
            "k1",
            "The ferry service resumed on Monday. Passengers welcomed the news.",
        ),
        ("k2", "A new library opened downtown with longer hours."),
        (
            "k3",
            "Farmers reported a late harvest because of the cold spring.",
        ),
        ("k4", "The museum extended its exhibition of maritime maps."),
        (
            "k2",
            "A new public library opened downtown, with longer opening hours.",
        ),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    let system: HashMap<String, String> = [
        (
            "k1",
            "Ferry service resumed Monday. Passengers were pleased. Fares stay the same.",
        ),
        ("k2", "Downtown gets a new library. It opens longer hours."),
        ("k3", "   "),
        ("zz", "An id the gold does not have."),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    let r = rouge::evaluate(&gold, &system);
    assert_eq!(
        (r.rouge1, r.rouge2, r.rouge_l, r.rouge_lsum, r.longbench),
        (32.71, 10.84, 30.08, 30.08, Some(22.43))
    );
    assert_eq!((r.clusters, r.missing, r.avg_words), (4, 1, 5.0));
    let json = serde_json::to_string(&r).unwrap_or_default();
    assert_eq!(
        json,
        r#"{"rouge1":32.71,"rouge2":10.84,"rougeL":30.08,"rougeLsum":30.08,"longbench":22.43,"clusters":4,"missing":1,"avg_words":5.0}"#
    );
}

#[test]
fn evaluate_files_reads_jsonl_and_reports_bad_lines() {
    let dir = std::env::temp_dir().join(format!("dossier-eval-rouge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_default();
    let gold = dir.join("gold.jsonl");
    let system = dir.join("system.jsonl");
    std::fs::write(
        &gold,
        "{\"id\": \"a\", \"summary\": \"a b a b a b c\"}\n\n{\"id\": \"b\", \"summary\": \"x\"}\n",
    )
    .unwrap_or_default();
    std::fs::write(
        &system,
        "{\"id\": \"a\", \"summary\": \"a b c a b\"}\n{\"id\": \"b\", \"summary\": null}\n",
    )
    .unwrap_or_default();
    let r = rouge::evaluate_files(&gold, &system);
    // Half of rouge-score's 0.8333 for the one scored pair (a null summary counts as empty
    // here; rouge_eval.py would stop on it).
    assert!(matches!(&r, Ok(r) if r.rouge1 == 41.67 && r.missing == 0 && r.clusters == 2));
    std::fs::write(&system, "{\"id\": \"a\"}\n{\"summary\": \"no id\"}\n").unwrap_or_default();
    let err = rouge::evaluate_files(&gold, &system)
        .map(|_| ())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("system.jsonl:2") && err.contains("`id`"),
        "{err}"
    );
    std::fs::write(&system, "{not json\n").unwrap_or_default();
    let err = rouge::evaluate_files(&gold, &system)
        .map(|_| ())
        .unwrap_err()
        .to_string();
    assert!(err.contains("system.jsonl:1: invalid JSON"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap_or_default();
}

#[test]
fn word_bag_f1_matches_wcxb_script() {
    let cases = [
        (
            "The quick brown fox; the LAZY dog.",
            "the lazy dog and the quick fox",
            0.857_142_857_142_857_1,
        ),
        ("", "", 1.0),
        ("", "words", 0.0),
        (
            "Café naïve über_cool 42",
            "cafe naïve ÜBER_COOL 42 42",
            0.666_666_666_666_666_5,
        ),
        // Python's \w stops at combining marks; Devanagari vowel signs split words the same way
        // on both sides.
        ("x\u{301}y नमस्ते 日本語", "x y नमस्ते 日本語", 1.0),
        ("one two", "three four", 0.0),
    ];
    for (p, r, want) in cases {
        assert_eq!(word_bag_f1(p, r), want, "{p:?} vs {r:?}");
    }
}

#[test]
fn title_and_date_rules() {
    assert!(title_matches(
        "“Quiet Harbour” Reopens!",
        "\"quiet harbour\" reopens"
    ));
    assert!(title_matches(
        "Quiet harbour reopens after the long winter storms - Example",
        "Quiet harbour reopens after the long winter storms"
    ));
    assert!(!title_matches(
        "Harbour news | Example Coastal Times Online",
        "Harbour news"
    ));
    assert!(!title_matches("", ""));
    assert!(title_matches(
        "A guide to\u{2026} harbour ferries",
        "A guide to... harbour ferries"
    ));
    assert!(title_matches(
        "Ferries return\u{2014}and so do the crowds",
        "Ferries return--and so do the crowds"
    ));
    assert!(date_matches("2024-03-05T10:00:00Z", "2024-03-05"));
    assert!(date_matches("2024-03-05", "2024-03-05T23:59:00+02:00"));
    assert!(date_matches("2024-03-05", "2024-03"));
    assert!(!date_matches("2024-03", "2024-03-05"));
    assert!(!date_matches("2024-03-06", "2024-03-05"));
    assert!(!date_matches("March 5, 2024", "2024-03-05"));
    assert!(author_matches("Ana Ruiz, Li Wei", "Ana Ruiz and Li Wei"));
    assert!(author_matches("Ana Ruiz", "Ana Ruiz, Staff Writer"));
    assert!(!author_matches("Ana", "Ana Ruiz"));
    assert!(!author_matches("Ruiz Ana", "Ana Ruiz"));
    assert!(!author_matches("", "Ana Ruiz"));
}

#[test]
fn wcxb_evaluate_on_a_small_ground_truth_dir() {
    let dir = std::env::temp_dir().join(format!("dossier-eval-wcxb-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_default();
    let page = |id: &str, main: Option<&str>, title: &str, date: Option<&str>| {
        let doc = serde_json::json!({"ground_truth": {"main_content": main, "title": title,
            "publish_date": date, "author": "Ana Ruiz"}});
        std::fs::write(dir.join(format!("{id}.json")), doc.to_string()).unwrap_or_default();
    };
    page(
        "0001",
        Some("The quick brown fox; the LAZY dog."),
        "Fox news today",
        Some("2024-01-02"),
    );
    page("0002", Some("one two"), "Numbers", None);
    page("0003", None, "No main", Some("2024-05-06"));
    let mut preds = HashMap::new();
    preds.insert(
        "0001".to_string(),
        PagePrediction {
            text: "the lazy dog and the quick fox".into(),
            title: Some("Fox News Today".into()),
            published: Some("2024-01-02T08:00:00".into()),
            author: Some("By Ana Ruiz".into()),
        },
    );
    preds.insert(
        "0002".to_string(),
        PagePrediction {
            text: "three four".into(),
            title: Some("Other".into()),
            published: None,
            author: None,
        },
    );
    let r = wcxb::evaluate(&dir, &preds);
    std::fs::remove_dir_all(&dir).unwrap_or_default();
    let r = r.map_err(|e| e.to_string());
    let Ok(r) = r else {
        panic!("{r:?}");
    };
    // wcxb_f1.py: mean of 0.857142... and 0.0 over the 2 pages with main content; 0003 is
    // skipped but counted missing.
    assert_eq!((r.pages, r.f1, r.missing), (2, 0.4286, 1));
    assert_eq!((r.title_pages, r.title_accuracy), (2, Some(0.5)));
    assert_eq!((r.date_pages, r.date_accuracy), (1, Some(1.0)));
    assert_eq!((r.author_pages, r.author_accuracy), (2, Some(0.5)));
}

#[test]
fn page_ids_and_prediction_formats() {
    assert_eq!(wcxb::page_id("pages/0042.html.gz"), "0042");
    assert_eq!(wcxb::page_id(""), "");
    let dir = std::env::temp_dir().join(format!("dossier-eval-preds-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_default();
    let obj = dir.join("traf.json");
    std::fs::write(
        &obj,
        r#"{"0007": {"articleBody": "text one", "title": "T", "date": "2020-01-01"}}"#,
    )
    .unwrap_or_default();
    let lines = dir.join("articles.jsonl");
    std::fs::write(
        &lines,
        "{\"source\": \"in/0008.html\", \"text\": \"text two\", \"title\": null, \"published\": \"2021-02-03\"}\n",
    )
    .unwrap_or_default();
    let a = wcxb::load_predictions(&obj).map_err(|e| e.to_string());
    let b = wcxb::load_predictions(&lines).map_err(|e| e.to_string());
    std::fs::remove_dir_all(&dir).unwrap_or_default();
    let want_a = PagePrediction {
        text: "text one".into(),
        title: Some("T".into()),
        published: Some("2020-01-01".into()),
        author: None,
    };
    assert_eq!(a.map(|m| m.get("0007").cloned()), Ok(Some(want_a)));
    let want_b = PagePrediction {
        text: "text two".into(),
        title: None,
        published: Some("2021-02-03".into()),
        author: None,
    };
    assert_eq!(b.map(|m| m.get("0008").cloned()), Ok(Some(want_b)));
}

#[test]
fn bcubed_matches_bcubed_py() {
    let pred: HashMap<&str, i32> = [
        ("a", 1),
        ("b", 1),
        ("c", 2),
        ("d", 2),
        ("e", 2),
        ("f", 3),
        ("x", 9),
    ]
    .into();
    let gold: HashMap<&str, &str> = [
        ("a", "s1"),
        ("b", "s1"),
        ("c", "s1"),
        ("d", "s2"),
        ("e", "s2"),
        ("f", "s2"),
        ("g", "s3"),
    ]
    .into();
    // bcubed.py: (0.7777777777777777, 0.5555555555555555, 0.6481481481481481)
    let s = bcubed(&pred, &gold);
    let close = |a: f64, b: f64| (a - b).abs() < 1e-12;
    assert!(close(s.precision, 0.777_777_777_777_777_7), "{s:?}");
    assert!(close(s.recall, 0.555_555_555_555_555_5), "{s:?}");
    assert!(close(s.f1, 0.648_148_148_148_148_1), "{s:?}");
    // Purity: clusters {a,b}, {c,d,e}, {f} hold majorities of 2, 2, 1 out of 6 items.
    assert!(close(purity(&pred, &gold), 5.0 / 6.0));
    assert!(close(purity(&gold, &pred), 4.0 / 6.0));
    let empty: HashMap<&str, i32> = HashMap::new();
    let s = bcubed(&empty, &gold);
    assert_eq!((s.precision, s.recall, s.f1), (0.0, 0.0, 0.0));
}

#[test]
fn wcxb_reports_the_broken_file() {
    let dir = std::env::temp_dir().join(format!("dossier-eval-badgt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_default();
    std::fs::write(dir.join("0001.json"), "{\"ground_truth\": ").unwrap_or_default();
    let err = wcxb::evaluate(&dir, &HashMap::new())
        .map(|_| ())
        .map_err(|e| e.to_string());
    std::fs::remove_dir_all(&dir).unwrap_or_default();
    let err = err.unwrap_err();
    assert!(
        err.ends_with("0001.json: invalid JSON: EOF while parsing a value at line 1 column 17"),
        "{err}"
    );
}

#[test]
fn empty_gold_gives_a_zero_report() {
    let r = rouge::evaluate(&[], &HashMap::new());
    assert_eq!((r.clusters, r.rouge1, r.avg_words), (0, 0.0, 0.0));
}
