// Live streams for real (CONTRACT.md sections 3 and 4): a local live origin (tests/live/
// origin.mjs: ffmpeg loops the demo clip into a sliding-window HLS playlist with program
// date-times, 1 s segments, 10 in the window) and viewers playing it with hls.js in Chromium
// (www/test/live-stream.html), each setting programTimeOffset from hls.js's fragments.
//
// Viewer A joins first, 3 s behind the live edge; viewer B joins 10 s later, 6 s behind. Both
// must show a program-time hotspot and a date-range hotspot on exactly the frames whose
// program time is in range, at different wall-clock moments: each show and hide comes on the
// first frame at or past the start and the end, never before it, so within one frame of it
// when the browser shows every frame. The page reckons each frame's program time itself, from
// hls.js's fragments, with its own frame callbacks. A loaded machine drops some frames, or
// presents them without running callbacks (the element's or the page's): a hotspot can only
// appear on a frame whose callback ran, so the check is against the frames the page saw.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { session } from "./harness.mjs";
import { startOrigin, hotspotAttribute } from "../live/origin.mjs";

const FRAME = 1 / 30;
/** Slack for rounding: program times are about 1.8e9 s, where a double's step is 0.24 µs. */
const EPSILON = 1e-3;
const LATENCY_A = 3;
const LATENCY_B = 6;

const TIMELINE = {
  version: 1,
  clock: "program",
  currency: "CNY",
  products: [
    { id: "vase-01", title: "Cloisonne vase", price: 1280 },
    { id: "fan-02", title: "Silk folding fan", price: 168 },
  ],
  hotspots: [],
};

let s;
let origin;
/** The two viewers' pages, made by the first test that needs them. */
let viewers = null;

before(async () => {
  origin = await startOrigin({ segmentSeconds: 1, windowSegments: 10, maxSeconds: 170 });
  s = await session();
});
after(async () => {
  await s?.close();
  await origin?.close();
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A viewer `liveSyncDuration` seconds behind live, playing, with a known program time. */
async function viewer(liveSyncDuration) {
  const page = await s.page("/test/live-stream.html", { waitForElement: false });
  await page.waitForFunction(() => window.testReady === true);
  await page.evaluate(([playlist, liveSyncDuration, timeline]) => window.watch({ playlist, liveSyncDuration, timeline }),
    [origin.playlistUrl, liveSyncDuration, TIMELINE]);
  await page.waitForFunction(() => window.player.programTimeOffset !== null && window.player.video.currentTime > 0.5
    && Number.isFinite(window.programNow()), null, { timeout: 20_000 });
  return page;
}

async function twoViewers() {
  if (!viewers) {
    const a = await viewer(LATENCY_A);
    await sleep(10_000);
    const b = await viewer(LATENCY_B);
    viewers = { a, b };
  }
  return viewers;
}

/** How far behind the live edge the page's presented frame is, in seconds. */
const behind = (page) => page.evaluate(() => Date.now() / 1000 - window.programNow());

/** Waits for the show and the hide of hotspot `id`; returns both events. */
async function showAndHide(page, id, timeout = 25_000) {
  await page.waitForFunction((id) => window.events.some((e) => e.type === "shoppable-hotspot-hide" && e.detail.hotspotId === id),
    id, { timeout });
  return page.evaluate((id) => {
    const show = window.events.find((e) => e.type === "shoppable-hotspot-show" && e.detail.hotspotId === id);
    const hide = window.events.find((e) => e.type === "shoppable-hotspot-hide" && e.detail.hotspotId === id);
    // The frame of each, and the frame before it, as the page's own callbacks saw them.
    const at = (event) => window.frames.find((f) => f.media === event.detail.videoTime);
    const before = (event) => window.frames.filter((f) => f.media < event.detail.videoTime).pop();
    return { show, hide, showFrame: at(show), hideFrame: at(hide), beforeShow: before(show), beforeHide: before(hide) };
  }, id);
}

/**
 * Shown on exactly the frames whose program time is in [start, end): shown, and hidden, on the
 * first frame the page saw at or past the start (the end), never on one before it; so within
 * one frame of it unless the browser dropped or skipped frames there (then within the gap).
 */
function assertExactFrames(seen, start, end, who) {
  const edges = [["shown", seen.show, seen.showFrame, seen.beforeShow, start], ["hidden", seen.hide, seen.hideFrame, seen.beforeHide, end]];
  for (const [what, event, frame, before, edge] of edges) {
    const late = `${((event.program - edge) * 1000).toFixed(1)} ms after ${edge}`;
    assert.ok(event.program >= edge - EPSILON, `${who}: ${what} early, at program ${event.program}, before ${edge}`);
    assert.ok(before.program < edge + EPSILON, `${who}: ${what} ${late}, but the frame before (${before.program}) was already past it`);
    assert.ok(frame, `${who}: the page saw the frame the element ${what} the hotspot on`);
    assert.ok(event.program - edge < 0.5, `${who}: ${what} ${late}`);
    if (event.program - before.program < FRAME + EPSILON) {
      assert.ok(event.program - edge < FRAME + EPSILON, `${who}: ${what} ${late}, though no frame was dropped`);
    }
  }
}

test("two viewers joining 10 s apart with different latencies both show a program-time hotspot on the frames whose program time is in range", async () => {
  const { a, b } = await twoViewers();
  const [behindA, behindB] = [await behind(a), await behind(b)];
  assert.ok(behindB - behindA > 1.5, `B watches later than A: ${behindA.toFixed(2)} s and ${behindB.toFixed(2)} s behind`);

  // Ahead of both viewers, between two frames; added at run time in the timeline's clock.
  const start = origin.liveEdge() + 1.51;
  const hotspot = { id: "flash-sale", product: "vase-01", start, end: start + 2.5, x: 0.42, y: 0.61 };
  for (const page of [a, b]) await page.evaluate((hotspot) => window.player.addHotspots([hotspot]), hotspot);

  const seenA = await showAndHide(a, "flash-sale");
  const seenB = await showAndHide(b, "flash-sale");
  assertExactFrames(seenA, hotspot.start, hotspot.end, "viewer A");
  assertExactFrames(seenB, hotspot.start, hotspot.end, "viewer B");
  // The same program moment, reached at different media times and wall-clock times.
  assert.notEqual(seenA.show.detail.videoTime, seenB.show.detail.videoTime);
  const apart = (seenB.show.wall - seenA.show.wall) / 1000;
  assert.ok(Math.abs(apart - (behindB - behindA)) < 0.75, `B saw it ${apart.toFixed(2)} s after A`);
  for (const page of [a, b]) assert.deepEqual(page.errors, []);
});

test("both viewers show a date-range hotspot the producer inserts into the live playlist while they watch", async () => {
  const { a, b } = await twoViewers();
  const start = origin.liveEdge() + 1;
  const range = origin.addDateRange({ id: "fan-now", start, duration: 2,
    hotspot: { product: "fan-02", x: 0.75, y: 0.3, label: "Now on stream" } });
  const seenA = await showAndHide(a, "fan-now");
  const seenB = await showAndHide(b, "fan-now");
  assertExactFrames(seenA, range.start, range.end, "viewer A");
  assertExactFrames(seenB, range.start, range.end, "viewer B");
  assert.equal(seenA.show.detail.productId, "fan-02");
  assert.ok(seenB.show.wall - seenA.show.wall > 1000, "B, further behind, sees it later");
  // Its id is the tag's ID; its times are the cue's (media time: hls.js mapped START-DATE).
  // After it hid it stays listed, until its date range leaves the playlist (the last test).
  const listed = await a.evaluate(() => window.player.timeline.hotspots.find((h) => h.id === "fan-now"));
  assert.equal(listed.clock, "media");
  assert.equal(listed.label, "Now on stream");
  assert.ok(Math.abs(listed.start - seenA.show.detail.videoTime) <= FRAME, "the cue's start is the show's frame");
});

test("invalid date-range payloads give shoppable-error with the date range's path", async () => {
  const { a } = await twoViewers();
  const start = origin.liveEdge() + 1;
  origin.addDateRange({ id: "bad-base64", start, duration: 2, xHotspot: "not base64!" });
  // Strict RFC 4648, which the browser's atob alone is not: `{}` is "e30=", and each of these
  // decodes to it (or to bytes) under atob's forgiving rules.
  origin.addDateRange({ id: "bad-padding", start, duration: 2, xHotspot: "e30" });
  origin.addDateRange({ id: "bad-space", start, duration: 2, xHotspot: "e3 0=" });
  origin.addDateRange({ id: "bad-bits", start, duration: 2, xHotspot: "e31=" });
  origin.addDateRange({ id: "bad-utf8", start, duration: 2, xHotspot: "/w==" });
  origin.addDateRange({ id: "bad-json", start, duration: 2, xHotspot: Buffer.from("{product:", "utf8").toString("base64") });
  origin.addDateRange({ id: "bad-x", start, duration: 2, hotspot: { product: "vase-01", x: 2, y: 0.5 } });
  origin.addDateRange({ id: "no-end", start, xHotspot: hotspotAttribute({ product: "vase-01", x: 0.5, y: 0.5 }) });
  const expected = ["dateranges[bad-base64]", "dateranges[bad-padding]", "dateranges[bad-space]", "dateranges[bad-bits]", "dateranges[bad-utf8]", "dateranges[bad-json]", "dateranges[bad-x].x", "dateranges[no-end].end"];
  await a.waitForFunction((expected) => {
    const paths = window.events.filter((e) => e.type === "shoppable-error").flatMap((e) => e.detail.errors.map((p) => p.path));
    return expected.every((path) => paths.includes(path));
  }, expected, { timeout: 15_000 });
  const errors = await a.evaluate(() => window.events.filter((e) => e.type === "shoppable-error").map((e) => e.detail));
  for (const error of errors) assert.equal(error.code, "invalid-timeline");
  const problems = errors.flatMap((error) => error.errors);
  assert.deepEqual(problems.map((p) => p.path).sort(), [...expected].sort());
  for (const id of ["bad-base64", "bad-padding", "bad-space", "bad-bits", "bad-utf8"]) {
    assert.equal(problems.find((p) => p.path === `dateranges[${id}]`).message, "X-HOTSPOT is not the base64 (RFC 4648) of UTF-8 text");
  }
  assert.match(problems.find((p) => p.path === "dateranges[bad-json]").message, /line 1, column 2/);
  assert.match(problems.find((p) => p.path === "dateranges[bad-x].x").message, /between 0 and 1/);
  const ids = await a.evaluate(() => window.player.timeline.hotspots.map((h) => h.id));
  assert.ok(!ids.some((id) => id.startsWith("bad-") || id === "no-end"), `refused ranges did not join: ${ids}`);
});

test("the demo's live.html?stream plays the origin with hls.js, and its console shows a product in the stream now", async () => {
  const page = await s.page(`/live.html?stream=${encodeURIComponent(origin.playlistUrl)}`);
  await page.waitForFunction(() => window.liveReady === true && document.getElementById("player").programTimeOffset !== null
    && document.getElementById("player").video.currentTime > 0.5, null, { timeout: 20_000 });
  assert.equal(await page.evaluate(() => document.getElementById("player").timeline.clock), "program");
  await page.selectOption("#stream-product", "tea-03");
  await page.click("#stream-now");
  await page.waitForFunction(() => window.shoppableEvents.some((e) => e.type === "shoppable-hotspot-show" && e.detail.productId === "tea-03"),
    null, { timeout: 15_000 });
  assert.match(await page.textContent("#stream-note"), /^In the stream at /);
  assert.match(await page.textContent("#stream-status"), /s behind live/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("date-range hotspots leave the element as the live window moves past them", async () => {
  const { a, b } = await twoViewers();
  // fan-now stayed listed after it hid (the test before); once it is behind the window's first
  // segment the origin drops it from the playlist, hls.js drops its cue, and the element its
  // hotspot.
  for (const page of [a, b]) {
    await page.waitForFunction(() => !window.player.timeline.hotspots.some((h) => h.id === "fan-now"), null, { timeout: 25_000 });
  }
  // The host's own program-time hotspot stays until the host removes it.
  assert.ok(await a.evaluate(() => window.player.timeline.hotspots.some((h) => h.id === "flash-sale")));
  for (const page of [a, b]) assert.deepEqual(page.errors, []);
});

test("programTimeOffset takes a finite number of seconds or null, and refuses anything else", async () => {
  const { a } = await twoViewers();
  const answers = await a.evaluate(() => {
    const element = document.createElement("shoppable-video");
    const seen = [element.programTimeOffset];
    element.programTimeOffset = 1_795_000_000.5;
    seen.push(element.programTimeOffset);
    for (const bad of [NaN, Infinity, "1795000000"]) {
      try { element.programTimeOffset = bad; seen.push("accepted"); } catch (error) { seen.push(error.name); }
    }
    seen.push(element.programTimeOffset);
    element.programTimeOffset = null;
    seen.push(element.programTimeOffset);
    return seen;
  });
  assert.deepEqual(answers, [null, 1_795_000_000.5, "TypeError", "TypeError", "TypeError", 1_795_000_000.5, null]);
});
