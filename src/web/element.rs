//! The `<shoppable-video>` element's Rust side: one `Player` per instance (created by
//! `element.js`), its public properties and methods, and the rules of timing and re-entry.
//!
//! Ownership reads one way: the element (JS) owns its `Player`; the player holds the element
//! only through a `WeakRef`, and holds DOM handles (in `State`) and listeners (the `Connection`)
//! only while the element is in the document. Disconnecting drops them all, so a removed element
//! that the page lets go of is collected with its video and shadow tree, and its player with it.
//!
//! Events caused by the host's own calls are dispatched after the call returned (in a
//! microtask); events of the viewer and of playback at once. A call that arrives while the state
//! is busy (a host's `focusin` listener, run inside an update) is applied right after it.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::{Rc, Weak};

use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use crate::core::intent::{Action, Source};
use crate::core::number;
use crate::core::shape;
use crate::core::validate::{self, Problem};
use crate::web::connection::{Connection, Fact, Sink};
use crate::web::events::{self, Outgoing, Surface};
use crate::web::failure;
use crate::web::input::{js_options, refused, text_from_js, text_options, type_error};
use crate::web::js;
use crate::web::names::{attr, error_code, part};
use crate::web::state::{RailMode, State, TapAction};
use crate::web::style;

/// Defines `<shoppable-video>` (once; `element.js` holds the class) with its Rust side.
pub fn define() {
    failure::install_panic_hook();
    // Numbers in messages are printed by JavaScript itself.
    number::set_printer(js::write_js_number);
    // `create(0, host)` answers the element's player: a `js::Callback` that takes its calls
    // (see `Player::call`) and owns the `Player`, freed when the element lets go of it.
    let create = js::Callback::new(|_: u32, host: JsValue| {
        let player = Player::new(host.unchecked_ref());
        js::Callback::new(move |method: u32, value: JsValue| player.call(method, value)).into_js_value()
    });
    // It lives as long as the page: JS owns it from here on.
    js::define_element(&create.into_js_value(), style::CSS);
}

/// When the events of an update reach the host.
#[derive(Clone, Copy, PartialEq)]
enum Timing {
    /// The viewer's and playback's: at once (an intent inside the viewer's activation).
    Now,
    /// The host's own call's: after it returned, so a listener added right after still hears them.
    AfterCall,
}

type Call = Box<dyn FnOnce(&mut State, &mut Vec<Outgoing>)>;

pub struct Shared {
    /// A `WeakRef` to the element: the element owns this player, never the other way round.
    host: JsValue,
    me: Weak<Shared>,
    state: RefCell<State>,
    /// Listeners, observers and the frame loop, while connected.
    connection: RefCell<Option<Connection>>,
    /// Calls that arrived while the state was busy, applied right after.
    deferred: RefCell<VecDeque<Call>>,
    /// Events of the host's calls, waiting for the call to return.
    later: RefCell<Vec<Outgoing>>,
    later_scheduled: Cell<bool>,
    /// A `js::Callback` that ignores its arguments.
    flush_later: js::Callback,
}

/// The Rust side of one `<shoppable-video>` instance. `element.js` holds it as a function it
/// calls as `player(method, value)` (one closure, not a class with a method each: their glue
/// costs more than a `match`); the numbers of `method` are in `method` here and there.
pub struct Player {
    shared: Rc<Shared>,
}

/// The player's methods, by number (`element.js` has the same numbers).
mod method {
    pub const CONNECTED: u32 = 0;
    pub const DISCONNECTED: u32 = 1;
    /// `value` is `[name, value or null]`.
    pub const ATTRIBUTE_CHANGED: u32 = 2;
    pub const TIMELINE: u32 = 3;
    pub const SET_TIMELINE: u32 = 4;
    pub const STRINGS: u32 = 5;
    pub const SET_STRINGS: u32 = 6;
    pub const ACTIVE_HOTSPOTS: u32 = 7;
    pub const ADD_HOTSPOTS: u32 = 8;
    pub const REMOVE_HOTSPOTS: u32 = 9;
    pub const UPSERT_PRODUCTS: u32 = 10;
    pub const PIN_PRODUCT: u32 = 11;
    pub const VIDEO: u32 = 12;
    /// `value` is a finite number of seconds, or null.
    pub const SET_PROGRAM_TIME_OFFSET: u32 = 13;
}

impl Player {
    /// One call from `element.js`; a refused call answers `[message, errors]` (`element.js`
    /// throws the `TypeError`), the getters their value, the rest `undefined`.
    fn call(&self, method: u32, value: JsValue) -> JsValue {
        let refusal = |answer: Result<(), JsValue>| answer.err().unwrap_or(JsValue::UNDEFINED);
        match method {
            method::CONNECTED => self.connected(value.unchecked_into()),
            method::DISCONNECTED => self.disconnected(),
            method::ATTRIBUTE_CHANGED => {
                let change: Array = value.unchecked_into();
                if let Some(name) = change.get(0).as_string() {
                    self.attribute_changed(name, change.get(1).as_string());
                }
            }
            method::TIMELINE => return self.timeline(),
            method::SET_TIMELINE => self.set_timeline(value),
            method::STRINGS => return self.strings(),
            method::SET_STRINGS => self.set_strings(value),
            method::ACTIVE_HOTSPOTS => return self.active_hotspots().into(),
            method::ADD_HOTSPOTS => return refusal(self.add_hotspots(value)),
            method::REMOVE_HOTSPOTS => self.remove_hotspots(value),
            method::UPSERT_PRODUCTS => return refusal(self.upsert_products(value)),
            method::PIN_PRODUCT => return refusal(self.pin_product(value)),
            method::VIDEO => return self.video(),
            method::SET_PROGRAM_TIME_OFFSET => self.set_program_time_offset(value),
            _ => {}
        }
        JsValue::UNDEFINED
    }

    fn new(host: &HtmlElement) -> Player {
        let shared = Rc::new_cyclic(|me: &Weak<Shared>| {
            let weak = me.clone();
            Shared {
                host: js::weakly(host),
                me: me.clone(),
                state: RefCell::new(State::new()),
                connection: RefCell::new(None),
                deferred: RefCell::new(VecDeque::new()),
                later: RefCell::new(Vec::new()),
                later_scheduled: Cell::new(false),
                flush_later: js::Callback::new(move |_: u32, _: JsValue| {
                    Shared::with(&weak, |shared| shared.dispatch_later());
                    JsValue::UNDEFINED
                }),
            }
        });
        Player { shared }
    }

    fn connected(&self, host: HtmlElement) {
        self.shared.connect(host);
    }

    fn disconnected(&self) {
        let shared = &self.shared;
        if let Ok(mut connection) = shared.connection.try_borrow_mut() {
            connection.take();
        }
        shared.update(Timing::AfterCall, |state, _| state.disconnect());
    }

    fn attribute_changed(&self, name: String, value: Option<String>) {
        let shared = &self.shared;
        match name.as_str() {
            #[cfg(feature = "failure-hook")]
            attr::TIMELINE if value.as_deref() == Some("test:panic") => panic!("forced failure (test build)"),
            #[cfg(feature = "failure-hook")]
            attr::TIMELINE if value.as_deref() == Some("test:panic-on-frame") => {
                shared.update(Timing::AfterCall, |state, _| state.panic_on_frame = true)
            }
            attr::TIMELINE => {
                if let Some(url) = value.filter(|url| !blank(url)) {
                    shared.fetch_timeline(&url);
                }
            }
            attr::LOCALE => shared.update(Timing::AfterCall, move |state, _| state.set_locale_attr(value)),
            attr::FULLSCREEN_BUTTON => {
                shared.update(Timing::AfterCall, move |state, _| state.set_fullscreen_button(value.as_deref()))
            }
            attr::CURRENCY => shared.update(Timing::AfterCall, move |state, _| {
                state.currency_attr = value.filter(|c| !c.is_empty()).map(|c| c.to_ascii_uppercase());
                state.products_changed();
            }),
            attr::TAP_ACTION => shared.update(Timing::AfterCall, move |state, _| {
                state.tap_action = if value.as_deref() == Some("intent") { TapAction::Intent } else { TapAction::Card };
            }),
            attr::RAIL => shared.update(Timing::AfterCall, move |state, _| {
                state.rail_mode = match value.as_deref() {
                    Some("open") => RailMode::Open,
                    Some("closed") => RailMode::Closed,
                    _ => RailMode::Auto,
                };
                state.rail_toggled = None;
                state.rail_mode_changed();
            }),
            attr::DATALAYER => shared.update(Timing::AfterCall, move |state, _| state.datalayer = value.is_some()),
            _ => {}
        }
    }

    /// The timeline as JSON text the core writes (`core::shape`), which `element.js` parses
    /// into a plain object; `null` before a timeline.
    fn timeline(&self) -> JsValue {
        let text = self.shared.read(|state| {
            let stage = &state.stage;
            shape::timeline_json(stage.clock(), stage.currency(), stage.products(), stage.live_hotspots(), &js::write_js_number)
        });
        text.map_or(JsValue::NULL, |text| JsValue::from_str(&text))
    }

    /// An object replaces the timeline; a string is a URL, fetched like the attribute.
    /// `[value, base]`: `base` is the element's base URL, which relative product URLs resolve
    /// against.
    fn set_timeline(&self, value: JsValue) {
        let value: Array = value.unchecked_into();
        let (value, base) = (value.get(0), value.get(1).as_string().unwrap_or_default());
        if let Some(url) = value.as_string() {
            if !blank(&url) {
                self.shared.fetch_timeline(&url);
            }
            return;
        }
        let checked = text_from_js(&value).and_then(|text| validate::timeline_from_text(&text, &js_options()));
        self.shared.update(Timing::AfterCall, move |state, outbox| {
            // A timeline set directly wins over a fetch still on its way.
            state.generation = state.generation.wrapping_add(1);
            state.load_timeline(checked, base, outbox);
        });
    }

    /// Every message key with its text in effect (the current catalog with the host's
    /// overrides), as `[key, text, key, text, ...]` (`element.js` makes the object).
    fn strings(&self) -> JsValue {
        let flat = Array::new();
        self.shared.read(|state| {
            for (key, text) in state.words.entries() {
                flat.push(&JsValue::from_str(&key.name()));
                flat.push(&JsValue::from_str(text));
            }
        });
        flat.into()
    }

    /// The host's overrides, as `[key, text, key, text, ...]` from `element.js`, or `null` to
    /// clear them.
    fn set_strings(&self, value: JsValue) {
        let flat = (!value.is_null()).then(|| value.unchecked_ref::<Array>().iter().filter_map(|text| text.as_string()).collect());
        self.shared.update(Timing::AfterCall, move |state, _| state.set_strings(flat));
    }

    /// The video in use while connected (the JS getter looks it up otherwise).
    fn video(&self) -> JsValue {
        self.shared.read(|state| state.video.clone()).flatten().map_or(JsValue::NULL, JsValue::from)
    }

    /// Sets the host's `programTimeOffset` (`element.js` keeps the property and refuses values
    /// that are not finite numbers); anything else clears it.
    fn set_program_time_offset(&self, offset: JsValue) {
        let offset = offset.as_f64().filter(|offset| offset.is_finite());
        self.shared.update(Timing::AfterCall, move |state, outbox| state.set_program_time_offset(offset, outbox));
    }

    fn active_hotspots(&self) -> Array {
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

    /// Adds hotspots at run time; all or nothing. Throws a `TypeError` listing every problem
    /// (a call deferred by re-entry reports them through `shoppable-error` only).
    fn add_hotspots(&self, list: JsValue) -> Result<(), JsValue> {
        let text = text_from_js(&list);
        let answer = self.shared.update_with(Timing::AfterCall, move |state, outbox| {
            let stage = &state.stage;
            let checked = text.and_then(|text| {
                validate::hotspots_in_clock_from_text(&text, &js_options(), "", stage.clock(), &|id| stage.has_product(id), &|id| stage.has_hotspot(id))
            });
            match checked {
                Ok(hotspots) => {
                    state.add_hotspots(hotspots, outbox);
                    Ok(())
                }
                Err(problems) => {
                    let error = type_error("addHotspots", &problems);
                    outbox.push(refused(problems));
                    Err(error)
                }
            }
        });
        answer.unwrap_or(Ok(()))
    }

    /// `ids`: a list of strings (`element.js` makes one of a single id).
    fn remove_hotspots(&self, ids: JsValue) {
        let ids: Vec<String> = ids.unchecked_into::<Array>().iter().filter_map(|id| id.as_string()).collect();
        self.shared.update(Timing::AfterCall, move |state, outbox| state.remove_hotspots(&ids, outbox));
    }

    /// Adds or replaces products by id; all or nothing. Throws a `TypeError` listing every problem.
    fn upsert_products(&self, list: JsValue) -> Result<(), JsValue> {
        let checked = text_from_js(&list).and_then(|text| validate::products_from_text(&text, &js_options(), ""));
        let error = checked.as_ref().err().map(|problems| type_error("upsertProducts", problems));
        self.shared.update(Timing::AfterCall, move |state, outbox| match checked {
            Ok(products) => state.upsert_products(products, outbox),
            Err(problems) => outbox.push(refused(problems)),
        });
        error.map_or(Ok(()), Err)
    }

    /// Shows the pinned "now presenting" card for a product, or clears it with `null`.
    fn pin_product(&self, id: JsValue) -> Result<(), JsValue> {
        let id = if id.is_null() || id.is_undefined() { Ok(None) } else { id.as_string().map(Some).ok_or(()) };
        let answer = self.shared.update_with(Timing::AfterCall, move |state, outbox| {
            let problem = match id {
                Ok(None) => {
                    state.pin(None);
                    return Ok(());
                }
                Ok(Some(id)) if state.stage.has_product(&id) => {
                    state.pin(Some(id));
                    return Ok(());
                }
                Ok(Some(id)) => format!("unknown product \"{id}\""),
                Err(()) => "expected a product id (a string) or null".to_owned(),
            };
            let problems = vec![Problem { path: String::new(), message: problem }];
            let error = type_error("pinProduct", &problems);
            outbox.push(refused(problems));
            Err(error)
        });
        answer.unwrap_or(Ok(()))
    }
}

impl Shared {
    fn host(&self) -> Option<HtmlElement> {
        let host = js::deref(&self.host);
        (!host.is_undefined()).then(|| host.unchecked_into())
    }

    /// Runs `f` on the player behind `weak`, if it still exists. (Every way in from the browser
    /// passes `element.js`'s guard, which refuses calls once the module failed: no check here,
    /// which would cost a call into JavaScript on every frame.)
    fn with(weak: &Weak<Shared>, f: impl FnOnce(&Rc<Shared>)) {
        if let Some(shared) = weak.upgrade() {
            f(&shared);
        }
    }

    /// Runs `f` on the state and hands its events to the host (see `Timing`). When the state is
    /// busy (a host listener called back in the middle of an update), `f` runs right after that
    /// update instead. Boxed, so the update's code exists once, not once per caller (the frame
    /// loop, which must not allocate, has `frame`).
    fn update(&self, timing: Timing, f: impl FnOnce(&mut State, &mut Vec<Outgoing>) + 'static) {
        self.apply(timing, Box::new(f));
    }

    /// `update` with `f`'s answer; `None` when the call was deferred (or the module halted).
    fn update_with<R: 'static>(&self, timing: Timing, f: impl FnOnce(&mut State, &mut Vec<Outgoing>) -> R + 'static) -> Option<R> {
        let answer = Rc::new(Cell::new(None));
        let slot = answer.clone();
        self.apply(timing, Box::new(move |state, outbox| slot.set(Some(f(state, outbox)))));
        answer.take()
    }

    fn apply(&self, timing: Timing, f: Call) {
        if failure::halted() {
            return;
        }
        let mut events = Vec::new();
        {
            let Ok(mut state) = self.state.try_borrow_mut() else {
                self.deferred.borrow_mut().push_back(f);
                return;
            };
            f(&mut state, &mut events);
            self.run_deferred(&mut state);
        }
        self.deliver(timing, events);
    }

    /// One frame of the playing video (no allocation: it runs 30 to 60 times a second). A frame
    /// that finds the state busy is skipped; the next one renders.
    fn frame(&self, time: f64) {
        let mut events = Vec::new();
        {
            let Ok(mut state) = self.state.try_borrow_mut() else { return };
            state.play_frame(time, &mut events);
        }
        self.deliver(Timing::Now, events);
    }

    /// Applies the calls that arrived during an update, in order.
    fn run_deferred(&self, state: &mut State) {
        loop {
            let Some(call) = self.deferred.borrow_mut().pop_front() else { break };
            let mut events = Vec::new();
            call(state, &mut events);
            self.later.borrow_mut().append(&mut events);
        }
    }

    /// Dispatches an update's events now, or queues them for after the host's call.
    fn deliver(&self, timing: Timing, mut events: Vec<Outgoing>) {
        if timing == Timing::AfterCall {
            self.later.borrow_mut().append(&mut events);
        }
        if !self.later.borrow().is_empty() && !self.later_scheduled.replace(true) {
            js::soon(self.flush_later.as_ref().unchecked_ref());
        }
        self.dispatch(events);
    }

    fn read<R>(&self, f: impl FnOnce(&State) -> R) -> Option<R> {
        self.state.try_borrow().ok().map(|state| f(&state))
    }

    fn dispatch_later(&self) {
        self.later_scheduled.set(false);
        let events = std::mem::take(&mut *self.later.borrow_mut());
        self.dispatch(events);
    }

    /// Dispatches events in order, with no borrow held (listeners may call back in).
    fn dispatch(&self, events: Vec<Outgoing>) {
        if events.is_empty() {
            return;
        }
        let Some(host) = self.host() else { return };
        for event in events {
            match event {
                Outgoing::Intent { intent, surface, url } => self.dispatch_intent(&host, &intent, surface, url),
                Outgoing::DataLayer { .. } => events::push_data_layer(&event),
                _ => events::dispatch(&host, &event),
            }
        }
    }

    /// Dispatches an intent; unless prevented, opens the product page it described (the URL as
    /// it was when dispatched, whatever a listener changed since).
    fn dispatch_intent(&self, host: &HtmlElement, intent: &crate::core::intent::Intent, surface: Surface, url: Option<String>) {
        let (allowed, settled) = events::emit_intent(host, intent);
        let opened = allowed && url.is_some_and(|url| open_in_new_tab(&url));
        let action = intent.action;
        let product_id = intent.product_id.clone();
        match settled {
            Some(settled) => {
                let intent_id = intent.intent_id.clone();
                let id = intent_id.clone();
                self.update(Timing::Now, move |state, _| state.await_answer(surface, action, product_id, id));
                let weak = self.me.clone();
                // `[ok, reason]`.
                let intent_id = Cell::new(Some(intent_id));
                let done = callback(move |answer| {
                    let Some(intent_id) = intent_id.take() else { return };
                    let answer: Array = answer.unchecked_into();
                    let (ok, reason) = (answer.get(0).is_truthy(), answer.get(1).as_string().unwrap_or_default());
                    Shared::with(&weak, |shared| shared.update(Timing::Now, move |state, _| state.settle(&intent_id, ok, &reason)));
                });
                js::when_settled(&settled, done);
            }
            None => self.update(Timing::Now, move |state, _| state.show_outcome(surface, opened)),
        }
    }

    fn connect(&self, host: HtmlElement) {
        let Some(Some(view)) = self.update_with(Timing::AfterCall, move |state, _| state.connect(host)) else { return };
        let weak = self.me.clone();
        let sink: Sink = Rc::new(move |fact| {
            let mut handled = false;
            Shared::with(&weak, |shared| handled = shared.on_fact(fact));
            handled
        });
        *self.connection.borrow_mut() = Connection::new(&view.host, &view.video, &view.shadow, sink);
        self.follow_playback();
        self.update(Timing::AfterCall, |state, outbox| state.show_all(outbox));
        self.read_cues(Timing::AfterCall);
    }

    fn follow_playback(&self) {
        let Some(Some(video)) = self.read(|state| state.video.clone()) else { return };
        if let Ok(mut connection) = self.connection.try_borrow_mut() {
            if let Some(connection) = connection.as_mut() {
                connection.follow_playback(&video);
            }
        }
    }

    fn read_cues(&self, timing: Timing) {
        let Some(Some(tracks)) = self.update_with(timing, |state, outbox| state.read_cues(outbox)) else { return };
        if let Ok(mut connection) = self.connection.try_borrow_mut() {
            if let Some(connection) = connection.as_mut() {
                connection.watch_tracks(&tracks);
            }
        }
    }

    /// A browser fact from the connection; true when it handled an Escape.
    fn on_fact(&self, fact: Fact) -> bool {
        match fact {
            Fact::Frame(time) => self.frame(time),
            Fact::Playback => {
                self.follow_playback();
                self.update(Timing::Now, |state, outbox| state.playback_changed(outbox));
            }
            Fact::Layout => self.update(Timing::Now, |state, outbox| state.layout_changed(outbox)),
            Fact::Cues => self.read_cues(Timing::Now),
            Fact::Click(target) => self.on_click(&target),
            Fact::Escape => {
                return self.update_with(Timing::Now, |state, _| state.close_card() || state.leave_filled_viewport()).unwrap_or(false)
            }
        }
        false
    }

    /// A tap on a button of the overlay: `[what, detail]` (see `tapOf` in `element.js`).
    fn on_click(&self, tap: &Array) {
        let what = tap.get(0).as_string().unwrap_or_default();
        let detail = tap.get(1);
        let pinned = detail.is_truthy();
        match what.as_str() {
            part::HOTSPOT => {
                if let Some(slot) = detail.as_f64().filter(|slot| *slot >= 0.0) {
                    self.update(Timing::Now, move |state, outbox| state.tap_hotspot(slot as usize, outbox));
                }
            }
            part::RAIL_ITEM => {
                if let Some(product_id) = detail.as_string() {
                    self.update(Timing::Now, move |state, outbox| {
                        state.open_card(product_id, None, Source::Rail, None, outbox)
                    });
                }
            }
            part::PINNED_TITLE => self.update(Timing::Now, |state, outbox| state.open_pinned(outbox)),
            part::BUY => self.update(Timing::Now, move |state, outbox| state.button_intent(Action::BuyNow, pinned, outbox)),
            part::ADD_TO_CART => {
                self.update(Timing::Now, move |state, outbox| state.button_intent(Action::AddToCart, pinned, outbox))
            }
            part::CLOSE => self.update(Timing::Now, |state, _| {
                state.close_card();
            }),
            part::RAIL_TOGGLE => self.update(Timing::Now, |state, _| state.toggle_rail()),
            part::FULLSCREEN => self.update(Timing::Now, |state, _| state.toggle_fullscreen()),
            _ => {}
        }
    }

    fn fetch_timeline(&self, url: &str) {
        let generation = self.update_with(Timing::AfterCall, |state, _| {
            state.generation = state.generation.wrapping_add(1);
            state.generation
        });
        let Some(generation) = generation else { return };
        let weak = self.me.clone();
        // `[text, final URL, error or null, refused]` (see `fetchText`), once.
        let done = callback(move |answer| {
            let answer: Array = answer.unchecked_into();
            let text = answer.get(0).as_string().unwrap_or_default();
            let final_url = answer.get(1).as_string().unwrap_or_default();
            let (error, refused_whole) = (answer.get(2).as_string(), answer.get(3).is_truthy());
            Shared::with(&weak, |shared| {
                shared.update(Timing::Now, move |state, outbox| {
                    if state.generation != generation {
                        return; // a newer timeline was asked for meanwhile
                    }
                    match error {
                        // Read and refused (over the size limit, not UTF-8): the document is invalid.
                        Some(message) if refused_whole => outbox.push(refused(vec![Problem { path: String::new(), message }])),
                        Some(message) => outbox.push(Outgoing::Error { code: error_code::TIMELINE_FETCH, message, errors: Vec::new() }),
                        None => state.load_timeline(validate::timeline_from_text(&text, &text_options()), final_url, outbox),
                    }
                })
            });
        });
        js::fetch_text(url, done);
    }
}

/// A callback for `element.js` to call once, as `done(0, answer)` (a `js::Callback`). JavaScript
/// owns it from here on: it is freed when collected.
fn callback(f: impl Fn(JsValue) + 'static) -> JsValue {
    js::Callback::new(move |_: u32, answer: JsValue| {
        f(answer);
        JsValue::UNDEFINED
    })
    .into_js_value()
}

/// Nothing but whitespace (Unicode's, as `str::trim` reads it).
pub fn blank(text: &str) -> bool {
    text.chars().all(char::is_whitespace)
}

fn open_in_new_tab(url: &str) -> bool {
    !url.is_empty() && js::open_in_new_tab(url)
}
