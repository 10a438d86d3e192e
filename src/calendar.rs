//! Calendar dates: the publication date and the arithmetic that resolves
//! relative dates against it ("hôm qua", "thứ Hai tuần trước", "tháng 6
//! tới"). Proleptic Gregorian, years 1 to 9999, as the press writes them.

use std::fmt;
use std::str::FromStr;

use crate::Error;

/// A calendar day, written `YYYY-MM-DD`.
///
/// ```
/// use hoidam::Date;
///
/// let d: Date = "2019-09-25".parse()?;
/// assert_eq!(d, Date::new(2019, 9, 25).unwrap());
/// assert_eq!(d.to_string(), "2019-09-25");
/// assert_eq!(Date::new(2019, 2, 29), None, "not a leap year");
/// # Ok::<(), hoidam::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i16,
    month: i8,
    day: i8,
}

impl Date {
    /// The date, if the day exists (year 1 to 9999).
    pub fn new(year: i16, month: i8, day: i8) -> Option<Date> {
        let ok =
            (1..=9999).contains(&year) && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        ok.then_some(Date { year, month, day })
    }

    /// The year.
    pub fn year(self) -> i16 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> i8 {
        self.month
    }

    /// The day of the month, 1 to 31.
    pub fn day(self) -> i8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before).
    fn days(self) -> i32 {
        // Howard Hinnant's days_from_civil: years start in March, so the
        // leap day ends the year.
        let (m, d) = (i32::from(self.month), i32::from(self.day));
        let y = i32::from(self.year) - i32::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01, if within years 1 to 9999.
    fn from_days(days: i32) -> Option<Date> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i32::from(month <= 2);
        Date::new(i16::try_from(year).ok()?, month as i8, day as i8)
    }

    /// The date `n` days later (earlier when negative), if within range.
    pub fn add_days(self, n: i32) -> Option<Date> {
        Date::from_days(self.days().checked_add(n)?)
    }

    /// Days from `earlier` to `self` (negative when `earlier` is later).
    pub fn days_since(self, earlier: Date) -> i32 {
        self.days() - earlier.days()
    }

    /// Day of the week, 0 = Monday to 6 = Sunday.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday.
        (self.days() + 3).rem_euclid(7) as u8
    }

    /// The ISO 8601 week: its year and number (1 to 53). The week belongs
    /// to the year of its Thursday.
    pub fn iso_week(self) -> (i16, u8) {
        let thursday = self.days() - i32::from(self.weekday()) + 3;
        let year = Date::from_days(thursday).map_or(self.year, |t| t.year);
        let jan1 = Date { year, month: 1, day: 1 }.days();
        (year, ((thursday - jan1) / 7 + 1) as u8)
    }

    /// The nearest day strictly after (`forward`) or before this one that
    /// falls on `weekday` (0 = Monday).
    pub fn next_weekday(self, weekday: u8, forward: bool) -> Option<Date> {
        let delta = (i32::from(weekday) - i32::from(self.weekday())).rem_euclid(7);
        if forward {
            self.add_days(if delta == 0 { 7 } else { delta })
        } else {
            self.add_days(if delta == 0 { -7 } else { delta - 7 })
        }
    }
}

fn days_in_month(year: i16, month: i8) -> i8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = Error;

    /// Parses `YYYY-MM-DD` (or `YYYYMMDD`), alone or followed by a time
    /// (`2019-09-25T10:30:00+07:00`, `2019-09-25 10:30`), which is ignored.
    fn from_str(s: &str) -> Result<Date, Error> {
        parse(s).map_err(|why| Error::input(format!("date {s:?} {why}")))
    }
}

/// [`Date::from_str`], with what is wrong as a phrase for the caller's
/// message.
pub(crate) fn parse(s: &str) -> Result<Date, &'static str> {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| {
        b.get(r)?.iter().try_fold(0i16, |n, &c| c.is_ascii_digit().then(|| n * 10 + i16::from(c - b'0')))
    };
    let (fields, end) = if b.get(4) == Some(&b'-') {
        let ok = b.get(7) == Some(&b'-');
        (ok.then(|| Some((num(0..4)?, num(5..7)?, num(8..10)?))).flatten(), 10)
    } else {
        ((|| Some((num(0..4)?, num(4..6)?, num(6..8)?)))(), 8)
    };
    let time_or_end = matches!(b.get(end), None | Some(b'T' | b't' | b' '));
    let (y, m, d) = fields.filter(|_| time_or_end).ok_or("is not written YYYY-MM-DD")?;
    Date::new(y, m as i8, d as i8).ok_or("is not a day of the calendar")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn days_round_trip_and_weekdays_follow_each_other() {
        let first = Date::new(1, 1, 1).unwrap();
        let last = Date::new(9999, 12, 31).unwrap();
        let mut prev = first;
        assert_eq!(first.add_days(-1), None);
        assert_eq!(last.add_days(1), None);
        for n in first.days() + 1..=last.days() {
            let day = Date::from_days(n).unwrap();
            assert_eq!(day.days(), n);
            assert!(day > prev, "{day} after {prev}");
            assert_eq!(day.weekday(), (prev.weekday() + 1) % 7);
            assert_eq!(Date::new(day.year, day.month, day.day), Some(day));
            prev = day;
        }
        assert_eq!(prev, last);
    }

    #[test]
    fn known_days() {
        assert_eq!(d("1970-01-01").days(), 0);
        assert_eq!(d("2000-03-01").days_since(d("2000-02-28")), 2, "2000 is a leap year");
        assert_eq!(d("1900-03-01").days_since(d("1900-02-28")), 1, "1900 is not");
        assert_eq!(d("2019-09-25").weekday(), 2, "a Wednesday");
        assert_eq!(d("2017-03-28").add_days(-1), Some(d("2017-03-27")));
        assert_eq!(d("2016-12-31").add_days(1), Some(d("2017-01-01")));
        assert_eq!(d("2019-09-25").next_weekday(2, true), Some(d("2019-10-02")));
        assert_eq!(d("2019-09-25").next_weekday(2, false), Some(d("2019-09-18")));
        assert_eq!(d("2019-09-25").next_weekday(0, false), Some(d("2019-09-23")));
        assert_eq!(d("2019-09-25").next_weekday(6, true), Some(d("2019-09-29")));
    }

    #[test]
    fn iso_weeks_at_year_ends() {
        assert_eq!(d("2020-12-31").iso_week(), (2020, 53));
        assert_eq!(d("2021-01-03").iso_week(), (2020, 53));
        assert_eq!(d("2021-01-04").iso_week(), (2021, 1));
        assert_eq!(d("2018-12-31").iso_week(), (2019, 1));
        assert_eq!(d("2019-09-25").iso_week(), (2019, 39));
        assert_eq!(d("0001-01-01").iso_week(), (1, 1));
    }

    #[test]
    fn parses_calendar_days_written_yyyy_mm_dd() {
        assert_eq!(d("0999-01-02").to_string(), "0999-01-02");
        for good in ["20190925", "2019-09-25T10:30:00+07:00", "2019-09-25 10:30", "2019-09-25t10"] {
            assert_eq!(d(good), d("2019-09-25"), "{good:?}");
        }
        let bad = ["", "2019", "2019-9-25", "2019-09-2", "2019-09-25x", "201909250", "2019/09/25", " 2019-09-25"];
        let bad_days = ["2019-13-01", "2019-02-29", "0000-01-01", "+019-09-25", "２０１９-09-25", "2019-\u{e9}9-25"];
        for s in bad.into_iter().chain(bad_days) {
            assert!(s.parse::<Date>().is_err(), "{s:?}");
        }
    }
}
