//! The frame loop: one callback per presented video frame while the video plays.
//!
//! `requestVideoFrameCallback` gives the exact media time of the frame the viewer sees, so
//! hotspots appear on the right frame; where a browser lacks it, a `requestAnimationFrame` loop
//! reads `currentTime` instead. The loop is a value: dropping it cancels the pending callback and
//! frees the closure, so a paused, ended or disconnected player has nothing scheduled.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Function, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlVideoElement;

#[wasm_bindgen]
extern "C" {
    /// A video element seen through the frame-callback API (not in web-sys's stable set).
    #[wasm_bindgen(extends = HtmlVideoElement)]
    type FrameVideo;
    #[wasm_bindgen(method, js_name = requestVideoFrameCallback)]
    fn request_video_frame_callback(this: &FrameVideo, callback: &Function) -> u32;
    #[wasm_bindgen(method, js_name = cancelVideoFrameCallback)]
    fn cancel_video_frame_callback(this: &FrameVideo, handle: u32);
}

#[derive(Clone, Copy, PartialEq)]
enum Clock {
    /// `requestVideoFrameCallback`: the presented frame's `mediaTime`.
    VideoFrame,
    /// `requestAnimationFrame`: `currentTime` at the next paint.
    AnimationFrame,
}

type FrameClosure = Closure<dyn FnMut(f64, JsValue)>;

struct Scheduled {
    video: HtmlVideoElement,
    clock: Clock,
    handle: Cell<Option<u32>>,
    closure: RefCell<Option<FrameClosure>>,
    /// What the browser calls: the closure inside `element.js`'s guard (see `failure`).
    callback: RefCell<Option<Function>>,
}

/// A running frame loop; calls `on_frame(media_time)` once per frame until dropped.
#[must_use = "the loop stops when dropped"]
pub struct FrameLoop {
    scheduled: Rc<Scheduled>,
}

impl FrameLoop {
    pub fn start(video: &HtmlVideoElement, mut on_frame: impl FnMut(f64) + 'static) -> FrameLoop {
        let has_video_frames = Reflect::has(video, &JsValue::from_str("requestVideoFrameCallback")).unwrap_or(false);
        let scheduled = Rc::new(Scheduled {
            video: video.clone(),
            clock: if has_video_frames { Clock::VideoFrame } else { Clock::AnimationFrame },
            handle: Cell::new(None),
            closure: RefCell::new(None),
            callback: RefCell::new(None),
        });
        let weak = Rc::downgrade(&scheduled);
        // Made once: a key made per frame would be a new JS string every frame.
        let media_time = JsValue::from_str("mediaTime");
        let closure = Closure::<dyn FnMut(f64, JsValue)>::new(move |_now: f64, metadata: JsValue| {
            // A halted module (see `failure`) asks for no frame again: the loop ends here.
            if crate::web::failure::halted() {
                return;
            }
            let Some(scheduled) = weak.upgrade() else { return };
            let time = match scheduled.clock {
                Clock::VideoFrame => Reflect::get(&metadata, &media_time)
                    .ok()
                    .and_then(|value| value.as_f64())
                    .unwrap_or_else(|| scheduled.video.current_time()),
                Clock::AnimationFrame => scheduled.video.current_time(),
            };
            // Ask for the next frame first: `on_frame` may drop this loop, which cancels it.
            scheduled.request();
            on_frame(time);
        });
        *scheduled.callback.borrow_mut() = Some(crate::web::js::guard(closure.as_ref()));
        *scheduled.closure.borrow_mut() = Some(closure);
        scheduled.request();
        FrameLoop { scheduled }
    }
}

impl Scheduled {
    fn request(&self) {
        let Ok(callback) = self.callback.try_borrow() else { return };
        let Some(callback) = callback.as_ref() else { return };
        let handle = match self.clock {
            Clock::VideoFrame => Some(self.video.unchecked_ref::<FrameVideo>().request_video_frame_callback(callback)),
            Clock::AnimationFrame => web_sys::window().and_then(|window| window.request_animation_frame(callback).ok()).map(|h| h as u32),
        };
        self.handle.set(handle);
    }
}

impl Drop for FrameLoop {
    fn drop(&mut self) {
        if let Some(handle) = self.scheduled.handle.take() {
            match self.scheduled.clock {
                Clock::VideoFrame => self.scheduled.video.unchecked_ref::<FrameVideo>().cancel_video_frame_callback(handle),
                Clock::AnimationFrame => {
                    if let Some(window) = web_sys::window() {
                        let _ = window.cancel_animation_frame(handle as i32);
                    }
                }
            }
        }
        // Frees the closure (wasm-bindgen defers it if the closure is running right now).
        if let Ok(mut callback) = self.scheduled.callback.try_borrow_mut() {
            callback.take();
        }
        if let Ok(mut closure) = self.scheduled.closure.try_borrow_mut() {
            closure.take();
        }
    }
}
