//! A byte trie over the gazetteer surfaces, for anchored longest-prefix
//! lookups.
//!
//! The matcher only ever asks "which surfaces does the text at this
//! syllable start begin with?". That needs the trie alone: an Aho-Corasick
//! automaton adds failure links for unanchored search, which are most of
//! its build cost and never used here.
//!
//! The trie is built once, in linear time, from the sorted surfaces, so
//! its nodes are numbered in depth-first order: a node's first child is
//! the next node, and a chain of single children (most of a long surface)
//! is a run of consecutive nodes whose bytes can be compared in one go.

/// Marks "no node" and "no pattern".
const NONE: u32 = u32::MAX;
const ROOT: u32 = 0;

/// Nodes with more children than this (a few dozen, near the root, where
/// every walk passes) find a child in a table indexed by byte; the others
/// look through their few edges.
const DENSE_FROM: u32 = 8;

#[derive(Debug, Clone, Copy)]
struct Node {
    /// Its edges are `edge_byte[first..end]` and `edge_node[first..end]`, by byte.
    first: u32,
    end: u32,
    /// The pattern that ends here, or `NONE`.
    pattern: u32,
    /// How many single-child steps lead on from here with no pattern on the
    /// way: nodes `n + 1 ..= n + run`, spelled by `byte[n + 1 ..= n + run]`.
    run: u32,
    /// Its children by byte are `dense[256 * dense ..][..256]`, or `NONE`.
    dense: u32,
}

#[derive(Debug, Clone)]
pub(crate) struct Trie {
    nodes: Vec<Node>,
    /// The byte on the edge into each node.
    byte: Vec<u8>,
    edge_byte: Vec<u8>,
    edge_node: Vec<u32>,
    /// Children by byte of the nodes with many.
    dense: Vec<u32>,
}

impl Trie {
    /// A trie over `patterns`; pattern `i` is reported as `i`. Patterns
    /// are distinct and non-empty.
    pub fn new<P: AsRef<[u8]>>(patterns: &[P]) -> Trie {
        let mut order: Vec<u32> = (0..patterns.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| patterns[a as usize].as_ref().cmp(patterns[b as usize].as_ref()));
        // Insert in sorted order: each pattern shares a prefix with the one
        // before and adds nodes for the rest, in depth-first order.
        let mut pattern = vec![NONE];
        let mut parent = vec![NONE];
        let mut byte = vec![0u8];
        // The nodes along the previous pattern: `path[d]` spells its first d bytes.
        let mut path: Vec<u32> = vec![ROOT];
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
        // Edges grouped by parent (a counting sort keeps the byte order).
        let n = pattern.len();
        let mut first = vec![0u32; n + 1];
        for &from in &parent[1..] {
            first[from as usize + 1] += 1;
        }
        for i in 0..n {
            first[i + 1] += first[i];
        }
        let mut fill = first.clone();
        let mut edge_byte = vec![0u8; n - 1];
        let mut edge_node = vec![0u32; n - 1];
        for node in 1..n {
            let from = parent[node] as usize;
            let k = fill[from] as usize;
            fill[from] += 1;
            edge_byte[k] = byte[node];
            edge_node[k] = node as u32;
        }
        let mut nodes: Vec<Node> = (0..n)
            .map(|i| Node { first: first[i], end: first[i + 1], pattern: pattern[i], run: 0, dense: NONE })
            .collect();
        // From the leaves up: a single child (the next node) continues the
        // run unless a pattern ends on it.
        for i in (0..n).rev() {
            if nodes[i].end - nodes[i].first == 1 {
                debug_assert_eq!(parent[i + 1], i as u32, "depth-first order");
                let next = nodes[i + 1];
                nodes[i].run = 1 + if next.pattern == NONE { next.run } else { 0 };
            }
        }
        let mut dense = Vec::new();
        for node in nodes.iter_mut().filter(|n| n.end - n.first > DENSE_FROM) {
            node.dense = (dense.len() / 256) as u32;
            dense.resize(dense.len() + 256, NONE);
            let row = &mut dense[node.dense as usize * 256..];
            for k in node.first as usize..node.end as usize {
                row[edge_byte[k] as usize] = edge_node[k];
            }
        }
        Trie { nodes, byte, edge_byte, edge_node, dense }
    }

    /// The child of node `n` (which is not in a run) on byte `b`, or `NONE`.
    #[inline]
    fn child(&self, n: &Node, b: u8) -> u32 {
        if n.dense != NONE {
            return self.dense[n.dense as usize * 256 + b as usize];
        }
        let (lo, hi) = (n.first as usize, n.end as usize);
        match self.edge_byte[lo..hi].iter().position(|&e| e == b) {
            Some(k) => self.edge_node[lo + k],
            None => NONE,
        }
    }

    /// The longest pattern that `text[start..]` begins with and whose end
    /// `accept` takes, as (end, pattern).
    #[inline]
    pub fn longest(&self, text: &[u8], start: usize, accept: impl Fn(usize) -> bool) -> Option<(usize, u32)> {
        let mut best = None;
        let mut node = ROOT;
        let mut pos = start;
        loop {
            let n = &self.nodes[node as usize];
            let run = n.run as usize;
            if run > 0 {
                let at = node as usize + 1;
                let Some(t) = text.get(pos..pos + run) else { break };
                // Runs are short: a loop, not a call to memcmp.
                if t.iter().zip(&self.byte[at..at + run]).any(|(a, b)| a != b) {
                    break;
                }
                node += run as u32;
                pos += run;
            } else {
                let Some(&b) = text.get(pos) else { break };
                node = self.child(n, b);
                if node == NONE {
                    break;
                }
                pos += 1;
            }
            let p = self.nodes[node as usize].pattern;
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
}
