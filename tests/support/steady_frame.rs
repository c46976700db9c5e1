//! The steady-frame fixture shared by `tests/alloc_per_frame.rs` (the test that a steady frame
//! allocates nothing) and `benches/core.rs` (which reports it and times the frame): a counting
//! global allocator, a 10,000-hotspot timeline with 50 hotspots visible and moving, and the
//! measurement itself. Included with `#[path]`; it installs the binary's global allocator.

use shoppable_video::core::geometry::{ObjectFit, ObjectPosition, Viewport};
use shoppable_video::core::stage::{Change, Stage};
use shoppable_video::core::timeline::{Clock, Easing, Hotspot, Keyframe, Motion, Point, Product, Timeline};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// Counts the allocations made on the measuring thread while it is measuring (a test harness's
/// or a benchmark runner's other threads may allocate meanwhile; they are not the stage).
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

/// How many allocations `f` made on this thread.
pub fn allocations_during(f: impl FnOnce()) -> usize {
    ALLOCATIONS.with(|n| n.set(0));
    MEASURING.with(|m| m.set(true));
    f();
    MEASURING.with(|m| m.set(false));
    ALLOCATIONS.with(|n| n.get())
}

/// Letterboxed: 16:9 in a 4:3 box.
pub const VIEWPORT: Viewport = Viewport {
    video_width: 1920.0,
    video_height: 1080.0,
    box_width: 800.0,
    box_height: 600.0,
    fit: ObjectFit::Contain,
    position: ObjectPosition::CENTER,
};

/// 10,000 hotspots: 50 visible and moving over [0, 100) s, zig-zagging through ease-in-out
/// keyframes every second; 9,950 more spread over [100, 10,050) s.
pub fn frame_timeline() -> Timeline {
    let hotspots = (0..10_000u32)
        .map(|i| {
            let id = format!("h{i}");
            if i % 200 == 0 {
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
                    clock: Clock::Media,
                    motion: Motion::Keyframes { easing: Easing::EaseInOut, keyframes },
                    label: None,
                }
            } else {
                let start = 100.0 + f64::from(i);
                Hotspot {
                    id,
                    product: "p".into(),
                    start,
                    end: start + 5.0,
                    clock: Clock::Media,
                    motion: Motion::Fixed(Point { x: 0.5, y: 0.5 }),
                    label: None,
                }
            }
        })
        .collect();
    Timeline { clock: Clock::Media, currency: None, products: vec![Product::with_id("p")], hotspots }
}

/// A stage with `frame_timeline()` loaded and its first frame (50 shows) done.
pub fn warm_stage() -> Stage {
    let mut stage = Stage::new();
    stage.load(frame_timeline());
    let warm_up = stage.frame(10.0, &VIEWPORT);
    assert_eq!(warm_up.len(), 50);
    assert!(warm_up.iter().all(|c| matches!(c, Change::Show { .. })));
    stage
}

/// Steady frame n: 10 s + n / 60 s, kept inside [10, 90) s so the visible set never changes.
pub fn steady_time(n: u64) -> f64 {
    10.0 + (n % 4800) as f64 / 60.0
}

/// `frames` steady frames of a warm stage under the counting allocator: the allocations
/// counted. Asserts that the frames really were steady and moving.
pub fn steady_frame_allocations(frames: u64) -> usize {
    let mut stage = warm_stage();
    let mut moves = 0u64;
    let mut other = 0u64;
    let allocations = allocations_during(|| {
        for n in 1..=frames {
            for change in stage.frame(steady_time(n), &VIEWPORT) {
                match change {
                    Change::Move { .. } => moves += 1,
                    _ => other += 1,
                }
            }
        }
    });
    assert_eq!(other, 0, "the visible set changed during steady frames");
    assert_eq!(moves, 50 * frames, "every hotspot moves every frame");
    assert_eq!(stage.visible().count(), 50);
    allocations
}
