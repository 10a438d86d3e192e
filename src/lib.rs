//! hoidam reads Vietnamese news and says who met whom, where and when.
//!
//! # Data flow
//!
//! Text is [normalised](normalize) (NFC, lower case, new-style tone
//! placement, one space for any run of white space) with a map back to the
//! original offsets. One Aho-Corasick automaton over every gazetteer
//! surface finds matches at syllable boundaries; an overlap policy turns
//! them into cues; rules compose cues into typed [`Mention`]s (titles with
//! their modifiers, organisations from head words, dates by regex), then
//! persons and [`Person`] records (with coreference), then meeting
//! [`Event`]s. Every span is a byte range of the caller's string; every
//! mention and event records the rule that produced it.
//!
//! The modules follow that flow: `normalize` → `matcher` → `cues` (with
//! `overlap`, the one overlap policy, and `syllable`, which tells a
//! Vietnamese syllable) →
//! `tokens` → `mentions` and `dates` (with `calendar`) → `persons` → `people` → `parties` →
//! `events` (sentence `shapes`, `when_where`, then `reports` merged) →
//! `document`.
//!
//! # Example
//!
//! ```
//! use hoidam::{Extractor, Options};
//!
//! let x = Extractor::new();
//! let opts = Options::default().with_published("2017-03-29")?;
//! let doc = x.extract_with(
//!     "Chiều 28/3, tại Hà Nội, Đại tướng Ngô Xuân Lịch đã tiếp Đại sứ Hoa Kỳ Ted Osius.",
//!     &opts,
//! );
//! let e = &doc.events[0];
//! assert_eq!(e.participants[0].name.as_deref(), Some("Ngô Xuân Lịch"));
//! assert_eq!(e.participants[0].role.to_string(), "host");
//! assert_eq!(e.participants[1].name.as_deref(), Some("Ted Osius"));
//! assert_eq!(e.date.as_ref().and_then(|d| d.value.as_deref()), Some("2017-03-28"));
//! # Ok::<(), hoidam::Error>(())
//! ```
//!
//! # Data files
//!
//! The gazetteers in `gazetteers/` are tab-separated, one entry per line
//! (`id`, `canonical`, `alias|alias`, `key=value;…`), embedded at compile
//! time and extendable at run time with [`Extractor::builder`]; see
//! `gazetteers/README.md`.

mod boilerplate;
mod calendar;
mod cues;
mod dates;
mod document;
mod error;
mod events;
mod extractor;
mod gazetteer;
mod hash;
mod matcher;
mod mentions;
mod normalize;
mod overlap;
mod parties;
mod people;
mod persons;
mod reports;
mod shapes;
mod span;
mod syllable;
mod tokens;
mod when_where;

pub use calendar::Date;
pub use document::Document;
pub use error::{Error, ErrorKind};
pub use events::{Event, EventDate, EventLocation, EventType, Participant, Report, Role, Trigger};
pub use extractor::{Extractor, ExtractorBuilder, Options};
pub use gazetteer::{Entry, Flags, GazetteerKind, Gazetteers, Surface};
pub use mentions::{Mention, MentionKind};
pub use normalize::{normalize, Normalized};
pub use people::Person;
pub use span::Span;

/// README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
