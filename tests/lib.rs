//! One integration test binary; each module says what belongs in it.

/// Shared helpers.
mod util;

/// insta snapshots of `render()` over `fixtures/<family>/*.txt`, one per
/// rule family, negatives included.
mod snapshots;

/// The JSON output contract, frozen as a snapshot.
mod contract;

/// Normalisation and matching tables, and the property test over arbitrary text.
mod normalization;

/// Building extractors with user gazetteers and bad data.
mod builder;

/// Hostile input: empty, binary, control characters, long lines, threads.
mod robustness;

/// The dev corpus: NFD and old-tone copies give the same mentions.
mod corpus;
