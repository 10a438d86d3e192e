//! Fuzz `Extractor::extract`: no panic; every span on char boundaries and
//! slicing to its text; people and events refer only to existing mentions
//! and people; every event has two parties or more.
//!
//! Run: `RUSTC_BOOTSTRAP=1 cargo fuzz run extract` (from the repository
//! root; `RUSTC_BOOTSTRAP` only on a stable toolchain).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let doc = hoidam::Extractor::new().extract(text);
    let slices = |start: usize, end: usize, s: &str| {
        assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
        assert_eq!(&text[start..end], s);
    };
    for m in &doc.mentions {
        slices(m.start, m.end, &m.text);
    }
    for p in &doc.people {
        for s in &p.mentions {
            assert!(doc.mentions.iter().any(|m| m.span() == *s));
        }
    }
    for e in &doc.events {
        assert!(e.participants.len() >= 2);
        for p in &e.participants {
            slices(p.start, p.end, &p.text);
            assert!(p.person.is_none_or(|i| i < doc.people.len()));
        }
        slices(e.trigger.start, e.trigger.end, &e.trigger.text);
        assert!(e.sentence.contains(hoidam::Span::new(e.trigger.start, e.trigger.end)));
        for r in &e.reports {
            slices(r.trigger.start, r.trigger.end, &r.trigger.text);
            assert!(r.sentence.contains(hoidam::Span::new(r.trigger.start, r.trigger.end)));
        }
        if let Some(d) = &e.date {
            slices(d.start, d.end, &d.text);
        }
        if let Some(l) = &e.location {
            slices(l.start, l.end, &l.text);
        }
    }
    // Rendering walks every record too.
    let _ = doc.render();
});
