//! The dev corpus lives beside the repository (`../shared/corpus/dev`); CI
//! clones it there. Each article, rewritten in NFD and with old-style tone
//! marks, must give the same mentions at the offsets mapped to that copy.

use hoidam::{Document, Extractor, MentionKind};
use std::path::PathBuf;

fn corpus() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/dev");
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(&dir) else {
        eprintln!("no corpus at {}: skipped", dir.display());
        return out;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "txt") {
            out.push((p.display().to_string(), std::fs::read_to_string(&p).unwrap()));
        }
    }
    out.sort();
    out
}

/// Rewrite `text` word by word, with a map from its byte offsets to the copy's.
fn rewrite(text: &str, f: impl Fn(&str) -> String) -> (String, Vec<usize>) {
    let mut out = String::new();
    let mut map = vec![0; text.len() + 1];
    let mut last = 0;
    let copy_gap = |from: usize, to: usize, out: &mut String, map: &mut Vec<usize>| {
        for (k, c) in text[from..to].char_indices() {
            map[from + k] = out.len();
            out.push(c);
        }
    };
    for (s, w) in split_words(text) {
        copy_gap(last, s, &mut out, &mut map);
        let start = out.len();
        out.push_str(&f(w));
        for m in &mut map[s..s + w.len()] {
            *m = start;
        }
        last = s + w.len();
    }
    copy_gap(last, text.len(), &mut out, &mut map);
    map[text.len()] = out.len();
    (out, map)
}

fn split_words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

fn old_tones(w: &str) -> String {
    // hòa → hoà, thủy → thuỷ: the tone moves to the final vowel.
    use unicode_normalization::UnicodeNormalization;
    let d: Vec<char> = w.nfd().collect();
    let tones = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let n = d.len();
    if n >= 3
        && tones.contains(&d[n - 2])
        && matches!(d[n - 3], 'o' | 'u' | 'O' | 'U')
        && matches!(d[n - 1], 'a' | 'e' | 'y' | 'A' | 'E' | 'Y')
    {
        let q = n >= 4 && matches!(d[n - 4], 'q' | 'Q');
        if !q {
            let mut e = d.clone();
            e.swap(n - 2, n - 1);
            return e.into_iter().nfc().collect();
        }
    }
    w.to_string()
}

fn keyed(x: &Extractor, text: &str) -> Vec<(MentionKind, usize, usize)> {
    let mut v: Vec<_> = x.extract(text).mentions.iter().map(|m| (m.kind, m.start, m.end)).collect();
    v.sort();
    v
}

#[test]
fn nfd_and_old_tone_copies_give_the_same_mentions() {
    use unicode_normalization::UnicodeNormalization;
    let x = Extractor::new();
    let docs = corpus();
    for (name, text) in &docs {
        let want = keyed(&x, text);
        for (form, f) in
            [("nfd", (|w: &str| w.nfd().collect::<String>()) as fn(&str) -> String), ("old tone", old_tones)]
        {
            let (copy, map) = rewrite(text, f);
            // Map the original's offsets into the copy and compare there.
            let mapped: Vec<_> = want.iter().map(|&(k, s, e)| (k, map[s], map[e])).collect();
            let got = keyed(&x, &copy);
            assert_eq!(got, mapped, "{name} ({form})");
        }
    }
}

/// A mention's, participant's or place's words, whatever the white space.
fn words(s: &str) -> String {
    s.replace('\u{200b}', "").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The people records, with or without their aliases.
fn person_lines(doc: &Document, aliases: bool) -> impl Iterator<Item = String> + '_ {
    doc.people.iter().map(move |p| {
        let line = format!("person {} {:?} {:?} {:?}", p.name, p.rank, p.titles, p.country);
        if aliases {
            format!("{line} {:?}", p.aliases)
        } else {
            line
        }
    })
}

/// The events' types, parties, roles, dates, places and rules.
fn event_lines(doc: &Document) -> impl Iterator<Item = String> + '_ {
    doc.events.iter().map(|e| {
        let parties: Vec<String> = e
            .participants
            .iter()
            .map(|p| format!("{:?} {}", p.role, p.name.clone().unwrap_or_else(|| words(&p.text))))
            .collect();
        let date = e.date.as_ref().and_then(|d| d.value.clone());
        let place = e.location.as_ref().map(|l| words(&l.text));
        format!("event {:?} {parties:?} {date:?} {place:?} {}", e.kind, e.rule)
    })
}

/// What an analyst reads off a document, without offsets: the mentions'
/// kinds and words, the people records, and the events' parties, roles,
/// dates and places.
fn summary(x: &Extractor, text: &str) -> Vec<String> {
    let doc = x.extract(text);
    let mut out: Vec<String> = doc.mentions.iter().map(|m| format!("{:?} {}", m.kind, words(&m.text))).collect();
    out.extend(person_lines(&doc, true));
    out.extend(event_lines(&doc));
    out.sort();
    out
}

#[test]
fn odd_white_space_changes_nothing_read_off() {
    let x = Extractor::new();
    for (name, text) in &corpus() {
        let want = summary(&x, text);
        for (form, space) in
            [("no-break space", "\u{a0}"), ("doubled space", "  "), ("tab", "\t"), ("zero-width space", "\u{200b} ")]
        {
            let copy = text.replace(' ', space);
            assert_eq!(summary(&x, &copy), want, "{name} ({form})");
        }
        // Scraped text may open with blank lines before the headline.
        assert_eq!(summary(&x, &format!("\n\n \t{text}\n\n")), want, "{name} (blank lines around)");
    }
}

/// `text` as wire copy: paragraphs parted by blank lines, lines wrapped at
/// `width` characters.
fn hard_wrapped(text: &str, width: usize) -> String {
    let mut out = String::new();
    for para in text.lines().filter(|l| !l.trim().is_empty()) {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        let mut line = 0;
        for (k, w) in para.split(' ').filter(|w| !w.is_empty()).enumerate() {
            let n = w.chars().count();
            if k > 0 {
                if line + 1 + n > width {
                    out.push('\n');
                    line = 0;
                } else {
                    out.push(' ');
                    line += 1;
                }
            }
            out.push_str(w);
            line += n;
        }
    }
    out
}

#[test]
fn hard_wrapped_copies_read_as_the_original() {
    let x = Extractor::new();
    for (name, text) in &corpus() {
        let copy = hard_wrapped(text, 72);
        assert_eq!(summary(&x, &copy), summary(&x, text), "{name}");
    }
}

/// The people (but their aliases: a short form in a headline in capitals
/// is no alias of the same form in sentence case) and events, in capitals.
fn people_and_events(x: &Extractor, text: &str) -> Vec<String> {
    let doc = x.extract(text);
    let mut v: Vec<String> = person_lines(&doc, false).chain(event_lines(&doc)).map(|s| s.to_uppercase()).collect();
    v.sort();
    v
}

/// A headline in capitals names the same people and meetings as the same
/// headline in sentence case (mentions of other kinds may differ in it).
#[test]
fn a_headline_in_capitals_reads_as_the_original() {
    let x = Extractor::new();
    for (name, text) in &corpus() {
        let (head, body) = text.split_once('\n').unwrap_or((text, ""));
        let copy = format!("{}\n{body}", head.to_uppercase());
        assert_eq!(people_and_events(&x, &copy), people_and_events(&x, text), "{name}");
    }
}

/// The events of `summary`.
fn events(x: &Extractor, text: &str) -> Vec<String> {
    let mut v: Vec<String> = event_lines(&x.extract(text)).collect();
    v.sort();
    v
}

/// Links to other articles, after the article or inside it, add no meeting.
#[test]
fn links_to_other_articles_add_no_meeting() {
    let x = Extractor::new();
    let docs = corpus();
    let headline = |k: usize| docs[k % docs.len()].1.lines().next().unwrap_or("").to_string();
    for (i, (name, text)) in docs.iter().enumerate() {
        let want = events(&x, text);
        let list = format!("{}\n\nTin liên quan:\n- {}\n- {}\n", text.trim_end(), headline(i + 1), headline(i + 2));
        assert_eq!(events(&x, &list), want, "{name} (list after)");
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        lines.insert(lines.len().min(3), format!("Xem thêm: {}", headline(i + 3)));
        assert_eq!(events(&x, &lines.join("\n")), want, "{name} (link inside)");
    }
}
