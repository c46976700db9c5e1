// Calls during an update (CONTRACT.md section 2): a host call made from a listener while the
// element is in the middle of an update (here `focusin`, fired when the element moves focus into
// the card it opens, or back to the hotspot when the card closes) is applied right after that
// update, never dropped: its effect is there as soon as the viewer's action has been handled.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { session } from "./harness.mjs";
import { openPlayer, mount, seek } from "./element-helpers.mjs";

const PLAYER = { src: "/media/crafts.webm", muted: true, playsinline: true, preload: "auto", locale: "en-US", timeline: "/test/shop.timeline.json" };
const CSS = "#player { width: 640px; height: 360px; }";

let s;
before(async () => { s = await session(); });
after(async () => { await s?.close(); });

/** The test player with the shop timeline at 4 s (h-vase and h-fan shown); warnings are collected too. */
async function shopPlayer() {
  const page = await openPlayer(s);
  page.warnings = [];
  page.on("console", (message) => { if (message.type() === "warning") page.warnings.push(message.text()); });
  await mount(page, { attributes: PLAYER, css: CSS });
  await seek(page, 4.0);
  assert.deepEqual(await page.evaluate(() => window.player.activeHotspots), ["h-vase", "h-fan"]);
  return page;
}

const shownIds = (page) => page.evaluate(() => [...window.player.shadowRoot.querySelectorAll('[part~="hotspot"]')]
  .filter((b) => !b.closest("[hidden]") && getComputedStyle(b).display !== "none").map((b) => b.dataset.hotspotId).sort());

test("removeHotspots and addHotspots from a focusin listener fired as the card takes focus are applied right after the tap", async () => {
  const page = await shopPlayer();
  const result = await page.evaluate(() => {
    const player = window.player;
    const root = player.shadowRoot;
    const calls = [];
    player.addEventListener("focusin", () => {
      // Only the focus the element moves into its card (not the browser's focus of the tapped button).
      if (!root.activeElement?.closest('[part~="card"]') || calls.length > 0) return;
      let thrown = null;
      try {
        player.removeHotspots(["h-fan"]);
        player.addHotspots([{ id: "h-live", product: "fan-02", start: 0, end: 11, x: 0.8, y: 0.8 }]);
      } catch (error) { thrown = String(error); }
      calls.push({ thrown, cardOpen: !root.querySelector('[part~="card"]').hidden });
    });
    // A click on the hotspot opens its card and moves focus into it.
    root.querySelector('[part~="hotspot"][data-hotspot-id="h-vase"]').click();
    // Right after the tap was handled, before anything else runs:
    return {
      calls,
      active: player.activeHotspots,
      cardOpen: !root.querySelector('[part~="card"]').hidden,
      focusInCard: !!root.activeElement?.closest('[part~="card"]'),
      timeline: player.timeline.hotspots.map((h) => h.id),
    };
  });
  assert.equal(result.calls.length, 1, "the focusin listener ran as focus moved into the card");
  assert.equal(result.calls[0].thrown, null, "the calls made during the update did not throw");
  assert.equal(result.cardOpen, true);
  assert.equal(result.focusInCard, true);
  assert.deepEqual(result.active, ["h-vase", "h-live"], "both calls took effect right after the update");
  assert.deepEqual(result.timeline, ["h-vase", "h-live"]);
  await page.evaluate(() => window.tasks?.() ?? new Promise((resolve) => setTimeout(resolve)));
  assert.deepEqual(await shownIds(page), ["h-live", "h-vase"]);
  const [shows, hides] = await page.evaluate(() => ["shoppable-hotspot-show", "shoppable-hotspot-hide"]
    .map((type) => window.events.filter((e) => e.type === type).map((e) => e.detail.hotspotId)));
  assert.ok(hides.includes("h-fan") && hides.filter((id) => id === "h-fan").length === 1, `one hide event for h-fan: ${hides}`);
  assert.equal(shows.filter((id) => id === "h-live").length, 1, `one show event for h-live: ${shows}`);
  assert.deepEqual(page.warnings.filter((text) => /shoppable/i.test(text)), [], "no warning about a dropped call");
  assert.deepEqual(page.errors, []);
});

test("pinProduct from a focusin listener (on the shadow root) fired as focus returns to the hotspot when Escape closes the card is applied right after", async () => {
  const page = await shopPlayer();
  await page.evaluate(() => {
    const player = window.player;
    window.pinCalls = [];
    // A focus move inside the shadow tree (card -> hotspot) reaches no listener on the host (the
    // event's target and relatedTarget retarget to the same host), so this one is on the open
    // shadow root, where a page can listen too.
    player.shadowRoot.addEventListener("focusin", () => {
      const active = player.shadowRoot.activeElement;
      // Focus back on the hotspot while the card is closing: pin the other product.
      if (window.armed && active?.dataset.hotspotId === "h-vase") {
        window.armed = false;
        let thrown = null;
        try { player.pinProduct("fan-02"); } catch (error) { thrown = String(error); }
        window.pinCalls.push(thrown);
      }
    });
  });
  // Keyboard: Tab to the vase's hotspot, Enter opens its card (focus moves in), Escape closes it.
  for (let i = 0; i < 10; i += 1) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(() => window.player.shadowRoot.activeElement?.dataset.hotspotId === "h-vase")) break;
  }
  assert.equal(await page.evaluate(() => window.player.shadowRoot.activeElement?.dataset.hotspotId), "h-vase");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => !window.player.shadowRoot.querySelector('[part~="card"]').hidden);
  await page.evaluate(() => { window.armed = true; });
  await page.keyboard.press("Escape");
  const after = await page.evaluate(() => {
    const root = window.player.shadowRoot;
    const pinned = root.querySelector('[part~="pinned"]');
    return {
      calls: window.pinCalls,
      cardHidden: root.querySelector('[part~="card"]').hidden,
      focus: root.activeElement?.dataset.hotspotId ?? null,
      pinnedShown: !pinned.hidden,
      pinnedTitle: root.querySelector('[part~="pinned-title"]').textContent,
    };
  });
  assert.deepEqual(after.calls, [null], "the listener ran once, as focus returned, and its call did not throw");
  assert.equal(after.cardHidden, true);
  assert.equal(after.focus, "h-vase", "focus is back on the hotspot");
  assert.equal(after.pinnedShown, true, "the pinned card shows: the call was applied, not dropped");
  assert.equal(after.pinnedTitle, "Silk folding fan");
  assert.deepEqual(page.warnings.filter((text) => /shoppable/i.test(text)), [], "no warning about a dropped call");
  assert.deepEqual(page.errors, []);
});

test("an invalid addHotspots list from a focusin listener during an update is reported with shoppable-error, not dropped", async () => {
  const page = await shopPlayer();
  const result = await page.evaluate(async () => {
    const player = window.player;
    const root = player.shadowRoot;
    let thrown = "not called";
    player.addEventListener("focusin", () => {
      if (!root.activeElement?.closest('[part~="card"]') || thrown !== "not called") return;
      try { player.addHotspots([{ id: "bad", product: "no-such-product", start: 0, end: 11, x: 0.5, y: 0.5 }]); thrown = null; } catch (error) { thrown = error instanceof TypeError ? "TypeError" : String(error); }
    });
    root.querySelector('[part~="hotspot"][data-hotspot-id="h-vase"]').click();
    await new Promise((resolve) => setTimeout(resolve));
    return {
      thrown,
      active: player.activeHotspots,
      errors: window.events.filter((e) => e.type === "shoppable-error").map((e) => e.detail),
    };
  });
  // Deferred, the call cannot throw to its caller (it returned already): the refusal is an event.
  assert.ok(result.thrown === null || result.thrown === "TypeError", `the call threw ${result.thrown}`);
  assert.equal(result.errors.length, 1, JSON.stringify(result.errors));
  assert.equal(result.errors[0].code, "invalid-timeline");
  assert.ok(result.errors[0].errors.some((e) => e.path === "[0].product"), JSON.stringify(result.errors[0].errors));
  assert.deepEqual(result.active, ["h-vase", "h-fan"], "nothing changed");
  assert.deepEqual(page.errors, []);
});
