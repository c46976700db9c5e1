//! The frame loop: one callback per presented video frame while the video plays.
//!
//! `requestVideoFrameCallback` gives the exact media time of the frame the viewer sees, so
//! hotspots appear on the right frame; where a browser lacks it, a `requestAnimationFrame` loop
//! reads `currentTime` instead. `element.js` runs the loop (`frameLoop`): the browser's frame
//! callbacks, the choice between them and the media time are JavaScript's to read, and one call
//! of the connection's closure per frame crosses into the Wasm. The loop is a value: dropping it
//! cancels the pending callback, so a paused, ended or disconnected player has nothing scheduled.

use wasm_bindgen::JsValue;
use web_sys::HtmlVideoElement;

use crate::web::js;

/// A running frame loop; tells each frame's media time to the connection's closure (as its
/// `FRAME` fact) until dropped.
#[must_use = "the loop stops when dropped"]
pub struct FrameLoop {
    /// Cancels the pending frame callback (`frameLoop`'s answer).
    stop: JsValue,
}

impl FrameLoop {
    /// `facts` is the connection's closure (see `connection`), which outlives the loop.
    pub fn start(video: &HtmlVideoElement, facts: &JsValue) -> FrameLoop {
        FrameLoop { stop: js::frame_loop(video, facts) }
    }
}

impl Drop for FrameLoop {
    fn drop(&mut self) {
        js::stop_frame_loop(&self.stop);
    }
}
