//! Cues → the blocks of links to other articles ("Tin liên quan:" and the
//! headlines under it), where no meeting is read: they are other
//! articles' meetings.
//!
//! A heading from `gazetteers/boilerplate.tsv` opens a block where it
//! starts a line (after list marks such as "-", "•", ">>"). With a
//! headline after it on its line ("Xem thêm: …"), the block is that line;
//! alone on its line ("Tin liên quan:"), it runs over the short lines
//! after it: headlines, of at most [`MAX_HEADLINE_WORDS`] words; the first
//! longer line is the article again.

use crate::cues::Cue;
use crate::gazetteer::GazetteerKind;
use crate::tokens::{Token, TokenIndex};

/// A line of more words than this is prose, not a headline.
const MAX_HEADLINE_WORDS: usize = 30;

/// For each token, whether it lies in a block of links to other articles.
pub(crate) fn blocks(tokens: &[Token], index: &TokenIndex, cues: &[Cue]) -> Vec<bool> {
    let mut out = vec![false; tokens.len()];
    let mut covered_to = 0;
    for c in cues.iter().filter(|c| c.kind == GazetteerKind::Boilerplate) {
        let k = index.at(tokens, c.norm.start);
        if k >= tokens.len() {
            continue;
        }
        // The line's start, with nothing but marks before the heading
        // (walked back over marks only, so a long line costs no more).
        let mut start = k;
        while start > 0 && !tokens[start].newline_before && !tokens[start - 1].word {
            start -= 1;
        }
        if !(start == 0 || tokens[start].newline_before) || start < covered_to {
            continue;
        }
        let mut end = line_end(tokens, start);
        // A heading with a headline after it on its line ("Xem thêm: …")
        // is a block of one line; alone on its line, it heads a list.
        let alone = !tokens[k..end].iter().any(|t| t.word && t.norm.start >= c.norm.end);
        while alone && end < tokens.len() {
            let next = line_end(tokens, end);
            // Words as written between spaces: "Cô-bi-a-cốp" is one.
            let words = tokens[end..next].iter().filter(|t| t.word && (t.space_before || t.newline_before)).count();
            if words > MAX_HEADLINE_WORDS {
                break;
            }
            end = next;
        }
        out[start..end].fill(true);
        covered_to = end;
    }
    out
}

/// The first token of the line after the one `start` is on.
fn line_end(tokens: &[Token], start: usize) -> usize {
    (start + 1..tokens.len()).find(|&j| tokens[j].newline_before).unwrap_or(tokens.len())
}
