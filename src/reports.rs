//! Events → one event per meeting: counterparts resolved ("người đồng cấp
//! Campuchia"), and reports of the same meeting merged.

use crate::events::{Event, EventType, Participant, Report};
use crate::gazetteer::GazetteerKind;
use crate::mentions::MentionKind;
use crate::parties::Doc;

/// "A và người đồng cấp Campuchia gặp gỡ": the counterpart (a title with
/// `counterpart=yes`) is the person of that country (or of none said) who
/// holds A's office, if the article names exactly one.
pub(crate) fn resolve_counterparts(d: &Doc<'_>, ev: &mut Event) {
    let norm = |t: &str| crate::normalize::normalize(t).into_string();
    for i in 0..ev.participants.len() {
        let p = &ev.participants[i];
        if p.person.is_some() || !counterpart_at(d, p.start) {
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

/// Whether a counterpart title ("người đồng cấp", "người đồng nhiệm")
/// starts at byte `pos`.
fn counterpart_at(d: &Doc<'_>, pos: usize) -> bool {
    let i = d.mentions.partition_point(|m| m.start < pos);
    d.mentions[i..].iter().take_while(|m| m.start == pos).any(|m| {
        m.kind == MentionKind::Title
            && m.id.as_deref().and_then(|id| d.g.get(GazetteerKind::Title, id)).and_then(|e| e.attr("counterpart"))
                == Some("yes")
    })
}

/// One event per meeting: a later event of the same type between the same
/// parties, whose date and place do not differ from an earlier one's, is
/// another report of it. A report naming only one party of a meeting found
/// elsewhere ("Sáng 17/4, tại Cửa khẩu Hữu Nghị đã diễn ra lễ đón đoàn … do
/// B làm trưởng đoàn") is a report of the nearest such meeting, and may
/// give it its date and place; alone it is no event.
pub(crate) fn merge_reports(events: Vec<Event>) -> Vec<Event> {
    let party = |p: &Participant| match p.person {
        Some(i) => PartyKey::Person(i),
        None => PartyKey::Words(crate::normalize::normalize(&p.text).into_string()),
    };
    let key = |e: &Event| {
        let mut k: Vec<PartyKey> = e.participants.iter().map(party).collect();
        k.sort();
        (e.kind, k)
    };
    // A date carried from an earlier sentence is no evidence against
    // another; the one a report states wins.
    let agree = |a: &Event, b: &Event| {
        let (da, db) = (stated_date(a), stated_date(b));
        let same_place = || match (&a.location, &b.location) {
            (Some(x), Some(y)) => {
                x.text == y.text
                    || crate::normalize::normalize(&x.text).as_str() == crate::normalize::normalize(&y.text).as_str()
            }
            _ => true,
        };
        (da.is_none() || db.is_none() || da == db) && same_place()
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
    let mut by_key: crate::hash::FastMap<(EventType, Vec<PartyKey>), Vec<usize>> = Default::default();
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
    let mut by_party: crate::hash::FastMap<(EventType, PartyKey), Vec<usize>> = Default::default();
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

/// The date an event's own sentence states.
fn stated_date(e: &Event) -> Option<&str> {
    e.date.as_ref().filter(|d| !d.carried).and_then(|d| d.value.as_deref())
}

/// Who a participant is, for telling reports of one meeting: a person
/// record, or the normalised words of a party that is none.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum PartyKey {
    Person(usize),
    Words(String),
}
