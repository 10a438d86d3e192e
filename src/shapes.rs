//! The shapes of a sentence around a trigger: who its subject and
//! objects are, and the shapes that span sentences (a visit's place, "Hai
//! nhà lãnh đạo …"). The rule ids they give are listed in
//! [`crate::events`].

use crate::cues::Cue;
use crate::events::{participant, Event, EventLocation, EventType, Role, Trigger};
use crate::mentions::MentionKind;
use crate::parties::{words_before, Doc, Party};
use crate::span::Span;
use std::ops::Range;

/// A trigger in its sentence: what the shape rules look at.
pub(crate) struct Clause<'s, 'p> {
    /// The trigger's first token and the token after it.
    pub ti: usize,
    pub te: usize,
    /// A noun ("cuộc gặp"), not a verb ("gặp").
    pub noun: bool,
    /// The trigger's `roles` attribute.
    pub roles: &'s str,
    /// The sentence's parties before the trigger, and after it.
    pub left: &'s [&'p Party],
    pub right: &'s [&'p Party],
    /// The next trigger's first token, or the sentence's end.
    pub next_trigger: usize,
    /// A visit ("thăm", "chuyến thăm").
    pub visit: bool,
    /// All the sentence's parties.
    pub all: &'s [&'p Party],
    /// The sentence's first "lời mời của": its "của".
    pub invitation: Option<usize>,
}

/// The most parties a list of subjects or a group joined by "và" holds.
const MAX_LISTED: usize = 16;

/// The "của" of a sentence's first "lời mời của", if any.
pub(crate) fn invitation(d: &Doc<'_>, sent: Range<usize>) -> Option<usize> {
    (sent.start + 2..sent.end).find(|&k| d.word(k) == "của" && d.word(k - 1) == "mời" && d.word(k - 2) == "lời")
}

/// What a trigger's sentence says about it.
pub(crate) enum Shape<'p> {
    /// Events, each with its parties and roles and the rule, and the
    /// subject a verb joined to this one shares.
    Events {
        subject: Option<&'p Party>,
        events: Vec<(Vec<(&'p Party, Role)>, &'static str)>,
        /// Reported by a noun after "tại", "trong", "dự": "Tại cuộc gặp với B, A …".
        refers: bool,
    },
    /// A meeting referred to ("Tại cuộc gặp, …", "Tham dự cuộc gặp"), by
    /// its name or not.
    Reference {
        names: bool,
    },
    /// A meeting named without the parties around it ("Cuộc gặp Bộ trưởng
    /// Quốc phòng ASEAN-Hoa Kỳ").
    Named,
    None,
}

/// The roles of the subject and the object of a trigger with `roles`
/// (symmetric when unknown; the gazetteer loader rejects unknown values).
pub(crate) fn roles_of(roles: &str) -> (Role, Role) {
    parse_roles(roles).unwrap_or((Role::Participant, Role::Participant))
}

/// A trigger's `roles` attribute, if it is one of the known values.
pub(crate) fn parse_roles(roles: &str) -> Option<(Role, Role)> {
    Some(match roles {
        "symmetric" => (Role::Participant, Role::Participant),
        "host-first" => (Role::Host, Role::Guest),
        "guest-first" => (Role::Guest, Role::Host),
        _ => return None,
    })
}

pub(crate) fn shape<'p>(d: &Doc<'_>, c: &Clause<'_, 'p>, prev_subject: Option<&'p Party>) -> Shape<'p> {
    let after = d.word(c.te);
    let before = words_before(d, c.ti, 2);
    let (sr, or) = roles_of(c.roles);
    let referring = c.noun && before.iter().any(|w| matches!(*w, "tại" | "dự" | "trong" | "sau" | "lề"));
    let one = |subject: Option<&'p Party>, parts: Vec<(&'p Party, Role)>, rule| Shape::Events {
        subject,
        events: vec![(parts, rule)],
        refers: referring,
    };
    // "hội đàm giữa A và B", "cuộc gặp tháng 11/2018 tại Washington giữa A
    // và B", "cuộc điện đàm của A và B; giữa C và D": each ";" item one
    // meeting.
    if let Some(from) = between_start(d, c) {
        let right = &c.right[c.right.partition_point(|u| u.tokens.start < from)..];
        let right = &right[..right.partition_point(|u| u.tokens.start < c.next_trigger)];
        let events: Vec<_> = list_items(d, right, true)
            .into_iter()
            .filter(|item| item.len() >= 2)
            .map(|item| (item.into_iter().map(|u| (u, Role::Participant)).collect(), "event.between"))
            .collect();
        if !events.is_empty() {
            return Shape::Events { subject: None, events, refers: referring };
        }
    }
    let objects = objects(d, c);
    let subject = subject(d, c, prev_subject);
    let joint = coordinated_before(d, c.left, c.ti, referring);
    // "… mời Tổng thống B tham dự … và thăm Việt Nam": B is invited, no
    // meeting yet.
    if subject.is_some_and(|s| words_before(d, s.tokens.start, 2).contains(&"mời")) {
        return Shape::None;
    }
    // "A thăm Đức theo lời mời của Tổng thống B", "Nhận lời mời của B; C và
    // D, A … lên đường thăm …": the hosts who invited the visitor.
    if objects.is_empty() && c.visit {
        let hosts = inviters(d, c);
        if let (Some(s), false) = (subject, hosts.is_empty()) {
            let events = hosts.iter().map(|h| (vec![(s, sr), (*h, or)], "event.invited")).collect();
            return Shape::Events { subject: Some(s), events, refers: false };
        }
    }
    if objects.is_empty() {
        // "B được A tiếp": A does what the trigger says to B.
        if let [.., b, a] = c.left {
            if matches!(gap_words(d, b.tokens.end, a.tokens.start, 2).as_deref(), Some(["được"] | [_, "được"]))
            {
                return one(Some(a), vec![(b, or), (a, sr)], "event.passive");
            }
            // "B cảm ơn A đã dành thời gian tiếp": A received B.
            let thanks = gap_words(d, b.tokens.end, a.tokens.start, 12)
                .is_some_and(|g| g.windows(2).any(|w| matches!(w, ["cảm" | "cám", "ơn"])));
            if thanks && !c.noun && within(a.tokens.end, c.ti, 4) {
                return one(Some(a), vec![(a, sr), (b, or)], "event.thanks");
            }
        }
        // "A chào xã giao B, … và cùng C, … đồng chủ trì hội nghị": A and C.
        if let (Some(p), Some(near)) = (prev_subject, c.left.last()) {
            let with = words_before(d, near.tokens.start, 4).contains(&"cùng");
            if with && !std::ptr::eq(p, *near) && within(near.tokens.end, c.ti, 24) {
                return one(Some(p), vec![(p, Role::Participant), (*near, Role::Participant)], "event.joint");
            }
        }
        if joint.len() >= 2 {
            return one(joint.first().copied(), joint.iter().map(|u| (*u, Role::Participant)).collect(), "event.joint");
        }
        return if referring {
            Shape::Reference { names: names_follow(d, c) }
        } else if c.noun {
            Shape::Named
        } else {
            Shape::None
        };
    }
    // "Tiếp B, A nhấn mạnh", "Tại cuộc gặp với B, A khẳng định": the
    // subject follows the object, after a comma.
    let subject = match subject {
        Some(s) => s,
        None => {
            // "Tại cuộc gặp B, A khẳng định": after a bare comma, the last
            // party of the list is the sentence's subject.
            let mut objects = objects;
            let n = objects.len();
            let last_by_comma = n >= 2 && {
                let gap = gap_words(d, objects[n - 2].tokens.end, objects[n - 1].tokens.start, usize::MAX);
                let gap = gap.unwrap_or_default();
                gap.contains(&",") && !gap.iter().any(|w| matches!(*w, "và" | ";"))
            };
            let s = if last_by_comma {
                objects.pop()
            } else {
                let last = objects.last().expect("not empty");
                c.right.iter().copied().find(|u| u.tokens.start > last.tokens.end && after_comma(d, u))
            };
            // "Tiếp B tại Tỉnh ủy có đồng chí A1, …; đồng chí A2, …": the
            // hosts are listed after "có".
            let last = objects.last().expect("not empty");
            let hosts: Vec<&Party> = match c.right.iter().position(|u| u.tokens.start > last.tokens.end) {
                Some(i) if s.is_none() && *words_before(d, c.right[i].tokens.start, 1) == ["có"] => {
                    let listed = list_items(d, &c.right[i..], true).concat();
                    let persons: Vec<&Party> = listed.iter().copied().filter(|u| u.person.is_some()).collect();
                    if persons.is_empty() {
                        listed
                    } else {
                        persons
                    }
                }
                _ => s.into_iter().collect(),
            };
            let Some(&first) = hosts.first() else {
                return if c.noun { Shape::Named } else { Shape::None };
            };
            let events = hosts
                .iter()
                .flat_map(|h| objects.iter().map(move |o| (vec![(*h, sr), (*o, or)], "event.fronted")))
                .collect();
            return Shape::Events { subject: Some(first), events, refers: referring };
        }
    };
    // A noun names a meeting of the subject's only with "có" or "với":
    // "A có cuộc gặp B", "cuộc gặp của A với B".
    // "A chủ trì lễ đón B", "A tổ chức lễ đón B" too.
    let owned = before.iter().any(|w| matches!(*w, "có" | "cuộc" | "các" | "trì" | "chức"));
    if c.noun && !(owned || after == "với") {
        return if referring { Shape::Reference { names: names_follow(d, c) } } else { Shape::Named };
    }
    // "A vui mừng được đón B" is active; "B được A tiếp" is the passive above.
    // "A gặp B, C và D": A met each of them; B, C and D did not meet each
    // other. "A và B đón C": both received C.
    let subjects = subject_group(d, c.left, subject);
    let rule = if objects.len() > 1 { "event.bilateral" } else { "event.verb" };
    let events = objects
        .iter()
        .map(|o| {
            let mut parts: Vec<(&Party, Role)> = subjects.iter().map(|s| (*s, sr)).collect();
            parts.push((o, or));
            (parts, rule)
        })
        .collect();
    Shape::Events { subject: Some(subject), events, refers: referring }
}

/// The subject and the parties joined to it before by "và" or "cùng (với)",
/// perhaps with an aside in brackets: "Chủ tịch Thượng viện A (bên phải)
/// và Chủ tịch Hạ viện B đón C".
pub(crate) fn subject_group<'p>(d: &Doc<'_>, left: &[&'p Party], subject: &'p Party) -> Vec<&'p Party> {
    let mut group = vec![subject];
    let Some(mut i) = left.iter().rposition(|u| std::ptr::eq(*u, subject)) else { return group };
    while i > 0 && group.len() < MAX_LISTED {
        let prev = left[i - 1];
        let Some(gap) = gap_words(d, prev.tokens.end, left[i].tokens.start, 8) else { break };
        // An aside in brackets first: "(bên phải)".
        let gap: &[&str] = match gap.iter().position(|w| *w == ")") {
            Some(close) if gap.first() == Some(&"(") => &gap[close + 1..],
            _ => &gap,
        };
        if !matches!(gap, ["và"] | ["cùng"] | ["cùng", "với"]) {
            break;
        }
        group.push(prev);
        i -= 1;
    }
    group.reverse();
    group
}

/// Where the parties of "giữa A và B" start, if the trigger is followed by
/// "giữa" (after at most a date, a place and modifiers: "cuộc gặp tháng
/// 11/2018 tại thủ đô Washington giữa …"), or, for a noun, by "của A và
/// B" ("cuộc điện đàm của A và B").
pub(crate) fn between_start(d: &Doc<'_>, c: &Clause<'_, '_>) -> Option<usize> {
    let word = |k: usize| d.word(k);
    let mut k = c.te;
    while k < c.te + 12 && k < c.next_trigger {
        match word(k) {
            "giữa" => return Some(k + 1),
            "của" if c.noun && k == c.te => {
                // Two or more parties joined by "và" or "với", not "chuyến thăm của A".
                let right = &c.right[c.right.partition_point(|u| u.tokens.start <= k)..];
                let first = right.first().filter(|u| u.tokens.start == k + 1)?;
                let list = list_items(d, right, false);
                let n = list.first().map_or(0, Vec::len);
                return (n >= 2 && first.tokens.start == k + 1).then_some(k + 1);
            }
            "tại" | "ở" | "hôm" | "ngày" | "vào" | "chính" | "thức" | "không" | "trực" | "tuyến" | "thủ" | "đô"
            | "thành" | "phố" => k += 1,
            _ if d.covering(k).is_some_and(|m| {
                matches!(m.kind, MentionKind::Date | MentionKind::Location | MentionKind::Country)
            }) =>
            {
                k += 1
            }
            "," | "/" | "-" if k > c.te => k += 1,
            _ => return None,
        }
    }
    None
}

/// The persons a visit's sentence says invited the visitor: those listed
/// after "lời mời của" ("theo lời mời của A", "Nhận lời mời của A; B và C").
pub(crate) fn inviters<'p>(d: &Doc<'_>, c: &Clause<'_, 'p>) -> Vec<&'p Party> {
    let Some(k) = c.invitation else { return Vec::new() };
    let from = c.all.partition_point(|u| u.tokens.start <= k);
    match c.all.get(from) {
        Some(first) if first.tokens.start == k + 1 => {
            coordinated(d, &c.all[from..], true).into_iter().filter(|u| u.person.is_some()).collect()
        }
        _ => Vec::new(),
    }
}

/// Whether a name follows a meeting noun: "cuộc gặp Không chính thức Bộ
/// trưởng Quốc phòng ASEAN-Hoa Kỳ", not "cuộc hội đàm hôm 20/4, …".
pub(crate) fn names_follow(d: &Doc<'_>, c: &Clause<'_, '_>) -> bool {
    d.tokens.get(c.te).is_some_and(|t| {
        t.word
            && t.cap
            && d.covering(c.te).is_none_or(|m| matches!(m.kind, MentionKind::Title | MentionKind::Organization))
    })
}

/// Who a sentence that refers to a meeting says took part: its subject,
/// the party nearest before the trigger ("… của Đại tướng A tại cuộc gặp")
/// or, after it, the first party after a comma and those listed with it
/// ("Tại cuộc gặp với sự tham dự của …, A và B nhấn mạnh"), else the first
/// person named after it.
pub(crate) fn referrers<'p>(d: &Doc<'_>, c: &Clause<'_, 'p>) -> Vec<&'p Party> {
    let near = c.left.last().filter(|u| within(u.tokens.end, c.ti, 12));
    let group = match near {
        Some(u) => vec![*u],
        None => match c.right.iter().position(|u| after_comma(d, u)) {
            Some(i) => coordinated(d, &c.right[i..], false),
            None => c.right.iter().copied().filter(|u| u.person.is_some()).take(1).collect(),
        },
    };
    group.into_iter().filter(|u| u.person.is_some()).collect()
}

/// Whether at most `max` tokens lie between two token positions: what
/// [`gap_words`] checks, for a rule that needs no words.
fn within(from: usize, to: usize, max: usize) -> bool {
    to.saturating_sub(from) <= max
}

/// Words between two token positions, if there are at most `max`. (The
/// rules look at short gaps only; the bound keeps a sentence of many
/// triggers linear.)
pub(crate) fn gap_words<'a>(d: &Doc<'a>, from: usize, to: usize, max: usize) -> Option<Gap<'a>> {
    if !within(from, to, max) {
        return None;
    }
    let words = d.tokens[from.min(to)..to].iter().map(|t| &d.text[t.norm.range()]);
    if words.len() > Gap::INLINE {
        return Some(Gap::Long(words.collect()));
    }
    let n = words.len();
    let mut inline = [""; Gap::INLINE];
    for (slot, w) in inline.iter_mut().zip(words) {
        *slot = w;
    }
    Some(Gap::Short(inline, n))
}

/// The words of a gap ([`gap_words`]): most gaps are a few words, held
/// without an allocation; read as a slice.
pub(crate) enum Gap<'a> {
    Short([&'a str; Gap::INLINE], usize),
    Long(Vec<&'a str>),
}

impl Gap<'_> {
    const INLINE: usize = 12;
}

impl Default for Gap<'_> {
    fn default() -> Self {
        Gap::Short([""; Gap::INLINE], 0)
    }
}

impl<'a> std::ops::Deref for Gap<'a> {
    type Target = [&'a str];

    fn deref(&self) -> &[&'a str] {
        match self {
            Gap::Short(words, n) => &words[..*n],
            Gap::Long(words) => words,
        }
    }
}

pub(crate) fn after_comma(d: &Doc<'_>, u: &Party) -> bool {
    u.tokens.start > 0 && &d.text[d.tokens[u.tokens.start - 1].norm.range()] == ","
}

/// The subject: the party nearest before the trigger; for a verb joined to
/// an earlier one ("…; chào xã giao C", "… và gặp C") that verb's subject.
pub(crate) fn subject<'p>(d: &Doc<'_>, c: &Clause<'_, 'p>, prev: Option<&'p Party>) -> Option<&'p Party> {
    let near = c.left.last()?;
    // A party far before the trigger is not its subject.
    let gap = gap_words(d, near.tokens.end, c.ti, 48)?;
    // "A báo cáo với B về kết quả hội đàm với C": the meeting is a topic.
    if gap.contains(&"về") {
        return None;
    }
    let joined = matches!(gap.first().copied(), Some(";" | "," | "và" | "cũng" | "rồi" | "đồng"));
    match prev {
        Some(p) if joined && !gap.contains(&"được") => Some(p),
        _ => Some(near),
    }
}

/// The objects: the first party after the trigger, if nothing but
/// modifiers, "với" or a list's opening stands between, and the parties
/// joined to it.
pub(crate) fn objects<'p>(d: &Doc<'_>, c: &Clause<'_, 'p>) -> Vec<&'p Party> {
    // "chào xã giao B và gặp C": C is the next verb's.
    let right = &c.right[..c.right.partition_point(|u| u.tokens.start < c.next_trigger)];
    let Some(first) = right.first() else { return Vec::new() };
    if !object_gap_ok(d, c.te, first.tokens.start) {
        return Vec::new();
    }
    let gap = gap_words(d, c.te, first.tokens.start, 24).unwrap_or_default();
    // "chuyến thăm chính thức của B": B makes the visit, B is no object
    // ("dự chiêu đãi của B" after another verb is).
    if c.noun && gap.last() == Some(&"của") && !gap.contains(&"và") {
        return Vec::new();
    }
    // "; " lists items only in a list opened as one: "…, gồm A; B và C".
    let opened = matches!(gap.last().copied(), Some("gồm" | "như" | ":"));
    coordinated(d, right, opened)
}

/// Whether the words from the trigger's end to an object's start let the
/// object be the trigger's: "gặp B", "hội đàm với B", "có cuộc gặp chính
/// thức với B", "gặp và trao đổi ngắn với B", "điện đàm với một số nghị
/// sỹ …, gồm B", "hội đàm với Đoàn đại biểu … do B dẫn đầu" are; "thăm
/// Việt Nam của B", "đàm phán về …", "tiếp xúc ở các cấp … giữa B" are not.
pub(crate) fn object_gap_ok(d: &Doc<'_>, from: usize, to: usize) -> bool {
    let Some(gap) = gap_words(d, from, to, 24) else { return false };
    // A list opened by an open group or a delegation led by someone may
    // name places and bodies on the way.
    let list = matches!(gap.last().copied(), Some("gồm" | "như" | ":" | "do" | "là"));
    // "Tham dự cuộc gặp, A …": a comma ends the trigger's clause, unless
    // a second verb follows it ("gặp gỡ, trao đổi với B").
    let second_verb = matches!(&*gap, [",", verb @ .., "với"]
        if (1..=2).contains(&verb.len())
            && verb.iter().all(|w| w.chars().all(char::is_lowercase) && !matches!(*w, "ông" | "bà" | "đoàn" | "hai" | "các" | "họ" | "phía" | "bên")));
    if gap.len() > if list { 24 } else { 8 } || gap.first() == Some(&",") && !second_verb {
        return false;
    }
    (from..to).all(|k| {
        let w = &d.text[d.tokens[k].norm.range()];
        let place = d.covering(k).is_some_and(|m| matches!(m.kind, MentionKind::Country | MentionKind::Location));
        !matches!(w, ";" | "." | "?" | "!" | "về" | "ở" | "tại" | "giữa") && (list || !place)
        // "với sự tham dự của B": B attends a meeting named elsewhere.
    }) && !gap.windows(2).any(|w| w == ["tham", "dự"])
}

/// The parties written in a meeting's name: those right after the trigger,
/// before the next trigger ("Cuộc gặp Bộ trưởng Quốc phòng ASEAN-Hoa Kỳ",
/// "cuộc gặp với Tổng thống Moon Jae-in").
pub(crate) fn in_name<'p>(d: &Doc<'_>, c: &Clause<'_, 'p>) -> Vec<&'p Party> {
    let right = &c.right[..c.right.partition_point(|u| u.tokens.end <= c.next_trigger)];
    let Some(first) = right.first() else { return Vec::new() };
    let comma = gap_words(d, c.te, first.tokens.start, 24).is_none_or(|g| g.contains(&","));
    if comma || !object_gap_ok(d, c.te, first.tokens.start) {
        return Vec::new();
    }
    coordinated(d, right, false).into_iter().filter(|u| u.person.is_some()).collect()
}

/// Whether a negation comes right before the trigger, or a condition
/// ("nếu", "giả sử") earlier in its sentence: denied and hypothetical
/// meetings are not events.
/// `condition` is the first "nếu"/"giả sử" token of the sentence, if any.
pub(crate) fn negated(d: &Doc<'_>, trig: &Cue, condition: Option<usize>) -> bool {
    let i = d.token_at(trig.norm.start);
    let before = words_before(d, i, 3);
    // "từ chối gặp" is denied; "kể từ cuộc gặp" is not. A negation that
    // "đã" follows is about something else ("không lâu sau đã gặp"); one
    // after it is not ("đã không gặp").
    let negation = before.iter().enumerate().rev().find(|&(k, w)| {
        matches!(*w, "không" | "chưa" | "chẳng" | "hủy" | "hoãn") || (*w == "chối" && k > 0 && before[k - 1] == "từ")
    });
    let denied = negation.is_some_and(|(k, _)| !before[k + 1..].contains(&"đã"));
    denied || condition.is_some_and(|c| c < i)
}

/// An invitation ("lời mời thăm", "mời … sang thăm") is no meeting yet.
pub(crate) fn invited(d: &Doc<'_>, trig: &Cue) -> bool {
    let i = d.token_at(trig.norm.start);
    words_before(d, i, 2).contains(&"mời")
}

/// The first party of `units` and those listed with it: "B, C và D",
/// "B với C", "gồm A; B; C và D". Between two listed parties stand
/// separators (",", "và", "với", and ";" where `semicolons` says a list
/// was opened: "gồm", "như", "giữa"), and perhaps the offices of the next
/// one ("…; thành viên Ủy ban Ngân sách Thượng viện, Thượng Nghị sỹ B").
/// The list comes as its ";" items.
pub(crate) fn list_items<'u>(d: &Doc<'_>, units: &[&'u Party], semicolons: bool) -> Vec<Vec<&'u Party>> {
    let Some(first) = units.first() else { return Vec::new() };
    let mut items: Vec<Vec<&Party>> = vec![vec![first]];
    let mut prev = *first;
    for u in &units[1..] {
        let (from, to) = (prev.tokens.end, u.tokens.start);
        let (mut comma, mut and, mut semicolon, mut offices) = (false, false, false, false);
        let mut loose = 0;
        for k in from..to {
            match &d.text[d.tokens[k].norm.range()] {
                "," | "-" => comma = true,
                "và" | "với" => and = true,
                ";" => semicolon = true,
                "cùng" | "(" | ")" => {}
                // "A và B; giữa C và D".
                "giữa" if semicolons => {}
                _ if d.covering(k).is_some_and(|m| m.kind != MentionKind::Date) || d.tokens[k].cap => offices = true,
                _ => loose += 1,
            }
        }
        // "B, Ủy viên Bộ Chính trị, Phó Chủ tịch …, A nhấn mạnh": offices
        // after a comma describe B; a bare comma after them ends the list.
        let apposition = offices && &d.text[d.tokens[from].norm.range()] == ",";
        // "… và cùng C đồng chủ trì": C goes with the subject, not the list.
        let along = (from + 1..to)
            .any(|k| &d.text[d.tokens[k].norm.range()] == "cùng" && &d.text[d.tokens[k - 1].norm.range()] == "và");
        if along {
            break;
        }
        let joined = comma || and || (semicolon && semicolons);
        if !joined || (semicolon && !semicolons) || loose > 2 || (apposition && !(and || semicolon)) {
            break;
        }
        if semicolon {
            items.push(Vec::new());
        }
        items.last_mut().expect("not empty").push(u);
        prev = u;
    }
    items
}

/// The parties of a list ([`list_items`]) that meet the subject: where
/// ";" separates the items, an item that names a person is that person
/// (the offices around the name are theirs).
pub(crate) fn coordinated<'u>(d: &Doc<'_>, units: &[&'u Party], semicolons: bool) -> Vec<&'u Party> {
    let items = list_items(d, units, semicolons);
    if items.len() == 1 {
        return items.into_iter().next().unwrap_or_default();
    }
    let mut kept = Vec::new();
    for item in items {
        if item.iter().any(|u| u.person.is_some()) {
            kept.extend(item.into_iter().filter(|u| u.person.is_some()));
        } else {
            kept.extend(item);
        }
    }
    kept
}

/// Parties joined by "và" right before the trigger: "A và B đã hội đàm",
/// "A, Thứ trưởng Quốc phòng, và ngài B, Thứ trưởng Quốc phòng Canada đồng
/// chủ trì …" (offices in apposition may follow each). With `any_verb`,
/// any words but a clause break may come between the last and the
/// trigger: "A và B sẽ thảo luận … tại cuộc hội đàm".
pub(crate) fn coordinated_before<'u>(d: &Doc<'_>, left: &[&'u Party], trig: usize, any_verb: bool) -> Vec<&'u Party> {
    let Some(last) = left.last() else { return Vec::new() };
    let Some(gap) = gap_words(d, last.tokens.end, trig, 48) else { return Vec::new() };
    let adverb =
        |w: &str| matches!(w, "đã" | "sẽ" | "đang" | "vừa" | "cùng" | "có" | "tiến" | "hành" | "," | "chính" | "thức");
    let loose = |from: usize, to: usize, ok: &dyn Fn(&str) -> bool| {
        (from..to).filter(|&k| !(ok(&d.text[d.tokens[k].norm.range()]) || office(d, k))).count()
    };
    // Offices may hold a portfolio ("Thứ trưởng Quốc phòng"): two loose words.
    let adverbs =
        loose(last.tokens.end, trig, &adverb) <= 2 && gap.iter().any(|w| !adverb(w)) || gap.iter().all(|w| adverb(w));
    let clause = any_verb && gap.first().is_some_and(|w| w.chars().all(char::is_alphabetic)) && !gap.contains(&";");
    if !(adverbs || clause) {
        return Vec::new();
    }
    // Nearest first; a list of subjects is short (a long run of parties
    // is clauses, "A gặp B, C gặp D, …", and walking it all is quadratic).
    let mut out = vec![*last];
    let mut and = false;
    for u in left.iter().rev().skip(1).take(MAX_LISTED) {
        let (from, to) = (u.tokens.end, out[out.len() - 1].tokens.start);
        let joins = loose(from, to, &|w| matches!(w, "," | "và" | "ngài" | "ông" | "bà")) <= 2;
        if !joins || to.checked_sub(from).is_none_or(|n| n > 24) {
            break;
        }
        and |= (from..to).any(|k| &d.text[d.tokens[k].norm.range()] == "và");
        out.push(u);
    }
    // "A, B đã hội đàm" without "và" is no pair of subjects.
    if !and {
        out.truncate(1);
    }
    out.reverse();
    out
}

/// Whether token `k` is part of an office in apposition: a title, a body,
/// a country, a place, a capitalised word.
pub(crate) fn office(d: &Doc<'_>, k: usize) -> bool {
    d.tokens[k].cap
        || d.covering(k).is_some_and(|m| {
            matches!(
                m.kind,
                MentionKind::Title | MentionKind::Organization | MentionKind::Country | MentionKind::Location
            )
        })
}

pub(crate) type Met = crate::hash::FastSet<(usize, usize)>;

/// Note the pairs of people `ev` brings together (not for summits of many:
/// "two leaders" never means a pair of those).
pub(crate) fn record_met(met: &mut Met, ev: &Event) {
    let people: Vec<usize> = ev.participants.iter().filter_map(|p| p.person).collect();
    if people.len() > 8 {
        return;
    }
    for (i, x) in people.iter().enumerate() {
        for y in &people[i + 1..] {
            met.insert((*x.min(y), *x.max(y)));
        }
    }
}

/// "Hai nhà lãnh đạo …", "Hai Thủ tướng …" opening sentence `start`: the
/// two people named last in the `recent` parties (the three sentences
/// before), of different countries, met, if nothing else says so yet. Not
/// when the phrase names them itself ("Hai nhà lãnh đạo Hàn Quốc và
/// Australia").
pub(crate) fn pair_meeting(d: &Doc<'_>, recent: &[Party], start: usize, sentence: Span, met: &Met) -> Option<Event> {
    let toks = d.tokens;
    if toks.get(start).is_none_or(|t| &d.text[t.norm.range()] != "hai") {
        return None;
    }
    let title =
        d.covering(start + 1).filter(|m| m.kind == MentionKind::Title && m.start == toks[start + 1].span.start)?;
    let after = d.token_at_span(title.end);
    if toks.get(after).is_none_or(|t| !t.word || t.cap || d.covering(after).is_some()) {
        return None;
    }
    // The two people named last.
    let mut two: Vec<&Party> = Vec::with_capacity(2);
    for u in recent.iter().rev() {
        if u.person.is_some() && !two.iter().any(|t| t.person == u.person) {
            two.push(u);
            if two.len() == 2 {
                break;
            }
        }
    }
    let [b, a] = two[..] else { return None };
    let country = |u: &Party| d.people[u.person.expect("persons only")].country.as_deref();
    if country(a).is_some() && country(a) == country(b) {
        return None;
    }
    // A meeting between two of the people just named is the one the
    // sentence speaks of: nothing new.
    let mut people: Vec<usize> = recent.iter().filter_map(|u| u.person).collect();
    people.sort_unstable();
    people.dedup();
    for (i, x) in people.iter().enumerate() {
        if people[i + 1..].iter().any(|y| met.contains(&(*x, *y))) {
            return None;
        }
    }
    let span = Span::new(toks[start].span.start, title.end);
    Some(Event {
        kind: EventType::Meeting,
        participants: vec![participant(d, a, Role::Participant), participant(d, b, Role::Participant)],
        date: None,
        location: None,
        trigger: Trigger {
            text: d.original[span.range()].to_string(),
            id: "pair".into(),
            start: span.start,
            end: span.end,
        },
        mode: Some("bilateral".into()),
        sentence,
        rule: "event.pair".into(),
        reports: Vec::new(),
    })
}

/// A visit to a place: who went where, and where it is written.
pub(crate) struct Visit {
    pub at: usize,
    pub visitor: usize,
    pub place: EventLocation,
}

/// The visit a visit trigger reports, if it names the place right after
/// it ("chuyến thăm chính thức Australia", "thăm cấp Nhà nước tới nước
/// Cộng hòa …") and a person visiting: its subject, or the first person
/// after a comma ("Trong khuôn khổ chuyến thăm Australia, A …").
pub(crate) fn visit_of(d: &Doc<'_>, c: &Clause<'_, '_>, prev: Option<&Party>) -> Option<Visit> {
    let mut k = c.te;
    while k < c.te + 4 && matches!(d.word(k), "chính" | "thức" | "tới" | "đến" | "sang" | "nước" | "làm" | "việc")
    {
        k += 1;
    }
    let m = d.covering(k).filter(|m| matches!(m.kind, MentionKind::Country | MentionKind::Location))?;
    let visitor =
        subject(d, c, prev).or_else(|| c.right.iter().copied().find(|u| after_comma(d, u))).and_then(|u| u.person)?;
    Some(Visit { at: d.tokens[c.ti].span.start, visitor, place: crate::when_where::location_of(m) })
}
