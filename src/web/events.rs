//! What the element tells the host: typed outgoing events, turned into `CustomEvent`s.
//!
//! Events are queued while the player's state is borrowed and dispatched only after, because a
//! host listener may call straight back into the element (set a timeline, remove it...).

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;
use web_sys::HtmlElement;

use crate::core::intent::{Intent, Item, Source};
use crate::core::timeline::Point;
use crate::core::validate::Problem;
use crate::web::js;
use crate::web::names::event;

pub enum Outgoing {
    Ready { products: usize, hotspots: usize },
    Error { code: &'static str, message: String, errors: Vec<Problem> },
    HotspotShow { hotspot_id: String, product_id: String, video_time: f64 },
    HotspotHide { hotspot_id: String, product_id: String, video_time: f64 },
    Select { product_id: String, hotspot_id: Option<String>, source: Source, video_time: f64 },
    /// Dispatched through `emitIntent` (it carries `respondWith`); `surface` shows its outcome;
    /// `url` is the product page the default action opens (as it was when the intent was made).
    Intent { intent: Intent, surface: Surface, url: Option<String> },
    /// An analytics ecommerce event for `window.dataLayer` (the `datalayer` attribute).
    DataLayer { event: &'static str, currency: Option<String>, value: Option<f64>, item: Item },
}

/// Where an intent's button is, to show its pending state and outcome.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Surface {
    Card,
    Pinned,
    /// Tap to buy: no card is open.
    None,
}

/// A plain JS object built field by field.
pub struct Detail(Object);

impl Detail {
    pub fn new() -> Detail {
        Detail(Object::new())
    }

    pub fn set(self, key: &str, value: impl Into<JsValue>) -> Detail {
        self.put(key, value.into())
    }

    // One copy of the write for every field of every detail.
    #[inline(never)]
    fn put(self, key: &str, value: JsValue) -> Detail {
        let _ = Reflect::set(&self.0, &JsValue::from_str(key), &value);
        self
    }

    pub fn set_opt_str(self, key: &str, value: Option<&str>) -> Detail {
        let value = value.map_or(JsValue::NULL, JsValue::from_str);
        self.set(key, value)
    }

    pub fn into_js(self) -> JsValue {
        self.0.into()
    }
}

impl Outgoing {
    /// The event's name, its `detail`, and whether it is cancelable (`None` for dataLayer pushes).
    pub fn to_event(&self) -> Option<(&'static str, JsValue, bool)> {
        Some(
        match self {
            Outgoing::Ready { products, hotspots } => (
                event::READY,
                Detail::new().set("products", *products as f64).set("hotspots", *hotspots as f64).into_js(),
                false,
            ),
            Outgoing::Error { code, message, errors } => (
                event::ERROR,
                Detail::new()
                    .set("code", *code)
                    .set("message", message.as_str())
                    .set("errors", problems_to_js(errors))
                    .into_js(),
                false,
            ),
            Outgoing::HotspotShow { hotspot_id, product_id, video_time } => {
                (event::HOTSPOT_SHOW, hotspot_detail(hotspot_id, product_id, *video_time), false)
            }
            Outgoing::HotspotHide { hotspot_id, product_id, video_time } => {
                (event::HOTSPOT_HIDE, hotspot_detail(hotspot_id, product_id, *video_time), false)
            }
            Outgoing::Select { product_id, hotspot_id, source, video_time } => (
                event::SELECT,
                Detail::new()
                    .set("productId", product_id.as_str())
                    .set_opt_str("hotspotId", hotspot_id.as_deref())
                    .set("source", source.name())
                    .set("videoTime", *video_time)
                    .into_js(),
                false,
            ),
            Outgoing::Intent { intent, .. } => (event::INTENT, intent_detail(intent), true),
            Outgoing::DataLayer { .. } => return None,
        })
    }
}

/// Dispatches a plain event on the host (not intents: see `emit_intent`). A listener that
/// throws is reported by the browser and does not reach us.
pub fn dispatch(host: &HtmlElement, outgoing: &Outgoing) {
    if let Some((name, detail, cancelable)) = outgoing.to_event() {
        js::emit(host, name, &detail, cancelable);
    }
}

/// Dispatches `shoppable-intent`; returns whether no listener prevented the default, and the
/// host's settled `respondWith` answer (a promise of {ok, reason}) if it gave one.
pub fn emit_intent(host: &HtmlElement, intent: &Intent) -> (bool, Option<JsValue>) {
    let answer = js::emit_intent(host, &intent_detail(intent));
    let settled = answer.get(1);
    (answer.get(0).as_bool().unwrap_or(true), (!settled.is_null()).then_some(settled))
}

/// Pushes a dataLayer entry: `{event, ecommerce: {currency, value, items: [item]}}`.
pub fn push_data_layer(outgoing: &Outgoing) {
    if let Outgoing::DataLayer { event, currency, value, item } = outgoing {
        let mut ecommerce = Detail::new();
        if let Some(currency) = currency {
            ecommerce = ecommerce.set("currency", currency.as_str());
        }
        if let Some(value) = value {
            ecommerce = ecommerce.set("value", *value);
        }
        js::push_data_layer(event, &ecommerce.set("items", items_to_js(std::slice::from_ref(item))).into_js());
    }
}

fn hotspot_detail(hotspot_id: &str, product_id: &str, video_time: f64) -> JsValue {
    Detail::new()
        .set("hotspotId", hotspot_id)
        .set("productId", product_id)
        .set("videoTime", video_time)
        .into_js()
}

pub fn problems_to_js(problems: &[Problem]) -> JsValue {
    let list = Array::new();
    for problem in problems {
        list.push(&Detail::new().set("path", problem.path.as_str()).set("message", problem.message.as_str()).into_js());
    }
    list.into()
}

fn point_to_js(point: Option<Point>) -> JsValue {
    match point {
        Some(point) => Detail::new().set("x", point.x).set("y", point.y).into_js(),
        None => JsValue::NULL,
    }
}

pub fn item_to_js(item: &Item) -> JsValue {
    let mut detail = Detail::new()
        .set("item_id", item.item_id.as_str())
        .set("item_name", item.item_name.as_str());
    if let Some(price) = item.price {
        detail = detail.set("price", price);
    }
    if let Some(currency) = &item.currency {
        detail = detail.set("currency", currency.as_str());
    }
    detail = detail.set("quantity", item.quantity as f64);
    if let Some(brand) = &item.item_brand {
        detail = detail.set("item_brand", brand.as_str());
    }
    if let Some(variant) = &item.item_variant {
        detail = detail.set("item_variant", variant.as_str());
    }
    detail.into_js()
}

pub fn items_to_js(items: &[Item]) -> JsValue {
    let list = Array::new();
    for item in items {
        list.push(&item_to_js(item));
    }
    list.into()
}

fn intent_detail(intent: &Intent) -> JsValue {
    Detail::new()
        .set("intentId", intent.intent_id.as_str())
        .set("action", intent.action.name())
        .set("productId", intent.product_id.as_str())
        .set_opt_str("hotspotId", intent.hotspot_id.as_deref())
        .set("source", intent.source.name())
        .set("videoTime", intent.video_time)
        .set("position", point_to_js(intent.position))
        .set("quantity", intent.quantity as f64)
        .set("timestamp", intent.timestamp)
        .set("items", items_to_js(&intent.items))
        .into_js()
}
