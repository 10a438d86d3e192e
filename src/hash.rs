//! A fast hash for the per-document maps of the rules (words, spans,
//! token indices) and the maps built from the gazetteers: std's SipHash
//! cost several per cent of extraction, and of building the extractor.
//!
//! The Fx hash of rustc (a rotate, a xor and a multiply per word), started
//! from a random seed per map and finished with a rotation, so that the
//! low bits the table indexes with depend on every input byte. Weaker
//! than SipHash against chosen collisions, but the seed keeps a text from
//! choosing them blindly; the maps are looked up, never iterated.

use std::collections::hash_map::RandomState;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, Hasher};

pub(crate) type FastMap<K, V> = HashMap<K, V, FastState>;
pub(crate) type FastSet<K> = HashSet<K, FastState>;

/// Builds [`FastHasher`]s from a seed drawn when the map is made.
#[derive(Clone, Debug)]
pub(crate) struct FastState {
    seed: u64,
}

impl Default for FastState {
    fn default() -> FastState {
        FastState { seed: RandomState::new().hash_one(0x9e37_79b9_u32) }
    }
}

impl BuildHasher for FastState {
    type Hasher = FastHasher;

    #[inline]
    fn build_hasher(&self) -> FastHasher {
        FastHasher { hash: self.seed }
    }
}

#[derive(Clone, Copy)]
pub(crate) struct FastHasher {
    hash: u64,
}

const K: u64 = 0xf135_7aea_2e62_a9c5;

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(K);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("eight bytes")));
        }
        // The last one to seven bytes in one word, read without a copy of
        // variable length (two overlapping halves, or three single bytes).
        let rest = chunks.remainder();
        let n = rest.len();
        let half = |i: usize| u64::from(u32::from_le_bytes(rest[i..i + 4].try_into().expect("four bytes")));
        let tail = match n {
            0 => return,
            1..=3 => u64::from(rest[0]) | u64::from(rest[n / 2]) << 8 | u64::from(rest[n - 1]) << 16,
            _ => half(0) | half(n - 4) << 32,
        };
        self.add(tail ^ (n as u64) << 59);
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash.rotate_left(26)
    }
}

/// A hasher from `state` that has taken `words`, each closed by a byte no
/// UTF-8 text holds: a key for a sequence of words that collects none of
/// them. (Equal hashes may still be different words: check them where a
/// collision would matter.)
pub(crate) fn words_hasher<'a>(state: &FastState, words: impl IntoIterator<Item = &'a str>) -> FastHasher {
    let mut h = state.build_hasher();
    for w in words {
        h.write(w.as_bytes());
        h.write_u8(0xff);
    }
    h
}

/// Numbers below `n`, the same sequence on every run from the same seed
/// (a linear congruential generator): for tests over many random cases.
#[cfg(test)]
pub(crate) fn numbers(mut seed: u64) -> impl FnMut(usize) -> usize {
    move |n| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) as usize % n
    }
}
