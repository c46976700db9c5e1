// Garbage collection (CONTRACT.md section 2): a removed element that the page no longer
// references is collected with its video and shadow tree, and nothing of it stays reachable from
// the module. 300 players are created, given a timeline (an object, or a URL), played until a
// hotspot shows, and removed (ten at a time, as a feed scrolls); a third of them use the host's
// own child video. After forced garbage collection (the DevTools protocol) none of the hosts or
// videos is alive (WeakRefs), and the page's DOM node count, its listeners, the JS heap and the
// module's memory are back within a small bound. (Wasm memory never shrinks: "back" means that
// after the first round, whose players' space is reused by the next ones, it does not grow.)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { session } from "./harness.mjs";
import { readJson } from "./element-helpers.mjs";

const TIMELINE = readJson("media/crafts.timeline.json");
const CYCLES = 300;
const AT_ONCE = 10;
const ROUNDS = 6; // garbage is collected after each round of CYCLES / ROUNDS cycles
// Bounds, from where things stand after the first round (and its collection) to the end.
const MAX_EXTRA_NODES = 20; // one player and its shadow tree are about 200 nodes
// Since the very start, the page may keep the element's shared templates (made once, cloned per
// player): fewer nodes than one player's tree.
const MAX_ONE_TIME_NODES = 150;
const MAX_EXTRA_WASM = 128 * 1024; // two pages of Wasm memory; a leak of 4.9 KB per player is 1.2 MB
const MAX_EXTRA_JS_HEAP = 256 * 1024; // the test's own WeakRefs included; 1.9 KB per player is 475 KB

let s;
before(async () => { s = await session(); });
after(async () => { await s?.close(); });

/** Full garbage collection (V8 and the DOM), with tasks in between so finalizers run and free more. */
async function collect(page, cdp) {
  for (let i = 0; i < 3; i += 1) {
    await cdp.send("HeapProfiler.collectGarbage");
    await page.evaluate(() => window.tasks(5));
  }
}

async function measure(page, cdp) {
  const { nodes, jsEventListeners } = await cdp.send("Memory.getDOMCounters");
  const { usedSize } = await cdp.send("Runtime.getHeapUsage");
  const wasm = await page.evaluate(() => window.wasmBytes());
  return { nodes, jsEventListeners, jsHeap: usedSize, wasm };
}

/** Runs `count` create, timeline, play, remove cycles in the page, `AT_ONCE` players at a time. */
async function cycles(page, count) {
  return page.evaluate(async ({ count, atOnce, timeline }) => {
    window.refs ||= { hosts: [], videos: [] };
    const stage = document.getElementById("stage");
    let shown = 0;
    for (let done = 0; done < count; done += atOnce) {
      const players = [];
      const working = [];
      for (let i = 0; i < atOnce; i += 1) {
        // Three kinds of host: a created video and a timeline object; a created video and a
        // timeline URL (fetched); the host's own child video and a timeline object.
        const kind = (done + i) % 3;
        const player = document.createElement("shoppable-video");
        const media = { src: "/media/crafts.webm", muted: "", playsinline: "", preload: "auto" };
        const target = kind === 2 ? player.appendChild(document.createElement("video")) : player;
        for (const [name, value] of Object.entries(media)) target.setAttribute(name, value);
        if (kind === 2) target.muted = true;
        if (kind === 1) player.setAttribute("timeline", "/media/crafts.timeline.json");
        else player.timeline = timeline;
        stage.append(player);
        const video = player.video;
        video.currentTime = 2.4;
        // Working means: its timeline became active, and playing showed a hotspot.
        working.push(new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error("a player did not show its hotspot within 10 s")), 10_000);
          let ready = false;
          player.addEventListener("shoppable-ready", () => { ready = true; }, { once: true });
          player.addEventListener("shoppable-error", (event) => reject(new Error(JSON.stringify(event.detail))), { once: true });
          player.addEventListener("shoppable-hotspot-show", () => {
            clearTimeout(timer);
            if (ready) { shown += 1; resolve(); } else reject(new Error("a hotspot showed before shoppable-ready"));
          }, { once: true });
        }));
        video.play().catch(() => {});
        window.refs.hosts.push(new WeakRef(player));
        window.refs.videos.push(new WeakRef(video));
        players.push(player);
      }
      await Promise.all(working);
      for (const player of players) player.remove();
    }
    return shown;
  }, { count, atOnce: AT_ONCE, timeline: TIMELINE });
}

test(`${CYCLES} create, timeline, play, remove cycles: after garbage collection no removed host or video is alive, DOM nodes and Wasm memory are back`, async () => {
  const page = await s.page("/test/lifetime.html", { waitForElement: false });
  await page.waitForFunction(() => window.testReady === true);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.enable");
  await collect(page, cdp);
  const start = await measure(page, cdp);

  const perRound = CYCLES / ROUNDS;
  let shown = 0;
  const rounds = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    shown += await cycles(page, perRound);
    await collect(page, cdp);
    rounds.push(await measure(page, cdp));
  }
  const alive = await page.evaluate(() => ({
    hosts: window.refs.hosts.filter((ref) => ref.deref() !== undefined).length,
    videos: window.refs.videos.filter((ref) => ref.deref() !== undefined).length,
    total: window.refs.hosts.length,
  }));
  const [first] = rounds;
  const last = rounds.at(-1);
  console.log(`start: ${JSON.stringify(start)}\nafter each round of ${perRound}: ${rounds.map((r) => JSON.stringify(r)).join("\n  ")}`);
  console.log(`alive after collection: ${JSON.stringify(alive)}; from round 1 to the end: ${last.nodes - first.nodes} nodes, `
    + `${last.wasm - first.wasm} B Wasm, ${last.jsHeap - first.jsHeap} B JS heap; since the start: ${last.nodes - start.nodes} nodes, ${last.wasm - start.wasm} B Wasm`);

  assert.equal(shown, CYCLES, "every player worked (its timeline became active and a hotspot showed while playing)");
  assert.equal(alive.total, CYCLES);
  assert.equal(alive.hosts, 0, `${alive.hosts} of ${CYCLES} removed hosts are still alive after garbage collection`);
  assert.equal(alive.videos, 0, `${alive.videos} of ${CYCLES} removed videos are still alive after garbage collection`);
  assert.ok(last.nodes - first.nodes <= MAX_EXTRA_NODES,
    `DOM nodes: ${first.nodes} after the first round, ${last.nodes} after the last (bound +${MAX_EXTRA_NODES})`);
  assert.ok(last.nodes - start.nodes <= MAX_ONE_TIME_NODES,
    `DOM nodes: ${start.nodes} at the start, ${last.nodes} after ${CYCLES} cycles (bound +${MAX_ONE_TIME_NODES})`);
  assert.ok(last.wasm - first.wasm <= MAX_EXTRA_WASM,
    `Wasm memory: ${first.wasm} B after the first round, ${last.wasm} B after the last (bound +${MAX_EXTRA_WASM} B)`);
  assert.ok(last.jsHeap - first.jsHeap <= MAX_EXTRA_JS_HEAP,
    `JS heap: ${first.jsHeap} B after the first round, ${last.jsHeap} B after the last (bound +${MAX_EXTRA_JS_HEAP} B)`);
  assert.ok(last.jsEventListeners <= start.jsEventListeners,
    `event listeners: ${start.jsEventListeners} at the start, ${last.jsEventListeners} at the end`);
  assert.deepEqual(page.errors, []);
});
