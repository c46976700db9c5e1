//! The web layer in a real headless Chromium (wasm-bindgen-test): the element is defined, builds
//! its shadow DOM, and reports problems as events.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CustomEvent, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    shoppable_video::define();
    web_sys::window().and_then(|w| w.document()).expect("a document in the browser test")
}

/// Lets the microtasks run: events caused by a host's call are dispatched after it returned.
async fn after_the_call() {
    let promise = js_sys::Promise::resolve(&JsValue::UNDEFINED);
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn make_element() -> HtmlElement {
    let element: HtmlElement = document().create_element("shoppable-video").expect("create").unchecked_into();
    document().body().expect("body").append_child(&element).expect("append");
    element
}

#[wasm_bindgen_test]
fn the_element_is_defined_once_and_define_is_idempotent() {
    shoppable_video::define();
    shoppable_video::define();
    let window = web_sys::window().expect("window");
    let registry = js_sys::Reflect::get(&window, &"customElements".into()).expect("customElements");
    let get: js_sys::Function = js_sys::Reflect::get(&registry, &"get".into()).expect("get").unchecked_into();
    let class = get.call1(&registry, &"shoppable-video".into()).expect("get()");
    assert!(class.is_function(), "shoppable-video is defined");
}

#[wasm_bindgen_test]
fn a_created_video_is_in_an_open_shadow_root_as_part_video() {
    let element = make_element();
    element.set_attribute("src", "clip.webm").expect("attr");
    let shadow = element.shadow_root().expect("an open shadow root");
    let video = shadow.query_selector("video[part~=video]").expect("query").expect("a created video");
    assert_eq!(video.get_attribute("src").as_deref(), Some("clip.webm"), "src passes through");
    // Boolean media attributes set their property too (as attributes they only set defaults).
    let property = |name: &str| js_sys::Reflect::get(&video, &name.into()).expect("property").as_bool();
    element.set_attribute("muted", "").expect("attr");
    element.set_attribute("playsinline", "").expect("attr");
    assert_eq!((property("muted"), property("playsInline")), (Some(true), Some(true)));
    element.remove_attribute("muted").expect("attr");
    assert_eq!(property("muted"), Some(false), "removing the attribute unmutes");
    assert!(!video.has_attribute("muted"));
    element.remove();
}

#[wasm_bindgen_test]
fn a_child_video_is_used_as_is() {
    let element: HtmlElement = document().create_element("shoppable-video").expect("create").unchecked_into();
    let child = document().create_element("video").expect("video");
    element.append_child(&child).expect("append child");
    document().body().expect("body").append_child(&element).expect("append");
    let video = js_sys::Reflect::get(&element, &"video".into()).expect("video property");
    assert!(video == JsValue::from(child.clone()), "the video property is the child");
    let shadow = element.shadow_root().expect("shadow");
    assert!(shadow.query_selector("video").expect("query").is_none(), "no second video");
    element.set_attribute("muted", "").expect("attr");
    assert!(!child.has_attribute("muted"), "the host's own video is left as it is");
    element.remove();
}

#[wasm_bindgen_test]
async fn an_invalid_timeline_emits_shoppable_error_with_paths() {
    let element = make_element();
    let errors = std::rc::Rc::new(std::cell::RefCell::new(Vec::<JsValue>::new()));
    let sink = errors.clone();
    let listener = gloo_events::EventListener::new(&element, "shoppable-error", move |event| {
        let event: &CustomEvent = event.unchecked_ref();
        sink.borrow_mut().push(event.detail());
    });
    let bad = js_sys::JSON::parse(r#"{"version": 2, "products": [], "hotspots": [{"id": "h1", "product": "nope", "start": 1, "end": 0, "x": 0.5, "y": 0.5}]}"#).expect("json");
    js_sys::Reflect::set(&element, &"timeline".into(), &bad).expect("set timeline");
    assert_eq!(errors.borrow().len(), 0, "no event inside the host's call");
    after_the_call().await;
    let errors = errors.borrow();
    assert_eq!(errors.len(), 1, "one shoppable-error, right after the call returned");
    let detail = &errors[0];
    let code = js_sys::Reflect::get(detail, &"code".into()).expect("code");
    assert_eq!(code.as_string().as_deref(), Some("invalid-timeline"));
    let list: js_sys::Array = js_sys::Reflect::get(detail, &"errors".into()).expect("errors").unchecked_into();
    let paths: Vec<String> = list
        .iter()
        .map(|e| js_sys::Reflect::get(&e, &"path".into()).expect("path").as_string().unwrap_or_default())
        .collect();
    assert!(paths.contains(&"version".to_owned()), "{paths:?}");
    assert!(paths.contains(&"hotspots[0].product".to_owned()), "{paths:?}");
    assert!(paths.contains(&"hotspots[0].end".to_owned()), "{paths:?}");
    drop(listener);
    element.remove();
}

#[wasm_bindgen_test]
async fn a_valid_timeline_emits_ready_with_counts_and_reads_back() {
    let element = make_element();
    let ready = std::rc::Rc::new(std::cell::RefCell::new(None::<JsValue>));
    let sink = ready.clone();
    let _listener = gloo_events::EventListener::new(&element, "shoppable-ready", move |event| {
        let event: &CustomEvent = event.unchecked_ref();
        *sink.borrow_mut() = Some(event.detail());
    });
    let good = js_sys::JSON::parse(r#"{"version": 1, "products": [{"id": "p", "title": "<b>Vase</b>", "price": 10}], "hotspots": [{"id": "h1", "product": "p", "start": 1, "end": 2, "x": 0.5, "y": 0.5}]}"#).expect("json");
    js_sys::Reflect::set(&element, &"timeline".into(), &good).expect("set timeline");
    after_the_call().await;
    let detail = ready.borrow().clone().expect("shoppable-ready was dispatched");
    assert_eq!(js_sys::Reflect::get(&detail, &"products".into()).expect("products").as_f64(), Some(1.0));
    assert_eq!(js_sys::Reflect::get(&detail, &"hotspots".into()).expect("hotspots").as_f64(), Some(1.0));
    let back = js_sys::Reflect::get(&element, &"timeline".into()).expect("timeline getter");
    let text = js_sys::JSON::stringify(&back).expect("stringify").as_string().unwrap_or_default();
    assert!(text.contains(r#""title":"<b>Vase</b>""#), "{text}");
    element.remove();
}

#[wasm_bindgen_test]
fn text_of_any_script_crosses_into_the_wasm_and_back_unchanged() {
    // A host object becomes JSON text, crosses into the Wasm as UTF-8, is read there and comes
    // back through the `timeline` getter: CJK, Latin-1, surrogate pairs and ASCII alike.
    let element = make_element();
    let titles = ["景泰蓝花瓶 Cloisonné vase 🏺", "🏺🏺🏺🏺🏺🏺🏺🏺", "plain ASCII"];
    let products: Vec<String> =
        titles.iter().enumerate().map(|(i, title)| format!(r#"{{"id": "p{i}", "title": "{title}"}}"#)).collect();
    let text = format!(r#"{{"version": 1, "products": [{}], "hotspots": []}}"#, products.join(","));
    let good = js_sys::JSON::parse(&text).expect("json");
    js_sys::Reflect::set(&element, &"timeline".into(), &good).expect("set timeline");
    let back = js_sys::Reflect::get(&element, &"timeline".into()).expect("timeline getter");
    let products = js_sys::Reflect::get(&back, &"products".into()).expect("products");
    let read: Vec<String> = js_sys::Array::from(&products)
        .iter()
        .map(|p| js_sys::Reflect::get(&p, &"title".into()).ok().and_then(|t| t.as_string()).unwrap_or_default())
        .collect();
    assert_eq!(read, titles);
    element.remove();
}

#[wasm_bindgen_test]
async fn numbers_of_every_size_read_back_and_are_told_exactly_as_javascript_prints_them() {
    // The Wasm prints short numbers itself and leaves 16- and 17-digit ones, and those far out,
    // to JavaScript's String(n): both must come back exactly, in the getter and in messages.
    let element = make_element();
    let good = js_sys::JSON::parse(r#"{"version": 1, "products": [
        {"id": "a", "price": 0.30000000000000004}, {"id": "b", "price": 1280.5}, {"id": "c", "price": 1e300},
        {"id": "d", "price": 9007199254740993}, {"id": "e", "price": 1.2345678901234566e-9},
        {"id": "f", "price": 123.45678901234568}], "hotspots": []}"#)
    .expect("json");
    js_sys::Reflect::set(&element, &"timeline".into(), &good).expect("set timeline");
    let back = js_sys::Reflect::get(&element, &"timeline".into()).expect("timeline getter");
    let text = js_sys::JSON::stringify(&back).expect("stringify").as_string().unwrap_or_default();
    for price in ["0.30000000000000004", "1280.5", "1e+300", "9007199254740992", "1.2345678901234566e-9", "123.45678901234568"] {
        assert!(text.contains(&format!(r#""price":{price}"#)), "{price} in {text}");
    }
    let errors = std::rc::Rc::new(std::cell::RefCell::new(Vec::<JsValue>::new()));
    let sink = errors.clone();
    let _listener = gloo_events::EventListener::new(&element, "shoppable-error", move |event| {
        sink.borrow_mut().push(event.unchecked_ref::<CustomEvent>().detail());
    });
    let bad = js_sys::JSON::parse(r#"{"version": 1, "products": [{"id": "p"}], "hotspots": [
        {"id": "h", "product": "p", "start": 0, "end": 1, "x": 1.0000000000000002, "y": 0.5}]}"#)
    .expect("json");
    js_sys::Reflect::set(&element, &"timeline".into(), &bad).expect("set timeline");
    after_the_call().await;
    let message = errors.borrow().first().map(|detail| js_sys::Reflect::get(detail, &"message".into()).expect("message"));
    let message = message.and_then(|m| m.as_string()).unwrap_or_default();
    assert!(message.ends_with("got 1.0000000000000002"), "{message}");
    element.remove();
}

#[wasm_bindgen_test]
fn a_created_video_never_goes_fullscreen_without_the_shop() {
    let element = make_element();
    let shadow = element.shadow_root().expect("shadow");
    let video = shadow.query_selector("video[part~=video]").expect("query").expect("a created video");
    assert_eq!(video.get_attribute("controlslist").as_deref(), Some("nofullscreen"));
    element.remove();
}

#[wasm_bindgen_test]
async fn the_video_is_null_before_connect_and_a_timeline_set_meanwhile_is_ready_and_kept() {
    let element: HtmlElement = document().create_element("shoppable-video").expect("create").unchecked_into();
    let video = js_sys::Reflect::get(&element, &"video".into()).expect("video property");
    assert!(video.is_null(), "no video before the element was connected: {video:?}");
    let ready = std::rc::Rc::new(std::cell::Cell::new(0));
    let count = ready.clone();
    let _listener = gloo_events::EventListener::new(&element, "shoppable-ready", move |_| count.set(count.get() + 1));
    let good = js_sys::JSON::parse(r#"{"version": 1, "products": [{"id": "p"}], "hotspots": [{"id": "h", "product": "p", "start": 0, "end": 5, "x": 0.5, "y": 0.5}]}"#).expect("json");
    js_sys::Reflect::set(&element, &"timeline".into(), &good).expect("set timeline");
    after_the_call().await;
    assert_eq!(ready.get(), 1, "a disconnected element still loads and tells");
    document().body().expect("body").append_child(&element).expect("append");
    element.remove();
    document().body().expect("body").append_child(&element).expect("append again");
    let back = js_sys::Reflect::get(&element, &"timeline".into()).expect("timeline getter");
    let text = js_sys::JSON::stringify(&back).expect("stringify").as_string().unwrap_or_default();
    assert!(text.contains(r#""id":"h""#), "the timeline survives disconnect and reconnect: {text}");
    let shadow = element.shadow_root().expect("shadow");
    assert_eq!(shadow.query_selector_all("[part~=overlay]").expect("query").length(), 1, "one overlay after reconnecting");
    assert_eq!(shadow.query_selector_all("video").expect("query").length(), 1, "the created video is reused");
    element.remove();
}
