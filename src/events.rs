//! Mentions and people → meeting events.
//!
//! A trigger (from `gazetteers/triggers.tsv`) in a sentence, and the
//! parties ([`crate::parties`]) around it; date and place from
//! [`crate::when_where`].
//!
//! | rule id | shape |
//! |---|---|
//! | `event.verb` | "A tiếp B", "A hội kiến B", "A hội đàm với B", "A có cuộc gặp song phương với B" |
//! | `event.passive` | "B được A tiếp" |
//! | `event.joint` | "A và B đã hội đàm", "A và B thảo luận … tại cuộc hội đàm" |
//! | `event.between` | "hội đàm giữa A và B", "cuộc gặp giữa …" |
//! | `event.bilateral` | "A tiếp xúc song phương với B, C và D": one event per counterpart |
//! | `event.fronted` | "Tiếp B, A nhấn mạnh …", "Tại cuộc gặp với B, A …" |
//! | `event.thanks` | "B cảm ơn A đã dành thời gian tiếp": A received B |
//! | `event.invited` | "A thăm Đức theo lời mời của Tổng thống B", "Nhận lời mời của B, A … thăm …": B hosts A's visit |
//! | `event.pair` | "Hai nhà lãnh đạo đánh giá cao …" after two people of different countries were named: they met |
//! | `event.named` | a named meeting ("Cuộc gặp Thứ trưởng Quốc phòng ASEAN – Hàn Quốc") whose parties are named in later sentences ("Tham dự cuộc gặp, A …", "Tại cuộc gặp, B …") |
//!
//! The subject is the party nearest before the trigger, or, for a verb
//! joined to an earlier one ("A hội đàm với B; chào xã giao C"), the
//! earlier verb's subject. The object starts right after the trigger: only
//! modifiers ("chính thức", "song phương") and "với" may come between, or
//! a list's opening ("một số nghị sỹ, gồm …"), never a place ("thăm Việt
//! Nam của …") or a topic ("đàm phán về …"). An invitation ("lời mời
//! thăm"), a denial or a condition is no meeting.
//!
//! Roles follow the trigger's `roles` attribute: `host-first` (A tiếp B: A
//! hosts), `guest-first` (A hội kiến B: A is the guest), `symmetric`.
//! The date is the sentence's own, the named meeting's, or the previous
//! event's after "Cũng trong …"; the place is the most specific one the
//! sentence gives outside the parties' titles, preferring one after "tại".

use crate::cues::Cue;
use crate::gazetteer::{GazetteerKind, Gazetteers};
use crate::mentions::{Mention, MentionKind};
use crate::parties::{cover, parties, token_at_span, word_after, words_before, Doc, Party};
use crate::people::Person;
use crate::persons::PersonHit;
use crate::span::Span;
use crate::tokens::{token_at, Token};
use crate::when_where::{bracketed, last_date, Setting};
use serde::Serialize;
use std::fmt;
use std::ops::Range;

/// What kind of meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    /// gặp, gặp gỡ, cuộc gặp, tiếp xúc, làm việc với
    Meeting,
    /// hội đàm, đàm phán
    Talks,
    /// tiếp, tiếp kiến, hội kiến, đón, chào xã giao
    Reception,
    /// điện đàm, điện thoại, hội đàm trực tuyến
    Call,
    /// thăm, chuyến thăm
    Visit,
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            EventType::Meeting => "meeting",
            EventType::Talks => "talks",
            EventType::Reception => "reception",
            EventType::Call => "call",
            EventType::Visit => "visit",
        })
    }
}

/// A participant's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Receives the other party.
    Host,
    /// Is received, or visits.
    Guest,
    /// Takes part, no host or guest said.
    Participant,
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Role::Host => "host",
            Role::Guest => "guest",
            Role::Participant => "participant",
        })
    }
}

/// One party to a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Participant {
    /// The person's name as in `people`, or `None` for an unnamed party.
    pub name: Option<String>,
    /// The party as written ("Bộ trưởng Quốc phòng Malaysia").
    pub text: String,
    /// Host, guest or participant.
    pub role: Role,
    /// ISO code of the party's country, if known.
    pub country: Option<String>,
    /// Index into the document's `people`, for persons.
    pub person: Option<usize>,
    /// Where the party is written.
    pub start: usize,
    /// End of that span.
    pub end: usize,
}

/// When a meeting happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventDate {
    /// As written.
    pub text: String,
    /// Normalised value (`2019-09-04`).
    pub value: Option<String>,
    /// Part of day (`AF`).
    pub part_of_day: Option<String>,
    /// Where it is written.
    pub start: usize,
    /// End of that span.
    pub end: usize,
    /// Taken from an earlier sentence: the event's own says no date, and
    /// the article last set this one ("Chiều 7/7, …" in the lead).
    pub carried: bool,
}

/// Where a meeting happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventLocation {
    /// As written.
    pub text: String,
    /// ISO code of its country, if known.
    pub country: Option<String>,
    /// Where it is written.
    pub start: usize,
    /// End of that span.
    pub end: usize,
}

/// The word or phrase that reports the meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Trigger {
    /// As written.
    pub text: String,
    /// Trigger gazetteer id (`pair` for the rule `event.pair`).
    pub id: String,
    /// Where it is written.
    pub start: usize,
    /// End of that span.
    pub end: usize,
}

/// A meeting between two or more parties.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    /// meeting, talks, reception, call, visit.
    #[serde(rename = "type")]
    pub kind: EventType,
    /// Each party once.
    pub participants: Vec<Participant>,
    /// When, if the text says.
    pub date: Option<EventDate>,
    /// Where, if the text says.
    pub location: Option<EventLocation>,
    /// What reports it.
    pub trigger: Trigger,
    /// `bilateral`, `multilateral`, `phone` or `online`.
    pub mode: Option<String>,
    /// The sentence it was found in.
    pub sentence: Span,
    /// The rule that produced it.
    pub rule: String,
    /// Later reports of the same meeting (the same type and parties, no
    /// other date or place), merged into this one: a headline, a photo
    /// caption, "Tại buổi tiếp, …".
    pub reports: Vec<Report>,
}

/// Another report of a meeting: where it is written and the rule that read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The word or phrase that reports it.
    pub trigger: Trigger,
    /// Its sentence.
    pub sentence: Span,
    /// The rule that read it.
    pub rule: String,
}

/// Find meeting events.
#[allow(clippy::too_many_arguments)]
pub(crate) fn find(
    original: &str,
    text: &str,
    tokens: &[Token],
    sents: &[Range<usize>],
    cues: &[Cue],
    mentions: &[Mention],
    hits: &[PersonHit],
    people: &[Person],
    g: &Gazetteers,
    portfolios: &std::collections::HashSet<String>,
    published: Option<&str>,
) -> Vec<Event> {
    let mut by_title: std::collections::HashMap<String, Vec<(usize, String)>> = Default::default();
    for (i, p) in people.iter().enumerate() {
        for t in &p.titles {
            let t = crate::normalize::normalize(t).as_str().to_string();
            let first = t.split(' ').next().unwrap_or("").to_string();
            by_title.entry(first).or_default().push((i, t));
        }
    }
    // Dates that may set the day for later sentences: day or month level,
    // not an aside in brackets ("(3/2017)", "(tức rạng sáng 8/7)") and not
    // after publication (an invitation "tháng 3/2018" sets no meeting's day).
    let dated = mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.kind == MentionKind::Date && !bracketed(original, m.start))
        .filter(|(_, m)| {
            m.value.as_deref().is_some_and(|v| v.len() >= 7 && published.is_none_or(|p| v[..v.len().min(10)] <= *p))
        })
        .map(|(i, _)| i)
        .collect();
    let cover = cover(tokens, mentions);
    let d = Doc { original, text, tokens, mentions, people, g, cover, by_title, dated, portfolios };
    let all_parties = parties(&d, hits);
    // The header (the first lines, up to the first long one) holds the
    // publication date, not an event's.
    let header_end = sents
        .iter()
        .find(|r| tokens[r.end - 1].span.end - tokens[r.start].span.start > 120)
        .map_or(0, |r| tokens[r.start].span.start);
    let mut in_party = vec![false; tokens.len()];
    for u in &all_parties {
        in_party[u.tokens.clone()].iter_mut().for_each(|x| *x = true);
    }
    let triggers_all: Vec<&Cue> = cues
        .iter()
        .filter(|c| c.kind == GazetteerKind::Trigger)
        .filter(|c| g.entries[c.entry].attr("type").is_some_and(|t| t != "none"))
        .collect();
    let mut events: Vec<Event> = Vec::new();
    let mut visits: Vec<Visit> = Vec::new();
    let mut named = Named::default();
    // Pairs of people (by index, lower first) some event so far has, and
    // how many events were looked at for them.
    let mut met = Met::new();
    let mut met_seen = 0;
    for (si, sent) in sents.iter().enumerate() {
        named.age(&mut events);
        let sspan = Span::new(tokens[sent.start].span.start, tokens[sent.end - 1].span.end);
        let ua = all_parties.partition_point(|u| u.tokens.start < sent.start);
        let su: Vec<&Party> = all_parties[ua..]
            .iter()
            .take_while(|u| u.tokens.start < sent.end)
            .filter(|u| u.tokens.end <= sent.end)
            .collect();
        let ta = triggers_all.partition_point(|c| c.span.start < sspan.start);
        let triggers: Vec<&Cue> = triggers_all[ta..]
            .iter()
            .copied()
            .take_while(|c| c.span.start < sspan.end)
            .filter(|c| c.span.end <= sspan.end && !in_party[token_at(tokens, c.norm.start)])
            .collect();
        // An event's date is its clause's own; else, after "Cũng trong …",
        // the previous event's; else the last date the article gave before
        // this sentence (news leads set the day: "Chiều 7/7, …"), never
        // the header's.
        let head = text[tokens[sent.start].norm.start..].get(..16).unwrap_or("");
        let carried = if head.starts_with("cũng trong") || head.starts_with("cùng ngày") {
            events.last().and_then(|e| e.date.clone())
        } else {
            None
        };
        let carried =
            carried.or_else(|| last_date(&d, sspan.start, header_end)).map(|d| EventDate { carried: true, ..d });
        let setting = Setting::new(&d, sspan, sent.clone(), &in_party);
        let condition = if triggers.is_empty() {
            None
        } else {
            (sent.start..sent.end).find(|&k| matches!(&text[tokens[k].norm.range()], "nếu" | "giả"))
        };
        let mut found_here = false;
        let mut joined_here = false;
        // The subject of the last event found in this sentence.
        let mut prev_subject: Option<&Party> = None;
        for (k, trig) in triggers.iter().enumerate() {
            if negated(&d, trig, condition) || invited(&d, trig) {
                continue;
            }
            let e = &g.entries[trig.entry];
            let ti = token_at(tokens, trig.norm.start);
            let te = token_at(tokens, trig.norm.end);
            let c = Clause {
                ti,
                te,
                noun: e.attr("form") == Some("noun"),
                roles: e.attr("roles").unwrap_or("symmetric"),
                left: &su[..su.partition_point(|u| u.tokens.end <= ti)],
                right: &su[su.partition_point(|u| u.tokens.start < te)..],
                next_trigger: triggers.get(k + 1).map_or(sent.end, |n| token_at(tokens, n.norm.start)),
                visit: e.attr("type") == Some("visit"),
                all: &su,
                sent: sent.clone(),
            };
            let kind = match e.attr("type") {
                Some("talks") => EventType::Talks,
                Some("reception") => EventType::Reception,
                Some("call") => EventType::Call,
                Some("visit") => EventType::Visit,
                _ => EventType::Meeting,
            };
            let trigger = Trigger {
                text: original[trig.span.range()].to_string(),
                id: e.id.clone(),
                start: trig.span.start,
                end: trig.span.end,
            };
            let base = |parts: &[(&Party, Role)], rule: &str| {
                // A meeting named without its parties ("Cuộc gặp … đã diễn ra
                // chiều 4/9 tại Seoul") takes its whole sentence's date and place.
                let core_end = parts.iter().map(|(u, _)| u.tokens.end).max().map_or(sent.end, |e| e.max(te));
                let until = setting.clause_end(tokens[core_end - 1].span.end);
                Event {
                    kind,
                    participants: parts.iter().map(|(u, r)| participant(&d, u, *r)).collect(),
                    date: setting.date(&d, until).or_else(|| carried.clone()),
                    location: setting.location(&d, until),
                    trigger: trigger.clone(),
                    mode: e.attr("mode").map(str::to_string),
                    sentence: sspan,
                    rule: rule.to_string(),
                    reports: Vec::new(),
                }
            };
            if c.visit {
                visits.extend(visit_of(&d, &c, prev_subject));
            }
            match shape(&d, &c, prev_subject) {
                // "Tại cuộc gặp với B, A …" right after a meeting was named
                // without its parties: they are its parties.
                Shape::Events { refers: true, events: made, .. } if named.is_waiting(kind) => {
                    for (parts, rule) in made {
                        let ev = base(&parts, rule);
                        named.join(ev.participants, ev.date, ev.location);
                    }
                    found_here = true;
                }
                Shape::Events { subject, events: made, .. } => {
                    for (parts, rule) in made {
                        let mut ev = base(&parts, rule);
                        dedup_participants(&mut ev);
                        if ev.participants.len() >= 2 {
                            found_here = true;
                            events.push(ev);
                        }
                    }
                    prev_subject = subject.or(prev_subject);
                }
                Shape::Reference { .. } if named.is_open_for(kind) => {
                    // "Tại cuộc gặp, B nhấn mạnh", "Tham dự cuộc gặp, A …": the
                    // sentence's subject is a party to the named meeting; "… tại
                    // cuộc gặp … ở Hawaii" may say where it was. (Once per
                    // sentence.)
                    if !joined_here {
                        let here = base(&[], "");
                        let parts = referrers(&d, &c).into_iter().map(|u| participant(&d, u, Role::Participant));
                        named.join(parts.collect(), here.date, here.location);
                        joined_here = true;
                    }
                }
                // "Cũng trong cuộc hội đàm hôm 20/4, …" refers to a meeting
                // already found, "tại cuộc gặp Bộ trưởng Quốc phòng ASEAN-Hoa
                // Kỳ" names one.
                Shape::Reference { names: false } => {}
                Shape::Reference { names: true } | Shape::Named => {
                    if matches!(kind, EventType::Meeting | EventType::Talks | EventType::Call | EventType::Reception) {
                        // A named meeting: parties in its name, or in later sentences.
                        let mut ev = base(&[], "event.named");
                        ev.participants =
                            in_name(&d, &c).iter().map(|u| participant(&d, u, Role::Participant)).collect();
                        named.open(ev, &mut events);
                        if !joined_here {
                            let parts = referrers(&d, &c).into_iter().map(|u| participant(&d, u, Role::Participant));
                            named.join(parts.collect(), None, None);
                            joined_here = true;
                        }
                    }
                }
                Shape::None => {}
            }
        }
        // "Tham dự cuộc gặp, A …" without a trigger of its own shape.
        if !found_here && triggers.is_empty() && named.is_open() {
            let head = text[tokens[sent.start].norm.start..].get(..24).unwrap_or("");
            if head.starts_with("tham dự") || head.starts_with("tại ") {
                if let Some(u) = su.iter().find(|u| u.person.is_some()) {
                    named.join(vec![participant(&d, u, Role::Participant)], None, None);
                }
            }
        }
        // "Hai nhà lãnh đạo đánh giá cao …": the two people just named met.
        if !found_here {
            let recent =
                &all_parties[all_parties.partition_point(|u| u.tokens.start < sents[si.saturating_sub(3)].start)..ua];
            // Its date and place were in the sentences before: not known here.
            for ev in &events[met_seen..] {
                record_met(&mut met, ev);
            }
            met_seen = events.len();
            events.extend(pair_meeting(&d, recent, sent.start, sspan, &met));
        }
    }
    named.close(&mut events);
    for ev in &mut events {
        resolve_counterparts(&d, ev);
        // "Trong khuôn khổ chuyến thăm Australia, A …": A's meetings during
        // the visit were there, unless their sentences say otherwise.
        if ev.location.is_none() {
            let during = visits
                .iter()
                .rev()
                .find(|v| v.at < ev.trigger.start && ev.participants.iter().any(|p| p.person == Some(v.visitor)));
            ev.location = during.map(|v| v.place.clone());
        }
    }
    events.retain_mut(|ev| {
        dedup_participants(ev);
        if ev.mode.is_none() {
            ev.mode = Some(if ev.participants.len() == 2 { "bilateral" } else { "multilateral" }.into());
        }
        !ev.participants.is_empty()
    });
    events.sort_by_key(|e| e.trigger.start);
    merge_reports(events)
}

type Met = std::collections::HashSet<(usize, usize)>;

/// Note the pairs of people `ev` brings together (not for summits of many:
/// "two leaders" never means a pair of those).
fn record_met(met: &mut Met, ev: &Event) {
    let people: Vec<usize> = ev.participants.iter().filter_map(|p| p.person).collect();
    if people.len() > 8 {
        return;
    }
    for (i, x) in people.iter().enumerate() {
        for y in &people[i + 1..] {
            met.insert((*x.min(y), *x.max(y)));
        }
    }
}

/// "Hai nhà lãnh đạo …", "Hai Thủ tướng …" opening sentence `start`: the
/// two people named last in the `recent` parties (the three sentences
/// before), of different countries, met, if nothing else says so yet. Not when the
/// phrase names them itself ("Hai nhà lãnh đạo Hàn Quốc và Australia").
fn pair_meeting(d: &Doc<'_>, recent: &[Party], start: usize, sentence: Span, met: &Met) -> Option<Event> {
    let toks = d.tokens;
    if toks.get(start).is_none_or(|t| &d.text[t.norm.range()] != "hai") {
        return None;
    }
    let title =
        d.covering(start + 1).filter(|m| m.kind == MentionKind::Title && m.start == toks[start + 1].span.start)?;
    let after = token_at_span(toks, title.end);
    if toks.get(after).is_none_or(|t| !t.word || t.cap || d.covering(after).is_some()) {
        return None;
    }
    // The two people named last.
    let mut two: Vec<&Party> = Vec::with_capacity(2);
    for u in recent.iter().rev() {
        if u.person.is_some() && !two.iter().any(|t| t.person == u.person) {
            two.push(u);
            if two.len() == 2 {
                break;
            }
        }
    }
    let [b, a] = two[..] else { return None };
    let country = |u: &Party| d.people[u.person.expect("persons only")].country.as_deref();
    if country(a).is_some() && country(a) == country(b) {
        return None;
    }
    // A meeting between two of the people just named is the one the
    // sentence speaks of: nothing new.
    let mut people: Vec<usize> = recent.iter().filter_map(|u| u.person).collect();
    people.sort_unstable();
    people.dedup();
    for (i, x) in people.iter().enumerate() {
        if people[i + 1..].iter().any(|y| met.contains(&(*x, *y))) {
            return None;
        }
    }
    let span = Span::new(toks[start].span.start, title.end);
    Some(Event {
        kind: EventType::Meeting,
        participants: vec![participant(d, a, Role::Participant), participant(d, b, Role::Participant)],
        date: None,
        location: None,
        trigger: Trigger {
            text: d.original[span.range()].to_string(),
            id: "pair".into(),
            start: span.start,
            end: span.end,
        },
        mode: Some("bilateral".into()),
        sentence,
        rule: "event.pair".into(),
        reports: Vec::new(),
    })
}

/// A visit to a place: who went where, and where it is written.
struct Visit {
    at: usize,
    visitor: usize,
    place: EventLocation,
}

/// The visit a visit trigger reports, if it names the place right after
/// it ("chuyến thăm chính thức Australia", "thăm cấp Nhà nước tới nước
/// Cộng hòa …") and a person visiting: its subject, or the first person
/// after a comma ("Trong khuôn khổ chuyến thăm Australia, A …").
fn visit_of(d: &Doc<'_>, c: &Clause<'_, '_>, prev: Option<&Party>) -> Option<Visit> {
    let mut k = c.te;
    while k < c.te + 4
        && matches!(word_after(d, k), "chính" | "thức" | "tới" | "đến" | "sang" | "nước" | "làm" | "việc")
    {
        k += 1;
    }
    let m = d.covering(k).filter(|m| matches!(m.kind, MentionKind::Country | MentionKind::Location))?;
    let visitor =
        subject(d, c, prev).or_else(|| c.right.iter().copied().find(|u| after_comma(d, u))).and_then(|u| u.person)?;
    let country = m.country.clone().or_else(|| m.id.clone().filter(|_| m.kind == MentionKind::Country));
    let place = EventLocation { text: m.text.clone(), country, start: m.start, end: m.end };
    Some(Visit { at: d.tokens[c.ti].span.start, visitor, place })
}

/// "A và người đồng cấp Campuchia gặp gỡ": the counterpart is the person
/// of that country (or of none said) who holds A's office, if the article
/// names exactly one.
fn resolve_counterparts(d: &Doc<'_>, ev: &mut Event) {
    let norm = |t: &str| crate::normalize::normalize(t).as_str().to_string();
    for i in 0..ev.participants.len() {
        let p = &ev.participants[i];
        if p.person.is_some() || !norm(&p.text).starts_with("người đồng cấp") {
            continue;
        }
        let others: Vec<usize> = ev.participants.iter().filter_map(|q| q.person).collect();
        let offices: Vec<String> = others.iter().flat_map(|&o| d.people[o].titles.iter().map(|t| norm(t))).collect();
        let same_office = |t: &str| {
            let t = norm(t);
            offices.iter().any(|o| o == &t || o.starts_with(&format!("{t} ")) || t.starts_with(&format!("{o} ")))
        };
        let mut fits = d.people.iter().enumerate().filter(|(k, q)| {
            !others.contains(k)
                && (p.country.is_none() || q.country.is_none() || q.country == p.country)
                && q.titles.iter().any(|t| same_office(t))
        });
        let (Some((k, q)), None) = (fits.next(), fits.next()) else { continue };
        let p = &mut ev.participants[i];
        p.person = Some(k);
        p.name = Some(q.name.clone());
        p.country = p.country.take().or_else(|| q.country.clone());
    }
}

/// One event per meeting: a later event of the same type between the same
/// parties, whose date and place do not differ from an earlier one's, is
/// another report of it. A report naming only one party of a meeting found
/// elsewhere ("Sáng 17/4, tại Cửa khẩu Hữu Nghị đã diễn ra lễ đón đoàn … do
/// B làm trưởng đoàn") is a report of the nearest such meeting, and may
/// give it its date and place; alone it is no event.
fn merge_reports(events: Vec<Event>) -> Vec<Event> {
    let party = |p: &Participant| {
        p.person.map_or_else(|| crate::normalize::normalize(&p.text).as_str().to_string(), |i| format!("#{i}"))
    };
    let key = |e: &Event| {
        let mut k: Vec<String> = e.participants.iter().map(party).collect();
        k.sort();
        (e.kind, k)
    };
    // A date carried from an earlier sentence is no evidence against
    // another; the one a report states wins.
    let agree = |a: &Event, b: &Event| {
        let date = |e: &Event| e.date.as_ref().filter(|d| !d.carried).and_then(|d| d.value.clone());
        let place = |e: &Event| e.location.as_ref().map(|l| crate::normalize::normalize(&l.text).as_str().to_string());
        (date(a).is_none() || date(b).is_none() || date(a) == date(b))
            && (place(a).is_none() || place(b).is_none() || place(a) == place(b))
    };
    let merge = |into: &mut Event, ev: Event| {
        into.date = match (into.date.take(), ev.date) {
            (Some(a), Some(b)) if a.carried && !b.carried => Some(b),
            (a, b) => a.or(b),
        };
        into.location = into.location.take().or(ev.location);
        into.reports.push(Report { trigger: ev.trigger, sentence: ev.sentence, rule: ev.rule });
    };
    let (events, partial): (Vec<Event>, Vec<Event>) = events.into_iter().partition(|e| e.participants.len() >= 2);
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut by_key: std::collections::HashMap<(EventType, Vec<String>), Vec<usize>> = Default::default();
    for ev in events {
        let k = key(&ev);
        match by_key.get(&k).and_then(|list| list.iter().copied().find(|&i| agree(&out[i], &ev))) {
            Some(i) => merge(&mut out[i], ev),
            None => {
                by_key.entry(k).or_default().push(out.len());
                out.push(ev);
            }
        }
    }
    let mut by_party: std::collections::HashMap<(EventType, String), Vec<usize>> = Default::default();
    for (i, e) in out.iter().enumerate() {
        for p in &e.participants {
            by_party.entry((e.kind, party(p))).or_default().push(i);
        }
    }
    for ev in partial {
        let near = by_party
            .get(&(ev.kind, party(&ev.participants[0])))
            .into_iter()
            .flatten()
            .copied()
            .filter(|&i| agree(&out[i], &ev))
            .min_by_key(|&i| out[i].trigger.start.abs_diff(ev.trigger.start));
        if let Some(i) = near {
            merge(&mut out[i], ev);
        }
    }
    out
}

/// The named meeting the following sentences may add parties to.
#[derive(Default)]
struct Named {
    event: Option<Event>,
    /// Sentences since it was named or last referred to: its parties are
    /// named nearby, not in the next story of a news digest.
    age: usize,
}

impl Named {
    const REACH: usize = 6;

    fn is_open(&self) -> bool {
        self.event.is_some()
    }

    /// Open, for a meeting of this type: "trong chuyến thăm …" refers to
    /// no named "cuộc gặp".
    fn is_open_for(&self, kind: EventType) -> bool {
        self.event.as_ref().is_some_and(|e| e.kind == kind)
    }

    /// Open for a meeting of this type, and none of its parties known yet.
    fn is_waiting(&self, kind: EventType) -> bool {
        self.is_open_for(kind) && self.event.as_ref().is_some_and(|e| e.participants.is_empty())
    }

    /// A new sentence: a meeting named too long ago takes no more parties.
    fn age(&mut self, events: &mut Vec<Event>) {
        self.age += 1;
        if self.age > Self::REACH {
            self.close(events);
        }
    }

    /// A meeting named again without parties ("Cuộc gặp … đã diễn ra chiều
    /// 4/9 tại Seoul") is the open one: it gives its date and place.
    /// Otherwise the open one is done and `ev` takes its place.
    fn open(&mut self, ev: Event, events: &mut Vec<Event>) {
        match self.event.as_mut() {
            Some(n) if n.trigger.id == ev.trigger.id && ev.participants.is_empty() => {
                if n.location.is_none() {
                    n.location = ev.location;
                }
                if n.date.is_none() {
                    n.date = ev.date;
                }
            }
            _ => {
                self.close(events);
                self.event = Some(ev);
            }
        }
        self.age = 0;
    }

    /// Parties of the open meeting, named in a later sentence that may
    /// also say when and where it was.
    fn join(&mut self, parts: Vec<Participant>, date: Option<EventDate>, location: Option<EventLocation>) {
        if let Some(n) = self.event.as_mut() {
            n.participants.extend(parts);
            n.date = n.date.take().or(date);
            n.location = n.location.take().or(location);
            self.age = 0;
        }
    }

    fn close(&mut self, events: &mut Vec<Event>) {
        events.extend(self.event.take());
    }
}

/// A trigger in its sentence: what the shape rules look at.
struct Clause<'s, 'p> {
    /// The trigger's first token and the token after it.
    ti: usize,
    te: usize,
    /// A noun ("cuộc gặp"), not a verb ("gặp").
    noun: bool,
    /// The trigger's `roles` attribute.
    roles: &'s str,
    /// The sentence's parties before the trigger, and after it.
    left: &'s [&'p Party],
    right: &'s [&'p Party],
    /// The next trigger's first token, or the sentence's end.
    next_trigger: usize,
    /// A visit ("thăm", "chuyến thăm").
    visit: bool,
    /// All the sentence's parties, and its tokens.
    all: &'s [&'p Party],
    sent: Range<usize>,
}

/// What a trigger's sentence says about it.
enum Shape<'p> {
    /// Events, each with its parties and roles and the rule, and the
    /// subject a verb joined to this one shares.
    Events {
        subject: Option<&'p Party>,
        events: Vec<(Vec<(&'p Party, Role)>, &'static str)>,
        /// Reported by a noun after "tại", "trong", "dự": "Tại cuộc gặp với B, A …".
        refers: bool,
    },
    /// A meeting referred to ("Tại cuộc gặp, …", "Tham dự cuộc gặp"), by
    /// its name or not.
    Reference {
        names: bool,
    },
    /// A meeting named without the parties around it ("Cuộc gặp Bộ trưởng
    /// Quốc phòng ASEAN-Hoa Kỳ").
    Named,
    None,
}

/// The roles of the subject and the object of a trigger with `roles`.
fn roles_of(roles: &str) -> (Role, Role) {
    match roles {
        "host-first" => (Role::Host, Role::Guest),
        "guest-first" => (Role::Guest, Role::Host),
        _ => (Role::Participant, Role::Participant),
    }
}

fn shape<'p>(d: &Doc<'_>, c: &Clause<'_, 'p>, prev_subject: Option<&'p Party>) -> Shape<'p> {
    let after = word_after(d, c.te);
    let before = words_before(d, c.ti, 2);
    let (sr, or) = roles_of(c.roles);
    let referring = c.noun && before.iter().any(|w| matches!(*w, "tại" | "dự" | "trong" | "sau" | "lề"));
    let one = |subject: Option<&'p Party>, parts: Vec<(&'p Party, Role)>, rule| Shape::Events {
        subject,
        events: vec![(parts, rule)],
        refers: referring,
    };
    // "hội đàm giữa A và B", "cuộc gặp tháng 11/2018 tại Washington giữa A
    // và B", "cuộc điện đàm của A và B; giữa C và D": each ";" item one
    // meeting.
    if let Some(from) = between_start(d, c) {
        let right = &c.right[c.right.partition_point(|u| u.tokens.start < from)..];
        let right = &right[..right.partition_point(|u| u.tokens.start < c.next_trigger)];
        let events: Vec<_> = list_items(d, right, true)
            .into_iter()
            .filter(|item| item.len() >= 2)
            .map(|item| (item.into_iter().map(|u| (u, Role::Participant)).collect(), "event.between"))
            .collect();
        if !events.is_empty() {
            return Shape::Events { subject: None, events, refers: referring };
        }
    }
    let objects = objects(d, c);
    let subject = subject(d, c, prev_subject);
    let joint = coordinated_before(d, c.left, c.ti, referring);
    // "… mời Tổng thống B tham dự … và thăm Việt Nam": B is invited, no
    // meeting yet.
    if subject.is_some_and(|s| words_before(d, s.tokens.start, 2).contains(&"mời")) {
        return Shape::None;
    }
    // "A thăm Đức theo lời mời của Tổng thống B", "Nhận lời mời của B; C và
    // D, A … lên đường thăm …": the hosts who invited the visitor.
    if objects.is_empty() && c.visit {
        let hosts = inviters(d, c);
        if let (Some(s), false) = (subject, hosts.is_empty()) {
            let events = hosts.iter().map(|h| (vec![(s, sr), (*h, or)], "event.invited")).collect();
            return Shape::Events { subject: Some(s), events, refers: false };
        }
    }
    if objects.is_empty() {
        // "B được A tiếp": A does what the trigger says to B.
        if let [.., b, a] = c.left {
            if matches!(gap_words(d, b.tokens.end, a.tokens.start, 2).as_deref(), Some(["được"] | [_, "được"]))
            {
                return one(Some(a), vec![(b, or), (a, sr)], "event.passive");
            }
            // "B cảm ơn A đã dành thời gian tiếp": A received B.
            let thanks = gap_words(d, b.tokens.end, a.tokens.start, 12)
                .is_some_and(|g| g.windows(2).any(|w| w == ["cảm", "ơn"]));
            if thanks && !c.noun && gap_words(d, a.tokens.end, c.ti, 4).is_some() {
                return one(Some(a), vec![(a, sr), (b, or)], "event.thanks");
            }
        }
        if joint.len() >= 2 {
            return one(joint.first().copied(), joint.iter().map(|u| (*u, Role::Participant)).collect(), "event.joint");
        }
        return if referring {
            Shape::Reference { names: names_follow(d, c) }
        } else if c.noun {
            Shape::Named
        } else {
            Shape::None
        };
    }
    // "Tiếp B, A nhấn mạnh", "Tại cuộc gặp với B, A khẳng định": the
    // subject follows the object, after a comma.
    let subject = match subject {
        Some(s) => s,
        None => {
            // "Tại cuộc gặp B, A khẳng định": after a bare comma, the last
            // party of the list is the sentence's subject.
            let mut objects = objects;
            let n = objects.len();
            let last_by_comma = n >= 2 && {
                let gap = gap_words(d, objects[n - 2].tokens.end, objects[n - 1].tokens.start, usize::MAX);
                let gap = gap.unwrap_or_default();
                gap.contains(&",") && !gap.iter().any(|w| matches!(*w, "và" | ";"))
            };
            let s = if last_by_comma {
                objects.pop()
            } else {
                let last = objects.last().expect("not empty");
                c.right.iter().copied().find(|u| u.tokens.start > last.tokens.end && after_comma(d, u))
            };
            let Some(s) = s else {
                return if c.noun { Shape::Named } else { Shape::None };
            };
            let events = objects.iter().map(|o| (vec![(s, sr), (*o, or)], "event.fronted")).collect();
            return Shape::Events { subject: Some(s), events, refers: referring };
        }
    };
    // A noun names a meeting of the subject's only with "có" or "với":
    // "A có cuộc gặp B", "cuộc gặp của A với B".
    // "A chủ trì lễ đón B", "A tổ chức lễ đón B" too.
    let owned = before.iter().any(|w| matches!(*w, "có" | "cuộc" | "các" | "trì" | "chức"));
    if c.noun && !(owned || after == "với") {
        return if referring { Shape::Reference { names: names_follow(d, c) } } else { Shape::Named };
    }
    // "A vui mừng được đón B" is active; "B được A tiếp" is the passive above.
    // "A gặp B, C và D": A met each of them; B, C and D did not meet each
    // other. "A và B đón C": both received C.
    let subjects = subject_group(d, c.left, subject);
    let rule = if objects.len() > 1 { "event.bilateral" } else { "event.verb" };
    let events = objects
        .iter()
        .map(|o| {
            let mut parts: Vec<(&Party, Role)> = subjects.iter().map(|s| (*s, sr)).collect();
            parts.push((o, or));
            (parts, rule)
        })
        .collect();
    Shape::Events { subject: Some(subject), events, refers: referring }
}

/// The subject and the parties joined to it before by "và" or "cùng (với)",
/// perhaps with an aside in brackets: "Chủ tịch Thượng viện A (bên phải)
/// và Chủ tịch Hạ viện B đón C".
fn subject_group<'p>(d: &Doc<'_>, left: &[&'p Party], subject: &'p Party) -> Vec<&'p Party> {
    let mut group = vec![subject];
    let Some(mut i) = left.iter().position(|u| std::ptr::eq(*u, subject)) else { return group };
    while i > 0 {
        let prev = left[i - 1];
        let Some(gap) = gap_words(d, prev.tokens.end, left[i].tokens.start, 8) else { break };
        // An aside in brackets first: "(bên phải)".
        let gap: Vec<&str> = match gap.iter().position(|w| *w == ")") {
            Some(close) if gap.first() == Some(&"(") => gap[close + 1..].to_vec(),
            _ => gap,
        };
        if !matches!(gap.as_slice(), ["và"] | ["cùng"] | ["cùng", "với"]) {
            break;
        }
        group.insert(0, prev);
        i -= 1;
    }
    group
}

/// Where the parties of "giữa A và B" start, if the trigger is followed by
/// "giữa" (after at most a date, a place and modifiers: "cuộc gặp tháng
/// 11/2018 tại thủ đô Washington giữa …"), or, for a noun, by "của A và
/// B" ("cuộc điện đàm của A và B").
fn between_start(d: &Doc<'_>, c: &Clause<'_, '_>) -> Option<usize> {
    let word = |k: usize| d.tokens.get(k).map_or("", |t| &d.text[t.norm.range()]);
    let mut k = c.te;
    while k < c.te + 12 && k < c.next_trigger {
        match word(k) {
            "giữa" => return Some(k + 1),
            "của" if c.noun && k == c.te => {
                // Two or more parties joined by "và" or "với", not "chuyến thăm của A".
                let right = &c.right[c.right.partition_point(|u| u.tokens.start <= k)..];
                let first = right.first().filter(|u| u.tokens.start == k + 1)?;
                let list = list_items(d, right, false);
                let n = list.first().map_or(0, Vec::len);
                return (n >= 2 && first.tokens.start == k + 1).then_some(k + 1);
            }
            "tại" | "ở" | "hôm" | "ngày" | "vào" | "chính" | "thức" | "không" | "trực" | "tuyến" | "thủ" | "đô"
            | "thành" | "phố" => k += 1,
            _ if d.covering(k).is_some_and(|m| {
                matches!(m.kind, MentionKind::Date | MentionKind::Location | MentionKind::Country)
            }) =>
            {
                k += 1
            }
            "," | "/" | "-" if k > c.te => k += 1,
            _ => return None,
        }
    }
    None
}

/// The persons a visit's sentence says invited the visitor: those listed
/// after "lời mời của" ("theo lời mời của A", "Nhận lời mời của A; B và C").
fn inviters<'p>(d: &Doc<'_>, c: &Clause<'_, 'p>) -> Vec<&'p Party> {
    let word = |k: usize| &d.text[d.tokens[k].norm.range()];
    let Some(k) =
        (c.sent.start + 2..c.sent.end).find(|&k| word(k) == "của" && word(k - 1) == "mời" && word(k - 2) == "lời")
    else {
        return Vec::new();
    };
    let from = c.all.partition_point(|u| u.tokens.start <= k);
    match c.all.get(from) {
        Some(first) if first.tokens.start == k + 1 => {
            coordinated(d, &c.all[from..], true).into_iter().filter(|u| u.person.is_some()).collect()
        }
        _ => Vec::new(),
    }
}

/// Whether a name follows a meeting noun: "cuộc gặp Không chính thức Bộ
/// trưởng Quốc phòng ASEAN-Hoa Kỳ", not "cuộc hội đàm hôm 20/4, …".
fn names_follow(d: &Doc<'_>, c: &Clause<'_, '_>) -> bool {
    d.tokens.get(c.te).is_some_and(|t| {
        t.word
            && t.cap
            && d.covering(c.te).is_none_or(|m| matches!(m.kind, MentionKind::Title | MentionKind::Organization))
    })
}

/// Who a sentence that refers to a meeting says took part: its subject,
/// the party nearest before the trigger ("… của Đại tướng A tại cuộc gặp")
/// or, after it, the first party after a comma and those listed with it
/// ("Tại cuộc gặp với sự tham dự của …, A và B nhấn mạnh"), else the first
/// person named after it.
fn referrers<'p>(d: &Doc<'_>, c: &Clause<'_, 'p>) -> Vec<&'p Party> {
    let near = c.left.last().filter(|u| gap_words(d, u.tokens.end, c.ti, 12).is_some());
    let group = match near {
        Some(u) => vec![*u],
        None => match c.right.iter().position(|u| after_comma(d, u)) {
            Some(i) => coordinated(d, &c.right[i..], false),
            None => c.right.iter().copied().filter(|u| u.person.is_some()).take(1).collect(),
        },
    };
    group.into_iter().filter(|u| u.person.is_some()).collect()
}

/// Words between two token positions, if there are at most `max`. (The
/// rules look at short gaps only; the bound keeps a sentence of many
/// triggers linear.)
fn gap_words<'a>(d: &Doc<'a>, from: usize, to: usize, max: usize) -> Option<Vec<&'a str>> {
    if to.saturating_sub(from) > max {
        return None;
    }
    Some(d.tokens[from.min(to)..to].iter().map(|t| &d.text[t.norm.range()]).collect())
}

fn after_comma(d: &Doc<'_>, u: &Party) -> bool {
    u.tokens.start > 0 && &d.text[d.tokens[u.tokens.start - 1].norm.range()] == ","
}

/// The subject: the party nearest before the trigger; for a verb joined to
/// an earlier one ("…; chào xã giao C", "… và gặp C") that verb's subject.
fn subject<'p>(d: &Doc<'_>, c: &Clause<'_, 'p>, prev: Option<&'p Party>) -> Option<&'p Party> {
    let near = c.left.last()?;
    // A party far before the trigger is not its subject.
    let gap = gap_words(d, near.tokens.end, c.ti, 48)?;
    // "A báo cáo với B về kết quả hội đàm với C": the meeting is a topic.
    if gap.contains(&"về") {
        return None;
    }
    let joined = matches!(gap.first().copied(), Some(";" | "," | "và" | "cũng" | "rồi" | "đồng"));
    match prev {
        Some(p) if joined && !gap.contains(&"được") => Some(p),
        _ => Some(near),
    }
}

/// The objects: the first party after the trigger, if nothing but
/// modifiers, "với" or a list's opening stands between, and the parties
/// joined to it.
fn objects<'p>(d: &Doc<'_>, c: &Clause<'_, 'p>) -> Vec<&'p Party> {
    // "chào xã giao B và gặp C": C is the next verb's.
    let right = &c.right[..c.right.partition_point(|u| u.tokens.start < c.next_trigger)];
    let Some(first) = right.first() else { return Vec::new() };
    if !object_gap_ok(d, c.te, first.tokens.start) {
        return Vec::new();
    }
    // "; " lists items only in a list opened as one: "…, gồm A; B và C".
    let opened = gap_words(d, c.te, first.tokens.start, 24)
        .is_some_and(|g| matches!(g.last().copied(), Some("gồm" | "như" | ":")));
    coordinated(d, right, opened)
}

/// Whether the words from the trigger's end to an object's start let the
/// object be the trigger's: "gặp B", "hội đàm với B", "có cuộc gặp chính
/// thức với B", "gặp và trao đổi ngắn với B", "điện đàm với một số nghị
/// sỹ …, gồm B", "hội đàm với Đoàn đại biểu … do B dẫn đầu" are; "thăm
/// Việt Nam của B", "đàm phán về …", "tiếp xúc ở các cấp … giữa B" are not.
fn object_gap_ok(d: &Doc<'_>, from: usize, to: usize) -> bool {
    let Some(gap) = gap_words(d, from, to, 24) else { return false };
    // A list opened by an open group or a delegation led by someone may
    // name places and bodies on the way.
    let list = matches!(gap.last().copied(), Some("gồm" | "như" | ":" | "do" | "là"));
    // "Tham dự cuộc gặp, A …": a comma ends the trigger's clause.
    if gap.len() > if list { 24 } else { 8 } || gap.first() == Some(&",") {
        return false;
    }
    (from..to).all(|k| {
        let w = &d.text[d.tokens[k].norm.range()];
        let place = d.covering(k).is_some_and(|m| matches!(m.kind, MentionKind::Country | MentionKind::Location));
        !matches!(w, ";" | "." | "?" | "!" | "về" | "ở" | "tại" | "giữa") && (list || !place)
        // "với sự tham dự của B": B attends a meeting named elsewhere.
    }) && !gap.windows(2).any(|w| w == ["tham", "dự"])
}

/// The parties written in a meeting's name: those right after the trigger,
/// before the next trigger ("Cuộc gặp Bộ trưởng Quốc phòng ASEAN-Hoa Kỳ",
/// "cuộc gặp với Tổng thống Moon Jae-in").
fn in_name<'p>(d: &Doc<'_>, c: &Clause<'_, 'p>) -> Vec<&'p Party> {
    let right = &c.right[..c.right.partition_point(|u| u.tokens.end <= c.next_trigger)];
    let Some(first) = right.first() else { return Vec::new() };
    let comma = gap_words(d, c.te, first.tokens.start, 24).is_none_or(|g| g.contains(&","));
    if comma || !object_gap_ok(d, c.te, first.tokens.start) {
        return Vec::new();
    }
    coordinated(d, right, false).into_iter().filter(|u| u.person.is_some()).collect()
}

fn dedup_participants(ev: &mut Event) {
    let mut seen: Vec<String> = Vec::new();
    ev.participants.retain(|p| {
        let k = p.person.map_or_else(|| p.text.to_lowercase(), |i| format!("#{i}"));
        if seen.contains(&k) {
            false
        } else {
            seen.push(k);
            true
        }
    });
}

fn participant(d: &Doc<'_>, u: &Party, role: Role) -> Participant {
    let person = u.person.map(|i| &d.people[i]);
    Participant {
        name: person.map(|p| p.name.clone()),
        text: d.original[u.span.range()].to_string(),
        role,
        country: person.and_then(|p| p.country.clone()).or_else(|| u.country.clone()),
        person: u.person,
        start: u.span.start,
        end: u.span.end,
    }
}

/// Whether a negation comes right before the trigger, or a condition
/// ("nếu", "giả sử") earlier in its sentence: denied and hypothetical
/// meetings are not events.
/// `condition` is the first "nếu"/"giả" token of the sentence, if any.
fn negated(d: &Doc<'_>, trig: &Cue, condition: Option<usize>) -> bool {
    let i = token_at(d.tokens, trig.norm.start);
    let before = words_before(d, i, 3);
    // "từ chối gặp" is denied; "kể từ cuộc gặp" is not.
    let refused = before.windows(2).any(|w| w == ["từ", "chối"]);
    let denied = (refused || before.iter().any(|w| matches!(*w, "không" | "chưa" | "chẳng" | "hủy" | "hoãn")))
        && !before.contains(&"đã");
    denied || condition.is_some_and(|c| c < i)
}

/// An invitation ("lời mời thăm", "mời … sang thăm") is no meeting yet.
fn invited(d: &Doc<'_>, trig: &Cue) -> bool {
    let i = token_at(d.tokens, trig.norm.start);
    words_before(d, i, 2).contains(&"mời")
}

/// The first party of `units` and those listed with it: "B, C và D",
/// "B với C", "gồm A; B; C và D". Between two listed parties stand
/// separators (",", "và", "với", and ";" where `semicolons` says a list
/// was opened: "gồm", "như", "giữa"), and perhaps the offices of the next
/// one ("…; thành viên Ủy ban Ngân sách Thượng viện, Thượng Nghị sỹ B").
/// The list comes as its ";" items.
fn list_items<'u>(d: &Doc<'_>, units: &[&'u Party], semicolons: bool) -> Vec<Vec<&'u Party>> {
    let Some(first) = units.first() else { return Vec::new() };
    let mut items: Vec<Vec<&Party>> = vec![vec![first]];
    let mut prev = *first;
    for u in &units[1..] {
        let (from, to) = (prev.tokens.end, u.tokens.start);
        let (mut comma, mut and, mut semicolon, mut offices) = (false, false, false, false);
        let mut loose = 0;
        for k in from..to {
            match &d.text[d.tokens[k].norm.range()] {
                "," | "-" | "–" => comma = true,
                "và" | "với" => and = true,
                ";" => semicolon = true,
                "cùng" | "(" | ")" => {}
                // "A và B; giữa C và D".
                "giữa" if semicolons => {}
                _ if d.covering(k).is_some_and(|m| m.kind != MentionKind::Date) || d.tokens[k].cap => offices = true,
                _ => loose += 1,
            }
        }
        // "B, Ủy viên Bộ Chính trị, Phó Chủ tịch …, A nhấn mạnh": offices
        // after a comma describe B; a bare comma after them ends the list.
        let apposition = offices && &d.text[d.tokens[from].norm.range()] == ",";
        let joined = comma || and || (semicolon && semicolons);
        if !joined || (semicolon && !semicolons) || loose > 2 || (apposition && !(and || semicolon)) {
            break;
        }
        if semicolon {
            items.push(Vec::new());
        }
        items.last_mut().expect("not empty").push(u);
        prev = u;
    }
    items
}

/// The parties of a list ([`list_items`]) that meet the subject: where
/// ";" separates the items, an item that names a person is that person
/// (the offices around the name are theirs).
fn coordinated<'u>(d: &Doc<'_>, units: &[&'u Party], semicolons: bool) -> Vec<&'u Party> {
    let items = list_items(d, units, semicolons);
    if items.len() == 1 {
        return items.into_iter().next().unwrap_or_default();
    }
    let mut kept = Vec::new();
    for item in items {
        if item.iter().any(|u| u.person.is_some()) {
            kept.extend(item.into_iter().filter(|u| u.person.is_some()));
        } else {
            kept.extend(item);
        }
    }
    kept
}

/// Parties joined by "và" right before the trigger: "A và B đã hội đàm",
/// "A, Thứ trưởng Quốc phòng, và ngài B, Thứ trưởng Quốc phòng Canada đồng
/// chủ trì …" (offices in apposition may follow each). With `any_verb`,
/// any words but a clause break may come between the last and the
/// trigger: "A và B sẽ thảo luận … tại cuộc hội đàm".
fn coordinated_before<'u>(d: &Doc<'_>, left: &[&'u Party], trig: usize, any_verb: bool) -> Vec<&'u Party> {
    let Some(last) = left.last() else { return Vec::new() };
    let Some(gap) = gap_words(d, last.tokens.end, trig, 48) else { return Vec::new() };
    let adverb =
        |w: &str| matches!(w, "đã" | "sẽ" | "đang" | "vừa" | "cùng" | "có" | "tiến" | "hành" | "," | "chính" | "thức");
    let loose = |from: usize, to: usize, ok: &dyn Fn(&str) -> bool| {
        (from..to).filter(|&k| !(ok(&d.text[d.tokens[k].norm.range()]) || office(d, k))).count()
    };
    // Offices may hold a portfolio ("Thứ trưởng Quốc phòng"): two loose words.
    let adverbs =
        loose(last.tokens.end, trig, &adverb) <= 2 && gap.iter().any(|w| !adverb(w)) || gap.iter().all(|w| adverb(w));
    let clause = any_verb && gap.first().is_some_and(|w| w.chars().all(char::is_alphabetic)) && !gap.contains(&";");
    if !(adverbs || clause) {
        return Vec::new();
    }
    let mut out = vec![*last];
    let mut and = false;
    for u in left.iter().rev().skip(1) {
        let (from, to) = (u.tokens.end, out[0].tokens.start);
        let joins = loose(from, to, &|w| matches!(w, "," | "và" | "ngài" | "ông" | "bà")) <= 2;
        if !joins || to - from > 24 {
            break;
        }
        and |= (from..to).any(|k| &d.text[d.tokens[k].norm.range()] == "và");
        out.insert(0, u);
    }
    // "A, B đã hội đàm" without "và" is no pair of subjects.
    if !and && out.len() > 1 {
        out.drain(..out.len() - 1);
    }
    out
}

/// Whether token `k` is part of an office in apposition: a title, a body,
/// a country, a place, a capitalised word.
fn office(d: &Doc<'_>, k: usize) -> bool {
    d.tokens[k].cap
        || d.covering(k).is_some_and(|m| {
            matches!(
                m.kind,
                MentionKind::Title | MentionKind::Organization | MentionKind::Country | MentionKind::Location
            )
        })
}
