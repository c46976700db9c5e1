//! Data the host hands in (JS values, fetched texts) on its way to the core, and how a refusal
//! is told: one `shoppable-error` with every problem and its JSON path.

use wasm_bindgen::JsValue;

use crate::core::json::Options;
use crate::core::validate::Problem;
use crate::web::events::Outgoing;
use crate::web::js;
use crate::web::names::error_code;

/// `shoppable-error` for data that failed validation (a timeline, or a run-time call's list).
pub fn refused(problems: Vec<Problem>) -> Outgoing {
    let message = match problems.first() {
        Some(first) if problems.len() == 1 => format!("invalid timeline: {first}"),
        Some(first) => format!("invalid timeline: {first} (and {} more)", problems.len() - 1),
        None => "invalid timeline".to_owned(),
    };
    Outgoing::Error { code: error_code::INVALID_TIMELINE, message, errors: problems }
}

/// What a refused run-time call answers, `[message, errors]`, for `element.js` to throw as a
/// `TypeError`: every problem in its message, and the list as `errors` (the same
/// `[{path, message}]` as in `shoppable-error`).
pub fn type_error(method: &str, problems: &[Problem]) -> JsValue {
    let mut message = format!("{method}: ");
    for (i, problem) in problems.iter().enumerate() {
        if i > 0 {
            message.push_str("; ");
        }
        message.push_str(&problem.to_string());
    }
    let answer = js_sys::Array::new();
    answer.push(&JsValue::from_str(&message));
    answer.push(&crate::web::events::problems_to_js(problems));
    answer.into()
}

/// The rare number the core's exact reader declines, read by the browser (`parseFloat` rounds
/// correctly, and keeps Rust's float parser out of the Wasm).
fn parse_float(text: &str) -> Option<f64> {
    Some(js_sys::Number::parse_float(text)).filter(|n| !n.is_nan())
}

/// How to read JSON text someone wrote (a fetched timeline, a cue's text): RFC 8259 exactly.
pub fn text_options() -> Options<'static> {
    Options::text(&parse_float)
}

/// How to read the text `toJson` wrote for a host's JS object (non-finite numbers as bare words).
pub fn js_options() -> Options<'static> {
    Options::js_object(&parse_float)
}

/// A host's JS value (a timeline, a list) as JSON text, written by the browser (one string
/// crosses into the Wasm), or the problem that kept it out (not JSON-able, over the size limit).
pub fn text_from_js(value: &JsValue) -> Result<String, Vec<Problem>> {
    let answer = js::to_json(value);
    match answer.get(0).as_string() {
        Some(text) => Ok(text),
        None => Err(vec![Problem { path: String::new(), message: answer.get(1).as_string().unwrap_or_default() }]),
    }
}
