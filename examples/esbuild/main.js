// esbuild: import the .wasm as a file (build with --loader:.wasm=file) and hand its URL to init();
// esbuild does not bundle what new URL(…, import.meta.url) names. The URL is relative to the bundle.
import init from "shoppable-video";
import wasmUrl from "shoppable-video/shoppable_video_bg.wasm";

const player = document.querySelector("shoppable-video");
const status = document.querySelector("#status");
const cart = document.querySelector("#cart");

player.addEventListener("shoppable-ready", (event) => {
  status.textContent = `Ready: ${event.detail.products} products, ${event.detail.hotspots} hotspots`;
});
player.addEventListener("shoppable-error", (event) => {
  status.textContent = `Error (${event.detail.code}): ${event.detail.message}`;
});
player.addEventListener("shoppable-intent", (event) => {
  event.preventDefault();   // this shop adds to its own cart instead of opening the product's page
  const item = document.createElement("li");
  item.dataset.productId = event.detail.productId;
  item.textContent = `${event.detail.action}: ${event.detail.items[0]?.item_name ?? event.detail.productId}`;
  cart.append(item);
});

await init({ module_or_path: new URL(wasmUrl, import.meta.url) });
