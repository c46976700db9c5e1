//! Where a hotspot is at a media time: keyframes and easing (CONTRACT.md section 3).
//!
//! Owns the easing curves and keyframe interpolation, in normalized video-frame coordinates.
//! It must never know about pixels, the DOM or visibility: mapping to the screen is
//! `geometry`, deciding what is shown is `stage`. It runs for every visible hotspot on every
//! frame, so it allocates nothing and never panics, whatever the input.

use super::timeline::{Easing, Keyframe, Motion, Point};

/// CSS `ease-in-out` = `cubic-bezier(0.42, 0, 0.58, 1)`.
const EASE_IN_OUT: (f64, f64, f64, f64) = (0.42, 0.0, 0.58, 1.0);

/// The eased progress for a linear `progress` in [0, 1] (clamped; NaN counts as 0).
///
/// - `Linear` is the identity.
/// - `Step` holds 0 until progress reaches 1: the previous keyframe's value is held until the
///   next keyframe's time, where the position jumps.
/// - `EaseInOut` is CSS `cubic-bezier(0.42, 0, 0.58, 1)`, solved for x -> y to well under 1e-6.
pub fn ease(easing: Easing, progress: f64) -> f64 {
    let p = if progress.is_nan() {
        0.0
    } else {
        progress.clamp(0.0, 1.0)
    };
    match easing {
        Easing::Linear => p,
        Easing::Step => {
            if p >= 1.0 {
                1.0
            } else {
                0.0
            }
        }
        Easing::EaseInOut => {
            let (x1, y1, x2, y2) = EASE_IN_OUT;
            cubic_bezier(x1, y1, x2, y2, p)
        }
    }
}

/// The y of a CSS cubic Bézier timing function at x = `progress`, with control points
/// (x1, y1), (x2, y2) and end points (0, 0), (1, 1); x1, x2 in [0, 1] so x(s) is monotonic.
fn cubic_bezier(x1: f64, y1: f64, x2: f64, y2: f64, progress: f64) -> f64 {
    if progress <= 0.0 {
        return 0.0;
    }
    if progress >= 1.0 {
        return 1.0;
    }
    let x = Bezier1::new(x1, x2);
    let y = Bezier1::new(y1, y2);
    y.at(solve_parameter(&x, progress))
}

/// The parameter s in [0, 1] with x(s) = target. Newton converges in a few steps on this
/// curve; where the slope is too flat for it, bisection (x is monotonic) finishes the job.
fn solve_parameter(x: &Bezier1, target: f64) -> f64 {
    // 1e-12 in x keeps the error in y (slope at most 1.5 for ease-in-out) far below 1e-6.
    const EPSILON: f64 = 1e-12;
    let mut s = target;
    for _ in 0..8 {
        let error = x.at(s) - target;
        if error.abs() < EPSILON {
            return s;
        }
        let slope = x.slope(s);
        if slope.abs() < 1e-9 {
            break;
        }
        s -= error / slope;
        if !(0.0..=1.0).contains(&s) {
            break;
        }
    }
    let (mut lo, mut hi) = (0.0_f64, 1.0_f64);
    let mut mid = target;
    // 60 halvings reach f64 resolution on [0, 1].
    for _ in 0..60 {
        mid = 0.5 * (lo + hi);
        let value = x.at(mid);
        if (value - target).abs() < EPSILON {
            return mid;
        }
        if value < target {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    mid
}

/// One coordinate of a cubic Bézier from 0 to 1, in polynomial form: ((a s + b) s + c) s.
struct Bezier1 {
    a: f64,
    b: f64,
    c: f64,
}

impl Bezier1 {
    fn new(p1: f64, p2: f64) -> Bezier1 {
        let c = 3.0 * p1;
        let b = 3.0 * (p2 - p1) - c;
        let a = 1.0 - c - b;
        Bezier1 { a, b, c }
    }

    fn at(&self, s: f64) -> f64 {
        ((self.a * s + self.b) * s + self.c) * s
    }

    fn slope(&self, s: f64) -> f64 {
        (3.0 * self.a * s + 2.0 * self.b) * s + self.c
    }
}

/// The normalized position of `motion` at media time `t`.
///
/// A fixed point is itself. Keyframes hold their first position before the first keyframe and
/// their last after the last; in between, x and y are interpolated with the easing. Exactly at
/// a keyframe's time the position is that keyframe's (so `step` jumps there).
/// The segment is found by binary search: O(log k) for k keyframes.
pub fn position_at(motion: &Motion, t: f64) -> Point {
    match motion {
        Motion::Fixed(point) => *point,
        Motion::Keyframes { easing, keyframes } => keyframes_at(*easing, keyframes, t),
    }
}

fn keyframes_at(easing: Easing, keyframes: &[Keyframe], t: f64) -> Point {
    // The number of keyframes at or before t; a NaN t compares false, so it holds the first.
    let after = keyframes.partition_point(|k| k.t <= t);
    let (Some(from), Some(to)) = (
        after.checked_sub(1).and_then(|i| keyframes.get(i)),
        keyframes.get(after),
    ) else {
        // Before the first, after the last, or (never after validation) no keyframes at all.
        return match keyframes.get(after).or(keyframes.last()) {
            Some(k) => Point { x: k.x, y: k.y },
            None => Point::default(),
        };
    };
    let span = to.t - from.t;
    // Validation makes keyframe times strictly increasing, so span > 0; guard anyway.
    let progress = if span > 0.0 { (t - from.t) / span } else { 1.0 };
    let e = ease(easing, progress);
    Point {
        x: from.x + (to.x - from.x) * e,
        y: from.y + (to.y - from.y) * e,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tolerance: f64) -> bool {
        (a - b).abs() <= tolerance
    }

    fn keyframes(easing: Easing, list: &[(f64, f64, f64)]) -> Motion {
        Motion::Keyframes {
            easing,
            keyframes: list.iter().map(|&(t, x, y)| Keyframe { t, x, y }).collect(),
        }
    }

    /// Reference: plain bisection on the Bézier in its control-point form.
    fn reference_ease_in_out(progress: f64) -> f64 {
        let bez = |p1: f64, p2: f64, s: f64| {
            let u = 1.0 - s;
            3.0 * u * u * s * p1 + 3.0 * u * s * s * p2 + s * s * s
        };
        let (mut lo, mut hi) = (0.0, 1.0);
        for _ in 0..200 {
            let mid = 0.5 * (lo + hi);
            if bez(0.42, 0.58, mid) < progress {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        bez(0.0, 1.0, 0.5 * (lo + hi))
    }

    #[test]
    fn linear_is_the_identity() {
        for p in [0.0, 0.25, 0.5, 0.75, 1.0] {
            assert_eq!(ease(Easing::Linear, p), p);
        }
    }

    #[test]
    fn progress_is_clamped_and_nan_counts_as_zero() {
        for easing in [Easing::Linear, Easing::Step, Easing::EaseInOut] {
            assert_eq!(ease(easing, -1.0), 0.0);
            assert_eq!(ease(easing, 2.0), 1.0);
            assert_eq!(ease(easing, f64::NAN), 0.0);
        }
    }

    #[test]
    fn step_holds_until_progress_reaches_one() {
        for p in [0.0, 0.25, 0.5, 0.75, 0.999_999] {
            assert_eq!(ease(Easing::Step, p), 0.0);
        }
        assert_eq!(ease(Easing::Step, 1.0), 1.0);
    }

    #[test]
    fn ease_in_out_matches_css_at_known_points() {
        assert_eq!(ease(Easing::EaseInOut, 0.0), 0.0);
        assert_eq!(ease(Easing::EaseInOut, 1.0), 1.0);
        assert!(close(ease(Easing::EaseInOut, 0.5), 0.5, 1e-9));
        // cubic-bezier(0.42, 0, 0.58, 1) at 0.25: about 0.1291 (Chromium and Firefox agree).
        let quarter = ease(Easing::EaseInOut, 0.25);
        assert!(close(quarter, 0.129_162, 1e-5), "{quarter}");
        assert!(close(ease(Easing::EaseInOut, 0.75), 1.0 - quarter, 1e-9));
    }

    #[test]
    fn ease_in_out_is_precise_symmetric_and_monotonic() {
        let mut previous = 0.0;
        for i in 0..=1000 {
            let p = f64::from(i) / 1000.0;
            let y = ease(Easing::EaseInOut, p);
            assert!(close(y, reference_ease_in_out(p), 1e-7), "at {p}");
            assert!(
                close(y, 1.0 - ease(Easing::EaseInOut, 1.0 - p), 1e-9),
                "at {p}"
            );
            assert!(y >= previous - 1e-12, "not monotonic at {p}");
            previous = y;
        }
    }

    #[test]
    fn a_fixed_point_is_itself_at_any_time() {
        let point = Point { x: 0.42, y: 0.61 };
        for t in [0.0, 3.0, f64::NAN, f64::INFINITY] {
            assert_eq!(position_at(&Motion::Fixed(point), t), point);
        }
    }

    #[test]
    fn keyframes_hold_before_the_first_and_after_the_last() {
        let motion = keyframes(Easing::Linear, &[(7.0, 0.1, 0.5), (9.0, 0.8, 0.4)]);
        assert_eq!(position_at(&motion, 0.0), Point { x: 0.1, y: 0.5 });
        assert_eq!(position_at(&motion, 6.999), Point { x: 0.1, y: 0.5 });
        assert_eq!(position_at(&motion, 9.0), Point { x: 0.8, y: 0.4 });
        assert_eq!(position_at(&motion, 100.0), Point { x: 0.8, y: 0.4 });
        assert_eq!(position_at(&motion, f64::NAN), Point { x: 0.1, y: 0.5 });
    }

    #[test]
    fn linear_keyframes_interpolate_both_axes() {
        let motion = keyframes(Easing::Linear, &[(7.0, 0.1, 0.5), (9.0, 0.8, 0.4)]);
        let p = position_at(&motion, 8.0);
        assert!(close(p.x, 0.45, 1e-12) && close(p.y, 0.45, 1e-12), "{p:?}");
    }

    #[test]
    fn step_jumps_exactly_at_each_keyframe_time() {
        let motion = keyframes(
            Easing::Step,
            &[(1.0, 0.1, 0.1), (2.0, 0.2, 0.2), (3.0, 0.3, 0.3)],
        );
        assert_eq!(position_at(&motion, 1.0), Point { x: 0.1, y: 0.1 });
        assert_eq!(position_at(&motion, 1.999_999), Point { x: 0.1, y: 0.1 });
        assert_eq!(position_at(&motion, 2.0), Point { x: 0.2, y: 0.2 });
        assert_eq!(position_at(&motion, 2.5), Point { x: 0.2, y: 0.2 });
        assert_eq!(position_at(&motion, 3.0), Point { x: 0.3, y: 0.3 });
    }

    #[test]
    fn every_keyframe_is_reached_exactly_at_its_time() {
        let list: Vec<(f64, f64, f64)> = (0..1000)
            .map(|i| {
                let i = f64::from(i);
                (i * 0.5, (i * 0.37) % 1.0, (i * 0.71) % 1.0)
            })
            .collect();
        for easing in [Easing::Linear, Easing::Step, Easing::EaseInOut] {
            let motion = keyframes(easing, &list);
            for &(t, x, y) in &list {
                assert_eq!(position_at(&motion, t), Point { x, y });
            }
        }
    }

    #[test]
    fn ease_in_out_keyframes_are_halfway_at_the_midpoint() {
        let motion = keyframes(Easing::EaseInOut, &[(0.0, 0.0, 1.0), (2.0, 1.0, 0.0)]);
        let p = position_at(&motion, 1.0);
        assert!(close(p.x, 0.5, 1e-9) && close(p.y, 0.5, 1e-9), "{p:?}");
        let early = position_at(&motion, 0.5);
        assert!(
            early.x < 0.25,
            "ease-in-out starts slower than linear: {early:?}"
        );
    }

    #[test]
    fn a_single_keyframe_holds_everywhere_and_none_is_the_origin() {
        let motion = keyframes(Easing::Linear, &[(5.0, 0.3, 0.7)]);
        for t in [0.0, 5.0, 10.0] {
            assert_eq!(position_at(&motion, t), Point { x: 0.3, y: 0.7 });
        }
        let empty = keyframes(Easing::Linear, &[]);
        assert_eq!(position_at(&empty, 1.0), Point::default());
    }
}
