// Writes pkg/package.json and pkg/README.md after wasm-bindgen, so pkg/ is what would be
// published to npm: an ES module that defines <shoppable-video> when its init() resolves.
import { readFileSync, writeFileSync, copyFileSync } from "node:fs";

const cargo = readFileSync("Cargo.toml", "utf8");
const field = (name) => cargo.match(new RegExp(`^${name} = "([^"]*)"`, "m"))?.[1];

const manifest = {
  name: "shoppable-video",
  version: field("version"),
  description: field("description"),
  license: field("license"),
  type: "module",
  module: "shoppable_video.js",
  main: "shoppable_video.js",
  types: "shoppable_video.d.ts",
  exports: {
    ".": { types: "./shoppable_video.d.ts", default: "./shoppable_video.js" },
    "./shoppable_video_bg.wasm": "./shoppable_video_bg.wasm",
  },
  files: ["shoppable_video.js", "shoppable_video.d.ts", "shoppable_video_bg.wasm", "snippets/", "README.md"],
  // Importing the module does nothing by itself; init() defines the element.
  sideEffects: false,
  keywords: ["video", "shoppable", "ecommerce", "hotspots", "custom-element", "webassembly"],
};
writeFileSync("pkg/package.json", JSON.stringify(manifest, null, 2) + "\n");
copyFileSync("tools/pkg-README.md", "pkg/README.md");
