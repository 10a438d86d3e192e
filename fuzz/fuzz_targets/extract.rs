//! Fuzz `Extractor::extract`: no panic; every span on char boundaries and
//! slicing to its text; people and events refer only to existing mentions
//! and people.
//!
//! Run: `cargo fuzz run extract` (from the repository root).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let doc = hoidam::Extractor::new().extract(text);
    for m in &doc.mentions {
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        assert_eq!(&text[m.start..m.end], m.text);
    }
    for p in &doc.people {
        for s in &p.mentions {
            assert!(doc.mentions.iter().any(|m| m.span() == *s));
        }
    }
    for e in &doc.events {
        assert!(e.participants.len() >= 2);
        for p in &e.participants {
            assert_eq!(&text[p.start..p.end], p.text);
            assert!(p.person.is_none_or(|i| i < doc.people.len()));
        }
        assert_eq!(&text[e.trigger.start..e.trigger.end], e.trigger.text);
    }
});
