//! JSON text to a [`Value`] and back, in the Wasm itself.
//!
//! Crossing into Wasm field by field (one JS call per key and value) made loading a 10,000
//! hotspot timeline take hundreds of milliseconds; one string crossing and this parser take a
//! few. The browser still does the JS side: `response.text()` for a fetched timeline,
//! `JSON.stringify` for an object the host hands over (with NaN and the infinities written as
//! the bare words `NaN`, `Infinity`, `-Infinity`, which this parser accepts so the validator can
//! say what they were). Nesting is limited to [`MAX_DEPTH`] so hostile text cannot exhaust the
//! stack. It never panics.

use super::number::{parse_exact, write_exact};
use super::value::{Value, MAX_DEPTH};
use std::borrow::Cow;

/// Parses `text`; the error says what is wrong and where (line and column, 1-based).
/// Natively, numbers the fast path cannot read exactly go to the standard library.
#[cfg(not(target_arch = "wasm32"))]
pub fn parse(text: &str) -> Result<Value<'_>, String> {
    parse_with(text, &|number| number.parse().ok())
}

/// Parses `text`, reading numbers exactly on its own wherever `number::parse_exact` can (every
/// number JavaScript prints for a coordinate, a time or a price), and handing the rest to
/// `slow_number`. The browser build passes the browser's own `parseFloat`, which keeps Rust's
/// float parser (about 15 KB) out of the Wasm.
pub fn parse_with<'a>(text: &'a str, slow_number: &dyn Fn(&str) -> Option<f64>) -> Result<Value<'a>, String> {
    let mut parser = Parser { text, bytes: text.as_bytes(), at: 0, slow_number, object_size: 0, array_size: 0 };
    let value = parser.value(0)?;
    parser.skip_space();
    if parser.at < parser.bytes.len() {
        return Err(parser.error("unexpected text after the JSON value"));
    }
    Ok(value)
}

struct Parser<'a, 'f> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    slow_number: &'f dyn Fn(&str) -> Option<f64>,
    /// The sizes of the last object and the last array read: the capacity of the next ones.
    /// A timeline is lists of like objects, so the guess saves most of the regrowing.
    object_size: usize,
    array_size: usize,
}

/// The most a size guess reserves ahead.
const MOST_RESERVED: usize = 16;

impl<'a> Parser<'a, '_> {
    fn error(&self, what: &str) -> String {
        let before = &self.bytes[..self.at.min(self.bytes.len())];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        ["not JSON: ", what, " at line ", &line.to_string(), ", column ", &column.to_string()].concat()
    }

    // Called for nearly every byte; opt-level "z" would otherwise leave it a call.
    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, word: &str) -> bool {
        let end = self.at + word.len();
        if self.bytes.get(self.at..end) == Some(word.as_bytes()) {
            self.at = end;
            true
        } else {
            false
        }
    }

    /// The text between two places where an ASCII byte starts or ends it: always whole
    /// characters (checked in O(1), where `from_utf8` would read it all again).
    fn slice(&self, from: usize, to: usize) -> &'a str {
        self.text.get(from..to).unwrap_or("")
    }

    fn value(&mut self, depth: u32) -> Result<Value<'a>, String> {
        self.skip_space();
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Value::String),
            Some(b't') if self.eat("true") => Ok(Value::Bool(true)),
            Some(b'f') if self.eat("false") => Ok(Value::Bool(false)),
            Some(b'n') if self.eat("null") => Ok(Value::Null),
            Some(b'N') if self.eat("NaN") => Ok(Value::Number(f64::NAN)),
            Some(b'I') if self.eat("Infinity") => Ok(Value::Number(f64::INFINITY)),
            Some(b'-') if self.eat("-Infinity") => Ok(Value::Number(f64::NEG_INFINITY)),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("unexpected character")),
            None => Err(self.error("unexpected end")),
        }
    }

    fn nested(&self, depth: u32) -> Result<u32, String> {
        if depth >= MAX_DEPTH {
            Err(self.error("nested too deep"))
        } else {
            Ok(depth + 1)
        }
    }

    fn object(&mut self, depth: u32) -> Result<Value<'a>, String> {
        let depth = self.nested(depth)?;
        self.at += 1; // '{'
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Value::Object(Vec::new()));
        }
        let mut members = Vec::with_capacity(self.object_size);
        loop {
            self.skip_space();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a string key"));
            }
            let key = self.string()?;
            self.skip_space();
            if self.peek() != Some(b':') {
                return Err(self.error("expected ':'"));
            }
            self.at += 1;
            members.push((key, self.value(depth)?));
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    self.object_size = members.len().min(MOST_RESERVED);
                    return Ok(Value::Object(members));
                }
                _ => return Err(self.error("expected ',' or '}'")),
            }
        }
    }

    fn array(&mut self, depth: u32) -> Result<Value<'a>, String> {
        let depth = self.nested(depth)?;
        self.at += 1; // '['
        self.skip_space();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Value::Array(Vec::new()));
        }
        let mut items = Vec::with_capacity(self.array_size);
        loop {
            items.push(self.value(depth)?);
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    self.array_size = items.len().min(MOST_RESERVED);
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.error("expected ',' or ']'")),
            }
        }
    }

    /// Skips digits; returns how many.
    fn digits(&mut self) -> usize {
        let from = self.at;
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
        self.at - from
    }

    fn number(&mut self) -> Result<Value<'a>, String> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        if self.digits() == 0 {
            return Err(self.error("expected a digit"));
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return Err(self.error("expected a digit after '.'"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if self.digits() == 0 {
                return Err(self.error("expected a digit in the exponent"));
            }
        }
        // The slice holds only ASCII digits, signs, '.' and 'e': valid UTF-8.
        let text = self.slice(start, self.at);
        let number = parse_exact(text).or_else(|| (self.slow_number)(text));
        number.map(Value::Number).ok_or_else(|| self.error("bad number"))
    }

    /// A string without escapes (nearly all) is a slice of the text; one with escapes is a copy.
    fn string(&mut self) -> Result<Cow<'a, str>, String> {
        self.at += 1; // opening quote
        let run = self.run();
        if self.peek() == Some(b'"') {
            self.at += 1;
            return Ok(Cow::Borrowed(run));
        }
        let mut out = String::from(run);
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.at += 1;
                    let escaped = self.peek().ok_or_else(|| self.error("unexpected end"))?;
                    self.at += 1;
                    match escaped {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => out.push(self.unicode_escape()?),
                        _ => return Err(self.error("bad escape")),
                    }
                }
                Some(_) => return Err(self.error("control character in a string")),
                None => return Err(self.error("unterminated string")),
            }
            out.push_str(self.run());
        }
    }

    /// Skips the characters of a string up to its end, an escape or a control character.
    fn run(&mut self) -> &'a str {
        let start = self.at;
        while let Some(b) = self.peek() {
            if b == b'"' || b == b'\\' || b < 0x20 {
                break;
            }
            self.at += 1;
        }
        self.slice(start, self.at)
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = self.peek().and_then(|b| (b as char).to_digit(16)).ok_or_else(|| self.error("bad \\u escape"))?;
            code = code * 16 + digit;
            self.at += 1;
        }
        Ok(code)
    }

    /// After `\u`: one code point, joining a surrogate pair; a lone surrogate becomes U+FFFD
    /// (as JavaScript strings may hold them, and Rust strings may not).
    fn unicode_escape(&mut self) -> Result<char, String> {
        let first = self.hex4()?;
        if (0xD800..0xDC00).contains(&first) && self.bytes.get(self.at..self.at + 2) == Some(b"\\u") {
            let save = self.at;
            self.at += 2;
            let second = self.hex4()?;
            if (0xDC00..0xE000).contains(&second) {
                let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                return Ok(char::from_u32(code).unwrap_or('\u{FFFD}'));
            }
            self.at = save;
        }
        Ok(char::from_u32(first).unwrap_or('\u{FFFD}'))
    }
}

// ---- writing: the model back to JSON text (`core::shape`) ----

/// How a number is written when `number::write_exact` declines it (see `write_number`).
pub type SlowNumber<'a> = &'a dyn Fn(&mut String, f64);

/// One JSON object being written into `out`: its members, with the commas between them.
pub struct Object<'w> {
    out: &'w mut String,
    slow_number: SlowNumber<'w>,
    empty: bool,
}

impl<'w> Object<'w> {
    pub fn open(out: &'w mut String, slow_number: SlowNumber<'w>) -> Object<'w> {
        out.push('{');
        Object { out, slow_number, empty: true }
    }

    /// Starts a member; its value is written next (into `out()`).
    pub fn key(&mut self, key: &str) {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        write_string(self.out, key);
        self.out.push(':');
    }

    pub fn out(&mut self) -> &mut String {
        self.out
    }

    /// A string member, left out when absent.
    pub fn text(&mut self, key: &str, value: Option<&str>) {
        if let Some(value) = value {
            self.key(key);
            write_string(self.out, value);
        }
    }

    pub fn number(&mut self, key: &str, n: f64) {
        self.key(key);
        write_number(self.out, n, self.slow_number);
    }

    /// A number member, left out when absent.
    pub fn optional_number(&mut self, key: &str, n: Option<f64>) {
        if let Some(n) = n {
            self.number(key, n);
        }
    }

    pub fn boolean(&mut self, key: &str, value: bool) {
        self.key(key);
        self.out.push_str(if value { "true" } else { "false" });
    }

    pub fn close(self) {
        self.out.push('}');
    }
}

/// Appends `[item,item,...]`, each item written by `write`.
pub fn list<T>(out: &mut String, items: impl IntoIterator<Item = T>, mut write: impl FnMut(&mut String, T)) {
    out.push('[');
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write(out, item);
    }
    out.push(']');
}

/// Appends `n` as a JSON number, exactly as JavaScript prints it: by `number::write_exact`, or
/// else by `slow_number` (the browser build passes JavaScript's own `String(n)`). A non-finite
/// number (the model never holds one) is `null`, as `JSON.stringify` writes it.
fn write_number(out: &mut String, n: f64, slow_number: SlowNumber) {
    if !n.is_finite() {
        out.push_str("null");
    } else if !write_exact(out, n) {
        slow_number(out, n);
    }
}

/// Appends `s` as a JSON string: quotes, backslashes and control characters escaped, the rest
/// as it is.
fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\u{0}'..='\u{1f}' => {
                out.push_str(if c < '\u{10}' { "\\u000" } else { "\\u001" });
                out.push(char::from_digit(u32::from(c) & 15, 16).unwrap_or('0'));
            }
            _ => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn same_as_serde_json(text: &str) {
        let ours = parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        let theirs = Value::from_json(text).unwrap_or_else(|e| panic!("serde_json on {text}: {e}"));
        assert_eq!(ours, theirs, "{text}");
    }

    #[test]
    fn parses_what_serde_json_parses_the_same_way() {
        for text in [
            "null", "true", "false", "0", "-0.5", "1e3", "2.5E-3", "0.42", "1280", "123456789012345678",
            r#""plain""#, r#""esc \" \\ \/ \b \f \n \r \t \u00e9 \ud83d\ude00""#, "[]", "{}", "[1, [2, [3]]]",
            r#"{"version": 1, "products": [{"id": "vase-01", "price": 1280}], "hotspots": []}"#,
            r#"{"a": 1, "a": 2}"#, " \n\t{ \"k\" : [ true , null ] } \r\n", r#""中文 ☕""#,
        ] {
            same_as_serde_json(text);
        }
    }

    /// Numbers `write_exact` declines are written with Rust's own printing (the browser uses JS's).
    fn number_json(n: f64) -> String {
        let mut out = String::new();
        write_number(&mut out, n, &|out, n| out.push_str(&n.to_string()));
        out
    }

    fn string_json(s: &str) -> String {
        let mut out = String::new();
        write_string(&mut out, s);
        out
    }

    #[test]
    fn strings_are_written_with_the_escapes_json_requires_and_read_back_the_same() {
        let text = "a\"b\\c\nd\u{1}\u{1f}\r\t é🏺/ 中文 \u{2028}";
        assert_eq!(string_json("a\"b\\c\nd\u{1}\u{1f}é🏺/"), r#""a\"b\\c\nd\u0001\u001fé🏺/""#);
        assert_eq!(parse(&string_json(text)), Ok(Value::String(text.into())));
        assert_eq!(Value::from_json(&string_json(text)), Ok(Value::String(text.into())));
    }

    #[test]
    fn non_finite_numbers_are_written_null_and_others_out_of_reach_go_to_the_slow_path() {
        let mut out = String::new();
        for n in [f64::NAN, f64::NEG_INFINITY, 1e-7, -0.0, 12.5] {
            write_number(&mut out, n, &|out, _| out.push_str("slow"));
            out.push(' ');
        }
        assert_eq!(out, "null null slow 0 12.5 ");
    }

    #[test]
    fn objects_are_written_member_by_member_and_absent_optionals_left_out() {
        let mut out = String::new();
        let mut o = Object::open(&mut out, &|out, _| out.push_str("slow"));
        o.text("a", Some("x"));
        o.text("gone", None);
        o.optional_number("gone too", None);
        o.number("c", 1.5);
        o.boolean("d", false);
        o.key("e");
        list(o.out(), [1.0, 1e-9], |out, n| write_number(out, n, &|out, _| out.push_str("slow")));
        o.close();
        assert_eq!(out, r#"{"a":"x","c":1.5,"d":false,"e":[1,slow]}"#);
    }

    #[test]
    fn non_finite_words_from_the_browser_become_numbers() {
        assert!(matches!(parse("NaN"), Ok(Value::Number(n)) if n.is_nan()));
        assert_eq!(parse("[Infinity, -Infinity]"), Ok(Value::Array(vec![Value::Number(f64::INFINITY), Value::Number(f64::NEG_INFINITY)])));
    }

    #[test]
    fn bad_text_is_an_error_with_its_place() {
        for (text, fragment) in [
            ("", "unexpected end at line 1, column 1"),
            ("{\"a\" 1}", "expected ':' at line 1, column 6"),
            ("[1,\n 2,]", "unexpected character at line 2, column 4"),
            ("\"abc", "unterminated string"),
            ("01x", "unexpected text after the JSON value"),
            ("-", "expected a digit"),
            ("1.", "expected a digit after '.'"),
            ("\"\\x\"", "bad escape"),
            ("\"\\u12\"", "bad \\u escape"),
            ("\"a\nb\"", "control character"),
            ("tru", "unexpected character"),
        ] {
            let error = parse(text).err().unwrap_or_default();
            assert!(error.contains(fragment), "{text:?}: {error}");
        }
    }

    #[test]
    fn strings_without_escapes_are_slices_of_the_text_not_copies() {
        let Ok(Value::Object(members)) = parse(r#"{"id": "h1", "label": "two\nlines"}"#) else {
            panic!("an object");
        };
        assert!(matches!(&members[0], (Cow::Borrowed("id"), Value::String(Cow::Borrowed("h1")))));
        assert!(matches!(&members[1], (Cow::Borrowed("label"), Value::String(Cow::Owned(s))) if s == "two\nlines"));
    }

    #[test]
    fn a_lone_surrogate_becomes_the_replacement_character() {
        assert_eq!(parse(r#""\ud800x""#), Ok(Value::String("\u{FFFD}x".into())));
    }

    #[test]
    fn deep_nesting_is_refused_not_a_stack_overflow() {
        let deep = "[".repeat(100_000);
        assert!(parse(&deep).err().unwrap_or_default().contains("nested too deep"));
        let fine = format!("{}{}", "[".repeat(100), "]".repeat(100));
        assert!(parse(&fine).is_ok());
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_any_text(text in ".{0,200}") {
            let _ = parse(&text);
        }

        #[test]
        fn short_decimals_read_exactly_without_the_slow_path(m in 0u64..1_000_000_000_000_000, point in 0usize..16, e in -7i32..8) {
            // At most 15 digits and a scale within ±22: always the exact fast path.
            let digits = m.to_string();
            let point = point.min(digits.len());
            let (whole, fraction) = digits.split_at(digits.len() - point);
            let whole = if whole.is_empty() { "0" } else { whole };
            let text = if fraction.is_empty() { format!("{whole}e{e}") } else { format!("{whole}.{fraction}e{e}") };
            let refuse = |_: &str| None;
            let want: f64 = text.parse().unwrap_or(f64::NAN);
            proptest::prop_assert_eq!(parse_with(&text, &refuse), Ok(Value::Number(want)), "{}", text);
        }

        #[test]
        fn every_number_is_written_so_it_reads_back_exactly(n in proptest::num::f64::NORMAL | proptest::num::f64::SUBNORMAL | proptest::num::f64::ZERO) {
            // `-0` is written `0`, as `JSON.stringify` does.
            let want = if n == 0.0 { 0.0 } else { n };
            let json = number_json(n);
            proptest::prop_assert_eq!(parse(&json), Ok(Value::Number(want)), "{}", json);
        }

        #[test]
        fn numbers_round_trip_exactly(n in proptest::num::f64::NORMAL | proptest::num::f64::SUBNORMAL | proptest::num::f64::ZERO) {
            let text = serde_json::to_string(&n).unwrap_or_default();
            proptest::prop_assert_eq!(parse(&text), Ok(Value::Number(n)));
        }
    }
}
