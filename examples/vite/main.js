// Vite: nothing to configure. init() finds the .wasm with new URL(…, import.meta.url), which Vite bundles as an asset.
import init from "shoppable-video";

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

await init();
