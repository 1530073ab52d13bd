//! Video-player, gallery and slideshow furniture: the control labels a
//! scraper flattens into the text ("Full Screen Autoplay Close Skip Ad",
//! "Replay More Videos", "Enlarge Image", "Slideshow (5 Images)"), gallery
//! counters ("3 of 12.") and labels printed twice in a row.
//!
//! Control labels are matched only when capitalised, as sites print them on
//! buttons: a writer's prose says "view the photos", a button says "View Photos".

use dossier_model::JunkReason;

/// Words of player and gallery controls. A run of them opens or sits in a
/// line of furniture.
const CONTROL_WORDS: &[&str] = &[
    "just",
    "watched",
    "must",
    "watch",
    "replay",
    "more",
    "videos",
    "video",
    "photos",
    "photo",
    "view",
    "slideshow",
    "gallery",
    "graphic",
    "enlarge",
    "image",
    "close",
    "full",
    "screen",
    "autoplay",
    "skip",
    "ad",
    "embed",
    "share",
    "tweet",
    "email",
    "print",
    "recommended",
    "related",
    "newsletter",
    "sign",
    "up",
    "continue",
    "reading",
    "next",
    "previous",
    "comments",
    "playback",
    "media",
    "play",
    "trending",
    "sponsored",
    "caption",
    "toggle",
    "hide",
    "expand",
    "collapse",
];

/// Control words that ordinary prose does not capitalise in pairs: a run
/// must hold one of them, so "More Republicans" or "Next Media" never count.
/// A line must hold one of them (or a [`TRIGGERS`] text) for the media
/// rules to run on it.
pub(super) const UI_ONLY: &[&str] = &[
    "watched",
    "replay",
    "videos",
    "photos",
    "slideshow",
    "gallery",
    "graphic",
    "enlarge",
    "autoplay",
    "skip",
    "embed",
    "tweet",
    "print",
    "recommended",
    "related",
    "newsletter",
    "playback",
    "caption",
    "toggle",
    "collapse",
    "trending",
    "sponsored",
    "comments",
    "screen",
];

/// Control words that name a player or a gallery and nothing else: one of
/// them in a run of controls anywhere in a line condemns it.
const PLAYER_ONLY: &[&str] = &[
    "slideshow",
    "autoplay",
    "replay",
    "enlarge",
    "embed",
    "playback",
];

/// Besides the [`UI_ONLY`] words, what a media line may show instead: a
/// player label ("Video:") or a close button's glyph.
pub(super) const TRIGGERS: &[&str] = &[
    "video:", "watch:", "audio:", "\u{d7}", "\u{2715}", "\u{2716}",
];

/// A line of player, gallery or button furniture, prose or not.
pub(super) fn media_furniture(line: &str) -> Option<JunkReason> {
    let t = line.trim();
    let close_glyph = t.starts_with(['×', '✕', '✖']);
    let counter = gallery_counter(t);
    if counter && gallery_caption(t) {
        return Some(JunkReason::PhotoCredit);
    }
    if close_glyph || opens_with_controls(t) || has_player_run(t) || counter {
        return Some(JunkReason::Boilerplate);
    }
    if media_label(t) || repeated_opening(t) {
        return Some(JunkReason::Boilerplate);
    }
    None
}

/// "Video: The mayor on the flood", "WATCH: ...": a short line opened by a
/// capitalised media label, the caption of a player or a gallery.
fn media_label(t: &str) -> bool {
    const LABELS: &[&str] = &[
        "Video",
        "Videos",
        "Watch",
        "Photos",
        "Gallery",
        "Slideshow",
        "Audio",
    ];
    let Some((label, _)) = t.split_once(": ") else {
        return false;
    };
    let known = LABELS
        .iter()
        .any(|l| *l == label || l.to_uppercase() == label);
    known && super::words(t) <= 25
}

/// A token of a control label: capitalised (Title Case or capitals), a
/// control word once lower-cased.
fn control_word(tok: &str) -> Option<&'static str> {
    // Most tokens open in lower case or with punctuation, which either
    // fails the capital or is trimmed off (and a trimmed token is refused).
    if !tok.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let bare = tok.trim_matches(|c: char| !c.is_alphanumeric());
    if !bare.chars().next().is_some_and(char::is_uppercase) || bare.len() != tok.len() {
        return None;
    }
    // Most tokens are ASCII, which compare without a lower-cased copy.
    if bare.is_ascii() {
        return CONTROL_WORDS
            .iter()
            .copied()
            .find(|w| w.eq_ignore_ascii_case(bare));
    }
    let lower = bare.to_lowercase();
    CONTROL_WORDS.iter().copied().find(|w| *w == lower)
}

/// The line opens with two or more control words, one of them a word only
/// an interface capitalises ("Enlarge Image Close ...", "Media playback ...",
/// "Newsletter Sign Up ..."), or with a player word alone on a short line
/// ("Slideshow (5 Images)").
fn opens_with_controls(t: &str) -> bool {
    let mut run = Vec::new();
    for tok in t.split_whitespace() {
        // "Media playback": the second word of a label may be lower case.
        let w = control_word(tok).or_else(|| {
            (run.len() == 1)
                .then(|| tok.to_lowercase())
                .and_then(|l| PLAYER_ONLY.iter().copied().find(|w| *w == l))
        });
        match w {
            Some(w) => run.push(w),
            None => break,
        }
    }
    let ui = run.iter().any(|w| UI_ONLY.contains(w));
    let short_player = run.len() == 1 && PLAYER_ONLY.contains(&run[0]) && super::words(t) <= 6;
    (run.len() >= 2 && ui) || short_player
}

/// Somewhere in the line, a run of two or more control words holding a
/// player word ("... Israel View Slideshow European Pressphoto ...").
fn has_player_run(t: &str) -> bool {
    if player_word_matcher().is_some_and(|m| !m.is_match(t)) {
        return false;
    }
    let mut run: Vec<&str> = Vec::new();
    for tok in t.split_whitespace().chain(std::iter::once("")) {
        match control_word(tok) {
            Some(w) => run.push(w),
            None => {
                if run.len() >= 2 && run.iter().any(|w| PLAYER_ONLY.contains(w)) {
                    return true;
                }
                run.clear();
            }
        }
    }
    false
}

/// The [`PLAYER_ONLY`] words in any case: a run holding one needs one of
/// them in the line, so one scan spares most lines the word-by-word walk.
/// "playbac": the only letter outside ASCII that lower-cases into ASCII
/// letters alone is the Kelvin sign, to 'k', which the token walk would
/// take for the last letter of "playback".
fn player_word_matcher() -> Option<&'static aho_corasick::AhoCorasick> {
    static M: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> = std::sync::OnceLock::new();
    M.get_or_init(|| {
        let words = PLAYER_ONLY.iter().map(|w| w.strip_suffix('k').unwrap_or(w));
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(words)
            .ok()
    })
    .as_ref()
}

/// "1 of 6. The encampment at City Hall is seen before the deadline, November
/// 27, 2011.": after the counter, a picture's caption (prose, not controls),
/// which dates the picture as other captions do.
fn gallery_caption(t: &str) -> bool {
    let rest = t.splitn(4, char::is_whitespace).nth(3).unwrap_or("");
    !opens_with_controls(rest) && rest.split_whitespace().count() >= 6
}

/// "1 of 10 Full Screen ...", "1 of 6. The encampment ...": a gallery's
/// position counter, followed by a full stop or by control words.
fn gallery_counter(t: &str) -> bool {
    let mut it = t.split_whitespace();
    let (Some(a), Some(of), Some(b)) = (it.next(), it.next(), it.next()) else {
        return false;
    };
    let num = |s: &str| !s.is_empty() && s.len() <= 3 && s.bytes().all(|c| c.is_ascii_digit());
    let b_digits = b.trim_end_matches('.');
    if of != "of" || !num(a) || !num(b_digits) {
        return false;
    }
    let (Ok(x), Ok(y)) = (a.parse::<u32>(), b_digits.parse::<u32>()) else {
        return false;
    };
    let in_range = x >= 1 && x <= y;
    let rest = t.splitn(4, char::is_whitespace).nth(3).unwrap_or("");
    in_range && (b.ends_with('.') || opens_with_controls(rest))
}

/// A label printed twice before the text it labels ("Photos: A vigil
/// Photos: A vigil Mourners gather ...", "ABOUT THE FILM ABOUT THE FILM
/// ..."): the flattened heading and caption of a widget.
fn repeated_opening(t: &str) -> bool {
    // A label of up to 12 words, twice: only the first 24 words matter,
    // held on the stack as every line is asked.
    let mut buf = [""; 24];
    let mut len = 0;
    for (slot, w) in buf.iter_mut().zip(t.split_whitespace()) {
        *slot = w;
        len += 1;
    }
    let toks = &buf[..len];
    (2..=12).any(|k| {
        toks.len() >= 2 * k
            && toks[..k] == toks[k..2 * k]
            && toks[..k].iter().any(|w| w.chars().any(char::is_alphabetic))
    })
}

/// "replay Storm hits the coast Mayor: We will rebuild": a lower-case
/// control word, then capitalised titles with no sentence end. A report's
/// line opens with a capital; one that opens in lower case carries on a
/// sentence, whose words are mostly lower case.
pub(super) fn control_led_titles(t: &str) -> bool {
    let t = t.trim();
    let toks: Vec<&str> = t.split_whitespace().collect();
    let Some(first) = toks.first() else {
        return false;
    };
    let control = first.len() <= 8 && first.chars().all(|c| c.is_ascii_lowercase());
    let rest = &toks[1..];
    let capitals = rest
        .iter()
        .filter(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c == '\'')
        })
        .count();
    let ends_open = !t.ends_with(['.', '!', ',', ';']);
    control && rest.len() >= 4 && capitals * 2 >= rest.len() && ends_open
}

#[cfg(test)]
mod tests {
    use super::media_furniture;

    #[test]
    fn player_and_gallery_controls_are_furniture() {
        for l in [
            "3 of 14 Full Screen Autoplay Close Skip Ad × Flood waters rise in the old town View Photos",
            "JUST WATCHED Divers search the harbour Replay More Videos ... MUST WATCH Divers search the harbour 01:12",
            "Enlarge Image Close Staff Photographer A ferry leaves the quay at dawn.",
            "Enlarge Image City Archive",
            "Slideshow (7 Images)",
            "Media playback is unsupported on your device Media caption The mayor speaks at the quay",
            "EMBED More News Videos Firefighters battle a brush fire near the freeway.",
            "Harbour storm View Slideshow Agency Staff Waves break over the sea wall on Monday.",
            "2 of 9. A ferry leaves the quay at dawn on Tuesday.",
            "× Close What is the Critic Score?",
            "Pictures: Harbour storm Pictures: Harbour storm Waves break over the sea wall.",
            "BEHIND THE SCENES BEHIND THE SCENES The Long Winter",
            "View Graphic How the storm moved",
            "Video: The harbour master on how the storm hit the town on Monday night.",
            "WATCH: The mayor holds a news conference on the flood",
        ] {
            assert!(media_furniture(l).is_some(), "{l}");
        }
    }

    #[test]
    fn a_gallery_caption_is_a_picture_caption_and_a_counter_with_controls_is_furniture() {
        use dossier_model::JunkReason;
        assert_eq!(
            media_furniture("2 of 9. A ferry leaves the quay at Kessa at dawn, March 3, 2031."),
            Some(JunkReason::PhotoCredit)
        );
        assert_eq!(
            media_furniture("3 of 14 Full Screen Autoplay Close Skip Ad"),
            Some(JunkReason::Boilerplate)
        );
    }

    #[test]
    fn prose_with_interface_words_is_kept() {
        for l in [
            "More Republicans said they would view the photos before the vote.",
            "Next Media Animation released a video about the crash.",
            "Visitors can view the slideshow of the old harbour at the museum.",
            "3 of 10 Americans say they have never visited the capital.",
            "Close to 200 people watched the replay on a big screen in the square.",
            "Very, very few people came to the meeting that night.",
            "Autoplay videos are a common complaint among readers of news sites, the survey found.",
        ] {
            assert_eq!(media_furniture(l), None, "{l}");
        }
    }

    #[test]
    fn a_control_word_before_clip_titles_is_furniture() {
        assert!(super::control_led_titles(
            "replay Storm hits the coast Mayor: We Will Rebuild"
        ));
        assert!(!super::control_led_titles(
            "and the mayor said the harbour would reopen on Monday"
        ));
    }
}
