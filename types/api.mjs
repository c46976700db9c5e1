// The public API of <shoppable-video> (CONTRACT.md section 2), written once. tools/typings.mjs
// makes from it, and from the data types in types/data.d.ts, both pkg/shoppable_video.d.ts
// (TypeScript, with the event maps, React's and Vue's declarations) and pkg/custom-elements.json
// (the Custom Elements Manifest that IDEs and catalogs read). tests/types/api.test.mjs checks
// that docs/API.md documents every name listed here. Types are TypeScript text naming the
// types of data.d.ts; descriptions are Markdown, the first sentence a summary.

export const TAG = "shoppable-video";
export const CLASS = "ShoppableVideoElement";
export const MODULE = "shoppable_video.js";

/** Written after every description of something whose events follow a host's call. */
const AFTER_CALL = "Events it causes are dispatched after the call returns, never inside it.";

/** The module's exports (besides the element it defines). */
export const functions = [
  {
    name: "init",
    export: "default",
    parameters: [{ name: "options", type: "InitOptions", optional: true,
      description: "where the `.wasm` is; by default `shoppable_video_bg.wasm` beside the module, found with `new URL(…, import.meta.url)` (Vite and webpack 5 bundle it with no configuration)" }],
    returns: "Promise<unknown>",
    description: "Loads the WebAssembly module and defines `<shoppable-video>`. Idempotent: later calls define nothing again. " +
      "`customElements.whenDefined(\"shoppable-video\")` resolves after it. Rejects when the `.wasm` cannot be fetched or compiled " +
      "(under a Content-Security-Policy, `script-src` needs `'wasm-unsafe-eval'`). What it resolves to is internal.",
    example: "import init from \"shoppable-video\";\nawait init();",
  },
  {
    name: "version",
    parameters: [],
    returns: "string",
    description: "The package's version, e.g. `\"0.1.0\"`. Call it after `init()`.",
    example: "console.log(version());",
  },
];

/** Attributes of the element's own (`media` below: passed through to a video it creates). */
export const attributes = [
  { name: "timeline", type: "string", default: null, property: "timeline",
    description: "URL of a timeline JSON document, fetched when set (relative to the document). A document that fails to load or validate emits `shoppable-error` and the previous timeline stays active. " + AFTER_CALL,
    example: "<shoppable-video src=\"clip.webm\" timeline=\"clip.timeline.json\"></shoppable-video>" },
  { name: "locale", type: "string", default: null,
    description: "BCP 47 locale for prices and for the element's own words. Default: the nearest `lang` attribute (the element's, an ancestor's, the document's), else `navigator.language`. A change shows at once.",
    example: "<shoppable-video locale=\"zh-CN\" …></shoppable-video>" },
  { name: "currency", type: "string", default: null,
    description: "ISO 4217 code used where neither the product nor the timeline gives one.",
    example: "<shoppable-video currency=\"EUR\" …></shoppable-video>" },
  { name: "tap-action", type: "\"card\" | \"intent\"", default: "card",
    description: "`card`: tapping a hotspot opens the product card, whose buttons emit intents. `intent`: tapping a hotspot emits a `buy_now` intent at once (\"tap to buy\").",
    example: "<shoppable-video tap-action=\"intent\" …></shoppable-video>" },
  { name: "rail", type: "\"auto\" | \"open\" | \"closed\"", default: "auto",
    description: "The \"shop this video\" list of all products: `auto` (open on players 480 px wide or more, collapsed to a \"Shop (N)\" button below), `open`, `closed`.",
    example: "<shoppable-video rail=\"closed\" …></shoppable-video>" },
  { name: "fullscreen-button", type: "\"auto\" | \"off\"", default: "auto",
    description: "`auto`: the overlay shows its fullscreen toggle (`[part~=\"fullscreen\"]`), which puts the element itself (video and overlay) into fullscreen. `off`: it does not (for hosts with their own chrome).",
    example: "<shoppable-video fullscreen-button=\"off\" …></shoppable-video>" },
  { name: "datalayer", type: "boolean", default: null,
    description: "When present, the element also pushes the analytics ecommerce events (`view_item` on impressions, `select_item`, `add_to_cart`, `begin_checkout` for `buy_now`) with their `ecommerce.items` to `window.dataLayer`.",
    example: "<shoppable-video datalayer …></shoppable-video>" },
];

/**
 * Passed through to the `<video>` the element creates (ignored when the host puts its own
 * `<video>` inside the element: that one is used as it is).
 */
export const mediaAttributes = [
  { name: "src", type: "string", description: "The video's URL." },
  { name: "poster", type: "string", description: "An image shown until the video plays." },
  { name: "controls", type: "boolean", description: "Show the browser's controls (their fullscreen button is replaced by the element's)." },
  { name: "muted", type: "boolean", description: "Start muted (browsers let muted videos autoplay)." },
  { name: "autoplay", type: "boolean", description: "Play as soon as possible." },
  { name: "loop", type: "boolean", description: "Start again at the end." },
  { name: "playsinline", type: "boolean", description: "Play in place on phones instead of in the native fullscreen player." },
  { name: "preload", type: "\"none\" | \"metadata\" | \"auto\" | \"\"", description: "How much to load before playing." },
  { name: "crossorigin", type: "\"anonymous\" | \"use-credentials\" | \"\"", description: "CORS mode of the video request." },
];

/**
 * Properties. `get`/`set` are the types read and accepted (the same unless they differ);
 * `jsx` is what a framework may bind (React 19 and Vue set properties the element has).
 */
export const properties = [
  { name: "timeline", get: "ShoppableTimelineSnapshot | null", set: "ShoppableTimeline | string", default: "null",
    description: "The active timeline. Get: a new plain object of it (`null` before one is active). Set: an object is validated and replaces it; a string is a URL, fetched like the `timeline` attribute (React 19 sets properties, not attributes). A timeline that fails to load or validate emits `shoppable-error` and the previous one stays active. " + AFTER_CALL,
    example: "player.timeline = { version: 1, products: [...], hotspots: [...] };\nplayer.timeline = \"/media/clip.timeline.json\";" },
  { name: "strings", get: "ShoppableStrings", set: "Readonly<ShoppableStrings> | null", default: "{}",
    description: "The element's own words. Get: a new plain object of every message key to the text in effect now (the current locale's catalog with the overrides applied). Set: overrides (message key to text) merged over every locale's catalog; unknown keys are ignored; `null` clears them. A change shows at once.",
    example: "player.strings = { buy: \"Get it\" };" },
  { name: "programTimeOffset", get: "number | null", set: "number | null", default: "null",
    description: "Seconds added to the presented frame's media time to get program time, for hotspots whose clock is `\"program\"`, when the browser cannot tell (`video.getStartDate()`, known with native HLS, wins). Set it from your streaming library, e.g. a fragment's program date-time minus its start time; `null` unsets it, and a value that is not a finite number throws a `TypeError`. Until one of the two is known, program-time hotspots are not shown. A change shows at once.",
    example: "hls.on(Hls.Events.FRAG_CHANGED, (_, { frag }) => {\n  player.programTimeOffset = frag.programDateTime / 1000 - frag.start;\n});" },
  { name: "video", get: "HTMLVideoElement | null", readonly: true, default: "null",
    description: "The `<video>` in use: the host's child video, or the one the element created. `null` until the element is first connected.",
    example: "player.video?.play();" },
  { name: "activeHotspots", get: "string[]", readonly: true, default: "[]",
    description: "The ids of the hotspots visible at the currently presented frame, in timeline order: a new array on every read.",
    example: "console.log(player.activeHotspots); // [\"vase-still\", \"fan\"]" },
];

/** Methods. `throws` says what a refused call throws. */
export const methods = [
  { name: "addHotspots", parameters: [{ name: "list", type: "readonly ShoppableHotspot[]", description: "hotspots in the timeline's clock" }], returns: "void",
    throws: "a `ShoppableTypeError` (a `TypeError` whose `errors` lists every problem, with JSON paths such as `[0].end`) when any hotspot is invalid or its `product` is unknown; nothing is added (all or nothing) and `shoppable-error` is emitted too.",
    description: "Adds hotspots at run time (live streams), validated like a timeline's. They show at once, also while paused. " + AFTER_CALL,
    example: "player.addHotspots([{ id: \"h9\", product: \"vase-01\", start: 12, end: 20, x: 0.5, y: 0.4 }]);" },
  { name: "removeHotspots", parameters: [{ name: "ids", type: "readonly string[]", description: "hotspot ids; unknown ids are ignored" }], returns: "void",
    description: "Removes hotspots by id. Never throws. " + AFTER_CALL,
    example: "player.removeHotspots([\"h9\"]);" },
  { name: "upsertProducts", parameters: [{ name: "list", type: "readonly ShoppableProduct[]", description: "products, each added or replacing the one with its id" }], returns: "void",
    throws: "a `ShoppableTypeError` when any product is invalid; nothing changes and `shoppable-error` is emitted too.",
    description: "Adds or replaces products by id: labels, cards and the rail update at once (e.g. `available: false` when a product sells out).",
    example: "player.upsertProducts([{ id: \"vase-01\", title: \"Cloisonne vase\", price: 1280, available: false }]);" },
  { name: "pinProduct", parameters: [{ name: "id", type: "string | null", description: "a product's id, or `null` to clear" }], returns: "void",
    throws: "a `ShoppableTypeError` when the product is unknown; the pinned card stays as it was and `shoppable-error` is emitted too.",
    description: "Shows (or clears) the pinned product card, `[part~=\"pinned\"]`, independent of time: the livestream's \"now presenting\" product.",
    example: "player.pinProduct(\"vase-01\");\nplayer.pinProduct(null);" },
];

/** Events: all `CustomEvent`s dispatched on the element, `bubbles: true, composed: true`, `detail` deeply frozen. */
export const events = [
  { name: "shoppable-ready", detail: "ShoppableReadyDetail",
    description: "A timeline became active (from the attribute, the property or a fetch). `detail`: its counts.",
    example: "player.addEventListener(\"shoppable-ready\", (e) => console.log(e.detail.hotspots));" },
  { name: "shoppable-error", detail: "ShoppableErrorDetail",
    description: "A timeline failed to load or validate, or a run-time call was refused (`timeline-fetch`, `invalid-timeline`), or the element stopped itself after an unexpected failure (`internal`; the video keeps playing).",
    example: "player.addEventListener(\"shoppable-error\", (e) => {\n  for (const { path, message } of e.detail.errors) console.warn(path, message);\n});" },
  { name: "shoppable-hotspot-show", detail: "ShoppableHotspotDetail",
    description: "A hotspot became visible (an impression).",
    example: "player.addEventListener(\"shoppable-hotspot-show\", (e) => analytics.impression(e.detail.productId));" },
  { name: "shoppable-hotspot-hide", detail: "ShoppableHotspotDetail",
    description: "A hotspot stopped being visible.",
    example: "player.addEventListener(\"shoppable-hotspot-hide\", (e) => console.log(e.detail.hotspotId));" },
  { name: "shoppable-select", detail: "ShoppableSelectDetail",
    description: "The viewer opened a product (from a hotspot, the rail or the pinned card).",
    example: "player.addEventListener(\"shoppable-select\", (e) => console.log(e.detail.source));" },
  { name: "shoppable-intent", detail: "ShoppableIntentDetail", cancelable: true,
    description: "The viewer asked to buy (`buy_now` or `add_to_cart`), inside the viewer's activation. Cancelable: unless a listener calls `preventDefault()`, the product's `url` opens in a new tab (`noopener`). `detail.respondWith(promise)` during dispatch shows the outcome on the card.",
    example: "player.addEventListener(\"shoppable-intent\", (e) => {\n  e.preventDefault();\n  e.detail.respondWith(cart.add(e.detail.productId, e.detail.quantity));\n});" },
];

/** Shadow DOM parts, for `::part()` styling and for tests. */
export const parts = [
  { name: "video", description: "The `<video>` the element creates (not a host's own video)." },
  { name: "overlay", description: "The layer laid exactly over the video's content box." },
  { name: "hotspot", description: "One visible hotspot: a `<button>` with `data-hotspot-id`, `data-product-id` and an `aria-label` naming the product and its price; the centre of its box is the hotspot's position." },
  { name: "card", description: "The open product card (a dialog)." },
  { name: "card-image", description: "The card's product image." },
  { name: "card-title", description: "The card's product title." },
  { name: "card-price", description: "The card's price." },
  { name: "card-original-price", description: "The card's struck-through original price." },
  { name: "card-description", description: "The card's product description." },
  { name: "card-status", description: "The card's status line (\"Added to cart\", a refusal's reason)." },
  { name: "buy", description: "The \"Buy now\" button (card and pinned card): emits a `buy_now` intent." },
  { name: "add-to-cart", description: "The \"Add to cart\" button (card and pinned card): emits an `add_to_cart` intent." },
  { name: "close", description: "The card's close button." },
  { name: "pinned", description: "The pinned \"now presenting\" card (`pinProduct`)." },
  { name: "pinned-title", description: "The pinned card's title (a button that opens the product's card)." },
  { name: "pinned-price", description: "The pinned card's price." },
  { name: "rail", description: "The \"shop this video\" list of all products." },
  { name: "rail-toggle", description: "The rail's \"Shop (N)\" button." },
  { name: "rail-item", description: "One product of the rail (a button with `data-product-id`, and `aria-current=\"true\"` while one of its hotspots is visible)." },
  { name: "fullscreen", description: "The fullscreen toggle: a button with `aria-pressed` (hidden by `fullscreen-button=\"off\"`)." },
];

/** CSS custom properties read on the element. */
export const cssProperties = [
  { name: "--shoppable-accent", default: "#d70c19", syntax: "<color>", description: "The hotspot's dot, prices and the buy button (keep 4.5:1 on the card's background)." },
  { name: "--shoppable-on-accent", default: "#fff", syntax: "<color>", description: "Text on the accent." },
  { name: "--shoppable-hotspot-size", default: "44px", syntax: "<length>", description: "The hotspot's tap target (never below 44px)." },
  { name: "--shoppable-dot-size", default: "18px", syntax: "<length>", description: "The visible dot inside it." },
  { name: "--shoppable-card-background", default: "#fff", syntax: "<color>", description: "The product card's background." },
  { name: "--shoppable-card-color", default: "#1d1d1f", syntax: "<color>", description: "The card's text." },
  { name: "--shoppable-radius", default: "12px", syntax: "<length>", description: "The card's corners." },
  { name: "--shoppable-font", default: "system-ui, -apple-system, \"Segoe UI\", \"PingFang SC\", \"Microsoft YaHei\", sans-serif", syntax: "*", description: "All text." },
  { name: "--shoppable-controls-height", default: "72px", syntax: "<length>", description: "The band at the bottom of the picture that the overlay leaves to the video's native control bar while it has `controls`." },
];

/** The element's light DOM. */
export const slots = [
  { name: "", description: "An optional `<video>` (set up by the host: a streaming library, tracks, sources), used as it is instead of a created one." },
];
