// Fullscreen keeps the shop (CONTRACT.md section 2): the overlay's toggle and the host's own
// requestFullscreen() put the element itself (video and overlay) in fullscreen, with the
// hotspots at the right pixels of the fullscreen box; where an element cannot go fullscreen, the
// toggle makes it fill the viewport instead; a created video never goes fullscreen alone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { session } from "./harness.mjs";
import { openPlayer, mount, seek, hotspots, expectedPoints, activeAt, positionAt, readJson, frames } from "./element-helpers.mjs";

const TIMELINE = readJson("test/shop.timeline.json");
const PLAYER = { src: "/media/crafts.webm", muted: true, playsinline: true, preload: "auto", controls: true };
const CSS = "shoppable-video { width: 480px; height: 270px; }";

let s;
before(async () => { s = await session(); });
after(async () => { await s?.close(); });

/** Each visible hotspot's centre is where its point falls on the (fullscreen) picture, within 1.5 px. */
async function hotspotsInPlace(page, t) {
  const buttons = (await hotspots(page)).filter((b) => !b.hidden);
  const due = activeAt(TIMELINE, t).map((id) => TIMELINE.hotspots.find((h) => h.id === id));
  assert.ok(buttons.length > 0 && buttons.length === due.length, `hotspots at ${t}: ${buttons.length} of ${due.length}`);
  const expected = await expectedPoints(page, due.map((h) => positionAt(h, t)));
  for (const [i, hotspot] of due.entries()) {
    const button = buttons.find((b) => b.id === hotspot.id);
    assert.ok(Math.abs(button.cx - expected[i].x) <= 1.5 && Math.abs(button.cy - expected[i].y) <= 1.5,
      `${hotspot.id} at (${button.cx}, ${button.cy}), expected (${expected[i].x}, ${expected[i].y})`);
  }
}

async function waitForFullscreen(page, on) {
  await page.waitForFunction((on) => (document.fullscreenElement === window.player) === on, on, { timeout: 5_000 });
  await frames(page, 3);
}

test("the toggle puts the element itself in fullscreen, hotspots on the fullscreen picture; again leaves", async () => {
  const page = await openPlayer(s);
  await mount(page, { attributes: PLAYER, timeline: TIMELINE, css: CSS });
  await seek(page, 4.0);
  const toggle = page.locator("shoppable-video").locator('[part~="fullscreen"]');
  assert.equal(await toggle.getAttribute("aria-pressed"), "false");
  await toggle.click();
  await waitForFullscreen(page, true);
  assert.equal(await toggle.getAttribute("aria-pressed"), "true");
  const size = await page.evaluate(() => [window.player.getBoundingClientRect().width, innerWidth]);
  assert.equal(size[0], size[1], "the element fills the screen");
  await hotspotsInPlace(page, 4.0);
  await toggle.click();
  await waitForFullscreen(page, false);
  assert.equal(await toggle.getAttribute("aria-pressed"), "false");
  await hotspotsInPlace(page, 4.0);
  assert.deepEqual(page.errors, []);
});

test("el.requestFullscreen() works the same way", async () => {
  const page = await openPlayer(s);
  await mount(page, { attributes: PLAYER, timeline: TIMELINE, css: CSS });
  await seek(page, 4.0);
  // A user gesture lets the page ask for fullscreen.
  await page.locator("#stage").click({ position: { x: 1, y: 1 } }).catch(() => {});
  await page.evaluate(() => window.player.requestFullscreen());
  await waitForFullscreen(page, true);
  assert.equal(await page.locator("shoppable-video").locator('[part~="fullscreen"]').getAttribute("aria-pressed"), "true");
  await hotspotsInPlace(page, 4.0);
  assert.deepEqual(page.errors, []);
});

test("where an element cannot go fullscreen, the toggle fills the viewport with the overlay working; Escape leaves", async () => {
  const page = await openPlayer(s, { init: () => { delete Element.prototype.requestFullscreen; } });
  await mount(page, { attributes: PLAYER, timeline: TIMELINE, css: CSS });
  await seek(page, 4.0);
  const toggle = page.locator("shoppable-video").locator('[part~="fullscreen"]');
  await toggle.click();
  await frames(page, 3);
  const box = await page.evaluate(() => {
    const r = window.player.getBoundingClientRect();
    return [r.left, r.top, r.width, r.height, innerWidth, innerHeight];
  });
  assert.deepEqual(box, [0, 0, box[4], box[5], box[4], box[5]], "the element fills the viewport");
  assert.equal(await toggle.getAttribute("aria-pressed"), "true");
  await hotspotsInPlace(page, 4.0);
  await page.keyboard.press("Escape");
  await frames(page, 3);
  assert.equal(await toggle.getAttribute("aria-pressed"), "false");
  assert.equal(await page.evaluate(() => window.player.getBoundingClientRect().width), 480);
  assert.deepEqual(page.errors, []);
});

test('a created video has controlslist="nofullscreen"; fullscreen-button="off" hides the toggle', async () => {
  const page = await openPlayer(s);
  await mount(page, { attributes: { ...PLAYER, "fullscreen-button": "off" }, timeline: TIMELINE, css: CSS });
  assert.equal(await page.evaluate(() => window.player.video.getAttribute("controlslist")), "nofullscreen");
  assert.equal(await page.evaluate(() => window.player.shadowRoot.querySelector('[part~="fullscreen"]').hidden), true);
  await page.evaluate(() => window.player.removeAttribute("fullscreen-button"));
  assert.equal(await page.evaluate(() => window.player.shadowRoot.querySelector('[part~="fullscreen"]').hidden), false);
  assert.deepEqual(page.errors, []);
});
