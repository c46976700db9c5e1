// Browser benchmarks of <shoppable-video> against a peer (`make bench`, after the native ones).
// Headless Debian Chromium through playwright-core, with the end-to-end harness's launch
// arguments; www/ is served on a loopback port like the harness does, plus two headers
// (COOP same-origin, COEP require-corp) that make the pages cross-origin isolated, so
// `performance.now()` has 5 µs resolution instead of 100 µs. The peer's files are copied from
// node_modules (pinned in package.json) into www/bench/vendor/ (gitignored), with a snapshot
// of pkg/ that the pages load (so a rebuild during the run cannot change it). Every run uses a
// fresh page. Prints the machine, then ONE table: each measure, our figure, the peer's, the
// ratio ours / peer (lower is better everywhere) and the budget; writes the same to
// bench-results/latest.json. A figure over budget is reported, never a failure: only a broken
// benchmark exits non-zero.
//
// a. Show/hide lag vs cue time, playing crafts.webm (30 fps) at 1x with 40 hotspots whose 80
//    starts and ends are exact frame times (www/bench/common.js lagTimeline). On every presented
//    frame the page's own requestVideoFrameCallback records mediaTime and what is visible: ours
//    `element.activeHotspots` (the observer runs after the element's frame callback on the same
//    frame; a hook checks it, "misordered" in the JSON), the peer's (video.js 8 core +
//    videojs-overlay 4, `overlays: [{start, end, content}]`, driven by `timeupdate`) the overlay
//    elements without `vjs-hidden`. Lag of a cue = mediaTime of the first frame reflecting it
//    (show: first frame where the hotspot is visible; hide: the first after that where it is not)
//    minus the cue time; 0 means the frame at the cue time shows it. p50 / p95 over the 80 cues,
//    in ms and frames (33.3 ms). Frames the observer did not see (presentedFrames gaps) are counted.
// b. Bytes a viewer downloads, gzip -9: pkg/ wasm + JS (tools/size.mjs packageSizes) vs the
//    files the peer page loads: video.js/dist/alt/video.core.min.js, videojs-overlay.min.js and
//    their CSS (video-js.min.css, videojs-overlay.css; the overlays need its `.vjs-hidden`). Our
//    stylesheet is inside the package.
// c. Script time per frame, 10,000 hotspots in the timeline, 50 visible and moving
//    (common.js frameTimeline), playing at 1x. The bench page wraps
//    HTMLVideoElement.prototype.requestVideoFrameCallback before the player starts, so every
//    frame callback the player registers is timed with performance.now() around the call: the
//    element's whole per-frame work (wasm frame, DOM writes for 50 moves, any events). The peer
//    is a naive JS overlay written in www/bench/naive.js, timed the same way. 300 frames after
//    30 warm-up frames; median and p95 in µs. Style recalc, layout and paint happen after the
//    callback and are not in this figure; the two CDP rows (Performance.getMetrics deltas over
//    the same frames, divided by the frames) show them: style + layout, and all main-thread
//    task time (which also holds the media pipeline's main-thread work, the same for both).
//    A third page, www/bench/floor.js, is the floor under any DOM overlay: 50 bare boxes, each
//    frame callback re-requests and writes 50 transforms, no logic. The "vs the DOM floor" rows
//    put ours beside it: what the element adds on top of the browser's cost of those writes.
//    The same page with ?writes=0 is the frame-callback floor: only the re-request and the
//    timing hook, what any per-frame overlay pays before doing anything.
// d. Load, validate and index a timeline of 10,000 / 100,000 hotspots from a JS object: time
//    from `element.timeline = object` to the `shoppable-ready` event (dispatched in a microtask after the setter returns)
//    in a fresh page each run (a first load, as a viewer gets it); median of 5 / 3 runs (the
//    notes add the same set again in the same page, with the wasm code warm). The
//    peer's figure: `player.overlay({ overlays })` with the same hotspots (it validates nothing
//    and creates a component per overlay); median of 3 runs at 10k; at 100k one run, stopped
//    after 20 s (it takes minutes), so the peer's figure there is a lower bound. The "JS floor"
//    rows (www/bench/floor.js loadFloor) put ours beside what the browser alone takes to read
//    the same object for any Wasm code: JSON.stringify plus UTF-8 encoding, in a fresh page.
//    The notes also give the time to read the timeline back through the element's getter, beside
//    a JS copy of the same object through JSON.parse(JSON.stringify()) (medians of the same runs).
import { createServer } from "http-server";
import { chromium } from "playwright-core";
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { CHROMIUM_ARGS } from "../e2e/harness.mjs";
import { packageSizes } from "../../tools/size.mjs";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const www = join(repo, "www");
const vendor = join(www, "bench", "vendor");
const FRAME_MS = 1000 / 30;
const PEER_100K_CAP_MS = 20_000;
const BUDGET = { lagP95Ms: 33, lagP95Frames: 1, bytes: 46_080, frameMedianUs: 50, frameP95Us: 150, load10k: 30, load100k: 300 };

// ---- the peer's files ------------------------------------------------------------------------

function peerFiles() {
  const videojsDist = join(repo, "node_modules", "video.js", "dist");
  const core = existsSync(join(videojsDist, "alt", "video.core.min.js"))
    ? join(videojsDist, "alt", "video.core.min.js") : join(videojsDist, "video.min.js");
  const overlayDist = join(repo, "node_modules", "videojs-overlay", "dist");
  return [
    [core, "video.core.min.js"],
    [join(overlayDist, "videojs-overlay.min.js"), "videojs-overlay.min.js"],
    [join(videojsDist, "video-js.min.css"), "video-js.min.css"],
    [join(overlayDist, "videojs-overlay.css"), "videojs-overlay.css"],
  ];
}

/**
 * Copies the peer's files, and a snapshot of pkg/ (so a rebuild while the benchmarks run
 * cannot change what they load), into www/bench/vendor/ (gitignored).
 */
function copyVendor() {
  rmSync(vendor, { recursive: true, force: true });
  mkdirSync(vendor, { recursive: true });
  for (const [from, name] of peerFiles()) {
    if (!existsSync(from)) throw new Error(`missing ${from}: run npm ci (make js-tools)`);
    copyFileSync(from, join(vendor, name));
  }
  cpSync(join(repo, "pkg"), join(vendor, "pkg"), { recursive: true });
}

function gzipBytes(path) {
  return gzipSync(readFileSync(path), { level: 9 }).length;
}

// ---- server and browser ----------------------------------------------------------------------

async function serve() {
  const server = createServer({
    root: www, cache: -1, showDir: false, logFn: () => {},
    headers: { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" },
  });
  await new Promise((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  return {
    url: `http://127.0.0.1:${server.server.address().port}`,
    close: () => new Promise((resolve) => server.server.close(() => resolve())),
  };
}

let browser;
let base;

/** A fresh page on `path` with `window.bench` ready; any page error or console error fails the run. */
async function open(path) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("console", (message) => { if (message.type() === "error") errors.push(message.text()); });
  await page.goto(base + path);
  await page.waitForFunction(() => window.benchReady === true, null, { timeout: 30_000 }).catch((error) => {
    throw new Error(`${path} did not get ready: ${error.message}${errors.length ? `\n  ${errors.join("\n  ")}` : ""}`);
  });
  return {
    page,
    async run(fn, arg, timeoutMs = 60_000) {
      let timer;
      const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${path}: timed out after ${timeoutMs} ms`)), timeoutMs); });
      try {
        return await Promise.race([page.evaluate(fn, arg), timeout]);
      } finally {
        clearTimeout(timer);
        if (errors.length) throw new Error(`${path}: page errors:\n  ${errors.join("\n  ")}`);
      }
    },
    close: () => context.close(),
  };
}

// ---- statistics --------------------------------------------------------------------------------

function quantile(values, q) {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
const median = (values) => quantile(values, 0.5);

// ---- a. lag ------------------------------------------------------------------------------------

function lagStats({ frames, hotspots, misordered }) {
  const lags = [];
  let missed = 0;
  for (const h of hotspots) {
    const shown = frames.findIndex((f) => f[2].includes(h.id));
    if (shown < 0) { missed += 2; continue; }
    lags.push(frames[shown][0] - h.start);
    const hidden = frames.findIndex((f, i) => i > shown && !f[2].includes(h.id));
    if (hidden < 0) { missed += 1; continue; }
    lags.push(frames[hidden][0] - h.end);
  }
  let unseen = 0;
  for (let i = 1; i < frames.length; i++) unseen += Math.max(0, frames[i][1] - frames[i - 1][1] - 1);
  const ms = lags.map((s) => s * 1000);
  return {
    cues: hotspots.length * 2, measured: ms.length, missed, misordered, framesSeen: frames.length, framesUnseen: unseen,
    early: ms.filter((v) => v < -0.5).length,
    p50Ms: quantile(ms, 0.5), p95Ms: quantile(ms, 0.95), maxMs: Math.max(...ms), minMs: Math.min(...ms),
  };
}

async function lag(path) {
  const tab = await open(path);
  try {
    return lagStats(await tab.run(() => window.bench.lag(), undefined, 60_000));
  } finally {
    await tab.close();
  }
}

// ---- c. script time per frame ------------------------------------------------------------------

const WARM_UP = 30;
const MEASURED = 300;

async function frameCost(path) {
  const tab = await open(path);
  try {
    const cdp = await tab.page.context().newCDPSession(tab.page);
    await cdp.send("Performance.enable");
    const metrics = async () => Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map((m) => [m.name, m.value]));
    const { crossOriginIsolated } = await tab.run((n) => window.bench.startFrames(n), WARM_UP);
    const before = await metrics();
    const from = await tab.run(() => window.bench.callCount());
    await tab.run((n) => window.bench.waitCalls(n), WARM_UP + MEASURED);
    const after = await metrics();
    const to = await tab.run(() => window.bench.callCount());
    const calls = (await tab.run(() => window.bench.calls())).slice(WARM_UP, WARM_UP + MEASURED);
    const us = calls.map((c) => c[1] * 1000);
    const perFrame = (name) => ((after[name] - before[name]) * 1e6) / Math.max(1, to - from);
    return {
      crossOriginIsolated, frames: us.length, visible: median(calls.map((c) => c[2])),
      medianUs: median(us), p95Us: quantile(us, 0.95), maxUs: Math.max(...us),
      cdpFrames: to - from,
      scriptUs: perFrame("ScriptDuration"),
      styleLayoutUs: perFrame("RecalcStyleDuration") + perFrame("LayoutDuration"),
      taskUs: perFrame("TaskDuration"),
    };
  } finally {
    await tab.close();
  }
}

// ---- d. load -----------------------------------------------------------------------------------

/** Median of `runs` fresh-page loads; with `capMs`, a run still going then stops the measure. */
async function loadTimes(path, n, runs, capMs = 0) {
  const ms = [];
  const warm = [];
  const getter = [];
  for (let r = 0; r < runs; r++) {
    const tab = await open(path);
    try {
      const result = await tab.run((size) => window.bench.load(size), n, capMs || 120_000);
      ms.push(result.ms);
      if (result.warmMs !== undefined) warm.push(result.warmMs);
      if (result.getterMs !== undefined) getter.push(result.getterMs);
    } catch (error) {
      if (!capMs || !/timed out/.test(error.message)) throw error;
      return { runs: ms, medianMs: NaN, over: capMs };
    } finally {
      await tab.close();
    }
  }
  return { runs: ms, medianMs: median(ms), warmRuns: warm, warmMedianMs: median(warm), getterMedianMs: median(getter) };
}

// ---- the table ---------------------------------------------------------------------------------

function fmt(value, digits = 1) {
  if (value === null || value === undefined || Number.isNaN(value)) return "n/a";
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString("en-US");
  return value.toFixed(digits);
}

/** `peerOver`: the peer did not finish within that many units (its figure is a lower bound). */
function row(measure, unit, ours, peer, budget, digits = 1, peerOver = undefined) {
  const ratio = Number.isFinite(ours) && Number.isFinite(peer) && peer !== 0 ? ours / peer
    : peerOver ? ours / peerOver : NaN;
  const verdict = budget === null ? "" : ours <= budget ? "ok" : "OVER";
  return { measure, unit, ours, peer: peerOver ? null : peer, peerOver, ratio, budget, verdict, digits };
}

function printTable(rows) {
  const cells = rows.map((r) => [
    `${r.measure} (${r.unit})`, fmt(r.ours, r.digits), r.peerOver ? `> ${fmt(r.peerOver, 0)}` : fmt(r.peer, r.digits),
    Number.isFinite(r.ratio) ? `${r.peerOver ? "< " : ""}${r.ratio < 0.1 ? r.ratio.toFixed(3) : r.ratio.toFixed(2)}x` : "n/a",
    r.budget === null ? "" : `<= ${fmt(r.budget, 0)}`, r.verdict,
  ]);
  const head = ["measure", "ours", "peer", "ours/peer", "budget", ""];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => c.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join("  ").trimEnd();
  console.log(line(head));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const c of cells) console.log(line(c));
}

// ---- main --------------------------------------------------------------------------------------

/** `node tests/bench/run.mjs c d` runs only those groups (b, the sizes, always); no argument: all. */
const groups = process.argv.slice(2);
const only = (group) => groups.length === 0 || groups.includes(group);

async function main() {
  const started = Date.now();
  if (!existsSync(join(repo, "pkg", "shoppable_video_bg.wasm"))) throw new Error("pkg/ is missing: run make build");
  copyVendor();

  // b. sizes (no browser needed), of the snapshot the pages load
  const ours = packageSizes(join(vendor, "pkg"));
  const oursBytes = ours.reduce((sum, f) => sum + f.gzip, 0);
  const peer = peerFiles().map(([from, name]) => ({ name, gzip: gzipBytes(from) }));
  const peerBytes = peer.reduce((sum, f) => sum + f.gzip, 0);

  const server = await serve();
  base = server.url;
  const results = {};
  try {
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: CHROMIUM_ARGS });
  } catch (error) {
    await server.close();
    throw error;
  }
  try {
    const step = (name) => process.stderr.write(`  ${name}...\n`);
    if (only("a")) {
      step("a. lag, ours"); results.lagOurs = await lag("/bench/ours.html");
      step("a. lag, video.js + videojs-overlay"); results.lagPeer = await lag("/bench/peer.html");
    }
    if (only("c")) {
      step("c. per-frame script time, ours"); results.frameOurs = await frameCost("/bench/ours.html");
      step("c. per-frame script time, naive JS overlay"); results.framePeer = await frameCost("/bench/naive.html");
      step("c. per-frame script time, the DOM floor"); results.frameFloor = await frameCost("/bench/floor.html");
      step("c. per-frame script time, the frame-callback floor (no writes)"); results.frameCallbackFloor = await frameCost("/bench/floor.html?writes=0");
    }
    if (only("d")) {
      step("d. load 10k, ours"); results.load10kOurs = await loadTimes("/bench/ours.html", 10_000, 5);
      step("d. load 100k, ours"); results.load100kOurs = await loadTimes("/bench/ours.html", 100_000, 3);
      step("d. load floor (JSON.stringify + UTF-8), 10k and 100k");
      results.load10kFloor = await loadTimes("/bench/floor.html", 10_000, 5);
      results.load100kFloor = await loadTimes("/bench/floor.html", 100_000, 3);
      step("d. load 10k, video.js + videojs-overlay"); results.load10kPeer = await loadTimes("/bench/peer.html", 10_000, 3);
      // videojs-overlay's set-up grows faster than linearly (here 1k: ~0.13 s, 10k: ~1.5 s, 20k:
      // ~5 s): at 100k it runs for minutes, so it gets 20 s and its figure is "> 20,000".
      step("d. load 100k, video.js + videojs-overlay (stops after 20 s)");
      results.load100kPeer = await loadTimes("/bench/peer.html", 100_000, 1, PEER_100K_CAP_MS);
    }
  } finally {
    results.chromium = browser.version();
    await browser.close().catch(() => {});
    await server.close();
  }

  const cpuinfo = readFileSync("/proc/cpuinfo", "utf8");
  const machine = {
    cpu: (cpuinfo.match(/^model name\s*:\s*(.*)$/m) || [, "unknown"])[1].trim(),
    cores: cpus().length,
    chromium: results.chromium,
    node: process.version,
  };
  const { lagOurs: lo, lagPeer: lp, frameOurs: fo, framePeer: fp, frameFloor: ff, frameCallbackFloor: fc } = results;
  const rows = [];
  const details = [];
  if (lo) {
    rows.push(
      row("a. show/hide lag p50", "ms", lo.p50Ms, lp.p50Ms, null),
      row("a. show/hide lag p95", "ms", lo.p95Ms, lp.p95Ms, BUDGET.lagP95Ms),
      row("a. show/hide lag p95", "frames", lo.p95Ms / FRAME_MS, lp.p95Ms / FRAME_MS, BUDGET.lagP95Frames, 2),
    );
    details.push(`a. cues: ours ${lo.measured}/${lo.cues} measured, ${lo.early} early, max ${fmt(lo.maxMs)} ms, observer misordered on ${lo.misordered} frames, ${lo.framesUnseen} frames unseen;` +
      ` peer ${lp.measured}/${lp.cues} measured, ${lp.early} early, max ${fmt(lp.maxMs)} ms, ${lp.framesUnseen} frames unseen`);
  }
  rows.push(row("b. bytes downloaded, gzip -9", "B", oursBytes, peerBytes, BUDGET.bytes, 0));
  details.push(`b. ours: ${ours.map((f) => `${f.name.split("/").pop()} ${f.gzip}`).join(", ")}; peer: ${peer.map((f) => `${f.name} ${f.gzip}`).join(", ")}` +
    `; ours is ${oursBytes > BUDGET.bytes ? `${oursBytes - BUDGET.bytes} B over` : `${BUDGET.bytes - oursBytes} B under`} the budget`);
  if (fo) {
    rows.push(
      row("c. script per frame, median", "us", fo.medianUs, fp.medianUs, BUDGET.frameMedianUs),
      row("c. script per frame, p95", "us", fo.p95Us, fp.p95Us, BUDGET.frameP95Us),
      row("c. ... vs the DOM floor, median", "us", fo.medianUs, ff.medianUs, null),
      row("c. ... vs the DOM floor, p95", "us", fo.p95Us, ff.p95Us, null),
      row("c. ... vs the frame-callback floor, median", "us", fo.medianUs, fc.medianUs, null),
      row("c. ... vs the frame-callback floor, p95", "us", fo.p95Us, fc.p95Us, null),
      row("c. style+layout per frame, mean (CDP)", "us", fo.styleLayoutUs, fp.styleLayoutUs, null),
      row("c. main-thread tasks per frame, mean (CDP)", "us", fo.taskUs, fp.taskUs, null),
    );
    details.push(`c. ${fo.frames} frames each (${fo.visible} / ${fp.visible} hotspots visible), performance.now() ${fo.crossOriginIsolated ? "cross-origin isolated (5 us)" : "NOT isolated (100 us)"};` +
      ` max ours ${fmt(fo.maxUs)} us, peer ${fmt(fp.maxUs)} us; CDP script per frame ours ${fmt(fo.scriptUs)} us, peer ${fmt(fp.scriptUs)} us;` +
      ` the floor (www/bench/floor.js: 50 transform writes, no logic) style+layout ${fmt(ff.styleLayoutUs)} us, tasks ${fmt(ff.taskUs)} us`);
  }
  if (results.load10kOurs) {
    const { load10kOurs: o10, load100kOurs: o100, load10kPeer: p10, load100kPeer: p100 } = results;
    rows.push(
      row("d. load 10,000 hotspots", "ms", o10.medianMs, p10.medianMs, BUDGET.load10k),
      row("d. load 100,000 hotspots", "ms", o100.medianMs, p100.medianMs, BUDGET.load100k, 1, p100.over),
      row("d. ... 10,000 vs the JS floor", "ms", o10.medianMs, results.load10kFloor.medianMs, null),
      row("d. ... 100,000 vs the JS floor", "ms", o100.medianMs, results.load100kFloor.medianMs, null),
    );
    details.push(`d. runs (ms): ours 10k [${o10.runs.map((v) => fmt(v)).join(", ")}], 100k [${o100.runs.map((v) => fmt(v)).join(", ")}]` +
      ` (warm, set again in the same page: 10k ${fmt(o10.warmMedianMs)}, 100k ${fmt(o100.warmMedianMs)};` +
      ` read back through the timeline getter: 10k ${fmt(o10.getterMedianMs)}, 100k ${fmt(o100.getterMedianMs)},` +
      ` beside a JS JSON.parse(JSON.stringify()) copy: 10k ${fmt(results.load10kFloor.getterMedianMs)}, 100k ${fmt(results.load100kFloor.getterMedianMs)});` +
      ` peer 10k [${p10.runs.map((v) => fmt(v)).join(", ")}], 100k ${p100.over ? `stopped after ${fmt(p100.over, 0)} ms` : `[${p100.runs.map((v) => fmt(v)).join(", ")}]`}`);
  }

  console.log(`machine: ${machine.cpu}, ${machine.cores} cores; Chromium ${machine.chromium} (headless); Node ${machine.node}`);
  console.log("peer: a, b, d video.js 8.24.1 (core build) + videojs-overlay 4.0.0; c a naive JS overlay (www/bench/naive.js)");
  console.log("");
  printTable(rows);
  console.log("");
  for (const line of details) console.log(line);
  console.log(`browser benchmarks took ${((Date.now() - started) / 1000).toFixed(0)} s`);

  mkdirSync(join(repo, "bench-results"), { recursive: true });
  writeFileSync(join(repo, "bench-results", "latest.json"), `${JSON.stringify({
    date: new Date().toISOString(),
    machine,
    peer: { a: "video.js 8.24.1 core + videojs-overlay 4.0.0", b: "the same, JS + CSS", c: "naive JS overlay (www/bench/naive.js)", d: "videojs-overlay player.overlay({overlays})" },
    rows: rows.map(({ digits, ...r }) => r),
    details: { ...results, sizes: { ours, peer } },
  }, null, 2)}\n`);
  console.log("written: bench-results/latest.json");
}

main().catch((error) => {
  console.error(`bench failed: ${error && error.stack || error}`);
  process.exitCode = 1;
});
