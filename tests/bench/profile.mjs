// Where the time goes (`make profile`, or `node tests/bench/profile.mjs [frames | 10000 | 100000]`):
// a V8 CPU profile of the bench page www/bench/ours.html, either over 150 played frames of the
// per-frame benchmark or over one load of that many hotspots (a fresh page: cold, then warm),
// printed as the 30 functions with the most time of their own. The Wasm is rebuilt for this
// with its function names kept (wasm-bindgen --keep-debug, wasm-opt -g) into
// www/bench/vendor/pkg, the snapshot the bench pages load, so Rust functions show by name.
// The figures are for finding hot spots, not for the README: the profiler slows the page.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, serve } from "../e2e/harness.mjs";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const what = process.argv[2] || "frames";
const pkg = join(repo, "www", "bench", "vendor", "pkg");

rmSync(pkg, { recursive: true, force: true });
const wasm = join(repo, "target", "wasm32-unknown-unknown", "release", "shoppable_video.wasm");
execFileSync("wasm-bindgen", ["--target", "web", "--weak-refs", "--keep-debug", "--out-dir", pkg, "--out-name", "shoppable_video", wasm]);
const bg = join(pkg, "shoppable_video_bg.wasm");
execFileSync(join(repo, "node_modules", ".bin", "wasm-opt"), ["-Oz", "-g", bg, "-o", bg]);

const server = await serve();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: CHROMIUM_ARGS });
try {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/bench/ours.html`);
  await page.waitForFunction(() => window.benchReady === true);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 50 });
  if (what === "frames") {
    await page.evaluate(() => window.bench.startFrames(30));
    await cdp.send("Profiler.start");
    await page.evaluate(() => window.bench.waitCalls(window.bench.callCount() + 150));
  } else {
    await cdp.send("Profiler.start");
    console.log("load (ms):", await page.evaluate((n) => window.bench.load(n), Number(what)));
  }
  const { profile } = await cdp.send("Profiler.stop");
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfTime = new Map();
  profile.samples.forEach((id, i) => {
    const { functionName, url, lineNumber } = nodes.get(id).callFrame;
    const key = `${functionName || "(anonymous)"}  ${url.split("/").pop()}${lineNumber >= 0 ? `:${lineNumber + 1}` : ""}`;
    selfTime.set(key, (selfTime.get(key) || 0) + (profile.timeDeltas[i] || 0));
  });
  const total = [...selfTime.values()].reduce((a, b) => a + b, 0);
  console.log(`self time, of ${(total / 1000).toFixed(0)} ms sampled (${what}):`);
  for (const [key, us] of [...selfTime].sort((a, b) => b[1] - a[1]).slice(0, 30)) {
    console.log(`${(us / 1000).toFixed(1).padStart(8)} ms  ${key.replace(/::h[0-9a-f]{16}/g, "").slice(0, 150)}`);
  }
} finally {
  await browser.close();
  await server.close();
}
