//! Dates in text: absolute ("9 June 2015", "June 9", "2015-06-09", "June 2015",
//! "in 2011"), relative ("yesterday", "last Wednesday", "on Sunday", "earlier
//! this month", "two weeks ago") resolved against a reference date, and ranges
//! ("between June 9 and 13", "June 11 and 12", "2011-2014").

use dossier_model::{Article, Date, Precision, Span, TimeMention};

use crate::lex::{self, gap, is_space_gap, month_number, weekday_number, Tok};

/// Words before a bare year or month that make it a date.
const DATE_CONTEXT: &[&str] = &[
    "in",
    "since",
    "of",
    "until",
    "till",
    "by",
    "from",
    "to",
    "before",
    "after",
    "during",
    "early",
    "late",
    "mid",
    "end",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "between",
    "through",
    "throughout",
    "beginning",
    "start",
    "last",
    "this",
    "next",
    "and",
    "around",
    "circa",
    "on",
];

/// Words after a number that make it a count, not a year.
const COUNT_NOUNS: &[&str] = &[
    "people",
    "persons",
    "troops",
    "soldiers",
    "fighters",
    "men",
    "women",
    "children",
    "families",
    "dead",
    "killed",
    "votes",
    "voters",
    "homes",
    "houses",
    "km",
    "miles",
    "metres",
    "meters",
    "tonnes",
    "tons",
    "dollars",
    "euros",
    "pounds",
    "workers",
    "refugees",
    "migrants",
    "police",
    "officers",
    "residents",
    "prisoners",
    "students",
    "units",
    "cases",
    "jobs",
    "vehicles",
];

/// Every date mention of `text`, in order. Relative expressions and dates
/// without a year need `reference`; without one they are skipped. Results are
/// marked `inferred` when relative, or when the year came from a reference that
/// was itself inferred.
pub fn find(text: &str, reference: Option<Date>, reference_inferred: bool) -> Vec<TimeMention> {
    let toks = lex::tokens(text, 0);
    let cx = Cx {
        text,
        toks: &toks,
        reference: reference.filter(|r| r.precision() == Precision::Day),
        reference_inferred,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match cx.at(i) {
            Some(m) => {
                out.push(TimeMention {
                    span: Span::new(m.start, m.end),
                    date: m.date,
                    until: m.until,
                    inferred: m.inferred,
                });
                i = m.next.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}

/// A reference for an article with no publication date: the latest
/// day-precision date written out in full in its text.
pub fn infer_reference(article: &Article) -> Option<Date> {
    latest_full_day(&article.text).or_else(|| removed_line_day(article))
}

/// The latest day-precision date written out in full in `text`.
fn latest_full_day(text: &str) -> Option<Date> {
    current_day(&find(text, None, false))
}

/// The latest full day among written dates, as the day a text was written
/// near: unless the text names a later year, which makes that day background
/// (an obituary's "born on 21 June 1947" among "in 1999" and "in 2012").
pub fn current_day(mentions: &[TimeMention]) -> Option<Date> {
    let written = || mentions.iter().filter(|t| !t.inferred);
    let day = written()
        .filter(|t| t.date.precision() == Precision::Day)
        .map(|t| {
            t.until
                .filter(|u| u.precision() == Precision::Day)
                .unwrap_or(t.date)
        })
        .max()?;
    let latest_year = written()
        .map(|t| t.until.unwrap_or(t.date).year)
        .max()
        .unwrap_or(day.year);
    (latest_year <= day.year).then_some(day)
}

/// The latest full day that a removed photo caption or footer gives. A news
/// photo is dated the day of the event ("Saturday, Oct. 3, 2015, in Franklin,
/// Tenn. (AP Photo)"), and a print footer the day after publication ("A
/// version of this article appeared November 16, 2012, on page A1"): junk as
/// text, but either anchors "on Wednesday" when the text names no day.
pub fn removed_line_day(article: &Article) -> Option<Date> {
    article
        .removed
        .iter()
        .filter(|r| {
            matches!(
                r.reason,
                dossier_model::JunkReason::PhotoCredit | dossier_model::JunkReason::Footer
            )
        })
        .filter_map(|r| latest_full_day(&r.text))
        .max()
}

/// Re-resolve an article's dates against a reference found elsewhere (for
/// example from other articles of its story); relative ones come out inferred.
pub fn reanchor(article: &mut Article, reference: Date) {
    article.times = find(&article.text, Some(reference), true);
    crate::claims::retime(article);
}

struct Found {
    start: usize,
    end: usize,
    date: Date,
    until: Option<Date>,
    inferred: bool,
    /// The token index after the mention.
    next: usize,
}

struct Cx<'a> {
    text: &'a str,
    toks: &'a [Tok<'a>],
    reference: Option<Date>,
    reference_inferred: bool,
}

fn day_of(w: &str) -> Option<u8> {
    let d = w
        .strip_suffix("st")
        .or_else(|| w.strip_suffix("nd"))
        .or_else(|| w.strip_suffix("rd"))
        .or_else(|| w.strip_suffix("th"))
        .unwrap_or(w);
    if d.is_empty() || d.len() > 2 || !d.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    d.parse().ok().filter(|n| (1..=31).contains(n))
}

fn year_of(w: &str) -> Option<i32> {
    if w.len() != 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    w.parse().ok().filter(|y| (1800..=2100).contains(y))
}

fn day_range(w: &str) -> Option<(u8, u8)> {
    let (a, b) = w.split_once('-')?;
    let (a, b) = (day_of(a)?, day_of(b)?);
    (a < b).then_some((a, b))
}

fn unit_number(w: &str) -> Option<i64> {
    let l = w.to_lowercase();
    if l == "a" || l == "an" {
        return Some(1);
    }
    if let Some(n) = lex::word_number(&l) {
        return Some(n as i64);
    }
    l.parse::<i64>().ok().filter(|n| (1..=500).contains(n))
}

impl<'a> Cx<'a> {
    fn tok(&self, i: usize) -> Option<&'a Tok<'a>> {
        self.toks.get(i)
    }

    fn lower(&self, i: usize) -> String {
        self.tok(i)
            .map(|t| t.text.to_lowercase())
            .unwrap_or_default()
    }

    /// Tokens `i` and `i + 1` are separated by spaces only.
    fn sp(&self, i: usize) -> bool {
        match (self.tok(i), self.tok(i + 1)) {
            (Some(a), Some(b)) => is_space_gap(gap(self.text, a, b)),
            _ => false,
        }
    }

    /// Spaces or a comma and spaces.
    fn sp_or_comma(&self, i: usize) -> bool {
        match (self.tok(i), self.tok(i + 1)) {
            (Some(a), Some(b)) => {
                let g = gap(self.text, a, b);
                is_space_gap(g) || (g.starts_with(',') && is_space_gap(&g[1..]))
            }
            _ => false,
        }
    }

    fn month_at(&self, i: usize) -> Option<u8> {
        let t = self.tok(i)?;
        if !lex::is_cap(t.text) {
            return None;
        }
        month_number(t.text)
    }

    fn year_at(&self, i: usize) -> Option<i32> {
        year_of(self.tok(i)?.text)
    }

    fn day_at(&self, i: usize) -> Option<u8> {
        day_of(self.tok(i)?.text)
    }

    fn found(
        &self,
        a: usize,
        b: usize,
        date: Date,
        until: Option<Date>,
        inferred: bool,
    ) -> Option<Found> {
        Some(Found {
            start: self.tok(a)?.start,
            end: self.tok(b)?.end,
            date,
            until,
            inferred,
            next: b + 1,
        })
    }

    /// The year of a day-month written without one: the reference's, or the
    /// year before when that would put it well after the reference.
    /// A date after the reference is taken as last year's unless the
    /// sentence speaks of the future ("will", "scheduled", "next").
    fn year_for(&self, month: u8, day: Option<u8>, pos: usize) -> Option<i32> {
        let r = self.reference?;
        let y = r.year;
        let d = Date::ymd(y, month, day.unwrap_or(1)).or_else(|| Date::ym(y, month))?;
        let after_ref = match day {
            Some(_) => d.first_day_number() > r.first_day_number(),
            None => month > r.month.unwrap_or(12),
        };
        let days_after = d.first_day_number() - r.first_day_number();
        let far = days_after > 300;
        // Within a week of the reference, or after "until"/"by", the date is
        // simply upcoming ("adjourned until October 3").
        let prev = self
            .text
            .get(..pos)
            .unwrap_or("")
            .trim_end()
            .rsplit(' ')
            .next()
            .unwrap_or("")
            .to_lowercase();
        let upcoming = (day.is_some() && days_after <= 7)
            || (day.is_some() && days_after <= 31 && !self.past_context(pos))
            || matches!(prev.as_str(), "until" | "till" | "by" | "before");
        Some(
            if after_ref && (far || !(upcoming || self.future_context(pos))) {
                y - 1
            } else {
                y
            },
        )
    }

    /// A past-tense event verb earlier in the sentence: "Talks held June 11".
    fn past_context(&self, pos: usize) -> bool {
        let mut from = pos.saturating_sub(80);
        while from > 0 && !self.text.is_char_boundary(from) {
            from -= 1;
        }
        let before = self.text.get(from..pos).unwrap_or("");
        let before = before.rsplit(['.', '\n']).next().unwrap_or("");
        [
            " was ",
            " were ",
            " had ",
            " held ",
            " took place",
            " happened",
            " occurred",
            " ended",
            " began",
            " killed",
            " died",
            " fell ",
        ]
        .iter()
        .any(|p| before.contains(p))
    }

    fn future_context(&self, pos: usize) -> bool {
        let from = pos.saturating_sub(80);
        let mut from = from;
        while from > 0 && !self.text.is_char_boundary(from) {
            from -= 1;
        }
        let before = self.text.get(from..pos).unwrap_or("");
        let before = before.rsplit(['.', '\n']).next().unwrap_or("");
        [
            " will ",
            "'ll ",
            " expected ",
            " planned ",
            " upcoming ",
            " next ",
            " to be held ",
            " due ",
            " plans ",
            " scheduled ",
            " due to ",
            " expected to ",
            " plans to ",
            " set to ",
            " is to ",
            " are to ",
        ]
        .iter()
        .any(|p| before.contains(p))
    }

    fn at(&self, i: usize) -> Option<Found> {
        let t = self.tok(i)?;
        let w = t.text;
        // ISO 2015-06-09.
        if w.len() == 10 && w.as_bytes().get(4) == Some(&b'-') {
            if let Some(d) = Date::parse_iso(w) {
                return self.found(i, i, d, None, false);
            }
        }
        if let Some(f) = self.day_first(i) {
            return Some(f);
        }
        if let Some(f) = self.month_first(i) {
            return Some(f);
        }
        if let Some(f) = self.year_alone(i) {
            return Some(f);
        }
        self.relative(i)
    }

    /// "9 June 2015", "9th of June", "9-13 June", "9 and 13 June".
    fn day_first(&self, i: usize) -> Option<Found> {
        let w = self.tok(i)?.text;
        let (d1, d2) = match day_of(w) {
            Some(d) => (d, None),
            None => {
                let (a, b) = day_range(w)?;
                (a, Some(b))
            }
        };
        let mut j = i + 1;
        let mut d2 = d2;
        if d2.is_none()
            && self.sp(i)
            && matches!(self.lower(j).as_str(), "and" | "to" | "until" | "through")
            && self.sp(j)
        {
            if let Some(b) = self.day_at(j + 1) {
                if self.sp(j + 1) && self.month_at(j + 2).is_some() {
                    d2 = Some(b);
                    j += 2;
                }
            }
        }
        if self.lower(j) == "of" && self.sp(j - 1) && self.sp(j) {
            j += 1;
        }
        if !self.sp(j - 1) {
            return None;
        }
        let m = self.month_at(j)?;
        let (year, last, inferred) = match self.year_at(j + 1).filter(|_| self.sp_or_comma(j)) {
            Some(y) => (y, j + 1, false),
            None => (
                self.year_for(m, Some(d1), self.tok(i)?.start)?,
                j,
                self.reference_inferred,
            ),
        };
        let date = Date::ymd(year, m, d1)?;
        let until = d2.and_then(|d| Date::ymd(year, m, d));
        self.found(i, last, date, until, inferred)
    }

    /// "June 9, 2015", "June 9", "June 9-13", "June 11 and 12", "June 2015", "in June".
    fn month_first(&self, i: usize) -> Option<Found> {
        let m = self.month_at(i)?;
        let abbrev =
            self.tok(i)?.text.len() <= 4 && !matches!(self.tok(i)?.text, "May" | "June" | "July");
        if self.sp(i) || self.text.get(self.tok(i)?.end..self.tok(i)?.end + 2) == Some(". ") {
            let next_ok = self.sp(i)
                || self
                    .tok(i + 1)
                    .is_some_and(|n| n.start == self.tok(i).map_or(0, |t| t.end) + 2);
            if next_ok {
                let nw = self.tok(i + 1).map(|t| t.text).unwrap_or("");
                let (d1, d2) = match day_of(nw) {
                    Some(d) => (Some(d), None),
                    None => match day_range(nw) {
                        Some((a, b)) => (Some(a), Some(b)),
                        None => (None, None),
                    },
                };
                if let Some(d1) = d1 {
                    let mut last = i + 1;
                    let mut year = None;
                    if let Some(y) = self.year_at(i + 2).filter(|_| self.sp_or_comma(i + 1)) {
                        year = Some(y);
                        last = i + 2;
                    }
                    let mut until_md: Option<(u8, u8)> = d2.map(|d| (m, d));
                    if until_md.is_none()
                        && self.sp(last)
                        && matches!(
                            self.lower(last + 1).as_str(),
                            "and" | "to" | "until" | "through" | "till"
                        )
                        && self.sp(last + 1)
                    {
                        if let Some(d) = self.day_at(last + 2).filter(|&d| d > d1 || year.is_some())
                        {
                            if self.month_at(last + 3).is_none() {
                                until_md = Some((m, d));
                                last += 2;
                            }
                        } else if let Some(m2) = self.month_at(last + 2) {
                            if let Some(d) = self.day_at(last + 3).filter(|_| self.sp(last + 2)) {
                                until_md = Some((m2, d));
                                last += 3;
                            }
                        }
                        if year.is_none() && until_md.is_some() {
                            if let Some(y) =
                                self.year_at(last + 1).filter(|_| self.sp_or_comma(last))
                            {
                                year = Some(y);
                                last += 1;
                            }
                        }
                    }
                    let (year, inferred) = match year {
                        Some(y) => (y, false),
                        None => (
                            self.year_for(m, Some(d1), self.tok(i)?.start)?,
                            self.reference_inferred,
                        ),
                    };
                    let date = Date::ymd(year, m, d1)?;
                    let until = until_md
                        .and_then(|(m2, d)| Date::ymd(if m2 < m { year + 1 } else { year }, m2, d));
                    return self.found(i, last, date, until, inferred);
                }
                if let Some(y) = self.year_at(i + 1).filter(|_| self.sp_or_comma(i)) {
                    return self.found(i, i + 1, Date::ym(y, m)?, None, false);
                }
            }
        }
        // A month alone needs a preposition before it and a reference year.
        if abbrev || i == 0 || !self.sp(i - 1) {
            return None;
        }
        let prev = self.lower(i - 1);
        if !DATE_CONTEXT.contains(&prev.as_str()) || prev == "and" || prev == "to" {
            return None;
        }
        let r = self.reference?;
        let year = match prev.as_str() {
            "last" => {
                if m < r.month.unwrap_or(1) {
                    r.year
                } else {
                    r.year - 1
                }
            }
            "next" => {
                if m > r.month.unwrap_or(1) {
                    r.year
                } else {
                    r.year + 1
                }
            }
            "this" => r.year,
            _ => self.year_for(m, None, self.tok(i)?.start)?,
        };
        let start = if matches!(prev.as_str(), "last" | "next" | "this") {
            i - 1
        } else {
            i
        };
        let inferred = matches!(prev.as_str(), "last" | "next" | "this") || self.reference_inferred;
        self.found(start, i, Date::ym(year, m)?, None, inferred)
    }

    /// "in 2011", "mid-2014", "between 2011 and 2014", "2011-2014", "2008-09".
    fn year_alone(&self, i: usize) -> Option<Found> {
        let w = self.tok(i)?.text;
        // "2012's Zero Dark Thirty": the year a work came out, before its title.
        let poss = lex::possessive_len(w);
        let w = w.get(..w.len() - poss).unwrap_or(w);
        let (y, until, mid) = if let Some(rest) = w.strip_prefix("mid-") {
            (year_of(rest)?, None, true)
        } else if let Some((a, b)) = w.split_once('-') {
            let a_year = year_of(a)?;
            let (a, b) = (a_year, year_of(b).or_else(|| short_end_year(a_year, b))?);
            if b <= a {
                return None;
            }
            (a, Some(b), false)
        } else {
            (year_of(w)?, None, false)
        };
        if !(1900..=2100).contains(&y) {
            return None;
        }
        let prev = if i > 0 && self.sp(i - 1) {
            self.lower(i - 1)
        } else {
            String::new()
        };
        let after = self.text.get(self.tok(i)?.end..).unwrap_or("");
        // "2000 troops": a count, not a year.
        let followed_by_unit = self
            .tok(i + 1)
            .filter(|_| self.sp(i))
            .is_some_and(|n| COUNT_NOUNS.contains(&n.text.to_lowercase().as_str()));
        // "the 2024 floods": a year used as an adjective.
        let attributive = matches!(prev.as_str(), "the" | "its" | "their" | "his" | "her")
            && (1950..=2100).contains(&y)
            && self
                .tok(i + 1)
                .filter(|_| self.sp(i))
                .is_some_and(|n| lex::is_lower_word(n.text));
        let titled_work = poss > 0
            && self
                .tok(i + 1)
                .filter(|_| self.sp(i))
                .is_some_and(|n| lex::is_cap(n.text));
        let ctx = mid
            || attributive
            || titled_work
            || self.year_before_noun(i, &prev, y)
            || until.is_some()
            || DATE_CONTEXT.contains(&prev.as_str())
                && prev != "and"
                && prev != "to"
                && prev != "this"
                && prev != "next"
                && prev != "last"
            || prev.ends_with("'s")
            || (i == 0
                || self
                    .text
                    .get(..self.tok(i)?.start)
                    .is_some_and(|p| p.trim_end_matches(' ').ends_with(['(', ','])))
                && (after.starts_with(')') || after.starts_with(','));
        if !ctx || followed_by_unit {
            return None;
        }
        let mut last = i;
        let mut until = until.map(Date::year);
        if until.is_none()
            && self.sp(i)
            && matches!(
                self.lower(i + 1).as_str(),
                "and" | "to" | "until" | "through"
            )
            && self.sp(i + 1)
        {
            if let Some(y2) = self.year_at(i + 2).filter(|&y2| y2 > y) {
                until = Some(Date::year(y2));
                last = i + 2;
            }
        }
        self.found(i, last, Date::year(y), until, false)
    }

    /// "a 2009 court ruling", "the striking 2002 novel", "the 1991 World
    /// Championships": a year between a determiner (and perhaps one adjective)
    /// and the noun it dates. A plural noun after it is counted instead ("the
    /// estimated 1990 voters"), unless capitalised.
    fn year_before_noun(&self, i: usize, prev: &str, y: i32) -> bool {
        let determiner =
            |p: &str| matches!(p, "the" | "a" | "an" | "its" | "their" | "his" | "her");
        let prev2 = if i > 1 && self.sp(i - 2) && self.sp(i - 1) {
            self.lower(i - 2)
        } else {
            String::new()
        };
        let det = determiner(prev) || (lex::is_lower_word(prev) && determiner(&prev2));
        let noun = self.tok(i + 1).filter(|_| self.sp(i)).is_some_and(|n| {
            let t = n.text;
            let l = t.to_lowercase();
            !COUNT_NOUNS.contains(&l.as_str())
                && ((lex::is_cap(t) && t.chars().all(char::is_alphabetic))
                    || (lex::is_lower_word(t) && !l.ends_with('s')))
        });
        det && noun && (1900..=2100).contains(&y)
    }

    fn relative(&self, i: usize) -> Option<Found> {
        let r = self.reference?;
        let w = self.tok(i)?.text;
        let l = w.to_lowercase();
        let rel = |d: Date| (d, true);
        match l.as_str() {
            "yesterday" => return self.found(i, i, r.add_days(-1), None, true),
            "today" | "tonight" => return self.found(i, i, r, None, true),
            "tomorrow" => return self.found(i, i, r.add_days(1), None, true),
            _ => {}
        }
        // Weekdays, with or without "last"/"next"/"this"/"on".
        let bare = w.get(..w.len() - lex::possessive_len(w)).unwrap_or(w);
        if let Some(wd) = weekday_number(bare).filter(|_| lex::is_cap(w)) {
            let prev = if i > 0 && self.sp(i - 1) {
                self.lower(i - 1)
            } else {
                String::new()
            };
            let start = if matches!(prev.as_str(), "last" | "next" | "this" | "past" | "coming") {
                i - 1
            } else {
                i
            };
            let future = prev == "next"
                || prev == "coming"
                || (prev != "last" && prev != "past" && self.future_context(self.tok(i)?.start));
            let rw = i64::from(r.weekday());
            let wd = i64::from(wd);
            let d = if future {
                let f = (wd - rw).rem_euclid(7);
                r.add_days(if f == 0 { 7 } else { f })
            } else if self.reference_inferred && !matches!(prev.as_str(), "last" | "past") {
                // An inferred reference is a date the text names (a caption, a
                // dateline, the event), written on it or a few days later: the
                // weekday is the one nearest to it, up to three days after.
                let f = (wd - rw).rem_euclid(7);
                r.add_days(if f <= 3 { f } else { f - 7 })
            } else {
                // A report dated Monday that says "on Monday" means that day;
                // "last Monday" means a week before.
                let b = (rw - wd).rem_euclid(7);
                let same_day_is_meant = !matches!(prev.as_str(), "last" | "past");
                r.add_days(-(if b == 0 && !same_day_is_meant { 7 } else { b }))
            };
            return self.found(start, i, d, None, true);
        }
        // "last week", "earlier this month", "next year", "last night".
        if matches!(l.as_str(), "last" | "this" | "next" | "past") && self.sp(i) {
            let unit = self.lower(i + 1);
            let unit = unit
                .strip_suffix("'s")
                .or_else(|| unit.strip_suffix("’s"))
                .unwrap_or(&unit)
                .to_string();
            let start = if i > 0
                && self.sp(i - 1)
                && matches!(self.lower(i - 1).as_str(), "earlier" | "later")
                && l == "this"
            {
                i - 1
            } else {
                i
            };
            let (y, m) = (r.year, r.month.unwrap_or(1));
            let prev_month = if m == 1 { (y - 1, 12) } else { (y, m - 1) };
            let next_month = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            let got = match (l.as_str(), unit.as_str()) {
                ("last" | "past", "week") => Some(rel(r.add_days(-7).truncate(Precision::Month))),
                ("this", "week") => Some(rel(r.truncate(Precision::Month))),
                ("next", "week") => Some(rel(r.add_days(7).truncate(Precision::Month))),
                ("last", "weekend") => {
                    let back = (i64::from(r.weekday()) - 5).rem_euclid(7);
                    Some(rel(r.add_days(-(if back == 0 { 7 } else { back }))))
                }
                ("last", "month") => Date::ym(prev_month.0, prev_month.1).map(rel),
                ("this", "month") => Date::ym(y, m).map(rel),
                ("next", "month") => Date::ym(next_month.0, next_month.1).map(rel),
                ("last", "year") => Some(rel(Date::year(y - 1))),
                ("this", "year") => Some(rel(Date::year(y))),
                ("next", "year") => Some(rel(Date::year(y + 1))),
                ("last", "night") => Some(rel(r.add_days(-1))),
                ("this", "morning" | "afternoon" | "evening") => Some(rel(r)),
                _ => None,
            };
            if let Some((d, inf)) = got {
                return self.found(start, i + 1, d, None, inf);
            }
        }
        // "two weeks ago", "a month ago".
        if let Some(n) = unit_number(w) {
            if self.sp(i) && self.sp(i + 1) && self.lower(i + 2) == "ago" {
                let unit = self.lower(i + 1);
                let d = match unit.trim_end_matches('s') {
                    "day" => r.add_days(-n),
                    "week" => r.add_days(-7 * n),
                    "month" => {
                        let total =
                            i64::from(r.year) * 12 + i64::from(r.month.unwrap_or(1)) - 1 - n;
                        Date::ym(
                            total.div_euclid(12) as i32,
                            (total.rem_euclid(12) + 1) as u8,
                        )?
                    }
                    "year" => Date::year(r.year - n as i32),
                    _ => return None,
                };
                return self.found(i, i + 2, d, None, true);
            }
        }
        None
    }
}

/// The end of a range written short: "2008-9" ends in 2009, "1950-53" in 1953.
fn short_end_year(start: i32, end: &str) -> Option<i32> {
    if end.is_empty() || end.len() > 2 || !end.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let base = 10i32.pow(end.len() as u32);
    let y = start - start % base + end.parse::<i32>().ok()?;
    (y > start).then_some(y)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ds(text: &str, r: Option<Date>) -> Vec<(String, String, Option<String>, bool)> {
        find(text, r, false)
            .into_iter()
            .map(|t| {
                (
                    text[t.span.start..t.span.end].to_string(),
                    t.date.to_string(),
                    t.until.map(|u| u.to_string()),
                    t.inferred,
                )
            })
            .collect()
    }

    fn r() -> Option<Date> {
        // Wednesday 10 June 2015.
        Date::ymd(2015, 6, 10)
    }

    #[test]
    fn absolute_forms() {
        let v = ds(
            "On 9 June 2015, then June 3, 2014, 2013-02-01, since November 2014 and in 2011.",
            None,
        );
        let got: Vec<(&str, &str)> = v.iter().map(|x| (x.0.as_str(), x.1.as_str())).collect();
        assert_eq!(
            got,
            [
                ("9 June 2015", "2015-06-09"),
                ("June 3, 2014", "2014-06-03"),
                ("2013-02-01", "2013-02-01"),
                ("November 2014", "2014-11"),
                ("2011", "2011")
            ]
        );
    }

    #[test]
    fn years_need_context() {
        assert!(ds("He counted 2000 sheep and 1999 goats.", None).is_empty());
        assert_eq!(ds("Fighting began in mid-2014.", None)[0].1, "2014");
    }

    #[test]
    fn day_month_without_year_uses_reference() {
        let v = ds("It fell on June 9 and again on December 20.", r());
        assert_eq!(v[0].1, "2015-06-09");
        assert_eq!(v[1].1, "2014-12-20");
        assert!(!v[0].3);
        assert!(ds("It fell on June 9.", None).is_empty());
    }

    #[test]
    fn relative_forms() {
        let v = ds("Yesterday they met; last Wednesday they fought, and on Sunday they rested. Earlier this month and last year too, two weeks ago, last month.", r());
        let got: Vec<(&str, &str, bool)> = v
            .iter()
            .map(|x| (x.0.as_str(), x.1.as_str(), x.3))
            .collect();
        assert_eq!(
            got,
            [
                ("Yesterday", "2015-06-09", true),
                ("last Wednesday", "2015-06-03", true),
                ("Sunday", "2015-06-07", true),
                ("Earlier this month", "2015-06", true),
                ("last year", "2014", true),
                ("two weeks ago", "2015-05-27", true),
                ("last month", "2015-05", true)
            ]
        );
        let v = ds("The vote will take place on Friday.", r());
        assert_eq!(v[0].1, "2015-06-12");
    }

    #[test]
    fn ranges() {
        let v = ds(
            "Clashes between June 9 and 13, then June 11 and 12, 20-22 May 2015, and 2011-2014, as in the winter of 2008-9.",
            r(),
        );
        let got: Vec<(&str, &str, Option<&str>)> = v
            .iter()
            .map(|x| (x.0.as_str(), x.1.as_str(), x.2.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("June 9 and 13", "2015-06-09", Some("2015-06-13")),
                ("June 11 and 12", "2015-06-11", Some("2015-06-12")),
                ("20-22 May 2015", "2015-05-20", Some("2015-05-22")),
                ("2011-2014", "2011", Some("2014")),
                ("2008-9", "2008", Some("2009"))
            ]
        );
    }

    #[test]
    fn reference_inference_and_reanchor() {
        let mut a = Article::new(
            dossier_model::ArticleId(0),
            "t",
            "On 3 March 2016 they met. On 1 March 2016 they talked. Yesterday it ended.".into(),
        );
        assert_eq!(infer_reference(&a), Date::ymd(2016, 3, 3));
        reanchor(&mut a, Date::ymd(2016, 3, 5).unwrap());
        let last = a.times.last().unwrap();
        assert_eq!(last.date.to_string(), "2016-03-04");
        assert!(last.inferred);
    }

    #[test]
    fn claims_follow_their_times_when_reanchored() {
        let mut a = Article::new(
            dossier_model::ArticleId(0),
            "t",
            "The Kessa depot was raided by police on Tuesday. A manager reported a smell from the vault on Saturday morning.".into(),
        );
        crate::Pipeline::standard().run(&mut a);
        reanchor(&mut a, Date::ymd(2031, 4, 7).unwrap());
        assert!(!a.times.is_empty());
        for c in &a.claims {
            let written: Vec<&str> = c
                .times
                .iter()
                .map(|&t| a.text_of(a.times[t].span))
                .collect();
            let within: Vec<&str> = a
                .times
                .iter()
                .filter(|t| t.span.within(c.span))
                .map(|t| a.text_of(t.span))
                .collect();
            assert_eq!(written, within, "{:?}", a.text_of(c.span));
        }
    }

    #[test]
    fn a_birth_date_in_an_obituary_is_no_reference() {
        let a = Article::new(
            dossier_model::ArticleId(0),
            "t",
            "Lena Ward died on Saturday. She was born on 21 June 1947 in Leeds. Her show ran from 1996 until 2004.".into(),
        );
        assert_eq!(infer_reference(&a), None);
        let recent = Article::new(
            dossier_model::ArticleId(0),
            "t",
            "The port reopened on 3 March 2031, a year after the 2030 floods.".into(),
        );
        assert_eq!(infer_reference(&recent), Date::ymd(2031, 3, 3));
    }

    #[test]
    fn a_removed_print_footer_or_caption_dates_an_undated_article() {
        use dossier_model::{JunkReason, RemovedLine};
        let mut a = Article::new(
            dossier_model::ArticleId(0),
            "t",
            "Crews worked through Wednesday night to clear the harbour.".into(),
        );
        let line = |text: &str, reason| RemovedLine {
            text: text.into(),
            reason,
        };
        // A date in a comment widget says when someone commented, not when
        // the story happened.
        a.removed = vec![line(
            "Posted by harbourfan on March 20, 2031 | Reply",
            JunkReason::CommentWidget,
        )];
        assert_eq!(infer_reference(&a), None);
        a.removed.push(line(
            "A version of this article appeared March 7, 2031, on page A4 of the Coast Ledger.",
            JunkReason::Footer,
        ));
        assert_eq!(infer_reference(&a), Date::ymd(2031, 3, 7));
        a.removed.push(line(
            "Divers check the pier, Thursday, March 6, 2031. (Coast Ledger photo)",
            JunkReason::PhotoCredit,
        ));
        assert_eq!(infer_reference(&a), Date::ymd(2031, 3, 7));
    }

    #[test]
    fn the_reference_weekday_means_that_day_unless_last() {
        // 16 June 2031 is a Monday.
        let monday = Date::ymd(2031, 6, 16);
        let on = find("Dockers walked out on Monday.", monday, false);
        assert_eq!(on[0].date.to_string(), "2031-06-16");
        let last = find("They met last Monday.", monday, false);
        assert_eq!(last[0].date.to_string(), "2031-06-09");
        let inferred = find("Dockers walked out on Monday.", monday, true);
        assert_eq!(inferred[0].date.to_string(), "2031-06-16");
    }

    #[test]
    fn years_that_date_a_noun_or_a_work() {
        let t = "Under a 2014 court ruling, and since the celebrated 1987 novel, and 1996's Harbour Lights, the 1975 Asian Games. About 2000 people came; the estimated 2000 voters left.";
        let years: Vec<String> = find(t, None, false)
            .iter()
            .map(|m| m.date.to_string())
            .collect();
        assert_eq!(years, ["2014", "1987", "1996", "1975"]);
    }

    #[test]
    fn an_inferred_reference_takes_the_nearest_weekday_up_to_three_days_after() {
        // The text names Monday 16 June 2031 (a caption); it was written then or soon after.
        let monday = Date::ymd(2031, 6, 16);
        let thu = find("The port reopened on Thursday.", monday, true);
        assert_eq!(thu[0].date.to_string(), "2031-06-19");
        let fri = find("The port closed on Friday.", monday, true);
        assert_eq!(fri[0].date.to_string(), "2031-06-13");
        let last = find("The port closed last Thursday.", monday, true);
        assert_eq!(last[0].date.to_string(), "2031-06-12");
    }
}
