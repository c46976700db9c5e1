//! `www/timeline.schema.json` and `core::validate` must agree on every fixture.
//!
//! Valid fixtures pass both. Invalid fixtures fail the Rust validator with the problem they
//! announce in their (otherwise ignored) `$expect` member; those named `*.schema-too.json`
//! break a rule a schema can express, and must fail the schema as well. The others break a
//! rule only the validator checks (cross-references, ordering), as the schema's description says.
#![cfg(not(target_arch = "wasm32"))]

use shoppable_video::core::validate::timeline_from_value;
// Documents built in tests own their text.
type Value = shoppable_video::core::value::Value<'static>;
use std::path::{Path, PathBuf};

fn fixtures(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(kind);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

fn read(path: &Path) -> (serde_json::Value, Value) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let json: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let loose: Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (json, loose)
}

fn schema() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("www/timeline.schema.json");
    let text = std::fs::read_to_string(&path).expect("www/timeline.schema.json");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("the schema is JSON");
    assert!(
        jsonschema::meta::is_valid(&schema),
        "the schema is not a valid JSON Schema"
    );
    jsonschema::draft202012::new(&schema).expect("the schema compiles")
}

fn name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[test]
fn the_schema_is_a_valid_draft_2020_12_schema() {
    schema();
}

#[test]
fn valid_fixtures_pass_the_validator_and_the_schema() {
    let schema = schema();
    let files = fixtures("valid");
    assert!(files.len() >= 5, "too few valid fixtures");
    for path in files {
        let (json, loose) = read(&path);
        if let Err(problems) = timeline_from_value(&loose) {
            panic!("{}: the validator refuses it: {problems:?}", name(&path));
        }
        let errors: Vec<String> = schema.iter_errors(&json).map(|e| e.to_string()).collect();
        assert!(
            errors.is_empty(),
            "{}: the schema refuses it: {errors:?}",
            name(&path)
        );
    }
}

#[test]
fn invalid_fixtures_fail_the_validator_with_the_announced_problem() {
    let files = fixtures("invalid");
    assert!(files.len() >= 25, "too few invalid fixtures");
    for path in files {
        let (_, loose) = read(&path);
        let problems = match timeline_from_value(&loose) {
            Ok(_) => panic!("{}: the validator accepts it", name(&path)),
            Err(p) => p,
        };
        let (want_path, want_message) = match loose.get("$expect") {
            Some(expect) => (
                expect
                    .get("path")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
                expect
                    .get("message")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
            ),
            // Documents that are not objects are refused as a whole.
            None => (String::new(), String::new()),
        };
        assert!(
            problems
                .iter()
                .any(|p| p.path == want_path && p.message.contains(&want_message)),
            "{}: expected a problem at {want_path:?} saying {want_message:?}, got {problems:?}",
            name(&path)
        );
        assert_eq!(
            problems.len(),
            1,
            "{}: one problem per fixture: {problems:?}",
            name(&path)
        );
    }
}

#[test]
fn invalid_fixtures_the_schema_can_express_fail_the_schema_too() {
    let schema = schema();
    let mut checked = 0;
    for path in fixtures("invalid") {
        let (json, _) = read(&path);
        let schema_too = name(&path).ends_with(".schema-too.json");
        let schema_accepts = schema.is_valid(&json);
        if schema_too {
            assert!(!schema_accepts, "{}: the schema accepts it", name(&path));
            checked += 1;
        } else {
            // Only the validator can see these (cross-references, ordering): if the schema
            // catches one, the fixture belongs to the other group.
            assert!(
                schema_accepts,
                "{}: the schema refuses it; rename it *.schema-too.json",
                name(&path)
            );
        }
    }
    assert!(
        checked >= 25,
        "too few fixtures checked against the schema: {checked}"
    );
}

// ---- properties: the schema is never stricter than the validator, and is as strict as it can be ----

use proptest::prelude::*;
use serde_json::json;
use shoppable_video::core::validate::{carries_credentials, disallowed_scheme};

/// Problems only the validator can find: the schema's description lists them.
fn validator_only(message: &str) -> bool {
    [
        "duplicate id",
        "unknown product",
        "must be greater than start",
        "keyframe times must increase",
        "outside the hotspot's time",
    ]
    .iter()
    .any(|words| message.contains(words))
}

fn example() -> serde_json::Value {
    json!({
      "version": 1, "currency": "CNY",
      "products": [
        { "id": "vase-01", "title": "Cloisonne vase", "price": 1280, "currency": "CNY",
          "url": "https://shop.example/vase-01", "image": "img/vase.jpg", "sku": "V-01",
          "originalPrice": 1580, "available": true },
        { "id": "cup", "price": 0 }
      ],
      "hotspots": [
        { "id": "h1", "product": "vase-01", "start": 2.0, "end": 6.5, "x": 0.42, "y": 0.61 },
        { "id": "h2", "product": "cup", "start": 7.0, "end": 9.0, "easing": "step",
          "keyframes": [ { "t": 7.0, "x": 0.1, "y": 0.5 }, { "t": 9.0, "x": 0.8, "y": 0.4 } ],
          "label": "Follow the cup" }
      ]
    })
}

fn json_leaf() -> impl Strategy<Value = serde_json::Value> {
    prop_oneof![
        1 => Just(json!(null)),
        1 => any::<bool>().prop_map(|b| json!(b)),
        4 => prop::sample::select(vec![-1.0, -0.0, 0.0, 0.5, 1.0, 1.5, 2.0, 6.5, 7.0, 8.0, 9.0, 1e9, 1.795e9, 1.795e12]).prop_map(|n| json!(n)),
        3 => prop::sample::select(vec![
            "", "vase-01", "cup", "h1", "h2", "EUR", "eur", "javascript:x", " data:x", "https://a.example",
            "img/a.jpg", "linear", "ease-in-out", "bounce", "media", "program",
        ])
        .prop_map(|s| json!(s)),
        1 => link().prop_map(|s| json!(s)),
        1 => Just(json!("x".repeat(2001))),
    ]
}

/// Mostly leaves (they hit the rules on fields), sometimes whole subtrees.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let key = prop::sample::select(vec![
        "id",
        "product",
        "start",
        "end",
        "x",
        "y",
        "t",
        "keyframes",
        "easing",
        "price",
        "url",
        "clock",
        "other",
    ]);
    let tree = json_leaf().prop_recursive(3, 24, 4, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::Array),
            prop::collection::btree_map(key.clone().prop_map(str::to_owned), inner, 0..5)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    });
    prop_oneof![3 => json_leaf(), 1 => tree]
}

fn pointers(v: &serde_json::Value, here: String, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                pointers(item, format!("{here}/{i}"), out);
            }
        }
        serde_json::Value::Object(members) => {
            for (k, item) in members {
                pointers(item, format!("{here}/{k}"), out);
            }
        }
        _ => {}
    }
    out.push(here);
}

fn mutate(doc: &mut serde_json::Value, pointer: &str, with: Option<serde_json::Value>) {
    let Some((parent, last)) = pointer.rsplit_once('/') else {
        if let Some(w) = with {
            *doc = w;
        }
        return;
    };
    match (doc.pointer_mut(parent), with) {
        (Some(serde_json::Value::Object(m)), None) => {
            m.remove(last);
        }
        (Some(serde_json::Value::Array(items)), None) => {
            if let Ok(i) = last.parse::<usize>() {
                items.remove(i);
            }
        }
        (Some(parent), Some(w)) => {
            if let Some(slot) = parent.pointer_mut(&format!("/{last}")) {
                *slot = w;
            }
        }
        _ => {}
    }
}

/// Links built around what matters to the scheme and credentials rules: leading junk, a
/// scheme-like word with maybe a control character inside it, a separator, a rest with or
/// without an `@` before or after the host.
fn link() -> impl Strategy<Value = String> {
    let junk = prop::collection::vec(
        prop::sample::select(vec![" ", "\t", "\n", "\u{0}", "\u{1}", "\u{1f}"]),
        0..3,
    );
    let word = prop::sample::select(vec![
        "http",
        "https",
        "HTTP",
        "hTtPs",
        "httpss",
        "javascript",
        "JavaScript",
        "data",
        "ftp",
        "c",
        "a+b.c-d",
        "é",
        "1http",
        "",
        "img",
    ]);
    let inside = prop::option::of((
        any::<prop::sample::Index>(),
        prop::sample::select(vec!["\t", "\n", "\r", "\u{1}", " ", "/"]),
    ));
    let separator = prop::sample::select(vec![":", "://", "/", "", "?:", "\u{1}:", " :", ":\\\\", ":/\t/", "//", "\\/"]);
    let rest = prop::sample::select(vec![
        "", "x", "//a.example/", " ", "\t", "u@a.example/", "//u:p@a.example/", "//a.example/@2x", "@", "//@a",
        "a.example?@", "a.example#@", "u\t@a", "\\\\u@a", "/\t/u@a",
    ]);
    (junk, word, inside, separator, rest).prop_map(|(junk, word, inside, separator, rest)| {
        let mut word = word.to_string();
        if let Some((at, c)) = inside {
            let chars: Vec<char> = word.chars().collect();
            let at = at.index(chars.len() + 1);
            word = chars[..at].iter().collect::<String>()
                + c
                + &chars[at..].iter().collect::<String>();
        }
        junk.concat() + &word + separator + rest
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn the_schema_and_the_validator_agree_on_mutated_timelines(
        edits in prop::collection::vec((any::<prop::sample::Index>(), prop::option::of(json_value())), 1..4)
    ) {
        let schema = schema();
        let mut doc = example();
        for (which, with) in edits {
            let mut all = Vec::new();
            pointers(&doc, String::new(), &mut all);
            let pointer = all[which.index(all.len())].clone();
            mutate(&mut doc, &pointer, with);
        }
        let loose: Value = serde_json::from_value(doc.clone()).expect("JSON is a Value");
        let rust = timeline_from_value(&loose);
        let schema_errors: Vec<String> = schema.iter_errors(&doc).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        match rust {
            Ok(_) => prop_assert!(schema_errors.is_empty(), "the validator accepts {doc}, the schema refuses it: {schema_errors:?}"),
            Err(problems) => {
                let expressible: Vec<_> = problems.iter().filter(|p| !validator_only(&p.message)).collect();
                prop_assert_eq!(
                    expressible.is_empty(),
                    schema_errors.is_empty(),
                    "{} -> validator {:?}, schema {:?}",
                    doc,
                    problems,
                    schema_errors
                );
            }
        }
    }

    #[test]
    fn the_schema_link_pattern_reads_schemes_and_credentials_like_the_validator(
        link in link()
    ) {
        let schema = schema();
        let mut doc = example();
        doc["products"][0]["url"] = json!(link);
        prop_assert_eq!(
            schema.is_valid(&doc),
            disallowed_scheme(&link).is_none() && !carries_credentials(&link),
            "{:?}",
            link
        );
    }
}
