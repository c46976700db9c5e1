//! Data the host hands in (JS values, fetched texts) on its way to the core, and how a refusal
//! is told: one `shoppable-error` with every problem and its JSON path.

use wasm_bindgen::JsValue;

use crate::core::json;
use crate::core::validate::Problem;
use crate::core::value::Value;
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

/// The `TypeError` a refused run-time call throws: every problem in its message, and the list
/// as `errors` (the same `[{path, message}]` as in `shoppable-error`).
pub fn type_error(method: &str, problems: &[Problem]) -> JsValue {
    let mut message = format!("{method}: ");
    for (i, problem) in problems.iter().enumerate() {
        if i > 0 {
            message.push_str("; ");
        }
        message.push_str(&problem.to_string());
    }
    let error = js_sys::TypeError::new(&message);
    let _ = js_sys::Reflect::set(&error, &JsValue::from_str("errors"), &crate::web::events::problems_to_js(problems));
    error.into()
}

/// JSON text as a `Value`; the rare number the core cannot read exactly goes to `parseFloat`.
pub fn parse_json(text: &str) -> Result<Value<'_>, String> {
    json::parse_with(text, &|number| Some(js_sys::Number::parse_float(number)).filter(|n| !n.is_nan()))
}

/// A host's JS value (a timeline, a list) as JSON text, written by the browser (one string
/// crosses into the Wasm), or the problem that kept it out (not JSON-able, over the size limit).
pub fn text_from_js(value: &JsValue) -> Result<String, Problem> {
    let answer = js::to_json(value);
    match answer.get(0).as_string() {
        Some(text) => Ok(text),
        None => Err(Problem { path: String::new(), message: answer.get(1).as_string().unwrap_or_default() }),
    }
}

/// Reads a host's JSON text (from `text_from_js`) as a `Value`, its problem as a `Problem`.
pub fn read_js_text(text: &str) -> Result<Value<'_>, Problem> {
    parse_json(text).map_err(|message| Problem { path: String::new(), message })
}
