use hoidam::{ErrorKind, Extractor, GazetteerKind, MentionKind};

#[test]
fn user_gazetteer_adds_entries_without_rust() {
    let x = Extractor::builder()
        .gazetteer(
            GazetteerKind::Organization,
            "hoi-huu-nghi\tHội Hữu nghị Việt - Xô\t\ten=Vietnam-Soviet Friendship Association",
        )
        .gazetteer(GazetteerKind::Country, "VN\tViệt Nam\tNước Việt")
        .build()
        .expect("valid data");
    let doc = x.extract("Hội Hữu nghị Việt - Xô gửi thư tới Nước Việt.");
    let org = doc.mentions.iter().find(|m| m.kind == MentionKind::Organization).expect("an organisation");
    assert_eq!(org.text, "Hội Hữu nghị Việt - Xô");
    assert_eq!(org.rule, "gazetteer:user:organization");
    assert!(doc
        .mentions
        .iter()
        .any(|m| m.kind == MentionKind::Country && m.text == "Nước Việt" && m.id.as_deref() == Some("VN")));
}

#[test]
fn user_trigger_makes_events() {
    let x = Extractor::builder()
        .gazetteer(GazetteerKind::Trigger, "tiep-chuyen\ttiếp chuyện\t\ttype=meeting;roles=symmetric;form=verb")
        .build()
        .unwrap();
    let doc = x.extract("Thủ tướng Nguyễn Xuân Phúc tiếp chuyện Tổng thống Mỹ Donald Trump.");
    assert_eq!(doc.events.len(), 1, "{}", doc.render());
    assert_eq!(doc.events[0].trigger.id, "tiep-chuyen");
}

#[test]
fn bad_line_names_source_line_and_text() {
    let err = Extractor::builder()
        .gazetteer_named(GazetteerKind::Title, "my_titles.tsv", "# titles\nok\tTổng Lãnh sự\nbroken line without tab\n")
        .build()
        .unwrap_err();
    match err.kind() {
        ErrorKind::Gazetteer { origin, line, text, .. } => {
            assert_eq!(origin, "my_titles.tsv");
            assert_eq!(*line, 3);
            assert_eq!(text, "broken line without tab");
        }
        other => panic!("unexpected error {other:?}"),
    }
    assert!(err.to_string().starts_with("my_titles.tsv:3: "));
}

#[test]
fn misspelt_trigger_attribute_is_an_error_not_a_wrong_event() {
    for (attrs, said) in [
        ("type=meting;roles=symmetric", "type=meting"),
        ("type=reception;roles=host-frist", "roles=host-frist"),
        ("type=meeting;form=verbs", "form=verbs"),
        ("roles=symmetric;form=verb", "needs type="),
    ] {
        let line = format!("# mine\ntiep-chuyen\ttiếp chuyện\t\t{attrs}\n");
        let err =
            Extractor::builder().gazetteer_named(GazetteerKind::Trigger, "my_triggers.tsv", &line).build().unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("my_triggers.tsv:2: ") && msg.contains(said), "{attrs}: {msg}");
    }
    // A line adding aliases to a built-in trigger need not repeat its type;
    // a free attribute (mode) takes any value.
    Extractor::builder()
        .gazetteer(GazetteerKind::Trigger, "gap	gặp	gặp kín	mode=private")
        .build()
        .expect("aliases for a known trigger");
}

#[test]
fn extractor_is_send_sync_and_cheap_to_clone() {
    fn assert_send_sync<T: Send + Sync + Clone>() {}
    assert_send_sync::<Extractor>();
}

#[test]
fn a_surface_that_does_not_stand_as_written_leaves_room_for_a_shorter_one() {
    // The longer surface must be capitalised; written in lower case, the
    // shorter one at the same place is found instead.
    let x = Extractor::builder()
        .gazetteer(GazetteerKind::Organization, "quy\tQuỹ Hòa bình\tQuỹ Hòa bình Xanh[cap]")
        .gazetteer(GazetteerKind::Organization, "quy-xanh\tQuỹ Hòa bình Xanh Mới[cap]")
        .build()
        .unwrap();
    let orgs = |text: &str| -> Vec<String> {
        x.extract(text).mentions.into_iter().filter(|m| m.kind == MentionKind::Organization).map(|m| m.text).collect()
    };
    assert_eq!(orgs("Quỹ Hòa bình Xanh Mới tài trợ."), ["Quỹ Hòa bình Xanh Mới"]);
    assert_eq!(orgs("quỹ hòa bình xanh mới tài trợ."), ["quỹ hòa bình"]);
}
