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
//! The date is the clause's own or the named meeting's; else it is carried
//! (`EventDate::carried`): the previous event's after "Cùng ngày" or
//! "Cũng trong chiều …", else the last day the article gave before the
//! sentence, or a year that opened the sentence before ("Năm 2006, …").
//! The place is the most specific one the sentence gives outside the
//! parties' titles, preferring one after "tại" (or a body's premises,
//! "tại trụ sở Bộ Quốc phòng"); else the place of a visit a participant
//! was making ("Trong khuôn khổ chuyến thăm Australia, …").

use crate::cues::Cue;
use crate::gazetteer::{GazetteerKind, Gazetteers};
use crate::mentions::{Mention, MentionKind};
use crate::parties::{cover, parties, Doc, Party};
use crate::people::Person;
use crate::persons::PersonHit;
use crate::reports::{merge_reports, resolve_counterparts};
use crate::shapes::{
    in_name, invited, negated, pair_meeting, record_met, referrers, shape, visit_of, Clause, Met, Shape, Visit,
};
use crate::span::Span;
use crate::tokens::{Token, TokenIndex};
use crate::when_where::{bracketed, last_date, Setting};
use serde::Serialize;
use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

/// What kind of meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    /// gặp, gặp gỡ, cuộc gặp, tiếp xúc, làm việc với
    Meeting,
    /// hội đàm, đàm phán, đồng chủ trì
    Talks,
    /// tiếp, tiếp kiến, hội kiến, đón, lễ đón, chào xã giao, trình quốc
    /// thư, Quốc yến
    Reception,
    /// điện đàm, điện thoại, hội đàm trực tuyến
    Call,
    /// thăm, chuyến thăm
    Visit,
}

impl EventType {
    /// Every type, in declaration order.
    pub const ALL: [EventType; 5] =
        [EventType::Meeting, EventType::Talks, EventType::Reception, EventType::Call, EventType::Visit];

    /// The type's name, as in the output and in a trigger's `type` attribute.
    pub fn name(self) -> &'static str {
        match self {
            EventType::Meeting => "meeting",
            EventType::Talks => "talks",
            EventType::Reception => "reception",
            EventType::Call => "call",
            EventType::Visit => "visit",
        }
    }

    /// The type a trigger's `type` attribute names.
    pub(crate) fn from_name(name: &str) -> Option<EventType> {
        EventType::ALL.into_iter().find(|t| t.name() == name)
    }
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
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
    pub id: Cow<'static, str>,
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
    pub mode: Option<Cow<'static, str>>,
    /// The sentence it was found in.
    pub sentence: Span,
    /// The rule that produced it.
    pub rule: Cow<'static, str>,
    /// Later reports of the same meeting merged into this one: a headline,
    /// a photo caption, "Tại buổi tiếp, …". A report has the same type and
    /// parties and no other date or place, or names one of the parties
    /// alone (and may give the meeting its date and place).
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
    pub rule: Cow<'static, str>,
}

/// Find meeting events.
#[allow(clippy::too_many_arguments)]
pub(crate) fn find(
    original: &str,
    text: &str,
    tokens: &[Token],
    index: &TokenIndex,
    sents: &[Range<usize>],
    cues: &[Cue],
    mentions: &[Mention],
    hits: &[PersonHit],
    people: &[Person],
    g: &Gazetteers,
    portfolios: &crate::persons::Portfolios,
    published: Option<&str>,
) -> Vec<Event> {
    let titles: Vec<Vec<String>> = people
        .iter()
        .map(|p| p.titles.iter().map(|t| crate::normalize::normalize(t).into_string()).collect())
        .collect();
    let mut by_title: crate::hash::FastMap<String, Vec<(usize, usize)>> = Default::default();
    for (i, ts) in titles.iter().enumerate() {
        for (x, t) in ts.iter().enumerate() {
            let first = t.split(' ').next().unwrap_or("").to_string();
            by_title.entry(first).or_default().push((i, x));
        }
    }
    // Dates that may set the day for later sentences: day or month level,
    // not an aside in brackets ("(3/2017)", "(tức rạng sáng 8/7)") and not
    // after publication (an invitation "tháng 3/2018" sets no meeting's day);
    // and years opening a sentence ("Năm 2006, …"), for it and the next.
    let mut dated = Vec::new();
    let mut years = Vec::new();
    // A year opens its sentence: "Năm 2006, …", "Vào năm 2006, …".
    let mut opens = vec![false; tokens.len()];
    for s in sents {
        opens[s.start] = true;
        if s.len() > 1 && matches!(&text[tokens[s.start].norm.range()], "vào" | "trong") {
            opens[s.start + 1] = true;
        }
    }
    for (i, m) in mentions.iter().enumerate() {
        let Some(v) = m.value.as_deref().filter(|_| m.kind == MentionKind::Date) else { continue };
        if bracketed(text, tokens, index.at_span(tokens, m.start))
            || published.is_some_and(|p| v[..v.len().min(10)] > *p)
        {
            continue;
        }
        if v.len() >= 7 {
            dated.push(i);
        } else if v.len() == 4 && opens.get(index.at_span(tokens, m.start)).is_some_and(|&o| o) {
            years.push(i);
        }
    }
    let cover = cover(tokens, index, mentions);
    // The first line with words on it: scraped text may open with blank lines.
    let head = original.len() - original.trim_start().len();
    let headline_end = original[head..].find('\n').map_or(original.len(), |k| head + k);
    let d = Doc {
        original,
        text,
        tokens,
        mentions,
        people,
        g,
        cover,
        titles,
        by_title,
        dated,
        years,
        portfolios,
        headline_end,
        index,
        roles: Default::default(),
        title_words: Default::default(),
    };
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
    let mut met = Met::default();
    let mut met_seen = 0;
    // A sentence's parties and triggers (buffers kept across sentences).
    let mut su: Vec<&Party> = Vec::new();
    let mut triggers: Vec<&Cue> = Vec::new();
    // The first party and trigger of the sentence, and the first party of
    // the three sentences before it: cursors that only move on.
    let (mut ua, mut ta, mut ra) = (0, 0, 0);
    // Dates before this point carry to no event: the header's, and those
    // before the last sentence that moved the story's time ("Ba năm sau, …",
    // "Hai ngày sau, …").
    let mut carry_from = header_end;
    // Links to other articles ("Tin liên quan: …") report their meetings.
    let links = crate::boilerplate::blocks(tokens, index, cues);
    for (si, sent) in sents.iter().enumerate() {
        if links[sent.start] {
            continue;
        }
        named.age(&mut events);
        let sspan = Span::new(tokens[sent.start].span.start, tokens[sent.end - 1].span.end);
        if crate::dates::is_offset(d.word(sent.start), d.word(sent.start + 1), d.word(sent.start + 2)) {
            carry_from = sspan.start;
        }
        while all_parties.get(ua).is_some_and(|u| u.tokens.start < sent.start) {
            ua += 1;
        }
        su.clear();
        su.extend(
            all_parties[ua..].iter().take_while(|u| u.tokens.start < sent.end).filter(|u| u.tokens.end <= sent.end),
        );
        while triggers_all.get(ta).is_some_and(|c| c.span.start < sspan.start) {
            ta += 1;
        }
        triggers.clear();
        triggers.extend(
            triggers_all[ta..]
                .iter()
                .copied()
                .take_while(|c| c.span.start < sspan.end)
                .filter(|c| c.span.end <= sspan.end && !in_party[d.token_at(c.norm.start)]),
        );
        // Dates, places, conditions: read only for a sentence's triggers.
        let mut found_here = false;
        if !triggers.is_empty() {
            // An event's date is its clause's own; else, after "Cùng ngày" or
            // "Cũng trong chiều …", the previous event's; else the last date
            // the article gave before this sentence (news leads set the day:
            // "Chiều 7/7, …"), never the header's.
            let head = &text[tokens[sent.start].norm.start..];
            let same_day = same_day(head);
            let carried = if same_day {
                events.last().filter(|e| e.sentence.start >= carry_from).and_then(|e| e.date.clone())
            } else {
                None
            };
            let word = |k: usize| d.word(k);
            let prev_start = si.checked_sub(1).map_or(0, |p| tokens[sents[p].start].span.start);
            let carried = carried
                .or_else(|| last_date(&d, sspan.start, prev_start, carry_from))
                .map(|d| EventDate { carried: true, ..d });
            let setting = Setting::new(&d, sspan, sent.clone(), &in_party);
            // "giả" alone is also "tác giả", "học giả".
            let condition = (sent.start..sent.end).find(|&k| {
                let w = word(k);
                w == "nếu" || w == "giả" && matches!(word(k + 1), "sử" | "định" | "như" | "thiết")
            });
            let invitation = crate::shapes::invitation(&d, sent.clone());
            let mut joined_here = false;
            // The subject of the last event found in this sentence.
            let mut prev_subject: Option<&Party> = None;
            for (k, trig) in triggers.iter().enumerate() {
                if negated(&d, trig, condition) || invited(&d, trig) {
                    continue;
                }
                let e = &g.entries[trig.entry];
                let ti = d.token_at(trig.norm.start);
                let te = d.token_at(trig.norm.end);
                let c = Clause {
                    ti,
                    te,
                    noun: e.attr("form") == Some("noun"),
                    roles: e.attr("roles").unwrap_or("symmetric"),
                    left: &su[..su.partition_point(|u| u.tokens.end <= ti)],
                    right: &su[su.partition_point(|u| u.tokens.start < te)..],
                    next_trigger: triggers.get(k + 1).map_or(sent.end, |n| d.token_at(n.norm.start)),
                    visit: e.attr("type") == Some("visit"),
                    all: &su,
                    invitation,
                };
                let kind = e.attr("type").and_then(EventType::from_name).unwrap_or(EventType::Meeting);
                let trigger = Trigger {
                    text: original[trig.span.range()].to_string(),
                    id: e.id.clone(),
                    start: trig.span.start,
                    end: trig.span.end,
                };
                // The date and place of an event with these parties: those of
                // its clause. A meeting named without its parties ("Cuộc gặp …
                // đã diễn ra chiều 4/9 tại Seoul") takes its whole sentence's.
                let date_place = |parts: &[(&Party, Role)]| {
                    let core_end = parts.iter().map(|(u, _)| u.tokens.end).max().map_or(sent.end, |e| e.max(te));
                    let until = setting.clause_end(tokens[core_end - 1].span.end);
                    (setting.date(&d, until).or_else(|| carried.clone()), setting.location(&d, until))
                };
                let parties_of =
                    |parts: &[(&Party, Role)]| parts.iter().map(|(u, r)| participant(&d, u, *r)).collect::<Vec<_>>();
                let base = |parts: &[(&Party, Role)], rule: &'static str| {
                    let (date, location) = date_place(parts);
                    Event {
                        kind,
                        participants: parties_of(parts),
                        date,
                        location,
                        trigger: trigger.clone(),
                        mode: e.attr_value("mode").cloned(),
                        sentence: sspan,
                        rule: rule.into(),
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
                        for (parts, _) in made {
                            let (date, location) = date_place(&parts);
                            named.join(parties_of(&parts), date, location);
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
                            let (date, location) = date_place(&[]);
                            let parts = referrers(&d, &c).into_iter().map(|u| participant(&d, u, Role::Participant));
                            named.join(parts.collect(), date, location);
                            joined_here = true;
                        }
                    }
                    // "Cũng trong cuộc hội đàm hôm 20/4, …" refers to a meeting
                    // already found, "tại cuộc gặp Bộ trưởng Quốc phòng ASEAN-Hoa
                    // Kỳ" names one.
                    Shape::Reference { names: false } => {}
                    Shape::Reference { names: true } | Shape::Named => {
                        if matches!(
                            kind,
                            EventType::Meeting | EventType::Talks | EventType::Call | EventType::Reception
                        ) {
                            // A named meeting: parties in its name, or in later sentences.
                            let mut ev = base(&[], "event.named");
                            ev.participants =
                                in_name(&d, &c).iter().map(|u| participant(&d, u, Role::Participant)).collect();
                            named.open(ev, &mut events);
                            if !joined_here {
                                let parts =
                                    referrers(&d, &c).into_iter().map(|u| participant(&d, u, Role::Participant));
                                named.join(parts.collect(), None, None);
                                joined_here = true;
                            }
                        }
                    }
                    Shape::None => {}
                }
            }
        }
        // "Tham dự cuộc gặp, A …" without a trigger of its own shape.
        if !found_here && triggers.is_empty() && named.is_open() {
            let head = &text[tokens[sent.start].norm.start..];
            if head.starts_with("tham dự") || head.starts_with("tại ") {
                if let Some(u) = su.iter().find(|u| u.person.is_some()) {
                    named.join(vec![participant(&d, u, Role::Participant)], None, None);
                }
            }
        }
        // "Hai nhà lãnh đạo đánh giá cao …": the two people just named met.
        if !found_here {
            let from = sents[si.saturating_sub(3)].start;
            while all_parties.get(ra).is_some_and(|u| u.tokens.start < from) {
                ra += 1;
            }
            let recent = &all_parties[ra..ua];
            // Its date and place were in the sentences before: not known here.
            for ev in &events[met_seen..] {
                record_met(&mut met, ev);
            }
            met_seen = events.len();
            events.extend(pair_meeting(&d, recent, sent.start, sspan, &met));
        }
    }
    named.close(&mut events);
    // Each person's visits, in order (of `at`: visits are found in text order).
    let mut visits_of: crate::hash::FastMap<usize, Vec<usize>> = crate::hash::FastMap::default();
    for (k, v) in visits.iter().enumerate() {
        visits_of.entry(v.visitor).or_default().push(k);
    }
    let mut counterparts = crate::reports::Counterparts::default();
    for ev in &mut events {
        resolve_counterparts(&d, ev, &mut counterparts);
        // "Trong khuôn khổ chuyến thăm Australia, A …": A's meetings during
        // the visit were there, unless their sentences say otherwise. The
        // last visit of a participant's before the trigger.
        if ev.location.is_none() {
            let during = ev
                .participants
                .iter()
                .filter_map(|p| visits_of.get(&p.person?))
                .filter_map(|list| {
                    let i = list.partition_point(|&k| visits[k].at < ev.trigger.start);
                    i.checked_sub(1).map(|i| list[i])
                })
                .max();
            ev.location = during.map(|k| visits[k].place.clone());
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

/// Whether a sentence opening (normalised) keeps the previous event's day:
/// "Cùng ngày", "Cũng trong ngày", "Cũng trong buổi …", "Cũng trong" and
/// a part of day ("chiều", "rạng sáng"…), each a whole word.
fn same_day(head: &str) -> bool {
    let rest = ["cùng ngày", "cũng ngày", "cũng trong ngày", "cũng trong buổi"]
        .iter()
        .find_map(|p| head.strip_prefix(p))
        .or_else(|| {
            let r = head.strip_prefix("cũng trong ")?;
            crate::dates::PARTS_OF_DAY.iter().find_map(|p| r.strip_prefix(p))
        });
    rest.is_some_and(|r| !r.starts_with(crate::normalize::is_word_char))
}

/// Drop repeated participants: the same person, or the same words.
fn dedup_participants(ev: &mut Event) {
    // Most events have a handful: each compared with those kept before it.
    if ev.participants.len() <= 16 {
        let mut k = 0;
        while k < ev.participants.len() {
            let (kept, rest) = ev.participants.split_at(k);
            let p = &rest[0];
            let seen = kept.iter().any(|q| match (p.person, q.person) {
                (Some(i), Some(j)) => i == j,
                (None, None) => crate::normalize::same_letters(&p.text, &q.text),
                _ => false,
            });
            if seen {
                ev.participants.remove(k);
            } else {
                k += 1;
            }
        }
        return;
    }
    let mut people = crate::hash::FastSet::default();
    let mut texts = crate::hash::FastSet::default();
    ev.participants.retain(|p| match p.person {
        Some(i) => people.insert(i),
        // Keyed as `same_letters` compares.
        None => texts.insert(p.text.chars().flat_map(char::to_lowercase).collect::<String>()),
    });
}

pub(crate) fn participant(d: &Doc<'_>, u: &Party, role: Role) -> Participant {
    let person = u.person.map(|i| &d.people[i]);
    Participant {
        name: person.map(|p| p.name.clone()),
        text: d.original[u.span.range()].to_string(),
        role,
        country: person.and_then(|p| p.country.clone()).or_else(|| u.country.as_deref().map(str::to_string)),
        person: u.person,
        start: u.span.start,
        end: u.span.end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_participants(list: &[(Option<usize>, &str)]) -> Event {
        let participants = list
            .iter()
            .map(|&(person, text)| Participant {
                name: None,
                text: text.to_string(),
                role: Role::Participant,
                country: None,
                person,
                start: 0,
                end: 0,
            })
            .collect();
        Event {
            kind: EventType::Meeting,
            participants,
            date: None,
            location: None,
            trigger: Trigger { text: "gặp".into(), id: "gap".into(), start: 0, end: 0 },
            mode: None,
            sentence: Span::new(0, 0),
            rule: "test".into(),
            reports: Vec::new(),
        }
    }

    #[test]
    fn repeated_participants_go_in_short_and_long_lists_alike() {
        // The same person twice, the same words in another case, a person
        // whose words another party also has (kept: one is a person).
        let base = [(Some(1), "ông A"), (None, "Đoàn Lào"), (Some(1), "A"), (None, "đoàn lào"), (None, "ông A")];
        let mut ev = with_participants(&base);
        dedup_participants(&mut ev);
        let kept: Vec<_> = ev.participants.iter().map(|p| (p.person, p.text.as_str())).collect();
        assert_eq!(kept, [(Some(1), "ông A"), (None, "Đoàn Lào"), (None, "ông A")]);
        // Past 16 participants the sets take over: the same answer.
        let many: Vec<(Option<usize>, String)> = (0..20).map(|k| (Some(100 + k), format!("P{k}"))).collect();
        let mut long: Vec<(Option<usize>, &str)> = many.iter().map(|(p, t)| (*p, t.as_str())).collect();
        long.extend(base);
        let mut ev = with_participants(&long);
        dedup_participants(&mut ev);
        let kept: Vec<_> = ev.participants.iter().skip(20).map(|p| (p.person, p.text.as_str())).collect();
        assert_eq!(kept, [(Some(1), "ông A"), (None, "Đoàn Lào"), (None, "ông A")]);
        assert_eq!(ev.participants.len(), 23);
    }

    #[test]
    fn same_day_openings() {
        for head in
            ["cùng ngày, bộ trưởng", "cũng trong chiều 7/6", "cũng trong rạng sáng nay", "cũng trong buổi làm việc"]
        {
            assert!(same_day(head), "{head}");
        }
        for head in ["cũng trong tuần", "cũng trong sángx", "trong ngày 7/6"] {
            assert!(!same_day(head), "{head}");
        }
    }
}
