//! Events → one event per meeting: counterparts resolved ("người đồng cấp
//! Campuchia"), and reports of the same meeting merged.

use crate::events::{Event, EventType, Participant, Report};
use crate::gazetteer::GazetteerKind;
use crate::hash::FastMap;
use crate::mentions::MentionKind;
use crate::parties::Doc;
use crate::people::Person;
use std::collections::BTreeSet;

/// "A và người đồng cấp Campuchia gặp gỡ": the counterpart (a title with
/// `counterpart=yes`) is the person of that country (or of none said) who
/// holds A's office, if the article names exactly one. `found` keeps the
/// document's index of offices, built on first use, and the answers given.
pub(crate) fn resolve_counterparts(d: &Doc<'_>, ev: &mut Event, found: &mut Counterparts) {
    for i in 0..ev.participants.len() {
        let p = &ev.participants[i];
        if p.person.is_some() || !counterpart_at(d, p.start) {
            continue;
        }
        let others: Vec<usize> = ev.participants.iter().filter_map(|q| q.person).collect();
        // The same people and country as a counterpart before: the same answer.
        let asked = (others, p.country.clone());
        let fit = match found.answers.get(&asked) {
            Some(&fit) => fit,
            None => {
                let (others, country) = &asked;
                let titles = d.titles.iter().enumerate().flat_map(|(k, ts)| ts.iter().map(move |t| (k, t.as_str())));
                let index = found.offices.get_or_insert_with(|| Offices::new(d.people, titles));
                let mut fits: Vec<usize> = Vec::with_capacity(2);
                // The first two holders of the participants' offices who
                // are no participant.
                let mut fit = |k: usize| {
                    if !others.contains(&k) && !fits.contains(&k) {
                        fits.push(k);
                    }
                    fits.len() == 2
                };
                'people: for &o in others {
                    let c = country.as_deref();
                    let held = found.held.entry((o, country.clone())).or_insert_with(|| holders_of(d, index, o, c));
                    // Those remembered hold two who are no participant, or
                    // are all there are.
                    if held.len() <= HELD || others.len() + 3 <= held.len() {
                        if held.iter().any(|&k| fit(k)) {
                            break 'people;
                        }
                        continue;
                    }
                    for t in &d.titles[o] {
                        if index.holders(t, c).any(&mut fit) {
                            break 'people;
                        }
                    }
                }
                let fit = match fits[..] {
                    [k] => Some(k),
                    _ => None,
                };
                found.answers.insert(asked, fit);
                fit
            }
        };
        let Some(k) = fit else { continue };
        let q = &d.people[k];
        let p = &mut ev.participants[i];
        p.person = Some(k);
        p.name = Some(q.name.clone());
        p.country = p.country.take().or_else(|| q.country.clone());
    }
}

/// The most holders of a person's offices remembered ([`holders_of`]).
const HELD: usize = 8;

/// Who holds one of person `o`'s offices (`o` among them), each once, in
/// the order of `o`'s offices: the first `HELD + 1` (more than that, and
/// there are more).
fn holders_of(d: &Doc<'_>, index: &Offices, o: usize, country: Option<&str>) -> Vec<usize> {
    let mut held = Vec::new();
    for t in &d.titles[o] {
        for k in index.holders(t, country) {
            if !held.contains(&k) {
                held.push(k);
                if held.len() > HELD {
                    return held;
                }
            }
        }
    }
    held
}

/// What [`resolve_counterparts`] keeps from event to event of a document.
#[derive(Default)]
pub(crate) struct Counterparts {
    offices: Option<Offices>,
    /// By the people of an event and the counterpart's country: the person
    /// it is, if one fits.
    answers: FastMap<(Vec<usize>, Option<String>), Option<usize>>,
    /// By a person and the counterpart's country: who holds that person's
    /// offices (the person among them), each once, in order: the first
    /// [`HELD`] and one more, if there are more.
    held: FastMap<(usize, Option<String>), Vec<usize>>,
}

/// People by office: who holds an office (normalised) or one that it
/// begins or that begins it, word for word ("bộ trưởng" and "bộ trưởng
/// quốc phòng" are the same office to a counterpart), by country. A
/// counterpart looks up only the people who fit it: the holders of one
/// office stop at the second who is no participant already.
pub(crate) struct Offices {
    holders: FastMap<String, Vec<usize>>,
}

impl Offices {
    /// From the people's titles, normalised (as [`Doc::titles`] holds
    /// them): `(person, title)`.
    fn new<'t>(people: &[Person], titles: impl IntoIterator<Item = (usize, &'t str)>) -> Offices {
        let mut holders: FastMap<String, Vec<usize>> = FastMap::default();
        for (k, t) in titles {
            // Under the title itself, and under each shorter run of its
            // first words (for an office those words are).
            let prefixes = t.match_indices(' ').map(|(i, _)| (&t[..i], true));
            for (title, extended) in std::iter::once((t, false)).chain(prefixes) {
                for country in [Some(people[k].country.as_deref()), None] {
                    let list = holders.entry(key(title, extended, country)).or_default();
                    if list.last() != Some(&k) {
                        list.push(k);
                    }
                }
            }
        }
        Offices { holders }
    }

    /// The people (perhaps repeated) who hold office `o`, one that begins
    /// it or one that it begins, of `country`, of no country, or of any
    /// when `country` is `None`.
    fn holders<'a>(&'a self, o: &'a str, country: Option<&'a str>) -> impl Iterator<Item = usize> + 'a {
        let (countries, n) = match country {
            None => ([None, None], 1),
            Some(_) => ([Some(country), Some(None)], 2),
        };
        let held = std::iter::once(o).chain(o.match_indices(' ').map(|(i, _)| &o[..i]));
        let lists = held.map(|t| (t, false)).chain(std::iter::once((o, true)));
        lists
            .flat_map(move |(t, extended)| countries.into_iter().take(n).map(move |c| key(t, extended, c)))
            .filter_map(|k| self.holders.get(&k))
            .flatten()
            .copied()
    }
}

/// The key of the holders of `title`: held as it is or `extended`, by
/// people of `country` (`Some(None)`: of no country said), or of any
/// (`None`).
fn key(title: &str, extended: bool, country: Option<Option<&str>>) -> String {
    let country = match country {
        None => "*",
        Some(None) => "-",
        Some(Some(c)) => c,
    };
    format!("{}{country}\u{0}{title}", if extended { '+' } else { '=' })
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
    let (events, partial): (Vec<Event>, Vec<Event>) = events.into_iter().partition(|e| e.participants.len() >= 2);
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    // The first event of the same type and parties that agrees: events
    // are filed by their index, and the nearest to 0 is the first.
    let mut groups: FastMap<(EventType, Vec<PartyKey>), u32> = FastMap::default();
    let mut filed = Filed::default();
    for ev in events {
        let mut parties: Vec<PartyKey> = ev.participants.iter().map(party).collect();
        parties.sort();
        let n = groups.len() as u32;
        let g = *groups.entry((ev.kind, parties)).or_insert(n);
        match filed.nearest(g, &ev, 0, &out) {
            Some(i) => {
                merge(&mut out[i], ev);
                filed.merged(&[g], i, &out[i]);
            }
            None => {
                out.push(ev);
                filed.file(g, (out.len() - 1, out.len() - 1), &out);
            }
        }
    }
    // A report of one party: the nearest event of that party that agrees
    // (the earlier of two as near), by the position of its trigger.
    let mut groups: FastMap<(EventType, PartyKey), u32> = FastMap::default();
    let mut filed = Filed::default();
    let mut of_event: Vec<Vec<u32>> = Vec::with_capacity(out.len());
    for (i, e) in out.iter().enumerate() {
        let mut gs = Vec::with_capacity(e.participants.len());
        for p in &e.participants {
            let n = groups.len() as u32;
            let g = *groups.entry((e.kind, party(p))).or_insert(n);
            filed.file(g, (e.trigger.start, i), &out);
            gs.push(g);
        }
        of_event.push(gs);
    }
    for ev in partial {
        let Some(&g) = groups.get(&(ev.kind, party(&ev.participants[0]))) else { continue };
        if let Some(i) = filed.nearest(g, &ev, ev.trigger.start, &out) {
            merge(&mut out[i], ev);
            filed.merged(&of_event[i], i, &out[i]);
        }
    }
    out
}

/// `ev` is a report of the meeting `into`: it may give it its date (one
/// its sentence states over one carried) and its place.
fn merge(into: &mut Event, ev: Event) {
    into.date = match (into.date.take(), ev.date) {
        (Some(a), Some(b)) if a.carried && !b.carried => Some(b),
        (a, b) => a.or(b),
    };
    into.location = into.location.take().or(ev.location);
    into.reports.push(Report { trigger: ev.trigger, sentence: ev.sentence, rule: ev.rule });
}

/// Who a participant is, for telling reports of one meeting.
fn party(p: &Participant) -> PartyKey {
    match p.person {
        Some(i) => PartyKey::Person(i),
        None => PartyKey::Words(crate::normalize::normalize(&p.text).into_string()),
    }
}

/// Whether two events may be reports of one meeting: no two different
/// dates stated in their own sentences (one carried from an earlier
/// sentence is no evidence against another), no two different places.
fn agree(a: &Event, b: &Event) -> bool {
    let (da, db) = (stated_date(a), stated_date(b));
    let same_place = || match (&a.location, &b.location) {
        (Some(x), Some(y)) => {
            x.text == y.text
                || crate::normalize::normalize(&x.text).as_str() == crate::normalize::normalize(&y.text).as_str()
        }
        _ => true,
    };
    (da.is_none() || db.is_none() || da == db) && same_place()
}

/// An event filed in a group: the position it is ordered by, and its index.
type Item = (usize, usize);

/// The events of a document filed by group (type and parties, or type
/// and one party), to find the one of a group nearest a position that
/// agrees with a report. A group is tried event by event up to
/// [`Filed::LINEAR`] events; past that, it is indexed by what [`agree`]
/// compares, so that a pair that met on thousands of dates costs a few
/// lookups per report, not a pass over all its meetings.
#[derive(Default)]
struct Filed {
    groups: Vec<Group>,
    /// Dates and places (normalised) as numbers from 1; 0 is unsaid.
    names: FastMap<String, u32>,
}

/// A group's events: listed while they are few, then indexed.
#[derive(Default)]
struct Group {
    items: Vec<Item>,
    index: Option<Box<Index>>,
}

/// A large group's events by stated date and place: those that agree
/// with a report are the union of one, two or four of its sets.
#[derive(Default)]
struct Index {
    /// Each event's item and its state when last filed.
    of: FastMap<usize, (Item, State)>,
    all: BTreeSet<Item>,
    by_date: FastMap<u32, BTreeSet<Item>>,
    by_place: FastMap<u32, BTreeSet<Item>>,
    by_both: FastMap<State, BTreeSet<Item>>,
}

/// An event's stated date and place, numbered by [`Filed::names`].
type State = (u32, u32);

impl Filed {
    const LINEAR: usize = 16;

    fn file(&mut self, g: u32, item: Item, out: &[Event]) {
        let g = g as usize;
        if self.groups.len() <= g {
            self.groups.resize_with(g + 1, Group::default);
        }
        let (group, names) = (&mut self.groups[g], &mut self.names);
        if let Some(index) = &mut group.index {
            return index.put(item, state(names, &out[item.1]));
        }
        group.items.push(item);
        if group.items.len() > Filed::LINEAR {
            let mut index = Box::<Index>::default();
            for item in std::mem::take(&mut group.items) {
                index.put(item, state(names, &out[item.1]));
            }
            group.index = Some(index);
        }
    }

    /// Event `i`, of `groups`, was merged into: its date or place may be new.
    fn merged(&mut self, groups: &[u32], i: usize, e: &Event) {
        let mut now = None;
        for &g in groups {
            let Some(index) = self.groups[g as usize].index.as_mut() else { continue };
            let s = *now.get_or_insert_with(|| state(&mut self.names, e));
            let (item, was) = index.of[&i];
            if was != s {
                index.remove(item, was);
                index.put(item, s);
            }
        }
    }

    /// The event of group `g` that agrees with `ev` and is filed nearest
    /// `at` (of two as near, the one of lower index).
    fn nearest(&self, g: u32, ev: &Event, at: usize, out: &[Event]) -> Option<usize> {
        let group = self.groups.get(g as usize)?;
        let key = |&(pos, i): &Item| (pos.abs_diff(at), i);
        let Some(index) = &group.index else {
            return group.items.iter().filter(|&&(_, i)| agree(&out[i], ev)).min_by_key(|x| key(x)).map(|x| x.1);
        };
        let number = |s: Option<&str>| s.map_or(0, |s| self.names.get(s).copied().unwrap_or(u32::MAX));
        let place = ev.location.as_ref().map(|l| crate::normalize::normalize(&l.text).into_string());
        let sets: [Option<&BTreeSet<Item>>; 4] = match (number(stated_date(ev)), number(place.as_deref())) {
            (0, 0) => [Some(&index.all), None, None, None],
            (d, 0) => [index.by_date.get(&0), index.by_date.get(&d), None, None],
            (0, p) => [index.by_place.get(&0), index.by_place.get(&p), None, None],
            (d, p) => [(0, 0), (0, p), (d, 0), (d, p)].map(|s| index.by_both.get(&s)),
        };
        sets.into_iter().flatten().flat_map(|s| around(s, at)).min_by_key(key).map(|x| x.1)
    }
}

impl Index {
    fn put(&mut self, item: Item, s: State) {
        self.of.insert(item.1, (item, s));
        self.all.insert(item);
        self.by_date.entry(s.0).or_default().insert(item);
        self.by_place.entry(s.1).or_default().insert(item);
        self.by_both.entry(s).or_default().insert(item);
    }

    fn remove(&mut self, item: Item, s: State) {
        self.by_date.get_mut(&s.0).map(|x| x.remove(&item));
        self.by_place.get_mut(&s.1).map(|x| x.remove(&item));
        self.by_both.get_mut(&s).map(|x| x.remove(&item));
    }
}

/// The stated date and place of `e`, numbered (new ones given numbers).
fn state(names: &mut FastMap<String, u32>, e: &Event) -> State {
    let mut number = |s: Option<String>| match s {
        None => 0,
        Some(s) => {
            let n = names.len() as u32 + 1;
            *names.entry(s).or_insert(n)
        }
    };
    let place = e.location.as_ref().map(|l| crate::normalize::normalize(&l.text).into_string());
    (number(stated_date(e).map(str::to_string)), number(place))
}

/// In a set ordered by position, the items at `at` or nearest before it
/// and nearest after it: at each position, the one of lowest index.
fn around(s: &BTreeSet<Item>, at: usize) -> impl Iterator<Item = Item> + '_ {
    let before = s.range(..=(at, usize::MAX)).next_back().and_then(|&(p, _)| s.range((p, 0)..).next());
    let after = s.range((at + 1, 0)..).next();
    before.into_iter().chain(after).copied()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::{EventDate, EventLocation, Role, Trigger};
    use crate::span::Span;

    /// An event of `kind` between `people`, reported at `at`.
    fn event(kind: EventType, people: &[usize], at: usize, date: Option<(&str, bool)>, place: Option<&str>) -> Event {
        let participant = |&k: &usize| Participant {
            name: None,
            text: format!("P{k}"),
            role: Role::Participant,
            country: None,
            person: Some(k),
            start: at,
            end: at + 1,
        };
        Event {
            kind,
            participants: people.iter().map(participant).collect(),
            date: date.map(|(v, carried)| EventDate {
                text: v.into(),
                value: Some(v.into()),
                part_of_day: None,
                start: at,
                end: at + 1,
                carried,
            }),
            location: place.map(|p| EventLocation { text: p.into(), country: None, start: at, end: at + 1 }),
            trigger: Trigger { text: "gặp".into(), id: "gap".into(), start: at, end: at + 3 },
            mode: None,
            sentence: Span::new(at, at + 3),
            rule: "test".into(),
            reports: Vec::new(),
        }
    }

    /// [`merge_reports`] as it was first written: each report tried
    /// against every event of its group.
    fn merge_one_by_one(events: Vec<Event>) -> Vec<Event> {
        let (events, partial): (Vec<Event>, Vec<Event>) = events.into_iter().partition(|e| e.participants.len() >= 2);
        let mut out: Vec<Event> = Vec::new();
        for ev in events {
            let mut k: Vec<PartyKey> = ev.participants.iter().map(party).collect();
            k.sort();
            let same = |e: &Event| {
                let mut q: Vec<PartyKey> = e.participants.iter().map(party).collect();
                q.sort();
                e.kind == ev.kind && q == k
            };
            match out.iter().position(|e| same(e) && agree(e, &ev)) {
                Some(i) => merge(&mut out[i], ev),
                None => out.push(ev),
            }
        }
        for ev in partial {
            let p = party(&ev.participants[0]);
            let near = (0..out.len())
                .filter(|&i| out[i].kind == ev.kind && out[i].participants.iter().any(|q| party(q) == p))
                .filter(|&i| agree(&out[i], &ev))
                .min_by_key(|&i| out[i].trigger.start.abs_diff(ev.trigger.start));
            if let Some(i) = near {
                merge(&mut out[i], ev);
            }
        }
        out
    }

    #[test]
    fn merging_by_index_is_merging_one_by_one() {
        let mut next = crate::hash::numbers(0x2545_f491_u64);
        // Many dates, so that a group keeps many events apart.
        let dates: Vec<String> = (1..=28).map(|d| format!("2019-09-{d:02}")).collect();
        let places = ["Hà Nội", "hà  nội", "Huế", "Viêng Chăn", "Tokyo"];
        for round in 0..40 {
            // Few groups, so that most grow past the one-by-one bound, and
            // reports close together, so that some are as near as others.
            let mut events = Vec::new();
            for _ in 0..200 + round * 10 {
                let kind = [EventType::Meeting, EventType::Talks][next(2)];
                let a = next(3);
                let people: Vec<usize> = if next(4) == 0 { vec![a] } else { vec![a, 3 + next(2)] };
                let date = match next(5) {
                    0 | 1 => None,
                    k => Some((dates[next(28)].as_str(), k == 2)),
                };
                let place = (next(3) > 0).then(|| places[next(5)]);
                events.push(event(kind, &people, next(400), date, place));
            }
            assert_eq!(merge_reports(events.clone()), merge_one_by_one(events), "round {round}");
        }
    }

    /// One pair meeting on thousands of dates, each meeting reported
    /// again by one party: a few lookups per report, not a pass over the
    /// pair's meetings (which takes a minute in a debug build).
    #[test]
    fn thousands_of_meetings_of_one_pair_merge_in_linear_time() {
        let dates: Vec<String> =
            (0..20_000).map(|i| format!("{}-{:02}-{:02}", 1900 + i / 336, i / 28 % 12 + 1, i % 28 + 1)).collect();
        let mut events: Vec<Event> = dates
            .iter()
            .enumerate()
            .map(|(i, d)| event(EventType::Talks, &[0, 1], 10 * i, Some((d, false)), None))
            .collect();
        events.extend(
            dates
                .iter()
                .enumerate()
                .map(|(i, d)| event(EventType::Talks, &[0], 10 * i + 5, Some((d, false)), Some("Hà Nội"))),
        );
        let start = std::time::Instant::now();
        let out = merge_reports(events);
        assert_eq!(out.len(), 20_000);
        assert!(out.iter().all(|e| e.reports.len() == 1 && e.location.is_some()));
        assert!(start.elapsed() < std::time::Duration::from_secs(10), "{:?}", start.elapsed());
    }

    #[test]
    fn holders_of_an_office_are_those_of_it_or_of_a_longer_or_shorter_one() {
        let person = |titles: &[&str], country: Option<&str>| Person {
            titles: titles.iter().map(|t| t.to_string()).collect(),
            country: country.map(str::to_string),
            ..Person::default()
        };
        let people = [
            person(&["Bộ trưởng Quốc phòng"], Some("LA")),
            person(&["Bộ trưởng"], None),
            person(&["Thủ tướng", "Bộ trưởng Quốc phòng"], Some("KH")),
            person(&["Bộ trưởng Ngoại giao"], Some("LA")),
            person(&["Thứ trưởng Quốc phòng"], Some("LA")),
        ];
        let normalised: Vec<(usize, String)> = (0..people.len())
            .flat_map(|k| people[k].titles.iter().map(move |t| (k, crate::normalize::normalize(t).into_string())))
            .collect();
        let index = Offices::new(&people, normalised.iter().map(|(k, t)| (*k, t.as_str())));
        let holders = |o: &str, country: Option<&str>| {
            let mut v: Vec<usize> = index.holders(o, country).collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        // The same office, one it begins ("bộ trưởng"), none that differs.
        assert_eq!(holders("bộ trưởng quốc phòng", None), [0, 1, 2]);
        assert_eq!(holders("bộ trưởng quốc phòng", Some("LA")), [0, 1]);
        assert_eq!(holders("bộ trưởng quốc phòng", Some("KH")), [1, 2]);
        // Offices it begins.
        assert_eq!(holders("bộ trưởng", None), [0, 1, 2, 3]);
        assert_eq!(holders("bộ trưởng", Some("LA")), [0, 1, 3]);
        assert_eq!(holders("thủ tướng", Some("KH")), [2]);
        assert_eq!(holders("thủ tướng", Some("LA")), Vec::<usize>::new());
        // As the relation says, for every office and country: the same
        // office, or one begins the other word for word.
        let same = |o: &str, t: &str| o == t || o.starts_with(&format!("{t} ")) || t.starts_with(&format!("{o} "));
        let offices =
            ["bộ", "bộ trưởng", "bộ trưởng quốc", "bộ trưởng quốc phòng", "bộ trưởng quốc phòng lào", "thứ", "tướng"];
        for o in offices {
            for country in [None, Some("LA"), Some("KH"), Some("VN")] {
                let want: Vec<usize> = (0..people.len())
                    .filter(|&k| {
                        let q = &people[k];
                        (country.is_none() || q.country.is_none() || q.country.as_deref() == country)
                            && q.titles.iter().any(|t| same(o, &crate::normalize::normalize(t).into_string()))
                    })
                    .collect();
                assert_eq!(holders(o, country), want, "{o:?} {country:?}");
            }
        }
    }
}
