//! Gazetteers: the data files in `gazetteers/`, parsed into entries and the
//! surfaces that name them. The format is described in `gazetteers/README.md`.

use crate::error::Error;
use crate::hash::FastMap;
use serde::Serialize;
use std::borrow::Cow;
use std::fmt;

/// Which list a gazetteer file feeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum GazetteerKind {
    /// Countries and territories; ids are ISO 3166-1 alpha-2 codes.
    Country,
    /// Military and police ranks.
    Rank,
    /// Positions (chức vụ), without their body.
    Title,
    /// Words before a title that change the office: Phó, Quyền, nguyên…
    Modifier,
    /// Ministries, parties, agencies, forums, companies, media.
    Organization,
    /// Head words that open an organisation name no list can hold:
    /// "Ủy ban …", "Công ty …", "Đại sứ quán …".
    OrgHead,
    /// Cities, provinces, regions, venues.
    Location,
    /// Words that report a meeting (gặp, hội đàm, tiếp…), or block one
    /// (`type=none`: tiếp tục, gặp khó khăn).
    Trigger,
    /// Words that introduce a person: ông, bà, ngài, đồng chí…
    Honorific,
    /// Vietnamese family names.
    Surname,
    /// Headings of lists of links to other articles: Tin liên quan, Xem
    /// thêm… No mention: a meeting under one is another article's.
    Boilerplate,
}

impl GazetteerKind {
    /// Every kind, in the order the built-in files are loaded.
    pub const ALL: [GazetteerKind; 11] = [
        GazetteerKind::Country,
        GazetteerKind::Rank,
        GazetteerKind::Title,
        GazetteerKind::Modifier,
        GazetteerKind::Organization,
        GazetteerKind::OrgHead,
        GazetteerKind::Location,
        GazetteerKind::Trigger,
        GazetteerKind::Honorific,
        GazetteerKind::Surname,
        GazetteerKind::Boilerplate,
    ];

    /// The built-in file for this kind, under `gazetteers/`.
    pub fn file_name(self) -> &'static str {
        match self {
            GazetteerKind::Country => "countries.tsv",
            GazetteerKind::Rank => "ranks.tsv",
            GazetteerKind::Title => "titles.tsv",
            GazetteerKind::Modifier => "modifiers.tsv",
            GazetteerKind::Organization => "organizations.tsv",
            GazetteerKind::OrgHead => "org_heads.tsv",
            GazetteerKind::Location => "locations.tsv",
            GazetteerKind::Trigger => "triggers.tsv",
            GazetteerKind::Honorific => "honorifics.tsv",
            GazetteerKind::Surname => "surnames.tsv",
            GazetteerKind::Boilerplate => "boilerplate.tsv",
        }
    }

    /// The rule id of mentions from the built-in file: `gazetteer:` and
    /// the file's stem.
    fn builtin_rule(self) -> &'static str {
        match self {
            GazetteerKind::Country => "gazetteer:countries",
            GazetteerKind::Rank => "gazetteer:ranks",
            GazetteerKind::Title => "gazetteer:titles",
            GazetteerKind::Modifier => "gazetteer:modifiers",
            GazetteerKind::Organization => "gazetteer:organizations",
            GazetteerKind::OrgHead => "gazetteer:org_heads",
            GazetteerKind::Location => "gazetteer:locations",
            GazetteerKind::Trigger => "gazetteer:triggers",
            GazetteerKind::Honorific => "gazetteer:honorifics",
            GazetteerKind::Surname => "gazetteer:surnames",
            GazetteerKind::Boilerplate => "gazetteer:boilerplate",
        }
    }

    /// The built-in data for this kind, embedded at compile time.
    pub fn builtin(self) -> &'static str {
        match self {
            GazetteerKind::Country => include_str!("../gazetteers/countries.tsv"),
            GazetteerKind::Rank => include_str!("../gazetteers/ranks.tsv"),
            GazetteerKind::Title => include_str!("../gazetteers/titles.tsv"),
            GazetteerKind::Modifier => include_str!("../gazetteers/modifiers.tsv"),
            GazetteerKind::Organization => include_str!("../gazetteers/organizations.tsv"),
            GazetteerKind::OrgHead => include_str!("../gazetteers/org_heads.tsv"),
            GazetteerKind::Location => include_str!("../gazetteers/locations.tsv"),
            GazetteerKind::Trigger => include_str!("../gazetteers/triggers.tsv"),
            GazetteerKind::Honorific => include_str!("../gazetteers/honorifics.tsv"),
            GazetteerKind::Surname => include_str!("../gazetteers/surnames.tsv"),
            GazetteerKind::Boilerplate => include_str!("../gazetteers/boilerplate.tsv"),
        }
    }

    /// Whether surfaces of this kind need a capital first letter in the
    /// text unless the entry says `case=any` (proper names of places).
    pub(crate) fn needs_capital(self) -> bool {
        matches!(self, GazetteerKind::Country | GazetteerKind::Location)
    }
}

impl GazetteerKind {
    /// The kind's name: `country`, `org_head`, `trigger`…
    pub fn name(self) -> &'static str {
        match self {
            GazetteerKind::Country => "country",
            GazetteerKind::Rank => "rank",
            GazetteerKind::Title => "title",
            GazetteerKind::Modifier => "modifier",
            GazetteerKind::Organization => "organization",
            GazetteerKind::OrgHead => "org_head",
            GazetteerKind::Location => "location",
            GazetteerKind::Trigger => "trigger",
            GazetteerKind::Honorific => "honorific",
            GazetteerKind::Surname => "surname",
            GazetteerKind::Boilerplate => "boilerplate",
        }
    }
}

impl fmt::Display for GazetteerKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for GazetteerKind {
    type Err = Error;

    /// Parse a kind's name (`country`) or its file's (`countries.tsv`).
    fn from_str(s: &str) -> Result<GazetteerKind, Error> {
        GazetteerKind::ALL
            .into_iter()
            .find(|k| k.name() == s || k.file_name() == s || k.file_name().trim_end_matches(".tsv") == s)
            .ok_or_else(|| Error::input(format!("unknown gazetteer kind {s:?}")))
    }
}

/// One gazetteer entry: an id, its canonical form and its attributes.
///
/// The strings borrow the built-in data (embedded in the binary) and own
/// what was added at run time, so the mentions that copy them cost no
/// allocation for the built-in lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The list it belongs to.
    pub kind: GazetteerKind,
    /// Stable id (an ISO code for countries).
    pub id: Cow<'static, str>,
    /// Preferred written form.
    pub canonical: Cow<'static, str>,
    /// `key=value` attributes, in file order.
    pub attrs: Vec<(Cow<'static, str>, Cow<'static, str>)>,
    /// Where the entry was first defined (`countries.tsv`, a user name).
    pub source: Cow<'static, str>,
    /// The rule id of its mentions: `gazetteer:` and the source without
    /// `.tsv` (`gazetteer:countries`).
    pub rule: Cow<'static, str>,
}

impl Entry {
    /// The value of attribute `key`, if set.
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attr_value(key).map(|v| &**v)
    }

    /// The value of attribute `key`, as stored (cheap to clone).
    pub(crate) fn attr_value(&self, key: &str) -> Option<&Cow<'static, str>> {
        self.attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

/// Where entries come from: a name for errors, and their mentions' rule id.
struct Source {
    name: Cow<'static, str>,
    rule: Cow<'static, str>,
}

/// A trigger's attributes, read by the same functions the event rules use
/// (see `gazetteers/triggers.tsv`): a misspelt value would otherwise make a
/// meeting of the wrong type, or with the wrong roles, without a word. A
/// new entry needs a `type`; a line adding to an existing one need not
/// repeat it.
fn check_trigger(attrs: &[(Cow<'static, str>, Cow<'static, str>)], exists: bool) -> Result<(), String> {
    use crate::events::EventType;
    let types = || EventType::ALL.map(EventType::name).join(", ") + ", none";
    for (k, v) in attrs {
        let ok = match &**k {
            "type" => v == "none" || EventType::from_name(v).is_some(),
            "roles" => crate::shapes::parse_roles(v).is_some(),
            "form" => matches!(&**v, "verb" | "noun"),
            _ => true,
        };
        if !ok {
            let expected = match &**k {
                "type" => types(),
                "roles" => "symmetric, host-first, guest-first".to_string(),
                _ => "verb, noun".to_string(),
            };
            return Err(format!("trigger attribute {k}={v}: expected one of {expected}"));
        }
    }
    if !exists && !attrs.iter().any(|(k, _)| k == "type") {
        return Err(format!("a trigger needs type=<one of {}>", types()));
    }
    Ok(())
}

/// Restrictions on where a surface may match.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flags {
    /// Only joined by a dash to another country ("Việt - Trung").
    pub pair: bool,
    /// Only with a capital first letter.
    pub cap: bool,
    /// Only in capitals (an all-capital abbreviation: "CAO", "TTXVN").
    pub upper: bool,
}

/// A written form of an entry.
#[derive(Debug, Clone)]
pub struct Surface {
    /// As written in the gazetteer (borrowed from the built-in data).
    pub text: Cow<'static, str>,
    /// Index into [`Gazetteers::entries`].
    pub entry: usize,
    /// Where it may match.
    pub flags: Flags,
}

/// All loaded entries and surfaces, built-in and user-supplied.
#[derive(Debug, Clone, Default)]
pub struct Gazetteers {
    /// Every entry.
    pub entries: Vec<Entry>,
    /// Every surface, pointing at its entry.
    pub surfaces: Vec<Surface>,
    /// Entries by id, one map per kind (looked up with a `&str`).
    index: [FastMap<Cow<'static, str>, usize>; GazetteerKind::ALL.len()],
    /// Each surface's text normalised, as `add` checked it: what the
    /// matcher is built from; one buffer, a range per surface.
    normalized: Vec<std::ops::Range<usize>>,
    normalized_text: crate::normalize::Arena,
    /// One-word country names of five letters or more, normalised, with
    /// their entry: what a misspelt country ("Cananda") is checked against.
    country_words: Vec<(String, usize)>,
}

impl Gazetteers {
    /// The built-in lists.
    pub fn builtin() -> Result<Gazetteers, Error> {
        let mut g = Gazetteers::default();
        for kind in GazetteerKind::ALL {
            let source = Source { name: Cow::Borrowed(kind.file_name()), rule: Cow::Borrowed(kind.builtin_rule()) };
            g.add_text(kind, source, kind.builtin(), Cow::Borrowed)?;
        }
        Ok(g)
    }

    /// Parse `text` (the TSV format) as entries of `kind`. `source` names
    /// the data in errors. A line whose id already exists (from another
    /// source) adds its aliases and attributes to that entry.
    pub fn add(&mut self, kind: GazetteerKind, source: &str, text: &str) -> Result<(), Error> {
        let rule = format!("gazetteer:{}", source.strip_suffix(".tsv").unwrap_or(source));
        let source = Source { name: Cow::Owned(source.to_string()), rule: Cow::Owned(rule) };
        self.add_text(kind, source, text, |s| Cow::Owned(s.to_string()))
    }

    /// [`Gazetteers::add`], keeping the strings of `text` as `keep` gives
    /// them: borrowed from static data, or owned.
    fn add_text<'t>(
        &mut self,
        kind: GazetteerKind,
        src: Source,
        text: &'t str,
        keep: impl Fn(&'t str) -> Cow<'static, str>,
    ) -> Result<(), Error> {
        let source: &str = &src.name;
        let mut seen_here: FastMap<&str, usize> = FastMap::default();
        // A line's surfaces: (text, flags, normalised range).
        let mut pending: Vec<(&str, Flags, std::ops::Range<usize>)> = Vec::new();
        for (n, raw) in split_ascii(text, b'\n').enumerate() {
            let line_no = n + 1;
            let line = raw.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let err = |reason: &str| Error::gazetteer(source, line_no, line, reason);
            let mut cols = [""; 4];
            let mut n_cols = 0;
            for col in split_ascii(line, b'\t') {
                if n_cols == cols.len() {
                    return Err(err("more than four tab-separated columns"));
                }
                cols[n_cols] = col;
                n_cols += 1;
            }
            if n_cols < 2 {
                return Err(err("expected `id<TAB>canonical[<TAB>aliases[<TAB>attributes]]`"));
            }
            let id = cols[0].trim();
            if id.is_empty() || id.contains(char::is_whitespace) {
                return Err(err("the id is empty or contains spaces"));
            }
            let canonical = cols[1].trim();
            if canonical.is_empty() {
                return Err(err("the canonical form is empty"));
            }
            let (canonical, canonical_flags) = parse_flags(canonical).map_err(|e| err(&e))?;
            if let Some(prev) = seen_here.insert(id, line_no) {
                return Err(err(&format!("id {id:?} already defined on line {prev}")));
            }
            let mut attrs = Vec::new();
            if n_cols > 3 {
                let a = cols[3];
                for pair in split_ascii(a, b';').map(str::trim).filter(|p| !p.is_empty()) {
                    let Some((k, v)) = pair.split_once('=') else {
                        return Err(err(&format!("attribute {pair:?} is not key=value")));
                    };
                    let (k, v) = (k.trim(), v.trim());
                    if k.is_empty() || v.is_empty() {
                        return Err(err(&format!("attribute {pair:?} has an empty key or value")));
                    }
                    attrs.push((keep(k), keep(v)));
                }
            }
            if kind == GazetteerKind::Trigger {
                check_trigger(&attrs, self.index[kind as usize].contains_key(id)).map_err(|e| err(&e))?;
            }
            let any_case = attrs.iter().any(|(k, v)| k == "case" && v == "any");
            // Every surface is read and normalised before the entry is
            // stored: a line in error adds nothing.
            let mark = self.normalized_text.text().len();
            pending.clear();
            let aliases = split_ascii(cols[2], b'|').map(str::trim).filter(|s| !s.is_empty()).map(parse_flags);
            for parsed in std::iter::once(Ok((canonical, canonical_flags))).chain(aliases) {
                let surface = parsed.and_then(|(text, flags)| {
                    let range = self.normalized_text.push(text);
                    match self.normalized_text.text()[range.clone()].trim().is_empty() {
                        true => Err(format!("surface {text:?} is empty after normalisation")),
                        false => Ok((text, flags, range)),
                    }
                });
                match surface {
                    Ok(s) => pending.push(s),
                    Err(e) => {
                        self.normalized_text.truncate(mark);
                        return Err(err(&e));
                    }
                }
            }
            let entry = match self.index[kind as usize].get(id) {
                Some(&e) => {
                    self.entries[e].attrs.extend(attrs);
                    e
                }
                None => {
                    self.entries.push(Entry {
                        kind,
                        id: keep(id),
                        canonical: keep(canonical),
                        attrs,
                        source: src.name.clone(),
                        rule: src.rule.clone(),
                    });
                    let e = self.entries.len() - 1;
                    self.index[kind as usize].insert(keep(id), e);
                    e
                }
            };
            for (text, mut flags, range) in pending.drain(..) {
                let norm = &self.normalized_text.text()[range.clone()];
                flags.upper = is_abbreviation(text);
                flags.cap |= kind.needs_capital() && !any_case;
                if kind == GazetteerKind::Country && !flags.pair && !norm.contains(' ') && norm.chars().count() >= 5 {
                    self.country_words.push((norm.to_string(), entry));
                }
                self.normalized.push(range);
                self.surfaces.push(Surface { text: keep(text), entry, flags });
            }
        }
        Ok(())
    }

    /// Each surface with its normalised text.
    pub(crate) fn normalized_surfaces(&self) -> impl Iterator<Item = (&Surface, &str)> {
        debug_assert_eq!(self.surfaces.len(), self.normalized.len(), "surfaces are added by `add`");
        self.surfaces.iter().zip(self.normalized.iter().map(|r| &self.normalized_text.text()[r.clone()]))
    }

    /// The entry of `kind` with this id.
    pub fn get(&self, kind: GazetteerKind, id: &str) -> Option<&Entry> {
        self.index[kind as usize].get(id).map(|&i| &self.entries[i])
    }

    /// The country a normalised one-word `word` misspells by one letter
    /// ("cananda"), if exactly one fits.
    pub(crate) fn misspelt_country(&self, word: &str) -> Option<&Entry> {
        let n = word.chars().count();
        if n < 5 {
            return None;
        }
        let mut fits = self
            .country_words
            .iter()
            .filter(|(w, _)| w.chars().count().abs_diff(n) <= 1 && w != word && crate::people::one_edit(w, word))
            .map(|&(_, e)| e);
        let first = fits.next()?;
        fits.all(|e| e == first).then(|| &self.entries[first])
    }
}

fn parse_flags(alias: &str) -> Result<(&str, Flags), String> {
    let mut flags = Flags::default();
    let mut text = alias;
    while let Some(open) = text.ends_with(']').then(|| text.bytes().rposition(|b| b == b'[')).flatten() {
        match &text[open + 1..text.len() - 1] {
            "pair" => flags.pair = true,
            "cap" => flags.cap = true,
            other => return Err(format!("unknown flag [{other}] on {alias:?}")),
        }
        text = text[..open].trim_end();
    }
    if text.is_empty() {
        return Err(format!("alias {alias:?} is empty"));
    }
    Ok((text, flags))
}

/// `s` split at each `sep`, an ASCII byte, found by a plain loop over the
/// bytes: the lists' lines and columns are short, and `str::split`'s
/// searcher costs more to set up than to run on them (a fifth of parsing
/// the built-in lists).
fn split_ascii(s: &str, sep: u8) -> impl Iterator<Item = &str> {
    debug_assert!(sep.is_ascii());
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        // A position of an ASCII byte is a character boundary.
        match r.bytes().position(|b| b == sep) {
            Some(i) => {
                rest = Some(&r[i + 1..]);
                Some(&r[..i])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// An all-capital abbreviation of two or more letters: matched only in capitals.
fn is_abbreviation(s: &str) -> bool {
    // The lower-case test first: it settles most surfaces at their second letter.
    !s.chars().any(char::is_lowercase) && s.chars().filter(|c| c.is_alphabetic()).count() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_index_their_maps() {
        for (i, kind) in GazetteerKind::ALL.into_iter().enumerate() {
            assert_eq!(kind as usize, i, "{kind}");
        }
    }

    #[test]
    fn builtin_lists_parse() {
        let g = Gazetteers::builtin().expect("built-in gazetteers parse");
        assert!(g.get(GazetteerKind::Country, "VN").is_some());
    }

    /// Mentions copy an entry's strings: the built-in ones borrow the
    /// embedded data, so copying them allocates nothing; user data is owned.
    #[test]
    fn builtin_strings_are_borrowed_user_strings_owned() {
        let mut g = Gazetteers::builtin().unwrap();
        let borrowed = |c: &Cow<'static, str>| matches!(c, Cow::Borrowed(_));
        for e in &g.entries {
            assert!(borrowed(&e.id) && borrowed(&e.canonical) && borrowed(&e.rule), "{e:?}");
            assert!(e.attrs.iter().all(|(k, v)| borrowed(k) && borrowed(v)), "{e:?}");
        }
        let vn = g.get(GazetteerKind::Country, "VN").unwrap();
        assert_eq!(vn.rule, "gazetteer:countries");
        // The built-in rule ids, written out once per kind, are the ones
        // `add` makes from a file name.
        for k in GazetteerKind::ALL {
            assert_eq!(k.builtin_rule(), format!("gazetteer:{}", k.file_name().strip_suffix(".tsv").unwrap()));
        }
        assert!(g.surfaces.iter().all(|s| borrowed(&s.text)));
        g.add(GazetteerKind::Country, "extra.tsv", "ZZ\tZedland\t\tcountry=ZZ").unwrap();
        let zz = g.get(GazetteerKind::Country, "ZZ").unwrap();
        assert!(!borrowed(&zz.id) && !borrowed(&zz.attrs[0].1));
        assert!(!borrowed(&g.surfaces.last().unwrap().text));
        assert_eq!(zz.rule, "gazetteer:extra");
    }

    struct Bad {
        name: &'static str,
        line: &'static str,
        reason: &'static str,
    }

    const BAD: &[Bad] = &[
        Bad { name: "one column", line: "XX", reason: "expected" },
        Bad { name: "empty canonical", line: "XX\t ", reason: "canonical form is empty" },
        Bad { name: "bad flag", line: "XX\tX\tY[loud]", reason: "unknown flag" },
        Bad { name: "bad attribute", line: "XX\tX\t\tnoequals", reason: "not key=value" },
        Bad { name: "five columns", line: "XX\tX\t\ta=b\textra", reason: "four" },
    ];

    #[test]
    fn bad_lines_name_source_line_and_text() {
        for b in BAD {
            let mut g = Gazetteers::default();
            let text = format!("# header\n{}\n", b.line);
            let e = g.add(GazetteerKind::Country, "mine.tsv", &text).unwrap_err();
            let msg = e.to_string();
            assert!(msg.starts_with("mine.tsv:2: "), "case {}: {msg}", b.name);
            assert!(msg.contains(b.reason), "case {}: {msg}", b.name);
            assert!(msg.contains(&format!("{:?}", b.line)), "case {}: {msg}", b.name);
        }
    }

    #[test]
    fn duplicate_id_in_one_source_is_an_error_but_merges_across_sources() {
        let mut g = Gazetteers::default();
        let e = g.add(GazetteerKind::Country, "a", "VN\tViệt Nam\nVN\tViệt\n").unwrap_err();
        assert!(e.to_string().contains("already defined on line 1"));
        let mut g = Gazetteers::default();
        g.add(GazetteerKind::Country, "a", "VN\tViệt Nam\n").unwrap();
        g.add(GazetteerKind::Country, "b", "VN\tViệt Nam\tViet Nam\n").unwrap();
        assert_eq!(g.entries.len(), 1);
        assert_eq!(g.surfaces.len(), 3);
    }

    #[test]
    fn a_line_in_error_adds_nothing_and_the_lists_stay_usable() {
        let mut g = Gazetteers::default();
        g.add(GazetteerKind::Country, "a", "VN\tViệt Nam\n").unwrap();
        // The canonical form is good; an alias is not (a bad flag, or
        // nothing left once normalised).
        for line in ["LA\tLào\tAi Lao[loud]", "LA\tLào\t\u{200b}"] {
            assert!(g.add(GazetteerKind::Country, "b", line).is_err(), "{line:?}");
            assert_eq!((g.entries.len(), g.surfaces.len()), (1, 1), "{line:?}");
        }
        g.add(GazetteerKind::Country, "c", "LA\tLào\tAi Lao\n").unwrap();
        let norms: Vec<_> = g.normalized_surfaces().map(|(s, n)| (&*s.text, n)).collect();
        assert_eq!(norms, [("Việt Nam", "việt nam"), ("Lào", "lào"), ("Ai Lao", "ai lao")]);
    }

    #[test]
    fn split_ascii_splits_as_str_split() {
        for s in ["", "a", "\t", "a\tb", "\ta\t\tb\t", "Việt Nam\tViệt|Nam[pair]", "ưu\t\t", "đ|đ||"] {
            for sep in [b'\t', b'|', b'\n'] {
                let ours: Vec<&str> = split_ascii(s, sep).collect();
                assert_eq!(ours, s.split(char::from(sep)).collect::<Vec<_>>(), "{s:?} at {sep}");
            }
        }
    }

    #[test]
    fn flags() {
        let mut g = Gazetteers::default();
        g.add(GazetteerKind::Country, "a", "VN\tViệt Nam\tViệt[pair]\n").unwrap();
        g.add(GazetteerKind::Organization, "b", "cao\tCAO\n").unwrap();
        assert!(g.surfaces[1].flags.pair && g.surfaces[1].flags.cap);
        assert!(g.surfaces[2].flags.upper && !g.surfaces[2].flags.cap);
    }
}
