//! Normalised text → gazetteer matches, with one trie over every surface.
//!
//! Every surface of every gazetteer goes through [`normalize`] and into one
//! byte trie ([`crate::trie`]), built once per extractor. The scan looks up,
//! at each syllable start, the longest surface that also ends at a syllable
//! boundary (`Lào` never matches inside `Làocai`; a shorter surface at the
//! same start still can). So every syllable start gets its own longest
//! match, and matches may nest: `Thông tấn xã Việt Nam` and `Việt Nam` are
//! both reported, and the overlap policy in [`crate::mentions`] decides
//! which to keep.

use crate::error::Error;
use crate::gazetteer::{Flags, Gazetteers};
use crate::normalize::is_word_char;
use crate::trie::Trie;
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

/// The trie and, for each of its patterns, the entries it names.
#[derive(Debug, Clone)]
pub(crate) struct Matcher {
    trie: Trie,
    offsets: Vec<u32>,
    targets: Vec<Target>,
}

impl Matcher {
    pub fn new(g: &Gazetteers) -> Result<Matcher, Error> {
        let mut index: HashMap<&str, usize> = HashMap::new();
        let mut patterns: Vec<&str> = Vec::new();
        let mut per_pattern: Vec<Vec<Target>> = Vec::new();
        for (s, norm) in g.normalized_surfaces() {
            let norm = norm.trim();
            let p = *index.entry(norm).or_insert_with(|| {
                patterns.push(norm);
                per_pattern.push(Vec::new());
                patterns.len() - 1
            });
            let t = Target { entry: s.entry as u32, flags: s.flags };
            let list = &mut per_pattern[p];
            if !list.iter().any(|x| x.entry == t.entry && x.flags == t.flags) {
                list.push(t);
            }
        }
        // The trie addresses its records in 32 bits, and a node takes fewer
        // than 256 bytes of them (a table of 256 children is shared by 9 or more).
        if patterns.iter().map(|p| p.len()).sum::<usize>() >= (u32::MAX / 256) as usize {
            return Err(Error::build("more than 16 MB of gazetteer surfaces"));
        }
        let trie = Trie::new(&patterns);
        let mut offsets = Vec::with_capacity(per_pattern.len() + 1);
        let mut targets = Vec::new();
        offsets.push(0);
        for list in per_pattern {
            targets.extend(list);
            offsets.push(targets.len() as u32);
        }
        Ok(Matcher { trie, offsets, targets })
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
        let starts = text.char_indices().filter_map(|(start, c)| {
            let word = is_word_char(c);
            let at = word && !prev_word;
            prev_word = word;
            at.then_some(start)
        });
        self.scan_at(text, starts, out);
    }

    /// [`Matcher::scan`] with the syllable starts already known (from the
    /// tokens), in increasing order.
    pub fn scan_at(&self, text: &str, starts: impl IntoIterator<Item = usize>, out: &mut Vec<RawMatch>) {
        for start in starts {
            if let Some((end, pattern)) = self.trie.longest(text.as_bytes(), start, |end| is_boundary(text, end)) {
                out.push(RawMatch { start, end, pattern });
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::GazetteerKind;
    use crate::normalize::normalize;

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

    /// The matcher as it was first written, with Aho-Corasick: an anchored
    /// leftmost-longest search at each syllable start, retried up to the
    /// last syllable boundary while the match ends inside a syllable.
    fn reference_scan(ac: &aho_corasick::AhoCorasick, text: &str) -> Vec<RawMatch> {
        use aho_corasick::{Anchored, Input};
        let mut out = Vec::new();
        let mut prev_word = false;
        for (start, c) in text.char_indices() {
            let word = is_word_char(c);
            if word && !prev_word {
                let mut limit = text.len();
                while let Some(m) = ac.find(Input::new(text).range(start..limit).anchored(Anchored::Yes)) {
                    if is_boundary(text, m.end()) {
                        out.push(RawMatch { start, end: m.end(), pattern: m.pattern().as_u32() });
                        break;
                    }
                    let last = text[start..m.end()].char_indices().rev().map(|(i, _)| start + i);
                    match last.into_iter().find(|&p| p > start && is_boundary(text, p)) {
                        Some(b) => limit = b,
                        None => break,
                    }
                }
            }
            prev_word = word;
        }
        out
    }

    #[test]
    fn trie_scan_equals_aho_corasick_reference() {
        let g = Gazetteers::builtin().unwrap();
        let m = Matcher::new(&g).unwrap();
        let mut seen = std::collections::HashSet::new();
        let patterns: Vec<String> = g
            .surfaces
            .iter()
            .map(|s| normalize(&s.text).as_str().trim().to_string())
            .filter(|p| seen.insert(p.clone()))
            .collect();
        let ac = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .start_kind(aho_corasick::StartKind::Anchored)
            .build(&patterns)
            .unwrap();
        let article = include_str!("../examples/article.txt");
        // Cut surfaces and text into pieces and glue them back together, so
        // that surfaces end inside syllables, at text ends and at punctuation.
        let mut texts = vec![normalize(article).as_str().to_string()];
        for (k, p) in patterns.iter().enumerate().step_by(7) {
            let q = &patterns[(k * 31 + 5) % patterns.len()];
            let cut = q.char_indices().nth(q.chars().count() / 2).map_or(0, |(i, _)| i);
            texts.push(format!(
                "{p}{} {p}-{p}.{q} {}{}",
                &q[..cut],
                &q[cut..],
                &p[..p.chars().next().map_or(0, char::len_utf8)]
            ));
        }
        for text in &texts {
            let mut got = Vec::new();
            m.scan(text, &mut got);
            assert_eq!(got, reference_scan(&ac, text), "{text:?}");
        }
    }

    #[test]
    fn old_tone_and_nfd_match() {
        let (_, m) = matcher("a\tỦy ban Hòa bình\n");
        assert_eq!(found(&m, "UỶ BAN HOÀ BÌNH").len(), 1);
        assert_eq!(found(&m, "U\u{309}y ban Hoa\u{300} bi\u{300}nh").len(), 1);
    }
}
