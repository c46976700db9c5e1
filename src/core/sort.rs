//! The core's one sort: a heapsort, in place, O(n log n) in the worst case, no allocation.
//!
//! The standard library's `sort_unstable*` is faster on large inputs, but every element type and
//! comparator gets its own copy of its pattern-defeating quicksort, several KB of Wasm each
//! (the player had five, about 20 KB). This is a few hundred bytes per use; the core sorts at
//! most 100,000 items at a time (building the index), where it takes milliseconds.

/// Sorts `items` so that no item is `less` than one before it (not stable). Input already in
/// order, or in strictly reverse order, takes one pass: a timeline usually lists its hotspots
/// by start time, so the index's two sorts (by start, and by end from the latest) find them so.
pub fn sort_by<T>(items: &mut [T], less: impl Fn(&T, &T) -> bool) {
    if items.windows(2).all(|pair| !less(&pair[1], &pair[0])) {
        return;
    }
    if items.windows(2).all(|pair| less(&pair[1], &pair[0])) {
        items.reverse();
        return;
    }
    let len = items.len();
    // Make a max-heap, then move its top to the end, shrinking it by one each time.
    for root in (0..len / 2).rev() {
        sift_down(items, root, len, &less);
    }
    for end in (1..len).rev() {
        items.swap(0, end);
        sift_down(items, 0, end, &less);
    }
}

/// Moves `items[root]` down the heap `items[..end]` until no child is greater.
fn sift_down<T>(items: &mut [T], mut root: usize, end: usize, less: &impl Fn(&T, &T) -> bool) {
    loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && less(&items[child], &items[child + 1]) {
            child += 1;
        }
        if !less(&items[root], &items[child]) {
            return;
        }
        items.swap(root, child);
        root = child;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_library() {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for len in (0..70).chain([1000, 4097]) {
            let mut items: Vec<u32> = (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    (state % 50) as u32
                })
                .collect();
            let mut want = items.clone();
            want.sort_unstable();
            sort_by(&mut items, |a, b| a < b);
            assert_eq!(items, want);
        }
    }

    #[test]
    fn sorts_by_any_order() {
        let mut items = vec![(1, 'a'), (3, 'b'), (2, 'c'), (3, 'a')];
        sort_by(&mut items, |a, b| (b.0, a.1) < (a.0, b.1));
        assert_eq!(items, vec![(3, 'a'), (3, 'b'), (2, 'c'), (1, 'a')]);
    }

    #[test]
    fn sorted_reversed_and_nearly_sorted_input_all_come_out_sorted() {
        let sorted: Vec<u32> = (0..500).collect();
        let with_ties: Vec<u32> = (0..500).map(|i| i / 3).collect();
        let mut nearly = sorted.clone();
        nearly.swap(10, 400);
        let mut rotated = sorted.clone();
        rotated.rotate_left(7);
        for input in [sorted.clone(), sorted.iter().rev().copied().collect(), with_ties.clone(), with_ties.iter().rev().copied().collect(), nearly, rotated] {
            let mut items = input.clone();
            let mut want = input;
            want.sort_unstable();
            sort_by(&mut items, |a, b| a < b);
            assert_eq!(items, want);
        }
    }
}
