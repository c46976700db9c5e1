//! The `<shoppable-video>` element: lifecycle, attributes, properties, and the glue between
//! browser facts (frames, layout, taps) and the core's answers.
//!
//! One `Player` sits behind each element instance (created by `element.js`). Its state lives in
//! a `RefCell`; events for the host are queued while it is borrowed and dispatched after, so a
//! host listener may call straight back into the element. Everything the element registers
//! while connected (listeners, the resize observer, the frame loop) is held in `Connection` and
//! unregistered by dropping it on disconnect.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo_events::{EventListener, EventListenerOptions};
use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Document, Element, Event, HtmlElement, HtmlVideoElement, KeyboardEvent, ResizeObserver, ShadowRoot,
    ShadowRootInit, ShadowRootMode,
};

use crate::core::geometry::{ObjectFit, ObjectPosition, Viewport};
use crate::core::intent::{self, Action, Control, RepeatGuard, Source};
use crate::core::stage::{Change, Stage};
use crate::core::timeline::Product;
use crate::core::validate::{self, Problem};
use crate::core::value::Value;
use crate::web::events::{self, Outgoing};
use crate::web::js;
use crate::web::names::{attr, error_code, part, TAG};
use crate::web::overlay::{self, CardView, Overlay};
use crate::web::style;
use crate::web::sync::FrameLoop;

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

#[derive(Clone, Copy, PartialEq)]
enum TapAction {
    Card,
    Intent,
}

/// Where the open card's product came from.
struct OpenCard {
    product_id: String,
    hotspot_id: Option<String>,
    source: Source,
    video_time: f64,
    position: Option<crate::core::timeline::Point>,
    /// The hotspot slot to give focus back to on close.
    opener_slot: Option<usize>,
}

/// What exists only while the element is in the document.
struct Connection {
    _listeners: Vec<EventListener>,
    resize: ResizeObserver,
    _resize_callback: Closure<dyn FnMut(JsValue)>,
    frames: Option<FrameLoop>,
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.resize.disconnect();
    }
}

struct State {
    document: Document,
    shadow: ShadowRoot,
    overlay: Overlay,
    video: Option<HtmlVideoElement>,
    /// The element created the video (so attributes pass through to it).
    own_video: bool,
    stage: Stage,
    viewport: Viewport,
    locale: String,
    currency_attr: Option<String>,
    tap_action: TapAction,
    /// Relative product URLs resolve against this (the timeline's URL, or the page).
    base_url: String,
    /// Bumped on each timeline load, so a slow fetch never replaces a newer timeline.
    generation: u32,
    /// Media time of the frame the viewer sees (the last one rendered).
    presented_time: f64,
    moves: Vec<f64>,
    card: Option<OpenCard>,
    repeat_guard: RepeatGuard,
    connection: Option<Connection>,
}

struct Shared {
    host: HtmlElement,
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
        let document = host.owner_document().ok_or_else(|| JsValue::from_str("no document"))?;
        let shadow = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?;
        style::adopt(&shadow, &document)?;
        let slot = document.create_element("slot")?;
        shadow.append_child(&slot)?;
        let overlay = Overlay::new(&document, &shadow)?;
        let locale = web_sys::window().and_then(|w| w.navigator().language()).unwrap_or_default();
        let state = State {
            document,
            shadow,
            overlay,
            video: None,
            own_video: false,
            stage: Stage::new(),
            viewport: unknown_viewport(),
            locale,
            currency_attr: None,
            tap_action: TapAction::Card,
            base_url: String::new(),
            generation: 0,
            presented_time: 0.0,
            moves: Vec::new(),
            card: None,
            repeat_guard: RepeatGuard::default(),
            connection: None,
        };
        Ok(Player { shared: Rc::new(Shared { host, state: RefCell::new(state), outbox: RefCell::new(Vec::new()) }) })
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
            attr::TIMELINE => match value {
                Some(url) if !url.trim().is_empty() => Shared::fetch_timeline(shared, &url),
                _ => {}
            },
            attr::LOCALE => shared.update(|state, outbox| {
                state.locale = value.unwrap_or_else(|| {
                    web_sys::window().and_then(|w| w.navigator().language()).unwrap_or_default()
                });
                state.relabel(outbox);
            }),
            attr::CURRENCY => shared.update(|state, outbox| {
                state.currency_attr = value.filter(|c| !c.is_empty()).map(|c| c.to_ascii_uppercase());
                state.relabel(outbox);
            }),
            attr::TAP_ACTION => shared.update(|state, _| {
                state.tap_action = if value.as_deref() == Some("intent") { TapAction::Intent } else { TapAction::Card };
            }),
            _ if attr::VIDEO_PASS_THROUGH.contains(&name.as_str()) => shared.update(|state, _| {
                if let (true, Some(video)) = (state.own_video, &state.video) {
                    pass_through(video, &name, value.as_deref());
                }
            }),
            _ => {}
        }
    }

    pub fn timeline(&self) -> JsValue {
        let value = self.shared.read(|state| Value::from(&state.stage.timeline()));
        value.map_or(JsValue::NULL, |value| value_to_js(&value))
    }

    #[wasm_bindgen(js_name = setTimeline)]
    pub fn set_timeline(&self, value: JsValue) {
        let base = self.shared.host.base_uri().ok().flatten().unwrap_or_default();
        self.shared.update(|state, outbox| {
            // A timeline set directly wins over a fetch still on its way.
            state.generation = state.generation.wrapping_add(1);
            match value_from_js(value) {
                Ok(value) => state.load_timeline(&value, base, outbox),
                Err(problem) => outbox.push(invalid_timeline(vec![problem])),
            }
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

    #[wasm_bindgen(js_name = addHotspots)]
    pub fn add_hotspots(&self, _list: JsValue) -> Result<(), JsValue> {
        Err(js_sys::Error::new("addHotspots is not available yet").into())
    }

    #[wasm_bindgen(js_name = removeHotspots)]
    pub fn remove_hotspots(&self, _ids: JsValue) {}

    #[wasm_bindgen(js_name = upsertProducts)]
    pub fn upsert_products(&self, _list: JsValue) {}

    #[wasm_bindgen(js_name = pinProduct)]
    pub fn pin_product(&self, _id: JsValue) {}
}

impl Shared {
    /// Runs `f` on the state, then dispatches what it queued. Never panics on re-entry: a call
    /// that arrives while the state is busy (which the design avoids) is dropped with a warning.
    fn update(&self, f: impl FnOnce(&mut State, &mut Vec<Outgoing>)) {
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

    fn read<R>(&self, f: impl FnOnce(&State) -> R) -> Option<R> {
        self.state.try_borrow().ok().map(|state| f(&state))
    }

    /// Dispatches queued events, in order, with no borrow held.
    fn flush(&self) {
        loop {
            let next = match self.outbox.try_borrow_mut() {
                Ok(mut outbox) if !outbox.is_empty() => outbox.remove(0),
                _ => return,
            };
            let (allowed, _detail) = events::dispatch(&self.host, &next);
            if let Outgoing::Intent { intent } = &next {
                self.after_intent(&intent.product_id, allowed);
            }
        }
    }

    /// The default action of an intent nobody prevented: open the product page.
    fn after_intent(&self, product_id: &str, allowed: bool) {
        let target = self.read(|state| {
            let product = state.stage.product(product_id)?;
            let url = js::resolve_http_url(product.url.as_deref()?, &state.base_url);
            (!url.is_empty()).then_some(url)
        });
        let status = match (allowed, target.flatten()) {
            (true, Some(url)) => {
                if let Some(window) = web_sys::window() {
                    let _ = window.open_with_url_and_target_and_features(&url, "_blank", "noopener");
                }
                "Opened in a new tab"
            }
            _ => "",
        };
        self.update(|state, _| state.overlay.card.set_status(status));
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
                Ok(mut connection) => {
                    if !video.paused() && !video.ended() {
                        connection.frames = Some(start_frames(&weak, &video));
                    }
                    state.connection = Some(connection);
                }
                Err(error) => web_sys::console::error_1(&error),
            }
            state.relayout(&host);
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
        let done = Closure::once_into_js(move |json: JsValue, final_url: String, error: Option<String>| {
            let Some(shared) = weak.upgrade() else { return };
            shared.update(|state, outbox| {
                if state.generation != generation {
                    return; // a newer timeline was asked for meanwhile
                }
                match error {
                    Some(message) => outbox.push(Outgoing::Error {
                        code: error_code::TIMELINE_FETCH,
                        message,
                        errors: Vec::new(),
                    }),
                    None => match value_from_js(json) {
                        Ok(value) => state.load_timeline(&value, final_url, outbox),
                        Err(problem) => outbox.push(invalid_timeline(vec![problem])),
                    },
                }
            });
        });
        js::fetch_json(url, done);
    }

    fn with(weak: &Weak<Shared>, f: impl FnOnce(&Rc<Shared>)) {
        if let Some(shared) = weak.upgrade() {
            f(&shared);
        }
    }
}

fn start_frames(weak: &Weak<Shared>, video: &HtmlVideoElement) -> FrameLoop {
    let weak = weak.clone();
    FrameLoop::start(video, move |time| {
        Shared::with(&weak, |shared| shared.update(|state, outbox| state.render(time, outbox)));
    })
}

impl Connection {
    fn new(
        weak: &Weak<Shared>,
        host: &HtmlElement,
        video: &HtmlVideoElement,
        shadow: &ShadowRoot,
        document: &Document,
    ) -> Result<Connection, JsValue> {
        let mut listeners = Vec::new();
        let on_video = |name: &'static str, f: fn(&Rc<Shared>, &HtmlVideoElement)| {
            let weak = weak.clone();
            let video_for_callback = video.clone();
            EventListener::new(video, name, move |_| Shared::with(&weak, |shared| f(shared, &video_for_callback)))
        };
        // Playing: a frame loop. Paused or ended: no loop, one render now.
        listeners.push(on_video("play", |shared, video| {
            let weak = Rc::downgrade(shared);
            shared.update(|state, _| {
                if let Some(connection) = state.connection.as_mut() {
                    if connection.frames.is_none() {
                        connection.frames = Some(start_frames(&weak, video));
                    }
                }
            });
        }));
        for name in ["pause", "ended", "emptied"] {
            listeners.push(on_video(name, |shared, video| {
                shared.update(|state, outbox| {
                    if let Some(connection) = state.connection.as_mut() {
                        connection.frames = None;
                    }
                    state.render(video.current_time(), outbox);
                });
            }));
        }
        for name in ["seeking", "seeked"] {
            listeners.push(on_video(name, |shared, video| {
                shared.update(|state, outbox| {
                    if video.paused() {
                        state.render(video.current_time(), outbox);
                    }
                });
            }));
        }
        // The intrinsic size is known (or changed): geometry changes.
        for name in ["loadedmetadata", "resize"] {
            listeners.push(on_video(name, |shared, video| {
                let host = shared.host.clone();
                shared.update(|state, outbox| {
                    state.relayout(&host);
                    let time = if video.paused() { video.current_time() } else { state.presented_time };
                    state.render(time, outbox);
                });
            }));
        }
        let relayout_now = {
            let weak = weak.clone();
            move || {
                Shared::with(&weak, |shared| {
                    let host = shared.host.clone();
                    shared.update(|state, outbox| {
                        state.relayout(&host);
                        let time = state.presented_time;
                        state.render(time, outbox);
                    });
                })
            }
        };
        {
            let relayout_now = relayout_now.clone();
            listeners.push(EventListener::new(document, "fullscreenchange", move |_| relayout_now()));
        }
        // Taps and keys on the overlay (delegated: one listener for every button).
        {
            let weak = weak.clone();
            listeners.push(EventListener::new(shadow, "click", move |event| {
                Shared::with(&weak, |shared| on_click(shared, event));
            }));
        }
        {
            let weak = weak.clone();
            let options = EventListenerOptions::enable_prevent_default();
            listeners.push(EventListener::new_with_options(shadow, "keydown", options, move |event| {
                Shared::with(&weak, |shared| on_keydown(shared, event));
            }));
        }
        let resize_callback = Closure::<dyn FnMut(JsValue)>::new(move |_entries: JsValue| relayout_now());
        let resize = ResizeObserver::new(resize_callback.as_ref().unchecked_ref())?;
        resize.observe(video);
        resize.observe(host);
        Ok(Connection { _listeners: listeners, resize, _resize_callback: resize_callback, frames: None })
    }
}

fn on_click(shared: &Rc<Shared>, event: &Event) {
    let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
    if let Some(slot) = overlay::hotspot_slot(&target) {
        event.stop_propagation();
        shared.update(|state, outbox| state.tap_hotspot(slot, outbox));
        return;
    }
    match overlay::control_part(&target).as_deref() {
        Some(part::BUY) => shared.update(|state, outbox| state.card_intent(Action::BuyNow, outbox)),
        Some(part::ADD_TO_CART) => shared.update(|state, outbox| state.card_intent(Action::AddToCart, outbox)),
        Some(part::CLOSE) => shared.update(|state, _| {
            state.close_card();
        }),
        _ => {}
    }
}

fn on_keydown(shared: &Rc<Shared>, event: &Event) {
    let Some(event) = event.dyn_ref::<KeyboardEvent>() else { return };
    if event.key() == "Escape" {
        let mut closed = false;
        shared.update(|state, _| closed = state.close_card());
        if closed {
            event.prevent_default();
            event.stop_propagation();
        }
    }
}

impl State {
    /// Uses the host's child `<video>` as it is, or creates one from the pass-through attributes.
    fn adopt_video(&mut self, host: &HtmlElement) -> Result<(), JsValue> {
        if let Ok(Some(child)) = host.query_selector(":scope > video") {
            if let Ok(video) = child.dyn_into::<HtmlVideoElement>() {
                self.video = Some(video);
                return Ok(());
            }
        }
        let video: HtmlVideoElement = self.document.create_element("video")?.unchecked_into();
        video.set_attribute("part", part::VIDEO)?;
        for name in attr::VIDEO_PASS_THROUGH {
            pass_through(&video, name, host.get_attribute(name).as_deref());
        }
        self.shadow.insert_before(&video, self.shadow.first_child().as_ref())?;
        self.video = Some(video);
        self.own_video = true;
        Ok(())
    }

    /// Reads the layout facts (only when they may have changed) and lays the overlay over them.
    fn relayout(&mut self, host: &HtmlElement) {
        let Some(video) = &self.video else { return };
        let facts = js::read_layout(host, video);
        let number = |i: u32| facts.get(i).as_f64().unwrap_or(0.0);
        let (left, top, width, height) = (number(0), number(1), number(2), number(3));
        self.viewport = Viewport {
            video_width: number(4),
            video_height: number(5),
            box_width: width,
            box_height: height,
            fit: ObjectFit::parse(&facts.get(6).as_string().unwrap_or_default()),
            position: ObjectPosition::parse(&facts.get(7).as_string().unwrap_or_default()),
        };
        self.overlay.place_layer(left, top, width, height);
    }

    /// One frame: asks the stage what changed at `time` and applies it. A frame where nothing
    /// changed writes nothing.
    fn render(&mut self, time: f64, outbox: &mut Vec<Outgoing>) {
        self.presented_time = time;
        self.stage.frame(time, &self.viewport);
        self.moves.clear();
        for change in self.stage.changes() {
            match change {
                Change::Hide { slot, hotspot_id, product_id } => {
                    let _ = self.overlay.hide_hotspot(*slot);
                    outbox.push(Outgoing::HotspotHide {
                        hotspot_id: hotspot_id.clone(),
                        product_id: product_id.clone(),
                        video_time: time,
                    });
                }
                Change::Show { slot, key, x, y } => {
                    let Some(hotspot) = self.stage.hotspot(*key) else { continue };
                    let product = self.stage.product(&hotspot.product);
                    let label = product.map(|p| self.aria_label(p)).unwrap_or_default();
                    let tag = hotspot.label.as_deref().unwrap_or("");
                    let _ = self.overlay.show_hotspot(*slot, &hotspot.id, &hotspot.product, &label, tag);
                    self.moves.extend_from_slice(&[*slot as f64, *x, *y]);
                    outbox.push(Outgoing::HotspotShow {
                        hotspot_id: hotspot.id.clone(),
                        product_id: hotspot.product.clone(),
                        video_time: time,
                    });
                }
                Change::Move { slot, x, y } => self.moves.extend_from_slice(&[*slot as f64, *x, *y]),
            }
        }
        self.overlay.place_hotspots(&self.moves);
    }

    fn load_timeline(&mut self, value: &Value, base_url: String, outbox: &mut Vec<Outgoing>) {
        match validate::timeline_from_value(value) {
            Ok(timeline) => {
                self.stage.load(timeline);
                self.base_url = base_url;
                let (products, hotspots) = self.stage.counts();
                outbox.push(Outgoing::Ready { products, hotspots });
                self.refresh_card();
                self.relabel(outbox);
                let time = self.current_time();
                self.render(time, outbox);
            }
            Err(problems) => outbox.push(invalid_timeline(problems)),
        }
    }

    /// The time to render at outside the frame loop: the video's, when paused.
    fn current_time(&self) -> f64 {
        match &self.video {
            Some(video) if video.paused() => video.current_time(),
            _ => self.presented_time,
        }
    }

    fn currency_for<'a>(&'a self, product: &'a Product) -> Option<&'a str> {
        product.currency.as_deref().or(self.stage.currency()).or(self.currency_attr.as_deref())
    }

    fn format_price(&self, amount: f64, product: &Product) -> String {
        js::format_price(amount, self.currency_for(product).unwrap_or(""), &self.locale)
    }

    /// "Cloisonne vase, CN¥1,280.00" (and "sold out" when it is).
    fn aria_label(&self, product: &Product) -> String {
        let mut label = product.display_name().to_owned();
        if let Some(price) = product.price {
            label.push_str(", ");
            label.push_str(&self.format_price(price, product));
        }
        if !product.available {
            label.push_str(", sold out");
        }
        label
    }

    /// Labels of shown hotspots after a change of locale, currency or products.
    fn relabel(&mut self, _outbox: &mut Vec<Outgoing>) {
        for (slot, key) in self.stage.visible() {
            let Some(hotspot) = self.stage.hotspot(key) else { continue };
            if let Some(product) = self.stage.product(&hotspot.product) {
                let _ = self.overlay.label_hotspot(slot, &self.aria_label(product));
            }
        }
        self.refresh_card();
    }

    fn tap_hotspot(&mut self, slot: usize, outbox: &mut Vec<Outgoing>) {
        let Some(key) = self.stage.visible_hotspot_at_slot(slot) else { return };
        let Some(hotspot) = self.stage.hotspot(key) else { return };
        let open = OpenCard {
            product_id: hotspot.product.clone(),
            hotspot_id: Some(hotspot.id.clone()),
            source: Source::Hotspot,
            video_time: self.presented_time,
            position: self.stage.normalized_position(key),
            opener_slot: Some(slot),
        };
        outbox.push(Outgoing::Select {
            product_id: open.product_id.clone(),
            hotspot_id: open.hotspot_id.clone(),
            source: open.source,
            video_time: open.video_time,
        });
        match self.tap_action {
            TapAction::Intent => {
                let control = Control::new(Action::BuyNow, Source::Hotspot, u64::from(key));
                self.emit_intent(Action::BuyNow, &open, control, outbox);
            }
            TapAction::Card => {
                self.card = Some(open);
                if self.refresh_card() {
                    self.overlay.card.open();
                }
            }
        }
    }

    /// Fills the card for its product (after it opened or its product changed); false when
    /// there is no card or its product is gone.
    fn refresh_card(&mut self) -> bool {
        let Some(open) = &self.card else { return false };
        let Some(product) = self.stage.product(&open.product_id) else {
            self.close_card();
            return false;
        };
        let price = product.price.map(|p| self.format_price(p, product)).unwrap_or_default();
        let original_price = product.original_price.map(|p| self.format_price(p, product)).unwrap_or_default();
        let image = product.image.as_deref().map(|url| js::resolve_http_url(url, &self.base_url)).unwrap_or_default();
        let view = CardView {
            title: product.display_name(),
            price: &price,
            original_price: &original_price,
            description: product.description.as_deref().unwrap_or(""),
            image: &image,
            available: product.available,
        };
        self.overlay.card.fill(&view).is_ok()
    }

    fn card_intent(&mut self, action: Action, outbox: &mut Vec<Outgoing>) {
        let Some(open) = self.card.take() else { return };
        let control = Control::for_product(action, open.source, &open.product_id);
        self.emit_intent(action, &open, control, outbox);
        self.card = Some(open);
    }

    /// Queues an intent unless the product cannot be bought or the same control fired < 500 ms ago.
    fn emit_intent(&mut self, action: Action, open: &OpenCard, control: Control, outbox: &mut Vec<Outgoing>) {
        let Some(product) = self.stage.product(&open.product_id) else { return };
        if !intent::can_buy(product) {
            return;
        }
        let now = js_sys::Date::now();
        if !self.repeat_guard.allow(control, now) {
            return;
        }
        let mut id = js::random_uuid();
        if id.is_empty() {
            id = intent::uuid_v4(random_bytes());
        }
        let currency = self.stage.currency().or(self.currency_attr.as_deref()).map(str::to_owned);
        let intent = intent::intent(
            id,
            action,
            product,
            currency.as_deref(),
            open.hotspot_id.clone(),
            open.source,
            open.video_time,
            open.position,
            now,
        );
        if self.card.is_some() || self.overlay.card.is_open() {
            self.overlay.card.set_status("");
        }
        outbox.push(Outgoing::Intent { intent });
    }

    /// Closes the card; gives focus back to the hotspot that opened it. False if none was open.
    fn close_card(&mut self) -> bool {
        let was_open = self.overlay.card.is_open();
        self.overlay.card.close();
        if let Some(slot) = self.card.take().and_then(|open| open.opener_slot) {
            if let Some(button) = self.overlay.hotspot_button(slot) {
                let _ = button.focus();
            }
        }
        was_open
    }
}

fn unknown_viewport() -> Viewport {
    Viewport {
        video_width: 0.0,
        video_height: 0.0,
        box_width: 0.0,
        box_height: 0.0,
        fit: ObjectFit::Contain,
        position: ObjectPosition::default(),
    }
}

fn pass_through(video: &HtmlVideoElement, name: &str, value: Option<&str>) {
    let _ = match value {
        Some(value) => video.set_attribute(name, value),
        None => video.remove_attribute(name),
    };
    // `muted` and friends as attributes only set defaults; the properties are what count.
    if attr::VIDEO_BOOLEAN.contains(&name) {
        let property = if name == "playsinline" { "playsInline" } else { name };
        let _ = Reflect::set(video, &JsValue::from_str(property), &JsValue::from_bool(value.is_some()));
    }
}

fn invalid_timeline(problems: Vec<Problem>) -> Outgoing {
    let message = match problems.first() {
        Some(first) if problems.len() == 1 => format!("invalid timeline: {first}"),
        Some(first) => format!("invalid timeline: {first} (and {} more)", problems.len() - 1),
        None => "invalid timeline".to_owned(),
    };
    Outgoing::Error { code: error_code::INVALID_TIMELINE, message, errors: problems }
}

fn value_from_js(value: JsValue) -> Result<Value, Problem> {
    serde_wasm_bindgen::from_value(value).map_err(|error| Problem {
        path: String::new(),
        message: format!("not a JSON-like value: {error}"),
    })
}

fn value_to_js(value: &Value) -> JsValue {
    match value {
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        Value::Number(n) => JsValue::from_f64(*n),
        Value::String(s) => JsValue::from_str(s),
        Value::Array(items) => items.iter().map(value_to_js).collect::<Array>().into(),
        Value::Object(members) => {
            let object = js_sys::Object::new();
            for (key, member) in members {
                let _ = Reflect::set(&object, &JsValue::from_str(key), &value_to_js(member));
            }
            object.into()
        }
    }
}

fn random_bytes() -> [u8; 16] {
    let mut bytes = [0u8; 16];
    for chunk in bytes.chunks_mut(4) {
        let word = (js_sys::Math::random() * 4_294_967_296.0) as u32;
        chunk.copy_from_slice(&word.to_le_bytes());
    }
    bytes
}
