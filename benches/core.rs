//! Native benchmarks of the core (`cargo bench --bench core`, part of `make bench`).
//!
//! What is measured, and how:
//! - **index**: `Index::build` and `Index::query_into` at 1k / 10k / 100k hotspots. The
//!   intervals model a catalogue video: 10 hotspots start per second of media, each lasts 5 s,
//!   so about 50 are visible at any time whatever n is (the video is n / 10 s long). A query
//!   is one call at a pseudo-random time (a fixed cycle of 4,096 times), into a warm buffer.
//! - **motion**: `motion::position_at` on keyframed hotspots of 2 / 16 / 256 keyframes, linear
//!   and ease-in-out, at a sweep of times across the keyframes (one call per iteration).
//! - **json_text**: `json::parse_with` on the same timeline written as JSON text (what
//!   `JSON.stringify` gives the Wasm), with no fallback for numbers: the browser's path from
//!   text to `Value`. About 1.6 MB at 10k.
//! - **validation**: `validate::timeline_from_value` on an already-built `Value` (what
//!   `core::json` hands the validator in the browser) of 1k / 10k / 100k hotspots
//!   (100 products; every 5th hotspot keyframed with 4 keyframes, every 3rd labelled). The
//!   throughput column is hotspots per second. Building the `Value` is not timed; dropping the
//!   result is not timed either (divan drops outputs after each sample).
//! - **stage**: `Stage::frame` with 10,000 hotspots of which 50 are visible and moving
//!   (ease-in-out keyframes every second), letterboxed 16:9 in a 4:3 box, each iteration the
//!   next 1/60 s: steady frames, 50 `Move`s each, no show or hide.
//! - **crowd**: `Stage::frame` when 100,000 hotspots are due at the same moment (at most
//!   `MAX_VISIBLE` are shown), each iteration the next 1/60 s, nothing moving: `all_due`, every
//!   one started 0.001 s after the previous and none ends (the frame reads about `MAX_VISIBLE`
//!   marks); `half_ended`, all started at 0 and they end one every 0.001 s, so at the measured
//!   times about half have ended and half have not in the same node of the index, the worst
//!   case of its bounded query (it reads about 50,000 marks a frame).
//! - **allocations per steady frame**: before the timings, 1,000 such frames run under a
//!   counting global allocator (it counts on the main thread only, only while measuring; no
//!   other thread runs then). The figure is printed; a non-zero count fails the run (exit 1)
//!   after the timings, since the stage promises none.
//!
//! The bench profile inherits `[profile.release]` (`opt-level = "z"`, LTO), so this is the
//! code the package ships, compiled for the host CPU instead of Wasm: a proxy for the in-browser
//! cost (Wasm runs it somewhat slower). Each benchmark stops after `max_time` (1 s here; a
//! command-line `--max-time` overrides it), so the whole run takes well under a minute.
//! Divan prints fastest / slowest / median / mean per benchmark; read the median.

// The counting allocator and the steady-frame fixture, shared with tests/alloc_per_frame.rs.
#[cfg(not(target_arch = "wasm32"))]
#[path = "../tests/support/steady_frame.rs"]
mod steady_frame;

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use super::steady_frame::{steady_frame_allocations, steady_time, warm_stage, VIEWPORT};
    use divan::counter::ItemsCount;
    use divan::{black_box, Bencher, Divan};
    use shoppable_video::core::index::{Index, Key};
    use shoppable_video::core::json::parse_with;
    use shoppable_video::core::motion::position_at;
    use shoppable_video::core::shape::timeline_json;
    use shoppable_video::core::timeline::{Easing, Keyframe, Motion};
    use shoppable_video::core::validate::timeline_from_value;
    type Value = shoppable_video::core::value::Value<'static>;
    use std::time::Duration;

    // ---- inputs ---------------------------------------------------------------------------------

    const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

    /// A small deterministic generator (xorshift64*), so every run measures the same inputs.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        /// Uniform in [0, 1).
        fn unit(&mut self) -> f64 {
            (self.next() >> 11) as f64 / (1u64 << 53) as f64
        }
    }

    /// n intervals, 10 starting per second (jittered), 5 s long: ~50 visible at any time.
    fn intervals(n: usize) -> Vec<(Key, f64, f64)> {
        let mut rng = Rng(0x5EED_0001);
        (0..n)
            .map(|i| {
                let start = i as f64 / 10.0 + rng.unit() * 0.1;
                (i as Key, start, start + 5.0)
            })
            .collect()
    }

    /// 4,096 query times across the n-hotspot "video" (n / 10 s long).
    fn query_times(n: usize) -> Vec<f64> {
        let mut rng = Rng(0x5EED_0002);
        let duration = n as f64 / 10.0;
        (0..4096).map(|_| rng.unit() * duration).collect()
    }

    fn keyframes(count: usize, easing: Easing) -> Motion {
        let mut rng = Rng(0x5EED_0003);
        Motion::Keyframes {
            easing,
            keyframes: (0..count)
                .map(|k| Keyframe {
                    t: k as f64 * 0.5,
                    x: rng.unit(),
                    y: rng.unit(),
                })
                .collect(),
        }
    }

    fn number(n: f64) -> Value {
        Value::Number(n)
    }

    fn string(s: impl Into<String>) -> Value {
        Value::String(s.into().into())
    }

    fn object(members: Vec<(&str, Value)>) -> Value {
        Value::Object(members.into_iter().map(|(k, v)| (k.to_owned().into(), v)).collect())
    }

    /// A valid timeline document of n hotspots, as the validator receives it.
    fn timeline_value(n: usize) -> Value {
        let mut rng = Rng(0x5EED_0004);
        let products = (0..100)
            .map(|p| {
                object(vec![
                    ("id", string(format!("product-{p}"))),
                    ("title", string(format!("Product number {p}"))),
                    ("price", number(10.0 + p as f64)),
                    ("url", string(format!("https://shop.example/p/{p}"))),
                    ("image", string(format!("images/{p}.jpg"))),
                ])
            })
            .collect();
        let hotspots = (0..n)
            .map(|i| {
                let start = i as f64 / 10.0;
                let end = start + 5.0;
                let mut members = vec![
                    ("id", string(format!("h{i}"))),
                    ("product", string(format!("product-{}", i % 100))),
                    ("start", number(start)),
                    ("end", number(end)),
                ];
                if i % 5 == 0 {
                    let keyframes = (0..4)
                        .map(|k| {
                            object(vec![
                                ("t", number(start + k as f64 * 1.5)),
                                ("x", number(rng.unit())),
                                ("y", number(rng.unit())),
                            ])
                        })
                        .collect();
                    members.push(("easing", string("ease-in-out")));
                    members.push(("keyframes", Value::Array(keyframes)));
                } else {
                    members.push(("x", number(rng.unit())));
                    members.push(("y", number(rng.unit())));
                }
                if i % 3 == 0 {
                    members.push(("label", string(format!("Look {i}"))));
                }
                object(members)
            })
            .collect();
        object(vec![
            ("version", number(1.0)),
            ("currency", string("CNY")),
            ("products", Value::Array(products)),
            ("hotspots", Value::Array(hotspots)),
        ])
    }

    /// The bench timeline as JSON text, as the element's `timeline` getter writes it (numbers in
    /// their shortest round-trip digits, as JavaScript writes them).
    fn json_text(n: usize) -> String {
        let Ok(t) = timeline_from_value(&timeline_value(n)) else { panic!("the bench timeline is valid") };
        timeline_json(t.clock, t.currency.as_deref(), &t.products, &t.hotspots, &|out, n| out.push_str(&n.to_string()))
    }

    // ---- benchmarks -----------------------------------------------------------------------------

    mod index {
        use super::*;

        #[divan::bench(args = SIZES)]
        fn build(bencher: Bencher, n: usize) {
            let entries = intervals(n);
            bencher
                .counter(ItemsCount::new(n))
                .bench_local(|| Index::build(black_box(&entries)));
        }

        #[divan::bench(args = SIZES)]
        fn query(bencher: Bencher, n: usize) {
            let index = Index::build(&intervals(n));
            let times = query_times(n);
            let mut out: Vec<Key> = Vec::with_capacity(1024);
            let mut i = 0usize;
            bencher.bench_local(|| {
                i = (i + 1) & 4095;
                index.query_into(black_box(times[i]), &mut out);
                out.len()
            });
        }
    }

    mod motion {
        use super::*;

        fn sweep(bencher: Bencher, count: usize, easing: Easing) {
            let motion = keyframes(count, easing);
            let span = (count.max(2) - 1) as f64 * 0.5;
            let mut i = 0u32;
            bencher.bench_local(|| {
                i = i.wrapping_add(1);
                let t = f64::from(i % 1000) / 1000.0 * span;
                position_at(black_box(&motion), black_box(t))
            });
        }

        #[divan::bench(args = [2, 16, 256])]
        fn position_at_linear(bencher: Bencher, keyframes: usize) {
            sweep(bencher, keyframes, Easing::Linear);
        }

        #[divan::bench(args = [2, 16, 256])]
        fn position_at_ease_in_out(bencher: Bencher, keyframes: usize) {
            sweep(bencher, keyframes, Easing::EaseInOut);
        }
    }

    mod json_text {
        use super::*;

        /// The Wasm's path: every number read by the crate's own parser (no fallback allowed).
        #[divan::bench(args = SIZES, sample_count = 20)]
        fn parse_with(bencher: Bencher, n: usize) {
            let text = json_text(n);
            let refuse = |_: &str| None;
            assert!(super::parse_with(&text, &refuse).is_ok(), "the bench text parses on the fast path");
            bencher
                .counter(ItemsCount::new(n))
                .bench_local(|| super::parse_with(black_box(&text), &refuse));
        }
    }

    mod validation {
        use super::*;

        #[divan::bench(args = SIZES, sample_count = 20)]
        fn timeline_from_value(bencher: Bencher, n: usize) {
            let value = timeline_value(n);
            assert!(super::timeline_from_value(&value).is_ok(), "the bench timeline is valid");
            bencher
                .counter(ItemsCount::new(n))
                .bench_local(|| super::timeline_from_value(black_box(&value)));
        }
    }

    mod stage {
        use super::*;

        /// One steady frame: 10,000 hotspots, 50 visible and moving.
        #[divan::bench]
        fn frame_10k_hotspots_50_moving(bencher: Bencher) {
            let mut stage = warm_stage();
            let mut n = 0u64;
            bencher.bench_local(|| {
                n += 1;
                stage.frame(black_box(steady_time(n)), &VIEWPORT).len()
            });
        }
    }

    mod crowd {
        use super::*;
        use shoppable_video::core::geometry::{ObjectFit, ObjectPosition, Viewport};
        use shoppable_video::core::stage::Stage;
        use shoppable_video::core::timeline::{Clock, Hotspot, Point, Product, Timeline};

        const N: u32 = 100_000;

        fn stage_of(span: impl Fn(u32) -> (f64, f64)) -> Stage {
            let hotspots = (0..N)
                .map(|i| {
                    let (start, end) = span(i);
                    Hotspot {
                        id: format!("h{i}"),
                        product: "p".into(),
                        start,
                        end,
                        clock: Clock::Media,
                        motion: Motion::Fixed(Point { x: 0.5, y: 0.5 }),
                        label: None,
                    }
                })
                .collect();
            let mut stage = Stage::new();
            stage.load(Timeline { clock: Clock::Media, currency: None, products: vec![Product::with_id("p")], hotspots });
            stage
        }

        const SQUARE: Viewport = Viewport {
            video_width: 100.0,
            video_height: 100.0,
            box_width: 800.0,
            box_height: 800.0,
            fit: ObjectFit::Fill,
            position: ObjectPosition::CENTER,
        };

        fn frames(bencher: Bencher, mut stage: Stage, from: f64) {
            stage.frame(from, &SQUARE);
            let mut n = 0u64;
            bencher.bench_local(|| {
                n += 1;
                let t = from + (n % 600) as f64 / 60.0;
                stage.frame(black_box(t), &SQUARE).len()
            });
        }

        #[divan::bench(sample_count = 20)]
        fn all_due(bencher: Bencher) {
            let stage = stage_of(|i| (f64::from(i) * 0.001, 1000.0));
            frames(bencher, stage, 200.0);
        }

        #[divan::bench(sample_count = 20)]
        fn half_ended(bencher: Bencher) {
            let stage = stage_of(|i| (0.0, 1.0 + f64::from(i) * 0.001));
            frames(bencher, stage, 46.0);
        }
    }

    pub fn main() {
        let frames = 1000;
        let allocations = steady_frame_allocations(frames);
        println!(
            "allocations per steady frame: {} ({allocations} in {frames} frames; 10,000 hotspots, 50 visible and moving; budget 0)",
            allocations as f64 / frames as f64
        );
        Divan::default()
            .max_time(Duration::from_secs(1))
            .config_with_args()
            .main();
        if allocations != 0 {
            eprintln!("FAIL: a steady frame must allocate nothing; counted {allocations} in {frames} frames");
            std::process::exit(1);
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    native::main();
}

#[cfg(target_arch = "wasm32")]
fn main() {}
