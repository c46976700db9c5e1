//! An event listener that is a value: dropping it removes the listener and frees its closure
//! (gloo-events' `EventListener` is the model). Unlike gloo's, the browser calls the Rust closure
//! through `element.js`'s guard, so a failure of the module inside a listener stops every player
//! with one `shoppable-error` (see `failure`), never an uncaught exception on the page.

use wasm_bindgen::prelude::*;
use web_sys::{Event, EventTarget};

use crate::web::js;

#[must_use = "the listener is removed when dropped"]
pub struct Listener {
    target: EventTarget,
    name: &'static str,
    capture: bool,
    /// The guarded function the browser calls (what `removeEventListener` needs).
    registered: JsValue,
    _closure: Closure<dyn FnMut(Event)>,
}

/// How a listener listens: in the bubbling phase and passive unless said otherwise.
#[derive(Clone, Copy, Default)]
pub struct Options {
    pub capture: bool,
    /// The callback may call `preventDefault()` (not passive).
    pub prevents_default: bool,
}

impl Listener {
    pub fn new(target: &EventTarget, name: &'static str, callback: impl FnMut(&Event) + 'static) -> Listener {
        Listener::with_options(target, name, Options::default(), callback)
    }

    pub fn with_options(target: &EventTarget, name: &'static str, options: Options, mut callback: impl FnMut(&Event) + 'static) -> Listener {
        let closure = Closure::<dyn FnMut(Event)>::new(move |event: Event| callback(&event));
        let registered = js::listen(target, name, closure.as_ref(), options.capture, !options.prevents_default);
        Listener { target: target.clone(), name, capture: options.capture, registered, _closure: closure }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        js::unlisten(&self.target, self.name, &self.registered, self.capture);
    }
}
