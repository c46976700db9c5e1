//! Every public name of the contract (CONTRACT.md section 2) in one place: the element's tag,
//! its attributes, events and shadow parts. Everything else refers to these, so a rename is one
//! edit and a reader sees the whole public surface at a glance.

// The tag and the list of observed attributes are in element.js, whose `defineElement` (called
// by `init()`) defines the element; these are the names Rust matches.

pub mod attr {
    pub const TIMELINE: &str = "timeline";
    pub const LOCALE: &str = "locale";
    pub const CURRENCY: &str = "currency";
    pub const TAP_ACTION: &str = "tap-action";
    pub const RAIL: &str = "rail";
    pub const DATALAYER: &str = "datalayer";
    pub const FULLSCREEN_BUTTON: &str = "fullscreen-button";
}

pub mod event {
    pub const READY: &str = "shoppable-ready";
    pub const ERROR: &str = "shoppable-error";
    pub const HOTSPOT_SHOW: &str = "shoppable-hotspot-show";
    pub const HOTSPOT_HIDE: &str = "shoppable-hotspot-hide";
    pub const SELECT: &str = "shoppable-select";
    pub const INTENT: &str = "shoppable-intent";
}

/// `shoppable-error` codes.
pub mod error_code {
    pub const TIMELINE_FETCH: &str = "timeline-fetch";
    pub const INVALID_TIMELINE: &str = "invalid-timeline";
    // "internal" is dispatched by element.js, which alone still runs after the module failed.
}

/// The parts Rust refers to; the static ones (card, pinned card, rail and their insides) are
/// in the markup of `element.js`, and so is the video the element makes.
pub mod part {
    pub const HOTSPOT: &str = "hotspot";
    pub const RAIL_ITEM: &str = "rail-item";
    pub const PINNED_TITLE: &str = "pinned-title";
    pub const BUY: &str = "buy";
    pub const ADD_TO_CART: &str = "add-to-cart";
    pub const CLOSE: &str = "close";
    pub const RAIL_TOGGLE: &str = "rail-toggle";
    pub const FULLSCREEN: &str = "fullscreen";
}
