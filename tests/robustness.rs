use crate::util::{check_spans, extract};
use hoidam::Extractor;

const HOSTILE: &[(&str, &str)] = &[
    ("empty", ""),
    ("whitespace", " \n\t\u{a0}\r\n "),
    ("nul and controls", "\u{0}\u{1}\u{7f}Bộ\u{0}Quốc phòng\u{1b}[31m"),
    ("lone marks", "\u{301}\u{323}\u{309} \u{302}"),
    ("emoji", "👍🏽 Hàn Quốc 🇻🇳 Việt Nam"),
    ("replacement chars", "\u{fffd}\u{fffd}Hà Nội\u{fffd}"),
    ("unclosed bracket", "Đại sứ Mỹ Ted Osius (Tét"),
    ("dangling dash", "Việt -"),
    // Found by `cargo fuzz`: an office ran on into the party of a name.
    ("fuzz: office into a name", "\nNgoại trưởng T Singapore Tiêu Cạ gặp."),
    ("fuzz: honorific inside a name", "Bà T T B T Bà T"),
    ("fuzz: listed places into a name's party", "i Bí thư Tỉnh ủy các n Trung Quốc Tổng Bí thư N T"),
];

#[test]
fn hostile_input_gives_valid_output() {
    for (name, text) in HOSTILE {
        let doc = extract(text);
        check_spans(text, &doc);
        serde_json::to_string(&doc).unwrap_or_else(|e| panic!("case {name}: {e}"));
    }
}

#[test]
fn long_line_and_repetition() {
    let line = "Thượng tướng Nguyễn Chí Vịnh hội đàm với Bộ trưởng Quốc phòng Hàn Quốc, ".repeat(2000);
    let doc = extract(&line);
    check_spans(&line, &doc);
    assert!(doc.mentions.len() >= 6000);
}

#[test]
fn same_results_from_many_threads() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/article.txt")).unwrap();
    let x = Extractor::new();
    let want = serde_json::to_string(&x.extract(&text)).unwrap();
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..8)
            .map(|_| {
                let x = x.clone();
                let text = &text;
                s.spawn(move || serde_json::to_string(&x.extract(text)).unwrap())
            })
            .collect();
        for h in handles {
            assert_eq!(h.join().unwrap(), want);
        }
    });
}

/// A distinct name for each `i` below 10,000: "Bình Cường Dũng An".
fn name(i: usize) -> String {
    const SYLLABLES: [&str; 10] = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Khoa", "Lâm", "Minh", "Nam"];
    [i % 10, i / 10 % 10, i / 100 % 10, i / 1000 % 10].map(|k| SYLLABLES[k]).join(" ")
}

/// A distinct lower-case pseudo-word for each `i`: "ce", "di", "gatihu".
fn word(i: usize) -> String {
    let (mut k, mut out) = (i + 1, String::new());
    while k > 0 {
        out.push(b"bcdghklmnpqrstvx"[k % 16] as char);
        out.push(b"aeiou"[k % 5] as char);
        k /= 16;
    }
    out
}

/// Event-heavy input costs time in proportion to its length: one trigger with
/// thousands of counterparts, thousands of verbs after one subject, thousands
/// of references to one named meeting, thousands of offices on one line, of
/// meetings, of clauses in one sentence, of visits, of sentences opening with a
/// year, of distinct people, of dates; one person in thousands of forms or of
/// offices. 8× the input must take less than 24× the time (slack for a loaded
/// machine and for the fixed costs of the small input); a quadratic rule takes
/// 64×.
#[test]
fn event_heavy_input_is_linear() {
    type Unit = fn(usize) -> String;
    let cases: &[(&str, &str, Unit)] = &[
        ("counterparts", "Đại tướng Phan Văn Giang tiếp xúc song phương với ", |_| {
            "Bộ trưởng Quốc phòng Malaysia, ".into()
        }),
        ("verbs after one subject", "Đại tướng Phan Văn Giang ", |_| "đã gặp và ".into()),
        ("references", "Cuộc gặp Bộ trưởng Quốc phòng ASEAN diễn ra tại Hà Nội. ", |_| {
            "Tại cuộc gặp, Đại tướng Phan Văn Giang nhấn mạnh; ".into()
        }),
        ("pairs", "", |_| {
            "Thủ tướng Lào Sonexay Siphandone gặp Thủ tướng Phạm Minh Chính. Hai nhà lãnh đạo nhất trí. ".into()
        }),
        ("offices without names on one line", "Thứ trưởng Nguyễn Văn An gặp ", |_| {
            "Thứ trưởng Bộ Quốc phòng Hàn Quốc, ".into()
        }),
        ("meetings with counterparts", "", |_| {
            "Bộ trưởng Quốc phòng Việt Nam Nguyễn Văn An hội đàm với người đồng cấp Lào. \
             Sau đó, ông An tiếp Đại sứ Nhật Bản Tanaka Ken và thăm Học viện Quốc phòng. "
                .into()
        }),
        ("clauses in one sentence", "", |_| "ông Nguyễn Văn An gặp ông Trần Văn Bình, ".into()),
        ("visits without objects", "", |_| "thăm ".into()),
        ("sentences opening with a year", "", |_| "Năm 2006, ông Nguyễn Văn An gặp ông Trần Văn Bình. ".into()),
        ("distinct people", "", |i| format!("Ông Nguyễn {} gặp ông H.R. {}. ", name(i), name(i + 1))),
        // A country word after a capitalised syllable opening a sentence
        // asks whether its line is a byline: one line, many sentences.
        ("names ending in a country word", "", |_| "Minh Đức dự họp. ".into()),
        // Headings of links to other articles: on one line, and as lists.
        ("link headings on one line", "", |_| "Xem thêm: Bộ trưởng gặp Đại sứ. ".into()),
        ("link lists", "", |_| "Tin liên quan:\n- Bộ trưởng gặp Đại sứ\n".into()),
        // Dates, eight to a unit: on the first line (where the header's
        // date is looked for), and years and weekdays, each checked
        // against the others for overlap.
        ("full dates on the first line", "", |_| "ngày 4/9/2019, ".repeat(8)),
        ("years", "", |_| "năm 2019 ".repeat(8)),
        ("weekdays", "", |_| "sáng thứ Hai ".repeat(8)),
        // Years in a run of text without spaces, each looking for the word
        // before it.
        ("years without spaces", "", |_| "x2016-2020".repeat(8)),
        // One long sentence of verbs whose subject comes after them, and of
        // visits from an invitation: each trigger relates to all the
        // parties of its sentence.
        ("triggers before their subjects", "", |_| "về gặp ông Nguyễn Văn An ".into()),
        ("visits of one invitation", "", |_| {
            "thăm Hà Nội và Lời Mời của ông Nguyễn Văn An và ông Trần Văn Bình và ".into()
        }),
        // A hyphenated chain with capitalised pieces, each of which may
        // start a name.
        ("hyphenated chain", "", |_| "Nguyễn-x-".repeat(8)),
        // Many ministers, and as many meetings with a counterpart, which is
        // looked for among the ministers.
        ("counterparts among many ministers", "", |i| {
            format!(
                "Bộ trưởng Quốc phòng {} phát biểu.\nBộ trưởng Quốc phòng {} gặp người đồng cấp Lào.\n",
                name(i),
                name(0)
            )
        }),
        // A headline in capitals, line after line.
        ("lines in capitals", "", |_| "BỘ TRƯỞNG NGUYỄN VĂN AN GẶP ĐẠI SỨ\n".into()),
        // Offices described without a name, each a different one ("Ủy ban
        // <word>"), among as many held by one person; and that person
        // meeting a counterpart with a different companion each time, the
        // offices of both looked up.
        ("offices described each once", "", |i| {
            format!(
                "Chủ tịch Ủy ban {} Lào Anou Keola phát biểu. Chủ tịch Ủy ban {} Lào cho biết.\n",
                word(2 * i),
                word(2 * i + 1)
            )
        }),
        ("counterparts of a person with many offices", "", |i| {
            format!(
                "Chủ tịch Ủy ban {} Lào Anou Keola phát biểu.\nÔng Anou Keola và ông Nguyễn {} gặp người đồng cấp Lào.\n",
                word(i),
                name(i)
            )
        }),
        // One person written in as many forms, each a typo of the one
        // before (a Gray code: one letter changes from line to line).
        ("one person in many forms", "", |i| {
            let g = i ^ (i >> 1);
            let syllable: String = (0..12).map(|b| if g >> b & 1 == 1 { "da" } else { "ba" }).collect();
            format!("Ông Nguyễn Văn K{syllable} phát biểu.\n")
        }),
    ];
    let x = Extractor::new();
    for (case, head, unit) in cases {
        let time = |n: usize| {
            let text: String = std::iter::once(head.to_string()).chain((0..n).map(unit)).collect();
            let start = std::time::Instant::now();
            let doc = x.extract(&text);
            let took = start.elapsed();
            check_spans(&text, &doc);
            took
        };
        let small = time(500);
        let big = time(4000);
        assert!(
            big < small * 24 + std::time::Duration::from_millis(100),
            "{case}: {small:?} for 500 units, {big:?} for 4000"
        );
    }
}
