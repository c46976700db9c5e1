// Apps built with Vite, esbuild and webpack 5 (examples/, from the npm pack tarball) and a plain
// page with no build step, each with the steps the README gives: the module and its .wasm load
// from where the build put them, the timeline loads, a tapped hotspot's intent reaches the app.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { hostSession, waitForReady, buyTheVase } from "./hosts-helpers.mjs";

let s;
before(async () => { s = await hostSession(); });
after(async () => { await s?.close(); });

/** The path of the .wasm the page fetched. */
async function wasmPath(page) {
  const urls = await page.evaluate(() => performance.getEntriesByType("resource").map((entry) => entry.name));
  const wasm = urls.filter((url) => new URL(url).pathname.endsWith(".wasm"));
  assert.equal(wasm.length, 1, `one .wasm fetched: ${wasm.join(", ")}`);
  return new URL(wasm[0]).pathname;
}

const APPS = [
  { name: "Vite (no configuration)", page: "/vite/dist/index.html", wasm: /^\/vite\/dist\/assets\/shoppable_video_bg-[\w-]+\.wasm$/ },
  { name: "esbuild (--loader:.wasm=file, init({ module_or_path }))", page: "/esbuild/index.html", wasm: /^\/esbuild\/dist\/shoppable_video_bg-\w+\.wasm$/ },
  { name: "webpack 5 (no configuration)", page: "/webpack/index.html", wasm: /^\/webpack\/dist\/\w+\.wasm$/ },
  { name: "a plain page (an import map, no build)", page: "/plain/index.html", wasm: /^\/node_modules\/shoppable-video\/shoppable_video_bg\.wasm$/ },
];

for (const app of APPS) {
  test(`${app.name}: the build runs the element, its timeline loads, a tapped hotspot's intent reaches the app`, async () => {
    const page = await s.open(app.page);
    assert.equal(await waitForReady(page), "Ready: 3 products, 4 hotspots");
    assert.match(await wasmPath(page), app.wasm);
    assert.equal(await buyTheVase(page), "buy_now: Cloisonne vase");
    assert.deepEqual(page.errors, []);
  });
}
