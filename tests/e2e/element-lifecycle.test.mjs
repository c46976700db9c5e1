// Lifecycle: removing the element stops all of its work (no frame callbacks, timers or
// listeners left on the video, window or document) and putting it back starts it again. The page
// is instrumented before init(): requestVideoFrameCallback, requestAnimationFrame, timers,
// addEventListener/removeEventListener and ResizeObserver are wrapped to keep a live registry,
// each entry attributed to the element when the call came from the package (/pkg/ in its stack).
// Also: shoppable-ready counts, show/hide details, init() twice, customElements.whenDefined.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { session } from "./harness.mjs";
import { openPlayer, mount, seek, frames, eventsOf, expectedPoints, positionAt, readJson } from "./element-helpers.mjs";

const crafts = readJson("media/crafts.timeline.json");
const PLAYER = { src: "/media/crafts.webm", muted: true, playsinline: true, preload: "auto", timeline: "/media/crafts.timeline.json" };
const CSS = "#player { width: 640px; height: 360px; }";

let s;
before(async () => { s = await session(); });
after(async () => { await s?.close(); });

/** Runs in the page before any of its scripts. */
function instrument() {
  Error.stackTraceLimit = 64;
  const fromElement = () => /\/pkg\/(shoppable_video\.js|snippets\/)/.test(new Error().stack || "");
  let nextId = 1;
  const ids = new WeakMap();
  const idOf = (object) => {
    if (!ids.has(object)) ids.set(object, nextId++);
    return ids.get(object);
  };
  const reg = {
    listeners: new Map(), // key -> { target, type, element }
    frameCalls: [], // { kind, at, element }
    pendingFrames: new Map(), // `${kind}|${target id}|${handle}` -> element
    pendingTimers: new Map(), // handle -> { element, repeat }
    observers: new Map(), // observer id -> { element, targets: Set }
  };
  window.__lifecycle = reg;

  const capture = (options) => (typeof options === "boolean" ? options : !!(options && options.capture));
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    if (listener && !(options && typeof options === "object" && options.once)) {
      const key = `${idOf(this)}|${type}|${idOf(listener)}|${capture(options)}`;
      if (!reg.listeners.has(key)) reg.listeners.set(key, { target: this, type, element: fromElement() });
    }
    return add.call(this, type, listener, options);
  };
  EventTarget.prototype.removeEventListener = function (type, listener, options) {
    if (listener) reg.listeners.delete(`${idOf(this)}|${type}|${idOf(listener)}|${capture(options)}`);
    return remove.call(this, type, listener, options);
  };

  const wrapFrames = (owner, request, cancel, kind) => {
    const original = owner[request];
    const originalCancel = owner[cancel];
    owner[request] = function (callback) {
      const element = fromElement();
      reg.frameCalls.push({ kind, at: performance.now(), element });
      let key;
      const handle = original.call(this, function (...args) {
        reg.pendingFrames.delete(key);
        return callback.apply(this, args);
      });
      key = `${kind}|${idOf(this)}|${handle}`;
      reg.pendingFrames.set(key, element);
      return handle;
    };
    owner[cancel] = function (handle) {
      reg.pendingFrames.delete(`${kind}|${idOf(this)}|${handle}`);
      return originalCancel.call(this, handle);
    };
  };
  wrapFrames(HTMLVideoElement.prototype, "requestVideoFrameCallback", "cancelVideoFrameCallback", "rvfc");
  wrapFrames(window, "requestAnimationFrame", "cancelAnimationFrame", "raf");

  for (const [set, clear, repeat] of [["setTimeout", "clearTimeout", false], ["setInterval", "clearInterval", true]]) {
    const original = window[set];
    const originalClear = window[clear];
    window[set] = function (callback, delay, ...rest) {
      const element = fromElement();
      let handle;
      const run = typeof callback === "function"
        ? function (...args) { if (!repeat) reg.pendingTimers.delete(handle); return callback.apply(this, args); }
        : callback;
      handle = original.call(window, run, delay, ...rest);
      reg.pendingTimers.set(handle, { element, repeat });
      return handle;
    };
    window[clear] = function (handle) {
      reg.pendingTimers.delete(handle);
      return originalClear.call(window, handle);
    };
  }

  const observe = ResizeObserver.prototype.observe;
  const unobserve = ResizeObserver.prototype.unobserve;
  const disconnect = ResizeObserver.prototype.disconnect;
  const entry = (observer) => {
    const id = idOf(observer);
    if (!reg.observers.has(id)) reg.observers.set(id, { element: fromElement(), targets: new Set() });
    return reg.observers.get(id);
  };
  ResizeObserver.prototype.observe = function (target, options) {
    entry(this).targets.add(target);
    return observe.call(this, target, options);
  };
  ResizeObserver.prototype.unobserve = function (target) {
    entry(this).targets.delete(target);
    return unobserve.call(this, target);
  };
  ResizeObserver.prototype.disconnect = function () {
    entry(this).targets.clear();
    return disconnect.call(this);
  };

  /** What the element has registered right now, by target. */
  window.__elementRegistrations = () => {
    const player = window.player;
    const video = player?.video;
    const counts = { video: 0, videoTracks: 0, window: 0, document: 0, other: 0, types: [] };
    for (const { target, type, element } of reg.listeners.values()) {
      if (!element) continue;
      let where;
      if (target === video) where = "video";
      else if (video && target === video.textTracks) where = "videoTracks";
      else if (target === window) where = "window";
      else if (target === document) where = "document";
      else if (target === player || target === player?.shadowRoot || (target instanceof Node && player?.shadowRoot?.contains(target))) continue;
      else where = "other";
      counts[where] += 1;
      counts.types.push(`${where}:${type}`);
    }
    counts.types.sort();
    counts.pendingFrames = [...reg.pendingFrames.values()].filter(Boolean).length;
    counts.pendingTimers = [...reg.pendingTimers.values()].filter((t) => t.element).length;
    counts.observedTargets = [...reg.observers.values()].filter((o) => o.element).reduce((n, o) => n + o.targets.size, 0);
    counts.frameCalls = reg.frameCalls.filter((c) => c.element).length;
    return counts;
  };
}

test("removing the element stops its frame callbacks, timers, observers and listeners; putting it back starts it again", async () => {
  const page = await openPlayer(s, { init: instrument });
  await mount(page, { attributes: PLAYER, css: CSS });
  await seek(page, 6.8);
  await page.evaluate(() => window.player.video.play());
  await page.waitForFunction(() => window.player.activeHotspots.includes("vase-moving"), null, { timeout: 10_000 });
  await frames(page, 3);
  const connected = await page.evaluate(() => window.__elementRegistrations());
  // The instrument sees the element's work (so zero below means something).
  assert.ok(connected.video >= 3, `listeners on the video while connected: ${connected.types}`);
  assert.ok(connected.frameCalls >= 2, `the element requested ${connected.frameCalls} frame callbacks while playing`);
  assert.ok(connected.pendingFrames >= 1, "a frame callback is pending while playing");
  assert.ok(connected.observedTargets >= 1, "a resize observer observes while connected");

  // Remove it, then keep the (detached) video playing: nothing of the element may react.
  const atRemoval = await page.evaluate(() => {
    const player = window.player;
    window.detachedVideo = player.video;
    player.remove();
    window.events = [];
    return window.__elementRegistrations();
  });
  await page.evaluate(() => window.detachedVideo.play());
  const t0 = await page.evaluate(() => window.detachedVideo.currentTime);
  await page.waitForFunction((t0) => !window.detachedVideo.paused && window.detachedVideo.currentTime > t0 + 0.3, t0, { polling: 50, timeout: 10_000 });
  await frames(page, 10);
  const removed = await page.evaluate(() => window.__elementRegistrations());
  console.log(`connected: ${JSON.stringify(connected)}\nafter removal: ${JSON.stringify(removed)}`);
  assert.equal(removed.video, 0, `element listeners left on the video: ${removed.types}`);
  assert.equal(removed.videoTracks, 0, `element listeners left on video.textTracks: ${removed.types}`);
  assert.equal(removed.window, 0, `element listeners left on window: ${removed.types}`);
  assert.equal(removed.document, 0, `element listeners left on document: ${removed.types}`);
  assert.equal(removed.other, 0, `element listeners left elsewhere: ${removed.types}`);
  assert.equal(removed.pendingFrames, 0, "no frame callback of the element is pending");
  assert.equal(removed.frameCalls, atRemoval.frameCalls, `the element requested ${removed.frameCalls - atRemoval.frameCalls} frame callbacks after its removal`);
  assert.equal(removed.pendingTimers, 0, "no timer of the element is pending");
  assert.equal(removed.observedTargets, 0, "the element's resize observer observes nothing");
  assert.deepEqual(await page.evaluate(() => window.events.map((e) => e.type)), [], "no events from a removed element");

  // Put it back: it works again, and registers each listener once.
  await page.evaluate(() => { window.detachedVideo.pause(); document.getElementById("stage").append(window.player); });
  await seek(page, 6.8);
  const back = await page.evaluate(() => window.__elementRegistrations());
  assert.deepEqual(back.types, connected.types, "the same listeners as on the first connection, none twice");
  const samples = await page.evaluate(() => new Promise((resolve, reject) => {
    const player = window.player;
    const video = player.video;
    const records = [];
    const timer = setTimeout(() => reject(new Error(`no movement seen; ${JSON.stringify(records)}`)), 10_000);
    const onFrame = (now, metadata) => {
      const button = player.shadowRoot.querySelector('[part~="hotspot"][data-hotspot-id="vase-moving"]');
      if (button) {
        const box = button.getBoundingClientRect();
        records.push({ mediaTime: metadata.mediaTime, cx: box.left + box.width / 2, cy: box.top + box.height / 2 });
      }
      if (records.length >= 12) {
        video.pause();
        clearTimeout(timer);
        resolve(records);
        return;
      }
      video.requestVideoFrameCallback(onFrame);
    };
    video.addEventListener("play", () => video.requestVideoFrameCallback(onFrame), { once: true });
    video.play().catch(reject);
  }));
  const expected = await expectedPoints(page, samples.map((r) => positionAt(crafts.hotspots.find((h) => h.id === "vase-moving"), r.mediaTime)));
  for (const [i, r] of samples.entries()) {
    assert.ok(Math.abs(r.cx - expected[i].x) <= 2 && Math.abs(r.cy - expected[i].y) <= 2,
      `at ${r.mediaTime}s the moving hotspot is at (${r.cx.toFixed(1)}, ${r.cy.toFixed(1)}), expected (${expected[i].x.toFixed(1)}, ${expected[i].y.toFixed(1)})`);
  }
  assert.ok(samples.at(-1).cx - samples[0].cx > 20, "it moves while playing");
  const shows = await eventsOf(page, "shoppable-hotspot-show");
  assert.ok(shows.some((e) => e.hotspotId === "vase-moving"), "show events again");

  // A second removal leaves nothing either.
  await page.evaluate(() => window.player.remove());
  await frames(page, 5);
  const again = await page.evaluate(() => window.__elementRegistrations());
  assert.deepEqual([again.video, again.videoTracks, again.window, again.document, again.other, again.pendingFrames, again.pendingTimers, again.observedTargets],
    [0, 0, 0, 0, 0, 0, 0, 0], JSON.stringify(again));
  assert.deepEqual(page.errors, []);
});

test("shoppable-ready carries the counts; show and hide carry {hotspotId, productId, videoTime}", async () => {
  const page = await openPlayer(s);
  await mount(page, { attributes: PLAYER, css: CSS });
  const ready = await eventsOf(page, "shoppable-ready");
  assert.deepEqual(ready, [{ products: 3, hotspots: 4 }]);

  await seek(page, 1.0);
  await page.evaluate(() => { window.events = []; });
  await seek(page, 2.0);
  assert.deepEqual(await eventsOf(page, "shoppable-hotspot-show"), [{ hotspotId: "vase-still", productId: "vase-01", videoTime: 2.0 }]);
  await seek(page, 6.5);
  assert.deepEqual(await eventsOf(page, "shoppable-hotspot-show"), [
    { hotspotId: "vase-still", productId: "vase-01", videoTime: 2.0 },
    { hotspotId: "fan", productId: "fan-02", videoTime: 6.5 },
  ]);
  assert.deepEqual(await eventsOf(page, "shoppable-hotspot-hide"), [{ hotspotId: "vase-still", productId: "vase-01", videoTime: 6.5 }]);

  // Playing through a cue: the event's videoTime is the presented frame's, at or after the cue.
  await seek(page, 7.7);
  await page.evaluate(() => { window.events = []; window.player.video.play(); });
  await page.waitForFunction(() => window.events.some((e) => e.type === "shoppable-hotspot-hide" && e.detail.hotspotId === "fan"), null, { timeout: 10_000 });
  await page.evaluate(() => window.player.video.pause());
  const [hide] = (await eventsOf(page, "shoppable-hotspot-hide")).filter((e) => e.hotspotId === "fan");
  assert.deepEqual(Object.keys(hide).sort(), ["hotspotId", "productId", "videoTime"]);
  assert.equal(hide.productId, "fan-02");
  assert.ok(hide.videoTime >= 8.0 && hide.videoTime < 8.2, `hidden at ${hide.videoTime}`);
  assert.deepEqual(page.errors, []);
});

test("init() twice is fine and customElements.whenDefined resolves", async () => {
  const page = await openPlayer(s);
  await mount(page, { attributes: PLAYER, css: CSS });
  const result = await page.evaluate(async () => {
    const first = customElements.get("shoppable-video");
    const defined = await customElements.whenDefined("shoppable-video");
    await window.shoppableInit();
    await window.shoppableInit();
    const module = await import("/pkg/shoppable_video.js");
    await module.default();
    return {
      same: customElements.get("shoppable-video") === first && defined === first,
      upgraded: window.player instanceof first,
    };
  });
  assert.deepEqual(result, { same: true, upgraded: true });
  // The existing player still works after the extra init() calls.
  await seek(page, 3.5);
  assert.deepEqual(await page.evaluate(() => window.player.activeHotspots), ["vase-still", "fan"]);
  // And a new one works too.
  await mount(page, { attributes: PLAYER, css: CSS });
  await seek(page, 9.5);
  assert.deepEqual(await page.evaluate(() => window.player.activeHotspots), ["tea"]);
  assert.deepEqual(page.errors, []);
});
