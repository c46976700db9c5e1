// Finishes pkg/ after wasm-bindgen, so it is what would be published to npm: package.json, the
// typings and custom-elements.json (both from types/, through tools/typings.mjs: wasm-bindgen's
// own .d.ts declares internal exports and is replaced), README.md (from tools/pkg-README.md,
// linking to the repository) and CHANGELOG.md.
import { readFileSync, writeFileSync, copyFileSync, rmSync } from "node:fs";
import { declarations, wasmDeclarations, manifest } from "./typings.mjs";

const cargo = readFileSync("Cargo.toml", "utf8");
const field = (name) => cargo.match(new RegExp(`^${name} = "([^"]*)"`, "m"))?.[1];
const version = field("version");
const repository = field("repository");

const FILES = {
  js: "shoppable_video.js",
  types: "shoppable_video.d.ts",
  wasm: "shoppable_video_bg.wasm",
  wasmTypes: "shoppable_video_bg.wasm.d.ts",
  elements: "custom-elements.json",
};

const packageJson = {
  name: "shoppable-video",
  version,
  description: field("description"),
  license: field("license"),
  repository: { type: "git", url: `git+${repository}.git` },
  homepage: `${repository}#readme`,
  bugs: `${repository}/issues`,
  type: "module",
  main: FILES.js,
  module: FILES.js,
  types: FILES.types,
  exports: {
    ".": { types: `./${FILES.types}`, default: `./${FILES.js}` },
    // For bundlers that need the .wasm as an asset (esbuild: init({ module_or_path })).
    [`./${FILES.wasm}`]: { types: `./${FILES.wasmTypes}`, default: `./${FILES.wasm}` },
    "./package.json": "./package.json",
    [`./${FILES.elements}`]: `./${FILES.elements}`,
  },
  files: [FILES.js, FILES.types, FILES.wasm, FILES.wasmTypes, "snippets/", FILES.elements, "README.md", "CHANGELOG.md"],
  // Importing the module does nothing by itself; init() defines the element.
  sideEffects: false,
  customElements: FILES.elements,
  keywords: ["video", "shoppable", "ecommerce", "hotspots", "custom-element", "web-component", "webassembly"],
};

const types = declarations(readFileSync("types/data.d.ts", "utf8"), version);
rmSync("pkg/shoppable_video_bg.wasm.d.ts", { force: true });
writeFileSync(`pkg/${FILES.types}`, types);
writeFileSync(`pkg/${FILES.wasmTypes}`, wasmDeclarations());
writeFileSync(`pkg/${FILES.elements}`, JSON.stringify(manifest(), null, 2) + "\n");
writeFileSync("pkg/package.json", JSON.stringify(packageJson, null, 2) + "\n");
writeFileSync("pkg/README.md", readFileSync("tools/pkg-README.md", "utf8").replaceAll("{repository}", repository));
copyFileSync("CHANGELOG.md", "pkg/CHANGELOG.md");
