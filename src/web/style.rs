//! The shadow root's stylesheet: `style.css`, handed to `element.js` once when the element is
//! defined, and adopted there as one constructable stylesheet shared by every instance (no
//! `<style>` elements or `style=""` needed, so a strict CSP works).

// style.css, minified by build.rs.
pub const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/style.min.css"));
