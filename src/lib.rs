//! shoppable-video: a custom element that turns any web video into a shop.
//!
//! Data flows one way: a timeline document (JSON or a JS object) becomes a `core::value::Value`,
//! `core::validate` turns it into a `core::timeline::Timeline` (or problems with JSON paths),
//! `core::stage` decides per frame which hotspots to show, move and hide, and `web` applies that
//! to the shadow DOM and tells the host through DOM events.
//!
//! `core` is plain Rust, tested natively; `web` exists only in the Wasm build.

pub mod core;

#[cfg(target_arch = "wasm32")]
mod web;

/// Defines `<shoppable-video>` (idempotent). `init()` already does this when the module starts;
/// Rust code that links the crate without wasm-bindgen's start (its browser tests) calls it.
#[cfg(target_arch = "wasm32")]
pub fn define() {
    web::start();
}

// The allocator: talc instead of the standard dlmalloc. Measured: 2.7 KB less gzip in the Wasm,
// and about half dlmalloc's time for the many small allocations of reading a large timeline.
// The player is single-threaded Wasm (talc's requirement for this allocator).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
