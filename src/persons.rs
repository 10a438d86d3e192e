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
//! A title's body may hold a chain of offices ("Chủ tịch Đảng Nhân dân
//! Campuchia, Chủ tịch Thượng viện Campuchia Samdech Techo Hun Sen": both
//! are his titles) and a country misspelt by one letter ("Thủ tướng
//! Cananda Justin Trudeau": a country mention, rule `country.typo`). A
//! transcription may end lower-case before its original in brackets ("Na-oa
//! Sa ríp (Nawar Sharif)").
//!
//! Not persons: names inside organisations and places ("Thành phố Hồ Chí
//! Minh", "Đại học Lý Quang Diệu"), streets ("phố Lý Thường Kiệt" is a
//! location, rule `location.street`), lines in title case (headlines), and
//! a transcription in brackets after a name, which is an alias.

use crate::cues::Cue;
use crate::gazetteer::{Entry, GazetteerKind, Gazetteers};
use crate::hash::{words_hasher, FastMap, FastSet, FastState};
use crate::mentions::{Mention, MentionKind};
use crate::normalize::one_space;
use crate::span::Span;
use crate::tokens::{is_separator, word_at, Token, TokenIndex};
use std::borrow::Cow;
use std::hash::Hasher;
use std::ops::Range;

/// A person mention with what the text says around it.
#[derive(Debug, Clone)]
pub(crate) struct PersonHit {
    /// The name in the original text.
    pub span: Span,
    /// The rule that found it.
    pub rule: Cow<'static, str>,
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
    pub country: Option<Cow<'static, str>>,
    /// Whether a title names `country` ("… Trung Quốc"), rather than
    /// a body that belongs to one by default ("Bộ Chính trị").
    pub country_named: bool,
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

/// What [`find`] finds.
pub(crate) struct Found {
    pub hits: Vec<PersonHit>,
    /// The other mentions names reveal (streets, misspelt countries).
    pub extra: Vec<Mention>,
    /// Names of bylines and photo credits ("Trần Minh Đức/VOV"): not
    /// persons of the article, but no place or country inside them is one.
    pub credits: Vec<Span>,
}

/// Find person mentions, and the other mentions names reveal (streets,
/// misspelt countries). `mentions` are the other kinds, already resolved.
#[allow(clippy::too_many_arguments)]
pub(crate) fn find(
    original: &str,
    text: &str,
    tokens: &[Token],
    index: &TokenIndex,
    cues: &[Cue],
    g: &Gazetteers,
    portfolios: &Portfolios,
    mentions: &[Mention],
) -> Found {
    let mut covered = vec![None; tokens.len()];
    for m in mentions {
        for c in &mut covered[index.range_span(tokens, m.start, m.end)] {
            if c.is_none() || m.kind != MentionKind::Country {
                *c = Some(m.kind);
            }
        }
    }
    let mut cue_at = vec![None; tokens.len()];
    for c in cues {
        let r = index.range(tokens, c.norm.start, c.norm.end);
        if r.start < tokens.len() && cue_at[r.start].is_none() {
            cue_at[r.start] = Some((c.kind, r.end, c.entry));
        }
    }
    let cx = Ctx { original, text, tokens, g, covered, cue_at, portfolios };
    let mut hits: Vec<PersonHit> = Vec::new();
    let mut extra = Vec::new();
    let mut taken = vec![false; tokens.len()];
    let headline = headline_lines(tokens);

    // Cue-introduced names: rank, title, honorific.
    // Offices followed by a comma, not a name, by the comma's token: they
    // may open a chain of offices held by the name at its end ("Chủ tịch
    // Đảng Nhân dân Campuchia, Chủ tịch Thượng viện Campuchia Samdech Techo
    // Hun Sen").
    let mut chain: FastMap<usize, (&Mention, usize, usize, usize)> = FastMap::default();
    for m in mentions.iter().filter(|m| matches!(m.kind, MentionKind::Rank | MentionKind::Title)) {
        let Range { start: intro, end: after } = index.range_span(tokens, m.start, m.end);
        let title = m.kind == MentionKind::Title;
        let rule = if title { "person.after_title" } else { "person.after_rank" };
        let (start, body) = skip_body(&cx, after, title);
        // An honorific between the office and the name ("… Samdech Techo Hun Sen").
        let name_start = match cx.cue_at.get(start) {
            Some(Some((GazetteerKind::Honorific, end, _))) if title => *end,
            _ => start,
        };
        // A misspelt country before the name: "Thủ tướng Cananda Justin Trudeau".
        let typo = (name_start == start && title).then(|| misspelt_country(&cx, name_start)).flatten();
        let name_start = if typo.is_some() { name_start + 1 } else { name_start };
        // A name never starts on the next line ("… Đại sứ Nhật Bản\nTrong thời gian qua").
        let own_line = tokens.get(name_start).is_some_and(|t| !t.newline_before);
        let Some(end) = name_run(&cx, name_start, true).filter(|_| own_line) else {
            if title && tokens.get(start).is_some_and(|t| &text[t.norm.range()] == ",") {
                chain.insert(start, (m, intro, after, body));
            }
            continue;
        };
        if taken[name_start..end].iter().any(|&t| t) {
            continue;
        }
        let mut hit = hit(&cx, name_start..end, rule);
        hit.intro = intro;
        describe(&cx, &mut hit, m, after..start, body);
        if let Some(e) = typo {
            let mut c = Mention::from_entry(MentionKind::Country, original, tokens[start].span, e);
            c.rule = "country.typo".into();
            hit.country = Some(e.id.clone());
            extra.push(c);
        }
        // Earlier offices of the chain, while they name the same country
        // ("được bầu làm Chủ tịch Thượng viện, Chủ tịch nước Tô Lâm …" is no
        // chain).
        let mut first = hit.intro;
        while let Some(&(pm, p_intro, p_after, p_body)) = first.checked_sub(1).and_then(|k| chain.get(&k)) {
            let (titles, country, named) = (hit.titles.len(), hit.country.clone(), hit.country_named);
            hit.country = None;
            hit.country_named = false;
            describe(&cx, &mut hit, pm, p_after..first - 1, p_body);
            let agrees = country.is_some() && hit.country == country;
            hit.country_named |= named;
            if !agrees {
                hit.titles.truncate(titles);
                hit.country = country;
                hit.country_named = named;
                break;
            }
            first = p_intro;
        }
        taken[name_start..end].iter_mut().for_each(|t| *t = true);
        hits.push(hit);
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
            extra.push(Mention::new(MentionKind::Location, original, span, "location.street"));
            taken[i..end].iter_mut().for_each(|t| *t = true);
            continue;
        }
        taken[i..end].iter_mut().for_each(|t| *t = true);
        let mut h = hit(&cx, i..end, "person.surname");
        h.vietnamese = true;
        hits.push(h);
    }
    // Names written again without their cue: the known names and their
    // first syllables, then one walk over the tokens.
    let state = FastState::default();
    let named: Vec<&PersonHit> = hits.iter().filter(|h| h.tokens.len() >= 2).collect();
    // By a hash of their words, with one place each is written, to check
    // the words on a hit.
    let known: FastMap<u64, Range<usize>> =
        named.iter().map(|h| (words_key(&state, text, &tokens[h.tokens.clone()]), h.tokens.clone())).collect();
    let words = |r: Range<usize>| tokens[r].iter().map(|t| &text[t.norm.range()]);
    let is_known = |r: Range<usize>| {
        known.get(&words_key(&state, text, &tokens[r.clone()])).is_some_and(|k| words(k.clone()).eq(words(r)))
    };
    let firsts: FastSet<&str> = named.iter().map(|h| &text[tokens[h.tokens.start].norm.range()]).collect();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let named = !taken[i] && t.cap && firsts.contains(&text[t.norm.range()]);
        let end = named
            .then(|| name_run(&cx, i, false))
            .flatten()
            .filter(|&e| !taken[i..e].iter().any(|&x| x) && is_known(i..e));
        match end {
            Some(e) => {
                taken[i..e].iter_mut().for_each(|t| *t = true);
                hits.push(hit(&cx, i..e, "person.repeat"));
                i = e;
            }
            None => i += 1,
        }
    }
    trim_run_ons(&cx, &mut hits);
    let mut credits = Vec::new();
    hits.retain(|h| {
        let byline = credit(&cx, h);
        if byline {
            credits.push(h.span);
        }
        !byline
    });
    // A one-syllable Vietnamese word after a cue ("Bộ trưởng Quốc phòng") is a
    // name only as the short form of a fuller name found in the document
    // ("Đại tướng Lịch"); a foreign one of four letters or more ("Tổng thống
    // Putin") stands alone ("Bí thư Khu ủy": "Khu" does not).
    let syllables: FastSet<&str> = hits
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
    hits.sort_by_key(|h| h.span.start);
    Found { hits, extra, credits }
}

/// The country token `i` misspells by one letter ("Cananda"), if it is
/// written where a title's country goes, before a name of two words or more.
fn misspelt_country<'g>(cx: &Ctx<'g>, i: usize) -> Option<&'g Entry> {
    let t = cx.tokens.get(i)?;
    let before_name = || name_run(cx, i + 1, true).is_some_and(|e| e >= i + 3);
    if !(t.word && t.cap && cx.covered[i].is_none() && cx.cue_at[i].is_none() && before_name()) {
        return None;
    }
    cx.g.misspelt_country(&cx.text[t.norm.range()])
}

/// Whether a name found without a title is a byline or a photo credit:
/// "Ảnh: Nguyễn Thắng - TTXVN", "Vũ Dũng/VOV", a name alone on the last
/// line. Those write the article, they are not in it.
fn credit(cx: &Ctx<'_>, h: &PersonHit) -> bool {
    if h.intro != h.tokens.start {
        return false;
    }
    let toks = cx.tokens;
    let word = |k: usize| word_at(cx.text, toks, k);
    let (a, b) = (h.tokens.start, h.tokens.end);
    let after_label = a >= 2 && word(a - 1) == ":" && matches!(word(a - 2), "ảnh" | "bài" | "tin" | "video" | "clip");
    let outlet = matches!(word(b), "/" | "-") && toks.get(b + 1).is_some_and(|t| t.upper);
    let line_start = toks[a].newline_before || a == 0;
    let line_end =
        toks.get(b).is_none_or(|t| t.newline_before || (!t.word && toks.get(b + 1).is_none_or(|n| n.newline_before)));
    after_label || outlet || (line_start && line_end)
}

/// A name written once with one more syllable than its usual form, the
/// sentence running on after it, took a word of the next sentence: photo
/// captions run into each other ("… Tổng thống Donald Trump Toàn cảnh lễ
/// đón"). Such a name loses that syllable.
fn trim_run_ons(cx: &Ctx<'_>, hits: &mut [PersonHit]) {
    let state = FastState::default();
    let words = |r: Range<usize>| words_key(&state, cx.text, &cx.tokens[r]);
    let mut count: FastMap<u64, usize> = FastMap::default();
    for h in hits.iter() {
        *count.entry(words(h.tokens.clone())).or_default() += 1;
    }
    let mut trims = Vec::new();
    for (i, h) in hits.iter().enumerate() {
        let n = h.tokens.len();
        let next_lower = cx.tokens.get(h.tokens.end).is_some_and(|t| t.word && !t.cap && t.space_before);
        let last_is_word = cx.tokens[h.tokens.end - 1].word && n >= 3 && cx.tokens[h.tokens.end - 2].word;
        if next_lower
            && last_is_word
            && count[&words(h.tokens.clone())] == 1
            && count.get(&words(h.tokens.start..h.tokens.end - 1)).is_some_and(|&c| c >= 2)
        {
            trims.push(i);
        }
    }
    for i in trims {
        let h = &hits[i];
        hits[i] = PersonHit { alias: None, ..extend(cx, h, h.tokens.end - 1) };
    }
}

/// A hash of the normalised words of `toks`, to count and look up names
/// without collecting their words.
fn words_key(state: &FastState, text: &str, toks: &[Token]) -> u64 {
    words_hasher(state, toks.iter().map(|t| &text[t.norm.range()])).finish()
}

impl PersonHit {
    /// The person mention, its canonical form the name as written.
    pub fn mention(&self, original: &str) -> Mention {
        let mut m = Mention::new(MentionKind::Person, original, self.span, self.rule.clone());
        m.canonical = Some(Cow::Owned(m.text.clone()));
        m
    }
}

fn hit(cx: &Ctx<'_>, r: Range<usize>, rule: impl Into<Cow<'static, str>>) -> PersonHit {
    PersonHit {
        span: Span::new(cx.tokens[r.start].span.start, cx.tokens[r.end - 1].span.end),
        rule: rule.into(),
        norm: Span::new(cx.tokens[r.start].norm.start, cx.tokens[r.end - 1].norm.end),
        intro: r.start,
        tokens: r,
        rank: None,
        titles: Vec::new(),
        country: None,
        country_named: false,
        vietnamese: false,
        alias: None,
    }
}

/// The most tokens a title's body spans ("Ủy viên Bộ Chính trị, Bí thư
/// Trung ương Đảng, Chủ nhiệm Tổng cục Chính trị Quân đội nhân dân Việt
/// Nam" is about 25).
const MAX_BODY: usize = 64;

/// Skip a title's body: organisations, countries, places, portfolios,
/// further titles after a comma, "tại" + a place. Returns the first token
/// after it and the token where the body ends.
fn skip_body(cx: &Ctx<'_>, mut i: usize, title: bool) -> (usize, usize) {
    // No office runs on for longer; the rules that compare offices word
    // by word would take time in the square of its length.
    let toks = &cx.tokens[..(i + MAX_BODY).min(cx.tokens.len())];
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
            // "Trưởng đoàn đại biểu Đảng Cộng sản Trung Quốc", "Đại diện cao
            // cấp phụ trách an ninh và chính sách đối ngoại Liên minh châu
            // Âu": what the office covers, in lower case, before its body.
            let word = |k: usize| word_at(cx.text, toks, k);
            if matches!((word(i), word(i + 1)), ("phụ", "trách") | ("đại", "biểu")) {
                let body_next = (i + 2..(i + 12).min(toks.len()))
                    .take_while(|&k| {
                        (toks[k].word && !toks[k].cap || cx.covered[k].is_some()) && !toks[k].newline_before
                    })
                    .find(|&k| matches!(cx.covered[k], Some(MentionKind::Organization | MentionKind::Country)));
                if let Some(k) = body_next {
                    i = k;
                    continue;
                }
            }
            // A department not listed, before its body: "Trưởng Ban Tuyên
            // truyền Trung ương Đảng …" (a capitalised word, one or two
            // lower-case ones, then an organisation or a country; not
            // "Nông Đức Mạnh").
            if t.word && t.cap && cx.covered[i].is_none() {
                let body_next = (i + 1..(i + 4).min(toks.len()))
                    .take_while(|&k| toks[k].word && !toks[k].newline_before)
                    .find(|&k| matches!(cx.covered[k], Some(MentionKind::Organization | MentionKind::Country)));
                let lower_between =
                    |k: usize| k >= i + 2 && (i + 1..k).all(|j| !toks[j].cap && cx.covered[j].is_none());
                if let Some(k) = body_next.filter(|&k| lower_between(k)) {
                    i = k;
                    continue;
                }
            }
            let w = &cx.text[t.norm.range()];
            if w == "tại" && matches!(cx.covered.get(i + 1), Some(Some(MentionKind::Country | MentionKind::Location)))
            {
                i += 1;
                continue;
            }
            // The body's country or body in brackets: "Khu ủy … Quảng Tây (Trung
            // Quốc) Bành Thanh Hoa", "Hội đồng Liên bang (Thượng viện) Nga".
            let close = (i + 2..toks.len().min(i + 8)).find(|&k| &cx.text[toks[k].norm.range()] == ")");
            if let (true, Some(close)) = (w == "(", close) {
                let gloss = |k: usize| {
                    matches!(
                        cx.covered[k],
                        Some(MentionKind::Country | MentionKind::Organization | MentionKind::Location)
                    )
                };
                if (i + 1..close).all(gloss) {
                    i = close + 1;
                    continue;
                }
            }
            // "Thủ tướng Chính phủ nước Cộng hòa Dân chủ Nhân dân Lào …".
            if w == "nước" && matches!(cx.covered.get(i + 1), Some(Some(MentionKind::Country))) {
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
    names: FastSet<String>,
    /// The first word of each: most tokens start none, and are told so by
    /// one lookup.
    first_words: FastSet<String>,
}

impl FromIterator<String> for Portfolios {
    fn from_iter<I: IntoIterator<Item = String>>(names: I) -> Portfolios {
        let names: FastSet<String> = names.into_iter().collect();
        let first_words = names.iter().map(|n| n.split(' ').next().unwrap_or("").to_string()).collect();
        Portfolios { names, first_words }
    }
}

/// A portfolio starting at token `i` ("Quốc phòng", "Ngoại giao"): the end token.
fn portfolio(cx: &Ctx<'_>, i: usize) -> Option<usize> {
    portfolio_end(cx.text, cx.tokens, cx.portfolios, i)
}

/// A portfolio from `portfolios` starting at token `i`: the end token.
pub(crate) fn portfolio_end(text: &str, tokens: &[Token], portfolios: &Portfolios, i: usize) -> Option<usize> {
    let t = tokens.get(i)?;
    if !t.word || !portfolios.first_words.contains(&text[t.norm.range()]) {
        return None;
    }
    let mut best = None;
    let mut j = i;
    // The words so far, joined by one space: a slice of the text while a
    // space (not a line break) parts them, else written out.
    let mut written: Option<String> = None;
    while j < tokens.len() && j < i + 6 {
        let tj = &tokens[j];
        if j > i {
            if !tj.space_before || !tj.word {
                break;
            }
            if text.as_bytes()[tj.norm.start - 1] != b' ' || tj.norm.start - tokens[j - 1].norm.end != 1 {
                written.get_or_insert_with(|| text[t.norm.start..tokens[j - 1].norm.end].to_string());
            }
            if let Some(w) = written.as_mut() {
                w.push(' ');
                w.push_str(&text[tj.norm.range()]);
            }
        }
        j += 1;
        let words = written.as_deref().unwrap_or(&text[t.norm.start..tj.norm.end]);
        if portfolios.names.contains(words) {
            best = Some(j);
        }
    }
    best
}

/// The most hyphenated pieces a part of a name holds.
const MAX_HYPHENATED: usize = 12;

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
        // Initials: "A. Cô-bi-a-cốp", "H.R. McMaster", "S.N. Zabgav".
        if t.norm.len() == 1 && t.cap {
            let dot = |k: usize| toks.get(k).is_some_and(|d| &cx.text[d.norm.range()] == "." && !d.space_before);
            let mut k = j;
            while dot(k) && toks.get(k + 1).is_some_and(|n| n.cap && n.norm.len() == 1 && !n.space_before) {
                k += 2;
            }
            if dot(k) && toks.get(k + 1).is_some_and(|n| n.cap && n.word && n.space_before) {
                j = k + 1;
            }
        }
        // Hyphenated parts: "Jae-min", "Nagorno-Karabakh", "An-đơ-rây-tren-cô".
        // A longer chain is no name (and walking it from each of its
        // capitalised pieces would be quadratic).
        let mut pieces = 1;
        while j + 1 < toks.len()
            && &cx.text[toks[j].norm.range()] == "-"
            && !toks[j].space_before
            && toks[j + 1].word
            && !toks[j + 1].space_before
        {
            if pieces == MAX_HYPHENATED {
                return None;
            }
            j += 2;
            pieces += 1;
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
            | GazetteerKind::Boilerplate
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
        h.rank = Some(one_space(&cue.text).into_owned());
        return;
    }
    let end = if body_end > body.start { cx.tokens[body_end - 1].span.end } else { cue.end };
    let phrase = phrase_without_country(cx, cue.start, end, body.start..body_end);
    h.titles.push(phrase);
    // The country named in the body, else the country of a body that
    // belongs to one ("Đảng Nhân dân Campuchia").
    let named = body.clone().find_map(|k| match cx.cue_at[k] {
        Some((GazetteerKind::Country, _, e)) if cx.covered[k] == Some(MentionKind::Country) => {
            Some(cx.g.entries[e].id.clone())
        }
        _ => None,
    });
    let owned = body.clone().find_map(|k| match cx.cue_at[k] {
        Some((GazetteerKind::Organization, _, e)) => cx.g.entries[e].attr_value("country").cloned(),
        _ => None,
    });
    // A country a title names wins over a body's own: "Ủy viên Bộ Chính
    // trị, Bí thư Ban Bí thư Trung ương Đảng Cộng sản Trung Quốc".
    match (named, owned) {
        (Some(c), _) if !h.country_named => {
            h.country = Some(c);
            h.country_named = true;
        }
        (None, Some(c)) if h.country.is_none() => h.country = Some(c),
        _ => {}
    }
}

/// The title phrase from `start` to `end`, without country names.
fn phrase_without_country(cx: &Ctx<'_>, start: usize, end: usize, body: Range<usize>) -> String {
    let mut out = String::new();
    let mut last = start;
    for k in body {
        if cx.covered[k] == Some(MentionKind::Country) {
            // "nước Cộng hòa … Lào", "tại Việt Nam" go with their country.
            let nuoc = k > 0
                && matches!(&cx.text[cx.tokens[k - 1].norm.range()], "nước" | "tại")
                && cx.tokens[k - 1].span.start >= last;
            let t = if nuoc { &cx.tokens[k - 1] } else { &cx.tokens[k] };
            out.push_str(&cx.original[last..t.span.start]);
            last = cx.tokens[k].span.end;
        }
    }
    out.push_str(&cx.original[last.min(end)..end]);
    // A country cut from the end leaves a space behind.
    out.truncate(out.trim_end_matches(' ').len());
    match one_space(&out) {
        Cow::Borrowed(_) => out,
        Cow::Owned(s) => s,
    }
}

/// A transcription in brackets right after the name: "Ted Osius (Tét O-xi-ớt)".
fn aliases(cx: &Ctx<'_>, h: &mut PersonHit) {
    let toks = cx.tokens;
    let word = |k: usize| word_at(cx.text, toks, k);
    let i = h.tokens.end;
    // A transcription may end in a lower-case syllable when the original
    // follows in brackets: "Na-oa Sa ríp (Nawar Sharif)".
    let lower = toks.get(i).is_some_and(|t| t.word && !t.cap && !t.digits && t.space_before) && word(i + 1) == "(";
    let open = if lower { i + 1 } else { i };
    if word(open) != "(" {
        return;
    }
    let Some(end) = name_run(cx, open + 1, true) else { return };
    if word(end) != ")" {
        return;
    }
    let latin = cx.original[toks[open + 1].span.range()].is_ascii() && end - (open + 1) >= 2;
    if lower && !latin {
        return;
    }
    if lower {
        *h = PersonHit { alias: None, ..extend(cx, h, i + 1) };
    }
    let span = Span::new(toks[open + 1].span.start, toks[end - 1].span.end);
    h.alias = Some(one_space(&cx.original[span.range()]).into_owned());
}

/// `h` with its name running to token `end`.
fn extend(cx: &Ctx<'_>, h: &PersonHit, end: usize) -> PersonHit {
    let longer = hit(cx, h.tokens.start..end, h.rule.clone());
    PersonHit { span: longer.span, norm: longer.norm, tokens: longer.tokens, ..h.clone() }
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
    // "X, Ủy viên …" or "X - Ủy viên … -".
    while toks.get(i).is_some_and(|t| is_separator(cx.text, t) && !t.newline_before) {
        let Some(t) = toks.get(i + 1) else { break };
        let at = mentions.partition_point(|m| m.start < t.span.start);
        let Some(m) =
            mentions[at..].iter().take_while(|m| m.start == t.span.start).find(|m| m.kind == MentionKind::Title)
        else {
            break;
        };
        // The title starts at token i + 1: walk to its end.
        let after = i + 1 + toks[i + 1..].iter().take_while(|t| t.span.start < m.end).count();
        let (next, body_end) = skip_body(cx, after, true);
        // "tiếp B, Chủ tịch nước A đề nghị": a title with a name of its own
        // is that name's.
        let honorific = matches!(cx.cue_at.get(next), Some(Some((GazetteerKind::Honorific, _, _))));
        if honorific || name_run(cx, next, true).is_some_and(|e| e >= next + 2) {
            break;
        }
        describe(cx, h, m, after..body_end, body_end);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;
    use crate::tokens::tokenize;

    #[test]
    fn portfolios_are_read_across_spaces_and_line_breaks() {
        let portfolios: Portfolios =
            ["quốc phòng", "công an", "kế hoạch và đầu tư"].map(String::from).into_iter().collect();
        for (text, words) in [
            ("Bộ trưởng Quốc phòng Lào", 2),
            ("Bộ trưởng Quốc\nphòng Lào", 2),
            ("Bộ trưởng Kế hoạch và\nĐầu tư", 5),
            ("Bộ trưởng Kế hoạch và", 0),
            ("Bộ trưởng Quốc-phòng", 0),
        ] {
            let n = normalize(text);
            let tokens = tokenize(text, &n);
            let end = portfolio_end(n.as_str(), &tokens, &portfolios, 2);
            assert_eq!(end, (words > 0).then_some(2 + words), "{text:?}");
        }
    }
}
