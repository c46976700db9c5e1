// What listeners receive and what the default action opens (CONTRACT.md sections 2 and 3):
// every event's `detail` is deeply frozen (one listener cannot change it for the next); the
// intent's default action opens the product's URL as it was when the event was dispatched, even
// if a listener changed the product meanwhile; a URL carrying a user name or password
// (`https://shop.example@evil.example/`) is refused by validation and never opened.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { session } from "./harness.mjs";
import { openPlayer, mount, seek, hotspots } from "./element-helpers.mjs";

const PLAYER = { src: "/media/crafts.webm", muted: true, playsinline: true, preload: "auto", locale: "en-US" };
const CSS = "#player { width: 640px; height: 360px; }";

let s;
before(async () => { s = await session(); });
after(async () => { await s?.close(); });

/** The test player with `timeline` (attribute URL or object), paused at 4 s; new tabs are collected. */
async function player(timeline) {
  const page = await openPlayer(s);
  page.popups = [];
  page.context().on("page", (popup) => page.popups.push(popup));
  await mount(page, typeof timeline === "string" ? { attributes: { ...PLAYER, timeline }, css: CSS } : { attributes: PLAYER, timeline, css: CSS });
  await seek(page, 4.0);
  return page;
}

async function clickHotspot(page, id) {
  const button = (await hotspots(page)).find((b) => b.id === id);
  assert.ok(button, `hotspot ${id} is shown`);
  await page.mouse.click(button.cx, button.cy);
  await page.waitForFunction(() => !window.player.shadowRoot.querySelector('[part~="card"]').hidden);
}

async function clickCard(page, part) {
  const box = await page.evaluate((part) => {
    const rect = window.player.shadowRoot.querySelector(`[part~="card"] [part~="${part}"]`).getBoundingClientRect();
    return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
  }, part);
  await page.mouse.click(box.x, box.y);
}

test("every event's detail is deeply frozen: a listener's changes throw in strict mode, do nothing otherwise, and the next listener sees the original", async () => {
  const page = await player("/test/shop.timeline.json");
  await page.evaluate(() => {
    const player = window.player;
    window.tampering = [];
    window.seenNext = [];
    /** Every object in `value` frozen? */
    const deeplyFrozen = (value) => value === null || typeof value !== "object"
      || (Object.isFrozen(value) && Object.values(value).every(deeplyFrozen));
    for (const type of ["shoppable-select", "shoppable-intent", "shoppable-hotspot-show", "shoppable-hotspot-hide", "shoppable-ready", "shoppable-error"]) {
      // The first listener tries to change the detail, in strict mode and in sloppy mode.
      player.addEventListener(type, (event) => {
        "use strict";
        const detail = event.detail;
        const attempts = {};
        const tryStrict = (name, change) => {
          try { change(); attempts[name] = "changed"; } catch (error) { attempts[name] = error instanceof TypeError ? "TypeError" : String(error); }
        };
        tryStrict("add a field", () => { detail.injected = true; });
        if ("quantity" in detail) tryStrict("quantity", () => { detail.quantity = 99; });
        if (detail.items) {
          tryStrict("items[0].price", () => { detail.items[0].price = 0; });
          tryStrict("items.push", () => { detail.items.push({ item_id: "free" }); });
        }
        if (detail.position) tryStrict("position.x", () => { detail.position.x = 0; });
        if (detail.errors) tryStrict("errors.push", () => { detail.errors.push({ path: "", message: "" }); });
        window.tampering.push({ type, deeplyFrozen: deeplyFrozen(detail), attempts });
      });
      player.addEventListener(type, new Function("event", "event.detail.quantity = 42; if (event.detail.items) event.detail.items[0].price = -1;"));
      // The next listener sees what was dispatched.
      player.addEventListener(type, (event) => {
        const { respondWith, ...detail } = event.detail;
        window.seenNext.push({ type, detail: structuredClone(detail) });
        if (type === "shoppable-intent") event.preventDefault();
      });
    }
  });
  await clickHotspot(page, "h-vase");
  await clickCard(page, "buy");
  await page.waitForFunction(() => window.seenNext.some((e) => e.type === "shoppable-intent"));
  // A run-time refusal and a new timeline: shoppable-error and shoppable-ready details too.
  await page.evaluate(async () => {
    try { window.player.addHotspots([{ id: "bad", product: "nope", start: 0, end: 1, x: 0, y: 0 }]); } catch { /* expected */ }
    window.player.timeline = window.player.timeline;
    await new Promise((resolve) => setTimeout(resolve));
  });
  await seek(page, 0.5); // hides both hotspots
  const { tampering, seenNext } = await page.evaluate(() => ({ tampering: window.tampering, seenNext: window.seenNext }));
  const types = new Set(tampering.map((t) => t.type));
  for (const type of ["shoppable-select", "shoppable-intent", "shoppable-hotspot-hide", "shoppable-ready", "shoppable-error"]) {
    assert.ok(types.has(type), `saw a ${type}`);
  }
  for (const { type, deeplyFrozen, attempts } of tampering) {
    assert.equal(deeplyFrozen, true, `${type}: detail deeply frozen`);
    for (const [name, outcome] of Object.entries(attempts)) assert.equal(outcome, "TypeError", `${type}: ${name} in strict mode`);
  }
  const intent = seenNext.find((e) => e.type === "shoppable-intent").detail;
  assert.equal(intent.quantity, 1, "the next listener sees quantity 1");
  assert.equal(intent.items.length, 1);
  assert.equal(intent.items[0].price, 1280, "the next listener sees the price");
  assert.equal(intent.injected, undefined);
  assert.ok(intent.position.x > 0.4 && intent.position.x < 0.45, JSON.stringify(intent.position));
  for (const { type, detail } of seenNext) {
    assert.equal(detail.injected, undefined, `${type}: no field added`);
    if (type !== "shoppable-intent") assert.equal(detail.quantity, undefined, `${type}: no quantity added (sloppy mode)`);
  }
  const error = seenNext.find((e) => e.type === "shoppable-error").detail;
  assert.equal(error.errors.length, 1, JSON.stringify(error.errors));
  assert.deepEqual(page.errors, []);
});

test("the default action opens the product URL as dispatched, though a listener replaced the product's url before it ran", async () => {
  const page = await player("/test/shop.timeline.json");
  await page.evaluate(() => {
    const player = window.player;
    window.upserted = 0;
    player.addEventListener("shoppable-intent", () => {
      // A listener changes the product's url while the intent is dispatched (no preventDefault).
      const vase = player.timeline.products.find((p) => p.id === "vase-01");
      player.upsertProducts([{ ...vase, url: "product.html?id=changed-by-listener" }]);
      window.upserted += 1;
    });
  });
  await clickHotspot(page, "h-vase");
  const opened = page.context().waitForEvent("page");
  await clickCard(page, "buy");
  const popup = await opened;
  await popup.waitForLoadState("load");
  assert.equal(popup.url(), `${s.base}/test/product.html?id=vase-01`, "the URL the intent described");
  assert.equal(await page.evaluate(() => window.upserted), 1);
  assert.equal(await page.evaluate(() => window.player.timeline.products[0].url), "product.html?id=changed-by-listener",
    "the listener's change did take effect");
  // The next intent describes the product as it is now, and opens its new URL.
  const next = page.context().waitForEvent("page");
  await clickCard(page, "add-to-cart");
  const second = await next;
  await second.waitForLoadState("load");
  assert.equal(second.url(), `${s.base}/test/product.html?id=changed-by-listener`);
  assert.equal(page.popups.length, 2, page.popups.map((p) => p.url()).join(", "));
  assert.deepEqual(page.errors, []);
});

const CREDENTIAL_URLS = [
  "https://shop.example@evil.example/",
  "https://user:secret@shop.example/vase",
  "https://:secret@shop.example/vase",
];

test("a product url with a user name or password is never opened: refused by validation, or not followed", async () => {
  const urls = CREDENTIAL_URLS.concat([`${s.base.replace("//", "//viewer:pw@")}/test/product.html?id=credentials`]);
  for (const url of urls) {
    const page = await player("/test/shop.timeline.json");
    const outcome = await page.evaluate(async (url) => {
      const timeline = window.player.timeline;
      timeline.products[0].url = url;
      const from = window.events.length;
      window.player.timeline = timeline;
      await new Promise((resolve) => setTimeout(resolve));
      return window.events.slice(from).filter((e) => e.type === "shoppable-ready" || e.type === "shoppable-error");
    }, url);
    assert.equal(outcome.length, 1, JSON.stringify(outcome));
    if (outcome[0].type === "shoppable-error") {
      assert.equal(outcome[0].detail.code, "invalid-timeline", url);
      await page.close();
      continue;
    }
    // Accepted (by a validation without the rule): buying must still open nothing. Nobody
    // prevents the default action here.
    await seek(page, 4.0);
    await clickHotspot(page, "h-vase");
    await clickCard(page, "buy");
    await page.waitForFunction(() => window.events.some((e) => e.type === "shoppable-intent"));
    // Then a product with a plain URL, bought with the other button: its tab opens, and it is
    // the only one (tabs open in order, so one for the first intent would be there already).
    await page.evaluate(() => window.player.upsertProducts([{ ...window.player.timeline.products[0], url: "product.html?id=control" }]));
    const control = page.context().waitForEvent("page");
    await clickCard(page, "add-to-cart");
    await (await control).waitForLoadState("load");
    assert.deepEqual(page.popups.map((p) => p.url()), [`${s.base}/test/product.html?id=control`], `${url}: only the control's tab opened`);
    assert.deepEqual(page.errors, []);
    await page.close();
  }
});

test("validation refuses a url or image with a user name or password, in a timeline and in upsertProducts, at its path", async () => {
  const page = await player("/test/shop.timeline.json");
  const outcomes = await page.evaluate(async (urls) => {
    const player = window.player;
    const base = player.timeline;
    const results = [];
    for (const url of urls) {
      for (const field of ["url", "image"]) {
        const timeline = structuredClone(base);
        timeline.products[1][field] = url;
        const from = window.events.length;
        player.timeline = timeline;
        await new Promise((resolve) => setTimeout(resolve));
        const events = window.events.slice(from);
        let upsert = null;
        try { player.upsertProducts([{ id: "new", title: "New", price: 1, [field]: url }]); } catch (error) { upsert = error.errors?.map((e) => e.path) ?? String(error); }
        // The refused call's own shoppable-error comes after it returned: let it pass.
        await new Promise((resolve) => setTimeout(resolve));
        results.push({ url, field, events: events.map((e) => [e.type, e.detail.code, (e.detail.errors || []).map((p) => p.path)]), upsert });
      }
    }
    return { results, products: player.timeline.products.map((p) => p.id) };
  }, CREDENTIAL_URLS);
  for (const { url, field, events, upsert } of outcomes.results) {
    assert.deepEqual(events.map((e) => e[0]), ["shoppable-error"], `${field} ${url}: refused`);
    assert.equal(events[0][1], "invalid-timeline");
    assert.ok(events[0][2].includes(`products[1].${field}`), `${field} ${url}: error at products[1].${field}: ${events[0][2]}`);
    assert.deepEqual(upsert, [`[0].${field}`], `upsertProducts with ${field} ${url}: a TypeError at [0].${field}`);
  }
  assert.deepEqual(outcomes.products, ["vase-01", "fan-02"], "nothing was added");
  assert.deepEqual(page.errors, []);
});
