// No silent death (CONTRACT.md section 2, code `internal`): when the module fails (a panic, a
// trap), every connected element says so once with `shoppable-error` code `internal` (errors: []),
// the module stops all work (no more frame callbacks, events or changes to the shadow trees; its
// listeners are inert), the videos keep playing, nothing is thrown to the host, and the panic's
// message reaches the console once. The failure is forced with the test-only build in
// www/pkg-test/ (`make pkg-test`, cargo feature failure-hook): the timeline value "test:panic"
// panics inside the host's call, "test:panic-on-frame" in the next frame callback.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { session } from "./harness.mjs";
import { WWW, frames } from "./element-helpers.mjs";

const FAILED = /shoppable-video stopped after an unexpected failure/;

let s;
before(async () => {
  assert.ok(existsSync(join(WWW, "pkg-test", "shoppable_video.js")), "the test build is missing: run `make pkg-test`");
  s = await session();
});
after(async () => { await s?.close(); });

/** The failure page with both players ready, playing from 1 s, their frame loops running. */
async function playing() {
  const page = await s.page("/test/failure.html", { waitForElement: false });
  await page.waitForFunction(() => window.testReady === true, null, { timeout: 15_000 });
  await page.waitForFunction(() => window.players.every((p) => p.video && p.video.readyState >= 2)
    && window.events.filter((e) => e.type === "shoppable-ready").length === 2, null, { timeout: 15_000 });
  await page.evaluate(async () => {
    for (const player of window.players) player.video.currentTime = 1.0;
    await Promise.all(window.players.map((p) => p.video.play()));
  });
  const before = await page.evaluate(() => window.frameRequests);
  await page.waitForFunction((before) => window.frameRequests >= before + 6, before, { timeout: 10_000 });
  return page;
}

/**
 * After the failure: both players said `internal` once; then, while the videos play on for a
 * second of media time (past the times their hotspots would show), nothing of the module runs.
 */
async function checkStopped(page, { thrown }) {
  assert.equal(thrown, null, `nothing thrown to the host: ${thrown}`);
  await page.waitForFunction(() => ["one", "two"].every((name) =>
    window.events.some((e) => e.player === name && e.type === "shoppable-error" && e.detail.code === "internal")), null, { timeout: 10_000 });
  await frames(page, 2);
  const atFailure = await page.evaluate(() => {
    window.watchShadows();
    return {
      events: window.events.length,
      frameRequests: window.frameRequests,
      times: window.players.map((p) => p.video.currentTime),
    };
  });
  // Play on: at least one more second of media time on both (1 s -> past 2 s and 3 s, where hotspots start).
  await page.waitForFunction((times) => window.players.every((p, i) => !p.video.paused && p.video.currentTime >= times[i] + 1.0),
    atFailure.times, { timeout: 10_000 });
  // The listeners are inert: a rail item's click selects nothing.
  await page.evaluate(() => window.players[0].shadowRoot.querySelector('[part~="rail-item"]').click());
  await frames(page, 2);
  const later = await page.evaluate(() => ({
    events: window.events.length,
    frameRequests: window.frameRequests,
    shadowMutations: window.shadowMutations,
    cardHidden: window.players[0].shadowRoot.querySelector('[part~="card"]').hidden,
    playing: window.players.map((p) => !p.video.paused),
  }));
  const internal = await page.evaluate(() => window.events.filter((e) => e.type === "shoppable-error"));
  assert.deepEqual(internal.map((e) => e.player).sort(), ["one", "two"], "one shoppable-error per connected element");
  for (const { detail } of internal) {
    assert.equal(detail.code, "internal");
    assert.deepEqual(detail.errors, []);
    assert.ok(detail.message.length > 0);
  }
  assert.deepEqual(later.playing, [true, true], "the videos keep playing");
  assert.equal(later.events, atFailure.events, "no further events");
  assert.equal(later.frameRequests, atFailure.frameRequests, "no further frame callbacks requested");
  assert.equal(later.shadowMutations, 0, "no further changes to the shadow trees");
  assert.equal(later.cardHidden, true, "a click opens nothing");

  // An element connected after the failure says so too, and does nothing else.
  await page.evaluate(() => window.addPlayer("three"));
  await page.waitForFunction(() => window.events.some((e) => e.player === "three"));
  await frames(page, 2);
  const third = await page.evaluate(() => window.events.filter((e) => e.player === "three").map((e) => [e.type, e.detail.code]));
  assert.deepEqual(third, [["shoppable-error", "internal"]]);

  // The panic's message, once; no other error.
  const failures = page.errors.filter((text) => FAILED.test(text));
  assert.equal(failures.length, 1, `the failure reaches the console once: ${JSON.stringify(page.errors)}`);
  assert.match(failures[0], /panic/, failures[0]);
  assert.deepEqual(page.errors.filter((text) => !FAILED.test(text)), [], "no other page or console error");
}

test("a panic inside a host's call (setAttribute timeline=test:panic): shoppable-error internal on every element, all work stops, the videos play on", async () => {
  const page = await playing();
  const thrown = await page.evaluate(() => {
    try { window.players[0].setAttribute("timeline", "test:panic"); return null; } catch (error) { return String(error); }
  });
  await checkStopped(page, { thrown });
});

test("a panic in a frame callback (timeline=test:panic-on-frame): shoppable-error internal on every element, all work stops, the videos play on", async () => {
  const page = await playing();
  const thrown = await page.evaluate(() => {
    try { window.players[1].setAttribute("timeline", "test:panic-on-frame"); return null; } catch (error) { return String(error); }
  });
  await checkStopped(page, { thrown });
});
