// Shared by the hosts-*.test.mjs files: the example apps of examples/ (built by `make examples`
// from the package that `npm pack pkg/` makes) served as a host would serve them
// (examples/serve.mjs), in headless Chromium, and the shop flow every app must pass: the
// timeline loads, a hotspot shows at its time, a viewer's tap on it and on Buy now reaches
// the app's intent listener.
import assert from "node:assert/strict";
import { launch } from "./harness.mjs";
import { serve } from "../../examples/serve.mjs";

/** A server of examples/ and a browser for one test file; `close()` ends both. */
export async function hostSession() {
  const server = await serve();
  const browser = await launch();
  return {
    base: server.url,
    /** Opens a page of the examples; its page errors and console errors are in `page.errors`. */
    async open(path) {
      const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
      const page = await context.newPage();
      page.errors = [];
      page.on("pageerror", (error) => page.errors.push(String(error)));
      page.on("console", (message) => {
        if (message.type() === "error") page.errors.push(message.text());
      });
      const response = await page.goto(server.url + path);
      assert.equal(response?.status(), 200, `${path} is served (run \`make examples\` to build the apps)`);
      return page;
    },
    async close() {
      await browser.close().catch(() => {});
      await server.close();
    },
  };
}

/** Waits for the app's status line to say the timeline is ready; returns its text. */
export async function waitForReady(page) {
  const status = page.locator("#status");
  await status.filter({ hasText: /^Ready:/ }).waitFor({ timeout: 15_000 }).catch(async () => {
    const said = await page.evaluate(() => document.querySelector("#status")?.textContent);
    assert.fail(`the app never saw shoppable-ready; its status says "${said}"; page errors: ${page.errors.join(" | ") || "none"}`);
  });
  return status.textContent();
}

/**
 * The shop flow on the app's only <shoppable-video>: seek to 4 s (the sample timeline's vase and
 * fan are visible), wait for the vase's hotspot, tap it with the mouse, tap Buy now on the card,
 * and wait for the app's cart to list the product (the app's `shoppable-intent` listener).
 */
export async function buyTheVase(page) {
  await page.evaluate(async () => {
    const video = document.querySelector("shoppable-video").video;
    if (video.readyState < 1) await new Promise((resolve) => video.addEventListener("loadedmetadata", resolve, { once: true }));
    const seeked = new Promise((resolve) => video.addEventListener("seeked", resolve, { once: true }));
    video.currentTime = 4;
    await seeked;
  });
  const hotspot = page.locator('shoppable-video [part~="hotspot"][data-hotspot-id="vase-still"]');
  await hotspot.waitFor({ state: "visible", timeout: 10_000 });
  const active = await page.evaluate(() => document.querySelector("shoppable-video").activeHotspots);
  assert.deepEqual(active, ["vase-still", "fan"], "the hotspots of the sample timeline at 4 s");
  await hotspot.click();
  const buy = page.locator('shoppable-video [part~="card"] [part~="buy"]');
  await buy.waitFor({ state: "visible", timeout: 5_000 });
  await buy.click();
  const bought = page.locator('#cart li[data-product-id="vase-01"]');
  await bought.waitFor({ timeout: 5_000 });
  return bought.textContent();
}
