//! Date mentions: the ways the press writes a day, month or year, and their
//! values resolved against the publication date.
//!
//! | rule id | examples |
//! |---|---|
//! | `date.numeric` | "chiều 4/9", "Chiều ngày 1/4/2017", "Tối 30/ 3", "ngày 13-15/7", "8-11-1972" |
//! | `date.words` | "ngày 12 tháng 3 năm 2024" |
//! | `date.month` | "tháng 5/2016", "tháng 1-2017", "tháng 6 tới", "cuối tháng 2" |
//! | `date.year` | "năm 2020", "đầu năm 2021", "năm nay", "2016 - 2020" |
//! | `date.relative` | "hôm qua", "sáng nay", "tuần trước" |
//! | `date.weekday` | "thứ Hai vừa qua", "thứ 2", "Chủ nhật" |
//!
//! Values follow TIMEX3: `2019-09-04`, `2016-05`, `2020`, `2019-W38`, and
//! ISO 8601 intervals for ranges of days (`2017-07-13/2017-07-15`); the
//! part of day is separate (`AF` for chiều). News reports mostly past
//! events: a day or month without a year takes the year that puts it
//! nearest to publication, a date after publication costing twice as much
//! as one before, unless "tới"/"sẽ" point to the future. Without a
//! publication date the year stays unknown (`XXXX-03-31`).

use crate::calendar::Date;
use crate::mentions::{Mention, MentionKind};
use crate::normalize::Normalized;
use crate::span::Span;
use once_cell::sync::Lazy;
use regex::Regex;
use std::borrow::Cow;

/// The parts of day written before a date, longest first where one starts
/// another (the regexes take the first that matches).
pub(crate) const PARTS_OF_DAY: &[&str] =
    &["rạng sáng", "sáng sớm", "sáng", "trưa", "chiều tối", "chiều", "tối", "đêm", "khuya"];

/// A regex group named `name` matching any of [`PARTS_OF_DAY`].
fn pod_group(name: &str) -> String {
    format!("(?P<{name}>{})", PARTS_OF_DAY.join("|"))
}

static NUMERIC: Lazy<Regex> = Lazy::new(|| {
    let pod = pod_group("pod");
    // A range of days ("13-15/7", "24 - 27/4/2021", "ngày 12 đến 16/9/2023")
    // takes a slash before the month; otherwise day, month and year are
    // joined by "/" or "-".
    Regex::new(&format!(
        r"(?:{pod} (?:(?P<ngay>ngày|hôm) )?|(?P<ngay2>ngày|hôm) )?(?:(?P<d>[0-3]?[0-9])(?: ?- ?| (?:đến|tới) (?:ngày )?)(?P<d2>[0-3]?[0-9]) ?/ ?(?P<m>[01]?[0-9])(?: ?/ ?(?P<y>(?:1[89]|20)[0-9]{{2}}))?|(?P<dd>[0-3]?[0-9]) ?(?P<sep>[/-]) ?(?P<mm>[01]?[0-9])(?: ?[/-] ?(?P<yy>(?:1[89]|20)[0-9]{{2}}))?)"
    ))
    .expect("valid regex")
});

/// What every match of [`NUMERIC`] holds: a day-month separator.
const NUMERIC_NEEDS: &[&str] = &["/", "-"];

static MONTH_NUMERIC: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"(?P<m>1[0-2]|0?[1-9]) ?/ ?(?P<y>(?:19|20)[0-9]{2})").expect("valid regex"));

const MONTH_NUMERIC_NEEDS: &[&str] = &["/"];

static WORDS: Lazy<Regex> = Lazy::new(|| {
    let pod = pod_group("pod");
    Regex::new(&format!(
        r"(?:{pod} )?(?P<ngay>ngày )?(?P<d>[0-3]?[0-9]) tháng (?P<m>[01]?[0-9])(?: năm (?P<y>(?:1[89]|20)[0-9]{{2}}))?"
    ))
    .expect("valid regex")
});

/// What every match of [`WORDS`] and [`MONTH`] holds.
const MONTH_WORD: &[&str] = &["tháng "];

static MONTH: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?:(?P<part>đầu|giữa|cuối) )?tháng (?P<m>1[0-2]|0?[1-9])(?: ?[/-] ?(?P<y>(?:1[89]|20)[0-9]{2})| năm (?P<y2>(?:1[89]|20)[0-9]{2})| năm (?P<rel>nay|ngoái|trước|tới|sau)| (?P<dir>tới|này|vừa qua|qua|trước|sau))?",
    )
    .expect("valid regex")
});

static YEAR: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?:(?P<part>đầu|giữa|cuối) )?(?:(?P<nam>năm) )?(?P<y>(?:1[89]|20)[0-9]{2})(?: ?- ?(?P<y2>(?:1[89]|20)[0-9]{2}))?|(?:(?P<part2>đầu|giữa|cuối) )?năm (?P<rel>nay|ngoái|tới|sau)",
    )
    .expect("valid regex")
});

static RELATIVE: Lazy<Regex> = Lazy::new(|| {
    // "nay" and "qua" alone are words ("hiện nay", "thông qua"), dates
    // only after a part of day: a second alternative, so that the search
    // does not stop at every one of them.
    let (pod, pod2) = (pod_group("pod"), pod_group("pod2"));
    Regex::new(&format!(
        r"(?:{pod} )?(?P<day>hôm qua|hôm nay|hôm kia|ngày mai)|{pod2} (?P<day2>nay|qua)|(?P<week>tuần (?:trước|này|tới|sau|qua))"
    ))
    .expect("valid regex")
});

static WEEKDAY: Lazy<Regex> = Lazy::new(|| {
    let pod = pod_group("pod");
    Regex::new(&format!(
        r"(?:{pod} )?(?:(?P<wd>thứ (?:hai|ba|tư|năm|sáu|bảy|[2-7]))|(?P<cn>chủ nhật))(?: (?P<dir>tuần trước|tuần tới|tuần này|vừa qua|tới|này))?"
    ))
    .expect("valid regex")
});

/// A date expression before its value is resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DateExpr {
    pub span: Span,
    pub norm: Span,
    pub rule: &'static str,
    pub pod: Option<&'static str>,
    pub what: What,
    /// "tới", "sẽ", "sau": points to the future.
    pub future: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum What {
    Day {
        d: i8,
        m: i8,
        y: Option<i16>,
    },
    /// Days `d` to `d2` of one month ("13-15/7").
    DayRange {
        d: i8,
        d2: i8,
        m: i8,
        y: Option<i16>,
    },
    Month {
        m: i8,
        y: Option<i16>,
        rel: i16,
    },
    Year {
        y: Option<i16>,
        rel: i16,
    },
    /// Days from publication (hôm qua = -1).
    RelDay(i16),
    /// Weeks from publication.
    RelWeek(i16),
    /// Weekday (0 = Monday); direction -1 past, 0 nearest past, 1 next.
    Weekday(i8, i8),
}

/// Find date expressions in normalised text.
pub(crate) fn find(original: &str, norm: &Normalized) -> Vec<DateExpr> {
    let text = norm.as_str();
    let mut found: Vec<DateExpr> = Vec::new();
    let mut push = |s: usize, e: usize, rule, pod, what, future| {
        if !bounded(text, s, e) {
            return;
        }
        let span = Span::new(norm.start_to_original(s), norm.end_to_original(e));
        found.push(DateExpr { span, norm: Span::new(s, e), rule, pod, what, future });
    };
    let clusters = digit_clusters(text);
    let mut near = near_digits(&NUMERIC, NUMERIC_NEEDS, text, &clusters);
    while let Some(c) = near.next_caps() {
        let all = c.get(0).expect("group 0");
        let range = c.name("d2").is_some();
        let d = if range { num(&c, "d") } else { num(&c, "dd") };
        let m = if range { num(&c, "m") } else { num(&c, "mm") };
        let y = c.name("y").or(c.name("yy")).map(|y| y.as_str().parse::<i16>().unwrap_or(0));
        let prefixed = c.name("pod").is_some() || c.name("ngay").is_some() || c.name("ngay2").is_some();
        let slash = range || c.name("sep").is_some_and(|s| s.as_str() == "/");
        // "3-1" is a score and "1/3" may be a fraction: a bare day-month needs
        // a prefix, a year, or a slash with a valid day and month.
        // "Sáng nay, 12-11": the day named after "nay" is today's date.
        let after_today = text[..all.start()].trim_end().trim_end_matches(',').trim_end().ends_with(" nay");
        if !(prefixed || y.is_some() || slash || after_today) || !valid_day(d, m, y) {
            continue;
        }
        let d2 = c.name("d2").map(|d2| d2.as_str().parse::<i8>().unwrap_or(99));
        if d2.is_some_and(|d2| d2 <= d || !valid_day(d2, m, y)) {
            continue;
        }
        if text[all.end()..].starts_with(|ch: char| ch.is_ascii_digit() || ch == '/' || ch == ',')
            && text[all.end()..].chars().nth(1).is_some_and(|ch| ch.is_ascii_digit())
        {
            continue;
        }
        let what = match d2 {
            Some(d2) => What::DayRange { d, d2, m, y },
            None => What::Day { d, m, y },
        };
        push(all.start(), all.end(), "date.numeric", pod(&c), what, false);
    }
    let mut near = near_digits(&MONTH_NUMERIC, MONTH_NUMERIC_NEEDS, text, &clusters);
    while let Some(c) = near.next_caps() {
        let all = c.get(0).expect("group 0");
        let y = c.name("y").map(|y| y.as_str().parse::<i16>().unwrap_or(0));
        push(all.start(), all.end(), "date.month", None, What::Month { m: num(&c, "m"), y, rel: i16::MIN }, false);
    }
    let mut near = near_digits(&WORDS, MONTH_WORD, text, &clusters);
    while let Some(c) = near.next_caps() {
        let all = c.get(0).expect("group 0");
        let (d, m) = (num(&c, "d"), num(&c, "m"));
        let y = c.name("y").map(|y| y.as_str().parse::<i16>().unwrap_or(0));
        if (c.name("ngay").is_none() && c.name("pod").is_none() && y.is_none()) || !valid_day(d, m, y) {
            continue;
        }
        push(all.start(), all.end(), "date.words", pod(&c), What::Day { d, m, y }, false);
    }
    let mut near = near_digits(&MONTH, MONTH_WORD, text, &clusters);
    while let Some(c) = near.next_caps() {
        let all = c.get(0).expect("group 0");
        let m = num(&c, "m");
        let y = c.name("y").or(c.name("y2")).map(|y| y.as_str().parse::<i16>().unwrap_or(0));
        let rel = match c.name("rel").map(|r| r.as_str()) {
            Some("nay") => 0,
            Some("ngoái" | "trước") => -1,
            Some("tới" | "sau") => 1,
            _ => i16::MIN,
        };
        let future = matches!(c.name("dir").map(|d| d.as_str()), Some("tới" | "sau"));
        push(all.start(), all.end(), "date.month", None, What::Month { m, y, rel }, future);
    }
    let mut search = Search::new(&YEAR, text);
    while let Some(c) = search.next_caps() {
        let all = c.get(0).expect("group 0");
        let y = c.name("y").map(|y| y.as_str().parse::<i16>().unwrap_or(0));
        let rel = match c.name("rel").map(|r| r.as_str()) {
            Some("nay") => 0,
            Some("ngoái") => -1,
            Some("tới" | "sau") => 1,
            _ => 0,
        };
        // A bare number is a year in a range ("2016 - 2020") or after "đến",
        // "từ"… ("đến 2025"), if nothing numeric or a unit follows.
        if c.name("nam").is_none() && c.name("part").is_none() && y.is_some() {
            let cue = matches!(word_before(text, all.start()), "đến" | "tới" | "từ" | "trước" | "sau" | "vào" | "đoạn");
            if !(c.name("y2").is_some() || cue) || !bare_year_ok(text, all.start(), all.end()) {
                continue;
            }
        }
        // "những năm tới" (the coming years) is no date, nor is "ba năm
        // sau" (three years later: an offset from the story's own time).
        if c.name("rel").is_some() && counted(text, all.start()) {
            continue;
        }
        push(all.start(), all.end(), "date.year", None, What::Year { y, rel }, rel > 0);
    }
    let mut search = Search::new(&RELATIVE, text);
    while let Some(c) = search.next_caps() {
        let all = c.get(0).expect("group 0");
        // As for years: "một tuần sau" (a week later), "hai tuần qua" (the
        // past two weeks), "những tuần tới" are no dates.
        if c.name("week").is_some() && counted(text, all.start()) {
            continue;
        }
        let what = if let Some(w) = c.name("week") {
            What::RelWeek(match w.as_str() {
                "tuần trước" | "tuần qua" => -1,
                "tuần tới" | "tuần sau" => 1,
                _ => 0,
            })
        } else {
            let day = c.name("day").or(c.name("day2")).map_or("", |d| d.as_str());
            What::RelDay(match day {
                "hôm qua" | "qua" => -1,
                "hôm kia" => -2,
                "ngày mai" => 1,
                _ => 0,
            })
        };
        let future = matches!(what, What::RelDay(1) | What::RelWeek(1));
        push(all.start(), all.end(), "date.relative", pod(&c), what, future);
    }
    let mut search = Search::new(&WEEKDAY, text);
    while let Some(c) = search.next_caps() {
        let all = c.get(0).expect("group 0");
        let wd = match c.name("wd").map(|w| &w.as_str()["thứ ".len()..]) {
            Some("hai" | "2") => 0,
            Some("ba" | "3") => 1,
            Some("tư" | "4") => 2,
            Some("năm" | "5") => 3,
            Some("sáu" | "6") => 4,
            Some("bảy" | "7") => 5,
            _ => 6,
        };
        // "lần thứ hai" is an ordinal: a weekday is written with a capital
        // ("thứ Hai"), or as "thứ 2" after a part of day or "vào".
        let name = c.name("wd").or(c.name("cn")).expect("one of the two");
        let orig = &original[norm.start_to_original(name.start())..norm.end_to_original(name.end())];
        let capital = orig
            .split_whitespace()
            .nth(if c.name("cn").is_some() { 0 } else { 1 })
            .and_then(|w| w.chars().find(|ch| ch.is_alphanumeric()))
            .is_some_and(|ch| ch.is_uppercase() || ch.is_ascii_digit());
        let digit = name.as_str().ends_with(|ch: char| ch.is_ascii_digit());
        let before = text[..all.start()].trim_end();
        if !capital || (digit && c.name("pod").is_none() && !before.ends_with("vào") && c.name("dir").is_none()) {
            continue;
        }
        let dir = match c.name("dir").map(|d| d.as_str()) {
            Some("tuần trước" | "vừa qua") => -1,
            Some("tuần tới" | "tới") => 1,
            _ => 0,
        };
        push(all.start(), all.end(), "date.weekday", pod(&c), What::Weekday(wd, dir), dir > 0);
    }
    // Longest first, then earliest; drop what overlaps an accepted one.
    // The accepted spans are disjoint: by start, the last one starting
    // before a span's end is the only one that can reach into it.
    found.sort_by_key(|f| (std::cmp::Reverse(f.norm.len()), f.norm.start));
    let mut ends: std::collections::BTreeMap<usize, usize> = Default::default();
    found.retain(|f| {
        let overlaps = ends.range(..f.norm.end).next_back().is_some_and(|(_, &end)| end > f.norm.start);
        if !overlaps {
            ends.insert(f.norm.start, f.norm.end);
        }
        !overlaps
    });
    let mut kept = found;
    kept.sort_by_key(|f| f.norm.start);
    // "sẽ" or "tới" shortly before a date point to the future.
    for k in &mut kept {
        let from = (0..=k.norm.start.saturating_sub(24)).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        let before = &text[from..k.norm.start];
        if before.contains("sẽ ") || before.ends_with("tới ") || before.contains("sắp ") {
            k.future = true;
        }
    }
    kept
}

/// No match of the regexes searched with [`near_digits`] is longer (in
/// bytes; tested).
const MAX_MATCH: usize = 64;

/// Runs of digits in `text`, each digit within [`MAX_MATCH`] bytes of the
/// next, as (first, last) byte offsets.
fn digit_clusters(text: &str) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let bytes = text.as_bytes();
    for (k, chunk) in bytes.chunks(8).enumerate() {
        // Eight bytes at a time: XOR with '0' maps digits to 0..=9, and a
        // word holds a byte below 10 exactly when the borrow test below
        // sets a high bit (bit-twiddling "hasless"; bytes >= 0x80 never do).
        if let Ok(word) = <[u8; 8]>::try_from(chunk) {
            let x = u64::from_le_bytes(word) ^ 0x3030_3030_3030_3030;
            if x.wrapping_sub(0x0a0a_0a0a_0a0a_0a0a) & !x & 0x8080_8080_8080_8080 == 0 {
                continue;
            }
        }
        for (j, b) in chunk.iter().enumerate() {
            let i = 8 * k + j;
            if b.is_ascii_digit() {
                match out.last_mut() {
                    Some((_, last)) if i - *last <= MAX_MATCH => *last = i,
                    _ => out.push((i, i)),
                }
            }
        }
    }
    out
}

/// The matches of `re` in `text`, as `re.captures_iter(text)` gives them,
/// for a regex whose every match holds an ASCII digit and is at most
/// [`MAX_MATCH`] bytes long (and has no anchors or word boundaries): only
/// the text around the `clusters` of digits is searched, and only where
/// it holds one of `needs`, literals of which every match holds one. Most
/// of an article has no digit within `MAX_MATCH` bytes.
fn near_digits<'r, 't, 'c>(
    re: &'r Regex,
    needs: &'r [&'r str],
    text: &'t str,
    clusters: &'c [(usize, usize)],
) -> NearDigits<'r, 't, 'c> {
    NearDigits { search: Search::new(re, text), needs, clusters, needs_seen: false }
}

struct NearDigits<'r, 't, 'c> {
    /// Its `at`: where the next search starts, the end of the last match.
    search: Search<'r, 't>,
    needs: &'r [&'r str],
    /// The clusters not searched to their end yet.
    clusters: &'c [(usize, usize)],
    /// The first cluster's window was seen to hold one of `needs` (looked
    /// for once: a cluster can run on for the whole text).
    needs_seen: bool,
}

impl<'r, 't> NearDigits<'r, 't, '_> {
    fn next_caps(&mut self) -> Option<Caps<'t, '_>> {
        let text = self.search.text;
        loop {
            let &(first, last) = self.clusters.first()?;
            if last < self.search.at {
                self.clusters = &self.clusters[1..];
                self.needs_seen = false;
                continue;
            }
            // Every match holding a digit of the cluster lies in the window
            // from MAX_MATCH before its first digit to MAX_MATCH after its
            // last; the next match, if it holds none of them, starts after
            // the last (the next cluster is more than MAX_MATCH away).
            let mut from = first.saturating_sub(MAX_MATCH).max(self.search.at);
            while !text.is_char_boundary(from) {
                from -= 1;
            }
            let mut to = (last + 1 + MAX_MATCH).min(text.len());
            while !text.is_char_boundary(to) {
                to += 1;
            }
            if !self.needs_seen && !self.needs.iter().any(|n| text[from..to].contains(n)) {
                self.clusters = &self.clusters[1..];
                continue;
            }
            self.needs_seen = true;
            match self.search.find(from, to) {
                Some((start, end)) if start <= last => {
                    self.search.at = end;
                    return Some(self.search.caps());
                }
                _ => {
                    self.clusters = &self.clusters[1..];
                    self.needs_seen = false;
                }
            }
        }
    }
}

/// The matches of a regex in a text one after another, as
/// `captures_iter` finds them, in one set of capture locations reused
/// from match to match (no allocation per match). The date regexes match
/// no empty string.
struct Search<'r, 't> {
    re: &'r Regex,
    text: &'t str,
    locs: regex::CaptureLocations,
    /// Where the next search starts.
    at: usize,
}

impl<'r, 't> Search<'r, 't> {
    fn new(re: &'r Regex, text: &'t str) -> Search<'r, 't> {
        Search { re, text, locs: re.capture_locations(), at: 0 }
    }

    /// The first match from `from` in `text[..to]`, into the locations.
    fn find(&mut self, from: usize, to: usize) -> Option<(usize, usize)> {
        let m = self.re.captures_read_at(&mut self.locs, &self.text[..to], from)?;
        Some((m.start(), m.end()))
    }

    fn next_caps(&mut self) -> Option<Caps<'t, '_>> {
        let (start, end) = self.find(self.at, self.text.len())?;
        debug_assert!(end > start, "no date regex matches an empty string");
        self.at = end.max(start + 1);
        Some(self.caps())
    }

    /// The groups of the last match.
    fn caps(&self) -> Caps<'t, '_> {
        Caps { re: self.re, locs: &self.locs, text: self.text }
    }
}

/// The groups of one match, read by name as from `regex::Captures`.
struct Caps<'t, 'a> {
    re: &'a Regex,
    locs: &'a regex::CaptureLocations,
    text: &'t str,
}

impl<'t> Caps<'t, '_> {
    fn get(&self, i: usize) -> Option<Group<'t>> {
        self.locs.get(i).map(|(start, end)| Group { start, end, text: &self.text[start..end] })
    }

    fn name(&self, name: &str) -> Option<Group<'t>> {
        self.get(self.re.capture_names().position(|n| n == Some(name))?)
    }
}

/// A group of a match: where it is and its text.
#[derive(Debug, Clone, Copy)]
struct Group<'t> {
    start: usize,
    end: usize,
    text: &'t str,
}

impl<'t> Group<'t> {
    fn start(&self) -> usize {
        self.start
    }

    fn end(&self) -> usize {
        self.end
    }

    fn as_str(&self) -> &'t str {
        self.text
    }
}

fn bounded(text: &str, s: usize, e: usize) -> bool {
    crate::matcher::is_boundary(text, s) && crate::matcher::is_boundary(text, e)
}

/// Whether a normalised word counts something: "một", "ba", "mười", "12".
fn is_count(w: &str) -> bool {
    matches!(w, "một" | "hai" | "ba" | "bốn" | "năm" | "sáu" | "bảy" | "tám" | "chín" | "mười" | "mươi" | "chục")
        || w.starts_with(|ch: char| ch.is_ascii_digit())
}

/// Whether a normalised word counts something, exactly or not: "ba",
/// "vài", "mấy", "nhiều".
fn is_rough_count(w: &str) -> bool {
    is_count(w) || matches!(w, "vài" | "mấy" | "nhiều")
}

/// Whether the word before `pos` counts what follows or makes it plural:
/// "ba", "vài", "những" (before "năm sau", "tuần tới"…).
fn counted(text: &str, pos: usize) -> bool {
    let w = word_before(text, pos);
    matches!(w, "những" | "các") || is_rough_count(w)
}

/// Whether three normalised words are an offset from the story's own
/// time: a count, a unit and a direction ("ba năm sau", "hai ngày trước",
/// "vài tuần sau"). Such a phrase names no date, and an event it opens
/// takes none from the sentences before.
pub(crate) fn is_offset(count: &str, unit: &str, direction: &str) -> bool {
    is_rough_count(count)
        && matches!(unit, "ngày" | "hôm" | "tuần" | "tháng" | "năm")
        && matches!(direction, "sau" | "trước")
}

/// The longest word the cue lists above hold, in bytes: past it, a scan
/// for the word before or after a date stops (in a long run of text
/// without spaces, a scan to its ends for every date is quadratic).
const LONGEST_CUE: usize = 16;

/// The word before `pos` (after white space), or "" if it is longer than
/// [`LONGEST_CUE`].
fn word_before(text: &str, pos: usize) -> &str {
    let before = text[..pos].trim_end();
    let from = before.len().saturating_sub(LONGEST_CUE + 1);
    match before.as_bytes()[from..].iter().rposition(|&b| b == b' ' || b == b'\n') {
        Some(i) => &before[from + i + 1..],
        None if from == 0 => before,
        None => "",
    }
}

/// The word at the start of `rest` up to a space, comma or full stop, or
/// "" if it is longer than [`LONGEST_CUE`].
fn word_after(rest: &str) -> &str {
    let to = rest.len().min(LONGEST_CUE + 1);
    match rest.as_bytes()[..to].iter().position(|&b| matches!(b, b' ' | b',' | b'.')) {
        Some(i) => &rest[..i],
        None if to == rest.len() => rest,
        None => "",
    }
}

fn bare_year_ok(text: &str, s: usize, e: usize) -> bool {
    let before = text[..s].chars().next_back();
    let rest = &text[e..];
    if matches!(before, Some('.' | ',' | '/' | '-' | '+' | '$')) || rest.starts_with(['%', '/']) {
        return false;
    }
    if rest.starts_with(['.', ',']) && rest[1..].starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let next_word = word_after(rest.trim_start());
    !matches!(
        next_word,
        "người" | "tỷ" | "triệu" | "nghìn" | "đồng" | "usd" | "km" | "m" | "tấn" | "ha" | "chiếc" | "lượt" | "lần"
    )
}

fn num(c: &Caps<'_, '_>, name: &str) -> i8 {
    c.name(name).and_then(|m| m.as_str().parse().ok()).unwrap_or(0)
}

fn pod(c: &Caps<'_, '_>) -> Option<&'static str> {
    Some(match c.name("pod").or(c.name("pod2"))?.as_str() {
        "sáng" | "sáng sớm" | "rạng sáng" => "MO",
        "trưa" => "MI",
        "chiều" => "AF",
        "chiều tối" | "tối" => "EV",
        _ => "NI",
    })
}

fn valid_day(d: i8, m: i8, y: Option<i16>) -> bool {
    Date::new(y.unwrap_or(2000), m, d).is_some()
}

/// The longest line, in bytes, that can be a header's date line.
const SHORT_LINE: usize = 80;

/// The publication date written in the article's header ("Cập nhật:
/// 25/09/2019", "Thứ Ba, 25/09/2019 - 10:30"): the first full date in the
/// first lines, on a short line.
pub(crate) fn header_date(norm: &Normalized, found: &[DateExpr]) -> Option<Date> {
    let text = norm.as_str();
    let head_end = text.match_indices('\n').nth(5).map_or(text.len(), |(i, _)| i);
    found.iter().filter(|f| f.norm.end <= head_end).find_map(|f| {
        let What::Day { d, m, y: Some(y) } = f.what else { return None };
        // Look for the line's ends no further than a short line's length.
        let bytes = text.as_bytes();
        let from = f.norm.start.saturating_sub(SHORT_LINE);
        let line_start = match bytes[from..f.norm.start].iter().rposition(|&b| b == b'\n') {
            Some(i) => from + i + 1,
            None if from == 0 => 0,
            None => return None,
        };
        let to = (line_start + SHORT_LINE + 1).min(text.len()).max(f.norm.end);
        let line_end = bytes[f.norm.end..to].iter().position(|&b| b == b'\n').map_or(to, |i| f.norm.end + i);
        let short = line_end - line_start <= SHORT_LINE && (line_end < to || to == text.len());
        short.then(|| Date::new(y, m, d)).flatten()
    })
}

/// Resolve date expressions into mentions.
pub(crate) fn mentions(original: &str, found: &[DateExpr], published: Option<Date>) -> Vec<Mention> {
    found
        .iter()
        .map(|f| {
            let mut m = Mention::new(MentionKind::Date, original, f.span, f.rule);
            m.value = value(f, published);
            m.part_of_day = f.pod.map(Cow::Borrowed);
            m
        })
        .collect()
}

/// The TIMEX3 value of a date expression.
pub(crate) fn value(f: &DateExpr, published: Option<Date>) -> Option<String> {
    match f.what {
        What::Day { d, m, y: Some(y) } => Some(format!("{y:04}-{m:02}-{d:02}")),
        What::Day { d, m, y: None } => Some(match published {
            Some(p) => {
                let y = nearest_year(p, f.future, |y| Date::new(y, m, d));
                format!("{y:04}-{m:02}-{d:02}")
            }
            None => format!("XXXX-{m:02}-{d:02}"),
        }),
        What::DayRange { d, d2, m, y } => {
            let y = match (y, published) {
                (Some(y), _) => format!("{y:04}"),
                (None, Some(p)) => format!("{:04}", nearest_year(p, f.future, |y| Date::new(y, m, d))),
                (None, None) => "XXXX".into(),
            };
            Some(format!("{y}-{m:02}-{d:02}/{y}-{m:02}-{d2:02}"))
        }
        What::Month { m, y: Some(y), .. } => Some(format!("{y:04}-{m:02}")),
        What::Month { m, y: None, rel } => Some(match published {
            Some(p) if rel != i16::MIN => format!("{:04}-{m:02}", p.year() + rel),
            Some(p) => {
                let y = nearest_year(p, f.future, |y| Date::new(y, m, 15));
                format!("{y:04}-{m:02}")
            }
            None => format!("XXXX-{m:02}"),
        }),
        What::Year { y: Some(y), .. } => Some(format!("{y:04}")),
        What::Year { y: None, rel } => published.map(|p| format!("{:04}", p.year() + rel)),
        What::RelDay(n) => published.and_then(|p| p.add_days(i32::from(n))).map(|d| d.to_string()),
        What::RelWeek(n) => published.and_then(|p| p.add_days(7 * i32::from(n))).map(|d| {
            let (y, w) = d.iso_week();
            format!("{y:04}-W{w:02}")
        }),
        What::Weekday(wd, dir) => published.and_then(|p| {
            let wd = wd as u8;
            match dir {
                1.. => p.next_weekday(wd, true),
                _ if dir == 0 && p.weekday() == wd => Some(p),
                _ => p.next_weekday(wd, false),
            }
            .map(|d| d.to_string())
        }),
    }
}

/// The year (publication year ± 1) that puts the date nearest to
/// publication, dates after it costing double; when the text points to the
/// future, the nearest date after publication.
fn nearest_year(p: Date, future: bool, at: impl Fn(i16) -> Option<Date>) -> i16 {
    let mut best = (i64::MAX, p.year());
    for y in [p.year() - 1, p.year(), p.year() + 1] {
        let Some(d) = at(y) else { continue };
        let days = i64::from(d.days_since(p));
        let cost = match (days > 0, future) {
            (true, false) => 2 * days.abs(),
            // "tháng 6 tới": not before publication.
            (false, true) => i64::MAX / 2,
            _ => days.abs(),
        };
        if cost < best.0 {
            best = (cost, y);
        }
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_date_is_the_first_full_date_on_a_short_head_line() {
        let header = |text: &str| {
            let norm = crate::normalize::normalize(text);
            header_date(&norm, &find(text, &norm)).map(|d| d.to_string())
        };
        assert_eq!(
            header("Thứ Ba, 25/09/2019 - 10:30\nNgày 4/9/2019, ông An gặp ông Bình.").as_deref(),
            Some("2019-09-25")
        );
        // Lines of exactly 80 bytes, and of 81: the date anywhere on them,
        // as a word of its own.
        let line = |len: usize, at: usize| {
            let date = "25/09/2019";
            let before = if at == 0 { String::new() } else { format!("{} ", "x".repeat(at - 1)) };
            let rest = len - at - date.len();
            let after = if rest == 0 { String::new() } else { format!(" {}", "y".repeat(rest - 1)) };
            let line = format!("{before}{date}{after}");
            assert_eq!(line.len(), len);
            line
        };
        for at in [0, 2, 35, 68, 70] {
            assert_eq!(header(&line(80, at)).as_deref(), Some("2019-09-25"), "80 bytes, date at {at}");
            assert_eq!(header(&format!("a\n{}\nb", line(80, at))).as_deref(), Some("2019-09-25"), "{at}");
        }
        for at in [0, 2, 35, 69, 71] {
            assert_eq!(header(&line(81, at)), None, "81 bytes, date at {at}");
            assert_eq!(header(&format!("a\n{}\nb", line(81, at))), None, "{at}");
        }
        // Not past the sixth line.
        assert_eq!(header(&format!("{}25/09/2019", "a\n".repeat(6))), None);
        assert_eq!(header(&format!("{}25/09/2019", "a\n".repeat(5))).as_deref(), Some("2019-09-25"));
    }

    #[test]
    fn pod_group_lists_the_parts_of_day() {
        assert_eq!(pod_group("pod"), "(?P<pod>rạng sáng|sáng sớm|sáng|trưa|chiều tối|chiều|tối|đêm|khuya)");
    }

    #[test]
    fn offsets() {
        assert!(is_offset("ba", "năm", "sau"));
        assert!(is_offset("một", "tuần", "sau"));
        assert!(is_offset("2", "ngày", "trước"));
        assert!(is_offset("vài", "ngày", "sau"), "a rough count");
        assert!(!is_offset("những", "năm", "sau"), "not a count");
        assert!(!is_offset("ba", "lần", "sau"), "not a unit of time");
        assert!(!is_offset("ba", "năm", "qua"), "a duration up to now");
    }

    /// The regexes searched with `near_digits`: every match holds a digit
    /// (a day, month or year number).
    fn near_digit_regexes() -> [(&'static str, &'static Regex, &'static [&'static str]); 4] {
        [
            ("numeric", &NUMERIC, NUMERIC_NEEDS),
            ("month numeric", &MONTH_NUMERIC, MONTH_NUMERIC_NEEDS),
            ("words", &WORDS, MONTH_WORD),
            ("month", &MONTH, MONTH_WORD),
        ]
    }

    #[test]
    fn digit_clusters_in_every_byte_position() {
        for i in 0..20 {
            for d in ['0', '5', '9'] {
                // Around the digit: the bytes next to '0' and '9' ('/', ':') and non-ASCII.
                let text: String = (0..20).map(|k| if k == i { d } else { ['a', '/', ':', 'à'][k % 4] }).collect();
                let at = text.char_indices().nth(i).unwrap().0;
                assert_eq!(digit_clusters(&text), [(at, at)], "{text:?}");
            }
        }
        let text = format!("1{}2{}3", "a".repeat(MAX_MATCH - 1), "b".repeat(MAX_MATCH));
        assert_eq!(digit_clusters(&text), [(0, MAX_MATCH), (2 * MAX_MATCH + 1, 2 * MAX_MATCH + 1)]);
    }

    #[test]
    fn near_digit_matches_are_short() {
        for (name, re, _) in near_digit_regexes() {
            let hir = regex_syntax::parse(re.as_str()).unwrap();
            let max = hir.properties().maximum_len();
            assert!(max.is_some_and(|n| n <= MAX_MATCH), "{name}: {max:?}");
        }
    }

    #[test]
    fn near_digits_finds_what_captures_iter_finds() {
        let article = crate::normalize(include_str!("../examples/article.txt")).as_str().to_string();
        let dates = "rạng sáng ngày 24 - 27/4/2021, chiều tối hôm 4/9/2019, đầu tháng 5/2016 và chiều tối ngày 12 tháng 3 năm 2024, ";
        let half = &article[..article.char_indices().nth(article.chars().count() / 2).unwrap().0];
        let words =
            "chiều qua, sáng thứ hai tuần trước và chủ nhật tới, hôm kia, tuần qua, năm ngoái, cuối năm 2019-2020";
        let mut texts =
            vec![article.clone(), dates.repeat(40), words.repeat(3), String::new(), "1".into(), "tháng".into()];
        // Dates at every distance from other digits and from the text's ends.
        for gap in [0, 1, 5, 40, 63, 64, 65, 70, 130] {
            let filler = "ư".repeat(gap / 2) + &"a".repeat(gap % 2);
            texts.push(format!("{filler}{dates}{filler}9{filler}tháng 6 tới{filler}2020{filler}"));
            texts.push(format!("{half}{filler}{dates}"));
        }
        // Every group of every match, by name, as `regex::Captures` has it.
        let groups = |re: &Regex, c: &Caps<'_, '_>| -> Vec<Option<(usize, usize)>> {
            re.capture_names().map(|n| n.map_or(c.get(0), |n| c.name(n)).map(|g| (g.start(), g.end()))).collect()
        };
        let expected = |re: &Regex, text: &str| -> Vec<Vec<Option<(usize, usize)>>> {
            re.captures_iter(text)
                .map(|c| {
                    re.capture_names()
                        .map(|n| n.map_or(c.get(0), |n| c.name(n)).map(|g| (g.start(), g.end())))
                        .collect()
                })
                .collect()
        };
        for text in &texts {
            for (name, re, needs) in near_digit_regexes() {
                let all = expected(re, text);
                assert!(re.find_iter(text).all(|m| needs.iter().any(|n| m.as_str().contains(n))), "{name} needs");
                let clusters = digit_clusters(text);
                let mut near = near_digits(re, needs, text, &clusters);
                let mut found = Vec::new();
                while let Some(c) = near.next_caps() {
                    found.push(groups(re, &c));
                }
                assert_eq!(found, all, "{name} in {text:?}");
            }
            for re in [&*YEAR, &*RELATIVE, &*WEEKDAY] {
                let mut search = Search::new(re, text);
                let mut found = Vec::new();
                while let Some(c) = search.next_caps() {
                    found.push(groups(re, &c));
                }
                assert_eq!(found, expected(re, text), "{re} in {text:?}");
            }
        }
    }
}
