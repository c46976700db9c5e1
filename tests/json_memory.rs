//! What reading a document costs in memory (CONTRACT.md section 3: unknown fields are not kept;
//! refusing a document leaves memory as it was). Its own test binary, because it installs a
//! global allocator that measures the bytes live at the peak while a document is read.
#![cfg(not(target_arch = "wasm32"))]

use shoppable_video::core::json::{self, Options};
use shoppable_video::core::validate::{timeline_from_text, TIMELINE};
#[path = "support/live_bytes.rs"]
mod live_bytes;

use live_bytes::peak_bytes;

#[global_allocator]
static ALLOCATOR: live_bytes::LiveBytes = live_bytes::LiveBytes;

const GOOD: &str = r#"{"version": 1, "currency": "EUR", "products": [{"id": "p", "price": 1}],
  "hotspots": [{"id": "h", "product": "p", "start": 0, "end": 1, "x": 0.5, "y": 0.5}]"#;

fn options() -> Options<'static> {
    Options::text(&json::std_number)
}

/// Data the player ignores, about `bytes` long: numbers, strings with and without escapes,
/// objects with escaped keys, deep arrays.
fn padding(bytes: usize) -> String {
    let piece = r#"[0, 1.5, -2e-3, "text", "esc\"aped\u00e9", {"k\u0065y": [[[true, null]]], "n": 12345678901234567890}],"#;
    let mut pad = String::from("[");
    while pad.len() < bytes {
        pad.push_str(piece);
    }
    pad.push_str("0]");
    pad
}

#[test]
fn unknown_fields_cost_no_memory_while_reading() {
    let plain = format!("{GOOD}}}");
    let padded = format!(r#"{GOOD}, "pad": {}, "products2": {}}}"#, padding(4 << 20), padding(1 << 20));
    let (without, base) = peak_bytes(|| timeline_from_text(&plain, &options()));
    let (with, padded_peak) = peak_bytes(|| timeline_from_text(&padded, &options()));
    assert!(without.is_ok() && with == without, "{with:?}");
    // 5 MB of ignored JSON: not one byte more at the peak.
    assert_eq!(padded_peak, base, "peak bytes without and with 5 MB of unknown fields");
}

#[test]
fn unknown_fields_inside_products_and_hotspots_cost_no_memory() {
    let item_pad = padding(64 << 10);
    let plain = format!("{GOOD}}}");
    let padded = GOOD.replace(r#""price": 1"#, &format!(r#""price": 1, "stock": {item_pad}"#)).replace(
        r#""y": 0.5"#,
        &format!(r#""y": 0.5, "shape": {item_pad}, "keyframes_": {item_pad}"#),
    ) + "}";
    let (_, base) = peak_bytes(|| json::read(&plain, TIMELINE, &options()).map(drop));
    let (read, padded_peak) = peak_bytes(|| json::read(&padded, TIMELINE, &options()).map(drop));
    assert!(read.is_ok());
    assert_eq!(padded_peak, base);
}

#[test]
fn a_document_refused_for_its_size_costs_nothing() {
    let huge = " ".repeat(json::MAX_DOCUMENT_BYTES + 1);
    let (read, peak) = peak_bytes(|| json::read(&huge, TIMELINE, &options()).map(drop));
    assert!(read.is_err());
    assert!(peak < 1024, "{peak} bytes");
}

#[test]
fn a_document_refused_for_its_hotspot_count_costs_what_the_hotspots_before_it_do() {
    // 100,001 hotspots of the smallest kind, and the same count of items in an unknown list.
    let mut text = String::from(r#"{"version": 1, "pad": ["#);
    text.push_str(&"0,".repeat(1_000_000));
    text.push_str(r#"0], "hotspots": ["#);
    text.push_str(&"{},".repeat(100_000));
    text.push_str("{}]}");
    let (read, peak) = peak_bytes(|| json::read(&text, TIMELINE, &options()).map(drop));
    assert_eq!(read.map_err(|e| (e.path, e.kind)), Err(("hotspots".to_owned(), json::ErrorKind::TooMany)));
    // 100,000 empty objects: one value each (at most 32 bytes), in a list that doubles as it
    // grows; the unknown million numbers cost nothing.
    let bound = 100_000 * std::mem::size_of::<shoppable_video::core::value::Value>() * 3;
    assert!(peak <= bound, "{peak} bytes at the peak, more than {bound}");
}
