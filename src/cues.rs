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

use crate::gazetteer::{GazetteerKind, Gazetteers};
use crate::matcher::{Matcher, RawMatch};
use crate::mentions::MentionKind;
use crate::normalize::Normalized;
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
        let span = Span::new(norm.start_to_original(r.start), norm.end_to_original(r.end));
        let written = &original[span.range()];
        for t in m.targets(r.pattern) {
            let f = t.flags;
            if f.upper && written.chars().any(char::is_lowercase) {
                continue;
            }
            if f.cap && !written.chars().find(|c| crate::normalize::is_letter(*c)).is_some_and(char::is_uppercase) {
                continue;
            }
            let entry = t.entry as usize;
            let cue = Cue { kind: g.entries[entry].kind, entry, span, norm: Span::new(r.start, r.end) };
            cands.push((cue, f.pair));
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
    cues
}

fn dash_between(s: &str) -> bool {
    s.len() <= 5 && s.trim_matches(' ') == "-"
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
