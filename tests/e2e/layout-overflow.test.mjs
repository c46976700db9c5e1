// Text that stays inside (CONTRACT.md section 2, issue 12): with hostile texts (a 2,000-character
// word, CJK without spaces, emoji sequences, bidi control characters) as product titles,
// descriptions, hotspot labels and the host's `strings`, every part's box stays inside the
// element's box, one-line texts end with an ellipsis (the whole text stays in the DOM, so in
// the accessibility tree), and nothing of the element catches a tap outside its box; a card
// without an image gives its title the card's width.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch } from "./harness.mjs";
import { seek } from "./element-helpers.mjs";
import { layoutPage, enter, leave } from "./layout-helpers.mjs";

const HOSTILE = {
  "a 2,000-character word": "W".repeat(2000),
  "CJK without spaces": "景泰蓝掐丝珐琅花瓶手工铜胎北京制造".repeat(40),
  "emoji sequences": "🏺🪭🍵👩🏽‍🎨🇨🇳🧑‍🤝‍🧑".repeat(60),
  "bidi control characters": "\u202Eesav ennosiolC\u202C \u2067مزهرية مصنوعة يدويا\u2069\u200F\u202B".repeat(30),
};

/** Players with room around them (taps just outside must reach the page). */
const SIZES = [
  { name: "320x180", viewport: { width: 600, height: 500 }, src: "/media/crafts.webm", css: "#player { margin: 60px; width: 320px; height: 180px; }" },
  { name: "360x640 (9:16)", viewport: { width: 600, height: 800 }, src: "/media/crafts-vertical.webm", css: "#player { margin: 60px; width: 360px; height: 640px; }" },
  { name: "800x450", viewport: { width: 1000, height: 600 }, src: "/media/crafts.webm", css: "#player { margin: 60px; width: 800px; height: 450px; }" },
];

function timeline(text) {
  const product = (id, extra) => ({ id, title: text, price: 12, url: `product.html?id=${id}`, ...extra });
  return {
    version: 1,
    currency: "EUR",
    products: [
      product("with-image", { image: "../media/vase.svg", description: text, originalPrice: 20 }),
      product("no-image", { description: text }),
      product("sold-out", { available: false }),
    ],
    hotspots: [
      { id: "a", product: "with-image", start: 1, end: 11, x: 0.3, y: 0.5, label: text },
      { id: "b", product: "no-image", start: 1, end: 11, x: 0.45, y: 0.35, label: text },
      { id: "c", product: "sold-out", start: 1, end: 11, x: 0.2, y: 0.7, label: text },
    ],
  };
}

/**
 * The boxes of every rendered part (and the hotspots' tags) that leave the element's box; a
 * part inside a scrolling list or card counts by what its scroller shows of it.
 */
async function partsOutside(page) {
  return page.evaluate(() => {
    const host = window.player.getBoundingClientRect();
    const out = [];
    const shown = (element) => {
      const box = element.getBoundingClientRect();
      let { left, top, right, bottom } = box;
      for (let up = element.parentElement; up; up = up.parentElement) {
        if (getComputedStyle(up).overflow === "visible") continue;
        const clip = up.getBoundingClientRect();
        left = Math.max(left, clip.left); top = Math.max(top, clip.top);
        right = Math.min(right, clip.right); bottom = Math.min(bottom, clip.bottom);
      }
      return { left, top, right, bottom, width: right - left, height: bottom - top };
    };
    for (const element of window.player.shadowRoot.querySelectorAll("[part], .tag, .badge, li")) {
      if (element.closest("[hidden]") || getComputedStyle(element).visibility !== "visible") continue;
      const box = shown(element);
      if (box.width <= 0 || box.height <= 0) continue;
      if (box.left < host.left - 0.5 || box.right > host.right + 0.5 || box.top < host.top - 0.5 || box.bottom > host.bottom + 0.5) {
        out.push(`${element.getAttribute("part") || element.className || element.tagName} at ${JSON.stringify(box)}`);
      }
    }
    return out;
  });
}

/** Points 2 px outside the element's box, every 16 px around it, where the element is found. */
async function tapsCaughtOutside(page) {
  return page.evaluate(() => {
    const host = window.player.getBoundingClientRect();
    const caught = [];
    const probe = (x, y) => {
      const hit = document.elementFromPoint(x, y);
      if (hit && (hit === window.player || window.player.contains(hit))) caught.push([x, y]);
    };
    for (let x = host.left - 2; x <= host.right + 2; x += 16) { probe(x, host.top - 2); probe(x, host.bottom + 2); }
    for (let y = host.top - 2; y <= host.bottom + 2; y += 16) { probe(host.left - 2, y); probe(host.right + 2, y); }
    return caught;
  });
}

/** One-line texts that do not fit end with an ellipsis rather than a cut. */
async function cutWithoutEllipsis(page) {
  return page.evaluate(() => [...window.player.shadowRoot.querySelectorAll('.tag, [part~="pinned-title"], [part~="rail-item"] > *, [part~="rail-toggle"], [part~="buy"], [part~="add-to-cart"]')]
    .filter((element) => !element.closest("[hidden]") && getComputedStyle(element).visibility === "visible")
    .filter((element) => element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).textOverflow !== "ellipsis")
    .map((element) => element.getAttribute("part") || element.className));
}

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

for (const size of SIZES) {
  test(`on a ${size.name} player, hostile texts stay inside the element's box, end with an ellipsis on one line, and catch no tap outside`, async () => {
    const page = await layoutPage(browser, server.url, { ...size, css: size.css }, { timeline: timeline("x") });
    for (const [kind, text] of Object.entries(HOSTILE)) {
      await leave(page);
      await page.evaluate(({ text, tl }) => {
        window.player.strings = { buy: text, "add-to-cart": text, "now-presenting": text, "shop-count": `${text} {count}`, "sold-out": text };
        window.player.timeline = tl;
      }, { text, tl: timeline(text) });
      await page.waitForFunction(() => window.player.shadowRoot.querySelectorAll('[part~="hotspot"]').length === 3, null, { timeout: 5_000 });
      await seek(page, 4.0);
      const states = { hotspots: {}, "rail and pinned": { pinned: "with-image", rail: true }, "all at once": { pinned: "with-image", rail: true, card: "a" } };
      for (const [stateName, state] of Object.entries(states)) {
        await leave(page);
        await enter(page, state);
        const where = `${kind}, ${stateName}`;
        assert.deepEqual(await partsOutside(page), [], `${where}: parts outside the element`);
        assert.deepEqual(await tapsCaughtOutside(page), [], `${where}: taps outside the element caught by it`);
        assert.deepEqual(await cutWithoutEllipsis(page), [], `${where}: one-line texts cut without an ellipsis`);
      }
      assert.equal(await page.evaluate(() => window.player.shadowRoot.querySelector('[part~="card-title"]').textContent), text,
        `${kind}: the card's title keeps the whole text`);
    }
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
}

test("a card without an image gives its title the card's width", async () => {
  const page = await layoutPage(browser, server.url, SIZES[2], { timeline: timeline("Silk folding fan") });
  await page.evaluate(() => window.player.shadowRoot.querySelector('[part~="hotspot"][data-hotspot-id="b"]').click());
  const { card, title } = await page.evaluate(() => {
    const root = window.player.shadowRoot;
    return {
      card: root.querySelector('[part~="card"]').getBoundingClientRect().toJSON(),
      title: root.querySelector('[part~="card-title"]').getBoundingClientRect().toJSON(),
    };
  });
  assert.ok(title.left - card.left <= 13, `the title starts at the card's padding: ${title.left - card.left} px in`);
  assert.ok(title.width >= card.width - 24 - 32 - 1, `the title is ${title.width} px wide in a ${card.width} px card`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
