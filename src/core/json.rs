//! JSON text (RFC 8259) to a [`Value`], and the model back to JSON text, in the Wasm itself.
//!
//! Crossing into Wasm field by field (one JS call per key and value) made loading a 10,000
//! hotspot timeline take hundreds of milliseconds; one string crossing and this reader take a
//! few. The browser still does the JS side: `response.text()` for a fetched timeline,
//! `JSON.stringify` for an object the host hands over.
//!
//! Reading is RFC 8259 exactly, and agrees with serde_json (the oracle of tests/json_reader.rs)
//! on what is JSON and on every value read: no leading zeros, no `NaN` or `Infinity`, no control
//! characters in strings, no lone surrogate escapes (a Rust string cannot hold one: turned into
//! U+FFFD, distinct ids would collide), no trailing commas, nothing after the value, and at most
//! [`MAX_NESTING`] arrays and objects inside one another (serde_json's limit), so hostile text
//! cannot exhaust the stack. Numbers are read exactly (correctly rounded); one beyond the range
//! of a double is an error, as in serde_json. The one relaxation is opt-in
//! ([`Options::allow_non_finite`]): text the browser wrote for a JS object may hold the bare
//! words `NaN`, `Infinity` and `-Infinity`, so the validator can say what they were.
//!
//! What is built is chosen by a [`Keep`]: the fields the validator reads become values, anything
//! else is read for its syntax only and allocates nothing, so data the player ignores costs no
//! memory; a list longer than its limit stops the read at once. A text longer than
//! [`MAX_DOCUMENT_BYTES`] is refused before it is read.
//!
//! Every error says where it is: the JSON path of the value it is in (`hotspots[3].x`, empty for
//! the root) and, for text someone wrote, the line and column (1-based, counted in characters).
//! Nothing is tracked for that while reading goes well: the path is collected as an error passes
//! back out through the arrays and objects around it. It never panics.

use super::number::{parse_exact, write_exact};
use super::value::Value;
use std::borrow::Cow;
use std::fmt;

/// The longest JSON text read, in bytes of UTF-8 (CONTRACT.md section 3: 64 MiB). A longer one is
/// refused before reading, whatever it holds.
pub const MAX_DOCUMENT_BYTES: usize = 64 * 1024 * 1024;

/// The most arrays and objects a value may have around it, one inside another: serde_json's
/// limit (its depth counter starts at 128; a text that brings it to 0 is refused). A timeline
/// needs 3.
pub const MAX_NESTING: u32 = 127;

/// How a text is read; where it comes from decides (see the constructors).
#[derive(Clone, Copy)]
pub struct Options<'f> {
    /// Read the bare words `NaN`, `Infinity` and `-Infinity` as numbers. Only for text the
    /// browser wrote for a host's JS object (which can hold them), so validation can name them
    /// ("x must be a finite number, got NaN"); in JSON text they are errors.
    pub allow_non_finite: bool,
    /// Errors give the line and column in the text: for text someone wrote. Off for the text the
    /// browser writes for a JS object, which the host never saw: there the path says it all.
    pub positions: bool,
    /// Reads a number the exact fast path (`number::parse_exact`) declines: over 19 significant
    /// digits, or an exponent out of its reach. It must round correctly, as `str::parse` does
    /// natively and JavaScript's `parseFloat` does in the browser (which keeps Rust's float
    /// parser, about 15 KB, out of the Wasm). `None` or a non-finite answer means out of range.
    pub slow_number: &'f dyn Fn(&str) -> Option<f64>,
}

impl<'f> Options<'f> {
    /// JSON text: a fetched timeline, a cue's text, a file. RFC 8259 exactly, errors with their
    /// line and column.
    pub fn text(slow_number: &'f dyn Fn(&str) -> Option<f64>) -> Options<'f> {
        Options { allow_non_finite: false, positions: true, slow_number }
    }

    /// The text `JSON.stringify` wrote for a host's JS object, with non-finite numbers written
    /// as the bare words `NaN`, `Infinity`, `-Infinity`: those read as numbers, and errors give
    /// the path only.
    pub fn js_object(slow_number: &'f dyn Fn(&str) -> Option<f64>) -> Options<'f> {
        Options { allow_non_finite: true, positions: false, slow_number }
    }
}

/// The standard library's number parser, correctly rounded: the slow path natively.
#[cfg(not(target_arch = "wasm32"))]
pub fn std_number(text: &str) -> Option<f64> {
    text.parse().ok()
}

/// What of a value to build. Anything not kept is still read, for its syntax, but allocates
/// nothing and builds nothing.
#[derive(Debug, Clone, Copy)]
pub enum Keep {
    /// The value and everything in it.
    All,
    /// Nothing: the value is read for its syntax only (an empty placeholder stands for it).
    Nothing,
    /// A string, number, boolean or null. An object or array here is read for its syntax and
    /// kept empty: the validator only says what kind of value it is.
    Scalar,
    /// An object: the members named here, each kept as its `Keep` says; other members are
    /// skipped. An array here is kept empty.
    Members(&'static [(&'static str, Keep)]),
    /// An array: its items, each kept as `Items::each` says, at most `Items::most` of them. An
    /// object here is kept empty.
    Items(&'static Items),
}

/// The items of a list (see [`Keep::Items`]).
#[derive(Debug)]
pub struct Items {
    pub each: Keep,
    /// One item more stops the read with an [`ErrorKind::TooMany`] error at the list's path.
    pub most: usize,
    /// What the items are, for that error ("hotspots").
    pub noun: &'static str,
}

/// Why a text was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The text is not JSON (RFC 8259), or nests deeper than [`MAX_NESTING`], or holds a number
    /// beyond the range of a double.
    NotJson,
    /// The text is longer than [`MAX_DOCUMENT_BYTES`]; it was not read.
    TooLarge,
    /// A list holds more items than its limit ([`Items::most`]); reading stopped there.
    TooMany,
}

/// A place in a text: 1-based line and column, the column counted in characters (Unicode
/// scalar values), not bytes. Lines end at `\n`, `\r\n` or a lone `\r`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// A text that could not be read: what is wrong, in which value, and where in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    /// The JSON path of the value the error is in, in the contract's form (`hotspots[3].x`);
    /// empty for the document itself.
    pub path: String,
    /// What is wrong, e.g. `unexpected character 'x'`.
    pub what: String,
    /// Where in the text; `None` for text the host never wrote (see [`Options::positions`]) and
    /// for a text refused before reading.
    pub position: Option<Position>,
}

impl fmt::Display for Error {
    /// `what`, then where in the text: `unexpected character 'x' at line 3, column 7`.
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.what)?;
        if let Some(Position { line, column }) = self.position {
            f.write_str(&[" at line ", &line.to_string(), ", column ", &column.to_string()].concat())?;
        }
        Ok(())
    }
}

/// Refuses a text of `bytes` bytes before it is read, if it is over [`MAX_DOCUMENT_BYTES`]. For
/// callers that can measure a text before they have it (the browser layer, a file's size).
pub fn check_size(bytes: usize) -> Result<(), Error> {
    if bytes <= MAX_DOCUMENT_BYTES {
        return Ok(());
    }
    Err(Error {
        kind: ErrorKind::TooLarge,
        path: String::new(),
        what: ["the JSON text is ", &bytes.to_string(), " bytes; the limit is 67108864 (64 MiB)"].concat(),
        position: None,
    })
}

/// Reads `text` as one JSON value, building what `keep` asks for.
pub fn read<'a>(text: &'a str, keep: Keep, options: &Options) -> Result<Value<'a>, Error> {
    check_size(text.len())?;
    let mut reader = Reader { text, bytes: text.as_bytes(), at: 0, options, object_size: 0, array_size: 0 };
    reader.document(keep).map_err(|fault| fault.into_error(&reader))
}

/// Reads JSON text (RFC 8259 exactly) and builds all of it; numbers the fast path declines go
/// to the standard library. Native only: the browser passes its own `parseFloat` to [`read`].
#[cfg(not(target_arch = "wasm32"))]
pub fn parse(text: &str) -> Result<Value<'_>, Error> {
    read(text, Keep::All, &Options::text(&std_number))
}

/// The reader as `src/web` called it before [`read`]: builds everything, reads the bare words
/// `NaN` and `Infinity` (it is also given the browser's text for JS objects), and says the
/// error as one line, `not JSON: PATH: WHAT at line L, column C`. Use [`read`] instead.
pub fn parse_with<'a>(text: &'a str, slow_number: &dyn Fn(&str) -> Option<f64>) -> Result<Value<'a>, String> {
    let options = Options { allow_non_finite: true, positions: true, slow_number };
    read(text, Keep::All, &options).map_err(|error| {
        let at = if error.path.is_empty() { String::new() } else { [&error.path, ": "].concat() };
        ["not JSON: ", &at, &error.to_string()].concat()
    })
}

/// An error on its way out of the reader: what, where in the text, and the path collected so
/// far, innermost step first. Its message is put together only at the end (`into_error`), from
/// fixed words and what to show of the text: one place for it keeps the Wasm small.
struct Fault {
    kind: ErrorKind,
    at: usize,
    what: &'static str,
    show: Show,
    tail: &'static str,
    steps: Vec<Step>,
}

/// What of the text a message shows between its fixed words.
#[derive(Clone, Copy)]
enum Show {
    Nothing,
    /// The character at this place (`'x'`, `U+0001`), or "the end of the text".
    Char(usize),
    /// The text between two places (a word, an escape).
    Text(usize, usize),
    /// A list's noun and limit.
    Limit(&'static Items),
}

enum Step {
    /// The member whose key's string starts here (keys are read again only for a path).
    Key(usize),
    Index(usize),
}

impl Fault {
    /// The error passes out of the member `key` or the item `index` of an array.
    fn inside(mut self, step: Step) -> Fault {
        self.steps.push(step);
        self
    }

    fn into_error(self, reader: &Reader) -> Error {
        let text = reader.text;
        let mut path = String::new();
        for step in self.steps.iter().rev() {
            match *step {
                Step::Key(at) => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    let mut again = Reader { at, ..*reader };
                    path.push_str(&again.string(true).unwrap_or_default());
                }
                Step::Index(i) => {
                    path.push('[');
                    path.push_str(&i.to_string());
                    path.push(']');
                }
            }
        }
        let shown = match self.show {
            Show::Nothing => String::new(),
            Show::Char(at) => text.get(at..).and_then(|rest| rest.chars().next()).map_or_else(|| "the end of the text".into(), describe),
            Show::Text(from, to) => text.get(from..to).unwrap_or_default().to_owned(),
            Show::Limit(items) => [items.noun, ": the limit is ", &items.most.to_string()].concat(),
        };
        let position = reader.options.positions.then(|| position(text, self.at));
        Error { kind: self.kind, path, what: [self.what, &shown, self.tail].concat(), position }
    }
}

/// The line and column of byte `at` of `text` (a character boundary).
fn position(text: &str, at: usize) -> Position {
    let bytes = text.as_bytes();
    let (mut line, mut column) = (1, 1);
    for (i, &b) in bytes.iter().enumerate().take(at) {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            line += 1;
            column = 1;
        } else if (b as i8) >= -0x40 && b != b'\r' {
            // A byte that does not continue a UTF-8 sequence starts a character.
            column += 1;
        }
    }
    Position { line, column }
}

/// A character named in a message: `'x'`, or `U+0001` for one that would not show.
fn describe(c: char) -> String {
    if c <= ' ' || c.is_control() || matches!(c, '\u{a0}' | '\u{2028}' | '\u{2029}' | '\u{feff}') {
        let mut out = String::from("U+");
        for shift in [12, 8, 4, 0] {
            out.push(char::from_digit((u32::from(c) >> shift) & 15, 16).map_or('0', |d| d.to_ascii_uppercase()));
        }
        out
    } else {
        ['\'', c, '\''].iter().collect()
    }
}

#[derive(Clone, Copy)]
struct Reader<'a, 'o> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    options: &'o Options<'o>,
    /// The sizes of the last object and the last array built: the capacity of the next ones.
    /// A timeline is lists of like objects, so the guess saves most of the regrowing.
    object_size: usize,
    array_size: usize,
}

/// The most a size guess reserves ahead.
const MOST_RESERVED: usize = 16;

impl<'a> Reader<'a, '_> {
    /// The text is not JSON here: `what`.
    fn fault(&self, what: &'static str) -> Fault {
        self.fault_at(self.at, what, Show::Nothing, "")
    }

    /// The text is not JSON at `at`: `what`, something of the text, `tail`.
    fn fault_at(&self, at: usize, what: &'static str, show: Show, tail: &'static str) -> Fault {
        Fault { kind: ErrorKind::NotJson, at, what, show, tail, steps: Vec::new() }
    }

    /// `what` (`expected X, got `) and the character here, or "the end of the text".
    fn got(&self, what: &'static str) -> Fault {
        self.fault_at(self.at, what, Show::Char(self.at), "")
    }

    fn next_char(&self) -> Option<char> {
        self.text.get(self.at..).and_then(|rest| rest.chars().next())
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

    fn document(&mut self, keep: Keep) -> Result<Value<'a>, Fault> {
        self.skip_space();
        if self.peek().is_none() {
            return Err(self.fault("no JSON value: the text is empty"));
        }
        let value = self.value(keep, 0)?;
        self.skip_space();
        match self.next_char() {
            Some(_) => Err(self.fault_at(self.at, "unexpected ", Show::Char(self.at), " after the JSON value")),
            None => Ok(value),
        }
    }

    fn value(&mut self, keep: Keep, depth: u32) -> Result<Value<'a>, Fault> {
        self.skip_space();
        match self.peek() {
            // A composite where the filter expects another kind is read but kept empty.
            Some(b'{') => self.object(if matches!(keep, Keep::Scalar | Keep::Items(_)) { Keep::Nothing } else { keep }, depth),
            Some(b'[') => self.array(if matches!(keep, Keep::Scalar | Keep::Members(_)) { Keep::Nothing } else { keep }, depth),
            Some(b'"') => self.string(!matches!(keep, Keep::Nothing)).map(Value::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => self.word(),
            None => Err(self.fault("unexpected end of the text")),
        }
    }

    fn word(&mut self) -> Result<Value<'a>, Fault> {
        let start = self.at;
        if self.eat("true") {
            Ok(Value::Bool(true))
        } else if self.eat("false") {
            Ok(Value::Bool(false))
        } else if self.eat("null") {
            Ok(Value::Null)
        } else if self.eat("NaN") {
            self.non_finite(start, f64::NAN)
        } else if self.eat("Infinity") {
            self.non_finite(start, f64::INFINITY)
        } else {
            Err(self.got("unexpected character "))
        }
    }

    /// The word from `start` to here, read as `n` where the options allow it.
    fn non_finite(&mut self, start: usize, n: f64) -> Result<Value<'a>, Fault> {
        if self.options.allow_non_finite {
            return Ok(Value::Number(n));
        }
        Err(self.fault_at(start, "", Show::Text(start, self.at), " is not JSON: a JSON number is finite"))
    }

    /// One level deeper, or an error if that is past [`MAX_NESTING`].
    fn nested(&self, depth: u32) -> Result<u32, Fault> {
        if depth >= MAX_NESTING {
            // The words say MAX_NESTING (127), checked by a test.
            Err(self.fault("nested too deep: more than 127 arrays and objects inside one another"))
        } else {
            Ok(depth + 1)
        }
    }

    /// `keep` is `All`, `Nothing` or `Members`.
    fn object(&mut self, keep: Keep, depth: u32) -> Result<Value<'a>, Fault> {
        let depth = self.nested(depth)?;
        let build = !matches!(keep, Keep::Nothing);
        self.at += 1; // '{'
        let mut members = Vec::new();
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Value::Object(members));
        }
        if build {
            members.reserve(self.object_size);
        }
        loop {
            self.skip_space();
            if self.peek() != Some(b'"') {
                return Err(if self.peek() == Some(b'}') {
                    self.fault("trailing comma before '}'")
                } else {
                    self.got("expected a key (a string in double quotes), got ")
                });
            }
            let key_at = self.at;
            let key = self.string(build)?;
            self.skip_space();
            if self.peek() != Some(b':') {
                return Err(self.got("expected ':' after the key, got "));
            }
            self.at += 1;
            let wanted = match keep {
                Keep::All => Keep::All,
                Keep::Members(wanted) => wanted.iter().find(|(name, _)| *name == key).map_or(Keep::Nothing, |&(_, k)| k),
                _ => Keep::Nothing,
            };
            let value = self.value(wanted, depth).map_err(|fault| fault.inside(Step::Key(key_at)))?;
            if !matches!(wanted, Keep::Nothing) {
                members.push((key, value));
            }
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    if build {
                        self.object_size = members.len().min(MOST_RESERVED);
                    }
                    return Ok(Value::Object(members));
                }
                _ => return Err(self.got("expected ',' or '}' after a member, got ")),
            }
        }
    }

    /// `keep` is `All`, `Nothing` or `Items`.
    fn array(&mut self, keep: Keep, depth: u32) -> Result<Value<'a>, Fault> {
        let depth = self.nested(depth)?;
        let build = !matches!(keep, Keep::Nothing);
        let (each, limit) = match keep {
            Keep::All => (Keep::All, None),
            Keep::Items(items) => (items.each, Some(items)),
            _ => (Keep::Nothing, None),
        };
        self.at += 1; // '['
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Value::Array(items));
        }
        if build {
            items.reserve(self.array_size);
        }
        let mut count = 0;
        loop {
            if let Some(limit) = limit.filter(|limit| count == limit.most) {
                self.skip_space();
                let fault = self.fault_at(self.at, "too many ", Show::Limit(limit), "");
                return Err(Fault { kind: ErrorKind::TooMany, ..fault });
            }
            let item = self.value(each, depth).map_err(|fault| fault.inside(Step::Index(count)))?;
            if build {
                items.push(item);
            }
            count += 1;
            self.skip_space();
            match self.peek() {
                Some(b',') => {
                    self.at += 1;
                    self.skip_space();
                    if self.peek() == Some(b']') {
                        return Err(self.fault("trailing comma before ']'"));
                    }
                }
                Some(b']') => {
                    self.at += 1;
                    if build {
                        self.array_size = items.len().min(MOST_RESERVED);
                    }
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.got("expected ',' or ']' after an item, got ")),
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

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, read exactly.
    fn number(&mut self) -> Result<Value<'a>, Fault> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
            if self.eat("Infinity") {
                return self.non_finite(start, f64::NEG_INFINITY);
            }
        }
        match self.peek() {
            Some(b'0') => {
                self.at += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.fault_at(start, "leading zero in a number (JSON writes 1, not 01)", Show::Nothing, ""));
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.got("expected a digit after '-', got ")),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return Err(self.got("expected a digit after '.', got "));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if self.digits() == 0 {
                return Err(self.got("expected a digit in the exponent, got "));
            }
        }
        // The slice holds only ASCII digits, signs, '.' and 'e': valid UTF-8.
        let text = self.slice(start, self.at);
        match parse_exact(text).or_else(|| (self.options.slow_number)(text)) {
            Some(n) if n.is_finite() => Ok(Value::Number(n)),
            _ => Err(self.fault_at(start, "number out of range: beyond the largest double, about 1.8e308", Show::Nothing, "")),
        }
    }

    /// A string from its opening quote. Built, one without escapes (nearly all) is a slice of
    /// the text and one with escapes a copy; not built (`build` false), it is only checked.
    fn string(&mut self, build: bool) -> Result<Cow<'a, str>, Fault> {
        self.at += 1; // opening quote
        let run = self.run();
        if self.peek() == Some(b'"') {
            self.at += 1;
            return Ok(Cow::Borrowed(run));
        }
        let mut out = String::new();
        if build {
            out.push_str(run);
        }
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    let c = self.escape()?;
                    if build {
                        out.push(c);
                    }
                }
                Some(_) => {
                    let tail = " in a string: it must be escaped (\\n, \\t, \\u0001, ...)";
                    return Err(self.fault_at(self.at, "control character ", Show::Char(self.at), tail));
                }
                None => return Err(self.fault("unterminated string: the text ends inside it")),
            }
            let run = self.run();
            if build {
                out.push_str(run);
            }
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

    /// From a backslash: the character an escape stands for.
    fn escape(&mut self) -> Result<char, Fault> {
        let backslash = self.at;
        self.at += 1;
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.at += 1;
                return self.unicode_escape(backslash);
            }
            Some(_) => {
                let tail = " in a string (JSON has \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)";
                return Err(self.fault_at(backslash, "unknown escape \\ before ", Show::Char(self.at), tail));
            }
            None => return Err(self.fault("unterminated string: the text ends inside it")),
        };
        self.at += 1;
        Ok(c)
    }

    /// After `\u`: four hex digits.
    fn hex4(&mut self, backslash: usize) -> Result<u32, Fault> {
        let mut code = 0;
        for _ in 0..4 {
            let Some(digit) = self.peek().and_then(|b| char::from(b).to_digit(16)) else {
                return Err(self.fault_at(backslash, "bad \\u escape: it takes four hex digits", Show::Nothing, ""));
            };
            code = code * 16 + digit;
            self.at += 1;
        }
        Ok(code)
    }

    /// After `\u`: one character, joining a surrogate pair. A lone surrogate is an error, as in
    /// serde_json: a Rust string cannot hold it, and replacing it would make distinct strings
    /// equal.
    fn unicode_escape(&mut self, backslash: usize) -> Result<char, Fault> {
        let first = self.hex4(backslash)?;
        let code = match first {
            0xD800..=0xDBFF if self.bytes.get(self.at..self.at + 2) == Some(b"\\u") => {
                self.at += 2;
                let second = self.hex4(self.at - 2)?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.lone_surrogate(backslash));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            _ => first,
        };
        char::from_u32(code).ok_or_else(|| self.lone_surrogate(backslash))
    }

    fn lone_surrogate(&self, backslash: usize) -> Fault {
        let tail = " in a string: half of a UTF-16 pair is not a character";
        self.fault_at(backslash, "lone surrogate ", Show::Text(backslash, backslash + 6), tail)
    }
}

// ---- writing: the model back to JSON text (`core::shape`) ----

/// How a number is written when `number::write_exact` declines it (see `write_number`): in the
/// browser build, every number.
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

    fn text() -> Options<'static> {
        Options::text(&std_number)
    }

    fn js_object() -> Options<'static> {
        Options::js_object(&std_number)
    }

    /// The error of reading `text`, as `(path, what, line, column)`.
    fn error(text: &str, keep: Keep, options: &Options) -> (String, String, usize, usize) {
        match read(text, keep, options) {
            Ok(value) => panic!("{text:?} read as {value:?}"),
            Err(Error { path, what, position, .. }) => {
                let Position { line, column } = position.unwrap_or(Position { line: 0, column: 0 });
                (path, what, line, column)
            }
        }
    }

    fn text_error(text: &str) -> (String, String, usize, usize) {
        error(text, Keep::All, &self::text())
    }

    #[test]
    fn reads_what_serde_json_reads_the_same_way() {
        for text in [
            "null", "true", "false", "0", "-0.5", "1e3", "2.5E-3", "0.42", "1280", "123456789012345678",
            r#""plain""#, r#""esc \" \\ \/ \b \f \n \r \t \u00e9 \ud83d\ude00""#, "[]", "{}", "[1, [2, [3]]]",
            r#"{"version": 1, "products": [{"id": "vase-01", "price": 1280}], "hotspots": []}"#,
            r#"{"a": 1, "a": 2}"#, " \n\t{ \"k\" : [ true , null ] } \r\n", r#""中文 ☕""#,
        ] {
            let theirs = Value::from_json(text).unwrap_or_else(|e| panic!("serde_json on {text}: {e}"));
            assert_eq!(parse(text), Ok(theirs), "{text}");
        }
    }

    #[test]
    fn an_error_says_what_and_where_in_lines_and_characters() {
        let (path, what, line, column) = text_error("{\n  \"a\": [1,\n   2, x]}");
        assert_eq!((path.as_str(), what.as_str(), line, column), ("a[2]", "unexpected character 'x'", 3, 7));
        // Columns count characters, not bytes: "é" and "🏺" are one column each.
        assert_eq!(text_error("[\"é🏺\", x]").3, 8);
        // A lone \r ends a line as \n and \r\n do.
        assert_eq!(text_error("[1,\r2,\r\n3,\n\rx]").2, 5);
        let error = read("[1,\n x]", Keep::All, &text()).err();
        assert_eq!(error.map(|e| e.to_string()).as_deref(), Some("unexpected character 'x' at line 2, column 2"));
    }

    #[test]
    fn an_error_path_names_the_innermost_value_in_the_contracts_form() {
        let doc = r#"{"hotspots": [{"id": "h0"}, {"keyframes": [{"t": 0}, {"t": 01}]}]}"#;
        assert_eq!(text_error(doc).0, "hotspots[1].keyframes[1].t");
        assert_eq!(text_error("[[1], [2, 3, -]]").0, "[1][2]");
        assert_eq!(text_error("tru").0, "");
        // An escaped key reads as the key it stands for.
        assert_eq!(text_error(r#"{"\u0069d": [nul]}"#).0, "id[0]");
        // An error in a key or between members belongs to the object.
        assert_eq!(text_error(r#"{"a": {"b" 1}}"#).0, "a");
        // Skipped values say where too: their keys are read again for the path.
        let (path, ..) = error(r#"{"pad": {"deep\n": [0, 0, 01]}}"#, Keep::Members(&[]), &text());
        assert_eq!(path, "pad.deep\n[2]");
    }

    #[test]
    fn errors_in_a_js_objects_text_give_the_path_only() {
        let error = read(r#"{"hotspots": [{"id": "\ud800"}]}"#, Keep::All, &js_object()).err();
        let error = error.unwrap_or_else(|| panic!("a lone surrogate is refused"));
        assert_eq!(error.path, "hotspots[0].id");
        assert_eq!(error.position, None);
        assert_eq!(error.to_string(), "lone surrogate \\ud800 in a string: half of a UTF-16 pair is not a character");
    }

    #[test]
    fn non_finite_words_are_numbers_only_in_a_js_objects_text() {
        let read_js = |t| read(t, Keep::All, &js_object());
        assert!(matches!(read_js("NaN"), Ok(Value::Number(n)) if n.is_nan()));
        assert_eq!(
            read_js("[Infinity, -Infinity]"),
            Ok(Value::Array(vec![Value::Number(f64::INFINITY), Value::Number(f64::NEG_INFINITY)]))
        );
        for (word, column) in [("NaN", 2), ("Infinity", 2), ("-Infinity", 2)] {
            let (_, what, _, at) = text_error(&format!("[{word}]"));
            assert_eq!((what, at), (format!("{word} is not JSON: a JSON number is finite"), column));
        }
        // Still words, not prefixes.
        assert!(read_js("[NaNa]").is_err());
        assert!(read_js("[-Inf]").is_err());
    }

    #[test]
    fn messages_name_the_rule_that_was_broken() {
        for (text, what) in [
            ("", "no JSON value: the text is empty"),
            (" \n ", "no JSON value: the text is empty"),
            ("[", "unexpected end of the text"),
            ("[1,]", "trailing comma before ']'"),
            ("{\"a\":1,}", "trailing comma before '}'"),
            ("{\"a\" 1}", "expected ':' after the key, got '1'"),
            ("{1:1}", "expected a key (a string in double quotes), got '1'"),
            ("[1 2]", "expected ',' or ']' after an item, got '2'"),
            ("{\"a\":1 \"b\":2}", "expected ',' or '}' after a member, got '\"'"),
            ("01", "leading zero in a number (JSON writes 1, not 01)"),
            ("-", "expected a digit after '-', got the end of the text"),
            ("1.", "expected a digit after '.', got the end of the text"),
            ("1e+", "expected a digit in the exponent, got the end of the text"),
            ("1e400", "number out of range: beyond the largest double, about 1.8e308"),
            ("\"abc", "unterminated string: the text ends inside it"),
            ("\"\\x\"", "unknown escape \\ before 'x' in a string (JSON has \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)"),
            ("\"\\u12\"", "bad \\u escape: it takes four hex digits"),
            ("\"a\nb\"", "control character U+000A in a string: it must be escaped (\\n, \\t, \\u0001, ...)"),
            ("\"\\udc00\"", "lone surrogate \\udc00 in a string: half of a UTF-16 pair is not a character"),
            ("1 2", "unexpected '2' after the JSON value"),
            ("\u{feff}1", "unexpected character U+FEFF"),
            ("[1]\u{0}", "unexpected U+0000 after the JSON value"),
        ] {
            assert_eq!(text_error(text).1, what, "{text:?}");
        }
    }

    #[test]
    fn nesting_stops_where_serde_jsons_does_with_an_error_not_a_stack_overflow() {
        let nested = |n: usize| "[".repeat(n) + &"]".repeat(n);
        assert!(parse(&nested(MAX_NESTING as usize)).is_ok());
        let (path, what, _, column) = text_error(&nested(MAX_NESTING as usize + 1));
        assert_eq!(what, "nested too deep: more than 127 arrays and objects inside one another");
        assert_eq!((path.len(), column), ("[0]".len() * 127, 128));
        assert!(parse(&"[{\"a\":".repeat(100_000)).is_err());
        // Skipped values are held to the same limit.
        assert!(read(&format!("{{\"pad\": {}}}", nested(200)), Keep::Members(&[]), &text()).is_err());
    }

    const POINT: Keep = Keep::Members(&[("x", Keep::Scalar)]);
    const POINTS: Items = Items { each: POINT, most: 3, noun: "points" };

    #[test]
    fn a_filter_builds_only_the_members_it_names() {
        let value = read(r#"{"x": 1, "pad": [1, {"x": 2}], "y": "s", "x": 3}"#, POINT, &text());
        let x = |n| ("x".into(), Value::Number(n));
        assert_eq!(value, Ok(Value::Object(vec![x(1.0), x(3.0)])));
        let list = read(r#"[{"x": 1, "z": 0}, {"y": [true]}]"#, Keep::Items(&POINTS), &text());
        assert_eq!(list, Ok(Value::Array(vec![Value::Object(vec![x(1.0)]), Value::Object(vec![])])));
    }

    #[test]
    fn a_value_of_another_kind_than_the_filter_expects_is_kept_empty_or_as_it_is() {
        let keep = Keep::Members(&[("x", Keep::Scalar), ("list", Keep::Items(&POINTS)), ("point", POINT)]);
        let value = read(r#"{"x": {"big": [1, 2]}, "list": {"a": 1}, "point": [1, 2]}"#, keep, &text());
        let want = Value::Object(vec![
            ("x".into(), Value::Object(vec![])),
            ("list".into(), Value::Object(vec![])),
            ("point".into(), Value::Array(vec![])),
        ]);
        assert_eq!(value, Ok(want));
        let scalars = read(r#"{"list": "s", "point": 2}"#, keep, &text());
        assert_eq!(scalars, Ok(Value::Object(vec![("list".into(), Value::String("s".into())), ("point".into(), Value::Number(2.0))])));
    }

    #[test]
    fn skipped_values_are_checked_all_the_same() {
        for bad in ["01", "NaN", "\"\\ud800\"", "[1,]", "\"\t\"", "1e999", "{\"a\" 1}", "[1 2]", "tru"] {
            let doc = format!(r#"{{"x": 1, "pad": {{"deeper": [{bad}]}}}}"#);
            assert!(read(&doc, POINT, &text()).is_err(), "{doc}");
        }
    }

    #[test]
    fn a_list_past_its_limit_stops_the_read_at_the_next_item() {
        let four = r#"{"points": [{"x": 0}, {"x": 1}, {"x": 2}, {"x": 3}, "never read: ]"#;
        let keep = Keep::Members(&[("points", Keep::Items(&POINTS))]);
        let error = read(four, keep, &text()).err();
        let error = error.unwrap_or_else(|| panic!("four points are one too many"));
        assert_eq!((error.kind, error.path.as_str()), (ErrorKind::TooMany, "points"));
        assert_eq!(error.to_string(), "too many points: the limit is 3 at line 1, column 43");
        assert!(read(r#"{"points": [{}, {}, {}]}"#, keep, &text()).is_ok());
        // A list the filter does not name has no limit.
        assert!(read(r#"{"other": [1, 2, 3, 4, 5]}"#, keep, &text()).is_ok());
    }

    #[test]
    fn a_text_over_64_mib_is_refused_before_it_is_read() {
        assert_eq!(check_size(MAX_DOCUMENT_BYTES), Ok(()));
        let huge = " ".repeat(MAX_DOCUMENT_BYTES) + "1";
        let error = read(&huge, Keep::All, &text()).err();
        let error = error.unwrap_or_else(|| panic!("refused"));
        assert_eq!((error.kind, error.path.as_str(), error.position), (ErrorKind::TooLarge, "", None));
        assert_eq!(error.what, "the JSON text is 67108865 bytes; the limit is 67108864 (64 MiB)");
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
    fn the_old_entry_point_reads_words_and_says_errors_in_one_line() {
        let none = |_: &str| None;
        assert!(matches!(parse_with("[NaN]", &none), Ok(Value::Array(_))));
        assert_eq!(parse_with("[1,\n01]", &none), Err("not JSON: [1]: leading zero in a number (JSON writes 1, not 01) at line 2, column 1".to_owned()));
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_any_text(text in ".{0,200}") {
            let _ = parse(&text);
            let _ = read(&text, POINT, &js_object());
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
            proptest::prop_assert_eq!(read(&text, Keep::All, &Options::text(&refuse)), Ok(Value::Number(want)), "{}", text);
        }

        #[test]
        fn every_number_is_written_so_it_reads_back_exactly(n in proptest::num::f64::NORMAL | proptest::num::f64::SUBNORMAL | proptest::num::f64::ZERO) {
            // `-0` is written `0`, as `JSON.stringify` does.
            let want = if n == 0.0 { 0.0 } else { n };
            let json = number_json(n);
            proptest::prop_assert_eq!(parse(&json).map(|v| v.as_f64().map(f64::to_bits)), Ok(Some(want.to_bits())), "{}", json);
        }
    }

    // ---- writing ----

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
    fn non_finite_numbers_are_written_null_and_every_other_one_as_javascript_writes_it() {
        let mut out = String::new();
        for n in [f64::NAN, f64::NEG_INFINITY, 1e-7, -0.0, 12.5, -1e25] {
            write_number(&mut out, n, &|out, _| out.push_str("slow"));
            out.push(' ');
        }
        assert_eq!(out, "null null 1e-7 0 12.5 -1e+25 ");
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
        assert_eq!(out, r#"{"a":"x","c":1.5,"d":false,"e":[1,1e-9]}"#);
    }
}
