// The phone demo: the element on a 9:16 clip; the language picker sets its `locale` (the page's
// ?locale= sets it first), the "now presenting" picker pins a product; the last event is shown.
import init, { version } from "./pkg/shoppable_video.js";

const player = document.getElementById("player");
const locale = document.getElementById("locale");
const pin = document.getElementById("pin");
const last = document.getElementById("last");

const asked = new URLSearchParams(location.search).get("locale");
if (asked && [...locale.options].some((option) => option.value === asked)) locale.value = asked;
player.setAttribute("locale", locale.value);
locale.addEventListener("change", () => player.setAttribute("locale", locale.value));

// The demo is a page without a shop: an intent is shown, not followed, and the "cart" says yes.
player.addEventListener("shoppable-intent", (event) => {
  event.preventDefault();
  event.detail.respondWith(new Promise((resolve) => setTimeout(() => resolve({ ok: true }), 400)));
});
for (const name of ["shoppable-select", "shoppable-intent"]) {
  player.addEventListener(name, (event) => {
    last.textContent = `${name}: ${event.detail.action ?? event.detail.source} ${event.detail.productId}`;
  });
}

player.addEventListener("shoppable-ready", () => {
  const chosen = pin.value;
  pin.replaceChildren(pin.options[0], ...(player.timeline?.products ?? []).map((product) => new Option(product.title, product.id)));
  pin.value = chosen;
});
pin.addEventListener("change", () => player.pinProduct(pin.value || null));

await init();
document.getElementById("version").textContent = `shoppable-video ${version()}`;
window.phoneReady = true;
