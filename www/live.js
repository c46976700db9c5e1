// The live-commerce demo: a looping "livestream" with the host's console beside it. The host
// pins the presented product (pinProduct), marks products sold out (upsertProducts), adds
// hotspots by clicking the paused stream (addHotspots) and decides how carts are answered
// (respondWith); the viewer's side, the element, follows at once. Every event is logged.
import init, { version } from "./pkg/shoppable_video.js";
import { framePoint, onPausedVideoClick } from "./authoring.js";

const EVENTS = ["shoppable-ready", "shoppable-error", "shoppable-hotspot-show", "shoppable-hotspot-hide",
  "shoppable-select", "shoppable-intent"];

/** The products of the live show beyond the clip's timeline, added with upsertProducts. */
const LIVE_PRODUCTS = [
  { id: "lantern-04", title: "Silk palace lantern", price: 298, originalPrice: 358,
    url: "https://shop.example/products/lantern-04", image: new URL("media/lantern.svg", location.href).href,
    sku: "L-04", brand: "Beijing Gongdeng", variant: "red",
    description: "Hand-stretched silk on a carved wooden frame, 40 cm." },
  { id: "kite-05", title: "Swallow kite", price: 88,
    url: "https://shop.example/products/kite-05", image: new URL("media/kite.svg", location.href).href,
    sku: "K-05", brand: "Caofu Kites", variant: "black",
    description: "Bamboo and silk, painted in the Cao style; flies in a light breeze." },
];
const CONFIRM_MS = 600;

const player = document.getElementById("player");
const $ = (id) => document.getElementById(id);
window.shoppableEvents = [];
window.liveReady = false;

// ---- the event log ------------------------------------------------------------------------

function logLine(name, detail) {
  const item = document.createElement("li");
  const label = document.createElement("span");
  label.className = "name";
  label.textContent = name;
  item.append(label, " ", typeof detail === "string" ? detail : JSON.stringify(detail));
  $("log").prepend(item);
  while ($("log").children.length > 200) $("log").lastElementChild.remove();
}

for (const name of EVENTS) {
  player.addEventListener(name, (event) => {
    const { respondWith, ...detail } = event.detail || {};
    window.shoppableEvents.push({ type: name, detail });
    logLine(name, detail);
  });
}
$("clear").addEventListener("click", () => $("log").replaceChildren());

// ---- products: the timeline's and the show's ------------------------------------------------

/** The products the element knows now (its timeline getter). */
const products = () => player.timeline?.products ?? [];
let pinned = null;

const priceFormat = new Intl.NumberFormat("zh-CN", { style: "currency", currency: "CNY" });

function render() {
  const list = products();
  // Pin buttons.
  $("pin-buttons").replaceChildren(...list.map((product) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "chip";
    button.dataset.pin = product.id;
    button.textContent = product.title;
    button.setAttribute("aria-pressed", String(pinned === product.id));
    button.addEventListener("click", () => pin(product.id));
    return button;
  }));
  $("unpin").disabled = pinned === null;
  // Stock rows.
  $("stock").replaceChildren(...list.map((product) => {
    const row = document.createElement("li");
    const name = document.createElement("span");
    name.textContent = product.title;
    const state = document.createElement("span");
    const available = product.available !== false;
    state.className = available ? "in-stock" : "sold-out";
    state.textContent = available ? "In stock" : "Sold out";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "secondary small";
    button.dataset.stock = product.id;
    button.textContent = available ? "Mark sold out" : "Back in stock";
    button.addEventListener("click", () => setAvailable(product.id, !available));
    row.append(name, state, button);
    return row;
  }));
  // The product picker for new hotspots (keeps its choice).
  const chosen = $("spot-product").value;
  $("spot-product").replaceChildren(...list.map((product) => new Option(product.title, product.id)));
  if (list.some((product) => product.id === chosen)) $("spot-product").value = chosen;
  // "In this show": the viewer's product list under the stream.
  $("show-products").replaceChildren(...list.map((product) => {
    const item = document.createElement("li");
    item.className = "show-product";
    if (pinned === product.id) item.classList.add("presenting");
    if (product.available === false) item.classList.add("unavailable");
    const image = document.createElement("img");
    image.alt = "";
    image.src = product.image ? new URL(product.image, new URL("media/", location.href)).href : "";
    const title = document.createElement("span");
    title.className = "title";
    title.textContent = product.title;
    const prices = document.createElement("span");
    prices.className = "prices";
    const price = document.createElement("strong");
    price.textContent = priceFormat.format(product.price);
    prices.append(price);
    if (product.originalPrice) {
      const original = document.createElement("s");
      original.textContent = priceFormat.format(product.originalPrice);
      prices.append(" ", original);
    }
    const note = document.createElement("span");
    note.className = "note";
    note.textContent = product.available === false ? "Sold out" : pinned === product.id ? "Now presenting" : product.brand ?? "";
    item.append(image, title, prices, note);
    return item;
  }));
}

function pin(id) {
  player.pinProduct(id);
  pinned = id;
  logLine("host", id ? `pinned ${id}` : "unpinned");
  render();
}
$("unpin").addEventListener("click", () => pin(null));

function setAvailable(id, available) {
  const product = products().find((p) => p.id === id);
  if (!product) return;
  player.upsertProducts([{ ...product, available }]);
  logLine("host", `${id} ${available ? "back in stock" : "sold out"}`);
  render();
}

let showStarted = false;
player.addEventListener("shoppable-ready", () => {
  if (!showStarted) {
    showStarted = true;
    player.upsertProducts(LIVE_PRODUCTS);
  }
  render();
  window.liveReady = true;
});

// ---- carts: how the shop answers intents ------------------------------------------------------

let cart = 0;
const later = (value) => new Promise((resolve) => setTimeout(() => resolve(value), CONFIRM_MS));

player.addEventListener("shoppable-intent", (event) => {
  event.preventDefault(); // the shop handles checkout itself
  const mode = document.querySelector('input[name="carts"]:checked')?.value ?? "confirm";
  const { detail } = event;
  if (mode === "confirm") {
    detail.respondWith(later({ ok: true }).then((answer) => {
      cart += detail.quantity;
      $("cart-count").textContent = String(cart);
      return answer;
    }));
  } else if (mode === "soldout") {
    detail.respondWith(later({ ok: false, reason: "Sold out, sorry" }));
  } else {
    detail.respondWith(new Promise(() => {})); // never answers: the card times out
  }
});

// ---- hotspots placed by clicking the paused stream ---------------------------------------------

let spotCount = 0;

onPausedVideoClick(player, (event, video) => {
  const point = framePoint(video, event.clientX, event.clientY);
  if (!point) {
    $("spot-status").textContent = "That is outside the picture: click on the stream itself.";
    return;
  }
  const product = $("spot-product").value;
  if (!product) return;
  const t = video.currentTime;
  const hotspot = { id: `live-${++spotCount}`, product, start: t, end: t + 5, x: point.x, y: point.y };
  try {
    player.addHotspots([hotspot]);
  } catch (error) {
    $("spot-status").textContent = error.message;
    return;
  }
  $("spot-status").textContent = `Added ${hotspot.id} at ${t.toFixed(2)} s.`;
  logLine("host", `added ${JSON.stringify(hotspot)}`);
  const item = document.createElement("li");
  const label = document.createElement("span");
  const title = products().find((p) => p.id === product)?.title ?? product;
  label.textContent = `${hotspot.id}: ${title} at ${t.toFixed(1)}–${(t + 5).toFixed(1)} s, (${point.x}, ${point.y})`;
  const remove = document.createElement("button");
  remove.type = "button";
  remove.className = "secondary small";
  remove.textContent = "Remove";
  remove.addEventListener("click", () => {
    player.removeHotspots([hotspot.id]);
    logLine("host", `removed ${hotspot.id}`);
    item.remove();
  });
  item.append(label, remove);
  $("spots").append(item);
});

await init();
$("version").textContent = `shoppable-video ${version()}`;
