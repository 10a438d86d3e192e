//! Normalised text → tokens (syllables and punctuation) and sentences, with
//! the capitalisation of the original: what the rules walk over.

use crate::normalize::{is_word_char, Normalized};
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
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut space = false;
    let mut newline = false;
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c == ' ' || c == '\n' {
            space = true;
            newline |= c == '\n';
            continue;
        }
        let mut end = i + c.len_utf8();
        let word = is_word_char(c);
        if word {
            while let Some(&(j, d)) = it.peek() {
                if !is_word_char(d) {
                    break;
                }
                end = j + d.len_utf8();
                it.next();
            }
        }
        let span = Span::new(norm.start_to_original(i), norm.end_to_original(end));
        let written = &original[span.range()];
        let first = written.chars().find(|c| crate::normalize::is_letter(*c));
        let letters = written.chars().filter(|c| crate::normalize::is_letter(*c)).count();
        out.push(Token {
            norm: Span::new(i, end),
            span,
            word,
            cap: first.is_some_and(char::is_uppercase),
            upper: letters >= 2 && !written.chars().any(char::is_lowercase),
            digits: word && text[i..end].bytes().all(|b| b.is_ascii_digit()),
            space_before: space,
            newline_before: newline,
        });
        space = false;
        newline = false;
    }
    unwrap_hard_breaks(original, &mut out);
    out
}

/// Text wrapped at a fixed width (wire copy, e-mail) breaks lines inside
/// sentences: "… Ngoại trưởng Hoa Kỳ\nJohn Kerry đã có cuộc điện đàm." Where
/// a third or more of the single line breaks go on in lower case, they
/// are taken for spaces; blank lines still part paragraphs.
fn unwrap_hard_breaks(original: &str, tokens: &mut [Token]) {
    let single = |prev: &Token, t: &Token| original[prev.span.end..t.span.start].matches('\n').count() == 1;
    let (mut breaks, mut lower) = (0usize, 0usize);
    for w in tokens.windows(2) {
        if w[1].newline_before && single(&w[0], &w[1]) {
            breaks += 1;
            lower += usize::from(w[1].word && !w[1].cap && !w[1].digits);
        }
    }
    if lower < 2 || lower * 3 < breaks {
        return;
    }
    for i in 1..tokens.len() {
        if tokens[i].newline_before && single(&tokens[i - 1], &tokens[i]) {
            tokens[i].newline_before = false;
        }
    }
}

/// Sentence spans over token indices: a sentence ends at a line break, at
/// `!` or `?`, and at `.` or `…` followed by white space (not inside
/// "TP.HCM", "1.000" or "VOV.VN").
pub(crate) fn sentences(tokens: &[Token], text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..tokens.len() {
        let t = &tokens[i];
        if i > start && t.newline_before {
            out.push(start..i);
            start = i;
        }
        if t.word {
            continue;
        }
        let s = &text[t.norm.range()];
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

/// Index of the first token whose normalised start is at or after `pos`.
pub(crate) fn token_at(tokens: &[Token], pos: usize) -> usize {
    tokens.partition_point(|t| t.norm.start < pos)
}
