//! Cues → typed mentions: gazetteer items of the mention kinds, plus the
//! rules that compose them.
//!
//! | rule id | what it does |
//! |---|---|
//! | `gazetteer:<list>` | a gazetteer surface (`gazetteer:countries`) |
//! | `title.modifier` | a modifier before a title joins it: "Phó" + "Chủ tịch" |
//! | `org.head` | a head word and the name after it: "Công ty Nippon Koei", "Bộ Tài chính" |
//! | `org.abbrev` | an all-capital abbreviation in brackets after an organisation: "(CNRP)" |
//!
//! Person and date mentions come from [`crate::persons`] and [`crate::dates`].

use crate::cues::Cue;
use crate::gazetteer::{Entry, GazetteerKind, Gazetteers};
use crate::span::Span;
use crate::tokens::{token_at, Token};
use serde::Serialize;
use std::borrow::Cow;
use std::fmt;

/// What a mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    /// A person's name.
    Person,
    /// A position (chức vụ), without its body.
    Title,
    /// A military or police rank.
    Rank,
    /// A ministry, party, agency, forum, company, news agency.
    Organization,
    /// A country, with its ISO 3166-1 alpha-2 code in `id`.
    Country,
    /// A place that is not a country.
    Location,
    /// A day, month or year, with its value resolved in `value`.
    Date,
}

impl MentionKind {
    /// The mention kind fed by a gazetteer kind, if any.
    pub fn from_gazetteer(kind: GazetteerKind) -> Option<MentionKind> {
        Some(match kind {
            GazetteerKind::Country => MentionKind::Country,
            GazetteerKind::Rank => MentionKind::Rank,
            GazetteerKind::Title => MentionKind::Title,
            GazetteerKind::Organization => MentionKind::Organization,
            GazetteerKind::Location => MentionKind::Location,
            _ => return None,
        })
    }

    /// The name used in JSON and in `render()`.
    pub fn as_str(self) -> &'static str {
        match self {
            MentionKind::Person => "person",
            MentionKind::Title => "title",
            MentionKind::Rank => "rank",
            MentionKind::Organization => "organization",
            MentionKind::Country => "country",
            MentionKind::Location => "location",
            MentionKind::Date => "date",
        }
    }
}

impl fmt::Display for MentionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A typed span of the original text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// What it names.
    pub kind: MentionKind,
    /// The text exactly as written: `&original[start..end]`.
    pub text: String,
    /// First byte in the original text.
    pub start: usize,
    /// One past the last byte in the original text.
    pub end: usize,
    /// Canonical form (the gazetteer's, or the rule's).
    pub canonical: Option<Cow<'static, str>>,
    /// Gazetteer id (an ISO code for countries), if from a gazetteer.
    pub id: Option<Cow<'static, str>>,
    /// ISO 3166-1 alpha-2 code of the country it belongs to, if known.
    pub country: Option<Cow<'static, str>>,
    /// Normalised value (dates: `2019-09-04`, `2016-05`, `XXXX-03-31`).
    pub value: Option<String>,
    /// Part of day for dates: `MO`, `MI`, `AF`, `EV`, `NI` (TIMEX3).
    pub part_of_day: Option<Cow<'static, str>>,
    /// The gazetteer or rule that produced it.
    pub rule: Cow<'static, str>,
}

impl Mention {
    /// The mention's span in the original text.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }

    pub(crate) fn new(kind: MentionKind, original: &str, span: Span, rule: impl Into<Cow<'static, str>>) -> Mention {
        Mention {
            kind,
            text: original[span.range()].to_string(),
            start: span.start,
            end: span.end,
            canonical: None,
            id: None,
            country: None,
            value: None,
            part_of_day: None,
            rule: rule.into(),
        }
    }

    /// A mention of a gazetteer entry. Its strings are the entry's: for the
    /// built-in lists, borrowed, not copied.
    pub(crate) fn from_entry(kind: MentionKind, original: &str, span: Span, e: &Entry) -> Mention {
        let mut m = Mention::new(kind, original, span, e.rule.clone());
        m.canonical = Some(e.canonical.clone());
        m.id = Some(e.id.clone());
        m.country = match kind {
            MentionKind::Country => Some(e.id.clone()),
            _ => e.attr_value("country").cloned(),
        };
        m
    }
}

/// Mentions of the gazetteer kinds, with the title and organisation rules
/// applied. `cues` are sorted by start.
pub(crate) fn gazetteer_mentions(
    original: &str,
    text: &str,
    tokens: &[Token],
    cues: &[Cue],
    g: &Gazetteers,
) -> Vec<Mention> {
    let mut out = Vec::with_capacity(cues.len());
    for (i, c) in cues.iter().enumerate() {
        let e = &g.entries[c.entry];
        match c.kind {
            GazetteerKind::Title => out.push(title(original, text, cues, i, g)),
            GazetteerKind::OrgHead => {
                // A listed organisation at the same place wins over the rule.
                let listed = cue_end_at(cues, c.norm.start, &[GazetteerKind::Organization]).is_some();
                if !listed {
                    out.extend(org_head(original, text, tokens, cues, c, e));
                }
            }
            k => {
                if let Some(kind) = MentionKind::from_gazetteer(k) {
                    out.push(Mention::from_entry(kind, original, c.span, e));
                }
            }
        }
    }
    abbreviations(original, text, tokens, &mut out);
    out
}

/// A title, with the modifiers written right before it.
fn title(original: &str, text: &str, cues: &[Cue], i: usize, g: &Gazetteers) -> Mention {
    let c = &cues[i];
    let e = &g.entries[c.entry];
    let mut start = c;
    // The modifiers' canonical forms, last first.
    let mut modifiers: Vec<&str> = Vec::new();
    let mut j = i;
    // The modifier cue that ends one space before the title, if any (a
    // surface may also be listed under another kind). Cues are sorted by
    // start, so it is among the few just before.
    loop {
        let want = start.norm.start.saturating_sub(1);
        let Some(prev) = cues[..j]
            .iter()
            .rev()
            .take_while(|p| p.norm.start + 64 >= start.norm.start)
            .position(|p| p.kind == GazetteerKind::Modifier && p.norm.end == want)
            .map(|k| j - 1 - k)
        else {
            break;
        };
        let p = &cues[prev];
        if text[p.norm.end..start.norm.start] != *" " {
            break;
        }
        modifiers.push(&g.entries[p.entry].canonical);
        start = p;
        j = prev;
    }
    if std::ptr::eq(start, c) {
        return Mention::from_entry(MentionKind::Title, original, c.span, e);
    }
    let span = Span::new(start.span.start, c.span.end);
    let mut m = Mention::from_entry(MentionKind::Title, original, span, e);
    m.rule = "title.modifier".into();
    modifiers.reverse();
    modifiers.push(&e.canonical);
    m.canonical = Some(Cow::Owned(modifiers.join(" ")));
    m
}

/// Words that end an organisation name written after a head word.
const TAIL_STOP: &[&str] = &[
    "là", "và", "của", "cho", "với", "tại", "ở", "đã", "đang", "sẽ", "được", "bị", "có", "này", "đó", "khi", "thì",
    "cũng", "vào", "từ", "trong", "theo", "sau", "trước", "để", "nhằm", "về", "do", "mà", "như", "nhưng", "hay",
    "hoặc", "ngày", "năm", "tháng", "các", "những", "một", "hai", "sáng", "trưa", "chiều", "tối", "đêm", "hôm", "tuần",
    "vừa", "nay", "qua", "tới", "lần", "khác",
];

/// Words after which a lower-case head word may start a name.
const FUNCTION_WORDS: &[&str] = &[
    "của", "tại", "với", "và", "các", "những", "ở", "cho", "thuộc", "từ", "giữa", "trong", "là", "do", "bởi", "về",
    "đến", "tới", "cùng", "như", "gồm",
];

/// An organisation named by a head word and the name after it.
fn org_head(original: &str, text: &str, tokens: &[Token], cues: &[Cue], head: &Cue, e: &Entry) -> Option<Mention> {
    let lower_tail = e.attr("tail") == Some("any");
    let named_after = e.attr("names") == Some("yes");
    let first = token_at(tokens, head.norm.start);
    // A one-syllable head right after a capitalised word is part of a name
    // ("Phạm Trường Long"), not the start of an organisation.
    let one_syllable = token_at(tokens, head.norm.end) == first + 1;
    if one_syllable && first > 0 {
        let prev = &tokens[first - 1];
        if prev.word && prev.cap && !prev.digits && !tokens[first].newline_before {
            return None;
        }
    }
    let head_cap = tokens.get(first).is_some_and(|t| t.cap);
    // A head in lower case starts a name only after a function word ("của
    // đảng Cứu nguy Dân tộc") or a title ("Chủ tịch tập đoàn Sany"); after
    // another word it ends a compound ("trụ sở Ban …", "cơ hội Việt Nam").
    if !head_cap && first > 0 {
        let prev = &tokens[first - 1];
        let w = &text[prev.norm.range()];
        // "Chủ tịch tập đoàn Sany": after a title too.
        let before = cues.partition_point(|c| c.norm.start < prev.norm.end);
        let after_title =
            cues[..before].iter().rev().take(8).any(|c| c.kind == GazetteerKind::Title && c.norm.end == prev.norm.end);
        if prev.word && !FUNCTION_WORDS.contains(&w) && !after_title {
            return None;
        }
    }
    let mut i = token_at(tokens, head.norm.end);
    let mut end = None::<usize>;
    let mut lower_run = 0;
    let mut count = 0;
    // Where a listed organisation inside the name ends: after it come
    // places ("Tỉnh ủy Đắk Lắk"), not names ("Ủy ban Đối ngoại Thượng
    // viện Bob Corker").
    let mut listed_end = None::<usize>;
    while let Some(t) = tokens.get(i) {
        if !t.space_before && t.word {
            break;
        }
        if listed_end.is_some_and(|e| t.norm.start >= e) && t.cap {
            match cue_end_at(cues, t.norm.start, &[GazetteerKind::Country, GazetteerKind::Location]) {
                Some(e) => listed_end = Some(e),
                None => break,
            }
        }
        if let Some(e) = cue_end_at(cues, t.norm.start, &[GazetteerKind::Organization, GazetteerKind::Country]) {
            listed_end = Some(e);
        }
        let w = &text[t.norm.range()];
        // "Bộ Lao động - Thương binh và Xã hội" joins; "A và Cơ quan B" lists two.
        let joiner = (w == "và" || w == "-")
            && tokens.get(i + 1).is_some_and(|n| {
                n.word
                    && n.cap
                    && cue_end_at(cues, n.norm.start, &[GazetteerKind::OrgHead, GazetteerKind::Organization]).is_none()
            })
            && end.is_some();
        if joiner {
            i += 1;
            lower_run = 0;
            continue;
        }
        // A family name starts a person's name, unless the head takes one
        // ("Đại học Lý Quang Diệu", `names=yes`).
        if !t.word || t.newline_before || starts_blocking_cue(cues, t.norm.start, t.cap && !named_after) {
            break;
        }
        if t.cap || t.digits {
            lower_run = 0;
        } else {
            let allowed = if lower_tail { 6 } else { 1 };
            if TAIL_STOP.contains(&w) || lower_run >= allowed || (count == 0 && !lower_tail) {
                break;
            }
            // A word in lower case never follows a place ("Điện lực Bình
            // Dương khảo sát", "Ủy ban Hợp tác Việt Nam - Lào họp"); in a name
            // of capitalised words, it ends a Vietnamese compound ("Bộ Tài
            // chính"), not a foreign word ("Tập đoàn Hyosung mở …").
            let prev = &tokens[i - 1];
            // (The built-in places are under 128 bytes; a longer one only
            // lets the word through.)
            let near = cues.partition_point(|c| c.norm.start + 128 < prev.norm.end)
                ..cues.partition_point(|c| c.norm.start < prev.norm.end);
            let after_place = cues[near].iter().any(|c| {
                c.norm.end == prev.norm.end && matches!(c.kind, GazetteerKind::Country | GazetteerKind::Location)
            });
            let compound = lower_tail || prev.cap && crate::syllable::is_syllable(&text[prev.norm.range()]);
            if after_place || !compound {
                break;
            }
            lower_run += 1;
        }
        end = Some(i);
        count += 1;
        i += 1;
        if count >= 12 {
            break;
        }
    }
    let last = end?;
    if !head_cap && !tokens[token_at(tokens, head.norm.end)].cap {
        return None;
    }
    if lower_tail && !head_cap {
        return None;
    }
    // A trailing country is not part of the name ("Bộ Ngoại giao Mỹ"),
    // unless nothing but the head would be left ("Đại sứ quán Mỹ").
    let mut end_tok = last;
    let last_end = tokens[last].norm.end;
    let from = cues.partition_point(|c| c.norm.start <= head.norm.end);
    let to = cues.partition_point(|c| c.norm.start < last_end);
    let country_start = cues[from..to].iter().find(|c| c.kind == GazetteerKind::Country && c.norm.end == last_end);
    if let Some(c) = country_start {
        let before = token_at(tokens, c.norm.start);
        // "Ủy ban Hợp tác Việt Nam - Lào": two countries joined, both the name's.
        let paired = before > 0 && &text[tokens[before - 1].norm.range()] == "-";
        if before > token_at(tokens, head.norm.end) && !paired {
            end_tok = before - 1;
        }
    }
    let span = Span::new(head.span.start, tokens[end_tok].span.end);
    let mut m = Mention::new(MentionKind::Organization, original, span, "org.head");
    m.canonical = Some(Cow::Owned(m.text.clone()));
    Some(m)
}

/// Whether a title, rank, honorific or trigger starts at `pos`: a name
/// written after a head word stops there.
/// A family name blocks only when capitalised ("quản lý" is no name).
fn starts_blocking_cue(cues: &[Cue], pos: usize, capital: bool) -> bool {
    use GazetteerKind::*;
    let i = cues.partition_point(|c| c.norm.start < pos);
    cues[i..].iter().take_while(|c| c.norm.start == pos).any(|c| match c.kind {
        Surname => capital,
        Title | Rank | Honorific | Trigger | Modifier => true,
        _ => false,
    })
}

/// The end of the first cue of one of `kinds` starting at `pos`, if any:
/// an organisation or head word ("A và Cơ quan B" lists two), a listed
/// organisation or country (a name may not follow it: "Bộ Chiến tranh Hoa
/// Kỳ Pete Hegseth"), a country or a place ("Tỉnh ủy Đắk Lắk").
fn cue_end_at(cues: &[Cue], pos: usize, kinds: &[GazetteerKind]) -> Option<usize> {
    let i = cues.partition_point(|c| c.norm.start < pos);
    cues[i..].iter().take_while(|c| c.norm.start == pos).find(|c| kinds.contains(&c.kind)).map(|c| c.norm.end)
}

/// An all-capital abbreviation in brackets right after an organisation is
/// an organisation too: "đảng Cứu nguy Dân tộc (CNRP)".
fn abbreviations(original: &str, text: &str, tokens: &[Token], out: &mut Vec<Mention>) {
    let mut found = Vec::new();
    // Where mentions start, sorted; made only if an abbreviation is found.
    let mut starts: Option<Vec<usize>> = None;
    for m in out.iter().filter(|m| m.kind == MentionKind::Organization) {
        let i = tokens.partition_point(|t| t.span.start < m.end);
        let (Some(open), Some(abbr), Some(close)) = (tokens.get(i), tokens.get(i + 1), tokens.get(i + 2)) else {
            continue;
        };
        if &text[open.norm.range()] == "(" && abbr.upper && &text[close.norm.range()] == ")" {
            let starts = starts.get_or_insert_with(|| {
                let mut v: Vec<usize> = out.iter().map(|m| m.start).collect();
                v.sort_unstable();
                v
            });
            if starts.binary_search(&abbr.span.start).is_ok() {
                continue;
            }
            let mut a = Mention::new(MentionKind::Organization, original, abbr.span, "org.abbrev");
            a.canonical = m.canonical.clone();
            found.push(a);
        }
    }
    out.extend(found);
}
