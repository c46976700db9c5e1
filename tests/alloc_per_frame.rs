//! A steady frame allocates nothing: 1,000 frames, 10,000 hotspots, 50 of them visible and
//! moving. Its own test binary, because it installs a counting global allocator.

use shoppable_video::core::geometry::{ObjectFit, ObjectPosition, Viewport};
use shoppable_video::core::stage::{Change, Stage};
use shoppable_video::core::timeline::{
    Easing, Hotspot, Keyframe, Motion, Point, Product, Timeline,
};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// Counts the allocations made on the measuring thread while it is measuring (the test
/// harness's other threads may allocate meanwhile; they are not the stage).
struct Counting;

thread_local! {
    static MEASURING: Cell<bool> = const { Cell::new(false) };
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn note_allocation() {
    // `try_with`: the thread-locals may be gone while a thread shuts down.
    let _ = MEASURING.try_with(|measuring| {
        if measuring.get() {
            let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
        }
    });
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note_allocation();
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note_allocation();
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note_allocation();
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn allocations_during(f: impl FnOnce()) -> usize {
    ALLOCATIONS.with(|n| n.set(0));
    MEASURING.with(|m| m.set(true));
    f();
    MEASURING.with(|m| m.set(false));
    ALLOCATIONS.with(|n| n.get())
}

/// 50 hotspots visible and moving over [0, 100) s, zig-zagging through keyframes every second;
/// 9,950 more spread over [100, 10,000) s.
fn timeline() -> Timeline {
    let mut hotspots = Vec::with_capacity(10_000);
    for i in 0..10_000u32 {
        let id = format!("h{i}");
        let hotspot = if i % 200 == 0 {
            let keyframes = (0..=100u32)
                .map(|s| Keyframe {
                    t: f64::from(s),
                    x: if s % 2 == 0 { 0.1 } else { 0.9 },
                    y: f64::from((s + i) % 10) / 10.0,
                })
                .collect();
            Hotspot {
                id,
                product: "p".into(),
                start: 0.0,
                end: 100.0,
                motion: Motion::Keyframes {
                    easing: Easing::EaseInOut,
                    keyframes,
                },
                label: None,
            }
        } else {
            let start = 100.0 + f64::from(i);
            Hotspot {
                id,
                product: "p".into(),
                start,
                end: start + 5.0,
                motion: Motion::Fixed(Point { x: 0.5, y: 0.5 }),
                label: None,
            }
        };
        hotspots.push(hotspot);
    }
    Timeline {
        currency: None,
        products: vec![Product::with_id("p")],
        hotspots,
    }
}

#[test]
fn steady_frames_allocate_nothing() {
    let mut stage = Stage::new();
    stage.load(timeline());
    // Letterboxed: 16:9 in a 4:3 box.
    let viewport = Viewport {
        video_width: 1920.0,
        video_height: 1080.0,
        box_width: 800.0,
        box_height: 600.0,
        fit: ObjectFit::Contain,
        position: ObjectPosition::CENTER,
    };
    let warm_up = stage.frame(10.0, &viewport);
    assert_eq!(warm_up.len(), 50);
    assert!(warm_up.iter().all(|c| matches!(c, Change::Show { .. })));

    let mut moves = 0;
    let mut other = 0;
    let allocations = allocations_during(|| {
        for n in 1..=1000u32 {
            let t = 10.0 + f64::from(n) / 60.0;
            for change in stage.frame(t, &viewport) {
                match change {
                    Change::Move { .. } => moves += 1,
                    _ => other += 1,
                }
            }
        }
    });
    assert_eq!(other, 0, "the visible set changed");
    assert_eq!(moves, 50 * 1000, "every hotspot moves every frame");
    assert_eq!(stage.visible().count(), 50);
    assert_eq!(allocations, 0, "allocations in 1,000 steady frames");
}

#[test]
fn the_counter_sees_allocations() {
    let n = allocations_during(|| {
        let v: Vec<u8> = Vec::with_capacity(16);
        std::hint::black_box(v);
    });
    assert_eq!(n, 1);
}
