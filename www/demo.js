// The demo page: loads the package, shows its version and logs every shoppable-* event; its
// authoring helper turns a click on the paused video into a hotspot's JSON.
import init, { version } from "./pkg/shoppable_video.js";
import { framePoint, onPausedVideoClick, floorTime, round, hotspotJson } from "./authoring.js";

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

// ---- authoring helper: click the paused video, get the hotspot for that point and time ----
const authoring = {
  product: document.getElementById("authoring-product"),
  duration: document.getElementById("authoring-duration"),
  json: document.getElementById("authoring-json"),
  copy: document.getElementById("authoring-copy"),
  preview: document.getElementById("authoring-preview"),
  status: document.getElementById("authoring-status"),
  marker: document.getElementById("authoring-marker"),
};
/** The last click: { time, x, y, clientX, clientY }, or null. */
let picked = null;
/** The id of the hotspot previewed in the player, if any. */
let previewId = null;
window.authoredHotspot = null;

function say(text, isError = false) {
  authoring.status.textContent = text;
  authoring.status.classList.toggle("error", isError);
}

function fillProducts() {
  const chosen = authoring.product.value;
  const products = player.timeline?.products ?? [];
  authoring.product.replaceChildren(...products.map((product) => new Option(`${product.title} (${product.id})`, product.id)));
  if (products.some((product) => product.id === chosen)) authoring.product.value = chosen;
}
player.addEventListener("shoppable-ready", fillProducts);

/** The hotspot for the last click, with the chosen product and duration. */
function authoredHotspot() {
  if (!picked) return null;
  const start = floorTime(picked.time);
  const seconds = Math.max(0.1, Number(authoring.duration.value) || 5);
  const duration = player.video.duration;
  const end = round(Number.isFinite(duration) && duration > start ? Math.min(start + seconds, duration) : start + seconds, 2);
  const product = authoring.product.value;
  return { id: `h-${product}-${Math.round(start * 1000)}`, product, start, end, x: picked.x, y: picked.y };
}

function showAuthored() {
  const hotspot = authoredHotspot();
  window.authoredHotspot = hotspot;
  authoring.json.textContent = hotspot ? hotspotJson(hotspot) : "No point yet.";
  authoring.copy.disabled = authoring.preview.disabled = !hotspot;
}

onPausedVideoClick(player, (event, video) => {
  const point = framePoint(video, event.clientX, event.clientY);
  if (!point) {
    say("That is outside the picture: click on the video itself.", true);
    return;
  }
  picked = { time: video.currentTime, ...point };
  const wrap = authoring.marker.parentElement.getBoundingClientRect();
  authoring.marker.style.left = `${event.clientX - wrap.left}px`;
  authoring.marker.style.top = `${event.clientY - wrap.top}px`;
  authoring.marker.hidden = false;
  say("");
  showAuthored();
});
authoring.product.addEventListener("change", showAuthored);
authoring.duration.addEventListener("input", showAuthored);

authoring.copy.addEventListener("click", async () => {
  const text = authoring.json.textContent;
  try {
    await navigator.clipboard.writeText(text);
    say("Copied.");
  } catch {
    // No clipboard access (permissions, an insecure origin): select it for Ctrl+C instead.
    getSelection().selectAllChildren(authoring.json);
    say(document.execCommand?.("copy") ? "Copied." : "Selected: press Ctrl+C to copy.");
  }
});

authoring.preview.addEventListener("click", () => {
  const hotspot = authoredHotspot();
  if (!hotspot) return;
  if (previewId) player.removeHotspots([previewId]);
  try {
    player.addHotspots([hotspot]);
    previewId = hotspot.id;
    say(`Previewing ${hotspot.id} in the player.`);
  } catch (error) {
    previewId = null;
    say(error.message, true);
  }
});

await init();
document.getElementById("version").textContent = `shoppable-video ${version()}`;
player.video?.addEventListener("play", () => { authoring.marker.hidden = true; });
window.shoppableReady = true;
