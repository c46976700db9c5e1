//! The core's one sort: a heapsort, in place, O(n log n) in the worst case, no allocation.
//!
//! The standard library's `sort_unstable*` is faster on large inputs, but every element type and
//! comparator gets its own copy of its pattern-defeating quicksort, several KB of Wasm each
//! (the player had five, about 20 KB). This is a few hundred bytes per use; the core sorts at
//! most 100,000 items at a time (building the index), where it takes milliseconds.

/// Sorts `items` so that no item is `less` than one before it (not stable).
pub fn sort_by<T>(items: &mut [T], less: impl Fn(&T, &T) -> bool) {
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
}
