// The `datalayer` attribute (CONTRACT.md section 2): the analytics ecommerce events go to
// window.dataLayer (view_item on a hotspot's impression, select_item on a tap, add_to_cart
// and begin_checkout from the card's buttons) with their ecommerce.items; without the
// attribute nothing is pushed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { session } from "./harness.mjs";
import { CRAFTS, CRAFTS_PLAYER, livePlayer, seek, part, tapHotspot } from "./live-helpers.mjs";

let s;
before(async () => { s = await session(); });
after(async () => { await s?.close(); });

/** The analytics item of a product of the demo timeline (currency from the timeline). */
function itemOf(id) {
  const p = CRAFTS.products.find((product) => product.id === id);
  const item = { item_id: p.id, item_name: p.title, price: p.price, currency: p.currency ?? CRAFTS.currency, quantity: 1 };
  if (p.brand) item.item_brand = p.brand;
  if (p.variant) item.item_variant = p.variant;
  return item;
}

const dataLayer = (page) => page.evaluate(() => structuredClone(window.dataLayer ?? []));

/** Checks one dataLayer entry: its event name and its single item. */
function assertEntry(entry, event, productId) {
  assert.equal(entry.event, event);
  assert.ok(entry.ecommerce, `${event} has ecommerce`);
  assert.deepEqual(entry.ecommerce.items, [itemOf(productId)], `${event} items`);
  const item = itemOf(productId);
  if (entry.ecommerce.currency !== undefined) assert.equal(entry.ecommerce.currency, item.currency);
  if (entry.ecommerce.value !== undefined) assert.equal(entry.ecommerce.value, item.price);
}

test("with datalayer: view_item, select_item, add_to_cart and begin_checkout reach window.dataLayer with their items", async () => {
  const page = await livePlayer(s, { attributes: { ...CRAFTS_PLAYER, datalayer: true } });
  await seek(page, 1.0);
  assert.deepEqual(await dataLayer(page), [], "nothing is visible at 1 s");

  await seek(page, 4.0); // the vase and the fan show
  let entries = await dataLayer(page);
  assert.deepEqual(entries.map((e) => e.event), ["view_item", "view_item"]);
  const viewed = entries.map((e) => e.ecommerce.items[0].item_id).sort();
  assert.deepEqual(viewed, ["fan-02", "vase-01"]);
  for (const entry of entries) assertEntry(entry, "view_item", entry.ecommerce.items[0].item_id);

  await tapHotspot(page, "vase-still");
  await part(page, "card").waitFor({ state: "visible" });
  await part(page, "card").locator('[part~="add-to-cart"]').click();
  await part(page, "card").locator('[part~="buy"]').click();
  await page.waitForFunction(() => window.dataLayer.length === 5);
  entries = await dataLayer(page);
  assert.deepEqual(entries.slice(2).map((e) => e.event), ["select_item", "add_to_cart", "begin_checkout"]);
  assertEntry(entries[2], "select_item", "vase-01");
  assertEntry(entries[3], "add_to_cart", "vase-01");
  assertEntry(entries[4], "begin_checkout", "vase-01");

  // The intents carry the same items.
  const intents = await page.evaluate(() => window.events.filter((e) => e.type === "shoppable-intent").map((e) => e.detail));
  assert.deepEqual(intents.map((i) => i.items), [[itemOf("vase-01")], [itemOf("vase-01")]]);
  assert.deepEqual(page.errors, []);
});

test("with datalayer: a rail tap is a select_item; a sold-out product's buttons push nothing", async () => {
  const page = await livePlayer(s, { attributes: { ...CRAFTS_PLAYER, datalayer: true } });
  await seek(page, 0.5);
  await page.evaluate(() => {
    const tea = window.player.timeline.products.find((p) => p.id === "tea-03");
    window.player.upsertProducts([{ ...tea, available: false }]);
  });
  await part(page, "rail-item").and(page.locator('[data-product-id="tea-03"]')).click();
  await part(page, "card").waitFor({ state: "visible" });
  await part(page, "card").locator('[part~="buy"]').click({ force: true });
  const entries = await dataLayer(page);
  assert.deepEqual(entries.map((e) => e.event), ["select_item"]);
  assert.equal(entries[0].ecommerce.items[0].item_id, "tea-03");
});

test("without datalayer nothing is pushed to window.dataLayer", async () => {
  const page = await livePlayer(s);
  await seek(page, 4.0);
  await tapHotspot(page, "vase-still");
  await part(page, "card").waitFor({ state: "visible" });
  await part(page, "card").locator('[part~="add-to-cart"]').click();
  await part(page, "card").locator('[part~="buy"]').click();
  await page.waitForFunction(() => window.events.filter((e) => e.type === "shoppable-intent").length === 2);
  assert.equal(await page.evaluate(() => window.dataLayer), undefined);
});

test("removing the datalayer attribute stops the pushes", async () => {
  const page = await livePlayer(s, { attributes: { ...CRAFTS_PLAYER, datalayer: true } });
  await seek(page, 4.0);
  const count = (await dataLayer(page)).length;
  assert.equal(count, 2);
  await page.evaluate(() => window.player.removeAttribute("datalayer"));
  await seek(page, 10.0); // the tea set shows
  assert.deepEqual(await page.evaluate(() => window.player.activeHotspots), ["tea"]);
  assert.equal((await dataLayer(page)).length, count);
});
