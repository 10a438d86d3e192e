//! Normalised text → gazetteer matches, with one Aho-Corasick automaton.
//!
//! Every surface of every gazetteer goes through [`crate::normalize()`]
//! (once, when the gazetteers are read) and into one automaton, built once
//! per extractor. The scan follows the automaton from each syllable start,
//! which meets every surface the text starts with there, and keeps the
//! longest that also ends at a syllable boundary (`Lào`
//! never matches inside `Làocai`; a shorter surface at the same start still
//! can). So every syllable start gets its own longest match, and matches
//! may nest: `Thông tấn xã Việt Nam` and `Việt Nam` are both reported, and
//! the overlap policy in [`crate::mentions`] decides which to keep.
//!
//! Only anchored searches are run, so the scan walks the automaton's
//! states itself (through its `Automaton` trait), one byte at a time from
//! the anchored start, until a dead state: no search is set up per
//! syllable. The automaton is a contiguous NFA without a prefilter, with
//! standard match semantics: a leftmost-longest automaton over the same
//! surfaces takes four times as long to build, for the same answers, and
//! a DFA twice as long, for no faster a scan.
//!
//! The automaton (about 800 KB) is larger than the caches, and its states
//! are what the scan waits for. A surface can only end where a syllable
//! does, so the first syllable is not walked: it is looked up in a map
//! from each syllable that begins a surface (about 2,500) to the state
//! after it, and the walk goes on from there. About half of a news
//! text's syllables begin no surface and cost one lookup.

use crate::error::Error;
use crate::gazetteer::{Flags, Gazetteers};
use crate::hash::{FastMap, FastState};
use crate::normalize::word_char_at;
use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};

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
    ac: NFA,
    offsets: Vec<u32>,
    targets: Vec<Target>,
    /// Each syllable that begins a surface, and the automaton's anchored
    /// state after it: by [`packed`] syllable, and the longer ones by text.
    first: FastMap<u128, StateID>,
    first_long: FastMap<Box<str>, StateID>,
}

impl Matcher {
    pub fn new(g: &Gazetteers) -> Result<Matcher, Error> {
        let n = g.surfaces.len();
        let mut index: FastMap<&str, usize> = FastMap::with_capacity_and_hasher(n, FastState::default());
        let mut patterns: Vec<&str> = Vec::with_capacity(n);
        let mut per_pattern: Vec<Vec<Target>> = Vec::with_capacity(n);
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
        let ac = NFA::builder()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(&patterns)
            .map_err(|e| Error::build(e.to_string()))?;
        let root = ac.start_state(Anchored::Yes).map_err(|e| Error::build(e.to_string()))?;
        let (mut first, mut first_long) = (FastMap::default(), FastMap::default());
        for p in &patterns {
            let Some(end) = syllable_end(p, 0) else { continue };
            let sid = p.as_bytes()[..end].iter().fold(root, |sid, &b| ac.next_state(Anchored::Yes, sid, b));
            match packed(p.as_bytes(), 0, end) {
                Some(key) => first.insert(key, sid),
                None => first_long.insert(p[..end].into(), sid),
            };
        }
        let mut offsets = Vec::with_capacity(per_pattern.len() + 1);
        let mut targets = Vec::new();
        offsets.push(0);
        for list in per_pattern {
            targets.extend(list);
            offsets.push(targets.len() as u32);
        }
        Ok(Matcher { ac, offsets, targets, first, first_long })
    }

    /// The gazetteer surfaces behind a pattern.
    pub fn targets(&self, pattern: u32) -> &[Target] {
        let p = pattern as usize;
        &self.targets[self.offsets[p] as usize..self.offsets[p + 1] as usize]
    }

    /// Append to `out` the longest surface at each syllable start of
    /// `text` (normalised), in order of start.
    pub fn scan(&self, text: &str, out: &mut Vec<RawMatch>) {
        // Each run of word characters, found in one pass.
        let mut at = 0;
        let syllables = std::iter::from_fn(|| {
            while at < text.len() {
                let (word, next) = word_char_at(text, at);
                if word {
                    let start = at;
                    at = syllable_end(text, start)?;
                    return Some((start, at));
                }
                at = next;
            }
            None
        });
        self.scan_at(text, syllables, out);
    }

    /// [`Matcher::scan`] with the syllables already known (from the
    /// tokens): the start and end of each, in increasing order.
    pub fn scan_at(&self, text: &str, syllables: impl IntoIterator<Item = (usize, usize)>, out: &mut Vec<RawMatch>) {
        for (start, syllable_end) in syllables {
            out.extend(self.longest(text, start, syllable_end, text.len()));
        }
    }

    /// The longest surface at syllable start `start` of `text` (normalised)
    /// that ends at or before `limit`: what the scan finds there when a
    /// longer surface turns out not to stand.
    pub fn longest_before(&self, text: &str, start: usize, limit: usize) -> Option<RawMatch> {
        let syllable_end = syllable_end(text, start)?;
        (syllable_end <= limit).then(|| self.longest(text, start, syllable_end, limit)).flatten()
    }

    /// The longest surface from `start`, whose first syllable ends at
    /// `syllable_end`, that ends at a boundary at or before `limit`.
    #[inline(always)]
    fn longest(&self, text: &str, start: usize, syllable_end: usize, limit: usize) -> Option<RawMatch> {
        let bytes = text.as_bytes();
        // No surface ends inside the first syllable: start after it.
        let after = match packed(bytes, start, syllable_end) {
            Some(key) => self.first.get(&key),
            None => self.first_long.get(&text[start..syllable_end]),
        };
        let &after = after?;
        let mut best = None;
        if self.ac.is_match(after) {
            best = self.anchored_match(after, start, syllable_end);
        }
        let mut sid = after;
        for (end, &b) in (syllable_end + 1..).zip(&bytes[syllable_end..limit]) {
            sid = self.ac.next_state(Anchored::Yes, sid, b);
            if self.ac.is_dead(sid) {
                break;
            }
            if self.ac.is_match(sid) && is_boundary(text, end) {
                best = self.anchored_match(sid, start, end).or(best);
            }
        }
        best
    }

    /// The surface from `start` to `end` that match state `sid` matches,
    /// if any.
    fn anchored_match(&self, sid: StateID, start: usize, end: usize) -> Option<RawMatch> {
        // A state's match list also holds the surfaces that end there as
        // suffixes of longer ones; only the one as long as the path from
        // `start` is anchored here.
        let len = end - start;
        (0..self.ac.match_len(sid))
            .map(|i| self.ac.match_pattern(sid, i))
            .find(|&p| self.ac.pattern_len(p) == len)
            .map(|p| RawMatch { start, end, pattern: p.as_u32() })
    }
}

/// The syllable `bytes[start..end]` as one number, if it has 16 bytes or
/// fewer: its bytes, little-endian, and zeros after them. No word
/// character holds a zero byte, so two syllables have the same number only
/// if they are the same.
fn packed(bytes: &[u8], start: usize, end: usize) -> Option<u128> {
    let len = end - start;
    if len > 16 {
        return None;
    }
    let word = match bytes.get(start..start + 16) {
        Some(w) => u128::from_le_bytes(w.try_into().expect("16 bytes")),
        None => {
            let mut buf = [0; 16];
            buf[..len].copy_from_slice(&bytes[start..end]);
            u128::from_le_bytes(buf)
        }
    };
    Some(if len == 16 { word } else { word & ((1 << (8 * len)) - 1) })
}

/// The end of the syllable that starts at `start`: the first boundary
/// after it, if a word character is there.
fn syllable_end(text: &str, start: usize) -> Option<usize> {
    if start >= text.len() {
        return None;
    }
    let (word, mut end) = word_char_at(text, start);
    if !word {
        return None;
    }
    while end < text.len() {
        match word_char_at(text, end) {
            (true, next) => end = next,
            _ => break,
        }
    }
    Some(end)
}

/// Whether a syllable ends at `pos`: the text ends there, or the characters
/// on either side are not both word characters.
pub(crate) fn is_boundary(text: &str, pos: usize) -> bool {
    if pos == 0 || pos >= text.len() {
        return true;
    }
    // The character before `pos` starts at most three bytes back.
    let before = (pos.saturating_sub(4)..pos).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    !(word_char_at(text, pos).0 && word_char_at(text, before).0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::GazetteerKind;
    use crate::normalize::{is_word_char, normalize};

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
    fn long_first_syllables_and_the_end_of_the_text() {
        let (_, m) = matcher("a\tBundesverteidigungsministerium Đức\nb\tBundesverteidigungsministerium\nc\tĐức\n");
        assert_eq!(
            found(&m, "Bundesverteidigungsministerium Đức, Bundesverteidigungsministeriumx, Đức"),
            ["bundesverteidigungsministerium đức", "đức", "đức"]
        );
        // Sixteen bytes exactly, and syllables that differ after them.
        let (_, m) = matcher("a\tabcdefghijklmnop\nb\tabcdefghijklmnopq\n");
        assert_eq!(
            found(&m, "abcdefghijklmnop abcdefghijklmnopq abcdefghijklmnopqr"),
            ["abcdefghijklmnop", "abcdefghijklmnopq"]
        );
    }

    #[test]
    fn packed_syllables_differ_when_the_syllables_do() {
        let text = "a ab ba abcdefghijklmnop abcdefghijklmnopq đ ứ";
        let syllables: Vec<(usize, usize)> = text
            .split(' ')
            .scan(0, |at, w| {
                let s = *at;
                *at += w.len() + 1;
                Some((s, s + w.len()))
            })
            .collect();
        let keys: Vec<Option<u128>> = syllables.iter().map(|&(s, e)| packed(text.as_bytes(), s, e)).collect();
        assert_eq!(keys[4], None, "17 bytes");
        let short: Vec<u128> = keys.iter().flatten().copied().collect();
        assert_eq!(short.len(), 6);
        assert!(short.iter().enumerate().all(|(i, k)| !short[i + 1..].contains(k)));
        // Near the end of the text, where 16 bytes are not there to read.
        let (s, e) = syllables[6];
        assert_eq!(packed(text.as_bytes(), s, e), packed("ứ".as_bytes(), 0, "ứ".len()));
    }

    #[test]
    fn the_longest_surface_before_a_limit() {
        let (_, m) = matcher("a\tan\nb\tan ninh\nc\tan ninh quốc phòng\n");
        let n = normalize("an ninh quốc phòng");
        let text = n.as_str();
        let found = |limit| m.longest_before(text, 0, limit).map(|r| &text[r.start..r.end]);
        assert_eq!(found(text.len()), Some("an ninh quốc phòng"));
        assert_eq!(found("an ninh quốc".len()), Some("an ninh"));
        assert_eq!(found("an".len()), Some("an"));
        assert_eq!(found(1), None);
    }

    #[test]
    fn old_tone_and_nfd_match() {
        let (_, m) = matcher("a\tỦy ban Hòa bình\n");
        assert_eq!(found(&m, "UỶ BAN HOÀ BÌNH").len(), 1);
        assert_eq!(found(&m, "U\u{309}y ban Hoa\u{300} bi\u{300}nh").len(), 1);
    }

    /// The longest surface at each syllable start, by trying them all.
    fn brute_force(g: &Gazetteers, text: &str) -> Vec<(usize, usize)> {
        let mut patterns: Vec<&str> = g.normalized_surfaces().map(|(_, n)| n.trim()).collect();
        patterns.sort_unstable();
        patterns.dedup();
        let mut out = Vec::new();
        let mut prev_word = false;
        for (start, c) in text.char_indices() {
            let at = is_word_char(c) && !prev_word;
            prev_word = is_word_char(c);
            if !at {
                continue;
            }
            let rest = &text[start..];
            let best = patterns
                .iter()
                .filter(|p| !p.is_empty() && rest.starts_with(**p) && is_boundary(text, start + p.len()))
                .map(|p| p.len())
                .max();
            out.extend(best.map(|len| (start, start + len)));
        }
        out
    }

    #[test]
    fn the_tokens_syllables_give_the_same_matches() {
        let g = Gazetteers::builtin().unwrap();
        let m = Matcher::new(&g).unwrap();
        let text = concat!(
            include_str!("../examples/article.txt"),
            "\nTP.HCM, Làocai, Hà Nội2024, ASEAN-Nhật Bản, U\u{309}y ban, ×Lào, Quốc phòng_Việt Nam"
        );
        let n = normalize(text);
        let tokens = crate::tokens::tokenize(text, &n);
        let (mut by_scan, mut by_tokens) = (Vec::new(), Vec::new());
        m.scan(n.as_str(), &mut by_scan);
        m.scan_at(n.as_str(), tokens.iter().filter(|t| t.word).map(|t| (t.norm.start, t.norm.end)), &mut by_tokens);
        assert!(by_scan.len() > 30);
        assert_eq!(by_scan, by_tokens);
    }

    #[test]
    fn boundary_agrees_with_the_characters_around() {
        let text = "Việt Nam, Làocai—ASEAN 2024: ×3 thu\u{309}y 가나 ỷ.";
        for pos in (0..=text.len()).filter(|&p| text.is_char_boundary(p)) {
            let after = text[pos..].chars().next();
            let before = text[..pos].chars().next_back();
            let want = match (before, after) {
                (Some(b), Some(a)) => !(is_word_char(b) && is_word_char(a)),
                _ => true,
            };
            assert_eq!(is_boundary(text, pos), want, "at {pos}");
        }
    }

    #[test]
    fn agrees_with_trying_every_surface() {
        let g = Gazetteers::builtin().unwrap();
        let m = Matcher::new(&g).unwrap();
        let text = concat!(
            include_str!("../examples/article.txt"),
            "\nĐại hội XII của Đảng, Đại hội Đảng bộ Bộ Quốc phòng; Thông tấn xã Việt Nam (TTXVN) ",
            "đưa tin Thủ tướng Campuchia Hun Manet hội đàm với Chủ tịch Ủy ban Quân sự Trung ương ",
            "tại Làocai, Hà Nội và TP Hồ Chí Minh ngày 3/5/2024."
        );
        let n = normalize(text);
        let mut out = Vec::new();
        m.scan(n.as_str(), &mut out);
        let found: Vec<(usize, usize)> = out.iter().map(|r| (r.start, r.end)).collect();
        assert!(found.len() > 30);
        assert_eq!(found, brute_force(&g, n.as_str()));
    }
}
