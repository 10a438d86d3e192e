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
//! | `event.joint` | "A và B đã hội đàm" |
//! | `event.between` | "hội đàm giữa A và B", "cuộc gặp giữa …" |
//! | `event.bilateral` | "A tiếp xúc song phương với B, C và D": one event per counterpart |
//! | `event.named` | a named meeting ("Cuộc gặp Thứ trưởng Quốc phòng ASEAN – Hàn Quốc") whose parties are named in later sentences ("Tham dự cuộc gặp, A …", "Tại cuộc gặp, B …") |
//!
//! Roles follow the trigger's `roles` attribute: `host-first` (A tiếp B: A
//! hosts), `guest-first` (A hội kiến B: A is the guest), `symmetric`.
//! The date is the sentence's own, the named meeting's, or the previous
//! event's after "Cũng trong …"; the place is the most specific one the
//! sentence gives outside the parties' titles, preferring one after "tại".

use crate::cues::Cue;
use crate::gazetteer::{GazetteerKind, Gazetteers};
use crate::mentions::{Mention, MentionKind};
use crate::parties::{cover, parties, word_after, words_before, Doc, Party};
use crate::people::Person;
use crate::persons::PersonHit;
use crate::span::Span;
use crate::tokens::{token_at, Token};
use crate::when_where::{bracketed, last_date, sentence_date, sentence_location};
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
    /// Trigger gazetteer id.
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
    published: Option<&str>,
) -> Vec<Event> {
    let mut by_title: std::collections::HashMap<String, Vec<(usize, String)>> = Default::default();
    for (i, p) in people.iter().enumerate() {
        for t in &p.titles {
            let t = t.to_lowercase();
            let first = t.split_whitespace().next().unwrap_or("").to_string();
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
    let d = Doc { original, text, tokens, mentions, people, g, cover: cover(tokens, mentions), by_title, dated };
    let units = parties(&d, hits);
    // The header (the first lines, up to the first long one) holds the
    // publication date, not an event's.
    let header_end = sents
        .iter()
        .find(|r| tokens[r.end - 1].span.end - tokens[r.start].span.start > 120)
        .map_or(0, |r| tokens[r.start].span.start);
    let mut in_unit = vec![false; tokens.len()];
    for u in &units {
        in_unit[u.tokens.clone()].iter_mut().for_each(|x| *x = true);
    }
    let triggers_all: Vec<&Cue> = cues
        .iter()
        .filter(|c| c.kind == GazetteerKind::Trigger)
        .filter(|c| g.entries[c.entry].attr("type").is_some_and(|t| t != "none"))
        .collect();
    let mut events: Vec<Event> = Vec::new();
    // A named meeting waiting for its parties: (event, sentence index).
    let mut named: Option<Event> = None;
    // Sentences since the named meeting: later ones name its parties only
    // nearby, not in the next story of a news digest.
    let mut named_age = 0usize;
    const NAMED_REACH: usize = 6;
    for sent in sents {
        named_age += 1;
        if named_age > NAMED_REACH {
            if let Some(n) = named.take() {
                events.push(n);
            }
        }
        let sspan = Span::new(tokens[sent.start].span.start, tokens[sent.end - 1].span.end);
        let ua = units.partition_point(|u| u.tokens.start < sent.start);
        let su: Vec<&Party> =
            units[ua..].iter().take_while(|u| u.tokens.start < sent.end).filter(|u| u.tokens.end <= sent.end).collect();
        let ta = triggers_all.partition_point(|c| c.span.start < sspan.start);
        let triggers: Vec<&Cue> = triggers_all[ta..]
            .iter()
            .copied()
            .take_while(|c| c.span.start < sspan.end)
            .filter(|c| c.span.end <= sspan.end)
            .collect();
        // The sentence's own date; after "Cũng trong …" the previous event's;
        // else the last date the article gave before this sentence (news
        // leads set the day: "Chiều 7/7, …"), never the header's.
        let date = sentence_date(&d, sspan, &in_unit).or_else(|| {
            let head = text[tokens[sent.start].norm.start..].get(..16).unwrap_or("");
            if head.starts_with("cũng trong") || head.starts_with("cùng ngày") {
                events.last().and_then(|e| e.date.clone())
            } else {
                None
            }
        });
        let date = date.or_else(|| last_date(&d, sspan.start, header_end));
        let location = sentence_location(&d, sspan, &in_unit);
        let condition = if triggers.is_empty() {
            None
        } else {
            (sent.start..sent.end).find(|&k| matches!(&text[tokens[k].norm.range()], "nếu" | "giả"))
        };
        let mut found_here = false;
        for trig in &triggers {
            if in_unit[token_at(tokens, trig.norm.start)] || negated(&d, trig, condition) {
                continue;
            }
            let e = &g.entries[trig.entry];
            let ti = token_at(tokens, trig.norm.start);
            let te = token_at(tokens, trig.norm.end);
            let kind = match e.attr("type") {
                Some("talks") => EventType::Talks,
                Some("reception") => EventType::Reception,
                Some("call") => EventType::Call,
                Some("visit") => EventType::Visit,
                _ => EventType::Meeting,
            };
            let roles = e.attr("roles").unwrap_or("symmetric");
            let noun = e.attr("form") == Some("noun");
            let left: &[&Party] = &su[..su.partition_point(|u| u.tokens.end <= ti)];
            let right: &[&Party] = &su[su.partition_point(|u| u.tokens.start < te)..];
            let after = word_after(&d, te);
            let before = words_before(&d, ti, 2);
            let trigger = Trigger {
                text: original[trig.span.range()].to_string(),
                id: e.id.clone(),
                start: trig.span.start,
                end: trig.span.end,
            };
            let base = |parts: Vec<(&Party, Role)>, rule: &str| Event {
                kind,
                participants: parts.iter().map(|(u, r)| participant(&d, u, *r)).collect(),
                date: date.clone(),
                location: location.clone(),
                trigger: trigger.clone(),
                mode: e.attr("mode").map(str::to_string),
                sentence: sspan,
                rule: rule.to_string(),
            };
            let mut made: Vec<Event> = Vec::new();
            if after == "giữa" {
                let group = coordinated(&d, right);
                made.push(base(group.iter().map(|u| (*u, Role::Participant)).collect(), "event.between"));
            } else if let (Some(subj), true) = (left.first(), !right.is_empty() || left.len() >= 2) {
                let objects = coordinated(&d, right);
                let joint = coordinated_before(&d, left, ti);
                let passive_pair = left.len() >= 2 && {
                    let (b, a) = (left[left.len() - 2], left[left.len() - 1]);
                    let gap = d.text[d.tokens[b.tokens.end - 1].norm.end..d.tokens[a.tokens.start].norm.start].trim();
                    matches!(gap, "được" | "đã được" | "vừa được")
                };
                if objects.is_empty() && passive_pair {
                    // "B được A tiếp": A does what the trigger says to B.
                    let (b, a) = (left[left.len() - 2], left[left.len() - 1]);
                    let (ar, br) = match roles {
                        "host-first" => (Role::Host, Role::Guest),
                        "guest-first" => (Role::Guest, Role::Host),
                        _ => (Role::Participant, Role::Participant),
                    };
                    made.push(base(vec![(b, br), (a, ar)], "event.passive"));
                } else if objects.is_empty() && joint.len() >= 2 {
                    made.push(base(joint.iter().map(|u| (*u, Role::Participant)).collect(), "event.joint"));
                } else if !objects.is_empty()
                    && (!noun || before.contains(&"có") || after == "với" || before.contains(&"cuộc"))
                {
                    let passive = before.contains(&"được");
                    let (sr, or) = match (roles, passive) {
                        ("host-first", false) | ("guest-first", true) => (Role::Host, Role::Guest),
                        ("guest-first", false) | ("host-first", true) => (Role::Guest, Role::Host),
                        _ => (Role::Participant, Role::Participant),
                    };
                    let rule = if passive { "event.passive" } else { "event.verb" };
                    // "A gặp B, C và D": A met each of them; B, C and D did not
                    // meet each other.
                    if objects.len() > 1 {
                        for o in &objects {
                            made.push(base(vec![(subj, sr), (o, or)], "event.bilateral"));
                        }
                    } else {
                        let mut parts = vec![(*subj, sr)];
                        parts.extend(objects.iter().map(|o| (*o, or)));
                        made.push(base(parts, rule));
                    }
                }
            }
            let referring = before.iter().any(|w| matches!(*w, "tại" | "dự" | "trong" | "sau" | "lề"));
            if made.is_empty() && noun && referring {
                if let Some(n) = named.as_mut() {
                    // "Tại cuộc gặp, B nhấn mạnh", "Tham dự cuộc gặp, A …": A and B
                    // are parties to the named meeting.
                    for u in su.iter().filter(|u| u.person.is_some()) {
                        n.participants.push(participant(&d, u, Role::Participant));
                    }
                    continue;
                }
            }
            if made.is_empty() && noun && matches!(kind, EventType::Meeting | EventType::Talks | EventType::Call) {
                // A named meeting: parties may follow in later sentences.
                let mut ev = base(Vec::new(), "event.named");
                ev.participants = right
                    .iter()
                    .filter(|u| u.person.is_some())
                    .map(|u| participant(&d, u, Role::Participant))
                    .collect();
                if named.as_ref().is_none_or(|n| n.trigger.id != ev.trigger.id || !ev.participants.is_empty()) {
                    if let Some(n) = named.take() {
                        events.push(n);
                    }
                    named = Some(ev);
                    named_age = 0;
                } else if let Some(n) = named.as_mut() {
                    // "Tại cuộc gặp, B nhấn mạnh": B joins the named meeting.
                    if let Some(u) = su.iter().find(|u| u.person.is_some()) {
                        n.participants.push(participant(&d, u, Role::Participant));
                    }
                }
                continue;
            }
            for mut ev in made {
                dedup_participants(&mut ev);
                if ev.participants.len() >= 2 {
                    if ev.mode.is_none() {
                        ev.mode = Some(if ev.participants.len() == 2 { "bilateral" } else { "multilateral" }.into());
                    }
                    found_here = true;
                    events.push(ev);
                }
            }
        }
        // "Tham dự cuộc gặp, A …" without a trigger of its own shape.
        if !found_here && triggers.is_empty() {
            if let Some(n) = named.as_mut() {
                let head = text[tokens[sent.start].norm.start..].get(..24).unwrap_or("");
                if head.starts_with("tham dự") || head.starts_with("tại ") {
                    if let Some(u) = su.iter().find(|u| u.person.is_some()) {
                        n.participants.push(participant(&d, u, Role::Participant));
                    }
                }
            }
        }
    }
    if let Some(n) = named.take() {
        events.push(n);
    }
    events.retain_mut(|ev| {
        dedup_participants(ev);
        if ev.mode.is_none() {
            ev.mode = Some(if ev.participants.len() == 2 { "bilateral" } else { "multilateral" }.into());
        }
        ev.participants.len() >= 2
    });
    events.sort_by_key(|e| e.trigger.start);
    events
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
    let denied = before.iter().any(|w| matches!(*w, "không" | "chưa" | "chẳng" | "hủy" | "hoãn" | "từ"))
        && !before.contains(&"đã");
    denied || condition.is_some_and(|c| c < i)
}

/// The first unit of `units` and those joined to it by ",", "và", "cùng".
fn coordinated<'u>(d: &Doc<'_>, units: &[&'u Party]) -> Vec<&'u Party> {
    let mut out: Vec<&Party> = Vec::new();
    for u in units {
        if let Some(prev) = out.last() {
            let gap = &d.text[d.tokens[prev.tokens.end - 1].norm.end..d.tokens[u.tokens.start].norm.start];
            let gap = gap.trim();
            if !matches!(gap, "," | ";" | "và" | ", và" | "; và" | "cùng" | "cùng với" | "-") {
                break;
            }
        }
        out.push(u);
    }
    out
}

/// Units joined by "và" right before the trigger: "A và B đã hội đàm".
fn coordinated_before<'u>(d: &Doc<'_>, left: &[&'u Party], trig: usize) -> Vec<&'u Party> {
    let Some(last) = left.last() else { return Vec::new() };
    let gap: Vec<&str> = d.tokens[last.tokens.end..trig].iter().map(|t| &d.text[t.norm.range()]).collect();
    if gap
        .iter()
        .any(|w| !matches!(*w, "đã" | "sẽ" | "đang" | "vừa" | "cùng" | "có" | "tiến" | "hành" | "," | "chính" | "thức"))
    {
        return Vec::new();
    }
    let mut out = vec![*last];
    for u in left.iter().rev().skip(1) {
        let gap = d.text[d.tokens[u.tokens.end - 1].norm.end..d.tokens[out[0].tokens.start].norm.start].trim();
        if !matches!(gap, "," | "và" | ", và") {
            break;
        }
        out.insert(0, u);
    }
    out
}
