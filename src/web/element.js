// The few lines of JavaScript the element needs (imported by the Rust side as a wasm-bindgen
// snippet). A custom element must be a JS class, and a handful of browser services are simpler
// and smaller from JS: Intl formatting, URL resolution, fetch, batched style writes.
// Everything that decides something lives in Rust; these functions only carry facts across.
//
// Ownership across the boundary reads one way: the page owns the element, the element owns its
// Rust player (`#player`, freed by wasm-bindgen's FinalizationRegistry when the element is
// collected), and the player holds the element only weakly while it is out of the document.
// Nothing here keeps a removed element reachable: `connected` holds only elements in a document.

const TAG = "shoppable-video";
// The contract's attributes (names.rs has the same names for Rust).
const OBSERVED = ["timeline", "locale", "currency", "tap-action", "rail", "datalayer", "fullscreen-button",
  "src", "poster", "controls", "muted", "autoplay", "loop", "playsinline", "preload", "crossorigin"];
/** A timeline document over this many bytes of UTF-8 JSON is refused before it is read. */
const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;

let createPlayer = null; // the Rust factory, set by `defineElement` once the Wasm is ready
let haltModule = null; // tells the Rust side to stop all work
let failed = false;
const connected = new Set();

/** `value` with every object in it frozen, so no listener changes it for the next one. */
function deepFreeze(value) {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze(value[key]);
  }
  return value;
}

/** Dispatches a bubbling, composed CustomEvent with a deeply frozen detail; false when prevented. */
export function emit(target, name, detail, cancelable) {
  return target.dispatchEvent(new CustomEvent(name, { detail: deepFreeze(detail), bubbles: true, composed: true, cancelable }));
}

/**
 * The module failed (a panic, a trap, memory exhausted): every player stops, each connected
 * element says so once with `shoppable-error` code `internal`, videos keep playing. The Rust
 * state may be half-updated after a trap, so nothing calls into it again but `haltModule`,
 * which only sets a flag every Rust entry point checks.
 */
export function moduleFailed(reason) {
  if (failed) return;
  failed = true;
  try { haltModule?.(); } catch { /* the flag may already be set by the panic hook */ }
  console.error("shoppable-video stopped after an unexpected failure:", reason);
  for (const element of connected) reportFailure(element);
}

function reportFailure(element) {
  queueMicrotask(() => emit(element, "shoppable-error", {
    code: "internal",
    message: "the player stopped after an unexpected failure; the video keeps playing",
    errors: [],
  }, false));
}

/** Runs a call into the Rust player; a failure of the module becomes `moduleFailed`, never the host's exception. */
function guarded(work) {
  if (failed) return undefined;
  try {
    return work();
  } catch (error) {
    // A refused call (invalid hotspots, unknown product) is the host's to handle.
    if (error instanceof TypeError && Array.isArray(error.errors)) throw error;
    moduleFailed(error);
    return undefined;
  }
}

/** The element's class, made when `init()` defines it (importing the package in Node, for
 * server rendering, defines nothing and needs no DOM). */
function elementClass() {
  return class ShoppableVideo extends HTMLElement {
    static get observedAttributes() { return OBSERVED; }
    #player = null;
    #programTimeOffset = null;

    constructor() {
      super();
      // Upgrade: a property set before the element was defined shadows the accessor: take it over.
      const early = [];
      for (const name of ["timeline", "strings", "programTimeOffset"]) {
        if (Object.prototype.hasOwnProperty.call(this, name)) {
          early.push([name, this[name]]);
          delete this[name];
        }
      }
      this.#player = guarded(() => createPlayer(this)) || null;
      for (const [name, value] of early) this[name] = value;
    }

    connectedCallback() {
      if (failed) { reportFailure(this); return; }
      connected.add(this);
      this.#call((player) => player.connected(this));
    }
    disconnectedCallback() {
      connected.delete(this);
      this.#call((player) => player.disconnected());
    }
    attributeChangedCallback(name, oldValue, newValue) {
      if (oldValue !== newValue) this.#call((player) => player.attributeChanged(name, newValue));
    }
    get timeline() { return this.#call((player) => player.timeline()) ?? null; }
    set timeline(value) { this.#call((player) => player.setTimeline(value)); }
    /** The element's own words: every message key to its text now; set an object of overrides, or null. */
    get strings() { return this.#call((player) => player.strings()) ?? {}; }
    set strings(value) { this.#call((player) => player.setStrings(typeof value === "object" ? value : null)); }
    /** Seconds added to the presented frame's media time to get its program time, for hotspots
     * in the "program" clock where the browser cannot tell (`video.getStartDate()`); null: unset. */
    get programTimeOffset() { return this.#programTimeOffset; }
    set programTimeOffset(value) {
      if (value != null && !Number.isFinite(value)) throw new TypeError("programTimeOffset must be a finite number of seconds, or null");
      this.#programTimeOffset = value ?? null;
      this.#call((player) => player.setProgramTimeOffset(value ?? NaN));
    }
    /** The video in use; out of the document, the one it would use: the host's child `<video>`,
     * else the one the element created, else null (before its first connection). */
    get video() {
      return this.#call((player) => player.video()) ||
        this.querySelector(":scope > video") || this.shadowRoot?.querySelector("video[part~=video]") || null;
    }
    get activeHotspots() { return this.#call((player) => player.activeHotspots()) || []; }
    addHotspots(list) { this.#call((player) => player.addHotspots(list)); }
    removeHotspots(ids) { this.#call((player) => player.removeHotspots(ids)); }
    upsertProducts(list) { this.#call((player) => player.upsertProducts(list)); }
    pinProduct(id) { this.#call((player) => player.pinProduct(id === undefined ? null : id)); }

    #call(work) {
      return this.#player ? guarded(() => work(this.#player)) : undefined;
    }
  };
}

/** Defines the element once the Wasm is ready (`init()`); `halt` stops the Rust side after a failure. */
export function defineElement(create, halt) {
  if (createPlayer || customElements.get(TAG)) return;
  createPlayer = create;
  haltModule = halt;
  customElements.define(TAG, elementClass());
  // The first Intl.NumberFormat of a page sets up the browser's number data: 15-25 ms measured,
  // later ones take 0.1 ms. Pay it while the page is idle, not inside the first timeline load.
  if (typeof requestIdleCallback === "function") {
    requestIdleCallback(() => { try { new Intl.NumberFormat().format(0); } catch { /* formatPrice copes */ } });
  }
}

/** `callback` run inside the guard: the browser never sees an exception from the module. */
export function guard(callback) {
  return (...args) => guarded(() => callback(...args));
}

/** Adds a guarded listener; returns what `unlisten` needs. */
export function listen(target, type, callback, capture, passive) {
  const registered = guard(callback);
  target.addEventListener(type, registered, { capture, passive });
  return registered;
}

export function unlisten(target, type, registered, capture) {
  target.removeEventListener(type, registered, { capture });
}

/** Runs `callback` after the current call into the element has returned (host-caused events). */
export function soon(callback) {
  queueMicrotask(() => guarded(callback));
}

/** A weak reference (the player holds its element this way, so the element can be collected). */
export function weakly(target) { return new WeakRef(target); }
/** The target of a `weakly` reference, or undefined once it was collected. */
export function deref(reference) { return reference.deref(); }

const formats = new Map();
/** A price in the viewer's locale, or "" when there is nothing to show. Never throws. */
export function formatPrice(amount, currency, locale) {
  const key = `${locale}|${currency}`;
  let format = formats.get(key);
  if (!format) {
    const options = currency ? { style: "currency", currency } : { maximumFractionDigits: 2 };
    for (const candidate of [locale || undefined, undefined]) {
      try { format = new Intl.NumberFormat(candidate, options); break; } catch { /* bad locale: try the default */ }
    }
    if (!format) return String(amount);
    formats.set(key, format);
  }
  return format.format(amount);
}

const plurals = new Map();
/** The CLDR plural category of `count` in `locale` ("one", "few", "other"...). Never throws. */
export function pluralOf(locale, count) {
  let rules = plurals.get(locale);
  if (!rules) {
    try { rules = new Intl.PluralRules(locale || undefined); } catch { return "other"; }
    plurals.set(locale, rules);
  }
  return rules.select(count);
}

/** The `lang` of the nearest element that says one (the element's, an ancestor's, the document's), or "". */
export function nearestLang(host) {
  return host.closest("[lang]")?.getAttribute("lang") || "";
}

// The element fills the viewport where it cannot be made fullscreen (iPhone Safari: only a
// video can); the stylesheet lays it out from this attribute.
const FILLS_VIEWPORT = "data-fills-viewport";
/** Enters or leaves fullscreen for the element itself (video and overlay together). */
export function toggleFullscreen(host) {
  const document = host.ownerDocument;
  if (document.fullscreenElement === host) {
    document.exitFullscreen().catch(() => {});
  } else if (host.hasAttribute(FILLS_VIEWPORT)) {
    host.removeAttribute(FILLS_VIEWPORT);
  } else if (typeof host.requestFullscreen === "function" && document.fullscreenEnabled !== false) {
    host.requestFullscreen().catch(() => host.setAttribute(FILLS_VIEWPORT, ""));
  } else {
    host.setAttribute(FILLS_VIEWPORT, "");
  }
}

/** Leaves the viewport-filling fallback; true if it was on. */
export function leaveFilledViewport(host) {
  const was = host.hasAttribute(FILLS_VIEWPORT);
  host.removeAttribute(FILLS_VIEWPORT);
  return was;
}

/** Whether the element is fullscreen, or fills the viewport instead. */
export function isFullscreen(host) {
  return host.ownerDocument.fullscreenElement === host || host.hasAttribute(FILLS_VIEWPORT);
}

/** `url` resolved against `base`, or "" unless it is http(s) without a user name or password. */
export function resolveHttpUrl(url, base) {
  try {
    const resolved = new URL(url, base || document.baseURI);
    const http = resolved.protocol === "http:" || resolved.protocol === "https:";
    return http && !resolved.username && !resolved.password ? resolved.href : "";
  } catch {
    return "";
  }
}

/** The size of `text` as UTF-8 where it decides: a result over `limit` means too large (and is a lower bound). */
function utf8Size(text, limit) {
  // A UTF-16 code unit is one to three bytes of UTF-8: most texts are decided by their length.
  if (text.length > limit || text.length * 3 <= limit) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const unit = text.charCodeAt(i);
    // A surrogate pair is 4 bytes: 1 for the high half, 3 for the low one.
    bytes += unit < 0x80 || (unit >= 0xd800 && unit < 0xdc00) ? 1 : unit < 0x800 ? 2 : 3;
  }
  return bytes;
}

function tooLarge(bytes) {
  return `the document is ${bytes} bytes or more; the limit is ${MAX_DOCUMENT_BYTES} bytes (64 MiB) of JSON text`;
}

class RefusedDocument extends Error {}

/** The response's body as text, refused past the size limit without reading the rest. */
async function readLimited(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
  const declared = Number(response.headers.get("content-length"));
  if (declared > MAX_DOCUMENT_BYTES) {
    response.body?.cancel().catch(() => {});
    throw new RefusedDocument(tooLarge(declared));
  }
  const chunks = [];
  let total = 0;
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > MAX_DOCUMENT_BYTES) {
        reader.cancel().catch(() => {});
        throw new RefusedDocument(tooLarge(total));
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) { bytes.set(chunk, at); at += chunk.byteLength; }
  chunks.length = 0;
  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new RefusedDocument("the document is not UTF-8 text (RFC 8259 JSON is UTF-8)");
  }
  return [text, response.url || url];
}

/**
 * Fetches a document's text (the Wasm parses it: one string crossing instead of one call per
 * field); calls `done(text, finalUrl, null, false)` or `done("", url, message, refused)` exactly
 * once: `refused` when the document was read and refused (too large, not UTF-8), not when it
 * could not be loaded.
 */
export function fetchText(url, done) {
  let requested = url;
  try { requested = new URL(url, document.baseURI).href; } catch { /* fetch reports it */ }
  readLimited(requested).then(
    ([text, finalUrl]) => [text, finalUrl, null, false],
    (error) => ["", requested, error instanceof RefusedDocument ? error.message
      : `could not load ${requested}: ${error && error.message || error}`, error instanceof RefusedDocument],
  ).then((answer) => guarded(() => done(...answer)));
}

/**
 * A host's JS value as JSON text for the Wasm, or [null, why not]. NaN and the infinities
 * (which JSON cannot hold) are written as bare words the Wasm's reader accepts in this mode, so
 * the validator can name them; `undefined` members vanish as in JSON. Never throws. Plain
 * `JSON.stringify` first (a replacer function costs a call per value: most of the time for a large
 * timeline); only when its text holds a `null`, which may have been a non-finite number, again
 * with one, which marks them with a string no data can hold (a fresh random nonce).
 * A text over the size limit never crosses into the Wasm.
 */
export function toJson(value) {
  try {
    let text = JSON.stringify(value);
    if (text === undefined) return [null, `expected an object or an array, got ${typeof value}`];
    if (text.includes("null")) {
      const mark = `~${Math.random().toString(36).slice(2)}${Date.now().toString(36)}~`;
      let nonFinite = false;
      const marked = JSON.stringify(value, (key, item) => {
        if (typeof item === "number" && !Number.isFinite(item)) {
          nonFinite = true;
          return mark + item;
        }
        return item;
      });
      if (nonFinite) {
        text = marked;
        for (const word of ["NaN", "-Infinity", "Infinity"]) text = text.split(`"${mark}${word}"`).join(word);
      }
    }
    const bytes = utf8Size(text, MAX_DOCUMENT_BYTES);
    if (bytes > MAX_DOCUMENT_BYTES) return [null, tooLarge(bytes)];
    return [text, null];
  } catch (error) {
    return [null, `cannot be read as JSON: ${error && error.message || error}`];
  }
}

/**
 * One batch of hotspot moves: `moves` is [slot, x, y, slot, x, y, ...] in CSS px. One short
 * `translate()` per hotspot box (the stylesheet centres the button on the box's corner): the
 * browser parses every write, and a second function doubled the cost.
 */
export function placeHotspots(spots, moves) {
  for (let i = 0; i + 2 < moves.length; i += 3) {
    const spot = spots[moves[i]];
    if (spot) spot.style.transform = `translate(${moves[i + 1]}px,${moves[i + 2]}px)`;
  }
}

/** Lays the overlay over the video's content box. */
export function placeLayer(layer, left, top, width, height) {
  layer.style.width = `${width}px`;
  layer.style.height = `${height}px`;
  layer.style.transform = `translate(${left}px, ${top}px)`;
}

/**
 * The boxes of the shown `parts` and the video's control band, [left, top, right, bottom, ...]
 * in px of `layer` (where hotspots are placed): a hotspot whose point is in one rests.
 */
export function readCovers(layer, parts) {
  const base = layer.getBoundingClientRect();
  const rects = [];
  for (const part of parts) {
    const box = part.getBoundingClientRect();
    if (box.width > 0 && box.height > 0) rects.push(box.left - base.left, box.top - base.top, box.right - base.left, box.bottom - base.top);
  }
  const band = parseFloat(getComputedStyle(layer).getPropertyValue("--_band")) || 0;
  if (band > 0) rects.push(-Infinity, base.height - band, Infinity, Infinity);
  return new Float64Array(rects);
}

/**
 * The layout facts the geometry needs, read at once (only when they may have changed):
 * [left, top, width, height] of the video's content box relative to the host's padding box,
 * the video's intrinsic size, its object-fit and object-position, and both as one `fitOf` key.
 */
export function readLayout(host, video) {
  const hostBox = host.getBoundingClientRect();
  const videoBox = video.getBoundingClientRect();
  const style = getComputedStyle(video);
  const px = (name) => parseFloat(style.getPropertyValue(name)) || 0;
  const left = videoBox.left - hostBox.left - host.clientLeft + px("border-left-width") + px("padding-left");
  const top = videoBox.top - hostBox.top - host.clientTop + px("border-top-width") + px("padding-top");
  const width = videoBox.width - px("border-left-width") - px("border-right-width") - px("padding-left") - px("padding-right");
  const height = videoBox.height - px("border-top-width") - px("border-bottom-width") - px("padding-top") - px("padding-bottom");
  return [left, top, Math.max(0, width), Math.max(0, height), video.videoWidth, video.videoHeight,
    style.objectFit, style.objectPosition, fitOf(video, style)];
}

/** The video's object-fit and object-position as one string, to notice a change of style. */
export function fitOf(video, style = getComputedStyle(video)) {
  return `${style.objectFit} ${style.objectPosition}`;
}

/** A v4 UUID from the platform, or "" when it has none (the Rust side then makes one). */
export function randomUuid() {
  try { return crypto.randomUUID(); } catch { return ""; }
}

/**
 * Dispatches `shoppable-intent` with `detail.respondWith(promise)` usable during dispatch.
 * Returns [allowed, response]: `allowed` is false when a listener prevented the default;
 * `response` is null, or a promise that always resolves to {ok, reason} (a rejection, a bad
 * value or no answer within `timeoutMs` count as {ok: false}).
 */
export function emitIntent(target, detail, timeoutMs) {
  let response = null;
  let dispatching = true;
  Object.defineProperty(detail, "respondWith", {
    enumerable: false,
    value(promise) {
      if (!dispatching) throw new DOMException("respondWith() must be called while the event is dispatched", "InvalidStateError");
      if (response) throw new DOMException("respondWith() was already called", "InvalidStateError");
      response = Promise.resolve(promise);
    },
  });
  const allowed = emit(target, "shoppable-intent", detail, true);
  dispatching = false;
  if (!response) return [allowed, null];
  let timer;
  const late = new Promise((resolve) => { timer = setTimeout(() => resolve({ ok: false, reason: "" }), timeoutMs); });
  const settled = Promise.race([response, late]).then(
    (result) => ({ ok: result?.ok === true, reason: typeof result?.reason === "string" ? result.reason : "" }),
    () => ({ ok: false, reason: "" }),
  ).finally(() => clearTimeout(timer));
  return [allowed, settled];
}

/** Calls `done(ok, reason)` when an `emitIntent` response settles. */
export function whenSettled(settled, done) {
  settled.then((result) => guarded(() => done(result.ok, result.reason)));
}

/** Pushes one analytics ecommerce event to window.dataLayer (created if missing). */
export function pushDataLayer(event, ecommerce) {
  (window.dataLayer = window.dataLayer || []).push({ event, ecommerce });
}

/** The video's text tracks of kind "metadata" labelled "shoppable", switched on so cues load. */
export function shoppableTracks(video) {
  const tracks = [];
  for (const track of video.textTracks || []) {
    if (track.kind === "metadata" && track.label === "shoppable") {
      if (track.mode === "disabled") track.mode = "hidden";
      tracks.push(track);
    }
  }
  return tracks;
}

/** `video.getStartDate()` in ms since the epoch (native HLS knows it), else NaN. */
export function startDate(video) {
  try { return video.getStartDate().getTime(); } catch { return NaN; }
}

/** Per video: the date-range cues handed to the Rust side and still on a track -> their number. */
const dateRangeCues = new WeakMap();
let dateRangeNumber = 0;
/**
 * HLS date ranges carrying a hotspot, as players expose them: a metadata cue whose `value` is
 * `{ key: "X-HOTSPOT", data }` (hls.js on its "id3" track, Safari's native HLS as a DataCue).
 * Returns [added, removed]: each new cue as [n, id, start, end, data] (`n` numbers it for good,
 * as `takeNewCues` numbers a track's cues), and the numbers of the cues handed over before that
 * are gone (the date range left the live playlist). In-band metadata tracks (no `<track>`
 * element's) are switched on so their cues load; the host's own tracks are left as they are.
 */
export function takeDateRanges(video) {
  const known = dateRangeCues.get(video) || new Map();
  const added = [];
  const current = new Set();
  for (const track of video.textTracks || []) {
    if (track.kind !== "metadata" || track.label === "shoppable") continue;
    if (track.mode === "disabled" && ![...video.querySelectorAll("track")].some((element) => element.track === track)) track.mode = "hidden";
    for (const cue of track.cues || []) {
      const value = cue.value;
      if (value?.key !== "X-HOTSPOT" || typeof value.data !== "string") continue;
      current.add(cue);
      if (!known.has(cue)) {
        known.set(cue, ++dateRangeNumber);
        added.push([dateRangeNumber, cue.id, cue.startTime, cue.endTime, value.data]);
      }
    }
  }
  const removed = [];
  for (const [cue, n] of known) {
    if (!current.has(cue)) { known.delete(cue); removed.push(n); }
  }
  if (known.size) dateRangeCues.set(video, known);
  else dateRangeCues.delete(video);
  return [added, removed];
}

const seenCues = new WeakSet();
/**
 * The cues of `track` not returned before, each as [n, id, start, end, text]: `n` is the cue's
 * 1-based place in the track.
 */
export function takeNewCues(track) {
  const fresh = [];
  const cues = track.cues;
  if (!cues) return fresh;
  for (let i = 0; i < cues.length; i++) {
    const cue = cues[i];
    if (seenCues.has(cue)) continue;
    seenCues.add(cue);
    fresh.push([i + 1, cue.id || "", cue.startTime, cue.endTime, cue.text]);
  }
  return fresh;
}

// The shadow DOM's static part, built once with DOM calls (no HTML parsing: it works under
// Trusted Types with no policy) and cloned per element. Static structure only: product text is
// always set as text, and so are the element's own words (from the catalogs of core::words, set
// by overlay.rs): the markup holds none. A node is [tag, attributes, ...children]; a string
// child is a text node.
// The part names are the contract's (CONTRACT.md section 2; names.rs lists them for Rust).
const button = (part, ...children) => ["button", { type: "button", part }, ...children];
const OVERLAY = ["div", { part: "overlay" },
  ["div", { part: "card", role: "dialog", "aria-labelledby": "card-title", hidden: "" },
    ["img", { part: "card-image", alt: "" }],
    ["h2", { part: "card-title", id: "card-title" }],
    ["p", { class: "prices" }, ["span", { part: "card-price" }], ["s", { part: "card-original-price" }]],
    ["p", { part: "card-description" }],
    ["div", { class: "actions" }, button("buy"), button("add-to-cart")],
    ["p", { part: "card-status", role: "status" }],
    ["button", { type: "button", part: "close" }, "\u00d7"]],
  ["div", { part: "pinned", role: "region", hidden: "" },
    ["span", { class: "badge" }],
    button("pinned-title"),
    ["span", { part: "pinned-price" }],
    ["div", { class: "actions" }, button("buy"), button("add-to-cart")],
    ["p", { part: "card-status", role: "status" }]],
  ["nav", { part: "rail", hidden: "" },
    ["button", { type: "button", part: "rail-toggle", "aria-expanded": "false", "aria-controls": "rail-list" }],
    ["ul", { id: "rail-list" }]],
  ["button", { type: "button", part: "fullscreen", "aria-pressed": "false" }],
  ["p", { class: "announcer", role: "status", "aria-live": "polite" }]];
// A hotspot is a button inside a bare positioned box: the frame loop moves the box, so the
// browser restyles one plain element per move, not a button with its large default style and
// its children (measured: a quarter of the style and layout time).
const SPOT = ["div", { class: "spot", hidden: "" },
  ["button", { type: "button", class: "hotspot" },
    ["span", { class: "dot", "aria-hidden": "true" }], ["span", { class: "tag", "aria-hidden": "true" }]]];
const RAIL_ITEM = ["li", {}, ["button", { type: "button", part: "rail-item" }, ["span", { class: "title" }], ["span", { class: "price" }]]];
/** The nodes `buildOverlay` returns, in this order (overlay.rs reads them by index). */
const OVERLAY_NODES = ["[part~=overlay]",
  "[part~=card]", "[part~=card-image]", "[part~=card-title]", "[part~=card-price]", "[part~=card-original-price]",
  "[part~=card-description]", "[part~=card] [part~=buy]", "[part~=card] [part~=add-to-cart]", "[part~=close]",
  "[part~=card] [part~=card-status]",
  "[part~=pinned]", "[part~=pinned-title]", "[part~=pinned-price]", "[part~=pinned] [part~=buy]",
  "[part~=pinned] [part~=add-to-cart]", "[part~=pinned] [part~=card-status]",
  "[part~=rail]", "[part~=rail-toggle]", "#rail-list", "[part~=pinned] .badge", "[part~=fullscreen]", ".announcer"];

function build([tag, attributes, ...children]) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) node.append(typeof child === "string" ? child : build(child));
  return node;
}

const built = new Map();
function clone(spec) {
  let node = built.get(spec);
  if (!node) built.set(spec, node = build(spec));
  return node.cloneNode(true);
}

/** Puts a fresh overlay in `parent` (replacing one left from an earlier connection); returns its nodes in `OVERLAY_NODES` order. */
export function buildOverlay(parent) {
  parent.querySelector("[part~=overlay]")?.remove();
  const overlay = clone(OVERLAY);
  const nodes = OVERLAY_NODES.map((selector) => overlay.matches(selector) ? overlay : overlay.querySelector(selector));
  parent.append(overlay);
  return nodes;
}

/** Appends a rail item for a product to `list` (its texts set as text); returns its button. */
export function newRailItem(list, productId, title, price) {
  const item = clone(RAIL_ITEM);
  const button = item.firstChild;
  button.dataset.productId = productId;
  button.firstChild.textContent = title;
  button.lastChild.textContent = price;
  list.append(item);
  return button;
}

/** A new pooled hotspot box for `slot` (its button is the first child), inserted in `layer` before `before`. */
export function newSpot(layer, before, slot) {
  const spot = clone(SPOT);
  spot.dataset.slot = slot;
  layer.insertBefore(spot, before);
  return spot;
}
