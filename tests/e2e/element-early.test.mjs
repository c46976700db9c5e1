// The element before init() (CONTRACT.md sections 1 and 2), in the order a framework renders:
// the package module is imported (which defines nothing yet: init() defines <shoppable-video>),
// elements are created and given their `timeline` as a property (React 19 sets properties) and
// connected, and only later is init() called. The property is taken as a timeline object when
// the element is upgraded, never turned into an attribute; the timeline becomes active after
// init(), and `shoppable-ready` reaches a listener added after the setter returned. An element
// in the markup, given its timeline before the package was even imported, works the same.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { session } from "./harness.mjs";
import { readJson, seek } from "./element-helpers.mjs";

const TIMELINE = readJson("media/crafts.timeline.json");

let s;
before(async () => { s = await session(); });
after(async () => { await s?.close(); });

test("an element created and given a timeline object after the package is imported but before init() becomes active after init(), and shoppable-ready comes after the setter returned", async () => {
  const page = await s.page("/test/early.html", { waitForElement: false });
  await page.waitForFunction(() => window.testReady === true);
  const beforeInit = await page.evaluate(async (timeline) => {
    window.log = [];
    const record = (name) => (event) => window.log.push(`${name}:${event.type}`);
    // Given its timeline before the element is defined (an own property of an unknown element).
    const inMarkup = document.getElementById("in-markup");
    inMarkup.timeline = timeline;
    const definedBefore = customElements.get("shoppable-video") !== undefined;

    window.pkg = await window.importPackage();
    const definedOnImport = customElements.get("shoppable-video") !== undefined;

    // React's order: create, set properties, connect; the listener comes after the setter.
    const player = document.createElement("shoppable-video");
    for (const [name, value] of Object.entries({ src: "/media/crafts.webm", muted: "", playsinline: "", preload: "auto" })) {
      player.setAttribute(name, value);
    }
    player.timeline = timeline;
    window.log.push("react:setter returned");
    for (const type of ["shoppable-ready", "shoppable-error"]) {
      player.addEventListener(type, record("react"));
      inMarkup.addEventListener(type, record("markup"));
    }
    document.getElementById("stage").append(player);
    window.reactPlayer = player;
    await new Promise((resolve) => setTimeout(resolve));
    return {
      definedBefore,
      definedOnImport,
      attributes: [player.getAttribute("timeline"), inMarkup.getAttribute("timeline")],
      log: [...window.log],
    };
  }, TIMELINE);
  assert.equal(beforeInit.definedBefore, false);
  assert.equal(beforeInit.definedOnImport, false, "importing the package defines nothing (init() does)");
  assert.deepEqual(beforeInit.attributes, [null, null], "the timeline object is never turned into an attribute");
  assert.deepEqual(beforeInit.log, ["react:setter returned"], "nothing happens before init()");

  const upgraded = await page.evaluate(async () => {
    await window.pkg.default();
    const defined = customElements.get("shoppable-video");
    return [window.reactPlayer, document.getElementById("in-markup")].map((p) => p instanceof defined);
  });
  assert.deepEqual(upgraded, [true, true], "init() defines the element and upgrades both");
  await page.waitForFunction(() => window.log.length >= 3, null, { timeout: 10_000 });
  const log = await page.evaluate(() => window.log);
  assert.deepEqual(log.slice().sort(), ["markup:shoppable-ready", "react:setter returned", "react:shoppable-ready"].sort());
  assert.equal(log[0], "react:setter returned", "shoppable-ready after the setter returned");
  const details = await page.evaluate(() => [window.reactPlayer, document.getElementById("in-markup")].map((p) => p.timeline.hotspots.length));
  assert.deepEqual(details, [TIMELINE.hotspots.length, TIMELINE.hotspots.length], "the timeline getter gives the timeline set before init()");

  // Both show the timeline's hotspots at their times.
  for (const selector of ["reactPlayer", "in-markup"]) {
    await page.evaluate((selector) => { window.player = window[selector] ?? document.getElementById(selector); }, selector);
    await page.waitForFunction(() => window.player.video && window.player.video.readyState >= 2, null, { timeout: 15_000 });
    await seek(page, 3.5);
    assert.deepEqual(await page.evaluate(() => window.player.activeHotspots), ["vase-still", "fan"], selector);
    const buttons = await page.evaluate(() => [...window.player.shadowRoot.querySelectorAll('[part~="hotspot"]')]
      .filter((b) => !b.closest("[hidden]")).map((b) => b.dataset.hotspotId).sort());
    assert.deepEqual(buttons, ["fan", "vase-still"], selector);
  }

  // After init(), a new element's listener added right after the setter still hears shoppable-ready.
  const late = await page.evaluate(async (timeline) => {
    const player = document.createElement("shoppable-video");
    const seen = [];
    player.timeline = timeline;
    player.addEventListener("shoppable-ready", (event) => seen.push(event.detail));
    const duringCall = seen.length;
    await new Promise((resolve) => setTimeout(resolve));
    return { duringCall, seen };
  }, TIMELINE);
  assert.deepEqual(late, { duringCall: 0, seen: [{ products: 3, hotspots: 4 }] });
  assert.deepEqual(page.errors, []);
});
