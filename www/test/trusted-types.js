// The Trusted Types test page: records every Content-Security-Policy violation (Trusted Types
// included) from the start, then loads the package like any host page (no Trusted Types policy)
// and builds one player with the shop timeline, recording its shoppable-* events. Intents are
// handled by the page (preventDefault), like a shop with its own cart.
window.violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.violations.push({ directive: event.violatedDirective, blocked: event.blockedURI, sample: event.sample });
});

const { default: init } = await import("/pkg/shoppable_video.js");
await init();

window.events = [];
const player = document.createElement("shoppable-video");
player.id = "player";
for (const [name, value] of Object.entries({ src: "/media/crafts.webm", muted: "", playsinline: "", preload: "auto",
  locale: "en-US", rail: "open", timeline: "/test/shop.timeline.json" })) {
  player.setAttribute(name, value);
}
for (const type of ["shoppable-ready", "shoppable-error", "shoppable-hotspot-show", "shoppable-select", "shoppable-intent"]) {
  player.addEventListener(type, (event) => {
    if (type === "shoppable-intent") event.preventDefault();
    const { respondWith, ...detail } = event.detail;
    window.events.push({ type, detail: structuredClone(detail) });
  });
}
document.getElementById("stage").append(player);
window.player = player;
window.testReady = true;
