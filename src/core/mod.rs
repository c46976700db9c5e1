//! The pure core: everything a viewer sees and every event the host gets is decided here.
//!
//! No `web-sys`, `js-sys` or `wasm-bindgen` in this module tree: it is plain Rust, fed facts
//! (a JSON-like value, a media time, a box size) and answering with data. It is tested natively.

pub mod clock;
pub mod daterange;
pub mod geometry;
pub mod index;
pub mod intent;
pub mod json;
mod live;
pub mod motion;
pub mod number;
pub mod shape;
pub mod sort;
pub mod stage;
mod table;
pub mod timeline;
pub mod validate;
pub mod value;
pub mod words;
