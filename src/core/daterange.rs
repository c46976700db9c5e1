//! Hotspots carried by an HLS stream in `EXT-X-DATERANGE` tags (CONTRACT.md section 4).
//!
//! A producer's tooling writes into the live media playlist, for instance:
//!
//! ```text
//! #EXT-X-DATERANGE:ID="sale-1",CLASS="shoppable",START-DATE="2026-11-18T11:06:40.000Z",DURATION=8,X-HOTSPOT="eyJwcm9kdWN0Ijoi…"
//! ```
//!
//! where `X-HOTSPOT` is the base64 of the UTF-8 JSON of a hotspot without `start` and `end`.
//! Players expose a date range's client attributes as metadata cues: hls.js as a cue on its
//! `id3` metadata track, native HLS (Safari) as a `DataCue`, each with `value = {key, data}`
//! and the type `com.apple.quicktime.HLS`; hls.js gives the cue the tag's `ID` as its `id`.
//! Both place the cue on the media timeline from `START-DATE` to `END-DATE` (or `START-DATE`
//! plus `DURATION`) through the stream's `EXT-X-PROGRAM-DATE-TIME`, so the cue's times are the
//! media times of exactly the frames whose program time lies in the range. Neither exposes
//! `CLASS` or `START-DATE` on the cue, so the element knows a shoppable date range by its
//! `X-HOTSPOT` key and takes its times from the cue: the hotspot is in media time, like a
//! WebVTT cue's, and needs no `programTimeOffset`.
//!
//! Here: the attribute's name, the checks of a date range's decoded value, and the name of a
//! date range in problems; `validate::hotspot_from_cue` does the rest, as for a cue. The browser
//! decodes the value (base64, then UTF-8: `atob` and `TextDecoder` in `element.js`, strictly as
//! RFC 4648 asks), which costs a few dozen bytes of JavaScript instead of 842 B of Wasm.

use super::validate::Problem;

/// The client attribute holding the hotspot.
pub const ATTRIBUTE: &str = "X-HOTSPOT";

/// How a date range is named in problems: `dateranges[ID]` (its fields: `dateranges[ID].x`).
pub fn path(id: &str) -> String {
    ["dateranges[", id, "]"].concat()
}

/// The JSON text of the hotspot a date range carries, from its cue: `text` is its `X-HOTSPOT`
/// value decoded (base64, then UTF-8), `None` when it was not that. A date range with neither
/// `END-DATE` nor `DURATION` is refused too (a hotspot needs an end): its cue ends at infinity,
/// or at the largest double where the browser refuses infinity (hls.js). `at` is the date
/// range's `path`.
pub fn hotspot_text<'a>(at: &str, end: f64, text: Option<&'a str>) -> Result<&'a str, Problem> {
    let (path, message) = if !(end < f64::MAX) {
        ([at, ".end"].concat(), "the date range has neither END-DATE nor DURATION; a shoppable date range needs one")
    } else {
        match text {
            Some(text) => return Ok(text),
            None => (at.to_owned(), "X-HOTSPOT is not the base64 (RFC 4648) of UTF-8 text"),
        }
    };
    Err(Problem { path, message: message.to_owned() })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::core::json;
    use crate::core::validate::{hotspot_from_cue, Cue};

    fn problem(result: Result<&str, Problem>) -> (String, String) {
        match result {
            Ok(text) => panic!("expected a problem, got {text:?}"),
            Err(p) => (p.path, p.message),
        }
    }

    #[test]
    fn a_date_range_with_an_end_carries_its_decoded_text() {
        let text = r#"{"product":"vase-01","x":0.42,"y":0.61,"label":"景泰蓝"}"#;
        assert_eq!(hotspot_text(&path("sale-1"), 40.0, Some(text)), Ok(text));
    }

    #[test]
    fn the_hotspot_takes_the_cue_times_and_the_tag_id() {
        let text = hotspot_text(&path("sale-1"), 38.5, Some(r#"{"product":"p","x":0.5,"y":0.5}"#)).unwrap_or_default();
        let value = json::parse(text).unwrap_or_else(|e| panic!("{e}"));
        let cue = Cue { default_id: "sale-1", start: 30.5, end: 38.5 };
        let hotspot = hotspot_from_cue(&value, cue, &path("sale-1"), &|id| id == "p", &|_| false);
        assert_eq!(hotspot.map(|h| (h.id, h.start, h.end)), Ok(("sale-1".to_string(), 30.5, 38.5)));
    }

    #[test]
    fn invalid_payloads_are_refused_with_the_date_range_path() {
        assert_eq!(
            problem(hotspot_text(&path("bad-1"), 5.0, None)),
            ("dateranges[bad-1]".into(), "X-HOTSPOT is not the base64 (RFC 4648) of UTF-8 text".into())
        );
        assert_eq!(problem(hotspot_text(&path("open"), f64::INFINITY, Some("{}"))).0, "dateranges[open].end");
        assert_eq!(problem(hotspot_text(&path("open"), f64::MAX, None)).0, "dateranges[open].end");
    }

    #[test]
    fn a_hotspot_field_problem_is_reported_under_the_date_range() {
        let text = hotspot_text(&path("bad-3"), 9.0, Some(r#"{"product":"p","x":2,"y":0.5}"#)).unwrap_or_default();
        let value = json::parse(text).unwrap_or_else(|e| panic!("{e}"));
        let cue = Cue { default_id: "bad-3", start: 1.0, end: 9.0 };
        let problems = hotspot_from_cue(&value, cue, &path("bad-3"), &|_| true, &|_| false).err().unwrap_or_default();
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["dateranges[bad-3].x"]);
    }
}
