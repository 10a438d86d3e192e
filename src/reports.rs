//! Events → one event per meeting: counterparts resolved ("người đồng cấp
//! Campuchia"), and reports of the same meeting merged.

use crate::events::{Event, EventType, Participant, Report};
use crate::gazetteer::GazetteerKind;
use crate::hash::FastMap;
use crate::mentions::MentionKind;
use crate::parties::Doc;
use crate::people::Person;

/// "A và người đồng cấp Campuchia gặp gỡ": the counterpart (a title with
/// `counterpart=yes`) is the person of that country (or of none said) who
/// holds A's office, if the article names exactly one. `found` keeps the
/// document's index of offices, built on first use, and the answers given.
pub(crate) fn resolve_counterparts(d: &Doc<'_>, ev: &mut Event, found: &mut Counterparts) {
    let norm = |t: &str| crate::normalize::normalize(t).into_string();
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
                let titles = d.by_title.values().flatten().map(|(k, t)| (*k, t.as_str()));
                let index = found.offices.get_or_insert_with(|| Offices::new(d.people, titles));
                let mut fits: Vec<usize> = Vec::with_capacity(2);
                'offices: for o in others.iter().flat_map(|&o| d.people[o].titles.iter().map(|t| norm(t))) {
                    for k in index.holders(&o, country.as_deref()) {
                        if !others.contains(&k) && !fits.contains(&k) {
                            fits.push(k);
                            if fits.len() == 2 {
                                break 'offices;
                            }
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

/// What [`resolve_counterparts`] keeps from event to event of a document.
#[derive(Default)]
pub(crate) struct Counterparts {
    offices: Option<Offices>,
    /// By the people of an event and the counterpart's country: the person
    /// it is, if one fits.
    answers: FastMap<(Vec<usize>, Option<String>), Option<usize>>,
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
    /// From the people's titles, normalised (as [`Doc::by_title`] holds
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

#[cfg(test)]
mod tests {
    use super::*;

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
