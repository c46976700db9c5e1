// Shared by the bench pages (www/bench/*.html, driven by tests/bench/run.mjs): the timelines
// they play, and the frame-callback hook. Nothing here is part of the package.

/** The media time of frame k of www/media/crafts.webm (30 fps; WebM stores millisecond times). */
export const frameTime = (k) => Math.round((k * 1000) / 30) / 1000;

/** A small deterministic generator (mulberry32), so every run plays the same timelines. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PRODUCTS = ["vase-01", "fan-02", "tea-03", "kite-04"].map((id, i) => ({
  id, title: `Product ${i + 1}`, price: 100 + i * 10, currency: "CNY",
}));

/**
 * The lag timeline: 40 fixed hotspots over the 12 s clip, each starting and ending exactly on a
 * frame's media time (frames 15..330, lasting 10..60 frames): 80 cue times.
 */
export function lagTimeline() {
  const random = rng(20240601);
  const hotspots = [];
  for (let i = 0; i < 40; i++) {
    const first = 15 + Math.floor(random() * 270);
    const last = Math.min(first + 10 + Math.floor(random() * 51), 345);
    hotspots.push({
      id: `h${i}`, product: PRODUCTS[i % PRODUCTS.length].id,
      start: frameTime(first), end: frameTime(last),
      x: 0.1 + 0.8 * random(), y: 0.1 + 0.8 * random(),
    });
  }
  return { version: 1, currency: "CNY", products: PRODUCTS, hotspots };
}

/**
 * The per-frame timeline: 10,000 hotspots, 50 of them visible over the whole clip [0, 13) s and
 * moving (ease-in-out keyframes every 0.5 s, zig-zagging across the picture); the other 9,950
 * come later ([20 + i, 25 + i) s), so they are in the index but never on screen.
 */
export function frameTimeline() {
  const hotspots = [];
  for (let i = 0; i < 10_000; i++) {
    if (i % 200 === 0) {
      const keyframes = [];
      for (let s = 0; s <= 26; s++) {
        keyframes.push({ t: s * 0.5, x: s % 2 === 0 ? 0.1 : 0.9, y: ((s + i / 200) % 10) / 10 + 0.05 });
      }
      hotspots.push({ id: `h${i}`, product: PRODUCTS[i % 4].id, start: 0, end: 13, easing: "ease-in-out", keyframes });
    } else {
      hotspots.push({ id: `h${i}`, product: PRODUCTS[i % 4].id, start: 20 + i, end: 25 + i, x: 0.5, y: 0.5 });
    }
  }
  return { version: 1, currency: "CNY", products: PRODUCTS, hotspots };
}

/**
 * A valid timeline of n hotspots for the load benchmark: n / 100 products with the usual fields;
 * hotspots 10 per second of media, 5 s long; every 5th keyframed (4 keyframes), every 3rd
 * labelled.
 */
export function loadTimeline(n) {
  const random = rng(n);
  const products = [];
  for (let p = 0; p < Math.max(1, Math.floor(n / 100)); p++) {
    products.push({
      id: `product-${p}`, title: `Product number ${p}`, price: 10 + p, currency: "CNY",
      url: `https://shop.example/p/${p}`, image: `images/${p}.jpg`,
    });
  }
  const hotspots = [];
  for (let i = 0; i < n; i++) {
    const start = i / 10;
    const hotspot = { id: `h${i}`, product: `product-${i % products.length}`, start, end: start + 5 };
    if (i % 5 === 0) {
      hotspot.easing = "ease-in-out";
      hotspot.keyframes = [0, 1, 2, 3].map((k) => ({ t: start + k * 1.5, x: random(), y: random() }));
    } else {
      hotspot.x = random();
      hotspot.y = random();
    }
    if (i % 3 === 0) hotspot.label = `Look ${i}`;
    hotspots.push(hotspot);
  }
  return { version: 1, currency: "CNY", products, hotspots };
}

/** The browser's own `requestVideoFrameCallback`, kept before any hook is installed. */
export const requestFrame = HTMLVideoElement.prototype.requestVideoFrameCallback;

/**
 * Wraps `HTMLVideoElement.prototype.requestVideoFrameCallback` so that every callback registered
 * through it (the element's frame loop, the naive overlay's) calls `before(metadata)` and
 * `after(metadata, milliseconds spent in the callback)` around it. The bench pages' own
 * observers use `requestFrame` (the unwrapped one), so they are not measured. Call it before
 * the player starts its loop.
 */
export function hookFrameCallbacks(before, after) {
  HTMLVideoElement.prototype.requestVideoFrameCallback = function (callback) {
    return requestFrame.call(this, (now, metadata) => {
      before(metadata);
      const t0 = performance.now();
      try {
        callback(now, metadata);
      } finally {
        after(metadata, performance.now() - t0);
      }
    });
  };
}

/**
 * The timed frame callbacks of one bench page: `record(entry)` after each, `wait(count)`
 * resolves once `count` were recorded, `entries` is the list itself.
 */
export function frameLog() {
  const entries = [];
  let waiters = [];
  return {
    entries,
    record(entry) {
      entries.push(entry);
      waiters = waiters.filter(([count, resolve]) => (entries.length >= count ? (resolve(), false) : true));
    },
    wait(count) {
      return new Promise((resolve) => {
        if (entries.length >= count) resolve();
        else waiters.push([count, resolve]);
      });
    },
  };
}

/** Resolves once the video can play through (so playback starts without stalls). */
export function canPlayThrough(video) {
  return new Promise((resolve, reject) => {
    if (video.readyState >= 4) return resolve();
    video.addEventListener("canplaythrough", () => resolve(), { once: true });
    video.addEventListener("error", () => reject(new Error(`video error ${video.error && video.error.code}`)), { once: true });
  });
}

/** Calls `each(metadata)` on every presented frame (with the unwrapped API) until it returns false. */
export function observeFrames(video, each) {
  const step = (now, metadata) => {
    if (each(metadata) !== false) requestFrame.call(video, step);
  };
  requestFrame.call(video, step);
}
