// The live-commerce tests' page (tests/e2e/live-*.test.mjs): loads the package like any host
// page and offers window.mountLive(), which builds a <shoppable-video>, records every
// shoppable-* event it dispatches, and answers its intents like a shop would. Nothing here
// touches the element's internals.
import init from "/pkg/shoppable_video.js";

const EVENTS = ["shoppable-ready", "shoppable-error", "shoppable-hotspot-show", "shoppable-hotspot-hide",
  "shoppable-select", "shoppable-intent"];

/** Every shoppable-* event of the current player: { type, detail }. */
window.events = [];
/**
 * How the page answers an intent: null (no respondWith), or a function of the intent's
 * detail returning the promise to pass to respondWith. Tests set it.
 */
window.respond = null;
/** The detail of the last intent (respondWith included), to call it after the dispatch. */
window.lastIntentDetail = null;

/**
 * Builds and connects a player, replacing any previous one, and clears window.dataLayer.
 * - attributes: { name: value } for <shoppable-video> (true: an empty attribute)
 * - css: page CSS
 * - child: { attributes, tracks: [{ attributes }] } for a host-provided <video> with <track>s
 */
window.mountLive = ({ attributes = {}, css = "", child = null } = {}) => {
  document.getElementById("live-style").textContent = css;
  const stage = document.getElementById("stage");
  stage.replaceChildren();
  window.events = [];
  window.respond = null;
  window.lastIntentDetail = null;
  delete window.dataLayer;
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
    video.muted = true;
    for (const track of child.tracks || []) {
      const element = document.createElement("track");
      for (const [name, value] of Object.entries(track.attributes || {})) {
        element.setAttribute(name, value === true ? "" : String(value));
      }
      video.append(element);
    }
    player.append(video);
  }
  for (const type of EVENTS) {
    player.addEventListener(type, (event) => {
      const { respondWith, ...detail } = event.detail || {};
      window.events.push({ type, detail: structuredClone(detail) });
    });
  }
  // A shop that handles checkout itself, and confirms or refuses when a test asks it to.
  player.addEventListener("shoppable-intent", (event) => {
    event.preventDefault();
    window.lastIntentDetail = event.detail;
    if (window.respond) event.detail.respondWith(window.respond(event.detail));
  });
  stage.append(player);
  window.player = player;
  return player;
};

await init();
window.testReady = true;
