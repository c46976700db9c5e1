//! CONTRACT.md section 3, rule by rule: for each rule a document that keeps it and one that
//! breaks it, with the exact JSON path and the words of the message. Then the run-time entry
//! points (`addHotspots`, `upsertProducts`, WebVTT cues), the cap on problems, and properties:
//! validation never panics, whatever passes it keeps the model's promises, and a valid
//! timeline goes back to its plain-object shape and validates to itself.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::json;
use shoppable_video::core::timeline::{
    Clock,
    Easing, Hotspot, Keyframe, Motion, Point, Product, Timeline, MAX_HOTSPOTS, MAX_PROBLEMS,
    MAX_PRODUCTS, MAX_STRING_CHARS,
};
use shoppable_video::core::validate::{
    hotspot_from_cue, hotspot_from_cue_text, hotspots_from_text, hotspots_from_value, products_from_text,
    products_from_value, timeline_from_text, timeline_from_value, Cue, Problem,
};
// Documents built in tests own their text.
type Value = shoppable_video::core::value::Value<'static>;
use shoppable_video::core::{json, shape};

// ---- helpers ----

fn v(j: serde_json::Value) -> Value {
    serde_json::from_value(j).expect("a JSON value is a Value")
}

/// The contract's example document, parsed from text so members keep their order.
fn good() -> Value {
    serde_json::from_str(
        r#"{
      "version": 1,
      "currency": "CNY",
      "products": [
        { "id": "vase-01", "title": "Cloisonne vase", "price": 1280, "currency": "CNY",
          "url": "https://shop.example/vase-01", "image": "https://cdn.example/vase.jpg",
          "sku": "V-01", "brand": "Jingtailan", "variant": "blue", "description": "…",
          "originalPrice": 1580, "available": true }
      ],
      "hotspots": [
        { "id": "h1", "product": "vase-01", "start": 2.0, "end": 6.5, "x": 0.42, "y": 0.61 },
        { "id": "h2", "product": "vase-01", "start": 7.0, "end": 9.0, "easing": "linear",
          "keyframes": [ { "t": 7.0, "x": 0.1, "y": 0.5 }, { "t": 9.0, "x": 0.8, "y": 0.4 } ],
          "label": "Follow the vase" }
      ]
    }"#,
    )
    .expect("the example is JSON")
}

#[derive(Debug)]
enum Step {
    Key(String),
    Index(usize),
}

fn steps(path: &str) -> Vec<Step> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (key, rest) = part.split_once('[').map_or((part, ""), |(k, r)| (k, r));
        if !key.is_empty() {
            out.push(Step::Key(key.to_owned()));
        }
        for index in rest.split('[').filter(|s| !s.is_empty()) {
            out.push(Step::Index(
                index.trim_end_matches(']').parse().expect("an index"),
            ));
        }
    }
    out
}

/// The node at `path` (e.g. `hotspots[1].keyframes[0].t`), created if it is a missing key.
fn node<'a>(doc: &'a mut Value, path: &str) -> &'a mut Value {
    let mut here = doc;
    for step in steps(path) {
        here = match (here, step) {
            (Value::Object(members), Step::Key(k)) => {
                let at = match members.iter().rposition(|(key, _)| *key == k) {
                    Some(at) => at,
                    None => {
                        members.push((k.into(), Value::Null));
                        members.len() - 1
                    }
                };
                &mut members[at].1
            }
            (Value::Array(items), Step::Index(i)) => &mut items[i],
            (other, step) => panic!("cannot follow {step:?} into {other:?}"),
        };
    }
    here
}

fn set(mut doc: Value, path: &str, value: Value) -> Value {
    *node(&mut doc, path) = value;
    doc
}

fn remove(mut doc: Value, path: &str) -> Value {
    let (parent, key) = path.rsplit_once('.').map_or(("", path), |(p, k)| (p, k));
    let parent = if parent.is_empty() {
        &mut doc
    } else {
        node(&mut doc, parent)
    };
    if let Value::Object(members) = parent {
        members.retain(|(k, _)| k != key);
    }
    doc
}

fn n(x: f64) -> Value {
    Value::Number(x)
}

fn s(text: &str) -> Value {
    Value::String(text.to_owned().into())
}

fn check(doc: &shoppable_video::core::value::Value) -> Result<Timeline, Vec<Problem>> {
    timeline_from_value(doc)
}

#[track_caller]
fn assert_valid(doc: &shoppable_video::core::value::Value) -> Timeline {
    match check(doc) {
        Ok(t) => t,
        Err(problems) => panic!("expected a valid timeline, got {problems:#?}"),
    }
}

/// The document has exactly one problem, at `path`, whose message contains `words`.
#[track_caller]
fn assert_problem(doc: &Value, path: &str, words: &str) {
    match check(doc) {
        Ok(_) => panic!("expected a problem at {path:?}, the timeline is valid"),
        Err(problems) => {
            assert_eq!(problems.len(), 1, "expected one problem, got {problems:#?}");
            assert_eq!(problems[0].path, path, "{problems:#?}");
            assert!(
                problems[0].message.contains(words),
                "message {:?} does not say {words:?}",
                problems[0].message
            );
        }
    }
}

// ---- the document ----

#[test]
fn the_contract_example_is_a_valid_timeline() {
    let t = assert_valid(&good());
    assert_eq!(t.currency.as_deref(), Some("CNY"));
    assert_eq!(t.products.len(), 1);
    assert_eq!(t.products[0].display_name(), "Cloisonne vase");
    assert_eq!(t.products[0].original_price, Some(1580.0));
    assert!(t.products[0].available);
    assert_eq!(t.hotspots.len(), 2);
    assert_eq!(
        t.hotspots[0].motion,
        Motion::Fixed(Point { x: 0.42, y: 0.61 })
    );
    assert_eq!(
        t.hotspots[1].motion,
        Motion::Keyframes {
            easing: Easing::Linear,
            keyframes: vec![
                Keyframe {
                    t: 7.0,
                    x: 0.1,
                    y: 0.5
                },
                Keyframe {
                    t: 9.0,
                    x: 0.8,
                    y: 0.4
                }
            ],
        }
    );
}

#[test]
fn the_timeline_must_be_an_object() {
    for (doc, kind) in [
        (json!([]), "an array"),
        (json!("x"), "a string"),
        (json!(null), "null"),
        (json!(1), "a number"),
    ] {
        assert_problem(
            &v(doc),
            "",
            &format!("the timeline must be an object, got {kind}"),
        );
    }
}

#[test]
fn version_must_be_the_number_1() {
    assert_valid(&set(good(), "version", n(1.0)));
    assert_problem(
        &set(good(), "version", n(2.0)),
        "version",
        "unsupported version 2; this player reads version 1",
    );
    assert_problem(
        &set(good(), "version", n(0.5)),
        "version",
        "unsupported version 0.5",
    );
    assert_problem(
        &set(good(), "version", s("1")),
        "version",
        "version must be the number 1, got a string",
    );
    assert_problem(
        &remove(good(), "version"),
        "version",
        "version is missing; it must be 1",
    );
    assert_problem(
        &set(good(), "version", Value::Null),
        "version",
        "version is missing",
    );
    assert_problem(
        &set(good(), "version", n(f64::NAN)),
        "version",
        "unsupported version NaN",
    );
}

#[test]
fn a_timeline_with_only_a_version_is_valid_and_empty() {
    let t = assert_valid(&v(json!({ "version": 1 })));
    assert_eq!(t, Timeline::default());
}

#[test]
fn missing_or_null_products_and_hotspots_mean_none() {
    let t = assert_valid(&v(
        json!({ "version": 1, "products": null, "hotspots": null }),
    ));
    assert!(t.products.is_empty() && t.hotspots.is_empty());
    let t = assert_valid(&remove(good(), "hotspots"));
    assert_eq!(t.products.len(), 1);
}

#[test]
fn products_and_hotspots_must_be_arrays() {
    assert_problem(
        &set(good(), "products", v(json!({}))),
        "products",
        "products must be an array, got an object",
    );
    assert_problem(
        &set(good(), "hotspots", s("h1")),
        "hotspots",
        "hotspots must be an array, got a string",
    );
}

#[test]
fn products_and_hotspots_must_be_objects() {
    assert_problem(
        &set(good(), "products[0]", s("vase-01")),
        "products[0]",
        "a product must be an object, got a string",
    );
    assert_problem(
        &set(good(), "hotspots[1]", n(3.0)),
        "hotspots[1]",
        "a hotspot must be an object, got a number",
    );
}

#[test]
fn a_product_list_that_cannot_be_read_does_not_make_every_hotspot_unknown() {
    let doc = set(good(), "products", s("oops"));
    let problems = check(&doc).expect_err("invalid");
    assert_eq!(problems.len(), 1, "{problems:#?}");
}

// ---- ids ----

#[test]
fn every_product_and_hotspot_needs_an_id() {
    assert_problem(
        &remove(good(), "products[0].id"),
        "products[0].id",
        "id is missing",
    );
    assert_problem(
        &remove(good(), "hotspots[1].id"),
        "hotspots[1].id",
        "id is missing",
    );
    assert_problem(
        &set(good(), "hotspots[0].id", Value::Null),
        "hotspots[0].id",
        "id is missing",
    );
}

#[test]
fn an_id_must_not_be_empty() {
    assert_problem(
        &set(good(), "hotspots[0].id", s("")),
        "hotspots[0].id",
        "id must not be empty",
    );
    let doc = set(
        set(good(), "products[0].id", s("")),
        "hotspots",
        v(json!([])),
    );
    assert_problem(&doc, "products[0].id", "id must not be empty");
    assert_valid(&set(good(), "hotspots[0].id", s(" ")));
}

#[test]
fn an_id_must_be_a_string() {
    assert_problem(
        &set(good(), "hotspots[0].id", n(1.0)),
        "hotspots[0].id",
        "expected a string, got a number",
    );
    let doc = set(
        set(good(), "products[0].id", v(json!(["a"]))),
        "hotspots",
        v(json!([])),
    );
    assert_problem(&doc, "products[0].id", "expected a string, got an array");
}

#[test]
fn a_duplicate_hotspot_id_is_reported_at_its_later_use() {
    let doc = set(good(), "hotspots[1].id", s("h1"));
    assert_problem(
        &doc,
        "hotspots[1].id",
        r#"duplicate id "h1" (first used at hotspots[0])"#,
    );
}

#[test]
fn a_duplicate_product_id_is_reported_at_its_later_use() {
    let doc = v(
        json!({ "version": 1, "products": [{ "id": "a" }, { "id": "b" }, { "id": "a" }, { "id": "a" }] }),
    );
    let problems = check(&doc).expect_err("invalid");
    assert_eq!(
        problems,
        vec![
            Problem {
                path: "products[2].id".into(),
                message: r#"duplicate id "a" (first used at products[0])"#.into()
            },
            Problem {
                path: "products[3].id".into(),
                message: r#"duplicate id "a" (first used at products[0])"#.into()
            },
        ]
    );
}

#[test]
fn products_and_hotspots_may_share_an_id() {
    assert_valid(&set(good(), "hotspots[0].id", s("vase-01")));
}

// ---- product references ----

#[test]
fn a_hotspot_product_must_be_a_known_product() {
    assert_problem(
        &set(good(), "hotspots[0].product", s("vase-02")),
        "hotspots[0].product",
        r#"unknown product "vase-02""#,
    );
    assert_problem(
        &remove(good(), "hotspots[1].product"),
        "hotspots[1].product",
        "product is missing",
    );
    assert_problem(
        &set(good(), "hotspots[1].product", s("")),
        "hotspots[1].product",
        "product must not be empty",
    );
    assert_problem(
        &set(good(), "hotspots[1].product", n(1.0)),
        "hotspots[1].product",
        "expected a string, got a number",
    );
}

#[test]
fn a_product_with_a_problem_still_counts_as_known_for_hotspots() {
    assert_problem(
        &set(good(), "products[0].price", n(-1.0)),
        "products[0].price",
        "must not be negative",
    );
}

// ---- times ----

#[test]
fn times_must_be_numbers() {
    assert_problem(
        &set(good(), "hotspots[0].start", s("2s")),
        "hotspots[0].start",
        "expected a number, got a string",
    );
    assert_problem(
        &set(good(), "hotspots[0].end", Value::Bool(true)),
        "hotspots[0].end",
        "expected a number, got a boolean",
    );
    assert_problem(
        &set(good(), "hotspots[1].keyframes[0].t", s("7")),
        "hotspots[1].keyframes[0].t",
        "expected a number, got a string",
    );
}

#[test]
fn times_must_be_given() {
    assert_problem(
        &remove(good(), "hotspots[0].start"),
        "hotspots[0].start",
        "start is missing",
    );
    assert_problem(
        &remove(good(), "hotspots[0].end"),
        "hotspots[0].end",
        "end is missing",
    );
    assert_problem(
        &remove(good(), "hotspots[1].keyframes[1].t"),
        "hotspots[1].keyframes[1].t",
        "t is missing",
    );
}

#[test]
fn times_must_be_finite() {
    assert_problem(
        &set(good(), "hotspots[0].start", n(f64::NAN)),
        "hotspots[0].start",
        "start must be a finite number, got NaN",
    );
    assert_problem(
        &set(good(), "hotspots[0].end", n(f64::INFINITY)),
        "hotspots[0].end",
        "end must be a finite number, got Infinity",
    );
    assert_problem(
        &set(good(), "hotspots[1].keyframes[0].t", n(f64::NEG_INFINITY)),
        "hotspots[1].keyframes[0].t",
        "t must be a finite number, got -Infinity",
    );
}

#[test]
fn times_must_not_be_negative() {
    assert_problem(
        &set(good(), "hotspots[0].start", n(-1.0)),
        "hotspots[0].start",
        "start must not be negative, got -1",
    );
    assert_problem(
        &set(good(), "hotspots[1].keyframes[0].t", n(-0.5)),
        "hotspots[1].keyframes[0].t",
        "t must not be negative, got -0.5",
    );
    assert_valid(&set(good(), "hotspots[0].start", n(0.0)));
    assert_valid(&set(good(), "hotspots[0].start", n(-0.0)));
}

#[test]
fn end_must_be_after_start() {
    assert_problem(
        &set(good(), "hotspots[0].end", n(1.0)),
        "hotspots[0].end",
        "end (1) must be greater than start (2)",
    );
    assert_problem(
        &set(good(), "hotspots[0].end", n(2.0)),
        "hotspots[0].end",
        "end (2) must be greater than start (2)",
    );
    assert_valid(&set(good(), "hotspots[0].end", n(2.000_001)));
}

// ---- positions ----

#[test]
fn coordinates_must_be_within_0_and_1() {
    assert_problem(
        &set(good(), "hotspots[0].x", n(1.5)),
        "hotspots[0].x",
        "x must be between 0 and 1 (a fraction of the video frame), got 1.5",
    );
    assert_problem(
        &set(good(), "hotspots[0].y", n(-0.01)),
        "hotspots[0].y",
        "y must be between 0 and 1",
    );
    assert_problem(
        &set(good(), "hotspots[1].keyframes[1].x", n(42.0)),
        "hotspots[1].keyframes[1].x",
        "x must be between 0 and 1, got 42"
            .replace(", got", " (a fraction of the video frame), got")
            .as_str(),
    );
    assert_problem(
        &set(good(), "hotspots[1].keyframes[0].y", n(1.01)),
        "hotspots[1].keyframes[0].y",
        "y must be between 0 and 1",
    );
    let corners = set(
        set(good(), "hotspots[0].x", n(0.0)),
        "hotspots[0].y",
        n(1.0),
    );
    assert_valid(&corners);
}

#[test]
fn coordinates_must_be_finite_numbers() {
    assert_problem(
        &set(good(), "hotspots[0].x", n(f64::NAN)),
        "hotspots[0].x",
        "x must be a finite number, got NaN",
    );
    assert_problem(
        &set(good(), "hotspots[0].y", n(f64::INFINITY)),
        "hotspots[0].y",
        "y must be a finite number, got Infinity",
    );
    assert_problem(
        &set(good(), "hotspots[0].x", s("42%")),
        "hotspots[0].x",
        "expected a number, got a string",
    );
    assert_problem(
        &set(good(), "hotspots[1].keyframes[0].x", Value::Null),
        "hotspots[1].keyframes[0].x",
        "x is missing",
    );
}

#[test]
fn x_without_y_is_reported_at_y() {
    assert_problem(
        &remove(good(), "hotspots[0].y"),
        "hotspots[0].y",
        "y is missing (x is given; a point needs both)",
    );
    assert_problem(
        &remove(good(), "hotspots[0].x"),
        "hotspots[0].x",
        "x is missing (y is given; a point needs both)",
    );
    assert_problem(
        &set(good(), "hotspots[0].y", Value::Null),
        "hotspots[0].y",
        "y is missing",
    );
}

#[test]
fn a_hotspot_has_either_a_point_or_keyframes_not_both() {
    let both = set(
        set(good(), "hotspots[1].x", n(0.5)),
        "hotspots[1].y",
        n(0.5),
    );
    assert_problem(
        &both,
        "hotspots[1]",
        "a hotspot has either x and y or keyframes, not both",
    );
    let half_both = set(good(), "hotspots[1].x", n(0.5));
    assert_problem(&half_both, "hotspots[1]", "not both");
}

#[test]
fn a_hotspot_needs_a_point_or_keyframes() {
    let neither = remove(remove(good(), "hotspots[0].x"), "hotspots[0].y");
    assert_problem(
        &neither,
        "hotspots[0]",
        "a hotspot needs either x and y (a fixed point) or keyframes",
    );
    let nulls = set(
        remove(good(), "hotspots[1].keyframes"),
        "hotspots[1].keyframes",
        Value::Null,
    );
    assert_problem(&nulls, "hotspots[1]", "needs either x and y");
}

#[test]
fn null_point_fields_beside_keyframes_count_as_absent() {
    let doc = set(
        set(good(), "hotspots[1].x", Value::Null),
        "hotspots[1].y",
        Value::Null,
    );
    assert_valid(&doc);
}

// ---- keyframes ----

#[test]
fn keyframes_must_be_a_non_empty_array() {
    assert_problem(
        &set(good(), "hotspots[1].keyframes", v(json!([]))),
        "hotspots[1].keyframes",
        "keyframes must not be empty",
    );
    assert_problem(
        &set(good(), "hotspots[1].keyframes", v(json!({}))),
        "hotspots[1].keyframes",
        "keyframes must be an array, got an object",
    );
    assert_problem(
        &set(good(), "hotspots[1].keyframes[0]", n(7.0)),
        "hotspots[1].keyframes[0]",
        "a keyframe must be an object, got a number",
    );
    let one = set(
        good(),
        "hotspots[1].keyframes",
        v(json!([{ "t": 8, "x": 0.5, "y": 0.5 }])),
    );
    assert_valid(&one);
}

#[test]
fn keyframe_times_must_strictly_increase() {
    let doc = set(
        good(),
        "hotspots[1].keyframes",
        v(
            json!([{ "t": 7, "x": 0, "y": 0 }, { "t": 8.5, "x": 0, "y": 0 }, { "t": 8, "x": 0, "y": 0 }]),
        ),
    );
    assert_problem(
        &doc,
        "hotspots[1].keyframes[2].t",
        "keyframe times must increase: t (8) is not after the previous keyframe's t (8.5)",
    );
    let same = set(good(), "hotspots[1].keyframes[1].t", n(7.0));
    assert_problem(
        &same,
        "hotspots[1].keyframes[1].t",
        "t (7) is not after the previous keyframe's t (7)",
    );
}

#[test]
fn keyframe_times_must_lie_within_start_and_end() {
    assert_problem(
        &set(good(), "hotspots[1].keyframes[1].t", n(9.5)),
        "hotspots[1].keyframes[1].t",
        "t (9.5) is outside the hotspot's time, from start (7) to end (9)",
    );
    assert_problem(
        &set(good(), "hotspots[1].keyframes[0].t", n(6.0)),
        "hotspots[1].keyframes[0].t",
        "is outside the hotspot's time",
    );
    // Exactly at start and exactly at end are inside.
    assert_valid(&good());
}

#[test]
fn keyframe_ranges_are_not_checked_against_a_broken_span() {
    // The span is already reported; "outside" on every keyframe would be noise.
    assert_problem(
        &set(good(), "hotspots[1].end", n(1.0)),
        "hotspots[1].end",
        "end (1) must be greater than start (7)",
    );
}

#[test]
fn easing_must_be_linear_step_or_ease_in_out() {
    for name in ["linear", "step", "ease-in-out"] {
        let t = assert_valid(&set(good(), "hotspots[1].easing", s(name)));
        assert!(
            matches!(t.hotspots[1].motion, Motion::Keyframes { easing, .. } if easing.name() == name)
        );
    }
    let t = assert_valid(&remove(good(), "hotspots[1].easing"));
    assert!(matches!(
        t.hotspots[1].motion,
        Motion::Keyframes {
            easing: Easing::Linear,
            ..
        }
    ));
    assert_problem(
        &set(good(), "hotspots[1].easing", s("bounce")),
        "hotspots[1].easing",
        r#"unknown easing "bounce"; use "linear", "step" or "ease-in-out""#,
    );
    assert_problem(
        &set(good(), "hotspots[1].easing", s("Linear")),
        "hotspots[1].easing",
        r#"unknown easing "Linear""#,
    );
    assert_problem(
        &set(good(), "hotspots[1].easing", n(1.0)),
        "hotspots[1].easing",
        "expected a string, got a number",
    );
    assert_problem(
        &set(good(), "hotspots[0].easing", s("bouncy")),
        "hotspots[0].easing",
        "unknown easing",
    );
}

// ---- products ----

#[test]
fn prices_must_be_non_negative_finite_numbers() {
    for field in ["price", "originalPrice"] {
        let path = format!("products[0].{field}");
        assert_valid(&set(good(), &path, n(0.0)));
        assert_valid(&set(good(), &path, n(12.5)));
        assert_valid(&set(good(), &path, Value::Null));
        assert_problem(
            &set(good(), &path, n(-5.0)),
            &path,
            &format!("{field} must not be negative, got -5"),
        );
        assert_problem(
            &set(good(), &path, n(f64::NAN)),
            &path,
            &format!("{field} must be a finite number, got NaN"),
        );
        assert_problem(&set(good(), &path, n(f64::INFINITY)), &path, "got Infinity");
        assert_problem(
            &set(good(), &path, s("12.50")),
            &path,
            "expected a number, got a string",
        );
    }
}

#[test]
fn currencies_must_be_three_letters_a_to_z() {
    for path in ["currency", "products[0].currency"] {
        assert_valid(&set(good(), path, s("EUR")));
        assert_valid(&set(good(), path, Value::Null));
        for bad in ["cny", "EU", "EURO", "ÉUR", "E1R", " EUR", "€"] {
            assert_problem(
                &set(good(), path, s(bad)),
                path,
                &format!("currency must be three capital letters A-Z (ISO 4217, like \"EUR\"), got {bad:?}"),
            );
        }
        assert_problem(
            &set(good(), path, n(978.0)),
            path,
            "expected a string, got a number",
        );
    }
}

#[test]
fn links_must_be_http_https_or_relative() {
    for field in ["url", "image"] {
        let path = format!("products[0].{field}");
        for ok in [
            "https://shop.example/a",
            "HTTP://shop.example/a",
            "img/a.jpg",
            "/a",
            "//cdn.example/a.jpg",
            "?q=1:2",
            "#top",
            "",
            "  https://padded.example/  ",
            "ht\ttps://tabbed.example/",
        ] {
            assert_valid(&set(good(), &path, s(ok)));
        }
        for (bad, scheme) in [
            ("javascript:alert(1)", "javascript"),
            ("JavaScript:alert(1)", "javascript"),
            (" javascript:alert(1)", "javascript"),
            ("\u{0}\u{1f}javascript:alert(1)", "javascript"),
            ("java\tscript:alert(1)", "javascript"),
            ("java\r\nscript:alert(1)", "javascript"),
            ("data:image/png;base64,AAAA", "data"),
            ("vbscript:x", "vbscript"),
            ("ftp://files.example/a", "ftp"),
            ("mailto:a@b.example", "mailto"),
            ("blob:https://a.example/1", "blob"),
            ("C:/images/a.jpg", "c"),
        ] {
            assert_problem(
                &set(good(), &path, s(bad)),
                &path,
                &format!("scheme {scheme:?} is not allowed; use http or https"),
            );
        }
        assert_problem(
            &set(good(), &path, n(404.0)),
            &path,
            "expected a string, got a number",
        );
    }
}

#[test]
fn links_must_not_carry_a_user_name_or_password() {
    for field in ["url", "image"] {
        let path = format!("products[0].{field}");
        for ok in [
            "https://shop.example/a@2x.png",
            "https://shop.example/?from=a@b.example",
            "https://shop.example/#a@b",
            "img/a@2x.png",
            "/a@b",
            "a@b.example",
            "?q=@",
        ] {
            assert_valid(&set(good(), &path, s(ok)));
        }
        for bad in [
            "https://shop.example@evil.example/",
            "https://u:p@x.example/",
            "HTTPS://u@x.example/",
            "https://@x.example/",
            "http://u@",
            "//u@cdn.example/a.jpg",
            "\\\\u@cdn.example/a.jpg",
            "https:\\\\u@x.example/",
            "https:u@x.example/",
            " https://u@x.example/ ",
            "https://sh\top.example@evil.example/",
            "/\t/u@cdn.example/",
        ] {
            assert_problem(
                &set(good(), &path, s(bad)),
                &path,
                &format!("{field} must not carry a user name or password (the part before '@' in the host), got "),
            );
        }
    }
}

#[test]
fn available_must_be_a_boolean() {
    let t = assert_valid(&set(good(), "products[0].available", Value::Bool(false)));
    assert!(!t.products[0].available);
    let t = assert_valid(&remove(good(), "products[0].available"));
    assert!(t.products[0].available);
    let t = assert_valid(&set(good(), "products[0].available", Value::Null));
    assert!(t.products[0].available);
    assert_problem(
        &set(good(), "products[0].available", s("no")),
        "products[0].available",
        "expected a boolean, got a string",
    );
    assert_problem(
        &set(good(), "products[0].available", n(0.0)),
        "products[0].available",
        "expected a boolean, got a number",
    );
}

#[test]
fn text_fields_must_be_strings_when_present() {
    for path in [
        "products[0].title",
        "products[0].sku",
        "products[0].brand",
        "products[0].variant",
        "products[0].description",
        "hotspots[1].label",
    ] {
        assert_valid(&set(good(), path, Value::Null));
        assert_valid(&set(good(), path, s("")));
        assert_problem(
            &set(good(), path, n(3.0)),
            path,
            "expected a string, got a number",
        );
        assert_problem(
            &set(good(), path, v(json!({ "en": "Vase" }))),
            path,
            "expected a string, got an object",
        );
    }
}

#[test]
fn strings_are_limited_to_2000_characters_wherever_they_are() {
    let at_limit = "字".repeat(MAX_STRING_CHARS); // 6,000 bytes, 2,000 characters
    let over = "é".repeat(MAX_STRING_CHARS + 1);
    let fields = [
        "products[0].title",
        "products[0].sku",
        "products[0].brand",
        "products[0].variant",
        "products[0].description",
        "products[0].url",
        "products[0].image",
        "hotspots[0].id",
        "hotspots[1].label",
    ];
    for path in fields {
        assert_valid(&set(good(), path, s(&at_limit)));
        assert_problem(
            &set(good(), path, s(&over)),
            path,
            "too long: 2001 characters; the limit is 2000",
        );
    }
    // Ids on both sides of a reference.
    let long_id = "p".repeat(MAX_STRING_CHARS);
    let doc = set(
        set(good(), "products[0].id", s(&long_id)),
        "hotspots",
        v(json!([])),
    );
    assert_valid(&doc);
    let doc = set(
        set(good(), "products[0].id", s(&(long_id.clone() + "p"))),
        "hotspots",
        v(json!([])),
    );
    assert_problem(&doc, "products[0].id", "too long");
    assert_problem(
        &set(good(), "hotspots[0].product", s(&(long_id + "p"))),
        "hotspots[0].product",
        "too long",
    );
    assert_problem(&set(good(), "currency", s(&over)), "currency", "too long");
    assert_problem(
        &set(good(), "hotspots[1].easing", s(&over)),
        "hotspots[1].easing",
        "unknown easing",
    );
}

#[test]
fn long_values_are_shortened_in_messages() {
    let name = "x".repeat(500);
    let problems = check(&set(good(), "hotspots[0].product", s(&name))).expect_err("invalid");
    assert!(problems[0].message.len() < 120, "{}", problems[0].message);
    assert!(problems[0].message.contains('…'));
}

// ---- limits ----

#[test]
fn at_most_100000_hotspots() {
    let too_many = Value::Array(vec![Value::Null; MAX_HOTSPOTS + 1]);
    assert_problem(
        &set(good(), "hotspots", too_many),
        "hotspots",
        "too many hotspots: 100001; the limit is 100000",
    );
}

#[test]
fn at_most_10000_products() {
    let too_many = Value::Array(vec![Value::Null; MAX_PRODUCTS + 1]);
    assert_problem(
        &set(good(), "products", too_many),
        "products",
        "too many products: 10001; the limit is 10000",
    );
}

#[test]
fn exactly_the_maximum_numbers_of_products_and_hotspots_are_valid() {
    let products: Vec<Value> = (0..MAX_PRODUCTS)
        .map(|i| Value::Object(vec![("id".into(), s(&format!("p{i}")))]))
        .collect();
    let hotspots: Vec<Value> = (0..MAX_HOTSPOTS)
        .map(|i| {
            Value::Object(vec![
                ("id".into(), s(&format!("h{i}"))),
                ("product".into(), s(&format!("p{}", i % MAX_PRODUCTS))),
                ("start".into(), n(i as f64)),
                ("end".into(), n(i as f64 + 1.0)),
                ("x".into(), n(0.5)),
                ("y".into(), n(0.5)),
            ])
        })
        .collect();
    let doc = Value::Object(vec![
        ("version".into(), n(1.0)),
        ("products".into(), Value::Array(products)),
        ("hotspots".into(), Value::Array(hotspots)),
    ]);
    let t = assert_valid(&doc);
    assert_eq!(
        (t.products.len(), t.hotspots.len()),
        (MAX_PRODUCTS, MAX_HOTSPOTS)
    );
}

// ---- many problems ----

#[test]
fn every_problem_is_reported_at_once_in_document_order() {
    let doc = v(json!({
        "version": 2,
        "currency": "yen",
        "products": [{ "id": "p", "price": -1, "url": "javascript:x" }, { "id": "p" }],
        "hotspots": [
            { "id": "h", "product": "q", "start": 5, "end": 2, "x": 2 },
            { "id": "h", "product": "p", "start": 0, "end": 1, "easing": "wobble",
              "keyframes": [{ "t": 0.5, "x": 0, "y": 0 }, { "t": 0.4, "x": 0, "y": 0 }, { "t": 3, "x": 0, "y": 0 }] }
        ]
    }));
    let problems = check(&doc).expect_err("invalid");
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "version",
            "currency",
            "products[0].price",
            "products[0].url",
            "products[1].id",
            "hotspots[0].product",
            "hotspots[0].end",
            "hotspots[0].x",
            "hotspots[0].y",
            "hotspots[1].id",
            "hotspots[1].easing",
            "hotspots[1].keyframes[1].t",
            "hotspots[1].keyframes[2].t",
        ],
        "{problems:#?}"
    );
}

fn bad_hotspots(count: usize) -> Value {
    let hotspots: Vec<Value> = (0..count)
        .map(|i| v(json!({ "id": format!("h{i}"), "product": "vase-01", "start": 5, "end": 1, "x": 0, "y": 0 })))
        .collect();
    set(good(), "hotspots", Value::Array(hotspots))
}

#[test]
fn problems_are_capped_and_the_list_says_it_was_cut() {
    let problems = check(&bad_hotspots(MAX_PROBLEMS + 50)).expect_err("invalid");
    assert_eq!(problems.len(), MAX_PROBLEMS + 1);
    assert_eq!(
        problems[MAX_PROBLEMS - 1].path,
        format!("hotspots[{}].end", MAX_PROBLEMS - 1)
    );
    let last = &problems[MAX_PROBLEMS];
    assert_eq!(last.path, "");
    assert!(
        last.message
            .contains(&format!("only the first {MAX_PROBLEMS} are listed")),
        "{}",
        last.message
    );
}

#[test]
fn exactly_the_cap_of_problems_is_not_cut() {
    let problems = check(&bad_hotspots(MAX_PROBLEMS)).expect_err("invalid");
    assert_eq!(problems.len(), MAX_PROBLEMS);
    assert!(problems.iter().all(|p| p.path.ends_with(".end")));
}

#[test]
fn a_huge_invalid_timeline_is_refused_quickly() {
    let start = std::time::Instant::now();
    let problems = check(&bad_hotspots(MAX_HOTSPOTS)).expect_err("invalid");
    assert_eq!(problems.len(), MAX_PROBLEMS + 1);
    assert!(start.elapsed().as_secs() < 5);
}

// ---- unknown fields, nulls, JSON quirks ----

#[test]
fn unknown_fields_are_ignored() {
    let doc = set(
        good(),
        "generator",
        v(json!({ "name": "studio", "url": "javascript:x" })),
    );
    let doc = set(doc, "hotspots[0].color", s(&"x".repeat(5000)));
    let doc = set(doc, "products[0].stock", n(-3.0));
    assert_eq!(assert_valid(&doc), assert_valid(&good()));
}

#[test]
fn a_repeated_key_counts_once_with_its_last_value_like_json_parse() {
    let doc: Value = serde_json::from_str(r#"{"version": 2, "version": 1}"#).expect("JSON");
    assert_valid(&doc);
    let doc: Value = serde_json::from_str(r#"{"version": 1, "version": 2}"#).expect("JSON");
    assert_problem(&doc, "version", "unsupported version 2");
}

#[test]
fn integers_and_floats_are_the_same_numbers() {
    let doc: Value = serde_json::from_str(
        r#"{"version": 1.0, "products": [{"id": "p", "price": 18446744073709551615}]}"#,
    )
    .expect("JSON");
    let t = assert_valid(&doc);
    assert_eq!(t.products[0].price, Some(18_446_744_073_709_551_615.0));
}

// ---- run-time entry points ----

#[test]
fn added_hotspots_are_validated_like_the_timeline_with_paths_from_the_list() {
    let list = v(json!([
        { "id": "a", "product": "p", "start": 0, "end": 1, "x": 0.5, "y": 0.5 },
        { "id": "b", "product": "p", "start": 0, "end": 1, "x": 0.5, "y": 0.5 },
        { "id": "c", "product": "p", "start": 3, "end": 2, "x": 0.5, "y": 0.5 }
    ]));
    let exists = |id: &str| id == "p";
    let problems = hotspots_from_value(&list, "", &exists, &|_| false).expect_err("invalid");
    assert_eq!(
        problems,
        vec![Problem {
            path: "[2].end".into(),
            message: "end (2) must be greater than start (3)".into()
        }]
    );

    let ok = set(list, "[2].start", n(0.0));
    let added = hotspots_from_value(&ok, "", &exists, &|_| false).expect("valid");
    assert_eq!(
        added.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(),
        ["a", "b", "c"]
    );
}

#[test]
fn added_hotspots_must_be_an_array() {
    let problems = hotspots_from_value(&v(json!({ "id": "a" })), "", &|_| true, &|_| false)
        .expect_err("invalid");
    assert_eq!(
        problems,
        vec![Problem {
            path: "".into(),
            message: "hotspots must be an array, got an object".into()
        }]
    );
    assert_eq!(
        hotspots_from_value(&v(json!([])), "", &|_| true, &|_| false),
        Ok(vec![])
    );
}

#[test]
fn added_hotspots_must_not_reuse_an_id() {
    let list = v(json!([
        { "id": "h1", "product": "p", "start": 0, "end": 1, "x": 0, "y": 0 },
        { "id": "new", "product": "p", "start": 0, "end": 1, "x": 0, "y": 0 },
        { "id": "new", "product": "p", "start": 0, "end": 1, "x": 0, "y": 0 }
    ]));
    let taken = |id: &str| id == "h1";
    let problems = hotspots_from_value(&list, "", &|_| true, &taken).expect_err("invalid");
    assert_eq!(
        problems,
        vec![
            Problem {
                path: "[0].id".into(),
                message: r#"duplicate id "h1" (already used by another hotspot)"#.into()
            },
            Problem {
                path: "[2].id".into(),
                message: r#"duplicate id "new" (first used at [1])"#.into()
            },
        ]
    );
}

#[test]
fn added_hotspots_must_name_a_known_product() {
    let list = v(json!([{ "id": "a", "product": "ghost", "start": 0, "end": 1, "x": 0, "y": 0 }]));
    let problems =
        hotspots_from_value(&list, "hotspots", &|id| id == "p", &|_| false).expect_err("invalid");
    assert_eq!(
        problems,
        vec![Problem {
            path: "hotspots[0].product".into(),
            message: r#"unknown product "ghost""#.into()
        }]
    );
}

#[test]
fn upserted_products_are_validated_with_paths_from_the_list() {
    let list =
        v(json!([{ "id": "a", "price": 3 }, { "id": "b", "currency": "usd" }, { "id": "a" }]));
    let problems = products_from_value(&list, "").expect_err("invalid");
    assert_eq!(
        problems,
        vec![
            Problem {
                path: "[1].currency".into(),
                message: r#"currency must be three capital letters A-Z (ISO 4217, like "EUR"), got "usd""#.into()
            },
            Problem { path: "[2].id".into(), message: r#"duplicate id "a" (first used at [0])"#.into() },
        ]
    );
    let ok = products_from_value(&v(json!([{ "id": "a", "price": 3 }])), "").expect("valid");
    assert_eq!(ok[0].price, Some(3.0));
    let not_a_list = products_from_value(&v(json!({ "id": "a" })), "").expect_err("invalid");
    assert_eq!(
        not_a_list[0].message,
        "products must be an array, got an object"
    );
}

#[test]
fn a_cue_hotspot_takes_start_and_end_from_the_cue() {
    let text = v(json!({ "product": "p", "x": 0.5, "y": 0.5, "start": 99, "end": 100 }));
    let cue = Cue {
        default_id: "vtt-3",
        start: 1.5,
        end: 4.0,
    };
    let h = hotspot_from_cue(&text, cue, "cues[2]", &|id| id == "p", &|_| false).expect("valid");
    assert_eq!(
        h,
        Hotspot {
            id: "vtt-3".into(),
            product: "p".into(),
            start: 1.5,
            end: 4.0,
            clock: Clock::Media,
            motion: Motion::Fixed(Point { x: 0.5, y: 0.5 }),
            label: None
        }
    );
}

#[test]
fn a_cue_hotspot_id_defaults_to_the_cue_and_the_json_may_give_its_own() {
    let cue = Cue {
        default_id: "intro",
        start: 0.0,
        end: 1.0,
    };
    let own =
        v(json!({ "id": "mine", "product": "p", "keyframes": [{ "t": 0.5, "x": 0, "y": 0 }] }));
    let h = hotspot_from_cue(&own, cue, "cues[0]", &|_| true, &|_| false).expect("valid");
    assert_eq!(h.id, "mine");
    let bad = v(json!({ "id": "", "product": "p", "x": 0, "y": 0 }));
    let problems =
        hotspot_from_cue(&bad, cue, "cues[0]", &|_| true, &|_| false).expect_err("invalid");
    assert_eq!(
        problems,
        vec![Problem {
            path: "cues[0].id".into(),
            message: "id must not be empty".into()
        }]
    );
}

#[test]
fn a_cue_hotspot_follows_the_same_rules() {
    let cue = Cue {
        default_id: "c",
        start: 2.0,
        end: 3.0,
    };
    let text = v(json!({ "product": "ghost", "keyframes": [{ "t": 1, "x": 0, "y": 0 }] }));
    let problems = hotspot_from_cue(&text, cue, "cues[7]", &|id| id == "p", &|id| id == "c")
        .expect_err("invalid");
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        ["cues[7].id", "cues[7].product", "cues[7].keyframes[0].t"],
        "{problems:#?}"
    );

    let cue = Cue {
        default_id: "c",
        start: f64::NAN,
        end: 3.0,
    };
    let text = v(json!({ "product": "p", "x": 0, "y": 0 }));
    let problems =
        hotspot_from_cue(&text, cue, "cues[0]", &|_| true, &|_| false).expect_err("invalid");
    assert_eq!(
        problems,
        vec![Problem {
            path: "cues[0].start".into(),
            message: "start must be a finite number, got NaN".into()
        }]
    );
}

// ---- from text: the reader's problems, the filter ----

fn from_text(text: &str) -> Result<Timeline, Vec<Problem>> {
    timeline_from_text(text, &json::Options::text(&json::std_number))
}

#[test]
fn text_that_is_not_json_is_one_problem_with_its_path_and_place() {
    let problems = from_text("{\"version\": 1,\n \"hotspots\": [{\"x\": 00.5}]}").expect_err("not JSON");
    assert_eq!(
        problems,
        vec![Problem {
            path: "hotspots[0].x".into(),
            message: "leading zero in a number (JSON writes 1, not 01) at line 2, column 21".into()
        }]
    );
    let empty = from_text("").expect_err("not JSON");
    assert_eq!(empty, vec![Problem { path: String::new(), message: "no JSON value: the text is empty at line 1, column 1".into() }]);
}

#[test]
fn a_fetched_timeline_may_not_hold_nan_but_an_objects_text_may_and_validation_names_it() {
    let text = r#"{"version": 1, "products": [{"id": "p"}], "hotspots": [{"id": "h", "product": "p", "start": 0, "end": 1, "x": NaN, "y": 0}]}"#;
    let fetched = from_text(text).expect_err("not JSON");
    assert_eq!(fetched.len(), 1);
    assert_eq!(fetched[0].path, "hotspots[0].x");
    assert!(fetched[0].message.starts_with("NaN is not JSON"), "{fetched:?}");
    let object = timeline_from_text(text, &json::Options::js_object(&json::std_number)).expect_err("NaN");
    assert_eq!(object, vec![Problem { path: "hotspots[0].x".into(), message: "x must be a finite number, got NaN".into() }]);
}

/// `count` minimal hotspots (or products) as a list's JSON text.
fn list_text(count: usize, item: &str) -> String {
    let mut text = String::with_capacity(count * (item.len() + 1) + 2);
    text.push('[');
    for i in 0..count {
        if i > 0 {
            text.push(',');
        }
        text.push_str(item);
    }
    text.push(']');
    text
}

#[test]
fn the_hotspot_or_product_past_the_limit_stops_the_read_with_a_problem_on_the_list() {
    let hotspots = format!(r#"{{"version": 1, "hotspots": {}}}"#, list_text(MAX_HOTSPOTS + 1, "{}"));
    let problems = from_text(&hotspots).expect_err("too many");
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].path, "hotspots");
    assert!(problems[0].message.starts_with("too many hotspots: the limit is 100000 at line 1, column "), "{problems:?}");
    let products = format!(r#"{{"version": 1, "products": {}}}"#, list_text(MAX_PRODUCTS + 1, "7"));
    let problems = from_text(&products).expect_err("too many");
    assert_eq!((problems[0].path.as_str(), problems.len()), ("products", 1));
    // Lists handed over at run time: the path is the list's own.
    let options = json::Options::js_object(&json::std_number);
    let added = hotspots_from_text(&list_text(MAX_HOTSPOTS + 1, "0"), &options, "", &|_| true, &|_| false);
    assert_eq!(added, Err(vec![Problem { path: String::new(), message: "too many hotspots: the limit is 100000".into() }]));
    let upserted = products_from_text(&list_text(MAX_PRODUCTS + 1, "0"), &options, "");
    assert_eq!(upserted.map_err(|p| p[0].message.clone()), Err("too many products: the limit is 10000".into()));
}

#[test]
fn a_cue_text_that_is_not_json_is_one_problem_under_the_cues_path() {
    let cue = Cue { default_id: "c", start: 0.0, end: 1.0 };
    let options = json::Options::text(&json::std_number);
    let problems = hotspot_from_cue_text(r#"{"product": "p", "x": .5, "y": 0}"#, &options, cue, "cues[4]", &|_| true, &|_| false);
    assert_eq!(
        problems,
        Err(vec![Problem { path: "cues[4].x".into(), message: "unexpected character '.' at line 1, column 23".into() }])
    );
    let h = hotspot_from_cue_text(r#"{"product": "p", "x": 0.5, "y": 0, "extra": [1]}"#, &options, cue, "cues[4]", &|_| true, &|_| false);
    assert_eq!(h.map(|h| h.id), Ok("c".to_owned()));
}

#[test]
fn the_checker_and_the_player_read_17_digit_numbers_alike() {
    // serde_json without float_roundtrip read this one ulp off and refused it (x > 1).
    let text = r#"{"version": 1, "products": [{"id": "p"}], "hotspots": [{"id": "h", "product": "p", "start": 0, "end": 1, "x": 1.00000000000000011, "y": 0}]}"#;
    let t = from_text(text).expect("1.00000000000000011 is the double 1");
    assert_eq!(t.hotspots[0].motion, Motion::Fixed(Point { x: 1.0, y: 0.0 }));
}

/// A value as the browser writes it for a JS object: `JSON.stringify`, with non-finite numbers
/// as the bare words `NaN`, `Infinity` and `-Infinity`.
fn js_text(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) if n.is_nan() => "NaN".into(),
        Value::Number(n) if n.is_infinite() => if *n > 0.0 { "Infinity" } else { "-Infinity" }.into(),
        Value::Number(n) => ryu_js::Buffer::new().format(*n).to_owned(),
        Value::String(s) => serde_json::to_string(s.as_ref()).unwrap_or_default(),
        Value::Array(items) => ["[", &items.iter().map(js_text).collect::<Vec<_>>().join(","), "]"].concat(),
        Value::Object(members) => {
            let members: Vec<String> =
                members.iter().map(|(k, v)| [serde_json::to_string(k.as_ref()).unwrap_or_default(), js_text(v)].join(":")).collect();
            ["{", &members.join(","), "}"].concat()
        }
    }
}

// ---- the plain-object shape ----

/// The model as the element's `timeline` getter writes it (`core::shape`), numbers the exact
/// printer declines written by Rust (the browser uses JavaScript's `String(n)`).
fn contract_json(t: &Timeline) -> String {
    shape::timeline_json(t.clock, t.currency.as_deref(), &t.products, &t.hotspots, &|out, n| out.push_str(&n.to_string()))
}

#[test]
fn a_valid_timeline_goes_back_to_the_contract_shape() {
    let t = assert_valid(&good());
    let text = contract_json(&t);
    // As written, in the same order (1280 == 1280.0), less `available: true`, the default.
    assert_eq!(serde_json::from_str::<Value>(&text).ok(), Some(remove(good(), "products[0].available")));
    let back = json::parse(&text).expect("the written text parses");
    assert_eq!(assert_valid(&back), t);
}

// ---- properties ----

/// Any JSON-like value, including non-finite numbers and the names the validator looks for.
fn any_value() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("version".to_string()),
        Just("id".to_string()),
        Just("product".to_string()),
        Just("products".to_string()),
        Just("hotspots".to_string()),
        Just("start".to_string()),
        Just("end".to_string()),
        Just("x".to_string()),
        Just("y".to_string()),
        Just("t".to_string()),
        Just("keyframes".to_string()),
        Just("easing".to_string()),
        Just("url".to_string()),
        Just("currency".to_string()),
        "[a-z]{0,6}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<f64>().prop_map(Value::Number),
        prop_oneof![
            Just(0.0),
            Just(1.0),
            Just(0.5),
            Just(-1.0),
            Just(f64::NAN),
            Just(f64::INFINITY)
        ]
        .prop_map(Value::Number),
        "\\PC{0,12}".prop_map(|s| Value::String(s.into())),
        prop_oneof![
            Just("linear"),
            Just("p"),
            Just("h1"),
            Just("EUR"),
            Just("javascript:x"),
            Just("")
        ]
        .prop_map(|s| Value::String(s.to_string().into())),
    ];
    leaf.prop_recursive(5, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key.clone(), inner), 0..8)
                .prop_map(|members| Value::Object(members.into_iter().map(|(k, v)| (k.into(), v)).collect())),
        ]
    })
}

/// The paths of every node of a value, as positions: the n-th item of an array or the n-th
/// member of an object (so a repeated key is still one node).
fn all_paths(v: &Value, here: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
    out.push(here.clone());
    let children: Vec<&Value> = match v {
        Value::Array(items) => items.iter().collect(),
        Value::Object(members) => members.iter().map(|(_, v)| v).collect(),
        _ => Vec::new(),
    };
    for (i, child) in children.into_iter().enumerate() {
        here.push(i);
        all_paths(child, here, out);
        here.pop();
    }
}

/// Replace the node at `path` with `with`, or remove it when `with` is `None`.
fn replace_at(doc: &mut Value, path: &[usize], with: Option<Value>) {
    let Some((&last, parent_path)) = path.split_last() else {
        if let Some(w) = with {
            *doc = w;
        }
        return;
    };
    let mut parent = doc;
    for &i in parent_path {
        parent = match parent {
            Value::Object(members) => &mut members[i].1,
            Value::Array(items) => &mut items[i],
            _ => return,
        };
    }
    match (parent, with) {
        (Value::Object(members), None) => {
            members.remove(last);
        }
        (Value::Object(members), Some(w)) => members[last].1 = w,
        (Value::Array(items), None) => {
            items.remove(last);
        }
        (Value::Array(items), Some(w)) => items[last] = w,
        _ => {}
    }
}

/// What the model promises to everything downstream of validation.
fn keeps_the_models_promises(t: &Timeline) -> Result<(), String> {
    let known: std::collections::BTreeSet<&str> =
        t.products.iter().map(|p| p.id.as_str()).collect();
    if known.len() != t.products.len() {
        return Err("duplicate product ids".into());
    }
    let ids: std::collections::BTreeSet<&str> = t.hotspots.iter().map(|h| h.id.as_str()).collect();
    if ids.len() != t.hotspots.len() {
        return Err("duplicate hotspot ids".into());
    }
    for h in &t.hotspots {
        let unit = |x: f64| (0.0..=1.0).contains(&x);
        let ok = !h.id.is_empty()
            && known.contains(h.product.as_str())
            && h.start.is_finite()
            && h.end.is_finite()
            && h.start >= 0.0
            && h.end > h.start
            && match &h.motion {
                Motion::Fixed(p) => unit(p.x) && unit(p.y),
                Motion::Keyframes { keyframes, .. } => {
                    !keyframes.is_empty()
                        && keyframes
                            .iter()
                            .all(|k| unit(k.x) && unit(k.y) && k.t >= h.start && k.t <= h.end)
                        && keyframes.windows(2).all(|w| w[0].t < w[1].t)
                }
            };
        if !ok {
            return Err(format!("{h:?}"));
        }
    }
    for p in &t.products {
        let price_ok = |x: Option<f64>| x.map_or(true, |x| x.is_finite() && x >= 0.0);
        if p.id.is_empty() || !price_ok(p.price) || !price_ok(p.original_price) {
            return Err(format!("{p:?}"));
        }
    }
    Ok(())
}

/// A valid timeline built directly in the model.
fn any_timeline() -> impl Strategy<Value = Timeline> {
    let text = prop::option::of("\\PC{0,20}");
    let price = prop::option::of(0.0..1e9f64);
    let link = prop::option::of(prop_oneof![
        "https://[a-z]{1,8}\\.example/[a-z0-9/]{0,12}",
        "[a-z]{1,8}/[a-z]{1,8}\\.jpg",
        Just("/a".to_string())
    ]);
    let currency = prop::option::of("[A-Z]{3}");
    let product = (
        (
            text.clone(),
            price.clone(),
            currency.clone(),
            link.clone(),
            link,
        ),
        (
            text.clone(),
            text.clone(),
            text.clone(),
            text.clone(),
            price,
            any::<bool>(),
        ),
    );
    let products = prop::collection::vec(product, 1..5);
    let motion = prop_oneof![
        (0.0..=1.0f64, 0.0..=1.0f64).prop_map(|(x, y)| (None, vec![(0.0, x, y)])),
        (
            prop_oneof![
                Just(Easing::Linear),
                Just(Easing::Step),
                Just(Easing::EaseInOut)
            ],
            prop::collection::vec((0.0..=1.0f64, 0.0..=1.0f64, 0.0..=1.0f64), 1..6)
        )
            .prop_map(|(e, ks)| (Some(e), ks)),
    ];
    let hotspot = (
        0.0..1e5f64,
        0.001..1e3f64,
        any::<prop::sample::Index>(),
        motion,
        text.clone(),
    );
    (currency, products, prop::collection::vec(hotspot, 0..8)).prop_map(
        |(currency, products, hotspots)| {
            let products: Vec<Product> = products
                .into_iter()
                .enumerate()
                .map(
                    |(
                        i,
                        (
                            (title, price, currency, url, image),
                            (sku, brand, variant, description, original_price, available),
                        ),
                    )| {
                        Product {
                            id: format!("p{i}"),
                            title,
                            price,
                            currency,
                            url,
                            image,
                            sku,
                            brand,
                            variant,
                            description,
                            original_price,
                            available,
                        }
                    },
                )
                .collect();
            let hotspots = hotspots
                .into_iter()
                .enumerate()
                .map(|(i, (start, length, which, (easing, points), label))| {
                    let end = start + length;
                    let motion = match easing {
                        None => Motion::Fixed(Point {
                            x: points[0].1,
                            y: points[0].2,
                        }),
                        Some(easing) => {
                            // Spread the keyframes over [start, end] in order.
                            let count = points.len() as f64;
                            let keyframes = points
                                .iter()
                                .enumerate()
                                .map(|(j, &(_, x, y))| Keyframe {
                                    t: start + (end - start) * (j as f64 / count),
                                    x,
                                    y,
                                })
                                .collect();
                            Motion::Keyframes { easing, keyframes }
                        }
                    };
                    Hotspot {
                        id: format!("h{i}"),
                        product: products[which.index(products.len())].id.clone(),
                        start,
                        end,
                        clock: Clock::Media,
                        motion,
                        label,
                    }
                })
                .collect();
            Timeline {
                currency,
                clock: Clock::Media,
                products,
                hotspots,
            }
        },
    )
}

proptest! {
    #[test]
    fn validation_never_panics_on_any_value(doc in any_value()) {
        match timeline_from_value(&doc) {
            Ok(t) => prop_assert!(keeps_the_models_promises(&t).is_ok()),
            Err(problems) => {
                prop_assert!(!problems.is_empty() && problems.len() <= MAX_PROBLEMS + 1);
                prop_assert!(problems.iter().all(|p| !p.message.is_empty()));
            }
        }
        let _ = hotspots_from_value(&doc, "", &|_| true, &|_| false);
        let _ = products_from_value(&doc, "");
        let cue = Cue { default_id: "c", start: 0.0, end: 1.0 };
        let _ = hotspot_from_cue(&doc, cue, "cues[0]", &|_| true, &|_| false);
    }

    #[test]
    fn whatever_passes_validation_keeps_the_models_promises(
        edits in prop::collection::vec((any::<prop::sample::Index>(), prop::option::of(any_value())), 1..4)
    ) {
        let mut doc = good();
        for (which, with) in edits {
            let mut paths = Vec::new();
            all_paths(&doc, &mut Vec::new(), &mut paths);
            let path = paths[which.index(paths.len())].clone();
            replace_at(&mut doc, &path, with);
        }
        match timeline_from_value(&doc) {
            Ok(t) => {
                if let Err(broken) = keeps_the_models_promises(&t) {
                    return Err(TestCaseError::fail(format!("{broken} passed validation")));
                }
            }
            Err(problems) => {
                prop_assert!(problems.iter().all(|p| !p.message.is_empty()));
            }
        }
    }

    #[test]
    fn reading_only_the_validators_fields_gives_the_same_verdict_and_problems(
        edits in prop::collection::vec((any::<prop::sample::Index>(), prop::option::of(any_value())), 0..4),
        whole in any_value(),
    ) {
        let mut doc = good();
        for (which, with) in edits {
            let mut paths = Vec::new();
            all_paths(&doc, &mut Vec::new(), &mut paths);
            let path = paths[which.index(paths.len())].clone();
            replace_at(&mut doc, &path, with);
        }
        let options = json::Options::js_object(&json::std_number);
        for doc in [doc, whole] {
            let text = js_text(&doc);
            // What the validator gets from the whole value (numbers as the text has them).
            let whole = json::read(&text, json::Keep::All, &options).map_err(|e| vec![Problem::from(e)]);
            let want = whole.and_then(|v| timeline_from_value(&v));
            prop_assert_eq!(timeline_from_text(&text, &options), want, "{}", text);
            let want = json::read(&text, json::Keep::All, &options).map_err(|e| vec![Problem::from(e)]);
            let want = want.and_then(|v| hotspots_from_value(&v, "", &|id| id == "vase-01", &|id| id == "h0"));
            prop_assert_eq!(hotspots_from_text(&text, &options, "", &|id| id == "vase-01", &|id| id == "h0"), want, "{}", text);
            let want = json::read(&text, json::Keep::All, &options).map_err(|e| vec![Problem::from(e)]);
            prop_assert_eq!(products_from_text(&text, &options, ""), want.and_then(|v| products_from_value(&v, "")), "{}", text);
        }
    }

    #[test]
    fn a_valid_timeline_round_trips_through_its_plain_object(t in any_timeline()) {
        prop_assert!(keeps_the_models_promises(&t).is_ok());
        let text = contract_json(&t);
        let back = timeline_from_text(&text, &json::Options::text(&json::std_number));
        prop_assert_eq!(back, Ok(t));
    }

    #[test]
    fn the_scheme_rule_reads_links_like_the_browser(link in "[ \\t\\n\\r\\x01hHtTpPsSjavscri:/.+1é-]{0,10}") {
        // Whatever the link, it is either refused with its scheme or kept as written.
        let doc = set(good(), "products[0].url", Value::String(link.clone().into()));
        match timeline_from_value(&doc) {
            Ok(t) => prop_assert_eq!(t.products[0].url.as_deref(), Some(link.as_str())),
            Err(problems) => {
                prop_assert_eq!(problems.len(), 1);
                prop_assert!(problems[0].message.starts_with("scheme \""));
            }
        }
    }
}
