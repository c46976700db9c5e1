//! A steady frame allocates nothing: 1,000 frames, 10,000 hotspots, 50 of them visible and
//! moving. Its own test binary, because it installs a counting global allocator.

#[path = "support/steady_frame.rs"]
mod steady_frame;

use steady_frame::{allocations_during, steady_frame_allocations};

#[test]
fn steady_frames_allocate_nothing() {
    assert_eq!(steady_frame_allocations(1000), 0, "allocations in 1,000 steady frames");
}

#[test]
fn the_counter_sees_allocations() {
    let n = allocations_during(|| {
        let v: Vec<u8> = Vec::with_capacity(16);
        std::hint::black_box(v);
    });
    assert_eq!(n, 1);
}
