// The live-commerce demo: a "livestream" with the host's console beside it. The host pins the
// presented product (pinProduct), marks products sold out (upsertProducts), adds hotspots by
// clicking the paused stream (addHotspots) and decides how carts are answered (respondWith);
// the viewer's side, the element, follows at once. Every event is logged.
//
// Two modes. By default the stream is the demo clip looping (media time). With `?stream` (or
// `?stream=<playlist URL>`) it is a real live HLS stream, by default the local origin that
// `make demo` starts (tests/live/origin.mjs), played with hls.js in the page's own <video>: the
// timeline is in program time, the page sets programTimeOffset from hls.js's fragments, and
// the console's "show this product in the stream now" has the origin write an EXT-X-DATERANGE
// hotspot into the playlist, which every viewer then sees at the same program moment.
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

const params = new URLSearchParams(location.search);
/** The live playlist in stream mode, else null. */
const streamUrl = params.has("stream") ? params.get("stream") || `http://${location.hostname}:8081/live.m3u8` : null;
/** The stream's own <video> in stream mode (hls.js plays into it). */
let streamVideo = null;
/** Where the demo clip shows each product (its first fixed hotspot), for hotspots put in the stream. */
const productSpots = new Map();

if (streamUrl) {
  // Before init(): the element gets the page's own <video> and a timeline in program time
  // (the clip's products, no hotspots: those come from the stream and the console).
  player.removeAttribute("src");
  player.removeAttribute("timeline");
  streamVideo = document.createElement("video");
  Object.assign(streamVideo, { muted: true, playsInline: true, controls: true, autoplay: true });
  player.append(streamVideo);
  const media = new URL("media/", location.href);
  const clip = await (await fetch(new URL("crafts.timeline.json", media))).json();
  for (const spot of clip.hotspots) {
    if (Number.isFinite(spot.x) && !productSpots.has(spot.product)) productSpots.set(spot.product, { x: spot.x, y: spot.y });
  }
  const products = clip.products.map((product) => ({ ...product, image: product.image && new URL(product.image, media).href }));
  player.timeline = { ...clip, clock: "program", products, hotspots: [] };
  $("stream-panel").hidden = false;
  $("mode-link").href = "live.html";
  $("mode-link").textContent = "the looping clip";
}

/** The program time (s since the epoch) of the frame shown now, in stream mode; else media time. */
function streamTime(video) {
  if (!streamUrl) return video.currentTime;
  // hls.js: the offset the page set; native HLS: the stream's start date.
  const offset = player.programTimeOffset ?? (video.getStartDate?.().getTime() ?? NaN) / 1000;
  return offset + video.currentTime;
}

/** A time for the console: seconds of media time, or the wall-clock time of a program time. */
function timeLabel(t) {
  return streamUrl ? new Date(t * 1000).toLocaleTimeString() : `${t.toFixed(1)} s`;
}

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
  for (const select of [$("spot-product"), $("stream-product")]) {
    const chosen = select.value;
    select.replaceChildren(...list.map((product) => new Option(product.title, product.id)));
    if (list.some((product) => product.id === chosen)) select.value = chosen;
  }
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
  const t = streamTime(video);
  if (!product || !Number.isFinite(t)) return;
  const hotspot = { id: `live-${++spotCount}`, product, start: t, end: t + 5, x: point.x, y: point.y };
  try {
    player.addHotspots([hotspot]);
  } catch (error) {
    $("spot-status").textContent = error.message;
    return;
  }
  $("spot-status").textContent = `Added ${hotspot.id} at ${timeLabel(t)}.`;
  logLine("host", `added ${JSON.stringify(hotspot)}`);
  const item = document.createElement("li");
  const label = document.createElement("span");
  const title = products().find((p) => p.id === product)?.title ?? product;
  label.textContent = `${hotspot.id}: ${title} at ${timeLabel(t)} for 5 s, (${point.x}, ${point.y})`;
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

// ---- the live HLS stream (stream mode) ----------------------------------------------------------

/** Asks the origin to put the chosen product into the stream now, for 8 s of the show. */
async function showInStream() {
  const product = $("stream-product").value;
  const spot = productSpots.get(product) ?? { x: 0.5, y: 0.45 };
  const body = { hotspot: { product, x: spot.x, y: spot.y, label: "On stream now" }, duration: 8 };
  try {
    const response = await fetch(new URL("/dateranges", streamUrl), {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
    const range = await response.json();
    $("stream-note").textContent = `In the stream at ${timeLabel(range.start)}: ${range.id}.`;
    logLine("host", range.tag);
  } catch (error) {
    $("stream-note").textContent = `The origin did not take it: ${error.message}`;
  }
}
$("stream-now").addEventListener("click", showInStream);

async function playStream() {
  const status = $("stream-status");
  status.hidden = false;
  status.textContent = "connecting to the live stream…";
  const { default: Hls } = await import("./vendor/hls.mjs");
  if (Hls.isSupported()) {
    const hls = new Hls({ workerPath: new URL("vendor/hls.worker.js", location.href).href });
    // The recipe of docs/LIVE.md: program time = media time + (a fragment's program date-time - its start).
    hls.on(Hls.Events.FRAG_CHANGED, (_, { frag }) => {
      if (Number.isFinite(frag.programDateTime)) player.programTimeOffset = frag.programDateTime / 1000 - frag.start;
    });
    hls.on(Hls.Events.ERROR, (_, data) => {
      if (data.fatal) status.textContent = `the live stream is unavailable (${data.details}): does \`make demo\` run?`;
    });
    hls.loadSource(streamUrl);
    hls.attachMedia(streamVideo);
    window.hls = hls;
  } else if (streamVideo.canPlayType("application/vnd.apple.mpegurl")) {
    streamVideo.src = streamUrl; // native HLS (Safari): the element reads getStartDate() itself
  }
  setInterval(() => {
    const program = streamTime(streamVideo);
    if (Number.isFinite(program)) {
      status.textContent = `${(Date.now() / 1000 - program).toFixed(1)} s behind live · ${new Date(program * 1000).toLocaleTimeString()}`;
    }
  }, 500);
}

await init();
$("version").textContent = `shoppable-video ${version()}`;
if (streamUrl) await playStream();
