//! People, offices and organisations → the parties a meeting can have.
//!
//! A party is a person (with the title, rank or honorific written before
//! the name), a person described without a name ("Bộ trưởng Quốc phòng
//! Malaysia", "Đại sứ Hoa Kỳ": a title whose body names a country or an
//! organisation), or, after "làm việc với", an organisation. Titles in
//! apposition after a person ("A, Thứ trưởng Bộ Quốc phòng") describe that
//! person and are no party of their own; neither are open groups ("các
//! nghị sỹ Hoa Kỳ") nor spouses ("và Phu nhân B").

use crate::gazetteer::Gazetteers;
use crate::mentions::{Mention, MentionKind};
use crate::people::Person;
use crate::persons::PersonHit;
use crate::span::Span;
use crate::tokens::{is_separator, Token, TokenIndex};
use std::borrow::Cow;
use std::ops::Range;

/// A party in a sentence: a person, a described office, or an organisation.
#[derive(Debug, Clone)]
pub(crate) struct Party {
    /// Tokens of the whole party (title, rank and name).
    pub tokens: Range<usize>,
    pub span: Span,
    /// Index into the document's people, for persons.
    pub person: Option<usize>,
    pub country: Option<Cow<'static, str>>,
}

/// One document as the event rules see it.
pub(crate) struct Doc<'a> {
    pub original: &'a str,
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub mentions: &'a [Mention],
    pub people: &'a [Person],
    pub g: &'a Gazetteers,
    /// For each token, the outermost non-person mention covering it.
    pub cover: Vec<Option<usize>>,
    /// Each person's titles, normalised.
    pub titles: Vec<Vec<String>>,
    /// People by the first word of each of their titles (normalised), with
    /// the title's place in [`Doc::titles`].
    pub by_title: crate::hash::FastMap<String, Vec<(usize, usize)>>,
    /// Indices of the day- and month-level date mentions that may date
    /// later sentences, in order.
    pub dated: Vec<usize>,
    /// Indices of the years opening a sentence ("Năm 2006, …"), in order.
    pub years: Vec<usize>,
    /// Portfolios ("quốc phòng"), for offices written without "Bộ".
    pub portfolios: &'a crate::persons::Portfolios,
    /// Where the first line (the headline) of the original text ends.
    pub headline_end: usize,
    /// Token lookups by position.
    pub index: &'a TokenIndex,
    /// Offices described without a name, by their words and country: the
    /// two people first named who hold them ([`resolve_role`]).
    pub roles: std::cell::RefCell<Roles<'a>>,
    /// For a first word that begins many titles: the titles of
    /// [`Doc::by_title`] under it by each of their words, built when an
    /// office beginning with it is first described.
    pub title_words: std::cell::RefCell<crate::hash::FastMap<String, crate::hash::FastMap<String, Vec<usize>>>>,
}

/// Offices described without a name (their words, and country) and who
/// fits them.
pub(crate) type Roles<'a> = crate::hash::FastMap<(Vec<&'a str>, Option<String>), Fits>;

/// Up to two people, each with where the article first names them, in
/// that order.
pub(crate) type Fits = [Option<(usize, usize)>; 2];

impl<'a> Doc<'a> {
    /// The outermost mention other than a person covering token `tok`.
    pub fn covering(&self, tok: usize) -> Option<&Mention> {
        self.cover.get(tok).copied().flatten().map(|i| &self.mentions[i])
    }

    /// The normalised text of token `k`, or "" past the last token.
    pub fn word(&self, k: usize) -> &'a str {
        crate::tokens::word_at(self.text, self.tokens, k)
    }

    /// The first token at or after normalised byte `pos`.
    pub fn token_at(&self, pos: usize) -> usize {
        self.index.at(self.tokens, pos)
    }

    /// The first token at or after original byte `orig`.
    pub fn token_at_span(&self, orig: usize) -> usize {
        self.index.at_span(self.tokens, orig)
    }
}

/// For each token, the outermost mention (other than persons) covering it.
pub(crate) fn cover(tokens: &[Token], index: &TokenIndex, mentions: &[Mention]) -> Vec<Option<usize>> {
    let mut out = vec![None; tokens.len()];
    for (i, m) in mentions.iter().enumerate().filter(|(_, m)| m.kind != MentionKind::Person) {
        let a = index.at_span(tokens, m.start);
        for slot in out[a..].iter_mut().zip(&tokens[a..]).take_while(|(_, t)| t.span.end <= m.end).map(|(s, _)| s) {
            if slot.is_none_or(|j: usize| mentions[j].end - mentions[j].start < m.end - m.start) {
                *slot = Some(i);
            }
        }
    }
    out
}

/// The (at most [`Words::MAX`]) normalised words of the `n` tokens before
/// token `i`, without an allocation.
pub(crate) fn words_before<'a>(d: &Doc<'a>, i: usize, n: usize) -> Words<'a> {
    debug_assert!(n <= Words::MAX, "at most {} words", Words::MAX);
    let n = n.min(Words::MAX);
    let mut w = Words { buf: [""; Words::MAX], len: 0 };
    for t in &d.tokens[i.saturating_sub(n)..i] {
        w.buf[w.len] = &d.text[t.norm.range()];
        w.len += 1;
    }
    w
}

/// A few words, read as a slice.
pub(crate) struct Words<'a> {
    buf: [&'a str; Words::MAX],
    len: usize,
}

impl Words<'_> {
    pub const MAX: usize = 16;
}

impl<'a> std::ops::Deref for Words<'a> {
    type Target = [&'a str];

    fn deref(&self) -> &[&'a str] {
        &self.buf[..self.len]
    }
}

/// Parties in the document, in order: persons with their title or rank
/// before them, described offices, organisations.
pub(crate) fn parties(d: &Doc<'_>, hits: &[PersonHit]) -> Vec<Party> {
    let toks = d.tokens;
    let mut out: Vec<Party> = Vec::new();
    let person_of: crate::hash::FastMap<Span, usize> =
        d.people.iter().enumerate().flat_map(|(i, p)| p.mentions.iter().map(move |s| (*s, i))).collect();
    // Where the last party ends: a party never starts inside it.
    let mut prev_end = 0;
    for h in hits {
        // "Chủ tịch nước A và Phu nhân B": a spouse comes along, no party.
        if *words_before(d, h.intro, 2) == ["phu", "nhân"] || h.intro < prev_end {
            continue;
        }
        let person = person_of.get(&h.span).copied();
        // The party starts where its title, rank or honorific starts.
        let mut start = h.intro;
        // The words of the person's titles, gathered when first asked.
        let mut own_words: Option<crate::hash::FastSet<&str>> = None;
        // Never across a line break: a headline ending in a country is no title.
        while start > prev_end && !toks[start].newline_before {
            let t = &toks[start - 1];
            let covered = d.covering(start - 1).is_some_and(|m| {
                matches!(
                    m.kind,
                    MentionKind::Title
                        | MentionKind::Rank
                        | MentionKind::Organization
                        | MentionKind::Country
                        | MentionKind::Location
                )
            });
            let w = &d.text[t.norm.range()];
            let honorific = t.word && !t.cap && matches!(w, "ông" | "bà" | "ngài");
            // A lower-case word of the person's own title ("phòng" of "Quốc
            // phòng"), never a conjunction that lists them ("… và Đại diện"),
            // and only after a word of a title (capitalised, or a mention):
            // "giao" of "chào xã giao Bộ trưởng Ngoại giao …" is the verb's.
            let mut own_word = || {
                t.word
                    && !t.cap
                    && !matches!(w, "và" | "với" | "cùng" | "của" | "cho" | "tại")
                    && start >= 2
                    && (toks[start - 2].cap || d.covering(start - 2).is_some())
                    && own_words
                        .get_or_insert_with(|| h.titles.iter().flat_map(|x| x.split(' ')).collect())
                        .contains(&d.original[t.span.range()])
            };
            if covered || honorific || own_word() {
                start -= 1;
            } else {
                break;
            }
        }
        prev_end = h.tokens.end;
        out.push(Party {
            tokens: start..h.tokens.end,
            span: Span::new(toks[start].span.start, toks[h.tokens.end - 1].span.end),
            person,
            country: h.country.clone(),
        });
    }
    out.sort_by_key(|u| u.tokens.start);
    // Described offices: a title whose body names a country or an organisation,
    // with no name after it, not in apposition to a party.
    let mut in_unit = vec![false; toks.len()];
    let mut ends = vec![false; toks.len() + 1];
    for u in &out {
        in_unit[u.tokens.clone()].iter_mut().for_each(|x| *x = true);
        ends[u.tokens.end] = true;
        // A transcription in brackets after a name: "Ted Osius (Tét O-xi-ớt), Đại sứ …".
        if toks.get(u.tokens.end).is_some_and(|t| &d.text[t.norm.range()] == "(") {
            let close =
                (u.tokens.end..toks.len().min(u.tokens.end + 16)).find(|&k| &d.text[toks[k].norm.range()] == ")");
            if let Some(k) = close {
                ends[k + 1] = true;
            }
        }
    }
    let mut roles = Vec::new();
    for m in d.mentions.iter().filter(|m| m.kind == MentionKind::Title) {
        let i = d.token_at_span(m.start);
        if in_unit.get(i).is_none_or(|&x| x) {
            continue;
        }
        let mut j = d.token_at_span(m.end);
        let mut country = None;
        let mut body = false;
        // Never into a person's own party: "Ngoại trưởng T Singapore Tiêu …".
        while j < toks.len() && !toks[j].newline_before && !in_unit[j] {
            let t = &toks[j];
            let Some(c) = d.covering(j).filter(|c| c.kind != MentionKind::Date) else {
                let w = &d.text[t.norm.range()];
                // "Tỉnh trưởng tỉnh Hải Nam", "Thủ tướng nước …": the place's own word.
                let place_next =
                    d.covering(j + 1).is_some_and(|m| matches!(m.kind, MentionKind::Location | MentionKind::Country));
                if matches!(w, "tỉnh" | "thành" | "phố" | "bang" | "thủ" | "đô" | "nước")
                    && (place_next || w == "thành" || w == "thủ")
                {
                    j += 1;
                    continue;
                }
                // The body's country in brackets, no part of the text: "…
                // tỉnh Hải Nam (Trung Quốc)".
                if w == "(" && (body || country.is_some()) {
                    if let Some(m) = d.covering(j + 1).filter(|m| m.kind == MentionKind::Country) {
                        let close = d.token_at_span(m.end);
                        if toks.get(close).is_some_and(|t| &d.text[t.norm.range()] == ")") {
                            country = m.id.clone();
                        }
                    }
                }
                // A portfolio ("Quốc phòng"), or capitalised words after the title.
                if !body && country.is_none() {
                    if let Some(end) = crate::persons::portfolio_end(d.text, toks, d.portfolios, j) {
                        j = end;
                        continue;
                    }
                    if t.word && t.cap {
                        j += 1;
                        continue;
                    }
                }
                break;
            };
            if c.kind == MentionKind::Country {
                country = c.id.clone();
            } else if matches!(c.kind, MentionKind::Organization | MentionKind::Location) {
                // A news agency's correspondent is no party ("Đặc phái viên TTXVN").
                let media =
                    c.id.as_deref()
                        .and_then(|id| d.g.get(crate::gazetteer::GazetteerKind::Organization, id))
                        .and_then(|e| e.attr("type"))
                        == Some("media");
                if media {
                    body = false;
                    country = None;
                    break;
                }
                body = true;
            } else {
                break;
            }
            j = d.token_at_span(c.end).max(j + 1);
        }
        // The same office in listed places: "Bí thư Tỉnh ủy các tỉnh Quảng
        // Ninh, Lạng Sơn, Hà Giang, Cao Bằng" is one party. Like the body,
        // never into a person's party (a country before "Tổng Bí thư N" is
        // part of it).
        if body {
            j = listed_places(d, j).filter(|&e| !in_unit[j..e].iter().any(|&x| x)).unwrap_or(j);
        }
        // Apposition: "A, Ủy viên Trung ương Đảng, Thứ trưởng Bộ Quốc phòng"
        // describes A. Back from the comma before it, over earlier offices
        // (words of a title, body or country, capitalised words) and commas,
        // to the end of a party.
        // (A few lower-case words may belong to a name: "Đảng Cộng sản".)
        let separator = |t: &Token| is_separator(d.text, t);
        let prev_comma = i > 0 && separator(&toks[i - 1]);
        let mut k = i.saturating_sub(1);
        let mut loose = 0;
        while prev_comma && k > 0 && !ends[k] && i - k < 40 {
            let t = &toks[k - 1];
            let office_word = t.cap || d.covering(k - 1).is_some_and(|m| m.kind != MentionKind::Date);
            loose += usize::from(!office_word && t.word);
            if !(office_word || t.word || separator(t)) || loose > 2 || toks[k].newline_before {
                break;
            }
            k -= 1;
        }
        if prev_comma && ends[k] {
            ends[j] = true;
            continue;
        }
        // "các nghị sỹ Hoa Kỳ", "ba Bộ trưởng Ngoại giao" are groups, no party.
        let group = i > 0 && {
            let t = &toks[i - 1];
            t.digits
                || matches!(&d.text[t.norm.range()], "các" | "những" | "nhiều" | "một" | "mấy" | "số" | "hai" | "ba")
        };
        // "Bộ trưởng Quốc phòng ASEAN-Hoa Kỳ" names a meeting's format: the
        // ministers of both sides, no one party.
        let format = toks.get(j).is_some_and(|t| &d.text[t.norm.range()] == "-")
            && d.covering(j + 1).is_some_and(|c| matches!(c.kind, MentionKind::Country | MentionKind::Organization));
        if (country.is_none() && !body) || group || format {
            continue;
        }
        let span = Span::new(toks[i].span.start, toks[j - 1].span.end);
        let person = resolve_role(d, i..j, country.as_deref());
        // A list of offices ("với Bộ trưởng Quốc phòng Malaysia, Bộ trưởng …")
        // names several parties: only persons take titles in apposition.
        roles.push(Party { tokens: i..j, span, person, country });
    }
    // One person's offices in a row: "Chủ tịch Đảng CPP, Chủ tịch Thượng
    // viện Campuchia" (no "và", no second country) is one party.
    let roles = merge_office_chains(d, roles);
    // Offices listed before a name describe that person and are part of
    // their party: "Chủ tịch Đảng Nhân dân Campuchia, Chủ tịch Thượng viện
    // Campuchia Samdech Techo Hun Sen". Walk backwards so a chain of them
    // goes. (A list of different countries' ministers stays a list of
    // parties.)
    let mut starts: crate::hash::FastMap<usize, usize> =
        out.iter().enumerate().map(|(k, u)| (u.tokens.start, k)).collect();
    let mut kept_roles = Vec::with_capacity(roles.len());
    for u in roles.into_iter().rev() {
        let j = u.tokens.end;
        // "Bộ trưởng Quốc phòng Mỹ khi đó là ông James Mattis" too.
        let word = |k: usize| d.word(k);
        let skip = match (word(j), word(j + 1), word(j + 2)) {
            (",", _, _) | ("là", _, _) => 1,
            ("khi" | "lúc", "đó" | "ấy", "là") => 3,
            _ => 0,
        };
        let next = (skip > 0).then(|| starts.get(&(j + skip)).copied()).flatten();
        let owner = next.filter(|&k| u.country.is_none() || out[k].country.is_none() || out[k].country == u.country);
        match owner {
            Some(k) => {
                out[k].tokens.start = u.tokens.start;
                out[k].span.start = u.span.start;
                starts.insert(u.tokens.start, k);
            }
            None => kept_roles.push(u),
        }
    }
    kept_roles.reverse();
    for u in &kept_roles {
        in_unit[u.tokens.clone()].iter_mut().for_each(|x| *x = true);
    }
    out.extend(kept_roles);
    // Organisations met with: "làm việc với Công ty Nippon Koei".
    let mut last_org_end: Option<usize> = None;
    for m in d.mentions.iter().filter(|m| m.kind == MentionKind::Organization) {
        let i = d.token_at_span(m.start);
        if i < 3 || in_unit.get(i).is_none_or(|&x| x) {
            continue;
        }
        let before = words_before(d, i, 2);
        // "làm việc với các cơ quan như A, B": a list introduced by "như"/"gồm"
        // after "làm việc với" a few words back.
        let introduced = matches!(words_before(d, i, 1).first().copied(), Some("như" | "gồm"))
            && words_before(d, i, 14).windows(2).any(|w| w == ["việc", "với"]);
        // "làm việc với A, B và C": the organisations listed after the first.
        let listed = last_org_end.is_some_and(|e| {
            let gap = d.text[toks[e - 1].norm.end..toks[i].norm.start].trim();
            matches!(gap, "," | "và" | ", và")
        });
        let after_lam_viec_voi = matches!(*before, [w, "với"] if w.ends_with("việc"));
        if after_lam_viec_voi || listed || introduced {
            let j = d.token_at_span(m.end);
            out.push(Party { tokens: i..j, span: m.span(), person: None, country: m.country.clone() });
            last_org_end = Some(j);
        } else if last_org_end.is_some_and(|e| e <= i) {
            last_org_end = None;
        }
    }
    out.sort_by_key(|u| u.tokens.start);
    debug_assert!(out.windows(2).all(|w| w[0].tokens.end <= w[1].tokens.start), "parties overlap");
    out
}

/// After an office's body, "các tỉnh" (thành phố, nước) and the places
/// listed: the token after the last place.
fn listed_places(d: &Doc<'_>, j: usize) -> Option<usize> {
    let word = |k: usize| d.word(k);
    let place = |k: usize| d.covering(k).filter(|m| matches!(m.kind, MentionKind::Location | MentionKind::Country));
    if word(j) != "các" {
        return None;
    }
    let mut k = j + 1;
    while k < j + 4 && place(k).is_none() && d.tokens.get(k).is_some_and(|t| t.word && !t.cap) {
        k += 1;
    }
    let mut end = None;
    while let Some(m) = place(k) {
        k = d.token_at_span(m.end).max(k + 1);
        end = Some(k);
        match word(k) {
            "," | "và" if place(k + 1).is_some() => k += 1,
            _ => break,
        }
    }
    end
}

/// Offices joined by a comma, of one country (or none said), with no "và"
/// after them: one person's offices, one party. ("A, B và C" lists three.)
fn merge_office_chains(d: &Doc<'_>, roles: Vec<Party>) -> Vec<Party> {
    let word = |k: usize| d.word(k);
    let joined = |a: &Party, b: &Party, sep: &str| b.tokens.start == a.tokens.end + 1 && word(a.tokens.end) == sep;
    let agree = |a: &Party, b: &Party| a.country.is_none() || b.country.is_none() || a.country == b.country;
    // Runs of comma-joined offices that agree.
    let mut runs: Vec<Vec<Party>> = Vec::new();
    for u in roles {
        match runs.last_mut() {
            Some(run) if run.last().is_some_and(|p| joined(p, &u, ",") && agree(p, &u)) => run.push(u),
            _ => runs.push(vec![u]),
        }
    }
    let mut out = Vec::new();
    for (i, run) in runs.iter().enumerate() {
        let listed =
            runs.get(i + 1).is_some_and(|next| joined(run.last().expect("runs are not empty"), &next[0], "và"));
        if run.len() == 1 || listed {
            out.extend(run.iter().cloned());
            continue;
        }
        let mut p = run[0].clone();
        for u in &run[1..] {
            p.tokens.end = u.tokens.end;
            p.span.end = u.span.end;
            p.person = p.person.or(u.person);
            p.country = p.country.or_else(|| u.country.clone());
        }
        out.push(p);
    }
    out
}

/// A described office that names someone the article names: "Bộ trưởng
/// Quốc phòng Việt Nam" once the minister was named, "Đại sứ Iran" in a
/// headline before the body names him. Every word of the office but its
/// country is in one of the person's titles, the countries agree, and one
/// person fits. Who fits an office is the same wherever it is written,
/// so it is found once per office and country ([`Doc::roles`]); only who
/// was named before it differs.
fn resolve_role(d: &Doc<'_>, office: Range<usize>, country: Option<&str>) -> Option<usize> {
    let words: Vec<&str> = office
        .clone()
        .filter(|&k| d.tokens[k].word && d.covering(k).is_none_or(|m| m.kind != MentionKind::Country))
        .map(|k| &d.text[d.tokens[k].norm.range()])
        .collect();
    let at = d.tokens[office.start].span.start;
    let headline = at < d.headline_end;
    let key = (words, country.map(str::to_string));
    let mut roles = d.roles.borrow_mut();
    let fits = match roles.get(&key) {
        Some(&fits) => fits,
        None => {
            let fits = holders(d, &key.0, country)?;
            roles.insert(key, fits);
            fits
        }
    };
    named_one(fits, at, headline)
}

/// The people whose titles hold every word of an office, and who are of
/// `country` if one is said: the two first named ([`first_two`]). `None`
/// if no title begins with the office's first word.
fn holders(d: &Doc<'_>, words: &[&str], country: Option<&str>) -> Option<Fits> {
    let first = *words.first()?;
    let cands = d.by_title.get(first)?;
    let fit = |&(p, x): &(usize, usize)| {
        (country.is_none_or(|c| d.people[p].country.as_deref() == Some(c))
            && words.iter().all(|w| d.titles[p][x].split(' ').any(|y| y == *w)))
        .then(|| (d.people[p].mentions.first().map_or(usize::MAX, |m| m.start), p))
    };
    if cands.len() <= TITLES_IN_TURN {
        return Some(first_two(cands.iter().filter_map(fit)));
    }
    // Many titles begin with that word: those holding every word of the
    // office are among those holding its rarest.
    let mut by_word = d.title_words.borrow_mut();
    let postings = by_word.entry(first.to_string()).or_insert_with(|| {
        let mut postings: crate::hash::FastMap<String, Vec<usize>> = Default::default();
        for (i, &(p, x)) in cands.iter().enumerate() {
            for w in d.titles[p][x].split(' ') {
                let list = postings.entry(w.to_string()).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        postings
    });
    let rarest = words.iter().map(|w| postings.get(*w).map_or(&[][..], Vec::as_slice)).min_by_key(|l| l.len())?;
    Some(first_two(rarest.iter().filter_map(|&i| fit(&cands[i]))))
}

/// The most titles beginning with an office's first word that are tried
/// in turn; past that, they are looked up by word ([`Doc::title_words`]).
const TITLES_IN_TURN: usize = 16;

/// Of people given with where the article first names them (each perhaps
/// more than once), the two first named.
fn first_two(people: impl IntoIterator<Item = (usize, usize)>) -> Fits {
    let mut fits: Fits = [None; 2];
    for fit in people {
        if fits.contains(&Some(fit)) {
            continue;
        }
        if fits[0].is_none_or(|f| fit < f) {
            fits = [Some(fit), fits[0]];
        } else if fits[1].is_none_or(|f| fit < f) {
            fits[1] = Some(fit);
        }
    }
    fits
}

/// The person an office written at `at` describes, of those who fit it
/// (the two first named): the one named before it (or anywhere, for an
/// office in the headline), if no other is.
fn named_one(fits: Fits, at: usize, headline: bool) -> Option<usize> {
    let (first, one) = fits[0]?;
    let alone = match fits[1] {
        None => true,
        // Named before: the second named is not.
        Some((second, _)) => !headline && second >= at,
    };
    ((first < at || headline) && alone).then_some(one)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The two first named decide as all who fit would: one person named
    /// before the office (or anywhere, in a headline), and no other.
    #[test]
    fn the_two_first_named_decide_as_all_who_fit() {
        let mut next = crate::hash::numbers(0x9e37_79b9_u64);
        for _ in 0..2_000 {
            // People 0..6, each first named at one place (or never: MAX),
            // some fitting more than once (several titles).
            let named: Vec<usize> = (0..6).map(|_| if next(5) == 0 { usize::MAX } else { next(50) }).collect();
            let fit: Vec<(usize, usize)> = (0..next(8)).map(|_| next(6)).map(|p| (named[p], p)).collect();
            let at = next(60);
            for headline in [false, true] {
                let mut before: Vec<usize> = fit.iter().filter(|(n, _)| *n < at || headline).map(|f| f.1).collect();
                before.sort_unstable();
                before.dedup();
                let want = match before[..] {
                    [one] => Some(one),
                    _ => None,
                };
                assert_eq!(named_one(first_two(fit.iter().copied()), at, headline), want, "{fit:?} at {at}");
            }
        }
    }
}
