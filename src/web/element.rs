//! The `<shoppable-video>` element's Rust side: one `Player` per instance (created by
//! `element.js`), its public properties and methods, and the rule that keeps re-entry safe.
//!
//! The state lives in a `RefCell`; events for the host are queued while it is borrowed and
//! dispatched after (`Shared::update`), because a host listener may call straight back into the
//! element (set a timeline, remove it...). Everything registered while connected is held in a
//! `Connection` and unregistered by dropping it on disconnect.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlVideoElement};

use crate::core::{json, number, shape};
use crate::core::validate::{self, Problem};
use crate::core::value::Value;
use crate::web::connection::Connection;
use crate::web::events::{self, Outgoing, Surface};
use crate::web::js;
use crate::web::names::{attr, error_code, TAG};
use crate::web::state::{RailMode, State, TapAction};

/// How long the card waits for a `respondWith` answer, unless the host sets
/// `data-respond-timeout` (milliseconds; meant for tests).
const RESPOND_TIMEOUT_MS: f64 = 10_000.0;

/// Defines `<shoppable-video>` (once; `element.js` checks the registry).
pub fn define() {
    let create = Closure::<dyn Fn(HtmlElement) -> JsValue>::new(|host: HtmlElement| match Player::new(host) {
        Ok(player) => player.into(),
        Err(error) => {
            web_sys::console::error_2(&JsValue::from_str("shoppable-video: could not build the element"), &error);
            JsValue::NULL
        }
    });
    let observed = Array::new();
    for name in [attr::TIMELINE, attr::LOCALE, attr::CURRENCY, attr::TAP_ACTION, attr::RAIL, attr::DATALAYER]
        .iter()
        .chain(attr::VIDEO_PASS_THROUGH.iter())
    {
        observed.push(&JsValue::from_str(name));
    }
    // The class lives as long as the page: JS owns the factory from here on.
    js::define_element(TAG, &create.into_js_value(), &observed);
}

pub struct Shared {
    pub host: HtmlElement,
    /// This value itself, for callbacks that must not keep the element alive.
    me: Weak<Shared>,
    state: RefCell<State>,
    outbox: RefCell<Vec<Outgoing>>,
}

/// The Rust side of one `<shoppable-video>` instance (used by `element.js` only).
#[wasm_bindgen(skip_typescript)]
pub struct Player {
    shared: Rc<Shared>,
}

#[wasm_bindgen]
impl Player {
    fn new(host: HtmlElement) -> Result<Player, JsValue> {
        let state = State::new(&host)?;
        let shared = Rc::new_cyclic(|me| Shared {
            host,
            me: me.clone(),
            state: RefCell::new(state),
            outbox: RefCell::new(Vec::new()),
        });
        Ok(Player { shared })
    }

    pub fn connected(&self) {
        Shared::connect(&self.shared);
    }

    pub fn disconnected(&self) {
        self.shared.update(|state, _| state.connection = None);
    }

    #[wasm_bindgen(js_name = attributeChanged)]
    pub fn attribute_changed(&self, name: String, value: Option<String>) {
        let shared = &self.shared;
        match name.as_str() {
            attr::TIMELINE => {
                if let Some(url) = value.filter(|url| !url.trim().is_empty()) {
                    Shared::fetch_timeline(shared, &url);
                }
            }
            attr::LOCALE => shared.update(|state, _| {
                state.locale = value.unwrap_or_else(navigator_language);
                state.products_changed();
            }),
            attr::CURRENCY => shared.update(|state, _| {
                state.currency_attr = value.filter(|c| !c.is_empty()).map(|c| c.to_ascii_uppercase());
                state.products_changed();
            }),
            attr::TAP_ACTION => shared.update(|state, _| {
                state.tap_action = if value.as_deref() == Some("intent") { TapAction::Intent } else { TapAction::Card };
            }),
            attr::RAIL => shared.update(|state, _| {
                state.rail_mode = match value.as_deref() {
                    Some("open") => RailMode::Open,
                    Some("closed") => RailMode::Closed,
                    _ => RailMode::Auto,
                };
                state.rail_toggled = None;
                state.apply_rail_mode();
            }),
            attr::DATALAYER => shared.update(|state, _| state.datalayer = value.is_some()),
            _ if attr::VIDEO_PASS_THROUGH.contains(&name.as_str()) => {
                shared.update(|state, _| state.pass_through(&name, value.as_deref()))
            }
            _ => {}
        }
    }

    /// The timeline as a plain object: the core writes it as JSON text (`core::shape`) and the
    /// browser's `JSON.parse` builds it.
    pub fn timeline(&self) -> JsValue {
        let text = self.shared.read(|state| {
            let stage = &state.stage;
            shape::timeline_json(stage.currency(), stage.products(), stage.live_hotspots(), &js::write_js_number)
        });
        text.and_then(|text| js_sys::JSON::parse(&text).ok()).unwrap_or(JsValue::NULL)
    }

    #[wasm_bindgen(js_name = setTimeline)]
    pub fn set_timeline(&self, value: JsValue) {
        let base = self.shared.host.base_uri().ok().flatten().unwrap_or_default();
        with_value_from_js(&value, |value| {
            self.shared.update(|state, outbox| {
                // A timeline set directly wins over a fetch still on its way.
                state.generation = state.generation.wrapping_add(1);
                match value {
                    Ok(value) => state.load_timeline(&value, base, outbox),
                    Err(problem) => outbox.push(refused(vec![problem])),
                }
            })
        });
    }

    pub fn video(&self) -> Option<HtmlVideoElement> {
        self.shared.read(|state| state.video.clone()).flatten()
    }

    #[wasm_bindgen(js_name = activeHotspots)]
    pub fn active_hotspots(&self) -> Array {
        let ids = Array::new();
        self.shared.read(|state| {
            for (_, key) in state.stage.visible() {
                if let Some(hotspot) = state.stage.hotspot(key) {
                    ids.push(&JsValue::from_str(&hotspot.id));
                }
            }
        });
        ids
    }

    /// Adds hotspots at run time; all or nothing. Throws a `TypeError` listing every problem.
    #[wasm_bindgen(js_name = addHotspots)]
    pub fn add_hotspots(&self, list: JsValue) -> Result<(), JsValue> {
        let mut result = Ok(());
        with_value_from_js(&list, |value| {
            self.shared.update(|state, outbox| {
                let checked = value.map_err(|problem| vec![problem]).and_then(|value| {
                    let stage = &state.stage;
                    validate::hotspots_from_value(&value, "", &|id| stage.has_product(id), &|id| stage.has_hotspot(id))
                });
                match checked {
                    Ok(hotspots) => state.add_hotspots(hotspots, outbox),
                    Err(problems) => {
                        result = Err(type_error("addHotspots", &problems));
                        outbox.push(refused(problems));
                    }
                }
            })
        });
        result
    }

    #[wasm_bindgen(js_name = removeHotspots)]
    pub fn remove_hotspots(&self, ids: JsValue) {
        let ids: Vec<String> = match ids.dyn_into::<Array>() {
            Ok(list) => list.iter().filter_map(|id| id.as_string()).collect(),
            Err(single) => single.as_string().into_iter().collect(),
        };
        self.shared.update(|state, outbox| state.remove_hotspots(&ids, outbox));
    }

    /// Adds or replaces products by id; all or nothing. Throws a `TypeError` listing every problem.
    #[wasm_bindgen(js_name = upsertProducts)]
    pub fn upsert_products(&self, list: JsValue) -> Result<(), JsValue> {
        let checked = with_value_from_js(&list, |value| {
            value.map_err(|problem| vec![problem]).and_then(|value| validate::products_from_value(&value, ""))
        });
        let mut result = Ok(());
        self.shared.update(|state, outbox| match checked {
            Ok(products) => state.upsert_products(products, outbox),
            Err(problems) => {
                result = Err(type_error("upsertProducts", &problems));
                outbox.push(refused(problems));
            }
        });
        result
    }

    /// Shows the pinned "now presenting" card for a product, or clears it with `null`.
    #[wasm_bindgen(js_name = pinProduct)]
    pub fn pin_product(&self, id: JsValue) -> Result<(), JsValue> {
        let mut result = Ok(());
        self.shared.update(|state, outbox| {
            if id.is_null() || id.is_undefined() {
                state.pin(None);
                return;
            }
            let problem = match id.as_string() {
                Some(id) if state.stage.has_product(&id) => {
                    state.pin(Some(id));
                    return;
                }
                Some(id) => format!("unknown product \"{id}\""),
                None => "expected a product id (a string) or null".to_owned(),
            };
            let problems = vec![Problem { path: String::new(), message: problem }];
            result = Err(type_error("pinProduct", &problems));
            outbox.push(refused(problems));
        });
        result
    }
}

impl Shared {
    /// Runs `f` on the state, then dispatches what it queued. Never panics on re-entry: a call
    /// that arrives while the state is busy (which the design avoids) is dropped with a warning.
    pub fn update(&self, f: impl FnOnce(&mut State, &mut Vec<Outgoing>)) {
        {
            let Ok(mut state) = self.state.try_borrow_mut() else {
                web_sys::console::warn_1(&JsValue::from_str("shoppable-video: re-entrant call ignored"));
                return;
            };
            let Ok(mut outbox) = self.outbox.try_borrow_mut() else { return };
            f(&mut state, &mut outbox);
        }
        self.flush();
    }

    pub fn read<R>(&self, f: impl FnOnce(&State) -> R) -> Option<R> {
        self.state.try_borrow().ok().map(|state| f(&state))
    }

    pub fn with(weak: &Weak<Shared>, f: impl FnOnce(&Rc<Shared>)) {
        if let Some(shared) = weak.upgrade() {
            f(&shared);
        }
    }

    /// Dispatches queued events, in order, with no borrow held.
    fn flush(self: &Shared) {
        loop {
            let next = match self.outbox.try_borrow_mut() {
                Ok(mut outbox) if !outbox.is_empty() => outbox.remove(0),
                _ => return,
            };
            match &next {
                Outgoing::Intent { intent, surface } => self.dispatch_intent(intent, *surface),
                Outgoing::DataLayer { .. } => events::push_data_layer(&next),
                _ => events::dispatch(&self.host, &next),
            }
        }
    }

    fn dispatch_intent(&self, intent: &crate::core::intent::Intent, surface: Surface) {
        let timeout = self
            .host
            .get_attribute("data-respond-timeout")
            .and_then(|ms| number::parse_css_number(&ms))
            .filter(|ms| ms.is_finite() && *ms >= 0.0)
            .unwrap_or(RESPOND_TIMEOUT_MS);
        let (allowed, settled) = events::emit_intent(&self.host, intent, timeout);
        let action = intent.action;
        let product_id = intent.product_id.clone();
        let opened = allowed && self.read(|state| state.open_product_page(&product_id)).unwrap_or(false);
        let weak = self.me.clone();
        match settled {
            Some(settled) => {
                let intent_id = intent.intent_id.clone();
                self.update(|state, _| state.await_answer(surface, action, product_id, intent_id.clone()));
                let done = Closure::once_into_js(move |ok: bool, reason: String| {
                    Shared::with(&weak, |shared| shared.update(|state, _| state.settle(&intent_id, ok, &reason)));
                });
                js::when_settled(&settled, done);
            }
            None => self.update(|state, _| state.show_outcome(surface, opened)),
        }
    }

    fn connect(shared: &Rc<Shared>) {
        let weak = Rc::downgrade(shared);
        let host = shared.host.clone();
        shared.update(|state, outbox| {
            if state.connection.is_some() {
                return;
            }
            if state.video.is_none() {
                if let Err(error) = state.adopt_video(&host) {
                    web_sys::console::error_1(&error);
                    return;
                }
            }
            let Some(video) = state.video.clone() else { return };
            match Connection::new(&weak, &host, &video, &state.shadow, &state.document) {
                Ok(connection) => state.connection = Some(connection),
                Err(error) => web_sys::console::error_1(&error),
            }
            state.follow_playback(&video);
            // Layout first: reading cues renders when some join, and needs the geometry.
            state.relayout(&host);
            state.read_cues(outbox);
            let time = video.current_time();
            state.render(time, outbox);
        });
    }

    fn fetch_timeline(shared: &Rc<Shared>, url: &str) {
        let mut generation = 0;
        shared.update(|state, _| {
            state.generation = state.generation.wrapping_add(1);
            generation = state.generation;
        });
        let weak = Rc::downgrade(shared);
        let done = Closure::once_into_js(move |text: String, final_url: String, error: Option<String>| {
            // A document that is not JSON failed to load, like one that was not found.
            let value = match error {
                Some(message) => Err(message),
                None => parse_json(&text).map_err(|message| [&final_url, ": ", &message].concat()),
            }
            .map_err(|message| Outgoing::Error { code: error_code::TIMELINE_FETCH, message, errors: Vec::new() });
            Shared::with(&weak, |shared| {
                shared.update(|state, outbox| {
                    if state.generation != generation {
                        return; // a newer timeline was asked for meanwhile
                    }
                    match value {
                        Ok(value) => state.load_timeline(&value, final_url, outbox),
                        Err(error) => outbox.push(error),
                    }
                })
            });
        });
        js::fetch_text(url, done);
    }
}

pub fn navigator_language() -> String {
    web_sys::window().and_then(|w| w.navigator().language()).unwrap_or_default()
}

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
fn type_error(method: &str, problems: &[Problem]) -> JsValue {
    let mut message = format!("{method}: ");
    for (i, problem) in problems.iter().enumerate() {
        if i > 0 {
            message.push_str("; ");
        }
        message.push_str(&problem.to_string());
    }
    let error = js_sys::TypeError::new(&message);
    let _ = js_sys::Reflect::set(&error, &JsValue::from_str("errors"), &events::problems_to_js(problems));
    error.into()
}

/// JSON text as a `Value`; the rare number the core cannot read exactly goes to `parseFloat`.
pub fn parse_json(text: &str) -> Result<Value<'_>, String> {
    json::parse_with(text, &|number| Some(js_sys::Number::parse_float(number)).filter(|n| !n.is_nan()))
}

/// Hands `then` a host's JS value (a timeline, a list) as a `Value`: the browser writes it as
/// JSON text, which crosses into the Wasm once and is parsed here. The `Value` borrows its
/// strings from that text, so it lives only as long as the call.
pub fn with_value_from_js<R>(value: &JsValue, then: impl FnOnce(Result<Value<'_>, Problem>) -> R) -> R {
    let answer = js::to_json(value);
    let problem = |message: String| Problem { path: String::new(), message };
    match answer.get(0).as_string() {
        Some(text) => then(parse_json(&text).map_err(problem)),
        None => then(Err(problem(answer.get(1).as_string().unwrap_or_default()))),
    }
}
