// The "shop this video" rail (CONTRACT.md section 2: the `rail` attribute, the rail parts):
// every product in timeline order, aria-current on those with a visible hotspot, a tap opens
// the product (source "rail"), and rail="open" / "closed" / "auto" (collapsed when narrow).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { session } from "./harness.mjs";
import { CRAFTS, CRAFTS_PLAYER, openLive, mount, livePlayer, seek, eventsOf, part } from "./live-helpers.mjs";

let s;
before(async () => { s = await session(); });
after(async () => { await s?.close(); });

/** The rail items: [{ id, current }] in DOM order. */
async function railItems(page) {
  return page.evaluate(() => [...window.player.shadowRoot.querySelectorAll('[part~="rail-item"]')]
    .map((item) => ({ id: item.dataset.productId, current: item.getAttribute("aria-current") === "true" })));
}

/** The products of the hotspots the element says are visible, from the timeline. */
async function productsOfActive(page) {
  const active = await page.evaluate(() => window.player.activeHotspots);
  return [...new Set(active.map((id) => CRAFTS.hotspots.find((h) => h.id === id).product))].sort();
}

/** Whether the rail is expanded: the toggle's aria-expanded, and whether the items are visible. */
async function railState(page) {
  const toggle = await part(page, "rail-toggle").getAttribute("aria-expanded");
  const itemsVisible = await part(page, "rail-item").first().isVisible();
  return { toggle, itemsVisible };
}

test("the rail lists every product in timeline order and marks those with a visible hotspot", async () => {
  const page = await livePlayer(s);
  assert.equal(await part(page, "rail").isVisible(), true);
  for (const [t, expected] of [[4.0, ["fan-02", "vase-01"]], [10.0, ["tea-03"]], [1.0, []]]) {
    await seek(page, t);
    const items = await railItems(page);
    assert.deepEqual(items.map((item) => item.id), CRAFTS.products.map((p) => p.id));
    const current = items.filter((item) => item.current).map((item) => item.id).sort();
    assert.deepEqual(await productsOfActive(page), expected, `visible products at ${t}`);
    assert.deepEqual(current, expected, `aria-current at ${t}`);
  }
  // No other value than "true" marks an item: the others carry no aria-current at all.
  const values = await page.evaluate(() => [...window.player.shadowRoot.querySelectorAll('[part~="rail-item"]')]
    .map((item) => item.getAttribute("aria-current")));
  assert.deepEqual(values, [null, null, null]);
});

test("tapping a rail item emits shoppable-select with source rail and opens the card", async () => {
  const page = await livePlayer(s);
  await seek(page, 4.0);
  await part(page, "rail-item").and(page.locator('[data-product-id="tea-03"]')).click();
  await part(page, "card").waitFor({ state: "visible" });
  assert.equal(await part(page, "card-title").textContent(), "Celadon tea set");
  const selects = await eventsOf(page, "shoppable-select");
  assert.equal(selects.length, 1);
  assert.equal(selects[0].productId, "tea-03");
  assert.equal(selects[0].hotspotId, null);
  assert.equal(selects[0].source, "rail");
  assert.ok(Math.abs(selects[0].videoTime - 4.0) < 0.05, `videoTime ${selects[0].videoTime}`);
  // The card's intents say where the product was opened from.
  await part(page, "card").locator('[part~="buy"]').click();
  await page.waitForFunction(() => window.events.some((e) => e.type === "shoppable-intent"));
  const [intent] = await eventsOf(page, "shoppable-intent");
  assert.equal(intent.source, "rail");
  assert.equal(intent.hotspotId, null);
  assert.equal(intent.position, null);
  assert.equal(intent.productId, "tea-03");
});

test('rail="open" and rail="closed" hold at any width; the toggle switches it', async () => {
  const page = await openLive(s);
  await mount(page, { attributes: { ...CRAFTS_PLAYER, rail: "open" }, css: "shoppable-video { width: 360px; aspect-ratio: 16 / 9; }" });
  assert.deepEqual(await railState(page), { toggle: "true", itemsVisible: true });

  await mount(page, { attributes: { ...CRAFTS_PLAYER, rail: "closed" }, css: "shoppable-video { width: 900px; aspect-ratio: 16 / 9; }" });
  assert.deepEqual(await railState(page), { toggle: "false", itemsVisible: false });
  assert.equal(await part(page, "rail-toggle").isVisible(), true, "a closed rail keeps its toggle");
  await part(page, "rail-toggle").click();
  assert.deepEqual(await railState(page), { toggle: "true", itemsVisible: true });
  await part(page, "rail-toggle").click();
  assert.deepEqual(await railState(page), { toggle: "false", itemsVisible: false });

  // Changing the attribute applies at once.
  await page.evaluate(() => window.player.setAttribute("rail", "open"));
  assert.deepEqual(await railState(page), { toggle: "true", itemsVisible: true });
});

test('rail="auto" is collapsed on a player narrower than 480 px and expanded on a wide one', async () => {
  const page = await openLive(s);
  await mount(page, { attributes: { ...CRAFTS_PLAYER, rail: "auto" }, css: "shoppable-video { width: 400px; aspect-ratio: 16 / 9; }" });
  await page.waitForFunction(() => window.player.shadowRoot.querySelector('[part~="rail-toggle"]')?.getAttribute("aria-expanded") === "false");
  assert.deepEqual(await railState(page), { toggle: "false", itemsVisible: false });

  // No attribute is auto too, and a wide player shows the list.
  const { rail, ...attributes } = { ...CRAFTS_PLAYER };
  await mount(page, { attributes, css: "shoppable-video { width: 800px; aspect-ratio: 16 / 9; }" });
  assert.deepEqual(await railState(page), { toggle: "true", itemsVisible: true });

  // Resizing the player across 480 px collapses and expands it again.
  await page.evaluate(() => { window.player.style.width = "420px"; });
  await page.waitForFunction(() => window.player.shadowRoot.querySelector('[part~="rail-toggle"]').getAttribute("aria-expanded") === "false");
  assert.equal(await part(page, "rail-item").first().isVisible(), false);
  await page.evaluate(() => { window.player.style.width = "700px"; });
  await page.waitForFunction(() => window.player.shadowRoot.querySelector('[part~="rail-toggle"]').getAttribute("aria-expanded") === "true");
  assert.equal(await part(page, "rail-item").first().isVisible(), true);
});
