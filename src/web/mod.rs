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

/// The package version, for pages that want to show or log it.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

// TypeScript declarations of the element for front-end teams (pkg/shoppable_video.d.ts).
#[wasm_bindgen(typescript_custom_section)]
const ELEMENT_TYPES: &str = r#"
export interface ShoppableProduct {
  id: string; title?: string; price?: number; currency?: string; url?: string; image?: string;
  sku?: string; brand?: string; variant?: string; description?: string; originalPrice?: number;
  available?: boolean;
}
export interface ShoppableKeyframe { t: number; x: number; y: number }
export type ShoppableHotspot = { id: string; product: string; start: number; end: number; label?: string } &
  ({ x: number; y: number } | { keyframes: ShoppableKeyframe[]; easing?: "linear" | "step" | "ease-in-out" });
export interface ShoppableTimeline { version: 1; currency?: string; products: ShoppableProduct[]; hotspots: ShoppableHotspot[] }
export interface ShoppableProblem { path: string; message: string }
export interface ShoppableItem {
  item_id: string; item_name: string; price?: number; currency?: string; quantity: number;
  item_brand?: string; item_variant?: string;
}
export type ShoppableSource = "hotspot" | "rail" | "pinned";
export interface ShoppableIntentDetail {
  intentId: string; action: "buy_now" | "add_to_cart"; productId: string; hotspotId: string | null;
  source: ShoppableSource; videoTime: number; position: { x: number; y: number } | null;
  quantity: number; timestamp: number; items: ShoppableItem[];
  /** During dispatch: the card shows a pending state until the promise settles. */
  respondWith(outcome: Promise<{ ok: boolean; reason?: string }>): void;
}
export interface ShoppableVideoEventMap extends HTMLElementEventMap {
  "shoppable-ready": CustomEvent<{ products: number; hotspots: number }>;
  "shoppable-error": CustomEvent<{ code: "timeline-fetch" | "invalid-timeline"; message: string; errors: ShoppableProblem[] }>;
  "shoppable-hotspot-show": CustomEvent<{ hotspotId: string; productId: string; videoTime: number }>;
  "shoppable-hotspot-hide": CustomEvent<{ hotspotId: string; productId: string; videoTime: number }>;
  "shoppable-select": CustomEvent<{ productId: string; hotspotId: string | null; source: ShoppableSource; videoTime: number }>;
  "shoppable-intent": CustomEvent<ShoppableIntentDetail>;
}
export interface ShoppableVideoElement extends HTMLElement {
  timeline: ShoppableTimeline | null;
  readonly video: HTMLVideoElement | null;
  readonly activeHotspots: string[];
  addHotspots(list: ShoppableHotspot[]): void;
  removeHotspots(ids: string[]): void;
  upsertProducts(list: ShoppableProduct[]): void;
  pinProduct(id: string | null): void;
  addEventListener<K extends keyof ShoppableVideoEventMap>(type: K, listener: (this: ShoppableVideoElement, event: ShoppableVideoEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}
declare global {
  interface HTMLElementTagNameMap { "shoppable-video": ShoppableVideoElement }
}
"#;
