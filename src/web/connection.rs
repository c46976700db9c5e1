//! What the element registers while it is in the document: listeners on the video, the
//! document and its own shadow root, the resize observer, the frame loop, and the metadata
//! tracks' listeners. All of it is owned here and unregistered by dropping the `Connection`,
//! so a removed element leaves nothing behind.

use std::rc::{Rc, Weak};

use gloo_events::{EventListener, EventListenerOptions, EventListenerPhase};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, HtmlElement, HtmlVideoElement, KeyboardEvent, ResizeObserver, ShadowRoot};

use crate::core::intent::{Action, Source};
use crate::web::element::Shared;
use crate::web::names::part;
use crate::web::overlay;
use crate::web::sync::FrameLoop;

pub struct Connection {
    weak: Weak<Shared>,
    _listeners: Vec<EventListener>,
    resize: ResizeObserver,
    _resize_callback: Closure<dyn FnMut(JsValue)>,
    /// Running while the video plays.
    pub frames: Option<FrameLoop>,
    /// `cuechange` on each "shoppable" metadata track (rebuilt when tracks come and go).
    pub track_listeners: Vec<EventListener>,
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.resize.disconnect();
    }
}

pub fn start_frames(weak: &Weak<Shared>, video: &HtmlVideoElement) -> FrameLoop {
    let weak = weak.clone();
    FrameLoop::start(video, move |time| {
        Shared::with(&weak, |shared| {
            let host = shared.host.clone();
            shared.update(|state, outbox| state.play_frame(time, &host, outbox));
        });
    })
}

impl Connection {
    pub fn new(
        weak: &Weak<Shared>,
        host: &HtmlElement,
        video: &HtmlVideoElement,
        shadow: &ShadowRoot,
        document: &Document,
    ) -> Result<Connection, JsValue> {
        let mut listeners = Vec::new();
        let on_video = |name: &'static str, f: fn(&Rc<Shared>, &HtmlVideoElement)| {
            let weak = weak.clone();
            let target = video.clone();
            EventListener::new(video, name, move |_| Shared::with(&weak, |shared| f(shared, &target)))
        };
        // Playing: a frame loop. Paused, ended or emptied: no loop, one render now.
        // A paused render also re-reads the layout: a style may have changed with no resize.
        for name in ["play", "playing", "pause", "ended", "emptied", "seeking", "seeked"] {
            listeners.push(on_video(name, |shared, video| {
                let host = shared.host.clone();
                shared.update(|state, outbox| {
                    state.follow_playback(video);
                    if video.paused() || video.ended() {
                        state.relayout(&host);
                        state.render(video.current_time(), outbox);
                    }
                });
            }));
        }
        // The intrinsic size is known (or changed): the geometry changes.
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
        // A metadata track's cues finished loading (`load` does not bubble: capture it).
        {
            let weak = weak.clone();
            let options = EventListenerOptions { phase: EventListenerPhase::Capture, passive: true };
            listeners.push(EventListener::new_with_options(video, "load", options, move |_| {
                Shared::with(&weak, |shared| shared.update(|state, outbox| state.read_cues(outbox)));
            }));
        }
        if let Ok(tracks) = js_sys::Reflect::get(video, &JsValue::from_str("textTracks")) {
            if let Some(tracks) = tracks.dyn_ref::<web_sys::EventTarget>() {
                let weak = weak.clone();
                listeners.push(EventListener::new(tracks, "addtrack", move |_| {
                    Shared::with(&weak, |shared| shared.update(|state, outbox| state.read_cues(outbox)));
                }));
            }
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
        Ok(Connection {
            weak: weak.clone(),
            _listeners: listeners,
            resize,
            _resize_callback: resize_callback,
            frames: None,
            track_listeners: Vec::new(),
        })
    }
}

impl Connection {
    /// Runs the frame loop exactly while the video plays.
    pub fn follow_playback(&mut self, video: &HtmlVideoElement) {
        let playing = !video.paused() && !video.ended();
        match (playing, self.frames.is_some()) {
            (true, false) => self.frames = Some(start_frames(&self.weak, video)),
            (false, true) => self.frames = None,
            _ => {}
        }
    }

    /// Listens for `cuechange` on each of `tracks` (replacing the previous listeners): a live
    /// track's new cues are read when they become active.
    pub fn watch_tracks(&mut self, tracks: &js_sys::Array) {
        self.track_listeners.clear();
        for track in tracks.iter() {
            let Some(track) = track.dyn_ref::<web_sys::EventTarget>() else { continue };
            let weak = self.weak.clone();
            self.track_listeners.push(EventListener::new(track, "cuechange", move |_| {
                Shared::with(&weak, |shared| shared.update(|state, outbox| state.read_cues(outbox)));
            }));
        }
    }
}

fn on_click(shared: &Rc<Shared>, event: &Event) {
    let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
    if let Some(slot) = overlay::hotspot_slot(&target) {
        shared.update(|state, outbox| state.tap_hotspot(slot, outbox));
        return;
    }
    if let Some(product_id) = overlay::rail_product(&target) {
        shared.update(|state, outbox| state.open_card(product_id, None, Source::Rail, None, None, outbox));
        return;
    }
    if overlay::is_pinned_title(&target) {
        shared.update(|state, outbox| state.open_pinned(outbox));
        return;
    }
    let pinned = overlay::in_pinned(&target);
    match overlay::control_part(&target).as_deref() {
        Some(part::BUY) => shared.update(|state, outbox| state.button_intent(Action::BuyNow, pinned, outbox)),
        Some(part::ADD_TO_CART) => shared.update(|state, outbox| state.button_intent(Action::AddToCart, pinned, outbox)),
        Some(part::CLOSE) => shared.update(|state, _| {
            state.close_card();
        }),
        Some(part::RAIL_TOGGLE) => shared.update(|state, _| state.toggle_rail()),
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
