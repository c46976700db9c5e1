// Shared by the live-*.test.mjs files (live commerce: run-time hotspots and products, the
// pinned product, the rail, WebVTT cues, respondWith, sold-out products, the dataLayer):
// opening www/test/live-player.html, mounting a player, paused seeks, and reading the
// element's open shadow root.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { WWW } from "./element-helpers.mjs";

// The same paused seek, event log and error filter as the element tests (both pages keep
// `window.player` and `window.events`).
export { seek, eventsOf, unexpectedErrors } from "./element-helpers.mjs";

/** The demo's timeline (www/media/crafts.timeline.json), as the tests' reference data. */
export const CRAFTS = JSON.parse(readFileSync(join(WWW, "media", "crafts.timeline.json"), "utf8"));

/** Attributes for a player of the demo clip and timeline, paused, prices in en-US. */
export const CRAFTS_PLAYER = {
  src: "../media/crafts.webm",
  timeline: "../media/crafts.timeline.json",
  muted: true,
  playsinline: true,
  preload: "auto",
  locale: "en-US",
};

/** A wide player (the rail is expanded in rail="auto"). */
export const WIDE = "shoppable-video { width: 800px; aspect-ratio: 16 / 9; }";

/** Opens www/test/live-player.html on a session (harness.mjs) and waits for its init(). */
export async function openLive(s) {
  const page = await s.page("/test/live-player.html", { waitForElement: false });
  await page.waitForFunction(() => window.testReady === true);
  return page;
}

/**
 * Mounts a player (window.mountLive in www/test/live-player.js), then waits until its video
 * can show a frame and its timeline is active (shoppable-ready).
 */
export async function mount(page, { attributes = CRAFTS_PLAYER, css = WIDE, child = null } = {}) {
  await page.evaluate((options) => { window.mountLive(options); }, { attributes, css, child });
  await page.waitForFunction(() => window.player.video && window.player.video.readyState >= 2, null, { timeout: 15_000 });
  await page.waitForFunction(() => window.events.some((e) => e.type === "shoppable-ready" || e.type === "shoppable-error"));
}

/** Opens the page and mounts the demo clip's player in one go. */
export async function livePlayer(s, options) {
  const page = await openLive(s);
  await mount(page, options);
  return page;
}

/** The ids of the visible hotspot buttons in the shadow root, sorted. */
export async function shownButtons(page) {
  return page.evaluate(() => [...window.player.shadowRoot.querySelectorAll('[part~="hotspot"]')]
    .filter((button) => !button.hidden && getComputedStyle(button).display !== "none")
    .map((button) => button.dataset.hotspotId)
    .sort());
}

/** A locator inside the player's shadow root (Playwright's CSS pierces open shadow roots). */
export function part(page, name) {
  return page.locator(`#player [part~="${name}"]`);
}

/** `amount` as the element formats it for locale en-US (Intl, as a host would). */
export async function price(page, amount, currency = "CNY") {
  return page.evaluate(([amount, currency]) =>
    new Intl.NumberFormat("en-US", { style: "currency", currency }).format(amount), [amount, currency]);
}

/** Clicks the visible hotspot button with this id (its centre, like a viewer). */
export async function tapHotspot(page, id) {
  await page.locator(`#player [part~="hotspot"][data-hotspot-id="${id}"]`).click();
}
