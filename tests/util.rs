use hoidam::{Document, Extractor, Options};

/// Extract with the publication date the fixtures are written against.
pub fn extract(text: &str) -> Document {
    let opts = Options::default().with_published("2019-09-25").expect("valid date");
    Extractor::new().extract_with(text, &opts)
}

/// Every span slices the original to the mention's text, on char boundaries;
/// people and events refer only to existing mentions and people; every
/// event has two parties or more. (The fuzz target checks the same.)
pub fn check_spans(text: &str, doc: &Document) {
    for m in &doc.mentions {
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end), "{m:?}");
        assert_eq!(&text[m.start..m.end], m.text, "{m:?}");
    }
    for p in &doc.people {
        for s in &p.mentions {
            assert!(doc.mentions.iter().any(|m| m.span() == *s), "person span {s:?} is a mention");
        }
    }
    for e in &doc.events {
        assert!(e.participants.len() >= 2, "an event has two parties or more: {e:?}");
        for p in &e.participants {
            assert_eq!(&text[p.start..p.end], p.text);
            if let Some(i) = p.person {
                assert!(i < doc.people.len());
            }
        }
        assert_eq!(&text[e.trigger.start..e.trigger.end], e.trigger.text);
        assert!(e.sentence.contains(hoidam::Span::new(e.trigger.start, e.trigger.end)));
        for r in &e.reports {
            assert_eq!(&text[r.trigger.start..r.trigger.end], r.trigger.text);
            assert!(r.sentence.contains(hoidam::Span::new(r.trigger.start, r.trigger.end)));
        }
        if let Some(d) = &e.date {
            assert_eq!(&text[d.start..d.end], d.text);
        }
        if let Some(l) = &e.location {
            assert_eq!(&text[l.start..l.end], l.text);
        }
    }
}
