//! The index answers exactly what a brute-force filter answers, through any sequence of
//! inserts and removes, at any time, including exactly at starts and ends; and so does its
//! bounded query, which keeps only the intervals that started first.

use proptest::prelude::*;
use shoppable_video::core::index::{Index, Key};
use std::collections::BTreeMap;

/// The model: every live interval, and the answer by brute force.
fn brute_force(model: &BTreeMap<Key, (f64, f64)>, t: f64) -> Vec<Key> {
    model
        .iter()
        .filter(|(_, &(start, end))| start <= t && t < end)
        .map(|(&key, _)| key)
        .collect()
}

/// The bounded query by brute force: of the intervals containing `t`, the `limit` that
/// started first (equal starts: lower key first), by ascending key (the index's answer is
/// sorted the same way before comparing: its order is unspecified).
fn brute_force_first(model: &BTreeMap<Key, (f64, f64)>, t: f64, limit: usize) -> Vec<(f64, Key)> {
    let mut due: Vec<(f64, Key)> = model
        .iter()
        .filter(|(_, &(start, end))| start <= t && t < end)
        .map(|(&key, &(start, _))| (start, key))
        .collect();
    due.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    due.truncate(limit);
    due.sort_by_key(|&(_, key)| key);
    due
}

fn query_first(index: &Index, t: f64, limit: usize) -> Vec<(f64, Key)> {
    let mut out = Vec::new();
    index.query_first_into(t, limit, &mut out);
    out.sort_by_key(|&(_, key)| key);
    out
}

fn query(index: &Index, t: f64) -> Vec<Key> {
    let mut out = Vec::new();
    index.query_into(t, &mut out);
    out
}

/// The next float up (times here are >= 0).
fn next_up(t: f64) -> f64 {
    f64::from_bits(t.to_bits() + 1)
}

/// The next float down (times here are > 0).
fn next_down(t: f64) -> f64 {
    f64::from_bits(t.to_bits() - 1)
}

/// Times on a coarse grid, so intervals share starts and ends and queries hit them exactly.
fn grid_time() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => (0u32..60).prop_map(|n| f64::from(n) * 0.5),
        1 => 0.0f64..30.0,
    ]
}

/// An interval: usually on the grid, sometimes tiny (one ulp or a nanosecond) or long.
fn interval() -> impl Strategy<Value = (f64, f64)> {
    (grid_time(), 0u8..10, 1u32..20).prop_map(|(start, kind, n)| {
        let end = match kind {
            0 => next_up(start),
            1 => start + 1e-9,
            2 => start + 1000.0,
            _ => start + f64::from(n) * 0.5,
        };
        (start, end)
    })
}

/// Query times: the grid, plus the exact edges of the intervals and their neighbours.
fn probe_times(model: &BTreeMap<Key, (f64, f64)>) -> Vec<f64> {
    let mut times: Vec<f64> = (0..70).map(|n| f64::from(n) * 0.5).collect();
    for &(start, end) in model.values() {
        times.extend([start, end, next_up(start), next_up(end)]);
        if start > 0.0 {
            times.push(next_down(start));
        }
        times.push(next_down(end));
    }
    times
}

#[derive(Debug, Clone)]
enum Op {
    Insert(Key, (f64, f64)),
    Remove(Key),
    Query(f64),
}

fn op(keys: Key) -> impl Strategy<Value = Op> {
    prop_oneof![
        5 => (0..keys, interval()).prop_map(|(k, i)| Op::Insert(k, i)),
        3 => (0..keys).prop_map(Op::Remove),
        2 => grid_time().prop_map(Op::Query),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_built_index_equals_the_brute_force_filter(
        entries in proptest::collection::vec(interval(), 0..400),
    ) {
        let list: Vec<(Key, f64, f64)> = entries
            .iter()
            .enumerate()
            .map(|(k, &(s, e))| (k as Key, s, e))
            .collect();
        let index = Index::build(&list);
        let model: BTreeMap<Key, (f64, f64)> = list.iter().map(|&(k, s, e)| (k, (s, e))).collect();
        prop_assert_eq!(index.len(), model.len());
        for t in probe_times(&model) {
            prop_assert_eq!(query(&index, t), brute_force(&model, t), "at t = {}", t);
        }
    }

    #[test]
    fn inserts_and_removes_keep_the_index_exact(
        initial in proptest::collection::vec(interval(), 0..300),
        ops in proptest::collection::vec(op(400), 0..600),
    ) {
        let list: Vec<(Key, f64, f64)> = initial
            .iter()
            .enumerate()
            .map(|(k, &(s, e))| (k as Key, s, e))
            .collect();
        let mut index = Index::build(&list);
        let mut model: BTreeMap<Key, (f64, f64)> = list.iter().map(|&(k, s, e)| (k, (s, e))).collect();
        let mut out = Vec::new();
        for op in ops {
            match op {
                Op::Insert(key, (start, end)) => {
                    index.insert(key, start, end);
                    model.insert(key, (start, end));
                }
                Op::Remove(key) => {
                    prop_assert_eq!(index.remove(key), model.remove(&key).is_some());
                }
                Op::Query(t) => {
                    index.query_into(t, &mut out);
                    prop_assert_eq!(&out, &brute_force(&model, t), "at t = {}", t);
                }
            }
            prop_assert_eq!(index.len(), model.len());
        }
        for t in probe_times(&model) {
            prop_assert_eq!(query(&index, t), brute_force(&model, t), "at t = {}", t);
        }
        for (&key, &span) in &model {
            prop_assert_eq!(index.span(key), Some(span));
        }
    }

    #[test]
    fn the_bounded_query_keeps_the_intervals_that_started_first(
        initial in proptest::collection::vec(interval(), 0..300),
        ops in proptest::collection::vec(op(400), 0..300),
        limit in prop_oneof![0usize..8, 8usize..64, Just(usize::MAX)],
    ) {
        let list: Vec<(Key, f64, f64)> = initial
            .iter()
            .enumerate()
            .map(|(k, &(s, e))| (k as Key, s, e))
            .collect();
        let mut index = Index::build(&list);
        let mut model: BTreeMap<Key, (f64, f64)> = list.iter().map(|&(k, s, e)| (k, (s, e))).collect();
        let mut out = Vec::new();
        for op in ops {
            match op {
                Op::Insert(key, (start, end)) => {
                    index.insert(key, start, end);
                    model.insert(key, (start, end));
                }
                Op::Remove(key) => {
                    index.remove(key);
                    model.remove(&key);
                }
                Op::Query(t) => {
                    index.query_first_into(t, limit, &mut out);
                    out.sort_by_key(|&(_, key)| key);
                    prop_assert_eq!(&out, &brute_force_first(&model, t, limit), "at t = {}", t);
                }
            }
        }
        for t in probe_times(&model) {
            prop_assert_eq!(query_first(&index, t, limit), brute_force_first(&model, t, limit), "at t = {}", t);
        }
    }

    #[test]
    fn bulk_extend_equals_one_by_one(
        initial in proptest::collection::vec(interval(), 0..100),
        added in proptest::collection::vec((0u32..300, interval()), 0..300),
        t in grid_time(),
    ) {
        let list: Vec<(Key, f64, f64)> = initial
            .iter()
            .enumerate()
            .map(|(k, &(s, e))| (k as Key, s, e))
            .collect();
        let mut bulk = Index::build(&list);
        let mut single = Index::build(&list);
        let added: Vec<(Key, f64, f64)> = added.iter().map(|&(k, (s, e))| (k, s, e)).collect();
        bulk.extend(&added);
        for &(k, s, e) in &added {
            single.insert(k, s, e);
        }
        prop_assert_eq!(bulk.len(), single.len());
        prop_assert_eq!(query(&bulk, t), query(&single, t));
    }
}

#[test]
fn an_interval_is_visible_from_its_start_until_just_before_its_end() {
    let index = Index::build(&[(0, 2.0, 6.5)]);
    assert_eq!(query(&index, next_down(2.0)), Vec::<Key>::new());
    assert_eq!(query(&index, 2.0), vec![0]);
    assert_eq!(query(&index, next_down(6.5)), vec![0]);
    assert_eq!(query(&index, 6.5), Vec::<Key>::new());
}

#[test]
fn a_one_ulp_interval_is_visible_at_exactly_one_time() {
    let start = 3.0;
    let index = Index::build(&[(0, start, next_up(start))]);
    assert_eq!(query(&index, start), vec![0]);
    assert_eq!(query(&index, next_up(start)), Vec::<Key>::new());
    assert_eq!(query(&index, next_down(start)), Vec::<Key>::new());
}

#[test]
fn back_to_back_intervals_hand_over_at_the_boundary() {
    let index = Index::build(&[(0, 0.0, 1.0), (1, 1.0, 2.0), (2, 2.0, 3.0)]);
    assert_eq!(query(&index, 1.0), vec![1]);
    assert_eq!(query(&index, 2.0), vec![2]);
    assert_eq!(query(&index, 3.0), Vec::<Key>::new());
}

#[test]
fn a_live_stream_appending_at_the_end_stays_exact() {
    // The pattern of a live stream: a long timeline, then a few hotspots at a time at "now".
    let list: Vec<(Key, f64, f64)> = (0..100_000u32)
        .map(|k| (k, f64::from(k) * 0.1, f64::from(k) * 0.1 + 2.0))
        .collect();
    let mut index = Index::build(&list);
    let mut now = 10_000.0;
    let mut next: Key = 100_000;
    for _ in 0..500 {
        for _ in 0..3 {
            index.insert(next, now, now + 5.0);
            next += 1;
        }
        now += 1.0;
    }
    assert_eq!(index.len(), 101_500);
    // At now - 0.5 the last 5 batches (15 hotspots) are visible.
    let visible = query(&index, now - 0.5);
    assert_eq!(visible, ((next - 15)..next).collect::<Vec<_>>());
    // The old timeline is still exact.
    assert_eq!(query(&index, 50.05), (481..=500).collect::<Vec<_>>());
}

#[test]
fn removing_everything_leaves_an_empty_index() {
    let list: Vec<(Key, f64, f64)> = (0..1000u32)
        .map(|k| (k, f64::from(k % 7), f64::from(k % 7) + 3.0))
        .collect();
    let mut index = Index::build(&list);
    for k in 0..1000 {
        assert!(index.remove(k));
    }
    assert!(index.is_empty());
    for t in 0..12 {
        assert_eq!(query(&index, f64::from(t)), Vec::<Key>::new());
    }
}

#[test]
fn the_bounded_query_takes_the_first_to_start_when_thousands_share_the_moment() {
    // 10,000 intervals containing t = 50, starting 0.01 s apart, in reverse key order; and
    // 10,000 that ended before it, sharing the same node: both ways of reading a node run.
    let mut list: Vec<(Key, f64, f64)> = (0..10_000u32)
        .map(|k| (k, f64::from(9_999 - k) * 0.001, 100.0))
        .collect();
    list.extend((10_000..20_000u32).map(|k| (k, 0.0, 1.0 + f64::from(k) * 0.001)));
    let mut index = Index::build(&list);
    let model: BTreeMap<Key, (f64, f64)> = list.iter().map(|&(k, s, e)| (k, (s, e))).collect();
    for t in [0.0, 5.0, 10.5, 15.0, 50.0, 99.0] {
        for limit in [1, 100, 20_000] {
            assert_eq!(query_first(&index, t, limit), brute_force_first(&model, t, limit), "t = {t}");
        }
    }
    assert_eq!(
        query_first(&index, 50.0, 3),
        vec![(0.002, 9_997), (0.001, 9_998), (0.0, 9_999)]
    );
    // Removed ones make room for the next in line.
    index.remove(9_999);
    assert_eq!(
        query_first(&index, 50.0, 3),
        vec![(0.003, 9_996), (0.002, 9_997), (0.001, 9_998)]
    );
}

#[test]
fn a_warm_buffer_serves_the_bounded_query_without_growing() {
    let list: Vec<(Key, f64, f64)> = (0..1000u32).map(|k| (k, 0.0, 10.0)).collect();
    let index = Index::build(&list);
    let mut out = Vec::with_capacity(100);
    index.query_first_into(5.0, 100, &mut out);
    assert_eq!(out.len(), 100);
    assert_eq!(out.capacity(), 100);
    out.sort_by_key(|&(_, key)| key);
    assert_eq!(out.last(), Some(&(0.0, 99)));
}
