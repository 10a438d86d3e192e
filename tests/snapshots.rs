use crate::util::{check_spans, extract};
use hoidam::Extractor;

/// One snapshot per fixture: the readable render of everything extracted,
/// with the input in the snapshot's description.
#[test]
fn fixtures() {
    insta::glob!("fixtures/**/*.txt", |path| {
        let text = std::fs::read_to_string(path).expect("fixture is UTF-8");
        let doc = if path.to_string_lossy().contains("no_publication") {
            Extractor::new().extract(&text)
        } else {
            extract(&text)
        };
        check_spans(&text, &doc);
        insta::with_settings!({ description => text.as_str(), omit_expression => true }, {
            insta::assert_snapshot!(doc.render());
        });
    });
}
