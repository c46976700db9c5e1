// The few lines of JavaScript the element needs (imported by the Rust side as a wasm-bindgen
// snippet). A custom element must be a JS class, and a handful of browser services are simpler
// and smaller from JS: Intl formatting, URL resolution, fetch, batched style writes.
// Everything that decides something lives in Rust; these functions only carry facts across.

/** Defines the element once. `create(element)` returns the Rust player behind each instance. */
export function defineElement(tag, create, observedAttributes) {
  if (customElements.get(tag)) return;
  class ShoppableVideo extends HTMLElement {
    static get observedAttributes() { return observedAttributes; }
    constructor() {
      super();
      this._player = create(this);
    }
    connectedCallback() {
      // A property set before the element was defined shadows the accessor: take it over.
      for (const name of ["timeline"]) {
        if (Object.prototype.hasOwnProperty.call(this, name)) {
          const value = this[name];
          delete this[name];
          this[name] = value;
        }
      }
      this._player.connected();
    }
    disconnectedCallback() { this._player.disconnected(); }
    attributeChangedCallback(name, oldValue, newValue) {
      if (oldValue !== newValue) this._player.attributeChanged(name, newValue);
    }
    get timeline() { return this._player.timeline(); }
    set timeline(value) { this._player.setTimeline(value); }
    get video() { return this._player.video(); }
    get activeHotspots() { return this._player.activeHotspots(); }
    addHotspots(list) { this._player.addHotspots(list); }
    removeHotspots(ids) { this._player.removeHotspots(ids); }
    upsertProducts(list) { this._player.upsertProducts(list); }
    pinProduct(id) { this._player.pinProduct(id === undefined ? null : id); }
  }
  customElements.define(tag, ShoppableVideo);
  // The first Intl.NumberFormat of a page sets up the browser's number data: 15-25 ms measured,
  // later ones take 0.1 ms. Pay it while the page is idle, not inside the first timeline load.
  if (typeof requestIdleCallback === "function") {
    requestIdleCallback(() => { try { new Intl.NumberFormat().format(0); } catch { /* formatPrice copes */ } });
  }
}

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

/** `url` resolved against `base`, or "" unless it is http(s). */
export function resolveHttpUrl(url, base) {
  try {
    const resolved = new URL(url, base || document.baseURI);
    return resolved.protocol === "http:" || resolved.protocol === "https:" ? resolved.href : "";
  } catch {
    return "";
  }
}

/**
 * Fetches a document's text (the Wasm parses it: one string crossing instead of one call per
 * field); calls `done(text, finalUrl, null)` or `done("", url, message)`.
 */
export function fetchText(url, done) {
  let requested = url;
  try { requested = new URL(url, document.baseURI).href; } catch { /* fetch reports it */ }
  fetch(requested)
    .then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
      return response.text().then((text) => done(text, response.url || requested, null));
    })
    .catch((error) => done("", requested, `could not load ${requested}: ${error && error.message || error}`));
}

const NON_FINITE = /"\\u0000(NaN|-?Infinity)\\u0000"/g;
/**
 * A host's JS value as JSON text for the Wasm, or [null, why not]. NaN and the infinities
 * (which JSON cannot hold) are written as bare words the Wasm's parser reads, so the validator
 * can name them; `undefined` members vanish as in JSON. Never throws. Plain `JSON.stringify`
 * first (a replacer function costs a call per value: most of the time for a large timeline);
 * only when its text holds a `null`, which may have been a non-finite number, again with one.
 */
export function toJson(value) {
  try {
    const plain = JSON.stringify(value);
    if (plain === undefined) return [null, `expected an object or an array, got ${typeof value}`];
    if (!plain.includes("null")) return [plain, null];
    let nonFinite = false;
    const text = JSON.stringify(value, (key, item) => {
      if (typeof item === "number" && !Number.isFinite(item)) {
        nonFinite = true;
        return `\u0000${item}\u0000`;
      }
      return item;
    });
    return [nonFinite ? text.replace(NON_FINITE, "$1") : text, null];
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

/** Dispatches a bubbling, composed CustomEvent; returns false when a listener prevented it. */
export function emit(target, name, detail, cancelable) {
  return target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable }));
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
  const allowed = target.dispatchEvent(new CustomEvent("shoppable-intent", { detail, bubbles: true, composed: true, cancelable: true }));
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
  settled.then((result) => done(result.ok, result.reason));
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

// The shadow DOM's static part, parsed once and cloned per element (far smaller in the Wasm than
// building it call by call). Static markup only: product text is always set as text, never here.
// The part names are the contract's (CONTRACT.md section 2; names.rs lists them for Rust).
const OVERLAY = `<div part="overlay">
<div part="card" role="dialog" aria-labelledby="card-title" hidden><img part="card-image" alt=""><h2 part="card-title" id="card-title"></h2><p class="prices"><span part="card-price"></span><s part="card-original-price"></s></p><p part="card-description"></p><div class="actions"><button type="button" part="buy">Buy now</button><button type="button" part="add-to-cart">Add to cart</button></div><p part="card-status" role="status"></p><button type="button" part="close" aria-label="Close">\u00d7</button></div>
<div part="pinned" role="region" aria-label="Now presenting" hidden><span class="badge">Now presenting</span><button type="button" part="pinned-title"></button><span part="pinned-price"></span><div class="actions"><button type="button" part="buy">Buy now</button><button type="button" part="add-to-cart">Add to cart</button></div><p part="card-status" role="status"></p></div>
<nav part="rail" aria-label="Shop this video" hidden><button type="button" part="rail-toggle" aria-expanded="false" aria-controls="rail-list">Shop</button><ul id="rail-list"></ul></nav>
</div>`;
// A hotspot is a button inside a bare positioned box: the frame loop moves the box, so the
// browser restyles one plain element per move, not a button with its large default style and
// its children (measured: a quarter of the style and layout time).
const SPOT = `<div class="spot" hidden><button type="button" class="hotspot"><span class="dot" aria-hidden="true"></span><span class="tag" aria-hidden="true"></span></button></div>`;
/** The nodes `buildOverlay` returns, in this order (overlay.rs reads them by index). */
const OVERLAY_NODES = ["[part~=overlay]",
  "[part~=card]", "[part~=card-image]", "[part~=card-title]", "[part~=card-price]", "[part~=card-original-price]",
  "[part~=card-description]", "[part~=card] [part~=buy]", "[part~=card] [part~=add-to-cart]", "[part~=close]",
  "[part~=card] [part~=card-status]",
  "[part~=pinned]", "[part~=pinned-title]", "[part~=pinned-price]", "[part~=pinned] [part~=buy]",
  "[part~=pinned] [part~=add-to-cart]", "[part~=pinned] [part~=card-status]",
  "[part~=rail]", "[part~=rail-toggle]", "#rail-list"];
const templates = new Map();
function clone(markup) {
  let template = templates.get(markup);
  if (!template) {
    template = document.createElement("template");
    template.innerHTML = markup;
    templates.set(markup, template);
  }
  return template.content.cloneNode(true);
}

/** Appends the overlay to `parent`; returns its nodes in `OVERLAY_NODES` order. */
export function buildOverlay(parent) {
  const fragment = clone(OVERLAY);
  const nodes = OVERLAY_NODES.map((selector) => fragment.querySelector(selector));
  parent.append(fragment);
  return nodes;
}

const RAIL_ITEM = `<li><button type="button" part="rail-item"><span class="title"></span><span class="price"></span></button></li>`;
/** Appends a rail item for a product to `list` (its texts set as text); returns its button. */
export function newRailItem(list, productId, title, price) {
  const item = clone(RAIL_ITEM).firstChild;
  const button = item.firstChild;
  button.dataset.productId = productId;
  button.firstChild.textContent = title;
  button.lastChild.textContent = price;
  list.append(item);
  return button;
}

/** A new pooled hotspot box for `slot` (its button is the first child), inserted in `layer` before `before`. */
export function newSpot(layer, before, slot) {
  const spot = clone(SPOT).firstChild;
  spot.dataset.slot = slot;
  layer.insertBefore(spot, before);
  return spot;
}
