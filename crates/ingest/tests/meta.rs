//! Title and date choice on invented pages, and ordering of parallel reads.

use dossier_ingest::html::extract;
use dossier_ingest::{decode, ingest_paths, IngestOptions};

const BODY: &str = "<p>The ferry between the two harbour towns will run every twenty minutes from Monday, the operator said in a statement.</p>\
<p>Commuters had asked for more crossings for years, and the council agreed to pay for a second boat, officials said.</p>";

fn page(head: &str, body_top: &str) -> String {
    format!("<!doctype html><html><head>{head}</head><body>{body_top}<article>{BODY}</article></body></html>")
}

#[test]
fn a_masthead_h1_naming_the_site_is_not_the_title() {
    let html = page(
        "<title>Ferries Will Run Every Twenty Minutes - Quiet Harbour Weekly</title>",
        "<header><h1>Quiet Harbour Weekly</h1></header>",
    );
    assert_eq!(
        extract(&html).title.as_deref(),
        Some("Ferries Will Run Every Twenty Minutes")
    );
}

#[test]
fn a_masthead_h1_equal_to_og_site_name_is_not_the_title() {
    let html = page(
        "<title>Ferries Will Run Every Twenty Minutes | Quiet Harbour Weekly</title>\
         <meta property=\"og:site_name\" content=\"Quiet Harbour Weekly\">",
        "<h1>Quiet Harbour Weekly</h1>",
    );
    assert_eq!(
        extract(&html).title.as_deref(),
        Some("Ferries Will Run Every Twenty Minutes")
    );
}

#[test]
fn an_h1_sharing_one_common_word_is_not_confirmed() {
    let html = page(
        "<title>Here Is the New Ferry Timetable for Both Towns</title>",
        "<h1>TAP RIGHT HERE</h1>",
    );
    assert_eq!(
        extract(&html).title.as_deref(),
        Some("Here Is the New Ferry Timetable for Both Towns")
    );
}

#[test]
fn an_h1_confirmed_by_the_head_title_wins() {
    let html = page(
        "<title>Ferry timetable | Quiet Harbour Weekly</title>",
        "<h1>New ferry timetable doubles the crossings</h1>",
    );
    assert_eq!(
        extract(&html).title.as_deref(),
        Some("New ferry timetable doubles the crossings")
    );
}

#[test]
fn og_title_inside_a_site_prefixed_title_tag_is_preferred() {
    let html = page(
        "<title>Quiet Harbour Weekly: Ferries Will Run Every Twenty Minutes</title>\
         <meta property=\"og:title\" content=\"Ferries Will Run Every Twenty Minutes\">",
        "",
    );
    assert_eq!(
        extract(&html).title.as_deref(),
        Some("Ferries Will Run Every Twenty Minutes")
    );
}

#[test]
fn published_date_meta_name_is_read() {
    let html = page(
        "<title>Ferries</title><meta name=\"published-date\" content=\"2021-02-16\">",
        "",
    );
    assert_eq!(
        extract(&html).published.map(|d| d.to_string()).as_deref(),
        Some("2021-02-16")
    );
}

#[test]
fn published_metadata_beats_modified_metadata() {
    let html = page(
        "<title>Ferries</title>\
         <meta property=\"article:modified_time\" content=\"2024-06-01T10:00:00Z\">\
         <meta property=\"article:published_time\" content=\"2023-03-05T10:00:00Z\">",
        "",
    );
    assert_eq!(
        extract(&html).published.map(|d| d.to_string()).as_deref(),
        Some("2023-03-05")
    );
}

fn published(html: &str) -> Option<String> {
    extract(html).published.map(|d| d.to_string())
}

#[test]
fn a_visible_date_the_page_declares_as_its_update_loses_to_the_publication_date() {
    let html = page(
        "<title>Ferry timetable</title>\
         <meta property=\"article:published_time\" content=\"2024-03-02T08:00:00Z\">\
         <meta property=\"article:modified_time\" content=\"2025-01-20T08:00:00Z\">",
        "<div class=\"byline\">By Ana Ruiz</div><p>January 20, 2025</p>",
    );
    assert_eq!(published(&html).as_deref(), Some("2024-03-02"));
}

#[test]
fn a_last_updated_line_is_only_a_fallback() {
    let with_pub = page(
        "<title>Ferry timetable</title><meta name=\"pubdate\" content=\"2024-03-02\">",
        "<p>Last updated: January 20, 2025</p>",
    );
    assert_eq!(published(&with_pub).as_deref(), Some("2024-03-02"));
    let alone = page(
        "<title>Ferry timetable</title>",
        "<p>Written by Ana Ruiz, reviewed by Li Wei. Updated Jan 20, 2025</p>",
    );
    assert_eq!(published(&alone).as_deref(), Some("2025-01-20"));
    // A dateline that leads with the publication keeps it.
    let both = page(
        "<title>Ferry timetable</title>",
        "<p>Published March 2, 2024 · Updated Jan 20, 2025</p>",
    );
    assert_eq!(published(&both).as_deref(), Some("2024-03-02"));
}

#[test]
fn bylines_in_a_comment_thread_are_not_the_article_s() {
    let html = format!(
        "<html><head><title>Ferry timetable</title></head><body><article>{BODY}</article>\
         <section class=\"comments\"><div class=\"comment-author\">Reader 6/1/2021 at 1:28am</div></section>\
         <div class=\"post-date\">March 2, 2024</div></body></html>"
    );
    assert_eq!(published(&html).as_deref(), Some("2024-03-02"));
}

#[test]
fn dates_glued_by_markup_and_written_day_first_are_read() {
    // Spans with no space between the author and the date.
    let glued = page(
        "<title>Ferry timetable</title>",
        "<div class=\"author-box\"><span>Dec 17, 2025</span><span>Ana Ruiz</span></div>",
    );
    assert_eq!(published(&glued).as_deref(), Some("2025-12-17"));
    let dotted = page(
        "<title>Ferry timetable</title>",
        "<p class=\"info\"><span>Ana Ruiz</span> <span>23.07.2025</span></p>",
    );
    assert_eq!(published(&dotted).as_deref(), Some("2025-07-23"));
}

#[test]
fn a_url_month_is_refined_by_a_dated_element_of_that_month() {
    let html = page(
        "<title>Ferry timetable</title>\
         <link rel=\"canonical\" href=\"https://news.example/2022/12/ferry-timetable\">",
        "<div class=\"entry-meta\"><span class=\"posted-on\">December 22, 2022</span> by Ana Ruiz, with a long list of tags and sections that make this box long</div>",
    );
    assert_eq!(published(&html).as_deref(), Some("2022-12-22"));
}

#[test]
fn an_h1_that_adds_a_date_to_the_head_title_is_the_head_title() {
    let html = page(
        "<title>Preparing the new ferry timetable | Ana's notes</title>\
         <meta property=\"og:title\" content=\"Preparing the new ferry timetable\">",
        "<h1>Dec 18 2025 Preparing the new ferry timetable</h1>",
    );
    assert_eq!(
        extract(&html).title.as_deref(),
        Some("Preparing the new ferry timetable")
    );
}

#[test]
fn a_two_word_h1_equal_to_og_title_is_the_title() {
    let html = page(
        "<title>Mission accomplished! – Harbour archive project</title>\
         <meta property=\"og:title\" content=\"Mission accomplished!\">",
        "<h1>Mission accomplished!</h1>",
    );
    assert_eq!(
        extract(&html).title.as_deref(),
        Some("Mission accomplished!")
    );
}

#[test]
fn a_stated_original_publication_wins() {
    let html = page(
        "<title>Ferry timetable</title>",
        "<div class=\"byline\">Ana Ruiz 30 Sep 2022, 11:07am</div>\
         <p class=\"publish-note\">Updated November 11, 2022. Originally published on 26 Sep 2019 at 4:12pm.</p>",
    );
    assert_eq!(published(&html).as_deref(), Some("2019-09-26"));
}

#[test]
fn microdata_dates_of_teaser_cards_come_after_the_head_s_date() {
    let html = format!(
        "<html><head><title>Ferry timetable</title><meta name=\"date\" content=\"March 27, 2025\"></head>\
         <body><article>{BODY}</article><aside><div class=\"card\">\
         <a href=\"/next\">Next: new moorings</a><span itemprop=\"datePublished\" content=\"2026-03-13T16:44:22+00:00\"></span>\
         </div></aside></body></html>"
    );
    assert_eq!(published(&html).as_deref(), Some("2025-03-27"));
}

#[test]
fn a_date_line_below_the_article_is_a_last_resort() {
    let html = format!(
        "<html><head><title>Ferry timetable</title></head><body><article>{BODY}</article>\
         <p>Written by Ana Ruiz</p><p>April 8, 2024</p>\
         <div class=\"comments\"><p>March 1, 2025</p></div></body></html>"
    );
    assert_eq!(published(&html).as_deref(), Some("2024-04-08"));
}

#[test]
fn a_visible_date_a_day_off_the_metadata_is_the_same_moment() {
    let head = "<title>Ferry timetable</title>\
                <meta property=\"article:published_time\" content=\"2025-07-05T00:04:00+00:00\">";
    let html = page(head, "<p>July 4, 2025</p>");
    assert_eq!(published(&html).as_deref(), Some("2025-07-05"));
    // Unless the URL agrees with what the reader sees.
    let with_url = page(
        &format!("{head}<link rel=\"canonical\" href=\"https://news.example/2025/07/04/ferry\">"),
        "<p>July 4, 2025</p>",
    );
    assert_eq!(published(&with_url).as_deref(), Some("2025-07-04"));
    // A late-evening UTC timestamp is that day everywhere a reader is: a
    // visible date the day before it is a different day, and it wins.
    let late = page(
        "<title>Ferry timetable</title>\
         <meta property=\"article:published_time\" content=\"2025-07-05T22:10:00Z\">",
        "<p>July 4, 2025</p>",
    );
    assert_eq!(published(&late).as_deref(), Some("2025-07-04"));
}

#[test]
fn json_ld_in_a_meta_tag_is_read() {
    let html = page(
        "<title>Ferry timetable</title>\
         <meta name=\"script:ld+json\" content=\"{&quot;@type&quot;:&quot;NewsArticle&quot;,&quot;datePublished&quot;:&quot;2025-11-17T09:00:00-05:00&quot;}\">",
        "",
    );
    assert_eq!(published(&html).as_deref(), Some("2025-11-17"));
}

#[test]
fn a_numeric_date_is_read_the_way_the_url_spells_it() {
    // The URL spells the month out: 3 October, so "03/10/2023" is day first.
    let html = page(
        "<title>Ferry timetable</title>\
         <link rel=\"canonical\" href=\"https://news.example/blog/2023/october/03/ferry\">",
        "<p>03/10/2023 by Harbour Desk</p>",
    );
    assert_eq!(published(&html).as_deref(), Some("2023-10-03"));
    // Without that help it is month first, as before.
    let plain = page("<title>Ferry timetable</title>", "<p>03/10/2023</p>");
    assert_eq!(published(&plain).as_deref(), Some("2023-03-10"));
}

#[test]
fn a_changelog_sentence_is_not_a_dateline() {
    let html = page(
        "<title>Ferry timetable</title><meta name=\"date\" content=\"2021-01-18\">",
        "<time datetime=\"2021-01-18\">18 January</time>\
         <ul><li>2021-08-09 Added the winter timetable and the fares for bicycles on board.</li></ul>",
    );
    assert_eq!(published(&html).as_deref(), Some("2021-01-18"));
    // A dateline written as a sentence still dates the page.
    let posted = page(
        "<title>Ferry timetable</title>",
        "<p>Posted by Ana Ruiz of the harbour desk on May 4, 2021.</p>",
    );
    assert_eq!(published(&posted).as_deref(), Some("2021-05-04"));
}

#[test]
fn a_shown_update_date_beats_a_teaser_date_when_nothing_declares_publication() {
    let html = page(
        "<title>Ferry timetable</title>\
         <meta property=\"article:modified_time\" content=\"2025-12-11\">",
        "<p>Updated on December 11, 2025</p>",
    );
    // The teaser sits below the article, past the lines read as datelines.
    let more =
        "<p>The operator will publish the new timetable on its website next week.</p>".repeat(8);
    let html = html.replace(
        "</article>",
        &format!("{more}</article><aside><div class=\"post-date\">October 17, 2025</div></aside>"),
    );
    assert_eq!(published(&html).as_deref(), Some("2025-12-11"));
}

#[test]
fn a_time_marked_as_the_publication_is_a_visible_dateline() {
    let html = page(
        "<title>Ferry timetable</title>\
         <script type=\"application/ld+json\">{\"@type\":\"WebPage\",\"datePublished\":\"2025-11-29\"}</script>",
        "<p>Published <time pubdate datetime=\"2025-08-13\">Aug 13</time></p>",
    );
    assert_eq!(published(&html).as_deref(), Some("2025-08-13"));
    let microformat = page(
        "<title>Ferry timetable</title>",
        "<time class=\"dt-published\" datetime=\"2025-08-13T10:00:00Z\">Aug 13</time>\
         <aside><time datetime=\"2025-06-01\">June 1</time></aside>",
    );
    assert_eq!(published(&microformat).as_deref(), Some("2025-08-13"));
}

#[test]
fn a_today_s_date_widget_is_not_the_article_s_date() {
    let html = page(
        "<title>Ferry timetable</title>",
        "<header><p id=\"todays-date\"><strong>Friday</strong>, December 19, 2025</p></header>\
         <div class=\"article-meta\">12.12.2025</div>",
    );
    assert_eq!(published(&html).as_deref(), Some("2025-12-12"));
}

#[test]
fn a_hidden_copy_of_the_article_is_not_extracted_twice() {
    let story = "The ferry between the two harbour towns will run every twenty minutes from Monday, the operator said. \
        Commuters had asked for more crossings for years, and the council agreed to pay for a second boat. ";
    let paras: String = (0..4)
        .map(|i| format!("<p>{story} Part {i}.</p>"))
        .collect();
    let raw: String = (0..4).map(|i| format!("{story} Part {i}.\n\n")).collect();
    let html = format!(
        "<html><head><title>Ferry timetable</title></head><body><article><h1>Ferry timetable</h1>{paras}\
         <div hidden class=\"faq-answer\"><p>Bicycles travel free on every crossing before seven in the morning and after eight at night, the operator said.</p></div></article>\
         <pre hidden aria-hidden=\"true\" class=\"raw-markdown\"># Ferry timetable\n\n{raw}</pre></body></html>"
    );
    let text = extract(&html).text;
    assert_eq!(text.matches("Part 2.").count(), 1, "{text}");
    // A hidden box with words of its own (a collapsed answer) stays.
    assert!(text.contains("Bicycles travel free"), "{text}");
}

#[test]
fn a_collapsed_accordion_panel_is_article_text_but_a_hidden_menu_is_not() {
    let panel = "<p>Most councils pay for a share of the second boat, and the operator pays for the crew and the fuel, officials said.</p>";
    let html = page(
        "<title>Ferry timetable</title>",
        &format!(
            "<div class=\"menu\" style=\"display:none\"><p>Timetables, fares, routes and the full list of harbour services offered this season.</p></div>\
             <article><a role=\"button\" aria-controls=\"p1\">Who pays?</a>\
             <div id=\"p1\" role=\"region\" style=\"display: none\">{panel}</div></article>"
        ),
    );
    let text = extract(&html).text;
    assert!(text.contains("Most councils pay"), "{text}");
    assert!(!text.contains("full list of harbour services"), "{text}");
}

#[test]
fn code_comments_in_a_pre_block_are_kept() {
    let html = page(
        "<title>Ferry timetable</title>",
        "<article><p>To read the timetable from the command line, run the following lines in a terminal window.</p>\
         <pre><code><span class=\"hljs-comment\"># fetch the winter timetable</span>\nferry fetch --season winter</code></pre></article>",
    );
    let text = extract(&html).text;
    assert!(text.contains("# fetch the winter timetable"), "{text}");
}

#[test]
fn a_section_laid_out_twice_is_kept_once_but_a_lone_repeat_stays() {
    let a = "<p>The winter service keeps two boats on the crossing until the end of March, the harbour master said.</p>";
    let b = "<p>Night crossings stop at eleven on weekdays and at one in the morning on Fridays and Saturdays.</p>";
    let step = "<p>Board at the north pier, show your ticket to the crew and keep bicycles on the lower deck.</p>";
    let html = page(
        "<title>Ferry timetable</title>",
        &format!(
            "<article><div class=\"mobile\">{a}{b}</div><div class=\"desktop\">{a}{b}</div>\
             <h2>Monday</h2>{step}<p>The first boat leaves at six.</p><h2>Tuesday</h2>{step}<p>The first boat leaves at seven.</p></article>"
        ),
    );
    let text = extract(&html).text;
    assert_eq!(text.matches("The winter service").count(), 1, "{text}");
    assert_eq!(text.matches("Night crossings").count(), 1, "{text}");
    assert_eq!(text.matches("Board at the north pier").count(), 2, "{text}");
}

#[test]
fn teaser_cards_below_the_article_do_not_pull_in_their_box() {
    let article = "<p>The ferry company said on Monday that winter sailings to the outer islands would run twice a day, after a campaign by residents.</p>\
        <p>Shopkeepers on the islands said deliveries had been late all last winter, and the council agreed to pay for the extra crossings.</p>\
        <p>The new timetable starts on the first of December and runs until the end of March, the company said in a statement.</p>";
    let card = |n: u32| {
        format!(
            "<div class=\"post\"><h3><a href=\"/n{n}\">Harbour news number {n} from the islands</a></h3>\
             <div class=\"excerpt\">When the council met on Tuesday to discuss the harbour budget, councillors from the outer islands asked whether the fund for</div></div>"
        )
    };
    let cards: String = (1..=4).map(card).collect();
    let html = format!(
        "<html><head><title>Winter ferries</title></head><body><div class=\"layout\"><div class=\"entry\">{article}</div>\
         <h2>Latest news</h2>{cards}</div></body></html>"
    );
    let text = extract(&html).text;
    assert!(text.contains("winter sailings"), "{text}");
    assert!(
        !text.contains("councillors from the outer islands"),
        "{text}"
    );
}

#[test]
fn an_all_capitals_h1_takes_the_case_of_the_head_title() {
    let html = page(
        "<title>Best Harbour Ferries 2026: Tips From Skippers | Quiet Harbour Weekly</title>",
        "<h1>BEST HARBOUR FERRIES IN 2026: TIPS FROM SKIPPERS</h1>",
    );
    assert_eq!(
        extract(&html).title.as_deref(),
        Some("Best Harbour Ferries 2026: Tips From Skippers")
    );
}

#[test]
fn an_en_dash_in_an_h1_is_headline_punctuation() {
    let html = page(
        "<title>Bread machines – my favourites! - Quiet Harbour Kitchen</title>",
        "<h1>Bread machines – my favourites!</h1>",
    );
    assert_eq!(
        extract(&html).title.as_deref(),
        Some("Bread machines – my favourites!")
    );
}

#[test]
fn an_h1_repeating_the_title_tagline_is_cut_like_the_title() {
    let html = page(
        "<title>Best Harbour Ferries 2025 | Top 9 Routes | Quiet Harbour Weekly</title>",
        "<h1>Best Harbour Ferries 2025 | Top 9 Routes</h1>",
    );
    assert_eq!(
        extract(&html).title.as_deref(),
        Some("Best Harbour Ferries 2025")
    );
    // A colon is part of a headline, not a separator.
    let colon = page(
        "<title>Ferries: what changes on Monday | Quiet Harbour Weekly</title>",
        "<h1>Ferries: what changes on Monday</h1>",
    );
    assert_eq!(
        extract(&colon).title.as_deref(),
        Some("Ferries: what changes on Monday")
    );
}

/// A background sentence the site reuses in every story: article text.
const BACKGROUND: &str =
    "The harbour has served both towns since the port was rebuilt after the storm of 1998.";

/// A page of the invented site `harbour.example` with its own story and the
/// site's tagline between two paragraphs.
fn site_page(slug: &str, first: &str, second: &str) -> String {
    format!(
        "<!doctype html><html><head><title>{slug}</title>\
         <link rel=\"canonical\" href=\"https://www.harbour.example/news/{slug}\"></head>\
         <body><article><h1>{slug}</h1><p>{first}</p>\
         <p>Our reporters cover every tide and every council vote in the bay</p>\
         <p>{second}</p><p>{BACKGROUND}</p></article></body></html>"
    )
}

#[test]
fn a_line_repeated_across_a_site_s_pages_is_removed_in_order_and_copies_keep_their_text() {
    let dir = std::env::temp_dir().join(format!("dossier-ingest-site-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let stories = [
        ("ferries", "The ferry between the two harbour towns will run every twenty minutes from Monday, the operator said.", "Commuters had asked for more crossings for years, and the council agreed to pay for a second boat."),
        ("bridge", "The old swing bridge over the inner harbour reopened on Tuesday after eight months of repairs, engineers said.", "Cyclists will share the new deck with walkers until a separate lane is painted next spring."),
        ("dredging", "Dredging of the harbour mouth began this week so that larger fishing boats can land their catch at low tide.", "The work is expected to last until the autumn, and the channel will stay open at night."),
    ];
    for (slug, a, b) in stories {
        std::fs::write(dir.join(format!("{slug}.html")), site_page(slug, a, b)).unwrap();
    }
    let paths = vec![dir.display().to_string()];
    let got = ingest_paths(&paths, &IngestOptions::default());
    assert_eq!(got.articles.len(), 3);
    for a in &got.articles {
        assert!(
            !a.text.contains("Our reporters cover every tide"),
            "{}",
            a.text
        );
        assert!(a.text.contains(BACKGROUND), "{}", a.text);
        let reasons: Vec<(&str, &str)> = a
            .removed
            .iter()
            .map(|r| (r.text.as_str(), r.reason.as_str()))
            .collect();
        assert_eq!(
            reasons,
            vec![(
                "Our reporters cover every tide and every council vote in the bay",
                "boilerplate"
            )]
        );
    }
    // One page alone teaches nothing: the tagline stays.
    let one = vec![dir.join("bridge.html").display().to_string()];
    let alone = ingest_paths(&one, &IngestOptions::default());
    assert!(alone.articles[0]
        .text
        .contains("Our reporters cover every tide"));
    // `--keep-junk` keeps it too.
    let keep = IngestOptions {
        keep_junk: true,
        ..IngestOptions::default()
    };
    assert!(ingest_paths(&paths, &keep)
        .articles
        .iter()
        .all(|a| a.text.contains("Our reporters cover every tide")));
    // Three near-copies of one story on the site (each headline differs):
    // their shared lines look repeated, but a page never loses most of itself.
    let (slug, a, b) = stories[0];
    for i in 0..3 {
        let page = site_page(&format!("{slug}-update-{i}"), a, b);
        std::fs::write(dir.join(format!("copy{i}.html")), page).unwrap();
    }
    let with_copies = ingest_paths(&paths, &IngestOptions::default());
    for art in with_copies
        .articles
        .iter()
        .filter(|x| x.source.contains("copy"))
    {
        assert!(
            art.text.contains("run every twenty minutes"),
            "{}",
            art.text
        );
        assert!(art.text.contains("Commuters had asked"), "{}", art.text);
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn parallel_reads_keep_input_order_for_articles_and_errors() {
    let dir = std::env::temp_dir().join(format!("dossier-ingest-order-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut want_sources = Vec::new();
    let mut want_errors = Vec::new();
    for i in 0..40 {
        let p = dir.join(format!("f{i:02}.txt"));
        if i % 7 == 3 {
            std::fs::write(&p, b"").unwrap();
            want_errors.push(format!("{}: empty input", p.display()));
        } else {
            std::fs::write(
                &p,
                format!("Report number {i} says the ferry left on time."),
            )
            .unwrap();
            want_sources.push(p.display().to_string());
        }
    }
    let paths = vec![dir.display().to_string()];
    let got = ingest_paths(&paths, &IngestOptions::default());
    let sources: Vec<&str> = got.articles.iter().map(|a| a.source.as_str()).collect();
    assert_eq!(sources, want_sources);
    let ids: Vec<usize> = got.articles.iter().map(|a| a.id.0).collect();
    assert_eq!(ids, (0..want_sources.len()).collect::<Vec<_>>());
    let errors: Vec<String> = got.errors.iter().map(ToString::to_string).collect();
    assert_eq!(errors, want_errors);
    assert_eq!(ingest_paths(&paths, &IngestOptions::default()), got);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_forged_gzip_size_trailer_does_not_reserve_the_limit() {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut e, b"a short text").unwrap();
    let mut bytes = e.finish().unwrap();
    let n = bytes.len();
    // The size field claims 4 GiB - 1; the stream itself is tiny.
    bytes[n - 4..].copy_from_slice(&u32::MAX.to_le_bytes());
    let got = decode::gunzip(&bytes, 1 << 30);
    assert!(got.is_err(), "a size mismatch is corrupt: {got:?}");
}

#[test]
fn a_two_word_h1_opening_the_title_beats_a_long_site_suffix() {
    let html = page(
        "<title>Harbour Ferries | Office of Coastal Transport Services</title>",
        "<h1>Harbour Ferries</h1>",
    );
    assert_eq!(extract(&html).title.as_deref(), Some("Harbour Ferries"));
}

#[test]
fn an_h1_equal_to_the_head_title_beats_an_earlier_masthead_h1() {
    let html = page(
        "<title>Ferries Run Every Twenty Minutes - The Harbour Transport Office</title>",
        "<header><h1>The Harbour Blog</h1></header><h1>Ferries Run Every Twenty Minutes</h1>",
    );
    assert_eq!(
        extract(&html).title.as_deref(),
        Some("Ferries Run Every Twenty Minutes")
    );
}
