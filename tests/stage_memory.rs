//! Memory follows what is live (CONTRACT.md section 2): a stage that adds and removes hotspots for
//! hours, replaces products or reloads its timeline holds heap in proportion to what is live now,
//! never to what ever was. Counted, not timed: its own test binary, because it installs a global
//! allocator that keeps, per thread, the bytes allocated and not yet freed.

use proptest::prelude::*;
use shoppable_video::core::geometry::{ObjectFit, ObjectPosition, Viewport};
use shoppable_video::core::stage::Stage;
use shoppable_video::core::timeline::{Hotspot, Motion, Point, Product, Timeline};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct LiveBytes;

thread_local! {
    /// Bytes allocated minus bytes freed by this thread (wrapping: a thread may free what
    /// another allocated; the tests below allocate and free on their own thread).
    static LIVE: Cell<isize> = const { Cell::new(0) };
}

fn note(delta: isize) {
    // `try_with`: the thread-locals may be gone while a thread shuts down.
    let _ = LIVE.try_with(|live| live.set(live.get().wrapping_add(delta)));
}

unsafe impl GlobalAlloc for LiveBytes {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note(layout.size() as isize);
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note(layout.size() as isize);
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note(new_size as isize - layout.size() as isize);
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        note(-(layout.size() as isize));
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: LiveBytes = LiveBytes;

fn live_bytes() -> isize {
    LIVE.with(Cell::get)
}

/// The heap a stage holds: the bytes this thread allocated and did not free since `before`,
/// taken while nothing but the stage is alive.
fn held_since(before: isize) -> usize {
    usize::try_from(live_bytes() - before).unwrap_or(0)
}

/// What a stage may hold with `live` hotspots (each with an id of up to 16 bytes): a fixed part
/// for the per-frame buffers and empty tables, and a part per live hotspot for its record, its
/// two table slots and its index entries, each with the slack a growable list keeps (up to
/// four times what is used before it shrinks).
fn bound(live: usize) -> usize {
    16 * 1024 + 2048 * live
}

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
        motion: Motion::Fixed(Point { x: 0.5, y: 0.5 }),
        label: None,
    }
}

fn one_product() -> Timeline {
    Timeline {
        currency: None,
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
