//! `core::json` against RFC 8259 and against serde_json (with `float_roundtrip`, so its numbers
//! are correctly rounded), the oracle: first one case per rule of the RFC, each checked with both
//! readers (so the table itself is right); then generated documents, valid and mutated, on which
//! the two must agree on accept or reject and on every value: numbers bit for bit, strings, and
//! members in order. Then the reader's own promises across its modes: a filter or the browser's
//! mode never changes what is JSON, only what is built.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use shoppable_video::core::json::{self, Keep, Options, MAX_NESTING};
use shoppable_video::core::validate::TIMELINE;
use shoppable_video::core::value::Value;

// ---- helpers ----

/// Whether two values are the same: numbers bit for bit (`-0` is not `0`), members in order.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.to_bits() == y.to_bits(),
        (Value::Array(xs), Value::Array(ys)) => xs.len() == ys.len() && xs.iter().zip(ys).all(|(x, y)| same(x, y)),
        (Value::Object(xs), Value::Object(ys)) => {
            xs.len() == ys.len() && xs.iter().zip(ys).all(|((kx, x), (ky, y))| kx == ky && same(x, y))
        }
        (a, b) => a == b,
    }
}

fn serde(text: &str) -> Result<Value<'static>, serde_json::Error> {
    serde_json::from_str(text)
}

/// `core::json` and serde_json agree on `text`: both refuse it, or both read the same value.
fn agree(text: &str) -> Result<(), String> {
    match (json::parse(text), serde(text)) {
        (Ok(ours), Ok(theirs)) if same(&ours, &theirs) => Ok(()),
        (Err(_), Err(_)) => Ok(()),
        (ours, theirs) => Err(format!("{text:?}\n  core::json: {ours:?}\n  serde_json: {theirs:?}")),
    }
}

/// Both readers accept `text` (when `json` is true) or both refuse it.
fn assert_rule(text: &str, json: bool) {
    assert_eq!(json::parse(text).is_ok(), json, "core::json on {text:?}: {:?}", json::parse(text));
    assert_eq!(serde(text).is_ok(), json, "serde_json on {text:?}: {:?}", serde(text));
    assert_eq!(agree(text), Ok(()));
}

fn accepted(texts: &[&str]) {
    for text in texts {
        assert_rule(text, true);
    }
}

fn refused(texts: &[&str]) {
    for text in texts {
        assert_rule(text, false);
    }
}

// ---- RFC 8259, rule by rule ----

#[test]
fn rfc_2_a_text_is_one_value_of_any_kind_between_optional_whitespace() {
    accepted(&["1", "\"s\"", "null", "true", "false", "[]", "{}", " \t\n\r 1 \t\n\r "]);
    refused(&["", " ", "\n\t", "1 2", "[] []", "{}x", "[1]]", "{}}", "1,", "\"a\" \"b\""]);
}

#[test]
fn rfc_2_whitespace_is_space_tab_line_feed_and_carriage_return_only() {
    refused(&["\u{c}1", "\u{b}1", "\u{a0}1", "\u{2028}1", "\u{3000}1", "[1,\u{85}2]", "\u{feff}1", "1\u{0}"]);
}

#[test]
fn rfc_3_the_literal_names_are_lowercase_and_whole() {
    accepted(&["[true,false,null]"]);
    refused(&["True", "NULL", "nul", "tru", "falsey", "nulll", "t", "undefined", "none"]);
}

#[test]
fn rfc_4_objects_are_string_keys_and_values_separated_by_commas() {
    accepted(&[
        "{\"a\":1}",
        "{ \"a\" : 1 , \"b\" : [ ] }",
        "{\"\":0}",
        "{\"a\":{\"a\":{}}}",
        // Repeated keys are JSON; both readers keep both, in order.
        "{\"a\":1,\"a\":2}",
    ]);
    refused(&[
        "{a:1}", "{'a':1}", "{1:1}", "{null:1}", "{\"a\" 1}", "{\"a\":}", "{\"a\"}", "{\"a\":1 \"b\":2}",
        "{,}", "{,\"a\":1}", "{\"a\":1,}", "{\"a\":1,,\"b\":2}", "{\"a\"::1}", "{\"a\":1", "{",
    ]);
}

#[test]
fn rfc_5_arrays_are_values_separated_by_commas() {
    accepted(&["[1,\"a\",[],{},null]", "[ 1 , 2 ]", "[[[]]]"]);
    refused(&["[1,]", "[,1]", "[,]", "[1,,2]", "[1 2]", "[1:2]", "[", "]", "[1", "[1,"]);
}

#[test]
fn rfc_6_numbers_have_no_leading_zeros_plus_signs_or_bare_points() {
    accepted(&["0", "-0", "0.5", "-0.5", "10", "101", "0e0", "0E+1", "0e-1", "1e5", "1E5", "1e+5", "1e-5", "1.5e10", "-0.0"]);
    refused(&[
        "01", "-01", "00", "-00", "00.5", "-012", "010e1", "0123.5", "+1", ".5", "-.5", "1.", "1.e5", "1e", "1e+",
        "1e-", "1E", "-", "--1", "0x10", "1_000", "١", "\u{2212}1", "1.5.5", "1e5.5", "0.", "-0.", "01.5",
    ]);
}

#[test]
fn rfc_6_nan_and_infinity_are_not_numbers() {
    refused(&["NaN", "-NaN", "Infinity", "-Infinity", "+Infinity", "[NaN]", "{\"x\":Infinity}", "inf", "nan"]);
}

#[test]
fn rfc_6_numbers_read_as_the_nearest_double_and_past_its_range_are_refused() {
    accepted(&[
        "1e-400",
        "-1e-400",
        "2.4703282292062327e-324",
        "2.4703282292062328e-324",
        "4.9406564584124654e-324",
        "2.2250738585072011e-308",
        "2.2250738585072012e-308",
        "1.7976931348623157e308",
        "1.7976931348623158e308",
        "9007199254740993",
        "1.00000000000000011",
        "0.1000000000000000055511151231257827021181583404541015625",
        "123456789012345678901234567890",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775808",
        "-9223372036854775809",
        "0e999999999",
        "1e-99999999999999999999",
    ]);
    // As in serde_json (a JSON parser may limit the range, RFC 8259 section 6).
    refused(&["1e309", "-1e309", "1.7976931348623159e308", "1e99999999999999999999"]);
}

#[test]
fn rfc_7_strings_escape_eight_characters_and_any_code_unit() {
    accepted(&[
        r#""\" \\ \/ \b \f \n \r \t""#,
        r#""\u0000 \u001f \u0041 \u00e9 \uFFFF \uffff \u2028""#,
        r#""\ud83d\ude00 \uD83D\uDE00""#,
        "\"raw é 中 😀 \u{7f} \u{2028} \u{feff}\"",
        "\"\"",
    ]);
    refused(&[r#""\x""#, r#""\'""#, r#""\U0041""#, r#""\u00G0""#, r#""\u12""#, r#""\u""#, r#""\""#, "\"\\", "\"a", "'a'"]);
}

#[test]
fn rfc_7_control_characters_must_be_escaped() {
    for c in (0u8..0x20).map(char::from) {
        refused(&[&format!("\"a{c}b\"")]);
    }
    accepted(&["\"\u{7f}\u{80}\u{9f}\""]);
}

#[test]
fn rfc_8_a_lone_surrogate_is_not_a_character() {
    refused(&[
        r#""\ud800""#,
        r#""\udbff""#,
        r#""\udc00""#,
        r#""\udfff""#,
        r#""\ud800x""#,
        r#""\ud800\u0041""#,
        r#""\ud800\ud800""#,
        r#""\ude00\ud83d""#,
        r#""\ud800\n""#,
        r#"{"\ud800":1}"#,
        r#""p\ud800""#,
        r#""p\udc00""#,
    ]);
}

#[test]
fn rfc_9_nesting_is_limited_where_serde_json_limits_it() {
    let n = MAX_NESTING as usize;
    for (depth, json) in [(n - 1, true), (n, true), (n + 1, false), (10 * n, false)] {
        assert_rule(&("[".repeat(depth) + &"]".repeat(depth)), json);
        assert_rule(&("{\"a\":".repeat(depth) + "0" + &"}".repeat(depth)), json);
        let inside = if depth % 2 == 1 { "[]" } else { "0" };
        assert_rule(&("[{\"a\":".repeat(depth / 2) + inside + &"}]".repeat(depth / 2)), json);
    }
    // Unclosed, very deep: refused without exhausting the stack.
    refused(&[&"[".repeat(1_000_000), &"{\"a\":".repeat(200_000)]);
}

#[test]
fn comments_and_other_extensions_are_not_json() {
    refused(&["// c\n1", "/* c */1", "1 // c", "# c\n1", "[1,/**/2]", "{a:1}", "[0x1F]", "[.5]", "[5.]", "['a']", "`a`"]);
}

#[test]
fn ids_that_differ_only_by_a_lone_surrogate_are_refused_not_merged() {
    let doc = r#"{"version":1,"products":[{"id":"p\ud800"},{"id":"p\udc00"}],"hotspots":[]}"#;
    let error = json::read(doc, TIMELINE, &Options::text(&json::std_number)).err();
    let error = error.unwrap_or_else(|| panic!("refused"));
    assert_eq!(error.path, "products[0].id");
    assert!(error.what.starts_with("lone surrogate \\ud800"), "{}", error.what);
}

// ---- generated documents ----

fn space() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => Just(String::new()),
        1 => prop::collection::vec(prop::sample::select(vec![" ", "\t", "\n", "\r", "\r\n", "  "]), 1..3).prop_map(|s| s.concat()),
    ]
}

/// Hard numbers: halfway cases, the ends of the range and of the subnormals, long mantissas.
const HARD_NUMBERS: &[&str] = &[
    "0", "-0", "-0.0", "0.0e-0", "1", "-1", "0.1", "0.2", "0.30000000000000004", "9007199254740992", "9007199254740993",
    "9007199254740995", "18014398509481985", "1.00000000000000011", "1.0000000000000002", "4.35", "1e23", "8.41e21",
    "5e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "2.2250738585072014e-308", "2.2250738585072011e-308",
    "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1e308", "1e-308", "1e-320",
    "1e309", "123456789012345678901234567890", "0.000000000000000000000000000001", "1448997445238699",
    "17976931348623157e292", "2.2250738585072012e-308", "7.038531e-26", "9.5e-5", "1e21", "1e-7", "-1e25",
    "0.1000000000000000055511151231257827021181583404541015625", "0.10000000000000000555111512312578270211815834045410156250001",
];

/// Number texts: integers, JavaScript's and Rust's shortest printings of any double, 17-digit
/// printings (one digit more than needed, the kind that trips approximate parsers), long
/// digit strings, far exponents and the hard cases above.
fn number() -> impl Strategy<Value = String> {
    let double = any::<f64>().prop_filter("finite", |n| n.is_finite());
    prop_oneof![
        2 => any::<i64>().prop_map(|n| n.to_string()),
        1 => any::<u64>().prop_map(|n| n.to_string()),
        3 => double.clone().prop_map(|n| ryu_js::Buffer::new().format(n).to_owned()),
        2 => double.clone().prop_map(|n| format!("{n:e}")),
        2 => double.prop_map(|n| format!("{n:.16e}")),
        2 => (0.0..1.0f64).prop_map(|n| format!("{n:.17}")),
        3 => "-?(0|[1-9][0-9]{0,24})(\\.[0-9]{1,24})?([eE][+-]?[0-9]{1,3})?",
        2 => prop::sample::select(HARD_NUMBERS).prop_map(str::to_owned),
    ]
}

/// String texts: plain characters, every escape, `\u` escapes of any character (pairs for
/// those past the BMP), raw characters from every plane.
fn string() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[a-z0-9 ]{1,6}",
        2 => any::<char>().prop_filter("printable", |c| *c >= ' ' && *c != '"' && *c != '\\').prop_map(String::from),
        2 => prop::sample::select(vec!["\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t"]).prop_map(str::to_owned),
        2 => any::<char>().prop_map(|c| {
            let mut units = [0u16; 2];
            c.encode_utf16(&mut units).iter().map(|u| format!("\\u{u:04x}")).collect::<String>()
        }),
    ];
    prop::collection::vec(piece, 0..5).prop_map(|pieces| ["\"", &pieces.concat(), "\""].concat())
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec!["\"id\"", "\"x\"", "\"hotspots\"", "\"\"", "\"a\"", "\"\\u0069d\""]).prop_map(str::to_owned),
        1 => string(),
    ]
}

/// A valid JSON text, with whitespace anywhere it may go.
fn document() -> impl Strategy<Value = String> {
    let in_range = number().prop_filter("within the range of a double", |t| t.parse::<f64>().is_ok_and(f64::is_finite));
    let leaf = prop_oneof![
        4 => in_range,
        3 => string(),
        1 => prop::sample::select(vec!["true", "false", "null"]).prop_map(str::to_owned),
    ];
    let tree = leaf.prop_recursive(6, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec((space(), inner.clone(), space()), 0..6).prop_map(|items| {
                let items: Vec<String> = items.into_iter().map(|(a, v, b)| [a, v, b].concat()).collect();
                ["[", &items.join(","), "]"].concat()
            }),
            prop::collection::vec((space(), key(), space(), space(), inner, space()), 0..6).prop_map(|members| {
                let members: Vec<String> = members.into_iter().map(|(a, k, b, c, v, d)| [a, k, b, ":".into(), c, v, d].concat()).collect();
                ["{", &members.join(","), "}"].concat()
            }),
        ]
    });
    (space(), tree, space()).prop_map(|(a, t, b)| [a, t, b].concat())
}

/// What a mutation inserts: pieces of JSON syntax, words JSON does not have, characters it
/// refuses where they land, escapes of lone surrogates.
const INSERTS: &[&str] = &[
    "0", "00", "1", "-", "+", ".", "e", "E", ",", ":", "[", "]", "{", "}", "\"", "\\", "\\u", "\\ud800", "\\udc00",
    "\\ud83d\\ude00", "\\u0000", "NaN", "Infinity", "-Infinity", "\u{0}", "\u{1}", "\u{1f}", "\n", "\t", " ", "\u{7f}",
    "\u{a0}", "\u{2028}", "\u{feff}", "é", "😀", "true", "nul", "1e400", "1e-400", "/", "x", "'", "//", "/*", ",]",
    ",}", "\"\":", "[]", "{}",
];

#[derive(Debug, Clone)]
enum Mutation {
    Insert(prop::sample::Index, &'static str),
    Delete(prop::sample::Index),
    Swap(prop::sample::Index),
    Duplicate(prop::sample::Index),
    /// A `0` before the next digit: a leading zero where the digit starts a number.
    LeadingZero(prop::sample::Index),
    /// A comma before the next closing bracket or brace.
    TrailingComma(prop::sample::Index),
    /// The whole text inside this many arrays or objects, around the nesting limit.
    Nest(usize, bool),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = any::<prop::sample::Index>;
    prop_oneof![
        6 => (at(), prop::sample::select(INSERTS)).prop_map(|(i, s)| Mutation::Insert(i, s)),
        3 => at().prop_map(Mutation::Delete),
        2 => at().prop_map(Mutation::Swap),
        1 => at().prop_map(Mutation::Duplicate),
        2 => at().prop_map(Mutation::LeadingZero),
        2 => at().prop_map(Mutation::TrailingComma),
        1 => (100usize..140, any::<bool>()).prop_map(|(n, arrays)| Mutation::Nest(n, arrays)),
    ]
}

fn mutate(text: &str, mutation: &Mutation) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    match mutation {
        Mutation::Insert(at, piece) => {
            let at = at.index(n + 1);
            chars.splice(at..at, piece.chars());
        }
        Mutation::Delete(at) if n > 0 => {
            chars.remove(at.index(n));
        }
        Mutation::Swap(at) if n > 1 => chars.swap(at.index(n - 1), at.index(n - 1) + 1),
        Mutation::Duplicate(at) if n > 0 => {
            let at = at.index(n);
            chars.insert(at, chars[at]);
        }
        Mutation::LeadingZero(at) if n > 0 => {
            if let Some(digit) = (at.index(n)..n).find(|&i| chars[i].is_ascii_digit()) {
                chars.insert(digit, '0');
            }
        }
        Mutation::TrailingComma(at) if n > 0 => {
            if let Some(close) = (at.index(n)..n).find(|&i| matches!(chars[i], ']' | '}')) {
                chars.insert(close, ',');
            }
        }
        Mutation::Nest(depth, true) => return ["[".repeat(*depth), text.into(), "]".repeat(*depth)].concat(),
        Mutation::Nest(depth, false) => return ["{\"a\":".repeat(*depth), text.into(), "}".repeat(*depth)].concat(),
        _ => {}
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn valid_documents_read_exactly_as_serde_json_reads_them(text in document()) {
        prop_assert!(serde(&text).is_ok(), "the generator made {:?}: {:?}", text, serde(&text));
        agree(&text).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn numbers_read_bit_for_bit_as_serde_json_reads_them(text in number(), sign in prop::sample::select(vec!["", "-"])) {
        let text = if text.starts_with('-') { text } else { [sign, &text].concat() };
        agree(&text).map_err(TestCaseError::fail)?;
        agree(&format!("[{text}]")).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn every_double_printed_by_javascript_reads_back_to_itself(bits in any::<u64>()) {
        let n = f64::from_bits(bits);
        prop_assume!(n.is_finite());
        let text = ryu_js::Buffer::new().format(n).to_owned();
        let back = json::read(&text, Keep::All, &Options::text(&|_| None)).ok().and_then(|v| v.as_f64());
        // The fast path alone (no slow number) reads it exactly, or declines and leaves it to
        // the slow path; it is never wrong.
        if let Some(back) = back {
            prop_assert_eq!(back.to_bits(), if n == 0.0 { 0 } else { bits }, "{}", text);
        }
        prop_assert_eq!(json::parse(&text).ok().and_then(|v| v.as_f64()).map(f64::to_bits), Some(if n == 0.0 { 0 } else { bits }), "{}", text);
    }

    #[test]
    fn a_filter_changes_what_is_built_never_what_is_json(
        text in document(),
        mutations in prop::collection::vec(mutation(), 0..3),
    ) {
        let text = mutations.iter().fold(text, |text, m| mutate(&text, m));
        let options = Options::text(&json::std_number);
        let all = json::read(&text, Keep::All, &options).is_ok();
        prop_assert_eq!(json::read(&text, Keep::Nothing, &options).is_ok(), all, "{:?}", text);
        prop_assert_eq!(json::read(&text, Keep::Members(&[("a", Keep::Scalar)]), &options).is_ok(), all, "{:?}", text);
        // The timeline filter may stop early only at a list's limit, and the lists here are short.
        prop_assert_eq!(json::read(&text, TIMELINE, &options).is_ok(), all, "{:?}", text);
    }

    #[test]
    fn the_browsers_mode_reads_json_the_same_and_adds_only_the_non_finite_words(
        text in document(),
        mutations in prop::collection::vec(mutation(), 0..3),
    ) {
        let text = mutations.iter().fold(text, |text, m| mutate(&text, m));
        let strict = json::parse(&text);
        let loose = json::read(&text, Keep::All, &Options::js_object(&json::std_number));
        match (&strict, &loose) {
            (Ok(a), Ok(b)) => prop_assert!(same(a, b), "{:?}", text),
            (Ok(_), Err(e)) => prop_assert!(false, "{:?}: only the browser's mode refuses it: {}", text, e),
            (Err(_), Ok(_)) => prop_assert!(["NaN", "Infinity"].iter().any(|w| text.contains(w)), "{:?}", text),
            (Err(_), Err(_)) => {}
        }
    }
}

proptest! {
    // The main differential property: the most cases.
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    fn mutated_documents_are_accepted_or_refused_as_serde_json_does_and_read_the_same(
        text in document(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let mutated = mutations.iter().fold(text, |text, m| mutate(&text, m));
        agree(&mutated).map_err(TestCaseError::fail)?;
    }
}
