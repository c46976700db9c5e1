// Hotspots from a WebVTT metadata track (CONTRACT.md section 4): www/test/live-vtt.html puts
// the host's own <video> inside the element, with <track kind="metadata" label="shoppable"
// src="../media/crafts.vtt">; its timeline gives only the products.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { session } from "./harness.mjs";
import { seek, shownButtons, openLive, eventsOf } from "./live-helpers.mjs";

let s;
before(async () => { s = await session(); });
after(async () => { await s?.close(); });

/** The cues of crafts.vtt, parsed here independently of the browser: { id, start, end, json }. */
function cues() {
  const text = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "..", "..", "www", "media", "crafts.vtt"), "utf8");
  const seconds = (stamp) => stamp.split(":").reduce((total, part) => total * 60 + Number(part), 0);
  const list = [];
  for (const block of text.split(/\n\s*\n/)) {
    const lines = block.trim().split("\n");
    const at = lines.findIndex((line) => line.includes("-->"));
    if (at < 0) continue;
    const [start, end] = lines[at].split("-->").map((stamp) => seconds(stamp.trim().split(/\s/)[0]));
    const json = JSON.parse(lines.slice(at + 1).join("\n"));
    list.push({ id: at === 1 ? lines[0].trim() : null, start, end, json });
  }
  return list.map((cue, i) => ({ ...cue, id: cue.json.id ?? cue.id ?? `vtt-${i + 1}` }));
}

async function openVtt() {
  const page = await s.page("/test/live-vtt.html", { waitForElement: false });
  await page.waitForFunction(() => window.testReady === true);
  await page.waitForFunction(() => window.player.video && window.player.video.readyState >= 2, null, { timeout: 15_000 });
  await page.waitForFunction(() => window.events.some((e) => e.type === "shoppable-ready"));
  // The track's cues load on their own schedule: wait until the element has them.
  await page.waitForFunction(() => window.player.timeline.hotspots.length > 0, null, { timeout: 10_000 });
  return page;
}

test("crafts.vtt is a metadata track of hotspot JSON with and without cue identifiers", () => {
  const list = cues();
  assert.ok(list.length >= 3);
  assert.ok(list.some((cue) => cue.id.startsWith("vtt-")), "one cue has no identifier");
  for (const cue of list) {
    assert.equal(cue.json.start, undefined, "no start in the cue text");
    assert.equal(cue.json.end, undefined, "no end in the cue text");
    assert.ok(cue.end > cue.start);
  }
});

test("the element uses the host's child video and turns each cue into a hotspot with the cue's id and times", async () => {
  const page = await openVtt();
  const state = await page.evaluate(() => ({
    ownVideo: window.player.video === window.player.querySelector(":scope > video"),
    hotspots: window.player.timeline.hotspots,
    errors: window.events.filter((e) => e.type === "shoppable-error").map((e) => e.detail),
  }));
  assert.equal(state.ownVideo, true, "element.video is the host's child video");
  assert.deepEqual(state.errors, []);
  const expected = cues();
  assert.deepEqual(state.hotspots.map((h) => h.id), expected.map((cue) => cue.id));
  for (const cue of expected) {
    const hotspot = state.hotspots.find((h) => h.id === cue.id);
    assert.ok(Math.abs(hotspot.start - cue.start) < 1e-6, `${cue.id} start ${hotspot.start}`);
    assert.ok(Math.abs(hotspot.end - cue.end) < 1e-6, `${cue.id} end ${hotspot.end}`);
    assert.equal(hotspot.product, cue.json.product);
  }
  assert.deepEqual(page.errors, []);
});

test("a cue's hotspot is visible at a time inside the cue and not outside it", async () => {
  const page = await openVtt();
  const list = cues();
  for (const cue of list) {
    const inside = (cue.start + cue.end) / 2;
    await seek(page, inside);
    const active = await page.evaluate(() => window.player.activeHotspots);
    assert.ok(active.includes(cue.id), `${cue.id} visible at ${inside}: ${JSON.stringify(active)}`);
    assert.ok((await shownButtons(page)).includes(cue.id), `${cue.id} has a button at ${inside}`);
    // Exactly the cues that cover this time (start <= t < end).
    const covering = list.filter((c) => c.start <= inside && inside < c.end).map((c) => c.id);
    assert.deepEqual([...active].sort(), [...covering].sort(), `active at ${inside}`);
  }
  for (const t of [1.0, list.find((cue) => cue.id.startsWith("vtt-")).end + 0.5]) {
    await seek(page, t);
    const active = await page.evaluate(() => window.player.activeHotspots);
    const covering = list.filter((c) => c.start <= t && t < c.end).map((c) => c.id);
    assert.deepEqual([...active].sort(), [...covering].sort(), `active at ${t}`);
  }
  const unnamed = list.find((cue) => cue.id.startsWith("vtt-"));
  await seek(page, unnamed.end + 0.5);
  assert.ok(!(await page.evaluate(() => window.player.activeHotspots)).includes(unnamed.id));
  await seek(page, unnamed.start - 0.5);
  assert.ok(!(await page.evaluate(() => window.player.activeHotspots)).includes(unnamed.id));
});

test("a cue's hotspot shows while the child video plays", async () => {
  const page = await openVtt();
  await seek(page, 1.6);
  assert.deepEqual(await page.evaluate(() => window.player.activeHotspots), []);
  await page.evaluate(() => window.player.video.play());
  await page.waitForFunction(() => window.player.activeHotspots.includes("cue-vase"), null, { timeout: 10_000 });
  const show = await page.evaluate(() => window.events.find((e) => e.type === "shoppable-hotspot-show" && e.detail.hotspotId === "cue-vase").detail);
  assert.equal(show.productId, "vase-01");
  assert.ok(show.videoTime >= 2.0, `shown at ${show.videoTime}`);
  await page.evaluate(() => window.player.video.pause());
});

test("cues wait for their product (upsertProducts), invalid cues are refused with shoppable-error, a JSON id wins", async () => {
  const page = await openLive(s);
  await page.evaluate(() => window.mountLive({
    attributes: { timeline: "live-products.timeline.json", locale: "en-US" },
    css: "shoppable-video { width: 800px; }",
    child: {
      attributes: { src: "../media/crafts.webm", muted: true, playsinline: true, preload: "auto" },
      tracks: [{ attributes: { kind: "metadata", label: "shoppable", src: "live-extra.vtt", default: true } }],
    },
  }));
  await page.waitForFunction(() => window.player.video.readyState >= 2, null, { timeout: 15_000 });
  await page.waitForFunction(() => window.events.some((e) => e.type === "shoppable-ready"));
  await page.waitForFunction(() => window.player.timeline.hotspots.some((h) => h.id === "own-id"), null, { timeout: 10_000 });
  await page.waitForFunction(() => window.events.filter((e) => e.type === "shoppable-error")
    .reduce((n, e) => n + e.detail.errors.length, 0) >= 2);

  const refused = await eventsOf(page, "shoppable-error");
  for (const error of refused) {
    assert.equal(error.code, "invalid-timeline");
    assert.ok(error.errors.length > 0);
  }
  const ids = await page.evaluate(() => window.player.timeline.hotspots.map((h) => h.id));
  assert.deepEqual(ids, ["own-id"], "only the valid cue whose product is known joined");

  await seek(page, 3.5);
  assert.deepEqual(await page.evaluate(() => window.player.activeHotspots), ["own-id"]);
  // The lamp's product arrives: its cue joins, visible at once on the paused video.
  const active = await page.evaluate(() => {
    window.player.upsertProducts([{ id: "lamp-04", title: "Palace lantern", price: 298 }]);
    return window.player.activeHotspots;
  });
  assert.deepEqual([...active].sort(), ["lamp", "own-id"]);
  assert.deepEqual((await shownButtons(page)).sort(), ["lamp", "own-id"]);
  await seek(page, 5.5);
  assert.deepEqual(await page.evaluate(() => window.player.activeHotspots), ["own-id"]);
});
