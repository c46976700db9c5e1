// The forced-failure test page: counts the frame callbacks the package requests (calls whose
// stack comes from /pkg-test/), loads the test build, and builds two players of the demo clip
// (looping, so they play on), each recording its shoppable-* events and the mutations of its
// shadow tree. The test then makes the module fail through the test build's hook.
Error.stackTraceLimit = 64;
window.frameRequests = 0;
const fromPackage = () => /\/pkg-test\//.test(new Error().stack || "");
for (const [owner, name] of [[HTMLVideoElement.prototype, "requestVideoFrameCallback"], [window, "requestAnimationFrame"]]) {
  const original = owner[name];
  owner[name] = function (callback) {
    if (fromPackage()) window.frameRequests += 1;
    return original.call(this, callback);
  };
}

const { default: init } = await import("/pkg-test/shoppable_video.js");
await init();

const EVENTS = ["shoppable-ready", "shoppable-error", "shoppable-hotspot-show", "shoppable-hotspot-hide",
  "shoppable-select", "shoppable-intent"];

/** Every shoppable-* event of every player: { player, type, detail }. */
window.events = [];
/** Mutations of the players' shadow trees (counted from when `window.watchShadows()` is called). */
window.shadowMutations = 0;

/** Builds a player of the demo clip with its timeline, recording its events under `name`. */
window.addPlayer = (name) => {
  const player = document.createElement("shoppable-video");
  player.id = name;
  for (const [attribute, value] of Object.entries({ src: "/media/crafts.webm", muted: "", playsinline: "", preload: "auto",
    loop: "", rail: "open", locale: "en-US", timeline: "/media/crafts.timeline.json" })) {
    player.setAttribute(attribute, value);
  }
  for (const type of EVENTS) {
    player.addEventListener(type, (event) => {
      const { respondWith, ...detail } = event.detail || {};
      window.events.push({ player: name, type, detail: structuredClone(detail) });
    });
  }
  document.getElementById("stage").append(player);
  return player;
};

window.watchShadows = () => {
  const observer = new MutationObserver((records) => { window.shadowMutations += records.length; });
  for (const player of document.querySelectorAll("shoppable-video")) {
    observer.observe(player.shadowRoot, { subtree: true, childList: true, attributes: true, characterData: true });
  }
};

window.players = [window.addPlayer("one"), window.addPlayer("two")];
window.testReady = true;
