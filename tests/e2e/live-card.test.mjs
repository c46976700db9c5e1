// Sold-out products and struck-through prices (CONTRACT.md section 3: `available: false`
// shows the product as sold out and its buttons emit no intent; `originalPrice` shows the
// price struck through beside `price`).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { session } from "./harness.mjs";
import { CRAFTS_PLAYER, livePlayer, seek, part, price, tapHotspot, eventsOf } from "./live-helpers.mjs";

let s;
before(async () => { s = await session(); });
after(async () => { await s?.close(); });

const card = (page) => part(page, "card");

/** Marks a product of the current timeline sold out (or back in stock) through upsertProducts. */
async function setAvailable(page, id, available) {
  await page.evaluate(([id, available]) => {
    const product = window.player.timeline.products.find((p) => p.id === id);
    window.player.upsertProducts([{ ...product, available }]);
  }, [id, available]);
}

test("a sold-out product's card says Sold out and its buttons are disabled and emit no intent", async () => {
  const page = await livePlayer(s);
  await seek(page, 4.0);
  await setAvailable(page, "fan-02", false);
  await tapHotspot(page, "fan");
  await card(page).waitFor({ state: "visible" });
  assert.equal(await card(page).locator('[part~="card-status"]').textContent(), "Sold out");
  const buy = card(page).locator('[part~="buy"]');
  const add = card(page).locator('[part~="add-to-cart"]');
  assert.equal(await buy.isDisabled(), true);
  assert.equal(await add.isDisabled(), true);
  await buy.click({ force: true });
  await add.click({ force: true });
  // Even if a page script re-enables the buttons, the element refuses to emit for a sold-out product.
  await page.evaluate(() => {
    for (const name of ["buy", "add-to-cart"]) {
      const button = window.player.shadowRoot.querySelector(`[part~="card"] [part~="${name}"]`);
      button.disabled = false;
      button.click();
    }
  });
  assert.deepEqual(await eventsOf(page, "shoppable-intent"), []);
  // The select still happened: the viewer may look at a sold-out product.
  assert.equal((await eventsOf(page, "shoppable-select")).length, 1);
  assert.deepEqual(page.errors, []);
});

test("marking the open card's product sold out and back in stock updates the card at once", async () => {
  const page = await livePlayer(s);
  await seek(page, 4.0);
  await tapHotspot(page, "vase-still");
  await card(page).waitFor({ state: "visible" });
  const buy = card(page).locator('[part~="buy"]');
  assert.equal(await buy.isDisabled(), false);
  await setAvailable(page, "vase-01", false);
  assert.equal(await buy.isDisabled(), true);
  assert.equal(await card(page).locator('[part~="card-status"]').textContent(), "Sold out");
  const railPrice = await page.evaluate(() =>
    window.player.shadowRoot.querySelector('[part~="rail-item"][data-product-id="vase-01"]').textContent);
  assert.match(railPrice, /sold out/i, "the rail says it too");
  await setAvailable(page, "vase-01", true);
  assert.equal(await buy.isDisabled(), false);
  assert.notEqual(await card(page).locator('[part~="card-status"]').textContent(), "Sold out");
  await buy.click();
  await page.waitForFunction(() => window.events.some((e) => e.type === "shoppable-intent"));
  assert.equal((await eventsOf(page, "shoppable-intent"))[0].productId, "vase-01");
});

test('tap-action="intent" on a sold-out product\'s hotspot emits no intent', async () => {
  const page = await livePlayer(s, { attributes: { ...CRAFTS_PLAYER, "tap-action": "intent" } });
  await seek(page, 4.0);
  await setAvailable(page, "fan-02", false);
  await tapHotspot(page, "fan");
  await tapHotspot(page, "vase-still");
  await page.waitForFunction(() => window.events.some((e) => e.type === "shoppable-intent"));
  const intents = await eventsOf(page, "shoppable-intent");
  assert.deepEqual(intents.map((i) => [i.action, i.productId]), [["buy_now", "vase-01"]]);
});

test("a sold-out pinned product's buttons are disabled and emit no intent", async () => {
  const page = await livePlayer(s);
  await seek(page, 0.5);
  await page.evaluate(() => window.player.pinProduct("tea-03"));
  await setAvailable(page, "tea-03", false);
  const pinned = part(page, "pinned");
  assert.equal(await pinned.locator('[part~="buy"]').isDisabled(), true);
  assert.equal(await pinned.locator('[part~="add-to-cart"]').isDisabled(), true);
  assert.ok((await pinned.textContent()).includes("Sold out"));
  await pinned.locator('[part~="buy"]').click({ force: true });
  assert.deepEqual(await eventsOf(page, "shoppable-intent"), []);
});

test("originalPrice shows struck through in an <s> beside the price; a product without one shows none", async () => {
  const page = await livePlayer(s);
  await seek(page, 4.0);
  await tapHotspot(page, "vase-still");
  await card(page).waitFor({ state: "visible" });
  const original = part(page, "card-original-price");
  assert.equal(await original.evaluate((e) => e.tagName), "S");
  assert.equal(await original.textContent(), await price(page, 1580));
  assert.equal(await original.isVisible(), true);
  assert.equal(await part(page, "card-price").textContent(), await price(page, 1280));
  const struck = await original.evaluate((e) => getComputedStyle(e).textDecorationLine);
  assert.match(struck, /line-through/);

  await card(page).locator('[part~="close"]').click();
  await tapHotspot(page, "fan");
  await card(page).waitFor({ state: "visible" });
  assert.equal(await part(page, "card-title").textContent(), "Silk folding fan");
  assert.equal(await original.textContent(), "");
  assert.equal(await original.isVisible(), false);
});
