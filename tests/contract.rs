use crate::util::extract;

/// The JSON shape users parse: keys, types and nesting.
#[test]
fn json_output_contract() {
    let text = "Cập nhật: 25/09/2019\nChiều 4/9, tại Seoul, Thượng tướng Nguyễn Chí Vịnh, Thứ trưởng Bộ Quốc phòng Việt Nam đã hội đàm với Thứ trưởng Quốc phòng Hàn Quốc Park Jae-min.";
    let mut doc = extract(text);
    doc.id = Some("contract".into());
    insta::assert_json_snapshot!(doc);
}
