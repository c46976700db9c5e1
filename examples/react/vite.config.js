// The React 19 example: two pages, one per order of init() and the first render.
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

export default defineConfig({
  plugins: [react()],
  base: "./",
  build: {
    rollupOptions: { input: { main: "index.html", "render-first": "render-first.html" } },
  },
});
