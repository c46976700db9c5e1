// init() first, then mount: Vue sets `timeline` (and any attribute the element has as a
// property) as a property once the element is defined.
import { createApp } from "vue";
import init from "shoppable-video";
import App from "./App.vue";

await init();
createApp(App).mount("#app");
