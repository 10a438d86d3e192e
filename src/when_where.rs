//! When and where a meeting happened: the date and the place its sentence
//! gives, or the date an earlier sentence set.

use crate::events::{EventDate, EventLocation};
use crate::mentions::{Mention, MentionKind};
use crate::parties::{token_at_span, words_before, Doc};
use crate::span::Span;

/// Whether `pos` lies inside brackets opened shortly before, on the same
/// line. (Bounded: asides are short, and a 5 MB line stays linear.)
pub(crate) fn bracketed(original: &str, pos: usize) -> bool {
    let mut from = pos.saturating_sub(120);
    while !original.is_char_boundary(from) {
        from += 1;
    }
    let before = &original[from..pos];
    let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    line.rfind('(').is_some_and(|open| line.rfind(')').is_none_or(|close| close < open))
}

/// Where the clause of an event whose trigger and parties end at token
/// `core_end` ends: at the next ";" of sentence `s`, or with it. What
/// follows belongs to another clause ("…; Singapore là nước đầu tư lớn
/// nhất tại Việt Nam trong năm 2020").
pub(crate) fn clause_end(d: &Doc<'_>, s: Span, core_end: usize) -> usize {
    (core_end..d.tokens.len())
        .map(|k| &d.tokens[k])
        .take_while(|t| t.span.start < s.end)
        .find(|t| &d.text[t.norm.range()] == ";")
        .map_or(s.end, |t| t.span.start)
}

/// The date sentence `s` gives before byte `until`, outside the parties
/// and brackets: the first full date, else the first date.
pub(crate) fn sentence_date(d: &Doc<'_>, s: Span, in_party: &[bool], until: usize) -> Option<EventDate> {
    let in_parties = |m: &Mention| in_party.get(token_at_span(d.tokens, m.start)).is_some_and(|&x| x);
    let dates: Vec<&Mention> = d
        .within(s)
        .filter(|m| m.start < until)
        .filter(|m| m.kind == MentionKind::Date && !in_parties(m) && !bracketed(d.original, m.start))
        .collect();
    let best = dates.iter().find(|m| m.value.as_deref().is_some_and(|v| v.len() == 10)).or(dates.first())?;
    Some(event_date(best))
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
    EventDate { text: m.text.clone(), value, part_of_day: m.part_of_day.clone(), start: m.start, end: m.end }
}

/// The last day- or month-level date written after the header and before `pos`.
pub(crate) fn last_date(d: &Doc<'_>, pos: usize, header_end: usize) -> Option<EventDate> {
    let i = d.dated.partition_point(|&k| d.mentions[k].start < pos);
    let m = &d.mentions[*d.dated[..i].last()?];
    if m.start < header_end {
        return None;
    }
    Some(event_date(m))
}

/// The place sentence `s` gives before byte `until`, outside the parties'
/// titles: a venue or city after "tại", "ở", "đến" or a visit ("chuyến
/// thăm chính thức Bê-la-rút") first, then any venue or city, then a
/// country after one of those words.
pub(crate) fn sentence_location(d: &Doc<'_>, s: Span, in_party: &[bool], until: usize) -> Option<EventLocation> {
    let in_parties = |m: &Mention| in_party.get(token_at_span(d.tokens, m.start)).is_some_and(|&x| x);
    let places: Vec<&Mention> = d
        .within(s)
        .filter(|m| m.start < until)
        .filter(|m| matches!(m.kind, MentionKind::Location | MentionKind::Country) && !in_parties(m))
        .collect();
    let after_tai = |m: &&&Mention| {
        let i = token_at_span(d.tokens, m.start);
        let w = words_before(d, i, 3);
        w.iter().any(|x| matches!(*x, "tại" | "ở" | "đến" | "tới" | "thăm"))
    };
    let best = places
        .iter()
        .filter(after_tai)
        .find(|m| m.kind == MentionKind::Location)
        .or_else(|| places.iter().find(|m| m.kind == MentionKind::Location))
        .or_else(|| places.iter().find(after_tai))?;
    let country = best.country.clone().or_else(|| best.id.clone().filter(|_| best.kind == MentionKind::Country));
    Some(EventLocation { text: best.text.clone(), country, start: best.start, end: best.end })
}
