// The demo page: loads the package, shows its version and logs every shoppable-* event.
import init, { version } from "./pkg/shoppable_video.js";

const EVENTS = ["shoppable-ready", "shoppable-error", "shoppable-hotspot-show", "shoppable-hotspot-hide",
  "shoppable-select", "shoppable-intent"];

const log = document.getElementById("log");
const player = document.getElementById("player");
window.shoppableEvents = [];

for (const name of EVENTS) {
  player.addEventListener(name, (event) => {
    const { respondWith, ...detail } = event.detail || {};
    window.shoppableEvents.push({ type: name, detail });
    const item = document.createElement("li");
    const label = document.createElement("span");
    label.className = "name";
    label.textContent = name;
    item.append(label, " ", JSON.stringify(detail));
    log.prepend(item);
  });
}
// The demo is a page without a shop: show intents instead of opening the product page.
player.addEventListener("shoppable-intent", (event) => event.preventDefault());
document.getElementById("clear").addEventListener("click", () => log.replaceChildren());

await init();
document.getElementById("version").textContent = `shoppable-video ${version()}`;
window.shoppableReady = true;
