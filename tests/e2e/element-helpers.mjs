// Shared by the element-*.test.mjs files: opening the test player page (www/test/player.html),
// mounting a <shoppable-video> on it, paused seeks, reading the hotspots' boxes from the
// element's open shadow root, and computing where a normalized point must land on screen from
// the video's box, intrinsic size, object-fit and object-position (independently of the element).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

export const WWW = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "www");

/** A JSON document under www/ (e.g. "test/shop.timeline.json"). */
export function readJson(path) {
  return JSON.parse(readFileSync(join(WWW, path), "utf8"));
}

/**
 * Opens the test player page on a session (see harness.mjs) and waits for its init(). `init`, a
 * function, runs in the page before any of its scripts (page.addInitScript), then the page reloads.
 */
export async function openPlayer(s, { init } = {}) {
  const page = await s.page("/test/player.html", { waitForElement: false });
  if (init) {
    await page.addInitScript(init);
    await page.reload();
  }
  await page.waitForFunction(() => window.testReady === true);
  return page;
}

/**
 * Mounts a player (see window.mountPlayer in www/test/player.js) and waits until its video has
 * metadata and, when a timeline was given (attribute or property), `shoppable-ready` came.
 */
export async function mount(page, options) {
  await page.evaluate((options) => { window.mountPlayer(options); }, options);
  await page.waitForFunction(() => window.player.video && window.player.video.readyState >= 2, null, { timeout: 15_000 });
  if (options.timeline !== undefined || options.attributes?.timeline) {
    await page.waitForFunction(() => window.events.some((e) => e.type === "shoppable-ready" || e.type === "shoppable-error"));
  }
}

/**
 * Pauses the player's video, seeks it to `time` and waits for the seek to complete (`seeked`),
 * then for two animation frames (the frame that shows it is painted). Returns currentTime.
 */
export async function seek(page, time) {
  return page.evaluate(async (time) => {
    const video = window.player.video;
    if (!video.paused) video.pause();
    const seeked = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no seeked event after seeking to ${time}`)), 10_000);
      video.addEventListener("seeked", () => { clearTimeout(timer); resolve(); }, { once: true });
    });
    video.currentTime = time;
    await seeked;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return video.currentTime;
  }, time);
}

/** Waits for `count` animation frames in the page. */
export async function frames(page, count = 2) {
  await page.evaluate((count) => new Promise((resolve) => {
    let left = count;
    const tick = () => (--left <= 0 ? resolve() : requestAnimationFrame(tick));
    requestAnimationFrame(tick);
  }), count);
}

/**
 * The visible hotspot buttons: [{ id, productId, tag, label, cx, cy, width, height }] in DOM
 * order, with (cx, cy) the centre of the button's bounding box in viewport CSS px.
 */
export async function hotspots(page) {
  return page.evaluate(() => [...window.player.shadowRoot.querySelectorAll('[part~="hotspot"]')].map((button) => {
    const box = button.getBoundingClientRect();
    return {
      id: button.dataset.hotspotId,
      productId: button.dataset.productId,
      tag: button.tagName,
      label: button.getAttribute("aria-label"),
      hidden: button.hidden || getComputedStyle(button).display === "none",
      cx: box.left + box.width / 2,
      cy: box.top + box.height / 2,
      width: box.width,
      height: box.height,
    };
  }));
}

/**
 * Where normalized point(s) of the video frame must appear on screen (viewport CSS px), from
 * the video's content box, videoWidth/videoHeight and its computed object-fit/object-position,
 * as the CSS Images spec defines them. Also says whether each point is on the visible picture.
 */
export async function expectedPoints(page, points) {
  return page.evaluate((points) => {
    const video = window.player.video;
    const style = getComputedStyle(video);
    const px = (name) => parseFloat(style.getPropertyValue(name)) || 0;
    const border = video.getBoundingClientRect();
    const box = {
      left: border.left + px("border-left-width") + px("padding-left"),
      top: border.top + px("border-top-width") + px("padding-top"),
      width: border.width - px("border-left-width") - px("border-right-width") - px("padding-left") - px("padding-right"),
      height: border.height - px("border-top-width") - px("border-bottom-width") - px("padding-top") - px("padding-bottom"),
    };
    const vw = video.videoWidth;
    const vh = video.videoHeight;
    let w;
    let h;
    switch (style.objectFit) {
      case "contain": { const s = Math.min(box.width / vw, box.height / vh); w = vw * s; h = vh * s; break; }
      case "cover": { const s = Math.max(box.width / vw, box.height / vh); w = vw * s; h = vh * s; break; }
      case "none": w = vw; h = vh; break;
      case "scale-down": { const s = Math.min(1, box.width / vw, box.height / vh); w = vw * s; h = vh * s; break; }
      default: w = box.width; h = box.height; // fill
    }
    // object-position: two lengths or percentages (the computed value is always two of them).
    const [px0, py0] = style.objectPosition.split(/\s+/);
    const offset = (value, free) => (value.endsWith("%") ? (free * parseFloat(value)) / 100 : parseFloat(value));
    const left = box.left + offset(px0, box.width - w);
    const top = box.top + offset(py0 ?? "50%", box.height - h);
    const eps = 1e-6;
    return points.map(({ x, y }) => {
      const sx = left + x * w;
      const sy = top + y * h;
      const visible = sx >= box.left - eps && sx <= box.left + box.width + eps
        && sy >= box.top - eps && sy <= box.top + box.height + eps;
      return { x: sx, y: sy, visible };
    });
  }, points);
}

/** The hotspot ids of `timeline` visible at media time `t` (start <= t < end), in timeline order. */
export function activeAt(timeline, t) {
  return timeline.hotspots.filter((h) => h.start <= t && t < h.end).map((h) => h.id);
}

/** The normalized position of a hotspot at time `t` (linear and step keyframes only). */
export function positionAt(hotspot, t) {
  if (hotspot.keyframes === undefined) return { x: hotspot.x, y: hotspot.y };
  const k = hotspot.keyframes;
  if (t <= k[0].t) return { x: k[0].x, y: k[0].y };
  const last = k[k.length - 1];
  if (t >= last.t) return { x: last.x, y: last.y };
  let i = 0;
  while (k[i + 1].t <= t) i += 1;
  const a = k[i];
  const b = k[i + 1];
  if (hotspot.easing === "step") return { x: a.x, y: a.y };
  if (hotspot.easing && hotspot.easing !== "linear") throw new Error(`positionAt: easing ${hotspot.easing} not modelled`);
  const f = (t - a.t) / (b.t - a.t);
  return { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f };
}

/** The events of one type the player dispatched so far (details only). */
export async function eventsOf(page, type) {
  return page.evaluate((type) => window.events.filter((e) => e.type === type).map((e) => e.detail), type);
}

/** Page errors except those matching `expected` (a RegExp): what the harness collected. */
export function unexpectedErrors(page, expected) {
  return page.errors.filter((text) => !(expected && expected.test(text)));
}
