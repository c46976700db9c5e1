// One layout for the overlay (CONTRACT.md section 2, issue 12): on five phone setups with touch
// and a desktop one, with the video's native controls, in every state (hotspots, pinned card,
// rail open, card open, all at once), a tap lands on the control under the finger: the part
// found at each reachable control's centre, through the shadow root, is that control; no part
// lies on the native control bar; tapping the card's × closes it and emits nothing; tapping
// where the native Play button is plays the video.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch } from "./harness.mjs";
import { eventsOf } from "./element-helpers.mjs";
import { SETUPS, STATES, BAND, layoutPage, enter, leave, reachable, inside, tapAt } from "./layout-helpers.mjs";

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** Where Chromium draws the native Play button: at the start of its bar, 48 px above the bottom. */
function playPoint(video) {
  return { x: video.left + 24, y: video.bottom - 48 };
}

for (const setup of SETUPS) {
  describe(`on a ${setup.name}, with native controls`, () => {
    let page;
    before(async () => { page = await layoutPage(browser, server.url, setup); });
    after(async () => { await page?.context().close(); });

    test("in every state, the part found at each reachable control's centre is that control, and none lies on the control bar", async () => {
      for (const [stateName, state] of Object.entries(STATES)) {
        await leave(page);
        await enter(page, state);
        const { parts, covers, host, video } = await reachable(page);
        const band = { left: video.left, right: video.right, top: video.bottom - BAND, bottom: video.bottom };
        assert.ok(parts.some((p) => !p.hotspot), `${stateName}: some control is reachable`);
        for (const part of parts) {
          assert.ok(inside(part.centre, host), `${stateName}: ${part.name}'s centre is inside the element`);
          // A hotspot may lie under another part or the control bar: then it must rest (see
          // layout-rests.test.mjs); every other reachable control is on top where it is.
          if (part.hotspot && (covers.some((box) => inside(part.centre, box)) || inside(part.centre, band))) continue;
          assert.ok(part.hitsItself, `${stateName}: at the centre of ${part.name} the shadow root finds ${part.hit}`);
          if (!part.hotspot) {
            assert.ok(part.box.bottom <= band.top + 0.5, `${stateName}: ${part.name} ends at ${part.box.bottom}, the control bar starts at ${band.top}`);
          }
        }
        for (const box of covers) {
          assert.ok(box.left >= host.left - 0.5 && box.right <= host.right + 0.5 && box.top >= host.top - 0.5
            && box.bottom <= band.top + 0.5, `${stateName}: a part at ${JSON.stringify(box)} stays inside the picture, above the bar`);
        }
      }
      assert.deepEqual(page.errors, []);
    });

    test("with everything open, tapping the card's × closes it and emits nothing; tapping where Play is plays the video", async () => {
      await leave(page);
      await enter(page, STATES["all at once"]);
      const before = (await page.evaluate(() => window.events.length));
      const close = (await reachable(page)).parts.find((p) => p.name === "card close");
      assert.ok(close, "the card's × is reachable");
      await tapAt(page, setup, close.centre);
      await page.waitForFunction(() => window.player.shadowRoot.querySelector('[part~="card"]').hidden, null, { timeout: 2_000 });
      const after = await page.evaluate((from) => window.events.slice(from).map((e) => e.type), before);
      assert.deepEqual(after, [], "no event from the ×");
      assert.deepEqual(await eventsOf(page, "shoppable-intent"), []);

      await enter(page, STATES["all at once"]);
      const { video } = await reachable(page);
      const play = playPoint(video);
      assert.equal(await page.evaluate(({ x, y }) => window.player.shadowRoot.elementFromPoint(x, y)?.getAttribute("part"), play),
        "video", "nothing of the overlay lies on the Play button");
      assert.equal(await page.evaluate(() => window.player.video.paused), true);
      await tapAt(page, setup, play);
      await page.waitForFunction(() => !window.player.video.paused, null, { timeout: 3_000 });
      await page.evaluate(() => window.player.video.pause());
      assert.deepEqual(await eventsOf(page, "shoppable-intent"), [], "no intent from a tap on Play");
      assert.deepEqual(page.errors, []);
    });

    test("taps on hotspots, the pinned title, rail items and toggles open or show products and never emit an intent", async () => {
      await leave(page);
      await page.evaluate(() => window.player.video.currentTime = 4);
      await enter(page, STATES.pinned);
      for (const kind of ["hotspot", "pinned pinned-title", "rail-toggle", "rail-item"]) {
        const { parts, covers } = await reachable(page);
        const target = parts.find((p) => p.name.startsWith(kind) && p.hitsItself
          && !(p.hotspot && covers.some((box) => inside(p.centre, box))));
        assert.ok(target, `a ${kind} is reachable`);
        await tapAt(page, setup, target.centre);
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        // An opened card is closed again (its × emits nothing, see above).
        await page.evaluate(() => {
          const root = window.player.shadowRoot;
          if (!root.querySelector('[part~="card"]').hidden) root.querySelector('[part~="close"]').click();
        });
      }
      assert.ok((await eventsOf(page, "shoppable-select")).length >= 2, "the hotspot and the pinned title opened their products");
      assert.deepEqual(await eventsOf(page, "shoppable-intent"), []);
      assert.deepEqual(page.errors, []);
    });

    test("an open card, or a rail sheet on a small player, leaves nothing it may cover reachable, by touch or by keyboard", async () => {
      await leave(page);
      await enter(page, STATES["all at once"]);
      const small = await page.evaluate(() => {
        const overlay = window.player.shadowRoot.querySelector('[part~="overlay"]');
        return overlay.clientWidth - 16 < 464 || overlay.clientHeight - 16 < 220;
      });
      const names = (await reachable(page)).parts.map((p) => p.name);
      assert.ok(names.includes("card close") && names.includes("card buy"), "the card's controls are reachable");
      assert.ok(!names.some((name) => name.startsWith("hotspot")), `no hotspot under an open card: ${names}`);
      if (small) assert.deepEqual(names.filter((name) => !name.startsWith("card ")), [], "a card sheet leaves only itself");
      // Tab and Shift+Tab from the card's button stay on what is reachable.
      for (const key of ["Tab", "Tab", "Tab", "Shift+Tab", "Shift+Tab", "Shift+Tab", "Shift+Tab"]) {
        await page.keyboard.press(key);
        const focused = await page.evaluate(() => {
          const element = window.player.shadowRoot.activeElement;
          if (!element) return null;
          return { part: element.getAttribute("part"), visible: getComputedStyle(element).visibility === "visible" };
        });
        if (focused) assert.ok(focused.visible, `${key} focused the resting ${focused.part}`);
      }
      if (small) {
        await page.evaluate(() => window.player.shadowRoot.querySelector('[part~="close"]').click());
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        const open = (await reachable(page)).parts.map((p) => p.name);
        assert.ok(open.some((name) => name.startsWith("rail-item")), "the rail sheet is open");
        assert.ok(!open.some((name) => name.startsWith("hotspot")), `no hotspot under a rail sheet: ${open}`);
      }
      assert.deepEqual(page.errors, []);
    });

    // Needs the element to mark a hotspot whose point lies under a shown part `inert` (see the
    // layout rule in the README): CSS cannot know where a hotspot is.
    test("a hotspot whose centre lies under a shown part or on the control bar rests (no taps, no focus) until it comes out", async () => {
      for (const [stateName, state] of Object.entries({ hotspots: STATES.hotspots, pinned: STATES.pinned, rail: STATES.rail })) {
        await leave(page);
        await enter(page, state);
        const { covers, video } = await reachable(page);
        const band = { left: video.left, right: video.right, top: video.bottom - BAND, bottom: video.bottom };
        const spots = await page.evaluate(() => [...window.player.shadowRoot.querySelectorAll('[part~="hotspot"]')].map((button) => {
          const box = button.getBoundingClientRect();
          button.focus();
          return {
            id: button.dataset.hotspotId,
            centre: { x: box.left + box.width / 2, y: box.top + box.height / 2 },
            resting: getComputedStyle(button).visibility !== "visible" || !!button.closest("[inert]"),
            focusable: window.player.shadowRoot.activeElement === button,
          };
        }));
        for (const spot of spots) {
          if (!covers.some((box) => inside(spot.centre, box)) && !inside(spot.centre, band)) continue;
          assert.ok(spot.resting && !spot.focusable, `${stateName}: hotspot ${spot.id} lies under a part or the control bar and is live`);
        }
      }
      await leave(page);
      assert.deepEqual(page.errors, []);
    });
  });
}
