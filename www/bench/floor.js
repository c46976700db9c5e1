// The floors (driven by tests/bench/run.mjs): what the browser itself costs, with no logic at
// all, for what the element must do.
//
// startFrames: the per-frame floor, the least any DOM overlay that follows 50 moving products
// must do on each presented frame. Fifty bare boxes exist from the start; each frame callback
// asks for the next frame and writes one `transform: translate(x, y)` per box, with positions
// from trivial arithmetic. It is timed exactly like the element (common.js
// hookFrameCallbacks), so "ours / floor" is what the element adds on top of the browser's own
// cost of 50 style writes. With ?writes=0 it writes nothing: the cost of the frame callback
// itself (the re-request and the timing hook).
//
// loadFloor(n): the load floor, the least any Wasm player must do to take loadTimeline(n) from
// a JS object: serialize it (JSON.stringify, the browser's fastest way to read a whole object
// graph) and encode it as UTF-8 bytes for the Wasm (TextEncoder); in a fresh page, like ours.
// Then, beside the element's `timeline` getter, a JS copy of the object through JSON.
import { frameLog, hookFrameCallbacks, canPlayThrough, loadTimeline } from "./common.js";

const video = document.querySelector("video");
const layer = document.querySelector(".layer");
const log = frameLog();

async function startFrames(warmUp) {
  const writes = Number(new URLSearchParams(location.search).get("writes") ?? 50);
  hookFrameCallbacks(() => {}, (metadata, ms) => log.record([metadata.mediaTime, ms, writes]));
  const spots = [];
  for (let i = 0; i < 50; i++) {
    const spot = document.createElement("div");
    spot.className = "spot";
    layer.append(spot);
    spots.push(spot);
  }
  video.loop = true;
  await canPlayThrough(video);
  function frame(now, metadata) {
    video.requestVideoFrameCallback(frame);
    const phase = metadata.mediaTime * 97.3;
    for (let i = 0; i < writes; i++) {
      spots[i].style.transform = `translate(${(phase + i * 11.7) % 600}px,${(phase * 0.61 + i * 8.3) % 440}px)`;
    }
  }
  video.addEventListener("play", () => video.requestVideoFrameCallback(frame), { once: true });
  await video.play();
  await log.wait(warmUp);
  return { crossOriginIsolated: self.crossOriginIsolated };
}

function loadFloor(n) {
  const object = loadTimeline(n);
  const start = performance.now();
  const bytes = new TextEncoder().encode(JSON.stringify(object));
  const ms = performance.now() - start;
  if (bytes.length < n) throw new Error("the timeline did not serialize");
  // Beside the element's `timeline` getter: a plain JS copy of the same object through JSON.
  const copyStart = performance.now();
  const copy = JSON.parse(JSON.stringify(object));
  const getterMs = performance.now() - copyStart;
  if (copy.hotspots.length !== n) throw new Error("the timeline did not copy");
  return { ms, getterMs };
}

window.bench = { startFrames, load: loadFloor, waitCalls: log.wait, callCount: () => log.entries.length, calls: () => log.entries };
window.benchReady = true;
