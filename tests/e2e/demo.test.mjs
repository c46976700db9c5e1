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
