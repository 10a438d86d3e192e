//! The output: one document's mentions, people and events, as JSON (serde)
//! or as readable lines (`render`).

use crate::events::Event;
use crate::mentions::Mention;
use crate::people::Person;
use serde::Serialize;
use std::fmt::Write;

/// Everything extracted from one article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// The id given in [`Options`](crate::Options), if any.
    pub id: Option<String>,
    /// Publication date `YYYY-MM-DD`, given or found in the header.
    pub published: Option<String>,
    /// Where `published` came from: `given` or `header`.
    pub published_from: Option<String>,
    /// Typed spans, sorted by start.
    pub mentions: Vec<Mention>,
    /// One record per person.
    pub people: Vec<Person>,
    /// Meeting events.
    pub events: Vec<Event>,
}

impl Document {
    /// A readable form: one line per mention, person and event, each with
    /// its span and the rule that produced it. Used by the snapshot tests
    /// and by `extract --explain`.
    pub fn render(&self) -> String {
        let mut s = String::new();
        if let Some(p) = &self.published {
            let _ = writeln!(s, "published {p} ({})", self.published_from.as_deref().unwrap_or("?"));
        }
        for m in &self.mentions {
            let _ = write!(s, "{:>5}..{:<5} {:<12} {:?} [{}]", m.start, m.end, m.kind.as_str(), m.text, m.rule);
            if let Some(id) = &m.id {
                let _ = write!(s, " id={id}");
            }
            if let Some(v) = &m.value {
                let _ = write!(s, " value={v}");
            }
            if let Some(p) = &m.part_of_day {
                let _ = write!(s, " part={p}");
            }
            s.push('\n');
        }
        for (i, p) in self.people.iter().enumerate() {
            let _ = write!(s, "person #{i} {:?}", p.name);
            if let Some(r) = &p.rank {
                let _ = write!(s, " rank={r:?}");
            }
            if let Some(c) = &p.country {
                let _ = write!(s, " country={c}");
            }
            for t in &p.titles {
                let _ = write!(s, " title={t:?}");
            }
            if !p.aliases.is_empty() {
                let _ = write!(s, " aliases={:?}", p.aliases);
            }
            let _ = writeln!(s, " mentions={}", p.mentions.len());
        }
        for e in &self.events {
            let _ = write!(s, "event {} {:?} [{}]", e.kind, e.trigger.text, e.rule);
            if let Some(m) = &e.mode {
                let _ = write!(s, " mode={m}");
            }
            for p in &e.participants {
                let _ = write!(s, " {}={:?}", p.role, p.name.as_deref().unwrap_or(&p.text));
            }
            if let Some(d) = &e.date {
                let _ = write!(s, " date={}", d.value.as_deref().unwrap_or(&d.text));
                if d.carried {
                    s.push_str("(carried)");
                }
            }
            if let Some(l) = &e.location {
                let _ = write!(s, " at={:?}", l.text);
            }
            for r in &e.reports {
                let _ = write!(s, " also={:?}@{}[{}]", r.trigger.text, r.trigger.start, r.rule);
            }
            s.push('\n');
        }
        s
    }
}
