// The data types of the public API: the timeline document (CONTRACT.md section 3), the events'
// details and the module's loader. Written once here; tools/typings.mjs puts this text at the top
// of pkg/shoppable_video.d.ts, below it the element, its events and the framework declarations it
// generates from types/api.mjs. Only what a host may rely on belongs here: nothing internal.

/** A product of the timeline (or of `upsertProducts`). Prices are in major units (`1280` is 1,280.00). */
export interface ShoppableProduct {
  /** Unique among the products; hotspots name it in `product`. */
  id: string;
  title?: string;
  /** Non-negative and finite. */
  price?: number;
  /** ISO 4217 code, three letters A–Z; else the timeline's, else the element's `currency` attribute. */
  currency?: string;
  /** `http(s)` URL the default action of `shoppable-intent` opens; relative URLs resolve against the timeline's URL. */
  url?: string;
  /** `http(s)` URL of the product's picture on the card. */
  image?: string;
  sku?: string;
  brand?: string;
  variant?: string;
  description?: string;
  /** Shown struck through beside `price`. */
  originalPrice?: number;
  /** `false` shows the product as sold out; its buttons then emit no intent. Default `true`. */
  available?: boolean;
}

/** A point of a moving hotspot: at time `t`, the hotspot is at (`x`, `y`). */
export interface ShoppableKeyframe {
  /** Seconds (of the hotspot's clock), strictly increasing, within the hotspot's `[start, end]`. */
  t: number;
  /** Fraction of the video frame's width, 0 (left) to 1 (right). */
  x: number;
  /** Fraction of the video frame's height, 0 (top) to 1 (bottom). */
  y: number;
}

/** How a moving hotspot goes from one keyframe to the next. Default `"linear"`. */
export type ShoppableEasing = "linear" | "step" | "ease-in-out";

/** What every hotspot has. */
export interface ShoppableHotspotBase {
  /** Unique among the hotspots. */
  id: string;
  /** The `id` of a product of the timeline. */
  product: string;
  /** Seconds (of the hotspot's clock); the hotspot is visible while `start <= t < end`. */
  start: number;
  /** Seconds, greater than `start`. */
  end: number;
  /** This hotspot's clock, when not the timeline's (the default: the timeline's `clock`). */
  clock?: ShoppableClock;
  /** A short text shown beside the dot. */
  label?: string;
}

/** A hotspot that stays at one point of the picture. */
export interface ShoppableFixedHotspot extends ShoppableHotspotBase {
  /** Fraction of the video frame's width, 0 (left) to 1 (right). */
  x: number;
  /** Fraction of the video frame's height, 0 (top) to 1 (bottom). */
  y: number;
  keyframes?: never;
}

/** A hotspot that follows a product through the picture. */
export interface ShoppableMovingHotspot extends ShoppableHotspotBase {
  /** At least one; the position holds before the first and after the last. */
  keyframes: ShoppableKeyframe[];
  easing?: ShoppableEasing;
  x?: never;
  y?: never;
}

/** A hotspot has either `x` and `y`, or `keyframes`: never both, never neither. */
export type ShoppableHotspot = ShoppableFixedHotspot | ShoppableMovingHotspot;

/**
 * The clock of a timeline's or a hotspot's times. `"media"` (default): seconds of the video's
 * media time. `"program"`: seconds since the Unix epoch (UTC, like `Date.now() / 1000`), the
 * program time a live stream stamps with `EXT-X-PROGRAM-DATE-TIME` (see `programTimeOffset`),
 * from 946684800 (2000) to 4102444800 (2100).
 */
export type ShoppableClock = "media" | "program";

/** A timeline document, version 1, as a host writes it (JSON or a JS object). */
export interface ShoppableTimeline {
  version: 1;
  clock?: ShoppableClock;
  /** The default ISO 4217 currency of the products. */
  currency?: string;
  /** At most 10,000. A missing list is an empty one. */
  products?: ShoppableProduct[];
  /** At most 100,000. A missing list is an empty one. */
  hotspots?: ShoppableHotspot[];
}

/** The active timeline as the `timeline` getter returns it: a new plain object on every read. */
export interface ShoppableTimelineSnapshot extends ShoppableTimeline {
  products: ShoppableProduct[];
  hotspots: ShoppableHotspot[];
}

/** One problem found in data: where (a JSON path such as `hotspots[3].end`) and what. */
export interface ShoppableProblem {
  readonly path: string;
  readonly message: string;
}

/**
 * The element's own words: message key to text. The getter gives every key in effect; the setter
 * takes overrides (unknown keys are ignored). The keys and their placeholders are in the README and in docs/API.md.
 */
export type ShoppableStrings = Record<string, string>;

/** Where the viewer opened a product from. */
export type ShoppableSource = "hotspot" | "rail" | "pinned";

/** What the viewer asked for. */
export type ShoppableAction = "buy_now" | "add_to_cart";

/** `shoppable-ready`: a timeline became active. */
export interface ShoppableReadyDetail {
  /** How many products it has. */
  readonly products: number;
  /** How many hotspots it has. */
  readonly hotspots: number;
}

/**
 * Why the element refused something: `"timeline-fetch"` (the timeline's URL could not be
 * fetched), `"invalid-timeline"` (a timeline, or a run-time call's data, failed validation;
 * `errors` lists every problem), `"internal"` (the element stopped itself after an unexpected
 * failure; the video keeps playing).
 */
export type ShoppableErrorCode = "timeline-fetch" | "invalid-timeline" | "internal";

/** `shoppable-error`: a timeline failed to load or validate, or a run-time call was refused. */
export interface ShoppableErrorDetail {
  readonly code: ShoppableErrorCode;
  /** One line for a log. */
  readonly message: string;
  /** Every problem with its JSON path; never empty for `invalid-timeline`. */
  readonly errors: readonly ShoppableProblem[];
}

/** `shoppable-hotspot-show` and `shoppable-hotspot-hide`. */
export interface ShoppableHotspotDetail {
  readonly hotspotId: string;
  readonly productId: string;
  /** Media time of the presented frame, seconds. */
  readonly videoTime: number;
}

/** `shoppable-select`: the viewer opened a product. */
export interface ShoppableSelectDetail {
  readonly productId: string;
  /** The hotspot it was opened from; `null` from the rail or the pinned card. */
  readonly hotspotId: string | null;
  readonly source: ShoppableSource;
  /** Media time of the presented frame, seconds. */
  readonly videoTime: number;
}

/** An analytics ecommerce item (the shape of `ecommerce.items`). */
export interface ShoppableItem {
  readonly item_id: string;
  readonly item_name: string;
  readonly price?: number;
  readonly currency?: string;
  readonly quantity: number;
  readonly item_brand?: string;
  readonly item_variant?: string;
}

/** What a host answers through `respondWith`: `{ ok: true }`, or `{ ok: false, reason }` shown on the card. */
export interface ShoppableIntentOutcome {
  ok: boolean;
  reason?: string;
}

/** `shoppable-intent`: the viewer asked to buy. Cancelable: `preventDefault()` keeps the product's `url` closed. */
export interface ShoppableIntentDetail {
  /** Unique per intent (a UUID). */
  readonly intentId: string;
  readonly action: ShoppableAction;
  readonly productId: string;
  /** The hotspot the product was opened from; `null` from the rail or the pinned card. */
  readonly hotspotId: string | null;
  readonly source: ShoppableSource;
  /** Media time of the presented frame when tapped, seconds. */
  readonly videoTime: number;
  /** The hotspot's normalized position then, or `null`. */
  readonly position: { readonly x: number; readonly y: number } | null;
  readonly quantity: number;
  /** Milliseconds since the epoch. */
  readonly timestamp: number;
  readonly items: readonly ShoppableItem[];
  /**
   * Only during dispatch (else it throws an `InvalidStateError`), at most once: the card's button
   * is pending until `outcome` settles. A rejection, or no answer within 10 s, counts as `{ ok: false }`.
   */
  respondWith(outcome: PromiseLike<ShoppableIntentOutcome>): void;
}

/**
 * What `addHotspots`, `upsertProducts` and `pinProduct` throw when they refuse their argument:
 * the message lists every problem, `errors` holds them (the same list as `shoppable-error`'s).
 */
export interface ShoppableTypeError extends TypeError {
  readonly errors: readonly ShoppableProblem[];
}

/** Where `init()` finds the WebAssembly module. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** The argument of `init()`. */
export interface InitOptions {
  /** The `.wasm` (its URL, a `Response`, its bytes or a compiled module). Default: `shoppable_video_bg.wasm` beside the module. */
  module_or_path: InitInput | Promise<InitInput>;
}
