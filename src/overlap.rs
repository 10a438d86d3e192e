//! The one overlap policy, shared by cues and mentions: leftmost first,
//! then longest; accepted greedily. An item that crosses an accepted one
//! loses; an item inside an accepted one stands only where `may_nest` says.

use crate::mentions::MentionKind;
use crate::span::Span;

/// Resolve overlaps in place. `span` gives an item's span; `order` breaks
/// ties between equal spans; `may_nest(outer, inner)` says whether `inner`
/// may stand inside (or on the same span as) an accepted `outer`. The
/// result is sorted by start, longest first, then `order`.
pub(crate) fn resolve<T, K: Ord>(
    items: &mut Vec<T>,
    span: impl Fn(&T) -> Span,
    order: impl Fn(&T) -> K,
    may_nest: impl Fn(&T, &T) -> bool,
) {
    items.sort_by_key(|t| (span(t).start, std::cmp::Reverse(span(t).len()), order(t)));
    // Accepted items never cross, and are taken in order of start: those
    // that reach past a candidate's start are nested in one another, a
    // stack (`open`, indices into `kept`), and no other accepted item can
    // overlap the candidate. The stack is as deep as mentions nest.
    let mut kept: Vec<T> = Vec::with_capacity(items.len());
    let mut open: Vec<usize> = Vec::new();
    for t in items.drain(..) {
        let s = span(&t);
        while open.last().is_some_and(|&k| span(&kept[k]).end <= s.start) {
            open.pop();
        }
        let ok = open.iter().all(|&k| {
            let ks = span(&kept[k]);
            !ks.overlaps(s) || (ks.contains(s) && may_nest(&kept[k], &t))
        });
        if ok {
            open.push(kept.len());
            kept.push(t);
        }
    }
    *items = kept;
    // Taken in order of start, longest first: at one start the longest
    // ends last, so the result is already in the documented order.
    debug_assert!(items.is_sorted_by_key(|t| (span(t).start, std::cmp::Reverse(span(t).end), order(t))));
}

/// Whether an item of kind `inner` may stand inside an accepted one of kind
/// `outer` (`None`: a cue that names no mention, a trigger say). A country
/// nests anywhere ("Thông tấn xã Việt Nam"), a place in an organisation or a
/// place, an organisation in a place ("Trụ sở Bộ Quốc phòng"); nothing nests
/// in its own kind.
pub(crate) fn may_nest(outer: Option<MentionKind>, inner: Option<MentionKind>) -> bool {
    use MentionKind::*;
    match (outer, inner) {
        (o, i) if o == i => false,
        (_, Some(Country)) => true,
        (Some(Organization | Location), Some(Location)) => true,
        (Some(Location), Some(Organization)) => true,
        _ => false,
    }
}
