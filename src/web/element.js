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
/** Media attributes copied onto a video the element made (never onto a host's own video). */
const MEDIA = ["src", "poster", "controls", "muted", "autoplay", "loop", "playsinline", "preload", "crossorigin"];
/** The boolean ones also set their property: as attributes they only set defaults (`muted`), and
 * autoplay policies read the property. */
const MEDIA_PROPERTY = { controls: "controls", muted: "muted", autoplay: "autoplay", loop: "loop", playsinline: "playsInline" };
const OBSERVED = ["timeline", "locale", "currency", "tap-action", "rail", "datalayer", "fullscreen-button", ...MEDIA];
/** A timeline document over this many bytes of UTF-8 JSON is refused before it is read. */
const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;

let createPlayer = null; // the Rust factory, set by `defineElement` once the Wasm is ready
let styleText = ""; // the shadow roots' stylesheet (style.css), from `defineElement`
let sheet = null; // that stylesheet, constructed once and adopted by every shadow root
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
 * state may be half-updated after a trap, so nothing calls into it again; Rust code still
 * running further out (a host listener called back into the element) reads `hasFailed` and stops.
 */
export function moduleFailed(reason) {
  if (failed) return;
  failed = true;
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
    moduleFailed(error);
    return undefined;
  }
}

// The player's methods (element.rs `method` has the same numbers).
const CONNECTED = 0, DISCONNECTED = 1, ATTRIBUTE_CHANGED = 2, TIMELINE = 3, SET_TIMELINE = 4, STRINGS = 5,
  SET_STRINGS = 6, ACTIVE_HOTSPOTS = 7, ADD_HOTSPOTS = 8, REMOVE_HOTSPOTS = 9, UPSERT_PRODUCTS = 10, PIN_PRODUCT = 11,
  VIDEO = 12, SET_PROGRAM_TIME_OFFSET = 13;

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
      this.#player = guarded(() => createPlayer(0, this)) || null;
      for (const [name, value] of early) this[name] = value;
    }

    connectedCallback() {
      if (failed) { reportFailure(this); return; }
      connected.add(this);
      this.#call(CONNECTED, this);
    }
    disconnectedCallback() {
      connected.delete(this);
      this.#call(DISCONNECTED);
    }
    attributeChangedCallback(name, oldValue, newValue) {
      if (oldValue === newValue) return;
      if (!MEDIA.includes(name)) return this.#call(ATTRIBUTE_CHANGED, [name, newValue]);
      const video = madeVideo(this.shadowRoot);
      if (video) copyMedia(this, video, name);
    }
    /** A plain object the element's JSON text builds (null before a timeline). */
    get timeline() {
      const text = this.#call(TIMELINE);
      return typeof text === "string" ? JSON.parse(text) : null;
    }
    /** Crosses with the element's base URL: relative product URLs resolve against it. */
    set timeline(value) { this.#call(SET_TIMELINE, [value, this.baseURI]); }
    /** The element's own words: every message key to its text now; set an object of overrides, or null. */
    get strings() {
      const strings = {};
      const flat = this.#call(STRINGS) || [];
      for (let i = 0; i + 1 < flat.length; i += 2) strings[flat[i]] = flat[i + 1];
      return strings;
    }
    /** Crosses as [key, text, key, text, ...] (texts that are not strings skipped), or null. */
    set strings(value) {
      this.#call(SET_STRINGS, value && typeof value === "object"
        ? Object.entries(value).filter(([, text]) => typeof text === "string").flat() : null);
    }
    /** Seconds added to the presented frame's media time to get its program time, for hotspots
     * in the "program" clock where the browser cannot tell (`video.getStartDate()`); null: unset. */
    get programTimeOffset() { return this.#programTimeOffset; }
    set programTimeOffset(value) {
      if (value != null && !Number.isFinite(value)) throw new TypeError("programTimeOffset must be a finite number of seconds, or null");
      this.#programTimeOffset = value ?? null;
      this.#call(SET_PROGRAM_TIME_OFFSET, value ?? null);
    }
    /** The video in use; out of the document, the one it would use: the host's child `<video>`,
     * else the one the element created, else null (before its first connection). */
    get video() {
      return this.#call(VIDEO) ||
        this.querySelector(":scope > video") || this.shadowRoot?.querySelector("video[part~=video]") || null;
    }
    get activeHotspots() { return this.#call(ACTIVE_HOTSPOTS) || []; }
    addHotspots(list) { refusal(this.#call(ADD_HOTSPOTS, list)); }
    /** Crosses as a list of strings: one id, or the ids of a list (anything else is no id). */
    removeHotspots(ids) { this.#call(REMOVE_HOTSPOTS, [].concat(ids).filter((id) => typeof id === "string")); }
    upsertProducts(list) { refusal(this.#call(UPSERT_PRODUCTS, list)); }
    pinProduct(id) { refusal(this.#call(PIN_PRODUCT, id === undefined ? null : id)); }

    #call(method, value) {
      return this.#player ? guarded(() => this.#player(method, value)) : undefined;
    }
  };
}

/** Throws the `TypeError` of a run-time call the player refused (it answered [message, errors]):
 * invalid hotspots, an unknown product are the host's to handle. */
function refusal(answer) {
  if (answer) throw Object.assign(new TypeError(answer[0]), { errors: answer[1] });
}

/** Whether the module failed: Rust's entry points check it first (see `moduleFailed`). */
export function hasFailed() { return failed; }

/** Defines the element once the Wasm is ready (`init()`); `css` is the shadow roots' stylesheet. */
export function defineElement(create, css) {
  if (createPlayer || customElements.get(TAG)) return;
  createPlayer = create;
  styleText = css;
  customElements.define(TAG, elementClass());
  // The first Intl.NumberFormat of a page sets up the browser's number data: 15-25 ms measured,
  // later ones take 0.1 ms. Pay it while the page is idle, not inside the first timeline load.
  if (typeof requestIdleCallback === "function") {
    requestIdleCallback(() => { try { new Intl.NumberFormat().format(0); } catch { /* formatPrice copes */ } });
  }
}

/** `callback` run inside the guard: the browser never sees an exception from the module. */
function guard(callback) {
  return (...args) => guarded(() => callback(...args));
}

/** Adds a guarded listener (passive unless said otherwise); returns the function that removes it. */
function listen(target, type, callback, capture = false, passive = true) {
  const registered = guard(callback);
  target.addEventListener(type, registered, { capture, passive });
  return () => target.removeEventListener(type, registered, { capture });
}

// The facts `connect` and `frameLoop` tell the player, as numbers (connection.rs has the same).
const PLAYBACK = 0, LAYOUT = 1, CUES = 2, CLICK = 3, ESCAPE = 4, FRAME = 5;

/**
 * Registers what a connected element listens to, each event told as `fact(kind, target)`:
 * playback of the video (the frame loop follows it), what may change the layout (metadata, the
 * video's intrinsic size, fullscreen, a resize of the video or the element), metadata tracks
 * and their cues, clicks on the shadow root's buttons (with `tapOf` them), and Escape in it
 * (prevented when the player answers that it closed something). Returns what `watchTracks` and
 * `disconnect` take, or null (and says why on the console) when the browser refused.
 */
export function connect(host, video, shadow, fact) {
  const registered = { fact, stops: [], tracks: [] };
  const on = (target, type, callback, capture, passive) => registered.stops.push(listen(target, type, callback, capture, passive));
  try {
    for (const type of ["play", "playing", "pause", "ended", "emptied", "seeking", "seeked"]) on(video, type, () => fact(PLAYBACK));
    for (const type of ["loadedmetadata", "resize"]) on(video, type, () => fact(LAYOUT));
    on(host.ownerDocument, "fullscreenchange", () => fact(LAYOUT));
    if (video.textTracks instanceof EventTarget) on(video.textTracks, "addtrack", () => fact(CUES));
    // Taps on the overlay: one delegated listener for every button.
    on(shadow, "click", (event) => {
      const tap = event.target instanceof Element && tapOf(event.target);
      if (tap) fact(CLICK, tap);
    });
    // A metadata track's cues finished loading (`load` does not bubble: capture it).
    on(video, "load", () => fact(CUES), true);
    // On the host: Escape works wherever focus is in the element, its own video too.
    on(host, "keydown", (event) => {
      if (event instanceof KeyboardEvent && event.key === "Escape" && fact(ESCAPE)) {
        event.preventDefault();
        event.stopPropagation();
      }
    }, false, false);
    const resize = new ResizeObserver(guard(() => fact(LAYOUT)));
    registered.stops.push(() => resize.disconnect());
    resize.observe(video);
    resize.observe(host);
    return registered;
  } catch (error) {
    disconnect(registered);
    console.error(error);
    return null;
  }
}

/**
 * What a click in the shadow root hit, as [what, detail]: ["hotspot", slot], ["rail-item",
 * product id], ["pinned-title"], or a control's part ("buy", "add-to-cart", "close",
 * "rail-toggle", "fullscreen", ...) and whether it is in the pinned card; null for no button.
 */
function tapOf(target) {
  const spot = target.closest(".spot");
  if (spot) return ["hotspot", Number(spot.dataset.slot)];
  const item = target.closest("[part~=rail-item]");
  if (item) return ["rail-item", item.dataset.productId];
  if (target.closest("[part~=pinned-title]")) return ["pinned-title"];
  const control = target.closest("button[part]");
  return control && [control.getAttribute("part"), !!target.closest("[part~=pinned]")];
}

/** Listens for `cuechange` on each of `tracks` (a live track's new cues), instead of the tracks before. */
export function watchTracks(registered, tracks) {
  for (const stop of registered.tracks) stop();
  registered.tracks = tracks.filter((track) => track instanceof EventTarget)
    .map((track) => listen(track, "cuechange", () => registered.fact(CUES)));
}

/** Unregisters everything `connect` and `watchTracks` registered. */
export function disconnect(registered) {
  for (const stop of [...registered.stops, ...registered.tracks]) stop();
  registered.stops = [];
  registered.tracks = [];
}

/** Runs `callback` after the current call into the element has returned (host-caused events). */
export function soon(callback) {
  queueMicrotask(() => guarded(() => callback(0))); // a js::Callback: its kind is a number
}

/**
 * Tells `fact(FRAME, mediaTime)` once per presented frame of `video` until the function it
 * returns is called: through requestVideoFrameCallback (the frame's exact `mediaTime`) where the
 * browser has it, else requestAnimationFrame (`currentTime` at the next paint). The next frame
 * is asked for before `fact` runs (which may stop the loop); a failed module asks for none.
 */
export function frameLoop(video, fact) {
  const videoFrames = typeof video.requestVideoFrameCallback === "function";
  let handle = null;
  const request = () => {
    handle = videoFrames ? video.requestVideoFrameCallback(frame) : requestAnimationFrame(frame);
  };
  const frame = (now, metadata) => {
    if (failed) return;
    request();
    const time = videoFrames && typeof metadata?.mediaTime === "number" ? metadata.mediaTime : video.currentTime;
    guarded(() => fact(FRAME, time));
  };
  request();
  return () => {
    if (handle !== null) videoFrames ? video.cancelVideoFrameCallback(handle) : cancelAnimationFrame(handle);
    handle = null;
  };
}

/** Stops a `frameLoop`. */
export function stopFrameLoop(stop) { stop(); }

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

/**
 * The element's open shadow root, made on the first call: the shared stylesheet adopted (a
 * `<style>` where constructable stylesheets are missing), then a slot for the host's children.
 * null when the element cannot have one (another script attached a closed one).
 */
export function shadowOf(host) {
  if (host.shadowRoot) return host.shadowRoot;
  try {
    const shadow = host.attachShadow({ mode: "open" });
    const document = host.ownerDocument;
    try {
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(styleText);
      }
      shadow.adoptedStyleSheets = [sheet];
    } catch {
      sheet = null;
      const style = document.createElement("style");
      style.textContent = styleText;
      shadow.append(style);
    }
    shadow.append(document.createElement("slot"));
    return shadow;
  } catch {
    return null;
  }
}

/**
 * The video the element plays, as [video, made by the element]: the host's child `<video>` as it
 * is (a video made on an earlier connection is removed), else the one made earlier, else a new
 * one at the start of the shadow root.
 */
export function videoOf(host, shadow) {
  let video = madeVideo(shadow);
  const child = host.querySelector(":scope > video");
  if (child instanceof HTMLVideoElement) {
    video?.remove();
    return [child, false];
  }
  if (!video) {
    video = host.ownerDocument.createElement("video");
    video.setAttribute("part", "video");
    // The native controls must never take the bare video fullscreen without the shop.
    video.setAttribute("controlslist", "nofullscreen");
    shadow.insertBefore(video, shadow.firstChild);
  }
  for (const name of MEDIA) copyMedia(host, video, name);
  return [video, true];
}

/** The video the element made, in its shadow root: the one in use while it is there (a host's
 * own child video removes it). */
function madeVideo(shadow) {
  return shadow?.querySelector("video[part~=video]");
}

/** Copies the media attribute `name` from the element onto the video it made. */
function copyMedia(host, video, name) {
  const value = host.getAttribute(name);
  if (value === null) video.removeAttribute(name);
  else video.setAttribute(name, value);
  if (name in MEDIA_PROPERTY) video[MEDIA_PROPERTY[name]] = value !== null;
}

/**
 * The `lang` of the nearest element that says one (the element's, an ancestor's, the
 * document's), else the browser's language, else "". `host` is undefined while disconnected.
 */
export function defaultLocale(host) {
  return host?.closest("[lang]")?.getAttribute("lang") || navigator.language || "";
}

/** Opens `url` in a new tab with `noopener`; false if the browser threw. */
export function openInNewTab(url) {
  try {
    window.open(url, "_blank", "noopener");
    return true;
  } catch {
    return false;
  }
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
 * field); calls `done(0, [text, finalUrl, null, false])` or `done(0, ["", url, message, refused])` exactly
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
  ).then((answer) => guarded(() => done(0, answer)));
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
export function placeHotspots(nodes, moves) {
  for (let i = 0; i + 2 < moves.length; i += 3) {
    const spot = nodes.spots[moves[i]];
    if (!spot) continue;
    spot.style.transform = `translate(${moves[i + 1]}px,${moves[i + 2]}px)`;
    spot.x = moves[i + 1];
    spot.y = moves[i + 2];
    restIfCovered(nodes, spot);
  }
}

/**
 * Reads again where the parts a hotspot may lie under are (the pinned card, the rail's toggle
 * and list, the fullscreen toggle) and the video's control band, as [left, top, right, bottom,
 * ...] in px of the layer (where hotspots are placed), after one was shown, hidden or refilled,
 * or the layout changed (never per frame); rests the hotspots now under one.
 */
export function readCovers(nodes) {
  const base = nodes.layer.getBoundingClientRect();
  const rects = [];
  for (const part of [nodes.pinned, nodes.railToggle, nodes.railList, nodes.fullscreen]) {
    const box = part.getBoundingClientRect();
    if (box.width > 0 && box.height > 0) rects.push(box.left - base.left, box.top - base.top, box.right - base.left, box.bottom - base.top);
  }
  const band = parseFloat(getComputedStyle(nodes.layer).getPropertyValue("--_band")) || 0;
  if (band > 0) rects.push(-Infinity, base.height - band, Infinity, Infinity);
  nodes.covers = rects;
  for (const spot of nodes.spots) restIfCovered(nodes, spot);
}

/**
 * A shown hotspot rests (inert: hidden, not focusable, not tappable) while its point is under a
 * part or on the video's control bar; focus on it moves to a stable control. Writes only on a change.
 */
function restIfCovered(nodes, spot) {
  const { x, y } = spot;
  const rects = nodes.covers || [];
  let covered = false;
  if (!spot.hidden) {
    for (let i = 0; i + 3 < rects.length && !covered; i += 4) {
      covered = x >= rects[i] && x <= rects[i + 2] && y >= rects[i + 1] && y <= rects[i + 3];
    }
  }
  if (covered === spot.hasAttribute("inert")) return;
  const focused = covered && spot.firstChild.matches(":focus");
  spot.toggleAttribute("inert", covered);
  if (focused) focusStable(nodes);
}

/** Focus to a control that is always there: the rail's toggle, else the fullscreen toggle. */
function focusStable(nodes) {
  (nodes.rail.hidden ? nodes.fullscreen : nodes.railToggle).focus();
}

/** Says `text` to screen readers (the one polite live region, visually hidden). */
export function announce(nodes, text) {
  nodes.announcer.textContent = text;
}

/**
 * Reads the layout facts the geometry needs, at once (only when they may have changed), and lays
 * the overlay's layer over the video's content box (relative to the host's padding box): writes
 * the content box's width and height, the video's intrinsic size and 1 if it shows its controls
 * (else 0) into `sizes`, and returns its object-fit and object-position as one `fitOf` key. A
 * host's own video (not `ownVideo`) with controls keeps its control bar free, as a created one
 * does (`:host([controls])` in the stylesheet): `data-controls` on the layer.
 */
export function readLayout(host, video, nodes, sizes, ownVideo) {
  const hostBox = host.getBoundingClientRect();
  const videoBox = video.getBoundingClientRect();
  const style = getComputedStyle(video);
  const px = (name) => parseFloat(style.getPropertyValue(name)) || 0;
  const left = videoBox.left - hostBox.left - host.clientLeft + px("border-left-width") + px("padding-left");
  const top = videoBox.top - hostBox.top - host.clientTop + px("border-top-width") + px("padding-top");
  const width = Math.max(0, videoBox.width - px("border-left-width") - px("border-right-width") - px("padding-left") - px("padding-right"));
  const height = Math.max(0, videoBox.height - px("border-top-width") - px("border-bottom-width") - px("padding-top") - px("padding-bottom"));
  const layer = nodes.layer.style;
  layer.width = `${width}px`;
  layer.height = `${height}px`;
  layer.transform = `translate(${left}px, ${top}px)`;
  // A host's own video with controls keeps its control bar free, as a created one does
  // (`:host([controls])` in the stylesheet).
  nodes.layer.toggleAttribute("data-controls", video.controls && !ownVideo);
  sizes.set([width, height, video.videoWidth, video.videoHeight, +video.controls]);
  return fitOf(video, style);
}

/** The video's object-fit and object-position as one string, to notice a change of style. */
export function fitOf(video, style = getComputedStyle(video)) {
  return `${style.objectFit} ${style.objectPosition}`;
}

/** A version 4 UUID, for an intent's `intentId`. */
export function randomUuid() {
  try {
    return crypto.randomUUID();
  } catch {
    // Not a secure context (a plain http page), where `getRandomValues` still works: a version 4
    // UUID (RFC 9562) made of it.
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }
}

/**
 * Dispatches `shoppable-intent` with `detail.respondWith(promise)` usable during dispatch.
 * Returns [allowed, response]: `allowed` is false when a listener prevented the default;
 * `response` is null, or a promise that always resolves to {ok, reason} (a rejection, a bad
 * value or no answer in time count as {ok: false}).
 */
export function emitIntent(target, detail) {
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
  // 10 s unless the host sets `data-respond-timeout` (milliseconds; meant for tests).
  const ms = parseFloat(target.getAttribute("data-respond-timeout"));
  let timer;
  const late = new Promise((resolve) => { timer = setTimeout(() => resolve({ ok: false, reason: "" }), ms >= 0 ? ms : 10_000); });
  const settled = Promise.race([response, late]).then(
    (result) => ({ ok: result?.ok === true, reason: typeof result?.reason === "string" ? result.reason : "" }),
    () => ({ ok: false, reason: "" }),
  ).finally(() => clearTimeout(timer));
  return [allowed, settled];
}

/** Calls `done(0, [ok, reason])` when an `emitIntent` response settles. */
export function whenSettled(settled, done) {
  settled.then((result) => guarded(() => done(0, [result.ok, result.reason])));
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

const utf8 = new TextDecoder("utf-8", { fatal: true });
/**
 * The UTF-8 text `data` encodes in base64, or null when it is not exactly that. Strict, as
 * RFC 4648 section 3 asks of a decoder: `atob` alone accepts spaces, missing padding and unused
 * bits set, but only the one canonical text (standard alphabet, `=` padding to a multiple of 4,
 * unused bits zero) is what `btoa` gives back. The bytes must be UTF-8 (`fatal`).
 */
function utf8OfBase64(data) {
  try {
    const bytes = atob(data);
    return btoa(bytes) === data ? utf8.decode(Uint8Array.from(bytes, (c) => c.charCodeAt(0))) : null;
  } catch {
    return null;
  }
}

/** Per video: the date-range cues handed to the Rust side and still on a track -> their number. */
const dateRangeCues = new WeakMap();
let dateRangeNumber = 0;
/**
 * HLS date ranges carrying a hotspot, as players expose them: a metadata cue whose `value` is
 * `{ key: "X-HOTSPOT", data }` (hls.js on its "id3" track, Safari's native HLS as a DataCue).
 * Returns [added, removed]: each new cue as [n, id, start, end, text] (`n` numbers it for good,
 * as `takeNewCues` numbers a track's cues), and the numbers of the cues handed over before that
 * are gone (the date range left the live playlist); `text` is the hotspot's JSON, decoded from
 * the base64 of its UTF-8, or null when it is not that. In-band metadata tracks (no `<track>`
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
        added.push([dateRangeNumber, cue.id, cue.startTime, cue.endTime, utf8OfBase64(value.data)]);
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

// The shadow DOM's static part, built with DOM calls (no HTML parsing: it works under Trusted
// Types with no policy). Static structure only: product text is always set as text, and so are
// the element's own words (from the catalogs of core::words, set by overlay.rs): the markup holds
// none. A node is [tag, attributes, ...children]; a string child is a text node. The attribute
// `$` is no attribute: it names the node for the writers below (see `buildOverlay`).
// The part names are the contract's (CONTRACT.md section 2; names.rs lists them for Rust).
const button = (part, $, ...children) => ["button", { type: "button", part, $ }, ...children];
const OVERLAY = ["div", { part: "overlay", $: "layer" },
  ["div", { part: "card", role: "dialog", "aria-labelledby": "card-title", hidden: "", $: "card" },
    ["img", { part: "card-image", alt: "", $: "image" }],
    ["h2", { part: "card-title", id: "card-title", $: "title" }],
    ["p", { class: "prices" }, ["span", { part: "card-price", $: "price" }], ["s", { part: "card-original-price", $: "was" }]],
    ["p", { part: "card-description", $: "description" }],
    ["div", { class: "actions" }, button("buy", "buy"), button("add-to-cart", "add")],
    ["p", { part: "card-status", role: "status", $: "status" }],
    button("close", "close", "\u00d7")],
  ["div", { part: "pinned", role: "region", hidden: "", $: "pinned" },
    ["span", { class: "badge", $: "badge" }],
    button("pinned-title", "pinnedTitle"),
    ["span", { part: "pinned-price", $: "pinnedPrice" }],
    ["div", { class: "actions" }, button("buy", "pinnedBuy"), button("add-to-cart", "pinnedAdd")],
    ["p", { part: "card-status", role: "status", $: "pinnedStatus" }]],
  ["nav", { part: "rail", hidden: "", $: "rail" },
    ["button", { type: "button", part: "rail-toggle", "aria-expanded": "false", "aria-controls": "rail-list", $: "railToggle" }],
    ["ul", { id: "rail-list", $: "railList" }]],
  ["button", { type: "button", part: "fullscreen", "aria-pressed": "false", $: "fullscreen" }],
  ["p", { class: "announcer", role: "status", "aria-live": "polite", $: "announcer" }]];
// A hotspot is a button inside a bare positioned box: the frame loop moves the box, so the
// browser restyles one plain element per move, not a button with its large default style and
// its children (measured: a quarter of the style and layout time).
const SPOT = ["div", { class: "spot", hidden: "" },
  ["button", { type: "button", class: "hotspot" },
    ["span", { class: "dot", "aria-hidden": "true" }], ["span", { class: "tag", "aria-hidden": "true" }]]];
const RAIL_ITEM = ["li", {}, ["button", { type: "button", part: "rail-item" }, ["span", { class: "title" }], ["span", { class: "price" }]]];

/** The node of `spec`; each node named by `$` also goes in `named` under its name. */
function build([tag, attributes, ...children], named = {}) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "$") named[value] = node;
    else node.setAttribute(name, value);
  }
  for (const child of children) node.append(typeof child === "string" ? child : build(child, named));
  return node;
}

// Hotspot boxes and rail items are made often: each is a clone of one built node.
const built = new Map();
function clone(spec) {
  let node = built.get(spec);
  if (!node) built.set(spec, node = build(spec));
  return node.cloneNode(true);
}

/**
 * Puts a fresh overlay in `parent` (replacing one left from an earlier connection); returns its
 * nodes by their `$` names, with the pooled hotspot boxes (`spots`, by slot) and the rail's item
 * buttons (`items`, in order), for the writers below (overlay.rs calls them).
 */
export function buildOverlay(parent) {
  parent.querySelector("[part~=overlay]")?.remove();
  const nodes = { spots: [], items: [] };
  parent.append(build(OVERLAY, nodes));
  return nodes;
}

/** The element's own words in place, in the `lang` and `dir` they are written in. */
export function showWords(nodes, lang, dir, buy, add, close, details, presenting, shop, fullscreen) {
  nodes.layer.setAttribute("lang", lang);
  nodes.layer.setAttribute("dir", dir);
  nodes.buy.textContent = nodes.pinnedBuy.textContent = buy;
  nodes.add.textContent = nodes.pinnedAdd.textContent = add;
  nodes.close.setAttribute("aria-label", close);
  nodes.card.setAttribute("aria-label", details);
  nodes.pinned.setAttribute("aria-label", presenting);
  nodes.badge.textContent = presenting;
  nodes.rail.setAttribute("aria-label", shop);
  nodes.fullscreen.setAttribute("aria-label", fullscreen);
}

/** The fullscreen toggle: shown unless the host turned it off, pressed while fullscreen. */
export function showFullscreen(nodes, shown, pressed) {
  nodes.fullscreen.hidden = !shown;
  nodes.fullscreen.setAttribute("aria-pressed", String(pressed));
}

/**
 * Shows the hotspot of `slot`: its pooled box (made, with the boxes before it, the first time
 * the slot is used: inserted before the card, so hotspots come first in focus order) and button.
 */
export function showHotspot(nodes, slot, hotspotId, productId, label, tag) {
  while (nodes.spots.length <= slot) {
    const spot = clone(SPOT);
    spot.dataset.slot = nodes.spots.length;
    nodes.layer.insertBefore(spot, nodes.card);
    nodes.spots.push(spot);
  }
  const spot = nodes.spots[slot];
  const button = spot.firstChild;
  button.setAttribute("part", "hotspot");
  button.dataset.hotspotId = hotspotId;
  button.dataset.productId = productId;
  button.setAttribute("aria-label", label);
  button.lastChild.textContent = tag;
  spot.hidden = false;
}

/** Hides the hotspot box of `slot`; its button stops being a `hotspot` part. */
export function hideHotspot(nodes, slot) {
  const spot = nodes.spots[slot];
  if (!spot) return;
  const button = spot.firstChild;
  // Focus on a hotspot that ends moves to a stable control, never to the page.
  const focused = !spot.hidden && button.matches(":focus");
  spot.hidden = true;
  spot.removeAttribute("inert");
  button.setAttribute("part", "");
  button.removeAttribute("data-hotspot-id");
  button.removeAttribute("data-product-id");
  if (focused) focusStable(nodes);
}

export function labelHotspot(nodes, slot, label) {
  nodes.spots[slot]?.firstChild.setAttribute("aria-label", label);
}

/**
 * A buy or add-to-cart button (of the card, or of the pinned card) while the host confirms an
 * intent: `aria-busy` and `aria-disabled`, yet enabled for focus (a disabled button would drop it
 * to the page, and Escape with it; the state ignores its clicks meanwhile); once not, enabled
 * if its product is available.
 */
export function showPending(nodes, pinned, add, pending, available) {
  const button = nodes[pinned ? (add ? "pinnedAdd" : "pinnedBuy") : (add ? "add" : "buy")];
  if (pending) {
    button.setAttribute("aria-busy", "true");
    button.setAttribute("aria-disabled", "true");
  } else if (button.hasAttribute("aria-busy")) {
    button.removeAttribute("aria-busy");
    button.removeAttribute("aria-disabled");
    button.disabled = !available;
  }
}

/** Fills the card for a product (its texts set as text); `image` is an http(s) URL or "". */
export function fillCard(nodes, title, price, was, description, image, available, soldOut) {
  nodes.title.textContent = title;
  nodes.price.textContent = price;
  nodes.was.textContent = was;
  nodes.description.textContent = description;
  if (image) nodes.image.src = image;
  else nodes.image.removeAttribute("src");
  nodes.image.hidden = !image;
  nodes.buy.disabled = nodes.add.disabled = !available;
  nodes.status.textContent = available ? "" : soldOut;
}

/** Shows the card; focus to its buy button, or to its close button when buying is off. */
export function openCard(nodes) {
  nodes.card.hidden = false;
  (nodes.buy.disabled ? nodes.close : nodes.buy).focus();
}

/**
 * Hides the card; false if it was not open. Focus that was in it goes back to what opened it:
 * `opener` 1: the hotspot of slot `at`, 2: the rail item at `at` (-1: none), or the toggle while
 * the list is collapsed, 3: the pinned title while shown; when that is gone (or `opener` is 0),
 * to a stable control, never to the page.
 */
export function closeCard(nodes, opener, at) {
  const open = !nodes.card.hidden;
  const focused = nodes.card.matches(":focus-within");
  nodes.card.hidden = true;
  if (focused) {
    const spot = opener === 1 && nodes.spots[at];
    const target = spot ? !spot.hidden && spot.firstChild
      : opener === 2 ? !nodes.rail.hidden && (nodes.railList.hidden ? nodes.railToggle : nodes.items[at])
      : opener === 3 && !nodes.pinned.hidden && nodes.pinnedTitle;
    if (target) target.focus();
    else focusStable(nodes);
  }
  return open;
}

export function setStatus(nodes, pinned, text) {
  (pinned ? nodes.pinnedStatus : nodes.status).textContent = text;
}

/** Shows the pinned product; its buttons' names say which product they buy. */
export function showPinned(nodes, title, price, available, soldOut, buyName, addName) {
  nodes.pinnedTitle.textContent = title;
  nodes.pinnedPrice.textContent = price;
  for (const [button, name] of [[nodes.pinnedBuy, buyName], [nodes.pinnedAdd, addName]]) {
    button.disabled = !available;
    button.setAttribute("aria-label", name);
  }
  nodes.pinnedStatus.textContent = available ? "" : soldOut;
  nodes.pinned.hidden = false;
}

export function hidePinned(nodes) {
  nodes.pinned.hidden = true;
}

export function clearRail(nodes) {
  nodes.railList.textContent = "";
  nodes.items = [];
}

/** Appends a rail item for a product (its texts set as text). */
export function appendRailItem(nodes, productId, title, price) {
  const item = clone(RAIL_ITEM);
  const button = item.firstChild;
  button.dataset.productId = productId;
  button.firstChild.textContent = title;
  button.lastChild.textContent = price;
  nodes.railList.append(item);
  nodes.items.push(button);
}

/** Refills the rail item at `at` (its product was replaced). */
export function setRailItem(nodes, at, title, price) {
  const button = nodes.items[at];
  button.firstChild.textContent = title;
  button.lastChild.textContent = price;
}

/** `aria-current` on the rail item at `at` while one of its product's hotspots is visible. */
export function markRailItem(nodes, at, current) {
  if (current) nodes.items[at].setAttribute("aria-current", "true");
  else nodes.items[at].removeAttribute("aria-current");
}

/** "Shop (N)" on the rail's toggle; no rail without products. */
export function showRailCount(nodes, empty, text) {
  nodes.rail.hidden = empty;
  nodes.railToggle.textContent = text;
}

export function setRailExpanded(nodes, expanded) {
  nodes.railToggle.setAttribute("aria-expanded", String(expanded));
  nodes.railList.hidden = !expanded;
}

export function isRailExpanded(nodes) {
  return !nodes.railList.hidden;
}
