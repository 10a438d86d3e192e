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
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/article.txt")).unwrap();
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
