// Memory follows what is live, not what ever was (CONTRACT.md section 2): a live show that adds
// and removes hotspots for hours uses no more memory than its current hotspots and products need;
// and a change of one product touches only what shows that product (issue 11: the rail was
// rebuilt whole on every upsertProducts, 88 ms with 5,000 products).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { session } from "./harness.mjs";
import { readJson, seek } from "./element-helpers.mjs";

const CRAFTS = readJson("media/crafts.timeline.json");
const PAIRS = 100_000;
const WARM_UP = 2_000;
const PER_TASK = 1_000; // a live show's calls come over time, not in one task
// Wasm memory may grow this much from after the warm-up to the end (it grew by about 210 B per
// hotspot ever added, 21 MB for 100,000, when the stage kept a slot for each).
const MAX_CHURN_GROWTH = 2 * 1024 * 1024;
const PRODUCTS = 5_000;
// upsertProducts of one product may touch this many nodes of the shadow tree (its rail item's
// texts, its hotspots' labels); rebuilding the rail touches tens of thousands.
const MAX_NODES_TOUCHED = 20;

let s;
before(async () => { s = await session(); });
after(async () => { await s?.close(); });

/** The lifetime test page with one player (timeline set as an object), paused at `time`. */
async function playerWith(timeline, time, attributes = {}) {
  const page = await s.page("/test/lifetime.html", { waitForElement: false });
  await page.waitForFunction(() => window.testReady === true);
  await page.evaluate(({ timeline, attributes }) => {
    const player = document.createElement("shoppable-video");
    player.id = "player";
    const all = { src: "/media/crafts.webm", muted: "", playsinline: "", preload: "auto", locale: "en-US", ...attributes };
    for (const [name, value] of Object.entries(all)) player.setAttribute(name, value);
    window.events = [];
    for (const type of ["shoppable-ready", "shoppable-error"]) {
      player.addEventListener(type, (event) => window.events.push({ type, detail: event.detail }));
    }
    player.timeline = timeline;
    document.getElementById("stage").append(player);
    window.player = player;
  }, { timeline, attributes });
  await page.waitForFunction(() => window.player.video.readyState >= 2 && window.events.length > 0, null, { timeout: 15_000 });
  assert.equal(await page.evaluate(() => window.events[0].type), "shoppable-ready");
  await seek(page, time);
  return page;
}

test(`${PAIRS.toLocaleString("en")} addHotspots/removeHotspots pairs (one live at a time) keep the Wasm memory within ${MAX_CHURN_GROWTH / 1048576} MiB of where it was after a warm-up`, async () => {
  const page = await playerWith(CRAFTS, 4.0);
  const churn = (from, count) => page.evaluate(async ({ from, count, perTask }) => {
    const player = window.player;
    window.churn ||= { shows: 0, hides: 0 };
    if (!window.churn.listening) {
      window.churn.listening = true;
      player.addEventListener("shoppable-hotspot-show", (event) => { if (event.detail.hotspotId.startsWith("live-")) window.churn.shows += 1; });
      player.addEventListener("shoppable-hotspot-hide", (event) => { if (event.detail.hotspotId.startsWith("live-")) window.churn.hides += 1; });
    }
    let visibleAfterAdd = 0;
    for (let i = from; i < from + count; i += 1) {
      const id = `live-${i}`;
      // Visible now (the video is paused at 4 s): each one is shown, then hidden.
      player.addHotspots([{ id, product: "tea-03", start: 0, end: 12, x: (i % 100) / 100, y: 0.5, label: `Live ${i}` }]);
      if (player.activeHotspots.includes(id)) visibleAfterAdd += 1;
      player.removeHotspots([id]);
      if ((i + 1) % perTask === 0) await window.tasks(1);
    }
    await window.tasks(1);
    return { visibleAfterAdd, ...window.churn, active: player.activeHotspots, wasm: window.wasmBytes() };
  }, { from, count, perTask: PER_TASK });

  const startBytes = await page.evaluate(() => window.wasmBytes());
  const warm = await churn(0, WARM_UP);
  const started = Date.now();
  const end = await churn(WARM_UP, PAIRS);
  console.log(`Wasm memory: ${startBytes} B before, ${warm.wasm} B after ${WARM_UP} warm-up pairs, ${end.wasm} B after ${PAIRS} more `
    + `(+${end.wasm - warm.wasm} B, bound +${MAX_CHURN_GROWTH} B); ${Date.now() - started} ms`);

  assert.equal(end.visibleAfterAdd, PAIRS, "each added hotspot was visible at once");
  assert.equal(end.shows, WARM_UP + PAIRS, "one show event per hotspot added");
  assert.equal(end.hides, WARM_UP + PAIRS, "one hide event per hotspot removed");
  assert.deepEqual(end.active, ["vase-still", "fan"], "the timeline's own hotspots are still shown");
  assert.ok(end.wasm - warm.wasm <= MAX_CHURN_GROWTH,
    `Wasm memory grew by ${end.wasm - warm.wasm} B over ${PAIRS} pairs (bound ${MAX_CHURN_GROWTH} B)`);
  // Still working: a hotspot added now shows, with its button.
  const last = await page.evaluate(async () => {
    window.player.addHotspots([{ id: "after-churn", product: "fan-02", start: 0, end: 12, x: 0.5, y: 0.5 }]);
    return [...window.player.shadowRoot.querySelectorAll('[part~="hotspot"]')].filter((b) => !b.closest("[hidden]")).map((b) => b.dataset.hotspotId).sort();
  });
  assert.deepEqual(last, ["after-churn", "fan", "vase-still"]);
  assert.deepEqual(page.errors, []);
});

test(`upsertProducts of one product in a ${PRODUCTS.toLocaleString("en")}-product timeline touches at most ${MAX_NODES_TOUCHED} nodes of the shadow tree`, async () => {
  const products = Array.from({ length: PRODUCTS }, (_, i) => ({
    id: `p${i}`, title: `Product ${i}`, price: 10 + i, url: `https://shop.example/p${i}`,
  }));
  const timeline = {
    version: 1,
    currency: "EUR",
    products,
    hotspots: [
      { id: "h-changed", product: "p2500", start: 0, end: 12, x: 0.3, y: 0.3 },
      { id: "h-other", product: "p7", start: 0, end: 12, x: 0.6, y: 0.6 },
    ],
  };
  const page = await playerWith(timeline, 4.0, { rail: "open" });
  const outcome = await page.evaluate(async () => {
    const player = window.player;
    const root = player.shadowRoot;
    const railItems = root.querySelectorAll('[part~="rail-item"]').length;
    const touched = new Set();
    let records = 0;
    const observer = new MutationObserver((list) => {
      for (const record of list) {
        records += 1;
        touched.add(record.target);
        for (const node of record.addedNodes) touched.add(node);
        for (const node of record.removedNodes) touched.add(node);
      }
    });
    observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    const product = player.timeline.products.find((p) => p.id === "p2500");
    player.upsertProducts([{ ...product, title: "Renamed product", price: 99 }]);
    await window.tasks(2);
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const more = observer.takeRecords();
    records += more.length;
    for (const record of more) touched.add(record.target);
    observer.disconnect();
    const item = root.querySelector('[part~="rail-item"][data-product-id="p2500"]');
    const spot = root.querySelector('[part~="hotspot"][data-hotspot-id="h-changed"]');
    return {
      railItems,
      records,
      touched: touched.size,
      item: item?.textContent,
      label: spot?.getAttribute("aria-label"),
      railAfter: root.querySelectorAll('[part~="rail-item"]').length,
    };
  });
  const price = await page.evaluate(() => new Intl.NumberFormat("en-US", { style: "currency", currency: "EUR" }).format(99));
  console.log(`upsertProducts of 1 of ${PRODUCTS}: ${outcome.records} mutation records, ${outcome.touched} nodes touched (bound ${MAX_NODES_TOUCHED})`);
  assert.equal(outcome.railItems, PRODUCTS, "the rail lists every product");
  assert.equal(outcome.railAfter, PRODUCTS);
  assert.ok(outcome.item.includes("Renamed product") && outcome.item.includes(price), `the rail item shows the change: ${outcome.item}`);
  assert.ok(outcome.label.includes("Renamed product") && outcome.label.includes(price), `the hotspot's label shows the change: ${outcome.label}`);
  assert.ok(outcome.touched <= MAX_NODES_TOUCHED, `${outcome.touched} nodes touched (${outcome.records} records) for one product`);
  assert.deepEqual(page.errors, []);
});
