//! Bindings to `element.js`, the element's small JavaScript side.

use js_sys::Array;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlElement, HtmlVideoElement};

/// The one shape of every Rust closure `element.js` calls (a kind, a value, an answer): each
/// closure shape costs its own glue in the Wasm and in JavaScript, so all of them share this one.
/// `Fn`, not `FnMut`: a host's listener may call back into the element (the player's closure)
/// while the closure is running, which wasm-bindgen refuses for `FnMut`.
pub type Callback = Closure<dyn Fn(u32, JsValue) -> JsValue>;

#[wasm_bindgen(module = "/src/web/element.js")]
extern "C" {
    /// `css` is the shadow roots' stylesheet (see `style`).
    #[wasm_bindgen(js_name = defineElement)]
    pub fn define_element(create: &JsValue, css: &str);

    /// The element's open shadow root, made on the first call with the stylesheet and a slot;
    /// `None` when the element cannot have one (another script attached a closed one).
    #[wasm_bindgen(js_name = shadowOf)]
    pub fn shadow_of(host: &HtmlElement) -> Option<web_sys::ShadowRoot>;

    /// `[video, made]`: the video the element plays, and whether the element made it (see
    /// `State::adopt_video`).
    #[wasm_bindgen(js_name = videoOf)]
    pub fn video_of(host: &HtmlElement, shadow: &web_sys::ShadowRoot) -> Array;

    #[wasm_bindgen(js_name = moduleFailed)]
    pub fn module_failed(reason: &JsValue);

    /// Whether the module failed (see `failure`).
    #[wasm_bindgen(js_name = hasFailed)]
    pub fn has_failed() -> bool;

    /// Runs `callback` in a microtask (after the host's current call returned).
    pub fn soon(callback: &js_sys::Function);

    /// Registers what a connected element listens to (see `connection`), telling each event as
    /// `facts(kind, target)`; returns what `watch_tracks` and `disconnect` take, or null when
    /// the browser refused.
    pub fn connect(host: &HtmlElement, video: &HtmlVideoElement, shadow: &web_sys::ShadowRoot, facts: &JsValue) -> JsValue;

    /// Listens for `cuechange` on each of `tracks` instead of the tracks before.
    #[wasm_bindgen(js_name = watchTracks)]
    pub fn watch_tracks(registered: &JsValue, tracks: &Array);

    /// Unregisters everything `connect` and `watch_tracks` registered.
    pub fn disconnect(registered: &JsValue);

    /// A `WeakRef` to `target`.
    pub fn weakly(target: &JsValue) -> JsValue;

    /// The target of a `weakly` reference; `undefined` once collected.
    pub fn deref(reference: &JsValue) -> JsValue;

    #[wasm_bindgen(js_name = formatPrice)]
    fn format_price_js(amount: f64, currency: &str, locale: &str) -> JsValue;

    /// The CLDR plural category of `count` in `locale`.
    #[wasm_bindgen(js_name = pluralOf)]
    fn plural_of_js(locale: &str, count: f64) -> JsValue;

    /// The `lang` of the nearest element that says one (from `host`, while connected), else the
    /// browser's language, else "".
    #[wasm_bindgen(js_name = defaultLocale)]
    fn default_locale_js(host: Option<&HtmlElement>) -> JsValue;

    /// Opens `url` in a new tab with `noopener`; false if the browser refused (threw).
    #[wasm_bindgen(js_name = openInNewTab)]
    pub fn open_in_new_tab(url: &str) -> bool;

    #[wasm_bindgen(js_name = toggleFullscreen)]
    pub fn toggle_fullscreen(host: &HtmlElement);

    #[wasm_bindgen(js_name = leaveFilledViewport)]
    pub fn leave_filled_viewport(host: &HtmlElement) -> bool;

    #[wasm_bindgen(js_name = isFullscreen)]
    pub fn is_fullscreen(host: &HtmlElement) -> bool;

    #[wasm_bindgen(js_name = resolveHttpUrl)]
    fn resolve_http_url_js(url: &str, base: &str) -> JsValue;

    #[wasm_bindgen(js_name = fetchText)]
    pub fn fetch_text(url: &str, done: JsValue);

    /// `[text, null]` or `[null, message]`.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(value: &JsValue) -> Array;

    /// Tells `facts` each presented frame of `video` (see `sync`); returns what
    /// `stop_frame_loop` takes.
    #[wasm_bindgen(js_name = frameLoop)]
    pub fn frame_loop(video: &HtmlVideoElement, facts: &JsValue) -> JsValue;

    #[wasm_bindgen(js_name = stopFrameLoop)]
    pub fn stop_frame_loop(stop: &JsValue);


    /// See `Overlay::read_layout`.
    #[wasm_bindgen(js_name = readLayout)]
    fn read_layout_js(host: &HtmlElement, video: &HtmlVideoElement, nodes: &JsValue, sizes: &mut [f64], own_video: bool) -> JsValue;

    #[wasm_bindgen(js_name = fitOf)]
    fn fit_of_js(video: &HtmlVideoElement) -> JsValue;

    #[wasm_bindgen(js_name = randomUuid)]
    fn random_uuid_js() -> JsValue;

    pub fn emit(target: &HtmlElement, name: &str, detail: &JsValue, cancelable: bool) -> bool;
}

#[wasm_bindgen(module = "/src/web/element.js")]
extern "C" {
    /// Returns `[allowed, settled | null]`.
    #[wasm_bindgen(js_name = emitIntent)]
    pub fn emit_intent(target: &HtmlElement, detail: &JsValue) -> Array;

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

/// The overlay's writers (see `overlay`): `nodes` is what `build_overlay` answered.
#[wasm_bindgen(module = "/src/web/element.js")]
extern "C" {
    /// Puts a fresh overlay in `parent` (replacing one left from an earlier connection).
    #[wasm_bindgen(js_name = buildOverlay)]
    pub fn build_overlay(parent: &web_sys::Node) -> JsValue;

    #[wasm_bindgen(js_name = showWords)]
    #[allow(clippy::too_many_arguments)] // the words of the overlay, each named
    pub fn show_words(
        nodes: &JsValue,
        lang: &str,
        dir: &str,
        buy: &str,
        add_to_cart: &str,
        close: &str,
        product_details: &str,
        now_presenting: &str,
        shop_this_video: &str,
        fullscreen: &str,
    );

    #[wasm_bindgen(js_name = showFullscreen)]
    pub fn show_fullscreen(nodes: &JsValue, shown: bool, pressed: bool);


    #[wasm_bindgen(js_name = showHotspot)]
    pub fn show_hotspot(nodes: &JsValue, slot: u32, hotspot_id: &str, product_id: &str, aria_label: &str, tag: &str);

    #[wasm_bindgen(js_name = hideHotspot)]
    pub fn hide_hotspot(nodes: &JsValue, slot: u32);

    #[wasm_bindgen(js_name = labelHotspot)]
    pub fn label_hotspot(nodes: &JsValue, slot: u32, aria_label: &str);

    /// `moves` is `[slot, x, y, slot, x, y, ...]` in CSS px.
    #[wasm_bindgen(js_name = placeHotspots)]
    pub fn place_hotspots(nodes: &JsValue, moves: &[f64]);

    #[wasm_bindgen(js_name = showPending)]
    pub fn show_pending(nodes: &JsValue, pinned: bool, add: bool, pending: bool, available: bool);

    #[wasm_bindgen(js_name = fillCard)]
    #[allow(clippy::too_many_arguments)] // what the card shows, each named
    pub fn fill_card(
        nodes: &JsValue,
        title: &str,
        price: &str,
        original_price: &str,
        description: &str,
        image: &str,
        available: bool,
        sold_out: &str,
    );

    #[wasm_bindgen(js_name = openCard)]
    pub fn open_card(nodes: &JsValue);

    /// False if the card was not open. `opener`: what focus in the card goes back to (see
    /// `closeCard`): 0 a stable control, 1 the hotspot of slot `at`, 2 the rail item at `at`,
    /// 3 the pinned title.
    #[wasm_bindgen(js_name = closeCard)]
    pub fn close_card(nodes: &JsValue, opener: u32, at: i32) -> bool;

    /// Reads where the parts a hotspot may lie under are, and rests the hotspots under one.
    #[wasm_bindgen(js_name = readCovers)]
    pub fn read_covers(nodes: &JsValue);

    /// Says a text to screen readers (the polite live region).
    pub fn announce(nodes: &JsValue, text: &str);

    /// The status line of the card, or of the pinned card.
    #[wasm_bindgen(js_name = setStatus)]
    pub fn set_status(nodes: &JsValue, pinned: bool, text: &str);

    #[wasm_bindgen(js_name = showPinned)]
    pub fn show_pinned(nodes: &JsValue, title: &str, price: &str, available: bool, sold_out: &str, buy_name: &str, add_name: &str);

    #[wasm_bindgen(js_name = hidePinned)]
    pub fn hide_pinned(nodes: &JsValue);

    #[wasm_bindgen(js_name = clearRail)]
    pub fn clear_rail(nodes: &JsValue);

    #[wasm_bindgen(js_name = appendRailItem)]
    pub fn append_rail_item(nodes: &JsValue, product_id: &str, title: &str, price: &str);

    #[wasm_bindgen(js_name = setRailItem)]
    pub fn set_rail_item(nodes: &JsValue, at: u32, title: &str, price: &str);

    #[wasm_bindgen(js_name = markRailItem)]
    pub fn mark_rail_item(nodes: &JsValue, at: u32, current: bool);

    /// "Shop (N)" on the toggle; the rail hidden when there is no product.
    #[wasm_bindgen(js_name = showRailCount)]
    pub fn show_rail_count(nodes: &JsValue, empty: bool, text: &str);

    #[wasm_bindgen(js_name = setRailExpanded)]
    pub fn set_rail_expanded(nodes: &JsValue, expanded: bool);

    #[wasm_bindgen(js_name = isRailExpanded)]
    pub fn is_rail_expanded(nodes: &JsValue) -> bool;
}

#[wasm_bindgen]
extern "C" {
    /// `String(n)`: a number as JavaScript prints it, exactly.
    #[wasm_bindgen(js_name = String)]
    fn number_text(n: f64) -> JsValue;
}

/// Writes `n` as JavaScript prints it: the browser build's number printer (see
/// `core::number::set_printer`).
pub fn write_js_number(out: &mut String, n: f64) {
    out.push_str(&text(number_text(n)));
}

// The answers that are text cross as JS strings and are read here: one way of reading them for
// all, instead of glue per function that writes each into the Wasm's memory.

/// A JS string's text ("" for anything else).
fn text(value: JsValue) -> String {
    value.as_string().unwrap_or_default()
}

pub fn format_price(amount: f64, currency: &str, locale: &str) -> String {
    text(format_price_js(amount, currency, locale))
}

pub fn plural_of(locale: &str, count: f64) -> String {
    text(plural_of_js(locale, count))
}

pub fn default_locale(host: Option<&HtmlElement>) -> String {
    text(default_locale_js(host))
}

pub fn resolve_http_url(url: &str, base: &str) -> String {
    text(resolve_http_url_js(url, base))
}

pub fn read_layout(host: &HtmlElement, video: &HtmlVideoElement, nodes: &JsValue, sizes: &mut [f64], own_video: bool) -> String {
    text(read_layout_js(host, video, nodes, sizes, own_video))
}

pub fn fit_of(video: &HtmlVideoElement) -> String {
    text(fit_of_js(video))
}

pub fn random_uuid() -> String {
    text(random_uuid_js())
}
