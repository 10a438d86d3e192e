//! Whether a word is written as one Vietnamese syllable: an initial, a
//! vowel nucleus and a final, with any tone ("Anh", "Đức", "Ngọc", "Nam"),
//! unlike "Boeing", "Putin" or "Campuchia". The cue rules use it to tell
//! a Vietnamese name that ends or starts with a country's word ("Minh
//! Đức", "Đông Anh", "Mỹ Đình") from a country next to a foreign name
//! ("Nga Vladimir Putin").

use once_cell::sync::Lazy;
use regex::Regex;
use unicode_normalization::char::decompose_canonical;
use unicode_normalization::UnicodeNormalization;

/// Initials, nuclei (longest first) and finals of the written syllable,
/// without its tone, decomposed (the letters' own marks follow them).
static SYLLABLE: Lazy<Regex> = Lazy::new(|| {
    let pattern: String = concat!(
        "^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?",
        "(?:uyê|uya|ươu|ươi|uôi|oai|oay|oao|oeo|iêu|yêu|uây|ươ|uô|iê|yê|uâ|uy|oa|oă|oe|ai|ao|au|âu|ay|ây|eo|êu",
        "|ia|iu|oi|ôi|ơi|ua|ui|ưa|ưi|ưu|uơ|uê|a|ă|â|e|ê|i|o|ô|ơ|u|ư|y)",
        "(?:ng|nh|ch|[cmnpt])?$"
    )
    .nfd()
    .collect();
    Regex::new(&pattern).expect("valid regex")
});

/// The five tone marks; the marks of the letters themselves (ă, â, ơ…) stay.
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// Whether `word` is one Vietnamese syllable, in any case and Unicode form.
pub(crate) fn is_syllable(word: &str) -> bool {
    // Seven letters at most ("nghiêng"), each of them and its marks
    // decomposed in a buffer on the stack.
    let mut buf = [0u8; 48];
    let mut n = 0;
    let mut letters = 0;
    for c in word.chars().flat_map(char::to_lowercase) {
        // A combining mark (NFD) belongs to the letter before it.
        letters += usize::from(!unicode_normalization::char::is_combining_mark(c));
        if letters > 7 || !crate::normalize::is_letter(c) {
            return false;
        }
        decompose_canonical(c, |d| {
            if !TONES.contains(&d) && n + 4 <= buf.len() {
                n += d.encode_utf8(&mut buf[n..]).len();
            }
        });
    }
    letters > 0 && std::str::from_utf8(&buf[..n]).is_ok_and(|s| SYLLABLE.is_match(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_syllables_and_foreign_words() {
        for w in [
            "Anh",
            "Đức",
            "Mỹ",
            "Nga",
            "Pháp",
            "Lào",
            "Nhật",
            "Úc",
            "Ngọc",
            "Nam",
            "Minh",
            "Thế",
            "Việt",
            "Thái",
            "Đông",
            "Thủ",
            "Đình",
            "Tho",
            "Nguyễn",
            "Hoàng",
            "Khuyến",
            "Nghiêng",
            "Quốc",
            "Giữa",
            "THU\u{309}Y",
            "Trường",
        ] {
            assert!(is_syllable(w), "{w}");
            // The same word in NFD: its marks belong to its letters.
            let nfd: String = w.nfd().collect();
            assert!(is_syllable(&nfd), "{w} in NFD");
        }
        assert!(is_syllable("Nghie\u{302}ng") && is_syllable("Nguye\u{302}\u{303}n"));
        for w in
            ["Boeing", "Putin", "Campuchia", "John", "Ford", "Sony", "Hun-Sen", "Angela", "ASEAN", "Iran", "", "2024"]
        {
            assert!(!is_syllable(w), "{w}");
        }
    }
}
