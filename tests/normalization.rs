use hoidam::{normalize, Extractor, MentionKind};
use proptest::prelude::*;

struct Case {
    name: &'static str,
    text: &'static str,
    kind: MentionKind,
    want: &'static str,
}

/// The same mention, whatever form the text is written in.
const FORMS: &[Case] = &[
    Case { name: "nfc", text: "Ủy viên Bộ Chính trị", kind: MentionKind::Title, want: "Ủy viên" },
    Case { name: "old tone", text: "Uỷ viên Bộ Chính trị", kind: MentionKind::Title, want: "Uỷ viên" },
    Case {
        name: "nfd",
        text: "U\u{309}y vie\u{302}n Bo\u{323}\u{302} Chi\u{301}nh tri\u{323}",
        kind: MentionKind::Title,
        want: "U\u{309}y vie\u{302}n",
    },
    Case {
        name: "capitals", text: "THƯỢNG TƯỚNG NGUYỄN CHÍ VỊNH", kind: MentionKind::Rank, want: "THƯỢNG TƯỚNG"
    },
    Case {
        name: "eth for đ", text: "\u{d0}ại tướng Ngô Xuân Lịch", kind: MentionKind::Rank, want: "\u{d0}ại tướng"
    },
    Case {
        name: "no-break space",
        text: "Bộ\u{a0}Quốc phòng",
        kind: MentionKind::Organization,
        want: "Bộ\u{a0}Quốc phòng",
    },
    Case { name: "double space", text: "Hàn  Quốc", kind: MentionKind::Country, want: "Hàn  Quốc" },
];

#[test]
fn forms_give_the_same_mention() {
    let x = Extractor::new();
    for c in FORMS {
        let doc = x.extract(c.text);
        assert!(
            doc.mentions.iter().any(|m| m.kind == c.kind && m.text == c.want),
            "case {}: {:?}",
            c.name,
            doc.mentions
        );
    }
}

/// Matches start and end at syllable boundaries; lower-case words that spell
/// a country are not countries.
const NOT_MENTIONS: &[(&str, &str)] = &[
    ("inside a word", "Làocai"),
    ("common word", "các biện pháp phương pháp"),
    ("lower-case ý", "ý kiến đồng ý"),
    ("pair alone", "Trung ương quyết định"),
];

/// Mentions keep the text as written; people records, which are labels,
/// read any run of white space as one space.
#[test]
fn people_records_read_any_white_space_as_one_space() {
    let text = "Sáng thứ\u{a0}Hai, Thượng\u{a0}tướng Nguyễn\u{a0}Chí  Vịnh gặp Ngoại trưởng Mỹ A.\u{a0}Blinken.";
    let doc = crate::util::extract(text);
    let names: Vec<&str> = doc.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Nguyễn Chí Vịnh", "A. Blinken"]);
    assert_eq!(doc.people[0].rank.as_deref(), Some("Thượng tướng"));
    assert!(doc.mentions.iter().any(|m| m.kind == MentionKind::Person && m.text == "Nguyễn\u{a0}Chí  Vịnh"));
    assert!(doc.mentions.iter().any(|m| m.kind == MentionKind::Date && m.text == "Sáng thứ\u{a0}Hai"));
}

#[test]
fn no_mention_where_none_is() {
    let x = Extractor::new();
    for (name, text) in NOT_MENTIONS {
        let doc = x.extract(text);
        assert!(!doc.mentions.iter().any(|m| m.kind == MentionKind::Country), "case {name}: {:?}", doc.mentions);
    }
}

fn arbitrary_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Thượng tướng Nguyễn Chí Vịnh".to_string()),
        Just("Hoà bình Uỷ ban".to_string()),
        Just("U\u{309}y ban\u{a0}".to_string()),
        Just("Chiều 4/9, tại Hà Nội, ".to_string()),
        Just("Bộ Quốc phòng Hàn Quốc".to_string()),
        Just("👍🏽\u{200b}\u{feff}".to_string()),
        Just("\u{0}\u{1}\r\n\t".to_string()),
        Just(" đã hội đàm với ".to_string()),
        Just("\u{301}\u{323}".to_string()),
        any::<String>(),
        "[a-zA-ZàáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđĐ \\-/,.()0-9]{0,80}",
    ];
    prop::collection::vec(piece, 0..12).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Spans never panic, lie on char boundaries and slice to their text;
    /// people and events refer only to existing mentions.
    #[test]
    fn spans_always_valid(text in arbitrary_text()) {
        let doc = crate::util::extract(&text);
        crate::util::check_spans(&text, &doc);
    }

    #[test]
    fn nfd_copy_gives_the_same_mentions(text in arbitrary_text()) {
        use unicode_normalization::UnicodeNormalization;
        let nfc: String = text.nfc().collect();
        let nfd: String = text.nfd().collect();
        let a = crate::util::extract(&nfc);
        let b = crate::util::extract(&nfd);
        let ka: Vec<_> = a.mentions.iter().map(|m| (m.kind, normalize(&m.text).as_str().to_string())).collect();
        let kb: Vec<_> = b.mentions.iter().map(|m| (m.kind, normalize(&m.text).as_str().to_string())).collect();
        prop_assert_eq!(ka, kb);
    }
}
