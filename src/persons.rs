//! Tokens, cues and mentions → person mentions, found by how the press
//! writes names; no name is listed anywhere.
//!
//! | rule id | shape |
//! |---|---|
//! | `person.surname` | a Vietnamese family name and 1–3 capitalised syllables: "Nguyễn Chí Vịnh" |
//! | `person.after_rank` | a rank, then a name: "Thượng tướng Nguyễn Chí Vịnh", "Đại tướng Lịch" |
//! | `person.after_title` | a title with its body and country, then a name: "Thứ trưởng Quốc phòng Hàn Quốc Park Jae-min" |
//! | `person.honorific` | ông, bà, ngài, đồng chí, Samdech…, then a name: "ông Chan Yeng Kit" |
//! | `person.repeat` | a name found by a rule above, written again elsewhere |
//!
//! Not persons: names inside organisations and places ("Thành phố Hồ Chí
//! Minh", "Đại học Lý Quang Diệu"), streets ("phố Lý Thường Kiệt" is a
//! location, rule `location.street`), lines in title case (headlines), and
//! a transcription in brackets after a name, which is an alias.

use crate::cues::Cue;
use crate::gazetteer::{GazetteerKind, Gazetteers};
use crate::mentions::{Mention, MentionKind};
use crate::span::Span;
use crate::tokens::{Token, Walk};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// A person mention with what the text says around it.
#[derive(Debug, Clone)]
pub(crate) struct PersonHit {
    pub mention: Mention,
    /// Span of the name in the normalised text.
    pub norm: Span,
    /// Token range of the name.
    pub tokens: Range<usize>,
    /// First token of the title, rank or honorific written before the name
    /// (the name's own first token if none).
    pub intro: usize,
    /// Rank written right before the name.
    pub rank: Option<String>,
    /// Title phrases (title with its body, without the country).
    pub titles: Vec<String>,
    /// Country from the title's body or country.
    pub country: Option<String>,
    /// Found by a Vietnamese family name.
    pub vietnamese: bool,
    /// A transcription in brackets right after the name.
    pub alias: Option<String>,
}

/// Particles that may stand lower-case inside a foreign name.
const PARTICLES: &[&str] = &["bin", "binti", "de", "van", "von", "der", "da", "dos", "al", "el", "la", "le"];

/// Words before a name that make it a street or a place.
const STREET: &[&str] = &["đường", "phố", "đại lộ", "ngõ", "hẻm", "quảng trường", "cầu"];

pub(crate) struct Ctx<'a> {
    pub original: &'a str,
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub g: &'a Gazetteers,
    /// For each token: the mention kind covering it, if any.
    pub covered: Vec<Option<MentionKind>>,
    /// For each token: the gazetteer cue starting there (kind, end token).
    pub cue_at: Vec<Option<(GazetteerKind, usize, usize)>>,
    /// Portfolios ("quốc phòng") from the organisation list's "Bộ …" names.
    pub portfolios: &'a Portfolios,
}

/// Find person mentions (and street locations). `mentions` are the other
/// kinds, already resolved.
pub(crate) fn find(
    original: &str,
    text: &str,
    tokens: &[Token],
    cues: &[Cue],
    g: &Gazetteers,
    portfolios: &Portfolios,
    mentions: &[Mention],
) -> (Vec<PersonHit>, Vec<Mention>) {
    let mut covered = vec![None; tokens.len()];
    let mut by_start = Walk::new(tokens, |t| t.span.start);
    for m in mentions {
        for c in &mut covered[by_start.range(m.start, m.end)] {
            if c.is_none() || m.kind != MentionKind::Country {
                *c = Some(m.kind);
            }
        }
    }
    let mut cue_at = vec![None; tokens.len()];
    let mut by_norm = Walk::new(tokens, |t| t.norm.start);
    for c in cues {
        let r = by_norm.range(c.norm.start, c.norm.end);
        if r.start < tokens.len() && cue_at[r.start].is_none() {
            cue_at[r.start] = Some((c.kind, r.end, c.entry));
        }
    }
    let cx = Ctx { original, text, tokens, g, covered, cue_at, portfolios };
    let mut hits: Vec<PersonHit> = Vec::new();
    let mut streets = Vec::new();
    let mut taken = vec![false; tokens.len()];
    let headline = headline_lines(tokens);

    // Cue-introduced names: rank, title, honorific.
    let mut by_start = Walk::new(tokens, |t| t.span.start);
    for m in mentions.iter().filter(|m| matches!(m.kind, MentionKind::Rank | MentionKind::Title)) {
        let Range { start: intro, end: after } = by_start.range(m.start, m.end);
        let rule = if m.kind == MentionKind::Rank { "person.after_rank" } else { "person.after_title" };
        let (start, body) = skip_body(&cx, after, m.kind == MentionKind::Title);
        if let Some(end) = name_run(&cx, start, true) {
            if taken[start..end].iter().any(|&t| t) {
                continue;
            }
            let mut hit = hit(&cx, start..end, rule);
            hit.intro = intro;
            describe(&cx, &mut hit, m, after..start, body);
            taken[start..end].iter_mut().for_each(|t| *t = true);
            hits.push(hit);
        }
    }
    for (i, c) in cx.cue_at.iter().enumerate() {
        let Some((GazetteerKind::Honorific, end, _)) = *c else { continue };
        if let Some(e) = name_run(&cx, end, true) {
            if taken[end..e].iter().any(|&t| t) {
                continue;
            }
            taken[end..e].iter_mut().for_each(|t| *t = true);
            let mut h = hit(&cx, end..e, "person.honorific");
            h.intro = i;
            hits.push(h);
        }
    }
    // Vietnamese names by family name.
    for i in 0..tokens.len() {
        if taken[i] || headline[i] {
            continue;
        }
        let Some((GazetteerKind::Surname, _, _)) = cx.cue_at[i] else { continue };
        if !tokens[i].cap || cx.covered[i].is_some() {
            continue;
        }
        let Some(end) = name_run(&cx, i, false) else { continue };
        if end - i < 2 || end - i > 4 || taken[i..end].iter().any(|&t| t) || is_year_name(&cx, i, end) {
            continue;
        }
        let span = Span::new(tokens[i].span.start, tokens[end - 1].span.end);
        if after_street(&cx, i) {
            streets.push(Mention::new(MentionKind::Location, original, span, "location.street"));
            taken[i..end].iter_mut().for_each(|t| *t = true);
            continue;
        }
        taken[i..end].iter_mut().for_each(|t| *t = true);
        let mut h = hit(&cx, i..end, "person.surname");
        h.vietnamese = true;
        hits.push(h);
    }
    // Names written again without their cue: index the known names by
    // their first syllable, then walk the tokens once.
    let mut known: HashMap<&str, Vec<Vec<&str>>> = HashMap::new();
    for h in hits.iter().filter(|h| h.tokens.len() >= 2) {
        let w: Vec<&str> = tokens[h.tokens.clone()].iter().map(|t| &text[t.norm.range()]).collect();
        let list = known.entry(w[0]).or_default();
        if !list.contains(&w) {
            list.push(w);
        }
    }
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let names = if taken[i] || !t.cap { None } else { known.get(&text[t.norm.range()]) };
        let end = names.and_then(|_| name_run(&cx, i, false)).filter(|&e| {
            let w: Vec<&str> = tokens[i..e].iter().map(|t| &text[t.norm.range()]).collect();
            names.is_some_and(|n| n.contains(&w)) && !taken[i..e].iter().any(|&x| x)
        });
        match end {
            Some(e) => {
                taken[i..e].iter_mut().for_each(|t| *t = true);
                hits.push(hit(&cx, i..e, "person.repeat"));
                i = e;
            }
            None => i += 1,
        }
    }
    // A one-syllable Vietnamese word after a cue ("Bộ trưởng Quốc phòng") is a
    // name only as the short form of a fuller name found in the document
    // ("Đại tướng Lịch"); a foreign one of four letters or more ("Tổng thống
    // Putin") stands alone ("Bí thư Khu ủy": "Khu" does not).
    let syllables: HashSet<&str> = hits
        .iter()
        .filter(|h| h.tokens.len() >= 2)
        .flat_map(|h| tokens[h.tokens.clone()].iter().map(|t| &text[t.norm.range()]))
        .collect();
    hits.retain(|h| {
        h.tokens.len() > 1 || {
            let w = &text[tokens[h.tokens.start].norm.range()];
            (w.is_ascii() && w.len() >= 4) || syllables.contains(w)
        }
    });
    // Mark Vietnamese names found by other rules.
    for h in &mut hits {
        if matches!(cx.cue_at[h.tokens.start], Some((GazetteerKind::Surname, _, _))) && h.tokens.len() >= 2 {
            h.vietnamese = !name_has_hyphen(&cx, h.tokens.clone());
        }
        aliases(&cx, h);
        apposition(&cx, h, mentions);
    }
    hits.sort_by_key(|h| h.mention.start);
    (hits, streets)
}

fn hit(cx: &Ctx<'_>, r: Range<usize>, rule: &str) -> PersonHit {
    let span = Span::new(cx.tokens[r.start].span.start, cx.tokens[r.end - 1].span.end);
    let mut m = Mention::new(MentionKind::Person, cx.original, span, rule);
    m.canonical = Some(m.text.clone());
    PersonHit {
        mention: m,
        norm: Span::new(cx.tokens[r.start].norm.start, cx.tokens[r.end - 1].norm.end),
        intro: r.start,
        tokens: r,
        rank: None,
        titles: Vec::new(),
        country: None,
        vietnamese: false,
        alias: None,
    }
}

/// Skip a title's body: organisations, countries, places, portfolios,
/// further titles after a comma, "tại" + a place. Returns the first token
/// after it and the token where the body ends.
fn skip_body(cx: &Ctx<'_>, mut i: usize, title: bool) -> (usize, usize) {
    let toks = cx.tokens;
    let mut body_end = i;
    while let Some(t) = toks.get(i) {
        if t.newline_before {
            break;
        }
        match cx.covered[i] {
            Some(MentionKind::Organization | MentionKind::Country | MentionKind::Location) if title => {
                i += 1;
                while i < toks.len()
                    && cx.covered[i].is_some()
                    && cx.covered[i] == cx.covered[i - 1]
                    && !toks[i].newline_before
                {
                    i += 1;
                }
                body_end = i;
                continue;
            }
            Some(MentionKind::Country) => {
                i += 1;
                while i < toks.len() && cx.covered[i] == Some(MentionKind::Country) {
                    i += 1;
                }
                body_end = i;
                continue;
            }
            _ => {}
        }
        if title {
            if let Some(n) = portfolio(cx, i) {
                i = n;
                body_end = i;
                continue;
            }
            let w = &cx.text[t.norm.range()];
            if w == "tại" && matches!(cx.covered.get(i + 1), Some(Some(MentionKind::Country | MentionKind::Location)))
            {
                i += 1;
                continue;
            }
        }
        break;
    }
    (i, body_end)
}

/// Portfolios ("quốc phòng"), from the organisations named "Bộ …",
/// normalised; built once with the extractor.
#[derive(Debug, Default)]
pub(crate) struct Portfolios {
    names: HashSet<String>,
    /// The first word of each: most tokens start none, and are told so by
    /// one lookup.
    first_words: HashSet<String>,
}

impl FromIterator<String> for Portfolios {
    fn from_iter<I: IntoIterator<Item = String>>(names: I) -> Portfolios {
        let names: HashSet<String> = names.into_iter().collect();
        let first_words = names.iter().map(|n| n.split(' ').next().unwrap_or("").to_string()).collect();
        Portfolios { names, first_words }
    }
}

/// A portfolio starting at token `i` ("Quốc phòng", "Ngoại giao"): the end token.
fn portfolio(cx: &Ctx<'_>, i: usize) -> Option<usize> {
    let t = cx.tokens.get(i)?;
    if !t.word || !cx.portfolios.first_words.contains(&cx.text[t.norm.range()]) {
        return None;
    }
    let mut best = None;
    let mut j = i;
    let mut s = String::new();
    while j < cx.tokens.len() && j < i + 6 {
        let tj = &cx.tokens[j];
        if j > i {
            if !tj.space_before || !tj.word {
                break;
            }
            s.push(' ');
        }
        s.push_str(&cx.text[tj.norm.range()]);
        j += 1;
        if cx.portfolios.names.contains(&s) {
            best = Some(j);
        }
    }
    best
}

/// The end token of a name starting at token `i`, if one starts there.
/// With `after_cue`, a single syllable is enough ("Đại tướng Lịch").
fn name_run(cx: &Ctx<'_>, i: usize, after_cue: bool) -> Option<usize> {
    let toks = cx.tokens;
    let first = toks.get(i)?;
    if !first.word || !first.cap || first.digits || (first.upper && first.norm.len() > 3 && !after_cue) {
        return None;
    }
    let mut j = i;
    let mut parts = 0;
    while j < toks.len() && parts < 5 {
        let t = &toks[j];
        if j > i && (!t.space_before || t.newline_before) {
            break;
        }
        let w = &cx.text[t.norm.range()];
        let particle = parts > 0
            && PARTICLES.contains(&w)
            && !t.cap
            && toks.get(j + 1).is_some_and(|n| n.cap && n.word && n.space_before);
        if !(t.word && (t.cap || particle) && !t.digits) || !name_token_ok(cx, j, parts, after_cue) {
            break;
        }
        j += 1;
        parts += 1;
        // An initial: "A. Cô-bi-a-cốp".
        if t.norm.len() == 1
            && t.cap
            && toks.get(j).is_some_and(|d| &cx.text[d.norm.range()] == "." && !d.space_before)
            && toks.get(j + 1).is_some_and(|n| n.cap && n.word && n.space_before)
        {
            j += 1;
        }
        // Hyphenated parts: "Jae-min", "Nagorno-Karabakh".
        while j + 1 < toks.len()
            && &cx.text[toks[j].norm.range()] == "-"
            && !toks[j].space_before
            && toks[j + 1].word
            && !toks[j + 1].space_before
        {
            j += 2;
        }
    }
    (parts > 0).then_some(j)
}

/// Whether token `j` (the `parts`-th of a name) can be part of a name.
fn name_token_ok(cx: &Ctx<'_>, j: usize, parts: usize, after_cue: bool) -> bool {
    match cx.covered[j] {
        None => {}
        // "Trương Hòa Bình": a place name inside a Vietnamese name.
        Some(MentionKind::Location)
            if parts > 0 && matches!(cx.cue_at[j - parts.min(j)], Some((GazetteerKind::Surname, _, _))) => {}
        // "Nguyễn Tuấn Anh": a short one-syllable country word inside a name
        // (Anh, Đức, Nga), not "Đoàn Campuchia".
        Some(MentionKind::Country) if parts > 0 => {
            if let Some((_, end, _)) = cx.cue_at[j] {
                if end > j + 1 || cx.text[cx.tokens[j].norm.range()].chars().count() > 4 {
                    return false;
                }
            }
        }
        _ => return false,
    }
    match cx.cue_at[j] {
        Some((GazetteerKind::Surname, _, _)) => true,
        Some((GazetteerKind::Country, _, _)) => parts > 0,
        Some((GazetteerKind::Location, _, _)) => parts > 0 && matches!(cx.covered[j], Some(MentionKind::Location)),
        // A one-syllable head word or modifier inside a name: "Phạm Trường Long".
        Some((GazetteerKind::OrgHead | GazetteerKind::Modifier | GazetteerKind::Honorific, end, _)) if parts > 0 => {
            end == j + 1
        }
        Some((
            GazetteerKind::Title
            | GazetteerKind::Rank
            | GazetteerKind::Honorific
            | GazetteerKind::Modifier
            | GazetteerKind::Trigger
            | GazetteerKind::OrgHead
            | GazetteerKind::Organization,
            _,
            _,
        )) => false,
        _ => after_cue || parts > 0 || !cx.tokens[j].upper,
    }
}

fn name_has_hyphen(cx: &Ctx<'_>, r: Range<usize>) -> bool {
    cx.tokens[r].iter().any(|t| !t.word)
}

fn after_street(cx: &Ctx<'_>, i: usize) -> bool {
    let before = cx.text[..cx.tokens[i].norm.start].trim_end();
    if STREET.iter().any(|s| before.ends_with(s)) {
        return true;
    }
    // "số 5, Lý Thường Kiệt": a house number before the name.
    let before = before.trim_end_matches(',').trim_end();
    let digits = before.trim_end_matches(|c: char| c.is_ascii_digit() || c == '/' || c == '-');
    digits.len() < before.len() && digits.trim_end().ends_with("số")
}

/// For each token, whether it is on a line written in title case (a
/// headline): most words capitalised.
fn headline_lines(tokens: &[Token]) -> Vec<bool> {
    let mut out = vec![false; tokens.len()];
    let mut start = 0;
    for i in 0..=tokens.len() {
        if i == tokens.len() || (i > start && tokens[i].newline_before) {
            let words = tokens[start..i].iter().filter(|t| t.word && !t.digits);
            let (n, caps) = words.fold((0, 0), |(n, caps), t| (n + 1, caps + usize::from(t.cap)));
            if n >= 5 && caps * 10 >= n * 8 {
                out[start..i].fill(true);
            }
            start = i;
        }
    }
    out
}

/// Rank, titles and country from the cue before the name, and titles in
/// apposition after it ("X, Ủy viên Trung ương Đảng, Thứ trưởng …").
fn describe(cx: &Ctx<'_>, h: &mut PersonHit, cue: &Mention, body: Range<usize>, body_end: usize) {
    if cue.kind == MentionKind::Rank {
        h.rank = Some(cue.text.clone());
        return;
    }
    let end = if body_end > body.start { cx.tokens[body_end - 1].span.end } else { cue.end };
    let phrase = phrase_without_country(cx, cue.start, end, body.start..body_end);
    h.titles.push(phrase);
    // The country named in the body, else the country of a body that
    // belongs to one ("Đảng Nhân dân Campuchia").
    let named = (body.start..body_end).find_map(|k| match cx.cue_at[k] {
        Some((GazetteerKind::Country, _, e)) if cx.covered[k] == Some(MentionKind::Country) => {
            Some(cx.g.entries[e].id.clone())
        }
        _ => None,
    });
    let owned = (body.start..body_end).find_map(|k| match cx.cue_at[k] {
        Some((GazetteerKind::Organization, _, e)) => cx.g.entries[e].attr("country").map(str::to_string),
        _ => None,
    });
    if let Some(c) = named.or(owned) {
        h.country = Some(c);
    }
}

/// The title phrase from `start` to `end`, without country names.
fn phrase_without_country(cx: &Ctx<'_>, start: usize, end: usize, body: Range<usize>) -> String {
    let mut out = String::new();
    let mut last = start;
    for k in body {
        if cx.covered[k] == Some(MentionKind::Country) {
            let t = &cx.tokens[k];
            out.push_str(&cx.original[last..t.span.start]);
            last = t.span.end;
        }
    }
    out.push_str(&cx.original[last.min(end)..end]);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A transcription in brackets right after the name: "Ted Osius (Tét O-xi-ớt)".
fn aliases(cx: &Ctx<'_>, h: &mut PersonHit) {
    let i = h.tokens.end;
    let toks = cx.tokens;
    if toks.get(i).is_some_and(|t| &cx.text[t.norm.range()] == "(") {
        if let Some(end) = name_run(cx, i + 1, true) {
            if toks.get(end).is_some_and(|t| &cx.text[t.norm.range()] == ")") {
                let span = Span::new(toks[i + 1].span.start, toks[end - 1].span.end);
                h.alias = Some(cx.original[span.range()].to_string());
            }
        }
    }
}

/// Titles in apposition after the name: "X, Ủy viên Trung ương Đảng, Thứ
/// trưởng Bộ Quốc phòng" (and after a bracketed alias).
fn apposition(cx: &Ctx<'_>, h: &mut PersonHit, mentions: &[Mention]) {
    let toks = cx.tokens;
    let mut i = h.tokens.end;
    if h.alias.is_some() {
        while i < toks.len() && &cx.text[toks[i].norm.range()] != ")" {
            i += 1;
        }
        i += 1;
    }
    while toks.get(i).is_some_and(|t| &cx.text[t.norm.range()] == "," && !t.newline_before) {
        let Some(t) = toks.get(i + 1) else { break };
        let at = mentions.partition_point(|m| m.start < t.span.start);
        let Some(m) =
            mentions[at..].iter().take_while(|m| m.start == t.span.start).find(|m| m.kind == MentionKind::Title)
        else {
            break;
        };
        let after = toks.partition_point(|t| t.span.start < m.end);
        let (next, body_end) = skip_body(cx, after, true);
        let before = h.country.clone();
        describe(cx, h, m, after..body_end, body_end);
        if before.is_some() {
            h.country = before;
        }
        i = next.max(after);
    }
}

/// Heavenly stems and earthly branches: "Đinh Dậu", "Canh Tý" name years
/// of the sexagenary calendar, not people.
const STEMS: &[&str] = &["giáp", "ất", "bính", "đinh", "mậu", "kỷ", "canh", "tân", "nhâm", "quý"];
const BRANCHES: &[&str] =
    &["tý", "sửu", "dần", "mão", "mẹo", "thìn", "tỵ", "tị", "ngọ", "mùi", "thân", "dậu", "tuất", "hợi"];

fn is_year_name(cx: &Ctx<'_>, i: usize, end: usize) -> bool {
    end - i == 2
        && STEMS.contains(&&cx.text[cx.tokens[i].norm.range()])
        && BRANCHES.contains(&&cx.text[cx.tokens[i + 1].norm.range()])
}
