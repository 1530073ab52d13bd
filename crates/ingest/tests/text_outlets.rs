//! Outlet and date of plain-text articles, read from their datelines,
//! copyright footers and "Posted on" lines. The articles are invented by the
//! team; each names its outlet the way wire copy and scraped pages do.

use dossier_ingest::{article_from_text, IngestOptions};
use dossier_model::ArticleId;

const BODY: &str = "The harbour reopened on Monday after a week of storms closed it to all traffic, officials said.\n\n\
Repairs to the sea wall will take another month, the port authority said in a statement on Sunday.";

/// (article text, the outlet it names).
fn named() -> Vec<(String, &'static str)> {
    let top = |dateline: &str| format!("Harbour reopens after storms\n\n{dateline} {BODY}");
    let foot = |footer: &str| format!("Harbour reopens after storms\n\n{BODY}\n\n{footer}");
    vec![
        (top("PORT ELLEN (Reuters) -"), "Reuters"),
        (top("SAN LORENZO (Reuters) —"), "Reuters"),
        (top("(CNN) —"), "CNN"),
        (top("(CNN)"), "CNN"),
        (top("Washington (CNN)"), "CNN"),
        (top("KINGSTON, Jamaica (AP) —"), "AP"),
        (top("CAPE ANN, Mass. (AP) —"), "AP"),
        (top("BERLIN (AP) —"), "AP"),
        (top("NAIROBI, Kenya (AFP) -"), "AFP"),
        (top("LIMA (Bloomberg) --"), "Bloomberg"),
        (top("QUITO, Ecuador (UPI) --"), "UPI"),
        (top("TORONTO (CP) —"), "CP"),
        (top("(The Harbour Post) —"), "The Harbour Post"),
        (top("MANILA (Xinhua) -"), "Xinhua"),
        (top("DUBLIN (RTÉ) –"), "RTÉ"),
        (
            format!("Harbour reopens after storms\n\nBy Ann Lee\n\nOSLO (Reuters) - {BODY}"),
            "Reuters",
        ),
        (
            foot("© The Harbour Gazette LLC 2005-2017"),
            "The Harbour Gazette",
        ),
        (
            foot("Copyright 2016 The Coast Wire. All rights reserved."),
            "The Coast Wire",
        ),
        (foot("© 2019 Island Courier Ltd"), "Island Courier"),
        (
            foot("Copyright © 2014 Northern Ledger Inc. All Rights Reserved."),
            "Northern Ledger",
        ),
        (foot("(c) 2012 Valley Times"), "Valley Times"),
        (
            foot("Copyright 2017 by KHBR - All rights reserved."),
            "KHBR",
        ),
        (foot("© Bay Herald 2021"), "Bay Herald"),
        (
            foot("© The Ridge Review LLC 2009-2018 About Us Masthead Submissions Advertise"),
            "The Ridge Review",
        ),
    ]
}

/// Texts that name no outlet of their own.
fn unnamed() -> Vec<String> {
    vec![
        // A relayed source above a quoted passage is the passage's origin.
        format!("Harbour reopens after storms\n\nHarbour Weekly:\n\n\"{BODY}\""),
        format!("Harbour reopens after storms\n\n{BODY}"),
        format!("Harbour reopens after storms\n\nSenator Ann Lee (D) said the harbour would reopen on Monday after the storms.\n\n{BODY}"),
        format!("Harbour reopens after storms\n\nCopyright law was not the issue, the mayor said on Tuesday in a long interview.\n\n{BODY}"),
    ]
}

fn outlet_of(text: &str) -> Option<String> {
    article_from_text(ArticleId(0), "a.txt", text, &IngestOptions::default())
        .meta
        .outlet
}

#[test]
fn datelines_and_footers_name_the_outlet_of_nine_in_ten() {
    let cases = named();
    let mut wrong = Vec::new();
    for (text, want) in &cases {
        let got = outlet_of(text);
        if got.as_deref() != Some(*want) {
            wrong.push(format!("{want:?} got {got:?}"));
        }
    }
    let right = cases.len() - wrong.len();
    eprintln!("outlet right: {right}/{}; wrong: {wrong:?}", cases.len());
    assert!(cases.len() >= 20);
    assert!(
        right * 10 >= cases.len() * 9,
        "{right}/{}: {wrong:?}",
        cases.len()
    );
}

#[test]
fn a_relayed_source_or_a_party_label_is_not_the_outlet() {
    for text in unnamed() {
        assert_eq!(outlet_of(&text), None, "{text}");
    }
}

#[test]
fn the_dateline_stays_in_the_text() {
    let text = format!("Harbour reopens after storms\n\nKINGSTON, Jamaica (AP) — {BODY}");
    let a = article_from_text(ArticleId(0), "a.txt", &text, &IngestOptions::default());
    assert!(a
        .text
        .contains("KINGSTON, Jamaica (AP) — The harbour reopened"));
}

#[test]
fn a_posted_on_line_dates_the_text() {
    let text =
        format!("Harbour reopens after storms\n\nPosted on March 3, 2020 by Ann Lee\n\n{BODY}");
    let a = article_from_text(ArticleId(0), "a.txt", &text, &IngestOptions::default());
    assert_eq!(
        a.meta.published.map(|d| d.to_string()).as_deref(),
        Some("2020-03-03")
    );
}
