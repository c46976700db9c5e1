//! Memory follows what is live (CONTRACT.md section 2): a stage that adds and removes hotspots for
//! hours, replaces products or reloads its timeline holds heap in proportion to what is live now,
//! never to what ever was. Counted, not timed: its own test binary, because it installs a global
//! allocator that keeps, per thread, the bytes allocated and not yet freed.

use proptest::prelude::*;
use shoppable_video::core::geometry::{ObjectFit, ObjectPosition, Viewport};
use shoppable_video::core::stage::{Stage, MAX_VISIBLE};
use shoppable_video::core::timeline::{Clock, Hotspot, Motion, Point, Product, Timeline};
#[path = "support/live_bytes.rs"]
mod live_bytes;

use live_bytes::live_bytes;

#[global_allocator]
static ALLOCATOR: live_bytes::LiveBytes = live_bytes::LiveBytes;

/// The heap a stage holds: the bytes this thread allocated and did not free since `before`,
/// taken while nothing but the stage is alive.
fn held_since(before: isize) -> usize {
    usize::try_from(live_bytes() - before).unwrap_or(0)
}

/// What a stage may hold with `live` hotspots (each with an id of up to 16 bytes) of which as
/// many may have been on screen: a fixed part for empty tables and lists, and a part per live
/// hotspot for its record, its table slot, its index entries and the per-frame buffers, each
/// with the slack a list keeps before it shrinks (up to four times what is used).
fn bound(live: usize) -> usize {
    16 * 1024 + 2048 * live
}

/// The per-frame buffers after a crowded frame: they hold at most `MAX_VISIBLE` entries each,
/// whatever the timeline.
const CROWDED_FRAME: usize = 128 * 1024;

fn square() -> Viewport {
    Viewport {
        video_width: 100.0,
        video_height: 100.0,
        box_width: 1000.0,
        box_height: 1000.0,
        fit: ObjectFit::Fill,
        position: ObjectPosition::CENTER,
    }
}

fn spot(n: u64, start: f64) -> Hotspot {
    Hotspot {
        id: format!("live-{n}"),
        product: "p".into(),
        start,
        end: start + 10.0,
        clock: Clock::Media,
        motion: Motion::Fixed(Point { x: 0.5, y: 0.5 }),
        label: None,
    }
}

fn one_product() -> Timeline {
    Timeline {
        currency: None,
        clock: Clock::Media,
        products: vec![Product::with_id("p")],
        hotspots: Vec::new(),
    }
}

/// A live show: `pairs` times, one hotspot added (visible now) and, once `live` are on the
/// stage, the oldest removed, with a frame after each. Returns the most heap the stage held at
/// any of the checkpoints (every 1,000 pairs) and at the end.
fn churn(pairs: u64, live: u64) -> usize {
    let before = live_bytes();
    let mut stage = Stage::new();
    stage.load(one_product());
    let mut most = 0;
    let mut removed = Vec::with_capacity(1);
    for n in 0..pairs {
        let now = n as f64 * 0.01;
        stage.add_hotspots(vec![spot(n, now)]);
        if n >= live {
            removed.clear();
            removed.push(format!("live-{}", n - live));
            stage.remove_hotspots(&removed);
        }
        stage.frame(now, &square());
        if n % 1000 == 999 {
            drop(std::mem::take(&mut removed));
            most = most.max(held_since(before));
            removed.reserve(1);
        }
    }
    drop(removed);
    assert_eq!(stage.counts().1 as u64, live.min(pairs));
    most.max(held_since(before))
}

#[test]
fn a_hundred_thousand_add_remove_pairs_with_one_live_hold_a_bounded_heap() {
    let most = churn(100_000, 1);
    println!("1 live, 100,000 pairs: at most {most} bytes held");
    assert!(most <= bound(1), "{most} bytes held with 1 live hotspot, bound {}", bound(1));
}

#[test]
fn a_hundred_thousand_add_remove_pairs_with_fifty_live_hold_a_bounded_heap() {
    let most = churn(100_000, 50);
    println!("50 live, 100,000 pairs: at most {most} bytes held");
    assert!(most <= bound(50), "{most} bytes held with 50 live hotspots, bound {}", bound(50));
}

#[test]
fn held_heap_does_not_grow_with_the_number_of_pairs() {
    let after_1k = churn(1_000, 20);
    let after_100k = churn(100_000, 20);
    println!("20 live: at most {after_1k} bytes over 1,000 pairs, {after_100k} over 100,000");
    assert!(after_100k <= after_1k + 1024, "{after_1k} -> {after_100k}");
}

#[derive(Debug, Clone)]
enum Op {
    /// Add the hotspot with this id number (an id already live is replaced).
    Add(u16),
    /// Remove the live hotspot at this position of the model (modulo its length).
    Remove(u16),
    /// A frame at this time.
    Frame(u16),
    /// Replace the product, with this price.
    Upsert(u16),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => any::<u16>().prop_map(Op::Add),
        4 => any::<u16>().prop_map(Op::Remove),
        2 => (0u16..2000).prop_map(Op::Frame),
        1 => any::<u16>().prop_map(Op::Upsert),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_add_remove_sequence_holds_a_heap_bounded_by_the_live_count(
        cap in 1usize..64,
        ops in proptest::collection::vec(op(), 1..3000),
    ) {
        // The model: the id numbers live now (at most `cap`), allocated before measuring.
        let mut live: Vec<u16> = Vec::with_capacity(cap + 1);
        let before = live_bytes();
        let mut stage = Stage::new();
        stage.load(one_product());
        let mut most = 0;
        for op in ops {
            match op {
                Op::Add(n) => {
                    if !live.contains(&n) {
                        if live.len() == cap {
                            let gone = live.remove(0);
                            stage.remove_hotspots(&[format!("live-{gone}")]);
                        }
                        live.push(n);
                    }
                    stage.add_hotspots(vec![spot(u64::from(n), f64::from(n % 2000) * 0.01)]);
                }
                Op::Remove(at) => {
                    if !live.is_empty() {
                        let gone = live.remove(usize::from(at) % live.len());
                        stage.remove_hotspots(&[format!("live-{gone}")]);
                    }
                }
                Op::Frame(t) => {
                    stage.frame(f64::from(t) * 0.01, &square());
                }
                Op::Upsert(price) => {
                    stage.upsert_products(vec![Product { price: Some(f64::from(price)), ..Product::with_id("p") }]);
                }
            }
            prop_assert_eq!(stage.counts().1, live.len());
            most = most.max(held_since(before));
        }
        prop_assert!(most <= bound(cap), "{} bytes held with at most {} live, bound {}", most, cap, bound(cap));
    }
}

#[test]
fn replacing_products_again_and_again_holds_a_bounded_heap() {
    let before = live_bytes();
    let mut stage = Stage::new();
    let products: Vec<Product> = (0..100).map(|i| Product::with_id(format!("product-{i}"))).collect();
    stage.load(Timeline { clock: Clock::Media, currency: None, products, hotspots: Vec::new() });
    let mut first_round = 0;
    for round in 0..1_000u32 {
        for i in 0..100u32 {
            let product = Product {
                title: Some(format!("Product {i}, edition {round}")),
                price: Some(f64::from(round)),
                ..Product::with_id(format!("product-{i}"))
            };
            let changed = stage.upsert_products(vec![product]);
            assert_eq!(changed.replaced, [i as usize]);
        }
        if round == 0 {
            first_round = held_since(before);
        }
    }
    let after = held_since(before);
    println!("100 products replaced 1,000 times each: {first_round} bytes after one round, {after} after 1,000");
    assert_eq!(stage.products().len(), 100);
    assert!(after <= first_round + 1024, "{first_round} -> {after}");
}

/// A timeline of `n` hotspots all due from 0 to 100 s.
fn crowded(n: u64) -> Timeline {
    Timeline {
        currency: None,
        clock: Clock::Media,
        products: vec![Product::with_id("p")],
        hotspots: (0..n).map(|i| spot(i, 0.0)).collect(),
    }
}

#[test]
fn reloads_hold_what_the_last_timeline_needs() {
    let before = live_bytes();
    let mut stage = Stage::new();
    let mut small = 0;
    for round in 0..50 {
        stage.load(crowded(10_000));
        stage.frame(5.0, &square());
        assert_eq!(stage.visible().count(), MAX_VISIBLE);
        stage.load(crowded(10));
        stage.frame(5.0, &square());
        let held = held_since(before);
        if round == 0 {
            small = held;
        }
        assert!(held <= bound(10) + CROWDED_FRAME, "{held} bytes held with 10 hotspots after a reload");
    }
    let held = held_since(before);
    println!("10,000 then 10 hotspots, 50 times: {small} bytes after the first round, {held} after 50");
    assert!(held <= small + 1024, "{small} -> {held}");
}
