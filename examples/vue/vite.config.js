// The Vue 3 example. The one setting <shoppable-video> needs: tell Vue's template compiler it
// is a custom element, not a Vue component.
import { defineConfig } from "vite";
import vue from "@vitejs/plugin-vue";

export default defineConfig({
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === "shoppable-video" } } })],
  base: "./",
});
