// Live commerce, run-time changes (CONTRACT.md section 2, "Properties and methods"):
// addHotspots, removeHotspots, upsertProducts and pinProduct change what the viewer sees at
// once, also while the video is paused, and refuse bad input without changing anything.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { session } from "./harness.mjs";
import { CRAFTS, livePlayer, seek, shownButtons, eventsOf, part, price, tapHotspot } from "./live-helpers.mjs";

let s;
before(async () => { s = await session(); });
after(async () => { await s?.close(); });

test("addHotspots while paused shows a hotspot visible now at once, and a later one at its time", async () => {
  const page = await livePlayer(s);
  await seek(page, 1.0); // nothing of the demo timeline is visible before 2.0 s
  assert.deepEqual(await page.evaluate(() => window.player.activeHotspots), []);
  const now = await page.evaluate(async () => {
    window.player.addHotspots([
      { id: "live-now", product: "tea-03", start: 0.5, end: 4.0, x: 0.5, y: 0.5 },
      { id: "live-later", product: "fan-02", start: 10.0, end: 11.5, x: 0.2, y: 0.3, label: "Later" },
    ]);
    // Synchronously after the call: no frame, no play.
    const button = window.player.shadowRoot.querySelector('[part~="hotspot"][data-hotspot-id="live-now"]');
    const shows = () => window.events.filter((e) => e.type === "shoppable-hotspot-show").map((e) => e.detail.hotspotId);
    const during = shows();
    // The show event comes after the call returned (a microtask), before any frame.
    await new Promise((resolve) => setTimeout(resolve));
    return {
      active: window.player.activeHotspots,
      button: button && { hidden: button.hidden, product: button.dataset.productId, label: button.getAttribute("aria-label") },
      showsDuringCall: during,
      shows: shows(),
    };
  });
  assert.deepEqual(now.active, ["live-now"]);
  assert.equal(now.button?.hidden, false);
  assert.equal(now.button.product, "tea-03");
  assert.match(now.button.label, /Celadon tea set/);
  assert.deepEqual(now.showsDuringCall, [], "no event inside the host's call");
  assert.deepEqual(now.shows, ["live-now"]);
  assert.deepEqual(await shownButtons(page), ["live-now"]);

  await seek(page, 10.5);
  assert.deepEqual(await page.evaluate(() => window.player.activeHotspots), ["tea", "live-later"]);
  assert.deepEqual(await shownButtons(page), ["live-later", "tea"]);
  // The timeline getter has them after the timeline's own, in the order added.
  const ids = await page.evaluate(() => window.player.timeline.hotspots.map((h) => h.id));
  assert.deepEqual(ids, [...CRAFTS.hotspots.map((h) => h.id), "live-now", "live-later"]);
  assert.deepEqual(page.errors, []);
});

test("addHotspots while playing shows the hotspot when playback reaches its start", async () => {
  const page = await livePlayer(s);
  await seek(page, 0);
  await page.evaluate(() => window.player.addHotspots([{ id: "live-soon", product: "vase-01", start: 0.6, end: 11, x: 0.3, y: 0.3 }]));
  assert.deepEqual(await page.evaluate(() => window.player.activeHotspots), []);
  await page.evaluate(() => window.player.video.play());
  await page.waitForFunction(() => window.player.activeHotspots.includes("live-soon"), null, { timeout: 10_000 });
  const show = (await eventsOf(page, "shoppable-hotspot-show")).find((d) => d.hotspotId === "live-soon");
  assert.ok(show.videoTime >= 0.6, `shown at ${show.videoTime}`);
  await page.evaluate(() => window.player.video.pause());
});

test("an invalid addHotspots list throws a TypeError naming every problem by path, emits shoppable-error, changes nothing", async () => {
  const page = await livePlayer(s);
  await seek(page, 4.0);
  const result = await page.evaluate(async () => {
    const before = { active: window.player.activeHotspots, timeline: JSON.stringify(window.player.timeline) };
    let error = null;
    try {
      window.player.addHotspots([
        { id: "ok-one", product: "tea-03", start: 3, end: 6, x: 0.5, y: 0.5 }, // valid, but the list is refused as a whole
        { id: "bad", product: "no-such-product", start: 5, end: 2, x: 1.5, y: 0.5 },
        { product: "tea-03", start: -1, end: 2, x: 0.1, y: 0.1 },
      ]);
    } catch (e) {
      error = { isTypeError: e instanceof TypeError, message: e.message, errors: e.errors };
    }
    // The shoppable-error comes after the call returned.
    await new Promise((resolve) => setTimeout(resolve));
    return {
      error,
      before,
      after: { active: window.player.activeHotspots, timeline: JSON.stringify(window.player.timeline) },
      refused: window.events.filter((e) => e.type === "shoppable-error").map((e) => e.detail),
      buttons: window.player.shadowRoot.querySelectorAll('[part~="hotspot"][data-hotspot-id="ok-one"]').length,
    };
  });
  assert.ok(result.error, "addHotspots did not throw");
  assert.equal(result.error.isTypeError, true);
  const paths = ["[1].product", "[1].end", "[1].x", "[2].id", "[2].start"];
  for (const path of paths) {
    assert.ok(result.error.message.includes(path), `the message names ${path}: ${result.error.message}`);
  }
  assert.ok(Array.isArray(result.error.errors), "error.errors is an array");
  const errorPaths = result.error.errors.map((e) => e.path);
  for (const path of paths) assert.ok(errorPaths.includes(path), `errors has ${path}: ${JSON.stringify(result.error.errors)}`);
  for (const e of result.error.errors) assert.equal(typeof e.message, "string");
  assert.equal(result.refused.length, 1);
  assert.equal(result.refused[0].code, "invalid-timeline");
  assert.deepEqual(result.refused[0].errors, result.error.errors);
  assert.deepEqual(result.after, result.before);
  assert.equal(result.buttons, 0);
  assert.deepEqual(result.after.active, ["vase-still", "fan"]);
  // Not a list at all is refused the same way.
  const notAList = await page.evaluate(() => {
    try { window.player.addHotspots({ id: "x" }); return null; } catch (e) { return { isTypeError: e instanceof TypeError, errors: e.errors }; }
  });
  assert.equal(notAList?.isTypeError, true);
  assert.ok(notAList.errors.length >= 1);
});

test("addHotspots refuses an id already in use, or used twice in the list", async () => {
  const page = await livePlayer(s);
  await seek(page, 4.0);
  const outcome = await page.evaluate(async () => {
    const attempt = (list) => {
      try { window.player.addHotspots(list); return null; } catch (e) { return { isTypeError: e instanceof TypeError, paths: e.errors.map((p) => p.path), message: e.message }; }
    };
    const before = JSON.stringify(window.player.timeline);
    const taken = attempt([{ id: "fan", product: "tea-03", start: 3, end: 6, x: 0.5, y: 0.5 }]);
    const twice = attempt([
      { id: "twin", product: "tea-03", start: 3, end: 6, x: 0.5, y: 0.5 },
      { id: "twin", product: "fan-02", start: 3, end: 6, x: 0.6, y: 0.5 },
    ]);
    // The shoppable-error events come after the calls returned.
    await new Promise((resolve) => setTimeout(resolve));
    return {
      taken,
      twice,
      unchanged: JSON.stringify(window.player.timeline) === before,
      active: window.player.activeHotspots,
      errorEvents: window.events.filter((e) => e.type === "shoppable-error").length,
    };
  });
  assert.equal(outcome.taken?.isTypeError, true, "an id of the timeline is refused");
  assert.deepEqual(outcome.taken.paths, ["[0].id"]);
  assert.equal(outcome.twice?.isTypeError, true, "an id used twice in the list is refused");
  assert.ok(outcome.twice.paths.includes("[1].id"), JSON.stringify(outcome.twice));
  assert.equal(outcome.unchanged, true);
  assert.deepEqual(outcome.active, ["vase-still", "fan"]);
  assert.equal(outcome.errorEvents, 2);
});

test("removeHotspots while paused hides at once (with a hide event) and ignores unknown ids", async () => {
  const page = await livePlayer(s);
  await seek(page, 4.0);
  assert.deepEqual(await page.evaluate(() => window.player.activeHotspots), ["vase-still", "fan"]);
  const result = await page.evaluate(async () => {
    window.player.removeHotspots(["fan", "no-such-hotspot"]);
    const active = window.player.activeHotspots;
    const buttons = [...window.player.shadowRoot.querySelectorAll('[part~="hotspot"]')].map((b) => b.dataset.hotspotId);
    // The hide event comes after the call returned (a microtask), before any frame.
    await new Promise((resolve) => setTimeout(resolve));
    return {
      active,
      buttons,
      hides: window.events.filter((e) => e.type === "shoppable-hotspot-hide").map((e) => e.detail),
      errors: window.events.filter((e) => e.type === "shoppable-error").length,
      timeline: window.player.timeline.hotspots.map((h) => h.id),
    };
  });
  assert.deepEqual(result.active, ["vase-still"]);
  assert.deepEqual(result.buttons, ["vase-still"]);
  assert.equal(result.hides.length, 1);
  assert.equal(result.hides[0].hotspotId, "fan");
  assert.equal(result.hides[0].productId, "fan-02");
  assert.equal(result.errors, 0);
  assert.deepEqual(result.timeline, ["vase-still", "vase-moving", "tea"]);
  // Removed for good: not back at a later time inside its old interval.
  await seek(page, 5.0);
  assert.deepEqual(await page.evaluate(() => window.player.activeHotspots), ["vase-still"]);
  // Unknown ids alone: nothing happens, nothing is thrown.
  await page.evaluate(() => window.player.removeHotspots(["nope"]));
  assert.deepEqual(await page.evaluate(() => window.player.activeHotspots), ["vase-still"]);
  assert.deepEqual(page.errors, []);
});

test("upsertProducts changes a visible hotspot's label, the open card and the rail at once, and adds new products to the rail", async () => {
  const page = await livePlayer(s);
  await seek(page, 4.0);
  await tapHotspot(page, "vase-still");
  await part(page, "card").waitFor({ state: "visible" });
  const [oldPrice, newPrice, lampPrice] = [await price(page, 1280), await price(page, 999), await price(page, 298)];
  assert.equal(await part(page, "card-price").textContent(), oldPrice);

  const after = await page.evaluate(() => {
    const vase = window.player.timeline.products.find((p) => p.id === "vase-01");
    window.player.upsertProducts([
      { ...vase, price: 999 },
      { id: "lamp-04", title: "Palace lantern", price: 298, url: "https://shop.example/products/lamp-04" },
    ]);
    const root = window.player.shadowRoot;
    return {
      label: root.querySelector('[part~="hotspot"][data-hotspot-id="vase-still"]').getAttribute("aria-label"),
      cardPrice: root.querySelector('[part~="card-price"]').textContent,
      cardOpen: !root.querySelector('[part~="card"]').hidden,
      rail: [...root.querySelectorAll('[part~="rail-item"]')].map((item) => ({ id: item.dataset.productId, text: item.textContent })),
    };
  });
  assert.ok(after.label.includes("Cloisonne vase") && after.label.includes(newPrice), `aria-label: ${after.label}`);
  assert.ok(!after.label.includes(oldPrice), `aria-label still has the old price: ${after.label}`);
  assert.equal(after.cardOpen, true);
  assert.equal(after.cardPrice, newPrice);
  assert.deepEqual(after.rail.map((item) => item.id), ["vase-01", "fan-02", "tea-03", "lamp-04"]);
  assert.ok(after.rail[0].text.includes(newPrice), `rail item: ${after.rail[0].text}`);
  assert.ok(after.rail[3].text.includes("Palace lantern") && after.rail[3].text.includes(lampPrice), `rail item: ${after.rail[3].text}`);
  // The new product can be used by hotspots from now on.
  await page.evaluate(() => window.player.addHotspots([{ id: "lamp", product: "lamp-04", start: 3, end: 6, x: 0.6, y: 0.6 }]));
  assert.deepEqual(await page.evaluate(() => window.player.activeHotspots), ["vase-still", "fan", "lamp"]);
  assert.deepEqual(page.errors, []);
});

test("pinProduct shows the pinned card, whose buttons emit intents with source pinned; null hides it", async () => {
  const page = await livePlayer(s);
  await seek(page, 4.0);
  const pinned = part(page, "pinned");
  assert.equal(await pinned.isVisible(), false, "nothing is pinned at first");
  await page.evaluate(() => window.player.pinProduct("tea-03"));
  await pinned.waitFor({ state: "visible" });
  const text = await pinned.textContent();
  assert.ok(text.includes("Celadon tea set"), text);
  assert.ok(text.includes(await price(page, 560)), text);

  await pinned.locator('[part~="buy"]').click();
  await pinned.locator('[part~="add-to-cart"]').click();
  await page.waitForFunction(() => window.events.filter((e) => e.type === "shoppable-intent").length === 2);
  const intents = await eventsOf(page, "shoppable-intent");
  assert.deepEqual(intents.map((i) => i.action), ["buy_now", "add_to_cart"]);
  for (const intent of intents) {
    assert.equal(intent.productId, "tea-03");
    assert.equal(intent.source, "pinned");
    assert.equal(intent.hotspotId, null);
    assert.equal(intent.position, null);
    assert.equal(intent.quantity, 1);
    assert.equal(intent.items[0].item_id, "tea-03");
    assert.ok(Math.abs(intent.videoTime - 4.0) < 0.05, `videoTime ${intent.videoTime}`);
  }
  assert.notEqual(intents[0].intentId, intents[1].intentId);

  // Pinning another product replaces it; the time does not matter (seek where nothing shows).
  await seek(page, 0.5);
  await page.evaluate(() => window.player.pinProduct("vase-01"));
  assert.ok((await pinned.textContent()).includes("Cloisonne vase"));
  assert.equal(await pinned.isVisible(), true);

  await page.evaluate(() => window.player.pinProduct(null));
  await pinned.waitFor({ state: "hidden" });
  assert.deepEqual(page.errors, []);
});

test("the pinned card's title opens the product card with source pinned", async () => {
  const page = await livePlayer(s);
  await seek(page, 0.5);
  await page.evaluate(() => window.player.pinProduct("fan-02"));
  await part(page, "pinned-title").click();
  await part(page, "card").waitFor({ state: "visible" });
  assert.equal(await part(page, "card-title").textContent(), "Silk folding fan");
  const selects = await eventsOf(page, "shoppable-select");
  assert.equal(selects.length, 1);
  assert.equal(selects[0].productId, "fan-02");
  assert.equal(selects[0].source, "pinned");
  assert.equal(selects[0].hotspotId, null);
  await part(page, "card").locator('[part~="add-to-cart"]').click();
  await page.waitForFunction(() => window.events.some((e) => e.type === "shoppable-intent"));
  const [intent] = await eventsOf(page, "shoppable-intent");
  assert.equal(intent.source, "pinned");
  assert.equal(intent.hotspotId, null);
  assert.equal(intent.position, null);
});

test("on a small player the pinned card is a chip beside the toggles, whose title opens the card; a low wide player has one row with its buttons; a tall one the whole card", async () => {
  const page = await livePlayer(s, { css: "shoppable-video { width: 360px; aspect-ratio: 16 / 9; }" });
  await seek(page, 0.5);
  await page.evaluate(() => window.player.pinProduct("fan-02"));
  const pinned = part(page, "pinned");
  await pinned.waitFor({ state: "visible" });
  const player = await page.locator("#player").boundingBox();
  const chip = await pinned.boundingBox();
  assert.ok(chip.height <= player.height * 0.25, `pinned ${chip.height} px high on a ${player.height} px player`);
  assert.ok(chip.x >= player.x && chip.x + chip.width <= player.x + player.width, "inside the player");
  for (const name of [".badge", '[part~="buy"]', '[part~="add-to-cart"]']) {
    assert.equal(await pinned.locator(name).isVisible(), false, `no ${name} in the chip`);
  }
  // The toggles share its row and none overlaps another.
  const boxes = [chip, await part(page, "rail-toggle").boundingBox(), await part(page, "fullscreen").boundingBox()];
  for (const [i, a] of boxes.entries()) {
    assert.ok(Math.abs(a.y - chip.y) < 1 || a.y >= chip.y, "in the top row");
    for (const b of boxes.slice(i + 1)) {
      assert.ok(a.x + a.width <= b.x || b.x + b.width <= a.x, `no overlap: ${JSON.stringify([a, b])}`);
    }
  }
  await part(page, "pinned-title").click();
  await part(page, "card").waitFor({ state: "visible" });
  await part(page, "card").locator('[part~="add-to-cart"]').click();
  await page.waitForFunction(() => window.events.some((e) => e.type === "shoppable-intent"));
  assert.equal((await eventsOf(page, "shoppable-intent"))[0].source, "pinned");
  await part(page, "close").click();
  await part(page, "rail-toggle").click();
  assert.equal(await part(page, "rail-toggle").getAttribute("aria-expanded"), "true");

  // A low but wide player: one row, its buttons in it (44 px targets), no badge.
  await page.evaluate(() => { document.getElementById("live-style").textContent = "shoppable-video { width: 720px; height: 330px; }"; });
  await pinned.locator('[part~="buy"]').waitFor({ state: "visible" });
  const row = await pinned.boundingBox();
  assert.equal(await pinned.locator(".badge").isVisible(), false);
  for (const name of ["pinned-title", "buy", "add-to-cart"]) {
    const box = await pinned.locator(`[part~="${name}"]`).boundingBox();
    assert.ok(box.y >= row.y && box.y + box.height <= row.y + row.height + 0.5, `${name} in the row`);
    assert.ok(box.height >= (name === "pinned-title" ? 24 : 44), `${name} is ${box.height} px high`);
  }
  // A large player has the whole card again (the layout follows the player's size).
  await page.evaluate(() => { document.getElementById("live-style").textContent = "shoppable-video { width: 800px; aspect-ratio: 4 / 3; }"; });
  await pinned.locator(".badge").waitFor({ state: "visible" });
  assert.deepEqual(page.errors, []);
});

test("an invalid upsertProducts list throws a TypeError with every problem's path and changes nothing", async () => {
  const page = await livePlayer(s);
  await seek(page, 4.0);
  const result = await page.evaluate(async () => {
    const before = JSON.stringify(window.player.timeline);
    let error = null;
    try {
      window.player.upsertProducts([
        { id: "vase-01", title: "Cloisonne vase", price: 1 }, // valid, but the list is refused as a whole
        { id: "", title: "Nameless", price: -5 },
        { id: "bad-currency", title: "Odd", price: 10, currency: "yuan", url: "javascript:alert(1)" },
      ]);
    } catch (e) {
      error = { isTypeError: e instanceof TypeError, message: e.message, paths: e.errors.map((p) => p.path) };
    }
    // The shoppable-error comes after the call returned.
    await new Promise((resolve) => setTimeout(resolve));
    return {
      error,
      unchanged: JSON.stringify(window.player.timeline) === before,
      refused: window.events.filter((e) => e.type === "shoppable-error").map((e) => e.detail.errors.map((p) => p.path)),
      label: window.player.shadowRoot.querySelector('[part~="hotspot"][data-hotspot-id="vase-still"]').getAttribute("aria-label"),
    };
  });
  assert.equal(result.error?.isTypeError, true);
  for (const path of ["[1].id", "[1].price", "[2].currency", "[2].url"]) {
    assert.ok(result.error.paths.includes(path), `errors has ${path}: ${JSON.stringify(result.error.paths)}`);
    assert.ok(result.error.message.includes(path), `message names ${path}: ${result.error.message}`);
  }
  assert.equal(result.unchanged, true);
  assert.deepEqual(result.refused, [result.error.paths]);
  assert.ok(result.label.includes(await price(page, 1280)), result.label);
});
