// The bench page of <shoppable-video> (driven by tests/bench/run.mjs, one fresh page per run).
// `window.bench` offers:
// - lag(): plays crafts.webm at 1x with lagTimeline() and returns, for every presented frame the
//   page's own requestVideoFrameCallback saw, [mediaTime, presentedFrames, activeHotspots].
//   The page's observer is registered after the element's frame loop (which starts on `play`,
//   before `play()` resolves), so on each frame it runs after the element's callback and sees what
//   that frame shows. A hook on the element's frame callbacks checks this ordering: `misordered`
//   counts frames where the observer ran before the element had handled that frame.
// - startFrames(warmUp), waitCalls(n), calls(): plays the clip (looping) with frameTimeline()
//   and times every call of the element's own frame callback (its wasm frame work, DOM writes
//   and events) through common.js hookFrameCallbacks; calls() is [mediaTime, ms, visible] each.
// - load(n): the time from `element.timeline = object` to `shoppable-ready` (dispatched in a
//   microtask right after the setter returns, so both ends are in the same task) for
//   loadTimeline(n), in a fresh page (ms);
//   then the same again in the same page, with the code warm (warmMs), and the time to read it
//   back through the `timeline` getter (getterMs).
import init from "./vendor/pkg/shoppable_video.js"; // run.mjs's snapshot of pkg/
import {
  lagTimeline, frameTimeline, frameLog, loadTimeline, hookFrameCallbacks, canPlayThrough, observeFrames,
} from "./common.js";

await init();

function player(attributes) {
  const element = document.createElement("shoppable-video");
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  document.body.append(element);
  return element;
}

const media = { src: "/media/crafts.webm", muted: "", playsinline: "", preload: "auto" };

async function lag() {
  let elementFrame = NaN;
  hookFrameCallbacks((metadata) => { elementFrame = metadata.mediaTime; }, () => {});
  const element = player(media);
  const timeline = lagTimeline();
  element.timeline = timeline;
  const video = element.video;
  await canPlayThrough(video);
  const frames = [];
  let misordered = 0;
  const ended = new Promise((resolve) => video.addEventListener("ended", resolve, { once: true }));
  await video.play();
  observeFrames(video, (metadata) => {
    if (metadata.mediaTime !== elementFrame) misordered++;
    frames.push([metadata.mediaTime, metadata.presentedFrames, element.activeHotspots]);
    return !video.ended;
  });
  await ended;
  return { frames, misordered, hotspots: timeline.hotspots.map(({ id, start, end }) => ({ id, start, end })) };
}

// ---- per-frame script time ---------------------------------------------------------------------

const log = frameLog();
let element = null;

/** Starts playing with frameTimeline(); resolves after `warmUp` element frame callbacks. */
async function startFrames(warmUp) {
  hookFrameCallbacks(() => {}, (metadata, ms) => {
    log.record([metadata.mediaTime, ms, element ? element.activeHotspots.length : -1]);
  });
  element = player({ ...media, loop: "" });
  element.timeline = frameTimeline();
  await canPlayThrough(element.video);
  await element.video.play();
  await log.wait(warmUp);
  return { crossOriginIsolated: self.crossOriginIsolated };
}


async function load(n) {
  const object = loadTimeline(n);
  const holder = player({});
  let ready = null;
  let error = null;
  holder.addEventListener("shoppable-ready", (event) => { ready = { at: performance.now(), ...event.detail }; });
  holder.addEventListener("shoppable-error", (event) => { error = event.detail; });
  const set = async () => {
    ready = null;
    const start = performance.now();
    holder.timeline = object;
    // The element's events come in the microtask it queued inside the setter: this one runs after.
    await new Promise((resolve) => queueMicrotask(resolve));
    if (error) throw new Error(`timeline refused: ${JSON.stringify(error).slice(0, 500)}`);
    if (!ready) throw new Error("shoppable-ready was not dispatched right after the setter");
    if (ready.hotspots !== n) throw new Error(`shoppable-ready counts ${ready.hotspots} hotspots, not ${n}`);
    return ready.at - start;
  };
  const ms = await set();
  // The same object again, in the same page: the wasm code is warm now (a figure for the notes).
  await new Promise((resolve) => setTimeout(resolve, 50));
  const warmMs = await set();
  // Reading it back through the getter (a figure for the notes).
  const start = performance.now();
  const back = holder.timeline;
  const getterMs = performance.now() - start;
  if (back.hotspots.length !== n) throw new Error(`the getter returned ${back.hotspots.length} hotspots, not ${n}`);
  return { ms, warmMs, getterMs };
}

window.bench = {
  lag,
  startFrames,
  waitCalls: log.wait,
  callCount: () => log.entries.length,
  calls: () => log.entries,
  load,
  observeFrames,
};
window.benchReady = true;
