//! Numbers to and from text, by hand: as JavaScript prints them (for validation messages) and as
//! CSS writes them (for computed `object-position`).
//!
//! Rust's own float formatting (`{}` of an `f64`) and parsing (`str::parse::<f64>`) are exact for
//! every input, and cost about 30 KB of Wasm between them (Grisu, Dragon4, bignums, Eisel-Lemire
//! tables). The player only needs them for short error messages and CSS pixel values, so these
//! small routines stand in: they are exact on everything a timeline or a stylesheet is made of
//! (see the tests, which check them against the standard library natively), and merely close on
//! the rest. Nothing here may use `{}`/`{:?}` of a float or `parse::<f64>`.

/// `10^i` for `i` in `0..=22`: every one is exactly representable in an `f64`.
fn pow10(i: u32) -> f64 {
    let mut p = 1.0;
    for _ in 0..i.min(22) {
        p *= 10.0;
    }
    p
}

/// 2^53: integers up to here are exact in an `f64`.
const EXACT: f64 = 9_007_199_254_740_992.0;

/// A number as JavaScript's `String(n)` prints it: `2`, `6.5`, `0.30000000000000004`, `NaN`,
/// `-Infinity`, `1e+21`, `1e-7`; except that `-0` keeps its sign (as Rust prints it).
pub fn to_js_string(n: f64) -> String {
    let mut out = String::new();
    if n.is_nan() {
        out.push_str("NaN");
        return out;
    }
    if n.is_sign_negative() {
        out.push('-');
    }
    let a = n.abs();
    if a.is_infinite() {
        out.push_str("Infinity");
        return out;
    }
    let (digits, exponent) = shortest(a);
    layout(&mut out, digits, exponent);
    out
}

/// Writes `n` as JavaScript prints it, where this module prints it exactly: zero, or between
/// 1e-6 and 2^64 in size (any time, coordinate or price of a timeline), `-0` as `0` as
/// `JSON.stringify` does. Anything else writes nothing and answers false.
pub fn write_exact(out: &mut String, n: f64) -> bool {
    let a = n.abs();
    if a != 0.0 && !(1e-6..18_446_744_073_709_551_616.0).contains(&a) {
        return false;
    }
    if n < 0.0 {
        out.push('-');
    }
    let (digits, exponent) = shortest(a);
    layout(out, digits, exponent);
    true
}

/// The fewest decimal digits `d` and an exponent `e` such that `d × 10^e` reads back as `a`
/// (finite, not negative). Exact (and the same digits as Rust's and JavaScript's shortest
/// representation) for numbers from 1e-6 to 2^64; beyond, scaled by 1e22 first, which can cost
/// the last digit.
fn shortest(a: f64) -> (u64, i32) {
    if a == 0.0 {
        return (0, 0);
    }
    if a < 1e-6 {
        let (d, e) = shortest(a * 1e22);
        return (d, e - 22);
    }
    if a >= 18_446_744_073_709_551_616.0 {
        let (d, e) = shortest(a / 1e22);
        return (d, e + 22);
    }
    // The gaps to the neighbouring doubles: a decimal closer to `a` than half of the
    // gap on its side reads back as `a` (the gap below a power of two is half the one above).
    let above = next_up(a) - a;
    let below = if a.to_bits() & ((1 << 52) - 1) == 0 { above / 2.0 } else { above };
    // Exactly half way reads back as `a` when ties go its way (to an even mantissa).
    let even = a.to_bits() & 1 == 0;
    let close = |distance: f64, gap: f64| distance * 2.0 < gap || (even && distance * 2.0 == gap);
    // Large numbers are integers: round away trailing digits, in exact integers.
    if a >= EXACT {
        let whole = a as u64;
        let mut unit = 10_000_000_000_000_000_000_u64;
        let mut e = 19;
        while unit > 1 {
            let down = whole / unit * unit;
            let rounded = if whole - down >= unit / 2 { down.checked_add(unit) } else { Some(down) };
            if let Some(rounded) = rounded {
                let ok = if rounded >= whole {
                    close((rounded - whole) as f64, above)
                } else {
                    close((whole - rounded) as f64, below)
                };
                if ok {
                    return strip(rounded / unit, e);
                }
            }
            unit /= 10;
            e -= 1;
        }
        return strip(whole, 0);
    }
    // Below 2^53: `c × 10^-k` for the smallest k that reads back, with c the integer nearest
    // to the exact a·10^k (`hi + lo`). For c < 2^53 the check `c / 10^k == a` is exact (both
    // are exact doubles and the division rounds as parsing does); beyond, the distance to the
    // exact product is compared with the half gaps, scaled by 10^k (exactly: a power of two
    // times an exact power of ten).
    for k in 0..=22_u32 {
        let scale = pow10(k);
        let (hi, lo) = two_product(a, scale);
        let whole = hi.round();
        let fraction = (hi - whole) + lo;
        // Half way rounds up, like the shortest-digits algorithms.
        let step = (fraction + 0.5).floor();
        let c = (whole as i64 + step as i64) as u64;
        let ok = if (c as f64) < EXACT {
            c as f64 / scale == a
        } else {
            let error = step - fraction;
            if error >= 0.0 {
                close(error, above * scale)
            } else {
                close(-error, below * scale)
            }
        };
        if ok {
            return strip(c, -(k as i32));
        }
    }
    // Unreachable for a >= 1e-6 (17 digits always read back), but never loop or panic.
    (a as u64, 0)
}

/// The double right above `a` (finite, positive).
fn next_up(a: f64) -> f64 {
    f64::from_bits(a.to_bits() + 1)
}

/// `a × b` as an unevaluated sum `hi + lo`, exactly (Dekker's product; no overflow here).
fn two_product(a: f64, b: f64) -> (f64, f64) {
    fn split(x: f64) -> (f64, f64) {
        let c = 134_217_729.0 * x; // 2^27 + 1
        let hi = c - (c - x);
        (hi, x - hi)
    }
    let p = a * b;
    let (ah, al) = split(a);
    let (bh, bl) = split(b);
    let lo = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
    (p, lo)
}

/// Drops trailing zero digits into the exponent.
fn strip(mut digits: u64, mut exponent: i32) -> (u64, i32) {
    while digits != 0 && digits % 10 == 0 {
        digits /= 10;
        exponent += 1;
    }
    (digits, exponent)
}

/// Writes `digits × 10^exponent` the way `Number.prototype.toString` lays it out: plain from
/// 1e-7 up to 1e21, else with an exponent (`1.5e+300`, `1e-7`).
fn layout(out: &mut String, digits: u64, exponent: i32) {
    let mut text = [0_u8; 20];
    let mut len = 0;
    let mut rest = digits;
    loop {
        text[19 - len] = b'0' + (rest % 10) as u8;
        len += 1;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let text = &text[20 - len..];
    let push = |out: &mut String, bytes: &[u8]| {
        for &b in bytes {
            out.push(char::from(b));
        }
    };
    let k = len as i32;
    // The position of the decimal point, counted from the first digit.
    let point = k + exponent;
    if k <= point && point <= 21 {
        push(out, text);
        for _ in 0..exponent {
            out.push('0');
        }
    } else if 0 < point && point <= 21 {
        let (whole, fraction) = text.split_at(point as usize);
        push(out, whole);
        out.push('.');
        push(out, fraction);
    } else if -6 < point && point <= 0 {
        out.push_str("0.");
        for _ in point..0 {
            out.push('0');
        }
        push(out, text);
    } else {
        let (first, rest) = text.split_at(1);
        push(out, first);
        if !rest.is_empty() {
            out.push('.');
            push(out, rest);
        }
        out.push('e');
        out.push(if point > 0 { '+' } else { '-' });
        layout(out, u64::from((point - 1).unsigned_abs()), 0);
    }
}

/// A CSS number (`10`, `-2.5`, `.5`, `1.5e1`, `+3`): finite, no `inf`/`nan` words. Exact (as
/// `str::parse` would give) wherever [`parse_exact`] is; close otherwise, which is plenty for
/// pixels and percentages.
pub fn parse_css_number(s: &str) -> Option<f64> {
    let decimal = Decimal::scan(s)?;
    decimal.exact().or_else(|| decimal.approximate())
}

/// A decimal number's value, correctly rounded as `str::parse` (and JavaScript) would give it,
/// or `None` when this cannot promise that (more than 19 significant digits, integers past
/// 2^53, or an exponent out of reach): the caller then asks a full parser. That covers every
/// number JavaScript prints for a coordinate or a time (at most 17 significant digits), so the
/// JSON reader only rarely crosses into JavaScript's `parseFloat`.
pub fn parse_exact(s: &str) -> Option<f64> {
    Decimal::scan(s)?.exact()
}

/// `±mantissa × 10^exponent`, as written (at most 19 significant digits kept).
struct Decimal {
    negative: bool,
    mantissa: u64,
    exponent: i32,
    /// Nonzero digits beyond the 19 kept.
    lost: bool,
}

impl Decimal {
    fn scan(s: &str) -> Option<Decimal> {
        let bytes = s.as_bytes();
        let mut i = 0;
        let negative = match bytes.first() {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        let (mut mantissa, mut exponent, mut kept, mut digits) = (0u64, 0i32, 0, 0);
        let mut lost = false;
        let mut seen_point = false;
        while let Some(&b) = bytes.get(i) {
            match b {
                b'0'..=b'9' => {
                    digits += 1;
                    if kept < 19 {
                        mantissa = mantissa * 10 + u64::from(b - b'0');
                        if mantissa > 0 {
                            kept += 1;
                        }
                        if seen_point {
                            exponent -= 1;
                        }
                    } else {
                        lost |= b != b'0';
                        if !seen_point {
                            exponent += 1;
                        }
                    }
                }
                b'.' if !seen_point => seen_point = true,
                _ => break,
            }
            i += 1;
        }
        if digits == 0 {
            return None;
        }
        if let Some(b'e' | b'E') = bytes.get(i) {
            i += 1;
            let sign = match bytes.get(i) {
                Some(b'-') => {
                    i += 1;
                    -1
                }
                Some(b'+') => {
                    i += 1;
                    1
                }
                _ => 1,
            };
            let mut written: i32 = 0;
            let start = i;
            while let Some(b @ b'0'..=b'9') = bytes.get(i) {
                written = written.saturating_mul(10).saturating_add(i32::from(b - b'0'));
                i += 1;
            }
            if i == start {
                return None;
            }
            exponent = exponent.saturating_add(sign * written);
        }
        (i == bytes.len()).then_some(Decimal { negative, mantissa, exponent, lost })
    }

    fn signed(&self, magnitude: f64) -> f64 {
        if self.negative {
            -magnitude
        } else {
            magnitude
        }
    }

    fn exact(&self) -> Option<f64> {
        if self.lost {
            return None;
        }
        let (m, e) = (self.mantissa, self.exponent);
        if m == 0 {
            return Some(self.signed(0.0));
        }
        // Clinger's fast path: both factors exact, so the one operation rounds correctly.
        if (m as f64) < EXACT && e.unsigned_abs() <= 22 {
            let value = if e >= 0 { m as f64 * pow10(e as u32) } else { m as f64 / pow10(e.unsigned_abs()) };
            return Some(self.signed(value));
        }
        // Past the fast path: large integers (rare in a timeline) are declined, fractions with
        // up to 19 digits (every coordinate JavaScript prints) are divided exactly.
        if e >= 0 {
            return None;
        }
        let value = divide_rounded(m, e.unsigned_abs())?;
        Some(self.signed(value))
    }

    /// For CSS values the exact path does not cover: within a few units in the last place.
    fn approximate(&self) -> Option<f64> {
        let mut value = self.mantissa as f64;
        // Steps of at most 10^22, each exact in itself.
        let mut left = self.exponent;
        while left != 0 && value != 0.0 && value.is_finite() {
            let step = left.unsigned_abs().min(22);
            if left > 0 {
                value *= pow10(step);
                left -= step as i32;
            } else {
                value /= pow10(step);
                left += step as i32;
            }
        }
        let value = self.signed(value);
        value.is_finite().then_some(value)
    }
}

/// `10^i` as an integer, for `i` in `0..=38`.
fn pow10_int(i: u32) -> u128 {
    (0..i).fold(1u128, |p, _| p * 10)
}

/// `m / 10^d`, correctly rounded (nearest, ties to even), for `d <= 21`; `None` past that.
/// A double computed in floating point is within an ulp or two of the answer; it is then
/// corrected by comparing the exact value with the midpoints to its neighbours, in 128-bit
/// integers (multiplications and shifts only: 128-bit division would cost more Wasm than
/// this whole routine).
fn divide_rounded(m: u64, d: u32) -> Option<f64> {
    if d > 21 {
        return None;
    }
    let divisor = pow10_int(d); // < 2^70
    // Where m / 10^d lies against the midpoint between `low` and the next double up.
    let versus_midpoint_above = |low: f64| -> Option<core::cmp::Ordering> {
        let bits = low.to_bits();
        let exponent = ((bits >> 52) & 0x7ff) as i32;
        let (mantissa, power) = if exponent == 0 { (bits, -1074) } else { (bits & ((1 << 52) - 1) | (1 << 52), exponent - 1075) };
        // midpoint = (2 × mantissa + 1) × 2^(power - 1)
        let odd = u128::from(2 * mantissa + 1) * divisor; // < 2^124
        let shift = power - 1;
        let (left, right) = if shift >= 0 {
            (u128::from(m), shl(odd, shift as u32)?)
        } else {
            (shl(u128::from(m), shift.unsigned_abs())?, odd)
        };
        Some(left.cmp(&right))
    };
    let even = |a: f64, b: f64| if a.to_bits() & 1 == 0 { a } else { b };
    let mut value = m as f64 / pow10(d);
    for _ in 0..4 {
        let up = f64::from_bits(value.to_bits() + 1);
        let down = f64::from_bits(value.to_bits() - 1);
        match versus_midpoint_above(value)? {
            core::cmp::Ordering::Greater => value = up,
            core::cmp::Ordering::Equal => return Some(even(value, up)),
            core::cmp::Ordering::Less => match versus_midpoint_above(down)? {
                core::cmp::Ordering::Less => value = down,
                core::cmp::Ordering::Equal => return Some(even(value, down)),
                core::cmp::Ordering::Greater => return Some(value),
            },
        }
    }
    None
}

/// `x << by`, or `None` when bits would fall off.
fn shl(x: u128, by: u32) -> Option<u128> {
    (by < 128 && x.leading_zeros() >= by).then(|| x << by)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// What JavaScript prints, from Rust's exact formatting (tests only: it is big).
    fn javascript(n: f64) -> String {
        if n.is_nan() {
            return "NaN".into();
        }
        let a = n.abs();
        let sign = if n.is_sign_negative() { "-" } else { "" };
        if a.is_infinite() {
            return format!("{sign}Infinity");
        }
        if a == 0.0 || (1e-7..1e21).contains(&a) {
            return format!("{sign}{a}");
        }
        let e = format!("{a:e}");
        let (m, x) = e.split_once('e').unwrap_or((&e, "0"));
        let x = if x.starts_with('-') { x.to_string() } else { format!("+{x}") };
        format!("{sign}{m}e{x}")
    }

    /// A small deterministic generator (no dependency on rand in the core's tests).
    fn xorshift(state: &mut u64) -> u64 {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    }

    #[test]
    fn numbers_print_like_javascript() {
        for (n, text) in [
            (0.0, "0"),
            (-0.0, "-0"),
            (1.0, "1"),
            (2.0, "2"),
            (6.5, "6.5"),
            (-0.5, "-0.5"),
            (0.1, "0.1"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1280.0, "1280"),
            (123_456_789.125, "123456789.125"),
            (1e20, "100000000000000000000"),
            (1e21, "1e+21"),
            (1.5e300, "1.5e+300"),
            (1e-7, "1e-7"),
            (1.5e-7, "1.5e-7"),
            (0.000001, "0.000001"),
            (9_007_199_254_740_993.0, "9007199254740992"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "Infinity"),
            (f64::NEG_INFINITY, "-Infinity"),
        ] {
            assert_eq!(to_js_string(n), text, "{n:e}");
        }
    }

    #[test]
    fn write_exact_prints_what_it_can_exactly_and_declines_the_rest() {
        for (n, text) in [(0.0, "0"), (-0.0, "0"), (12.5, "12.5"), (-3.0, "-3"), (1e-6, "0.000001"), (0.1 + 0.2, "0.30000000000000004")] {
            let mut out = String::new();
            assert!(write_exact(&mut out, n), "{n}");
            assert_eq!(out, text);
        }
        for n in [1e-7, -1e-7, 2e19, 1e300, f64::NAN, f64::INFINITY] {
            let mut out = String::new();
            assert!(!write_exact(&mut out, n), "{n}");
            assert!(out.is_empty());
        }
    }

    #[test]
    fn shortest_digits_agree_with_the_standard_library_from_1e_minus_6_to_2_pow_64() {
        let mut state = 0x9e37_79b9_7f4a_7c15;
        let mut checked = 0;
        while checked < 200_000 {
            let bits = xorshift(&mut state);
            // Any bit pattern, and short decimals, and sums that need 17 digits.
            let candidates = [
                f64::from_bits(bits),
                (bits % 1_000_000) as f64 / 1000.0,
                (bits % 10_000) as f64 / 100.0 + 0.1,
                ((bits >> 11) as f64) / (1u64 << 53) as f64,
                (bits >> 1) as f64,
            ];
            for n in candidates {
                if n.is_finite() && (n == 0.0 || (1e-6..1.8e19).contains(&n.abs())) {
                    assert_eq!(to_js_string(n), javascript(n), "{:?}", n.to_bits());
                    checked += 1;
                }
            }
        }
    }

    #[test]
    fn far_out_numbers_still_read_back_closely() {
        let mut state = 0x2545_f491_4f6c_dd1d;
        for _ in 0..100_000 {
            let n = f64::from_bits(xorshift(&mut state) >> 1);
            if !n.is_finite() {
                continue;
            }
            let text = to_js_string(n);
            let back: f64 = text.parse().unwrap_or(f64::NAN);
            assert!(
                back == n || ((back - n) / n).abs() < 1e-14,
                "{text} for {n:e}"
            );
        }
    }

    #[test]
    fn css_numbers_parse_like_the_standard_library() {
        for text in [
            "0", "10", "-10", "+3", "50", "12.5", ".5", "5.", "1.5e1", "1E-3", "2e+2", "0.1",
            "33.3333", "-0", "100", "1e22", "123456789012345", "0.000001", "1e-22",
        ] {
            let want: f64 = text.parse().unwrap_or(f64::NAN);
            assert_eq!(parse_css_number(text), Some(want), "{text}");
        }
        for text in ["", "-", "+", ".", "e5", "5e", "5e+", "1.2.3", "--5", "5-", "inf", "NaN", "1e400"] {
            assert_eq!(parse_css_number(text), None, "{text}");
        }
        assert_eq!(parse_css_number("1e-400"), Some(0.0));
        let long = "3.14159265358979323846264338327950288";
        let got = parse_css_number(long).unwrap_or(0.0);
        assert!((got - std::f64::consts::PI).abs() < 1e-15);
    }

    #[test]
    fn every_shortest_printing_from_1e_minus_4_to_2_pow_53_reads_back_exactly() {
        let mut state = 0x5851_f42d_4c95_7f2d;
        let mut checked = 0;
        while checked < 300_000 {
            let bits = xorshift(&mut state);
            for n in [f64::from_bits(bits >> 1), ((bits >> 11) as f64) / (1u64 << 53) as f64, (bits % 100_000_000) as f64 / 1e4] {
                if n.is_finite() && (1e-4..9e15).contains(&n) {
                    // Rust prints the shortest round-trip digits, as JavaScript does.
                    for text in [format!("{n}"), format!("{n:e}"), format!("-{n}")] {
                        let want: f64 = text.parse().unwrap_or(f64::NAN);
                        assert_eq!(parse_exact(&text).map(f64::to_bits), Some(want.to_bits()), "{text}");
                    }
                    checked += 1;
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn parse_exact_is_exact_or_declines(m in 0u64..=u64::MAX, digits in 1usize..=20, e in -30i32..30) {
            let digits = m.to_string().chars().take(digits).collect::<String>();
            let text = format!("{digits}e{e}");
            let want: f64 = text.parse().unwrap_or(f64::NAN);
            if let Some(got) = parse_exact(&text) {
                proptest::prop_assert_eq!(got.to_bits(), want.to_bits(), "{}", text);
            } else {
                // It declines only past its reach: 20 digits, integers past 2^53 and exponents it
                // cannot do exactly.
                proptest::prop_assert!(digits.trim_start_matches('0').len() > 19 || !(-21..0).contains(&e), "{}", text);
            }
        }

        #[test]
        fn halfway_cases_round_to_even(k in 0u64..(1u64 << 40), zeros in 1usize..=3) {
            // 2^53 + odd lies exactly halfway between two doubles; written with a fraction of
            // zeros it takes the division path, whose rounding must still go to even.
            let n = (1u64 << 53) + 2 * k + 1;
            let text = format!("{n}.{}", "0".repeat(zeros));
            let want: f64 = text.parse().unwrap_or(f64::NAN);
            proptest::prop_assert_eq!(parse_exact(&text).map(f64::to_bits), Some(want.to_bits()), "{}", text);
        }
    }
}
