// Keyboard and screen-reader focus is never lost (issue 12): closing a card gives focus back to
// what opened it (the same hotspot by id, the rail item, the pinned title) or, when that is gone,
// to a stable control of the element, never to the page; a focused hotspot that ends does the
// same; a busy button keeps focus and Escape still closes the card. New products in view are
// announced through one polite live region, at most one announcement every few seconds.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { session } from "./harness.mjs";
import { openPlayer, mount, seek, readJson, frames } from "./element-helpers.mjs";

const TIMELINE = readJson("test/shop.timeline.json");
const PLAYER = { src: "/media/crafts.webm", muted: true, playsinline: true, preload: "auto", locale: "en-US", rail: "open" };
const CSS = "#player { width: 640px; height: 360px; }";

let s;
before(async () => { s = await session(); });
after(async () => { await s?.close(); });

/** Where focus is: on the player (and which part, hotspot id or product id), or elsewhere on the page. */
function focused(page) {
  return page.evaluate(() => {
    const inPlayer = document.activeElement === window.player;
    const inner = window.player.shadowRoot.activeElement;
    return {
      inPlayer,
      part: inner?.getAttribute("part") ?? null,
      hotspotId: inner?.dataset.hotspotId ?? null,
      productId: inner?.dataset.productId ?? null,
      page: inPlayer ? null : document.activeElement?.tagName,
    };
  });
}

function part(page, selector) {
  return page.locator("#player").locator(selector);
}

async function cardOpen(page, open) {
  await page.waitForFunction((open) => window.player.shadowRoot.querySelector('[part~="card"]').hidden === !open, open);
}

test("a card opened from the rail gives focus back to its rail item; from the pinned title, to the title", async () => {
  const page = await openPlayer(s);
  await mount(page, { attributes: PLAYER, timeline: TIMELINE, css: CSS });
  await seek(page, 0.5);
  const item = part(page, '[part~="rail-item"][data-product-id="fan-02"]');
  await item.focus();
  await page.keyboard.press("Enter");
  await cardOpen(page, true);
  await page.keyboard.press("Escape");
  await cardOpen(page, false);
  assert.deepEqual(await focused(page), { inPlayer: true, part: "rail-item", hotspotId: null, productId: "fan-02", page: null });

  await page.evaluate(() => window.player.pinProduct("vase-01"));
  await part(page, '[part~="pinned-title"]').focus();
  await page.keyboard.press("Enter");
  await cardOpen(page, true);
  await part(page, '[part~="close"]').click();
  await cardOpen(page, false);
  assert.equal((await focused(page)).part, "pinned-title");
  assert.deepEqual(page.errors, []);
});

test("closing a card gives focus to the same hotspot by id, not to another that took its pooled button", async () => {
  const page = await openPlayer(s);
  await mount(page, { attributes: PLAYER, timeline: TIMELINE, css: CSS });
  await seek(page, 4.0);
  await part(page, '[part~="hotspot"][data-hotspot-id="h-vase"]').focus();
  await page.keyboard.press("Enter");
  await cardOpen(page, true);
  // While the card is open, the vase's hotspot goes and another takes its pooled button.
  await page.evaluate(() => {
    window.player.removeHotspots(["h-vase"]);
    window.player.addHotspots([{ id: "h-other", product: "fan-02", start: 0, end: 11, x: 0.7, y: 0.7 }]);
  });
  await frames(page, 2);
  await page.keyboard.press("Escape");
  await cardOpen(page, false);
  const now = await focused(page);
  assert.equal(now.inPlayer, true, `focus stays in the element, not on ${now.page}`);
  assert.notEqual(now.hotspotId, "h-other", "not the hotspot that reused the opener's button");
  assert.ok(["rail-toggle", "fullscreen"].includes(now.part), `a stable control has focus: ${now.part}`);
  assert.deepEqual(page.errors, []);
});

test("a focused hotspot that ends hands focus to a stable control of the element", async () => {
  const page = await openPlayer(s);
  await mount(page, { attributes: PLAYER, timeline: TIMELINE, css: CSS });
  await seek(page, 10.5);
  await part(page, '[part~="hotspot"][data-hotspot-id="h-fan"]').focus();
  await seek(page, 11.5);
  const now = await focused(page);
  assert.equal(now.inPlayer, true, `focus stays in the element, not on ${now.page}`);
  assert.ok(["rail-toggle", "fullscreen"].includes(now.part), `a stable control has focus: ${now.part}`);
  assert.deepEqual(page.errors, []);
});

test("a busy button keeps focus while the host confirms, and Escape still closes the card", async () => {
  const page = await openPlayer(s);
  await mount(page, { attributes: PLAYER, timeline: TIMELINE, css: CSS });
  await page.evaluate(() => window.player.addEventListener("shoppable-intent", (event) => {
    event.preventDefault();
    event.detail.respondWith(new Promise(() => {})); // never answers (the test ends first)
  }));
  await seek(page, 4.0);
  await part(page, '[part~="hotspot"][data-hotspot-id="h-vase"]').focus();
  await page.keyboard.press("Enter");
  await cardOpen(page, true);
  await part(page, '[part~="card"] [part~="add-to-cart"]').focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => window.player.shadowRoot.querySelector('[part~="card"] [part~="add-to-cart"]').getAttribute("aria-busy") === "true");
  assert.equal((await focused(page)).part, "add-to-cart", "the busy button keeps focus");
  await page.keyboard.press("Escape");
  await cardOpen(page, false);
  assert.equal((await focused(page)).hotspotId, "h-vase");
  assert.deepEqual(page.errors, []);
});

test("products that come into view are announced politely, together, at most once every few seconds; empty strings turn it off", async () => {
  const page = await openPlayer(s);
  await mount(page, { attributes: PLAYER, timeline: TIMELINE, css: CSS });
  const live = () => page.evaluate(() => {
    const region = window.player.shadowRoot.querySelector('[aria-live="polite"]');
    return { text: region.textContent, role: region.getAttribute("role") };
  });
  await seek(page, 4.0);
  const first = await live();
  assert.equal(first.role, "status");
  assert.match(first.text, /Cloisonne vase/);
  assert.match(first.text, /Silk folding fan/, "both products of that moment in one announcement");
  // Gone and back within the gap: nothing new is said yet.
  await seek(page, 11.5);
  await seek(page, 4.0);
  assert.equal((await live()).text, first.text, "no second announcement within the gap");
  // Turned off by the host: nothing is said.
  await page.evaluate(() => { window.player.strings = { "new-in-view": "", "new-in-view-count": "" }; });
  await page.waitForTimeout(4_100);
  await seek(page, 11.5);
  await seek(page, 4.0);
  assert.equal((await live()).text, first.text, "with empty strings the region is not changed");
  assert.deepEqual(page.errors, []);
});
