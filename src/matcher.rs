//! Normalised text → gazetteer matches, with one Aho-Corasick automaton.
//!
//! Every surface of every gazetteer goes through [`normalize`] and into one
//! leftmost-longest automaton, built once per extractor. The scan runs an
//! anchored search at each syllable start and keeps the longest surface that
//! also ends at a syllable boundary (`Lào` never matches inside `Làocai`);
//! a surface that ends mid-syllable is retried up to the last boundary
//! before it, so a shorter surface at the same start can still match. So
//! every syllable start gets its own longest match, and matches may nest:
//! `Thông tấn xã Việt Nam` and `Việt Nam` are both reported, and the
//! overlap policy in [`crate::mentions`] decides which to keep.

use crate::error::Error;
use crate::gazetteer::{Flags, Gazetteers};
use crate::normalize::{is_word_char, normalize};
use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};
use std::collections::HashMap;

/// A surface found in normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawMatch {
    /// Normalised byte offset of the first byte.
    pub start: usize,
    /// Normalised byte offset one past the last byte.
    pub end: usize,
    /// Index of the distinct normalised surface.
    pub pattern: u32,
}

/// One gazetteer surface behind a pattern.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Target {
    pub entry: u32,
    pub flags: Flags,
}

/// The automaton and, for each of its patterns, the entries it names.
#[derive(Debug, Clone)]
pub(crate) struct Matcher {
    ac: AhoCorasick,
    offsets: Vec<u32>,
    targets: Vec<Target>,
}

impl Matcher {
    pub fn new(g: &Gazetteers) -> Result<Matcher, Error> {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut per_pattern: Vec<Vec<Target>> = Vec::new();
        for s in &g.surfaces {
            let norm = normalize(&s.text).as_str().trim().to_string();
            let p = *index.entry(norm).or_insert_with_key(|k| {
                patterns.push(k.clone());
                per_pattern.push(Vec::new());
                patterns.len() - 1
            });
            let t = Target { entry: s.entry as u32, flags: s.flags };
            let list = &mut per_pattern[p];
            if !list.iter().any(|x| x.entry == t.entry && x.flags == t.flags) {
                list.push(t);
            }
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(&patterns)
            .map_err(|e| Error::build(e.to_string()))?;
        let mut offsets = Vec::with_capacity(per_pattern.len() + 1);
        let mut targets = Vec::new();
        offsets.push(0);
        for list in per_pattern {
            targets.extend(list);
            offsets.push(targets.len() as u32);
        }
        Ok(Matcher { ac, offsets, targets })
    }

    /// The gazetteer surfaces behind a pattern.
    pub fn targets(&self, pattern: u32) -> &[Target] {
        let p = pattern as usize;
        &self.targets[self.offsets[p] as usize..self.offsets[p + 1] as usize]
    }

    /// Append to `out` the longest surface at each syllable start of
    /// `text` (normalised), in order of start.
    pub fn scan(&self, text: &str, out: &mut Vec<RawMatch>) {
        let mut prev_word = false;
        for (start, c) in text.char_indices() {
            let word = is_word_char(c);
            if word && !prev_word {
                self.longest_at(text, start, out);
            }
            prev_word = word;
        }
    }

    fn longest_at(&self, text: &str, start: usize, out: &mut Vec<RawMatch>) {
        let mut limit = text.len();
        loop {
            let input = Input::new(text).range(start..limit).anchored(Anchored::Yes);
            let Some(m) = self.ac.find(input) else { return };
            if is_boundary(text, m.end()) {
                out.push(RawMatch { start, end: m.end(), pattern: m.pattern().as_u32() });
                return;
            }
            match last_boundary(text, start, m.end()) {
                Some(b) => limit = b,
                None => return,
            }
        }
    }
}

/// Whether a syllable ends at `pos`: the text ends there, or the characters
/// on either side are not both word characters.
pub(crate) fn is_boundary(text: &str, pos: usize) -> bool {
    let after = text[pos..].chars().next();
    let before = text[..pos].chars().next_back();
    match (before, after) {
        (Some(b), Some(a)) => !(is_word_char(b) && is_word_char(a)),
        _ => true,
    }
}

/// The last syllable boundary strictly between `start` and `end`.
fn last_boundary(text: &str, start: usize, end: usize) -> Option<usize> {
    text[start..end].char_indices().rev().map(|(i, _)| start + i).find(|&p| p > start && is_boundary(text, p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::GazetteerKind;

    fn matcher(lines: &str) -> (Gazetteers, Matcher) {
        let mut g = Gazetteers::default();
        g.add(GazetteerKind::Organization, "test", lines).unwrap();
        let m = Matcher::new(&g).unwrap();
        (g, m)
    }

    fn found(m: &Matcher, text: &str) -> Vec<String> {
        let n = normalize(text);
        let mut out = Vec::new();
        m.scan(n.as_str(), &mut out);
        out.iter().map(|r| n.as_str()[r.start..r.end].to_string()).collect()
    }

    #[test]
    fn longest_at_each_syllable_start_and_nested() {
        let (_, m) = matcher("a\tThông tấn xã Việt Nam\nb\tViệt Nam\nc\tBộ Quốc phòng\n");
        assert_eq!(
            found(&m, "Thông tấn xã Việt Nam và Bộ Quốc phòng"),
            ["thông tấn xã việt nam", "việt nam", "bộ quốc phòng"]
        );
    }

    #[test]
    fn only_at_syllable_boundaries_with_fallback_to_shorter() {
        let (_, m) = matcher("a\tLào\nb\tan\nc\tan ninh x\n");
        assert!(found(&m, "Làocai anh").is_empty());
        assert_eq!(found(&m, "an ninh xa"), ["an"]);
    }

    #[test]
    fn old_tone_and_nfd_match() {
        let (_, m) = matcher("a\tỦy ban Hòa bình\n");
        assert_eq!(found(&m, "UỶ BAN HOÀ BÌNH").len(), 1);
        assert_eq!(found(&m, "U\u{309}y ban Hoa\u{300} bi\u{300}nh").len(), 1);
    }
}
