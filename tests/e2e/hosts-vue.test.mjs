// The Vue 3 example (examples/vue, built with Vite from the npm pack tarball): the template
// compiler leaves <shoppable-video> to the browser (`isCustomElement`), `timeline` loads, and
// `v-on` listeners get `shoppable-ready` and a viewer's intent.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { hostSession, waitForReady, buyTheVase } from "./hosts-helpers.mjs";

let s;
before(async () => { s = await hostSession(); });
after(async () => { await s?.close(); });

test("Vue: <shoppable-video> is the custom element, its timeline loads, @shoppable-ready and @shoppable-intent receive the events", async () => {
  const page = await s.open("/vue/dist/index.html");
  const warnings = [];
  page.on("console", (message) => { if (message.type() === "warning") warnings.push(message.text()); });
  assert.equal(await waitForReady(page), "Ready: 3 products, 4 hotspots");
  assert.equal(await page.evaluate(() => document.querySelector("shoppable-video") instanceof customElements.get("shoppable-video")), true);
  assert.equal(await buyTheVase(page), "buy_now: vase-01");
  assert.deepEqual(page.errors, []);
  assert.deepEqual(warnings.filter((text) => /Vue warn/.test(text)), []);
});
