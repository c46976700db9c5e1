// init() first, then the first render: the element is defined when React creates it, so React
// sets `timeline` as a property (a URL string here; an object works the same).
import { createRoot } from "react-dom/client";
import init from "shoppable-video";
import { Shop } from "./Shop.jsx";

await init();
createRoot(document.querySelector("#root")).render(<Shop timeline="/media/crafts.timeline.json" />);
