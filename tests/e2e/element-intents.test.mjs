// Tap, card, buy: real mouse clicks at the hotspot's centre (what the viewer would hit) select
// the product and open its card; the card's buttons emit `shoppable-intent` with every field of
// the contract; preventDefault() stops the default action and without it the product URL opens
// in a new tab (served by the test server, no outside network); a double activation emits one
// intent; tap-action="intent" buys on one tap; a tap never pauses or plays the video.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { session } from "./harness.mjs";
import { openPlayer, mount, seek, hotspots, frames, eventsOf, readJson } from "./element-helpers.mjs";

const shop = readJson("test/shop.timeline.json");
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let s;
before(async () => { s = await session(); });
after(async () => { await s?.close(); });

/** The test player with the shop timeline, paused at `time`; intents are logged on document. */
async function shopPlayer({ attributes = {}, time = 4.0 } = {}) {
  const page = await openPlayer(s);
  const popups = [];
  page.context().on("page", (popup) => popups.push(popup));
  await mount(page, {
    attributes: {
      src: "/media/crafts.webm", muted: true, playsinline: true, preload: "auto", controls: true,
      timeline: "/test/shop.timeline.json", locale: "en-US", ...attributes,
    },
    css: "#player { width: 640px; height: 360px; }",
  });
  await page.evaluate(() => {
    window.intents = [];
    window.preventIntents = true;
    // On the document: the event bubbles out of the element (and would out of a shadow root).
    document.addEventListener("shoppable-intent", (event) => {
      window.intents.push({
        detail: JSON.parse(JSON.stringify(event.detail)),
        hasRespondWith: typeof event.detail.respondWith === "function",
        bubbles: event.bubbles,
        composed: event.composed,
        cancelable: event.cancelable,
        fromPlayer: event.target === window.player,
        receivedAt: Date.now(),
      });
      if (window.preventIntents) event.preventDefault();
    });
  });
  await seek(page, time);
  return { page, popups };
}

/** Clicks the centre of the visible hotspot `id` with the mouse. */
async function clickHotspot(page, id) {
  const button = (await hotspots(page)).find((b) => b.id === id);
  assert.ok(button, `hotspot ${id} is shown`);
  await page.mouse.click(button.cx, button.cy);
}

/** Clicks the centre of the card's `[part~=name]` control with the mouse. */
async function clickPart(page, name) {
  const box = await page.evaluate((name) => {
    const element = window.player.shadowRoot.querySelector(`[part~="card"] [part~="${name}"]`);
    const rect = element.getBoundingClientRect();
    return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2, w: rect.width };
  }, name);
  assert.ok(box.w > 0, `the card's ${name} control is laid out`);
  await page.mouse.click(box.x, box.y);
}

async function card(page) {
  return page.evaluate(() => {
    const root = window.player.shadowRoot.querySelector('[part~="card"]');
    const text = (part) => root?.querySelector(`[part~="${part}"]`)?.textContent ?? null;
    return {
      open: !!root && !root.hidden && getComputedStyle(root).display !== "none",
      title: text("card-title"),
      price: text("card-price"),
    };
  });
}

function assertClose(actual, expected, what, epsilon = 1e-6) {
  assert.ok(typeof actual === "number" && Math.abs(actual - expected) <= epsilon, `${what}: ${actual}, expected ${expected}`);
}

test("a tap selects the product and opens its card; Buy now emits an intent with every field", async () => {
  const { page, popups } = await shopPlayer();
  assert.equal(await page.evaluate(() => window.player.video.paused), true);

  await clickHotspot(page, "h-vase");
  await page.waitForFunction(() => window.events.some((e) => e.type === "shoppable-select"));
  const [select] = await eventsOf(page, "shoppable-select");
  assert.deepEqual(Object.keys(select).sort(), ["hotspotId", "productId", "source", "videoTime"]);
  assert.equal(select.productId, "vase-01");
  assert.equal(select.hotspotId, "h-vase");
  assert.equal(select.source, "hotspot");
  assertClose(select.videoTime, 4.0, "select videoTime");

  const shown = await card(page);
  assert.equal(shown.open, true, "the card is open");
  assert.equal(shown.title, "Cloisonne vase");
  const price = await page.evaluate(() => new Intl.NumberFormat("en-US", { style: "currency", currency: "CNY" }).format(1280));
  assert.ok(shown.price.includes(price), `card price ${JSON.stringify(shown.price)} shows ${price}`);

  const before = await page.evaluate(() => Date.now());
  await clickPart(page, "buy");
  await page.waitForFunction(() => window.intents.length === 1);
  const [intent] = await page.evaluate(() => window.intents);
  assert.equal(intent.bubbles, true, "bubbles");
  assert.equal(intent.composed, true, "composed");
  assert.equal(intent.cancelable, true, "cancelable");
  assert.equal(intent.fromPlayer, true, "dispatched on the element");
  assert.equal(intent.hasRespondWith, true, "detail.respondWith is there during dispatch");
  const d = intent.detail;
  assert.deepEqual(Object.keys(d).sort(),
    ["action", "hotspotId", "intentId", "items", "position", "productId", "quantity", "source", "timestamp", "videoTime"]);
  assert.match(d.intentId, UUID_V4);
  assert.equal(d.action, "buy_now");
  assert.equal(d.productId, "vase-01");
  assert.equal(d.hotspotId, "h-vase");
  assert.equal(d.source, "hotspot");
  assertClose(d.videoTime, 4.0, "intent videoTime (the presented, paused frame)");
  assertClose(d.position.x, 0.42, "position.x");
  assertClose(d.position.y, 0.3, "position.y");
  assert.deepEqual(Object.keys(d.position).sort(), ["x", "y"]);
  assert.equal(d.quantity, 1);
  assert.ok(Number.isFinite(d.timestamp), "timestamp is a number");
  assert.ok(d.timestamp >= before - 5 && d.timestamp <= intent.receivedAt + 5,
    `timestamp ${d.timestamp} is between the click (${before}) and its receipt (${intent.receivedAt})`);
  assert.deepEqual(d.items, [{
    item_id: "vase-01", item_name: "Cloisonne vase", price: 1280, currency: "CNY", quantity: 1,
    item_brand: "Jingtailan", item_variant: "blue",
  }]);
  // The card stays open after an intent.
  assert.equal((await card(page)).open, true, "the card stays open");

  // Add to cart: same product, action add_to_cart, a fresh id.
  await clickPart(page, "add-to-cart");
  await page.waitForFunction(() => window.intents.length === 2);
  const second = (await page.evaluate(() => window.intents))[1].detail;
  assert.equal(second.action, "add_to_cart");
  assert.equal(second.productId, "vase-01");
  assert.notEqual(second.intentId, d.intentId, "each intent has its own id");
  assert.match(second.intentId, UUID_V4);

  // Both were prevented: no new tab (the popup test below shows that one does open otherwise).
  await frames(page, 2);
  assert.equal(popups.length, 0, `no page opened: ${popups.map((p) => p.url())}`);
  assert.equal(await page.evaluate(() => window.player.video.paused), true, "still paused");
  assert.deepEqual(page.errors, []);
});

test("without preventDefault the product URL opens in a new tab (noopener); with it, nothing opens", async () => {
  const { page, popups } = await shopPlayer();
  // Prevented: the fan's buy.
  await clickHotspot(page, "h-fan");
  await page.waitForFunction(() => window.events.some((e) => e.type === "shoppable-select"));
  await clickPart(page, "buy");
  await page.waitForFunction(() => window.intents.length === 1);
  assert.deepEqual((await page.evaluate(() => window.intents))[0].detail.items,
    [{ item_id: "fan-02", item_name: "Silk folding fan", price: 168.5, currency: "EUR", quantity: 1 }]);

  // Not prevented: the vase's add to cart opens its page (a relative URL, resolved against the timeline's).
  await clickPart(page, "close");
  await page.waitForFunction(() => window.player.shadowRoot.querySelector('[part~="card"]').hidden);
  await clickHotspot(page, "h-vase");
  await page.waitForFunction(() => window.events.filter((e) => e.type === "shoppable-select").length === 2);
  await page.evaluate(() => { window.preventIntents = false; });
  const opened = page.context().waitForEvent("page", { timeout: 10_000 });
  await clickPart(page, "add-to-cart");
  const popup = await opened;
  await popup.waitForLoadState("load");
  assert.equal(popup.url(), `${s.base}/test/product.html?id=vase-01`);
  assert.equal(await popup.evaluate(() => window.opener), null, "opened with noopener");
  assert.equal(await popup.title(), "Test product page");
  assert.equal(popups.length, 1, `exactly one page opened (the prevented intent opened none): ${popups.map((p) => p.url())}`);
  assert.equal((await page.evaluate(() => window.intents)).length, 2);
  await popup.close();
  assert.deepEqual(page.errors, []);
});

test("a double activation within 500 ms emits one intent; a later one emits another", async () => {
  const { page } = await shopPlayer();
  await page.evaluate(() => {
    window.clicks = [];
    document.addEventListener("click", () => window.clicks.push(performance.now()), true);
  });
  await clickHotspot(page, "h-vase");
  await page.waitForFunction(() => window.events.some((e) => e.type === "shoppable-select"));
  await page.evaluate(() => { window.clicks = []; });
  await clickPart(page, "buy");
  await clickPart(page, "buy");
  await page.waitForFunction(() => window.clicks.length === 2);
  await frames(page, 2);
  const gap = await page.evaluate(() => window.clicks[1] - window.clicks[0]);
  assert.ok(gap < 500, `the two clicks were ${gap.toFixed(0)} ms apart (the test needs < 500)`);
  assert.equal((await page.evaluate(() => window.intents)).length, 1, "one intent for two clicks");

  // Once 500 ms have passed since the first, the same button emits again.
  await page.waitForFunction(() => Date.now() - window.intents[0].receivedAt > 550, null, { polling: 50 });
  await clickPart(page, "buy");
  await page.waitForFunction(() => window.intents.length === 2);
  assert.deepEqual(page.errors, []);
});

test('tap-action="intent": one tap emits one buy_now intent and opens no card', async () => {
  const { page, popups } = await shopPlayer({ attributes: { "tap-action": "intent" } });
  await page.evaluate(() => {
    window.clicks = [];
    document.addEventListener("click", () => window.clicks.push(performance.now()), true);
  });
  await clickHotspot(page, "h-vase");
  await page.waitForFunction(() => window.intents.length === 1);
  const d = (await page.evaluate(() => window.intents))[0].detail;
  assert.equal(d.action, "buy_now");
  assert.equal(d.productId, "vase-01");
  assert.equal(d.hotspotId, "h-vase");
  assert.equal(d.source, "hotspot");
  assertClose(d.videoTime, 4.0, "videoTime");
  assertClose(d.position.x, 0.42, "position.x");
  assertClose(d.position.y, 0.3, "position.y");
  assert.equal(d.quantity, 1);
  assert.match(d.intentId, UUID_V4);
  assert.equal(d.items[0].item_id, "vase-01");
  assert.equal((await card(page)).open, false, "no card opened");

  // A second tap within 500 ms of the first is the same activation.
  await clickHotspot(page, "h-vase");
  await page.waitForFunction(() => window.clicks.length === 2);
  await frames(page, 2);
  const gap = await page.evaluate(() => window.clicks[1] - window.clicks[0]);
  assert.ok(gap < 500, `taps ${gap.toFixed(0)} ms apart`);
  assert.equal((await page.evaluate(() => window.intents)).length, 1, "one intent for a double tap");
  assert.equal(popups.length, 0);
  assert.equal(await page.evaluate(() => window.player.video.paused), true);
  assert.deepEqual(page.errors, []);
});

test("without crypto.randomUUID (a plain http page) each intent still carries its own version 4 UUID", async () => {
  const { page } = await shopPlayer({ attributes: { "tap-action": "intent" } });
  // As on a page that is not a secure context: randomUUID is missing, getRandomValues works.
  await page.evaluate(() => Object.defineProperty(Crypto.prototype, "randomUUID", { value: undefined }));
  await clickHotspot(page, "h-vase");
  await page.waitForFunction(() => window.intents.length === 1);
  await page.waitForTimeout(600); // past the double-activation window
  await clickHotspot(page, "h-vase");
  await page.waitForFunction(() => window.intents.length === 2);
  const ids = (await page.evaluate(() => window.intents)).map((intent) => intent.detail.intentId);
  for (const id of ids) assert.match(id, UUID_V4);
  assert.notEqual(ids[0], ids[1]);
  assert.deepEqual(page.errors, []);
});

test("a tap neither pauses nor plays the video (controls on), paused or playing", async () => {
  const { page } = await shopPlayer({ time: 2.0 });
  assert.equal(await page.evaluate(() => window.player.video.controls), true, "controls are on");
  // Paused: a tap opens the card and the video stays paused at the same time.
  await clickHotspot(page, "h-fan");
  await page.waitForFunction(() => window.events.some((e) => e.type === "shoppable-select"));
  await frames(page, 3);
  assert.deepEqual(await page.evaluate(() => [window.player.video.paused, window.player.video.currentTime]), [true, 2.0]);
  await clickPart(page, "close");
  await page.waitForFunction(() => window.player.shadowRoot.querySelector('[part~="card"]').hidden);
  assert.equal(await page.evaluate(() => window.player.video.paused), true);

  // Playing: a tap opens the card and the video keeps playing.
  await page.evaluate(() => window.player.video.play());
  await page.waitForFunction(() => window.player.video.currentTime > 2.2);
  await clickHotspot(page, "h-vase");
  await page.waitForFunction(() => window.events.filter((e) => e.type === "shoppable-select").length === 2);
  const [select] = (await eventsOf(page, "shoppable-select")).slice(1);
  const at = await page.evaluate(() => window.player.video.currentTime);
  // The media time of a presented frame (a multiple of 1/30 s, to the millisecond), after the
  // playback start and not after currentTime read later, give or take one frame: Chromium holds
  // currentTime stable within a task, so it can trail the frame on screen by up to a frame.
  assert.ok(select.videoTime > 2.0 && select.videoTime <= at + 1 / 30, `videoTime ${select.videoTime} is the presented time (now ${at})`);
  assert.ok(Math.abs(select.videoTime * 30 - Math.round(select.videoTime * 30)) < 0.05, `videoTime ${select.videoTime} is a frame's time`);
  assert.equal(await page.evaluate(() => window.player.video.paused), false, "still playing after the tap");
  await page.waitForFunction((at) => window.player.video.currentTime > at + 0.3, at);
  assert.equal((await card(page)).open, true);
  // Buying while playing does not pause either.
  await clickPart(page, "buy");
  await page.waitForFunction(() => window.intents.length === 1);
  await frames(page, 3);
  assert.equal(await page.evaluate(() => window.player.video.paused), false, "still playing after buying");
  await page.evaluate(() => window.player.video.pause());
  assert.deepEqual(page.errors, []);
});
