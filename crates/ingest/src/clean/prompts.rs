//! Lines that talk to the reader about the page rather than about the news:
//! sign-up and newsletter pitches, share prompts, "report a typo", the
//! explanations of site features ("When you post with a location, ..."),
//! calls to action that end in "here", error pages, and web-archive notices.
//!
//! They are recognised by their vocabulary (inbox, newsletter, subscribe,
//! sign up, tweet, share, typo, ...) addressed to "you", never by the
//! exact words of one site.

use dossier_model::JunkReason;

use super::words;

/// Interface terms a site uses only about itself.
const STRONG_TERMS: &[&str] = &[
    "newsletter",
    "inbox",
    "subscribe",
    "subscribing",
    "subscription",
    "sign up",
    "sign-up",
    "signing up",
    "email address",
    "e-mail address",
    "email alerts",
    "news alerts",
    "typo",
    "comment box",
    "comment section",
    "livechat",
    "live chat",
    "spread the word",
    "spreading the word",
    "location history",
    "not a robot",
    "recommending the page",
    "junk mail",
    "push notifications",
    "log in",
    "unsubscribe",
    "thank you for your interest",
    "thanks for your interest",
];

/// Interface terms prose also uses; they count only beside a strong one.
const WEAK_TERMS: &[&str] = &[
    "tweet",
    "twitter",
    "share",
    "browser",
    "click",
    "tap",
    "page",
    "account",
    "location",
    "email",
    "website",
    "app",
    "updates",
    "alerts",
    "delivered",
    "free",
    "weekly",
    "daily",
];

/// A prompt to the reader, prose or not. `lower` is the trimmed line in
/// lower case, made once for all the furniture rules.
pub(super) fn reader_prompt(line: &str, lower: &str) -> Option<JunkReason> {
    let t = line.trim();
    if error_page(t, lower) || archive_notice(t, lower) {
        return Some(JunkReason::Boilerplate);
    }
    let strong = strong_terms_in(lower);
    // Most lines name no interface term: the word counts below only
    // matter beside one, and they are the costly part of this rule.
    if strong.is_empty() {
        return cta_here(lower, t).then(|| prompt_reason(&strong));
    }
    let weak = WEAK_TERMS.iter().filter(|s| has_word(lower, s)).count();
    let to_reader = addresses_reader(lower);
    // A quotation is someone's words, reported: never a prompt.
    let quoted = t.contains(['"', '\u{201c}', '\u{201d}']);
    let terms = strong.len() + weak;
    // A report explains a feature with an attribution; a site speaks
    // for itself. Without "you", only a line that is not a sentence counts.
    let reported = ["said", "says", "told", "according to"]
        .iter()
        .any(|v| has_word(lower, v));
    let prompt = !quoted
        && !reported
        && !strong.is_empty()
        && ((to_reader && terms >= 2) || (terms >= 3 && !super::is_prose(t)))
        && words(t) <= 70;
    if prompt || cta_here(lower, t) {
        return Some(prompt_reason(&strong));
    }
    None
}

/// [`STRONG_TERMS`] as one automaton: one pass over a line instead of a
/// scan per term.
fn strong_matcher() -> Option<&'static aho_corasick::AhoCorasick> {
    static M: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> = std::sync::OnceLock::new();
    M.get_or_init(|| aho_corasick::AhoCorasick::new(STRONG_TERMS).ok())
        .as_ref()
}

/// The [`STRONG_TERMS`] that occur in `lower`, in the list's order.
fn strong_terms_in(lower: &str) -> Vec<&'static str> {
    let Some(ac) = strong_matcher() else {
        return STRONG_TERMS
            .iter()
            .copied()
            .filter(|s| lower.contains(s))
            .collect();
    };
    // Overlapping matches, so every term that occurs is seen ("subscribe"
    // inside "unsubscribe"), as with one `contains` per term.
    let mut found = [false; STRONG_TERMS.len()];
    for m in ac.find_overlapping_iter(lower) {
        found[m.pattern().as_usize()] = true;
    }
    STRONG_TERMS
        .iter()
        .zip(found)
        .filter_map(|(s, f)| f.then_some(*s))
        .collect()
}

fn prompt_reason(strong: &[&str]) -> JunkReason {
    let sub = ["newsletter", "inbox", "subscri", "sign", "alerts"];
    if strong.iter().any(|s| sub.iter().any(|x| s.contains(x))) {
        JunkReason::SubscriptionPrompt
    } else if strong.iter().any(|s| s.contains("spread")) {
        JunkReason::SharePrompt
    } else {
        JunkReason::Boilerplate
    }
}

fn has_word(lower: &str, w: &str) -> bool {
    lower.match_indices(w).any(|(i, _)| {
        let before = lower[..i].chars().next_back();
        let after = lower[i + w.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphabetic)
    })
}

fn addresses_reader(lower: &str) -> bool {
    ["you", "your", "you're", "you've", "you'll"]
        .iter()
        .any(|w| has_word(lower, w))
}

/// "Report a typo here.", "Sign up here.", "Click here to ...": a short
/// call to action that points at a link.
fn cta_here(lower: &str, t: &str) -> bool {
    const VERBS: &[&str] = &[
        "sign up",
        "subscribe",
        "click",
        "report",
        "tap",
        "register",
        "download",
        "learn more",
        "find out more",
        "read more",
    ];
    let end = lower.trim_end_matches(['.', '!', ')']);
    let ends_here = end.ends_with(" here") || end.ends_with(" here now");
    let pointer = || VERBS.iter().any(|v| has_word(lower, v)) || imperative_close(end);
    ends_here && words(t) <= 20 && pointer()
}

/// A call to action that names what it points at ("Read my review of the
/// harbour hotel here."): in a page's text the link sits on "here" inside
/// the writer's own sentence, unlike a bare "Learn more here." button.
pub(super) fn named_cta_here(line: &str) -> bool {
    let t = line.trim();
    let lower = t.to_lowercase();
    // The last sentence: what follows the last full stop, question or
    // exclamation mark before the end.
    let body = t.trim_end_matches(['.', '!', ')']);
    let last = body.rsplit(['.', '?', '!']).next().unwrap_or(body);
    cta_here(&lower, t) && words(last) >= 5
}

/// "Sailing the coast: I set out in May ... Follow my voyage here.": a
/// series' promotion box, in its own voice, closing with a call to action.
/// A writer's paragraph may close the same way ("Read all about it here"),
/// so the caller asks only of a text's first line, above the article.
pub(super) fn promotion_box(line: &str) -> bool {
    let t = line.trim();
    let lower = t.to_lowercase();
    let end = lower.trim_end_matches(['.', '!', ')']);
    let ends_here = end.ends_with(" here") || end.ends_with(" here now");
    let own_voice = [
        "i", "i'll", "i'm", "my", "we", "we'll", "our", "you", "your",
    ]
    .iter()
    .any(|w| has_word(&lower, w));
    ends_here && imperative_close(end) && own_voice && words(t) <= 40
}

/// The line's last sentence opens with an imperative ("Follow my journey
/// here", "Watch the full interview here"): a promotion box closes that
/// way, while a report's sentence has a subject first.
fn imperative_close(end: &str) -> bool {
    const IMPERATIVES: &[&str] = &[
        "follow", "see", "watch", "read", "listen", "join", "check", "get", "visit", "find",
        "sign", "click", "tap", "learn", "discover", "explore", "catch",
    ];
    let last = end
        .rfind(['.', '!', '?'])
        .map_or(end, |i| &end[i + 1..])
        .trim_start_matches(|c: char| !c.is_alphanumeric());
    let first = last.split_whitespace().next().unwrap_or("");
    IMPERATIVES.contains(&first) && words(last) <= 10
}

/// Searchers for the phrases of a missing page, made once: every line that
/// reaches the furniture rules is searched for each, and a substring
/// search made afresh costs a set-up per phrase and line.
fn missing_finders() -> &'static [memchr::memmem::Finder<'static>] {
    static F: std::sync::OnceLock<Vec<memchr::memmem::Finder<'static>>> =
        std::sync::OnceLock::new();
    F.get_or_init(|| {
        [
            "not found",
            "could not be found",
            "cannot be found",
            "can't be found",
            "no longer available",
            "does not exist",
            "doesn't exist",
            "has been removed",
            "has been moved",
        ]
        .iter()
        .map(memchr::memmem::Finder::new)
        .collect()
    })
}

/// "Sorry, the page you requested was not found.", "Error 404".
/// `lower` is `t` in lower case.
fn error_page(t: &str, lower: &str) -> bool {
    if !missing_finders()
        .iter()
        .any(|f| f.find(lower.as_bytes()).is_some())
    {
        return false;
    }
    let page = ["page", "article", "content", "story"]
        .iter()
        .any(|p| has_word(lower, p));
    let site_voice = lower.starts_with("sorry")
        || lower.starts_with("oops")
        || lower.starts_with("we're sorry")
        || lower.starts_with("error")
        || lower.contains("404")
        || lower.contains("you requested")
        || lower.contains("you are looking for")
        || lower.contains("you were looking for");
    page && site_voice && words(t) <= 25
}

/// A web archive's note on how it captured the page: it names the crawl
/// and the archive. `lower` is `t` in lower case.
fn archive_notice(t: &str, lower: &str) -> bool {
    // "crawl" first: the archive's names are looked for only beside it.
    let crawl = lower.contains("crawl");
    let archive = || {
        [
            "wayback machine",
            "internet archive",
            "archive.org",
            "web archive",
        ]
        .iter()
        .any(|a| lower.contains(a))
    };
    crawl && archive() && words(t) <= 80
}

#[cfg(test)]
mod tests {
    use dossier_model::JunkReason;

    fn reader_prompt(l: &str) -> Option<JunkReason> {
        super::reader_prompt(l, &l.trim().to_lowercase())
    }

    #[test]
    fn prompts_to_the_reader_are_found() {
        for l in [
            "Want the day's headlines in your inbox? Sign up for our morning briefing. Sign up here.",
            "Spotted an error? Report a typo here.",
            "Watch the divers bring up the wreck here.",
            "For more city news, you can sign up for our weekly newsletter here.",
            "When you post with a location, the network stores that location. You can switch it off before each post and delete your location history.",
            "Thanks for your interest in spreading the word about the Gazette.",
            "NOTE: We only ask for your email address so that the friend you are recommending the page to knows it came from you.",
            "Have more to add? We take your questions in our weekly live chat on Fridays; the comment box is open now.",
            "Get daily updates directly to your inbox + Subscribe Thank you for subscribing! Invalid Email",
            "Help spread the word! Share Tweet 2k shares",
            "Sorry, the page you requested was not found.",
            "Oops! That article can't be found.",
            "Since 2001 the crawler has been saving pages; these crawl data go to the Internet Archive's Wayback Machine after an embargo.",
        ] {
            assert!(reader_prompt(l).is_some(), "{l}");
        }
    }

    #[test]
    fn reports_about_these_things_are_kept() {
        for l in [
            "The company said it would let users delete their location history from the app.",
            "\"You can subscribe to the newsletter if you like,\" the mayor told the council on Monday.",
            "The newsletter, which has 20,000 subscribers, was founded in 2004 by two former teachers.",
            "Police said the missing hiker was found on Tuesday, and the report was not found to be accurate.",
            "Click here was the name of the band's first album, released in 1999 to good reviews.",
            "The mayor told the crowd: come and see what we have built here.",
            "The crowd came to watch the tall ships here.",
        ] {
            assert_eq!(reader_prompt(l), None, "{l}");
        }
    }

    #[test]
    fn a_promotion_box_closes_with_a_call_to_action() {
        assert!(super::promotion_box(
            "Sailing the coast: I set out in May on a six-month voyage round the island. I'll be filing dispatches every two weeks. Follow my voyage here."
        ));
        assert!(!super::promotion_box(
            "The mayor opened the sea wall on Monday, and the crowd cheered. Read the full speech here."
        ));
    }
}
