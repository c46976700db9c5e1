// Every member of the public API, used as a TypeScript host would: each line must compile
// under --strict with the published typings (tests/types/tsconfig.json, `make test-types`).
import init, { version } from "shoppable-video";
import type {
  ShoppableVideoElement, ShoppableTimeline, ShoppableTimelineSnapshot, ShoppableHotspot,
  ShoppableProduct, ShoppableIntentDetail, ShoppableErrorCode, ShoppableTypeError, ShoppableStrings,
  ShoppableVideoEventMap, InitInput,
} from "shoppable-video";
import wasmUrl from "shoppable-video/shoppable_video_bg.wasm";

/** Compiles only when `A` and `B` are the same type. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
function expectType<T extends true>(_: T) {}

// --- the module
await init();
await init({ module_or_path: wasmUrl });
await init({ module_or_path: new URL("/pkg/shoppable_video_bg.wasm", location.href) });
await init({ module_or_path: fetch("/pkg/shoppable_video_bg.wasm") });
const input: InitInput = new Uint8Array(8);
void input;
const v: string = version();
void v;

// --- the element from the DOM
const player = document.querySelector("shoppable-video");
expectType<Equal<typeof player, ShoppableVideoElement | null>>(true);
const created = document.createElement("shoppable-video");
expectType<Equal<typeof created, ShoppableVideoElement>>(true);
if (!player) throw new Error("no player");

// --- attributes are plain attributes
player.setAttribute("timeline", "/media/crafts.timeline.json");
player.setAttribute("tap-action", "intent");
player.setAttribute("fullscreen-button", "off");
player.toggleAttribute("datalayer", true);

// --- timeline: get the snapshot or null; set an object or a URL string
const timeline: ShoppableTimeline = {
  version: 1,
  clock: "media",
  currency: "CNY",
  products: [{ id: "vase-01", title: "Cloisonne vase", price: 1280, originalPrice: 1580, available: true,
    url: "https://shop.example/vase-01", image: "vase.svg", sku: "V-01", brand: "Jingtailan", variant: "blue", description: "…" }],
  hotspots: [
    { id: "h1", product: "vase-01", start: 2, end: 6.5, x: 0.42, y: 0.61 },
    { id: "h2", product: "vase-01", start: 7, end: 9, easing: "ease-in-out", label: "Follow the vase",
      keyframes: [{ t: 7, x: 0.1, y: 0.5 }, { t: 9, x: 0.8, y: 0.4 }] },
  ],
};
player.timeline = timeline;
player.timeline = "/media/crafts.timeline.json";
player.timeline = { version: 1, clock: "program" };
const current = player.timeline;
expectType<Equal<typeof current, ShoppableTimelineSnapshot | null>>(true);
if (current) {
  const hotspots: ShoppableHotspot[] = current.hotspots;   // lists are always there when read back
  const products: ShoppableProduct[] = current.products;
  const first = hotspots[0];
  if (first && first.keyframes) console.log(first.keyframes[0]?.t, first.easing);
  else if (first) console.log(first.x + first.y);
  console.log(products.length, current.clock);
}

// --- strings, programTimeOffset
const words: ShoppableStrings = player.strings;
console.log(words["buy"]);
player.strings = { buy: "Get it" };
player.strings = null;
player.programTimeOffset = 1_795_000_000 - 6;
const offset: number = player.programTimeOffset;
void offset;

// --- read-only state
const video: HTMLVideoElement | null = player.video;
video?.play();
const active: string[] = player.activeHotspots;
void active;
// @ts-expect-error video is read-only
player.video = document.createElement("video");
// @ts-expect-error activeHotspots is read-only
player.activeHotspots = [];

// --- methods
player.addHotspots([{ id: "h9", product: "vase-01", start: 12, end: 20, x: 0.5, y: 0.4 }]);
const live: readonly ShoppableHotspot[] = [{ id: "h10", product: "vase-01", start: 1, end: 2, keyframes: [{ t: 1, x: 0, y: 0 }] }];
player.addHotspots(live);
try {
  player.upsertProducts([{ id: "vase-01", available: false }]);
} catch (error) {
  for (const problem of (error as ShoppableTypeError).errors) console.warn(problem.path, problem.message);
}
player.removeHotspots(["h9", "h10"]);
player.pinProduct("vase-01");
player.pinProduct(null);

// --- events on the element: typed add and remove
function onIntent(event: CustomEvent<ShoppableIntentDetail>) {
  event.preventDefault();
  const { intentId, action, productId, hotspotId, source, videoTime, position, quantity, timestamp, items } = event.detail;
  console.log(intentId, action === "buy_now" || action === "add_to_cart", productId, hotspotId?.length, source, videoTime,
    position?.x, quantity, timestamp, items[0]?.item_id, items[0]?.item_brand);
  event.detail.respondWith(Promise.resolve({ ok: false, reason: "Sold out" }));
}
player.addEventListener("shoppable-intent", onIntent);
player.removeEventListener("shoppable-intent", onIntent);
player.addEventListener("shoppable-ready", (event) => console.log(event.detail.products + event.detail.hotspots), { once: true });
player.addEventListener("shoppable-error", (event) => {
  const code: ShoppableErrorCode = event.detail.code;
  if (code === "internal" || code === "timeline-fetch" || code === "invalid-timeline") console.log(event.detail.message);
  for (const { path, message } of event.detail.errors) console.log(path, message);
});
player.addEventListener("shoppable-hotspot-show", (event) => console.log(event.detail.hotspotId, event.detail.productId, event.detail.videoTime));
player.addEventListener("shoppable-hotspot-hide", function (event) {
  expectType<Equal<typeof this, ShoppableVideoElement>>(true);
  console.log(event.detail.videoTime);
});
player.addEventListener("shoppable-select", (event) => console.log(event.detail.source, event.detail.hotspotId));
player.addEventListener("click", (event) => console.log(event.clientX));   // an HTMLElement's own events still typed
player.addEventListener("anything-else", (event) => console.log(event.type));

// --- the events bubble: document and window listeners are typed too
const onDocumentIntent = (event: ShoppableVideoEventMap["shoppable-intent"]) => console.log(event.detail.productId);
document.addEventListener("shoppable-intent", onDocumentIntent);
document.removeEventListener("shoppable-intent", onDocumentIntent);
window.addEventListener("shoppable-select", (event) => console.log(event.detail.productId));
document.addEventListener("keydown", (event) => console.log(event.key));

// --- details are read-only
player.addEventListener("shoppable-ready", (event) => {
  // @ts-expect-error event details are frozen
  event.detail.products = 3;
});

// --- wrong types are refused
// @ts-expect-error a timeline needs version 1
player.timeline = { version: 2, products: [], hotspots: [] };
// @ts-expect-error tap-action has two values (JSX/Vue props type)
const props: import("shoppable-video").ShoppableVideoProps = { "tap-action": "buy" };
void props;
// @ts-expect-error the error code is one of three
const bad: ShoppableErrorCode = "network";
void bad;
