//! Numbers to and from text, by hand: as JavaScript prints them (for validation messages and the
//! JSON the core writes) and as CSS writes them (for computed `object-position`).
//!
//! Rust's own float formatting (`{}` of an `f64`) and parsing (`str::parse::<f64>`) are exact for
//! every input, and cost about 30 KB of Wasm between them (Grisu, Dragon4, bignums, Eisel-Lemire
//! tables). The player only needs them for short error messages, the JSON of its timeline and
//! CSS pixel values, so these small routines stand in. Printing is exact everywhere: a fast path
//! in floating point for the numbers a timeline is made of (1e-6 to 2^64), and exact decimal
//! expansions in a small bignum for the rest (tests/number_printing.rs holds both to `ryu-js`,
//! JavaScript's own algorithm, over the whole range). The browser build prints nothing itself:
//! it hands every number to JavaScript's `String(n)` (see [`set_printer`]). Parsing is exact
//! where `parse_exact` answers, and merely close for CSS values past it. Nothing here may use `{}`/`{:?}` of a float
//! or `parse::<f64>`.

/// `10^i` for `i` in `0..=22`: every one is exactly representable in an `f64`.
fn pow10(i: u32) -> f64 {
    const POWERS: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22,
    ];
    POWERS[i.min(22) as usize]
}

/// 2^53: integers up to here are exact in an `f64`.
const EXACT: f64 = 9_007_199_254_740_992.0;

/// A number as JavaScript's `String(n)` prints it: `2`, `6.5`, `0.30000000000000004`, `NaN`,
/// `-Infinity`, `1e+21`, `1e-7`, `-1e+25`, `5e-324`, and `0` for `-0`.
#[cfg(not(target_arch = "wasm32"))]
pub fn to_js_string(n: f64) -> String {
    let mut out = String::new();
    if n.is_nan() {
        out.push_str("NaN");
    } else if n.is_infinite() {
        out.push_str(if n > 0.0 { "Infinity" } else { "-Infinity" });
    } else {
        write_exact(&mut out, n);
    }
    out
}

/// Writes a finite `n` as JavaScript prints it (`-0` as `0`, as `String(n)` and `JSON.stringify`
/// do) and answers true; a number that is not finite writes nothing and answers false.
#[cfg(not(target_arch = "wasm32"))]
pub fn write_exact(out: &mut String, n: f64) -> bool {
    if !n.is_finite() {
        return false;
    }
    let a = n.abs();
    let (digits, exponent) = shortest(a).unwrap_or_else(|| shortest_far(a));
    if n < 0.0 {
        out.push('-');
    }
    layout(out, digits, exponent);
    true
}

// The browser build prints no number itself: JavaScript's own `String(n)` does, handed over by
// the browser layer when the module starts (the core cannot call JavaScript itself). Numbers
// are printed only in error messages and in the `timeline` getter's JSON, never per frame, and
// the printing code below (847 B gzip of Wasm) stays out of it: it serves the native build (the
// checker, and the tests that hold the printing to JavaScript's).

/// See the native [`to_js_string`]: here by JavaScript's `String(n)`.
#[cfg(target_arch = "wasm32")]
pub fn to_js_string(n: f64) -> String {
    let mut out = String::new();
    if let Some(print) = PRINTER.with(std::cell::Cell::get) {
        print(&mut out, n);
    }
    out
}

/// See the native [`write_exact`]: the browser build declines every number, which its callers
/// then hand to JavaScript's `String(n)`.
#[cfg(target_arch = "wasm32")]
pub fn write_exact(_: &mut String, _: f64) -> bool {
    false
}

/// Hands over JavaScript's `String(n)`, once, when the module starts.
#[cfg(target_arch = "wasm32")]
pub fn set_printer(print: Printer) {
    PRINTER.with(|printer| printer.set(Some(print)));
}

#[cfg(target_arch = "wasm32")]
thread_local! {
    static PRINTER: std::cell::Cell<Option<Printer>> = const { std::cell::Cell::new(None) };
}

/// Appends a number's text to a string.
pub type Printer = fn(&mut String, f64);

/// A finite double `a > 0` as `m × 2^e`, and the midpoints to its neighbours below and above as
/// `(n, f)` for `n × 2^f`: the bounds of the decimals that read back as `a`.
#[cfg(not(target_arch = "wasm32"))]
struct Double {
    m: u64,
    e: i32,
    low: (u64, i32),
    high: (u64, i32),
    /// A decimal exactly at a bound reads back as `a` when its mantissa is even (ties to even).
    inclusive: bool,
}

#[cfg(not(target_arch = "wasm32"))]
impl Double {
    fn of(a: f64) -> Double {
        let bits = a.to_bits();
        let (biased, fraction) = ((bits >> 52) as i32, bits & ((1 << 52) - 1));
        let (m, e) = if biased == 0 { (fraction, -1074) } else { (fraction | (1 << 52), biased - 1075) };
        // At a power of two the gap below is half the gap above (not at the smallest normal,
        // whose neighbour below is a subnormal the same distance away).
        let low = if fraction == 0 && biased > 1 { (4 * m - 1, e - 2) } else { (2 * m - 1, e - 1) };
        Double { m, e, low, high: (2 * m + 1, e - 1), inclusive: m & 1 == 0 }
    }
}

/// `c × 10^q` against `n × 2^f`, exactly, in 128-bit integers; `None` past their reach.
#[cfg(not(target_arch = "wasm32"))]
fn compare(c: u64, q: i32, n: u64, f: i32) -> Option<core::cmp::Ordering> {
    // c·5^q·2^q against n·2^f: the fives go to the side whose power is positive, the twos too.
    let (mut left, mut right) = (u128::from(c), u128::from(n));
    let mut fives = 1u128;
    for _ in 0..q.unsigned_abs() {
        fives = fives.checked_mul(5)?;
    }
    if q >= 0 {
        left = left.checked_mul(fives)?;
    } else {
        right = right.checked_mul(fives)?;
    }
    let twos = q - f;
    if twos >= 0 {
        left = shl(left, twos.unsigned_abs())?;
    } else {
        right = shl(right, twos.unsigned_abs())?;
    }
    Some(left.cmp(&right))
}

/// The fewest decimal digits `d` and an exponent `e` such that `d × 10^e` reads back as `a`, the
/// closest to `a` of those, a tie to the even one: JavaScript's choice (ECMA-262
/// Number::toString, and V8's). For zero and for `a` from 1e-6 to 2^64 (every time, coordinate
/// and price of a timeline), without allocating (the browser build: see [`write_exact`]); `None`
/// for the rest, which [`shortest_far`] does.
///
/// For `c × 10^-k` with `c` below 2^53 everything is decided in floating point, exactly: `a·10^k`
/// is `hi + lo` exactly (Dekker's product; `10^k` is exact up to 10^22), and `c / 10^k == a` is
/// exactly the test that the decimal reads back (one correctly rounded division, as parsing
/// does). Past 2^53 (17 digits, or `a` itself that large) [`shortest_from`] takes over with
/// 128-bit integers.
#[cfg(not(target_arch = "wasm32"))]
fn shortest(a: f64) -> Option<(u64, i32)> {
    if a == 0.0 {
        return Some((0, 0));
    }
    if !(1e-6..18_446_744_073_709_551_616.0).contains(&a) {
        return None;
    }
    if a >= EXACT {
        return shortest_from(a, 20);
    }
    for k in 0..=22_u32 {
        let scale = pow10(k);
        let (hi, lo) = two_product(a, scale);
        if hi >= EXACT {
            return shortest_from(a, -(k as i32));
        }
        // a·10^k = whole + t + lo, with t the exact fraction of hi and |lo| at most half its last
        // bit: the candidates are the integers right below and above, and t and lo tell exactly
        // which is closer.
        let whole = hi.floor();
        let t = hi - whole;
        let (down, closer) = if t == 0.0 && lo == 0.0 {
            return Some(strip(whole as u64, -(k as i32)));
        } else if t == 0.0 {
            (if lo < 0.0 { whole - 1.0 } else { whole }, if lo < 0.0 { Closer::Up } else { Closer::Down })
        } else if t != 0.5 {
            (whole, if t < 0.5 { Closer::Down } else { Closer::Up })
        } else {
            (whole, if lo > 0.0 { Closer::Up } else if lo < 0.0 { Closer::Down } else { Closer::Tie })
        };
        let c = down as u64;
        let reads_back = |c: u64| c as f64 / scale == a;
        let pick = match (c > 0 && reads_back(c), reads_back(c + 1)) {
            (true, true) => match closer {
                Closer::Down => c,
                Closer::Up => c + 1,
                Closer::Tie => c + (c & 1),
            },
            (true, false) => c,
            (false, true) => c + 1,
            (false, false) => continue,
        };
        return Some(strip(pick, -(k as i32)));
    }
    None
}

/// Which of the two candidates around `a·10^k` is closer to it.
#[cfg(not(target_arch = "wasm32"))]
enum Closer {
    Down,
    Up,
    Tie,
}

/// [`shortest`] from the place `10^q` down, decided in exact 128-bit comparisons (and so slower):
/// for 17-digit numbers and for `a` of 2^53 and more. `None` past the reach of 128 bits.
#[cfg(not(target_arch = "wasm32"))]
fn shortest_from(a: f64, mut q: i32) -> Option<(u64, i32)> {
    use core::cmp::Ordering::{Equal, Greater, Less};
    let x = Double::of(a);
    let inside = |c: u64, q: i32| -> Option<bool> {
        let (above, below) = (compare(c, q, x.low.0, x.low.1)?, compare(c, q, x.high.0, x.high.1)?);
        Some((above == Greater || (x.inclusive && above == Equal)) && (below == Less || (x.inclusive && below == Equal)))
    };
    while q >= -22 {
        // c = floor(a / 10^q): closely in floating point, then exactly.
        let mut c = if a >= EXACT {
            // An integer below 2^64: exactly, in integers.
            let mut c = a as u64;
            for _ in 0..q {
                c /= 10;
            }
            c
        } else if q >= 0 {
            (a / pow10(q.unsigned_abs())) as u64
        } else {
            let (hi, lo) = two_product(a, pow10(q.unsigned_abs()));
            (hi + lo).floor() as u64
        };
        while compare(c, q, x.m, x.e)? == Greater {
            c = c.checked_sub(1)?;
        }
        while compare(c + 1, q, x.m, x.e)? != Greater {
            c += 1;
        }
        let pick = match (c > 0 && inside(c, q)?, inside(c + 1, q)?) {
            // (2c + 1)·10^q against 2a: which candidate is closer to a.
            (true, true) => match compare(2 * c + 1, q, x.m, x.e + 1)? {
                Less => c + 1,
                Greater => c,
                Equal => c + (c & 1),
            },
            (true, false) => c,
            (false, true) => c + 1,
            (false, false) => {
                q -= 1;
                continue;
            }
        };
        return Some(strip(pick, q));
    }
    None
}

/// [`shortest`] for any finite `a > 0`, from exact decimal expansions of `a` and of the bounds of
/// what reads back as `a`: for 1, 2, ... digits, the two candidates around `a` are tried, and the
/// closest one inside the bounds wins (a tie to the even one). Slow beside `shortest` (bignums
/// of up to 2,500 bits, allocated), and only used for numbers far from any timeline's: below
/// 1e-6 or from 2^64 up.
#[cfg(not(target_arch = "wasm32"))]
fn shortest_far(a: f64) -> (u64, i32) {
    use core::cmp::Ordering::{Equal, Greater, Less};
    let x = Double::of(a);
    let low = Expansion::of(x.low.0, x.low.1);
    let high = Expansion::of(x.high.0, x.high.1);
    let exact = Expansion::of(x.m, x.e);
    let inside = |c: &Expansion| {
        let (above, below) = (c.cmp(&low), c.cmp(&high));
        (above == Greater || (x.inclusive && above == Equal)) && (below == Less || (x.inclusive && below == Equal))
    };
    for p in 1..=17 {
        let (down, up) = exact.around(p);
        let pick = match (inside(&down), inside(&up)) {
            (true, true) => match exact.tail(p) {
                Less => down,
                Greater => up,
                Equal if down.last_even() => down,
                Equal => up,
            },
            (true, false) => down,
            (false, true) => up,
            (false, false) => continue,
        };
        return pick.digits_exponent();
    }
    // Unreachable: 17 significant digits always read back. Never loop or panic.
    exact.around(17).0.digits_exponent()
}

#[cfg(not(target_arch = "wasm32"))]
/// A positive decimal `0.d1 d2 d3 ... × 10^point`, its digits (0 to 9) without trailing zeros.
#[derive(PartialEq, Eq)]
struct Expansion {
    point: i32,
    digits: Vec<u8>,
}

#[cfg(not(target_arch = "wasm32"))]
impl Expansion {
    /// The exact decimal value of `n × 2^e` (`n > 0`).
    fn of(n: u64, e: i32) -> Expansion {
        let mut big = vec![n as u32, (n >> 32) as u32];
        // n × 2^e = n × 5^-e × 10^e when e < 0.
        let (mut twos, mut fives) = (e.max(0) as u32, (-e).max(0) as u32);
        while twos > 0 {
            let step = twos.min(31);
            multiply(&mut big, 1 << step);
            twos -= step;
        }
        while fives > 0 {
            let step = fives.min(13); // 5^13 < 2^32
            multiply(&mut big, 5u32.pow(step));
            fives -= step;
        }
        // Nine digits at a time, lowest first.
        let mut digits = Vec::new();
        while big.iter().any(|&limb| limb != 0) {
            let mut chunk = divide(&mut big, 1_000_000_000);
            for _ in 0..9 {
                digits.push((chunk % 10) as u8);
                chunk /= 10;
            }
        }
        while digits.last() == Some(&0) {
            digits.pop();
        }
        digits.reverse();
        let point = digits.len() as i32 + e.min(0);
        while digits.last() == Some(&0) {
            digits.pop();
        }
        Expansion { point, digits }
    }

    /// The `p`-digit decimals right below (or at) and right above this one.
    fn around(&self, p: usize) -> (Expansion, Expansion) {
        let mut down = Expansion { point: self.point, digits: self.digits.iter().copied().take(p).collect() };
        let mut up = Expansion { point: self.point, digits: down.digits.clone() };
        up.digits.resize(p, 0);
        // Add one in the p-th digit, carrying.
        let mut i = p;
        loop {
            if i == 0 {
                up.digits.insert(0, 1);
                up.point += 1;
                break;
            }
            i -= 1;
            if up.digits[i] == 9 {
                up.digits[i] = 0;
            } else {
                up.digits[i] += 1;
                break;
            }
        }
        down.trim();
        up.trim();
        (down, up)
    }

    /// How the digits after the `p`-th compare with a half unit of the `p`-th.
    fn tail(&self, p: usize) -> core::cmp::Ordering {
        let tail = self.digits.get(p..).unwrap_or(&[]);
        tail.cmp(&[5][..])
    }

    fn last_even(&self) -> bool {
        self.digits.last().map_or(true, |d| d % 2 == 0)
    }

    fn trim(&mut self) {
        while self.digits.last() == Some(&0) {
            self.digits.pop();
        }
    }

    /// As `shortest` answers: digits `d` and `e` with the value `d × 10^e`.
    fn digits_exponent(&self) -> (u64, i32) {
        let d = self.digits.iter().fold(0u64, |d, &digit| d * 10 + u64::from(digit));
        (d, self.point - self.digits.len() as i32)
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Ord for Expansion {
    fn cmp(&self, other: &Expansion) -> core::cmp::Ordering {
        // Without trailing zeros, the digits compare as strings do.
        self.point.cmp(&other.point).then_with(|| self.digits.cmp(&other.digits))
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl PartialOrd for Expansion {
    fn partial_cmp(&self, other: &Expansion) -> Option<core::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(not(target_arch = "wasm32"))]
/// `big × k`, in place (little-endian 32-bit limbs).
fn multiply(big: &mut Vec<u32>, k: u32) {
    let mut carry = 0u64;
    for limb in big.iter_mut() {
        let product = u64::from(*limb) * u64::from(k) + carry;
        *limb = product as u32;
        carry = product >> 32;
    }
    if carry != 0 {
        big.push(carry as u32);
    }
}

#[cfg(not(target_arch = "wasm32"))]
/// `big / k` in place; the remainder.
fn divide(big: &mut [u32], k: u32) -> u32 {
    let mut rest = 0u64;
    for limb in big.iter_mut().rev() {
        let n = (rest << 32) | u64::from(*limb);
        *limb = (n / u64::from(k)) as u32;
        rest = n % u64::from(k);
    }
    rest as u32
}

/// `a × b` as an unevaluated sum `hi + lo`, exactly (Dekker's product; no overflow here).
#[cfg(not(target_arch = "wasm32"))]
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
#[cfg(not(target_arch = "wasm32"))]
fn strip(mut digits: u64, mut exponent: i32) -> (u64, i32) {
    while digits != 0 && digits % 10 == 0 {
        digits /= 10;
        exponent += 1;
    }
    (digits, exponent)
}

/// Writes `digits × 10^exponent` the way `Number.prototype.toString` lays it out: plain from
/// 1e-7 up to 1e21, else with an exponent (`1.5e+300`, `1e-7`).
#[cfg(not(target_arch = "wasm32"))]
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

    /// What JavaScript prints: `ryu-js`, JavaScript's algorithm in Rust (Rust's own `{}` differs
    /// on ties, where JavaScript takes the even digit).
    fn javascript(n: f64) -> String {
        ryu_js::Buffer::new().format(n).to_owned()
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
            (-0.0, "0"),
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
    fn write_exact_prints_every_finite_number_and_declines_the_rest() {
        for (n, text) in [
            (0.0, "0"),
            (-0.0, "0"),
            (12.5, "12.5"),
            (-3.0, "-3"),
            (1e-6, "0.000001"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1e-7, "1e-7"),
            (-1e25, "-1e+25"),
            (2e19, "20000000000000000000"),
            (1e300, "1e+300"),
            (5e-324, "5e-324"),
            (f64::MAX, "1.7976931348623157e+308"),
            (f64::MIN_POSITIVE, "2.2250738585072014e-308"),
        ] {
            let mut out = String::new();
            assert!(write_exact(&mut out, n), "{n}");
            assert_eq!(out, text);
        }
        for n in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let mut out = String::new();
            assert!(!write_exact(&mut out, n), "{n}");
            assert!(out.is_empty());
        }
    }

    #[test]
    fn shortest_digits_agree_with_javascript_from_1e_minus_6_to_2_pow_64() {
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
    fn far_out_numbers_print_with_javascripts_digits() {
        let mut state = 0x2545_f491_4f6c_dd1d;
        for _ in 0..20_000 {
            let n = f64::from_bits(xorshift(&mut state) >> 1);
            if n.is_finite() {
                assert_eq!(to_js_string(n), javascript(n), "{:?}", n.to_bits());
            }
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
