//! What happens when the module itself fails: a panic (a bug), never bad input (that is refused
//! with `shoppable-error`). One module serves every player of the page, and after a panic its
//! state may be half-updated, so every player stops at once: the panic hook (or `element.js`,
//! after a trap it caught) sets `element.js`'s flag, which its guard around every call into the
//! module and every entry point of the player check first; `element.js` tells each connected
//! element (`shoppable-error` code `internal`) and never calls into the module again. Videos keep
//! playing; nothing else of the page is touched.

use wasm_bindgen::prelude::*;

use crate::web::js;

/// Whether the module stopped (element.js's flag, set by `moduleFailed`); every way in from the
/// browser returns at once when it did, and so do the calls a host's listener made from inside an
/// update when the failure happened further in.
pub fn halted() -> bool {
    js::has_failed()
}

/// Installs the panic hook: the message reaches the console once, through `moduleFailed`.
pub fn install_panic_hook() {
    // In debug builds the hook before ours still runs (a test harness's reports the message);
    // the release build leaves it out, with the formatting of every message it would pull in.
    #[cfg(debug_assertions)]
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        #[cfg(debug_assertions)]
        previous(info);
        // Where, not the formatted message: formatting every panic's message would keep all
        // of their texts and formatting code in the Wasm (measured: 8 KB gzip).
        let mut message = String::from("panic at ");
        if let Some(location) = info.location() {
            message.push_str(location.file());
            message.push(':');
            message.push_str(&crate::core::number::to_js_string(f64::from(location.line())));
        }
        js::module_failed(&JsValue::from_str(&message));
    }));
}
