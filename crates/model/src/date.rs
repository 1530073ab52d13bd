//! Calendar dates as precise as the text allows: a year, a month or a day.
//!
//! We keep our own small proleptic-Gregorian arithmetic rather than a date crate
//! because news dates need partial precision ("June 2015", "2011") as a first-class
//! value, and relative dates only need day counts and weekdays.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Year,
    Month,
    Day,
}

impl Precision {
    pub const fn as_str(&self) -> &'static str {
        match self {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
        }
    }
}

/// A date of year, month or day precision. `month` and `day` are 1-based.
///
/// Ordering compares the earliest day each date could mean, so "2015" sorts
/// before "2015-06" which sorts before "2015-06-09".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Date {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl Date {
    /// A day-precision date, or `None` if it does not exist.
    pub fn ymd(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date {
            year,
            month: Some(month),
            day: Some(day),
        })
    }

    pub fn ym(year: i32, month: u8) -> Option<Date> {
        (1..=12).contains(&month).then_some(Date {
            year,
            month: Some(month),
            day: None,
        })
    }

    pub const fn year(year: i32) -> Date {
        Date {
            year,
            month: None,
            day: None,
        }
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// Days since 1970-01-01 of the first day this date can mean.
    pub fn first_day_number(&self) -> i64 {
        days_from_civil(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The day-precision date `n` days after 1970-01-01.
    pub fn from_day_number(n: i64) -> Date {
        let (y, m, d) = civil_from_days(n);
        Date {
            year: y,
            month: Some(m),
            day: Some(d),
        }
    }

    /// Add (or with a negative `n`, subtract) days; the result has day precision.
    pub fn add_days(&self, n: i64) -> Date {
        Date::from_day_number(self.first_day_number() + n)
    }

    /// 0 = Monday .. 6 = Sunday.
    pub fn weekday(&self) -> u8 {
        // 1970-01-01 was a Thursday (3).
        (self.first_day_number() + 3).rem_euclid(7) as u8
    }

    /// The same date cut down to a coarser precision.
    pub fn truncate(&self, p: Precision) -> Date {
        match p {
            Precision::Year => Date::year(self.year),
            Precision::Month => Date { day: None, ..*self },
            Precision::Day => *self,
        }
    }

    /// Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, ignoring anything after the day
    /// (`2015-06-09T10:00:00Z` gives 2015-06-09).
    pub fn parse_iso(s: &str) -> Option<Date> {
        let s = s.trim();
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = s.get(r)?;
            if part.bytes().all(|c| c.is_ascii_digit()) {
                part.parse().ok()
            } else {
                None
            }
        };
        let year = digits(0..4)? as i32;
        if b.len() == 4 {
            return Some(Date::year(year));
        }
        if b.get(4) != Some(&b'-') {
            return None;
        }
        let month = digits(5..7)? as u8;
        if b.len() == 7 {
            return Date::ym(year, month);
        }
        if b.get(7) != Some(&b'-') {
            return None;
        }
        let day = digits(8..10)? as u8;
        if b.len() > 10 && b[10].is_ascii_digit() {
            return None;
        }
        Date::ymd(year, month, day)
    }
}

impl PartialOrd for Date {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Date {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.first_day_number(), self.precision())
            .cmp(&(other.first_day_number(), other.precision()))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

pub fn is_leap_year(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn days_in_month(y: i32, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(y) => 29,
        2 => 28,
        _ => 0,
    }
}

// Howard Hinnant's days_from_civil / civil_from_days algorithms.
fn days_from_civil(y: i32, m: u8, d: u8) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    ((y + i64::from(m <= 2)) as i32, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip() {
        for n in [-800_000, -1, 0, 1, 16_595, 20_000, 2_000_000] {
            assert_eq!(Date::from_day_number(n).first_day_number(), n);
        }
        assert_eq!(Date::ymd(2015, 6, 9).unwrap().first_day_number(), 16_595);
    }

    #[test]
    fn weekdays_are_right() {
        // 9 June 2015 was a Tuesday; 29 February 2016 a Monday.
        assert_eq!(Date::ymd(2015, 6, 9).unwrap().weekday(), 1);
        assert_eq!(Date::ymd(2016, 2, 29).unwrap().weekday(), 0);
    }

    #[test]
    fn iso_parsing_and_display() {
        assert_eq!(
            Date::parse_iso("2015-06-09T10:00:00Z").unwrap().to_string(),
            "2015-06-09"
        );
        assert_eq!(
            Date::parse_iso("2015-06").unwrap().precision(),
            Precision::Month
        );
        assert_eq!(Date::parse_iso("2011").unwrap().to_string(), "2011");
        assert_eq!(Date::parse_iso("2015-02-30"), None);
        assert_eq!(Date::parse_iso("20150609"), None);
        assert_eq!(Date::parse_iso("June"), None);
    }

    #[test]
    fn partial_dates_sort_by_their_first_day() {
        let mut v = [
            Date::ymd(2015, 6, 9).unwrap(),
            Date::year(2015),
            Date::ym(2015, 6).unwrap(),
            Date::year(2014),
        ];
        v.sort();
        let s: Vec<String> = v.iter().map(ToString::to_string).collect();
        assert_eq!(s, ["2014", "2015", "2015-06", "2015-06-09"]);
    }
}
