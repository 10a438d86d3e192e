//! Person mentions → people records: one per person, with coreference.

use crate::hash::FastMap;
use crate::persons::PersonHit;
use crate::span::Span;
use serde::Serialize;

/// One person in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    /// The fullest form of the name, without rank, title or honorific.
    pub name: String,
    /// Military or police rank as written.
    pub rank: Option<String>,
    /// Each position with its body, as written ("Thứ trưởng Bộ Quốc phòng").
    pub titles: Vec<String>,
    /// ISO 3166-1 alpha-2 code of the country the person serves.
    pub country: Option<String>,
    /// Other names for the same person (short forms, transcriptions).
    pub aliases: Vec<String>,
    /// Spans of every person mention of this person.
    pub mentions: Vec<Span>,
}

/// Group person hits into one record per person: the same name, a name
/// one edit away (a typo: "Ngỗ Xuân Lịch"), or a short form whose
/// syllables all belong to a fuller name ("ông Vịnh", "Jae-min").
///
/// A person with no country of their own who is not Vietnamese takes the
/// article's dominant foreign country (`dominant`), if it has one.
pub(crate) fn build(text: &str, hits: &[PersonHit], dominant: Option<&str>) -> Vec<Person> {
    /// A person's record: its forms (normalised, as written, how often),
    /// the syllables of its first form, and its hits. Strings are borrowed
    /// from the text and the hits.
    struct Rec<'a> {
        forms: Vec<(&'a str, &'a str, usize)>,
        words: Vec<&'a str>,
        hits: Vec<usize>,
    }
    let key = |h: &PersonHit| &text[norm_range(h)];
    let mut order: Vec<usize> = (0..hits.len()).collect();
    // Fuller names first, so short forms find the record they belong to.
    order.sort_by_key(|&i| (std::cmp::Reverse(hits[i].tokens.len()), hits[i].mention.start));
    let mut recs: Vec<Rec> = Vec::new();
    // Indexes, so that each hit looks at a few records, not all of them.
    let mut by_form: FastMap<&str, usize> = FastMap::default();
    let mut by_edge: FastMap<(usize, &str), Vec<usize>> = FastMap::default();
    let mut by_word: FastMap<&str, Vec<usize>> = FastMap::default();
    for i in order {
        let h = &hits[i];
        let k = key(h);
        let words: Vec<&str> = k.split([' ', '-']).filter(|w| !w.is_empty()).collect();
        let n = k.split(' ').count();
        let first = k.split(' ').next().unwrap_or("");
        let last = k.split(' ').next_back().unwrap_or("");
        let found = by_form.get(k).copied().or_else(|| {
            // A typo touches one syllable: the first or the last is intact.
            [(n, first), (n + 1000, last)]
                .iter()
                .filter_map(|e| by_edge.get(e))
                .flatten()
                .copied()
                .find(|&r| recs[r].forms.iter().any(|(f, _, _)| f.split(' ').count() == n && typo(f, k)))
        });
        let found = found.or_else(|| {
            let cands = by_word.get(words.first()?)?;
            let mut fits = cands.iter().copied().filter(|&r| words.iter().all(|w| recs[r].words.contains(w)));
            let one = fits.next()?;
            // A short form shared by two people stays its own record.
            fits.all(|r| r == one).then_some(one)
        });
        // Given names as initials: "H.R. McMaster" is "Herbert Raymond McMaster".
        let found = found.or_else(|| {
            let cands = by_word.get(words.last()?)?;
            let mut fits = cands
                .iter()
                .copied()
                .filter(|&r| recs[r].forms.iter().any(|(f, _, _)| initials_fit(k, f) || initials_fit(f, k)));
            let one = fits.next()?;
            fits.all(|r| r == one).then_some(one)
        });
        let r = match found {
            Some(r) => r,
            None => {
                recs.push(Rec { forms: Vec::new(), words: words.clone(), hits: Vec::new() });
                let r = recs.len() - 1;
                by_edge.entry((n, first)).or_default().push(r);
                by_edge.entry((n + 1000, last)).or_default().push(r);
                for &w in &words {
                    by_word.entry(w).or_default().push(r);
                }
                r
            }
        };
        by_form.insert(k, r);
        let rec = &mut recs[r];
        match rec.forms.iter_mut().find(|(f, _, _)| *f == k) {
            Some(f) => f.2 += 1,
            None => rec.forms.push((k, &h.mention.text, 1)),
        }
        rec.hits.push(i);
    }
    // Forms in order of first appearance, for the tie-break above.
    for r in &mut recs {
        let first = |f: &str| r.hits.iter().filter(|&&i| key(&hits[i]) == f).map(|&i| hits[i].mention.start).min();
        let mut forms = std::mem::take(&mut r.forms);
        forms.sort_by_key(|(f, _, _)| first(f));
        r.forms = forms;
    }
    let mut people: Vec<(usize, Person)> = recs
        .into_iter()
        .map(|mut r| {
            r.hits.sort_by_key(|&i| hits[i].mention.start);
            let longest = r.forms.iter().map(|(f, _, _)| f.split([' ', '-']).count()).max().unwrap_or(0);
            // The first written of the fullest forms: a misspelt repeat
            // ("Ngỗ Xuân Lịch", "Tô-hi-xi-rô") comes later.
            let name = r
                .forms
                .iter()
                .find(|(f, _, _)| f.split([' ', '-']).count() == longest)
                .map(|(_, w, _)| w.to_string())
                .unwrap_or_default();
            let hs: Vec<&PersonHit> = r.hits.iter().map(|&i| &hits[i]).collect();
            let mut titles: Vec<String> = Vec::new();
            for t in hs.iter().flat_map(|h| h.titles.iter()) {
                if !titles.contains(t) {
                    titles.push(t.clone());
                }
            }
            let mut aliases: Vec<String> = Vec::new();
            for a in hs.iter().map(|h| h.mention.text.as_str()).chain(hs.iter().filter_map(|h| h.alias.as_deref())) {
                if a != name && !aliases.iter().any(|x| x == a) {
                    aliases.push(a.to_string());
                }
            }
            let vietnamese = hs.iter().any(|h| h.vietnamese);
            let country = hs
                .iter()
                .find_map(|h| h.country.clone())
                .or_else(|| vietnamese.then(|| "VN".to_string()))
                .or_else(|| dominant.map(str::to_string));
            let person = Person {
                name,
                rank: hs.iter().find_map(|h| h.rank.clone()),
                titles,
                country,
                aliases,
                mentions: hs.iter().map(|h| h.mention.span()).collect(),
            };
            (hs[0].mention.start, person)
        })
        .collect();
    people.sort_by_key(|(start, _)| *start);
    let mut people: Vec<Person> = people.into_iter().map(|(_, p)| p).collect();
    merge_initialled(&mut people);
    people
}

/// Whether `short` writes the given names of `full` as initials: "h.r.
/// mcmaster" and "herbert raymond mcmaster", "s. lavrov" and "sergei lavrov".
fn initials_fit(short: &str, full: &str) -> bool {
    let (Some((given, family)), Some((full_given, full_family))) = (short.rsplit_once(' '), full.rsplit_once(' '))
    else {
        return false;
    };
    let letters: Vec<char> = given.split('.').filter(|p| !p.is_empty()).flat_map(|p| p.chars()).collect();
    let firsts: Vec<char> = full_given.split(' ').filter_map(|w| w.chars().next()).collect();
    family == full_family
        && given.ends_with('.')
        && given.split('.').all(|p| p.chars().count() <= 1)
        && !letters.is_empty()
        && letters == firsts
}

/// "A. Cô-bi-a-cốp" and "Andrei Kobyakov": a transcription written with
/// the given name's initial and a name with that initial, holding the same
/// office for the same country, are one person. The first written keeps
/// the name; the other becomes an alias.
fn merge_initialled(people: &mut Vec<Person>) {
    let initial = |p: &Person| {
        let mut c = p.name.split(' ').next()?.chars();
        let l = c.next()?;
        (l.is_uppercase() && c.as_str() == ".").then_some(l)
    };
    let mut i = 0;
    while i < people.len() {
        let Some(l) = initial(&people[i]) else {
            i += 1;
            continue;
        };
        let p = &people[i];
        let other = people.iter().enumerate().position(|(j, q)| {
            j != i
                && initial(q).is_none()
                && q.name.starts_with(l)
                && q.country.is_some()
                && q.country == p.country
                && q.titles.iter().any(|t| p.titles.contains(t))
        });
        let Some(j) = other else {
            i += 1;
            continue;
        };
        let q = people.remove(j);
        let i2 = if j < i { i - 1 } else { i };
        let p = &mut people[i2];
        for a in std::iter::once(q.name).chain(q.aliases) {
            if a != p.name && !p.aliases.contains(&a) {
                p.aliases.push(a);
            }
        }
        for t in q.titles {
            if !p.titles.contains(&t) {
                p.titles.push(t);
            }
        }
        p.rank = p.rank.take().or(q.rank);
        p.mentions.extend(q.mentions);
        p.mentions.sort();
        i = i2 + 1;
    }
}

fn norm_range(h: &PersonHit) -> std::ops::Range<usize> {
    h.norm.range()
}

/// Whether one name is a typo of the other: one character edit, or two
/// letters swapped ("Adibi", "Abidi").
fn typo(a: &str, b: &str) -> bool {
    one_edit(a, b) || swapped(a, b)
}

/// Whether `b` is `a` with two of its letters swapped.
fn swapped(a: &str, b: &str) -> bool {
    let (mut diff, mut n) = ([(' ', ' '); 2], 0);
    let (mut ca, mut cb) = (a.chars(), b.chars());
    loop {
        match (ca.next(), cb.next()) {
            (None, None) => break,
            (Some(x), Some(y)) if x == y => {}
            (Some(x), Some(y)) if n < 2 => {
                diff[n] = (x, y);
                n += 1;
            }
            _ => return false,
        }
    }
    n == 2 && diff[0] == (diff[1].1, diff[1].0) && diff[0].0.is_alphabetic()
}

/// Whether two names differ by at most one character edit.
pub(crate) fn one_edit(a: &str, b: &str) -> bool {
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la.abs_diff(lb) > 1 {
        return false;
    }
    let (mut x, mut y) = (a.chars().peekable(), b.chars().peekable());
    let mut edits = 0;
    while let (Some(p), Some(q)) = (x.peek(), y.peek()) {
        if p == q {
            x.next();
            y.next();
            continue;
        }
        edits += 1;
        if edits > 1 {
            return false;
        }
        match la.cmp(&lb) {
            std::cmp::Ordering::Greater => {
                x.next();
            }
            std::cmp::Ordering::Less => {
                y.next();
            }
            std::cmp::Ordering::Equal => {
                x.next();
                y.next();
            }
        }
    }
    edits + x.count() + y.count() <= 1
}

#[cfg(test)]
mod tests {
    use super::typo;

    /// (name, written again, a typo of it?)
    const TYPOS: &[(&str, &str, bool)] = &[
        ("ngô xuân lịch", "ngỗ xuân lịch", true),
        ("park jae-min", "park jae-min", true),
        ("saleh adibi", "saleh abidi", true),
        ("tô-xi-hi-rô na-cai", "tô-hi-xi-rô na-cai", true),
        ("ngô xuân lịch", "ngô xuân phúc", false),
        ("saleh adibi", "saleh odibu", false),
        ("lê văn an", "lê văn na", true),
        ("lê văn an", "lê văn anh", true),
        ("lê văn an", "lê văn bình", false),
    ];

    #[test]
    fn initials() {
        use super::initials_fit;
        assert!(initials_fit("h.r. mcmaster", "herbert raymond mcmaster"));
        assert!(initials_fit("s. lavrov", "sergei lavrov"));
        assert!(!initials_fit("h. mcmaster", "herbert raymond mcmaster"));
        assert!(!initials_fit("h.r. mcmaster", "herbert raymond smith"));
        assert!(!initials_fit("herbert mcmaster", "herbert raymond mcmaster"));
    }

    #[test]
    fn typos() {
        for (a, b, want) in TYPOS {
            assert_eq!(typo(a, b), *want, "{a:?} vs {b:?}");
        }
    }
}
