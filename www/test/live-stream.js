// One viewer of a live HLS stream, for tests/e2e/live-stream.test.mjs: a host page that plays
// the stream with hls.js in its own <video> inside <shoppable-video>, and sets the element's
// programTimeOffset from the fragments' program date-times (the recipe in docs/LIVE.md).
// Beside the element, and independently of it, the page records the program time of every
// presented frame (requestVideoFrameCallback and hls.js's fragments), so a test can check on
// which frames a hotspot was visible.
import init from "/pkg/shoppable_video.js";
import Hls from "../vendor/hls.mjs";

const EVENTS = ["shoppable-ready", "shoppable-error", "shoppable-hotspot-show", "shoppable-hotspot-hide"];

/** Every shoppable-* event: { type, detail, wall (Date.now()), program (of detail.videoTime) }. */
window.events = [];

/** The program time (s) of media time `t` by hls.js's fragments, or NaN. */
function programTime(hls, t) {
  const details = hls.levels?.[Math.max(hls.currentLevel, 0)]?.details;
  for (const frag of details?.fragments ?? []) {
    if (Number.isFinite(frag.programDateTime) && t >= frag.start && t < frag.start + frag.duration) {
      return frag.programDateTime / 1000 + (t - frag.start);
    }
  }
  return NaN;
}

/**
 * Plays `playlist` with hls.js, `liveSyncDuration` seconds behind the live edge, in a new
 * <shoppable-video> whose timeline is `timeline` (set before the stream starts).
 */
window.watch = ({ playlist, liveSyncDuration, timeline }) => {
  const player = document.createElement("shoppable-video");
  player.id = "player";
  const video = document.createElement("video");
  video.muted = true;
  video.playsInline = true;
  player.append(video);
  for (const type of EVENTS) {
    player.addEventListener(type, (event) => {
      const detail = structuredClone(event.detail);
      const program = Number.isFinite(detail.videoTime) ? programTime(hls, detail.videoTime) : NaN;
      window.events.push({ type, detail, wall: Date.now(), program });
    });
  }
  player.timeline = timeline;
  document.getElementById("stage").append(player);

  // Transmuxing in hls.js's worker keeps the page's main thread (and so its frame callbacks) free.
  const workerPath = new URL("../vendor/hls.worker.js", import.meta.url).href;
  const hls = new Hls({ liveSyncDuration, liveMaxLatencyDuration: liveSyncDuration + 8, workerPath });
  // The recipe: program time = media time + (the fragment's program date-time - its start).
  hls.on(Hls.Events.FRAG_CHANGED, (_, { frag }) => {
    if (Number.isFinite(frag.programDateTime)) player.programTimeOffset = frag.programDateTime / 1000 - frag.start;
  });
  hls.loadSource(playlist);
  hls.attachMedia(video);
  hls.on(Hls.Events.MANIFEST_PARSED, () => { video.play().catch(() => {}); });

  // Each frame a callback saw: its media time, its program time, and how many frames the
  // browser had presented by then (a busy page misses the callbacks of some; so does the element).
  window.frames = [];
  const onFrame = (now, metadata) => {
    window.frames.push({ media: metadata.mediaTime, program: programTime(hls, metadata.mediaTime), presented: metadata.presentedFrames });
    if (window.frames.length > 3000) window.frames.splice(0, 1000);
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);

  window.hls = hls;
  window.player = player;
  /** The program time of the frame shown now, by the page's own reckoning. */
  window.programNow = () => programTime(hls, video.currentTime);
};

await init();
window.testReady = true;
