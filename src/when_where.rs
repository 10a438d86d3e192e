//! When and where a meeting happened: the date and the place its sentence
//! gives, or the date an earlier sentence set.

use crate::events::{EventDate, EventLocation};
use crate::mentions::{Mention, MentionKind};
use crate::parties::{words_before, Doc};
use crate::span::Span;
use crate::tokens::Token;
use std::borrow::Cow;

/// Whether the token `at` lies inside brackets opened shortly before, on
/// the same line of the normalised `text` (where the line breaks of
/// wrapped text are spaces). (Bounded: asides are short, and a 5 MB line
/// stays linear.)
pub(crate) fn bracketed(text: &str, tokens: &[Token], at: usize) -> bool {
    let pos = tokens.get(at).map_or(text.len(), |t| t.norm.start);
    let mut from = pos.saturating_sub(120);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..pos];
    let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    line.rfind('(').is_some_and(|open| line.rfind(')').is_none_or(|close| close < open))
}

/// What one sentence says about when and where: found once per sentence,
/// asked once per event (a sentence may hold thousands of events, "A gặp
/// B1, B2, …"), each answer a lookup.
pub(crate) struct Setting {
    /// Where each ";" of the sentence is (byte offsets).
    semicolons: Vec<usize>,
    s: Span,
    /// The first date and the first full date (outside parties and brackets).
    first_date: Option<usize>,
    first_day: Option<usize>,
    /// The first venue or city after "tại", "ở", "đến" or a visit; the
    /// first venue or city; the first country or wide region ("châu Á-Thái
    /// Bình Dương", "Biển Đông") after one of those words.
    first_venue_at: Option<usize>,
    first_venue: Option<usize>,
    first_place_at: Option<usize>,
    /// The first body's premises after "tại" ("tại trụ sở Ban …").
    first_premises_at: Option<Span>,
}

impl Setting {
    /// The dates and places of sentence `s` (tokens `sent`).
    pub(crate) fn new(d: &Doc<'_>, s: Span, sent: std::ops::Range<usize>, in_party: &[bool]) -> Setting {
        let semicolons =
            sent.filter(|&k| &d.text[d.tokens[k].norm.range()] == ";").map(|k| d.tokens[k].span.start).collect();
        let mut st = Setting {
            semicolons,
            s,
            first_date: None,
            first_day: None,
            first_venue_at: None,
            first_venue: None,
            first_place_at: None,
            first_premises_at: None,
        };
        let a = d.mentions.partition_point(|m| m.start < s.start);
        for (i, m) in d.mentions.iter().enumerate().skip(a).take_while(|(_, m)| m.start < s.end) {
            if m.end > s.end || in_party.get(d.token_at_span(m.start)).is_some_and(|&x| x) {
                continue;
            }
            match m.kind {
                MentionKind::Date if !bracketed(d.text, d.tokens, d.token_at_span(m.start)) => {
                    st.first_date.get_or_insert(i);
                    if m.value.as_deref().is_some_and(|v| v.len() == 10) {
                        st.first_day.get_or_insert(i);
                    }
                }
                // "tại trụ sở Ban Đối ngoại Trung ương", "tại Văn phòng Chủ tịch
                // nước", "tại Tỉnh ủy": a body's premises.
                MentionKind::Organization if st.first_premises_at.is_none() => {
                    let k = d.token_at_span(m.start);
                    let w = words_before(d, k, 3);
                    if w.ends_with(&["tại", "trụ", "sở"]) {
                        st.first_premises_at = Some(Span::new(d.tokens[k - 2].span.start, m.end));
                    } else if w.last() == Some(&"tại") && has_premises(d, m) {
                        st.first_premises_at = Some(m.span());
                    }
                }
                // "Đại sứ Ấn Độ tại Việt Nam", "Tổng Lãnh sự Nhật Bản tại
                // TP.HCM": where an office holder is posted, not met.
                MentionKind::Location | MentionKind::Country if posting(d, m) => {}
                MentionKind::Location | MentionKind::Country => {
                    let w = words_before(d, d.token_at_span(m.start), 3);
                    let at = w.iter().any(|x| matches!(*x, "tại" | "ở" | "đến" | "tới" | "thăm"));
                    // "rời Hà Nội", "từ Hà Nội": where someone left from.
                    let from = w.iter().any(|x| matches!(*x, "rời" | "từ"));
                    if m.kind == MentionKind::Location && !broad(d, m) && !from {
                        st.first_venue.get_or_insert(i);
                        if at {
                            st.first_venue_at.get_or_insert(i);
                        }
                    } else if at {
                        st.first_place_at.get_or_insert(i);
                    }
                }
                _ => {}
            }
        }
        st
    }

    /// Where the clause of an event whose trigger and parties end at byte
    /// `core_end` ends: at the next ";" of the sentence, or with it. What
    /// follows belongs to another clause ("…; Singapore là nước đầu tư lớn
    /// nhất tại Việt Nam trong năm 2020").
    pub(crate) fn clause_end(&self, core_end: usize) -> usize {
        let i = self.semicolons.partition_point(|&p| p < core_end);
        self.semicolons.get(i).copied().unwrap_or(self.s.end)
    }

    /// The date the sentence gives before byte `until`, outside the parties
    /// and brackets: the first full date, else the first date.
    pub(crate) fn date(&self, d: &Doc<'_>, until: usize) -> Option<EventDate> {
        let before = |i: &usize| d.mentions[*i].start < until;
        let best = self.first_day.filter(before).or(self.first_date.filter(before))?;
        Some(event_date(&d.mentions[best]))
    }

    /// The place the sentence gives before byte `until`, outside the
    /// parties' titles: a venue or city after "tại", "ở", "đến" or a visit
    /// ("chuyến thăm chính thức Bê-la-rút") first, then a body's premises
    /// after "tại", then any venue or city, then a country after one of
    /// those words.
    pub(crate) fn location(&self, d: &Doc<'_>, until: usize) -> Option<EventLocation> {
        let before = |i: &usize| d.mentions[*i].start < until;
        let venue_at = self.first_venue_at.filter(before);
        if let (None, Some(p)) = (venue_at, self.first_premises_at.filter(|p| p.start < until)) {
            let text = d.original[p.range()].to_string();
            return Some(EventLocation { text, country: None, start: p.start, end: p.end });
        }
        let best = venue_at.or(self.first_venue.filter(before)).or(self.first_place_at.filter(before))?;
        Some(location_of(&d.mentions[best]))
    }
}

/// Whether place `m` follows "tại" after a title and its country ("Đại sứ
/// Ấn Độ tại Việt Nam"): the office's posting.
fn posting(d: &Doc<'_>, m: &Mention) -> bool {
    let k = d.token_at_span(m.start);
    if k < 3 || d.word(k - 1) != "tại" {
        return false;
    }
    let Some(country) = d.covering(k - 2).filter(|c| c.kind == MentionKind::Country) else { return false };
    let before = d.token_at_span(country.start);
    before > 0 && d.covering(before - 1).is_some_and(|t| t.kind == MentionKind::Title)
}

/// A place mention as an event's location, with its country (a country
/// mention is its own).
pub(crate) fn location_of(m: &Mention) -> EventLocation {
    let country = m.country.clone().or_else(|| m.id.clone().filter(|_| m.kind == MentionKind::Country));
    EventLocation { text: m.text.clone(), country: country.map(Cow::into_owned), start: m.start, end: m.end }
}

/// Whether a body is somewhere one can meet ("tại Tỉnh ủy", "tại Văn
/// phòng Chủ tịch nước"), not a gathering ("tại Hội nghị …"), a forum, a
/// news agency or an international body.
fn has_premises(d: &Doc<'_>, m: &Mention) -> bool {
    let kind = m.id.as_deref().and_then(|id| d.g.get(crate::gazetteer::GazetteerKind::Organization, id));
    let gathering = ["hội nghị", "diễn đàn", "đối thoại", "hội thảo", "hội chợ", "đại hội", "kỳ họp", "phiên họp"];
    let text = crate::normalize::normalize(&m.text);
    !matches!(kind.and_then(|e| e.attr("type")), Some("forum" | "media" | "international" | "sport"))
        && !gathering.iter().any(|g| text.as_str().starts_with(g))
}

/// Whether a place is too wide to be where a meeting was: a sea, a river, a
/// continent, a region of several countries.
fn broad(d: &Doc<'_>, m: &Mention) -> bool {
    let Some(e) = m.id.as_deref().and_then(|id| d.g.get(crate::gazetteer::GazetteerKind::Location, id)) else {
        return false;
    };
    match e.attr("type") {
        Some("sea" | "river" | "continent") => true,
        Some("region") => e.attr("country").is_none(),
        _ => false,
    }
}

/// An event's date from a date mention. A meeting dated by a range of days
/// ("từ ngày 13-15/7") happened on one of them: its value is what they
/// share, the month (`2017-07`) or the year.
fn event_date(m: &Mention) -> EventDate {
    let value = m.value.as_deref().map(|v| match v.split_once('/') {
        Some((a, b)) if a.len() == 10 && b.len() == 10 => {
            if a[..7] == b[..7] {
                a[..7].to_string()
            } else {
                a[..4].to_string()
            }
        }
        _ => v.to_string(),
    });
    EventDate {
        text: m.text.clone(),
        value,
        part_of_day: m.part_of_day.as_deref().map(str::to_string),
        start: m.start,
        end: m.end,
        carried: false,
    }
}

/// The last date written after the header and before `pos` (the start of
/// a sentence) that may date it: a day or month (`Doc::dated`), or a year
/// that opened the sentence before, which starts at `prev_start` ("Năm
/// 2006, B thăm Việt Nam. A chào đón B vào thời điểm đó."); further on,
/// the day before the year holds again.
pub(crate) fn last_date(d: &Doc<'_>, pos: usize, prev_start: usize, header_end: usize) -> Option<EventDate> {
    let last = |list: &[usize]| {
        let i = list.partition_point(|&k| d.mentions[k].start < pos);
        i.checked_sub(1).map(|i| &d.mentions[list[i]])
    };
    let day = last(&d.dated);
    let year = last(&d.years).filter(|y| y.start >= prev_start && day.is_none_or(|m| m.start < y.start));
    let m = year.or(day)?;
    if m.start < header_end {
        return None;
    }
    Some(event_date(m))
}
