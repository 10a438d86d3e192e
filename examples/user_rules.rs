//! Add your own trigger words and gazetteer entries from files, without
//! touching Rust, and see what they change.
//!
//! ```text
//! cargo run --example user_rules
//! ```
//!
//! The same data can be given to the `extract` example with
//! `--gazetteer trigger=examples/user_triggers.tsv`. To snapshot-test it,
//! assert `doc.render()` with insta, as `tests/snapshots.rs` does.

use hoidam::{Extractor, GazetteerKind};

fn main() -> Result<(), hoidam::Error> {
    let text =
        "Sáng 12/7, tại Hà Nội, Chủ tịch nước Trần Đại Quang tiếp chuyện Tổng thống Mông Cổ Tsakhiagiin Elbegdorj.";
    let before = Extractor::new().extract(text);
    let triggers = include_str!("user_triggers.tsv");
    let after = Extractor::builder()
        .gazetteer_named(GazetteerKind::Trigger, "user_triggers.tsv", triggers)
        .build()?
        .extract(text);
    println!("built-in lists: {} events\n{}", before.events.len(), before.render());
    println!("with user_triggers.tsv: {} events\n{}", after.events.len(), after.render());
    Ok(())
}
