// init() first, then the first render with the timeline as an object: React sets the property.
// (Before init() React would set an object as the attribute "[object Object]": pass objects only
// once init() has resolved.) Its `shoppable-ready` reaches the `onshoppable-ready` prop: see Shop.jsx.
import { createRoot } from "react-dom/client";
import init from "shoppable-video";
import { Shop } from "./Shop.jsx";
import { timeline } from "./timeline.js";

await init();
createRoot(document.querySelector("#root")).render(<Shop timeline={timeline} readyProp />);
