//! Raw matches → cues: the gazetteer items the rule layer works from, after
//! the case and pairing restrictions and the overlap policy.
//!
//! # Overlap policy
//!
//! Candidates are taken leftmost first, then longest, and accepted greedily
//! (leftmost-longest, as the automaton itself matches):
//!
//! - two candidates that cross (overlap, neither inside the other) never
//!   both stand: the one that starts first wins ("Trung Quốc Vương Nghị" is
//!   the country "Trung Quốc", not the title "Quốc vương");
//! - a candidate inside an accepted one of the *same* kind is dropped
//!   (`Bộ Quốc phòng` hides no shorter organisation; `trực tiếp` blocks
//!   `tiếp`);
//! - a candidate inside one of another kind stands only where the guidelines
//!   count both: a country inside anything ("Thông tấn xã Việt Nam"), a
//!   location inside an organisation or a venue, an organisation inside a
//!   venue ("Trụ sở Bộ Quốc phòng"). A surname inside a place ("Lý Thường
//!   Kiệt") or a title inside an organisation ("Hội nghị Bộ trưởng …") does
//!   not;
//! - the same surface listed under two kinds gives one cue of each.
//!
//! # Words that only look like cues
//!
//! Where no surface found at a place stands as written (its case, or the
//! rules below), the longest shorter one there may: the automaton reports
//! only the longest at each syllable start.
//!
//! - A trigger that starts in lower case and ends in a capitalised word is
//!   no trigger, unless its list writes it so ("đón Tết"): "tiếp Thị
//!   trưởng" is not "tiếp thị" (marketing), so "tiếp" stands.
//! - A country written as one Vietnamese syllable is no country when it is
//!   a syllable of a name: next to a capitalised syllable of the same name
//!   ("Đông Anh", "Thủ Đức", "Mỹ Đình", "Nam Mỹ", a byline "Ngọc Anh"); nor
//!   is any country after "tiếng", where it names a language ("tiếng
//!   Anh").

use crate::gazetteer::{GazetteerKind, Gazetteers};
use crate::matcher::{Matcher, RawMatch};
use crate::mentions::MentionKind;
use crate::normalize::{is_inline_space, Normalized};
use crate::overlap::may_nest;
use crate::span::Span;

/// An accepted gazetteer item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cue {
    pub kind: GazetteerKind,
    /// Index into [`Gazetteers::entries`].
    pub entry: usize,
    /// In the original text.
    pub span: Span,
    /// In the normalised text.
    pub norm: Span,
}

/// Turn raw matches into cues (sorted by start, then longest first).
pub(crate) fn cues(original: &str, norm: &Normalized, g: &Gazetteers, m: &Matcher, raw: &[RawMatch]) -> Vec<Cue> {
    let mut cands: Vec<(Cue, bool)> = Vec::with_capacity(raw.len());
    for r in raw {
        let mut r = *r;
        loop {
            let span = Span::new(norm.start_to_original(r.start), norm.end_to_original(r.end));
            let written = &original[span.range()];
            let before = cands.len();
            for t in m.targets(r.pattern) {
                let f = t.flags;
                if f.upper && written.chars().any(char::is_lowercase) {
                    continue;
                }
                if f.cap && !written.chars().find(|c| crate::normalize::is_letter(*c)).is_some_and(char::is_uppercase) {
                    continue;
                }
                let entry = t.entry as usize;
                // (Unless the list writes it so: "đón Tết".)
                let e = &g.entries[entry];
                if e.kind == GazetteerKind::Trigger && runs_into_a_name(written) && !runs_into_a_name(&e.canonical) {
                    continue;
                }
                let cue = Cue { kind: e.kind, entry, span, norm: Span::new(r.start, r.end) };
                cands.push((cue, f.pair));
            }
            // When no surface here stands as written, a shorter one may:
            // the longest that ends before the last word ("tiếp" of "tiếp
            // Thị trưởng").
            if cands.len() > before {
                break;
            }
            let last_word = norm.as_str()[r.start..r.end].rfind(' ').map(|k| r.start + k);
            match last_word.and_then(|k| m.longest_before(norm.as_str(), r.start, k)) {
                Some(shorter) => r = shorter,
                None => break,
            }
        }
    }
    // `[pair]` surfaces stand only when a dash joins them to another country.
    let text = norm.as_str();
    let mut countries: Vec<Span> =
        cands.iter().filter(|(c, _)| c.kind == GazetteerKind::Country).map(|(c, _)| c.norm).collect();
    countries.sort_by_key(|s| s.start);
    cands.retain(|(c, pair)| {
        if !pair {
            return true;
        }
        // The nearest country after it, and the nearest before it.
        let i = countries.partition_point(|o| o.start < c.norm.end);
        let after = countries.get(i).is_some_and(|o| dash_between(&text[c.norm.end..o.start]));
        let j = countries.partition_point(|o| o.end <= c.norm.start);
        let before =
            j > 0 && countries[j - 1].end <= c.norm.start && dash_between(&text[countries[j - 1].end..c.norm.start]);
        after || before
    });
    let mut cues: Vec<Cue> = cands.into_iter().map(|(c, _)| c).collect();
    resolve(&mut cues);
    // How far the cues up to each reach: the furthest end so far.
    let reach: Vec<usize> = cues
        .iter()
        .scan(0, |far, c| {
            *far = c.span.end.max(*far);
            Some(*far)
        })
        .collect();
    let named: Vec<usize> = (0..cues.len())
        .filter(|&i| cues[i].kind == GazetteerKind::Country && not_a_country(original, norm.as_str(), &cues, &reach, i))
        .collect();
    // `named` is in increasing order: one pass drops them all.
    let (mut next, mut i) = (named.iter().peekable(), 0);
    cues.retain(|_| {
        let drop = next.next_if_eq(&&i).is_some();
        i += 1;
        !drop
    });
    cues
}

/// A surface that starts in lower case and ends in a capitalised word (a
/// capital inside it may be its own: "chuyến thăm cấp Nhà nước").
fn runs_into_a_name(written: &str) -> bool {
    let last_word = written.rsplit(is_inline_space).next().filter(|w| w.len() < written.len());
    last_word.is_some_and(|w| w.starts_with(char::is_uppercase)) && written.starts_with(char::is_lowercase)
}

/// Whether country cue `i` is a syllable of a name or a language, not a
/// country after all (see the module's documentation). `reach[k]` is the
/// furthest end of cues `0..=k`.
fn not_a_country(original: &str, text: &str, cues: &[Cue], reach: &[usize], i: usize) -> bool {
    let c = &cues[i];
    let head = &text[..c.norm.start];
    let language = head.strip_suffix("tiếng ").is_some_and(|h| !h.ends_with(crate::normalize::is_word_char));
    if language {
        return true;
    }
    // A capitalised syllable next to it (not in capitals throughout: so is
    // every word of a text in capitals), in no cue but those around it.
    // Cues are sorted by start; `reach` says where to stop looking back.
    let capitalised = |w: &Span| {
        let word = &original[w.range()];
        word.starts_with(char::is_uppercase) && word.chars().any(char::is_lowercase)
    };
    let before = word_before(original, c.span.start).filter(capitalised);
    let after = word_after(original, c.span.end).filter(capitalised);
    if before.is_none() && after.is_none() || !crate::syllable::is_syllable(&original[c.span.range()]) {
        return false;
    }
    let of_the_name = |w: Span| {
        let to = cues.partition_point(|o| o.span.start < w.end);
        let from = reach[..to].partition_point(|&far| far <= w.start);
        cues[from..to].iter().filter(|o| w.start < o.span.end).all(|o| o.span.contains(c.span))
            && crate::syllable::is_syllable(&original[w.range()])
    };
    // A capitalised word opening a sentence may be any word ("Nước Anh …"),
    // except on a short line: a byline ("Ngọc Anh").
    let opens_long_sentence = |w: Span| {
        let head = original[..w.start].trim_end_matches(is_inline_space);
        let opens = head.is_empty() || head.ends_with(['\n', '.', '!', '?', ':', '"', '“', '(']);
        opens && words_on_line(head.chars().rev()) + words_on_line(original[w.start..].chars()) > 4
    };
    before.is_some_and(|b| of_the_name(b) && !opens_long_sentence(b)) || after.is_some_and(of_the_name)
}

/// How many words `chars` hold before a line break, up to five: counted
/// from a word out, so that a line megabytes long costs no more.
fn words_on_line(chars: impl Iterator<Item = char>) -> usize {
    let (mut words, mut in_word) = (0, false);
    for ch in chars.take_while(|&ch| ch != '\n') {
        let word = !ch.is_whitespace();
        words += usize::from(word && !in_word);
        in_word = word;
        if words > 4 {
            break;
        }
    }
    words
}

/// The word right before `pos`, after one space (a space within a line:
/// no-break, tab): letters and digits only, not joined by a dash or other
/// mark to the word before it.
fn word_before(original: &str, pos: usize) -> Option<Span> {
    let head = &original[..pos];
    let end = head.strip_suffix(is_inline_space)?.len();
    let start = original[..end]
        .rfind(|ch: char| !crate::normalize::is_word_char(ch))
        .map_or(0, |k| k + original[k..].chars().next().map_or(1, char::len_utf8));
    let joined = original[..start].ends_with(|ch: char| !ch.is_whitespace() && ch != '(' && ch != '"');
    (start < end && !joined).then(|| Span::new(start, end))
}

/// The word right after `pos`, after one space (as [`word_before`]).
fn word_after(original: &str, pos: usize) -> Option<Span> {
    let rest = &original[pos..];
    let start = original.len() - rest.strip_prefix(is_inline_space)?.len();
    let end =
        original[start..].find(|ch: char| !crate::normalize::is_word_char(ch)).map_or(original.len(), |k| start + k);
    let joined =
        original[end..].starts_with(|ch: char| !ch.is_whitespace() && !matches!(ch, ',' | '.' | ';' | ':' | ')' | '"'));
    (start < end && !joined).then(|| Span::new(start, end))
}

fn dash_between(s: &str) -> bool {
    s.len() <= 5 && s.trim_matches(is_inline_space) == "-"
}

/// Apply the overlap policy in place; the result is sorted by start, longest first.
fn resolve(cues: &mut Vec<Cue>) {
    crate::overlap::resolve(
        cues,
        |c| c.norm,
        |c| c.kind,
        |k, c| {
            if k.norm == c.norm {
                k.kind != c.kind || k.entry != c.entry
            } else {
                may_nest(MentionKind::from_gazetteer(k.kind), MentionKind::from_gazetteer(c.kind))
            }
        },
    );
}
