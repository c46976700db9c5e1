// The demo page loads the package and really plays its video.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { session } from "./harness.mjs";

let s;
before(async () => { s = await session(); });
after(async () => { await s?.close(); });

test("the demo loads the module and shows its version", async () => {
  const page = await s.page("/");
  await page.waitForFunction(() => window.shoppableReady === true);
  const version = await page.textContent("#version");
  assert.match(version, /^shoppable-video \d+\.\d+\.\d+$/);
  assert.deepEqual(page.errors, []);
});

test("the demo video really plays: currentTime advances", async () => {
  const page = await s.page("/");
  const video = await page.waitForFunction(() => document.querySelector("shoppable-video")?.video);
  await page.evaluate((video) => video.play(), video);
  const first = await page.evaluate((video) => video.currentTime, video);
  await page.waitForFunction((video) => video.currentTime > 0.5, video, { timeout: 10_000 });
  const later = await page.evaluate((video) => video.currentTime, video);
  assert.ok(later > first, `currentTime went from ${first} to ${later}`);
});

test("the phone demo shows the 9:16 clip with its timeline, and its language picker sets the element's locale", async () => {
  const page = await s.page("/phone.html");
  await page.waitForFunction(() => window.phoneReady === true && document.getElementById("player").video?.videoHeight > 0);
  const size = await page.evaluate(() => {
    const video = document.getElementById("player").video;
    return [video.videoWidth, video.videoHeight];
  });
  assert.deepEqual(size, [360, 640]);
  await page.waitForFunction(() => document.getElementById("player").timeline?.hotspots.length === 4);
  const shown = () => page.evaluate(() => {
    const overlay = document.getElementById("player").shadowRoot.querySelector('[part~="overlay"]');
    return [overlay.getAttribute("lang"), overlay.getAttribute("dir")];
  });
  assert.deepEqual(await shown(), ["en", "ltr"]);
  for (const [locale, expected] of [["ar", ["ar", "rtl"]], ["zh-TW", ["zh-Hant", "ltr"]], ["pt-BR", ["pt", "ltr"]]]) {
    await page.selectOption("#locale", locale);
    assert.equal(await page.evaluate(() => document.getElementById("player").getAttribute("locale")), locale);
    assert.deepEqual(await shown(), expected);
  }
  assert.equal((await page.locator("#locale option").allTextContents()).length, 11);
  assert.deepEqual(page.errors, []);
});
