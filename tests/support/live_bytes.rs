//! A global allocator for the test binaries that count memory: per thread, the bytes allocated
//! and not yet freed (`live_bytes`), and the most of them live at once while `peak_bytes` runs.
//! A binary includes it with `#[path = "support/live_bytes.rs"] mod live_bytes;` and installs
//! `#[global_allocator] static ALLOCATOR: live_bytes::LiveBytes = live_bytes::LiveBytes;`.
#![allow(dead_code)] // each binary uses what it measures

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

pub struct LiveBytes;

thread_local! {
    /// Bytes allocated minus bytes freed by this thread (wrapping: a thread may free what
    /// another allocated; the tests allocate and free on their own thread).
    static LIVE: Cell<isize> = const { Cell::new(0) };
    /// While `peak_bytes` runs: the live bytes it started from.
    static BASE: Cell<Option<isize>> = const { Cell::new(None) };
    /// The most bytes live beyond `BASE` since `peak_bytes` started.
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn note(delta: isize) {
    // `try_with`: the thread-locals may be gone while a thread shuts down.
    let _ = LIVE.try_with(|live| {
        let now = live.get().wrapping_add(delta);
        live.set(now);
        let _ = BASE.try_with(|base| {
            if let Some(base) = base.get() {
                let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now - base)));
            }
        });
    });
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

/// The bytes this thread allocated and has not freed.
pub fn live_bytes() -> isize {
    LIVE.with(Cell::get)
}

/// Runs `f`; the most bytes it had allocated at once on this thread (beyond what was live before).
pub fn peak_bytes<R>(f: impl FnOnce() -> R) -> (R, usize) {
    BASE.with(|base| base.set(Some(live_bytes())));
    PEAK.with(|peak| peak.set(0));
    let result = f();
    BASE.with(|base| base.set(None));
    (result, PEAK.with(Cell::get).max(0) as usize)
}
