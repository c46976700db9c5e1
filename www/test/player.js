// The end-to-end tests' page: loads the package like any host page, and offers the tests one
// helper, window.mountPlayer(), which builds a <shoppable-video> with the given attributes,
// page CSS, child video and timeline, records every shoppable-* event it dispatches, and puts
// it in the document. Nothing here touches the element's internals.
import init from "/pkg/shoppable_video.js";

const EVENTS = ["shoppable-ready", "shoppable-error", "shoppable-hotspot-show", "shoppable-hotspot-hide",
  "shoppable-select", "shoppable-intent"];

/** Every shoppable-* event seen on the current player: { type, detail, at }. */
window.events = [];

/**
 * Builds and connects the player (replacing any previous one). Options:
 * - attributes: { name: value } for <shoppable-video> (value true means an empty attribute)
 * - css: page CSS (replaces the previous test CSS)
 * - child: { attributes, style } for a host-provided child <video>, or absent for a created one
 * - timeline: an object set through the `timeline` property before connecting
 */
window.mountPlayer = ({ attributes = {}, css = "", child = null, timeline } = {}) => {
  document.getElementById("test-style").textContent = css;
  const stage = document.getElementById("stage");
  stage.replaceChildren();
  window.events = [];
  const player = document.createElement("shoppable-video");
  player.id = "player";
  for (const [name, value] of Object.entries(attributes)) {
    player.setAttribute(name, value === true ? "" : String(value));
  }
  if (child) {
    const video = document.createElement("video");
    for (const [name, value] of Object.entries(child.attributes || {})) {
      video.setAttribute(name, value === true ? "" : String(value));
    }
    if (child.attributes?.muted !== undefined) video.muted = true;
    if (child.style) video.setAttribute("style", child.style);
    player.append(video);
  }
  for (const type of EVENTS) {
    player.addEventListener(type, (event) => {
      const { respondWith, ...detail } = event.detail || {};
      window.events.push({ type, detail: structuredClone(detail), at: Date.now() });
    });
  }
  if (timeline !== undefined) player.timeline = timeline;
  stage.append(player);
  window.player = player;
  return player;
};

window.shoppableInit = init;
await init();
window.testReady = true;
