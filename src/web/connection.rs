//! What the element registers while it is in the document: listeners on the video, the
//! document and its own shadow root, the resize observer, the frame loop, and the metadata
//! tracks' listeners. All of it is owned here and unregistered by dropping the `Connection`,
//! so a removed element leaves nothing behind.
//!
//! `element.js` registers the listeners and the observer (`connect`) and tells each browser event
//! as one call of a single closure (a kind and, for a click, its target): one closure for all of
//! them, and the event names written once, in JavaScript. The `Connection` holds what it
//! registered and unregisters it when dropped.
//!
//! A connection knows nothing of the player: it turns browser events into `Fact`s and hands them
//! to the sink it was given (which holds the player weakly). It never keeps the player alive.

use std::rc::Rc;

use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlVideoElement, ShadowRoot};

use crate::web::js;
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
    /// A click (or tap, or Enter on a button) on a button of the shadow root: `[what, detail]`
    /// (see `tapOf` in `element.js`).
    Click(Array),
    /// Escape was pressed inside the element; the sink answers whether it closed something.
    Escape,
}

/// The kinds `element.js`'s `connect` and `frameLoop` tell (the same numbers there).
const PLAYBACK: u32 = 0;
const LAYOUT: u32 = 1;
const CUES: u32 = 2;
const CLICK: u32 = 3;
const FRAME: u32 = 5;

/// Receives the facts; returns whether it handled them (only `Escape` asks).
pub type Sink = Rc<dyn Fn(Fact) -> bool>;

pub struct Connection {
    /// What `element.js` registered (`connect`): its listeners, the resize observer and the
    /// tracks' `cuechange` listeners, all unregistered by `disconnect`.
    registered: JsValue,
    /// Running while the video plays; it calls `facts`, so it is dropped first (fields drop in
    /// order).
    frames: Option<FrameLoop>,
    /// The one closure every browser event and frame reaches the sink through.
    facts: js::Callback,
}

impl Drop for Connection {
    fn drop(&mut self) {
        js::disconnect(&self.registered);
    }
}

impl Connection {
    /// `None` when the browser refused (`element.js` says why on the console).
    pub fn new(host: &HtmlElement, video: &HtmlVideoElement, shadow: &ShadowRoot, sink: Sink) -> Option<Connection> {
        let facts = js::Callback::new(move |kind: u32, target: JsValue| {
            JsValue::from_bool(sink(match kind {
                PLAYBACK => Fact::Playback,
                LAYOUT => Fact::Layout,
                CUES => Fact::Cues,
                CLICK => Fact::Click(target.unchecked_into()),
                FRAME => Fact::Frame(target.as_f64().unwrap_or(0.0)),
                _ => Fact::Escape,
            }))
        });
        let registered = js::connect(host, video, shadow, facts.as_ref());
        if registered.is_null() {
            return None;
        }
        Some(Connection { registered, frames: None, facts })
    }

    /// Runs the frame loop exactly while the video plays.
    pub fn follow_playback(&mut self, video: &HtmlVideoElement) {
        let playing = !video.paused() && !video.ended();
        match (playing, self.frames.is_some()) {
            (true, false) => self.frames = Some(FrameLoop::start(video, self.facts.as_ref())),
            (false, true) => self.frames = None,
            _ => {}
        }
    }

    /// Listens for `cuechange` on each of `tracks` (replacing the previous listeners): a live
    /// track's new cues are read when they become active.
    pub fn watch_tracks(&mut self, tracks: &Array) {
        js::watch_tracks(&self.registered, tracks);
    }
}
