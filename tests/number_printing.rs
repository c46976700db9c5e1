//! `core::number` prints numbers exactly as JavaScript's `String(n)` does, over the whole range
//! of doubles: held to `ryu-js` (JavaScript's `Number.prototype.toString` in Rust) on random bit
//! patterns, on the edges of every decade and of the range, and on the numbers validation
//! messages print. What the core writes reads back to the same double.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use shoppable_video::core::number::{to_js_string, write_exact};

fn javascript(n: f64) -> String {
    if n.is_finite() {
        ryu_js::Buffer::new().format_finite(n).to_owned()
    } else if n.is_nan() {
        "NaN".to_owned()
    } else if n > 0.0 {
        "Infinity".to_owned()
    } else {
        "-Infinity".to_owned()
    }
}

#[test]
fn the_numbers_of_the_issue_print_as_javascript_prints_them() {
    for (n, text) in [
        (-1e25, "-1e+25"),
        (1e21, "1e+21"),
        (1e-7, "1e-7"),
        (-0.0, "0"),
        (123e-20, "1.23e-18"),
        (2f64.powi(64), "18446744073709552000"),
        (2f64.powi(70), "1.1805916207174113e+21"),
        (5e-324, "5e-324"),
        (f64::MAX, "1.7976931348623157e+308"),
        (f64::NAN, "NaN"),
        (f64::NEG_INFINITY, "-Infinity"),
    ] {
        assert_eq!(to_js_string(n), text);
        assert_eq!(javascript(n), text);
    }
}

#[test]
fn every_power_of_ten_and_two_and_their_neighbours_print_as_javascript_prints_them() {
    let mut checked = 0;
    for e in -330..=310 {
        let n = format!("1e{e}").parse::<f64>().unwrap_or(0.0);
        for m in [n, f64::from_bits(n.to_bits().wrapping_add(1)), f64::from_bits(n.to_bits().wrapping_sub(1))] {
            for m in [m, -m, 5.0 * m, 9.999_999_999_999_999 * m] {
                if m.is_finite() {
                    assert_eq!(to_js_string(m), javascript(m), "{:?}", m.to_bits());
                    checked += 1;
                }
            }
        }
    }
    for e in -1074..=1023 {
        let n = 2f64.powi(e);
        for m in [n, f64::from_bits(n.to_bits().wrapping_add(1)), f64::from_bits(n.to_bits().wrapping_sub(1))] {
            if m.is_finite() {
                assert_eq!(to_js_string(m), javascript(m), "{:?}", m.to_bits());
                checked += 1;
            }
        }
    }
    // The smallest subnormals and the largest doubles, one by one.
    for bits in (0..2_000u64).chain((0x7fef_ffff_ffff_f000..=0x7fef_ffff_ffff_ffff).rev()) {
        let n = f64::from_bits(bits);
        assert_eq!(to_js_string(n), javascript(n), "{bits:?}");
        checked += 1;
    }
    assert!(checked > 10_000);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    #[test]
    fn any_double_prints_as_javascript_prints_it(bits in any::<u64>()) {
        let n = f64::from_bits(bits);
        prop_assert_eq!(to_js_string(n), javascript(n), "{:?}", bits);
    }

    #[test]
    fn what_is_written_reads_back_to_the_same_double(bits in any::<u64>()) {
        let n = f64::from_bits(bits);
        let mut out = String::new();
        prop_assert_eq!(write_exact(&mut out, n), n.is_finite());
        if n.is_finite() {
            let back: f64 = out.parse().unwrap_or(f64::NAN);
            prop_assert_eq!(back.to_bits(), if n == 0.0 { 0 } else { bits }, "{}", out);
        }
    }

    #[test]
    fn short_decimals_far_out_print_as_javascript_prints_them(m in 1u64..100_000, e in -340i32..320) {
        let n: f64 = format!("{m}e{e}").parse().unwrap_or(0.0);
        prop_assume!(n.is_finite());
        prop_assert_eq!(to_js_string(n), javascript(n));
    }
}
