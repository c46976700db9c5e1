// Contrast, forced colours and an axe-core scan (issue 12): the demo pages (the video demo, the
// live demo and the phone demo), in every state of the element (hotspots, rail, pinned card,
// card, sold out, added to cart, and all of it in forced colours), have no WCAG 2.2 A/AA
// violation on the element's nodes; in forced colours every hotspot, button and focus ring
// is drawn in system colours; the default accent passes 4.5:1 on the card.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { serve, launch } from "./harness.mjs";
import { seek } from "./element-helpers.mjs";
import { SETUPS, STATES, layoutPage, enter, reachable } from "./layout-helpers.mjs";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"];

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** The violations axe finds on the element's nodes (its host and its shadow tree): ["rule: target"]. */
async function violations(page) {
  return page.evaluate(async (tags) => {
    const results = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    const player = document.getElementById("player");
    const inElement = (node) => {
      const first = Array.isArray(node.target[0]) ? node.target[0][0] : node.target[0];
      const element = document.querySelector(first);
      return element === player || player.contains(element);
    };
    return results.violations.flatMap((rule) => rule.nodes.filter(inElement)
      .map((node) => `${rule.id}: ${JSON.stringify(node.target)} ${node.failureSummary?.split("\n")[1] ?? ""}`));
  }, TAGS);
}

/** Steps through the states, scanning after each (cumulative, as a viewer would get there). */
async function scanStates(page) {
  const found = {};
  const scan = async (state) => {
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const list = await violations(page);
    if (list.length > 0) found[state] = list;
  };
  const act = (fn, arg) => page.evaluate(fn, arg);
  await scan("hotspots");
  await act(() => { window.player.setAttribute("rail", "open"); });
  await scan("rail");
  await act(() => { window.player.pinProduct(window.player.timeline.products[1].id); });
  await scan("pinned");
  await act(() => { window.player.shadowRoot.querySelector('[part~="hotspot"]').click(); });
  await scan("card");
  await act(() => {
    const product = window.player.timeline.products[0];
    window.player.upsertProducts([{ ...product, available: false }]);
    window.player.pinProduct(product.id);
    window.player.shadowRoot.querySelector('[part~="pinned-title"]').click();
  });
  await scan("sold out");
  await act(() => {
    const product = window.player.timeline.products[0];
    window.player.upsertProducts([{ ...product, available: true }]);
    window.player.pinProduct(window.player.timeline.products[1].id);
    window.player.shadowRoot.querySelector('[part~="pinned-title"]').click();
    window.player.shadowRoot.querySelector('[part~="card"] [part~="add-to-cart"]').click();
  });
  await page.waitForFunction(() => window.player.shadowRoot.querySelector('[part~="card"] [part~="card-status"]').textContent !== "",
    null, { timeout: 5_000 });
  await scan("added to cart");
  await page.emulateMedia({ forcedColors: "active" });
  await scan("forced colors");
  return found;
}

for (const [path, ready] of [["/index.html", "window.shoppableReady"], ["/live.html", "window.liveReady"], ["/phone.html", "window.phoneReady"]]) {
  test(`axe-core finds no WCAG 2.2 A/AA violation on the element in ${path}, in any state or in forced colours`, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    await page.goto(server.url + path);
    await page.waitForFunction(`${ready} === true && document.getElementById("player").video?.readyState >= 2`, null, { timeout: 15_000 });
    await page.waitForFunction(() => (document.getElementById("player").timeline?.products ?? []).length > 1);
    await page.evaluate(() => { window.player = document.getElementById("player"); });
    // A shop that says yes: "added to cart" (the live page's own answer does the same).
    await page.evaluate(() => window.player.addEventListener("shoppable-intent", (event) => {
      event.preventDefault();
      try { event.detail.respondWith(Promise.resolve({ ok: true })); } catch { /* the page answered first */ }
    }));
    await seek(page, 4.0);
    await page.addScriptTag({ path: AXE });
    assert.deepEqual(await scanStates(page), {});
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test("in forced colours every hotspot, button and focus ring is drawn in system colours", async () => {
  const page = await layoutPage(browser, server.url, SETUPS[5]);
  await page.emulateMedia({ forcedColors: "active" });
  await enter(page, STATES["all at once"]);
  const styles = await page.evaluate(() => {
    const root = window.player.shadowRoot;
    return [...root.querySelectorAll("button")].filter((b) => !b.closest("[hidden]") && getComputedStyle(b).visibility === "visible")
      .map((button) => {
        const dot = button.querySelector(".dot");
        const style = getComputedStyle(dot ?? button);
        return {
          name: button.getAttribute("part") || button.className,
          edge: Number.parseFloat(style.borderTopWidth) >= 1 && style.borderTopStyle !== "none" && style.borderTopColor !== "rgba(0, 0, 0, 0)",
          dotFilled: dot ? style.backgroundColor !== "rgba(0, 0, 0, 0)" && style.outlineStyle !== "none" : true,
        };
      });
  });
  assert.ok(styles.length > 8);
  for (const style of styles) {
    assert.ok(style.edge, `${style.name} has an edge`);
    assert.ok(style.dotFilled, `${style.name}'s dot is filled and outlined`);
  }
  // The keyboard's focus ring, on the card's first button and on a hotspot.
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Tab");
  const ring = await page.evaluate(() => {
    const focused = window.player.shadowRoot.activeElement;
    const style = getComputedStyle(focused);
    return { part: focused?.getAttribute("part"), style: style.outlineStyle, width: Number.parseFloat(style.outlineWidth) };
  });
  assert.ok(ring.style !== "none" && ring.width >= 2, `the focus ring of ${ring.part}: ${JSON.stringify(ring)}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("the default accent passes 4.5:1 on the card's surface (price, buttons, badge)", async () => {
  const page = await layoutPage(browser, server.url, SETUPS[5]);
  await enter(page, STATES["all at once"]);
  const colours = await page.evaluate(() => {
    const root = window.player.shadowRoot;
    const css = (selector, property) => getComputedStyle(root.querySelector(selector))[property];
    return {
      price: [css('[part~="card-price"]', "color"), css('[part~="card"]', "backgroundColor")],
      buy: [css('[part~="card"] [part~="buy"]', "color"), css('[part~="card"] [part~="buy"]', "backgroundColor")],
      badge: [css('[part~="pinned"] .badge', "color"), css('[part~="pinned"]', "backgroundColor")],
    };
  });
  const channel = (v) => { const c = v / 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  const luminance = (rgb) => { const [r, g, b] = rgb.match(/\d+(\.\d+)?/g).map(Number); return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b); };
  for (const [name, [fg, bg]] of Object.entries(colours)) {
    const [light, dark] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
    const ratio = (light + 0.05) / (dark + 0.05);
    assert.ok(ratio >= 4.5, `${name}: ${fg} on ${bg} is ${ratio.toFixed(2)}:1`);
  }
  assert.deepEqual((await reachable(page)).parts.filter((p) => !p.hotspot && !p.hitsItself), []);
  await page.context().close();
});
