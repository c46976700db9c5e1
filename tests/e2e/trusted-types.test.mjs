// Trusted Types and a strict Content-Security-Policy (CONTRACT.md section 2): under
// `require-trusted-types-for 'script'`, with no policy from the host, and a CSP that allows only
// the page's own files plus 'wasm-unsafe-eval' (no inline scripts or styles), the element loads a
// timeline, shows its hotspots, rail and card, and a tap gives an intent; no violation is
// reported (securitypolicyviolation events, console errors). The page is served by the test's own
// server (static-server.mjs), the only way to send the header.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { session } from "./harness.mjs";
import { seek, hotspots, frames } from "./element-helpers.mjs";

const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "require-trusted-types-for 'script'",
].join("; ");

let s;
before(async () => {
  s = await session({ server: { headers: (path) => (path === "/test/trusted-types.html" ? { "content-security-policy": CSP } : undefined) } });
});
after(async () => { await s?.close(); });

test("under require-trusted-types-for 'script' and a strict CSP, with no policy, the element works and no violation is reported", async () => {
  const page = await s.page("/test/trusted-types.html", { waitForElement: false });
  const response = await page.reload();
  assert.equal(response.headers()["content-security-policy"], CSP, "the page is served with the policy");
  await page.waitForFunction(() => window.testReady === true, null, { timeout: 15_000 });
  await page.waitForFunction(() => window.player.video.readyState >= 2 && window.events.some((e) => e.type === "shoppable-ready" || e.type === "shoppable-error"), null, { timeout: 15_000 });
  assert.deepEqual(await page.evaluate(() => window.events.map((e) => e.type)), ["shoppable-ready"]);

  // Hotspots show where the timeline says, as buttons with their labels.
  await seek(page, 4.0);
  const shown = await hotspots(page);
  assert.deepEqual(shown.map((b) => b.id).sort(), ["h-fan", "h-vase"]);
  assert.ok(shown.every((b) => b.tag === "BUTTON" && b.label && b.width >= 44), JSON.stringify(shown));
  // The stylesheet applies (adopted, not inline): a hotspot is laid out, the rail lists the products.
  const rail = await page.evaluate(() => [...window.player.shadowRoot.querySelectorAll('[part~="rail-item"]')].map((b) => b.dataset.productId));
  assert.deepEqual(rail, ["vase-01", "fan-02"]);

  // A tap opens the card; its buy button gives an intent.
  const vase = shown.find((b) => b.id === "h-vase");
  await page.mouse.click(vase.cx, vase.cy);
  await page.waitForFunction(() => !window.player.shadowRoot.querySelector('[part~="card"]').hidden);
  assert.equal(await page.evaluate(() => window.player.shadowRoot.querySelector('[part~="card-title"]').textContent), "Cloisonne vase");
  const buy = await page.evaluate(() => {
    const box = window.player.shadowRoot.querySelector('[part~="card"] [part~="buy"]').getBoundingClientRect();
    return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
  });
  await page.mouse.click(buy.x, buy.y);
  await page.waitForFunction(() => window.events.some((e) => e.type === "shoppable-intent"));
  const intent = await page.evaluate(() => window.events.find((e) => e.type === "shoppable-intent").detail);
  assert.equal(intent.action, "buy_now");
  assert.equal(intent.productId, "vase-01");
  assert.equal(intent.hotspotId, "h-vase");

  // Removed and put back: the overlay is built again, still without a violation.
  await page.evaluate(() => { const p = window.player; p.remove(); document.getElementById("stage").append(p); });
  await seek(page, 4.0);
  assert.deepEqual((await hotspots(page)).map((b) => b.id).sort(), ["h-fan", "h-vase"]);
  await frames(page, 2);

  assert.deepEqual(await page.evaluate(() => window.violations), [], "no CSP or Trusted Types violation");
  assert.deepEqual(page.errors, [], "no page or console error");

  // The policy is really enforced here: an HTML string sink throws and is reported (which shows
  // the listener above would have seen the element's).
  const sink = await page.evaluate(() => {
    try { document.createElement("div").innerHTML = "<b>x</b>"; return "no error"; } catch (error) { return error.name; }
  });
  assert.equal(sink, "TypeError", "innerHTML with a string throws under Trusted Types");
  await page.waitForFunction(() => window.violations.length > 0);
  assert.deepEqual(await page.evaluate(() => window.violations.map((v) => v.directive)), ["require-trusted-types-for"]);
});
