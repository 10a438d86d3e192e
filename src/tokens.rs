//! Normalised text → tokens (syllables and punctuation) and sentences, with
//! the capitalisation of the original: what the rules walk over.

use crate::hash::FastMap;
use crate::normalize::{is_letter, word_char_at, Normalized};
use crate::span::Span;

/// A syllable (a run of letters and digits) or one punctuation character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    /// In the normalised text.
    pub norm: Span,
    /// In the original text.
    pub span: Span,
    /// A syllable (letters or digits), not punctuation.
    pub word: bool,
    /// Starts with a capital letter in the original.
    pub cap: bool,
    /// Two or more letters, all capitals, in the original ("ASEAN").
    pub upper: bool,
    /// Digits only.
    pub digits: bool,
    /// White space (space or line break) before it in the text.
    pub space_before: bool,
    /// A line break before it.
    pub newline_before: bool,
}

/// Split `norm` into tokens.
pub(crate) fn tokenize(original: &str, norm: &Normalized) -> Vec<Token> {
    let text = norm.as_str();
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut map = norm.cursor();
    let mut space = false;
    let mut newline = false;
    // Lines with every word in capitals (a one-letter word may be a
    // capital alone), three or more: recased below.
    let mut capital_lines = Vec::new();
    let (mut line_start, mut line_upper, mut line_capitals) = (0, 0, true);
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b' ' || bytes[i] == b'\n' {
            space = true;
            newline |= bytes[i] == b'\n';
            i += 1;
            continue;
        }
        let (word, mut end) = word_char_at(text, i);
        if word {
            while let Some(&b) = bytes.get(end) {
                // ASCII letters and digits: a byte test, in the loop.
                if b.is_ascii_alphanumeric() {
                    end += 1;
                    continue;
                }
                match word_char_at(text, end) {
                    (true, next) if b >= 0x80 => end = next,
                    _ => break,
                }
            }
        }
        let span = Span::new(map.start_to_original(i), map.end_to_original(end));
        let (cap, upper) = case(original, span);
        let digits = word && bytes[i].is_ascii_digit() && bytes[i..end].iter().all(u8::is_ascii_digit);
        if newline && !out.is_empty() {
            if line_upper >= 3 && line_capitals {
                capital_lines.push(line_start..out.len());
            }
            (line_start, line_upper, line_capitals) = (out.len(), 0, true);
        }
        if word && !digits && line_capitals {
            line_upper += usize::from(upper);
            line_capitals = upper || (cap && text[i..end].chars().nth(1).is_none());
        }
        out.push(Token {
            norm: Span::new(i, end),
            span,
            word,
            cap,
            upper,
            digits,
            space_before: space,
            newline_before: newline,
        });
        space = false;
        newline = false;
        i = end;
    }
    if line_upper >= 3 && line_capitals {
        capital_lines.push(line_start..out.len());
    }
    recase_capital_lines(text, &mut out, &capital_lines);
    out
}

/// A line in capitals (a headline "THỦ TƯỚNG PHẠM MINH CHÍNH TIẾP ĐẠI SỨ")
/// says nothing of which words are names: each of its words takes the
/// case the text gives it elsewhere after another word (or a comma, a
/// hyphen within a word, an initial): as written after the same word
/// where it is ("ĐOÀN ĐẠI BIỂU" as "đoàn đại biểu"), else capitalised if
/// it is ever so, in capitals if ever so ("ASEAN"), else in lower case.
fn recase_capital_lines(text: &str, tokens: &mut [Token], lines: &[std::ops::Range<usize>]) {
    if lines.is_empty() {
        return;
    }
    let mut in_capitals = vec![false; tokens.len()];
    for r in lines {
        in_capitals[r.clone()].fill(true);
    }
    let word = |t: &Token| &text[t.norm.range()];
    // How each word, and each word after another, is written: (capitalised, in capitals).
    let mut alone: FastMap<&str, (bool, bool)> = FastMap::default();
    let mut after: FastMap<(&str, &str), (bool, bool)> = FastMap::default();
    for i in 1..tokens.len() {
        let (before, t) = (&tokens[i - 1], &tokens[i]);
        if in_capitals[i] || !t.word || t.digits || t.newline_before {
            continue;
        }
        // After an initial's full stop: "V. An-đơ-rây-tren-cô".
        let initial =
            word(before) == "." && i > 1 && tokens[i - 2].cap && word(&tokens[i - 2]).chars().nth(1).is_none();
        if before.word || matches!(word(before), "," | "-") || initial {
            let seen = alone.entry(word(t)).or_default();
            seen.0 |= t.cap;
            seen.1 |= t.upper;
        }
        if before.word {
            let seen = after.entry((word(before), word(t))).or_default();
            seen.0 |= t.cap;
            seen.1 |= t.upper;
        }
    }
    for r in lines {
        for i in r.clone() {
            if !tokens[i].word || tokens[i].digits {
                continue;
            }
            let pair =
                (i > r.start && tokens[i - 1].word).then(|| after.get(&(word(&tokens[i - 1]), word(&tokens[i]))));
            let (cap, upper) = pair.flatten().or_else(|| alone.get(word(&tokens[i]))).copied().unwrap_or_default();
            tokens[i].cap = cap || upper;
            tokens[i].upper = upper;
        }
    }
}

/// The capitalisation of a token as written: whether its first letter is a
/// capital, and whether it is all capitals with two letters or more.
fn case(original: &str, span: Span) -> (bool, bool) {
    // Most tokens: a lower-case word, settled by its first byte before the
    // text is sliced.
    if original.as_bytes().get(span.start).is_some_and(u8::is_ascii_lowercase) {
        return (false, false);
    }
    let written = &original[span.range()];
    let mut first_cap = None;
    let mut letters = 0;
    let mut lower = false;
    for c in written.chars() {
        lower |= c.is_lowercase();
        // A combining mark is part of the letter before it (NFD "A\u{300}"
        // is one letter, as "À" is).
        let mark =
            !matches!(c as u32, 0..=0x2ff | 0x1e00..=0x1eff) && unicode_normalization::char::is_combining_mark(c);
        if is_letter(c) && !mark {
            letters += 1;
            first_cap = first_cap.or(Some(c.is_uppercase()));
        }
        // Most tokens are settled by their first one or two characters.
        if lower && first_cap.is_some() {
            break;
        }
    }
    (first_cap == Some(true), letters >= 2 && !lower)
}

/// The most tokens a sentence holds. News sentences run to about 350
/// (with their punctuation); a longer run without a full stop is a list
/// or a table, or hostile input, and the event rules, which relate each
/// trigger to the parties around it, would take time in the square of its
/// length.
pub(crate) const MAX_SENTENCE: usize = 600;

/// Sentence spans over token indices: a sentence ends at a line break, at
/// `!` or `?`, and at `.` or `…` followed by white space (not inside
/// "TP.HCM", "1.000" or "VOV.VN"). One longer than [`MAX_SENTENCE`]
/// tokens is cut after its last comma or semicolon in the second half of
/// that length, else at the limit.
pub(crate) fn sentences(tokens: &[Token], text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut last_separator = 0;
    for i in 0..tokens.len() {
        let t = &tokens[i];
        if i > start && t.newline_before {
            out.push(start..i);
            start = i;
        }
        if i - start == MAX_SENTENCE {
            let cut = if last_separator > start + MAX_SENTENCE / 2 { last_separator + 1 } else { i };
            out.push(start..cut);
            start = cut;
        }
        if t.word {
            continue;
        }
        let s = &text[t.norm.range()];
        if matches!(s, "," | ";") {
            last_separator = i;
        }
        let next_spaced = tokens.get(i + 1).is_none_or(|n| n.space_before);
        // "A. Cô-bi-a-cốp": a full stop after a one-letter capital is an initial.
        let initial = s == "." && i > 0 && tokens[i - 1].cap && tokens[i - 1].norm.len() == 1 && !t.space_before;
        // "… Mogherini.Trong các cuộc …": a space forgotten after a full stop,
        // between a word and a capitalised word ("TP.HCM", "VOV.VN" are no
        // such words: all capitals).
        let glued = s == "."
            && i > 0
            && tokens[i - 1].word
            && tokens[i - 1].norm.len() > 1
            && !tokens[i - 1].upper
            && tokens.get(i + 1).is_some_and(|n| n.word && n.cap && !n.upper && n.norm.len() > 1);
        if matches!(s, "!" | "?") || (matches!(s, "." | "…") && (next_spaced || glued) && !initial) {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
    out
}

/// The normalised text of token `k`, or "" past the last token.
pub(crate) fn word_at<'a>(text: &'a str, tokens: &[Token], k: usize) -> &'a str {
    tokens.get(k).map_or("", |t| &text[t.norm.range()])
}

/// Whether a token sets off an apposition: a comma, or a dash with a
/// space before it ("X - Ủy viên … -", not "Việt-Trung").
pub(crate) fn is_separator(text: &str, t: &Token) -> bool {
    match &text[t.norm.range()] {
        "," => true,
        // Dashes are normalised to "-".
        "-" => t.space_before,
        _ => false,
    }
}

/// Index of the first token whose normalised start is at or after `pos`.
pub(crate) fn token_at(tokens: &[Token], pos: usize) -> usize {
    tokens.partition_point(|t| t.norm.start < pos)
}

/// Index of the first token whose original start is at or after `orig`
/// (by a search over all the tokens; [`TokenIndex::at_span`] is the fast one).
#[cfg(test)]
pub(crate) fn token_at_span(tokens: &[Token], orig: usize) -> usize {
    tokens.partition_point(|t| t.span.start < orig)
}

/// [`token_at`] and its counterpart in the original text without a search
/// over all the tokens: for every [`TokenIndex::BLOCK`]th byte, the first token at or
/// after it, so a lookup searches only the tokens of one block. (A search
/// over a megabyte document's tokens misses the cache at every step.)
pub(crate) struct TokenIndex {
    norm: Vec<u32>,
    span: Vec<u32>,
}

impl TokenIndex {
    const BLOCK: usize = 64;

    pub fn new(tokens: &[Token]) -> TokenIndex {
        TokenIndex { norm: Self::blocks(tokens, |t| t.norm.start), span: Self::blocks(tokens, |t| t.span.start) }
    }

    /// Entry `b`: the index of the first token whose key is at or after
    /// byte `b * BLOCK`; the last entry is the number of tokens.
    fn blocks(tokens: &[Token], key: impl Fn(&Token) -> usize) -> Vec<u32> {
        let end = tokens.last().map_or(0, &key);
        let mut out = Vec::with_capacity(end / Self::BLOCK + 2);
        let mut k = 0;
        for b in 0..=end / Self::BLOCK {
            while tokens.get(k).is_some_and(|t| key(t) < b * Self::BLOCK) {
                k += 1;
            }
            out.push(k as u32);
        }
        out.push(tokens.len() as u32);
        out
    }

    fn find(blocks: &[u32], tokens: &[Token], pos: usize, key: impl Fn(&Token) -> usize) -> usize {
        // The answer lies between the first token at or after the block's
        // start and the first at or after the next block's.
        let b = (pos / Self::BLOCK).min(blocks.len() - 1);
        let lo = blocks[b] as usize;
        let hi = blocks.get(b + 1).map_or(tokens.len(), |&h| h as usize);
        lo + tokens[lo..hi].partition_point(|t| key(t) < pos)
    }

    /// [`token_at`].
    pub fn at(&self, tokens: &[Token], pos: usize) -> usize {
        Self::find(&self.norm, tokens, pos, |t| t.norm.start)
    }

    /// The first token whose original start is at or after `orig`.
    pub fn at_span(&self, tokens: &[Token], orig: usize) -> usize {
        Self::find(&self.span, tokens, orig, |t| t.span.start)
    }

    /// The tokens of the normalised span `start..end`.
    pub fn range(&self, tokens: &[Token], start: usize, end: usize) -> std::ops::Range<usize> {
        self.at(tokens, start)..self.at(tokens, end)
    }

    /// The tokens of the original span `start..end`.
    pub fn range_span(&self, tokens: &[Token], start: usize, end: usize) -> std::ops::Range<usize> {
        self.at_span(tokens, start)..self.at_span(tokens, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    #[test]
    fn a_combining_mark_is_part_of_its_letter() {
        let case_of = |w: &str| case(w, Span::new(0, w.len()));
        // "À" as one code point and as A + U+0300: one capital letter.
        assert_eq!(case_of("\u{c0}"), (true, false));
        assert_eq!(case_of("A\u{300}"), (true, false));
        assert_eq!(case_of("A\u{300}N"), (true, true));
        assert_eq!(case_of("ASEAN"), (true, true));
        assert_eq!(case_of("Vi\u{323}nh"), (true, false));
    }

    #[test]
    fn a_sentence_longer_than_the_limit_is_cut_after_a_comma() {
        let split = |text: &str| {
            let norm = normalize(text);
            let tokens = tokenize(text, &norm);
            let words = |r: &std::ops::Range<usize>| -> Vec<String> {
                tokens[r.clone()].iter().map(|t| norm.as_str()[t.norm.range()].to_string()).collect()
            };
            let sents = sentences(&tokens, norm.as_str());
            // The sentences cover the tokens, in order.
            assert_eq!(sents.first().map_or(0, |r| r.start), 0);
            assert!(sents.windows(2).all(|w| w[0].end == w[1].start && w[0].start < w[0].end));
            assert_eq!(sents.last().map_or(0, |r| r.end), tokens.len());
            sents.iter().map(words).collect::<Vec<_>>()
        };
        // 4 tokens a unit: 150 units are 600 tokens, one sentence.
        let at_limit = format!("{}.", "ông An gặp,".repeat(150).trim_end_matches(','));
        assert_eq!(split(&at_limit).len(), 1);
        // 800 units: cut after the last comma before each 600 tokens.
        let long = "ông An gặp, ".repeat(800);
        let sents = split(&long);
        assert!(sents.len() >= 6, "{}", sents.len());
        for s in &sents[..sents.len() - 1] {
            assert!(s.len() <= MAX_SENTENCE && s.len() > MAX_SENTENCE - 4);
            assert_eq!(s.last().map(String::as_str), Some(","));
        }
        // No separator: cut at the limit.
        let sents = split(&"gặp ".repeat(1500));
        assert_eq!(sents.iter().map(Vec::len).collect::<Vec<_>>(), [600, 600, 300]);
        // A separator early in the run is no place to cut.
        let sents = split(&format!("a, {}", "gặp ".repeat(1000)));
        assert_eq!(sents[0].len(), MAX_SENTENCE);
    }

    #[test]
    fn token_index_agrees_with_searching_all_tokens() {
        let long = "Chiều 4/9, tại Seoul, Thượng tướng Nguyễn Chí Vịnh gặp Thứ trưởng Park Jae-min.\n\n".repeat(40);
        for text in ["", "a", "  Hà Nội  ", "Uỷ ban Hoà bình\u{a0}\u{a0}—\tx", long.as_str()] {
            let norm = normalize(text);
            let tokens = tokenize(text, &norm);
            let index = TokenIndex::new(&tokens);
            for pos in 0..norm.as_str().len() + 130 {
                assert_eq!(index.at(&tokens, pos), token_at(&tokens, pos), "{text:?} norm {pos}");
            }
            for pos in 0..text.len() + 130 {
                assert_eq!(index.at_span(&tokens, pos), token_at_span(&tokens, pos), "{text:?} span {pos}");
            }
            // Ranges, over spans of every length up to 40 bytes.
            for len in [0, 1, 7, 40] {
                for pos in 0..text.len() + 130 {
                    let want = token_at(&tokens, pos)..token_at(&tokens, pos + len);
                    assert_eq!(index.range(&tokens, pos, pos + len), want, "{text:?} norm {pos}+{len}");
                    let want = token_at_span(&tokens, pos)..token_at_span(&tokens, pos + len);
                    assert_eq!(index.range_span(&tokens, pos, pos + len), want, "{text:?} span {pos}+{len}");
                }
            }
        }
    }
}
