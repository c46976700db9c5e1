// Errors: every kind of invalid timeline set through the `timeline` property yields one
// `shoppable-error` with code "invalid-timeline" and the right JSON path in detail.errors, throws
// nothing into the page, and leaves the previous timeline active (activeHotspots, the `timeline`
// getter and the shown buttons unchanged). A `timeline` attribute pointing to a 404, to a file
// that is not JSON, or to an invalid document yields an error too, and the previous one stays:
// `timeline-fetch` only when the document could not be loaded, `invalid-timeline` (with its
// errors) when it was loaded and is not JSON or not a valid timeline.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { session } from "./harness.mjs";
import { openPlayer, mount, seek, unexpectedErrors } from "./element-helpers.mjs";

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "invalid");
const PLAYER = { src: "/media/crafts.webm", muted: true, playsinline: true, preload: "auto" };
const CSS = "#player { width: 640px; height: 360px; }";

// A good timeline; each case below breaks one thing in a copy of it.
const GOOD = {
  version: 1,
  currency: "CNY",
  products: [
    { id: "vase-01", title: "Cloisonne vase", price: 1280, url: "https://shop.example/vase-01", image: "https://cdn.example/vase.jpg" },
    { id: "fan-02", title: "Silk fan", price: 168, currency: "EUR" },
  ],
  hotspots: [
    { id: "h1", product: "vase-01", start: 2, end: 6.5, x: 0.42, y: 0.61 },
    { id: "h2", product: "fan-02", start: 3, end: 8, easing: "linear",
      keyframes: [{ t: 3, x: 0.1, y: 0.5 }, { t: 8, x: 0.8, y: 0.4 }] },
  ],
};

// Values JSON cannot carry, put into the object in the page: "@NaN", "@Infinity", "@-Infinity", "@undefined".
const CATALOGUE = [
  ["version 2", "version", (t) => { t.version = 2; }],
  ["version missing", "version", (t) => { delete t.version; }],
  ["version a string", "version", (t) => { t.version = "1"; }],
  ["hotspot id missing", "hotspots[0].id", (t) => { delete t.hotspots[0].id; }],
  ["product id missing", "products[0].id", (t) => { delete t.products[0].id; }],
  ["hotspot id empty", "hotspots[1].id", (t) => { t.hotspots[1].id = ""; }],
  ["duplicate hotspot id", "hotspots[1].id", (t) => { t.hotspots[1].id = "h1"; }],
  ["duplicate product id", "products[1].id", (t) => { t.products[1].id = "vase-01"; t.hotspots[1].product = "vase-01"; }],
  ["unknown product", "hotspots[0].product", (t) => { t.hotspots[0].product = "nope"; }],
  ["negative start", "hotspots[0].start", (t) => { t.hotspots[0].start = -1; }],
  ["NaN start (JS object)", "hotspots[0].start", (t) => { t.hotspots[0].start = "@NaN"; }],
  ["Infinity end (JS object)", "hotspots[0].end", (t) => { t.hotspots[0].end = "@Infinity"; }],
  ["-Infinity x (JS object)", "hotspots[0].x", (t) => { t.hotspots[0].x = "@-Infinity"; }],
  ["NaN keyframe y (JS object)", "hotspots[1].keyframes[0].y", (t) => { t.hotspots[1].keyframes[0].y = "@NaN"; }],
  ["end equals start", "hotspots[0].end", (t) => { t.hotspots[0].end = 2; }],
  ["end before start", "hotspots[0].end", (t) => { t.hotspots[0].end = 1; }],
  ["x above 1", "hotspots[0].x", (t) => { t.hotspots[0].x = 1.5; }],
  ["y negative", "hotspots[0].y", (t) => { t.hotspots[0].y = -0.01; }],
  ["x undefined, y given (JS object)", "hotspots[0].x", (t) => { t.hotspots[0].x = "@undefined"; }],
  ["both x/y and keyframes", "hotspots[0]", (t) => { t.hotspots[0].keyframes = [{ t: 2, x: 0.1, y: 0.1 }]; }],
  ["neither x/y nor keyframes", "hotspots[0]", (t) => { delete t.hotspots[0].x; delete t.hotspots[0].y; }],
  ["keyframes out of order", "hotspots[1].keyframes[1].t", (t) => { t.hotspots[1].keyframes = [{ t: 5, x: 0.1, y: 0.1 }, { t: 4, x: 0.2, y: 0.2 }]; }],
  ["keyframe before start", "hotspots[1].keyframes[0].t", (t) => { t.hotspots[1].keyframes[0].t = 2.5; }],
  ["keyframe after end", "hotspots[1].keyframes[1].t", (t) => { t.hotspots[1].keyframes[1].t = 8.5; }],
  ["keyframe x out of range", "hotspots[1].keyframes[1].x", (t) => { t.hotspots[1].keyframes[1].x = 2; }],
  ["keyframes empty", "hotspots[1].keyframes", (t) => { t.hotspots[1].keyframes = []; }],
  ["negative price", "products[0].price", (t) => { t.products[0].price = -5; }],
  ["NaN price (JS object)", "products[0].price", (t) => { t.products[0].price = "@NaN"; }],
  ["negative originalPrice", "products[0].originalPrice", (t) => { t.products[0].originalPrice = -1; }],
  ["timeline currency lowercase", "currency", (t) => { t.currency = "cny"; }],
  ["product currency four letters", "products[1].currency", (t) => { t.products[1].currency = "EURO"; }],
  ["javascript: url", "products[0].url", (t) => { t.products[0].url = "javascript:alert(1)"; }],
  ["javascript: image", "products[0].image", (t) => { t.products[0].image = "javascript:alert(1)"; }],
  ["data: image", "products[0].image", (t) => { t.products[0].image = "data:image/png;base64,AAAA"; }],
  ["unknown easing", "hotspots[1].easing", (t) => { t.hotspots[1].easing = "bounce"; }],
  ["title over 2000 characters", "products[0].title", (t) => { t.products[0].title = "x".repeat(2001); }],
  ["label over 2000 characters", "hotspots[0].label", (t) => { t.hotspots[0].label = "\u00e9".repeat(2001); }],
  ["start a string", "hotspots[0].start", (t) => { t.hotspots[0].start = "2"; }],
  ["price a string", "products[0].price", (t) => { t.products[0].price = "1280"; }],
  ["available a string", "products[0].available", (t) => { t.products[0].available = "yes"; }],
  ["title an object", "products[0].title", (t) => { t.products[0].title = { en: "Vase" }; }],
  ["products not an array", "products", (t) => { t.products = { id: "vase-01" }; }],
  ["hotspots not an array", "hotspots", (t) => { t.hotspots = "h1"; }],
  ["hotspot not an object", "hotspots[0]", (t) => { t.hotspots[0] = ["h1"]; }],
  ["product not an object", "products[1]", (t) => { t.products[1] = "fan-02"; t.hotspots.pop(); }],
  ["over 10,000 products", "products", (t) => {
    t.products = Array.from({ length: 10_001 }, (_, i) => ({ id: `p${i}`, title: "P", price: 1 }));
    t.hotspots = [];
  }],
  ["not an object: an array", "", () => []],
  ["not an object: a number", "", () => 42],
  ["not an object: a boolean", "", () => true],
];

let s;
before(async () => { s = await session(); });
after(async () => { await s?.close(); });

/** The good timeline active, paused at 4 s (h1 and h2 shown). */
async function goodPlayer() {
  const page = await openPlayer(s);
  await mount(page, { attributes: PLAYER, timeline: GOOD, css: CSS });
  await seek(page, 4.0);
  assert.deepEqual(await page.evaluate(() => window.player.activeHotspots), ["h1", "h2"]);
  return page;
}

/**
 * Sets each of `docs` ([name, doc]) through the `timeline` property, in the page; for each, what
 * happened: the shoppable-error details, anything thrown, and whether the state changed.
 */
async function setEach(page, docs) {
  return page.evaluate(async (docs) => {
    const player = window.player;
    const special = { "@NaN": NaN, "@Infinity": Infinity, "@-Infinity": -Infinity, "@undefined": undefined };
    const revive = (value) => {
      if (typeof value === "string" && Object.hasOwn(special, value)) return special[value];
      if (Array.isArray(value)) return value.map(revive);
      if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]));
      return value;
    };
    const state = () => JSON.stringify({
      active: player.activeHotspots,
      timeline: player.timeline,
      buttons: [...player.shadowRoot.querySelectorAll('[part~="hotspot"]')].map((b) => [b.dataset.hotspotId, b.style.transform]),
    });
    const before = state();
    const outcomes = [];
    for (const [name, doc] of docs) {
      const errors = [];
      const ready = [];
      const onError = (event) => errors.push(JSON.parse(JSON.stringify(event.detail)));
      const onReady = (event) => ready.push(event.detail);
      player.addEventListener("shoppable-error", onError);
      player.addEventListener("shoppable-ready", onReady);
      let thrown = null;
      try { player.timeline = revive(doc); } catch (error) { thrown = String(error); }
      // Events caused by the host's call come after it returned: a task later, all are in.
      const duringCall = errors.length + ready.length;
      await new Promise((resolve) => setTimeout(resolve));
      player.removeEventListener("shoppable-error", onError);
      player.removeEventListener("shoppable-ready", onReady);
      outcomes.push({ name, errors, ready: ready.length, thrown, duringCall, unchanged: state() === before });
    }
    return outcomes;
  }, docs);
}

function checkOutcome(outcome, path, message) {
  const label = outcome.name;
  assert.equal(outcome.thrown, null, `${label}: setting the timeline threw ${outcome.thrown}`);
  assert.equal(outcome.duringCall, 0, `${label}: no event inside the setter`);
  assert.equal(outcome.errors.length, 1, `${label}: one shoppable-error (got ${outcome.errors.length})`);
  assert.equal(outcome.ready, 0, `${label}: no shoppable-ready`);
  const [detail] = outcome.errors;
  assert.equal(detail.code, "invalid-timeline", `${label}: code`);
  assert.ok(typeof detail.message === "string" && detail.message.length > 0, `${label}: a message`);
  assert.ok(Array.isArray(detail.errors) && detail.errors.length > 0, `${label}: errors listed`);
  for (const e of detail.errors) {
    assert.ok(typeof e.path === "string" && typeof e.message === "string" && e.message.length > 0, `${label}: ${JSON.stringify(e)}`);
  }
  const paths = detail.errors.map((e) => e.path);
  assert.ok(paths.includes(path), `${label}: expected an error at ${JSON.stringify(path)}, got ${JSON.stringify(detail.errors)}`);
  if (message) {
    const at = detail.errors.filter((e) => e.path === path);
    assert.ok(at.some((e) => e.message.includes(message)), `${label}: expected "${message}" at ${path}, got ${JSON.stringify(at)}`);
  }
  assert.equal(outcome.unchanged, true, `${label}: the previous timeline stays (activeHotspots, timeline getter and buttons unchanged)`);
}

test(`each of ${CATALOGUE.length} kinds of invalid timeline set as a property: shoppable-error with its path, the previous timeline stays`, async () => {
  const page = await goodPlayer();
  const docs = CATALOGUE.map(([name, , breakIt]) => {
    const copy = structuredClone(GOOD);
    const replaced = breakIt(copy);
    return [name, replaced === undefined ? copy : replaced];
  });
  const outcomes = await setEach(page, docs);
  for (const [i, [, path]] of CATALOGUE.entries()) checkOutcome(outcomes[i], path);
  // Still the good timeline, still working: a seek shows the right hotspots.
  await seek(page, 7.5);
  assert.deepEqual(await page.evaluate(() => window.player.activeHotspots), ["h2"]);
  assert.deepEqual(page.errors, []);
});

test("every invalid fixture of tests/fixtures/invalid, set as a property, is refused at its $expect path", async () => {
  const page = await goodPlayer();
  const files = readdirSync(FIXTURES).filter((name) => name.endsWith(".json")).sort();
  assert.ok(files.length >= 20, `${files.length} fixtures`);
  const docs = [];
  const expected = [];
  for (const name of files) {
    const doc = JSON.parse(readFileSync(join(FIXTURES, name), "utf8"));
    const expect = Array.isArray(doc) || doc === null || typeof doc !== "object" ? { path: "" } : doc.$expect;
    assert.ok(expect, `${name} has $expect`);
    docs.push([name, doc]);
    expected.push(expect);
  }
  const outcomes = await setEach(page, docs);
  for (const [i, outcome] of outcomes.entries()) checkOutcome(outcome, expected[i].path, expected[i].message);
  assert.deepEqual(page.errors, []);
});

test("a timeline attribute pointing to a 404, to a non-JSON file or to an invalid document: an error, the previous timeline stays", async () => {
  const page = await openPlayer(s);
  await mount(page, { attributes: { ...PLAYER, timeline: "/test/shop.timeline.json" }, css: CSS });
  await seek(page, 4.0);
  const state = () => page.evaluate(() => JSON.stringify({ active: window.player.activeHotspots, timeline: window.player.timeline }));
  const before = await state();
  assert.deepEqual(JSON.parse(before).active, ["h-vase", "h-fan"]);

  const load = (url) => page.evaluate((url) => new Promise((resolve, reject) => {
    const player = window.player;
    const timer = setTimeout(() => reject(new Error(`no shoppable-error or -ready for ${url}`)), 10_000);
    const done = (event) => {
      clearTimeout(timer);
      player.removeEventListener("shoppable-error", done);
      player.removeEventListener("shoppable-ready", done);
      resolve({ type: event.type, detail: JSON.parse(JSON.stringify(event.detail)) });
    };
    player.addEventListener("shoppable-error", done);
    player.addEventListener("shoppable-ready", done);
    try { player.setAttribute("timeline", url); } catch (error) { clearTimeout(timer); reject(error); }
  }), url);

  const missing = await load("/test/no-such.timeline.json");
  assert.equal(missing.type, "shoppable-error");
  assert.equal(missing.detail.code, "timeline-fetch");
  assert.ok(missing.detail.message.length > 0);
  assert.ok(Array.isArray(missing.detail.errors), "errors is an array (empty for a fetch failure)");
  assert.equal(await state(), before, "after a 404 the previous timeline stays");


  // Loaded but not JSON: invalid-timeline, with one error naming where the text stops being JSON.
  const broken = await load("/test/broken.timeline.json");
  assert.equal(broken.type, "shoppable-error");
  assert.equal(broken.detail.code, "invalid-timeline");
  assert.equal(broken.detail.errors.length, 1, JSON.stringify(broken.detail.errors));
  assert.deepEqual(Object.keys(broken.detail.errors[0]).sort(), ["message", "path"]);
  assert.equal(typeof broken.detail.errors[0].path, "string");
  assert.ok(broken.detail.errors[0].message.length > 0);
  assert.equal(await state(), before, "after a non-JSON file the previous timeline stays");

  const invalid = await load("/test/invalid.timeline.json");
  assert.equal(invalid.type, "shoppable-error");
  assert.equal(invalid.detail.code, "invalid-timeline");
  assert.ok(invalid.detail.errors.some((e) => e.path === "version"), JSON.stringify(invalid.detail.errors));
  assert.equal(await state(), before, "after an invalid document the previous timeline stays");

  // And a good one replaces it.
  const good = await load("/test/geometry.timeline.json");
  assert.equal(good.type, "shoppable-ready");
  assert.deepEqual(good.detail, { products: 1, hotspots: 9 });
  assert.equal((await page.evaluate(() => window.player.activeHotspots)).length, 9);
  // The one expected console error is the 404 itself.
  assert.deepEqual(unexpectedErrors(page, /Failed to load resource.*404/), []);
});

test("a string set as the timeline property is a URL, fetched like the attribute (a JSON text in a string is not a timeline)", async () => {
  const page = await goodPlayer();
  const before = await page.evaluate(() => JSON.stringify(window.player.timeline));
  const set = (value) => page.evaluate((value) => new Promise((resolve, reject) => {
    const player = window.player;
    const timer = setTimeout(() => reject(new Error("no shoppable-error or -ready")), 10_000);
    const done = (event) => {
      clearTimeout(timer);
      player.removeEventListener("shoppable-error", done);
      player.removeEventListener("shoppable-ready", done);
      resolve({ type: event.type, detail: JSON.parse(JSON.stringify(event.detail))});
    };
    player.addEventListener("shoppable-error", done);
    player.addEventListener("shoppable-ready", done);
    player.timeline = value;
  }), value);

  // The JSON text of a valid timeline, as a string: a (relative) URL that does not exist.
  const text = await set(JSON.stringify(GOOD));
  assert.equal(text.type, "shoppable-error");
  assert.equal(text.detail.code, "timeline-fetch");
  assert.equal(await page.evaluate(() => JSON.stringify(window.player.timeline)), before, "the previous timeline stays");

  const url = await set("/test/geometry.timeline.json");
  assert.equal(url.type, "shoppable-ready");
  assert.deepEqual(url.detail, { products: 1, hotspots: 9 });
  assert.deepEqual(unexpectedErrors(page, /Failed to load resource.*404/), []);
});
