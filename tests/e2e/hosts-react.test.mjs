// The React 19 example (examples/react, built with Vite from the npm pack tarball) in both
// orders of init() and the first render, and with the timeline as an object: the timeline loads, `shoppable-ready` reaches the
// listener a useEffect added, and a viewer's Buy now reaches the `onshoppable-intent` prop.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { hostSession, waitForReady, buyTheVase } from "./hosts-helpers.mjs";

let s;
before(async () => { s = await hostSession(); });
after(async () => { await s?.close(); });

test("React, init() before the first render: the timeline set as a property (a URL string) loads, shoppable-ready reaches a useEffect listener, an intent reaches onshoppable-intent", async () => {
  const page = await s.open("/react/dist/index.html");
  assert.equal(await waitForReady(page), "Ready: 3 products, 4 hotspots");
  // React 19 set a property (the element was defined), not the attribute.
  assert.equal(await page.locator("shoppable-video").getAttribute("timeline"), null);
  assert.equal(await buyTheVase(page), "buy_now: vase-01");
  assert.deepEqual(page.errors, []);
});

test("React, init() before the first render, timeline={object}: the object loads, shoppable-ready (dispatched after React's property set returned, inside the commit) reaches the onshoppable-ready prop, an intent reaches onshoppable-intent", async () => {
  const page = await s.open("/react/dist/object.html");
  assert.equal(await waitForReady(page), "Ready: 3 products, 4 hotspots");
  assert.equal(await page.locator("shoppable-video").getAttribute("timeline"), null);
  assert.equal(await buyTheVase(page), "buy_now: vase-01");
  assert.deepEqual(page.errors, []);
});

test("React, the first render before init(): the element upgrades in place, shoppable-ready reaches a useEffect listener, an intent reaches onshoppable-intent", async () => {
  const page = await s.open("/react/dist/render-first.html");
  assert.equal(await waitForReady(page), "Ready: 3 products, 4 hotspots");
  assert.equal(await page.evaluate(() => document.body.dataset.renderedBeforeInit), "true",
    "the element was rendered while <shoppable-video> was not defined yet");
  assert.equal(await buyTheVase(page), "buy_now: vase-01");
  assert.deepEqual(page.errors, []);
});
