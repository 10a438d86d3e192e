//! Mentions and people → meeting events.
//!
//! A trigger (from `gazetteers/triggers.tsv`) in a sentence, and the
//! parties around it. Parties are persons (with the title or rank written
//! before them), persons described without a name ("Bộ trưởng Quốc phòng
//! Malaysia", "Đại sứ Hoa Kỳ": a title whose body names a country or an
//! organisation) and, after "làm việc với", organisations. Titles in
//! apposition after a person ("A, Thứ trưởng Bộ Quốc phòng") describe that
//! person and are no party of their own.
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
use crate::people::Person;
use crate::persons::PersonHit;
use crate::span::Span;
use crate::tokens::{token_at, Token};
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

/// A party in a sentence: a person, a described office, or an organisation.
#[derive(Debug, Clone)]
struct Unit {
    /// Tokens of the whole party (title, rank and name).
    tokens: Range<usize>,
    span: Span,
    person: Option<usize>,
    country: Option<String>,
}

struct Doc<'a> {
    original: &'a str,
    text: &'a str,
    tokens: &'a [Token],
    mentions: &'a [Mention],
    people: &'a [Person],
    g: &'a Gazetteers,
    /// For each token, the outermost non-person mention covering it.
    cover: Vec<Option<usize>>,
    /// People by the first word of each of their titles (lower case), with
    /// the title.
    by_title: std::collections::HashMap<String, Vec<(usize, String)>>,
    /// Indices of the day- and month-level date mentions, in order.
    dated: Vec<usize>,
}

impl Doc<'_> {
    fn covering(&self, tok: usize) -> Option<&Mention> {
        self.cover.get(tok).copied().flatten().map(|i| &self.mentions[i])
    }

    /// Mentions lying within `s` (mentions are sorted by start).
    fn within(&self, s: Span) -> impl Iterator<Item = &Mention> {
        let a = self.mentions.partition_point(|m| m.start < s.start);
        self.mentions[a..].iter().take_while(move |m| m.start < s.end).filter(move |m| m.end <= s.end)
    }
}

/// For each token, the outermost mention (other than persons) covering it.
fn cover(tokens: &[Token], mentions: &[Mention]) -> Vec<Option<usize>> {
    let mut out = vec![None; tokens.len()];
    for (i, m) in mentions.iter().enumerate().filter(|(_, m)| m.kind != MentionKind::Person) {
        let a = tokens.partition_point(|t| t.span.start < m.start);
        for slot in out[a..].iter_mut().zip(&tokens[a..]).take_while(|(_, t)| t.span.end <= m.end).map(|(s, _)| s) {
            if slot.is_none_or(|j: usize| mentions[j].end - mentions[j].start < m.end - m.start) {
                *slot = Some(i);
            }
        }
    }
    out
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
    let units = units(&d, hits);
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
        let su: Vec<&Unit> =
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
            let left: &[&Unit] = &su[..su.partition_point(|u| u.tokens.end <= ti)];
            let right: &[&Unit] = &su[su.partition_point(|u| u.tokens.start < te)..];
            let after = word_after(&d, te);
            let before = words_before(&d, ti, 2);
            let trigger = Trigger {
                text: original[trig.span.range()].to_string(),
                id: e.id.clone(),
                start: trig.span.start,
                end: trig.span.end,
            };
            let base = |parts: Vec<(&Unit, Role)>, rule: &str| Event {
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

fn participant(d: &Doc<'_>, u: &Unit, role: Role) -> Participant {
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

fn word_after<'a>(d: &Doc<'a>, i: usize) -> &'a str {
    d.tokens.get(i).map_or("", |t| &d.text[t.norm.range()])
}

fn words_before<'a>(d: &Doc<'a>, i: usize, n: usize) -> Vec<&'a str> {
    d.tokens[i.saturating_sub(n)..i].iter().map(|t| &d.text[t.norm.range()]).collect()
}

/// The first unit of `units` and those joined to it by ",", "và", "cùng".
fn coordinated<'u>(d: &Doc<'_>, units: &[&'u Unit]) -> Vec<&'u Unit> {
    let mut out: Vec<&Unit> = Vec::new();
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
fn coordinated_before<'u>(d: &Doc<'_>, left: &[&'u Unit], trig: usize) -> Vec<&'u Unit> {
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

/// Parties in the document, in order: persons with their title or rank
/// before them, described offices, organisations.
fn units(d: &Doc<'_>, hits: &[PersonHit]) -> Vec<Unit> {
    let toks = d.tokens;
    let mut out: Vec<Unit> = Vec::new();
    let person_of: std::collections::HashMap<Span, usize> =
        d.people.iter().enumerate().flat_map(|(i, p)| p.mentions.iter().map(move |s| (*s, i))).collect();
    for h in hits {
        let person = person_of.get(&h.mention.span()).copied();
        // The party starts where its title, rank or honorific starts.
        let mut start = h.intro;
        // Never across a line break: a headline ending in a country is no title.
        while start > 0 && !toks[start].newline_before {
            let t = &toks[start - 1];
            let covered = d.covering(start - 1).is_some_and(|m| {
                matches!(
                    m.kind,
                    MentionKind::Title
                        | MentionKind::Rank
                        | MentionKind::Organization
                        | MentionKind::Country
                        | MentionKind::Location
                )
            });
            let honorific = t.word && !t.cap && matches!(&d.text[t.norm.range()], "ông" | "bà" | "ngài");
            if covered
                || honorific
                || (t.word && !t.cap && h.titles.iter().any(|x| x.contains(&d.original[t.span.range()])))
            {
                start -= 1;
            } else {
                break;
            }
        }
        out.push(Unit {
            tokens: start..h.tokens.end,
            span: Span::new(toks[start].span.start, toks[h.tokens.end - 1].span.end),
            person,
            country: h.country.clone(),
        });
    }
    out.sort_by_key(|u| u.tokens.start);
    // Described offices: a title whose body names a country or an organisation,
    // with no name after it, not in apposition to a party.
    let mut in_unit = vec![false; toks.len()];
    let mut ends = vec![false; toks.len() + 1];
    for u in &out {
        in_unit[u.tokens.clone()].iter_mut().for_each(|x| *x = true);
        ends[u.tokens.end] = true;
    }
    let mut roles = Vec::new();
    for m in d.mentions.iter().filter(|m| m.kind == MentionKind::Title) {
        let i = token_at_span(toks, m.start);
        if in_unit.get(i).is_none_or(|&x| x) {
            continue;
        }
        let mut j = token_at_span(toks, m.end);
        let mut country = None;
        let mut body = false;
        while j < toks.len() && !toks[j].newline_before {
            let t = &toks[j];
            let Some(c) = d.covering(j).filter(|c| c.kind != MentionKind::Date) else {
                // Portfolio words ("Quốc phòng") are capitalised words after the title.
                if t.word && t.cap && !body && country.is_none() && !in_unit[j] {
                    j += 1;
                    continue;
                }
                break;
            };
            if c.kind == MentionKind::Country {
                country = c.id.clone();
            } else if matches!(c.kind, MentionKind::Organization | MentionKind::Location) {
                // A news agency's correspondent is no party ("Đặc phái viên TTXVN").
                let media =
                    c.id.as_deref()
                        .and_then(|id| d.g.get(crate::gazetteer::GazetteerKind::Organization, id))
                        .and_then(|e| e.attr("type"))
                        == Some("media");
                if media {
                    body = false;
                    country = None;
                    break;
                }
                body = true;
            } else {
                break;
            }
            j = token_at_span(toks, c.end).max(j + 1);
        }
        // Apposition: "A, Ủy viên Trung ương Đảng, Thứ trưởng Bộ Quốc phòng" describes A.
        let prev_comma = i > 0 && &d.text[toks[i - 1].norm.range()] == ",";
        if prev_comma && ends[i - 1] {
            ends[j] = true;
            continue;
        }
        // "các nghị sỹ Hoa Kỳ" is an open group, no party.
        let group =
            i > 0 && matches!(&d.text[toks[i - 1].norm.range()], "các" | "những" | "nhiều" | "một" | "mấy" | "số");
        if (country.is_none() && !body) || group {
            continue;
        }
        let span = Span::new(toks[i].span.start, toks[j - 1].span.end);
        let text = d.original[span.range()].to_string();
        let person = resolve_role(d, &text, country.as_deref());
        // A list of offices ("với Bộ trưởng Quốc phòng Malaysia, Bộ trưởng …")
        // names several parties: only persons take titles in apposition.
        roles.push(Unit { tokens: i..j, span, person, country });
    }
    // Offices listed before a name describe that person: "Chủ tịch Đảng
    // Nhân dân Campuchia, Chủ tịch Thượng viện Campuchia Samdech Techo Hun
    // Sen". Walk backwards so a chain of them goes.
    // (A list of different countries' ministers stays a list of parties.)
    let mut starts: std::collections::HashMap<usize, Option<String>> =
        out.iter().map(|u| (u.tokens.start, u.country.clone())).collect();
    let mut kept_roles = Vec::with_capacity(roles.len());
    for u in roles.into_iter().rev() {
        let j = u.tokens.end;
        let next = toks.get(j).filter(|t| &d.text[t.norm.range()] == ",").and_then(|_| starts.get(&(j + 1)));
        let before_party = next.is_some_and(|c| u.country.is_none() || c.is_none() || *c == u.country);
        if before_party {
            starts.insert(u.tokens.start, u.country.clone());
        } else {
            kept_roles.push(u);
        }
    }
    kept_roles.reverse();
    for u in &kept_roles {
        in_unit[u.tokens.clone()].iter_mut().for_each(|x| *x = true);
    }
    out.extend(kept_roles);
    // Organisations met with: "làm việc với Công ty Nippon Koei".
    let mut last_org_end: Option<usize> = None;
    for m in d.mentions.iter().filter(|m| m.kind == MentionKind::Organization) {
        let i = token_at_span(toks, m.start);
        if i < 3 || in_unit.get(i).is_none_or(|&x| x) {
            continue;
        }
        let before = words_before(d, i, 2).join(" ");
        // "làm việc với các cơ quan như A, B": a list introduced by "như"/"gồm"
        // after "làm việc với" a few words back.
        let introduced = matches!(words_before(d, i, 1).first().copied(), Some("như" | "gồm"))
            && words_before(d, i, 14).windows(2).any(|w| w == ["việc", "với"]);
        // "làm việc với A, B và C": the organisations listed after the first.
        let listed = last_org_end.is_some_and(|e| {
            let gap = d.text[toks[e - 1].norm.end..toks[i].norm.start].trim();
            matches!(gap, "," | "và" | ", và")
        });
        if before.ends_with("việc với") || listed || introduced {
            let j = token_at_span(toks, m.end);
            out.push(Unit { tokens: i..j, span: m.span(), person: None, country: m.country.clone() });
            last_org_end = Some(j);
        } else if last_org_end.is_some_and(|e| e <= i) {
            last_org_end = None;
        }
    }
    out.sort_by_key(|u| u.tokens.start);
    out
}

fn token_at_span(tokens: &[Token], orig: usize) -> usize {
    tokens.partition_point(|t| t.span.start < orig)
}

/// A described office that names someone already met: "Bộ trưởng Quốc
/// phòng Việt Nam" after the minister was named.
fn resolve_role(d: &Doc<'_>, text: &str, country: Option<&str>) -> Option<usize> {
    let words: Vec<String> = text.split_whitespace().map(|w| w.to_lowercase()).collect();
    let cands = d.by_title.get(words.first()?)?;
    let mut found = cands.iter().filter(|(p, t)| {
        country.is_none_or(|c| d.people[*p].country.as_deref() == Some(c))
            && words.iter().filter(|w| t.contains(w.as_str())).count() * 2 >= words.len()
    });
    let (one, _) = found.next()?;
    found.all(|(p, _)| p == one).then_some(*one)
}

/// Whether `pos` lies inside brackets opened shortly before, on the same
/// line. (Bounded: asides are short, and a 5 MB line stays linear.)
fn bracketed(original: &str, pos: usize) -> bool {
    let mut from = pos.saturating_sub(120);
    while !original.is_char_boundary(from) {
        from += 1;
    }
    let before = &original[from..pos];
    let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    line.rfind('(').is_some_and(|open| line.rfind(')').is_none_or(|close| close < open))
}

fn sentence_date(d: &Doc<'_>, s: Span, in_unit: &[bool]) -> Option<EventDate> {
    let in_units = |m: &Mention| in_unit.get(token_at_span(d.tokens, m.start)).is_some_and(|&x| x);
    let dates: Vec<&Mention> = d
        .within(s)
        .filter(|m| m.kind == MentionKind::Date && !in_units(m) && !bracketed(d.original, m.start))
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
fn last_date(d: &Doc<'_>, pos: usize, header_end: usize) -> Option<EventDate> {
    let i = d.dated.partition_point(|&k| d.mentions[k].start < pos);
    let m = &d.mentions[*d.dated[..i].last()?];
    if m.start < header_end {
        return None;
    }
    Some(event_date(m))
}

fn sentence_location(d: &Doc<'_>, s: Span, in_unit: &[bool]) -> Option<EventLocation> {
    let in_units = |m: &Mention| in_unit.get(token_at_span(d.tokens, m.start)).is_some_and(|&x| x);
    let places: Vec<&Mention> = d
        .within(s)
        .filter(|m| matches!(m.kind, MentionKind::Location | MentionKind::Country) && !in_units(m))
        .collect();
    let after_tai = |m: &&&Mention| {
        let i = token_at_span(d.tokens, m.start);
        let w = words_before(d, i, 3);
        w.iter().any(|x| matches!(*x, "tại" | "ở" | "đến" | "tới"))
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
