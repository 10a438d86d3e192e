//! Person mentions → people records: one per person, with coreference.

use crate::persons::PersonHit;
use crate::span::Span;
use serde::Serialize;
use std::collections::HashMap;

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
    let mut by_form: HashMap<&str, usize> = HashMap::new();
    let mut by_edge: HashMap<(usize, &str), Vec<usize>> = HashMap::new();
    let mut by_word: HashMap<&str, Vec<usize>> = HashMap::new();
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
                .find(|&r| recs[r].forms.iter().any(|(f, _, _)| f.split(' ').count() == n && one_edit(f, k)))
        });
        let found = found.or_else(|| {
            let cands = by_word.get(words.first()?)?;
            let mut fits = cands.iter().copied().filter(|&r| words.iter().all(|w| recs[r].words.contains(w)));
            let one = fits.next()?;
            // A short form shared by two people stays its own record.
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
            let name = r
                .forms
                .iter()
                .filter(|(f, _, _)| f.split([' ', '-']).count() == longest)
                // Most frequent form; on a tie the first written (a typo
                // usually comes later).
                .min_by_key(|(_, _, n)| std::cmp::Reverse(*n))
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
    people.into_iter().map(|(_, p)| p).collect()
}

fn norm_range(h: &PersonHit) -> std::ops::Range<usize> {
    h.norm.range()
}

/// Whether two names differ by at most one character edit.
fn one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let (mut i, mut j, mut edits) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            i += 1;
            j += 1;
            continue;
        }
        edits += 1;
        if edits > 1 {
            return false;
        }
        match a.len().cmp(&b.len()) {
            std::cmp::Ordering::Greater => i += 1,
            std::cmp::Ordering::Less => j += 1,
            std::cmp::Ordering::Equal => {
                i += 1;
                j += 1;
            }
        }
    }
    edits + (a.len() - i) + (b.len() - j) <= 1
}

#[cfg(test)]
mod tests {
    use super::one_edit;

    #[test]
    fn typo_one_edit_away() {
        assert!(one_edit("ngô xuân lịch", "ngỗ xuân lịch"));
        assert!(one_edit("park jae-min", "park jae-min"));
        assert!(!one_edit("ngô xuân lịch", "ngô xuân phúc"));
    }
}
