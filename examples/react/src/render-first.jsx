// The first render, then init(): React creates <shoppable-video> before it is defined and sets
// `timeline` as an attribute (pass a URL string in this order: an object would become the
// attribute "[object Object]"). init() then upgrades the element in place.
import { flushSync } from "react-dom";
import { createRoot } from "react-dom/client";
import init from "shoppable-video";
import { Shop } from "./Shop.jsx";

const root = createRoot(document.querySelector("#root"));
flushSync(() => root.render(<Shop timeline="/media/crafts.timeline.json" />));
// What the page proves: the element was in the page, undefined, before init().
document.body.dataset.renderedBeforeInit = String(
  document.querySelector("shoppable-video") !== null && customElements.get("shoppable-video") === undefined);
await init();
