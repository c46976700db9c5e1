// The host confirms a purchase (CONTRACT.md section 2, shoppable-intent): respondWith(promise)
// during dispatch puts the button in a pending state until the promise settles; the card then
// says it was added, or shows the reason, or a generic failure for a rejection or a timeout
// (the host attribute data-respond-timeout, in ms, shortens the 10 s timeout for tests).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { session } from "./harness.mjs";
import { livePlayer, seek, part, tapHotspot, eventsOf } from "./live-helpers.mjs";

let s;
before(async () => { s = await session(); });
after(async () => { await s?.close(); });

/** A player at 4 s with the vase's card open; intents are answered with a promise the test settles. */
async function cardWithDeferredAnswer() {
  const page = await livePlayer(s);
  await seek(page, 4.0);
  await tapHotspot(page, "vase-still");
  await part(page, "card").waitFor({ state: "visible" });
  await page.evaluate(() => {
    window.answers = [];
    window.respond = () => new Promise((resolve, reject) => window.answers.push({ resolve, reject }));
  });
  return page;
}

const card = (page) => part(page, "card");
const cardStatus = (page) => card(page).locator('[part~="card-status"]');

/** The button's pending state: aria-busy and aria-disabled (it stays focusable: a disabled
 * button would drop focus to the page). `disabled` is the product's being unavailable. */
async function pending(button) {
  return button.evaluate((b) => ({ busy: b.getAttribute("aria-busy"), disabled: b.disabled || b.getAttribute("aria-disabled") === "true" }));
}

/** Waits until the card's status says `text`. */
async function statusIs(page, text) {
  await page.waitForFunction((text) => {
    const status = window.player.shadowRoot.querySelector('[part~="card"] [part~="card-status"]');
    return status && status.textContent === text;
  }, text, { timeout: 5_000 });
}

test("respondWith({ok: true}): the button is busy and aria-disabled while pending, then the card says Added to cart", async () => {
  const page = await cardWithDeferredAnswer();
  const button = card(page).locator('[part~="add-to-cart"]');
  await button.click();
  await page.waitForFunction(() => window.answers.length === 1);
  assert.deepEqual(await pending(button), { busy: "true", disabled: true });
  assert.notEqual(await cardStatus(page).textContent(), "Added to cart");
  const [intent] = await eventsOf(page, "shoppable-intent");
  assert.equal(intent.action, "add_to_cart");
  assert.equal(intent.source, "hotspot");
  assert.equal(intent.hotspotId, "vase-still");

  await page.evaluate(() => window.answers[0].resolve({ ok: true }));
  await statusIs(page, "Added to cart");
  assert.deepEqual(await pending(button), { busy: null, disabled: false });
  assert.equal(await card(page).isVisible(), true, "the card stays open showing the outcome");
  assert.deepEqual(page.errors, []);
});

test("respondWith({ok: false, reason}): the card shows the reason", async () => {
  const page = await cardWithDeferredAnswer();
  const button = card(page).locator('[part~="buy"]');
  await button.click();
  await page.waitForFunction(() => window.answers.length === 1);
  assert.equal((await pending(button)).busy, "true");
  await page.evaluate(() => window.answers[0].resolve({ ok: false, reason: "Sold out" }));
  await statusIs(page, "Sold out");
  assert.deepEqual(await pending(button), { busy: null, disabled: false });
});

test("respondWith(a rejected promise): the card says Could not add to cart", async () => {
  const page = await cardWithDeferredAnswer();
  const button = card(page).locator('[part~="add-to-cart"]');
  await button.click();
  await page.waitForFunction(() => window.answers.length === 1);
  assert.equal((await pending(button)).busy, "true");
  await page.evaluate(() => window.answers[0].reject(new Error("cart service down")));
  await statusIs(page, "Could not add to cart");
  assert.deepEqual(await pending(button), { busy: null, disabled: false });
  assert.deepEqual(page.errors, [], "a rejected answer is handled, not an unhandled rejection");
});

test("respondWith(a promise that never settles) times out after data-respond-timeout into the failure status", async () => {
  const page = await cardWithDeferredAnswer();
  await page.evaluate(() => window.player.setAttribute("data-respond-timeout", "300"));
  const button = card(page).locator('[part~="add-to-cart"]');
  const started = Date.now();
  await button.click();
  await page.waitForFunction(() => window.answers.length === 1);
  assert.equal((await pending(button)).busy, "true");
  await statusIs(page, "Could not add to cart");
  const elapsed = Date.now() - started;
  assert.ok(elapsed >= 250, `timed out after ${elapsed} ms, before the 300 ms asked`);
  assert.ok(elapsed < 5_000, `timed out after ${elapsed} ms`);
  assert.deepEqual(await pending(button), { busy: null, disabled: false });
  // A late answer after the timeout changes nothing.
  await page.evaluate(() => window.answers[0].resolve({ ok: true }));
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  assert.equal(await cardStatus(page).textContent(), "Could not add to cart");
});

test("respondWith called after the dispatch throws, and changes nothing", async () => {
  const page = await livePlayer(s);
  await seek(page, 4.0);
  await tapHotspot(page, "fan");
  await card(page).locator('[part~="add-to-cart"]').click();
  await page.waitForFunction(() => window.lastIntentDetail !== null);
  const outcome = await page.evaluate(() => {
    try {
      window.lastIntentDetail.respondWith(Promise.resolve({ ok: true }));
      return { threw: false };
    } catch (error) {
      return { threw: true, name: error.name, isError: error instanceof Error || error instanceof DOMException };
    }
  });
  assert.equal(outcome.threw, true, "respondWith after dispatch must throw");
  assert.equal(outcome.isError, true);
  const button = card(page).locator('[part~="add-to-cart"]');
  assert.deepEqual(await pending(button), { busy: null, disabled: false });
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
  assert.notEqual(await cardStatus(page).textContent(), "Added to cart");
});

test("respondWith on the pinned card's button: pending, then the pinned card says Added to cart", async () => {
  const page = await livePlayer(s);
  await seek(page, 0.5);
  await page.evaluate(() => {
    window.answers = [];
    window.respond = () => new Promise((resolve) => window.answers.push({ resolve }));
    window.player.pinProduct("tea-03");
  });
  const pinned = part(page, "pinned");
  const button = pinned.locator('[part~="add-to-cart"]');
  await button.click();
  await page.waitForFunction(() => window.answers.length === 1);
  assert.deepEqual(await pending(button), { busy: "true", disabled: true });
  await page.evaluate(() => window.answers[0].resolve({ ok: true }));
  await page.waitForFunction(() => window.player.shadowRoot.querySelector('[part~="pinned"] [part~="card-status"]')?.textContent === "Added to cart");
  assert.deepEqual(await pending(button), { busy: null, disabled: false });
  const [intent] = await eventsOf(page, "shoppable-intent");
  assert.equal(intent.source, "pinned");
});

test("a live product update while an answer is pending keeps the button pending (no second intent possible)", async () => {
  const page = await cardWithDeferredAnswer();
  const button = card(page).locator('[part~="add-to-cart"]');
  await button.click();
  await page.waitForFunction(() => window.answers.length === 1);
  assert.deepEqual(await pending(button), { busy: "true", disabled: true });
  // The live show changes another product's price meanwhile (upsertProducts refreshes every surface).
  await page.evaluate(() => {
    const fan = window.player.timeline.products.find((p) => p.id === "fan-02");
    window.player.upsertProducts([{ ...fan, price: 150 }]);
  });
  assert.deepEqual(await pending(button), { busy: "true", disabled: true }, "still pending after upsertProducts");
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 550))); // past the 500 ms repeat window
  await button.click({ force: true });
  assert.equal((await eventsOf(page, "shoppable-intent")).length, 1, "no second intent while the first is pending");
  await page.evaluate(() => window.answers[0].resolve({ ok: true }));
  await statusIs(page, "Added to cart");
});

test("an answer for a product does not show on another product's card opened meanwhile", async () => {
  const page = await cardWithDeferredAnswer(); // the vase's card
  await card(page).locator('[part~="add-to-cart"]').click();
  await page.waitForFunction(() => window.answers.length === 1);
  await card(page).locator('[part~="close"]').click();
  await tapHotspot(page, "fan");
  await card(page).waitFor({ state: "visible" });
  assert.equal(await part(page, "card-title").textContent(), "Silk folding fan");
  const fanButton = card(page).locator('[part~="add-to-cart"]');
  assert.deepEqual(await pending(fanButton), { busy: null, disabled: false }, "the fan's button is not pending");
  await page.evaluate(() => window.answers[0].resolve({ ok: true }));
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
  assert.notEqual(await cardStatus(page).textContent(), "Added to cart", "the vase's answer is not shown as the fan's");
});

test("an answer for the pinned product does not show on the product pinned after it", async () => {
  const page = await livePlayer(s);
  await seek(page, 0.5);
  await page.evaluate(() => {
    window.answers = [];
    window.respond = () => new Promise((resolve) => window.answers.push({ resolve }));
    window.player.pinProduct("tea-03");
  });
  const pinned = part(page, "pinned");
  await pinned.locator('[part~="add-to-cart"]').click();
  await page.waitForFunction(() => window.answers.length === 1);
  await page.evaluate(() => window.player.pinProduct("vase-01")); // the host presents the next product
  assert.ok((await pinned.textContent()).includes("Cloisonne vase"));
  assert.deepEqual(await pending(pinned.locator('[part~="add-to-cart"]')), { busy: null, disabled: false },
    "the newly pinned product's button is not pending");
  await page.evaluate(() => window.answers[0].resolve({ ok: true }));
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
  assert.notEqual(await pinned.locator('[part~="card-status"]').textContent(), "Added to cart",
    "the tea set's answer is not shown under the vase");
});
