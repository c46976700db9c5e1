// The peer's bench page: video.js 8 (the core build, dist/alt/video.core.min.js) with
// videojs-overlay 4, as a site would use them for timed product overlays (driven by
// tests/bench/run.mjs, one fresh page per run). `window.bench` offers:
// - lag(): the same clip and the same cue times as ours.js (lagTimeline()), one overlay per
//   hotspot (`overlays: [{ start, end, content }]`, which videojs-overlay checks on `timeupdate`),
//   played at 1x; for every presented frame the page's requestVideoFrameCallback records
//   [mediaTime, presentedFrames, ids of the overlays not hidden] (videojs-overlay hides an
//   overlay with the `vjs-hidden` class, i.e. display: none).
// - load(n): the time `player.overlay({ overlays })` takes for the n hotspots of
//   loadTimeline(n) (it creates one component and element per overlay; it validates nothing).
/* global videojs */
import { lagTimeline, loadTimeline, canPlayThrough, observeFrames } from "./common.js";

function makePlayer() {
  const video = document.createElement("video");
  video.className = "video-js";
  video.muted = true;
  video.playsInline = true;
  video.preload = "auto";
  video.src = "/media/crafts.webm";
  document.body.append(video);
  const player = videojs(video, { controls: false, width: 640, height: 480 });
  return { player, video: player.el().querySelector("video") };
}

function overlaysOf(timeline) {
  const titles = new Map(timeline.products.map((p) => [p.id, p.title]));
  return timeline.hotspots.map((h) => ({
    start: h.start, end: h.end, content: titles.get(h.product) || h.product,
    class: `bench-${h.id}`, align: "top-left",
  }));
}

async function lag() {
  const timeline = lagTimeline();
  const { player, video } = makePlayer();
  player.overlay({ overlays: overlaysOf(timeline) });
  const overlays = player.overlays_.map((overlay, i) => [timeline.hotspots[i].id, overlay.el()]);
  if (overlays.length !== timeline.hotspots.length) throw new Error("videojs-overlay did not create every overlay");
  await canPlayThrough(video);
  const frames = [];
  const ended = new Promise((resolve) => video.addEventListener("ended", resolve, { once: true }));
  await video.play();
  observeFrames(video, (metadata) => {
    const visible = overlays.filter(([, el]) => el.isConnected && !el.classList.contains("vjs-hidden")).map(([id]) => id);
    frames.push([metadata.mediaTime, metadata.presentedFrames, visible]);
    return !video.ended;
  });
  await ended;
  return { frames, misordered: 0, hotspots: timeline.hotspots.map(({ id, start, end }) => ({ id, start, end })) };
}

async function load(n) {
  const timeline = loadTimeline(n);
  const overlays = overlaysOf(timeline);
  const { player } = makePlayer();
  const start = performance.now();
  player.overlay({ overlays });
  const ms = performance.now() - start;
  if (player.overlays_.length !== n) throw new Error(`videojs-overlay made ${player.overlays_.length} overlays, not ${n}`);
  return { ms };
}

window.bench = { lag, load };
window.benchReady = true;
