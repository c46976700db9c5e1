// The package as npm publishes it: `npm pack pkg/`, installed into a fresh directory with no
// other dependency, then imported by Node and resolved by TypeScript the ways a host does.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const TSC = join(ROOT, "node_modules", ".bin", "tsc");
let dir;
let packed;

before(() => {
  dir = mkdtempSync(join(tmpdir(), "shoppable-video-install-"));
  const json = execFileSync("npm", ["pack", join(ROOT, "pkg"), "--pack-destination", dir, "--json"], { encoding: "utf8" });
  [packed] = JSON.parse(json);
  const app = join(dir, "app");
  execFileSync("mkdir", ["-p", app]);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "host-app", private: true, type: "module" }));
  execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--loglevel=error", join(dir, packed.filename)], { cwd: app });
});
after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

/** Runs an ES module's text in the fresh app (so "shoppable-video" resolves as installed); returns its JSON output. */
function runInApp(source) {
  const file = join(dir, "app", "check.mjs");
  writeFileSync(file, source);
  return JSON.parse(execFileSync(process.execPath, [file], { cwd: join(dir, "app"), encoding: "utf8" }));
}

test("the tarball holds the module, its .wasm, the typings, the manifest, the README and the CHANGELOG, and nothing else", () => {
  const files = packed.files.map((file) => file.path).sort();
  assert.deepEqual(files.filter((path) => !path.startsWith("snippets/")), [
    "CHANGELOG.md", "README.md", "custom-elements.json", "package.json", "shoppable_video.d.ts", "shoppable_video.js",
    "shoppable_video_bg.wasm", "shoppable_video_bg.wasm.d.ts",
  ]);
  assert.ok(files.some((path) => /^snippets\/[^/]+\/src\/web\/element\.js$/.test(path)), "the element's JS snippet");
  assert.equal(packed.name, "shoppable-video");
});

test("installed from the tarball, the package imports in Node, exports only init (default) and version, and every export of package.json resolves to a file", () => {
  const result = runInApp(`
    import * as module from "shoppable-video";
    import init, { version } from "shoppable-video";
    import { createRequire } from "node:module";
    import { fileURLToPath } from "node:url";
    import { existsSync } from "node:fs";
    const require = createRequire(import.meta.url);
    const manifest = require("shoppable-video/package.json");
    const elements = require("shoppable-video/custom-elements.json");
    const wasm = fileURLToPath(import.meta.resolve("shoppable-video/shoppable_video_bg.wasm"));
    console.log(JSON.stringify({
      exports: Object.keys(module).sort(), init: typeof init, version: typeof version, wasm: existsSync(wasm),
      customElements: manifest.customElements, sideEffects: manifest.sideEffects, subpaths: Object.keys(manifest.exports),
      tags: elements.modules.flatMap((m) => m.declarations).filter((d) => d.customElement).map((d) => d.tagName),
    }));
  `);
  assert.deepEqual(result, {
    exports: ["default", "version"], init: "function", version: "function", wasm: true,
    customElements: "custom-elements.json", sideEffects: false,
    subpaths: [".", "./shoppable_video_bg.wasm", "./package.json", "./custom-elements.json"],
    tags: ["shoppable-video"],
  });
});

test("the package.json says where its repository, README and typings are", () => {
  const manifest = JSON.parse(readFileSync(join(dir, "app", "node_modules", "shoppable-video", "package.json"), "utf8"));
  const cargo = readFileSync(join(ROOT, "Cargo.toml"), "utf8");
  const repository = cargo.match(/^repository = "([^"]*)"/m)[1];
  assert.equal(manifest.homepage, `${repository}#readme`);
  assert.equal(manifest.types, "shoppable_video.d.ts");
  assert.deepEqual(manifest.exports["."], { types: "./shoppable_video.d.ts", default: "./shoppable_video.js" });
  const readme = readFileSync(join(dir, "app", "node_modules", "shoppable-video", "README.md"), "utf8");
  assert.ok(readme.includes(`${repository}#readme`), "pkg/README.md links to the project's README");
  assert.ok(readme.includes(`${repository}/blob/main/docs/API.md`), "pkg/README.md links to the API reference");
});

for (const resolution of ["bundler", "nodenext"]) {
  test(`TypeScript (moduleResolution ${resolution}, --strict, no React or Vue installed) resolves the module, the .wasm subpath and package.json from the installed package`, () => {
    const app = join(dir, "app");
    writeFileSync(join(app, "host.ts"), [
      'import init, { version, type ShoppableVideoElement } from "shoppable-video";',
      'import wasmUrl from "shoppable-video/shoppable_video_bg.wasm";',
      'import manifest from "shoppable-video/package.json" with { type: "json" };',
      "await init({ module_or_path: new URL(wasmUrl, import.meta.url) });",
      "const player: ShoppableVideoElement | null = document.querySelector(\"shoppable-video\");",
      "player?.addEventListener(\"shoppable-intent\", (event) => console.log(event.detail.productId, version(), manifest.version));",
      "export {};",
    ].join("\n"));
    writeFileSync(join(app, "tsconfig.json"), JSON.stringify({
      compilerOptions: {
        strict: true, noEmit: true, target: "es2022", lib: ["es2022", "dom"], types: [], skipLibCheck: false,
        module: resolution === "bundler" ? "esnext" : "nodenext", moduleResolution: resolution, resolveJsonModule: true,
      },
      files: ["host.ts"],
    }));
    try {
      execFileSync(TSC, ["-p", app], { cwd: app, encoding: "utf8" });
    } catch (error) {
      assert.fail(`tsc failed:\n${error.stdout}${error.stderr}`);
    }
    assert.ok(existsSync(join(app, "node_modules", "shoppable-video", "shoppable_video_bg.wasm.d.ts")));
  });
}
