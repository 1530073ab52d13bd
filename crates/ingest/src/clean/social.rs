//! Social-media residue: posts that string hashtags (a newsroom's promotion;
//! a newsmaker's own post is quoted evidence and stays), and "follow us" lines with handles or profile links.

use dossier_model::JunkReason;

use super::words;

/// Profile links of social networks.
const PROFILE_LINKS: &[&str] = &[
    "twitter.com/",
    "instagram.com/",
    "facebook.com/",
    "tiktok.com/@",
    "x.com/",
];

/// A social post or a follow prompt, prose or not. `lower` is the trimmed
/// line in lower case, made once for all the furniture rules.
pub(super) fn social_residue(line: &str, lower: &str) -> Option<JunkReason> {
    let t = line.trim();
    // An embedded post signed by a newsmaker is quoted evidence and stays;
    // one that strings hashtags is a newsroom's promotion.
    if hashtag_string(t) {
        return Some(JunkReason::Boilerplate);
    }
    if follow_prompt(t, lower) || labelled_link(t) {
        return Some(JunkReason::SharePrompt);
    }
    if handle_credit(t) {
        return Some(JunkReason::PhotoCredit);
    }
    None
}

/// "Twitter: @annlee", "@annlee via Instagram": a handle with nothing but
/// a network's label or "via", the credit of an embedded picture or a
/// profile pointer.
fn handle_credit(t: &str) -> bool {
    if !t.contains('@') {
        return false;
    }
    let toks: Vec<&str> = t.split_whitespace().collect();
    let handles = toks.iter().filter(|w| is_handle(w)).count();
    let rest_ok = toks.iter().all(|w| {
        is_handle(w)
            || matches!(*w, "via" | "on" | "|")
            || (w.ends_with(':') || w.chars().next().is_some_and(char::is_uppercase))
                && w.trim_end_matches(':').chars().all(char::is_alphabetic)
    });
    handles == 1 && (2..=4).contains(&toks.len()) && rest_ok
}

/// "Read or Share this story: http://short.example/2bh": a label that
/// ends with a colon, then a bare link, on a short line.
fn labelled_link(t: &str) -> bool {
    // The colon alone first: a byte scan, where a substring search has a
    // costly set-up on every line.
    if !t.as_bytes().contains(&b':') || !t.contains(": http") {
        return false;
    }
    let Some((label, link)) = t.split_once(": ") else {
        return false;
    };
    let bare = link.starts_with("http://") || link.starts_with("https://");
    // The label speaks of the page itself; "Registration: https://..." or
    // a shop's link in a list is the text's own.
    let lower = label.to_lowercase();
    let about_page = ["share", "story", "permalink", "article", "read", "here"]
        .iter()
        .any(|w| lower.contains(w));
    bare && about_page && !link.trim().contains(' ') && (1..=8).contains(&words(label))
}

fn is_hashtag(w: &str) -> bool {
    w.strip_prefix('#')
        .and_then(|r| r.chars().next())
        .is_some_and(char::is_alphabetic)
}

fn is_handle(w: &str) -> bool {
    let w = w.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | '.' | ':' | ';'));
    w.strip_prefix('@')
        .is_some_and(|r| !r.is_empty() && r.chars().all(|c| c.is_alphanumeric() || c == '_'))
}

/// Three hashtags, or two beside a handle: a post, not a report (which
/// names a campaign's hashtag once or twice).
fn hashtag_string(t: &str) -> bool {
    if !t.contains('#') {
        return false;
    }
    let tags = t
        .split(|c: char| c.is_whitespace() || c == '.' || c == ',')
        .filter(|w| is_hashtag(w))
        .count();
    let handles = t.split_whitespace().filter(|w| is_handle(w)).count();
    tags >= 3 || (tags >= 2 && handles >= 1)
}

/// "Follow Ann on Twitter", "For the latest news, follow @desk", "Ann Lee
/// on Twitter: twitter.com/annlee": a short line that points to a profile.
/// `lower` is `t` in lower case.
fn follow_prompt(t: &str, lower: &str) -> bool {
    if words(t) > 20 {
        return false;
    }
    let networks = [
        "twitter",
        "instagram",
        "facebook",
        "tiktok",
        "threads",
        "bluesky",
    ];
    let follow = has_follow(lower)
        && lower
            .split(|c: char| !c.is_alphabetic())
            .any(|w| w == "follow")
        && (networks.iter().any(|n| lower.contains(n)) || t.split_whitespace().any(is_handle));
    // A picture link ("pic.twitter.com/...") belongs to an embedded post,
    // which is quoted evidence; a profile link points at an account.
    // Every profile link holds a '/' and both labels a ':': one scan for
    // them spares most lines seven substring searches.
    let marks = lower.bytes().any(|b| b == b'/' || b == b':');
    let profile = marks && (profile_link(lower) || network_label(lower));
    follow || profile
}

/// Whether "follow" occurs in `lower` at all: a byte scan for its 'f'
/// spares most lines the split into words that finds it as a word.
fn has_follow(lower: &str) -> bool {
    let b = lower.as_bytes();
    memchr::memchr_iter(b'f', b).any(|i| b[i..].starts_with(b"follow"))
}

/// A link to an account on a network, not to a post's picture.
fn profile_link(lower: &str) -> bool {
    PROFILE_LINKS.iter().any(|l| {
        lower
            .match_indices(l)
            .any(|(i, _)| !lower[..i].ends_with("pic."))
    })
}

/// "Ann Lee on Twitter:", the label before a profile.
fn network_label(lower: &str) -> bool {
    lower.contains(" on twitter:") || lower.contains(" on instagram:")
}

#[cfg(test)]
mod tests {
    use dossier_model::JunkReason;

    fn social_residue(l: &str) -> Option<JunkReason> {
        super::social_residue(l, &l.trim().to_lowercase())
    }

    #[test]
    fn embedded_posts_and_follow_prompts_are_found() {
        for l in [
            "#flood Crews at the #riverside park as #stormwatch goes on",
            "Stay tuned for updates #harbour #flood @citydesk",
            "Follow Ann on Twitter",
            "For the latest city news, follow @citydesk",
            "Tom Black on Twitter: : http://twitter.com/tblack",
            "Follow Film Writer Ann Lee on Twitter: www.twitter.com/annlee",
        ] {
            assert!(social_residue(l).is_some(), "{l}");
        }
    }

    #[test]
    fn reports_about_social_media_are_kept() {
        for l in [
            "Ann Lee (@annlee) said the flood had reached the bridge, in a post on Tuesday.",
            "We rebuild together — Ann Lee (@annlee) June 3, 2019",
            "Ann Lee (@annlee) The bridge is open again today. pic.twitter.com/AbCdEf12",
            "Following posts attacking the mayor, some councillors criticised her Twitter habit.",
            "The #MeToo movement has changed how companies handle complaints, she said.",
            "Millions of people follow the singer on Twitter, where she posts daily about her tours and her family and answers questions from fans of her music across the world.",
        ] {
            assert_eq!(social_residue(l), None, "{l}");
        }
    }

    #[test]
    fn handle_credits_and_labelled_links_are_found() {
        for l in [
            "Twitter: @annlee",
            "@annlee via Instagram",
            "Read or Share this story: http://short.example/2bhE4",
        ] {
            assert!(social_residue(l).is_some(), "{l}");
        }
        for l in [
            "The mayor thanked @annlee on Monday.",
            "Source: the port authority's report of 2031",
            "Registration: https://harbour.example/register",
        ] {
            assert_eq!(social_residue(l), None, "{l}");
        }
    }
}
