// The per-frame floor (driven by tests/bench/run.mjs): the least any DOM overlay that follows
// 50 moving products must do on each presented frame, with no logic at all. Fifty bare boxes
// exist from the start; each frame callback asks for the next frame and writes one
// `transform: translate(x, y)` per box, with positions from trivial arithmetic. It is timed
// exactly like the element (common.js hookFrameCallbacks), so "ours / floor" is what the
// element adds on top of the browser's own cost of 50 style writes.
import { frameLog, hookFrameCallbacks, canPlayThrough } from "./common.js";

const video = document.querySelector("video");
const layer = document.querySelector(".layer");
const log = frameLog();

async function startFrames(warmUp) {
  hookFrameCallbacks(() => {}, (metadata, ms) => log.record([metadata.mediaTime, ms, spots.length]));
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
    for (let i = 0; i < spots.length; i++) {
      spots[i].style.transform = `translate(${(phase + i * 11.7) % 600}px,${(phase * 0.61 + i * 8.3) % 440}px)`;
    }
  }
  video.addEventListener("play", () => video.requestVideoFrameCallback(frame), { once: true });
  await video.play();
  await log.wait(warmUp);
  return { crossOriginIsolated: self.crossOriginIsolated };
}

window.bench = { startFrames, waitCalls: log.wait, callCount: () => log.entries.length, calls: () => log.entries };
window.benchReady = true;
