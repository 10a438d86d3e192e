//! A byte trie over the gazetteer surfaces, for anchored longest-prefix
//! lookups.
//!
//! The matcher only ever asks "which surfaces does the text at this
//! syllable start begin with?". That needs the trie alone: an Aho-Corasick
//! automaton adds failure links for unanchored search, which are most of
//! its build cost and never used here.
//!
//! The trie is built once, in linear time, from the sorted surfaces, and
//! packed into one byte array, in depth-first order, for few cache misses
//! per walk: each node that matters is a record holding its pattern and
//! its way on. A chain of single children with no pattern on the way (most
//! of a long surface) is one record holding the chain's bytes, followed by
//! the record of the node it leads to; a node with a few children lists
//! their bytes and records; a node with many (a few dozen, near the root,
//! where every walk passes) has a table of 256 records by byte.

/// Marks "no record" and "no pattern".
const NONE: u32 = u32::MAX;

/// Nodes with more children than this find a child in a table by byte.
const DENSE_FROM: usize = 8;

/// Record kinds, in the low two bits of a record's second word; the rest
/// holds the length of its byte list.
const LEAF: u32 = 0;
const RUN: u32 = 1;
const BRANCH: u32 = 2;
const DENSE: u32 = 3;

/// Records: `pattern: u32`, `kind | len << 2: u32`, then by kind: a run's
/// `len` bytes (the next record follows); a branch's `len` child bytes,
/// then `len` child record offsets (u32); a dense node's 256 child record
/// offsets. Words are little-endian and unaligned. The root is at 0.
#[derive(Debug, Clone)]
pub(crate) struct Trie {
    packed: Vec<u8>,
}

impl Trie {
    /// A trie over `patterns`; pattern `i` is reported as `i`. Patterns
    /// are distinct and non-empty, and (as records are addressed in 32
    /// bits) fewer than 16 MB in all.
    pub fn new<P: AsRef<[u8]>>(patterns: &[P]) -> Trie {
        let mut order: Vec<u32> = (0..patterns.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| patterns[a as usize].as_ref().cmp(patterns[b as usize].as_ref()));
        // Insert in sorted order: each pattern shares a prefix with the one
        // before and adds nodes for the rest, so nodes are numbered in
        // depth-first order and a node's first child is the next node.
        let mut pattern = vec![NONE];
        let mut parent = vec![NONE];
        let mut byte = vec![0u8];
        // The nodes along the previous pattern: `path[d]` spells its first d bytes.
        let mut path: Vec<u32> = vec![0];
        let mut prev: &[u8] = &[];
        for &p in &order {
            let s = patterns[p as usize].as_ref();
            debug_assert!(!s.is_empty() && s != prev, "patterns are distinct and non-empty");
            let shared = s.iter().zip(prev).take_while(|(a, b)| a == b).count();
            path.truncate(shared + 1);
            for &b in &s[shared..] {
                let node = pattern.len() as u32;
                pattern.push(NONE);
                parent.push(*path.last().expect("the root"));
                byte.push(b);
                path.push(node);
            }
            pattern[*path.last().expect("the root") as usize] = p;
            prev = s;
        }
        let n = pattern.len();
        // Children of each node, in byte order (a counting sort by parent).
        let mut first = vec![0usize; n + 1];
        for &from in &parent[1..] {
            first[from as usize + 1] += 1;
        }
        for i in 0..n {
            first[i + 1] += first[i];
        }
        let mut fill = first.clone();
        let mut children = vec![0usize; n.saturating_sub(1)];
        for (node, &from) in parent.iter().enumerate().skip(1) {
            children[fill[from as usize]] = node;
            fill[from as usize] += 1;
        }
        let kids = |i: usize| &children[first[i]..first[i + 1]];
        // From the leaves up: how many single-child steps lead on from a
        // node with no pattern on the way (nodes i + 1 ..= i + run[i]).
        let mut run = vec![0usize; n];
        for i in (0..n).rev() {
            if kids(i).len() == 1 {
                debug_assert_eq!(parent[i + 1], i as u32, "depth-first order");
                run[i] = 1 + if pattern[i + 1] == NONE { run[i + 1] } else { 0 };
            }
        }
        // Records in depth-first order; the nodes inside a run have none.
        // Child offsets are patched once every record is placed.
        let mut packed: Vec<u8> = Vec::new();
        let mut offset = vec![NONE; n];
        let mut patches: Vec<(usize, usize)> = Vec::new();
        // The run being laid out ends at this node (the next record).
        let mut run_end = 0;
        for i in 0..n {
            if i < run_end {
                continue;
            }
            offset[i] = packed.len() as u32;
            packed.extend(pattern[i].to_le_bytes());
            let k = kids(i);
            if run[i] > 0 {
                packed.extend(((run[i] as u32) << 2 | RUN).to_le_bytes());
                packed.extend(&byte[i + 1..=i + run[i]]);
                run_end = i + run[i];
            } else if k.len() > DENSE_FROM {
                packed.extend(DENSE.to_le_bytes());
                let table = packed.len();
                packed.resize(table + 4 * 256, 0xff);
                patches.extend(k.iter().map(|&c| (table + 4 * byte[c] as usize, c)));
            } else if !k.is_empty() {
                packed.extend(((k.len() as u32) << 2 | BRANCH).to_le_bytes());
                packed.extend(k.iter().map(|&c| byte[c]));
                let at = packed.len();
                packed.resize(at + 4 * k.len(), 0);
                patches.extend(k.iter().enumerate().map(|(j, &c)| (at + 4 * j, c)));
            } else {
                packed.extend(LEAF.to_le_bytes());
            }
        }
        for (at, child) in patches {
            debug_assert_ne!(offset[child], NONE, "a child of a branch has a record");
            packed[at..at + 4].copy_from_slice(&offset[child].to_le_bytes());
        }
        Trie { packed }
    }

    #[inline]
    fn word(&self, at: usize) -> u32 {
        u32::from_le_bytes(self.packed[at..at + 4].try_into().expect("four bytes"))
    }

    /// The longest pattern that `text[start..]` begins with and whose end
    /// `accept` takes, as (end, pattern).
    #[inline]
    pub fn longest(&self, text: &[u8], start: usize, accept: impl Fn(usize) -> bool) -> Option<(usize, u32)> {
        let mut best = None;
        let mut at = 0;
        let mut pos = start;
        loop {
            let meta = self.word(at + 4);
            let (len, body) = ((meta >> 2) as usize, at + 8);
            match meta & 3 {
                RUN => {
                    let Some(t) = text.get(pos..pos + len) else { break };
                    // Runs are short: a loop, not a call to memcmp.
                    if t.iter().zip(&self.packed[body..body + len]).any(|(a, b)| a != b) {
                        break;
                    }
                    pos += len;
                    at = body + len;
                }
                BRANCH => {
                    let Some(&b) = text.get(pos) else { break };
                    let Some(k) = self.packed[body..body + len].iter().position(|&e| e == b) else { break };
                    at = self.word(body + len + 4 * k) as usize;
                    pos += 1;
                }
                DENSE => {
                    let Some(&b) = text.get(pos) else { break };
                    let child = self.word(body + 4 * b as usize);
                    if child == NONE {
                        break;
                    }
                    at = child as usize;
                    pos += 1;
                }
                _ => break,
            }
            let p = self.word(at);
            if p != NONE && accept(pos) {
                best = Some((pos, p));
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_accepted_prefix() {
        let t = Trie::new(&["an", "an ninh", "an ninh x", "b", "việt nam"]);
        let all = |_| true;
        assert_eq!(t.longest(b"an ninh xa", 0, all), Some((9, 2)));
        assert_eq!(t.longest(b"an ninh xa", 0, |e| e != 9), Some((7, 1)));
        assert_eq!(t.longest(b"anh", 0, |e| e == 3), None);
        assert_eq!(t.longest("ở việt nam".as_bytes(), 4, all), Some((14, 4)));
        assert_eq!(t.longest(b"c", 0, all), None);
        assert_eq!(Trie::new::<&str>(&[]).longest(b"a", 0, all), None);
    }

    #[test]
    fn many_children_use_a_table() {
        let words: Vec<String> = (b'a'..=b'z').map(|c| format!("x{}", c as char)).chain(["x".into()]).collect();
        let t = Trie::new(&words);
        for (i, w) in words.iter().enumerate() {
            assert_eq!(t.longest(w.as_bytes(), 0, |_| true), Some((w.len(), i as u32)), "{w}");
        }
        assert_eq!(t.longest(b"x!", 0, |_| true), Some((1, 26)));
        assert_eq!(t.longest(b"y", 0, |_| true), None);
    }
}
