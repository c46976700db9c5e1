//! The browser layer: the only code that touches the DOM. It turns browser facts into core
//! inputs and applies the core's answers; it decides nothing a test would want to check natively.

mod connection;
mod element;
mod events;
mod failure;
mod input;
mod js;
mod names;
mod overlay;
mod state;
mod style;
mod sync;

use wasm_bindgen::prelude::*;

/// Runs when `init()` instantiates the module: defines `<shoppable-video>`.
#[wasm_bindgen(start, skip_typescript)]
pub fn start() {
    element::define();
}

