//! Bindings to `element.js`, the element's small JavaScript side.

use js_sys::Array;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlElement, HtmlVideoElement};

#[wasm_bindgen(module = "/src/web/element.js")]
extern "C" {
    #[wasm_bindgen(js_name = defineElement)]
    pub fn define_element(create: &JsValue, halt: &JsValue);

    #[wasm_bindgen(js_name = moduleFailed)]
    pub fn module_failed(reason: &JsValue);

    /// Runs `callback` in a microtask (after the host's current call returned).
    pub fn soon(callback: &js_sys::Function);

    /// `callback` wrapped in the module's guard (see `failure`), for the browser to call.
    pub fn guard(callback: &JsValue) -> js_sys::Function;

    /// Adds `callback`, guarded, as a listener; returns the function to give `unlisten`.
    pub fn listen(target: &web_sys::EventTarget, name: &str, callback: &JsValue, capture: bool, passive: bool) -> JsValue;

    pub fn unlisten(target: &web_sys::EventTarget, name: &str, registered: &JsValue, capture: bool);

    /// A `WeakRef` to `target`.
    pub fn weakly(target: &JsValue) -> JsValue;

    /// The target of a `weakly` reference; `undefined` once collected.
    pub fn deref(reference: &JsValue) -> JsValue;

    #[wasm_bindgen(js_name = formatPrice)]
    pub fn format_price(amount: f64, currency: &str, locale: &str) -> String;

    /// The CLDR plural category of `count` in `locale`.
    #[wasm_bindgen(js_name = pluralOf)]
    pub fn plural_of(locale: &str, count: f64) -> String;

    #[wasm_bindgen(js_name = nearestLang)]
    pub fn nearest_lang(host: &HtmlElement) -> String;

    #[wasm_bindgen(js_name = toggleFullscreen)]
    pub fn toggle_fullscreen(host: &HtmlElement);

    #[wasm_bindgen(js_name = leaveFilledViewport)]
    pub fn leave_filled_viewport(host: &HtmlElement) -> bool;

    #[wasm_bindgen(js_name = isFullscreen)]
    pub fn is_fullscreen(host: &HtmlElement) -> bool;

    #[wasm_bindgen(js_name = resolveHttpUrl)]
    pub fn resolve_http_url(url: &str, base: &str) -> String;

    #[wasm_bindgen(js_name = fetchText)]
    pub fn fetch_text(url: &str, done: JsValue);

    /// `[text, null]` or `[null, message]`.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(value: &JsValue) -> Array;

    #[wasm_bindgen(js_name = placeHotspots)]
    pub fn place_hotspots(spots: &Array, moves: &[f64]);

    #[wasm_bindgen(js_name = placeLayer)]
    pub fn place_layer(layer: &HtmlElement, left: f64, top: f64, width: f64, height: f64);

    #[wasm_bindgen(js_name = readCovers)]
    pub fn read_covers(layer: &HtmlElement, parts: &Array) -> js_sys::Float64Array;

    #[wasm_bindgen(js_name = readLayout)]
    pub fn read_layout(host: &HtmlElement, video: &HtmlVideoElement) -> Array;

    #[wasm_bindgen(js_name = fitOf)]
    pub fn fit_of(video: &HtmlVideoElement) -> String;

    #[wasm_bindgen(js_name = randomUuid)]
    pub fn random_uuid() -> String;

    pub fn emit(target: &HtmlElement, name: &str, detail: &JsValue, cancelable: bool) -> bool;
}

#[wasm_bindgen(module = "/src/web/element.js")]
extern "C" {
    /// Returns `[allowed, settled | null]`.
    #[wasm_bindgen(js_name = emitIntent)]
    pub fn emit_intent(target: &HtmlElement, detail: &JsValue, timeout_ms: f64) -> Array;

    #[wasm_bindgen(js_name = whenSettled)]
    pub fn when_settled(settled: &JsValue, done: JsValue);

    #[wasm_bindgen(js_name = pushDataLayer)]
    pub fn push_data_layer(event: &str, ecommerce: &JsValue);

    #[wasm_bindgen(js_name = shoppableTracks)]
    pub fn shoppable_tracks(video: &HtmlVideoElement) -> Array;

    #[wasm_bindgen(js_name = takeNewCues)]
    pub fn take_new_cues(track: &JsValue) -> Array;

    /// `[added, removed]`: new date-range cues `[n, id, start, end, data]`, numbers of gone ones.
    #[wasm_bindgen(js_name = takeDateRanges)]
    pub fn take_date_ranges(video: &HtmlVideoElement) -> Array;

    /// `video.getStartDate()` in ms, NaN when unknown.
    #[wasm_bindgen(js_name = startDate)]
    pub fn start_date(video: &HtmlVideoElement) -> f64;
}

#[wasm_bindgen(module = "/src/web/element.js")]
extern "C" {
    /// The overlay's nodes, in `OVERLAY_NODES` order (see `overlay::Node`).
    #[wasm_bindgen(js_name = buildOverlay)]
    pub fn build_overlay(parent: &web_sys::Node) -> Array;

    #[wasm_bindgen(js_name = newSpot)]
    pub fn new_spot(layer: &HtmlElement, before: &HtmlElement, slot: u32) -> HtmlElement;

    #[wasm_bindgen(js_name = newRailItem)]
    pub fn new_rail_item(list: &HtmlElement, product_id: &str, title: &str, price: &str) -> HtmlElement;
}

#[wasm_bindgen]
extern "C" {
    /// `String(n)`: a number as JavaScript prints it, exactly.
    #[wasm_bindgen(js_name = String)]
    fn number_text(n: f64) -> String;
}

/// Writes `n` as JavaScript prints it: for the numbers `core::number::write_exact` declines
/// when the core writes JSON for the browser.
pub fn write_js_number(out: &mut String, n: f64) {
    out.push_str(&number_text(n));
}
