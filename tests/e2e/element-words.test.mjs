// The element's own words (CONTRACT.md section 5): every word it shows or says comes from the
// catalog of its locale (the `locale` attribute, else the nearest `lang`, else the browser's),
// the shadow tree carries that catalog's `lang` and `dir`, Arabic lays the overlay out right to
// left, the host's `strings` override any message, and a change shows at once.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { session } from "./harness.mjs";
import { openPlayer, mount, seek, readJson } from "./element-helpers.mjs";

const TIMELINE = readJson("test/shop.timeline.json");
const PLAYER = { src: "/media/crafts.webm", muted: true, playsinline: true, preload: "auto", rail: "open" };

let s;
before(async () => { s = await session(); });
after(async () => { await s?.close(); });

/** What the element shows in words: lang/dir, the card's buttons, the rail toggle, the card's name. */
function shown(page) {
  return page.evaluate(() => {
    const root = window.player.shadowRoot;
    const overlay = root.querySelector('[part~="overlay"]');
    const text = (selector) => root.querySelector(selector)?.textContent ?? null;
    const attribute = (selector, name) => root.querySelector(selector)?.getAttribute(name) ?? null;
    return {
      lang: overlay.getAttribute("lang"),
      dir: overlay.getAttribute("dir"),
      buy: text('[part~="card"] [part~="buy"]'),
      add: text('[part~="card"] [part~="add-to-cart"]'),
      close: attribute('[part~="close"]', "aria-label"),
      toggle: text('[part~="rail-toggle"]'),
      rail: attribute('[part~="rail"]', "aria-label"),
      fullscreen: attribute('[part~="fullscreen"]', "aria-label"),
      strings: window.player.strings,
    };
  });
}

async function openCard(page) {
  await seek(page, 4.0);
  await page.evaluate(() => window.player.shadowRoot.querySelector('[part~="hotspot"]').click());
  await page.waitForFunction(() => !window.player.shadowRoot.querySelector('[part~="card"]').hidden);
}

test('locale="zh-CN" shows the zh-Hans words, with lang="zh-Hans" on the shadow tree', async () => {
  const page = await openPlayer(s);
  await mount(page, { attributes: { ...PLAYER, locale: "zh-CN" }, timeline: TIMELINE });
  const words = await shown(page);
  assert.equal(words.lang, "zh-Hans");
  assert.equal(words.dir, "ltr");
  assert.equal(words.buy, "立即购买");
  assert.equal(words.add, "加入购物车");
  assert.equal(words.buy, words.strings.buy, "the strings getter says what is shown");
  assert.match(words.toggle, /2/, "the rail toggle counts the products");
  assert.deepEqual(page.errors, []);
});

test('with no locale attribute, a page lang="ja" gives the Japanese words', async () => {
  const page = await openPlayer(s);
  await page.evaluate(() => document.documentElement.setAttribute("lang", "ja"));
  await mount(page, { attributes: PLAYER, timeline: TIMELINE });
  const words = await shown(page);
  assert.equal(words.lang, "ja");
  assert.equal(words.buy, "今すぐ購入");
  assert.equal(words.add, "カートに入れる");
  assert.deepEqual(page.errors, []);
});

test('locale="ar" lays the overlay out right to left: the card\'s buttons mirror', async () => {
  const page = await openPlayer(s);
  await mount(page, { attributes: { ...PLAYER, locale: "ar" }, timeline: TIMELINE });
  const words = await shown(page);
  assert.equal(words.lang, "ar");
  assert.equal(words.dir, "rtl");
  await openCard(page);
  const order = await page.evaluate(() => {
    const root = window.player.shadowRoot;
    const x = (selector) => root.querySelector(`[part~="card"] ${selector}`).getBoundingClientRect().left;
    return { buy: x('[part~="buy"]'), add: x('[part~="add-to-cart"]') };
  });
  assert.ok(order.buy > order.add, `buy (first in reading order) is right of add to cart: ${JSON.stringify(order)}`);
  assert.deepEqual(page.errors, []);
});

test("strings overrides any message, getting back every key with the text in effect; null clears them", async () => {
  const page = await openPlayer(s);
  await mount(page, { attributes: PLAYER, timeline: TIMELINE });
  const before = await shown(page);
  assert.equal(before.buy, "Buy now");
  const keys = Object.keys(before.strings);
  for (const key of ["buy", "add-to-cart", "close", "sold-out", "now-presenting", "shop-this-video", "added", "fullscreen"]) {
    assert.ok(keys.includes(key), `strings lists ${key}`);
  }
  await page.evaluate(() => { window.player.strings = { buy: "Get it", "no-such-key": "ignored", close: 42 }; });
  const after = await shown(page);
  assert.equal(after.buy, "Get it");
  assert.equal(after.strings.buy, "Get it");
  assert.equal(after.strings["no-such-key"], undefined, "unknown keys are ignored");
  assert.equal(after.close, before.close, "a text that is not a string is ignored");
  await page.evaluate(() => { window.player.strings = null; });
  assert.equal((await shown(page)).buy, "Buy now");
  assert.deepEqual(page.errors, []);
});

test("a change of locale while a card is open shows at once, in the card too", async () => {
  const page = await openPlayer(s);
  await mount(page, { attributes: PLAYER, timeline: TIMELINE });
  await openCard(page);
  await page.evaluate(() => window.player.setAttribute("locale", "fr"));
  const words = await shown(page);
  assert.equal(words.lang, "fr");
  assert.equal(words.buy, words.strings.buy);
  assert.notEqual(words.buy, "Buy now");
  assert.equal(await page.evaluate(() => window.player.shadowRoot.querySelector('[part~="card"]').hidden), false, "the card stays open");
  assert.deepEqual(page.errors, []);
});
