//! Publication dates as pages and records write them: ISO 8601, RFC 2822,
//! "June 9, 2015", "9 June 2015", "2015/06/09", and dates inside URLs.

use dossier_model::Date;

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month_of(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    let prefix = w.get(..3)?;
    let i = MONTHS.iter().position(|m| *m == prefix)?;
    // "mayor" or "marches" are not months: the word must be a prefix of the full name.
    const FULL: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let full = FULL[i];
    (full.starts_with(&w) || (w == "sept")).then_some(i as u8 + 1)
}

/// Whether a text spells a month out ("4 May 2021", "Sept. 3"): then its
/// date is not an ambiguous all-numeric one.
pub(crate) fn names_a_month(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .any(|w| month_of(w).is_some())
}

fn plausible_year(y: i32) -> bool {
    (1900..=2100).contains(&y)
}

/// Parse a date written any common way; `None` when nothing date-like is found.
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Some(d) = Date::parse_iso(s).filter(|d| plausible_year(d.year)) {
        return Some(d);
    }
    // A longer ISO string: "2015-06-09T10:00:00+02:00" is covered above; try
    // the first 10 characters for forms like "2015-06-09 10:00".
    if let Some(d) = s
        .get(..10)
        .and_then(Date::parse_iso)
        .filter(|d| plausible_year(d.year))
    {
        return Some(d);
    }
    if let Some(d) = numeric_date(s) {
        return Some(d);
    }
    words_date(s).or_else(|| {
        // "Published 23.07.2025", "Posted: 10/31/2024 09:00".
        s.split_whitespace()
            .take(40)
            .filter(|t| t.len() >= 8 && t.bytes().next().is_some_and(|b| b.is_ascii_digit()))
            .find_map(numeric_date)
    })
}

/// "2015/06/09", "2015.06.09", "20150609".
fn numeric_date(s: &str) -> Option<Date> {
    let head: String = s.chars().take(10).collect();
    let parts: Vec<&str> = head.split(['/', '.', '-']).collect();
    if parts.len() == 3 && parts[0].len() == 4 {
        let y: i32 = parts[0].parse().ok()?;
        let m: u8 = parts[1].parse().ok()?;
        let d: u8 = parts[2].get(..2.min(parts[2].len()))?.parse().ok()?;
        return Date::ymd(y, m, d).filter(|d| plausible_year(d.year));
    }
    if let Some(d) = day_month_year(s) {
        return Some(d);
    }
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() == 8 {
        let y: i32 = digits.get(..4)?.parse().ok()?;
        let m: u8 = digits.get(4..6)?.parse().ok()?;
        let d: u8 = digits.get(6..8)?.parse().ok()?;
        return Date::ymd(y, m, d).filter(|d| plausible_year(d.year));
    }
    None
}

/// A date written with the year last: "23.07.2025" and "23-07-2025" are day
/// first, as Europe writes them; "10/31/2024" is month first, as the US
/// writes it, unless the first number cannot be a month ("31/10/2024").
fn day_month_year(s: &str) -> Option<Date> {
    let head_len = s
        .bytes()
        .take_while(|b| b.is_ascii_digit() || matches!(b, b'.' | b'/' | b'-'))
        .count();
    let head = s.get(..head_len)?.trim_end_matches(['.', '/', '-']);
    let sep = head.bytes().find(|b| !b.is_ascii_digit())?;
    let parts: Vec<&str> = head.split(sep as char).collect();
    let [a, b, y] = parts.as_slice() else {
        return None;
    };
    let short = |p: &str| (1..=2).contains(&p.len());
    if !short(a) || !short(b) || y.len() != 4 {
        return None;
    }
    let (a, b, y): (u8, u8, i32) = (a.parse().ok()?, b.parse().ok()?, y.parse().ok()?);
    let (month, day) = match sep {
        b'/' if a <= 12 => (a, b),
        _ => (b, a),
    };
    Date::ymd(y, month, day).filter(|d| plausible_year(d.year))
}

/// "June 9, 2015", "9 June 2015", "Tue, 09 Jun 2015 10:00:00 GMT", "June 2015".
fn words_date(s: &str) -> Option<Date> {
    let toks: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',' || c == '/')
        .filter(|t| !t.is_empty())
        .take(40)
        .collect();
    for (i, t) in toks.iter().enumerate() {
        let Some(m) = month_of(t) else { continue };
        let num = |k: usize| -> Option<u32> {
            let t = toks.get(k)?;
            let t = t.trim_end_matches(['.', ',']);
            let t = t
                .strip_suffix("st")
                .or_else(|| t.strip_suffix("nd"))
                .or_else(|| t.strip_suffix("rd"))
                .or_else(|| t.strip_suffix("th"))
                .unwrap_or(t);
            // A year glued to the next word by lost markup: "2024Updated".
            let digits = t.bytes().take_while(u8::is_ascii_digit).count();
            let t = match t.as_bytes().get(digits) {
                Some(b) if digits == 4 && b.is_ascii_alphabetic() => &t[..4],
                _ => t,
            };
            if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) || t.len() > 4 {
                return None;
            }
            t.parse().ok()
        };
        // Month Day Year
        if let (Some(d), Some(y)) = (num(i + 1), num(i + 2)) {
            if d <= 31 && plausible_year(y as i32) {
                if let Some(date) = Date::ymd(y as i32, m, d as u8) {
                    return Some(date);
                }
            }
        }
        // Day Month Year
        if i > 0 {
            if let (Some(d), Some(y)) = (num(i - 1), num(i + 1)) {
                if d <= 31 && plausible_year(y as i32) {
                    if let Some(date) = Date::ymd(y as i32, m, d as u8) {
                        return Some(date);
                    }
                }
            }
        }
        // Month Year
        if let Some(y) = num(i + 1) {
            if plausible_year(y as i32) {
                return Date::ym(y as i32, m);
            }
        }
    }
    None
}

/// A date in a URL path: `/2015/06/09/`, `/2015-06-09/`, `/20150609/`.
pub fn date_in_url(url: &str) -> Option<Date> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let segs: Vec<&str> = path.split('/').collect();
    for w in segs.windows(3) {
        let (Ok(y), Ok(m), Ok(d)) = (w[0].parse::<i32>(), w[1].parse::<u8>(), w[2].parse::<u8>())
        else {
            continue;
        };
        if w[0].len() == 4 && plausible_year(y) {
            if let Some(date) = Date::ymd(y, m, d) {
                return Some(date);
            }
        }
    }
    // `/2023/october/03/`: the month spelled out.
    for w in segs.windows(3) {
        let (Ok(y), Some(m), Ok(d)) = (w[0].parse::<i32>(), month_of(w[1]), w[2].parse::<u8>())
        else {
            continue;
        };
        if w[0].len() == 4 && plausible_year(y) {
            if let Some(date) = Date::ymd(y, m, d) {
                return Some(date);
            }
        }
    }
    for seg in &segs {
        let b = seg.as_bytes();
        for start in 0..b.len() {
            // yyyy-mm-dd inside a slug
            if let Some(cand) = seg.get(start..start + 10) {
                if cand.as_bytes().get(4) == Some(&b'-') {
                    if let Some(d) = Date::parse_iso(cand).filter(|d| {
                        plausible_year(d.year) && d.precision() == dossier_model::Precision::Day
                    }) {
                        let before_ok = start == 0 || !b[start - 1].is_ascii_digit();
                        if before_ok {
                            return Some(d);
                        }
                    }
                }
            }
        }
    }
    for w in segs.windows(2) {
        let (Ok(y), Ok(m)) = (w[0].parse::<i32>(), w[1].parse::<u8>()) else {
            continue;
        };
        if w[0].len() == 4 && w[1].len() == 2 && plausible_year(y) {
            return Date::ym(y, m);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<String> {
        parse_date(s).map(|d| d.to_string())
    }

    #[test]
    fn common_forms_parse() {
        assert_eq!(d("2016-04-21T09:30:00Z").as_deref(), Some("2016-04-21"));
        assert_eq!(d("2016-04-21 09:30").as_deref(), Some("2016-04-21"));
        assert_eq!(d("April 21, 2016").as_deref(), Some("2016-04-21"));
        assert_eq!(d("21 April 2016").as_deref(), Some("2016-04-21"));
        assert_eq!(
            d("Thu, 21 Apr 2016 09:30:00 GMT").as_deref(),
            Some("2016-04-21")
        );
        assert_eq!(d("Sept. 3rd, 2019").as_deref(), Some("2019-09-03"));
        assert_eq!(d("2016/04/21").as_deref(), Some("2016-04-21"));
        assert_eq!(d("March 2014").as_deref(), Some("2014-03"));
        assert_eq!(d("23.07.2025").as_deref(), Some("2025-07-23"));
        assert_eq!(d("23-07-2025 09:00").as_deref(), Some("2025-07-23"));
        assert_eq!(d("10/31/2024").as_deref(), Some("2024-10-31"));
        assert_eq!(d("2/4/2026").as_deref(), Some("2026-02-04"));
        assert_eq!(d("31/10/2024").as_deref(), Some("2024-10-31"));
        assert_eq!(d("Published 23.07.2025").as_deref(), Some("2025-07-23"));
        assert_eq!(d("Dec 17, 2025 Ana Ruiz").as_deref(), Some("2025-12-17"));
        assert_eq!(d("1.5.20"), None);
        assert_eq!(
            d("April 26, 2024Updated on: May 1, 2024").as_deref(),
            Some("2024-04-26")
        );
        assert_eq!(d("13/13/2024"), None);
        assert_eq!(d("the mayor spoke"), None);
        assert_eq!(d("Feb 30, 2016"), None);
    }

    #[test]
    fn url_dates() {
        let u = |s| date_in_url(s).map(|d| d.to_string());
        assert_eq!(
            u("https://x.example/2016/04/21/story-slug").as_deref(),
            Some("2016-04-21")
        );
        assert_eq!(
            u("https://x.example/news/story-2016-04-21.html").as_deref(),
            Some("2016-04-21")
        );
        assert_eq!(
            u("https://x.example/2016/04/story").as_deref(),
            Some("2016-04")
        );
        assert_eq!(u("https://x.example/item/12345/67/8"), None);
        assert_eq!(
            u("https://x.example/blog/2023/october/03/story").as_deref(),
            Some("2023-10-03")
        );
        assert_eq!(u("https://x.example/2023/mayor/03/story"), None);
    }
}
