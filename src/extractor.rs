//! The extractor: gazetteers and automaton built once, then text → document.

use crate::calendar::Date;
use crate::cues::cues;
use crate::dates;
use crate::document::Document;
use crate::error::Error;
use crate::events;
use crate::gazetteer::{GazetteerKind, Gazetteers};
use crate::matcher::Matcher;
use crate::mentions::{gazetteer_mentions, Mention, MentionKind};
use crate::normalize::{normalize_article, Normalized};
use crate::people;
use crate::persons;
use crate::tokens::{sentences, tokenize, TokenIndex};
use once_cell::sync::Lazy;
use std::sync::Arc;

/// Reads articles and extracts mentions, people and meeting events.
///
/// Building one parses the gazetteers and builds the automaton; do it
/// once and share it: it is cheap to clone (an `Arc` inside), `Send` and
/// `Sync`. [`Extractor::new`] returns the built-in one, built on first use.
///
/// ```
/// let x = hoidam::Extractor::new();
/// let doc = x.extract("Chiều 4/9, tại Seoul, Thượng tướng Nguyễn Chí Vịnh gặp Thứ trưởng Quốc phòng Hàn Quốc Park Jae-min.");
/// assert!(doc.mentions.iter().any(|m| m.text == "Hàn Quốc" && m.id.as_deref() == Some("KR")));
/// ```
#[derive(Clone, Debug)]
pub struct Extractor {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    gazetteers: Gazetteers,
    matcher: Matcher,
    /// Portfolios ("quốc phòng"), from the organisations named "Bộ …".
    portfolios: persons::Portfolios,
}

static BUILTIN: Lazy<Extractor> =
    Lazy::new(|| ExtractorBuilder::new().build().expect("the built-in gazetteers are valid (tested)"));

impl Default for Extractor {
    fn default() -> Extractor {
        BUILTIN.clone()
    }
}

/// Per-document options.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Document id, copied to the output.
    pub id: Option<String>,
    /// Publication date; when `None`, the article's header is searched.
    pub published: Option<Date>,
}

impl Options {
    /// Options with a publication date written `YYYY-MM-DD` (a time after
    /// it is ignored).
    ///
    /// ```
    /// use hoidam::Options;
    ///
    /// let opts = Options::default().with_published("2019-09-25T10:30:00+07:00")?;
    /// assert_eq!(opts.published.map(|d| d.to_string()).as_deref(), Some("2019-09-25"));
    /// let e = Options::default().with_published("25/09/2019").unwrap_err();
    /// assert_eq!(e.to_string(), r#"bad input: publication date "25/09/2019" is not written YYYY-MM-DD"#);
    /// # Ok::<(), hoidam::Error>(())
    /// ```
    pub fn with_published(mut self, date: &str) -> Result<Options, Error> {
        let d = crate::calendar::parse(date.trim())
            .map_err(|why| Error::input(format!("publication date {date:?} {why}")))?;
        self.published = Some(d);
        Ok(self)
    }

    /// Options with a document id.
    pub fn with_id(mut self, id: impl Into<String>) -> Options {
        self.id = Some(id.into());
        self
    }
}

impl Extractor {
    /// The extractor over the built-in gazetteers.
    pub fn new() -> Extractor {
        Extractor::default()
    }

    /// A builder, to add gazetteer data at run time.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::new()
    }

    /// The loaded gazetteers.
    pub fn gazetteers(&self) -> &Gazetteers {
        &self.inner.gazetteers
    }

    /// The raw gazetteer scan alone: how many surfaces the automaton finds
    /// in normalised text, before any rule. The floor of extraction cost,
    /// for benchmarks.
    pub fn count_matches(&self, text: &Normalized) -> usize {
        let mut raw = Vec::new();
        self.inner.matcher.scan(text.as_str(), &mut raw);
        raw.len()
    }

    /// Extract from `text`, finding the publication date in its header.
    pub fn extract(&self, text: &str) -> Document {
        self.extract_with(text, &Options::default())
    }

    /// Extract from `text` with per-document options.
    pub fn extract_with(&self, text: &str, opts: &Options) -> Document {
        let g = &self.inner.gazetteers;
        let norm = normalize_article(text);
        let tokens = tokenize(text, &norm);
        let index = TokenIndex::new(&tokens);
        let mut raw = Vec::new();
        // The syllables are the word tokens.
        let syllables = tokens.iter().filter(|t| t.word).map(|t| (t.norm.start, t.norm.end));
        self.inner.matcher.scan_at(norm.as_str(), syllables, &mut raw);
        let cues = cues(text, &norm, g, &self.inner.matcher, &raw);
        let sents = sentences(&tokens, norm.as_str());
        let mut mentions = gazetteer_mentions(text, norm.as_str(), &tokens, &cues, g);
        let found = dates::find(text, &norm);
        let header = dates::header_date(&norm, &found);
        let published = opts.published.or(header);
        mentions.extend(dates::mentions(text, &found, published));
        resolve(&mut mentions);
        let persons::Found { hits, extra, credits } =
            persons::find(text, norm.as_str(), &tokens, &index, &cues, g, &self.inner.portfolios, &mentions);
        // A place or country inside a person's name (or a byline's) is part of the name.
        let mut names: Vec<(usize, usize)> =
            hits.iter().map(|h| (h.span.start, h.span.end)).chain(credits.iter().map(|s| (s.start, s.end))).collect();
        names.sort_unstable();
        mentions.retain(|m| {
            let i = names.partition_point(|&(s, _)| s <= m.start);
            i == 0 || names[i - 1].1 < m.end
        });
        mentions.extend(extra);
        mentions.extend(hits.iter().map(|h| h.mention(text)));
        mentions.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end), m.kind));
        let people = people::build(text, norm.as_str(), &hits, dominant_foreign_country(&mentions).as_deref());
        let published = published.map(|d| d.to_string());
        let events = events::find(
            text,
            norm.as_str(),
            &tokens,
            &index,
            &sents,
            &cues,
            &mentions,
            &hits,
            &people,
            g,
            &self.inner.portfolios,
            published.as_deref(),
        );
        Document {
            id: opts.id.clone(),
            published,
            published_from: match (opts.published, header) {
                (Some(_), _) => Some("given".into()),
                (None, Some(_)) => Some("header".into()),
                _ => None,
            },
            mentions,
            people,
            events,
        }
    }
}

/// The foreign country the article is about: at least 60% of the mentions
/// of countries other than Việt Nam, and two or more of them.
fn dominant_foreign_country(mentions: &[Mention]) -> Option<String> {
    let mut counts: std::collections::HashMap<&str, usize> = Default::default();
    let mut total = 0;
    for m in mentions.iter().filter(|m| m.kind == MentionKind::Country) {
        if let Some(id) = m.id.as_deref().filter(|&id| id != "VN") {
            *counts.entry(id).or_default() += 1;
            total += 1;
        }
    }
    let (id, n) = counts.into_iter().max_by_key(|&(id, n)| (n, std::cmp::Reverse(id)))?;
    (n >= 2 && n * 10 >= total * 6).then(|| id.to_string())
}

/// Final overlap policy over all mentions (same as for cues, see
/// [`crate::cues`]): leftmost-longest first; crossing spans and same-kind nesting
/// lose; a country nests anywhere, a location in an organisation or a
/// place, an organisation in a place.
fn resolve(mentions: &mut Vec<Mention>) {
    crate::overlap::resolve(
        mentions,
        Mention::span,
        |m| m.kind,
        |k, m| k.span() != m.span() && crate::overlap::may_nest(Some(k.kind), Some(m.kind)),
    );
}

/// Builds an [`Extractor`] from the built-in gazetteers plus data added at
/// run time.
///
/// ```
/// use hoidam::{Extractor, GazetteerKind};
/// let x = Extractor::builder()
///     .gazetteer(GazetteerKind::Trigger, "gap-go-song-phuong\tgặp gỡ thân mật\t\ttype=meeting;roles=symmetric;form=verb")
///     .build()?;
/// # Ok::<(), hoidam::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct ExtractorBuilder {
    extra: Vec<(GazetteerKind, String, String)>,
    no_builtin: bool,
}

impl ExtractorBuilder {
    /// A builder over the built-in gazetteers.
    pub fn new() -> ExtractorBuilder {
        ExtractorBuilder::default()
    }

    /// Add gazetteer data (the TSV format of `gazetteers/README.md`).
    /// Errors name it `user:<kind>`.
    pub fn gazetteer(&mut self, kind: GazetteerKind, text: &str) -> &mut ExtractorBuilder {
        let name = format!("user:{kind}");
        self.gazetteer_named(kind, &name, text)
    }

    /// Add gazetteer data under a name used in errors and in mention rules
    /// (a file name, say).
    pub fn gazetteer_named(&mut self, kind: GazetteerKind, name: &str, text: &str) -> &mut ExtractorBuilder {
        self.extra.push((kind, name.to_string(), text.to_string()));
        self
    }

    /// Leave out the built-in lists (for tests of user data alone).
    pub fn without_builtin(&mut self) -> &mut ExtractorBuilder {
        self.no_builtin = true;
        self
    }

    /// Parse everything and build the automaton.
    pub fn build(&self) -> Result<Extractor, Error> {
        let mut gazetteers = if self.no_builtin { Gazetteers::default() } else { Gazetteers::builtin()? };
        for (kind, name, text) in &self.extra {
            gazetteers.add(*kind, name, text)?;
        }
        let matcher = Matcher::new(&gazetteers)?;
        let portfolios = gazetteers
            .normalized_surfaces()
            .filter(|(s, _)| gazetteers.entries[s.entry].kind == GazetteerKind::Organization)
            .filter_map(|(_, norm)| norm.strip_prefix("bộ ").map(str::to_string))
            .collect();
        Ok(Extractor { inner: Arc::new(Inner { gazetteers, matcher, portfolios }) })
    }
}
