//! Raw text → one canonical matching form, with a map back to the original.
//!
//! The canonical form is what gazetteer surfaces and article text both go
//! through before matching:
//!
//! - Unicode NFC, whatever form the input came in (NFC, NFD, mixed);
//! - lower case (Unicode, not only ASCII), with `Ð` (U+00D0) and `Ɖ` read as `đ`;
//! - new-style tone placement: `hoà` → `hòa`, `thuỷ` → `thủy`, `Uỷ` → `ủy`
//!   (a tone on the final `a`/`e`/`y` after a bare `o`/`u` moves to the
//!   `o`/`u`; `qu` is a consonant and keeps its tone where it is);
//! - runs of white space (including no-break spaces, tabs and control
//!   characters) become one space, or one `\n` if they hold a line break
//!   (in an article wrapped at a fixed width, a single line break is a
//!   space: [`normalize_article`]);
//! - dashes (`–`, `—`, `‐`, `−`…) become `-`; zero-width characters and soft
//!   hyphens are dropped.
//!
//! Every byte position of the normalised text maps back to a `char`
//! boundary of the original, so spans found on the normalised text are
//! reported on the caller's string. The map is sparse: it stores one entry
//! where the two texts stop moving in step (a length-changing rewrite), so
//! already-clean NFC text costs almost nothing.

use std::borrow::Cow;
use unicode_normalization::char::{compose, decompose_canonical, is_combining_mark};

/// Text in canonical matching form, with the map back to the original.
#[derive(Debug, Clone)]
pub struct Normalized {
    text: String,
    original_len: usize,
    segs: Vec<Seg>,
}

/// From `norm` on, normalised and original bytes move in step (`step`), or
/// the normalised bytes up to the next entry all came from one rewritten
/// piece of the original starting at `orig` (`!step`).
#[derive(Debug, Clone, Copy)]
struct Seg {
    norm: usize,
    orig: usize,
    step: bool,
}

impl Normalized {
    /// The canonical text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The canonical text, owned.
    pub(crate) fn into_string(self) -> String {
        self.text
    }

    /// The original byte offset where a match starting at normalised byte
    /// `pos` starts.
    pub fn start_to_original(&self, pos: usize) -> usize {
        self.start_in(self.seg_index(pos), pos)
    }

    /// The original byte offset where a match ending at normalised byte
    /// `pos` (exclusive) ends.
    pub fn end_to_original(&self, pos: usize) -> usize {
        self.end_in(self.seg_index(pos), pos)
    }

    /// The two maps above for positions given in increasing order, walking
    /// the map once instead of searching it for each.
    pub(crate) fn cursor(&self) -> Cursor<'_> {
        Cursor { norm: self, seg: 0 }
    }

    fn seg_index(&self, pos: usize) -> usize {
        self.segs.partition_point(|s| s.norm <= pos).saturating_sub(1)
    }

    fn start_in(&self, i: usize, pos: usize) -> usize {
        let s = self.segs[i];
        if pos == s.norm || !s.step {
            s.orig
        } else {
            s.orig + (pos - s.norm)
        }
    }

    fn end_in(&self, i: usize, pos: usize) -> usize {
        let s = self.segs[i];
        if pos == s.norm {
            // Characters dropped right before `pos` (zero-width ones) left
            // entries at `pos` too: a span ending there ends before them.
            let first = self.segs[..i].iter().rposition(|e| e.norm != pos).map_or(0, |k| k + 1);
            self.segs[first].orig
        } else if s.step {
            s.orig + (pos - s.norm)
        } else {
            self.segs.get(i + 1).map_or(self.original_len, |n| n.orig)
        }
    }
}

/// Maps normalised positions, in increasing order, back to the original.
pub(crate) struct Cursor<'a> {
    norm: &'a Normalized,
    seg: usize,
}

impl Cursor<'_> {
    /// [`Normalized::start_to_original`]; `pos` is at least the last position asked.
    pub fn start_to_original(&mut self, pos: usize) -> usize {
        self.seek(pos);
        self.norm.start_in(self.seg, pos)
    }

    /// [`Normalized::end_to_original`]; `pos` is at least the last position asked.
    pub fn end_to_original(&mut self, pos: usize) -> usize {
        self.seek(pos);
        self.norm.end_in(self.seg, pos)
    }

    /// Move to the last entry at or before `pos` (the one `seg_index` finds).
    #[inline]
    fn seek(&mut self, pos: usize) {
        let segs = &self.norm.segs;
        debug_assert!(segs[self.seg].norm <= pos || self.seg == 0, "positions in increasing order");
        while self.seg + 1 < segs.len() && segs[self.seg + 1].norm <= pos {
            self.seg += 1;
        }
    }
}

/// [`normalize`] for an article: where its lines are wrapped at a fixed
/// width (wire copy, e-mail: "… Ngoại trưởng Hoa Kỳ\nJohn Kerry đã có
/// cuộc điện đàm"), its single line breaks are spaces, so that names and
/// dates run on across them; blank lines still part paragraphs. A text is
/// taken for wrapped where a third or more of its single line breaks, and
/// two or more, go on in lower case (mid-sentence).
pub(crate) fn normalize_article(input: &str) -> Normalized {
    let (mut n, breaks) = normalize_with_breaks(input);
    let single = || breaks.iter().filter(|b| b.single);
    let lower = single().filter(|b| b.lower_after).count();
    if lower >= 2 && lower * 3 >= single().count() {
        for b in single() {
            n.text.replace_range(b.at..b.at + 1, " ");
        }
    }
    n
}

/// A run of white space holding a line break, written as `\n` at `at`
/// of the normalised text, between two words or marks.
struct Break {
    at: usize,
    /// It holds one line break ("\r\n" is one).
    single: bool,
    /// What follows starts in lower case.
    lower_after: bool,
}

/// Normalise `input` into canonical matching form.
///
/// ```
/// let n = hoidam::normalize("Phó Thủ tướng Uỷ ban\u{a0}Hoà bình");
/// assert_eq!(n.as_str(), "phó thủ tướng ủy ban hòa bình");
/// ```
pub fn normalize(input: &str) -> Normalized {
    normalize_with_breaks(input).0
}

/// [`normalize`], and the line breaks between words.
fn normalize_with_breaks(input: &str) -> (Normalized, Vec<Break>) {
    let b = Builder { out: String::with_capacity(input.len() + 4), segs: Vec::new(), tail: Tail::default() };
    let (b, breaks) = b.write(input);
    let Builder { out, mut segs, .. } = b;
    segs.push(Seg { norm: out.len(), orig: input.len(), step: false });
    (Normalized { text: out, original_len: input.len(), segs }, breaks)
}

/// Canonical forms of many short strings (gazetteer surfaces) in one
/// buffer: no allocation per string.
#[derive(Debug, Clone, Default)]
pub(crate) struct Arena {
    text: String,
    /// The offset records, which nothing here reads: kept for their room.
    segs: Vec<Seg>,
}

impl Arena {
    /// Append the canonical form of `s`; where it lies in [`Arena::text`].
    pub fn push(&mut self, s: &str) -> std::ops::Range<usize> {
        let start = self.text.len();
        let b = Builder {
            out: std::mem::take(&mut self.text),
            segs: std::mem::take(&mut self.segs),
            tail: Tail::default(),
        };
        let (mut b, _) = b.write(s);
        b.segs.clear();
        (self.text, self.segs) = (b.out, b.segs);
        start..self.text.len()
    }

    /// Everything written.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Take back what the last `push` wrote (a surface found wanting).
    pub fn truncate(&mut self, len: usize) {
        self.text.truncate(len);
    }
}

impl Builder {
    /// Write the canonical form of `input` after what is written; the
    /// line breaks between its words. (By value: a local builder is
    /// faster than one behind a reference; inlined into its two callers,
    /// so the article's loop is compiled for the article.)
    #[inline(always)]
    fn write(self, input: &str) -> (Builder, Vec<Break>) {
        let mut b = self;
        let mut breaks = Vec::new();
        let first = b.out.len();
        let bytes = input.as_bytes();
        let mut i = 0;
        while i < input.len() {
            let lead = bytes[i];
            // Plain ASCII letters, digits and punctuation (no mark after them):
            // the bulk of any text, handled without decoding.
            if lead < 0x80 && ASCII[lead as usize] != SPACE && no_mark_at(input, i + 1) {
                if ASCII[lead as usize] == LETTER {
                    b.letter(i);
                    b.step(i);
                    b.out.push((lead | 0x20) as char);
                } else {
                    b.end_word();
                    b.step(i);
                    b.out.push(lead as char);
                }
                i += 1;
                continue;
            }
            // One space between words.
            if lead == b' ' && bytes.get(i + 1).is_some_and(|&n| starts_no_space(n)) {
                b.end_word();
                b.step(i);
                b.out.push(' ');
                i += 1;
                continue;
            }
            // A Vietnamese letter with its tone (U+1EA0..U+1EFF: capitals at
            // even code points), already in lower case, with no mark after it:
            // copied as it is.
            if lead == 0xe1 {
                if let (Some(&b1 @ (0xba | 0xbb)), Some(&b2)) = (bytes.get(i + 1), bytes.get(i + 2)) {
                    if (b1 == 0xbb || b2 >= 0xa0) && b2 & 1 == 1 && no_mark_at(input, i + 3) {
                        b.letter(i);
                        b.step(i);
                        b.out.push_str(&input[i..i + 3]);
                        i += 3;
                        continue;
                    }
                }
            }
            // A Latin letter with no mark after it (Vietnamese is written in
            // them): no space, dash or invisible character to look for.
            if let Some((c, clen)) = latin_at(bytes, i) {
                if let Some(lower) = latin_lower(c).filter(|_| c != 'Ð' && no_mark_at(input, i + clen)) {
                    if is_letter(c) {
                        b.letter(i);
                    } else {
                        b.end_word();
                    }
                    // Lower case keeps the length in these blocks.
                    let before = b.out.len();
                    b.out.push(lower);
                    debug_assert_eq!(b.out.len() - before, clen, "{c:?}");
                    b.step_at(before, i);
                    i += clen;
                    continue;
                }
            }
            let c = next_char(input, i);
            let clen = c.len_utf8();
            if is_space(c) {
                // A run of white space and control characters: one space or one newline.
                b.end_word();
                let mut j = i;
                let mut newlines = 0;
                while j < input.len() {
                    let d = next_char(input, j);
                    if is_space(d) {
                        // "\r\n" is one line break.
                        newlines += usize::from(is_newline(d) && !(d == '\r' && bytes.get(j + 1) == Some(&b'\n')));
                        j += d.len_utf8();
                    } else if is_invisible(d) {
                        j += d.len_utf8();
                    } else {
                        break;
                    }
                }
                let rep = if newlines > 0 { '\n' } else { ' ' };
                if newlines > 0 && b.out.len() > first && j < input.len() {
                    let (single, lower_after) = (newlines == 1, next_char(input, j).is_lowercase());
                    breaks.push(Break { at: b.out.len(), single, lower_after });
                }
                if j - i == 1 {
                    b.step(i);
                } else {
                    b.rewrite(i);
                }
                b.out.push(rep);
                i = j;
                continue;
            }
            // A cluster: a base character and the combining marks after it
            // (an ASCII character gets here only with marks).
            let mut j = i + clen;
            while let Some(m) = mark_len(input, j) {
                j += m;
            }
            if is_invisible(c) {
                b.rewrite(i);
                i += clen;
                continue;
            }
            if let Some(d) = dash(c) {
                b.end_word();
                b.rewrite(i);
                b.out.push(d);
                i = j;
                continue;
            }
            if is_letter(c) {
                b.letter(i);
            } else {
                b.end_word();
            }
            let before = b.out.len();
            if j == i + clen {
                push_lower(&mut b.out, c);
            } else {
                push_composed(&mut b.out, &input[i..j]);
            }
            if b.out.len() - before == j - i {
                b.step_at(before, i);
            } else {
                b.rewrite_at(before, i);
            }
            i = j;
        }
        b.end_word();
        (b, breaks)
    }
}

/// `s` as written but for its white space and invisible characters:
/// trimmed, each run of white space (no-break spaces, tabs, line breaks)
/// one space, and zero-width characters and soft hyphens dropped. For the
/// names, titles and ranks of people records, which are labels, not
/// spans; borrowed when `s` is already so.
pub(crate) fn one_space(s: &str) -> Cow<'_, str> {
    if s.is_empty() || plain(s) {
        return Cow::Borrowed(s);
    }
    let mut prev_space = true;
    let clean = s.chars().all(|c| {
        let ok = if c.is_whitespace() { c == ' ' && !prev_space } else { !is_invisible(c) };
        prev_space = c.is_whitespace();
        ok
    }) && !prev_space;
    if clean {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if w.chars().all(is_invisible) {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().filter(|&c| !is_invisible(c)));
    }
    Cow::Owned(out)
}

/// Whether `s` holds no white space but single spaces between words and no
/// invisible character, told by its bytes: `false` where a character's
/// first bytes leave it open (U+0080..U+00BF, U+2000..U+207F and a few
/// more), for the character test to settle.
fn plain(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let mut prev = 0;
    for (k, &c) in b.iter().enumerate() {
        let open = match c {
            b' ' => prev == b' ',
            0..=0x1f | 0x7f | 0xc2 => true,
            // U+1680, U+180E; U+2000..U+207F; U+3000..U+303F; U+FEFF.
            0xe1 => matches!(b.get(k + 1), Some(0x9a | 0xa0)),
            0xe2 => matches!(b.get(k + 1), Some(0x80 | 0x81)),
            0xe3 => b.get(k + 1) == Some(&0x80),
            0xef => b.get(k + 1) == Some(&0xbb),
            _ => false,
        };
        if open {
            return false;
        }
        prev = c;
    }
    true
}

/// Whether `a` and `b` are the same but for letter case (character by
/// character, without allocating).
pub(crate) fn same_letters(a: &str, b: &str) -> bool {
    a == b || a.chars().flat_map(char::to_lowercase).eq(b.chars().flat_map(char::to_lowercase))
}

/// White space within a line: a space, a no-break space, a tab.
pub(crate) fn is_inline_space(c: char) -> bool {
    c.is_whitespace() && !is_newline(c) && !matches!(c, '\u{b}' | '\u{c}')
}

/// Whether `c` is a letter or a combining mark (not a digit), with the same
/// fast path as [`is_word_char`].
#[inline]
pub fn is_letter(c: char) -> bool {
    match c as u32 {
        0..=0x7f => c.is_ascii_alphabetic(),
        0xd7 | 0xf7 => false,
        0xc0..=0x24f | 0x1e00..=0x1eff | 0x300..=0x36f => true,
        _ => c.is_alphabetic() || is_combining_mark(c),
    }
}

/// Whether `c` counts as part of a syllable (letters, digits, marks).
#[inline]
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        is_letter(c) || c.is_numeric()
    }
}

/// Whether the character starting at byte `i` of `text` is a word
/// character ([`is_word_char`]), and where it ends. Decodes only what the
/// bytes leave open: ASCII, and the Latin letters Vietnamese uses, are
/// told by their first bytes.
#[inline(always)]
pub(crate) fn word_char_at(text: &str, i: usize) -> (bool, usize) {
    let b = text.as_bytes();
    match b[i] {
        lead if lead < 0x80 => (ASCII[lead as usize] & 1 == 1, i + 1),
        // U+00C0..U+00FF, but × and ÷; U+0100..U+023F.
        0xc3 => (!matches!(b[i + 1], 0x97 | 0xb7), i + 2),
        0xc4..=0xc8 => (true, i + 2),
        // U+1E00..U+1EFF, Latin Extended Additional.
        0xe1 if matches!(b[i + 1], 0xb8..=0xbb) => (true, i + 3),
        _ => {
            let c = next_char(text, i);
            (is_word_char(c), i + c.len_utf8())
        }
    }
}

struct Builder {
    out: String,
    /// Every write that changes the length goes through `rewrite_at`, and
    /// ends with an entry that is not in step: so while the last entry is
    /// in step, it is in step up to where the text has been read, and a
    /// run of same-length characters needs no new entry.
    segs: Vec<Seg>,
    tail: Tail,
}

/// The last letters of the word being written, for tone placement.
#[derive(Default)]
struct Tail {
    /// (normalised start, original start) of the last three letter
    /// clusters, in a ring of four (a mask, not a division, per letter):
    /// the next one is written at `len % 4`.
    at: [(usize, usize); 4],
    len: usize,
}

impl Tail {
    /// The last three letters, oldest first (those not written yet are
    /// left over from earlier words; `len` says how many count).
    fn last3(&self) -> [(usize, usize); 3] {
        let k = self.len;
        [self.at[(k + 1) & 3], self.at[(k + 2) & 3], self.at[(k + 3) & 3]]
    }
}

impl Builder {
    fn step(&mut self, orig: usize) {
        let norm = self.out.len();
        self.step_at(norm, orig);
    }

    /// The character read at `orig` was written at `norm`, with the same
    /// length.
    fn step_at(&mut self, norm: usize, orig: usize) {
        if !self.segs.last().is_some_and(|last| last.step) {
            self.segs.push(Seg { norm, orig, step: true });
        }
        debug_assert!(self.segs.last().is_some_and(|s| s.orig + (norm - s.norm) == orig), "in step");
    }

    fn rewrite(&mut self, orig: usize) {
        let norm = self.out.len();
        self.rewrite_at(norm, orig);
    }

    fn rewrite_at(&mut self, norm: usize, orig: usize) {
        self.segs.push(Seg { norm, orig, step: false });
    }

    fn letter(&mut self, orig: usize) {
        // A ring, not a shift: this runs for every letter.
        let t = &mut self.tail;
        t.at[t.len & 3] = (self.out.len(), orig);
        t.len += 1;
    }

    /// The word being written has ended: move an old-style tone mark.
    fn end_word(&mut self) {
        // `at` needs no reset: `letter` overwrites what `len` counts.
        let at = self.tail.last3();
        let len = std::mem::take(&mut self.tail.len);
        // A toned last letter is not ASCII; most words end in one.
        if len < 2 || self.out.as_bytes().last().is_none_or(u8::is_ascii) {
            return;
        }
        let (n1, o1) = at[1];
        let (n2, _) = at[2];
        // The next to last letter must be a bare "o" or "u": one byte.
        if n2 != n1 + 1 || !matches!(self.out.as_bytes()[n1], b'o' | b'u') {
            return;
        }
        let v1 = char::from(self.out.as_bytes()[n1]);
        let second = &self.out[n2..];
        if v1 == 'u' && len >= 3 && &self.out[at[0].0..n1] == "q" {
            return;
        }
        let mut sc = second.chars();
        let (Some(v2), None) = (sc.next(), sc.next()) else { return };
        let Some((base, tone)) = split_tone(v2) else { return };
        if !matches!(base, 'a' | 'e' | 'y') {
            return;
        }
        let Some(toned) = compose(v1, tone) else { return };
        self.out.truncate(n1);
        while self.segs.last().is_some_and(|s| s.norm >= n1) {
            self.segs.pop();
        }
        self.rewrite_at(n1, o1);
        self.out.push(toned);
        self.out.push(base);
    }
}

/// `c` as a bare vowel and one tone mark, if that is what it is.
fn split_tone(c: char) -> Option<(char, char)> {
    let mut parts = [None; 3];
    let mut n = 0;
    decompose_canonical(c, |d| {
        if n < 3 {
            parts[n] = Some(d);
        }
        n += 1;
    });
    match (n, parts[0], parts[1]) {
        (2, Some(base), Some(tone)) if is_tone(tone) => Some((base, tone)),
        _ => None,
    }
}

/// A Hangul vowel or final consonant jamo: NFC composes it with the jamo
/// before it, so it belongs to the same cluster.
fn is_jamo_tail(c: char) -> bool {
    matches!(c, '\u{1160}'..='\u{11ff}')
}

fn is_tone(c: char) -> bool {
    matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}')
}

/// The length of the combining mark or Hangul jamo tail starting at byte
/// `j` of `s`, if one starts there (none past the end).
#[inline]
fn mark_len(s: &str, j: usize) -> Option<usize> {
    let lead = *s.as_bytes().get(j)?;
    // Below U+0300 (lead byte 0xCC) there is no mark: ASCII and the Latin
    // letters, the common case, need no table lookup.
    if lead < 0xcc {
        return None;
    }
    let m = next_char(s, j);
    if matches!(m, '\u{1e00}'..='\u{1eff}') {
        // Latin Extended Additional: Vietnamese letters with their tones.
        return None;
    }
    (is_combining_mark(m) || is_jamo_tail(m)).then(|| m.len_utf8())
}

/// Whether no combining mark starts at byte `j` of `s` ([`mark_len`] is
/// `None`), with the common cases settled by the first bytes.
#[inline]
fn no_mark_at(s: &str, j: usize) -> bool {
    let b = s.as_bytes();
    match b.get(j) {
        None => true,
        Some(&lead) if lead < 0xcc => true,
        Some(0xe1) if matches!(b.get(j + 1), Some(0xb8..=0xbb)) => true,
        Some(_) => mark_len(s, j).is_none(),
    }
}

/// The character from U+00C0 to U+01BF or from U+1E00 to U+1EFF (the Latin
/// letters of Vietnamese) starting at byte `i` of UTF-8 `bytes`, and its
/// length, decoded from the bytes without the general decoder.
#[inline]
fn latin_at(bytes: &[u8], i: usize) -> Option<(char, usize)> {
    let cont = |k: usize| bytes.get(i + k).map(|&b| u32::from(b & 0x3f));
    let code = match *bytes.get(i)? {
        lead @ 0xc3..=0xc6 => (u32::from(lead & 0x1f) << 6) | cont(1)?,
        0xe1 if matches!(bytes.get(i + 1), Some(0xb8..=0xbb)) => 0x1000 | (cont(1)? << 6) | cont(2)?,
        _ => return None,
    };
    Some((char::from_u32(code)?, if code < 0x800 { 2 } else { 3 }))
}

#[inline]
fn next_char(s: &str, i: usize) -> char {
    match s.as_bytes()[i] {
        b if b < 0x80 => b as char,
        _ => s[i..].chars().next().expect("index on a char boundary within the string"),
    }
}

/// Whether a character starting with byte `lead` is certainly no space,
/// control or invisible character: an ASCII letter, digit or punctuation
/// mark, or a character from U+00C0 to U+02FF.
#[inline]
fn starts_no_space(lead: u8) -> bool {
    if lead < 0x80 {
        ASCII[lead as usize] != SPACE
    } else {
        (0xc3..=0xcb).contains(&lead)
    }
}

/// [`is_space`] for an ASCII byte.
#[inline]
const fn is_ascii_space(b: u8) -> bool {
    b.is_ascii_whitespace() || b.is_ascii_control()
}

const OTHER: u8 = 0;
const LETTER: u8 = 1;
const SPACE: u8 = 2;
/// Odd like `LETTER`: both are word characters.
const DIGIT: u8 = 3;

/// The class of each ASCII byte: a letter, a digit, white space or a
/// control character, or other (punctuation).
static ASCII: [u8; 128] = {
    let mut t = [OTHER; 128];
    let mut b = 0;
    while b < 128 {
        if (b as u8).is_ascii_alphabetic() {
            t[b] = LETTER;
        } else if (b as u8).is_ascii_digit() {
            t[b] = DIGIT;
        } else if is_ascii_space(b as u8) {
            t[b] = SPACE;
        }
        b += 1;
    }
    t
};

#[inline]
fn is_space(c: char) -> bool {
    match c as u32 {
        0..=0x7f => is_ascii_space(c as u8),
        // Latin letters and the combining marks: no space, no control.
        0xa1..=0x167f | 0x1681..=0x1fff => false,
        _ => c.is_whitespace() || (c.is_control() && !is_invisible(c)),
    }
}

fn is_newline(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Characters dropped from the canonical form.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}')
}

fn dash(c: char) -> Option<char> {
    matches!(c, '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}' | '\u{ff0d}').then_some('-')
}

fn push_lower(out: &mut String, c: char) {
    match c {
        'Ð' | 'Ɖ' | 'Đ' => out.push('đ'),
        _ => match latin_lower(c) {
            Some(l) => out.push(l),
            None if c.is_lowercase() => out.push(c),
            None => out.extend(c.to_lowercase()),
        },
    }
}

/// The lower case of a letter of the Latin blocks Vietnamese is written
/// with, by arithmetic instead of Unicode tables (same answers, tested);
/// `None` outside them.
#[inline]
fn latin_lower(c: char) -> Option<char> {
    let u = c as u32;
    let l = match u {
        0xc0..=0xde if u != 0xd7 => u + 0x20,
        0xd7..=0xff => u,
        // Pairs, capital first: Ā ā … Ĳ ĳ Ķ ķ, Ŋ ŋ … Ŷ ŷ, Ơ ơ Ƣ ƣ Ƥ ƥ, Ạ ạ … ỿ.
        0x100..=0x12f | 0x132..=0x137 | 0x14a..=0x177 | 0x1a0..=0x1a5 | 0x1ea0..=0x1eff => u | 1,
        // Pairs, lower case second at even code points: Ĺ ĺ … Ň ň, Ź ź … Ž ž.
        0x139..=0x148 | 0x179..=0x17e => u + (u & 1),
        0x1af | 0x1b0 => 0x1b0,
        _ => return None,
    };
    char::from_u32(l)
}

/// A base character with combining marks: lower-case the base, compose.
fn push_composed(out: &mut String, cluster: &str) {
    use unicode_normalization::UnicodeNormalization;
    let mut chars = cluster.chars();
    let base = chars.next().expect("a cluster has a base");
    let lower = match base {
        'Ð' | 'Ɖ' | 'Đ' => 'đ',
        _ => base.to_lowercase().next().unwrap_or(base),
    };
    out.extend(std::iter::once(lower).chain(chars).nfc());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_space_trims_and_squeezes_white_space() {
        assert!(matches!(one_space("Trần Đại Quang"), Cow::Borrowed("Trần Đại Quang")));
        assert_eq!(one_space("A.\u{a0}Cô-bi-a-cốp"), "A. Cô-bi-a-cốp");
        assert_eq!(one_space(" John\n  Kerry\t"), "John Kerry");
        assert_eq!(one_space(""), "");
        assert_eq!(one_space(" \n"), "");
        assert_eq!(one_space("A.\u{200b} Cô\u{ad}-bi-a-cốp\u{feff}"), "A. Cô-bi-a-cốp");
        assert_eq!(one_space("\u{200b} X"), "X");
        // Every white space and invisible character is caught by the byte test.
        let odd = |c: char| c != ' ' && (c.is_whitespace() || is_invisible(c));
        for c in (0..=0x10ffff).filter_map(char::from_u32).filter(|&c| odd(c)) {
            let s = format!("a{c}b");
            assert!(!plain(&s), "{c:?}");
            assert_ne!(one_space(&s), s.as_str(), "{c:?}");
        }
    }

    #[test]
    fn arena_writes_each_string_as_normalize_does() {
        // Strings that rewrite their text (old tone marks, NFD, white
        // space, invisible characters, dashes), one after another in one
        // buffer: nothing of one may reach into the next.
        let mut strings: Vec<String> = FORMS.iter().map(|c| c.input.to_string()).collect();
        strings.extend(
            ["Hoà", "hoà bình", "Thuỷ", "qua", "A\u{300}", " ", "\u{200b}", "x\u{2013}y", "Ủy ban\u{a0}Hoà"]
                .map(String::from),
        );
        let mut arena = Arena::default();
        let ranges: Vec<_> = strings.iter().map(|s| arena.push(s)).collect();
        for (s, r) in strings.iter().zip(ranges) {
            assert_eq!(&arena.text()[r], normalize(s).as_str(), "{s:?}");
        }
        let len = arena.text().len();
        let r = arena.push("Việt Nam");
        assert_eq!(r.start, len);
        arena.truncate(len);
        assert_eq!(arena.text().len(), len);
    }

    struct Case {
        name: &'static str,
        input: &'static str,
        want: &'static str,
    }

    const FORMS: &[Case] = &[
        Case { name: "ascii", input: "ASEAN ADMM+", want: "asean admm+" },
        Case { name: "nfc lower", input: "Thượng tướng", want: "thượng tướng" },
        Case { name: "nfd", input: "Thu\u{31b}o\u{31b}\u{323}ng", want: "thượng" },
        Case { name: "old tone oa", input: "hoà bình", want: "hòa bình" },
        Case { name: "old tone uy", input: "Uỷ viên thuỷ", want: "ủy viên thủy" },
        Case { name: "old tone oe", input: "khoẻ", want: "khỏe" },
        Case { name: "qu keeps tone", input: "quý quà", want: "quý quà" },
        Case { name: "tone inside word stays", input: "hoàng", want: "hoàng" },
        Case { name: "eth", input: "\u{d0}ại tướng", want: "đại tướng" },
        Case { name: "nbsp and runs", input: "Bộ\u{a0} Quốc  phòng", want: "bộ quốc phòng" },
        Case { name: "newline wins", input: "a \r\n b", want: "a\nb" },
        Case { name: "dashes", input: "ASEAN – Hàn Quốc", want: "asean - hàn quốc" },
        Case { name: "zero width", input: "Việt\u{200b} Nam", want: "việt nam" },
        Case { name: "control", input: "a\u{0}b", want: "a b" },
        Case { name: "date spacing kept", input: "30/ 3", want: "30/ 3" },
        Case { name: "nfd hangul", input: "Vịnh\u{1100}\u{1161}", want: "vịnh가" },
    ];

    #[test]
    fn canonical_forms() {
        for c in FORMS {
            assert_eq!(normalize(c.input).as_str(), c.want, "case {}", c.name);
        }
    }

    #[test]
    fn latin_lower_agrees_with_unicode() {
        for c in ('\u{80}'..='\u{24f}').chain('\u{1e00}'..='\u{1eff}') {
            if let Some(l) = latin_lower(c) {
                let want: Vec<char> = if c.is_lowercase() { vec![c] } else { c.to_lowercase().collect() };
                assert_eq!(vec![l], want, "{c:?} U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn fast_paths_agree_with_unicode() {
        for c in ('\u{0}'..='\u{2fff}').chain(['\u{3000}', '\u{feff}', '\u{ff0d}']) {
            let slow = c.is_whitespace() || (c.is_control() && !is_invisible(c));
            assert_eq!(is_space(c), slow, "is_space U+{:04X}", c as u32);
            let s = c.to_string();
            let mark = (is_combining_mark(c) || is_jamo_tail(c)).then(|| c.len_utf8());
            assert_eq!(mark_len(&s, 0), mark, "mark_len U+{:04X}", c as u32);
            assert_eq!(no_mark_at(&s, 0), mark.is_none(), "no_mark_at U+{:04X}", c as u32);
        }
    }

    #[test]
    fn toned_letters_lower_case_like_unicode() {
        // The byte fast path for U+1EA0..U+1EFF, in words and alone.
        for c in '\u{1ea0}'..='\u{1eff}' {
            let lower: String = c.to_lowercase().collect();
            assert_eq!(normalize(&format!("{c}")).as_str(), lower, "U+{:04X}", c as u32);
            assert_eq!(normalize(&format!("Ng{c}n")).as_str(), format!("ng{lower}n"), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn latin_at_decodes_like_str() {
        for c in ('\u{0}'..='\u{2fff}').chain(['가', '👍']) {
            let s = format!("{c}x");
            let want = matches!(c, '\u{c0}'..='\u{1bf}' | '\u{1e00}'..='\u{1eff}').then(|| (c, c.len_utf8()));
            assert_eq!(latin_at(s.as_bytes(), 0), want, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn word_char_at_agrees_with_is_word_char() {
        for c in ('\u{0}'..='\u{2fff}').chain(['가', '👍']) {
            let s = format!("{c}x");
            assert_eq!(word_char_at(&s, 0), (is_word_char(c), c.len_utf8()), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn offsets_map_back() {
        let input = "Uỷ ban\u{a0}\u{a0}Ð\u{300}a";
        let n = normalize(input);
        assert_eq!(n.as_str(), "ủy ban đ\u{300}a".nfc_str());
        let t = n.as_str();
        let ban = t.find("ban").unwrap();
        assert_eq!(&input[n.start_to_original(ban)..n.end_to_original(ban + 3)], "ban");
        let s = n.start_to_original(0);
        let e = n.end_to_original(t.find(' ').unwrap());
        assert_eq!(&input[s..e], "Uỷ");
        assert_eq!(n.end_to_original(t.len()), input.len());
    }

    #[test]
    fn wrapped_articles_read_single_line_breaks_as_spaces() {
        let wrapped = "Bộ trưởng Ngoại giao Bùi Thanh Sơn và Ngoại trưởng Hoa\r\nKỳ Antony Blinken đã\nđiện đàm về\nquan hệ.\n\nHai bên trao đổi.";
        let n = normalize_article(wrapped);
        assert_eq!(
            n.as_str(),
            "bộ trưởng ngoại giao bùi thanh sơn và ngoại trưởng hoa kỳ antony blinken đã điện đàm về quan hệ.\nhai bên trao đổi."
        );
        let kỳ = n.as_str().find("kỳ").unwrap();
        assert_eq!(&wrapped[n.start_to_original(kỳ)..n.end_to_original(kỳ + "kỳ".len())], "Kỳ");
        // Lines that start sentences, or one lower-case line among many: paragraphs.
        for text in ["Tiêu đề\nNgày 16/2, A gặp B.\nHai bên trao đổi.", "A\nB\nC\nd\nE\nF\nG"] {
            assert_eq!(normalize_article(text).as_str(), normalize(text).as_str(), "{text:?}");
        }
    }

    #[test]
    fn spans_leave_out_dropped_characters_at_their_ends() {
        let input = "\u{200b}Nawar\u{200b}\u{ad} Sharif\u{feff}";
        let n = normalize(input);
        assert_eq!(n.as_str(), "nawar sharif");
        let word = |s: usize, e: usize| &input[n.start_to_original(s)..n.end_to_original(e)];
        assert_eq!(word(0, 5), "Nawar");
        assert_eq!(word(6, 12), "Sharif");
        let mut c = n.cursor();
        assert_eq!((c.start_to_original(0), c.end_to_original(5)), (3, 8));
    }

    trait Nfc {
        fn nfc_str(&self) -> String;
    }
    impl Nfc for str {
        fn nfc_str(&self) -> String {
            use unicode_normalization::UnicodeNormalization;
            self.nfc().collect()
        }
    }
}
