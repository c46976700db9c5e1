//! What the element registers while it is in the document: listeners on the video, the
//! document and its own shadow root, the resize observer, the frame loop, and the metadata
//! tracks' listeners. All of it is owned here and unregistered by dropping the `Connection`,
//! so a removed element leaves nothing behind.
//!
//! A connection knows nothing of the player: it turns browser events into `Fact`s and hands them
//! to the sink it was given (which holds the player weakly). It never keeps the player alive.

use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, EventTarget, HtmlElement, HtmlVideoElement, KeyboardEvent, ResizeObserver, ShadowRoot};

use crate::web::js;
use crate::web::listener::{self, Listener};
use crate::web::sync::FrameLoop;

/// A browser fact the player reacts to.
pub enum Fact {
    /// Playback started, paused, ended, was emptied or seeked: the frame loop follows it.
    Playback,
    /// The layout may have changed (metadata, intrinsic size, fullscreen, a resize).
    Layout,
    /// A metadata track came, or its cues loaded or changed.
    Cues,
    /// A frame of the playing video was presented, at this media time.
    Frame(f64),
    /// A click (or tap, or Enter on a button) in the shadow root, on this element.
    Click(Element),
    /// Escape was pressed inside the element; the sink answers whether it closed something.
    Escape,
}

/// Receives the facts; returns whether it handled them (only `Escape` asks).
pub type Sink = Rc<dyn Fn(Fact) -> bool>;

pub struct Connection {
    sink: Sink,
    _listeners: Vec<Listener>,
    resize: ResizeObserver,
    _resize_callback: Closure<dyn FnMut(JsValue)>,
    /// Running while the video plays.
    frames: Option<FrameLoop>,
    /// `cuechange` on each "shoppable" metadata track (rebuilt when tracks come and go).
    track_listeners: Vec<Listener>,
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.resize.disconnect();
    }
}

impl Connection {
    pub fn new(
        host: &HtmlElement,
        video: &HtmlVideoElement,
        shadow: &ShadowRoot,
        document: &Document,
        sink: Sink,
    ) -> Result<Connection, JsValue> {
        let mut listeners = Vec::new();
        let mut listen = |target: &EventTarget, name: &'static str, fact: fn(&Event) -> Option<Fact>| {
            let sink = sink.clone();
            listeners.push(Listener::new(target, name, move |event| {
                if let Some(fact) = fact(event) {
                    sink(fact);
                }
            }));
        };
        for name in ["play", "playing", "pause", "ended", "emptied", "seeking", "seeked"] {
            listen(video, name, |_| Some(Fact::Playback));
        }
        for name in ["loadedmetadata", "resize"] {
            listen(video, name, |_| Some(Fact::Layout));
        }
        listen(document, "fullscreenchange", |_| Some(Fact::Layout));
        if let Ok(tracks) = js_sys::Reflect::get(video, &JsValue::from_str("textTracks")) {
            if let Some(tracks) = tracks.dyn_ref::<EventTarget>() {
                listen(tracks, "addtrack", |_| Some(Fact::Cues));
            }
        }
        // Taps on the overlay: one delegated listener for every button.
        listen(shadow, "click", |event| event.target()?.dyn_into::<Element>().ok().map(Fact::Click));
        // A metadata track's cues finished loading (`load` does not bubble: capture it).
        {
            let sink = sink.clone();
            let options = listener::Options { capture: true, prevents_default: false };
            listeners.push(Listener::with_options(video, "load", options, move |_| {
                sink(Fact::Cues);
            }));
        }
        {
            let sink = sink.clone();
            let options = listener::Options { capture: false, prevents_default: true };
            // On the host: Escape works wherever focus is in the element, its own video too.
            listeners.push(Listener::with_options(host, "keydown", options, move |event| {
                let escape = event.dyn_ref::<KeyboardEvent>().is_some_and(|key| key.key() == "Escape");
                if escape && sink(Fact::Escape) {
                    event.prevent_default();
                    event.stop_propagation();
                }
            }));
        }
        let resize_sink = sink.clone();
        let resize_callback = Closure::<dyn FnMut(JsValue)>::new(move |_entries: JsValue| {
            resize_sink(Fact::Layout);
        });
        let resize = ResizeObserver::new(&js::guard(resize_callback.as_ref()))?;
        resize.observe(video);
        resize.observe(host);
        Ok(Connection {
            sink,
            _listeners: listeners,
            resize,
            _resize_callback: resize_callback,
            frames: None,
            track_listeners: Vec::new(),
        })
    }

    /// Runs the frame loop exactly while the video plays.
    pub fn follow_playback(&mut self, video: &HtmlVideoElement) {
        let playing = !video.paused() && !video.ended();
        match (playing, self.frames.is_some()) {
            (true, false) => {
                let sink = self.sink.clone();
                self.frames = Some(FrameLoop::start(video, move |time| {
                    sink(Fact::Frame(time));
                }));
            }
            (false, true) => self.frames = None,
            _ => {}
        }
    }

    /// Listens for `cuechange` on each of `tracks` (replacing the previous listeners): a live
    /// track's new cues are read when they become active.
    pub fn watch_tracks(&mut self, tracks: &js_sys::Array) {
        self.track_listeners.clear();
        for track in tracks.iter() {
            let Some(track) = track.dyn_ref::<EventTarget>() else { continue };
            let sink = self.sink.clone();
            self.track_listeners.push(Listener::new(track, "cuechange", move |_| {
                sink(Fact::Cues);
            }));
        }
    }
}
