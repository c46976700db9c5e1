// The React 19 example: a page per order of init() and the first render, and one that sets
// the timeline as an object.
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

export default defineConfig({
  plugins: [react()],
  base: "./",
  build: {
    rollupOptions: { input: { main: "index.html", "render-first": "render-first.html", object: "object.html" } },
  },
});
