// The per-frame peer: a naive JavaScript overlay, as a page would write it by hand (driven by
// tests/bench/run.mjs). On every presented frame (requestVideoFrameCallback, like the element)
// it scans all 10,000 hotspots of frameTimeline() for start <= t < end, computes each visible
// one's position (keyframes found by a linear scan, ease-in-out by Newton on the CSS Bézier),
// maps it through object-fit: contain, and rebuilds the overlay: a new <button> per visible
// hotspot (aria-label, data-hotspot-id, left/top in px) put in with replaceChildren().
// Its frame callbacks are timed exactly like the element's (common.js hookFrameCallbacks). The clip
// loops, as in ours.js, so the 330 frames measured fit whatever the frame rate the page gets.
import { frameTimeline, frameLog, hookFrameCallbacks, canPlayThrough } from "./common.js";

const video = document.querySelector("video");
const layer = document.querySelector(".layer");

function bezier(p1, p2) {
  const c = 3 * p1, b = 3 * (p2 - p1) - c, a = 1 - c - b;
  return { at: (s) => ((a * s + b) * s + c) * s, slope: (s) => (3 * a * s + 2 * b) * s + c };
}
const easeX = bezier(0.42, 0.58);
const easeY = bezier(0, 1);
function easeInOut(p) {
  let s = p;
  for (let i = 0; i < 8; i++) {
    const slope = easeX.slope(s);
    if (Math.abs(slope) < 1e-6) break;
    s -= (easeX.at(s) - p) / slope;
  }
  return easeY.at(Math.min(1, Math.max(0, s)));
}

function positionAt(h, t) {
  if (!h.keyframes) return [h.x, h.y];
  const k = h.keyframes;
  if (t <= k[0].t) return [k[0].x, k[0].y];
  for (let i = 1; i < k.length; i++) {
    if (t < k[i].t) {
      const p = (t - k[i - 1].t) / (k[i].t - k[i - 1].t);
      const e = h.easing === "ease-in-out" ? easeInOut(p) : h.easing === "step" ? 0 : p;
      return [k[i - 1].x + (k[i].x - k[i - 1].x) * e, k[i - 1].y + (k[i].y - k[i - 1].y) * e];
    }
  }
  const last = k[k.length - 1];
  return [last.x, last.y];
}

const log = frameLog();

async function startFrames(warmUp) {
  hookFrameCallbacks(() => {}, (metadata, ms) => {
    log.record([metadata.mediaTime, ms, layer.childElementCount]);
  });
  const timeline = frameTimeline();
  const titles = new Map(timeline.products.map((p) => [p.id, p.title]));
  const hotspots = timeline.hotspots;
  video.loop = true;
  await canPlayThrough(video);
  // The picture's box (object-fit: contain), read once: the player's size does not change here.
  const scale = Math.min(video.clientWidth / video.videoWidth, video.clientHeight / video.videoHeight);
  const width = video.videoWidth * scale, height = video.videoHeight * scale;
  const left = (video.clientWidth - width) / 2, top = (video.clientHeight - height) / 2;

  function frame(now, metadata) {
    video.requestVideoFrameCallback(frame);
    const t = metadata.mediaTime;
    const buttons = [];
    for (const h of hotspots) {
      if (h.start <= t && t < h.end) {
        const [x, y] = positionAt(h, t);
        const button = document.createElement("button");
        button.className = "hotspot";
        button.dataset.hotspotId = h.id;
        button.setAttribute("aria-label", titles.get(h.product) || h.product);
        button.style.left = `${left + x * width}px`;
        button.style.top = `${top + y * height}px`;
        buttons.push(button);
      }
    }
    layer.replaceChildren(...buttons);
  }
  video.addEventListener("play", () => video.requestVideoFrameCallback(frame), { once: true });
  await video.play();
  await log.wait(warmUp);
  return { crossOriginIsolated: self.crossOriginIsolated };
}


window.bench = { startFrames, waitCalls: log.wait, callCount: () => log.entries.length, calls: () => log.entries };
window.benchReady = true;
