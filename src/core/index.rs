//! Which hotspots are visible at a media time: `start <= t < end`, in timeline order.
//!
//! Owns an interval index over hotspot keys. It knows nothing of hotspots, positions or the
//! screen: only keys and half-open time intervals. Queries run on every frame, so they allocate
//! nothing (given an output buffer with capacity) and never panic, whatever the input.
//!
//! # Design, and why
//!
//! A timeline holds up to 100,000 hotspots, a frame sees a handful, and a live stream adds a few
//! hotspots at a time while playing. So the query must be output-sensitive and inserts must not
//! rebuild everything each time.
//!
//! - The core structure is a **centered interval tree**, stored flat (nodes and two arrays of
//!   marks, no pointer chasing). Each node has a center `c` taken from the median start of its
//!   intervals, holds the intervals containing `c` (`start <= c < end`) sorted once by start and
//!   once by end (descending), and leaves those ending at or before `c` to its left child and
//!   those starting after `c` to its right. Taking `c` from a start guarantees every node holds
//!   at least one interval and each child at most half of its parent's, so the depth is at most
//!   log2(n) + 1. A query walks one root-to-leaf path, and at each node reads a prefix of one of
//!   its sorted lists that is exactly the node's answer: O(log n + k). A sorted array with a
//!   "max end" segment tree would cost O(k log n) and an O(n) rebuild per insert; a plain
//!   sorted scan is O(n).
//! - **Inserts** go to a second, small tree of recent intervals, rebuilt on each insert
//!   (O(m log m), m small). When it outgrows max(64, sqrt(n)) everything is merged into a
//!   fresh main tree (O(n log n) every sqrt(n) inserts). Amortized insert: O(sqrt(n) log n),
//!   a few thousand steps at n = 100,000. Queries read both trees, still O(log n + k).
//! - **Removes** mark the interval dead in place (found along its own root-to-node path by
//!   binary search): O(log n + d) where d is the number of intervals sharing its start or end in
//!   that node. Dead marks are skipped by queries; when they reach a quarter of the main tree it
//!   is rebuilt, so they never cost more than a constant factor (amortized O(log n) per remove).
//!   Memory follows the live intervals: at most a third more marks than live intervals (plus
//!   `DEAD_MIN`) in the main tree, at most the merge limit in the recent one, and the list and
//!   table of spans shrink as they empty (`fit_to_len`, `Table`).
//! - `query_into` sorts its results by key (in place, no allocation): the stage hands out keys
//!   in timeline order, so ascending keys are timeline order.
//! - **`query_first_into`** answers at most `limit` intervals, those that started first, for a
//!   frame where thousands are due at once. Each node's `by_start` list is in exactly that rank
//!   order (start, then key), so reading it stops after `limit` taken; a bounded max-heap holds
//!   the best so far. A node on the right of `t` (all its intervals started by `t`) is read by
//!   start too when most of it still contains `t`, else the part of `by_end` that does: the
//!   work is about `limit` marks per node of the path, and only a node that holds many
//!   intervals of which a fair share has ended costs more (at most the smaller share).

use super::sort::sort_by;
use super::table::{fit_to_len, hash_u32, Table};

/// A hotspot's stable handle. The stage assigns keys in timeline order and never reuses one
/// (after four billion it numbers the live hotspots afresh, in order), so ascending keys are
/// timeline order.
pub type Key = u32;

/// No child / empty tree. Never a valid node index: node counts are bounded by interval counts.
const NO_NODE: u32 = u32::MAX;

/// The recent tree is merged into the main one when it holds more than this, or sqrt(n).
const RECENT_MIN: usize = 64;

/// Dead marks tolerated in the main tree before it is rebuilt (then also a quarter of it).
const DEAD_MIN: usize = 64;

/// Which hotspots are visible at a time. See the module documentation.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// Every live interval, by key: for removal and for rebuilding.
    spans: Spans,
    main: Tree,
    recent: Tree,
    /// The live intervals of `recent`, to rebuild it on insert.
    recent_entries: Vec<Entry>,
}

/// Every live interval, by key: a list, and a table of positions in it to find a key.
#[derive(Debug, Clone, Default)]
struct Spans {
    list: Vec<(Key, Span)>,
    table: Table,
}

impl Spans {
    fn get(&self, key: Key) -> Option<&Span> {
        let at = self.table.find(hash_u32(key), |h| self.key_at(h) == Some(key))?;
        self.list.get(at as usize).map(|(_, span)| span)
    }

    /// Adds or replaces the interval of `key`.
    fn insert(&mut self, key: Key, span: Span) {
        let at = self.table.find(hash_u32(key), |h| self.key_at(h) == Some(key));
        if let Some(entry) = at.and_then(|at| self.list.get_mut(at as usize)) {
            entry.1 = span;
            return;
        }
        let Ok(handle) = u32::try_from(self.list.len()) else {
            return; // beyond 4 billion intervals: unreachable with the contract's limits
        };
        self.list.push((key, span));
        let Spans { list, table } = self;
        table.set(hash_u32(key), handle, |_| false, |h| hash_at(list, h));
    }

    /// Removes the interval of `key`, moving the last one into its place.
    fn remove(&mut self, key: Key) -> Option<Span> {
        let Spans { list, table } = self;
        let at = table.remove(
            hash_u32(key),
            |h| list.get(h as usize).map(|e| e.0) == Some(key),
            |h| hash_at(list, h),
        )?;
        let (_, span) = list.swap_remove(at as usize);
        if let Some(&(moved, _)) = list.get(at as usize) {
            let last = list.len() as u32;
            table.set(hash_u32(moved), at, |h| h == last, |h| hash_at(list, h));
        }
        fit_to_len(list);
        Some(span)
    }

    fn key_at(&self, handle: u32) -> Option<Key> {
        self.list.get(handle as usize).map(|e| e.0)
    }
}

fn hash_at(list: &[(Key, Span)], handle: u32) -> u32 {
    list.get(handle as usize).map_or(0, |e| hash_u32(e.0))
}

#[derive(Debug, Clone, Copy)]
struct Span {
    start: f64,
    end: f64,
    recent: bool,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    key: Key,
    start: f64,
    end: f64,
}

impl Index {
    pub fn new() -> Index {
        Index::default()
    }

    /// Builds the index for `(key, start, end)` entries in O(n log n). A key given twice keeps
    /// its last interval; an empty or NaN interval (not `start < end`) is never visible and is
    /// not stored.
    pub fn build(entries: &[(Key, f64, f64)]) -> Index {
        let mut index = Index::new();
        index.spans.table = Table::with_capacity(entries.len());
        for &(key, start, end) in entries {
            if start < end {
                index.spans.insert(
                    key,
                    Span {
                        start,
                        end,
                        recent: false,
                    },
                );
            } else {
                index.spans.remove(key);
            }
        }
        index.rebuild_all();
        index
    }

    /// Adds (or replaces) one interval. Amortized O(sqrt(n) log n); see the module docs.
    pub fn insert(&mut self, key: Key, start: f64, end: f64) {
        self.extend(&[(key, start, end)]);
    }

    /// Adds (or replaces) several intervals at once, rebuilding at most once.
    pub fn extend(&mut self, entries: &[(Key, f64, f64)]) {
        for &(key, start, end) in entries {
            self.remove(key);
            if start < end {
                self.spans.insert(
                    key,
                    Span {
                        start,
                        end,
                        recent: true,
                    },
                );
                self.recent_entries.push(Entry { key, start, end });
            }
        }
        let limit = RECENT_MIN.max(isqrt(self.len()));
        if self.recent_entries.len() > limit {
            self.rebuild_all();
        } else {
            let mut scratch = self.recent_entries.clone();
            self.recent = Tree::build(&mut scratch);
        }
    }

    /// Removes the interval of `key`; false if there was none. O(log n) amortized.
    pub fn remove(&mut self, key: Key) -> bool {
        let Some(span) = self.spans.remove(key) else {
            return false;
        };
        if span.recent {
            self.recent.kill(key, span.start, span.end);
            self.recent_entries.retain(|e| e.key != key);
        } else {
            self.main.kill(key, span.start, span.end);
            if self.main.dead > DEAD_MIN && self.main.dead * 4 > self.main.marks() {
                self.rebuild_all();
            }
        }
        true
    }

    /// The number of intervals stored.
    pub fn len(&self) -> usize {
        self.spans.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.list.is_empty()
    }

    /// Whether `key` has an interval.
    pub fn contains(&self, key: Key) -> bool {
        self.spans.get(key).is_some()
    }

    /// The interval of `key`, as `(start, end)`.
    pub fn span(&self, key: Key) -> Option<(f64, f64)> {
        self.spans.get(key).map(|s| (s.start, s.end))
    }

    /// Clears `out` and fills it with the keys whose interval contains `t` (`start <= t < end`),
    /// ascending. O(log n + k), plus sorting the k keys; allocates nothing when `out` has room.
    pub fn query_into(&self, t: f64, out: &mut Vec<Key>) {
        out.clear();
        if t.is_nan() {
            return;
        }
        self.main.query(t, out);
        self.recent.query(t, out);
        sort_by(out, |a, b| a < b);
    }

    /// Clears `out` and fills it with at most `limit` intervals containing `t`, as
    /// `(start, key)`: those that started first (equal starts: the lower key first), in no
    /// particular order (the caller sorts what it keeps: the stage sorts what is on screen, and
    /// one sort compiled instead of two keeps the Wasm smaller). Allocates nothing when `out`
    /// has room for `limit`.
    ///
    /// It reads at most about `limit` marks per node of its path where it can read them in
    /// that order, so however many intervals contain `t` the work is O(log n + limit log n),
    /// with one exception: in a node whose intervals all started by `t`, when between `limit`
    /// and all but `limit` of them contain `t`, it reads the fewer of those that do and those
    /// that do not (see `Tree::select`).
    pub fn query_first_into(&self, t: f64, limit: usize, out: &mut Vec<(f64, Key)>) {
        out.clear();
        if t.is_nan() || limit == 0 {
            return;
        }
        let mut best = Best { heap: out, limit };
        self.main.select(t, &mut best);
        self.recent.select(t, &mut best);
    }

    /// Puts every live interval in a fresh main tree and empties the recent one.
    fn rebuild_all(&mut self) {
        let mut entries: Vec<Entry> = self
            .spans
            .list
            .iter_mut()
            .map(|(key, span)| {
                let key = *key;
                span.recent = false;
                Entry {
                    key,
                    start: span.start,
                    end: span.end,
                }
            })
            .collect();
        self.main = Tree::build(&mut entries);
        self.recent = Tree::default();
        // A fresh list: it never holds more than the merge limit of the live count now.
        self.recent_entries = Vec::new();
    }
}

fn isqrt(n: usize) -> usize {
    // Exact enough for a threshold; f64 holds every usize up to 2^53.
    (n as f64).sqrt() as usize
}

/// An interval in one of a node's sorted lists.
#[derive(Debug, Clone, Copy)]
struct Mark {
    /// The start (in `by_start`) or end (in `by_end`) of the interval: what the list is
    /// sorted by.
    time: f64,
    /// The other end: the end in `by_start`, the start in `by_end` (for `query_first_into`).
    other: f64,
    key: Key,
    alive: bool,
}

#[derive(Debug, Clone, Copy)]
struct Node {
    center: f64,
    left: u32,
    right: u32,
    /// The node's intervals are `by_start[first..last]` and `by_end[first..last]`.
    first: u32,
    last: u32,
}

/// A static centered interval tree (see the module docs), with in-place removal marks.
#[derive(Debug, Clone)]
struct Tree {
    nodes: Vec<Node>,
    /// Per node, its intervals by ascending start.
    by_start: Vec<Mark>,
    /// Per node, the same intervals by descending end.
    by_end: Vec<Mark>,
    root: u32,
    dead: usize,
}

impl Default for Tree {
    fn default() -> Tree {
        Tree {
            nodes: Vec::new(),
            by_start: Vec::new(),
            by_end: Vec::new(),
            root: NO_NODE,
            dead: 0,
        }
    }
}

impl Tree {
    /// Builds the tree in O(n log n). Every entry must satisfy `start < end` (the index
    /// guarantees it): that is what makes every node non-empty and the recursion finite.
    fn build(entries: &mut [Entry]) -> Tree {
        let mut tree = Tree {
            nodes: Vec::with_capacity(entries.len()),
            by_start: Vec::with_capacity(entries.len()),
            by_end: Vec::with_capacity(entries.len()),
            ..Tree::default()
        };
        // Sorted by start once; every split below keeps that order, so each node finds its
        // median and its list by start without sorting again.
        sort_entries(entries, false);
        tree.root = tree.build_node(entries, &mut Vec::new());
        tree
    }

    /// Builds the subtree of `entries` (sorted by start, then key) and returns its node index.
    /// Recursion depth is at most log2(n) + 1 (each child gets at most half). `scratch` is a
    /// buffer lent to every node in turn.
    fn build_node(&mut self, entries: &mut [Entry], scratch: &mut Vec<Entry>) -> u32 {
        let Some(center) = entries.get(entries.len() / 2).map(|e| e.start) else {
            return NO_NODE;
        };
        // [ left: end <= c | node: start <= c < end | right: start > c ], each still by start.
        let (starts_by_c, right) = entries.split_at_mut(entries.partition_point(|e| e.start <= center));
        scratch.clear();
        let mut left_len = 0;
        for i in 0..starts_by_c.len() {
            let entry = starts_by_c[i];
            if entry.end <= center {
                starts_by_c[left_len] = entry;
                left_len += 1;
            } else {
                scratch.push(entry);
            }
        }
        let (left, here) = starts_by_c.split_at_mut(left_len);
        here.copy_from_slice(scratch);

        let (Ok(first), Ok(last), Ok(index)) = (
            u32::try_from(self.by_start.len()),
            u32::try_from(self.by_start.len() + here.len()),
            u32::try_from(self.nodes.len()),
        ) else {
            return NO_NODE; // beyond 4 billion intervals: unreachable with the contract's limits
        };
        self.by_start.extend(here.iter().map(|e| Mark {
            time: e.start,
            other: e.end,
            key: e.key,
            alive: true,
        }));
        sort_entries(scratch, true);
        self.by_end.extend(scratch.iter().map(|e| Mark {
            time: e.end,
            other: e.start,
            key: e.key,
            alive: true,
        }));
        self.nodes.push(Node {
            center,
            left: NO_NODE,
            right: NO_NODE,
            first,
            last,
        });
        let left = self.build_node(left, scratch);
        let right = self.build_node(right, scratch);
        if let Some(node) = self.nodes.get_mut(index as usize) {
            node.left = left;
            node.right = right;
        }
        index
    }

    /// Appends the live keys containing `t` (not NaN) to `out`, unsorted.
    fn query(&self, t: f64, out: &mut Vec<Key>) {
        let mut current = self.root;
        while let Some(node) = self.nodes.get(current as usize) {
            let range = node.first as usize..node.last as usize;
            if t < node.center {
                // Every interval here ends after c > t: it contains t iff it starts by t.
                for mark in self.by_start.get(range).unwrap_or_default() {
                    if mark.time > t {
                        break;
                    }
                    if mark.alive {
                        out.push(mark.key);
                    }
                }
                current = node.left;
            } else {
                // Every interval here starts by c <= t: it contains t iff it ends after t.
                for mark in self.by_end.get(range).unwrap_or_default() {
                    if mark.time <= t {
                        break;
                    }
                    if mark.alive {
                        out.push(mark.key);
                    }
                }
                current = node.right;
            }
        }
    }

    /// Offers the live intervals containing `t` (not NaN) to `best`, reading each node's list
    /// in rank order (`by_start`: by start, then key) where it can, so it stops as soon as the
    /// rest cannot rank among the best.
    fn select(&self, t: f64, best: &mut Best) {
        let mut current = self.root;
        while let Some(node) = self.nodes.get(current as usize) {
            let range = node.first as usize..node.last as usize;
            let (Some(by_start), Some(by_end)) =
                (self.by_start.get(range.clone()), self.by_end.get(range))
            else {
                return;
            };
            let left_turn = t < node.center;
            // Turning right, every interval here started by c <= t: those containing t are
            // those ending after it, the first `ending_after` of `by_end`. Read them, or read
            // the node in rank order skipping those that ended, whichever reads fewer.
            let ending_after = if left_turn {
                0
            } else {
                by_end.partition_point(|mark| mark.time > t)
            };
            if !left_turn && ending_after <= (by_end.len() - ending_after).saturating_add(best.limit) {
                for mark in by_end.get(..ending_after).unwrap_or_default() {
                    if mark.alive {
                        best.offer(mark.other, mark.key);
                    }
                }
            } else {
                // In rank order. Turning left, every interval here ends after c > t, so those
                // that started by t contain it; turning right, every one started by t, so those
                // ending after t do. Once `limit` are taken from here, the rest cannot rank.
                for mark in by_start {
                    if mark.time > t || !best.may_take(mark.time, mark.key) {
                        break;
                    }
                    if mark.alive && mark.other > t {
                        best.offer(mark.time, mark.key);
                    }
                }
            }
            current = if left_turn { node.left } else { node.right };
        }
    }

    /// Marks the interval dead. It is found along the same path `build_node` sent it.
    fn kill(&mut self, key: Key, start: f64, end: f64) -> bool {
        let mut current = self.root;
        while let Some(node) = self.nodes.get(current as usize).copied() {
            if end <= node.center {
                current = node.left;
            } else if start > node.center {
                current = node.right;
            } else {
                let range = node.first as usize..node.last as usize;
                let found = kill_mark(
                    self.by_start.get_mut(range.clone()),
                    key,
                    |m| m.time < start,
                    start,
                ) & kill_mark(self.by_end.get_mut(range), key, |m| m.time > end, end);
                if found {
                    self.dead += 1;
                }
                return found;
            }
        }
        false
    }

    /// Marks stored, dead or alive.
    fn marks(&self) -> usize {
        self.by_start.len()
    }
}

/// The `limit` best intervals offered so far, as `(start, key)`. Until it is full it is a plain
/// list; once full, a max-heap by rank, so the worst of them is at the top, to be replaced by a
/// better one.
struct Best<'a> {
    heap: &'a mut Vec<(f64, Key)>,
    limit: usize,
}

/// Whether `a` ranks before `b`: it started earlier, or at the same time with a lower key.
fn ranks_before(a: (f64, Key), b: (f64, Key)) -> bool {
    a.0 < b.0 || (a.0 == b.0 && a.1 < b.1)
}

impl Best<'_> {
    /// Whether an interval of this rank would be kept.
    fn may_take(&self, start: f64, key: Key) -> bool {
        self.heap.len() < self.limit
            || self
                .heap
                .first()
                .is_some_and(|&worst| ranks_before((start, key), worst))
    }

    fn offer(&mut self, start: f64, key: Key) {
        if self.heap.len() < self.limit {
            self.heap.push((start, key));
            if self.heap.len() == self.limit {
                for root in (0..self.limit / 2).rev() {
                    sift_down(self.heap, root);
                }
            }
        } else if self.may_take(start, key) {
            if let Some(top) = self.heap.first_mut() {
                *top = (start, key);
            }
            sift_down(self.heap, 0);
        }
    }
}

/// Moves `heap[at]` down until no child ranks after it.
fn sift_down(heap: &mut [(f64, Key)], mut at: usize) {
    loop {
        let mut worst = at;
        for child in [2 * at + 1, 2 * at + 2] {
            if child < heap.len() && ranks_before(heap[worst], heap[child]) {
                worst = child;
            }
        }
        if worst == at {
            return;
        }
        heap.swap(worst, at);
        at = worst;
    }
}

/// In a sorted list, skips the marks `before` the time, then looks among those at `time` for
/// the key.
fn kill_mark(
    marks: Option<&mut [Mark]>,
    key: Key,
    before: impl FnMut(&Mark) -> bool,
    time: f64,
) -> bool {
    let Some(marks) = marks else {
        return false;
    };
    let from = marks.partition_point(before);
    let Some(tail) = marks.get_mut(from..) else {
        return false;
    };
    for mark in tail.iter_mut().take_while(|m| m.time == time) {
        if mark.key == key && mark.alive {
            mark.alive = false;
            return true;
        }
    }
    false
}

/// Sorts by start ascending, or by end descending (`by_end`), then by key: one comparator
/// for both orders, so the sort is compiled once. (Negation reverses `total_cmp` exactly.)
fn sort_entries(entries: &mut [Entry], by_end: bool) {
    let time = |e: &Entry| if by_end { -e.end } else { e.start };
    sort_by(entries, |a, b| {
        time(a).total_cmp(&time(b)).then(a.key.cmp(&b.key)).is_lt()
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(index: &Index, t: f64) -> Vec<Key> {
        let mut out = Vec::new();
        index.query_into(t, &mut out);
        out
    }

    #[test]
    fn an_interval_is_half_open() {
        let index = Index::build(&[(7, 2.0, 6.5)]);
        assert_eq!(query(&index, 1.999), Vec::<Key>::new());
        assert_eq!(query(&index, 2.0), vec![7]);
        assert_eq!(query(&index, 6.499), vec![7]);
        assert_eq!(query(&index, 6.5), Vec::<Key>::new());
    }

    #[test]
    fn results_come_in_ascending_key_order() {
        let index = Index::build(&[
            (5, 0.0, 10.0),
            (1, 3.0, 4.0),
            (3, 1.0, 9.0),
            (2, 20.0, 30.0),
            (4, 0.5, 3.5),
        ]);
        assert_eq!(query(&index, 3.2), vec![1, 3, 4, 5]);
        assert_eq!(query(&index, 25.0), vec![2]);
    }

    #[test]
    fn empty_nan_and_reversed_intervals_are_never_stored() {
        let index = Index::build(&[
            (1, 3.0, 3.0),
            (2, 4.0, 1.0),
            (3, f64::NAN, 1.0),
            (4, 0.0, 1.0),
        ]);
        assert_eq!(index.len(), 1);
        assert_eq!(query(&index, 0.5), vec![4]);
        assert_eq!(query(&index, 3.0), Vec::<Key>::new());
    }

    #[test]
    fn a_nan_time_matches_nothing_and_infinite_ends_work() {
        let index = Index::build(&[(1, 0.0, f64::INFINITY), (2, 1.0, 2.0)]);
        assert_eq!(query(&index, f64::NAN), Vec::<Key>::new());
        assert_eq!(query(&index, 1e300), vec![1]);
        assert_eq!(query(&index, f64::INFINITY), Vec::<Key>::new());
    }

    #[test]
    fn insert_remove_and_replace() {
        let mut index = Index::new();
        assert!(index.is_empty());
        index.insert(1, 0.0, 5.0);
        index.insert(2, 1.0, 2.0);
        assert_eq!(query(&index, 1.5), vec![1, 2]);
        index.insert(1, 10.0, 11.0); // replaces
        assert_eq!(index.len(), 2);
        assert_eq!(query(&index, 1.5), vec![2]);
        assert_eq!(query(&index, 10.0), vec![1]);
        assert!(index.remove(2));
        assert!(!index.remove(2));
        assert!(!index.remove(99));
        assert_eq!(query(&index, 1.5), Vec::<Key>::new());
        assert_eq!(index.span(1), Some((10.0, 11.0)));
        assert!(index.contains(1) && !index.contains(2));
    }

    #[test]
    fn many_inserts_merge_into_the_main_tree() {
        let mut index = Index::build(
            &(0..1000)
                .map(|k| (k, f64::from(k), f64::from(k) + 1.5))
                .collect::<Vec<_>>(),
        );
        for k in 1000..3000 {
            index.insert(k, f64::from(k), f64::from(k) + 1.5);
            assert!(index.recent_entries.len() <= RECENT_MIN.max(isqrt(index.len())));
        }
        assert_eq!(index.len(), 3000);
        assert_eq!(query(&index, 2500.25), vec![2499, 2500]);
    }

    #[test]
    fn many_removes_rebuild_the_main_tree() {
        let entries: Vec<_> = (0..1000).map(|k| (k, 0.0, 1.0 + f64::from(k))).collect();
        let mut index = Index::build(&entries);
        for k in 0..900 {
            assert!(index.remove(k));
            assert!(index.main.dead <= DEAD_MIN.max(index.main.marks() / 4));
        }
        assert_eq!(query(&index, 0.0), (900..1000).collect::<Vec<_>>());
    }

    #[test]
    fn identical_intervals_are_removed_one_by_one() {
        let entries: Vec<_> = (0..200).map(|k| (k, 1.0, 2.0)).collect();
        let mut index = Index::build(&entries);
        for k in (0..200).step_by(2) {
            assert!(index.remove(k));
        }
        assert_eq!(query(&index, 1.0), (1..200).step_by(2).collect::<Vec<_>>());
    }

    #[test]
    fn the_tree_is_balanced() {
        let entries: Vec<_> = (0..100_000)
            .map(|k| (k, f64::from(k), f64::from(k) + 3.0))
            .collect();
        let index = Index::build(&entries);
        fn depth(tree: &Tree, node: u32) -> usize {
            match tree.nodes.get(node as usize) {
                Some(n) => 1 + depth(tree, n.left).max(depth(tree, n.right)),
                None => 0,
            }
        }
        assert!(depth(&index.main, index.main.root) <= 18);
    }

    #[test]
    fn a_warm_buffer_is_reused() {
        let index = Index::build(&[(1, 0.0, 10.0), (2, 0.0, 10.0)]);
        let mut out = Vec::with_capacity(8);
        let before = out.as_ptr();
        index.query_into(5.0, &mut out);
        assert_eq!(out, vec![1, 2]);
        assert_eq!(out.as_ptr(), before);
    }
}
