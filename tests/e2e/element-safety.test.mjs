// Keyboard, accessibility and safety: hotspots are real buttons reachable with Tab, named with
// the product and its price; Enter opens the card with focus inside, Esc closes it and gives
// focus back. Product text holding markup is shown as text and runs nothing; javascript: URLs
// are refused; a host listener that throws breaks neither other listeners nor the player.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { session } from "./harness.mjs";
import { openPlayer, mount, seek, hotspots, frames, eventsOf, readJson, unexpectedErrors } from "./element-helpers.mjs";

const shop = readJson("test/shop.timeline.json");
const PLAYER = { src: "/media/crafts.webm", muted: true, playsinline: true, preload: "auto", locale: "en-US" };
const CSS = "#player { width: 640px; height: 360px; }";

let s;
before(async () => { s = await session(); });
after(async () => { await s?.close(); });

const focused = (page) => page.evaluate(() => {
  const active = window.player.shadowRoot.activeElement;
  if (!active) return { host: document.activeElement === window.player, part: null };
  return {
    host: document.activeElement === window.player,
    tag: active.tagName,
    part: active.getAttribute("part"),
    hotspotId: active.dataset.hotspotId ?? null,
    inCard: !!active.closest('[part~="card"]'),
    label: active.getAttribute("aria-label"),
  };
});

test("keyboard: Tab reaches the hotspot buttons, Enter opens the card with focus in it, Esc closes it and focus returns", async () => {
  const page = await openPlayer(s);
  await mount(page, { attributes: { ...PLAYER, timeline: "/test/shop.timeline.json" }, css: CSS });
  await seek(page, 4.0);
  const eur = await page.evaluate(() => new Intl.NumberFormat("en-US", { style: "currency", currency: "EUR" }).format(168.5));
  const cny = await page.evaluate(() => new Intl.NumberFormat("en-US", { style: "currency", currency: "CNY" }).format(1280));
  const names = { "h-vase": ["Cloisonne vase", cny], "h-fan": ["Silk folding fan", eur] };

  // Every shown hotspot: a real <button>, named with the product and its price, a 44 px target.
  const shown = await hotspots(page);
  assert.equal(shown.length, 2);
  for (const button of shown) {
    assert.equal(button.tag, "BUTTON");
    const [title, price] = names[button.id];
    assert.ok(button.label?.includes(title) && button.label.includes(price), `${button.id} aria-label ${JSON.stringify(button.label)} names ${title} and ${price}`);
    assert.ok(button.width >= 44 && button.height >= 44, `${button.id} tap target is ${button.width}x${button.height}`);
  }

  // Tab from the start of the page reaches a hotspot, then the other one.
  const reached = [];
  for (let i = 0; i < 10 && reached.length < 2; i += 1) {
    await page.keyboard.press("Tab");
    const now = await focused(page);
    if (now.part?.split(/\s+/).includes("hotspot")) reached.push(now);
  }
  assert.equal(reached.length, 2, "Tab reached both hotspots");
  assert.deepEqual(reached.map((f) => f.hotspotId).sort(), ["h-fan", "h-vase"]);
  for (const f of reached) {
    assert.equal(f.tag, "BUTTON");
    assert.equal(f.host, true, "document.activeElement is the player");
  }
  const opener = reached[1];

  // Enter opens its card; focus moves into the card.
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => !window.player.shadowRoot.querySelector('[part~="card"]').hidden);
  const [select] = await eventsOf(page, "shoppable-select");
  assert.equal(select.hotspotId, opener.hotspotId);
  const inCard = await focused(page);
  assert.equal(inCard.inCard, true, `focus is in the card (on ${inCard.tag} part=${inCard.part})`);
  const title = await page.evaluate(() => window.player.shadowRoot.querySelector('[part~="card-title"]').textContent);
  assert.equal(title, names[opener.hotspotId][0]);

  // Esc closes it; focus returns to the hotspot that opened it.
  await page.keyboard.press("Escape");
  await page.waitForFunction(() => window.player.shadowRoot.querySelector('[part~="card"]').hidden);
  const back = await focused(page);
  assert.equal(back.hotspotId, opener.hotspotId, `focus returned to ${opener.hotspotId}, it is on ${back.tag} part=${back.part} ${back.hotspotId}`);
  assert.equal(back.host, true);
  assert.deepEqual(page.errors, []);
});

test("product text holding markup is shown as text and runs nothing", async () => {
  const page = await openPlayer(s);
  const raw = '<img src=x onerror="window.__pwned=1"><b>Vase</b>';
  const description = '<img src=x onerror="window.__pwned=2"><script>window.__pwned=3</script>';
  const label = '<b onmouseover="window.__pwned=4">Tag</b>';
  const timeline = {
    version: 1,
    currency: "EUR",
    products: [{ id: "evil", title: raw, price: 10, description }],
    hotspots: [{ id: "h-evil", product: "evil", start: 1, end: 11, x: 0.4, y: 0.4, label }],
  };
  await mount(page, { attributes: PLAYER, timeline, css: CSS });
  await seek(page, 4.0);
  const [button] = await hotspots(page);
  assert.equal(button.id, "h-evil");
  const price = await page.evaluate(() => new Intl.NumberFormat("en-US", { style: "currency", currency: "EUR" }).format(10));
  // The name begins with the visible tag, then the title, each as the raw text.
  assert.ok(button.label.startsWith(`${label}, ${raw}`), `aria-label ${JSON.stringify(button.label)} starts with the raw tag and title`);
  assert.ok(button.label.includes(price), `aria-label names the price ${price}`);
  await page.mouse.click(button.cx, button.cy);
  await page.waitForFunction(() => !window.player.shadowRoot.querySelector('[part~="card"]').hidden);

  const seen = await page.evaluate(() => {
    const root = window.player.shadowRoot;
    const text = (selector) => root.querySelector(selector)?.textContent ?? null;
    return {
      cardTitle: text('[part~="card-title"]'),
      description: text('[part~="card-description"]'),
      tag: root.querySelector('[part~="hotspot"] .tag, [part~="hotspot"] [aria-hidden]:last-child')?.textContent ?? null,
      railTitles: [...root.querySelectorAll('[part~="rail-item"]')].map((item) => item.textContent),
      // Elements markup would have created: any <b> or <script>, any <img> but the card's own image.
      injected: [...root.querySelectorAll("b, script, img:not([part~='card-image'])")].map((e) => e.outerHTML)
        .concat([...document.querySelectorAll("b, img, #stage script")].map((e) => e.outerHTML)),
    };
  });
  assert.equal(seen.cardTitle, raw, "card title textContent is the raw string");
  assert.equal(seen.description, description, "description textContent is the raw string");
  assert.equal(seen.tag, label, "the hotspot's label is text");
  assert.ok(seen.railTitles.every((t) => t.includes(raw)), `rail items show the raw title: ${JSON.stringify(seen.railTitles)}`);
  assert.deepEqual(seen.injected, []);

  // Give an injected <img src=x> every chance to fail and run its handler: a probe image with
  // the same src fails first (its 404 is expected in the page's errors).
  await page.evaluate(() => new Promise((resolve) => {
    const probe = new Image();
    probe.onerror = probe.onload = () => resolve();
    probe.src = "x";
  }));
  await frames(page, 2);
  assert.equal(await page.evaluate(() => window.__pwned), undefined, "no markup ran");
  assert.deepEqual(unexpectedErrors(page, /Failed to load resource.*404/), []);
});

test("a javascript: product url or image is refused by validation", async () => {
  const page = await openPlayer(s);
  await mount(page, { attributes: { ...PLAYER, timeline: "/test/shop.timeline.json" }, css: CSS });
  await seek(page, 4.0);
  const before = await page.evaluate(() => ({ active: window.player.activeHotspots, timeline: JSON.stringify(window.player.timeline) }));
  for (const [field, value] of [["url", "javascript:alert(1)"], ["image", "javascript:window.__pwned=1"], ["url", " JaVaScRiPt:alert(1)"]]) {
    const result = await page.evaluate(async ({ field, value }) => {
      const player = window.player;
      const bad = structuredClone(player.timeline);
      bad.products[0][field] = value;
      const errors = [];
      const listener = (event) => errors.push(event.detail);
      player.addEventListener("shoppable-error", listener);
      let thrown = null;
      try { player.timeline = bad; } catch (error) { thrown = String(error); }
      // The shoppable-error comes after the setter returned.
      await new Promise((resolve) => setTimeout(resolve));
      player.removeEventListener("shoppable-error", listener);
      return { errors, thrown, active: player.activeHotspots, timeline: JSON.stringify(player.timeline) };
    }, { field, value });
    assert.equal(result.thrown, null, "setting the timeline does not throw");
    assert.equal(result.errors.length, 1, `one shoppable-error for ${field}=${value}`);
    assert.equal(result.errors[0].code, "invalid-timeline");
    assert.ok(result.errors[0].errors.some((e) => e.path === `products[0].${field}`),
      `an error at products[0].${field}: ${JSON.stringify(result.errors[0].errors)}`);
    assert.deepEqual(result.active, before.active, "the previous timeline stays active");
    assert.equal(result.timeline, before.timeline, "the timeline getter is unchanged");
  }
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(page.errors, []);
});

test("a host listener that throws does not stop other listeners or the player", async () => {
  const page = await openPlayer(s);
  await mount(page, { attributes: { ...PLAYER, timeline: "/test/shop.timeline.json" }, css: CSS });
  await page.evaluate(() => {
    const player = window.player;
    window.received = [];
    for (const type of ["shoppable-select", "shoppable-intent", "shoppable-hotspot-show", "shoppable-hotspot-hide"]) {
      // The throwing listener comes first, on the element itself.
      player.addEventListener(type, () => { throw new Error(`host listener boom: ${type}`); });
      player.addEventListener(type, (event) => {
        window.received.push({ type, detail: JSON.parse(JSON.stringify(event.detail)) });
        if (type === "shoppable-intent") event.preventDefault();
      });
    }
  });
  await seek(page, 4.0);
  const [vase] = (await hotspots(page)).filter((b) => b.id === "h-vase");
  await page.mouse.click(vase.cx, vase.cy);
  await page.waitForFunction(() => window.received.some((r) => r.type === "shoppable-select"));
  await page.waitForFunction(() => !window.player.shadowRoot.querySelector('[part~="card"]').hidden);
  const buy = await page.evaluate(() => {
    const rect = window.player.shadowRoot.querySelector('[part~="card"] [part~="buy"]').getBoundingClientRect();
    return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
  });
  await page.mouse.click(buy.x, buy.y);
  await page.waitForFunction(() => window.received.some((r) => r.type === "shoppable-intent"));
  const intent = await page.evaluate(() => window.received.find((r) => r.type === "shoppable-intent").detail);
  assert.equal(intent.productId, "vase-01");

  // The player goes on: back before the hotspots, play, and they show again (with their events).
  await seek(page, 0.5);
  assert.deepEqual(await page.evaluate(() => window.player.activeHotspots), []);
  await page.evaluate(() => { window.received = []; window.player.video.play(); });
  await page.waitForFunction(() => window.player.activeHotspots.length === 2, null, { timeout: 10_000 });
  await page.waitForFunction(() => window.player.video.currentTime > 1.5);
  assert.equal(await page.evaluate(() => window.player.video.paused), false, "still playing");
  assert.deepEqual((await hotspots(page)).map((b) => b.id).sort(), ["h-fan", "h-vase"]);
  const shows = await page.evaluate(() => window.received.filter((r) => r.type === "shoppable-hotspot-show").map((r) => r.detail.hotspotId));
  assert.deepEqual(shows.sort(), ["h-fan", "h-vase"]);
  await page.evaluate(() => window.player.video.pause());

  const thrown = page.errors.filter((e) => /host listener boom/.test(e));
  assert.ok(thrown.some((e) => e.includes("shoppable-select")) && thrown.some((e) => e.includes("shoppable-intent")),
    `the throwing listeners did run (their errors reach window.onerror): ${JSON.stringify(thrown)}`);
  assert.deepEqual(unexpectedErrors(page, /host listener boom/), []);
});
